/*
 * read_geojson.c - stations and demand points from GeoJSON (RFC 7946), as
 * QGIS, geojson.io, uMap and OpenStreetMap exports write it: a
 * FeatureCollection of Point features (or one Feature), read by jansson.
 * Properties take the names of hearth's CSV columns and OpenStreetMap's
 * (opening_hours, phone). Every problem names its feature by index,
 * features[2], as a JSON path does.
 *
 * RFC 7946 says coordinates are WGS-84; a file from a Chinese map may say
 * otherwise in the "crs" member of the older GeoJSON of 2008, which is
 * read ({"type": "name", "properties": {"name": "GCJ-02"}}), or in a
 * "crs" property of a feature.
 */
#include "stations_int.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "../text.h"

/* Whether obj has one of the property names, even null. */
static bool has_prop(json_t *obj, const char *const *names)
{
	for (size_t i = 0; names[i]; i++)
		if (json_object_get(obj, names[i]))
			return true;
	return false;
}

/* The first of the property names that obj has with a value. */
static json_t *prop(json_t *obj, const char *const *names)
{
	for (size_t i = 0; names[i]; i++) {
		json_t *v = json_object_get(obj, names[i]);
		if (v && !json_is_null(v))
			return v;
	}
	return NULL;
}

/* A string or number property as text; false (a problem) otherwise. */
static bool text_of(struct station_recs *r, const char *where, json_t *v,
		    const char *name, char **out)
{
	if (!v)
		return true;
	free(*out);
	*out = NULL;
	if (json_is_string(v)) {
		if (json_string_length(v) != strlen(json_string_value(v))) {
			recs_problem(r, where, _("'%s' holds a NUL character"),
				     name);
			return false;
		}
		*out = *json_string_value(v) ? xstrdup(json_string_value(v))
					     : NULL;
	} else if (json_is_integer(v)) {
		*out = xasprintf("%" JSON_INTEGER_FORMAT, json_integer_value(v));
	} else if (json_is_real(v)) {
		*out = xasprintf("%g", json_real_value(v));
	} else {
		recs_problem(r, where, _("'%s' must be text"), name);
		return false;
	}
	return true;
}

/* A list given as an array of strings or as one string. */
static void list_of(struct station_recs *r, const char *where, json_t *v,
		    const char *name, struct strv *out)
{
	size_t i;
	json_t *item;

	if (!v)
		return;
	if (json_is_string(v)) {
		recs_split_list(json_string_value(v), out);
		return;
	}
	if (!json_is_array(v)) {
		recs_problem(r, where, _("'%s' must be a list of text"), name);
		return;
	}
	json_array_foreach(v, i, item) {
		if (!json_is_string(item)) {
			recs_problem(r, where, _("'%s' must be a list of text"),
				     name);
			return;
		}
		if (*json_string_value(item))
			strv_add(out, json_string_value(item));
	}
}

static void read_point(struct station_recs *r, struct station_rec *rec,
		       json_t *geometry)
{
	json_t *type = json_object_get(geometry, "type");
	json_t *coords = json_object_get(geometry, "coordinates");

	if (!json_is_string(type) || strcmp(json_string_value(type), "Point")) {
		recs_problem(r, rec->where, _("the geometry must be a Point"));
		return;
	}
	if (!json_is_array(coords) || json_array_size(coords) < 2 ||
	    json_array_size(coords) > 3 ||
	    !json_is_number(json_array_get(coords, 0)) ||
	    !json_is_number(json_array_get(coords, 1))) {
		recs_problem(r, rec->where, _("a Point's coordinates must be "
					     "[longitude, latitude]"));
		return;
	}
	rec->s.v.lon = json_number_value(json_array_get(coords, 0));
	rec->s.v.lat = json_number_value(json_array_get(coords, 1));
	rec->s.v.has_geo = true;
}

