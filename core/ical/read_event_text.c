/* read_event_text.c - a VEVENT's texts, places, people and kept properties. */
#include "read_event.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../i18n.h"
#include "model.h"
#include "../when.h"

/* Longest venue name taken from a LOCATION. */
#define MAX_VENUE_NAME 200

/*
 * text when it fits in max bytes (hearth's limits, series.h); else a note
 * at property name naming the limit, and NULL: the text is dropped at
 * entry, as add and edit would refuse it.
 */
static const char *fits(struct ev_reader *r, const char *name,
			const char *text, size_t max)
{
	struct herr err;

	if (text_check_length(name, text, max, &err) == HE_OK)
		return text;
	/* TRANSLATORS: keep "note: " (notes are not problems); %s says how
	   long the text is and what hearth keeps. */
	ev_note(r, NULL, _("note: %s; dropped"), err.msg);
	return NULL;
}

void ev_keep_venue(struct ics_event *ev, struct venue *v)
{
	size_t cap = ev->n_venues;

	ev->venues = xgrow(ev->venues, &cap, ev->n_venues + 1,
			   sizeof *ev->venues);
	ev->venues[ev->n_venues++] = *v;
	memset(v, 0, sizeof *v);
}

static void keep_org(struct ics_event *ev, const char *name, const char *type,
		     const char *contact)
{
	size_t cap = ev->n_orgs;
	struct org *o;

	ev->orgs = xgrow(ev->orgs, &cap, ev->n_orgs + 1, sizeof *ev->orgs);
	o = &ev->orgs[ev->n_orgs++];
	memset(o, 0, sizeof *o);
	o->name = xstrdup(name);
	o->type = str_empty(type) ? NULL : xstrdup(type);
	o->contact = str_empty(contact) ? NULL : xstrdup(contact);
}

/* The fields of X- property p, or -1 (reported) when it is malformed. */
static int fields(struct ev_reader *r, icalproperty *p, char **f, int max)
{
	int n = ics_xfield_split(icalproperty_get_x(p), f, max);

	if (n < 0)
		/* TRANSLATORS: keep "note: " (notes are not problems). */
		ev_note(r, p, _("note: %s is malformed; ignored"),
			icalproperty_get_x_name(p));
	return n;
}

static void free_fields(char **f, int n)
{
	for (int i = 0; i < n; i++)
		free(f[i]);
}

/* X-HEARTH-VENUE: the venue's name and details; returns its name. */
static char *read_xvenue(struct ev_reader *r, icalproperty *p)
{
	char *f[XV_N] = { 0 };
	int n = fields(r, p, f, XV_N);
	struct venue v = { 0 };
	char *name;

	if (n < 1 || str_empty(f[XV_NAME])) {
		free_fields(f, n);
		return NULL;
	}
	name = xstrdup(f[XV_NAME]);
	v.name = f[XV_NAME];
	v.address = n > XV_ADDRESS && *f[XV_ADDRESS] ? f[XV_ADDRESS] : NULL;
	v.type = n > XV_TYPE && *f[XV_TYPE] ? f[XV_TYPE] : NULL;
	v.notes = n > XV_NOTES && *f[XV_NOTES] ? f[XV_NOTES] : NULL;
	for (int i = XV_ADDRESS; i < XV_SERVICES && i < n; i++)
		if (!*f[i]) {
			free(f[i]);
			f[i] = NULL;
		}
	if (n > XV_SERVICES) {
		for (char *s = f[XV_SERVICES], *nl; s && *s; s = nl ? nl + 1 : NULL) {
			nl = strchr(s, '\n');
			if (nl)
				*nl = '\0';
			if (*s)
				strv_add(&v.services, s);
		}
		free(f[XV_SERVICES]);
	}
	if (n > XV_GEO) {
		char end;
		v.has_geo = sscanf(f[XV_GEO], "%lf,%lf%c", &v.lat, &v.lon,
				   &end) == 2 && v.lat >= -90 && v.lat <= 90 &&
			    v.lon >= -180 && v.lon <= 180;
		free(f[XV_GEO]);
	}
	ev_keep_venue(r->ev, &v);
	return name;
}

