/*
 * test_sched.c - schedules and recurrence expansion.
 *
 * The property test compares sched_expand, which starts libical's iterator
 * at each window, with a reference that walks every instance from DTSTART
 * (COUNT counted by libical itself, UNTIL compared as an instant), over
 * many windows of many rules, zoned in Berlin and Shanghai.
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

#define YEAR (366 * 86400LL)

/* A prepared schedule; rdates and exdates are space-separated lists. */
static void make(struct sched *s, const char *zone, bool all_day,
		 const char *start, const char *end, const char *rule,
		 const char *rdates, const char *exdates)
{
	struct herr err = { 0 };

	sched_init(s);
	snprintf(s->tzid, sizeof s->tzid, "%s", zone);
	s->all_day = all_day;
	s->start = cv(start);
	s->end = cv(end);
	s->rrule = rule ? strdup(rule) : NULL;
	assert_true(civil_list_parse(rdates, &s->rdates));
	assert_true(civil_list_parse(exdates, &s->exdates));
	if (sched_prepare(s, &err) != HE_OK)
		fail_msg("%s: %s", rule ? rule : "(no rule)", err.msg);
}

static void add_instance(struct instances *l, struct civil rid, int64_t start,
			 int64_t end)
{
	l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
	l->v[l->n].rid = rid;
	l->v[l->n].start = start;
	l->v[l->n++].end = end;
}

static int by_start(const void *a, const void *b)
{
	const struct instance *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return civil_cmp(&x->rid, &y->rid);
}

/* ---- the reference: every instance from DTSTART ---- */

static int64_t ref_instant(const struct sched *s, struct civil c)
{
	if (s->all_day)
		c.hour = c.min = c.sec = 0;
	return tz_to_utc(tz_get(s->tzid), &c);
}

static int64_t ref_end(const struct sched *s, const struct civil *rid,
		       int64_t start)
{
	if (s->all_day) {
		int64_t days = civil_days(s->end.year, s->end.month, s->end.day) -
			       civil_days(s->start.year, s->start.month,
					  s->start.day);
		return ref_instant(s, civil_add_days(*rid, days));
	}
	return start + ref_instant(s, s->end) - ref_instant(s, s->start);
}

/* Does the rule's UNTIL allow an instance at c (instant start)? */
static bool ref_until_ok(const struct sched *s, struct icaltimetype until,
			 const struct civil *c, int64_t start)
{
	struct civil u = { until.year, until.month, until.day, until.hour,
			   until.minute, until.second };

	if (icaltime_is_null_time(until))
		return true;
	if (until.is_date)
		return civil_days(c->year, c->month, c->day) <=
		       civil_days(u.year, u.month, u.day);
	if (icaltime_is_utc(until))
		return start <= civil_to_seconds(&u);
	(void)s;
	return civil_cmp(c, &u) <= 0;
}

/* Every instance that starts before horizon, sorted. */
static void reference(const struct sched *s, int64_t horizon,
		      struct instances *out)
{
	if (s->rrule) {
		struct icaltimetype until;
		icalrecur_iterator *it = ref_iterator(s, s->rrule, &until);
		struct civil c;
		while (ref_next(it, &c)) {
			int64_t start = ref_instant(s, c);
			if (start >= horizon || !ref_until_ok(s, until, &c, start))
				break;
			if (!civil_list_has(&s->exdates, &c))
				add_instance(out, c, start, ref_end(s, &c, start));
		}
		icalrecur_iterator_free(it);
	}
	/* RFC 5545 3.8.5.3: DTSTART is an instance whatever the rule yields
	 * (libical's iterator leaves it out when it does not match). */
	bool have_start = false;
	for (size_t j = 0; j < out->n; j++)
		have_start |= civil_cmp(&out->v[j].rid, &s->start) == 0;
	if (!have_start && !civil_list_has(&s->exdates, &s->start)) {
		int64_t start = ref_instant(s, s->start);
		add_instance(out, s->start, start, ref_end(s, &s->start, start));
	}
	for (size_t i = 0; i < s->rdates.n; i++) {
		struct civil c = s->rdates.v[i];
		bool dup = false;
		for (size_t j = 0; j < out->n; j++)
			dup |= civil_cmp(&out->v[j].rid, &c) == 0;
		if (!dup && !civil_list_has(&s->exdates, &c))
			add_instance(out, c, ref_instant(s, c),
				     ref_end(s, &c, ref_instant(s, c)));
	}
	if (out->n)
		qsort(out->v, out->n, sizeof *out->v, by_start);
}

static void describe(const struct instances *l, size_t i, char *buf, size_t n)
{
	char rid[CIVIL_BUFSZ];

	if (i >= l->n) {
		snprintf(buf, n, "(none)");
		return;
	}
	snprintf(buf, n, "%s start %lld end %lld",
		 civil_format(&l->v[i].rid, false, rid),
		 (long long)l->v[i].start, (long long)l->v[i].end);
}

