/* store_suggest.c - suggestions in the database. */
#include "../store_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../audit.h"
#include "../i18n.h"
#include "../text.h"
#include "suggest.h"

#define SUGG_COLUMNS \
	"g.id, g.body, g.topic, g.source, g.received, g.status, v.name," \
	" g.series_id, s.uid, s.title, g.created, g.updated, g.created_by," \
	" g.updated_by, g.revision" \
	" FROM suggestion g LEFT JOIN venue v ON v.id = g.venue_id" \
	" LEFT JOIN series s ON s.id = g.series_id"

static void read_suggestion(sqlite3_stmt *s, struct suggestion *g)
{
	bool date_only;

	suggestion_init(g);
	g->id = sqlite3_column_int64(s, 0);
	g->text = col_dup(s, 1);
	g->topic = col_dup(s, 2);
	g->source = col_dup(s, 3);
	if (!civil_parse(col_text(s, 4) ? col_text(s, 4) : "", &g->received,
			 &date_only))
		memset(&g->received, 0, sizeof g->received);
	if (!sugg_status_parse(col_text(s, 5) ? col_text(s, 5) : "",
			       &g->status))
		g->status = SUGG_NEW;
	g->venue = col_dup(s, 6);
	g->series_id = sqlite3_column_int64(s, 7);
	g->event_uid = col_dup(s, 8);
	g->event_title = col_dup(s, 9);
	g->created = sqlite3_column_int64(s, 10);
	g->updated = sqlite3_column_int64(s, 11);
	g->created_by = col_dup(s, 12);
	g->updated_by = col_dup(s, 13);
	g->revision = sqlite3_column_int(s, 14);
}

static int no_such(int64_t id, struct herr *err)
{
	return herr_set(err, HE_USER, _("no suggestion has the ID %lld"),
			(long long)id);
}

/* The fields of a suggestion as the audit log names and shows them. */
static void diff(const struct suggestion *old, const struct suggestion *g,
		 struct changes *ch)
{
	static const struct suggestion none;
	char a[CIVIL_BUFSZ] = "", b[CIVIL_BUFSZ] = "";

	if (!old)
		old = &none;
	changes_add(ch, "text", old->text, g->text);
	changes_add(ch, "topic", old->topic, g->topic);
	changes_add(ch, "source", old->source, g->source);
	if (old->received.year)
		civil_format(&old->received, true, a);
	changes_add(ch, "received", a, civil_format(&g->received, true, b));
	changes_add(ch, "venue", old->venue, g->venue);
	changes_take(ch, "event", old->series_id
		     ? xasprintf("%lld", (long long)old->series_id) : NULL,
		     g->series_id ? xasprintf("%lld", (long long)g->series_id)
				  : NULL);
}

static int log_change(struct store *st, const char *action, int64_t id,
		      const char *text, const struct changes *ch,
		      struct herr *err)
{
	char ref[24];
	/* What people recognise it by: the start of its text. */
	char *label = text_fit(text ? text : "", 40, false);
	int rc;

	snprintf(ref, sizeof ref, "%lld", (long long)id);
	rc = store_audit(st, &(struct audit_change){
		.action = action, .entity = SUGG_ENTITY, .ref = ref,
		.label = label, .fields = ch }, err);
	free(label);
	return rc;
}

static int load_changes(struct store *st, struct suggestion *g,
			struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT at, by, status, note FROM"
				     " suggestion_status WHERE suggestion_id = ?1"
				     " ORDER BY pos", err);
	int rc;

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, g->id);
	while (store_next(st, s, &rc, err)) {
		struct sugg_change *c;
		g->changes = xgrow(g->changes, &g->cap_changes, g->n_changes + 1,
				   sizeof *g->changes);
		c = &g->changes[g->n_changes++];
		c->at = sqlite3_column_int64(s, 0);
		c->by = col_dup(s, 1);
		if (!sugg_status_parse(col_text(s, 2) ? col_text(s, 2) : "",
				       &c->status))
			c->status = SUGG_NEW;
		c->note = col_dup(s, 3);
	}
	return rc;
}

