/*
 * ui_export.c - x: what the view shows, written to an .ics file that
 * phones and other calendars accept (the same export as `hearth export`).
 */
#include "ui_int.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../core/atomic.h"
#include "../core/i18n.h"
#include "../core/paths.h"
#include "../core/ical/ical.h"

/* "~/hearth-2027-01-08.ics", named after the selected day; the whole
 * calendar "~/hearth-all-2027-01-08.ics", after the day it was written. */
static char *default_path(const struct ui *u, bool whole)
{
	struct civil day = tz_from_utc(ui_zone(u), whole ? ui_now(u) : u->cursor,
				       NULL);
	char *name = xasprintf("hearth-%s%04d-%02d-%02d.ics", whole ? "all-" : "",
			       day.year, day.month, day.day);
	char *path = path_home(name);

	free(name);
	return path;
}

/* "2027-01-10…01-17": the days of [from, to), to being a midnight. */
static char *window_label(const struct ui *u, int64_t from, int64_t to)
{
	struct civil a = tz_from_utc(ui_zone(u), from, NULL);
	struct civil b = tz_from_utc(ui_zone(u), to, NULL);

	b.hour = b.min = b.sec = 0;
	b = civil_add_days(b, -1);
	if (civil_cmp(&a, &b) >= 0)
		return xasprintf("%04d-%02d-%02d", a.year, a.month, a.day);
	if (a.year == b.year)
		return xasprintf("%04d-%02d-%02d…%02d-%02d", a.year, a.month,
				 a.day, b.month, b.day);
	return xasprintf("%04d-%02d-%02d…%04d-%02d-%02d", a.year, a.month,
			 a.day, b.year, b.month, b.day);
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* How many series an export of [from, to) (0, 0: all) with f holds. */
static size_t count_events(struct ui *u, int64_t from, int64_t to,
			   const struct occ_filter *f)
{
	struct occ_filter all = f ? *f : (struct occ_filter){ 0 };
	struct herr err = { 0 };
	size_t n = 0;

	all.statuses = OCC_ALL_STATUSES;
	all.with_cancelled = true;
	if (!from && !to) {
		struct series_rows rows = { 0 };
		if (store_series_list(u->app->st, &all, ui_now(u), &rows, &err) ==
		    HE_OK)
			n = rows.n;
		series_rows_free(&rows);
		return n;
	}
	struct occ_list l = { 0 };
	if (store_occurrences(u->app->st, from, to, &all, 0, &l, &err) == HE_OK &&
	    l.n) {
		int64_t *ids = xcalloc(l.n, sizeof *ids);
		for (size_t i = 0; i < l.n; i++)
			ids[i] = l.v[i].series_id;
		qsort(ids, l.n, sizeof *ids, cmp_id);
		for (size_t i = 0; i < l.n; i++)
			n += i == 0 || ids[i] != ids[i - 1];
		free(ids);
	}
	occ_list_free(&l);
	return n;
}

/* For a window: what the view shows, or the whole calendar? False when
 * the user backed out; *whole says which. */
static bool choose_extent(struct ui *u, int64_t from, int64_t to,
			  const struct occ_filter *f, bool *whole)
{
	char *window = window_label(u, from, to);
	size_t n = count_events(u, from, to, f), all = count_events(u, 0, 0, f);
	char *choices[2], *pick;

	choices[0] = xasprintf(ngettext("what the view shows: %zu event, %s",
					"what the view shows: %zu events, %s", n),
			       n, window);
	choices[1] = xasprintf(ngettext("the whole calendar: %zu event",
					"the whole calendar: %zu events", all),
			       all);
	pick = ui_pick(u, _("Export"), choices, 2, NULL, false);
	*whole = pick && !strcmp(pick, choices[1]);
	free(choices[0]);
	free(choices[1]);
	free(window);
	if (!pick)
		return false;
	free(pick);
	return true;
}

/* "Exported 8 events, 2027-01-10…01-17, to ~/hearth-2027-01-10.ics." */
static void say_exported(struct ui *u, int64_t from, int64_t to,
			 const struct occ_filter *f, const char *path)
{
	size_t n = count_events(u, from, to, f);

	if (!from && !to) {
		ui_message(u, ngettext("Exported %zu event to %s.",
				       "Exported %zu events to %s.", n), n, path);
		return;
	}
	char *window = window_label(u, from, to);
	ui_message(u, ngettext("Exported %zu event, %s, to %s.",
			       "Exported %zu events, %s, to %s.", n),
		   n, window, path);
	free(window);
}

static bool may_write(struct ui *u, const char *path)
{
	struct stat sb;
	char *q;
	bool yes;

	if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
		return true;
	q = xasprintf(_("%s exists. Replace it?"), path);
	yes = ui_confirm(u, q);
	free(q);
	return yes;
}

void ui_export(struct ui *u, int64_t from, int64_t to,
	       const struct occ_filter *f)
{
	struct ics_export_opts o = { 0 };
	struct herr err = { 0 };
	bool whole = !from && !to;
	char *suggested, *typed, *path, *tmp = NULL;
	FILE *out;
	int rc;

	if (!whole && !choose_extent(u, from, to, f, &whole))
		return;
	if (whole)
		from = to = 0;
	suggested = default_path(u, whole);
	typed = ui_ask(u, _("Export to:"), suggested, NULL, NULL);
	free(suggested);
	if (!typed || !*typed) {
		free(typed);
		return;
	}
	path = path_expand_home(typed);
	free(typed);
	if (!may_write(u, path)) {
		free(path);
		return;
	}
	o.q.kind = f ? f->kind : NULL;
	o.q.venue = f ? f->venue : NULL;
	o.q.org = f ? f->org : NULL;
	o.q.from = from;
	o.q.to = to;
	o.zone = tz_name(ui_zone(u));
	o.now = ui_now(u);
	o.cfg = &u->app->cfg;
	o.cancelled_exdate = u->app->cfg.publish.cancelled_exdate;
	if (!(out = atomic_open(path, ATOMIC_IN_PLACE, &tmp, &err))) {
		ui_show_err(u, &err);
		free(path);
		return;
	}
	rc = ics_export(u->app->st, &o, out, &err);
	rc = atomic_close(out, tmp, path, rc, NULL, &err);
	if (rc == HE_OK)
		say_exported(u, from, to, f, path);
	else
		ui_show_err(u, &err);
	free(tmp);
	free(path);
}
