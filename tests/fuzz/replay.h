/*
 * replay.h - runs saved inputs through a fuzz harness in 'make check'.
 *
 * tests/unit/test_fuzz_NAME.c includes tests/fuzz/fuzz_NAME.c and this
 * file, lists its inputs and calls fuzz_replay_main, which replays through
 * the harness every input that once crashed,
 * leaked, hung or tripped a sanitizer (tests/fuzz/regress/NAME) and the
 * seeds it starts from, under ASan+UBSan as well as plain. Each input must
 * finish within FUZZ_REPLAY_MAX_SECONDS of processor time (the fuzzing
 * target: no input slower than a second) and must leave standard error
 * empty: libical writes its complaints there, and on a curses screen they
 * would be garbage.
 */
#ifndef HEARTH_FUZZ_REPLAY_H
#define HEARTH_FUZZ_REPLAY_H

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../../core/util.h"

#define FUZZ_REPLAY_MAX_SECONDS 1.0

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
void fuzz_cleanup(void);

struct replay {
	int inputs;
	double slowest;
	char slowest_name[512];
	char problem[1024];      /* the first problem, or "" */
};

/* Reads a whole file (inputs are small). */
static char *replay_slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	struct sbuf b = { 0 };
	char buf[4096];
	size_t got;

	*n = 0;
	if (!f)
		return NULL;
	while ((got = fread(buf, 1, sizeof buf, f)) > 0)
		sbuf_addn(&b, buf, got);
	fclose(f);
	*n = b.len;
	return b.len ? sbuf_take(&b) : (sbuf_free(&b), xstrdup(""));
}

/* Files that describe a corpus rather than being part of it. */
static bool replay_skipped(const char *name)
{
	return name[0] == '.' || !strncmp(name, "LICENSE", 7) ||
	       !strcmp(name, "SOURCE") || !strcmp(name, "README.md") ||
	       !strcmp(name, "allow.txt");
}

static void replay_one(struct replay *r, const char *path, FILE *catch)
{
	size_t size;
	char *data = replay_slurp(path, &size);
	clock_t t0;
	double secs;

	if (!data) {
		snprintf(r->problem, sizeof r->problem, "%s: cannot read", path);
		return;
	}
	t0 = clock();
	LLVMFuzzerTestOneInput((const uint8_t *)data, size);
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	free(data);
	r->inputs++;
	if (secs > r->slowest) {
		r->slowest = secs;
		snprintf(r->slowest_name, sizeof r->slowest_name, "%s", path);
	}
	fflush(stderr);
	if (!r->problem[0] && (ftell(catch) != 0 || lseek(2, 0, SEEK_END) != 0))
		snprintf(r->problem, sizeof r->problem,
			 "%s: something was written to standard error", path);
	if (!r->problem[0] && secs > FUZZ_REPLAY_MAX_SECONDS)
		snprintf(r->problem, sizeof r->problem,
			 "%s took %.2f s (at most %.1f s)", path, secs,
			 FUZZ_REPLAY_MAX_SECONDS);
}

static void replay_walk(struct replay *r, const char *path, FILE *catch)
{
	struct stat sb;
	DIR *d;
	struct dirent *de;

	if (stat(path, &sb) != 0) {
		snprintf(r->problem, sizeof r->problem, "%s: missing", path);
		return;
	}
	if (!S_ISDIR(sb.st_mode)) {
		replay_one(r, path, catch);
		return;
	}
	if (!(d = opendir(path)))
		return;
	while ((de = readdir(d))) {
		char *sub;
		if (replay_skipped(de->d_name))
			continue;
		sub = xasprintf("%s/%s", path, de->d_name);
		replay_walk(r, sub, catch);
		free(sub);
	}
	closedir(d);
}

/*
 * Replays every file under path (a file or a directory, recursively) with
 * standard error caught in a temporary file. Returns what it saw.
 */
static struct replay fuzz_replay(const char *path)
{
	struct replay r = { 0 };
	FILE *catch = tmpfile();
	int saved = dup(2);

	if (!catch || saved < 0) {
		snprintf(r.problem, sizeof r.problem, "cannot catch stderr");
		return r;
	}
	fflush(stderr);
	dup2(fileno(catch), 2);
	replay_walk(&r, path, catch);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	fclose(catch);
	return r;
}

/*
 * For the cmocka tests: replays path, fails on its first problem or when
 * it held fewer than at_least inputs, and says what the slowest one took.
 */
static inline void fuzz_replay_check(const char *path, int at_least)
{
	struct replay r = fuzz_replay(path);

	if (r.problem[0])
		fail_msg("%s", r.problem);
	if (r.inputs < at_least)
		fail_msg("%s: %d inputs, expected at least %d", path, r.inputs,
			 at_least);
	print_message("%s: %d inputs, the slowest %.3f s (%s)\n", path,
		      r.inputs, r.slowest, r.slowest_name);
}

struct replay_input {
	const char *path;        /* a file or a directory */
	int at_least;            /* inputs it must hold */
};

static void replay_input_cleanly(void **state)
{
	const struct replay_input *in = *state;

	fuzz_replay_check(in->path, in->at_least);
}

#define FUZZ_REPLAY_MAX_INPUTS 8

/*
 * The main of a test_fuzz_NAME.c: one cmocka test per input, named by its
 * path, then the harness's own cleanup (so that LSan sees no leak).
 */
static int fuzz_replay_main(const struct replay_input *in, size_t n)
{
	struct CMUnitTest tests[FUZZ_REPLAY_MAX_INPUTS];
	int rc;

	if (n > FUZZ_REPLAY_MAX_INPUTS)
		n = FUZZ_REPLAY_MAX_INPUTS;
	for (size_t i = 0; i < n; i++)
		tests[i] = (struct CMUnitTest){
			.name = in[i].path, .test_func = replay_input_cleanly,
			.initial_state = (void *)&in[i],
		};
	rc = _cmocka_run_group_tests("replay", tests, n, NULL, NULL);
	fuzz_cleanup();
	return rc;
}

#endif
