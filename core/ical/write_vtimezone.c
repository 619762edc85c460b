/* write_vtimezone.c - VTIMEZONE from the system's zone data, with plain TZIDs. */
#include "write_vtimezone.h"

#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "write_lines.h"

/* One change of offset. */
struct change {
	int64_t at;              /* instant of the change */
	int from, to;            /* offsets before and after */
	bool daylight;           /* the offset after is summer time */
	struct civil onset;      /* local time of the change, old offset */
	bool used;
};

struct changes {
	struct change *v;
	size_t n, cap;
};

/* The offset and summer-time flag at utc, from libical's copy of the zone. */
static int offset_at(icaltimezone *z, int64_t utc, bool *summer)
{
	struct icaltimetype t = icaltime_from_timet_with_zone(
		(time_t)utc, 0, icaltimezone_get_utc_timezone());
	int is_daylight = 0;
	int off = icaltimezone_get_utc_offset_of_utc_time(z, &t, &is_daylight);

	*summer = is_daylight != 0;
	return off;
}

static int64_t year_start(int year)
{
	return civil_days(year, 1, 1) * 86400;
}

/* The first second in (lo, hi] whose offset differs from lo's. */
static int64_t bisect(icaltimezone *z, int64_t lo, int64_t hi)
{
	bool d;
	int off = offset_at(z, lo, &d);

	while (hi - lo > 1) {
		int64_t mid = lo + (hi - lo) / 2;
		if (offset_at(z, mid, &d) == off)
			lo = mid;
		else
			hi = mid;
	}
	return hi;
}

/* Every change of offset from the start of year a to the start of b. */
static void find_changes(icaltimezone *z, int a, int b, struct changes *out)
{
	const int64_t step = 6 * 3600;
	int64_t t = year_start(a), end = year_start(b);
	bool d;
	int off = offset_at(z, t, &d);

	for (; t < end; t += step) {
		int next = offset_at(z, t + step, &d);
		struct change c = { 0 };
		if (next == off)
			continue;
		c.at = bisect(z, t, t + step);
		c.from = off;
		c.to = offset_at(z, c.at, &c.daylight);
		c.onset = civil_from_seconds(c.at + c.from);
		out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
		out->v[out->n++] = c;
		off = next;
	}
}

/* "+0800", or "+054300" when the offset has seconds. */
static void format_offset(int off, char buf[16])
{
	char sign = off < 0 ? '-' : '+';
	int a = off < 0 ? -off : off;

	if (a % 60)
		snprintf(buf, 16, "%c%02d%02d%02d", sign, a / 3600 % 100,
			 a / 60 % 60, a % 60);
	else
		snprintf(buf, 16, "%c%02d%02d", sign, a / 3600 % 100, a / 60 % 60);
}

static const char *const weekday_codes[] = { "MO", "TU", "WE", "TH", "FR",
					     "SA", "SU" };

/* The BYDAY of a date: "-1SU" for the last such weekday, else "2SU". */
static void yearly_day(const struct civil *c, bool last, char buf[8])
{
	const char *wd = weekday_codes[civil_weekday(c)];

	if (last)
		snprintf(buf, 8, "-1%s", wd);
	else
		snprintf(buf, 8, "%d%s", ((c->day - 1) / 7 + 1) % 10, wd);
}

static bool is_last_weekday(const struct civil *c)
{
	return c->day + 7 > civil_days_in_month(c->year, c->month);
}

/*
 * True when the changes in group g (one per year, consecutive years) fall
 * on the same weekday rule and time; *last says whether the rule is "last
 * weekday of the month".
 */
static bool yearly_rule(struct change *const *g, size_t n, bool *last)
{
	const struct civil *a = &g[0]->onset;
	bool all_last = true, all_nth = true;

	if (n < 2)
		return false;
	for (size_t i = 0; i < n; i++) {
		const struct civil *c = &g[i]->onset;
		if (c->year != a->year + (int)i || c->month != a->month ||
		    c->hour != a->hour || c->min != a->min || c->sec != a->sec ||
		    civil_weekday(c) != civil_weekday(a))
			return false;
		all_last = all_last && is_last_weekday(c);
		all_nth = all_nth && (c->day - 1) / 7 == (a->day - 1) / 7;
	}
	*last = all_last;
	return all_last || all_nth;
}