/* A venue name from LOCATION: its first line, at most 200 bytes. */
char *ev_venue_name(const char *loc)
{
	size_t n = strcspn(loc, "\r\n");

	while (n && (loc[n - 1] == ' ' || loc[n - 1] == '\t'))
		n--;
	while (n && (*loc == ' ' || *loc == '\t'))
		loc++, n--;
	if (n > MAX_VENUE_NAME) {
		n = MAX_VENUE_NAME;
		while (n && ((unsigned char)loc[n] & 0xC0) == 0x80)
			n--;
	}
	return n ? xstrndup(loc, n) : NULL;
}

static void read_place(struct ev_reader *r)
{
	struct ics_event *ev = r->ev;
	icalproperty *p = ev_xprop(r, "X-HEARTH-VENUE");
	const char *loc = ev_text(r, ICAL_LOCATION_PROPERTY);
	icalproperty *geo = icalcomponent_get_first_property(r->c->comp,
							     ICAL_GEO_PROPERTY);

	ev->location = xstrdup0(loc);
	if (p)
		ev->s.venue = read_xvenue(r, p);
	else if (loc)
		ev->s.venue = ev_venue_name(loc);
	if (ev->s.venue && geo) {
		struct icalgeotype g = icalproperty_get_geo(geo);
		struct venue v = { .name = xstrdup(ev->s.venue), .has_geo = true };
		v.lat = g.lat;
		v.lon = g.lon;
		if (!(v.lat >= -90 && v.lat <= 90 && v.lon >= -180 && v.lon <= 180)) {
			/* TRANSLATORS: keep "note: " (notes are not problems). */
			ev_note(r, geo, _("note: GEO out of range; ignored"));
			venue_free(&v);
			return;
		}
		if (ev->n_venues) {
			ev->venues[0].has_geo = true;
			ev->venues[0].lat = v.lat;
			ev->venues[0].lon = v.lon;
			venue_free(&v);
		} else {
			ev_keep_venue(ev, &v);
		}
	}
}

/* X-HEARTH-PLACE: details of the venues of segments (after the event's own,
 * which stays venues[0]). */
static void read_places(struct ev_reader *r)
{
	icalcomponent *c = r->c->comp;

	for (icalproperty *p = icalcomponent_get_first_property(
		     c, ICAL_X_PROPERTY); p;
	     p = icalcomponent_get_next_property(c, ICAL_X_PROPERTY))
		if (!strcmp(icalproperty_get_x_name(p), "X-HEARTH-PLACE"))
			free(read_xvenue(r, p));
}

/* X-HEARTH-PARTNER: details of an organisation only segments name. */
static void read_partners(struct ev_reader *r)
{
	icalcomponent *c = r->c->comp;

	for (icalproperty *p = icalcomponent_get_first_property(
		     c, ICAL_X_PROPERTY); p;
	     p = icalcomponent_get_next_property(c, ICAL_X_PROPERTY)) {
		char *f[XP_N] = { 0 };
		int n;
		if (strcmp(icalproperty_get_x_name(p), "X-HEARTH-PARTNER") ||
		    (n = fields(r, p, f, XP_N)) < 0)
			continue;
		if (!str_empty(f[XP_NAME]))
			keep_org(r->ev, f[XP_NAME], n > XP_TYPE ? f[XP_TYPE] : NULL,
				 n > XP_CONTACT ? f[XP_CONTACT] : NULL);
		free_fields(f, n);
	}
}

/* X-HEARTH-ORG, else ORGANIZER as the host. */
static void read_people(struct ev_reader *r)
{
	struct ics_event *ev = r->ev;
	icalproperty *p;
	bool any = false;

	for (p = icalcomponent_get_first_property(r->c->comp, ICAL_X_PROPERTY); p;
	     p = icalcomponent_get_next_property(r->c->comp, ICAL_X_PROPERTY)) {
		char *f[XO_N] = { 0 };
		enum role role = ROLE_PARTNER;
		int n;
		if (strcmp(icalproperty_get_x_name(p), "X-HEARTH-ORG") ||
		    (n = fields(r, p, f, XO_N)) < 0)
			continue;
		if (n >= 2 && *f[XO_NAME]) {
			role_parse(f[XO_ROLE], &role);
			series_add_org(&ev->s, f[XO_NAME], role);
			keep_org(ev, f[XO_NAME], n > XO_TYPE ? f[XO_TYPE] : NULL,
				 n > XO_CONTACT ? f[XO_CONTACT] : NULL);
			any = true;
		}
		free_fields(f, n);
	}
	p = icalcomponent_get_first_property(r->c->comp, ICAL_ORGANIZER_PROPERTY);
	if (!any && p) {
		icalparameter *cn = icalproperty_get_first_parameter(
			p, ICAL_CN_PARAMETER);
		const char *addr = icalproperty_get_organizer(p);
		char *contact = ics_contact_from_address(addr);
		const char *name = cn ? icalparameter_get_cn(cn) : contact;
		if (!str_empty(name) && fits(r, "ORGANIZER", name, TEXT_MAX_NAME)) {
			series_add_org(&ev->s, name, ROLE_HOST);
			keep_org(ev, name, NULL,
				 fits(r, "ORGANIZER", contact, TEXT_MAX_NOTE));
		}
		free(contact);
	}
}

