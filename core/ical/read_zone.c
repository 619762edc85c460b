/* read_zone.c - mapping the TZIDs of foreign calendars to IANA zones. */
#include "read_zone.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicode/ucal.h>
#include <unicode/ustring.h>

#include "../i18n.h"
#include "../civil.h"
#include "../sched_guard.h"

/* Most VTIMEZONEs kept from one file. */
#define MAX_ZONES 64
/* Most repeating observances in one VTIMEZONE (real ones have two). */
#define MAX_RULES 8
/* Matches against all of zone1970.tab per import (a few milliseconds each
 * with ICU's offsets); later ones only try the likely zones. */
#define MAX_FULL_SCANS 2
#define ZONE_TABLE "/usr/share/zoneinfo/zone1970.tab"

struct known {
	char *tzid;
	icaltimezone *vtz;       /* the file's definition, if usable */
	char *location;          /* its X-LIC-LOCATION */
	bool resolved;
	struct ics_tzres res;
	char *note;
};

struct ics_zones {
	const struct tz *dflt;
	int full_scans;          /* matches against every IANA zone so far */
	long converted;          /* times converted with a file's zone */
	struct known *v;
	size_t n, cap;
};

struct ics_zones *ics_zones_new(const struct tz *default_zone)
{
	struct ics_zones *z = xcalloc(1, sizeof *z);
	z->dflt = default_zone;
	return z;
}

void ics_zones_free(struct ics_zones **pz)
{
	struct ics_zones *z = *pz;

	if (!z)
		return;
	for (size_t i = 0; i < z->n; i++) {
		free(z->v[i].tzid);
		free(z->v[i].location);
		free(z->v[i].note);
		if (z->v[i].vtz)
			icaltimezone_free(z->v[i].vtz, 1);
	}
	free(z->v);
	free(z);
	*pz = NULL;
}

static struct known *find(struct ics_zones *z, const char *tzid)
{
	for (size_t i = 0; i < z->n; i++)
		if (!strcmp(z->v[i].tzid, tzid))
			return &z->v[i];
	return NULL;
}

static struct known *add_known(struct ics_zones *z, const char *tzid)
{
	struct known *k;

	z->v = xgrow(z->v, &z->cap, z->n + 1, sizeof *z->v);
	k = &z->v[z->n++];
	memset(k, 0, sizeof *k);
	k->tzid = xstrdup(tzid);
	return k;
}

/* A reason the observance c would make libical misbehave, or NULL. */
static const char *bad_observance(icalcomponent *c)
{
	icalproperty *p;
	struct icaltimetype start;
	int off;

	p = icalcomponent_get_first_property(c, ICAL_DTSTART_PROPERTY);
	if (!p)
		return N_("an observance has no DTSTART");
	start = icalproperty_get_dtstart(p);
	if (start.year < 1583 || start.year > 9999)
		return N_("an observance starts before 1583 or after 9999");
	if (!icalcomponent_get_first_property(c, ICAL_TZOFFSETTO_PROPERTY) ||
	    !icalcomponent_get_first_property(c, ICAL_TZOFFSETFROM_PROPERTY))
		return N_("an observance has no TZOFFSETFROM or TZOFFSETTO");
	off = icalproperty_get_tzoffsetto(
		icalcomponent_get_first_property(c, ICAL_TZOFFSETTO_PROPERTY));
	if (off < -86400 || off > 86400)
		return N_("an offset is more than a day");
	for (p = icalcomponent_get_first_property(c, ICAL_RRULE_PROPERTY); p;
	     p = icalcomponent_get_next_property(c, ICAL_RRULE_PROPERTY)) {
		struct icalrecurrencetype r = icalproperty_get_rrule(p);
		const char *why = sched_zone_rule_problem(&r);
		if (why)
			return why;
	}
	return NULL;
}

/*
 * Moves the start of a repeating observance from before 1970 (Outlook
 * writes 1601) to the same day of 1970: libical expands a file's zone from
 * its start on every lookup, so each one would step through four
 * centuries. Changes before 1970 do not matter to events hearth keeps.
 */
static void clamp_start(icalcomponent *c)
{
	icalproperty *p = icalcomponent_get_first_property(c,
							   ICAL_DTSTART_PROPERTY);
	struct icaltimetype t = icalproperty_get_dtstart(p);

	if (t.year >= 1970 ||
	    !icalcomponent_get_first_property(c, ICAL_RRULE_PROPERTY))
		return;
	t.year = 1970;
	if (t.month == 2 && t.day == 29)
		t.day = 28;
	icalproperty_set_dtstart(p, t);
}

