/*
 * icalref.h - libical's own iterator as the reference the expansion tests
 * (test_sched.c, test_sched_cycle.c) compare hearth's with: started at a
 * schedule's DTSTART, walked instance by instance in wall-clock time.
 * Include after cmocka.h and libical/ical.h.
 */
#ifndef HEARTH_ICALREF_H
#define HEARTH_ICALREF_H

#include "../../core/sched.h"

/* An iterator over rule from s's DTSTART (a date when all-day); the
 * caller frees it (icalrecur_iterator_free). With until given, the rule's
 * UNTIL goes there and not to libical, for the caller to apply: libical
 * compares it in its own way. */
static inline icalrecur_iterator *ref_iterator(const struct sched *s,
					       const char *rule,
					       struct icaltimetype *until)
{
	struct icalrecurrencetype r = icalrecurrencetype_from_string(rule);
	struct icaltimetype dt = icaltime_null_time();
	icalrecur_iterator *it;

	dt.year = s->start.year;
	dt.month = s->start.month;
	dt.day = s->start.day;
	if (s->all_day) {
		dt.is_date = 1;
	} else {
		dt.hour = s->start.hour;
		dt.minute = s->start.min;
		dt.second = s->start.sec;
	}
	if (until) {
		*until = r.until;
		r.until = icaltime_null_time();
	}
	it = icalrecur_iterator_new(r, dt);
	assert_non_null(it);
	return it;
}

/* The iterator's next instance in wall-clock time (00:00 for a date);
 * false after the last. */
static inline bool ref_next(icalrecur_iterator *it, struct civil *c)
{
	struct icaltimetype t = icalrecur_iterator_next(it);

	if (icaltime_is_null_time(t))
		return false;
	*c = (struct civil){ t.year, t.month, t.day, t.hour, t.minute, t.second };
	if (t.is_date)
		c->hour = c->min = c->sec = 0;
	return true;
}

#endif
