/* store.c - opening, migrating and transactions of the database. */
#include "store_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"

/* "HRTH": tells a hearth database from any other SQLite file. */
#define APPLICATION_ID 0x48525448

/*
 * Migrations: entry i takes the schema from version i to i + 1. Never edit
 * one that has shipped; add another.
 */
static const char *const migrations[] = {
	/* 0 -> 1: the first schema. */
	"CREATE TABLE venue ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  address TEXT, lat REAL, lon REAL, type TEXT, notes TEXT);"
	"CREATE TABLE venue_service ("
	"  venue_id INTEGER NOT NULL REFERENCES venue(id) ON DELETE CASCADE,"
	"  pos INTEGER NOT NULL, service TEXT NOT NULL,"
	"  PRIMARY KEY (venue_id, pos));"
	"CREATE TABLE org ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE, type TEXT, contact TEXT);"
	"CREATE TABLE series ("
	"  id INTEGER PRIMARY KEY,"
	"  uid TEXT NOT NULL UNIQUE,"
	"  kind TEXT NOT NULL, title TEXT NOT NULL, description TEXT,"
	"  venue_id INTEGER REFERENCES venue(id),"
	"  capacity INTEGER NOT NULL DEFAULT 0, contact TEXT,"
	"  status TEXT NOT NULL,"
	"  created INTEGER NOT NULL, updated INTEGER NOT NULL,"
	"  revision INTEGER NOT NULL,"
	"  tzid TEXT NOT NULL, all_day INTEGER NOT NULL,"
	"  dtstart TEXT NOT NULL, dtend TEXT NOT NULL,"
	"  rrule TEXT, rdates TEXT, exdates TEXT,"
	"  xrule TEXT, reach_start INTEGER NOT NULL, reach_end INTEGER NOT NULL);"
	"CREATE INDEX series_reach ON series(reach_end, reach_start);"
	"CREATE INDEX series_venue ON series(venue_id);"
	"CREATE TABLE series_org ("
	"  series_id INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,"
	"  pos INTEGER NOT NULL,"
	"  org_id INTEGER NOT NULL REFERENCES org(id),"
	"  role TEXT NOT NULL,"
	"  PRIMARY KEY (series_id, pos));"
	"CREATE INDEX series_org_org ON series_org(org_id);"
	"CREATE TABLE series_audience ("
	"  series_id INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,"
	"  pos INTEGER NOT NULL, tag TEXT NOT NULL,"
	"  PRIMARY KEY (series_id, pos));"
	"CREATE TABLE segment ("
	"  series_id INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,"
	"  pos INTEGER NOT NULL, title TEXT NOT NULL,"
	"  from_min INTEGER, to_min INTEGER,"
	"  partner_id INTEGER REFERENCES org(id), note TEXT,"
	"  PRIMARY KEY (series_id, pos));"
	"CREATE INDEX segment_partner ON segment(partner_id);"
	"CREATE TABLE override ("
	"  series_id INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,"
	"  rid INTEGER NOT NULL,"      /* original start, wall-clock seconds */
	"  rid_utc INTEGER NOT NULL,"
	"  moved INTEGER NOT NULL, dtstart TEXT, dtend TEXT,"
	"  start_utc INTEGER NOT NULL, end_utc INTEGER NOT NULL,"
	"  venue_id INTEGER REFERENCES venue(id),"
	"  cancelled INTEGER NOT NULL, note TEXT,"
	"  PRIMARY KEY (series_id, rid));"
	"CREATE INDEX override_start ON override(start_utc);"
	"CREATE INDEX override_rid ON override(rid_utc);"
	"CREATE INDEX override_venue ON override(venue_id);"
	/* The occurrence index: a cache that storage keeps in step. */
	"CREATE TABLE occ ("
	"  start_utc INTEGER NOT NULL, end_utc INTEGER NOT NULL,"
	"  series_id INTEGER NOT NULL, rid INTEGER NOT NULL,"
	"  cancelled INTEGER NOT NULL, overridden INTEGER NOT NULL);"
	"CREATE INDEX occ_start ON occ(start_utc);"
	"CREATE INDEX occ_series ON occ(series_id);"
	"CREATE TABLE occ_month (month INTEGER PRIMARY KEY);"
	"CREATE TABLE meta (key TEXT PRIMARY KEY, value);",
	/*
	 * 1 -> 2: the occurrence index kept in start order. A query walks occ
	 * by start; as a rowid table with an index on start_utc every row cost
	 * a second b-tree lookup, the largest single cost of a 30-day window
	 * at 100k series (make bench). Clustered on (start_utc, series_id,
	 * rid) - unique, as a series has one occurrence per original start -
	 * the walk reads each row where the index finds it, and the test of
	 * end_utc for occurrences that began before the window costs no
	 * lookup either. occ_long holds the occurrences longer than
	 * OCC_SHORT (store_int.h; the number must stay the same in both), the
	 * only ones that can overlap a window from far before it. The index
	 * is a cache: it is emptied here and rebuilt month by month as
	 * queries need it.
	 */
	"DROP TABLE occ;"
	"CREATE TABLE occ ("
	"  start_utc INTEGER NOT NULL, end_utc INTEGER NOT NULL,"
	"  series_id INTEGER NOT NULL, rid INTEGER NOT NULL,"
	"  cancelled INTEGER NOT NULL, overridden INTEGER NOT NULL,"
	"  PRIMARY KEY (start_utc, series_id, rid)) WITHOUT ROWID;"
	"CREATE INDEX occ_series ON occ(series_id);"
	"CREATE INDEX occ_long ON occ(start_utc, end_utc)"
	"  WHERE end_utc - start_utc > 21600;"
	"DELETE FROM occ_month;",
	/*
	 * 2 -> 3: what an event imported from iCalendar carries beyond the
	 * model, so that exporting it gives it back: whether its times were
	 * floating, and the properties and VALARM reminders hearth does not
	 * interpret, as iCalendar text.
	 */
	"CREATE TABLE series_ical ("
	"  series_id INTEGER PRIMARY KEY REFERENCES series(id) ON DELETE CASCADE,"
	"  floating INTEGER NOT NULL DEFAULT 0,"
	"  extra TEXT);",
	/*
	 * 3 -> 4: a changed occurrence may have its own title and
	 * description ("读书会（改期）"), as iCalendar's RECURRENCE-ID
	 * instances do; NULL keeps the series' own.
	 */
	"ALTER TABLE override ADD COLUMN title TEXT;"
	"ALTER TABLE override"
	"  ADD COLUMN description TEXT;",
};