/* Checks every observance of a VTIMEZONE. */
static const char *bad_vtimezone(icalcomponent *vtz)
{
	icalcomponent *c;
	int n = 0;

	for (c = icalcomponent_get_first_component(vtz, ICAL_ANY_COMPONENT); c;
	     c = icalcomponent_get_next_component(vtz, ICAL_ANY_COMPONENT)) {
		const char *why = bad_observance(c);
		if (why)
			return why;
		if (icalcomponent_get_first_property(c, ICAL_RRULE_PROPERTY) &&
		    ++n > MAX_RULES)
			return N_("it has more than 8 repeating observances");
		clamp_start(c);
	}
	return icalcomponent_get_first_component(vtz, ICAL_ANY_COMPONENT)
		? NULL : N_("it has no STANDARD or DAYLIGHT part");
}

void ics_zones_add(struct ics_zones *z, struct ics_comp *c, ics_note_fn note,
		   void *ctx)
{
	icalproperty *p = icalcomponent_get_first_property(c->comp,
							   ICAL_TZID_PROPERTY);
	const char *tzid = p ? icalproperty_get_tzid(p) : NULL;
	const char *why;
	struct known *k;
	char msg[300];

	if (!tzid || !*tzid) {
		/* TRANSLATORS: keep "note: " (notes are not problems). */
		note(ctx, c->line, _("note: VTIMEZONE without TZID ignored"));
		return;
	}
	if (find(z, tzid))
		return; /* the first definition wins */
	if (z->n >= MAX_ZONES) {
		/* TRANSLATORS: keep "note: " (notes are not problems). */
		note(ctx, c->line, _("note: too many VTIMEZONEs; this one is "
				     "ignored"));
		return;
	}
	k = add_known(z, tzid);
	p = icalcomponent_get_first_property(c->comp, ICAL_X_PROPERTY);
	for (; p; p = icalcomponent_get_next_property(c->comp, ICAL_X_PROPERTY))
		if (!strcmp(icalproperty_get_x_name(p), "X-LIC-LOCATION") &&
		    icalproperty_get_x(p))
			str_replace(&k->location, icalproperty_get_x(p));
	if ((why = bad_vtimezone(c->comp))) {
		/* TRANSLATORS: keep "note: " (notes are not problems); the
		   last %s says what is wrong with it. Its TZID may still name
		   a zone hearth knows; if not, the note on the time says so. */
		snprintf(msg, sizeof msg, _("note: VTIMEZONE %.100s not used: %s"),
			 tzid,
			 _(why));
		note(ctx, c->line, msg);
		return;
	}
	k->vtz = icaltimezone_new();
	if (!icaltimezone_set_component(k->vtz, c->comp)) {
		icaltimezone_free(k->vtz, 1);
		k->vtz = NULL;
		return;
	}
	c->comp = NULL; /* now the zone's */
}

bool ics_zones_take_conversion(struct ics_zones *z)
{
	return ++z->converted <= ICS_MAX_CONVERTED;
}

const struct tz *ics_zone_by_name(const char *tzid)
{
	const struct tz *z = tz_get(tzid);

	/* "/freeassociation.sourceforge.net/Asia/Shanghai": try each tail. */
	for (const char *p = tzid; !z && (p = strchr(p, '/')); p++)
		z = tz_get(p + 1);
	return z;
}

const struct tz *ics_zone_from_windows(const char *name)
{
	UChar win[128], id[128];
	char buf[128];
	UErrorCode status = U_ZERO_ERROR;
	size_t n = strlen(name);
	int32_t got;

	if (n == 0 || n >= 128)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (!isprint((unsigned char)name[i]) || (unsigned char)name[i] > 126)
			return NULL; /* ICU's invariant characters only */
	u_charsToUChars(name, win, (int32_t)n);
	got = ucal_getTimeZoneIDForWindowsID(win, (int32_t)n, NULL, id, 128,
					     &status);
	if (U_FAILURE(status) || got <= 0 || got >= 128)
		return NULL;
	u_UCharsToChars(id, buf, got);
	buf[got] = '\0';
	return tz_get(buf);
}

/*
 * An IANA zone a file's VTIMEZONE may match, with ICU's calendar in it.
 * Offsets of the candidates come from ICU rather than libical: libical
 * builds each zone from its file on first use, which took two seconds
 * for the first file whose VTIMEZONE matched nothing (fuzz: timeout),
 * where ICU has them compiled in. The zone a match gives is then read
 * from the system's data like any other (tz.h).
 */
