/*
 * ui_suggest.c - the suggestions view (9): the suggestions still open (new
 * and under review) by day received, the selected one's text, source and
 * last change below the list; s changes its status and asks for a note,
 * Enter shows its whole history, a/e/d add, edit and delete, f chooses
 * which statuses or topic are listed, / searches the text and source.
 * A change made by someone else since the list was read is refused and
 * the list read again.
 */
#include "ui_edit.h"

#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/label.h"
#include "../core/suggest/suggest.h"
#include "../core/text.h"
#include "../core/when.h"

/* new and under review: what needs someone to look at it. */
#define OPEN_STATUSES ((1u << SUGG_NEW) | (1u << SUGG_REVIEW))

struct sugg_ui {
	unsigned statuses;       /* 0: every status */
	char *topic, *text;
	struct sugg_list l;
	bool loaded;
	size_t sel, top;
};

static struct sugg_ui *state(struct ui *u)
{
	struct sugg_ui *s = u->state[V_SUGGESTIONS];

	if (!s) {
		s = u->state[V_SUGGESTIONS] = xcalloc(1, sizeof *s);
		s->statuses = OPEN_STATUSES;
	}
	return s;
}

static void load(struct ui *u, struct sugg_ui *s)
{
	struct sugg_filter f = { .statuses = s->statuses, .topic = s->topic,
				 .text = s->text };
	struct herr err = { 0 };

	sugg_list_free(&s->l);
	if (suggest_list(u->app->st, &f, &s->l, &err) != HE_OK)
		ui_show_err(u, &err);
	if (s->sel >= s->l.n)
		s->sel = s->l.n ? s->l.n - 1 : 0;
	s->loaded = true;
}

/* "3 open suggestions", "12 suggestions: Care services", ... */
static char *heading(struct ui *u, const struct sugg_ui *s)
{
	struct sbuf b = { 0 };
	size_t n = s->l.n;

	if (s->statuses == OPEN_STATUSES)
		sbuf_addf(&b, ngettext("%zu open suggestion", "%zu open suggestions",
				       n), n);
	else
		sbuf_addf(&b, ngettext("%zu suggestion", "%zu suggestions", n), n);
	for (int i = 0; s->statuses != OPEN_STATUSES && i < SUGG_N_STATUS; i++)
		if (s->statuses & (1u << i))
			sbuf_addf(&b, " · %s", sugg_status_label((enum sugg_status)i));
	if (s->topic)
		sbuf_addf(&b, " · %s", config_topic_label(&u->app->cfg, s->topic));
	if (s->text)
		sbuf_addf(&b, " · “%s”", s->text);
	return sbuf_take(&b);
}

static void draw_row(struct ui *u, const struct suggestion *g, int y,
		     attr_t at)
{
	char id[24], day[CIVIL_BUFSZ];
	int x = 1, w = u->cols;
	const char *topic = g->topic ? config_topic_label(&u->app->cfg, g->topic)
				     : "";

	snprintf(id, sizeof id, "#%lld", (long long)g->id);
	civil_format(&g->received, true, day);
	ui_fill(y, 0, w, at);
	ui_put_right(y, x, 5, id, at);
	x += 6;
	ui_put(y, x, 5, day + 5, at); /* 01-06: the year is in the heading */
	x += 6;
	ui_put(y, x, 8, sugg_status_label(g->status),
	       at | (g->status == SUGG_NEW ? A_BOLD : 0));
	x += 9;
	ui_put(y, x, 10, topic, at);
	x += 11;
	ui_put(y, x, w - x - 1, g->text, at);
}

/* "Under review · 转交市总工会 — root, Mon 4 Jan 2027" */
static void last_change(struct ui *u, const struct suggestion *g, int y)
{
	struct suggestion full;
	const struct sugg_change *c;
	struct civil at;
	char *day, *line;

	if (suggest_load(u->app->st, g->id, &full, NULL) != HE_OK)
		return;
	if (full.n_changes) {
		c = &full.changes[full.n_changes - 1];
		at = tz_from_utc(ui_zone(u), c->at, NULL);
		day = label_day(&at);
		line = xasprintf("%s%s%s — %s, %s", sugg_status_label(c->status),
				 c->note ? " · " : "", c->note ? c->note : "",
				 c->by, day);
		ui_put(y, 1, u->cols - 1, line, A_DIM);
		free(line);
		free(day);
	}
	suggestion_free(&full);
}

