/*
 * test_store_occ.c - the occurrence index and the queries on it.
 *
 * Most checks compare what store_occurrences returns with a brute-force
 * answer computed from the series themselves (expanded with sched_expand,
 * overrides applied by hand), and the index of a database that was edited
 * after its months were materialised with that of a fresh database holding
 * the same series.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "../../core/store.h"
#include "testutil.h"

#define DAY 86400LL

struct spec {
	const char *title, *kind, *zone, *start, *end, *rule, *venue, *org;
	enum status status;
};

/* Saves a series built from sp; returns its id. */
static int64_t add(struct store *st, const struct spec *sp)
{
	struct series s;
	struct herr err = { 0 };
	int64_t id;

	series_init(&s);
	s.kind = xstrdup(sp->kind ? sp->kind : "station");
	s.title = xstrdup(sp->title);
	s.venue = xstrdup0(sp->venue);
	if (sp->org)
		series_add_org(&s, sp->org, ROLE_PARTNER);
	s.status = sp->status;
	snprintf(s.sched.tzid, sizeof s.sched.tzid, "%s",
		 sp->zone ? sp->zone : "Asia/Shanghai");
	s.sched.all_day = strlen(sp->start) == 10;
	s.sched.start = cv(sp->start);
	s.sched.end = cv(sp->end);
	s.sched.rrule = xstrdup0(sp->rule);
	if (store_series_save(st, &s, &err) != HE_OK)
		fail_msg("%s: %s", sp->title, err.msg);
	id = s.id;
	series_free(&s);
	return id;
}

/* Loads, changes with fn and saves series id. */
static void change(struct store *st, int64_t id,
		   void (*fn)(struct series *s, void *ctx), void *ctx)
{
	struct series s;
	struct herr err = { 0 };

	if (store_series_load(st, id, &s, &err) != HE_OK)
		fail_msg("%s", err.msg);
	fn(&s, ctx);
	if (store_series_save(st, &s, &err) != HE_OK)
		fail_msg("%s", err.msg);
	series_free(&s);
}

/* One line per occurrence: what a user sees of it. */
static void describe_occ(struct sbuf *b, const char *uid, const char *title,
			 int64_t start, int64_t end, bool cancelled,
			 const char *venue, const char *note)
{
	sbuf_addf(b, "%s %s %lld %lld%s @%s #%s\n", uid, title, (long long)start,
		  (long long)end, cancelled ? " cancelled" : "",
		  venue ? venue : "", note ? note : "");
}

/*
 * The occurrences overlapping [from, to): their titles, space-separated,
 * or with full, a line each as describe_occ writes it.
 */
static char *listing(struct store *st, int64_t from, int64_t to,
		     const struct occ_filter *f, size_t limit, bool full)
{
	struct occ_list l = { 0 };
	struct sbuf b = { 0 };
	struct herr err = { 0 };

	if (store_occurrences(st, from, to, f, limit, &l, &err) != HE_OK)
		fail_msg("%s", err.msg);
	for (size_t i = 0; i < l.n; i++) {
		const struct occ *o = &l.v[i];
		if (full)
			describe_occ(&b, o->uid, o->title, o->start, o->end,
				     o->cancelled, o->venue, o->note);
		else
			sbuf_addf(&b, "%s%s", i ? " " : "", o->title);
	}
	occ_list_free(&l);
	return sbuf_take(&b);
}

#define assert_titles(st, from, to, f, limit, want) do { \
	char *got_ = listing((st), (from), (to), (f), (limit), false); \
	assert_string_equal(got_, (want)); \
	free(got_); \
} while (0)

/* ---- brute force: every series expanded, overrides applied by hand ---- */

struct flat {
	int64_t start, end;
	char *line;
	int64_t series_id;
	struct civil rid;
};

/* Ties in start go by series, in the order they were created. */
static int flat_order(const void *a, const void *b)
{
	const struct flat *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->series_id != y->series_id)
		return x->series_id < y->series_id ? -1 : 1;
	return civil_cmp(&x->rid, &y->rid);
}

