/*
 * test_report.c - reports against sums worked out by hand: two weeks
 * across a month end with a cancelled occurrence, one moved to another
 * venue and one outside the period; filters; weeks across both daylight-
 * saving changes of a zone that has them; suggestions by topic and status;
 * the bars and sparklines; the CSV writer.
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "../../core/config.h"
#include "../../core/csv.h"
#include "../../core/report/report.h"
#include "../../core/suggest/suggest.h"
#include "../../core/tally/tally.h"
#include "testutil.h"

#define ZONE "Asia/Shanghai"

struct fixture {
	struct store *st;
	struct config cfg;
	int64_t station, fair, clinic;
	int64_t now;
};

struct spec {
	const char *kind, *title, *venue, *host, *partner, *zone;
	const char *start, *end, *rrule;
};

static int64_t add_series(struct store *st, const struct spec *p,
			  void (*shape)(struct series *))
{
	struct series s;
	struct herr err = { 0 };
	int64_t id;

	series_init(&s);
	s.kind = xstrdup(p->kind);
	s.title = xstrdup(p->title);
	s.venue = xstrdup0(p->venue);
	snprintf(s.sched.tzid, sizeof s.sched.tzid, "%s", p->zone ? p->zone : ZONE);
	s.sched.start = cv(p->start);
	s.sched.end = cv(p->end);
	s.sched.rrule = xstrdup0(p->rrule);
	if (p->host)
		series_add_org(&s, p->host, ROLE_HOST);
	if (p->partner)
		series_add_org(&s, p->partner, ROLE_PARTNER);
	if (sched_prepare(&s.sched, &err) != HE_OK)
		fail_msg("%s", err.msg);
	if (shape)
		shape(&s);
	if (store_series_save(st, &s, &err) != HE_OK)
		fail_msg("%s", err.msg);
	id = s.id;
	series_free(&s);
	return id;
}

/* Closed on the 29th; on 2 February at the drivers' home instead. */
static void shape_station(struct series *s)
{
	struct override *o;
	struct herr err = { 0 };

	if (series_override(s, CT(2027, 1, 29, 8, 0), &o, &err) != HE_OK)
		fail_msg("%s", err.msg);
	o->cancelled = true;
	if (series_override(s, CT(2027, 2, 2, 8, 0), &o, &err) != HE_OK)
		fail_msg("%s", err.msg);
	o->venue = xstrdup("盘锦司机之家");
}

static void count(struct fixture *f, int64_t id, const char *day,
		  const char *cat, int64_t v)
{
	struct tally_input in = { cat, v, false, 0 };
	struct herr err = { 0 };
	struct civil rid = cv(day);

	if (tally_record(f->st, &f->cfg, id, &rid, &in, 1, f->now, &err) != HE_OK)
		fail_msg("%s %s: %s", day, cat, err.msg);
}

