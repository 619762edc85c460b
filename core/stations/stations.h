/*
 * stations.h - the station network: stations in bulk, opening hours, "what
 * is open near me now" and the coverage of the 15-minute service circle.
 *
 * A station is a venue (series.h) with coordinates, a type and services,
 * and what a network of hundreds of them needs beyond that: a stable
 * reference from the file it was imported from, a contact, and opening
 * hours. A venue with members is a network (the pharmacy chain's twelve
 * shops): an event held at the network is held at every member, without a
 * copy per shop.
 *
 * Coordinates are stored in WGS-84, as GPS, OpenStreetMap and GeoJSON give
 * them. Chinese map providers give GCJ-02, which is WGS-84 shifted by up to
 * some hundreds of metres inside China; files say which they hold (or the
 * config does) and are converted on the way in and, when asked, out.
 *
 * Opening hours are written in the OpenStreetMap opening_hours syntax, the
 * common subset: rules separated by ';', each with optional months or dates
 * ("Jan-Mar", "Dec 24", "2027 Feb 10-16"), weekdays ("Mo-Fr", "Sa,Su") or
 * public holidays ("PH", dates from the config), then time spans
 * ("08:00-12:00,14:00-18:00", past midnight as "22:00-02:00") or "off";
 * "24/7" alone. A later rule replaces the earlier ones on the days it
 * names, as in OpenStreetMap: "Mo-Sa 08:00-20:00; PH off". The hours are
 * wall-clock times in the calendar's zone, turned into instants by the
 * schedule machinery's rules for daylight-saving gaps and overlaps
 * (tz.h). A station may also be open through events held there (the
 * warm-winter station's Friday-to-Sunday series, with its cancelled and
 * moved days): `open` asks both.
 *
 * Travel time is the straight-line distance times a detour factor at a
 * speed (riding 15 km/h, walking 4.5 km/h by default). Nearby stations are
 * found through SQLite's R*Tree index of venues' coordinates.
 *
 * All functions return HE_OK or an error code with a message in err.
 */
#ifndef HEARTH_STATIONS_H
#define HEARTH_STATIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../series.h"
#include "../store.h"
#include "../tz.h"
#include "../util.h"

/* ------------------------------------------------------------------ */
/* Coordinates (geo.c)                                                 */

enum crs { CRS_WGS84, CRS_GCJ02 };

/* "wgs84", "WGS-84", "EPSG:4326", "CRS84" or "gcj02", "GCJ-02", "火星坐标"
 * (case and punctuation aside); false for anything else. */
bool crs_parse(const char *text, enum crs *out);
/* "wgs84" or "gcj02", as files and the config write it. */
const char *crs_name(enum crs c);

/* True inside the rectangle where Chinese map providers shift points
 * (outside it GCJ-02 equals WGS-84). */
bool geo_in_china(double lat, double lon);
/* WGS-84 to GCJ-02 (the published formula) and back (by iteration, to
 * within a millimetre). Points outside China are returned as they are. */
void geo_wgs_to_gcj(double lat, double lon, double *glat, double *glon);
void geo_gcj_to_wgs(double glat, double glon, double *lat, double *lon);
/* A point read in crs, as WGS-84. */
void geo_to_wgs(enum crs c, double *lat, double *lon);
/* A WGS-84 point written in crs. */
void geo_from_wgs(enum crs c, double *lat, double *lon);
/* Great-circle distance in metres. */
double geo_distance(double lat1, double lon1, double lat2, double lon2);
/* HE_USER naming the problem when lat is not in -90..90 or lon not in
 * -180..180 (or either is not a number). */
int geo_check(double lat, double lon, struct herr *err);
/* Reads "41.12,122.07" (degrees, latitude first; a space may follow the
 * comma); false when it is not that. */
bool geo_parse_point(const char *text, double *lat, double *lon);

/* How people get to a station. */
struct travel {
	double speed_kmh;        /* riding 15, walking 4.5 */
	double detour;           /* road distance / straight line, >= 1 */
};
/* A travel time as people write it: "15min", "15 分钟", "15m", "1h",
 * "15" (minutes), "PT15M"; HE_USER naming the problem otherwise. */
int travel_parse_minutes(const char *text, double *minutes,
			 struct herr *err);
