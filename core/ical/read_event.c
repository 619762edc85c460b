/* read_event.c - a VEVENT's identity and times, and changes to occurrences. */
#include "read_event.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "../civil_ical.h"
#include "../sched_guard.h"
#include "model.h"

void ev_note(struct ev_reader *r, const icalproperty *p, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ics_vnotef(r->note, r->ctx, p ? ics_comp_line(r->c, p) : r->c->line,
		   fmt, ap);
	va_end(ap);
}

icalproperty *ev_xprop(const struct ev_reader *r, const char *name)
{
	icalproperty *p;

	for (p = icalcomponent_get_first_property(r->c->comp, ICAL_X_PROPERTY); p;
	     p = icalcomponent_get_next_property(r->c->comp, ICAL_X_PROPERTY))
		if (!strcmp(icalproperty_get_x_name(p), name))
			return p;
	return NULL;
}

const char *ev_text(const struct ev_reader *r, icalproperty_kind kind)
{
	icalproperty *p = icalcomponent_get_first_property(r->c->comp, kind);
	icalvalue *v = p ? icalproperty_get_value(p) : NULL;

	if (!v)
		return NULL;
	/* The unescaped text, not the escaped form as_ical_string gives (and
	 * that form only where it is asked for: it costs a copy of the value
	 * escaped again, a fifth of reading an event's texts). */
	switch (kind) {
	case ICAL_UID_PROPERTY: return icalproperty_get_uid(p);
	case ICAL_SUMMARY_PROPERTY: return icalproperty_get_summary(p);
	case ICAL_DESCRIPTION_PROPERTY: return icalproperty_get_description(p);
	case ICAL_LOCATION_PROPERTY: return icalproperty_get_location(p);
	case ICAL_CONTACT_PROPERTY: return icalproperty_get_contact(p);
	default: return icalvalue_as_ical_string(v);
	}
}

/*
 * Says why the time of p cannot be used: the event is skipped when it
 * cannot do without it (fatal: DTSTART, RECURRENCE-ID), else the property
 * is dropped and the event kept.
 */
static void time_unusable(struct ev_reader *r, icalproperty *p, bool fatal,
			  const char *why)
{
	if (fatal)
		ev_note(r, p, _("%s: %s; event skipped"),
			icalproperty_get_property_name(p), why);
	else
		/* TRANSLATORS: keep "note: " (notes are not problems). */
		ev_note(r, p, _("note: %s: %s; dropped, the event is kept"),
			icalproperty_get_property_name(p), why);
}

/*
 * Reads time t of property p (whose TZID says its zone) into out. A time
 * that cannot be used is reported (see time_unusable) and HE_USER returned.
 */
static int read_time(struct ev_reader *r, icalproperty *p,
		     struct icaltimetype t, struct ics_time *out, bool fatal)
{
	icalparameter *param = icalproperty_get_first_parameter(
		p, ICAL_TZID_PARAMETER);
	const char *tzid = param ? icalparameter_get_tzid(param) : NULL;
	char why[300];

	memset(out, 0, sizeof *out);
	out->c = civil_from_ical(&t);
	out->date_only = t.is_date != 0;
	if (icaltime_is_null_time(t) || !civil_valid(&out->c) ||
	    out->c.year < ICS_MIN_YEAR || out->c.year > ICS_MAX_YEAR) {
		snprintf(why, sizeof why, _("not a valid date or time (years %d "
			 "to %d)"), ICS_MIN_YEAR, ICS_MAX_YEAR);
		time_unusable(r, p, fatal, why);
		return HE_USER;
	}
	if (out->date_only)
		return HE_OK;
	if (tzid && *tzid && !icaltime_is_utc(t)) {
		struct ics_tzres res;
		const char *msg;
		ics_zones_resolve(r->zones, tzid, out->c.year, &res, &msg);
		if (msg)
			ev_note(r, p, "%s", msg);
		if (res.kind == ICS_TZ_CONVERT &&
		    (out->c.year < 1970 || out->c.year > 2100 ||
		     !ics_zones_take_conversion(r->zones))) {
			/* libical walks the file's zone from its start at each
			 * conversion: bounded in years and in number. */
			snprintf(why, sizeof why, _("cannot convert this time with "
				 "the file's own zone '%.100s' (only 1970 to 2100, "
				 "%d times a file)"), tzid, ICS_MAX_CONVERTED);
			time_unusable(r, p, fatal, why);
			return HE_USER;
		}
		if (res.kind == ICS_TZ_CONVERT) {
			t.zone = NULL;
			out->c = civil_from_seconds(
				(int64_t)icaltime_as_timet_with_zone(t, res.conv));
		} else {
			out->zone = res.zone;
		}
	} else if (!icaltime_is_utc(t)) {
		out->floating = true;
	}
	return HE_OK;
}

