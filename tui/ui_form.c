/* ui_form.c - running a form: focus, editing, drawing, save and cancel. */
#include "ui_form.h"

#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/text.h"

#define LABEL_W 14

void form_init(struct form *f, const char *title, const struct form_ops *ops,
	       void *ctx)
{
	memset(f, 0, sizeof *f);
	f->title = xstrdup(title);
	f->ops = ops;
	f->ctx = ctx;
}

static void field_free(struct form_field *ff)
{
	free(ff->label);
	tf_free(&ff->tf);
	for (size_t i = 0; i < ff->n_choices; i++)
		free(ff->choices[i]);
	free(ff->choices);
	free(ff->value);
	free(ff->error);
	free(ff->note);
}

void form_free(struct form *f)
{
	for (size_t i = 0; i < f->n; i++)
		field_free(&f->fields[i]);
	free(f->fields);
	free(f->title);
	strv_free(&f->preview);
	memset(f, 0, sizeof *f);
}

struct form_field *form_add(struct form *f, enum field_type type, int id,
			    const char *label)
{
	struct form_field *ff;

	f->fields = xgrow(f->fields, &f->cap, f->n + 1, sizeof *f->fields);
	ff = &f->fields[f->n++];
	memset(ff, 0, sizeof *ff);
	ff->type = type;
	ff->id = id;
	ff->label = xstrdup(label);
	tf_set(&ff->tf, "");
	return ff;
}

struct form_field *form_get(struct form *f, int id)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->fields[i].id == id)
			return &f->fields[i];
	return NULL;
}

void field_set_text(struct form_field *ff, const char *text)
{
	tf_set(&ff->tf, text);
}

char *field_text(const struct form_field *ff)
{
	return tf_get(&ff->tf);
}

void field_add_choice(struct form_field *ff, const char *choice)
{
	ff->choices = xrealloc(ff->choices, (ff->n_choices + 1) * sizeof(char *));
	ff->choices[ff->n_choices++] = xstrdup(choice);
}

static void set_owned(char **slot, const char *msg)
{
	free(*slot);
	*slot = msg && *msg ? xstrdup(msg) : NULL;
}

void field_set_error(struct form_field *ff, const char *msg)
{
	set_owned(&ff->error, msg);
}

void field_set_note(struct form_field *ff, const char *msg)
{
	set_owned(&ff->note, msg);
}

void field_set_value(struct form_field *ff, const char *value)
{
	set_owned(&ff->value, value);
}

void form_clear_errors(struct form *f)
{
	for (size_t i = 0; i < f->n; i++)
		field_set_error(&f->fields[i], NULL);
}

static bool visible(const struct form *f, size_t i)
{
	return i < f->n && !f->fields[i].hidden;
}

/* Entering a text field selects its text, as dialog boxes do: typing
 * replaces it, a cursor key edits it in place. */
static void enter_field(struct form *f, size_t i)
{
	f->focus = i;
	if (f->fields[i].type == F_TEXT)
		tf_select_all(&f->fields[i].tf);
}

static void step_focus(struct form *f, int dir)
{
	size_t i = f->focus;

	if (f->fields[i].type == F_TEXT)
		f->fields[i].tf.selected = false;
	for (size_t tries = 0; tries < f->n; tries++) {
		i = (i + f->n + (size_t)(dir > 0 ? 1 : f->n - 1)) % f->n;
		if (visible(f, i)) {
			enter_field(f, i);
			return;
		}
	}
}

static void draw_days(const struct form_field *ff, int y, int x, bool focused)
{
	/* TRANSLATORS: weekdays as two-letter toggles in the schedule editor. */
	static const char *const names[] = { N_("Mo"), N_("Tu"), N_("We"),
		N_("Th"), N_("Fr"), N_("Sa"), N_("Su") };

	for (int d = 0; d < 7; d++) {
		bool on = ff->days & (1u << d);
		char *cell = xasprintf("%s%s", on ? "●" : "·", _(names[d]));
		attr_t at = on ? A_BOLD : A_DIM;
		if (focused && d == ff->day_cursor)
			at |= A_REVERSE;
		ui_put(y, x + d * 5, 4, cell, at);
		free(cell);
	}
}

/* The value part of a field; returns its width. */
static int draw_value(struct form_field *ff, int y, int x, int w, bool focused)
{
	attr_t sel = focused ? A_REVERSE : A_NORMAL;

	switch (ff->type) {
	case F_TEXT:
		tf_draw(&ff->tf, y, x, w, focused);
		return w;
	case F_CHOICE: {
		char *v = xasprintf("‹ %s ›", ff->n_choices
				    ? ff->choices[ff->choice] : "");
		int vw = text_width(v);
		ui_put(y, x, vw < w ? vw : w, v, sel);
		free(v);
		return vw < w ? vw : w;
	}
	case F_TOGGLE:
		ui_put(y, x, 5, ff->on ? _("[x]") : _("[ ]"), sel);
		return 5;
	case F_DAYS:
		draw_days(ff, y, x, focused);
		return 35;
	case F_BUTTON: {
		char *v = xasprintf("[ %s ]", ff->value ? ff->value : "…");
		int vw = text_width(v);
		ui_put(y, x, vw < w ? vw : w, v, sel | A_BOLD);
		free(v);
		return vw < w ? vw : w;
	}
	}
	return 0;
}

