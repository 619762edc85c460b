/* test_tz.c - zones, RFC 5545 gap and fold rules, offsets, hostile names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "../../core/tz.h"
#include "testutil.h"

/* The instant of a UTC wall-clock time. */
static int64_t utc(int y, int mo, int d, int h, int mi)
{
	struct civil c = { y, mo, d, h, mi, 0 };
	return civil_to_seconds(&c);
}

static int64_t local(const char *zone, int y, int mo, int d, int h, int mi)
{
	struct civil c = { y, mo, d, h, mi, 0 };
	const struct tz *z = tz_get(zone);

	assert_non_null(z);
	return tz_to_utc(z, &c);
}

static void names_and_caching(void **state)
{
	const struct tz *a = tz_get("Asia/Shanghai");

	(void)state;
	assert_non_null(a);
	assert_string_equal(tz_name(a), "Asia/Shanghai");
	assert_ptr_equal(tz_get("Asia/Shanghai"), a);
	assert_non_null(tz_get("UTC"));
	assert_non_null(tz_get("Etc/UTC"));
	assert_non_null(tz_get("America/Argentina/Buenos_Aires"));
	assert_int_equal(tz_offset_at(tz_get("UTC"), 1800000000), 0);
}

static void unknown_and_hostile_names(void **state)
{
	static const char *const bad[] = {
		"", "Mars/Olympus_Mons", "../../etc/passwd", "/etc/passwd",
		"Asia/../../../etc/passwd", "Asia/Shanghai ", "Asia/Shanghai\n",
		"Europe/Berlin;rm", "Asia/上海", "%s%s%s%n",
		"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
	};

	(void)state;
	assert_null(tz_get(NULL));
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_null(tz_get(bad[i]));
}

static void shanghai(void **state)
{
	const struct tz *z = tz_get("Asia/Shanghai");
	struct civil c;
	int off = 0;

	(void)state;
	assert_int_equal(local("Asia/Shanghai", 2027, 1, 8, 10, 0),
			 utc(2027, 1, 8, 2, 0));
	c = tz_from_utc(z, utc(2027, 12, 31, 16, 30), &off);
	assert_int_equal(off, 8 * 3600);
	assert_int_equal(c.year, 2028);
	assert_int_equal(c.month, 1);
	assert_int_equal(c.day, 1);
	assert_int_equal(c.hour, 0);
	assert_int_equal(c.min, 30);
	/* China kept summer time from 1986 to 1991. */
	assert_int_equal(tz_offset_at(z, utc(1988, 7, 1, 0, 0)), 9 * 3600);
	assert_int_equal(tz_offset_at(z, utc(1992, 7, 1, 0, 0)), 8 * 3600);
}

/* RFC 5545 3.3.5: a time in the gap takes the offset before the gap. */
static void berlin_spring_gap(void **state)
{
	const struct tz *z = tz_get("Europe/Berlin");
	struct civil c;
	int off;

	(void)state;
	assert_int_equal(local("Europe/Berlin", 2027, 3, 28, 2, 30),
			 utc(2027, 3, 28, 1, 30));
	c = tz_from_utc(z, utc(2027, 3, 28, 1, 30), &off);
	assert_int_equal(c.hour, 3);
	assert_int_equal(c.min, 30);
	assert_int_equal(off, 7200);
	/* Either side of the gap is unambiguous. */
	assert_int_equal(local("Europe/Berlin", 2027, 3, 28, 1, 59),
			 utc(2027, 3, 28, 0, 59));
	assert_int_equal(local("Europe/Berlin", 2027, 3, 28, 3, 0),
			 utc(2027, 3, 28, 1, 0));
	assert_int_equal(local("Europe/Berlin", 2027, 3, 28, 2, 0),
			 utc(2027, 3, 28, 1, 0));
}

/* RFC 5545 3.3.5: an ambiguous time means its first occurrence. */
static void berlin_autumn_fold(void **state)
{
	const struct tz *z = tz_get("Europe/Berlin");

	(void)state;
	assert_int_equal(local("Europe/Berlin", 2027, 10, 31, 2, 30),
			 utc(2027, 10, 31, 0, 30));
	assert_int_equal(local("Europe/Berlin", 2027, 10, 31, 2, 0),
			 utc(2027, 10, 31, 0, 0));
	assert_int_equal(local("Europe/Berlin", 2027, 10, 31, 3, 0),
			 utc(2027, 10, 31, 2, 0));
	assert_int_equal(local("Europe/Berlin", 2027, 10, 31, 1, 59),
			 utc(2027, 10, 30, 23, 59));
	/* Both instants of the fold read back as 02:30. */
	assert_int_equal(tz_from_utc(z, utc(2027, 10, 31, 0, 30), NULL).hour, 2);
	assert_int_equal(tz_from_utc(z, utc(2027, 10, 31, 1, 30), NULL).hour, 2);
	assert_int_equal(tz_offset_at(z, utc(2027, 10, 31, 0, 59)), 7200);
	assert_int_equal(tz_offset_at(z, utc(2027, 10, 31, 1, 0)), 3600);
}