/* Time t as wall-clock time (or a date) of the series with schedule sc. */
static struct civil in_series(const struct ics_time *t, const struct sched *sc)
{
	const struct tz *z = tz_get(sc->tzid);
	struct civil c = t->c;
	int64_t instant;

	if (t->date_only || t->floating || (t->zone && t->zone == z)) {
		instant = 0;
	} else {
		instant = t->zone ? tz_to_utc(t->zone, &c) : civil_to_seconds(&c);
		c = z ? tz_from_utc(z, instant, NULL) : civil_from_seconds(instant);
	}
	if (sc->all_day)
		c.hour = c.min = c.sec = 0;
	return c;
}

/* A DURATION hearth can add: forward, and shorter than the years it keeps
 * (libical reads up to four billion weeks). */
static bool duration_ok(struct icaldurationtype d)
{
	const int64_t max_days = (int64_t)(ICS_MAX_YEAR - ICS_MIN_YEAR) * 366;

	return !d.is_neg && !icaldurationtype_is_bad_duration(d) &&
	       (int64_t)d.weeks * 7 + d.days <= max_days &&
	       (int64_t)d.hours + d.minutes / 60 + d.seconds / 3600 <=
		       max_days * 24;
}

/* The end from DURATION: nominal days, then exact seconds. */
static struct civil add_duration(struct civil c, struct icaldurationtype d)
{
	int64_t days = (int64_t)d.weeks * 7 + d.days;
	int64_t secs = (int64_t)d.hours * 3600 + d.minutes * 60 + d.seconds;

	c = civil_add_days(c, days);
	return civil_from_seconds(civil_to_seconds(&c) + secs);
}

/*
 * The end DTEND or DURATION gives, in the series' time: false (reported)
 * when neither is there or usable. An end that is not after the start is
 * unusable: RFC 5545 wants DTEND later than DTSTART, and hearth an
 * occurrence that lasts.
 */
static bool read_end(struct ev_reader *r, struct civil *end)
{
	struct sched *sc = &r->ev->s.sched;
	icalcomponent *comp = r->c->comp;
	icalproperty *p;
	struct ics_time e;

	if ((p = icalcomponent_get_first_property(comp, ICAL_DTEND_PROPERTY))) {
		if (read_time(r, p, icalproperty_get_dtend(p), &e, false))
			return false;
		*end = in_series(&e, sc);
	} else if ((p = icalcomponent_get_first_property(
			    comp, ICAL_DURATION_PROPERTY))) {
		struct icaldurationtype d = icalproperty_get_duration(p);
		if (!duration_ok(d)) {
			time_unusable(r, p, false, _("not a length hearth can use"));
			return false;
		}
		*end = add_duration(sc->start, d);
	} else {
		return false;
	}
	if (!civil_valid(end) || end->year > ICS_MAX_YEAR) {
		time_unusable(r, p, false, _("ends after the years hearth keeps"));
		return false;
	}
	if (civil_cmp(end, &sc->start) > 0 ||
	    (!sc->all_day && civil_cmp(end, &sc->start) == 0))
		return true;
	time_unusable(r, p, false, _("not after the start"));
	return false;
}

/* DTSTART, DTEND or DURATION into the series' schedule. */
static int read_span(struct ev_reader *r, icalproperty *dtstart)
{
	struct ics_event *ev = r->ev;
	struct sched *sc = &ev->s.sched;
	struct ics_time t;

	if (read_time(r, dtstart, icalproperty_get_dtstart(dtstart), &t, true))
		return HE_USER;
	sc->all_day = t.date_only;
	snprintf(sc->tzid, sizeof sc->tzid, "%s",
		 t.zone ? tz_name(t.zone)
			: t.floating || t.date_only ? tz_name(r->o->zone) : "UTC");
	ev->x.floating = t.floating;
	sc->start = t.c;
	/* Without a usable end: a day when all-day, else a moment (below). */
	if (!read_end(r, &sc->end))
		sc->end = sc->all_day ? civil_add_days(sc->start, 1) : sc->start;
	/* An all-day event lasts whole days: a DURATION in hours (invalid
	 * with a date) ends on the day it reaches, and at least the next. */
	if (sc->all_day) {
		if (sc->end.hour || sc->end.min || sc->end.sec)
			sc->end = civil_add_days(sc->end, 1);
		sc->end.hour = sc->end.min = sc->end.sec = 0;
		if (civil_cmp(&sc->end, &sc->start) <= 0)
			sc->end = civil_add_days(sc->start, 1);
	}
	if (!sc->all_day && civil_cmp(&sc->end, &sc->start) == 0)
		sc->end = civil_from_seconds(civil_to_seconds(&sc->start) + 60);
	return HE_OK;
}

