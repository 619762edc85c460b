/*
 * store_index.c - the occurrence index: what each series contributes,
 * rewritten in the transaction that saves it.
 *
 * A series whose rule repeats one pattern per period (sched_cycle.c) is
 * stored as that pattern: one occ_cycle row per instance of a period, with
 * its phase in the period (wall-clock seconds in the series' zone modulo
 * the period) and the first and last wall-clock time it yields. A query
 * reads the rows whose phase falls in its window, in phase order per zone
 * and period, so that finding the first occurrences after a moment reads
 * about as many rows as it returns, however large the calendar, and no
 * month is ever "cold": nothing is expanded with libical at query time and
 * nothing is written by a query. Exception dates of such series are rows
 * of occ_skip (by instant), changed occurrences rows of override.
 *
 * Everything else is in occ_fixed, one row per occurrence: one-off events,
 * extra dates (RDATE), the first period of a pattern (libical's own
 * treatment of a DTSTART the rule does not match) and the instances of
 * rules without a pattern (monthly, yearly, BYMONTH...). Those last are
 * stored only within a horizon of store_set_horizon's years around today,
 * so that no rule fills the file without bound; occ_rule records the span
 * each covers, and a window outside it has that series expanded in memory
 * (store_keys.c), never stored. The spans follow today at the next write
 * that finds them a month behind, dropping the rows that fell out.
 *
 * meta.occ_maxdur bounds how long any occurrence lasts, so a window query
 * knows how far back an overlapping occurrence may start.
 */
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"

/* Years around today stored for rules without a pattern, by default. */
#define HORIZON_YEARS 1

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
 * (the longer ones are looked for apart). Community events last an hour or
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

/*
 * The largest series id the index has taken in (meta occ_indexed_to):
 * series with larger ids were written by another program (or an older
 * hearth) and are taken in when the file is next opened for writing,
 * expanded in memory until then.
 */
int occ_indexed_to(struct store *st, int64_t *out, struct herr *err)
{
	int rc;

	if (st->indexed_to < 0 &&
	    (rc = store_meta_int(st, "occ_indexed_to", 0, &st->indexed_to,
				 err)) != HE_OK) {
		st->indexed_to = -1;
		return rc;
	}
	*out = st->indexed_to;
	return HE_OK;
}

/* Noted now, written once at the commit (occ_index_flush): an import of
 * 100,000 series wrote it 100,000 times. */
static int raise_indexed_to(struct store *st, int64_t id, struct herr *err)
{
	int64_t max;
	int rc;

	if ((rc = occ_indexed_to(st, &max, err)) != HE_OK || id <= max)
		return rc;
	st->indexed_to = id;
	st->indexed_dirty = true;
	return HE_OK;
}

int occ_index_flush(struct store *st, struct herr *err)
{
	int rc = occ_pending_flush(st, err);

	if (rc != HE_OK || !st->indexed_dirty)
		return rc;
	st->indexed_dirty = false;
	return store_set_meta_int(st, "occ_indexed_to", st->indexed_to, err);
}

void occ_forget(struct store *st)
{
	occ_infos_drop(st);
	occ_pending_drop(st);
	st->max_duration = st->max_short = st->indexed_to = -1;
	st->indexed_dirty = false;
	st->groups_known = false;
	st->index_state = 0;
}

void store_set_horizon(struct store *st, int64_t now, int years)
{
	st->now = now;
	st->horizon_years = years;
}

void occ_horizon(struct store *st, int64_t *from, int64_t *to)
{
	int64_t now = st->now ? st->now : (int64_t)time(NULL);
	int years = st->horizon_years > 0 ? st->horizon_years : HORIZON_YEARS;
	struct civil c = civil_from_seconds(now);

	/* Whole months, so that the span moves a month at a time. */
	c.day = 1;
	c.hour = c.min = c.sec = 0;
	*from = civil_to_seconds(&(struct civil){ c.year - years, c.month, 1,
						   0, 0, 0 });
	c = civil_add_months(c, 1);
	*to = civil_to_seconds(&(struct civil){ c.year + years, c.month, 1,
						 0, 0, 0 });
}

