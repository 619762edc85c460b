/*
 * test_occ_index.c - the occurrence index as a pattern per series: a
 * window over the changes of a daily series, ties in start ordered by
 * series in both directions, what is under way at a window's start,
 * queries that write nothing (and one inside a write that keeps what it
 * indexed), windows centuries away answered and never
 * stored, the horizon of rules without a pattern following today, and the
 * migration from a schema-1 file with a materialised index.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "../../core/store.h"
#include "../../core/store_int.h" /* occ_preload_pending */
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

/* A daily station's cancelled, moved and excepted days across a month end. */
static void window_over_changes(void **state)
{
	struct store *st = open_new("a.db");
	int64_t from = local(2027, 2, 25, 0, 0), to = local(2027, 3, 5, 0, 0);
	char *one, *pieces;

	(void)state;
	fill(st);
	one = listing(st, from, to);
	/* 25, 26, 27 (cancelled), 28 moved to 1 March, 1 March, 3, 4; fair. */
	assert_non_null(strstr(one, "cancelled"));
	assert_non_null(strstr(one, "改到三月一日"));
	{
		int n = 0;
		for (const char *p = one; (p = strchr(p, '|')); p++)
			n++;
		assert_int_equal(n, 8);
	}
	/* The same read in two pieces (the second from the 1st, what is
	 * under way then included, so the moved one is listed once). */
	{
		char *a = listing(st, from, local(2027, 3, 1, 0, 0));
		char *b = listing(st, local(2027, 3, 1, 0, 0), to);
		pieces = xasprintf("%s%s", a, b);
		free(a);
		free(b);
	}
	assert_string_equal(pieces, one);
	free(one);
	free(pieces);
	store_close(&st);
}

/* PRAGMA data_version of a connection of our own: it moves when another
 * connection commits. */
static void raw_version(sqlite3 *db, long long *v)
{
	sqlite3_stmt *s;

	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA data_version", -1, &s,
					    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	*v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
}

