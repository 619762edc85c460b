/*
 * store_signup.c - signing people up for occurrences, checking them in and
 * out (which earns points), and listing sign-ups.
 */
#include "../store_int.h"
#include "people_int.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../audit.h"
#include "../i18n.h"
#include "../tz.h"

/* A check-in or check-out more than this far from its shift is a typo. */
#define SHIFT_SLACK (24 * 3600)

void signup_free(struct signup *s)
{
	free(s->role);
	free(s->person);
	free(s->uid);
	free(s->title);
	free(s->kind);
	memset(s, 0, sizeof *s);
}

void signup_list_free(struct signup_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		signup_free(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

int signup_minutes(const struct signup *s)
{
	if (!s->checkout || !s->checkin || s->checkout <= s->checkin)
		return 0;
	return (int)((s->checkout - s->checkin) / 60);
}

#define SIGNUP_SELECT \
	"SELECT g.id, g.person_id, g.series_id, g.rid, g.role, g.checkin," \
	" g.checkout, p.name FROM signup g LEFT JOIN person p" \
	" ON p.id = g.person_id"

/* Reads rows of SIGNUP_SELECT and completes them with their occurrence. */
static int read_signups(struct store *st, sqlite3_stmt *s,
			struct signup_list *out, struct herr *err)
{
	size_t first = out->n;
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct signup *g;
		out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
		g = &out->v[out->n++];
		memset(g, 0, sizeof *g);
		g->id = sqlite3_column_int64(s, 0);
		g->person_id = sqlite3_column_int64(s, 1);
		g->series_id = sqlite3_column_int64(s, 2);
		g->rid = civil_from_seconds(sqlite3_column_int64(s, 3));
		g->role = col_dup(s, 4);
		g->checkin = sqlite3_column_int64(s, 5);
		g->checkout = sqlite3_column_int64(s, 6);
		g->person = col_dup(s, 7);
	}
	if (rc != SQLITE_DONE)
		return store_dberr(st, err);
	for (size_t i = first; i < out->n; i++) {
		struct signup *g = &out->v[i];
		struct occ_at o;
		if ((rc = store_occ_at(st, g->series_id, &g->rid, &o, err)))
			return rc;
		g->start = o.start;
		g->end = o.end;
		g->uid = o.uid;
		g->title = o.title;
		g->kind = o.kind;
		snprintf(g->tzid, sizeof g->tzid, "%s", o.tzid);
		g->all_day = o.all_day;
		g->cancelled = o.cancelled;
		g->moved = o.moved;
		g->gone = !o.exists;
	}
	return HE_OK;
}

static int signup_by_start(const void *a, const void *b)
{
	const struct signup *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

int store_person_signups(struct store *st, int64_t person_id, int64_t from,
			 int64_t to, struct signup_list *out, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, SIGNUP_SELECT
				     " WHERE g.person_id = ?1", err);
	struct signup_list all = { 0 };
	int rc;

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, person_id);
	rc = read_signups(st, s, &all, err);
	for (size_t i = 0; i < all.n; i++) {
		struct signup *g = &all.v[i];
		if (rc == HE_OK && g->start >= from && g->start < to) {
			out->v = xgrow(out->v, &out->cap, out->n + 1,
				       sizeof *out->v);
			out->v[out->n++] = *g;
		} else {
			signup_free(g);
		}
	}
	free(all.v);
	if (rc == HE_OK && out->n > 1)
		qsort(out->v, out->n, sizeof *out->v, signup_by_start);
	return rc;
}

int store_occ_signups(struct store *st, int64_t series_id,
		      const struct civil *rid, struct signup_list *out,
		      struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, SIGNUP_SELECT
				     " WHERE g.series_id = ?1 AND g.rid = ?2"
				     " ORDER BY g.role, p.name, g.id", err);

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, series_id);
	sqlite3_bind_int64(s, 2, civil_to_seconds(rid));
	return read_signups(st, s, out, err);
}

/* Logs a change to the sign-up of person for the occurrence rid of
 * series_id; field (may be NULL) changed from before to after. */
static int audit_signup(struct store *st, const char *action,
			int64_t person_id, int64_t series_id,
			const struct civil *rid, const char *field,
			const char *before, const char *after, struct herr *err)
{
	struct changes ch = { 0 };
	char who[32], part[CIVIL_BUFSZ];
	int rc;

	people_ref(person_id, who);
	changes_add(&ch, "person", NULL, who);
	if (field)
		changes_add(&ch, field, before, after);
	civil_format(rid, false, part);
	rc = people_audit_series(st, series_id, action, "signup", part, &ch,
				 err);
	changes_free(&ch);
	return rc;
}

