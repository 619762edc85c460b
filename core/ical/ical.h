/*
 * ical.h - iCalendar (RFC 5545) in and out of hearth's database: the one
 * header the rest of hearth includes from core/ical/. It does not include
 * libical; every other header in this folder is internal to it.
 *
 * Reading (import.c drives it):
 *   read_stream.c    bytes -> content lines -> one component at a time
 *                    (line bounds, UTF-8, unfolding, BEGIN/END nesting)
 *   read_zone.c      what the file's TZIDs mean (IANA, Windows, VTIMEZONE)
 *   read_event.c     what one VEVENT means: series, change or extra date,
 *                    its identity, times and rules;
 *   read_event_text.c   its texts, places, people and kept properties
 *   import.c         grouping changes with their series, versions, storing
 *                    in one transaction
 * Writing (export.c drives it):
 *   export.c         walking the stored series; export_occ.c the
 *                    one-event-per-occurrence form
 *   write_vevent.c   the parts of a VEVENT every exported event shares
 *   write_vtimezone.c   VTIMEZONEs from the system's zone data
 *   write_lines.c    content lines: escaping, parameters, folding
 * Both ways:
 *   model.c          how hearth's model maps onto iCalendar, and the
 *                    X-HEARTH-* field codec (model.h lists the properties)
 * Outside the folder, the repeat-rule guard that keeps libical from
 * spinning (sched_guard.h) sits beside sched.c, which uses it too, and
 * wall-clock times to and from libical's icaltimetype are civil_ical.h.
 *
 * Import
 *
 * Series are created or updated by UID. A series in the file replaces the
 * stored one when its version (SEQUENCE, then LAST-MODIFIED, else DTSTAMP)
 * is newer, is left alone when it is the same (so importing a file twice
 * changes nothing the second time), and is reported and skipped when it
 * is older (the database was changed since). Changed occurrences and
 * extra dates are put onto their series whether they come before or after
 * it in the file; one that comes after another series has come between is
 * applied to the stored series at the end.
 *
 * The whole import is one transaction: problems in one component skip
 * that component (reported as line and message through the callback), the
 * rest goes in together, and a failure of the database or of reading the
 * input leaves the database as it was. A dry run does all of it and rolls
 * back. The audit log gets one entry for the whole import, naming the
 * source and counting what was added, updated, unchanged and skipped.
 *
 * Memory stays bounded whatever the input: components are read one at a
 * time (read_stream.h), and at most ICS_MAX_PENDING changes wait for a series
 * that has not come yet.
 *
 * Export
 *
 * What phones and desktop calendars accept (Google, Apple, Android,
 * Thunderbird, khal, calcurse): METHOD:PUBLISH with an ORGANIZER and never
 * an ATTENDEE, a VTIMEZONE with a plain IANA TZID for every zone used
 * (write_vtimezone.h), one VEVENT per series with its RRULE and EXDATEs, one
 * VEVENT per changed occurrence (same UID, RECURRENCE-ID), and
 * X-HEARTH-* properties for what has no standard property (model.h),
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
#ifndef HEARTH_ICAL_H
#define HEARTH_ICAL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "../config.h"
#include "../store.h"
#include "../tz.h"
#include "../util.h"

/* Receives each problem: the line it is on and what is wrong. */
typedef void (*ics_note_fn)(void *ctx, long line, const char *msg);

#define ICS_MAX_PENDING 20000

struct ics_import_opts {
	const struct config *cfg;
	const char *kind;        /* for events that name none of hearth's */
	const struct tz *zone;   /* default zone */
	bool dry_run;
	int64_t now;
	const char *source;      /* the file's name, for the audit log */
};

struct ics_import_stats {
	long added, updated, unchanged, skipped;
	long problems;           /* messages that were errors, not notes */
};

/*
 * Imports the calendar read from in. Returns HE_OK when it went through
 * (with components perhaps skipped: see stats), or an error with err set
 * when nothing was written.
 */
int ics_import(struct store *st, FILE *in, const struct ics_import_opts *o,
	       struct ics_import_stats *stats, ics_note_fn note, void *ctx,
	       struct herr *err);

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
	const struct config *cfg; /* kind labels, reminders */
	bool cancelled_exdate;   /* cancelled occurrences left out (EXDATE)
				    instead of shown cancelled */
	bool feed;               /* a published feed (publish.h): DTSTAMP is
				    each series' last change, so that an
				    unchanged calendar gives the same bytes;
				    nothing about anybody (no CONTACT, no
				    organiser's address); no X-HEARTH-*
				    properties, and of what an imported
				    event carried only its reminders */
};

/*
 * Writes the calendar to out. Returns HE_OK, or an error with err set
 * (a write error is HE_INTERNAL naming errno).
 */
int ics_export(struct store *st, const struct ics_export_opts *o, FILE *out,
	       struct herr *err);

/*
 * Calendar object resources (RFC 4791 section 4.1), for CalDAV: one series
 * as one VCALENDAR of its own, holding the VTIMEZONE of its zone, the
 * series' VEVENT and one VEVENT per changed occurrence, all with the
 * series' UID (extra dates are RDATEs), and no METHOD. What a series
 * carries from elsewhere (series_ical) goes back with it; DTSTAMP is the
 * series' last change, so that one version of a series always gives the
 * same bytes.
 */
struct ics_writer;
/* o as for ics_export (cfg, now, cancelled_exdate, feed); q, name, rdate
 * and occurrences are not used. Loads the venues and organisations once. */
int ics_writer_new(struct store *st, const struct ics_export_opts *o,
		   struct ics_writer **out, struct herr *err);
/* The object of s (x may be NULL); the caller frees it. */
char *ics_writer_object(struct ics_writer *w, const struct series *s,
			const struct series_ical *x);
void ics_writer_free(struct ics_writer **w);

/*
 * One calendar object read back: a series with its changes applied, or,
 * when hearth cannot model it whole (a to-do, two UIDs, a change of an
 * occurrence the rule does not have, a rule hearth refuses...), the reason
 * in problem, so that the caller keeps the object verbatim instead of
 * keeping part of it.
 */
struct ics_object {
	char *uid;               /* the object's UID (also when not modelled),
				    or NULL when it has none */
	char *problem;           /* NULL when s holds it all */
	long line;               /* where the problem is, 0 if nowhere */
	struct series s;
	struct series_ical x;
	struct venue *venues;    /* the places it describes, for creating */
	size_t n_venues;
	struct org *orgs;
	size_t n_orgs;
};

/* Reads the object text (len bytes), as ics_import reads a file (o's
 * cfg, kind, zone and now). HE_OK with out->problem set or not; an error
 * only when it could not be read at all. */
int ics_object_read(const char *text, size_t len,
		    const struct ics_import_opts *o, struct ics_object *out,
		    struct herr *err);
/* Creates the venues and organisations ob describes that the database
 * does not have (in the caller's transaction). */
int ics_object_places(struct store *st, const struct ics_object *ob,
		      struct herr *err);
void ics_object_free(struct ics_object *ob);

#endif
