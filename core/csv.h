/*
 * csv.h - comma-separated values (RFC 4180) as spreadsheets write them:
 * reading records with the line each starts on, and writing fields.
 *
 * A base module: the people import and export use it, and so can any other
 * capability that exchanges tables with spreadsheets (reports).
 *
 * Reading takes the whole text at once (the callers' files are lists of
 * people or rows of a report: small). Fields are separated by commas;
 * records end with LF or CRLF; a field in double quotes may hold commas,
 * line breaks and doubled quotes. A UTF-8 byte-order mark at the start, as
 * Excel and WPS write one, is skipped. Everything wrong is an error naming
 * the line: text that is not UTF-8, a NUL byte, a quote inside an unquoted
 * field, text after a closing quote, a quoted field never closed.
 *
 * Writing quotes a field only when it must (a comma, quote, CR or LF, or
 * spaces at either end). With CSV_GUARD_FORMULAS a field starting with
 * = + - @ or a tab gets a leading apostrophe, so that a spreadsheet shows it
 * as text instead of running it as a formula (a name like "=HYPERLINK(...)"
 * typed by someone else); csv_unguard removes it again on reading, so that
 * a file written and read back is the same.
 */
#ifndef HEARTH_CSV_H
#define HEARTH_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "util.h"

struct csv_reader {
	const char *p, *end;
	int line;               /* line the next record starts on (1-based) */
	int record_line;        /* line the last record read started on */
	int error_line;         /* line of the last error */
	bool started;
};

/* Reads text[0..len); the text must outlive the reader. */
void csv_reader_init(struct csv_reader *r, const char *text, size_t len);
/*
 * Reads the next record into fields (emptied first): 1 when it read one,
 * 0 at the end of the text, -1 on an error: its message in err, its line
 * in r->error_line.
 * Blank lines are skipped. r->record_line tells where the record started.
 */
int csv_read(struct csv_reader *r, struct strv *fields, struct herr *err);

/* Options of csv_write_row. */
enum { CSV_GUARD_FORMULAS = 1 };

/* Writes one field (without separator) as RFC 4180 asks. */
void csv_write_field(FILE *out, const char *s, unsigned flags);
/* Writes the n fields (NULL as empty) and a CRLF, as RFC 4180 asks. */
void csv_write_row(FILE *out, const char *const *fields, size_t n,
		   unsigned flags);
/* Removes the apostrophe CSV_GUARD_FORMULAS put before a formula-like
 * field, in place; returns s. */
char *csv_unguard(char *s);

#endif