/* An instant as the log writes it: local time in the sign-up's zone. */
static char *log_time(const struct signup *g, int64_t at)
{
	struct civil c;
	char buf[CIVIL_BUFSZ];

	if (!at)
		return NULL;
	c = tz_from_utc(tz_get(g->tzid), at, NULL);
	return xstrdup(civil_format(&c, false, buf));
}

/* ---- signing up ---- */

static int person_name(struct store *st, int64_t id, struct person *p,
		       struct herr *err)
{
	return store_person_get(st, id, p, err);
}

/* Refuses an occurrence that overlaps another shift of the person. */
static int check_clash(struct store *st, const struct person *p,
		       int64_t series_id, const struct civil *rid,
		       const struct occ_at *o, struct herr *err)
{
	struct signup_list l = { 0 };
	int rc = store_person_signups(st, p->id, o->start - 31LL * 86400,
				      SCHED_MAX_INSTANT, &l, err);

	for (size_t i = 0; rc == HE_OK && i < l.n; i++) {
		const struct signup *g = &l.v[i];
		char span[64];
		struct occ_at other = { .start = g->start, .end = g->end,
					.all_day = g->all_day };
		if (g->cancelled || g->gone ||
		    (g->series_id == series_id &&
		     civil_cmp(&g->rid, rid) == 0) ||
		    g->start >= o->end || o->start >= g->end)
			continue;
		snprintf(other.tzid, sizeof other.tzid, "%s", g->tzid);
		occ_at_span(&other, span);
		rc = herr_set(err, HE_USER, _("%s is already signed up for %s "
			      "at %s, which overlaps"), p->name, g->title, span);
	}
	signup_list_free(&l);
	return rc;
}

/* The role to sign up in: the one given (by key or label), else the only
 * one the occurrence needs. */
static int pick_role(const struct people_config *pc,
		     const struct staffing *sf, const char *text,
		     const char **role, struct herr *err)
{
	struct sbuf b = { 0 };
	size_t needed = 0;
	int rc;

	for (size_t i = 0; i < sf->n; i++)
		if (sf->v[i].need > 0) {
			if (needed++)
				sbuf_add(&b, ", ");
			sbuf_add(&b, people_role_label(pc, sf->v[i].role));
			if (!text)
				*role = sf->v[i].role;
		}
	if (needed == 0)
		rc = herr_set(err, HE_USER, _("that occurrence needs no people "
			      "(add a shift with 'hearth shift add')"));
	else if (text && (rc = people_role_key(pc, text, role, err)) == HE_OK) {
		rc = herr_set(err, HE_USER, _("that occurrence needs no '%s' "
			      "(it needs: %s)"), text, sbuf_str(&b));
		for (size_t i = 0; i < sf->n; i++)
			if (sf->v[i].need > 0 && !strcmp(sf->v[i].role, *role))
				rc = HE_OK;
	} else if (!text && needed > 1)
		rc = herr_set(err, HE_USER, _("give the role with --role: that "
			      "occurrence needs %s"), sbuf_str(&b));
	else if (!text)
		rc = HE_OK;
	sbuf_free(&b);
	return rc;
}

static int check_occurrence(const struct occ_at *o, const struct civil *rid,
			    struct herr *err)
{
	char buf[CIVIL_BUFSZ];

	if (!o->exists)
		return herr_set(err, HE_USER, _("%s has no occurrence at %s"),
				o->title, civil_format(rid, o->all_day, buf));
	if (o->cancelled)
		return herr_set(err, HE_USER, _("%s on %s is cancelled"),
				o->title, civil_format(&o->day, true, buf));
	return HE_OK;
}

static int insert_signup(struct store *st, int64_t person_id,
			 int64_t series_id, const struct civil *rid,
			 const char *role, int64_t *id, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "INSERT INTO signup (person_id,"
				     " series_id, rid, role, created)"
				     " VALUES (?1, ?2, ?3, ?4, ?5)", err);
	int rc;

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, person_id);
	sqlite3_bind_int64(s, 2, series_id);
	sqlite3_bind_int64(s, 3, civil_to_seconds(rid));
	bind_text(s, 4, role);
	sqlite3_bind_int64(s, 5, (int64_t)time(NULL));
	if ((rc = store_exec_stmt(st, s, err)) != HE_OK)
		return rc;
	*id = sqlite3_last_insert_rowid(st->db);
	return HE_OK;
}

