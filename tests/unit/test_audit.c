/*
 * test_audit.c - the audit log: every change of the calendar core logs
 * itself in its own transaction, under the real user's name, with the
 * fields it changed; rolled-back changes leave nothing; held batches log
 * once; entries are listed, filtered and found again.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <pwd.h>
#include <time.h>
#include <cmocka.h>

#include "../../core/audit.h"
#include "../../core/changes.h"
#include "../../core/store.h"
#include "testutil.h"

static void weekly(struct series *s, const char *title)
{
	series_init(s);
	s->kind = xstrdup("reading");
	s->title = xstrdup(title);
	snprintf(s->sched.tzid, sizeof s->sched.tzid, "Asia/Shanghai");
	s->sched.start = cv("2027-01-09T09:00:00");
	s->sched.end = cv("2027-01-09T11:00:00");
	s->sched.rrule = xstrdup("FREQ=WEEKLY;COUNT=4");
}

static struct audit_entries all(struct store *st)
{
	struct audit_entries l = { 0 };
	struct herr err = { 0 };

	if (store_audit_list(st, &(struct audit_query){ 0 }, &l, &err) != HE_OK)
		fail_msg("%s", err.msg);
	return l;
}

static const char *field_after(const struct audit_entry *e, const char *f)
{
	const struct change *c = changes_find(&e->fields, f);
	return c ? (c->after ? c->after : "") : NULL;
}

static const char *field_before(const struct audit_entry *e, const char *f)
{
	const struct change *c = changes_find(&e->fields, f);
	return c ? (c->before ? c->before : "") : NULL;
}

static void series_changes_logged(void **state)
{
	struct store *st = open_new("series.db");
	struct passwd *pw = getpwuid(getuid());
	struct series s, again;
	struct override *o;
	struct audit_entries l;
	struct herr err = { 0 };
	int64_t before = (int64_t)time(NULL);

	(void)state;
	weekly(&s, "读书会");
	assert_int_equal(store_series_save(st, &s, &err), HE_OK);
	l = all(st);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].action, AUDIT_ADD);
	assert_string_equal(l.v[0].entity, AUDIT_SERIES);
	assert_string_equal(l.v[0].ref, s.uid);
	assert_string_equal(l.v[0].label, "读书会");
	assert_string_equal(l.v[0].user, pw->pw_name);
	assert_int_equal(l.v[0].unix_uid, (long)getuid());
	assert_true(l.v[0].at >= before && l.v[0].at <= (int64_t)time(NULL));
	assert_string_equal(field_after(&l.v[0], "title"), "读书会");
	assert_string_equal(field_after(&l.v[0], "start"), "2027-01-09 09:00");
	assert_string_equal(field_after(&l.v[0], "repeat"), "FREQ=WEEKLY;COUNT=4");
	assert_null(field_after(&l.v[0], "venue"));
	audit_entries_free(&l);

	/* An edit logs what changed, before and after, and nothing else. */
	free(s.title);
	s.title = xstrdup("青少年读书会");
	s.venue = xstrdup("图书馆");
	assert_int_equal(store_series_save(st, &s, &err), HE_OK);
	l = all(st);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[1].action, AUDIT_EDIT);
	assert_int_equal(l.v[1].fields.n, 2);
	assert_string_equal(field_before(&l.v[1], "title"), "读书会");
	assert_string_equal(field_after(&l.v[1], "title"), "青少年读书会");
	assert_string_equal(field_before(&l.v[1], "venue"), "");
	assert_string_equal(field_after(&l.v[1], "venue"), "图书馆");
	audit_entries_free(&l);

	/* A change to one occurrence names the occurrence. */
	assert_int_equal(series_override(&s, CT(2027, 1, 16, 9, 0), &o, &err), HE_OK);
	o->cancelled = true;
	assert_int_equal(store_series_save(st, &s, &err), HE_OK);
	l = all(st);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.v[2].entity, AUDIT_OCCURRENCE);
	assert_string_equal(l.v[2].part, "2027-01-16 09:00");
	assert_string_equal(field_after(&l.v[2], "status"), "cancelled");
	audit_entries_free(&l);

	/* A save over a newer revision writes nothing, the log included. */
	assert_int_equal(store_series_load(st, s.id, &again, &err), HE_OK);
	free(again.title);
	again.title = xstrdup("旧的");
	again.revision--;
	assert_int_equal(store_series_save(st, &again, &err), HE_USER);
	series_free(&again);
	l = all(st);
	assert_int_equal(l.n, 3);
	audit_entries_free(&l);

	assert_int_equal(store_series_delete(st, s.id, &err), HE_OK);
	l = all(st);
	assert_int_equal(l.n, 4);
	assert_string_equal(l.v[3].action, AUDIT_DELETE);
	assert_string_equal(l.v[3].ref, s.uid);
	assert_string_equal(l.v[3].label, "青少年读书会");
	audit_entries_free(&l);
	series_free(&s);
	store_close(&st);
}

static void rolled_back_changes_leave_nothing(void **state)
{
	struct store *st = open_new("rollback.db");
	struct audit_entries l;
	struct series s;
	struct herr err = { 0 };

	(void)state;
	assert_int_equal(store_audit(st, &(struct audit_change){
		.action = AUDIT_EDIT, .entity = "person", .ref = "1" }, &err),
		HE_INTERNAL);
	assert_int_equal(store_begin(st, &err), HE_OK);
	weekly(&s, "不会留下");
	assert_int_equal(store_series_save(st, &s, &err), HE_OK);
	assert_int_equal(store_audit(st, &(struct audit_change){
		.action = AUDIT_EDIT, .entity = "person", .ref = "1",
		.label = "张三" }, &err), HE_OK);
	store_rollback(st);
	series_free(&s);
	l = all(st);
	assert_int_equal(l.n, 0);
	audit_entries_free(&l);
	store_close(&st);
}

