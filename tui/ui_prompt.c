/* ui_prompt.c - questions: yes/no, a line of text, a pick from a list. */
#include "ui_field.h"

#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/label.h"
#include "../core/text.h"
#include "../core/when.h"

static bool is_cancel(const struct key *k)
{
	return !k->is_key && (k->ch == 27 || k->ch == 3 || k->ch == 7);
}

static bool is_enter(const struct key *k)
{
	return (!k->is_key && (k->ch == '\n' || k->ch == '\r')) ||
	       (k->is_key && k->ch == KEY_ENTER);
}

/* A yes/no question on the status line. */
struct confirm {
	const char *question;
	bool yes;
};

static void confirm_draw(struct ui *u, void *ctx)
{
	struct confirm *c = ctx;
	char *q = xasprintf("%s %s", c->question, _("(y/n)"));

	ui_put_status(u, q, A_BOLD);
	free(q);
}

static int confirm_key(struct ui *u, const struct key *k, void *ctx)
{
	struct confirm *c = ctx;

	(void)u;
	if (!k->is_key && (k->ch == 'y' || k->ch == 'Y')) {
		c->yes = true;
		return UI_MODAL_DONE;
	}
	if (!k->is_key && (k->ch == 'n' || k->ch == 'N' || is_cancel(k)))
		return UI_MODAL_DONE;
	return UI_MODAL_GO;
}

bool ui_confirm(struct ui *u, const char *question)
{
	struct confirm c = { question, false };
	const struct ui_modal m = { confirm_draw, NULL, confirm_key, &c };

	u->status[0] = '\0';    /* the question takes the status line */
	ui_modal(u, &m);
	return c.yes;
}

/* A line of text typed on the status line, with check's note beside it. */
struct ask {
	const char *label;
	ui_check_fn check;
	void *check_ctx;
	struct textfield f;
	char *result;
	struct strv *history;    /* earlier answers (Up, Down), or NULL */
	size_t at;               /* the one shown; history->n: none */
};

/* Keeps text as the newest entry of history, once; 20 are kept. */
static void remember_text(struct strv *history, const char *text)
{
	size_t kept = 0;

	for (size_t i = 0; i < history->n; i++)
		if (strcmp(history->v[i], text) != 0)
			history->v[kept++] = history->v[i];
		else
			free(history->v[i]);
	history->n = kept;
	strv_add(history, text);
	if (history->n > 20) {
		free(history->v[0]);
		memmove(history->v, history->v + 1,
			(history->n - 1) * sizeof *history->v);
		history->n--;
	}
}

/* Up and Down walk the history (newest last) into the field; true when k
 * did. */
static bool recall(struct ask *q, const struct key *k)
{
	if (!q->history || !q->history->n || !k->is_key ||
	    (k->ch != KEY_UP && k->ch != KEY_DOWN))
		return false;
	if (k->ch == KEY_UP && q->at > 0)
		q->at--;
	else if (k->ch == KEY_DOWN && q->at < q->history->n)
		q->at++;
	tf_set(&q->f, q->at < q->history->n ? q->history->v[q->at] : "");
	return true;
}

static void ask_draw(struct ui *u, void *ctx)
{
	struct ask *q = ctx;
	int lw = text_width(q->label) + 2, fw;
	char *text = tf_get(&q->f);
	char *note = q->check && *text ? q->check(u, text, q->check_ctx) : NULL;
	int nw = note ? text_width(note) + 2 : 0;

	if (nw > u->cols / 2)
		nw = u->cols / 2;
	fw = u->cols - lw - nw;
	ui_fill(u->rows - 1, 0, u->cols, A_NORMAL);
	ui_put(u->rows - 1, 0, lw, q->label, A_BOLD);
	if (note)
		ui_put(u->rows - 1, u->cols - nw + 1, nw - 1, note, A_DIM);
	tf_draw(&q->f, u->rows - 1, lw, fw, true);
	free(note);
	free(text);
}

static int ask_key(struct ui *u, const struct key *k, void *ctx)
{
	struct ask *q = ctx;

	(void)u;
	if (is_cancel(k))
		return UI_MODAL_DONE;
	if (is_enter(k)) {
		q->result = tf_get(&q->f);
		return UI_MODAL_DONE;
	}
	if (!recall(q, k))
		tf_key(&q->f, k);
	return UI_MODAL_GO;
}

char *ui_ask(struct ui *u, const char *label, const char *initial,
	     ui_check_fn check, void *ctx)
{
	return ui_ask_history(u, label, initial, NULL, check, ctx);
}

char *ui_ask_history(struct ui *u, const char *label, const char *initial,
		     struct strv *history, ui_check_fn check, void *ctx)
{
	struct ask q = { label, check, ctx, { 0 }, NULL, history,
			 history ? history->n : 0 };
	const struct ui_modal m = { ask_draw, NULL, ask_key, &q };

