/*
 * ui_report.c - the report view (8): a month, week or year in numbers,
 * grouped by week, month, kind, venue, host or category, with a bar of
 * block characters per row and a sparkline across weeks or months, so that
 * it reads at 80x24 and without colour. Left/Right move the period, p
 * changes its length, b the grouping, c the category charted, f filters,
 * x writes the report as a workbook or CSV, Enter on a week or month
 * zooms into it.
 */
#include "ui_int.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../core/atomic.h"
#include "../core/i18n.h"
#include "../core/label.h"
#include "../core/paths.h"
#include "../core/report/report.h"
#include "../core/text.h"
#include "outfile.h"

enum period { P_MONTH, P_WEEK, P_YEAR, P_COUNT };

struct report_ui {
	enum period period;
	struct civil day;        /* a day of the period shown */
	enum report_by by;
	char *series;            /* the category charted; NULL: the main one */
	char *kind, *venue, *org;
	struct report r;
	bool loaded;
	size_t sel, top;
};

static struct report_ui *state(struct ui *u)
{
	struct report_ui *s = u->state[V_REPORT];

	if (!s) {
		s = u->state[V_REPORT] = xcalloc(1, sizeof *s);
		s->day = ui_today(u);
		s->by = REPORT_BY_WEEK;
	}
	return s;
}

/* The first day of the period holding s->day, and the day after it. */
static void bounds(const struct ui *u, const struct report_ui *s,
		   struct civil *first, struct civil *next)
{
	*first = s->day;
	first->hour = first->min = first->sec = 0;
	switch (s->period) {
	case P_WEEK:
		*first = civil_add_days(*first, -(int64_t)((civil_weekday(first) -
					u->app->cfg.week_start + 7) % 7));
		*next = civil_add_days(*first, 7);
		break;
	case P_YEAR:
		first->month = first->day = 1;
		*next = civil_add_months(*first, 12);
		break;
	default:
		first->day = 1;
		*next = civil_add_months(*first, 1);
		break;
	}
}

static void load(struct ui *u, struct report_ui *s)
{
	struct civil first, next;
	struct herr err = { 0 };
	struct report_query q = {
		.zone = tz_name(ui_zone(u)), .week_start = u->app->cfg.week_start,
		.kind = s->kind, .venue = s->venue, .org = s->org,
		.by = { s->by }, .n_by = 1, .now = ui_now(u), .cfg = &u->app->cfg,
	};

	report_free(&s->r);
	bounds(u, s, &first, &next);
	q.from = tz_to_utc(ui_zone(u), &first);
	q.to = tz_to_utc(ui_zone(u), &next);
	if (report_build(u->app->st, &q, &s->r, &err) != HE_OK)
		ui_show_err(u, &err);
	s->loaded = true;
	if (s->r.n_tables && s->sel >= s->r.tables[0].n)
		s->sel = s->r.tables[0].n ? s->r.tables[0].n - 1 : 0;
}

/* The category charted: the one chosen if counted, else the main one;
 * r->n_cats charts occurrences held. */
static size_t charted(const struct report_ui *s)
{
	for (size_t i = 0; s->series && i < s->r.n_cats; i++)
		if (!strcmp(s->r.cats[i].key, s->series))
			return i;
	return s->r.main_cat;
}

static int64_t value(const struct report_ui *s, const struct report_table *t,
		     const struct report_row *row)
{
	size_t c = charted(s);

	if (t->by == REPORT_BY_CATEGORY)
		return row->sums[row->cat];
	return c < s->r.n_cats ? row->sums[c] : row->held;
}

static char *period_title(const struct ui *u, const struct report_ui *s)
{
	struct civil first, next, last;

	bounds(u, s, &first, &next);
	last = civil_add_days(next, -1);
	switch (s->period) {
	case P_WEEK:
		/* TRANSLATORS: as the weeks of a report ("1/4–1/10"). */
		return xasprintf(_("%1$d/%2$d–%3$d/%4$d"), first.month, first.day,
				 last.month, last.day);
	case P_YEAR:
		/* TRANSLATORS: a year in the report view ("2027年"). */
		return xasprintf(_("Year %d"), first.year);
	default:
		return label_month(&first);
	}
}

