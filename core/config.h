/*
 * config.h - the configuration file and the kinds of event.
 *
 * The file ($XDG_CONFIG_HOME/hearth/config unless a path is given) is INI,
 * read with inih. Sections [general], [kind KEY] and [colors] are
 * interpreted here; [keys], whose actions and key names are the
 * interface's (tui/keytab.h), is kept as entries with their line numbers,
 * which the application context checks at start-up for every front end
 * (app_setup). Every problem is reported as "FILE:LINE: ...", and so is a
 * section written twice and a line holding a NUL byte.
 *
 * Six kinds are built in; a [kind KEY] section adds a kind or changes a
 * built-in one (label, per-language labels, colour, default duration,
 * default segments). The categories of tallies ([category KEY]) and the
 * topics of suggestions ([topic KEY]) work the same way (config_report.c).
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
	struct alarms alarms;   /* reminders of its events that set none */
};

/*
 * A category of tally: what is counted at an occurrence (people served,
 * meals, vehicles parked...), for the kinds of event it applies to.
 */
struct category {
	char *key;              /* what is stored and typed: "served" */
	char *label;            /* default label */
	struct strv labels;     /* "LANG=label" for other languages */
	char *unit;             /* default unit ("people"), or NULL */
	struct strv units;      /* "LANG=unit" */
	struct strv kinds;      /* kind keys; "*" alone: every kind */
	bool builtin;           /* one of hearth's own */
	bool label_translated;  /* label and unit are hearth's own words */
	bool unit_translated;
};

/* A topic of suggestions: labour rights, care services, facilities... */
struct topic {
	char *key;
	char *label;
	struct strv labels;
	bool builtin, label_translated;
};

/* What [colors] may colour in the full-screen interface. */
enum config_element { ELEM_HEADER, ELEM_SELECTED, ELEM_ERROR, ELEM_TODAY,
		      ELEM_COUNT };
/*
 * Colours as terminals number them (0 black, 1 red, 2 green, 3 yellow,
 * 4 blue, 5 magenta, 6 cyan, 7 white: curses' COLOR_* are these numbers),
 * the terminal's own colour, and none chosen.
 */
#define COLOUR_DEFAULT (-1)
#define COLOUR_UNSET (-2)

/* An option for a front end, with where it was written. */
struct config_entry {
	char *section, *name, *value;
	int line;
};

struct people_config;
struct sync_config;
/*
 * Getting the calendar to phones (config_publish.c): [general] publish,
 * publish_url, publish_name, cancelled, qr_eci, clipboard.
 */
struct config_publish {
	char *dir;              /* publish = DIR: republish after each change */
	char *url;              /* publish_url = the URL DIR is served at */
	char *name;             /* publish_name = what calendar names start with */
	bool cancelled_exdate;  /* cancelled = exdate: leave them out */
	bool qr_no_eci;         /* qr_eci = no: no UTF-8 ECI header */
	bool osc52;             /* clipboard = osc52: copy through the terminal */
};

struct stations_config;

struct config {
	char *path;             /* the file read, or NULL */
	char *timezone;         /* zone for display (the system's unless set) */
	bool timezone_set;      /* the file set it: it wins over the calendar's */
	char *database;         /* database path, or NULL for the default */
	int week_start;         /* 0 = Monday .. 6 = Sunday */
	int index_years;        /* the stored occurrence index's horizon, 0 = default */
	struct config_publish publish;
	struct kind *kinds;
	size_t n_kinds, cap_kinds;
	struct category *categories; /* in the order forms and reports show */
	size_t n_categories, cap_categories;
	struct topic *topics;
	size_t n_topics, cap_topics;
	/* [colors]: each element's colour, COLOUR_UNSET for the interface's
	 * own choice. */
	int element_colour[ELEM_COUNT];
	struct config_entry *entries;  /* [keys], checked by the front end */
	size_t n_entries, cap_entries;
	/* [group K], [role K], [points ...], [bonus K]: core/people/people.h */
	struct people_config *people;
	/* [stations] and [holidays]: core/stations/stations.h */
	struct stations_config *stations;
	/* [sync NAME]: CalDAV calendars (core/sync/sync.h) */
	struct sync_config *sync;
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
 * Of labels ("LANG=label"), the one for the language of LC_MESSAGES (and
 * LANGUAGE, as gettext reads it), else label, through gettext when
 * translated (hearth's own words). Kinds, groups and roles use it.
 */
const char *config_label(const struct strv *labels, const char *label,
			 bool translated);
/*
 * Default segment i of k, as a segment whose strings point into k (or into
 * the message catalogue): do not free them.
 */
struct segment kind_segment(const struct kind *k, size_t i);
/* The label of the kind called key, or key itself when it is unknown. */
const char *config_kind_label(const struct config *c, const char *key);
/*
 * The colour called name, in any case (black, red, green, yellow, blue,
 * magenta, cyan, white: 0..7; default: COLOUR_DEFAULT), or COLOUR_UNSET
 * when no colour has that name. The one list of colours: what the config
 * accepts is what the interface can show.
 */
int config_colour(const char *name);
/* True when config_colour knows name. */
bool config_colour_valid(const char *name);
/*
 * The entry of a "LANG=text" list for the language of LC_MESSAGES (or
 * LANGUAGE, as gettext heeds it), the longest matching LANG winning; NULL
 * when none matches.
 */
const char *config_localised(const struct strv *list);

/* Categories of tallies and topics of suggestions (config_report.c). */
const struct category *config_category(const struct config *c,
				       const char *key);
/* The label and unit of k in the interface language (unit may be ""). */
const char *category_label(const struct category *k);
const char *category_unit(const struct category *k);
/* True when k counts something at events of the kind called kind. */
bool category_applies(const struct category *k, const char *kind);
/* The label of the category key, or key itself when it is unknown. */
const char *config_category_label(const struct config *c, const char *key);
const struct topic *config_topic(const struct config *c, const char *key);
const char *topic_label(const struct topic *t);
/* The label of the topic key, or key itself when it is unknown. */
const char *config_topic_label(const struct config *c, const char *key);
/* True for a key of a kind, category or topic: a-z, 0-9, - and _. */
bool config_key_valid(const char *key);

#endif
