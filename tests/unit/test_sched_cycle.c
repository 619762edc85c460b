/*
 * test_sched_cycle.c - rules expanded from their pattern (sched_cycle.c)
 * against libical's own expansion from DTSTART.
 *
 * Thousands of random HOURLY, DAILY and WEEKLY rules (INTERVAL, BYDAY with
 * and without DTSTART's weekday, BYHOUR, BYMINUTE, WKST, UNTIL, COUNT),
 * starting on month ends, leap days and the days clocks change, at the
 * hours they change, in zones with daylight saving in both hemispheres and
 * Lord Howe's half hour: the whole expansion, random windows and the first
 * few from a random moment must be exactly libical's. Then windows beyond
 * the year 2582, where libical's iterator stops.
 */
#include <libical/ical.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../core/sched.h"
#include "icalref.h"
#include "testutil.h"

#define DAY 86400LL

static uint64_t seed = 0x6379636c65ULL;

static int rnd(int lo, int hi)
{
	seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return lo + (int)((seed >> 33) % (uint64_t)(hi - lo + 1));
}

static const char *const zones[] = {
	"Europe/Berlin", "America/New_York", "Australia/Lord_Howe",
	"America/Santiago", "Asia/Shanghai", "Europe/London",
};
static const char *const days[] = { "MO", "TU", "WE", "TH", "FR", "SA", "SU" };

/* A start on a day that tends to matter: month ends, 29 February, the
 * weekends clocks change in March, April, October and November. */
static struct civil random_start(bool all_day)
{
	struct civil c = { rnd(1996, 2040), rnd(1, 12), 1, 0, 0, 0 };
	int kind = rnd(0, 9);

	if (kind < 3) {
		c.day = civil_days_in_month(c.year, c.month) - rnd(0, 2);
	} else if (kind < 4) {
		c.month = 2;
		c.day = civil_days_in_month(c.year, 2);
	} else if (kind < 7) {
		static const int months[] = { 3, 4, 9, 10, 11 };
		c.month = months[rnd(0, 4)];
		c.day = rnd(1, civil_days_in_month(c.year, c.month));
		/* Around the change: 00:00 to 03:30. */
		c.hour = rnd(0, 3);
		c.min = rnd(0, 1) * 30;
	} else {
		c.day = rnd(1, civil_days_in_month(c.year, c.month));
		c.hour = rnd(0, 23);
		c.min = rnd(0, 3) * 15;
	}
	if (all_day)
		c.hour = c.min = 0;
	return c;
}

static void add_byday(char *rule, size_t size, int wd, bool own)
{
	size_t n = strlen(rule);
	int k = rnd(1, 4), first = own ? wd : rnd(0, 6);

	n += (size_t)snprintf(rule + n, size - n, ";BYDAY=%s", days[first]);
	for (int d = (first + rnd(1, 3)) % 7; --k > 0; d = (d + rnd(1, 3)) % 7)
		if (d != first)
			n += (size_t)snprintf(rule + n, size - n, ",%s", days[d]);
}

/* UNTIL as RFC 5545 wants it: a date for all-day, else UTC. */
static void add_end(struct sched *s, char *rule, size_t size)
{
	size_t n = strlen(rule);
	int kind = rnd(0, 9);

	if (kind < 4) {
		struct civil u = civil_add_days(s->start, rnd(0, 800));
		if (s->all_day) {
			snprintf(rule + n, size - n, ";UNTIL=%04d%02d%02d", u.year,
				 u.month, u.day);
		} else {
			u.hour = rnd(0, 23);
			u = civil_from_seconds(tz_to_utc(tz_get(s->tzid), &u));
			snprintf(rule + n, size - n,
				 ";UNTIL=%04d%02d%02dT%02d%02d%02dZ", u.year,
				 u.month, u.day, u.hour, u.min, u.sec);
		}
	} else if (kind < 7) {
		snprintf(rule + n, size - n, ";COUNT=%d", rnd(1, 150));
	}
}

