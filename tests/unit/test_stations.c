/*
 * test_stations.c - opening hours (reading, errors at the right column,
 * holidays, past midnight, daylight saving in Berlin, words in English
 * and Chinese), coordinates (GCJ-02 against published points, distances,
 * travel times) and stations in the database (the R*Tree, networks,
 * events keeping a station open, the audit log).
 */
#include <libintl.h>
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <cmocka.h>

#include "../../core/audit.h"
#include "../../core/config.h"
#include "../../core/stations/stations.h"
#include "testutil.h"

#define ZONE "Asia/Shanghai"

/* The canonical text of hours that must read. */
static char *canonical(const char *text)
{
	struct hours h;
	struct herr err = { 0 };
	int col = -1;
	char *out;

	if (hours_parse(text, &h, &col, &err) != HE_OK)
		fail_msg("'%s' did not read: %s", text, err.msg);
	assert_int_equal(col, 0);
	out = hours_format(&h);
	hours_free(&h);
	return out;
}

static void reads_the_common_subset(void **state)
{
	static const char *const cases[][2] = {
		{ "Mo-Fr 08:00-20:00; Sa,Su 10:00-18:00",
		  "Mo-Fr 08:00-20:00; Sa,Su 10:00-18:00" },
		{ "24/7", "24/7" },
		{ "mo-fr 8:00-12:00,14:00-18:00", "Mo-Fr 08:00-12:00,14:00-18:00" },
		{ "Mo,We,Fr 09:00-17:00; PH off", "Mo,We,Fr 09:00-17:00; PH off" },
		{ "Mo,Tu,We 09:00-17:00", "Mo-We 09:00-17:00" },
		{ "Fr-Mo 10:00-16:00", "Mo,Fr-Su 10:00-16:00" },
		{ "Fr,Sa 20:00-02:00", "Fr,Sa 20:00-02:00" },
		{ "Su 22:00-30:00", "Su 22:00-06:00" },
		{ "Nov-Mar Fr-Su 10:00-18:00; Apr-Oct off",
		  "Nov-Mar Fr-Su 10:00-18:00; Apr-Oct off" },
		{ "Mo-Sa 08:00-20:00; Dec 24 10:00-14:00; 2027 Feb 10-16 off",
		  "Mo-Sa 08:00-20:00; Dec 24 10:00-14:00; 2027 Feb 10-16 off" },
		{ "Dec 24-Jan 02 closed", "Dec 24-Jan 02 off" },
		{ "Mo-Fr,PH 07:00-09:00", "Mo-Fr,PH 07:00-09:00" },
		{ "Sa-Su", "Sa,Su 00:00-24:00" },
		/* What a Chinese input method types. */
		{ "Mo-Fr 08：00－20：00；Sa 09:00-12:00",
		  "Mo-Fr 08:00-20:00; Sa 09:00-12:00" },
		{ "  Mo-Fr   08:00 - 20:00 ;  ", "Mo-Fr 08:00-20:00" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *got = canonical(cases[i][0]);
		if (strcmp(got, cases[i][1]))
			fail_msg("'%s' became '%s', not '%s'", cases[i][0], got,
				 cases[i][1]);
		/* The canonical text reads back to itself. */
		char *again = canonical(got);
		assert_string_equal(again, got);
		free(again);
		free(got);
	}
}

static void mistakes_name_their_column(void **state)
{
	static const struct {
		const char *text;
		int column;
		const char *says;
	} cases[] = {
		{ "", 1, "empty" },
		{ "Mo-Fr 08:00-2O:00", 14, "':'" },
		{ "Mo-Fx 08:00-20:00", 4, "weekday" },
		{ "Mo-Fr 25:00-26:00", 7, "before 24:00" },
		{ "Mo-Fr 08:61-20:00", 10, "minutes" },
		{ "Mo-Fr 08:00", 12, "'-'" },
		{ "Mo-Fr 08:00-08:00", 13, "ends when it starts" },
		{ "Mo-Fr 08:00-20:00 Sa", 19, "';'" },
		{ "Mo-Fr 08:00-20:00, Sa 10:00-12:00", 18, "';'" },
		{ "Mo-Fr 08:00-20:00,", 18, "';'" },
		{ "Feb 30 off", 5, "no day 30" },
		{ "周一至周五 08:00-20:00", 1, "not part of opening hours" },
		{ "Mo-Fr 08:00-20:00；周六", 19, "not part of opening hours" },
		{ "2027 off", 6, "month" },
		{ "Mo-Fr 8", 8, "':'" },
		{ "Mo-Fr 08:00-49:00", 13, "48" },
		{ "Mo-Fr 08:00-20:00; PH", 0, NULL },     /* valid: all day */
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct hours h;
		struct herr err = { 0 };
		int col = -1;
		int rc = hours_parse(cases[i].text, &h, &col, &err);
		if (!cases[i].says) {
			assert_int_equal(rc, HE_OK);
			hours_free(&h);
			continue;
		}
		if (rc != HE_USER)
			fail_msg("'%s' was read", cases[i].text);
		if (col != cases[i].column)
			fail_msg("'%s': column %d, not %d (%s)", cases[i].text,
				 col, cases[i].column, err.msg);
		char want[32];
		snprintf(want, sizeof want, "column %d", cases[i].column);
		if (!strstr(err.msg, want) || !strstr(err.msg, cases[i].says))
			fail_msg("'%s': the message '%s' lacks '%s' or '%s'",
				 cases[i].text, err.msg, want, cases[i].says);
		assert_int_equal(h.n_rules, 0);
	}
}

/* Whether text is open at wall-clock when in zone; *closes as text. */
static bool open_at(const char *text, const char *zone, const char *when,
		    const struct stations_config *c, char closes[32])
{
	struct hours h;
	struct herr err;
	int64_t until = 0;
	bool open;

	if (hours_parse(text, &h, NULL, &err) != HE_OK)
		fail_msg("%s", err.msg);
	open = hours_open_at(&h, c, tz_get(zone), at(zone, when), &until);
	hours_free(&h);
	closes[0] = '\0';
	if (open && until == INT64_MAX)
		snprintf(closes, 32, "never");
	else if (open) {
		struct civil u = civil_from_seconds(until);
		civil_format(&u, false, closes);   /* UTC */
	}
	return open;
}

static void weekly_hours(void **state)
{
	char closes[32];

	(void)state;
	/* 2027-01-08 is a Friday. */
	assert_true(open_at("Mo-Fr 08:00-20:00", ZONE, "2027-01-08T19:59:00",
			    NULL, closes));
	assert_string_equal(closes, "2027-01-08T12:00:00");
	assert_false(open_at("Mo-Fr 08:00-20:00", ZONE, "2027-01-08T20:00:00",
			     NULL, closes));
	assert_false(open_at("Mo-Fr 08:00-20:00", ZONE, "2027-01-09T10:00:00",
			     NULL, closes));
	assert_false(open_at("Mo-Fr 08:00-20:00", ZONE, "2027-01-08T07:59:59",
			     NULL, closes));
	/* Spans that meet close at the end of the last. */
	assert_true(open_at("Mo-Su 08:00-12:00,12:00-18:00", ZONE,
			    "2027-01-08T09:00:00", NULL, closes));
	assert_string_equal(closes, "2027-01-08T10:00:00");
	assert_true(open_at("24/7", ZONE, "2027-01-08T03:00:00", NULL, closes));
	assert_string_equal(closes, "never");
	/* A later rule replaces an earlier one on its days. */
	assert_false(open_at("Mo-Fr 08:00-20:00; Fr off", ZONE,
			     "2027-01-08T10:00:00", NULL, closes));
	assert_true(open_at("Mo-Fr 08:00-20:00; Fr 12:00-14:00", ZONE,
			    "2027-01-08T13:00:00", NULL, closes));
	assert_string_equal(closes, "2027-01-08T06:00:00");
	/* Seasons and single dates. */
	assert_true(open_at("Nov-Mar Fr-Su 10:00-18:00; Apr-Oct off", ZONE,
			    "2027-01-08T10:00:00", NULL, closes));
	assert_false(open_at("Nov-Mar Fr-Su 10:00-18:00; Apr-Oct off", ZONE,
			     "2027-04-09T10:00:00", NULL, closes));
	assert_false(open_at("Mo-Su 08:00-20:00; Dec 24-Jan 02 off", ZONE,
			     "2027-01-01T10:00:00", NULL, closes));
	assert_true(open_at("Mo-Su 08:00-20:00; Dec 24-Jan 02 off", ZONE,
			    "2027-01-03T10:00:00", NULL, closes));
	assert_false(open_at("Mo-Su 08:00-20:00; 2027 Feb 10-16 off", ZONE,
			     "2027-02-16T10:00:00", NULL, closes));
	assert_true(open_at("Mo-Su 08:00-20:00; 2027 Feb 10-16 off", ZONE,
			    "2028-02-16T10:00:00", NULL, closes));
}

static void holidays_close(void **state)
{
	struct config cfg;
	struct herr err = { 0 };
	char closes[32];

	(void)state;
	config_init(&cfg);
	if (config_load_string(&cfg, "[holidays]\n2027-01-01 = 元旦\n"
			       "2027-02-06..2027-02-13 = 春节\n", "t", &err))
		fail_msg("%s", err.msg);
	const struct stations_config *c = cfg.stations;
	/* New Year's Day 2027 is a Friday. */
	assert_false(open_at("Mo-Su 08:00-20:00; PH off", ZONE,
			     "2027-01-01T10:00:00", c, closes));
	assert_true(open_at("Mo-Su 08:00-20:00; PH off", ZONE,
			    "2027-01-02T10:00:00", c, closes));
	assert_false(open_at("Mo-Su 08:00-20:00; PH off", ZONE,
			     "2027-02-10T10:00:00", c, closes));
	assert_true(open_at("Mo-Su 08:00-20:00; PH 10:00-14:00", ZONE,
			    "2027-02-13T13:00:00", c, closes));
	assert_string_equal(closes, "2027-02-13T06:00:00");
	/* Without the config's holidays, PH is no day at all. */
	assert_true(open_at("Mo-Su 08:00-20:00; PH off", ZONE,
			    "2027-01-01T10:00:00", NULL, closes));
	/* 24 hours but on holidays: closes when the holiday starts. */
	assert_true(open_at("24/7; PH off", ZONE, "2027-02-05T10:00:00", c,
			    closes));
	assert_string_equal(closes, "2027-02-05T16:00:00");
	/* A bad holiday names itself. */
	struct config bad;
	config_init(&bad);
	assert_int_equal(config_load_string(&bad, "[holidays]\n2027-13-01 = x\n",
					    "t", &err), HE_USER);
	assert_non_null(strstr(err.msg, "t:2"));
	config_free(&bad);
	config_free(&cfg);
}

static void open_across_midnight(void **state)
{
	char closes[32];

	(void)state;
	/* Friday night runs into Saturday; Saturday night into Sunday. */
	assert_true(open_at("Fr,Sa 20:00-02:00", ZONE, "2027-01-09T01:00:00",
			    NULL, closes));
	assert_string_equal(closes, "2027-01-08T18:00:00");   /* 02:00 +08 */
	assert_true(open_at("Fr,Sa 20:00-02:00", ZONE, "2027-01-10T01:59:00",
			    NULL, closes));
	assert_false(open_at("Fr,Sa 20:00-02:00", ZONE, "2027-01-11T01:00:00",
			     NULL, closes));
	assert_false(open_at("Fr,Sa 20:00-02:00", ZONE, "2027-01-08T19:00:00",
			     NULL, closes));
	/* Every night, continuing day after day: closes at the last end. */
	assert_true(open_at("Mo-Su 00:00-24:00; Su 00:00-12:00", ZONE,
			    "2027-01-08T10:00:00", NULL, closes));
	assert_string_equal(closes, "2027-01-10T04:00:00");
}

/* Europe/Berlin moves its clocks: 28 March 2027 02:00 -> 03:00 and 31
 * October 2027 03:00 -> 02:00 (both Sundays). */
static void daylight_saving(void **state)
{
	char closes[32];
	const char *zone = "Europe/Berlin";
	struct hours h;
	struct herr err;
	int64_t until;

	(void)state;
	/* Spring: a night from 01:00 to 04:00 lasts two hours. */
	assert_true(open_at("Su 01:00-04:00", zone, "2027-03-28T01:30:00", NULL,
			    closes));
	assert_string_equal(closes, "2027-03-28T02:00:00");   /* 04:00 CEST */
	/* Autumn: Saturday 23:00 to Sunday 03:00 lasts five hours, open in
	 * both 02:30s. */
	if (hours_parse("Sa 23:00-03:00", &h, NULL, &err) != HE_OK)
		fail_msg("%s", err.msg);
	int64_t first = at("UTC", "2027-10-31T00:30:00");    /* 02:30 CEST */
	int64_t second = at("UTC", "2027-10-31T01:30:00");   /* 02:30 CET */
	assert_true(hours_open_at(&h, NULL, tz_get(zone), first, &until));
	assert_int_equal(until, at("UTC", "2027-10-31T02:00:00"));
	assert_true(hours_open_at(&h, NULL, tz_get(zone), second, &until));
	assert_int_equal(until, at("UTC", "2027-10-31T02:00:00"));
	assert_false(hours_open_at(&h, NULL, tz_get(zone),
				   at("UTC", "2027-10-31T02:00:00"), &until));
	assert_true(hours_open_at(&h, NULL, tz_get(zone),
				  at("UTC", "2027-10-30T21:00:00"), &until));
	assert_false(hours_open_at(&h, NULL, tz_get(zone),
				   at("UTC", "2027-10-30T20:59:59"), &until));
	hours_free(&h);
}

static void language(const char *lang)
{
	setenv("LANGUAGE", lang, 1);
	textdomain("hearth");
}

static char *words_of(const char *text)
{
	struct hours h;
	struct herr err;
	char *w;

	if (hours_parse(text, &h, NULL, &err) != HE_OK)
		fail_msg("%s", err.msg);
	w = hours_words(&h);
	hours_free(&h);
	return w;
}

static void hours_in_words(void **state)
{
	static const char *const cases[][3] = {
		{ "Mo-Fr 08:00-20:00; Sa,Su 10:00-18:00; PH off",
		  "Mon to Fri: 08:00–20:00; Sat and Sun: 10:00–18:00; public "
		  "holidays: closed",
		  "周一至周五：08:00–20:00；周六、周日：10:00–18:00；法定节假日："
		  "休息" },
		{ "24/7", "Every day: open 24 hours", "每天：24小时开放" },
		{ "Mo-Su 07:00-21:00", "Every day: 07:00–21:00",
		  "每天：07:00–21:00" },
		{ "Fr,Sa 20:00-02:00", "Fri and Sat: 20:00–02:00 the next day",
		  "周五、周六：20:00–次日02:00" },
		{ "Nov-Mar Fr-Su 10:00-18:00",
		  "Nov to Mar, Fri to Sun: 10:00–18:00",
		  "11月至3月的周五至周日：10:00–18:00" },
	};

	(void)state;
	for (int lang = 0; lang < 2; lang++) {
		language(lang ? "zh_CN" : "");
		if (lang && strcmp(gettext("Every day"), "每天"))
			fail_msg("no Chinese catalogue in build/locale");
		for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
			char *w = words_of(cases[i][0]);
			if (strcmp(w, cases[i][1 + lang]))
				fail_msg("'%s' in words is '%s', not '%s'",
					 cases[i][0], w, cases[i][1 + lang]);
			free(w);
		}
	}
	language("");
}

