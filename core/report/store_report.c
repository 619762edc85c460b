/* store_report.c - the rows a report sums, read in the order they are kept. */
#include "../store_int.h"

#include <stdlib.h>

#include "report_int.h"

/* Steps s to its end, handing each row to row(); checks every step. */
static int each_row(struct store *st, sqlite3_stmt *s,
		    void (*row)(sqlite3_stmt *, void *), void *ctx,
		    struct herr *err)
{
	int rc;

	while (store_next(st, s, &rc, err))
		row(s, ctx);
	return rc;
}

/* A host of a series: the first organisation with that role, as shown. */
struct host {
	int64_t series_id, pos, org_id;
};

static int cmp_host(const void *a, const void *b)
{
	const struct host *x = a, *y = b;

	if (x->series_id != y->series_id)
		return (x->series_id > y->series_id) - (x->series_id < y->series_id);
	return (x->pos > y->pos) - (x->pos < y->pos);
}

/* Every host row, by series and position. */
static int read_hosts(struct store *st, struct host **out, size_t *n,
		      struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT series_id, pos, org_id"
				     " FROM series_org WHERE role = 'host'", err);
	size_t cap = 0;
	bool sorted = true;
	int rc;

	*out = NULL;
	*n = 0;
	if (!s)
		return HE_INTERNAL;
	while (store_next(st, s, &rc, err)) {
		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		(*out)[(*n)++] = (struct host){ sqlite3_column_int64(s, 0),
						sqlite3_column_int64(s, 1),
						sqlite3_column_int64(s, 2) };
		if (*n > 1 && cmp_host(&(*out)[*n - 2], &(*out)[*n - 1]) > 0)
			sorted = false;
	}
	/* Rows come as they were added: mostly in order already. */
	if (!sorted)
		qsort(*out, *n, sizeof **out, cmp_host);
	return rc;
}

/*
 * Every series with its host, merged in id order from two passes: the
 * host asked of series_org for each series (a subquery, three seeks) was
 * 640M of the 1G instructions of the report view's first look at 100k
 * series (callgrind, make bench-tui).
 */
int store_report_series(struct store *st, rep_series_fn fn, void *ctx,
			struct herr *err)
{
	sqlite3_stmt *s;
	struct host *hosts;
	size_t n_hosts, h = 0;
	int rc;

	if ((rc = store_read_begin(st, err)) != HE_OK)
		return rc;
	if ((rc = read_hosts(st, &hosts, &n_hosts, err)) != HE_OK ||
	    !(s = store_stmt(st, "SELECT id, kind, COALESCE(venue_id, 0),"
			     " status = 'cancelled' FROM series ORDER BY id",
			     err))) {
		free(hosts);
		store_read_end(st);
		return rc != HE_OK ? rc : HE_INTERNAL;
	}
	while (store_next(st, s, &rc, err)) {
		int64_t id = sqlite3_column_int64(s, 0), host = 0;
		while (h < n_hosts && hosts[h].series_id < id)
			h++;
		if (h < n_hosts && hosts[h].series_id == id)
			host = hosts[h].org_id;
		fn(ctx, id, col_text(s, 1), sqlite3_column_int64(s, 2), host,
		   sqlite3_column_int(s, 3) != 0);
	}
	free(hosts);
	store_read_end(st);
	return rc;
}

struct name_ctx {
	rep_name_fn fn;
	void *ctx;
};

static void name_row(sqlite3_stmt *s, void *p)
{
	struct name_ctx *c = p;

	c->fn(c->ctx, sqlite3_column_int64(s, 0), col_text(s, 1));
}

int store_report_venues(struct store *st, rep_name_fn fn, void *ctx,
			struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT id, name FROM venue"
				     " ORDER BY id", err);
	struct name_ctx c = { fn, ctx };

	if (!s)
		return HE_INTERNAL;
	return each_row(st, s, name_row, &c, err);
}

int store_report_orgs(struct store *st, rep_name_fn fn, void *ctx,
		      struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT id, name FROM org ORDER BY id",
				     err);
	struct name_ctx c = { fn, ctx };

	if (!s)
		return HE_INTERNAL;
	return each_row(st, s, name_row, &c, err);
}

