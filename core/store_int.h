/*
 * store_int.h - what the store_*.c files share; not part of the interface.
 */
#ifndef HEARTH_STORE_INT_H
#define HEARTH_STORE_INT_H

#include <sqlite3.h>
#include <time.h>

#include "store.h"

#define STMT_CACHE 192

/*
 * Occurrences longer than this (seconds) are "long": the partial indexes
 * occ_fixed_long and occ_cycle_long (migration 6, which spells out the same
 * number) hold them, so that a query need not walk back further than this
 * for the short ones. Six hours: longer than most community events,
 * shorter than all-day ones.
 */
#define OCC_SHORT 21600

/*
 * Bumped whenever the way occurrences are computed or indexed changes, so
 * that an index built by an older hearth is rebuilt rather than trusted.
 */
#define OCC_INDEX_VERSION 5

/* A zone and period whose series share the cycle index's phase order. */
/* A row of occ_cycle, as listings read it. */
struct pattern_row {
	int64_t phase, series_id, first, last, length;
	bool all_day;
};

struct occ_group {
	int64_t zone;            /* occ_zone.id */
	int64_t period;
	char tzid[TZ_NAME_MAX + 1];
	/* Its rows in phase order, kept once read whole when the store keeps
	 * patterns (store_keep_patterns); forgotten with the groups. */
	struct pattern_row *rows;
	size_t n_rows, cap_rows;
	bool loaded;             /* rows holds them all */
};

/* Frees the rows the groups keep (the groups stay). */
void occ_groups_forget_rows(struct store *st);

/* Patterns read by a thread of their own (store_preload.c). */
struct occ_preload;
/* Whether that thread is still reading. */
bool occ_preload_pending(const struct store *st);
/*
 * Gives the groups not loaded the rows the thread read, when it is done
 * (with wait: once it is) and nothing was committed since; then ends it.
 */
void occ_preload_take(struct store *st, bool wait);
/* Waits for the thread and drops what it read. */
void occ_preload_drop(struct store *st);
/* Sleeps a millisecond while the thread reads (idle work's pause). */
void occ_preload_wait_a_little(struct store *st);

struct store {
	sqlite3 *db;
	char *path;
	int depth;               /* nesting of store_begin */
	int reading;             /* nesting of store_read_begin */
	bool failed;             /* an inner level rolled back */
	/*
	 * The connection cannot write (the user may only read the file or
	 * its directory): nothing may begin a write transaction. Series the
	 * index has not taken in yet are then expanded in memory.
	 */
	bool readonly;
	/* SQLite reported damage (CORRUPT, NOTADB, IOERR): nothing more is
	 * written through this connection. */
	bool damaged;
	bool verified;           /* SQLite's quick check passed (store_begin) */
	char *user;              /* the real uid's name, for the audit log */
	int audit_quiet;         /* > 0: a batch logs itself as one entry */
	int64_t busy_since;      /* when the wait for a lock began (ms) */
	uint64_t busy_rng;       /* for the waits' random lengths */
	struct {
		const char *sql;
		sqlite3_stmt *stmt;
	} cache[STMT_CACHE];
	int64_t max_duration;    /* longest indexed occurrence, -1 unknown */
	int64_t max_short;       /* longest one of at most OCC_SHORT, -1 unknown */
	int64_t seen_version;    /* PRAGMA data_version when last asked */
	/* The occurrence index (store_index.c). */
	int64_t now;             /* "today" for the horizon; 0: the clock */
	int horizon_years;       /* rules without a pattern stored this far */
	bool horizon_checked;    /* in this write transaction */
	int index_state;         /* 0 unknown, 1 current, -1 stale (read it live) */
	int64_t indexed_to;      /* series with a larger id are not indexed */
	bool indexed_dirty;      /* indexed_to to be written at the commit */
	bool bulk;               /* store_bulk: index rows wait, sorted */
	struct occ_pending *pending; /* index rows not inserted yet */
	struct occ_infos *infos; /* series looked up by queries, cached */
	struct occ_group *groups; /* the cycle index's groups, cached */
	size_t n_groups;
	bool groups_known;
	bool keep_patterns;      /* store_keep_patterns */
	struct occ_preload *preload; /* store_preload_start */
	void (*on_commit)(void *ctx); /* store_on_commit */
	void *on_commit_ctx;
	bool in_on_commit;            /* no second call from inside it */
};

/*
 * A prepared statement for sql, which must be a string constant: statements
 * are cached by address and reset (bindings cleared) before being handed out.
 */
