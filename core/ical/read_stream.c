/* read_stream.c - bounded, line-numbered, one-component-at-a-time reading. */
#include "read_stream.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../i18n.h"
#include "../text.h"

/* Most bytes one top-level component may hold. */
#define ICS_MAX_COMP_BYTES (4 * 1024 * 1024)

struct ics_reader {
	FILE *in;
	ics_note_fn note;
	void *ctx;
	/* Input buffer. */
	char buf[65536];
	size_t pos, len;
	bool eof, read_error;
	/* The physical line read ahead (for unfolding). */
	struct sbuf phys;
	long phys_no, lines_read;
	bool have_phys, phys_long, phys_nul;
	/* The logical line being handed on. */
	struct sbuf logical;
	long logical_no;
	/* Nesting: names of the open components, depth 1 = VCALENDAR. */
	int depth, extra;
	char names[ICS_MAX_DEPTH + 1][32];
	icalcomponent *stack[ICS_MAX_DEPTH + 1];
	long sub_line[ICS_MAX_DEPTH + 1]; /* line of each one's BEGIN */
	bool implicit;           /* components came without BEGIN:VCALENDAR */
	bool skipping;           /* top-level component not kept */
	bool broken;             /* top-level component to be dropped */
	size_t comp_bytes, comp_subs;
	struct ics_comp cur;
	icalparser *pp;
	char *calendar_zone;
	bool junk_reported;
	long dropped;            /* components skipped for a problem */
	unsigned skipped_kinds;  /* kinds already reported as skipped */
	/* Content lines of the innermost open component not parsed yet
	 * (flush_lines), each ended by its NUL in batch. */
	struct sbuf batch;
	struct batch_line {
		size_t at, name;      /* offsets of the line and its name */
		long no;
	} *blines;
	size_t n_blines, cap_blines;
	char last_name[64];      /* of the last line in batch */
	bool flushing;
};

struct ics_reader *ics_reader_new(FILE *in, ics_note_fn note, void *ctx)
{
	struct ics_reader *r = xcalloc(1, sizeof *r);

	r->in = in;
	r->note = note;
	r->ctx = ctx;
	r->pp = icalparser_new();
	return r;
}

static void flush_lines(struct ics_reader *r);

void ics_comp_free(struct ics_comp *c)
{
	if (c->comp)
		icalcomponent_free(c->comp);
	free(c->lines);
	memset(c, 0, sizeof *c);
}

static void drop_stack(struct ics_reader *r)
{
	r->n_blines = 0;
	r->batch.len = 0;
	/* Subcomponents still open are not yet attached to their parents. */
	for (int d = 3; d <= r->depth && d <= ICS_MAX_DEPTH; d++)
		if (r->stack[d]) {
			icalcomponent_free(r->stack[d]);
			r->stack[d] = NULL;
		}
	r->stack[2] = NULL;
	ics_comp_free(&r->cur);
}

void ics_reader_free(struct ics_reader **pr)
{
	struct ics_reader *r = *pr;

	if (!r)
		return;
	drop_stack(r);
	sbuf_free(&r->phys);
	sbuf_free(&r->logical);
	sbuf_free(&r->batch);
	free(r->blines);
	icalparser_free(r->pp);
	free(r->calendar_zone);
	free(r);
	*pr = NULL;
}

const char *ics_reader_calendar_zone(const struct ics_reader *r)
{
	return r->calendar_zone;
}

long ics_reader_dropped(const struct ics_reader *r)
{
	return r->dropped;
}

void ics_vnotef(ics_note_fn note, void *ctx, long line, const char *fmt,
		va_list ap)
{
	char msg[600];

	if (!note)
		return;
	vsnprintf(msg, sizeof msg, fmt, ap);
	note(ctx, line, msg);
}