/* Fails, naming the first difference, unless the lists are equal. */
static void assert_same(const struct instances *want, const struct instances *got,
			const char *what, int64_t from, int64_t to)
{
	size_t n = want->n > got->n ? want->n : got->n;

	for (size_t i = 0; i < n; i++) {
		char a[96], b[96];
		if (i < want->n && i < got->n &&
		    civil_cmp(&want->v[i].rid, &got->v[i].rid) == 0 &&
		    want->v[i].start == got->v[i].start &&
		    want->v[i].end == got->v[i].end)
			continue;
		describe(want, i, a, sizeof a);
		describe(got, i, b, sizeof b);
		fail_msg("%s, window [%lld, %lld): instance %zu of %zu/%zu: wanted "
			 "%s, got %s", what, (long long)from, (long long)to, i,
			 want->n, got->n, a, b);
	}
}

/* The reference instances that start in [from, to), the first limit. */
static void window_of(const struct instances *all, int64_t from, int64_t to,
		      size_t limit, struct instances *out)
{
	for (size_t i = 0; i < all->n && (!limit || out->n < limit); i++)
		if (all->v[i].start >= from && all->v[i].start < to)
			add_instance(out, all->v[i].rid, all->v[i].start,
				     all->v[i].end);
}

static uint64_t rng = 88172645463325252u;

static uint64_t next_random(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static void check_window(const struct sched *s, const struct instances *all,
			 const char *what, int64_t from, int64_t to, size_t limit)
{
	struct instances want = { 0 }, got = { 0 };
	struct herr err = { 0 };

	/* Something already in the list must be kept and not counted. */
	add_instance(&got, cv("1970-01-01"), -1, -1);
	if (sched_expand(s, from, to, limit, &got, &err) != HE_OK)
		fail_msg("%s: %s", what, err.msg);
	assert_int_equal(got.v[0].start, -1);
	memmove(got.v, got.v + 1, (got.n - 1) * sizeof *got.v);
	got.n--;
	window_of(all, from, to, limit, &want);
	assert_same(&want, &got, what, from, to);
	instances_free(&want);
	instances_free(&got);
}

struct rule_case {
	const char *rule;
	bool hourly;            /* too many instances for a century */
};

static const struct rule_case rule_cases[] = {
	{ NULL, false },
	{ "FREQ=DAILY", false },
	{ "FREQ=DAILY;INTERVAL=3", false },
	{ "FREQ=WEEKLY", false },
	{ "FREQ=WEEKLY;BYDAY=FR,SA,SU", false },
	{ "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE", false },
	{ "FREQ=WEEKLY;INTERVAL=3;BYDAY=SU;WKST=MO", false },
	{ "FREQ=MONTHLY;BYDAY=2SA", false },
	{ "FREQ=MONTHLY;BYMONTHDAY=31", false },
	{ "FREQ=MONTHLY;BYMONTHDAY=-1", false },
	{ "FREQ=MONTHLY;INTERVAL=2;BYDAY=1MO,-1FR", false },
	{ "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", false },
	{ "FREQ=YEARLY", false },
	{ "FREQ=YEARLY;BYMONTH=1;BYDAY=-1SU", false },
	{ "FREQ=YEARLY;INTERVAL=2;BYMONTH=3,10;BYMONTHDAY=28", false },
	{ "FREQ=HOURLY;INTERVAL=5", true },
	{ "FREQ=HOURLY;INTERVAL=7;BYDAY=MO,SA", true },
	{ "FREQ=HOURLY;INTERVAL=6", true },
	{ "FREQ=DAILY;BYHOUR=9,14;BYMINUTE=0,30", false },
	{ "FREQ=DAILY;COUNT=1", false },
	{ "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=25", false },
	{ "FREQ=MONTHLY;BYMONTHDAY=31;COUNT=9", false },
	{ "FREQ=DAILY;INTERVAL=2;COUNT=400", false },
	{ "FREQ=HOURLY;INTERVAL=11;COUNT=300", false },
	{ "FREQ=DAILY;UNTIL=20270415T000000Z", false },
	{ "FREQ=WEEKLY;BYDAY=SA;UNTIL=20271106T013000Z", false },
	{ "FREQ=WEEKLY;BYDAY=MO,FR;UNTIL=20270630", false },
	{ "FREQ=MONTHLY;BYDAY=2SA;UNTIL=20280101", false },
	{ "FREQ=DAILY;UNTIL=20270331T023000", false },
	{ "FREQ=DAILY;UNTIL=20270328T012959Z", false },
};

struct sched_case {
	const char *zone;
	bool all_day;
	const char *start, *end, *rdates, *exdates;
};

/* Timed at the gap hour, across year ends, and all-day; both zones. */
static const struct sched_case sched_cases[] = {
	{ "Europe/Berlin", false, "2027-01-31T02:30:00", "2027-01-31T04:00:00",
	  "2027-02-03T11:00:00 2028-06-01T02:30:00",
	  "2027-03-28T02:30:00 2027-10-31T02:30:00 2027-02-26T02:30:00" },
	{ "Europe/Berlin", false, "2027-03-27T23:30:00", "2027-03-28T01:00:00",
	  NULL, "2027-04-10T23:30:00" },
	{ "Europe/Berlin", true, "2027-01-31", "2027-02-02", "2027-12-31",
	  "2027-02-12 2027-03-28" },
	{ "Asia/Shanghai", false, "2027-12-29T19:00:00", "2027-12-29T21:30:00",
	  "2028-01-02T08:00:00", "2028-01-01T19:00:00 2027-12-31T19:00:00" },
	{ "Asia/Shanghai", true, "2027-02-27", "2027-02-28", NULL, "2027-03-13" },
	{ "UTC", false, "2027-10-31T00:15:00", "2027-10-31T23:45:00", NULL, NULL },
};

static void property_one(const struct sched_case *sc, const struct rule_case *rc,
			 bool century)
{
	struct sched s;
	struct instances all = { 0 };
	char what[200];
	int64_t span;

	if (sc->all_day && rc->rule && strstr(rc->rule, "HOURLY"))
		return; /* refused, see rejected_rules */
	make(&s, sc->zone, sc->all_day, sc->start, sc->end, rc->rule, sc->rdates,
	     sc->exdates);
	snprintf(what, sizeof what, "%s %s %s from %s", rc->rule ? rc->rule : "-",
		 sc->zone, sc->all_day ? "all-day" : "timed", sc->start);
	span = (rc->hourly || !century ? 3 : 101) * YEAR;
	/* Empty when UNTIL is before DTSTART: nothing must show then. */
	reference(&s, s.reach_start + span, &all);
	for (int i = 0; i < 150; i++) {
		/* Windows of an hour to 100 days, mostly near the start. */
		int64_t reach = i < 100 ? 2 * YEAR : span - 100 * 86400;
		int64_t from = s.reach_start - 40 * 86400 +
			       (int64_t)(next_random() % (uint64_t)reach);
		int64_t len = 3600 + (int64_t)(next_random() % (100 * 86400));
		size_t limit = i % 5 == 0 ? 1 + next_random() % 20 : 0;
		from -= from % 60;
		check_window(&s, &all, what, from, from + len, limit);
	}
	/* Whole months, across month and year ends. */
	for (int m = 0; m < 15; m++) {
		struct civil a = civil_add_months(cv("2027-01-01"), m);
		struct civil b = civil_add_months(a, 1);
		check_window(&s, &all, what, tz_to_utc(tz_get(sc->zone), &a),
			     tz_to_utc(tz_get(sc->zone), &b), 0);
	}
	/* A century after DTSTART. */
	if (span > 100 * YEAR) {
		int64_t from = s.reach_start + 100 * 365 * 86400LL;
		check_window(&s, &all, what, from, from + 90 * 86400, 0);
	}
	instances_free(&all);
	sched_free(&s);
}

static void expand_matches_reference(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof sched_cases / sizeof *sched_cases; i++)
		for (size_t j = 0; j < sizeof rule_cases / sizeof *rule_cases; j++)
			property_one(&sched_cases[i], &rule_cases[j], i % 2 == 0);
}

