/*
 * store_shift.c - the people events need: shift rules, how an occurrence is
 * staffed, which occurrences are short, and finding occurrences and events
 * from what people type.
 */
#include "../store_int.h"
#include "people_int.h"

#include <stdlib.h>
#include <string.h>

#include "../audit.h"
#include "../i18n.h"
#include "../tz.h"

void occ_at_free(struct occ_at *o)
{
	free(o->uid);
	free(o->title);
	free(o->kind);
	memset(o, 0, sizeof *o);
}

static int read_series_head(struct store *st, int64_t series_id,
			    struct occ_at *out, bool *series_cancelled,
			    struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT uid, title, kind, status, tzid,"
				     " all_day FROM series WHERE id = ?1", err);
	bool found;
	int rc;

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, series_id);
	if ((rc = store_row(st, s, &found, err)) != HE_OK)
		return rc;
	if (!found)
		return herr_set(err, HE_USER, _("event %lld no longer exists"),
				(long long)series_id);
	out->uid = col_dup(s, 0);
	out->title = col_dup(s, 1);
	out->kind = col_dup(s, 2);
	*series_cancelled = !strcmp(col_text(s, 3), "cancelled");
	snprintf(out->tzid, sizeof out->tzid, "%s", col_text(s, 4));
	out->all_day = sqlite3_column_int(s, 5) != 0;
	sqlite3_reset(s);
	return HE_OK;
}

/* The override row of rid, if any: *found false when there is none. */
static int read_override(struct store *st, int64_t series_id,
			 const struct civil *rid, struct occ_at *out,
			 bool *found, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT moved, start_utc, end_utc,"
				     " cancelled FROM override"
				     " WHERE series_id = ?1 AND rid = ?2", err);
	int rc;

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, series_id);
	sqlite3_bind_int64(s, 2, civil_to_seconds(rid));
	if ((rc = store_row(st, s, found, err)) != HE_OK || !*found)
		return rc;
	out->moved = sqlite3_column_int(s, 0) != 0;
	out->start = sqlite3_column_int64(s, 1);
	out->end = sqlite3_column_int64(s, 2);
	out->cancelled = sqlite3_column_int(s, 3) != 0;
	sqlite3_reset(s);
	return HE_OK;
}

int store_occ_at(struct store *st, int64_t series_id, const struct civil *rid,
		 struct occ_at *out, struct herr *err)
{
	struct sched sc;
	bool series_cancelled = false, found;
	int rc;

	memset(out, 0, sizeof *out);
	sched_init(&sc);
	if ((rc = read_series_head(st, series_id, out, &series_cancelled,
				   err)) != HE_OK ||
	    (rc = store_sched_load(st, series_id, &sc, err)) != HE_OK ||
	    (rc = read_override(st, series_id, rid, out, &found, err)) != HE_OK)
		goto out;
	out->exists = sched_has_instance(&sc, rid);
	if (!found) {
		out->start = sched_instant(&sc, rid);
		out->end = out->start + sched_duration(&sc);
	}
	out->cancelled = out->cancelled || series_cancelled;
	out->day = tz_from_utc(tz_get(out->tzid), out->start, NULL);
	out->day.hour = out->day.min = out->day.sec = 0;
out:
	sched_free(&sc);
	return rc;
}

void occ_at_span(const struct occ_at *o, char buf[64])
{
	const struct tz *z = tz_get(o->tzid);
	struct civil a = tz_from_utc(z, o->start, NULL);
	struct civil b = tz_from_utc(z, o->end, NULL);
	char da[CIVIL_BUFSZ];

	civil_format(&a, true, da);
	if (o->all_day)
		snprintf(buf, 64, "%s", da);
	else
		snprintf(buf, 64, "%s %02d:%02d–%02d:%02d", da, a.hour, a.min,
			 b.hour, b.min);
}

/* Logs a change to something of series_id: its shifts or a sign-up. */
int people_audit_series(struct store *st, int64_t series_id,
			const char *action, const char *entity,
			const char *part, const struct changes *ch,
			struct herr *err)
{
	struct occ_at head = { 0 };
	bool cancelled;
	int rc = read_series_head(st, series_id, &head, &cancelled, err);

	if (rc == HE_OK)
		rc = people_audit(st, action, entity, head.uid, head.title, part,
				  ch, err);
	occ_at_free(&head);
	return rc;
}

