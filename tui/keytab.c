/* keytab.c - the default key bindings. */
#include "keytab.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/i18n.h"
#include "../core/text.h"

const struct keydef keydefs[] = {
	{ ACT_QUIT, "quit", KV_ALL, "q", N_("quit hearth") },
	{ ACT_HELP, "help", KV_ALL, "? F1", N_("show the keys of this view") },
	{ ACT_NEXT_VIEW, "next-view", KV_ALL, "Tab", N_("next view") },
	{ ACT_PREV_VIEW, "prev-view", KV_ALL, "S-Tab", N_("previous view") },
	{ ACT_VIEW_AGENDA, "agenda", KV_ALL, "1", N_("agenda view") },
	{ ACT_VIEW_MONTH, "month", KV_ALL, "2", N_("month view") },
	{ ACT_VIEW_WEEK, "week", KV_ALL, "3", N_("week view") },
	{ ACT_VIEW_EVENTS, "events", KV_ALL, "4", N_("events view") },
	{ ACT_VIEW_VENUES, "venues", KV_ALL, "5", N_("venues view") },
	{ ACT_VIEW_ORGS, "orgs", KV_ALL, "6", N_("organisations view") },
	{ ACT_VIEW_PEOPLE, "people", KV_ALL, "7", N_("people view") },
	{ ACT_VIEW_REPORT, "report", KV_ALL, "8", N_("report view: numbers and charts") },
	{ ACT_VIEW_SUGGESTIONS, "suggestions", KV_ALL, "9",
	  N_("suggestions view: triage") },
	{ ACT_VIEW_STATIONS, "stations", KV_ALL, "0",
	  N_("stations view: open now, nearest first") },
	{ ACT_VIEW_MAP, "map", KV_ALL, "M",
	  N_("map of stations and demand points (Braille dots)") },
	{ ACT_UP, "up", KV_ALL, "k Up", N_("move up (month: previous week)") },
	{ ACT_DOWN, "down", KV_ALL, "j Down", N_("move down (month: next week)") },
	{ ACT_LEFT, "left", KV_CALENDAR | KV_REPORT | KV_MAP, "h Left",
	  N_("previous day (report: previous period)") },
	{ ACT_RIGHT, "right", KV_CALENDAR | KV_REPORT | KV_MAP, "l Right",
	  N_("next day (report: next period)") },
	{ ACT_PAGE_UP, "page-up", KV_ALL, "PgUp C-b",
	  N_("page up (month: previous month, week: previous week)") },
	{ ACT_PAGE_DOWN, "page-down", KV_ALL, "PgDn C-f Space",
	  N_("page down (month: next month, week: next week)") },
	{ ACT_GOTO, "goto", KV_CALENDAR, "g",
	  N_("go to a date (1/16, sat, +2w, 2027-01)") },
	{ ACT_FIRST, "first", KV_ALL, "g Home",
	  N_("go to the top (g in lists; Home everywhere)") },
	{ ACT_LAST, "last", KV_ALL, "G End", N_("go to the bottom") },
	{ ACT_TODAY, "today", KV_CALENDAR | KV_REPORT | KV_STATIONS | KV_MAP, "t",
	  N_("go to today (report: this period)") },
	{ ACT_OPEN, "open", KV_ALL, "Enter",
	  N_("open: details of an occurrence, the day of a date, edit a place") },
	{ ACT_ADD, "add", KV_ALL, "a", N_("add an event, venue or organisation") },
	{ ACT_EDIT, "edit", KV_AGENDA | KV_WEEK | KV_EVENTS | KV_VENUES | KV_ORGS |
	  KV_PEOPLE | KV_SUGGESTIONS, "e",
	  N_("edit the event series (or the venue/organisation/person/"
	     "suggestion)") },
	{ ACT_DELETE, "delete", KV_AGENDA | KV_WEEK | KV_EVENTS | KV_VENUES | KV_ORGS |
	  KV_PEOPLE | KV_SUGGESTIONS, "d",
	  N_("delete the event series (or the venue/organisation/person/"
	     "suggestion)") },
	{ ACT_DUPLICATE, "duplicate", KV_AGENDA | KV_WEEK | KV_EVENTS, "D",
	  N_("duplicate the event series to new dates") },
	{ ACT_UNDO, "undo", KV_ALL, "u", N_("undo the last change") },
	{ ACT_CANCEL_OCC, "cancel", KV_AGENDA | KV_WEEK, "c",
	  N_("cancel this occurrence (again: restore it)") },
	{ ACT_MOVE_OCC, "move", KV_AGENDA | KV_WEEK, "m",
	  N_("move this occurrence to another time") },
	{ ACT_VENUE_OCC, "venue", KV_AGENDA | KV_WEEK, "v",
	  N_("change the venue of this occurrence") },
	{ ACT_NOTE_OCC, "note", KV_AGENDA | KV_WEEK, "A",
	  N_("this occurrence's own title, description or note") },
	{ ACT_SPLIT, "split", KV_AGENDA | KV_WEEK, "s",
	  N_("change this and following: start a new series here") },
	{ ACT_SEGMENTS, "segments", KV_AGENDA | KV_WEEK | KV_EVENTS, "S",
	  N_("edit the segments (agenda items, zones, services)") },
	{ ACT_SEARCH, "search", KV_ALL, "/", N_("search forward") },
	{ ACT_SEARCH_BACK, "search-back", KV_SEARCH, "\\",
	  N_("search backward") },
	{ ACT_SEARCH_NEXT, "search-next", KV_SEARCH, "n",
	  N_("next match of the search (later, lower)") },
	{ ACT_SEARCH_PREV, "search-prev", KV_SEARCH, "N",
	  N_("previous match of the search (earlier, higher)") },
	{ ACT_FILTER, "filter", KV_MONTH | KV_WEEK | KV_EVENTS | KV_VENUES |
	  KV_ORGS | KV_PEOPLE | KV_REPORT | KV_SUGGESTIONS | KV_STATIONS | KV_MAP,
	  "f", N_("filter by kind, venue, organisation, status and text (month "
		  "and week: by kind; places: by text; people: by group; "
		  "suggestions: by status; stations: by service)") },
	{ ACT_SORT, "sort", KV_EVENTS, "o", N_("change the sort order") },
	{ ACT_EXPORT, "export", KV_CALENDAR | KV_EVENTS | KV_REPORT, "x",
	  N_("export what the view shows to an .ics file (report: to .xlsx or "
	     ".csv)") },
	{ ACT_DEMO, "demo", KV_AGENDA, "L",
	  N_("load the demo calendar (empty database only)") },
	{ ACT_REFRESH, "refresh", KV_ALL, "C-l", N_("reload and redraw the screen") },
	{ ACT_REDEEM, "redeem", KV_PEOPLE, "r",
	  N_("redeem points from the catalogue, after asking") },
	{ ACT_QR, "qr", KV_AGENDA | KV_WEEK, "Q",
	  N_("QR code of this occurrence for a phone's camera") },
	{ ACT_NOTICE, "notice", KV_CALENDAR, "B",
	  N_("notice of the week for a group chat (copy it)") },
	{ ACT_TALLY, "tally", KV_AGENDA | KV_WEEK, "T",
	  N_("record what was counted at this occurrence") },
	{ ACT_REPORT_BY, "group", KV_REPORT, "b",
	  N_("group the report by week, month, kind, venue, host, category") },
	{ ACT_REPORT_PERIOD, "period", KV_REPORT, "p",
	  N_("report a month, a week or a year") },
	{ ACT_REPORT_SERIES, "series", KV_REPORT, "c",
	  N_("chart another category") },
	{ ACT_SUGG_STATUS, "status", KV_SUGGESTIONS, "s",
	  N_("change the suggestion's status, with a note") },
	{ ACT_VIEW_SYNC, "sync", KV_ALL, "Y",
	  N_("sync view: CalDAV calendars and conflicts") },
	{ ACT_SYNC_NOW, "sync-now", KV_SYNC, "s",
	  N_("sync every calendar now, in the background") },
	{ ACT_KEEP_MINE, "keep-mine", KV_SYNC, "m",
	  N_("settle the conflict: keep your version, sent at the next sync") },
	{ ACT_KEEP_THEIRS, "keep-theirs", KV_SYNC, "t",
	  N_("settle the conflict: keep the server's version") },
	{ ACT_STATION_FROM, "from", KV_STATIONS | KV_MAP, "o",
	  N_("stations and map: where travel times are measured from") },
	{ ACT_EARLIER, "earlier", KV_STATIONS | KV_MAP, "[",
	  N_("stations and map: an hour earlier") },
	{ ACT_LATER, "later", KV_STATIONS | KV_MAP, "]",
	  N_("stations and map: an hour later") },
	{ ACT_ZOOM_IN, "zoom-in", KV_MAP, "+ =", N_("map: zoom in") },
	{ ACT_ZOOM_OUT, "zoom-out", KV_MAP, "-", N_("map: zoom out") },
};

