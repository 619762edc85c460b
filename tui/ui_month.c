/*
 * ui_month.c - the month view: a grid of six weeks, each day showing its
 * occurrences as far as they fit, today marked, and a panel listing the
 * selected day. A day lists its rarer events first (one-offs, then weekly,
 * then those on most days), and the ones held on most days - stations open
 * every day - share one line ("3 daily"): at 80x24 a cell has a single line,
 * and daily stations would otherwise hide the one reading session behind
 * "+3". How many are not shown stands beside the day's number.
 */
#include "ui_cal.h"

#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/label.h"
#include "../core/text.h"

/* Enough of a day to find its rarer events among the daily ones. */
#define DAY_SAMPLE 48
/* An event on at least this many days of the week around a day is daily. */
#define DAILY_DAYS 4

struct month {
	struct days days;
	int year, month;          /* what days holds */
	size_t per_day;           /* how many of each day it holds */
	bool loaded;
	size_t *seen;             /* per loaded occurrence: its series' count
				     in the grid (rarer first) */
	bool *daily;              /* per loaded occurrence: held on most days */
};

static struct month *state(struct ui *u)
{
	if (!u->state[V_MONTH])
		u->state[V_MONTH] = xcalloc(1, sizeof(struct month));
	return u->state[V_MONTH];
}

static struct civil grid_start(const struct ui *u, struct civil day)
{
	struct civil first = day;
	first.day = 1;
	return cal_week_start(u, first);
}

/* Rows of a day cell and of the panel below the grid. */
static void layout(const struct ui *u, int *cell_h, int *panel_h)
{
	int rows = ui_body_rows(u);

	*cell_h = (rows - 2 - 4) / 6;
	if (*cell_h > 6)
		*cell_h = 6;
	*panel_h = rows - 2 - 6 * *cell_h;
}

/* A loaded occurrence by series, then day. */
struct place_in_grid {
	int64_t series_id;
	int day;
	size_t at;               /* its index in days.occ */
};

static int cmp_series_day(const void *a, const void *b)
{
	const struct place_in_grid *x = a, *y = b;

	if (x->series_id != y->series_id)
		return (x->series_id > y->series_id) - (x->series_id < y->series_id);
	return (x->day > y->day) - (x->day < y->day);
}

/*
 * One series' occurrences in the grid, v[0 .. n) by day: how many there
 * are, and whether each is on DAILY_DAYS or more days of the week around
 * it (the days from three before to three after).
 */
static void rank_series(struct month *m, const struct place_in_grid *v,
			size_t n)
{
	size_t lo = 0, hi = 0;

	for (size_t k = 0; k < n; k++) {
		size_t days = 0;
		int prev = -1;
		/* v[lo .. hi): those within three days of v[k]'s day. */
		while (v[lo].day < v[k].day - 3)
			lo++;
		while (hi < n && v[hi].day <= v[k].day + 3)
			hi++;
		for (size_t j = lo; j < hi; j++)
			if (v[j].day != prev) {
				days++;
				prev = v[j].day;
			}
		m->seen[v[k].at] = n;
		m->daily[v[k].at] = days >= DAILY_DAYS;
	}
}

/*
 * How often each loaded occurrence's series comes in the grid, and whether
 * it is held on most days of the week around it. Sorted by series and day
 * once: asking each day of the week around each occurrence whether it held
 * the series was a fifth of a warm month view's instructions at 100k.
 */
static void rank(struct month *m)
{
	const struct days *d = &m->days;
	size_t n = d->occ.n, k = 0;
	struct place_in_grid *v = xcalloc(n + 1, sizeof *v);

	free(m->seen);
	free(m->daily);
	m->seen = xcalloc(n + 1, sizeof *m->seen);
	m->daily = xcalloc(n + 1, sizeof *m->daily);
	for (int i = 0; i < d->ndays; i++)
		for (size_t j = 0; j < days_count(d, i); j++, k++) {
			v[k].at = d->start[i] + j;
			v[k].series_id = d->occ.v[v[k].at].series_id;
			v[k].day = i;
		}
	qsort(v, k, sizeof *v, cmp_series_day);
	for (size_t a = 0, b; a < k; a = b) {
		for (b = a + 1; b < k && v[b].series_id == v[a].series_id; b++)
			;
		rank_series(m, v + a, b - a);
	}
	free(v);
}

/* A day's entries for a cell: the rarer first, the daily ones last. */
static int cmp_rarity(const void *a, const void *b, void *ctx)
{
	const struct month *m = ctx;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	const struct occ *ox = &m->days.occ.v[x], *oy = &m->days.occ.v[y];

	if (m->daily[x] != m->daily[y])
		return m->daily[x] ? 1 : -1;
	if (m->seen[x] != m->seen[y])
		return m->seen[x] < m->seen[y] ? -1 : 1;
	return (ox->start > oy->start) - (ox->start < oy->start);
}

