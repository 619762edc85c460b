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
 * Occurrences are kept in an index that storage maintains itself: the
 * occurrences of every series, materialised one calendar month (UTC) at a
 * time when a query first needs that month, and rewritten for a series in
 * the same transaction that changes it. A query therefore reads rows in
 * start order instead of expanding every series; materialising a month
 * costs in proportion to the series that can reach it.
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
};

/* The schema version this hearth writes. */
#define STORE_SCHEMA_VERSION 2

int store_open(struct store **out, const char *path, enum store_open_mode mode,
	       struct herr *err);
void store_close(struct store **st);
const char *store_path(const struct store *st);
/* $XDG_DATA_HOME/hearth/hearth.db or ~/.local/share/hearth/hearth.db. */
char *store_default_path(void);
/* Changes whenever another connection commits (PRAGMA data_version). */
int64_t store_data_version(struct store *st);
/* True when the database holds no series. */
bool store_is_empty(struct store *st);

/*
 * Groups several changes into one transaction; calls nest, and only the
 * outermost commit writes. Reads inside see a stable database.
 */
int store_begin(struct store *st, struct herr *err);
int store_commit(struct store *st, struct herr *err);
void store_rollback(struct store *st);

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

/* What a query keeps: every field set narrows it; NULL/0 means any. */
struct occ_filter {
	const char *kind;        /* exact kind key */
	const char *venue;       /* part of the venue's name */
	const char *org;         /* part of an organisation's name */
	const char *text;        /* part of title, description, venue or note */
	unsigned statuses;       /* bit (1 << status); 0 = tentative|confirmed */
	bool with_cancelled;     /* keep cancelled occurrences too */
	int64_t series_id;       /* only this series (occurrence queries) */
	bool starting;           /* only occurrences that start in the window,
				    not those already under way at its start */
};

/* Every series matching f (kind, venue, org, text, statuses), by title. */
int store_series_list(struct store *st, const struct occ_filter *f,
		      int64_t now, struct series_rows *out, struct herr *err);
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
 * Appends the occurrences that overlap [from, to), sorted by start (then
 * title), with overrides and exceptions applied; at most limit when
 * limit > 0 (the earliest ones).
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
void occ_list_free(struct occ_list *l);
void occ_free(struct occ *o);
/* A deep copy of src (free it with occ_free). */
void occ_copy(struct occ *dst, const struct occ *src);

/* Venues and organisations, by name. */
int store_venue_list(struct store *st, struct venue **out, size_t *n,
		     struct herr *err);
int store_venue_get(struct store *st, const char *name, struct venue *out,
		    struct herr *err);
/* Creates v, or updates the venue called old_name (which v may rename). */
int store_venue_put(struct store *st, const char *old_name,
		    const struct venue *v, struct herr *err);
/* Refuses while any event uses the venue, naming them. */
int store_venue_delete(struct store *st, const char *name, struct herr *err);
void venue_list_free(struct venue *v, size_t n);

int store_org_list(struct store *st, struct org **out, size_t *n,
		   struct herr *err);
int store_org_get(struct store *st, const char *name, struct org *out,
		  struct herr *err);
int store_org_put(struct store *st, const char *old_name, const struct org *o,
		  struct herr *err);
int store_org_delete(struct store *st, const char *name, struct herr *err);
void org_list_free(struct org *o, size_t n);

#endif
