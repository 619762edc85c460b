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

static const struct replay_input inputs[] = {
	{ "tests/fuzz/regress/import", 5 },
	{ "tests/corpus", 300 },
	{ "tests/ical", 5 },
};

int main(void)
{
	return fuzz_replay_main(inputs, sizeof inputs / sizeof *inputs);
}
