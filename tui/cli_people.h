/*
 * cli_people.h - what the commands of volunteers, shifts and points share
 * (cli_people.c, cli_shift.c, cli_points.c): finding a person and an
 * occurrence from what was typed, and writing JSON fields.
 */
#ifndef HEARTH_CLI_PEOPLE_H
#define HEARTH_CLI_PEOPLE_H

#include "../core/people/people.h"
#include "cli.h"

/* Opens the database and finds PERSON (an ID or an unambiguous name). */
int cli_person(struct app *a, const char *text, int64_t *id);
/*
 * Opens the database and finds EVENT (a UID, a prefix of one, or a part of
 * a title only one event has) and, when at is not NULL, its occurrence at
 * WHEN (an original start, or the day it takes place now).
 */
int cli_shift_occurrence(struct app *a, const char *event, const char *at,
		   int64_t *series_id, struct civil *rid);
/* The zone of a series (for --time and for showing its times). */
const struct tz *cli_series_zone(struct app *a, int64_t series_id);

/* JSON: "key": value, with a comma before unless first. */
void cli_json_str(FILE *out, const char *key, const char *value, bool first);
void cli_json_int(FILE *out, const char *key, int64_t value, bool first);
void cli_json_bool(FILE *out, const char *key, bool value, bool first);
/* An instant as ISO 8601 in zone z, or null when 0. */
void cli_json_time(FILE *out, const char *key, const struct tz *z,
		   int64_t at, bool first);
/* "[\"a\",\"b\"]" for a list of strings, after "key": */
void cli_json_strv(FILE *out, const char *key, const struct strv *v,
		   bool first);

/* "7.5" hours, or "8" when whole. */
void cli_hours(int minutes, char buf[16]);

#endif
