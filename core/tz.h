/*
 * tz.h - IANA time zones: turning wall-clock times into instants and back.
 *
 * Zones come from the system's zone data through libical. The conversion from
 * wall-clock time to an instant follows RFC 5545 section 3.3.5 rather than
 * libical's own choice: a time in a spring-forward gap is read with the
 * offset in force before the gap (02:30 becomes 03:30 summer time), and an
 * ambiguous autumn time means its first occurrence (summer time).
 */
#ifndef HEARTH_TZ_H
#define HEARTH_TZ_H

#include <stdbool.h>
#include <stdint.h>

#include "civil.h"

struct tz;

/* Maximum length of a zone name hearth accepts. */
#define TZ_NAME_MAX 64

/*
 * The zone called name ("Asia/Shanghai", "UTC"), or NULL when the system has
 * no such zone. Zones live until tz_cleanup; the same pointer is returned for
 * the same name.
 */
const struct tz *tz_get(const char *name);
const char *tz_name(const struct tz *z);
/* Seconds east of UTC in force at the instant utc. */
int tz_offset_at(const struct tz *z, int64_t utc);
/* The instant of wall-clock time c in zone z (RFC 5545 rules above). */
int64_t tz_to_utc(const struct tz *z, const struct civil *c);
/* The same for wall-clock seconds as civil_to_seconds counts them. */
int64_t tz_wall_to_utc(const struct tz *z, int64_t local);
/*
 * Whether one offset is in force from a day before wall-clock time
 * wall_from to a day after wall_to, so that tz_wall_to_utc(z, w) is
 * w - *offset for every w in [wall_from, wall_to]; *offset then.
 */
bool tz_fixed_between(const struct tz *z, int64_t wall_from, int64_t wall_to,
		      int *offset);
/*
 * The wall-clock seconds [*wall_from, *wall_to) that hold every wall-clock
 * time whose instant lies in [from, to).
 */
void tz_wall_span(const struct tz *z, int64_t from, int64_t to,
		  int64_t *wall_from, int64_t *wall_to);
/* The wall-clock time at instant utc; *offset (may be NULL) gets the offset. */
struct civil tz_from_utc(const struct tz *z, int64_t utc, int *offset);
/* Formats an offset as "+08:00". */
void tz_format_offset(int offset, char buf[8]);
/*
 * The name of the system's zone: $TZ when it names a zone, else the target
 * of /etc/localtime, else /etc/timezone, else "UTC". Never NULL.
 */
const char *tz_system_name(void);
/* Frees every zone (for leak checkers at exit). */
void tz_cleanup(void);

#endif
