/* test_series.c - the model: validation, overrides, split and duplicate. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../core/series.h"
#include "testutil.h"

#define FOREVER_WINDOW(s) ((s)->sched.reach_start - 86400), \
	((s)->sched.reach_end == SCHED_FOREVER ? \
	 (s)->sched.reach_start + 3 * 366 * 86400LL : (s)->sched.reach_end + 1)

/* A valid series; the caller frees it. */
static void make(struct series *s, const char *zone, const char *start,
		 const char *end, const char *rule)
{
	struct herr err = { 0 };

	series_init(s);
	s->uid = uid_new();
	s->kind = strdup("reading");
	s->title = strdup("读书分享会");
	snprintf(s->sched.tzid, sizeof s->sched.tzid, "%s", zone);
	s->sched.start = cv(start);
	s->sched.end = cv(end);
	s->sched.all_day = strlen(start) == 10;
	s->sched.rrule = rule ? strdup(rule) : NULL;
	if (series_validate(s, &err) != HE_OK)
		fail_msg("%s", err.msg);
}

static void expand(const struct series *s, int64_t from, int64_t to,
		   struct instances *out)
{
	struct herr err = { 0 };

	if (sched_expand(&s->sched, from, to, 0, out, &err) != HE_OK)
		fail_msg("%s", err.msg);
}

static void names(void **state)
{
	enum status st;
	enum role r;

	(void)state;
	assert_string_equal(status_name(STATUS_TENTATIVE), "tentative");
	assert_string_equal(status_name(STATUS_CANCELLED), "cancelled");
	assert_string_equal(status_name((enum status)99), "confirmed");
	assert_true(status_parse("Confirmed", &st));
	assert_int_equal(st, STATUS_CONFIRMED);
	assert_true(status_parse("canceled", &st));
	assert_int_equal(st, STATUS_CANCELLED);
	assert_false(status_parse("", &st));
	assert_false(status_parse("done", &st));
	assert_string_equal(role_name(ROLE_COHOST), "co-host");
	assert_string_equal(role_name((enum role)-1), "partner");
	assert_true(role_parse("cohost", &r));
	assert_int_equal(r, ROLE_COHOST);
	assert_true(role_parse("SPONSOR", &r));
	assert_int_equal(r, ROLE_SPONSOR);
	assert_false(role_parse("boss", &r));
}

static void uids(void **state)
{
	char *a = uid_new(), *b = uid_new();

	(void)state;
	assert_int_equal(strlen(a), 36);
	assert_int_equal(a[14], '4');
	assert_true(strchr("89ab", a[19]) != NULL);
	assert_string_not_equal(a, b);
	free(a);
	free(b);
}

static void orgs_and_segments(void **state)
{
	struct series s, copy;
	struct segment g = { .title = (char *)"暖场游戏", .timed = true,
			     .from_min = 540, .to_min = 560 };

	(void)state;
	make(&s, "Asia/Shanghai", "2027-01-08T09:00:00", "2027-01-08T11:00:00",
	     NULL);
	series_add_org(&s, "棉织社区", ROLE_HOST);
	series_add_org(&s, "棉织社区", ROLE_HOST);      /* no duplicate */
	series_add_org(&s, "棉织社区", ROLE_PARTNER);   /* another role is fine */
	series_add_org(&s, "爱在枫乡", ROLE_PARTNER);
	assert_int_equal(s.n_orgs, 3);
	assert_string_equal(series_org_with_role(&s, ROLE_HOST), "棉织社区");
	assert_null(series_org_with_role(&s, ROLE_SPONSOR));
	series_clear_orgs(&s, ROLE_PARTNER);
	assert_int_equal(s.n_orgs, 1);
	series_clear_orgs(&s, ROLE_SPONSOR);
	assert_int_equal(s.n_orgs, 1);

	series_add_segment(&s, &g);
	g.title = (char *)"好书分享";
	g.timed = false;
	series_add_segment(&s, &g);
	g.title = (char *)"图书漂流";
	series_add_segment(&s, &g);
	assert_string_equal(s.segments[0].title, "暖场游戏");
	assert_true(series_move_segment(&s, 0, 2));
	assert_string_equal(s.segments[0].title, "好书分享");
	assert_string_equal(s.segments[2].title, "暖场游戏");
	assert_true(series_move_segment(&s, 2, 0));
	assert_string_equal(s.segments[0].title, "暖场游戏");
	assert_false(series_move_segment(&s, 0, 3));
	assert_false(series_remove_segment(&s, 3));
	assert_true(series_remove_segment(&s, 1));
	assert_int_equal(s.n_segments, 2);
	assert_string_equal(s.segments[1].title, "图书漂流");

	{
		struct segment own = { .title = xstrdup("t"), .note = xstrdup("n") };
		segment_free(&own);
		assert_null(own.title);
		segment_free(&own);
	}
	strv_add(&s.audience, "青少年");
	series_copy(&copy, &s);
	series_free(&s);
	assert_int_equal(copy.n_segments, 2);
	assert_int_equal(copy.n_orgs, 1);
	assert_string_equal(copy.audience.v[0], "青少年");
	assert_non_null(copy.sched.xrule == NULL ? "no rule" : copy.sched.xrule);
	series_free(&copy);
	/* Freeing twice is harmless: series_free leaves an empty series. */
	series_free(&copy);
}

