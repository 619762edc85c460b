/*
 * ui.h - the full-screen interface (ncursesw).
 */
#ifndef HEARTH_UI_H
#define HEARTH_UI_H

#include "cli.h"

/* Runs the interface on c's database until the user quits. */
int ui_main(struct cli *c);

#endif
