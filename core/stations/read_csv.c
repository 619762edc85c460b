/*
 * read_csv.c - stations and demand points from a CSV file with a heading
 * row (as a spreadsheet saves it): columns named in English or Chinese, in
 * any order, every problem named by its line.
 */
#include "stations_int.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../csv.h"
#include "../i18n.h"
#include "../text.h"

enum column { COL_NONE = -1, COL_ID, COL_NAME, COL_TYPE, COL_ADDRESS,
	      COL_LAT, COL_LON, COL_CRS, COL_SERVICES, COL_CONTACT, COL_HOURS,
	      COL_NOTES, COL_MEMBERS, COL_WEIGHT, N_COLUMNS };

/* Heading names, lowercased; the first is what export writes. */
static const struct {
	enum column col;
	const char *names[6];
	bool stations, demand;   /* which files take it */
} columns[] = {
	{ COL_ID, { "id", "ref", "编号", "序号" }, true, true },
	{ COL_NAME, { "name", "名称", "站点名称", "驿站名称" }, true, true },
	{ COL_TYPE, { "type", "类型" }, true, false },
	{ COL_ADDRESS, { "address", "地址" }, true, false },
	{ COL_LAT, { "lat", "latitude", "纬度" }, true, true },
	{ COL_LON, { "lon", "lng", "longitude", "经度" }, true, true },
	{ COL_CRS, { "crs", "坐标系" }, true, true },
	{ COL_SERVICES, { "services", "服务", "服务项目" }, true, false },
	{ COL_CONTACT, { "contact", "phone", "联系方式", "电话" }, true, false },
	{ COL_HOURS, { "opening_hours", "hours", "开放时间" }, true, false },
	{ COL_NOTES, { "notes", "备注" }, true, false },
	{ COL_MEMBERS, { "members", "成员" }, true, false },
	{ COL_WEIGHT, { "weight", "权重", "人数" }, false, true },
};

void station_recs_free(struct station_recs *r)
{
	for (size_t i = 0; i < r->n; i++) {
		station_free(&r->v[i].s);
		free(r->v[i].where);
	}
	free(r->v);
	strv_free(&r->problems);
	strv_free(&r->notes);
	memset(r, 0, sizeof *r);
}

void recs_problem(struct station_recs *r, const char *where, const char *fmt,
		  ...)
{
	va_list ap;
	char *msg, *line;

	r->n_problems++;
	if (r->problems.n >= IMPORT_MAX_PROBLEMS)
		return;
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	/* TRANSLATORS: where in a file (line 4, features[2]): what is wrong. */
	line = xasprintf(_("%s: %s"), where, msg);
	strv_add(&r->problems, line);
	free(line);
	free(msg);
}

struct station_rec *recs_add(struct station_recs *r, const char *where)
{
	struct station_rec *rec;

	r->v = xgrow(r->v, &r->cap, r->n + 1, sizeof *r->v);
	rec = &r->v[r->n++];
	memset(rec, 0, sizeof *rec);
	rec->where = xstrdup(where);
	rec->weight = 1;
	return rec;
}

void recs_split_list(const char *text, struct strv *out)
{
	/* Separators of a list in one field, as people type them. */
	static const char *const seps[] = { ";", "|", "；", "、", "，" };

	strv_split(out, text, seps, sizeof seps / sizeof *seps);
}

