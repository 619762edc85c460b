/*
 * store_occ.c - the occurrence index and the queries on it.
 *
 * Table occ holds one row per occurrence (start, end, series, original
 * start) for the UTC calendar months listed in occ_month. A month is
 * materialised the first time a query needs it, by expanding only the
 * series whose reach (first start .. last end) touches it; a saved series
 * has its rows rewritten for every materialised month in the same
 * transaction. meta.occ_maxdur bounds how long any occurrence lasts, so a
 * window query knows how far back an overlapping occurrence may start.
 */
#include "store_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How far a single query may walk month by month before giving up. */
#define MAX_MONTHS_PER_QUERY 1200

static int64_t month_of(int64_t utc)
{
	struct civil c = civil_from_seconds(utc);
	return (int64_t)c.year * 12 + c.month - 1;
}

static int64_t month_start(int64_t month)
{
	int64_t y = month / 12, m = month % 12;

	if (m < 0) {
		m += 12;
		y--;
	}
	return civil_days((int)y, (int)m + 1, 1) * 86400;
}

static int64_t max_duration(struct store *st)
{
	if (st->max_duration < 0)
		st->max_duration = store_meta_int(st, "occ_maxdur", 0);
	return st->max_duration;
}

static int raise_max_duration(struct store *st, int64_t d, struct herr *err)
{
	if (d <= max_duration(st))
		return HE_OK;
	st->max_duration = d;
	return store_set_meta_int(st, "occ_maxdur", d, err);
}

/*
 * The longest occurrence of at most OCC_SHORT: how far before a window the
 * walk in start order must begin to meet everything under way at its start
 * (the longer ones come from occ_long). Community events last an hour or
 * three; walking back the full OCC_SHORT read hours of finished ones.
 */
static int64_t max_short(struct store *st)
{
	if (st->max_short < 0)
		st->max_short = store_meta_int(st, "occ_maxshort", OCC_SHORT);
	return st->max_short;
}

static int raise_max_short(struct store *st, int64_t d, struct herr *err)
{
	if (d <= max_short(st))
		return HE_OK;
	st->max_short = d;
	return store_set_meta_int(st, "occ_maxshort", d, err);
}

/* (series, original start) pairs that an override replaces. */
struct rid_set {
	struct rid_key {
		int64_t series_id, rid;
	} *v;
	size_t n, cap;
};

static int rid_cmp(const void *a, const void *b)
{
	const struct rid_key *x = a, *y = b;
	if (x->series_id != y->series_id)
		return (x->series_id > y->series_id) - (x->series_id < y->series_id);
	return (x->rid > y->rid) - (x->rid < y->rid);
}

static bool rid_set_has(const struct rid_set *set, int64_t series_id,
			int64_t rid)
{
	struct rid_key k = { series_id, rid };
	return set->n && bsearch(&k, set->v, set->n, sizeof k, rid_cmp);
}

/* Loads overridden occurrences (of one series, or all when 0) in [a, b). */
static int load_overridden(struct store *st, int64_t series_id, int64_t a,
			   int64_t b, struct rid_set *set, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT series_id, rid FROM override WHERE rid_utc >= ?1 AND"
		" rid_utc < ?2 AND (?3 = 0 OR series_id = ?3)", err);
	int rc;

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, a);
	sqlite3_bind_int64(s, 2, b);
	sqlite3_bind_int64(s, 3, series_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		set->v = xgrow(set->v, &set->cap, set->n + 1, sizeof *set->v);
		set->v[set->n].series_id = sqlite3_column_int64(s, 0);
		set->v[set->n++].rid = sqlite3_column_int64(s, 1);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_dberr(st, err);
	if (set->n)
		qsort(set->v, set->n, sizeof *set->v, rid_cmp);
	return HE_OK;
}