/* ---- one series ---- */

/* What indexing one series needs at hand. */
struct job {
	struct store *st;
	int64_t id;
	const struct sched *sc;
	int64_t *overridden;     /* original starts (wall seconds), sorted */
	size_t n_overridden;
};

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static bool is_overridden(const struct job *j, int64_t rid)
{
	return j->n_overridden &&
	       bsearch(&rid, j->overridden, j->n_overridden, sizeof rid, cmp_i64);
}

static void add_overridden(struct job *j, int64_t rid, size_t *cap)
{
	j->overridden = xgrow(j->overridden, cap, j->n_overridden + 1,
			      sizeof *j->overridden);
	j->overridden[j->n_overridden++] = rid;
}

/* The original starts of the series' changed occurrences. */
static int load_overridden(struct job *j, const struct series *se,
			   struct herr *err)
{
	size_t cap = 0;
	sqlite3_stmt *s;
	int rc;

	if (se) {
		for (size_t i = 0; i < se->n_overrides; i++)
			add_overridden(j, civil_to_seconds(&se->overrides[i].rid),
				       &cap);
	} else {
		if (!(s = store_stmt(j->st, "SELECT rid FROM override WHERE"
				     " series_id = ?1", err)))
			return HE_INTERNAL;
		sqlite3_bind_int64(s, 1, j->id);
		while (store_next(j->st, s, &rc, err))
			add_overridden(j, sqlite3_column_int64(s, 0), &cap);
		if (rc != HE_OK)
			return rc;
	}
	if (j->n_overridden > 1)
		qsort(j->overridden, j->n_overridden, sizeof *j->overridden,
		      cmp_i64);
	return HE_OK;
}

/* ---- rows waiting in a bulk write ---- */

/*
 * In a bulk write (an import) index rows wait here and go in sorted by
 * their tables' keys, a batch at a time: inserted as each series came,
 * they landed all over two growing b-trees, and an import of 100,000
 * series spent a third of its time more than without an index.
 */
#define PENDING_BATCH 65536

struct fixed_row {
	int64_t start, series_id, rid, end;
};
struct cycle_row {
	int64_t zone, period, phase, series_id, first, last, length;
	bool all_day;
};
struct occ_pending {
	struct fixed_row *fixed;
	size_t n_fixed, cap_fixed;
	struct cycle_row *cycle;
	size_t n_cycle, cap_cycle;
};

static int cmp_fixed(const void *a, const void *b)
{
	const struct fixed_row *x = a, *y = b;

	if (x->start != y->start)
		return (x->start > y->start) - (x->start < y->start);
	if (x->series_id != y->series_id)
		return (x->series_id > y->series_id) - (x->series_id < y->series_id);
	return (x->rid > y->rid) - (x->rid < y->rid);
}

static int cmp_cycle(const void *a, const void *b)
{
	const struct cycle_row *x = a, *y = b;
	const int64_t dx[] = { x->zone, x->period, x->phase, x->series_id };
	const int64_t dy[] = { y->zone, y->period, y->phase, y->series_id };

	for (size_t i = 0; i < 4; i++)
		if (dx[i] != dy[i])
			return (dx[i] > dy[i]) - (dx[i] < dy[i]);
	return 0;
}

static int put_fixed(struct store *st, const struct fixed_row *r,
		     struct herr *err)
{
	/* An extra date given twice, or as DTSTART, is one occurrence. */
	sqlite3_stmt *s = store_stmt(st,
		"INSERT OR IGNORE INTO occ_fixed (start_utc, end_utc, series_id,"
		" rid) VALUES (?1, ?2, ?3, ?4)", err);

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, r->start);
	sqlite3_bind_int64(s, 2, r->end);
	sqlite3_bind_int64(s, 3, r->series_id);
	sqlite3_bind_int64(s, 4, r->rid);
	return store_exec_stmt(st, s, err);
}

