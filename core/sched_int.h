/*
 * sched_int.h - what sched.c and sched_cycle.c share; not an interface.
 */
#ifndef HEARTH_SCHED_INT_H
#define HEARTH_SCHED_INT_H

#include <libical/ical.h>

#include "sched.h"

/* Seconds of wall-clock time in a week, and the largest pattern period. */
#define WEEK_SECONDS (7 * 86400LL)

/*
 * Fills s->cycle from rule r (its COUNT and UNTIL are ignored: the caller
 * sets cycle.until), or leaves it empty when the rule has no pattern or
 * libical cannot expand it.
 */
void sched_cycle_build(struct sched *s, const struct icalrecurrencetype *r);
void sched_cycle_free(struct sched_cycle *c);
void sched_cycle_copy(struct sched_cycle *dst, const struct sched_cycle *src);

#endif
