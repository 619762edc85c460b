/*
 * config.h - the configuration file and the kinds of event.
 *
 * The file ($XDG_CONFIG_HOME/hearth/config unless a path is given) is INI,
 * read with inih. Sections [general] and [kind KEY] are interpreted here;
 * the sections that belong to a front end ([keys], [colors]) are kept as
 * entries with their line numbers so that the front end can check them and
 * name the line of a bad one. Every problem is reported as "FILE:LINE: ...".
 *
 * Six kinds are built in; a [kind KEY] section adds a kind or changes a
 * built-in one (label, per-language labels, colour, default duration,
 * default segments).
 */
#ifndef HEARTH_CONFIG_H
#define HEARTH_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "series.h"
#include "util.h"

struct kind {
	char *key;              /* what is stored and typed: "warm-station" */
	char *label;            /* default label */
	struct strv labels;     /* "LANG=label" for other languages */
	char *colour;           /* a colour name, see config_colour_valid */
	int64_t duration;       /* default length in seconds */
	struct strv segments;   /* default segments: "title" or "HH:MM-HH:MM title" */
	bool builtin;           /* one of the six built-in kinds */
	bool label_translated;  /* label is hearth's own, shown translated */
	size_t n_translated;    /* the first n segments are hearth's own */
	bool segments_set;      /* the config file listed its own segments */
};

/* An option for a front end, with where it was written. */
struct config_entry {
	char *section, *name, *value;
	int line;
};

struct config {
	char *path;             /* the file read, or NULL */
	char *timezone;         /* zone for display (the system's unless set) */
	bool timezone_set;      /* the file set it: it wins over the calendar's */
	char *database;         /* database path, or NULL for the default */
	int week_start;         /* 0 = Monday .. 6 = Sunday */
	struct kind *kinds;
	size_t n_kinds, cap_kinds;
	struct config_entry *entries;
	size_t n_entries, cap_entries;
};

/* Built-in defaults: the system zone, Monday, the six kinds. */
void config_init(struct config *c);
void config_free(struct config *c);
/*
 * Reads path over the defaults. A missing file is an error only when
 * required (the user named it); the default file is optional.
 */
int config_load(struct config *c, const char *path, bool required,
		struct herr *err);
/* Reads INI text (for tests); name is used in messages. */
int config_load_string(struct config *c, const char *text, const char *name,
		       struct herr *err);
/* $XDG_CONFIG_HOME/hearth/config or ~/.config/hearth/config (caller frees). */
char *config_default_path(void);

const struct kind *config_kind(const struct config *c, const char *key);
/* The label of k in the language of LC_MESSAGES, else its default label. */
const char *kind_label(const struct kind *k);
/*
 * Default segment i of k, as a segment whose strings point into k (or into
 * the message catalogue): do not free them.
 */
struct segment kind_segment(const struct kind *k, size_t i);
/* The label of the kind called key, or key itself when it is unknown. */
const char *config_kind_label(const struct config *c, const char *key);
/* True for black, red, green, yellow, blue, magenta, cyan, white, default. */
bool config_colour_valid(const char *name);

#endif