static int put_cycle(struct store *st, const struct cycle_row *r,
		     struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st,
		"INSERT INTO occ_cycle (zone, period, phase, series_id, first, last,"
		" length, all_day) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", err);

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, r->zone);
	sqlite3_bind_int64(s, 2, r->period);
	sqlite3_bind_int64(s, 3, r->phase);
	sqlite3_bind_int64(s, 4, r->series_id);
	sqlite3_bind_int64(s, 5, r->first);
	sqlite3_bind_int64(s, 6, r->last);
	sqlite3_bind_int64(s, 7, r->length);
	sqlite3_bind_int(s, 8, r->all_day);
	return store_exec_stmt(st, s, err);
}

/*
 * Rows a bulk insert puts in one statement: SQLite's work for a statement
 * (opening a cursor on the table and each index, the schema check) was a
 * third of inserting one index row.
 */
#define ROWS_AT_ONCE 32

/* "INSERT ... VALUES (?, ...), ... (ROWS_AT_ONCE tuples)" for head and
 * tuples of width question marks; built once (store_stmt keeps statements
 * by the address of their text). */
static const char *many_rows_sql(char *buf, size_t size, const char *head,
				 int width)
{
	size_t n;

	if (buf[0])
		return buf;
	n = (size_t)snprintf(buf, size, "%s", head);
	for (int r = 0; r < ROWS_AT_ONCE; r++) {
		n += (size_t)snprintf(buf + n, size - n, "%s(", r ? ", " : "");
		for (int c = 0; c < width; c++)
			n += (size_t)snprintf(buf + n, size - n, "%s?",
					      c ? ", " : "");
		n += (size_t)snprintf(buf + n, size - n, ")");
	}
	return buf;
}

static int put_fixed_many(struct store *st, const struct fixed_row *r,
			  struct herr *err)
{
	static char sql[ROWS_AT_ONCE * 16 + 128];
	sqlite3_stmt *s = store_stmt(st, many_rows_sql(sql, sizeof sql,
		"INSERT OR IGNORE INTO occ_fixed (start_utc, end_utc, series_id,"
		" rid) VALUES ", 4), err);

	if (!s)
		return HE_INTERNAL;
	for (int i = 0; i < ROWS_AT_ONCE; i++) {
		sqlite3_bind_int64(s, 4 * i + 1, r[i].start);
		sqlite3_bind_int64(s, 4 * i + 2, r[i].end);
		sqlite3_bind_int64(s, 4 * i + 3, r[i].series_id);
		sqlite3_bind_int64(s, 4 * i + 4, r[i].rid);
	}
	return store_exec_stmt(st, s, err);
}

static int put_cycle_many(struct store *st, const struct cycle_row *r,
			  struct herr *err)
{
	static char sql[ROWS_AT_ONCE * 28 + 128];
	sqlite3_stmt *s = store_stmt(st, many_rows_sql(sql, sizeof sql,
		"INSERT INTO occ_cycle (zone, period, phase, series_id, first,"
		" last, length, all_day) VALUES ", 8), err);

	if (!s)
		return HE_INTERNAL;
	for (int i = 0; i < ROWS_AT_ONCE; i++) {
		sqlite3_bind_int64(s, 8 * i + 1, r[i].zone);
		sqlite3_bind_int64(s, 8 * i + 2, r[i].period);
		sqlite3_bind_int64(s, 8 * i + 3, r[i].phase);
		sqlite3_bind_int64(s, 8 * i + 4, r[i].series_id);
		sqlite3_bind_int64(s, 8 * i + 5, r[i].first);
		sqlite3_bind_int64(s, 8 * i + 6, r[i].last);
		sqlite3_bind_int64(s, 8 * i + 7, r[i].length);
		sqlite3_bind_int(s, 8 * i + 8, r[i].all_day);
	}
	return store_exec_stmt(st, s, err);
}

