/*
 * test_fuzz_hours.c - replays through the fuzz harness of opening hours the
 * inputs that once failed and the seeds the fuzzer starts from.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "../fuzz/fuzz_hours.c"
#include "../fuzz/replay.h"

static const struct replay_input inputs[] = {
	{ "tests/fuzz/regress/hours", 0 },
	{ "tests/fuzz/seeds/hours", 8 },
};

int main(void)
{
	return fuzz_replay_main(inputs, sizeof inputs / sizeof *inputs);
}
