/*
 * bench_wait.c - how long a reader waits while someone imports, and how an
 * import's cost grows with the changed occurrences of one series.
 *
 *   bench_wait [--dir DIR] --hearth PATH SERIES OVERRIDES...
 *
 * A calendar (the demo) is open in this process as the full-screen
 * interface has it, reading a screenful of the coming days every 10 ms,
 * while another process runs `hearth import` of
 *   a generated calendar of SERIES series (tests/ical/gen_calendar.py), and
 *   one series with OVERRIDES changed occurrences (RECURRENCE-ID), for each
 *   count given,
 * into the same file. It prints the reader's worst wait (the longest read)
 * during each import beside its usual read, and each import's CPU time,
 * and for the changed occurrences the cost per change as they grow: an
 * import ten times larger should cost about ten times as much (issue 10:
 * 10,000 changes took 1.5 s, 100,000 took 86.6 s, and readers waiting for
 * them gave up after 15 s).
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

#include "../../core/store.h"
#include "../../core/tz.h"

extern char **environ;

#define MAX_SIZES 8

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static void die(const char *what, const char *why)
{
	fprintf(stderr, "bench_wait: %s: %s\n", what, why ? why : strerror(errno));
	exit(2);
}

static pid_t spawn(char *const argv[], const char *out_path)
{
	posix_spawn_file_actions_t fa;
	pid_t pid;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, out_path ? out_path : "/dev/null",
					 O_WRONLY | O_CREAT | O_TRUNC, 0600);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	if ((errno = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ)))
		die(argv[0], NULL);
	posix_spawn_file_actions_destroy(&fa);
	return pid;
}

static double cpu_s(const struct rusage *ru)
{
	return ru->ru_utime.tv_sec + ru->ru_stime.tv_sec +
	       (ru->ru_utime.tv_usec + ru->ru_stime.tv_usec) / 1e6;
}

static void run_or_die(char *const argv[], const char *out)
{
	int status;

	if (waitpid(spawn(argv, out), &status, 0) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0)
		die(argv[0], "failed");
}

/* One series, daily at 09:00 from 2000, with n changed occurrences (each
 * moved an hour later, with a note), after it in the file. */
static void write_overrides(const char *path, int n)
{
	FILE *f = fopen(path, "w");
	struct civil day = { 2000, 1, 1, 0, 0, 0 };

	if (!f)
		die(path, NULL);
	fputs("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//hearth//bench//EN\r\n"
	      "BEGIN:VEVENT\r\nUID:many-changes@bench\r\nDTSTAMP:20261201T000000Z\r\n"
	      "DTSTART;TZID=Asia/Shanghai:20000101T090000\r\n"
	      "DTEND;TZID=Asia/Shanghai:20000101T100000\r\n"
	      "RRULE:FREQ=DAILY\r\nSUMMARY:每日驿站\r\nEND:VEVENT\r\n", f);
	for (int i = 0; i < n; i++, day = civil_add_days(day, 1))
		fprintf(f, "BEGIN:VEVENT\r\nUID:many-changes@bench\r\n"
			"DTSTAMP:20261201T000000Z\r\n"
			"RECURRENCE-ID;TZID=Asia/Shanghai:%04d%02d%02dT090000\r\n"
			"DTSTART;TZID=Asia/Shanghai:%04d%02d%02dT100000\r\n"
			"DTEND;TZID=Asia/Shanghai:%04d%02d%02dT110000\r\n"
			"SUMMARY:每日驿站\r\nCOMMENT:推迟一小时\r\nEND:VEVENT\r\n",
			day.year, day.month, day.day, day.year, day.month, day.day,
			day.year, day.month, day.day);
	fputs("END:VCALENDAR\r\n", f);
	if (fclose(f) != 0)
		die(path, NULL);
}

struct result {
	double cpu, wall, usual, worst;
	double worst_end;   /* ms from the worst read's end to the import's */
	long reads, rss_kib;
};

/* Imports ics into a copy of base while reading; fills r. */
static void import_while_reading(const char *hearth, const char *base,
				 const char *db, const char *ics,
				 struct result *r)
{
	char *cmd = xasprintf("cp '%s' '%s'", base, db);
	char *const argv[] = { (char *)hearth, "--db", (char *)db, "import",
			       (char *)ics, NULL };
	struct store *st;
	struct herr err = { 0 };
	struct rusage ru;
	double t0, reads[4] = { 0 };
	int64_t now = (int64_t)time(NULL);
	int status;
	pid_t pid;

