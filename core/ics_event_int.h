/*
 * ics_event_int.h - what ics_event.c and ics_event_text.c share; not part
 * of the interface.
 */
#ifndef HEARTH_ICS_EVENT_INT_H
#define HEARTH_ICS_EVENT_INT_H

#include "ics_event.h"

/* Years an imported time may have: outside them it is a mistake or an
 * attack, and far years make zone arithmetic slow. */
#define ICS_MIN_YEAR 1900
#define ICS_MAX_YEAR 2999

/* The state of reading one VEVENT. */
struct ev_reader {
	const struct ics_comp *c;
	struct ics_zones *zones;
	const struct ics_event_opts *o;
	ics_note_fn note;
	void *ctx;
	struct ics_event *ev;
};

/* Reports a problem at the line of p (the event's BEGIN when p is NULL). */
void ev_note(struct ev_reader *r, const icalproperty *p, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The first X- property called name, or NULL. */
icalproperty *ev_xprop(const struct ev_reader *r, const char *name);
/* The text of the first property of kind, or NULL. */
const char *ev_text(const struct ev_reader *r, icalproperty_kind kind);

/* Texts, places, people, X-HEARTH-* and the properties kept as text. */
int ev_read_texts(struct ev_reader *r);
/* What a change or extra date says besides its times. */
void ev_read_change_texts(struct ev_reader *r);
/* A venue name from LOCATION: its first line, at most 200 bytes; NULL
 * when that is empty. */
char *ev_venue_name(const char *location);
/* A venue's details, kept for creating it (name must be set). */
void ev_keep_venue(struct ics_event *ev, struct venue *v);

#endif
