/*
 * store_check.c - hearth check: verifying a database file.
 *
 * SQLite's own integrity check first (on a connection of its own, which
 * needs nothing from the schema, so that a damaged file is reported rather
 * than refused); then, on a file SQLite finds sound: the schema version,
 * references to rows that are gone, series whose schedule cannot be
 * expanded, and the occurrence index against a fresh expansion of a sample
 * of months around today, and the tallies' sums (tally_sum) against the
 * tallies. Nothing is written unless a repair is asked for, which rebuilds
 * the index from the series (and the sums from the tallies).
 */
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"

/* At most this many months of the index are compared with a fresh
 * expansion: the nearest to today and others spread over the horizon. */
#define CHECK_MONTHS 24
/* Lines of SQLite's integrity check reported before "...". */
#define CHECK_INTEGRITY_LINES 20

void check_report_free(struct check_report *r)
{
	strv_free(&r->problems);
	strv_free(&r->notes);
	memset(r, 0, sizeof *r);
}

static void problem(struct check_report *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void problem(struct check_report *r, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	strv_add(&r->problems, s);
	free(s);
}

/* SQLite's integrity check on a read-only connection of its own. */
static int check_integrity(const char *path, struct check_report *r,
			   struct herr *err)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	int step, n = 0;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		herr_set(err, HE_INTERNAL, _("cannot open database %s: %s"), path,
			 db ? sqlite3_errmsg(db) : _("out of memory"));
		sqlite3_close(db);
		return HE_INTERNAL;
	}
	sqlite3_busy_timeout(db, 15000);
	if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &s, NULL) !=
	    SQLITE_OK) {
		problem(r, _("SQLite cannot read the file: %s"), sqlite3_errmsg(db));
		sqlite3_close(db);
		return HE_OK;
	}
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		const char *line = (const char *)sqlite3_column_text(s, 0);
		if (line && !strcmp(line, "ok"))
			break;
		if (n++ < CHECK_INTEGRITY_LINES)
			problem(r, _("SQLite: %s"), line ? line : "?");
	}
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		problem(r, _("SQLite cannot read the file: %s"), sqlite3_errmsg(db));
	else if (n > CHECK_INTEGRITY_LINES)
		problem(r, _("SQLite: ... and %d more"), n - CHECK_INTEGRITY_LINES);
	sqlite3_finalize(s);
	sqlite3_close(db);
	r->integrity_ok = r->problems.n == 0;
	return HE_OK;
}

/* Rows that refer to rows which are gone (PRAGMA foreign_key_check). */
static int check_references(struct store *st, struct check_report *r,
			    struct herr *err)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(st->db, "PRAGMA foreign_key_check", -1, &s, NULL))
		return store_dberr(st, err);
	while (store_next(st, s, &rc, err))
		/* TRANSLATORS: "table series, row 12 refers to a venue that
		   does not exist". */
		problem(r, _("table %s, row %lld refers to a row of %s that does "
			     "not exist"), col_text(s, 0),
			(long long)sqlite3_column_int64(s, 1), col_text(s, 2));
	sqlite3_finalize(s);
	return rc;
}

/* Every series' schedule: it must read, and expand from its start. */
static int check_schedules(struct store *st, struct check_report *r,
			   struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT id, uid, title, " SCHED_COLUMNS
				     " FROM series ORDER BY id", err);
	int rc;

	if (!s)
		return HE_INTERNAL;
	while (store_next(st, s, &rc, err)) {
		struct sched sc;
		struct instances in = { 0 };
		struct herr why = { 0 };
		sched_init(&sc);
		r->series++;
		if (store_read_sched(s, 3, &sc) != HE_OK)
			problem(r, _("event %s ('%s'): its schedule is damaged"),
				col_text(s, 1), col_text(s, 2));
		else if (sched_expand(&sc, sc.reach_start,
				      sc.reach_start + 400 * 86400LL, 0, &in,
				      &why) != HE_OK)
			problem(r, _("event %s ('%s') cannot be expanded, so no "
				     "listing shows it: %s"), col_text(s, 1),
				col_text(s, 2), why.msg);
		instances_free(&in);
		sched_free(&sc);
	}
	return rc;
}