/*
 * An RDATE period (start/end or start/duration) is an occurrence of its
 * own length: carried as a change of that occurrence's end.
 */
static void rdate_period(struct ev_reader *r, icalproperty *p,
			 const struct icalperiodtype *period,
			 const struct ics_time *start)
{
	struct ics_event *ev = r->ev;
	const struct sched *sc = &ev->s.sched;
	struct override o = { .moved = true };
	size_t cap = ev->n_carried;
	struct ics_time end;

	o.rid = in_series(start, sc);
	o.start = o.rid;
	if (!icaltime_is_null_time(period->end)) {
		if (read_time(r, p, period->end, &end, false) != HE_OK)
			return;
		o.end = in_series(&end, sc);
	} else if (duration_ok(period->duration)) {
		o.end = add_duration(o.rid, period->duration);
	} else {
		return;
	}
	if (civil_cmp(&o.end, &o.start) <= 0 || o.end.year > ICS_MAX_YEAR)
		return;
	ev->carried = xgrow(ev->carried, &cap, ev->n_carried + 1,
			    sizeof *ev->carried);
	ev->carried[ev->n_carried++] = o;
}

/*
 * RRULE, RDATE and EXDATE. One that cannot be used is dropped with a note
 * and the event kept: an event whose rule is broken still happens at its
 * start (a holiday feed whose events each carry an empty RRULE).
 */
static void read_rules(struct ev_reader *r)
{
	icalcomponent *comp = r->c->comp;
	struct sched *sc = &r->ev->s.sched;
	icalproperty *p;
	struct herr err;

	p = icalcomponent_get_first_property(comp, ICAL_RRULE_PROPERTY);
	if (p) {
		struct icalrecurrencetype rule = icalproperty_get_rrule(p);
		const char *why = sched_rule_problem(&rule);
		char *text = icalrecurrencetype_as_string_r(&rule);
		int rc = why ? HE_USER
			     : sched_parse_rule(text ? text : "", &sc->rrule, &err);
		icalmemory_free_buffer(text);
		if (rc != HE_OK)
			/* TRANSLATORS: keep "note: " (notes are not problems). */
			ev_note(r, p, _("note: RRULE: %s; the rule is dropped and "
				"the event kept at its start"), why ? _(why) : err.msg);
		else if (icalcomponent_get_next_property(comp, ICAL_RRULE_PROPERTY))
			/* TRANSLATORS: keep "note: " (notes are not problems). */
			ev_note(r, p, _("note: only the first RRULE is used"));
	}
	if ((p = icalcomponent_get_first_property(comp, ICAL_EXRULE_PROPERTY)))
		/* TRANSLATORS: keep "note: " (notes are not problems). */
		ev_note(r, p, _("note: EXRULE (obsolete) is not supported; ignored"));
	for (p = icalcomponent_get_first_property(comp, ICAL_RDATE_PROPERTY); p;
	     p = icalcomponent_get_next_property(comp, ICAL_RDATE_PROPERTY)) {
		struct icaldatetimeperiodtype d = icalproperty_get_rdate(p);
		struct ics_time t;
		if (read_time(r, p, icaltime_is_null_time(d.time)
				    ? d.period.start : d.time, &t, false) != HE_OK)
			continue;
		civil_list_add(&sc->rdates, in_series(&t, sc));
		if (icaltime_is_null_time(d.time))
			rdate_period(r, p, &d.period, &t);
	}
	for (p = icalcomponent_get_first_property(comp, ICAL_EXDATE_PROPERTY); p;
	     p = icalcomponent_get_next_property(comp, ICAL_EXDATE_PROPERTY)) {
		struct ics_time t;
		if (read_time(r, p, icalproperty_get_exdate(p), &t, false) == HE_OK)
			civil_list_add(&sc->exdates, in_series(&t, sc));
	}
}

