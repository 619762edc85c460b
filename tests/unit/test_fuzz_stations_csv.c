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

static const struct replay_input inputs[] = {
	{ "tests/fuzz/regress/stations_csv", 0 },
	{ "tests/fuzz/seeds/stations_csv", 8 },
};

int main(void)
{
	return fuzz_replay_main(inputs, sizeof inputs / sizeof *inputs);
}
