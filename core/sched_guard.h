/*
 * sched_guard.h - refusing repeat rules that would make libical spin.
 *
 * libical's iterator looks for the next instance by stepping through time
 * until the year 2582, inside one call that cannot be interrupted. A rule
 * whose filters can never match (BYMONTH=2;BYMONTHDAY=30), or match only
 * rarely while stepping by the hour, makes one call take seconds, and
 * every later expansion of the series pays it again: measured here,
 * FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30;COUNT=5 took 10 s to import. Rules
 * read from files are checked here first; the same check, stricter, keeps
 * a VTIMEZONE's observances to the yearly changes real zones have.
 */
#ifndef HEARTH_SCHED_GUARD_H
#define HEARTH_SCHED_GUARD_H

#include <libical/ical.h>

/*
 * Why an event's rule is refused, or NULL when it is fine: English, marked
 * for translation; show it with _().
 */
const char *sched_rule_problem(const struct icalrecurrencetype *r);
/* The same for the RRULE of a VTIMEZONE observance. */
const char *sched_zone_rule_problem(const struct icalrecurrencetype *r);

#endif