static int insert_instances(struct store *st, int64_t series_id,
			    const struct instances *in,
			    const struct rid_set *overridden, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st,
		"INSERT INTO occ (start_utc, end_utc, series_id, rid, cancelled,"
		" overridden) VALUES (?1, ?2, ?3, ?4, 0, 0)", err);

	if (!s)
		return HE_INTERNAL;
	for (size_t i = 0; i < in->n; i++) {
		int64_t rid = civil_to_seconds(&in->v[i].rid);
		int rc;
		if (rid_set_has(overridden, series_id, rid))
			continue;
		sqlite3_bind_int64(s, 1, in->v[i].start);
		sqlite3_bind_int64(s, 2, in->v[i].end);
		sqlite3_bind_int64(s, 3, series_id);
		sqlite3_bind_int64(s, 4, rid);
		if ((rc = store_exec_stmt(st, s, err)) != HE_OK)
			return rc;
	}
	return HE_OK;
}

/* Copies overrides whose (new) start lies in [a, b) into the index. */
static int insert_overrides(struct store *st, int64_t series_id, int64_t a,
			    int64_t b, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st,
		"INSERT INTO occ (start_utc, end_utc, series_id, rid, cancelled,"
		" overridden) SELECT start_utc, end_utc, series_id, rid,"
		" cancelled, 1 FROM override WHERE start_utc >= ?1 AND"
		" start_utc < ?2 AND (?3 = 0 OR series_id = ?3)", err);

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, a);
	sqlite3_bind_int64(s, 2, b);
	sqlite3_bind_int64(s, 3, series_id);
	return store_exec_stmt(st, s, err);
}

/* Expands one series over [a, b) into the index. */
static int index_span(struct store *st, int64_t series_id,
		      const struct sched *sc, int64_t a, int64_t b,
		      const struct rid_set *overridden, struct herr *err)
{
	struct instances in = { 0 };
	int rc = sched_expand(sc, a, b, 0, &in, err);

	if (rc == HE_OK)
		rc = insert_instances(st, series_id, &in, overridden, err);
	instances_free(&in);
	return rc;
}

/* Reads the schedule columns of a materialisation row. */
static bool row_sched(sqlite3_stmt *s, struct sched *sc)
{
	bool date_only;

	snprintf(sc->tzid, sizeof sc->tzid, "%s", col_text(s, 1));
	sc->all_day = sqlite3_column_int(s, 2) != 0;
	if (!civil_parse(col_text(s, 3), &sc->start, &date_only) ||
	    !civil_parse(col_text(s, 4), &sc->end, &date_only) ||
	    !civil_list_parse(col_text(s, 5), &sc->rdates) ||
	    !civil_list_parse(col_text(s, 6), &sc->exdates))
		return false;
	sc->xrule = col_dup(s, 7);
	sc->reach_start = sqlite3_column_int64(s, 8);
	sc->reach_end = sqlite3_column_int64(s, 9);
	return true;
}

/* Expands every series that reaches [a, b) into the index. */
static int index_reaching(struct store *st, int64_t a, int64_t b,
			  const struct rid_set *overridden, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT id, tzid, all_day, dtstart, dtend, rdates, exdates,"
		" xrule, reach_start, reach_end FROM series"
		" WHERE reach_end > ?1 AND reach_start < ?2", err);
	int step, rc = HE_OK;

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, a);
	sqlite3_bind_int64(s, 2, b);
	while (rc == HE_OK && (step = sqlite3_step(s)) == SQLITE_ROW) {
		struct sched sc;
		sched_init(&sc);
		/* A damaged row is left out; the rest still shows. */
		if (row_sched(s, &sc))
			rc = index_span(st, sqlite3_column_int64(s, 0), &sc, a, b,
					overridden, err);
		sched_free(&sc);
	}
	if (rc == HE_OK && step != SQLITE_DONE)
		rc = store_dberr(st, err);
	sqlite3_reset(s);
	return rc;
}

/*
 * Materialises the months [m1, m2], none of them indexed yet, in one pass:
 * each series that reaches them is expanded once over the whole span. With
 * libical's iterator (and the ICU calendar under it) setting up an
 * expansion costs about as much as two instances, and most series reach
 * every month; a 30-day window, which nearly always straddles two UTC
 * months, thus costs one set-up per series instead of two.
 */
static int materialise_months(struct store *st, int64_t m1, int64_t m2,
			      struct herr *err)
{
	int64_t a = month_start(m1), b = month_start(m2 + 1);
	struct rid_set overridden = { 0 };
	sqlite3_stmt *s;
	int rc;