/* Inserts the waiting rows, in their tables' order. */
int occ_pending_flush(struct store *st, struct herr *err)
{
	struct occ_pending *p = st->pending;
	int rc = HE_OK;
	size_t i;

	if (!p)
		return HE_OK;
	if (p->n_fixed > 1)
		qsort(p->fixed, p->n_fixed, sizeof *p->fixed, cmp_fixed);
	if (p->n_cycle > 1)
		qsort(p->cycle, p->n_cycle, sizeof *p->cycle, cmp_cycle);
	for (i = 0; rc == HE_OK && i + ROWS_AT_ONCE <= p->n_fixed;
	     i += ROWS_AT_ONCE)
		rc = put_fixed_many(st, &p->fixed[i], err);
	for (; rc == HE_OK && i < p->n_fixed; i++)
		rc = put_fixed(st, &p->fixed[i], err);
	for (i = 0; rc == HE_OK && i + ROWS_AT_ONCE <= p->n_cycle;
	     i += ROWS_AT_ONCE)
		rc = put_cycle_many(st, &p->cycle[i], err);
	for (; rc == HE_OK && i < p->n_cycle; i++)
		rc = put_cycle(st, &p->cycle[i], err);
	occ_pending_drop(st);
	return rc;
}

void occ_pending_drop(struct store *st)
{
	if (!st->pending)
		return;
	free(st->pending->fixed);
	free(st->pending->cycle);
	free(st->pending);
	st->pending = NULL;
}

static struct occ_pending *pending(struct store *st)
{
	if (!st->pending)
		st->pending = xcalloc(1, sizeof *st->pending);
	return st->pending;
}

static int add_fixed(struct store *st, const struct fixed_row *r,
		     struct herr *err)
{
	struct occ_pending *p;

	if (!st->bulk)
		return put_fixed(st, r, err);
	p = pending(st);
	p->fixed = xgrow(p->fixed, &p->cap_fixed, p->n_fixed + 1,
			 sizeof *p->fixed);
	p->fixed[p->n_fixed++] = *r;
	return p->n_fixed + p->n_cycle >= PENDING_BATCH
		? occ_pending_flush(st, err) : HE_OK;
}

static int add_cycle(struct store *st, const struct cycle_row *r,
		     struct herr *err)
{
	struct occ_pending *p;

	if (!st->bulk)
		return put_cycle(st, r, err);
	p = pending(st);
	p->cycle = xgrow(p->cycle, &p->cap_cycle, p->n_cycle + 1,
			 sizeof *p->cycle);
	p->cycle[p->n_cycle++] = *r;
	return p->n_fixed + p->n_cycle >= PENDING_BATCH
		? occ_pending_flush(st, err) : HE_OK;
}

static int insert_fixed(const struct job *j, const struct civil *rid,
			int64_t start, int64_t end, struct herr *err)
{
	struct fixed_row r = { start, j->id, civil_to_seconds(rid), end };

	return add_fixed(j->st, &r, err);
}

/* Stores the instances of [from, to) as occ_fixed rows, changed ones left
 * out (their override rows stand for them). */
static int insert_expanded(const struct job *j, int64_t from, int64_t to,
			   struct herr *err)
{
	struct instances in = { 0 };
	int rc = sched_expand(j->sc, from, to, 0, &in, err);

	for (size_t i = 0; rc == HE_OK && i < in.n; i++)
		if (!is_overridden(j, civil_to_seconds(&in.v[i].rid)))
			rc = insert_fixed(j, &in.v[i].rid, in.v[i].start,
					  in.v[i].end, err);
	instances_free(&in);
	return rc;
}

/* A wall-clock time of the schedule as an occ_fixed row, unless excluded
 * or changed. */
static int insert_instance(const struct job *j, int64_t wall,
			   struct herr *err)
{
	struct civil c = civil_from_seconds(wall);
	int64_t start;

	if (is_overridden(j, wall) || civil_list_has(&j->sc->exdates, &c))
		return HE_OK;
	start = sched_instant(j->sc, &c);
	return insert_fixed(j, &c, start, sched_instance_end(j->sc, &c, start),
			    err);
}

static int64_t floor_mod(int64_t a, int64_t b)
{
	int64_t m = a % b;
	return m < 0 ? m + b : m;
}