/* The selected suggestion in full under the list. */
static void draw_preview(struct ui *u, const struct suggestion *g, int y,
			 int rows)
{
	struct strv lines = { 0 };
	struct sbuf b = { 0 };
	int r = 0;

	ui_hline(y, 0, u->cols);
	ui_wrap(g->text, u->cols - 2, &lines);
	for (size_t i = 0; i < lines.n && r < rows - 3; i++)
		ui_put(y + 1 + r++, 1, u->cols - 1, lines.v[i], A_NORMAL);
	strv_free(&lines);
	if (g->source)
		sbuf_addf(&b, "%s %s", _("Source:"), g->source);
	if (g->venue)
		sbuf_addf(&b, "%s%s %s", b.len ? "  " : "", _("Venue:"), g->venue);
	if (g->event_title)
		sbuf_addf(&b, "%s%s %s", b.len ? "  " : "", _("Event:"),
			  g->event_title);
	ui_put(y + 1 + r++, 1, u->cols - 1, sbuf_str(&b), A_DIM);
	sbuf_free(&b);
	last_change(u, g, y + 1 + r);
}

static void sugg_draw(struct ui *u)
{
	struct sugg_ui *s = state(u);
	int y0 = ui_body_top(), h = ui_body_rows(u);
	int preview = h >= 16 ? 6 : 0, rows = h - 1 - preview;
	char *head;

	if (!s->loaded)
		load(u, s);
	head = heading(u, s);
	ui_put(y0, 0, u->cols, head, A_BOLD);
	free(head);
	s->top = ui_scroll(s->top, s->sel, rows);
	for (int r = 0; r < rows && s->top + (size_t)r < s->l.n; r++) {
		size_t i = s->top + (size_t)r;
		draw_row(u, &s->l.v[i], y0 + 1 + r,
			 i == s->sel ? ui_attr_selected() : A_NORMAL);
	}
	if (s->l.n == 0)
		ui_put(y0 + 2, 2, u->cols - 4, _("None here: a adds one, f shows "
						 "other statuses."), A_DIM);
	else if (preview)
		draw_preview(u, &s->l.v[s->sel], y0 + 1 + rows, preview);
}

/* ---- changing the status ---- */

static void change_status(struct ui *u, struct sugg_ui *s,
			  const struct suggestion *g)
{
	/*
	 * Copied before asking: g is a row of the list, which a change seen
	 * while the picker or the note is up reloads (g then freed); and the
	 * status is set against the revision shown when asked.
	 */
	const int64_t id = g->id;
	const int revision = g->revision;
	char *labels[SUGG_N_STATUS], *pick, *note, *q;
	struct herr err = { 0 };
	int chosen = -1;

	for (int i = 0; i < SUGG_N_STATUS; i++)
		labels[i] = (char *)sugg_status_label((enum sugg_status)i);
	q = xasprintf(_("Status of #%lld"), (long long)id);
	pick = ui_pick(u, q, labels, SUGG_N_STATUS, labels[g->status], false);
	free(q);
	for (int i = 0; pick && i < SUGG_N_STATUS; i++)
		if (!strcmp(pick, labels[i]))
			chosen = i;
	free(pick);
	if (chosen < 0)
		return;
	note = ui_ask(u, _("Note (why, or what was done):"), NULL, NULL, NULL);
	if (!note)
		return;
	if (suggest_set_status(u->app->st, id, (enum sugg_status)chosen, note,
			       revision, ui_now(u), &err) != HE_OK)
		ui_show_err(u, &err);
	else
		ui_message(u, _("#%lld is now “%s”."), (long long)id,
			   labels[chosen]);
	free(note);
	s->loaded = false;
}

