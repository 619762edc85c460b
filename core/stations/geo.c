/*
 * geo.c - points on the Earth: distances, the two coordinate systems
 * Chinese stations come in, and travel time.
 */
#include "stations.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "../when.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

/* The mean radius of the Earth (IUGG), in metres. */
#define EARTH_RADIUS 6371008.8

/* Keeps letters and digits of text, lowercased, in out (for names). */
static void squeeze(const char *text, char *out, size_t n)
{
	size_t k = 0;

	for (; *text && k + 1 < n; text++)
		if (isalnum((unsigned char)*text))
			out[k++] = (char)tolower((unsigned char)*text);
		else if ((unsigned char)*text >= 0x80)
			out[k++] = *text;
	out[k] = '\0';
}

bool crs_parse(const char *text, enum crs *out)
{
	static const struct {
		const char *name;
		enum crs crs;
	} names[] = {
		{ "wgs84", CRS_WGS84 }, { "epsg4326", CRS_WGS84 },
		{ "crs84", CRS_WGS84 }, { "urnogcdefcrsogc13crs84", CRS_WGS84 },
		{ "urnogcdefcrsepsg4326", CRS_WGS84 }, { "gps", CRS_WGS84 },
		{ "gcj02", CRS_GCJ02 }, { "火星坐标", CRS_GCJ02 },
		{ "国测局坐标", CRS_GCJ02 },
	};
	char key[64];

	if (!text)
		return false;
	squeeze(text, key, sizeof key);
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (!strcmp(key, names[i].name)) {
			*out = names[i].crs;
			return true;
		}
	return false;
}

const char *crs_name(enum crs c)
{
	return c == CRS_GCJ02 ? "gcj02" : "wgs84";
}

bool geo_in_china(double lat, double lon)
{
	return lon >= 72.004 && lon <= 137.8347 && lat >= 0.8293 &&
	       lat <= 55.8271;
}

/*
 * The published GCJ-02 offset: a polynomial and sine series in the
 * distance from (35 N, 105 E), scaled on the Krasovsky ellipsoid.
 */
static double shift_lat(double x, double y)
{
	double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y +
		   0.2 * sqrt(fabs(x));

	r += (20.0 * sin(6.0 * x * M_PI) + 20.0 * sin(2.0 * x * M_PI)) * 2.0 / 3.0;
	r += (20.0 * sin(y * M_PI) + 40.0 * sin(y / 3.0 * M_PI)) * 2.0 / 3.0;
	r += (160.0 * sin(y / 12.0 * M_PI) + 320.0 * sin(y * M_PI / 30.0)) *
	     2.0 / 3.0;
	return r;
}

static double shift_lon(double x, double y)
{
	double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y +
		   0.1 * sqrt(fabs(x));

	r += (20.0 * sin(6.0 * x * M_PI) + 20.0 * sin(2.0 * x * M_PI)) * 2.0 / 3.0;
	r += (20.0 * sin(x * M_PI) + 40.0 * sin(x / 3.0 * M_PI)) * 2.0 / 3.0;
	r += (150.0 * sin(x / 12.0 * M_PI) + 300.0 * sin(x / 30.0 * M_PI)) *
	     2.0 / 3.0;
	return r;
}

void geo_wgs_to_gcj(double lat, double lon, double *glat, double *glon)
{
	const double a = 6378245.0, ee = 0.00669342162296594323;
	double dlat, dlon, rad, magic, sq;

	if (!geo_in_china(lat, lon)) {
		*glat = lat;
		*glon = lon;
		return;
	}
	dlat = shift_lat(lon - 105.0, lat - 35.0);
	dlon = shift_lon(lon - 105.0, lat - 35.0);
	rad = lat / 180.0 * M_PI;
	magic = sin(rad);
	magic = 1 - ee * magic * magic;
	sq = sqrt(magic);
	dlat = (dlat * 180.0) / ((a * (1 - ee)) / (magic * sq) * M_PI);
	dlon = (dlon * 180.0) / (a / sq * cos(rad) * M_PI);
	*glat = lat + dlat;
	*glon = lon + dlon;
}

/*
 * The formula has no closed inverse; the offset changes slowly, so taking
 * the point whose shift lands on the given one, by fixed-point iteration,
 * converges to well under a millimetre in a few steps.
 */
