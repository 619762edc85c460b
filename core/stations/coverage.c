/*
 * coverage.c - the 15-minute service circle: which demand points have a
 * station open within reach, at a moment or at each hour of a week.
 *
 * Every station is read once; the R*Tree gives, for each point, the few
 * in a box around it, and only those have their opening worked out, once
 * for all the hours asked about. The cost grows with points times the
 * stations near each, and with the stations near some point times the
 * hours (make bench).
 */
#include "stations_int.h"

#include <stdlib.h>
#include <string.h>

#include "../civil.h"
#include "../i18n.h"

void coverage_free(struct coverage *cv)
{
	free(cv->at);
	demand_list_free(&cv->points);
	free(cv->covered);
	free(cv->uncovered);
	free(cv->weight_out);
	free(cv->stations_near);
	memset(cv, 0, sizeof *cv);
}

/* A station's row id and its place in the list read. */
struct by_id {
	int64_t id;
	size_t index;
};

static int cmp_id(const void *a, const void *b)
{
	const struct by_id *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

/* What coverage works with while it runs. */
struct work {
	struct station_list all;
	struct by_id *ids;
	struct events ev;
	unsigned char *open;     /* open[i * n_hours + h] */
	unsigned char *known;    /* open of station i worked out */
	size_t n_hours;
	const int64_t *at;
	const struct stations_config *c;
	const struct tz *z;
};

static void work_free(struct work *w)
{
	station_list_free(&w->all);
	free(w->ids);
	events_free(&w->ev);
	free(w->open);
	free(w->known);
}

/* The index of the station called name in the list (by name), or -1. */
static long index_named(const struct work *w, const char *name)
{
	size_t lo = 0, hi = w->all.n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(w->all.v[mid].v.name, name);
		if (!c)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* Marks the hours events keep each station open. */
static void mark_events(struct work *w)
{
	for (size_t k = 0; k < w->ev.n; k++) {
		const struct event_open *e = &w->ev.v[k];
		long i = index_named(w, e->venue);
		if (i < 0)
			continue;
		for (size_t h = 0; h < w->n_hours; h++)
			if (e->start <= w->at[h] && w->at[h] < e->until)
				w->open[(size_t)i * w->n_hours + h] = 1;
	}
}

/* Works out when station i is open by its hours, once. */
static void open_hours(struct work *w, size_t i)
{
	struct hours h;

	if (w->known[i])
		return;
	w->known[i] = 1;
	if (!w->all.v[i].hours ||
	    hours_parse(w->all.v[i].hours, &h, NULL, NULL) != HE_OK)
		return;
	for (size_t k = 0; k < w->n_hours; k++)
		if (hours_open_at(&h, w->c, w->z, w->at[k], NULL))
			w->open[i * w->n_hours + k] = 1;
	hours_free(&h);
}

/* The instants asked about: the moment, or each hour of its week. */
static int64_t *hours_asked(const struct coverage_query *q,
			    const struct tz *z, size_t *n)
{
	int64_t *at;
	struct civil local, monday;

	if (!q->week) {
		*n = 1;
		at = xmalloc(sizeof *at);
		at[0] = q->at;
		return at;
	}
	*n = COVERAGE_WEEK_HOURS;
	at = xcalloc(*n, sizeof *at);
	local = tz_from_utc(z, q->at, NULL);
	monday = civil_add_days(local, -civil_weekday(&local));
	monday.hour = monday.min = monday.sec = 0;
	for (size_t h = 0; h < *n; h++) {
		struct civil c = civil_add_days(monday, (int64_t)(h / 24));
		c.hour = (int)(h % 24);
		at[h] = tz_to_utc(z, &c);
	}
	return at;
}

static int prepare(struct store *st, struct work *w, struct herr *err)
{
	int rc = store_stations(st, NULL, &w->all, err);

	if (rc != HE_OK)
		return rc;
	w->ids = xcalloc(w->all.n + 1, sizeof *w->ids);
	for (size_t i = 0; i < w->all.n; i++)
		w->ids[i] = (struct by_id){ w->all.v[i].v.id, i };
	qsort(w->ids, w->all.n, sizeof *w->ids, cmp_id);
	w->open = xcalloc(w->all.n * w->n_hours + 1, 1);
	w->known = xcalloc(w->all.n + 1, 1);
	rc = events_in(st, w->at[0], w->at[w->n_hours - 1] + 1, &w->ev, err);
	if (rc == HE_OK)
		mark_events(w);
	return rc;
}

/* Point p against the stations the R*Tree finds around it. */
static int cover_point(struct store *st, struct work *w,
		       const struct coverage_query *q, struct coverage *cv,
		       size_t p, struct id_list *ids, struct herr *err)
{
	const struct demand_point *pt = &cv->points.v[p];
	double reach = travel_reach(&q->travel, q->within);
	struct geo_box box = geo_box_around(pt->lat, pt->lon, reach);
	int rc = store_station_ids_in(st, &box, ids, err);

	for (size_t k = 0; rc == HE_OK && k < ids->n; k++) {
		struct by_id key = { ids->v[k], 0 }, *found;
		const struct station *s;
		found = bsearch(&key, w->ids, w->all.n, sizeof *w->ids, cmp_id);
		if (!found)
			continue;
		s = &w->all.v[found->index];
		if (s->members.n || !station_wanted(s, q->service, q->type) ||
		    travel_minutes(&q->travel, geo_distance(pt->lat, pt->lon,
				   s->v.lat, s->v.lon)) > q->within)
			continue;
		cv->stations_near[p]++;
		open_hours(w, found->index);
		for (size_t h = 0; h < cv->n_hours; h++)
			cv->covered[h * cv->points.n + p] |=
				w->open[found->index * w->n_hours + h];
	}
	return rc;
}

static void copy_points(const struct demand_list *from, struct demand_list *to)
{
	to->v = xcalloc(from->n + 1, sizeof *to->v);
	to->n = to->cap = from->n;
	for (size_t i = 0; i < from->n; i++) {
		to->v[i] = from->v[i];
		to->v[i].ref = xstrdup0(from->v[i].ref);
		to->v[i].name = xstrdup0(from->v[i].name);
	}
}

int stations_coverage(struct store *st, const struct stations_config *c,
		      const struct tz *z, const struct demand_list *points,
		      const struct coverage_query *q, struct coverage *out,
		      struct herr *err)
{
	struct work w = { .c = c, .z = z };
	struct id_list ids = { 0 };
	int rc;

	memset(out, 0, sizeof *out);
	if (q->within <= 0)
		return herr_set(err, HE_USER, _("coverage needs a travel time "
						"above 0"));
	out->at = hours_asked(q, z, &out->n_hours);
	w.at = out->at;
	w.n_hours = out->n_hours;
	copy_points(points, &out->points);
	out->covered = xcalloc(out->n_hours * points->n + 1, 1);
	out->uncovered = xcalloc(out->n_hours, sizeof *out->uncovered);
	out->weight_out = xcalloc(out->n_hours, sizeof *out->weight_out);
	out->stations_near = xcalloc(points->n + 1, sizeof *out->stations_near);
	rc = prepare(st, &w, err);
	for (size_t p = 0; rc == HE_OK && p < points->n; p++)
		rc = cover_point(st, &w, q, out, p, &ids, err);
	for (size_t p = 0; p < points->n; p++)
		out->weight_total += points->v[p].weight;
	for (size_t h = 0; rc == HE_OK && h < out->n_hours; h++)
		for (size_t p = 0; p < points->n; p++)
			if (!out->covered[h * points->n + p]) {
				out->uncovered[h]++;
				out->weight_out[h] += points->v[p].weight;
			}
	free(ids.v);
	work_free(&w);
	if (rc != HE_OK)
		coverage_free(out);
	return rc;
}