/* Published pairs (the eviltransform project's tests): WGS-84 and GCJ-02
 * of points in Shanghai, Shenzhen and Beijing. */
static void gcj02_known_points(void **state)
{
	static const double pairs[][4] = {
		{ 31.1774276, 121.5272106, 31.17530398364597, 121.531541859215 },
		{ 22.543847, 113.912316, 22.540796131694766, 113.9171764808363 },
		{ 39.911954, 116.377817, 39.91334545536069, 116.38404722455657 },
	};
	double lat, lon;

	(void)state;
	for (size_t i = 0; i < 3; i++) {
		geo_wgs_to_gcj(pairs[i][0], pairs[i][1], &lat, &lon);
		assert_true(fabs(lat - pairs[i][2]) < 1e-9);
		assert_true(fabs(lon - pairs[i][3]) < 1e-9);
		geo_gcj_to_wgs(pairs[i][2], pairs[i][3], &lat, &lon);
		/* Back to within a millimetre (1e-8 degrees). */
		assert_true(fabs(lat - pairs[i][0]) < 1e-8);
		assert_true(fabs(lon - pairs[i][1]) < 1e-8);
		/* Through the file-facing helpers too. */
		lat = pairs[i][2];
		lon = pairs[i][3];
		geo_to_wgs(CRS_GCJ02, &lat, &lon);
		assert_true(geo_distance(lat, lon, pairs[i][0], pairs[i][1]) < 0.01);
	}
	/* The shift in Panjin is some hundreds of metres. */
	geo_wgs_to_gcj(41.12, 122.07, &lat, &lon);
	double shift = geo_distance(41.12, 122.07, lat, lon);
	assert_true(shift > 300 && shift < 800);
	/* Outside China nothing moves (Tokyo, Paris). */
	geo_wgs_to_gcj(35.6895, 139.6917, &lat, &lon);
	assert_true(lat == 35.6895 && lon == 139.6917);
	geo_gcj_to_wgs(48.8566, 2.3522, &lat, &lon);
	assert_true(lat == 48.8566 && lon == 2.3522);
}

