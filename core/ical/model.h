/*
 * model.h - how hearth's model maps onto iCalendar, shared by export
 * and import so that the two stay each other's inverse.
 *
 * Standard properties carry what clients show (SUMMARY, DESCRIPTION with
 * the segments as readable lines, LOCATION, GEO, ORGANIZER, CATEGORIES,
 * CONTACT, STATUS). What has no standard property travels in X-HEARTH-*
 * properties, whose values are fields joined by ';' (ics_xfield_add):
 *
 *   X-HEARTH-KIND:key
 *   X-HEARTH-VENUE:name;address;type;notes;services  (services one a line)
 *   X-HEARTH-PLACE:name;address;type;notes;services[;lat,lon]  the same
 *                          for a venue of a segment that is not the
 *                          event's own, with its point (GEO is the event's)
 *   X-HEARTH-ORG:role;name;type;contact          one per organisation
 *   X-HEARTH-PARTNER:name;type;contact  the details of an organisation
 *                          only segments name
 *   X-HEARTH-AUDIENCE:tag;tag...
 *   X-HEARTH-CAPACITY:n
 *   X-HEARTH-ALARMS:seconds,seconds...  the event's own reminders, or none
 *   X-HEARTH-ALARM:own|kind   in each VALARM hearth wrote, which a
 *                             re-import drops (X-HEARTH-ALARMS or the
 *                             kind's default says the same)
 *   X-HEARTH-SEGMENT:from;to;partner;title;note[;venue;partner...]
 *                          one per segment, in order; the segment's own
 *                          venue and its second and later partners only
 *                          when it has them (older files have five fields)
 *   X-HEARTH-CANCELLED:rid;start;end;venue;note;rdate
 *                          a cancelled occurrence ("rdate": an extra date)
 *   X-HEARTH-NOTE:text                           an override's note
 *   X-HEARTH-TITLE:text       a changed occurrence's own title; for a
 *                             series, its title when SUMMARY cannot carry
 *                             it exactly (control characters, CR)
 *   X-HEARTH-DESCRIPTION:text the same for the description
 *   X-HEARTH-CONTACT:text     a series' contact when CONTACT cannot
 *   X-HEARTH-SERIES:uid    an extra date written as an event of its own
 *   X-HEARTH-RDATE:rid     ... and the extra date it is
 *
 * A re-import of hearth's own export reads the X-HEARTH-* properties and
 * ignores the readable forms; a file from elsewhere is read from the
 * standard properties.
 */
#ifndef HEARTH_ICAL_MODEL_H
#define HEARTH_ICAL_MODEL_H

#include "../series.h"
#include "../util.h"

#define ICS_PRODID "-//hearth//hearth community events//EN"

/* Fields of the multi-field X-HEARTH-* properties. */
enum { XV_NAME, XV_ADDRESS, XV_TYPE, XV_NOTES, XV_SERVICES, XV_GEO, XV_N };
enum { XO_ROLE, XO_NAME, XO_TYPE, XO_CONTACT, XO_N };
enum { XP_NAME, XP_TYPE, XP_CONTACT, XP_N };
enum { XS_FROM, XS_TO, XS_PARTNER, XS_TITLE, XS_NOTE, XS_N, XS_VENUE = XS_N,
       XS_MORE, XS_MAX = 128 };
enum { XC_RID, XC_START, XC_END, XC_VENUE, XC_NOTE, XC_N };

/*
 * The DESCRIPTION of a series with this description (the series' own, or a
 * changed occurrence's): the description, a blank line, then one line per
 * segment ("09:30–10:00 title (partner, partner) @ venue: note"). NULL
 * when there is neither.
 */
char *ics_description(const struct series *s, const char *description);
/* The same for an occurrence whose segments moved by shift minutes with
 * it (series_segment_shift). */
char *ics_description_at(const struct series *s, const char *description,
			 int shift);
/*
 * The description alone from a DESCRIPTION, given the segments already
 * read from X-HEARTH-SEGMENT: the segment lines are removed when they are
 * exactly what ics_description writes (else the text is kept whole, as a
 * client may have edited it).
 */
char *ics_description_strip(const char *text, const struct series *s);

/*
 * The calendar address of an organiser (ORGANIZER's value) from its
 * contact: "mailto:" for an e-mail address, "tel:" for a telephone number,
 * else NULL (the caller then writes a placeholder).
 */
char *ics_cal_address(const char *contact);
/* The contact back from a calendar address: the address without its
 * scheme, NULL for the placeholder. */
char *ics_contact_from_address(const char *address);
/* What ORGANIZER carries when hearth knows no address for the host. */
#define ICS_NO_ADDRESS "mailto:noreply@hearth.invalid"

/* The UID of extra date rid of series uid written as an event of its own. */
char *ics_extra_date_uid(const char *uid, const char *rid_text);

/*
 * Text in a file for phones: RFC 5545 TEXT has no place for control
 * characters, and a calendar app shows what it gets; bidi controls would
 * reorder what the organiser wrote. ics_text_for_phones is the copy of s
 * the standard properties carry: line breaks of every kind (CRLF, CR,
 * U+2028, U+2029) become LF (written "\n"), other C0 controls but TAB,
 * DEL and C1 controls (ESC and CSI among them) become U+FFFD, as on a
 * terminal (text.h), and bidi controls are dropped. NULL for NULL.
 * ics_text_is_clean says whether s is its own copy; ics_extra_is_clean
 * the same of folded content lines (their CRLF and folds allowed).
 */
char *ics_text_for_phones(const char *s);
bool ics_text_is_clean(const char *s);
bool ics_extra_is_clean(const char *lines);

/*
 * Fields of X-HEARTH-* values. libical reads an X- property's value with
 * its backslash escapes removed ("\;" becomes ";"), so a field separator
 * could not be told from a semicolon in a field. Fields are therefore
 * joined with ';' and written with '%', ';', ',', '\', control
 * characters (C0, DEL, C1) and bidi controls as %XX of their bytes, so the
 * exact text comes back and no file gets a raw control; Chinese and other
 * text stays readable.
 */
void ics_xfield_add(struct sbuf *b, const char *field, bool first);
/*
 * Splits a value written by ics_xfield_add into at most max fields (the
 * caller frees each); returns the number of fields found, or -1 when the
 * value is not well formed or has more than max fields.
 */
int ics_xfield_split(const char *value, char **fields, int max);

#endif
