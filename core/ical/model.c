/* model.c - the parts of the model mapping both directions share, and the
 * X-HEARTH-* field codec. */
#include "model.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <stdio.h>

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

char *ics_description(const struct series *s)
{
	return ics_description_at(s, 0);
}

char *ics_description_at(const struct series *s, int shift)
{
	char *block = segment_block(s, shift);
	char *text;

	if (!block)
		return str_empty(s->description) ? NULL : xstrdup(s->description);
	if (str_empty(s->description))
		return block;
	text = xasprintf("%s\n\n%s", s->description, block);
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

static bool needs_percent(unsigned char c)
{
	return c == '%' || c == ';' || c == ',' || c == '\\' || c < 0x20 ||
	       c == 0x7f;
}

void ics_xfield_add(struct sbuf *b, const char *field, bool first)
{
	static const char hex[] = "0123456789ABCDEF";
	const char *p = field ? field : "";

	if (!first)
		sbuf_addc(b, ';');
	while (*p) {
		const char *run = p;
		while (*p && !needs_percent((unsigned char)*p))
			p++;
		sbuf_addn(b, run, (size_t)(p - run));
		if (*p) {
			unsigned char c = (unsigned char)*p++;
			char enc[3] = { '%', hex[c >> 4], hex[c & 15] };
			sbuf_addn(b, enc, 3);
		}
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
