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
	assert_int_equal(at("Asia/Shanghai", "2027-01-08T10:00:00"),
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

/* Wall-clock times and the instants they mean. */
static void wall_clock_to_instant(void **state)
{
	static const struct {
		const char *zone, *local, *utc;
	} cases[] = {
		/* RFC 5545 3.3.5: in the spring gap, the offset before it. */
		{ "Europe/Berlin", "2027-03-28T02:30:00", "2027-03-28T01:30:00" },
		{ "Europe/Berlin", "2027-03-28T02:00:00", "2027-03-28T01:00:00" },
		{ "Europe/Berlin", "2027-03-28T01:59:00", "2027-03-28T00:59:00" },
		{ "Europe/Berlin", "2027-03-28T03:00:00", "2027-03-28T01:00:00" },
		/* RFC 5545 3.3.5: an ambiguous autumn time is the first one. */
		{ "Europe/Berlin", "2027-10-31T02:30:00", "2027-10-31T00:30:00" },
		{ "Europe/Berlin", "2027-10-31T02:00:00", "2027-10-31T00:00:00" },
		{ "Europe/Berlin", "2027-10-31T01:59:00", "2027-10-30T23:59:00" },
		{ "Europe/Berlin", "2027-10-31T03:00:00", "2027-10-31T02:00:00" },
		/* Southern hemisphere, half-hour zone, another gap. */
		{ "Australia/Sydney", "2027-10-03T02:30:00", "2027-10-02T16:30:00" },
		{ "Australia/Sydney", "2027-04-04T02:30:00", "2027-04-03T15:30:00" },
		{ "Asia/Kolkata", "2027-01-01T00:00:00", "2026-12-31T18:30:00" },
		{ "America/New_York", "2027-03-14T02:30:00", "2027-03-14T07:30:00" },
		/* After 2038. */
		{ "Europe/Berlin", "2040-07-01T12:00:00", "2040-07-01T10:00:00" },
		{ "Europe/Berlin", "2040-03-25T02:30:00", "2040-03-25T01:30:00" },
		{ "Europe/Berlin", "2100-10-31T02:30:00", "2100-10-31T00:30:00" },
		{ "Asia/Shanghai", "2100-06-01T08:00:00", "2100-06-01T00:00:00" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct civil c = cv(cases[i].local), u = cv(cases[i].utc);
		int64_t got = tz_to_utc(tz_get(cases[i].zone), &c);
		if (got != civil_to_seconds(&u))
			fail_msg("%s %s: %lld, wanted %s", cases[i].zone,
				 cases[i].local, (long long)got, cases[i].utc);
	}
}

/* What the clock shows around the changes. */
static void instant_to_wall_clock(void **state)
{
	const struct tz *z = tz_get("Europe/Berlin");
	struct civil c = { 2040, 7, 1, 12, 0, 0 }, back;
	int off;

	(void)state;
	/* The gap time 02:30 is the instant the clock shows as 03:30. */
	back = tz_from_utc(z, utc(2027, 3, 28, 1, 30), &off);
	assert_int_equal(back.hour, 3);
	assert_int_equal(back.min, 30);
	assert_int_equal(off, 7200);
	/* Both instants of the fold read back as 02:30. */
	assert_int_equal(tz_from_utc(z, utc(2027, 10, 31, 0, 30), NULL).hour, 2);
	assert_int_equal(tz_from_utc(z, utc(2027, 10, 31, 1, 30), NULL).hour, 2);
	assert_int_equal(tz_offset_at(z, utc(2027, 10, 31, 0, 59)), 7200);
	assert_int_equal(tz_offset_at(z, utc(2027, 10, 31, 1, 0)), 3600);
	/* Past 2038, summer and winter. */
	assert_true(tz_to_utc(z, &c) > INT32_MAX);
	back = tz_from_utc(z, tz_to_utc(z, &c), &off);
	assert_int_equal(off, 7200);
	assert_int_equal(civil_cmp(&c, &back), 0);
	assert_int_equal(tz_offset_at(z, utc(2040, 1, 15, 0, 0)), 3600);
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

/*
 * Where tz_fixed_between finds one offset over a span, every wall-clock
 * time of it maps to an instant by that offset exactly as tz_wall_to_utc
 * maps it; spans over a change of offset are never called fixed.
 */
static void fixed_offset_spans(void **state)
{
	static const char *const zones[] = {
		"Asia/Shanghai", "Europe/Berlin", "America/New_York",
		"Australia/Lord_Howe", "America/Sao_Paulo", "UTC",
	};
	int fixed = 0, not_fixed = 0;

	(void)state;
	for (size_t i = 0; i < sizeof zones / sizeof *zones; i++) {
		const struct tz *z = tz_get(zones[i]);
		assert_non_null(z);
		for (int64_t a = utc(2026, 1, 1, 0, 0); a < utc(2028, 1, 1, 0, 0);
		     a += 5 * 86400 + 3607) {
			int64_t b = a + 42 * 86400;
			int off = -1;
			if (!tz_fixed_between(z, a, b, &off)) {
				not_fixed++;
				continue;
			}
			fixed++;
			for (int64_t w = a; w <= b; w += 1777)
				assert_int_equal(tz_wall_to_utc(z, w), w - off);
		}
	}
	/* Shanghai and UTC always; the others only between their changes. */
	assert_true(fixed > 2 * 140);
	assert_true(not_fixed > 0);
	{
		const struct tz *berlin = tz_get("Europe/Berlin");
		int off;
		/* Over the spring change (2027-03-28), and within summer time. */
		assert_false(tz_fixed_between(berlin, utc(2027, 3, 20, 0, 0),
					      utc(2027, 4, 5, 0, 0), &off));
		assert_true(tz_fixed_between(berlin, utc(2027, 5, 1, 0, 0),
					     utc(2027, 6, 12, 0, 0), &off));
		assert_int_equal(off, 7200);
		/* A change a day after the span still counts: its last hours
		   are read with the offsets a day either side. */
		assert_false(tz_fixed_between(berlin, utc(2027, 3, 20, 0, 0),
					      utc(2027, 3, 27, 12, 0), &off));
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
		cmocka_unit_test(wall_clock_to_instant),
		cmocka_unit_test(instant_to_wall_clock),
		cmocka_unit_test(round_trip_every_hour),
		cmocka_unit_test(fixed_offset_spans),
		cmocka_unit_test(offsets_format),
		cmocka_unit_test(system_name),
	};
	return cmocka_run_group_tests(tests, NULL, teardown_all);
}
