/*
 * import.c - stations and demand points in bulk: a file read (read_csv.c,
 * read_geojson.c), every record checked before anything is written, then
 * matched with what is stored and written in one transaction with one
 * entry in the audit log. A record the same as what is stored is counted
 * unchanged and not written, so that importing a file twice changes
 * nothing.
 */
#include "stations_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../audit.h"
#include "../changes.h"
#include "../i18n.h"
#include "../text.h"

bool station_file_of(const char *name, enum station_file *out)
{
	const char *dot = name ? strrchr(name, '.') : NULL;

	if (!dot)
		return false;
	if (!strcasecmp(dot, ".csv"))
		*out = STATION_CSV;
	else if (!strcasecmp(dot, ".geojson") || !strcasecmp(dot, ".json"))
		*out = STATION_GEOJSON;
	else
		return false;
	return true;
}

void import_result_free(struct import_result *r)
{
	strv_free(&r->problems);
	strv_free(&r->notes);
	memset(r, 0, sizeof *r);
}

/* Reads text into recs and checks what can be checked without the
 * database: names, coordinates (converted to WGS-84), hours, weights, the
 * same id or name twice. */
static void read_records(const char *text, size_t len,
			 const struct import_opts *o, struct station_recs *recs)
{
	/* text need not end in a NUL: the CSV reader and jansson take its
	   length, and both refuse text that is not UTF-8, naming where. */
	if (o->format == STATION_CSV)
		stations_read_csv(text, len, recs);
	else
		stations_read_geojson(text, len, recs);
	for (size_t i = 0; i < recs->n; i++) {
		struct station_rec *r = &recs->v[i];
		struct station *s = &r->s;
		struct herr e;
		if (str_empty(s->v.name) ||
		    !s->v.name[strspn(s->v.name, " \t")]) {
			recs_problem(recs, r->where, _("the name is empty"));
			continue;
		}
		if (recs->demand && !s->v.has_geo)
			recs_problem(recs, r->where, _("a demand point needs "
						       "coordinates"));
		if (s->v.has_geo) {
			if (geo_check(s->v.lat, s->v.lon, &e) != HE_OK)
				recs_problem(recs, r->where, "%s", e.msg);
			else
				geo_to_wgs(r->has_crs ? r->crs : recs->has_crs
					   ? recs->crs : o->crs, &s->v.lat,
					   &s->v.lon);
		}
		if (s->hours) {
			struct hours h;
			if (hours_parse(s->hours, &h, NULL, &e) != HE_OK)
				recs_problem(recs, r->where, _("opening hours "
					     "'%s': %s"), s->hours, e.msg);
			else
				hours_free(&h);
		}
		if (!isfinite(r->weight) || r->weight < 0 || r->weight > 1e9)
			recs_problem(recs, r->where, _("the weight must be a number "
						       "from 0 to 1000000000"));
		for (size_t k = 0; k < i; k++) {
			const struct station *t = &recs->v[k].s;
			if (s->ref && t->ref && !strcmp(s->ref, t->ref))
				recs_problem(recs, r->where, _("the id '%s' was "
					     "given before, at %s"), s->ref,
					     recs->v[k].where);
			else if (!s->ref && !t->ref && t->v.name &&
				 !strcmp(s->v.name, t->v.name))
				recs_problem(recs, r->where, _("'%s' was given "
					     "before, at %s"), s->v.name,
					     recs->v[k].where);
		}
	}
}

static void take_problems(struct station_recs *recs, struct import_result *res)
{
	res->n_problems = recs->n_problems;
	res->problems = recs->problems;
	res->notes = recs->notes;
	memset(&recs->problems, 0, sizeof recs->problems);
	memset(&recs->notes, 0, sizeof recs->notes);
}

/* The stored station r stands for, into *old; *found false when none. A
 * name that is another station's (another id, another address) is a
 * problem, not a match. */
static int match(struct store *st, struct station_recs *recs,
		 struct station_rec *r, struct station *old, bool *found,
		 struct herr *err)
{
	char *name = NULL;
	int rc;

	*found = false;
	if (r->s.ref && (rc = store_station_by_ref(st, r->s.ref, &name, err)))
		return rc;
	rc = store_station_get(st, name ? name : r->s.v.name, old, NULL);
	free(name);
	if (rc != HE_OK)
		return HE_OK;
	*found = true;
	if (r->s.ref && old->ref && strcmp(r->s.ref, old->ref)) {
		recs_problem(recs, r->where, _("a venue called '%s' already has "
			     "another id, '%s'"), old->v.name, old->ref);
		*found = false;
	} else if (!r->s.ref && old->ref && (r->given & GIVEN(F_ID))) {
		recs_problem(recs, r->where, _("a venue called '%s' already has "
			     "the id '%s'"), old->v.name, old->ref);
		*found = false;
	} else if (!r->s.ref && !str_empty(r->s.v.address) &&
		   !str_empty(old->v.address) &&
		   strcmp(r->s.v.address, old->v.address)) {
		recs_problem(recs, r->where, _("a venue called '%s' is at another "
			     "address (%s): give the rows an id column, or "
			     "another name"), old->v.name, old->v.address);
		*found = false;
	}
	if (!*found)
		station_free(old);
	return HE_OK;
}