/* True when text names kind k (whose label shown is shown) by its key or a
 * label. */
static bool names_kind(const struct kind *k, const char *shown,
		       const char *text)
{
	if (!strcasecmp(text, k->key) || !strcmp(text, k->label) ||
	    !strcmp(text, shown ? shown : kind_label(k)))
		return true;
	for (size_t i = 0; i < k->labels.n; i++) {
		const char *eq = strchr(k->labels.v[i], '=');
		if (eq && !strcmp(eq + 1, text))
			return true;
	}
	return false;
}

/* The kind and audience, from X-HEARTH-* or CATEGORIES. */
static void read_kind(struct ev_reader *r)
{
	struct series *s = &r->ev->s;
	const struct config *cfg = r->o->cfg;
	icalproperty *kp = ev_xprop(r, "X-HEARTH-KIND");
	icalproperty *ap = ev_xprop(r, "X-HEARTH-AUDIENCE");
	char *f[64];
	int n;

	if (kp && (n = fields(r, kp, f, 1)) == 1) {
		if (config_kind(cfg, f[0]))
			s->kind = xstrdup(f[0]);
		else
			/* TRANSLATORS: keep "note: " (notes are not problems). */
			ev_note(r, kp, _("note: unknown kind '%s'"), f[0]);
		free_fields(f, n);
	}
	if (!s->kind && r->o->kind)
		s->kind = xstrdup(r->o->kind);
	for (icalproperty *p = icalcomponent_get_first_property(
		     r->c->comp, ICAL_CATEGORIES_PROPERTY); p;
	     p = icalcomponent_get_next_property(r->c->comp,
						 ICAL_CATEGORIES_PROPERTY)) {
		const char *c = icalproperty_get_categories(p);
		bool kind = false;
		for (size_t i = 0; c && *c && i < cfg->n_kinds && !kind; i++)
			if (names_kind(&cfg->kinds[i], r->o->kind_labels
				       ? r->o->kind_labels[i] : NULL, c)) {
				kind = true;
				if (!s->kind)
					s->kind = xstrdup(cfg->kinds[i].key);
			}
		if (c && *c && !kind && !ap && !strv_has(&s->audience, c) &&
		    s->audience.n < TEXT_MAX_ITEMS &&
		    fits(r, "CATEGORIES", c, TEXT_MAX_NAME))
			strv_add(&s->audience, c);
	}
	if (ap && (n = fields(r, ap, f, 64)) >= 0) {
		for (int i = 0; i < n; i++)
			if (*f[i] && s->audience.n < TEXT_MAX_ITEMS &&
			    fits(r, "X-HEARTH-AUDIENCE", f[i], TEXT_MAX_NAME))
				strv_add(&s->audience, f[i]);
		free_fields(f, n);
	}
	if (!s->kind)
		s->kind = xstrdup("volunteer");
}

/* One X-HEARTH-SEGMENT's n fields as a segment of the event. */
static void add_segment(struct ev_reader *r, char **f, int n)
{
	struct segment g = { 0 };
	struct herr err;

	g.timed = *f[XS_FROM] != '\0';
	if (g.timed && (when_parse_hhmm(f[XS_FROM], &g.from_min, &err) ||
			when_parse_hhmm(f[XS_TO], &g.to_min, &err)))
		g.timed = false;
	if (*f[XS_PARTNER])
		strv_add(&g.partners, f[XS_PARTNER]);
	for (int i = XS_MORE; i < n; i++)
		if (*f[i])
			strv_add(&g.partners, f[i]);
	g.title = f[XS_TITLE];
	g.note = *f[XS_NOTE] ? f[XS_NOTE] : NULL;
	g.venue = n > XS_VENUE && *f[XS_VENUE] ? f[XS_VENUE] : NULL;
	series_add_segment(&r->ev->s, &g);
	strv_free(&g.partners);
}