/* Appends the instances of s that start in [from, to). */
static void expand_all(const struct sched *s, int64_t from, int64_t to,
		       struct instances *out)
{
	struct herr err = { 0 };

	if (sched_expand(s, from, to, 0, out, &err) != HE_OK)
		fail_msg("%s", err.msg);
}

static void count_equals_until_rewrite(void **state)
{
	static const char *const rules[] = {
		"FREQ=WEEKLY;BYDAY=FR,SA,SU;COUNT=13",
		"FREQ=MONTHLY;BYMONTHDAY=31;COUNT=7",
		"FREQ=DAILY;INTERVAL=4;COUNT=100",
		"FREQ=MONTHLY;BYDAY=2SA;COUNT=12",
		"FREQ=YEARLY;COUNT=3",
		"FREQ=HOURLY;INTERVAL=3;COUNT=50",
	};

	(void)state;
	for (size_t i = 0; i < sizeof rules / sizeof *rules; i++) {
		for (int all_day = 0; all_day < 2; all_day++) {
			struct sched a, b;
			struct instances x = { 0 }, y = { 0 };
			struct civil last;
			char *until;
			if (all_day && strstr(rules[i], "HOURLY"))
				continue;
			make(&a, "Europe/Berlin", all_day,
			     all_day ? "2027-03-26" : "2027-03-26T02:30:00",
			     all_day ? "2027-03-27" : "2027-03-26T03:30:00",
			     rules[i], NULL, "2027-04-02T02:30:00");
			assert_int_equal(sched_rule_count(a.rrule),
					 atoi(strstr(rules[i], "COUNT=") + 6));
			expand_all(&a, a.reach_start - 86400, a.reach_end + 86400, &x);
			assert_true(x.n > 0);
			/* The rewrite's UNTIL is the last instance. */
			last = x.v[x.n - 1].rid;
			until = sched_rule_with_end(&a, a.rrule, &last, 0);
			assert_non_null(until);
			assert_null(strstr(until, "COUNT"));
			make(&b, "Europe/Berlin", all_day,
			     all_day ? "2027-03-26" : "2027-03-26T02:30:00",
			     all_day ? "2027-03-27" : "2027-03-26T03:30:00",
			     until, NULL, "2027-04-02T02:30:00");
			expand_all(&b, a.reach_start - 86400, a.reach_end + 86400 * 400,
				   &y);
			assert_same(&x, &y, until, 0, 0);
			assert_int_equal(a.reach_end, b.reach_end);
			free(until);
			instances_free(&x);
			instances_free(&y);
			sched_free(&a);
			sched_free(&b);
		}
	}
}

