/* export.c - the calendar, its zones, and each series as VEVENTs. */
#include "ical.h"

#include <libical/ical.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "../civil_ical.h"
#include "export.h"
#include "model.h"
#include "write_vevent.h"
#include "write_lines.h"
#include "write_vtimezone.h"

int ics_flush(struct ics_exporter *ex)
{
	/* Without a file the object is being built in buf (ics_writer). */
	if (!ex->out)
		return HE_OK;
	if (ex->buf.len && fwrite(ex->buf.s, 1, ex->buf.len, ex->out) !=
				   ex->buf.len)
		return herr_set(ex->err, HE_INTERNAL, _("cannot write: %s"),
				strerror(errno));
	ex->buf.len = 0;
	if (ex->buf.s)
		ex->buf.s[0] = '\0';
	return HE_OK;
}

/* "hearth", or with the filters: "hearth – Reading session – 图书馆". */
static char *calendar_name(const struct ics_export_opts *o)
{
	struct sbuf b = { 0 };

	if (o->name)
		return xstrdup(o->name);
	sbuf_add(&b, "hearth");
	if (!str_empty(o->q.kind))
		sbuf_addf(&b, " – %s", o->cfg ? config_kind_label(o->cfg, o->q.kind)
					      : o->q.kind);
	if (!str_empty(o->q.venue))
		sbuf_addf(&b, " – %s", o->q.venue);
	if (!str_empty(o->q.org))
		sbuf_addf(&b, " – %s", o->q.org);
	return sbuf_take(&b);
}

static int year_of(int64_t t)
{
	return civil_from_seconds(t).year;
}

/* One VTIMEZONE per zone used, covering the years its series reach. */
static int write_zones(struct ics_exporter *ex, struct store *st)
{
	struct zone_span *z;
	size_t n;
	int rc = store_series_zones(st, &ex->o->q, &z, &n, ex->err);

	if (rc != HE_OK)
		return rc;
	for (size_t i = 0; i < n; i++) {
		const struct tz *zone = tz_get(z[i].tzid);
		int last = year_of(z[i].last);
		/* A series that never ends reaches at least next year. */
		if (z[i].forever && last < year_of(ex->o->now) + 1)
			last = year_of(ex->o->now) + 1;
		if (zone)
			vtimezone_write(&ex->buf, zone, year_of(z[i].first), last);
	}
	free(z);
	return ics_flush(ex);
}

static int write_header(struct ics_exporter *ex)
{
	char *name = calendar_name(ex->o);
	struct ics_line l;

	ics_begin_comp(&ex->buf, "VCALENDAR");
	ics_prop_raw(&ex->buf, "VERSION", "2.0");
	ics_prop_text(&ex->buf, "PRODID", ICS_PRODID);
	ics_prop_raw(&ex->buf, "CALSCALE", "GREGORIAN");
	ics_prop_raw(&ex->buf, "METHOD", "PUBLISH");
	ics_prop_text(&ex->buf, "X-WR-CALNAME", name);
	ics_prop_text(&ex->buf, "NAME", name);
	if (ex->o->zone)
		ics_prop_text(&ex->buf, "X-WR-TIMEZONE", ex->o->zone);
	ics_begin(&l, &ex->buf, "REFRESH-INTERVAL");
	ics_param(&l, "VALUE", "DURATION");
	ics_raw(&l, "P1D");
	ics_prop_raw(&ex->buf, "X-PUBLISHED-TTL", "P1D");
	free(name);
	return ics_flush(ex);
}

/*
 * The RRULE to write. RFC 5545 wants UNTIL in UTC when DTSTART has a zone
 * and a date when DTSTART is a date, whatever the rule was typed with.
 */
static char *rule_text(const struct series *s, const struct ics_zone_mode *m)
{
	struct civil until;

	if (!s->sched.rrule)
		return NULL;
	if ((m->tzid || m->utc) && sched_rule_until(&s->sched, &until)) {
		char *r = sched_rule_with_end(&s->sched, s->sched.rrule, &until, 0);
		if (r)
			return r;
	}
	return xstrdup(s->sched.rrule);
}

/* The EXDATEs: exception dates, and the cancelled occurrences when they
 * are left out rather than shown cancelled. */