static void read_feature(struct station_recs *r, json_t *f, const char *where)
{
	static const char *const id_names[] = { "id", "ref", "编号", NULL };
	static const char *const name_names[] = { "name", "名称", NULL };
	static const char *const type_names[] = { "type", "类型", NULL };
	static const char *const addr_names[] = { "address", "addr:full",
						  "地址", NULL };
	static const char *const svc_names[] = { "services", "服务", NULL };
	static const char *const contact_names[] = { "contact", "phone",
						     "contact:phone", "电话", NULL };
	static const char *const hours_names[] = { "opening_hours", "hours",
						   "开放时间", NULL };
	static const char *const notes_names[] = { "notes", "description",
						   "备注", NULL };
	static const char *const members_names[] = { "members", "成员", NULL };
	static const char *const weight_names[] = { "weight", "权重", "人数",
						    NULL };
	static const char *const crs_names[] = { "crs", "坐标系", NULL };
	struct station_rec *rec;
	json_t *props, *geometry, *v, *type = json_object_get(f, "type");
	struct station *s;
	char *crs = NULL;

	if (!json_is_object(f) || !json_is_string(type) ||
	    strcmp(json_string_value(type), "Feature")) {
		recs_problem(r, where, _("not a GeoJSON Feature"));
		return;
	}
	rec = recs_add(r, where);
	s = &rec->s;
	props = json_object_get(f, "properties");
	if (props && !json_is_null(props) && !json_is_object(props)) {
		recs_problem(r, where, _("'properties' must be an object"));
		return;
	}
	/* A feature always has a geometry (null: nowhere). */
	rec->given |= GIVEN(F_GEO);
	geometry = json_object_get(f, "geometry");
	if (geometry && !json_is_null(geometry))
		read_point(r, rec, geometry);
	/* The feature's own id, else one among its properties. */
	v = json_object_get(f, "id");
	if (v || has_prop(props, id_names))
		rec->given |= GIVEN(F_ID);
	text_of(r, where, v ? v : prop(props, id_names), "id", &s->ref);
	text_of(r, where, prop(props, name_names), "name", &s->v.name);
	text_of(r, where, prop(props, crs_names), "crs", &crs);
	if (crs && !(rec->has_crs = crs_parse(crs, &rec->crs)))
		recs_problem(r, where, _("the coordinate system '%s' is neither "
					 "wgs84 nor gcj02"), crs);
	free(crs);
	if (r->demand) {
		if ((v = prop(props, weight_names))) {
			if (json_is_number(v))
				rec->weight = json_number_value(v);
			else
				recs_problem(r, where, _("'weight' must be a "
							 "number"));
		}
		return;
	}
	const struct {
		const char *const *names;
		enum rec_field field;
	} given[] = { { type_names, F_TYPE }, { addr_names, F_ADDRESS },
		      { svc_names, F_SERVICES }, { contact_names, F_CONTACT },
		      { hours_names, F_HOURS }, { notes_names, F_NOTES },
		      { members_names, F_MEMBERS } };
	for (size_t k = 0; k < sizeof given / sizeof *given; k++)
		if (has_prop(props, given[k].names))
			rec->given |= GIVEN(given[k].field);
	text_of(r, where, prop(props, type_names), "type", &s->v.type);
	text_of(r, where, prop(props, addr_names), "address", &s->v.address);
	list_of(r, where, prop(props, svc_names), "services", &s->v.services);
	text_of(r, where, prop(props, contact_names), "contact", &s->contact);
	text_of(r, where, prop(props, hours_names), "opening_hours", &s->hours);
	text_of(r, where, prop(props, notes_names), "notes", &s->v.notes);
	list_of(r, where, prop(props, members_names), "members", &s->members);
}

/* The crs member of GeoJSON 2008: {"type": "name", "properties":
 * {"name": "..."}}. */
static void read_file_crs(struct station_recs *r, json_t *root)
{
	json_t *crs = json_object_get(root, "crs");
	json_t *name = json_object_get(json_object_get(crs, "properties"),
				       "name");

	if (!crs || json_is_null(crs))
		return;
	if (!json_is_string(name) ||
	    !(r->has_crs = crs_parse(json_string_value(name), &r->crs)))
		recs_problem(r, "crs", _("the file's coordinate system is neither "
					 "WGS-84 (CRS84) nor GCJ-02"));
}

void stations_read_geojson(const char *text, size_t len,
			   struct station_recs *out)
{
	json_error_t e;
	json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &e), *f;
	json_t *type;
	size_t i;

	if (!root) {
		char where[64];
		snprintf(where, sizeof where, _("line %d, column %d"), e.line,
			 e.column);
		recs_problem(out, where, _("not JSON: %s"), e.text);
		return;
	}
	type = json_object_get(root, "type");
	read_file_crs(out, root);
	if (json_is_string(type) && !strcmp(json_string_value(type), "Feature")) {
		read_feature(out, root, "feature");
	} else if (json_is_string(type) &&
		   !strcmp(json_string_value(type), "FeatureCollection") &&
		   json_is_array(json_object_get(root, "features"))) {
		json_array_foreach(json_object_get(root, "features"), i, f) {
			char where[48];
			snprintf(where, sizeof where, "features[%zu]", i);
			read_feature(out, f, where);
		}
	} else {
		recs_problem(out, "type", _("not a GeoJSON FeatureCollection or "
					    "Feature"));
	}
	json_decref(root);
}