/* The number of a zone in occ_zone, added when new. */
static int zone_id(struct store *st, const char *tzid, int64_t *id,
		   struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT id FROM occ_zone WHERE tzid = ?1",
				     err);
	bool found;
	int rc;

	if (!s)
		return HE_INTERNAL;
	bind_text(s, 1, tzid);
	if ((rc = store_int64(st, s, id, &found, err)) != HE_OK || found)
		return rc;
	if (!(s = store_stmt(st, "INSERT INTO occ_zone (tzid) VALUES (?1)", err)))
		return HE_INTERNAL;
	bind_text(s, 1, tzid);
	if ((rc = store_exec_stmt(st, s, err)) == HE_OK)
		*id = sqlite3_last_insert_rowid(st->db);
	return rc;
}

static int insert_cycle_rows(const struct job *j, struct herr *err)
{
	const struct sched *sc = j->sc;
	const struct sched_cycle *c = &sc->cycle;
	int64_t length = sched_duration(sc), zone;
	int rc = zone_id(j->st, sc->tzid, &zone, err);

	for (size_t i = 0; rc == HE_OK && i < c->n_offs; i++) {
		int64_t first = c->base + c->offs[i];
		struct cycle_row r = { zone, c->period, floor_mod(first, c->period),
				       j->id, first, c->until, length,
				       sc->all_day };
		if (first <= c->until)
			rc = add_cycle(j->st, &r, err);
	}
	return rc;
}

/* Exception dates that fall on the pattern, for queries to leave out. */
static int insert_skips(const struct job *j, struct herr *err)
{
	const struct sched *sc = j->sc;
	int rc = HE_OK;

	for (size_t i = 0; rc == HE_OK && i < sc->exdates.n; i++) {
		int64_t wall = civil_to_seconds(&sc->exdates.v[i]);
		sqlite3_stmt *s;
		if (wall < sc->cycle.base ||
		    sched_cycle_next(&sc->cycle, wall) != wall)
			continue;
		if (!(s = store_stmt(j->st,
			"INSERT OR IGNORE INTO occ_skip (rid_utc, series_id, rid)"
			" VALUES (?1, ?2, ?3)", err)))
			return HE_INTERNAL;
		sqlite3_bind_int64(s, 1, sched_instant(sc, &sc->exdates.v[i]));
		sqlite3_bind_int64(s, 2, j->id);
		sqlite3_bind_int64(s, 3, wall);
		rc = store_exec_stmt(j->st, s, err);
	}
	return rc;
}

/* A rule with a pattern: its first period and extra dates as rows, the
 * rest as the pattern. */
static int index_cycle(const struct job *j, struct herr *err)
{
	const struct sched *sc = j->sc;
	const struct sched_cycle *c = &sc->cycle;
	int64_t start = civil_to_seconds(&sc->start);
	int rc = HE_OK;

	for (size_t i = 0; rc == HE_OK && i < c->n_head; i++)
		if (c->head[i] <= c->until)
			rc = insert_instance(j, c->head[i], err);
	/* RFC 5545 3.8.5.3: DTSTART is an occurrence whatever the rule says
	 * (sched_expand's rule); one the rule gives is already there. */
	if (rc == HE_OK && sched_cycle_next(c, start) != start)
		rc = insert_instance(j, start, err);
	for (size_t i = 0; rc == HE_OK && i < sc->rdates.n; i++) {
		int64_t wall = civil_to_seconds(&sc->rdates.v[i]);
		/* An extra date the rule has anyway is one occurrence. */
		if (sched_cycle_next(c, wall) != wall)
			rc = insert_instance(j, wall, err);
	}
	if (rc == HE_OK)
		rc = insert_cycle_rows(j, err);
	if (rc == HE_OK)
		rc = insert_skips(j, err);
	return rc;
}

/* A wall-clock time of the schedule as an occ_fixed row when it starts in
 * [from, to) (insert_instance's other checks too). */
static int insert_within(const struct job *j, int64_t wall, int64_t from,
			 int64_t to, struct herr *err)
{
	struct civil c = civil_from_seconds(wall);
	int64_t start = sched_instant(j->sc, &c);

	return start >= from && start < to ? insert_instance(j, wall, err)
					   : HE_OK;
}

