/*
 * ui_detail.c - the detail pane of an occurrence, and what can be done to
 * one occurrence: cancel, move, change venue or note, split the series.
 */
#include "ui_edit.h"

#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/label.h"
#include "../core/people/people.h"
#include "../core/text.h"
#include "../core/when.h"
#include "../core/words.h"

/* A line of the pane: a label (or NULL) and wrapped text. */
struct pane {
	struct strv labels, texts;
	int width;
};

static void pane_add(struct pane *p, const char *label, const char *text)
{
	struct strv lines = { 0 };

	if (str_empty(text))
		return;
	ui_wrap(text, p->width - 19, &lines); /* as wide as draw_pane puts it */
	for (size_t i = 0; i < lines.n; i++) {
		strv_add(&p->labels, i == 0 && label ? label : "");
		strv_add(&p->texts, lines.v[i]);
	}
	strv_free(&lines);
}

static void pane_free(struct pane *p)
{
	strv_free(&p->labels);
	strv_free(&p->texts);
}

static char *when_text(const struct ui *u, const struct occ *o)
{
	const struct tz *z = o->all_day ? tz_get(o->tzid) : ui_zone(u);
	struct civil a = tz_from_utc(z, o->start, NULL);
	char *day = label_day(&a), *out;
	char span[48];

	ui_time_span(u, o, span);
	out = xasprintf("%s  %s", day, span);
	free(day);
	return out;
}

static void add_orgs(struct pane *p, const struct series *s)
{
	static const char *const labels[] = { N_("Host"), N_("Co-host"),
					      N_("Partners"), N_("Sponsors") };
	for (int r = 0; r < 4; r++) {
		struct sbuf b = { 0 };
		for (size_t i = 0; i < s->n_orgs; i++)
			if (s->orgs[i].role == (enum role)r)
				sbuf_addf(&b, "%s%s", b.len ? "、" : "", s->orgs[i].name);
		pane_add(p, _(labels[r]), sbuf_str(&b));
		sbuf_free(&b);
	}
}

/* The segments as they happen at occurrence o: moved with it. */
static void add_segments(struct pane *p, struct series *s, const struct occ *o)
{
	int shift = series_segment_shift(s, series_find_override(s, &o->rid));

	for (size_t i = 0; i < s->n_segments; i++) {
		const struct segment *g = &s->segments[i];
		char from[16], to[16];
		struct sbuf b = { 0 };
		if (g->timed) {
			label_minutes(segment_minutes_shifted(g->from_min, shift,
							      false), from);
			label_minutes(segment_minutes_shifted(g->to_min, shift,
							      true), to);
			sbuf_addf(&b, "%s–%s ", from, to);
		}
		sbuf_add(&b, g->title);
		if (g->partners.n) {
			char *who = words_join((const char *const *)g->partners.v,
					       g->partners.n);
			sbuf_addf(&b, " (%s)", who);
			free(who);
		}
		if (g->venue)
			sbuf_addf(&b, " @ %s", g->venue);
		if (g->note)
			sbuf_addf(&b, " — %s", g->note);
		pane_add(p, i == 0 ? _("Segments") : NULL, sbuf_str(&b));
		sbuf_free(&b);
	}
}

static void add_next(struct ui *u, struct pane *p, const struct series *s)
{
	struct occ_filter f = { .statuses = OCC_ALL_STATUSES, .with_cancelled = true,
				.series_id = s->id };
	struct occ_list l = { 0 };
	int64_t now = ui_now(u);

	if (store_occurrences(u->app->st, now, now + 5 * 366 * 86400LL, &f, 5, &l,
			      NULL) != HE_OK)
		return;
	for (size_t i = 0; i < l.n; i++) {
		char *w = when_text(u, &l.v[i]);
		char *line = l.v[i].cancelled
			? xasprintf("%s %s", w, _("(cancelled)")) : xstrdup(w);
		/* TRANSLATORS: labels the next occurrences of an event. */
		pane_add(p, i == 0 ? _("Next") : NULL, line);
		free(line);
		free(w);
	}
	occ_list_free(&l);
}

static void build_pane(struct ui *u, const struct occ *o,
		       struct series *s, struct pane *p)
{
	char cap[24], *when = when_text(u, o);
	char *rule = words_rule(&s->sched, s->sched.rrule);
	struct sbuf aud = { 0 };
	struct venue v = { 0 };

