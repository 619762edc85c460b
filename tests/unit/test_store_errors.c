/*
 * test_store_errors.c - a read that fails part-way is an error, never a
 * shorter answer: every read of the store is repeated with an I/O error
 * injected at its first, second, third... read of the file (an SQLite VFS
 * that wraps the system's), and each must give either the whole answer or
 * "the database ... is damaged: run hearth check", after which the
 * connection writes nothing. Also: opening an up-to-date file writes
 * nothing at all.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "../../core/demo.h"
#include "../../core/store.h"
#include "testutil.h"

/* ---- a VFS whose main-database reads fail on demand ---- */

static sqlite3_vfs *real_vfs;
static sqlite3_vfs faulty_vfs;
static long reads_left = -1;     /* the read after this many fails; -1 never */
static long reads_done;

struct faulty_file {
	const sqlite3_io_methods *methods;
	bool main_db;
	sqlite3_file *real;          /* follows this struct */
};

static sqlite3_file *real_of(sqlite3_file *f)
{
	return ((struct faulty_file *)f)->real;
}

static int f_close(sqlite3_file *f)
{
	return real_of(f)->pMethods->xClose(real_of(f));
}

static int f_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
	if (((struct faulty_file *)f)->main_db) {
		reads_done++;
		if (reads_left == 0)
			return SQLITE_IOERR_READ;
		if (reads_left > 0)
			reads_left--;
	}
	return real_of(f)->pMethods->xRead(real_of(f), buf, n, off);
}

static int f_write(sqlite3_file *f, const void *b, int n, sqlite3_int64 o)
{
	return real_of(f)->pMethods->xWrite(real_of(f), b, n, o);
}

static int f_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	return real_of(f)->pMethods->xTruncate(real_of(f), size);
}

static int f_sync(sqlite3_file *f, int flags)
{
	return real_of(f)->pMethods->xSync(real_of(f), flags);
}

static int f_size(sqlite3_file *f, sqlite3_int64 *size)
{
	return real_of(f)->pMethods->xFileSize(real_of(f), size);
}

static int f_lock(sqlite3_file *f, int level)
{
	return real_of(f)->pMethods->xLock(real_of(f), level);
}

static int f_unlock(sqlite3_file *f, int level)
{
	return real_of(f)->pMethods->xUnlock(real_of(f), level);
}

static int f_reserved(sqlite3_file *f, int *out)
{
	return real_of(f)->pMethods->xCheckReservedLock(real_of(f), out);
}

static int f_control(sqlite3_file *f, int op, void *arg)
{
	return real_of(f)->pMethods->xFileControl(real_of(f), op, arg);
}

static int f_sector(sqlite3_file *f)
{
	return real_of(f)->pMethods->xSectorSize(real_of(f));
}

static int f_device(sqlite3_file *f)
{
	return real_of(f)->pMethods->xDeviceCharacteristics(real_of(f));
}

/* Version 1: no shared memory, no memory mapping; a journal is enough. */
static const sqlite3_io_methods faulty_methods = {
	1, f_close, f_read, f_write, f_truncate, f_sync, f_size, f_lock,
	f_unlock, f_reserved, f_control, f_sector, f_device,
	NULL, NULL, NULL, NULL, NULL, NULL,
};

static int f_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f,
		  int flags, int *out_flags)
{
	struct faulty_file *ff = (struct faulty_file *)f;
	int rc;

	(void)vfs;
	ff->methods = NULL;
	ff->main_db = (flags & SQLITE_OPEN_MAIN_DB) != 0;
	ff->real = (sqlite3_file *)(ff + 1);
	rc = real_vfs->xOpen(real_vfs, name, ff->real, flags, out_flags);
	if (rc == SQLITE_OK)
		ff->methods = &faulty_methods;
	return rc;
}

static void install_vfs(void)
{
	real_vfs = sqlite3_vfs_find(NULL);
	faulty_vfs = *real_vfs;
	faulty_vfs.iVersion = 1;
	faulty_vfs.zName = "faulty";
	faulty_vfs.szOsFile = (int)sizeof(struct faulty_file) + real_vfs->szOsFile;
	faulty_vfs.xOpen = f_open;
	if (sqlite3_vfs_register(&faulty_vfs, 1) != SQLITE_OK)
		fail_msg("cannot register the test VFS");
}

/* ---- the operations tried, each giving its answer as text ---- */

typedef int (*read_fn)(struct store *st, struct sbuf *out, struct herr *err);

static int load_series(struct store *st, struct sbuf *out, struct herr *err)
{
	struct series_rows rows = { 0 };
	int rc = store_series_list(st, NULL, 1796256000, &rows, err);

	for (size_t i = 0; rc == HE_OK && i < rows.n; i++) {
		struct series s;
		if ((rc = store_series_load(st, rows.v[i].id, &s, err)) != HE_OK)
			break;
		sbuf_addf(out, "%s %s orgs=%zu aud=%zu seg=%zu ov=%zu next=%lld\n",
			  s.uid, s.title, s.n_orgs, s.audience.n, s.n_segments,
			  s.n_overrides, (long long)rows.v[i].next_start);
		series_free(&s);
	}
	series_rows_free(&rows);
	return rc;
}

static int window(struct store *st, struct sbuf *out, struct herr *err)
{
	struct occ_list l = { 0 };
	struct occ_filter f = { .statuses = 7, .with_cancelled = true };
	int rc = store_occurrences(st, 1796256000 - 40 * 86400,
				   1796256000 + 40 * 86400, &f, 0, &l, err);

	for (size_t i = 0; rc == HE_OK && i < l.n; i++)
		sbuf_addf(out, "%lld %s %s\n", (long long)l.v[i].start, l.v[i].uid,
			  l.v[i].venue ? l.v[i].venue : "-");
	occ_list_free(&l);
	return rc;
}

