/*
 * ui_agenda.c - the agenda view: occurrences grouped by day, scrolling
 * through time without end in either direction.
 *
 * A window of occurrences is kept around the selection and widened from
 * the index (store_occurrences / store_occurrences_before) as the selection
 * nears either end, so scrolling never expands every series.
 */
#include "ui_int.h"

#include <stdlib.h>
#include <string.h>

#include "../core/demo.h"
#include "../core/i18n.h"
#include "../core/label.h"
#include "../core/text.h"

#define CHUNK 150
/* How far to look for occurrences before giving up: a sparse calendar. */
#define HORIZON (5 * 366 * 86400LL)

struct line {
	bool heading;
	struct civil day;
	size_t occ;
};

struct agenda {
	struct occ_list occ;
	size_t sel;
	bool at_start, at_end;
	struct line *lines;
	size_t n_lines, cap_lines;
	size_t top;              /* first line shown */
};

static const struct occ_filter all_occurrences = {
	.statuses = OCC_ALL_STATUSES, .with_cancelled = true, .starting = true,
};

static struct agenda *state(struct ui *u)
{
	if (!u->state[V_AGENDA])
		u->state[V_AGENDA] = xcalloc(1, sizeof(struct agenda));
	return u->state[V_AGENDA];
}

static struct civil day_of(const struct ui *u, const struct occ *o)
{
	struct civil d = o->all_day ? tz_from_utc(tz_get(o->tzid), o->start, NULL)
				    : tz_from_utc(ui_zone(u), o->start, NULL);
	d.hour = d.min = d.sec = 0;
	return d;
}

static void build_lines(struct ui *u, struct agenda *a)
{
	a->n_lines = 0;
	for (size_t i = 0; i < a->occ.n; i++) {
		struct civil d = day_of(u, &a->occ.v[i]);
		a->lines = xgrow(a->lines, &a->cap_lines, a->n_lines + 2,
				 sizeof *a->lines);
		if (i == 0 || civil_cmp(&d, &a->lines[a->n_lines - 1].day) != 0)
			a->lines[a->n_lines++] = (struct line){ true, d, i };
		a->lines[a->n_lines++] = (struct line){ false, d, i };
	}
}

static bool same_occ(const struct occ *a, const struct occ *b)
{
	return a->series_id == b->series_id && civil_cmp(&a->rid, &b->rid) == 0;
}

/* Appends to l the occurrences of more that l does not hold yet. */
static void merge_new(struct occ_list *l, struct occ_list *more, int64_t min)
{
	for (size_t i = 0; i < more->n; i++) {
		bool dup = more->v[i].start < min;
		for (size_t j = l->n; !dup && j > 0 && l->v[j - 1].start >= more->v[i].start; j--)
			dup = same_occ(&l->v[j - 1], &more->v[i]);
		if (dup) {
			occ_free(&more->v[i]);
			continue;
		}
		l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
		l->v[l->n++] = more->v[i];
	}
	free(more->v);
	memset(more, 0, sizeof *more);
}

static void load_after(struct ui *u, struct agenda *a)
{
	struct occ_list more = { 0 };
	struct herr err = { 0 };
	int64_t from = a->occ.n ? a->occ.v[a->occ.n - 1].start : u->cursor;
	size_t before = a->occ.n;

	if (store_occurrences(u->app->st, from, from + HORIZON, &all_occurrences,
			      CHUNK, &more, &err) != HE_OK) {
		ui_show_err(u, &err);
		a->at_end = true;
		occ_list_free(&more);
		return;
	}
	merge_new(&a->occ, &more, from);
	a->at_end = a->occ.n == before;
}

