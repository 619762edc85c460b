/*
 * cli_report.c - hearth report: a period in numbers, as aligned text (with
 * bars when it goes to a terminal), CSV, JSON or an Excel workbook.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "../core/atomic.h"
#include "../core/i18n.h"
#include "../core/report/report.h"
#include "../core/text.h"
#include "cli.h"
#include "cli_report.h"
#include "out.h"
#include "outfile.h"

static const char report_usage[] = N_(
"usage: hearth report [--from WHEN] [--to WHEN] [--by G]... [--kind K]\n"
"                     [--venue V] [--org O] [--format text|csv|json|xlsx]\n"
"                     [-o FILE]\n"
"Sums up the occurrences that start in a period: how many were held,\n"
"cancelled or are still to come, what was counted at them by category, and\n"
"the suggestions received, by topic and status. The period runs from --from\n"
"to --to (days, both included; default the current month; --from alone:\n"
"to the end of its month; --to alone: from the first of its month). --by\n"
"groups by week, month, kind, venue, org (the host) or category; give it\n"
"several times or as a list (default week). --kind, --venue (part of a\n"
"name) and --org (part of a name) narrow everything.\n"
"text is aligned tables, with bars when it goes to a terminal; csv is UTF-8\n"
"with a byte-order mark for Excel and WPS; xlsx is a workbook with a sheet\n"
"per grouping and charts. -o (--output) writes FILE (its ending .csv, .json\n"
"or .xlsx chooses the format when --format is not given).\n");

enum report_format { REPORT_TEXT, REPORT_CSV, REPORT_JSON, REPORT_XLSX };

struct report_args {
	const char *from, *to, *file, *format;
	struct report_query q;
};

static int add_groupings(struct app *c, struct report_query *q,
			 const char *list)
{
	char *copy = xstrdup(list), *save = NULL;
	int rc = HE_OK;

	for (char *p = strtok_r(copy, ", ", &save); p && rc == HE_OK;
	     p = strtok_r(NULL, ", ", &save)) {
		enum report_by by;
		bool seen = false;
		if (!report_by_parse(p, &by)) {
			rc = herr_set(&c->err, HE_USER, _("cannot group by '%s' (use "
				      "week, month, kind, venue, org or "
				      "category)"), p);
			break;
		}
		for (size_t i = 0; i < q->n_by; i++)
			seen |= q->by[i] == by;
		if (!seen)
			q->by[q->n_by++] = by;
	}
	free(copy);
	return rc;
}

static int parse_report(struct app *c, int argc, char **argv,
			struct report_args *a)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "by", required_argument, NULL, 'b' },
		{ "kind", required_argument, NULL, 'k' },
		{ "venue", required_argument, NULL, 'v' },
		{ "org", required_argument, NULL, 'O' },
		{ "format", required_argument, NULL, 'F' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	int opt, rc;

	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		switch (opt) {
		case 'f': a->from = optarg; break;
		case 't': a->to = optarg; break;
		case 'k': a->q.kind = optarg; break;
		case 'v': a->q.venue = optarg; break;
		case 'O': a->q.org = optarg; break;
		case 'F': a->format = optarg; break;
		case 'o': a->file = optarg; break;
		case 'b':
			if ((rc = add_groupings(c, &a->q, optarg)) != HE_OK)
				return rc;
			break;
		default:
			return cli_usage_error(c, "report", _("unknown option or "
					       "missing value in '%s'"),
					       argv[optind - 1]);
		}
	}
	if (optind != argc)
		return cli_usage_error(c, "report", _("unexpected argument '%s'"),
				       argv[optind]);
	if (a->q.kind && !config_kind(&c->cfg, a->q.kind))
		return herr_set(&c->err, HE_USER, _("unknown kind '%s' (see "
				"'hearth kinds')"), a->q.kind);
	if (a->q.n_by == 0)
		a->q.by[a->q.n_by++] = REPORT_BY_WEEK;
	return HE_OK;
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);
	return n >= m && strcasecmp(s + n - m, tail) == 0;
}

static int pick_format(struct app *c, const struct report_args *a,
		       enum report_format *fmt)
{
	static const char *const names[] = { "text", "csv", "json", "xlsx" };

	*fmt = REPORT_TEXT;
	if (!a->format) {
		if (a->file && ends_with(a->file, ".csv"))
			*fmt = REPORT_CSV;
		else if (a->file && ends_with(a->file, ".json"))
			*fmt = REPORT_JSON;
		else if (a->file && ends_with(a->file, ".xlsx"))
			*fmt = REPORT_XLSX;
		return HE_OK;
	}
	for (int i = 0; i < 4; i++)
		if (!strcmp(a->format, names[i])) {
			*fmt = (enum report_format)i;
			return HE_OK;
		}
	return herr_set(&c->err, HE_USER, _("unknown format '%s' (use text, csv, "
			"json or xlsx)"), a->format);
}

/* The first day of the month of the instant t, at midnight. */
static struct civil month_of(struct app *c, int64_t t)
{
	struct civil d = tz_from_utc(c->zone, t, NULL);

