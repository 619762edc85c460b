/*
 * cli_open.c - hearth open: the stations open at a moment, near a point
 * or a venue, within a travel time, with a service or of a type.
 */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/civil.h"
#include "../core/i18n.h"
#include "../core/label.h"
#include "../core/text.h"
#include "cli.h"
#include "cli_station.h"
#include "out.h"

static const char open_usage[] = N_(
"usage: hearth open [--at WHEN] [--near LAT,LON|VENUE] [--within 15min|all]\n"
"                   [--service S] [--type T] [--walk] [--speed KMH]\n"
"                   [--crs wgs84|gcj02] [--format text|tsv|json]\n"
"The stations open at WHEN (now by default), by their opening hours or an\n"
"event under way there, with the services they offer and when they close.\n"
"With --near, nearest first by travel time (riding, or walking with --walk,\n"
"at the speeds and detour factor of the config's [stations]), only those\n"
"within the service circle (15 minutes unless --within or the config says\n"
"otherwise; --within all: any distance). --near LAT,LON is WGS-84 unless\n"
"--crs gcj02. --service and --type take part of a name (热水, 血压).\n"
"--format tsv prints one station a line: name, type, distance in metres,\n"
"minutes, closing time (ISO 8601 with offset), services (comma-separated).\n");

struct open_args {
	const char *at, *near, *within, *service, *type, *speed, *crs;
	bool walk;
	enum cli_format fmt;
};

static int open_options(struct app *c, int argc, char **argv,
			struct open_args *a)
{
	static const struct option opts[] = {
		{ "at", required_argument, NULL, 'a' },
		{ "near", required_argument, NULL, 'n' },
		{ "within", required_argument, NULL, 'w' },
		{ "service", required_argument, NULL, 's' },
		{ "type", required_argument, NULL, 't' },
		{ "walk", no_argument, NULL, 'W' },
		{ "speed", required_argument, NULL, 'S' },
		{ "crs", required_argument, NULL, 'c' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	int opt, rc;

	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'a': a->at = optarg; break;
		case 'n': a->near = optarg; break;
		case 'w': a->within = optarg; break;
		case 's': a->service = optarg; break;
		case 't': a->type = optarg; break;
		case 'W': a->walk = true; break;
		case 'S': a->speed = optarg; break;
		case 'c': a->crs = optarg; break;
		case 'f':
			if ((rc = cli_parse_format(c, optarg, &a->fmt)) != HE_OK)
				return rc;
			break;
		default:
			return cli_usage_error(c, "open", _("unknown option or "
					       "missing value in '%s'"),
					       argv[optind - 1]);
		}
	}
	if (optind != argc)
		return cli_usage_error(c, "open", _("unexpected argument '%s'"),
				       argv[optind]);
	return HE_OK;
}

/* --near: a point, else a venue with coordinates. */
static int resolve_near(struct app *c, const struct open_args *a,
			struct open_query *q)
{
	enum crs crs = CRS_WGS84;
	struct station s;
	int rc;

	if (a->crs && !crs_parse(a->crs, &crs))
		return herr_set(&c->err, HE_USER, _("--crs wants wgs84 or gcj02, "
						    "not '%s'"), a->crs);
	q->near = true;
	if (geo_parse_point(a->near, &q->lat, &q->lon)) {
		if (geo_check(q->lat, q->lon, &c->err) != HE_OK)
			return HE_USER;
		geo_to_wgs(crs, &q->lat, &q->lon);
		return HE_OK;
	}
	if ((rc = store_station_get(c->st, a->near, &s, &c->err)) != HE_OK) {
		herr_set(&c->err, HE_USER, _("--near wants LAT,LON or the name of "
					     "a venue: no venue is called '%s'"),
			 a->near);
		return rc;
	}
	if (!s.v.has_geo)
		rc = herr_set(&c->err, HE_USER, _("venue '%s' has no coordinates "
						  "(hearth venue edit NAME --geo "
						  "LAT,LON)"), a->near);
	q->lat = s.v.lat;
	q->lon = s.v.lon;
	station_free(&s);
	return rc;
}