int suggest_load(struct store *st, int64_t id, struct suggestion *out,
		 struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT " SUGG_COLUMNS
				     " WHERE g.id = ?1", err);
	int rc;

	suggestion_init(out);
	if (!s)
		return HE_INTERNAL;
	bool found;

	sqlite3_bind_int64(s, 1, id);
	if ((rc = store_row(st, s, &found, err)) != HE_OK)
		return rc;
	if (!found)
		return no_such(id, err);
	read_suggestion(s, out);
	sqlite3_reset(s);
	if ((rc = load_changes(st, out, err)) != HE_OK)
		suggestion_free(out);
	return rc;
}

static int add_change(struct store *st, int64_t id, enum sugg_status status,
		      const char *note, int64_t now, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st,
		"INSERT INTO suggestion_status (suggestion_id, pos, at, by,"
		" status, note) VALUES (?1, (SELECT COALESCE(MAX(pos), 0) + 1"
		" FROM suggestion_status WHERE suggestion_id = ?1), ?2, ?3, ?4,"
		" ?5)", err);

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, now);
	bind_text(s, 3, store_audit_user(st));
	bind_text(s, 4, sugg_status_name(status));
	bind_text(s, 5, str_empty(note) ? NULL : note);
	return store_exec_stmt(st, s, err);
}

/* Binds the fields add and save share (parameters 1..6). */
static int bind_fields(struct store *st, sqlite3_stmt *s,
		       const struct suggestion *g, struct herr *err)
{
	char day[CIVIL_BUFSZ];
	int64_t venue_id = 0;
	int rc;

	if (!str_empty(g->venue) &&
	    (rc = store_venue_id(st, g->venue, false, &venue_id, err)) != HE_OK)
		return rc;
	bind_text(s, 1, g->text);
	bind_text(s, 2, str_empty(g->topic) ? NULL : g->topic);
	bind_text(s, 3, str_empty(g->source) ? NULL : g->source);
	bind_text(s, 4, civil_format(&g->received, true, day));
	if (venue_id)
		sqlite3_bind_int64(s, 5, venue_id);
	else
		sqlite3_bind_null(s, 5);
	if (g->series_id)
		sqlite3_bind_int64(s, 6, g->series_id);
	else
		sqlite3_bind_null(s, 6);
	return HE_OK;
}

static int insert(struct store *st, struct suggestion *g, int64_t now,
		  struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st,
		"INSERT INTO suggestion (body, topic, source, received, venue_id,"
		" series_id, status, created, updated, revision, created_by,"
		" updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, 1, ?9,"
		" ?9)", err);
	int rc;

	if (!s)
		return HE_INTERNAL;
	if ((rc = bind_fields(st, s, g, err)) != HE_OK)
		return rc;
	bind_text(s, 7, sugg_status_name(g->status));
	sqlite3_bind_int64(s, 8, now);
	bind_text(s, 9, store_audit_user(st));
	if ((rc = store_exec_stmt(st, s, err)) != HE_OK)
		return rc;
	g->id = sqlite3_last_insert_rowid(st->db);
	g->created = g->updated = now;
	g->revision = 1;
	str_replace(&g->created_by, store_audit_user(st));
	str_replace(&g->updated_by, store_audit_user(st));
	return HE_OK;
}

int suggest_add(struct store *st, const struct config *cfg,
		struct suggestion *g, const struct civil *today, int64_t now,
		struct herr *err)
{
	int rc;

	if ((rc = suggestion_validate(cfg, g, today, err)) != HE_OK)
		return rc;
	if ((rc = store_begin(st, err)) != HE_OK)
		return rc;
	if ((rc = insert(st, g, now, err)) == HE_OK)
		rc = add_change(st, g->id, g->status, NULL, now, err);
	if (rc == HE_OK) {
		struct changes ch = { 0 };
		diff(NULL, g, &ch);
		changes_add(&ch, "status", NULL, sugg_status_name(g->status));
		rc = log_change(st, AUDIT_ADD, g->id, g->text, &ch, err);
		changes_free(&ch);
	}
	if (rc != HE_OK) {
		g->id = 0;
		store_rollback(st);
		return rc;
	}
	return store_commit(st, err);
}

