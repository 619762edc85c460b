/*
 * test_shift.c - shifts: rules per series, range and occurrence, how an
 * occurrence is staffed ("needs N more"), signing up (roles, double
 * booking refused with the clash named), sign-ups that stay with a moved
 * occurrence, notices for cancelled and moved ones, "this and following",
 * and finding an occurrence from what people type.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "people_fixture.h"

struct fixture {
	struct store *st;
	struct config cfg;
	int64_t station, snow;
	int64_t wang, li, zhang;
};

static int setup(void **state)
{
	static int n;
	struct fixture *f = xcalloc(1, sizeof *f);
	char name[32];

	snprintf(name, sizeof name, "shift%d.db", n++);
	f->st = open_new(name);
	load_config(&f->cfg, "");
	f->station = warm_station(f->st);
	f->snow = snow_clearing(f->st);
	f->wang = add_person(f->st, f->cfg.people, "王芳", "13812345678",
			     "party-member");
	f->li = add_person(f->st, f->cfg.people, "李娜", NULL, "volunteer");
	f->zhang = add_person(f->st, f->cfg.people, "张伟", NULL, "rider");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	config_free(&f->cfg);
	store_close(&f->st);
	free(f);
	return 0;
}

static int need_of(struct store *st, int64_t series, const char *rid,
		   const char *role, int *signed_up)
{
	struct staffing s;
	struct civil r = cv(rid);
	int need = -1;

	assert_int_equal(store_staffing(st, series, &r, &s, NULL), HE_OK);
	for (size_t i = 0; i < s.n; i++)
		if (!strcmp(s.v[i].role, role)) {
			need = s.v[i].need;
			if (signed_up)
				*signed_up = s.v[i].signed_up;
		}
	staffing_free(&s);
	return need;
}

static void rules_narrowest_wins(void **state)
{
	struct fixture *f = *state;
	struct herr err = { 0 };
	int covered = 0;

	/* 3 volunteers and 1 team leader each day it is open... */
	assert_int_equal(store_shift_set(f->st, f->station, "volunteer",
					 SHIFT_FIRST, SHIFT_LAST, 3, &covered,
					 &err), HE_OK);
	assert_int_equal(covered, -1);
	assert_int_equal(store_shift_set(f->st, f->station, "team-leader",
					 SHIFT_FIRST, SHIFT_LAST, 1, NULL, &err),
			 HE_OK);
	/* ...5 volunteers the second weekend... */
	assert_int_equal(store_shift_set(f->st, f->station, "volunteer",
					 wall("2027-01-08T00:00:00"),
					 wall("2027-01-10T23:59:59"), 5, &covered,
					 &err), HE_OK);
	assert_int_equal(covered, 3);
	/* ...and 6 on its Saturday. */
	assert_int_equal(store_shift_set(f->st, f->station, "volunteer",
					 wall("2027-01-09T10:00:00"),
					 wall("2027-01-09T10:00:00"), 6, &covered,
					 &err), HE_OK);
	assert_int_equal(covered, 1);
	assert_int_equal(need_of(f->st, f->station, "2027-01-01T10:00:00",
				 "volunteer", NULL), 3);
	assert_int_equal(need_of(f->st, f->station, "2027-01-08T10:00:00",
				 "volunteer", NULL), 5);
	assert_int_equal(need_of(f->st, f->station, "2027-01-09T10:00:00",
				 "volunteer", NULL), 6);
	assert_int_equal(need_of(f->st, f->station, "2027-01-09T10:00:00",
				 "team-leader", NULL), 1);
	/* Setting the same range again replaces its number. */
	assert_int_equal(store_shift_set(f->st, f->station, "volunteer",
					 wall("2027-01-09T10:00:00"),
					 wall("2027-01-09T10:00:00"), 2, NULL,
					 &err), HE_OK);
	assert_int_equal(need_of(f->st, f->station, "2027-01-09T10:00:00",
				 "volunteer", NULL), 2);
	/* A range without occurrences (a Tuesday) is refused. */
	assert_int_equal(store_shift_set(f->st, f->station, "volunteer",
					 wall("2027-01-05T00:00:00"),
					 wall("2027-01-05T23:59:59"), 2, NULL,
					 &err), HE_USER);
	assert_int_equal(store_shift_set(f->st, f->station, "volunteer",
					 SHIFT_FIRST, SHIFT_LAST, -1, NULL, &err),
			 HE_USER);
}

