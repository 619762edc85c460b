/* test_vtimezone.c - generated VTIMEZONEs agree with the system's zones. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <libical/ical.h>
#include <string.h>

#include "../../core/civil.h"
#include "../../core/ical/write_vtimezone.h"

/* Reads the VTIMEZONE back with libical, as a client would. */
static icaltimezone *read_back(const char *text)
{
	icalcomponent *c = icalparser_parse_string(text);
	icaltimezone *z;

	assert_non_null(c);
	assert_int_equal(icalcomponent_isa(c), ICAL_VTIMEZONE_COMPONENT);
	z = icaltimezone_new();
	assert_true(icaltimezone_set_component(z, c));
	return z;
}

/* Offsets every six hours from year a through year b agree with tz.h. */
static void same_offsets(const struct tz *zone, icaltimezone *z, int a, int b)
{
	int64_t t = civil_days(a, 1, 1) * 86400, end = civil_days(b + 1, 1, 1) * 86400;

	for (; t < end; t += 6 * 3600) {
		struct icaltimetype u = icaltime_from_timet_with_zone(
			(time_t)t, 0, icaltimezone_get_utc_timezone());
		int got = icaltimezone_get_utc_offset_of_utc_time(z, &u, NULL);
		if (got != tz_offset_at(zone, t))
			fail_msg("offset differs at %lld", (long long)t);
	}
}

static void berlin_has_plain_tzid_and_right_changes(void **state)
{
	const struct tz *berlin = tz_get("Europe/Berlin");
	struct sbuf out = { 0 };
	icaltimezone *z;

	(void)state;
	vtimezone_write(&out, berlin, 2026, 2027);
	assert_non_null(strstr(out.s, "TZID:Europe/Berlin\r\n"));
	assert_null(strstr(out.s, "freeassociation"));
	assert_non_null(strstr(out.s, "BEGIN:DAYLIGHT\r\n"));
	assert_non_null(strstr(out.s, "TZNAME:CEST\r\n"));
	assert_non_null(strstr(out.s, "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"));
	assert_non_null(strstr(out.s, "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"));
	z = read_back(out.s);
	/* The rules carry on past the years asked for. */
	same_offsets(berlin, z, 2026, 2035);
	icaltimezone_free(z, 1);
	sbuf_free(&out);
}

static void shanghai_is_one_standard_observance(void **state)
{
	const struct tz *sh = tz_get("Asia/Shanghai");
	struct sbuf out = { 0 };
	icaltimezone *z;

	(void)state;
	vtimezone_write(&out, sh, 2027, 2027);
	assert_non_null(strstr(out.s, "TZID:Asia/Shanghai\r\n"));
	assert_non_null(strstr(out.s, "TZOFFSETFROM:+0800\r\nTZOFFSETTO:+0800\r\n"));
	assert_null(strstr(out.s, "DAYLIGHT"));
	assert_null(strstr(out.s, "LMT"));
	z = read_back(out.s);
	same_offsets(sh, z, 2027, 2030);
	icaltimezone_free(z, 1);
	sbuf_free(&out);
}

static void southern_and_utc_zones(void **state)
{
	const struct tz *syd = tz_get("Australia/Sydney");
	struct sbuf out = { 0 };
	icaltimezone *z;

	(void)state;
	vtimezone_write(&out, syd, 2027, 2028);
	z = read_back(out.s);
	same_offsets(syd, z, 2027, 2031);
	icaltimezone_free(z, 1);
	sbuf_free(&out);
	vtimezone_write(&out, tz_get("UTC"), 2027, 2028);
	assert_null(out.s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(berlin_has_plain_tzid_and_right_changes),
		cmocka_unit_test(shanghai_is_one_standard_observance),
		cmocka_unit_test(southern_and_utc_zones),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	tz_cleanup();
	return rc;
}