static char *brute(struct store *st, int64_t from, int64_t to)
{
	struct series_rows rows = { 0 };
	struct flat *v = NULL;
	size_t n = 0, cap = 0;
	struct sbuf b = { 0 };
	struct occ_filter all = { .statuses = 3 };

	assert_int_equal(store_series_list(st, &all, from, &rows, NULL), HE_OK);
	for (size_t r = 0; r < rows.n; r++) {
		struct series s;
		struct instances in = { 0 };
		assert_int_equal(store_series_load(st, rows.v[r].id, &s, NULL), HE_OK);
		assert_int_equal(sched_expand(&s.sched, from - 400 * DAY,
					      to + 400 * DAY, 0, &in, NULL), HE_OK);
		for (size_t i = 0; i < in.n; i++) {
			struct override *o = series_find_override(&s, &in.v[i].rid);
			int64_t a = in.v[i].start, e = in.v[i].end;
			struct sbuf line = { 0 };
			if (o && o->moved) {
				a = sched_instant(&s.sched, &o->start);
				e = sched_instant(&s.sched, &o->end);
			}
			if (a >= to || e <= from || (o && o->cancelled))
				continue;
			describe_occ(&line, s.uid, s.title, a, e, false,
				     o && o->venue ? o->venue : s.venue,
				     o ? o->note : NULL);
			v = xgrow(v, &cap, n + 1, sizeof *v);
			v[n++] = (struct flat){ a, e, sbuf_take(&line), s.id,
						in.v[i].rid };
		}
		instances_free(&in);
		series_free(&s);
	}
	if (n)
		qsort(v, n, sizeof *v, flat_order);
	for (size_t i = 0; i < n; i++) {
		sbuf_add(&b, v[i].line);
		free(v[i].line);
	}
	free(v);
	series_rows_free(&rows);
	return sbuf_take(&b);
}

static void assert_matches_brute(struct store *st, int64_t from, int64_t to)
{
	static const struct occ_filter statuses = { .statuses = 3 };
	char *want = brute(st, from, to);
	char *got = listing(st, from, to, &statuses, 0, true);

	if (strcmp(want, got) != 0)
		fail_msg("window [%lld, %lld):\nwanted:\n%s\ngot:\n%s",
			 (long long)from, (long long)to, want, got);
	free(want);
	free(got);
}

/* ---- fixed cases ---- */

static void overlap_semantics(void **state)
{
	struct store *st = open_new("overlap.db");
	const struct occ_filter starting = { .starting = true };
	int64_t t0 = at("Asia/Shanghai", "2027-01-08T10:00:00");

	(void)state;
	add(st, &(struct spec){ "会", NULL, NULL, "2027-01-08T10:00:00",
				"2027-01-08T12:00:00", NULL, NULL, NULL, 1 });
	assert_titles(st, t0 - 3600, t0, NULL, 0, "");           /* ends at start */
	assert_titles(st, t0 - 3600, t0 + 1, NULL, 0, "会");
	assert_titles(st, t0, t0 + 1, NULL, 0, "会");
	assert_titles(st, t0 + 3600, t0 + 3601, NULL, 0, "会");  /* under way */
	assert_titles(st, t0 + 7199, t0 + 9000, NULL, 0, "会");
	assert_titles(st, t0 + 7200, t0 + 9000, NULL, 0, "");    /* ended */
	assert_titles(st, t0, t0, NULL, 0, "");                  /* empty window */
	assert_titles(st, t0 + 10, t0, NULL, 0, "");
	/* Asked for starts only, one under way is left out. */
	assert_titles(st, t0 + 3600, t0 + 3601, &starting, 0, "");
	assert_titles(st, t0, t0 + 1, &starting, 0, "会");
	assert_titles(st, t0 - 3600, t0, &starting, 0, "");
	store_close(&st);
}

