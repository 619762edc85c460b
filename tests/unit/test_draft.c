/* test_draft.c - a series kept as a draft file and read back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "../../core/draft.h"
#include "testutil.h"

/* Text with everything the format escapes or must carry through. */
#define AWKWARD "line one\nline two\twith a tab \\ and a backslash 读书"

/* A series with every part a form can hold. */
static void make(struct series *s)
{
	struct herr err = { 0 };
	struct segment g = { 0 };
	struct override *o;

	series_init(s);
	s->id = 42;
	s->revision = 7;
	s->uid = strdup("draft-1@hearth.test");
	s->kind = strdup("reading");
	s->title = strdup("青年读书会 " AWKWARD);
	s->description = strdup(AWKWARD);
	s->venue = strdup("社区活动中心");
	s->capacity = 30;
	s->contact = strdup("tel:+86 411 1234");
	s->status = STATUS_TENTATIVE;
	snprintf(s->sched.tzid, sizeof s->sched.tzid, "Asia/Shanghai");
	s->sched.start = cv("2027-01-08T14:00");
	s->sched.end = cv("2027-01-08T16:00");
	s->sched.rrule = strdup("FREQ=WEEKLY;BYDAY=FR;COUNT=6");
	civil_list_add(&s->sched.exdates, *CT(2027, 1, 22, 14, 0));
	civil_list_add(&s->sched.rdates, *CT(2027, 2, 20, 14, 0));
	series_add_org(s, "阳光志愿者协会", ROLE_HOST);
	series_add_org(s, "Pharmacy No. 3", ROLE_PARTNER);
	strv_add(&s->audience, "riders");
	strv_add(&s->audience, "couriers");
	g.title = "签到";
	g.timed = true;
	g.from_min = 14 * 60;
	g.to_min = 14 * 60 + 15;
	series_add_segment(s, &g);
	g.title = "分享 " AWKWARD;
	g.from_min = 14 * 60 + 15;
	g.to_min = 15 * 60 + 30;
	g.note = "带书";
	g.venue = "二楼";
	strv_add(&g.partners, "Pharmacy No. 3");
	strv_add(&g.partners, "阳光志愿者协会");
	series_add_segment(s, &g);
	strv_free(&g.partners);
	g = (struct segment){ .title = "Untimed" };
	series_add_segment(s, &g);
	if (series_validate(s, &err) != HE_OK)
		fail_msg("%s", err.msg);
	assert_int_equal(series_override(s, CT(2027, 1, 15, 14, 0), &o, &err),
			 HE_OK);
	o->moved = true;
	o->start = cv("2027-01-15T15:00");
	o->end = cv("2027-01-15T17:00");
	o->venue = strdup("图书馆");
	o->note = strdup(AWKWARD);
	o->title = strdup("读书会（改期）");
	o->description = strdup(AWKWARD);
	assert_int_equal(series_override(s, CT(2027, 1, 29, 14, 0), &o, &err),
			 HE_OK);
	o->cancelled = true;
}

/* Writes s to a memory file and reads it back into d. */
static int round_trip(const struct series *s, struct draft *d)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct herr err = { 0 };
	int rc;

	assert_int_equal(draft_write(f, "/srv/hearth.db", false, s), HE_OK);
	fclose(f);
	f = fmemopen(buf, len, "r");
	rc = draft_read(f, d, &err);
	fclose(f);
	free(buf);
	return rc;
}

static void same_civil(const struct civil *a, const struct civil *b)
{
	assert_int_equal(civil_cmp(a, b), 0);
}

static void everything_comes_back(void **state)
{
	struct series s;
	struct draft d;

	(void)state;
	make(&s);
	assert_int_equal(round_trip(&s, &d), HE_OK);
	assert_string_equal(d.db, "/srv/hearth.db");
	assert_false(d.is_new);
	assert_int_equal(d.s.id, 42);
	assert_int_equal(d.s.revision, 7);
	assert_string_equal(d.s.uid, s.uid);
	assert_string_equal(d.s.kind, "reading");
	assert_string_equal(d.s.title, s.title);
	assert_string_equal(d.s.description, AWKWARD);
	assert_string_equal(d.s.venue, "社区活动中心");
	assert_int_equal(d.s.capacity, 30);
	assert_string_equal(d.s.contact, s.contact);
	assert_int_equal(d.s.status, STATUS_TENTATIVE);
	assert_string_equal(d.s.sched.tzid, "Asia/Shanghai");
	assert_false(d.s.sched.all_day);
	same_civil(&d.s.sched.start, &s.sched.start);
	same_civil(&d.s.sched.end, &s.sched.end);
	assert_string_equal(d.s.sched.rrule, s.sched.rrule);
	assert_int_equal(d.s.sched.exdates.n, 1);
	same_civil(&d.s.sched.exdates.v[0], &s.sched.exdates.v[0]);
	assert_int_equal(d.s.sched.rdates.n, 1);
	same_civil(&d.s.sched.rdates.v[0], &s.sched.rdates.v[0]);
	assert_int_equal(d.s.n_orgs, 2);
	assert_string_equal(d.s.orgs[0].name, "阳光志愿者协会");
	assert_int_equal(d.s.orgs[0].role, ROLE_HOST);
	assert_int_equal(d.s.orgs[1].role, ROLE_PARTNER);
	assert_int_equal(d.s.audience.n, 2);
	assert_string_equal(d.s.audience.v[1], "couriers");
	assert_int_equal(d.s.n_segments, 3);
	assert_true(d.s.segments[0].timed);
	assert_int_equal(d.s.segments[0].from_min, 14 * 60);
	assert_int_equal(d.s.segments[0].to_min, 14 * 60 + 15);
	assert_string_equal(d.s.segments[1].title, "分享 " AWKWARD);
	assert_string_equal(d.s.segments[1].note, "带书");
	assert_string_equal(d.s.segments[1].venue, "二楼");
	assert_int_equal(d.s.segments[1].partners.n, 2);
	assert_string_equal(d.s.segments[1].partners.v[1], "阳光志愿者协会");
	assert_false(d.s.segments[2].timed);
	assert_null(d.s.segments[2].note);
	assert_int_equal(d.s.n_overrides, 2);
	for (size_t i = 0; i < 2; i++) {
		const struct override *a = &s.overrides[i], *b = &d.s.overrides[i];
		same_civil(&a->rid, &b->rid);
		assert_int_equal(a->moved, b->moved);
		assert_int_equal(a->cancelled, b->cancelled);
		if (a->moved) {
			same_civil(&a->start, &b->start);
			same_civil(&a->end, &b->end);
			assert_string_equal(b->venue, "图书馆");
			assert_string_equal(b->note, AWKWARD);
			assert_string_equal(b->title, "读书会（改期）");
			assert_string_equal(b->description, AWKWARD);
		} else {
			assert_null(b->title);
			assert_null(b->description);
		}
	}
	draft_free(&d);
	series_free(&s);
}

