/*
 * ui_form.h - forms: labelled fields edited in a box, with validation
 * messages beside the fields and a few lines of live preview below.
 *
 * The form owns its fields; the caller fills them, runs the form, reads the
 * fields back. Buttons and pickers call back into the caller.
 */
#ifndef HEARTH_UI_FORM_H
#define HEARTH_UI_FORM_H

#include "ui_field.h"

enum field_type {
	F_TEXT,          /* free text */
	F_CHOICE,        /* one of choices: Left/Right cycle, Enter picks */
	F_TOGGLE,        /* yes/no: Space */
	F_DAYS,          /* seven weekday toggles: Left/Right, Space */
	F_BUTTON,        /* Enter runs activate */
};

struct form;

struct form_field {
	enum field_type type;
	int id;                  /* the caller's tag */
	char *label;
	struct textfield tf;     /* F_TEXT */
	char **choices;          /* F_CHOICE: owned strings */
	size_t n_choices, choice;
	bool on;                 /* F_TOGGLE */
	unsigned days;           /* F_DAYS: bit 0 = Monday */
	int day_cursor;
	char *value;             /* F_BUTTON: text shown as its value */
	char *error;             /* validation message, shown beside */
	char *note;              /* a hint shown beside (how a date reads) */
	bool hidden;
};

/* What the caller is told about. */
struct form_ops {
	/* A field changed: update notes, other fields, the preview. */
	void (*changed)(struct ui *u, struct form *f, struct form_field *ff);
	/* Enter on a button or a picker choice. An activate that sets
	 * f->self_marked has set f->changed itself (only when something
	 * changed); otherwise the form counts the activation as a change. */
	void (*activate)(struct ui *u, struct form *f, struct form_field *ff);
	/* Save asked: check, set errors, return true to close the form. */
	bool (*save)(struct ui *u, struct form *f);
	/* The form is being abandoned by a signal: keep a draft. */
	void (*draft)(struct ui *u, struct form *f);
};

struct form {
	char *title;
	struct form_field *fields;
	size_t n, cap;
	size_t focus, top;
	bool changed;            /* anything edited since opening */
	bool done;               /* set by a button that saved the form */
	bool self_marked;        /* activate said itself whether it changed */
	bool on_top;             /* no picker over it: its key bar shows */
	struct strv preview;     /* lines under the fields */
	const struct form_ops *ops;
	void *ctx;
};

enum form_result { FORM_SAVED, FORM_CANCELLED, FORM_QUIT };

void form_init(struct form *f, const char *title, const struct form_ops *ops,
	       void *ctx);
void form_free(struct form *f);
struct form_field *form_add(struct form *f, enum field_type type, int id,
			    const char *label);
struct form_field *form_get(struct form *f, int id);
void field_set_text(struct form_field *ff, const char *text);
/* The text of a field as UTF-8 (caller frees). */
char *field_text(const struct form_field *ff);
void field_add_choice(struct form_field *ff, const char *choice);
void field_set_error(struct form_field *ff, const char *msg);
void field_set_note(struct form_field *ff, const char *msg);
void field_set_value(struct form_field *ff, const char *value);
/* Clears every error before a new check. */
void form_clear_errors(struct form *f);
enum form_result form_run(struct ui *u, struct form *f);

#endif
