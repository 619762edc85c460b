/* store_series.c - saving, loading, finding and deleting series. */
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "changes.h"
#include "i18n.h"
#include "text.h"

int store_series_by_uid(struct store *st, const char *uid, int64_t *series_id,
			struct herr *err)
{
	int64_t updated;
	int revision;

	return store_series_version(st, uid, series_id, &revision, &updated, err);
}

/* Lists the candidates of an ambiguous prefix in err; s is on the first. */
static int ambiguous(struct store *st, sqlite3_stmt *s, const char *id,
		     struct herr *err)
{
	struct sbuf b = { 0 };
	int n = 0, rc = HE_OK;

	do {
		char *title = text_fit(col_text(s, 2), 20, false);
		if (n++ == 4) {
			sbuf_add(&b, " …");
			free(title);
			sqlite3_reset(s);
			break;
		}
		sbuf_addf(&b, " %.12s (%s)", col_text(s, 1), title);
		free(title);
	} while (store_next(st, s, &rc, err));
	if (rc != HE_OK) {
		sbuf_free(&b);
		return rc;
	}
	/* TRANSLATORS: the second %s lists the candidates, each as
	   " 1b4e28ba-2fa1 (title)". */
	herr_set(err, HE_USER, _("ID '%s' matches several events:%s; give more "
				 "of it"), id, sbuf_str(&b));
	sbuf_free(&b);
	return HE_USER;
}

int store_series_find(struct store *st, const char *id, int64_t *series_id,
		      struct herr *err)
{
	sqlite3_stmt *s;
	char *upper;
	bool found;
	int rc;

	if (str_empty(id))
		return herr_set(err, HE_USER, _("no event ID given"));
	if (store_series_by_uid(st, id, series_id, NULL) == HE_OK)
		return HE_OK;
	s = store_stmt(st,
		"SELECT id, uid, title FROM series WHERE uid >= ?1 AND uid < ?2 "
		"ORDER BY uid LIMIT 6", err);
	if (!s)
		return HE_INTERNAL;
	/*
	 * No UTF-8 byte is 0xFF, so this bounds every UID with the prefix. It
	 * must be bound as TEXT: SQLite orders every TEXT before every BLOB.
	 */
	upper = xasprintf("%s\xff", id);
	bind_text(s, 1, id);
	bind_text(s, 2, upper);
	free(upper);
	if ((rc = store_row(st, s, &found, err)) != HE_OK)
		return rc;
	if (!found)
		return herr_set(err, HE_USER, _("no event has the ID '%s'"), id);
	*series_id = sqlite3_column_int64(s, 0);
	if (!store_next(st, s, &rc, err))
		return rc; /* the only match, or an error */
	sqlite3_reset(s);
	if ((rc = store_row(st, s, &found, err)) != HE_OK || !found)
		return rc != HE_OK ? rc : herr_set(err, HE_USER,
				_("no event has the ID '%s'"), id);
	return ambiguous(st, s, id, err);
}

int store_read_sched(sqlite3_stmt *s, int c, struct sched *out)
{
	bool date_only;

	snprintf(out->tzid, sizeof out->tzid, "%s", col_text(s, c));
	out->all_day = sqlite3_column_int(s, c + 1) != 0;
	if (!civil_parse(col_text(s, c + 2), &out->start, &date_only) ||
	    !civil_parse(col_text(s, c + 3), &out->end, &date_only) ||
	    !civil_list_parse(col_text(s, c + 5), &out->rdates) ||
	    !civil_list_parse(col_text(s, c + 6), &out->exdates))
		return HE_INTERNAL;
	out->rrule = col_dup(s, c + 4);
	out->xrule = col_dup(s, c + 7);
	out->reach_start = sqlite3_column_int64(s, c + 8);
	out->reach_end = sqlite3_column_int64(s, c + 9);
	return HE_OK;
}

