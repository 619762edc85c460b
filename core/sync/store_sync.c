/*
 * store_sync.c - the tables of CalDAV sync (migration 9): calendars,
 * objects and conflicts; series stored and deleted from a server, each
 * logged in the audit log of the transaction that changes it.
 */
#include "../store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../audit.h"
#include "../changes.h"
#include "../i18n.h"
#include "sync_int.h"

#define AUDIT_SYNC_CALENDAR "sync calendar"

void sync_cal_free(struct sync_cal *c)
{
	free(c->account);
	free(c->source);
	free(c->url);
	free(c->token);
	free(c->ctag);
	memset(c, 0, sizeof *c);
}

void sync_item_free(struct sync_item *it)
{
	free(it->href);
	free(it->uid);
	free(it->etag);
	memset(it, 0, sizeof *it);
}

void sync_items_free(struct sync_items *l)
{
	for (size_t i = 0; i < l->n; i++)
		sync_item_free(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

void sync_pushes_free(struct sync_pushes *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].uid);
		free(l->v[i].href);
		free(l->v[i].etag);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

static int cal_read(struct store *st, const char *account,
		    struct sync_cal *out, bool *found, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT id, url, token, ctag, source FROM sync_calendar"
		" WHERE account = ?1", err);
	int rc;

	if (!s)
		return HE_INTERNAL;
	bind_text(s, 1, account);
	if ((rc = store_row(st, s, found, err)) != HE_OK || !*found)
		return rc;
	out->id = sqlite3_column_int64(s, 0);
	out->account = xstrdup(account);
	out->url = col_dup(s, 1);
	out->token = col_dup(s, 2);
	out->ctag = col_dup(s, 3);
	out->source = col_dup(s, 4);
	sqlite3_reset(s);
	return HE_OK;
}

int sync_cal_get(struct store *st, const char *account, bool create,
		 struct sync_cal *out, bool *found, struct herr *err)
{
	sqlite3_stmt *s;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = cal_read(st, account, out, found, err)) != HE_OK ||
	    *found || !create)
		return rc;
	if (!(s = store_stmt(st, "INSERT INTO sync_calendar (account)"
			     " VALUES (?1)", err)))
		return HE_INTERNAL;
	bind_text(s, 1, account);
	if ((rc = store_exec_stmt(st, s, err)) != HE_OK)
		return rc;
	return cal_read(st, account, out, found, err);
}

static int exec_cal(struct store *st, const char *sql, int64_t cal,
		    struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, sql, err);

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, cal);
	return store_exec_stmt(st, s, err);
}

int sync_cal_set_url(struct store *st, struct sync_cal *c, const char *source,
		     const char *url, struct herr *err)
{
	sqlite3_stmt *s;
	int rc;

	if (c->url && !strcmp(c->url, url) && str_eq0(c->source, source))
		return HE_OK;
	if (c->url && !strcmp(c->url, url)) {
		if (!(s = store_stmt(st, "UPDATE sync_calendar SET source = ?2"
				     " WHERE id = ?1", err)))
			return HE_INTERNAL;
		sqlite3_bind_int64(s, 1, c->id);
		bind_text(s, 2, source);
		if ((rc = store_exec_stmt(st, s, err)) == HE_OK)
			str_replace(&c->source, source);
		return rc;
	}
	if (c->url &&
	    ((rc = exec_cal(st, "DELETE FROM sync_item WHERE calendar_id = ?1",
			    c->id, err)) != HE_OK ||
	     (rc = exec_cal(st, "DELETE FROM sync_conflict"
			    " WHERE calendar_id = ?1", c->id, err)) != HE_OK))
		return rc;
	if (!(s = store_stmt(st, "UPDATE sync_calendar SET url = ?2,"
			     " source = ?3, token = NULL, ctag = NULL"
			     " WHERE id = ?1", err)))
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, c->id);
	bind_text(s, 2, url);
	bind_text(s, 3, source);
	if ((rc = store_exec_stmt(st, s, err)) != HE_OK)
		return rc;
	str_replace(&c->url, url);
	str_replace(&c->source, source);
	str_replace(&c->token, NULL);
	str_replace(&c->ctag, NULL);
	return HE_OK;
}

