/* test_day_samples.c - per-day samples and counts for month and week views,
 * and a month of a daily series. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "../../core/series.h"
#include "testutil.h"

#define ZONE "Asia/Shanghai"

/* A daily series at hh:00 from 2027-01-01 for ndays days. */
static void add_daily(struct store *st, const char *title, int hh, int ndays)
{
	struct series s;
	struct herr err = { 0 };
	char *rule = xasprintf("FREQ=DAILY;COUNT=%d", ndays);

	series_init(&s);
	s.kind = xstrdup("volunteer");
	s.title = xstrdup(title);
	snprintf(s.sched.tzid, sizeof s.sched.tzid, "%s", ZONE);
	s.sched.start = (struct civil){ 2027, 1, 1, hh, 0, 0 };
	s.sched.end = (struct civil){ 2027, 1, 1, hh + 1, 0, 0 };
	s.sched.rrule = rule;
	if (store_series_save(st, &s, &err) != HE_OK)
		fail_msg("%s", err.msg);
	series_free(&s);
}

static void bounds_from(int64_t *b, int ndays)
{
	for (int i = 0; i <= ndays; i++) {
		struct civil d = civil_add_days(cv("2027-01-30"), i);
		b[i] = tz_to_utc(tz_get(ZONE), &d);
	}
}

static void samples_count_every_day_but_load_a_few(void **state)
{
	struct store *st = open_new("samples.db");
	struct occ_list l = { 0 };
	struct herr err = { 0 };
	int64_t b[8];
	size_t counts[7];

	(void)state;
	/* Five series a day until 3 February, then nothing. */
	for (int k = 0; k < 5; k++) {
		char *t = xasprintf("第%d项", k);
		add_daily(st, t, 8 + k, 34);
		free(t);
	}
	bounds_from(b, 7);
	assert_int_equal(store_day_samples(st, b, 7, NULL, 2, &l, counts, &err), HE_OK);
	/* 30 Jan .. 3 Feb have five each (the month boundary is crossed). */
	for (int i = 0; i < 5; i++)
		assert_int_equal(counts[i], 5);
	assert_int_equal(counts[5], 0);
	assert_int_equal(counts[6], 0);
	assert_int_equal(l.n, 10);
	/* Two a day, the earliest, in order, each inside its day. */
	for (size_t i = 0; i < l.n; i++) {
		assert_true(l.v[i].start >= b[i / 2] && l.v[i].start < b[i / 2 + 1]);
		if (i % 2)
			assert_true(l.v[i].start > l.v[i - 1].start);
	}
	assert_string_equal(l.v[0].title, "第0项");
	assert_string_equal(l.v[1].title, "第1项");
	occ_list_free(&l);
	store_close(&st);
}

/* A daily series over a whole month: one a day, none missed at its ends. */
static void every_day_of_a_month(void **state)
{
	struct store *st = open_new("month.db");
	struct herr err = { 0 };

	(void)state;
	add_daily(st, "驿站", 9, 60);
	struct occ_list l = { 0 };
	assert_int_equal(store_occurrences(st, at(ZONE, "2027-02-01T00:00:00"),
					   at(ZONE, "2027-03-01T00:00:00"), NULL,
					   0, &l, &err), HE_OK);
	assert_int_equal(l.n, 28);
	occ_list_free(&l);
	store_close(&st);
}

/* A timed one-off of minutes at start; returns its series id. */
static int64_t add_one(struct store *st, const char *title, const char *start,
		       int minutes)
{
	struct series s;
	struct herr err = { 0 };
	int64_t id;

	series_init(&s);
	s.kind = xstrdup("volunteer");
	s.title = xstrdup(title);
	snprintf(s.sched.tzid, sizeof s.sched.tzid, "%s", ZONE);
	s.sched.start = cv(start);
	s.sched.end = civil_from_seconds(civil_to_seconds(&s.sched.start) +
					 minutes * 60);
	if (store_series_save(st, &s, &err) != HE_OK)
		fail_msg("%s", err.msg);
	id = s.id;
	series_free(&s);
	return id;
}

static size_t count_at(struct store *st, const char *when)
{
	struct occ_list l = { 0 };
	struct herr err = { 0 };
	int64_t t = at(ZONE, when);
	size_t n;

	assert_int_equal(store_occurrences(st, t, t + 60, NULL, 0, &l, &err),
			 HE_OK);
	n = l.n;
	occ_list_free(&l);
	return n;
}

/*
 * A window meets what is under way at its start, however long: the walk
 * back before it follows the longest short occurrence, and grows when a
 * longer one (or a long series shortened on one day) arrives.
 */
