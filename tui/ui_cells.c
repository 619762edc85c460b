/*
 * ui_cells.c - which cells of the frame being drawn hold the left and the
 * right half of a wide character, so that nothing is ever drawn onto half
 * of one.
 *
 * curses does not take a wide character apart well: a narrow character put
 * on the right half of a Chinese character leaves the left half in curses'
 * idea of the screen, while the terminal (tmux, xterm) blanks the whole
 * character. The next frame's same character at that spot is then skipped
 * as unchanged, and what follows it on the line is drawn one column off:
 * "2026年12月74日" under a pop-up just closed, until C-l. Every drawing
 * function of the interface therefore claims its span first: a wide
 * character straddling either edge is replaced by a blank, in curses and
 * so on the terminal, before anything is put over it.
 */
#include "ui_int.h"

#include <stdlib.h>
#include <string.h>

#include "../core/text.h"

enum { CELL_NARROW, CELL_LEFT, CELL_RIGHT };

static unsigned char *cells;
static int cell_rows, cell_cols;

void ui_cells_reset(int rows, int cols)
{
	if (rows < 0)
		rows = 0;
	if (cols < 0)
		cols = 0;
	if (rows * cols > cell_rows * cell_cols || !cells)
		cells = xrealloc(cells, (size_t)(rows * cols) + 1);
	cell_rows = rows;
	cell_cols = cols;
	memset(cells, CELL_NARROW, (size_t)(rows * cols) + 1);
}

static unsigned char *cell(int y, int x)
{
	if (!cells || y < 0 || y >= cell_rows || x < 0 || x >= cell_cols)
		return NULL;
	return &cells[y * cell_cols + x];
}

/* Puts a blank over the wide character whose right half is (y, x). */
static void blank_pair(int y, int x)
{
	unsigned char *right = cell(y, x), *left = cell(y, x - 1);

	if (!right || *right != CELL_RIGHT)
		return;
	mvaddstr(y, x - 1, "  ");
	*right = CELL_NARROW;
	if (left)
		*left = CELL_NARROW;
}

void ui_cells_claim(int y, int x, int width)
{
	if (width <= 0)
		return;
	blank_pair(y, x);
	/* The right half just past the span loses its left half to it. */
	blank_pair(y, x + width);
}

void ui_cells_mark_char(int y, int x, int width)
{
	unsigned char *c = cell(y, x), *next = cell(y, x + 1);

	if (!c)
		return;
	*c = width == 2 ? CELL_LEFT : CELL_NARROW;
	if (width == 2 && next)
		*next = CELL_RIGHT;
}

void ui_cells_mark(int y, int x, const char *s)
{
	size_t n = strlen(s), i = 0;

	while (i < n) {
		uint32_t cp;
		size_t len = text_decode(s + i, n - i, &cp);
		int w;
		if (len == 0)
			len = 1, cp = 0xFFFD;
		w = text_cp_width(cp);
		if (w > 0)
			ui_cells_mark_char(y, x, w);
		x += w;
		i += len;
	}
}