static void distances_and_travel(void **state)
{
	struct travel ride = { 15, 1.3 }, walk = { 4.5, 1.3 };
	struct herr err;
	double m;
	enum crs c;

	(void)state;
	/* One degree of latitude: pi * R / 180. */
	assert_true(fabs(geo_distance(41, 122, 42, 122) - 111195.08) < 0.5);
	assert_true(geo_distance(41.12, 122.07, 41.12, 122.07) == 0);
	/* 15 km/h with a detour of 1.3: 15 minutes reach 2885 m. */
	assert_true(fabs(travel_reach(&ride, 15) - 2884.6) < 0.1);
	assert_true(fabs(travel_minutes(&ride, 2884.615) - 15) < 0.001);
	assert_true(fabs(travel_reach(&walk, 15) - 865.4) < 0.1);
	assert_int_equal(travel_parse_minutes("15min", &m, &err), HE_OK);
	assert_true(m == 15);
	assert_int_equal(travel_parse_minutes("20 分钟", &m, &err), HE_OK);
	assert_true(m == 20);
	assert_int_equal(travel_parse_minutes("1h30m", &m, &err), HE_OK);
	assert_true(m == 90);
	assert_int_equal(travel_parse_minutes("soon", &m, &err), HE_USER);
	assert_int_equal(travel_parse_minutes("0", &m, &err), HE_USER);
	assert_true(crs_parse("GCJ-02", &c) && c == CRS_GCJ02);
	assert_true(crs_parse("WGS 84", &c) && c == CRS_WGS84);
	assert_true(crs_parse("urn:ogc:def:crs:OGC:1.3:CRS84", &c) &&
		    c == CRS_WGS84);
	assert_false(crs_parse("BD-09", &c));
	assert_int_equal(geo_check(91, 0, &err), HE_USER);
	assert_int_equal(geo_check(0, -180.5, &err), HE_USER);
	assert_int_equal(geo_check(NAN, 0, &err), HE_USER);
	double la, lo;
	assert_true(geo_parse_point("41.12, 122.07", &la, &lo));
	assert_false(geo_parse_point("41.12;122.07", &la, &lo));
	assert_false(geo_parse_point("41.12,", &la, &lo));
}