/* The start instants of s in [from, to) formatted in its zone. */
static char *starts(const struct sched *s, const char *from, const char *to)
{
	struct instances l = { 0 };
	struct sbuf b = { 0 };
	const struct tz *z = tz_get(s->tzid);

	expand_all(s, at(s->tzid, from), at(s->tzid, to), &l);
	for (size_t i = 0; i < l.n; i++) {
		int off;
		struct civil c = tz_from_utc(z, l.v[i].start, &off);
		char buf[CIVIL_BUFSZ], o[8];
		tz_format_offset(off, o);
		sbuf_addf(&b, "%s%s%s", i ? " " : "", civil_format(&c, false, buf), o);
	}
	instances_free(&l);
	return sbuf_take(&b);
}

static void daily_across_dst(void **state)
{
	struct sched s;
	char *got;

	(void)state;
	make(&s, "Europe/Berlin", false, "2027-03-20T02:30:00",
	     "2027-03-20T03:00:00", "FREQ=DAILY", NULL, NULL);
	got = starts(&s, "2027-03-27", "2027-03-30");
	assert_string_equal(got, "2027-03-27T02:30:00+01:00 "
				 "2027-03-28T03:30:00+02:00 "
				 "2027-03-29T02:30:00+02:00");
	free(got);
	got = starts(&s, "2027-10-30", "2027-11-02");
	assert_string_equal(got, "2027-10-30T02:30:00+02:00 "
				 "2027-10-31T02:30:00+02:00 "
				 "2027-11-01T02:30:00+01:00");
	free(got);
	/* Each lasts half an hour, the gap day's too. */
	{
		struct instances l = { 0 };
		expand_all(&s, at("Europe/Berlin", "2027-03-28"),
			   at("Europe/Berlin", "2027-03-29"), &l);
		assert_int_equal(l.n, 1);
		assert_int_equal(l.v[0].end - l.v[0].start, 1800);
		assert_int_equal(l.v[0].rid.hour, 2);
		instances_free(&l);
	}
	sched_free(&s);
	/* All-day on the short and the long day lasts 23 and 25 hours. */
	make(&s, "Europe/Berlin", true, "2027-03-28", "2027-03-29", "FREQ=YEARLY",
	     NULL, NULL);
	{
		struct instances l = { 0 };
		expand_all(&s, at("Europe/Berlin", "2027-01-01"),
			   at("Europe/Berlin", "2029-01-01"), &l);
		assert_int_equal(l.n, 2);
		assert_int_equal(l.v[0].end - l.v[0].start, 23 * 3600);
		instances_free(&l);
	}
	sched_free(&s);
}

static void century_later(void **state)
{
	struct sched s;
	char *got;

	(void)state;
	make(&s, "Asia/Shanghai", false, "2027-01-08T19:00:00",
	     "2027-01-08T21:00:00", "FREQ=WEEKLY;BYDAY=FR", NULL, NULL);
	assert_int_equal(s.reach_end, SCHED_FOREVER);
	got = starts(&s, "2127-01-01", "2127-01-20");
	assert_string_equal(got, "2127-01-03T19:00:00+08:00 "
				 "2127-01-10T19:00:00+08:00 "
				 "2127-01-17T19:00:00+08:00");
	free(got);
	sched_free(&s);
	make(&s, "Europe/Berlin", false, "2027-01-10T10:00:00",
	     "2027-01-10T11:00:00", "FREQ=MONTHLY;BYDAY=2SA", NULL, NULL);
	got = starts(&s, "2126-06-01", "2126-08-01");
	assert_string_equal(got, "2126-06-08T10:00:00+02:00 "
				 "2126-07-13T10:00:00+02:00");
	free(got);
	sched_free(&s);
}

static void rejects(const char *rule, const char *needle)
{
	struct herr err = { 0 };
	char *norm = NULL;
	struct sched s;

	if (sched_parse_rule(rule, &norm, &err) != HE_USER)
		fail_msg("rule '%s' was accepted as %s", rule, norm);
	assert_null(norm);
	if (!strcasestr(err.msg, needle))
		fail_msg("rule '%s': message '%s' lacks '%s'", rule, err.msg,
			 needle);
	/* The same through sched_prepare. */
	sched_init(&s);
	snprintf(s.tzid, sizeof s.tzid, "Asia/Shanghai");
	s.start = cv("2027-01-08T10:00:00");
	s.end = cv("2027-01-08T11:00:00");
	s.rrule = strdup(rule);
	assert_int_equal(sched_prepare(&s, &err), HE_USER);
	sched_free(&s);
}

