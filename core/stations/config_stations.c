/*
 * config_stations.c - the [stations] options (coordinates of imported
 * files, travel speeds, the detour factor, the service circle) and the
 * public holidays of [holidays], which "PH" in opening hours means.
 */
#include "stations.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../civil.h"
#include "../i18n.h"

struct stations_config *stations_config_new(void)
{
	struct stations_config *c = xcalloc(1, sizeof *c);

	c->crs = CRS_WGS84;
	c->ride_kmh = 15;
	c->walk_kmh = 4.5;
	/* Roads in a Chinese town run about a third longer than the
	   straight line between two points. */
	c->detour = 1.3;
	c->within = 15;
	return c;
}

void stations_config_free(struct stations_config **cp)
{
	struct stations_config *c = *cp;

	if (!c)
		return;
	for (size_t i = 0; i < c->n_holidays; i++)
		free(c->holidays[i].name);
	free(c->holidays);
	free(c);
	*cp = NULL;
}

bool stations_config_section(const char *section)
{
	return !strcmp(section, "stations") || !strcmp(section, "holidays");
}

static bool positive(const char *value, double max, double *out)
{
	char *end;
	double v = strtod(value, &end);

	if (end == value || *end || !isfinite(v) || v <= 0 || v > max)
		return false;
	*out = v;
	return true;
}

static bool set_station_option(struct stations_config *c, const char *name,
			       const char *value, char *msg, size_t msglen)
{
	double v;

	if (!strcmp(name, "crs")) {
		if (crs_parse(value, &c->crs))
			return true;
		snprintf(msg, msglen, _("crs must be wgs84 or gcj02, not '%s'"),
			 value);
	} else if (!strcmp(name, "ride_speed") || !strcmp(name, "walk_speed")) {
		if (positive(value, 200, &v)) {
			*(name[0] == 'r' ? &c->ride_kmh : &c->walk_kmh) = v;
			return true;
		}
		snprintf(msg, msglen, _("%s wants km/h, a number above 0 such as "
					"15, not '%s'"), name, value);
	} else if (!strcmp(name, "detour")) {
		if (positive(value, 10, &v) && v >= 1) {
			c->detour = v;
			return true;
		}
		snprintf(msg, msglen, _("detour wants a factor from 1 to 10 such "
					"as 1.3, not '%s'"), value);
	} else if (!strcmp(name, "travel")) {
		if (!strcmp(value, "ride") || !strcmp(value, "walk")) {
			c->walk = value[0] == 'w';
			return true;
		}
		snprintf(msg, msglen, _("travel must be ride or walk, not '%s'"),
			 value);
	} else if (!strcmp(name, "within")) {
		double m;
		if (travel_parse_minutes(value, &m, NULL) == HE_OK && m >= 1) {
			c->within = (int)m;
			return true;
		}
		snprintf(msg, msglen, _("within wants minutes such as 15min, "
					"from 1min to 24h, not '%s'"), value);
	} else {
		snprintf(msg, msglen, _("unknown option '%s' in [stations]"),
			 name);
	}
	return false;
}

static int by_first(const void *a, const void *b)
{
	const struct holiday *x = a, *y = b;

	return (x->first > y->first) - (x->first < y->first);
}

/* "2027-01-01" or "2027-02-06..2027-02-13" = a name. */
static bool set_holiday(struct stations_config *c, const char *name,
			const char *value, char *msg, size_t msglen)
{
	const char *dots = strstr(name, "..");
	struct civil a, b;
	bool date_only = false, ok;
	char *first = xstrndup(name, dots ? (size_t)(dots - name) : strlen(name));

	ok = civil_parse(first, &a, &date_only) && date_only;
	b = a;
	if (ok && dots)
		ok = civil_parse(dots + 2, &b, &date_only) && date_only;
	free(first);
	if (!ok) {
		snprintf(msg, msglen, _("a holiday is a date or dates such as "
					"2027-02-06..2027-02-13, not '%s'"),
			 name);
		return false;
	}
	struct holiday h = { civil_days(a.year, a.month, a.day),
			     civil_days(b.year, b.month, b.day), NULL };
	if (h.last < h.first || h.last - h.first > 366) {
		snprintf(msg, msglen, _("the holiday '%s' ends before it starts "
					"or lasts more than a year"), name);
		return false;
	}
	h.name = xstrdup(value);
	c->holidays = xgrow(c->holidays, &c->cap_holidays, c->n_holidays + 1,
			    sizeof *c->holidays);
	c->holidays[c->n_holidays++] = h;
	qsort(c->holidays, c->n_holidays, sizeof *c->holidays, by_first);
	return true;
}

bool stations_config_set(struct stations_config *c, const char *section,
			 const char *name, const char *value, char *msg,
			 size_t msglen)
{
	if (!strcmp(section, "holidays"))
		return set_holiday(c, name, value, msg, msglen);
	return set_station_option(c, name, value, msg, msglen);
}

bool stations_holiday(const struct stations_config *c, int64_t day)
{
	/* Few holidays a year: a scan is as quick as a search. */
	for (size_t i = 0; i < c->n_holidays && c->holidays[i].first <= day; i++)
		if (day <= c->holidays[i].last)
			return true;
	return false;
}

struct travel stations_travel(const struct stations_config *c, bool walk)
{
	struct travel t = { walk ? c->walk_kmh : c->ride_kmh, c->detour };

	return t;
}
