/*
 * test_fuzz_config.c - replays through the fuzz harness of the configuration file parser the
 * inputs that once failed and the seeds the fuzzer starts from.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "../fuzz/fuzz_config.c"
#include "../fuzz/replay.h"

static const struct replay_input inputs[] = {
	{ "tests/fuzz/regress/config", 0 },
	{ "tests/fuzz/seeds/config", 2 },
	{ "config.example", 1 },
};

int main(void)
{
	return fuzz_replay_main(inputs, sizeof inputs / sizeof *inputs);
}
