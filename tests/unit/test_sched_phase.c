/*
 * test_sched_phase.c - expanding a window of an old DAILY or WEEKLY rule with
 * an INTERVAL: the iterator starts at a whole number of periods after
 * DTSTART (sched.c, iterator_start), and the instances must be exactly those
 * of an expansion from DTSTART itself.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "../../core/sched.h"

static uint64_t seed = 0x5eed;

static int rnd(int lo, int hi)
{
	seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return lo + (int)((seed >> 33) % (uint64_t)(hi - lo + 1));
}

static const char *const days[] = { "MO", "TU", "WE", "TH", "FR", "SA", "SU" };

/*
 * A DAILY or WEEKLY rule with an INTERVAL, some BYDAY (usually with
 * DTSTART's weekday, sometimes without), now and then a BYMONTH, maybe an
 * UNTIL: both the rules that start at a moved DTSTART and those that use
 * set_start.
 */
static void random_sched(struct sched *s, int i)
{
	char rule[200];
	int n, wd;

	sched_init(s);
	snprintf(s->tzid, sizeof s->tzid, "%s",
		 i % 3 == 0 ? "Europe/Berlin" : "Asia/Shanghai");
	s->all_day = i % 5 == 0;
	s->start = (struct civil){ rnd(2019, 2026), rnd(1, 12), rnd(1, 28),
				   0, 0, 0 };
	if (!s->all_day) {
		s->start.hour = rnd(0, 22);
		s->start.min = rnd(0, 3) * 15;
	}
	s->end = s->all_day ? civil_add_days(s->start, 1) : s->start;
	if (!s->all_day)
		s->end.hour++;
	wd = civil_weekday(&s->start);
	n = snprintf(rule, sizeof rule, "FREQ=%s;INTERVAL=%d",
		     i % 4 == 0 ? "DAILY" : "WEEKLY", rnd(1, 5));
	if (rnd(0, 2) > 0) {
		/* DTSTART's day (mostly), maybe one before and one after it. */
		bool own = i % 4 == 0 || rnd(0, 4) > 0;
		n += snprintf(rule + n, sizeof rule - (size_t)n, ";BYDAY=%s",
			      days[own ? wd : (wd + 1) % 7]);
		if (rnd(0, 1))
			n += snprintf(rule + n, sizeof rule - (size_t)n, ",%s",
				      days[(wd + 5) % 7]);
		if (rnd(0, 1))
			n += snprintf(rule + n, sizeof rule - (size_t)n, ",%s",
				      days[(wd + 2) % 7]);
	}
	if (rnd(0, 5) == 0)
		n += snprintf(rule + n, sizeof rule - (size_t)n,
			      ";BYMONTH=1,3,5,7,9,11");
	if (rnd(0, 3) == 0)
		snprintf(rule + n, sizeof rule - (size_t)n, ";UNTIL=%d0615",
			 rnd(2027, 2028));
	s->rrule = xstrdup(rule);
}

static int64_t at(int y, int m, int d)
{
	struct civil c = { y, m, d, 0, 0, 0 };
	return civil_to_seconds(&c);
}

/* Windows from 2027 to early 2029 match the expansion from DTSTART. */
static void windows_match_reference(void **state)
{
	(void)state;
	for (int i = 0; i < 80; i++) {
		struct instances ref = { 0 };
		struct herr err;
		struct sched s;

		random_sched(&s, i);
		assert_int_equal(sched_prepare(&s, &err), HE_OK);
		assert_int_equal(sched_expand(&s, s.reach_start, at(2029, 6, 1), 0,
					      &ref, &err), HE_OK);
		for (int w = 0; w < 6; w++) {
			struct instances got = { 0 };
			int64_t from = at(2027, 1, 1) + rnd(0, 700) * 86400LL +
				       rnd(0, 86399);
			int64_t to = from + rnd(1, 60) * 86400LL;
			size_t k = 0;

			assert_int_equal(sched_expand(&s, from, to, 0, &got, &err),
					 HE_OK);
			for (size_t j = 0; j < ref.n; j++) {
				if (ref.v[j].start < from || ref.v[j].start >= to)
					continue;
				if (k >= got.n)
					fail_msg("rule %s from %d-%02d-%02d: missing "
						 "instance %zu", s.rrule, s.start.year,
						 s.start.month, s.start.day, j);
				assert_int_equal(got.v[k].start, ref.v[j].start);
				assert_int_equal(civil_cmp(&got.v[k].rid,
							   &ref.v[j].rid), 0);
				k++;
			}
			assert_int_equal(k, got.n);
			instances_free(&got);
		}
		instances_free(&ref);
		sched_free(&s);
	}
}

/* A prepared schedule from start, lasting hours, repeating by rule. */
static void prepared(struct sched *s, const char *zone, struct civil start,
		     int hours, const char *rule)
{
	struct herr err;

	sched_init(s);
	snprintf(s->tzid, sizeof s->tzid, "%s", zone);
	s->start = s->end = start;
	s->end.hour += hours;
	s->rrule = xstrdup(rule);
	assert_int_equal(sched_prepare(s, &err), HE_OK);
}

/* A four-weekly rule begun long ago lands on its own weeks, not others. */
static void old_four_weekly(void **state)
{
	struct sched s;
	struct instances got = { 0 };
	struct herr err;

	(void)state;
	prepared(&s, "UTC", (struct civil){ 1990, 1, 2, 10, 0, 0 } /* Tue */, 2,
		 "FREQ=WEEKLY;INTERVAL=4;BYDAY=TU");
	assert_int_equal(sched_expand(&s, at(2027, 3, 1), at(2027, 4, 1), 0, &got,
				      &err), HE_OK);
	/* 1990-01-02 + 485 * 28 days = 2027-03-09; the next is 04-06. */
	assert_int_equal(got.n, 1);
	assert_int_equal(got.v[0].rid.month, 3);
	assert_int_equal(got.v[0].rid.day, 9);
	assert_int_equal(got.v[0].rid.hour, 10);
	instances_free(&got);
	sched_free(&s);
}

/* A window open to the end of time (as a preview asks) still has the next. */
static void open_ended_window(void **state)
{
	struct sched s;
	struct instances got = { 0 };
	struct herr err;

	(void)state;
	prepared(&s, "Asia/Shanghai", (struct civil){ 2019, 1, 4, 10, 0, 0 }, 8,
		 "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR,SA,SU"); /* from a Friday */
	assert_int_equal(sched_expand(&s, at(2027, 1, 1), SCHED_FOREVER - 1, 3,
				      &got, &err), HE_OK);
	assert_int_equal(got.n, 3);
	/* 2019-01-04 + 209 fortnights = Friday 2027-01-08; then Sat 9, Sun 10. */
	assert_int_equal(got.v[0].rid.year, 2027);
	assert_int_equal(got.v[0].rid.month, 1);
	assert_int_equal(got.v[0].rid.day, 8);
	assert_int_equal(got.v[2].rid.day, 10);
	instances_free(&got);
	sched_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(windows_match_reference),
		cmocka_unit_test(old_four_weekly),
		cmocka_unit_test(open_ended_window),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