static void suggestion(struct fixture *f, const char *topic, const char *day,
		       enum sugg_status status, const char *venue,
		       int64_t event)
{
	struct suggestion g;
	struct herr err = { 0 };
	struct civil today = cv("2027-02-10");

	suggestion_init(&g);
	g.text = xstrdup("建议");
	g.topic = xstrdup0(topic);
	g.received = cv(day);
	g.status = status;
	g.venue = xstrdup0(venue);
	g.series_id = event;
	if (suggest_add(f->st, &f->cfg, &g, &today, f->now, &err) != HE_OK)
		fail_msg("%s", err.msg);
	suggestion_free(&g);
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	static const struct spec station = {
		"station", "工会驿站", "盘锦工会驿站", "盘锦市总工会", NULL, NULL,
		"2027-01-25T08:00:00", "2027-01-25T20:00:00", "FREQ=DAILY;COUNT=14",
	}, fair = {
		"fair", "文明集市", "粮库社区文化广场", "粮库社区党委", "抚顺总医院",
		NULL, "2027-01-23T09:00:00", "2027-01-23T12:00:00",
		"FREQ=WEEKLY;BYDAY=SA;COUNT=3",
	}, clinic = {
		"clinic", "义诊", "盘锦司机之家", "盘锦市委社会工作部", NULL, NULL,
		"2027-02-20T09:00:00", "2027-02-20T12:00:00", NULL,
	};

	f->st = open_new("report.db");
	config_init(&f->cfg);
	f->now = at(ZONE, "2027-02-10T12:00:00");
	f->station = add_series(f->st, &station, shape_station);
	f->fair = add_series(f->st, &fair, NULL);
	f->clinic = add_series(f->st, &clinic, NULL);
	count(f, f->station, "2027-01-25T08:00:00", "served", 100);
	count(f, f->station, "2027-01-25T08:00:00", "meals", 40);
	count(f, f->station, "2027-01-26T08:00:00", "served", 110);
	count(f, f->station, "2027-01-31T08:00:00", "served", 90);
	count(f, f->station, "2027-01-31T08:00:00", "parked", 12);
	count(f, f->station, "2027-02-01T08:00:00", "served", 80);
	count(f, f->station, "2027-02-01T08:00:00", "meals", 30);
	count(f, f->station, "2027-02-02T08:00:00", "served", 50);
	count(f, f->station, "2027-02-07T08:00:00", "served", 70);
	count(f, f->fair, "2027-01-23T09:00:00", "served", 999);
	count(f, f->fair, "2027-01-30T09:00:00", "served", 300);
	count(f, f->fair, "2027-01-30T09:00:00", "consultations", 45);
	count(f, f->fair, "2027-02-06T09:00:00", "served", 250);
	count(f, f->fair, "2027-02-06T09:00:00", "bp-checks", 60);
	suggestion(f, "care", "2027-01-26", SUGG_NEW, "盘锦工会驿站", 0);
	suggestion(f, "care", "2027-01-28", SUGG_ADOPTED, NULL, f->fair);
	suggestion(f, "safety", "2027-02-07", SUGG_NEW, NULL, 0);
	suggestion(f, "labour-rights", "2027-01-20", SUGG_NEW, NULL, 0);
	suggestion(f, NULL, "2027-02-01", SUGG_DECLINED, NULL, 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	store_close(&f->st);
	config_free(&f->cfg);
	free(f);
	return 0;
}

/* The report of 25 January to 7 February, grouped by every grouping. */
static void build(struct fixture *f, struct report *r, const char *kind,
		  const char *venue, const char *org, const char *to)
{
	struct report_query q = {
		.from = at(ZONE, "2027-01-25T00:00:00"),
		.to = at(ZONE, to ? to : "2027-02-08T00:00:00"),
		.zone = ZONE, .kind = kind, .venue = venue, .org = org,
		.by = { REPORT_BY_WEEK, REPORT_BY_MONTH, REPORT_BY_KIND,
			REPORT_BY_VENUE, REPORT_BY_ORG, REPORT_BY_CATEGORY },
		.n_by = 6, .now = f->now, .cfg = &f->cfg,
	};
	struct herr err = { 0 };

	if (report_build(f->st, &q, r, &err) != HE_OK)
		fail_msg("%s", err.msg);
}

/* The report's index of category key, failing when it is not shown. */
static size_t cat(const struct report *r, const char *key)
{
	for (size_t i = 0; i < r->n_cats; i++)
		if (!strcmp(r->cats[i].key, key))
			return i;
	fail_msg("category %s is not in the report", key);
	return 0;
}

static const struct report_row *row(const struct report *r, enum report_by by,
				    const char *key)
{
	for (size_t i = 0; i < r->n_tables; i++)
		for (size_t j = 0; r->tables[i].by == by && j < r->tables[i].n; j++)
			if (!strcmp(r->tables[i].rows[j].key, key))
				return &r->tables[i].rows[j];
	fail_msg("no row %s grouped by %s", key, report_by_name(by));
	return NULL;
}

static const struct report_table *table(const struct report *r,
					enum report_by by)
{
	for (size_t i = 0; i < r->n_tables; i++)
		if (r->tables[i].by == by)
			return &r->tables[i];
	fail_msg("no table by %s", report_by_name(by));
	return NULL;
}

/* held, cancelled, upcoming and the served count of a row. */
static void figures(const struct report *r, const struct report_row *w,
		    long held, long cancelled, long upcoming, int64_t served)
{
	assert_int_equal(w->held, held);
	assert_int_equal(w->cancelled, cancelled);
	assert_int_equal(w->upcoming, upcoming);
	assert_int_equal(w->sums[cat(r, "served")], served);
}

static void totals(void **state)
{
	struct fixture *f = *state;
	struct report r;

	build(f, &r, NULL, NULL, NULL, NULL);
	assert_int_equal(r.first.day, 25);
	assert_int_equal(r.last.month, 2);
	assert_int_equal(r.last.day, 7);
	/* 14 station days less the 29th, two fair Saturdays. */
	figures(&r, &r.total, 15, 1, 0, 1050);
	/* Counted categories only, in the config's order; served leads. */
	assert_int_equal(r.n_cats, 5);
	assert_string_equal(r.cats[0].key, "served");
	assert_string_equal(r.cats[1].key, "meals");
	assert_string_equal(r.cats[2].key, "parked");
	assert_string_equal(r.cats[3].key, "consultations");
	assert_string_equal(r.cats[4].key, "bp-checks");
	assert_int_equal(r.main_cat, 0);
	assert_string_equal(r.cats[1].label, "Meals");
	assert_string_equal(r.cats[1].unit, "servings");
	assert_int_equal(r.total.sums[cat(&r, "meals")], 70);
	assert_int_equal(r.total.counted[cat(&r, "served")], 8);
	assert_int_equal(r.total.counted[cat(&r, "meals")], 2);
	assert_false(r.has_people);
	assert_null(r.filters);
	report_free(&r);
}

static void weeks_and_months(void **state)
{
	struct fixture *f = *state;
	struct report r;
	const struct report_row *w;

	build(f, &r, NULL, NULL, NULL, NULL);
	assert_int_equal(table(&r, REPORT_BY_WEEK)->n, 2);
	w = row(&r, REPORT_BY_WEEK, "2027-01-25");
	figures(&r, w, 7, 1, 0, 600);
	assert_int_equal(w->sums[cat(&r, "meals")], 40);
	assert_int_equal(w->sums[cat(&r, "parked")], 12);
	assert_int_equal(w->sums[cat(&r, "consultations")], 45);
	assert_int_equal(w->sums[cat(&r, "bp-checks")], 0);
	assert_int_equal(w->last.day, 31);
	assert_string_equal(w->label, "1/25–1/31");
	w = row(&r, REPORT_BY_WEEK, "2027-02-01");
	figures(&r, w, 8, 0, 0, 450);
	assert_int_equal(w->sums[cat(&r, "bp-checks")], 60);
	/* The month end splits the same fortnight differently. */
	assert_int_equal(table(&r, REPORT_BY_MONTH)->n, 2);
	w = row(&r, REPORT_BY_MONTH, "2027-01");
	figures(&r, w, 7, 1, 0, 600);
	assert_int_equal(w->first.day, 25);
	assert_int_equal(w->last.day, 31);
	w = row(&r, REPORT_BY_MONTH, "2027-02");
	figures(&r, w, 8, 0, 0, 450);
	assert_int_equal(w->first.day, 1);
	assert_int_equal(w->last.day, 7);
	assert_string_equal(w->label, "February 2027");
	report_free(&r);
}

static void kinds_venues_hosts(void **state)
{
	struct fixture *f = *state;
	struct report r;
	const struct report_row *w;
	const struct report_table *t;

	build(f, &r, NULL, NULL, NULL, NULL);
	t = table(&r, REPORT_BY_KIND);
	assert_int_equal(t->n, 2);
	/* Kinds in the config's order: fair before station. */
	assert_string_equal(t->rows[0].key, "fair");
	assert_string_equal(t->rows[0].label, "Civility fair");
	figures(&r, row(&r, REPORT_BY_KIND, "station"), 13, 1, 0, 500);
	figures(&r, row(&r, REPORT_BY_KIND, "fair"), 2, 0, 0, 550);
	/* The occurrence moved to the drivers' home counts there. */
	assert_int_equal(table(&r, REPORT_BY_VENUE)->n, 3);
	w = row(&r, REPORT_BY_VENUE, "盘锦工会驿站");
	figures(&r, w, 12, 1, 0, 450);
	assert_int_equal(w->sums[cat(&r, "meals")], 70);
	figures(&r, row(&r, REPORT_BY_VENUE, "盘锦司机之家"), 1, 0, 0, 50);
	figures(&r, row(&r, REPORT_BY_VENUE, "粮库社区文化广场"), 2, 0, 0, 550);
	/* Grouped by host; the hospital is only a partner. */
	assert_int_equal(table(&r, REPORT_BY_ORG)->n, 2);
	figures(&r, row(&r, REPORT_BY_ORG, "盘锦市总工会"), 13, 1, 0, 500);
	figures(&r, row(&r, REPORT_BY_ORG, "粮库社区党委"), 2, 0, 0, 550);
	report_free(&r);
}

static void categories(void **state)
{
	struct fixture *f = *state;
	struct report r;
	const struct report_table *t;
	struct report_col *cols;
	size_t n;
	bool whole;

	build(f, &r, NULL, NULL, NULL, NULL);
	t = table(&r, REPORT_BY_CATEGORY);
	assert_int_equal(t->n, 5);
	assert_string_equal(t->rows[0].key, "served");
	assert_string_equal(t->rows[0].label, "People served (people)");
	n = report_columns(&r, t, &cols);
	assert_int_equal(n, 3);
	assert_int_equal(report_value(&t->rows[0], &cols[0], &whole), 1050);
	assert_true(whole);
	assert_int_equal(report_value(&t->rows[0], &cols[1], &whole), 8);
	assert_true(report_value(&t->rows[0], &cols[2], &whole) == 131.25);
	assert_false(whole);
	assert_true(report_value(&t->rows[1], &cols[2], &whole) == 35.0);
	report_columns_free(cols, n);
	assert_int_equal(report_max(&r, t, 0), 1050);
	/* The columns of the other tables: no upcoming column when nothing is. */
	n = report_columns(&r, table(&r, REPORT_BY_WEEK), &cols);
	assert_int_equal(n, 2 + 5);
	assert_int_equal(cols[0].kind, REPORT_COL_HELD);
	assert_int_equal(cols[2].kind, REPORT_COL_CAT);
	assert_string_equal(cols[4].heading, "Vehicles parked (vehicles)");
	report_columns_free(cols, n);
	assert_int_equal(report_max(&r, table(&r, REPORT_BY_WEEK), 0), 600);
	report_free(&r);
}

static void filters(void **state)
{
	struct fixture *f = *state;
	struct report r;

	build(f, &r, "fair", NULL, NULL, NULL);
	figures(&r, &r.total, 2, 0, 0, 550);
	assert_int_equal(r.n_cats, 3); /* served, consultations, bp-checks */
	assert_string_equal(r.filters, "kind: Civility fair");
	assert_int_equal(r.suggestions.total, 1); /* about the fair */
	report_free(&r);
	/* The venue where an occurrence took place, moved or not. */
	build(f, &r, NULL, "司机之家", NULL, NULL);
	figures(&r, &r.total, 1, 0, 0, 50);
	assert_int_equal(table(&r, REPORT_BY_WEEK)->n, 2);
	report_free(&r);
	/* Any organisation of the event: the hospital is the fair's partner. */
	build(f, &r, NULL, NULL, "医院", NULL);
	figures(&r, &r.total, 2, 0, 0, 550);
	report_free(&r);
	build(f, &r, "station", NULL, "医院", NULL);
	assert_int_equal(r.total.held, 0);
	assert_int_equal(r.n_cats, 0);
	assert_int_equal(r.main_cat, 0);
	report_free(&r);
}

static void upcoming_counted_apart(void **state)
{
	struct fixture *f = *state;
	struct report r;

	build(f, &r, NULL, NULL, NULL, "2027-03-01T00:00:00");
	figures(&r, &r.total, 15, 1, 1, 1050);
	figures(&r, row(&r, REPORT_BY_KIND, "clinic"), 0, 0, 1, 0);
	assert_int_equal(table(&r, REPORT_BY_MONTH)->n, 2);
	assert_int_equal(table(&r, REPORT_BY_WEEK)->n, 5);
	report_free(&r);
}

static void suggestions(void **state)
{
	struct fixture *f = *state;
	struct report r;

	build(f, &r, NULL, NULL, NULL, NULL);
	/* Received in the period: not the one of 20 January. */
	assert_int_equal(r.suggestions.total, 4);
	assert_int_equal(r.n_topics, 3);
	assert_string_equal(r.topics[0].key, "care");
	assert_string_equal(r.topics[0].label, "Care services");
	assert_int_equal(r.topics[0].n[SUGG_NEW], 1);
	assert_int_equal(r.topics[0].n[SUGG_ADOPTED], 1);
	assert_int_equal(r.topics[0].total, 2);
	assert_string_equal(r.topics[1].key, "safety");
	assert_null(r.topics[2].key);
	assert_int_equal(r.topics[2].n[SUGG_DECLINED], 1);
	assert_int_equal(r.suggestions.n[SUGG_NEW], 2);
	report_free(&r);
	build(f, &r, NULL, "工会驿站", NULL, NULL);
	assert_int_equal(r.suggestions.total, 1);
	report_free(&r);
}

/*
 * Weeks run from midnight to midnight in the zone, also across a change
 * to or from summer time: in Berlin the night of 28 March 2027 lasts an
 * hour less and that of 31 October an hour more. A week boundary computed
 * with the offset of either side puts the occurrences at 23:30 on Sunday or
 * at 00:30 on Monday in the wrong week.
 */
static void weeks_across_dst(void **state)
{
	struct fixture *f = *state;
	static const struct spec late = {
		"volunteer", "夜间巡逻", "柏林", NULL, NULL, "Europe/Berlin",
		"2027-03-22T23:30:00", "2027-03-22T23:45:00",
		"FREQ=DAILY;UNTIL=20271108T000000Z",
	}, early = {
		"volunteer", "早班", "柏林", NULL, NULL, "Europe/Berlin",
		"2027-03-22T00:30:00", "2027-03-22T00:45:00",
		"FREQ=DAILY;UNTIL=20271108T000000Z",
	};
	int64_t a = add_series(f->st, &late, NULL);
	int64_t b = add_series(f->st, &early, NULL);
	static const char *const days[] = {
		"2027-03-28", "2027-03-29", "2027-10-31", "2027-11-01",
	};
	struct herr err = { 0 };
	struct report r;

	f->now = at("Europe/Berlin", "2027-12-01T00:00:00");
	for (size_t i = 0; i < 4; i++) {
		char t1[32], t2[32];
		snprintf(t1, sizeof t1, "%sT23:30:00", days[i]);
		snprintf(t2, sizeof t2, "%sT00:30:00", days[i]);
		count(f, a, t1, "served", 1 + (int64_t)i * 10);
		count(f, b, t2, "served", 100 + (int64_t)i * 1000);
	}
	/* Passes 2 and 3 without the filter: the tallies' sums by start
	   (nothing else happens in these weeks) split the same. */
	for (int pass = 0; pass < 4; pass++) {
		struct report_query q = {
			.from = at("Europe/Berlin", pass % 2 ? "2027-10-25T00:00:00"
							   : "2027-03-22T00:00:00"),
			.to = at("Europe/Berlin", pass % 2 ? "2027-11-08T00:00:00"
							 : "2027-04-05T00:00:00"),
			.zone = "Europe/Berlin",
			.kind = pass < 2 ? "volunteer" : NULL,
			.by = { REPORT_BY_WEEK }, .n_by = 1, .now = f->now,
			.cfg = &f->cfg,
		};
		const struct report_table *t;
		assert_int_equal(report_build(f->st, &q, &r, &err), HE_OK);
		t = table(&r, REPORT_BY_WEEK);
		assert_int_equal(t->n, 2);
		/* Seven days of each series in each week. */
		assert_int_equal(t->rows[0].held, 14);
		assert_int_equal(t->rows[1].held, 14);
		/* Sunday 23:30 in the first week, Monday 00:30 in the second. */
		assert_int_equal(t->rows[0].sums[0], pass % 2 ? 21 + 2100 : 1 + 100);
		assert_int_equal(t->rows[1].sums[0], pass % 2 ? 31 + 3100
							     : 11 + 1100);
		assert_int_equal(t->rows[0].counted[0], 2);
		report_free(&r);
	}
	/* A week starting on Sunday moves the boundary with it. */
	struct report_query q = {
		.from = at("Europe/Berlin", "2027-03-21T00:00:00"),
		.to = at("Europe/Berlin", "2027-04-04T00:00:00"),
		.zone = "Europe/Berlin", .week_start = 6, .kind = "volunteer",
		.by = { REPORT_BY_WEEK }, .n_by = 1, .now = f->now,
		.cfg = &f->cfg,
	};
	assert_int_equal(report_build(f->st, &q, &r, &err), HE_OK);
	assert_string_equal(r.tables[0].rows[0].key, "2027-03-21");
	/* 21-27 March; 28 March - 3 April holds both counted nights. */
	assert_int_equal(r.tables[0].rows[0].sums[0], 0);
	assert_int_equal(r.tables[0].rows[1].sums[0], 1 + 100 + 11 + 1100);
	report_free(&r);
}

/* Two rows with the same figures: held, cancelled, upcoming, and the sum
 * and count of every category (b's categories in a's order). */
static void same_row(const struct report *a, const struct report_row *x,
		     const struct report *b, const struct report_row *y)
{
	assert_int_equal(x->held, y->held);
	assert_int_equal(x->cancelled, y->cancelled);
	assert_int_equal(x->upcoming, y->upcoming);
	for (size_t c = 0; c < a->n_cats; c++) {
		size_t d = cat(b, a->cats[c].key);
		assert_int_equal(x->sums[c], y->sums[d]);
		assert_int_equal(x->counted[c], y->counted[d]);
	}
}

/*
 * A report by period only reads the tallies' sums by start (tally_sum);
 * one that also groups by kind reads every tally: the figures they share
 * are the same, before and after a correction, counts moved with their
 * occurrence into another week, and an event deleted with its counts.
 */
static void sums_by_period(void **state)
{
	struct fixture *f = *state;
	struct herr err = { 0 };
	struct series s;
	struct override *ov;

	for (int round = 0; round < 2; round++) {
		struct report_query q = {
			.from = at(ZONE, "2027-01-20T00:00:00"),
			.to = at(ZONE, "2027-02-28T00:00:00"), .zone = ZONE,
			.by = { REPORT_BY_WEEK, REPORT_BY_MONTH,
				REPORT_BY_CATEGORY },
			.n_by = 3, .now = f->now, .cfg = &f->cfg,
		};
		struct report a, b;

		assert_int_equal(report_build(f->st, &q, &a, &err), HE_OK);
		q.by[3] = REPORT_BY_KIND;
		q.n_by = 4;
		assert_int_equal(report_build(f->st, &q, &b, &err), HE_OK);
		assert_int_equal(a.n_cats, b.n_cats);
		for (size_t c = 0; c < a.n_cats; c++)
			assert_string_equal(a.cats[c].key, b.cats[c].key);
		assert_int_equal(a.main_cat, b.main_cat);
		same_row(&a, &a.total, &b, &b.total);
		for (size_t t = 0; t < 3; t++) {
			assert_int_equal(a.tables[t].n, b.tables[t].n);
			for (size_t i = 0; i < a.tables[t].n; i++) {
				assert_string_equal(a.tables[t].rows[i].key,
						    b.tables[t].rows[i].key);
				same_row(&a, &a.tables[t].rows[i], &b,
					 &b.tables[t].rows[i]);
			}
		}
		if (round == 0) {
			/* The station's six days and the fair's three. */
			assert_int_equal(a.total.sums[cat(&a, "served")],
					 500 + 1549);
			assert_int_equal(a.total.counted[cat(&a, "served")], 9);
			assert_int_equal(row(&a, REPORT_BY_WEEK, "2027-01-25")
					 ->sums[cat(&a, "served")],
					 100 + 110 + 90 + 300);
		} else {
			/* The fair gone with its counts (its 999 corrected
			   first); Sunday 31 January's counts moved with it
			   into the next week. */
			assert_int_equal(a.total.sums[cat(&a, "served")], 500);
			assert_int_equal(a.total.counted[cat(&a, "served")], 6);
			assert_int_equal(row(&a, REPORT_BY_WEEK, "2027-01-25")
					 ->sums[cat(&a, "served")], 100 + 110);
			assert_int_equal(row(&a, REPORT_BY_WEEK, "2027-02-01")
					 ->sums[cat(&a, "served")],
					 90 + 80 + 50 + 70);
			assert_int_equal(row(&a, REPORT_BY_WEEK, "2027-02-01")
					 ->sums[cat(&a, "parked")], 12);
		}
		report_free(&a);
		report_free(&b);
		if (round == 1)
			break;
		count(f, f->fair, "2027-01-23T09:00:00", "served", 900);
		assert_int_equal(store_series_delete(f->st, f->fair, &err), HE_OK);
		assert_int_equal(store_series_load(f->st, f->station, &s, &err),
				 HE_OK);
		assert_int_equal(series_override(&s, CT(2027, 1, 31, 8, 0), &ov,
						 &err), HE_OK);
		ov->moved = true;
		ov->start = cv("2027-02-03T08:00:00");
		ov->end = cv("2027-02-03T20:00:00");
		assert_int_equal(store_series_save(f->st, &s, &err), HE_OK);
		series_free(&s);
		count(f, f->station, "2027-01-31T08:00:00", "served", 90);
	}
}

static void empty_period_refused(void **state)
{
	struct fixture *f = *state;
	struct report r;
	struct herr err = { 0 };
	struct report_query q = {
		.from = 100, .to = 100, .zone = ZONE, .now = f->now,
		.cfg = &f->cfg,
	};

	assert_int_equal(report_build(f->st, &q, &r, &err), HE_USER);
	assert_non_null(strstr(err.msg, "period is empty"));
	q.to = 200;
	q.zone = "Mars/Olympus";
	assert_int_equal(report_build(f->st, &q, &r, &err), HE_USER);
}

static void bars_and_sparklines(void **state)
{
	static const struct {
		int64_t v, max;
		int width;
		const char *want;
	} bars[] = {
		{ 10, 10, 3, "███" }, { 5, 10, 4, "██" }, { 3, 8, 2, "▊" },
		{ 1, 8, 1, "▏" }, { 1, 1000, 10, "▏" }, { 0, 10, 10, "" },
		{ 20, 10, 2, "██" }, { 7, 8, 1, "▉" },
	};
	static const int64_t values[] = { 0, 1, 4, 8 };
	char *s;

	(void)state;
	for (size_t i = 0; i < sizeof bars / sizeof *bars; i++) {
		s = chart_bar(bars[i].v, bars[i].max, bars[i].width);
		if (strcmp(s, bars[i].want))
			fail_msg("bar %lld/%lld in %d: '%s', wanted '%s'",
				 (long long)bars[i].v, (long long)bars[i].max,
				 bars[i].width, s, bars[i].want);
		free(s);
	}
	s = chart_sparkline(values, 4);
	assert_string_equal(s, " ▂▅█");
	free(s);
	s = chart_sparkline(values, 1);
	assert_string_equal(s, " ");
	free(s);
}

/* What the CSV writer puts out, byte for byte. */
static void csv_bytes(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	struct csv w;
	struct herr err = { 0 };

	(void)state;
	csv_init(&w, out);
	csv_bom(&w);
	csv_text(&w, "plain");
	csv_text(&w, "a,b");
	csv_text(&w, "say \"hi\"");
	csv_text(&w, "两行\r\n文字");
	csv_text(&w, "=SUM(A1)");
	csv_text(&w, "-3");
	csv_text(&w, " pad");
	csv_text(&w, "esc\x1b[31m");
	csv_text(&w, NULL);
	csv_int(&w, -42);
	csv_real(&w, 131.25, 1);
	csv_real(&w, 2, 2);
	csv_end(&w);
	assert_int_equal(csv_finish(&w, "test", &err), HE_OK);
	fclose(out);
	assert_string_equal(buf, "\xEF\xBB\xBF" "plain,\"a,b\",\"say \"\"hi\"\"\","
			    "\"两行\n文字\",\"'=SUM(A1)\",\"'-3\",\" pad\","
			    "esc\xEF\xBF\xBD[31m,,-42,131.3,2.00\r\n");
	free(buf);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(totals), T(weeks_and_months), T(kinds_venues_hosts),
		T(categories), T(filters), T(upcoming_counted_apart),
		T(suggestions), T(weeks_across_dst), T(empty_period_refused),
		T(sums_by_period),
		cmocka_unit_test(bars_and_sparklines),
		cmocka_unit_test(csv_bytes),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, teardown_all);
}