int sync_cal_set_token(struct store *st, struct sync_cal *c,
		       const char *token, const char *ctag, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "UPDATE sync_calendar SET token = ?2,"
				     " ctag = ?3 WHERE id = ?1", err);
	int rc;

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, c->id);
	bind_text(s, 2, token);
	bind_text(s, 3, ctag);
	if ((rc = store_exec_stmt(st, s, err)) != HE_OK)
		return rc;
	str_replace(&c->token, token);
	str_replace(&c->ctag, ctag);
	return HE_OK;
}

/* The counts of a sync as stored (last_stats) and logged. */
static const char *const stat_names[] = {
	"in-added", "in-changed", "in-deleted", "out-added", "out-changed",
	"out-deleted", "conflicts", "verbatim", "unchanged", "requests",
};

static void stat_values(const struct sync_stats *s, long v[10])
{
	v[0] = s->in_added;
	v[1] = s->in_changed;
	v[2] = s->in_deleted;
	v[3] = s->out_added;
	v[4] = s->out_changed;
	v[5] = s->out_deleted;
	v[6] = s->conflicts;
	v[7] = s->verbatim;
	v[8] = s->unchanged;
	v[9] = s->requests;
}

/* Logs a sync that changed something, with its counts. */
static int log_run(struct store *st, const struct sync_cal *c,
		   const struct sync_stats *stats, struct herr *err)
{
	struct changes ch = { 0 };
	long v[10];
	bool any = false;
	int rc;

	stat_values(stats, v);
	for (int i = 0; i < 7; i++)
		any = any || v[i] > 0;
	if (!any)
		return HE_OK;
	for (int i = 0; i < 10; i++)
		if (v[i])
			changes_take(&ch, stat_names[i], NULL,
				     xasprintf("%ld", v[i]));
	rc = store_audit(st, &(struct audit_change){
		.action = "sync", .entity = AUDIT_SYNC_CALENDAR,
		.ref = c->account, .label = c->url, .fields = &ch }, err);
	changes_free(&ch);
	return rc;
}

int sync_cal_outcome(struct store *st, const struct sync_cal *c, int64_t at,
		     const char *error, const struct sync_stats *stats,
		     struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, error
		? "UPDATE sync_calendar SET last_try = ?2, last_error = ?3"
		  " WHERE id = ?1"
		: "UPDATE sync_calendar SET last_try = ?2, last_ok = ?2,"
		  " last_error = NULL, last_stats = ?4 WHERE id = ?1", err);
	struct sbuf b = { 0 };
	long v[10];
	int rc;

	if (!s)
		return HE_INTERNAL;
	stat_values(stats, v);
	for (int i = 0; i < 10; i++)
		sbuf_addf(&b, "%s%ld", i ? " " : "", v[i]);
	sqlite3_bind_int64(s, 1, c->id);
	sqlite3_bind_int64(s, 2, at);
	if (error)
		bind_text(s, 3, error);
	else
		bind_text(s, 4, sbuf_str(&b));
	rc = store_exec_stmt(st, s, err);
	sbuf_free(&b);
	if (rc == HE_OK)
		rc = log_run(st, c, stats, err);
	return rc;
}

static void item_read(sqlite3_stmt *s, struct sync_item *out)
{
	out->href = col_dup(s, 0);
	out->uid = col_dup(s, 1);
	out->etag = col_dup(s, 2);
	out->revision = sqlite3_column_int(s, 3);
	out->raw = sqlite3_column_int(s, 4) != 0;
}

#define ITEM_COLUMNS "href, uid, etag, revision, raw IS NOT NULL"

static int item_one(struct store *st, sqlite3_stmt *s, struct sync_item *out,
		    bool *found, struct herr *err)
{
	int rc;

	memset(out, 0, sizeof *out);
	if (!s)
		return HE_INTERNAL;
	if ((rc = store_row(st, s, found, err)) != HE_OK || !*found)
		return rc;
	item_read(s, out);
	sqlite3_reset(s);
	return HE_OK;
}