	if (system(cmd) != 0)
		die(cmd, "failed");
	free(cmd);
	if (store_open(&st, db, STORE_EXISTING, &err) != HE_OK)
		die(db, err.msg);
	/* The usual read, before anyone writes. */
	for (int i = 0; i < 4; i++) {
		struct occ_list l = { 0 };
		double a = now_ms();
		if (store_occurrences(st, now, now + 7 * 86400, NULL, 200, &l,
				      &err) != HE_OK)
			die("reading", err.msg);
		reads[i] = now_ms() - a;
		occ_list_free(&l);
	}
	r->usual = reads[3] < reads[2] ? reads[3] : reads[2];
	r->worst = 0;
	r->reads = 0;
	t0 = now_ms();
	pid = spawn(argv, NULL);
	while (wait4(pid, &status, WNOHANG, &ru) == 0) {
		struct occ_list l = { 0 };
		struct timespec pause = { 0, 10000000L };
		double a = now_ms(), took;
		if (store_occurrences(st, now, now + 7 * 86400, NULL, 200, &l,
				      &err) != HE_OK)
			die("reading while importing", err.msg);
		took = now_ms() - a;
		occ_list_free(&l);
		if (took > r->worst) {
			r->worst = took;
			r->worst_end = a + took;
		}
		r->reads++;
		nanosleep(&pause, NULL);
	}
	r->wall = now_ms() - t0;
	r->worst_end = t0 + r->wall - r->worst_end;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		die(ics, "the import failed");
	r->cpu = cpu_s(&ru);
	r->rss_kib = ru.ru_maxrss;
	store_close(&st);
}

/* One line of the table; "at end-" is how long before the import ended
 * the worst wait ended (its commit, when close to 0). */
static void print_row(char *label, const struct result *r)
{
	printf("%-34s %7.2f %7.2f %7.1f %8.2f ms %8.2f ms %6.0f ms %6ld\n",
	       label, r->cpu, r->wall / 1e3, r->rss_kib / 1024.0, r->usual,
	       r->worst, r->worst_end, r->reads);
	free(label);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "dir", required_argument, NULL, 'd' },
		{ "hearth", required_argument, NULL, 'H' },
		{ NULL, 0, NULL, 0 },
	};
	const char *dir = "build/bench/data", *hearth = "./hearth";
	struct result series, changes[MAX_SIZES];
	int n_changes = 0, opt, n_series;

	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (opt == 'd')
			dir = optarg;
		else if (opt == 'H')
			hearth = optarg;
		else
			return 2;
	}
	if (optind + 2 > argc) {
		fprintf(stderr, "usage: bench_wait [--dir DIR] [--hearth PATH] "
			"SERIES OVERRIDES...\n");
		return 2;
	}
	setenv("TZ", "Asia/Shanghai", 1);
	mkdir(dir, 0700);
	n_series = atoi(argv[optind]);
	{
		char *base = xasprintf("%s/wait-base.db", dir);
		char *ics = xasprintf("%s/wait-series.ics", dir);
		char *db = xasprintf("%s/wait.db", dir);
		char *n = xasprintf("%d", n_series);
		char *const init[] = { (char *)hearth, "--db", base, "init",
				       "--demo", NULL };
		char *const gen[] = { "/usr/bin/python3",
				      "tests/ical/gen_calendar.py", n, "1", NULL };
		unlink(base);
		run_or_die(init, NULL);
		run_or_die(gen, ics);
		import_while_reading(hearth, base, db, ics, &series);
		for (int i = optind + 1; i < argc && n_changes < MAX_SIZES; i++) {
			char *path = xasprintf("%s/wait-changes-%s.ics", dir, argv[i]);
			struct result *r = &changes[n_changes++];
			write_overrides(path, atoi(argv[i]));
			import_while_reading(hearth, base, db, path, r);
			unlink(path);
			free(path);
		}
		unlink(ics);
		unlink(db);
		unlink(base);
		free(base);
		free(ics);
		free(db);
		free(n);
	}
	printf("\nA reader of the file (a screenful of the coming week every 10 "
	       "ms, as the full-screen interface) while another process imports "
	       "(issue 10; target: worst wait under 500 ms)\n");
	printf("%-34s %7s %7s %7s %11s %11s %9s %6s\n", "import", "CPU s",
	       "wall s", "peak MB", "usual read", "worst read", "at end-", "reads");
	print_row(xasprintf("%d series", n_series), &series);
	for (int i = 0; i < n_changes; i++)
		print_row(xasprintf("1 series, %s changed occurrences",
				    argv[optind + 1 + i]), &changes[i]);
	printf("worst wait during the %d-series import: %.0f ms < 500 ms: %s\n",
	       n_series, series.worst, series.worst < 500 ? "PASS" : "FAIL");
	for (int i = 0; i < n_changes; i++)
		printf("worst wait during the %s-change import: %.0f ms < 500 ms: "
		       "%s\n", argv[optind + 1 + i], changes[i].worst,
		       changes[i].worst < 500 ? "PASS" : "FAIL");
	for (int i = 1; i < n_changes; i++) {
		double a = atof(argv[optind + i]), b = atof(argv[optind + 1 + i]);
		double grow = (changes[i].cpu / b) / (changes[i - 1].cpu / a);
		printf("changed occurrences %s -> %s: CPU per change x%.2f "
		       "(linear: about 1): %s\n", argv[optind + i],
		       argv[optind + 1 + i], grow, grow < 1.5 ? "PASS" : "FAIL");
	}
	tz_cleanup();
	return 0;
}
