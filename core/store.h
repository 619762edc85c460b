/*
 * store.h - the SQLite database: series, venues, organisations, and the
 * occurrence query.
 *
 * One file holds everything; several hearth processes may use it at once.
 * Every write is one BEGIN IMMEDIATE transaction, so a read-modify-write by
 * one process never interleaves with another's, and a crash or a dropped
 * connection leaves either all of a change or none of it. The schema is
 * created and upgraded by numbered migrations recorded in PRAGMA
 * user_version; a file from a newer hearth is refused.
 *
 * Occurrences are kept in an index that storage maintains itself, rewritten
 * for a series in the same transaction that changes it (store_index.c):
 * each repeating series as the pattern its rule repeats every period, kept
 * in phase order, and the occurrences outside any pattern one by one. A
 * query reads rows for its window only, never expands a rule with libical
 * inside the stored horizon, and never writes; the first screenful of a
 * calendar of any size reads about as many rows as it shows.
 *
 * All functions return HE_OK or an error code with a message in err.
 */
#ifndef HEARTH_STORE_H
#define HEARTH_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "series.h"
#include "util.h"

struct store;

enum store_open_mode {
	STORE_EXISTING,  /* the file must exist */
	STORE_CREATE,    /* create the file (and its directory) if missing */
	STORE_READONLY,  /* the file must exist and is only read */
};

/* The schema version this hearth writes. */
#define STORE_SCHEMA_VERSION 14

int store_open(struct store **out, const char *path, enum store_open_mode mode,
	       struct herr *err);
void store_close(struct store **st);
/*
 * True when this connection may only read: the user may not write the file
 * or its directory. Changes are then refused, naming the groups that may
 * make them.
 */
bool store_readonly(const struct store *st);
const char *store_path(const struct store *st);
/* $XDG_DATA_HOME/hearth/hearth.db or ~/.local/share/hearth/hearth.db. */
char *store_default_path(void);
/*
 * The calendar's own zone: where its events happen, the zone new events
 * take and, unless the user configured another, the zone times are shown
 * in. *name is NULL for a calendar made before calendars had one (caller
 * frees). Setting it (a change, logged) moves no event: each keeps its own.
 */
int store_zone(struct store *st, char **name, struct herr *err);
int store_set_zone(struct store *st, const char *name, struct herr *err);
/* Changes whenever another connection commits (PRAGMA data_version). */
int64_t store_data_version(struct store *st);
/*
 * Whether listings keep in memory the index's patterns they read whole (a
 * few megabytes at 100k series), until the index changes: the full-screen
 * interface, which asks again and again, sets it; a command that lists
 * once does not need the memory.
 */
void store_keep_patterns(struct store *st, bool keep);
/*
 * Reads at most max more of those patterns (a few milliseconds' worth for
 * 4096) ahead of need, for the interface to call while no key waits: *done
 * when they are all in memory (or not kept).
 */
int store_preload_patterns(struct store *st, size_t max, bool *done,
			   struct herr *err);
/*
 * Reads all of those patterns at once on a connection and a thread of
 * their own (the machine's other core), while the interface draws its
 * first screen and answers its first keys; listings take them over when
 * nothing was committed since. With patterns kept only; false when the
 * thread did not start (they are then read here, as above).
 */
bool store_preload_start(struct store *st);
/* True when the database holds no series. */
bool store_is_empty(struct store *st);

/* Tunes the connection for one long bulk write (on) or for queries (off). */
void store_bulk(struct store *st, bool on);

/*
 * A read transaction: the queries inside see one state of the file (no
 * other process's commit half way) and share one lock, where each took and
 * dropped its own. Nothing is written. Inside a write transaction, or
 * another read, it does nothing; calls nest.
 */
int store_read_begin(struct store *st, struct herr *err);
void store_read_end(struct store *st);

/*
 * Groups several changes into one transaction; calls nest, and only the
 * outermost commit writes. Reads inside see a stable database.
 */
int store_begin(struct store *st, struct herr *err);
int store_commit(struct store *st, struct herr *err);
void store_rollback(struct store *st);
/*
 * Calls fn(ctx) after every outermost commit that succeeded, outside the
 * transaction (fn NULL: no more calls). Publishing uses it to bring feeds
 * up to date after each change (see publish.h).
 */