	u->status[0] = '\0';    /* the question takes the status line */
	tf_set(&q.f, initial);
	tf_select_all(&q.f);
	ui_modal(u, &m);
	tf_free(&q.f);
	if (q.result && *q.result && history)
		remember_text(history, q.result);
	return q.result;
}

/* How the day typed for g reads: "→ Sat 16 Jan 2027", "→ January 2027". */
static char *check_day(struct ui *u, const char *text, void *ctx)
{
	struct civil today = ui_today(u), day;
	bool month;
	char *label, *out;

	(void)ctx;
	if (when_parse_day(text, &today, &day, &month, NULL) != HE_OK)
		return xstrdup(_("→ not understood"));
	label = month ? label_month(&day) : label_day(&day);
	out = xasprintf("→ %s", label);
	free(label);
	return out;
}

bool ui_ask_day(struct ui *u, struct civil *day)
{
	struct civil today = ui_today(u);
	struct herr err = { 0 };
	bool month, ok;
	char *text = ui_ask(u, _("Go to:"), NULL, check_day, NULL);

	if (!text || !*text) {
		free(text);
		return false;
	}
	ok = when_parse_day(text, &today, day, &month, &err) == HE_OK;
	if (!ok)
		ui_show_err(u, &err);
	free(text);
	return ok;
}

char *ui_check_when(struct ui *u, const char *text, void *ctx)
{
	struct civil today = ui_today(u);
	struct when w;
	char *day, *out;

	(void)ctx;
	if (when_parse(text, &today, &w, NULL) != HE_OK)
		return xstrdup(_("→ not understood"));
	day = label_day(&w.c);
	if (w.date_only)
		out = xasprintf("→ %s", day);
	else
		out = xasprintf("→ %s %02d:%02d", day, w.c.hour, w.c.min);
	free(day);
	return out;
}

/* Case-insensitive (ASCII) substring test. */
static bool matches(const char *name, const char *needle)
{
	return !*needle || strcasestr(name, needle) != NULL;
}

struct pick_state {
	char *const *names;
	size_t n;
	size_t *shown;           /* indexes of names that match */
	size_t n_shown;
	bool offer_new, offer_none;
	size_t sel, top;
};

/* Rows: [none] [new…] matches. */
static size_t pick_rows(const struct pick_state *p)
{
	return p->n_shown + p->offer_new + p->offer_none;
}

static void pick_filter(struct pick_state *p, const char *typed,
			bool allow_new)
{
	bool exact = false;

	p->n_shown = 0;
	for (size_t i = 0; i < p->n; i++) {
		if (matches(p->names[i], typed))
			p->shown[p->n_shown++] = i;
		if (strcmp(p->names[i], typed) == 0)
			exact = true;
	}
	p->offer_new = allow_new && *typed && !exact;
	p->offer_none = allow_new && !*typed;
	if (p->sel >= pick_rows(p))
		p->sel = pick_rows(p) ? pick_rows(p) - 1 : 0;
}

struct pick_view {
	struct pick_state *p;
	const struct strv *marked; /* ticked names, or NULL: no ticks */
	const char *title;
	struct textfield *f;
	char *typed;             /* what the field holds this round */
	bool allow_new;
	bool typed_new;          /* the last key changed the text */
	char *result;
};

static void pick_draw(struct ui *u, void *ctx)
{
	struct pick_view *pv = ctx;
	struct pick_state *p = pv->p;
	struct textfield *f = pv->f;
	const char *title = pv->title, *typed = pv->typed;
	int h = u->rows - 4 < 18 ? u->rows - 4 : 18, w = u->cols - 8;
	int y = (u->rows - h) / 2, x = 4, list_h = h - 4;
	size_t rows = pick_rows(p);

	if (w > 60)
		w = 60, x = (u->cols - w) / 2;
	ui_frame(y, x, h, w, title);
	p->top = ui_scroll(p->top, p->sel, list_h);
	for (size_t r = p->top; r < rows && (int)(r - p->top) < list_h; r++) {
		attr_t at = r == p->sel ? ui_attr_selected() : A_NORMAL;
		char *line;
		size_t i = r;
		if (p->offer_none && i == 0) {
			line = xstrdup(_("(none)"));
		} else if (p->offer_new && i == 0) {
			line = xasprintf(_("new… “%s”"), typed);
		} else {
			i -= p->offer_new + p->offer_none;
			const char *name = p->names[p->shown[i]];
			line = !pv->marked ? xstrdup(name)
			       : xasprintf("%s %s", strv_has(pv->marked, name)
							? "[x]" : "[ ]", name);
		}
		ui_put(y + 3 + (int)(r - p->top), x + 2, w - 4, line, at);
		free(line);
	}
	if (!u->status[0] && ui_on_top(u, ctx))
		ui_put_status(u, pv->marked
			      ? _("type to narrow  ↑↓ select  Enter tick or untick  "
				  "Esc done  ? keys")
			      : _("type to narrow  ↑↓ select  Enter choose  "
				  "Esc cancel  ? keys"), A_DIM);
	/* The field starts after its label, however wide the language makes it. */
	const char *label = _("Find:");
	int label_w = text_width(label) + 1;
	ui_put(y + 1, x + 2, label_w, label, A_BOLD);
	tf_draw(f, y + 1, x + 2 + label_w, w - 4 - label_w, true);
}