/* A random repeating schedule that has a pattern. */
static void random_sched(struct sched *s)
{
	static const char *const freqs[] = { "HOURLY", "DAILY", "WEEKLY" };
	char rule[256];
	int f, wd;
	size_t n;

	sched_init(s);
	snprintf(s->tzid, sizeof s->tzid, "%s", zones[rnd(0, 5)]);
	f = rnd(0, 9) < 2 ? 0 : rnd(1, 2);
	s->all_day = f != 0 && rnd(0, 4) == 0;
	s->start = random_start(s->all_day);
	wd = civil_weekday(&s->start);
	s->end = s->all_day ? civil_add_days(s->start, rnd(1, 3))
			    : civil_from_seconds(civil_to_seconds(&s->start) +
						 rnd(1, 8) * 1800);
	n = (size_t)snprintf(rule, sizeof rule, "FREQ=%s;INTERVAL=%d", freqs[f],
			     f == 0 ? rnd(1, 11) : rnd(1, 5));
	if (rnd(0, 9) < (f == 2 ? 7 : 3))
		add_byday(rule, sizeof rule, wd, rnd(0, 3) > 0);
	n = strlen(rule);
	if (f != 0 && !s->all_day && rnd(0, 4) == 0) {
		n += (size_t)snprintf(rule + n, sizeof rule - n, ";BYHOUR=%d,%d",
				      rnd(0, 11), rnd(12, 23));
		if (rnd(0, 1))
			snprintf(rule + n, sizeof rule - n, ";BYMINUTE=0,%d",
				 rnd(1, 5) * 10);
	}
	n = strlen(rule);
	if (rnd(0, 4) == 0)
		snprintf(rule + n, sizeof rule - n, ";WKST=%s", days[rnd(0, 6)]);
	add_end(s, rule, sizeof rule);
	s->rrule = xstrdup(rule);
}

/* ---- libical from DTSTART, every instance up to horizon ---- */

static int64_t instant(const struct sched *s, struct civil c)
{
	if (s->all_day)
		c.hour = c.min = c.sec = 0;
	return tz_to_utc(tz_get(s->tzid), &c);
}

static void add(const struct sched *s, struct instances *out, struct civil c,
		int64_t start, int64_t dur)
{
	out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
	out->v[out->n].rid = c;
	out->v[out->n].start = start;
	out->v[out->n++].end = s->all_day
		? instant(s, civil_add_days(c, dur / DAY)) : start + dur;
}

static void reference(const struct sched *s, int64_t horizon,
		      struct instances *out)
{
	struct icaltimetype until;
	icalrecur_iterator *it = ref_iterator(s, s->rrule, &until);
	int64_t dur = sched_duration(s);
	struct civil c;

	while (ref_next(it, &c)) {
		int64_t start = instant(s, c);
		if (start >= horizon)
			break;
		if (!icaltime_is_null_time(until)) {
			struct civil u = { until.year, until.month, until.day,
					   until.hour, until.minute, until.second };
			if (until.is_date ? civil_days(c.year, c.month, c.day) >
					    civil_days(u.year, u.month, u.day)
					  : start > civil_to_seconds(&u))
				break;
		}
		add(s, out, c, start, dur);
	}
	icalrecur_iterator_free(it);
	/* RFC 5545 3.8.5.3: DTSTART is an instance whatever the rule yields
	 * (libical's iterator leaves it out when the rule misses it). */
	for (size_t i = 0; i < out->n; i++)
		if (civil_cmp(&out->v[i].rid, &s->start) == 0)
			return;
	add(s, out, s->start, instant(s, s->start), dur);
}

static int by_start(const void *a, const void *b)
{
	const struct instance *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return civil_cmp(&x->rid, &y->rid);
}