/* series_validate refuses s with a message holding needle. */
static void invalid(struct series *s, const char *needle)
{
	struct herr err = { 0 };

	assert_int_equal(series_validate(s, &err), HE_USER);
	if (!strstr(err.msg, needle))
		fail_msg("'%s' lacks '%s'", err.msg, needle);
}

static void validate(void **state)
{
	struct series s;
	struct segment g = { .title = (char *)"x", .timed = true,
			     .from_min = 600, .to_min = 600 };

	(void)state;
	make(&s, "Asia/Shanghai", "2027-01-08T09:00:00", "2027-01-08T11:00:00",
	     NULL);
	str_replace(&s.title, "");
	invalid(&s, "title is empty");
	str_replace(&s.title, NULL);
	invalid(&s, "title is empty");
	str_replace(&s.title, " \t\n");
	invalid(&s, "title is blank");
	str_replace(&s.title, "ok\xff");
	invalid(&s, "byte 3");
	str_replace(&s.title, "ok");
	str_replace(&s.description, "\xc0\x80");
	invalid(&s, "description");
	str_replace(&s.description, NULL);
	str_replace(&s.venue, "\xe6\x9a");
	invalid(&s, "venue");
	str_replace(&s.venue, NULL);
	str_replace(&s.kind, NULL);
	invalid(&s, "kind is empty");
	str_replace(&s.kind, "reading");
	str_replace(&s.uid, "");
	invalid(&s, "UID");
	free(s.uid);
	s.uid = malloc(300);
	memset(s.uid, 'a', 299);
	s.uid[299] = '\0';
	invalid(&s, "UID");
	str_replace(&s.uid, "u1");
	strv_add(&s.audience, " ");
	invalid(&s, "audience is blank");
	strv_free(&s.audience);
	series_add_org(&s, "", ROLE_HOST);
	invalid(&s, "organisation is empty");
	series_clear_orgs(&s, ROLE_HOST);
	s.capacity = -1;
	invalid(&s, "capacity");
	s.capacity = 30;
	series_add_segment(&s, &g);
	invalid(&s, "segment 1");
	s.segments[0].to_min = 24 * 60 + 1;
	invalid(&s, "segment 1");
	s.segments[0].to_min = 24 * 60;
	assert_int_equal(series_validate(&s, NULL), HE_OK);
	str_replace(&s.segments[0].title, "");
	invalid(&s, "segment title");
	str_replace(&s.segments[0].title, "签到");
	snprintf(s.sched.tzid, sizeof s.sched.tzid, "Nowhere/Land");
	invalid(&s, "Nowhere/Land");
	series_free(&s);
}

static void overrides(void **state)
{
	struct series s;
	struct override *o = NULL;
	struct herr err = { 0 };

	(void)state;
	make(&s, "Asia/Shanghai", "2027-01-01T10:00:00", "2027-01-01T12:00:00",
	     "FREQ=WEEKLY;BYDAY=FR;COUNT=4");
	civil_list_add(&s.sched.exdates, *CT(2027, 1, 15, 10, 0));
	assert_int_equal(series_validate(&s, NULL), HE_OK);
	assert_null(series_find_override(&s, CT(2027, 1, 8, 10, 0)));
	assert_int_equal(series_override(&s, CT(2027, 1, 8, 10, 0), &o, &err), HE_OK);
	assert_non_null(o);
	o->cancelled = true;
	assert_ptr_equal(series_find_override(&s, CT(2027, 1, 8, 10, 0)), o);
	/* Asking again returns the same override. */
	assert_int_equal(series_override(&s, CT(2027, 1, 8, 10, 0), &o, &err), HE_OK);
	assert_true(o->cancelled);
	assert_int_equal(s.n_overrides, 1);
	/* Not an occurrence: another time, an excluded date, after COUNT. */
	assert_int_equal(series_override(&s, CT(2027, 1, 8, 11, 0), &o, &err),
			 HE_USER);
	assert_non_null(strstr(err.msg, "2027-01-08T11:00:00"));
	assert_non_null(strstr(err.msg, "读书分享会"));
	assert_int_equal(series_override(&s, CT(2027, 1, 15, 10, 0), &o, &err),
			 HE_USER);
	assert_int_equal(series_override(&s, CT(2027, 1, 29, 10, 0), &o, &err),
			 HE_USER);
	assert_int_equal(series_override(&s, CT(2027, 1, 22, 10, 0), &o, &err),
			 HE_OK);
	o->moved = true;
	o->start = *CT(2027, 1, 23, 14, 0);
	o->end = *CT(2027, 1, 23, 16, 0);
	str_replace(&o->note, "改到周六下午");
	assert_int_equal(s.n_overrides, 2);
	assert_true(series_drop_override(&s, CT(2027, 1, 8, 10, 0)));
	assert_false(series_drop_override(&s, CT(2027, 1, 8, 10, 0)));
	assert_int_equal(s.n_overrides, 1);
	assert_string_equal(s.overrides[0].note, "改到周六下午");
	series_free(&s);
}

