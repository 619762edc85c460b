/* when.c - forgiving parsing of dates, times and durations. */
#include "when.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"

static const char *const weekdays_en[7][2] = {
	{ "mon", "monday" }, { "tue", "tuesday" }, { "wed", "wednesday" },
	{ "thu", "thursday" }, { "fri", "friday" }, { "sat", "saturday" },
	{ "sun", "sunday" },
};
static const char *const weekdays_zh[7] = { "一", "二", "三", "四",
					    "五", "六", "日" };

/* Reads a number of 1..max_digits digits. */
static bool read_num(const char **s, int max_digits, int *out)
{
	int v = 0, n = 0;

	while (n < max_digits && isdigit((unsigned char)**s)) {
		v = v * 10 + (**s - '0');
		(*s)++;
		n++;
	}
	*out = v;
	return n > 0;
}

static bool parse_hhmm(const char *s, int *h, int *m, int *sec)
{
	*sec = 0;
	if (!read_num(&s, 2, h) || *s++ != ':' || !isdigit((unsigned char)s[0]) ||
	    !isdigit((unsigned char)s[1]) || !read_num(&s, 2, m))
		return false;
	if (*s == ':' && (s++, !read_num(&s, 2, sec)))
		return false;
	return *s == '\0' && *h <= 23 && *m <= 59 && *sec <= 59;
}

int when_parse_hhmm(const char *text, int *minutes, struct herr *err)
{
	int h, m, s;

	if (strcmp(text, "24:00") == 0) {
		*minutes = 24 * 60;
		return HE_OK;
	}
	if (!parse_hhmm(text, &h, &m, &s))
		return herr_set(err, HE_USER,
				_("'%s' is not a time of day (expected HH:MM)"), text);
	*minutes = h * 60 + m;
	return HE_OK;
}

/* Weekday 0..6 named by word (English or Chinese), or -1. */
static int weekday_named(const char *w)
{
	for (int i = 0; i < 7; i++) {
		if (strcasecmp(w, weekdays_en[i][0]) == 0 ||
		    strcasecmp(w, weekdays_en[i][1]) == 0)
			return i;
		for (int p = 0; p < 2; p++) {
			const char *prefix = p ? "星期" : "周";
			size_t n = strlen(prefix);
			if (strncmp(w, prefix, n) == 0 &&
			    (strcmp(w + n, weekdays_zh[i]) == 0 ||
			     (i == 6 && strcmp(w + n, "天") == 0)))
				return i;
		}
	}
	return -1;
}

/* Resolves a relative offset such as "+3d" from today. */
static bool relative_day(const char *w, const struct civil *today,
			 struct civil *day)
{
	const char *s = w + 1;
	int n;

	/* The unit must be there before anything is read after it: "+3" ends
	 * at its digits. */
	if ((w[0] != '+' && w[0] != '-') || !read_num(&s, 4, &n) ||
	    s[0] == '\0' || s[1] != '\0')
		return false;
	if (w[0] == '-')
		n = -n;
	switch (tolower((unsigned char)*s)) {
	case 'd': *day = civil_add_days(*today, n); return true;
	case 'w': *day = civil_add_days(*today, 7 * (int64_t)n); return true;
	case 'm': *day = civil_add_months(*today, n); return true;
	default: return false;
	}
}

/* "1/8": the next 8 January from today on. */
static bool month_day(const char *w, const struct civil *today,
		      struct civil *day)
{
	const char *s = w;
	int m, d;
	struct civil c = *today;

	if (!read_num(&s, 2, &m) || *s++ != '/' || !read_num(&s, 2, &d) || *s)
		return false;
	c.month = m;
	c.day = d;
	/* 2/29 may be up to eight years away (2096 to 2104). */
	for (int i = 0; i <= 8; i++, c.year++)
		if (civil_valid(&c) && civil_cmp(&c, today) >= 0) {
			*day = c;
			return true;
		}
	return false;
}

/* The date that word names, relative to today. */
static bool parse_day(const char *w, const struct civil *today,
		      struct civil *day)
{
	int wd;
	bool date_only;

	*day = *today;
	day->hour = day->min = day->sec = 0;
	if (civil_parse(w, day, &date_only))
		return date_only;
	if (!strcasecmp(w, "today") || !strcmp(w, "今天"))
		return true;
	if (!strcasecmp(w, "tomorrow") || !strcmp(w, "明天")) {
		*day = civil_add_days(*day, 1);
		return true;
	}
	if (!strcasecmp(w, "yesterday") || !strcmp(w, "昨天")) {
		*day = civil_add_days(*day, -1);
		return true;
	}
	if ((wd = weekday_named(w)) >= 0) {
		*day = civil_add_days(*day, (wd - civil_weekday(day) + 7) % 7);
		return true;
	}
	return relative_day(w, day, day) || month_day(w, day, day);
}

