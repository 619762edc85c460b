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

bool ui_confirm(struct ui *u, const char *question)
{
	for (;;) {
		struct key k;
		int rc;
		ui_draw_all(u);
		if (!u->too_small) {
			char *q = xasprintf("%s %s", question, _("(y/n)"));
			ui_put(u->rows - 1, 0, u->cols, q, A_BOLD);
			free(q);
		}
		rc = ui_read_key(u, &k);
		if (rc == UI_KEY_QUIT)
			return false;
		if (rc == UI_KEY_NONE)
			continue;
		if (!k.is_key && (k.ch == 'y' || k.ch == 'Y'))
			return true;
		if (!k.is_key && (k.ch == 'n' || k.ch == 'N' || is_cancel(&k)))
			return false;
	}
}

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

/* Up and Down walk history (newest last) into f; true when k did. */
static bool recall(struct textfield *f, const struct strv *history,
		   size_t *at, const struct key *k)
{
	if (!history || !history->n || !k->is_key ||
	    (k->ch != KEY_UP && k->ch != KEY_DOWN))
		return false;
	if (k->ch == KEY_UP && *at > 0)
		(*at)--;
	else if (k->ch == KEY_DOWN && *at < history->n)
		(*at)++;
	tf_set(f, *at < history->n ? history->v[*at] : "");
	return true;
}

char *ui_ask(struct ui *u, const char *label, const char *initial,
	     ui_check_fn check, void *ctx)
{
	return ui_ask_history(u, label, initial, NULL, check, ctx);
}

char *ui_ask_history(struct ui *u, const char *label, const char *initial,
		     struct strv *history, ui_check_fn check, void *ctx)
{
	struct textfield f = { 0 };
	char *result = NULL;
	size_t at = history ? history->n : 0;

	tf_set(&f, initial);
	tf_select_all(&f);
	for (;;) {
		struct key k;
		int rc, lw = text_width(label) + 2, fw;
		ui_draw_all(u);
		if (!u->too_small) {
			char *text = tf_get(&f);
			char *note = check && *text ? check(u, text, ctx) : NULL;
			int nw = note ? text_width(note) + 2 : 0;
			if (nw > u->cols / 2)
				nw = u->cols / 2;
			fw = u->cols - lw - nw;
			ui_fill(u->rows - 1, 0, u->cols, A_NORMAL);
			ui_put(u->rows - 1, 0, lw, label, A_BOLD);
			if (note)
				ui_put(u->rows - 1, u->cols - nw + 1, nw - 1, note, A_DIM);
			tf_draw(&f, u->rows - 1, lw, fw, true);
			free(note);
			free(text);
		}
		rc = ui_read_key(u, &k);
		if (rc == UI_KEY_QUIT)
			break;
		if (rc == UI_KEY_NONE)
			continue;
		if (is_cancel(&k))
			break;
		if (is_enter(&k)) {
			result = tf_get(&f);
			break;
		}
		if (!recall(&f, history, &at, &k))
			tf_key(&f, &k);
	}
	if (result && *result && history)
		remember_text(history, result);
	curs_set(0);
	tf_free(&f);
	return result;
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
	const char *title;
	struct textfield *f;
	const char *typed;
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
	if (p->sel < p->top)
		p->top = p->sel;
	if (p->sel >= p->top + (size_t)list_h)
		p->top = p->sel - (size_t)list_h + 1;
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
			line = xstrdup(p->names[p->shown[i]]);
		}
		ui_put(y + 3 + (int)(r - p->top), x + 2, w - 4, line, at);
		free(line);
	}
	ui_put(y + 1, x + 2, 8, _("Find:"), A_BOLD);
	tf_draw(f, y + 1, x + 10, w - 12, true);
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

char *ui_pick(struct ui *u, const char *title, char *const *names, size_t n,
	      const char *current, bool allow_new)
{
	struct pick_state p = { names, n, xcalloc(n + 1, sizeof(size_t)), 0,
				false, false, 0, 0 };
	struct textfield f = { 0 };
	char *result = NULL;
	struct pick_view pv = { &p, title, &f, "" };
	bool typed_new = false;

	tf_set(&f, "");
	ui_push_layer(u, pick_draw, &pv);
	for (size_t i = 0; current && i < n; i++)
		if (strcmp(names[i], current) == 0)
			p.sel = i + allow_new;
	for (;;) {
		struct key k;
		char *typed = tf_get(&f);
		int rc;
		pick_filter(&p, typed, allow_new);
		/* Typing selects the first match; "new…" only when none does. */
		if (typed_new)
			p.sel = p.offer_new && p.n_shown ? 1 : 0;
		typed_new = false;
		pv.typed = typed;
		ui_draw_all(u);
		rc = ui_read_key(u, &k);
		if (rc == UI_KEY_QUIT || (rc == 0 && is_cancel(&k))) {
			free(typed);
			break;
		}
		if (rc == 0 && is_enter(&k)) {
			result = pick_result(&p, typed);
			free(typed);
			if (result)
				break;
			continue;
		}
		free(typed);
		if (rc != 0)
			continue;
		if (k.is_key && k.ch == KEY_UP && p.sel > 0)
			p.sel--;
		else if (k.is_key && k.ch == KEY_DOWN && p.sel + 1 < pick_rows(&p))
			p.sel++;
		else if (tf_key(&f, &k))
			typed_new = true;
	}
	ui_pop_layer(u);
	curs_set(0);
	tf_free(&f);
	free(p.shown);
	return result;
}
