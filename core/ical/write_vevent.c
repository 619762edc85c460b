/* write_vevent.c - what every exported VEVENT of a series shares. */
#include "write_vevent.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../occ_text.h"
#include "model.h"
#include "write_lines.h"

static int venue_cmp(const void *a, const void *b)
{
	return strcmp(((const struct venue *)a)->name,
		      ((const struct venue *)b)->name);
}

static int org_cmp(const void *a, const void *b)
{
	return strcmp(((const struct org *)a)->name,
		      ((const struct org *)b)->name);
}

int ics_places_load(struct store *st, struct ics_places *p, struct herr *err)
{
	int rc;

	memset(p, 0, sizeof *p);
	if ((rc = store_venue_list(st, &p->venues, &p->n_venues, err)) ||
	    (rc = store_org_list(st, &p->orgs, &p->n_orgs, err)))
		return rc;
	/* Sorted by byte order here, whatever order storage lists them in. */
	if (p->n_venues)
		qsort(p->venues, p->n_venues, sizeof *p->venues, venue_cmp);
	if (p->n_orgs)
		qsort(p->orgs, p->n_orgs, sizeof *p->orgs, org_cmp);
	return HE_OK;
}

void ics_places_free(struct ics_places *p)
{
	venue_list_free(p->venues, p->n_venues);
	org_list_free(p->orgs, p->n_orgs);
	memset(p, 0, sizeof *p);
}

const struct venue *ics_places_venue(const struct ics_places *p,
				     const char *name)
{
	struct venue key = { .name = (char *)name };

	if (!name || !p->n_venues)
		return NULL;
	return bsearch(&key, p->venues, p->n_venues, sizeof key, venue_cmp);
}

const struct org *ics_places_org(const struct ics_places *p, const char *name)
{
	struct org key = { .name = (char *)name };

	if (!name || !p->n_orgs)
		return NULL;
	return bsearch(&key, p->orgs, p->n_orgs, sizeof key, org_cmp);
}

struct ics_zone_mode ics_zone_mode(const struct sched *sc, bool floating)
{
	struct ics_zone_mode m = { 0 };

	m.date_only = sc->all_day;
	if (sc->all_day || floating)
		return m;
	if (!strcmp(sc->tzid, "UTC") || !strcmp(sc->tzid, "Etc/UTC"))
		m.utc = true;
	else
		m.tzid = sc->tzid;
	return m;
}

void ics_time_prop(struct sbuf *out, const char *name,
		   const struct ics_zone_mode *m, const struct civil *c,
		   size_t n)
{
	struct ics_line l;
	struct sbuf v = { 0 };
	char buf[CIVIL_BUFSZ];

	ics_begin(&l, out, name);
	if (m->date_only)
		ics_param(&l, "VALUE", "DATE");
	else if (m->tzid)
		ics_param(&l, "TZID", m->tzid);
	for (size_t i = 0; i < n; i++) {
		if (i)
			sbuf_addc(&v, ',');
		ics_format_time(&c[i], m->date_only, m->utc, buf);
		sbuf_add(&v, buf);
	}
	ics_raw(&l, sbuf_str(&v));
	sbuf_free(&v);
}

static void utc_prop(struct sbuf *out, const char *name, int64_t t)
{
	char buf[CIVIL_BUFSZ];

	ics_format_utc(t, buf);
	ics_prop_raw(out, name, buf);
}

/* LOCATION "name, address" and GEO of a venue. */
static void location(struct sbuf *out, const struct ics_places *p,
		     const char *name)
{
	const struct venue *v = ics_places_venue(p, name);
	char geo[64];

	if (!name)
		return;
	if (v && !str_empty(v->address)) {
		char *text = xasprintf("%s, %s", name, v->address);
		ics_prop_text(out, "LOCATION", text);
		free(text);
	} else {
		ics_prop_text(out, "LOCATION", name);
	}
	if (v && v->has_geo) {
		snprintf(geo, sizeof geo, "%.6f;%.6f", v->lat, v->lon);
		ics_prop_raw(out, "GEO", geo);
	}
}