/* "‹ January 2027 ›  By week · People served (people) · kind: Clinic" */
static void draw_title(struct ui *u, struct report_ui *s, int y)
{
	char *period = period_title(u, s);
	size_t c = charted(s);
	char *series = c < s->r.n_cats ? report_cat_heading(&s->r.cats[c])
				       : xstrdup(_("Held"));
	struct sbuf b = { 0 };

	sbuf_addf(&b, "‹ %s ›  %s · %s", period, report_by_label(s->by), series);
	if (s->r.filters)
		sbuf_addf(&b, " · %s", s->r.filters);
	ui_put(y, 0, u->cols, sbuf_str(&b), A_BOLD);
	sbuf_free(&b);
	free(series);
	free(period);
}

static void draw_summary(struct ui *u, struct report_ui *s, int y)
{
	char *line = xasprintf(_("Held %ld · Cancelled %ld · Upcoming %ld · "
				 "Suggestions %ld"), s->r.total.held,
			       s->r.total.cancelled, s->r.total.upcoming,
			       s->r.suggestions.total);
	if (s->r.has_people) {
		char *more = xasprintf(_("%s · Volunteer hours %.1f · Points %lld"),
				       line, s->r.total.hours,
				       (long long)s->r.total.points);
		free(line);
		line = more;
	}
	ui_put(y, 1, u->cols - 1, line, A_NORMAL);
	free(line);
}

/* Across weeks or months: the charted series as a sparkline. */
static void draw_sparkline(struct ui *u, struct report_ui *s,
			   const struct report_table *t, int y)
{
	int64_t *v;
	char *spark;

	if (t->by != REPORT_BY_WEEK && t->by != REPORT_BY_MONTH)
		return;
	size_t c = charted(s);
	const char *what = c < s->r.n_cats ? s->r.cats[c].label : _("Held");
	int w = text_width(what);

	v = xcalloc(t->n + 1, sizeof *v);
	for (size_t i = 0; i < t->n; i++)
		v[i] = value(s, t, &t->rows[i]);
	spark = chart_sparkline(v, t->n);
	ui_put(y, 1, w, what, A_DIM);
	ui_put(y, 2 + w, u->cols - 2 - w, spark, A_NORMAL);
	free(spark);
	free(v);
}

/* Columns: the label, occurrences held (or counted), the value, a bar. */
struct layout {
	int label, held, value, bar;
};

static struct layout lay_out(const struct ui *u, const struct report_table *t)
{
	struct layout l = { 8, 8, 9, 0 };

	for (size_t i = 0; i < t->n; i++) {
		int w = text_width(t->rows[i].label);
		if (w > l.label)
			l.label = w;
	}
	if (l.label > u->cols / 3)
		l.label = u->cols / 3;
	l.bar = u->cols - 1 - l.label - l.held - l.value - 3;
	return l;
}

static void draw_row(struct ui *u, struct report_ui *s,
		     const struct report_table *t, const struct report_row *row,
		     int y, const struct layout *l, int64_t max, attr_t at)
{
	char held[24], val[24], *bar;
	int x = 1;

	snprintf(held, sizeof held, "%ld", t->by == REPORT_BY_CATEGORY
		 ? row->counted[row->cat] : row->held);
	snprintf(val, sizeof val, "%lld", (long long)value(s, t, row));
	ui_fill(y, 0, u->cols, at);
	ui_put(y, x, l->label, row->label, at);
	x += l->label + 1;
	ui_put_right(y, x, l->held, held, at);
	x += l->held + 1;
	ui_put_right(y, x, l->value, val, at);
	x += l->value + 1;
	bar = max > 0 ? chart_bar(value(s, t, row), max, l->bar) : xstrdup("");
	ui_put(y, x, l->bar, bar, at);
	free(bar);
}

static void draw_table(struct ui *u, struct report_ui *s,
		       const struct report_table *t, int y, int rows)
{
	struct layout l = lay_out(u, t);
	int64_t max = 0;
	size_t c = charted(s);
	char *heading = t->by == REPORT_BY_CATEGORY ? xstrdup(_("Total"))
		: c < s->r.n_cats ? xstrdup(s->r.cats[c].label)
				  : xstrdup(_("Held"));

	for (size_t i = 0; i < t->n; i++)
		if (value(s, t, &t->rows[i]) > max)
			max = value(s, t, &t->rows[i]);
	ui_put(y, 1, l.label, report_row_heading(t->by), A_UNDERLINE);
	ui_put_right(y, 2 + l.label, l.held, t->by == REPORT_BY_CATEGORY
		     ? _("Counted") : _("Held"), A_UNDERLINE);
	ui_put_right(y, 3 + l.label + l.held, l.value, heading, A_UNDERLINE);
	free(heading);
	if (t->n == 0) {
		ui_put(y + 1, 1, u->cols - 1, _("Nothing in this period."), A_DIM);
		return;
	}
	s->top = ui_scroll(s->top, s->sel, rows);
	for (int r = 0; r < rows && s->top + (size_t)r < t->n; r++) {
		size_t i = s->top + (size_t)r;
		draw_row(u, s, t, &t->rows[i], y + 1 + r, &l, max,
			 i == s->sel ? ui_attr_selected() : A_NORMAL);
	}
	if (t->by != REPORT_BY_CATEGORY)
		draw_row(u, s, t, &s->r.total, y + 1 + rows, &l, 0, A_BOLD);
}

