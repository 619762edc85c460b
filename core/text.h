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
 * A copy of s fit for a terminal line: invalid bytes and control characters
 * (C0, DEL, C1, which includes ESC and CSI) become U+FFFD, bidi embedding and
 * override characters are dropped, tabs and line breaks become spaces.
 */
char *text_sanitize(const char *s);
/* Columns that sanitized s occupies (wide characters count 2). */
int text_width(const char *s);
/*
 * s sanitized and fitted into exactly width columns: cropped at a character
 * boundary with "…" marking the cut, then padded with spaces when pad.
 */
char *text_fit(const char *s, int width, bool pad);
/* Columns of one code point: wcwidth, with non-printables counting 1. */
int text_cp_width(uint32_t cp);
/* Appends the UTF-8 encoding of cp to out (needs 4 bytes); returns bytes. */
size_t text_encode(uint32_t cp, char *out);

#endif