static void filters(void **state)
{
	struct store *st = open_new("filters.db");
	int64_t from = at("Asia/Shanghai", "2027-01-01"), to = from + 30 * DAY;
	struct occ_filter f = { 0 };
	int64_t id;

	(void)state;
	add(st, &(struct spec){ "A读书", "reading", NULL, "2027-01-09T09:00:00",
				"2027-01-09T11:00:00", NULL, "棉织社区党群服务中心",
				"爱在枫乡环保公益协会", STATUS_CONFIRMED });
	add(st, &(struct spec){ "B Fair", "fair", NULL, "2027-01-10T09:00:00",
				"2027-01-10T15:00:00", NULL, "粮库社区文化广场",
				"抚顺总医院", STATUS_TENTATIVE });
	id = add(st, &(struct spec){ "C驿站", "warm-station", NULL, "2027-01-08",
				     "2027-01-11", "FREQ=WEEKLY;COUNT=3",
				     "暖冬志愿服务站", NULL, STATUS_CONFIRMED });
	add(st, &(struct spec){ "D取消", "clinic", NULL, "2027-01-12T09:00:00",
				"2027-01-12T10:00:00", NULL, NULL, NULL,
				STATUS_CANCELLED });
	assert_titles(st, from, to, NULL, 0, "C驿站 A读书 B Fair C驿站 C驿站");
	f.kind = "fair";
	assert_titles(st, from, to, &f, 0, "B Fair");
	f.kind = "fai";
	assert_titles(st, from, to, &f, 0, "");
	f.kind = NULL;
	f.venue = "社区";
	assert_titles(st, from, to, &f, 0, "A读书 B Fair");
	f.venue = NULL;
	f.org = "枫乡";
	assert_titles(st, from, to, &f, 0, "A读书");
	f.org = NULL;
	f.text = "fAiR";
	assert_titles(st, from, to, &f, 0, "B Fair");
	f.text = "暖冬";                      /* the venue's name */
	assert_titles(st, from, to, &f, 0, "C驿站 C驿站 C驿站");
	f.text = NULL;
	f.statuses = 1u << STATUS_CANCELLED;
	assert_titles(st, from, to, &f, 0, "D取消");
	f.statuses = 1u << STATUS_TENTATIVE;
	assert_titles(st, from, to, &f, 0, "B Fair");
	f.statuses = 0;
	f.series_id = id;
	assert_titles(st, from, to, &f, 0, "C驿站 C驿站 C驿站");
	f.series_id = 0;
	/* A cancelled occurrence shows only when asked for. */
	{
		struct override *o;
		struct series s;
		assert_int_equal(store_series_load(st, id, &s, NULL), HE_OK);
		assert_int_equal(series_override(&s, CT(2027, 1, 15, 0, 0), &o, NULL),
				 HE_OK);
		o->cancelled = true;
		o->note = xstrdup("寒潮停开");
		assert_int_equal(store_series_save(st, &s, NULL), HE_OK);
		series_free(&s);
	}
	assert_titles(st, from, to, &f, 0, "C驿站 A读书 B Fair C驿站");
	f.with_cancelled = true;
	assert_titles(st, from, to, &f, 0, "C驿站 A读书 B Fair C驿站 C驿站");
	f.text = "寒潮";                      /* an occurrence's note */
	assert_titles(st, from, to, &f, 0, "C驿站");
	store_close(&st);
}

static void copies(void **state)
{
	struct store *st = open_new("copy.db");
	struct occ_list l = { 0 };
	struct occ c;

	(void)state;
	add(st, &(struct spec){ "读书", NULL, NULL, "2027-01-08T10:00:00",
				"2027-01-08T12:00:00", NULL, "棉织社区", NULL, 1 });
	assert_int_equal(store_occurrences(st, 0, INT32_MAX, NULL, 0, &l, NULL), HE_OK);
	assert_int_equal(l.n, 1);
	occ_copy(&c, &l.v[0]);
	occ_list_free(&l);
	assert_string_equal(c.title, "读书");
	assert_string_equal(c.venue, "棉织社区");
	assert_string_equal(c.tzid, "Asia/Shanghai");
	assert_null(c.note);
	assert_int_equal(c.rid.hour, 10);
	occ_free(&c);
	assert_null(c.title);
	store_close(&st);
}

