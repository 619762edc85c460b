/*
 * store_keys.c - the occurrences that start in a span of time, read from
 * the index (store_index.c) before anything about their series is looked
 * up: occ_fixed and override rows as they are, the patterns of occ_cycle
 * placed in the span, and the rules whose stored span misses it expanded in
 * memory, as is everything when the stored index is not this hearth's.
 */
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void occ_keys_free(struct occ_keys *k)
{
	free(k->v);
	memset(k, 0, sizeof *k);
}

static void add_key(struct occ_keys *k, const struct occ_key *key)
{
	k->v = xgrow(k->v, &k->cap, k->n + 1, sizeof *k->v);
	k->v[k->n++] = *key;
}

static int key_order(const void *a, const void *b)
{
	const struct occ_key *x = a, *y = b;

	if (x->start != y->start)
		return (x->start > y->start) - (x->start < y->start);
	if (x->series_id != y->series_id)
		return (x->series_id > y->series_id) - (x->series_id < y->series_id);
	return (x->rid > y->rid) - (x->rid < y->rid);
}

void occ_keys_sort(struct occ_keys *k)
{
	if (k->n > 1)
		qsort(k->v, k->n, sizeof *k->v, key_order);
}

/* ---- (series, original start) pairs left out of patterns ---- */

struct skipset {
	struct skip {
		int64_t series_id, rid;
	} *v;
	size_t mask;             /* capacity - 1, a power of two minus one */
	size_t n;
};

static size_t skip_hash(int64_t series_id, int64_t rid)
{
	uint64_t h = (uint64_t)series_id * 0x9e3779b97f4a7c15ULL ^
		     (uint64_t)rid * 0xc2b2ae3d27d4eb4fULL;
	return (size_t)(h ^ (h >> 29));
}

static void skip_add(struct skipset *s, int64_t series_id, int64_t rid)
{
	size_t i;

	if (2 * (s->n + 1) > s->mask + 1) {
		struct skipset bigger = { NULL, s->mask ? 2 * s->mask + 1 : 63, 0 };
		bigger.v = xcalloc(bigger.mask + 1, sizeof *bigger.v);
		for (size_t j = 0; s->v && j <= s->mask; j++)
			if (s->v[j].series_id)
				skip_add(&bigger, s->v[j].series_id, s->v[j].rid);
		free(s->v);
		*s = bigger;
	}
	for (i = skip_hash(series_id, rid) & s->mask; s->v[i].series_id;
	     i = (i + 1) & s->mask)
		if (s->v[i].series_id == series_id && s->v[i].rid == rid)
			return;
	s->v[i].series_id = series_id;
	s->v[i].rid = rid;
	s->n++;
}

static bool skip_has(const struct skipset *s, int64_t series_id, int64_t rid)
{
	if (!s->n)
		return false;
	for (size_t i = skip_hash(series_id, rid) & s->mask; s->v[i].series_id;
	     i = (i + 1) & s->mask)
		if (s->v[i].series_id == series_id && s->v[i].rid == rid)
			return true;
	return false;
}

/* ---- one request ---- */

struct req {
	struct store *st;
	int64_t lo, hi, after;
	bool long_only;
	int64_t series_id;
	occ_key_fn fn;           /* each occurrence found, in no order */
	void *ctx;
	struct herr *err;
	struct skipset skip;
	/* The long ones only: the few patterns placed are looked up one by
	 * one in occ_skip and override, not every row of the span read. */
	bool lookup_skips;
	int rc;                  /* of a lookup in place() */
};

/* Binds ?1 lo, ?2 hi, ?3 after, ?4 series and steps through the rows. */
static sqlite3_stmt *range_stmt(struct req *r, const char *sql)
{
	sqlite3_stmt *s = store_stmt(r->st, sql, r->err);

	if (s) {
		sqlite3_bind_int64(s, 1, r->lo);
		sqlite3_bind_int64(s, 2, r->hi);
		sqlite3_bind_int64(s, 3, r->after);
		sqlite3_bind_int64(s, 4, r->series_id);
	}
	return s;
}

static int finish(struct req *r, sqlite3_stmt *s, int step)
{
	sqlite3_reset(s);
	return step == SQLITE_DONE ? HE_OK : store_dberr(r->st, r->err);
}

