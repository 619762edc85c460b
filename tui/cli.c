/* cli.c - what the commands share: windows, formats, usage. */
#include "cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

/* Prints rows of n string fields as a table, TSV or JSON objects. */
void cli_print_rows(struct app *c, enum cli_format fmt,
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
