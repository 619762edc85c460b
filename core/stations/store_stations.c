/*
 * store_stations.c - what a station adds to a venue (reference, contact,
 * opening hours), networks of venues, and finding venues near a point
 * through the R*Tree index venue_geo, which triggers keep in step with
 * venue's coordinates (migration 8).
 */
#include "../store_int.h"

#include <stdlib.h>
#include <string.h>

#include "../audit.h"
#include "../changes.h"
#include "../i18n.h"
#include "../text.h"
#include "stations.h"

/* The separator group_concat puts between list items: never in text
 * hearth stores (control characters are refused or replaced). */
#define LIST_SEP "\x1f"

void station_free(struct station *s)
{
	venue_free(&s->v);
	free(s->ref);
	free(s->contact);
	free(s->hours);
	strv_free(&s->members);
	strv_free(&s->networks);
	memset(s, 0, sizeof *s);
}

void station_list_free(struct station_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		station_free(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* Splits a group_concat of LIST_SEP into out. */
static void split_list(const char *text, struct strv *out)
{
	while (text && *text) {
		size_t n = strcspn(text, LIST_SEP);
		char *item = xstrndup(text, n);
		strv_add(out, item);
		free(item);
		text += n;
		if (*text)
			text++;
	}
}

#define STATION_COLUMNS \
	"v.id, v.name, v.address, v.lat, v.lon, v.type, v.notes," \
	" (SELECT group_concat(service, char(31)) FROM (SELECT service" \
	"   FROM venue_service WHERE venue_id = v.id ORDER BY pos))," \
	" s.ref, s.contact, s.hours," \
	" (SELECT group_concat(name, char(31)) FROM (SELECT m.name" \
	"   FROM venue_member vm JOIN venue m ON m.id = vm.venue_id" \
	"   WHERE vm.network_id = v.id ORDER BY vm.pos)), v.revision"

/* The same columns with the two lists left for a pass of their own. */
#define STATION_COLUMNS_NO_LISTS \
	"v.id, v.name, v.address, v.lat, v.lon, v.type, v.notes, NULL," \
	" s.ref, s.contact, s.hours, NULL, v.revision"

static void read_station(sqlite3_stmt *q, struct station *s)
{
	memset(s, 0, sizeof *s);
	s->v.id = sqlite3_column_int64(q, 0);
	s->v.name = col_dup(q, 1);
	s->v.address = col_dup(q, 2);
	s->v.has_geo = sqlite3_column_type(q, 3) != SQLITE_NULL &&
		       sqlite3_column_type(q, 4) != SQLITE_NULL;
	s->v.lat = sqlite3_column_double(q, 3);
	s->v.lon = sqlite3_column_double(q, 4);
	s->v.type = col_dup(q, 5);
	s->v.notes = col_dup(q, 6);
	split_list(col_text(q, 7), &s->v.services);
	s->ref = col_dup(q, 8);
	s->contact = col_dup(q, 9);
	s->hours = col_dup(q, 10);
	split_list(col_text(q, 11), &s->members);
	s->v.revision = sqlite3_column_int(q, 12);
}

static int read_networks(struct store *st, struct station *s,
			 struct herr *err)
{
	sqlite3_stmt *q = store_stmt(st,
		"SELECT n.name FROM venue_member vm JOIN venue n"
		" ON n.id = vm.network_id WHERE vm.venue_id = ?1 ORDER BY n.name",
		err);
	int rc;

	if (!q)
		return HE_INTERNAL;
	sqlite3_bind_int64(q, 1, s->v.id);
	while (store_next(st, q, &rc, err))
		strv_add(&s->networks, col_text(q, 0));
	return rc;
}

int store_station_get(struct store *st, const char *name, struct station *out,
		      struct herr *err)
{
	sqlite3_stmt *q = store_stmt(st, "SELECT " STATION_COLUMNS
		" FROM venue v LEFT JOIN station s ON s.venue_id = v.id"
		" WHERE v.name = ?1", err);
	bool found;
	int rc;

	memset(out, 0, sizeof *out);
	if (!q)
		return HE_INTERNAL;
	bind_text(q, 1, name);
	if ((rc = store_row(st, q, &found, err)) != HE_OK)
		return rc;
	if (!found)
		return herr_set(err, HE_USER, _("no venue is called '%s'"), name);
	read_station(q, out);
	sqlite3_reset(q);
	if ((rc = read_networks(st, out, err)) != HE_OK)
		station_free(out);
	return rc;
}

/*
 * Every station, with services and members read in one pass each: the two
 * subqueries of STATION_COLUMNS on every row were 87M instructions for
 * 10k venues, twice on the first look at the map (make bench-tui).
 */
static int all_stations(struct store *st, struct station_list *out,
			struct herr *err)
{
	struct id_texts services = { 0 }, members = { 0 };
	sqlite3_stmt *q = NULL;
	int rc;

	if ((rc = store_read_begin(st, err)) != HE_OK)
		return rc;
	if ((rc = venue_services_all(st, &services, err)) == HE_OK) {
		q = store_stmt(st, "SELECT vm.network_id, m.name FROM venue_member"
			       " vm JOIN venue m ON m.id = vm.venue_id"
			       " ORDER BY vm.network_id, vm.pos", err);
		rc = q ? id_texts_read(st, q, &members, err) : HE_INTERNAL;
	}
	if (rc == HE_OK &&
	    !(q = store_stmt(st, "SELECT " STATION_COLUMNS_NO_LISTS
			     " FROM venue v LEFT JOIN station s"
			     " ON s.venue_id = v.id ORDER BY v.name", err)))
		rc = HE_INTERNAL;
	while (rc == HE_OK && store_next(st, q, &rc, err)) {
		struct station *s;
		out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
		s = &out->v[out->n++];
		read_station(q, s);
		id_texts_of(&services, s->v.id, &s->v.services);
		id_texts_of(&members, s->v.id, &s->members);
	}
	id_texts_free(&services);
	id_texts_free(&members);
	store_read_end(st);
	return rc;
}

int store_stations(struct store *st, const struct geo_box *box,
		   struct station_list *out, struct herr *err)
{
	sqlite3_stmt *q;
	int rc;

	if (!box)
		return all_stations(st, out, err);
	/* Near a point: a few rows, each with its lists. */
	q = store_stmt(st, "SELECT " STATION_COLUMNS
		       " FROM venue_geo g JOIN venue v ON v.id = g.id"
		       " LEFT JOIN station s ON s.venue_id = v.id"
		       " WHERE g.lat1 >= ?1 AND g.lat0 <= ?2"
		       " AND g.lon1 >= ?3 AND g.lon0 <= ?4 ORDER BY v.name", err);
	if (!q)
		return HE_INTERNAL;
	sqlite3_bind_double(q, 1, box->lat0);
	sqlite3_bind_double(q, 2, box->lat1);
	sqlite3_bind_double(q, 3, box->lon0);
	sqlite3_bind_double(q, 4, box->lon1);
	while (store_next(st, q, &rc, err)) {
		out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
		read_station(q, &out->v[out->n++]);
	}
	return rc;
}

/* Checks what a station adds to a venue. */
static int check_station(const struct station *s, struct herr *err)
{
	const char *texts[] = { s->ref, s->contact };

	for (size_t i = 0; i < 2; i++)
		if (texts[i] && !text_valid_utf8(texts[i], NULL))
			return herr_set(err, HE_USER,
					_("venue text is not valid UTF-8"));
	if (s->ref && (strlen(s->ref) > 200 || !*s->ref))
		return herr_set(err, HE_USER, _("a station's id must be 1 to 200 "
						"bytes"));
	return HE_OK;
}

/* The canonical form of hours text, or NULL for none; err names the
 * column of a mistake. */
static int canonical_hours(const char *text, char **out, struct herr *err)
{
	struct hours h;
	int rc;

	*out = NULL;
	if (str_empty(text))
		return HE_OK;
	if ((rc = hours_parse(text, &h, NULL, err)) != HE_OK) {
		herr_prefix(err, _("opening hours '%s'"), text);
		return rc;
	}
	*out = hours_format(&h);
	hours_free(&h);
	return HE_OK;
}

static int write_station_row(struct store *st, int64_t id,
			     const struct station *s, const char *hours,
			     struct herr *err)
{
	sqlite3_stmt *q = store_stmt(st,
		"INSERT INTO station (venue_id, ref, contact, hours)"
		" VALUES (?1, ?2, ?3, ?4) ON CONFLICT (venue_id) DO UPDATE SET"
		" ref = excluded.ref, contact = excluded.contact,"
		" hours = excluded.hours", err);
	int rc;

	if (!q)
		return HE_INTERNAL;
	sqlite3_bind_int64(q, 1, id);
	bind_text(q, 2, str_empty(s->ref) ? NULL : s->ref);
	bind_text(q, 3, str_empty(s->contact) ? NULL : s->contact);
	bind_text(q, 4, hours);
	rc = sqlite3_step(q);
	if (rc != SQLITE_DONE) {
		if (sqlite3_extended_errcode(st->db) == SQLITE_CONSTRAINT_UNIQUE)
			rc = herr_set(err, HE_USER, _("another venue already has "
						      "the id '%s'"), s->ref);
		else
			rc = store_dberr(st, err);
		sqlite3_reset(q);
		return rc;
	}
	sqlite3_reset(q);
	return HE_OK;
}

/*
 * True when venue id has members (is a network; as_network) or is a member
 * of a network.
 */
static int in_network(struct store *st, int64_t id, bool as_network,
		      bool *yes, struct herr *err)
{
	sqlite3_stmt *q = store_stmt(st, as_network
		? "SELECT 1 FROM venue_member WHERE network_id = ?1 LIMIT 1"
		: "SELECT 1 FROM venue_member WHERE venue_id = ?1 LIMIT 1", err);
	int64_t one;

	*yes = false;
	if (!q)
		return HE_INTERNAL;
	sqlite3_bind_int64(q, 1, id);
	return store_int64(st, q, &one, yes, err);
}

static int write_members(struct store *st, int64_t id, const struct station *s,
			 struct herr *err)
{
	sqlite3_stmt *q = store_stmt(st, "DELETE FROM venue_member"
				     " WHERE network_id = ?1", err);
	bool yes = false;
	int rc;

	if (!q)
		return HE_INTERNAL;
	sqlite3_bind_int64(q, 1, id);
	if ((rc = store_exec_stmt(st, q, err)) != HE_OK)
		return rc;
	if (s->members.n &&
	    (rc = in_network(st, id, false, &yes, err)) != HE_OK)
		return rc;
	if (yes)
		return herr_set(err, HE_USER, _("'%s' is a member of a network "
						"and cannot have members itself"),
				s->v.name);
	for (size_t i = 0; i < s->members.n; i++) {
		const char *name = s->members.v[i];
		int64_t mid;
		if ((rc = store_venue_id(st, name, false, &mid, err)) != HE_OK)
			return rc;
		if (mid == id)
			return herr_set(err, HE_USER, _("a network cannot be a "
							"member of itself"));
		if ((rc = in_network(st, mid, true, &yes, err)) != HE_OK)
			return rc;
		if (yes)
			return herr_set(err, HE_USER, _("'%s' is a network and "
							"cannot be a member of "
							"another"), name);
		if (!(q = store_stmt(st, "INSERT OR IGNORE INTO venue_member"
				     " (network_id, pos, venue_id)"
				     " VALUES (?1, ?2, ?3)", err)))
			return HE_INTERNAL;
		sqlite3_bind_int64(q, 1, id);
		sqlite3_bind_int64(q, 2, (int64_t)i);
		sqlite3_bind_int64(q, 3, mid);
		if ((rc = store_exec_stmt(st, q, err)) != HE_OK)
			return rc;
	}
	return HE_OK;
}

static char *joined(const struct strv *l)
{
	struct sbuf b = { 0 };

	for (size_t i = 0; i < l->n; i++)
		sbuf_addf(&b, "%s%s", i ? "; " : "", l->v[i]);
	return b.len ? sbuf_take(&b) : NULL;
}

/* The venue's and the station's changes as one entry. */
static int log_station(struct store *st, const struct station *old,
		       const struct station *s, const char *hours,
		       struct herr *err)
{
	static const struct station none;
	struct changes ch = { 0 };
	int rc = HE_OK;

	if (!old)
		old = &none;
	venue_diff(&old->v, &s->v, &ch);
	changes_add(&ch, "id", old->ref, s->ref);
	changes_add(&ch, "contact", old->contact, s->contact);
	changes_add(&ch, "hours", old->hours, hours);
	changes_take(&ch, "members", joined(&old->members), joined(&s->members));
	if (ch.n || old == &none)
		rc = store_audit_held(st, &(struct audit_change){
			.action = old == &none ? AUDIT_ADD : AUDIT_EDIT,
			.entity = AUDIT_VENUE,
			.ref = old == &none ? s->v.name : old->v.name,
			.label = s->v.name, .fields = &ch }, err);
	changes_free(&ch);
	return rc;
}

/* The writes of store_station_put, inside its transaction. */
static int station_write(struct store *st, const char *old_name,
			 const struct station *s, const char *hours,
			 struct herr *err)
{
	struct station old = { 0 };
	bool logging = st->audit_quiet == 0, have_old = false;
	int64_t id;
	int rc = HE_OK;

	if (old_name && logging) {
		if ((rc = store_station_get(st, old_name, &old, err)) != HE_OK)
			return rc;
		have_old = true;
	}
	/* One entry for the venue and the station together. */
	store_audit_hold(st, true);
	rc = store_venue_put(st, old_name, &s->v, err);
	store_audit_hold(st, false);
	if (rc == HE_OK)
		rc = store_venue_id(st, s->v.name, false, &id, err);
	if (rc == HE_OK)
		rc = write_station_row(st, id, s, hours, err);
	if (rc == HE_OK)
		rc = write_members(st, id, s, err);
	if (rc == HE_OK && logging)
		rc = log_station(st, have_old ? &old : NULL, s, hours, err);
	station_free(&old);
	return rc;
}

int store_station_put(struct store *st, const char *old_name,
		      const struct station *s, struct herr *err)
{
	char *hours = NULL;
	int rc;

	if ((rc = check_station(s, err)) != HE_OK ||
	    (rc = canonical_hours(s->hours, &hours, err)) != HE_OK)
		return rc;
	if ((rc = store_begin(st, err)) != HE_OK) {
		free(hours);
		return rc;
	}
	rc = station_write(st, old_name, s, hours, err);
	free(hours);
	if (rc != HE_OK) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st, err);
}

int store_station_by_ref(struct store *st, const char *ref, char **name,
			 struct herr *err)
{
	sqlite3_stmt *q = store_stmt(st, "SELECT v.name FROM station s"
				     " JOIN venue v ON v.id = s.venue_id"
				     " WHERE s.ref = ?1", err);
	bool found;
	int rc;

	*name = NULL;
	if (!q)
		return HE_INTERNAL;
	bind_text(q, 1, ref);
	if ((rc = store_row(st, q, &found, err)) != HE_OK || !found)
		return rc;
	*name = col_dup(q, 0);
	sqlite3_reset(q);
	return HE_OK;
}

int store_station_ids_in(struct store *st, const struct geo_box *box,
			 struct id_list *out, struct herr *err)
{
	sqlite3_stmt *q = store_stmt(st, "SELECT id FROM venue_geo"
		" WHERE lat1 >= ?1 AND lat0 <= ?2 AND lon1 >= ?3 AND lon0 <= ?4",
		err);
	int rc;

	out->n = 0;
	if (!q)
		return HE_INTERNAL;
	sqlite3_bind_double(q, 1, box->lat0);
	sqlite3_bind_double(q, 2, box->lat1);
	sqlite3_bind_double(q, 3, box->lon0);
	sqlite3_bind_double(q, 4, box->lon1);
	while (store_next(st, q, &rc, err)) {
		out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
		out->v[out->n++] = sqlite3_column_int64(q, 0);
	}
	return rc;
}
