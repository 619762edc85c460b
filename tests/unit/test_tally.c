/*
 * test_tally.c - tallies: recorded at an occurrence, corrected by entering
 * again, refused with the reason on cancelled, future and missing
 * occurrences, for categories the kind does not count, negative or absurd
 * values, and when someone else changed the count meanwhile.
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "../../core/audit.h"
#include "../../core/config.h"
#include "../../core/tally/tally.h"
#include "testutil.h"

#define ZONE "Asia/Shanghai"

struct fixture {
	struct store *st;
	struct config cfg;
	int64_t id;              /* a daily station, 1-31 January 2027 */
	int64_t now;             /* 2027-01-20 12:00 in Shanghai */
};

/* A station open daily 08:00-20:00 in January: closed by snow on the
 * 5th, open 14:00-22:00 on the 6th. */
static int64_t add_station(struct store *st)
{
	struct series s;
	struct override *o;
	struct herr err = { 0 };

	series_init(&s);
	s.kind = xstrdup("station");
	s.title = xstrdup("工会驿站");
	s.venue = xstrdup("盘锦工会驿站");
	snprintf(s.sched.tzid, sizeof s.sched.tzid, ZONE);
	s.sched.start = cv("2027-01-01T08:00:00");
	s.sched.end = cv("2027-01-01T20:00:00");
	s.sched.rrule = xstrdup("FREQ=DAILY;COUNT=31");
	series_add_org(&s, "盘锦市总工会", ROLE_HOST);
	if (sched_prepare(&s.sched, &err) != HE_OK ||
	    series_override(&s, CT(2027, 1, 5, 8, 0), &o, &err) != HE_OK)
		fail_msg("%s", err.msg);
	o->cancelled = true;
	o->note = xstrdup("暴雪停业");
	if (series_override(&s, CT(2027, 1, 6, 8, 0), &o, &err) != HE_OK)
		fail_msg("%s", err.msg);
	o->moved = true;
	o->start = cv("2027-01-06T14:00:00");
	o->end = cv("2027-01-06T22:00:00");
	if (store_series_save(st, &s, &err) != HE_OK)
		fail_msg("%s", err.msg);
	int64_t id = s.id;
	series_free(&s);
	return id;
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);

	f->st = open_new("tally.db");
	config_init(&f->cfg);
	f->id = add_station(f->st);
	f->now = at(ZONE, "2027-01-20T12:00:00");
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

/* Records one count; returns the code, the message in err. */
static int put(struct fixture *f, const struct civil *rid, const char *cat,
	       int64_t value, struct herr *err)
{
	struct tally_input in = { cat, value, false, 0 };

	herr_clear(err);
	return tally_record(f->st, &f->cfg, f->id, rid, &in, 1, f->now, err);
}

static int64_t value_of(struct fixture *f, const struct civil *rid,
			const char *cat)
{
	struct tally_list l = { 0 };
	struct herr err = { 0 };
	int64_t v;

	if (tally_get(f->st, f->id, rid, &l, &err) != HE_OK)
		fail_msg("%s", err.msg);
	v = tally_value(&l, cat);
	tally_list_free(&l);
	return v;
}

static void must_refuse(int rc, const struct herr *err, const char *needle)
{
	assert_int_equal(rc, HE_USER);
	if (!strstr(err->msg, needle))
		fail_msg("'%s' lacks '%s'", err->msg, needle);
}

static void last_entry_counts(void **state)
{
	struct fixture *f = *state;
	struct tally_input in[] = {
		{ "served", 120, false, 0 }, { "meals", 80, false, 0 },
		{ "parked", 35, false, 0 },
	};
	struct tally_list l = { 0 };
	struct herr err = { 0 };

	assert_int_equal(tally_record(f->st, &f->cfg, f->id, CT(2027, 1, 8, 8, 0),
				      in, 3, f->now, &err), HE_OK);
	assert_int_equal(value_of(f, CT(2027, 1, 8, 8, 0), "served"), 120);
	assert_int_equal(put(f, CT(2027, 1, 8, 8, 0), "served", 132, &err), HE_OK);
	assert_int_equal(value_of(f, CT(2027, 1, 8, 8, 0), "served"), 132);
	/* Zero is a count too; the other categories stay. */
	assert_int_equal(put(f, CT(2027, 1, 8, 8, 0), "parked", 0, &err), HE_OK);
	assert_int_equal(tally_get(f->st, f->id, CT(2027, 1, 8, 8, 0), &l, &err),
			 HE_OK);
	assert_int_equal(l.n, 3);
	assert_int_equal(tally_value(&l, "parked"), 0);
	assert_int_equal(tally_value(&l, "meals"), 80);
	assert_int_equal(tally_value(&l, "rests"), -1);
	assert_non_null(l.v[0].by);
	assert_int_equal(l.v[0].entered, f->now);
	tally_list_free(&l);
	/* Another occurrence keeps its own. */
	assert_int_equal(value_of(f, CT(2027, 1, 9, 8, 0), "served"), -1);
}