static void write_observance(struct sbuf *out, struct change *const *g,
			     size_t n, const char *name, bool ongoing)
{
	const char *comp = g[0]->daylight ? "DAYLIGHT" : "STANDARD";
	char buf[CIVIL_BUFSZ], from[16], to[16];
	bool last;

	ics_begin_comp(out, comp);
	format_offset(g[0]->from, from);
	format_offset(g[0]->to, to);
	ics_prop_raw(out, "TZOFFSETFROM", from);
	ics_prop_raw(out, "TZOFFSETTO", to);
	if (name && *name)
		ics_prop_text(out, "TZNAME", name);
	ics_format_time(&g[0]->onset, false, false, buf);
	ics_prop_raw(out, "DTSTART", buf);
	if (ongoing && yearly_rule(g, n, &last)) {
		char day[8], rule[64];
		yearly_day(&g[0]->onset, last, day);
		snprintf(rule, sizeof rule, "FREQ=YEARLY;BYMONTH=%d;BYDAY=%s",
			 g[0]->onset.month, day);
		ics_prop_raw(out, "RRULE", rule);
	} else {
		for (size_t i = 1; i < n; i++) {
			ics_format_time(&g[i]->onset, false, false, buf);
			ics_prop_raw(out, "RDATE", buf);
		}
	}
	ics_end_comp(out, comp);
}

/* The zone's abbreviation for standard or summer time, from libical. */
static void abbreviation(icaltimezone *z, bool summer, char buf[32])
{
	const char *names = icaltimezone_get_tznames(z);
	const char *slash = names ? strchr(names, '/') : NULL;

	buf[0] = '\0';
	if (!names)
		return;
	if (!slash)
		snprintf(buf, 32, "%s", names);
	else if (summer)
		snprintf(buf, 32, "%s", slash + 1);
	else
		snprintf(buf, 32, "%.*s", (int)(slash - names), names);
}

/* Writes one observance per kind of change, oldest first. */
static void write_changes(struct sbuf *out, icaltimezone *z,
			  struct changes *ch, int end_year)
{
	struct change **g = xcalloc(ch->n, sizeof *g);

	for (size_t i = 0; i < ch->n; i++) {
		size_t n = 0;
		char name[32];
		if (ch->v[i].used)
			continue;
		for (size_t j = i; j < ch->n; j++) {
			struct change *c = &ch->v[j];
			if (!c->used && c->from == ch->v[i].from &&
			    c->to == ch->v[i].to &&
			    c->daylight == ch->v[i].daylight) {
				c->used = true;
				g[n++] = c;
			}
		}
		abbreviation(z, g[0]->daylight, name);
		/* Still in force at the end: its rule may go on for good. */
		write_observance(out, g, n, name,
				 g[n - 1]->onset.year >= end_year - 1);
	}
	free(g);
}

void vtimezone_write(struct sbuf *out, const struct tz *zone, int first,
		     int last)
{
	const char *name = tz_name(zone);
	icaltimezone *z;
	struct changes ch = { 0 };

	if (!strcmp(name, "UTC") || !strcmp(name, "Etc/UTC"))
		return;
	z = icaltimezone_get_builtin_timezone(name);
	if (!z)
		return;
	if (last < first)
		last = first;
	ics_begin_comp(out, "VTIMEZONE");
	ics_prop_text(out, "TZID", name);
	ics_prop_text(out, "X-LIC-LOCATION", name);
	/* Two years past the end show whether a yearly rule goes on. */
	find_changes(z, first - 1, last + 3, &ch);
	if (ch.n == 0) {
		struct change c = { 0 };
		struct change *g = &c;
		char abbr[32];
		c.from = c.to = offset_at(z, year_start(first), &c.daylight);
		c.onset = civil_from_seconds(year_start(first - 1));
		abbreviation(z, c.daylight, abbr);
		write_observance(out, &g, 1, abbr, false);
	} else {
		write_changes(out, z, &ch, last + 2);
	}
	ics_end_comp(out, "VTIMEZONE");
	free(ch.v);
}
