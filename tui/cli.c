/* cli.c - what the commands share: windows, formats, usage. */
#include "cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/audit.h"
#include "../core/i18n.h"
#include "../core/when.h"
#include "out.h"

int cli_window_edge(struct app *c, const char *text, bool end, int64_t *out)
{
	struct civil today = app_today(c, c->zone);
	struct when w;
	int rc;

	/* The moment itself: what is on now and what comes next. */
	if (!strcasecmp(text, "now") || !strcmp(text, "现在")) {
		*out = c->now;
		return HE_OK;
	}
	if ((rc = when_parse(text, &today, &w, &c->err)) != HE_OK)
		return rc;
	if (w.date_only && end)
		w.c = civil_add_days(w.c, 1);
	*out = tz_to_utc(c->zone, &w.c);
	return HE_OK;
}

int cli_parse_format(struct app *c, const char *s, enum cli_format *out)
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

int cli_usage_error(struct app *c, const char *cmd, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return herr_set(&c->err, HE_USER, _("%s: %s (see 'hearth %s --help')"),
			cmd, msg, cmd);
}

void cli_warn_skipped(struct app *c, int64_t from, int64_t to)
{
	struct skipped_list l = { 0 };
	struct herr err = { 0 };

	if (!c->st || store_skipped(c->st, from, to, &l, &err) != HE_OK) {
		skipped_list_free(&l);
		return;
	}
	for (size_t i = 0; i < l.n; i++) {
		char *msg = xasprintf(_("warning: event %s ('%s') is left out: %s "
					"(see 'hearth check')"), l.v[i].uid,
				      l.v[i].title, l.v[i].reason);
		fputs("hearth: ", stderr);
		out_text(stderr, msg);
		fputc('\n', stderr);
		free(msg);
	}
	skipped_list_free(&l);
}

void cli_say_zone(struct app *c)
{
	if (app_foreign_zone(c))
		fprintf(c->out, _("The calendar's time zone is %s: new events "
				  "take it. Times are shown in %s, the configured "
				  "timezone. Change the calendar's with 'hearth "
				  "zone ZONE'.\n"), tz_name(c->home),
			tz_name(c->zone));
	else
		fprintf(c->out, _("The calendar's time zone is %s: new events "
				  "take it and times are shown in it. Change it "
				  "with 'hearth zone ZONE'.\n"), tz_name(c->home));
}

int cli_take_revision(struct app *c, const char *cmd, int *argc, char **argv)
{
	int out = 1;

	for (int i = 1; i < *argc; i++) {
		const char *a = argv[i], *value;
		char *end;
		long n;
		if (!strcmp(a, "--")) {
			while (i < *argc)
				argv[out++] = argv[i++];
			break;
		}
		if (strncmp(a, "--if-revision", 13) ||
		    (a[13] != '\0' && a[13] != '=')) {
			argv[out++] = argv[i];
			continue;
		}
		if (a[13] == '=')
			value = a + 14;
		else if (i + 1 < *argc)
			value = argv[++i];
		else
			return cli_usage_error(c, cmd, _("--if-revision needs a "
					       "revision number"));
		n = strtol(value, &end, 10);
		if (!*value || *end || n < 1 || n > 1000000000)
			return cli_usage_error(c, cmd, _("--if-revision wants a "
					       "revision number ('hearth show' "
					       "prints it), not '%s'"), value);
		c->if_revision = (int)n;
	}
	*argc = out;
	argv[out] = NULL;
	return HE_OK;
}

int cli_conflict(struct app *c, const char *ref, const char *label,
		 int expected, int current)
{
	struct audit_entry e;
	struct herr err = { 0 };
	bool found = false;
	int rc;

	if (c->st)
		store_audit_last(c->st, ref, &e, &found, &err);
	if (!found)
		return herr_set(&c->err, HE_USER,
				_("'%s' is at revision %d, not %d; look at it "
				  "again and retry"), label, current, expected);
	{
		struct civil t = tz_from_utc(c->zone, e.at, NULL);
		char when[32];
		snprintf(when, sizeof when, "%04d-%02d-%02d %02d:%02d", t.year,
			 t.month, t.day, t.hour, t.min);
		rc = herr_set(&c->err, HE_USER,
			      _("'%s' is at revision %d, not %d: %s changed it "
				"at %s; look at it again and retry"), label,
			      current, expected, e.user, when);
	}
	audit_entry_free(&e);
	return rc;
}

void cli_print_rows(struct app *c, enum cli_format fmt,
		    const char *const *keys, size_t n, const char **rows,
		    size_t nrows)
{
	cli_print_rows_some(c, fmt, keys, n, n, rows, nrows);
}

void cli_print_rows_some(struct app *c, enum cli_format fmt,
			 const char *const *keys, size_t n, size_t text_n,
			 const char **rows, size_t nrows)
{
	struct table t;

	table_init(&t, text_n, 40);
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