static bool has_wall(const struct walls *w, int64_t t)
{
	size_t lo = 0, hi = w->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (w->v[mid] < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < w->n && w->v[lo] == t;
}

/*
 * The occurrences of [from, to) of a rule without a pattern: the rule's
 * instances (shared with rules alike, sched_rule_walls), DTSTART and the
 * extra dates, as sched_expand gives them; sched_expand itself where that
 * cannot be had (a horizon past the year 2500).
 */
static int insert_rule_span(const struct job *j, int64_t from, int64_t to,
			    struct herr *err)
{
	const struct sched *sc = j->sc;
	const struct tz *z = tz_get(sc->tzid);
	struct walls w = { 0 };
	int64_t wa, wb, hz_from, hz_to, start = civil_to_seconds(&sc->start);
	int rc;

	if (!z)
		return insert_expanded(j, from, to, err);
	/* The whole horizon, whatever this series' reach: the window rules
	 * alike share (sched_rule_walls). */
	occ_horizon(j->st, &hz_from, &hz_to);
	tz_wall_span(z, hz_from, hz_to, &wa, &wb);
	if (sched_rule_walls(sc, wa, wb, &w, NULL) != HE_OK) {
		walls_free(&w);
		return insert_expanded(j, from, to, err);
	}
	rc = HE_OK;
	for (size_t i = 0; rc == HE_OK && i < w.n; i++)
		rc = insert_within(j, w.v[i], from, to, err);
	if (rc == HE_OK && !has_wall(&w, start))
		rc = insert_within(j, start, from, to, err);
	for (size_t i = 0; rc == HE_OK && i < sc->rdates.n; i++) {
		int64_t rd = civil_to_seconds(&sc->rdates.v[i]);
		if (!has_wall(&w, rd))
			rc = insert_within(j, rd, from, to, err);
	}
	walls_free(&w);
	return rc;
}

/* A rule without a pattern: its instances within the horizon. */
static int index_rule(const struct job *j, struct herr *err)
{
	const struct sched *sc = j->sc;
	sqlite3_stmt *s;
	int64_t from, to;
	int rc;

	occ_horizon(j->st, &from, &to);
	if (from < sc->reach_start)
		from = sc->reach_start;
	if (to > sc->reach_end)
		to = sc->reach_end;
	if (from < to && (rc = insert_rule_span(j, from, to, err)) != HE_OK)
		return rc;
	if (!(s = store_stmt(j->st,
		"INSERT INTO occ_rule (series_id, reach_start, reach_end,"
		" fixed_from, fixed_to) VALUES (?1, ?2, ?3, ?4, ?5)", err)))
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, j->id);
	sqlite3_bind_int64(s, 2, sc->reach_start);
	sqlite3_bind_int64(s, 3, sc->reach_end);
	sqlite3_bind_int64(s, 4, from);
	sqlite3_bind_int64(s, 5, from < to ? to : from);
	return store_exec_stmt(j->st, s, err);
}

static int index_job(const struct job *j, struct herr *err)
{
	const struct sched *sc = j->sc;

	if (sc->cycle.period)
		return index_cycle(j, err);
	if (sc->xrule)
		return index_rule(j, err);
	/* A one-off, with any extra dates: every occurrence. */
	return insert_expanded(j, sc->reach_start, sc->reach_end, err);
}

int occ_unindex_series(struct store *st, int64_t series_id, struct herr *err)
{
	static const char *const sql[] = {
		"DELETE FROM occ_fixed WHERE series_id = ?1",
		"DELETE FROM occ_cycle WHERE series_id = ?1",
		"DELETE FROM occ_skip WHERE series_id = ?1",
		"DELETE FROM occ_rule WHERE series_id = ?1",
		"DELETE FROM occ_skipped WHERE series_id = ?1",
	};

	int rc;

	/* Rows of this series may still wait: in first, then all out. */
	if ((rc = occ_pending_flush(st, err)) != HE_OK)
		return rc;
	st->groups_known = false;
	for (size_t i = 0; i < sizeof sql / sizeof *sql; i++) {
		sqlite3_stmt *s = store_stmt(st, sql[i], err);
		if (!s)
			return HE_INTERNAL;
		sqlite3_bind_int64(s, 1, series_id);
		if ((rc = store_exec_stmt(st, s, err)) != HE_OK)
			return rc;
	}
	return HE_OK;
}