static void notef(struct ics_reader *r, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void notef(struct ics_reader *r, long line, const char *fmt, ...)
{
	va_list ap;

	/* Messages keep the order of the lines: those still waiting to be
	 * parsed say theirs first. */
	flush_lines(r);
	va_start(ap, fmt);
	ics_vnotef(r->note, r->ctx, line, fmt, ap);
	va_end(ap);
}

/* Refills the input buffer; false at the end or on an error. */
static bool fill(struct ics_reader *r)
{
	if (r->eof)
		return false;
	r->len = fread(r->buf, 1, sizeof r->buf, r->in);
	r->pos = 0;
	if (r->len == 0) {
		r->eof = true;
		r->read_error = ferror(r->in) != 0;
		return false;
	}
	return true;
}

/*
 * Reads the next physical line into r->phys (line end removed), keeping at
 * most ICS_MAX_LINE + 1 bytes of it. False at the end of the input.
 */
static bool read_phys(struct ics_reader *r)
{
	bool any = false;

	r->phys.len = 0;
	sbuf_add(&r->phys, "");
	r->phys_long = r->phys_nul = false;
	for (;;) {
		char *nl;
		size_t n;
		if (r->pos == r->len && !fill(r))
			break;
		any = true;
		nl = memchr(r->buf + r->pos, '\n', r->len - r->pos);
		n = (nl ? (size_t)(nl - r->buf) : r->len) - r->pos;
		if (memchr(r->buf + r->pos, '\0', n))
			r->phys_nul = true;
		if (r->phys.len + n > ICS_MAX_LINE) {
			r->phys_long = true;
			if (r->phys.len <= ICS_MAX_LINE)
				sbuf_addn(&r->phys, r->buf + r->pos,
					  ICS_MAX_LINE + 1 - r->phys.len);
		} else {
			sbuf_addn(&r->phys, r->buf + r->pos, n);
		}
		r->pos += n + (nl != NULL);
		if (nl)
			break;
	}
	if (!any)
		return false;
	if (r->phys.len && r->phys.s[r->phys.len - 1] == '\r')
		r->phys.s[--r->phys.len] = '\0';
	r->phys_no = ++r->lines_read;
	if (r->phys_no == 1 && !strncmp(r->phys.s, "\xEF\xBB\xBF", 3)) {
		memmove(r->phys.s, r->phys.s + 3, r->phys.len - 2);
		r->phys.len -= 3;
	}
	return true;
}

static void line_name(const char *line, char buf[64]);
static const char *value_of(const char *line);

/* Appends the physical lines that continue the logical one (starting with
 * a space or tab), leaving the next one read ahead. */
static void continuations(struct ics_reader *r, bool *too_long, bool *nul)
{
	while (read_phys(r)) {
		/* Blank lines carry nothing, and Mozilla Calendar wrote a
		 * blank line before each fold ("SUMMARY", "", " :Christmas"). */
		if (r->phys.len == 0)
			continue;
		if (r->phys.s[0] != ' ' && r->phys.s[0] != '\t') {
			r->have_phys = true;
			return;
		}
		*too_long = *too_long || r->phys_long ||
			    r->logical.len + r->phys.len - 1 > ICS_MAX_LINE;
		*nul = *nul || r->phys_nul;
		if (!*too_long)
			sbuf_addn(&r->logical, r->phys.s + 1, r->phys.len - 1);
	}
}

/*
 * True when the line read ahead continues the logical line although it
 * does not start with a space: the logical line has no value yet and the
 * next one is no content line of its own. Exporters that fold without the
 * space write that (Confluence: "ORGANIZER;CN=Paul Ado" then "l Latham;
 * CUTYPE=INDIVIDUAL:mailto:..."); joined, the property can be read.
 */
static bool fold_without_space(struct ics_reader *r)
{
	char name[64];

	if (!r->have_phys || r->phys.len == 0 || value_of(r->logical.s))
		return false;
	line_name(r->phys.s, name);
	return !*name;
}

/*
 * The next logical line in r->logical: a physical line with the lines that
 * continue it (starting with a space or tab) appended. Returns false at the
 * end; *problem gets a message for a line that cannot be used.
 */
static bool next_logical(struct ics_reader *r, const char **problem)
{
	bool too_long, nul;

	if (!r->have_phys && !read_phys(r))
		return false;
	r->have_phys = false;
	r->logical.len = 0;
	sbuf_addn(&r->logical, r->phys.s, r->phys.len);
	r->logical_no = r->phys_no;
	too_long = r->phys_long;
	nul = r->phys_nul;
	continuations(r, &too_long, &nul);
	while (!too_long && !nul && fold_without_space(r)) {
		/* TRANSLATORS: keep "note: " (notes are not problems). */
		notef(r, r->phys_no, _("note: this line does not start a "
		      "property; read as the rest of line %ld (folded without "
		      "its leading space)"), r->logical_no);
		r->have_phys = false;
		too_long = r->phys_long ||
			   r->logical.len + r->phys.len > ICS_MAX_LINE;
		nul = r->phys_nul;
		if (!too_long)
			sbuf_addn(&r->logical, r->phys.s, r->phys.len);
		continuations(r, &too_long, &nul);
	}
	*problem = NULL;
	if (too_long)
		*problem = N_("line longer than 256 KiB");
	else if (nul)
		*problem = N_("line holds a NUL byte");
	else if (!text_valid_utf8(r->logical.s, NULL))
		*problem = N_("line is not valid UTF-8");
	return true;
}

/*
 * The name of a content line, upper-cased, in buf: "" when it has none or
 * one that is not letters, digits and '-' (RFC 5545 3.1), which is never
 * handed to libical.
 */
static void line_name(const char *line, char buf[64])
{
	size_t n = strcspn(line, ";:");

	if (n >= 64 || line[n] == '\0')
		n = 0;
	for (size_t i = 0; i < n; i++) {
		char c = line[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		      (c >= '0' && c <= '9') || c == '-')) {
			n = 0;
			break;
		}
		buf[i] = (char)(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
	}
	buf[n] = '\0';
}

/* The value of a BEGIN/END line, upper-cased and trimmed. */
static void comp_name(const char *line, char buf[32])
{
	const char *v = strchr(line, ':');
	size_t n = 0;

	buf[0] = '\0';
	if (!v)
		return;
	for (v++; *v == ' ' || *v == '\t'; v++)
		;
	for (; v[n] && v[n] != ' ' && v[n] != '\t' && n < 31; n++)
		buf[n] = (char)((v[n] >= 'a' && v[n] <= 'z') ? v[n] - 'a' + 'A'
							       : v[n]);
	buf[n] = '\0';
}

/* What losing a property costs. */
enum loss {
	LOSS_PROPERTY,           /* the property alone: noted, dropped */
	LOSS_ALARM,              /* the VALARM it is in: noted, dropped */
	LOSS_COMPONENT,          /* the component: reported, skipped */
};

static bool in_list(const char *name, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(name, names[i]))
			return true;
	return false;
}

