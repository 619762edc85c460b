/*
 * cli_coverage.c - hearth coverage: which demand points have no station
 * open within reach, at a moment or by hour of the week, and how many
 * people that leaves out; as text, CSV, JSON or an Excel workbook.
 */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/atomic.h"
#include "../core/civil.h"
#include "../core/csv.h"
#include "../core/i18n.h"
#include "../core/label.h"
#include "cli.h"
#include "cli_station.h"
#include "out.h"
#include "outfile.h"

static const char coverage_usage[] = N_(
"usage: hearth coverage [--at WHEN | --week] [--within 15min] [--walk]\n"
"                       [--speed KMH] [--service S] [--type T]\n"
"                       [--points FILE] [--format text|csv|json|xlsx]\n"
"                       [-o FILE]\n"
"Which demand points (hearth demand, or --points FILE without storing\n"
"them) have no station open within the travel time (15 minutes riding\n"
"unless --within, --walk or the config says otherwise), at WHEN (now by\n"
"default) or at the start of each of the 168 hours of WHEN's week (--week,\n"
"Monday 00:00 on), and how many people that leaves out. --format csv has a\n"
"line an hour; xlsx is a workbook (give -o FILE.xlsx).\n");

enum cov_format { COV_TEXT, COV_CSV, COV_JSON, COV_XLSX };

struct cov_args {
	const char *at, *within, *speed, *service, *type, *points, *format,
		   *output;
	bool week, walk;
};

static int cov_options(struct app *c, int argc, char **argv,
		       struct cov_args *a)
{
	static const struct option opts[] = {
		{ "at", required_argument, NULL, 'a' },
		{ "week", no_argument, NULL, 'w' },
		{ "within", required_argument, NULL, 'W' },
		{ "walk", no_argument, NULL, 'k' },
		{ "speed", required_argument, NULL, 's' },
		{ "service", required_argument, NULL, 'S' },
		{ "type", required_argument, NULL, 't' },
		{ "points", required_argument, NULL, 'p' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		switch (opt) {
		case 'a': a->at = optarg; break;
		case 'w': a->week = true; break;
		case 'W': a->within = optarg; break;
		case 'k': a->walk = true; break;
		case 's': a->speed = optarg; break;
		case 'S': a->service = optarg; break;
		case 't': a->type = optarg; break;
		case 'p': a->points = optarg; break;
		case 'f': a->format = optarg; break;
		case 'o': a->output = optarg; break;
		default:
			return cli_usage_error(c, "coverage", _("unknown option "
					       "or missing value in '%s'"),
					       argv[optind - 1]);
		}
	}
	if (optind != argc)
		return cli_usage_error(c, "coverage", _("unexpected argument "
							"'%s'"), argv[optind]);
	return HE_OK;
}

static bool ends_with(const char *s, const char *end)
{
	size_t n = strlen(s), m = strlen(end);

	return n >= m && !strcmp(s + n - m, end);
}

static int pick_format(struct app *c, const struct cov_args *a,
		       enum cov_format *f)
{
	static const char *const names[] = { "text", "csv", "json", "xlsx" };

	*f = COV_TEXT;
	if (!a->format) {
		if (a->output && ends_with(a->output, ".csv"))
			*f = COV_CSV;
		else if (a->output && ends_with(a->output, ".json"))
			*f = COV_JSON;
		else if (a->output && ends_with(a->output, ".xlsx"))
			*f = COV_XLSX;
		return HE_OK;
	}
	for (int i = 0; i < 4; i++)
		if (!strcmp(a->format, names[i])) {
			*f = (enum cov_format)i;
			return HE_OK;
		}
	return herr_set(&c->err, HE_USER, _("unknown format '%s' (use text, "
					    "csv, json or xlsx)"), a->format);
}

static int build_query(struct app *c, const struct cov_args *a,
		       struct coverage_query *q)
{
	const struct stations_config *sc = c->cfg.stations;
	int rc;

	q->at = c->now;
	q->week = a->week;
	if (a->at && (rc = cli_window_edge(c, a->at, false, &q->at)) != HE_OK)
		return rc;
	q->travel = stations_travel(sc, a->walk || sc->walk);
	q->within = sc->within;
	q->service = a->service;
	q->type = a->type;
	if (a->within &&
	    (rc = travel_parse_minutes(a->within, &q->within, &c->err)) != HE_OK)
		return rc;
	if (a->speed) {
		char *end;
		double v = strtod(a->speed, &end);
		if (end == a->speed || *end || !isfinite(v) || v <= 0 || v > 200)
			return herr_set(&c->err, HE_USER, _("--speed wants km/h, a "
							    "number above 0 such as "
							    "15"));
		q->travel.speed_kmh = v;
	}
	return HE_OK;
}

/* The points: hearth demand's, or a file's (not stored). */
static int load_points(struct app *c, const struct cov_args *a,
		       struct demand_list *pts)
{
	struct import_opts o = { .crs = c->cfg.stations->crs, .name = a->points };
	struct import_result r = { 0 };
	char *text;
	size_t len;
	int rc;

