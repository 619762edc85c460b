/*
 * stations_int.h - what the readers of station and demand-point files
 * (read_csv.c, read_geojson.c) hand to the importer (import.c); not part
 * of the interface.
 */
#ifndef HEARTH_STATIONS_INT_H
#define HEARTH_STATIONS_INT_H

#include "stations.h"

/* The fields a file gives (a column or property it has, even empty);
 * those it does not have keep their stored values. */
enum rec_field { F_ID, F_TYPE, F_ADDRESS, F_GEO, F_SERVICES, F_CONTACT,
		 F_HOURS, F_NOTES, F_MEMBERS, F_WEIGHT };
#define GIVEN(f) (1u << (f))

/* One station or demand point as a file gives it. */
struct station_rec {
	unsigned given;          /* GIVEN(F_...) bits */
	struct station s;        /* coordinates as the file has them */
	char *where;             /* "line 4", "features[2]" */
	bool has_crs;            /* the row or feature says what it is in */
	enum crs crs;
	double weight;           /* demand points: 1 unless given */
};

struct station_recs {
	struct station_rec *v;
	size_t n, cap;
	bool has_crs;            /* the file says what it is in */
	enum crs crs;
	bool demand;             /* demand points, not stations */
	struct strv problems;    /* "line 4: ...", at most IMPORT_MAX_PROBLEMS */
	size_t n_problems;       /* all of them */
	struct strv notes;       /* what was left aside: "column 'x' ignored" */
};

#define IMPORT_MAX_PROBLEMS 20

void station_recs_free(struct station_recs *r);
/* Records a problem at where (fmt is a whole sentence). */
void recs_problem(struct station_recs *r, const char *where, const char *fmt,
		  ...) __attribute__((format(printf, 3, 4)));
/* Adds an empty record at where and returns it. */
struct station_rec *recs_add(struct station_recs *r, const char *where);
/* Splits a list of services or members written in one field at ; ； 、 |
 * and full-width commas into out (items trimmed, empty ones dropped). */
void recs_split_list(const char *text, struct strv *out);

/* The readers: records and problems into out. */
void stations_read_csv(const char *text, size_t len, struct station_recs *out);
void stations_read_geojson(const char *text, size_t len,
			   struct station_recs *out);

/* Events under way (open.c, coverage.c): the venues they keep open. */
struct event_open {
	char *venue;             /* a venue, or a member of the network held at */
	int64_t start, until;
	const char *title;       /* points into occs */
};
struct events {
	struct event_open *v;
	size_t n, cap;
	struct occ_list occs;
};
/* The occurrences overlapping [from, to), at their venues and at the
 * members of those that are networks. */
int events_in(struct store *st, int64_t from, int64_t to, struct events *e,
	      struct herr *err);
void events_free(struct events *e);
/* Whether station s has what q asks for (service, type). */
bool station_wanted(const struct station *s, const char *service,
		    const char *type);

#endif