struct candidate {
	char *name;
	UCalendar *cal;          /* NULL until first needed, then kept */
	bool missing;            /* ICU has no such zone */
};

/*
 * The canonical zone names from the system's zone1970.tab, read once per
 * process: they are the system's, not the file's, and reading them for
 * every import cost more than the import of a small file (fuzz). libical
 * keeps its zones for the life of the process as well.
 */
static struct candidate *candidates;
static size_t n_candidates;

static void load_candidates(void)
{
	static bool loaded;
	FILE *f;
	char line[512];
	size_t cap = 0;

	if (loaded)
		return;
	loaded = true;
	if (!(f = fopen(ZONE_TABLE, "r")))
		return;
	while (fgets(line, sizeof line, f)) {
		char *a, *b;
		if (line[0] == '#' || !(a = strchr(line, '\t')) ||
		    !(a = strchr(a + 1, '\t')))
			continue;
		a++;
		b = a + strcspn(a, "\t\n");
		*b = '\0';
		candidates = xgrow(candidates, &cap, n_candidates + 1,
				   sizeof *candidates);
		candidates[n_candidates++] = (struct candidate){ xstrdup(a), NULL,
								 false };
	}
	fclose(f);
}

/* True when tzid names the city of IANA zone name ("Hong Kong"). */
static bool names_city(const char *tzid, const char *name)
{
	const char *city = strrchr(name, '/');
	char buf[64];
	size_t n;

	city = city ? city + 1 : name;
	n = strlen(city);
	if (n < 3 || n >= sizeof buf)
		return false;
	for (size_t i = 0; i <= n; i++)
		buf[i] = city[i] == '_' ? ' ' : city[i];
	return strcasestr(tzid, buf) != NULL;
}

/* Weekly samples over three years: the file's zone costs libical a walk
 * through its rules at each, and zones that differ do so for weeks. */
#define SAMPLES (3 * 53)
#define STEP (7 * 86400)

static int offset_at(icaltimezone *zone, int64_t t);

/* The file zone's offsets at noon UTC, weekly over year-1 .. year+1. */
static void vtz_offsets(icaltimezone *vtz, int year, int *off)
{
	int64_t t = civil_days(year - 1, 1, 1) * 86400 + 43200;

	for (int i = 0; i < SAMPLES; i++, t += STEP)
		off[i] = offset_at(vtz, t);
}

static UCalendar *candidate_cal(struct candidate *c)
{
	UChar id[128];
	size_t n = strlen(c->name);
	UErrorCode status = U_ZERO_ERROR;

	if (c->cal || c->missing)
		return c->cal;
	c->missing = true;
	if (n >= sizeof id / sizeof *id)
		return NULL;
	u_charsToUChars(c->name, id, (int32_t)n);
	c->cal = ucal_open(id, (int32_t)n, "", UCAL_GREGORIAN, &status);
	if (U_FAILURE(status)) {
		if (c->cal)
			ucal_close(c->cal);
		c->cal = NULL;
		return NULL;
	}
	c->missing = false;
	return c->cal;
}

/* Seconds east of UTC in force at instant t in ICU's zone. */
static int icu_offset_at(UCalendar *cal, int64_t t)
{
	UErrorCode status = U_ZERO_ERROR;
	int off;

	ucal_setMillis(cal, (UDate)t * 1000.0, &status);
	off = ucal_get(cal, UCAL_ZONE_OFFSET, &status) +
	      ucal_get(cal, UCAL_DST_OFFSET, &status);
	return U_FAILURE(status) ? INT_MIN : off / 1000;
}

static int offset_at(icaltimezone *zone, int64_t t)
{
	struct icaltimetype u = icaltime_from_timet_with_zone(
		(time_t)t, 0, icaltimezone_get_utc_timezone());
	return icaltimezone_get_utc_offset_of_utc_time(zone, &u, NULL);
}

/* Weeks compared first: mid-January and mid-July of the middle year, where
 * zones of either hemisphere differ from most others already. */
static const int first_samples[] = { 55, 80 };

static bool same_offsets(struct candidate *c, int year, const int *off)
{
	UCalendar *cal = candidate_cal(c);
	int64_t t0 = civil_days(year - 1, 1, 1) * 86400 + 43200;

	if (!cal)
		return false;
	for (size_t i = 0; i < sizeof first_samples / sizeof *first_samples; i++)
		if (icu_offset_at(cal, t0 + (int64_t)first_samples[i] * STEP) !=
		    off[first_samples[i]])
			return false;
	for (int i = 0; i < SAMPLES; i++)
		if (icu_offset_at(cal, t0 + (int64_t)i * STEP) != off[i])
			return false;
	return true;
}