/* The longest occurrence the series can have, overrides included. */
static void max_of_series(const struct series *se, int64_t *longest,
			  int64_t *shortest)
{
	const struct sched *sc = &se->sched;

	/*
	 * Whole days, plus the hour an autumn change adds to an all-day
	 * occurrence (two for the odd zone that shifted by two).
	 */
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

/* max_of_series for a stored series, its overrides read from the file. */
static int stored_max(struct store *st, int64_t series_id,
		      const struct sched *sc, int64_t *longest, int64_t *shortest,
		      struct herr *err)
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
	*longest = sched_duration(sc) + (sc->all_day ? 2 * 3600 : 0);
	*shortest = *longest <= OCC_SHORT ? *longest : 0;
	sqlite3_bind_int64(s, 1, series_id);
	sqlite3_bind_int64(s, 2, OCC_SHORT);
	if ((rc = store_row(st, s, &found, err)) != HE_OK || !found)
		return rc;
	if (sqlite3_column_int64(s, 0) > *longest)
		*longest = sqlite3_column_int64(s, 0);
	if (sqlite3_column_int64(s, 1) > *shortest)
		*shortest = sqlite3_column_int64(s, 1);
	sqlite3_reset(s);
	return HE_OK;
}

/*
 * Records that a series is left out of the index, and why (written by an
 * older hearth or another program, its schedule cannot be expanded):
 * listings of the time it reaches warn about it (store_skipped), export
 * leaves it out, and hearth check names it.
 */
static int skip_series(struct store *st, int64_t id, const char *why,
		       struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st,
		"INSERT OR REPLACE INTO occ_skipped (series_id, month, reason)"
		" VALUES (?1, 0, ?2)", err);

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, id);
	bind_text(s, 2, why);
	return store_exec_stmt(st, s, err);
}

/* A stored series' schedule, prepared again (its pattern is not stored);
 * *why says why not when it cannot be. */
static int load_prepared(struct store *st, int64_t id, struct sched *sc,
			 struct herr *why, struct herr *err)
{
	/* The id came from the file: its series gone is not the user's. */
	int rc = store_sched_get(st, id, HE_INTERNAL, sc, why, err);

	if (rc == HE_OK && !why->code && sched_prepare(sc, why) == HE_OK)
		herr_clear(why);
	return rc;
}

static int index_one(struct store *st, int64_t series_id,
		     const struct series *se, bool fresh, struct herr *err)
{
	struct sched loaded;
	struct job j = { st, series_id, se ? &se->sched : &loaded, NULL, 0 };
	struct herr why = { 0 };
	int64_t longest, shortest;
	int rc = HE_OK;

	sched_init(&loaded);
	if ((!fresh && (rc = occ_unindex_series(st, series_id, err)) != HE_OK) ||
	    (rc = raise_indexed_to(st, series_id, err)) != HE_OK)
		goto out;
	if (!se) {
		if ((rc = load_prepared(st, series_id, &loaded, &why, err)) != HE_OK)
			goto out;
		if (why.code) {
			rc = skip_series(st, series_id, why.msg, err);
			goto out;
		}
		if ((rc = stored_max(st, series_id, &loaded, &longest, &shortest,
				     err)) != HE_OK)
			goto out;
	} else {
		max_of_series(se, &longest, &shortest);
	}
	st->groups_known = false;
	occ_infos_drop(st);
	if ((rc = raise_max_duration(st, longest, err)) == HE_OK &&
	    (rc = raise_max_short(st, shortest, err)) == HE_OK &&
	    (rc = load_overridden(&j, se, err)) == HE_OK &&
	    (rc = index_job(&j, &why)) != HE_OK) {
		/* A rule libical will not expand after all: left out, named. */
		if ((rc = occ_unindex_series(st, series_id, err)) == HE_OK)
			rc = skip_series(st, series_id, why.msg, err);
	}
out:
	free(j.overridden);
	sched_free(&loaded);
	return rc;
}

/*
 * Moves the stored spans of rules without a pattern to today's horizon,
 * once per write transaction and only when they are a month behind: rows
 * that fell out go, rows that came in are added.
 */
