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
	bool feed;               /* a published feed: nothing about anybody
				    (no CONTACT, no organiser's address) */
};

/* What one occurrence's VEVENT says beyond its series. */
struct ics_instance {
	const char *venue;       /* another venue, or NULL */
	const char *note;        /* its note: a cancellation's reason */
	bool cancelled;          /* shown cancelled (not left out by EXDATE) */
	const struct override *o; /* its change, or NULL: what changed is
				    told first in DESCRIPTION */
};

/*
 * DTSTAMP, CREATED, LAST-MODIFIED and SEQUENCE, then SUMMARY, DESCRIPTION,
 * LOCATION and GEO, ORGANIZER, CONTACT, CATEGORIES and STATUS, of the
 * series, or of one occurrence of it when in is not NULL: then the title,
 * description and venue are its change's own when it has them,
 * DESCRIPTION tells what changed (occ_text.h)
 * and the note before the series' description, and a cancelled one has
 * the cancellation marker before its title and STATUS:CANCELLED, so that
 * phones that show cancelled instances show why, and those that do not
 * still show it as cancelled by its title.
 */
void ics_vevent_common(struct sbuf *out, const struct ics_event_ctx *e,
		       const struct ics_instance *in);
/*
 * The VALARM reminders of a VEVENT (ACTION:DISPLAY with the title as
 * DESCRIPTION, which several clients need to show one): the series' own,
 * else, when extra (its imported properties, may be NULL) carries none,
 * its kind's. Nothing for a cancelled occurrence.
 */
void ics_valarms(struct sbuf *out, const struct ics_event_ctx *e,
		 const char *extra, bool cancelled);
/*
 * The X-HEARTH-TITLE, -DESCRIPTION and -CONTACT that give hearth back the
 * exact texts: an occurrence's own title and description (o given), and a
 * series' texts that its standard properties could not carry as they are
 * (ics_text_for_phones).
 */
void ics_xtexts(struct sbuf *out, const struct series *s,
		const struct override *o);
/*
 * X-HEARTH-PLACE with the details of each venue of s's segments that is
 * not the event's own: a segment names its venue only, and without them an
 * import would know that venue by name alone (its address lost when no
 * event of the file has it as its own venue).
 */
void ics_xplaces(struct sbuf *out, const struct ics_places *p,
		 const struct series *s);
/* X-HEARTH-VENUE with the venue's details. */
void ics_xvenue(struct sbuf *out, const struct ics_places *p,
		const char *name);
/* One-field X-HEARTH-* property (NOTE, KIND, SERIES, ...). */
void ics_xprop(struct sbuf *out, const char *name, const char *value);

#endif