/* Instances of a and b together equal all, a's before rid, b's from it. */
static void assert_halves(const struct instances *all, const struct instances *a,
			  const struct instances *b, const struct civil *rid)
{
	char x[CIVIL_BUFSZ];

	if (a->n + b->n != all->n)
		fail_msg("split at %s: %zu + %zu instances, wanted %zu",
			 civil_format(rid, false, x), a->n, b->n, all->n);
	for (size_t i = 0; i < all->n; i++) {
		const struct instance *h = i < a->n ? &a->v[i] : &b->v[i - a->n];
		if (civil_cmp(&h->rid, &all->v[i].rid) != 0 ||
		    h->start != all->v[i].start || h->end != all->v[i].end)
			fail_msg("split at %s: instance %zu is %s, wanted %s",
				 civil_format(rid, false, x), i,
				 civil_format(&h->rid, false, (char[CIVIL_BUFSZ]){ 0 }),
				 civil_format(&all->v[i].rid, false,
					      (char[CIVIL_BUFSZ]){ 0 }));
		assert_true((civil_cmp(&h->rid, rid) < 0) == (i < a->n));
	}
}

/* Splits a copy of s at each of its occurrences in turn and checks both halves. */
static void split_everywhere(const struct series *s, size_t every)
{
	struct instances all = { 0 };

	expand(s, FOREVER_WINDOW(s), &all);
	assert_true(all.n >= 2);
	for (size_t k = 1; k < all.n; k += every) {
		struct series head, tail;
		struct instances a = { 0 }, b = { 0 };
		struct herr err = { 0 };
		series_copy(&head, s);
		if (s->sched.rrule && civil_list_has(&s->sched.rdates, &all.v[k].rid)) {
			/* An extra date is not where the rule can be cut. */
			assert_int_equal(series_split(&head, &all.v[k].rid, &tail,
						      &err), HE_USER);
			assert_non_null(strstr(err.msg, "extra date"));
			series_free(&head);
			continue;
		}
		if (series_split(&head, &all.v[k].rid, &tail, &err) != HE_OK)
			fail_msg("%s", err.msg);
		assert_string_not_equal(head.uid, tail.uid);
		assert_int_equal(tail.id, 0);
		assert_int_equal(civil_cmp(&tail.sched.start, &all.v[k].rid), 0);
		expand(&head, FOREVER_WINDOW(s), &a);
		expand(&tail, FOREVER_WINDOW(s), &b);
		assert_halves(&all, &a, &b, &all.v[k].rid);
		instances_free(&a);
		instances_free(&b);
		series_free(&head);
		series_free(&tail);
	}
	instances_free(&all);
}