static void limit_with_ties(void **state)
{
	struct store *st = open_new("ties.db");
	int64_t from = at("Asia/Shanghai", "2027-01-01");
	static const char *const names[] = { "戊", "B", "甲", "A", "乙", "C" };

	(void)state;
	/* Six events at the same moment, and one earlier that is under way. */
	for (size_t i = 0; i < 6; i++)
		add(st, &(struct spec){ names[i], NULL, NULL, "2027-01-31T23:00:00",
					"2027-02-01T01:00:00", NULL, NULL, NULL, 1 });
	add(st, &(struct spec){ "早", NULL, NULL, "2027-01-31T22:00:00",
				"2027-02-01T02:00:00", NULL, NULL, NULL, 1 });
	add(st, &(struct spec){ "晚", NULL, NULL, "2027-02-01T09:00:00",
				"2027-02-01T10:00:00", NULL, NULL, NULL, 1 });
	/* Ties in the order the series were created, cut exactly at a limit. */
	assert_titles(st, from, from + 60 * DAY, NULL, 0, "早 戊 B 甲 A 乙 C 晚");
	assert_titles(st, from, from + 60 * DAY, NULL, 1, "早");
	assert_titles(st, from, from + 60 * DAY, NULL, 3, "早 戊 B");
	assert_titles(st, from, from + 60 * DAY, NULL, 7, "早 戊 B 甲 A 乙 C");
	assert_titles(st, from, from + 60 * DAY, NULL, 8, "早 戊 B 甲 A 乙 C 晚");
	assert_titles(st, from, from + 60 * DAY, NULL, 100, "早 戊 B 甲 A 乙 C 晚");
	/* From inside them: the ones under way come first. */
	assert_titles(st, at("Asia/Shanghai", "2027-02-01T00:30:00"),
		      from + 60 * DAY, NULL, 2, "早 戊");
	store_close(&st);
}

static void before(void **state)
{
	struct store *st = open_new("before.db");
	struct occ_list l = { 0 };
	int64_t now = at("Asia/Shanghai", "2027-03-03T12:00:00");

	(void)state;
	add(st, &(struct spec){ "周会", NULL, NULL, "2026-11-04T19:00:00",
				"2026-11-04T20:00:00", "FREQ=WEEKLY", NULL, NULL, 1 });
	assert_int_equal(store_occurrences_before(st, now, INT64_MIN / 2, NULL, 5,
						  &l, NULL), HE_OK);
	assert_int_equal(l.n, 5);
	/* The latest five before now, oldest first. */
	assert_int_equal(l.v[4].start, at("Asia/Shanghai", "2027-02-24T19:00:00"));
	assert_int_equal(l.v[0].start, at("Asia/Shanghai", "2027-01-27T19:00:00"));
	for (size_t i = 1; i < l.n; i++)
		assert_int_equal(l.v[i].start - l.v[i - 1].start, 7 * DAY);
	occ_list_free(&l);
	/* The floor stops it: only what starts at or after it. */
	assert_int_equal(store_occurrences_before(st, now,
						  at("Asia/Shanghai", "2027-02-10"),
						  NULL, 50, &l, NULL), HE_OK);
	assert_int_equal(l.n, 3);
	assert_int_equal(l.v[0].start, at("Asia/Shanghai", "2027-02-10T19:00:00"));
	occ_list_free(&l);
	/* Without a limit: everything from the first. */
	assert_int_equal(store_occurrences_before(st, now,
						  at("Asia/Shanghai", "2026-01-01"),
						  NULL, 0, &l, NULL), HE_OK);
	assert_int_equal(l.n, 17);
	assert_int_equal(l.v[0].start, at("Asia/Shanghai", "2026-11-04T19:00:00"));
	occ_list_free(&l);
	/* Appends to what is in the list. */
	assert_int_equal(store_occurrences_before(st, now, INT64_MIN / 2, NULL, 1,
						  &l, NULL), HE_OK);
	assert_int_equal(store_occurrences_before(st, now, INT64_MIN / 2, NULL, 1,
						  &l, NULL), HE_OK);
	assert_int_equal(l.n, 2);
	occ_list_free(&l);
	store_close(&st);
}

