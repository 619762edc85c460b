/*
 * bench_stations.c - how fast "open near here" and the week's coverage
 * are, and how their cost grows.
 *
 *   bench_stations [--reps N] [--dir DIR] STATIONS:POINTS...
 *
 * For each size it builds a calendar of STATIONS stations spread evenly
 * over a Panjin-sized area (1 degree by 0.7, some 6,000 km2; a sixth open
 * around the clock, the rest on one of five weekly patterns, a third with
 * hot water) and POINTS demand points, then times, each --reps times
 * (default 7), the median of:
 *   open     stations_open near a random point within 15 minutes riding,
 *            the stations found through the R*Tree (what hearth open does);
 *   scan     the same answer from every station read and measured (the
 *            peer: what hearth open would cost without the index);
 *   week     stations_coverage of every hour of a week for every point.
 * The ratio scan/open and the growth of each figure from one size to the
 * next are printed beside them. Figures are wall-clock milliseconds, the
 * page cache warm.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../../core/audit.h"
#include "../../core/config.h"
#include "../../core/stations/stations.h"
#include "../../core/tz.h"

#define ZONE "Asia/Shanghai"
#define MAX_REPS 101
#define LAT0 40.7
#define LON0 121.6

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return v[n / 2];
}

/* A reproducible sequence (xorshift), so that runs compare. */
static unsigned long long seed = 88172645463325252ULL;
static double rnd(void)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return (double)(seed >> 11) / 9007199254740992.0;
}

static void die(const struct herr *err)
{
	fprintf(stderr, "bench_stations: %s\n", err->msg);
	exit(2);
}

static struct store *build(const char *dir, int n_st, int n_pt)
{
	static const char *const hours[] = { "24/7", "Mo-Su 07:00-21:00",
		"Mo-Fr 08:00-18:00; Sa,Su 09:00-17:00; PH off",
		"Mo-Sa 08:00-20:00", "Mo-Su 06:00-23:00", "Mo-Su 20:00-06:00" };
	char *path = NULL;
	struct store *st = NULL;
	struct herr err = { 0 };

	if (asprintf(&path, "%s/stations-%d.db", dir, n_st) < 0)
		exit(2);
	unlink(path);
	if (store_open(&st, path, STORE_CREATE, &err) != HE_OK ||
	    store_begin(st, &err) != HE_OK)
		die(&err);
	store_bulk(st, true);
	store_audit_hold(st, true);
	for (int i = 0; i < n_st; i++) {
		struct station s = { 0 };
		char name[32], ref[32];
		snprintf(name, sizeof name, "驿站%06d", i);
		snprintf(ref, sizeof ref, "S%06d", i);
		s.v.name = name;
		s.v.type = (char *)"工会驿站";
		s.v.has_geo = true;
		s.v.lat = LAT0 + 0.7 * rnd();
		s.v.lon = LON0 + 1.0 * rnd();
		if (i % 3 == 0)
			strv_add(&s.v.services, "热水");
		strv_add(&s.v.services, "休息");
		s.ref = ref;
		s.hours = (char *)hours[i % 6];
		if (store_station_put(st, NULL, &s, &err) != HE_OK)
			die(&err);
		strv_free(&s.v.services);
	}
	for (int i = 0; i < n_pt; i++) {
		char name[32];
		snprintf(name, sizeof name, "需求点%05d", i);
		struct demand_point p = { 0, NULL, name, LAT0 + 0.7 * rnd(),
					  LON0 + 1.0 * rnd(), 100 + 1000 * rnd() };
		if (store_demand_put(st, &p, NULL, NULL, &err) != HE_OK)
			die(&err);
	}
	store_audit_hold(st, false);
	if (store_commit(st, &err) != HE_OK)
		die(&err);
	store_bulk(st, false);
	free(path);
	return st;
}

