/*
 * civil.h - wall-clock dates and times, without any time zone.
 *
 * A struct civil is what a clock on the wall and a calendar show: a date and,
 * unless it is a date alone, a time of day. Time zones turn it into an
 * instant (tz.h); here there is only proleptic Gregorian arithmetic, valid
 * for the years 1..9999.
 */
#ifndef HEARTH_CIVIL_H
#define HEARTH_CIVIL_H

#include <stdbool.h>
#include <stdint.h>

struct civil {
	int year, month, day;   /* month 1..12, day 1..31 */
	int hour, min, sec;     /* 0 for a date alone */
};

/* Days since 1970-01-01 of a date (negative before). */
int64_t civil_days(int year, int month, int day);
/* The date of a day number from civil_days. */
void civil_from_days(int64_t days, int *year, int *month, int *day);
/* Seconds since 1970-01-01T00:00 treating c as if it were UTC. */
int64_t civil_to_seconds(const struct civil *c);
/* The civil time of seconds counted as by civil_to_seconds. */
struct civil civil_from_seconds(int64_t secs);
/* 0 = Monday .. 6 = Sunday. */
int civil_weekday(const struct civil *c);
int civil_days_in_month(int year, int month);
/* True when every field is in range. */
bool civil_valid(const struct civil *c);
int civil_cmp(const struct civil *a, const struct civil *b);
/* Adds days, keeping the time of day. */
struct civil civil_add_days(struct civil c, int64_t days);
/* Adds months, clamping the day to the end of a shorter month. */
struct civil civil_add_months(struct civil c, int months);

/* Writes the last width digits of |v| at p, zero-padded; returns the end. */
char *civil_put_digits(char *p, int v, int width);

/* Buffer size for civil_format (room for any int fields). */
#define CIVIL_BUFSZ 32
/* "2027-01-08T10:00:00", or "2027-01-08" when date_only. */
char *civil_format(const struct civil *c, bool date_only, char buf[CIVIL_BUFSZ]);
/*
 * Parses the storage forms written by civil_format (and "YYYY-MM-DD HH:MM"
 * variants); sets *date_only when no time was given. Returns false when s is
 * not exactly one of them or names an impossible date.
 */
bool civil_parse(const char *s, struct civil *c, bool *date_only);

#endif