static int places(struct store *st, struct sbuf *out, struct herr *err)
{
	struct venue *v;
	struct org *o;
	size_t nv, no;
	int rc = store_venue_list(st, &v, &nv, err);

	if (rc != HE_OK)
		return rc;
	for (size_t i = 0; i < nv; i++)
		sbuf_addf(out, "%s services=%zu\n", v[i].name, v[i].services.n);
	venue_list_free(v, nv);
	if ((rc = store_org_list(st, &o, &no, err)) != HE_OK)
		return rc;
	for (size_t i = 0; i < no; i++)
		sbuf_addf(out, "%s\n", o[i].name);
	org_list_free(o, no);
	return HE_OK;
}

static int export_walk_one(void *ctx, const struct series *s,
			   const struct series_ical *x, struct herr *err)
{
	(void)x;
	(void)err;
	sbuf_addf(ctx, "%s ov=%zu seg=%zu\n", s->uid, s->n_overrides,
		  s->n_segments);
	return HE_OK;
}

static int export_walk(struct store *st, struct sbuf *out, struct herr *err)
{
	struct series_query q = { 0 };
	return store_series_each(st, &q, export_walk_one, out, err);
}

static const char *demo_path(void)
{
	static char *path;

	if (!path) {
		struct store *st = NULL;
		struct herr err = { 0 };
		struct sbuf warm = { 0 };
		path = scratch_path("demo.db");
		if (store_open(&st, path, STORE_CREATE, &err) != HE_OK ||
		    demo_load(st, 1796256000, &err) != HE_OK)
			fail_msg("%s", err.msg);
		/* Index the months read below, so that reads stay reads. */
		window(st, &warm, &err);
		load_series(st, &warm, &err);
		sbuf_free(&warm);
		store_close(&st);
	}
	return path;
}

/*
 * Runs fn with the k-th read failing for k = 1, 2, ... until a run reads
 * no more than k - 1 times: every run must give the whole answer or the
 * damage message, and a damaged connection must refuse to begin a write.
 */
static void every_read_may_fail(read_fn fn)
{
	const char *path = demo_path();
	struct sbuf whole = { 0 };
	struct herr err = { 0 };
	struct store *st = NULL;
	int failed = 0;

	reads_left = -1;
	assert_int_equal(store_open(&st, path, STORE_EXISTING, &err), HE_OK);
	assert_int_equal(fn(st, &whole, &err), HE_OK);
	store_close(&st);
	assert_true(whole.len > 0);
	for (long k = 0;; k++) {
		struct sbuf got = { 0 };
		int rc;
		reads_left = -1;
		assert_int_equal(store_open(&st, path, STORE_EXISTING, &err), HE_OK);
		reads_done = 0;
		reads_left = k;
		rc = fn(st, &got, &err);
		reads_left = -1;
		if (rc == HE_OK) {
			assert_string_equal(sbuf_str(&got), sbuf_str(&whole));
		} else {
			failed++;
			assert_int_equal(rc, HE_INTERNAL);
			if (!strstr(err.msg, "damaged: run hearth check"))
				fail_msg("read %ld failing gave '%s'", k + 1,
					 err.msg);
			assert_int_equal(store_begin(st, &err), HE_INTERNAL);
			assert_non_null(strstr(err.msg, "damaged"));
		}
		sbuf_free(&got);
		store_close(&st);
		if (reads_done <= k)
			break;
	}
	sbuf_free(&whole);
	assert_true(failed > 0);
}

static void series_loads(void **state)
{
	(void)state;
	every_read_may_fail(load_series);
}

static void windows(void **state)
{
	(void)state;
	every_read_may_fail(window);
}

static void venues_and_orgs(void **state)
{
	(void)state;
	every_read_may_fail(places);
}

static void export_walks(void **state)
{
	(void)state;
	every_read_may_fail(export_walk);
}

static char *bytes_of(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	struct stat sb;

	assert_non_null(f);
	assert_int_equal(fstat(fileno(f), &sb), 0);
	buf = xmalloc((size_t)sb.st_size + 1);
	*n = fread(buf, 1, (size_t)sb.st_size, f);
	fclose(f);
	return buf;
}

/* Opening, reading indexed months and closing change not one byte. */
static void reads_write_nothing(void **state)
{
	const char *path = demo_path();
	struct store *st = NULL;
	struct herr err = { 0 };
	struct sbuf got = { 0 };
	size_t n1, n2;
	char *before = bytes_of(path, &n1), *after;

	(void)state;
	reads_left = -1;
	assert_int_equal(store_open(&st, path, STORE_EXISTING, &err), HE_OK);
	assert_false(store_readonly(st));
	assert_int_equal(window(st, &got, &err), HE_OK);
	assert_int_equal(load_series(st, &got, &err), HE_OK);
	assert_int_equal(places(st, &got, &err), HE_OK);
	store_close(&st);
	after = bytes_of(path, &n2);
	assert_int_equal(n1, n2);
	assert_memory_equal(before, after, n1);
	free(before);
	free(after);
	sbuf_free(&got);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(series_loads),
		cmocka_unit_test(windows),
		cmocka_unit_test(venues_and_orgs),
		cmocka_unit_test(export_walks),
		cmocka_unit_test(reads_write_nothing),
	};

	setenv("TZ", "UTC", 1);
	install_vfs();
	return cmocka_run_group_tests(tests, NULL, teardown_all);
}