int store_sched_get(struct store *st, int64_t series_id, int missing,
		    struct sched *out, struct herr *damaged, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT " SCHED_COLUMNS " FROM series WHERE id = ?1", err);
	bool found;
	int rc;

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, series_id);
	if ((rc = store_row(st, s, &found, err)) != HE_OK)
		return rc;
	if (!found)
		return herr_set(err, missing, _("event %lld no longer exists"),
				(long long)series_id);
	rc = store_read_sched(s, 0, out);
	sqlite3_reset(s);
	if (rc == HE_OK)
		return HE_OK;
	if (damaged) {
		herr_set(damaged, HE_INTERNAL, "%s", _("its schedule is damaged"));
		return HE_OK;
	}
	return herr_set(err, HE_INTERNAL,
			_("database %s: event %lld has a damaged schedule"),
			st->path, (long long)series_id);
}

int store_sched_load(struct store *st, int64_t series_id, struct sched *out,
		     struct herr *err)
{
	return store_sched_get(st, series_id, HE_USER, out, NULL, err);
}

int store_read_series(sqlite3_stmt *s, int c, struct series *out)
{
	out->uid = col_dup(s, c);
	out->kind = col_dup(s, c + 1);
	out->title = col_dup(s, c + 2);
	out->description = col_dup(s, c + 3);
	out->venue = col_dup(s, c + 4);
	out->capacity = sqlite3_column_int(s, c + 5);
	out->contact = col_dup(s, c + 6);
	status_parse(col_text(s, c + 7), &out->status);
	out->created = sqlite3_column_int64(s, c + 8);
	out->updated = sqlite3_column_int64(s, c + 9);
	out->revision = sqlite3_column_int(s, c + 10);
	if (!alarms_from_text(col_text(s, c + 11), &out->alarms))
		return HE_INTERNAL;
	return store_read_sched(s, c + 12, &out->sched);
}

static int load_main(struct store *st, int64_t id, struct series *out,
		     struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT " SERIES_COLUMNS " FROM series s"
		" LEFT JOIN venue v ON v.id = s.venue_id WHERE s.id = ?1", err);
	bool found;
	int rc;

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = store_row(st, s, &found, err)) != HE_OK)
		return rc;
	if (!found)
		return herr_set(err, HE_USER,
				_("the event no longer exists (deleted by "
				"someone else?)"));
	out->id = id;
	rc = store_read_series(s, 0, out);
	sqlite3_reset(s);
	if (rc != HE_OK)
		return herr_set(err, HE_INTERNAL,
				_("database %s: event %s has a damaged schedule"),
				st->path, out->uid);
	return HE_OK;
}

/* The segments of out, then their partners in order. */
static int load_segments(struct store *st, struct series *out,
			 struct herr *err)
{
	sqlite3_stmt *s;
	int rc;

	if (!(s = store_stmt(st,
		"SELECT g.title, g.from_min, g.to_min, v.name, g.note FROM segment g"
		" LEFT JOIN venue v ON v.id = g.venue_id WHERE g.series_id = ?1"
		" ORDER BY g.pos", err)))
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, out->id);
	while (store_next(st, s, &rc, err))
		store_read_segment(s, 0, out);
	if (rc != HE_OK)
		return rc;
	if (!(s = store_stmt(st,
		"SELECT p.segment, o.name FROM segment_partner p JOIN org o"
		" ON o.id = p.org_id WHERE p.series_id = ?1"
		" ORDER BY p.segment, p.pos", err)))
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, out->id);
	while (store_next(st, s, &rc, err))
		store_read_segment_partner(s, 0, out);
	return rc;
}

static int load_children(struct store *st, struct series *out,
			 struct herr *err)
{
	sqlite3_stmt *s;
	int rc;

	if (!(s = store_stmt(st,
		"SELECT o.name, so.role FROM series_org so JOIN org o"
		" ON o.id = so.org_id WHERE so.series_id = ?1 ORDER BY so.pos",
		err)))
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, out->id);
	while (store_next(st, s, &rc, err)) {
		enum role role = ROLE_PARTNER;
		role_parse(col_text(s, 1), &role);
		series_add_org(out, col_text(s, 0), role);
	}
	if (rc != HE_OK)
		return rc;
	if (!(s = store_stmt(st,
		"SELECT tag FROM series_audience WHERE series_id = ?1 "
		"ORDER BY pos", err)))
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, out->id);
	while (store_next(st, s, &rc, err))
		strv_add(&out->audience, col_text(s, 0));
	if (rc != HE_OK)
		return rc;
	return load_segments(st, out, err);
}

