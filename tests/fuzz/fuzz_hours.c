/*
 * fuzz_hours.c - libFuzzer target for opening hours (core/stations): the
 * input, cut at its first NUL as an argument would be, is read; what reads
 * is written back canonical (which must read again to the same text), put
 * in words, and asked whether it is open at instants around a
 * daylight-saving change in Berlin and in Shanghai, with public holidays.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../core/config.h"
#include "../../core/stations/stations.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
void fuzz_cleanup(void);

static struct config cfg;
static bool ready;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* An exact-size copy, so that reading past the end is caught. */
	char *text = malloc(size + 1);
	struct hours h, again;
	struct herr err;
	int column;

	if (!ready) {
		config_init(&cfg);
		config_load_string(&cfg, "[holidays]\n2027-03-28 = x\n"
				   "2027-10-01..2027-10-07 = y\n", "fuzz", &err);
		ready = true;
	}
	memcpy(text, data, size);
	text[size] = '\0';
	if (hours_parse(text, &h, &column, &err) == HE_OK) {
		char *canon = hours_format(&h), *words = hours_words(&h);
		if (hours_parse(canon, &again, NULL, &err) != HE_OK)
			abort();         /* the canonical text must read */
		char *canon2 = hours_format(&again);
		if (strcmp(canon, canon2))
			abort();         /* and read to itself */
		const char *zones[] = { "Europe/Berlin", "Asia/Shanghai" };
		for (int z = 0; z < 2; z++)
			for (int64_t t = 1806192000; t < 1806192000 + 4 * 86400;
			     t += 5400) {
				int64_t closes;
				if (hours_open_at(&h, cfg.stations, tz_get(zones[z]), t,
						  &closes) && closes <= t)
					abort();  /* open until a past moment */
			}
		free(canon);
		free(canon2);
		free(words);
		hours_free(&again);
		hours_free(&h);
	} else if (column < 1 || column > (int)size + 1) {
		abort();                 /* an error points inside the text */
	}
	free(text);
	return 0;
}

void fuzz_cleanup(void)
{
	if (ready)
		config_free(&cfg);
	tz_cleanup();
}
