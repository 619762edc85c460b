/* store_place.c - venues and organisations. */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "changes.h"
#include "i18n.h"
#include "text.h"

/*
 * Venues and organisations share their code; venue says which one, so that
 * every message is a whole sentence for translators.
 */
static int check_name(bool venue, const char *name, struct herr *err)
{
	if (str_empty(name) || name[strspn(name, " \t")] == '\0')
		return herr_set(err, HE_USER, venue
				? _("the venue's name is empty")
				: _("the organisation's name is empty"));
	if (text_check_length(venue ? N_("venue") : N_("organisation"), name,
			      TEXT_MAX_NAME, err) != HE_OK)
		return HE_USER;
	if (!text_valid_utf8(name, NULL))
		return herr_set(err, HE_USER, venue
				? _("the venue's name is not valid UTF-8")
				: _("the organisation's name is not valid UTF-8"));
	return HE_OK;
}

static int no_such_place(bool venue, const char *name, struct herr *err)
{
	return herr_set(err, HE_USER, venue ? _("no venue is called '%s'")
				     : _("no organisation is called '%s'"),
			name);
}

/* Looks a name up in table (venue or org); creates the row when create. */
static int place_id(struct store *st, const char *select_sql,
		    const char *insert_sql, bool venue, const char *name,
		    bool create, int64_t *id, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, select_sql, err);
	bool found;
	int rc;

	if (!s)
		return HE_INTERNAL;
	bind_text(s, 1, name);
	if ((rc = store_int64(st, s, id, &found, err)) != HE_OK || found)
		return rc;
	if (!create)
		return no_such_place(venue, name, err);
	if ((rc = check_name(venue, name, err)) != HE_OK)
		return rc;
	if (!(s = store_stmt(st, insert_sql, err)))
		return HE_INTERNAL;
	bind_text(s, 1, name);
	if ((rc = store_exec_stmt(st, s, err)) != HE_OK)
		return rc;
	*id = sqlite3_last_insert_rowid(st->db);
	return HE_OK;
}

int store_venue_id(struct store *st, const char *name, bool create,
		   int64_t *id, struct herr *err)
{
	return place_id(st, "SELECT id FROM venue WHERE name = ?1",
			"INSERT INTO venue (name) VALUES (?1)", true, name,
			create, id, err);
}

int store_org_id(struct store *st, const char *name, bool create, int64_t *id,
		 struct herr *err)
{
	return place_id(st, "SELECT id FROM org WHERE name = ?1",
			"INSERT INTO org (name) VALUES (?1)", false, name,
			create, id, err);
}

int id_texts_read(struct store *st, sqlite3_stmt *s, struct id_texts *out,
		  struct herr *err)
{
	int rc;

	memset(out, 0, sizeof *out);
	while (store_next(st, s, &rc, err)) {
		out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
		out->v[out->n].id = sqlite3_column_int64(s, 0);
		out->v[out->n++].text = col_dup(s, 1);
	}
	if (rc != HE_OK)
		id_texts_free(out);
	return rc;
}

void id_texts_of(const struct id_texts *t, int64_t id, struct strv *out)
{
	size_t lo = 0, hi = t->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < t->n && t->v[lo].id == id; lo++)
		strv_add(out, t->v[lo].text ? t->v[lo].text : "");
}

void id_texts_free(struct id_texts *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i].text);
	free(t->v);
	memset(t, 0, sizeof *t);
}

int venue_services_all(struct store *st, struct id_texts *out,
		       struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT venue_id, service FROM"
				     " venue_service ORDER BY venue_id, pos", err);

	memset(out, 0, sizeof *out);
	return s ? id_texts_read(st, s, out, err) : HE_INTERNAL;
}

/* The venue in row s, without its services. */
static void read_venue_row(sqlite3_stmt *s, struct venue *v)
{
	memset(v, 0, sizeof *v);
	v->id = sqlite3_column_int64(s, 0);
	v->name = col_dup(s, 1);
	v->address = col_dup(s, 2);
	v->has_geo = sqlite3_column_type(s, 3) != SQLITE_NULL;
	v->lat = sqlite3_column_double(s, 3);
	v->lon = sqlite3_column_double(s, 4);
	v->type = col_dup(s, 5);
	v->notes = col_dup(s, 6);
	v->revision = sqlite3_column_int(s, 7);
}

/* Reads the venue in row s, and its services (another query). */
static int read_venue(struct store *st, sqlite3_stmt *s, struct venue *v,
		      struct herr *err)
{
	sqlite3_stmt *svc;
	int rc;