/*
 * What a property that cannot be read costs where it is. An event is an
 * event as long as it has a start it can be placed by (DTSTART, and for a
 * changed occurrence the RECURRENCE-ID it changes): anything else broken
 * is dropped and the event kept (issue 11). A reminder without its TRIGGER
 * is no reminder; a zone without its offsets or their start is no zone.
 */
static enum loss loss_of(const struct ics_reader *r, const char *name)
{
	static const char *const event[] = { "DTSTART", "RECURRENCE-ID" };
	static const char *const zone[] = {
		"TZID", "DTSTART", "TZOFFSETFROM", "TZOFFSETTO", "RRULE",
		"RDATE",
	};

	if (r->depth >= 3 && !strcmp(r->names[r->depth], "VALARM"))
		return LOSS_ALARM;
	if (!strcmp(r->names[2], "VTIMEZONE"))
		return in_list(name, zone, sizeof zone / sizeof *zone)
			? LOSS_COMPONENT : LOSS_PROPERTY;
	if (r->depth == 2)
		return in_list(name, event, sizeof event / sizeof *event)
			? LOSS_COMPONENT : LOSS_PROPERTY;
	return LOSS_PROPERTY;
}

/* Properties whose value may be empty without losing anything but the
 * property (an empty SUMMARY or LOCATION is as good as none). */
static bool empty_is_absent(const char *name)
{
	static const char *const meaningful[] = {
		"DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE",
		"RECURRENCE-ID", "SEQUENCE", "STATUS", "TRIGGER", "TZID",
		"TZOFFSETFROM", "TZOFFSETTO",
	};

	return !in_list(name, meaningful, sizeof meaningful / sizeof *meaningful);
}

/* Where the value of a content line starts (after the first ':' outside
 * a quoted parameter value), or NULL when it has none. */
static const char *value_of(const char *line)
{
	bool quoted = false;

	for (const char *p = line; *p; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (*p == ':' && !quoted)
			return p + 1;
	}
	return NULL;
}

static bool top_level_kind(const char *name)
{
	return !strcmp(name, "VEVENT") || !strcmp(name, "VTODO") ||
	       !strcmp(name, "VJOURNAL") || !strcmp(name, "VFREEBUSY") ||
	       !strcmp(name, "VTIMEZONE") || !strcmp(name, "VAVAILABILITY");
}

static void record_line(struct ics_comp *c, icalproperty *p, long line)
{
	c->lines = xgrow(c->lines, &c->cap_lines, c->n_lines + 1,
			 sizeof *c->lines);
	c->lines[c->n_lines].prop = p;
	c->lines[c->n_lines++].line = line;
}

/* Marks the current top-level component as dropped. */
static void breaks(struct ics_reader *r)
{
	if (r->depth >= 2 && !r->skipping)
		r->broken = true;
}

/* Drops the VALARM being read (the rest of it is skipped), saying why. */
static void drop_alarm(struct ics_reader *r, const char *name, const char *why)
{
	if (r->stack[r->depth]) {
		icalcomponent_free(r->stack[r->depth]);
		r->stack[r->depth] = NULL;
		/* TRANSLATORS: keep "note: " (notes are not problems); %ld is
		   the line of the VALARM's BEGIN. */
		notef(r, r->logical_no, _("note: %s: %s; the VALARM of line %ld "
		      "is dropped, the event is kept"), name, why,
		      r->sub_line[r->depth]);
	}
}

/*
 * A line that cannot be used (why says what is wrong with it): dropped,
 * or with it what it belongs to when that cannot do without it.
 */
