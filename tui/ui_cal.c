/* ui_cal.c - days of occurrences and the selected day. */
#include "ui_cal.h"

#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "out.h"

static struct civil local_day(const struct ui *u, const struct occ *o,
			      int64_t at)
{
	const struct tz *z = o->all_day ? tz_get(o->tzid) : ui_zone(u);
	struct civil c = tz_from_utc(z ? z : ui_zone(u), at, NULL);
	c.hour = c.min = c.sec = 0;
	return c;
}

bool days_load(struct ui *u, struct days *d, struct civil first, int ndays)
{
	struct occ_filter f = { .statuses = 7, .with_cancelled = true };
	struct civil last = civil_add_days(first, ndays);
	struct herr err = { 0 };
	int64_t from = tz_to_utc(ui_zone(u), &first);
	int64_t to = tz_to_utc(ui_zone(u), &last);
	int64_t base = civil_days(first.year, first.month, first.day);
	size_t k = 0;

	days_free(d);
	d->first = first;
	d->ndays = ndays;
	d->start = xcalloc((size_t)ndays + 1, sizeof *d->start);
	if (store_occurrences(u->st, from, to, &f, 0, &d->occ, &err) != HE_OK) {
		ui_show_err(u, &err);
		return false;
	}
	/* An occurrence belongs to the day it starts on (or the first shown). */
	for (int i = 0; i <= ndays; i++) {
		while (k < d->occ.n) {
			struct civil c = local_day(u, &d->occ.v[k], d->occ.v[k].start);
			if (civil_days(c.year, c.month, c.day) - base >= i)
				break;
			k++;
		}
		d->start[i] = i == 0 ? 0 : k;
	}
	d->start[ndays] = d->occ.n;
	return true;
}

void days_free(struct days *d)
{
	occ_list_free(&d->occ);
	free(d->start);
	d->start = NULL;
	d->ndays = 0;
}

size_t days_count(const struct days *d, int i)
{
	if (!d->start || i < 0 || i >= d->ndays)
		return 0;
	return d->start[i + 1] - d->start[i];
}

const struct occ *days_get(const struct days *d, int i, size_t k)
{
	return k < days_count(d, i) ? &d->occ.v[d->start[i] + k] : NULL;
}

struct civil cal_day(const struct ui *u)
{
	struct civil c = tz_from_utc(ui_zone(u), u->cursor, NULL);
	c.hour = c.min = c.sec = 0;
	return c;
}

void cal_set_day(struct ui *u, struct civil day)
{
	day.hour = day.min = day.sec = 0;
	u->cursor = tz_to_utc(ui_zone(u), &day);
}

struct civil cal_week_start(const struct ui *u, struct civil day)
{
	int back = (civil_weekday(&day) - u->cfg->week_start + 7) % 7;
	return civil_add_days(day, -back);
}

const char *cal_weekday_name(int weekday)
{
	return out_weekday(weekday);
}