/* An index row, as stored or as a fresh expansion makes it. */
struct check_row {
	int64_t start, end, series_id, rid;
	int cancelled, overridden;
};
struct check_rows {
	struct check_row *v;
	size_t n, cap;
};

static void add_row(struct check_rows *l, struct check_row row)
{
	l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
	l->v[l->n++] = row;
}

static int row_cmp(const void *a, const void *b)
{
	const struct check_row *x = a, *y = b;
	int64_t d[] = { x->start - y->start, x->series_id - y->series_id,
			x->rid - y->rid, x->end - y->end,
			x->cancelled - y->cancelled,
			x->overridden - y->overridden };

	for (size_t i = 0; i < sizeof d / sizeof *d; i++)
		if (d[i])
			return d[i] < 0 ? -1 : 1;
	return 0;
}

/* What the index holds for the starts in [a, b). */
static int stored_rows(struct store *st, int64_t a, int64_t b,
		       struct check_rows *out, struct herr *err)
{
	struct occ_keys k = { 0 };
	int rc = occ_keys_range(st, a, b, INT64_MIN, false, 0, &k, err);

	for (size_t i = 0; rc == HE_OK && i < k.n; i++)
		add_row(out, (struct check_row){ k.v[i].start, k.v[i].end,
						 k.v[i].series_id, k.v[i].rid,
						 k.v[i].cancelled,
						 k.v[i].overridden });
	occ_keys_free(&k);
	return rc;
}

/* True when series id has a change of its occurrence rid. */
static int is_overridden(struct store *st, int64_t id, int64_t rid,
			 bool *yes, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT 1 FROM override WHERE series_id = ?1 AND rid = ?2", err);
	int rc;

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, rid);
	if ((rc = store_row(st, s, yes, err)) == HE_OK && *yes)
		sqlite3_reset(s);
	return rc;
}

/* The rows of one series' fresh expansion over [a, b), but for the
 * occurrences it changed (their own rows come from table override). */
static int expand_series(struct store *st, sqlite3_stmt *s, int64_t a,
			 int64_t b, struct check_rows *out, struct herr *err)
{
	struct sched sc;
	struct instances in = { 0 };
	int64_t id = sqlite3_column_int64(s, 0);
	int rc = HE_OK;

	sched_init(&sc);
	/* Left out of the index too (occ_skipped); check_schedules says so. */
	if (store_read_sched(s, 1, &sc) != HE_OK ||
	    sched_expand(&sc, a, b, 0, &in, NULL) != HE_OK) {
		sched_free(&sc);
		return HE_OK;
	}
	for (size_t i = 0; rc == HE_OK && i < in.n; i++) {
		int64_t rid = civil_to_seconds(&in.v[i].rid);
		bool changed;
		rc = is_overridden(st, id, rid, &changed, err);
		if (rc == HE_OK && !changed)
			add_row(out, (struct check_row){ in.v[i].start, in.v[i].end,
							 id, rid, 0, 0 });
	}
	instances_free(&in);
	sched_free(&sc);
	return rc;
}

/* What a fresh expansion gives for the starts in [a, b). */
static int fresh_rows(struct store *st, int64_t a, int64_t b,
		      struct check_rows *out, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT id, " SCHED_COLUMNS
				     " FROM series WHERE reach_end > ?1"
				     " AND reach_start < ?2", err);
	int rc, rc2 = HE_OK;

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, a);
	sqlite3_bind_int64(s, 2, b);
	while (rc2 == HE_OK && store_next(st, s, &rc, err))
		rc2 = expand_series(st, s, a, b, out, err);
	if (rc2 != HE_OK) {
		sqlite3_reset(s);
		return rc2;
	}
	if (rc != HE_OK)
		return rc;
	if (!(s = store_stmt(st,
		"SELECT start_utc, end_utc, series_id, rid, cancelled FROM override"
		" WHERE start_utc >= ?1 AND start_utc < ?2", err)))
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, a);
	sqlite3_bind_int64(s, 2, b);
	while (store_next(st, s, &rc, err))
		add_row(out, (struct check_row){
			sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1),
			sqlite3_column_int64(s, 2), sqlite3_column_int64(s, 3),
			sqlite3_column_int(s, 4) != 0, 1 });
	return rc;
}