void store_on_commit(struct store *st, void (*fn)(void *ctx), void *ctx);

/*
 * Finds a series by its UID or an unambiguous prefix of it; a prefix that
 * matches several is an error listing them.
 */
int store_series_find(struct store *st, const char *id, int64_t *series_id,
		      struct herr *err);
/* As store_series_find, but only an exact UID; HE_USER when absent. */
int store_series_by_uid(struct store *st, const char *uid, int64_t *series_id,
			struct herr *err);
int store_series_load(struct store *st, int64_t series_id, struct series *out,
		      struct herr *err);
/*
 * Saves s. A new series (id 0) gets an id, a UID when it has none, its
 * creation time and revision 1. An existing one must still be at the
 * revision it was loaded with (else someone else changed it meanwhile, and
 * nothing is written); its revision grows by one. Venues and organisations
 * named but unknown are created. Overrides of occurrences the schedule no
 * longer has are dropped.
 */
int store_series_save(struct store *st, struct series *s, struct herr *err);
int store_series_delete(struct store *st, int64_t series_id, struct herr *err);

/*
 * Verifies the database at path (hearth check): SQLite's integrity check,
 * the schema, references to missing rows, schedules that cannot be
 * expanded, and the occurrence index against a fresh expansion of a sample
 * of its months. Writes nothing unless repair, which rebuilds the index of
 * a file SQLite finds sound. Returns HE_OK when the check ran (what it
 * found is in r); an error when it could not run.
 */
struct check_report {
	struct strv problems;    /* what is wrong, one sentence each */
	struct strv notes;       /* what was done or could not be */
	bool integrity_ok;
	int schema;              /* 0 when the schema was not read */
	size_t series, months;   /* how many were checked */
	bool repaired;
};
int store_check(const char *path, bool repair, struct check_report *r,
		struct herr *err);
void check_report_free(struct check_report *r);

/* A series in a list, with its next occurrence. */
struct series_row {
	int64_t id;
	char *uid, *kind, *title, *venue;
	enum status status;
	bool all_day;
	char tzid[TZ_NAME_MAX + 1];
	int64_t next_start;     /* 0 when it has no occurrence after "now" */
	int64_t first_start, last_end; /* reach; last_end SCHED_FOREVER */
	bool recurring;
};
struct series_rows {
	struct series_row *v;
	size_t n, cap;
};

/* occ_filter.statuses: series of any status (tentative, confirmed and
 * cancelled), and what 0 stands for (tentative and confirmed). */
#define OCC_ALL_STATUSES ((1u << STATUS_TENTATIVE) | (1u << STATUS_CONFIRMED) | \
			  (1u << STATUS_CANCELLED))
#define OCC_LIVE_STATUSES ((1u << STATUS_TENTATIVE) | (1u << STATUS_CONFIRMED))

/* What a query keeps: every field set narrows it; NULL/0 means any. */
struct occ_filter {
	const char *kind;        /* exact kind key */
	const char *venue;       /* part of the venue's name */
	const char *org;         /* part of an organisation's name */
	const char *text;        /* part of title, description, venue or note */
	unsigned statuses;       /* bits (1 << status); 0: OCC_LIVE_STATUSES */
	bool with_cancelled;     /* keep cancelled occurrences too */
	int64_t series_id;       /* only this series (occurrence queries) */
	bool starting;           /* only occurrences that start in the window,
				    not those already under way at its start */
};

/* Every series matching f (kind, venue, org, text, statuses), by title. */
int store_series_list(struct store *st, const struct occ_filter *f,
		      int64_t now, struct series_rows *out, struct herr *err);
/*
 * Rows [offset, offset + limit) of the series f matches in one of these
 * orders (ties by title), each with its next occurrence; *total (may be
 * NULL) gets how many match. By title or kind a page is read through an
 * index, whatever the size of the calendar; by next occurrence or venue
 * the whole list is read and sorted.
 */
enum series_order { SERIES_BY_TITLE, SERIES_BY_NEXT, SERIES_BY_KIND,
		    SERIES_BY_VENUE };
