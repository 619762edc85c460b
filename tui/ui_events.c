/*
 * ui_events.c - the events view: every series with its next occurrence,
 * filtered by kind, venue, organisation, status and text, and sorted.
 */
#include "ui_edit.h"

#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/label.h"
#include "../core/text.h"

/* The orders the view cycles through, as store_series_page names them. */
static const enum series_order orders[] = { SERIES_BY_TITLE, SERIES_BY_NEXT,
					    SERIES_BY_KIND, SERIES_BY_VENUE };
#define SORT_COUNT (sizeof orders / sizeof *orders)

/* TRANSLATORS: what the events view is sorted by ("Sorted by title."). */
static const char *const sort_names[] = { N_("title"), N_("next occurrence"),
					  N_("kind"), N_("venue") };

/*
 * The rows on hand: a window of the whole list around the selection, read
 * a few screens at a time (store_series_page). Reading every series with
 * its next occurrence took 0.5 to 1.3 s a visit at 100,000 series.
 */
#define WINDOW_SCREENS 3

struct events {
	struct series_rows rows;     /* the window: rows [first, first + n) */
	size_t first, total;
	bool loaded;
	size_t sel, top;             /* in the whole list */
	size_t sort;                 /* index into orders */
	char *kind, *venue, *org, *text;
	unsigned statuses;
};

static struct events *state(struct ui *u)
{
	if (!u->state[V_EVENTS])
		u->state[V_EVENTS] = xcalloc(1, sizeof(struct events));
	return u->state[V_EVENTS];
}

/* Reads the window of rows around the selection, of page rows each side. */
static void load_window(struct ui *u, struct events *e, size_t page)
{
	struct occ_filter f = {
		.kind = e->kind, .venue = e->venue, .org = e->org,
		.text = e->text, .statuses = e->statuses ? e->statuses : OCC_ALL_STATUSES,
	};
	struct herr err = { 0 };
	size_t first = e->sel > page ? e->sel - page : 0;

	series_rows_free(&e->rows);
	if (store_series_page(u->app->st, &f, orders[e->sort], ui_now(u), first,
			      WINDOW_SCREENS * page, &e->rows, &e->total,
			      &err) != HE_OK)
		ui_show_err(u, &err);
	e->first = first;
	if (e->sel >= e->total)
		e->sel = e->total ? e->total - 1 : 0;
	e->loaded = true;
}

/* The row i of the whole list, when the window holds it. */
static const struct series_row *row_at(const struct events *e, size_t i)
{
	return i >= e->first && i - e->first < e->rows.n
		? &e->rows.v[i - e->first] : NULL;
}

static void load(struct ui *u, struct events *e)
{
	size_t page = (size_t)(ui_body_rows(u) > 3 ? ui_body_rows(u) : 3);

	load_window(u, e, page);
	if (e->sel >= e->total && e->total) {
		e->sel = e->total - 1;
		load_window(u, e, page);
	}
}

/* Columns of the widest next occurrence, which depend on the language. */
static int next_width(void)
{
	struct civil widest = { .year = 2027, .month = 12, .day = 28 };
	char *day = label_day(&widest);
	int w = text_width(day) + 6;

	free(day);
	return w;
}

static char *next_text(const struct ui *u, const struct series_row *r)
{
	struct civil c;
	char *day, *out;

	if (!r->next_start)
		return xstrdup("—");
	c = tz_from_utc(r->all_day ? tz_get(r->tzid) : ui_zone(u), r->next_start,
			NULL);
	day = label_day(&c);
	out = r->all_day ? xstrdup(day) : xasprintf("%s %02d:%02d", day, c.hour,
						    c.min);
	free(day);
	return out;
}

static char *filter_text(const struct ui *u, const struct events *e)
{
	struct sbuf b = { 0 };

	/* TRANSLATORS: %s is what the list is sorted by, such as "title". */
	sbuf_addf(&b, ngettext("%zu event, by %s", "%zu events, by %s",
			       e->total), e->total, _(sort_names[e->sort]));
	/* TRANSLATORS: the filters follow "12 events, by title". */
	if (e->kind)
		sbuf_addf(&b, _("; kind %s"), config_kind_label(&u->app->cfg, e->kind));
	if (e->venue)
		sbuf_addf(&b, _("; venue “%s”"), e->venue);
	if (e->org)
		sbuf_addf(&b, _("; organisation “%s”"), e->org);
	if (e->text)
		sbuf_addf(&b, _("; text “%s”"), e->text);
	return sbuf_take(&b);
}