static void unusable(struct ics_reader *r, const char *name, const char *why)
{
	switch (*name ? loss_of(r, name) : LOSS_PROPERTY) {
	case LOSS_COMPONENT:
		/* finish_top then says that the component is skipped. */
		notef(r, r->logical_no, "%s: %s", name, why);
		breaks(r);
		break;
	case LOSS_ALARM:
		drop_alarm(r, *name ? name : "VALARM", why);
		break;
	case LOSS_PROPERTY:
		if (*name)
			/* TRANSLATORS: keep "note: " (notes are not problems). */
			notef(r, r->logical_no, _("note: %s: %s; dropped"), name,
			      why);
		else
			/* TRANSLATORS: keep "note: " (notes are not problems). */
			notef(r, r->logical_no, _("note: %s; line dropped"), why);
		break;
	}
}

/*
 * A property name libical does not know and that is not an X- name
 * ("SUBCALENDAR-NAME", "EVENT-ID" from Confluence): RFC 5545 keeps such
 * IANA names for later use, so the line is read as an X- property and
 * given its name back, to be written back as it came.
 */
static icalproperty *unknown_name(struct ics_reader *r, const char *name)
{
	static char begin[] = "BEGIN:VEVENT", end[] = "END:VEVENT";
	char *line = xasprintf("X-%s", r->logical.s);
	icalcomponent *w;
	icalproperty *p = NULL;

	icalparser_add_line(r->pp, begin);
	w = icalparser_add_line(r->pp, line);
	w = w ? (icalcomponent_free(w), NULL) : icalparser_add_line(r->pp, end);
	free(line);
	if (!w) {
		icalparser_free(r->pp);
		r->pp = icalparser_new();
		return NULL;
	}
	for (icalproperty *q = icalcomponent_get_first_property(
		     w, ICAL_ANY_PROPERTY); q;
	     q = icalcomponent_get_next_property(w, ICAL_ANY_PROPERTY))
		if (icalproperty_isa(q) == ICAL_X_PROPERTY) {
			p = q;
			break;
		}
	if (p) {
		icalcomponent_remove_property(w, p);
		icalproperty_set_x_name(p, name);
	}
	icalcomponent_free(w);
	return p;
}

/*
 * The TEXT value of a content line as RFC 5545 3.3.11 reads it (escapes
 * undone), or NULL when the line has no value.
 */
static char *raw_text(const char *line)
{
	const char *v = value_of(line);
	struct sbuf b = { 0 };

	if (!v)
		return NULL;
	sbuf_add(&b, "");
	for (; *v; v++) {
		if (*v == '\\' && v[1]) {
			v++;
			sbuf_addc(&b, *v == 'n' || *v == 'N' ? '\n' : *v);
		} else {
			sbuf_addc(&b, *v);
		}
	}
	return sbuf_take(&b);
}

/*
 * libical strips the spaces at both ends of every value; RFC 5545 keeps
 * them, and so do other readers ("Germany: Epiphany " is the title). For
 * the texts hearth keeps, the value is taken back as written when that is
 * all that differs.
 */
static void exact_text(const char *line, const char *name, icalproperty *p)
{
	static const char *const texts[] = {
		"SUMMARY", "DESCRIPTION", "LOCATION", "CONTACT", "COMMENT",
	};
	icalvalue *v = icalproperty_get_value(p);
	const char *got, *written = value_of(line);
	char *raw;
	size_t lead, n = written ? strlen(written) : 0;

	/* Nothing to take back from a value that neither begins nor ends with
	 * a space or tab (nor an escape that could make one). */
	if (n == 0 || (written[0] != ' ' && written[0] != '\t' &&
		       written[0] != '\\' && written[n - 1] != ' ' &&
		       written[n - 1] != '\t'))
		return;
	if (!v || icalvalue_isa(v) != ICAL_TEXT_VALUE ||
	    !in_list(name, texts, sizeof texts / sizeof *texts) ||
	    !(got = icalvalue_get_text(v)) || !(raw = raw_text(line)))
		return;
	lead = strspn(raw, " \t");
	n = strlen(got);
	if (strcmp(raw, got) && !strncmp(raw + lead, got, n) &&
	    raw[lead + n + strspn(raw + lead + n, " \t")] == '\0')
		icalvalue_set_text(v, raw);
	free(raw);
}

/* Adds p to target, remembering its line. */
static void keep_property(struct ics_reader *r, icalcomponent *target,
			  icalproperty *p)
{
	if (!target) {
		icalproperty_free(p);
		return;
	}
	icalcomponent_add_property(target, p);
	if (r->cur.n_lines < ICS_MAX_PROPS)
		record_line(&r->cur, p, r->logical_no);
	else if (!r->broken) {
		notef(r, r->logical_no, _("more than %d properties in one "
		      "component"), ICS_MAX_PROPS);
		breaks(r);
	}
}