/* Exception dates and changed occurrences of patterns in the span. */
static int load_skips(struct req *r)
{
	static const char *const sql[] = {
		"SELECT series_id, rid FROM occ_skip WHERE rid_utc >= ?1"
		" AND rid_utc < ?2",
		"SELECT series_id, rid FROM override WHERE rid_utc >= ?1"
		" AND rid_utc < ?2",
	};
	int rc = HE_OK;

	for (size_t i = 0; rc == HE_OK && i < 2; i++) {
		sqlite3_stmt *s = range_stmt(r, sql[i]);
		int step;
		if (!s)
			return HE_INTERNAL;
		while ((step = sqlite3_step(s)) == SQLITE_ROW)
			skip_add(&r->skip, sqlite3_column_int64(s, 0),
				 sqlite3_column_int64(s, 1));
		rc = finish(r, s, step);
	}
	return rc;
}

/* occ_fixed and override rows (overridden: the second). */
static int read_rows(struct req *r, bool overrides)
{
	/* The long ones match the partial index occ_fixed_long. */
	static const char fixed[] =
		"SELECT start_utc, end_utc, series_id, rid, 0 FROM occ_fixed"
		" WHERE start_utc >= ?1 AND start_utc < ?2 AND end_utc > ?3";
	static const char fixed_long[] =
		"SELECT start_utc, end_utc, series_id, rid, 0 FROM occ_fixed"
		" INDEXED BY occ_fixed_long"
		" WHERE start_utc >= ?1 AND start_utc < ?2 AND end_utc > ?3"
		" AND end_utc - start_utc > 21600";
	static const char changed[] =
		"SELECT start_utc, end_utc, series_id, rid, cancelled FROM override"
		" WHERE start_utc >= ?1 AND start_utc < ?2 AND end_utc > ?3";
	/* The long ones from the partial index override_long, which holds
	 * every column read: through override_start, each change of the
	 * three days before a screenful was a row of the table read. */
	static const char changed_long[] =
		"SELECT start_utc, end_utc, series_id, rid, cancelled FROM override"
		" INDEXED BY override_long"
		" WHERE start_utc >= ?1 AND start_utc < ?2 AND end_utc > ?3"
		" AND end_utc - start_utc > 21600";
	/* One series' by its key: through the start index, a series' few
	 * were looked for among every change of the span. */
	static const char changed_of[] =
		"SELECT start_utc, end_utc, series_id, rid, cancelled FROM override"
		" WHERE series_id = ?4 AND start_utc >= ?1 AND start_utc < ?2"
		" AND end_utc > ?3";
	sqlite3_stmt *s = range_stmt(r, overrides ? (r->series_id ? changed_of
						     : r->long_only ? changed_long
						     : changed)
					   : r->long_only ? fixed_long : fixed);
	int step;

	if (!s)
		return HE_INTERNAL;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct occ_key k = {
			.start = sqlite3_column_int64(s, 0),
			.end = sqlite3_column_int64(s, 1),
			.series_id = sqlite3_column_int64(s, 2),
			.rid = sqlite3_column_int64(s, 3),
			.cancelled = sqlite3_column_int(s, 4) != 0,
			.overridden = overrides,
		};
		if (!r->long_only || k.end - k.start > OCC_SHORT)
			r->fn(r->ctx, &k);
	}
	return finish(r, s, step);
}

/* ---- patterns ---- */

/*
 * The next value after `after` in column order of occ_cycle's key: a zone
 * (period < 0) or a period of zone `zone`. One seek each; asked as a row
 * value (zone, period) > (?, ?), SQLite sought the zone and then walked
 * its rows (tens of thousands for each of a screenful's few groups).
 */
static int next_in_key(struct store *st, int64_t zone, int64_t period,
		       struct occ_group *out, bool *found, struct herr *err)
{
	sqlite3_stmt *s = period < 0
		? store_stmt(st, "SELECT zone, 0 FROM occ_cycle WHERE zone > ?1"
			     " ORDER BY zone LIMIT 1", err)
		: store_stmt(st, "SELECT zone, period FROM occ_cycle WHERE"
			     " zone = ?1 AND period > ?2 ORDER BY period LIMIT 1",
			     err);
	int rc;

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, zone);
	sqlite3_bind_int64(s, 2, period);
	if ((rc = store_row(st, s, found, err)) == HE_OK && *found) {
		out->zone = sqlite3_column_int64(s, 0);
		out->period = sqlite3_column_int64(s, 1);
		sqlite3_reset(s);
	}
	return rc;
}

