/*
 * sched.h - when a series happens: its schedule and the recurrence engine.
 *
 * A schedule is a first occurrence (start and end in wall-clock time in an
 * IANA zone, or dates for an all-day event), an optional RFC 5545 RRULE, and
 * lists of extra dates (RDATE) and exception dates (EXDATE), all as
 * wall-clock times in the schedule's zone.
 *
 * Recurrences are expanded by libical's iterator in floating wall-clock time
 * and only then turned into instants by tz.h, so that daylight-saving changes
 * follow RFC 5545 (libical's zoned iterator shifts a 02:30 series to 03:30
 * for good after a spring-forward day). The iterator's set_start does not
 * honour COUNT, so sched_prepare rewrites a COUNT rule as the equivalent
 * UNTIL rule once, when the series is saved; every later expansion can then
 * start at its window, whatever the series' age.
 */
#ifndef HEARTH_SCHED_H
#define HEARTH_SCHED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "civil.h"
#include "tz.h"
#include "util.h"

/* reach_end of a schedule that never ends. */
#define SCHED_FOREVER INT64_MAX
/* Expansion windows are clamped to the years 1..9999 that civil.h knows. */
#define SCHED_MIN_INSTANT (-62135596800LL)
#define SCHED_MAX_INSTANT 253402300799LL
/* Largest COUNT accepted: more is a mistake or an attack, not a calendar. */
#define SCHED_MAX_COUNT 100000
/* Expansions stop after this many rule iterations in one call. */
#define SCHED_MAX_ITERATIONS 2000000

struct civil_list {
	struct civil *v;
	size_t n, cap;
};

/*
 * A rule's instances as one pattern repeated every period of wall-clock time
 * (sched_cycle.c). Rules that repeat the same thing each hour, day or week
 * (DAILY, WEEKLY with BYDAY, ...) have one: libical expands the first
 * periods once, and any later period holds the same offsets from its start.
 * Times are wall-clock seconds (civil_to_seconds). period 0: the rule has no
 * such pattern, and libical expands every window itself.
 */
struct sched_cycle {
	int64_t period;          /* seconds of wall-clock time; 0 = none */
	int64_t *head;           /* the instances before base, ascending */
	size_t n_head;
	int64_t base;            /* start of the first period the pattern holds */
	int64_t *offs;           /* offsets in [0, period) of each later period */
	size_t n_offs;
	int64_t until;           /* last second an instance may start, or INT64_MAX */
};

/* The first instance of c at or after wall-clock second t; INT64_MAX: none. */
int64_t sched_cycle_next(const struct sched_cycle *c, int64_t t);
/* The n-th instance of c (from 1); false when it has fewer. */
bool sched_cycle_nth(const struct sched_cycle *c, long n, int64_t *at);

struct sched {
	char tzid[TZ_NAME_MAX + 1];
	bool all_day;
	struct civil start;      /* a date alone when all_day */
	struct civil end;        /* exclusive; a date alone when all_day */
	char *rrule;             /* normalised RRULE value, or NULL */
	struct civil_list rdates;
	struct civil_list exdates;
	/* Derived by sched_prepare; storage keeps them to expand quickly. */
	char *xrule;             /* rrule with COUNT turned into UNTIL */
	int64_t reach_start;     /* instant the first occurrence starts */
	int64_t reach_end;       /* instant the last one ends, or SCHED_FOREVER */
	/* Derived by sched_prepare, not stored: the rule's pattern, if any. */
	struct sched_cycle cycle;
};

/* One occurrence as the schedule generates it. */
struct instance {
	struct civil rid;        /* original wall-clock start (RECURRENCE-ID) */
	int64_t start, end;      /* instants */
};

struct instances {
	struct instance *v;
	size_t n, cap;
};

void civil_list_add(struct civil_list *l, struct civil c);
void civil_list_free(struct civil_list *l);
bool civil_list_has(const struct civil_list *l, const struct civil *c);
/* Removes every entry equal to c; returns how many were removed. */
size_t civil_list_remove(struct civil_list *l, const struct civil *c);

/* "2027-01-08T10:00:00 2027-01-15T10:00:00" (dates alone when date_only);
 * NULL for an empty list. */
char *civil_list_format(const struct civil_list *l, bool date_only);
/* Reads what civil_list_format wrote (NULL or "" is an empty list). */
bool civil_list_parse(const char *text, struct civil_list *l);

void sched_init(struct sched *s);
void sched_free(struct sched *s);
void sched_copy(struct sched *dst, const struct sched *src);

/*
 * Checks and normalises rule text (an RRULE value, "RRULE:" prefix allowed)
 * into *norm (caller frees). all_day tells what kind of DTSTART it goes with.
 */
int sched_parse_rule(const char *rule, char **norm, struct herr *err);
/*
 * Validates s (zone, end after start, rule, dates) and fills its derived
 * fields. Must be called after any change and before expanding or storing.
 */