static void rejected_rules(void **state)
{
	(void)state;
	rejects("FREQ=SECONDLY", "hourly");
	rejects("FREQ=MINUTELY;INTERVAL=5", "hourly");
	rejects("FREQ=DAILY;COUNT=100001", "COUNT");
	rejects("FREQ=DAILY;COUNT=5;UNTIL=20270201T000000Z", "not a valid");
	rejects("garbage", "garbage");
	rejects("FREQ=FORTNIGHTLY", "FORTNIGHTLY");
	rejects("BYDAY=MO", "BYDAY=MO");
	rejects("FREQ=YEARLY;BYMONTH=13", "out of range");
	rejects("FREQ=MONTHLY;BYMONTHDAY=32", "BYMONTHDAY=32");
	rejects("FREQ=MONTHLY;BYMONTHDAY=0", "BYMONTHDAY=0");
	rejects("FREQ=DAILY;BYHOUR=24", "BYHOUR=24");
	rejects("FREQ=HOURLY;BYHOUR=9,14", "BYHOUR");
	rejects("FREQ=HOURLY;INTERVAL=2;BYMINUTE=30", "BYMINUTE");
	rejects("FREQ=DAILY;INTERVAL=0", "INTERVAL");
	rejects("FREQ=DAILY;\x1b[31m", "character");
	rejects("FREQ=DAILY; COUNT=3", "character");
	rejects("", "empty");
	rejects("RRULE:", "empty");
}

static void parse_rule_normalises(void **state)
{
	char *norm = NULL;

	(void)state;
	assert_int_equal(sched_parse_rule("rrule:freq=weekly;byday=fr,sa,su",
					  &norm, NULL), HE_OK);
	assert_non_null(strstr(norm, "FREQ=WEEKLY"));
	assert_non_null(strstr(norm, "BYDAY=FR,SA,SU"));
	free(norm);
	assert_int_equal(sched_parse_rule("FREQ=DAILY;COUNT=100000", &norm, NULL),
			 HE_OK);
	free(norm);
}

static void bad_times(void **state)
{
	struct sched s;
	struct herr err = { 0 };

	(void)state;
	sched_init(&s);
	snprintf(s.tzid, sizeof s.tzid, "Mars/Base");
	s.start = cv("2027-01-08T10:00:00");
	s.end = cv("2027-01-08T11:00:00");
	assert_int_equal(sched_prepare(&s, &err), HE_USER);
	assert_non_null(strstr(err.msg, "Mars/Base"));
	snprintf(s.tzid, sizeof s.tzid, "Asia/Shanghai");
	s.end = cv("2027-01-08T10:00:00");
	assert_int_equal(sched_prepare(&s, &err), HE_USER);
	assert_non_null(strstr(err.msg, "not after"));
	s.all_day = true;
	s.start = cv("2027-01-08");
	s.end = cv("2027-01-08");
	assert_int_equal(sched_prepare(&s, &err), HE_USER);
	s.end = cv("2027-01-09");
	s.start.day = 32;
	assert_int_equal(sched_prepare(&s, &err), HE_USER);
	s.start.day = 8;
	s.rrule = strdup("FREQ=HOURLY;INTERVAL=24");
	assert_int_equal(sched_prepare(&s, &err), HE_USER);
	assert_non_null(strstr(err.msg, "all-day"));
	civil_list_add(&s.exdates, *CT(2027, 2, 30, 0, 0));
	assert_int_equal(sched_prepare(&s, &err), HE_USER);
	sched_free(&s);
	/* 02:30 to 03:30 on the spring-forward day lasts no time at all. */
	make(&s, "Europe/Berlin", false, "2027-03-28T01:30:00",
	     "2027-03-28T03:30:00", NULL, NULL, NULL);
	assert_int_equal(sched_duration(&s), 3600);
	sched_free(&s);
	sched_init(&s);
	snprintf(s.tzid, sizeof s.tzid, "Europe/Berlin");
	s.start = cv("2027-03-28T02:30:00");
	s.end = cv("2027-03-28T03:30:00");
	assert_int_equal(sched_prepare(&s, &err), HE_USER);
	sched_free(&s);
}

static void one_off_and_empty_windows(void **state)
{
	struct sched s;
	struct instances l = { 0 };

	(void)state;
	make(&s, "Asia/Shanghai", false, "2027-01-08T10:00:00",
	     "2027-01-08T12:00:00", NULL, NULL, NULL);
	assert_int_equal(s.reach_start, at("Asia/Shanghai", "2027-01-08T10:00:00"));
	assert_int_equal(s.reach_end, at("Asia/Shanghai", "2027-01-08T12:00:00"));
	expand_all(&s, s.reach_start, s.reach_start + 1, &l);
	assert_int_equal(l.n, 1);
	/* Starts in [from, to): an occurrence under way at from is not one. */
	expand_all(&s, s.reach_start + 1, s.reach_end, &l);
	assert_int_equal(l.n, 1);
	expand_all(&s, s.reach_start, s.reach_start, &l);
	expand_all(&s, s.reach_end, s.reach_start, &l);
	assert_int_equal(l.n, 1);
	instances_free(&l);
	sched_free(&s);
}

/* Windows open to the end of time, as "the next occurrence" asks. */
static void windows_to_forever(void **state)
{
	struct sched s;
	struct instances l = { 0 };
	int64_t from;

	(void)state;
	make(&s, "Asia/Shanghai", false, "2027-01-01T10:00:00",
	     "2027-01-01T12:00:00", "FREQ=WEEKLY;BYDAY=FR", NULL, NULL);
	from = at("Asia/Shanghai", "2030-06-01");
	expand_all(&s, INT64_MIN, at("Asia/Shanghai", "2027-01-02"), &l);
	assert_int_equal(l.n, 1);
	instances_free(&l);
	assert_int_equal(sched_expand(&s, from, SCHED_FOREVER - 1, 1, &l, NULL),
			 HE_OK);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].start, at("Asia/Shanghai", "2030-06-07T10:00:00"));
	instances_free(&l);
	assert_int_equal(sched_expand(&s, from, INT64_MAX, 3, &l, NULL), HE_OK);
	assert_int_equal(l.n, 3);
	instances_free(&l);
	sched_free(&s);
}

