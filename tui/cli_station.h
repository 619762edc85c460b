/*
 * cli_station.h - what the venue command shares with the station
 * commands (cli_station.c, cli_station_io.c, cli_open.c).
 */
#ifndef HEARTH_CLI_STATION_H
#define HEARTH_CLI_STATION_H

#include "../core/stations/stations.h"
#include "app.h"

/*
 * Saves s as store_station_put does; a mistake in its opening hours is
 * shown with the hours and a caret under the character at fault.
 */
int cli_station_put(struct app *c, const char *old_name,
		    const struct station *s);
/* hearth venue show|import|export (argv[0] is the subcommand). */
int cli_venue_more(struct app *c, int argc, char **argv);
int cli_venue_import(struct app *c, int argc, char **argv);
int cli_venue_export(struct app *c, int argc, char **argv);
/* A whole file (or standard input for "-"), NUL-terminated; NULL with the
 * reason in c->err. */
char *cli_read_file(struct app *c, const char *path, size_t *len);
/* Prints text with a caret under its column (1-based, in characters). */
void cli_point_at(FILE *out, const char *text, int column);

#endif