/* ---- in the database ---- */

static void put(struct store *st, const char *name, double lat, double lon,
		const char *hours, const char *service)
{
	struct station s = { 0 };
	struct herr err = { 0 };

	s.v.name = xstrdup(name);
	s.v.has_geo = lat != 0;
	s.v.lat = lat;
	s.v.lon = lon;
	s.v.type = xstrdup("工会驿站");
	if (service)
		strv_add(&s.v.services, service);
	s.hours = xstrdup0(hours);
	if (store_station_put(st, NULL, &s, &err) != HE_OK)
		fail_msg("%s", err.msg);
	station_free(&s);
}

static void assert_same_list(const struct strv *a, const struct strv *b)
{
	assert_int_equal(a->n, b->n);
	for (size_t i = 0; i < a->n; i++)
		assert_string_equal(a->v[i], b->v[i]);
}

/*
 * The lists of every station and venue at once (services and members
 * read in a pass each) are the lists read one station or venue at a time.
 */
static void lists_as_one_by_one(struct store *st)
{
	struct station_list all = { 0 };
	struct venue *venues;
	size_t n_venues, members = 0, services = 0;
	struct herr err = { 0 };

	assert_int_equal(store_stations(st, NULL, &all, &err), HE_OK);
	assert_true(all.n >= 4);
	for (size_t i = 0; i < all.n; i++) {
		struct station one;
		assert_int_equal(store_station_get(st, all.v[i].v.name, &one,
						   &err), HE_OK);
		assert_same_list(&all.v[i].v.services, &one.v.services);
		assert_same_list(&all.v[i].members, &one.members);
		members += one.members.n;
		services += one.v.services.n;
		station_free(&one);
	}
	assert_true(members >= 2);
	assert_true(services >= 2);
	station_list_free(&all);
	assert_int_equal(store_venue_list(st, &venues, &n_venues, &err), HE_OK);
	for (size_t i = 0; i < n_venues; i++) {
		struct venue one;
		assert_int_equal(store_venue_get(st, venues[i].name, &one, &err),
				 HE_OK);
		assert_same_list(&venues[i].services, &one.services);
		venue_free(&one);
	}
	venue_list_free(venues, n_venues);
}

