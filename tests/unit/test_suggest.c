/*
 * test_suggest.c - suggestions: adding, editing against the revision
 * loaded, the status history with its notes, lists and their filters, and
 * what is refused.
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "../../core/audit.h"
#include "../../core/config.h"
#include "../../core/suggest/suggest.h"
#include "testutil.h"

struct fixture {
	struct store *st;
	struct config cfg;
	struct civil today;
	int64_t event;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	struct venue v = { .name = (char *)"盘锦的士驿站" };
	struct venue w = { .name = (char *)"盘锦司机之家" };
	struct series s;
	struct herr err = { 0 };

	f->st = open_new("suggest.db");
	config_init(&f->cfg);
	f->today = cv("2027-01-20");
	if (store_venue_put(f->st, NULL, &v, &err) != HE_OK ||
	    store_venue_put(f->st, NULL, &w, &err) != HE_OK)
		fail_msg("%s", err.msg);
	series_init(&s);
	s.kind = xstrdup("volunteer");
	s.title = xstrdup("意见建议征集座谈会");
	snprintf(s.sched.tzid, sizeof s.sched.tzid, "Asia/Shanghai");
	s.sched.start = cv("2027-01-16T14:00:00");
	s.sched.end = cv("2027-01-16T16:00:00");
	if (sched_prepare(&s.sched, &err) != HE_OK ||
	    store_series_save(f->st, &s, &err) != HE_OK)
		fail_msg("%s", err.msg);
	f->event = s.id;
	series_free(&s);
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

static int64_t add(struct fixture *f, const char *text, const char *topic,
		   const char *day, const char *venue, int64_t event)
{
	struct suggestion g;
	struct herr err = { 0 };
	int64_t id;

	suggestion_init(&g);
	g.text = xstrdup(text);
	g.topic = xstrdup0(topic);
	g.source = xstrdup("外卖骑手");
	g.received = cv(day);
	g.venue = xstrdup0(venue);
	g.series_id = event;
	if (suggest_add(f->st, &f->cfg, &g, &f->today, 1000, &err) != HE_OK)
		fail_msg("%s", err.msg);
	id = g.id;
	assert_int_equal(g.revision, 1);
	suggestion_free(&g);
	return id;
}

static void added_and_loaded(void **state)
{
	struct fixture *f = *state;
	int64_t id = add(f, "驿站增加夜间开放时间", "care", "2027-01-10",
			 "盘锦的士驿站", f->event);
	struct suggestion g;
	struct herr err = { 0 };

	assert_true(id > 0);
	assert_int_equal(suggest_load(f->st, id, &g, &err), HE_OK);
	assert_string_equal(g.text, "驿站增加夜间开放时间");
	assert_string_equal(g.topic, "care");
	assert_string_equal(g.source, "外卖骑手");
	assert_string_equal(g.venue, "盘锦的士驿站");
	assert_int_equal(g.series_id, f->event);
	assert_string_equal(g.event_title, "意见建议征集座谈会");
	assert_non_null(g.event_uid);
	assert_int_equal(g.received.day, 10);
	assert_int_equal(g.status, SUGG_NEW);
	assert_int_equal(g.n_changes, 1);
	assert_int_equal(g.changes[0].status, SUGG_NEW);
	assert_int_equal(g.changes[0].at, 1000);
	assert_non_null(g.created_by);
	suggestion_free(&g);
	assert_int_equal(suggest_load(f->st, id + 100, &g, &err), HE_USER);
	assert_non_null(strstr(err.msg, "no suggestion has the ID"));
}

static void refused(void **state)
{
	struct fixture *f = *state;
	struct suggestion g;
	struct herr err = { 0 };
	static const struct {
		const char *text, *topic, *day, *venue, *needle;
	} bad[] = {
		{ "", NULL, "2027-01-10", NULL, "text is empty" },
		{ " \n\t", NULL, "2027-01-10", NULL, "text is empty" },
		{ "x", "wages", "2027-01-10", NULL, "unknown topic 'wages'" },
		{ "x", NULL, "2027-01-21", NULL, "2027-01-21 is in the future" },
		{ "x", NULL, "2027-01-10", "无此驿站", "no venue is called" },
		{ "bad \xff utf-8", NULL, "2027-01-10", NULL, "not valid UTF-8" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		suggestion_init(&g);
		g.text = xstrdup(bad[i].text);
		g.topic = xstrdup0(bad[i].topic);
		g.received = cv(bad[i].day);
		g.venue = xstrdup0(bad[i].venue);
		assert_int_equal(suggest_add(f->st, &f->cfg, &g, &f->today, 1, &err),
				 HE_USER);
		assert_int_equal(g.id, 0);
		if (!strstr(err.msg, bad[i].needle))
			fail_msg("'%s' lacks '%s'", err.msg, bad[i].needle);
		suggestion_free(&g);
	}
	/* Nothing of the refused ones was stored. */
	struct sugg_list l = { 0 };
	assert_int_equal(suggest_list(f->st, NULL, &l, &err), HE_OK);
	assert_int_equal(l.n, 0);
	/* A text of SUGG_TEXT_MAX bytes is taken, one more is not. */
	char *big = xmalloc(SUGG_TEXT_MAX + 2);
	memset(big, 'a', SUGG_TEXT_MAX + 1);
	big[SUGG_TEXT_MAX + 1] = '\0';
	suggestion_init(&g);
	g.text = big;
	g.received = f->today;
	assert_int_equal(suggest_add(f->st, &f->cfg, &g, &f->today, 1, &err),
			 HE_USER);
	big[SUGG_TEXT_MAX] = '\0';
	assert_int_equal(suggest_add(f->st, &f->cfg, &g, &f->today, 1, &err),
			 HE_OK);
	suggestion_free(&g);
}

