/*
 * store_query.c - reading occurrences from the index: windows, screenfuls
 * forwards and backwards, samples of days, and series with their next
 * occurrence. Months are materialised on the way (store_index.c).
 */
#include "store_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

/* How far a single query may walk month by month before giving up. */
#define MAX_MONTHS_PER_QUERY 1200
/* ---- queries ---- */

void occ_free(struct occ *o)
{
	free(o->uid);
	free(o->kind);
	free(o->title);
	free(o->venue);
	free(o->description);
	free(o->note);
	memset(o, 0, sizeof *o);
}

void occ_copy(struct occ *dst, const struct occ *src)
{
	*dst = *src;
	dst->uid = xstrdup0(src->uid);
	dst->kind = xstrdup0(src->kind);
	dst->title = xstrdup0(src->title);
	dst->venue = xstrdup0(src->venue);
	dst->description = xstrdup0(src->description);
	dst->note = xstrdup0(src->note);
}

void occ_list_free(struct occ_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		occ_free(&l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

#define OCC_SELECT \
	"SELECT o.start_utc, o.end_utc, o.rid, o.cancelled, o.overridden," \
	" s.id, s.uid, s.kind, s.title, s.description, s.status, s.all_day," \
	" s.tzid, s.revision, COALESCE(ovv.name, v.name), ov.note" \
	" FROM occ o JOIN series s ON s.id = o.series_id" \
	" LEFT JOIN override ov ON o.overridden AND ov.series_id = o.series_id" \
	"  AND ov.rid = o.rid" \
	" LEFT JOIN venue v ON v.id = s.venue_id" \
	" LEFT JOIN venue ovv ON ovv.id = ov.venue_id" \
	" WHERE o.start_utc >= ?1 AND o.start_utc < ?2 AND o.end_utc > ?3" \
	" AND (?4 IS NULL OR s.kind = ?4)" \
	" AND (?5 IS NULL OR instr(COALESCE(ovv.name, v.name), ?5) > 0)" \
	" AND (?6 IS NULL OR EXISTS (SELECT 1 FROM series_org so JOIN org g" \
	"  ON g.id = so.org_id WHERE so.series_id = s.id" \
	"  AND instr(g.name, ?6) > 0))" \
	" AND (?7 IS NULL OR instr(lower(s.title), ?7) > 0" \
	"  OR instr(lower(COALESCE(s.description, '')), ?7) > 0" \
	"  OR instr(lower(COALESCE(ovv.name, v.name, '')), ?7) > 0" \
	"  OR instr(lower(COALESCE(ov.note, '')), ?7) > 0)" \
	" AND (CASE s.status WHEN 'tentative' THEN 1 WHEN 'confirmed' THEN 2" \
	"  ELSE 4 END) & ?8" \
	" AND (?9 OR NOT o.cancelled)" \
	" AND (?10 = 0 OR s.id = ?10)"

#define STR_(x) #x
#define STR(x) STR_(x)

/* How a chunk is walked: forwards, backwards, or long occurrences only. */
enum walk { WALK_FORWARD, WALK_BACKWARD, WALK_LONG };

/*
 * Occurrences at the same moment come in the order their series were
 * created: the index's own order, so that a limit cuts where it stops
 * reading (ordering by title made a screenful read every tie, and the byte
 * order of Chinese titles means nothing to a reader anyway).
 */
static const char occ_sql_asc[] = OCC_SELECT
	" ORDER BY o.start_utc, o.series_id, o.rid";
static const char occ_sql_desc[] = OCC_SELECT
	" ORDER BY o.start_utc DESC, o.series_id DESC, o.rid DESC";
/* The term matches the partial index occ_long, which SQLite then uses. */
/*
 * Ordered by start alone: asking for the series too made SQLite walk the
 * primary key over days of rows to avoid a sort, instead of the few rows of
 * the partial index; the few it returns are put in order in C.
 */
static const char occ_sql_long[] = OCC_SELECT
	" AND o.end_utc - o.start_utc > " STR(OCC_SHORT)
	" ORDER BY o.start_utc";
static const char *const occ_sql[] = {
	[WALK_FORWARD] = occ_sql_asc, [WALK_BACKWARD] = occ_sql_desc,
	[WALK_LONG] = occ_sql_long,
};

static void bind_filter(sqlite3_stmt *s, const struct occ_filter *f)
{
	static const struct occ_filter none;
	unsigned statuses;

	if (!f)
		f = &none;
	statuses = f->statuses ? f->statuses
			       : (1u << STATUS_TENTATIVE) | (1u << STATUS_CONFIRMED);
	bind_text(s, 4, str_empty(f->kind) ? NULL : f->kind);
	bind_text(s, 5, str_empty(f->venue) ? NULL : f->venue);
	bind_text(s, 6, str_empty(f->org) ? NULL : f->org);
	if (!str_empty(f->text)) {
		/* SQLite's lower() folds ASCII only: fold the needle the same way. */
		char *needle = xstrdup(f->text);
		for (char *p = needle; *p; p++)
			if ((unsigned char)*p < 0x80)
				*p = (char)tolower((unsigned char)*p);
		bind_text(s, 7, needle);
		free(needle);
	}
	sqlite3_bind_int(s, 8, (int)statuses);
	sqlite3_bind_int(s, 9, f->with_cancelled);
	sqlite3_bind_int64(s, 10, f->series_id);
}

static void read_occ(sqlite3_stmt *s, struct occ *o)
{
	memset(o, 0, sizeof *o);
	o->start = sqlite3_column_int64(s, 0);
	o->end = sqlite3_column_int64(s, 1);
	o->rid = civil_from_seconds(sqlite3_column_int64(s, 2));
	o->cancelled = sqlite3_column_int(s, 3) != 0;
	o->overridden = sqlite3_column_int(s, 4) != 0;
	o->series_id = sqlite3_column_int64(s, 5);
	o->uid = col_dup(s, 6);
	o->kind = col_dup(s, 7);
	o->title = col_dup(s, 8);
	o->description = col_dup(s, 9);
	status_parse(col_text(s, 10), &o->status);
	o->all_day = sqlite3_column_int(s, 11) != 0;
	snprintf(o->tzid, sizeof o->tzid, "%s", col_text(s, 12));
	o->revision = sqlite3_column_int(s, 13);
	o->venue = col_dup(s, 14);
	o->note = col_dup(s, 15);
}

/*
 * Reads rows of one chunk into out, at most want when want > 0: the query
 * returns them in order already (backward: reversed).
 */
static int read_chunk(struct store *st, sqlite3_stmt *s, size_t want,
		      struct occ_list *out, struct herr *err)
{
	size_t first = out->n;
	int rc;

	while (store_next(st, s, &rc, err)) {
		out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
		read_occ(s, &out->v[out->n++]);
		if (want && out->n - first >= want) {
			sqlite3_reset(s);
			break;
		}
	}
	return rc;
}

static int occ_order(const void *a, const void *b)
{
	const struct occ *x = a, *y = b;

	if (x->start != y->start)
		return (x->start > y->start) - (x->start < y->start);
	if (x->series_id != y->series_id)
		return (x->series_id > y->series_id) - (x->series_id < y->series_id);
	return civil_cmp(&x->rid, &y->rid);
}

/* Puts a chunk in ascending order: reversed when read backward, sorted
 * when it came from occ_long (by start alone). */
static void order_chunk(struct occ *v, size_t n, enum walk walk)
{
	for (size_t i = 0; walk == WALK_BACKWARD && i < n / 2; i++) {
		struct occ t = v[i];
		v[i] = v[n - 1 - i];
		v[n - 1 - i] = t;
	}
	if (walk == WALK_LONG && n > 1)
		qsort(v, n, sizeof *v, occ_order);
}

/* Queries starts in [lo, hi) that end after from; appends sorted. */
static int query_chunk(struct store *st, int64_t lo, int64_t hi, int64_t from,
		       const struct occ_filter *f, size_t want, enum walk walk,
		       struct occ_list *out, struct herr *err)
{
	sqlite3_stmt *s;
	size_t first = out->n;
	int rc;

	if ((rc = occ_ensure_months(st, lo, hi, err)) != HE_OK)
		return rc;
	if (!(s = store_stmt(st, occ_sql[walk], err)))
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, lo);
	sqlite3_bind_int64(s, 2, hi);
	sqlite3_bind_int64(s, 3, from);
	bind_filter(s, f);
	if ((rc = read_chunk(st, s, want, out, err)) != HE_OK)
		return rc;
	if (out->n > first) /* out->v may still be NULL: no NULL + 0 */
		order_chunk(out->v + first, out->n - first, walk);
	return HE_OK;
}

static int count_starts(struct store *st, int64_t a, int64_t b,
			const char *kind, size_t *n, struct herr *err)
{
	/* The join only when a kind asks for it: the plain count reads the
	 * index alone. */
	sqlite3_stmt *s = store_stmt(st, kind
		? "SELECT count(*) FROM occ JOIN series s ON s.id = occ.series_id"
		  " WHERE start_utc >= ?1 AND start_utc < ?2 AND s.kind = ?3"
		: "SELECT count(*) FROM occ WHERE start_utc >= ?1 AND start_utc < ?2",
		err);
	bool found;
	int rc;

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, a);
	sqlite3_bind_int64(s, 2, b);
	if (kind)
		sqlite3_bind_text(s, 3, kind, -1, SQLITE_TRANSIENT);
	if ((rc = store_row(st, s, &found, err)) != HE_OK || !found)
		return rc != HE_OK ? rc : herr_set(err, HE_INTERNAL,
				_("database %s: a count gave no answer"), st->path);
	*n = (size_t)sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return HE_OK;
}

