/*
 * test_ics_regress.c - replays the fuzzer's findings and the fixture files
 * through the fuzz target, so that every input that once crashed, hung,
 * leaked, tripped a sanitizer or made libical write to stderr is checked
 * again by 'make check' under ASan/UBSan.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../fuzz/fuzz_import.c"

/* Reads a whole file (inputs are small). */
static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	struct sbuf b = { 0 };
	char buf[4096];
	size_t got;

	assert_non_null(f);
	while ((got = fread(buf, 1, sizeof buf, f)) > 0)
		sbuf_addn(&b, buf, got);
	fclose(f);
	*n = b.len;
	return b.len ? sbuf_take(&b) : (sbuf_free(&b), NULL);
}

/* Runs every file of dir (ending in suffix, if given); each must finish
 * within a few seconds. */
static int replay(const char *dir, const char *suffix)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	/* libical must not write to stderr (it would land on a curses screen):
	 * catch fd 2 in a file that must stay empty. */
	FILE *catch = tmpfile();
	int saved = dup(2);

	assert_non_null(d);
	assert_non_null(catch);
	fflush(stderr);
	dup2(fileno(catch), 2);
	while ((de = readdir(d))) {
		char *path, *data;
		size_t size;
		clock_t t0;
		size_t len = strlen(de->d_name);
		if (de->d_name[0] == '.' ||
		    (suffix && (len < strlen(suffix) ||
				strcmp(de->d_name + len - strlen(suffix), suffix))))
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		data = slurp(path, &size);
		t0 = clock();
		LLVMFuzzerTestOneInput((const uint8_t *)data, size);
		fflush(stderr);
		if (ftell(catch) != 0 || lseek(2, 0, SEEK_END) != 0) {
			dup2(saved, 2);
			fail_msg("%s: something was written to stderr", path);
		}
		if ((clock() - t0) / CLOCKS_PER_SEC > 5) {
			dup2(saved, 2);
			fail_msg("%s took more than 5 s", path);
		}
		free(data);
		free(path);
		n++;
	}
	dup2(saved, 2);
	close(saved);
	fclose(catch);
	closedir(d);
	return n;
}

static void fuzz_findings_replay_cleanly(void **state)
{
	(void)state;
	assert_true(replay("tests/fuzz/regress", NULL) > 0);
}

static void fixtures_replay_cleanly(void **state)
{
	(void)state;
	assert_true(replay("tests/ical", ".ics") >= 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fuzz_findings_replay_cleanly),
		cmocka_unit_test(fixtures_replay_cleanly),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	fuzz_import_cleanup();
	return rc;
}