struct id_ctx {
	rep_id_fn fn;
	void *ctx;
};

static void id_row(sqlite3_stmt *s, void *p)
{
	struct id_ctx *c = p;

	c->fn(c->ctx, sqlite3_column_int64(s, 0));
}

int store_report_org_series(struct store *st, const char *needle,
			    rep_id_fn fn, void *ctx, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT DISTINCT so.series_id FROM series_org so JOIN org g"
		" ON g.id = so.org_id WHERE instr(g.name, ?1) > 0"
		" ORDER BY so.series_id", err);
	struct id_ctx c = { fn, ctx };

	if (!s)
		return HE_INTERNAL;
	bind_text(s, 1, needle);
	return each_row(st, s, id_row, &c, err);
}

struct moved_ctx {
	rep_moved_fn fn;
	void *ctx;
};

static void moved_row(sqlite3_stmt *s, void *p)
{
	struct moved_ctx *c = p;

	c->fn(c->ctx, sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1),
	      sqlite3_column_int64(s, 2));
}

int store_report_moved(struct store *st, rep_moved_fn fn, void *ctx,
		       struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT series_id, rid, venue_id FROM override"
		" WHERE venue_id IS NOT NULL ORDER BY series_id, rid", err);
	struct moved_ctx c = { fn, ctx };

	if (!s)
		return HE_INTERNAL;
	return each_row(st, s, moved_row, &c, err);
}

int store_report_index(struct store *st, int64_t from, int64_t to,
		       struct herr *err)
{
	/* The occurrence index has nothing to write before a read: rules
	 * are placed from their patterns or expanded as they are read. */
	(void)st, (void)from, (void)to, (void)err;
	return HE_OK;
}

/* The span read at a time: its occurrences are held and sorted. */
#define REPORT_STEP (14 * 86400LL)

/*
 * Reads the occurrence index as store_query.c does, without looking up
 * any series: a fortnight at a time, sorted by start, series and original
 * start.
 */
int store_report_occurrences(struct store *st, int64_t from, int64_t to,
			     bool with_rid, rep_occ_fn fn, void *ctx,
			     struct herr *err)
{
	struct occ_keys keys = { 0 };
	int rc;

	if (to <= from)
		return HE_OK;
	if ((rc = store_read_begin(st, err)) != HE_OK)
		return rc;
	for (int64_t lo = from; rc == HE_OK && lo < to;) {
		int64_t hi = to - lo > REPORT_STEP ? lo + REPORT_STEP : to;
		keys.n = 0;
		rc = occ_keys_range(st, lo, hi, INT64_MIN, false, 0, &keys, err);
		occ_keys_sort(&keys);
		for (size_t i = 0; rc == HE_OK && i < keys.n; i++) {
			const struct occ_key *k = &keys.v[i];
			fn(ctx, k->start, k->series_id, with_rid ? k->rid : 0,
			   k->cancelled);
		}
		lo = hi;
	}
	free(keys.v);
	store_read_end(st);
	return rc;
}

struct tally_ctx {
	rep_tally_fn fn;
	void *ctx;
};

static void tally_row(sqlite3_stmt *s, void *p)
{
	struct tally_ctx *c = p;

	const char *category = col_text(s, 3);

	c->fn(c->ctx, sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1),
	      sqlite3_column_int64(s, 2), category,
	      (size_t)sqlite3_column_bytes(s, 3), sqlite3_column_int64(s, 4));
}

/* tally_start holds every column: the table itself is not read. */
static const char tally_sql[] =
	"SELECT start_utc, series_id, rid, category, value"
	" FROM tally INDEXED BY tally_start"
	" WHERE start_utc >= ?1 AND start_utc < ?2";
/* Without rid, a column fewer to read on every row. */
static const char tally_sql_norid[] =
	"SELECT start_utc, series_id, 0, category, value"
	" FROM tally INDEXED BY tally_start"
	" WHERE start_utc >= ?1 AND start_utc < ?2";