static void edited_against_revision(void **state)
{
	struct fixture *f = *state;
	int64_t id = add(f, "增加休息座椅", "facilities", "2027-01-11", NULL, 0);
	struct suggestion mine, theirs;
	struct herr err = { 0 };

	assert_int_equal(suggest_load(f->st, id, &mine, &err), HE_OK);
	assert_int_equal(suggest_load(f->st, id, &theirs, &err), HE_OK);
	str_replace(&theirs.venue, "盘锦司机之家");
	assert_int_equal(suggest_save(f->st, &f->cfg, &theirs, &f->today, 2000,
				      &err), HE_OK);
	assert_int_equal(theirs.revision, 2);
	/* Mine was loaded before their change: refused, theirs kept. */
	str_replace(&mine.text, "增加休息座椅和饮水机");
	assert_int_equal(suggest_save(f->st, &f->cfg, &mine, &f->today, 2001,
				      &err), HE_USER);
	assert_non_null(strstr(err.msg, "changed by someone else"));
	suggestion_free(&mine);
	assert_int_equal(suggest_load(f->st, id, &mine, &err), HE_OK);
	assert_string_equal(mine.text, "增加休息座椅");
	assert_string_equal(mine.venue, "盘锦司机之家");
	/* Cleared fields are stored as cleared. */
	str_replace(&mine.venue, NULL);
	str_replace(&mine.topic, NULL);
	assert_int_equal(suggest_save(f->st, &f->cfg, &mine, &f->today, 2002,
				      &err), HE_OK);
	suggestion_free(&mine);
	assert_int_equal(suggest_load(f->st, id, &mine, &err), HE_OK);
	assert_null(mine.venue);
	assert_null(mine.topic);
	assert_int_equal(mine.revision, 3);
	assert_int_equal(mine.updated, 2002);
	suggestion_free(&mine);
	suggestion_free(&theirs);
}