static void replace_text(char **slot, char **from)
{
	free(*slot);
	*slot = *from;
	*from = NULL;
}

static void replace_list(struct strv *slot, struct strv *from)
{
	strv_free(slot);
	*slot = *from;
	memset(from, 0, sizeof *from);
}

/* What is stored with the fields the file gives put over it. */
static void merge(struct station *old, struct station_rec *r)
{
	struct station *s = &r->s;

	replace_text(&old->v.name, &s->v.name);
	if (r->given & GIVEN(F_ID)) replace_text(&old->ref, &s->ref);
	if (r->given & GIVEN(F_TYPE)) replace_text(&old->v.type, &s->v.type);
	if (r->given & GIVEN(F_ADDRESS))
		replace_text(&old->v.address, &s->v.address);
	if (r->given & GIVEN(F_CONTACT)) replace_text(&old->contact, &s->contact);
	if (r->given & GIVEN(F_HOURS)) replace_text(&old->hours, &s->hours);
	if (r->given & GIVEN(F_NOTES)) replace_text(&old->v.notes, &s->v.notes);
	if (r->given & GIVEN(F_SERVICES))
		replace_list(&old->v.services, &s->v.services);
	if (r->given & GIVEN(F_MEMBERS))
		replace_list(&old->members, &s->members);
	if (r->given & GIVEN(F_GEO)) {
		old->v.has_geo = s->v.has_geo;
		old->v.lat = s->v.lat;
		old->v.lon = s->v.lon;
	}
}

static bool same_list(const struct strv *a, const struct strv *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->v[i], b->v[i]))
			return false;
	return true;
}

/* Whether storing b over a would change nothing (hours canonical). */
static bool same_station(const struct station *a, const struct station *b)
{
	char *hours = NULL;
	bool same;

	if (b->hours) {
		struct hours h;
		if (hours_parse(b->hours, &h, NULL, NULL) == HE_OK) {
			hours = hours_format(&h);
			hours_free(&h);
		}
	}
	same = str_eq0(a->v.name, b->v.name) &&
	       str_eq0(a->v.address, b->v.address) &&
	       str_eq0(a->v.type, b->v.type) && str_eq0(a->v.notes, b->v.notes) &&
	       str_eq0(a->ref, b->ref) && str_eq0(a->contact, b->contact) &&
	       str_eq0(a->hours, hours) && a->v.has_geo == b->v.has_geo &&
	       (!a->v.has_geo || (fabs(a->v.lat - b->v.lat) < 1e-7 &&
				  fabs(a->v.lon - b->v.lon) < 1e-7)) &&
	       same_list(&a->v.services, &b->v.services) &&
	       same_list(&a->members, &b->members);
	free(hours);
	return same;
}

/* Stores one record; counts it. A refusal by storage becomes a problem. */
static int import_one(struct store *st, struct station_recs *recs,
		      struct station_rec *r, struct import_result *res,
		      struct herr *err)
{
	struct station old = { 0 }, want = { 0 };
	bool found;
	char *old_name = NULL;
	/* Storage's refusal of one record is that record's problem. */
	struct herr e;
	int rc;

	if ((rc = match(st, recs, r, &old, &found, err)) != HE_OK)
		return rc;
	if (found) {
		old_name = xstrdup(old.v.name);
		strv_free(&old.networks);
		want = old;
	}
	/* want owns what old held: the stored station, then the file's
	   fields over it, compared with a fresh read of the stored one. */
	merge(&want, r);
	if (found) {
		struct station stored;
		if ((rc = store_station_get(st, old_name, &stored, err)) == HE_OK) {
			strv_free(&stored.networks);
			if (same_station(&stored, &want))
				res->unchanged++;
			else if (store_station_put(st, old_name, &want, &e) == HE_OK)
				res->changed++;
			else
				recs_problem(recs, r->where, "%s", e.msg);
			station_free(&stored);
		}
	} else if (store_station_put(st, NULL, &want, &e) == HE_OK) {
		res->added++;
	} else {
		recs_problem(recs, r->where, "%s", e.msg);
	}
	free(old_name);
	station_free(&want);
	return rc;
}