const size_t n_keydefs = sizeof keydefs / sizeof *keydefs;

const char *const keytab_view_names[] = {
	N_("Agenda"), N_("Month"), N_("Week"), N_("Events"), N_("Venues"),
	N_("Organisations"), N_("People"), N_("Report"), N_("Suggestions"),
	N_("Sync"), N_("Stations"), N_("Map"),
};

const struct keydef *keytab_find(const char *name)
{
	for (size_t i = 0; i < n_keydefs; i++)
		if (strcmp(keydefs[i].name, name) == 0)
			return &keydefs[i];
	return NULL;
}

/* The keys written by name; the rest are their character or C-x. */
static const struct {
	const char *name;
	struct keyname key;
} named_keys[] = {
	{ "Enter", { '\n', KS_NONE } }, { "Esc", { 27, KS_NONE } },
	{ "Tab", { '\t', KS_NONE } }, { "S-Tab", { 0, KS_BTAB } },
	{ "Space", { ' ', KS_NONE } }, { "Backspace", { 0, KS_BACKSPACE } },
	{ "Del", { 0, KS_DEL } }, { "Up", { 0, KS_UP } },
	{ "Down", { 0, KS_DOWN } }, { "Left", { 0, KS_LEFT } },
	{ "Right", { 0, KS_RIGHT } }, { "PgUp", { 0, KS_PGUP } },
	{ "PgDn", { 0, KS_PGDN } }, { "Home", { 0, KS_HOME } },
	{ "End", { 0, KS_END } },
	{ "F1", { 0, KS_F1 } }, { "F2", { 0, KS_F1 + 1 } },
	{ "F3", { 0, KS_F1 + 2 } }, { "F4", { 0, KS_F1 + 3 } },
	{ "F5", { 0, KS_F1 + 4 } }, { "F6", { 0, KS_F1 + 5 } },
	{ "F7", { 0, KS_F1 + 6 } }, { "F8", { 0, KS_F1 + 7 } },
	{ "F9", { 0, KS_F1 + 8 } }, { "F10", { 0, KS_F10 } },
};
#define N_NAMED (sizeof named_keys / sizeof *named_keys)

