/* app.c - the context both front ends share: settings, database, clock. */
#include "app.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/i18n.h"
#include "keytab.h"

/*
 * $HEARTH_NOW (seconds since the epoch) fixes the clock for tests; with a
 * '+' after it the clock starts there and runs (a screen left open past
 * midnight, tested in seconds).
 */
static int read_clock(struct app *a)
{
	const char *env = getenv("HEARTH_NOW");
	char *end;
	long long v;

	a->now = (int64_t)time(NULL);
	a->clock_offset = 0;
	a->clock_fixed = false;
	if (!env || !*env)
		return HE_OK;
	v = strtoll(env, &end, 10);
	if (end == env || (*end != '\0' && strcmp(end, "+") != 0))
		return herr_set(&a->err, HE_USER,
				_("HEARTH_NOW must be seconds since 1970, not '%s'"),
				env);
	a->clock_fixed = *end == '\0';
	a->clock_offset = v - a->now;
	a->now = v;
	return HE_OK;
}

void app_tick(struct app *a)
{
	if (!a->clock_fixed)
		a->now = (int64_t)time(NULL) + a->clock_offset;
}

/*
 * The database of a shared install (make install-shared): the first line
 * of SYSCONFDIR/hearth/database ($HEARTH_SYSCONFDIR instead, for tests),
 * or NULL.
 */
static char *shared_default(void)
{
	const char *env = getenv("HEARTH_SYSCONFDIR");
	char *name = xasprintf("%s/hearth/database",
			       env && *env ? env : SYSCONFDIR);
	FILE *f = fopen(name, "r");
	char line[4096], *path = NULL;

	free(name);
	if (!f)
		return NULL;
	if (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '/')
			path = xstrdup(line);
	}
	fclose(f);
	return path;
}

int app_setup(struct app *a, const char *config_path, const char *db_path)
{
	char *default_config = NULL;
	const char *env_db = getenv("HEARTH_DB");
	int rc;

	config_init(&a->cfg);
	if (!config_path) {
		default_config = config_default_path();
		rc = config_load(&a->cfg, default_config, false, &a->err);
		free(default_config);
	} else {
		rc = config_load(&a->cfg, config_path, true, &a->err);
	}
	/* [keys] is the interface's; checked here so that every command
	 * refuses the file the interface would refuse. */
	if (rc == HE_OK)
		rc = keytab_check_config(&a->cfg, &a->err);
	if (rc != HE_OK)
		return rc;
	a->zone = a->home = tz_get(a->cfg.timezone);
	if (!a->zone)
		return herr_set(&a->err, HE_USER, _("unknown time zone '%s'"),
				a->cfg.timezone);
	if (db_path)
		a->db_path = db_path;
	else if (env_db && *env_db)
		a->db_path = env_db;
	else if (a->cfg.database)
		a->db_path = a->cfg.database;
	else if ((a->db_path_owned = shared_default()))
		a->db_path = a->db_path_owned;
	else
		a->db_path = a->db_path_owned = store_default_path();
	return read_clock(a);
}

void app_teardown(struct app *a)
{
	publish_unwatch(&a->pub);
	store_close(&a->st);
	config_free(&a->cfg);
	free(a->db_path_owned);
	a->db_path_owned = NULL;
}

/* The calendar's zone, once the database is open. */
static int settle_zones(struct app *a)
{
	const struct tz *z;
	char *name = NULL;
	int rc = store_zone(a->st, &name, &a->err);

	if (rc != HE_OK)
		return rc;
	/* A name this system lacks keeps the fallback; check says nothing of
	 * it, as the calendar is still sound. */
	if (name && (z = tz_get(name))) {
		a->home = z;
		if (!a->cfg.timezone_set)
			a->zone = z;
	}
	free(name);
	return HE_OK;
}

/* Republishing after each change when the config says publish = DIR. */
static int watch_publish(struct app *a)
{
	struct publish_opts *o = &a->pub_opts;

	if (!a->cfg.publish.dir)
		return HE_OK;
	memset(o, 0, sizeof *o);
	o->dir = a->cfg.publish.dir;
	o->base_url = a->cfg.publish.url;
	o->cfg = &a->cfg;
	o->zone = tz_name(a->home);
	o->now = a->now;
	return publish_watch(a->st, o, &a->pub, &a->err);
}

int app_open(struct app *a, bool create)
{
	int rc;

	if (a->st)
		return HE_OK;
	if ((rc = store_open(&a->st, a->db_path,
			     create ? STORE_CREATE : STORE_EXISTING,
			     &a->err)) != HE_OK)
		return rc;
	store_set_horizon(a->st, a->now, a->cfg.index_years);
	if ((rc = settle_zones(a)) != HE_OK)
		return rc;
	return watch_publish(a);
}

bool app_foreign_zone(const struct app *a)
{
	return a->zone != a->home;
}

bool app_publish_failed(struct app *a, struct herr *out)
{
	return publisher_failed(a->pub, out);
}

struct civil app_today(const struct app *a, const struct tz *z)
{
	struct civil t = tz_from_utc(z ? z : a->zone, a->now, NULL);
	t.hour = t.min = t.sec = 0;
	return t;
}
