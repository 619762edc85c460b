/* model.c - the parts of the model mapping both directions share, and the
 * X-HEARTH-* field codec. */
#include "model.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <stdio.h>

#include "../text.h"

/* Appends s with line breaks and tabs made spaces (one readable line). */
static void add_one_line(struct sbuf *b, const char *s)
{
	for (; s && *s; s++)
		sbuf_addc(b, (*s == '\n' || *s == '\r' || *s == '\t') ? ' ' : *s);
}

static void add_segment_line(struct sbuf *b, const struct segment *g,
			     int shift)
{
	if (g->timed) {
		int from = segment_minutes_shifted(g->from_min, shift, false);
		int to = segment_minutes_shifted(g->to_min, shift, true);
		char t[32];
		snprintf(t, sizeof t, "%02d:%02d–%02d:%02d ", from / 60 % 100,
			 from % 60, to / 60 % 100, to % 60);
		sbuf_add(b, t);
	}
	add_one_line(b, g->title);
	for (size_t i = 0; i < g->partners.n; i++) {
		/* A fixed ", " rather than the interface language's separator:
		   the import recognises these lines by writing them again. */
		sbuf_add(b, i ? ", " : " (");
		add_one_line(b, g->partners.v[i]);
	}
	if (g->partners.n)
		sbuf_addc(b, ')');
	if (!str_empty(g->venue)) {
		sbuf_add(b, " @ ");
		add_one_line(b, g->venue);
	}
	if (!str_empty(g->note)) {
		sbuf_add(b, ": ");
		add_one_line(b, g->note);
	}
}

/* The segment lines (times moved by shift minutes), or NULL without
 * segments. */
static char *segment_block(const struct series *s, int shift)
{
	struct sbuf b = { 0 };

	if (s->n_segments == 0)
		return NULL;
	for (size_t i = 0; i < s->n_segments; i++) {
		if (i)
			sbuf_addc(&b, '\n');
		add_segment_line(&b, &s->segments[i], shift);
	}
	return sbuf_take(&b);
}

char *ics_description(const struct series *s, const char *description)
{
	return ics_description_at(s, description, 0);
}

char *ics_description_at(const struct series *s, const char *description,
			 int shift)
{
	char *block = segment_block(s, shift);
	char *text;

	if (!block)
		return str_empty(description) ? NULL : xstrdup(description);
	if (str_empty(description))
		return block;
	text = xasprintf("%s\n\n%s", description, block);
	free(block);
	return text;
}

char *ics_description_strip(const char *text, const struct series *s)
{
	char *block = segment_block(s, 0);
	size_t n, m;
	char *out;

	if (!text)
		return NULL;
	if (!block)
		return xstrdup(text);
	n = strlen(text);
	m = strlen(block);
	if (!strcmp(text, block))
		out = NULL;
	else if (n > m + 2 && !strcmp(text + n - m, block) &&
		 !strncmp(text + n - m - 2, "\n\n", 2))
		out = xstrndup(text, n - m - 2);
	else
		out = xstrdup(text);
	free(block);
	return out;
}

/* The e-mail address inside contact, or NULL. */
static char *find_email(const char *contact)
{
	const char *at = strchr(contact, '@');
	const char *a, *b;

	if (!at)
		return NULL;
	for (a = at; a > contact && (isalnum((unsigned char)a[-1]) ||
				    strchr("._%+-", a[-1])); a--)
		;
	for (b = at + 1; *b && (isalnum((unsigned char)*b) || strchr(".-", *b));
	     b++)
		;
	if (a == at || b == at + 1 || !strchr(at, '.'))
		return NULL;
	return xstrndup(a, (size_t)(b - a));
}

/* True for text made of digits and phone punctuation, 5 digits or more. */
static bool is_phone(const char *contact)
{
	int digits = 0;

	for (const char *p = contact; *p; p++) {
		if (isdigit((unsigned char)*p))
			digits++;
		else if (!strchr(" -+()", *p))
			return false;
	}
	return digits >= 5;
}

char *ics_cal_address(const char *contact)
{
	char *email;
	struct sbuf b = { 0 };

	if (str_empty(contact))
		return NULL;
	if ((email = find_email(contact))) {
		char *addr = xasprintf("mailto:%s", email);
		free(email);
		return addr;
	}
	if (!is_phone(contact))
		return NULL;
	sbuf_add(&b, "tel:");
	for (const char *p = contact; *p; p++)
		if (*p != ' ' && *p != '(' && *p != ')')
			sbuf_addc(&b, *p);
	return sbuf_take(&b);
}

char *ics_contact_from_address(const char *address)
{
	if (!address || !strcmp(address, ICS_NO_ADDRESS))
		return NULL;
	if (!strncasecmp(address, "mailto:", 7))
		address += 7;
	else if (!strncasecmp(address, "tel:", 4))
		address += 4;
	return *address ? xstrdup(address) : NULL;
}

char *ics_extra_date_uid(const char *uid, const char *rid_text)
{
	return xasprintf("%s-rdate-%s", uid, rid_text);
}

