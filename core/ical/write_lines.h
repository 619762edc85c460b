/*
 * write_lines.h - writing iCalendar content lines (RFC 5545 section 3.1).
 *
 * The exporter writes its text itself rather than through libical's
 * serialiser: one component at a time goes straight into a buffer, with no
 * tree and no ring-buffer strings, which is what keeps a 100,000-series
 * export fast and its memory flat. It follows the same rules libical does:
 * CRLF line ends, lines folded so that none exceeds 75 octets and no fold
 * falls inside a UTF-8 character, TEXT values escaped (backslash, comma,
 * semicolon, line breaks), parameter values quoted when they hold ':' ';'
 * or ','. X-HEARTH-* values that carry several fields are made by
 * ics_xfield_add (model.h; see there why they do not rely on TEXT escapes).
 */
#ifndef HEARTH_ICAL_WRITE_LINES_H
#define HEARTH_ICAL_WRITE_LINES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../civil.h"
#include "../util.h"

/* Longest line written, in octets, without its CRLF (RFC 5545 3.1). */
#define ICS_FOLD 75

/* A content line being assembled at the end of out, folded when it ends. */
struct ics_line {
	struct sbuf *out;
	size_t start;            /* where the line begins in out */
};

/* Starts the line "NAME" that will be appended to out. */
void ics_begin(struct ics_line *l, struct sbuf *out, const char *name);
/*
 * Adds ";NAME=value"; the value is quoted when it holds ':' ';' or ',' and
 * loses the characters a parameter cannot carry (controls and '"').
 */
void ics_param(struct ics_line *l, const char *name, const char *value);
/* Ends the line with ":value" written as it is (dates, rules, numbers). */
void ics_raw(struct ics_line *l, const char *value);
/* Ends the line with ":value" escaped as TEXT. */
void ics_text(struct ics_line *l, const char *value);
/* Ends the line with the TEXT values joined by ',' (CATEGORIES). */
void ics_text_list(struct ics_line *l, const char *const *values, size_t n);

/* Whole lines in one call. */
void ics_prop_raw(struct sbuf *out, const char *name, const char *value);
void ics_prop_text(struct sbuf *out, const char *name, const char *value);
/* "BEGIN:NAME" / "END:NAME". */
void ics_begin_comp(struct sbuf *out, const char *name);
void ics_end_comp(struct sbuf *out, const char *name);

/*
 * Appends a logical line (without line end) folded at ICS_FOLD octets with
 * CRLF line ends. Folds never split a UTF-8 sequence.
 */
void ics_fold(struct sbuf *out, const char *line, size_t len);

/* "20270108T100000" / "20270108" / "20270108T020000Z" for UTC times. */
void ics_format_time(const struct civil *c, bool date_only, bool utc,
		     char buf[CIVIL_BUFSZ]);
/* The UTC time of an instant: "20270108T020000Z". */
void ics_format_utc(int64_t utc, char buf[CIVIL_BUFSZ]);

#endif