void geo_gcj_to_wgs(double glat, double glon, double *lat, double *lon)
{
	double la = glat, lo = glon;

	for (int i = 0; i < 30; i++) {
		double tla, tlo;
		geo_wgs_to_gcj(la, lo, &tla, &tlo);
		double ela = glat - tla, elo = glon - tlo;
		la += ela;
		lo += elo;
		if (fabs(ela) < 1e-10 && fabs(elo) < 1e-10)
			break;
	}
	*lat = la;
	*lon = lo;
}

void geo_to_wgs(enum crs c, double *lat, double *lon)
{
	if (c == CRS_GCJ02)
		geo_gcj_to_wgs(*lat, *lon, lat, lon);
}

void geo_from_wgs(enum crs c, double *lat, double *lon)
{
	if (c == CRS_GCJ02)
		geo_wgs_to_gcj(*lat, *lon, lat, lon);
}

/* Haversine: accurate at the few kilometres of a service circle. */
double geo_distance(double lat1, double lon1, double lat2, double lon2)
{
	double p1 = lat1 * M_PI / 180, p2 = lat2 * M_PI / 180;
	double dp = p2 - p1, dl = (lon2 - lon1) * M_PI / 180;
	double h = sin(dp / 2) * sin(dp / 2) +
		   cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2);

	if (h > 1)
		h = 1;
	return 2 * EARTH_RADIUS * asin(sqrt(h));
}

int geo_check(double lat, double lon, struct herr *err)
{
	if (!isfinite(lat) || !isfinite(lon))
		return herr_set(err, HE_USER, _("coordinates must be numbers"));
	if (lat < -90 || lat > 90)
		return herr_set(err, HE_USER,
				_("latitude %g is out of range (-90 to 90)"), lat);
	if (lon < -180 || lon > 180)
		return herr_set(err, HE_USER,
				_("longitude %g is out of range (-180 to 180)"),
				lon);
	return HE_OK;
}

bool geo_parse_point(const char *text, double *lat, double *lon)
{
	char *end;

	if (!text || !*text || isspace((unsigned char)*text))
		return false;
	*lat = strtod(text, &end);
	if (end == text || *end != ',')
		return false;
	text = end + 1;
	while (*text == ' ')
		text++;
	if (!*text)
		return false;
	*lon = strtod(text, &end);
	return end != text && !*end && isfinite(*lat) && isfinite(*lon);
}

struct geo_box geo_box_around(double lat, double lon, double metres)
{
	double dlat = metres / (EARTH_RADIUS * M_PI / 180);
	double c = cos(lat * M_PI / 180);
	double dlon = c > 0.01 ? dlat / c : 360;
	struct geo_box b = { lat - dlat, lat + dlat, lon - dlon, lon + dlon };

	if (b.lat0 < -90) b.lat0 = -90;
	if (b.lat1 > 90) b.lat1 = 90;
	if (b.lon0 < -180) b.lon0 = -180;
	if (b.lon1 > 180) b.lon1 = 180;
	return b;
}

double travel_minutes(const struct travel *t, double metres)
{
	return metres * t->detour / (t->speed_kmh * 1000.0 / 60.0);
}

double travel_reach(const struct travel *t, double minutes)
{
	return minutes * (t->speed_kmh * 1000.0 / 60.0) / t->detour;
}

int travel_parse_minutes(const char *text, double *minutes, struct herr *err)
{
	size_t n = text ? strlen(text) : 0;
	char *plain = xstrdup(text ? text : "");
	int64_t secs;
	char *end;
	double v;
	int rc = HE_OK;

	/* "15min" and "15分钟" are minutes; the rest is when.h's length. */
	while (n && plain[n - 1] == ' ')
		plain[--n] = '\0';
	if (n > 3 && !strcmp(plain + n - 3, "min"))
		plain[n - 2] = '\0';
	else if (n > 6 && !strcmp(plain + n - 6, "分钟"))
		strcpy(plain + n - 6, "m");
	n = strlen(plain);
	while (n > 1 && plain[n - 2] == ' ') {
		memmove(plain + n - 2, plain + n - 1, 2);
		n--;
	}
	v = strtod(plain, &end);
	if (end != plain && !*end && isfinite(v) && v > 0)
		*minutes = v;
	else if (when_parse_duration(plain, &secs, NULL) == HE_OK)
		*minutes = secs / 60.0;
	else
		rc = herr_set(err, HE_USER, _("'%s' is not a travel time (try "
					      "15min, 1h or 1h30m)"),
			      text ? text : "");
	if (rc == HE_OK && (*minutes <= 0 || *minutes > 24 * 60))
		rc = herr_set(err, HE_USER, _("a travel time must be from 1 "
					      "minute to 24 hours, not '%s'"),
			      text);
	free(plain);
	return rc;
}