static void refused_with_reason(void **state)
{
	struct fixture *f = *state;
	struct herr err = { 0 };

	must_refuse(put(f, CT(2027, 1, 5, 8, 0), "served", 3, &err), &err,
		    "cancelled (暴雪停业)");
	must_refuse(put(f, CT(2027, 1, 21, 8, 0), "served", 3, &err), &err,
		    "has not started yet");
	/* Under way counts as started: 08:00 on the 20th is before noon. */
	assert_int_equal(put(f, CT(2027, 1, 20, 8, 0), "served", 3, &err), HE_OK);
	must_refuse(put(f, CT(2027, 1, 7, 9, 0), "served", 3, &err), &err,
		    "has no occurrence at 2027-01-07 09:00");
	must_refuse(put(f, CT(2027, 2, 1, 8, 0), "served", 3, &err), &err,
		    "has no occurrence");
	must_refuse(put(f, CT(2027, 1, 7, 8, 0), "served", -1, &err), &err,
		    "never negative");
	must_refuse(put(f, CT(2027, 1, 7, 8, 0), "served", TALLY_MAX + 1, &err),
		    &err, "typing mistake");
	must_refuse(put(f, CT(2027, 1, 7, 8, 0), "books", 3, &err), &err,
		    "category 'books' is not counted at Service station events "
		    "(their categories: served, meals, lodgings, rests, parked, "
		    "charging)");
	must_refuse(put(f, CT(2027, 1, 7, 8, 0), "smiles", 3, &err), &err,
		    "unknown category 'smiles'");
	/* One bad count refuses them all: nothing of the call is stored. */
	struct tally_input in[] = { { "served", 10, false, 0 },
				    { "meals", -5, false, 0 } };
	assert_int_equal(tally_record(f->st, &f->cfg, f->id, CT(2027, 1, 7, 8, 0),
				      in, 2, f->now, &err), HE_USER);
	assert_int_equal(value_of(f, CT(2027, 1, 7, 8, 0), "served"), -1);
}

static void cancelled_series_refused(void **state)
{
	struct fixture *f = *state;
	struct series s;
	struct herr err = { 0 };

	assert_int_equal(store_series_load(f->st, f->id, &s, &err), HE_OK);
	s.status = STATUS_CANCELLED;
	assert_int_equal(store_series_save(f->st, &s, &err), HE_OK);
	series_free(&s);
	must_refuse(put(f, CT(2027, 1, 7, 8, 0), "served", 3, &err), &err,
		    "'工会驿站' is cancelled");
}