	if ((rc = load_overridden(st, 0, a, b, &overridden, err)) == HE_OK &&
	    (rc = index_reaching(st, a, b, &overridden, err)) == HE_OK)
		rc = insert_overrides(st, 0, a, b, err);
	for (int64_t m = m1; m <= m2 && rc == HE_OK; m++) {
		s = store_stmt(st, "INSERT INTO occ_month (month) VALUES (?1)", err);
		if (!s) {
			rc = HE_INTERNAL;
			break;
		}
		sqlite3_bind_int64(s, 1, m);
		rc = store_exec_stmt(st, s, err);
	}
	free(overridden.v);
	return rc;
}

/* Counts materialised months in [m1, m2]. */
static int64_t months_present(struct store *st, int64_t m1, int64_t m2)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT count(*) FROM occ_month WHERE month BETWEEN ?1 AND ?2",
		NULL);
	int64_t n = -1;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, m1);
	sqlite3_bind_int64(s, 2, m2);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return n;
}

static bool month_present(struct store *st, int64_t m)
{
	return months_present(st, m, m) == 1;
}

/* Makes sure every month with an occurrence starting in [a, b) is indexed. */
static int ensure_months(struct store *st, int64_t a, int64_t b,
			 struct herr *err)
{
	int64_t m1 = month_of(a), m2 = month_of(b - 1);
	int rc;

	if (b <= a || months_present(st, m1, m2) == m2 - m1 + 1)
		return HE_OK;
	if ((rc = store_begin(st, err)) != HE_OK)
		return rc;
	/* Under the write lock, another process may have done some already. */
	for (int64_t m = m1; m <= m2 && rc == HE_OK; m++) {
		int64_t last = m;
		if (month_present(st, m))
			continue;
		while (last < m2 && !month_present(st, last + 1))
			last++;
		rc = materialise_months(st, m, last, err);
		m = last;
	}
	if (rc != HE_OK) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st, err);
}

/* The ordered runs of materialised months. */
static int load_months(struct store *st, int64_t **months, size_t *n,
		       struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT month FROM occ_month ORDER BY month", err);
	size_t cap = 0;
	int rc;

	*months = NULL;
	*n = 0;
	if (!s)
		return HE_INTERNAL;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*months = xgrow(*months, &cap, *n + 1, sizeof **months);
		(*months)[(*n)++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? HE_OK : store_dberr(st, err);
}

int occ_unindex_series(struct store *st, int64_t series_id, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "DELETE FROM occ WHERE series_id = ?1",
				     err);

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, series_id);
	return store_exec_stmt(st, s, err);
}

/* The longest occurrence the series can have, overrides included. */
static int series_max_duration(struct store *st, int64_t series_id,
			       const struct sched *sc, int64_t *out,
			       int64_t *short_out, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT max(end_utc - start_utc),"
		" max(CASE WHEN end_utc - start_utc <= ?2"
		"  THEN end_utc - start_utc END)"
		" FROM override WHERE series_id = ?1", err);

	if (!s)
		return HE_INTERNAL;
	/*
	 * Whole days, plus the hour an autumn change adds to an all-day
	 * occurrence (two for the odd zone that shifted by two).
	 */
	*out = sched_duration(sc) + (sc->all_day ? 2 * 3600 : 0);
	*short_out = *out <= OCC_SHORT ? *out : 0;
	sqlite3_bind_int64(s, 1, series_id);
	sqlite3_bind_int64(s, 2, OCC_SHORT);
	if (sqlite3_step(s) == SQLITE_ROW) {
		if (sqlite3_column_int64(s, 0) > *out)
			*out = sqlite3_column_int64(s, 0);
		if (sqlite3_column_int64(s, 1) > *short_out)
			*short_out = sqlite3_column_int64(s, 1);
	}
	sqlite3_reset(s);
	return HE_OK;
}

static int index_runs(struct store *st, int64_t series_id,
		      const struct sched *sc, const int64_t *months, size_t n,
		      struct herr *err)
{
	int rc = HE_OK;