static void exdates(struct sbuf *out, const struct series *s,
		    const struct ics_zone_mode *m, bool rdate, bool leave_out)
{
	struct civil_list l = { 0 };

	for (size_t i = 0; i < s->sched.exdates.n; i++)
		civil_list_add(&l, s->sched.exdates.v[i]);
	for (size_t i = 0; i < s->n_overrides; i++) {
		const struct override *o = &s->overrides[i];
		/* An extra date of its own is left out instead. */
		if (o->cancelled && leave_out &&
		    (rdate || !civil_list_has(&s->sched.rdates, &o->rid)))
			civil_list_add(&l, o->rid);
	}
	/* A hundred to a line: thousands of them in one line would outgrow
	 * what an import reads (ICS_MAX_LINE). */
	for (size_t i = 0; i < l.n; i += 100)
		ics_time_prop(out, "EXDATE", m, l.v + i,
			      l.n - i < 100 ? l.n - i : 100);
	civil_list_free(&l);
}

static void format_rid(const struct series *s, const struct civil *c,
		       char buf[CIVIL_BUFSZ])
{
	ics_format_time(c, s->sched.all_day, false, buf);
}

/* X-HEARTH-CANCELLED for each cancelled occurrence. */
static void cancelled(struct sbuf *out, const struct series *s)
{
	for (size_t i = 0; i < s->n_overrides; i++) {
		const struct override *o = &s->overrides[i];
		struct sbuf b = { 0 };
		char rid[CIVIL_BUFSZ], a[CIVIL_BUFSZ] = "", z[CIVIL_BUFSZ] = "";
		if (!o->cancelled)
			continue;
		format_rid(s, &o->rid, rid);
		if (o->moved) {
			format_rid(s, &o->start, a);
			format_rid(s, &o->end, z);
		}
		ics_xfield_add(&b, rid, true);
		ics_xfield_add(&b, a, false);
		ics_xfield_add(&b, z, false);
		ics_xfield_add(&b, o->venue, false);
		ics_xfield_add(&b, o->note, false);
		ics_xfield_add(&b, civil_list_has(&s->sched.rdates, &o->rid)
				   ? "rdate" : "", false);
		ics_prop_raw(out, "X-HEARTH-CANCELLED", sbuf_str(&b));
		sbuf_free(&b);
	}
}

/* Whether organisation name is one of s's own or came before segment i's
 * partner k (so that its details are written once). */
static bool org_told(const struct series *s, const char *name, size_t i,
		     size_t k)
{
	for (size_t j = 0; j < s->n_orgs; j++)
		if (!strcmp(s->orgs[j].name, name))
			return true;
	for (size_t j = 0; j <= i; j++) {
		const struct strv *p = &s->segments[j].partners;
		for (size_t m = 0; m < (j < i ? p->n : k); m++)
			if (!strcmp(p->v[m], name))
				return true;
	}
	return false;
}

/* X-HEARTH-PARTNER with the details of the organisations only segments
 * name: a segment names its partners only. */
static void segment_partners(struct sbuf *out, const struct series *s,
			     const struct ics_places *p)
{
	struct sbuf b = { 0 };

	for (size_t i = 0; i < s->n_segments; i++) {
		const struct strv *pa = &s->segments[i].partners;
		for (size_t k = 0; k < pa->n; k++) {
			const struct org *o = ics_places_org(p, pa->v[k]);
			if (org_told(s, pa->v[k], i, k))
				continue;
			b.len = 0;
			ics_xfield_add(&b, pa->v[k], true);
			ics_xfield_add(&b, o ? o->type : NULL, false);
			ics_xfield_add(&b, o ? o->contact : NULL, false);
			ics_prop_raw(out, "X-HEARTH-PARTNER", sbuf_str(&b));
		}
	}
	sbuf_free(&b);
}