static void events_draw(struct ui *u)
{
	struct events *e = state(u);
	int y0 = ui_body_top(), rows = ui_body_rows(u) - 1;
	int w = u->cols, kind_w = 14, next_w = next_width();
	int venue_w = (w - 18 - next_w) / 3;
	int title_w = w - kind_w - next_w - venue_w - 5;
	char *head;

	if (!e->loaded)
		load(u, e);
	e->top = ui_scroll(e->top, e->sel, rows);
	/* The screen must lie in the window: read another around it. */
	if (e->total && (!row_at(e, e->top) ||
			 !row_at(e, e->top + (size_t)rows - 1 < e->total
				 ? e->top + (size_t)rows - 1 : e->total - 1)))
		load_window(u, e, (size_t)rows);
	head = filter_text(u, e);
	ui_put(y0, 0, w, head, A_BOLD);
	free(head);
	for (int r = 0; r < rows && e->top + (size_t)r < e->total; r++) {
		size_t i = e->top + (size_t)r;
		const struct series_row *row = row_at(e, i);
		attr_t at = i == e->sel ? ui_attr_selected() : A_NORMAL;
		char *next;
		int y = y0 + 1 + r;
		if (!row)
			break;
		next = next_text(u, row);
		if (row->status == STATUS_CANCELLED)
			at |= A_DIM;
		ui_fill(y, 0, w, at);
		ui_put(y, 1, title_w, row->title, at | A_BOLD);
		ui_put(y, 2 + title_w, kind_w, config_kind_label(&u->app->cfg, row->kind),
		       at | ui_kind_attr(u, row->kind));
		ui_put(y, 3 + title_w + kind_w, venue_w, row->venue, at);
		ui_put(y, 4 + title_w + kind_w + venue_w, next_w, next, at);
		free(next);
	}
	if (e->total == 0)
		ui_put(y0 + 2, 2, w - 4, _("No event matches."), A_DIM);
}

static void events_reload(struct ui *u)
{
	state(u)->loaded = false;
}

static void events_free(struct ui *u)
{
	struct events *e = state(u);

	series_rows_free(&e->rows);
	free(e->kind);
	free(e->venue);
	free(e->org);
	free(e->text);
	free(e);
	u->state[V_EVENTS] = NULL;
}

/* Asks for one filter value; an empty answer clears it. */
static void ask_filter(struct ui *u, const char *label, char **slot)
{
	char *text = ui_ask(u, label, *slot, NULL, NULL);

	if (!text)
		return;
	free(*slot);
	*slot = *text ? text : NULL;
	if (!*text)
		free(text);
}

static void choose_filter(struct ui *u, struct events *e)
{
	char *choices[] = { _("kind"), _("venue"), _("organisation"),
			    _("status"), _("text"), _("clear all") };
	char *pick = ui_pick(u, _("Filter by"), choices, 6, NULL, false);

	if (!pick)
		return;
	if (!strcmp(pick, choices[0])) {
		char **labels = xcalloc(u->app->cfg.n_kinds + 1, sizeof *labels);
		for (size_t i = 0; i < u->app->cfg.n_kinds; i++)
			labels[i] = (char *)kind_label(&u->app->cfg.kinds[i]);
		char *k = ui_pick(u, _("Kind"), labels, u->app->cfg.n_kinds, NULL, false);
		for (size_t i = 0; k && i < u->app->cfg.n_kinds; i++)
			if (!strcmp(k, labels[i]))
				str_replace(&e->kind, u->app->cfg.kinds[i].key);
		free(k);
		free(labels);
	} else if (!strcmp(pick, choices[1])) {
		ask_filter(u, _("Venue name contains:"), &e->venue);
	} else if (!strcmp(pick, choices[2])) {
		ask_filter(u, _("Organisation name contains:"), &e->org);
	} else if (!strcmp(pick, choices[3])) {
		char *st[] = { _("tentative"), _("confirmed"), _("cancelled"),
			       /* TRANSLATORS: a status filter that keeps all. */
			       _("any") };
		char *s = ui_pick(u, _("Status"), st, 4, NULL, false);
		for (unsigned i = 0; s && i < 4; i++)
			if (!strcmp(s, st[i]))
				e->statuses = i < 3 ? 1u << i : 0;
		free(s);
	} else if (!strcmp(pick, choices[4])) {
		ask_filter(u, _("Events containing:"), &e->text);
	} else {
		str_replace(&e->kind, NULL);
		str_replace(&e->venue, NULL);
		str_replace(&e->org, NULL);
		str_replace(&e->text, NULL);
		e->statuses = 0;
	}
	free(pick);
	e->loaded = false;
}