	/* The occurrence's own title and description where it has them. */
	pane_add(p, _("Title"), o->title);
	if (strcmp(o->title, s->title))
		/* TRANSLATORS: the title of the series a changed occurrence
		   with a title of its own belongs to. */
		pane_add(p, _("Series"), s->title);
	pane_add(p, _("Kind"), config_kind_label(&u->app->cfg, s->kind));
	pane_add(p, _("Status"), o->cancelled ? _("this occurrence is cancelled")
					      : _(status_name(s->status)));
	pane_add(p, _("When"), when);
	free(when);
	pane_add(p, _("Repeats"), rule);
	free(rule);
	pane_add(p, _("Time zone"), s->sched.tzid);
	pane_add(p, _("Venue"), o->venue);
	if (o->venue && store_venue_get(u->app->st, o->venue, &v, NULL) == HE_OK) {
		pane_add(p, _("Address"), v.address);
		venue_free(&v);
	}
	pane_add(p, _("Note"), o->note);
	add_orgs(p, s);
	for (size_t i = 0; i < s->audience.n; i++)
		sbuf_addf(&aud, "%s%s", i ? "、" : "", s->audience.v[i]);
	/* TRANSLATORS: the audience of an event (riders, residents...). */
	pane_add(p, _("For"), sbuf_str(&aud));
	sbuf_free(&aud);
	snprintf(cap, sizeof cap, "%d", s->capacity);
	pane_add(p, _("Capacity"), s->capacity ? cap : NULL);
	pane_add(p, _("Contact"), s->contact);
	pane_add(p, _("Description"), o->description);
	add_segments(p, s, o);
	/* TRANSLATORS: labels what was counted at the occurrence. */
	char *counted = ui_tally_summary(u, o);
	pane_add(p, _("Counted"), counted);
	free(counted);
	add_next(u, p, s);
	/* TRANSLATORS: who changed the event last and when. */
	char *changed = ui_last_change(u, s->uid);
	pane_add(p, _("Changed by"), changed);
	free(changed);
	pane_add(p, _("ID"), s->uid);
}

struct pane_view {
	const struct pane *p;
	size_t top;
	const char *title;
};

static void draw_pane(struct ui *u, void *ctx)
{
	const struct pane_view *pv = ctx;
	const struct pane *p = pv->p;
	size_t top = pv->top;
	const char *title = pv->title;
	int y0 = ui_body_top(), h = ui_body_rows(u);

	ui_frame(y0, 0, h, u->cols, title);
	for (int r = 0; r < h - 2 && top + (size_t)r < p->texts.n; r++) {
		size_t i = top + (size_t)r;
		ui_put(y0 + 1 + r, 2, 14, p->labels.v[i], A_BOLD);
		ui_put(y0 + 1 + r, 17, u->cols - 19, p->texts.v[i], A_NORMAL);
	}
	if (!u->status[0] && u->layers[u->n_layers - 1].ctx == ctx)
		ui_put_status(u,
		       _("Esc close  e edit  c cancel  m move  v venue  A note  "
			 "s split  S segments  T tally  Q QR  d delete"), A_DIM);
}

/* Reads o again after a change; false when it is gone. */
static bool refresh_occ(struct ui *u, struct occ *o)
{
	struct occ_filter f = { .statuses = OCC_ALL_STATUSES, .with_cancelled = true,
				.series_id = o->series_id };
	struct occ_list l = { 0 };
	bool found = false;

	if (store_occurrences(u->app->st, o->start, o->start + 1, &f, 0, &l,
			      NULL) == HE_OK)
		for (size_t i = 0; i < l.n && !found; i++)
			if (civil_cmp(&l.v[i].rid, &o->rid) == 0) {
				occ_free(o);
				occ_copy(o, &l.v[i]);
				found = true;
			}
	occ_list_free(&l);
	return found;
}

/* What the detail pane keeps between keys. */
struct detail {
	struct occ o;
	struct series s;         /* loaded afresh each round */
	bool loaded;
	struct pane p;
	struct pane_view pv;
	bool done;
};

static void detail_clear(struct detail *d)
{
	if (d->loaded)
		series_free(&d->s);
	d->loaded = false;
	pane_free(&d->p);
}

/* Each round shows the series as it is now: another organiser may have
 * changed it, or an action here did. */
