/*
 * csv.h - comma-separated values as RFC 4180 says and as Excel and WPS
 * write and read them: a writer (reports, people export) and a reader that
 * names the line of every record and every problem (people import).
 *
 * WRITING.
 *
 * Records end with CRLF; a field holding a comma, a quote, a line break or
 * leading or trailing space is quoted, quotes doubled. Text from data is
 * neutralised as everywhere else (control and bidi characters; line breaks
 * inside a field are kept, quoted), and a text field that starts with
 * = + - or @ gets an apostrophe in front, so that a spreadsheet opening
 * the file shows it instead of running it as a formula (CSV injection).
 * Excel and WPS take a file for UTF-8 only when it starts with a byte-order
 * mark: csv_bom writes it.
 *
 * A writer remembers the first write error; csv_finish reports it.
 */
#ifndef HEARTH_CSV_H
#define HEARTH_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "util.h"

struct csv {
	FILE *out;
	bool in_row;            /* a field was written on this record */
	int error;              /* errno of the first failed write, or 0 */
};

void csv_init(struct csv *w, FILE *out);
/* The UTF-8 byte-order mark, first thing in the file. */
void csv_bom(struct csv *w);
/* A text field (NULL is empty). */
void csv_text(struct csv *w, const char *s);
/* Numbers, written as numbers: no quotes, no separators. */
void csv_int(struct csv *w, int64_t v);
void csv_real(struct csv *w, double v, int decimals);
/* Ends the record (an empty record is an empty line). */
void csv_end(struct csv *w);
/* Flushes; HE_INTERNAL with a message naming what when a write failed. */
int csv_finish(struct csv *w, const char *what, struct herr *err);


/*
 * READING. The whole text at once (the callers' files are lists of people:
 * small). Fields are separated by commas; records end with LF or CRLF; a
 * field in double quotes may hold commas, line breaks and doubled quotes.
 * A UTF-8 byte-order mark at the start, as Excel and WPS write one, is
 * skipped; blank lines are skipped. Everything wrong is an error naming
 * its line: text that is not UTF-8, a NUL byte, a quote inside an unquoted
 * field, text after a closing quote, a quoted field never closed. A
 * reader, unlike libcsv, knows where it is; that is why hearth has its own.
 */
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
 * in r->error_line. r->record_line tells where the record started.
 */
int csv_read(struct csv_reader *r, struct strv *fields, struct herr *err);
/* Removes the apostrophe csv_text put before a formula-like field (one
 * starting with = + - or @), in place, so that a file written and read
 * back is the same; returns s. */
char *csv_unguard(char *s);

#endif
