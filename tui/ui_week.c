/*
 * ui_week.c - the week view: day columns over hour rows; occurrences that
 * overlap stand side by side in lanes; all-day ones in a strip on top.
 * A narrow screen shows fewer days (5, 3 or 1) rather than seven columns too
 * narrow for a title (at 80 columns seven are 10 cells: five Chinese
 * characters, or "…" once a lane splits them); the days scroll with the
 * selection.
 */
#include "ui_cal.h"

#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/label.h"
#include "../core/text.h"

#define GUTTER 6
/* The narrowest day column worth drawing: a 7-character Chinese title. */
#define MIN_DAY_COLUMN 15
/* The narrowest lane: two Chinese characters a row (the title wraps down
 * the block) and a cell between lanes. */
#define MIN_LANE 5

struct week {
	struct days days;
	struct civil first;      /* the first day shown */
	int ndays;               /* how many are shown */
	bool loaded;
	int64_t focus;           /* a series just saved, to select once loaded */
	size_t sel;              /* index within the selected day */
	int first_hour;          /* the top row's hour */
};

/* Where an occurrence stands in its day column. */
struct slot {
	int lane, lanes;
};

static struct week *state(struct ui *u)
{
	struct week *w = u->state[V_WEEK];

	if (!w) {
		w = u->state[V_WEEK] = xcalloc(1, sizeof(struct week));
		w->first_hour = 7;
	}
	return w;
}

/* How many days fit side by side: 7, else 5, 3 or 1. */
static int days_shown(const struct ui *u)
{
	static const int choices[] = { 7, 5, 3 };
	int room = u->cols - GUTTER;

	for (size_t i = 0; i < sizeof choices / sizeof *choices; i++)
		if (room / choices[i] >= MIN_DAY_COLUMN)
			return choices[i];
	return 1;
}

/* The first day shown: the week's first when all seven fit, or when the
 * selected day is among its first n; else the window moves only as far as
 * the selected day needs. */
static struct civil window_start(const struct ui *u, const struct week *w,
				 int n)
{
	struct civil sel = cal_day(u), first = cal_week_start(u, sel);
	int64_t d = civil_days(sel.year, sel.month, sel.day), f;

	if (n == 7)
		return first;
	if (w->loaded && w->ndays == n)
		first = w->first;
	f = civil_days(first.year, first.month, first.day);
	if (d < f)
		return sel;
	if (d >= f + n)
		return civil_add_days(sel, -(n - 1));
	return first;
}

static int day_index(const struct ui *u, const struct week *w)
{
	struct civil d = cal_day(u);
	return (int)(civil_days(d.year, d.month, d.day) -
		     civil_days(w->first.year, w->first.month, w->first.day));
}

static void ensure(struct ui *u, struct week *w)
{
	int n = days_shown(u);
	struct civil first = window_start(u, w, n);

	if (w->loaded && w->ndays == n && civil_cmp(&first, &w->first) == 0)
		return;
	/* Lanes for more than a column can hold would say nothing. */
	days_load(u, &w->days, first, n, 48, true);
	w->first = first;
	w->ndays = n;
	w->loaded = true;
	if (w->sel >= days_count(&w->days, day_index(u, w)))
		w->sel = 0;
	for (size_t k = 0; w->focus && k < days_count(&w->days, day_index(u, w));
	     k++)
		if (days_get(&w->days, day_index(u, w), k)->series_id == w->focus)
			w->sel = k;
	w->focus = 0;
}

/* Minutes after midnight of the day shown, clamped to the day. */
static int minute_of(const struct ui *u, const struct week *w, int day,
		     int64_t at)
{
	int64_t m = (at - w->days.bounds[day]) / 60;

	(void)u;
	return m < 0 ? 0 : m > 24 * 60 ? 24 * 60 : (int)m;
}

/* Lanes for the timed occurrences of one day: greedy, by start. */
static void assign_lanes(const struct ui *u, const struct week *w, int day,
			 struct slot *slots)
{
	size_t n = days_count(&w->days, day);
	int lane_end[16];
	size_t cluster_start = 0;
	int cluster_end = -1, cluster_lanes = 0;

	for (size_t k = 0; k <= n; k++) {
		const struct occ *o = k < n ? days_get(&w->days, day, k) : NULL;
		int a = o ? minute_of(u, w, day, o->start) : 24 * 60 + 1;
		int b = o ? minute_of(u, w, day, o->end) : 0;
		if (o && o->all_day)
			continue;
		if (b <= a)
			b = a + 1;
		/* A new cluster: the lanes of the finished one are final. */
		if (a >= cluster_end) {
			for (size_t j = cluster_start; j < k; j++)
				slots[j].lanes = cluster_lanes;
			cluster_start = k;
			cluster_lanes = 0;
			cluster_end = -1;
		}
		if (!o)
			break;
		int lane = 0;
		while (lane < cluster_lanes && lane < 16 && lane_end[lane] > a)
			lane++;
		if (lane == 16)
			lane = 15;
		lane_end[lane] = b;
		if (lane + 1 > cluster_lanes)
			cluster_lanes = lane + 1;
		if (b > cluster_end)
			cluster_end = b;
		slots[k].lane = lane;
	}
}

