/*
 * test_fuzz_when.c - replays through the fuzz harness of the date and time parser the
 * inputs that once failed and the seeds the fuzzer starts from.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "../fuzz/fuzz_when.c"
#include "../fuzz/replay.h"

static const struct replay_input inputs[] = {
	{ "tests/fuzz/regress/when", 0 },
	{ "tests/fuzz/seeds/when", 30 },
};

int main(void)
{
	return fuzz_replay_main(inputs, sizeof inputs / sizeof *inputs);
}
