/* ui_field.c - one-line text editing by character and display column. */
#include "ui_field.h"

#include <stdlib.h>
#include <string.h>

#include "../core/text.h"

static void tf_reserve(struct textfield *f, size_t need)
{
	f->buf = xgrow(f->buf, &f->cap, need + 1, sizeof *f->buf);
}

void tf_set(struct textfield *f, const char *utf8)
{
	size_t n = utf8 ? strlen(utf8) : 0, i = 0;

	f->len = f->cursor = f->scroll = 0;
	f->selected = false;
	tf_reserve(f, n);
	while (i < n) {
		uint32_t cp;
		size_t len = text_decode(utf8 + i, n - i, &cp);
		if (len == 0) {
			cp = 0xFFFD;
			len = 1;
		}
		f->buf[f->len++] = (wchar_t)cp;
		i += len;
	}
	f->buf[f->len] = 0;
	f->cursor = f->len;
}

void tf_select_all(struct textfield *f)
{
	f->selected = f->len > 0;
	f->cursor = f->len;
}

char *tf_get(const struct textfield *f)
{
	struct sbuf b = { 0 };
	char enc[4];

	sbuf_add(&b, "");
	for (size_t i = 0; i < f->len; i++)
		sbuf_addn(&b, enc, text_encode((uint32_t)f->buf[i], enc));
	return sbuf_take(&b);
}

static void insert(struct textfield *f, wchar_t ch)
{
	tf_reserve(f, f->len + 1);
	memmove(&f->buf[f->cursor + 1], &f->buf[f->cursor],
		(f->len - f->cursor) * sizeof *f->buf);
	f->buf[f->cursor++] = ch;
	f->buf[++f->len] = 0;
}

static void erase_range(struct textfield *f, size_t from, size_t to)
{
	memmove(&f->buf[from], &f->buf[to], (f->len - to) * sizeof *f->buf);
	f->len -= to - from;
	f->buf[f->len] = 0;
	f->cursor = from;
}

/* Typed text worth keeping: printable, not a control of any set. */
static bool insertable(wint_t ch)
{
	return ch >= 0x20 && ch != 0x7F && !(ch >= 0x80 && ch < 0xA0) &&
	       ch <= 0x10FFFF;
}

static bool control_key(struct textfield *f, wint_t ch)
{
	size_t start;

	switch (ch) {
	case 1: f->cursor = 0; return true;                  /* C-a */
	case 5: f->cursor = f->len; return true;             /* C-e */
	case 2: if (f->cursor) f->cursor--; return true;     /* C-b */
	case 6: if (f->cursor < f->len) f->cursor++; return true; /* C-f */
	case 4:                                              /* C-d */
		if (f->cursor < f->len)
			erase_range(f, f->cursor, f->cursor + 1);
		return true;
	case 8: case 127:                                    /* Backspace */
		if (f->cursor)
			erase_range(f, f->cursor - 1, f->cursor);
		return true;
	case 11: f->len = f->cursor; f->buf[f->len] = 0; return true; /* C-k */
	case 21: erase_range(f, 0, f->cursor); return true;  /* C-u */
	case 23:                                             /* C-w */
		start = f->cursor;
		while (start && f->buf[start - 1] == ' ')
			start--;
		while (start && f->buf[start - 1] != ' ')
			start--;
		erase_range(f, start, f->cursor);
		return true;
	default:
		return false;
	}
}

/* A key typed while the whole text is selected: typing or erasing
 * replaces it (true: k is done with); moving keeps it. */
static bool replace_selection(struct textfield *f, const struct key *k)
{
	bool erase = (!k->is_key && (k->ch == 8 || k->ch == 127 || k->ch == 4 ||
				     k->ch == 11 || k->ch == 21 || k->ch == 23)) ||
		     (k->is_key && (k->ch == KEY_BACKSPACE || k->ch == KEY_DC));

	f->selected = false;
	if (erase || (!k->is_key && insertable(k->ch))) {
		f->len = f->cursor = f->scroll = 0;
		f->buf[0] = 0;
		return erase;
	}
	return false;
}

bool tf_key(struct textfield *f, const struct key *k)
{
	if (f->selected && replace_selection(f, k))
		return true;
	if (!k->is_key) {
		if (control_key(f, k->ch))
			return true;
		if (!insertable(k->ch))
			return false;
		insert(f, (wchar_t)k->ch);
		return true;
	}
	switch (k->ch) {
	case KEY_LEFT: if (f->cursor) f->cursor--; return true;
	case KEY_RIGHT: if (f->cursor < f->len) f->cursor++; return true;
	case KEY_HOME: f->cursor = 0; return true;
	case KEY_END: f->cursor = f->len; return true;
	case KEY_BACKSPACE:
		if (f->cursor)
			erase_range(f, f->cursor - 1, f->cursor);
		return true;
	case KEY_DC:
		if (f->cursor < f->len)
			erase_range(f, f->cursor, f->cursor + 1);
		return true;
	default:
		return false;
	}
}

/* Columns ch takes as drawn (text_shown: an invisible character none). */
static int cw(wchar_t ch)
{
	uint32_t shown = text_shown((uint32_t)ch);

	return shown ? text_cp_width(shown) : 0;
}

/* Columns of buf[from, to). */
static int span_width(const struct textfield *f, size_t from, size_t to)
{
	int w = 0;
	for (size_t i = from; i < to; i++)
		w += cw(f->buf[i]);
	return w;
}

void tf_draw(struct textfield *f, int y, int x, int width, bool focused)
{
	int used = 0, cursor_x = x;
	size_t from;

	if (width <= 1)
		return;
	/* Keep the cursor inside the field, one column left for it at the end. */
	if (f->cursor < f->scroll)
		f->scroll = f->cursor;
	while (span_width(f, f->scroll, f->cursor) > width - 1)
		f->scroll++;
	/* Blanks put as text, so that a wide character the field cuts goes
	   (ui_fill), not half of it. */
	ui_fill(y, x, width, A_UNDERLINE);
	attron(A_UNDERLINE);
	move(y, x);
	/* Unfocused fields show their beginning. */
	from = focused ? f->scroll : 0;
	for (size_t i = from; i < f->len; i++) {
		wchar_t ch = f->buf[i];
		int w = cw(ch);
		if (used + w > width)
			break;
		if (i == f->cursor)
			cursor_x = x + used;
		/* Controls, bidi and joiners never reach the screen, typed or
		   not: the field is drawn as every other text is. */
		ch = (wchar_t)text_shown((uint32_t)ch);
		if (focused && f->selected)
			attron(A_REVERSE);
		if (ch) {
			addnwstr(&ch, 1);
			ui_cells_mark_char(y, x + used, w);
		}
		attroff(A_REVERSE);
		used += w;
	}
	if (f->cursor >= f->len)
		cursor_x = x + used;
	attroff(A_UNDERLINE);
	if (focused) {
		move(y, cursor_x);
		curs_set(1);
	}
}

void tf_free(struct textfield *f)
{
	free(f->buf);
	memset(f, 0, sizeof *f);
}