/*
 * Parses one content line with libical inside a wrapper component and
 * moves its properties to target. A value or parameter libical cannot
 * read is reported at this line and costs what loss_of says.
 */
static void parse_property(struct ics_reader *r, icalcomponent *target,
			   const char *name)
{
	static char begin[] = "BEGIN:VEVENT", end[] = "END:VEVENT";
	const char *value = value_of(r->logical.s);
	char why[300] = "";
	bool kept = false;
	icalcomponent *w;
	icalproperty *p;

	if (value && !*value && empty_is_absent(name))
		return; /* "LOCATION:" is no location */
	icalparser_add_line(r->pp, begin);
	w = icalparser_add_line(r->pp, r->logical.s);
	if (!w)
		w = icalparser_add_line(r->pp, end);
	else
		w = (icalcomponent_free(w), NULL); /* the line ended the wrapper */
	if (!w) {
		/* Start again with a parser that has nothing open. */
		icalparser_free(r->pp);
		r->pp = icalparser_new();
		unusable(r, name, _("cannot be read"));
		return;
	}
	while ((p = icalcomponent_get_first_property(w, ICAL_ANY_PROPERTY))) {
		icalcomponent_remove_property(w, p);
		if (icalproperty_isa(p) == ICAL_XLICERROR_PROPERTY) {
			const char *msg = icalproperty_get_xlicerror(p);
			if (!why[0])
				snprintf(why, sizeof why, "%s",
					 msg ? msg : _("cannot be read"));
			icalproperty_free(p);
			continue;
		}
		if (!kept && !icalcomponent_get_first_property(
				     w, ICAL_ANY_PROPERTY))
			exact_text(r->logical.s, name, p);
		keep_property(r, target, p);
		kept = true;
	}
	icalcomponent_free(w);
	if (!why[0])
		return;
	if (!kept && strstr(why, "Parse error in property name") &&
	    (p = unknown_name(r, name))) {
		keep_property(r, target, p);
		return;
	}
	if (kept)
		/* TRANSLATORS: keep "note: " (notes are not problems). */
		notef(r, r->logical_no, _("note: %s: %s; the rest of the line "
		      "is kept"), name, why);
	else if (value && !*value)
		unusable(r, name, _("no value"));
	else
		unusable(r, name, why);
}

/* Whether p is a property named name (upper-cased, as line_name gives). */
static bool named(icalproperty *p, const char *name)
{
	/* libical finds a kind's name by a walk through all of them. */
	static const char *names[ICAL_NO_PROPERTY + 1];
	icalproperty_kind kind = icalproperty_isa(p);
	const char *s;

	if (kind == ICAL_X_PROPERTY)
		s = icalproperty_get_x_name(p);
	else if (kind >= 0 && kind <= ICAL_NO_PROPERTY)
		s = names[kind] ? names[kind]
				: (names[kind] = icalproperty_kind_to_string(kind));
	else
		s = icalproperty_kind_to_string(kind);
	return s && !strcasecmp(s, name);
}

static const char *batch_line(const struct ics_reader *r, size_t i)
{
	return r->batch.s + r->blines[i].at;
}

static const char *batch_name(const struct ics_reader *r, size_t i)
{
	return r->batch.s + r->blines[i].name;
}

/*
 * The waiting lines parsed by libical in one wrapper, each property kept
 * with its line as parse_property keeps it. False (nothing kept) when
 * that cannot tell which line gave which property as parse_property
 * would: a line libical reports a problem in (X-LIC-ERROR), gives nothing
 * for, or gives a property of another name. One wrapper for a component's
 * lines instead of one per line: the wrappers were a fifth of reading a
 * calendar (make bench-ical).
 */
static bool parse_batch(struct ics_reader *r)
{
	static char begin[] = "BEGIN:VEVENT", end[] = "END:VEVENT";
	icalcomponent *target = r->stack[r->depth], *w;
	icalproperty *p;

	if (r->skipping || r->broken || r->extra || !target)
		return false;
	icalparser_add_line(r->pp, begin);
	for (size_t i = 0; i < r->n_blines; i++)
		if ((w = icalparser_add_line(r->pp, (char *)batch_line(r, i)))) {
			/* A line ended the wrapper: start again, line by line. */
			icalcomponent_free(w);
			icalparser_free(r->pp);
			r->pp = icalparser_new();
			return false;
		}
	if (!(w = icalparser_add_line(r->pp, end))) {
		icalparser_free(r->pp);
		r->pp = icalparser_new();
		return false;
	}
	/* Consecutive lines have different names (batch_add): each line's
	 * properties are the run of its name. */
	p = icalcomponent_get_first_property(w, ICAL_ANY_PROPERTY);
	for (size_t i = 0; i < r->n_blines; i++) {
		const char *name = batch_name(r, i);
		if (!p || !named(p, name)) {
			icalcomponent_free(w);
			return false;
		}
		while (p && named(p, name))
			p = icalcomponent_get_next_property(w, ICAL_ANY_PROPERTY);
	}
	if (p) {
		icalcomponent_free(w);
		return false;
	}
	for (size_t i = 0; i < r->n_blines && !r->broken; i++) {
		const char *name = batch_name(r, i);
		bool first = true;
		r->logical_no = r->blines[i].no;
		while ((p = icalcomponent_get_first_property(w, ICAL_ANY_PROPERTY)) &&
		       named(p, name)) {
			icalproperty *next;
			icalcomponent_remove_property(w, p);
			next = icalcomponent_get_first_property(w, ICAL_ANY_PROPERTY);
			if (first && !(next && named(next, name)))
				exact_text(batch_line(r, i), name, p);
			keep_property(r, target, p);
			first = false;
		}
	}
	icalcomponent_free(w);
	return true;
}