/* A UID for an event without one, the same each time the file is read. */
static char *made_up_uid(const struct ev_reader *r)
{
	const char *parts[] = { ev_text(r, ICAL_DTSTART_PROPERTY),
				ev_text(r, ICAL_SUMMARY_PROPERTY) };
	uint64_t h = 14695981039346656037u;

	for (size_t i = 0; i < 2; i++)
		for (const char *p = parts[i] ? parts[i] : ""; *p; p++)
			h = (h ^ (unsigned char)*p) * 1099511628211u;
	return xasprintf("hearth-import-%016llx", (unsigned long long)h);
}

/* UID and SEQUENCE, and which of the three kinds of event this is. */
static int read_identity(struct ev_reader *r)
{
	struct ics_event *ev = r->ev;
	icalproperty *series = ev_xprop(r, "X-HEARTH-SERIES");
	icalproperty *p = icalcomponent_get_first_property(r->c->comp,
							   ICAL_SEQUENCE_PROPERTY);
	const char *uid = ev_text(r, ICAL_UID_PROPERTY);
	int seq = p ? icalproperty_get_sequence(p) : 0;

	ev->revision = (seq < 0 ? 0 : seq > 1000000 ? 1000000 : seq) + 1;
	if (icalcomponent_get_first_property(r->c->comp,
					     ICAL_RECURRENCEID_PROPERTY))
		ev->kind = ICS_CHANGE;
	else if (series)
		ev->kind = ICS_EXTRA_DATE;
	if (series) {
		char *f[1];
		if (ics_xfield_split(icalproperty_get_x(series), f, 1) == 1)
			uid = NULL, ev->uid = f[0];
	}
	if (!ev->uid && uid && *uid)
		ev->uid = xstrdup(uid);
	if (!ev->uid && ev->kind == ICS_SERIES) {
		ev->uid = made_up_uid(r);
		/* TRANSLATORS: keep "note: " (notes are not problems). */
		ev_note(r, NULL, _("note: event without UID; given %s"), ev->uid);
	}
	if (!ev->uid || strlen(ev->uid) > UID_MAX) {
		ev_note(r, NULL, _("UID is missing or longer than %d bytes; event "
			"skipped"), UID_MAX);
		return HE_USER;
	}
	return HE_OK;
}

/* RECURRENCE-ID or X-HEARTH-RDATE, and the new times of the occurrence. */
static int read_change(struct ev_reader *r, icalproperty *dtstart)
{
	struct ics_event *ev = r->ev;
	icalcomponent *comp = r->c->comp;
	icalproperty *p;

	if (ev->kind == ICS_CHANGE) {
		p = icalcomponent_get_first_property(comp,
						     ICAL_RECURRENCEID_PROPERTY);
		if (icalproperty_get_first_parameter(p, ICAL_RANGE_PARAMETER))
			/* TRANSLATORS: keep "note: " (notes are not problems). */
			ev_note(r, p, _("note: RANGE=THISANDFUTURE is not supported; "
				"only this occurrence is changed"));
		if (read_time(r, p, icalproperty_get_recurrenceid(p), &ev->rid,
			      true))
			return HE_USER;
	} else {
		p = ev_xprop(r, "X-HEARTH-RDATE");
		ev->rid.c = civil_from_ical((struct icaltimetype[]){
			icaltime_from_string(p && icalproperty_get_x(p)
					     ? icalproperty_get_x(p) : "") });
		ev->rid.floating = true; /* written in the series' zone */
		ev->rid.date_only = p && strlen(icalproperty_get_x(p)) == 8;
		if (!p || !civil_valid(&ev->rid.c)) {
			ev_note(r, p, _("X-HEARTH-RDATE is missing or invalid; "
				"event skipped"));
			return HE_USER;
		}
	}
	/* Without a usable DTSTART the occurrence stays where it was. */
	if (!dtstart || read_time(r, dtstart, icalproperty_get_dtstart(dtstart),
				  &ev->start, false))
		ev->start = ev->rid;
	if ((p = icalcomponent_get_first_property(comp, ICAL_DTEND_PROPERTY))) {
		ev->has_end = read_time(r, p, icalproperty_get_dtend(p), &ev->end,
					false) == HE_OK;
	} else if ((p = icalcomponent_get_first_property(comp,
						 ICAL_DURATION_PROPERTY))) {
		struct icaldurationtype d = icalproperty_get_duration(p);
		if (!duration_ok(d)) {
			time_unusable(r, p, false, _("not a length hearth can use"));
		} else {
			ev->end = ev->start;
			ev->end.c = add_duration(ev->start.c, d);
			ev->has_end = true;
		}
	}
	ev_read_change_texts(r);
	return HE_OK;
}