/* Reads the sign-up of person for (series_id, rid); HE_USER when none. */
static int find_signup(struct store *st, const struct person *p,
		       int64_t series_id, const struct civil *rid,
		       struct signup *out, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, SIGNUP_SELECT
				     " WHERE g.person_id = ?1 AND"
				     " g.series_id = ?2 AND g.rid = ?3", err);
	struct signup_list l = { 0 };
	int rc;

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, p->id);
	sqlite3_bind_int64(s, 2, series_id);
	sqlite3_bind_int64(s, 3, civil_to_seconds(rid));
	if ((rc = read_signups(st, s, &l, err)) == HE_OK && l.n == 0) {
		struct occ_at o;
		char buf[CIVIL_BUFSZ];
		if ((rc = store_occ_at(st, series_id, rid, &o, err)) == HE_OK) {
			rc = herr_set(err, HE_USER, _("%s is not signed up for %s "
				      "on %s"), p->name, o.title,
				      civil_format(&o.day, true, buf));
			occ_at_free(&o);
		}
	}
	if (rc == HE_OK) {
		*out = l.v[0];
		l.n = 0;
	}
	signup_list_free(&l);
	return rc;
}

int shift_signup(struct store *st, const struct people_config *pc,
		 int64_t person_id, int64_t series_id, const struct civil *rid,
		 const char *role, struct signup *out, struct herr *err)
{
	struct person p;
	struct occ_at o = { 0 };
	struct staffing sf = { 0 };
	struct signup dup;
	struct herr none;
	const char *key = NULL;
	int64_t id;
	int rc;

	person_init(&p);
	if ((rc = store_begin(st, err)) != HE_OK)
		return rc;
	if ((rc = person_name(st, person_id, &p, err)) != HE_OK ||
	    (rc = store_occ_at(st, series_id, rid, &o, err)) != HE_OK ||
	    (rc = check_occurrence(&o, rid, err)) != HE_OK ||
	    (rc = store_staffing(st, series_id, rid, &sf, err)) != HE_OK ||
	    (rc = pick_role(pc, &sf, role, &key, err)) != HE_OK)
		goto fail;
	if (!p.active) {
		rc = herr_set(err, HE_USER, _("%s is inactive (make them active "
			      "with 'hearth person edit ID --active')"), p.name);
		goto fail;
	}
	if (find_signup(st, &p, series_id, rid, &dup, &none) == HE_OK) {
		char buf[CIVIL_BUFSZ];
		rc = herr_set(err, HE_USER, _("%s is already signed up for %s on "
			      "%s (%s)"), p.name, o.title,
			      civil_format(&o.day, true, buf),
			      people_role_label(pc, dup.role));
		signup_free(&dup);
		goto fail;
	}
	if ((rc = check_clash(st, &p, series_id, rid, &o, err)) != HE_OK ||
	    (rc = insert_signup(st, person_id, series_id, rid, key, &id,
				err)) != HE_OK ||
	    (rc = audit_signup(st, AUDIT_ADD, person_id, series_id, rid, "role",
			       NULL, key, err)) != HE_OK)
		goto fail;
	if (out) {
		struct signup_list l = { 0 };
		sqlite3_stmt *s = store_stmt(st, SIGNUP_SELECT " WHERE g.id = ?1",
					     err);
		if (!s) {
			rc = HE_INTERNAL;
			goto fail;
		}
		sqlite3_bind_int64(s, 1, id);
		if ((rc = read_signups(st, s, &l, err)) != HE_OK) {
			signup_list_free(&l);
			goto fail;
		}
		*out = l.v[0];
		free(l.v);
	}
	person_free(&p);
	occ_at_free(&o);
	staffing_free(&sf);
	return store_commit(st, err);
fail:
	person_free(&p);
	occ_at_free(&o);
	staffing_free(&sf);
	store_rollback(st);
	return rc;
}

static int exec_on_signup(struct store *st, const char *sql, int64_t id,
			  int64_t value, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, sql, err);

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, id);
	if (value)
		sqlite3_bind_int64(s, 2, value);
	return store_exec_stmt(st, s, err);
}