/* Rows in one list and not in the other (both sorted). */
static size_t differences(const struct check_rows *x,
			  const struct check_rows *y)
{
	size_t i = 0, j = 0, n = 0;

	while (i < x->n || j < y->n) {
		int c = i == x->n ? 1 : j == y->n ? -1 : row_cmp(&x->v[i], &y->v[j]);
		n += c != 0;
		i += c <= 0;
		j += c >= 0;
	}
	return n;
}

/* Months counted from year 0: year * 12 + month - 1 (UTC). */
static int64_t month_of(int64_t utc)
{
	struct civil c = civil_from_seconds(utc);
	return (int64_t)c.year * 12 + c.month - 1;
}

static int64_t month_start(int64_t month)
{
	return civil_days((int)(month / 12), (int)(month % 12) + 1, 1) * 86400;
}

static int check_month(struct store *st, int64_t month,
		       struct check_report *r, struct herr *err)
{
	int64_t a = month_start(month), b = month_start(month + 1);
	struct check_rows stored = { 0 }, fresh = { 0 };
	int rc;

	if ((rc = stored_rows(st, a, b, &stored, err)) == HE_OK &&
	    (rc = fresh_rows(st, a, b, &fresh, err)) == HE_OK) {
		size_t n;
		/* An empty month has no array: qsort must not see NULL. */
		if (stored.n)
			qsort(stored.v, stored.n, sizeof *stored.v, row_cmp);
		if (fresh.n)
			qsort(fresh.v, fresh.n, sizeof *fresh.v, row_cmp);
		if ((n = differences(&stored, &fresh)))
			/* TRANSLATORS: %04lld-%02lld is a month (2027-01). */
			problem(r, ngettext("the occurrence index of %04lld-%02lld "
					    "differs from the schedules in %zu "
					    "occurrence (hearth check --repair "
					    "rebuilds it)",
					    "the occurrence index of %04lld-%02lld "
					    "differs from the schedules in %zu "
					    "occurrences (hearth check --repair "
					    "rebuilds it)", n),
				(long long)(month / 12), (long long)(month % 12 + 1),
				n);
		r->months++;
	}
	free(stored.v);
	free(fresh.v);
	return rc;
}

/* The months to compare: of the index's horizon around today, the nearest
 * half of the sample, then the rest spread evenly. */
static int check_index(struct store *st, struct check_report *r,
		       struct herr *err)
{
	int64_t from, to, m1, m2, now = month_of((int64_t)time(NULL)), n;
	int rc = HE_OK;

	occ_horizon(st, &from, &to);
	m1 = month_of(from);
	m2 = month_of(to - 1);
	n = m2 - m1 + 1;
	for (int64_t d = 0; rc == HE_OK && d < CHECK_MONTHS / 4; d++) {
		if (now - d >= m1)
			rc = check_month(st, now - d, r, err);
		if (rc == HE_OK && d > 0 && now + d <= m2)
			rc = check_month(st, now + d, r, err);
	}
	for (int64_t k = 0; rc == HE_OK && k < CHECK_MONTHS / 2; k++) {
		int64_t m = m1 + k * n / (CHECK_MONTHS / 2);
		if (m < now - CHECK_MONTHS / 4 + 1 || m > now + CHECK_MONTHS / 4 - 1)
			rc = check_month(st, m, r, err);
	}
	return rc;
}

/* The starts whose sums in tally_sum and in the tallies differ, looked
 * for from both sides. */