int ics_event_read(const struct ics_comp *c, struct ics_zones *zones,
		   const struct ics_event_opts *o, struct ics_event *out,
		   ics_note_fn note, void *ctx)
{
	struct ev_reader r = { c, zones, o, note, ctx, out };
	icalproperty *dtstart = icalcomponent_get_first_property(
		c->comp, ICAL_DTSTART_PROPERTY);
	int rc;

	memset(out, 0, sizeof *out);
	series_init(&out->s);
	out->line = c->line;
	if ((rc = read_identity(&r)) != HE_OK)
		goto fail;
	if (!dtstart && out->kind != ICS_CHANGE) {
		ev_note(&r, NULL, _("event without DTSTART skipped"));
		rc = HE_USER;
		goto fail;
	}
	if (out->kind != ICS_SERIES) {
		rc = read_change(&r, dtstart);
	} else if ((rc = read_span(&r, dtstart)) == HE_OK) {
		read_rules(&r);
		rc = ev_read_texts(&r);
	}
	if (rc == HE_OK) {
		out->s.uid = xstrdup(out->uid);
		out->s.revision = out->revision;
		return HE_OK;
	}
fail:
	ics_event_free(out);
	return HE_USER;
}

void ics_event_free(struct ics_event *e)
{
	free(e->uid);
	free(e->location);
	series_free(&e->s);
	series_ical_free(&e->x);
	venue_list_free(e->venues, e->n_venues);
	org_list_free(e->orgs, e->n_orgs);
	for (size_t i = 0; i < e->n_carried; i++) {
		free(e->carried[i].venue);
		free(e->carried[i].note);
	}
	free(e->carried);
	free(e->venue);
	free(e->note);
	free(e->summary);
	free(e->description);
	free(e->x_title);
	free(e->x_description);
	memset(e, 0, sizeof *e);
}

void ics_event_add_date(struct ics_event *master, const struct ics_event *e)
{
	struct sched *sc = &master->s.sched;
	struct civil rid = in_series(&e->rid, sc);

	if (!civil_list_has(&sc->rdates, &rid))
		civil_list_add(&sc->rdates, rid);
}

/* The instant of time t; floating and date-only times read in zone. */
static int64_t instant_of(const struct ics_time *t, const struct tz *zone)
{
	const struct tz *z = t->zone ? t->zone
			   : t->floating || t->date_only ? zone : NULL;

	return z ? tz_to_utc(z, &t->c) : civil_to_seconds(&t->c);
}

void ics_event_orphan_master(const struct ics_event *change,
			     const struct ics_event_opts *o,
			     struct ics_event *out)
{
	const struct ics_time *rid = &change->rid;
	struct series *s = &out->s;
	struct sched *sc = &s->sched;
	const char *title = change->summary;

	memset(out, 0, sizeof *out);
	series_init(s);
	out->kind = ICS_SERIES;
	out->line = change->line;
	out->uid = xstrdup(change->uid);
	out->revision = change->revision;
	out->location = xstrdup0(change->location);
	sc->all_day = rid->date_only;
	snprintf(sc->tzid, sizeof sc->tzid, "%s",
		 rid->zone ? tz_name(rid->zone)
			   : rid->floating || rid->date_only ? tz_name(o->zone)
							     : "UTC");
	out->x.floating = rid->floating;
	sc->start = rid->c;
	if (sc->all_day) {
		int64_t days = change->has_end
			? civil_days(change->end.c.year, change->end.c.month,
				     change->end.c.day) -
			  civil_days(change->start.c.year, change->start.c.month,
				     change->start.c.day)
			: 1;
		sc->start.hour = sc->start.min = sc->start.sec = 0;
		sc->end = civil_add_days(sc->start, days > 0 ? days : 1);
	} else {
		int64_t len = change->has_end
			? instant_of(&change->end, o->zone) -
			  instant_of(&change->start, o->zone)
			: 0;
		sc->end = civil_from_seconds(civil_to_seconds(&sc->start) +
					     (len > 0 ? len : 60));
	}
	if (!title || !title[strspn(title, " \t\r\n")])
		title = "(no title)";
	s->title = xstrdup(title);
	s->kind = xstrdup(o->kind ? o->kind : "volunteer");
	s->venue = change->location ? ev_venue_name(change->location) : NULL;
	s->status = STATUS_CONFIRMED;
	s->created = s->updated = o->now;
	s->uid = xstrdup(out->uid);
	s->revision = out->revision;
}