	d.day = 1;
	d.hour = d.min = d.sec = 0;
	return d;
}

/* --from and --to; one alone gives its month, neither the current one. */
static int period(struct app *c, struct report_args *a)
{
	struct civil m;
	int rc;

	if (a->from && (rc = cli_window_edge(c, a->from, false, &a->q.from)))
		return rc;
	if (a->to && (rc = cli_window_edge(c, a->to, true, &a->q.to)))
		return rc;
	if (!a->from) {
		m = month_of(c, a->to ? a->q.to - 1 : c->now);
		a->q.from = tz_to_utc(c->zone, &m);
	}
	if (!a->to) {
		m = civil_add_months(month_of(c, a->q.from), 1);
		a->q.to = tz_to_utc(c->zone, &m);
	}
	if (a->q.to <= a->q.from)
		return herr_set(&c->err, HE_USER,
				_("--to is not after --from: the period is empty"));
	return HE_OK;
}

static int xlsx_writer(void *ctx, const char *file, struct herr *err)
{
	return report_write_xlsx(ctx, file, err);
}

static int write_report(struct app *c, const struct report *r,
			enum report_format fmt, FILE *out)
{
	switch (fmt) {
	case REPORT_CSV:
		return report_write_csv(r, out, &c->err);
	case REPORT_JSON:
		cli_report_json(r, out);
		return HE_OK;
	case REPORT_XLSX:
		return outfile_copy_from(out, xlsx_writer, (void *)r, &c->err);
	default:
		cli_report_text(c, r, out, out == c->out && isatty(fileno(out))
			? cli_terminal_width(fileno(out)) : 0);
		return HE_OK;
	}
}

int cmd_report(struct app *c, int argc, char **argv)
{
	struct report_args a = { 0 };
	struct report r = { 0 };
	enum report_format fmt;
	char *tmp = NULL;
	FILE *out = c->out;
	int rc;

	if (cli_wants_help(argc, argv, _(report_usage), c->out))
		return HE_OK;
	if ((rc = parse_report(c, argc, argv, &a)) != HE_OK ||
	    (rc = pick_format(c, &a, &fmt)) != HE_OK ||
	    (rc = period(c, &a)) != HE_OK)
		return rc;
	if (fmt == REPORT_XLSX && (!a.file || !strcmp(a.file, "-")) &&
	    isatty(fileno(c->out)))
		return herr_set(&c->err, HE_USER, _("a workbook is not for a "
				"terminal: give -o FILE.xlsx"));
	a.q.zone = tz_name(c->zone);
	a.q.week_start = c->cfg.week_start;
	a.q.now = c->now;
	a.q.cfg = &c->cfg;
	if ((rc = app_open(c, false)) != HE_OK ||
	    (rc = report_build(c->st, &a.q, &r, &c->err)) != HE_OK)
		return rc;
	if (a.file && strcmp(a.file, "-") &&
	    !(out = atomic_open(a.file, ATOMIC_IN_PLACE, &tmp, &c->err))) {
		report_free(&r);
		return c->err.code;
	}
	cli_warn_skipped(c, a.q.from, a.q.to);
	rc = write_report(c, &r, fmt, out);
	if (out != c->out)
		rc = atomic_close(out, tmp, a.file, rc, NULL, &c->err);
	free(tmp);
	report_free(&r);
	return rc;
}

int cli_terminal_width(int fd)
{
	struct winsize ws;

	if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}
