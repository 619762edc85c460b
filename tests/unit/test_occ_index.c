/*
 * test_occ_index.c - the occurrence index as the benchmark work changed it:
 * schema 2 keeps occ clustered by start (migration from a schema-1 file with
 * a materialised index), months missing side by side are materialised in
 * one pass, and ties in start are ordered by series in both directions.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "../../core/store.h"
#include "testutil.h"

#define ZONE "Asia/Shanghai"

static int64_t local(int y, int mo, int d, int h, int mi)
{
	struct civil c = { y, mo, d, h, mi, 0 };
	return tz_to_utc(tz_get(ZONE), &c);
}

/* A series at h:mi local on y-mo-d for two hours, with rule (or none). */
static void series_at(struct series *s, const char *title, int y, int mo,
		      int d, int h, int mi, const char *rule)
{
	series_init(s);
	s->kind = xstrdup("station");
	s->title = xstrdup(title);
	s->venue = xstrdup("盘锦工会驿站（兴隆台）");
	snprintf(s->sched.tzid, sizeof s->sched.tzid, "%s", ZONE);
	s->sched.start = (struct civil){ y, mo, d, h, mi, 0 };
	s->sched.end = s->sched.start;
	s->sched.end.hour += 2;
	s->sched.rrule = xstrdup0(rule);
}

static void save(struct store *st, struct series *s)
{
	struct herr err = { 0 };

	if (store_series_save(st, s, &err) != HE_OK)
		fail_msg("%s: %s", s->title, err.msg);
	series_free(s);
}

/*
 * A daily station across the end of February, one day cancelled, one
 * moved from 28 February to 1 March, one excepted, and a one-off.
 */
static void fill(struct store *st)
{
	struct series s;
	struct override *o;
	struct civil feb27 = { 2027, 2, 27, 8, 0, 0 };
	struct civil feb28 = { 2027, 2, 28, 8, 0, 0 };

	series_at(&s, "暖冬驿站", 2027, 2, 20, 8, 0, "FREQ=DAILY;COUNT=20");
	civil_list_add(&s.sched.exdates, (struct civil){ 2027, 3, 2, 8, 0, 0 });
	assert_int_equal(sched_prepare(&s.sched, NULL), HE_OK);
	assert_int_equal(series_override(&s, &feb27, &o, NULL), HE_OK);
	o->cancelled = true;
	assert_int_equal(series_override(&s, &feb28, &o, NULL), HE_OK);
	o->moved = true;
	o->start = (struct civil){ 2027, 3, 1, 10, 0, 0 };
	o->end = (struct civil){ 2027, 3, 1, 12, 0, 0 };
	o->note = xstrdup("改到三月一日");
	save(st, &s);
	series_at(&s, "文明集市", 2027, 3, 1, 9, 0, NULL);
	save(st, &s);
}

/* "title start note|..." for the occurrences overlapping [from, to). */
static char *listing(struct store *st, int64_t from, int64_t to)
{
	struct occ_list l = { 0 };
	struct occ_filter all = { .with_cancelled = true };
	struct sbuf b = { 0 };
	struct herr err = { 0 };

	if (store_occurrences(st, from, to, &all, 0, &l, &err) != HE_OK)
		fail_msg("%s", err.msg);
	for (size_t i = 0; i < l.n; i++)
		sbuf_addf(&b, "%s %lld%s%s|", l.v[i].title, (long long)l.v[i].start,
			  l.v[i].cancelled ? " cancelled " : " ",
			  l.v[i].note ? l.v[i].note : "");
	occ_list_free(&l);
	return sbuf_take(&b);
}

