/*
 * test_fuzz_read.c - replays through the fuzz harness of the iCalendar reader alone the
 * inputs that once failed and the seeds the fuzzer starts from.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "../fuzz/fuzz_read.c"
#include "../fuzz/replay.h"

static const struct replay_input inputs[] = {
	{ "tests/fuzz/regress/read", 0 },
	{ "tests/corpus", 300 },
	{ "tests/ical", 5 },
};

int main(void)
{
	return fuzz_replay_main(inputs, sizeof inputs / sizeof *inputs);
}
