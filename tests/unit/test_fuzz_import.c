/*
 * test_fuzz_import.c - replays through the importer's fuzz harness (a dry
 * run into an in-memory database) the inputs that once failed, the
 * calendars of other projects' test suites and hearth's own fixtures.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "../fuzz/fuzz_import.c"
#include "../fuzz/replay.h"

static void regressions_replay_cleanly(void **state)
{
	(void)state;
	fuzz_replay_check("tests/fuzz/regress/import", 5);
}

static void corpus_replays_cleanly(void **state)
{
	(void)state;
	fuzz_replay_check("tests/corpus", 300);
}

static void fixtures_replay_cleanly(void **state)
{
	(void)state;
	fuzz_replay_check("tests/ical", 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(regressions_replay_cleanly),
		cmocka_unit_test(corpus_replays_cleanly),
		cmocka_unit_test(fixtures_replay_cleanly),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	fuzz_cleanup();
	return rc;
}