/* Parses the lines waiting in the batch (batch_add), in their order. */
static void flush_lines(struct ics_reader *r)
{
	struct sbuf line = r->logical;
	long line_no = r->logical_no;

	if (r->n_blines == 0 || r->flushing)
		return;
	r->flushing = true;
	if (!parse_batch(r)) {
		/* Line by line, as each came: one that cannot be read is
		 * reported at its own line and costs what loss_of says. */
		for (size_t i = 0; i < r->n_blines; i++) {
			char name[64];
			if (r->skipping || r->broken || r->extra ||
			    !r->stack[r->depth])
				continue;
			r->logical.s = (char *)batch_line(r, i);
			r->logical.len = strlen(r->logical.s);
			r->logical_no = r->blines[i].no;
			line_name(r->logical.s, name);
			parse_property(r, r->stack[r->depth], name);
		}
	}
	r->logical = line;
	r->logical_no = line_no;
	r->n_blines = 0;
	r->batch.len = 0;
	r->flushing = false;
}

/*
 * Keeps the content line being read for flush_lines, which parses the
 * lines of a component together. A line named as the one before it goes
 * into the next batch, so that each line's properties can be told apart.
 */
static void batch_add(struct ics_reader *r, const char *name)
{
	const char *value = value_of(r->logical.s);

	if (value && !*value && empty_is_absent(name))
		return; /* "LOCATION:" is no location (parse_property) */
	if (r->n_blines && !strcmp(r->last_name, name))
		flush_lines(r);
	r->blines = xgrow(r->blines, &r->cap_blines, r->n_blines + 1,
			  sizeof *r->blines);
	r->blines[r->n_blines].at = r->batch.len;
	sbuf_addn(&r->batch, r->logical.s, r->logical.len);
	sbuf_addn(&r->batch, "", 1);
	r->blines[r->n_blines].name = r->batch.len;
	sbuf_addn(&r->batch, name, strlen(name) + 1);
	r->blines[r->n_blines++].no = r->logical_no;
	snprintf(r->last_name, sizeof r->last_name, "%s", name);
}

/* A calendar-level property: only X-WR-TIMEZONE matters. */
static void calendar_property(struct ics_reader *r, const char *name)
{
	icalcomponent *tmp;
	icalproperty *p;

	if (strcmp(name, "X-WR-TIMEZONE"))
		return;
	tmp = icalcomponent_new(ICAL_VEVENT_COMPONENT);
	parse_property(r, tmp, name);
	p = icalcomponent_get_first_property(tmp, ICAL_X_PROPERTY);
	if (p && icalproperty_get_x(p)) {
		free(r->calendar_zone);
		r->calendar_zone = xstrdup(icalproperty_get_x(p));
	}
	icalcomponent_free(tmp);
	ics_comp_free(&r->cur); /* lines recorded for tmp */
}

static void start_top(struct ics_reader *r, const char *name)
{
	icalcomponent_kind kind = icalcomponent_string_to_kind(name);

	r->depth = 2;
	r->extra = 0;
	snprintf(r->names[2], sizeof r->names[2], "%s", name);
	r->broken = false;
	r->comp_bytes = r->comp_subs = 0;
	ics_comp_free(&r->cur);
	r->skipping = strcmp(name, "VEVENT") && strcmp(name, "VTIMEZONE");
	if (r->skipping) {
		unsigned bit = !strcmp(name, "VTODO") ? 1u
			     : !strcmp(name, "VJOURNAL") ? 2u : 4u;
		if (!(r->skipped_kinds & bit) && r->note)
			r->note(r->ctx, r->logical_no,
				/* TRANSLATORS: keep "note: " as it is (hearth
				   tells notes from problems by it). */
				_("note: hearth keeps events only; skipping "
				  "this and any other such component"));
		r->skipped_kinds |= bit;
		r->stack[2] = NULL;
		return;
	}
	r->cur.comp = icalcomponent_new(kind);
	r->cur.line = r->logical_no;
	r->stack[2] = r->cur.comp;
}