/* What becomes of a code point in a file for phones. */
enum cp_fate { CP_KEEP, CP_BREAK, CP_REPLACE, CP_DROP };

static enum cp_fate cp_fate(uint32_t cp)
{
	if (cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029)
		return CP_BREAK;
	if (cp == '\t')
		return CP_KEEP;
	if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
		return CP_REPLACE;
	if (cp == 0x061c || cp == 0x200e || cp == 0x200f ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069))
		return CP_DROP;
	return CP_KEEP;
}

char *ics_text_for_phones(const char *s)
{
	struct sbuf b = { 0 };
	size_t n, i = 0;

	if (!s)
		return NULL;
	n = strlen(s);
	sbuf_add(&b, "");
	while (i < n) {
		uint32_t cp;
		size_t len = text_decode(s + i, n - i, &cp);
		if (len == 0) {
			sbuf_add(&b, "\xEF\xBF\xBD");
			i++;
			continue;
		}
		switch (cp_fate(cp)) {
		case CP_KEEP:
			sbuf_addn(&b, s + i, len);
			break;
		case CP_BREAK:
			/* CRLF is one break. */
			if (!(cp == '\n' && i > 0 && s[i - 1] == '\r'))
				sbuf_addc(&b, '\n');
			break;
		case CP_REPLACE:
			sbuf_add(&b, "\xEF\xBF\xBD");
			break;
		case CP_DROP:
			break;
		}
		i += len;
	}
	return sbuf_take(&b);
}

bool ics_text_is_clean(const char *s)
{
	size_t n, i = 0;

	if (!s)
		return true;
	n = strlen(s);
	while (i < n) {
		uint32_t cp;
		size_t len;
		/* ASCII first: most text is all ASCII, or all Chinese. */
		if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7f) {
			i++;
			continue;
		}
		if (!(len = text_decode(s + i, n - i, &cp)))
			return false;
		if (cp != '\n' && cp_fate(cp) != CP_KEEP)
			return false;
		i += len;
	}
	return true;
}

bool ics_extra_is_clean(const char *lines)
{
	size_t n = strlen(lines), i = 0;

	while (i < n) {
		uint32_t cp;
		size_t len = text_decode(lines + i, n - i, &cp);
		if (len == 0)
			return false;
		/* Content lines end in CRLF, and a fold is CRLF and a space. */
		if (cp == '\r' && lines[i + 1] == '\n') {
			i += 2;
			continue;
		}
		if (cp_fate(cp) != CP_KEEP)
			return false;
		i += len;
	}
	return true;
}

/*
 * The character at p (n bytes left): its length in *len, and whether
 * ics_xfield_add writes its bytes as %XX.
 */
static bool needs_percent(const char *p, size_t n, size_t *len)
{
	unsigned char c = (unsigned char)*p;
	uint32_t cp;

	*len = 1;
	if (c == '%' || c == ';' || c == ',' || c == '\\' || c < 0x20 ||
	    c == 0x7f)
		return true;
	if (c < 0x80)
		return false;
	if (!(*len = text_decode(p, n, &cp))) {
		*len = 1;
		return true;
	}
	return cp_fate(cp) != CP_KEEP;
}

void ics_xfield_add(struct sbuf *b, const char *field, bool first)
{
	static const char hex[] = "0123456789ABCDEF";
	const char *p = field ? field : "";
	size_t n = strlen(p), len;

	if (!first)
		sbuf_addc(b, ';');
	while (n > 0) {
		if (!needs_percent(p, n, &len)) {
			sbuf_addn(b, p, len);
		} else {
			for (size_t k = 0; k < len; k++) {
				unsigned char c = (unsigned char)p[k];
				char enc[3] = { '%', hex[c >> 4], hex[c & 15] };
				sbuf_addn(b, enc, 3);
			}
		}
		p += len;
		n -= len;
	}
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Decodes one field of n bytes; NULL when a %XX is broken or decodes NUL. */
static char *decode_field(const char *s, size_t n)
{
	struct sbuf b = { 0 };

	for (size_t i = 0; i < n; i++) {
		int hi, lo;
		if (s[i] != '%') {
			sbuf_addc(&b, s[i]);
			continue;
		}
		if (i + 2 >= n || (hi = hex_digit(s[i + 1])) < 0 ||
		    (lo = hex_digit(s[i + 2])) < 0 || (hi | lo) == 0) {
			sbuf_free(&b);
			return NULL;
		}
		sbuf_addc(&b, (char)(hi << 4 | lo));
		i += 2;
	}
	return sbuf_take(&b);
}

int ics_xfield_split(const char *value, char **fields, int max)
{
	int n = 0;
	const char *p = value ? value : "";

	for (;;) {
		size_t len = strcspn(p, ";");
		if (n == max || !(fields[n] = decode_field(p, len))) {
			while (n > 0)
				free(fields[--n]);
			return -1;
		}
		n++;
		if (p[len] == '\0')
			return n;
		p += len + 1;
	}
}
