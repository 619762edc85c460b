/*
 * alarm.h - reminders: how long before an occurrence's start a phone
 * reminds of it.
 *
 * An event either has its own reminders or takes its kind's (the config's
 * alarm = 1d, 1h). Its own may be none at all, which is not the same as
 * not having set any: set tells them apart.
 */
#ifndef HEARTH_ALARM_H
#define HEARTH_ALARM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* At most this many reminders on one event; more is surely a mistake. */
#define ALARM_MAX 8
/* None longer than this before the start (four weeks). */
#define ALARM_LONGEST (28 * 86400LL)

struct alarms {
	int64_t before[ALARM_MAX]; /* seconds before the start, > 0, sorted
				      longest first, no two the same */
	size_t n;
	bool set;                  /* chosen, not the kind's default */
};

/*
 * Parses "1d, 2h" (lengths as when_parse_duration reads them, separated by
 * commas or spaces) or "none" into *out, which is then set. HE_USER with a
 * message naming the bad part.
 */
int alarms_parse(const char *text, struct alarms *out, struct herr *err);
/* Adds one length (as --alarm does); HE_USER when invalid or too many. */
int alarms_add(struct alarms *a, int64_t before, struct herr *err);
/* "1d, 2h", or "none" for an empty set (caller frees). */
char *alarms_format(const struct alarms *a);
/* How storage keeps them: "86400,7200", "" for none, NULL when not set. */
char *alarms_to_text(const struct alarms *a);
/* The reverse of alarms_to_text; false when text is damaged. */
bool alarms_from_text(const char *text, struct alarms *out);

#endif