unsigned ics_series_place(struct series *s, const struct civil *rid)
{
	struct sched *sc = &s->sched;
	unsigned did = ICS_PLACED;
	struct herr err;

	if (series_find_override(s, rid) || sched_has_instance(sc, rid))
		return ICS_PLACED;
	if (civil_list_remove(&sc->exdates, rid) > 0) {
		did |= ICS_PLACED_UNEXCLUDED;
		sched_prepare(sc, &err);
	}
	if (!sched_has_instance(sc, rid)) {
		civil_list_add(&sc->rdates, *rid);
		did |= ICS_PLACED_EXTRA;
		sched_prepare(sc, &err);
	}
	return did;
}

unsigned ics_event_place(struct ics_event *master, const struct ics_event *e)
{
	struct civil rid;

	if (e->kind != ICS_CHANGE)
		return ICS_PLACED;
	rid = in_series(&e->rid, &master->s.sched);
	return ics_series_place(&master->s, &rid);
}

/* Puts the fields of a change onto override o. */
static void fill_override(struct ics_event *master, const struct ics_event *e,
			  struct override *o)
{
	const struct sched *sc = &master->s.sched;
	struct civil start = in_series(&e->start, sc);
	struct civil end = e->has_end ? in_series(&e->end, sc)
		: civil_from_seconds(civil_to_seconds(&start) +
				     civil_to_seconds(&sc->end) -
				     civil_to_seconds(&sc->start));
	struct civil usual = civil_from_seconds(civil_to_seconds(&o->rid) +
						civil_to_seconds(&sc->end) -
						civil_to_seconds(&sc->start));

	o->moved = civil_cmp(&start, &o->rid) != 0 || civil_cmp(&end, &usual);
	if (o->moved) {
		o->start = start;
		o->end = end;
	}
	o->cancelled = e->is_cancelled;
	str_replace(&o->note, e->note);
	/* hearth writes the venue of a change in X-HEARTH-VENUE; other
	 * programs repeat LOCATION, which counts only when it differs. */
	if (e->venue)
		str_replace(&o->venue, e->venue);
	else if (!e->hearth && e->location &&
		 !str_eq0(e->location, master->location)) {
		free(o->venue);
		o->venue = ev_venue_name(e->location);
	}
	/* Likewise its own title and description: X-HEARTH-TITLE and
	 * -DESCRIPTION from hearth, else SUMMARY and DESCRIPTION where they
	 * are not the series'. */
	if (e->hearth) {
		str_replace(&o->title, e->x_title);
		str_replace(&o->description, e->x_description);
		return;
	}
	if (e->summary && e->summary[strspn(e->summary, " \t\r\n")] &&
	    !str_eq0(e->summary, master->s.title))
		str_replace(&o->title, e->summary);
	if (e->description && !str_eq0(e->description, master->s.description))
		str_replace(&o->description, e->description);
}

int ics_event_apply(struct ics_event *master, const struct ics_event *e,
		    struct herr *err)
{
	struct series *s = &master->s;
	struct override *o;
	struct civil rid;
	int rc;

	if (!e) {
		for (size_t i = 0; i < master->n_carried; i++) {
			const struct override *c = &master->carried[i];
			if (series_override(s, &c->rid, &o, NULL) != HE_OK)
				continue;
			o->cancelled = c->cancelled;
			o->moved = c->moved;
			o->start = c->start;
			o->end = c->end;
			str_replace(&o->venue, c->venue);
			str_replace(&o->note, c->note);
		}
		return HE_OK;
	}
	rid = in_series(&e->rid, &s->sched);
	if ((rc = series_override(s, &rid, &o, err)) != HE_OK)
		return rc;
	fill_override(master, e, o);
	/* An extra date as it is needs no override. */
	if (e->kind == ICS_EXTRA_DATE && override_is_empty(o))
		series_drop_override(s, &rid);
	return HE_OK;
}
