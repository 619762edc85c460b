/* test_civil.c - calendar arithmetic. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "../../core/civil.h"

static void days_round_trip(void **state)
{
	(void)state;
	assert_int_equal(civil_days(1970, 1, 1), 0);
	assert_int_equal(civil_days(2000, 3, 1), 11017);
	assert_int_equal(civil_days(1969, 12, 31), -1);
	for (int64_t d = -800000; d < 2900000; d += 997) {
		int y, m, dd;
		civil_from_days(d, &y, &m, &dd);
		assert_int_equal(civil_days(y, m, dd), d);
	}
}

static void weekday_and_month_lengths(void **state)
{
	struct civil fri = { 2027, 1, 8, 0, 0, 0 };
	struct civil sun = { 2038, 1, 31, 0, 0, 0 };

	(void)state;
	assert_int_equal(civil_weekday(&fri), 4);
	assert_int_equal(civil_weekday(&sun), 6);
	assert_int_equal(civil_days_in_month(2028, 2), 29);
	assert_int_equal(civil_days_in_month(2100, 2), 28);
	assert_int_equal(civil_days_in_month(2000, 2), 29);
	assert_int_equal(civil_days_in_month(2027, 13), 0);
}

static void add_months_clamps(void **state)
{
	struct civil jan31 = { 2027, 1, 31, 10, 0, 0 };
	struct civil c = civil_add_months(jan31, 1);

	(void)state;
	assert_int_equal(c.month, 2);
	assert_int_equal(c.day, 28);
	c = civil_add_months(jan31, -2);
	assert_int_equal(c.year, 2026);
	assert_int_equal(c.month, 11);
	assert_int_equal(c.day, 30);
	assert_int_equal(c.hour, 10);
}

static void parse_and_format(void **state)
{
	struct civil c;
	bool date_only;
	char buf[CIVIL_BUFSZ];

	(void)state;
	assert_true(civil_parse("2027-01-08T10:00:00", &c, &date_only));
	assert_false(date_only);
	assert_string_equal(civil_format(&c, false, buf), "2027-01-08T10:00:00");
	assert_true(civil_parse("2027-01-08 10:00", &c, &date_only));
	assert_int_equal(c.min, 0);
	assert_true(civil_parse("2028-02-29", &c, &date_only));
	assert_true(date_only);
	assert_string_equal(civil_format(&c, true, buf), "2028-02-29");
	assert_false(civil_parse("2027-02-29", &c, &date_only));
	assert_false(civil_parse("2027-13-01", &c, &date_only));
	assert_false(civil_parse("2027-01-08 25:00", &c, &date_only));
	assert_false(civil_parse("2027-01-08x", &c, &date_only));
	assert_false(civil_parse("", &c, &date_only));
}

static void validity(void **state)
{
	(void)state;
	assert_true(civil_valid(&(struct civil){ 2028, 2, 29, 23, 59, 59 }));
	assert_true(civil_valid(&(struct civil){ 1, 1, 1, 0, 0, 0 }));
	assert_true(civil_valid(&(struct civil){ 9999, 12, 31, 0, 0, 0 }));
	assert_false(civil_valid(&(struct civil){ 2027, 2, 29, 0, 0, 0 }));
	assert_false(civil_valid(&(struct civil){ 2027, 0, 1, 0, 0, 0 }));
	assert_false(civil_valid(&(struct civil){ 2027, 4, 31, 0, 0, 0 }));
	assert_false(civil_valid(&(struct civil){ 2027, 1, 1, 24, 0, 0 }));
	assert_false(civil_valid(&(struct civil){ 2027, 1, 1, 0, 60, 0 }));
	assert_false(civil_valid(&(struct civil){ 2027, 1, 1, 0, 0, -1 }));
	assert_false(civil_valid(&(struct civil){ 0, 1, 1, 0, 0, 0 }));
	assert_false(civil_valid(&(struct civil){ 10000, 1, 1, 0, 0, 0 }));
}

static void seconds_past_2038(void **state)
{
	struct civil c = { 2040, 6, 1, 12, 30, 15 };

	(void)state;
	int64_t s = civil_to_seconds(&c);
	assert_true(s > INT32_MAX);
	struct civil back = civil_from_seconds(s);
	assert_int_equal(civil_cmp(&c, &back), 0);
	back = civil_from_seconds(-1);
	assert_int_equal(back.year, 1969);
	assert_int_equal(back.hour, 23);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(days_round_trip),
		cmocka_unit_test(weekday_and_month_lengths),
		cmocka_unit_test(add_months_clamps),
		cmocka_unit_test(parse_and_format),
		cmocka_unit_test(validity),
		cmocka_unit_test(seconds_past_2038),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