/* ---- the whole history ---- */

static void draw_history(struct ui *u, void *ctx)
{
	const struct strv *lines = ctx;
	int y0 = ui_body_top(), h = ui_body_rows(u);

	ui_frame(y0, 0, h, u->cols, _("Suggestion"));
	for (int r = 0; r < h - 2 && (size_t)r < lines->n; r++)
		ui_put(y0 + 1 + r, 2, u->cols - 4, lines->v[r], A_NORMAL);
}

static void add_wrapped(struct strv *out, const char *text, int width)
{
	struct strv lines = { 0 };

	ui_wrap(text, width, &lines);
	for (size_t i = 0; i < lines.n; i++)
		strv_add(out, lines.v[i]);
	strv_free(&lines);
}

static void show_history(struct ui *u, const struct suggestion *shown)
{
	struct suggestion g;
	struct strv lines = { 0 };
	struct herr err = { 0 };
	char day[CIVIL_BUFSZ];

	if (suggest_load(u->app->st, shown->id, &g, &err) != HE_OK) {
		ui_show_err(u, &err);
		return;
	}
	add_wrapped(&lines, g.text, u->cols - 4);
	strv_add(&lines, "");
	char *line = xasprintf("#%lld · %s · %s · %s", (long long)g.id,
			       civil_format(&g.received, true, day),
			       sugg_status_label(g.status),
			       g.topic ? config_topic_label(&u->app->cfg, g.topic)
				       : "");
	strv_add(&lines, line);
	free(line);
	for (size_t i = 0; i < g.n_changes; i++) {
		const struct sugg_change *c = &g.changes[i];
		struct civil at = tz_from_utc(ui_zone(u), c->at, NULL);
		char *d = label_day(&at), hhmm[8];
		label_hhmm(&at, hhmm);
		line = xasprintf("%s %s  %s  %s%s%s", d, hhmm, c->by,
				 sugg_status_label(c->status), c->note ? "  " : "",
				 c->note ? c->note : "");
		add_wrapped(&lines, line, u->cols - 4);
		free(line);
		free(d);
	}
	ui_modal(u, &(const struct ui_modal){ draw_history, NULL, ui_key_closes,
					      &lines });
	strv_free(&lines);
	suggestion_free(&g);
}

/* ---- adding and editing ---- */

enum { FS_TEXT = 1, FS_TOPIC, FS_SOURCE, FS_VENUE, FS_DATE, FS_SAVE };

struct sugg_edit {
	struct sugg_ui *s;
	struct suggestion g;
};

static void date_changed(struct ui *u, struct form *f, struct form_field *ff)
{
	char *text, *note;

	if (ff->id != FS_DATE)
		return;
	text = field_text(ff);
	note = ui_check_when(u, text, NULL);
	field_set_note(ff, note);
	free(note);
	free(text);
	(void)f;
}

static bool read_form(struct ui *u, struct form *f, struct suggestion *g)
{
	const struct config *cfg = &u->app->cfg;
	struct form_field *topic = form_get(f, FS_TOPIC);
	char *date = field_text(form_get(f, FS_DATE)), *source;
	struct civil today = ui_today(u);
	struct when w;
	bool ok = true;

	free(g->text);
	g->text = field_text(form_get(f, FS_TEXT));
	source = field_text(form_get(f, FS_SOURCE));
	str_replace(&g->source, *source ? source : NULL);
	free(source);
	str_replace(&g->topic, topic->choice == 0 ? NULL
			       : cfg->topics[topic->choice - 1].key);
	if (when_parse(date, &today, &w, NULL) != HE_OK) {
		field_set_error(form_get(f, FS_DATE), _("not a date"));
		ok = false;
	} else {
		g->received = w.c;
		g->received.hour = g->received.min = g->received.sec = 0;
	}
	free(date);
	return ok;
}