static void month_and_year_ends(void **state)
{
	struct store *st = open_new("ends.db");
	const char *z = "Europe/Berlin";

	(void)state;
	add(st, &(struct spec){ "跨年守岁", NULL, z, "2027-12-31T22:00:00",
				"2028-01-01T02:00:00", "FREQ=YEARLY", NULL, NULL, 1 });
	add(st, &(struct spec){ "月末", NULL, z, "2027-01-31T23:30:00",
				"2027-02-01T00:30:00", "FREQ=MONTHLY;BYMONTHDAY=-1",
				NULL, NULL, 1 });
	add(st, &(struct spec){ "周五", NULL, z, "2027-12-03", "2027-12-04",
				"FREQ=WEEKLY;BYDAY=FR", NULL, NULL, 1 });
	/* Windows that start or end exactly at midnight on month and year ends. */
	assert_titles(st, at(z, "2027-12-31"), at(z, "2028-01-01"), NULL, 0,
		      "周五 跨年守岁 月末");
	assert_titles(st, at(z, "2028-01-01"), at(z, "2028-01-02"), NULL, 0,
		      "跨年守岁 月末");
	assert_titles(st, at(z, "2028-01-01T02:00:00"), at(z, "2028-01-08"), NULL, 0,
		      "周五");
	assert_titles(st, at(z, "2028-02-29"), at(z, "2028-03-01T00:00:01"), NULL, 0,
		      "月末");
	for (int64_t t = at(z, "2027-11-15"); t < at(z, "2028-03-15"); t += 5 * DAY)
		assert_matches_brute(st, t, t + 9 * DAY);
	assert_matches_brute(st, at(z, "2027-01-01"), at(z, "2029-01-01"));
	store_close(&st);
}

static void long_events(void **state)
{
	struct store *st = open_new("long.db");
	const char *z = "Asia/Shanghai";

	(void)state;
	/* The index has materialised March before the long event exists. */
	assert_titles(st, at(z, "2027-03-01"), at(z, "2027-03-05"), NULL, 0, "");
	add(st, &(struct spec){ "冬季暖心驿站", "warm-station", z, "2027-01-20",
				"2027-03-11", NULL, NULL, NULL, 1 });
	add(st, &(struct spec){ "三天集市", "fair", z, "2027-02-27T09:00:00",
				"2027-03-02T17:00:00", NULL, NULL, NULL, 1 });
	assert_titles(st, at(z, "2027-03-01"), at(z, "2027-03-05"), NULL, 0,
		      "冬季暖心驿站 三天集市");
	assert_titles(st, at(z, "2027-03-10T23:00:00"), at(z, "2027-03-12"), NULL, 0,
		      "冬季暖心驿站");
	assert_titles(st, at(z, "2027-03-11"), at(z, "2027-03-12"), NULL, 0, "");
	assert_titles(st, at(z, "2027-03-01"), at(z, "2027-03-05"), NULL, 1,
		      "冬季暖心驿站");
	assert_matches_brute(st, at(z, "2027-02-15"), at(z, "2027-02-16"));
	store_close(&st);
}

/* An all-day event on the autumn change lasts 25 hours, to its very end. */
static void all_day_on_a_long_day(void **state)
{
	struct store *st = open_new("longday.db");
	const char *z = "Europe/Berlin";

	(void)state;
	add(st, &(struct spec){ "换季日", NULL, z, "2027-10-31", "2027-11-01", NULL,
				NULL, NULL, 1 });
	assert_titles(st, at(z, "2027-10-31T23:30:00"), at(z, "2027-10-31T23:45:00"),
		      NULL, 0, "换季日");
	assert_titles(st, at(z, "2027-10-31T23:30:00"), at(z, "2027-11-02"), NULL, 1,
		      "换季日");
	store_close(&st);
}

static void century_later(void **state)
{
	struct store *st = open_new("century.db");
	const char *z = "Asia/Shanghai";

	(void)state;
	add(st, &(struct spec){ "周五读书", NULL, z, "2027-01-08T19:00:00",
				"2027-01-08T21:00:00", "FREQ=WEEKLY;BYDAY=FR", NULL,
				NULL, 1 });
	assert_titles(st, at(z, "2127-01-01"), at(z, "2127-01-20"), NULL, 0,
		      "周五读书 周五读书 周五读书");
	assert_titles(st, at(z, "2127-01-01"), at(z, "2200-01-01"), NULL, 2,
		      "周五读书 周五读书");
	assert_matches_brute(st, at(z, "2126-12-01"), at(z, "2127-02-01"));
	store_close(&st);
}

/*
 * An index an older hearth built is thrown away and built again; one that
 * a connection finds stale while open (it cannot rebuild it without
 * writing) is read around: every series expanded in memory.
 */
