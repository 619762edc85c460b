/* ui_draw.c - drawing text by display columns, frames and colours. */
#include "ui_int.h"

#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/label.h"
#include "../core/text.h"

void ui_put(int y, int x, int width, const char *s, attr_t attr)
{
	char *fitted;

	if (width <= 0)
		return;
	fitted = text_fit(s ? s : "", width, true);
	ui_cells_claim(y, x, width);
	attron(attr);
	mvaddstr(y, x, fitted);
	attroff(attr);
	ui_cells_mark(y, x, fitted);
	free(fitted);
}

void ui_put_right(int y, int x, int width, const char *s, attr_t attr)
{
	int w = text_width(s);

	if (w > width)
		w = width;
	ui_put(y, x + width - w, w, s, attr);
}

void ui_put_marked(int y, int x, int width, const char *text,
		   const char *marker, attr_t attr)
{
	int mw = *marker ? text_width(marker) + 1 : 0, tw = text_width(text);
	char *spaced;

	if (mw > width) {
		ui_put(y, x, width, marker, attr);
		return;
	}
	if (tw > width - mw)
		tw = width - mw;
	ui_put(y, x, tw, text, attr);
	spaced = xasprintf(" %s", marker);
	ui_put(y, x + tw, width - tw, mw ? spaced : "", attr);
	free(spaced);
}

void ui_put_status(struct ui *u, const char *text, attr_t attr)
{
	struct strv lines = { 0 };
	int n, y = u->rows - 1;

	ui_wrap(text, u->cols, &lines);
	n = lines.n > UI_STATUS_ROWS ? UI_STATUS_ROWS : (int)lines.n;
	if (n > u->rows - 2)
		n = 1;
	for (int i = 0; i < n; i++) {
		const char *line = lines.v[i];
		char *rest = NULL;
		/* Too long even so: the middle is cut, never the end. */
		if (i == n - 2 && lines.n > (size_t)n) {
			struct sbuf b = { 0 };
			for (size_t k = (size_t)i; k + 1 < lines.n; k++) {
				/* Latin words were broken at a space. */
				if (b.len && (unsigned char)b.s[b.len - 1] < 0x80)
					sbuf_addc(&b, ' ');
				sbuf_add(&b, lines.v[k]);
			}
			line = rest = sbuf_take(&b);
		} else if (i == n - 1) {
			line = lines.v[lines.n - 1];
		}
		ui_put(y - (n - 1) + i, 0, u->cols, line, attr);
		free(rest);
	}
	strv_free(&lines);
}

size_t ui_scroll(size_t top, size_t sel, int rows)
{
	if (sel < top)
		return sel;
	if (rows > 0 && sel >= top + (size_t)rows)
		return sel - (size_t)rows + 1;
	return top;
}

bool ui_list_move(size_t *sel, size_t n, size_t page, enum action a)
{
	size_t last = n ? n - 1 : 0;

	switch (a) {
	case ACT_UP: if (*sel) --*sel; break;
	case ACT_DOWN: if (*sel < last) ++*sel; break;
	case ACT_PAGE_UP: *sel = *sel > page ? *sel - page : 0; break;
	case ACT_PAGE_DOWN: *sel = *sel + page < last ? *sel + page : last;
		break;
	case ACT_FIRST: *sel = 0; break;
	case ACT_LAST: *sel = last; break;
	default: return false;
	}
	return true;
}

void ui_fill(int y, int x, int width, attr_t attr)
{
	ui_put(y, x, width, "", attr);
}

/* One line-drawing cell at (y, x), on a clean cell (ui_cells.c). */
static void put_line_cell(int y, int x, const cchar_t *c)
{
	ui_cells_claim(y, x, 1);
	mvadd_wch(y, x, c);
	ui_cells_mark_char(y, x, 1);
}

void ui_hline(int y, int x, int width)
{
	for (int i = 0; i < width; i++)
		put_line_cell(y, x + i, WACS_HLINE);
}

static void vertical_rule(int y, int x, int height)
{
	for (int i = 0; i < height; i++)
		put_line_cell(y + i, x, WACS_VLINE);
}

void ui_frame(int y, int x, int h, int w, const char *title)
{
	for (int r = y; r < y + h; r++)
		ui_fill(r, x, w, A_NORMAL);
	ui_hline(y, x + 1, w - 2);
	ui_hline(y + h - 1, x + 1, w - 2);
	vertical_rule(y + 1, x, h - 2);
	vertical_rule(y + 1, x + w - 1, h - 2);
	put_line_cell(y, x, WACS_ULCORNER);
	put_line_cell(y, x + w - 1, WACS_URCORNER);
	put_line_cell(y + h - 1, x, WACS_LLCORNER);
	put_line_cell(y + h - 1, x + w - 1, WACS_LRCORNER);
	if (title && *title) {
		char *t = xasprintf(" %s ", title);
		int tw = text_width(t);
		ui_put(y, x + 2, tw < w - 4 ? tw : w - 4, t, A_BOLD);
		free(t);
	}
}