/* Opens a transaction and reads the person and their sign-up. */
static int begin_on_signup(struct store *st, int64_t person_id,
			   int64_t series_id, const struct civil *rid,
			   struct person *p, struct signup *g,
			   struct herr *err)
{
	int rc;

	person_init(p);
	memset(g, 0, sizeof *g);
	if ((rc = store_begin(st, err)) != HE_OK)
		return rc;
	if ((rc = person_name(st, person_id, p, err)) != HE_OK ||
	    (rc = find_signup(st, p, series_id, rid, g, err)) != HE_OK) {
		store_rollback(st);
		person_free(p);
	}
	return rc;
}

static int end_on_signup(struct store *st, struct person *p, struct signup *g,
			 int rc, struct herr *err)
{
	person_free(p);
	signup_free(g);
	if (rc == HE_OK)
		return store_commit(st, err);
	store_rollback(st);
	return rc;
}

int shift_unsignup(struct store *st, int64_t person_id, int64_t series_id,
		   const struct civil *rid, struct herr *err)
{
	struct person p;
	struct signup g;
	int rc = begin_on_signup(st, person_id, series_id, rid, &p, &g, err);

	if (rc != HE_OK)
		return rc;
	if (g.checkout)
		rc = herr_set(err, HE_USER, _("%s has checked out of that shift; "
			      "undo the check-out first (hearth checkout --undo)"),
			      p.name);
	else if (g.checkin)
		rc = herr_set(err, HE_USER, _("%s has checked in to that shift; "
			      "undo the check-in first (hearth checkin --undo)"),
			      p.name);
	else if ((rc = exec_on_signup(st, "DELETE FROM signup WHERE id = ?1",
				      g.id, 0, err)) == HE_OK)
		rc = audit_signup(st, AUDIT_DELETE, person_id, series_id, rid,
				  "role", g.role, NULL, err);
	return end_on_signup(st, &p, &g, rc, err);
}

/* "2027-01-08 17:30" in the sign-up's zone. */
static const char *moment(const struct signup *g, int64_t at, char buf[32])
{
	struct civil c = tz_from_utc(tz_get(g->tzid), at, NULL);

	snprintf(buf, 32, "%04d-%02d-%02d %02d:%02d", c.year, c.month, c.day,
		 c.hour, c.min);
	return buf;
}

static int check_near(const struct signup *g, int64_t at, struct herr *err)
{
	char a[32], b[32];

	if (at < g->start - SHIFT_SLACK || at > g->end + SHIFT_SLACK)
		return herr_set(err, HE_USER, _("%s is more than a day away from "
				"the shift (%s)"), moment(g, at, a),
				moment(g, g->start, b));
	return HE_OK;
}

int shift_checkin(struct store *st, int64_t person_id, int64_t series_id,
		  const struct civil *rid, int64_t at, bool undo,
		  struct herr *err)
{
	struct person p;
	struct signup g;
	char a[32];
	int rc = begin_on_signup(st, person_id, series_id, rid, &p, &g, err);

	if (rc != HE_OK)
		return rc;
	if (!at)
		at = g.start;
	if (g.checkout)
		rc = herr_set(err, HE_USER, _("%s has checked out of that shift; "
			      "undo the check-out first (hearth checkout --undo)"),
			      p.name);
	else if (undo && !g.checkin)
		rc = herr_set(err, HE_USER, _("%s has not checked in to that "
			      "shift"), p.name);
	else if (undo)
		rc = exec_on_signup(st, "UPDATE signup SET checkin = NULL"
				    " WHERE id = ?1", g.id, 0, err);
	else if (g.cancelled || g.gone)
		rc = herr_set(err, HE_USER, _("%s on %s is cancelled"), g.title,
			      moment(&g, g.start, a));
	else if ((rc = check_near(&g, at, err)) == HE_OK)
		rc = exec_on_signup(st, "UPDATE signup SET checkin = ?2"
				    " WHERE id = ?1", g.id, at, err);
	if (rc == HE_OK) {
		char *before = log_time(&g, g.checkin),
		     *after = log_time(&g, undo ? 0 : at);
		rc = audit_signup(st, AUDIT_EDIT, person_id, series_id, rid,
				  "checkin", before, after, err);
		free(before);
		free(after);
	}
	return end_on_signup(st, &p, &g, rc, err);
}

/* ---- checking out: points ---- */