static void truncate_list(struct occ_list *l, size_t keep_from, size_t n,
			  bool keep_last);

int store_day_samples(struct store *st, const int64_t *bounds, int ndays,
		      const char *kind, size_t per_day, struct occ_list *out,
		      size_t *counts, struct herr *err)
{
	const struct occ_filter everything = {
		.kind = kind, .statuses = 7, .with_cancelled = true,
		.starting = true,
	};
	int rc = occ_ensure_months(st, bounds[0], bounds[ndays], err);

	/* A count and a few rows a day: a busy day never loads in full. */
	for (int i = 0; rc == HE_OK && i < ndays; i++) {
		size_t first = out->n;
		rc = query_chunk(st, bounds[i], bounds[i + 1], INT64_MIN,
				 &everything, per_day, WALK_FORWARD, out, err);
		if (rc == HE_OK)
			rc = count_starts(st, bounds[i], bounds[i + 1], kind,
					  &counts[i], err);
		truncate_list(out, first, per_day, false);
	}
	return rc;
}

static void truncate_list(struct occ_list *l, size_t keep_from, size_t n,
			  bool keep_last)
{
	size_t have = l->n - keep_from;

	if (have <= n)
		return;
	if (keep_last) {
		size_t drop = have - n;
		for (size_t i = 0; i < drop; i++)
			occ_free(&l->v[keep_from + i]);
		memmove(&l->v[keep_from], &l->v[keep_from + drop],
			n * sizeof *l->v);
	} else {
		for (size_t i = keep_from + n; i < l->n; i++)
			occ_free(&l->v[i]);
	}
	l->n = keep_from + n;
}