static int names_open(struct store *st, const struct open_query *q,
		      char *out, size_t n)
{
	struct open_list l = { 0 };
	struct herr err = { 0 };
	struct config cfg;
	int count;

	config_init(&cfg);
	if (stations_open(st, cfg.stations, tz_get(ZONE), q, &l, &err) != HE_OK)
		fail_msg("%s", err.msg);
	out[0] = '\0';
	for (size_t i = 0; i < l.n; i++)
		snprintf(out + strlen(out), n - strlen(out), "%s%s",
			 i ? "," : "", l.v[i].s.v.name);
	count = (int)l.n;
	open_list_free(&l);
	config_free(&cfg);
	return count;
}

static void stations_in_the_database(void **state)
{
	struct store *st = open_new("stations.db");
	struct station s;
	struct herr err = { 0 };
	char names[512];

	(void)state;
	put(st, "A", 41.1200, 122.0700, "Mo-Su 08:00-20:00", "热水");
	put(st, "B", 41.1300, 122.0700, "mo-su 08:00-12:00", "充电");   /* 1.1 km */
	put(st, "C", 41.2000, 122.0700, "24/7", "热水");                /* 8.9 km */
	put(st, "D", 0, 0, "24/7", NULL);
	put(st, "NET", 0, 0, NULL, NULL);
	/* Stored canonical; bad hours refused with the column. */
	assert_int_equal(store_station_get(st, "B", &s, &err), HE_OK);
	assert_string_equal(s.hours, "Mo-Su 08:00-12:00");
	free(s.hours);
	s.hours = xstrdup("Mo-Su 08:00-1200");
	assert_int_equal(store_station_put(st, "B", &s, &err), HE_USER);
	assert_non_null(strstr(err.msg, "column 15"));
	station_free(&s);

	/* Near A within 15 minutes riding: A and B, not C (too far), not D
	 * (nowhere); nearest first. */
	struct open_query q = { .at = at(ZONE, "2027-01-08T10:00:00"),
				.near = true, .lat = 41.12, .lon = 122.07,
				.within = 15, .travel = { 15, 1.3 } };
	assert_int_equal(names_open(st, &q, names, sizeof names), 2);
	assert_string_equal(names, "A,B");
	q.within = 0;
	assert_int_equal(names_open(st, &q, names, sizeof names), 3);
	assert_string_equal(names, "A,B,C");
	q.service = "热水";
	names_open(st, &q, names, sizeof names);
	assert_string_equal(names, "A,C");
	q.service = NULL;
	q.at = at(ZONE, "2027-01-08T13:00:00");
	q.near = false;
	names_open(st, &q, names, sizeof names);
	assert_string_equal(names, "A,C,D");
	/* Moving a station moves it in the R*Tree. */
	assert_int_equal(store_station_get(st, "C", &s, &err), HE_OK);
	s.v.lat = 41.121;
	assert_int_equal(store_station_put(st, "C", &s, &err), HE_OK);
	station_free(&s);
	q.near = true;
	q.within = 15;
	names_open(st, &q, names, sizeof names);
	assert_string_equal(names, "A,C");

	/* A network: an event held at it keeps its members open. */
	assert_int_equal(store_station_get(st, "NET", &s, &err), HE_OK);
	strv_add(&s.members, "B");
	strv_add(&s.members, "D");
	assert_int_equal(store_station_put(st, "NET", &s, &err), HE_OK);
	station_free(&s);
	assert_int_equal(store_station_get(st, "B", &s, &err), HE_OK);
	assert_int_equal(s.networks.n, 1);
	assert_string_equal(s.networks.v[0], "NET");
	/* A member cannot have members, a network cannot be one. */
	strv_add(&s.members, "A");
	assert_int_equal(store_station_put(st, "B", &s, &err), HE_USER);
	station_free(&s);
	/* Services in their order, the second station's first. */
	assert_int_equal(store_station_get(st, "C", &s, &err), HE_OK);
	strv_add(&s.v.services, "热水");
	strv_add(&s.v.services, "充电");
	assert_int_equal(store_station_put(st, "C", &s, &err), HE_OK);
	station_free(&s);
	lists_as_one_by_one(st);

	struct series ev;
	series_init(&ev);
	ev.kind = xstrdup("clinic");
	ev.title = xstrdup("免费测血压");
	ev.venue = xstrdup("NET");
	snprintf(ev.sched.tzid, sizeof ev.sched.tzid, ZONE);
	ev.sched.start = cv("2027-01-08T13:00:00");
	ev.sched.end = cv("2027-01-08T17:00:00");
	if (sched_prepare(&ev.sched, &err) != HE_OK ||
	    store_series_save(st, &ev, &err) != HE_OK)
		fail_msg("%s", err.msg);
	q.at = at(ZONE, "2027-01-08T14:00:00");
	q.within = 0;
	struct open_list l = { 0 };
	struct config cfg;
	config_init(&cfg);
	assert_int_equal(stations_open(st, cfg.stations, tz_get(ZONE), &q, &l,
				       &err), HE_OK);
	/* B's own hours ended at 12:00: the event keeps it open to 17:00. */
	assert_int_equal(l.n, 3);
	assert_string_equal(l.v[2].s.v.name, "B");
	assert_string_equal(l.v[2].event, "免费测血压");
	assert_int_equal(l.v[2].closes, at(ZONE, "2027-01-08T17:00:00"));
	open_list_free(&l);
	/* In the evening B has an event of its own and one of its network's:
	   the later end keeps it open, and names its event. */
	{
		static const char *const evening[][4] = {
			{ "夜间义诊", "B", "2027-01-08T20:00:00", "2027-01-08T22:00:00" },
			{ "夜市", "NET", "2027-01-08T20:45:00", "2027-01-08T23:00:00" },
			{ "早收摊", "B", "2027-01-08T20:30:00", "2027-01-08T21:30:00" },
		};
		for (size_t i = 0; i < 3; i++) {
			struct series e2;
			series_init(&e2);
			e2.kind = xstrdup("clinic");
			e2.title = xstrdup(evening[i][0]);
			e2.venue = xstrdup(evening[i][1]);
			snprintf(e2.sched.tzid, sizeof e2.sched.tzid, ZONE);
			e2.sched.start = cv(evening[i][2]);
			e2.sched.end = cv(evening[i][3]);
			if (sched_prepare(&e2.sched, &err) != HE_OK ||
			    store_series_save(st, &e2, &err) != HE_OK)
				fail_msg("%s", err.msg);
			series_free(&e2);
		}
		struct open_query late = q;
		late.at = at(ZONE, "2027-01-08T21:00:00");
		assert_int_equal(stations_open(st, cfg.stations, tz_get(ZONE),
					       &late, &l, &err), HE_OK);
		size_t found = 0;
		for (size_t i = 0; i < l.n; i++)
			if (!strcmp(l.v[i].s.v.name, "B")) {
				assert_string_equal(l.v[i].event, "夜市");
				assert_int_equal(l.v[i].closes,
						 at(ZONE, "2027-01-08T23:00:00"));
				found++;
			}
		assert_int_equal(found, 1);
		open_list_free(&l);
	}
	config_free(&cfg);
	/* Cancelled, it keeps nobody open. */
	struct override *o;
	assert_int_equal(series_override(&ev, &ev.sched.start, &o, &err), HE_OK);
	o->cancelled = true;
	assert_int_equal(store_series_save(st, &ev, &err), HE_OK);
	series_free(&ev);
	names_open(st, &q, names, sizeof names);
	assert_string_equal(names, "A,C");

	/* One audit entry per change, with the station's fields. */
	struct audit_entries log = { 0 };
	struct audit_query aq = { .ref = "B" };
	assert_int_equal(store_audit_list(st, &aq, &log, &err), HE_OK);
	assert_int_equal(log.n, 1);
	assert_string_equal(log.v[0].action, "add");
	assert_non_null(changes_find(&log.v[0].fields, "hours"));
	audit_entries_free(&log);
	aq.ref = "NET";
	assert_int_equal(store_audit_list(st, &aq, &log, &err), HE_OK);
	assert_int_equal(log.n, 2);
	assert_non_null(changes_find(&log.v[1].fields, "members"));
	audit_entries_free(&log);
	store_close(&st);
}