static bool sugg_save(struct ui *u, struct form *f)
{
	struct sugg_edit *e = f->ctx;
	struct civil today = ui_today(u);
	struct herr err = { 0 };
	int rc;

	form_clear_errors(f);
	if (!read_form(u, f, &e->g))
		return false;
	rc = e->g.id ? suggest_save(u->app->st, &u->app->cfg, &e->g, &today,
				    ui_now(u), &err)
		     : suggest_add(u->app->st, &u->app->cfg, &e->g, &today,
				   ui_now(u), &err);
	if (rc != HE_OK) {
		field_set_error(form_get(f, FS_TEXT), err.msg);
		ui_show_err(u, &err);
		return false;
	}
	ui_message(u, _("Saved suggestion #%lld."), (long long)e->g.id);
	e->s->loaded = false;
	return true;
}

static void sugg_activate(struct ui *u, struct form *f, struct form_field *ff)
{
	struct sugg_edit *e = f->ctx;
	char *pick;

	if (ff->id == FS_SAVE) {
		f->done = sugg_save(u, f);
		return;
	}
	if (ff->id != FS_VENUE)
		return;
	pick = ui_pick_venue(u, _("Venue"), e->g.venue, NULL);
	if (pick) {
		str_replace(&e->g.venue, *pick ? pick : NULL);
		field_set_value(ff, *pick ? pick : _("(none)"));
		f->changed = true;
	}
	free(pick);
}

static const struct form_ops sugg_ops = {
	.changed = date_changed, .activate = sugg_activate, .save = sugg_save,
};

static void edit_form(struct ui *u, struct sugg_ui *s, int64_t id)
{
	const struct config *cfg = &u->app->cfg;
	struct sugg_edit e = { .s = s };
	struct herr err = { 0 };
	struct form f;
	struct form_field *ff;
	char day[CIVIL_BUFSZ];

	if (id && suggest_load(u->app->st, id, &e.g, &err) != HE_OK) {
		ui_show_err(u, &err);
		return;
	}
	if (!id) {
		suggestion_init(&e.g);
		e.g.received = ui_today(u);
	}
	form_init(&f, id ? _("Edit the suggestion") : _("New suggestion"),
		  &sugg_ops, &e);
	field_set_text(form_add(&f, F_TEXT, FS_TEXT, _("Text")), e.g.text);
	ff = form_add(&f, F_CHOICE, FS_TOPIC, _("Topic"));
	field_add_choice(ff, _("(none)"));
	for (size_t i = 0; i < cfg->n_topics; i++) {
		field_add_choice(ff, topic_label(&cfg->topics[i]));
		if (e.g.topic && !strcmp(e.g.topic, cfg->topics[i].key))
			ff->choice = i + 1;
	}
	field_set_text(form_add(&f, F_TEXT, FS_SOURCE, _("Source")), e.g.source);
	field_set_value(form_add(&f, F_BUTTON, FS_VENUE, _("Venue")),
			e.g.venue ? e.g.venue : _("(none)"));
	ff = form_add(&f, F_TEXT, FS_DATE, _("Received"));
	field_set_text(ff, civil_format(&e.g.received, true, day));
	date_changed(u, &f, ff);
	field_set_value(form_add(&f, F_BUTTON, FS_SAVE, ""), _("Save (C-s)"));
	strv_add(&f.preview, _("Source: a group, a person or a station, in free "
			       "words. The status is changed with s in the "
			       "list."));
	form_run(u, &f);
	form_free(&f);
	suggestion_free(&e.g);
}

/* g's id is copied before asking: a change seen while the question is up
 * reloads the list, freeing g. */
static void delete_one(struct ui *u, struct sugg_ui *s,
		       const struct suggestion *g)
{
	const int64_t id = g->id;
	struct herr err = { 0 };
	char *q = xasprintf(_("Delete suggestion #%lld with its history?"),
			    (long long)id);
	bool yes = ui_confirm(u, q);

	free(q);
	if (!yes)
		return;
	if (suggest_delete(u->app->st, id, &err) != HE_OK)
		ui_show_err(u, &err);
	else
		ui_message(u, _("Deleted suggestion #%lld."), (long long)id);
	s->loaded = false;
}

/* ---- filters ---- */