/* X-HEARTH-SEGMENT, in order. */
static void read_segments(struct ev_reader *r)
{
	icalproperty *p;

	for (p = icalcomponent_get_first_property(r->c->comp, ICAL_X_PROPERTY); p;
	     p = icalcomponent_get_next_property(r->c->comp, ICAL_X_PROPERTY)) {
		char *f[XS_MAX] = { 0 };
		int n;
		if (strcmp(icalproperty_get_x_name(p), "X-HEARTH-SEGMENT") ||
		    (n = fields(r, p, f, XS_MAX)) < 0)
			continue;
		if (n >= XS_N && *f[XS_TITLE])
			add_segment(r, f, n);
		else
			/* TRANSLATORS: keep "note: " (notes are not problems). */
			ev_note(r, p, _("note: X-HEARTH-SEGMENT is malformed; ignored"));
		free_fields(f, n);
	}
}

/* A compact iCalendar time of a hearth field ("" is no time). */
static bool field_time(const char *text, struct civil *c)
{
	struct icaltimetype t;

	if (!text || !*text)
		return false;
	t = icaltime_from_string(text);
	if (icaltime_is_null_time(t))
		return false;
	c->year = t.year, c->month = t.month, c->day = t.day;
	c->hour = t.is_date ? 0 : t.hour;
	c->min = t.is_date ? 0 : t.minute;
	c->sec = t.is_date ? 0 : t.second;
	return civil_valid(c);
}

/* X-HEARTH-CANCELLED: cancelled occurrences, applied once prepared. */
static void read_cancelled(struct ev_reader *r)
{
	struct ics_event *ev = r->ev;
	icalproperty *p;
	size_t cap = 0;

	for (p = icalcomponent_get_first_property(r->c->comp, ICAL_X_PROPERTY); p;
	     p = icalcomponent_get_next_property(r->c->comp, ICAL_X_PROPERTY)) {
		char *f[XC_N + 1] = { 0 };
		struct override o = { .cancelled = true };
		int n;
		if (strcmp(icalproperty_get_x_name(p), "X-HEARTH-CANCELLED") ||
		    (n = fields(r, p, f, XC_N + 1)) < 0)
			continue;
		if (n >= 1 && field_time(f[XC_RID], &o.rid)) {
			o.moved = n > XC_END && field_time(f[XC_START], &o.start) &&
				  field_time(f[XC_END], &o.end);
			o.venue = n > XC_VENUE && *f[XC_VENUE] ? xstrdup(f[XC_VENUE])
							       : NULL;
			o.note = n > XC_NOTE && *f[XC_NOTE] ? xstrdup(f[XC_NOTE])
							    : NULL;
			/* Written as an EXDATE for other programs. */
			civil_list_remove(&ev->s.sched.exdates, &o.rid);
			if (n > XC_N && !strcmp(f[XC_N], "rdate") &&
			    !civil_list_has(&ev->s.sched.rdates, &o.rid))
				civil_list_add(&ev->s.sched.rdates, o.rid);
			ev->carried = xgrow(ev->carried, &cap,
					      ev->n_carried + 1,
					      sizeof *ev->carried);
			ev->carried[ev->n_carried++] = o;
		}
		free_fields(f, n);
	}
}

/* An instant from a UTC property, 0 when absent or unusable. */
static int64_t utc_of(struct ev_reader *r, icalproperty_kind kind)
{
	icalproperty *p = icalcomponent_get_first_property(r->c->comp, kind);
	struct icaltimetype t;

	if (!p)
		return 0;
	t = icalvalue_get_datetime(icalproperty_get_value(p));
	if (icaltime_is_null_time(t) || t.year < ICS_MIN_YEAR ||
	    t.year > ICS_MAX_YEAR)
		return 0;
	t.zone = NULL; /* these are UTC by definition */
	return (int64_t)icaltime_as_timet(t);
}

