/* qr_event.c - one occurrence as the VEVENT text phones' scanners read. */
#include "qr.h"

#include <stdlib.h>
#include <string.h>

#include "../text.h"

/*
 * Appends "NAME:value" with value escaped as iCalendar TEXT (backslash,
 * semicolon, comma, line break), unfolded: ZXing reads a line to its end.
 */
static void text_line(struct sbuf *b, const char *name, const char *value)
{
	sbuf_addf(b, "%s:", name);
	for (const char *p = value; *p; p++) {
		if (*p == '\n')
			sbuf_add(b, "\\n");
		else if (*p == '\\' || *p == ';' || *p == ',') {
			sbuf_addc(b, '\\');
			sbuf_addc(b, *p);
		} else {
			sbuf_addc(b, *p);
		}
	}
	sbuf_add(b, "\r\n");
}

static void time_line(struct sbuf *b, const char *name, const struct qr_event *e,
		      int64_t t, const struct civil *day)
{
	if (e->all_day) {
		sbuf_addf(b, "%s;VALUE=DATE:%04d%02d%02d\r\n", name, day->year,
			  day->month, day->day);
	} else {
		struct civil c = civil_from_seconds(t);
		sbuf_addf(b, "%s:%04d%02d%02dT%02d%02d%02dZ\r\n", name, c.year,
			  c.month, c.day, c.hour, c.min, c.sec);
	}
}

/* The bytes of s up to at most max, cut at a character, "…" marking a cut. */
static char *shorten(const char *s, size_t max)
{
	static const char ellipsis[] = "…";
	size_t n = strlen(s), keep = 0;

	if (n <= max)
		return xstrdup(s);
	if (max < sizeof ellipsis - 1)
		return xstrdup("");
	while (keep < n) {
		uint32_t cp;
		size_t len = text_decode(s + keep, n - keep, &cp);
		if (len == 0)
			len = 1;
		if (keep + len > max - (sizeof ellipsis - 1))
			break;
		keep += len;
	}
	return xasprintf("%.*s%s", (int)keep, s, ellipsis);
}

/* The texts an event's fields are written with, cleaned for phones. */
struct fields {
	char *title, *location, *description;
};

/* The text with every field as it is now. */
static char *build(const struct qr_event *e, const struct fields *f)
{
	struct sbuf b = { 0 };

	sbuf_add(&b, "BEGIN:VEVENT\r\n");
	text_line(&b, "SUMMARY", f->title);
	time_line(&b, "DTSTART", e, e->start, &e->first_day);
	time_line(&b, "DTEND", e, e->end, &e->end_day);
	if (*f->location)
		text_line(&b, "LOCATION", f->location);
	if (*f->description)
		text_line(&b, "DESCRIPTION", f->description);
	sbuf_add(&b, "END:VEVENT\r\n");
	return sbuf_take(&b);
}

/*
 * Cuts *field (one of f's) by what *text is over max, and rebuilds the
 * text, until it fits or the field is empty. Escapes make a cut worth at
 * least its bytes, so each round gets closer.
 */
static void fit_field(char **text, char **field, size_t max,
		      const struct qr_event *e, const struct fields *f)
{
	size_t len = strlen(*text);

	while (len > max && **field) {
		size_t have = strlen(*field), over = len - max;
		char *cut = shorten(*field, have > over ? have - over : 0);
		free(*field);
		*field = cut;
		free(*text);
		*text = build(e, f);
		len = strlen(*text);
	}
}

char *qr_event_text(const struct qr_event *e, size_t max)
{
	struct fields f = {
		text_clean(e->title ? e->title : "", false),
		text_clean(e->location ? e->location : "", false),
		text_clean(e->description ? e->description : "", true),
	};
	char *text = build(e, &f);

	/* What matters least goes first. */
	fit_field(&text, &f.description, max, e, &f);
	fit_field(&text, &f.location, max, e, &f);
	fit_field(&text, &f.title, max, e, &f);
	free(f.title);
	free(f.location);
	free(f.description);
	return text;
}
