/*
 * app.h - the application context both front ends run on: settings, the
 * database, the display zone, the clock and the last error.
 *
 * main() sets it up once (app_setup), then hands it to a command
 * (cli.h) or to the full-screen interface (ui.h); neither keeps a copy of
 * what it holds. It never includes curses and never prints except through
 * out, where the command line writes its results.
 */
#ifndef HEARTH_APP_H
#define HEARTH_APP_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "../core/civil.h"
#include "../core/config.h"
#include "../core/publish/publish.h"
#include "../core/store.h"
#include "../core/tz.h"
#include "../core/util.h"

struct app {
	const char *db_path;    /* --db, $HEARTH_DB, config, or the default */
	char *db_path_owned;
	struct config cfg;
	struct store *st;       /* NULL until app_open */
	/*
	 * Zones. home is the calendar's own (stored in the database, read by
	 * app_open): new events take it and floating times are read in it.
	 * zone is the one times are shown in: the configured timezone when
	 * set, else the calendar's. Before app_open (or for a calendar that
	 * has none) both are the configured zone, else $TZ or the system's.
	 */
	const struct tz *home;
	const struct tz *zone;
	int64_t now;            /* $HEARTH_NOW, else the clock */
	int64_t clock_offset;   /* added to the clock by app_tick */
	bool clock_fixed;       /* $HEARTH_NOW without '+': now never moves */
	int if_revision;        /* --if-revision: the revision a change
				   expects (0: any; cli_take_revision) */
	struct herr err;        /* what went wrong, for main() to say */
	FILE *out;              /* the command line's results (stdout) */
	struct publish_opts pub_opts; /* republishing (config publish = DIR) */
	struct publisher *pub;  /* NULL when not publishing */
};

/*
 * Reads the config file (config_path, or the default one when NULL) and
 * settles the database path, zone and clock. Errors are in a->err.
 */
int app_setup(struct app *a, const char *config_path, const char *db_path);
/*
 * Moves now to the clock's time (plus the offset $HEARTH_NOW=T+ set), for
 * a screen that stays open across midnight; nothing when $HEARTH_NOW fixes
 * the time.
 */
void app_tick(struct app *a);
/* Closes the database and frees what app_setup made; a is reusable. */
void app_teardown(struct app *a);
/* Opens the database (creating it when create); nothing when open. Then
 * the zones are the calendar's (see home and zone above). */
int app_open(struct app *a, bool create);
/* True when times are shown in another zone than the calendar's. */
bool app_foreign_zone(const struct app *a);
/* True, with the message in *out, when a republish after a change failed
 * since the last call (with publish = DIR in the config, every change
 * committed republishes the feeds it touches; publish.h); the change
 * itself is saved. */
bool app_publish_failed(struct app *a, struct herr *out);
/* Today's date in zone z (the display zone when z is NULL). */
struct civil app_today(const struct app *a, const struct tz *z);

#endif