	for (size_t i = 0; i < n && rc == HE_OK;) {
		size_t j = i;
		struct rid_set overridden = { 0 };
		int64_t a, b;
		while (j + 1 < n && months[j + 1] == months[j] + 1)
			j++;
		a = month_start(months[i]);
		b = month_start(months[j] + 1);
		rc = load_overridden(st, series_id, a, b, &overridden, err);
		if (rc == HE_OK)
			rc = index_span(st, series_id, sc, a, b, &overridden, err);
		if (rc == HE_OK)
			rc = insert_overrides(st, series_id, a, b, err);
		free(overridden.v);
		i = j + 1;
	}
	return rc;
}

int occ_index_series(struct store *st, int64_t series_id,
		     const struct sched *given, bool fresh, struct herr *err)
{
	struct sched loaded;
	const struct sched *sc = given ? given : &loaded;
	int64_t *months = NULL, longest, shortest;
	size_t n = 0;
	int rc = HE_OK;

	sched_init(&loaded);
	if ((!fresh && (rc = occ_unindex_series(st, series_id, err)) != HE_OK) ||
	    (!given && (rc = store_sched_load(st, series_id, &loaded, err))))
		goto out;
	if ((rc = series_max_duration(st, series_id, sc, &longest, &shortest,
				       err)) ||
	    (rc = raise_max_duration(st, longest, err)) ||
	    (rc = raise_max_short(st, shortest, err)) ||
	    (rc = load_months(st, &months, &n, err)))
		goto out;
	rc = index_runs(st, series_id, sc, months, n, err);
out:
	free(months);
	sched_free(&loaded);
	return rc;
}

int occ_index_reset(struct store *st, struct herr *err)
{
	static const char *const sql[] = {
		"DELETE FROM occ", "DELETE FROM occ_month",
		"DELETE FROM meta WHERE key = 'occ_maxdur'",
		"INSERT OR REPLACE INTO meta (key, value) VALUES ('occ_maxshort', 0)",
	};
	sqlite3_stmt *s;
	int rc;

	for (size_t i = 0; i < sizeof sql / sizeof *sql; i++) {
		if (!(s = store_stmt(st, sql[i], err)))
			return HE_INTERNAL;
		if ((rc = store_exec_stmt(st, s, err)) != HE_OK)
			return rc;
	}
	st->max_duration = st->max_short = -1;
	/* Re-derive the longest occurrences from every series. */
	if (!(s = store_stmt(st, "SELECT id FROM series", err)))
		return HE_INTERNAL;
	while (sqlite3_step(s) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0), longest, shortest;
		struct sched sc;
		sched_init(&sc);
		rc = store_sched_load(st, id, &sc, err);
		if (rc == HE_OK)
			rc = series_max_duration(st, id, &sc, &longest, &shortest,
						 err);
		if (rc == HE_OK)
			rc = raise_max_duration(st, longest, err);
		if (rc == HE_OK)
			rc = raise_max_short(st, shortest, err);
		sched_free(&sc);
		if (rc != HE_OK) {
			sqlite3_reset(s);
			return rc;
		}
	}
	sqlite3_reset(s);
	return HE_OK;
}

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

	while ((!want || out->n - first < want) &&
	       (rc = sqlite3_step(s)) == SQLITE_ROW) {
		out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
		read_occ(s, &out->v[out->n++]);
	}
	if (want && out->n - first >= want)
		rc = SQLITE_DONE;
	sqlite3_reset(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_dberr(st, err);
	return HE_OK;
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

	if ((rc = ensure_months(st, lo, hi, err)) != HE_OK)
		return rc;
	if (!(s = store_stmt(st, occ_sql[walk], err)))
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, lo);
	sqlite3_bind_int64(s, 2, hi);
	sqlite3_bind_int64(s, 3, from);
	bind_filter(s, f);
	if ((rc = read_chunk(st, s, want, out, err)) != HE_OK)
		return rc;
	order_chunk(out->v + first, out->n - first, walk);
	return HE_OK;
}

int store_prepare_month(struct store *st, int64_t at, struct herr *err)
{
	int64_t m = month_of(at);

	if (months_present(st, m, m) == 1)
		return 0;
	return ensure_months(st, month_start(m), month_start(m + 1), err) == HE_OK
		? 1 : -1;
}