static void report_draw(struct ui *u)
{
	struct report_ui *s = state(u);
	int y0 = ui_body_top(), h = ui_body_rows(u);

	if (!s->loaded)
		load(u, s);
	if (!s->r.n_tables)
		return;
	draw_title(u, s, y0);
	draw_summary(u, s, y0 + 1);
	draw_sparkline(u, s, &s->r.tables[0], y0 + 2);
	draw_table(u, s, &s->r.tables[0], y0 + 3, h - 5);
}

static void step_period(struct ui *u, struct report_ui *s, int dir)
{
	struct civil first, next;

	bounds(u, s, &first, &next);
	switch (s->period) {
	case P_WEEK: s->day = civil_add_days(first, 7 * dir); break;
	case P_YEAR: s->day = civil_add_months(first, 12 * dir); break;
	default: s->day = civil_add_months(first, dir); break;
	}
	s->loaded = false;
}

/* The next category counted in the period, then occurrences held. */
static void next_series(struct report_ui *s)
{
	size_t c = charted(s), n = s->r.n_cats;

	if (n == 0)
		return;
	c = c >= n ? 0 : c + 1;
	str_replace(&s->series, c < n ? s->r.cats[c].key : "");
}

/* Enter on a week or month: that week or month, by kind. */
static void zoom(struct report_ui *s)
{
	const struct report_table *t = &s->r.tables[0];

	if (s->sel >= t->n || (t->by != REPORT_BY_WEEK && t->by != REPORT_BY_MONTH))
		return;
	s->day = t->rows[s->sel].first;
	s->period = t->by == REPORT_BY_WEEK ? P_WEEK : P_MONTH;
	s->by = REPORT_BY_KIND;
	s->sel = s->top = 0;
	s->loaded = false;
}

static void ask_text(struct ui *u, const char *label, char **slot)
{
	char *t = ui_ask(u, label, *slot, NULL, NULL);

	if (t)
		str_replace(slot, *t ? t : NULL);
	free(t);
}

static void choose_filter(struct ui *u, struct report_ui *s)
{
	char *choices[] = { _("kind"), _("venue"), _("organisation"),
			    _("clear all") };
	char *pick = ui_pick(u, _("Filter by"), choices, 4, NULL, false);

	if (!pick)
		return;
	if (!strcmp(pick, choices[0])) {
		const struct config *cfg = &u->app->cfg;
		char **labels = xcalloc(cfg->n_kinds + 1, sizeof *labels);
		for (size_t i = 0; i < cfg->n_kinds; i++)
			labels[i] = (char *)kind_label(&cfg->kinds[i]);
		char *k = ui_pick(u, _("Kind"), labels, cfg->n_kinds, NULL, false);
		for (size_t i = 0; k && i < cfg->n_kinds; i++)
			if (!strcmp(k, labels[i]))
				str_replace(&s->kind, cfg->kinds[i].key);
		free(k);
		free(labels);
	} else if (!strcmp(pick, choices[1])) {
		ask_text(u, _("Venue name contains:"), &s->venue);
	} else if (!strcmp(pick, choices[2])) {
		ask_text(u, _("Organisation name contains:"), &s->org);
	} else {
		str_replace(&s->kind, NULL);
		str_replace(&s->venue, NULL);
		str_replace(&s->org, NULL);
	}
	free(pick);
	s->loaded = false;
}

static int xlsx_writer(void *ctx, const char *file, struct herr *err)
{
	return report_write_xlsx(ctx, file, err);
}

