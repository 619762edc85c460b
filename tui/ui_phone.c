/*
 * ui_phone.c - the full-screen interface's ways to phones: the QR code of
 * an occurrence (Q), and the notice for a group chat (B), shown in a pager
 * and, when the config allows it, put on the clipboard through the
 * terminal (OSC 52).
 */
#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/publish/publish.h"
#include "../core/qr/qr.h"
#include "../core/text.h"
#include "ui_int.h"

struct qr_view {
	struct qr q;
	struct strv lines;       /* the half-block drawing */
	char *title;
	bool invert;
};

/* The code centred on a cleared screen, or why it does not fit. */
static void draw_qr(struct ui *u, void *ctx)
{
	struct qr_view *v = ctx;
	int w = qr_side(&v->q), h = (int)v->lines.n;
	int x = (u->cols - w) / 2, y = (u->rows - h - 2) / 2;
	attr_t ink = ui_attr_qr(u, v->invert);

	for (int r = 0; r < u->rows; r++)
		ui_fill(r, 0, u->cols, A_NORMAL);
	if (w > u->cols || h + 2 > u->rows) {
		char *msg = xasprintf(_("The terminal is too small for this QR "
					"code: it needs %d×%d, this one is %d×%d."),
				      w, h + 2, u->cols, u->rows);
		ui_put(0, 0, u->cols, msg, ui_attr_error(u));
		free(msg);
		return;
	}
	ui_put(y, 0, u->cols, v->title, A_BOLD);
	for (int r = 0; r < h; r++)
		ui_put(y + 1 + r, x, w, v->lines.v[r], ink);
	ui_put(y + 1 + h, 0, u->cols,
	       _("Scan it with a phone: Android adds it to the calendar.  "
		 "i: invert colours; any other key: back"), A_NORMAL);
}

/* i inverts the colours; any other key goes back. */
static int qr_key(struct ui *u, const struct key *k, void *ctx)
{
	struct qr_view *v = ctx;

	(void)u;
	if (!k->is_key && k->ch == 'i') {
		v->invert = !v->invert;
		return UI_MODAL_GO;
	}
	return UI_MODAL_DONE;
}

void ui_qr(struct ui *u, const struct occ *o)
{
	struct qr_view v = { 0 };
	struct series s;
	struct herr err;
	char *text;

	if (!ui_load_series(u, o->series_id, &s))
		return;
	text = qr_occurrence_text(u->app->st, &s, o);
	series_free(&s);
	if (qr_encode(text, !u->app->cfg.publish.qr_no_eci, &v.q, &err) != HE_OK) {
		free(text);
		ui_show_err(u, &err);
		return;
	}
	free(text);
	qr_halfblocks(&v.q, &v.lines);
	v.title = text_sanitize(o->title);
	ui_modal(u, &(const struct ui_modal){ draw_qr, NULL, qr_key, &v });
	qr_free(&v.q);
	strv_free(&v.lines);
	free(v.title);
}

struct pager {
	struct strv lines;       /* wrapped to the screen */
	size_t top;
	const char *title;
};

static void draw_pager(struct ui *u, void *ctx)
{
	struct pager *p = ctx;
	int h = u->rows - 2;

	for (int r = 0; r < u->rows; r++)
		ui_fill(r, 0, u->cols, A_NORMAL);
	ui_put(0, 0, u->cols, p->title, ui_attr_header(u));
	for (int r = 0; r < h && p->top + (size_t)r < p->lines.n; r++)
		ui_put(1 + r, 0, u->cols, p->lines.v[p->top + (size_t)r],
		       A_NORMAL);
	ui_put_status(u, u->status[0] ? u->status
		      : _("Up/Down, PgUp/PgDn: scroll; any other key: back"),
		      u->status_error ? ui_attr_error(u) : A_NORMAL);
}

/* Scrolls the pager; any other key closes it. */
static int pager_key(struct ui *u, const struct key *k, void *ctx)
{
	struct pager *p = ctx;
	size_t rows = (size_t)(u->rows > 3 ? u->rows - 2 : 1);
	enum action a = ui_action(u, u->view, k);

	if (a == ACT_DOWN && p->top + rows < p->lines.n)
		p->top++;
	else if (a == ACT_UP && p->top > 0)
		p->top--;
	else if (a == ACT_PAGE_DOWN)
		p->top = p->top + rows < p->lines.n ? p->top + rows : p->top;
	else if (a == ACT_PAGE_UP)
		p->top = p->top > rows ? p->top - rows : 0;
	else
		return UI_MODAL_DONE;
	return UI_MODAL_GO;
}

/* Shows text in a pager until a key other than scrolling is pressed. */
static void page(struct ui *u, const char *title, const char *text)
{
	struct pager p = { .title = title };
	char *copy = xstrdup(text);

	for (char *line = strtok(copy, "\n"); line; line = strtok(NULL, "\n"))
		ui_wrap(line, u->cols > 1 ? u->cols - 1 : 1, &p.lines);
	free(copy);
	ui_modal(u, &(const struct ui_modal){ draw_pager, NULL, pager_key, &p });
	strv_free(&p.lines);
}

/* OSC 52: the terminal (xterm, tmux with set-clipboard on) takes text
 * for its clipboard, base64-encoded. */
static void osc52(const char *text)
{
	static const char b64[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *p = (const unsigned char *)text;
	size_t n = strlen(text);
	struct sbuf b = { 0 };

	sbuf_add(&b, "\033]52;c;");
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)p[i] << 16 |
			     (i + 1 < n ? (unsigned)p[i + 1] << 8 : 0) |
			     (i + 2 < n ? p[i + 2] : 0);
		sbuf_addc(&b, b64[v >> 18 & 63]);
		sbuf_addc(&b, b64[v >> 12 & 63]);
		sbuf_addc(&b, i + 1 < n ? b64[v >> 6 & 63] : '=');
		sbuf_addc(&b, i + 2 < n ? b64[v & 63] : '=');
	}
	sbuf_add(&b, "\a");
	fputs(sbuf_str(&b), stdout);
	fflush(stdout);
	sbuf_free(&b);
}

void ui_notice(struct ui *u)
{
	const struct tz *z = ui_zone(u);
	struct civil day = tz_from_utc(z, u->cursor, NULL);
	struct notice_opts o = { 0 };
	struct herr err;
	char *text = NULL;

	day.hour = day.min = day.sec = 0;
	o.from = tz_to_utc(z, &day);
	day = civil_add_days(day, 7);
	o.to = tz_to_utc(z, &day);
	o.zone = z;
	o.cfg = &u->app->cfg;
	o.base_url = u->app->cfg.publish.url;
	if (publish_notice(u->app->st, &o, &text, &err) != HE_OK) {
		ui_show_err(u, &err);
		return;
	}
	if (u->app->cfg.publish.osc52) {
		osc52(text);
		ui_message(u, "%s", _("The notice is on the clipboard: paste it "
				      "into the chat."));
	} else {
		ui_message(u, "%s", _("Select the notice to copy it (clipboard = "
				      "osc52 in the config copies it by itself)."));
	}
	page(u, _("Notice for the group chat"), text);
	u->status[0] = '\0';
	free(text);
}
