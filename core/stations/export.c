/*
 * export.c - every venue as CSV (the columns the importer reads, with a
 * byte-order mark for Excel and WPS) or as GeoJSON (RFC 7946: a
 * FeatureCollection of Points in WGS-84, properties named as
 * OpenStreetMap names them where it has a name), written by jansson.
 * Exporting and importing again changes nothing.
 */
#include "stations.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../csv.h"
#include "../i18n.h"
#include "../text.h"

static char *joined(const struct strv *l)
{
	struct sbuf b = { 0 };

	sbuf_add(&b, "");
	for (size_t i = 0; i < l->n; i++)
		sbuf_addf(&b, "%s%s", i ? ";" : "", l->v[i]);
	return sbuf_take(&b);
}

static int export_csv(const struct station_list *l, enum crs crs, FILE *out,
		      struct herr *err)
{
	static const char *const heading[] = { "id", "name", "type", "address",
		"lat", "lon", "crs", "services", "contact", "opening_hours",
		"notes", "members" };
	struct csv w;

	csv_init(&w, out);
	csv_bom(&w);
	for (size_t i = 0; i < sizeof heading / sizeof *heading; i++)
		csv_text(&w, heading[i]);
	csv_end(&w);
	for (size_t i = 0; i < l->n; i++) {
		const struct station *s = &l->v[i];
		char *svc = joined(&s->v.services), *mem = joined(&s->members);
		csv_text(&w, s->ref);
		csv_text(&w, s->v.name);
		csv_text(&w, s->v.type);
		csv_text(&w, s->v.address);
		if (s->v.has_geo) {
			double lat = s->v.lat, lon = s->v.lon;
			geo_from_wgs(crs, &lat, &lon);
			csv_real(&w, lat, 7);
			csv_real(&w, lon, 7);
			csv_text(&w, crs_name(crs));
		} else {
			csv_text(&w, NULL);
			csv_text(&w, NULL);
			csv_text(&w, NULL);
		}
		csv_text(&w, svc);
		csv_text(&w, s->contact);
		csv_text(&w, s->hours);
		csv_text(&w, s->v.notes);
		csv_text(&w, mem);
		csv_end(&w);
		free(svc);
		free(mem);
	}
	return csv_finish(&w, _("the CSV file"), err);
}

/* Text from data as it leaves hearth: no control or bidi characters. */
static json_t *clean_string(const char *s)
{
	char *c = text_clean(s, true);
	json_t *j = json_string(c);

	free(c);
	return j ? j : json_string("");
}

static void set_text(json_t *obj, const char *key, const char *value)
{
	if (!str_empty(value))
		json_object_set_new(obj, key, clean_string(value));
}

static void set_list(json_t *obj, const char *key, const struct strv *l)
{
	json_t *a;

	if (!l->n)
		return;
	a = json_array();
	for (size_t i = 0; i < l->n; i++)
		json_array_append_new(a, clean_string(l->v[i]));
	json_object_set_new(obj, key, a);
}

/* Rounded to 7 decimals (a centimetre), so that files stay readable. */
static json_t *degrees(double v)
{
	return json_real(round(v * 1e7) / 1e7);
}

static json_t *feature(const struct station *s)
{
	json_t *f = json_object(), *props = json_object();

	json_object_set_new(f, "type", json_string("Feature"));
	if (s->ref)
		json_object_set_new(f, "id", clean_string(s->ref));
	if (s->v.has_geo) {
		json_t *g = json_object(), *c = json_array();
		json_array_append_new(c, degrees(s->v.lon));
		json_array_append_new(c, degrees(s->v.lat));
		json_object_set_new(g, "type", json_string("Point"));
		json_object_set_new(g, "coordinates", c);
		json_object_set_new(f, "geometry", g);
	} else {
		/* RFC 7946 3.2: an unlocated feature has a null geometry. */
		json_object_set_new(f, "geometry", json_null());
	}
	set_text(props, "name", s->v.name);
	set_text(props, "type", s->v.type);
	set_text(props, "address", s->v.address);
	set_list(props, "services", &s->v.services);
	set_text(props, "contact", s->contact);
	set_text(props, "opening_hours", s->hours);
	set_text(props, "notes", s->v.notes);
	set_list(props, "members", &s->members);
	json_object_set_new(f, "properties", props);
	return f;
}

static int export_geojson(const struct station_list *l, FILE *out,
			  struct herr *err)
{
	json_t *root = json_object(), *features = json_array();
	int rc = HE_OK;

	json_object_set_new(root, "type", json_string("FeatureCollection"));
	for (size_t i = 0; i < l->n; i++)
		json_array_append_new(features, feature(&l->v[i]));
	json_object_set_new(root, "features", features);
	if (json_dumpf(root, out, JSON_INDENT(1) | JSON_PRESERVE_ORDER |
		       JSON_REAL_PRECISION(12)) != 0 || fputc('\n', out) == EOF ||
	    fflush(out) != 0)
		rc = herr_set(err, HE_INTERNAL, _("writing the GeoJSON file: %s"),
			      strerror(errno));
	json_decref(root);
	return rc;
}

int stations_export(struct store *st, enum station_file format, enum crs crs,
		    FILE *out, struct herr *err)
{
	struct station_list l = { 0 };
	int rc;

	if (format == STATION_GEOJSON && crs != CRS_WGS84)
		return herr_set(err, HE_USER, _("GeoJSON is always WGS-84 (RFC "
						"7946): export CSV for GCJ-02"));
	if ((rc = store_stations(st, NULL, &l, err)) == HE_OK)
		rc = format == STATION_CSV ? export_csv(&l, crs, out, err)
					   : export_geojson(&l, out, err);
	station_list_free(&l);
	return rc;
}
