/* cli_ical.c - hearth export and hearth import: iCalendar files. */
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/atomic.h"
#include "../core/i18n.h"
#include "../core/ical/ical.h"
#include "cli.h"
#include "out.h"

static const char export_usage[] = N_(
"usage: hearth export [--kind K] [--venue V] [--org O] [--from WHEN]\n"
"                     [--to WHEN] [--uid ID]... [--name NAME] [--rdate]\n"
"                     [--occurrences] [-o FILE]\n"
"Writes events as one iCalendar file (RFC 5545) that phones and desktop\n"
"calendars import or subscribe to: to FILE, replaced in one step so that a\n"
"reader never sees half a file, or to standard output (no -o, or -o -; to a\n"
"terminal only with -o -). Control and bidi characters in texts are left\n"
"out of the standard properties; the exact texts travel in X-HEARTH-*.\n"
"  --kind K        only events of this kind\n"
"  --venue V       only events at a venue whose name contains V\n"
"  --org O         only events with an organisation whose name contains O\n"
"  --from, --to    only series that reach this window (a date alone is the\n"
"                  whole day)\n"
"  --uid ID        only this event (UID or a unique start of it); repeatable\n"
"  --name NAME     the calendar's name (default: hearth and the filters)\n"
"  --rdate         write extra dates as RDATE; by default each is an event\n"
"                  of its own, as some Android subscription apps (ICSx5)\n"
"                  drop events that carry RDATE\n"
"  --occurrences   write each occurrence in the window as a plain event, for\n"
"                  programs that mishandle repeat rules; the window runs from\n"
"                  --from (default today) to --to (default a year later)\n"
"Exit status: 0 written, 1 bad usage or no database, 2 could not write.\n");

static const char import_usage[] = N_(
"usage: hearth import FILE|- [--dry-run] [--kind K]\n"
"Reads events from an iCalendar file (- for standard input). Events are\n"
"matched by UID: a new one is added, a newer version (SEQUENCE, then\n"
"LAST-MODIFIED) updates the event, the same version changes nothing, and an\n"
"older one is reported and skipped. Repeat rules, extra and exception\n"
"dates, changed occurrences, all-day and floating times, time zones\n"
"(Windows names and a file's own VTIMEZONE included) and reminders are\n"
"kept. Each problem is reported as FILE:LINE: message; a broken event is\n"
"skipped and the rest imported, all in one transaction.\n"
"  --dry-run   report what would be added, updated and skipped; change\n"
"              nothing\n"
"  --kind K    the kind of events that name none of hearth's kinds (else a\n"
"              CATEGORIES entry naming a kind, else volunteer)\n"
"Exit status: 0 imported, 1 some events could not be imported (or bad\n"
"usage), 2 the file could not be read or the database written (then\n"
"nothing was imported).\n");

struct export_args {
	struct ics_export_opts o;
	const char *from, *to, *file;
	struct strv ids, uids;
};

static int parse_export(struct app *c, int argc, char **argv,
			struct export_args *a)
{
	enum { OPT_RDATE = 256, OPT_OCC, OPT_NAME, OPT_UID };
	static const struct option opts[] = {
		{ "kind", required_argument, NULL, 'k' },
		{ "venue", required_argument, NULL, 'v' },
		{ "org", required_argument, NULL, 'g' },
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "uid", required_argument, NULL, OPT_UID },
		{ "name", required_argument, NULL, OPT_NAME },
		{ "rdate", no_argument, NULL, OPT_RDATE },
		{ "occurrences", no_argument, NULL, OPT_OCC },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		switch (opt) {
		case 'k': a->o.q.kind = optarg; break;
		case 'v': a->o.q.venue = optarg; break;
		case 'g': a->o.q.org = optarg; break;
		case 'f': a->from = optarg; break;
		case 't': a->to = optarg; break;
		case OPT_UID: strv_add(&a->ids, optarg); break;
		case OPT_NAME: a->o.name = optarg; break;
		case OPT_RDATE: a->o.rdate = true; break;
		case OPT_OCC: a->o.occurrences = true; break;
		case 'o': a->file = optarg; break;
		default:
			return cli_usage_error(c, "export", _("unknown option or "
					       "missing value in '%s'"),
					       argv[optind - 1]);
		}
	}
	if (optind != argc)
		return cli_usage_error(c, "export", _("unexpected argument '%s'"),
				       argv[optind]);
	if (a->o.q.kind && !config_kind(&c->cfg, a->o.q.kind))
		return herr_set(&c->err, HE_USER, _("unknown kind '%s' (see "
				"'hearth kinds')"), a->o.q.kind);
	return HE_OK;
}

/* The window: --from/--to, or for --occurrences today and a year on. */
static int export_window(struct app *c, struct export_args *a)
{
	struct series_query *q = &a->o.q;
	int rc;

	if (a->from && (rc = cli_window_edge(c, a->from, false, &q->from)))
		return rc;
	if (a->to && (rc = cli_window_edge(c, a->to, true, &q->to)))
		return rc;
	if (a->o.occurrences && !a->from) {
		struct civil today = app_today(c, c->zone);
		q->from = tz_to_utc(c->zone, &today);
	}
	if (a->o.occurrences && !a->to) {
		struct civil end = civil_add_days(tz_from_utc(c->zone, q->from,
							      NULL), 366);
		end.hour = end.min = end.sec = 0;
		q->to = tz_to_utc(c->zone, &end);
	}
	if (!a->to && !a->o.occurrences && a->from)
		q->to = SCHED_FOREVER;
	if (q->to && q->to <= q->from)
		return herr_set(&c->err, HE_USER,
				_("--to is not after --from: the window is empty"));
	return HE_OK;
}