int sync_item_get(struct store *st, int64_t cal, const char *href,
		  struct sync_item *out, bool *found, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT " ITEM_COLUMNS " FROM sync_item"
				     " WHERE calendar_id = ?1 AND href = ?2", err);

	if (s) {
		sqlite3_bind_int64(s, 1, cal);
		bind_text(s, 2, href);
	}
	return item_one(st, s, out, found, err);
}

int sync_item_by_uid(struct store *st, int64_t cal, const char *uid,
		     struct sync_item *out, bool *found, struct herr *err)
{
	/* Without INDEXED BY, SQLite reads every item of the calendar for
	   this (it takes the primary key for the ORDER BY ... LIMIT), once
	   per object received: a first sync of 10,000 was quadratic. */
	sqlite3_stmt *s = store_stmt(st, "SELECT " ITEM_COLUMNS " FROM sync_item"
				     " INDEXED BY sync_item_uid"
				     " WHERE uid = ?2 AND calendar_id = ?1"
				     " ORDER BY raw IS NOT NULL LIMIT 1", err);

	if (s) {
		sqlite3_bind_int64(s, 1, cal);
		bind_text(s, 2, uid);
	}
	return item_one(st, s, out, found, err);
}

int sync_item_put(struct store *st, int64_t cal, const struct sync_item *it,
		  const char *raw, const char *problem, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st,
		"INSERT OR REPLACE INTO sync_item (calendar_id, href, uid, etag,"
		" revision, raw, problem) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
		err);

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, cal);
	bind_text(s, 2, it->href);
	bind_text(s, 3, it->uid);
	bind_text(s, 4, it->etag);
	sqlite3_bind_int(s, 5, it->revision);
	bind_text(s, 6, raw);
	bind_text(s, 7, problem);
	return store_exec_stmt(st, s, err);
}

int sync_item_delete(struct store *st, int64_t cal, const char *href,
		     struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "DELETE FROM sync_item"
				     " WHERE calendar_id = ?1 AND href = ?2", err);

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, cal);
	bind_text(s, 2, href);
	return store_exec_stmt(st, s, err);
}

int sync_item_list(struct store *st, int64_t cal, struct sync_items *out,
		   struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT " ITEM_COLUMNS " FROM sync_item"
				     " WHERE calendar_id = ?1", err);
	int rc;

	memset(out, 0, sizeof *out);
	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, cal);
	while (store_next(st, s, &rc, err)) {
		out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
		item_read(s, &out->v[out->n++]);
	}
	if (rc != HE_OK)
		sync_items_free(out);
	return rc;
}

static void push_add(struct sync_pushes *l, sqlite3_stmt *s)
{
	struct sync_push *p;

	l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
	p = &l->v[l->n++];
	p->uid = col_dup(s, 0);
	p->href = col_dup(s, 1);
	p->etag = col_dup(s, 2);
	p->series_id = sqlite3_column_int64(s, 3);
	p->revision = sqlite3_column_int(s, 4);
}

/* No open conflict about series s (alias) on calendar ?1. */
#define NO_CONFLICT(uid) \
	" AND NOT EXISTS (SELECT 1 FROM sync_conflict c" \
	"  WHERE c.uid = " uid " AND c.calendar_id = ?1)"

/* Changed here since the server had them, or deleted here. */
static const char changed_sql[] =
	"SELECT i.uid, i.href, i.etag, coalesce(s.id, 0), coalesce(s.revision, 0)"
	" FROM sync_item i LEFT JOIN series s ON s.uid = i.uid"
	" WHERE i.calendar_id = ?1 AND i.raw IS NULL AND i.uid IS NOT NULL"
	" AND (s.id IS NULL OR s.revision <> i.revision)"
	NO_CONFLICT("i.uid");

/* Sent by the filter and not on the server: ?2 ",kind,kind," or NULL,
 * ?3 an organisation's name or NULL. */
static const char new_sql[] =
	"SELECT s.uid, NULL, NULL, s.id, s.revision FROM series s"
	" WHERE NOT EXISTS (SELECT 1 FROM sync_item i"
	"  WHERE i.uid = s.uid AND i.calendar_id = ?1)"
	" AND (?2 IS NULL OR instr(?2, ',' || s.kind || ',') > 0)"
	" AND (?3 IS NULL OR EXISTS (SELECT 1 FROM series_org so"
	"  JOIN org g ON g.id = so.org_id"
	"  WHERE so.series_id = s.id AND g.name = ?3))"
	NO_CONFLICT("s.uid") " ORDER BY s.id";