static void status_history(void **state)
{
	struct fixture *f = *state;
	int64_t id = add(f, "完善劳动保障", "labour-rights", "2027-01-12", NULL, 0);
	struct suggestion g;
	struct herr err = { 0 };

	assert_int_equal(suggest_set_status(f->st, id, SUGG_REVIEW, "转交人社局",
					    0, 3000, &err), HE_OK);
	assert_int_equal(suggest_set_status(f->st, id, SUGG_ADOPTED, NULL, 0, 3001,
					    &err), HE_OK);
	/* The same status again needs a note, which it then adds. */
	assert_int_equal(suggest_set_status(f->st, id, SUGG_ADOPTED, NULL, 0, 3002,
					    &err), HE_USER);
	assert_non_null(strstr(err.msg, "already"));
	assert_int_equal(suggest_set_status(f->st, id, SUGG_ADOPTED, "纳入服务清单",
					    0, 3003, &err), HE_OK);
	/* A stale revision is refused. */
	assert_int_equal(suggest_set_status(f->st, id, SUGG_DONE, NULL, 1, 3004,
					    &err), HE_USER);
	assert_int_equal(suggest_load(f->st, id, &g, &err), HE_OK);
	assert_int_equal(g.status, SUGG_ADOPTED);
	assert_int_equal(g.revision, 4);
	assert_int_equal(g.n_changes, 4);
	assert_int_equal(g.changes[1].status, SUGG_REVIEW);
	assert_string_equal(g.changes[1].note, "转交人社局");
	assert_null(g.changes[2].note);
	assert_string_equal(g.changes[3].note, "纳入服务清单");
	assert_int_equal(g.changes[3].at, 3003);
	assert_int_equal(suggest_set_status(f->st, id, SUGG_DONE, "已完成",
					    g.revision, 3005, &err), HE_OK);
	suggestion_free(&g);
	assert_int_equal(suggest_set_status(f->st, id + 50, SUGG_DONE, NULL, 0,
					    3006, &err), HE_USER);
}

static void statuses_named(void **state)
{
	enum sugg_status s;

	(void)state;
	for (int i = 0; i < SUGG_N_STATUS; i++) {
		assert_true(sugg_status_parse(sugg_status_name((enum sugg_status)i),
					      &s));
		assert_int_equal(s, i);
	}
	assert_true(sugg_status_parse("under-review", &s));
	assert_int_equal(s, SUGG_REVIEW);
	assert_false(sugg_status_parse("Adopted", &s));
	assert_string_equal(sugg_status_label(SUGG_DECLINED), "Declined");
	int64_t id;
	assert_true(suggest_parse_id("12", &id));
	assert_int_equal(id, 12);
	assert_true(suggest_parse_id("#7", &id));
	assert_false(suggest_parse_id("0", &id));
	assert_false(suggest_parse_id("12a", &id));
	assert_false(suggest_parse_id("-3", &id));
}

static size_t count(struct fixture *f, const struct sugg_filter *flt)
{
	struct sugg_list l = { 0 };
	struct herr err = { 0 };
	size_t n;

	if (suggest_list(f->st, flt, &l, &err) != HE_OK)
		fail_msg("%s", err.msg);
	n = l.n;
	sugg_list_free(&l);
	return n;
}

static void lists_filtered(void **state)
{
	struct fixture *f = *state;
	struct sugg_list l = { 0 };
	struct herr err = { 0 };
	int64_t a = add(f, "Charging Points", "facilities", "2027-01-15",
			"盘锦的士驿站", 0);
	add(f, "夜间照明", "safety", "2027-01-02", "盘锦司机之家", 0);
	add(f, "休息时间", "labour-rights", "2027-01-16", NULL, f->event);

	assert_int_equal(suggest_set_status(f->st, a, SUGG_DECLINED, "场地不足",
					    0, 5, &err), HE_OK);
	assert_int_equal(suggest_list(f->st, NULL, &l, &err), HE_OK);
	assert_int_equal(l.n, 3);
	/* By day received. */
	assert_string_equal(l.v[0].text, "夜间照明");
	assert_string_equal(l.v[2].text, "休息时间");
	assert_int_equal(l.v[1].status, SUGG_DECLINED);
	sugg_list_free(&l);
	assert_int_equal(count(f, &(struct sugg_filter){ .topic = "safety" }), 1);
	assert_int_equal(count(f, &(struct sugg_filter){
		.statuses = 1u << SUGG_NEW }), 2);
	assert_int_equal(count(f, &(struct sugg_filter){
		.statuses = (1u << SUGG_NEW) | (1u << SUGG_DECLINED) }), 3);
	assert_int_equal(count(f, &(struct sugg_filter){ .venue = "的士" }), 1);
	assert_int_equal(count(f, &(struct sugg_filter){
		.series_id = f->event }), 1);
	/* Text and source, ASCII case folded. */
	assert_int_equal(count(f, &(struct sugg_filter){ .text = "charging" }), 1);
	assert_int_equal(count(f, &(struct sugg_filter){ .text = "骑手" }), 3);
	/* Days received, both ends included. */
	assert_int_equal(count(f, &(struct sugg_filter){
		.from = cv("2027-01-15"), .to = cv("2027-01-16") }), 2);
	assert_int_equal(count(f, &(struct sugg_filter){
		.to = cv("2027-01-14") }), 1);
	/* Deleting one takes its history with it. */
	assert_int_equal(suggest_delete(f->st, a, &err), HE_OK);
	assert_int_equal(count(f, NULL), 2);
	assert_int_equal(suggest_delete(f->st, a, &err), HE_USER);
}