sqlite3_stmt *store_stmt(struct store *st, const char *sql, struct herr *err);
/* Records the database's error for the failed step or prepare. */
int store_dberr(struct store *st, struct herr *err);

/*
 * Records why the file cannot be read or (write) changed, naming the file
 * or directory and the groups that may (perm.h).
 */
int store_denied(struct store *st, bool write, struct herr *err);

/*
 * The single-row read: steps s once. HE_OK with *found true leaves the row
 * ready to read (reset s when done with it, so that the read ends); HE_OK
 * with *found false means there is no row; anything else is the database's
 * error in err. s is reset in both of the latter cases.
 */
int store_row(struct store *st, sqlite3_stmt *s, bool *found,
	      struct herr *err);
/*
 * A row loop's step: true with a row ready to read; false at the end, with
 * *rc HE_OK when the rows ran out (SQLITE_DONE) and the database's error
 * (in err) otherwise. s is reset when it returns false; a loop left early
 * resets s itself.
 *
 *	while (store_next(st, s, &rc, err)) { ... }
 *	if (rc != HE_OK) return rc;
 */
bool store_next(struct store *st, sqlite3_stmt *s, int *rc, struct herr *err);
/*
 * The single-integer read: steps s (prepared and bound by the caller) once
 * and puts its row's first column in *out, *found true; no row leaves *out
 * as it was with *found false (found may be NULL). s is reset in every case.
 *
 *	int64_t n = 0;
 *	if (!s) return HE_INTERNAL;
 *	return store_int64(st, s, &n, NULL, err);
 */
int store_int64(struct store *st, sqlite3_stmt *s, int64_t *out, bool *found,
		struct herr *err);

void bind_text(sqlite3_stmt *s, int i, const char *text);
const char *col_text(sqlite3_stmt *s, int i);
char *col_dup(sqlite3_stmt *s, int i);
/* Steps a statement that returns no row. */
int store_exec_stmt(struct store *st, sqlite3_stmt *s, struct herr *err);

/* Small values kept in the meta table; *out is dflt (NULL for text) when
 * the key is absent. */
int store_meta_int(struct store *st, const char *key, int64_t dflt,
		   int64_t *out, struct herr *err);
int store_set_meta_int(struct store *st, const char *key, int64_t value,
		       struct herr *err);
int store_meta_text(struct store *st, const char *key, char **out,
		    struct herr *err);
int store_set_meta_text(struct store *st, const char *key, const char *value,
			struct herr *err);

/*
 * Texts listed under ids, read in one pass (store_place.c): every venue's
 * services, every network's members. A list of every venue looked each
 * one's up with a query of its own: 70M instructions for 10k venues, the
 * venues view's first look (make bench-tui).
 */
struct id_texts {
	struct id_text {
		int64_t id;
		char *text;
	} *v;
	size_t n, cap;
};
/* The rows (id, text) of s, which gives them by id, then in list order. */
int id_texts_read(struct store *st, sqlite3_stmt *s, struct id_texts *out,
		  struct herr *err);
/* Appends the texts listed under id to out, in their order. */
void id_texts_of(const struct id_texts *t, int64_t id, struct strv *out);
void id_texts_free(struct id_texts *t);
/* Every venue's services. */
int venue_services_all(struct store *st, struct id_texts *out,
		       struct herr *err);

/* Looks up a venue or organisation by name, creating it when create. */
int store_venue_id(struct store *st, const char *name, bool create,
		   int64_t *id, struct herr *err);
int store_org_id(struct store *st, const char *name, bool create, int64_t *id,
		 struct herr *err);

/* The occurrence index (store_index.c). */
/*
 * Rewrites the index rows of a saved series. se is the series as just
 * saved, its schedule prepared (NULL: read it back); fresh says it was just
 * inserted, so it has no rows to delete.
 */
int occ_index_series(struct store *st, int64_t series_id,
		     const struct series *se, bool fresh, struct herr *err);
int occ_unindex_series(struct store *st, int64_t series_id, struct herr *err);
/* How long the longest occurrence lasts, and the longest of those up to
 * OCC_SHORT: how far before a window occurrences under way may start. */
int occ_max_duration(struct store *st, int64_t *out, struct herr *err);
int occ_max_short(struct store *st, int64_t *out, struct herr *err);
/* Rebuilds the index from every series (after a change to how it works). */
int occ_index_reset(struct store *st, struct herr *err);
/* True when the stored index was built by this hearth's rules. */
bool occ_index_current(struct store *st);
/* Whether the index needs occ_index_catch_up: another hearth's, or series
 * written by another program are missing from it. */
