/*
 * read_event.h - what one VEVENT means in hearth's terms.
 *
 * A VEVENT is one of three things: a series (its first occurrence, rules,
 * exceptions, texts), a change to one occurrence of a series (same UID and
 * a RECURRENCE-ID), or an extra date of a series that hearth wrote as an
 * event of its own (X-HEARTH-SERIES, see ical.h). ics_event_read
 * turns the component into one of these, checking everything a file from
 * elsewhere can get wrong; ics_event_apply later puts a change or an extra
 * date onto its series, whichever order they came in.
 *
 * Decisions made here for files from elsewhere:
 * - Times with a TZID are read in the IANA zone read_zone.h maps it to;
 *   UTC times give a series in UTC; floating times are read in the
 *   calendar's X-WR-TIMEZONE (else the default zone) and written back
 *   floating.
 * - An event without DTEND or DURATION lasts a day when it is all-day and
 *   one minute otherwise (hearth needs an end after the start).
 * - The kind is X-HEARTH-KIND, else the --kind given, else a CATEGORIES
 *   entry naming a kind, else "volunteer"; the other categories become
 *   audience tags.
 * - ORGANIZER becomes the host organisation; ATTENDEEs are dropped (hearth
 *   never publishes people), and so is REQUEST-STATUS (libical's parsing of
 *   it is unsafe, CVE-2016-9584). Properties hearth does not use and VALARM
 *   reminders are kept as text and written back on export.
 * - Text with escape sequences or other controls is kept as it is (data is
 *   data; hearth neutralises it when showing it); invalid UTF-8 never gets
 *   this far (read_stream.h refuses the line).
 */
#ifndef HEARTH_ICAL_READ_EVENT_H
#define HEARTH_ICAL_READ_EVENT_H

#include <stdbool.h>
#include <stdint.h>

#include "../config.h"
#include "read_stream.h"
#include "read_zone.h"
#include "../series.h"
#include "../store.h"

enum ics_event_kind { ICS_SERIES, ICS_CHANGE, ICS_EXTRA_DATE };

/* A time as the file gives it, before it is put in a series' zone. */
struct ics_time {
	struct civil c;
	bool date_only;
	bool floating;           /* no zone: wall-clock wherever it is read */
	const struct tz *zone;   /* NULL and !floating: c is UTC */
};

struct ics_event {
	enum ics_event_kind kind;
	long line;               /* of BEGIN:VEVENT */
	char *uid;               /* the series' UID */
	int revision;            /* SEQUENCE + 1 */
	bool hearth;             /* written by hearth (X-HEARTH-KIND) */
	char *location;          /* LOCATION as written */
	/* ICS_SERIES */
	struct series s;
	struct series_ical x;
	struct venue *venues;    /* details of venues named (for creating) */
	size_t n_venues;
	struct org *orgs;        /* details of organisations named */
	size_t n_orgs;
	/* Changes to occurrences the series' own component gives, applied
	 * once prepared: X-HEARTH-CANCELLED, the ends of RDATE periods. */
	struct override *carried;
	size_t n_carried;
	/* ICS_CHANGE and ICS_EXTRA_DATE */
	struct ics_time rid, start, end;
	bool has_end;
	char *venue, *note, *summary, *description;
	char *x_title, *x_description; /* X-HEARTH-TITLE, -DESCRIPTION */
	bool is_cancelled;
};

struct ics_event_opts {
	const struct config *cfg;
	const char *kind;        /* for events that name none of hearth's */
	const struct tz *zone;   /* for floating times */
	int64_t now;             /* for events without CREATED or DTSTAMP */
	/* kind_label() of each of cfg's kinds, worked out once for a whole
	 * file (NULL: asked for each event). */
	const char *const *kind_labels;
};

/*
 * Reads component c. Problems go to note at their lines; returns HE_OK,
 * or HE_USER when the event cannot be imported (already reported).
 */
int ics_event_read(const struct ics_comp *c, struct ics_zones *zones,
		   const struct ics_event_opts *o, struct ics_event *out,
		   ics_note_fn note, void *ctx);
void ics_event_free(struct ics_event *e);

/*
 * Adds extra date e (ICS_EXTRA_DATE) to series master's schedule; call
 * before preparing the schedule and applying changes.
 */
void ics_event_add_date(struct ics_event *master, const struct ics_event *e);
/*
 * The series a change stands for when the file and the database have no
 * series with its UID, only changed occurrences of it (Google Calendar
 * writes such files for an invitation to one occurrence; a calendar that
 * lost its master): one event at the change's original start, titled and
 * placed as the change is, which the caller then applies the change, and
 * the others with its UID, to. o->zone is the zone of floating times.
 */
void ics_event_orphan_master(const struct ics_event *change,
			     const struct ics_event_opts *o,
			     struct ics_event *out);

/* What ics_event_place did to make a change's original start an
 * occurrence of its series. */
enum ics_placed {
	ICS_PLACED = 0,          /* it was one */
	ICS_PLACED_UNEXCLUDED = 1, /* an EXDATE named it: dropped */
	ICS_PLACED_EXTRA = 2,    /* the rule does not produce it: extra date */
};
/*
 * Makes the original start of change e an occurrence of master (prepared;
 * prepared again when changed). The change exists as a component, so the
 * occurrence does, as the big calendar services and recurring-ical-events
 * have it: an EXDATE that also names it is dropped, and an original start
 * the rule does not produce (after UNTIL, on another weekday) becomes an
 * extra date of the series. Returns what it did (ICS_PLACED_* bits).
 */
unsigned ics_event_place(struct ics_event *master, const struct ics_event *e);
/* The same for original start rid (wall-clock time of s). */
unsigned ics_series_place(struct series *s, const struct civil *rid);
/*
 * Applies the change or extra date e to master (prepared), or the
 * cancellations master carries itself when e is NULL. HE_USER with err
 * set when e names no occurrence of the series.
 */
int ics_event_apply(struct ics_event *master, const struct ics_event *e,
		    struct herr *err);

/*
 * Shared by read_event.c and read_event_text.c (one VEVENT is read in two
 * files: identity and times, then texts and places).
 */

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
