/*
 * fuzz_draft.c - libFuzzer target for the draft reader (core/draft.h).
 *
 * A draft is a file in the user's data directory that anybody with access
 * to it could have edited, and the interface offers it back at start-up:
 * the input is the whole file, NUL bytes and all, read through draft_read
 * from a memory stream as draft_load reads it from disk. A draft that is
 * read is then written again and read back, as a restored form would be
 * kept again if the session ended a second time.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "../../core/draft.h"
#include "../../core/tz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
void fuzz_cleanup(void);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *f = fmemopen((void *)data, size, "r");
	struct draft d, again;
	struct herr err;
	char *buf = NULL;
	size_t len = 0;

	if (!f)
		return 0; /* fmemopen refuses an empty buffer */
	if (draft_read(f, &d, &err) == HE_OK) {
		FILE *out = open_memstream(&buf, &len);
		if (!out || draft_write(out, d.db, d.is_new, &d.s) != HE_OK)
			abort();
		fclose(out);
		out = fmemopen(buf, len, "r");
		/* What hearth wrote, hearth reads. */
		if (!out || draft_read(out, &again, &err) != HE_OK)
			abort();
		fclose(out);
		draft_free(&again);
		free(buf);
		draft_free(&d);
	}
	fclose(f);
	return 0;
}

void fuzz_cleanup(void)
{
	tz_cleanup();
}