/* The name of zone number id in occ_zone. */
static int zone_name(struct store *st, struct occ_group *g, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT tzid FROM occ_zone WHERE id = ?1",
				     err);
	bool found;
	int rc;

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, g->zone);
	g->tzid[0] = '\0';
	if ((rc = store_row(st, s, &found, err)) == HE_OK && found) {
		snprintf(g->tzid, sizeof g->tzid, "%s", col_text(s, 0));
		sqlite3_reset(s);
	}
	return rc;
}

/* Loads the zones and periods of occ_cycle. */
static int load_groups(struct store *st, struct herr *err)
{
	struct occ_group zone = { 0, -1, "", NULL, 0, 0, false }, g;
	size_t cap = 0;
	bool found;
	int rc;

	if (st->groups_known)
		return HE_OK;
	occ_groups_forget_rows(st);
	st->n_groups = 0;
	zone.zone = -1;
	while ((rc = next_in_key(st, zone.zone, -1, &zone, &found, err)) ==
	       HE_OK && found) {
		if ((rc = zone_name(st, &zone, err)) != HE_OK)
			return rc;
		g = zone;
		/* Periods are positive: 0 finds the zone's first. */
		g.period = 0;
		g.rows = NULL;
		g.n_rows = g.cap_rows = 0;
		g.loaded = false;
		while ((rc = next_in_key(st, zone.zone, g.period, &g, &found,
					 err)) == HE_OK && found) {
			st->groups = xgrow(st->groups, &cap, st->n_groups + 1,
					   sizeof *st->groups);
			st->groups[st->n_groups++] = g;
		}
		if (rc != HE_OK)
			return rc;
	}
	if (rc == HE_OK)
		st->groups_known = true;
	return rc;
}

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && a < 0) ? q - 1 : q;
}

/* Whether (series_id, rid) is an exception date or changed, asked of the
 * database: two seeks. */
static bool skip_found(struct req *r, int64_t series_id, int64_t rid)
{
	static const char *const sql[] = {
		"SELECT 1 FROM occ_skip WHERE series_id = ?1 AND rid = ?2",
		"SELECT 1 FROM override WHERE series_id = ?1 AND rid = ?2",
	};
	bool found = false;

	for (size_t i = 0; r->rc == HE_OK && !found && i < 2; i++) {
		sqlite3_stmt *s = store_stmt(r->st, sql[i], r->err);
		if (!s) {
			r->rc = HE_INTERNAL;
			break;
		}
		sqlite3_bind_int64(s, 1, series_id);
		sqlite3_bind_int64(s, 2, rid);
		if ((r->rc = store_row(r->st, s, &found, r->err)) == HE_OK &&
		    found)
			sqlite3_reset(s);
	}
	return found || r->rc != HE_OK;
}

/*
 * A group's zone over the wall-clock span of a request: when one offset is
 * in force all through it (every zone without DST, and most months of the
 * others), a start is w - offset, not a tz_wall_to_utc each (a seventh of
 * a warm month view's instructions at 100k series).
 */
struct group_zone {
	const struct tz *z;
	bool fixed;
	int offset;
};

/* The row's occurrence at wall-clock time w, if the request wants it. */
static void place(struct req *r, const struct group_zone *zs,
		  const struct pattern_row *row, int64_t w)
{
	const struct tz *z = zs->z;
	struct occ_key k;

	if (w < row->first || w > row->last)
		return;
	k.start = zs->fixed ? w - zs->offset : tz_wall_to_utc(z, w);
	if (k.start < r->lo || k.start >= r->hi)
		return;
	k.end = row->all_day ? tz_wall_to_utc(z, w + row->length)
			     : k.start + row->length;
	if (k.end <= r->after)
		return;
	if (r->lookup_skips ? skip_found(r, row->series_id, w)
			    : skip_has(&r->skip, row->series_id, w))
		return;
	k.series_id = row->series_id;
	k.rid = w;
	k.cancelled = k.overridden = false;
	r->fn(r->ctx, &k);
}