#define N_MIGRATIONS (int)(sizeof migrations / sizeof *migrations)
_Static_assert(N_MIGRATIONS == STORE_SCHEMA_VERSION,
	       "STORE_SCHEMA_VERSION must count the migrations");

/*
 * Bumped whenever the way occurrences are computed changes, so that an index
 * built by an older hearth is rebuilt rather than trusted.
 */
#define OCC_INDEX_VERSION 3

sqlite3_stmt *store_stmt(struct store *st, const char *sql, struct herr *err)
{
	int free_slot = -1;

	for (int i = 0; i < STMT_CACHE; i++) {
		if (st->cache[i].sql == sql) {
			sqlite3_reset(st->cache[i].stmt);
			sqlite3_clear_bindings(st->cache[i].stmt);
			return st->cache[i].stmt;
		}
		if (!st->cache[i].sql && free_slot < 0)
			free_slot = i;
	}
	if (free_slot < 0) {
		herr_set(err, HE_INTERNAL, _("internal error: statement cache full"));
		return NULL;
	}
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
			       &st->cache[free_slot].stmt, NULL) != SQLITE_OK) {
		store_dberr(st, err);
		return NULL;
	}
	st->cache[free_slot].sql = sql;
	return st->cache[free_slot].stmt;
}

int store_dberr(struct store *st, struct herr *err)
{
	int code = sqlite3_extended_errcode(st->db) & 0xff;
	const char *msg = sqlite3_errmsg(st->db);

	switch (code) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return herr_set(err, HE_INTERNAL,
				_("database %s is busy: another hearth kept it "
				"locked too long; try again"), st->path);
	case SQLITE_READONLY:
	case SQLITE_PERM:
		return herr_set(err, HE_INTERNAL,
				_("database %s cannot be written: %s"), st->path, msg);
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return herr_set(err, HE_INTERNAL,
				_("database %s is damaged or not a database (%s)"),
				st->path, msg);
	case SQLITE_FULL:
		return herr_set(err, HE_INTERNAL,
				_("database %s: the disk is full"), st->path);
	case SQLITE_CONSTRAINT:
		return herr_set(err, HE_USER, _("database %s: %s"), st->path, msg);
	default:
		return herr_set(err, HE_INTERNAL, _("database %s: %s"), st->path, msg);
	}
}

