/*
 * bench_store.c - how fast the occurrence query is, beside calcurse.
 *
 *   bench_store [--reps N] [--dir DIR] [--hearth PATH] [--no-calcurse]
 *               [--cpu] SIZE...
 *
 * For each SIZE (number of series) it builds the benchmark calendar
 * (bench_cal.h) in a fresh database and in a private calcurse data
 * directory, then times, each --reps times (default 7) and reports the
 * median:
 *   screen  store_occurrences(moment, +1 year, limit 200): a TUI screenful;
 *   window  store_occurrences over 30 days, no limit;
 * both cold (a fresh copy of the file, just written, on a connection that
 * has read nothing of it yet: what a first query after an import or
 * someone else's change meets) and warm (the same query again). Beside
 * them, in the same run on the same calendar:
 *   calcurse -Q over the same 30 days (TZ set to the calendar's zone), a
 *   whole process, as a user runs it;
 *   hearth agenda over the same 30 days (with --hearth), a whole process,
 *   cold and warm, for a like-for-like comparison with calcurse, and the
 *   peak memory of both processes.
 * The operating system's page cache is warm in every case: the files were
 * just written or copied. Figures are wall-clock milliseconds, or with
 * --cpu the CPU time of this process (its queries) and of each child
 * process (user and system): on a machine shared with other work, wall
 * time measures the neighbours as much as the code. The targets
 * are issue 13's, judged at the largest size.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../../core/tz.h"
#include "bench_cal.h"

extern char **environ;

#define SCREEN_ROWS 200
#define MAX_REPS 101

struct opts {
	int reps;
	const char *dir;
	const char *hearth;
	bool calcurse;
	bool cpu;
};

/* --cpu: every figure is CPU time instead of wall-clock time. */
static bool cpu_clock;

/* Medians of one size, in milliseconds; negative when not measured. */
struct figures {
	int n;
	double build_s, db_mb, reaching;
	size_t screen_rows, window_rows;
	long calcurse_rows, agenda_rows;
	double screen_cold, screen_warm, window_cold, window_warm;
	double calcurse, agenda_cold, agenda_warm;
	double calcurse_mb, agenda_mb; /* peak resident memory (the largest) */
	double load[2];          /* 1-minute load average before and after */
	/* The smallest size's screenful, timed in the same rounds (or -1). */
	int ref_n;
	double ref_screen_cold, ref_screen_warm;
};

/*
 * The smallest calendar, kept at hand: the screenful target compares with
 * its figure, which is timed again in every round of the larger sizes so
 * that both see the machine in the same state.
 */
struct reference {
	int n;
	char *pristine, *scratch;
	struct store *warm;
};

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
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

static void die(const char *what, const struct herr *err)
{
	fprintf(stderr, "bench_store: %s: %s\n", what, err ? err->msg : strerror(errno));
	exit(2);
}

static void copy_file(const char *from, const char *to)
{
	char buf[1 << 16];
	ssize_t got;
	int in = open(from, O_RDONLY), out;

	if (in < 0)
		die(from, NULL);
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (out < 0)
		die(to, NULL);
	while ((got = read(in, buf, sizeof buf)) > 0)
		if (write(out, buf, (size_t)got) != got)
			die(to, NULL);
	if (got < 0)
		die(from, NULL);
	close(in);
	close(out);
}

/* Other work on the machine shows in the figures: the report says so. */
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

/* ---- hearth, in process ---- */

struct query {
	int64_t from, to;
	size_t limit;
};

