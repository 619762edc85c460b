/* ui_draw.c - drawing text by display columns, frames and colours. */
#include "ui_int.h"

#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/label.h"
#include "../core/text.h"

static const char *const colour_names[] = {
	"default", "black", "red", "green", "yellow", "blue", "magenta",
	"cyan", "white",
};
static const short colour_values[] = {
	-1, COLOR_BLACK, COLOR_RED, COLOR_GREEN, COLOR_YELLOW, COLOR_BLUE,
	COLOR_MAGENTA, COLOR_CYAN, COLOR_WHITE,
};
#define N_COLOURS (sizeof colour_names / sizeof *colour_names)

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

/* Parts of the screen whose colour [colors] may set, and their pairs. */
static const char *const elements[] = { "header", "selected", "error",
					"today" };
enum { PAIR_ELEMENTS = 16, PAIR_QR = 24, PAIR_QR_INVERT = 25 };
/* ui_attr_selected has no ui at hand: it reads this. */
static attr_t selected_pair;
static short element_colour[4] = { -2, -2, COLOR_RED, -2 };

static int colour_index(const char *name)
{
	for (size_t i = 0; i < N_COLOURS; i++)
		if (strcasecmp(name, colour_names[i]) == 0)
			return (int)i;
	return -1;
}

int ui_colours_configure(struct ui *u, struct herr *err)
{
	const char *file = u->app->cfg.path ? u->app->cfg.path : "config";

	for (size_t i = 0; i < u->app->cfg.n_entries; i++) {
		const struct config_entry *e = &u->app->cfg.entries[i];
		size_t k;
		int c;
		if (strcmp(e->section, "colors") && strcmp(e->section, "colours"))
			continue;
		for (k = 0; k < 4 && strcmp(e->name, elements[k]); k++)
			;
		if (k == 4)
			return herr_set(err, HE_USER,
					_("%s:%d: unknown element '%s' in [colors] "
					  "(use header, selected, error or today)"),
					file, e->line, e->name);
		if ((c = colour_index(e->value)) < 0)
			return herr_set(err, HE_USER, _("%s:%d: unknown colour '%s'"),
					file, e->line, e->value);
		element_colour[k] = colour_values[c];
	}
	return HE_OK;
}

/* The attribute of an element: its colour when set, else plain. */
static attr_t element_attr(const struct ui *u, int k)
{
	return u->colour && element_colour[k] != -2 ? COLOR_PAIR(PAIR_ELEMENTS + k)
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
	for (size_t i = 1; i < N_COLOURS; i++)
		init_pair((short)i, colour_values[i], -1);
	for (short k = 0; k < 4; k++)
		if (element_colour[k] != -2)
			init_pair(PAIR_ELEMENTS + k, element_colour[k], -1);
	/* Bright white where there is one: grey paper scans worse. */
	init_pair(PAIR_QR, COLOR_BLACK, COLORS > 15 ? 15 : COLOR_WHITE);
	init_pair(PAIR_QR_INVERT, COLORS > 15 ? 15 : COLOR_WHITE, COLOR_BLACK);
	selected_pair = element_attr(u, 1);
}

attr_t ui_attr_header(const struct ui *u)
{
	return A_REVERSE | element_attr(u, 0);
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
	return A_UNDERLINE | element_attr(u, 3);
}

static attr_t colour_attr(const struct ui *u, const char *name)
{
	if (!u->colour)
		return A_NORMAL;
	for (size_t i = 1; i < N_COLOURS; i++)
		if (strcasecmp(name, colour_names[i]) == 0)
			return COLOR_PAIR((short)i);
	return A_NORMAL;
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

attr_t ui_attr_error(const struct ui *u)
{
	return A_BOLD | element_attr(u, 2);
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