static void split_until_and_count(void **state)
{
	static const struct {
		const char *zone, *start, *end, *rule;
	} cases[] = {
		{ "Asia/Shanghai", "2027-01-01T10:00:00", "2027-01-01T12:00:00",
		  "FREQ=WEEKLY;BYDAY=FR,SA,SU;COUNT=14" },
		{ "Asia/Shanghai", "2027-01-01T10:00:00", "2027-01-01T12:00:00",
		  "FREQ=WEEKLY;BYDAY=FR,SA,SU;UNTIL=20270131T020000Z" },
		{ "Europe/Berlin", "2027-01-31T18:00:00", "2027-01-31T20:00:00",
		  "FREQ=MONTHLY;BYMONTHDAY=31;COUNT=7" },
		{ "Europe/Berlin", "2027-01-04T09:00:00", "2027-01-04T10:00:00",
		  "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;UNTIL=20270601T000000Z" },
		{ "Europe/Berlin", "2027-03-20T02:30:00", "2027-03-20T03:00:00",
		  "FREQ=DAILY;COUNT=20" },
		{ "Europe/Berlin", "2027-03-20T02:30:00", "2027-03-20T03:00:00",
		  "FREQ=DAILY;UNTIL=20270410T000000Z" },
		/* (Ending at 03:00, the fold day's occurrence would end in the
		 * repeated hour, which no wall-clock DTEND can name.) */
		{ "Europe/Berlin", "2027-10-25T02:30:00", "2027-10-25T04:00:00",
		  "FREQ=DAILY;UNTIL=20271105" },
		/* Overnight, across both changes: every half keeps 12 hours. */
		{ "Europe/Berlin", "2027-03-25T20:00:00", "2027-03-26T08:00:00",
		  "FREQ=DAILY;COUNT=8" },
		{ "Europe/Berlin", "2027-10-28T20:00:00", "2027-10-29T08:00:00",
		  "FREQ=DAILY;UNTIL=20271103T000000Z" },
		{ "Asia/Shanghai", "2027-01-08", "2027-01-11",
		  "FREQ=WEEKLY;COUNT=4" },
		{ "Asia/Shanghai", "2027-01-08", "2027-01-09",
		  "FREQ=WEEKLY;BYDAY=FR,SA,SU;UNTIL=20270131" },
		{ "Asia/Shanghai", "2027-01-10T10:00:00", "2027-01-10T11:00:00",
		  "FREQ=MONTHLY;BYDAY=2SA;COUNT=6" },
		{ "Asia/Shanghai", "2027-01-01T08:00:00", "2027-01-01T09:00:00",
		  "FREQ=HOURLY;INTERVAL=5;COUNT=30" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct series s;
		make(&s, cases[i].zone, cases[i].start, cases[i].end, cases[i].rule);
		split_everywhere(&s, 1);
		/* Exceptions, extra dates and overrides go with their half. */
		if (!s.sched.all_day) {
			struct instances all = { 0 };
			struct override *o;
			expand(&s, FOREVER_WINDOW(&s), &all);
			civil_list_add(&s.sched.exdates, all.v[1].rid);
			civil_list_add(&s.sched.exdates, all.v[all.n - 2].rid);
			civil_list_add(&s.sched.rdates,
				       civil_add_days(all.v[all.n - 1].rid, 3));
			assert_int_equal(series_validate(&s, NULL), HE_OK);
			assert_int_equal(series_override(&s, &all.v[2].rid, &o, NULL),
					 HE_OK);
			o->cancelled = true;
			split_everywhere(&s, 1);
			instances_free(&all);
		}
		series_free(&s);
	}
}

static void split_keeps_halves_apart(void **state)
{
	struct series s, tail;
	struct override *o;
	struct herr err = { 0 };

	(void)state;
	make(&s, "Asia/Shanghai", "2027-01-01T10:00:00", "2027-01-01T12:00:00",
	     "FREQ=WEEKLY;BYDAY=FR");
	civil_list_add(&s.sched.exdates, *CT(2027, 1, 8, 10, 0));
	civil_list_add(&s.sched.exdates, *CT(2027, 2, 5, 10, 0));
	civil_list_add(&s.sched.rdates, *CT(2027, 1, 20, 15, 0));
	assert_int_equal(series_validate(&s, NULL), HE_OK);
	assert_int_equal(series_override(&s, CT(2027, 1, 15, 10, 0), &o, NULL), HE_OK);
	str_replace(&o->note, "前");
	assert_int_equal(series_override(&s, CT(2027, 1, 29, 10, 0), &o, NULL), HE_OK);
	str_replace(&o->note, "后");
	assert_int_equal(series_split(&s, CT(2027, 1, 22, 10, 0), &tail, &err), HE_OK);
	assert_int_equal(s.sched.exdates.n, 1);
	assert_int_equal(tail.sched.exdates.n, 1);
	assert_int_equal(s.sched.rdates.n, 1);
	assert_int_equal(tail.sched.rdates.n, 0);
	assert_int_equal(s.n_overrides, 1);
	assert_string_equal(s.overrides[0].note, "前");
	assert_int_equal(tail.n_overrides, 1);
	assert_string_equal(tail.overrides[0].note, "后");
	assert_int_equal(tail.sched.reach_end, SCHED_FOREVER);
	/* The head's reach may run to its UNTIL, not past the tail's start. */
	assert_true(s.sched.reach_end <= tail.sched.reach_start + 7200);
	assert_string_equal(tail.title, s.title);
	series_free(&tail);
	series_free(&s);
}

static void split_refusals(void **state)
{
	struct series s, tail;
	struct herr err = { 0 };

	(void)state;
	make(&s, "Asia/Shanghai", "2027-01-01T10:00:00", "2027-01-01T12:00:00",
	     "FREQ=WEEKLY;BYDAY=FR;COUNT=5");
	assert_int_equal(series_split(&s, CT(2027, 1, 1, 10, 0), &tail, &err),
			 HE_USER);
	assert_non_null(strstr(err.msg, "first occurrence"));
	assert_int_equal(series_split(&s, CT(2027, 1, 2, 10, 0), &tail, &err),
			 HE_USER);
	assert_non_null(strstr(err.msg, "no occurrence"));
	assert_int_equal(series_split(&s, CT(2027, 2, 5, 10, 0), &tail, &err),
			 HE_USER);
	/* Nothing changed. */
	assert_non_null(strstr(s.sched.rrule, "COUNT=5"));
	series_free(&s);
	/* A one-off event has nothing to split. */
	make(&s, "Asia/Shanghai", "2027-01-01T10:00:00", "2027-01-01T12:00:00",
	     NULL);
	assert_int_equal(series_split(&s, CT(2027, 1, 1, 10, 0), &tail, &err),
			 HE_USER);
	series_free(&s);
}

/* The instances of copy are those of s moved by days, rid and times. */
static void assert_shifted(const struct series *s, const struct series *copy,
			   int days)
{
	struct instances a = { 0 }, b = { 0 };
	const struct tz *z = tz_get(s->sched.tzid);

	expand(s, FOREVER_WINDOW(s), &a);
	expand(copy, FOREVER_WINDOW(copy), &b);
	assert_int_equal(a.n, b.n);
	for (size_t i = 0; i < a.n; i++) {
		struct civil moved = civil_add_days(a.v[i].rid, days);
		struct civil wall_a = tz_from_utc(z, a.v[i].start, NULL);
		struct civil wall_b = tz_from_utc(z, b.v[i].start, NULL);
		assert_int_equal(civil_cmp(&b.v[i].rid, &moved), 0);
		wall_a = civil_add_days(wall_a, days);
		assert_int_equal(civil_cmp(&wall_a, &wall_b), 0);
	}
	instances_free(&a);
	instances_free(&b);
}

static void duplicate(void **state)
{
	struct series s, copy;
	struct override *o;
	struct herr err = { 0 };

	(void)state;
	make(&s, "Europe/Berlin", "2027-03-05T18:00:00", "2027-03-05T20:00:00",
	     "FREQ=WEEKLY;BYDAY=FR,SA;UNTIL=20270410T170000Z");
	civil_list_add(&s.sched.exdates, *CT(2027, 3, 13, 18, 0));
	civil_list_add(&s.sched.rdates, *CT(2027, 3, 17, 18, 0));
	assert_int_equal(series_validate(&s, NULL), HE_OK);
	assert_int_equal(series_override(&s, CT(2027, 3, 19, 18, 0), &o, NULL), HE_OK);
	o->moved = true;
	o->start = *CT(2027, 3, 19, 19, 0);
	o->end = *CT(2027, 3, 19, 21, 0);
	/* Two weeks on: the same weekdays, across the change to summer time. */
	assert_int_equal(series_duplicate(&s, CT(2027, 3, 19, 18, 0), &copy, &err),
			 HE_OK);
	assert_string_not_equal(copy.uid, s.uid);
	assert_int_equal(copy.id, 0);
	assert_int_equal(civil_cmp(&copy.sched.start, CT(2027, 3, 19, 18, 0)), 0);
	assert_int_equal(civil_cmp(&copy.sched.end, CT(2027, 3, 19, 20, 0)), 0);
	assert_int_equal(civil_cmp(&copy.sched.exdates.v[0], CT(2027, 3, 27, 18, 0)), 0);
	assert_int_equal(civil_cmp(&copy.sched.rdates.v[0], CT(2027, 3, 31, 18, 0)), 0);
	assert_int_equal(civil_cmp(&copy.overrides[0].rid, CT(2027, 4, 2, 18, 0)), 0);
	assert_int_equal(civil_cmp(&copy.overrides[0].start, CT(2027, 4, 2, 19, 0)), 0);
	/* UNTIL 2027-04-10 19:00 Berlin moves to 04-24 19:00, now UTC+2. */
	assert_non_null(strstr(copy.sched.rrule, "UNTIL=20270424T170000Z"));
	assert_shifted(&s, &copy, 14);
	series_free(&copy);

	/* All-day with COUNT: the count stays. */
	series_free(&s);
	make(&s, "Asia/Shanghai", "2027-01-08", "2027-01-11",
	     "FREQ=WEEKLY;COUNT=4");
	assert_int_equal(series_duplicate(&s, CT(2028, 1, 7, 0, 0), &copy, &err),
			 HE_OK);
	assert_int_equal(copy.sched.start.year, 2028);
	assert_int_equal(sched_rule_count(copy.sched.rrule), 4);
	assert_shifted(&s, &copy, 364);
	series_free(&copy);
	series_free(&s);

	/* A one-off event moves whole. */
	make(&s, "Asia/Shanghai", "2027-01-08T19:00:00", "2027-01-08T21:00:00",
	     NULL);
	assert_int_equal(series_duplicate(&s, CT(2027, 2, 1, 19, 0), &copy, &err),
			 HE_OK);
	assert_shifted(&s, &copy, 24);
	series_free(&copy);
	series_free(&s);
}

/* Changing a series' time keeps every occurrence, exception and change. */
static void move_start(void **state)
{
	struct series s;
	struct override *o;
	struct instances a = { 0 }, b = { 0 };

	(void)state;
	/* UNTIL exactly at the last start, as calendars export it. */
	make(&s, "Asia/Shanghai", "2027-01-08T19:00:00", "2027-01-08T21:00:00",
	     "FREQ=WEEKLY;BYDAY=FR;UNTIL=20270129T110000Z");
	civil_list_add(&s.sched.exdates, *CT(2027, 1, 15, 19, 0));
	assert_int_equal(series_validate(&s, NULL), HE_OK);
	assert_int_equal(series_override(&s, CT(2027, 1, 22, 19, 0), &o, NULL), HE_OK);
	o->cancelled = true;
	expand(&s, FOREVER_WINDOW(&s), &a);
	assert_int_equal(a.n, 3);
	series_move(&s, CT(2027, 1, 8, 20, 30), false);
	assert_int_equal(series_validate(&s, NULL), HE_OK);
	assert_int_equal(civil_cmp(&s.sched.end, CT(2027, 1, 8, 22, 30)), 0);
	assert_int_equal(civil_cmp(&s.sched.exdates.v[0], CT(2027, 1, 15, 20, 30)), 0);
	assert_non_null(series_find_override(&s, CT(2027, 1, 22, 20, 30)));
	expand(&s, FOREVER_WINDOW(&s), &b);
	assert_int_equal(b.n, 3);
	for (size_t i = 0; i < a.n; i++)
		assert_int_equal(b.v[i].start - a.v[i].start, 5400);
	instances_free(&a);
	instances_free(&b);
	series_free(&s);
}

/*
 * A series with thousands of changed occurrences, made and dropped in
 * random order: each is found by its original start, copies too, and none
 * that was dropped (series.c indexes them once there are many).
 */
static void many_overrides(void **state)
{
	enum { N = 3000 };
	static bool kept[N];
	struct series s, copy;
	uint64_t seed = 42;
	int order[N];

	(void)state;
	make(&s, "Asia/Shanghai", "2027-01-01T08:00:00", "2027-01-01T09:00:00",
	     "FREQ=DAILY");
	for (int i = 0; i < N; i++)
		order[i] = i;
	for (int i = N - 1; i > 0; i--) {
		int j;
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		j = (int)((seed >> 33) % (uint64_t)(i + 1));
		int t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
	for (int i = 0; i < N; i++) {
		struct civil rid = civil_add_days(cv("2027-01-01T08:00:00"), order[i]);
		struct override *o;
		assert_int_equal(series_override(&s, &rid, &o, NULL), HE_OK);
		o->note = xasprintf("第%d天", order[i]);
		kept[order[i]] = true;
	}
	assert_int_equal(s.n_overrides, N);
	/* Every third, in the shuffled order, dropped again. */
	for (int i = 0; i < N; i += 3) {
		struct civil rid = civil_add_days(cv("2027-01-01T08:00:00"), order[i]);
		assert_true(series_drop_override(&s, &rid));
		assert_false(series_drop_override(&s, &rid));
		kept[order[i]] = false;
	}
	series_copy(&copy, &s);
	for (int d = 0; d < N + 5; d++) {
		struct civil rid = civil_add_days(cv("2027-01-01T08:00:00"), d);
		struct override *o = series_find_override(&s, &rid);
		struct override *c = series_find_override(&copy, &rid);
		char note[32];
		if (d >= N || !kept[d]) {
			assert_null(o);
			assert_null(c);
			continue;
		}
		snprintf(note, sizeof note, "第%d天", d);
		assert_non_null(o);
		assert_non_null(c);
		assert_string_equal(o->note, note);
		assert_string_equal(c->note, note);
	}
	series_free(&copy);
	series_free(&s);
}

/* A reading session's agenda from 09:00 and a free-standing item. */
static void add_agenda(struct series *s)
{
	struct segment warm = { .title = (char *)"暖场", .timed = true,
				.from_min = 9 * 60, .to_min = 9 * 60 + 20 };
	struct segment share = { .title = (char *)"分享", .timed = true,
				 .from_min = 9 * 60 + 20, .to_min = 11 * 60 + 30 };
	struct segment any = { .title = (char *)"图书漂流角" };

	series_add_segment(s, &warm);
	series_add_segment(s, &share);
	series_add_segment(s, &any);
}

/* Moving an event moves its agenda; making it all-day does not. */
static void move_takes_segments(void **state)
{
	struct series s;

	(void)state;
	make(&s, "Asia/Shanghai", "2027-01-09T09:00:00", "2027-01-09T11:30:00",
	     NULL);
	add_agenda(&s);
	series_move(&s, CT(2027, 1, 10, 9, 30), false);
	assert_int_equal(s.segments[0].from_min, 9 * 60 + 30);
	assert_int_equal(s.segments[0].to_min, 9 * 60 + 50);
	assert_int_equal(s.segments[1].to_min, 12 * 60);
	assert_false(s.segments[2].timed);
	/* Back over midnight the other way: 08:30 the day before. */
	series_move(&s, CT(2027, 1, 9, 8, 30), false);
	assert_int_equal(s.segments[0].from_min, 8 * 60 + 30);
	assert_int_equal(series_validate(&s, NULL), HE_OK);
	/* Late in the evening: an end past midnight stops at 24:00. */
	series_move(&s, CT(2027, 1, 9, 22, 0), false);
	assert_int_equal(s.segments[1].from_min, 22 * 60 + 20);
	assert_int_equal(s.segments[1].to_min, 24 * 60);
	assert_int_equal(series_validate(&s, NULL), HE_OK);
	series_move(&s, CT(2027, 1, 9, 0, 0), true);
	assert_int_equal(s.segments[0].from_min, 22 * 60);
	series_free(&s);
	assert_int_equal(segment_minutes_shifted(23 * 60, 60, true), 24 * 60);
	assert_int_equal(segment_minutes_shifted(23 * 60, 60, false), 0);
	assert_int_equal(segment_minutes_shifted(30, -60, false), 23 * 60 + 30);
}

/* A one-off moves as a whole; an occurrence of a series gets an override
 * whose segments are shown shifted. */
static void move_occurrences(void **state)
{
	struct series one, weekly;
	struct civil rid;
	struct override *o;

	(void)state;
	make(&one, "Asia/Shanghai", "2027-01-09T09:00:00", "2027-01-09T11:30:00",
	     NULL);
	add_agenda(&one);
	assert_false(series_repeats(&one));
	assert_int_equal(series_move_occurrence(&one, CT(2027, 1, 9, 9, 0),
						CT(2027, 1, 9, 9, 30),
						CT(2027, 1, 9, 12, 0), &rid, NULL),
			 HE_OK);
	assert_int_equal(one.n_overrides, 0);
	assert_int_equal(civil_cmp(&one.sched.start, CT(2027, 1, 9, 9, 30)), 0);
	assert_int_equal(civil_cmp(&one.sched.end, CT(2027, 1, 9, 12, 0)), 0);
	assert_int_equal(civil_cmp(&rid, CT(2027, 1, 9, 9, 30)), 0);
	assert_int_equal(one.segments[0].from_min, 9 * 60 + 30);
	series_free(&one);

	make(&weekly, "Asia/Shanghai", "2027-01-09T09:00:00",
	     "2027-01-09T11:30:00", "FREQ=WEEKLY;COUNT=4");
	add_agenda(&weekly);
	assert_true(series_repeats(&weekly));
	assert_int_equal(series_move_occurrence(&weekly, CT(2027, 1, 16, 9, 0),
						CT(2027, 1, 17, 14, 0),
						CT(2027, 1, 17, 16, 30), &rid,
						NULL), HE_OK);
	assert_int_equal(civil_cmp(&rid, CT(2027, 1, 16, 9, 0)), 0);
	o = series_find_override(&weekly, CT(2027, 1, 16, 9, 0));
	assert_non_null(o);
	assert_true(o->moved);
	/* The series' own agenda stays; this occurrence's shifts by 5 h. */
	assert_int_equal(weekly.segments[0].from_min, 9 * 60);
	assert_int_equal(series_segment_shift(&weekly, o), 5 * 60);
	assert_int_equal(series_segment_shift(&weekly, NULL), 0);
	/* Not an occurrence: refused, nothing changed. */
	assert_int_equal(series_move_occurrence(&weekly, CT(2027, 1, 18, 9, 0),
						CT(2027, 1, 18, 10, 0),
						CT(2027, 1, 18, 11, 0), &rid,
						NULL), HE_USER);
	assert_int_equal(weekly.n_overrides, 1);
	series_free(&weekly);
}

/* Taking another organiser's version of some fields (the form's merge). */
static void swap_fields(void **state)
{
	struct series mine, theirs;
	struct override *o;

	(void)state;
	make(&mine, "Asia/Shanghai", "2027-01-09T09:00:00", "2027-01-09T11:00:00",
	     "FREQ=WEEKLY");
	series_copy(&theirs, &mine);
	str_replace(&mine.title, "mine");
	str_replace(&theirs.title, "theirs");
	str_replace(&theirs.description, "their words");
	theirs.capacity = 40;
	assert_int_equal(series_override(&theirs, CT(2027, 1, 16, 9, 0), &o, NULL),
			 HE_OK);
	o->cancelled = true;
	theirs.sched.start = *CT(2027, 1, 9, 10, 0);
	theirs.sched.end = *CT(2027, 1, 9, 12, 0);
	assert_true(series_swap_field(&mine, &theirs, "description"));
	assert_true(series_swap_field(&mine, &theirs, "capacity"));
	assert_true(series_swap_field(&mine, &theirs, "start"));
	assert_true(series_swap_field(&mine, &theirs, "occurrences"));
	assert_false(series_swap_field(&mine, &theirs, "no such field"));
	assert_string_equal(mine.title, "mine");
	assert_string_equal(mine.description, "their words");
	assert_int_equal(mine.capacity, 40);
	/* The schedule goes whole: start and end together. */
	assert_int_equal(civil_cmp(&mine.sched.start, CT(2027, 1, 9, 10, 0)), 0);
	assert_int_equal(civil_cmp(&mine.sched.end, CT(2027, 1, 9, 12, 0)), 0);
	assert_int_equal(mine.n_overrides, 1);
	assert_true(mine.overrides[0].cancelled);
	assert_int_equal(theirs.n_overrides, 0);
	assert_null(theirs.description);
	series_free(&mine);
	series_free(&theirs);
}

/* A moved one-off keeps an override of its occurrence that has only its own
 * title or only its own description (the occurrence's texts are not lost
 * with the move); an override with nothing left of its own goes. */
static void move_one_off_keeps_own_texts(void **state)
{
	struct series s;
	struct civil rid;
	struct override *o;
	struct herr err = { 0 };

	(void)state;
	for (int i = 0; i < 3; i++) {
		struct civil at = cv("2027-01-09T09:00:00");
		struct civil to = *CT(2027, 1, 9, 14, 0), end = *CT(2027, 1, 9, 16, 0);

		make(&s, "Asia/Shanghai", "2027-01-09T09:00:00",
		     "2027-01-09T11:30:00", NULL);
		assert_int_equal(series_override(&s, &at, &o, &err), HE_OK);
		if (i == 0)
			o->title = strdup("读书会（改期）");
		else if (i == 1)
			o->description = strdup("带上一本书");
		assert_int_equal(series_move_occurrence(&s, &at, &to, &end, &rid,
							&err), HE_OK);
		assert_int_equal(civil_cmp(&rid, &to), 0);
		o = series_find_override(&s, &rid);
		if (i == 2) {
			/* Nothing of its own: folded into the event. */
			assert_null(o);
			assert_int_equal(s.n_overrides, 0);
		} else {
			assert_non_null(o);
			assert_false(o->moved);
			if (i == 0) {
				assert_string_equal(o->title, "读书会（改期）");
				assert_null(o->description);
			} else {
				assert_null(o->title);
				assert_string_equal(o->description, "带上一本书");
			}
		}
		series_free(&s);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(move_takes_segments),
		cmocka_unit_test(move_occurrences),
		cmocka_unit_test(move_one_off_keeps_own_texts),
		cmocka_unit_test(names),
		cmocka_unit_test(uids),
		cmocka_unit_test(orgs_and_segments),
		cmocka_unit_test(validate),
		cmocka_unit_test(overrides),
		cmocka_unit_test(split_until_and_count),
		cmocka_unit_test(split_keeps_halves_apart),
		cmocka_unit_test(split_refusals),
		cmocka_unit_test(duplicate),
		cmocka_unit_test(move_start),
		cmocka_unit_test(many_overrides),
		cmocka_unit_test(swap_fields),
	};
	return cmocka_run_group_tests(tests, NULL, teardown_all);
}
