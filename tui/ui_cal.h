/*
 * ui_cal.h - what the month and week views share: the selected day, and the
 * occurrences of a span of days grouped by day.
 */
#ifndef HEARTH_UI_CAL_H
#define HEARTH_UI_CAL_H

#include "ui_int.h"

/*
 * Occurrences of days [first, first + ndays) (display zone), by the day
 * they start: at most per_day of each day are loaded, with the day's total.
 */
struct days {
	struct civil first;
	int ndays;
	struct occ_list occ;
	size_t *start;           /* index of each day's first, ndays + 1 */
	size_t *total;           /* how many start on each day */
	int64_t *bounds;         /* each day's midnight, ndays + 1 */
};

/* Loads the days' occurrences (all statuses; cancelled ones included). */
bool days_load(struct ui *u, struct days *d, struct civil first, int ndays,
	       size_t per_day, bool texts);
/* Without texts, days_load gives each occurrence's series, instants and
 * state only; this looks up the texts of occ.v[at[0 .. n)] that lack them. */
bool days_texts(struct ui *u, struct days *d, const size_t *at, size_t n);
void days_free(struct days *d);
/* Loaded occurrences of day i are occ.v[start[i] .. start[i + 1]). */
size_t days_count(const struct days *d, int i);
/* How many start on day i, loaded or not. */
size_t days_total(const struct days *d, int i);
const struct occ *days_get(const struct days *d, int i, size_t k);

/* The selected day, kept in u->cursor as its midnight. */
struct civil cal_day(const struct ui *u);
void cal_set_day(struct ui *u, struct civil day);
/* The first day of the week holding day (config week_start). */
struct civil cal_week_start(const struct ui *u, struct civil day);
/* f in month and week: asks which kind to show (or every kind). */
void cal_choose_kind(struct ui *u);
/* "only Lecture (f)" while a kind is chosen, else NULL; to free. */
char *cal_kind_note(const struct ui *u);

#endif
