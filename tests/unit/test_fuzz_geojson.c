/*
 * test_fuzz_geojson.c - replays through the fuzz harness of the GeoJSON reader the
 * inputs that once failed and the seeds the fuzzer starts from.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "../fuzz/fuzz_geojson.c"
#include "../fuzz/replay.h"

static const struct {
	const char *path;
	int at_least;
} inputs[] = {
	{ "tests/fuzz/regress/geojson", 0 }, { "tests/fuzz/seeds/geojson", 8 },
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