void occ_groups_forget_rows(struct store *st)
{
	for (size_t i = 0; i < st->n_groups; i++) {
		free(st->groups[i].rows);
		st->groups[i].rows = NULL;
		st->groups[i].n_rows = st->groups[i].cap_rows = 0;
		st->groups[i].loaded = false;
	}
}

void store_keep_patterns(struct store *st, bool keep)
{
	st->keep_patterns = keep;
	if (!keep) {
		occ_preload_drop(st);
		occ_groups_forget_rows(st);
	}
}

/* Appends the rows of statement s (bound) to g's; *n counts them. */
static int append_rows(struct store *st, sqlite3_stmt *s, struct occ_group *g,
		       size_t max, size_t *n, struct herr *err)
{
	int rc = HE_OK;

	while ((!max || *n < max) && store_next(st, s, &rc, err)) {
		g->rows = xgrow(g->rows, &g->cap_rows, g->n_rows + 1,
				sizeof *g->rows);
		g->rows[g->n_rows++] = (struct pattern_row){
			sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1),
			sqlite3_column_int64(s, 2), sqlite3_column_int64(s, 3),
			sqlite3_column_int64(s, 4), sqlite3_column_int(s, 5) != 0,
		};
		++*n;
	}
	if (max && *n >= max)
		sqlite3_reset(s);
	return rc;
}

/*
 * Reads the rows of a group into memory in phase order, after those it
 * holds: at most max (0: all); *done when the group is whole. Two seeks
 * resume after the last row held: the rest of its phase, then the phases
 * after it.
 */
static int load_rows(struct store *st, struct occ_group *g, size_t max,
		     struct herr *err)
{
	static const char *const sql[] = {
		"SELECT phase, series_id, first, last, length, all_day"
		" FROM occ_cycle WHERE zone = ?1 AND period = ?2"
		" ORDER BY phase, series_id",
		"SELECT phase, series_id, first, last, length, all_day"
		" FROM occ_cycle WHERE zone = ?1 AND period = ?2 AND phase = ?3"
		" AND series_id > ?4 ORDER BY series_id",
		"SELECT phase, series_id, first, last, length, all_day"
		" FROM occ_cycle WHERE zone = ?1 AND period = ?2 AND phase > ?3"
		" ORDER BY phase, series_id",
	};
	size_t n = 0;
	int rc = HE_OK;

	for (size_t i = g->n_rows ? 1 : 0; rc == HE_OK && i < 3 &&
					   (!max || n < max); i++) {
		sqlite3_stmt *s = store_stmt(st, sql[i], err);
		if (!s)
			return HE_INTERNAL;
		sqlite3_bind_int64(s, 1, g->zone);
		sqlite3_bind_int64(s, 2, g->period);
		if (i > 0) {
			sqlite3_bind_int64(s, 3, g->rows[g->n_rows - 1].phase);
			sqlite3_bind_int64(s, 4, g->rows[g->n_rows - 1].series_id);
		}
		rc = append_rows(st, s, g, max, &n, err);
		if (i == 0)
			break;
	}
	if (rc != HE_OK) {
		free(g->rows);
		g->rows = NULL;
		g->n_rows = g->cap_rows = 0;
		return rc;
	}
	g->loaded = !max || n < max;
	return HE_OK;
}

int store_preload_patterns(struct store *st, size_t max, bool *done,
			   struct herr *err)
{
	size_t i;
	int rc;

	*done = true;
	if (!st->keep_patterns || st->depth > 0)
		return HE_OK;
	if ((rc = store_read_begin(st, err)) != HE_OK)
		return rc;
	/* After BEGIN: a commit by another process seen there forgets them. */
	store_data_version(st);
	if ((rc = load_groups(st, err)) == HE_OK) {
		/* The thread's, once it is done; meanwhile a pause, not the
		 * same rows read here too. */
		if (occ_preload_pending(st)) {
			store_read_end(st);
			occ_preload_wait_a_little(st);
			*done = false;
			return HE_OK;
		}
		occ_preload_take(st, false);
		for (i = 0; i < st->n_groups && st->groups[i].loaded; i++)
			;
		if (i < st->n_groups) {
			size_t before = st->groups[i].n_rows;
			rc = load_rows(st, &st->groups[i], max, err);
			/* An empty step (rows gone meanwhile) ends the group. */
			if (rc == HE_OK && st->groups[i].n_rows == before)
				st->groups[i].loaded = true;
			*done = rc != HE_OK || (i + 1 == st->n_groups &&
						 st->groups[i].loaded);
		}
	}
	store_read_end(st);
	return rc;
}