static bool detail_prepare(struct ui *u, void *ctx)
{
	struct detail *d = ctx;

	detail_clear(d);
	if (d->done || !ui_load_series(u, d->o.series_id, &d->s))
		return false;
	d->loaded = true;
	d->p = (struct pane){ .width = u->cols };
	build_pane(u, &d->o, &d->s, &d->p);
	d->pv.p = &d->p;
	d->pv.title = d->s.title;
	return true;
}

static void detail_draw(struct ui *u, void *ctx)
{
	struct detail *d = ctx;
	draw_pane(u, &d->pv);
}

static void detail_act(struct ui *u, struct detail *d, enum action a)
{
	int64_t id = d->o.series_id;

	if (a == ACT_EDIT)
		ui_edit_series(u, id), d->done = true;
	else if (a == ACT_DELETE)
		ui_delete_series(u, id), d->done = true;
	else if (a == ACT_DUPLICATE)
		ui_duplicate_series(u, id), d->done = true;
	else if (a == ACT_SEGMENTS)
		ui_segments(u, id);
	else if (a != ACT_NONE &&
		 ui_occurrence_action(u, &d->o, a) == UI_HANDLED)
		d->done = a == ACT_SPLIT || a == ACT_MOVE_OCC ||
			  !refresh_occ(u, &d->o);
}

static int detail_key(struct ui *u, const struct key *k, void *ctx)
{
	struct detail *d = ctx;
	enum action a;

	if (!k->is_key && (k->ch == 27 || k->ch == 'q'))
		return UI_MODAL_DONE;
	a = ui_action(u, V_AGENDA, k);
	if (a == ACT_DOWN) {
		if (d->pv.top + 3 < d->p.texts.n)
			d->pv.top++;
	} else if (a == ACT_UP) {
		if (d->pv.top > 0)
			d->pv.top--;
	} else {
		/* What the actions open is shown over the view, not the pane. */
		ui_pop_layer(u);
		detail_act(u, d, a);
		ui_push_layer(u, detail_draw, d);
	}
	return d->done ? UI_MODAL_DONE : UI_MODAL_GO;
}

void ui_detail(struct ui *u, const struct occ *shown)
{
	struct detail d = { 0 };
	const struct ui_modal m = { detail_draw, detail_prepare, detail_key,
				    &d };

	occ_copy(&d.o, shown);
	ui_modal(u, &m);
	detail_clear(&d);
	occ_free(&d.o);
}

/* Loads the series of o and finds or makes the override of o. */
static bool override_of(struct ui *u, const struct occ *o, struct series *s,
			struct override **ov)
{
	struct herr err = { 0 };

	if (!ui_load_series(u, o->series_id, s))
		return false;
	if (series_override(s, &o->rid, ov, &err) != HE_OK) {
		ui_show_err(u, &err);
		series_free(s);
		return false;
	}
	return true;
}

/* An override that changes nothing is dropped rather than kept. */
static void tidy_override(struct series *s, struct override *ov)
{
	if (override_is_empty(ov))
		series_drop_override(s, &ov->rid);
}

static void toggle_cancel(struct ui *u, const struct occ *o)
{
	struct series s;
	struct override *ov;
	char *day = when_text(u, o), *q;
	bool ok;

	q = o->cancelled ? xasprintf(_("Restore %s on %s?"), o->title, day)
			 : xasprintf(_("Cancel %s on %s?"), o->title, day);
	ok = ui_confirm(u, q);
	free(q);
	free(day);
	if (!ok || !override_of(u, o, &s, &ov))
		return;
	ov->cancelled = !o->cancelled;
	tidy_override(&s, ov);
	if (ui_save_series(u, &s, o->cancelled ? _("Occurrence restored")
					       : _("Occurrence cancelled")) ==
	    HE_OK && !o->cancelled)
		ui_shift_notice(u, o->series_id, &o->rid, _("Occurrence cancelled"));
	series_free(&s);
}

/* Where the text typed to move o puts it (when_parse_span): a start
 * alone keeps o's length; a date alone keeps its time of day. */
static int move_target(struct ui *u, const struct occ *o, const char *text,
		       struct civil *start, struct civil *end, struct herr *err)
{
	const struct tz *z = tz_get(o->tzid);
	struct civil was = tz_from_utc(z, o->start, NULL);
	struct civil was_end = tz_from_utc(z, o->end, NULL);
	struct civil today = ui_today(u);
	struct when a, b;
	bool has_end;
	int rc = when_parse_span(text, &was, &today, &a, &b, &has_end, err);

