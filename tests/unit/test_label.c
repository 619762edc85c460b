/* test_label.c - dates and times as people read them (untranslated). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../core/label.h"

static void day_and_month(void **state)
{
	const struct civil day = { 2027, 1, 8, 10, 0, 0 };
	const struct civil dec = { 2026, 12, 31, 0, 0, 0 };
	char *s;

	(void)state;
	s = label_day(&day);
	assert_string_equal(s, "Fri 8 Jan 2027");
	free(s);
	s = label_day(&dec);
	assert_string_equal(s, "Thu 31 Dec 2026");
	free(s);
	s = label_month(&day);
	assert_string_equal(s, "January 2027");
	free(s);
}

static void weekdays(void **state)
{
	(void)state;
	assert_string_equal(label_weekday(0), "Mon");
	assert_string_equal(label_weekday(6), "Sun");
	/* Out of range wraps rather than reading past the table. */
	assert_string_equal(label_weekday(7), "Mon");
	assert_string_equal(label_list_sep(), ", ");
}

static void times_of_day(void **state)
{
	const struct civil c = { 2027, 1, 8, 9, 5, 0 };
	char m[16], h[8];

	(void)state;
	label_minutes(9 * 60 + 30, m);
	assert_string_equal(m, "09:30");
	label_minutes(24 * 60, m);
	assert_string_equal(m, "24:00");
	/* Nonsense is shown as midnight, never as a negative time. */
	label_minutes(-5, m);
	assert_string_equal(m, "00:00");
	label_hhmm(&c, h);
	assert_string_equal(h, "09:05");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(day_and_month),
		cmocka_unit_test(weekdays),
		cmocka_unit_test(times_of_day),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