/* Appends one earning row of a sign-up. */
static int earn_row(struct store *st, int64_t account, const struct signup *g,
		    enum ledger_kind kind, int64_t points, int minutes,
		    const char *bonus, int64_t *balance, struct herr *err)
{
	struct ledger_entry e = { 0 };
	int rc;

	e.kind = kind;
	e.points = points;
	e.title = g->title;
	e.occ_start = g->start;
	e.role = g->role;
	e.minutes = minutes;
	e.bonus = (char *)bonus;
	e.signup_id = g->id;
	rc = ledger_append(st, account, &e, err);
	*balance = e.balance;
	free(e.by);
	return rc;
}

static int earn(struct store *st, const struct people_config *pc,
		int64_t account, const struct signup *g, int minutes,
		struct checkout_result *out, struct herr *err)
{
	struct civil day = tz_from_utc(tz_get(g->tzid), g->start, NULL);
	struct points_award award;
	int rc = HE_OK;

	day.hour = day.min = day.sec = 0;
	points_compute(pc, g->kind, g->role, &day, minutes, &award);
	out->minutes = minutes;
	if (award.base > 0 &&
	    (rc = earn_row(st, account, g, LEDGER_EARN, award.base, minutes,
			   NULL, &out->balance, err)) != HE_OK)
		return rc;
	out->points += award.base;
	for (size_t i = 0; i < award.n_bonus; i++) {
		const struct points_bonus *b = award.bonus[i];
		if ((rc = earn_row(st, account, g, LEDGER_BONUS, b->points, 0,
				   b->name.key, &out->balance, err)) != HE_OK)
			return rc;
		out->points += b->points;
	}
	return HE_OK;
}

/* Reverses what a sign-up earned; refused when the balance is short. */
static int reverse(struct store *st, const struct person *p, int64_t account,
		   const struct signup *g, struct checkout_result *out,
		   struct herr *err)
{
	struct ledger_list l = { 0 };
	int64_t total = 0, balance;
	int rc = ledger_signup_entries(st, g->id, &l, err);

	if (rc == HE_OK)
		rc = ledger_account_balance(st, account, &balance, err);
	for (size_t i = 0; rc == HE_OK && i < l.n; i++)
		total += l.v[i].points;
	if (rc == HE_OK && total > balance)
		rc = herr_set(err, HE_USER, _("undoing the check-out would take "
			      "%s's balance below zero: the balance is %lld, "
			      "the shift earned %lld"), p->name,
			      (long long)balance, (long long)total);
	for (size_t i = 0; rc == HE_OK && i < l.n; i++) {
		struct ledger_entry e = { 0 };
		e.kind = LEDGER_REVERSE;
		e.points = -l.v[i].points;
		e.title = g->title;
		e.occ_start = g->start;
		e.role = g->role;
		e.bonus = l.v[i].bonus;
		e.minutes = -l.v[i].minutes;
		e.signup_id = g->id;
		e.reverses = l.v[i].id;
		rc = ledger_append(st, account, &e, err);
		out->balance = e.balance;
		free(e.by);
	}
	out->points += total;
	ledger_list_free(&l);
	return rc;
}

static int do_checkout(struct store *st, const struct people_config *pc,
		       const struct person *p, struct signup *g, int64_t at,
		       struct checkout_result *out, struct herr *err)
{
	int64_t account, checkin = g->checkin ? g->checkin : g->start;
	char a[32], b[32];
	int rc;

	if (!at)
		at = g->end;
	if (g->cancelled || g->gone)
		return herr_set(err, HE_USER, _("%s on %s is cancelled"),
				g->title, moment(g, g->start, a));
	if ((rc = check_near(g, at, err)) != HE_OK)
		return rc;
	if (at <= checkin)
		return herr_set(err, HE_USER, _("the check-out (%s) is not after "
				"the check-in (%s)"), moment(g, at, a),
				moment(g, checkin, b));
	if ((rc = store_person_account(st, p->id, &account, err)) != HE_OK)
		return rc;
	if (g->checkout) {
		struct checkout_result undone = { 0 };
		if ((rc = reverse(st, p, account, g, &undone, err)) != HE_OK)
			return rc;
	}
	if ((rc = exec_on_signup(st, "UPDATE signup SET checkin = ?2"
				 " WHERE id = ?1", g->id, checkin, err)) ||
	    (rc = exec_on_signup(st, "UPDATE signup SET checkout = ?2"
				 " WHERE id = ?1", g->id, at, err)))
		return rc;
	if ((rc = ledger_account_balance(st, account, &out->balance, err)))
		return rc;
	g->checkin = checkin;
	g->checkout = at;
	return earn(st, pc, account, g, signup_minutes(g), out, err);
}