int store_series_page(struct store *st, const struct occ_filter *f,
		      enum series_order order, int64_t now, size_t offset,
		      size_t limit, struct series_rows *out, size_t *total,
		      struct herr *err);
void series_rows_free(struct series_rows *rows);

/* One occurrence, ready to show. */
struct occ {
	int64_t series_id;
	char *uid, *kind, *title, *venue, *description, *note;
	int64_t start, end;      /* instants */
	struct civil rid;        /* original start, wall-clock in tzid */
	bool all_day;
	char tzid[TZ_NAME_MAX + 1];
	enum status status;      /* the series' status */
	bool cancelled;          /* this occurrence is cancelled */
	bool overridden;         /* this occurrence was changed */
	int revision;
};
struct occ_list {
	struct occ *v;
	size_t n, cap;
};

/*
 * Appends the occurrences that overlap [from, to), sorted by start, then by
 * series (in the order they were created), with overrides and exceptions
 * applied; at most limit when limit > 0 (the earliest ones).
 */
int store_occurrences(struct store *st, int64_t from, int64_t to,
		      const struct occ_filter *f, size_t limit,
		      struct occ_list *out, struct herr *err);
/*
 * Appends up to limit occurrences that start before `before` and not before
 * `floor`, the latest ones, in ascending order (for scrolling back in time).
 */
int store_occurrences_before(struct store *st, int64_t before, int64_t floor,
			     const struct occ_filter *f, size_t limit,
			     struct occ_list *out, struct herr *err);
/*
 * Calls fn for each occurrence store_occurrences would append, in the same
 * order, without keeping them: the occurrence and its strings are valid
 * during the call only. A non-zero return from fn stops the walk and is
 * returned. Memory stays small however long the window.
 */
typedef int (*store_occ_fn)(void *ctx, const struct occ *o, struct herr *err);
int store_occurrences_each(struct store *st, int64_t from, int64_t to,
			   const struct occ_filter *f, size_t limit,
			   store_occ_fn fn, void *ctx, struct herr *err);

/*
 * Rules without a repeating pattern (monthly, yearly, ...) have their
 * occurrences stored for `years` around `now` (0: the clock, 0 years: one
 * year); windows outside are expanded in memory. Set once after opening.
 */
void store_set_horizon(struct store *st, int64_t now, int years);

/*
 * For calendars that show days: for each day i of [bounds[i],
 * bounds[i + 1]) (ndays of them, bounds has ndays + 1 instants), appends
 * the first per_day occurrences that start in it and sets counts[i] to how
 * many start in it in all. Only series of kind when kind is not NULL;
 * otherwise unfiltered: every status and cancelled occurrences are
 * included, as month and week views show them.
 */
int store_day_samples(struct store *st, const int64_t *bounds, int ndays,
		      const char *kind, size_t per_day, struct occ_list *out,
		      size_t *counts, struct herr *err);
/*
 * The same without the texts: each occurrence has its series, instants,
 * original start, cancelled and overridden, and NULL texts, for a view
 * that looks up only those it draws (store_occ_details). A month of 100k
 * series keeps 2,016 samples to rank them; a cell shows two.
 */
int store_day_keys(struct store *st, const int64_t *bounds, int ndays,
		   const char *kind, size_t per_day, struct occ_list *out,
		   size_t *counts, struct herr *err);
/* Fills the texts (and series fields) of those of v[0 .. n) that have
 * none yet: as store_day_samples gives them. */
int store_occ_details(struct store *st, struct occ *const *v, size_t n,
		      struct herr *err);
void occ_list_free(struct occ_list *l);

/*
 * A series that queries leave out because its schedule cannot be expanded
 * (stored by an older hearth or another program; hearth itself refuses to
 * store one): the rest of the calendar still shows, and a listing names
 * each such series once (hearth check names them all).
 */
struct skipped {
	char *uid, *title, *reason;
};
struct skipped_list {
	struct skipped *v;
	size_t n, cap;
};
/* Appends the series left out of [from, to), once each. */
int store_skipped(struct store *st, int64_t from, int64_t to,
		  struct skipped_list *out, struct herr *err);
