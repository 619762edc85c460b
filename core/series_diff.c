/*
 * series_diff.c - what differs between two versions of a series, field by
 * field, as text: for the audit log and for showing two organisers'
 * changes side by side.
 */
#include "series.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "changes.h"

/* "2027-01-16 10:00", or the date alone. */
static char *when_text(const struct civil *c, bool date_only)
{
	if (date_only)
		return xasprintf("%04d-%02d-%02d", c->year, c->month, c->day);
	return xasprintf("%04d-%02d-%02d %02d:%02d", c->year, c->month, c->day,
			 c->hour, c->min);
}

/* The end as people say it: an all-day event's last day, not the day after. */
static char *end_text(const struct sched *sc, const struct civil *end)
{
	struct civil last = sc->all_day ? civil_add_days(*end, -1) : *end;
	return when_text(&last, sc->all_day);
}

static char *list_text(const struct civil_list *l, bool date_only)
{
	struct sbuf b = { 0 };

	for (size_t i = 0; i < l->n; i++) {
		char *t = when_text(&l->v[i], date_only);
		sbuf_addf(&b, "%s%s", i ? ", " : "", t);
		free(t);
	}
	return l->n ? sbuf_take(&b) : NULL;
}

static char *orgs_text(const struct series *s)
{
	struct sbuf b = { 0 };

	for (size_t i = 0; i < s->n_orgs; i++)
		sbuf_addf(&b, "%s%s (%s)", i ? "; " : "", s->orgs[i].name,
			  role_name(s->orgs[i].role));
	return s->n_orgs ? sbuf_take(&b) : NULL;
}

static char *audience_text(const struct series *s)
{
	struct sbuf b = { 0 };

	for (size_t i = 0; i < s->audience.n; i++)
		sbuf_addf(&b, "%s%s", i ? ", " : "", s->audience.v[i]);
	return s->audience.n ? sbuf_take(&b) : NULL;
}

static char *segments_text(const struct series *s)
{
	struct sbuf b = { 0 };

	for (size_t i = 0; i < s->n_segments; i++) {
		const struct segment *g = &s->segments[i];
		if (i)
			sbuf_add(&b, "; ");
		if (g->timed)
			sbuf_addf(&b, "%02d:%02d-%02d:%02d ", g->from_min / 60,
				  g->from_min % 60, g->to_min / 60, g->to_min % 60);
		sbuf_add(&b, g->title);
		if (g->venue)
			sbuf_addf(&b, " @ %s", g->venue);
		if (g->partners.n || g->note) {
			sbuf_add(&b, " (");
			for (size_t k = 0; k < g->partners.n; k++)
				sbuf_addf(&b, "%s%s", k ? ", " : "",
					  g->partners.v[k]);
			if (g->note)
				sbuf_addf(&b, "%s%s", g->partners.n ? ", " : "",
					  g->note);
			sbuf_add(&b, ")");
		}
	}
	return s->n_segments ? sbuf_take(&b) : NULL;
}

static char *int_text(int v)
{
	return v ? xasprintf("%d", v) : NULL;
}

/* "1d, 1h", "none"; NULL when the kind's are used. */
static char *alarms_text(const struct series *s)
{
	return s->alarms.set ? alarms_format(&s->alarms) : NULL;
}

void series_diff(const struct series *a, const struct series *b,
		 struct changes *out)
{
	const struct sched *x = &a->sched, *y = &b->sched;

	changes_add(out, "title", a->title, b->title);
	changes_add(out, "kind", a->kind, b->kind);
	changes_add(out, "status", status_name(a->status), status_name(b->status));
	changes_take(out, "start", when_text(&x->start, x->all_day),
		     when_text(&y->start, y->all_day));
	changes_take(out, "end", end_text(x, &x->end), end_text(y, &y->end));
	changes_add(out, "zone", x->tzid, y->tzid);
	changes_add(out, "repeat", x->rrule, y->rrule);
	changes_take(out, "extra dates", list_text(&x->rdates, x->all_day),
		     list_text(&y->rdates, y->all_day));
	changes_take(out, "exception dates", list_text(&x->exdates, x->all_day),
		     list_text(&y->exdates, y->all_day));
	changes_add(out, "venue", a->venue, b->venue);
	changes_take(out, "organisations", orgs_text(a), orgs_text(b));
	changes_take(out, "audience", audience_text(a), audience_text(b));
	changes_take(out, "capacity", int_text(a->capacity), int_text(b->capacity));
	changes_add(out, "contact", a->contact, b->contact);
	changes_add(out, "description", a->description, b->description);
	changes_take(out, "segments", segments_text(a), segments_text(b));
	changes_take(out, "reminders", alarms_text(a), alarms_text(b));
}

static const struct override *find(const struct series *s,
				   const struct civil *rid)
{
	for (size_t i = 0; i < s->n_overrides; i++)
		if (civil_cmp(&s->overrides[i].rid, rid) == 0)
			return &s->overrides[i];
	return NULL;
}