/* Two months materialised in one pass give what month by month gives. */
static void months_in_one_pass(void **state)
{
	struct store *a = open_new("a.db"), *b = open_new("b.db");
	int64_t from = local(2027, 2, 25, 0, 0), to = local(2027, 3, 5, 0, 0);
	char *one, *by_month;

	(void)state;
	fill(a);
	fill(b);
	/* b: February alone first, then March alone, then the window. */
	free(listing(b, local(2027, 2, 10, 0, 0), local(2027, 2, 11, 0, 0)));
	free(listing(b, local(2027, 3, 20, 0, 0), local(2027, 3, 21, 0, 0)));
	by_month = listing(b, from, to);
	one = listing(a, from, to);
	assert_string_equal(one, by_month);
	/* 25, 26, 27 (cancelled), 28 moved to 1 March, 1 March, 3, 4; fair. */
	assert_non_null(strstr(one, "cancelled"));
	assert_non_null(strstr(one, "改到三月一日"));
	{
		int n = 0;
		for (const char *p = one; (p = strchr(p, '|')); p++)
			n++;
		assert_int_equal(n, 8);
	}
	free(one);
	free(by_month);
	store_close(&a);
	store_close(&b);
}

/* Same start: in the order the series were created, both ways. */
static void ties_by_series(void **state)
{
	static const char *const titles[] = { "丙", "甲", "乙", "丁" };
	struct store *st = open_new("ties.db");
	struct occ_list l = { 0 };
	int64_t at = local(2027, 3, 10, 9, 30);
	struct herr err = { 0 };

	(void)state;
	for (int i = 0; i < 4; i++) {
		struct series s;
		series_at(&s, titles[i], 2027, 3, 3, 9, 30, "FREQ=WEEKLY");
		save(st, &s);
	}
	assert_int_equal(store_occurrences(st, at, at + 1, NULL, 0, &l, &err),
			 HE_OK);
	assert_int_equal(l.n, 4);
	for (size_t i = 0; i < l.n; i++)
		assert_string_equal(l.v[i].title, titles[i]);
	occ_list_free(&l);
	/* The six latest before the 17th: two from the 3rd, four from the 10th. */
	assert_int_equal(store_occurrences_before(st, local(2027, 3, 17, 0, 0), 0,
						  NULL, 6, &l, &err), HE_OK);
	assert_int_equal(l.n, 6);
	assert_int_equal(l.v[0].start, at - 7 * 86400);
	assert_int_equal(l.v[1].start, at - 7 * 86400);
	/* The latest two of the 3rd are the last two created. */
	assert_string_equal(l.v[0].title, titles[2]);
	assert_string_equal(l.v[1].title, titles[3]);
	for (size_t i = 2; i < 6; i++) {
		assert_int_equal(l.v[i].start, at);
		assert_string_equal(l.v[i].title, titles[i - 2]);
	}
	occ_list_free(&l);
	store_close(&st);
}

/* A one-off from y-mo-d h:mi lasting minutes (all-day when h < 0: days). */
static void one_off(struct store *st, const char *title, int d, int h, int mi,
		    int length)
{
	struct series s;

	series_at(&s, title, 2027, 3, d, h < 0 ? 0 : h, mi, NULL);
	if (h < 0) {
		s.sched.all_day = true;
		s.sched.start.hour = s.sched.start.min = 0;
		s.sched.end = civil_add_days(s.sched.start, length);
	} else {
		s.sched.end = civil_from_seconds(civil_to_seconds(&s.sched.start) +
						 length * 60);
	}
	save(st, &s);
}

/*
 * What overlaps 10 March 12:00: short occurrences are found by walking
 * back six hours, longer ones through occ_long, however long ago they began.
 */