static void exdates_and_rdates(void **state)
{
	struct sched s;
	char *got;

	(void)state;
	make(&s, "Asia/Shanghai", false, "2027-01-01T10:00:00",
	     "2027-01-01T12:00:00", "FREQ=WEEKLY;BYDAY=FR",
	     "2027-01-12T15:00:00 2027-01-15T10:00:00",
	     "2027-01-08T10:00:00 2027-01-12T15:00:00");
	/* The excluded RDATE stays out; an RDATE on an instance is not doubled. */
	got = starts(&s, "2027-01-01", "2027-01-23");
	assert_string_equal(got, "2027-01-01T10:00:00+08:00 "
				 "2027-01-15T10:00:00+08:00 "
				 "2027-01-22T10:00:00+08:00");
	free(got);
	sched_free(&s);
	/* An RDATE before DTSTART widens the reach. */
	make(&s, "Asia/Shanghai", false, "2027-01-01T10:00:00",
	     "2027-01-01T12:00:00", "FREQ=DAILY;COUNT=2", "2026-12-25T09:00:00",
	     NULL);
	assert_int_equal(s.reach_start, at("Asia/Shanghai", "2026-12-25T09:00:00"));
	assert_int_equal(s.reach_end, at("Asia/Shanghai", "2027-01-02T12:00:00"));
	got = starts(&s, "2026-12-01", "2027-02-01");
	assert_string_equal(got, "2026-12-25T09:00:00+08:00 "
				 "2027-01-01T10:00:00+08:00 "
				 "2027-01-02T10:00:00+08:00");
	free(got);
	assert_true(sched_has_instance(&s, CT(2026, 12, 25, 9, 0)));
	assert_true(sched_has_instance(&s, CT(2027, 1, 2, 10, 0)));
	assert_false(sched_has_instance(&s, CT(2027, 1, 3, 10, 0)));
	assert_false(sched_has_instance(&s, &(struct civil){ 2027, 1, 2, 10, 0, 1 }));
	sched_free(&s);
}

/*
 * RFC 5545 3.8.5.3: DTSTART is the first instance whatever the rule says:
 * an UNTIL before it, a BYDAY that misses its weekday. An EXDATE still
 * removes it. A rule libical refuses to expand at all is refused when the
 * schedule is prepared, with the rule named.
 */
static void dtstart_always_counts(void **state)
{
	struct sched s;
	struct herr err = { 0 };
	char *got;

	(void)state;
	make(&s, "Asia/Shanghai", false, "2027-01-07T10:00:00",
	     "2027-01-07T12:00:00", "FREQ=WEEKLY;UNTIL=20270101T000000Z", NULL,
	     NULL);
	got = starts(&s, "2026-12-01", "2027-03-01");
	assert_string_equal(got, "2027-01-07T10:00:00+08:00");
	free(got);
	assert_true(sched_has_instance(&s, CT(2027, 1, 7, 10, 0)));
	sched_free(&s);
	/* A Monday DTSTART of a Friday rule: the Monday, then the Fridays. */
	make(&s, "Asia/Shanghai", false, "2027-01-04T10:00:00",
	     "2027-01-04T12:00:00", "FREQ=WEEKLY;BYDAY=FR;COUNT=2", NULL, NULL);
	got = starts(&s, "2026-12-01", "2027-03-01");
	assert_string_equal(got, "2027-01-04T10:00:00+08:00 "
				 "2027-01-08T10:00:00+08:00 "
				 "2027-01-15T10:00:00+08:00");
	free(got);
	sched_free(&s);
	make(&s, "Asia/Shanghai", false, "2027-01-04T10:00:00",
	     "2027-01-04T12:00:00", "FREQ=WEEKLY;BYDAY=FR;COUNT=2", NULL,
	     "2027-01-04T10:00:00");
	got = starts(&s, "2026-12-01", "2027-03-01");
	assert_string_equal(got, "2027-01-08T10:00:00+08:00 "
				 "2027-01-15T10:00:00+08:00");
	free(got);
	sched_free(&s);
	sched_init(&s);
	snprintf(s.tzid, sizeof s.tzid, "Asia/Shanghai");
	s.start = cv("2027-01-07T10:00:00");
	s.end = cv("2027-01-07T12:00:00");
	s.rrule = xstrdup("FREQ=MONTHLY;BYDAY=1TH;BYSETPOS=2");
	assert_int_equal(sched_prepare(&s, &err), HE_USER);
	/* Refused before libical searches for a second (sched_guard.c). */
	assert_non_null(strstr(err.msg, "never reach"));
	assert_non_null(strstr(err.msg, "BYSETPOS=2"));
	sched_free(&s);
	/* A sixth Wednesday: libical took seconds to refuse it (fuzz). */
	sched_init(&s);
	snprintf(s.tzid, sizeof s.tzid, "Asia/Shanghai");
	s.start = cv("2027-01-07T10:00:00");
	s.end = cv("2027-01-07T12:00:00");
	s.rrule = xstrdup("FREQ=MONTHLY;COUNT=9;BYDAY=+6WE");
	assert_int_equal(sched_prepare(&s, &err), HE_USER);
	assert_non_null(strstr(err.msg, "beyond the last"));
	sched_free(&s);
	sched_init(&s);
	snprintf(s.tzid, sizeof s.tzid, "Asia/Shanghai");
	s.start = cv("2027-01-07T10:00:00");
	s.end = cv("2027-01-07T12:00:00");
	s.rrule = xstrdup("FREQ=YEARLY;BYDAY=-53FR");
	assert_int_equal(sched_prepare(&s, &err), HE_OK);
	sched_free(&s);
}