/* x: the period with every grouping, as a workbook or CSV. */
static void export_report(struct ui *u, struct report_ui *s)
{
	struct civil first, next;
	struct report r = { 0 };
	struct herr err = { 0 };
	struct stat sb;
	char *typed, *path, *tmp = NULL;
	FILE *out;
	int rc;
	struct report_query q = {
		.zone = tz_name(ui_zone(u)), .week_start = u->app->cfg.week_start,
		.kind = s->kind, .venue = s->venue, .org = s->org,
		.by = { REPORT_BY_WEEK, REPORT_BY_MONTH, REPORT_BY_KIND,
			REPORT_BY_VENUE, REPORT_BY_ORG, REPORT_BY_CATEGORY },
		.n_by = 6, .now = ui_now(u), .cfg = &u->app->cfg,
	};

	bounds(u, s, &first, &next);
	typed = xasprintf("hearth-report-%04d-%02d-%02d.xlsx", first.year,
			  first.month, first.day);
	path = path_home(typed);
	free(typed);
	typed = ui_ask(u, _("Write the report to (.xlsx or .csv):"), path, NULL,
		       NULL);
	free(path);
	if (!typed || !*typed) {
		free(typed);
		return;
	}
	path = path_expand_home(typed);
	free(typed);
	if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode)) {
		char *question = xasprintf(_("%s exists. Replace it?"), path);
		bool yes = ui_confirm(u, question);
		free(question);
		if (!yes) {
			free(path);
			return;
		}
	}
	q.from = tz_to_utc(ui_zone(u), &first);
	q.to = tz_to_utc(ui_zone(u), &next);
	rc = report_build(u->app->st, &q, &r, &err);
	if (rc == HE_OK && !(out = atomic_open(path, ATOMIC_IN_PLACE, &tmp, &err)))
		rc = err.code;
	if (rc == HE_OK) {
		size_t n = strlen(path);
		bool csv = n > 4 && !strcasecmp(path + n - 4, ".csv");
		rc = csv ? report_write_csv(&r, out, &err)
			 : outfile_copy_from(out, xlsx_writer, &r, &err);
		rc = atomic_close(out, tmp, path, rc, NULL, &err);
	}
	if (rc == HE_OK)
		ui_message(u, _("Wrote the report to %s."), path);
	else
		ui_show_err(u, &err);
	report_free(&r);
	free(tmp);
	free(path);
}

static int move_key(struct ui *u, struct report_ui *s, enum action a)
{
	size_t n = s->r.n_tables ? s->r.tables[0].n : 0;
	size_t last = n ? n - 1 : 0;

	switch (a) {
	case ACT_UP: if (s->sel) s->sel--; break;
	case ACT_DOWN: if (s->sel < last) s->sel++; break;
	case ACT_FIRST: s->sel = 0; break;
	case ACT_LAST: s->sel = last; break;
	case ACT_LEFT: case ACT_PAGE_UP: step_period(u, s, -1); break;
	case ACT_RIGHT: case ACT_PAGE_DOWN: step_period(u, s, +1); break;
	case ACT_TODAY: s->day = ui_today(u); s->loaded = false; break;
	default: return UI_IGNORED;
	}
	return UI_HANDLED;
}

static int report_key(struct ui *u, enum action a)
{
	struct report_ui *s = state(u);

	if (move_key(u, s, a) == UI_HANDLED)
		return UI_HANDLED;
	switch (a) {
	case ACT_REPORT_PERIOD:
		s->period = (s->period + 1) % P_COUNT;
		s->loaded = false;
		return UI_HANDLED;
	case ACT_REPORT_BY:
		s->by = (s->by + 1) % REPORT_N_BY;
		s->sel = s->top = 0;
		s->loaded = false;
		return UI_HANDLED;
	case ACT_REPORT_SERIES: next_series(s); return UI_HANDLED;
	case ACT_FILTER: choose_filter(u, s); return UI_HANDLED;
	case ACT_EXPORT: export_report(u, s); return UI_HANDLED;
	case ACT_OPEN: zoom(s); return UI_HANDLED;
	default: return UI_IGNORED;
	}
}

static void report_reload(struct ui *u)
{
	state(u)->loaded = false;
}

static void report_free_view(struct ui *u)
{
	struct report_ui *s = u->state[V_REPORT];

	if (!s)
		return;
	report_free(&s->r);
	free(s->series);
	free(s->kind);
	free(s->venue);
	free(s->org);
	free(s);
	u->state[V_REPORT] = NULL;
}

const struct view_ops report_view = {
	N_("Report"), report_draw, report_key, report_reload, report_free_view,
};
