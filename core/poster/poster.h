/*
 * poster.h - a printable poster of an event for the station wall, as PDF
 * or PNG, in the interface language.
 *
 * It says what a rider passing by needs: the kind, the title, when (a
 * series' pattern in words, "每周五、六、日 10:00–18:00", and the days it
 * runs, or the one occurrence's day and times), where (venue and address),
 * who (host, co-hosts, partners, sponsors), what (the description, the
 * agenda or the zones with their times, partners and places, the venue's
 * services), and a QR code: of the event's feed when the calendar is
 * published, so that a phone subscribes, else of the occurrence itself as
 * a calendar entry. Nothing about anybody: no contact.
 *
 * Laid out with pango on cairo, in a CJK font (Noto Sans CJK from Debian's
 * fonts-noto-cjk): pango breaks the lines (no hyphens), a long title is set
 * smaller until it fits in four lines, and the rest of the text too when
 * the page would overflow.
 */
#ifndef HEARTH_POSTER_H
#define HEARTH_POSTER_H

#include <stdbool.h>
#include <stdio.h>

#include "../config.h"
#include "../store.h"
#include "../util.h"

enum poster_paper { POSTER_A4, POSTER_A3 };
enum poster_format { POSTER_PDF, POSTER_PNG };

struct poster_opts {
	enum poster_paper paper;
	enum poster_format format;
	const struct config *cfg;    /* kind labels and colours */
	const struct tz *zone;       /* the zone times are shown in */
	const struct occ *occ;       /* one occurrence, or NULL: the series */
	const char *qr_text;         /* what the QR code holds, or NULL */
	bool qr_is_feed;             /* it is a feed's address (the caption) */
	bool qr_eci;                 /* the UTF-8 ECI before non-ASCII text */
};

/*
 * Writes the poster of series s (or of its occurrence o->occ) to out.
 * Venue details come from st.
 */
int poster_write(struct store *st, const struct series *s,
		 const struct poster_opts *o, FILE *out, struct herr *err);

/* "a4"/"A4", "a3": the paper; false for anything else. */
bool poster_paper_parse(const char *name, enum poster_paper *out);

#endif