/* The log's one entry for the whole file. */
static int log_import(struct store *st, const char *entity, const char *name,
		      const struct import_result *res, struct herr *err)
{
	struct changes ch = { 0 };
	int rc;

	changes_take(&ch, "added", NULL, xasprintf("%zu", res->added));
	changes_take(&ch, "changed", NULL, xasprintf("%zu", res->changed));
	changes_take(&ch, "unchanged", NULL, xasprintf("%zu", res->unchanged));
	rc = store_audit_held(st, &(struct audit_change){
		.action = AUDIT_IMPORT, .entity = entity,
		.ref = name ? name : "-", .label = name, .fields = &ch }, err);
	changes_free(&ch);
	return rc;
}

/* Ends an import: commits (logged) unless a problem or a dry run. */
static int finish(struct store *st, struct station_recs *recs,
		  const struct import_opts *o, const char *entity,
		  struct import_result *res, int rc, struct herr *err)
{
	if (rc == HE_OK && recs->n_problems == 0 && !o->dry_run &&
	    (res->added || res->changed))
		rc = log_import(st, entity, o->name, res, err);
	store_audit_hold(st, false);
	if (rc != HE_OK || recs->n_problems || o->dry_run) {
		store_rollback(st);
		if (rc == HE_OK && recs->n_problems)
			rc = herr_set(err, HE_USER, ngettext(
				"%zu problem: nothing was imported",
				"%zu problems: nothing was imported",
				recs->n_problems), recs->n_problems);
	} else {
		rc = store_commit(st, err);
	}
	take_problems(recs, res);
	return rc;
}

int stations_import(struct store *st, const char *text, size_t len,
		    const struct import_opts *o, struct import_result *res,
		    struct herr *err)
{
	struct station_recs recs = { 0 };
	int rc = HE_OK;

	memset(res, 0, sizeof *res);
	read_records(text, len, o, &recs);
	if (recs.n_problems) {
		take_problems(&recs, res);
		station_recs_free(&recs);
		return herr_set(err, HE_USER, ngettext(
			"%zu problem: nothing was imported",
			"%zu problems: nothing was imported", res->n_problems),
			res->n_problems);
	}
	if ((rc = store_begin(st, err)) != HE_OK) {
		station_recs_free(&recs);
		return rc;
	}
	store_audit_hold(st, true);
	/* Networks last, so that their members exist. */
	for (int pass = 0; pass < 2 && rc == HE_OK; pass++)
		for (size_t i = 0; i < recs.n && rc == HE_OK; i++)
			if ((recs.v[i].s.members.n > 0) == (pass == 1))
				rc = import_one(st, &recs, &recs.v[i], res, err);
	rc = finish(st, &recs, o, "venue", res, rc, err);
	station_recs_free(&recs);
	return rc;
}

/* Demand points: the records as points, coordinates in WGS-84. */
static void recs_points(struct station_recs *recs, struct demand_list *out)
{
	for (size_t i = 0; i < recs->n; i++) {
		struct station_rec *r = &recs->v[i];
		out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
		out->v[out->n++] = (struct demand_point){ 0, r->s.ref,
			r->s.v.name, r->s.v.lat, r->s.v.lon, r->weight };
		r->s.ref = NULL;
		r->s.v.name = NULL;
	}
}

int demand_read(const char *text, size_t len, const struct import_opts *o,
		struct demand_list *out, struct import_result *res,
		struct herr *err)
{
	struct station_recs recs = { .demand = true };
	int rc = HE_OK;

	memset(res, 0, sizeof *res);
	read_records(text, len, o, &recs);
	if (recs.n_problems)
		rc = herr_set(err, HE_USER, ngettext(
			"%zu problem: nothing was imported",
			"%zu problems: nothing was imported", recs.n_problems),
			recs.n_problems);
	else
		recs_points(&recs, out);
	take_problems(&recs, res);
	station_recs_free(&recs);
	return rc;
}

int demand_import(struct store *st, const char *text, size_t len,
		  const struct import_opts *o, struct import_result *res,
		  struct herr *err)
{
	struct demand_list pts = { 0 };
	int rc = demand_read(text, len, o, &pts, res, err);

	if (rc != HE_OK || (rc = store_begin(st, err)) != HE_OK) {
		demand_list_free(&pts);
		return rc;
	}
	store_audit_hold(st, true);
	for (size_t i = 0; i < pts.n && rc == HE_OK; i++) {
		bool changed, existed;
		if ((rc = store_demand_put(st, &pts.v[i], &changed, &existed,
					   err)) != HE_OK)
			herr_prefix(err, "%s", pts.v[i].name);
		else if (!changed)
			res->unchanged++;
		else if (existed)
			res->changed++;
		else
			res->added++;
	}
	demand_list_free(&pts);
	if (rc == HE_OK && !o->dry_run && (res->added || res->changed))
		rc = log_import(st, "demand", o->name, res, err);
	store_audit_hold(st, false);
	if (rc != HE_OK || o->dry_run) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st, err);
}
