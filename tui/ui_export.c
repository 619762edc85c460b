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

/* "~/hearth-2027-01-08.ics": a name that says when it was written from. */
static char *default_path(const struct ui *u, int64_t from)
{
	struct civil day = tz_from_utc(ui_zone(u), from, NULL);
	char *name = xasprintf("hearth-%04d-%02d-%02d.ics", day.year,
			       day.month, day.day);
	char *path = path_home(name);

	free(name);
	return path;
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
	char *suggested = default_path(u, from ? from : ui_now(u));
	char *typed, *path, *tmp = NULL;
	FILE *out;
	int rc;

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
		ui_message(u, _("Exported to %s."), path);
	else
		ui_show_err(u, &err);
	free(tmp);
	free(path);
}
