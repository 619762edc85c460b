/* test_when.c - dates, times and durations as people type them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../core/when.h"

#define CT(y, mo, d, h, mi) (&(struct civil){ (y), (mo), (d), (h), (mi), 0 })

/* Friday 8 January 2027. */
static const struct civil today = { 2027, 1, 8, 0, 0, 0 };

static void parses(const char *text, int y, int mo, int d, int h, int mi,
		   bool date_only)
{
	struct when w;
	struct herr err = { 0 };
	char buf[CIVIL_BUFSZ];

	if (when_parse(text, &today, &w, &err) != HE_OK)
		fail_msg("'%s': %s", text, err.msg);
	if (w.c.year != y || w.c.month != mo || w.c.day != d ||
	    w.c.hour != h || w.c.min != mi || w.date_only != date_only)
		fail_msg("'%s' gave %s (date_only %d)", text,
			 civil_format(&w.c, false, buf), w.date_only);
}

static void refuses(const char *text)
{
	struct when w;
	struct herr err = { 0 };

	if (when_parse(text, &today, &w, &err) != HE_USER)
		fail_msg("'%s' was accepted", text);
	assert_int_equal(err.code, HE_USER);
	/* The message names what was typed. */
	assert_non_null(strstr(err.msg, text));
}

static void absolute_forms(void **state)
{
	(void)state;
	parses("2027-03-28", 2027, 3, 28, 0, 0, true);
	parses("2027-03-28 02:30", 2027, 3, 28, 2, 30, false);
	parses("2027-03-28T02:30", 2027, 3, 28, 2, 30, false);
	parses("2027-03-28T02:30:15", 2027, 3, 28, 2, 30, false);
	parses("2040-12-31 23:59", 2040, 12, 31, 23, 59, false);
	parses("2028-02-29", 2028, 2, 29, 0, 0, true);
	parses("10:00", 2027, 1, 8, 10, 0, false);
	parses("9:05", 2027, 1, 8, 9, 5, false);
	parses("1/8", 2027, 1, 8, 0, 0, true);
	parses("1/7", 2028, 1, 7, 0, 0, true);   /* past: next year */
	parses("12/31 18:00", 2027, 12, 31, 18, 0, false);
	parses("2/29", 2028, 2, 29, 0, 0, true);
}

static void relative_forms(void **state)
{
	(void)state;
	parses("today", 2027, 1, 8, 0, 0, true);
	parses("TODAY 14:00", 2027, 1, 8, 14, 0, false);
	parses("tomorrow", 2027, 1, 9, 0, 0, true);
	parses("yesterday 8:00", 2027, 1, 7, 8, 0, false);
	parses("fri", 2027, 1, 8, 0, 0, true);     /* today counts */
	parses("sat", 2027, 1, 9, 0, 0, true);
	parses("Monday 9:30", 2027, 1, 11, 9, 30, false);
	parses("thu", 2027, 1, 14, 0, 0, true);
	parses("+3d", 2027, 1, 11, 0, 0, true);
	parses("-1d", 2027, 1, 7, 0, 0, true);
	parses("+2w 10:00", 2027, 1, 22, 10, 0, false);
	parses("+1m", 2027, 2, 8, 0, 0, true);
	parses("-12m", 2026, 1, 8, 0, 0, true);
	parses("今天", 2027, 1, 8, 0, 0, true);
	parses("明天 9:00", 2027, 1, 9, 9, 0, false);
	parses("昨天", 2027, 1, 7, 0, 0, true);
	parses("周六", 2027, 1, 9, 0, 0, true);
	parses("周日 10:00", 2027, 1, 10, 10, 0, false);
	parses("星期一", 2027, 1, 11, 0, 0, true);
	parses("星期天", 2027, 1, 10, 0, 0, true);
}

