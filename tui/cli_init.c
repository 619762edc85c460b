/* cli_init.c - hearth init [--demo] [--tz ZONE]. */
#include <stdlib.h>
#include <string.h>

#include "../core/demo.h"
#include "../core/i18n.h"
#include "cli.h"

static const char init_usage[] = N_(
"usage: hearth init [--demo] [--tz ZONE]\n"
"Creates the database (or brings an older one up to date). --tz sets the\n"
"calendar's time zone, where its events happen: new events take it, and\n"
"times are shown in it unless the configuration names another (default:\n"
"the configured timezone, else $TZ, else the system's; Asia/Shanghai with\n"
"--demo). --demo fills an empty database with a demo calendar of community\n"
"events in Chinese, dated around today.\n");

static int parse_init(struct app *c, int argc, char **argv, bool *demo,
		      const char **zone)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--demo")) {
			*demo = true;
		} else if (!strcmp(argv[i], "--tz") && i + 1 < argc) {
			*zone = argv[++i];
		} else if (!strncmp(argv[i], "--tz=", 5)) {
			*zone = argv[i] + 5;
		} else {
			return cli_usage_error(c, "init", _("unexpected argument "
					       "'%s'"), argv[i]);
		}
	}
	if (*zone && !tz_get(*zone))
		return herr_set(&c->err, HE_USER, _("unknown time zone '%s'"),
				*zone);
	return HE_OK;
}

/*
 * Gives the calendar its zone: the one asked for, or for a calendar that
 * has none the default. A calendar that has another is not changed here:
 * hearth zone does that, saying what it means.
 */
static int settle_zone(struct app *c, const char *wanted, const char *dflt)
{
	char *have = NULL;
	int rc = store_zone(c->st, &have, &c->err);

	if (rc == HE_OK && have && wanted && strcmp(have, wanted))
		rc = herr_set(&c->err, HE_USER, _("the calendar's time zone is "
			      "already %s; change it with 'hearth zone %s'"),
			      have, wanted);
	else if (rc == HE_OK && !have)
		rc = store_set_zone(c->st, wanted ? wanted : dflt, &c->err);
	free(have);
	if (rc == HE_OK) {
		/* Reopened zones: the calendar's own from now on. */
		store_close(&c->st);
		rc = app_open(c, false);
	}
	return rc;
}

int cmd_init(struct app *c, int argc, char **argv)
{
	const char *zone = NULL;
	bool demo = false;
	int rc;

	if (cli_wants_help(argc, argv, _(init_usage), c->out))
		return HE_OK;
	if ((rc = parse_init(c, argc, argv, &demo, &zone)) != HE_OK ||
	    (rc = app_open(c, true)) != HE_OK)
		return rc;
	if (demo && !store_is_empty(c->st))
		return herr_set(&c->err, HE_USER,
				_("%s already holds events; the demo calendar "
				  "only goes into an empty database"), c->db_path);
	if ((rc = settle_zone(c, zone, demo ? DEMO_ZONE
					    : c->cfg.timezone)) != HE_OK)
		return rc;
	if (demo) {
		if ((rc = demo_load(c->st, c->now, &c->err)) != HE_OK)
			return rc;
		fprintf(c->out, _("Loaded the demo calendar into %s\n"),
			c->db_path);
	} else {
		fprintf(c->out, _("Database ready: %s\n"), c->db_path);
	}
	cli_say_zone(c);
	return HE_OK;
}
