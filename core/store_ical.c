/* store_ical.c - storage for iCalendar exchange: walking series, versions. */
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

void series_ical_free(struct series_ical *x)
{
	free(x->extra);
	memset(x, 0, sizeof *x);
}

int store_series_version(struct store *st, const char *uid, int64_t *id,
			 int *revision, int64_t *updated, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT id, revision, updated FROM series WHERE uid = ?1", err);
	bool found;
	int rc;

	if (!s)
		return HE_INTERNAL;
	bind_text(s, 1, uid);
	if ((rc = store_row(st, s, &found, err)) != HE_OK)
		return rc;
	if (!found)
		return herr_set(err, HE_USER, _("no event has the ID '%s'"), uid);
	*id = sqlite3_column_int64(s, 0);
	*revision = sqlite3_column_int(s, 1);
	*updated = sqlite3_column_int64(s, 2);
	sqlite3_reset(s);
	return HE_OK;
}

/*
 * The series an import has seen are kept in a temporary table rather than
 * in the importer's memory: SQLite holds a temporary table's pages in a
 * small cache of its own and spills them to a file of its own (no lock,
 * no reader waits), so that an import of any size keeps it flat.
 */
int store_import_seen_reset(struct store *st, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st,
		"CREATE TEMP TABLE IF NOT EXISTS import_seen ("
		" id INTEGER PRIMARY KEY, line INTEGER NOT NULL,"
		" kept INTEGER NOT NULL)", err);
	int rc;

	if (!s || (rc = store_exec_stmt(st, s, err)) != HE_OK)
		return s ? rc : HE_INTERNAL;
	if (!(s = store_stmt(st, "DELETE FROM temp.import_seen", err)))
		return HE_INTERNAL;
	return store_exec_stmt(st, s, err);
}

int store_import_seen_put(struct store *st, int64_t id, long line, bool kept,
			  struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st,
		"INSERT OR REPLACE INTO temp.import_seen (id, line, kept)"
		" VALUES (?1, ?2, ?3)", err);

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, line);
	sqlite3_bind_int(s, 3, kept);
	return store_exec_stmt(st, s, err);
}

int store_import_seen_get(struct store *st, int64_t id, long *line,
			  bool *kept, bool *found, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT line, kept FROM temp.import_seen WHERE id = ?1", err);
	int rc;

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = store_row(st, s, found, err)) != HE_OK || !*found)
		return rc;
	*line = (long)sqlite3_column_int64(s, 0);
	*kept = sqlite3_column_int(s, 1) != 0;
	sqlite3_reset(s);
	return HE_OK;
}

static void read_ical(sqlite3_stmt *s, int c, struct series_ical *out)
{
	out->floating = sqlite3_column_int(s, c) != 0;
	out->extra = col_dup(s, c + 1);
}

int store_series_ical_get(struct store *st, int64_t series_id,
			  struct series_ical *out, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT floating, extra FROM series_ical WHERE series_id = ?1", err);
	bool found;
	int rc;

	memset(out, 0, sizeof *out);
	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, series_id);
	if ((rc = store_row(st, s, &found, err)) != HE_OK || !found)
		return rc;
	read_ical(s, 0, out);
	sqlite3_reset(s);
	return HE_OK;
}

/*
 * The conditions of a series_query on series s with venue v: ?1..?6. With
 * exact names (?6), a venue also matches a series with an occurrence
 * moved there or a segment held there, and an organisation one it is a
 * partner of a segment of: a feed of the venue or the organisation shows
 * them too.
 */
#define QUERY_WHERE \
	" WHERE (?1 IS NULL OR s.kind = ?1)" \
	" AND (?2 IS NULL OR (?6 = 0 AND instr(v.name, ?2) > 0)" \
	"  OR (?6 = 1 AND (v.name = ?2 OR EXISTS (SELECT 1 FROM override ov" \
	"   JOIN venue w ON w.id = ov.venue_id WHERE ov.series_id = s.id" \
	"   AND w.name = ?2) OR EXISTS (SELECT 1 FROM segment sg" \
	"   JOIN venue w ON w.id = sg.venue_id WHERE sg.series_id = s.id" \
	"   AND w.name = ?2))))" \
	" AND (?3 IS NULL OR EXISTS (SELECT 1 FROM series_org so JOIN org g" \
	"  ON g.id = so.org_id WHERE so.series_id = s.id" \
	"  AND (?6 = 0 AND instr(g.name, ?3) > 0 OR ?6 = 1 AND g.name = ?3))" \
	"  OR (?6 = 1 AND EXISTS (SELECT 1 FROM segment_partner sp JOIN org g" \
	"   ON g.id = sp.org_id WHERE sp.series_id = s.id AND g.name = ?3)))" \
	" AND (?5 = 0 OR (s.reach_end > ?4 AND s.reach_start < ?5))" \
	" AND NOT EXISTS (SELECT 1 FROM occ_skipped k WHERE k.series_id = s.id)"