void store_read_segment(sqlite3_stmt *s, int c, struct series *out)
{
	struct segment g = {
		.title = (char *)col_text(s, c),
		.timed = sqlite3_column_type(s, c + 1) != SQLITE_NULL,
		.from_min = sqlite3_column_int(s, c + 1),
		.to_min = sqlite3_column_int(s, c + 2),
		.venue = (char *)col_text(s, c + 3),
		.note = (char *)col_text(s, c + 4),
	};
	series_add_segment(out, &g);
}

void store_read_segment_partner(sqlite3_stmt *s, int c, struct series *out)
{
	int64_t i = sqlite3_column_int64(s, c);

	if (i >= 0 && (uint64_t)i < out->n_segments)
		strv_add(&out->segments[i].partners, col_text(s, c + 1));
}

static int load_overrides(struct store *st, struct series *out,
			  struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT ov.rid, ov.moved, ov.dtstart, ov.dtend, v.name,"
		" ov.cancelled, ov.note, ov.title, ov.description FROM override ov"
		" LEFT JOIN venue v ON v.id = ov.venue_id"
		" WHERE ov.series_id = ?1 ORDER BY ov.rid", err);

	int rc;

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, out->id);
	while (store_next(st, s, &rc, err))
		store_read_override(s, 0, out);
	return rc;
}

void store_read_override(sqlite3_stmt *s, int c, struct series *out)
{
	struct civil rid = civil_from_seconds(sqlite3_column_int64(s, c));
	struct override *o = series_override_stored(out, &rid);
	bool date_only;

	o->moved = sqlite3_column_int(s, c + 1) != 0;
	if (o->moved && (!civil_parse(col_text(s, c + 2), &o->start, &date_only) ||
			 !civil_parse(col_text(s, c + 3), &o->end, &date_only)))
		o->moved = false;
	o->venue = col_dup(s, c + 4);
	o->cancelled = sqlite3_column_int(s, c + 5) != 0;
	o->note = col_dup(s, c + 6);
	o->title = col_dup(s, c + 7);
	o->description = col_dup(s, c + 8);
}

int store_series_load(struct store *st, int64_t series_id, struct series *out,
		      struct herr *err)
{
	int rc;

	series_init(out);
	if ((rc = load_main(st, series_id, out, err)) == HE_OK &&
	    (rc = load_children(st, out, err)) == HE_OK)
		rc = load_overrides(st, out, err);
	if (rc != HE_OK)
		series_free(out);
	return rc;
}

/* Binds the columns shared by INSERT and UPDATE (parameters 1..18, 22). */
static void bind_series(sqlite3_stmt *s, const struct series *se,
			int64_t venue_id)
{
	const struct sched *sc = &se->sched;
	char start[CIVIL_BUFSZ], end[CIVIL_BUFSZ];
	char *rdates = civil_list_format(&sc->rdates, sc->all_day);
	char *exdates = civil_list_format(&sc->exdates, sc->all_day);
	char *alarms = alarms_to_text(&se->alarms);

	bind_text(s, 1, se->kind);
	bind_text(s, 2, se->title);
	bind_text(s, 3, str_empty(se->description) ? NULL : se->description);
	if (venue_id)
		sqlite3_bind_int64(s, 4, venue_id);
	sqlite3_bind_int(s, 5, se->capacity);
	bind_text(s, 6, str_empty(se->contact) ? NULL : se->contact);
	bind_text(s, 7, status_name(se->status));
	sqlite3_bind_int64(s, 8, se->updated);
	bind_text(s, 9, sc->tzid);
	sqlite3_bind_int(s, 10, sc->all_day);
	bind_text(s, 11, civil_format(&sc->start, sc->all_day, start));
	bind_text(s, 12, civil_format(&sc->end, sc->all_day, end));
	bind_text(s, 13, sc->rrule);
	bind_text(s, 14, rdates);
	bind_text(s, 15, exdates);
	bind_text(s, 16, sc->xrule);
	sqlite3_bind_int64(s, 17, sc->reach_start);
	sqlite3_bind_int64(s, 18, sc->reach_end);
	bind_text(s, 22, alarms);
	free(alarms);
	free(rdates);
	free(exdates);
}

