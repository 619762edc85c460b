/* cli_phone.c - one occurrence picked for a QR code or a poster. */
#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/occ_text.h"
#include "../core/qr/qr.h"
#include "cli_event.h"

/* The next occurrence from now, else the last one before it. */
static int nearest(struct app *c, const struct series *s, struct occ *out)
{
	struct occ_filter f = { .statuses = 7, .with_cancelled = true,
				.series_id = s->id, .starting = true };
	struct occ_list l = { 0 };
	int rc = store_occurrences(c->st, c->now, SCHED_FOREVER, &f, 1, &l,
				   &c->err);

	if (rc == HE_OK && l.n == 0)
		rc = store_occurrences_before(c->st, c->now, SCHED_MIN_INSTANT,
					      &f, 1, &l, &c->err);
	if (rc == HE_OK && l.n == 0)
		rc = herr_set(&c->err, HE_USER, _("'%s' has no occurrence"),
			      s->title);
	if (rc == HE_OK) {
		*out = l.v[0];
		memset(&l.v[0], 0, sizeof l.v[0]);
	}
	occ_list_free(&l);
	return rc;
}

/* The occurrence whose original start is rid, with its change applied. */
static void at_rid(const struct series *s, const struct civil *rid,
		   struct occ *out)
{
	const struct tz *z = tz_get(s->sched.tzid);
	const struct override *o =
		series_find_override((struct series *)s, rid);

	memset(out, 0, sizeof *out);
	out->series_id = s->id;
	out->uid = xstrdup(s->uid);
	out->kind = xstrdup(s->kind);
	out->title = xstrdup(s->title);
	out->venue = xstrdup0(o && o->venue ? o->venue : s->venue);
	out->description = xstrdup0(s->description);
	out->note = xstrdup0(o ? o->note : NULL);
	out->rid = *rid;
	out->all_day = s->sched.all_day;
	snprintf(out->tzid, sizeof out->tzid, "%s", s->sched.tzid);
	out->status = s->status;
	out->cancelled = o && o->cancelled;
	out->overridden = o != NULL;
	out->revision = s->revision;
	if (o && o->moved) {
		out->start = tz_to_utc(z, &o->start);
		out->end = tz_to_utc(z, &o->end);
	} else {
		out->start = sched_instant(&s->sched, rid);
		out->end = out->start + sched_duration(&s->sched);
	}
}

int cli_occurrence(struct app *c, const struct series *s, const char *at,
		   struct occ *out)
{
	struct civil rid;
	int rc;

	if (!at)
		return nearest(c, s, out);
	if ((rc = cli_parse_occurrence(c, s, at, &rid)) != HE_OK)
		return rc;
	if (!sched_has_instance(&s->sched, &rid))
		return herr_set(&c->err, HE_USER, _("'%s' has no occurrence at "
				"%s"), s->title, at);
	at_rid(s, &rid, out);
	return HE_OK;
}

char *cli_occurrence_note(const struct series *s, const struct occ *o)
{
	const struct override *ov =
		series_find_override((struct series *)s, &o->rid);
	char *changes = ov ? occ_text_changes(s, ov) : NULL;
	struct sbuf b = { 0 };
	const char *parts[] = { changes, o->note, o->description };

	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
		if (str_empty(parts[i]))
			continue;
		if (b.len)
			sbuf_add(&b, i == 2 ? "\n\n" : "\n");
		sbuf_add(&b, parts[i]);
	}
	free(changes);
	return b.len ? sbuf_take(&b) : NULL;
}

/* "图书馆, 兴隆台区…" as LOCATION: the venue and its address. */
static char *location(struct app *c, const char *venue)
{
	struct venue v;
	char *text;

	if (!venue)
		return NULL;
	if (store_venue_get(c->st, venue, &v, NULL) != HE_OK)
		return xstrdup(venue);
	text = str_empty(v.address) ? xstrdup(venue)
				    : xasprintf("%s, %s", venue, v.address);
	venue_free(&v);
	return text;
}

char *cli_occurrence_qr(struct app *c, const struct series *s,
			const struct occ *o)
{
	struct qr_event e = { 0 };
	char *title = occ_text_title(o->title, o->cancelled);
	char *where = location(c, o->venue);
	char *note = cli_occurrence_note(s, o);
	char *text;

	e.title = title;
	e.location = where;
	e.description = note;
	e.all_day = o->all_day;
	e.start = o->start;
	e.end = o->end;
	if (o->all_day) {
		const struct tz *z = tz_get(o->tzid);
		e.first_day = tz_from_utc(z, o->start, NULL);
		e.end_day = tz_from_utc(z, o->end, NULL);
	}
	text = qr_event_text(&e, QR_EVENT_MAX);
	free(title);
	free(where);
	free(note);
	return text;
}