static const char tally_sums_differ[] =
	"SELECT count(DISTINCT start_utc) FROM ("
	" SELECT start_utc FROM ("
	"  SELECT start_utc, category, sum(value), count(*) FROM tally"
	"  GROUP BY start_utc, category"
	"  EXCEPT SELECT start_utc, category, total, n FROM tally_sum)"
	" UNION ALL SELECT start_utc FROM ("
	"  SELECT start_utc, category, total, n FROM tally_sum"
	"  EXCEPT SELECT start_utc, category, sum(value), count(*) FROM tally"
	"  GROUP BY start_utc, category))";

/* tally_sum, which reports read, against the tallies it sums. */
static int check_tally_sums(struct store *st, struct check_report *r,
			    bool *differ, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, tally_sums_differ, err);
	bool found;
	int64_t n = 0;
	int rc;

	if (!s)
		return HE_INTERNAL;
	if ((rc = store_row(st, s, &found, err)) != HE_OK)
		return rc;
	if (found) {
		n = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
	}
	*differ = n > 0;
	if (n > 0)
		problem(r, ngettext("the sums of tallies that reports read differ "
				    "from the tallies at %lld start",
				    "the sums of tallies that reports read differ "
				    "from the tallies at %lld starts",
				    (unsigned long)n), (long long)n);
	return HE_OK;
}

static int remake_tally_sums(struct store *st, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "DELETE FROM tally_sum", err);
	int rc;

	if (!s)
		return HE_INTERNAL;
	if ((rc = store_exec_stmt(st, s, err)) != HE_OK)
		return rc;
	if (!(s = store_stmt(st, "INSERT INTO tally_sum (start_utc, category,"
			     " total, n) SELECT start_utc, category, sum(value),"
			     " count(*) FROM tally GROUP BY start_utc, category",
			     err)))
		return HE_INTERNAL;
	return store_exec_stmt(st, s, err);
}

/* Rebuilds the index from every series, and the tallies' sums from the
 * tallies when they differ. */
static int repair(struct store *st, bool sums, struct check_report *r,
		  struct herr *err)
{
	int rc;

	if ((rc = store_begin(st, err)) != HE_OK)
		return rc;
	if ((rc = occ_index_reset(st, err)) != HE_OK ||
	    (sums && (rc = remake_tally_sums(st, err)) != HE_OK)) {
		store_rollback(st);
		return rc;
	}
	if ((rc = store_commit(st, err)) == HE_OK) {
		r->repaired = true;
		strv_add(&r->notes, _("the occurrence index was rebuilt"));
		if (sums)
			strv_add(&r->notes, _("the sums of tallies were made "
					      "again from the tallies"));
	}
	return rc;
}

int store_check(const char *path, bool do_repair, struct check_report *r,
		struct herr *err)
{
	struct store *st = NULL;
	bool sums = false;
	int rc;

	memset(r, 0, sizeof *r);
	if ((rc = check_integrity(path, r, err)) != HE_OK)
		return rc;
	if (!r->integrity_ok) {
		if (do_repair)
			strv_add(&r->notes, _("--repair rebuilds only the occurrence "
					      "index, not damage SQLite finds: "
					      "restore the file from a backup"));
		return HE_OK;
	}
	rc = store_open(&st, path, do_repair ? STORE_EXISTING : STORE_READONLY,
			err);
	if (rc != HE_OK) {
		/* A file this hearth cannot read is a finding, not a failure. */
		problem(r, "%s", err->msg);
		herr_clear(err);
		return HE_OK;
	}
	r->schema = STORE_SCHEMA_VERSION;
	if ((rc = check_references(st, r, err)) == HE_OK &&
	    (rc = check_schedules(st, r, err)) == HE_OK &&
	    (rc = check_index(st, r, err)) == HE_OK &&
	    (rc = check_tally_sums(st, r, &sums, err)) == HE_OK && do_repair)
		rc = repair(st, sums, r, err);
	store_close(&st);
	return rc;
}