/* Inserts the series row; revision is 1 for a new series, the file's
 * for an imported one. */
static int insert_main(struct store *st, struct series *se, int64_t venue_id,
		       int revision, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st,
		"INSERT INTO series (kind, title, description, venue_id, capacity,"
		" contact, status, updated, tzid, all_day, dtstart, dtend, rrule,"
		" rdates, exdates, xrule, reach_start, reach_end, uid, created,"
		" revision, alarms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
		" ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21,"
		" ?22)", err);

	if (!s)
		return HE_INTERNAL;
	bind_series(s, se, venue_id);
	bind_text(s, 19, se->uid);
	sqlite3_bind_int64(s, 20, se->created);
	sqlite3_bind_int(s, 21, revision);
	if (sqlite3_step(s) != SQLITE_DONE) {
		int code = sqlite3_extended_errcode(st->db);
		sqlite3_reset(s);
		if (code == SQLITE_CONSTRAINT_UNIQUE)
			return herr_set(err, HE_USER,
					_("an event with the UID '%s' already exists"),
					se->uid);
		return store_dberr(st, err);
	}
	sqlite3_reset(s);
	se->id = sqlite3_last_insert_rowid(st->db);
	se->revision = revision;
	return HE_OK;
}

static int update_main(struct store *st, struct series *se, int64_t venue_id,
		       struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st,
		"UPDATE series SET kind = ?1, title = ?2, description = ?3,"
		" venue_id = ?4, capacity = ?5, contact = ?6, status = ?7,"
		" updated = ?8, tzid = ?9, all_day = ?10, dtstart = ?11,"
		" dtend = ?12, rrule = ?13, rdates = ?14, exdates = ?15,"
		" xrule = ?16, reach_start = ?17, reach_end = ?18,"
		" alarms = ?22, revision = revision + 1"
		" WHERE id = ?19 AND revision = ?20", err);
	int rc;

	if (!s)
		return HE_INTERNAL;
	bind_series(s, se, venue_id);
	sqlite3_bind_int64(s, 19, se->id);
	sqlite3_bind_int(s, 20, se->revision);
	if ((rc = store_exec_stmt(st, s, err)) != HE_OK)
		return rc;
	if (sqlite3_changes(st->db) == 0)
		return herr_set(err, HE_USER,
				_("'%s' was changed or deleted by someone else "
				"since it was opened; reload it and try again"),
				se->title);
	se->revision++;
	return HE_OK;
}

static int delete_children(struct store *st, int64_t id, struct herr *err)
{
	static const char *const sql[] = {
		"DELETE FROM series_org WHERE series_id = ?1",
		"DELETE FROM series_audience WHERE series_id = ?1",
		"DELETE FROM segment WHERE series_id = ?1",
		"DELETE FROM segment_partner WHERE series_id = ?1",
		"DELETE FROM override WHERE series_id = ?1",
	};

	for (size_t i = 0; i < sizeof sql / sizeof *sql; i++) {
		sqlite3_stmt *s = store_stmt(st, sql[i], err);
		int rc;
		if (!s)
			return HE_INTERNAL;
		sqlite3_bind_int64(s, 1, id);
		if ((rc = store_exec_stmt(st, s, err)) != HE_OK)
			return rc;
	}
	return HE_OK;
}

static int insert_orgs(struct store *st, const struct series *se,
		       struct herr *err)
{
	for (size_t i = 0; i < se->n_orgs; i++) {
		sqlite3_stmt *s;
		int64_t org_id;
		int rc = store_org_id(st, se->orgs[i].name, true, &org_id, err);
		if (rc != HE_OK)
			return rc;
		if (!(s = store_stmt(st,
			"INSERT INTO series_org (series_id, pos, org_id, role)"
			" VALUES (?1, ?2, ?3, ?4)", err)))
			return HE_INTERNAL;
		sqlite3_bind_int64(s, 1, se->id);
		sqlite3_bind_int64(s, 2, (int64_t)i);
		sqlite3_bind_int64(s, 3, org_id);
		bind_text(s, 4, role_name(se->orgs[i].role));
		if ((rc = store_exec_stmt(st, s, err)) != HE_OK)
			return rc;
	}
	for (size_t i = 0; i < se->audience.n; i++) {
		sqlite3_stmt *s = store_stmt(st,
			"INSERT INTO series_audience (series_id, pos, tag)"
			" VALUES (?1, ?2, ?3)", err);
		int rc;
		if (!s)
			return HE_INTERNAL;
		sqlite3_bind_int64(s, 1, se->id);
		sqlite3_bind_int64(s, 2, (int64_t)i);
		bind_text(s, 3, se->audience.v[i]);
		if ((rc = store_exec_stmt(st, s, err)) != HE_OK)
			return rc;
	}
	return HE_OK;
}