static void draw_form(struct ui *u, void *ctx)
{
	struct form *f = ctx;
	int h = ui_body_rows(u), w = u->cols, y0 = ui_body_top();
	int list_h = h - 3 - (int)f->preview.n, value_w, row = 0;
	size_t shown = 0;

	if (list_h < 3)
		list_h = 3;
	ui_frame(y0, 0, h, w, f->title);
	/* Room for the value, then for a message beside it. */
	value_w = (w - LABEL_W - 6) * 3 / 5;
	if (value_w > 60)
		value_w = 60;
	if (f->focus < f->top)
		f->top = f->focus;
	for (size_t i = f->top; i <= f->focus && i < f->n; i++)
		shown += visible(f, i);
	while (shown > (size_t)list_h && f->top < f->focus)
		shown -= visible(f, f->top++);
	for (size_t i = f->top; i < f->n && row < list_h; i++) {
		struct form_field *ff = &f->fields[i];
		int y = y0 + 1 + row, used;
		if (ff->hidden)
			continue;
		ui_put(y, 2, LABEL_W, ff->label, i == f->focus ? A_BOLD : A_NORMAL);
		if (ff->error)
			ui_put(y, 2 + LABEL_W + value_w + 2, w - LABEL_W - value_w - 5,
			       ff->error, ui_attr_error(u));
		else if (ff->note)
			ui_put(y, 2 + LABEL_W + value_w + 2, w - LABEL_W - value_w - 5,
			       ff->note, A_DIM);
		used = draw_value(ff, y, 2 + LABEL_W, value_w, false);
		(void)used;
		row++;
	}
	for (size_t i = 0; i < f->preview.n; i++)
		ui_put(y0 + h - 1 - (int)f->preview.n + (int)i, 2, w - 4,
		       f->preview.v[i], A_DIM);
	if (!u->status[0] && f->on_top)
		ui_put_status(u,
		       _("C-s save  Esc cancel  Tab/↓ next field  ↑ previous  "
			 "Enter choose  ? keys"), A_DIM);
	/* The focused field last, so that the cursor ends up in it. */
	if (visible(f, f->focus)) {
		int y = y0 + 1, r = 0;
		for (size_t i = f->top; i < f->focus; i++)
			r += visible(f, i);
		y += r;
		if (r < list_h)
			draw_value(&f->fields[f->focus], y, 2 + LABEL_W, value_w, true);
	}
}

static bool key_is(const struct key *k, wint_t ch)
{
	return !k->is_key && k->ch == ch;
}

/* Edits the focused field; true when the key was used. */
static bool field_key(struct ui *u, struct form *f, struct form_field *ff,
		      const struct key *k)
{
	bool enter = key_is(k, '\n') || key_is(k, '\r') ||
		     (k->is_key && k->ch == KEY_ENTER);

	switch (ff->type) {
	case F_TEXT:
		return tf_key(&ff->tf, k);
	case F_CHOICE:
		if (k->is_key && (k->ch == KEY_LEFT || k->ch == KEY_RIGHT) &&
		    ff->n_choices) {
			ff->choice = (ff->choice + (k->ch == KEY_RIGHT ? 1
					: ff->n_choices - 1)) % ff->n_choices;
			return true;
		}
		if (enter && f->ops->activate) {
			f->ops->activate(u, f, ff);
			return true;
		}
		return false;
	case F_TOGGLE:
		if (key_is(k, ' ') || enter) {
			ff->on = !ff->on;
			return true;
		}
		return false;
	case F_DAYS:
		if (k->is_key && k->ch == KEY_LEFT && ff->day_cursor > 0)
			ff->day_cursor--;
		else if (k->is_key && k->ch == KEY_RIGHT && ff->day_cursor < 6)
			ff->day_cursor++;
		else if (key_is(k, ' ') || enter)
			ff->days ^= 1u << ff->day_cursor;
		else
			return false;
		return true;
	case F_BUTTON:
		if (enter && f->ops->activate) {
			f->ops->activate(u, f, ff);
			return true;
		}
		return false;
	}
	return false;
}

static bool ask_discard(struct ui *u, struct form *f)
{
	return !f->changed || ui_confirm(u, _("Discard your changes?"));
}