/* Properties hearth reads, or drops, rather than keeping as text. */
static bool handled(icalproperty *p)
{
	static const icalproperty_kind kinds[] = {
		ICAL_UID_PROPERTY, ICAL_DTSTAMP_PROPERTY, ICAL_DTSTART_PROPERTY,
		ICAL_DTEND_PROPERTY, ICAL_DURATION_PROPERTY, ICAL_RRULE_PROPERTY,
		ICAL_RDATE_PROPERTY, ICAL_EXDATE_PROPERTY, ICAL_EXRULE_PROPERTY,
		ICAL_RECURRENCEID_PROPERTY, ICAL_SUMMARY_PROPERTY,
		ICAL_DESCRIPTION_PROPERTY, ICAL_LOCATION_PROPERTY,
		ICAL_GEO_PROPERTY, ICAL_ORGANIZER_PROPERTY,
		ICAL_CATEGORIES_PROPERTY, ICAL_STATUS_PROPERTY,
		ICAL_CREATED_PROPERTY, ICAL_LASTMODIFIED_PROPERTY,
		ICAL_SEQUENCE_PROPERTY, ICAL_CONTACT_PROPERTY,
		/* Never published, and unsafe to parse (CVE-2016-9584). */
		ICAL_ATTENDEE_PROPERTY, ICAL_REQUESTSTATUS_PROPERTY,
		ICAL_XLICERROR_PROPERTY,
	};
	icalproperty_kind k = icalproperty_isa(p);

	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
		if (k == kinds[i])
			return true;
	if (k == ICAL_X_PROPERTY) {
		const char *name = icalproperty_get_x_name(p);
		return !strncasecmp(name, "X-HEARTH-", 9) ||
		       !strncasecmp(name, "X-LIC-", 6);
	}
	return false;
}

/*
 * Appends text (a property or VALARM as libical writes it back) to b when
 * it is fit for a file for phones; else it is dropped with a note, so that
 * what comes from elsewhere never carries control or bidi characters into
 * hearth's exports (they are written back as they are).
 */
static void keep_text(struct ev_reader *r, struct sbuf *b, const char *text,
		      const icalproperty *p, const char *what)
{
	if (!text)
		return;
	if (ics_extra_is_clean(text)) {
		sbuf_add(b, text);
		return;
	}
	/* TRANSLATORS: keep "note: " (notes are not problems); %s is a
	   property name or VALARM. */
	ev_note(r, p, _("note: %s holds control or bidi characters; dropped"),
		what);
}

static bool has_xprop(icalcomponent *c, const char *name)
{
	for (icalproperty *p = icalcomponent_get_first_property(c,
							ICAL_X_PROPERTY);
	     p; p = icalcomponent_get_next_property(c, ICAL_X_PROPERTY))
		if (!strcasecmp(icalproperty_get_x_name(p), name))
			return true;
	return false;
}

/* X-HEARTH-ALARMS: the event's own reminders; a damaged one is noted. */
static void read_alarms(struct ev_reader *r)
{
	icalproperty *p = ev_xprop(r, "X-HEARTH-ALARMS");
	const char *v = p ? icalproperty_get_x(p) : NULL;

	if (!p)
		return;
	if (!alarms_from_text(v && strcmp(v, "none") ? v : "",
			      &r->ev->s.alarms)) {
		memset(&r->ev->s.alarms, 0, sizeof r->ev->s.alarms);
		/* TRANSLATORS: keep "note: " (notes are not problems). */
		ev_note(r, p, _("note: X-HEARTH-ALARMS is not a list of "
			"reminders; the kind's are used"));
	}
}

/* Properties and VALARMs hearth does not use, as text for export. */
static void keep_extra(struct ev_reader *r)
{
	struct sbuf b = { 0 };
	icalproperty *p;
	icalcomponent *a;

	for (p = icalcomponent_get_first_property(r->c->comp, ICAL_ANY_PROPERTY);
	     p; p = icalcomponent_get_next_property(r->c->comp, ICAL_ANY_PROPERTY)) {
		char *text;
		if (handled(p))
			continue;
		text = icalproperty_as_ical_string_r(p);
		keep_text(r, &b, text, p, icalproperty_get_property_name(p));
		free(text);
	}
	for (a = icalcomponent_get_first_component(r->c->comp,
						   ICAL_VALARM_COMPONENT); a;
	     a = icalcomponent_get_next_component(r->c->comp,
						  ICAL_VALARM_COMPONENT)) {
		char *text;
		/* hearth's own reminders come back from X-HEARTH-ALARMS or
		   the kind, not as something imported. */
		if (has_xprop(a, "X-HEARTH-ALARM"))
			continue;
		text = icalcomponent_as_ical_string_r(a);
		keep_text(r, &b, text, NULL, "VALARM");
		free(text);
	}
	r->ev->x.extra = b.len ? sbuf_take(&b) : NULL;
	sbuf_free(&b);
}