/*
 * Occurrences that overlap from must have begun at most the longest
 * duration before it, which one all-day event of three days makes three
 * days: at 100k series the first screenful walked ten thousand rows before
 * its first (make bench). Only occurrences longer than OCC_SHORT can start
 * more than OCC_SHORT before from, and the partial index occ_long finds
 * those alone; the walk in start order then begins as long before from as
 * the longest short occurrence lasts (occ_max_short). The long ones all
 * start earlier, so the two lists join in order.
 */
int store_occurrences(struct store *st, int64_t from, int64_t to,
		      const struct occ_filter *f, size_t limit,
		      struct occ_list *out, struct herr *err)
{
	size_t first = out->n;
	bool starting = f && f->starting;
	int64_t longest = 0, back = 0, lo;
	int64_t overlap = starting ? INT64_MIN : from;
	int rc = HE_OK;

	if (to <= from)
		return HE_OK;
	if (!starting && ((rc = occ_max_duration(st, &longest, err)) != HE_OK ||
			  (rc = occ_max_short(st, &back, err)) != HE_OK))
		return rc;
	lo = from - (longest < back ? longest : back);
	if (longest > OCC_SHORT &&
	    (rc = query_chunk(st, from - longest, lo, from, f, 0, WALK_LONG,
			      out, err)) != HE_OK)
		return rc;
	if (!limit)
		return query_chunk(st, lo, to, overlap, f, 0, WALK_FORWARD, out,
				   err);
	/* Month by month, so a screenful never materialises more than it needs. */
	for (int i = 0; i < MAX_MONTHS_PER_QUERY && lo < to &&
			out->n - first < limit; i++) {
		int64_t hi = occ_month_start(occ_month_of(i == 0 ? from : lo) + 1);
		if (hi > to)
			hi = to;
		rc = query_chunk(st, lo, hi, overlap, f, limit - (out->n - first),
				 WALK_FORWARD, out, err);
		if (rc != HE_OK)
			break;
		lo = hi;
	}
	truncate_list(out, first, limit, false);
	return rc;
}

