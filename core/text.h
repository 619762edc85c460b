/*
 * text.h - UTF-8 text: validation, neutralising for display, and measuring
 * and cropping by terminal columns rather than by bytes.
 *
 * Everything hearth stores is UTF-8. Text that came from data (another
 * user's title, an imported file) may hold control characters, escape
 * sequences, bidi overrides or broken bytes; text_sanitize turns those into
 * harmless visible characters before anything reaches a terminal. Widths use
 * wcwidth(), so the process must run in a UTF-8 locale (the front ends make
 * sure of that).
 */
#ifndef HEARTH_TEXT_H
#define HEARTH_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Decodes one UTF-8 character from s (n bytes available); returns its length
 * in bytes and stores the code point, or returns 0 for an invalid or
 * truncated sequence (overlong forms and surrogates count as invalid) and
 * stores U+FFFD, so that *cp is never left unset.
 */
size_t text_decode(const char *s, size_t n, uint32_t *cp);
/* True when s is valid UTF-8; else *bad (may be NULL) gets the byte offset. */
bool text_valid_utf8(const char *s, size_t *bad);
/*
 * A copy of s fit for a terminal line, a table or a TSV field: invalid
 * bytes, control characters (C0, DEL, C1, which includes ESC and CSI) and
 * characters without a width become U+FFFD; bidi embedding and override
 * characters and the invisible format characters (text_is_invisible) are
 * dropped, and so is a combining mark at the very start; tabs, line breaks
 * and U+2028/U+2029 become spaces. What remains is drawn by tmux, xterm and
 * ncurses in the columns text_width counts.
 */
char *text_sanitize(const char *s);
/*
 * A copy of s for text that leaves hearth for other programs and people
 * (files for phones, QR codes, a notice pasted into a chat): invalid bytes
 * become U+FFFD, tabs spaces, control characters (C0, DEL, C1) and bidi
 * controls are dropped. Line breaks (LF, CRLF, CR) become one LF when
 * lines, else a space.
 */
char *text_clean(const char *s, bool lines);
/*
 * The one measure of text on a screen or in an aligned column: the columns
 * sanitized s occupies (wide characters count 2, combining marks 0).
 */
int text_width(const char *s);
/* U+200B-U+200D, U+2060-U+2065, U+206A-U+206F, U+FEFF, U+180E,
 * U+FFF9-U+FFFB: format characters that draw nothing and that terminals
 * handle differently (U+200D joins cells in tmux); never shown. */
bool text_is_invisible(uint32_t cp);
/*
 * s sanitized and fitted into exactly width columns: cropped at a character
 * boundary with "…" marking the cut, then padded with spaces when pad.
 */
char *text_fit(const char *s, int width, bool pad);
/*
 * What is drawn for one code point, by the rules of text_sanitize: cp
 * itself, ' ', U+FFFD, or 0 for nothing (for editors, which keep what was
 * typed but must draw it as everything else is drawn).
 */
uint32_t text_shown(uint32_t cp);
/* Columns of one code point: wcwidth, with non-printables counting 1. */
int text_cp_width(uint32_t cp);
/* Appends the UTF-8 encoding of cp to out (needs 4 bytes); returns bytes. */
size_t text_encode(uint32_t cp, char *out);

#endif