static void load_before(struct ui *u, struct agenda *a)
{
	struct occ_list more = { 0 };
	struct herr err = { 0 };
	int64_t before = a->occ.n ? a->occ.v[0].start : u->cursor;

	if (store_occurrences_before(u->app->st, before, before - HORIZON,
				     &all_occurrences, CHUNK, &more,
				     &err) != HE_OK) {
		ui_show_err(u, &err);
		occ_list_free(&more);
		a->at_start = true;
		return;
	}
	a->at_start = more.n == 0;
	if (more.n == 0) {
		free(more.v);
		return;
	}
	/* Prepend: the new ones all start before the first held. */
	more.v = xgrow(more.v, &more.cap, more.n + a->occ.n, sizeof *more.v);
	if (a->occ.n) /* a->occ.v may be NULL: memcpy must not see it */
		memcpy(more.v + more.n, a->occ.v, a->occ.n * sizeof *more.v);
	a->sel += more.n;
	more.n += a->occ.n;
	free(a->occ.v);
	a->occ = more;
}

/* Reloads around moment t and selects the first occurrence from t on. */
static void load_around(struct ui *u, struct agenda *a, int64_t t)
{
	occ_list_free(&a->occ);
	a->sel = 0;
	a->top = 0;
	a->at_start = a->at_end = false;
	u->cursor = t;
	load_before(u, a);
	a->sel = a->occ.n;
	load_after(u, a);
	if (a->sel >= a->occ.n && a->occ.n)
		a->sel = a->occ.n - 1;
	build_lines(u, a);
	/* The selected day starts the screen, its heading on top. */
	for (size_t i = 0; i < a->n_lines; i++)
		if (a->lines[i].heading && !a->lines[i + 1].heading &&
		    a->lines[i + 1].occ <= a->sel)
			a->top = i;
		else if (!a->lines[i].heading && a->lines[i].occ >= a->sel)
			break;
}

static const struct occ *selected(struct ui *u)
{
	struct agenda *a = state(u);
	return a->sel < a->occ.n ? &a->occ.v[a->sel] : NULL;
}

static size_t line_of(const struct agenda *a, size_t occ)
{
	for (size_t i = 0; i < a->n_lines; i++)
		if (!a->lines[i].heading && a->lines[i].occ == occ)
			return i;
	return 0;
}

/*
 * Reloads around keep and selects it again. keep_row: the selection stays
 * on the same screen row (after a change), else its day comes on top.
 */
static void reselect(struct ui *u, struct agenda *a, const struct occ *keep,
		     bool keep_row)
{
	size_t row = a->n_lines ? line_of(a, a->sel) - a->top : 0;

	load_around(u, a, keep->start);
	for (size_t i = 0; i < a->occ.n; i++)
		if (same_occ(&a->occ.v[i], keep)) {
			a->sel = i;
			break;
		}
	if (keep_row) {
		size_t line = line_of(a, a->sel);
		a->top = line > row ? line - row : 0;
	}
}

static void agenda_reload(struct ui *u)
{
	struct agenda *a = state(u);
	struct occ keep;

	if (u->focus_series) {
		/* A series just saved: its occurrence at the cursor. */
		load_around(u, a, u->cursor);
		for (size_t i = 0; i < a->occ.n; i++)
			if (a->occ.v[i].series_id == u->focus_series &&
			    a->occ.v[i].start == u->cursor) {
				a->sel = i;
				break;
			}
	} else if (a->sel < a->occ.n) {
		keep = a->occ.v[a->sel];
		keep.uid = keep.kind = keep.title = keep.venue = NULL;
		keep.description = keep.note = NULL;
		reselect(u, a, &keep, true);
	} else {
		load_around(u, a, u->cursor);
	}
}

/* Widens the window when the selection nears one of its ends. */
static void ensure_loaded(struct ui *u, struct agenda *a)
{
	bool changed = false;

	if (a->sel + 10 >= a->occ.n && !a->at_end) {
		load_after(u, a);
		changed = true;
	}
	if (a->sel < 10 && !a->at_start) {
		size_t old_top_occ = a->n_lines ? a->lines[a->top].occ : 0;
		size_t n = a->occ.n;
		load_before(u, a);
		old_top_occ += a->occ.n - n;
		changed = true;
		build_lines(u, a);
		a->top = line_of(a, old_top_occ);
		if (a->top && a->lines[a->top - 1].heading)
			a->top--;
	}
	if (changed)
		build_lines(u, a);
	if (a->sel < a->occ.n)
		u->cursor = a->occ.v[a->sel].start;
}

