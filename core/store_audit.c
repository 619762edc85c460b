/* store_audit.c - the audit log's table: writing entries, reading them. */
#include "store_int.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "audit.h"
#include "i18n.h"

const char *store_audit_user(struct store *st)
{
	if (!st->user) {
		/* The real uid: who started the process, whatever it set. */
		struct passwd *pw = getpwuid(getuid());
		st->user = pw ? xstrdup(pw->pw_name)
			      : xasprintf("uid %ld", (long)getuid());
	}
	return st->user;
}

void store_audit_hold(struct store *st, bool on)
{
	st->audit_quiet += on ? 1 : -1;
	if (st->audit_quiet < 0)
		st->audit_quiet = 0;
}

static int insert_fields(struct store *st, int64_t id,
			 const struct changes *fields, struct herr *err)
{
	for (size_t i = 0; fields && i < fields->n; i++) {
		sqlite3_stmt *s = store_stmt(st,
			"INSERT INTO audit_field (audit_id, pos, field, before,"
			" after) VALUES (?1, ?2, ?3, ?4, ?5)", err);
		int rc;
		if (!s)
			return HE_INTERNAL;
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, (int64_t)i);
		bind_text(s, 3, fields->v[i].field);
		bind_text(s, 4, fields->v[i].before);
		bind_text(s, 5, fields->v[i].after);
		if ((rc = store_exec_stmt(st, s, err)) != HE_OK)
			return rc;
	}
	return HE_OK;
}

int store_audit_held(struct store *st, const struct audit_change *c,
		     struct herr *err)
{
	sqlite3_stmt *s;
	int rc;

	if (st->depth <= 0)
		return herr_set(err, HE_INTERNAL, _("internal error: a change "
				"logged outside its transaction"));
	if (!c->action || !c->entity || !c->ref)
		return herr_set(err, HE_INTERNAL, _("internal error: a change "
				"logged without saying what it changed"));
	if (!(s = store_stmt(st,
		"INSERT INTO audit (at, unix_uid, user, action, entity, ref,"
		" label, part) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", err)))
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, (int64_t)time(NULL));
	sqlite3_bind_int64(s, 2, (int64_t)getuid());
	bind_text(s, 3, store_audit_user(st));
	bind_text(s, 4, c->action);
	bind_text(s, 5, c->entity);
	bind_text(s, 6, c->ref);
	bind_text(s, 7, c->label);
	bind_text(s, 8, c->part);
	if ((rc = store_exec_stmt(st, s, err)) != HE_OK)
		return rc;
	return insert_fields(st, sqlite3_last_insert_rowid(st->db), c->fields,
			     err);
}

int store_audit(struct store *st, const struct audit_change *c,
		struct herr *err)
{
	if (st->audit_quiet > 0)
		return HE_OK;
	return store_audit_held(st, c, err);
}

/* ---- reading ---- */

void audit_entry_free(struct audit_entry *e)
{
	free(e->user);
	free(e->action);
	free(e->entity);
	free(e->ref);
	free(e->label);
	free(e->part);
	changes_free(&e->fields);
	memset(e, 0, sizeof *e);
}

void audit_entries_free(struct audit_entries *l)
{
	for (size_t i = 0; i < l->n; i++)
		audit_entry_free(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

#define ENTRY_COLUMNS "id, at, unix_uid, user, action, entity, ref, label, part"

static void read_entry(sqlite3_stmt *s, struct audit_entry *e)
{
	memset(e, 0, sizeof *e);
	e->id = sqlite3_column_int64(s, 0);
	e->at = sqlite3_column_int64(s, 1);
	e->unix_uid = (long)sqlite3_column_int64(s, 2);
	e->user = col_dup(s, 3);
	e->action = col_dup(s, 4);
	e->entity = col_dup(s, 5);
	e->ref = col_dup(s, 6);
	e->label = col_dup(s, 7);
	e->part = col_dup(s, 8);
}

static int read_fields(struct store *st, struct audit_entry *e,
		       struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT field, before, after FROM audit_field WHERE audit_id = ?1"
		" ORDER BY pos", err);
	int rc;

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, e->id);
	while (store_next(st, s, &rc, err)) {
		struct changes *f = &e->fields;
		/* Stored only when they differed: kept as they are. */
		f->v = xgrow(f->v, &f->cap, f->n + 1, sizeof *f->v);
		f->v[f->n++] = (struct change){ col_dup(s, 0), col_dup(s, 1),
						col_dup(s, 2) };
	}
	return rc;
}

/* Newest first with a limit, so that the limit keeps the newest; the
 * caller turns them round. */
static const char list_sql[] =
	"SELECT " ENTRY_COLUMNS " FROM audit"
	" WHERE (?1 = 0 OR at >= ?1) AND id > ?2"
	" AND (?3 IS NULL OR user = ?3)"
	" AND (?4 IS NULL OR ref = ?4)"
	" ORDER BY id DESC LIMIT ?5";

int store_audit_list(struct store *st, const struct audit_query *q,
		     struct audit_entries *out, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, list_sql, err);
	size_t first = out->n;
	int rc;

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, q->since);
	sqlite3_bind_int64(s, 2, q->after_id);
	bind_text(s, 3, str_empty(q->user) ? NULL : q->user);
	bind_text(s, 4, str_empty(q->ref) ? NULL : q->ref);
	sqlite3_bind_int64(s, 5, q->limit ? (int64_t)q->limit : -1);
	while (store_next(st, s, &rc, err)) {
		out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
		read_entry(s, &out->v[out->n++]);
	}
	for (size_t i = first; rc == HE_OK && i < out->n; i++)
		rc = read_fields(st, &out->v[i], err);
	for (size_t i = first, j = out->n; i + 1 < j; i++, j--) {
		struct audit_entry t = out->v[i];
		out->v[i] = out->v[j - 1];
		out->v[j - 1] = t;
	}
	return rc;
}

int store_audit_last(struct store *st, const char *ref,
		     struct audit_entry *out, bool *found, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT " ENTRY_COLUMNS " FROM audit WHERE ref = ?1"
		" ORDER BY id DESC LIMIT 1", err);
	int rc;

	memset(out, 0, sizeof *out);
	*found = false;
	if (!s)
		return HE_INTERNAL;
	bind_text(s, 1, ref);
	if ((rc = store_row(st, s, found, err)) != HE_OK || !*found)
		return rc;
	read_entry(s, out);
	sqlite3_reset(s);
	if ((rc = read_fields(st, out, err)) != HE_OK) {
		audit_entry_free(out);
		*found = false;
	}
	return rc;
}

int store_audit_newest(struct store *st, int64_t *id, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT max(id) FROM audit", err);

	*id = 0;
	if (!s)
		return HE_INTERNAL;
	return store_int64(st, s, id, NULL, err);
}
