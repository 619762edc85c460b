/*
 * keytab.h - the table of key bindings: every action of the full-screen
 * interface with its name (as written in the config file's [keys] section),
 * the views it works in, its default keys and its help text.
 *
 * Curses-free, so that `hearth keys` can print it and tests can hold the man
 * page and config.example to it, and so that the [keys] section of the
 * config is checked here once for every front end (app_setup);
 * ui_keys.c turns key names into curses' key codes.
 */
#ifndef HEARTH_KEYTAB_H
#define HEARTH_KEYTAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/config.h"
#include "../core/util.h"

/* Everything a key can ask for. The key table maps keys to these. */
enum action {
	ACT_NONE,
	ACT_QUIT, ACT_HELP, ACT_NEXT_VIEW, ACT_PREV_VIEW,
	ACT_VIEW_AGENDA, ACT_VIEW_MONTH, ACT_VIEW_WEEK, ACT_VIEW_EVENTS,
	ACT_VIEW_VENUES, ACT_VIEW_ORGS, ACT_VIEW_PEOPLE, ACT_VIEW_REPORT,
	ACT_VIEW_SUGGESTIONS, ACT_VIEW_STATIONS, ACT_VIEW_MAP,
	ACT_UP, ACT_DOWN, ACT_LEFT, ACT_RIGHT, ACT_PAGE_UP, ACT_PAGE_DOWN,
	/* Before ACT_FIRST: where both have a key (g), the calendar views'
	   go-to-date wins over first. */
	ACT_GOTO,
	ACT_FIRST, ACT_LAST, ACT_TODAY, ACT_OPEN,
	ACT_ADD, ACT_EDIT, ACT_DELETE, ACT_DUPLICATE, ACT_UNDO,
	ACT_CANCEL_OCC, ACT_MOVE_OCC, ACT_VENUE_OCC, ACT_NOTE_OCC, ACT_SPLIT,
	ACT_SEGMENTS, ACT_SEARCH, ACT_SEARCH_BACK, ACT_SEARCH_NEXT,
	ACT_SEARCH_PREV, ACT_FILTER, ACT_SORT,
	ACT_EXPORT, ACT_DEMO, ACT_REFRESH, ACT_REDEEM, ACT_QR, ACT_NOTICE,
	ACT_TALLY, ACT_REPORT_BY, ACT_REPORT_PERIOD, ACT_REPORT_SERIES,
	ACT_SUGG_STATUS,
	ACT_VIEW_SYNC, ACT_SYNC_NOW, ACT_KEEP_MINE, ACT_KEEP_THEIRS,
	ACT_STATION_FROM, ACT_EARLIER, ACT_LATER, ACT_ZOOM_IN, ACT_ZOOM_OUT,
	ACT_COUNT
};

/* Bits for the views an action works in (order of enum view_id). */
#define KV_AGENDA (1u << 0)
#define KV_MONTH (1u << 1)
#define KV_WEEK (1u << 2)
#define KV_EVENTS (1u << 3)
#define KV_VENUES (1u << 4)
#define KV_ORGS (1u << 5)
#define KV_PEOPLE (1u << 6)
#define KV_REPORT (1u << 7)
#define KV_SUGGESTIONS (1u << 8)
#define KV_SYNC (1u << 9)
#define KV_STATIONS (1u << 10)
#define KV_MAP (1u << 11)
#define KV_ALL 0xFFFu
#define KV_CALENDAR (KV_AGENDA | KV_MONTH | KV_WEEK)
/* The views that search their rows or occurrences with / \\ n N. */
#define KV_SEARCH (KV_CALENDAR | KV_EVENTS | KV_VENUES | KV_ORGS)

struct keydef {
	enum action action;
	const char *name;       /* "cancel" */
	unsigned views;         /* KV_* */
	const char *keys;       /* default keys, space separated: "c" */
	const char *help;       /* N_() text */
};

extern const struct keydef keydefs[];
extern const size_t n_keydefs;
/* Names of the views, in the order of the KV_ bits (V_NAMES of them). */
#define V_NAMES 12
extern const char *const keytab_view_names[];

const struct keydef *keytab_find(const char *name);

/*
 * A key as a name in the config gives it: a character (ch), or a key with
 * no character (special), which ui_keys.c maps to curses' code.
 */
enum keytab_special {
	KS_NONE, KS_BTAB, KS_BACKSPACE, KS_DEL, KS_UP, KS_DOWN, KS_LEFT,
	KS_RIGHT, KS_PGUP, KS_PGDN, KS_HOME, KS_END,
	KS_F1, KS_F10 = KS_F1 + 9,
	KS_COUNT
};
struct keyname {
	uint32_t ch;            /* when special is KS_NONE */
	enum keytab_special special;
};

/* Reads one key name ("a", "C-l", "PgUp", "Enter", "字"). */
bool keytab_parse_key(const char *name, struct keyname *out);
/* The name a key is written with ("Enter", "PgUp"), or NULL when it is
 * written as its character or as C-x. */
const char *keytab_key_name(const struct keyname *k);
/*
 * Checks the [keys] entries of cfg: every action is one of keydefs and
 * every key name is one keytab_parse_key reads. HE_USER with "FILE:LINE:
 * ..." for the first that is not.
 */
int keytab_check_config(const struct config *cfg, struct herr *err);

#endif