/* The agenda's columns: time span, kind, title, then the venue, which
 * takes a third of what is right of the kind beyond the title's first
 * AG_TITLE_KEEP columns. */
#define AG_INDENT 2
#define AG_SPAN_W 12
#define AG_KIND_W 14
#define AG_TITLE_KEEP 10
#define AG_VENUE_SHARE 3

static void draw_occurrence(struct ui *u, int y, const struct occ *o,
			    bool sel)
{
	int w = u->cols, x = AG_INDENT;
	int title_x = x + AG_SPAN_W + 1 + AG_KIND_W + 1;
	int venue_w = (w - title_x - AG_TITLE_KEEP) / AG_VENUE_SHARE;
	char span[48];
	attr_t base = sel ? ui_attr_selected() : A_NORMAL;

	if (o->cancelled || o->status == STATUS_CANCELLED)
		base |= A_DIM;
	ui_fill(y, 0, w, base);
	ui_time_span(u, o, span);
	ui_put(y, x, AG_SPAN_W, span, base);
	ui_put(y, x + AG_SPAN_W + 1, AG_KIND_W,
	       config_kind_label(&u->app->cfg, o->kind),
	       base | ui_kind_attr(u, o->kind));
	/* Markers - cancelled, changed, short of people - are never cut. */
	char *marker = ui_with_needs(u, o, o->cancelled ? _("(cancelled)")
					    : o->overridden ? "*" : "");
	ui_put_marked(y, title_x, w - title_x - 1 - venue_w, o->title,
		      marker + (*marker == ' '),
		      base | (sel ? 0 : A_BOLD));
	ui_put(y, w - venue_w - 1, venue_w, o->venue, base);
	free(marker);
}

/* x: the days on the screen, whole, from the first to the last shown. */
static void export_visible(struct ui *u, struct agenda *a)
{
	size_t last = a->top + (size_t)ui_body_rows(u);
	struct civil first, end;

	if (last > a->n_lines)
		last = a->n_lines;
	if (a->top >= last) {
		ui_message(u, _("Nothing to export here."));
		return;
	}
	first = a->lines[a->top].day;
	end = civil_add_days(a->lines[last - 1].day, 1);
	ui_export(u, tz_to_utc(ui_zone(u), &first), tz_to_utc(ui_zone(u), &end),
		  NULL);
}

static void draw_empty(struct ui *u)
{
	int y = ui_body_top() + 2;

	if (store_is_empty(u->app->st)) {
		ui_put(y, 2, u->cols - 4, _("Welcome to hearth. There are no events yet."),
		       A_BOLD);
		char *l1 = xasprintf(_("Press %s to add the first event."),
				     ui_key_for(V_AGENDA, ACT_ADD));
		char *l2 = xasprintf(_("Press %s to load a demo calendar of community "
				       "events (in Chinese)."),
				     ui_key_for(V_AGENDA, ACT_DEMO));
		char *l3 = xasprintf(_("Press %s for every key, %s to quit."),
				     ui_key_for(V_AGENDA, ACT_HELP),
				     ui_key_for(V_AGENDA, ACT_QUIT));
		ui_put(y + 2, 4, u->cols - 6, l1, A_NORMAL);
		ui_put(y + 3, 4, u->cols - 6, l2, A_NORMAL);
		ui_put(y + 4, 4, u->cols - 6, l3, A_NORMAL);
		free(l1);
		free(l2);
		free(l3);
		return;
	}
	ui_put(y, 2, u->cols - 4, _("No events within five years of here."),
	       A_NORMAL);
}

/*
 * Where today begins in the agenda: its first hour, or earlier when
 * something that began before is still going on now (a night shift, a
 * fair over several days).
 */
static int64_t today_from(struct ui *u)
{
	static const struct occ_filter overlapping = {
		.statuses = OCC_ALL_STATUSES, .with_cancelled = true,
	};
	struct civil today = ui_today(u);
	struct occ_list l = { 0 };
	int64_t from = tz_to_utc(ui_zone(u), &today), now = ui_now(u);

	if (store_occurrences(u->app->st, now, now + 1, &overlapping, 20, &l,
			      NULL) == HE_OK)
		for (size_t i = 0; i < l.n; i++)
			if (l.v[i].start < from)
				from = l.v[i].start;
	occ_list_free(&l);
	return from;
}

