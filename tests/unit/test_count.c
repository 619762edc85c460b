/*
 * test_count.c - a COUNT rule is rewritten as an UNTIL rule by finding its
 * last instance, skipping whole periods where it can: the rewrite must give
 * exactly the instances libical counts from DTSTART, and DTSTART itself.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <libical/ical.h>

#include "../../core/sched.h"
#include "testutil.h"

/* Instances libical itself gives for rule (with its COUNT) from start. */
static size_t reference(const char *rule, const struct civil *start,
			struct civil *out, size_t max)
{
	struct icalrecurrencetype r = icalrecurrencetype_from_string(rule);
	struct icaltimetype t = icaltime_null_time();
	icalrecur_iterator *it;
	size_t n = 0;

	t.year = start->year, t.month = start->month, t.day = start->day;
	t.hour = start->hour, t.minute = start->min, t.second = start->sec;
	it = icalrecur_iterator_new(r, t);
	assert_non_null(it);
	/* DTSTART is an instance even where the rule misses it (RFC 5545
	 * 3.8.5.3); COUNT counts the rule's own, as libical and
	 * recurring-ical-events do. */
	icaltime_adjust(&t, 0, 0, 0, 0);
	{
		struct icaltimetype first = icalrecur_iterator_next(it);
		icalrecur_iterator_free(it);
		it = icalrecur_iterator_new(r, t);
		if (icaltime_is_null_time(first) || icaltime_compare(first, t) != 0)
			out[n++] = *start;
	}
	while (n < max) {
		struct icaltimetype i = icalrecur_iterator_next(it);
		if (icaltime_is_null_time(i))
			break;
		out[n++] = (struct civil){ i.year, i.month, i.day, i.hour,
					   i.minute, i.second };
	}
	icalrecur_iterator_free(it);
	return n;
}

static void check(const char *zone, const char *rule, const char *start)
{
	struct sched s;
	struct instances in = { 0 };
	struct civil want[4000];
	struct herr err = { 0 };
	size_t n;

	sched_init(&s);
	snprintf(s.tzid, sizeof s.tzid, "%s", zone);
	s.start = cv(start);
	s.end = civil_from_seconds(civil_to_seconds(&s.start) + 3600);
	s.rrule = xstrdup(rule);
	if (sched_prepare(&s, &err) != HE_OK)
		fail_msg("%s: %s", rule, err.msg);
	n = reference(rule, &s.start, want, 4000);
	assert_int_equal(sched_expand(&s, s.reach_start, s.reach_end + 1, 0, &in,
				      &err), HE_OK);
	if (in.n != n)
		fail_msg("%s from %s: %zu instances, libical counts %zu", rule,
			 start, in.n, n);
	for (size_t i = 0; i < n; i++)
		if (civil_cmp(&in.v[i].rid, &want[i]) != 0)
			fail_msg("%s from %s: instance %zu differs", rule, start, i);
	instances_free(&in);
	sched_free(&s);
}

static void count_rules_match_libical(void **state)
{
	static const char *const rules[] = {
		"FREQ=DAILY;COUNT=1", "FREQ=DAILY;COUNT=2",
		"FREQ=DAILY;INTERVAL=3;COUNT=1000",
		"FREQ=WEEKLY;COUNT=53",
		"FREQ=WEEKLY;BYDAY=FR,SA,SU;COUNT=13",
		"FREQ=WEEKLY;BYDAY=FR,SA,SU;COUNT=14",
		"FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR;COUNT=37",
		"FREQ=WEEKLY;INTERVAL=4;BYDAY=TU,TH,SA;COUNT=100",
		"FREQ=WEEKLY;BYDAY=MO;COUNT=9",
		"FREQ=MONTHLY;BYMONTHDAY=31;COUNT=7",
		"FREQ=HOURLY;INTERVAL=5;COUNT=200",
	};
	static const char *const starts[] = {
		"2027-01-01T10:00:00", /* a Friday */
		"2027-01-04T02:30:00", /* a Monday, a time Berlin skips once */
		"2027-03-27T02:30:00", /* the day before Berlin springs forward */
		"2027-01-05T19:00:00", /* a Tuesday */
	};

	(void)state;
	for (size_t r = 0; r < sizeof rules / sizeof *rules; r++)
		for (size_t s = 0; s < sizeof starts / sizeof *starts; s++) {
			check("Europe/Berlin", rules[r], starts[s]);
			check("Asia/Shanghai", rules[r], starts[s]);
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(count_rules_match_libical),
	};
	return cmocka_run_group_tests(tests, NULL, teardown_all);
}