static void under_way_at_the_start(void **state)
{
	struct store *st = open_new("underway.db");
	struct series s;
	struct override *o;
	struct herr err = { 0 };
	int64_t long_id;

	(void)state;
	add_one(st, "一小时", "2027-03-10T09:00:00", 60);
	assert_int_equal(count_at(st, "2027-03-10T09:30:00"), 1);
	assert_int_equal(count_at(st, "2027-03-10T10:30:00"), 0);
	add_one(st, "五小时", "2027-03-10T05:00:00", 300);
	assert_int_equal(count_at(st, "2027-03-10T09:30:00"), 2);
	/* An all-day-long station, shortened to 5 h 50 one day. */
	long_id = add_one(st, "驿站", "2027-03-01T00:00:00", 20 * 60);
	assert_int_equal(store_series_load(st, long_id, &s, &err), HE_OK);
	free(s.sched.rrule);
	s.sched.rrule = xstrdup("FREQ=DAILY;COUNT=30");
	assert_int_equal(sched_prepare(&s.sched, &err), HE_OK);
	assert_int_equal(series_override(&s, CT(2027, 3, 12, 0, 0), &o, &err),
			 HE_OK);
	o->moved = true;
	o->start = cv("2027-03-12T04:00:00");
	o->end = cv("2027-03-12T09:50:00");
	assert_int_equal(store_series_save(st, &s, &err), HE_OK);
	series_free(&s);
	assert_int_equal(count_at(st, "2027-03-12T09:40:00"), 1);
	assert_int_equal(count_at(st, "2027-03-13T19:00:00"), 1);
	store_close(&st);
}

/* f in month and week: one kind counted and sampled, the others not. */
static void one_kind(void **state)
{
	struct store *st = open_new("kind.db");
	struct occ_list l = { 0 };
	struct herr err = { 0 };
	struct series s;
	int64_t b[8];
	size_t counts[7];

	(void)state;
	add_daily(st, "每日站点", 8, 34);
	series_init(&s);
	s.kind = xstrdup("reading");
	s.title = xstrdup("读书会");
	snprintf(s.sched.tzid, sizeof s.sched.tzid, "%s", ZONE);
	s.sched.start = (struct civil){ 2027, 1, 31, 9, 0, 0 };
	s.sched.end = (struct civil){ 2027, 1, 31, 11, 0, 0 };
	if (store_series_save(st, &s, &err) != HE_OK)
		fail_msg("%s", err.msg);
	series_free(&s);
	bounds_from(b, 7);
	assert_int_equal(store_day_samples(st, b, 7, "reading", 5, &l, counts,
					   &err), HE_OK);
	assert_int_equal(counts[0], 0);
	assert_int_equal(counts[1], 1);
	assert_int_equal(counts[2], 0);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].title, "读书会");
	occ_list_free(&l);
	assert_int_equal(store_day_samples(st, b, 7, NULL, 5, &l, counts, &err),
			 HE_OK);
	assert_int_equal(counts[1], 2);
	assert_int_equal(counts[0], 1);
	occ_list_free(&l);
	store_close(&st);
}

