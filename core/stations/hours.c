/*
 * hours.c - opening hours in the OpenStreetMap opening_hours syntax (the
 * common subset described in stations.h): reading with errors that point
 * at a character, the canonical text, and whether a station is open at an
 * instant and until when.
 *
 * The text is first turned into ASCII characters, each with the column
 * (in characters) it came from, so that a Chinese input method's
 * full-width "；" or "：" reads as ";" and ":" and every error still names
 * the column the user sees.
 */
#include "stations.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../civil.h"
#include "../i18n.h"
#include "../text.h"

static const char *const wd_names[7] = { "Mo", "Tu", "We", "Th", "Fr", "Sa",
					 "Su" };
static const char *const month_names[12] = { "Jan", "Feb", "Mar", "Apr",
	"May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

/* A character that cannot be part of opening hours, kept as a marker. */
#define FOREIGN '\x01'

struct scan {
	char *s;                 /* ASCII; FOREIGN for anything else */
	int *col;                /* column of each character, 1-based */
	int n, i;
	int end_col;             /* the column after the text */
	int *column;             /* where to report an error's column */
	struct herr *err;
};

/* The ASCII a full-width or typographic character stands for, or 0. */
static char ascii_for(uint32_t cp)
{
	if (cp < 0x80)
		return (char)cp;
	if (cp >= 0xFF01 && cp <= 0xFF5E)        /* full-width forms */
		return (char)(cp - 0xFF01 + 0x21);
	switch (cp) {
	case 0x3000: case 0x00A0: return ' ';
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
	case 0x2212: case 0xFF5E: case 0x301C: return '-';
	case 0x3001: return ',';                 /* 、 */
	}
	return 0;
}

static bool scan_init(struct scan *sc, const char *text, int *column,
		      struct herr *err)
{
	size_t len = strlen(text), k = 0;
	int colno = 1;

	sc->s = xmalloc(len + 1);
	sc->col = xcalloc(len + 1, sizeof *sc->col);
	sc->column = column;
	sc->err = err;
	sc->i = 0;
	for (size_t p = 0; p < len;) {
		uint32_t cp;
		size_t used = text_decode(text + p, len - p, &cp);
		char a;
		if (!used) {
			sc->n = (int)k;
			if (column)
				*column = colno;
			herr_set(err, HE_USER, _("column %d: the text is not "
						 "valid UTF-8"), colno);
			return false;
		}
		a = ascii_for(cp);
		sc->s[k] = a && a != FOREIGN ? a : FOREIGN;
		sc->col[k++] = colno++;
		p += used;
	}
	sc->s[k] = '\0';
	sc->n = (int)k;
	sc->end_col = colno;
	return true;
}

static void scan_free(struct scan *sc)
{
	free(sc->s);
	free(sc->col);
}

static int col_at(const struct scan *sc, int i)
{
	return i < sc->n ? sc->col[i] : sc->end_col;
}

/* Records an error at character i; fmt takes the column first. */
__attribute__((format(printf, 3, 4)))
static bool fail_at(struct scan *sc, int i, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (sc->column)
		*sc->column = col_at(sc, i);
	herr_set(sc->err, HE_USER, "%s", msg);
	return false;
}

static char peek(const struct scan *sc)
{
	return sc->i < sc->n ? sc->s[sc->i] : '\0';
}

static void skip_ws(struct scan *sc)
{
	while (sc->i < sc->n && sc->s[sc->i] == ' ')
		sc->i++;
}

/* The index of name among n names of len letters at the scan, or -1. */
static int word_at(const struct scan *sc, const char *const *names, int n,
		   size_t len)
{
	if (sc->i + (int)len > sc->n)
		return -1;
	if (sc->i + (int)len < sc->n && isalpha((unsigned char)sc->s[sc->i + len]))
		return -1;
	for (int k = 0; k < n; k++)
		if (!strncasecmp(sc->s + sc->i, names[k], len))
			return k;
	return -1;
}

static bool keyword(struct scan *sc, const char *word)
{
	size_t len = strlen(word);
	const char *names[1] = { word };

	if (word_at(sc, names, 1, len) < 0)
		return false;
	sc->i += (int)len;
	return true;
}

/* Reads up to max digits; -1 when there is none. */
static int number(struct scan *sc, int max, int *digits)
{
	int v = 0, k = 0;

	while (k < max && isdigit((unsigned char)peek(sc))) {
		v = v * 10 + (sc->s[sc->i++] - '0');
		k++;
	}
	if (digits)
		*digits = k;
	return k ? v : -1;
}

/* HH:MM, hours up to 48 (a span past midnight). */
static bool read_time(struct scan *sc, int *minutes)
{
	int start = sc->i, digits, h, m;

	h = number(sc, 2, &digits);
	if (h < 0)
		return fail_at(sc, start, _("column %d: expected a time such "
					    "as 08:00"), col_at(sc, start));
	if (peek(sc) != ':')
		return fail_at(sc, sc->i, _("column %d: expected ':' and the "
					    "minutes, as in 08:00"),
			       col_at(sc, sc->i));
	sc->i++;
	int mstart = sc->i;
	m = number(sc, 2, &digits);
	if (m < 0 || digits != 2)
		return fail_at(sc, mstart, _("column %d: expected two digits of "
					     "minutes, as in 08:00"),
			       col_at(sc, mstart));
	if (h > 48)
		return fail_at(sc, start, _("column %d: the hour must be 00 to "
					    "48"), col_at(sc, start));
	if (m > 59)
		return fail_at(sc, mstart, _("column %d: the minutes must be 00 "
					     "to 59"), col_at(sc, mstart));
	*minutes = h * 60 + m;
	if (*minutes > 48 * 60)
		return fail_at(sc, start, _("column %d: a time cannot be after "
					    "48:00"), col_at(sc, start));
	return true;
}

/* 08:00-12:00: an end before the start runs past midnight. */
static bool read_span(struct scan *sc, struct hours_rule *r)
{
	int start = sc->i, from, to;

	if (!read_time(sc, &from))
		return false;
	if (from >= 24 * 60)
		return fail_at(sc, start, _("column %d: a span must start "
					    "before 24:00"), col_at(sc, start));
	skip_ws(sc);
	if (peek(sc) != '-')
		return fail_at(sc, sc->i, _("column %d: expected '-' and the "
					    "time the span ends"),
			       col_at(sc, sc->i));
	sc->i++;
	skip_ws(sc);
	int end_at = sc->i;
	if (!read_time(sc, &to))
		return false;
	if (to == from)
		return fail_at(sc, end_at, _("column %d: the span ends when it "
					     "starts"), col_at(sc, end_at));
	if (to < from)
		to += 24 * 60;
	if (to > 48 * 60)
		return fail_at(sc, end_at, _("column %d: a span cannot end after "
					     "48:00"), col_at(sc, end_at));
	if (r->n_spans == HOURS_MAX_SPANS)
		return fail_at(sc, start, _("column %d: at most %d time spans "
					    "in a rule"), col_at(sc, start),
			       HOURS_MAX_SPANS);
	r->spans[r->n_spans].from = (short)from;
	r->spans[r->n_spans].to = (short)to;
	r->n_spans++;
	return true;
}

static bool read_spans(struct scan *sc, struct hours_rule *r)
{
	for (;;) {
		if (!read_span(sc, r))
			return false;
		int save = sc->i;
		skip_ws(sc);
		if (peek(sc) != ',') {
			sc->i = save;
			return true;
		}
		int comma = sc->i++;
		skip_ws(sc);
		if (!isdigit((unsigned char)peek(sc)))
			return fail_at(sc, comma, _("column %d: separate rules "
						    "with ';' (rules after ',' "
						    "are not supported)"),
				       col_at(sc, comma));
	}
}

static int weekday_at(const struct scan *sc)
{
	return word_at(sc, wd_names, 7, 2);
}

static int month_at(const struct scan *sc)
{
	return word_at(sc, month_names, 12, 3);
}

/* Mo-Fr,Su,PH */
static bool read_weekdays(struct scan *sc, struct hours_rule *r)
{
	for (;;) {
		int at = sc->i, a, b;
		if (keyword(sc, "PH")) {
			r->holiday = true;
		} else if ((a = weekday_at(sc)) >= 0) {
			sc->i += 2;
			b = a;
			if (peek(sc) == '-') {
				sc->i++;
				if ((b = weekday_at(sc)) < 0)
					return fail_at(sc, sc->i, _("column %d: "
						"expected a weekday (Mo, Tu, We, "
						"Th, Fr, Sa, Su)"),
						col_at(sc, sc->i));
				sc->i += 2;
			}
			/* Fr-Mo wraps over the weekend. */
			for (int d = a;; d = (d + 1) % 7) {
				r->weekdays |= 1u << d;
				if (d == b)
					break;
			}
		} else {
			return fail_at(sc, at, _("column %d: expected a weekday "
						 "(Mo, Tu, We, Th, Fr, Sa, Su) "
						 "or PH"), col_at(sc, at));
		}
		if (peek(sc) != ',')
			return true;
		sc->i++;
	}
}

/* An optional day after a month: "Dec 24". */
static bool read_day(struct scan *sc, int year, int month, int *day)
{
	int save = sc->i, at;

	skip_ws(sc);
	at = sc->i;
	if (!isdigit((unsigned char)peek(sc)) ||
	    (sc->i + 2 < sc->n && sc->s[sc->i + 2] == ':') ||
	    (sc->i + 1 < sc->n && sc->s[sc->i + 1] == ':')) {
		sc->i = save;        /* a time, not a day */
		*day = 0;
		return true;
	}
	*day = number(sc, 2, NULL);
	if (*day < 1 || *day > civil_days_in_month(year ? year : 2028, month))
		return fail_at(sc, at, _("column %d: %s has no day %d"),
			       col_at(sc, at), month_names[month - 1], *day);
	return true;
}

/* Jan-Mar,Nov | Dec 24 | Dec 24-Jan 02 | Feb 10-16 (year read before). */
static bool read_months(struct scan *sc, struct hours_rule *r, int year)
{
	for (;;) {
		int a = month_at(sc), b, day_a, day_b = 0, at = sc->i;
		if (a < 0)
			return fail_at(sc, at, _("column %d: expected a month "
						 "(Jan to Dec)"), col_at(sc, at));
		sc->i += 3;
		if (!read_day(sc, year, a + 1, &day_a))
			return false;
		b = a;
		if (peek(sc) == '-') {
			sc->i++;
			if ((b = month_at(sc)) >= 0) {
				sc->i += 3;
				if (!read_day(sc, year, b + 1, &day_b))
					return false;
			} else if (day_a && isdigit((unsigned char)peek(sc))) {
				b = a;
				int at2 = sc->i;
				day_b = number(sc, 2, NULL);
				if (day_b < 1 ||
				    day_b > civil_days_in_month(year ? year : 2028,
								a + 1))
					return fail_at(sc, at2, _("column %d: %s "
						"has no day %d"), col_at(sc, at2),
						month_names[a], day_b);
			} else {
				return fail_at(sc, sc->i, _("column %d: expected "
					"a month (Jan to Dec)"), col_at(sc, sc->i));
			}
		}
		if (day_a || day_b) {
			if (!day_a || (b != a && !day_b))
				return fail_at(sc, at, _("column %d: give a day "
					"on both sides of a range of dates"),
					col_at(sc, at));
			if (r->has_dates || r->months)
				return fail_at(sc, at, _("column %d: one range of "
					"dates per rule"), col_at(sc, at));
			r->has_dates = true;
			r->from = (struct hours_date){ year, a + 1, day_a };
			r->to = (struct hours_date){ year, b + 1,
						     day_b ? day_b : day_a };
		} else {
			if (r->has_dates)
				return fail_at(sc, at, _("column %d: one range of "
					"dates per rule"), col_at(sc, at));
			for (int m = a;; m = (m + 1) % 12) {
				r->months |= 1u << m;
				if (m == b)
					break;
			}
		}
		if (peek(sc) != ',' || month_at(&(struct scan){
				.s = sc->s, .n = sc->n, .i = sc->i + 1 }) < 0)
			return true;
		sc->i++;
	}
}

/* The selectors and the body of one rule, up to ';' or the end. */
static bool read_rule(struct scan *sc, struct hours_rule *r)
{
	int start = sc->i, year = 0;

	memset(r, 0, sizeof *r);
	if (sc->i + 4 <= sc->n && isdigit((unsigned char)sc->s[sc->i]) &&
	    isdigit((unsigned char)sc->s[sc->i + 1]) &&
	    isdigit((unsigned char)sc->s[sc->i + 2]) &&
	    isdigit((unsigned char)sc->s[sc->i + 3])) {
		year = number(sc, 4, NULL);
		if (year < 1900 || year > 2999)
			return fail_at(sc, start, _("column %d: expected a year "
						    "such as 2027"),
				       col_at(sc, start));
		skip_ws(sc);
		if (month_at(sc) < 0)
			return fail_at(sc, sc->i, _("column %d: expected a month "
						    "after the year"),
				       col_at(sc, sc->i));
	}
	if (month_at(sc) >= 0) {
		int at = sc->i;
		if (!read_months(sc, r, year))
			return false;
		if (year && !r->has_dates)
			return fail_at(sc, at, _("column %d: a year needs a date "
						 "(2027 Jan 01)"), col_at(sc, at));
		skip_ws(sc);
	}
	if (weekday_at(sc) >= 0 || word_at(sc, (const char *const[]){ "PH" }, 1,
					   2) >= 0) {
		if (!read_weekdays(sc, r))
			return false;
		skip_ws(sc);
	}
	bool selected = r->months || r->has_dates || r->weekdays || r->holiday;
	if (keyword(sc, "off") || keyword(sc, "closed")) {
		r->off = true;
	} else if (!strncmp(sc->s + sc->i, "24/7", 4)) {
		sc->i += 4;
		r->spans[0].from = 0;
		r->spans[0].to = 24 * 60;
		r->n_spans = 1;
	} else if (isdigit((unsigned char)peek(sc))) {
		if (!read_spans(sc, r))
			return false;
	} else if (selected && (peek(sc) == ';' || peek(sc) == '\0')) {
		/* Days alone are open all day, as OpenStreetMap reads them. */
		r->spans[0].from = 0;
		r->spans[0].to = 24 * 60;
		r->n_spans = 1;
	} else {
		if (peek(sc) == FOREIGN)
			return fail_at(sc, sc->i, _("column %d: this character "
				"is not part of opening hours (write Mo-Fr "
				"08:00-20:00)"), col_at(sc, sc->i));
		return fail_at(sc, sc->i, selected
			? _("column %d: expected a time such as 08:00 or off")
			: _("column %d: expected a weekday (Mo-Su), a month, PH, "
			    "a time such as 08:00, off or 24/7"),
			col_at(sc, sc->i));
	}
	skip_ws(sc);
	if (peek(sc) == ',')
		return fail_at(sc, sc->i, _("column %d: separate rules with ';' "
					    "(rules after ',' are not "
					    "supported)"), col_at(sc, sc->i));
	if (peek(sc) != ';' && peek(sc) != '\0')
		return fail_at(sc, sc->i, peek(sc) == FOREIGN
			? _("column %d: this character is not part of opening "
			    "hours")
			: _("column %d: expected ';' before the next rule"),
			col_at(sc, sc->i));
	return true;
}

void hours_free(struct hours *h)
{
	free(h->rules);
	memset(h, 0, sizeof *h);
}

int hours_parse(const char *text, struct hours *out, int *column,
		struct herr *err)
{
	struct scan sc;
	size_t cap = 0;
	bool ok;

	memset(out, 0, sizeof *out);
	if (column)
		*column = 0;
	if (!text)
		text = "";
	if (strlen(text) > HOURS_TEXT_MAX) {
		if (column)
			*column = 1;
		return herr_set(err, HE_USER, _("opening hours are longer than "
						"%d bytes"), HOURS_TEXT_MAX);
	}
	if (!scan_init(&sc, text, column, err)) {
		scan_free(&sc);
		return HE_USER;
	}
	skip_ws(&sc);
	ok = true;
	if (sc.i == sc.n)
		ok = fail_at(&sc, sc.i, _("column %d: the opening hours are "
					  "empty"), col_at(&sc, sc.i));
	while (ok && sc.i < sc.n) {
		struct hours_rule r;
		if (out->n_rules == HOURS_MAX_RULES) {
			ok = fail_at(&sc, sc.i, _("column %d: at most %d rules"),
				     col_at(&sc, sc.i), HOURS_MAX_RULES);
			break;
		}
		if (!(ok = read_rule(&sc, &r)))
			break;
		out->rules = xgrow(out->rules, &cap, (size_t)out->n_rules + 1,
				   sizeof *out->rules);
		out->rules[out->n_rules++] = r;
		if (peek(&sc) == ';') {
			sc.i++;
			skip_ws(&sc);
		}
	}
	scan_free(&sc);
	if (!ok) {
		hours_free(out);
		return HE_USER;
	}
	return HE_OK;
}

/* "Mo-Fr", "Sa,Su", "Mo-We,Fr-Su". */
static void format_weekdays(struct sbuf *b, unsigned days)
{
	bool first = true;

	for (int d = 0; d < 7;) {
		int e = d;
		if (!(days & (1u << d))) {
			d++;
			continue;
		}
		while (e + 1 < 7 && (days & (1u << (e + 1))))
			e++;
		if (!first)
			sbuf_addc(b, ',');
		first = false;
		if (e == d)
			sbuf_add(b, wd_names[d]);
		else if (e == d + 1)
			sbuf_addf(b, "%s,%s", wd_names[d], wd_names[e]);
		else
			sbuf_addf(b, "%s-%s", wd_names[d], wd_names[e]);
		d = e + 1;
	}
}

void hours_month_runs(unsigned months, int first[12], int last[12], int *n)
{
	int start = 0;

	*n = 0;
	months &= 0xfff;
	if (!months)
		return;
	/* Start after a month not named, so that Nov-Mar stays one run. */
	if (months != 0xfff)
		while (!(months & (1u << start)) ||
		       (months & (1u << ((start + 11) % 12))))
			start = (start + 1) % 12;
	for (int k = 0; k < 12;) {
		int m = (start + k) % 12, e;
		if (!(months & (1u << m))) {
			k++;
			continue;
		}
		e = k;
		while (e + 1 < 12 && (months & (1u << ((start + e + 1) % 12))))
			e++;
		first[*n] = m;
		last[*n] = (start + e) % 12;
		(*n)++;
		k = e + 1;
	}
}

static void format_months(struct sbuf *b, unsigned months)
{
	int first[12], last[12], n;

	hours_month_runs(months, first, last, &n);
	for (int i = 0; i < n; i++) {
		if (i)
			sbuf_addc(b, ',');
		sbuf_add(b, month_names[first[i]]);
		if (last[i] != first[i])
			sbuf_addf(b, "-%s", month_names[last[i]]);
	}
}

static void format_time(struct sbuf *b, int minutes)
{
	sbuf_addf(b, "%02d:%02d", minutes / 60, minutes % 60);
}

static void format_rule(struct sbuf *b, const struct hours_rule *r)
{
	size_t mark = b->len;

	if (r->has_dates) {
		if (r->from.year)
			sbuf_addf(b, "%d ", r->from.year);
		sbuf_addf(b, "%s %02d", month_names[r->from.month - 1],
			  r->from.day);
		if (r->to.month != r->from.month)
			sbuf_addf(b, "-%s %02d", month_names[r->to.month - 1],
				  r->to.day);
		else if (r->to.day != r->from.day)
			sbuf_addf(b, "-%02d", r->to.day);
	}
	if (r->months)
		format_months(b, r->months);
	if (r->weekdays || r->holiday) {
		if (b->len > mark)
			sbuf_addc(b, ' ');
		format_weekdays(b, r->weekdays);
		if (r->holiday)
			sbuf_add(b, r->weekdays ? ",PH" : "PH");
	}
	bool selected = b->len > mark;
	if (selected)
		sbuf_addc(b, ' ');
	if (r->off) {
		sbuf_add(b, "off");
		return;
	}
	if (!selected && r->n_spans == 1 && r->spans[0].from == 0 &&
	    r->spans[0].to == 24 * 60) {
		sbuf_add(b, "24/7");
		return;
	}
	for (int i = 0; i < r->n_spans; i++) {
		int to = r->spans[i].to;
		if (i)
			sbuf_addc(b, ',');
		format_time(b, r->spans[i].from);
		sbuf_addc(b, '-');
		/* Past midnight as OpenStreetMap writes it: 22:00-02:00. */
		if (to > 24 * 60 && to - 24 * 60 < r->spans[i].from)
			to -= 24 * 60;
		format_time(b, to);
	}
}

char *hours_format(const struct hours *h)
{
	struct sbuf b = { 0 };

	sbuf_add(&b, "");
	for (int i = 0; i < h->n_rules; i++) {
		if (i)
			sbuf_add(&b, "; ");
		format_rule(&b, &h->rules[i]);
	}
	return sbuf_take(&b);
}

/* Whether date (y, m, d) lies in the rule's range of dates. */
static bool in_dates(const struct hours_rule *r, int y, int m, int d)
{
	int key = m * 100 + d;
	int a = r->from.month * 100 + r->from.day;
	int b = r->to.month * 100 + r->to.day;

	if (r->from.year) {
		int64_t day = civil_days(y, m, d);
		int64_t first = civil_days(r->from.year, r->from.month,
					   r->from.day);
		int64_t last = civil_days(r->from.year + (b < a), r->to.month,
					  r->to.day);
		return day >= first && day <= last;
	}
	return a <= b ? key >= a && key <= b : key >= a || key <= b;
}

/* The rule that decides day: the last one that names it. */
static const struct hours_rule *rule_for(const struct hours *h,
					 const struct stations_config *c,
					 int64_t day)
{
	int y, m, d, wd;
	bool holiday = c && stations_holiday(c, day);

	civil_from_days(day, &y, &m, &d);
	wd = (int)(((day % 7) + 7 + 3) % 7);     /* 1970-01-01 was a Thursday */
	for (int i = h->n_rules - 1; i >= 0; i--) {
		const struct hours_rule *r = &h->rules[i];
		if (r->months && !(r->months & (1u << (m - 1))))
			continue;
		if (r->has_dates && !in_dates(r, y, m, d))
			continue;
		if ((r->weekdays || r->holiday) &&
		    !((r->weekdays & (1u << wd)) || (r->holiday && holiday)))
			continue;
		return r;
	}
	return NULL;
}

int hours_day(const struct hours *h, const struct stations_config *c,
	      int64_t day, int *from, int *to, int max)
{
	const struct hours_rule *r = rule_for(h, c, day);
	int n = 0;

	if (!r || r->off)
		return 0;
	for (int i = 0; i < r->n_spans && n < max; i++, n++) {
		from[n] = r->spans[i].from;
		to[n] = r->spans[i].to;
	}
	return n;
}

/*
 * The end (seconds after the start of `day`) of a span that covers second
 * sod of day, from day's own rule or a span of the day before running past
 * midnight; -1 when none does.
 */
static int64_t covering_end(const struct hours *h,
			    const struct stations_config *c, int64_t day,
			    int64_t sod)
{
	int64_t best = -1;

	for (int back = 0; back <= 1; back++) {
		const struct hours_rule *r = rule_for(h, c, day - back);
		if (!r || r->off)
			continue;
		for (int i = 0; i < r->n_spans; i++) {
			int64_t from = r->spans[i].from * 60 - back * 86400;
			int64_t to = r->spans[i].to * 60 - back * 86400;
			if (sod >= from && sod < to && to > best)
				best = to;
		}
	}
	return best;
}

bool hours_open_at(const struct hours *h, const struct stations_config *c,
		   const struct tz *z, int64_t t, int64_t *closes)
{
	struct civil local = tz_from_utc(z, t, NULL);
	int64_t day = civil_days(local.year, local.month, local.day);
	int64_t sod = local.hour * 3600 + local.min * 60 + local.sec;
	int64_t end = covering_end(h, c, day, sod);

	if (end < 0)
		return false;
	if (!closes)
		return true;
	/* Follow spans that meet or overlap, up to two weeks ahead. */
	for (int guard = 0; guard < 64; guard++) {
		int64_t d = day + end / 86400, s = end % 86400, next;
		next = covering_end(h, c, d, s);
		if (next < 0)
			break;
		day = d;
		end = next;
		if (day - civil_days(local.year, local.month, local.day) > 14) {
			*closes = INT64_MAX;
			return true;
		}
	}
	struct civil at = civil_from_seconds(day * 86400 + end);
	*closes = tz_to_utc(z, &at);
	return true;
}
