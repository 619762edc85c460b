/*
 * bench_report.c - how fast a year's report is, beside SQLite doing the
 * least the same sums need.
 *
 *   bench_report [--reps N] [--dir DIR] [--hearth PATH] SIZE...
 *
 * For each SIZE (number of series) it builds the benchmark calendar
 * (bench_cal.h), takes the year before the benchmark's window (March to
 * March, Asia/Shanghai) and records two tallies on every occurrence of that
 * year that was held - people served and a category of the event's kind -
 * then times, each --reps times (default 5), the median of:
 *   year, by week          report_build grouped by week (in process);
 *   year, every grouping   by week, month, kind, venue, host and category;
 *   csv / xlsx             writing the every-grouping report;
 *   cold                   the first report on the new calendar, on a
 *                          connection that has read nothing yet (one
 *                          run; no tallies yet; the index holds each
 *                          series' pattern, so nothing is indexed first);
 *   hearth report (process) `hearth report --by week --format csv`;
 *   sqlite3 (process)      the peer: Debian's sqlite3 shell summing the
 *                          same tallies by week and category and counting
 *                          the occurrences by week and whether cancelled
 *                          (from a table of them, bench_occ, made for it),
 *                          in the same file - the floor of what a report
 *                          costs when SQLite does it all;
 * and prints how the cost grows with the number of tallies read.
 *
 * Times are CPU time (user and system, of this process or of the child):
 * the machine is shared, and wall-clock time there measures the neighbours
 * as much as the code. Wall-clock medians follow in brackets.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <spawn.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../../core/config.h"
#include "../../core/report/report.h"
#include "../../core/report/report_int.h"
#include "../../core/tz.h"
#include "bench_cal.h"

extern char **environ;

#define MAX_REPS 51
/* The target of issue 16: a year's report at 100k series under a second. */
#define TARGET_MS 1000.0

struct opts {
	int reps;
	const char *dir;
	const char *hearth;
};

/* A measurement: CPU milliseconds, and wall-clock ones. */
struct ms {
	double cpu, wall;
};

struct figures {
	int n;
	long tallies, occurrences;
	double db_mb, setup_s;
	struct ms week, all, csv, xlsx, cold, process, peer;
	double load[2];
};

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double cpu_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static struct ms since(double wall0, double cpu0)
{
	return (struct ms){ cpu_ms() - cpu0, now_ms() - wall0 };
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Medians of CPU and of wall-clock times, each on its own. */
static struct ms median_ms(const struct ms *v, int n)
{
	double cpu[MAX_REPS], wall[MAX_REPS];

	for (int i = 0; i < n; i++)
		cpu[i] = v[i].cpu, wall[i] = v[i].wall;
	return (struct ms){ median(cpu, n), median(wall, n) };
}

static void die(const char *what, const char *msg)
{
	fprintf(stderr, "bench_report: %s: %s\n", what, msg ? msg : strerror(errno));
	exit(2);
}

static double load_average(void)
{
	double l[1];
	return getloadavg(l, 1) == 1 ? l[0] : -1;
}

static double file_mb(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 ? sb.st_size / 1e6 : -1;
}

/* The year reported: March to March before the window's month. */
struct year {
	int64_t from, to;
	char first[CIVIL_BUFSZ], last[CIVIL_BUFSZ];
};

static void the_year(struct year *y)
{
	const struct tz *z = tz_get(BENCH_TZ);
	struct civil a = { 2026, 3, 1, 0, 0, 0 }, b = { 2027, 3, 1, 0, 0, 0 };
	struct civil last = civil_add_days(b, -1);

	y->from = tz_to_utc(z, &a);
	y->to = tz_to_utc(z, &b);
	civil_format(&a, true, y->first);
	civil_format(&last, true, y->last);
}

/* Runs SQL on the file with SQLite itself (setting up, counting). */
static int64_t sql(const char *path, const char *text)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	int64_t v = 0;
	char *e = NULL;

	if (sqlite3_open(path, &db) != SQLITE_OK)
		die(path, sqlite3_errmsg(db));
	if (!strncmp(text, "SELECT", 6)) {
		if (sqlite3_prepare_v2(db, text, -1, &s, NULL) != SQLITE_OK)
			die(text, sqlite3_errmsg(db));
		if (sqlite3_step(s) == SQLITE_ROW)
			v = sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
	} else if (sqlite3_exec(db, text, NULL, NULL, &e) != SQLITE_OK) {
		die(text, e);
	}
	sqlite3_close(db);
	return v;
}

