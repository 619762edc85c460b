/*
 * ics_export.h - writing hearth's calendar as one iCalendar VCALENDAR.
 *
 * What phones and desktop calendars accept (Google, Apple, Android,
 * Thunderbird, khal, calcurse): METHOD:PUBLISH with an ORGANIZER and never
 * an ATTENDEE, a VTIMEZONE with a plain IANA TZID for every zone used
 * (vtimezone.h), one VEVENT per series with its RRULE and EXDATEs, one
 * VEVENT per changed occurrence (same UID, RECURRENCE-ID), and
 * X-HEARTH-* properties for what has no standard property (ics_model.h),
 * so that importing the file into an empty database and exporting again
 * gives the same calendar apart from DTSTAMP.
 *
 * Two choices made for the clients:
 * - Extra dates (RDATE): ICSx5 and other Android subscription clients drop
 *   an event that carries RDATE, so by default each extra date is written
 *   as an event of its own (UID "<uid>-rdate-<date>", X-HEARTH-SERIES
 *   naming the series) which every client shows; with rdate set they are
 *   written as RDATE instead.
 * - A cancelled occurrence is written as an EXDATE, not as a
 *   STATUS:CANCELLED override: every client honours EXDATE, while a
 *   cancelled override is shown struck through by some, hidden by others
 *   and shown as if nothing happened by calcurse, which ignores
 *   RECURRENCE-ID. What hearth knows about it (its note) goes in
 *   X-HEARTH-CANCELLED so that a re-import keeps it.
 *
 * The calendar is written one VEVENT at a time; memory does not grow with
 * the number of series.
 */
#ifndef HEARTH_ICS_EXPORT_H
#define HEARTH_ICS_EXPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "config.h"
#include "store.h"
#include "util.h"

struct ics_export_opts {
	struct series_query q;   /* which series; q.from/q.to also the window
				    of occurrences */
	const char *name;        /* NAME and X-WR-CALNAME; NULL: from filters */
	const char *zone;        /* X-WR-TIMEZONE: the organiser's zone */
	bool rdate;              /* extra dates as RDATE, not own events */
	bool occurrences;        /* every occurrence in q.from..q.to as a
				    plain event, for clients that mishandle
				    recurrence; UIDs "<uid>-<start>" */
	int64_t now;             /* DTSTAMP, and the years zones must cover */
	const struct config *cfg; /* kind labels */
};

/*
 * Writes the calendar to out. Returns HE_OK, or an error with err set
 * (a write error is HE_INTERNAL naming errno).
 */
int ics_export(struct store *st, const struct ics_export_opts *o, FILE *out,
	       struct herr *err);

#endif
