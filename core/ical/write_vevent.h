/*
 * write_vevent.h - the parts of a VEVENT that every exported event of a
 * series shares (the series itself, its changed occurrences, its extra
 * dates, plain occurrences): times in the series' zone, and the
 * properties clients show. Used by export.c and export_occ.c.
 */
#ifndef HEARTH_ICAL_WRITE_VEVENT_H
#define HEARTH_ICAL_WRITE_VEVENT_H

#include <stdbool.h>
#include <stddef.h>

#include "../civil.h"
#include "../config.h"
#include "../series.h"
#include "../store.h"
#include "../util.h"

/* Venues and organisations by name, loaded once for a whole export. */
struct ics_places {
	struct venue *venues;
	size_t n_venues;
	struct org *orgs;
	size_t n_orgs;
};

int ics_places_load(struct store *st, struct ics_places *p, struct herr *err);
void ics_places_free(struct ics_places *p);
/* NULL when name is NULL or unknown. */
const struct venue *ics_places_venue(const struct ics_places *p,
				     const char *name);
const struct org *ics_places_org(const struct ics_places *p, const char *name);

/* How a series' times are written. */
struct ics_zone_mode {
	const char *tzid;        /* TZID parameter, or NULL */
	bool utc;                /* times end in Z */
	bool date_only;          /* VALUE=DATE */
};
struct ics_zone_mode ics_zone_mode(const struct sched *sc, bool floating);
/* NAME;TZID=...:time (or a comma-separated list of n times). */
void ics_time_prop(struct sbuf *out, const char *name,
		   const struct ics_zone_mode *m, const struct civil *c,
		   size_t n);

/* What the shared part of a VEVENT is about. */
struct ics_event_ctx {
	const struct series *s;
	const struct ics_places *places;
	const struct config *cfg;
	const char *dtstamp;
};

/*
 * DTSTAMP, CREATED, LAST-MODIFIED and SEQUENCE, then SUMMARY, DESCRIPTION
 * (with a note after it), LOCATION and GEO, ORGANIZER, CONTACT, CATEGORIES
 * and STATUS, of the series or, when o is given, of that occurrence (its
 * own title, description, venue and note where it has them).
 */
void ics_vevent_common(struct sbuf *out, const struct ics_event_ctx *e,
		       const struct override *o);
/*
 * The X-HEARTH-TITLE, -DESCRIPTION and -CONTACT that give hearth back the
 * exact texts: an occurrence's own title and description, and a series'
 * texts that its standard properties could not carry as they are
 * (ics_text_for_phones).
 */
void ics_xtexts(struct sbuf *out, const struct series *s,
		const struct override *o);
/* X-HEARTH-VENUE with the venue's details. */
void ics_xvenue(struct sbuf *out, const struct ics_places *p,
		const char *name);
/* One-field X-HEARTH-* property (NOTE, KIND, SERIES, ...). */
void ics_xprop(struct sbuf *out, const char *name, const char *value);

#endif