int sync_push_list(struct store *st, int64_t cal,
		   const struct sync_account *a, struct sync_pushes *out,
		   struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, changed_sql, err);
	struct sbuf kinds = { 0 };
	int rc;

	memset(out, 0, sizeof *out);
	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, cal);
	while (store_next(st, s, &rc, err))
		push_add(out, s);
	if (rc != HE_OK || !a->send)
		goto out;
	if (!(s = store_stmt(st, new_sql, err))) {
		rc = HE_INTERNAL;
		goto out;
	}
	for (size_t i = 0; i < a->send_kinds.n; i++)
		sbuf_addf(&kinds, ",%s", a->send_kinds.v[i]);
	if (kinds.len)
		sbuf_addc(&kinds, ',');
	sqlite3_bind_int64(s, 1, cal);
	bind_text(s, 2, kinds.len ? kinds.s : NULL);
	bind_text(s, 3, a->send_org);
	while (store_next(st, s, &rc, err))
		push_add(out, s);
out:
	sbuf_free(&kinds);
	if (rc != HE_OK)
		sync_pushes_free(out);
	return rc;
}

int sync_series_rev(struct store *st, const char *uid, int64_t *id,
		    int *revision, bool *found, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT id, revision FROM series"
				     " WHERE uid = ?1", err);
	int rc;

	*id = 0;
	*revision = 0;
	if (!s)
		return HE_INTERNAL;
	bind_text(s, 1, uid);
	if ((rc = store_row(st, s, found, err)) != HE_OK || !*found)
		return rc;
	*id = sqlite3_column_int64(s, 0);
	*revision = sqlite3_column_int(s, 1);
	sqlite3_reset(s);
	return HE_OK;
}

/* What changed, as the log says it: the series' fields, how many of its
 * occurrences, and where from. */
static void sync_changes(const struct series *old, const struct series *s,
			 const char *account, struct changes *ch)
{
	struct series empty;
	struct civil_list rids = { 0 };

	series_init(&empty);
	series_diff(old ? old : &empty, s, ch);
	series_overrides_changed(old ? old : &empty, s, &rids);
	if (rids.n)
		changes_take(ch, "occurrences", NULL, xasprintf("%zu", rids.n));
	changes_add(ch, "sync", NULL, account);
	civil_list_free(&rids);
	series_free(&empty);
}

int sync_store_series(struct store *st, const char *account,
		      struct series *s, const struct series_ical *x,
		      const struct series *old, struct herr *err)
{
	struct changes ch = { 0 };
	int rc = store_series_import(st, s, x, err);

	if (rc != HE_OK)
		return rc;
	sync_changes(old, s, account, &ch);
	rc = store_audit(st, &(struct audit_change){
		.action = old ? AUDIT_EDIT : AUDIT_ADD, .entity = AUDIT_SERIES,
		.ref = s->uid, .label = s->title, .fields = &ch }, err);
	changes_free(&ch);
	return rc;
}

int sync_delete_series(struct store *st, const char *account,
		       int64_t series_id, const char *uid, const char *title,
		       struct herr *err)
{
	struct changes ch = { 0 };
	int rc;

	/* The deletion logs itself; held, so that the entry says where the
	   deletion came from. */
	store_audit_hold(st, true);
	rc = store_series_delete(st, series_id, err);
	changes_add(&ch, "sync", NULL, account);
	if (rc == HE_OK)
		rc = store_audit_held(st, &(struct audit_change){
			.action = AUDIT_DELETE, .entity = AUDIT_SERIES,
			.ref = uid, .label = title, .fields = &ch }, err);
	store_audit_hold(st, false);
	changes_free(&ch);
	return rc;
}

static const char *const kind_names[] = { "edited", "deleted-here",
					  "deleted-there" };

const char *sync_conflict_kind_name(enum sync_conflict_kind k)
{
	return kind_names[k];
}

