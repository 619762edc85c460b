/*
 * ics_export_int.h - what ics_export.c and ics_export_occ.c share; not part
 * of the interface.
 */
#ifndef HEARTH_ICS_EXPORT_INT_H
#define HEARTH_ICS_EXPORT_INT_H

#include "ics_export.h"
#include "ics_vevent.h"

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