/* "2027-01-08 10:00 .. 2027-01-10 23:59" for a rule's range. */
static void range_text(int64_t a, int64_t b, char buf[80])
{
	char x[CIVIL_BUFSZ] = "", y[CIVIL_BUFSZ] = "";
	struct civil ca = civil_from_seconds(a), cb = civil_from_seconds(b);

	if (a != SHIFT_FIRST)
		civil_format(&ca, false, x);
	if (b != SHIFT_LAST)
		civil_format(&cb, false, y);
	snprintf(buf, 80, "%s..%s", x, y);
}

static int audit_rule(struct store *st, int64_t series_id, const char *action,
		      const char *role, int64_t a, int64_t b, int need,
		      struct herr *err)
{
	struct changes ch = { 0 };
	char part[80], n[16];
	int rc;

	range_text(a, b, part);
	snprintf(n, sizeof n, "%d", need);
	changes_add(&ch, "role", NULL, role);
	if (need >= 0)
		changes_add(&ch, "need", NULL, n);
	rc = people_audit_series(st, series_id, action, "shift", part, &ch, err);
	changes_free(&ch);
	return rc;
}

/* ---- rules ---- */

void shift_rules_free(struct shift_rules *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].role);
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* How many occurrences of series_id have an original start in [a, b]. */
static int count_covered(struct store *st, int64_t series_id, int64_t a,
			 int64_t b, int *n, struct herr *err)
{
	struct instances found = { 0 };
	struct sched sc;
	int rc;

	*n = -1;
	if (a == SHIFT_FIRST || b == SHIFT_LAST)
		return HE_OK; /* every occurrence: maybe without end */
	sched_init(&sc);
	if ((rc = store_sched_load(st, series_id, &sc, err)) == HE_OK) {
		struct civil ca = civil_from_seconds(a), cb = civil_from_seconds(b);
		/* A day of margin either side: zones move instants from walls. */
		rc = sched_expand(&sc, sched_instant(&sc, &ca) - 86400,
				  sched_instant(&sc, &cb) + 86400, 0, &found, err);
	}
	if (rc == HE_OK) {
		*n = 0;
		for (size_t i = 0; i < found.n; i++) {
			int64_t r = civil_to_seconds(&found.v[i].rid);
			*n += r >= a && r <= b;
		}
	}
	free(found.v);
	sched_free(&sc);
	return rc;
}

int store_shift_set(struct store *st, int64_t series_id, const char *role,
		    int64_t from_rid, int64_t to_rid, int need, int *covered,
		    struct herr *err)
{
	sqlite3_stmt *s;
	int n = -1, rc;

	if (need < 0 || need > 10000)
		return herr_set(err, HE_USER, _("the number of people needed must "
				"be from 0 to 10000, not %d"), need);
	if (str_empty(role))
		return herr_set(err, HE_USER, _("a shift needs a role"));
	if (from_rid > to_rid)
		return herr_set(err, HE_USER, _("the range of a shift ends before "
				"it starts"));
	if ((rc = store_begin(st, err)) != HE_OK)
		return rc;
	if ((rc = count_covered(st, series_id, from_rid, to_rid, &n, err)))
		goto fail;
	if (n == 0) {
		rc = herr_set(err, HE_USER, _("the event has no occurrence in that "
			      "range"));
		goto fail;
	}
	if (!(s = store_stmt(st, "INSERT INTO shift (series_id, role, from_rid,"
			     " to_rid, need) VALUES (?1, ?2, ?3, ?4, ?5)"
			     " ON CONFLICT (series_id, role, from_rid, to_rid)"
			     " DO UPDATE SET need = excluded.need", err))) {
		rc = HE_INTERNAL;
		goto fail;
	}
	sqlite3_bind_int64(s, 1, series_id);
	bind_text(s, 2, role);
	sqlite3_bind_int64(s, 3, from_rid);
	sqlite3_bind_int64(s, 4, to_rid);
	sqlite3_bind_int(s, 5, need);
	if ((rc = store_exec_stmt(st, s, err)) != HE_OK ||
	    (rc = audit_rule(st, series_id, AUDIT_EDIT, role, from_rid, to_rid,
			     need, err)) != HE_OK)
		goto fail;
	if (covered)
		*covered = n;
	return store_commit(st, err);
fail:
	store_rollback(st);
	return rc;
}