static enum sync_conflict_kind kind_of(const char *name)
{
	for (int k = 0; k < 3; k++)
		if (name && !strcmp(name, kind_names[k]))
			return (enum sync_conflict_kind)k;
	return SYNC_EDITED;
}

int sync_conflict_add(struct store *st, const struct sync_cal *c,
		      const char *uid, const char *title,
		      enum sync_conflict_kind kind, const char *local,
		      struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st,
		"INSERT INTO sync_conflict (calendar_id, uid, title, kind, local,"
		" at, by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", err);
	struct changes ch = { 0 };
	int rc;

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, c->id);
	bind_text(s, 2, uid);
	bind_text(s, 3, title);
	bind_text(s, 4, kind_names[kind]);
	bind_text(s, 5, local);
	sqlite3_bind_int64(s, 6, (int64_t)time(NULL));
	bind_text(s, 7, store_audit_user(st));
	if ((rc = store_exec_stmt(st, s, err)) != HE_OK)
		return rc;
	changes_add(&ch, "conflict", NULL, kind_names[kind]);
	changes_add(&ch, "sync", NULL, c->account);
	rc = store_audit(st, &(struct audit_change){
		.action = "conflict", .entity = AUDIT_SERIES, .ref = uid,
		.label = title, .fields = &ch }, err);
	changes_free(&ch);
	return rc;
}

int sync_conflict_open(struct store *st, int64_t cal, const char *uid,
		       bool *open, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT 1 FROM sync_conflict"
				     " WHERE uid = ?2 AND calendar_id = ?1", err);
	int64_t one;

	*open = false;
	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, cal);
	bind_text(s, 2, uid);
	return store_int64(st, s, &one, open, err);
}

#define CONFLICT_COLUMNS \
	"c.id, k.account, c.uid, coalesce(s.title, c.title), c.kind, c.at," \
	" c.by, c.local, c.calendar_id"
#define CONFLICT_FROM \
	" FROM sync_conflict c JOIN sync_calendar k ON k.id = c.calendar_id" \
	" LEFT JOIN series s ON s.uid = c.uid"

static void conflict_read(sqlite3_stmt *s, struct sync_conflict *out)
{
	out->id = sqlite3_column_int64(s, 0);
	out->account = col_dup(s, 1);
	out->uid = col_dup(s, 2);
	out->title = col_dup(s, 3);
	out->kind = kind_of(col_text(s, 4));
	out->at = sqlite3_column_int64(s, 5);
	out->user = col_dup(s, 6);
	out->local = col_dup(s, 7);
}

int sync_conflict_list(struct store *st, const char *account,
		       struct sync_conflicts *out, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT " CONFLICT_COLUMNS
				     CONFLICT_FROM " WHERE ?1 IS NULL"
				     " OR k.account = ?1 ORDER BY c.id", err);
	int rc;

	memset(out, 0, sizeof *out);
	if (!s)
		return HE_INTERNAL;
	bind_text(s, 1, account);
	while (store_next(st, s, &rc, err)) {
		out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
		conflict_read(s, &out->v[out->n++]);
	}
	if (rc != HE_OK)
		sync_conflicts_free(out);
	return rc;
}

int sync_conflict_get(struct store *st, int64_t id, struct sync_conflict *out,
		      int64_t *cal, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT " CONFLICT_COLUMNS
				     CONFLICT_FROM " WHERE c.id = ?1", err);
	bool found;
	int rc;

	memset(out, 0, sizeof *out);
	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = store_row(st, s, &found, err)) != HE_OK)
		return rc;
	if (!found)
		return herr_set(err, HE_USER, _("no open sync conflict %lld"),
				(long long)id);
	conflict_read(s, out);
	*cal = sqlite3_column_int64(s, 8);
	sqlite3_reset(s);
	return HE_OK;
}

int sync_conflict_find(struct store *st, const char *what, int64_t *id,
		       struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT id FROM sync_conflict WHERE uid = ?1"
		" OR (substr(uid, 1, length(?1)) = ?1 AND ?1 <> '')"
		" OR CAST(id AS TEXT) = ?1 ORDER BY CAST(id AS TEXT) = ?1 DESC,"
		" uid = ?1 DESC, id LIMIT 1", err);
	bool found;
	int rc;

	if (!s)
		return HE_INTERNAL;
	bind_text(s, 1, what);
	if ((rc = store_int64(st, s, id, &found, err)) != HE_OK)
		return rc;
	if (!found)
		return herr_set(err, HE_USER, _("no open sync conflict about "
				"'%s'"), what);
	return HE_OK;
}