static void stale_index_is_rebuilt(void **state)
{
	static const char stale[] =
		"UPDATE meta SET value = 1 WHERE key = 'occ_index_version';"
		"DELETE FROM occ_cycle; DELETE FROM occ_fixed;";
	char *path = scratch_path("stale.db");
	struct store *st = open_new("stale.db");
	const char *z = "Asia/Shanghai";

	(void)state;
	add(st, &(struct spec){ "周会", NULL, z, "2027-01-06T19:00:00",
				"2027-01-06T20:00:00", "FREQ=WEEKLY", NULL, NULL, 1 });
	add(st, &(struct spec){ "集市", NULL, z, "2027-01-09T09:00:00",
				"2027-01-09T11:00:00", NULL, NULL, NULL, 1 });
	assert_titles(st, at(z, "2027-01-01"), at(z, "2027-01-10"), NULL, 0,
		      "周会 集市");
	store_close(&st);
	raw_sql(path, stale);
	assert_int_equal(store_open(&st, path, STORE_EXISTING, NULL), HE_OK);
	assert_titles(st, at(z, "2027-01-01"), at(z, "2027-01-10"), NULL, 0,
		      "周会 集市");
	raw_sql(path, stale);
	assert_matches_brute(st, at(z, "2027-01-01"), at(z, "2027-03-01"));
	store_close(&st);
	free(path);
}

/* ---- the index after changes, against a fresh database ---- */

static void set_rule(struct series *s, void *ctx)
{
	str_replace(&s->sched.rrule, ctx);
}

static void move_later(struct series *s, void *ctx)
{
	(void)ctx;
	s->sched.start.hour += 2;
	s->sched.end.hour += 2;
}

static void set_title(struct series *s, void *ctx)
{
	str_replace(&s->title, ctx);
}

/* Overrides three occurrences of the rule instance list given in ctx. */
static void override_some(struct series *s, void *ctx)
{
	const struct civil *rids = ctx;
	struct override *o;

	assert_int_equal(series_override(s, &rids[0], &o, NULL), HE_OK);
	o->cancelled = true;
	assert_int_equal(series_override(s, &rids[1], &o, NULL), HE_OK);
	o->moved = true;
	o->start = civil_add_days(rids[1], 40);  /* into another month */
	o->end = civil_add_days(rids[1], 40);
	o->end.hour += 3;
	o->venue = xstrdup("临时场地");
	assert_int_equal(series_override(s, &rids[2], &o, NULL), HE_OK);
	o->note = xstrdup("带上身份证");
}

static void add_exdate(struct series *s, void *ctx)
{
	civil_list_add(&s->sched.exdates, *(const struct civil *)ctx);
	civil_list_add(&s->sched.rdates, civil_add_days(*(const struct civil *)ctx,
							-31));
}

/* A database with the same series, saved from scratch. */
static struct store *fresh_copy(struct store *st, const char *name)
{
	struct store *fresh = open_new(name);
	struct series_rows rows = { 0 };
	struct occ_filter all = { .statuses = 7 };

	assert_int_equal(store_series_list(st, &all, 0, &rows, NULL), HE_OK);
	for (size_t i = 0; i < rows.n; i++) {
		struct series s;
		struct herr err = { 0 };
		assert_int_equal(store_series_load(st, rows.v[i].id, &s, NULL), HE_OK);
		s.id = 0;
		s.revision = 0;
		if (store_series_save(fresh, &s, &err) != HE_OK)
			fail_msg("%s", err.msg);
		series_free(&s);
	}
	series_rows_free(&rows);
	return fresh;
}

static void assert_same_index(struct store *a, struct store *b, int64_t from,
			      int64_t to)
{
	static const struct occ_filter everything = { .statuses = 7,
						       .with_cancelled = true };

	for (int64_t t = from; t < to; t += 13 * DAY) {
		char *x = listing(a, t, t + 20 * DAY, &everything, 0, true);
		char *y = listing(b, t, t + 20 * DAY, &everything, 0, true);
		if (strcmp(x, y) != 0)
			fail_msg("from %lld:\nedited:\n%s\nfresh:\n%s", (long long)t,
				 x, y);
		free(x);
		free(y);
	}
	assert_matches_brute(a, from, to);
}

