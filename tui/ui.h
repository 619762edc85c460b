/*
 * ui.h - the full-screen interface (ncursesw).
 */
#ifndef HEARTH_UI_H
#define HEARTH_UI_H

#include "app.h"

/* Runs the interface on c's database until the user quits. */
int ui_main(struct app *c);

/* What ui_bench measured, in milliseconds. */
struct ui_timing {
	double first_screen;     /* opening the database to the first screen */
	double key_median, key_max; /* handling a key and redrawing */
	int keys;
	int key_worst;           /* the position in keys of the slowest */
};

/*
 * For `make bench`: runs the interface headless on a terminal that writes
 * to out (TERM is taken as xterm-256color, rows x cols), draws the first
 * screen, then handles each key of keys (characters, as typed) and redraws,
 * timing everything. The keys come gap_ms apart: the interface's idle work
 * runs in the gaps, as it does between a person's keys (0: none).
 */
int ui_bench(struct app *c, FILE *out, int rows, int cols, const char *keys,
	     int gap_ms, struct ui_timing *t);

#endif