	if (rc != HE_OK)
		return rc;
	*start = a.c;
	if (o->all_day) {
		start->hour = start->min = start->sec = 0;
	} else if (a.date_only) {
		start->hour = was.hour, start->min = was.min, start->sec = was.sec;
	}
	if (has_end && o->all_day) {
		*end = civil_add_days(b.c, 1); /* the last day, kept exclusive */
		end->hour = end->min = end->sec = 0;
	} else if (has_end) {
		*end = b.c;
	} else {
		*end = civil_from_seconds(civil_to_seconds(start) +
					  civil_to_seconds(&was_end) -
					  civil_to_seconds(&was));
	}
	return HE_OK;
}

/* The live preview of a move: "→ Sun 17 Jan 2027 12:00–19:00". */
static char *check_move(struct ui *u, const char *text, void *ctx)
{
	const struct occ *o = ctx;
	struct civil start, end;
	char *day, *out, a[8], b[8];

	if (move_target(u, o, text, &start, &end, NULL) != HE_OK)
		return xstrdup(_("→ not understood"));
	day = label_day(&start);
	label_hhmm(&start, a);
	label_hhmm(&end, b);
	if (o->all_day)
		out = xasprintf("→ %s", day);
	else if (start.year == end.year && start.month == end.month &&
		 start.day == end.day)
		out = xasprintf("→ %s %s–%s", day, a, b);
	else
		out = xasprintf("→ %s %s–%d/%d %s", day, a, end.month, end.day, b);
	free(day);
	return out;
}

/*
 * m: a new start, a start and an end, or a range of times. Moving an event
 * that does not repeat changes the event (its segments follow it); an
 * occurrence of a series gets an override (its segments shift with it).
 */
/*
 * Saves a series whose occurrence *from moved (now original start *to):
 * a one-off event's start changes, and its people go with it, in the same
 * transaction; then says who is signed up.
 */
static void move_with_people(struct ui *u, struct series *s,
			     const struct civil *from, const struct civil *to)
{
	const char *what = series_repeats(s) ? _("Occurrence moved")
					     : _("Event moved");
	struct herr err = { 0 };

	if (store_begin(u->app->st, &err) != HE_OK) {
		ui_show_err(u, &err);
		return;
	}
	if (ui_save_series(u, s, what) != HE_OK) {
		store_rollback(u->app->st);
		return;
	}
	if (shift_carry_move(u->app->st, s->id, from, to, &err) != HE_OK) {
		store_rollback(u->app->st);
		ui_show_err(u, &err);
		return;
	}
	if (store_commit(u->app->st, &err) != HE_OK) {
		ui_show_err(u, &err);
		return;
	}
	ui_shift_notice(u, s->id, to, what);
}

static void move_occurrence(struct ui *u, const struct occ *o)
{
	const struct tz *z = tz_get(o->tzid);
	struct civil was = tz_from_utc(z, o->start, NULL), start, end, rid;
	char init[CIVIL_BUFSZ + 8], *text;
	struct herr err = { 0 };
	struct series s;

	snprintf(init, sizeof init, "%04d-%02d-%02d %02d:%02d", was.year,
		 was.month, was.day, was.hour, was.min);
	text = ui_ask(u, _("Move to:"), o->all_day ? init : init, check_move,
		      (void *)o);
	if (!text)
		return;
	if (move_target(u, o, text, &start, &end, &err) != HE_OK) {
		ui_show_err(u, &err);
		free(text);
		return;
	}
	free(text);
	if (!ui_load_series(u, o->series_id, &s))
		return;
	if (series_move_occurrence(&s, &o->rid, &start, &end, &rid, &err) != HE_OK)
		ui_show_err(u, &err);
	else
		move_with_people(u, &s, &o->rid, &rid);
	series_free(&s);
}

static void change_venue(struct ui *u, const struct occ *o)
{
	char *pick = ui_pick_venue(u, _("Venue of this occurrence"), o->venue,
				   NULL);
	struct series s;
	struct override *ov;

	if (pick && override_of(u, o, &s, &ov)) {
		/* Choosing the series' own venue (or none) undoes the change. */
		str_replace(&ov->venue, *pick && !str_eq0(pick, s.venue) ? pick : NULL);
		tidy_override(&s, ov);
		ui_save_series(u, &s, _("Venue changed for this occurrence"));
		series_free(&s);
	}
	free(pick);
}