void bind_text(sqlite3_stmt *s, int i, const char *text)
{
	if (text)
		sqlite3_bind_text(s, i, text, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

const char *col_text(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

char *col_dup(sqlite3_stmt *s, int i)
{
	return xstrdup0(col_text(s, i));
}

int store_exec_stmt(struct store *st, sqlite3_stmt *s, struct herr *err)
{
	int rc = sqlite3_step(s);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_dberr(st, err);
	sqlite3_reset(s);
	return HE_OK;
}

static int exec(struct store *st, const char *sql, struct herr *err)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_dberr(st, err);
	return HE_OK;
}

int store_begin(struct store *st, struct herr *err)
{
	if (st->depth++ > 0)
		return HE_OK;
	st->failed = false;
	st->months_known = false; /* others may have indexed months meanwhile */
	if (exec(st, "BEGIN IMMEDIATE", err) != HE_OK) {
		st->depth = 0;
		return err ? err->code : HE_INTERNAL;
	}
	return HE_OK;
}

int store_commit(struct store *st, struct herr *err)
{
	if (st->depth <= 0)
		return herr_set(err, HE_INTERNAL, _("internal error: commit "
				"without a transaction"));
	if (--st->depth > 0)
		return HE_OK;
	if (st->failed) {
		exec(st, "ROLLBACK", NULL);
		return herr_set(err, HE_INTERNAL,
				_("the change was rolled back after an error"));
	}
	if (exec(st, "COMMIT", err) != HE_OK) {
		exec(st, "ROLLBACK", NULL);
		return err ? err->code : HE_INTERNAL;
	}
	return HE_OK;
}

void store_rollback(struct store *st)
{
	if (st->depth <= 0)
		return;
	if (--st->depth > 0) {
		st->failed = true;
		return;
	}
	exec(st, "ROLLBACK", NULL);
	/* The cached values may describe undone rows. */
	st->max_duration = st->max_short = -1;
	st->months_known = false;
}

static int read_int_pragma(struct store *st, const char *sql, int64_t *out,
			   struct herr *err)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return store_dberr(st, err);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW)
		return store_dberr(st, err);
	return HE_OK;
}

/* Refuses files that are not hearth databases or come from a newer hearth. */
static int check_identity(struct store *st, int64_t *version, struct herr *err)
{
	int64_t app = 0, tables = 0;
	int rc;

	if ((rc = read_int_pragma(st, "PRAGMA application_id", &app, err)) ||
	    (rc = read_int_pragma(st, "PRAGMA user_version", version, err)) ||
	    (rc = read_int_pragma(st, "SELECT count(*) FROM sqlite_master",
				  &tables, err)))
		return rc;
	if (app != APPLICATION_ID && (tables > 0 || *version != 0))
		return herr_set(err, HE_USER,
				_("%s is an SQLite database, but not hearth's"),
				st->path);
	if (*version > STORE_SCHEMA_VERSION)
		return herr_set(err, HE_USER,
				_("%s was written by a newer hearth (schema %lld; "
				"this hearth knows up to %d): upgrade hearth to "
				"use it"), st->path, (long long)*version,
				STORE_SCHEMA_VERSION);
	return HE_OK;
}

int store_set_meta_int(struct store *st, const char *key, int64_t value,
			struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st,
		"INSERT INTO meta(key, value) VALUES (?1, ?2) "
		"ON CONFLICT(key) DO UPDATE SET value = excluded.value", err);

	if (!s)
		return HE_INTERNAL;
	bind_text(s, 1, key);
	sqlite3_bind_int64(s, 2, value);
	return store_exec_stmt(st, s, err);
}

int64_t store_meta_int(struct store *st, const char *key, int64_t dflt)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT value FROM meta WHERE key = ?1",
				     NULL);
	int64_t v = dflt;

	if (!s)
		return dflt;
	bind_text(s, 1, key);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return v;
}

/* Applies the migrations the file lacks, each in its own transaction. */
static int migrate(struct store *st, struct herr *err)
{
	int64_t version;
	char sql[64];
	int rc;

	if ((rc = store_begin(st, err)) != HE_OK)
		return rc;
	/* Re-read under the write lock: another process may have migrated. */
	if ((rc = check_identity(st, &version, err)) != HE_OK)
		goto fail;
	for (int v = (int)version; v < N_MIGRATIONS; v++) {
		if ((rc = exec(st, migrations[v], err)) != HE_OK)
			goto fail;
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v + 1);
		if ((rc = exec(st, sql, err)) != HE_OK)
			goto fail;
	}
	snprintf(sql, sizeof sql, "PRAGMA application_id = %d", APPLICATION_ID);
	if ((rc = exec(st, sql, err)) != HE_OK)
		goto fail;
	if (store_meta_int(st, "occ_index_version", 0) != OCC_INDEX_VERSION &&
	    ((rc = occ_index_reset(st, err)) != HE_OK ||
	     (rc = store_set_meta_int(st, "occ_index_version", OCC_INDEX_VERSION,
				err)) != HE_OK))
		goto fail;
	return store_commit(st, err);
fail:
	store_rollback(st);
	return rc;
}

/* mkdir -p for the directory that will hold path. */
static int make_parent_dirs(const char *path, struct herr *err)
{
	char *failed = NULL;
	int e = mkdir_parents(path, &failed), rc = HE_OK;

	if (e) {
		rc = herr_set(err, HE_USER, _("cannot create directory %s: %s"),
			      failed, strerror(e));
		free(failed);
	}
	return rc;
}

