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
/*
 * A key for rules that give the same instances: the rule's parts (COUNT and
 * UNTIL ignored), all_day and the n_place numbers that place DTSTART for
 * the kind of rule. NULL when too long to be worth remembering.
 */
char *sched_rule_key(const struct icalrecurrencetype *r, bool all_day,
		     const int64_t *place, size_t n_place);
void sched_cycle_copy(struct sched_cycle *dst, const struct sched_cycle *src);

#endif