static void index_follows_changes(void **state)
{
	struct store *st = open_new("edits.db"), *fresh;
	const char *z = "Europe/Berlin";
	int64_t from = at(z, "2027-01-01"), to = at(z, "2028-01-01");
	struct civil rids[3] = { cv("2027-02-06T10:00:00"),
				 cv("2027-03-13T10:00:00"),
				 cv("2027-05-01T10:00:00") };
	struct civil ex = cv("2027-06-05T10:00:00");
	int64_t a, b, c;
	struct herr err = { 0 };

	(void)state;
	a = add(st, &(struct spec){ "周六", NULL, z, "2027-01-02T10:00:00",
				    "2027-01-02T12:00:00", "FREQ=WEEKLY;BYDAY=SA",
				    NULL, NULL, 1 });
	b = add(st, &(struct spec){ "月会", NULL, z, "2027-01-14T19:00:00",
				    "2027-01-14T21:00:00", "FREQ=MONTHLY;BYDAY=2TH",
				    NULL, NULL, 1 });
	c = add(st, &(struct spec){ "一次", NULL, z, "2027-04-01T09:00:00",
				    "2027-04-01T10:00:00", NULL, NULL, NULL, 1 });
	/* Materialise the whole year, then change everything. */
	assert_matches_brute(st, from, to);
	change(st, a, override_some, rids);
	change(st, a, add_exdate, &ex);
	change(st, b, set_rule, "FREQ=MONTHLY;BYDAY=-1FR;COUNT=6");
	change(st, b, move_later, NULL);
	change(st, c, set_title, "一次（改）");
	change(st, c, set_rule, "FREQ=DAILY;INTERVAL=10;UNTIL=20270601T000000Z");
	fresh = fresh_copy(st, "edits-fresh.db");
	assert_same_index(st, fresh, from, to);
	store_close(&fresh);
	/* A rule that no longer has an overridden occurrence drops it. */
	change(st, a, set_rule, "FREQ=WEEKLY;BYDAY=SU");
	assert_int_equal(store_series_delete(st, c, &err), HE_OK);
	fresh = fresh_copy(st, "edits-fresh2.db");
	assert_same_index(st, fresh, from, to);
	store_close(&fresh);
	store_close(&st);
}

/* ---- random series against brute force ---- */

static uint64_t rng = 0x9E3779B97F4A7C15u;