/*
 * The texts of one occurrence: its own title or description ("读书会
 * （改期）"), which replace the series' for it alone, or a note. Giving
 * the series' own text back (or nothing) undoes the change.
 */
static void change_texts(struct ui *u, const struct occ *o)
{
	char *choices[] = { _("Title"), _("Description"), _("Note") };
	char *pick = ui_pick(u, _("Change for this occurrence"), choices, 3,
			     NULL, false);
	const char *labels[] = { _("Title:"), _("Description:"), _("Note:") };
	const char *initial[] = { o->title, o->description, o->note };
	const char *saved[] = { _("Title of this occurrence saved"),
				_("Description of this occurrence saved"),
				_("Note saved") };
	int which = -1;
	char *text = NULL;
	struct series s;
	struct override *ov;

	for (int i = 0; pick && i < 3; i++)
		if (!strcmp(pick, choices[i]))
			which = i;
	free(pick);
	if (which < 0 || !(text = ui_ask(u, labels[which], initial[which], NULL,
					 NULL)))
		return;
	if (override_of(u, o, &s, &ov)) {
		char **field = which == 0 ? &ov->title
			     : which == 1 ? &ov->description : &ov->note;
		const char *own = which == 0 ? s.title
				: which == 1 ? s.description : NULL;
		str_replace(field, *text && !str_eq0(text, own) ? text : NULL);
		tidy_override(&s, ov);
		ui_save_series(u, &s, saved[which]);
		series_free(&s);
	}
	free(text);
}

static void split_here(struct ui *u, const struct occ *o)
{
	struct series s, tail;
	struct herr err = { 0 };
	struct series *both[2] = { &s, &tail };

	if (!ui_confirm(u, _("Change this and the following occurrences as a "
			     "new series?")))
		return;
	if (!ui_load_series(u, o->series_id, &s))
		return;
	if (series_split(&s, &o->rid, &tail, &err) != HE_OK) {
		ui_show_err(u, &err);
		series_free(&s);
		return;
	}
	/* One transaction: the halves, and the people and shifts of the
	 * occurrences from here on, which go with the new series. */
	if (store_begin(u->app->st, &err) != HE_OK) {
		ui_show_err(u, &err);
	} else if (ui_save_many(u, both, 2, _("Series split")) != HE_OK) {
		store_rollback(u->app->st);
	} else if (shift_carry_split(u->app->st, s.id, tail.id, &o->rid,
				     &err) != HE_OK) {
		store_rollback(u->app->st);
		ui_show_err(u, &err);
	} else if (store_commit(u->app->st, &err) != HE_OK) {
		ui_show_err(u, &err);
	} else {
		ui_edit_series(u, tail.id);
	}
	series_free(&s);
	series_free(&tail);
}

int ui_act_on(struct ui *u, const struct occ *shown, enum action a)
{
	/* Views reload their lists after a change: work on a copy. */
	struct occ o;
	int rc = UI_HANDLED;

	occ_copy(&o, shown);
	switch (a) {
	case ACT_OPEN: ui_detail(u, &o); break;
	case ACT_EDIT: ui_edit_series(u, o.series_id); break;
	case ACT_DELETE: ui_delete_series(u, o.series_id); break;
	case ACT_DUPLICATE: ui_duplicate_series(u, o.series_id); break;
	case ACT_SEGMENTS: ui_segments(u, o.series_id); break;
	default: rc = ui_occurrence_action(u, &o, a); break;
	}
	occ_free(&o);
	return rc;
}

int ui_occurrence_action(struct ui *u, const struct occ *o, enum action a)
{
	switch (a) {
	case ACT_CANCEL_OCC: toggle_cancel(u, o); break;
	case ACT_MOVE_OCC: move_occurrence(u, o); break;
	case ACT_VENUE_OCC: change_venue(u, o); break;
	case ACT_NOTE_OCC: change_texts(u, o); break;
	case ACT_SPLIT: split_here(u, o); break;
	case ACT_QR: ui_qr(u, o); break;
	case ACT_TALLY: ui_tally(u, o); break;
	default: return UI_IGNORED;
	}
	return UI_HANDLED;
}