	if (!a->points)
		return store_demand_list(c->st, pts, &c->err);
	if (!station_file_of(a->points, &o.format))
		return herr_set(&c->err, HE_USER, _("--points wants a .csv or "
						    ".geojson file"));
	if (!(text = cli_read_file(c, a->points, &len)))
		return HE_USER;
	rc = demand_read(text, len, &o, pts, &r, &c->err);
	for (size_t i = 0; i < r.problems.n; i++) {
		fputs("hearth: ", stderr);
		out_text(stderr, a->points);
		fputs(": ", stderr);
		out_text(stderr, r.problems.v[i]);
		fputc('\n', stderr);
	}
	import_result_free(&r);
	free(text);
	return rc;
}

static double share(double part, double whole)
{
	return whole > 0 ? 100.0 * part / whole : 0;
}

/* "Mon 4 Jan 2027 12:00" in the display zone. */
static char *moment(struct app *c, int64_t at)
{
	struct civil l = tz_from_utc(c->zone, at, NULL);
	char *day = label_day(&l), hhmm[8], *text;

	label_hhmm(&l, hhmm);
	text = xasprintf("%s %s", day, hhmm);
	free(day);
	return text;
}

/* One character an hour: the tenth of people left out, '.' for none. */
static char shade(double pct)
{
	if (pct <= 0)
		return '.';
	if (pct >= 100)
		return '#';
	return (char)('1' + (int)(pct / 10.0001 > 8 ? 8 : pct / 10.0001));
}

static void text_week(struct app *c, const struct coverage *cv)
{
	fputs(_("People left out by hour (. none, 1 up to 10%, 2 up to 20%, ... "
		"# all):\n"), c->out);
	fputs("       ", c->out);
	for (int h = 0; h < 24; h += 3)
		fprintf(c->out, "%-6d", h);
	fputc('\n', c->out);
	for (int d = 0; d < 7; d++) {
		/* Weekday names are one or two columns wide ("Mon", "周一"). */
		fprintf(c->out, "  %s", label_weekday(d));
		fputs(strlen(label_weekday(d)) == 3 ? " " : "", c->out);
		for (int h = 0; h < 24; h++)
			fprintf(c->out, " %c", shade(share(cv->weight_out[d * 24 + h],
							   cv->weight_total)));
		fputc('\n', c->out);
	}
}

static void print_text(struct app *c, const struct coverage_query *q,
		       const struct coverage *cv)
{
	char *when = moment(c, cv->at[0]);
	size_t worst = 0;
	struct table t;

	for (size_t h = 1; h < cv->n_hours; h++)
		if (cv->weight_out[h] > cv->weight_out[worst])
			worst = h;
	fprintf(c->out, q->week
		? _("Within %.0f minutes (%.1f km/h, detour %.2g), the week from "
		    "%s:\n")
		: _("Within %.0f minutes (%.1f km/h, detour %.2g), at %s:\n"),
		q->within, q->travel.speed_kmh, q->travel.detour, when);
	free(when);
	if (q->week) {
		text_week(c, cv);
		when = moment(c, cv->at[worst]);
		fprintf(c->out, _("Most left out at %s: "), when);
		free(when);
	}
	fprintf(c->out, _("%zu of %zu demand points without an open station, "
			  "%.0f of %.0f people (%.0f%%).\n"),
		cv->uncovered[worst], cv->points.n, cv->weight_out[worst],
		cv->weight_total, share(cv->weight_out[worst], cv->weight_total));
	table_init(&t, 4, 40);
	for (size_t p = 0; p < cv->points.n; p++) {
		size_t out = 0;
		char *w, *o, *n;
		for (size_t h = 0; h < cv->n_hours; h++)
			out += !cv->covered[h * cv->points.n + p];
		if (!out)
			continue;
		w = xasprintf("%g", cv->points.v[p].weight);
		o = q->week ? xasprintf(_("left out %zu of 168 hours"), out)
			    : xstrdup(_("left out"));
		n = xasprintf(ngettext("%d station within reach",
				       "%d stations within reach",
				       (unsigned long)cv->stations_near[p]),
			      cv->stations_near[p]);
		table_add(&t, (const char *[]){ cv->points.v[p].name, w, o, n });
		free(w);
		free(o);
		free(n);
	}
	table_print(&t, c->out, "  ");
	table_free(&t);
}

static char *names_out(const struct coverage *cv, size_t h)
{
	struct sbuf b = { 0 };

	sbuf_add(&b, "");
	for (size_t p = 0; p < cv->points.n; p++)
		if (!cv->covered[h * cv->points.n + p])
			sbuf_addf(&b, "%s%s", b.len ? ";" : "",
				  cv->points.v[p].name);
	return sbuf_take(&b);
}

static int print_csv(struct app *c, const struct coverage *cv, FILE *out)
{
	static const char *const heads[] = { "start", "weekday", "hour",
		"points", "points_left_out", "people", "people_left_out",
		"share_left_out", "left_out" };
	struct csv w;

	csv_init(&w, out);
	csv_bom(&w);
	for (size_t i = 0; i < 9; i++)
		csv_text(&w, heads[i]);
	csv_end(&w);
	for (size_t h = 0; h < cv->n_hours; h++) {
		struct civil l = tz_from_utc(c->zone, cv->at[h], NULL);
		char iso[32], *names = names_out(cv, h);
		out_iso_local(c->zone, cv->at[h], iso);
		csv_text(&w, iso);
		csv_int(&w, civil_weekday(&l) + 1);
		csv_int(&w, l.hour);
		csv_int(&w, (int64_t)cv->points.n);
		csv_int(&w, (int64_t)cv->uncovered[h]);
		csv_real(&w, cv->weight_total, 0);
		csv_real(&w, cv->weight_out[h], 0);
		csv_real(&w, share(cv->weight_out[h], cv->weight_total) / 100, 4);
		csv_text(&w, names);
		csv_end(&w);
		free(names);
	}
	return csv_finish(&w, _("the CSV file"), &c->err);
}

static void print_json(struct app *c, const struct coverage_query *q,
		       const struct coverage *cv, FILE *out)
{
	fprintf(out, "{\"within_minutes\":%g,\"speed_kmh\":%g,\"detour\":%g,"
		"\"people\":%.0f,\"points\":[", q->within, q->travel.speed_kmh,
		q->travel.detour, cv->weight_total);
	for (size_t p = 0; p < cv->points.n; p++) {
		fputs(p ? ",{\"name\":" : "{\"name\":", out);
		out_json_string(out, cv->points.v[p].name);
		fprintf(out, ",\"lat\":%.7f,\"lon\":%.7f,\"weight\":%g,"
			"\"stations_within_reach\":%d}", cv->points.v[p].lat,
			cv->points.v[p].lon, cv->points.v[p].weight,
			cv->stations_near[p]);
	}
	fputs("],\"hours\":[", out);
	for (size_t h = 0; h < cv->n_hours; h++) {
		char iso[32];
		bool first = true;
		out_iso_local(c->zone, cv->at[h], iso);
		fprintf(out, "%s{\"start\":\"%s\",\"people_left_out\":%.0f,"
			"\"left_out\":[", h ? "," : "", iso, cv->weight_out[h]);
		for (size_t p = 0; p < cv->points.n; p++)
			if (!cv->covered[h * cv->points.n + p]) {
				if (!first)
					fputc(',', out);
				first = false;
				out_json_string(out, cv->points.v[p].name);
			}
		fputs("]}", out);
	}
	fputs("]}\n", out);
}

struct xlsx_ctx {
	const struct coverage *cv;
	const struct tz *z;
};

static int xlsx_writer(void *ctx, const char *file, struct herr *err)
{
	struct xlsx_ctx *x = ctx;

	return coverage_write_xlsx(x->cv, x->z, file, err);
}

static int write_out(struct app *c, const struct coverage_query *q,
		     const struct coverage *cv, enum cov_format f, FILE *out)
{
	struct xlsx_ctx x = { cv, c->zone };

	switch (f) {
	case COV_CSV:
		return print_csv(c, cv, out);
	case COV_JSON:
		print_json(c, q, cv, out);
		return HE_OK;
	case COV_XLSX:
		return outfile_copy_from(out, xlsx_writer, &x, &c->err);
	default:
		print_text(c, q, cv);
		return HE_OK;
	}
}

int cmd_coverage(struct app *c, int argc, char **argv)
{
	struct cov_args a = { 0 };
	struct coverage_query q = { 0 };
	struct demand_list pts = { 0 };
	struct coverage cv = { 0 };
	enum cov_format f;
	char *tmp = NULL;
	FILE *out = c->out;
	int rc;

	if (cli_wants_help(argc, argv, _(coverage_usage), c->out))
		return HE_OK;
	if ((rc = cov_options(c, argc, argv, &a)) != HE_OK ||
	    (rc = pick_format(c, &a, &f)) != HE_OK ||
	    (rc = build_query(c, &a, &q)) != HE_OK)
		return rc;
	if (f == COV_XLSX && (!a.output || !strcmp(a.output, "-")) &&
	    isatty(fileno(c->out)))
		return herr_set(&c->err, HE_USER, _("a workbook is not for a "
				"terminal: give -o FILE.xlsx"));
	if ((rc = app_open(c, false)) != HE_OK ||
	    (rc = load_points(c, &a, &pts)) != HE_OK)
		goto done;
	if (!pts.n) {
		rc = herr_set(&c->err, HE_USER, _("no demand points: add them "
						  "with 'hearth demand import "
						  "FILE' or give --points FILE"));
		goto done;
	}
	if ((rc = stations_coverage(c->st, c->cfg.stations, c->home, &pts, &q,
				    &cv, &c->err)) != HE_OK)
		goto done;
	if (a.output && strcmp(a.output, "-") &&
	    !(out = atomic_open(a.output, ATOMIC_IN_PLACE, &tmp, &c->err))) {
		rc = c->err.code;
		goto done;
	}
	rc = write_out(c, &q, &cv, f, out);
	if (out != c->out)
		rc = atomic_close(out, tmp, a.output, rc, NULL, &c->err);
done:
	free(tmp);
	coverage_free(&cv);
	demand_list_free(&pts);
	return rc;
}
