/*
 * fuzz_stations_csv.c - libFuzzer target for the CSV reader of stations
 * and demand points (core/stations/read_csv.c over core/csv.c's reader):
 * every record and problem it makes, freed; problems name a line.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../core/stations/stations_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
void fuzz_cleanup(void);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);

	memcpy(text, data, size);
	text[size] = '\0';
	for (int demand = 0; demand < 2; demand++) {
		struct station_recs recs = { .demand = demand };
		stations_read_csv(text, size, &recs);
		for (size_t i = 0; i < recs.problems.n; i++)
			if (strncmp(recs.problems.v[i], "line ", 5))
				abort();     /* every problem says where */
		station_recs_free(&recs);
	}
	free(text);
	return 0;
}

void fuzz_cleanup(void)
{
}