/* Colour pairs: 1 + c for colour c (0..7) on the terminal's background,
 * PAIR_ELEMENTS + e for element e of [colors], and the QR code's. */
enum { PAIR_ELEMENTS = 16, PAIR_QR = 24, PAIR_QR_INVERT = 25 };
/* ui_attr_selected has no ui at hand: it reads this. */
static attr_t selected_pair;

/* The attribute of an element: its colour when set, else plain. */
static attr_t element_attr(const struct ui *u, int e)
{
	return u->colour && u->app->cfg.element_colour[e] != COLOUR_UNSET
		       ? COLOR_PAIR(PAIR_ELEMENTS + e)
		       : A_NORMAL;
}

void ui_colours_init(struct ui *u)
{
	const char *no_colour = getenv("NO_COLOR");

	u->colour = has_colors() && !(no_colour && *no_colour);
	if (!u->colour)
		return;
	start_color();
	use_default_colors();
	for (short c = COLOR_BLACK; c <= COLOR_WHITE; c++)
		init_pair(1 + c, c, -1);
	for (short e = 0; e < ELEM_COUNT; e++)
		if (u->app->cfg.element_colour[e] != COLOUR_UNSET)
			init_pair(PAIR_ELEMENTS + e,
				  (short)u->app->cfg.element_colour[e], -1);
	selected_pair = element_attr(u, ELEM_SELECTED);
	/* Bright white where there is one: grey paper scans worse. */
	init_pair(PAIR_QR, COLOR_BLACK, COLORS > 15 ? 15 : COLOR_WHITE);
	init_pair(PAIR_QR_INVERT, COLORS > 15 ? 15 : COLOR_WHITE, COLOR_BLACK);
}

attr_t ui_attr_header(const struct ui *u)
{
	return A_REVERSE | element_attr(u, ELEM_HEADER);
}

attr_t ui_attr_qr(const struct ui *u, bool invert)
{
	/* Without colours the terminal's own are used: ink in the text
	   colour, which is dark on a light terminal; i inverts it for a
	   dark one. */
	if (!u->colour)
		return invert ? A_REVERSE : A_NORMAL;
	return COLOR_PAIR(invert ? PAIR_QR_INVERT : PAIR_QR);
}

attr_t ui_attr_today(const struct ui *u)
{
	return A_UNDERLINE | element_attr(u, ELEM_TODAY);
}

static attr_t colour_attr(const struct ui *u, const char *name)
{
	int c = config_colour(name);

	return u->colour && c >= 0 ? COLOR_PAIR((short)(1 + c)) : A_NORMAL;
}

attr_t ui_kind_attr(const struct ui *u, const char *kind)
{
	const struct kind *k = config_kind(&u->app->cfg, kind);
	/* Without colour, kinds are told apart by their labels alone. */
	return k ? colour_attr(u, k->colour) : A_NORMAL;
}

attr_t ui_attr_selected(void)
{
	return A_REVERSE | selected_pair;
}

attr_t ui_attr_map(const struct ui *u, bool covered)
{
	/* The letters o and x say it without colour; colour repeats it. */
	return u->colour ? COLOR_PAIR((short)(1 + (covered ? COLOR_GREEN
							   : COLOR_RED)))
			 : A_NORMAL;
}

attr_t ui_attr_error(const struct ui *u)
{
	return A_BOLD | element_attr(u, ELEM_ERROR);
}

void ui_time_span(const struct ui *u, const struct occ *o, char buf[48])
{
	struct civil a, b;
	char ha[8], hb[8];

	if (o->all_day) {
		snprintf(buf, 48, "%s", _("all day"));
		return;
	}
	a = tz_from_utc(ui_zone(u), o->start, NULL);
	b = tz_from_utc(ui_zone(u), o->end, NULL);
	label_hhmm(&a, ha);
	label_hhmm(&b, hb);
	if (a.year == b.year && a.month == b.month && a.day == b.day)
		snprintf(buf, 48, "%s–%s", ha, hb);
	else
		snprintf(buf, 48, "%s–%d/%d", ha, b.month, b.day);
}

void ui_wrap(const char *text, int width, struct strv *out)
{
	char *clean = text_sanitize(text ? text : "");
	size_t n = strlen(clean), i = 0, line_start = 0, last_space = 0;
	int used = 0;

	if (width < 4)
		width = 4;
	while (i < n) {
		uint32_t cp;
		size_t len = text_decode(clean + i, n - i, &cp);
		int w = text_cp_width(cp);
		if (len == 0)
			len = 1;
		if (used + w > width) {
			/* Latin text breaks at the last space; CJK anywhere. */
			size_t cut = last_space > line_start ? last_space : i;
			char *line = xstrndup(clean + line_start, cut - line_start);
			strv_add(out, line);
			free(line);
			line_start = cut;
			while (line_start < n && clean[line_start] == ' ')
				line_start++;
			i = line_start;
			used = 0;
			last_space = 0;
			continue;
		}
		if (cp == ' ')
			last_space = i;
		used += w;
		i += len;
	}
	if (line_start < n || out->n == 0) {
		strv_add(out, clean + line_start);
	}
	free(clean);
}