/* The name row r stands for, or NULL for "(none)". */
static char *pick_result(const struct pick_state *p, const char *typed)
{
	size_t r = p->sel;

	if (p->offer_none && r == 0)
		return xstrdup("");
	if (p->offer_new && r == 0)
		return xstrdup(typed);
	r -= p->offer_new + p->offer_none;
	return r < p->n_shown ? xstrdup(p->names[p->shown[r]]) : NULL;
}

/* Each round: the names the typed text matches. */
static bool pick_prepare(struct ui *u, void *ctx)
{
	struct pick_view *pv = ctx;
	struct pick_state *p = pv->p;

	(void)u;
	free(pv->typed);
	pv->typed = tf_get(pv->f);
	pick_filter(p, pv->typed, pv->allow_new);
	/* Typing selects the first match; "new…" only when none does. */
	if (pv->typed_new)
		p->sel = p->offer_new && p->n_shown ? 1 : 0;
	pv->typed_new = false;
	return true;
}

/*
 * g/G and Home/End go to the first and last row as in every list, but
 * only while nothing is typed: after that they are letters of the name
 * being found and cursor keys of the find field. A name beginning with g
 * is still found, because the find matches anywhere in a name.
 */
static bool pick_jump(struct pick_state *p, const struct key *k,
		      const char *typed)
{
	bool first = k->is_key ? k->ch == KEY_HOME : k->ch == 'g';
	bool last = k->is_key ? k->ch == KEY_END : k->ch == 'G';

	if ((typed && *typed) || !(first || last))
		return false;
	size_t rows = pick_rows(p);
	p->sel = first || !rows ? 0 : rows - 1;
	return true;
}

static int pick_key(struct ui *u, const struct key *k, void *ctx)
{
	struct pick_view *pv = ctx;
	struct pick_state *p = pv->p;

	if (ui_is_help_key(k, pv->typed && *pv->typed)) {
		static const struct key_help keys[] = {
			{ "abc…", N_("typing narrows the list to the names holding "
					   "the text") },
			{ "↑ ↓", N_("select the previous or next name") },
			{ "PgUp PgDn", N_("a page up or down") },
			{ "g G", N_("the first or last name (Home End too), "
				    "while nothing is typed") },
			{ "Enter", N_("choose it, or on “new…” take the typed "
				      "name as a new one (a list of several: "
				      "tick or untick it, the list stays open)") },
			{ "Esc", N_("close (a list of several: done)") },
			{ "? F1", N_("these keys (F1 once text is typed)") },
		};
		ui_help_list(u, pv->title, keys, sizeof keys / sizeof *keys);
		return UI_MODAL_GO;
	}
	if (is_cancel(k))
		return UI_MODAL_DONE;
	if (is_enter(k)) {
		pv->result = pick_result(p, pv->typed);
		return pv->result ? UI_MODAL_DONE : UI_MODAL_GO;
	}
	size_t page = (size_t)(u->rows > 12 ? u->rows / 2 : 4);
	if (pick_jump(p, k, pv->typed))
		return UI_MODAL_GO;
	if (k->is_key && k->ch == KEY_UP && p->sel > 0)
		p->sel--;
	else if (k->is_key && k->ch == KEY_DOWN && p->sel + 1 < pick_rows(p))
		p->sel++;
	else if (k->is_key && k->ch == KEY_PPAGE)
		p->sel = p->sel > page ? p->sel - page : 0;
	else if (k->is_key && k->ch == KEY_NPAGE && pick_rows(p))
		p->sel = p->sel + page < pick_rows(p) ? p->sel + page
						      : pick_rows(p) - 1;
	else if (tf_key(pv->f, k))
		pv->typed_new = true;
	return UI_MODAL_GO;
}

char *ui_pick(struct ui *u, const char *title, char *const *names, size_t n,
	      const char *current, bool allow_new)
{
	return ui_pick_marked(u, title, names, n, current, allow_new, NULL);
}

char *ui_pick_marked(struct ui *u, const char *title, char *const *names,
		     size_t n, const char *current, bool allow_new,
		     const struct strv *marked)
{
	struct pick_state p = { names, n, xcalloc(n + 1, sizeof(size_t)), 0,
				false, false, 0, 0 };
	struct textfield f = { 0 };
	struct pick_view pv = { &p, marked, title, &f, NULL, allow_new, false,
				NULL };
	const struct ui_modal m = { pick_draw, pick_prepare, pick_key, &pv };

	tf_set(&f, "");
	for (size_t i = 0; current && i < n; i++)
		if (strcmp(names[i], current) == 0)
			p.sel = i + allow_new;
	ui_modal(u, &m);
	free(pv.typed);
	tf_free(&f);
	free(p.shown);
	return pv.result;
}
