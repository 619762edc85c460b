/*
 * main.c - hearth's entry point: the full-screen interface when no command
 * is given, else one command-line command.
 */
#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/tz.h"
#include "cli.h"
#include "locale_setup.h"
#include "out.h"
#include "ui.h"

#ifndef HEARTH_VERSION
#define HEARTH_VERSION "0.1"
#endif

struct command {
	const char *name;
	cli_command_fn fn;
	const char *summary;
};

static const struct command commands[] = {
	{ "init", cmd_init, N_("create the database (--demo: with a demo calendar)") },
	{ "add", cmd_add, N_("add an event series") },
	{ "edit", cmd_edit, N_("change an event series") },
	{ "show", cmd_show, N_("show everything about an event") },
	{ "rm", cmd_rm, N_("delete an event series") },
	{ "override", cmd_override, N_("change or cancel one occurrence") },
	{ "split", cmd_split, N_("start a new series from an occurrence on") },
	{ "duplicate", cmd_duplicate, N_("copy a series to new dates") },
	{ "segment", cmd_segment, N_("add, list or remove an event's segments") },
	{ "venue", cmd_venue, N_("add, edit or remove a venue") },
	{ "org", cmd_org, N_("add, edit or remove an organisation") },
	{ "agenda", cmd_agenda, N_("list occurrences in a window") },
	{ "venues", cmd_venues, N_("list venues") },
	{ "orgs", cmd_orgs, N_("list organisations") },
	{ "kinds", cmd_kinds, N_("list kinds of event") },
	{ "keys", cmd_keys, N_("list the keys of the full-screen interface") },
	{ "export", cmd_export, N_("write events as an iCalendar (.ics) file") },
	{ "import", cmd_import, N_("read events from an iCalendar (.ics) file") },
	{ "log", cmd_log, N_("list who changed what, and when") },
	{ "person", cmd_person, N_("add, edit, show, remove or export a person") },
	{ "people", cmd_people, N_("list people (phones masked)") },
	{ "groups", cmd_groups, N_("list the groups people belong to") },
	{ "shift", cmd_shift, N_("say how many people an event needs") },
	{ "shifts", cmd_shifts, N_("list shifts and who is short of people") },
	{ "signup", cmd_signup, N_("sign a person up for a shift") },
	{ "checkin", cmd_checkin, N_("record a person's arrival at a shift") },
	{ "checkout", cmd_checkout, N_("record a person's leaving; earns points") },
	{ "points", cmd_points, N_("balances, statements, redeem, adjust, top") },
	{ "catalogue", cmd_catalogue, N_("what points buy") },
	{ "publish", cmd_publish, N_("write feeds that phones subscribe to") },
	{ "qr", cmd_qr, N_("a QR code of an occurrence or a feed") },
	{ "notice", cmd_notice, N_("the week's events as text for a group chat") },
	{ "poster", cmd_poster, N_("a printable poster of an event (PDF or PNG)") },
	{ "zone", cmd_zone, N_("show or change the calendar's time zone") },
	{ "check", cmd_check, N_("verify the database (--repair: rebuild its index)") },
	{ "tally", cmd_tally, N_("record or list what was counted at an occurrence") },
	{ "suggest", cmd_suggest, N_("add, edit, show or triage a suggestion") },
	{ "suggestions", cmd_suggestions, N_("list suggestions") },
	{ "report", cmd_report, N_("sum up a period: occurrences, tallies, suggestions") },
	{ "open", cmd_open, N_("the stations open now (or then), near a place") },
	{ "demand", cmd_demand, N_("import, list or remove demand points") },
	{ "coverage", cmd_coverage, N_("demand points without an open station within reach") },
	{ "sync", cmd_sync, N_("two-way sync with CalDAV calendars (Radicale, Nextcloud)") },
};

static void usage(FILE *out)
{
	fprintf(out, _("usage: hearth [--db PATH] [--config PATH] [COMMAND [ARGS]]\n"
		       "\n"
		       "Without a command, hearth opens its full-screen interface.\n"
		       "\n"
		       "Commands:\n"));
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		fprintf(out, "  %-11s %s\n", commands[i].name,
			_(commands[i].summary));
	fprintf(out, _("\nEvery command takes --help. See hearth(1).\n"));
}