/* The clock figures are read from: wall, or this process's CPU time. */
static double clock_ms(void)
{
	struct timespec ts;

	if (!cpu_clock)
		return now_ms();
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double time_query(struct store *st, const struct query *q, size_t *rows)
{
	struct occ_list l = { 0 };
	struct herr err = { 0 };
	double t0 = clock_ms(), t;

	if (store_occurrences(st, q->from, q->to, NULL, q->limit, &l, &err))
		die("query", &err);
	t = clock_ms() - t0;
	*rows = l.n;
	occ_list_free(&l);
	return t;
}

static struct store *open_db(const char *path)
{
	struct store *st;
	struct herr err = { 0 };

	if (store_open(&st, path, STORE_EXISTING, &err) != HE_OK)
		die(path, &err);
	return st;
}

/* A first query, on a fresh copy of the pristine file. */
static double cold_once(const char *pristine, const char *path,
			const struct query *q, size_t *rows)
{
	struct store *st;
	double t;

	copy_file(pristine, path);
	st = open_db(path);
	t = time_query(st, q, rows);
	store_close(&st);
	return t;
}

/* ---- peers, as processes ---- */

/* Peak resident memory of the last process run() ran, in MiB. */
static double last_peak_mb;

/*
 * The peak resident memory of a child, from GNU time run between: a
 * child's own ru_maxrss starts from its parent's resident size (the
 * spawned process shares or copies this one's memory until it execs, and
 * Linux keeps the larger figure across exec), so that the figure wait4
 * gives is at least this benchmark's size - with a 100k-series store held
 * warm, more than the agenda's own. GNU time is small when it forks.
 */
#define GNU_TIME "/usr/bin/time"

static double read_peak_mb(const char *path)
{
	FILE *f = fopen(path, "r");
	double kib = -1024; /* GNU time's %M is in KiB */

	if (f) {
		if (fscanf(f, "%lf", &kib) != 1)
			kib = -1024;
		fclose(f);
	}
	unlink(path);
	return kib / 1024.0;
}

/* Runs argv with stdout to out_path (or /dev/null); returns milliseconds
 * (of CPU with --cpu). */
static double run(char *const argv[], const char *out_path)
{
	posix_spawn_file_actions_t fa;
	struct rusage ru;
	char peak[64], *timed[16];
	size_t n = 0;
	pid_t pid;
	int status;
	double t0;

	snprintf(peak, sizeof peak, "/tmp/bench_store_peak.%ld", (long)getpid());
	timed[n++] = GNU_TIME, timed[n++] = "-f", timed[n++] = "%M";
	timed[n++] = "-o", timed[n++] = peak;
	for (size_t i = 0; argv[i] && n < sizeof timed / sizeof *timed - 1; i++)
		timed[n++] = argv[i];
	timed[n] = NULL;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, out_path ? out_path : "/dev/null",
					 O_WRONLY | O_CREAT | O_TRUNC, 0600);
	t0 = now_ms();
	errno = posix_spawn(&pid, GNU_TIME, &fa, NULL, timed, environ);
	if (errno)
		die(GNU_TIME, NULL);
	if (wait4(pid, &status, 0, &ru) < 0)
		die("wait4", NULL);
	t0 = now_ms() - t0;
	if (cpu_clock)
		t0 = ru.ru_utime.tv_sec * 1e3 + ru.ru_utime.tv_usec / 1e3 +
		     ru.ru_stime.tv_sec * 1e3 + ru.ru_stime.tv_usec / 1e3;
	last_peak_mb = read_peak_mb(peak);
	posix_spawn_file_actions_destroy(&fa);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "bench_store: %s failed (status %d)\n", argv[0],
			status);
		exit(2);
	}
	return t0;
}

/* Counts lines of path that start with prefix (either of two). */
static long count_lines(const char *path, const char *p1, const char *p2)
{
	FILE *f = fopen(path, "r");
	char line[4096];
	long n = 0;

	if (!f)
		die(path, NULL);
	while (fgets(line, sizeof line, f))
		n += !strncmp(line, p1, strlen(p1)) ||
		     (p2 && !strncmp(line, p2, strlen(p2)));
	fclose(f);
	return n;
}

/* calcurse -Q over the window, from its private data directory. */
struct peer {
	char *argv[12];
	char days[16], last[CIVIL_BUFSZ];
};

static void calcurse_argv(struct peer *p, const char *ccdir, const char *date)
{
	char *const argv[] = { "calcurse", "-D", (char *)ccdir, "-Q",
			       "--input-datefmt", "4", "--from", (char *)date,
			       "--days", p->days, NULL };

	snprintf(p->days, sizeof p->days, "%d", BENCH_WINDOW_DAYS);
	memcpy(p->argv, argv, sizeof argv);
}

/* hearth agenda on the same 30 days: "--to" names the window's last day. */
static void agenda_argv(struct peer *p, const char *hearth, const char *db,
			const char *date)
{
	char *const argv[] = { (char *)hearth, "--db", (char *)db, "agenda",
			       "--from", (char *)date, "--to", p->last,
			       "--format", "tsv", NULL };
	int64_t from, to;
	struct civil c;

	bench_cal_window(&from, &to, p->last);
	c = tz_from_utc(tz_get(BENCH_TZ), to - 86400, NULL);
	civil_format(&c, true, p->last);
	memcpy(p->argv, argv, sizeof argv);
}

/* Runs a peer once into a file and counts the lines it lists. */
static long peer_rows(const struct opts *o, const struct peer *p,
		      const char *prefix1, const char *prefix2)
{
	char *out = xasprintf("%s/peer.out", o->dir);
	long n;

	run(p->argv, out);
	n = count_lines(out, prefix1, prefix2);
	unlink(out);
	free(out);
	return n;
}

