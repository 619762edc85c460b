/*
 * report_int.h - what report.c reads from the database (store_report.c)
 * and what the writers share; not part of the interface.
 *
 * The database hands over raw rows through callbacks, in the order it
 * keeps them, and report.c sums them in memory: a year at 100,000 series
 * is a million occurrences and as many tallies, which SQLite reads in
 * start order far faster than it joins and groups them.
 */
#ifndef HEARTH_REPORT_INT_H
#define HEARTH_REPORT_INT_H

#include "report.h"

/* Every series: its row, kind, venue, host organisation (0: none). */
typedef void (*rep_series_fn)(void *ctx, int64_t id, const char *kind,
			      int64_t venue_id, int64_t host_id,
			      bool cancelled);
int store_report_series(struct store *st, rep_series_fn fn, void *ctx,
			struct herr *err);
/* Every venue or organisation, by row. */
typedef void (*rep_name_fn)(void *ctx, int64_t id, const char *name);
int store_report_venues(struct store *st, rep_name_fn fn, void *ctx,
			struct herr *err);
int store_report_orgs(struct store *st, rep_name_fn fn, void *ctx,
		      struct herr *err);
/* The series with an organisation whose name holds needle. */
typedef void (*rep_id_fn)(void *ctx, int64_t id);
int store_report_org_series(struct store *st, const char *needle,
			    rep_id_fn fn, void *ctx, struct herr *err);
/* Occurrences moved to another venue. */
typedef void (*rep_moved_fn)(void *ctx, int64_t series_id, int64_t rid,
			     int64_t venue_id);
int store_report_moved(struct store *st, rep_moved_fn fn, void *ctx,
		       struct herr *err);
/* Readies the occurrence index for [from, to) (nothing to do today). */
int store_report_index(struct store *st, int64_t from, int64_t to,
		       struct herr *err);
/* Every occurrence that starts in [from, to), in start order, from the
 * index; rid is 0 unless with_rid. */
typedef void (*rep_occ_fn)(void *ctx, int64_t start, int64_t series_id,
			   int64_t rid, bool cancelled);
int store_report_occurrences(struct store *st, int64_t from, int64_t to,
			     bool with_rid, rep_occ_fn fn, void *ctx,
			     struct herr *err);
/* Every tally of an occurrence that started in [from, to), by start. */
typedef void (*rep_tally_fn)(void *ctx, int64_t start, int64_t series_id,
			     int64_t rid, const char *category, size_t len,
			     int64_t value);
int store_report_tallies(struct store *st, int64_t from, int64_t to,
			 bool with_rid, rep_tally_fn fn, void *ctx,
			 struct herr *err);
/*
 * The tallies of occurrences that started in [from, to) summed by start and
 * category (tally_sum, kept by triggers on tally): total of the values, n
 * tallies. Enough for a report with no filter that groups by period only.
 */
typedef void (*rep_sum_fn)(void *ctx, int64_t start, const char *category,
			   size_t len, int64_t total, int64_t n);
int store_report_tally_sums(struct store *st, int64_t from, int64_t to,
			    rep_sum_fn fn, void *ctx, struct herr *err);
/*
 * The same through a read-only connection of its own to st's file, so
 * that it may run in another thread while st is in use; HE_INTERNAL
 * without a message when it fails (read them again on st to learn why).
 */
int store_report_tallies_apart(const struct store *st, int64_t from,
			       int64_t to, bool with_rid, rep_tally_fn fn,
			       void *ctx);
/* Suggestions received on the days first..last, counted by topic and
 * status, narrowed by q's filters. */
typedef void (*rep_topic_fn)(void *ctx, const char *topic,
			     const char *status, long n);
int store_report_suggestions(struct store *st, const struct report_query *q,
			     const struct civil *first,
			     const struct civil *last, rep_topic_fn fn,
			     void *ctx, struct herr *err);

/* Whether the upcoming column is shown (something is upcoming). */
bool report_has_upcoming(const struct report *r);

#endif