	read_venue_row(s, v);
	svc = store_stmt(st, "SELECT service FROM venue_service WHERE venue_id = ?1"
			 " ORDER BY pos", err);
	if (!svc)
		return HE_INTERNAL;
	sqlite3_bind_int64(svc, 1, v->id);
	while (store_next(st, svc, &rc, err))
		strv_add(&v->services, col_text(svc, 0));
	return rc;
}

#define VENUE_COLUMNS "id, name, address, lat, lon, type, notes, revision"

int store_venue_list(struct store *st, struct venue **out, size_t *n,
		     struct herr *err)
{
	sqlite3_stmt *s;
	struct id_texts services;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	/* One snapshot for both passes. */
	if ((rc = store_read_begin(st, err)) != HE_OK)
		return rc;
	if ((rc = venue_services_all(st, &services, err)) != HE_OK) {
		store_read_end(st);
		return rc;
	}
	if (!(s = store_stmt(st, "SELECT " VENUE_COLUMNS
			     " FROM venue ORDER BY name", err))) {
		id_texts_free(&services);
		store_read_end(st);
		return HE_INTERNAL;
	}
	while (store_next(st, s, &rc, err)) {
		struct venue *v;
		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		v = &(*out)[(*n)++];
		read_venue_row(s, v);
		id_texts_of(&services, v->id, &v->services);
	}
	id_texts_free(&services);
	store_read_end(st);
	if (rc != HE_OK) {
		venue_list_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int store_venue_get(struct store *st, const char *name, struct venue *out,
		    struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT " VENUE_COLUMNS
				     " FROM venue WHERE name = ?1", err);
	bool found;
	int rc;

	if (!s)
		return HE_INTERNAL;
	bind_text(s, 1, name);
	if ((rc = store_row(st, s, &found, err)) != HE_OK)
		return rc;
	if (!found)
		return no_such_place(true, name, err);
	rc = read_venue(st, s, out, err);
	sqlite3_reset(s);
	if (rc != HE_OK)
		venue_free(out);
	return rc;
}

static int check_venue(const struct venue *v, struct herr *err)
{
	const char *fields[] = { v->address, v->type, v->notes };
	/* TRANSLATORS: names of a venue's fields in "%s is N bytes long". */
	const char *names[] = { N_("address"), N_("venue type"),
				N_("venue notes") };
	const size_t max[] = { TEXT_MAX_NOTE, TEXT_MAX_NAME, TEXT_MAX_NOTE };
	int rc = check_name(true, v->name, err);

	if (rc != HE_OK)
		return rc;

	for (size_t i = 0; i < 3; i++)
		if (fields[i] && !text_valid_utf8(fields[i], NULL))
			return herr_set(err, HE_USER, _("venue text is not valid UTF-8"));
		else if (text_check_length(names[i], fields[i], max[i], err))
			return HE_USER;
	if (v->services.n > TEXT_MAX_ITEMS)
		return herr_set(err, HE_USER, _("a venue has at most %d services"),
				TEXT_MAX_ITEMS);
	for (size_t i = 0; i < v->services.n; i++)
		if (!text_valid_utf8(v->services.v[i], NULL))
			return herr_set(err, HE_USER, _("service is not valid UTF-8"));
		else if (text_check_length(N_("service"), v->services.v[i],
					   TEXT_MAX_NAME, err))
			return HE_USER;
	if (v->has_geo && (v->lat < -90 || v->lat > 90 || v->lon < -180 ||
			   v->lon > 180))
		return herr_set(err, HE_USER,
				_("coordinates %g,%g are out of range"), v->lat, v->lon);
	return HE_OK;
}

static int write_services(struct store *st, int64_t id, const struct venue *v,
			  struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st,
		"DELETE FROM venue_service WHERE venue_id = ?1", err);
	int rc;

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = store_exec_stmt(st, s, err)) != HE_OK)
		return rc;
	for (size_t i = 0; i < v->services.n; i++) {
		if (!(s = store_stmt(st, "INSERT INTO venue_service (venue_id, pos,"
				     " service) VALUES (?1, ?2, ?3)", err)))
			return HE_INTERNAL;
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, (int64_t)i);
		bind_text(s, 3, v->services.v[i]);
		if ((rc = store_exec_stmt(st, s, err)) != HE_OK)
			return rc;
	}
	return HE_OK;
}

