/* ics_model.c - the parts of the model mapping both directions share. */
#include "ics_model.h"

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

static void add_segment_line(struct sbuf *b, const struct segment *g)
{
	if (g->timed) {
		char t[32];
		snprintf(t, sizeof t, "%02d:%02d–%02d:%02d ", g->from_min / 60 % 100,
			 g->from_min % 60, g->to_min / 60 % 100, g->to_min % 60);
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

/* The segment lines, or NULL without segments. */
static char *segment_block(const struct series *s)
{
	struct sbuf b = { 0 };

	if (s->n_segments == 0)
		return NULL;
	for (size_t i = 0; i < s->n_segments; i++) {
		if (i)
			sbuf_addc(&b, '\n');
		add_segment_line(&b, &s->segments[i]);
	}
	return sbuf_take(&b);
}

char *ics_description(const struct series *s)
{
	char *block = segment_block(s);
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
	char *block = segment_block(s);
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
