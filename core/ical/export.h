/*
 * export.h - what export.c and export_occ.c share; not part
 * of the interface.
 */
#ifndef HEARTH_ICAL_EXPORT_H
#define HEARTH_ICAL_EXPORT_H

#include "ical.h"
#include "write_vevent.h"

struct ics_exporter {
	FILE *out;
	struct store *st;
	const struct ics_export_opts *o;
	struct herr *err;
	struct ics_places places;
	struct sbuf buf;         /* the component being written */
	char dtstamp[CIVIL_BUFSZ];
};

/* Writes what buf holds to out and empties it. */
int ics_flush(struct ics_exporter *ex);
/* The --occurrences form: every occurrence of the window as an event. */
int ics_export_occurrences(struct ics_exporter *ex);

#endif