/* ORGANIZER: the host (else the first organisation) with its name as CN. */
static void organizer(struct sbuf *out, const struct series *s,
		      const struct ics_places *p, bool feed)
{
	const char *host = series_org_with_role(s, ROLE_HOST);
	const struct org *o;
	char *addr;
	struct ics_line l;

	if (!host && s->n_orgs)
		host = s->orgs[0].name;
	if (!host)
		return;
	o = ics_places_org(p, host);
	/* A feed is public: an organisation's contact may be a person's. */
	addr = feed ? NULL : ics_cal_address(o ? o->contact : NULL);
	ics_begin(&l, out, "ORGANIZER");
	ics_param(&l, "CN", host);
	ics_raw(&l, addr ? addr : ICS_NO_ADDRESS);
	free(addr);
}

static void categories(struct sbuf *out, const struct ics_event_ctx *e)
{
	const struct series *s = e->s;
	const char **v = xcalloc(s->audience.n + 1, sizeof *v);
	struct ics_line l;

	v[0] = e->cfg ? config_kind_label(e->cfg, s->kind) : s->kind;
	for (size_t i = 0; i < s->audience.n; i++)
		v[i + 1] = s->audience.v[i];
	ics_begin(&l, out, "CATEGORIES");
	ics_text_list(&l, v, s->audience.n + 1);
	free(v);
}

/* An occurrence's DESCRIPTION: what changed, its note, the series'. */
static char *instance_description(const struct ics_event_ctx *e,
				  const struct ics_instance *in)
{
	char *changes = in && in->o ? occ_text_changes(e->s, in->o) : NULL;
	/* A moved occurrence's agenda moves with it; a changed occurrence's
	 * own description stands for the series'. */
	char *desc = ics_description_at(e->s, in && in->o && in->o->description
						  ? in->o->description
						  : e->s->description,
					series_segment_shift(e->s,
							     in ? in->o : NULL));
	const char *parts[] = { changes, in ? in->note : NULL, desc };
	struct sbuf b = { 0 };

	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
		if (str_empty(parts[i]))
			continue;
		if (b.len)
			sbuf_add(&b, "\n\n");
		sbuf_add(&b, parts[i]);
	}
	free(changes);
	free(desc);
	return b.len ? sbuf_take(&b) : NULL;
}

void ics_vevent_common(struct sbuf *out, const struct ics_event_ctx *e,
		       const struct ics_instance *in)
{
	static const char *const statuses[] = { "TENTATIVE", "CONFIRMED",
						"CANCELLED" };
	const struct series *s = e->s;
	bool cancelled = in && in->cancelled;
	char *desc = instance_description(e, in);
	char *title = occ_text_title(in && in->o && in->o->title ? in->o->title
							       : s->title,
				     cancelled);
	char seq[16];

	ics_prop_raw(out, "DTSTAMP", e->dtstamp);
	utc_prop(out, "CREATED", s->created);
	utc_prop(out, "LAST-MODIFIED", s->updated);
	snprintf(seq, sizeof seq, "%d", s->revision > 0 ? s->revision - 1 : 0);
	ics_prop_raw(out, "SEQUENCE", seq);
	ics_prop_text(out, "SUMMARY", title);
	if (desc)
		ics_prop_text(out, "DESCRIPTION", desc);
	free(desc);
	free(title);
	location(out, e->places, in && in->venue ? in->venue : s->venue);
	organizer(out, s, e->places, e->feed);
	if (!e->feed && !str_empty(s->contact))
		ics_prop_text(out, "CONTACT", s->contact);
	categories(out, e);
	ics_prop_raw(out, "STATUS",
		     cancelled ? "CANCELLED" : statuses[(unsigned)s->status % 3]);
}

/* "-P1D", "-PT2H", "-PT1H30M": a length before the start. */
static void trigger(struct sbuf *out, int64_t before)
{
	char buf[48];

	if (before % 86400 == 0)
		snprintf(buf, sizeof buf, "-P%lldD", (long long)(before / 86400));
	else if (before % 3600 == 0)
		snprintf(buf, sizeof buf, "-PT%lldH", (long long)(before / 3600));
	else if (before >= 3600)
		snprintf(buf, sizeof buf, "-PT%lldH%lldM",
			 (long long)(before / 3600),
			 (long long)(before % 3600 / 60));
	else
		snprintf(buf, sizeof buf, "-PT%lldM", (long long)(before / 60));
	ics_prop_raw(out, "TRIGGER", buf);
}