/* The partners of segment i of se, in order. */
static int insert_segment_partners(struct store *st, const struct series *se,
				   size_t i, struct herr *err)
{
	const struct strv *p = &se->segments[i].partners;

	for (size_t k = 0; k < p->n; k++) {
		sqlite3_stmt *s;
		int64_t org;
		int rc = store_org_id(st, p->v[k], true, &org, err);
		if (rc != HE_OK)
			return rc;
		if (!(s = store_stmt(st,
			"INSERT INTO segment_partner (series_id, segment, pos, org_id)"
			" VALUES (?1, ?2, ?3, ?4)", err)))
			return HE_INTERNAL;
		sqlite3_bind_int64(s, 1, se->id);
		sqlite3_bind_int64(s, 2, (int64_t)i);
		sqlite3_bind_int64(s, 3, (int64_t)k);
		sqlite3_bind_int64(s, 4, org);
		if ((rc = store_exec_stmt(st, s, err)) != HE_OK)
			return rc;
	}
	return HE_OK;
}

static int insert_segments(struct store *st, const struct series *se,
			   struct herr *err)
{
	for (size_t i = 0; i < se->n_segments; i++) {
		const struct segment *g = &se->segments[i];
		int64_t venue = 0;
		sqlite3_stmt *s;
		int rc;
		if (g->venue &&
		    (rc = store_venue_id(st, g->venue, true, &venue, err)))
			return rc;
		if (!(s = store_stmt(st,
			"INSERT INTO segment (series_id, pos, title, from_min, to_min,"
			" venue_id, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
			err)))
			return HE_INTERNAL;
		sqlite3_bind_int64(s, 1, se->id);
		sqlite3_bind_int64(s, 2, (int64_t)i);
		bind_text(s, 3, g->title);
		if (g->timed) {
			sqlite3_bind_int(s, 4, g->from_min);
			sqlite3_bind_int(s, 5, g->to_min);
		}
		if (venue)
			sqlite3_bind_int64(s, 6, venue);
		bind_text(s, 7, str_empty(g->note) ? NULL : g->note);
		if ((rc = store_exec_stmt(st, s, err)) != HE_OK ||
		    (rc = insert_segment_partners(st, se, i, err)) != HE_OK)
			return rc;
	}
	return HE_OK;
}

/* The instants an override's occurrence takes. */
static void override_span(const struct series *se, const struct override *o,
			  int64_t *start, int64_t *end)
{
	const struct sched *sc = &se->sched;

	if (o->moved) {
		*start = sched_instant(sc, &o->start);
		*end = sched_instant(sc, &o->end);
	} else {
		*start = sched_instant(sc, &o->rid);
		*end = *start + sched_duration(sc);
	}
}