/* Indexes into days.occ of day i, rarer first; returns how many. */
static size_t day_by_rarity(const struct month *m, int i, size_t **out)
{
	size_t n = days_count(&m->days, i);

	*out = xcalloc(n + 1, sizeof **out);
	for (size_t k = 0; k < n; k++)
		(*out)[k] = m->days.start[i] + k;
	qsort_r(*out, n, sizeof **out, cmp_rarity, (void *)m);
	return n;
}

static void ensure(struct ui *u, struct month *m)
{
	struct civil day = cal_day(u);
	int cell_h, panel_h;
	size_t need;

	layout(u, &cell_h, &panel_h);
	/* Only what cells and panel can show is read: a busy day stays cheap. */
	need = (size_t)(cell_h > panel_h ? cell_h : panel_h);
	if (m->loaded && m->year == day.year && m->month == day.month &&
	    m->per_day >= need)
		return;
	m->per_day = need > DAY_SAMPLE ? need : DAY_SAMPLE;
	/* Texts later, of those drawn: the samples are for ranking. */
	days_load(u, &m->days, grid_start(u, day), 42, m->per_day, false);
	m->year = day.year;
	m->month = day.month;
	m->loaded = true;
	rank(m);
}

/* Index in the grid of the selected day. */
static int selected_index(const struct ui *u, const struct month *m)
{
	struct civil sel = cal_day(u);

	return (int)(civil_days(sel.year, sel.month, sel.day) -
		     civil_days(m->days.first.year, m->days.first.month,
				m->days.first.day));
}

/*
 * Looks up the texts of what the cells (their rarer entries, a line each)
 * and the panel (the selected day's first) show: at 100k series, the
 * texts of all 2,016 samples ranked were most of a month's first draw
 * (series rows read into SQLite's cache of a process just started).
 */
static void texts_shown(struct ui *u, struct month *m, int cell_h, int panel_h)
{
	size_t *at = NULL, n = 0, cap = 0;
	int sel = selected_index(u, m);

	for (int i = 0; i < 42; i++) {
		size_t *order, count = day_by_rarity(m, i, &order);
		for (size_t k = 0; k < count && (int)k < cell_h - 1 &&
				   !m->daily[order[k]]; k++) {
			at = xgrow(at, &cap, n + 1, sizeof *at);
			at[n++] = order[k];
		}
		free(order);
	}
	for (size_t k = 0; k < days_count(&m->days, sel) && (int)k < panel_h - 1;
	     k++) {
		at = xgrow(at, &cap, n + 1, sizeof *at);
		at[n++] = m->days.start[sel] + k;
	}
	days_texts(u, &m->days, at, n);
	free(at);
}

static void draw_cell(struct ui *u, struct month *m, int i, int y, int x,
		      int w, int h)
{
	struct civil day = civil_add_days(m->days.first, i);
	struct civil today = ui_today(u), sel = cal_day(u);
	size_t *order, n = day_by_rarity(m, i, &order), rare = 0, daily, shown = 0;
	size_t total = days_total(&m->days, i);
	bool is_sel = civil_cmp(&day, &sel) == 0;
	attr_t at = day.month == m->month ? A_BOLD : A_DIM;
	int r = 1;
	char num[16];

	while (rare < n && !m->daily[order[rare]])
		rare++;
	daily = n - rare;
	if (civil_cmp(&day, &today) == 0)
		at |= ui_attr_today(u);
	snprintf(num, sizeof num, civil_cmp(&day, &today) == 0 ? "%d●" : "%d",
		 day.day);
	ui_fill(y, x, w, is_sel ? ui_attr_selected() : A_NORMAL);
	ui_put(y, x, w, num, at | (is_sel ? ui_attr_selected() : 0));
	for (size_t k = 0; k < rare && r < h; k++, r++, shown++) {
		const struct occ *o = &m->days.occ.v[order[k]];
		ui_put(y + r, x, w, o->title,
		       ui_kind_attr(u, o->kind) | (o->cancelled ? A_DIM : 0));
	}
	if (daily && r < h) {
		/* TRANSLATORS: one line of a month view's day standing for the
		   events held there on most days (stations open daily). */
		char *line = xasprintf(ngettext("%zu daily", "%zu daily", daily),
				       daily);
		ui_put(y + r, x, w, line, A_DIM);
		free(line);
		shown += daily;
	}
	/* How many the lines leave out, beside the day's number. */
	if (total > shown) {
		char *more = xasprintf("+%zu", total - shown);
		ui_put_right(y, x + text_width(num) + 1, w - text_width(num) - 1,
			     more, A_DIM | (is_sel ? ui_attr_selected() : 0));
		free(more);
	}
	free(order);
}

/* The day panel's columns: time span, title (half the screen), venue. */
#define PANEL_INDENT 2
#define PANEL_SPAN_W 12