/* Minutes to cover metres of straight line. */
double travel_minutes(const struct travel *t, double metres);
/* The straight-line metres reachable in minutes. */
double travel_reach(const struct travel *t, double minutes);

/* ------------------------------------------------------------------ */
/* Public holidays and the [stations] options (config_stations.c)      */

struct holiday {
	int64_t first, last;     /* days (civil_days), inclusive */
	char *name;
};

struct stations_config {
	enum crs crs;            /* what CSV files without a crs column hold */
	double ride_kmh, walk_kmh, detour;
	bool walk;               /* travel = walk: walking is the default */
	int within;              /* minutes of the service circle (15) */
	struct holiday *holidays; /* sorted by first day */
	size_t n_holidays, cap_holidays;
};

/* The defaults: WGS-84, 15 and 4.5 km/h, detour 1.3, 15 minutes (the
 * config holds one: struct config's stations). */
struct stations_config *stations_config_new(void);
void stations_config_free(struct stations_config **c);
/* True for the sections this file reads: [stations] and [holidays]. */
bool stations_config_section(const char *section);
/* Applies one option; false with a message in msg when it is wrong.
 * [holidays] takes "2027-01-01 = 元旦" and "2027-02-06..2027-02-13 = 春节". */
bool stations_config_set(struct stations_config *c, const char *section,
			 const char *name, const char *value, char *msg,
			 size_t msglen);
/* True when day (civil_days) is a public holiday. */
bool stations_holiday(const struct stations_config *c, int64_t day);
/* The travel of the default mode, or of walking when walk. */
struct travel stations_travel(const struct stations_config *c, bool walk);

/* ------------------------------------------------------------------ */
/* Opening hours (hours.c, hours_words.c)                              */

#define HOURS_MAX_SPANS 8
#define HOURS_MAX_RULES 64
#define HOURS_TEXT_MAX 1024

/* A date in a rule: year 0 repeats every year. */
struct hours_date {
	int year, month, day;
};

struct hours_rule {
	unsigned months;         /* bit 0 = January; 0: not restricted */
	bool has_dates;          /* from..to (inclusive) restricts it */
	struct hours_date from, to;
	unsigned weekdays;       /* bit 0 = Monday .. 6 = Sunday */
	bool holiday;            /* PH: public holidays */
	bool off;                /* closed on the days it names */
	int n_spans;
	/* Minutes after midnight of the day; to > from, to up to 48:00 for
	 * a span past midnight. */
	struct { short from, to; } spans[HOURS_MAX_SPANS];
};

struct hours {
	int n_rules;
	struct hours_rule *rules;
	bool always;             /* 24/7 */
};

/*
 * Reads text (OpenStreetMap opening_hours, the subset above; full-width
 * punctuation as a Chinese input method types it is read as ASCII) into
 * out. On an error, HE_USER with a message that names the column, and
 * *column (may be NULL) the 1-based column in characters of the
 * character at fault. out is empty on an error.
 */
int hours_parse(const char *text, struct hours *out, int *column,
		struct herr *err);
void hours_free(struct hours *h);
/* The runs of months in a set of them (bit 0 = January), as first and last
 * (0-based) pairs, a run over the new year kept whole: Nov-Mar. *n runs. */
void hours_month_runs(unsigned months, int first[12], int last[12], int *n);
/* The canonical text of h ("Mo-Fr 08:00-20:00; PH off"; caller frees). */
char *hours_format(const struct hours *h);
/* h in words in the interface language: "Mon to Fri 08:00–20:00; closed
 * on public holidays" ("周一至周五 08:00–20:00；法定节假日休息"). */
char *hours_words(const struct hours *h);

/*
 * Whether h opens at instant t in zone z, holidays from c (may be NULL).
 * When open, *closes (may be NULL) gets the instant it next closes,
 * following spans that meet (08:00-12:00,12:00-18:00 closes at 18:00;
 * 24/7 and spans that meet for more than two weeks: INT64_MAX).
 */
bool hours_open_at(const struct hours *h, const struct stations_config *c,
		   const struct tz *z, int64_t t, int64_t *closes);
/* The spans open on day (civil_days): what the rule that decides the day
 * says; *n of them (0: closed). */