void skipped_list_free(struct skipped_list *l);
void occ_free(struct occ *o);
/* A deep copy of src (free it with occ_free). */
void occ_copy(struct occ *dst, const struct occ *src);

/* Venues and organisations, by name. */
int store_venue_list(struct store *st, struct venue **out, size_t *n,
		     struct herr *err);
int store_venue_get(struct store *st, const char *name, struct venue *out,
		    struct herr *err);
/*
 * Creates v, or updates the venue called old_name (which v may rename). An
 * update with v->revision set (as store_venue_get read it) is refused when
 * the stored venue has changed since; its revision grows by one.
 */
int store_venue_put(struct store *st, const char *old_name,
		    const struct venue *v, struct herr *err);
/* Refuses while any event uses the venue, naming them, and when revision
 * is not 0 and the stored venue is at another. */
int store_venue_delete(struct store *st, const char *name, int revision,
		       struct herr *err);
void venue_list_free(struct venue *v, size_t n);

int store_org_list(struct store *st, struct org **out, size_t *n,
		   struct herr *err);
int store_org_get(struct store *st, const char *name, struct org *out,
		  struct herr *err);
/* As store_venue_put and store_venue_delete, for organisations. */
int store_org_put(struct store *st, const char *old_name, const struct org *o,
		  struct herr *err);
int store_org_delete(struct store *st, const char *name, int revision,
		     struct herr *err);
void org_list_free(struct org *o, size_t n);

/*
 * iCalendar exchange (store_ical.c).
 *
 * What an event read from a calendar file carries beyond hearth's model,
 * kept with the series so that exporting it gives it back: whether its
 * times were floating (read in the series' zone, written without one),
 * and the properties and VALARM reminders hearth does not interpret, as
 * iCalendar text (folded CRLF lines). Editing the series keeps it;
 * deleting the series deletes it.
 */
struct series_ical {
	bool floating;
	char *extra;             /* NULL when there is nothing */
};
void series_ical_free(struct series_ical *x);

/*
 * Saves s as an import does: its UID, creation time, last change and
 * revision (at least 1) are kept as they are rather than set, a series
 * with the same UID is replaced whatever its revision, and x (may be NULL)
 * is stored with it. Everything else as store_series_save.
 */
int store_series_import(struct store *st, struct series *s,
			const struct series_ical *x, struct herr *err);
/* The row, revision and last change of the series with this UID; HE_USER
 * (with a message) when there is none. */
int store_series_version(struct store *st, const char *uid, int64_t *id,
			 int *revision, int64_t *updated, struct herr *err);
int store_series_ical_get(struct store *st, int64_t series_id,
			  struct series_ical *out, struct herr *err);

/* Which series an export takes: every field set narrows it. */
struct series_query {
	const char *kind;        /* exact kind key */
	const char *venue;       /* part of the venue's name */
	const char *org;         /* part of an organisation's name */
	int64_t from, to;        /* reach overlaps [from, to); to 0 = any */
	const struct strv *uids; /* these UIDs only (NULL or empty = any) */
	bool exact;              /* venue and org are whole names; a venue
				    also takes series with an occurrence
				    moved there, an organisation those it
				    runs a segment of (a feed's events) */
};

/* Receives one series; a non-zero return stops the walk with that code. */
typedef int (*store_series_fn)(void *ctx, const struct series *s,
			       const struct series_ical *x, struct herr *err);
/*
 * Calls fn for every series q matches, fully loaded, in the order they were
 * created, but for those the occurrence index found it cannot expand
 * (store_skipped). One series is in memory at a time (the rows are read by merging
 * ordered scans, not one query per series), so that exporting 100,000
 * series costs neither 500,000 queries nor memory in proportion.
 */
int store_series_each(struct store *st, const struct series_query *q,
		      store_series_fn fn, void *ctx, struct herr *err);

/* A zone the series q matches use, with the instants they reach. */
struct zone_span {
	char tzid[TZ_NAME_MAX + 1];
	int64_t first, last;     /* earliest start; latest end or start */
	bool forever;            /* some series never ends */
};
/* The zones of the series q matches (floating series excluded), by name. */
int store_series_zones(struct store *st, const struct series_query *q,
		       struct zone_span **out, size_t *n, struct herr *err);

#endif