static int build_query(struct app *c, const struct open_args *a,
		       struct open_query *q)
{
	const struct stations_config *sc = c->cfg.stations;
	int rc;

	q->at = c->now;
	if (a->at && (rc = cli_window_edge(c, a->at, false, &q->at)) != HE_OK)
		return rc;
	q->travel = stations_travel(sc, a->walk || sc->walk);
	if (a->speed) {
		char *end;
		double v = strtod(a->speed, &end);
		if (end == a->speed || *end || !isfinite(v) || v <= 0 || v > 200)
			return herr_set(&c->err, HE_USER, _("--speed wants km/h, a "
							    "number above 0 such as "
							    "15"));
		q->travel.speed_kmh = v;
	}
	q->service = a->service;
	q->type = a->type;
	if (!a->near) {
		if (a->within)
			return cli_usage_error(c, "open", _("--within needs --near"));
		return HE_OK;
	}
	q->within = sc->within;
	if (a->within && !strcmp(a->within, "all")) {
		q->within = 0;
	} else if (a->within &&
		   (rc = travel_parse_minutes(a->within, &q->within, &c->err))) {
		return rc;
	}
	return resolve_near(c, a, q);
}

static char *services_joined(const struct strv *l, const char *sep)
{
	struct sbuf b = { 0 };

	sbuf_add(&b, "");
	for (size_t i = 0; i < l->n; i++)
		sbuf_addf(&b, "%s%s", i ? sep : "", l->v[i]);
	return sbuf_take(&b);
}

static void print_tsv(struct app *c, const struct open_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct open_station *o = &l->v[i];
		char buf[32] = "";
		char *svc = services_joined(&o->s.v.services, ",");
		out_tsv_field(c->out, o->s.v.name);
		fputc('\t', c->out);
		out_tsv_field(c->out, o->s.v.type ? o->s.v.type : "");
		if (o->metres >= 0)
			fprintf(c->out, "\t%.0f\t%.0f\t", o->metres,
				round(o->minutes));
		else
			fputs("\t\t\t", c->out);
		if (o->closes != INT64_MAX)
			out_iso_local(c->zone, o->closes, buf);
		fprintf(c->out, "%s\t", buf);
		out_tsv_field(c->out, svc);
		fputc('\n', c->out);
		free(svc);
	}
}

static void print_json(struct app *c, const struct open_list *l)
{
	fputc('[', c->out);
	for (size_t i = 0; i < l->n; i++) {
		const struct open_station *o = &l->v[i];
		char buf[32];
		fputs(i ? ",{\"name\":" : "{\"name\":", c->out);
		out_json_string(c->out, o->s.v.name);
		fputs(",\"type\":", c->out);
		out_json_string(c->out, o->s.v.type ? o->s.v.type : "");
		fputs(",\"address\":", c->out);
		out_json_string(c->out, o->s.v.address ? o->s.v.address : "");
		if (o->s.v.has_geo)
			fprintf(c->out, ",\"lat\":%.7f,\"lon\":%.7f", o->s.v.lat,
				o->s.v.lon);
		if (o->metres >= 0)
			fprintf(c->out, ",\"distance_m\":%.0f,\"minutes\":%.1f",
				o->metres, o->minutes);
		if (o->closes != INT64_MAX) {
			out_iso_local(c->zone, o->closes, buf);
			fprintf(c->out, ",\"closes\":\"%s\"", buf);
		} else {
			fputs(",\"closes\":null", c->out);
		}
		fputs(",\"event\":", c->out);
		if (o->event)
			out_json_string(c->out, o->event);
		else
			fputs("null", c->out);
		fputs(",\"services\":[", c->out);
		for (size_t k = 0; k < o->s.v.services.n; k++) {
			if (k)
				fputc(',', c->out);
			out_json_string(c->out, o->s.v.services.v[k]);
		}
		fputs("]}", c->out);
	}
	fputs("]\n", c->out);
}

