/*
 * store_demand.c - demand points: the communities and rider gathering
 * spots whose reach to an open station coverage measures.
 */
#include "../store_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../audit.h"
#include "../changes.h"
#include "../i18n.h"
#include "../text.h"
#include "stations.h"

void demand_point_free(struct demand_point *p)
{
	free(p->ref);
	free(p->name);
	memset(p, 0, sizeof *p);
}

void demand_list_free(struct demand_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		demand_point_free(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

static void read_point(sqlite3_stmt *q, struct demand_point *p)
{
	p->id = sqlite3_column_int64(q, 0);
	p->ref = col_dup(q, 1);
	p->name = col_dup(q, 2);
	p->lat = sqlite3_column_double(q, 3);
	p->lon = sqlite3_column_double(q, 4);
	p->weight = sqlite3_column_double(q, 5);
}

int store_demand_list(struct store *st, struct demand_list *out,
		      struct herr *err)
{
	sqlite3_stmt *q = store_stmt(st, "SELECT id, ref, name, lat, lon, weight"
				     " FROM demand ORDER BY name, id", err);
	int rc;

	if (!q)
		return HE_INTERNAL;
	while (store_next(st, q, &rc, err)) {
		out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
		read_point(q, &out->v[out->n]);
		out->n++;
	}
	return rc;
}

/* The stored point p stands for: same ref, else same name without one. */
static int find_point(struct store *st, const struct demand_point *p,
		      struct demand_point *old, bool *found, struct herr *err)
{
	sqlite3_stmt *q = store_stmt(st, p->ref
		? "SELECT id, ref, name, lat, lon, weight FROM demand"
		  " WHERE ref = ?1"
		: "SELECT id, ref, name, lat, lon, weight FROM demand"
		  " WHERE name = ?2 AND ref IS NULL ORDER BY id LIMIT 1", err);
	int rc;

	if (!q)
		return HE_INTERNAL;
	bind_text(q, 1, p->ref);
	bind_text(q, 2, p->name);
	if ((rc = store_row(st, q, found, err)) != HE_OK || !*found)
		return rc;
	read_point(q, old);
	sqlite3_reset(q);
	return HE_OK;
}

static int check_point(const struct demand_point *p, struct herr *err)
{
	int rc;

	if (str_empty(p->name) || !text_valid_utf8(p->name, NULL) ||
	    (p->ref && (!*p->ref || !text_valid_utf8(p->ref, NULL))))
		return herr_set(err, HE_USER, _("a demand point needs a name "
						"(valid UTF-8)"));
	if ((rc = geo_check(p->lat, p->lon, err)) != HE_OK)
		return rc;
	if (!isfinite(p->weight) || p->weight < 0 || p->weight > 1e9)
		return herr_set(err, HE_USER, _("the weight of '%s' must be a "
						"number from 0 to 1000000000"),
				p->name);
	return HE_OK;
}

static char *point_text(double lat, double lon)
{
	return xasprintf("%.6f,%.6f", lat, lon);
}

static int write_point(struct store *st, const struct demand_point *p,
		       const struct demand_point *old, struct herr *err)
{
	sqlite3_stmt *q = store_stmt(st, old
		? "UPDATE demand SET ref = ?1, name = ?2, lat = ?3, lon = ?4,"
		  " weight = ?5 WHERE id = ?6"
		: "INSERT INTO demand (ref, name, lat, lon, weight)"
		  " VALUES (?1, ?2, ?3, ?4, ?5)", err);
	struct changes ch = { 0 };
	char idtext[32];
	int rc;

	if (!q)
		return HE_INTERNAL;
	bind_text(q, 1, p->ref);
	bind_text(q, 2, p->name);
	sqlite3_bind_double(q, 3, p->lat);
	sqlite3_bind_double(q, 4, p->lon);
	sqlite3_bind_double(q, 5, p->weight);
	if (old)
		sqlite3_bind_int64(q, 6, old->id);
	if ((rc = store_exec_stmt(st, q, err)) != HE_OK)
		return rc;
	snprintf(idtext, sizeof idtext, "demand %lld", (long long)(old ? old->id
			: sqlite3_last_insert_rowid(st->db)));
	changes_add(&ch, "name", old ? old->name : NULL, p->name);
	changes_take(&ch, "coordinates", old ? point_text(old->lat, old->lon)
		     : NULL, point_text(p->lat, p->lon));
	changes_take(&ch, "weight", old ? xasprintf("%g", old->weight) : NULL,
		     xasprintf("%g", p->weight));
	rc = store_audit(st, &(struct audit_change){
		.action = old ? AUDIT_EDIT : AUDIT_ADD, .entity = "demand",
		.ref = idtext, .label = p->name, .fields = &ch }, err);
	changes_free(&ch);
	return rc;
}

static bool same_point(const struct demand_point *a,
		       const struct demand_point *b)
{
	return str_eq0(a->name, b->name) && str_eq0(a->ref, b->ref) &&
	       fabs(a->lat - b->lat) < 1e-9 && fabs(a->lon - b->lon) < 1e-9 &&
	       a->weight == b->weight;
}

int store_demand_put(struct store *st, const struct demand_point *p,
		     bool *changed, bool *existed, struct herr *err)
{
	struct demand_point old = { 0 };
	bool found = false;
	int rc;

	if (changed)
		*changed = false;
	if (existed)
		*existed = false;
	if ((rc = check_point(p, err)) != HE_OK ||
	    (rc = store_begin(st, err)) != HE_OK)
		return rc;
	rc = find_point(st, p, &old, &found, err);
	if (existed)
		*existed = found;
	if (rc == HE_OK && !(found && same_point(&old, p))) {
		rc = write_point(st, p, found ? &old : NULL, err);
		if (changed)
			*changed = rc == HE_OK;
	}
	demand_point_free(&old);
	if (rc != HE_OK) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st, err);
}

int store_demand_delete(struct store *st, const char *name, size_t *n,
			struct herr *err)
{
	sqlite3_stmt *q;
	int rc;

	*n = 0;
	if ((rc = store_begin(st, err)) != HE_OK)
		return rc;
	q = store_stmt(st, name
		? "DELETE FROM demand WHERE name = ?1 OR ref = ?1"
		: "DELETE FROM demand", err);
	if (!q) {
		rc = HE_INTERNAL;
		goto fail;
	}
	bind_text(q, 1, name);
	if ((rc = store_exec_stmt(st, q, err)) != HE_OK)
		goto fail;
	*n = (size_t)sqlite3_changes(st->db);
	if (*n == 0 && name) {
		rc = herr_set(err, HE_USER, _("no demand point is called '%s'"),
			      name);
		goto fail;
	}
	if (*n) {
		struct changes ch = { 0 };
		changes_take(&ch, "removed", NULL, xasprintf("%zu", *n));
		rc = store_audit(st, &(struct audit_change){
			.action = AUDIT_DELETE, .entity = "demand",
			.ref = name ? name : "demand", .label = name,
			.fields = &ch }, err);
		changes_free(&ch);
		if (rc != HE_OK)
			goto fail;
	}
	return store_commit(st, err);
fail:
	store_rollback(st);
	return rc;
}