/* The stored revision of id (HE_USER when there is no such suggestion). */
static int stored_revision(struct store *st, int64_t id, int *revision,
			   enum sugg_status *status, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT revision, status FROM"
				     " suggestion WHERE id = ?1", err);
	int rc;

	if (!s)
		return HE_INTERNAL;
	bool found;

	sqlite3_bind_int64(s, 1, id);
	if ((rc = store_row(st, s, &found, err)) != HE_OK)
		return rc;
	if (!found)
		return no_such(id, err);
	*revision = sqlite3_column_int(s, 0);
	if (!sugg_status_parse(col_text(s, 1) ? col_text(s, 1) : "", status))
		*status = SUGG_NEW;
	sqlite3_reset(s);
	return HE_OK;
}

static int changed_meanwhile(int64_t id, struct herr *err)
{
	return herr_set(err, HE_USER, _("suggestion %lld was changed by someone "
			"else meanwhile; nothing was saved, look again"),
			(long long)id);
}

static int update(struct store *st, struct suggestion *g, int64_t now,
		  struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st,
		"UPDATE suggestion SET body = ?1, topic = ?2, source = ?3,"
		" received = ?4, venue_id = ?5, series_id = ?6, updated = ?7,"
		" updated_by = ?8, revision = revision + 1 WHERE id = ?9", err);
	int rc;

	if (!s)
		return HE_INTERNAL;
	if ((rc = bind_fields(st, s, g, err)) != HE_OK)
		return rc;
	sqlite3_bind_int64(s, 7, now);
	bind_text(s, 8, store_audit_user(st));
	sqlite3_bind_int64(s, 9, g->id);
	return store_exec_stmt(st, s, err);
}

int suggest_save(struct store *st, const struct config *cfg,
		 struct suggestion *g, const struct civil *today, int64_t now,
		 struct herr *err)
{
	enum sugg_status status;
	int revision = 0, rc;

	if ((rc = suggestion_validate(cfg, g, today, err)) != HE_OK)
		return rc;
	if ((rc = store_begin(st, err)) != HE_OK)
		return rc;
	struct suggestion old;
	rc = stored_revision(st, g->id, &revision, &status, err);
	if (rc == HE_OK && revision != g->revision)
		rc = changed_meanwhile(g->id, err);
	if (rc == HE_OK && (rc = suggest_load(st, g->id, &old, err)) == HE_OK) {
		struct changes ch = { 0 };
		diff(&old, g, &ch);
		rc = update(st, g, now, err);
		if (rc == HE_OK)
			rc = log_change(st, AUDIT_EDIT, g->id, g->text, &ch, err);
		changes_free(&ch);
		suggestion_free(&old);
	}
	if (rc != HE_OK) {
		store_rollback(st);
		return rc;
	}
	if ((rc = store_commit(st, err)) == HE_OK) {
		g->revision++;
		g->updated = now;
		str_replace(&g->updated_by, store_audit_user(st));
	}
	return rc;
}

static int write_status(struct store *st, int64_t id, enum sugg_status status,
			int64_t now, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st,
		"UPDATE suggestion SET status = ?1, updated = ?2, updated_by = ?3,"
		" revision = revision + 1 WHERE id = ?4", err);

	if (!s)
		return HE_INTERNAL;
	bind_text(s, 1, sugg_status_name(status));
	sqlite3_bind_int64(s, 2, now);
	bind_text(s, 3, store_audit_user(st));
	sqlite3_bind_int64(s, 4, id);
	return store_exec_stmt(st, s, err);
}

/* A change of status (or a note added) in the audit log. */
static int log_status(struct store *st, int64_t id, enum sugg_status old,
		      enum sugg_status status, const char *note,
		      struct herr *err)
{
	struct changes ch = { 0 };
	struct suggestion g;
	int rc = suggest_load(st, id, &g, err);

	if (rc != HE_OK)
		return rc;
	changes_add(&ch, "status", sugg_status_name(old), sugg_status_name(status));
	changes_add(&ch, "note", NULL, note);
	rc = log_change(st, AUDIT_EDIT, id, g.text, &ch, err);
	changes_free(&ch);
	suggestion_free(&g);
	return rc;
}

int suggest_set_status(struct store *st, int64_t id, enum sugg_status status,
		       const char *note, int revision, int64_t now,
		       struct herr *err)
{
	enum sugg_status old;
	int stored = 0, rc;

