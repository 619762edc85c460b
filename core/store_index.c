/*
 * store_index.c - the occurrence index: materialising months, keeping
 * series in step.
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

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

int64_t occ_month_of(int64_t utc)
{
	struct civil c = civil_from_seconds(utc);
	return (int64_t)c.year * 12 + c.month - 1;
}

int64_t occ_month_start(int64_t month)
{
	int64_t y = month / 12, m = month % 12;

	if (m < 0) {
		m += 12;
		y--;
	}
	return civil_days((int)y, (int)m + 1, 1) * 86400;
}

int occ_max_duration(struct store *st, int64_t *out, struct herr *err)
{
	int rc;

	if (st->max_duration < 0 &&
	    (rc = store_meta_int(st, "occ_maxdur", 0, &st->max_duration,
				 err)) != HE_OK) {
		st->max_duration = -1;
		return rc;
	}
	*out = st->max_duration;
	return HE_OK;
}

static int raise_max_duration(struct store *st, int64_t d, struct herr *err)
{
	int64_t max;
	int rc;

	if ((rc = occ_max_duration(st, &max, err)) != HE_OK || d <= max)
		return rc;
	st->max_duration = d;
	return store_set_meta_int(st, "occ_maxdur", d, err);
}

/*
 * The longest occurrence of at most OCC_SHORT: how far before a window the
 * walk in start order must begin to meet everything under way at its start
 * (the longer ones come from occ_long). Community events last an hour or
 * three; walking back the full OCC_SHORT read hours of finished ones.
 */
int occ_max_short(struct store *st, int64_t *out, struct herr *err)
{
	int rc;

	if (st->max_short < 0 &&
	    (rc = store_meta_int(st, "occ_maxshort", OCC_SHORT, &st->max_short,
				 err)) != HE_OK) {
		st->max_short = -1;
		return rc;
	}
	*out = st->max_short;
	return HE_OK;
}