/* ---- one size ---- */

static void build(const struct opts *o, int n, const char *db,
		  const char *ccdir, struct figures *f)
{
	char *apts = xasprintf("%s/apts", ccdir);
	struct bench_cal_stats stats;
	struct herr err = { 0 };
	struct store *st;
	FILE *cc = NULL;
	double t0;

	unlink(db);
	mkdir(ccdir, 0700);
	if (o->calcurse && !(cc = fopen(apts, "w")))
		die(apts, NULL);
	if (store_open(&st, db, STORE_CREATE, &err) != HE_OK)
		die(db, &err);
	t0 = now_ms();
	if (bench_cal_build(st, n, cc, &stats, &err) != HE_OK)
		die("building the calendar", &err);
	f->build_s = (now_ms() - t0) / 1e3;
	store_close(&st);
	if (cc && fclose(cc) != 0)
		die(apts, NULL);
	f->db_mb = file_mb(db);
	f->reaching = (double)stats.reaching / stats.series;
	printf("%d series: %ld repeating (%ld open-ended, %ld UNTIL, %ld COUNT), "
	       "%ld one-off, %ld all-day, %ld exception dates, %ld overrides; "
	       "%.0f%% reach the window; built in %.1f s, %.1f MB\n",
	       n, stats.recurring, stats.open_ended, stats.with_until,
	       stats.with_count, stats.one_off, stats.all_day, stats.exdates,
	       stats.overrides, 100 * f->reaching, f->build_s, f->db_mb);
	free(apts);
}

/* Every figure of one size: medians of o->reps interleaved rounds. */
struct samples {
	double ref_cold[MAX_REPS], ref_warm[MAX_REPS];
	double screen_cold[MAX_REPS], window_cold[MAX_REPS];
	double screen_warm[MAX_REPS], window_warm[MAX_REPS];
	double calcurse[MAX_REPS], agenda_cold[MAX_REPS], agenda_warm[MAX_REPS];
};

/*
 * One round measures everything once, so that a machine busy with other
 * work for a while slows hearth and its peers alike and the ratios hold.
 */
static void round_once(const struct opts *o, int r, const char *db,
		       struct store *warm_st, const struct query q[2],
		       const struct peer *cc, const struct peer *ag,
		       const char *scratch, const char *agenda_db,
		       const struct reference *ref, struct figures *f,
		       struct samples *t)
{
	size_t rows;

	if (ref->warm) {
		t->ref_cold[r] = cold_once(ref->pristine, ref->scratch, &q[0], &rows);
		t->ref_warm[r] = time_query(ref->warm, &q[0], &rows);
	}
	t->screen_cold[r] = cold_once(db, scratch, &q[0], &f->screen_rows);
	t->window_cold[r] = cold_once(db, scratch, &q[1], &f->window_rows);
	t->screen_warm[r] = time_query(warm_st, &q[0], &f->screen_rows);
	t->window_warm[r] = time_query(warm_st, &q[1], &f->window_rows);
	if (o->calcurse) {
		t->calcurse[r] = run(cc->argv, NULL);
		if (last_peak_mb > f->calcurse_mb)
			f->calcurse_mb = last_peak_mb;
	}
	if (o->hearth) {
		copy_file(db, agenda_db);
		t->agenda_cold[r] = run(ag->argv, NULL);
		if (last_peak_mb > f->agenda_mb)
			f->agenda_mb = last_peak_mb;
		t->agenda_warm[r] = run(ag->argv, NULL);
		if (last_peak_mb > f->agenda_mb)
			f->agenda_mb = last_peak_mb;
	}
}

static void measure(const struct opts *o, int n, struct reference *ref,
		    struct figures *f)
{
	char *db = xasprintf("%s/store-%d.db", o->dir, n);
	char *ccdir = xasprintf("%s/calcurse-%d", o->dir, n);
	char *wdb = xasprintf("%s/warm-%d.db", o->dir, n), date[CIVIL_BUFSZ];
	char *scratch = xasprintf("%s/cold.db", o->dir);
	char *adb = xasprintf("%s/agenda.db", o->dir);
	struct query q[2] = { { bench_cal_moment(), 0, SCREEN_ROWS } };
	struct samples *t = xcalloc(1, sizeof *t);
	struct peer cc, ag;
	struct store *st;