void ics_valarms(struct sbuf *out, const struct ics_event_ctx *e,
		 const char *extra, bool cancelled)
{
	const struct series *s = e->s;
	const struct kind *k = e->cfg ? config_kind(e->cfg, s->kind) : NULL;
	const struct alarms *a = s->alarms.set ? &s->alarms
				 : k ? &k->alarms : NULL;

	if (cancelled || !a || (!s->alarms.set && extra &&
				strstr(extra, "BEGIN:VALARM")))
		return;
	for (size_t i = 0; i < a->n; i++) {
		ics_begin_comp(out, "VALARM");
		ics_prop_raw(out, "ACTION", "DISPLAY");
		ics_prop_text(out, "DESCRIPTION", s->title);
		trigger(out, a->before[i]);
		if (!e->feed)
			ics_prop_raw(out, "X-HEARTH-ALARM",
				     s->alarms.set ? "own" : "kind");
		ics_end_comp(out, "VALARM");
	}
}

void ics_xtexts(struct sbuf *out, const struct series *s,
		const struct override *o)
{
	if (o) {
		if (o->title)
			ics_xprop(out, "X-HEARTH-TITLE", o->title);
		if (o->description)
			ics_xprop(out, "X-HEARTH-DESCRIPTION", o->description);
		return;
	}
	if (!ics_text_is_clean(s->title))
		ics_xprop(out, "X-HEARTH-TITLE", s->title);
	if (!ics_text_is_clean(s->description))
		ics_xprop(out, "X-HEARTH-DESCRIPTION", s->description);
	if (!ics_text_is_clean(s->contact))
		ics_xprop(out, "X-HEARTH-CONTACT", s->contact);
}

void ics_xprop(struct sbuf *out, const char *name, const char *value)
{
	struct sbuf v = { 0 };

	ics_xfield_add(&v, value, true);
	ics_prop_raw(out, name, sbuf_str(&v));
	sbuf_free(&v);
}

/* X-HEARTH-VENUE or X-HEARTH-PLACE (prop) with venue name's details. */
static void venue_prop(struct sbuf *out, const char *prop,
		       const struct ics_places *p, const char *name)
{
	const struct venue *v = ics_places_venue(p, name);
	struct sbuf b = { 0 }, svc = { 0 };

	if (!name)
		return;
	ics_xfield_add(&b, name, true);
	ics_xfield_add(&b, v ? v->address : NULL, false);
	ics_xfield_add(&b, v ? v->type : NULL, false);
	ics_xfield_add(&b, v ? v->notes : NULL, false);
	for (size_t i = 0; v && i < v->services.n; i++) {
		/* Services are joined with '\n', which the field encodes. */
		if (i)
			sbuf_addc(&svc, '\n');
		sbuf_add(&svc, v->services.v[i]);
	}
	ics_xfield_add(&b, sbuf_str(&svc), false);
	if (v && v->has_geo && strcmp(prop, "X-HEARTH-VENUE")) {
		char geo[64];
		snprintf(geo, sizeof geo, "%.6f,%.6f", v->lat, v->lon);
		ics_xfield_add(&b, geo, false);
	}
	ics_prop_raw(out, prop, sbuf_str(&b));
	sbuf_free(&b);
	sbuf_free(&svc);
}

void ics_xvenue(struct sbuf *out, const struct ics_places *p,
		const char *name)
{
	venue_prop(out, "X-HEARTH-VENUE", p, name);
}

void ics_xplaces(struct sbuf *out, const struct ics_places *p,
		 const struct series *s)
{
	for (size_t i = 0; i < s->n_segments; i++) {
		const char *name = s->segments[i].venue;
		bool told = !name || str_eq0(name, s->venue);
		for (size_t k = 0; !told && k < i; k++)
			told = str_eq0(name, s->segments[k].venue);
		if (!told)
			venue_prop(out, "X-HEARTH-PLACE", p, name);
	}
}