static void overlaps_from_before(void **state)
{
	struct store *st = open_new("long.db");
	int64_t from = local(2027, 3, 10, 12, 0);
	struct occ_list l = { 0 };
	struct herr err = { 0 };
	char *got;

	(void)state;
	one_off(st, "A短", 10, 8, 0, 5 * 60);         /* 08:00-13:00 */
	one_off(st, "B三天", 8, -1, 0, 3);            /* 8-10 March, all day */
	one_off(st, "C七小时", 10, 5, 30, 7 * 60);     /* 05:30-12:30 */
	one_off(st, "D已结束", 10, 6, 30, 5 * 60);     /* 06:30-11:30 */
	one_off(st, "E已结束", 10, 4, 0, 7 * 60);      /* 04:00-11:00 */
	one_off(st, "F之后", 10, 14, 0, 60);
	one_off(st, "G恰好", 10, 6, 0, 6 * 60);        /* 06:00-12:00 */
	got = listing(st, from, from + 86400);
	/* By start: B (8 March), C (05:30), A (08:00), F (14:00). */
	assert_int_equal(strncmp(got, "B三天", strlen("B三天")), 0);
	assert_non_null(strstr(got, "|C七小时"));
	assert_true(strstr(got, "|C七小时") < strstr(got, "|A短"));
	assert_true(strstr(got, "|A短") < strstr(got, "|F之后"));
	assert_null(strstr(got, "已结束"));
	assert_null(strstr(got, "G恰好"));
	free(got);
	assert_int_equal(store_occurrences(st, from, from + 86400, NULL, 2, &l,
					   &err), HE_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0].title, "B三天");
	assert_string_equal(l.v[1].title, "C七小时");
	occ_list_free(&l);
	/* Asked for what starts in the window only: F alone. */
	{
		struct occ_filter starting = { .starting = true };
		assert_int_equal(store_occurrences(st, from, from + 86400,
						   &starting, 0, &l, &err), HE_OK);
		assert_int_equal(l.n, 1);
		assert_string_equal(l.v[0].title, "F之后");
		occ_list_free(&l);
	}
	store_close(&st);
}

/*
 * A schema-1 file whose index was materialised (with a stale row nobody
 * should see) opens at the current schema, and the index is built afresh:
 * without the migration the stale row would show.
 */
static void migrates_from_schema_1(void **state)
{
	char *path = scratch_path("v1.db");
	struct store *st = open_new("v1.db");
	int64_t from = local(2027, 2, 25, 0, 0), to = local(2027, 3, 5, 0, 0);
	char *before, *after, *sql;

	(void)state;
	fill(st);
	before = listing(st, from, to);
	store_close(&st);
	/* Back to schema 1: later migrations' tables go too, and segments
	   take their first shape (one partner_id). */
	sql = xasprintf("DROP TABLE occ; DROP TABLE series_ical;"
		DROP_SYNC_TABLES DROP_PEOPLE_TABLES
		"DROP TABLE tally; DROP TABLE suggestion_status;"
		"DROP TABLE suggestion;"
		"DROP TRIGGER venue_geo_add; DROP TRIGGER venue_geo_move;"
		"DROP TRIGGER venue_geo_drop; DROP TABLE venue_geo;"
		"DROP TABLE station; DROP TABLE venue_member; DROP TABLE demand;"
		"DROP TABLE audit_field; DROP TABLE audit; DROP TABLE occ_skipped;"
		"ALTER TABLE series DROP COLUMN alarms;"
		"DROP TABLE segment_partner; DROP TABLE segment;"
		"CREATE TABLE segment (series_id INTEGER NOT NULL"
		" REFERENCES series(id) ON DELETE CASCADE, pos INTEGER NOT NULL,"
		" title TEXT NOT NULL, from_min INTEGER, to_min INTEGER,"
		" partner_id INTEGER REFERENCES org(id), note TEXT,"
		" PRIMARY KEY (series_id, pos));"
		"CREATE INDEX segment_partner ON segment(partner_id);"
		"CREATE TABLE occ (start_utc INTEGER NOT NULL,"
		" end_utc INTEGER NOT NULL, series_id INTEGER NOT NULL,"
		" rid INTEGER NOT NULL, cancelled INTEGER NOT NULL,"
		" overridden INTEGER NOT NULL);"
		"CREATE INDEX occ_start ON occ(start_utc);"
		"CREATE INDEX occ_series ON occ(series_id);"
		"INSERT INTO occ VALUES (%lld, %lld, 1, 0, 0, 0);"
		"PRAGMA user_version = 1;", (long long)from + 60,
		(long long)from + 120);
	raw_sql(path, sql);
	free(sql);
	assert_int_equal(store_open(&st, path, STORE_EXISTING, NULL), HE_OK);
	after = listing(st, from, to);
	assert_string_equal(after, before);
	store_close(&st);
	free(before);
	free(after);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(months_in_one_pass),
		cmocka_unit_test(ties_by_series),
		cmocka_unit_test(overlaps_from_before),
		cmocka_unit_test(migrates_from_schema_1),
	};

	return cmocka_run_group_tests(tests, NULL, teardown_all);
}
