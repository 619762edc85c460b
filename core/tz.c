/* tz.c - time zones on top of libical's system zone data. */
#include "tz.h"

#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

/*
 * Offsets asked of libical are remembered by UTC day: a day whose first and
 * last second have the same offset has it throughout (no zone changes its
 * clocks twice in a day and back). Expanding a month of a large calendar
 * converts hundreds of thousands of times, a few microseconds each in
 * libical, on a few dozen days.
 */
#define TZ_MEMO 512

struct tz {
	char name[TZ_NAME_MAX + 1];
	icaltimezone *ical;
	struct tz *next;
	struct {
		int64_t day;             /* UTC day number + 1; 0 = empty */
		int offset;
	} memo[TZ_MEMO];
};

static struct tz *zones;

/*
 * libical turns the name into a path under the zone directory: allow only
 * the characters IANA names use, and no way out of that directory.
 */
static bool plausible_name(const char *name)
{
	size_t n = strlen(name);

	if (n == 0 || n > TZ_NAME_MAX || name[0] == '/' || strstr(name, ".."))
		return false;
	for (const char *p = name; *p; p++) {
		char c = *p;
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		      (c >= '0' && c <= '9') || c == '/' || c == '_' ||
		      c == '-' || c == '+'))
			return false;
	}
	return true;
}

const struct tz *tz_get(const char *name)
{
	struct tz *z;
	icaltimezone *ical;

	if (!name || !plausible_name(name))
		return NULL;
	for (z = zones; z; z = z->next)
		if (strcmp(z->name, name) == 0)
			return z;
	if (strcmp(name, "UTC") == 0 || strcmp(name, "Etc/UTC") == 0)
		ical = icaltimezone_get_utc_timezone();
	else
		ical = icaltimezone_get_builtin_timezone(name);
	if (!ical)
		return NULL;
	z = xcalloc(1, sizeof *z);
	snprintf(z->name, sizeof z->name, "%s", name);
	z->ical = ical;
	z->next = zones;
	zones = z;
	return z;
}

const char *tz_name(const struct tz *z)
{
	return z->name;
}

/* Years whose offsets are asked of libical as they are. */
#define TZ_LAST_YEAR 2037
#define TZ_CYCLE_FIRST 2010

/*
 * The instant at the same month, day and time of day in the year from
 * 2010 to 2037 that has the same calendar as utc's (a leap year or not,
 * 1 January on the same weekday), for an instant after 2037.
 *
 * libical expands a zone's changes from its start up to the year asked
 * for - five centuries of rule iterations for an event in 2500 - and for
 * a year after 2582, its limit, expands them all again at every call
 * (fuzz: an UNTIL in 2999 made one import take seconds). The rules in
 * force at the end of the zone data repeat by the calendar (last Sunday
 * of March, first Sunday of November), so a year with the same calendar
 * has its changes on the same dates; the system's zone data lists
 * changes explicitly only up to 2037 anyway.
 */
static int64_t same_calendar_instant(int64_t utc)
{
	struct civil c = civil_from_seconds(utc);
	struct civil jan1 = { c.year, 1, 1, 0, 0, 0 };
	int days = civil_days_in_month(c.year, 2);
	int wd = civil_weekday(&jan1);

	if (c.year <= TZ_LAST_YEAR)
		return utc;
	for (int y = TZ_LAST_YEAR; y >= TZ_CYCLE_FIRST; y--) {
		struct civil j = { y, 1, 1, 0, 0, 0 };
		if (civil_days_in_month(y, 2) == days && civil_weekday(&j) == wd) {
			c.year = y;
			return civil_to_seconds(&c);
		}
	}
	return utc; /* not reached: every calendar occurs in any 28 years */
}

static int libical_offset(const struct tz *z, int64_t utc)
{
	struct icaltimetype t;
	int is_daylight = 0;

	utc = same_calendar_instant(utc);
	t = icaltime_from_timet_with_zone((time_t)utc, 0,
					  icaltimezone_get_utc_timezone());
	return icaltimezone_get_utc_offset_of_utc_time(z->ical, &t,
						       &is_daylight);
}

int tz_offset_at(const struct tz *z, int64_t utc)
{
	/* Zones are never const where they are made (tz_get): the memo is ours. */
	struct tz *m = (struct tz *)z;
	int64_t day = utc / 86400 - (utc % 86400 < 0);
	size_t slot = (size_t)(day & (TZ_MEMO - 1));
	int first, last;

	if (z->ical == icaltimezone_get_utc_timezone())
		return 0;
	if (m->memo[slot].day == day + 1)
		return m->memo[slot].offset;
	first = libical_offset(z, day * 86400);
	last = libical_offset(z, day * 86400 + 86399);
	if (first != last)
		return libical_offset(z, utc);
	m->memo[slot].day = day + 1;
	m->memo[slot].offset = first;
	return first;
}