/*
 * Today from its start, so that the stations that opened this morning are
 * on the screen, not above it. Selected: the next occurrence to start
 * today, else the first still going on, else the next to come.
 */
static void go_today(struct ui *u, struct agenda *a)
{
	struct civil today = ui_today(u), day = civil_add_days(today, 1);
	int64_t now = ui_now(u), tomorrow = tz_to_utc(ui_zone(u), &day);
	int64_t midnight = tz_to_utc(ui_zone(u), &today);
	size_t next, going;

	load_around(u, a, today_from(u));
	next = going = a->occ.n;
	for (size_t i = a->sel; i < a->occ.n && next == a->occ.n; i++) {
		if (a->occ.v[i].start >= now)
			next = i;
		else if (a->occ.v[i].end > now && going == a->occ.n)
			going = i;
	}
	if (next < a->occ.n && (a->occ.v[next].start < tomorrow ||
				going == a->occ.n))
		a->sel = next;
	else if (going < a->occ.n)
		a->sel = going;
	/* The other views open on today, and on the selection when it is
	 * today's (not on a later day's, nor on yesterday's still going on). */
	u->cursor = now;
	if (a->sel < a->occ.n && a->occ.v[a->sel].start >= midnight &&
	    a->occ.v[a->sel].start < tomorrow)
		u->cursor = a->occ.v[a->sel].start;
}

static void agenda_draw(struct ui *u)
{
	struct agenda *a = state(u);
	int rows = ui_body_rows(u), y0 = ui_body_top();
	size_t sel_line;
	struct civil today = ui_today(u);

	if (!a->occ.v && !a->at_end && u->open_today)
		go_today(u, a);
	else if (!a->occ.v && !a->at_end)
		load_around(u, a, u->cursor);
	u->open_today = false;
	if (a->occ.n == 0) {
		draw_empty(u);
		return;
	}
	sel_line = line_of(a, a->sel);
	if (sel_line < a->top + 1)
		a->top = sel_line > 0 && a->lines[sel_line - 1].heading
			? sel_line - 1 : sel_line;
	if (sel_line >= a->top + (size_t)rows)
		a->top = sel_line - (size_t)rows + 1;
	for (int r = 0; r < rows && a->top + (size_t)r < a->n_lines; r++) {
		const struct line *l = &a->lines[a->top + (size_t)r];
		if (l->heading) {
			char *label = label_day(&l->day);
			bool is_today = civil_cmp(&l->day, &today) == 0;
			char *text = is_today ? xasprintf("%s  %s", label, _("(today)"))
					      : xstrdup(label);
			ui_put(y0 + r, 0, u->cols, text,
			       A_BOLD | (is_today ? ui_attr_today(u) : A_UNDERLINE));
			free(text);
			free(label);
		} else {
			draw_occurrence(u, y0 + r, &a->occ.v[l->occ], l->occ == a->sel);
		}
	}
}

static void free_state(struct agenda *a)
{
	occ_list_free(&a->occ);
	free(a->lines);
}

static void agenda_free(struct ui *u)
{
	free_state(state(u));
	free(u->state[V_AGENDA]);
	u->state[V_AGENDA] = NULL;
}

/* Loads around the start of day and selects its first occurrence. */
static void load_day(struct ui *u, struct agenda *a, struct civil day)
{
	day.hour = day.min = day.sec = 0;
	load_around(u, a, tz_to_utc(ui_zone(u), &day));
}

/*
 * The day before d that has an occurrence, if any: asked of the store, as
 * what is loaded may end inside d (a large calendar fills 150 rows with a
 * morning).
 */
static bool day_before(struct ui *u, struct civil d, struct civil *out)
{
	struct occ_list prev = { 0 };
	struct herr err = { 0 };
	int64_t t;
	bool found;

	d.hour = d.min = d.sec = 0;
	t = tz_to_utc(ui_zone(u), &d);
	if (store_occurrences_before(u->app->st, t, t - HORIZON, &all_occurrences,
				     1, &prev, &err) != HE_OK)
		ui_show_err(u, &err);
	found = prev.n > 0;
	if (found)
		*out = day_of(u, &prev.v[0]);
	occ_list_free(&prev);
	return found;
}