static void parse_arguments(void **state)
{
	char *key = NULL;
	int64_t v = 0;
	struct herr err = { 0 };

	(void)state;
	assert_int_equal(tally_parse("served=120", &key, &v, &err), HE_OK);
	assert_string_equal(key, "served");
	assert_int_equal(v, 120);
	free(key);
	assert_int_equal(tally_parse("served=0", &key, &v, &err), HE_OK);
	assert_int_equal(v, 0);
	free(key);
	static const struct {
		const char *arg, *needle;
	} bad[] = {
		{ "served=-3", "never negative" }, { "served=1.5", "whole number" },
		{ "served=", "whole number" }, { "served", "CATEGORY=NUMBER" },
		{ "=3", "CATEGORY=NUMBER" }, { "served=12abc", "whole number" },
		{ "served=+3", "whole number" },
		{ "served=99999999999999999999", "whole number" },
		{ "served=1000000001", "typing mistake" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		key = NULL;
		assert_int_equal(tally_parse(bad[i].arg, &key, &v, &err), HE_USER);
		assert_null(key);
		if (!strstr(err.msg, bad[i].needle))
			fail_msg("%s: '%s' lacks '%s'", bad[i].arg, err.msg,
				 bad[i].needle);
	}
}

/* A form that showed a count refuses to overwrite what changed since. */
static void changed_meanwhile(void **state)
{
	struct fixture *f = *state;
	struct herr err = { 0 };
	struct tally_input in = { "served", 50, true, -1 };

	assert_int_equal(tally_record(f->st, &f->cfg, f->id, CT(2027, 1, 10, 8, 0),
				      &in, 1, f->now, &err), HE_OK);
	/* It showed "nothing", but 50 is stored now. */
	in.value = 60;
	assert_int_equal(tally_record(f->st, &f->cfg, f->id, CT(2027, 1, 10, 8, 0),
				      &in, 1, f->now, &err), HE_USER);
	assert_non_null(strstr(err.msg, "someone else recorded 50"));
	in.expected = 50;
	assert_int_equal(tally_record(f->st, &f->cfg, f->id, CT(2027, 1, 10, 8, 0),
				      &in, 1, f->now, &err), HE_OK);
	assert_int_equal(value_of(f, CT(2027, 1, 10, 8, 0), "served"), 60);
}

/* Listing by start: the moved occurrence of the 6th at its new time. */
static void listed_by_start(void **state)
{
	struct fixture *f = *state;
	struct tally_occs o = { 0 };
	struct herr err = { 0 };

	assert_int_equal(put(f, CT(2027, 1, 9, 8, 0), "served", 9, &err), HE_OK);
	assert_int_equal(put(f, CT(2027, 1, 6, 8, 0), "served", 6, &err), HE_OK);
	assert_int_equal(put(f, CT(2027, 1, 6, 8, 0), "meals", 4, &err), HE_OK);
	assert_int_equal(put(f, CT(2027, 1, 2, 8, 0), "served", 2, &err), HE_OK);
	assert_int_equal(tally_of_series(f->st, f->id, 0, 0, &o, &err), HE_OK);
	assert_int_equal(o.n, 3);
	assert_int_equal(o.v[0].rid.day, 2);
	assert_int_equal(o.v[1].rid.day, 6);
	assert_int_equal(o.v[1].start, at(ZONE, "2027-01-06T14:00:00"));
	assert_int_equal(o.v[1].t.n, 2);
	assert_int_equal(o.v[2].rid.day, 9);
	tally_occs_free(&o);
	/* A window takes the starts within it. */
	assert_int_equal(tally_of_series(f->st, f->id,
					 at(ZONE, "2027-01-06T09:00:00"),
					 at(ZONE, "2027-01-09T00:00:00"), &o, &err),
			 HE_OK);
	assert_int_equal(o.n, 1);
	assert_int_equal(o.v[0].rid.day, 6);
	tally_occs_free(&o);
}

/* Counts entered before a move go with the occurrence when counted again. */
static void moved_after_counting(void **state)
{
	struct fixture *f = *state;
	struct tally_occs o = { 0 };
	struct series s;
	struct override *ov;
	struct herr err = { 0 };

	assert_int_equal(put(f, CT(2027, 1, 12, 8, 0), "served", 12, &err), HE_OK);
	assert_int_equal(store_series_load(f->st, f->id, &s, &err), HE_OK);
	assert_int_equal(series_override(&s, CT(2027, 1, 12, 8, 0), &ov, &err),
			 HE_OK);
	ov->moved = true;
	ov->start = cv("2027-01-13T08:00:00");
	ov->end = cv("2027-01-13T20:00:00");
	assert_int_equal(store_series_save(f->st, &s, &err), HE_OK);
	series_free(&s);
	assert_int_equal(put(f, CT(2027, 1, 12, 8, 0), "meals", 3, &err), HE_OK);
	assert_int_equal(tally_of_series(f->st, f->id, 0, 0, &o, &err), HE_OK);
	assert_int_equal(o.n, 1);
	assert_int_equal(o.v[0].t.n, 2);
	assert_int_equal(o.v[0].start, at(ZONE, "2027-01-13T08:00:00"));
	tally_occs_free(&o);
}

static void deleted_with_series(void **state)
{
	struct fixture *f = *state;
	struct tally_occs o = { 0 };
	struct herr err = { 0 };

	assert_int_equal(put(f, CT(2027, 1, 3, 8, 0), "served", 3, &err), HE_OK);
	assert_int_equal(store_series_delete(f->st, f->id, &err), HE_OK);
	assert_int_equal(tally_of_series(f->st, f->id, 0, 0, &o, &err), HE_OK);
	assert_int_equal(o.n, 0);
}

/* Every count entered is in the audit log with the value it replaced. */
static void history_in_the_log(void **state)
{
	struct fixture *f = *state;
	struct audit_entries l = { 0 };
	struct herr err = { 0 };
	struct series s;
	const struct change *c;

	assert_int_equal(store_series_load(f->st, f->id, &s, &err), HE_OK);
	assert_int_equal(put(f, CT(2027, 1, 8, 8, 0), "served", 120, &err), HE_OK);
	assert_int_equal(put(f, CT(2027, 1, 8, 8, 0), "served", 132, &err), HE_OK);
	/* A refused one leaves nothing. */
	assert_int_equal(put(f, CT(2027, 1, 5, 8, 0), "served", 1, &err), HE_USER);
	assert_int_equal(store_audit_list(f->st, &(struct audit_query){
		.ref = s.uid }, &l, &err), HE_OK);
	size_t n = 0, first = 0;
	for (size_t i = 0; i < l.n; i++)
		if (!strcmp(l.v[i].entity, TALLY_ENTITY) && n++ == 0)
			first = i;
	assert_int_equal(n, 2);
	assert_string_equal(l.v[first].action, AUDIT_ADD);
	assert_string_equal(l.v[first].label, "工会驿站");
	assert_string_equal(l.v[first].part, "2027-01-08 08:00");
	c = changes_find(&l.v[first].fields, "served");
	assert_non_null(c);
	assert_null(c->before);
	assert_string_equal(c->after, "120");
	assert_string_equal(l.v[first + 1].action, AUDIT_EDIT);
	c = changes_find(&l.v[first + 1].fields, "served");
	assert_string_equal(c->before, "120");
	assert_string_equal(c->after, "132");
	audit_entries_free(&l);
	series_free(&s);
}

/* The database refuses a negative count whoever writes it. */
static void negative_refused_by_schema(void **state)
{
	struct fixture *f = *state;
	char *path = xstrdup(store_path(f->st));
	sqlite3 *db;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "INSERT INTO tally VALUES (1, 0,"
				      " 'served', 1, 0, 0, 'x')", NULL, NULL,
				      NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "INSERT INTO tally VALUES (1, 1,"
					  " 'served', -1, 0, 0, 'x')", NULL, NULL,
					  NULL), SQLITE_OK);
	assert_non_null(strstr(sqlite3_errmsg(db), "CHECK constraint failed"));
	sqlite3_close(db);
	free(path);
}