/* "until 20:00", "until Sat 02:00" when not today, "open all week". */
static char *until_text(struct app *c, int64_t at, int64_t closes)
{
	struct civil now = tz_from_utc(c->zone, at, NULL);
	struct civil end;
	char hhmm[8];

	if (closes == INT64_MAX)
		return xstrdup(_("open all week"));
	end = tz_from_utc(c->zone, closes, NULL);
	label_hhmm(&end, hhmm);
	if (end.year == now.year && end.month == now.month &&
	    end.day == now.day)
		return xasprintf(_("until %s"), hhmm);
	/* TRANSLATORS: closing on another day: "until Sat 02:00". */
	return xasprintf(_("until %s %s"), label_weekday(civil_weekday(&end)),
			 hhmm);
}

static char *distance_text(double metres)
{
	if (metres < 1000)
		return xasprintf(_("%.0f m"), metres);
	return xasprintf(_("%.1f km"), metres / 1000);
}

static void print_text(struct app *c, const struct open_query *q,
		       const struct open_list *l)
{
	struct civil at = tz_from_utc(c->zone, q->at, NULL);
	char *day = label_day(&at), hhmm[8];
	struct table t;

	label_hhmm(&at, hhmm);
	if (q->near && q->within > 0)
		fprintf(c->out, ngettext("%zu station open at %s %s within %.0f "
					 "minutes (%.1f km/h, detour %.2g):\n",
					 "%zu stations open at %s %s within %.0f "
					 "minutes (%.1f km/h, detour %.2g):\n",
					 l->n),
			l->n, day, hhmm, q->within, q->travel.speed_kmh,
			q->travel.detour);
	else
		fprintf(c->out, ngettext("%zu station open at %s %s:\n",
					 "%zu stations open at %s %s:\n", l->n),
			l->n, day, hhmm);
	free(day);
	table_init(&t, q->near ? 6 : 4, 40);
	for (size_t i = 0; i < l->n; i++) {
		const struct open_station *o = &l->v[i];
		char *svc = services_joined(&o->s.v.services, label_list_sep());
		char *until = until_text(c, q->at, o->closes);
		char *dist = q->near ? distance_text(o->metres) : NULL;
		char *mins = q->near ? xasprintf(_("%.0f min"), round(o->minutes))
				     : NULL;
		const char *row[6];
		size_t k = 0;
		row[k++] = o->s.v.name;
		row[k++] = o->s.v.type;
		if (q->near) {
			row[k++] = dist;
			row[k++] = mins;
		}
		row[k++] = until;
		row[k++] = svc;
		table_add(&t, row);
		free(svc);
		free(until);
		free(dist);
		free(mins);
	}
	table_print(&t, c->out, "  ");
	table_free(&t);
}

int cmd_open(struct app *c, int argc, char **argv)
{
	struct open_args a = { .fmt = FORMAT_TEXT };
	struct open_query q = { 0 };
	struct open_list l = { 0 };
	int rc;

	if (cli_wants_help(argc, argv, _(open_usage), c->out))
		return HE_OK;
	if ((rc = open_options(c, argc, argv, &a)) != HE_OK ||
	    (rc = app_open(c, false)) != HE_OK ||
	    (rc = build_query(c, &a, &q)) != HE_OK ||
	    (rc = stations_open(c->st, c->cfg.stations, c->home, &q, &l,
				&c->err)) != HE_OK)
		return rc;
	if (a.fmt == FORMAT_TSV)
		print_tsv(c, &l);
	else if (a.fmt == FORMAT_JSON)
		print_json(c, &l);
	else
		print_text(c, &q, &l);
	open_list_free(&l);
	return HE_OK;
}