static void assert_same(const struct sched *s, const struct instance *want,
			size_t nw, const struct instances *got, const char *what)
{
	char a[CIVIL_BUFSZ], b[CIVIL_BUFSZ];

	for (size_t i = 0; i < nw || i < got->n; i++) {
		if (i < nw && i < got->n && civil_cmp(&want[i].rid, &got->v[i].rid) == 0 &&
		    want[i].start == got->v[i].start && want[i].end == got->v[i].end)
			continue;
		fail_msg("%s %s from %s (%s): instance %zu: libical %s, cycle %s "
			 "(%zu against %zu)", what, s->rrule,
			 civil_format(&s->start, s->all_day, a), s->tzid, i,
			 i < nw ? civil_format(&want[i].rid, false, a) : "-",
			 i < got->n ? civil_format(&got->v[i].rid, false, b) : "-",
			 nw, got->n);
	}
}

/* The whole expansion, three windows and a first-few from one schedule. */
static void check_one(const struct sched *s)
{
	int64_t span = strstr(s->rrule, "HOURLY") ? 90 * DAY : 6 * 366 * DAY;
	int64_t from = s->reach_start - 2 * DAY, to = s->reach_start + span;
	struct instances want = { 0 }, got = { 0 };
	struct herr err = { 0 };

	reference(s, to, &want);
	qsort(want.v, want.n, sizeof *want.v, by_start);
	if (sched_expand(s, from, to, 0, &got, &err) != HE_OK)
		fail_msg("%s: %s", s->rrule, err.msg);
	assert_same(s, want.v, want.n, &got, "whole");
	for (int k = 0; k < 3; k++) {
		int64_t a = from + (int64_t)rnd(0, 1000) * (span / 1000);
		int64_t b = a + rnd(1, 60) * DAY / (rnd(0, 1) ? 1 : 24);
		size_t i = 0, j;
		if (b > to)
			b = to;
		instances_free(&got);
		assert_int_equal(sched_expand(s, a, b, 0, &got, NULL), HE_OK);
		while (i < want.n && want.v[i].start < a)
			i++;
		for (j = i; j < want.n && want.v[j].start < b; j++)
			;
		assert_same(s, want.v + i, j - i, &got, "window");
		instances_free(&got);
		assert_int_equal(sched_expand(s, a, to, 3, &got, NULL), HE_OK);
		assert_same(s, want.v + i, want.n - i < 3 ? want.n - i : 3, &got,
			    "first three");
	}
	instances_free(&want);
	instances_free(&got);
}

static void random_rules_match_libical(void **state)
{
	int with_cycle = 0, n = 2500;

	(void)state;
	for (int i = 0; i < n; i++) {
		struct sched s;
		struct herr err = { 0 };
		random_sched(&s);
		/* An end in the hour clocks skip may not be after the start. */
		while (sched_duration(&s) <= 0) {
			sched_free(&s);
			random_sched(&s);
		}
		if (sched_prepare(&s, &err) != HE_OK)
			fail_msg("%s: %s", s.rrule, err.msg);
		with_cycle += s.cycle.period > 0;
		check_one(&s);
		sched_free(&s);
	}
	/* The check above compared patterns, not libical with itself. */
	print_message("%d of %d rules expanded from their pattern\n", with_cycle, n);
	assert_true(with_cycle > n * 9 / 10);
}

/* ---- rules without a pattern: windows shared by rules alike ---- */

/* libical's instances of s's rule in wall-clock [from, to), UNTIL kept. */
static void libical_walls(const struct sched *s, int64_t from, int64_t to,
			  struct walls *out)
{
	icalrecur_iterator *it = ref_iterator(s, s->xrule, NULL);
	struct civil c;

	while (ref_next(it, &c)) {
		int64_t at;
		if ((at = civil_to_seconds(&c)) >= to)
			break;
		if (at >= from) {
			out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
			out->v[out->n++] = at;
		}
	}
	icalrecur_iterator_free(it);
}