bool keytab_parse_key(const char *name, struct keyname *out)
{
	uint32_t cp;
	size_t n = strlen(name);

	for (size_t i = 0; i < N_NAMED; i++)
		if (strcasecmp(name, named_keys[i].name) == 0) {
			*out = named_keys[i].key;
			return true;
		}
	out->special = KS_NONE;
	if (n == 3 && (name[0] == 'C' || name[0] == 'c') && name[1] == '-' &&
	    ((name[2] >= 'a' && name[2] <= 'z') ||
	     (name[2] >= 'A' && name[2] <= 'Z'))) {
		out->ch = (uint32_t)(name[2] & 0x1f);
		return true;
	}
	if (n > 0 && text_decode(name, n, &cp) == n && cp > ' ' && cp != 0x7f) {
		out->ch = cp;
		return true;
	}
	return false;
}

const char *keytab_key_name(const struct keyname *k)
{
	for (size_t i = 0; i < N_NAMED; i++)
		if (named_keys[i].key.special == k->special &&
		    (k->special != KS_NONE || named_keys[i].key.ch == k->ch))
			return named_keys[i].name;
	return NULL;
}

int keytab_check_config(const struct config *cfg, struct herr *err)
{
	const char *file = cfg->path ? cfg->path : "config";

	for (size_t i = 0; i < cfg->n_entries; i++) {
		const struct config_entry *e = &cfg->entries[i];
		char *copy, *save = NULL;
		if (strcmp(e->section, "keys") != 0)
			continue;
		if (!keytab_find(e->name))
			return herr_set(err, HE_USER,
					_("%s:%d: unknown action '%s' in [keys] (see "
					  "'hearth keys')"), file, e->line, e->name);
		copy = xstrdup(e->value);
		for (char *w = strtok_r(copy, " \t", &save); w;
		     w = strtok_r(NULL, " \t", &save)) {
			struct keyname k;
			if (!keytab_parse_key(w, &k)) {
				herr_set(err, HE_USER, _("unknown key name '%s'"), w);
				herr_prefix(err, "%s:%d", file, e->line);
				free(copy);
				return HE_USER;
			}
		}
		free(copy);
	}
	return HE_OK;
}