/*
 * Moves to the first occurrence of the next (dir > 0) or previous day that
 * has one. When that day lies beyond what is loaded, or begins before it,
 * the agenda is loaded around it (the keys did nothing at 100,000 series,
 * where the loaded occurrences end within the day).
 */
static void step_day(struct ui *u, struct agenda *a, int dir)
{
	struct civil d, e;
	size_t i = a->sel;

	if (a->sel >= a->occ.n)
		return;
	d = day_of(u, &a->occ.v[a->sel]);
	while (dir > 0 ? i + 1 < a->occ.n : i > 0) {
		i = dir > 0 ? i + 1 : i - 1;
		e = day_of(u, &a->occ.v[i]);
		if (civil_cmp(&e, &d) == 0)
			continue;
		/* Back: land on the first of that day. */
		while (dir < 0 && i > 0) {
			struct civil p = day_of(u, &a->occ.v[i - 1]);
			if (civil_cmp(&p, &e) != 0)
				break;
			i--;
		}
		if (dir < 0 && i == 0 && !a->at_start)
			load_day(u, a, e);
		else
			a->sel = i;
		return;
	}
	if (dir > 0 && !a->at_end)
		load_day(u, a, civil_add_days(d, 1));
	else if (dir < 0 && !a->at_start && day_before(u, d, &e))
		load_day(u, a, e);
}

/* g: the first occurrence from the day asked for on. */
static void go_to(struct ui *u, struct agenda *a)
{
	struct civil day;

	if (ui_ask_day(u, &day))
		load_around(u, a, tz_to_utc(ui_zone(u), &day));
}

/* The agenda's order: by start, then as the index holds ties. */
static int occ_order(const struct occ *a, const struct occ *b)
{
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->series_id != b->series_id)
		return a->series_id < b->series_id ? -1 : 1;
	return civil_cmp(&a->rid, &b->rid);
}

/*
 * The matches of the search in [from, to) (dir > 0: the first ones, else
 * the last ones), at most limit; false after showing an error.
 */
static bool matches_in(struct ui *u, int64_t from, int64_t to, int dir,
		       size_t limit, struct occ_list *out)
{
	struct occ_filter f = all_occurrences;
	struct herr err = { 0 };
	int rc;

	f.text = u->search;
	rc = dir > 0 ? store_occurrences(u->app->st, from, to, &f, limit, out, &err)
		     : store_occurrences_before(u->app->st, to, from, &f, limit,
						out, &err);
	if (rc != HE_OK)
		ui_show_err(u, &err);
	return rc == HE_OK;
}

/* The match next to at going dir within five years, into *found. */
static bool match_beyond(struct ui *u, const struct occ *at, int dir,
			 struct occ *found)
{
	struct occ_list l = { 0 };
	bool ok = false;

	/* Ties at at's moment come first: those past at in the order. */
	if (dir > 0 ? matches_in(u, at->start, at->start + HORIZON, 1, 64, &l)
		    : matches_in(u, at->start - HORIZON, at->start + 1, -1, 64, &l))
		for (size_t k = 0; k < l.n && !ok; k++) {
			const struct occ *o = &l.v[dir > 0 ? k : l.n - 1 - k];
			if (dir > 0 ? occ_order(o, at) > 0 : occ_order(o, at) < 0) {
				occ_copy(found, o);
				ok = true;
			}
		}
	occ_list_free(&l);
	/* Sixty-four ties: past them in one more look. */
	if (!ok && (dir > 0 ? matches_in(u, at->start + 1, at->start + HORIZON,
					 1, 1, &l)
			    : matches_in(u, at->start - HORIZON, at->start, -1, 1,
					 &l)) && l.n) {
		occ_copy(found, &l.v[0]);
		ok = true;
	}
	occ_list_free(&l);
	return ok;
}

