/*
 * when.h - dates, times and durations as people type them.
 *
 * Accepted (case-insensitive), resolved against a reference day "today":
 *   2027-01-08  2027-01-08 10:00  2027-01-08T10:00[:SS]
 *   1/8  1/8 10:00        month/day, the next such day from today on
 *   10:00                 today at that time
 *   today  tomorrow  yesterday  [HH:MM]
 *   mon .. sun, monday .. sunday  [HH:MM]   the next such day, today included
 *   +3d  -1d  +2w  +1m  [HH:MM]            days, weeks or months from today
 *   今天  明天  昨天  周一 .. 周日  星期一 .. 星期日  [HH:MM]
 * A form without a time is a date alone.
 */
#ifndef HEARTH_WHEN_H
#define HEARTH_WHEN_H

#include <stdbool.h>
#include <stdint.h>

#include "civil.h"
#include "util.h"

struct when {
	struct civil c;
	bool date_only;
};

int when_parse(const char *text, const struct civil *today, struct when *out,
	       struct herr *err);
/*
 * What something is moved to, as people type it: a start alone ("14:00",
 * "sun 14:00", "1/17 14:00": *has_end false, the caller keeps the length),
 * a range of times ("12:00-19:00", "12:00–19:00", "周日 12:00至19:00") or a
 * start and an end ("1/17 12:00 - 1/18 10:00"). A bare time is on day
 * (the moved thing's own); a bare end time earlier than the start is on
 * the next day (22:00-02:00). The end of a span is after its start.
 */
int when_parse_span(const char *text, const struct civil *day,
		    const struct civil *today, struct when *start,
		    struct when *end, bool *has_end, struct herr *err);
/*
 * A day to go to: what when_parse reads, its time of day dropped, or a
 * month - 2027-01, 2027/1, 2027年1月, 1月 (the next January from this
 * month on) - as its first day, with *month set.
 */
int when_parse_day(const char *text, const struct civil *today,
		   struct civil *day, bool *month, struct herr *err);
/* "10:00" or "9:05" into minutes after midnight ("24:00" allowed). */
int when_parse_hhmm(const char *text, int *minutes, struct herr *err);
/*
 * A length: "90m", "2h", "1h30m", "2d", "1:30" (hours:minutes) or ISO 8601
 * "PT1H30M" / "P1D". Must be positive.
 */
int when_parse_duration(const char *text, int64_t *seconds, struct herr *err);
/* The same length written back the short way: "1h30m", "2d". */
char *when_format_duration(int64_t seconds);

#endif