/* The candidate called name (the default zone is looked up by name). */
static struct candidate *candidate_named(const char *name)
{
	static struct candidate extra[8];
	static size_t n_extra;

	for (size_t i = 0; i < n_candidates; i++)
		if (!strcmp(candidates[i].name, name))
			return &candidates[i];
	for (size_t i = 0; i < n_extra; i++)
		if (!strcmp(extra[i].name, name))
			return &extra[i];
	if (n_extra == sizeof extra / sizeof *extra)
		return NULL;
	extra[n_extra] = (struct candidate){ xstrdup(name), NULL, false };
	return &extra[n_extra++];
}

/* The IANA zone whose offsets the file's VTIMEZONE has, or NULL. */
static const struct tz *match_vtimezone(struct ics_zones *z, struct known *k,
					int year)
{
	int *off = xcalloc(SAMPLES, sizeof *off);
	const char *found = NULL;
	int passes = z->full_scans < MAX_FULL_SCANS ? 2 : 1;
	struct candidate *c;

	/* libical walks a file's zone from its start at every lookup: compare
	 * over years near now, whatever year the event is in. */
	year = year < 1971 ? 1971 : year > 2037 ? 2037 : year;
	vtz_offsets(k->vtz, year, off);
	load_candidates();
	if (z->dflt && (c = candidate_named(tz_name(z->dflt))) &&
	    same_offsets(c, year, off))
		found = tz_name(z->dflt);
	if (!found && passes == 2)
		z->full_scans++;
	for (int pass = 0; pass < passes && !found; pass++)
		for (size_t i = 0; i < n_candidates && !found; i++)
			if ((pass == 1 || names_city(k->tzid, candidates[i].name)) &&
			    same_offsets(&candidates[i], year, off))
				found = candidates[i].name;
	free(off);
	return found ? tz_get(found) : NULL;
}

static void resolve(struct ics_zones *z, struct known *k, int year)
{
	const struct tz *zone = ics_zone_by_name(k->tzid);
	bool windows = false, by_offsets = false;

	if (!zone && k->location)
		zone = ics_zone_by_name(k->location);
	if (!zone && (zone = ics_zone_from_windows(k->tzid)))
		windows = true;
	if (!zone && k->vtz && (zone = match_vtimezone(z, k, year)))
		by_offsets = true;
	k->resolved = true;
	k->res.kind = ICS_TZ_IANA;
	k->res.zone = zone;
	if (zone && (windows || by_offsets)) {
		k->note = xasprintf(windows
			/* TRANSLATORS: keep "note: " (notes are not problems);
			   the second %s is an IANA zone (Asia/Shanghai). */
			? _("note: TZID '%.100s' is the Windows name of %s; "
			    "read in that zone")
			/* TRANSLATORS: keep "note: " (notes are not problems). */
			: _("note: TZID '%.100s' is not an IANA zone; its "
			    "VTIMEZONE has the offsets of %s; read in that zone"),
			k->tzid, tz_name(zone));
	} else if (!zone && k->vtz) {
		k->res.kind = ICS_TZ_CONVERT;
		k->res.conv = k->vtz;
		/* TRANSLATORS: keep "note: " (notes are not problems). */
		k->note = xasprintf(_("note: TZID '%.100s' matches no IANA zone; "
				      "times converted to UTC with its VTIMEZONE"),
				    k->tzid);
	} else if (!zone) {
		k->res.kind = ICS_TZ_UNKNOWN;
		k->res.zone = z->dflt;
		/* TRANSLATORS: keep "note: " (notes are not problems). */
		k->note = xasprintf(_("note: TZID '%.100s' is defined nowhere; "
				      "times read in %s"), k->tzid,
				    tz_name(z->dflt));
	}
}

void ics_zones_resolve(struct ics_zones *z, const char *tzid, int year,
		       struct ics_tzres *out, const char **note)
{
	struct known *k = find(z, tzid);

	*note = NULL;
	if (!k) {
		if (z->n >= 4 * MAX_ZONES) {
			/* A file naming endless zones: stop remembering them. */
			const struct tz *zone = ics_zone_by_name(tzid);
			out->kind = zone ? ICS_TZ_IANA : ICS_TZ_UNKNOWN;
			out->zone = zone ? zone : z->dflt;
			out->conv = NULL;
			return;
		}
		k = add_known(z, tzid);
	}
	if (!k->resolved) {
		resolve(z, k, year);
		*note = k->note;
	}
	*out = k->res;
}
