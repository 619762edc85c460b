/* qr_occ.c - one occurrence of a series as its QR code's text. */
#include "qr.h"

#include <stdlib.h>

#include "../occ_text.h"

/* What changed, the note (a cancellation's reason), the description. */
static char *description(const struct series *s, const struct occ *o)
{
	const struct override *ov =
		series_find_override((struct series *)s, &o->rid);
	char *changes = ov ? occ_text_changes(s, ov) : NULL;
	const char *parts[] = { changes, o->note, o->description };
	struct sbuf b = { 0 };

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
static char *location(struct store *st, const char *venue)
{
	struct venue v;
	char *text;

	if (!venue)
		return NULL;
	if (store_venue_get(st, venue, &v, NULL) != HE_OK)
		return xstrdup(venue);
	text = str_empty(v.address) ? xstrdup(venue)
				    : xasprintf("%s, %s", venue, v.address);
	venue_free(&v);
	return text;
}

char *qr_occurrence_text(struct store *st, const struct series *s,
			 const struct occ *o)
{
	struct qr_event e = { 0 };
	char *title = occ_text_title(o->title, o->cancelled);
	char *where = location(st, o->venue);
	char *note = description(s, o);
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