int occ_index_behind(struct store *st, bool *behind, struct herr *err);
/* Rebuilds another hearth's index, or takes in the missing series. */
int occ_index_catch_up(struct store *st, struct herr *err);
/* The largest series id the index has taken in. */
int occ_indexed_to(struct store *st, int64_t *out, struct herr *err);
/* Writes what the index noted during the transaction (before COMMIT). */
int occ_index_flush(struct store *st, struct herr *err);
/* Inserts the index rows a bulk write keeps waiting, or forgets them. */
int occ_pending_flush(struct store *st, struct herr *err);
void occ_pending_drop(struct store *st);
/* [*from, *to): where rules without a pattern have their instances stored. */
void occ_horizon(struct store *st, int64_t *from, int64_t *to);
/* Forgets what the store cached about the index (another process wrote). */
void occ_forget(struct store *st);
/* Loads the schedule of a series row for expansion; a series gone is a
 * user's error (HE_USER: deleted by someone else), a damaged schedule an
 * internal one. */
int store_sched_load(struct store *st, int64_t series_id, struct sched *out,
		     struct herr *err);
/* The same with a say: a series gone is an error of class missing
 * (HE_INTERNAL when the id came from the file itself); a damaged schedule
 * is said in *damaged with HE_OK returned when damaged is not NULL. */
int store_sched_get(struct store *st, int64_t series_id, int missing,
		    struct sched *out, struct herr *damaged, struct herr *err);

/* Occurrences before details are looked up (store_keys.c). */
struct occ_key {
	int64_t start, end, series_id;
	int64_t rid;             /* original start, wall-clock seconds */
	bool cancelled, overridden;
};
struct occ_keys {
	struct occ_key *v;
	size_t n, cap;
};
/*
 * Appends the occurrences that start in [lo, hi) and end after `after`
 * (INT64_MIN: any), unsorted; when long_only, only those longer than
 * OCC_SHORT; when series_id, only that series'.
 */
int occ_keys_range(struct store *st, int64_t lo, int64_t hi, int64_t after,
		   bool long_only, int64_t series_id, struct occ_keys *out,
		   struct herr *err);
/* The same, each occurrence handed to fn as it is found (in no order). */
typedef void (*occ_key_fn)(void *ctx, const struct occ_key *k);
int occ_keys_each(struct store *st, int64_t lo, int64_t hi, int64_t after,
		  bool long_only, int64_t series_id, occ_key_fn fn, void *ctx,
		  struct herr *err);
/* Forgets the series the queries looked up (store_query.c). */
void occ_infos_drop(struct store *st);
/* Sorts keys by start, series, original start: the order of every list. */
void occ_keys_sort(struct occ_keys *k);
void occ_keys_free(struct occ_keys *k);

/* Reading rows of series (store_series.c), shared with store_ical.c. */
#define SCHED_COLUMNS \
	"tzid, all_day, dtstart, dtend, rrule, rdates, exdates, xrule, " \
	"reach_start, reach_end"
/* The columns of a series row, read by store_read_series (s = series,
 * v = its venue). */
#define SERIES_COLUMNS \
	"s.uid, s.kind, s.title, s.description, v.name, s.capacity," \
	" s.contact, s.status, s.created, s.updated, s.revision, s.alarms, " \
	SCHED_COLUMNS
/* How many columns SERIES_COLUMNS names. */
#define SERIES_NCOLUMNS 22
/* Reads SERIES_COLUMNS starting at column c into out. */
int store_read_series(sqlite3_stmt *s, int c, struct series *out);
/* Reads the SCHED_COLUMNS starting at column c. */
int store_read_sched(sqlite3_stmt *s, int c, struct sched *out);
/* Adds the segment in columns c.. (title, from_min, to_min, venue name,
 * note) to out; its partners come apart (store_read_segment_partner). */
void store_read_segment(sqlite3_stmt *s, int c, struct series *out);
/* Adds the partner in columns c.. (segment position, organisation name) to
 * that segment of out, read before. */
void store_read_segment_partner(sqlite3_stmt *s, int c, struct series *out);
/* Adds the override in columns c.. (rid, moved, dtstart, dtend, venue
 * name, cancelled, note) to out, unless its occurrence is gone. */
void store_read_override(sqlite3_stmt *s, int c, struct series *out);

#endif