/* Sign-ups still to come that only the rule (role, a..b) covers. */
static int dependent_signups(struct store *st, int64_t series_id,
			     const char *role, int64_t a, int64_t b,
			     int64_t now_wall, int *n, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT count(*) FROM signup g"
		" WHERE g.series_id = ?1 AND g.role = ?2 AND g.rid BETWEEN ?3"
		" AND ?4 AND g.rid >= ?5 AND g.checkin IS NULL AND NOT EXISTS"
		" (SELECT 1 FROM shift x WHERE x.series_id = g.series_id"
		"  AND x.role = g.role AND x.from_rid <= g.rid"
		"  AND x.to_rid >= g.rid AND NOT (x.from_rid = ?3"
		"  AND x.to_rid = ?4))", err);
	int64_t count = 0;
	int rc;

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, series_id);
	bind_text(s, 2, role);
	sqlite3_bind_int64(s, 3, a);
	sqlite3_bind_int64(s, 4, b);
	sqlite3_bind_int64(s, 5, now_wall);
	if ((rc = store_int64(st, s, &count, NULL, err)) == HE_OK)
		*n = (int)count;
	return rc;
}

int store_shift_remove(struct store *st, int64_t series_id, const char *role,
		       int64_t from_rid, int64_t to_rid, int64_t now,
		       struct herr *err)
{
	struct occ_at head = { 0 };
	bool cancelled;
	sqlite3_stmt *s;
	int n = 0, rc;

	if ((rc = store_begin(st, err)) != HE_OK)
		return rc;
	if ((rc = read_series_head(st, series_id, &head, &cancelled, err)))
		goto fail;
	struct civil wall = tz_from_utc(tz_get(head.tzid), now, NULL);
	if ((rc = dependent_signups(st, series_id, role, from_rid, to_rid,
				    civil_to_seconds(&wall), &n, err)) != HE_OK)
		goto fail;
	if (n > 0) {
		rc = herr_set(err, HE_USER, ngettext(
			"%d person is signed up for the occurrences this shift "
			"covers; remove the sign-up first (hearth signup --rm)",
			"%d people are signed up for the occurrences this shift "
			"covers; remove their sign-ups first (hearth signup --rm)",
			(unsigned long)n), n);
		goto fail;
	}
	if (!(s = store_stmt(st, "DELETE FROM shift WHERE series_id = ?1 AND"
			     " role = ?2 AND from_rid = ?3 AND to_rid = ?4",
			     err))) {
		rc = HE_INTERNAL;
		goto fail;
	}
	sqlite3_bind_int64(s, 1, series_id);
	bind_text(s, 2, role);
	sqlite3_bind_int64(s, 3, from_rid);
	sqlite3_bind_int64(s, 4, to_rid);
	if ((rc = store_exec_stmt(st, s, err)) != HE_OK)
		goto fail;
	if (sqlite3_changes(st->db) == 0) {
		rc = herr_set(err, HE_USER, _("the event has no shift for '%s' "
			      "over exactly that range (see 'hearth shift ls')"),
			      role);
		goto fail;
	}
	if ((rc = audit_rule(st, series_id, AUDIT_DELETE, role, from_rid, to_rid,
			     -1, err)) != HE_OK)
		goto fail;
	occ_at_free(&head);
	return store_commit(st, err);
fail:
	occ_at_free(&head);
	store_rollback(st);
	return rc;
}

int store_shift_rules(struct store *st, int64_t series_id,
		      struct shift_rules *out, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT id, role, from_rid, to_rid,"
				     " need FROM shift WHERE series_id = ?1"
				     " ORDER BY from_rid, to_rid, role", err);
	int rc;

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, series_id);
	while (store_next(st, s, &rc, err)) {
		struct shift_rule *r;
		out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
		r = &out->v[out->n++];
		r->id = sqlite3_column_int64(s, 0);
		r->series_id = series_id;
		r->role = col_dup(s, 1);
		r->from_rid = sqlite3_column_int64(s, 2);
		r->to_rid = sqlite3_column_int64(s, 3);
		r->need = sqlite3_column_int(s, 4);
	}
	return rc;
}

/* ---- staffing ---- */

void staffing_free(struct staffing *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].role);
	free(s->v);
	memset(s, 0, sizeof *s);
}

static struct staff_role *staff_role(struct staffing *s, const char *role)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->v[i].role, role))
			return &s->v[i];
	s->v = xgrow(s->v, &s->cap, s->n + 1, sizeof *s->v);
	memset(&s->v[s->n], 0, sizeof *s->v);
	s->v[s->n].role = xstrdup(role);
	return &s->v[s->n++];
}