/* Opens a component inside the top-level one. */
static void start_sub(struct ics_reader *r, const char *name)
{
	icalcomponent_kind kind = icalcomponent_string_to_kind(name);
	icalcomponent *parent = r->stack[r->depth];
	bool keep;

	if (r->depth >= ICS_MAX_DEPTH) {
		if (r->extra++ == 0 && !r->skipping) {
			notef(r, r->logical_no, _("components nested too deeply"));
			breaks(r);
		}
		return;
	}
	keep = parent && !r->broken && !r->skipping &&
	       ((kind == ICAL_VALARM_COMPONENT &&
		 icalcomponent_isa(parent) == ICAL_VEVENT_COMPONENT) ||
		((kind == ICAL_XSTANDARD_COMPONENT ||
		  kind == ICAL_XDAYLIGHT_COMPONENT) &&
		 icalcomponent_isa(parent) == ICAL_VTIMEZONE_COMPONENT));
	if (keep && ++r->comp_subs > ICS_MAX_SUBCOMPS) {
		notef(r, r->logical_no, _("more than %d components inside one"),
		      ICS_MAX_SUBCOMPS);
		breaks(r);
		keep = false;
	}
	r->depth++;
	snprintf(r->names[r->depth], sizeof r->names[r->depth], "%s", name);
	r->stack[r->depth] = keep ? icalcomponent_new(kind) : NULL;
	r->sub_line[r->depth] = r->logical_no;
}

/* Closes the innermost open component; true when a top-level one ended. */
static bool close_one(struct ics_reader *r)
{
	icalcomponent *c = r->stack[r->depth];

	r->stack[r->depth] = NULL;
	r->depth--;
	if (r->depth == 1)
		return true;
	if (c && r->stack[r->depth])
		icalcomponent_add_component(r->stack[r->depth], c);
	else if (c)
		icalcomponent_free(c);
	return false;
}

/*
 * Handles END:name inside a component; returns true when the top-level
 * component ended.
 */
static bool end_line(struct ics_reader *r, const char *name)
{
	int d;

	if (r->extra > 0) {
		r->extra--;
		return false;
	}
	for (d = r->depth; d >= 2; d--)
		if (!strcmp(r->names[d], name))
			break;
	if (d < 2) {
		if (!r->skipping) {
			notef(r, r->logical_no, _("END:%s without its BEGIN"), name);
			breaks(r);
		}
		return false;
	}
	if (d != r->depth && !r->skipping) {
		notef(r, r->logical_no, _("END:%s is missing before this line"),
		      r->names[r->depth]);
		breaks(r);
	}
	while (r->depth > d)
		close_one(r);
	return close_one(r);
}

/* A component that ended: hands it out unless it was broken or skipped. */
static int finish_top(struct ics_reader *r, struct ics_comp *out)
{
	if (r->skipping || r->broken || !r->cur.comp) {
		if (r->broken && !r->skipping) {
			notef(r, r->cur.line, _("%s starting here skipped"),
			      r->names[2]);
			r->dropped++;
		}
		ics_comp_free(&r->cur);
		return 0;
	}
	*out = r->cur;
	memset(&r->cur, 0, sizeof r->cur);
	return 1;
}

/* Drops an unfinished top-level component (missing END). */
static void abandon(struct ics_reader *r, long line)
{
	if (!r->skipping) {
		notef(r, line, _("END:%s is missing before this line; %s "
		      "starting at line %ld skipped"), r->names[2], r->names[2],
		      r->cur.line);
		r->dropped++;
	}
	drop_stack(r);
	r->depth = 1;
	r->extra = 0;
}

/* One logical line inside a top-level component; 1 when it ended. */
static int in_component(struct ics_reader *r, const char *name,
			const char *value, struct ics_comp *out)
{
	/* Anything but a content line ends the batch of the open one. */
	if (!*name || !strcmp(name, "BEGIN") || !strcmp(name, "END"))
		flush_lines(r);
	if (!strcmp(name, "BEGIN") &&
	    (!strcmp(value, "VCALENDAR") || top_level_kind(value))) {
		abandon(r, r->logical_no);
		if (!strcmp(value, "VCALENDAR"))
			r->depth = 1;
		else
			start_top(r, value);
		return 0;
	}
	if (!strcmp(name, "BEGIN")) {
		start_sub(r, value);
		return 0;
	}
	if (!strcmp(name, "END"))
		return end_line(r, value) ? finish_top(r, out) : 0;
	if (r->skipping || r->broken || r->extra || !r->stack[r->depth])
		return 0;
	if (!*name) {
		unusable(r, "", _("not an iCalendar content line"));
		return 0;
	}
	if (r->comp_bytes + r->logical.len > ICS_MAX_COMP_BYTES) {
		/* Only if the lines before left the component whole. */
		flush_lines(r);
		if (r->broken || !r->stack[r->depth])
			return 0;
	}
	r->comp_bytes += r->logical.len;
	if (r->comp_bytes > ICS_MAX_COMP_BYTES) {
		notef(r, r->logical_no, _("component larger than 4 MiB"));
		breaks(r);
		return 0;
	}
	/* What libical-based programs (Thunderbird) write back of their own
	 * parse errors: nothing for hearth to keep or say. */
	if (!strcmp(name, "X-LIC-ERROR"))
		return 0;
	batch_add(r, name);
	return 0;
}