static struct report_query query(const struct year *y, const struct config *cfg,
				 bool every)
{
	struct report_query q = {
		.from = y->from, .to = y->to, .zone = BENCH_TZ, .now = y->to,
		.cfg = cfg, .by = { REPORT_BY_WEEK }, .n_by = 1,
	};

	if (every) {
		enum report_by all[] = { REPORT_BY_WEEK, REPORT_BY_MONTH,
			REPORT_BY_KIND, REPORT_BY_VENUE, REPORT_BY_ORG,
			REPORT_BY_CATEGORY };
		memcpy(q.by, all, sizeof all);
		q.n_by = 6;
	}
	return q;
}

static struct ms time_report(struct store *st, const struct report_query *q,
			     struct report *keep)
{
	struct report r;
	struct herr err = { 0 };
	double w0 = now_ms(), c0 = cpu_ms();
	struct ms t;

	if (report_build(st, q, &r, &err) != HE_OK)
		die("report", err.msg);
	t = since(w0, c0);
	if (keep)
		*keep = r;
	else
		report_free(&r);
	return t;
}

/* The year's occurrences as the report reads them, for the set-up. */
struct occs {
	struct bench_occ {
		int64_t start, series_id, rid;
		bool cancelled;
	} *v;
	size_t n, cap;
};

static void take_occ(void *ctx, int64_t start, int64_t series_id, int64_t rid,
		     bool cancelled)
{
	struct occs *o = ctx;

	o->v = xgrow(o->v, &o->cap, o->n + 1, sizeof *o->v);
	o->v[o->n++] = (struct bench_occ){ start, series_id, rid, cancelled };
}

/*
 * The year's occurrences written out as a table of their own, bench_occ,
 * one row each (the index holds patterns, not occurrences): what the
 * tallies are made from, and what the peer counts - SQLite's floor, as if
 * every occurrence were a row already.
 */