static int changed_since(bool venue, const char *name, struct herr *err)
{
	return herr_set(err, HE_USER, venue
			? _("venue '%s' was changed or removed by someone else "
			    "since it was read; look at it again and retry")
			: _("organisation '%s' was changed or removed by someone "
			    "else since it was read; look at it again and retry"),
			name);
}

static int place_exists(bool venue, const char *name, struct herr *err)
{
	return herr_set(err, HE_USER,
			venue ? _("a venue called '%s' already exists")
			      : _("an organisation called '%s' already exists"),
			name);
}

/* Turns a UNIQUE violation into a message naming the clash. */
static int put_failed(struct store *st, bool venue, const char *name,
		      struct herr *err)
{
	if (sqlite3_extended_errcode(st->db) == SQLITE_CONSTRAINT_UNIQUE)
		return place_exists(venue, name, err);
	return store_dberr(st, err);
}

/*
 * The row a venue's or organisation's write changes: old_name's (which must
 * exist), or none yet for a new one, whose name must not be taken.
 */
static int write_target(struct store *st, bool venue, const char *old_name,
			const char *name, int64_t *id, struct herr *err)
{
	int (*lookup)(struct store *, const char *, bool, int64_t *,
		      struct herr *) = venue ? store_venue_id : store_org_id;

	if (old_name)
		return lookup(st, old_name, false, id, err);
	if (lookup(st, name, false, id, NULL) == HE_OK)
		return place_exists(venue, name, err);
	*id = 0;
	return HE_OK;
}

/* Runs a venue's or organisation's INSERT or UPDATE. */
static int step_write(struct store *st, sqlite3_stmt *s, bool venue,
		      const char *name, struct herr *err)
{
	int rc = HE_OK;

	if (sqlite3_step(s) != SQLITE_DONE)
		rc = put_failed(st, venue, name, err);
	sqlite3_reset(s);
	return rc;
}

static int venue_write(struct store *st, const char *old_name,
		       const struct venue *v, struct herr *err)
{
	sqlite3_stmt *s;
	int64_t id = 0;
	int rc;

	if ((rc = write_target(st, true, old_name, v->name, &id, err)) != HE_OK)
		return rc;
	s = store_stmt(st, old_name
		? "UPDATE venue SET name = ?1, address = ?2, lat = ?3, lon = ?4,"
		  " type = ?5, notes = ?6, revision = revision + 1"
		  " WHERE id = ?7 AND (?8 = 0 OR revision = ?8)"
		: "INSERT INTO venue (name, address, lat, lon, type, notes)"
		  " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", err);
	if (!s)
		return HE_INTERNAL;
	bind_text(s, 1, v->name);
	bind_text(s, 2, str_empty(v->address) ? NULL : v->address);
	if (v->has_geo) {
		sqlite3_bind_double(s, 3, v->lat);
		sqlite3_bind_double(s, 4, v->lon);
	}
	bind_text(s, 5, str_empty(v->type) ? NULL : v->type);
	bind_text(s, 6, str_empty(v->notes) ? NULL : v->notes);
	if (old_name) {
		sqlite3_bind_int64(s, 7, id);
		sqlite3_bind_int(s, 8, v->revision);
	}
	if ((rc = step_write(st, s, true, v->name, err)) != HE_OK)
		return rc;
	if (old_name && sqlite3_changes(st->db) == 0)
		return changed_since(true, old_name, err);
	if (!old_name)
		id = sqlite3_last_insert_rowid(st->db);
	return write_services(st, id, v, err);
}

static int org_write(struct store *st, const char *old_name,
		     const struct org *o, struct herr *err);

/*
 * Logs a venue (v) or an organisation (o) added, or changed from old_v or
 * old_o when have_old.
 */
static int log_place(struct store *st, bool have_old,
		     const struct venue *old_v, const struct org *old_o,
		     const struct venue *v, const struct org *o,
		     struct herr *err)
{
	struct changes ch = { 0 };
	const char *name = v ? v->name : o->name;
	int rc = HE_OK;

	/* Not had before: every field is new, diffed against empty ones. */
	if (v)
		venue_diff(old_v, v, &ch);
	else
		org_diff(old_o, o, &ch);
	if (ch.n || !have_old)
		rc = store_audit(st, &(struct audit_change){
			.action = have_old ? AUDIT_EDIT : AUDIT_ADD,
			.entity = v ? AUDIT_VENUE : AUDIT_ORG,
			.ref = name, .label = name, .fields = &ch }, err);
	changes_free(&ch);
	return rc;
}