/* Every change is in the audit log, with what it changed. */
static void changes_in_the_log(void **state)
{
	struct fixture *f = *state;
	int64_t id = add(f, "夜间照明", "safety", "2027-01-02", NULL, 0);
	struct audit_entries l = { 0 };
	struct suggestion g;
	struct herr err = { 0 };
	char ref[24];

	assert_int_equal(suggest_load(f->st, id, &g, &err), HE_OK);
	str_replace(&g.topic, "facilities");
	assert_int_equal(suggest_save(f->st, &f->cfg, &g, &f->today, 10, &err),
			 HE_OK);
	assert_int_equal(suggest_set_status(f->st, id, SUGG_REVIEW, "转交城管",
					    0, 11, &err), HE_OK);
	assert_int_equal(suggest_delete(f->st, id, &err), HE_OK);
	snprintf(ref, sizeof ref, "%lld", (long long)id);
	assert_int_equal(store_audit_list(f->st, &(struct audit_query){
		.ref = ref }, &l, &err), HE_OK);
	assert_int_equal(l.n, 4);
	for (size_t i = 0; i < 4; i++) {
		assert_string_equal(l.v[i].entity, SUGG_ENTITY);
		assert_string_equal(l.v[i].label, "夜间照明");
	}
	assert_string_equal(l.v[0].action, AUDIT_ADD);
	assert_string_equal(changes_find(&l.v[0].fields, "text")->after, "夜间照明");
	assert_string_equal(l.v[1].action, AUDIT_EDIT);
	assert_int_equal(l.v[1].fields.n, 1);
	assert_string_equal(changes_find(&l.v[1].fields, "topic")->before, "safety");
	assert_string_equal(changes_find(&l.v[2].fields, "status")->after, "review");
	assert_string_equal(changes_find(&l.v[2].fields, "note")->after, "转交城管");
	assert_string_equal(l.v[3].action, AUDIT_DELETE);
	audit_entries_free(&l);
	suggestion_free(&g);
}

/* Deleting the event or the venue leaves the suggestion, unlinked. */
static void links_survive_deletes(void **state)
{
	struct fixture *f = *state;
	int64_t id = add(f, "增加充电桩", "facilities", "2027-01-15", "盘锦司机之家",
			 f->event);
	struct suggestion g;
	struct herr err = { 0 };

	assert_int_equal(store_series_delete(f->st, f->event, &err), HE_OK);
	assert_int_equal(store_venue_delete(f->st, "盘锦司机之家", 0, &err), HE_OK);
	assert_int_equal(suggest_load(f->st, id, &g, &err), HE_OK);
	assert_int_equal(g.series_id, 0);
	assert_null(g.venue);
	assert_string_equal(g.text, "增加充电桩");
	suggestion_free(&g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(added_and_loaded, setup, teardown),
		cmocka_unit_test_setup_teardown(refused, setup, teardown),
		cmocka_unit_test_setup_teardown(edited_against_revision, setup,
						teardown),
		cmocka_unit_test_setup_teardown(status_history, setup, teardown),
		cmocka_unit_test(statuses_named),
		cmocka_unit_test_setup_teardown(lists_filtered, setup, teardown),
		cmocka_unit_test_setup_teardown(links_survive_deletes, setup,
						teardown),
		cmocka_unit_test_setup_teardown(changes_in_the_log, setup,
						teardown),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, teardown_all);
}