/* X-HEARTH-* properties for what the standard ones do not carry. */
static void hearth_props(struct sbuf *out, const struct series *s,
			 const struct ics_places *p)
{
	struct sbuf b = { 0 };

	ics_xprop(out, "X-HEARTH-KIND", s->kind);
	if (s->venue)
		ics_xvenue(out, p, s->venue);
	ics_xplaces(out, p, s);
	for (size_t i = 0; i < s->n_orgs; i++) {
		const struct org *o = ics_places_org(p, s->orgs[i].name);
		b.len = 0;
		ics_xfield_add(&b, role_name(s->orgs[i].role), true);
		ics_xfield_add(&b, s->orgs[i].name, false);
		ics_xfield_add(&b, o ? o->type : NULL, false);
		ics_xfield_add(&b, o ? o->contact : NULL, false);
		ics_prop_raw(out, "X-HEARTH-ORG", sbuf_str(&b));
	}
	segment_partners(out, s, p);
	if (s->audience.n) {
		b.len = 0;
		for (size_t i = 0; i < s->audience.n; i++)
			ics_xfield_add(&b, s->audience.v[i], i == 0);
		ics_prop_raw(out, "X-HEARTH-AUDIENCE", sbuf_str(&b));
	}
	if (s->capacity > 0) {
		char n[16];
		snprintf(n, sizeof n, "%d", s->capacity);
		ics_prop_raw(out, "X-HEARTH-CAPACITY", n);
	}
	if (s->alarms.set) {
		char *a = alarms_to_text(&s->alarms);
		/* An empty value would be read as no property at all. */
		ics_prop_raw(out, "X-HEARTH-ALARMS", *a ? a : "none");
		free(a);
	}
	for (size_t i = 0; i < s->n_segments; i++) {
		const struct segment *g = &s->segments[i];
		char from[8] = "", to[8] = "";
		if (g->timed) {
			snprintf(from, sizeof from, "%02d:%02d", g->from_min / 60 % 100,
				 g->from_min % 60);
			snprintf(to, sizeof to, "%02d:%02d", g->to_min / 60 % 100,
				 g->to_min % 60);
		}
		b.len = 0;
		ics_xfield_add(&b, from, true);
		ics_xfield_add(&b, to, false);
		ics_xfield_add(&b, g->partners.n ? g->partners.v[0] : NULL, false);
		ics_xfield_add(&b, g->title, false);
		ics_xfield_add(&b, g->note, false);
		if (g->venue || g->partners.n > 1)
			ics_xfield_add(&b, g->venue, false);
		for (size_t k = 1; k < g->partners.n; k++)
			ics_xfield_add(&b, g->partners.v[k], false);
		ics_prop_raw(out, "X-HEARTH-SEGMENT", sbuf_str(&b));
	}
	sbuf_free(&b);
	cancelled(out, s);
}

/*
 * The first occurrence of the rule. RFC 5545 leaves the occurrences
 * undefined when DTSTART is not one of its rule's (a Monday start for
 * BYDAY=FR): libical, and so hearth, skips such a DTSTART, python's
 * recurring-ical-events keeps it and calcurse rejects the event. Writing
 * the first occurrence as DTSTART gives every client hearth's occurrences.
 */
/* True when rule surely has DTSTART start as an occurrence: no BY part,
 * weekly by weekdays with start's among them, monthly on start's day (most
 * rules; libical's iterator, which goes through ICU, is slow to set up). */
static bool plainly_synced(const char *rule, const struct civil *start)
{
	static const char *const days[] = { "MO", "TU", "WE", "TH", "FR", "SA",
					     "SU" };
	const char *by = strstr(rule, "BY");
	const char *list;
	size_t n;

	if (!by)
		return true;
	if (!strncmp(rule, "FREQ=MONTHLY", 12) && !strncmp(by, "BYMONTHDAY=", 11) &&
	    !strstr(by + 11, "BY"))
		return atoi(by + 11) == start->day &&
		       strcspn(by + 11, ",;") == strcspn(by + 11, ";");
	if (strncmp(rule, "FREQ=WEEKLY", 11) || strncmp(by, "BYDAY=", 6) ||
	    strstr(by + 6, "BY"))
		return false;
	list = by + 6;
	n = strcspn(list, ";");
	for (const char *p = list; p < list + n; p += 3)
		if (!strncmp(p, days[civil_weekday(start)], 2) &&
		    (p[2] == ',' || p + 2 == list + n))
			return true;
	return false;
}

static void synced_span(const struct series *s, struct civil *start,
			struct civil *end)
{
	const struct sched *sc = &s->sched;
	struct icalrecurrencetype r;
	struct icaltimetype t = icaltime_null_time(), first;
	icalrecur_iterator *it;

