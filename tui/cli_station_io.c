/* cli_station_io.c - hearth venue import and export (stations in bulk). */
#include <stdlib.h>

#include "../core/i18n.h"
#include "cli.h"
#include "cli_station.h"

int cli_venue_import(struct app *c, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return herr_set(&c->err, HE_USER, "not yet");
}

int cli_venue_export(struct app *c, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return herr_set(&c->err, HE_USER, "not yet");
}