int shift_checkout(struct store *st, const struct people_config *pc,
		   int64_t person_id, int64_t series_id,
		   const struct civil *rid, int64_t at, bool undo,
		   struct checkout_result *out, struct herr *err)
{
	struct checkout_result ignored;
	struct person p;
	struct signup g;
	int64_t account, old_checkout;
	int rc;

	if (!out)
		out = &ignored;
	memset(out, 0, sizeof *out);
	if ((rc = begin_on_signup(st, person_id, series_id, rid, &p, &g, err)))
		return rc;
	old_checkout = g.checkout;
	if (!undo) {
		rc = do_checkout(st, pc, &p, &g, at, out, err);
	} else if (!g.checkout) {
		rc = herr_set(err, HE_USER, _("%s has not checked out of that "
			      "shift"), p.name);
	} else if ((rc = store_person_account(st, p.id, &account, err)) ==
		   HE_OK &&
		   (rc = reverse(st, &p, account, &g, out, err)) == HE_OK) {
		out->minutes = signup_minutes(&g);
		rc = exec_on_signup(st, "UPDATE signup SET checkout = NULL"
				    " WHERE id = ?1", g.id, 0, err);
		if (rc == HE_OK && !out->balance)
			rc = ledger_account_balance(st, account, &out->balance,
						    err);
		g.checkout = 0;
	}
	if (rc == HE_OK) {
		char *before = log_time(&g, old_checkout),
		     *after = log_time(&g, g.checkout);
		rc = audit_signup(st, AUDIT_EDIT, person_id, series_id, rid,
				  "checkout", before, after, err);
		free(before);
		free(after);
	}
	return end_on_signup(st, &p, &g, rc, err);
}

/* ---- telling organisers ---- */

static void list_names(struct sbuf *b, const struct signup_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			sbuf_add(b, ", ");
		sbuf_add(b, l->v[i].person ? l->v[i].person : "?");
	}
}

/* Adds "X clashes with Y at T" for each person whose other shift now
 * overlaps the moved occurrence. */
static void add_clashes(struct store *st, const struct signup_list *l,
			struct sbuf *b)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct signup *g = &l->v[i];
		struct occ_at o = { .start = g->start, .end = g->end };
		struct person p;
		struct herr e = { 0 };
		if (!g->person_id ||
		    store_person_get(st, g->person_id, &p, NULL) != HE_OK)
			continue;
		if (check_clash(st, &p, g->series_id, &g->rid, &o, &e) != HE_OK &&
		    e.msg[0])
			sbuf_addf(b, "; %s", e.msg);
		person_free(&p);
	}
}

char *shift_change_notice(struct store *st, int64_t series_id,
			  const struct civil *rid)
{
	struct signup_list l = { 0 };
	struct sbuf b = { 0 }, names = { 0 };
	char span[64];
	struct occ_at o;

	if (store_occ_signups(st, series_id, rid, &l, NULL) != HE_OK ||
	    l.n == 0 ||
	    store_occ_at(st, series_id, rid, &o, NULL) != HE_OK) {
		signup_list_free(&l);
		return NULL;
	}
	list_names(&names, &l);
	occ_at_span(&o, span);
	if (o.cancelled)
		sbuf_addf(&b, ngettext("%d person is signed up for this "
				       "cancelled occurrence; tell them: %s",
				       "%d people are signed up for this "
				       "cancelled occurrence; tell them: %s",
				       (unsigned long)l.n), (int)l.n,
			  sbuf_str(&names));
	else {
		sbuf_addf(&b, ngettext("%d person is signed up for this "
				       "occurrence, now %s; tell them: %s",
				       "%d people are signed up for this "
				       "occurrence, now %s; tell them: %s",
				       (unsigned long)l.n), (int)l.n, span,
			  sbuf_str(&names));
		add_clashes(st, &l, &b);
	}
	sbuf_free(&names);
	signup_list_free(&l);
	occ_at_free(&o);
	if (b.len == 0) {
		sbuf_free(&b);
		return NULL;
	}
	return sbuf_take(&b);
}