/* One logical line; returns 1 when out got a component. */
static int take_line(struct ics_reader *r, struct ics_comp *out)
{
	char name[64], value[32];

	line_name(r->logical.s, name);
	if (r->depth < 2)
		flush_lines(r);
	value[0] = '\0';
	if (!strcmp(name, "BEGIN") || !strcmp(name, "END"))
		comp_name(r->logical.s, value);
	if (r->depth >= 2)
		return in_component(r, name, value, out);
	if (r->depth == 0 && !strcmp(name, "BEGIN") && top_level_kind(value) &&
	    !r->implicit) {
		/* A bare VEVENT, as some programs and mail parts hold one:
		 * read as if the calendar around it were there. */
		/* TRANSLATORS: keep "note: " (notes are not problems). */
		notef(r, r->logical_no, _("note: no BEGIN:VCALENDAR before "
		      "this component; read as if it were there"));
		r->implicit = true;
		r->depth = 1;
	}
	if (r->depth == 0) {
		if (!strcmp(name, "BEGIN") && !strcmp(value, "VCALENDAR")) {
			r->depth = 1;
			r->junk_reported = false;
		} else if (!r->junk_reported && r->logical.len) {
			/* TRANSLATORS: keep "note: " (notes are not
			   problems). */
			notef(r, r->logical_no, _("note: expected BEGIN:VCALENDAR; "
			      "lines up to it ignored"));
			r->junk_reported = true;
		}
		return 0;
	}
	if (!strcmp(name, "BEGIN")) {
		start_top(r, value);
	} else if (!strcmp(name, "END")) {
		if (!strcmp(value, "VCALENDAR"))
			r->depth = 0;
		else
			notef(r, r->logical_no, _("END:%s without its BEGIN"), value);
	} else if (!*name) {
		/* TRANSLATORS: keep "note: " (notes are not problems). */
		notef(r, r->logical_no, _("note: not an iCalendar content line; "
		      "ignored"));
	} else {
		calendar_property(r, name);
	}
	return 0;
}

/*
 * A line too long, with a NUL byte or not UTF-8: what it belongs to loses
 * it as it would lose a property it cannot read; a BEGIN or END so broken
 * breaks the component (its nesting is lost).
 */
static void bad_line(struct ics_reader *r, const char *problem)
{
	char name[64];

	flush_lines(r);
	line_name(r->logical.s, name);
	if (r->depth < 2 || r->skipping || r->broken || r->extra ||
	    !r->stack[r->depth]) {
		notef(r, r->logical_no, "%s", problem);
		if (!strcmp(name, "BEGIN") || !strcmp(name, "END"))
			breaks(r);
		return;
	}
	if (!strcmp(name, "BEGIN") || !strcmp(name, "END")) {
		notef(r, r->logical_no, "%s", problem);
		breaks(r);
		return;
	}
	unusable(r, name, problem);
}

int ics_reader_next(struct ics_reader *r, struct ics_comp *out,
		    struct herr *err)
{
	const char *problem;

	memset(out, 0, sizeof *out);
	while (next_logical(r, &problem)) {
		if (problem) {
			bad_line(r, _(problem));
			continue;
		}
		if (r->logical.len == 0)
			continue;
		if (take_line(r, out))
			return 1;
	}
	flush_lines(r);
	if (r->read_error) {
		herr_set(err, HE_INTERNAL, _("read error: %s"), strerror(errno));
		return -HE_INTERNAL;
	}
	if (r->depth >= 2)
		abandon(r, r->lines_read + 1);
	if (r->depth == 1 && !r->implicit)
		/* TRANSLATORS: keep "note: " (notes are not problems). */
		notef(r, r->lines_read + 1, _("note: END:VCALENDAR is missing "
		      "at the end"));
	r->depth = 0;
	return 0;
}

long ics_comp_line(const struct ics_comp *c, const icalproperty *p)
{
	for (size_t i = 0; i < c->n_lines; i++)
		if (c->lines[i].prop == p)
			return c->lines[i].line;
	return c->line;
}
