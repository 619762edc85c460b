/*
 * fuzz_when.c - libFuzzer target for the date and time parser (when.h).
 *
 * The input, cut at its first NUL as a command-line argument would be, is
 * read as a date or time ("2027-01-08 10:00", "+3d", "周五 14:00"), as a
 * time of day and as a length, against a fixed today; a length read is
 * written back.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../core/when.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
void fuzz_cleanup(void);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct civil today = { 2027, 1, 8, 9, 30, 0 };
	/* An exact-size copy, so that reading past the end is caught. */
	char *text = malloc(size + 1);
	struct when w;
	struct herr err;
	int64_t secs;
	int min;

	memcpy(text, data, size);
	text[size] = '\0';
	when_parse(text, &today, &w, &err);
	when_parse_hhmm(text, &min, &err);
	if (when_parse_duration(text, &secs, &err) == HE_OK)
		free(when_format_duration(secs));
	free(text);
	return 0;
}

void fuzz_cleanup(void)
{
}