/* The need of each role: the narrowest rule covering rid wins. */
static int read_needs(struct store *st, int64_t series_id, int64_t rid,
		      struct staffing *out, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT role, need FROM shift"
		" WHERE series_id = ?1 AND from_rid <= ?2 AND to_rid >= ?2"
		" ORDER BY role, CAST(to_rid AS REAL) - from_rid, id DESC", err);
	int rc;

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, series_id);
	sqlite3_bind_int64(s, 2, rid);
	while (store_next(st, s, &rc, err)) {
		const char *role = col_text(s, 0);
		bool seen = false;
		for (size_t i = 0; i < out->n && !seen; i++)
			seen = !strcmp(out->v[i].role, role);
		if (!seen) /* the first row of a role is its narrowest rule */
			staff_role(out, role)->need = sqlite3_column_int(s, 1);
	}
	return rc;
}

static int read_counts(struct store *st, int64_t series_id, int64_t rid,
		       struct staffing *out, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT role, count(*), count(checkin)"
				     " FROM signup WHERE series_id = ?1 AND"
				     " rid = ?2 GROUP BY role ORDER BY role", err);
	int rc;

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, series_id);
	sqlite3_bind_int64(s, 2, rid);
	while (store_next(st, s, &rc, err)) {
		struct staff_role *r = staff_role(out, col_text(s, 0));
		r->signed_up = sqlite3_column_int(s, 1);
		r->checked_in = sqlite3_column_int(s, 2);
		out->signed_up += r->signed_up;
	}
	return rc;
}

int store_staffing(struct store *st, int64_t series_id,
		   const struct civil *rid, struct staffing *out,
		   struct herr *err)
{
	int64_t r = civil_to_seconds(rid);
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = read_needs(st, series_id, r, out, err)) != HE_OK ||
	    (rc = read_counts(st, series_id, r, out, err)) != HE_OK) {
		staffing_free(out);
		return rc;
	}
	for (size_t i = 0; i < out->n; i++)
		if (out->v[i].need > out->v[i].signed_up)
			out->short_by += out->v[i].need - out->v[i].signed_up;
	return HE_OK;
}

int shift_needs_more(struct store *st, const struct occ *o)
{
	struct staffing s;
	int more;

	if (o->cancelled || o->status == STATUS_CANCELLED ||
	    store_staffing(st, o->series_id, &o->rid, &s, NULL) != HE_OK)
		return 0;
	more = s.short_by;
	staffing_free(&s);
	return more;
}

/* ---- occurrences with shifts, for lists ---- */

void shift_occ_list_free(struct shift_occ_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		occ_free(&l->v[i].occ);
		staffing_free(&l->v[i].staff);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

static int series_with_shifts(struct store *st, int64_t **ids, size_t *n,
			      struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT series_id FROM shift UNION"
				     " SELECT series_id FROM signup", err);
	size_t cap = 0;
	int rc;

	if (!s)
		return HE_INTERNAL;
	while (store_next(st, s, &rc, err)) {
		*ids = xgrow(*ids, &cap, *n + 1, sizeof **ids);
		(*ids)[(*n)++] = sqlite3_column_int64(s, 0);
	}
	return rc;
}

static int by_start(const void *a, const void *b)
{
	const struct shift_occ *x = a, *y = b;

	if (x->occ.start != y->occ.start)
		return x->occ.start < y->occ.start ? -1 : 1;
	return x->occ.series_id < y->occ.series_id ? -1
	       : x->occ.series_id > y->occ.series_id;
}

/* Keeps the occurrences of one series that need people or have some. */
static int add_series_occurrences(struct store *st, int64_t series_id,
				  int64_t from, int64_t to, bool short_only,
				  struct shift_occ_list *out, struct herr *err)
{
	struct occ_filter f = { .series_id = series_id, .with_cancelled = true,
				.statuses = OCC_ALL_STATUSES };
	struct occ_list l = { 0 };
	int rc = store_occurrences(st, from, to, &f, 0, &l, err);

	for (size_t i = 0; rc == HE_OK && i < l.n; i++) {
		struct occ *o = &l.v[i];
		bool off = o->cancelled || o->status == STATUS_CANCELLED;
		struct staffing sf;
		if ((rc = store_staffing(st, series_id, &o->rid, &sf, err)))
			break;
		if (sf.n == 0 || (off && sf.signed_up == 0) ||
		    (short_only && (off || sf.short_by == 0))) {
			staffing_free(&sf);
			continue;
		}
		out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
		out->v[out->n].occ = *o;
		out->v[out->n++].staff = sf;
		memset(o, 0, sizeof *o); /* moved into out */
	}
	occ_list_free(&l);
	return rc;
}