/*
 * Takes --db and --config (anywhere on the line) out of argv, so that every
 * command accepts them in any position.
 */
static int take_global(int *argc, char **argv, const char **config,
		       const char **db, struct herr *err)
{
	int out = 1;

	for (int i = 1; i < *argc; i++) {
		const char **slot = NULL;
		const char *a = argv[i], *value = NULL;
		if (strcmp(a, "--") == 0) {
			while (i < *argc)
				argv[out++] = argv[i++];
			break;
		}
		if (strncmp(a, "--db", 4) == 0 && (a[4] == '\0' || a[4] == '='))
			slot = db;
		else if (strncmp(a, "--config", 8) == 0 &&
			 (a[8] == '\0' || a[8] == '='))
			slot = config;
		if (!slot) {
			argv[out++] = argv[i];
			continue;
		}
		value = strchr(a, '=');
		if (value)
			value++;
		else if (i + 1 < *argc)
			value = argv[++i];
		else
			return herr_set(err, HE_USER, _("%s needs a path"), a);
		if (!*value)
			return herr_set(err, HE_USER, _("%s needs a path"), a);
		*slot = value;
	}
	*argc = out;
	argv[out] = NULL;
	return HE_OK;
}

/* A republish after a change failed: the change is saved all the same. */
static void report_publish(struct app *a)
{
	struct herr e;

	if (!app_publish_failed(a, &e))
		return;
	fputs("hearth: ", stderr);
	/* TRANSLATORS: followed by why, naming the directory. */
	out_text(stderr, _("the change is saved, but the published feeds are "
			   "not up to date: "));
	out_text(stderr, e.msg);
	fputc('\n', stderr);
}

static int run(struct app *c, int argc, char **argv)
{
	const char *name = argv[0];

	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		if (strcmp(commands[i].name, name) == 0)
			return commands[i].fn(c, argc, argv);
	return herr_set(&c->err, HE_USER,
			_("unknown command '%s' (see 'hearth --help')"), name);
}

int main(int argc, char **argv)
{
	struct app c;
	const char *config = NULL, *db = NULL;
	int rc;

	memset(&c, 0, sizeof c);
	c.out = stdout;
	/*
	 * Past a file size limit (ulimit -f) a write fails with EFBIG, which
	 * is reported with the file's name, instead of the signal ending
	 * hearth with no word and its temporary file left behind.
	 */
	signal(SIGXFSZ, SIG_IGN);
	/* The full-screen interface says it in its status line. */
	if (!locale_setup() && argc > 1)
		fprintf(stderr, "hearth: %s\n", locale_problem());
	rc = take_global(&argc, argv, &config, &db, &c.err);
	if (rc == HE_OK && argc > 1 &&
	    (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		usage(stdout);
		return 0;
	}
	if (rc == HE_OK && argc > 1 && !strcmp(argv[1], "--version")) {
		printf("hearth %s\n", HEARTH_VERSION);
		return 0;
	}
	if (rc == HE_OK && argc > 1 && argv[1][0] == '-')
		rc = herr_set(&c.err, HE_USER,
			      _("unknown option '%s' (see 'hearth --help')"),
			      argv[1]);
	if (rc == HE_OK)
		rc = app_setup(&c, config, db);
	if (rc == HE_OK)
		rc = argc > 1 ? run(&c, argc - 1, argv + 1) : ui_main(&c);
	report_publish(&c);
	if (rc != HE_OK && c.err.msg[0]) {
		/* Messages quote titles, names and IDs: never write them raw. */
		fputs("hearth: ", stderr);
		out_text(stderr, c.err.msg);
		fputc('\n', stderr);
	}
	if ((fflush(stdout) != 0 || ferror(stdout)) && rc == HE_OK) {
		/* TRANSLATORS: %s says why, e.g. "No space left on device". */
		fprintf(stderr, _("hearth: cannot write the standard output: %s\n"),
			strerror(errno ? errno : EIO));
		rc = HE_INTERNAL;
	}
	app_teardown(&c);
	tz_cleanup();
	return rc;
}
