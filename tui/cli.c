/* cli.c - what the commands share: settings, database, clock, usage. */
#include "cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/i18n.h"
#include "../core/when.h"
#include "out.h"

/* $HEARTH_NOW (seconds since the epoch) fixes the clock for tests. */
static int read_clock(struct cli *c)
{
	const char *env = getenv("HEARTH_NOW");
	char *end;
	long long v;

	c->now = (int64_t)time(NULL);
	if (!env || !*env)
		return HE_OK;
	v = strtoll(env, &end, 10);
	if (*end != '\0')
		return herr_set(&c->err, HE_USER,
				_("HEARTH_NOW must be seconds since 1970, not '%s'"),
				env);
	c->now = v;
	return HE_OK;
}

int cli_setup(struct cli *c, const char *config_path, const char *db_path)
{
	char *default_config = NULL;
	const char *env_db = getenv("HEARTH_DB");
	int rc;

	config_init(&c->cfg);
	if (!config_path) {
		default_config = config_default_path();
		rc = config_load(&c->cfg, default_config, false, &c->err);
		free(default_config);
	} else {
		rc = config_load(&c->cfg, config_path, true, &c->err);
	}
	if (rc != HE_OK)
		return rc;
	c->zone = tz_get(c->cfg.timezone);
	if (!c->zone)
		return herr_set(&c->err, HE_USER, _("unknown time zone '%s'"),
				c->cfg.timezone);
	if (db_path)
		c->db_path = db_path;
	else if (env_db && *env_db)
		c->db_path = env_db;
	else if (c->cfg.database)
		c->db_path = c->cfg.database;
	else
		c->db_path = c->db_path_owned = store_default_path();
	return read_clock(c);
}

void cli_teardown(struct cli *c)
{
	store_close(&c->st);
	config_free(&c->cfg);
	free(c->db_path_owned);
	c->db_path_owned = NULL;
}

int cli_open(struct cli *c, bool create)
{
	if (c->st)
		return HE_OK;
	return store_open(&c->st, c->db_path,
			  create ? STORE_CREATE : STORE_EXISTING, &c->err);
}

struct civil cli_today(const struct cli *c, const struct tz *z)
{
	struct civil t = tz_from_utc(z ? z : c->zone, c->now, NULL);
	t.hour = t.min = t.sec = 0;
	return t;
}

int cli_window_edge(struct cli *c, const char *text, bool end, int64_t *out)
{
	struct civil today = cli_today(c, c->zone);
	struct when w;
	int rc = when_parse(text, &today, &w, &c->err);

	if (rc != HE_OK)
		return rc;
	if (w.date_only && end)
		w.c = civil_add_days(w.c, 1);
	*out = tz_to_utc(c->zone, &w.c);
	return HE_OK;
}

int cli_parse_format(struct cli *c, const char *s, enum cli_format *out)
{
	if (!strcmp(s, "text"))
		*out = FORMAT_TEXT;
	else if (!strcmp(s, "tsv"))
		*out = FORMAT_TSV;
	else if (!strcmp(s, "json"))
		*out = FORMAT_JSON;
	else
		return herr_set(&c->err, HE_USER,
				_("unknown format '%s' (use text, tsv or json)"), s);
	return HE_OK;
}

bool cli_wants_help(int argc, char **argv, const char *usage, FILE *out)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			break;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(usage, out);
			return true;
		}
	}
	return false;
}

int cli_usage_error(struct cli *c, const char *cmd, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return herr_set(&c->err, HE_USER, _("%s: %s (see 'hearth %s --help')"),
			cmd, msg, cmd);
}

/* Prints rows of n string fields as a table, TSV or JSON objects. */
void cli_print_rows(struct cli *c, enum cli_format fmt,
		       const char *const *keys, size_t n, const char **rows,
		       size_t nrows)
{
	struct table t;

	table_init(&t, n, 40);
	if (fmt == FORMAT_JSON)
		fputc('[', c->out);
	for (size_t r = 0; r < nrows; r++) {
		const char **row = rows + r * n;
		if (fmt == FORMAT_TEXT) {
			table_add(&t, row);
			continue;
		}
		if (fmt == FORMAT_JSON)
			fputs(r ? ",{" : "{", c->out);
		for (size_t k = 0; k < n; k++) {
			if (fmt == FORMAT_TSV) {
				out_tsv_field(c->out, row[k] ? row[k] : "");
				fputc(k + 1 < n ? '\t' : '\n', c->out);
			} else {
				if (k)
					fputc(',', c->out);
				out_json_string(c->out, keys[k]);
				fputc(':', c->out);
				out_json_string(c->out, row[k] ? row[k] : "");
			}
		}
		if (fmt == FORMAT_JSON)
			fputc('}', c->out);
	}
	if (fmt == FORMAT_JSON)
		fputs("]\n", c->out);
	table_print(&t, c->out, NULL);
	table_free(&t);
}