static void signing_up_and_needs_more(void **state)
{
	struct fixture *f = *state;
	struct herr err = { 0 };
	struct civil fri = cv("2027-01-08T10:00:00");
	struct signup g;
	struct occ o = { .series_id = f->station, .rid = fri };
	int have = 0;

	assert_int_equal(shift_signup(f->st, f->cfg.people, f->wang, f->station,
				      &fri, NULL, NULL, &err), HE_USER);
	assert_non_null(strstr(err.msg, "needs no people"));
	store_shift_set(f->st, f->station, "volunteer", SHIFT_FIRST, SHIFT_LAST,
			3, NULL, &err);
	assert_int_equal(shift_needs_more(f->st, &o), 3);
	assert_int_equal(shift_signup(f->st, f->cfg.people, f->wang, f->station,
				      &fri, NULL, &g, &err), HE_OK);
	assert_string_equal(g.role, "volunteer");
	assert_int_equal(g.start, at(ZONE, "2027-01-08T10:00:00"));
	signup_free(&g);
	assert_int_equal(shift_needs_more(f->st, &o), 2);
	store_shift_set(f->st, f->station, "team-leader", SHIFT_FIRST,
			SHIFT_LAST, 1, NULL, &err);
	assert_int_equal(shift_needs_more(f->st, &o), 3);
	/* Two roles now: which one must be said; a label will do. */
	assert_int_equal(shift_signup(f->st, f->cfg.people, f->li, f->station,
				      &fri, NULL, NULL, &err), HE_USER);
	assert_non_null(strstr(err.msg, "--role"));
	assert_int_equal(shift_signup(f->st, f->cfg.people, f->li, f->station,
				      &fri, "Team leader", NULL, &err), HE_OK);
	assert_int_equal(need_of(f->st, f->station, "2027-01-08T10:00:00",
				 "team-leader", &have), 1);
	assert_int_equal(have, 1);
	assert_int_equal(shift_signup(f->st, f->cfg.people, f->zhang, f->station,
				      &fri, "cook", NULL, &err), HE_USER);
	assert_non_null(strstr(err.msg, "cook"));
	/* Twice, an occurrence the series does not have, an inactive one. */
	assert_int_equal(shift_signup(f->st, f->cfg.people, f->wang, f->station,
				      &fri, "volunteer", NULL, &err), HE_USER);
	assert_non_null(strstr(err.msg, "already signed up"));
	struct civil tue = cv("2027-01-05T10:00:00");
	assert_int_equal(shift_signup(f->st, f->cfg.people, f->zhang, f->station,
				      &tue, NULL, NULL, &err), HE_USER);
	o.cancelled = true;
	assert_int_equal(shift_needs_more(f->st, &o), 0);
}

static void double_booking_names_the_clash(void **state)
{
	struct fixture *f = *state;
	struct herr err = { 0 };
	struct civil sat = cv("2027-01-09T10:00:00"),
		     snow = cv("2027-01-09T11:00:00");

	store_shift_set(f->st, f->station, "volunteer", SHIFT_FIRST, SHIFT_LAST,
			3, NULL, &err);
	store_shift_set(f->st, f->snow, "volunteer", SHIFT_FIRST, SHIFT_LAST,
			10, NULL, &err);
	assert_int_equal(shift_signup(f->st, f->cfg.people, f->wang, f->station,
				      &sat, NULL, NULL, &err), HE_OK);
	assert_int_equal(shift_signup(f->st, f->cfg.people, f->wang, f->snow,
				      &snow, NULL, NULL, &err), HE_USER);
	assert_non_null(strstr(err.msg, "王芳"));
	assert_non_null(strstr(err.msg, "β暖冬志愿服务站"));
	assert_non_null(strstr(err.msg, "2027-01-09 10:00–18:00"));
	/* Someone else may; and so may she once she is off the station. */
	assert_int_equal(shift_signup(f->st, f->cfg.people, f->li, f->snow,
				      &snow, NULL, NULL, &err), HE_OK);
	assert_int_equal(shift_unsignup(f->st, f->wang, f->station, &sat, &err),
			 HE_OK);
	assert_int_equal(shift_signup(f->st, f->cfg.people, f->wang, f->snow,
				      &snow, NULL, NULL, &err), HE_OK);
}

/* Moves (or cancels) the occurrence rid of series as the override
 * command does. */
static void change_occurrence(struct store *st, int64_t series,
			      const char *rid, const char *start,
			      const char *end, bool cancel)
{
	struct series s;
	struct override *o;
	struct herr err = { 0 };
	struct civil r = cv(rid);

	assert_int_equal(store_series_load(st, series, &s, &err), HE_OK);
	assert_int_equal(series_override(&s, &r, &o, &err), HE_OK);
	if (start) {
		o->moved = true;
		o->start = cv(start);
		o->end = cv(end);
	}
	o->cancelled = cancel;
	if (store_series_save(st, &s, &err) != HE_OK)
		fail_msg("%s", err.msg);
	series_free(&s);
}

