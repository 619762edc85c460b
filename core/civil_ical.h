/*
 * civil_ical.h - wall-clock times to and from libical's icaltimetype, for
 * the modules that speak libical (sched.c and the ics_* files). Floating:
 * no zone is attached; zones are tz.h's business.
 */
#ifndef HEARTH_CIVIL_ICAL_H
#define HEARTH_CIVIL_ICAL_H

#include <libical/ical.h>
#include <stdbool.h>

#include "civil.h"

/* c as a floating icaltimetype, a DATE when date_only. */
static inline struct icaltimetype civil_to_ical(const struct civil *c,
						bool date_only)
{
	struct icaltimetype t = icaltime_null_time();

	t.year = c->year;
	t.month = c->month;
	t.day = c->day;
	if (date_only) {
		t.is_date = 1;
	} else {
		t.hour = c->hour;
		t.minute = c->min;
		t.second = c->sec;
	}
	return t;
}

/* The wall-clock fields of t (zero time for a DATE). */
static inline struct civil civil_from_ical(const struct icaltimetype *t)
{
	struct civil c = { t->year, t->month, t->day, 0, 0, 0 };

	if (!t->is_date) {
		c.hour = t->hour;
		c.min = t->minute;
		c.sec = t->second;
	}
	return c;
}

#endif
