/*
 * fuzz_geojson.c - libFuzzer target for the GeoJSON reader of stations and
 * demand points (core/stations/read_geojson.c over jansson), and for
 * demand_read, which checks coordinates and weights on top.
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
	struct import_opts o = { .format = STATION_GEOJSON };
	struct demand_list pts = { 0 };
	struct import_result r;
	struct herr err;

	for (int demand = 0; demand < 2; demand++) {
		struct station_recs recs = { .demand = demand };
		stations_read_geojson((const char *)data, size, &recs);
		station_recs_free(&recs);
	}
	if (demand_read((const char *)data, size, &o, &pts, &r, &err) == HE_OK)
		for (size_t i = 0; i < pts.n; i++)
			if (pts.v[i].lat < -90 || pts.v[i].lat > 90 ||
			    pts.v[i].weight < 0)
				abort(); /* what reads was checked */
	demand_list_free(&pts);
	import_result_free(&r);
	return 0;
}

void fuzz_cleanup(void)
{
}
