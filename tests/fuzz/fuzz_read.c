/*
 * fuzz_read.c - libFuzzer target for the iCalendar reader alone.
 *
 * The input is read as a calendar file one component at a time, as the
 * importer reads it (line bounds, unfolding, UTF-8 and NUL checks, nesting,
 * libical's parsing of each content line), and each component handed out
 * is written back as text the way the importer keeps what it does not
 * interpret. No database and no model: thousands of inputs a second reach
 * the parts a hostile file meets first.
 */
#include <libical/ical.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "../../core/ical/read_stream.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
void fuzz_cleanup(void);

static void quiet(void *ctx, long line, const char *msg)
{
	(void)ctx;
	(void)line;
	(void)msg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ics_reader *r;
	struct ics_comp c;
	struct herr err;
	FILE *in;

	if (size == 0)
		return 0;
	icalerror_set_errors_are_fatal(0);
	in = fmemopen((void *)data, size, "r");
	if (!in)
		return 0;
	r = ics_reader_new(in, quiet, NULL);
	while (ics_reader_next(r, &c, &err) > 0) {
		char *text = icalcomponent_as_ical_string_r(c.comp);
		free(text);
		ics_comp_free(&c);
	}
	ics_reader_free(&r);
	fclose(in);
	/* libical's scratch strings: freed each time, so that a run leaves
	 * the heap as it found it (else every run looks like a leak to
	 * libFuzzer, which then checks with LeakSanitizer: ten times slower). */
	icalmemory_free_ring();
	return 0;
}

void fuzz_cleanup(void)
{
}
