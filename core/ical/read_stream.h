/*
 * read_stream.h - reading an iCalendar stream one component at a time.
 *
 * A calendar file can be large (100,000 events is 100 MB) and can be
 * hostile. The reader therefore never builds the whole calendar: it hands
 * out each component directly inside a VCALENDAR (VEVENT, VTIMEZONE, ...)
 * as a small libical tree, and forgets it when the next one is asked for.
 *
 * hearth does the line work itself and uses libical for what is inside a
 * line: physical lines are read with a bound on their length, checked for
 * NUL bytes and invalid UTF-8, unfolded, and BEGIN/END nesting is tracked
 * here (so that libical never sees an END before its BEGIN, which it
 * reports on stderr, and a deeply nested file costs nothing). Each content
 * line is parsed by libical's icalparser_add_line inside a one-property
 * wrapper, so that the X-LIC-ERROR it produces for a bad value (libical
 * does not set icalerrno for those) is tied to the line it came from.
 *
 * Problems go to a callback as (line number, message). A component with a
 * problem that loses meaning (a bad DTSTART, a missing END, a line that is
 * too long) is reported and skipped whole; a bad property that hearth does
 * not use is reported and dropped.
 */
#ifndef HEARTH_ICAL_READ_STREAM_H
#define HEARTH_ICAL_READ_STREAM_H

#include <libical/ical.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include "../util.h"
#include "ical.h"

/* Longest logical (unfolded) line accepted. */
#define ICS_MAX_LINE (256 * 1024)
/* Most properties, and most nested components, in one component. */
#define ICS_MAX_PROPS 5000
#define ICS_MAX_SUBCOMPS 500
/* Deepest nesting kept: VCALENDAR > VEVENT > VALARM. */
#define ICS_MAX_DEPTH 3

/*
 * Formats a problem and hands it to note (nothing when note is NULL): what
 * the importer's reporting functions share. The message is cut at 600
 * bytes, as it may quote the file, whose lines can be 256 KiB long.
 */
void ics_vnotef(ics_note_fn note, void *ctx, long line, const char *fmt,
		va_list ap) __attribute__((format(printf, 4, 0)));

/* The line of a property, for messages about its meaning. */
struct ics_prop_line {
	icalproperty *prop;
	long line;
};

/* A component found directly inside a VCALENDAR. */
struct ics_comp {
	icalcomponent *comp;
	long line;               /* line of its BEGIN */
	struct ics_prop_line *lines;
	size_t n_lines, cap_lines;
};

struct ics_reader;

/* Reads from in (not closed); problems go to note. */
struct ics_reader *ics_reader_new(FILE *in, ics_note_fn note, void *ctx);
void ics_reader_free(struct ics_reader **r);
/*
 * The next well-formed component inside a VCALENDAR, in out (freed by
 * ics_comp_free). Returns 1 for a component, 0 at the end of the input,
 * or HE_INTERNAL negated (-2) when reading the input failed (err set).
 */
int ics_reader_next(struct ics_reader *r, struct ics_comp *out,
		    struct herr *err);
/* The calendar's X-WR-TIMEZONE, or NULL. */
const char *ics_reader_calendar_zone(const struct ics_reader *r);
/* How many components were skipped for a problem so far. */
long ics_reader_dropped(const struct ics_reader *r);
/* The line of a property of the current component (its BEGIN if unknown). */
long ics_comp_line(const struct ics_comp *c, const icalproperty *p);
void ics_comp_free(struct ics_comp *c);

#endif
