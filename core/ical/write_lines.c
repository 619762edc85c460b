/* write_lines.c - iCalendar content lines: escaping, quoting and folding. */
#include "write_lines.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

void ics_fold(struct sbuf *out, const char *line, size_t len)
{
	size_t pos = 0, room = ICS_FOLD;

	while (len - pos > room) {
		size_t cut = pos + room;
		/* Back up to the first byte of a UTF-8 sequence. */
		while (cut > pos && ((unsigned char)line[cut] & 0xC0) == 0x80)
			cut--;
		if (cut == pos)
			cut = pos + room; /* not UTF-8: cut anyway, cannot happen */
		sbuf_addn(out, line + pos, cut - pos);
		sbuf_add(out, "\r\n ");
		pos = cut;
		room = ICS_FOLD - 1; /* the leading space counts */
	}
	sbuf_addn(out, line + pos, len - pos);
	sbuf_add(out, "\r\n");
}

void ics_begin(struct ics_line *l, struct sbuf *out, const char *name)
{
	l->out = out;
	l->start = out->len;
	sbuf_add(out, name);
}

void ics_param(struct ics_line *l, const char *name, const char *value)
{
	bool quote = strpbrk(value, ":;,") != NULL;
	char *clean;

	sbuf_addc(l->out, ';');
	sbuf_add(l->out, name);
	sbuf_addc(l->out, '=');
	if (quote)
		sbuf_addc(l->out, '"');
	clean = ics_text_for_phones(value);
	for (const char *p = clean; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '"' || c < 0x20)
			continue;
		sbuf_addc(l->out, (char)c);
	}
	free(clean);
	if (quote)
		sbuf_addc(l->out, '"');
}

/* Folds the line written since l->start (most need no fold at all). */
static void end_line(struct ics_line *l)
{
	struct sbuf *out = l->out;
	size_t n = out->len - l->start;
	char *copy;

	if (n <= ICS_FOLD) {
		sbuf_addn(out, "\r\n", 2);
		return;
	}
	copy = xstrndup(out->s + l->start, n);
	out->len = l->start;
	ics_fold(out, copy, n);
	free(copy);
}

void ics_raw(struct ics_line *l, const char *value)
{
	sbuf_addc(l->out, ':');
	sbuf_add(l->out, value);
	end_line(l);
}

/* Appends s, clean already, escaped. */
static void add_text(struct sbuf *b, const char *s)
{
	while (*s) {
		size_t run = strcspn(s, "\\;,\n\r");
		sbuf_addn(b, s, run);
		s += run;
		switch (*s) {
		case '\0': return;
		case '\\': sbuf_addn(b, "\\\\", 2); break;
		case ';': sbuf_addn(b, "\\;", 2); break;
		case ',': sbuf_addn(b, "\\,", 2); break;
		case '\n': sbuf_addn(b, "\\n", 2); break;
		default: /* CR: a line break of its own unless before LF */
			if (s[1] != '\n')
				sbuf_addn(b, "\\n", 2);
			break;
		}
		s++;
	}
}

/*
 * Appends s escaped as a TEXT value (RFC 5545 3.3.11), as a file for
 * phones gets it: no control or bidi characters (ics_text_for_phones).
 */
static void add_escaped(struct sbuf *b, const char *s)
{
	char *clean = NULL;

	if (!ics_text_is_clean(s))
		s = clean = ics_text_for_phones(s);
	add_text(b, s);
	free(clean);
}

void ics_text(struct ics_line *l, const char *value)
{
	sbuf_addc(l->out, ':');
	add_escaped(l->out, value ? value : "");
	end_line(l);
}

void ics_text_list(struct ics_line *l, const char *const *values, size_t n)
{
	sbuf_addc(l->out, ':');
	for (size_t i = 0; i < n; i++) {
		if (i)
			sbuf_addc(l->out, ',');
		add_escaped(l->out, values[i]);
	}
	end_line(l);
}

void ics_prop_raw(struct sbuf *out, const char *name, const char *value)
{
	struct ics_line l;

	ics_begin(&l, out, name);
	ics_raw(&l, value);
}

void ics_prop_text(struct sbuf *out, const char *name, const char *value)
{
	struct ics_line l;

	ics_begin(&l, out, name);
	ics_text(&l, value);
}

void ics_begin_comp(struct sbuf *out, const char *name)
{
	sbuf_add(out, "BEGIN:");
	sbuf_add(out, name);
	sbuf_add(out, "\r\n");
}

void ics_end_comp(struct sbuf *out, const char *name)
{
	sbuf_add(out, "END:");
	sbuf_add(out, name);
	sbuf_add(out, "\r\n");
}

void ics_format_time(const struct civil *c, bool date_only, bool utc,
		     char buf[CIVIL_BUFSZ])
{
	char *p = civil_put_digits(buf, c->year, 4);

	p = civil_put_digits(p, c->month, 2);
	p = civil_put_digits(p, c->day, 2);
	if (!date_only) {
		*p++ = 'T';
		p = civil_put_digits(p, c->hour, 2);
		p = civil_put_digits(p, c->min, 2);
		p = civil_put_digits(p, c->sec, 2);
		if (utc)
			*p++ = 'Z';
	}
	*p = '\0';
}

void ics_format_utc(int64_t utc, char buf[CIVIL_BUFSZ])
{
	struct civil c = civil_from_seconds(utc);
	ics_format_time(&c, false, true, buf);
}