int store_shift_occurrences(struct store *st, int64_t from, int64_t to,
			    bool short_only, struct shift_occ_list *out,
			    struct herr *err)
{
	int64_t *ids = NULL;
	size_t n = 0;
	int rc = series_with_shifts(st, &ids, &n, err);

	for (size_t i = 0; rc == HE_OK && i < n; i++)
		rc = add_series_occurrences(st, ids[i], from, to, short_only, out,
					    err);
	free(ids);
	if (rc == HE_OK && out->n > 1)
		qsort(out->v, out->n, sizeof *out->v, by_start);
	return rc;
}

/* ---- what people type ---- */

/* Occurrences moved to start on day (or at exactly `at` when exact). */
static int moved_to(struct store *st, int64_t series_id,
		    const struct civil *when, bool exact, struct civil *rids,
		    int max, int *n, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT rid, dtstart FROM override"
				     " WHERE series_id = ?1 AND moved"
				     " ORDER BY start_utc", err);
	int rc;

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, series_id);
	while (store_next(st, s, &rc, err)) {
		struct civil start;
		bool date_only;
		if (!civil_parse(col_text(s, 1), &start, &date_only))
			continue;
		if (exact ? civil_cmp(&start, when) != 0
			  : (start.year != when->year || start.month != when->month ||
			     start.day != when->day))
			continue;
		if (*n < max)
			rids[*n] = civil_from_seconds(sqlite3_column_int64(s, 0));
		(*n)++;
	}
	return rc;
}

/* Original starts of the occurrences that start on day by the schedule. */
static int scheduled_on(const struct sched *sc, const struct civil *day,
			struct civil *rids, int max, int *n, struct herr *err)
{
	struct instances found = { 0 };
	struct civil a = *day, b = civil_add_days(*day, 1);
	int rc;

	a.hour = a.min = a.sec = b.hour = b.min = b.sec = 0;
	rc = sched_expand(sc, sched_instant(sc, &a), sched_instant(sc, &b), 0,
			  &found, err);
	for (size_t i = 0; rc == HE_OK && i < found.n; i++) {
		if (*n < max)
			rids[*n] = found.v[i].rid;
		(*n)++;
	}
	free(found.v);
	return rc;
}

static int no_occurrence(const struct civil *when, bool date_only,
			 struct herr *err)
{
	char buf[CIVIL_BUFSZ];

	return herr_set(err, HE_USER, date_only
			? _("the event has no occurrence on %s")
			: _("the event has no occurrence at %s"),
			civil_format(when, date_only, buf));
}

static int several(const struct civil *when, const struct civil *rids, int n,
		   struct herr *err)
{
	struct sbuf b = { 0 };
	char buf[CIVIL_BUFSZ];

	for (int i = 0; i < n && i < 8; i++)
		sbuf_addf(&b, "%s%02d:%02d", i ? ", " : "", rids[i].hour,
			  rids[i].min);
	herr_set(err, HE_USER, _("the event has several occurrences on %s (%s): "
		 "give the time too"), civil_format(when, true, buf),
		 sbuf_str(&b));
	sbuf_free(&b);
	return HE_USER;
}

int shift_occurrence_of(struct store *st, int64_t series_id,
			const struct civil *when, bool date_only,
			struct civil *rid, struct herr *err)
{
	struct civil found[8], exact = *when;
	struct sched sc;
	int n = 0, rc;

	sched_init(&sc);
	if ((rc = store_sched_load(st, series_id, &sc, err)) != HE_OK)
		goto out;
	if (date_only && !sc.all_day) {
		exact.hour = sc.start.hour;
		exact.min = sc.start.min;
		exact.sec = sc.start.sec;
	}
	if (sc.all_day)
		exact.hour = exact.min = exact.sec = 0;
	if (sched_has_instance(&sc, &exact)) {
		*rid = exact;
		goto out;
	}
	if (date_only && (rc = scheduled_on(&sc, when, found, 8, &n, err)))
		goto out;
	if (n == 0 && (rc = moved_to(st, series_id, date_only ? when : &exact,
				     !date_only, found, 8, &n, err)) != HE_OK)
		goto out;
	if (n == 1)
		*rid = found[0];
	else
		rc = n == 0 ? no_occurrence(when, date_only, err)
			    : several(when, found, n, err);
out:
	sched_free(&sc);
	return rc;
}

