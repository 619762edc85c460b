/*
 * ui_export.c - x: what the view shows, written to an .ics file that
 * phones and other calendars accept (the same export as `hearth export`).
 */
#include "ui_int.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../core/i18n.h"
#include "../core/ical/ical.h"
#include "outfile.h"

/* "~/hearth-2027-01-08.ics": a name that says when it was written from. */
static char *default_path(const struct ui *u, int64_t from)
{
	struct civil day = tz_from_utc(ui_zone(u), from, NULL);
	const char *home = getenv("HOME");

	return xasprintf("%s/hearth-%04d-%02d-%02d.ics", home ? home : ".",
			 day.year, day.month, day.day);
}

/* A leading "~/" means the home directory, as in a shell. */
static char *expand_home(const char *path)
{
	const char *home = getenv("HOME");

	if (path[0] == '~' && path[1] == '/' && home)
		return xasprintf("%s%s", home, path + 1);
	return xstrdup(path);
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
	path = expand_home(typed);
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
	if (!(out = outfile_open(path, &tmp, &err))) {
		ui_show_err(u, &err);
		free(path);
		return;
	}
	rc = ics_export(u->app->st, &o, out, &err);
	rc = outfile_close(out, tmp, path, rc, &err);
	if (rc == HE_OK)
		ui_message(u, _("Exported to %s."), path);
	else
		ui_show_err(u, &err);
	free(tmp);
	free(path);
}