/* Southern hemisphere and a half-hour zone, to be sure nothing is Berlin-only. */
static void other_zones(void **state)
{
	(void)state;
	/* Sydney springs forward 2027-10-03 02:00 -> 03:00 (+10 -> +11). */
	assert_int_equal(local("Australia/Sydney", 2027, 10, 3, 2, 30),
			 utc(2027, 10, 2, 16, 30));
	/* ...and falls back 2027-04-04 03:00 -> 02:00: 02:30 is first +11. */
	assert_int_equal(local("Australia/Sydney", 2027, 4, 4, 2, 30),
			 utc(2027, 4, 3, 15, 30));
	assert_int_equal(local("Asia/Kolkata", 2027, 1, 1, 0, 0),
			 utc(2026, 12, 31, 18, 30));
	/* New York: gap 2027-03-14 02:30 EST -> 03:30 EDT. */
	assert_int_equal(local("America/New_York", 2027, 3, 14, 2, 30),
			 utc(2027, 3, 14, 7, 30));
}

static void after_2038(void **state)
{
	const struct tz *z = tz_get("Europe/Berlin");
	struct civil c = { 2040, 7, 1, 12, 0, 0 }, back;
	int64_t t = tz_to_utc(z, &c);
	int off;

	(void)state;
	assert_true(t > INT32_MAX);
	assert_int_equal(t, utc(2040, 7, 1, 10, 0));
	back = tz_from_utc(z, t, &off);
	assert_int_equal(off, 7200);
	assert_int_equal(civil_cmp(&c, &back), 0);
	assert_int_equal(tz_offset_at(z, utc(2040, 1, 15, 0, 0)), 3600);
	/* The 2040 gap (25 March) still follows RFC 5545. */
	assert_int_equal(local("Europe/Berlin", 2040, 3, 25, 2, 30),
			 utc(2040, 3, 25, 1, 30));
	assert_int_equal(local("Europe/Berlin", 2100, 10, 31, 2, 30),
			 utc(2100, 10, 31, 0, 30));
	assert_int_equal(local("Asia/Shanghai", 2100, 6, 1, 8, 0),
			 utc(2100, 6, 1, 0, 0));
}

static void round_trip_every_hour(void **state)
{
	const struct tz *z = tz_get("Europe/Berlin");

	(void)state;
	/* Every instant of 2027 maps to a wall clock that maps back to it,
	 * except the second hour of the autumn fold (which means the first). */
	for (int64_t t = utc(2027, 1, 1, 0, 0); t < utc(2028, 1, 1, 0, 0);
	     t += 1800) {
		struct civil c = tz_from_utc(z, t, NULL);
		int64_t back = tz_to_utc(z, &c);
		if (t >= utc(2027, 10, 31, 1, 0) && t < utc(2027, 10, 31, 2, 0))
			assert_int_equal(back, t - 3600);
		else
			assert_int_equal(back, t);
	}
}

static void offsets_format(void **state)
{
	char buf[8];

	(void)state;
	tz_format_offset(8 * 3600, buf);
	assert_string_equal(buf, "+08:00");
	tz_format_offset(-(3 * 3600 + 1800), buf);
	assert_string_equal(buf, "-03:30");
	tz_format_offset(0, buf);
	assert_string_equal(buf, "+00:00");
	tz_format_offset(5 * 3600 + 45 * 60, buf);
	assert_string_equal(buf, "+05:45");
}

static void system_name(void **state)
{
	(void)state;
	setenv("TZ", "Asia/Shanghai", 1);
	assert_string_equal(tz_system_name(), "Asia/Shanghai");
	setenv("TZ", ":Europe/Berlin", 1);
	assert_string_equal(tz_system_name(), "Europe/Berlin");
	setenv("TZ", "/usr/share/zoneinfo/Asia/Tokyo", 1);
	assert_string_equal(tz_system_name(), "Asia/Tokyo");
	setenv("TZ", "../../etc/passwd", 1);
	assert_non_null(tz_get(tz_system_name()));
	setenv("TZ", "UTC", 1);
	assert_string_equal(tz_system_name(), "UTC");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(names_and_caching),
		cmocka_unit_test(unknown_and_hostile_names),
		cmocka_unit_test(shanghai),
		cmocka_unit_test(berlin_spring_gap),
		cmocka_unit_test(berlin_autumn_fold),
		cmocka_unit_test(other_zones),
		cmocka_unit_test(after_2038),
		cmocka_unit_test(round_trip_every_hour),
		cmocka_unit_test(offsets_format),
		cmocka_unit_test(system_name),
	};
	return cmocka_run_group_tests(tests, NULL, teardown_all);
}