static void bad_input(void **state)
{
	(void)state;
	refuses("");
	refuses("2027-02-29");
	refuses("2027-13-01");
	refuses("2027-01-32");
	refuses("2027-01-08 24:30");
	refuses("2027-01-08 10:60");
	refuses("2027-01-08 10");
	refuses("2027/01/08");
	refuses("25:00");
	refuses("10:0");
	refuses("13/1");
	refuses("2/30");
	refuses("someday");
	refuses("+3x");
	refuses("+d");
	refuses("周八");
	refuses("tomorrow 25:00");
	refuses("tomorrow  10:00x");
	refuses("2027-01-08\n10:00");
	/* Longer than any form, with and without spaces. */
	refuses("2027-01-08 10:00 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
	refuses("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
}

/* The next 29 February from a day after one is four years on. */
static void leap_day_from_after_a_leap_day(void **state)
{
	struct civil after = { 2028, 3, 1, 0, 0, 0 };
	struct when w;

	(void)state;
	assert_int_equal(when_parse("2/29", &after, &w, NULL), HE_OK);
	assert_int_equal(w.c.year, 2032);
	assert_int_equal(w.c.month, 2);
	assert_int_equal(w.c.day, 29);
}

static void hhmm(void **state)
{
	int m = -1;
	struct herr err = { 0 };

	(void)state;
	assert_int_equal(when_parse_hhmm("09:30", &m, NULL), HE_OK);
	assert_int_equal(m, 570);
	assert_int_equal(when_parse_hhmm("0:00", &m, NULL), HE_OK);
	assert_int_equal(m, 0);
	assert_int_equal(when_parse_hhmm("24:00", &m, NULL), HE_OK);
	assert_int_equal(m, 1440);
	assert_int_equal(when_parse_hhmm("24:01", &m, &err), HE_USER);
	assert_non_null(strstr(err.msg, "24:01"));
	assert_int_equal(when_parse_hhmm("", &m, NULL), HE_USER);
	assert_int_equal(when_parse_hhmm("9", &m, NULL), HE_USER);
	assert_int_equal(when_parse_hhmm("9:5", &m, NULL), HE_USER);
	assert_int_equal(when_parse_hhmm("-1:00", &m, NULL), HE_USER);
	assert_int_equal(when_parse_hhmm("10:00 ", &m, NULL), HE_USER);
}

static void duration_is(const char *text, int64_t want)
{
	int64_t got = -1;
	struct herr err = { 0 };

	if (when_parse_duration(text, &got, &err) != HE_OK)
		fail_msg("'%s': %s", text, err.msg);
	if (got != want)
		fail_msg("'%s' gave %lld, not %lld", text, (long long)got,
			 (long long)want);
}

static void durations(void **state)
{
	int64_t v;
	struct herr err = { 0 };

	(void)state;
	duration_is("90m", 5400);
	duration_is("2h", 7200);
	duration_is("1h30m", 5400);
	duration_is("1H30M", 5400);
	duration_is("2d", 172800);
	duration_is("3w", 1814400);
	duration_is("45s", 45);
	duration_is("1:30", 5400);
	duration_is("PT1H30M", 5400);
	duration_is("pt2h", 7200);
	duration_is("P1D", 86400);
	duration_is("P1W", 604800);
	duration_is("P1DT2H", 93600);
	static const char *const bad[] = { "", "0m", "PT0S", "P", "PT", "2x",
					   "h", "P1H", "PT1D", "-2h", "2 h",
					   "1:3", "abc", "1h-30m" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		if (when_parse_duration(bad[i], &v, &err) != HE_USER)
			fail_msg("duration '%s' was accepted", bad[i]);
		assert_non_null(strstr(err.msg, bad[i]));
	}
}

static void format_duration(void **state)
{
	static const struct {
		int64_t secs;
		const char *text;
	} cases[] = {
		{ 5400, "1h30m" }, { 7200, "2h" }, { 86400, "1d" },
		{ 93600, "1d2h" }, { 45, "45s" }, { 0, "0s" },
		{ 90061, "1d1h1m1s" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *s = when_format_duration(cases[i].secs);
		int64_t back = -1;
		assert_string_equal(s, cases[i].text);
		if (cases[i].secs > 0) {
			assert_int_equal(when_parse_duration(s, &back, NULL), HE_OK);
			assert_int_equal(back, cases[i].secs);
		}
		free(s);
	}
}

/*
 * "+3" (from --exdate +3) has no unit: refused, and the parser never reads
 * past the string's end to look for one. The text is on the heap, sized
 * exactly, so that ASan sees a read beyond it (the asan+ubsan build of
 * this test failed with a 1-byte heap over-read here).
 */
static void relative_without_unit(void **state)
{
	static const char *const bare[] = { "+3", "-3", "+", "+12", "-1234" };

	(void)state;
	for (size_t i = 0; i < sizeof bare / sizeof *bare; i++) {
		char *text = strdup(bare[i]);
		refuses(text);
		free(text);
	}
}

/* span SPAN: the start and end it gives for an occurrence on Sat 16 Jan
 * 2027 ("" end: a start alone). */
static void spans(const char *text, const char *start, const char *end)
{
	static const struct civil day = { 2027, 1, 16, 9, 0, 0 };
	struct when a, b;
	bool has_end;
	struct herr err = { 0 };
	char sa[CIVIL_BUFSZ], sb[CIVIL_BUFSZ];

	if (when_parse_span(text, &day, &today, &a, &b, &has_end, &err) != HE_OK)
		fail_msg("'%s': %s", text, err.msg);
	civil_format(&a.c, false, sa);
	if (strcmp(sa, start) != 0 || has_end != (*end != '\0') ||
	    (has_end && strcmp(civil_format(&b.c, false, sb), end) != 0))
		fail_msg("'%s' gave %s .. %s", text, sa,
			 has_end ? civil_format(&b.c, false, sb) : "(no end)");
}

static void move_spans(void **state)
{
	struct when a, b;
	bool has_end;
	struct herr err = { 0 };
	const struct civil day = { 2027, 1, 16, 9, 0, 0 };

	(void)state;
	/* A start alone: a bare time stays on the occurrence's day. */
	spans("09:30", "2027-01-16T09:30:00", "");
	spans("sun 14:00", "2027-01-10T14:00:00", "");
	spans("2027-01-17 14:00", "2027-01-17T14:00:00", "");
	/* A range of times on its day, with any dash or word. */
	spans("12:00-19:00", "2027-01-16T12:00:00", "2027-01-16T19:00:00");
	spans("12:00 - 19:00", "2027-01-16T12:00:00", "2027-01-16T19:00:00");
	spans("12:00–19:00", "2027-01-16T12:00:00", "2027-01-16T19:00:00");
	spans("12:00至19:00", "2027-01-16T12:00:00", "2027-01-16T19:00:00");
	spans("12:00 to 19:00", "2027-01-16T12:00:00", "2027-01-16T19:00:00");
	spans("1/17 12:00-19:00", "2027-01-17T12:00:00", "2027-01-17T19:00:00");
	spans("2027-01-17 12:00-19:00", "2027-01-17T12:00:00",
	      "2027-01-17T19:00:00");
	spans("周日 12:00~19:00", "2027-01-10T12:00:00", "2027-01-10T19:00:00");
	/* Across midnight, and a start and an end with dates. */
	spans("22:00-02:00", "2027-01-16T22:00:00", "2027-01-17T02:00:00");
	spans("2027-01-17 12:00 - 2027-01-18 10:00", "2027-01-17T12:00:00",
	      "2027-01-18T10:00:00");
	/* Not spans: an end before the start, a date alone, nonsense. */
	assert_int_equal(when_parse_span("1/17 12:00 - 1/16 10:00", &day, &today,
					 &a, &b, &has_end, &err), HE_USER);
	assert_non_null(strstr(err.msg, "12:00-19:00"));
	assert_int_equal(when_parse_span("12:00-", &day, &today, &a, &b,
					 &has_end, &err), HE_USER);
	assert_int_equal(when_parse_span("soon", &day, &today, &a, &b,
					 &has_end, &err), HE_USER);
	assert_int_equal(when_parse_span("", &day, &today, &a, &b, &has_end,
					 &err), HE_USER);
}

static void days_to_go_to(void **state)
{
	struct civil d;
	bool month;
	struct herr err = { 0 };

	(void)state;
	/* today: Fri 8 Jan 2027 */
	assert_int_equal(when_parse_day("2027-03", &today, &d, &month, &err), HE_OK);
	assert_true(month);
	assert_int_equal(civil_cmp(&d, CT(2027, 3, 1, 0, 0)), 0);
	assert_int_equal(when_parse_day("2027/1", &today, &d, &month, &err), HE_OK);
	assert_int_equal(civil_cmp(&d, CT(2027, 1, 1, 0, 0)), 0);
	assert_int_equal(when_parse_day("2028年2月", &today, &d, &month, &err), HE_OK);
	assert_int_equal(civil_cmp(&d, CT(2028, 2, 1, 0, 0)), 0);
	assert_int_equal(when_parse_day("1月", &today, &d, &month, &err), HE_OK);
	assert_int_equal(civil_cmp(&d, CT(2027, 1, 1, 0, 0)), 0);
	assert_int_equal(when_parse_day("12月", &today, &d, &month, &err), HE_OK);
	assert_int_equal(civil_cmp(&d, CT(2027, 12, 1, 0, 0)), 0);
	/* Days, as forms read them; a time is dropped. */
	assert_int_equal(when_parse_day("1/16", &today, &d, &month, &err), HE_OK);
	assert_false(month);
	assert_int_equal(civil_cmp(&d, CT(2027, 1, 16, 0, 0)), 0);
	assert_int_equal(when_parse_day("周六", &today, &d, &month, &err), HE_OK);
	assert_int_equal(civil_cmp(&d, CT(2027, 1, 9, 0, 0)), 0);
	assert_int_equal(when_parse_day("+2w", &today, &d, &month, &err), HE_OK);
	assert_int_equal(civil_cmp(&d, CT(2027, 1, 22, 0, 0)), 0);
	assert_int_equal(when_parse_day("2027-02-03 10:00", &today, &d, &month,
					&err), HE_OK);
	assert_int_equal(civil_cmp(&d, CT(2027, 2, 3, 0, 0)), 0);
	/* Not days. */
	assert_int_equal(when_parse_day("2027-13", &today, &d, &month, &err),
			 HE_USER);
	assert_non_null(strstr(err.msg, "2027-13"));
	assert_int_equal(when_parse_day("soon", &today, &d, &month, &err), HE_USER);
	assert_int_equal(when_parse_day("13月", &today, &d, &month, &err), HE_USER);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(absolute_forms),
		cmocka_unit_test(relative_forms),
		cmocka_unit_test(bad_input),
		cmocka_unit_test(relative_without_unit),
		cmocka_unit_test(leap_day_from_after_a_leap_day),
		cmocka_unit_test(hhmm),
		cmocka_unit_test(durations),
		cmocka_unit_test(format_duration),
		cmocka_unit_test(move_spans),
		cmocka_unit_test(days_to_go_to),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