/* scan_phases on the rows kept in memory: the same rows, the same tests. */
static int scan_kept(struct req *r, const struct occ_group *g,
		     const struct group_zone *z, int64_t p0, int64_t p1, int64_t base,
		     int64_t wall_from, int64_t wall_to)
{
	size_t lo = 0, hi = g->n_rows;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (g->rows[mid].phase < p0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < g->n_rows && g->rows[i].phase < p1; i++) {
		const struct pattern_row *row = &g->rows[i];
		if (row->last < wall_from || row->first >= wall_to ||
		    (r->long_only && row->length <= OCC_SHORT))
			continue;
		for (int64_t w = base + row->phase; w < wall_to; w += g->period)
			if (w >= wall_from)
				place(r, z, row, w);
		if (r->rc != HE_OK)
			return r->rc;
	}
	return HE_OK;
}

/* Reads the rows of a group with phase in [p0, p1) and places each at
 * base + phase and every period after while before wall_to. */
static int scan_read(struct req *r, const struct occ_group *g,
		     const struct group_zone *z, int64_t p0, int64_t p1, int64_t base,
		     int64_t wall_from, int64_t wall_to)
{
	/*
	 * The long ones from the partial index occ_cycle_long, which holds
	 * every column read: left to itself, SQLite walked the whole table
	 * for them (days of phases, 60 million instructions a screenful).
	 */
	static const char all[] =
		"SELECT phase, series_id, first, last, length, all_day"
		" FROM occ_cycle WHERE zone = ?1 AND period = ?2 AND phase >= ?3"
		" AND phase < ?4 AND last >= ?5 AND first < ?6";
	static const char longer[] =
		"SELECT phase, series_id, first, last, length, all_day"
		" FROM occ_cycle INDEXED BY occ_cycle_long WHERE zone = ?1"
		" AND period = ?2 AND phase >= ?3 AND phase < ?4 AND last >= ?5"
		" AND first < ?6 AND length > 21600";
	sqlite3_stmt *s = store_stmt(r->st, r->long_only ? longer : all, r->err);
	int step;

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, g->zone);
	sqlite3_bind_int64(s, 2, g->period);
	sqlite3_bind_int64(s, 3, p0);
	sqlite3_bind_int64(s, 4, p1);
	sqlite3_bind_int64(s, 5, wall_from);
	sqlite3_bind_int64(s, 6, wall_to);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct pattern_row row = {
			sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1),
			sqlite3_column_int64(s, 2), sqlite3_column_int64(s, 3),
			sqlite3_column_int64(s, 4), sqlite3_column_int(s, 5) != 0,
		};
		for (int64_t w = base + row.phase; w < wall_to; w += g->period)
			if (w >= wall_from)
				place(r, z, &row, w);
		if (r->rc != HE_OK) {
			sqlite3_reset(s);
			return r->rc;
		}
	}
	return finish(r, s, step);
}

/*
 * scan_read, or the same from memory: a group read whole is kept when the
 * store keeps patterns (a month view at 100k series read its 66k rows
 * through SQLite, 130 of its 230 million instructions), and every later
 * read of it is served from memory until the index changes.
 */
static int scan_phases(struct req *r, struct occ_group *g,
		       const struct group_zone *z, int64_t p0, int64_t p1, int64_t base,
		       int64_t wall_from, int64_t wall_to)
{
	bool whole = r->st->keep_patterns && !r->long_only && p0 == 0 &&
		     p1 == g->period;
	int rc;

	/* The thread's rows: waited for only where they would be read here
	 * whole, which takes as long. */
	if (!g->loaded && r->st->preload)
		occ_preload_take(r->st, whole);
	/* Read whole: also the rest of one begun while idle. */
	if (!g->loaded && whole && (rc = load_rows(r->st, g, 0, r->err)) != HE_OK)
		return rc;
	if (g->loaded)
		return scan_kept(r, g, z, p0, p1, base, wall_from, wall_to);
	return scan_read(r, g, z, p0, p1, base, wall_from, wall_to);
}

