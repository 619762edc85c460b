/*
 * qr.h - QR codes for phones: encoding text, drawing the symbol as a PNG
 * or as terminal half-blocks, and the text of one occurrence that phones'
 * scanners turn into a calendar entry.
 *
 * Encoding is libqrencode's (Debian libqrencode-dev): byte mode, error
 * correction level M (15%, enough for a print on a wall or a screen seen
 * through a phone's camera). Text that is not plain ASCII is preceded by
 * the ECI header for UTF-8 (designator 26): without it a reader guesses the
 * bytes' encoding, and ZXing, which most Android scanners use, often reads
 * UTF-8 Chinese as ISO-8859-1 (its issues 708 and 1500). A few old
 * scanners trip on ECI, so the caller can leave it out (the config's
 * qr_eci = no); plain ASCII such as a feed's URL never carries it.
 *
 * The symbol is drawn with a quiet zone of QR_QUIET light modules around
 * it, which readers need to find it.
 */
#ifndef HEARTH_QR_H
#define HEARTH_QR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../civil.h"
#include "../store.h"
#include "../util.h"

/* Light modules around the symbol on every side (ISO/IEC 18004). */
#define QR_QUIET 4

struct qr {
	int width;              /* modules per side, quiet zone excluded */
	unsigned char *dark;    /* width * width, row by row, 1 = dark */
};

/*
 * Encodes text (UTF-8) into *out. eci: put the UTF-8 ECI header before text
 * that is not plain ASCII. Fails (HE_USER) when the text is longer than the
 * largest symbol holds.
 */
int qr_encode(const char *text, bool eci, struct qr *out, struct herr *err);
void qr_free(struct qr *q);

/* Modules per side with the quiet zone. */
int qr_side(const struct qr *q);
/* Module (x, y) of the symbol with its quiet zone (0 .. qr_side - 1);
 * anything outside the symbol is light. */
bool qr_module(const struct qr *q, int x, int y);

/*
 * The symbol as PNG bytes appended to out: scale pixels per module, black
 * on white, quiet zone included. The same symbol always gives the same
 * bytes (no time stamp), so a file rewritten with it need not change.
 */
int qr_png(const struct qr *q, int scale, struct sbuf *out, struct herr *err);

/*
 * The symbol as lines of half-block characters, two module rows to a
 * line and one module to a column, quiet zone included: "█" both modules
 * dark, "▀" the upper one, "▄" the lower one, " " neither. Drawn as ink
 * on paper: the caller shows the characters dark on a light background
 * (a terminal's light-on-dark default would invert the code). Appends
 * qr_rows() lines of qr_side() columns each to lines.
 */
void qr_halfblocks(const struct qr *q, struct strv *lines);
/* Lines qr_halfblocks gives. */
int qr_rows(const struct qr *q);

/* One occurrence as phones' scanners read it. */
struct qr_event {
	const char *title;
	const char *location;    /* NULL when there is none */
	const char *description; /* NULL when there is none */
	bool all_day;
	int64_t start, end;      /* instants, for timed events */
	struct civil first_day, end_day; /* all-day: dates, end exclusive */
};

/* What the text of an occurrence is kept within, in bytes: a symbol of
 * version 15 or so, which a phone still reads from a terminal or a poster. */
#define QR_EVENT_MAX 400

/*
 * The occurrence as the text ZXing turns into a calendar entry: BEGIN:VEVENT,
 * SUMMARY, DTSTART and DTEND (in UTC, or dates for an all-day event),
 * LOCATION, DESCRIPTION, END:VEVENT, lines ended by CRLF and never folded
 * (ZXing does not unfold), no RRULE (it reads one event). Text values are
 * escaped as iCalendar TEXT and stripped of control and bidi characters.
 * The description is shortened (at a character, with "…") so that the
 * whole text stays within max bytes; then the location, then the title,
 * when even that is not enough.
 */
char *qr_event_text(const struct qr_event *e, size_t max);

/*
 * Occurrence o of series s as qr_event_text, within QR_EVENT_MAX: the
 * title with the cancellation marker when cancelled, the venue with its
 * address (from st), and as description what changed (occ_text.h), the
 * note (a cancellation's reason), then the series' description.
 */
char *qr_occurrence_text(struct store *st, const struct series *s,
			 const struct occ *o);

#endif
