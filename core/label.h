/*
 * label.h - dates, months, weekdays and times of day as people read them,
 * in the interface language ("Fri 8 Jan 2027", "2027年1月8日 周五"), for
 * every front end (command line, full-screen interface, and whatever else
 * shows a date to a person). Translators reorder the parts through the
 * patterns in label.c.
 */
#ifndef HEARTH_LABEL_H
#define HEARTH_LABEL_H

#include "civil.h"

/* "Fri 8 Jan 2027" in the interface language ("2027年1月8日 周五"); the
 * caller frees. */
char *label_day(const struct civil *day);
/* "Sat 16 Jan" ("1月16日（周六）"): a day of the year at hand, in a chat
 * notice or on a poster; the caller frees it. */
char *label_day_short(const struct civil *day);
/* "January 2027" in the interface language ("2027年1月"); the caller
 * frees. */
char *label_month(const struct civil *day);
/* "8 Jan 2027" ("2027年1月8日"): a date in running text; the caller
 * frees. */
char *label_date(const struct civil *day);
/* "8 Jan" ("1月8日"): a day of the year, without the year; the caller
 * frees. */
char *label_month_day(const struct civil *day);
/* "Jan" .. "Dec" (1 = January) in the interface language ("1月"). */
const char *label_month_abbrev(int month);
/* "Mon" .. "Sun" (0 = Monday) in the interface language. */
const char *label_weekday(int weekday);
/* What separates items of a list shown to people: ", " (Chinese "、"). */
const char *label_list_sep(void);
/* "09:30" for minutes after midnight. */
void label_minutes(int minutes, char buf[16]);
/* "10:00" */
void label_hhmm(const struct civil *c, char buf[8]);

#endif