static void random_plain_rule(char *rule, size_t size, const struct civil *c)
{
	static const char *const ords[] = { "1", "2", "3", "-1", "4" };
	int kind = rnd(0, 7);
	size_t n;

	switch (kind) {
	case 0: snprintf(rule, size, "FREQ=MONTHLY;BYMONTHDAY=%d", rnd(1, 31)); break;
	case 1: snprintf(rule, size, "FREQ=MONTHLY;BYDAY=%s%s", ords[rnd(0, 4)],
			 days[rnd(0, 6)]); break;
	case 2: snprintf(rule, size, "FREQ=MONTHLY"); break;
	case 3: snprintf(rule, size, "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1");
		break;
	case 4: snprintf(rule, size, "FREQ=YEARLY;BYMONTH=%d;BYMONTHDAY=%d",
			 rnd(1, 12), rnd(1, 28)); break;
	case 5: snprintf(rule, size, "FREQ=YEARLY"); break;
	case 6: snprintf(rule, size, "FREQ=DAILY;BYMONTH=%d,%d", rnd(1, 6),
			 rnd(7, 12)); break;
	default: snprintf(rule, size, "FREQ=WEEKLY;BYMONTH=%d", rnd(1, 12)); break;
	}
	n = strlen(rule);
	if (rnd(0, 2) == 0)
		n += (size_t)snprintf(rule + n, size - n, ";INTERVAL=%d", rnd(2, 5));
	if (rnd(0, 3) == 0) {
		struct civil u = civil_add_days(*c, rnd(4000, 12000));
		snprintf(rule + n, size - n, ";UNTIL=%04d%02d%02dT235959", u.year,
			 u.month, u.day);
	}
}

static void assert_walls(const struct sched *s, const struct walls *want,
			 const struct walls *got, const char *what)
{
	char a[CIVIL_BUFSZ];

	if (want->n == got->n &&
	    (!want->n || !memcmp(want->v, got->v, want->n * sizeof *want->v)))
		return;
	fail_msg("%s: %s from %s: libical %zu instances, shared %zu", what,
		 s->xrule, civil_format(&s->start, s->all_day, a), want->n, got->n);
}

/*
 * Two series with the same rule placed alike (DTSTART 28 years apart keeps
 * weekday, leap years and the INTERVAL's grid) share one expansion of a
 * window, the later one beginning before, in or after it: each must still
 * be exactly libical's.
 */
static void shared_spans_match_libical(void **state)
{
	(void)state;
	for (int i = 0; i < 400; i++) {
		struct sched a, b;
		struct walls want = { 0 }, got = { 0 };
		char rule[160];
		int step, year = rnd(2025, 2030);
		/* A window of two and a half years, often holding a's DTSTART. */
		int64_t from = civil_to_seconds(&(struct civil){ year, 1, 1, 0, 0, 0 });
		int64_t to = civil_to_seconds(&(struct civil){ year + 2, 7, 1, 0, 0, 0 });
		sched_init(&a);
		snprintf(a.tzid, sizeof a.tzid, "%s", zones[rnd(0, 5)]);
		a.all_day = rnd(0, 4) == 0;
		a.start = random_start(a.all_day);
		a.start.year = rnd(2010, 2031);
		if (a.start.day > civil_days_in_month(a.start.year, a.start.month))
			a.start.day = civil_days_in_month(a.start.year, a.start.month);
		a.end = a.all_day ? civil_add_days(a.start, 1)
				  : civil_from_seconds(civil_to_seconds(&a.start) + 3600);
		random_plain_rule(rule, sizeof rule, &a.start);
		a.rrule = xstrdup(rule);
		if (sched_prepare(&a, NULL) != HE_OK || a.cycle.period) {
			sched_free(&a);
			continue;
		}
		sched_copy(&b, &a);
		step = strstr(rule, "INTERVAL=") ? atoi(strstr(rule, "INTERVAL=") + 9)
						 : 1;
		b.start.year -= 28 * step;
		b.end.year -= 28 * step;
		assert_int_equal(sched_prepare(&b, NULL), HE_OK);
		for (int k = 0; k < 2; k++) {
			const struct sched *s = k ? &b : &a;
			libical_walls(s, from, to, &want);
			assert_int_equal(sched_rule_walls(s, from, to, &got, NULL), HE_OK);
			assert_walls(s, &want, &got, k ? "second" : "first");
			walls_free(&want);
			walls_free(&got);
		}
		sched_free(&a);
		sched_free(&b);
	}
}