int hours_day(const struct hours *h, const struct stations_config *c,
	      int64_t day, int *from, int *to, int max);

/* ------------------------------------------------------------------ */
/* Stations (store_stations.c)                                         */

struct station {
	struct venue v;          /* name, address, WGS-84 point, type, ... */
	char *ref;               /* the id of the file it came from, or NULL */
	char *contact;
	char *hours;             /* canonical opening hours, or NULL */
	struct strv members;     /* a network's venues, by name */
	struct strv networks;    /* the networks it belongs to (read only) */
};

void station_free(struct station *s);
/* The venue called name with what stations add. */
int store_station_get(struct store *st, const char *name, struct station *out,
		      struct herr *err);
/*
 * Creates s, or updates the venue called old_name, in one transaction with
 * one audit entry (the venue's fields and the station's). Hours are
 * checked and stored in their canonical form; members must exist and may
 * not be networks themselves.
 */
int store_station_put(struct store *st, const char *old_name,
		      const struct station *s, struct herr *err);

struct station_list {
	struct station *v;
	size_t n, cap;
};
void station_list_free(struct station_list *l);

/* A rectangle of WGS-84 degrees. */
struct geo_box {
	double lat0, lat1, lon0, lon1;
};
/* The box holding every point within metres of (lat, lon). */
struct geo_box geo_box_around(double lat, double lon, double metres);

/* Every venue (box NULL) or those inside box (through the R*Tree), with
 * what stations add, but not the networks they belong to; by name. */
int store_stations(struct store *st, const struct geo_box *box,
		   struct station_list *out, struct herr *err);

/* Row ids of venues. */
struct id_list {
	int64_t *v;
	size_t n, cap;
};
/* The venues whose points lie inside box (the R*Tree alone; out is
 * emptied first, its memory reused). */
int store_station_ids_in(struct store *st, const struct geo_box *box,
			 struct id_list *out, struct herr *err);

/* The venue whose station has id ref: *name (caller frees), NULL when
 * none has. */
int store_station_by_ref(struct store *st, const char *ref, char **name,
			 struct herr *err);

/* ------------------------------------------------------------------ */
/* Stations and demand points in bulk (import.c, export.c)             */

struct demand_list;

enum station_file { STATION_CSV, STATION_GEOJSON };
/* By the end of a file's name: .csv, .geojson or .json. */
bool station_file_of(const char *name, enum station_file *out);

struct import_opts {
	enum station_file format;
	enum crs crs;            /* what points are in unless the file says */
	bool dry_run;            /* check and count, change nothing */
	const char *name;        /* the file, for the log */
};

struct import_result {
	size_t added, changed, unchanged;
	struct strv problems;    /* "line 4: ...": nothing changed when any */
	size_t n_problems;       /* all of them (problems holds the first) */
	struct strv notes;       /* "the column 'x' was left aside" */
};
void import_result_free(struct import_result *r);

/*
 * Imports stations from text: each row or feature matched with a stored
 * venue by its id, else by its name (and address, when both have one);
 * fields the file does not have keep their values; a file imported twice
 * changes nothing. Every problem (line or feature, column of opening
 * hours) is listed and then nothing is changed (HE_USER). The changes are
 * one transaction with one entry in the audit log.
 */
int stations_import(struct store *st, const char *text, size_t len,
		    const struct import_opts *o, struct import_result *res,
		    struct herr *err);
/* The same for demand points (name, coordinates, weight). */
int demand_import(struct store *st, const char *text, size_t len,
		  const struct import_opts *o, struct import_result *res,
		  struct herr *err);
/* Reads demand points from text without storing them (coverage of a file). */
int demand_read(const char *text, size_t len, const struct import_opts *o,
		struct demand_list *out, struct import_result *res,
		struct herr *err);

/* Writes every venue as CSV (with a byte-order mark; points in crs) or as
 * GeoJSON (WGS-84, as RFC 7946 wants). */
int stations_export(struct store *st, enum station_file format, enum crs crs,
		    FILE *out, struct herr *err);

/* ------------------------------------------------------------------ */
/* Demand points: where people live or gather (store_demand.c)         */