static void rule_helpers(void **state)
{
	struct sched s;
	struct civil u;
	char *rule;

	(void)state;
	make(&s, "Asia/Shanghai", false, "2027-01-01T10:00:00",
	     "2027-01-01T12:00:00", "FREQ=WEEKLY;BYDAY=FR;UNTIL=20270226T020000Z",
	     NULL, NULL);
	assert_true(sched_rule_until(&s, &u));
	assert_int_equal(civil_cmp(&u, CT(2027, 2, 26, 10, 0)), 0);
	assert_int_equal(sched_rule_count(s.rrule), 0);
	assert_int_equal(sched_rule_count(NULL), 0);
	assert_int_equal(sched_rule_count("nonsense"), 0);
	assert_int_equal(sched_count_before(&s, &u), -1);
	assert_true(sched_has_instance(&s, &u));
	rule = sched_rule_with_end(&s, s.rrule, CT(2027, 2, 12, 10, 0),
				   0);
	assert_non_null(strstr(rule, "UNTIL=20270212T020000Z"));
	free(rule);
	rule = sched_rule_with_end(&s, s.rrule, NULL, 4);
	assert_non_null(strstr(rule, "COUNT=4"));
	assert_null(strstr(rule, "UNTIL"));
	free(rule);
	assert_null(sched_rule_with_end(&s, "garbage", NULL, 4));
	sched_free(&s);

	make(&s, "Europe/Berlin", true, "2027-01-01", "2027-01-02",
	     "FREQ=DAILY;COUNT=10", NULL, "2027-01-03");
	assert_int_equal(sched_rule_count(s.rrule), 10);
	assert_false(sched_rule_until(&s, &u));
	assert_int_equal(sched_count_before(&s, CT(2027, 1, 1, 0, 0)), 0);
	/* Excluded instances still count towards COUNT. */
	assert_int_equal(sched_count_before(&s, CT(2027, 1, 5, 0, 0)), 4);
	assert_false(sched_has_instance(&s, CT(2027, 1, 3, 0, 0)));
	assert_false(sched_has_instance(&s, CT(2027, 1, 11, 0, 0)));
	assert_true(sched_has_instance(&s, CT(2027, 1, 10, 0, 0)));
	assert_int_equal(s.reach_end, at("Europe/Berlin", "2027-01-11"));
	rule = sched_rule_with_end(&s, s.rrule, CT(2027, 1, 4, 0, 0), 0);
	assert_non_null(strstr(rule, "UNTIL=20270104"));
	assert_null(strstr(rule, "UNTIL=20270104T"));
	free(rule);
	assert_int_equal(sched_duration(&s), 86400);
	sched_free(&s);
}