int when_parse(const char *text, const struct civil *today, struct when *out,
	       struct herr *err)
{
	char buf[64], *time_part;
	int h, m, s;
	bool date_only;

	if (civil_parse(text, &out->c, &date_only)) {
		out->date_only = date_only;
		return HE_OK;
	}
	snprintf(buf, sizeof buf, "%s", text);
	time_part = strrchr(buf, ' ');
	if (time_part && strlen(text) < sizeof buf) {
		*time_part++ = '\0';
		if (parse_hhmm(time_part, &h, &m, &s) &&
		    parse_day(buf, today, &out->c)) {
			out->c.hour = h, out->c.min = m, out->c.sec = s;
			out->date_only = false;
			return HE_OK;
		}
	} else if (parse_hhmm(text, &h, &m, &s)) {
		out->c = *today;
		out->c.hour = h, out->c.min = m, out->c.sec = s;
		out->date_only = false;
		return HE_OK;
	} else if (strlen(text) < sizeof buf && parse_day(text, today, &out->c)) {
		out->date_only = true;
		return HE_OK;
	}
	return herr_set(err, HE_USER,
			_("'%s' is not a date or time (try 2027-01-08 10:00, 1/8, "
			"tomorrow 10:00, fri or +3d)"), text);
}

/* ISO 8601 durations: P[nW][nD][T[nH][nM][nS]]. */
static bool parse_iso_duration(const char *s, int64_t *out)
{
	int64_t total = 0;
	bool in_time = false, any = false;

	if (toupper((unsigned char)*s++) != 'P')
		return false;
	while (*s) {
		int n;
		if (toupper((unsigned char)*s) == 'T' && !in_time) {
			in_time = true;
			s++;
			continue;
		}
		if (!read_num(&s, 6, &n))
			return false;
		switch (toupper((unsigned char)*s++)) {
		case 'W': if (in_time) return false; total += n * 604800LL; break;
		case 'D': if (in_time) return false; total += n * 86400LL; break;
		case 'H': if (!in_time) return false; total += n * 3600LL; break;
		case 'M': if (!in_time) return false; total += n * 60LL; break;
		case 'S': if (!in_time) return false; total += n; break;
		default: return false;
		}
		any = true;
	}
	*out = total;
	return any;
}

/* "1h30m", "90m", "2d", "3w", "45s". */
static bool parse_short_duration(const char *s, int64_t *out)
{
	int64_t total = 0;

	if (!*s)
		return false;
	while (*s) {
		int n;
		if (!read_num(&s, 6, &n))
			return false;
		switch (tolower((unsigned char)*s++)) {
		case 'w': total += n * 604800LL; break;
		case 'd': total += n * 86400LL; break;
		case 'h': total += n * 3600LL; break;
		case 'm': total += n * 60LL; break;
		case 's': total += n; break;
		default: return false;
		}
	}
	*out = total;
	return true;
}

int when_parse_duration(const char *text, int64_t *seconds, struct herr *err)
{
	int h, m, s;
	int64_t v = 0;
	bool ok;

	if (parse_hhmm(text, &h, &m, &s)) {
		v = h * 3600LL + m * 60LL + s;
		ok = true;
	} else {
		ok = parse_iso_duration(text, &v) || parse_short_duration(text, &v);
	}
	if (!ok)
		return herr_set(err, HE_USER,
				_("'%s' is not a duration (try 2h, 90m, 1h30m, 3d "
				"or PT2H)"), text);
	if (v <= 0)
		return herr_set(err, HE_USER, _("duration '%s' is not positive"), text);
	*seconds = v;
	return HE_OK;
}

char *when_format_duration(int64_t seconds)
{
	struct sbuf b = { 0 };
	int64_t d = seconds / 86400, h = seconds / 3600 % 24,
		m = seconds / 60 % 60, s = seconds % 60;

	if (d)
		sbuf_addf(&b, "%lldd", (long long)d);
	if (h)
		sbuf_addf(&b, "%lldh", (long long)h);
	if (m)
		sbuf_addf(&b, "%lldm", (long long)m);
	if (s || !b.len)
		sbuf_addf(&b, "%llds", (long long)s);
	return sbuf_take(&b);
}

