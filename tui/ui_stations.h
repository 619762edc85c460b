/*
 * ui_stations.h - what the stations view (ui_stations.c) shares with the
 * map (ui_map.c): the moment shown, the place travel is measured from and
 * the service asked for, changed by the same keys in both.
 */
#ifndef HEARTH_UI_STATIONS_H
#define HEARTH_UI_STATIONS_H

#include "../core/stations/stations.h"
#include "ui_int.h"

struct stations_shared {
	int64_t at;              /* 0: now */
	char *from;              /* the venue travel is measured from, or NULL */
	double lat, lon;
	char *service;           /* part of a service's name, or NULL */
};

struct stations_shared *ui_stations_shared(struct ui *u);
/* The moment shown: the one chosen, else now. */
int64_t ui_stations_at(struct ui *u);
/* The stations view's query (near the place chosen, within the config's
 * circle, with the service asked for). */
struct open_query ui_stations_query(struct ui *u);
/* Handles [ ] t f o for either view; true when it did (reload then). */
bool ui_stations_common_key(struct ui *u, enum action a);
/* Lets the user choose where travel is measured from. */
bool ui_stations_pick_from(struct ui *u);

#endif
