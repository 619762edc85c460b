/*
 * ics_import.h - reading an iCalendar file into the database.
 *
 * Series are created or updated by UID. A series in the file replaces the
 * stored one when its version (SEQUENCE, then LAST-MODIFIED, else DTSTAMP)
 * is newer, is left alone when it is the same (so importing a file twice
 * changes nothing the second time), and is reported and skipped when it
 * is older (the database was changed since). Changed occurrences and
 * extra dates are put onto their series whether they come before or after
 * it in the file; one that comes after another series has come between is
 * applied to the stored series at the end.
 *
 * The whole import is one transaction: problems in one component skip
 * that component (reported as line and message through the callback), the
 * rest goes in together, and a failure of the database or of reading the
 * input leaves the database as it was. A dry run does all of it and rolls
 * back. The audit log gets one entry for the whole import, naming the
 * source and counting what was added, updated, unchanged and skipped.
 *
 * Memory stays bounded whatever the input: components are read one at a
 * time (ics_read.h), and at most ICS_MAX_PENDING changes wait for a series
 * that has not come yet.
 */
#ifndef HEARTH_ICS_IMPORT_H
#define HEARTH_ICS_IMPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "config.h"
#include "ics_read.h"
#include "store.h"
#include "tz.h"

#define ICS_MAX_PENDING 20000

struct ics_import_opts {
	const struct config *cfg;
	const char *kind;        /* for events that name none of hearth's */
	const struct tz *zone;   /* default zone */
	bool dry_run;
	int64_t now;
	const char *source;      /* the file's name, for the audit log */
};

struct ics_import_stats {
	long added, updated, unchanged, skipped;
	long problems;           /* messages that were errors, not notes */
};

/*
 * Imports the calendar read from in. Returns HE_OK when it went through
 * (with components perhaps skipped: see stats), or an error with err set
 * when nothing was written.
 */
int ics_import(struct store *st, FILE *in, const struct ics_import_opts *o,
	       struct ics_import_stats *stats, ics_note_fn note, void *ctx,
	       struct herr *err);

#endif