/* Going round: the match furthest the other way within five years. */
static bool match_around(struct ui *u, const struct occ *at, int dir,
			 struct occ *found)
{
	struct occ_list l = { 0 };
	bool ok = (dir > 0 ? matches_in(u, at->start - HORIZON, at->start + 1, 1,
					1, &l)
			   : matches_in(u, at->start, at->start + HORIZON, -1, 1,
					&l)) && l.n;

	if (ok)
		occ_copy(found, &l.v[0]);
	occ_list_free(&l);
	return ok;
}

/* Selects the next (dir > 0) or previous occurrence the search matches. */
static void search(struct ui *u, struct agenda *a, int dir)
{
	struct occ here = { 0 }, found;
	bool wrapped = false;

	if (!ui_search_text(u))
		return;
	if (a->sel < a->occ.n)
		here = a->occ.v[a->sel];
	else
		here.start = u->cursor;
	if (!match_beyond(u, &here, dir, &found)) {
		if (!match_around(u, &here, dir, &found)) {
			ui_search_missing(u);
			return;
		}
		wrapped = true;
	}
	reselect(u, a, &found, false);
	build_lines(u, a);
	ui_search_found(u, dir, wrapped);
	occ_free(&found);
}

static void load_demo(struct ui *u, struct agenda *a)
{
	struct herr err = { 0 };

	if (!store_is_empty(u->app->st)) {
		ui_error(u, _("The demo calendar only goes into an empty database."));
		return;
	}
	if (!ui_confirm(u, _("Load the demo calendar?")))
		return;
	if (demo_load(u->app->st, ui_now(u), &err) != HE_OK) {
		ui_show_err(u, &err);
		return;
	}
	ui_message(u, _("Loaded the demo calendar."));
	go_today(u, a);
}

static int move_key(struct ui *u, struct agenda *a, enum action act)
{
	size_t page = (size_t)(ui_body_rows(u) > 4 ? ui_body_rows(u) - 3 : 1);

	switch (act) {
	case ACT_UP: if (a->sel > 0) a->sel--; break;
	case ACT_DOWN: if (a->sel + 1 < a->occ.n) a->sel++; break;
	case ACT_PAGE_UP: a->sel = a->sel > page ? a->sel - page : 0; break;
	case ACT_PAGE_DOWN:
		a->sel = a->sel + page < a->occ.n ? a->sel + page
			: (a->occ.n ? a->occ.n - 1 : 0);
		break;
	case ACT_LEFT: step_day(u, a, -1); break;
	case ACT_RIGHT: step_day(u, a, +1); break;
	case ACT_FIRST: a->sel = 0; break;
	case ACT_LAST: a->sel = a->occ.n ? a->occ.n - 1 : 0; break;
	case ACT_TODAY: go_today(u, a); return UI_HANDLED;
	default: return UI_IGNORED;
	}
	ensure_loaded(u, a);
	return UI_HANDLED;
}

static int agenda_key(struct ui *u, enum action act)
{
	struct agenda *a = state(u);
	const struct occ *o = selected(u);

	if (move_key(u, a, act) == UI_HANDLED)
		return UI_HANDLED;
	switch (act) {
	case ACT_ADD:
		ui_add_event(u, o ? o->start : ui_now(u));
		return UI_HANDLED;
	case ACT_DEMO:
		load_demo(u, a);
		return UI_HANDLED;
	case ACT_SEARCH:
	case ACT_SEARCH_BACK:
		if (ui_search_ask(u, act == ACT_SEARCH_BACK))
			search(u, a, act == ACT_SEARCH ? 1 : -1);
		return UI_HANDLED;
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
		search(u, a, act == ACT_SEARCH_NEXT ? 1 : -1);
		return UI_HANDLED;
	case ACT_GOTO:
		go_to(u, a);
		return UI_HANDLED;
	default:
		break;
	}
	if (!o) {
		ui_message(u, _("Nothing is selected."));
		return UI_HANDLED;
	}
	if (act == ACT_EXPORT) {
		export_visible(u, a);
		return UI_HANDLED;
	}
	return ui_act_on(u, o, act);
}

const struct view_ops agenda_view = {
	N_("Agenda"), agenda_draw, agenda_key, agenda_reload, agenda_free,
};