/*
 * Adds a venue (v) or an organisation (o) when old_name is NULL, or
 * changes the one called old_name, in one transaction with its audit
 * entry: what store_venue_put and store_org_put share once each has
 * checked its fields.
 */
static int put_place(struct store *st, const char *old_name,
		     const struct venue *v, const struct org *o,
		     struct herr *err)
{
	struct venue old_v = { 0 };
	struct org old_o = { 0 };
	bool have_old = false;
	int rc;

	if ((rc = store_begin(st, err)) != HE_OK)
		return rc;
	if (old_name && st->audit_quiet == 0 &&
	    (rc = v ? store_venue_get(st, old_name, &old_v, err)
		    : store_org_get(st, old_name, &old_o, err)) == HE_OK)
		have_old = true;
	if (rc == HE_OK)
		rc = v ? venue_write(st, old_name, v, err)
		       : org_write(st, old_name, o, err);
	if (rc == HE_OK && st->audit_quiet == 0)
		rc = log_place(st, have_old, &old_v, &old_o, v, o, err);
	venue_free(&old_v);
	org_free(&old_o);
	if (rc != HE_OK) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st, err);
}

int store_venue_put(struct store *st, const char *old_name,
		    const struct venue *v, struct herr *err)
{
	int rc = check_venue(v, err);

	return rc != HE_OK ? rc : put_place(st, old_name, v, NULL, err);
}

/* Names up to three events that the count query found, for a refusal. */
static int in_use(struct store *st, const char *users_sql, int64_t id,
		  bool venue, const char *name, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, users_sql, err);
	struct sbuf b = { 0 };
	int n = 0, rc;

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, id);
	while (store_next(st, s, &rc, err)) {
		if (n > 0 && n < 3)
			/* TRANSLATORS: what separates two titles in a list. */
			sbuf_add(&b, _(", "));
		if (n < 3)
			/* TRANSLATORS: one event title in a list of them. */
			sbuf_addf(&b, _("'%s'"), col_text(s, 0));
		n++;
	}
	if (rc != HE_OK || n == 0) {
		sbuf_free(&b);
		return rc;
	}
	if (n > 3)
		/* TRANSLATORS: follows a list of three event titles. */
		sbuf_addf(&b, ngettext(" and %d more event", " and %d more events",
				       (unsigned long)(n - 3)), n - 3);
	/* TRANSLATORS: the last %s lists event titles, each in quotes. */
	herr_set(err, HE_USER, venue ? _("venue '%s' is still used by %s")
				     : _("organisation '%s' is still used by %s"),
		 name, sbuf_str(&b));
	sbuf_free(&b);
	return HE_USER;
}

/* The stored revision of the venue or organisation with row id. */
static int place_revision(struct store *st, bool venue, int64_t id,
			  int *revision, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, venue
		? "SELECT revision FROM venue WHERE id = ?1"
		: "SELECT revision FROM org WHERE id = ?1", err);
	int64_t stored = 0;
	int rc;

	*revision = 0;
	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = store_int64(st, s, &stored, NULL, err)) == HE_OK)
		*revision = (int)stored;
	return rc;
}

static int delete_place(struct store *st, bool venue, const char *name,
			int revision,
			int (*lookup)(struct store *, const char *, bool,
				      int64_t *, struct herr *),
			const char *users_sql, const char *delete_sql,
			struct herr *err)
{
	sqlite3_stmt *s;
	int64_t id;
	int rc, stored;

	if ((rc = store_begin(st, err)) != HE_OK)
		return rc;
	if ((rc = lookup(st, name, false, &id, err)) != HE_OK ||
	    (rc = place_revision(st, venue, id, &stored, err)) != HE_OK)
		goto fail;
	if (revision && stored != revision) {
		rc = changed_since(venue, name, err);
		goto fail;
	}
	if ((rc = in_use(st, users_sql, id, venue, name, err)) != HE_OK ||
	    (rc = store_audit(st, &(struct audit_change){
		    .action = AUDIT_DELETE,
		    .entity = venue ? AUDIT_VENUE : AUDIT_ORG, .ref = name,
		    .label = name }, err)) != HE_OK)
		goto fail;
	if (!(s = store_stmt(st, delete_sql, err))) {
		rc = HE_INTERNAL;
		goto fail;
	}
	sqlite3_bind_int64(s, 1, id);
	if ((rc = store_exec_stmt(st, s, err)) != HE_OK)
		goto fail;
	return store_commit(st, err);
fail:
	store_rollback(st);
	return rc;
}