static int insert_override(struct store *st, const struct series *se,
			   const struct override *o, struct herr *err)
{
	sqlite3_stmt *s;
	int64_t venue_id = 0, start, end;
	char a[CIVIL_BUFSZ], b[CIVIL_BUFSZ];
	bool date_only = se->sched.all_day;
	int rc;

	if (o->venue && (rc = store_venue_id(st, o->venue, true, &venue_id, err)))
		return rc;
	if (!(s = store_stmt(st,
		"INSERT INTO override (series_id, rid, rid_utc, moved, dtstart,"
		" dtend, start_utc, end_utc, venue_id, cancelled, note, title,"
		" description)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
		err)))
		return HE_INTERNAL;
	override_span(se, o, &start, &end);
	sqlite3_bind_int64(s, 1, se->id);
	sqlite3_bind_int64(s, 2, civil_to_seconds(&o->rid));
	sqlite3_bind_int64(s, 3, sched_instant(&se->sched, &o->rid));
	sqlite3_bind_int(s, 4, o->moved);
	if (o->moved) {
		bind_text(s, 5, civil_format(&o->start, date_only, a));
		bind_text(s, 6, civil_format(&o->end, date_only, b));
	}
	sqlite3_bind_int64(s, 7, start);
	sqlite3_bind_int64(s, 8, end);
	if (venue_id)
		sqlite3_bind_int64(s, 9, venue_id);
	sqlite3_bind_int(s, 10, o->cancelled);
	bind_text(s, 11, str_empty(o->note) ? NULL : o->note);
	bind_text(s, 12, str_empty(o->title) ? NULL : o->title);
	bind_text(s, 13, str_empty(o->description) ? NULL : o->description);
	return store_exec_stmt(st, s, err);
}

/* Checks a moved occurrence and drops overrides the schedule lost. */
static int check_overrides(struct series *se, struct herr *err)
{
	for (size_t i = 0; i < se->n_overrides;) {
		struct override *o = &se->overrides[i];
		char buf[CIVIL_BUFSZ];
		if (!sched_has_instance(&se->sched, &o->rid)) {
			series_drop_override(se, &o->rid);
			continue;
		}
		if (o->moved && (!civil_valid(&o->start) || !civil_valid(&o->end) ||
				 sched_instant(&se->sched, &o->end) <=
					 sched_instant(&se->sched, &o->start)))
			return herr_set(err, HE_USER,
					_("the occurrence of %s is moved to an end "
					"that is not after its start"),
					civil_format(&o->rid, se->sched.all_day, buf));
		i++;
	}
	return HE_OK;
}

/* Rewrites the organisations, segments and overrides of a saved row
 * (fresh: a row just inserted, which has none to delete). */
static int save_children(struct store *st, struct series *se, bool fresh,
			 struct herr *err)
{
	int rc = fresh ? HE_OK : delete_children(st, se->id, err);

	if (rc == HE_OK)
		rc = insert_orgs(st, se, err);
	if (rc == HE_OK)
		rc = insert_segments(st, se, err);
	for (size_t i = 0; rc == HE_OK && i < se->n_overrides; i++)
		rc = insert_override(st, se, &se->overrides[i], err);
	return rc;
}

static int save_rows(struct store *st, struct series *se, bool *fresh,
		     struct herr *err)
{
	int64_t venue_id = 0;
	int rc;

	if (se->venue && (rc = store_venue_id(st, se->venue, true, &venue_id, err)))
		return rc;
	se->updated = (int64_t)time(NULL);
	*fresh = se->id == 0;
	if (*fresh) {
		if (!se->uid)
			se->uid = uid_new();
		se->created = se->updated;
		rc = insert_main(st, se, venue_id, 1, err);
	} else {
		rc = update_main(st, se, venue_id, err);
	}
	if (rc == HE_OK)
		rc = save_children(st, se, *fresh, err);
	return rc;
}

/* Logs the occurrences whose change differs between old and se. */
static int log_occurrences(struct store *st, const struct series *old,
			   const struct series *se, struct herr *err)
{
	struct civil_list rids = { 0 };
	int rc = HE_OK;

	series_overrides_changed(old, se, &rids);
	for (size_t i = 0; rc == HE_OK && i < rids.n; i++) {
		struct changes ch = { 0 };
		char *part = series_rid_text(se, &rids.v[i]);
		series_override_diff(old, se, &rids.v[i], &ch);
		rc = store_audit(st, &(struct audit_change){
			.action = AUDIT_EDIT, .entity = AUDIT_OCCURRENCE,
			.ref = se->uid, .label = se->title, .part = part,
			.fields = &ch }, err);
		free(part);
		changes_free(&ch);
	}
	civil_list_free(&rids);
	return rc;
}

/*
 * Logs a saved series: a new one with every field it has, a changed one
 * with the fields that changed and each occurrence whose change differs.
 */
