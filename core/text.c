/* text.c - UTF-8 decoding, terminal-safe text and column widths. */
#include "text.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "util.h"

#define REPLACEMENT 0xFFFDu

size_t text_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len;
	uint32_t c, min;

	*cp = REPLACEMENT;
	if (n == 0)
		return 0;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	} else if ((u[0] & 0xE0) == 0xC0) {
		len = 2, c = u[0] & 0x1F, min = 0x80;
	} else if ((u[0] & 0xF0) == 0xE0) {
		len = 3, c = u[0] & 0x0F, min = 0x800;
	} else if ((u[0] & 0xF8) == 0xF0) {
		len = 4, c = u[0] & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (u[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

size_t text_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	} else if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	} else if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

bool text_valid_utf8(const char *s, size_t *bad)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strlen(s), i = 0;
	uint32_t cp;

	while (i < n) {
		size_t len;
		/* ASCII needs no decoding: every line of a calendar file and
		 * every text of an event passes here. */
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		/* Nor a well-formed three-byte sequence (Chinese text): the
		 * checks of text_decode, inline. */
		if ((u[i] & 0xF0) == 0xE0 && i + 2 < n &&
		    (u[i + 1] & 0xC0) == 0x80 && (u[i + 2] & 0xC0) == 0x80) {
			cp = (uint32_t)(u[i] & 0x0F) << 12 |
			     (uint32_t)(u[i + 1] & 0x3F) << 6 | (u[i + 2] & 0x3F);
			if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
				i += 3;
				continue;
			}
		}
		len = text_decode(s + i, n - i, &cp);
		if (len == 0) {
			if (bad)
				*bad = i;
			return false;
		}
		i += len;
	}
	return true;
}

/* Characters that reorder or hide surrounding text (Trojan Source). */
static bool is_bidi_control(uint32_t cp)
{
	return (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E ||
	       cp == 0x200F || cp == 0x061C;
}

/*
 * Format characters that draw nothing and that terminals do not agree on:
 * the zero-width space, non-joiner and joiner, the word joiner and the
 * invisible operators, the byte-order mark, the Mongolian vowel separator
 * and the interlinear annotation marks. The joiner is the one that moves
 * columns: tmux (3.3a) draws the character after a U+200D inside the cell
 * before it, so that an emoji family (U+1F468 U+200D U+1F469 ...) takes
 * two columns there, eight in xterm and in wcwidth(), and every column
 * after it on the line lands six columns off. Without them each emoji is
 * drawn on its own, in the columns wcwidth() gives, everywhere.
 */
bool text_is_invisible(uint32_t cp)
{
	return (cp >= 0x200B && cp <= 0x200D) || (cp >= 0x2060 && cp <= 0x2065) ||
	       (cp >= 0x206A && cp <= 0x206F) || cp == 0xFEFF || cp == 0x180E ||
	       (cp >= 0xFFF9 && cp <= 0xFFFB);
}

uint32_t text_shown(uint32_t cp)
{
	/* Line and paragraph separators break lines as newlines do. */
	if (cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x2028 ||
	    cp == 0x2029)
		return ' ';
	if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
		return REPLACEMENT;
	if (is_bidi_control(cp) || text_is_invisible(cp))
		return 0;
	/* No width (unassigned, noncharacters): tmux drops such a character
	   while ncurses counts a column for it. Only a character locale that
	   knows Unicode can tell: under plain C everything past ASCII lacks
	   a width, and text must still come out whole. */
	if (cp >= 0x80 && wcwidth((wchar_t)cp) < 0 && wcwidth(0x6C34) == 2)
		return REPLACEMENT;
	return cp;
}

/*
 * Decodes the next character of s for display: *cp gets what should be
 * shown (0 when the character is dropped); returns the bytes consumed.
 */
static size_t next_display_char(const char *s, size_t n, uint32_t *cp)
{
	size_t len = text_decode(s, n, cp);

	if (len == 0) {
		*cp = REPLACEMENT;
		return 1;
	}
	*cp = text_shown(*cp);
	return len;
}

char *text_sanitize(const char *s)
{
	struct sbuf out = { 0 };
	size_t n = strlen(s), i = 0;
	char enc[4];

	sbuf_add(&out, "");
	while (i < n) {
		uint32_t cp;
		i += next_display_char(s + i, n - i, &cp);
		/* A combining mark with nothing before it would join whatever
		   the screen has there (a border, the column before). */
		if (cp && (out.len > 0 || wcwidth((wchar_t)cp) != 0))
			sbuf_addn(&out, enc, text_encode(cp, enc));
	}
	return sbuf_take(&out);
}

char *text_clean(const char *s, bool lines)
{
	struct sbuf out = { 0 };
	size_t n = strlen(s), i = 0;
	char enc[4];

	sbuf_add(&out, "");
	while (i < n) {
		uint32_t cp;
		size_t len = text_decode(s + i, n - i, &cp);
		if (len == 0) {
			cp = REPLACEMENT;
			len = 1;
		} else if (cp == '\r' || cp == '\n') {
			/* CRLF is one break. */
			if (cp == '\r' && i + 1 < n && s[i + 1] == '\n')
				len++;
			cp = lines ? '\n' : ' ';
		} else if (cp == '\t') {
			cp = ' ';
		} else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) ||
			   is_bidi_control(cp)) {
			cp = 0;
		}
		i += len;
		if (cp)
			sbuf_addn(&out, enc, text_encode(cp, enc));
	}
	return sbuf_take(&out);
}

int text_cp_width(uint32_t cp)
{
	int w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

int text_width(const char *s)
{
	size_t n = strlen(s), i = 0;
	int w = 0;

	while (i < n) {
		uint32_t cp;
		i += next_display_char(s + i, n - i, &cp);
		if (cp)
			w += text_cp_width(cp);
	}
	return w;
}

char *text_fit(const char *s, int width, bool pad)
{
	char *clean = text_sanitize(s);
	struct sbuf out = { 0 };
	size_t n = strlen(clean), i = 0;
	int used = 0;
	const int ellipsis = 1; /* "…" is one column */

	sbuf_add(&out, "");
	if (width <= 0) {
		free(clean);
		return sbuf_take(&out);
	}
	if (text_width(clean) > width) {
		while (i < n) {
			uint32_t cp;
			size_t len = text_decode(clean + i, n - i, &cp);
			int w = text_cp_width(cp);
			if (used + w > width - ellipsis)
				break;
			sbuf_addn(&out, clean + i, len);
			used += w;
			i += len;
		}
		sbuf_add(&out, "…");
		used += ellipsis;
	} else {
		sbuf_add(&out, clean);
		used = text_width(clean);
	}
	while (pad && used < width) {
		sbuf_addc(&out, ' ');
		used++;
	}
	free(clean);
	return sbuf_take(&out);
}
