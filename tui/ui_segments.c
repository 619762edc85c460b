/*
 * ui_segments.c - the segments of an event: the agenda of a reading
 * session, the zones of a fair, the services of a station. Add, edit,
 * reorder, delete.
 */
#include "ui_edit.h"

#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/label.h"
#include "../core/when.h"
#include "../core/words.h"

enum { FG_TITLE = 1, FG_FROM, FG_TO, FG_PARTNER, FG_VENUE, FG_NOTE, FG_DONE };

struct segment_edit {
	struct segment *g;
	const struct series *s;  /* its event: names it holds are offered */
};

static bool read_minutes(struct form_field *ff, bool *given, int *minutes)
{
	char *text = field_text(ff);
	bool ok = true;

	*given = *text != '\0';
	if (*given && when_parse_hhmm(text, minutes, NULL) != HE_OK) {
		field_set_error(ff, _("HH:MM"));
		ok = false;
	}
	free(text);
	return ok;
}

static bool seg_save(struct ui *u, struct form *f)
{
	struct segment_edit *e = f->ctx;
	char *title = field_text(form_get(f, FG_TITLE));
	char *note = field_text(form_get(f, FG_NOTE));
	bool from_given, to_given, ok;
	int from = 0, to = 0;

	form_clear_errors(f);
	/* Both fields are read so that both show their errors. */
	ok = read_minutes(form_get(f, FG_FROM), &from_given, &from);
	ok = read_minutes(form_get(f, FG_TO), &to_given, &to) && ok;
	if (!*title)
		field_set_error(form_get(f, FG_TITLE), _("required")), ok = false;
	if (ok && from_given != to_given)
		field_set_error(form_get(f, to_given ? FG_FROM : FG_TO),
				_("give both times or neither")), ok = false;
	if (ok && from_given && from >= to)
		field_set_error(form_get(f, FG_TO), _("after the start")), ok = false;
	if (ok) {
		str_replace(&e->g->title, title);
		str_replace(&e->g->note, *note ? note : NULL);
		e->g->timed = from_given;
		e->g->from_min = from;
		e->g->to_min = to;
	} else {
		ui_error(u, _("Some fields need attention."));
	}
	free(title);
	free(note);
	return ok;
}

/* The partners as the button shows them: "A、B", or "(none)". */
static void show_partners(struct form_field *ff, const struct segment *g)
{
	char *who = words_join((const char *const *)g->partners.v,
			       g->partners.n);

	field_set_value(ff, *who ? who : _("(none)"));
	free(who);
}

/* Each pick adds a partner; picking one already there removes it. */
static void edit_partners(struct ui *u, struct form_field *ff,
			  const struct series *s, struct segment *g)
{
	char *pick, *last = NULL;

	while ((pick = ui_pick_org(u, _("Add or remove (Esc when done)"), last,
				   &g->partners, s))) {
		size_t kept = 0, n = g->partners.n;
		for (size_t i = 0; i < n; i++)
			if (strcmp(g->partners.v[i], pick) != 0)
				g->partners.v[kept++] = g->partners.v[i];
			else
				free(g->partners.v[i]);
		g->partners.n = kept;
		if (kept == n && *pick)
			strv_add(&g->partners, pick);
		free(last);
		last = pick;
		show_partners(ff, g);
		ui_message(u, "%s", ff->value);
	}
	free(last);
}

static void seg_activate(struct ui *u, struct form *f, struct form_field *ff)
{
	struct segment_edit *e = f->ctx;

	if (ff->id == FG_PARTNER) {
		edit_partners(u, ff, e->s, e->g);
		f->changed = true;
	} else if (ff->id == FG_VENUE) {
		char *pick = ui_pick_venue(u, _("Venue of this segment"),
					   e->g->venue, e->s);
		if (pick) {
			str_replace(&e->g->venue, *pick ? pick : NULL);
			field_set_value(ff, *pick ? pick : _("(the event's)"));
			f->changed = true;
		}
		free(pick);
	} else if (ff->id == FG_DONE) {
		f->done = seg_save(u, f);
	}
}

static const struct form_ops segment_ops = {
	NULL, seg_activate, seg_save, NULL,
};

/* Edits one segment of s in a small form; true when saved. */
static bool edit_one(struct ui *u, const struct series *s, struct segment *g,
		     const char *title)
{
	struct segment work;
	struct segment_edit e = { &work, s };
	struct form f;
	char from[16] = "", to[16] = "";
	bool saved;

	segment_copy(&work, g);
	if (g->timed) {
		label_minutes(g->from_min, from);
		label_minutes(g->to_min, to);
	}
	form_init(&f, title, &segment_ops, &e);
	field_set_text(form_add(&f, F_TEXT, FG_TITLE, _("Title")), g->title);
	field_set_text(form_add(&f, F_TEXT, FG_FROM, _("From")), from);
	field_set_text(form_add(&f, F_TEXT, FG_TO, _("To")), to);
	show_partners(form_add(&f, F_BUTTON, FG_PARTNER, _("Partners")), g);
	field_set_value(form_add(&f, F_BUTTON, FG_VENUE, _("Venue")),
			g->venue ? g->venue : _("(the event's)"));
	field_set_text(form_add(&f, F_TEXT, FG_NOTE, _("Note")), g->note);
	field_set_value(form_add(&f, F_BUTTON, FG_DONE, ""), _("Done (C-s)"));
	saved = form_run(u, &f) == FORM_SAVED;
	form_free(&f);
	if (saved) {
		segment_free(g);
		*g = work;
	} else {
		segment_free(&work);
	}
	return saved;
}