/* Turns each --uid (a UID or its start) into the full UID. */
static int resolve_uids(struct app *c, struct export_args *a)
{
	for (size_t i = 0; i < a->ids.n; i++) {
		struct series s;
		int64_t id;
		int rc = store_series_find(c->st, a->ids.v[i], &id, &c->err);
		if (rc == HE_OK)
			rc = store_series_load(c->st, id, &s, &c->err);
		if (rc != HE_OK)
			return rc;
		strv_add(&a->uids, s.uid);
		series_free(&s);
	}
	a->o.q.uids = &a->uids;
	return HE_OK;
}

int cmd_export(struct app *c, int argc, char **argv)
{
	struct export_args a = { 0 };
	char *tmp = NULL;
	FILE *f = c->out;
	int rc;

	if (cli_wants_help(argc, argv, _(export_usage), c->out))
		return HE_OK;
	a.o.now = c->now;
	a.o.cfg = &c->cfg;
	a.o.cancelled_exdate = c->cfg.publish.cancelled_exdate;
	if ((rc = parse_export(c, argc, argv, &a)) != HE_OK)
		goto out;
	/* Data never reaches a terminal raw: an imported title could set the
	 * window title or the clipboard there (OSC 0, 2, 52). Like other
	 * tools that write binary-ish data, ask for it to be wanted. */
	if (!a.file && isatty(fileno(c->out))) {
		rc = cli_usage_error(c, "export", _("not writing iCalendar to a "
				     "terminal; give -o FILE, or -o - to write "
				     "it here anyway"));
		goto out;
	}
	/* Open first: the window is in the zone shown, the calendar's. */
	if ((rc = app_open(c, false)) != HE_OK ||
	    (rc = export_window(c, &a)) != HE_OK ||
	    (rc = resolve_uids(c, &a)) != HE_OK)
		goto out;
	a.o.zone = tz_name(c->home);
	if (a.file && strcmp(a.file, "-") &&
	    !(f = atomic_open(a.file, ATOMIC_IN_PLACE, &tmp, &c->err))) {
		rc = c->err.code;
		goto out;
	}
	/* Series the index could not expand are left out (and named below)
	 * rather than sent to phones. */
	rc = ics_export(c->st, &a.o, f, &c->err);
	if (f != c->out)
		rc = atomic_close(f, tmp, a.file, rc, NULL, &c->err);
	if (rc == HE_OK)
		cli_warn_skipped(c, SCHED_MIN_INSTANT, SCHED_MAX_INSTANT);
out:
	free(tmp);
	strv_free(&a.ids);
	strv_free(&a.uids);
	return rc;
}

/*
 * Prints an import problem as "FILE:LINE: message", made safe to show. The
 * importer tells notes by a leading "note: " that translations keep as it
 * is; here it is said in the user's language.
 */
static void print_note(void *ctx, long line, const char *msg)
{
	const char *name = ctx;

	fprintf(stderr, "%s:%ld: ", name, line);
	if (strncmp(msg, "note: ", 6) == 0) {
		/* TRANSLATORS: starts a remark on an imported file that is
		   not a problem ("note: only the first RRULE is used"). */
		fputs(_("note: "), stderr);
		msg += 6;
	}
	out_text(stderr, msg);
	fputc('\n', stderr);
}

static int parse_import(struct app *c, int argc, char **argv,
			struct ics_import_opts *o, const char **file)
{
	enum { OPT_DRY = 256 };
	static const struct option opts[] = {
		{ "dry-run", no_argument, NULL, OPT_DRY },
		{ "kind", required_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (opt == OPT_DRY)
			o->dry_run = true;
		else if (opt == 'k')
			o->kind = optarg;
		else
			return cli_usage_error(c, "import", _("unknown option or "
					       "missing value in '%s'"),
					       argv[optind - 1]);
	}
	if (optind != argc - 1)
		return cli_usage_error(c, "import", optind >= argc
				       ? _("no file given (use - for standard "
					   "input)")
				       : _("give one file"));
	*file = argv[optind];
	if (o->kind && !config_kind(&c->cfg, o->kind))
		return herr_set(&c->err, HE_USER, _("unknown kind '%s' (see "
				"'hearth kinds')"), o->kind);
	return HE_OK;
}

int cmd_import(struct app *c, int argc, char **argv)
{
	struct ics_import_opts o = { .cfg = &c->cfg, .zone = c->zone,
				     .now = c->now };
	struct ics_import_stats s;
	const char *file = NULL, *name;
	FILE *in;
	int rc;

	if (cli_wants_help(argc, argv, _(import_usage), c->out))
		return HE_OK;
	if ((rc = parse_import(c, argc, argv, &o, &file)) != HE_OK)
		return rc;
	name = strcmp(file, "-") ? file : "stdin";
	o.source = name;
	in = strcmp(file, "-") ? fopen(file, "r") : stdin;
	if (!in)
		return herr_set(&c->err, HE_USER, _("cannot read %s: %s"), file,
				strerror(errno));
	if ((rc = app_open(c, true)) == HE_OK) {
		/* Floating times are the calendar's. */
		o.zone = c->home;
		rc = ics_import(c->st, in, &o, &s, print_note, (void *)name,
				&c->err);
	}
	if (in != stdin)
		fclose(in);
	if (rc != HE_OK)
		return rc;
	fprintf(c->out, o.dry_run
		? _("%s: would add %ld, update %ld; %ld unchanged, %ld skipped "
		    "(dry run: nothing changed)\n")
		: _("%s: added %ld, updated %ld; %ld unchanged, %ld skipped\n"),
		name, s.added, s.updated, s.unchanged, s.skipped);
	return s.problems ? HE_USER : HE_OK;
}
