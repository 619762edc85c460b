/*
 * fuzz_import.c - libFuzzer target for the iCalendar importer.
 *
 * Each input is imported as a dry run into one in-memory database: the
 * whole path a hostile file takes (line reading, libical, zones, the
 * model, storage) runs, and nothing accumulates between inputs. Built by
 * 'make fuzz'; tests/unit/test_ics_regress.c replays the inputs in
 * tests/fuzz/regress and tests/ical under the sanitizers in 'make check'.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <libical/ical.h>

#include "../../core/config.h"
#include "../../core/ical/ical.h"
#include "../../core/store.h"
#include "../../core/tz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
void fuzz_cleanup(void);

static struct store *st;
static struct config cfg;

static void quiet(void *ctx, long line, const char *msg)
{
	(void)ctx;
	(void)line;
	(void)msg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ics_import_opts o = { .cfg = &cfg, .dry_run = true,
				     .now = 1798761600 };
	struct ics_import_stats stats;
	struct herr err;
	FILE *in;

	if (!st) {
		config_init(&cfg);
		if (store_open(&st, ":memory:", STORE_CREATE, &err) != HE_OK)
			abort();
	}
	o.zone = tz_get("Asia/Shanghai");
	if (size == 0)
		return 0;
	in = fmemopen((void *)data, size, "r");
	if (!in)
		return 0;
	ics_import(st, in, &o, &stats, quiet, NULL, &err);
	fclose(in);
	/* libical's scratch strings: freed each time, so that a run leaves
	 * the heap as it found it (else every run looks like a leak to
	 * libFuzzer, which then checks with LeakSanitizer: ten times slower). */
	icalmemory_free_ring();
	return 0;
}

/* Frees what the inputs shared (for leak checkers when replaying). */
void fuzz_cleanup(void)
{
	store_close(&st);
	config_free(&cfg);
	tz_cleanup();
}