static void write_occurrences(const char *db, const struct occs *o)
{
	sqlite3 *h;
	sqlite3_stmt *s;

	if (sqlite3_open(db, &h) != SQLITE_OK)
		die(db, sqlite3_errmsg(h));
	if (sqlite3_exec(h, "BEGIN; DROP TABLE IF EXISTS bench_occ;"
			 "CREATE TABLE bench_occ (start_utc INTEGER NOT NULL,"
			 " series_id INTEGER NOT NULL, rid INTEGER NOT NULL,"
			 " cancelled INTEGER NOT NULL,"
			 " PRIMARY KEY (start_utc, series_id, rid)) WITHOUT ROWID",
			 NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "INSERT OR IGNORE INTO bench_occ"
			       " VALUES (?1, ?2, ?3, ?4)", -1, &s, NULL) !=
		    SQLITE_OK)
		die("bench_occ", sqlite3_errmsg(h));
	for (size_t i = 0; i < o->n; i++) {
		sqlite3_bind_int64(s, 1, o->v[i].start);
		sqlite3_bind_int64(s, 2, o->v[i].series_id);
		sqlite3_bind_int64(s, 3, o->v[i].rid);
		sqlite3_bind_int(s, 4, o->v[i].cancelled);
		if (sqlite3_step(s) != SQLITE_DONE)
			die("bench_occ", sqlite3_errmsg(h));
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	if (sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		die("bench_occ", sqlite3_errmsg(h));
	sqlite3_close(h);
}

/*
 * The calendar, a first report on it (the cold figure), and two tallies
 * on every occurrence held: people served and one of the kind's own.
 */
static void build(const char *db, int n, const struct year *y,
		  const struct config *cfg, struct figures *f)
{
	struct bench_cal_stats stats;
	struct report_query q = query(y, cfg, false);
	struct herr err = { 0 };
	struct occs occs = { 0 };
	struct store *st;
	char *ins;
	double t0 = now_ms();

	unlink(db);
	if (store_open(&st, db, STORE_CREATE, &err) != HE_OK)
		die(db, err.msg);
	if (bench_cal_build(st, n, NULL, &stats, &err) != HE_OK)
		die("building the calendar", err.msg);
	store_close(&st);
	/* The first report on a connection that has read nothing yet. */
	if (store_open(&st, db, STORE_EXISTING, &err) != HE_OK)
		die(db, err.msg);
	f->cold = time_report(st, &q, NULL);
	if (store_report_occurrences(st, y->from, y->to, true, take_occ, &occs,
				     &err) != HE_OK)
		die("reading the year", err.msg);
	store_close(&st);
	write_occurrences(db, &occs);
	free(occs.v);
	ins = xasprintf(
		"BEGIN;"
		"INSERT INTO tally (series_id, rid, category, value, start_utc,"
		" entered, entered_by)"
		" SELECT o.series_id, o.rid, c.category,"
		"  (o.series_id * 31 + o.rid / 3600) %% 97 + c.extra,"
		"  o.start_utc, %lld, 'bench'"
		" FROM bench_occ o JOIN series s ON s.id = o.series_id"
		" JOIN (SELECT 'served' AS category, NULL AS kind, 20 AS extra"
		"  UNION ALL SELECT 'meals', 'station', 0"
		"  UNION ALL SELECT 'drinks', 'warm-station', 0"
		"  UNION ALL SELECT 'bp-checks', 'clinic', 0"
		"  UNION ALL SELECT 'consultations', 'fair', 0"
		"  UNION ALL SELECT 'books', 'reading', 0"
		"  UNION ALL SELECT 'transport', 'volunteer', 0) c"
		"  ON c.kind IS NULL OR c.kind = s.kind"
		" WHERE NOT o.cancelled AND s.status <> 'cancelled';"
		"COMMIT;", (long long)y->to);
	sql(db, ins);
	free(ins);
	f->setup_s = (now_ms() - t0) / 1e3;
	f->tallies = sql(db, "SELECT count(*) FROM tally");
	f->db_mb = file_mb(db);
	printf("%d series: %.0f%% reach the benchmark window; year %s - %s: %ld "
	       "tallies; set up in %.1f s, %.1f MB\n", n,
	       100.0 * stats.reaching / stats.series, y->first, y->last,
	       f->tallies, f->setup_s, f->db_mb);
}

/* Runs argv with stdout to /dev/null; the child's CPU time and wall. */
static struct ms run(char *const argv[])
{
	posix_spawn_file_actions_t fa;
	struct rusage ru;
	pid_t pid;
	int status;
	double t0;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	t0 = now_ms();
	errno = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	if (errno)
		die(argv[0], NULL);
	if (wait4(pid, &status, 0, &ru) < 0)
		die("wait4", NULL);
	t0 = now_ms() - t0;
	posix_spawn_file_actions_destroy(&fa);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		die(argv[0], "failed");
	return (struct ms){
		ru.ru_utime.tv_sec * 1e3 + ru.ru_utime.tv_usec / 1e3 +
		ru.ru_stime.tv_sec * 1e3 + ru.ru_stime.tv_usec / 1e3, t0 };
}

/*
 * The peer's SQL: the tallies summed by week and category, and the
 * occurrences counted by week and whether cancelled - what "by week" shows,
 * with SQLite doing the grouping (weeks from Monday 2026-02-23, the week of
 * the first day, as fixed spans of seven days).
 */
static char *peer_sql(const struct year *y)
{
	int64_t monday = y->from - 6 * 86400; /* 2026-03-01 is a Sunday */

	return xasprintf(
		"SELECT (start_utc - %lld) / 604800, category, sum(value), count(*)"
		" FROM tally WHERE start_utc >= %lld AND start_utc < %lld"
		" GROUP BY 1, 2;"
		"SELECT (start_utc - %lld) / 604800, cancelled, count(*)"
		" FROM bench_occ"
		" WHERE start_utc >= %lld AND start_utc < %lld GROUP BY 1, 2;",
		(long long)monday, (long long)y->from, (long long)y->to,
		(long long)monday, (long long)y->from, (long long)y->to);
}

static struct ms time_writer(const struct report *r, const char *dir,
			     bool xlsx)
{
	char *path = xasprintf("%s/report.%s", dir, xlsx ? "xlsx" : "csv");
	struct herr err = { 0 };
	double w0 = now_ms(), c0 = cpu_ms();
	struct ms t;
	FILE *f;

	if (xlsx) {
		if (report_write_xlsx(r, path, &err) != HE_OK)
			die(path, err.msg);
	} else {
		if (!(f = fopen(path, "w")) || report_write_csv(r, f, &err) != HE_OK)
			die(path, err.msg);
		fclose(f);
	}
	t = since(w0, c0);
	unlink(path);
	free(path);
	return t;
}

static void measure(const struct opts *o, int n, struct figures *f,
		    bool last)
{
	char *db = xasprintf("%s/report-%d.db", o->dir, n);
	struct ms week[MAX_REPS], all[MAX_REPS], csv[MAX_REPS], xlsx[MAX_REPS];
	struct ms proc[MAX_REPS], peer[MAX_REPS];
	struct config cfg;
	struct year y;
	struct store *st;
	struct herr err = { 0 };
	char *psql;
	int reps = o->reps;

	config_init(&cfg);
	the_year(&y);
	f->n = n;
	build(db, n, &y, &cfg, f);
	psql = peer_sql(&y);
	f->load[0] = load_average();
	if (store_open(&st, db, STORE_EXISTING, &err) != HE_OK)
		die(db, err.msg);
	struct report_query qw = query(&y, &cfg, false), qa = query(&y, &cfg, true);
	char *hearth_argv[] = { (char *)o->hearth, "--db", db, "report", "--from",
				y.first, "--to", y.last, "--by", "week", "--format",
				"csv", NULL };
	char *peer_argv[] = { "sqlite3", "-readonly", db, psql, NULL };
	for (int r = 0; r < reps; r++) {
		struct report every;
		/* Interleaved, so that a busy moment slows both sides alike. */
		week[r] = time_report(st, &qw, NULL);
		all[r] = time_report(st, &qa, &every);
		csv[r] = time_writer(&every, o->dir, false);
		xlsx[r] = time_writer(&every, o->dir, true);
		f->occurrences = every.total.held;
		report_free(&every);
		proc[r] = o->hearth ? run(hearth_argv) : (struct ms){ -1, -1 };
		peer[r] = run(peer_argv);
	}
	store_close(&st);
	f->week = median_ms(week, reps);
	f->all = median_ms(all, reps);
	f->csv = median_ms(csv, reps);
	f->xlsx = median_ms(xlsx, reps);
	f->process = median_ms(proc, reps);
	f->peer = median_ms(peer, reps);
	f->load[1] = load_average();
	(void)last;
	free(psql);
	free(db);
	config_free(&cfg);
}

static void line(const char *what, struct ms t, const char *tail)
{
	printf("  %-42s %8.1f ms CPU  (%.1f ms wall)%s\n", what, t.cpu, t.wall,
	       tail);
}

static void print_size(const struct figures *f)
{
	char tail[96];

	snprintf(tail, sizeof tail, "  %ld held, %ld tallies", f->occurrences,
		 f->tallies);
	line("year by week, in process", f->week, tail);
	line("year by every grouping, in process", f->all, "");
	line("  writing it as csv", f->csv, "");
	line("  writing it as xlsx", f->xlsx, "");
	line("cold: the first report on a new connection", f->cold,
	     "  one run");
	if (f->process.cpu >= 0)
		line("hearth report --by week --format csv", f->process, "");
	line("peer: sqlite3 shell, the same sums", f->peer, "");
	if (f->process.cpu >= 0)
		printf("  hearth / sqlite3 (processes, CPU)          %8.2fx\n",
		       f->process.cpu / f->peer.cpu);
	printf("  load average %.2f before, %.2f after (2 CPUs)\n\n",
	       f->load[0], f->load[1]);
}

static void print_growth(const struct figures *v, int n)
{
	printf("How cost grows (year by week, in process, CPU):\n");
	for (int i = 0; i < n; i++)
		printf("  %7d series %9ld tallies %8.1f ms  %5.2f us a tally\n",
		       v[i].n, v[i].tallies, v[i].week.cpu,
		       v[i].tallies ? 1e3 * v[i].week.cpu / (double)v[i].tallies
				    : 0);
	for (int i = 1; i < n; i++)
		printf("  %d -> %d series: tallies x%.1f, time x%.1f, sqlite3 "
		       "x%.1f\n", v[i - 1].n, v[i].n,
		       (double)v[i].tallies / (double)v[i - 1].tallies,
		       v[i].week.cpu / v[i - 1].week.cpu,
		       v[i].peer.cpu / v[i - 1].peer.cpu);
	for (int i = 0; i < n; i++)
		if (v[i].n >= 100000)
			printf("\nTarget (issue 16): a year's report at %d series "
			       "under %.0f ms: by week %.1f ms %s, every grouping "
			       "%.1f ms %s (CPU; wall %.1f / %.1f ms)\n", v[i].n,
			       TARGET_MS, v[i].week.cpu,
			       v[i].week.cpu < TARGET_MS ? "PASS" : "FAIL",
			       v[i].all.cpu, v[i].all.cpu < TARGET_MS ? "PASS" : "FAIL",
			       v[i].week.wall, v[i].all.wall);
	printf("(By week reads the tallies' sums by start, tally_sum; every "
	       "grouping has tables by kind, venue and host, which read every "
	       "tally.)\n");
}

int main(int argc, char **argv)
{
	static const struct option lopts[] = {
		{ "reps", required_argument, NULL, 'r' },
		{ "dir", required_argument, NULL, 'd' },
		{ "hearth", required_argument, NULL, 'H' },
		{ NULL, 0, NULL, 0 },
	};
	struct opts o = { 5, "build/bench/data", NULL };
	struct figures *f;
	int opt, n;

	while ((opt = getopt_long(argc, argv, "", lopts, NULL)) != -1) {
		if (opt == 'r')
			o.reps = atoi(optarg);
		else if (opt == 'd')
			o.dir = optarg;
		else if (opt == 'H')
			o.hearth = optarg;
		else
			return 2;
	}
	if (o.reps < 1 || o.reps > MAX_REPS || optind >= argc) {
		fprintf(stderr, "usage: bench_report [--reps N] [--dir DIR] "
			"[--hearth PATH] SIZE...\n");
		return 2;
	}
	mkdir(o.dir, 0700);
	setenv("TZ", BENCH_TZ, 1);
	n = argc - optind;
	f = xcalloc((size_t)n, sizeof *f);
	printf("hearth report benchmark: a year (%d reps, medians), tallies on "
	       "every occurrence held, beside the sqlite3 shell\n\n", o.reps);
	for (int i = 0; i < n; i++) {
		measure(&o, atoi(argv[optind + i]), &f[i], i == n - 1);
		print_size(&f[i]);
		fflush(stdout);
	}
	print_growth(f, n);
	free(f);
	tz_cleanup();
	return 0;
}