/* Opens the next occurrence of the selected series, or its form. */
static void open_row(struct ui *u, const struct series_row *r)
{
	struct occ_filter f = { .statuses = OCC_ALL_STATUSES, .with_cancelled = true,
				.series_id = r->id };
	struct occ_list l = { 0 };
	int64_t at = r->next_start ? r->next_start : r->first_start;

	if (store_occurrences(u->app->st, at, at + 1, &f, 1, &l, NULL) == HE_OK && l.n)
		ui_act_on(u, &l.v[0], ACT_OPEN);
	else
		ui_edit_series(u, r->id);
	occ_list_free(&l);
}

static int move_key(struct ui *u, struct events *e, enum action a)
{
	size_t page = (size_t)(ui_body_rows(u) > 3 ? ui_body_rows(u) - 2 : 1);

	return ui_list_move(&e->sel, e->total, page, a) ? UI_HANDLED
							: UI_IGNORED;
}

/* Whether row i holds needle in its title, kind or venue. */
static bool row_matches(void *ctx, size_t i, const char *needle)
{
	struct ui *u = ctx;
	const struct series_row *r = &state(u)->rows.v[i];

	return ui_search_matches(r->title, needle) ||
	       ui_search_matches(config_kind_label(&u->app->cfg, r->kind), needle) ||
	       ui_search_matches(r->venue, needle);
}

static int events_key(struct ui *u, enum action a)
{
	struct events *e = state(u);
	const struct series_row *r;

	if (move_key(u, e, a) == UI_HANDLED)
		return UI_HANDLED;
	switch (a) {
	case ACT_ADD: ui_add_event(u, ui_now(u)); return UI_HANDLED;
	case ACT_SORT:
		e->sort = (e->sort + 1) % SORT_COUNT;
		e->loaded = false;
		e->sel = e->top = 0;
		ui_message(u, _("Sorted by %s."), _(sort_names[e->sort]));
		return UI_HANDLED;
	case ACT_FILTER: choose_filter(u, e); return UI_HANDLED;
	case ACT_SEARCH:
	case ACT_SEARCH_BACK:
		if (ui_search_ask(u, a == ACT_SEARCH_BACK))
			ui_search_rows(u, e->rows.n, &e->sel,
				       a == ACT_SEARCH ? 1 : -1, row_matches, u);
		return UI_HANDLED;
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
		if (ui_search_text(u))
			ui_search_rows(u, e->rows.n, &e->sel,
				       a == ACT_SEARCH_NEXT ? 1 : -1, row_matches, u);
		return UI_HANDLED;
	case ACT_EXPORT: {
		/* The listed series, whatever their dates. */
		struct occ_filter f = { .kind = e->kind, .venue = e->venue,
					.org = e->org };
		ui_export(u, 0, 0, &f);
		return UI_HANDLED;
	}
	default:
		break;
	}
	if (!(r = row_at(e, e->sel))) {
		ui_message(u, _("Nothing is selected."));
		return a == ACT_OPEN || a == ACT_EDIT || a == ACT_DELETE ||
		       a == ACT_DUPLICATE || a == ACT_SEGMENTS
			? UI_HANDLED : UI_IGNORED;
	}
	int64_t id = r->id;
	switch (a) {
	case ACT_OPEN: open_row(u, r); return UI_HANDLED;
	case ACT_EDIT: ui_edit_series(u, id); return UI_HANDLED;
	case ACT_DELETE: ui_delete_series(u, id); return UI_HANDLED;
	case ACT_DUPLICATE: ui_duplicate_series(u, id); return UI_HANDLED;
	case ACT_SEGMENTS: ui_segments(u, id); return UI_HANDLED;
	default: return UI_IGNORED;
	}
}

const struct view_ops events_view = {
	N_("Events"), events_draw, events_key, events_reload, events_free,
};