/* An all-day series, new, with nothing optional. */
static void a_bare_all_day_series(void **state)
{
	struct series s;
	struct draft d;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct herr err = { 0 };

	(void)state;
	series_init(&s);
	s.uid = strdup("bare@hearth.test");
	s.kind = strdup("clinic");
	s.title = strdup("");
	snprintf(s.sched.tzid, sizeof s.sched.tzid, "UTC");
	s.sched.all_day = true;
	s.sched.start = cv("2027-01-05");
	s.sched.end = cv("2027-01-06");
	assert_int_equal(draft_write(f, "/a.db", true, &s), HE_OK);
	fclose(f);
	f = fmemopen(buf, len, "r");
	assert_int_equal(draft_read(f, &d, &err), HE_OK);
	fclose(f);
	assert_true(d.is_new);
	assert_true(d.s.sched.all_day);
	assert_string_equal(d.s.title, "");
	assert_null(d.s.description);
	assert_null(d.s.sched.rrule);
	assert_int_equal(d.s.n_segments + d.s.n_orgs + d.s.n_overrides, 0);
	draft_free(&d);
	series_free(&s);
	free(buf);
}

/* reads TEXT: draft_read's code for it. */
static int reads(const char *text)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	struct draft d;
	struct herr err = { 0 };
	int rc = draft_read(f, &d, &err);

	fclose(f);
	if (rc == HE_OK)
		draft_free(&d);
	else
		assert_non_null(strstr(err.msg, "draft"));
	return rc;
}

#define GOOD_HEAD "hearth-draft 1\ndb /a.db\nnew 1\nkind reading\n" \
		  "tzid Asia/Shanghai\nstart 2027-01-08T14:00:00\n" \
		  "end 2027-01-08T16:00:00\n"

/* A file anybody could have edited: refused, or read without what is bad. */
static void damaged_drafts(void **state)
{
	(void)state;
	assert_int_equal(reads(GOOD_HEAD "title x\n"), HE_OK);
	assert_int_equal(reads(""), HE_USER);
	assert_int_equal(reads("hearth-draft 2\n" GOOD_HEAD "title x\n"), HE_USER);
	assert_int_equal(reads("title x\n" GOOD_HEAD), HE_USER);
	/* No title, no database, a zone nobody knows, a start that is not one. */
	assert_int_equal(reads(GOOD_HEAD), HE_USER);
	assert_int_equal(reads("hearth-draft 1\ntitle x\ntzid UTC\n"
			       "start 2027-01-08T14:00:00\n"
			       "end 2027-01-08T16:00:00\n"), HE_USER);
	assert_int_equal(reads(GOOD_HEAD "title x\ntzid Mars/Olympus\n"), HE_USER);
	assert_int_equal(reads("hearth-draft 1\ndb /a.db\ntitle x\ntzid UTC\n"
			       "start 2027-02-30T10:00:00\n"
			       "end 2027-03-01T16:00:00\n"), HE_USER);
	/* Nonsense segment times and overrides are left out. */
	assert_int_equal(reads(GOOD_HEAD "title x\nsegment 99999\x1f-5\x1ft\n"
			       "override nonsense\noverride \x1f\x1f\n"
			       "segment-partner p\nunknown-key v\n"), HE_OK);
}

static void saved_whole_and_loaded(void **state)
{
	struct series s;
	struct draft d;
	struct herr err = { 0 };
	char *dir = scratch_path("drafts"), *path = NULL;
	bool found;

	(void)state;
	path = malloc(strlen(dir) + 16);
	sprintf(path, "%s/sub/draft", dir);
	assert_int_equal(draft_load(path, &d, &found, &err), HE_OK);
	assert_false(found);
	make(&s);
	assert_int_equal(draft_save(path, "/srv/hearth.db", true, &s, &err),
			 HE_OK);
	assert_int_equal(draft_load(path, &d, &found, &err), HE_OK);
	assert_true(found);
	assert_true(d.is_new);
	assert_string_equal(d.s.title, s.title);
	draft_free(&d);
	series_free(&s);
	unlink(path);
	free(path);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(everything_comes_back),
		cmocka_unit_test(a_bare_all_day_series),
		cmocka_unit_test(damaged_drafts),
		cmocka_unit_test(saved_whole_and_loaded),
	};
	return cmocka_run_group_tests(tests, NULL, teardown_all);
}