static unsigned pick(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static void random_series(struct store *st, int i)
{
	static const char *const rules[] = {
		NULL, "FREQ=DAILY;INTERVAL=3", "FREQ=WEEKLY;BYDAY=FR,SA,SU",
		"FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;COUNT=10",
		"FREQ=MONTHLY;BYDAY=2SA", "FREQ=MONTHLY;BYMONTHDAY=31;COUNT=8",
		"FREQ=YEARLY", "FREQ=DAILY;UNTIL=20270320T000000Z",
		"FREQ=WEEKLY;UNTIL=20270601", "FREQ=HOURLY;INTERVAL=30;COUNT=40",
	};
	static const char *const zones[] = { "Asia/Shanghai", "Europe/Berlin" };
	char start[CIVIL_BUFSZ], end[CIVIL_BUFSZ], title[32];
	struct civil s = civil_add_days(cv("2026-12-01T00:00:00"), pick(200));
	bool all_day = pick(3) == 0;
	struct civil e;
	const char *rule = rules[pick(10)];

	if (all_day && rule && strstr(rule, "HOURLY"))
		rule = NULL;
	s.hour = (int)pick(24);
	s.min = (int)pick(4) * 15;
	e = all_day ? civil_add_days(s, 1 + pick(pick(4) == 0 ? 40 : 3))
		    : civil_from_seconds(civil_to_seconds(&s) + 1800 +
					 pick(4) * 3600 + (pick(5) == 0) * 3 * DAY);
	civil_format(&s, all_day, start);
	civil_format(&e, all_day, end);
	snprintf(title, sizeof title, "s%02d", i);
	add(st, &(struct spec){ title, NULL, zones[pick(2)], start, end, rule,
				pick(2) ? "场地" : NULL, NULL,
				pick(4) ? STATUS_CONFIRMED : STATUS_TENTATIVE });
}

/* Overrides a random occurrence of series id, if it has one in reach. */
static void random_override(struct store *st, int64_t id)
{
	struct series s;
	struct instances in = { 0 };
	struct override *o;

	assert_int_equal(store_series_load(st, id, &s, NULL), HE_OK);
	sched_expand(&s.sched, s.sched.reach_start, s.sched.reach_start + 300 * DAY,
		     20, &in, NULL);
	if (in.n > 1) {
		struct civil rid = in.v[pick((unsigned)in.n)].rid;
		assert_int_equal(series_override(&s, &rid, &o, NULL), HE_OK);
		switch (pick(3)) {
		case 0: o->cancelled = true; break;
		case 1:
			o->moved = true;
			o->start = civil_add_days(rid, (int)pick(70) - 35);
			o->end = civil_add_days(o->start, s.sched.all_day ? 1 : 0);
			if (!s.sched.all_day)
				o->end.hour = o->start.hour == 23 ? 23 : o->start.hour + 1,
				o->end.min = 59;
			break;
		default: o->note = xstrdup("注意"); break;
		}
		assert_int_equal(store_series_save(st, &s, NULL), HE_OK);
	}
	instances_free(&in);
	series_free(&s);
}

/* The first limit occurrences are the start of the whole list. */
static void assert_limit_is_prefix(struct store *st, int64_t from, int64_t to,
				   size_t limit)
{
	char *all = listing(st, from, to, NULL, 0, true);
	char *some = listing(st, from, to, NULL, limit, true);
	const char *p = all;

	for (size_t i = 0; i < limit && *p; i++)
		p = strchr(p, '\n') + 1;
	if (strlen(some) != (size_t)(p - all) || strncmp(all, some, strlen(some)))
		fail_msg("limit %zu from %lld:\n%s\nis not the start of\n%s", limit,
			 (long long)from, some, all);
	free(all);
	free(some);
}

/* Scrolling back: the latest limit starts before `before` end that list. */
static void assert_before_is_suffix(struct store *st, int64_t floor,
				    int64_t before, size_t limit)
{
	const struct occ_filter starting = { .starting = true };
	char *all = listing(st, floor, before, &starting, 0, true);
	struct occ_list l = { 0 };
	struct sbuf b = { 0 };
	char *some;
	size_t n = strlen(all);

	assert_int_equal(store_occurrences_before(st, before, floor, NULL, limit,
						  &l, NULL), HE_OK);
	for (size_t i = 0; i < l.n; i++)
		describe_occ(&b, l.v[i].uid, l.v[i].title, l.v[i].start, l.v[i].end,
			     l.v[i].cancelled, l.v[i].venue, l.v[i].note);
	occ_list_free(&l);
	some = sbuf_take(&b);
	if (strlen(some) > n || strcmp(all + n - strlen(some), some) != 0 ||
	    (strlen(some) < n && all[n - strlen(some) - 1] != '\n'))
		fail_msg("before %lld, limit %zu:\n%s\nis not the end of\n%s",
			 (long long)before, limit, some, all);
	free(all);
	free(some);
}

static void random_against_brute_force(void **state)
{
	struct store *st = open_new("random.db"), *fresh;
	int64_t base = at("Asia/Shanghai", "2026-11-01");

	(void)state;
	for (int i = 0; i < 40; i++)
		random_series(st, i);
	for (int i = 0; i < 60; i++) {
		int64_t from = base + (int64_t)pick(400) * DAY + pick(24) * 3600;
		assert_matches_brute(st, from, from + (1 + pick(45)) * DAY);
		assert_limit_is_prefix(st, from, from + (1 + pick(90)) * DAY,
				       1 + pick(30));
		assert_before_is_suffix(st, from - pick(120) * DAY, from,
					1 + pick(30));
		if (i % 3 == 0)
			random_override(st, 1 + pick(40));
	}
	fresh = fresh_copy(st, "random-fresh.db");
	assert_same_index(st, fresh, base, base + 420 * DAY);
	store_close(&fresh);
	store_close(&st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(overlap_semantics),
		cmocka_unit_test(filters),
		cmocka_unit_test(copies),
		cmocka_unit_test(limit_with_ties),
		cmocka_unit_test(before),
		cmocka_unit_test(month_and_year_ends),
		cmocka_unit_test(long_events),
		cmocka_unit_test(all_day_on_a_long_day),
		cmocka_unit_test(century_later),
		cmocka_unit_test(stale_index_is_rebuilt),
		cmocka_unit_test(index_follows_changes),
		cmocka_unit_test(random_against_brute_force),
	};
	return cmocka_run_group_tests(tests, NULL, teardown_all);
}