static void bind_query(sqlite3_stmt *s, const struct series_query *q)
{
	bind_text(s, 1, str_empty(q->kind) ? NULL : q->kind);
	bind_text(s, 2, str_empty(q->venue) ? NULL : q->venue);
	bind_text(s, 3, str_empty(q->org) ? NULL : q->org);
	sqlite3_bind_int64(s, 4, q->from);
	sqlite3_bind_int64(s, 5, q->to);
	sqlite3_bind_int(s, 6, q->exact);
}

static bool uid_wanted(const struct series_query *q, const char *uid)
{
	return !q->uids || q->uids->n == 0 || strv_has(q->uids, uid);
}

/*
 * The child tables, each read in one scan ordered by series: a cursor is
 * moved past the rows of series before the current one, then its rows for
 * the current one are read.
 */
enum { CHILD_ORG, CHILD_AUDIENCE, CHILD_SEGMENT, CHILD_SEGMENT_PARTNER,
       CHILD_OVERRIDE, N_CHILD };

static const char *const child_sql[N_CHILD] = {
	"SELECT so.series_id, o.name, so.role FROM series_org so"
	" JOIN org o ON o.id = so.org_id ORDER BY so.series_id, so.pos",
	"SELECT series_id, tag FROM series_audience ORDER BY series_id, pos",
	"SELECT g.series_id, g.title, g.from_min, g.to_min, v.name, g.note"
	" FROM segment g LEFT JOIN venue v ON v.id = g.venue_id"
	" ORDER BY g.series_id, g.pos",
	/* After the segments, which their rows add to. */
	"SELECT p.series_id, p.segment, o.name FROM segment_partner p"
	" JOIN org o ON o.id = p.org_id ORDER BY p.series_id, p.segment, p.pos",
	"SELECT ov.series_id, ov.rid, ov.moved, ov.dtstart, ov.dtend, v.name,"
	" ov.cancelled, ov.note, ov.title, ov.description FROM override ov"
	" LEFT JOIN venue v ON v.id = ov.venue_id ORDER BY ov.series_id, ov.rid",
};

struct walk {
	struct store *st;
	sqlite3_stmt *main, *child[N_CHILD];
	int child_rc[N_CHILD];   /* last step's result */
};

static void walk_close(struct walk *w)
{
	sqlite3_finalize(w->main);
	for (int i = 0; i < N_CHILD; i++)
		sqlite3_finalize(w->child[i]);
}

static int walk_open(struct walk *w, const struct series_query *q,
		     struct herr *err)
{
	static const char main_sql[] =
		"SELECT s.id, " SERIES_COLUMNS ", x.floating, x.extra"
		" FROM series s LEFT JOIN venue v ON v.id = s.venue_id"
		" LEFT JOIN series_ical x ON x.series_id = s.id"
		QUERY_WHERE " ORDER BY s.id";

	if (sqlite3_prepare_v2(w->st->db, main_sql, -1, &w->main, NULL))
		return store_dberr(w->st, err);
	bind_query(w->main, q);
	for (int i = 0; i < N_CHILD; i++) {
		if (sqlite3_prepare_v2(w->st->db, child_sql[i], -1, &w->child[i],
				       NULL))
			return store_dberr(w->st, err);
		w->child_rc[i] = sqlite3_step(w->child[i]);
	}
	return HE_OK;
}

/* Adds the rows of child table i that belong to series s. */
static int walk_child(struct walk *w, int i, struct series *s,
		      struct herr *err)
{
	sqlite3_stmt *c = w->child[i];

	for (; w->child_rc[i] == SQLITE_ROW; w->child_rc[i] = sqlite3_step(c)) {
		int64_t id = sqlite3_column_int64(c, 0);
		enum role role = ROLE_PARTNER;
		if (id > s->id)
			break;
		if (id < s->id)
			continue;
		switch (i) {
		case CHILD_ORG:
			role_parse(col_text(c, 2), &role);
			series_add_org(s, col_text(c, 1), role);
			break;
		case CHILD_AUDIENCE:
			strv_add(&s->audience, col_text(c, 1));
			break;
		case CHILD_SEGMENT:
			store_read_segment(c, 1, s);
			break;
		case CHILD_SEGMENT_PARTNER:
			store_read_segment_partner(c, 1, s);
			break;
		default:
			store_read_override(c, 1, s);
			break;
		}
	}
	if (w->child_rc[i] != SQLITE_ROW && w->child_rc[i] != SQLITE_DONE)
		return store_dberr(w->st, err);
	return HE_OK;
}

/* Loads the current main row and its children into s and x. */
static int walk_load(struct walk *w, struct series *s, struct series_ical *x,
		     struct herr *err)
{
	int rc;

