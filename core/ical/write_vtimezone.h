/*
 * write_vtimezone.h - VTIMEZONE components generated from the system's zone data.
 *
 * libical 3.0.16 can hand out its own VTIMEZONE for a zone, but it names
 * the zone "/freeassociation.sourceforge.net/Asia/Shanghai", which phones
 * do not recognise, and starts with local mean time offsets in seconds.
 * hearth writes its own instead: TZID is the plain IANA name (which Google,
 * Apple and Android map to their own zone data), and the observances are
 * the offset changes the system's zone data has in the years asked for,
 * so that a client that does read the VTIMEZONE (Outlook, Thunderbird)
 * computes the same instants hearth does. When the zone's changes follow
 * a yearly rule up to the end of those years, the rule is written as an
 * RRULE so that the component stays right for the years after.
 */
#ifndef HEARTH_ICAL_WRITE_VTIMEZONE_H
#define HEARTH_ICAL_WRITE_VTIMEZONE_H

#include "../tz.h"
#include "../util.h"

/*
 * Appends the VTIMEZONE of zone z covering the years first..last (and
 * the year before, so that the first year is whole). Nothing is written
 * for UTC, which needs no VTIMEZONE.
 */
void vtimezone_write(struct sbuf *out, const struct tz *z, int first,
		     int last);

#endif