int64_t tz_to_utc(const struct tz *z, const struct civil *c)
{
	return tz_wall_to_utc(z, civil_to_seconds(c));
}

int64_t tz_wall_to_utc(const struct tz *z, int64_t local)
{
	/* Offsets never exceed a day, so these instants bracket the answer. */
	int before = tz_offset_at(z, local - 86400);
	int after = tz_offset_at(z, local + 86400);
	int64_t first, second;
	bool first_ok, second_ok;

	if (before == after)
		return local - before;
	first = local - before;
	second = local - after;
	first_ok = tz_offset_at(z, first) == before;
	second_ok = tz_offset_at(z, second) == after;
	if (first_ok && second_ok)
		return first < second ? first : second;
	if (first_ok)
		return first;
	if (second_ok)
		return second;
	/* In a gap: read with the offset in force before it (RFC 5545). */
	return local - before;
}

/*
 * tz_wall_to_utc reads the offsets a day either side of w; tz_offset_at
 * keeps a day's offset when its first and last second agree. So when every
 * day from two before to two after the span starts and ends on one offset,
 * each of those reads gives it.
 */
bool tz_fixed_between(const struct tz *z, int64_t wall_from, int64_t wall_to,
		      int *offset)
{
	int64_t first = wall_from / 86400 - (wall_from % 86400 < 0) - 2;
	int64_t last = wall_to / 86400 - (wall_to % 86400 < 0) + 2;
	int off = tz_offset_at(z, first * 86400);

	for (int64_t day = first; day <= last; day++)
		if (tz_offset_at(z, day * 86400) != off ||
		    tz_offset_at(z, day * 86400 + 86399) != off)
			return false;
	*offset = off;
	return true;
}

/* The least and greatest offset in force from a to b (probed every 6 h). */
static void offsets_near(const struct tz *z, int64_t a, int64_t b, int *lo,
			 int *hi)
{
	*lo = *hi = tz_offset_at(z, a);
	for (int64_t t = a; t <= b; t += 6 * 3600) {
		int off = tz_offset_at(z, t);
		if (off < *lo)
			*lo = off;
		if (off > *hi)
			*hi = off;
	}
}

/*
 * A wall-clock time is read with an offset in force within a day of its
 * instant (the one before a gap, the first of a fold). For instants near
 * from, the offsets in force from a day before to three after bound it;
 * instants two days or more inside the window are further in than any
 * offset (under 15 h) can carry them. Likewise at to.
 */
void tz_wall_span(const struct tz *z, int64_t from, int64_t to,
		  int64_t *wall_from, int64_t *wall_to)
{
	int lo, hi, unused;

	offsets_near(z, from - 86400, from + 3 * 86400, &lo, &unused);
	offsets_near(z, to - 3 * 86400, to + 86400, &unused, &hi);
	*wall_from = from + lo;
	*wall_to = to + hi;
}

struct civil tz_from_utc(const struct tz *z, int64_t utc, int *offset)
{
	int off = tz_offset_at(z, utc);

	if (offset)
		*offset = off;
	return civil_from_seconds(utc + off);
}

void tz_format_offset(int offset, char buf[8])
{
	char sign = offset < 0 ? '-' : '+';
	int a = abs(offset);

	snprintf(buf, 8, "%c%02d:%02d", sign, (a / 3600) % 100, a / 60 % 60);
}

/* The zone name at the end of a path such as /usr/share/zoneinfo/Asia/Tokyo. */
static const char *zone_from_path(const char *path)
{
	const char *p = strstr(path, "zoneinfo/");
	return p ? p + strlen("zoneinfo/") : NULL;
}

const char *tz_system_name(void)
{
	static char name[TZ_NAME_MAX + 1];
	const char *env = getenv("TZ");
	char link[512];
	ssize_t n;
	FILE *f;

	if (env && *env == ':')
		env++;
	if (env && *env && (zone_from_path(env) || tz_get(env))) {
		const char *z = zone_from_path(env);
		snprintf(name, sizeof name, "%s", z ? z : env);
		if (tz_get(name))
			return name;
	}
	n = readlink("/etc/localtime", link, sizeof link - 1);
	if (n > 0) {
		const char *z;
		link[n] = '\0';
		z = zone_from_path(link);
		if (z && tz_get(z)) {
			snprintf(name, sizeof name, "%s", z);
			return name;
		}
	}
	f = fopen("/etc/timezone", "r");
	if (f) {
		bool ok = fgets(name, sizeof name, f) != NULL;
		fclose(f);
		name[strcspn(name, "\r\n")] = '\0';
		if (ok && tz_get(name))
			return name;
	}
	return "UTC";
}

void tz_cleanup(void)
{
	while (zones) {
		struct tz *next = zones->next;
		free(zones);
		zones = next;
	}
	icaltimezone_free_builtin_timezones();
}