int store_venue_delete(struct store *st, const char *name, int revision,
		       struct herr *err)
{
	return delete_place(st, true, name, revision, store_venue_id,
		"SELECT title FROM series WHERE venue_id = ?1 UNION "
		"SELECT s.title FROM override o JOIN series s ON s.id = o.series_id"
		" WHERE o.venue_id = ?1 UNION "
		"SELECT s.title FROM segment g JOIN series s ON s.id = g.series_id"
		" WHERE g.venue_id = ?1 ORDER BY 1",
		"DELETE FROM venue WHERE id = ?1", err);
}

void venue_list_free(struct venue *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		venue_free(&v[i]);
	free(v);
}

static void read_org(sqlite3_stmt *s, struct org *o)
{
	o->id = sqlite3_column_int64(s, 0);
	o->name = col_dup(s, 1);
	o->type = col_dup(s, 2);
	o->contact = col_dup(s, 3);
	o->revision = sqlite3_column_int(s, 4);
}

int store_org_list(struct store *st, struct org **out, size_t *n,
		   struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT id, name, type, contact, revision FROM org"
				     " ORDER BY name", err);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!s)
		return HE_INTERNAL;
	while (store_next(st, s, &rc, err)) {
		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		read_org(s, &(*out)[(*n)++]);
	}
	if (rc != HE_OK) {
		org_list_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int store_org_get(struct store *st, const char *name, struct org *out,
		  struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT id, name, type, contact, revision FROM org"
				     " WHERE name = ?1", err);
	bool found;
	int rc;

	if (!s)
		return HE_INTERNAL;
	bind_text(s, 1, name);
	if ((rc = store_row(st, s, &found, err)) != HE_OK)
		return rc;
	if (!found)
		return no_such_place(false, name, err);
	read_org(s, out);
	sqlite3_reset(s);
	return HE_OK;
}

static int org_write(struct store *st, const char *old_name,
		     const struct org *o, struct herr *err)
{
	sqlite3_stmt *s;
	int64_t id = 0;
	int rc;

	if ((rc = write_target(st, false, old_name, o->name, &id, err)) != HE_OK)
		return rc;
	s = store_stmt(st, old_name
		? "UPDATE org SET name = ?1, type = ?2, contact = ?3,"
		  " revision = revision + 1"
		  " WHERE id = ?4 AND (?5 = 0 OR revision = ?5)"
		: "INSERT INTO org (name, type, contact) VALUES (?1, ?2, ?3)", err);
	if (!s)
		return HE_INTERNAL;
	bind_text(s, 1, o->name);
	bind_text(s, 2, str_empty(o->type) ? NULL : o->type);
	bind_text(s, 3, str_empty(o->contact) ? NULL : o->contact);
	if (old_name) {
		sqlite3_bind_int64(s, 4, id);
		sqlite3_bind_int(s, 5, o->revision);
	}
	if ((rc = step_write(st, s, false, o->name, err)) != HE_OK)
		return rc;
	if (old_name && sqlite3_changes(st->db) == 0)
		return changed_since(false, old_name, err);
	return HE_OK;
}

int store_org_put(struct store *st, const char *old_name, const struct org *o,
		  struct herr *err)
{
	int rc = check_name(false, o->name, err);

	if (rc == HE_OK && ((o->type && !text_valid_utf8(o->type, NULL)) ||
			    (o->contact && !text_valid_utf8(o->contact, NULL))))
		rc = herr_set(err, HE_USER, _("organisation text is not valid UTF-8"));
	if (rc == HE_OK)
		/* TRANSLATORS: names of an organisation's fields. */
		rc = text_check_length(N_("organisation type"), o->type,
				       TEXT_MAX_NAME, err) ||
		     text_check_length(N_("contact"), o->contact, TEXT_MAX_NOTE, err)
			? HE_USER : HE_OK;
	return rc != HE_OK ? rc : put_place(st, old_name, NULL, o, err);
}

int store_org_delete(struct store *st, const char *name, int revision,
		     struct herr *err)
{
	return delete_place(st, false, name, revision, store_org_id,
		"SELECT s.title FROM series_org so JOIN series s"
		" ON s.id = so.series_id WHERE so.org_id = ?1 UNION "
		"SELECT s.title FROM segment_partner p JOIN series s"
		" ON s.id = p.series_id WHERE p.org_id = ?1 ORDER BY 1",
		"DELETE FROM org WHERE id = ?1", err);
}

void org_list_free(struct org *o, size_t n)
{
	for (size_t i = 0; i < n; i++)
		org_free(&o[i]);
	free(o);
}