/* The sums reports read (tally_sum) against the tallies, as hearth check
 * compares them; how many tallies the sums count. */
static int64_t sums_agree(struct fixture *f)
{
	struct check_report r;
	struct herr err = { 0 };
	sqlite3 *db;
	sqlite3_stmt *s;
	int64_t n, tallies;

	assert_int_equal(store_check(store_path(f->st), false, &r, &err), HE_OK);
	for (size_t i = 0; i < r.problems.n; i++)
		print_message("problem: %s\n", r.problems.v[i]);
	assert_int_equal(r.problems.n, 0);
	check_report_free(&r);
	assert_int_equal(sqlite3_open(store_path(f->st), &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT (SELECT count(*) FROM"
		" tally), (SELECT coalesce(sum(n), 0) FROM tally_sum)", -1, &s,
		NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	tallies = sqlite3_column_int64(s, 0);
	n = sqlite3_column_int64(s, 1);
	sqlite3_finalize(s);
	sqlite3_close(db);
	assert_int_equal(n, tallies);
	return n;
}

/* The value of the sum of category at the start of day's occurrence. */
static int64_t sum_at(struct fixture *f, const char *local, const char *cat)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	int64_t v = -1;

	assert_int_equal(sqlite3_open(store_path(f->st), &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT total FROM tally_sum"
		" WHERE start_utc = ?1 AND category = ?2", -1, &s, NULL),
		SQLITE_OK);
	sqlite3_bind_int64(s, 1, at(ZONE, local));
	sqlite3_bind_text(s, 2, cat, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

/*
 * The sums follow every write of a tally in its transaction: entered,
 * corrected, moved with its occurrence, written by a program straight into
 * the table (an import), deleted with its event; hearth check finds them
 * in agreement, and finds and repairs sums that are not.
 */
static void sums_follow_every_write(void **state)
{
	struct fixture *f = *state;
	struct check_report r;
	struct herr err = { 0 };
	struct series s;
	struct override *ov;
	char *sql;

	assert_int_equal(sums_agree(f), 0);
	assert_int_equal(put(f, CT(2027, 1, 7, 8, 0), "served", 12, &err), HE_OK);
	assert_int_equal(put(f, CT(2027, 1, 7, 8, 0), "meals", 4, &err), HE_OK);
	assert_int_equal(put(f, CT(2027, 1, 8, 8, 0), "served", 30, &err), HE_OK);
	assert_int_equal(sums_agree(f), 3);
	assert_int_equal(sum_at(f, "2027-01-07T08:00:00", "served"), 12);
	/* Corrected. */
	assert_int_equal(put(f, CT(2027, 1, 7, 8, 0), "served", 15, &err), HE_OK);
	assert_int_equal(sums_agree(f), 3);
	assert_int_equal(sum_at(f, "2027-01-07T08:00:00", "served"), 15);
	/* Moved to the 9th, where another occurrence's count is: counted
	   again, the earlier counts go with it and add up there. */
	assert_int_equal(put(f, CT(2027, 1, 9, 8, 0), "served", 100, &err),
			 HE_OK);
	assert_int_equal(store_series_load(f->st, f->id, &s, &err), HE_OK);
	assert_int_equal(series_override(&s, CT(2027, 1, 7, 8, 0), &ov, &err),
			 HE_OK);
	ov->moved = true;
	ov->start = cv("2027-01-09T08:00:00");
	ov->end = cv("2027-01-09T20:00:00");
	assert_int_equal(store_series_save(f->st, &s, &err), HE_OK);
	series_free(&s);
	assert_int_equal(put(f, CT(2027, 1, 7, 8, 0), "served", 16, &err), HE_OK);
	assert_int_equal(sums_agree(f), 4);
	assert_int_equal(sum_at(f, "2027-01-07T08:00:00", "served"), -1);
	assert_int_equal(sum_at(f, "2027-01-07T08:00:00", "meals"), -1);
	assert_int_equal(sum_at(f, "2027-01-09T08:00:00", "served"), 116);
	assert_int_equal(sum_at(f, "2027-01-09T08:00:00", "meals"), 4);
	/* Written straight into the table, many at once. */
	sql = xasprintf("INSERT INTO tally SELECT %lld, %lld + d * 86400,"
			" 'served', d, %lld + d * 86400, 0, 'import'"
			" FROM (WITH RECURSIVE n(d) AS (SELECT 10 UNION ALL"
			" SELECT d + 1 FROM n WHERE d < 19) SELECT d FROM n)",
			(long long)f->id,
			(long long)civil_to_seconds(CT(2027, 1, 0, 8, 0)),
			(long long)at(ZONE, "2026-12-31T08:00:00"));
	raw_sql(store_path(f->st), sql);
	free(sql);
	assert_int_equal(sums_agree(f), 14);
	assert_int_equal(sum_at(f, "2027-01-15T08:00:00", "served"), 15);
	/* Damaged behind hearth's back: found, and made again. */
	raw_sql(store_path(f->st), "UPDATE tally_sum SET total = total + 1"
		" WHERE category = 'meals'");
	assert_int_equal(store_check(store_path(f->st), false, &r, &err), HE_OK);
	assert_int_equal(r.problems.n, 1);
	assert_non_null(strstr(r.problems.v[0], "sums of tallies"));
	check_report_free(&r);
	assert_int_equal(store_check(store_path(f->st), true, &r, &err), HE_OK);
	assert_true(r.repaired);
	check_report_free(&r);
	assert_int_equal(sums_agree(f), 14);
	assert_int_equal(sum_at(f, "2027-01-09T08:00:00", "meals"), 4);
	/* Deleted with the event. */
	assert_int_equal(store_series_delete(f->st, f->id, &err), HE_OK);
	assert_int_equal(sums_agree(f), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(last_entry_counts, setup, teardown),
		cmocka_unit_test_setup_teardown(refused_with_reason, setup,
						teardown),
		cmocka_unit_test_setup_teardown(cancelled_series_refused, setup,
						teardown),
		cmocka_unit_test(parse_arguments),
		cmocka_unit_test_setup_teardown(changed_meanwhile, setup, teardown),
		cmocka_unit_test_setup_teardown(listed_by_start, setup, teardown),
		cmocka_unit_test_setup_teardown(moved_after_counting, setup,
						teardown),
		cmocka_unit_test_setup_teardown(deleted_with_series, setup,
						teardown),
		cmocka_unit_test_setup_teardown(negative_refused_by_schema, setup,
						teardown),
		cmocka_unit_test_setup_teardown(sums_follow_every_write, setup,
						teardown),
		cmocka_unit_test_setup_teardown(history_in_the_log, setup,
						teardown),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, teardown_all);
}