/* The one field of X- property name, or NULL. */
static char *x_text(struct ev_reader *r, const char *name)
{
	icalproperty *p = ev_xprop(r, name);
	char *f[1];

	if (!p || fields(r, p, f, 1) != 1)
		return NULL;
	return f[0];
}

int ev_read_texts(struct ev_reader *r)
{
	struct ics_event *ev = r->ev;
	struct series *s = &ev->s;
	const char *summary = ev_text(r, ICAL_SUMMARY_PROPERTY);
	const char *desc = ev_text(r, ICAL_DESCRIPTION_PROPERTY);
	const char *status = ev_text(r, ICAL_STATUS_PROPERTY);
	const char *contact = ev_text(r, ICAL_CONTACT_PROPERTY);
	icalproperty *cap = ev_xprop(r, "X-HEARTH-CAPACITY");
	int64_t stamp = utc_of(r, ICAL_DTSTAMP_PROPERTY);

	ev->hearth = ev_xprop(r, "X-HEARTH-KIND") != NULL;
	/* hearth's exact texts, where its standard properties could not
	 * carry them (X-HEARTH-TITLE and the like, write_vevent.h). */
	if (ev->hearth) {
		s->title = x_text(r, "X-HEARTH-TITLE");
		s->description = x_text(r, "X-HEARTH-DESCRIPTION");
		s->contact = x_text(r, "X-HEARTH-CONTACT");
	}
	summary = fits(r, "SUMMARY", summary, TEXT_MAX_NAME);
	desc = fits(r, "DESCRIPTION", desc, TEXT_MAX_DESCRIPTION);
	contact = fits(r, "CONTACT", contact, TEXT_MAX_NOTE);
	if (!s->title && (!summary || !summary[strspn(summary, " \t\r\n")])) {
		/* TRANSLATORS: keep "note: " (notes are not problems). */
		ev_note(r, NULL, _("note: event without SUMMARY; titled "
			"\"(no title)\""));
		summary = "(no title)";
	}
	if (!s->title)
		s->title = xstrdup(summary);
	read_segments(r);
	if (!s->description)
		s->description = ev->hearth ? ics_description_strip(desc, s)
					    : xstrdup0(desc);
	read_place(r);
	read_places(r);
	read_people(r);
	read_partners(r);
	read_kind(r);
	read_cancelled(r);
	read_alarms(r);
	if (!s->contact)
		s->contact = xstrdup0(contact);
	if (!status || !status_parse(status, &s->status))
		s->status = STATUS_CONFIRMED;
	if (cap && icalproperty_get_x(cap))
		s->capacity = atoi(icalproperty_get_x(cap));
	if (s->capacity < 0)
		s->capacity = 0;
	s->created = utc_of(r, ICAL_CREATED_PROPERTY);
	s->updated = utc_of(r, ICAL_LASTMODIFIED_PROPERTY);
	if (!s->created)
		s->created = stamp ? stamp : r->o->now;
	if (!s->updated)
		s->updated = stamp ? stamp : s->created;
	keep_extra(r);
	return HE_OK;
}

void ev_read_change_texts(struct ev_reader *r)
{
	struct ics_event *ev = r->ev;
	icalproperty *venue = ev_xprop(r, "X-HEARTH-VENUE");
	icalproperty *note = ev_xprop(r, "X-HEARTH-NOTE");
	const char *status = ev_text(r, ICAL_STATUS_PROPERTY);
	char *f[1];

	ev->hearth = ev_xprop(r, "X-HEARTH-KIND") != NULL;
	ev->location = xstrdup0(ev_text(r, ICAL_LOCATION_PROPERTY));
	ev->summary = xstrdup0(fits(r, "SUMMARY", ev_text(r,
			ICAL_SUMMARY_PROPERTY), TEXT_MAX_NAME));
	ev->description = xstrdup0(fits(r, "DESCRIPTION", ev_text(r,
			ICAL_DESCRIPTION_PROPERTY), TEXT_MAX_DESCRIPTION));
	ev->x_title = x_text(r, "X-HEARTH-TITLE");
	ev->x_description = x_text(r, "X-HEARTH-DESCRIPTION");
	if (venue)
		ev->venue = read_xvenue(r, venue);
	if (note && fields(r, note, f, 1) == 1)
		ev->note = *f[0] ? f[0] : (free(f[0]), NULL);
	ev->is_cancelled = status && !strcasecmp(status, "CANCELLED");
}