/* The occurrences of one zone and period's patterns in the request. */
static int read_group(struct req *r, struct occ_group *g)
{
	struct group_zone zs = { tz_get(g->tzid), false, 0 }, *z = &zs;
	int64_t wa, wb, p0, base, period = g->period;
	int rc;

	if (!zs.z || period <= 0)
		return HE_OK; /* a damaged row: left out */
	tz_wall_span(zs.z, r->lo, r->hi, &wa, &wb);
	zs.fixed = tz_fixed_between(zs.z, wa, wb, &zs.offset);
	base = floor_div(wa, period) * period;
	p0 = wa - base;
	/* A span of a period or more reads every row once. */
	if (wb - wa >= period)
		return scan_phases(r, g, z, 0, period, base, wa, wb);
	if (p0 + (wb - wa) <= period)
		return scan_phases(r, g, z, p0, p0 + (wb - wa), base, wa, wb);
	if ((rc = scan_phases(r, g, z, p0, period, base, wa, wb)) != HE_OK)
		return rc;
	return scan_phases(r, g, z, 0, p0 + (wb - wa) - period, base + period,
			   wa, wb);
}

static int read_patterns(struct req *r)
{
	int rc = load_groups(r->st, r->err);

	for (size_t i = 0; rc == HE_OK && i < r->st->n_groups; i++)
		rc = read_group(r, &r->st->groups[i]);
	return rc;
}

/* ---- expanded in memory ---- */

/*
 * Works out the pattern of a schedule read from the file (it is not
 * stored), so that expanding it needs no libical iterator; a row that no
 * longer prepares is expanded as it was stored.
 */
static void prepare_for_expansion(struct sched *sc)
{
	struct sched copy;

	sched_copy(&copy, sc);
	if (sched_prepare(&copy, NULL) == HE_OK) {
		sched_free(sc);
		*sc = copy;
	} else {
		sched_free(&copy);
	}
}

/* The series' instances in [a, b), changed ones left to their override. */
static int expand_series(struct req *r, int64_t id, int64_t a, int64_t b)
{
	struct sched sc;
	struct instances in = { 0 };
	struct skipset changed = { 0 };
	sqlite3_stmt *s;
	int rc;

	if (a < r->lo)
		a = r->lo;
	if (b > r->hi)
		b = r->hi;
	if (a >= b)
		return HE_OK;
	sched_init(&sc);
	if ((rc = store_sched_load(r->st, id, &sc, r->err)) != HE_OK)
		return rc;
	prepare_for_expansion(&sc);
	if (!(s = store_stmt(r->st, "SELECT rid FROM override WHERE"
			     " series_id = ?1", r->err))) {
		sched_free(&sc);
		return HE_INTERNAL;
	}
	sqlite3_bind_int64(s, 1, id);
	while (store_next(r->st, s, &rc, r->err))
		skip_add(&changed, id, sqlite3_column_int64(s, 0));
	/* A schedule that cannot be expanded is left out, not the listing;
	 * the next open for writing records it (occ_skipped) to be named. */
	if (rc == HE_OK && sched_expand(&sc, a, b, 0, &in, NULL) != HE_OK)
		in.n = 0;
	for (size_t i = 0; rc == HE_OK && i < in.n; i++) {
		struct occ_key k = { in.v[i].start, in.v[i].end, id,
				     civil_to_seconds(&in.v[i].rid), false, false };
		if (k.end > r->after && !skip_has(&changed, id, k.rid) &&
		    (!r->long_only || k.end - k.start > OCC_SHORT))
			r->fn(r->ctx, &k);
	}
	instances_free(&in);
	free(changed.v);
	sched_free(&sc);
	return rc;
}

/* Rules without a pattern whose stored span misses part of the request. */
static int read_unstored(struct req *r)
{
	sqlite3_stmt *s = range_stmt(r,
		"SELECT series_id, fixed_from, fixed_to FROM occ_rule"
		" WHERE reach_end > ?1 AND reach_start < ?2"
		" AND (fixed_from > ?1 OR fixed_to < ?2)");
	struct { int64_t id, from, to; } *v = NULL;
	size_t n = 0, cap = 0;
	int rc, step;

	if (!s)
		return HE_INTERNAL;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		v = xgrow(v, &cap, n + 1, sizeof *v);
		v[n].id = sqlite3_column_int64(s, 0);
		v[n].from = sqlite3_column_int64(s, 1);
		v[n++].to = sqlite3_column_int64(s, 2);
	}
	rc = finish(r, s, step);
	for (size_t i = 0; rc == HE_OK && i < n; i++) {
		rc = expand_series(r, v[i].id, r->lo, v[i].from);
		if (rc == HE_OK)
			rc = expand_series(r, v[i].id,
					   v[i].to > v[i].from ? v[i].to : v[i].from,
					   r->hi);
	}
	free(v);
	return rc;
}