/* The simple editor's view of a rule, and back. */
static void rule_parts(void **state)
{
	static const char *const simple[] = {
		"FREQ=DAILY", "FREQ=DAILY;INTERVAL=3;COUNT=10",
		"FREQ=WEEKLY;BYDAY=FR,SA,SU", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE",
		"FREQ=MONTHLY;COUNT=6", "FREQ=YEARLY;INTERVAL=4",
		"FREQ=WEEKLY;BYDAY=SA;UNTIL=20270131T155959Z",
	};
	struct sched s;
	struct rule_parts p, q;
	struct herr err = { 0 };
	char *rule;

	(void)state;
	make(&s, "Asia/Shanghai", false, "2027-01-01T10:00:00",
	     "2027-01-01T12:00:00", NULL, NULL, NULL);
	assert_int_equal(sched_rule_parts(&s, NULL, &p, &err), HE_OK);
	assert_int_equal(p.freq, RULE_NONE);
	assert_true(p.simple);
	assert_null(sched_rule_build(&s, &p));
	assert_int_equal(sched_rule_parts(&s, "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR,SA,SU;"
					  "UNTIL=20270131T155959Z", &p, &err), HE_OK);
	assert_int_equal(p.freq, RULE_WEEKLY);
	assert_int_equal(p.interval, 2);
	assert_int_equal(p.weekdays, (1u << 4) | (1u << 5) | (1u << 6));
	assert_true(p.has_until);
	assert_int_equal(civil_cmp(&p.until, &(struct civil){ 2027, 1, 31, 23, 59, 59 }),
			 0);
	assert_true(p.simple);
	for (size_t i = 0; i < sizeof simple / sizeof *simple; i++) {
		assert_int_equal(sched_rule_parts(&s, simple[i], &p, &err), HE_OK);
		assert_true(p.simple);
		rule = sched_rule_build(&s, &p);
		assert_int_equal(sched_rule_parts(&s, rule, &q, &err), HE_OK);
		assert_int_equal(p.freq, q.freq);
		assert_int_equal(p.interval, q.interval);
		assert_int_equal(p.weekdays, q.weekdays);
		assert_int_equal(p.count, q.count);
		assert_int_equal(p.has_until, q.has_until);
		if (p.has_until)
			assert_int_equal(civil_cmp(&p.until, &q.until), 0);
		free(rule);
	}
	/* Parts the simple editor cannot show. */
	assert_int_equal(sched_rule_parts(&s, "FREQ=MONTHLY;BYDAY=2SA", &p, &err), HE_OK);
	assert_false(p.simple);
	assert_int_equal(sched_rule_parts(&s, "FREQ=MONTHLY;BYMONTHDAY=-1", &p, &err),
			 HE_OK);
	assert_false(p.simple);
	assert_int_equal(sched_rule_parts(&s, "FREQ=HOURLY;INTERVAL=5", &p, &err), HE_OK);
	assert_int_equal(p.freq, RULE_HOURLY);
	assert_false(p.simple);
	assert_int_equal(sched_rule_parts(&s, "nonsense", &p, &err), HE_USER);
	/* Built from scratch: weekdays are ignored for a daily rule. */
	memset(&p, 0, sizeof p);
	p.freq = RULE_DAILY;
	p.interval = 1;
	p.weekdays = 1;
	p.count = 5;
	rule = sched_rule_build(&s, &p);
	assert_string_equal(rule, "FREQ=DAILY;COUNT=5");
	free(rule);
	p.freq = RULE_WEEKLY;
	p.count = 0;
	p.has_until = true;
	p.until = *CT(2027, 2, 26, 10, 0);
	rule = sched_rule_build(&s, &p);
	assert_non_null(strstr(rule, "BYDAY=MO"));
	assert_non_null(strstr(rule, "UNTIL=20270226T020000Z"));
	free(rule);
	sched_free(&s);
}

static void civil_lists(void **state)
{
	struct civil_list l = { 0 }, m = { 0 };
	char *text;

	(void)state;
	assert_null(civil_list_format(&l, false));
	assert_true(civil_list_parse(NULL, &l));
	assert_true(civil_list_parse("", &l));
	assert_int_equal(l.n, 0);
	assert_true(civil_list_parse("2027-01-08T10:00:00 2027-01-15T10:00:00", &l));
	assert_int_equal(l.n, 2);
	text = civil_list_format(&l, false);
	assert_string_equal(text, "2027-01-08T10:00:00 2027-01-15T10:00:00");
	free(text);
	text = civil_list_format(&l, true);
	assert_string_equal(text, "2027-01-08 2027-01-15");
	free(text);
	assert_true(civil_list_has(&l, CT(2027, 1, 15, 10, 0)));
	civil_list_add(&l, *CT(2027, 1, 15, 10, 0));
	assert_int_equal(civil_list_remove(&l, CT(2027, 1, 15, 10, 0)),
			 2);
	assert_int_equal(civil_list_remove(&l, CT(2030, 1, 1, 0, 0)), 0);
	assert_int_equal(l.n, 1);
	assert_false(civil_list_parse("2027-01-08 garbage", &m));
	assert_false(civil_list_parse("2027-02-30", &m));
	assert_false(civil_list_parse("2027-01-08T10:00:00000000000000000000000000",
				      &m));
	civil_list_free(&l);
	civil_list_free(&m);
	assert_int_equal(l.n, 0);
}

static void copy_is_deep(void **state)
{
	struct sched a, b;

	(void)state;
	make(&a, "Asia/Shanghai", false, "2027-01-01T10:00:00",
	     "2027-01-01T12:00:00", "FREQ=DAILY;COUNT=3", "2027-02-01T10:00:00",
	     "2027-01-02T10:00:00");
	sched_copy(&b, &a);
	sched_free(&a);
	assert_string_equal(b.tzid, "Asia/Shanghai");
	assert_non_null(strstr(b.rrule, "COUNT=3"));
	assert_non_null(strstr(b.xrule, "UNTIL"));
	assert_int_equal(b.rdates.n, 1);
	assert_int_equal(b.exdates.n, 1);
	sched_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(expand_matches_reference),
		cmocka_unit_test(count_equals_until_rewrite),
		cmocka_unit_test(daily_across_dst),
		cmocka_unit_test(century_later),
		cmocka_unit_test(rejected_rules),
		cmocka_unit_test(parse_rule_normalises),
		cmocka_unit_test(bad_times),
		cmocka_unit_test(one_off_and_empty_windows),
		cmocka_unit_test(windows_to_forever),
		cmocka_unit_test(exdates_and_rdates),
		cmocka_unit_test(dtstart_always_counts),
		cmocka_unit_test(rule_helpers),
		cmocka_unit_test(rule_parts),
		cmocka_unit_test(civil_lists),
		cmocka_unit_test(copy_is_deep),
	};
	return cmocka_run_group_tests(tests, NULL, teardown_all);
}