static void draw_panel(struct ui *u, struct month *m, int y, int h)
{
	int title_x = PANEL_INDENT + PANEL_SPAN_W + 1, title_w = u->cols / 2;
	int venue_x = title_x + title_w + 1;
	struct civil sel = cal_day(u);
	int i = selected_index(u, m);
	char *label = label_day(&sel);
	size_t n = days_count(&m->days, i), total = days_total(&m->days, i);

	ui_put(y, 0, u->cols, label, A_BOLD | A_UNDERLINE);
	free(label);
	if (n == 0)
		ui_put(y + 1, PANEL_INDENT, u->cols - 2 * PANEL_INDENT,
		       _("Nothing on this day."), A_DIM);
	for (size_t k = 0; k < n && (int)k < h - 1; k++) {
		const struct occ *o = days_get(&m->days, i, k);
		char span[48];
		if ((int)k == h - 2 && total > k + 1) {
			char *more = xasprintf(_("… and %zu more (Enter shows the day)"),
					       total - k);
			ui_put(y + 1 + (int)k, PANEL_INDENT, u->cols - 2 * PANEL_INDENT,
			       more, A_DIM);
			free(more);
			break;
		}
		ui_time_span(u, o, span);
		ui_put(y + 1 + (int)k, PANEL_INDENT, PANEL_SPAN_W, span, A_NORMAL);
		char *marker = ui_with_needs(u, o, o->cancelled ? _("(cancelled)")
							       : "");
		ui_put_marked(y + 1 + (int)k, title_x, title_w, o->title,
			      marker + (*marker == ' '),
			      ui_kind_attr(u, o->kind) |
			      (o->cancelled ? A_DIM : A_BOLD));
		free(marker);
		ui_put(y + 1 + (int)k, venue_x, u->cols - venue_x - 1, o->venue,
		       A_NORMAL);
	}
}

static void month_draw(struct ui *u)
{
	struct month *m = state(u);
	int y0 = ui_body_top();
	int cell_w = u->cols / 7, panel_h, cell_h;
	struct civil day = cal_day(u);
	char *title, *note;

	ensure(u, m);
	layout(u, &cell_h, &panel_h);
	texts_shown(u, m, cell_h, panel_h);
	title = label_month(&day);
	if ((note = cal_kind_note(u))) {
		char *both = xasprintf("%s · %s", title, note);
		free(title);
		free(note);
		title = both;
	}
	ui_put(y0, (u->cols - text_width(title)) / 2, text_width(title), title,
	       A_BOLD);
	free(title);
	for (int d = 0; d < 7; d++)
		ui_put(y0 + 1, d * cell_w, cell_w - 1,
		       label_weekday(u->app->cfg.week_start + d), A_BOLD);
	for (int i = 0; i < 42; i++)
		draw_cell(u, m, i, y0 + 2 + (i / 7) * cell_h, (i % 7) * cell_w,
			  cell_w - 1, cell_h);
	draw_panel(u, m, y0 + 2 + 6 * cell_h, panel_h);
}

static void month_reload(struct ui *u)
{
	state(u)->loaded = false;
}

static void month_free(struct ui *u)
{
	days_free(&state(u)->days);
	free(state(u)->seen);
	free(state(u)->daily);
	free(u->state[V_MONTH]);
	u->state[V_MONTH] = NULL;
}

static int month_key(struct ui *u, enum action a)
{
	struct civil day = cal_day(u);

	switch (a) {
	case ACT_LEFT: day = civil_add_days(day, -1); break;
	case ACT_RIGHT: day = civil_add_days(day, 1); break;
	case ACT_UP: day = civil_add_days(day, -7); break;
	case ACT_DOWN: day = civil_add_days(day, 7); break;
	case ACT_PAGE_UP: day = civil_add_months(day, -1); break;
	case ACT_PAGE_DOWN: day = civil_add_months(day, 1); break;
	case ACT_FIRST: day.day = 1; break;
	case ACT_LAST: day.day = civil_days_in_month(day.year, day.month); break;
	case ACT_TODAY: day = ui_today(u); break;
	case ACT_OPEN:
		if (u->state[V_AGENDA])
			agenda_view.free(u);
		ui_switch(u, V_AGENDA);
		return UI_HANDLED;
	case ACT_ADD:
		ui_add_event(u, u->cursor);
		return UI_HANDLED;
	case ACT_EXPORT: {
		struct civil first = day, last;
		first.day = 1;
		last = civil_add_months(first, 1);
		ui_export(u, tz_to_utc(ui_zone(u), &first),
			  tz_to_utc(ui_zone(u), &last), NULL);
		return UI_HANDLED;
	}
	case ACT_GOTO:
		if (!ui_ask_day(u, &day))
			return UI_HANDLED;
		break;
	case ACT_FILTER:
		cal_choose_kind(u);
		return UI_HANDLED;
	case ACT_SEARCH:
	case ACT_SEARCH_BACK:
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
		/* Occurrences are found in the agenda, from this day. */
		if (u->state[V_AGENDA])
			agenda_view.free(u);
		ui_switch(u, V_AGENDA);
		return agenda_view.key(u, a);
	default:
		return UI_IGNORED;
	}
	cal_set_day(u, day);
	return UI_HANDLED;
}

const struct view_ops month_view = {
	N_("Month"), month_draw, month_key, month_reload, month_free,
};