/* Rows of a table, read beside the store. */
static long long count_rows(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	long long n = -1;

	if (sqlite3_open(path, &db) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		fail_msg("%s: %s", path, sqlite3_errmsg(db));
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return n;
}

static long long index_rows(const char *path)
{
	return count_rows(path, "SELECT (SELECT count(*) FROM occ_fixed) +"
			  " (SELECT count(*) FROM occ_cycle) +"
			  " (SELECT count(*) FROM occ_skip) +"
			  " (SELECT count(*) FROM occ_rule)");
}

/*
 * Queries write nothing (another connection's data_version would move),
 * however far away their window: a daily station and a monthly clinic
 * answer in 2600 and 9000 as they do now, and the index holds what it held.
 */
static void queries_write_nothing(void **state)
{
	char *path = scratch_path("readonly.db");
	struct store *st = open_new("readonly.db");
	struct series s;
	sqlite3 *watch;
	long long rows, v0, v1;
	char *far, *farther;

	(void)state;
	fill(st);
	series_at(&s, "义诊", 2027, 1, 12, 9, 0, "FREQ=MONTHLY;BYDAY=2TU");
	save(st, &s);
	rows = index_rows(path);
	assert_int_equal(sqlite3_open(path, &watch), SQLITE_OK);
	raw_version(watch, &v0);
	free(listing(st, local(2027, 1, 1, 0, 0), local(2028, 1, 1, 0, 0)));
	far = listing(st, local(2600, 3, 1, 0, 0), local(2600, 4, 1, 0, 0));
	farther = listing(st, local(9000, 3, 1, 0, 0), local(9000, 4, 1, 0, 0));
	raw_version(watch, &v1);
	assert_int_equal(v0, v1);
	assert_int_equal(index_rows(path), rows);
	/* 11 March is the second Tuesday of March in 2600 and in 9000. */
	assert_non_null(strstr(far, "义诊 "));
	assert_int_equal(strstr(far, "义诊 ") - far, 0);
	{
		int64_t want = local(2600, 3, 11, 9, 0);
		int64_t want2 = local(9000, 3, 11, 9, 0);
		char w[32], w2[32];
		snprintf(w, sizeof w, "义诊 %lld", (long long)want);
		snprintf(w2, sizeof w2, "义诊 %lld", (long long)want2);
		if (!strstr(far, w))
			fail_msg("want %s in %s", w, far);
		assert_non_null(strstr(farther, w2));
	}
	free(far);
	free(farther);
	sqlite3_close(watch);
	store_close(&st);
	free(path);
}

/*
 * A query inside a write transaction (the demo lists occurrences while it
 * loads) keeps what the transaction indexed, even when another process
 * had committed before it began: the next open finds the index
 * up to date instead of indexing those series a second time, which failed
 * on occ_cycle's key and left them out.
 */
static void query_inside_a_write(void **state)
{
	char *path = scratch_path("inside.db");
	struct store *st = open_new("inside.db");
	struct series s;
	struct herr err = { 0 };
	char *before, *after;
	long long rows;

	(void)state;
	free(listing(st, local(2027, 1, 1, 0, 0), local(2027, 2, 1, 0, 0)));
	/* Another process commits before this one begins. */
	raw_sql(path, "INSERT INTO meta (key, value) VALUES ('other', 1)");
	assert_int_equal(store_begin(st, &err), HE_OK);
	series_at(&s, "周五读书会", 2027, 1, 8, 19, 0, "FREQ=WEEKLY;BYDAY=FR");
	save(st, &s);
	series_at(&s, "暖冬驿站", 2027, 1, 1, 8, 0, "FREQ=DAILY");
	save(st, &s);
	free(listing(st, local(2027, 1, 1, 0, 0), local(2027, 2, 1, 0, 0)));
	assert_int_equal(store_commit(st, &err), HE_OK);
	before = listing(st, local(2027, 1, 1, 0, 0), local(2027, 2, 1, 0, 0));
	rows = index_rows(path);
	store_close(&st);
	assert_int_equal(count_rows(path, "SELECT value FROM meta"
				    " WHERE key = 'occ_indexed_to'"), 2);
	assert_int_equal(store_open(&st, path, STORE_EXISTING, &err), HE_OK);
	after = listing(st, local(2027, 1, 1, 0, 0), local(2027, 2, 1, 0, 0));
	assert_string_equal(after, before);
	assert_int_equal(index_rows(path), rows);
	assert_int_equal(count_rows(path, "SELECT count(*) FROM occ_skipped"), 0);
	free(before);
	free(after);
	store_close(&st);
	free(path);
}

/*
 * A rule without a pattern is stored for the horizon around today only;
 * outside it, it is expanded in memory; when today moves on, the next
 * write moves its rows with it, so the file does not grow with time.
 */
static void horizon_follows_today(void **state)
{
	char *path = scratch_path("horizon.db");
	struct store *st = open_new("horizon.db");
	struct series s;
	long long first, later;
	char *in_memory, *stored;

	(void)state;
	store_set_horizon(st, local(2027, 6, 15, 0, 0), 1);
	series_at(&s, "月度义诊", 2020, 1, 14, 9, 0, "FREQ=MONTHLY;BYMONTHDAY=14");
	save(st, &s);
	first = count_rows(path, "SELECT min(start_utc) FROM occ_fixed");
	/* Stored: June 2026 to July 2028, no more. */
	assert_true(first >= local(2026, 6, 1, 0, 0));
	assert_true(count_rows(path, "SELECT count(*) FROM occ_fixed") <= 26);
	/* Outside the horizon too. */
	in_memory = listing(st, local(2024, 1, 1, 0, 0), local(2024, 4, 1, 0, 0));
	assert_int_equal(strncmp(in_memory, "月度义诊", strlen("月度义诊")), 0);
	free(in_memory);
	stored = listing(st, local(2027, 1, 1, 0, 0), local(2027, 4, 1, 0, 0));
	/* Three years later, a write moves the span. */
	store_set_horizon(st, local(2030, 6, 15, 0, 0), 1);
	series_at(&s, "另一个", 2030, 1, 1, 9, 0, NULL);
	save(st, &s);
	later = count_rows(path, "SELECT min(start_utc) FROM occ_fixed");
	assert_true(later >= local(2029, 6, 1, 0, 0));
	assert_true(count_rows(path, "SELECT count(*) FROM occ_fixed") <= 27);
	/* What was stored is now expanded in memory, and the same. */
	in_memory = listing(st, local(2027, 1, 1, 0, 0), local(2027, 4, 1, 0, 0));
	assert_string_equal(in_memory, stored);
	free(in_memory);
	free(stored);
	store_close(&st);
	free(path);
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

/* "title start cancelled|..." of the occurrences overlapping [from, to),
 * or of those listed from `wide` on that end after from. */
static char *overlapping(struct store *st, int64_t wide, int64_t from,
			 int64_t to)
{
	struct occ_list l = { 0 };
	struct occ_filter all = { .with_cancelled = true };
	struct sbuf b = { 0 };
	struct herr err = { 0 };

	if (store_occurrences(st, wide, to, &all, 0, &l, &err) != HE_OK)
		fail_msg("%s", err.msg);
	for (size_t i = 0; i < l.n; i++)
		if (l.v[i].end > from)
			sbuf_addf(&b, "%s %lld%s|", l.v[i].title,
				  (long long)l.v[i].start,
				  l.v[i].cancelled ? " cancelled" : "");
	occ_list_free(&l);
	return sbuf_take(&b);
}

/*
 * Long occurrences of patterns under way at a window's start are looked
 * for days back, their exception dates and changes one by one: from any
 * moment, what a window lists as under way is what a listing from a week
 * earlier has still going on then. Three-day weekly fairs (one excepted,
 * one cancelled, one moved a day later, one shortened to a day) and a
 * night shift of ten hours every day (one excepted, one moved).
 */
static void long_changes_under_way(void **state)
{
	struct store *st = open_new("longchg.db");
	struct series s;
	struct override *o;
	int checked = 0;

	(void)state;
	series_at(&s, "三天集市", 2027, 3, 1, 0, 0, "FREQ=WEEKLY;COUNT=8");
	s.sched.all_day = true;
	s.sched.end = civil_add_days(s.sched.start, 3);
	civil_list_add(&s.sched.exdates, (struct civil){ 2027, 3, 8, 0, 0, 0 });
	assert_int_equal(sched_prepare(&s.sched, NULL), HE_OK);
	assert_int_equal(series_override(&s, &(struct civil){ 2027, 3, 15, 0, 0, 0 },
					 &o, NULL), HE_OK);
	o->cancelled = true;
	assert_int_equal(series_override(&s, &(struct civil){ 2027, 3, 22, 0, 0, 0 },
					 &o, NULL), HE_OK);
	o->moved = true;
	o->start = (struct civil){ 2027, 3, 23, 0, 0, 0 };
	o->end = (struct civil){ 2027, 3, 26, 0, 0, 0 };
	assert_int_equal(series_override(&s, &(struct civil){ 2027, 3, 29, 0, 0, 0 },
					 &o, NULL), HE_OK);
	o->moved = true;
	o->start = (struct civil){ 2027, 3, 29, 0, 0, 0 };
	o->end = (struct civil){ 2027, 3, 30, 0, 0, 0 };
	save(st, &s);
	series_at(&s, "夜班", 2027, 3, 1, 20, 0, "FREQ=DAILY;COUNT=40");
	s.sched.end = (struct civil){ 2027, 3, 2, 6, 0, 0 };
	civil_list_add(&s.sched.exdates, (struct civil){ 2027, 3, 9, 20, 0, 0 });
	assert_int_equal(sched_prepare(&s.sched, NULL), HE_OK);
	assert_int_equal(series_override(&s, &(struct civil){ 2027, 3, 16, 20, 0, 0 },
					 &o, NULL), HE_OK);
	o->moved = true;
	o->start = (struct civil){ 2027, 3, 17, 1, 0, 0 };
	o->end = (struct civil){ 2027, 3, 17, 11, 0, 0 };
	save(st, &s);
	/* Every three hours of March. */
	for (int64_t t = local(2027, 3, 1, 1, 0); t < local(2027, 4, 2, 0, 0);
	     t += 3 * 3600, checked++) {
		char *got = overlapping(st, t, t, t + 3600);
		char *want = overlapping(st, t - 7 * 86400, t, t + 3600);
		assert_string_equal(got, want);
		/* Excepted; moved from the 22nd to the 23rd; shortened to
		   the 29th; cancelled; the night shift moved to 01:00. */
		if (t == local(2027, 3, 9, 4, 0) || t == local(2027, 3, 22, 13, 0) ||
		    t == local(2027, 3, 30, 10, 0))
			assert_null(strstr(got, "三天集市"));
		if (t == local(2027, 3, 24, 1, 0)) {
			char *moved = xasprintf("三天集市 %lld|",
						(long long)local(2027, 3, 23, 0, 0));
			assert_non_null(strstr(got, moved));
			free(moved);
		}
		if (t == local(2027, 3, 16, 1, 0))
			assert_non_null(strstr(got, "cancelled"));
		if (t == local(2027, 3, 17, 4, 0)) {
			char *was = xasprintf("夜班 %lld|",
					      (long long)local(2027, 3, 16, 20, 0));
			char *now = xasprintf("夜班 %lld|",
					      (long long)local(2027, 3, 17, 1, 0));
			assert_null(strstr(got, was));
			assert_non_null(strstr(got, now));
			free(was);
			free(now);
		}
		free(got);
		free(want);
	}
	assert_int_equal(checked, 256);
	store_close(&st);
}

/* Windows over March and April listed by st: months, days, hours, and
 * from moments inside long occurrences. */
static char *windows(struct store *st)
{
	struct sbuf b = { 0 };

	for (int d = 1; d <= 60; d += 3) {
		int64_t t = local(2027, 3, 1, 0, 0) + (int64_t)d * 86400 + d * 1811;
		int64_t spans[] = { 40 * 86400, 86400, 3 * 3600 };
		for (size_t i = 0; i < 3; i++) {
			char *l = listing(st, t, t + spans[i]);
			sbuf_add(&b, l);
			sbuf_addc(&b, '\n');
			free(l);
		}
	}
	return sbuf_take(&b);
}

/*
 * Patterns kept in memory (the full-screen interface) give the listings
 * SQLite gives: read ahead a few rows at a time or all at once, after this
 * connection changed the index, and after another one did.
 */
static void kept_patterns(void **state)
{
	struct store *st = open_new("kept.db"), *other;
	char *path = xstrdup(store_path(st));
	struct series s;
	struct herr err = { 0 };
	char *plain, *got;
	bool done = false;
	int steps = 0;

	(void)state;
	fill(st);
	series_at(&s, "三天集市", 2027, 3, 1, 0, 0, "FREQ=WEEKLY;COUNT=8");
	s.sched.all_day = true;
	s.sched.end = civil_add_days(s.sched.start, 3);
	civil_list_add(&s.sched.exdates, (struct civil){ 2027, 3, 8, 0, 0, 0 });
	assert_int_equal(sched_prepare(&s.sched, NULL), HE_OK);
	save(st, &s);
	for (int i = 0; i < 12; i++) {
		char title[32];
		snprintf(title, sizeof title, "周会%d", i);
		series_at(&s, title, 2027, 2, 1 + i, 7 + i, 5 * i,
			  i % 3 ? "FREQ=WEEKLY;BYDAY=MO,WE,FR" : "FREQ=DAILY");
		if (i % 4 == 1)
			civil_list_add(&s.sched.exdates, (struct civil){
				2027, 3, 10 + i, 7 + i, 5 * i, 0 });
		assert_int_equal(sched_prepare(&s.sched, NULL), HE_OK);
		save(st, &s);
	}
	plain = windows(st);
	store_keep_patterns(st, true);
	/* Read ahead three rows at a time, listing between the steps. */
	while (!done) {
		assert_int_equal(store_preload_patterns(st, 3, &done, &err), HE_OK);
		if (steps++ % 4 == 0) {
			got = windows(st);
			assert_string_equal(got, plain);
			free(got);
		}
	}
	assert_true(steps >= 2);
	got = windows(st);
	assert_string_equal(got, plain);
	free(got);
	/* This connection changes the index: listings see the change. */
	series_at(&s, "新活动", 2027, 3, 2, 18, 0, "FREQ=DAILY;COUNT=50");
	save(st, &s);
	store_keep_patterns(st, false);
	free(plain);
	plain = windows(st);
	store_keep_patterns(st, true);
	got = windows(st);
	assert_string_equal(got, plain);
	free(got);
	/* Another connection does. */
	assert_int_equal(store_open(&other, path, STORE_EXISTING, &err), HE_OK);
	series_at(&s, "别处加的", 2027, 3, 3, 19, 0, "FREQ=WEEKLY;COUNT=9");
	save(other, &s);
	store_close(&other);
	got = windows(st);
	assert_non_null(strstr(got, "别处加的"));
	store_keep_patterns(st, false);
	free(plain);
	plain = windows(st);
	assert_string_equal(got, plain);
	free(got);
	free(plain);
	free(path);
	store_close(&st);
}

/* Waits for the preload thread to finish reading (it is not taken). */
static void preload_finished(struct store *st)
{
	struct timespec ms = { 0, 1000000L };

	for (int i = 0; i < 20000 && occ_preload_pending(st); i++)
		nanosleep(&ms, NULL);
	assert_false(occ_preload_pending(st));
}

/*
 * The patterns read by a thread on a connection of its own (the interface
 * from its start) give the listings SQLite gives, and are taken only when
 * nothing was committed since they were read: not after this connection
 * wrote, not after another one did.
 */
static void preloaded_patterns(void **state)
{
	struct store *st = open_new("preload.db"), *other;
	char *path = xstrdup(store_path(st));
	struct series s;
	struct herr err = { 0 };
	char *plain, *got;
	bool done = false;

	(void)state;
	fill(st);
	for (int i = 0; i < 12; i++) {
		char title[32];
		snprintf(title, sizeof title, "周会%d", i);
		series_at(&s, title, 2027, 2, 1 + i, 7 + i, 5 * i,
			  i % 3 ? "FREQ=WEEKLY;BYDAY=MO,WE,FR" : "FREQ=DAILY");
		save(st, &s);
	}
	plain = windows(st);
	/* Not without patterns kept. */
	assert_false(store_preload_start(st));
	store_keep_patterns(st, true);
	assert_true(store_preload_start(st));
	assert_false(store_preload_start(st));
	got = windows(st);
	assert_string_equal(got, plain);
	free(got);
	/* Taken whole: nothing is left to read ahead, even a row at a time. */
	assert_int_equal(store_preload_patterns(st, 1, &done, &err), HE_OK);
	assert_true(done);

	/* Read, then this connection writes: the thread's rows lack it. */
	store_keep_patterns(st, false);
	store_keep_patterns(st, true);
	assert_true(store_preload_start(st));
	preload_finished(st);
	series_at(&s, "这里加的", 2027, 3, 2, 18, 0, "FREQ=DAILY;COUNT=50");
	save(st, &s);
	got = windows(st);
	assert_non_null(strstr(got, "这里加的"));
	store_keep_patterns(st, false);
	free(plain);
	plain = windows(st);
	assert_string_equal(got, plain);
	free(got);

	/* Read, then another connection writes. */
	store_keep_patterns(st, true);
	assert_true(store_preload_start(st));
	preload_finished(st);
	assert_int_equal(store_open(&other, path, STORE_EXISTING, &err), HE_OK);
	series_at(&s, "别处加的", 2027, 3, 3, 19, 0, "FREQ=WEEKLY;COUNT=9");
	save(other, &s);
	store_close(&other);
	got = windows(st);
	assert_non_null(strstr(got, "别处加的"));
	store_keep_patterns(st, false);
	free(plain);
	plain = windows(st);
	assert_string_equal(got, plain);
	free(got);

	/* Closed while the thread may still read: it is waited for. */
	store_keep_patterns(st, true);
	assert_true(store_preload_start(st));
	free(plain);
	free(path);
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
	sql = xasprintf("DROP TABLE occ_fixed; DROP TABLE occ_cycle;"
		"DROP TABLE occ_skip; DROP TABLE occ_rule; DROP TABLE occ_zone;"
		"DROP INDEX series_title; DROP INDEX series_kind;"
		"DROP TABLE series_ical;"
		DROP_SYNC_TABLES DROP_PEOPLE_TABLES
		"DROP TABLE tally_sum; DROP INDEX override_long;"
		"DROP TABLE tally; DROP TABLE suggestion_status;"
		"DROP TABLE suggestion;"
		"DROP TRIGGER venue_geo_add; DROP TRIGGER venue_geo_move;"
		"DROP TRIGGER venue_geo_drop; DROP TABLE venue_geo;"
		"DROP TABLE station; DROP TABLE venue_member; DROP TABLE demand;"
		"DROP TABLE audit_field; DROP TABLE audit; DROP TABLE occ_skipped;"
		"ALTER TABLE series DROP COLUMN alarms;"
		"ALTER TABLE venue DROP COLUMN revision;"
		"ALTER TABLE org DROP COLUMN revision;"
		"ALTER TABLE override DROP COLUMN title;"
		"ALTER TABLE override DROP COLUMN description;"
		"DROP TABLE segment_partner; DROP TABLE segment;"
		"CREATE TABLE segment (series_id INTEGER NOT NULL"
		" REFERENCES series(id) ON DELETE CASCADE, pos INTEGER NOT NULL,"
		" title TEXT NOT NULL, from_min INTEGER, to_min INTEGER,"
		" partner_id INTEGER REFERENCES org(id), note TEXT,"
		" PRIMARY KEY (series_id, pos));"
		"CREATE INDEX segment_partner ON segment(partner_id);"
		"CREATE TABLE occ_month (month INTEGER PRIMARY KEY);"
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
		cmocka_unit_test(window_over_changes),
		cmocka_unit_test(queries_write_nothing),
		cmocka_unit_test(query_inside_a_write),
		cmocka_unit_test(horizon_follows_today),
		cmocka_unit_test(ties_by_series),
		cmocka_unit_test(overlaps_from_before),
		cmocka_unit_test(long_changes_under_way),
		cmocka_unit_test(kept_patterns),
		cmocka_unit_test(preloaded_patterns),
		cmocka_unit_test(migrates_from_schema_1),
	};

	return cmocka_run_group_tests(tests, NULL, teardown_all);
}