void series_override_diff(const struct series *a, const struct series *b,
			  const struct civil *rid, struct changes *out)
{
	static const struct override none;
	const struct override *x = find(a, rid), *y = find(b, rid);
	bool ad_a = a->sched.all_day, ad_b = b->sched.all_day;

	x = x ? x : &none;
	y = y ? y : &none;
	changes_add(out, "status", x->cancelled ? "cancelled" : NULL,
		    y->cancelled ? "cancelled" : NULL);
	changes_take(out, "start", x->moved ? when_text(&x->start, ad_a) : NULL,
		     y->moved ? when_text(&y->start, ad_b) : NULL);
	changes_take(out, "end", x->moved ? end_text(&a->sched, &x->end) : NULL,
		     y->moved ? end_text(&b->sched, &y->end) : NULL);
	changes_add(out, "venue", x->venue, y->venue);
	changes_add(out, "note", x->note, y->note);
}

/* Adds rid to l unless it is there. */
static void add_rid(struct civil_list *l, const struct civil *rid)
{
	if (!civil_list_has(l, rid))
		civil_list_add(l, *rid);
}

void series_overrides_changed(const struct series *a, const struct series *b,
			      struct civil_list *out)
{
	const struct series *sides[] = { a, b };

	for (int k = 0; k < 2; k++)
		for (size_t i = 0; i < sides[k]->n_overrides; i++) {
			const struct civil *rid = &sides[k]->overrides[i].rid;
			struct changes ch = { 0 };
			series_override_diff(a, b, rid, &ch);
			if (ch.n)
				add_rid(out, rid);
			changes_free(&ch);
		}
}

char *series_rid_text(const struct series *s, const struct civil *rid)
{
	return when_text(rid, s->sched.all_day);
}

char *series_when_text(const struct series *s, const struct civil *c)
{
	return when_text(c, s->sched.all_day);
}

char *series_end_text(const struct series *s, const struct civil *end)
{
	return end_text(&s->sched, end);
}

static char *geo_text(const struct venue *v)
{
	return v->has_geo ? xasprintf("%.6f,%.6f", v->lat, v->lon) : NULL;
}

static char *services_text(const struct venue *v)
{
	struct sbuf b = { 0 };

	for (size_t i = 0; i < v->services.n; i++)
		sbuf_addf(&b, "%s%s", i ? ", " : "", v->services.v[i]);
	return v->services.n ? sbuf_take(&b) : NULL;
}

void venue_diff(const struct venue *a, const struct venue *b,
		struct changes *out)
{
	changes_add(out, "name", a->name, b->name);
	changes_add(out, "address", a->address, b->address);
	changes_take(out, "coordinates", geo_text(a), geo_text(b));
	changes_add(out, "type", a->type, b->type);
	changes_take(out, "services", services_text(a), services_text(b));
	changes_add(out, "notes", a->notes, b->notes);
}

void org_diff(const struct org *a, const struct org *b, struct changes *out)
{
	changes_add(out, "name", a->name, b->name);
	changes_add(out, "type", a->type, b->type);
	changes_add(out, "contact", a->contact, b->contact);
}

#define SWAP(x, y) do { __typeof__(x) t_ = (x); (x) = (y); (y) = t_; } while (0)

bool series_swap_field(struct series *a, struct series *b, const char *field)
{
	static const char *const sched_fields[] = { "start", "end", "zone",
		"repeat", "extra dates", "exception dates" };

	for (size_t i = 0; i < sizeof sched_fields / sizeof *sched_fields; i++)
		if (!strcmp(field, sched_fields[i])) {
			SWAP(a->sched, b->sched);
			return true;
		}
	if (!strcmp(field, "title"))
		SWAP(a->title, b->title);
	else if (!strcmp(field, "kind"))
		SWAP(a->kind, b->kind);
	else if (!strcmp(field, "status"))
		SWAP(a->status, b->status);
	else if (!strcmp(field, "venue"))
		SWAP(a->venue, b->venue);
	else if (!strcmp(field, "organisations")) {
		SWAP(a->orgs, b->orgs);
		SWAP(a->n_orgs, b->n_orgs);
		SWAP(a->cap_orgs, b->cap_orgs);
	} else if (!strcmp(field, "audience"))
		SWAP(a->audience, b->audience);
	else if (!strcmp(field, "capacity"))
		SWAP(a->capacity, b->capacity);
	else if (!strcmp(field, "contact"))
		SWAP(a->contact, b->contact);
	else if (!strcmp(field, "description"))
		SWAP(a->description, b->description);
	else if (!strcmp(field, "segments")) {
		SWAP(a->segments, b->segments);
		SWAP(a->n_segments, b->n_segments);
		SWAP(a->cap_segments, b->cap_segments);
	} else if (!strcmp(field, "reminders"))
		SWAP(a->alarms, b->alarms);
	else if (!strcmp(field, "occurrences")) {
		SWAP(a->overrides, b->overrides);
		SWAP(a->n_overrides, b->n_overrides);
		SWAP(a->cap_overrides, b->cap_overrides);
	} else
		return false;
	return true;
}