static void assert_same_text(const char *a, const char *b)
{
	if (!a || !b)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

/*
 * Samples without texts (the month view ranks them, then looks up the few
 * it draws) are the samples with texts once looked up: the same keys and
 * counts, and the same texts, an override's own title and note included,
 * looked up a few at a time.
 */
static void keys_then_texts(void **state)
{
	struct store *st = open_new("keys.db");
	struct occ_list full = { 0 }, keys = { 0 };
	struct herr err = { 0 };
	struct series s;
	struct override *o;
	int64_t b[8], id;
	size_t counts[7], kcounts[7];
	struct occ **some;
	size_t n = 0;

	(void)state;
	for (int k = 0; k < 4; k++) {
		char *t = xasprintf("第%d项", k);
		add_daily(st, t, 8 + k, 34);
		free(t);
	}
	id = add_one(st, "改过的", "2027-01-31T07:00:00", 60);
	assert_int_equal(store_series_load(st, id, &s, &err), HE_OK);
	s.sched.rrule = xstrdup("FREQ=DAILY;COUNT=5");
	s.venue = xstrdup("街道活动室");
	assert_int_equal(sched_prepare(&s.sched, &err), HE_OK);
	assert_int_equal(series_override(&s, CT(2027, 2, 1, 7, 0), &o, &err),
			 HE_OK);
	o->title = xstrdup("这一次换了名字");
	o->note = xstrdup("改到下午");
	o->moved = true;
	o->start = cv("2027-02-01T15:00:00");
	o->end = cv("2027-02-01T16:00:00");
	assert_int_equal(series_override(&s, CT(2027, 2, 2, 7, 0), &o, &err),
			 HE_OK);
	o->cancelled = true;
	assert_int_equal(store_series_save(st, &s, &err), HE_OK);
	series_free(&s);
	bounds_from(b, 7);
	assert_int_equal(store_day_samples(st, b, 7, NULL, 6, &full, counts,
					   &err), HE_OK);
	assert_int_equal(store_day_keys(st, b, 7, NULL, 6, &keys, kcounts, &err),
			 HE_OK);
	assert_memory_equal(counts, kcounts, sizeof counts);
	assert_int_equal(keys.n, full.n);
	assert_true(full.n >= 12);
	/* Every other one first, then the rest (those done are not asked). */
	some = xcalloc(keys.n + 1, sizeof *some);
	for (size_t i = 0; i < keys.n; i++) {
		assert_null(keys.v[i].title);
		if (i % 2)
			some[n++] = &keys.v[i];
	}
	assert_int_equal(store_occ_details(st, some, n, &err), HE_OK);
	for (size_t i = 0; i < keys.n; i++)
		if (i % 2)
			assert_non_null(keys.v[i].title);
		else
			assert_null(keys.v[i].title);
	for (size_t i = 0; i < keys.n; i++)
		some[i] = &keys.v[i];
	assert_int_equal(store_occ_details(st, some, keys.n, &err), HE_OK);
	for (size_t i = 0; i < keys.n; i++) {
		const struct occ *x = &full.v[i], *y = &keys.v[i];
		assert_int_equal(x->series_id, y->series_id);
		assert_int_equal(x->start, y->start);
		assert_int_equal(x->end, y->end);
		assert_int_equal(civil_cmp(&x->rid, &y->rid), 0);
		assert_int_equal(x->cancelled, y->cancelled);
		assert_int_equal(x->overridden, y->overridden);
		assert_int_equal(x->all_day, y->all_day);
		assert_int_equal(x->status, y->status);
		assert_int_equal(x->revision, y->revision);
		assert_string_equal(x->tzid, y->tzid);
		assert_same_text(x->uid, y->uid);
		assert_same_text(x->kind, y->kind);
		assert_same_text(x->title, y->title);
		assert_same_text(x->venue, y->venue);
		assert_same_text(x->description, y->description);
		assert_same_text(x->note, y->note);
	}
	/* The changed one and the cancelled one are among them. */
	n = 0;
	for (size_t i = 0; i < keys.n; i++) {
		if (!strcmp(keys.v[i].title, "这一次换了名字")) {
			assert_string_equal(keys.v[i].note, "改到下午");
			n++;
		}
		n += keys.v[i].cancelled;
	}
	assert_int_equal(n, 2);
	free(some);
	occ_list_free(&full);
	occ_list_free(&keys);
	store_close(&st);
}

/*
 * Days of a week over a change of offset (Berlin, 28 March 2027: a day of
 * 23 hours) and of a week without one: each occurrence counted on its own
 * day, at midnight and just before it too.
 */
static void days_over_a_change_of_offset(void **state)
{
	static const char *const weeks[] = { "2027-03-24", "2027-05-05" };
	struct store *st = open_new("dst.db");
	const struct tz *z = tz_get("Europe/Berlin");
	struct herr err = { 0 };

	(void)state;
	for (int h = 0; h < 24; h += 23) {
		struct series s;
		series_init(&s);
		s.kind = xstrdup("volunteer");
		s.title = xasprintf("%02d点", h);
		snprintf(s.sched.tzid, sizeof s.sched.tzid, "Europe/Berlin");
		s.sched.start = (struct civil){ 2027, 3, 1, h, h ? 30 : 0, 0 };
		s.sched.end = (struct civil){ 2027, 3, 1, h, h ? 59 : 30, 0 };
		s.sched.rrule = xstrdup("FREQ=DAILY;COUNT=90");
		if (store_series_save(st, &s, &err) != HE_OK)
			fail_msg("%s", err.msg);
		series_free(&s);
	}
	for (size_t w = 0; w < 2; w++) {
		struct occ_list l = { 0 };
		int64_t b[8];
		size_t counts[7];
		for (int i = 0; i <= 7; i++) {
			struct civil d = civil_add_days(cv(weeks[w]), i);
			b[i] = tz_to_utc(z, &d);
		}
		assert_int_equal(store_day_keys(st, b, 7, NULL, 4, &l, counts,
						&err), HE_OK);
		assert_int_equal(l.n, 14);
		for (size_t i = 0; i < l.n; i++) {
			struct civil c = tz_from_utc(z, l.v[i].start, NULL);
			struct civil want = civil_add_days(cv(weeks[w]),
							   (int64_t)i / 2);
			assert_int_equal(counts[i / 2], 2);
			assert_int_equal(c.day, want.day);
			assert_int_equal(c.hour, i % 2 ? 23 : 0);
		}
		occ_list_free(&l);
	}
	store_close(&st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(samples_count_every_day_but_load_a_few),
		cmocka_unit_test(one_kind),
		cmocka_unit_test(keys_then_texts),
		cmocka_unit_test(days_over_a_change_of_offset),
		cmocka_unit_test(every_day_of_a_month),
		cmocka_unit_test(under_way_at_the_start),
	};
	return cmocka_run_group_tests(tests, NULL, teardown_all);
}
