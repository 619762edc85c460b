/*
 * bench_cal.h - a large, realistic, reproducible calendar for benchmarks.
 *
 * bench_cal_build fills a store with n series of community events in
 * Asia/Shanghai and, when asked, writes the same calendar in calcurse's own
 * data format, so that hearth and a peer are timed on identical data.
 *
 * The mix (see bench_cal.c for the exact shares): weekly rules with BYDAY,
 * some open-ended (a few begun years ago), some ending by UNTIL or COUNT,
 * every week, fortnightly or every four weeks; one-off timed events; all-day
 * events of one to three days and all-day weekend series; exception dates
 * and overrides (moved, moved to another venue, cancelled) near the month
 * the benchmark queries. About two thirds of the series reach any month of
 * the generated span. Titles, venues and organisations are Chinese.
 *
 * Everything comes from a fixed seed: the same n gives the same calendar.
 */
#ifndef HEARTH_BENCH_CAL_H
#define HEARTH_BENCH_CAL_H

#include <stdint.h>
#include <stdio.h>

#include "../../core/store.h"

/* The zone of every generated series. */
#define BENCH_TZ "Asia/Shanghai"

struct bench_cal_stats {
	long series, recurring, with_count, with_until, open_ended, one_off,
	     all_day, exdates, overrides;
	long reaching;           /* series whose reach touches the window */
	long calcurse_items;     /* lines written for calcurse */
};

/*
 * The 30 days the benchmark queries, [*from, *to), midnight to midnight in
 * BENCH_TZ, and the same as a local date for peers ("2027-03-01"); the
 * calendar's span is centred on them.
 */
void bench_cal_window(int64_t *from, int64_t *to, char date[CIVIL_BUFSZ]);
#define BENCH_WINDOW_DAYS 30
/* The moment a screenful is asked from: a weekday morning inside the window. */
int64_t bench_cal_moment(void);

/*
 * Adds n series to st in one transaction. stats->reaching counts the series
 * whose reach touches the window. When calcurse_apts is not NULL, the same
 * calendar is written there in calcurse's "apts" format, sorted the way
 * calcurse itself saves it.
 */
int bench_cal_build(struct store *st, int n, FILE *calcurse_apts,
		    struct bench_cal_stats *stats, struct herr *err);

#endif