	*start = sc->start;
	*end = sc->end;
	if (!sc->xrule || plainly_synced(sc->xrule, &sc->start))
		return;
	r = icalrecurrencetype_from_string(sc->xrule);
	t = civil_to_ical(&sc->start, sc->all_day);
	if (r.freq == ICAL_NO_RECURRENCE || !(it = icalrecur_iterator_new(r, t)))
		return;
	first = icalrecur_iterator_next(it);
	icalrecur_iterator_free(it);
	if (icaltime_is_null_time(first) || !icaltime_compare(first, t))
		return;
	*start = civil_from_ical(&first);
	*end = civil_from_seconds(civil_to_seconds(start) +
				  civil_to_seconds(&sc->end) -
				  civil_to_seconds(&sc->start));
}

/* One line of extra (with its folded continuation lines): its length. */
static size_t extra_line(const char *p)
{
	const char *q = p;

	do {
		q += strcspn(q, "\n");
		if (*q)
			q++;
	} while (*q == ' ' || *q == '\t');
	return (size_t)(q - p);
}

/*
 * What an imported event carried beyond the model (series_ical.extra):
 * its properties when props, its reminders (VALARM) when alarms; another
 * component goes with the properties.
 */
static void write_extra(struct sbuf *out, const char *extra, bool props,
			bool alarms)
{
	const char *p = extra;

	if (!p)
		return;
	if (props && alarms) {
		sbuf_add(out, p);
		return;
	}
	while (*p) {
		size_t n = extra_line(p);
		bool keep = props;
		if (!strncmp(p, "BEGIN:", 6)) {
			/* A whole component, to its END at the same depth. */
			int depth = 0;
			size_t len = 0;
			keep = !strncmp(p, "BEGIN:VALARM\r", 13) ? alarms : props;
			do {
				size_t m = extra_line(p + len);
				if (!strncmp(p + len, "BEGIN:", 6))
					depth++;
				else if (!strncmp(p + len, "END:", 4))
					depth--;
				len += m;
			} while (depth > 0 && p[len]);
			n = len;
		}
		if (keep)
			sbuf_addn(out, p, n);
		p += n;
	}
}

static void write_master(struct ics_exporter *ex, const struct ics_event_ctx *e,
			 const struct series_ical *x)
{
	const struct series *s = e->s;
	struct ics_zone_mode m = ics_zone_mode(&s->sched, x->floating);
	char *rule = rule_text(s, &m);
	struct civil start, end;

	synced_span(s, &start, &end);
	ics_begin_comp(&ex->buf, "VEVENT");
	ics_prop_text(&ex->buf, "UID", s->uid);
	ics_time_prop(&ex->buf, "DTSTART", &m, &start, 1);
	ics_time_prop(&ex->buf, "DTEND", &m, &end, 1);
	if (rule)
		ics_prop_raw(&ex->buf, "RRULE", rule);
	free(rule);
	for (size_t i = 0; ex->o->rdate && i < s->sched.rdates.n; i += 100)
		ics_time_prop(&ex->buf, "RDATE", &m, s->sched.rdates.v + i,
			      s->sched.rdates.n - i < 100
			      ? s->sched.rdates.n - i : 100);
	exdates(&ex->buf, s, &m, ex->o->rdate, ex->o->cancelled_exdate);
	ics_vevent_common(&ex->buf, e, NULL);
	if (!e->feed) {
		hearth_props(&ex->buf, s, e->places);
		ics_xtexts(&ex->buf, s, NULL);
	}
	write_extra(&ex->buf, x->extra, !e->feed, !s->alarms.set);
	ics_valarms(&ex->buf, e, x->extra, false);
	ics_end_comp(&ex->buf, "VEVENT");
}

/* The wall-clock start and end of an occurrence after its override. */
static void occurrence_times(const struct series *s, const struct civil *rid,
			     const struct override *o, struct civil *start,
			     struct civil *end)
{
	if (o && o->moved) {
		*start = o->start;
		*end = o->end;
		return;
	}
	*start = *rid;
	*end = civil_from_seconds(civil_to_seconds(rid) +
				  civil_to_seconds(&s->sched.end) -
				  civil_to_seconds(&s->sched.start));
}