static int raise_max_short(struct store *st, int64_t d, struct herr *err)
{
	int64_t max;
	int rc;

	if ((rc = occ_max_short(st, &max, err)) != HE_OK || d <= max)
		return rc;
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

/* Index rows waiting to be inserted together, in the index's order. */
struct occ_rows {
	struct occ_row {
		int64_t start, end, series_id, rid;
	} *v;
	size_t n, cap;
};

static void collect(struct occ_rows *rows, int64_t series_id,
		    const struct instances *in, const struct rid_set *overridden)
{
	for (size_t i = 0; i < in->n; i++) {
		int64_t rid = civil_to_seconds(&in->v[i].rid);
		if (rid_set_has(overridden, series_id, rid))
			continue;
		rows->v = xgrow(rows->v, &rows->cap, rows->n + 1, sizeof *rows->v);
		rows->v[rows->n++] = (struct occ_row){ in->v[i].start, in->v[i].end,
						       series_id, rid };
	}
}

static int row_order(const void *a, const void *b)
{
	const struct occ_row *x = a, *y = b;

	if (x->start != y->start)
		return (x->start > y->start) - (x->start < y->start);
	if (x->series_id != y->series_id)
		return (x->series_id > y->series_id) - (x->series_id < y->series_id);
	return (x->rid > y->rid) - (x->rid < y->rid);
}

/*
 * Inserts rows sorted in the order of occ's primary key: appending to the
 * b-tree instead of landing all over it, a month at 100k series (300k
 * rows) went in markedly faster.
 */
static int insert_rows(struct store *st, struct occ_rows *rows,
		       struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st,
		"INSERT INTO occ (start_utc, end_utc, series_id, rid, cancelled,"
		" overridden) VALUES (?1, ?2, ?3, ?4, 0, 0)", err);

	if (!s)
		return HE_INTERNAL;
	if (rows->n > 1)
		qsort(rows->v, rows->n, sizeof *rows->v, row_order);
	for (size_t i = 0; i < rows->n; i++) {
		int rc;
		sqlite3_bind_int64(s, 1, rows->v[i].start);
		sqlite3_bind_int64(s, 2, rows->v[i].end);
		sqlite3_bind_int64(s, 3, rows->v[i].series_id);
		sqlite3_bind_int64(s, 4, rows->v[i].rid);
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

/* Expands one series over [a, b) into rows. */
static int index_span(int64_t series_id, const struct sched *sc, int64_t a,
		      int64_t b, const struct rid_set *overridden,
		      struct occ_rows *rows, struct herr *err)
{
	struct instances in = { 0 };
	int rc = sched_expand(sc, a, b, 0, &in, err);

	if (rc == HE_OK)
		collect(rows, series_id, &in, overridden);
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

/*
 * Records that series id is left out of the months of [a, b) it reaches
 * (reach_start .. reach_end), and why: listings of those months warn.
 */
static int skip_series(struct store *st, int64_t id, int64_t reach_start,
		       int64_t reach_end, int64_t a, int64_t b,
		       const char *why, struct herr *err)
{
	int64_t m1 = occ_month_of(reach_start > a ? reach_start : a);
	int64_t m2 = occ_month_of((reach_end < b ? reach_end : b) - 1);
	int rc = HE_OK;

	for (int64_t m = m1; m <= m2 && rc == HE_OK; m++) {
		sqlite3_stmt *s = store_stmt(st,
			"INSERT OR REPLACE INTO occ_skipped (series_id, month,"
			" reason) VALUES (?1, ?2, ?3)", err);
		if (!s)
			return HE_INTERNAL;
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, m);
		bind_text(s, 3, why);
		rc = store_exec_stmt(st, s, err);
	}
	return rc;
}

/* Expands every series that reaches [a, b) into the index; one that cannot
 * be expanded is left out and recorded (skip_series), the rest still shows. */
static int index_reaching(struct store *st, int64_t a, int64_t b,
			  const struct rid_set *overridden, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT id, tzid, all_day, dtstart, dtend, rdates, exdates,"
		" xrule, reach_start, reach_end FROM series"
		" WHERE reach_end > ?1 AND reach_start < ?2", err);
	struct occ_rows rows = { 0 };
	int step, rc = HE_OK;

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, a);
	sqlite3_bind_int64(s, 2, b);
	while (rc == HE_OK && (step = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);
		struct herr why = { 0 };
		struct sched sc;
		sched_init(&sc);
		if (!row_sched(s, &sc))
			herr_set(&why, HE_INTERNAL, "%s",
				 _("its schedule is damaged"));
		else if (index_span(id, &sc, a, b, overridden, &rows, &why) == HE_OK)
			why.code = HE_OK;
		if (why.code != HE_OK)
			rc = skip_series(st, id, sqlite3_column_int64(s, 8),
					 sqlite3_column_int64(s, 9), a, b, why.msg,
					 err);
		sched_free(&sc);
	}
	if (rc == HE_OK && step != SQLITE_DONE)
		rc = store_dberr(st, err);
	sqlite3_reset(s);
	if (rc == HE_OK)
		rc = insert_rows(st, &rows, err);
	free(rows.v);
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
	int64_t a = occ_month_start(m1), b = occ_month_start(m2 + 1);
	struct rid_set overridden = { 0 };
	sqlite3_stmt *s;
	int rc;

	st->months_known = false;
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

/* Counts materialised months in [m1, m2]; -1 on an error (in err). */
static int64_t months_present(struct store *st, int64_t m1, int64_t m2,
			      struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT count(*) FROM occ_month WHERE month BETWEEN ?1 AND ?2",
		err);
	int64_t n = -1;
	bool found;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, m1);
	sqlite3_bind_int64(s, 2, m2);
	if (store_row(st, s, &found, err) != HE_OK || !found)
		return -1;
	n = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return n;
}

/* Makes sure every month with an occurrence starting in [a, b) is indexed. */
int occ_ensure_months(struct store *st, int64_t a, int64_t b,
			 struct herr *err)
{
	int64_t m1 = occ_month_of(a), m2 = occ_month_of(b - 1), n;
	int rc;

