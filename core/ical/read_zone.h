/*
 * read_zone.h - what the TZIDs of an imported calendar mean.
 *
 * hearth keeps every series in an IANA zone. A TZID in a file from
 * elsewhere may be one ("Asia/Shanghai"), one behind a vendor prefix
 * ("/freeassociation.sourceforge.net/Asia/Shanghai", "/mozilla.org/...",
 * as libical and Thunderbird write them), a Windows zone name from Outlook
 * ("China Standard Time", mapped with ICU's copy of the CLDR table), or a
 * name only the file's own VTIMEZONE defines ("(UTC+08:00) Beijing,
 * Chongqing"). For the last, the VTIMEZONE's offsets are compared with the
 * IANA zones over the years around the event, preferring the default zone
 * and zones whose city the TZID names; when none matches, times are
 * converted to UTC with the VTIMEZONE's own rules. A TZID defined nowhere
 * (libical would silently read it as floating time) is read in the
 * default zone. Every such decision comes with a note saying which.
 *
 * VTIMEZONEs come from untrusted files: one whose rules would make libical
 * iterate without end (a rule other than yearly, a start before 1583) is
 * not used.
 */
#ifndef HEARTH_ICAL_READ_ZONE_H
#define HEARTH_ICAL_READ_ZONE_H

#include <libical/ical.h>
#include <stdbool.h>

#include "read_stream.h"
#include "../tz.h"

enum ics_tz_kind {
	ICS_TZ_IANA,             /* wall-clock times in an IANA zone */
	ICS_TZ_CONVERT,          /* convert with the file's VTIMEZONE */
	ICS_TZ_UNKNOWN,          /* defined nowhere: read in the default zone */
};

struct ics_tzres {
	enum ics_tz_kind kind;
	const struct tz *zone;   /* IANA: the zone; UNKNOWN: the default */
	icaltimezone *conv;      /* CONVERT: the file's zone */
};

struct ics_zones;

/* default_zone is the zone for unknown TZIDs and for floating times. */
struct ics_zones *ics_zones_new(const struct tz *default_zone);
void ics_zones_free(struct ics_zones **z);
/*
 * Keeps the VTIMEZONE in c (its component is taken; c is emptied).
 * note gets problems with it, at its line.
 */
void ics_zones_add(struct ics_zones *z, struct ics_comp *c, ics_note_fn note,
		   void *ctx);
/*
 * Resolves tzid for an event in year. *note gets a message (owned by z)
 * the first time a TZID needed mapping, else NULL.
 */
void ics_zones_resolve(struct ics_zones *z, const char *tzid, int year,
		       struct ics_tzres *out, const char **note);
/*
 * Times converted with a file's own VTIMEZONE: libical walks such a zone
 * from its start at each conversion, so an import converts at most this
 * many. ics_zones_take_conversion counts one; false when none is left.
 */
#define ICS_MAX_CONVERTED 5000
bool ics_zones_take_conversion(struct ics_zones *z);

/* The IANA zone named by a TZID as it is or behind a prefix, or NULL. */
const struct tz *ics_zone_by_name(const char *tzid);
/* The IANA zone of a Windows zone name (ICU), or NULL. */
const struct tz *ics_zone_from_windows(const char *name);

#endif