/* Moves between fields; true when the key did. */
static bool focus_key(struct form *f, const struct key *k)
{
	struct form_field *ff = &f->fields[f->focus];
	bool enter = key_is(k, '\n') || key_is(k, '\r') ||
		     (k->is_key && k->ch == KEY_ENTER);

	if (key_is(k, '\t') || (k->is_key && k->ch == KEY_DOWN) ||
	    (enter && (ff->type == F_TEXT || ff->type == F_TOGGLE))) {
		step_focus(f, +1);
		return true;
	}
	if ((k->is_key && (k->ch == KEY_BTAB || k->ch == KEY_UP))) {
		step_focus(f, -1);
		return true;
	}
	return false;
}

/* What the form's key loop keeps between keys. */
struct form_loop {
	struct form *f;
	enum form_result result;
};

static void form_loop_draw(struct ui *u, void *ctx)
{
	struct form_loop *run = ctx;
	run->f->on_top = ui_on_top(u, run);
	draw_form(u, run->f);
}

/* ? in a form: its keys, those of the kinds of field it has. */
static void form_help(struct ui *u, const struct form *f)
{
	static const struct key_help common[] = {
		{ "Tab ↓", N_("next field") },
		{ "S-Tab ↑", N_("previous field") },
		{ "C-s F2", N_("save") },
		{ "Esc", N_("cancel (after asking, when something changed)") },
		{ "? F1", N_("these keys (F1 in a text field holding text)") },
	}, text[] = {
		{ "abc…", N_("typing replaces the whole text on entering a field; "
				   "← → Home End first keep it to edit") },
		{ "← → Home End", N_("move in the text") },
		{ "C-u", N_("delete to the start of the text") },
		{ "C-k", N_("delete to the end of the text") },
		{ "C-w", N_("delete the word before the cursor") },
	}, choice[] = {
		{ "← →", N_("change a choice (‹ ›)") },
		{ "Enter", N_("pick a choice from a list; open a button [ ]") },
	}, toggle[] = {
		{ "Space", N_("tick or untick a box [x]") },
	}, days[] = {
		{ "← →", N_("go to a weekday") },
		{ "Space", N_("toggle the weekday") },
	};
	struct key_help all[32];
	size_t n = 0;
	bool has[F_BUTTON + 1] = { false };

	for (size_t i = 0; i < f->n; i++)
		if (!f->fields[i].hidden)
			has[f->fields[i].type] = true;
#define ADD(tab) do { for (size_t i_ = 0; i_ < sizeof tab / sizeof *tab; i_++) \
		all[n++] = tab[i_]; } while (0)
	ADD(common);
	if (has[F_TEXT])
		ADD(text);
	if (has[F_CHOICE] || has[F_BUTTON])
		ADD(choice);
	if (has[F_TOGGLE])
		ADD(toggle);
	if (has[F_DAYS])
		ADD(days);
#undef ADD
	ui_help_list(u, f->title, all, n);
}

static int form_key(struct ui *u, const struct key *k, void *ctx)
{
	struct form_loop *run = ctx;
	struct form *f = run->f;

	u->status[0] = '\0';
	if (key_is(k, 19) || (k->is_key && k->ch == KEY_F(2))) { /* C-s */
		if (!f->ops->save(u, f))
			return UI_MODAL_GO;
		run->result = FORM_SAVED;
		return UI_MODAL_DONE;
	}
	if (key_is(k, 27) || key_is(k, 3) || key_is(k, 7)) {
		if (!ask_discard(u, f))
			return UI_MODAL_GO;
		run->result = FORM_CANCELLED;
		return UI_MODAL_DONE;
	}
	struct form_field *ff = &f->fields[f->focus];
	char *before = ff->type == F_TEXT ? field_text(ff) : NULL;
	if (ui_is_help_key(k, before && *before)) {
		free(before);
		form_help(u, f);
		return UI_MODAL_GO;
	}
	if (field_key(u, f, ff, k)) {
		if (f->done) {
			free(before);
			run->result = FORM_SAVED;
			return UI_MODAL_DONE;
		}
		char *after = before ? field_text(ff) : NULL;
		bool self_marked = f->self_marked;
		f->self_marked = false;
		/* Moving the cursor in a text field changes nothing. */
		if (self_marked) {
			if (f->changed && f->ops->changed)
				f->ops->changed(u, f, ff);
		} else if (!before || strcmp(before, after) != 0) {
			f->changed = true;
			if (f->ops->changed)
				f->ops->changed(u, f, ff);
		}
		free(before);
		free(after);
		return UI_MODAL_GO;
	}
	free(before);
	focus_key(f, k);
	return UI_MODAL_GO;
}

enum form_result form_run(struct ui *u, struct form *f)
{
	struct form_loop run = { f, FORM_QUIT };
	const struct ui_modal m = { form_loop_draw, NULL, form_key, &run };

	if (!visible(f, f->focus))
		step_focus(f, +1);
	else
		enter_field(f, f->focus);
	if (ui_modal(u, &m) == UI_KEY_QUIT) {
		/* The session ends: what was typed is kept as a draft. */
		if (f->changed && f->ops->draft)
			f->ops->draft(u, f);
		return FORM_QUIT;
	}
	return run.result;
}
