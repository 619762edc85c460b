/*
 * csv.h - writing comma-separated values as RFC 4180 says and as Excel and
 * WPS read them.
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

#endif
