/*
 * open.c - which stations are open at a moment, near a point: their
 * opening hours, or an event under way at the station or at a network it
 * belongs to; the few near the point come from the R*Tree.
 */
#include "stations_int.h"

#include <stdlib.h>
#include <string.h>

#include "../i18n.h"

void open_list_free(struct open_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		station_free(&l->v[i].s);
		free(l->v[i].event);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

void events_free(struct events *e)
{
	for (size_t i = 0; i < e->n; i++)
		free(e->v[i].venue);
	free(e->v);
	occ_list_free(&e->occs);
}

static void event_add(struct events *e, const char *venue, const struct occ *o)
{
	e->v = xgrow(e->v, &e->cap, e->n + 1, sizeof *e->v);
	e->v[e->n++] = (struct event_open){ xstrdup(venue), o->start, o->end,
					    o->title };
}

int events_in(struct store *st, int64_t from, int64_t to, struct events *e,
	      struct herr *err)
{
	struct occ_filter f = { 0 };
	int rc = store_occurrences(st, from, to, &f, 0, &e->occs, err);

	for (size_t i = 0; rc == HE_OK && i < e->occs.n; i++) {
		const struct occ *o = &e->occs.v[i];
		struct station net;
		if (str_empty(o->venue) || o->cancelled)
			continue;
		event_add(e, o->venue, o);
		if ((rc = store_station_get(st, o->venue, &net, err)) != HE_OK)
			break;
		for (size_t k = 0; k < net.members.n; k++)
			event_add(e, net.members.v[k], o);
		station_free(&net);
	}
	return rc;
}

/*
 * The events by venue, then in their order: each station finds its own
 * with a binary search. Every event looked at for every station was 4
 * million strcmp at 10k stations, a third of the first look at the
 * stations view and the map (callgrind, make bench-tui).
 */
struct by_venue {
	const struct event_open **v;
	size_t n;
};

static int cmp_venue(const void *a, const void *b)
{
	const struct event_open *x = *(const struct event_open *const *)a;
	const struct event_open *y = *(const struct event_open *const *)b;
	int c = strcmp(x->venue, y->venue);

	/* Elements of one array: their addresses are their order. */
	return c ? c : (x > y) - (x < y);
}

static void by_venue_init(struct by_venue *b, const struct events *e)
{
	b->n = e->n;
	b->v = xcalloc(e->n + 1, sizeof *b->v);
	for (size_t i = 0; i < e->n; i++)
		b->v[i] = &e->v[i];
	qsort(b->v, b->n, sizeof *b->v, cmp_venue);
}

/* The latest end of an event keeping venue open, or -1; of those ending
 * then, the first listed. */
static int64_t event_until(const struct by_venue *b, const char *venue,
			   const char **title)
{
	size_t lo = 0, hi = b->n;
	int64_t best = -1;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(b->v[mid]->venue, venue) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < b->n && !strcmp(b->v[lo]->venue, venue); lo++)
		if (b->v[lo]->until > best) {
			best = b->v[lo]->until;
			*title = b->v[lo]->title;
		}
	return best;
}

static bool has_part(const char *text, const char *part)
{
	return text && strcasestr(text, part);
}

bool station_wanted(const struct station *s, const char *service,
		    const char *type)
{
	if (type && !has_part(s->v.type, type))
		return false;
	if (!service)
		return true;
	for (size_t i = 0; i < s->v.services.n; i++)
		if (has_part(s->v.services.v[i], service))
			return true;
	return false;
}

/* Whether s is open at q->at and until when, by hours and events. */
static bool open_until(const struct station *s, const struct by_venue *e,
		       const struct stations_config *c, const struct tz *z,
		       int64_t at, int64_t *closes, const char **event)
{
	int64_t by_hours = -1, by_event;
	struct hours h;

	*event = NULL;
	if (s->hours && hours_parse(s->hours, &h, NULL, NULL) == HE_OK) {
		int64_t until;
		if (hours_open_at(&h, c, z, at, &until))
			by_hours = until;
		hours_free(&h);
	}
	by_event = event_until(e, s->v.name, event);
	if (by_event <= by_hours)
		*event = NULL;
	*closes = by_hours > by_event ? by_hours : by_event;
	return *closes >= 0;
}

static int by_minutes(const void *a, const void *b)
{
	const struct open_station *x = a, *y = b;

	if (x->minutes != y->minutes)
		return x->minutes < y->minutes ? -1 : 1;
	return strcmp(x->s.v.name, y->s.v.name);
}

int stations_open(struct store *st, const struct stations_config *c,
		  const struct tz *z, const struct open_query *q,
		  struct open_list *out, struct herr *err)
{
	struct station_list cand = { 0 };
	struct events ev = { 0 };
	struct by_venue at_venue = { NULL, 0 };
	struct geo_box box;
	bool boxed = q->near && q->within > 0;
	int rc;

	if (boxed)
		box = geo_box_around(q->lat, q->lon,
				     travel_reach(&q->travel, q->within));
	if ((rc = store_stations(st, boxed ? &box : NULL, &cand, err)) != HE_OK ||
	    (rc = events_in(st, q->at, q->at + 1, &ev, err)) != HE_OK)
		goto done;
	by_venue_init(&at_venue, &ev);
	for (size_t i = 0; i < cand.n; i++) {
		struct station *s = &cand.v[i];
		struct open_station o = { .metres = -1, .minutes = -1 };
		const char *event;
		/* A network stands for its members, which are the places. */
		if (s->members.n || !station_wanted(s, q->service, q->type))
			continue;
		if (q->near) {
			if (!s->v.has_geo)
				continue;
			o.metres = geo_distance(q->lat, q->lon, s->v.lat, s->v.lon);
			o.minutes = travel_minutes(&q->travel, o.metres);
			if (q->within > 0 && o.minutes > q->within)
				continue;
		}
		if (!open_until(s, &at_venue, c, z, q->at, &o.closes, &event))
			continue;
		o.event = xstrdup0(event);
		o.s = *s;
		memset(s, 0, sizeof *s);
		out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
		out->v[out->n++] = o;
	}
	if (q->near)
		qsort(out->v, out->n, sizeof *out->v, by_minutes);
done:
	free(at_venue.v);
	station_list_free(&cand);
	events_free(&ev);
	return rc;
}