	if (b <= a)
		return HE_OK;
	if ((n = months_present(st, m1, m2, err)) < 0)
		return err ? err->code : HE_INTERNAL;
	if (n == m2 - m1 + 1)
		return HE_OK;
	if ((rc = store_begin(st, err)) != HE_OK)
		return rc;
	/* Under the write lock, another process may have done some already. */
	for (int64_t m = m1; m <= m2 && rc == HE_OK; m++) {
		int64_t last = m;
		if ((n = months_present(st, m, m, err)) != 0) {
			rc = n < 0 ? HE_INTERNAL : HE_OK;
			continue;
		}
		while (last < m2 && (n = months_present(st, last + 1, last + 1,
							err)) == 0)
			last++;
		if (n < 0)
			rc = HE_INTERNAL;
		else
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
/* The ordered materialised months (cached for the write transaction). */
static int load_months(struct store *st, const int64_t **months, size_t *n,
		       struct herr *err)
{
	sqlite3_stmt *s;
	int rc;

	if (!st->months_known || st->depth == 0) {
		if (!(s = store_stmt(st, "SELECT month FROM occ_month ORDER BY month",
				     err)))
			return HE_INTERNAL;
		st->n_months = 0;
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			st->months = xgrow(st->months, &st->cap_months,
					   st->n_months + 1, sizeof *st->months);
			st->months[st->n_months++] = sqlite3_column_int64(s, 0);
		}
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return store_dberr(st, err);
		st->months_known = true;
	}
	*months = st->months;
	*n = st->n_months;
	return HE_OK;
}

int occ_unindex_series(struct store *st, int64_t series_id, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "DELETE FROM occ WHERE series_id = ?1",
				     err);
	int rc;

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, series_id);
	if ((rc = store_exec_stmt(st, s, err)) != HE_OK)
		return rc;
	if (!(s = store_stmt(st, "DELETE FROM occ_skipped WHERE series_id = ?1",
			     err)))
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
	bool found;
	int rc;

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
	if ((rc = store_row(st, s, &found, err)) != HE_OK || !found)
		return rc;
	if (sqlite3_column_int64(s, 0) > *out)
		*out = sqlite3_column_int64(s, 0);
	if (sqlite3_column_int64(s, 1) > *short_out)
		*short_out = sqlite3_column_int64(s, 1);
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
		struct occ_rows rows = { 0 };
		int64_t a, b;
		while (j + 1 < n && months[j + 1] == months[j] + 1)
			j++;
		a = occ_month_start(months[i]);
		b = occ_month_start(months[j] + 1);
		rc = load_overridden(st, series_id, a, b, &overridden, err);
		if (rc == HE_OK)
			rc = index_span(series_id, sc, a, b, &overridden, &rows, err);
		if (rc == HE_OK)
			rc = insert_rows(st, &rows, err);
		if (rc == HE_OK)
			rc = insert_overrides(st, series_id, a, b, err);
		free(rows.v);
		free(overridden.v);
		i = j + 1;
	}
	return rc;
}

/* series_max_duration for a series in memory, without asking the file. */
static void max_of_series(const struct series *se, int64_t *longest,
			  int64_t *shortest)
{
	const struct sched *sc = &se->sched;

	*longest = sched_duration(sc) + (sc->all_day ? 2 * 3600 : 0);
	*shortest = *longest <= OCC_SHORT ? *longest : 0;
	for (size_t i = 0; i < se->n_overrides; i++) {
		const struct override *o = &se->overrides[i];
		int64_t d;
		if (!o->moved)
			continue;
		d = sched_instant(sc, &o->end) - sched_instant(sc, &o->start);
		if (d > *longest)
			*longest = d;
		if (d <= OCC_SHORT && d > *shortest)
			*shortest = d;
	}
}

int occ_index_series(struct store *st, int64_t series_id,
		     const struct series *se, bool fresh, struct herr *err)
{
	struct sched loaded;
	const struct sched *sc = se ? &se->sched : &loaded;
	const int64_t *months = NULL;
	int64_t longest, shortest;
	size_t n = 0;
	int rc = HE_OK;

	sched_init(&loaded);
	if ((!fresh && (rc = occ_unindex_series(st, series_id, err)) != HE_OK) ||
	    (!se && (rc = store_sched_load(st, series_id, &loaded, err))))
		goto out;
	if (se)
		max_of_series(se, &longest, &shortest);
	else if ((rc = series_max_duration(st, series_id, sc, &longest,
					   &shortest, err)) != HE_OK)
		goto out;
	if ((rc = raise_max_duration(st, longest, err)) ||
	    (rc = raise_max_short(st, shortest, err)) ||
	    (rc = load_months(st, &months, &n, err)))
		goto out;
	rc = index_runs(st, series_id, sc, months, n, err);
out:
	sched_free(&loaded);
	return rc;
}

int occ_index_reset(struct store *st, struct herr *err)
{
	static const char *const sql[] = {
		"DELETE FROM occ", "DELETE FROM occ_month", "DELETE FROM occ_skipped",
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
	st->months_known = false;
	/* Re-derive the longest occurrences from every series. */
	if (!(s = store_stmt(st, "SELECT id FROM series", err)))
		return HE_INTERNAL;
	while (store_next(st, s, &rc, err)) {
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
	return rc;
}

int store_prepare_month(struct store *st, int64_t at, struct herr *err)
{
	int64_t m = occ_month_of(at), n = months_present(st, m, m, err);

	if (n != 0)
		return n < 0 ? -1 : 0;
	return occ_ensure_months(st, occ_month_start(m), occ_month_start(m + 1), err) == HE_OK
		? 1 : -1;
}
