/*
 * cli_report.h - the text and JSON forms of a report, for hearth report
 * (cli_report.c); not shared beyond it.
 */
#ifndef HEARTH_CLI_REPORT_H
#define HEARTH_CLI_REPORT_H

#include <stdio.h>

#include "../core/report/report.h"
#include "cli.h"

/*
 * Aligned tables, numbers on the right, text measured in terminal columns.
 * width > 0 (a terminal that wide): tables too wide are split into blocks
 * and the main series gets bars and sparklines; 0: no limit, no charts.
 */
void cli_report_text(struct app *c, const struct report *r, FILE *out,
		     int width);
void cli_report_json(const struct report *r, FILE *out);
/* The columns of the terminal on fd (80 when it cannot tell). */
int cli_terminal_width(int fd);

#endif