static int follow_horizon(struct store *st, struct herr *err)
{
	sqlite3_stmt *s;
	int64_t from, to, *ids = NULL;
	size_t n = 0, cap = 0;
	int rc;

	if (st->horizon_checked)
		return HE_OK;
	st->horizon_checked = true;
	occ_horizon(st, &from, &to);
	if (!(s = store_stmt(st,
		"SELECT series_id FROM occ_rule WHERE (fixed_from < ?1"
		" AND fixed_to > fixed_from) OR (fixed_to < ?2"
		" AND reach_end > fixed_to)",
		err)))
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, from);
	sqlite3_bind_int64(s, 2, to);
	while (store_next(st, s, &rc, err)) {
		ids = xgrow(ids, &cap, n + 1, sizeof *ids);
		ids[n++] = sqlite3_column_int64(s, 0);
	}
	for (size_t i = 0; rc == HE_OK && i < n; i++)
		rc = index_one(st, ids[i], NULL, false, err);
	free(ids);
	return rc;
}

int occ_index_series(struct store *st, int64_t series_id,
		     const struct series *se, bool fresh, struct herr *err)
{
	int rc = follow_horizon(st, err);

	return rc == HE_OK ? index_one(st, series_id, se, fresh, err) : rc;
}

bool occ_index_current(struct store *st)
{
	int64_t version = 0;

	if (st->index_state == 0)
		st->index_state = store_meta_int(st, "occ_index_version", 0,
						 &version, NULL) == HE_OK &&
				  version == OCC_INDEX_VERSION ? 1 : -1;
	return st->index_state > 0;
}

/* The largest series id there is. */
static int last_series(struct store *st, int64_t *id, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT max(id) FROM series", err);

	*id = 0;
	if (!s)
		return HE_INTERNAL;
	return store_int64(st, s, id, NULL, err);
}

int occ_index_behind(struct store *st, bool *behind, struct herr *err)
{
	int64_t last, indexed;
	int rc;

	*behind = !occ_index_current(st);
	if (*behind)
		return HE_OK;
	if ((rc = last_series(st, &last, err)) == HE_OK &&
	    (rc = occ_indexed_to(st, &indexed, err)) == HE_OK)
		*behind = last > indexed;
	return rc;
}

/* Indexes every series of ids. */
static int index_ids(struct store *st, sqlite3_stmt *s, struct herr *err)
{
	int64_t *ids = NULL;
	size_t n = 0, cap = 0;
	int rc;

	while (store_next(st, s, &rc, err)) {
		ids = xgrow(ids, &cap, n + 1, sizeof *ids);
		ids[n++] = sqlite3_column_int64(s, 0);
	}
	for (size_t i = 0; rc == HE_OK && i < n; i++)
		rc = index_one(st, ids[i], NULL, true, err);
	free(ids);
	return rc;
}

int occ_index_reset(struct store *st, struct herr *err)
{
	static const char *const sql[] = {
		"DELETE FROM occ_fixed", "DELETE FROM occ_cycle",
		"DELETE FROM occ_skip", "DELETE FROM occ_rule",
		"DELETE FROM occ_skipped",
		"DELETE FROM meta WHERE key IN ('occ_maxdur', 'occ_indexed_to')",
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
	occ_forget(st);
	st->horizon_checked = true;
	if (!(s = store_stmt(st, "SELECT id FROM series", err)))
		return HE_INTERNAL;
	if ((rc = index_ids(st, s, err)) == HE_OK &&
	    (rc = occ_index_flush(st, err)) == HE_OK)
		rc = store_set_meta_int(st, "occ_index_version",
					OCC_INDEX_VERSION, err);
	occ_forget(st);
	return rc;
}

int occ_index_catch_up(struct store *st, struct herr *err)
{
	sqlite3_stmt *s;
	int64_t indexed;
	int rc;

	if (!occ_index_current(st))
		return occ_index_reset(st, err);
	if ((rc = occ_indexed_to(st, &indexed, err)) != HE_OK)
		return rc;
	if (!(s = store_stmt(st, "SELECT id FROM series WHERE id > ?1", err)))
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, indexed);
	return index_ids(st, s, err);
}