/* A fixture worked out by hand: riding 15 km/h with no detour reaches
 * 3750 m in 15 minutes. S1 (Mon-Fri 08-18) and S2 (24/7, 2224 m north of
 * S1) serve P1 (on S1) always; P2 (2224 m south of S1, 4448 m from S2) only
 * while S1 is open, 50 of 168 hours; P3 sits on S3 (always open); P4 has
 * only E, open by an event on Wednesday 10:00-12:00. */
static void coverage_by_hand(void **state)
{
	struct store *st = open_new("coverage.db");
	struct demand_list pts = { 0 };
	struct coverage cov;
	struct herr err = { 0 };
	struct config cfg;
	static const struct { const char *name; double lat, w; } p[] = {
		{ "P1", 41.00, 100 }, { "P2", 40.98, 50 }, { "P3", 41.10, 10 },
		{ "P4", 41.20, 5 } };

	(void)state;
	put(st, "S1", 41.00, 122.0, "Mo-Fr 08:00-18:00", NULL);
	put(st, "S2", 41.02, 122.0, "24/7", "热水");
	put(st, "S3", 41.10, 122.0, "Mo-Su 00:00-24:00", NULL);
	put(st, "E", 41.20, 122.0, NULL, NULL);
	struct series ev;
	series_init(&ev);
	ev.kind = xstrdup("station");
	ev.title = xstrdup("开放日");
	ev.venue = xstrdup("E");
	snprintf(ev.sched.tzid, sizeof ev.sched.tzid, ZONE);
	ev.sched.start = cv("2027-01-06T10:00:00");
	ev.sched.end = cv("2027-01-06T12:00:00");
	if (sched_prepare(&ev.sched, &err) != HE_OK ||
	    store_series_save(st, &ev, &err) != HE_OK)
		fail_msg("%s", err.msg);
	series_free(&ev);
	for (size_t i = 0; i < 4; i++) {
		pts.v = xgrow(pts.v, &pts.cap, pts.n + 1, sizeof *pts.v);
		pts.v[pts.n++] = (struct demand_point){ 0, NULL,
			xstrdup(p[i].name), p[i].lat, 122.0, p[i].w };
	}
	config_init(&cfg);
	struct coverage_query q = { .at = at(ZONE, "2027-01-08T12:00:00"),
				    .week = true, .within = 15,
				    .travel = { 15, 1.0 } };
	assert_int_equal(stations_coverage(st, cfg.stations, tz_get(ZONE), &pts,
					   &q, &cov, &err), HE_OK);
	assert_int_equal(cov.n_hours, 168);
	assert_int_equal(cov.at[0], at(ZONE, "2027-01-04T00:00:00"));
	assert_int_equal(cov.at[167], at(ZONE, "2027-01-10T23:00:00"));
	assert_true(cov.weight_total == 165);
	/* Monday 00:00: P2 and P4 left out; 08:00: P4 alone; Wednesday
	 * 10:00 and 11:00: nobody; Saturday noon: P2 and P4. */
	assert_int_equal(cov.uncovered[0], 2);
	assert_true(cov.weight_out[0] == 55);
	assert_int_equal(cov.uncovered[8], 1);
	assert_true(cov.weight_out[8] == 5);
	assert_int_equal(cov.uncovered[2 * 24 + 10], 0);
	assert_int_equal(cov.uncovered[2 * 24 + 11], 0);
	assert_int_equal(cov.uncovered[2 * 24 + 12], 1);
	assert_int_equal(cov.uncovered[5 * 24 + 12], 2);
	double sum = 0;
	size_t out_p2 = 0, out_p4 = 0;
	for (size_t h = 0; h < 168; h++) {
		sum += cov.weight_out[h];
		out_p2 += !cov.covered[h * 4 + 1];
		out_p4 += !cov.covered[h * 4 + 3];
		assert_true(cov.covered[h * 4 + 0] && cov.covered[h * 4 + 2]);
	}
	assert_int_equal(out_p2, 118);
	assert_int_equal(out_p4, 166);
	assert_true(sum == 118 * 50 + 166 * 5);
	assert_int_equal(cov.stations_near[0], 2);
	assert_int_equal(cov.stations_near[1], 1);
	assert_int_equal(cov.stations_near[3], 1);
	coverage_free(&cov);
	/* One moment, and only stations with hot water: P1 alone covered. */
	q.week = false;
	q.at = at(ZONE, "2027-01-08T12:00:00");
	q.service = "热水";
	assert_int_equal(stations_coverage(st, cfg.stations, tz_get(ZONE), &pts,
					   &q, &cov, &err), HE_OK);
	assert_int_equal(cov.n_hours, 1);
	assert_int_equal(cov.uncovered[0], 3);
	assert_true(cov.weight_out[0] == 65);
	coverage_free(&cov);
	demand_list_free(&pts);
	config_free(&cfg);
	store_close(&st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reads_the_common_subset),
		cmocka_unit_test(mistakes_name_their_column),
		cmocka_unit_test(weekly_hours),
		cmocka_unit_test(holidays_close),
		cmocka_unit_test(open_across_midnight),
		cmocka_unit_test(daylight_saving),
		cmocka_unit_test(hours_in_words),
		cmocka_unit_test(gcj02_known_points),
		cmocka_unit_test(distances_and_travel),
		cmocka_unit_test(stations_in_the_database),
		cmocka_unit_test(coverage_by_hand),
	};

	setlocale(LC_ALL, "C.UTF-8");
	bindtextdomain("hearth", "build/locale");
	bind_textdomain_codeset("hearth", "UTF-8");
	textdomain("hearth");
	return cmocka_run_group_tests(tests, NULL, teardown_all);
}