static int count_starts(struct store *st, int64_t a, int64_t b, size_t *n,
			struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT count(*) FROM occ WHERE start_utc >= ?1 AND start_utc < ?2",
		err);

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, a);
	sqlite3_bind_int64(s, 2, b);
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_reset(s);
		return store_dberr(st, err);
	}
	*n = (size_t)sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return HE_OK;
}

static void truncate_list(struct occ_list *l, size_t keep_from, size_t n,
			  bool keep_last);

int store_day_samples(struct store *st, const int64_t *bounds, int ndays,
		      size_t per_day, struct occ_list *out, size_t *counts,
		      struct herr *err)
{
	static const struct occ_filter everything = {
		.statuses = 7, .with_cancelled = true, .starting = true,
	};
	int rc = ensure_months(st, bounds[0], bounds[ndays], err);

	/* A count and a few rows a day: a busy day never loads in full. */
	for (int i = 0; rc == HE_OK && i < ndays; i++) {
		size_t first = out->n;
		rc = query_chunk(st, bounds[i], bounds[i + 1], INT64_MIN,
				 &everything, per_day, WALK_FORWARD, out, err);
		if (rc == HE_OK)
			rc = count_starts(st, bounds[i], bounds[i + 1], &counts[i],
					  err);
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
 * those alone; the walk in start order then begins OCC_SHORT before from.
 * The long ones all start earlier, so the two lists join in order.
 */
int store_occurrences(struct store *st, int64_t from, int64_t to,
		      const struct occ_filter *f, size_t limit,
		      struct occ_list *out, struct herr *err)
{
	size_t first = out->n;
	bool starting = f && f->starting;
	int64_t longest = starting ? 0 : max_duration(st);
	int64_t back = starting ? 0 : max_short(st);
	int64_t lo = from - (longest < back ? longest : back);
	int64_t overlap = starting ? INT64_MIN : from;
	int rc = HE_OK;

	if (to <= from)
		return HE_OK;
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
		int64_t hi = month_start(month_of(i == 0 ? from : lo) + 1);
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
		int64_t lo = month_start(month_of(hi - 1));
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

	if ((rc = ensure_months(st, now, horizon, err)) != HE_OK)
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
	while (sqlite3_step(s) == SQLITE_ROW) {
		struct series_row **hit;
		key.id = sqlite3_column_int64(s, 0);
		hit = rows->n ? bsearch(&kp, by_id, rows->n, sizeof *by_id,
					row_by_id) : NULL;
		if (hit)
			(*hit)->next_start = sqlite3_column_int64(s, 1);
	}
	sqlite3_reset(s);
	free(by_id);
	return HE_OK;
}

/* The next uncancelled occurrence after now of a series the index missed. */
static int64_t next_by_expansion(struct store *st, int64_t id, int64_t now)
{
	struct sched sc;
	struct occ_list l = { 0 };
	struct occ_filter f = { .statuses = 7 };
	int64_t next = 0, from = now;

	sched_init(&sc);
	if (store_sched_load(st, id, &sc, NULL) != HE_OK)
		return 0;
	/* Jump to the series' own next instance, then ask the index there. */
	for (int tries = 0; tries < 16 && !next; tries++) {
		struct instances in = { 0 };
		if (sched_expand(&sc, from, SCHED_FOREVER - 1, 1, &in, NULL) != HE_OK ||
		    in.n == 0) {
			instances_free(&in);
			break;
		}
		from = in.v[0].start;
		instances_free(&in);
		if (store_occurrences(st, from, from + 1, &f, 0, &l, NULL) == HE_OK)
			for (size_t i = 0; i < l.n && !next; i++)
				if (l.v[i].series_id == id && !l.v[i].cancelled &&
				    l.v[i].start >= now)
					next = l.v[i].start;
		occ_list_free(&l);
		from++;
	}
	sched_free(&sc);
	return next;
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
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct series_row *r;
		out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
		r = &out->v[out->n++];
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
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_dberr(st, err);
	if ((rc = next_from_index(st, now, horizon, out, err)) != HE_OK)
		return rc;
	for (size_t i = 0; i < out->n; i++)
		if (!out->v[i].next_start && out->v[i].last_end > horizon)
			out->v[i].next_start = next_by_expansion(st, out->v[i].id,
								 horizon);
	return HE_OK;
}