/*
 * Series written after the index was (by another program, on a file this
 * connection may only read): expanded in memory. One seek when there are
 * none: NOT INDEXED keeps SQLite on the rowid range, where it chose the
 * index series_reach and read every series reaching the request (67k at
 * 100k series: 9 of a screenful's 10 ms, make bench).
 */
static int read_unindexed(struct req *r)
{
	sqlite3_stmt *s;
	int64_t indexed, *ids = NULL;
	size_t n = 0, cap = 0;
	int rc;

	if ((rc = occ_indexed_to(r->st, &indexed, r->err)) != HE_OK)
		return rc;
	if (!(s = store_stmt(r->st, "SELECT id FROM series NOT INDEXED"
			     " WHERE id > ?1 AND reach_end > ?2 AND"
			     " reach_start < ?3", r->err)))
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, indexed);
	sqlite3_bind_int64(s, 2, r->lo);
	sqlite3_bind_int64(s, 3, r->hi);
	while (store_next(r->st, s, &rc, r->err)) {
		ids = xgrow(ids, &cap, n + 1, sizeof *ids);
		ids[n++] = sqlite3_column_int64(s, 0);
	}
	for (size_t i = 0; rc == HE_OK && i < n; i++)
		rc = expand_series(r, ids[i], r->lo, r->hi);
	free(ids);
	return rc;
}

/* An index from another hearth that this connection may not rebuild:
 * every series that reaches the request, expanded in memory. */
static int read_all_live(struct req *r)
{
	sqlite3_stmt *s = range_stmt(r,
		"SELECT id FROM series WHERE reach_end > ?1 AND reach_start < ?2");
	int64_t *ids = NULL;
	size_t n = 0, cap = 0;
	int rc, step;

	if (!s)
		return HE_INTERNAL;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		ids = xgrow(ids, &cap, n + 1, sizeof *ids);
		ids[n++] = sqlite3_column_int64(s, 0);
	}
	rc = finish(r, s, step);
	for (size_t i = 0; rc == HE_OK && i < n; i++)
		rc = expand_series(r, ids[i], r->lo, r->hi);
	free(ids);
	return rc;
}

static void keep_key(void *ctx, const struct occ_key *k)
{
	add_key(ctx, k);
}

int occ_keys_range(struct store *st, int64_t lo, int64_t hi, int64_t after,
		   bool long_only, int64_t series_id, struct occ_keys *out,
		   struct herr *err)
{
	return occ_keys_each(st, lo, hi, after, long_only, series_id, keep_key,
			     out, err);
}

int occ_keys_each(struct store *st, int64_t lo, int64_t hi, int64_t after,
		  bool long_only, int64_t series_id, occ_key_fn fn, void *ctx,
		  struct herr *err)
{
	struct req r = { st, lo, hi, after, long_only, series_id, fn, ctx, err,
			 { 0 }, long_only, HE_OK };
	int rc;

	if (hi <= lo)
		return HE_OK;
	/* What the store cached of the index may be another process's past;
	 * rows a bulk write keeps waiting must be in to be read. */
	store_data_version(st);
	if ((rc = occ_pending_flush(st, err)) != HE_OK ||
	    (rc = read_rows(&r, true)) != HE_OK)
		return rc;
	/* One series: its schedule expanded is quicker than its index rows. */
	if (series_id)
		return expand_series(&r, series_id, lo, hi);
	if (!occ_index_current(st))
		return read_all_live(&r);
	if ((rc = read_rows(&r, false)) == HE_OK &&
	    (r.lookup_skips || (rc = load_skips(&r)) == HE_OK) &&
	    (rc = read_patterns(&r)) == HE_OK &&
	    (rc = read_unstored(&r)) == HE_OK)
		rc = read_unindexed(&r);
	free(r.skip.v);
	return rc;
}