/* X-HEARTH-* of a changed occurrence, for a re-import. */
static void override_props(struct sbuf *out, const struct ics_event_ctx *e,
			   const struct override *o)
{
	ics_xprop(out, "X-HEARTH-KIND", e->s->kind);
	ics_xtexts(out, e->s, o);
	if (o->venue)
		ics_xvenue(out, e->places, o->venue);
	if (!str_empty(o->note))
		ics_xprop(out, "X-HEARTH-NOTE", o->note);
}

/*
 * A changed occurrence: same UID, RECURRENCE-ID. A cancelled one is still
 * written (unless cancelled = exdate), as a cancelled instance that says
 * why: some clients show it struck through, others hide it.
 */
static void write_override(struct ics_exporter *ex,
			   const struct ics_event_ctx *e,
			   const struct series_ical *x, const struct override *o)
{
	const struct series *s = e->s;
	struct ics_zone_mode m = ics_zone_mode(&s->sched, x->floating);
	struct ics_instance in = { o->venue, o->note, o->cancelled, o };
	struct civil start, end;

	occurrence_times(s, &o->rid, o, &start, &end);
	ics_begin_comp(&ex->buf, "VEVENT");
	ics_prop_text(&ex->buf, "UID", s->uid);
	ics_time_prop(&ex->buf, "RECURRENCE-ID", &m, &o->rid, 1);
	ics_time_prop(&ex->buf, "DTSTART", &m, &start, 1);
	ics_time_prop(&ex->buf, "DTEND", &m, &end, 1);
	ics_vevent_common(&ex->buf, e, &in);
	if (!e->feed)
		override_props(&ex->buf, e, o);
	ics_valarms(&ex->buf, e, x->extra, o->cancelled);
	ics_end_comp(&ex->buf, "VEVENT");
}

/* An extra date as an event of its own (see ical.h). */
static void write_extra_date(struct ics_exporter *ex,
			     const struct ics_event_ctx *e,
			     const struct series_ical *x, const struct civil *rid)
{
	const struct series *s = e->s;
	const struct override *o =
		series_find_override((struct series *)s, rid);
	struct ics_zone_mode m = ics_zone_mode(&s->sched, x->floating);
	struct ics_instance in = { o ? o->venue : NULL, o ? o->note : NULL,
				   o && o->cancelled, o };
	struct civil start, end;
	char rid_text[CIVIL_BUFSZ], *uid;

	/* Left out it is in X-HEARTH-CANCELLED of the series. */
	if (o && o->cancelled && ex->o->cancelled_exdate)
		return;
	format_rid(s, rid, rid_text);
	uid = ics_extra_date_uid(s->uid, rid_text);
	occurrence_times(s, rid, o, &start, &end);
	ics_begin_comp(&ex->buf, "VEVENT");
	ics_prop_text(&ex->buf, "UID", uid);
	ics_time_prop(&ex->buf, "DTSTART", &m, &start, 1);
	ics_time_prop(&ex->buf, "DTEND", &m, &end, 1);
	ics_vevent_common(&ex->buf, e, &in);
	if (!e->feed) {
		ics_xprop(&ex->buf, "X-HEARTH-KIND", s->kind);
		ics_xprop(&ex->buf, "X-HEARTH-SERIES", s->uid);
		ics_prop_raw(&ex->buf, "X-HEARTH-RDATE", rid_text);
		if (o)
			ics_xtexts(&ex->buf, s, o);
		if (o && o->venue)
			ics_xvenue(&ex->buf, e->places, o->venue);
		if (o && !str_empty(o->note))
			ics_xprop(&ex->buf, "X-HEARTH-NOTE", o->note);
	}
	ics_valarms(&ex->buf, e, x->extra, in.cancelled);
	ics_end_comp(&ex->buf, "VEVENT");
	free(uid);
}

static int write_series(void *ctx, const struct series *s,
			const struct series_ical *x, struct herr *err)
{
	struct ics_exporter *ex = ctx;
	char stamp[CIVIL_BUFSZ];
	struct ics_event_ctx e = { s, &ex->places, ex->o->cfg, ex->dtstamp,
				   ex->o->feed };

	(void)err;
	if (ex->o->feed) {
		ics_format_utc(s->updated, stamp);
		e.dtstamp = stamp;
	}
	write_master(ex, &e, x);
	for (size_t i = 0; i < s->n_overrides; i++) {
		const struct override *o = &s->overrides[i];
		bool extra = civil_list_has(&s->sched.rdates, &o->rid);
		if ((!o->cancelled || !ex->o->cancelled_exdate) &&
		    (ex->o->rdate || !extra))
			write_override(ex, &e, x, o);
	}
	for (size_t i = 0; !ex->o->rdate && i < s->sched.rdates.n; i++)
		write_extra_date(ex, &e, x, &s->sched.rdates.v[i]);
	return ics_flush(ex);
}