static void draw_block(struct ui *u, const struct occ *o, int y1, int y2,
		       int x, int width, bool sel, int top, int bottom)
{
	attr_t at = ui_kind_attr(u, o->kind) | A_REVERSE;

	if (sel)
		at = A_BOLD | A_REVERSE | A_UNDERLINE;
	if (o->cancelled)
		at = A_DIM | (sel ? A_REVERSE : 0);
	if (y1 < top)
		y1 = top;
	if (y2 > bottom)
		y2 = bottom;
	/* The title wraps over the block's rows (the last one cut with "…"),
	 * then "needs N more" on the next row if there is one. */
	struct strv lines = { 0 };
	char *needs = ui_with_needs(u, o, "");
	int rows = y2 - y1 + 1, r = 0;
	ui_wrap(o->title, width, &lines);
	for (size_t i = 0; i < lines.n && r < rows; i++, r++) {
		bool last = r == rows - 1 || (*needs && r == rows - 2);
		if (last && i + 1 < lines.n) {
			/* The rest of the title on one row: ui_put ends it with "…". */
			char *rest = xasprintf("%s%s", lines.v[i], lines.v[i + 1]);
			ui_put(y1 + r, x, width, rest, at);
			free(rest);
			r++;
			break;
		}
		ui_put(y1 + r, x, width, lines.v[i], at);
	}
	if (*needs && r < rows)
		ui_put(y1 + r++, x, width, needs + strlen(" · "), at);
	for (; r < rows; r++)
		ui_put(y1 + r, x, width, "", at);
	strv_free(&lines);
	free(needs);
}

/* Draws a day's timed occurrences; returns how many had no lane wide
 * enough to show a title (the day's heading counts them). The selected one
 * is always drawn, over the last lane if it has none of its own. */
static size_t draw_day(struct ui *u, struct week *w, int day, int x, int cw,
		       int top, int rows, int hour_rows)
{
	size_t n = days_count(&w->days, day), hidden = 0;
	struct slot *slots = xcalloc(n + 1, sizeof *slots);
	int most = cw / MIN_LANE > 1 ? cw / MIN_LANE : 1;
	size_t sel = day == day_index(u, w) ? w->sel : n;

	assign_lanes(u, w, day, slots);
	/* The selected one last, so that nothing covers it. */
	for (size_t i = 0; i <= n; i++) {
		size_t k = i < n ? i : sel;
		const struct occ *o = days_get(&w->days, day, k);
		int lanes = slots[k].lanes ? slots[k].lanes : 1, lane = slots[k].lane;
		int lw, a, b, y1, y2;
		if (!o || o->all_day || (i < n && k == sel))
			continue;
		if (lanes > most)
			lanes = most;
		if (lane >= lanes) {
			hidden++;
			if (k != sel)
				continue;
			lane = lanes - 1;
		}
		lw = cw / lanes;
		a = minute_of(u, w, day, o->start);
		b = minute_of(u, w, day, o->end);
		y1 = top + (a - w->first_hour * 60) * hour_rows / 60;
		y2 = top + (b - w->first_hour * 60) * hour_rows / 60 - 1;
		if (y2 < y1)
			y2 = y1;
		if (y2 < top || y1 >= top + rows)
			continue;
		draw_block(u, o, y1, y2, x + lane * lw, lw - (lw > 2), k == sel,
			   top, top + rows - 1);
	}
	free(slots);
	return hidden;
}

static void draw_all_day(struct ui *u, struct week *w, int y, int cw)
{
	for (int d = 0; d < w->ndays; d++) {
		size_t n = days_count(&w->days, d), shown = 0;
		const struct occ *first = NULL;
		for (size_t k = 0; k < n; k++) {
			const struct occ *o = days_get(&w->days, d, k);
			if (o->all_day) {
				if (!first)
					first = o;
				shown++;
			}
		}
		if (!first)
			continue;
		bool sel = d == day_index(u, w) && first == days_get(&w->days, d, w->sel);
		char *text = shown > 1 ? xasprintf("%s +%zu", first->title, shown - 1)
				       : xstrdup(first->title);
		ui_put(y, GUTTER + d * cw, cw - 1, text,
		       (sel ? A_BOLD | A_UNDERLINE : 0) | A_REVERSE |
		       ui_kind_attr(u, first->kind));
		free(text);
	}
}

/* Scrolls the hours so that the selected occurrence shows. */
static void follow_selection(struct ui *u, struct week *w, int visible_hours)
{
	const struct occ *o = days_get(&w->days, day_index(u, w), w->sel);
	int h;

	if (!o || o->all_day)
		return;
	h = minute_of(u, w, day_index(u, w), o->start) / 60;
	if (h < w->first_hour)
		w->first_hour = h;
	if (h >= w->first_hour + visible_hours)
		w->first_hour = h - visible_hours + 1;
	if (w->first_hour > 24 - visible_hours)
		w->first_hour = 24 - visible_hours > 0 ? 24 - visible_hours : 0;
}

