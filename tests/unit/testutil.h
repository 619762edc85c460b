/*
 * testutil.h - what several unit tests share: wall-clock literals, a
 * scratch directory, raw SQL on a database file and the teardown that
 * frees libical's zones.
 * Include after cmocka.h; everything is static inline so that a test that
 * uses only part of it still compiles without warnings.
 */
#ifndef HEARTH_TESTUTIL_H
#define HEARTH_TESTUTIL_H

#include <dirent.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../core/civil.h"
#include "../../core/tz.h"
#include "../../core/store.h"
#include "../../core/util.h"

/*
 * SQL that takes away what the migration to schema 8 (people, shifts,
 * points) added, for tests that take a file back to an older schema.
 */
#define DROP_PEOPLE_TABLES \
	"DROP TABLE ledger; DROP TABLE catalogue; DROP TABLE signup;" \
	"DROP TABLE shift; DROP TABLE person_group; DROP TABLE person;" \
	"DROP TABLE account;"

/*
 * SQL that takes away what the migration to schema 9 (CalDAV sync) added,
 * for the same tests.
 */
#define DROP_SYNC_TABLES \
	"DROP TABLE sync_conflict; DROP TABLE sync_item;" \
	"DROP TABLE sync_calendar;"

/* A wall-clock time as a pointer to a compound literal. */
#define CT(y, mo, d, h, mi) (&(struct civil){ (y), (mo), (d), (h), (mi), 0 })

/* "2027-01-08" or "2027-01-08T10:00:00" as a struct civil. */
static inline struct civil cv(const char *text)
{
	struct civil c;
	bool date_only;

	if (!civil_parse(text, &c, &date_only))
		fail_msg("bad date '%s' in the test", text);
	return c;
}

/* The instant of wall-clock text in zone. */
static inline int64_t at(const char *zone, const char *text)
{
	struct civil c = cv(text);
	return tz_to_utc(tz_get(zone), &c);
}

/* A fresh directory under /tmp for this test program. */
static inline const char *scratch_dir(void)
{
	static char dir[64];

	if (!dir[0]) {
		snprintf(dir, sizeof dir, "/tmp/hearth-unit-XXXXXX");
		if (!mkdtemp(dir))
			fail_msg("cannot create a scratch directory");
	}
	return dir;
}

/* A path in the scratch directory (caller frees). */
static inline char *scratch_path(const char *name)
{
	return xasprintf("%s/%s", scratch_dir(), name);
}

/* Removes the scratch directory's files and the directory. */
static inline void scratch_remove(void)
{
	const char *dir = scratch_dir();
	DIR *d = opendir(dir);
	struct dirent *e;

	while (d && (e = readdir(d))) {
		char *p;
		if (e->d_name[0] == '.')
			continue;
		p = scratch_path(e->d_name);
		unlink(p);
		free(p);
	}
	if (d)
		closedir(d);
	rmdir(dir);
}

/* A new, empty database called name in the scratch directory. */
static inline struct store *open_new(const char *name)
{
	char *path = scratch_path(name);
	struct store *st = NULL;
	struct herr err = { 0 };

	unlink(path);
	if (store_open(&st, path, STORE_CREATE, &err) != HE_OK)
		fail_msg("%s", err.msg);
	free(path);
	return st;
}

/* Runs sql on the file at path with the sqlite3 library directly. */
static inline void raw_sql(const char *path, const char *sql)
{
	sqlite3 *db;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	sqlite3_close(db);
}

/* Group teardown: frees the zones libical loaded, and the scratch files. */
static inline int teardown_all(void **state)
{
	(void)state;
	tz_cleanup();
	scratch_remove();
	return 0;
}

#endif