/* The peer: every station read, measured and asked, no index. */
static size_t scan(struct store *st, const struct stations_config *c,
		   const struct open_query *q)
{
	struct open_query all = *q;
	struct open_list l = { 0 };
	struct herr err;
	size_t n = 0;

	all.within = 0;          /* every station, by travel time */
	if (stations_open(st, c, tz_get(ZONE), &all, &l, &err) != HE_OK)
		die(&err);
	for (size_t i = 0; i < l.n; i++)
		n += l.v[i].minutes <= q->within;
	open_list_free(&l);
	return n;
}

struct figures {
	int n_st, n_pt;
	double open, scan, week;
	size_t found;
};

static void measure(const char *dir, int reps, int n_st, int n_pt,
		    struct figures *f)
{
	struct store *st = build(dir, n_st, n_pt);
	struct config cfg;
	double t_open[MAX_REPS], t_scan[MAX_REPS], t_week[MAX_REPS];
	struct demand_list pts = { 0 };
	struct herr err;
	int64_t at = 1799380800;  /* Fri 8 Jan 2027 12:00 in Shanghai */

	config_init(&cfg);
	if (store_demand_list(st, &pts, &err) != HE_OK)
		die(&err);
	f->n_st = n_st;
	f->n_pt = n_pt;
	for (int r = 0; r < reps; r++) {
		struct open_query q = { .at = at + 3600 * r, .near = true,
					.lat = LAT0 + 0.1 + 0.5 * rnd(),
					.lon = LON0 + 0.1 + 0.8 * rnd(),
					.within = 15, .travel = { 15, 1.3 } };
		struct open_list l = { 0 };
		struct coverage cv;
		struct coverage_query cq = { .at = at, .week = true,
					     .within = 15, .travel = { 15, 1.3 } };
		double t0 = now_ms();
		if (stations_open(st, cfg.stations, tz_get(ZONE), &q, &l, &err))
			die(&err);
		t_open[r] = now_ms() - t0;
		f->found = l.n;
		t0 = now_ms();
		if (scan(st, cfg.stations, &q) != l.n) {
			fprintf(stderr, "bench_stations: the index and the scan "
				"disagree\n");
			exit(2);
		}
		t_scan[r] = now_ms() - t0;
		open_list_free(&l);
		t0 = now_ms();
		if (stations_coverage(st, cfg.stations, tz_get(ZONE), &pts, &cq,
				      &cv, &err) != HE_OK)
			die(&err);
		t_week[r] = now_ms() - t0;
		coverage_free(&cv);
	}
	f->open = median(t_open, reps);
	f->scan = median(t_scan, reps);
	f->week = median(t_week, reps);
	demand_list_free(&pts);
	config_free(&cfg);
	store_close(&st);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "reps", required_argument, NULL, 'r' },
		{ "dir", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	const char *dir = "/tmp";
	int reps = 7, opt;
	struct figures f[16];
	int n = 0;

	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (opt == 'r')
			reps = atoi(optarg);
		else if (opt == 'd')
			dir = optarg;
		else
			return 2;
	}
	if (reps < 1 || reps > MAX_REPS || optind == argc) {
		fprintf(stderr, "usage: bench_stations [--reps N] [--dir DIR] "
			"STATIONS:POINTS...\n");
		return 2;
	}
	printf("stations  points  found  open ms  scan ms  scan/open  week ms"
	       "  growth (open, week)\n");
	for (int i = optind; i < argc && n < 16; i++, n++) {
		int s = 0, p = 0;
		if (sscanf(argv[i], "%d:%d", &s, &p) != 2 || s < 1 || p < 1)
			return 2;
		measure(dir, reps, s, p, &f[n]);
		printf("%8d  %6d  %5zu  %7.2f  %7.2f  %8.1fx  %7.1f", s, p,
		       f[n].found, f[n].open, f[n].scan, f[n].scan / f[n].open,
		       f[n].week);
		if (n)
			printf("  x%.1f, x%.1f for x%.0f stations, x%.0f points",
			       f[n].open / f[n - 1].open, f[n].week / f[n - 1].week,
			       (double)s / f[n - 1].n_st, (double)p / f[n - 1].n_pt);
		printf("\n");
		fflush(stdout);
	}
	tz_cleanup();
	return 0;
}