static void week_draw(struct ui *u)
{
	struct week *w = state(u);
	int y0 = ui_body_top(), rows = ui_body_rows(u) - 2;
	int cw, hour_rows = rows >= 48 ? 2 : 1;
	int visible_hours = rows / hour_rows;
	struct civil today = ui_today(u);
	size_t unlaned[7] = { 0 };

	ensure(u, w);
	cw = (u->cols - GUTTER) / w->ndays;
	follow_selection(u, w, visible_hours);
	for (int r = 0; r < rows; r++) {
		int minute = w->first_hour * 60 + r * 60 / hour_rows;
		char hh[16];
		if (minute >= 24 * 60)
			break;
		label_minutes(minute, hh);
		ui_put(y0 + 2 + r, 0, GUTTER - 1, r % hour_rows ? "" : hh, A_DIM);
	}
	for (int d = 0; d < w->ndays; d++)
		unlaned[d] = draw_day(u, w, d, GUTTER + d * cw, cw, y0 + 2, rows,
				      hour_rows);
	for (int d = 0; d < w->ndays; d++) {
		struct civil day = civil_add_days(w->first, d);
		size_t hidden = days_total(&w->days, d) - days_count(&w->days, d) +
				unlaned[d];
		char *label = hidden
			? xasprintf("%s %d/%d +%zu",
				    label_weekday(civil_weekday(&day)), day.month,
				    day.day, hidden)
			: xasprintf("%s %d/%d", label_weekday(civil_weekday(&day)),
				    day.month, day.day);
		attr_t at = A_BOLD;
		if (civil_cmp(&day, &today) == 0)
			at |= ui_attr_today(u);
		if (d == day_index(u, w))
			at |= A_REVERSE;
		ui_put(y0, GUTTER + d * cw, cw - 1, label, at);
		free(label);
	}
	draw_all_day(u, w, y0 + 1, cw);
}

static void week_reload(struct ui *u)
{
	state(u)->loaded = false;
	state(u)->focus = u->focus_series;
}

static void week_free(struct ui *u)
{
	days_free(&state(u)->days);
	free(u->state[V_WEEK]);
	u->state[V_WEEK] = NULL;
}

static int move_key(struct ui *u, struct week *w, enum action a)
{
	struct civil day = cal_day(u);
	size_t n = days_count(&w->days, day_index(u, w));

	switch (a) {
	case ACT_LEFT: day = civil_add_days(day, -1); w->sel = 0; break;
	case ACT_RIGHT: day = civil_add_days(day, 1); w->sel = 0; break;
	case ACT_UP: if (w->sel > 0) w->sel--; return UI_HANDLED;
	case ACT_DOWN: if (w->sel + 1 < n) w->sel++; return UI_HANDLED;
	case ACT_PAGE_UP: day = civil_add_days(day, -7); w->sel = 0; break;
	case ACT_PAGE_DOWN: day = civil_add_days(day, 7); w->sel = 0; break;
	case ACT_FIRST: w->sel = 0; return UI_HANDLED;
	case ACT_LAST: w->sel = n ? n - 1 : 0; return UI_HANDLED;
	case ACT_TODAY: day = ui_today(u); w->sel = 0; break;
	case ACT_GOTO:
		if (!ui_ask_day(u, &day))
			return UI_HANDLED;
		w->sel = 0;
		break;
	default: return UI_IGNORED;
	}
	cal_set_day(u, day);
	return UI_HANDLED;
}

static int week_key(struct ui *u, enum action a)
{
	struct week *w = state(u);
	const struct occ *o;

	ensure(u, w);
	if (move_key(u, w, a) == UI_HANDLED)
		return UI_HANDLED;
	switch (a) {
	case ACT_ADD:
		ui_add_event(u, u->cursor);
		return UI_HANDLED;
	case ACT_FILTER:
		cal_choose_kind(u);
		return UI_HANDLED;
	case ACT_EXPORT: {
		struct civil last = civil_add_days(w->first, w->ndays);
		ui_export(u, tz_to_utc(ui_zone(u), &w->first),
			  tz_to_utc(ui_zone(u), &last), NULL);
		return UI_HANDLED;
	}
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
		break;
	}
	o = days_get(&w->days, day_index(u, w), w->sel);
	if (!o) {
		if (a == ACT_OPEN || a == ACT_EDIT || a == ACT_DELETE)
			ui_message(u, _("Nothing is selected on this day."));
		return a == ACT_OPEN || a == ACT_EDIT || a == ACT_DELETE
			? UI_HANDLED : UI_IGNORED;
	}
	return ui_act_on(u, o, a);
}

const struct view_ops week_view = {
	N_("Week"), week_draw, week_key, week_reload, week_free,
};
