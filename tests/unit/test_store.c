/*
 * test_store.c - the database file, saving and loading series, finding
 * them, revisions, venues and organisations. The occurrence index and its
 * queries are in test_store_occ.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "../../core/demo.h"
#include "../../core/store.h"
#include "../../core/store_int.h" /* store_int64 */
#include "testutil.h"

static int64_t raw_int(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	int64_t v = -1;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

/* Opening path fails with code and a message holding needle. */
static void open_fails(const char *path, enum store_open_mode mode, int code,
		       const char *needle)
{
	struct store *st = NULL;
	struct herr err = { 0 };

	assert_int_equal(store_open(&st, path, mode, &err), code);
	assert_null(st);
	if (!strstr(err.msg, needle))
		fail_msg("'%s' lacks '%s'", err.msg, needle);
}

static char *file_bytes(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *buf = xmalloc(1 << 16);

	assert_non_null(f);
	*n = fread(buf, 1, 1 << 16, f);
	fclose(f);
	return buf;
}

/* A weekly reading session in Benxi, every field set. */
static void full_series(struct series *s, const char *uid)
{
	struct segment g = { .title = (char *)"关键词猜书名", .timed = true,
			     .from_min = 9 * 60, .to_min = 9 * 60 + 20,
			     .note = (char *)"暖场" };
	struct override *o;

	series_init(s);
	s->uid = xstrdup(uid);
	s->kind = xstrdup("reading");
	s->title = xstrdup("字里行间见成长——青少年读书分享会");
	s->description = xstrdup("五位小读者分享好书，\n随后自由阅读。");
	s->venue = xstrdup("棉织社区党群服务中心");
	series_add_org(s, "棉织社区党委", ROLE_HOST);
	series_add_org(s, "观音阁街道", ROLE_COHOST);
	series_add_org(s, "爱在枫乡环保公益协会", ROLE_PARTNER);
	series_add_org(s, "本溪县图书馆", ROLE_PARTNER);
	series_add_org(s, "长江路超市", ROLE_SPONSOR);
	strv_add(&s->audience, "青少年");
	strv_add(&s->audience, "居民");
	s->capacity = 25;
	s->contact = xstrdup("王老师 139-0000-0000");
	s->status = STATUS_TENTATIVE;
	snprintf(s->sched.tzid, sizeof s->sched.tzid, "Europe/Berlin");
	s->sched.start = cv("2027-01-09T09:00:00");
	s->sched.end = cv("2027-01-09T11:30:00");
	s->sched.rrule = xstrdup("FREQ=WEEKLY;BYDAY=SA;UNTIL=20270501T000000Z");
	civil_list_add(&s->sched.rdates, cv("2027-02-03T18:00:00"));
	civil_list_add(&s->sched.exdates, cv("2027-02-06T09:00:00"));
	/* Two partners, the second known only from the segment. */
	strv_add(&g.partners, "爱在枫乡环保公益协会");
	strv_add(&g.partners, "本溪县青少年宫");
	series_add_segment(s, &g);
	strv_free(&g.partners);
	g = (struct segment){ .title = (char *)"自由阅读、交换图书" };
	series_add_segment(s, &g);
	/* A venue of its own, inserted before the free reading. */
	g = (struct segment){ .title = (char *)"除雪",
			      .venue = (char *)"长江路小区东门" };
	series_insert_segment(s, 1, &g);
	assert_int_equal(series_validate(s, NULL), HE_OK);
	assert_int_equal(series_override(s, CT(2027, 1, 16, 9, 0), &o, NULL), HE_OK);
	o->moved = true;
	o->start = cv("2027-01-17T14:00:00");
	o->end = cv("2027-01-17T16:00:00");
	o->venue = xstrdup("长江路小区");
	o->note = xstrdup("改到周日下午，扫雪后");
	assert_int_equal(series_override(s, CT(2027, 1, 23, 9, 0), &o, NULL), HE_OK);
	o->cancelled = true;
}

static void assert_same_series(const struct series *a, const struct series *b)
{
	assert_string_equal(a->uid, b->uid);
	assert_string_equal(a->kind, b->kind);
	assert_string_equal(a->title, b->title);
	assert_true(str_eq0(a->description, b->description));
	assert_true(str_eq0(a->venue, b->venue));
	assert_int_equal(a->n_orgs, b->n_orgs);
	for (size_t i = 0; i < a->n_orgs; i++) {
		assert_string_equal(a->orgs[i].name, b->orgs[i].name);
		assert_int_equal(a->orgs[i].role, b->orgs[i].role);
	}
	assert_int_equal(a->audience.n, b->audience.n);
	for (size_t i = 0; i < a->audience.n; i++)
		assert_string_equal(a->audience.v[i], b->audience.v[i]);
	assert_int_equal(a->capacity, b->capacity);
	assert_true(str_eq0(a->contact, b->contact));
	assert_int_equal(a->status, b->status);
	assert_string_equal(a->sched.tzid, b->sched.tzid);
	assert_int_equal(a->sched.all_day, b->sched.all_day);
	assert_int_equal(civil_cmp(&a->sched.start, &b->sched.start), 0);
	assert_int_equal(civil_cmp(&a->sched.end, &b->sched.end), 0);
	assert_true(str_eq0(a->sched.rrule, b->sched.rrule));
	assert_int_equal(a->sched.rdates.n, b->sched.rdates.n);
	for (size_t i = 0; i < a->sched.rdates.n; i++)
		assert_int_equal(civil_cmp(&a->sched.rdates.v[i],
					   &b->sched.rdates.v[i]), 0);
	assert_int_equal(a->sched.exdates.n, b->sched.exdates.n);
	for (size_t i = 0; i < a->sched.exdates.n; i++)
		assert_int_equal(civil_cmp(&a->sched.exdates.v[i],
					   &b->sched.exdates.v[i]), 0);
	assert_int_equal(a->n_segments, b->n_segments);
	for (size_t i = 0; i < a->n_segments; i++) {
		const struct segment *x = &a->segments[i], *y = &b->segments[i];
		assert_string_equal(x->title, y->title);
		assert_int_equal(x->timed, y->timed);
		if (x->timed) {
			assert_int_equal(x->from_min, y->from_min);
			assert_int_equal(x->to_min, y->to_min);
		}
		assert_int_equal(x->partners.n, y->partners.n);
		for (size_t k = 0; k < x->partners.n; k++)
			assert_string_equal(x->partners.v[k], y->partners.v[k]);
		assert_true(str_eq0(x->venue, y->venue));
		assert_true(str_eq0(x->note, y->note));
	}
	assert_int_equal(a->n_overrides, b->n_overrides);
	for (size_t i = 0; i < a->n_overrides; i++) {
		const struct override *x = &a->overrides[i];
		const struct override *y = series_find_override((struct series *)b,
								&x->rid);
		assert_non_null(y);
		assert_int_equal(x->moved, y->moved);
		if (x->moved) {
			assert_int_equal(civil_cmp(&x->start, &y->start), 0);
			assert_int_equal(civil_cmp(&x->end, &y->end), 0);
		}
		assert_true(str_eq0(x->venue, y->venue));
		assert_int_equal(x->cancelled, y->cancelled);
		assert_true(str_eq0(x->note, y->note));
	}
}

static int64_t save_uid(struct store *st, const char *uid, const char *title);

/* store_int64: the first column of the one row; no row leaves the value
 * alone; an error says so; the statement is reset for its next use. */
static void single_integer(void **state)
{
	char *path = scratch_path("int64.db");
	struct store *st = NULL;
	struct herr err = { 0 };
	sqlite3_stmt *s;
	int64_t v = -7;
	bool found = true;

	(void)state;
	unlink(path);
	assert_int_equal(store_open(&st, path, STORE_CREATE, &err), HE_OK);
	s = store_stmt(st, "SELECT count(*) FROM series", &err);
	assert_non_null(s);
	assert_int_equal(store_int64(st, s, &v, NULL, &err), HE_OK);
	assert_int_equal(v, 0);
	v = -7;
	s = store_stmt(st, "SELECT id FROM series WHERE id = ?1", &err);
	sqlite3_bind_int64(s, 1, 42);
	assert_int_equal(store_int64(st, s, &v, &found, &err), HE_OK);
	assert_false(found);
	assert_int_equal(v, -7);
	for (int i = 0; i < 2; i++) {
		s = store_stmt(st, "SELECT abs(?1)", &err);
		sqlite3_bind_int64(s, 1, -(INT64_C(1) << 40));
		assert_int_equal(store_int64(st, s, &v, &found, &err), HE_OK);
		assert_true(found);
		assert_true(v == INT64_C(1) << 40);
	}
	/* abs() of the smallest integer is SQLite's error. */
	v = -7;
	s = store_stmt(st, "SELECT abs(?1)", &err);
	sqlite3_bind_int64(s, 1, INT64_MIN);
	assert_int_equal(store_int64(st, s, &v, &found, &err), HE_INTERNAL);
	assert_false(found);
	assert_int_equal(v, -7);
	assert_non_null(strstr(err.msg, "overflow"));
	store_close(&st);
	unlink(path);
	free(path);
}

static void create_and_reopen(void **state)
{
	char *path = scratch_path("deep/er/new.db");
	char *dir = scratch_path("deep");
	struct store *st = NULL;
	struct herr err = { 0 };
	struct stat sb;

	(void)state;
	open_fails(path, STORE_EXISTING, HE_USER, "hearth init");
	assert_int_equal(store_open(&st, path, STORE_CREATE, &err), HE_OK);
	assert_string_equal(store_path(st), path);
	assert_true(store_is_empty(st));
	store_close(&st);
	assert_null(st);
	store_close(&st); /* harmless */
	assert_int_equal(raw_int(path, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	assert_int_equal(raw_int(path, "PRAGMA application_id"), 0x48525448);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(store_open(&st, path, STORE_EXISTING, &err), HE_OK);
	store_close(&st);
	/* A directory is not a database. */
	open_fails(dir, STORE_EXISTING, HE_USER, "not a regular file");
	unlink(path);
	free(path);
	path = scratch_path("deep/er");
	rmdir(path);
	rmdir(dir);
	free(path);
	free(dir);
	/* A parent that is a file cannot become a directory. */
	path = scratch_path("plain-file");
	raw_sql(path, "CREATE TABLE x(y)");
	free(path);
	path = scratch_path("plain-file/sub/hearth.db");
	open_fails(path, STORE_CREATE, HE_USER, "cannot create directory");
	free(path);
}

static void refuses_foreign_newer_and_corrupt(void **state)
{
	char *other = scratch_path("other.db"), *newer = scratch_path("newer.db");
	char *junk = scratch_path("junk.db"), *torn = scratch_path("torn.db");
	struct store *st = NULL;
	struct herr err = { 0 };
	char *before, *after;
	size_t n_before, n_after;
	FILE *f;

	(void)state;
	raw_sql(other, "CREATE TABLE contacts (name TEXT)");
	open_fails(other, STORE_EXISTING, HE_USER, "not hearth's");
	open_fails(other, STORE_CREATE, HE_USER, "not hearth's");
	assert_int_equal(raw_int(other, "SELECT count(*) FROM sqlite_master"), 1);

	store_close(&st);
	assert_int_equal(store_open(&st, newer, STORE_CREATE, &err), HE_OK);
	store_close(&st);
	/* Far beyond this hearth's schema, whatever migrations come. */
	raw_sql(newer, "PRAGMA user_version = 99");
	open_fails(newer, STORE_EXISTING, HE_USER, "newer hearth");
	open_fails(newer, STORE_EXISTING, HE_USER, "schema 99");
	assert_int_equal(raw_int(newer, "PRAGMA user_version"), 99);

	f = fopen(junk, "wb");
	for (int i = 0; i < 300; i++)
		fputs("this is not a database, only text that looks like one. ", f);
	fclose(f);
	before = file_bytes(junk, &n_before);
	assert_int_not_equal(store_open(&st, junk, STORE_EXISTING, &err), HE_OK);
	assert_null(st);
	assert_non_null(strstr(err.msg, junk));
	assert_non_null(strstr(err.msg, "not a database"));
	after = file_bytes(junk, &n_after);
	assert_int_equal(n_before, n_after);
	assert_memory_equal(before, after, n_before);
	free(before);
	free(after);

	/* A hearth file whose later pages were overwritten. */
	assert_int_equal(store_open(&st, torn, STORE_CREATE, &err), HE_OK);
	save_uid(st, "torn-1", "驿站");
	store_close(&st);
	f = fopen(torn, "r+b");
	fseek(f, 0, SEEK_END);
	n_before = (size_t)ftell(f);
	fseek(f, 4096, SEEK_SET);
	for (size_t i = 4096; i < n_before; i++)
		fputc(0xA5, f);
	fclose(f);
	if (store_open(&st, torn, STORE_EXISTING, &err) == HE_OK) {
		struct occ_list l = { 0 };
		int rc = store_occurrences(st, 0, 86400 * 365, NULL, 0, &l, &err);
		assert_int_not_equal(rc, HE_OK);
		store_close(&st);
	}
	assert_non_null(strstr(err.msg, "damaged"));
	free(other);
	free(newer);
	free(junk);
	free(torn);
}

static void round_trip(void **state)
{
	struct store *st = open_new("round.db");
	struct series s, back;
	struct herr err = { 0 };
	struct venue v;
	int64_t id = 0;

	(void)state;
	full_series(&s, "reading-2027-benxi@hearth");
	assert_int_equal(store_series_save(st, &s, &err), HE_OK);
	assert_true(s.id > 0);
	assert_int_equal(s.revision, 1);
	assert_true(s.created > 1700000000);
	assert_int_equal(s.created, s.updated);
	assert_false(store_is_empty(st));
	assert_int_equal(store_series_by_uid(st, s.uid, &id, &err), HE_OK);
	assert_int_equal(id, s.id);
	assert_int_equal(store_series_load(st, id, &back, &err), HE_OK);
	assert_same_series(&s, &back);
	assert_int_equal(back.revision, 1);
	assert_int_equal(back.created, s.created);
	/* Venues and organisations it named now exist. */
	assert_int_equal(store_venue_get(st, "长江路小区", &v, &err), HE_OK);
	venue_free(&v);
	{
		struct org o = { 0 };
		assert_int_equal(store_org_get(st, "长江路超市", &o, &err), HE_OK);
		org_free(&o);
	}
	/* Saved again it grows a revision and keeps its creation time. */
	str_replace(&back.title, "读书会（改）");
	assert_int_equal(store_series_save(st, &back, &err), HE_OK);
	assert_int_equal(back.revision, 2);
	series_free(&s);
	assert_int_equal(store_series_load(st, id, &s, &err), HE_OK);
	assert_int_equal(s.revision, 2);
	assert_string_equal(s.title, "读书会（改）");
	assert_int_equal(s.created, back.created);
	series_free(&s);
	series_free(&back);

	/* All-day, no rule, no optional field. */
	series_init(&s);
	s.kind = xstrdup("warm-station");
	s.title = xstrdup("暖冬驿站");
	snprintf(s.sched.tzid, sizeof s.sched.tzid, "Asia/Shanghai");
	s.sched.all_day = true;
	s.sched.start = cv("2027-01-08");
	s.sched.end = cv("2027-01-11");
	assert_int_equal(store_series_save(st, &s, &err), HE_OK);
	assert_non_null(s.uid);
	assert_int_equal(strlen(s.uid), 36);
	assert_int_equal(store_series_load(st, s.id, &back, &err), HE_OK);
	assert_same_series(&s, &back);
	assert_null(back.venue);
	assert_null(back.description);
	assert_int_equal(back.status, STATUS_CONFIRMED);
	series_free(&back);
	series_free(&s);
	store_close(&st);
}

static void bad_saves_change_nothing(void **state)
{
	struct store *st = open_new("bad.db");
	struct series s;
	struct herr err = { 0 };
	int64_t dv;

	(void)state;
	full_series(&s, "bad-1");
	str_replace(&s.title, "  ");
	dv = store_data_version(st);
	assert_int_equal(store_series_save(st, &s, &err), HE_USER);
	assert_int_equal(s.id, 0);
	assert_true(store_is_empty(st));
	str_replace(&s.title, "ok");
	s.sched.end = s.sched.start;
	assert_int_equal(store_series_save(st, &s, &err), HE_USER);
	s.sched.end = cv("2027-01-09T10:00:00");
	/* A moved occurrence must end after it starts. */
	s.overrides[0].end = s.overrides[0].start;
	assert_int_equal(store_series_save(st, &s, &err), HE_USER);
	assert_non_null(strstr(err.msg, "2027-01-16T09:00:00"));
	assert_true(store_is_empty(st));
	assert_int_equal(store_data_version(st), dv);
	series_free(&s);
	/* A UID that exists already. */
	full_series(&s, "dup");
	assert_int_equal(store_series_save(st, &s, &err), HE_OK);
	series_free(&s);
	full_series(&s, "dup");
	assert_int_equal(store_series_save(st, &s, &err), HE_USER);
	assert_non_null(strstr(err.msg, "dup"));
	assert_int_equal(s.id, 0);
	series_free(&s);
	/* An unknown id. */
	assert_int_equal(store_series_load(st, 4242, &s, &err), HE_USER);
	assert_int_equal(store_series_delete(st, 4242, &err), HE_USER);
	store_close(&st);
}

static int64_t save_uid(struct store *st, const char *uid, const char *title)
{
	struct series s;
	struct herr err = { 0 };
	int64_t id;

	series_init(&s);
	s.uid = xstrdup(uid);
	s.kind = xstrdup("clinic");
	s.title = xstrdup(title);
	snprintf(s.sched.tzid, sizeof s.sched.tzid, "Asia/Shanghai");
	s.sched.start = cv("2027-01-08T09:00:00");
	s.sched.end = cv("2027-01-08T11:00:00");
	if (store_series_save(st, &s, &err) != HE_OK)
		fail_msg("%s", err.msg);
	id = s.id;
	series_free(&s);
	return id;
}

static void find(void **state)
{
	struct store *st = open_new("find.db");
	int64_t a = save_uid(st, "b7e1-aaaa", "血压检测 A");
	int64_t b = save_uid(st, "b7e1-aabb", "血压检测 B");
	int64_t c = save_uid(st, "c001", "C");
	int64_t d = save_uid(st, "c0", "exact beats prefix");
	struct herr err = { 0 };
	int64_t id;

	(void)state;
	assert_int_equal(store_series_find(st, "b7e1-aaaa", &id, &err), HE_OK);
	assert_int_equal(id, a);
	assert_int_equal(store_series_find(st, "b7e1-aab", &id, &err), HE_OK);
	assert_int_equal(id, b);
	assert_int_equal(store_series_find(st, "c00", &id, &err), HE_OK);
	assert_int_equal(id, c);
	assert_int_equal(store_series_find(st, "c0", &id, &err), HE_OK);
	assert_int_equal(id, d);
	/* Ambiguous: the message lists the candidates. */
	assert_int_equal(store_series_find(st, "b7e1", &id, &err), HE_USER);
	assert_non_null(strstr(err.msg, "several"));
	assert_non_null(strstr(err.msg, "b7e1-aaaa"));
	assert_non_null(strstr(err.msg, "b7e1-aabb"));
	assert_non_null(strstr(err.msg, "血压检测 B"));
	/* Nothing starts with these, whatever sorts after them. */
	assert_int_equal(store_series_find(st, "b7e0", &id, &err), HE_USER);
	assert_non_null(strstr(err.msg, "no event has the ID 'b7e0'"));
	assert_int_equal(store_series_find(st, "a", &id, &err), HE_USER);
	assert_int_equal(store_series_find(st, "b7e1-ab", &id, &err), HE_USER);
	assert_int_equal(store_series_find(st, "zzz", &id, &err), HE_USER);
	assert_int_equal(store_series_find(st, "", &id, &err), HE_USER);
	assert_int_equal(store_series_find(st, NULL, &id, &err), HE_USER);
	assert_int_equal(store_series_find(st, "%", &id, &err), HE_USER);
	assert_int_equal(store_series_by_uid(st, "b7e1", &id, &err), HE_USER);
	/* Many matches: the list is cut. */
	for (int i = 0; i < 8; i++) {
		char uid[32];
		snprintf(uid, sizeof uid, "many-%d", i);
		save_uid(st, uid, "许多");
	}
	assert_int_equal(store_series_find(st, "many", &id, &err), HE_USER);
	assert_non_null(strstr(err.msg, "…"));
	assert_null(strstr(err.msg, "many-7"));
	store_close(&st);
}

static void revisions(void **state)
{
	struct store *st = open_new("rev.db");
	int64_t id = save_uid(st, "rev-1", "原标题");
	struct series a, b;
	struct herr err = { 0 };

	(void)state;
	assert_int_equal(store_series_load(st, id, &a, &err), HE_OK);
	assert_int_equal(store_series_load(st, id, &b, &err), HE_OK);
	str_replace(&a.title, "甲改");
	assert_int_equal(store_series_save(st, &a, &err), HE_OK);
	/* b was loaded before a's change: refused, nothing written. */
	str_replace(&b.title, "乙改");
	assert_int_equal(store_series_save(st, &b, &err), HE_USER);
	assert_non_null(strstr(err.msg, "someone else"));
	assert_int_equal(b.revision, 1);
	series_free(&b);
	assert_int_equal(store_series_load(st, id, &b, &err), HE_OK);
	assert_string_equal(b.title, "甲改");
	assert_int_equal(b.revision, 2);
	/* A series deleted meanwhile cannot be saved either. */
	assert_int_equal(store_series_delete(st, id, &err), HE_OK);
	assert_int_equal(store_series_save(st, &b, &err), HE_USER);
	assert_int_equal(store_series_delete(st, id, &err), HE_USER);
	assert_true(store_is_empty(st));
	series_free(&a);
	series_free(&b);
	store_close(&st);
}

static void transactions(void **state)
{
	struct store *st = open_new("tx.db");
	struct herr err = { 0 };

	(void)state;
	assert_int_equal(store_commit(st, &err), HE_INTERNAL);
	assert_int_equal(store_begin(st, &err), HE_OK);
	assert_int_equal(store_begin(st, &err), HE_OK);
	save_uid(st, "tx-1", "inner");
	store_rollback(st);
	/* The outer level cannot commit what an inner one gave up. */
	assert_int_equal(store_commit(st, &err), HE_INTERNAL);
	assert_non_null(strstr(err.msg, "rolled back"));
	assert_true(store_is_empty(st));
	assert_int_equal(store_begin(st, &err), HE_OK);
	save_uid(st, "tx-2", "kept");
	assert_int_equal(store_commit(st, &err), HE_OK);
	assert_false(store_is_empty(st));
	store_rollback(st); /* nothing open: harmless */
	store_close(&st);
}

static void data_version_and_paths(void **state)
{
	char *path = scratch_path("dv.db");
	struct store *a = NULL, *b = NULL;
	struct herr err = { 0 };
	int64_t before;

	(void)state;
	unlink(path);
	assert_int_equal(store_open(&a, path, STORE_CREATE, &err), HE_OK);
	assert_int_equal(store_open(&b, path, STORE_EXISTING, &err), HE_OK);
	before = store_data_version(a);
	save_uid(b, "dv-1", "from b");
	assert_int_not_equal(store_data_version(a), before);
	assert_false(store_is_empty(a));
	store_close(&a);
	store_close(&b);
	free(path);
	setenv("XDG_DATA_HOME", "/srv/data", 1);
	path = store_default_path();
	assert_string_equal(path, "/srv/data/hearth/hearth.db");
	free(path);
	setenv("XDG_DATA_HOME", "", 1);
	setenv("HOME", "/home/zhang", 1);
	path = store_default_path();
	assert_string_equal(path, "/home/zhang/.local/share/hearth/hearth.db");
	free(path);
	unsetenv("XDG_DATA_HOME");
}

/* Saves a one-off event at venue with org as host. */
static void save_at(struct store *st, const char *title, const char *venue,
		    const char *org)
{
	struct series s;
	struct herr err = { 0 };

	series_init(&s);
	s.kind = xstrdup("station");
	s.title = xstrdup(title);
	s.venue = xstrdup0(venue);
	if (org)
		series_add_org(&s, org, ROLE_HOST);
	snprintf(s.sched.tzid, sizeof s.sched.tzid, "Asia/Shanghai");
	s.sched.start = cv("2027-01-08T09:00:00");
	s.sched.end = cv("2027-01-08T19:00:00");
	if (store_series_save(st, &s, &err) != HE_OK)
		fail_msg("%s", err.msg);
	series_free(&s);
}

static void venues(void **state)
{
	struct store *st = open_new("venues.db");
	struct venue v = { 0 }, *list = NULL;
	struct herr err = { 0 };
	size_t n = 0;

	(void)state;
	v.name = xstrdup("盘锦司机之家");
	v.address = xstrdup("盘锦市双台子区");
	v.has_geo = true;
	v.lat = 41.20;
	v.lon = 122.06;
	v.type = xstrdup("司机之家");
	strv_add(&v.services, "餐饮");
	strv_add(&v.services, "淋浴");
	v.notes = xstrdup("24 小时");
	assert_int_equal(store_venue_put(st, NULL, &v, &err), HE_OK);
	assert_int_equal(store_venue_put(st, NULL, &v, &err), HE_USER);
	assert_non_null(strstr(err.msg, "already exists"));
	venue_free(&v);
	assert_int_equal(store_venue_get(st, "盘锦司机之家", &v, &err), HE_OK);
	assert_string_equal(v.address, "盘锦市双台子区");
	assert_true(v.has_geo);
	assert_true(v.lat > 41.19 && v.lat < 41.21);
	assert_int_equal(v.services.n, 2);
	assert_string_equal(v.services.v[1], "淋浴");
	/* Rename, drop the coordinates, replace the services. */
	str_replace(&v.name, "司机之家（双台子）");
	v.has_geo = false;
	strv_free(&v.services);
	strv_add(&v.services, "免费停车");
	assert_int_equal(store_venue_put(st, "盘锦司机之家", &v, &err), HE_OK);
	venue_free(&v);
	assert_int_equal(store_venue_get(st, "盘锦司机之家", &v, &err), HE_USER);
	assert_int_equal(store_venue_get(st, "司机之家（双台子）", &v, &err), HE_OK);
	assert_false(v.has_geo);
	assert_int_equal(v.services.n, 1);
	venue_free(&v);
	/* Bad input. */
	v.name = xstrdup(" ");
	assert_int_equal(store_venue_put(st, NULL, &v, &err), HE_USER);
	str_replace(&v.name, "x");
	v.has_geo = true;
	v.lat = 91;
	assert_int_equal(store_venue_put(st, NULL, &v, &err), HE_USER);
	assert_non_null(strstr(err.msg, "out of range"));
	v.has_geo = false;
	str_replace(&v.address, "\xff");
	assert_int_equal(store_venue_put(st, NULL, &v, &err), HE_USER);
	assert_int_equal(store_venue_put(st, "nosuch", &v, &err), HE_USER);
	venue_free(&v);
	/* Renaming onto another venue's name. */
	save_at(st, "驿站开放", "的士驿站", NULL);
	assert_int_equal(store_venue_get(st, "的士驿站", &v, &err), HE_OK);
	str_replace(&v.name, "司机之家（双台子）");
	assert_int_equal(store_venue_put(st, "的士驿站", &v, &err), HE_USER);
	venue_free(&v);
	assert_int_equal(store_venue_list(st, &list, &n, &err), HE_OK);
	assert_int_equal(n, 2);
	venue_list_free(list, n);
	store_close(&st);
}

static void deleting_places_in_use(void **state)
{
	struct store *st = open_new("inuse.db");
	struct herr err = { 0 };
	struct series s;
	struct override *o;
	int64_t id;

	(void)state;
	save_at(st, "骑手驿站开放日", "工会驿站", "盘锦市总工会");
	save_at(st, "司机座谈会", "工会驿站", NULL);
	assert_int_equal(store_venue_delete(st, "工会驿站", 0, &err), HE_USER);
	assert_non_null(strstr(err.msg, "骑手驿站开放日"));
	assert_non_null(strstr(err.msg, "司机座谈会"));
	assert_int_equal(store_org_delete(st, "盘锦市总工会", 0, &err), HE_USER);
	assert_non_null(strstr(err.msg, "骑手驿站开放日"));
	for (int i = 0; i < 4; i++) {
		char title[32];
		snprintf(title, sizeof title, "event %d", i);
		save_at(st, title, "工会驿站", NULL);
	}
	assert_int_equal(store_venue_delete(st, "工会驿站", 0, &err), HE_USER);
	assert_non_null(strstr(err.msg, "and 3 more"));
	/* A venue only an override names, an org only a segment names. */
	full_series(&s, "ov");
	assert_int_equal(store_series_save(st, &s, &err), HE_OK);
	id = s.id;
	series_free(&s);
	assert_int_equal(store_venue_delete(st, "长江路小区", 0, &err), HE_USER);
	assert_non_null(strstr(err.msg, "青少年读书分享会"));
	assert_int_equal(store_org_delete(st, "爱在枫乡环保公益协会", 0, &err), HE_USER);
	/* An org only a segment's second partner, a venue only a segment
	   names. */
	assert_int_equal(store_org_delete(st, "本溪县青少年宫", 0, &err), HE_USER);
	assert_non_null(strstr(err.msg, "青少年读书分享会"));
	assert_int_equal(store_venue_delete(st, "长江路小区东门", 0, &err), HE_USER);
	assert_non_null(strstr(err.msg, "青少年读书分享会"));
	/* Once nothing uses them they go. */
	assert_int_equal(store_series_load(st, id, &s, &err), HE_OK);
	o = series_find_override(&s, CT(2027, 1, 16, 9, 0));
	str_replace(&o->venue, NULL);
	assert_int_equal(store_series_save(st, &s, &err), HE_OK);
	series_free(&s);
	assert_int_equal(store_venue_delete(st, "长江路小区", 0, &err), HE_OK);
	assert_int_equal(store_venue_delete(st, "长江路小区", 0, &err), HE_USER);
	assert_int_equal(store_series_delete(st, id, &err), HE_OK);
	assert_int_equal(store_org_delete(st, "爱在枫乡环保公益协会", 0, &err), HE_OK);
	assert_int_equal(store_org_delete(st, "本溪县青少年宫", 0, &err), HE_OK);
	assert_int_equal(store_venue_delete(st, "长江路小区东门", 0, &err), HE_OK);
	assert_int_equal(store_org_delete(st, "nobody", 0, &err), HE_USER);
	store_close(&st);
}

/*
 * A file of schema 3, whose segments had one partner_id column, opens with
 * each partner as its segment's first partner, and every other part of the
 * series as it was.
 */
static void migrates_segment_partners(void **state)
{
	char *path = scratch_path("schema3.db");
	struct store *st = NULL;
	struct herr err = { 0 };
	struct series s, back;

	(void)state;
	unlink(path);
	assert_int_equal(store_open(&st, path, STORE_CREATE, &err), HE_OK);
	full_series(&s, "old-3");
	assert_int_equal(store_series_save(st, &s, &err), HE_OK);
	store_close(&st);
	/* Back to schema 3's segment table, as a hearth of then wrote it;
	   later migrations' tables go. */
	raw_sql(path, DROP_SYNC_TABLES DROP_PEOPLE_TABLES
		"DROP TABLE tally_sum; DROP INDEX override_long;"
		"DROP TABLE tally; DROP TABLE suggestion_status;"
		"DROP TABLE suggestion;"
		"DROP TRIGGER venue_geo_add; DROP TRIGGER venue_geo_move;"
		"DROP TRIGGER venue_geo_drop; DROP TABLE venue_geo;"
		"DROP TABLE station; DROP TABLE venue_member; DROP TABLE demand;"
		"DROP TABLE audit_field; DROP TABLE audit; DROP TABLE occ_skipped;"
		"ALTER TABLE override DROP COLUMN title;"
		"ALTER TABLE override DROP COLUMN description;"
		"DROP TABLE occ_fixed; DROP TABLE occ_cycle; DROP TABLE occ_skip;"
		"DROP TABLE occ_rule; DROP TABLE occ_zone;"
		"DROP INDEX series_title; DROP INDEX series_kind;"
		"CREATE TABLE occ (start_utc INTEGER NOT NULL,"
		" end_utc INTEGER NOT NULL, series_id INTEGER NOT NULL,"
		" rid INTEGER NOT NULL, cancelled INTEGER NOT NULL,"
		" overridden INTEGER NOT NULL,"
		" PRIMARY KEY (start_utc, series_id, rid)) WITHOUT ROWID;"
		"CREATE TABLE occ_month (month INTEGER PRIMARY KEY);"
		"DROP TABLE segment_partner; DROP TABLE segment;"
		"ALTER TABLE series DROP COLUMN alarms;"
		"ALTER TABLE venue DROP COLUMN revision;"
		"ALTER TABLE org DROP COLUMN revision;"
		"CREATE TABLE segment ("
		"  series_id INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,"
		"  pos INTEGER NOT NULL, title TEXT NOT NULL,"
		"  from_min INTEGER, to_min INTEGER,"
		"  partner_id INTEGER REFERENCES org(id), note TEXT,"
		"  PRIMARY KEY (series_id, pos));"
		"CREATE INDEX segment_partner ON segment(partner_id);"
		"INSERT INTO segment SELECT 1, 0, '关键词猜书名', 540, 560, id, '暖场'"
		"  FROM org WHERE name = '爱在枫乡环保公益协会';"
		"INSERT INTO segment VALUES (1, 1, '自由阅读、交换图书', NULL, NULL,"
		"  NULL, NULL);"
		"PRAGMA user_version = 3;");
	assert_int_equal(store_open(&st, path, STORE_EXISTING, &err), HE_OK);
	assert_int_equal(raw_int(path, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	assert_int_equal(store_series_load(st, s.id, &back, &err), HE_OK);
	assert_int_equal(back.n_segments, 2);
	assert_int_equal(back.segments[0].partners.n, 1);
	assert_string_equal(back.segments[0].partners.v[0], "爱在枫乡环保公益协会");
	assert_int_equal(back.segments[0].from_min, 540);
	assert_string_equal(back.segments[0].note, "暖场");
	assert_int_equal(back.segments[1].partners.n, 0);
	assert_null(back.segments[1].venue);
	/* The migrated file takes segments with several partners and a
	   venue of their own. */
	series_free(&back);
	assert_int_equal(store_series_save(st, &s, &err), HE_OK);
	series_free(&back);
	assert_int_equal(store_series_load(st, s.id, &back, &err), HE_OK);
	assert_same_series(&s, &back);
	series_free(&back);
	series_free(&s);
	store_close(&st);
	free(path);
}

static void orgs(void **state)
{
	struct store *st = open_new("orgs.db");
	struct org o = { 0 }, *list = NULL;
	struct herr err = { 0 };
	size_t n = 0;

	(void)state;
	o.name = xstrdup("章党派出所");
	o.type = xstrdup("派出所");
	o.contact = xstrdup("024-0000");
	assert_int_equal(store_org_put(st, NULL, &o, &err), HE_OK);
	assert_int_equal(store_org_put(st, NULL, &o, &err), HE_USER);
	str_replace(&o.name, "章党派出所（东洲）");
	str_replace(&o.contact, NULL);
	assert_int_equal(store_org_put(st, "章党派出所", &o, &err), HE_OK);
	org_free(&o);
	assert_int_equal(store_org_get(st, "章党派出所（东洲）", &o, &err), HE_OK);
	assert_string_equal(o.type, "派出所");
	assert_null(o.contact);
	str_replace(&o.type, "\xc0");
	assert_int_equal(store_org_put(st, NULL, &o, &err), HE_USER);
	str_replace(&o.name, "");
	assert_int_equal(store_org_put(st, NULL, &o, &err), HE_USER);
	org_free(&o);
	assert_int_equal(store_org_get(st, "nobody", &o, &err), HE_USER);
	assert_int_equal(store_org_list(st, &list, &n, &err), HE_OK);
	assert_int_equal(n, 1);
	org_list_free(list, n);
	store_close(&st);
}

static void series_list(void **state)
{
	struct store *st = open_new("list.db");
	struct series_rows rows = { 0 };
	struct occ_filter f = { 0 };
	struct herr err = { 0 };
	int64_t now = at("Asia/Shanghai", "2027-01-01T00:00:00");

	(void)state;
	save_at(st, "乙 驿站", "工会驿站", "盘锦市总工会");
	save_at(st, "甲 座谈", "司机之家", NULL);
	assert_int_equal(store_series_list(st, NULL, now, &rows, &err), HE_OK);
	assert_int_equal(rows.n, 2);
	assert_string_equal(rows.v[0].title, "乙 驿站");
	assert_int_equal(rows.v[0].next_start, at("Asia/Shanghai",
						   "2027-01-08T09:00:00"));
	assert_false(rows.v[0].recurring);
	series_rows_free(&rows);
	f.venue = "司机";
	assert_int_equal(store_series_list(st, &f, now, &rows, &err), HE_OK);
	assert_int_equal(rows.n, 1);
	assert_string_equal(rows.v[0].title, "甲 座谈");
	series_rows_free(&rows);
	f.venue = NULL;
	f.org = "总工会";
	assert_int_equal(store_series_list(st, &f, now, &rows, &err), HE_OK);
	assert_int_equal(rows.n, 1);
	series_rows_free(&rows);
	store_close(&st);
}

/* Pages of every order, read in turn, give the whole list in that order. */
static void series_pages(void **state)
{
	struct store *st = open_new("pages.db");
	static const char *const kinds[] = { "station", "meeting", "fair" };
	static const char *const venues[] = { "工会驿站", "司机之家", NULL };
	struct occ_filter none = { .statuses = 7 }, some = { .statuses = 7,
							     .venue = "驿站" };
	int64_t now = at("Asia/Shanghai", "2027-01-01T00:00:00");
	struct herr err = { 0 };

	(void)state;
	for (int i = 0; i < 40; i++) {
		struct series s;
		char title[32];
		series_init(&s);
		s.kind = xstrdup(kinds[i % 3]);
		snprintf(title, sizeof title, "活动 %02d", (i * 17) % 40);
		s.title = xstrdup(title);
		s.venue = xstrdup0(venues[i % 3]);
		snprintf(s.sched.tzid, sizeof s.sched.tzid, "Asia/Shanghai");
		s.sched.start = civil_add_days(cv("2027-01-08T09:00:00"),
					       (i * 7) % 40 - 10);
		s.sched.end = s.sched.start;
		s.sched.end.hour = 10;
		if (i % 5 == 0)
			s.sched.rrule = xstrdup("FREQ=WEEKLY;COUNT=3");
		if (store_series_save(st, &s, &err) != HE_OK)
			fail_msg("%s", err.msg);
		series_free(&s);
	}
	for (int o = SERIES_BY_TITLE; o <= SERIES_BY_VENUE; o++) {
		for (int fi = 0; fi < 2; fi++) {
			const struct occ_filter *f = fi ? &some : &none;
			struct series_rows whole = { 0 }, page = { 0 };
			size_t total = 0, seen = 0;
			assert_int_equal(store_series_page(st, f, o, now, 0, 1000,
							   &whole, &total, &err),
					 HE_OK);
			assert_int_equal(whole.n, total);
			assert_int_equal(total, fi ? 14 : 40);
			for (size_t i = 1; i < whole.n; i++) {
				const struct series_row *a = &whole.v[i - 1],
							*b = &whole.v[i];
				int c = 0;
				if (o == SERIES_BY_NEXT)
					c = (a->next_start == 0) - (b->next_start == 0)
					    ? (a->next_start == 0) - (b->next_start == 0)
					    : (a->next_start > b->next_start) -
					      (a->next_start < b->next_start);
				else if (o == SERIES_BY_KIND)
					c = strcmp(a->kind, b->kind);
				else if (o == SERIES_BY_VENUE)
					c = strcmp(a->venue ? a->venue : "\xff",
						   b->venue ? b->venue : "\xff");
				assert_true(c < 0 ||
					    (c == 0 && strcmp(a->title, b->title) <= 0));
			}
			while (seen < total) {
				size_t n;
				assert_int_equal(store_series_page(st, f, o, now, seen,
								   7, &page, NULL,
								   &err), HE_OK);
				n = page.n;
				assert_true(n > 0 && n <= 7);
				for (size_t i = 0; i < n; i++) {
					assert_int_equal(page.v[i].id,
							 whole.v[seen + i].id);
					assert_int_equal(page.v[i].next_start,
							 whole.v[seen + i].next_start);
				}
				seen += n;
				series_rows_free(&page);
			}
			series_rows_free(&whole);
		}
	}
	store_close(&st);
}

static void demo(void **state)
{
	struct store *st = open_new("demo.db");
	struct occ_list l = { 0 };
	struct venue *v = NULL;
	size_t n = 0;
	int64_t now = at("Asia/Shanghai", "2027-06-03T10:00:00");

	(void)state;
	assert_int_equal(demo_load(st, now, NULL), HE_OK);
	assert_false(store_is_empty(st));
	assert_int_equal(store_occurrences(st, now, now + 7 * 86400, NULL, 0, &l,
					   NULL), HE_OK);
	assert_true(l.n > 10);
	occ_list_free(&l);
	assert_int_equal(store_occurrences(st, now + 7 * 86400, now + 14 * 86400,
					   NULL, 0, &l, NULL), HE_OK);
	assert_true(l.n > 10);
	occ_list_free(&l);
	assert_int_equal(store_venue_list(st, &v, &n, NULL), HE_OK);
	/* The calendar's 8 and the Panjin stations (core/stations). */
	assert_int_equal(n, 40);
	venue_list_free(v, n);
	store_close(&st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(create_and_reopen),
		cmocka_unit_test(single_integer),
		cmocka_unit_test(refuses_foreign_newer_and_corrupt),
		cmocka_unit_test(round_trip),
		cmocka_unit_test(bad_saves_change_nothing),
		cmocka_unit_test(find),
		cmocka_unit_test(revisions),
		cmocka_unit_test(transactions),
		cmocka_unit_test(data_version_and_paths),
		cmocka_unit_test(venues),
		cmocka_unit_test(deleting_places_in_use),
		cmocka_unit_test(migrates_segment_partners),
		cmocka_unit_test(orgs),
		cmocka_unit_test(series_list),
		cmocka_unit_test(series_pages),
		cmocka_unit_test(demo),
	};
	return cmocka_run_group_tests(tests, NULL, teardown_all);
}