/* ---- beyond libical's year 2582 ---- */

static char *starts(const struct sched *s, int64_t from, int64_t to)
{
	struct instances in = { 0 };
	struct sbuf b = { 0 };
	struct herr err = { 0 };
	char buf[CIVIL_BUFSZ];

	if (sched_expand(s, from, to, 0, &in, &err) != HE_OK)
		fail_msg("%s: %s", s->rrule, err.msg);
	for (size_t i = 0; i < in.n; i++)
		sbuf_addf(&b, "%s ", civil_format(&in.v[i].rid, false, buf));
	instances_free(&in);
	return sbuf_take(&b);
}

/* s's instances in [from, to) of s's zone are want (see starts). */
static void assert_starts(const struct sched *s, const char *from,
			  const char *to, const char *want)
{
	char *got = starts(s, at(s->tzid, from), at(s->tzid, to));

	assert_string_equal(got, want);
	free(got);
}

static void prepared(struct sched *s, const char *zone, const char *start,
		     const char *rule)
{
	sched_init(s);
	snprintf(s->tzid, sizeof s->tzid, "%s", zone);
	s->start = cv(start);
	s->end = civil_from_seconds(civil_to_seconds(&s->start) + 7200);
	s->rrule = xstrdup(rule);
	assert_int_equal(sched_prepare(s, NULL), HE_OK);
}

static void far_windows(void **state)
{
	struct sched s;

	(void)state;
	/* A weekly rule: its pattern reaches any year. */
	prepared(&s, "Europe/Berlin", "2027-01-08T19:00:00",
		 "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR,SU");
	assert_true(s.cycle.period > 0);
	assert_starts(&s, "2600-03-01", "2600-03-15",
		      "2600-03-07T19:00:00 2600-03-09T19:00:00 ");
	assert_starts(&s, "9000-06-01", "9000-06-20",
		      "9000-06-01T19:00:00 9000-06-13T19:00:00 "
		      "9000-06-15T19:00:00 ");
	sched_free(&s);
	/* Monthly and yearly rules: the calendar repeats every 400 years. */
	static const char *const rules[] = {
		"FREQ=MONTHLY;BYDAY=2TU", "FREQ=MONTHLY;BYMONTHDAY=31",
		"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "FREQ=MONTHLY;INTERVAL=3;BYDAY=-1FR",
	};
	for (size_t i = 0; i < sizeof rules / sizeof *rules; i++) {
		char *near, *far;
		prepared(&s, "Asia/Shanghai", "2027-01-12T09:00:00", rules[i]);
		near = starts(&s, at("Asia/Shanghai", "2227-01-01"),
			      at("Asia/Shanghai", "2235-01-01"));
		far = starts(&s, at("Asia/Shanghai", "2627-01-01"),
			     at("Asia/Shanghai", "2635-01-01"));
		assert_true(strlen(near) > 0);
		/* The same days, 400 years on. */
		for (char *p = near; (p = strstr(p, "22")) != NULL; p += 2)
			if (p == near || p[-1] == ' ')
				p[1] = '6';
		assert_string_equal(far, near);
		free(near);
		free(far);
		sched_free(&s);
	}
	/* A rule that starts after 2582 is expanded too. */
	prepared(&s, "Asia/Shanghai", "3001-05-01T09:00:00", "FREQ=MONTHLY");
	assert_starts(&s, "3001-04-01", "3001-08-01",
		      "3001-05-01T09:00:00 3001-06-01T09:00:00 "
		      "3001-07-01T09:00:00 ");
	sched_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(random_rules_match_libical),
		cmocka_unit_test(shared_spans_match_libical),
		cmocka_unit_test(far_windows),
	};

	return cmocka_run_group_tests(tests, NULL, teardown_all);
}