int store_occurrences_before(struct store *st, int64_t before, int64_t floor,
			     const struct occ_filter *f, size_t limit,
			     struct occ_list *out, struct herr *err)
{
	struct occ_list got = { 0 };
	int64_t hi = before;
	int rc = HE_OK;

	for (int i = 0; i < MAX_MONTHS_PER_QUERY && hi > floor; i++) {
		int64_t lo = occ_month_start(occ_month_of(hi - 1));
		struct occ_list chunk = { 0 };
		if (lo < floor)
			lo = floor;
		rc = query_chunk(st, lo, hi, INT64_MIN, f,
				 limit ? limit - got.n : 0, WALK_BACKWARD, &chunk,
				 err);
		/* Chunks arrive newest first; keep the list ascending. */
		for (size_t j = 0; j < got.n; j++) {
			chunk.v = xgrow(chunk.v, &chunk.cap, chunk.n + 1,
					sizeof *chunk.v);
			chunk.v[chunk.n++] = got.v[j];
		}
		free(got.v);
		got = chunk;
		if (rc != HE_OK || (limit && got.n >= limit))
			break;
		hi = lo;
	}
	if (limit)
		truncate_list(&got, 0, limit, true);
	for (size_t i = 0; i < got.n; i++) {
		out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
		out->v[out->n++] = got.v[i];
	}
	free(got.v);
	return rc;
}

/* ---- series lists ---- */

void series_rows_free(struct series_rows *rows)
{
	for (size_t i = 0; i < rows->n; i++) {
		free(rows->v[i].uid);
		free(rows->v[i].kind);
		free(rows->v[i].title);
		free(rows->v[i].venue);
	}
	free(rows->v);
	rows->v = NULL;
	rows->n = rows->cap = 0;
}

/* Parameters 4 to 9 as bind_filter sets them; 1 to 3 are not used. */
static const char series_list_sql[] =
	"SELECT s.id, s.uid, s.kind, s.title, v.name, s.status, s.all_day,"
	" s.tzid, s.reach_start, s.reach_end, s.xrule IS NOT NULL OR"
	" s.rdates IS NOT NULL"
	" FROM series s LEFT JOIN venue v ON v.id = s.venue_id"
	" WHERE (?4 IS NULL OR s.kind = ?4)"
	" AND (?5 IS NULL OR instr(v.name, ?5) > 0)"
	" AND (?6 IS NULL OR EXISTS (SELECT 1 FROM series_org so JOIN org g"
	"  ON g.id = so.org_id WHERE so.series_id = s.id"
	"  AND instr(g.name, ?6) > 0))"
	" AND (?7 IS NULL OR instr(lower(s.title), ?7) > 0"
	"  OR instr(lower(COALESCE(s.description, '')), ?7) > 0"
	"  OR instr(lower(COALESCE(v.name, '')), ?7) > 0)"
	" AND (CASE s.status WHEN 'tentative' THEN 1 WHEN 'confirmed' THEN 2"
	"  ELSE 4 END) & ?8 AND (?9 OR 1) AND (?10 = 0 OR s.id = ?10)"
	" ORDER BY s.title, s.uid";

/*
 * The next start of every series within the coming weeks, read from the
 * index in one pass: sets next_start of the matching rows (sorted by id).
 */
static int row_by_id(const void *a, const void *b)
{
	const struct series_row *x = *(struct series_row *const *)a;
	const struct series_row *y = *(struct series_row *const *)b;
	return (x->id > y->id) - (x->id < y->id);
}

static int next_from_index(struct store *st, int64_t now, int64_t horizon,
			   struct series_rows *rows, struct herr *err)
{
	struct series_row **by_id, key, *kp = &key;
	sqlite3_stmt *s;
	int rc;

	if ((rc = occ_ensure_months(st, now, horizon, err)) != HE_OK)
		return rc;
	if (!(s = store_stmt(st,
		"SELECT series_id, min(start_utc) FROM occ WHERE start_utc >= ?1"
		" AND start_utc < ?2 AND NOT cancelled GROUP BY series_id", err)))
		return HE_INTERNAL;
	by_id = xcalloc(rows->n, sizeof *by_id);
	for (size_t i = 0; i < rows->n; i++)
		by_id[i] = &rows->v[i];
	qsort(by_id, rows->n, sizeof *by_id, row_by_id);
	sqlite3_bind_int64(s, 1, now);
	sqlite3_bind_int64(s, 2, horizon);
	while (store_next(st, s, &rc, err)) {
		struct series_row **hit;
		key.id = sqlite3_column_int64(s, 0);
		hit = rows->n ? bsearch(&kp, by_id, rows->n, sizeof *by_id,
					row_by_id) : NULL;
		if (hit)
			(*hit)->next_start = sqlite3_column_int64(s, 1);
	}
	free(by_id);
	return rc;
}