static void moved_occurrences_carry_sign_ups(void **state)
{
	struct fixture *f = *state;
	struct herr err = { 0 };
	struct civil sat = cv("2027-01-09T10:00:00"),
		     snow = cv("2027-01-09T11:00:00"), rid;
	struct signup_list l = { 0 };
	char *notice;

	store_shift_set(f->st, f->station, "volunteer", SHIFT_FIRST, SHIFT_LAST,
			3, NULL, &err);
	store_shift_set(f->st, f->snow, "volunteer", SHIFT_FIRST, SHIFT_LAST,
			10, NULL, &err);
	assert_int_equal(shift_signup(f->st, f->cfg.people, f->wang, f->snow,
				      &snow, NULL, NULL, &err), HE_OK);
	assert_int_equal(shift_signup(f->st, f->cfg.people, f->li, f->station,
				      &sat, NULL, NULL, &err), HE_OK);
	assert_int_equal(shift_signup(f->st, f->cfg.people, f->zhang, f->station,
				      &sat, NULL, NULL, &err), HE_OK);

	/* The station's Saturday moves to the evening: sign-ups follow. */
	change_occurrence(f->st, f->station, "2027-01-09T10:00:00",
			  "2027-01-09T16:00:00", "2027-01-09T20:00:00", false);
	assert_int_equal(store_occ_signups(f->st, f->station, &sat, &l, &err),
			 HE_OK);
	assert_int_equal(l.n, 2);
	assert_true(l.v[0].moved);
	assert_int_equal(l.v[0].start, at(ZONE, "2027-01-09T16:00:00"));
	assert_int_equal(l.v[0].end, at(ZONE, "2027-01-09T20:00:00"));
	signup_list_free(&l);
	notice = shift_change_notice(f->st, f->station, &sat);
	assert_non_null(notice);
	assert_non_null(strstr(notice, "李娜"));
	assert_non_null(strstr(notice, "张伟"));
	assert_non_null(strstr(notice, "2027-01-09 16:00–20:00"));
	free(notice);
	/* Wang can now do the station after the snow; moved onto the snow
	 * clearing, her sign-up there clashes, and the notice says so. */
	assert_int_equal(shift_signup(f->st, f->cfg.people, f->wang, f->station,
				      &sat, NULL, NULL, &err), HE_OK);
	change_occurrence(f->st, f->station, "2027-01-09T10:00:00",
			  "2027-01-09T11:30:00", "2027-01-09T17:00:00", false);
	notice = shift_change_notice(f->st, f->station, &sat);
	assert_non_null(strstr(notice, "王芳 is already signed up for 志愿扫雪"));
	free(notice);
	/* A moved occurrence is found by its new day and by its original. */
	assert_int_equal(shift_occurrence_of(f->st, f->station,
					     CT(2027, 1, 9, 0, 0), true, &rid,
					     &err), HE_OK);
	assert_int_equal(civil_cmp(&rid, &sat), 0);
	change_occurrence(f->st, f->station, "2027-01-09T10:00:00",
			  "2027-01-12T10:00:00", "2027-01-12T18:00:00", false);
	assert_int_equal(shift_occurrence_of(f->st, f->station,
					     CT(2027, 1, 12, 0, 0), true, &rid,
					     &err), HE_OK);
	assert_int_equal(civil_cmp(&rid, &sat), 0);
	assert_int_equal(shift_occurrence_of(f->st, f->station,
					     CT(2027, 1, 13, 0, 0), true, &rid,
					     &err), HE_USER);
	/* Cancelled: the notice asks to tell them; no new sign-ups. */
	change_occurrence(f->st, f->station, "2027-01-09T10:00:00", NULL, NULL,
			  true);
	notice = shift_change_notice(f->st, f->station, &sat);
	assert_non_null(strstr(notice, "cancelled"));
	assert_non_null(strstr(notice, "3 people"));
	free(notice);
	assert_int_equal(shift_unsignup(f->st, f->li, f->station, &sat, &err),
			 HE_OK);
	assert_int_equal(shift_signup(f->st, f->cfg.people, f->li, f->station,
				      &sat, NULL, NULL, &err), HE_USER);
	assert_non_null(strstr(err.msg, "cancelled"));
}