/* A bare time of day ("14:00") on day: the moved thing keeps its day. */
static bool time_on(const char *text, const struct civil *day,
		    struct when *out)
{
	int h, m, sec;

	if (!parse_hhmm(text, &h, &m, &sec))
		return false;
	out->c = *day;
	out->c.hour = h, out->c.min = m, out->c.sec = sec;
	out->date_only = false;
	return true;
}

/* One side of a span: a bare time is on day (*bare set), anything else
 * as when_parse. */
static bool span_side(const char *text, const struct civil *day,
		      const struct civil *today, struct when *out, bool *bare)
{
	char buf[64];
	size_t a = strspn(text, " "), n = strlen(text + a);

	while (n && text[a + n - 1] == ' ')
		n--;
	if (n == 0 || n >= sizeof buf)
		return false;
	memcpy(buf, text + a, n);
	buf[n] = '\0';
	*bare = time_on(buf, day, out);
	return *bare || when_parse(buf, today, out, NULL) == HE_OK;
}

/* Splits text at the separator at sep (len bytes) into a span. */
static bool span_at(const char *text, size_t sep, size_t len,
		    const struct civil *day, const struct civil *today,
		    struct when *start, struct when *end)
{
	char left[64];
	bool bare;

	if (sep == 0 || sep >= sizeof left || !text[sep + len])
		return false;
	memcpy(left, text, sep);
	left[sep] = '\0';
	if (!span_side(left, day, today, start, &bare) || start->date_only)
		return false;
	/* A bare end time is on the start's day, the next one if earlier. */
	if (!span_side(text + sep + len, &start->c, today, end, &bare) ||
	    end->date_only)
		return false;
	if (bare && civil_cmp(&end->c, &start->c) <= 0)
		end->c = civil_add_days(end->c, 1);
	return civil_cmp(&end->c, &start->c) > 0;
}

int when_parse_span(const char *text, const struct civil *day,
		    const struct civil *today, struct when *start,
		    struct when *end, bool *has_end, struct herr *err)
{
	static const char *const seps[] = { "–", "—", "~", "～", "至", "到",
					    " to ", "-" };

	*has_end = false;
	for (size_t k = 0; k < sizeof seps / sizeof *seps; k++) {
		size_t len = strlen(seps[k]);
		for (const char *p = strstr(text, seps[k]); p;
		     p = strstr(p + 1, seps[k]))
			if (span_at(text, (size_t)(p - text), len, day, today,
				    start, end)) {
				*has_end = true;
				return HE_OK;
			}
	}
	bool bare;

	if (span_side(text, day, today, start, &bare))
		return HE_OK;
	return herr_set(err, HE_USER,
			_("'%s' is not a time or a span (try 14:00, sun 14:00, "
			"12:00-19:00 or 1/17 12:00-19:00)"), text);
}

/* "2027-01", "2027/1", "2027年1月", "2027年1月份": a year and a month. */
static bool year_month(const char *s, int *y, int *m)
{
	if (!read_num(&s, 4, y) || *y < 1)
		return false;
	if (*s == '-' || *s == '/')
		s++;
	else if (!strncmp(s, "年", strlen("年")))
		s += strlen("年");
	else
		return false;
	if (!read_num(&s, 2, m) || *m < 1 || *m > 12)
		return false;
	if (!strncmp(s, "月", strlen("月")))
		s += strlen("月");
	if (!strncmp(s, "份", strlen("份")))
		s += strlen("份");
	return *s == '\0';
}

/* "1月": the next such month from this one on. */
static bool month_alone(const char *s, const struct civil *today, int *y,
			int *m)
{
	if (!read_num(&s, 2, m) || *m < 1 || *m > 12 ||
	    strcmp(s, "月") != 0)
		return false;
	*y = today->year + (*m < today->month);
	return true;
}

int when_parse_day(const char *text, const struct civil *today,
		   struct civil *day, bool *month, struct herr *err)
{
	struct when w;
	int y, m;

	*month = false;
	if (year_month(text, &y, &m) || month_alone(text, today, &y, &m)) {
		memset(day, 0, sizeof *day);
		day->year = y, day->month = m, day->day = 1;
		*month = true;
		return HE_OK;
	}
	if (when_parse(text, today, &w, NULL) != HE_OK)
		return herr_set(err, HE_USER,
				_("'%s' is not a date (try 1/16, sat, +2w, "
				"2027-01-16 or 2027-01)"), text);
	*day = w.c;
	day->hour = day->min = day->sec = 0;
	return HE_OK;
}
