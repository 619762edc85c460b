/*
 * out.h - printing for the command line: aligned tables that measure text
 * by terminal columns, tab-separated and JSON output. Dates and times as
 * people read them are core/label.h's, shared with the interface.
 *
 * Every string that came from data goes through text_sanitize (tables, TSV)
 * or JSON escaping before it is written, so that a hostile title cannot
 * send escape sequences to the terminal.
 */
#ifndef HEARTH_OUT_H
#define HEARTH_OUT_H

#include <stdint.h>
#include <stdio.h>

#include "../core/civil.h"
#include "../core/tz.h"
#include "../core/util.h"

/* A table of text cells printed with columns aligned by display width. */
struct table {
	size_t ncols;
	char **cells;           /* row-major, owned */
	size_t nrows, cap;
	int max_width;          /* cap for any column but the last, 0 = none */
};

void table_init(struct table *t, size_t ncols, int max_width);
/* Adds a row of ncols strings (NULL prints as empty). */
void table_add(struct table *t, const char *const *cells);
/* Adds a line printed as it is, between rows, outside the columns. */
void table_add_heading(struct table *t, const char *text);
/* Prints rows with two spaces between columns, each line after indent. */
void table_print(const struct table *t, FILE *out, const char *indent);
/*
 * The same for a table too large to hold: a first pass widens width[]
 * (ncols of them, zeroed) to every row, a second prints each row (and the
 * headings between them) as it comes, aligned as table_print aligns.
 */
void table_measure(int *width, size_t ncols, int max_width,
		   const char *const *cells);
void table_print_row(FILE *out, const char *indent, const int *width,
		     size_t ncols, const char *const *cells);
void table_print_heading(FILE *out, const char *text);
void table_free(struct table *t);

/* "2027-01-08T10:00:00+08:00" for utc in zone z. */
void out_iso_local(const struct tz *z, int64_t utc, char buf[32]);
/* Writes s as a JSON string literal, escaping every control character. */
void out_json_string(FILE *out, const char *s);
/* Writes s as one TSV field: sanitized, tabs and newlines made spaces. */
void out_tsv_field(FILE *out, const char *s);
/* Writes s sanitized for the terminal. */
void out_text(FILE *out, const char *s);

#endif
