/* ui_cal.c - days of occurrences and the selected day. */
#include "ui_cal.h"

#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/label.h"

bool days_load(struct ui *u, struct days *d, struct civil first, int ndays,
	       size_t per_day, bool texts)
{
	struct herr err = { 0 };
	size_t k = 0;

	days_free(d);
	d->first = first;
	d->ndays = ndays;
	d->start = xcalloc((size_t)ndays + 1, sizeof *d->start);
	d->total = xcalloc((size_t)ndays + 1, sizeof *d->total);
	d->bounds = xcalloc((size_t)ndays + 1, sizeof *d->bounds);
	for (int i = 0; i <= ndays; i++) {
		struct civil day = civil_add_days(first, i);
		d->bounds[i] = tz_to_utc(ui_zone(u), &day);
	}
	if ((texts ? store_day_samples : store_day_keys)(u->app->st, d->bounds,
							 ndays, u->cal_kind,
							 per_day, &d->occ,
							 d->total, &err) != HE_OK) {
		ui_show_err(u, &err);
		return false;
	}
	/* Samples arrive day by day: find where each day's begin. */
	for (int i = 0; i < ndays; i++) {
		d->start[i] = k;
		while (k < d->occ.n && d->occ.v[k].start < d->bounds[i + 1])
			k++;
	}
	d->start[ndays] = d->occ.n;
	return true;
}

bool days_texts(struct ui *u, struct days *d, const size_t *at, size_t n)
{
	struct herr err = { 0 };
	struct occ **want = xcalloc(n + 1, sizeof *want);
	size_t k = 0;
	bool ok = true;

	for (size_t i = 0; i < n; i++)
		if (at[i] < d->occ.n && !d->occ.v[at[i]].title)
			want[k++] = &d->occ.v[at[i]];
	if (k && store_occ_details(u->app->st, want, k, &err) != HE_OK) {
		ui_show_err(u, &err);
		ok = false;
	}
	free(want);
	return ok;
}

void days_free(struct days *d)
{
	occ_list_free(&d->occ);
	free(d->start);
	free(d->total);
	free(d->bounds);
	d->start = d->total = NULL;
	d->bounds = NULL;
	d->ndays = 0;
}

size_t days_total(const struct days *d, int i)
{
	if (!d->total || i < 0 || i >= d->ndays)
		return 0;
	return d->total[i];
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
	int back = (civil_weekday(&day) - u->app->cfg.week_start + 7) % 7;
	return civil_add_days(day, -back);
}

void cal_choose_kind(struct ui *u)
{
	const struct config *cfg = &u->app->cfg;
	char **labels = xcalloc(cfg->n_kinds + 2, sizeof *labels);
	char *pick;

	/* TRANSLATORS: the kind filter's choice that shows every kind. */
	labels[0] = _("every kind");
	for (size_t i = 0; i < cfg->n_kinds; i++)
		labels[i + 1] = (char *)kind_label(&cfg->kinds[i]);
	pick = ui_pick(u, _("Kind"), labels, cfg->n_kinds + 1, NULL, false);
	if (pick) {
		str_replace(&u->cal_kind, NULL);
		for (size_t i = 0; i < cfg->n_kinds; i++)
			if (!strcmp(pick, labels[i + 1]))
				str_replace(&u->cal_kind, cfg->kinds[i].key);
		ui_reload(u);
		if (u->cal_kind)
			ui_message(u, _("Month and week show only %s (f again for "
					"every kind)."), pick);
		else
			ui_message(u, _("Month and week show every kind."));
	}
	free(pick);
	free(labels);
}

char *cal_kind_note(const struct ui *u)
{
	if (!u->cal_kind)
		return NULL;
	return xasprintf(_("only %s (f)"),
			 config_kind_label(&u->app->cfg, u->cal_kind));
}