int ics_export(struct store *st, const struct ics_export_opts *o, FILE *out,
	       struct herr *err)
{
	struct ics_exporter ex = { .out = out, .o = o, .err = err, .st = st };
	int rc;

	ics_format_utc(o->now, ex.dtstamp);
	/* One pass over every series: a small cache keeps memory flat. */
	store_bulk(st, true);
	if ((rc = ics_places_load(st, &ex.places, err)) == HE_OK &&
	    (rc = write_header(&ex)) == HE_OK &&
	    (rc = write_zones(&ex, st)) == HE_OK)
		rc = o->occurrences
			? ics_export_occurrences(&ex)
			: store_series_each(st, &o->q, write_series, &ex, err);
	if (rc == HE_OK) {
		ics_end_comp(&ex.buf, "VCALENDAR");
		rc = ics_flush(&ex);
	}
	if (rc == HE_OK && fflush(out) != 0)
		rc = herr_set(err, HE_INTERNAL, _("cannot write: %s"),
			      strerror(errno));
	store_bulk(st, false);
	ics_places_free(&ex.places);
	sbuf_free(&ex.buf);
	return rc;
}

/*
 * Calendar object resources (ical.h): one series a VCALENDAR, built in
 * memory with the places loaded once for all of them.
 */
struct ics_writer {
	struct ics_exporter ex;
	struct ics_export_opts o;
};

int ics_writer_new(struct store *st, const struct ics_export_opts *o,
		   struct ics_writer **out, struct herr *err)
{
	struct ics_writer *w = xcalloc(1, sizeof *w);
	int rc;

	w->o = *o;
	/* Every VEVENT of an object has its series' UID: extra dates are
	   RDATEs, not events of their own; no plain occurrences. */
	w->o.rdate = true;
	w->o.occurrences = false;
	w->ex.o = &w->o;
	w->ex.st = st;
	if ((rc = ics_places_load(st, &w->ex.places, err)) != HE_OK) {
		ics_writer_free(&w);
		return rc;
	}
	*out = w;
	return HE_OK;
}

/* The VTIMEZONE of a series' zone for the years it reaches. */
static void object_zone(struct ics_writer *w, const struct series *s,
			const struct series_ical *x)
{
	const struct tz *zone = x->floating ? NULL : tz_get(s->sched.tzid);
	int first = year_of(s->sched.reach_start), last;

	if (!zone)
		return;
	last = s->sched.reach_end == SCHED_FOREVER
		? year_of(w->o.now) + 1 : year_of(s->sched.reach_end);
	if (last < first)
		last = first;
	vtimezone_write(&w->ex.buf, zone, first, last);
}

char *ics_writer_object(struct ics_writer *w, const struct series *s,
			const struct series_ical *x)
{
	static const struct series_ical none = { 0 };
	struct ics_exporter *ex = &w->ex;
	struct herr err;

	if (!x)
		x = &none;
	ex->out = NULL;
	ex->err = &err;
	sbuf_free(&ex->buf);
	/* DTSTAMP is the series' last change: the same version of a series
	   always gives the same bytes. */
	ics_format_utc(s->updated, ex->dtstamp);
	ics_begin_comp(&ex->buf, "VCALENDAR");
	ics_prop_raw(&ex->buf, "VERSION", "2.0");
	ics_prop_text(&ex->buf, "PRODID", ICS_PRODID);
	ics_prop_raw(&ex->buf, "CALSCALE", "GREGORIAN");
	/* No METHOD: RFC 4791 section 4.1 forbids it in stored objects. */
	object_zone(w, s, x);
	write_series(ex, s, x, &err);
	ics_end_comp(&ex->buf, "VCALENDAR");
	return sbuf_take(&ex->buf);
}

void ics_writer_free(struct ics_writer **w)
{
	if (!*w)
		return;
	ics_places_free(&(*w)->ex.places);
	sbuf_free(&(*w)->ex.buf);
	free(*w);
	*w = NULL;
}