int sync_conflict_done(struct store *st, const struct sync_conflict *c,
		       enum sync_keep keep, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "DELETE FROM sync_conflict"
				     " WHERE id = ?1", err);
	struct changes ch = { 0 };
	int rc;

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, c->id);
	if ((rc = store_exec_stmt(st, s, err)) != HE_OK)
		return rc;
	if (sqlite3_changes(st->db) == 0)
		return herr_set(err, HE_USER, _("sync conflict %lld was settled "
				"meanwhile"), (long long)c->id);
	changes_add(&ch, "conflict", kind_names[c->kind], NULL);
	changes_add(&ch, "kept", NULL, keep == SYNC_KEEP_MINE ? "mine"
							      : "theirs");
	changes_add(&ch, "sync", NULL, c->account);
	rc = store_audit(st, &(struct audit_change){
		.action = "resolve", .entity = AUDIT_SERIES, .ref = c->uid,
		.label = c->title, .fields = &ch }, err);
	changes_free(&ch);
	return rc;
}

void sync_conflict_free(struct sync_conflict *c)
{
	free(c->account);
	free(c->uid);
	free(c->title);
	free(c->user);
	free(c->local);
	memset(c, 0, sizeof *c);
}

void sync_conflicts_free(struct sync_conflicts *l)
{
	for (size_t i = 0; i < l->n; i++)
		sync_conflict_free(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

static void status_stats(const char *text, struct sync_stats *out)
{
	long v[10] = { 0 };

	if (text)
		sscanf(text, "%ld %ld %ld %ld %ld %ld %ld %ld %ld %ld", &v[0],
		       &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7], &v[8],
		       &v[9]);
	out->in_added = v[0];
	out->in_changed = v[1];
	out->in_deleted = v[2];
	out->out_added = v[3];
	out->out_changed = v[4];
	out->out_deleted = v[5];
	out->conflicts = v[6];
	out->verbatim = v[7];
	out->unchanged = v[8];
	out->requests = v[9];
}

int sync_status_list(struct store *st, struct sync_status **out, size_t *n,
		     struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT k.account, k.url, coalesce(k.last_try, 0),"
		" coalesce(k.last_ok, 0), k.last_error, k.last_stats,"
		" (SELECT count(*) FROM sync_item i WHERE i.calendar_id = k.id),"
		" (SELECT count(*) FROM sync_item i WHERE i.calendar_id = k.id"
		"  AND i.raw IS NOT NULL),"
		" (SELECT count(*) FROM sync_conflict c"
		"  WHERE c.calendar_id = k.id)"
		" FROM sync_calendar k ORDER BY k.account", err);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!s)
		return HE_INTERNAL;
	while (store_next(st, s, &rc, err)) {
		struct sync_status *t;
		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		t = &(*out)[(*n)++];
		memset(t, 0, sizeof *t);
		t->account = col_dup(s, 0);
		t->url = col_dup(s, 1);
		t->last_try = sqlite3_column_int64(s, 2);
		t->last_ok = sqlite3_column_int64(s, 3);
		t->last_error = col_dup(s, 4);
		status_stats(col_text(s, 5), &t->last);
		t->objects = sqlite3_column_int(s, 6);
		t->verbatim = sqlite3_column_int(s, 7);
		t->conflicts = sqlite3_column_int(s, 8);
	}
	if (rc != HE_OK) {
		sync_status_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void sync_status_free(struct sync_status *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].account);
		free(v[i].url);
		free(v[i].last_error);
	}
	free(v);
}

int sync_conflict_count(struct store *st, long *n, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT count(*) FROM sync_conflict",
				     err);
	int64_t count = 0;
	int rc;

	*n = 0;
	if (!s)
		return HE_INTERNAL;
	if ((rc = store_int64(st, s, &count, NULL, err)) == HE_OK)
		*n = (long)count;
	return rc;
}