	memset(f, 0, sizeof *f);
	f->n = n;
	f->calcurse = f->agenda_cold = f->agenda_warm = -1;
	f->ref_screen_cold = f->ref_screen_warm = -1;
	build(o, n, db, ccdir, f);
	q[0].to = q[0].from + 366 * 86400;
	bench_cal_window(&q[1].from, &q[1].to, date);
	calcurse_argv(&cc, ccdir, date);
	agenda_argv(&ag, o->hearth, adb, date);
	/* Rows listed, and every cache but the index warmed, before timing. */
	if (o->calcurse)
		f->calcurse_rows = peer_rows(o, &cc, " - ", " * ");
	if (o->hearth) {
		copy_file(db, adb);
		f->agenda_rows = peer_rows(o, &ag, "", NULL);
	}
	copy_file(db, wdb);
	st = open_db(wdb);
	time_query(st, &q[1], &f->window_rows); /* materialises the window */
	time_query(st, &q[0], &f->screen_rows);
	f->load[0] = load_average();
	for (int r = 0; r < o->reps; r++)
		round_once(o, r, db, st, q, &cc, &ag, scratch, adb, ref, f, t);
	f->load[1] = load_average();
	if (ref->warm) {
		f->ref_n = ref->n;
		f->ref_screen_cold = median(t->ref_cold, o->reps);
		f->ref_screen_warm = median(t->ref_warm, o->reps);
		store_close(&st);
	} else {
		/* This is the smallest size: keep it for the larger ones. */
		ref->n = n;
		ref->pristine = xstrdup(db);
		ref->scratch = xasprintf("%s/ref-cold.db", o->dir);
		ref->warm = st;
	}
	f->screen_cold = median(t->screen_cold, o->reps);
	f->window_cold = median(t->window_cold, o->reps);
	f->screen_warm = median(t->screen_warm, o->reps);
	f->window_warm = median(t->window_warm, o->reps);
	if (o->calcurse)
		f->calcurse = median(t->calcurse, o->reps);
	if (o->hearth) {
		f->agenda_cold = median(t->agenda_cold, o->reps);
		f->agenda_warm = median(t->agenda_warm, o->reps);
	}
	if (ref->warm != st)
		unlink(wdb);
	unlink(scratch);
	unlink(adb);
	free(t);
	free(db);
	free(ccdir);
	free(wdb);
	free(scratch);
	free(adb);
}

/* ---- the report ---- */

static void ratio(char *buf, size_t size, double peer, double ours)
{
	if (peer < 0 || ours <= 0)
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%.1fx", peer / ours);
}

static void print_size(const struct figures *f)
{
	char r1[32], r2[32], r3[32], r4[32];

	ratio(r1, sizeof r1, f->calcurse, f->window_cold);
	ratio(r2, sizeof r2, f->calcurse, f->window_warm);
	ratio(r3, sizeof r3, f->calcurse, f->agenda_cold);
	ratio(r4, sizeof r4, f->calcurse, f->agenda_warm);
	printf("  screenful (first %d from %s)   cold %9.2f ms   warm %9.2f ms"
	       "   (%zu rows)\n", SCREEN_ROWS, "03-10 09:30", f->screen_cold,
	       f->screen_warm, f->screen_rows);
	printf("  30-day window, in process        cold %9.2f ms   warm %9.2f ms"
	       "   (%zu occurrences)\n", f->window_cold, f->window_warm,
	       f->window_rows);
	if (f->calcurse >= 0)
		printf("  calcurse -Q, 30 days (process)        %9.2f ms"
		       "   (%ld items; a multi-day event on each day)\n"
		       "  calcurse / hearth window             cold %7s   warm %7s\n",
		       f->calcurse, f->calcurse_rows, r1, r2);
	if (f->agenda_cold >= 0)
		printf("  hearth agenda, 30 days (process) cold %9.2f ms   warm %9.2f ms"
		       "   (%ld lines)\n"
		       "  calcurse / hearth agenda             cold %7s   warm %7s\n"
		       "  peak memory: hearth agenda %.1f MiB, calcurse -Q %.1f MiB\n",
		       f->agenda_cold, f->agenda_warm, f->agenda_rows, r3, r4,
		       f->agenda_mb, f->calcurse_mb);
	if (f->ref_screen_warm >= 0)
		printf("  screenful at %d series, same rounds cold %9.2f ms   warm %9.2f ms"
		       "   (%.1fx and %.1fx)\n", f->ref_n, f->ref_screen_cold,
		       f->ref_screen_warm, f->screen_cold / f->ref_screen_cold,
		       f->screen_warm / f->ref_screen_warm);
	printf("  load average %.2f before the runs, %.2f after (%ld CPUs)\n",
	       f->load[0], f->load[1], sysconf(_SC_NPROCESSORS_ONLN));
}

