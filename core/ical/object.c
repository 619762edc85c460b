/*
 * object.c - one calendar object resource (RFC 4791 section 4.1) read
 * into one series, or found to be more than hearth can model.
 *
 * CalDAV keeps one object per event: its VEVENTs (the series and its
 * changed occurrences) share one UID. The object is read as a file is
 * imported (read_stream, read_zone, read_event), but all or nothing:
 * anything the import would report and skip (a broken property, a change
 * of an occurrence the rule does not have, a to-do) makes the whole
 * object "not modelled", so that a sync keeps it verbatim rather than
 * writing back part of it.
 */
#include "ical.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../i18n.h"
#include "read_event.h"
#include "read_zone.h"

struct object_reader {
	struct ics_object *out;
	struct ics_event master;
	bool have_master;
	struct ics_event *parts;
	size_t n, cap;
};

/* Records the first problem; notes ("note: ...") are not problems. */
static void problem_at(struct object_reader *r, long line, const char *msg)
{
	if (r->out->problem)
		return;
	r->out->problem = xstrdup(msg);
	r->out->line = line;
}

static void relay(void *ctx, long line, const char *msg)
{
	if (strncmp(msg, "note:", 5))
		problem_at(ctx, line, msg);
}

static void problemf(struct object_reader *r, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void problemf(struct object_reader *r, long line, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	problem_at(r, line, msg);
	free(msg);
}

/* Every component of an object has the same UID. */
static void check_uid(struct object_reader *r, const char *uid, long line)
{
	if (!uid)
		return;
	if (!r->out->uid)
		r->out->uid = xstrdup(uid);
	else if (strcmp(r->out->uid, uid))
		problemf(r, line, _("the object holds two UIDs ('%s' and '%s')"),
			 r->out->uid, uid);
}

/*
 * Components hearth does not keep (VTODO, VJOURNAL, ...) are passed over
 * by the reader with a note; in an object they make it one hearth cannot
 * model. Found by their BEGIN lines, which can only be at the top level.
 */
static void other_components(struct object_reader *r, const char *text,
			     size_t len)
{
	static const char *const others[] = { "VTODO", "VJOURNAL", "VFREEBUSY",
					      "VAVAILABILITY" };
	const char *p = text, *end = text + len;

	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)((eol ? eol : end) - p);
		while (n && (p[n - 1] == '\r'))
			n--;
		for (size_t i = 0; n > 6 && i < sizeof others / sizeof *others;
		     i++)
			if (!strncasecmp(p, "BEGIN:", 6) &&
			    n - 6 == strlen(others[i]) &&
			    !strncasecmp(p + 6, others[i], n - 6))
				problemf(r, 0, _("a %s, which hearth does not "
					 "keep"), others[i]);
		/* Its UID still names the object. */
		if (!r->out->uid && n > 4 && !strncasecmp(p, "UID:", 4))
			r->out->uid = xstrndup(p + 4, n - 4);
		p = eol ? eol + 1 : end;
	}
}

static void take_event(struct object_reader *r, const struct ics_comp *c,
		       struct ics_zones *zones, const struct ics_event_opts *eo)
{
	struct ics_event e;

	if (ics_event_read(c, zones, eo, &e, relay, r) != HE_OK) {
		/* Reported; without a UID the object is still named by others. */
		return;
	}
	check_uid(r, e.uid, e.line);
	if (e.kind == ICS_SERIES && r->have_master) {
		problemf(r, e.line, _("two events without RECURRENCE-ID"));
		ics_event_free(&e);
	} else if (e.kind == ICS_SERIES) {
		r->master = e;
		r->have_master = true;
	} else {
		r->parts = xgrow(r->parts, &r->cap, r->n + 1, sizeof *r->parts);
		r->parts[r->n++] = e;
	}
}

/* Puts extra dates, cancellations and changes onto the series. */
static void assemble(struct object_reader *r)
{
	struct ics_event *m = &r->master;
	struct herr err;

	for (size_t i = 0; i < r->n; i++)
		if (r->parts[i].kind == ICS_EXTRA_DATE)
			ics_event_add_date(m, &r->parts[i]);
	if (r->n == 0 && m->n_carried == 0)
		return;
	if (sched_prepare(&m->s.sched, &err) != HE_OK) {
		problem_at(r, m->line, err.msg);
		return;
	}
	ics_event_apply(m, NULL, NULL);
	for (size_t i = 0; i < r->n; i++)
		if (ics_event_apply(m, &r->parts[i], &err) != HE_OK)
			problem_at(r, r->parts[i].line, err.msg);
}