static void held_batch_logs_once(void **state)
{
	struct store *st = open_new("batch.db");
	struct audit_entries l;
	struct changes ch = { 0 };
	struct venue v = { .name = (char *)"长江路小区" };
	struct herr err = { 0 };

	(void)state;
	assert_int_equal(store_begin(st, &err), HE_OK);
	store_audit_hold(st, true);
	for (int i = 0; i < 3; i++) {
		struct series s;
		weekly(&s, "批量");
		assert_int_equal(store_series_save(st, &s, &err), HE_OK);
		series_free(&s);
	}
	assert_int_equal(store_venue_put(st, NULL, &v, &err), HE_OK);
	changes_take(&ch, "added", NULL, xasprintf("%d", 3));
	assert_int_equal(store_audit_held(st, &(struct audit_change){
		.action = AUDIT_IMPORT, .entity = AUDIT_CALENDAR,
		.ref = "batch.ics", .fields = &ch }, &err), HE_OK);
	changes_free(&ch);
	store_audit_hold(st, false);
	assert_int_equal(store_commit(st, &err), HE_OK);
	l = all(st);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].action, AUDIT_IMPORT);
	assert_string_equal(field_after(&l.v[0], "added"), "3");
	audit_entries_free(&l);
	store_close(&st);
}

static void places_logged(void **state)
{
	struct store *st = open_new("places.db");
	struct venue v = { .name = (char *)"长江路小区",
			   .address = (char *)"本溪" }, w = v;
	struct org o = { .name = (char *)"棉织社区党委" }, p = o;
	struct audit_entries l;
	struct herr err = { 0 };

	(void)state;
	assert_int_equal(store_venue_put(st, NULL, &v, &err), HE_OK);
	w.name = (char *)"长江路社区";
	assert_int_equal(store_venue_put(st, "长江路小区", &w, &err), HE_OK);
	assert_int_equal(store_venue_delete(st, "长江路社区", 0, &err), HE_OK);
	assert_int_equal(store_org_put(st, NULL, &o, &err), HE_OK);
	p.contact = (char *)"王老师";
	assert_int_equal(store_org_put(st, "棉织社区党委", &p, &err), HE_OK);
	/* Refused: nothing logged. */
	assert_int_equal(store_org_put(st, NULL, &o, &err), HE_USER);
	l = all(st);
	assert_int_equal(l.n, 5);
	assert_string_equal(l.v[0].entity, AUDIT_VENUE);
	assert_string_equal(field_after(&l.v[0], "address"), "本溪");
	assert_string_equal(l.v[1].ref, "长江路社区");
	assert_string_equal(field_after(&l.v[1], "name"), "长江路社区");
	assert_string_equal(l.v[2].action, AUDIT_DELETE);
	assert_string_equal(l.v[3].entity, AUDIT_ORG);
	assert_string_equal(field_after(&l.v[4], "contact"), "王老师");
	assert_int_equal(l.v[4].fields.n, 1);
	audit_entries_free(&l);
	store_close(&st);
}

static void listed_and_found(void **state)
{
	struct store *st = open_new("list.db");
	struct audit_entries l = { 0 };
	struct audit_entry e;
	struct herr err = { 0 };
	int64_t newest;
	bool found;

	(void)state;
	for (int i = 0; i < 5; i++) {
		char ref[8], label[16];
		snprintf(ref, sizeof ref, "%d", i % 2);
		snprintf(label, sizeof label, "人%d", i);
		assert_int_equal(store_begin(st, &err), HE_OK);
		assert_int_equal(store_audit(st, &(struct audit_change){
			.action = AUDIT_EDIT, .entity = "person", .ref = ref,
			.label = label }, &err), HE_OK);
		assert_int_equal(store_commit(st, &err), HE_OK);
	}
	assert_int_equal(store_audit_newest(st, &newest, &err), HE_OK);
	assert_int_equal(newest, 5);
	/* The newest two, oldest first. */
	assert_int_equal(store_audit_list(st, &(struct audit_query){ .limit = 2 },
					  &l, &err), HE_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0].label, "人3");
	assert_string_equal(l.v[1].label, "人4");
	audit_entries_free(&l);
	assert_int_equal(store_audit_list(st, &(struct audit_query){ .ref = "1" },
					  &l, &err), HE_OK);
	assert_int_equal(l.n, 2);
	audit_entries_free(&l);
	assert_int_equal(store_audit_list(st, &(struct audit_query){
		.after_id = 3 }, &l, &err), HE_OK);
	assert_int_equal(l.n, 2);
	audit_entries_free(&l);
	assert_int_equal(store_audit_list(st, &(struct audit_query){
		.user = "nobody-here" }, &l, &err), HE_OK);
	assert_int_equal(l.n, 0);
	assert_int_equal(store_audit_list(st, &(struct audit_query){
		.since = (int64_t)time(NULL) + 3600 }, &l, &err), HE_OK);
	assert_int_equal(l.n, 0);
	assert_int_equal(store_audit_last(st, "0", &e, &found, &err), HE_OK);
	assert_true(found);
	assert_string_equal(e.label, "人4");
	audit_entry_free(&e);
	assert_int_equal(store_audit_last(st, "9", &e, &found, &err), HE_OK);
	assert_false(found);
	store_close(&st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(series_changes_logged),
		cmocka_unit_test(rolled_back_changes_leave_nothing),
		cmocka_unit_test(held_batch_logs_once),
		cmocka_unit_test(places_logged),
		cmocka_unit_test(listed_and_found),
	};

	setenv("TZ", "UTC", 1);
	return cmocka_run_group_tests(tests, NULL, teardown_all);
}
