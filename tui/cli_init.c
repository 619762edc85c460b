/* cli_init.c - hearth init [--demo]. */
#include <string.h>

#include "../core/demo.h"
#include "../core/i18n.h"
#include "cli.h"

static const char init_usage[] = N_(
"usage: hearth init [--demo]\n"
"Creates the database (or brings an older one up to date). --demo fills an\n"
"empty database with a demo calendar of community events in Chinese, dated\n"
"around today.\n");

int cmd_init(struct app *c, int argc, char **argv)
{
	bool demo = false;
	int rc;

	if (cli_wants_help(argc, argv, _(init_usage), c->out))
		return HE_OK;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--demo") != 0)
			return cli_usage_error(c, "init", _("unexpected argument "
					       "'%s'"), argv[i]);
		demo = true;
	}
	if ((rc = app_open(c, true)) != HE_OK)
		return rc;
	if (demo) {
		if (!store_is_empty(c->st))
			return herr_set(&c->err, HE_USER,
					_("%s already holds events; the demo "
					  "calendar only goes into an empty "
					  "database"), c->db_path);
		if ((rc = demo_load(c->st, c->now, &c->err)) != HE_OK)
			return rc;
		fprintf(c->out, _("Loaded the demo calendar into %s\n"),
			c->db_path);
		return HE_OK;
	}
	fprintf(c->out, _("Database ready: %s\n"), c->db_path);
	return HE_OK;
}