static const char *verdict(bool ok)
{
	return ok ? "PASS" : "FAIL";
}

/* Targets from issue 13, judged at the largest size. */
static void print_targets(const struct figures *big)
{
	double rc = big->ref_screen_cold;

	printf("\nTargets (issue 13), at %d series:\n", big->n);
	printf("  screenful cold < 50 ms:       %9.2f ms  %s   (warm %.2f ms <= 2 ms: %s)\n",
	       big->screen_cold, verdict(big->screen_cold < 50),
	       big->screen_warm, verdict(big->screen_warm <= 2));
	if (rc >= 0)
		printf("  screenful cold < 3x %d series: %8.1fx   %s\n", big->ref_n,
		       big->screen_cold / rc, verdict(big->screen_cold < 3 * rc));
	printf("  30-day window cold < 800 ms:  %9.2f ms  %s   (warm %.2f ms <= 400 ms: %s)\n",
	       big->window_cold, verdict(big->window_cold < 800),
	       big->window_warm, verdict(big->window_warm <= 400));
	if (big->calcurse >= 0)
		printf("  window cold >= 10x calcurse -Q: %7.1fx   %s   (warm %.1fx)\n",
		       big->calcurse / big->window_cold,
		       verdict(big->calcurse >= 10 * big->window_cold),
		       big->calcurse / big->window_warm);
	if (big->agenda_cold >= 0)
		printf("  agenda peak memory < 40 MiB:  %9.1f MiB %s   (calcurse %.1f MiB)\n",
		       big->agenda_mb, verdict(big->agenda_mb < 40),
		       big->calcurse_mb);
	if (big->calcurse >= 0 && big->agenda_cold >= 0)
		printf("  (whole process) agenda vs calcurse: cold %.1fx, warm %.1fx\n",
		       big->calcurse / big->agenda_cold,
		       big->calcurse / big->agenda_warm);
}

static void usage(void)
{
	fprintf(stderr, "usage: bench_store [--reps N] [--dir DIR] "
		"[--hearth PATH] [--no-calcurse] [--cpu] SIZE...\n");
	exit(1);
}

static void parse_args(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {
		{ "reps", required_argument, NULL, 'r' },
		{ "dir", required_argument, NULL, 'd' },
		{ "hearth", required_argument, NULL, 'H' },
		{ "no-calcurse", no_argument, NULL, 'C' },
		{ "cpu", no_argument, NULL, 'P' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	*o = (struct opts){ .reps = 7, .dir = "build/bench/data", .calcurse = true };
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'r': o->reps = atoi(optarg); break;
		case 'd': o->dir = optarg; break;
		case 'H': o->hearth = optarg; break;
		case 'C': o->calcurse = false; break;
		case 'P': o->cpu = true; break;
		default: usage();
		}
	}
	if (o->reps < 1 || o->reps > MAX_REPS || optind >= argc)
		usage();
}

int main(int argc, char **argv)
{
	struct figures f[8];
	struct reference ref = { 0 };
	struct opts o;
	int sizes = 0;

	parse_args(argc, argv, &o);
	cpu_clock = o.cpu;
	/* Peers read the calendar in its own zone, as its users would. */
	setenv("TZ", BENCH_TZ, 1);
	tzset();
	mkdir(o.dir, 0700);
	/* No configuration of the user's changes what hearth agenda does. */
	{
		char *xdg = xasprintf("%s/config", o.dir);
		setenv("XDG_CONFIG_HOME", xdg, 1);
		free(xdg);
		unsetenv("HEARTH_DB");
		unsetenv("HEARTH_NOW");
	}
	printf("hearth occurrence-query benchmark: median of %d runs, "
	       "window %d days in %s; times are %s\n\n", o.reps,
	       BENCH_WINDOW_DAYS, BENCH_TZ,
	       o.cpu ? "CPU time (user + system)" : "wall-clock time");
	for (int i = optind; i < argc && sizes < 8; i++, sizes++) {
		int n = atoi(argv[i]);
		if (n < 1)
			usage();
		measure(&o, n, &ref, &f[sizes]);
		print_size(&f[sizes]);
		printf("\n");
		fflush(stdout);
	}
	print_targets(&f[sizes - 1]);
	if (ref.warm) {
		char *warm_path = xstrdup(store_path(ref.warm));
		store_close(&ref.warm);
		unlink(warm_path);
		unlink(ref.scratch);
		free(warm_path);
	}
	free(ref.pristine);
	free(ref.scratch);
	tz_cleanup();
	return 0;
}