	series_init(s);
	s->id = sqlite3_column_int64(w->main, 0);
	if (store_read_series(w->main, 1, s) != HE_OK)
		return herr_set(err, HE_INTERNAL,
				_("database %s: event %s has a damaged schedule"),
				w->st->path, s->uid);
	read_ical(w->main, 1 + SERIES_NCOLUMNS, x);
	for (int i = 0; i < N_CHILD; i++)
		if ((rc = walk_child(w, i, s, err)) != HE_OK)
			return rc;
	return HE_OK;
}

int store_series_each(struct store *st, const struct series_query *q,
		      store_series_fn fn, void *ctx, struct herr *err)
{
	struct walk w = { .st = st };
	int rc;

	if ((rc = walk_open(&w, q, err)) != HE_OK) {
		walk_close(&w);
		return rc;
	}
	while (store_next(st, w.main, &rc, err)) {
		struct series s;
		struct series_ical x = { 0 };
		if (!uid_wanted(q, col_text(w.main, 1)))
			continue;
		rc = walk_load(&w, &s, &x, err);
		if (rc == HE_OK)
			rc = fn(ctx, &s, &x, err);
		series_free(&s);
		series_ical_free(&x);
		if (rc != HE_OK)
			break;
	}
	walk_close(&w);
	return rc;
}

/* Adds a series' reach to the span of its zone in *out. */
static void add_span(struct zone_span **out, size_t *n, size_t *cap,
		     const char *tzid, int64_t first, int64_t last)
{
	struct zone_span *z = NULL;

	for (size_t i = 0; i < *n && !z; i++)
		if (!strcmp((*out)[i].tzid, tzid))
			z = &(*out)[i];
	if (!z) {
		*out = xgrow(*out, cap, *n + 1, sizeof **out);
		z = &(*out)[(*n)++];
		memset(z, 0, sizeof *z);
		snprintf(z->tzid, sizeof z->tzid, "%s", tzid);
		z->first = first;
		z->last = first;
	}
	if (first < z->first)
		z->first = first;
	if (last == SCHED_FOREVER) {
		z->forever = true;
		last = first;
	}
	if (last > z->last)
		z->last = last;
}

static int by_tzid(const void *a, const void *b)
{
	return strcmp(((const struct zone_span *)a)->tzid,
		      ((const struct zone_span *)b)->tzid);
}

/* One zone's span at a time, summed up by SQLite when no UID is asked for:
 * a pass over 100k rows in C was a tenth of an export's time. */
static const char zones_grouped_sql[] =
	"SELECT s.tzid, min(s.reach_start),"
	" max(CASE WHEN s.reach_end = ?6 THEN s.reach_start ELSE s.reach_end END),"
	" max(s.reach_end = ?6)"
	" FROM series s"
	" LEFT JOIN venue v ON v.id = s.venue_id"
	" LEFT JOIN series_ical x ON x.series_id = s.id"
	QUERY_WHERE " AND NOT COALESCE(x.floating, 0) GROUP BY s.tzid";

static int zones_grouped(struct store *st, const struct series_query *q,
			 struct zone_span **out, size_t *n, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, zones_grouped_sql, err);
	size_t cap = 0;
	int rc;

	if (!s)
		return HE_INTERNAL;
	bind_query(s, q);
	sqlite3_bind_int64(s, 6, SCHED_FOREVER);
	while (store_next(st, s, &rc, err)) {
		add_span(out, n, &cap, col_text(s, 0), sqlite3_column_int64(s, 1),
			 sqlite3_column_int64(s, 2));
		(*out)[*n - 1].forever = sqlite3_column_int(s, 3) != 0;
	}
	return rc;
}

int store_series_zones(struct store *st, const struct series_query *q,
		       struct zone_span **out, size_t *n, struct herr *err)
{
	static const char sql[] =
		"SELECT s.uid, s.tzid, s.reach_start, s.reach_end FROM series s"
		" LEFT JOIN venue v ON v.id = s.venue_id"
		" LEFT JOIN series_ical x ON x.series_id = s.id"
		QUERY_WHERE " AND NOT COALESCE(x.floating, 0)";
	sqlite3_stmt *s;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!q->uids || q->uids->n == 0)
		rc = zones_grouped(st, q, out, n, err);
	else if (!(s = store_stmt(st, sql, err)))
		return HE_INTERNAL;
	else {
		bind_query(s, q);
		while (store_next(st, s, &rc, err))
			if (uid_wanted(q, col_text(s, 0)))
				add_span(out, n, &cap, col_text(s, 1),
					 sqlite3_column_int64(s, 2),
					 sqlite3_column_int64(s, 3));
	}
	if (rc != HE_OK) {
		free(*out);
		*out = NULL;
		*n = 0;
		return rc;
	}
	if (*n)
		qsort(*out, *n, sizeof **out, by_tzid);
	return HE_OK;
}