static void lists_and_removal(void **state)
{
	struct fixture *f = *state;
	struct herr err = { 0 };
	struct civil fri = cv("2027-01-08T10:00:00"),
		     sun = cv("2027-01-17T10:00:00");
	struct shift_occ_list l = { 0 };
	struct signup_list mine = { 0 };
	int64_t from = at(ZONE, "2027-01-08"), to = at(ZONE, "2027-01-11");

	store_shift_set(f->st, f->station, "volunteer", SHIFT_FIRST, SHIFT_LAST,
			2, NULL, &err);
	shift_signup(f->st, f->cfg.people, f->wang, f->station, &fri, NULL, NULL,
		     &err);
	shift_signup(f->st, f->cfg.people, f->li, f->station, &fri, NULL, NULL,
		     &err);
	shift_signup(f->st, f->cfg.people, f->li, f->station, &sun, NULL, NULL,
		     &err);
	assert_int_equal(store_shift_occurrences(f->st, from, to, false, &l,
						 &err), HE_OK);
	assert_int_equal(l.n, 3);
	assert_int_equal(l.v[0].staff.short_by, 0);
	assert_int_equal(l.v[1].staff.short_by, 2);
	shift_occ_list_free(&l);
	assert_int_equal(store_shift_occurrences(f->st, from, to, true, &l,
						 &err), HE_OK);
	assert_int_equal(l.n, 2);
	shift_occ_list_free(&l);
	assert_int_equal(store_person_signups(f->st, f->li, SCHED_MIN_INSTANT,
					      SCHED_MAX_INSTANT, &mine, &err),
			 HE_OK);
	assert_int_equal(mine.n, 2);
	assert_string_equal(mine.v[1].title, "β暖冬志愿服务站");
	signup_list_free(&mine);
	/* The rule cannot go while future sign-ups need it. */
	assert_int_equal(store_shift_remove(f->st, f->station, "volunteer",
					    SHIFT_FIRST, SHIFT_LAST,
					    at(ZONE, "2027-01-01"), &err), HE_USER);
	assert_non_null(strstr(err.msg, "3 people"));
	/* Past them, it can. */
	assert_int_equal(store_shift_remove(f->st, f->station, "volunteer",
					    SHIFT_FIRST, SHIFT_LAST,
					    at(ZONE, "2027-02-01"), &err), HE_OK);
	assert_int_equal(store_shift_remove(f->st, f->station, "volunteer",
					    SHIFT_FIRST, SHIFT_LAST,
					    at(ZONE, "2027-02-01"), &err), HE_USER);
}

static void split_carries_sign_ups(void **state)
{
	struct fixture *f = *state;
	struct herr err = { 0 };
	struct civil fri = cv("2027-01-08T10:00:00"),
		     sun = cv("2027-01-17T10:00:00"),
		     split = cv("2027-01-15T10:00:00");
	struct series s, tail;
	struct signup_list l = { 0 };
	int have = 0;

	store_shift_set(f->st, f->station, "volunteer", SHIFT_FIRST, SHIFT_LAST,
			3, NULL, &err);
	shift_signup(f->st, f->cfg.people, f->wang, f->station, &fri, NULL, NULL,
		     &err);
	shift_signup(f->st, f->cfg.people, f->li, f->station, &sun, NULL, NULL,
		     &err);
	series_init(&tail);
	assert_int_equal(store_series_load(f->st, f->station, &s, &err), HE_OK);
	assert_int_equal(series_split(&s, &split, &tail, &err), HE_OK);
	assert_int_equal(store_begin(f->st, &err), HE_OK);
	assert_int_equal(store_series_save(f->st, &s, &err), HE_OK);
	assert_int_equal(store_series_save(f->st, &tail, &err), HE_OK);
	assert_int_equal(shift_carry_split(f->st, s.id, tail.id, &split, &err),
			 HE_OK);
	assert_int_equal(store_commit(f->st, &err), HE_OK);
	assert_int_equal(store_occ_signups(f->st, tail.id, &sun, &l, &err),
			 HE_OK);
	assert_int_equal(l.n, 1);
	assert_false(l.v[0].gone);
	signup_list_free(&l);
	assert_int_equal(need_of(f->st, tail.id, "2027-01-17T10:00:00",
				 "volunteer", &have), 3);
	assert_int_equal(have, 1);
	assert_int_equal(need_of(f->st, s.id, "2027-01-08T10:00:00",
				 "volunteer", &have), 3);
	assert_int_equal(have, 1);
	series_free(&s);
	series_free(&tail);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(rules_narrowest_wins, setup,
						teardown),
		cmocka_unit_test_setup_teardown(signing_up_and_needs_more, setup,
						teardown),
		cmocka_unit_test_setup_teardown(double_booking_names_the_clash,
						setup, teardown),
		cmocka_unit_test_setup_teardown(moved_occurrences_carry_sign_ups,
						setup, teardown),
		cmocka_unit_test_setup_teardown(lists_and_removal, setup,
						teardown),
		cmocka_unit_test_setup_teardown(split_carries_sign_ups, setup,
						teardown),
	};
	setenv("TZ", "UTC", 1);
	return cmocka_run_group_tests(tests, NULL, teardown_all);
}