struct demand_point {
	int64_t id;
	char *ref;               /* the id of the file it came from, or NULL */
	char *name;
	double lat, lon;         /* WGS-84 */
	double weight;           /* people, riders: what coverage counts */
};
struct demand_list {
	struct demand_point *v;
	size_t n, cap;
};
void demand_point_free(struct demand_point *p);
void demand_list_free(struct demand_list *l);
/* Every point, by name. */
int store_demand_list(struct store *st, struct demand_list *out,
		      struct herr *err);
/* Adds p, or updates the point with p's ref (else with p's name), in one
 * logged transaction; *changed and *existed (may be NULL) say whether
 * anything did and whether it was there before. */
int store_demand_put(struct store *st, const struct demand_point *p,
		     bool *changed, bool *existed, struct herr *err);
/* Removes the point called name (or with that ref); every point when name
 * is NULL. *n gets how many went. */
int store_demand_delete(struct store *st, const char *name, size_t *n,
			struct herr *err);

/* ------------------------------------------------------------------ */
/* Open now, near here (open.c)                                        */

struct open_query {
	int64_t at;              /* the moment */
	bool near;               /* from (lat, lon) */
	double lat, lon;
	double within;           /* minutes; 0: any distance */
	struct travel travel;
	const char *service;     /* part of a service's name, or NULL */
	const char *type;        /* part of the type, or NULL */
};

struct open_station {
	struct station s;
	double metres, minutes;  /* -1 without near */
	int64_t closes;          /* INT64_MAX: does not close within a week */
	char *event;             /* the event that keeps it open, or NULL */
};

struct open_list {
	struct open_station *v;
	size_t n, cap;
};
void open_list_free(struct open_list *l);

/*
 * The stations open at q->at, by their hours (in zone z, the calendar's)
 * or by an event under way there or at a network they belong to, with
 * the services wanted; by travel time when near (those beyond within left
 * out), else by name.
 */
int stations_open(struct store *st, const struct stations_config *c,
		  const struct tz *z, const struct open_query *q,
		  struct open_list *out, struct herr *err);
/* The same for stations read already (all, as store_stations lists them):
 * open[i] says whether all->v[i] is one of them. The map read every
 * station twice, its own list and stations_open's. */
int stations_open_among(struct store *st, const struct stations_config *c,
			const struct tz *z, const struct open_query *q,
			const struct station_list *all, bool *open,
			struct herr *err);

/* ------------------------------------------------------------------ */
/* Coverage of the service circle (coverage.c)                         */

#define COVERAGE_WEEK_HOURS 168

struct coverage_query {
	int64_t at;              /* the moment, or one in the week asked for */
	bool week;               /* every hour of the week (Monday 00:00 on) */
	double within;           /* minutes */
	struct travel travel;
	const char *service;     /* only stations with it (part of a name) */
	const char *type;
};

struct coverage {
	size_t n_hours;          /* 1, or COVERAGE_WEEK_HOURS */
	int64_t *at;             /* the instant of each hour asked about */
	struct demand_list points;
	/* covered[h * points.n + p]: point p has a station open within reach
	 * at hour h. */
	unsigned char *covered;
	size_t *uncovered;       /* per hour: points without one */
	double *weight_out;      /* per hour: their weight */
	double weight_total;
	int *stations_near;      /* per point: stations within reach, open or
				    not */
};
void coverage_free(struct coverage *cv);

/*
 * Which demand points (those of points, copied into out) have a station
 * open within q->within minutes of travel, at q->at or at the start of
 * each hour of the week holding it (in zone z: a day of a daylight-saving
 * change has 23 or 25 hours, and the week's 168 are wall-clock hours, the
 * skipped one taken at the instant it names). Open as for stations_open.
 */
int stations_coverage(struct store *st, const struct stations_config *c,
		      const struct tz *z, const struct demand_list *points,
		      const struct coverage_query *q, struct coverage *out,
		      struct herr *err);
/* Writes cv as an Excel workbook at path: a sheet of hours, one of
 * points (names are the zone's local times). */
int coverage_write_xlsx(const struct coverage *cv, const struct tz *z,
			const char *path, struct herr *err);

/* ------------------------------------------------------------------ */
/* The demo's stations (demo_stations.c)                               */

/* Adds the Panjin stations, networks and demand points inside the
 * demo's transaction. */
int stations_demo_load(struct store *st, struct herr *err);

#endif