struct list_view {
	const struct series *s;
	size_t *sel;
};

/* The list's columns inside its frame: time span, title, partners. */
#define SEG_INDENT 2
#define SEG_SPAN_W 12

static void draw_list(struct ui *u, const struct list_view *lv, bool on_top)
{
	const struct series *s = lv->s;
	size_t sel = *lv->sel;
	int y0 = ui_body_top(), h = ui_body_rows(u);
	/* A new event without a title yet is still this event. */
	char *title = s->title && *s->title
		? xasprintf(_("Segments of “%s”"), s->title)
		: xstrdup(_("Segments of the new event"));

	ui_frame(y0, 0, h, u->cols, title);
	free(title);
	if (!s->n_segments)
		ui_put(y0 + 2, 4, u->cols - 8, _("No segments yet: a adds one."),
		       A_DIM);
	for (size_t i = 0; i < s->n_segments && (int)i < h - 2; i++) {
		const struct segment *g = &s->segments[i];
		attr_t at = i == sel ? ui_attr_selected() : A_NORMAL;
		char a[16], b[16], span[40] = "";
		if (g->timed) {
			label_minutes(g->from_min, a);
			label_minutes(g->to_min, b);
			snprintf(span, sizeof span, "%s–%s", a, b);
		}
		int y = y0 + 1 + (int)i, title_x = SEG_INDENT + SEG_SPAN_W + 1;
		int title_w = u->cols / 2, who_x = title_x + title_w + 1;
		ui_fill(y, 1, u->cols - 2, at);
		ui_put(y, SEG_INDENT, SEG_SPAN_W, span, at);
		ui_put(y, title_x, title_w, g->title, at | A_BOLD);
		char *who = words_join((const char *const *)g->partners.v,
				       g->partners.n);
		/* Inside the frame: its right border stays. */
		ui_put(y, who_x, u->cols - who_x - 2,
		       *who ? who : g->venue ? g->venue : g->note, at);
		free(who);
	}
	if (on_top)
		ui_put_status(u, _("a add  e/Enter edit  d delete  K/J move up/down  "
				   "? keys  Esc done"), A_DIM);
}

static bool list_key(struct ui *u, struct series *s, size_t *sel,
		     const struct key *k)
{
	struct segment g = { 0 };
	wint_t ch = k->is_key ? 0 : k->ch;

	if ((k->is_key && k->ch == KEY_DOWN) || ch == 'j') {
		if (*sel + 1 < s->n_segments)
			(*sel)++;
		return false;
	}
	if ((k->is_key && k->ch == KEY_UP) || ch == 'k') {
		if (*sel > 0)
			(*sel)--;
		return false;
	}
	if ((k->is_key && k->ch == KEY_HOME) || ch == 'g') {
		*sel = 0;
		return false;
	}
	if ((k->is_key && k->ch == KEY_END) || ch == 'G') {
		*sel = s->n_segments ? s->n_segments - 1 : 0;
		return false;
	}
	if (ui_is_help_key(k, false)) {
		static const struct key_help keys[] = {
			{ "a", N_("add a segment after the selected one") },
			{ "e Enter", N_("edit the selected segment") },
			{ "d", N_("delete it (after asking)") },
			{ "K J", N_("move it up or down") },
			{ "↑ ↓ k j", N_("select the previous or next") },
			{ "g G Home End", N_("select the first or the last") },
			{ "Esc q", N_("done") },
		};
		ui_help_list(u, _("Segments"), keys, sizeof keys / sizeof *keys);
		return false;
	}
	switch (ch) {
	case 'a':
		if (!edit_one(u, s, &g, _("New segment")))
			return false;
		/* After the selected one: agendas are written in order. */
		series_add_segment(s, &g);
		segment_free(&g);
		if (s->n_segments > 1 && *sel + 1 < s->n_segments - 1)
			series_move_segment(s, s->n_segments - 1, *sel + 1);
		*sel = s->n_segments > 1 ? *sel + 1 : 0;
		return true;
	case 'e': case '\n': case '\r':
		return *sel < s->n_segments &&
		       edit_one(u, s, &s->segments[*sel], _("Segment"));
	case 'd':
		if (*sel >= s->n_segments || !ui_confirm(u, _("Delete this segment?")))
			return false;
		series_remove_segment(s, *sel);
		if (*sel && *sel >= s->n_segments)
			(*sel)--;
		return true;
	case 'K':
		if (*sel == 0 || !series_move_segment(s, *sel, *sel - 1))
			return false;
		(*sel)--;
		return true;
	case 'J':
		if (!series_move_segment(s, *sel, *sel + 1))
			return false;
		(*sel)++;
		return true;
	default:
		return false;
	}
}

/* What the list of segments keeps between keys. */
struct list_run {
	struct series *s;
	size_t sel;
	bool changed;
	struct list_view lv;
};

static void list_run_draw(struct ui *u, void *ctx)
{
	struct list_run *r = ctx;
	draw_list(u, &r->lv, ui_on_top(u, r));
}

static int list_run_key(struct ui *u, const struct key *k, void *ctx)
{
	struct list_run *r = ctx;

	if (!k->is_key && (k->ch == 27 || k->ch == 'q' || k->ch == 3))
		return UI_MODAL_DONE;
	r->changed |= list_key(u, r->s, &r->sel, k);
	return UI_MODAL_GO;
}

bool ui_segments_edit(struct ui *u, struct series *s)
{
	struct list_run r = { .s = s };
	const struct ui_modal m = { list_run_draw, NULL, list_run_key, &r };

	r.lv = (struct list_view){ s, &r.sel };
	ui_modal(u, &m);
	return r.changed;
}