static int log_save(struct store *st, const struct series *old,
		    const struct series *se, struct herr *err)
{
	struct series empty;
	struct changes ch = { 0 };
	int rc = HE_OK;

	series_init(&empty);
	if (!old) {
		/* A new series: when it is, then every field it has. */
		changes_take(&ch, "start", NULL, series_when_text(se, &se->sched.start));
		changes_take(&ch, "end", NULL, series_end_text(se, &se->sched.end));
		changes_add(&ch, "zone", NULL, se->sched.tzid);
		sched_copy(&empty.sched, &se->sched);
		free(empty.sched.rrule);
		empty.sched.rrule = NULL;
		civil_list_free(&empty.sched.rdates);
		civil_list_free(&empty.sched.exdates);
		empty.status = se->status;
	}
	series_diff(old ? old : &empty, se, &ch);
	if (ch.n)
		rc = store_audit(st, &(struct audit_change){
			.action = old ? AUDIT_EDIT : AUDIT_ADD,
			.entity = AUDIT_SERIES, .ref = se->uid,
			.label = se->title, .fields = &ch }, err);
	changes_free(&ch);
	if (rc == HE_OK)
		rc = log_occurrences(st, old ? old : &empty, se, err);
	series_free(&empty);
	return rc;
}

/* The stored version of a series about to be changed, for the log (NULL
 * for a new one, or while the log is held and would not use it). */
static int load_old(struct store *st, const struct series *se,
		    struct series **old, struct herr *err)
{
	int rc;

	*old = NULL;
	if (se->id == 0 || st->audit_quiet > 0)
		return HE_OK;
	*old = xmalloc(sizeof **old);
	if ((rc = store_series_load(st, se->id, *old, err)) != HE_OK) {
		free(*old);
		*old = NULL;
	}
	return rc;
}

static void free_old(struct series **old)
{
	if (*old) {
		series_free(*old);
		free(*old);
		*old = NULL;
	}
}

int store_series_save(struct store *st, struct series *se, struct herr *err)
{
	int64_t old_id = se->id;
	int old_revision = se->revision;
	bool had_uid = se->uid != NULL, fresh;
	struct series *old = NULL;
	int rc;

	if (!se->uid)
		se->uid = uid_new();
	if ((rc = series_validate(se, err)) != HE_OK ||
	    (rc = check_overrides(se, err)) != HE_OK)
		goto undo_uid;
	if ((rc = store_begin(st, err)) != HE_OK)
		goto undo_uid;
	if ((rc = load_old(st, se, &old, err)) == HE_OK &&
	    (rc = save_rows(st, se, &fresh, err)) == HE_OK &&
	    (rc = occ_index_series(st, se->id, se, fresh, err)) == HE_OK &&
	    (st->audit_quiet > 0 || (rc = log_save(st, old, se, err)) == HE_OK) &&
	    (rc = store_commit(st, err)) == HE_OK) {
		free_old(&old);
		return HE_OK;
	}
	free_old(&old);
	if (st->depth > 0)
		store_rollback(st);
	se->id = old_id;
	se->revision = old_revision;
undo_uid:
	if (!had_uid) {
		free(se->uid);
		se->uid = NULL;
	}
	return rc;
}

/* Logs the deletion of a series, before its row goes. */
static int log_delete(struct store *st, int64_t series_id, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT uid, title FROM series WHERE id = ?1", err);
	bool found;
	int rc;

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, series_id);
	if ((rc = store_row(st, s, &found, err)) != HE_OK)
		return rc;
	if (!found)
		return herr_set(err, HE_USER, _("the event no longer exists"));
	rc = store_audit(st, &(struct audit_change){
		.action = AUDIT_DELETE, .entity = AUDIT_SERIES,
		.ref = col_text(s, 0), .label = col_text(s, 1) }, err);
	sqlite3_reset(s);
	return rc;
}

int store_series_delete(struct store *st, int64_t series_id, struct herr *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = store_begin(st, err)) != HE_OK)
		return rc;
	if ((rc = log_delete(st, series_id, err)) != HE_OK)
		goto fail;
	if (!(s = store_stmt(st, "DELETE FROM series WHERE id = ?1", err))) {
		rc = HE_INTERNAL;
		goto fail;
	}
	sqlite3_bind_int64(s, 1, series_id);
	if ((rc = store_exec_stmt(st, s, err)) != HE_OK)
		goto fail;
	if (sqlite3_changes(st->db) == 0) {
		rc = herr_set(err, HE_USER, _("the event no longer exists"));
		goto fail;
	}
	if ((rc = occ_unindex_series(st, series_id, err)) != HE_OK)
		goto fail;
	return store_commit(st, err);