/* Moves the series and its places from the master into out. */
static void take_master(struct object_reader *r)
{
	struct ics_object *out = r->out;
	struct ics_event *m = &r->master;

	out->s = m->s;
	series_init(&m->s);
	out->x = m->x;
	memset(&m->x, 0, sizeof m->x);
	out->venues = m->venues;
	out->n_venues = m->n_venues;
	m->venues = NULL;
	m->n_venues = 0;
	out->orgs = m->orgs;
	out->n_orgs = m->n_orgs;
	m->orgs = NULL;
	m->n_orgs = 0;
}

static int read_components(struct object_reader *r, struct ics_reader *rd,
			   struct ics_zones *zones,
			   const struct ics_import_opts *o, struct herr *err)
{
	struct ics_comp c;
	int got;

	while ((got = ics_reader_next(rd, &c, err)) > 0) {
		const char *fz = ics_reader_calendar_zone(rd);
		const struct tz *floating = fz && tz_get(fz) ? tz_get(fz) : o->zone;
		struct ics_event_opts eo = { o->cfg, o->kind, floating, o->now,
					     NULL };
		icalcomponent_kind k = icalcomponent_isa(c.comp);
		if (k == ICAL_VTIMEZONE_COMPONENT)
			ics_zones_add(zones, &c, relay, r);
		else if (k == ICAL_VEVENT_COMPONENT)
			take_event(r, &c, zones, &eo);
		ics_comp_free(&c);
	}
	if (got < 0)
		return -got;
	if (ics_reader_dropped(rd) > 0)
		problem_at(r, 0, _("a component could not be read"));
	return HE_OK;
}

int ics_object_read(const char *text, size_t len,
		    const struct ics_import_opts *o, struct ics_object *out,
		    struct herr *err)
{
	struct object_reader r = { .out = out };
	struct ics_reader *rd;
	struct ics_zones *zones;
	FILE *in;
	int rc;

	memset(out, 0, sizeof *out);
	series_init(&out->s);
	if (len == 0) {
		out->problem = xstrdup(_("the object is empty"));
		return HE_OK;
	}
	if (!(in = fmemopen((void *)text, len, "r")))
		return herr_set(err, HE_INTERNAL, _("out of memory"));
	icalerror_set_errors_are_fatal(0);
	zones = ics_zones_new(o->zone);
	rd = ics_reader_new(in, relay, &r);
	rc = read_components(&r, rd, zones, o, err);
	if (rc == HE_OK)
		other_components(&r, text, len);
	if (rc == HE_OK && !r.have_master)
		problem_at(&r, 0, r.n ? _("changed occurrences without their event")
				      : _("no event in the object"));
	if (rc == HE_OK && r.have_master && !out->problem)
		assemble(&r);
	if (rc == HE_OK && r.have_master && !out->problem)
		take_master(&r);
	ics_event_free(&r.master);
	for (size_t i = 0; i < r.n; i++)
		ics_event_free(&r.parts[i]);
	free(r.parts);
	ics_reader_free(&rd);
	ics_zones_free(&zones);
	fclose(in);
	if (rc != HE_OK)
		ics_object_free(out);
	return rc;
}

int ics_object_places(struct store *st, const struct ics_object *ob,
		      struct herr *err)
{
	int rc;

	for (size_t i = 0; i < ob->n_venues; i++) {
		struct venue v;
		if (store_venue_get(st, ob->venues[i].name, &v, NULL) == HE_OK) {
			venue_free(&v);
			continue;
		}
		rc = store_venue_put(st, NULL, &ob->venues[i], err);
		if (rc != HE_OK)
			return rc;
	}
	for (size_t i = 0; i < ob->n_orgs; i++) {
		struct org g;
		if (store_org_get(st, ob->orgs[i].name, &g, NULL) == HE_OK) {
			org_free(&g);
			continue;
		}
		rc = store_org_put(st, NULL, &ob->orgs[i], err);
		if (rc != HE_OK)
			return rc;
	}
	return HE_OK;
}

void ics_object_free(struct ics_object *ob)
{
	free(ob->uid);
	free(ob->problem);
	series_free(&ob->s);
	series_ical_free(&ob->x);
	venue_list_free(ob->venues, ob->n_venues);
	org_list_free(ob->orgs, ob->n_orgs);
	memset(ob, 0, sizeof *ob);
	series_init(&ob->s);
}