	if ((unsigned)status >= SUGG_N_STATUS)
		return herr_set(err, HE_INTERNAL, "bad status %d", (int)status);
	if (note && !text_valid_utf8(note, NULL))
		return herr_set(err, HE_USER, _("the note is not valid UTF-8"));
	if (note && strlen(note) > SUGG_FIELD_MAX)
		return herr_set(err, HE_USER, _("the note is longer than %d "
				"bytes"), SUGG_FIELD_MAX);
	if ((rc = store_begin(st, err)) != HE_OK)
		return rc;
	rc = stored_revision(st, id, &stored, &old, err);
	if (rc == HE_OK && revision > 0 && stored != revision)
		rc = changed_meanwhile(id, err);
	if (rc == HE_OK && old == status && str_empty(note))
		rc = herr_set(err, HE_USER, _("suggestion %lld is already '%s'; "
			      "give a note to add one"), (long long)id,
			      sugg_status_label(status));
	if (rc == HE_OK)
		rc = write_status(st, id, status, now, err);
	if (rc == HE_OK)
		rc = add_change(st, id, status, note, now, err);
	if (rc == HE_OK)
		rc = log_status(st, id, old, status, note, err);
	if (rc != HE_OK) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st, err);
}

int suggest_delete(struct store *st, int64_t id, struct herr *err)
{
	sqlite3_stmt *s;
	int rc;

	struct suggestion old;

	if ((rc = store_begin(st, err)) != HE_OK)
		return rc;
	if ((rc = suggest_load(st, id, &old, err)) != HE_OK) {
		store_rollback(st);
		return rc;
	}
	if (!(s = store_stmt(st, "DELETE FROM suggestion WHERE id = ?1", err))) {
		suggestion_free(&old);
		store_rollback(st);
		return HE_INTERNAL;
	}
	sqlite3_bind_int64(s, 1, id);
	rc = store_exec_stmt(st, s, err);
	if (rc == HE_OK)
		rc = log_change(st, AUDIT_DELETE, id, old.text, NULL, err);
	suggestion_free(&old);
	if (rc != HE_OK) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st, err);
}

static void bind_list_filter(sqlite3_stmt *s, const struct sugg_filter *f)
{
	char day[CIVIL_BUFSZ];

	bind_text(s, 1, str_empty(f->topic) ? NULL : f->topic);
	bind_text(s, 2, str_empty(f->venue) ? NULL : f->venue);
	sqlite3_bind_int64(s, 3, f->series_id);
	if (!str_empty(f->text)) {
		/* SQLite's lower() folds ASCII only: fold the needle the same way. */
		char *needle = xstrdup(f->text);
		for (char *p = needle; *p; p++)
			if ((unsigned char)*p < 0x80)
				*p = (char)tolower((unsigned char)*p);
		bind_text(s, 4, needle);
		free(needle);
	}
	if (f->from.year)
		bind_text(s, 5, civil_format(&f->from, true, day));
	if (f->to.year)
		bind_text(s, 6, civil_format(&f->to, true, day));
}

int suggest_list(struct store *st, const struct sugg_filter *f,
		 struct sugg_list *out, struct herr *err)
{
	static const struct sugg_filter none;
	sqlite3_stmt *s = store_stmt(st, "SELECT " SUGG_COLUMNS
		" WHERE (?1 IS NULL OR g.topic = ?1)"
		" AND (?2 IS NULL OR instr(v.name, ?2) > 0)"
		" AND (?3 = 0 OR g.series_id = ?3)"
		" AND (?4 IS NULL OR instr(lower(g.body), ?4) > 0"
		"  OR instr(lower(COALESCE(g.source, '')), ?4) > 0)"
		" AND (?5 IS NULL OR g.received >= ?5)"
		" AND (?6 IS NULL OR g.received <= ?6)"
		" ORDER BY g.received, g.id", err);
	int rc;

	if (!f)
		f = &none;
	if (!s)
		return HE_INTERNAL;
	bind_list_filter(s, f);
	while (store_next(st, s, &rc, err)) {
		struct suggestion g;
		read_suggestion(s, &g);
		if (f->statuses && !(f->statuses & (1u << g.status))) {
			suggestion_free(&g);
			continue;
		}
		out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
		out->v[out->n++] = g;
	}
	return rc;
}