fail:
	store_rollback(st);
	return rc;
}

/* An imported series' row: replaced when its UID exists, else inserted
 * (*fresh set), with the file's creation time, last change and revision. */
/* stored_id: the row with se's UID, 0 for none, -1 to look it up. */
static int import_main(struct store *st, struct series *se, int64_t venue_id,
		       int64_t stored_id, bool *fresh, struct herr *err)
{
	sqlite3_stmt *s;
	int revision = se->revision;

	if (stored_id < 0)
		*fresh = store_series_by_uid(st, se->uid, &se->id, NULL) != HE_OK;
	else if (!(*fresh = stored_id == 0))
		se->id = stored_id;
	if (*fresh) {
		se->id = 0;
		return insert_main(st, se, venue_id, revision, err);
	}
	if (!(s = store_stmt(st,
		"UPDATE series SET kind = ?1, title = ?2, description = ?3,"
		" venue_id = ?4, capacity = ?5, contact = ?6, status = ?7,"
		" updated = ?8, tzid = ?9, all_day = ?10, dtstart = ?11,"
		" dtend = ?12, rrule = ?13, rdates = ?14, exdates = ?15,"
		" xrule = ?16, reach_start = ?17, reach_end = ?18,"
		" created = ?20, revision = ?21, alarms = ?22 WHERE id = ?19",
		err)))
		return HE_INTERNAL;
	bind_series(s, se, venue_id);
	sqlite3_bind_int64(s, 19, se->id);
	sqlite3_bind_int64(s, 20, se->created);
	sqlite3_bind_int(s, 21, revision);
	return store_exec_stmt(st, s, err);
}

/* Stores what the series carries beyond the model (nothing: no row). */
static int put_ical(struct store *st, int64_t id, const struct series_ical *x,
		    bool fresh, struct herr *err)
{
	bool none = !x || (!x->floating && str_empty(x->extra));
	sqlite3_stmt *s;

	if (none && fresh)
		return HE_OK; /* a new series has no row to delete */
	s = store_stmt(st, none
		? "DELETE FROM series_ical WHERE series_id = ?1"
		: "INSERT OR REPLACE INTO series_ical (series_id, floating, extra)"
		  " VALUES (?1, ?2, ?3)", err);

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, id);
	if (!none) {
		sqlite3_bind_int(s, 2, x->floating);
		bind_text(s, 3, str_empty(x->extra) ? NULL : x->extra);
	}
	return store_exec_stmt(st, s, err);
}

int store_series_import(struct store *st, struct series *se,
			const struct series_ical *x, struct herr *err)
{
	return store_series_import_as(st, se, -1, x, err);
}

int store_series_import_as(struct store *st, struct series *se,
			   int64_t stored_id, const struct series_ical *x,
			   struct herr *err)
{
	int64_t venue_id = 0, old_id = se->id;
	bool fresh = false;
	int rc;

	if (se->revision < 1)
		return herr_set(err, HE_INTERNAL, _("internal error: imported "
				"series without a revision"));
	if ((rc = series_validate(se, err)) != HE_OK ||
	    (rc = check_overrides(se, err)) != HE_OK ||
	    (rc = store_begin(st, err)) != HE_OK)
		return rc;
	if ((!se->venue ||
	     (rc = store_venue_id(st, se->venue, true, &venue_id, err)) == HE_OK) &&
	    (rc = import_main(st, se, venue_id, stored_id, &fresh, err)) ==
		    HE_OK &&
	    (rc = save_children(st, se, fresh, err)) == HE_OK &&
	    (rc = put_ical(st, se->id, x, fresh, err)) == HE_OK &&
	    (rc = occ_index_series(st, se->id, se, fresh, err)) == HE_OK &&
	    (rc = store_commit(st, err)) == HE_OK)
		return HE_OK;
	if (st->depth > 0)
		store_rollback(st);
	se->id = old_id;
	return rc;
}