int store_report_tallies(struct store *st, int64_t from, int64_t to,
			 bool with_rid, rep_tally_fn fn, void *ctx,
			 struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, with_rid ? tally_sql : tally_sql_norid,
				     err);
	struct tally_ctx c = { fn, ctx };

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, from);
	sqlite3_bind_int64(s, 2, to);
	return each_row(st, s, tally_row, &c, err);
}

struct sum_ctx {
	rep_sum_fn fn;
	void *ctx;
};

static void sum_row(sqlite3_stmt *s, void *p)
{
	struct sum_ctx *c = p;

	c->fn(c->ctx, sqlite3_column_int64(s, 0), col_text(s, 1),
	      (size_t)sqlite3_column_bytes(s, 1), sqlite3_column_int64(s, 2),
	      sqlite3_column_int64(s, 3));
}

int store_report_tally_sums(struct store *st, int64_t from, int64_t to,
			    rep_sum_fn fn, void *ctx, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT start_utc, category, total, n FROM tally_sum"
		" WHERE start_utc >= ?1 AND start_utc < ?2", err);
	struct sum_ctx c = { fn, ctx };

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, from);
	sqlite3_bind_int64(s, 2, to);
	return each_row(st, s, sum_row, &c, err);
}

int store_report_tallies_apart(const struct store *st, int64_t from,
			       int64_t to, bool with_rid, rep_tally_fn fn,
			       void *ctx)
{
	struct tally_ctx c = { fn, ctx };
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	int rc;

	rc = sqlite3_open_v2(st->path, &db, SQLITE_OPEN_READONLY |
			     SQLITE_OPEN_NOMUTEX, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_busy_timeout(db, 15000);
		rc = sqlite3_prepare_v2(db, with_rid ? tally_sql : tally_sql_norid,
					-1, &s, NULL);
	}
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(s, 1, from);
		sqlite3_bind_int64(s, 2, to);
		while ((rc = sqlite3_step(s)) == SQLITE_ROW)
			tally_row(s, &c);
	}
	sqlite3_finalize(s);
	sqlite3_close(db);
	return rc == SQLITE_DONE ? HE_OK : HE_INTERNAL;
}
struct topic_ctx {
	rep_topic_fn fn;
	void *ctx;
};

static void topic_row(sqlite3_stmt *s, void *p)
{
	struct topic_ctx *c = p;

	c->fn(c->ctx, col_text(s, 0), col_text(s, 1),
	      (long)sqlite3_column_int64(s, 2));
}

int store_report_suggestions(struct store *st, const struct report_query *q,
			     const struct civil *first,
			     const struct civil *last, rep_topic_fn fn,
			     void *ctx, struct herr *err)
{
	/* A filter on the venue also takes the venue of the event linked. */
	sqlite3_stmt *s = store_stmt(st,
		"SELECT g.topic, g.status, count(*) FROM suggestion g"
		" LEFT JOIN series s ON s.id = g.series_id"
		" LEFT JOIN venue v ON v.id = g.venue_id"
		" LEFT JOIN venue sv ON sv.id = s.venue_id"
		" WHERE g.received >= ?1 AND g.received <= ?2"
		" AND (?3 IS NULL OR s.kind = ?3)"
		" AND (?4 IS NULL OR instr(v.name, ?4) > 0"
		"  OR instr(sv.name, ?4) > 0)"
		" AND (?5 IS NULL OR EXISTS (SELECT 1 FROM series_org so"
		"  JOIN org o ON o.id = so.org_id WHERE so.series_id = g.series_id"
		"  AND instr(o.name, ?5) > 0))"
		" GROUP BY g.topic, g.status", err);
	struct topic_ctx c = { fn, ctx };
	char a[CIVIL_BUFSZ], b[CIVIL_BUFSZ];

	if (!s)
		return HE_INTERNAL;
	bind_text(s, 1, civil_format(first, true, a));
	bind_text(s, 2, civil_format(last, true, b));
	bind_text(s, 3, str_empty(q->kind) ? NULL : q->kind);
	bind_text(s, 4, str_empty(q->venue) ? NULL : q->venue);
	bind_text(s, 5, str_empty(q->org) ? NULL : q->org);
	return each_row(st, s, topic_row, &c, err);
}