int sched_prepare(struct sched *s, struct herr *err);
/* Exact length of one occurrence in seconds (all-day: whole days). */
int64_t sched_duration(const struct sched *s);
/*
 * Appends to out every instance whose start lies in [from, to), sorted by
 * start, exception dates removed and extra dates merged; at most limit
 * instances when limit > 0. s must have been prepared.
 */
int sched_expand(const struct sched *s, int64_t from, int64_t to,
		 size_t limit, struct instances *out, struct herr *err);
/* The instant of the occurrence whose original start is rid. */
int64_t sched_instant(const struct sched *s, const struct civil *rid);
/* The instant the occurrence from rid ends, given the instant it starts. */
int64_t sched_instance_end(const struct sched *s, const struct civil *rid,
			   int64_t start);
/* True when rid is the original start of one of s's occurrences. */
bool sched_has_instance(const struct sched *s, const struct civil *rid);
/*
 * Number of rule instances strictly before rid (for carrying COUNT over to
 * the second half of a split series); -1 when the rule has no COUNT.
 */
long sched_count_before(const struct sched *s, const struct civil *rid);
/* The rule's UNTIL as wall-clock time in s's zone; false when it has none. */
bool sched_rule_until(const struct sched *s, struct civil *until);
/* The rule's COUNT, 0 when it has none. */
int sched_rule_count(const char *rule);
/*
 * A copy of rule with UNTIL replaced by until (wall-clock time in the
 * schedule's zone; a date for all-day) and COUNT dropped, or with count as
 * COUNT when count > 0.
 */
char *sched_rule_with_end(const struct sched *s, const char *rule,
			  const struct civil *until, int count);

void instances_free(struct instances *l);

/* Wall-clock seconds (civil_to_seconds), ascending. */
struct walls {
	int64_t *v;
	size_t n, cap;
};
void walls_free(struct walls *w);
/*
 * Appends the instances s's rule itself gives in wall-clock [from, to),
 * cut at its UNTIL: not DTSTART, extra or exception dates. For rules
 * without a pattern (monthly, yearly...): series whose rules are alike and
 * place their instances alike, long begun, share one libical expansion of
 * the window, so that storing a calendar's monthly series costs a few
 * expansions, not one each.
 */
int sched_rule_walls(const struct sched *s, int64_t from, int64_t to,
		     struct walls *out, struct herr *err);

/*
 * A repeat rule in the terms of a simple editor: how often, every how
 * many, on which weekdays, until when or how many times. Rules using other
 * parts (BYMONTHDAY, BYSETPOS, ...) are "custom": simple is false and only
 * their text can be edited.
 */
enum rule_freq { RULE_NONE, RULE_DAILY, RULE_WEEKLY, RULE_MONTHLY,
		 RULE_YEARLY, RULE_HOURLY, RULE_MINUTELY, RULE_SECONDLY };
struct rule_parts {
	enum rule_freq freq;
	int interval;
	unsigned weekdays;       /* bit 0 = Monday .. bit 6 = Sunday */
	bool has_until;
	struct civil until;      /* wall-clock in the schedule's zone */
	int count;               /* 0 = none */
	bool simple;
};

/* Reads rule (NULL = none) of schedule s into parts. */
int sched_rule_parts(const struct sched *s, const char *rule,
		     struct rule_parts *parts, struct herr *err);
/* Writes parts as an RRULE value for s (NULL for RULE_NONE). */
char *sched_rule_build(const struct sched *s, const struct rule_parts *parts);

/*
 * Every part of a repeat rule that a description in words can use, without
 * libical's types (words.h describes rules from it). Lists keep the rule's
 * order. other is set when the rule has parts not given here (BYHOUR,
 * BYMINUTE, BYSECOND, BYYEARDAY, BYWEEKNO, BYSETPOS, RSCALE, leap months)
 * or a list longer than RULE_LIST_MAX: such a rule is shown as its text.
 */
#define RULE_LIST_MAX 32
struct rule_day {
	int pos;                 /* 0 = every such weekday; 1 first, -1 last */
	int weekday;             /* 0 = Monday .. 6 = Sunday */
};
struct rule_spec {
	enum rule_freq freq;
	int interval;            /* 1 or more */
	int count;               /* 0 = none */
	bool has_until;
	struct civil until;      /* wall-clock in the schedule's zone */
	int n_days, n_monthdays, n_months;
	struct rule_day days[RULE_LIST_MAX];
	int monthdays[RULE_LIST_MAX];  /* 1..31, or -1 last .. -31 */
	int months[12];                /* 1..12 */
	bool other;
};

/* Reads rule (not NULL) of schedule s into *spec. */
int sched_rule_spec(const struct sched *s, const char *rule,
		    struct rule_spec *spec, struct herr *err);

#endif
