/*
 * test_fuzz_stations_csv.c - replays through the fuzz harness of the CSV reader of stations the
 * inputs that once failed and the seeds the fuzzer starts from.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "../fuzz/fuzz_stations_csv.c"
#include "../fuzz/replay.h"

static const struct {
	const char *path;
	int at_least;
} inputs[] = {
	{ "tests/fuzz/regress/stations_csv", 0 }, { "tests/fuzz/seeds/stations_csv", 8 },
};

static void inputs_replay_cleanly(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++)
		fuzz_replay_check(inputs[i].path, inputs[i].at_least);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(inputs_replay_cleanly),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	fuzz_cleanup();
	return rc;
}