static int title_matches(struct store *st, const char *sql, const char *text,
			 int64_t *ids, int *n, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, sql, err);
	int rc;

	*n = 0;
	if (!s)
		return HE_INTERNAL;
	bind_text(s, 1, text);
	while (store_next(st, s, &rc, err)) {
		if (*n < 6)
			ids[*n] = sqlite3_column_int64(s, 0);
		(*n)++;
	}
	return rc;
}

int shift_event_find(struct store *st, const char *text, int64_t *series_id,
		     struct herr *err)
{
	struct herr uid_err = { 0 };
	int64_t ids[6];
	int n, rc;

	if ((rc = title_matches(st, "SELECT id FROM series WHERE title = ?1",
				text, ids, &n, err)) != HE_OK)
		return rc;
	if (n == 1) {
		*series_id = ids[0];
		return HE_OK;
	}
	if (store_series_find(st, text, series_id, &uid_err) == HE_OK)
		return HE_OK;
	if (n == 0 && (rc = title_matches(st, "SELECT id FROM series WHERE"
					  " instr(title, ?1) > 0 ORDER BY id",
					  text, ids, &n, err)) != HE_OK)
		return rc;
	if (n == 1) {
		*series_id = ids[0];
		return HE_OK;
	}
	if (n == 0) {
		*err = uid_err;
		return uid_err.code ? uid_err.code : HE_USER;
	}
	return herr_set(err, HE_USER, _("several events have '%s' in their "
			"title: give the event's ID (see 'hearth agenda "
			"--format tsv')"), text);
}

int shift_carry_split(struct store *st, int64_t from, int64_t to,
		      const struct civil *rid, struct herr *err)
{
	static const char *const sql[] = {
		"UPDATE signup SET series_id = ?2 WHERE series_id = ?1"
		" AND rid >= ?3",
		/* Rules reaching over the split point cover both halves. */
		"INSERT OR IGNORE INTO shift (series_id, role, from_rid, to_rid,"
		" need) SELECT ?2, role, CASE WHEN from_rid = -9223372036854775807"
		" - 1 THEN from_rid ELSE ?3 END, to_rid, need FROM shift"
		" WHERE series_id = ?1 AND from_rid < ?3 AND to_rid >= ?3",
		"UPDATE shift SET series_id = ?2 WHERE series_id = ?1"
		" AND from_rid >= ?3",
	};

	for (size_t i = 0; i < sizeof sql / sizeof *sql; i++) {
		sqlite3_stmt *s = store_stmt(st, sql[i], err);
		int rc;
		if (!s)
			return HE_INTERNAL;
		sqlite3_bind_int64(s, 1, from);
		sqlite3_bind_int64(s, 2, to);
		sqlite3_bind_int64(s, 3, civil_to_seconds(rid));
		if ((rc = store_exec_stmt(st, s, err)) != HE_OK)
			return rc;
	}
	return HE_OK;
}

int shift_time_on_day(struct store *st, int64_t series_id,
		      const struct civil *rid, int minutes, bool is_end,
		      int64_t *out, struct herr *err)
{
	struct occ_at o;
	struct civil c;
	const struct tz *z;
	int rc = store_occ_at(st, series_id, rid, &o, err);

	if (rc != HE_OK)
		return rc;
	z = tz_get(o.tzid);
	c = o.day;
	c.hour = minutes / 60;
	c.min = minutes % 60;
	*out = tz_to_utc(z, &c);
	if (is_end && *out <= o.start) {
		c = civil_add_days(c, 1);
		*out = tz_to_utc(z, &c);
	}
	occ_at_free(&o);
	return HE_OK;
}

int shift_carry_move(struct store *st, int64_t series_id,
		     const struct civil *from, const struct civil *to,
		     struct herr *err)
{
	static const char *const sql[] = {
		"UPDATE signup SET rid = ?3 WHERE series_id = ?1 AND rid = ?2",
		"UPDATE OR REPLACE shift SET from_rid = ?3, to_rid = ?3"
		" WHERE series_id = ?1 AND from_rid = ?2 AND to_rid = ?2",
	};
	int64_t a = civil_to_seconds(from), b = civil_to_seconds(to);

	if (a == b)
		return HE_OK;
	for (size_t i = 0; i < sizeof sql / sizeof *sql; i++) {
		sqlite3_stmt *s = store_stmt(st, sql[i], err);
		int rc;
		if (!s)
			return HE_INTERNAL;
		sqlite3_bind_int64(s, 1, series_id);
		sqlite3_bind_int64(s, 2, a);
		sqlite3_bind_int64(s, 3, b);
		if ((rc = store_exec_stmt(st, s, err)) != HE_OK)
			return rc;
	}
	return HE_OK;
}
