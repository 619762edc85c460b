/* cli_zone.c - hearth zone [ZONE]: the calendar's own time zone. */
#include <string.h>

#include "../core/i18n.h"
#include "cli.h"

static const char zone_usage[] = N_(
"usage: hearth zone [ZONE]\n"
"Shows the calendar's time zone, or changes it to ZONE (an IANA name such\n"
"as Asia/Shanghai). New events take the calendar's zone, and times are shown\n"
"in it unless the configuration names a timezone. Changing it moves no\n"
"event: each keeps the zone it was made in.\n");

int cmd_zone(struct app *c, int argc, char **argv)
{
	int rc;

	if (cli_wants_help(argc, argv, _(zone_usage), c->out))
		return HE_OK;
	if (argc > 2 || (argc == 2 && argv[1][0] == '-'))
		return cli_usage_error(c, "zone", _("give at most one zone"));
	if (argc == 2 && !tz_get(argv[1]))
		return herr_set(&c->err, HE_USER, _("unknown time zone '%s'"),
				argv[1]);
	if ((rc = app_open(c, false)) != HE_OK)
		return rc;
	if (argc == 2) {
		if ((rc = store_set_zone(c->st, argv[1], &c->err)) != HE_OK)
			return rc;
		store_close(&c->st);
		if ((rc = app_open(c, false)) != HE_OK)
			return rc;
	}
	cli_say_zone(c);
	return HE_OK;
}