/*
 * The next uncancelled occurrence after now of a series the index missed
 * (*next 0 when there is none). A schedule that cannot be expanded has no
 * next occurrence to show; a database error is an error.
 */
static int next_by_expansion(struct store *st, int64_t id, int64_t now,
			     int64_t *next, struct herr *err)
{
	struct sched sc;
	struct occ_filter f = { .statuses = 7 };
	int64_t from = now;
	int rc;

	*next = 0;
	sched_init(&sc);
	if ((rc = store_sched_load(st, id, &sc, err)) != HE_OK) {
		sched_free(&sc);
		return rc;
	}
	/* Jump to the series' own next instance, then ask the index there. */
	for (int tries = 0; tries < 16 && !*next && rc == HE_OK; tries++) {
		struct instances in = { 0 };
		struct occ_list l = { 0 };
		if (sched_expand(&sc, from, SCHED_FOREVER - 1, 1, &in, NULL) != HE_OK ||
		    in.n == 0) {
			instances_free(&in);
			break;
		}
		from = in.v[0].start;
		instances_free(&in);
		rc = store_occurrences(st, from, from + 1, &f, 0, &l, err);
		for (size_t i = 0; rc == HE_OK && i < l.n && !*next; i++)
			if (l.v[i].series_id == id && !l.v[i].cancelled &&
			    l.v[i].start >= now)
				*next = l.v[i].start;
		occ_list_free(&l);
		from++;
	}
	sched_free(&sc);
	return rc;
}

static void read_series_row(sqlite3_stmt *s, struct series_row *r)
{
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(s, 0);
	r->uid = col_dup(s, 1);
	r->kind = col_dup(s, 2);
	r->title = col_dup(s, 3);
	r->venue = col_dup(s, 4);
	status_parse(col_text(s, 5), &r->status);
	r->all_day = sqlite3_column_int(s, 6) != 0;
	snprintf(r->tzid, sizeof r->tzid, "%s", col_text(s, 7));
	r->first_start = sqlite3_column_int64(s, 8);
	r->last_end = sqlite3_column_int64(s, 9);
	r->recurring = sqlite3_column_int(s, 10) != 0;
}

int store_series_list(struct store *st, const struct occ_filter *f,
		      int64_t now, struct series_rows *out, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, series_list_sql, err);
	const int64_t horizon = now + 62 * 86400;
	int rc;

	if (!s)
		return HE_INTERNAL;
	bind_filter(s, f);
	while (store_next(st, s, &rc, err)) {
		out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
		read_series_row(s, &out->v[out->n++]);
	}
	if (rc != HE_OK ||
	    (rc = next_from_index(st, now, horizon, out, err)) != HE_OK)
		return rc;
	for (size_t i = 0; rc == HE_OK && i < out->n; i++)
		if (!out->v[i].next_start && out->v[i].last_end > horizon)
			rc = next_by_expansion(st, out->v[i].id, horizon,
					       &out->v[i].next_start, err);
	return rc;
}

/* ---- series left out ---- */

void skipped_list_free(struct skipped_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].uid);
		free(l->v[i].title);
		free(l->v[i].reason);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

int store_skipped(struct store *st, int64_t from, int64_t to,
		  struct skipped_list *out, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT s.uid, s.title, min(k.reason) FROM occ_skipped k"
		" JOIN series s ON s.id = k.series_id"
		" WHERE k.month BETWEEN ?1 AND ?2 GROUP BY s.id ORDER BY s.id",
		err);
	int rc;

	if (!s)
		return HE_INTERNAL;
	if (to <= from)
		return HE_OK;
	sqlite3_bind_int64(s, 1, occ_month_of(from));
	sqlite3_bind_int64(s, 2, occ_month_of(to - 1));
	while (store_next(st, s, &rc, err)) {
		struct skipped *k;
		out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
		k = &out->v[out->n++];
		k->uid = col_dup(s, 0);
		k->title = col_dup(s, 1);
		k->reason = col_dup(s, 2);
	}
	return rc;
}