static int configure(struct store *st, struct herr *err)
{
	int rc;

	/* Other processes may hold the lock while they write: wait for them. */
	sqlite3_busy_timeout(st->db, 15000);
	if ((rc = exec(st, "PRAGMA foreign_keys = ON", err)) != HE_OK)
		return rc;
	/*
	 * A rollback journal, not WAL: Debian 12's SQLite 3.40.1 has the
	 * WAL-reset bug (sqlite.org/wal.html#walresetbug, fixed in 3.51.3),
	 * which several processes writing and checkpointing at once - several
	 * organisers on one shared file - can trigger and which corrupts the
	 * database. Writes are small and rare; readers waiting for a commit is
	 * the price of never losing data. FULL sync makes each commit durable.
	 */
	if ((rc = exec(st, "PRAGMA journal_mode = DELETE", err)) != HE_OK)
		return rc;
	if ((rc = exec(st, "PRAGMA synchronous = FULL", err)) != HE_OK)
		return rc;
	/*
	 * A page cache of up to 64 MiB instead of SQLite's 2 MiB. A window
	 * query reads occurrences in start order and joins each to its series,
	 * so it touches series rows all over the file: at 100k series (a 56 MB
	 * file) a 2 MiB cache sent a third of a 30-day window's time into
	 * pread() of pages read a moment before (make bench). The cache fills
	 * only as pages are read, so a small calendar still uses little; it is
	 * kept across transactions while no other process writes. Memory-mapped
	 * I/O did as well, but turns a disk or network error into a signal
	 * instead of an error message.
	 */
	return exec(st, "PRAGMA cache_size = -65536", err);
}

void store_bulk(struct store *st, bool on)
{
	/*
	 * A bulk write (an import) streams through the file once and reuses
	 * little: a small cache keeps its memory flat however large the
	 * calendar, where the query cache above would grow to 64 MiB.
	 */
	exec(st, on ? "PRAGMA cache_size = -8192" : "PRAGMA cache_size = -65536",
	     NULL);
}

int store_open(struct store **out, const char *path, enum store_open_mode mode,
	       struct herr *err)
{
	struct store *st;
	struct stat sb;
	int flags = SQLITE_OPEN_READWRITE;
	int rc;

	*out = NULL;
	if (stat(path, &sb) != 0) {
		if (mode != STORE_CREATE)
			return herr_set(err, HE_USER,
					_("no database at %s (create one with "
					"'hearth init')"), path);
		if ((rc = make_parent_dirs(path, err)) != HE_OK)
			return rc;
		flags |= SQLITE_OPEN_CREATE;
	} else if (!S_ISREG(sb.st_mode)) {
		return herr_set(err, HE_USER, _("%s is not a regular file"), path);
	}
	st = xcalloc(1, sizeof *st);
	st->path = xstrdup(path);
	st->max_duration = st->max_short = -1;
	if (sqlite3_open_v2(path, &st->db, flags, NULL) != SQLITE_OK) {
		rc = herr_set(err, HE_USER, _("cannot open database %s: %s"), path,
			      st->db ? sqlite3_errmsg(st->db) : _("out of memory"));
		store_close(&st);
		return rc;
	}
	sqlite3_extended_result_codes(st->db, 1);
	if ((rc = configure(st, err)) != HE_OK || (rc = migrate(st, err)) != HE_OK) {
		store_close(&st);
		return rc;
	}
	*out = st;
	return HE_OK;
}

void store_close(struct store **pst)
{
	struct store *st = *pst;

	if (!st)
		return;
	for (int i = 0; i < STMT_CACHE; i++)
		sqlite3_finalize(st->cache[i].stmt);
	free(st->months);
	sqlite3_close(st->db);
	free(st->path);
	free(st);
	*pst = NULL;
}

const char *store_path(const struct store *st)
{
	return st->path;
}

char *store_default_path(void)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");

	if (xdg && *xdg == '/')
		return xasprintf("%s/hearth/hearth.db", xdg);
	return xasprintf("%s/.local/share/hearth/hearth.db", home ? home : ".");
}

int64_t store_data_version(struct store *st)
{
	int64_t v = 0;

	read_int_pragma(st, "PRAGMA data_version", &v, NULL);
	/* Another process committed: what this one cached may be stale. */
	if (v != st->seen_version) {
		st->seen_version = v;
		st->max_duration = st->max_short = -1;
	}
	return v;
}

bool store_is_empty(struct store *st)
{
	int64_t n = 0;
	read_int_pragma(st, "SELECT EXISTS (SELECT 1 FROM series)", &n, NULL);
	return n == 0;
}