static void choose_filter(struct ui *u, struct sugg_ui *s)
{
	const struct config *cfg = &u->app->cfg;
	size_t n = 3 + SUGG_N_STATUS;
	char **choices = xcalloc(n + 1, sizeof *choices), *pick;

	choices[0] = _("open (new and under review)");
	choices[1] = _("every status");
	for (int i = 0; i < SUGG_N_STATUS; i++)
		choices[2 + i] = (char *)sugg_status_label((enum sugg_status)i);
	choices[n - 1] = _("a topic");
	pick = ui_pick(u, _("List"), choices, n, NULL, false);
	for (size_t i = 0; pick && i < n; i++) {
		if (strcmp(pick, choices[i]))
			continue;
		if (i == 0)
			s->statuses = OPEN_STATUSES;
		else if (i == 1)
			s->statuses = 0;
		else if (i < n - 1)
			s->statuses = 1u << (i - 2);
	}
	if (pick && !strcmp(pick, choices[n - 1])) {
		char **labels = xcalloc(cfg->n_topics + 2, sizeof *labels), *t;
		labels[0] = _("every topic");
		for (size_t i = 0; i < cfg->n_topics; i++)
			labels[i + 1] = (char *)topic_label(&cfg->topics[i]);
		t = ui_pick(u, _("Topic"), labels, cfg->n_topics + 1, NULL, false);
		for (size_t i = 0; t && i <= cfg->n_topics; i++)
			if (!strcmp(t, labels[i]))
				str_replace(&s->topic, i ? cfg->topics[i - 1].key
							 : NULL);
		free(t);
		free(labels);
	}
	free(pick);
	free(choices);
	s->sel = s->top = 0;
	s->loaded = false;
}

static int move_key(struct ui *u, struct sugg_ui *s, enum action a)
{
	size_t page = (size_t)(ui_body_rows(u) > 10 ? ui_body_rows(u) - 9 : 1);

	return ui_list_move(&s->sel, s->l.n, page, a) ? UI_HANDLED
						      : UI_IGNORED;
}

static int sugg_key(struct ui *u, enum action a)
{
	struct sugg_ui *s = state(u);
	char *text;

	if (move_key(u, s, a) == UI_HANDLED)
		return UI_HANDLED;
	switch (a) {
	case ACT_ADD: edit_form(u, s, 0); return UI_HANDLED;
	case ACT_FILTER: choose_filter(u, s); return UI_HANDLED;
	case ACT_SEARCH:
		text = ui_ask(u, _("Suggestions containing:"), s->text, NULL, NULL);
		if (text)
			str_replace(&s->text, *text ? text : NULL);
		free(text);
		s->sel = s->top = 0;
		s->loaded = false;
		return UI_HANDLED;
	default:
		break;
	}
	if (s->sel >= s->l.n) {
		if (a != ACT_OPEN && a != ACT_EDIT && a != ACT_DELETE &&
		    a != ACT_SUGG_STATUS)
			return UI_IGNORED;
		ui_message(u, _("Nothing is selected."));
		return UI_HANDLED;
	}
	switch (a) {
	case ACT_SUGG_STATUS: change_status(u, s, &s->l.v[s->sel]); break;
	case ACT_OPEN: show_history(u, &s->l.v[s->sel]); break;
	case ACT_EDIT: edit_form(u, s, s->l.v[s->sel].id); break;
	case ACT_DELETE: delete_one(u, s, &s->l.v[s->sel]); break;
	default: return UI_IGNORED;
	}
	return UI_HANDLED;
}

static void sugg_reload(struct ui *u)
{
	state(u)->loaded = false;
}

static void sugg_free(struct ui *u)
{
	struct sugg_ui *s = u->state[V_SUGGESTIONS];

	if (!s)
		return;
	sugg_list_free(&s->l);
	free(s->topic);
	free(s->text);
	free(s);
	u->state[V_SUGGESTIONS] = NULL;
}

const struct view_ops suggestions_view = {
	N_("Suggestions"), sugg_draw, sugg_key, sugg_reload, sugg_free,
};