/* Lowercased and trimmed, for comparing headings. */
static char *heading_key(const char *h)
{
	char *k = xstrdup(h), *end;

	for (char *p = k; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	end = k + strlen(k);
	while (end > k && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return k;
}

static enum column column_named(const char *heading, bool demand)
{
	char *key = heading_key(heading + strspn(heading, " \t"));
	enum column found = COL_NONE;

	for (size_t i = 0; i < sizeof columns / sizeof *columns; i++) {
		if (demand ? !columns[i].demand : !columns[i].stations)
			continue;
		for (size_t k = 0; k < 6 && columns[i].names[k]; k++)
			if (!strcmp(key, columns[i].names[k]))
				found = columns[i].col;
	}
	free(key);
	return found;
}

/* A number that must be all of the field; false when it is not. */
static bool read_number(const char *text, double *out)
{
	char *end;

	while (isspace((unsigned char)*text))
		text++;
	*out = strtod(text, &end);
	if (end == text)
		return false;
	while (isspace((unsigned char)*end))
		end++;
	return !*end && isfinite(*out);
}

static void set_text(char **slot, const char *value)
{
	free(*slot);
	*slot = str_empty(value) ? NULL : xstrdup(value);
}

/* Fills rec from one row's fields by the heading's columns. */
static void read_row(struct station_recs *r, struct station_rec *rec,
		     const int *map, const struct strv *fields)
{
	const char *lat = NULL, *lon = NULL;
	struct station *s = &rec->s;

	for (size_t i = 0; i < fields->n; i++) {
		const char *v = fields->v[i];
		char *val = csv_unguard(xstrdup(v));
		static const int field_of[N_COLUMNS] = {
			[COL_ID] = F_ID, [COL_NAME] = -1, [COL_TYPE] = F_TYPE,
			[COL_ADDRESS] = F_ADDRESS, [COL_LAT] = F_GEO,
			[COL_LON] = F_GEO, [COL_CRS] = -1,
			[COL_SERVICES] = F_SERVICES, [COL_CONTACT] = F_CONTACT,
			[COL_HOURS] = F_HOURS, [COL_NOTES] = F_NOTES,
			[COL_MEMBERS] = F_MEMBERS, [COL_WEIGHT] = F_WEIGHT };
		if (map[i] >= 0 && field_of[map[i]] >= 0)
			rec->given |= GIVEN(field_of[map[i]]);
		switch (map[i]) {
		case COL_ID: set_text(&s->ref, val); break;
		case COL_NAME: set_text(&s->v.name, val); break;
		case COL_TYPE: set_text(&s->v.type, val); break;
		case COL_ADDRESS: set_text(&s->v.address, val); break;
		case COL_LAT: lat = v; break;
		case COL_LON: lon = v; break;
		case COL_CRS:
			if (*val && !(rec->has_crs = crs_parse(val, &rec->crs)))
				recs_problem(r, rec->where, _("the coordinate system "
					"'%s' is neither wgs84 nor gcj02"), val);
			break;
		case COL_SERVICES: recs_split_list(val, &s->v.services); break;
		case COL_CONTACT: set_text(&s->contact, val); break;
		case COL_HOURS: set_text(&s->hours, val); break;
		case COL_NOTES: set_text(&s->v.notes, val); break;
		case COL_MEMBERS: recs_split_list(val, &s->members); break;
		case COL_WEIGHT:
			if (*val && !read_number(val, &rec->weight))
				recs_problem(r, rec->where, _("the weight '%s' is "
							     "not a number"), val);
			break;
		default: break;
		}
		free(val);
	}
	if (str_empty(lat) && str_empty(lon))
		return;
	if (str_empty(lat) || str_empty(lon)) {
		recs_problem(r, rec->where, _("give both latitude and longitude, "
					     "or neither"));
		return;
	}
	if (!read_number(lat, &s->v.lat))
		recs_problem(r, rec->where, _("the latitude '%s' is not a number"),
			     lat);
	else if (!read_number(lon, &s->v.lon))
		recs_problem(r, rec->where, _("the longitude '%s' is not a "
					     "number"), lon);
	else
		s->v.has_geo = true;
}

/* Reads the heading; false (with a problem) when it is unusable. */
static bool read_heading(struct station_recs *r, const struct strv *h,
			 int *map, int line)
{
	bool seen[N_COLUMNS] = { false };
	char where[32];

	snprintf(where, sizeof where, _("line %d"), line);
	for (size_t i = 0; i < h->n; i++) {
		map[i] = column_named(h->v[i], r->demand);
		if (map[i] == COL_NONE) {
			char *note = xasprintf(_("the column '%s' was left aside"),
					       h->v[i]);
			if (*h->v[i])
				strv_add(&r->notes, note);
			free(note);
		} else if (seen[map[i]]) {
			recs_problem(r, where, _("the column '%s' comes twice"),
				     h->v[i]);
			return false;
		}
		if (map[i] != COL_NONE)
			seen[map[i]] = true;
	}
	if (!seen[COL_NAME]) {
		recs_problem(r, where, _("the heading has no 'name' column "
					"(名称)"));
		return false;
	}
	if (r->demand && (!seen[COL_LAT] || !seen[COL_LON])) {
		recs_problem(r, where, _("the heading has no 'lat' and 'lon' "
					"columns (纬度, 经度)"));
		return false;
	}
	return true;
}

void stations_read_csv(const char *text, size_t len, struct station_recs *out)
{
	struct csv_reader rd;
	struct strv fields = { 0 };
	struct herr err;
	int *map = NULL, got;
	size_t ncols = 0;

	csv_reader_init(&rd, text, len);
	while ((got = csv_read(&rd, &fields, &err)) != 0) {
		char where[32];
		if (got < 0) {
			snprintf(where, sizeof where, _("line %d"), rd.error_line);
			recs_problem(out, where, "%s", err.msg);
			break;
		}
		snprintf(where, sizeof where, _("line %d"), rd.record_line);
		if (!map) {
			ncols = fields.n;
			map = xcalloc(ncols + 1, sizeof *map);
			if (!read_heading(out, &fields, map, rd.record_line))
				break;
			continue;
		}
		if (fields.n != ncols) {
			recs_problem(out, where, _("%zu fields where the heading has "
						  "%zu"), fields.n, ncols);
			continue;
		}
		read_row(out, recs_add(out, where), map, &fields);
	}
	if (!map && out->n_problems == 0)
		recs_problem(out, _("line 1"), _("the file is empty: it needs a "
						 "heading row"));
	free(map);
	strv_free(&fields);
}
