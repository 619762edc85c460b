/*
 * ical_baseline.c - the peer of 'hearth import' in 'make bench-ical': the
 * least a libical-based importer does. It reads the whole file, parses it
 * into one libical tree, and inserts one SQLite row per VEVENT (UID,
 * SUMMARY, DTSTART, RRULE) in one transaction. No checking, no zones, no
 * recurrence, no bounded memory.
 *
 *   ical_baseline FILE DB
 */
#include <libical/ical.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	long n;
	char *buf;

	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET))
		return NULL;
	buf = malloc((size_t)n + 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n)
		return NULL;
	buf[n] = '\0';
	fclose(f);
	return buf;
}

int main(int argc, char **argv)
{
	char *text;
	icalcomponent *cal, *ev;
	sqlite3 *db;
	sqlite3_stmt *ins;
	long rows = 0;

	if (argc != 3 || !(text = slurp(argv[1])))
		return 2;
	cal = icalparser_parse_string(text);
	free(text);
	if (!cal || sqlite3_open(argv[2], &db) != SQLITE_OK)
		return 2;
	sqlite3_exec(db, "CREATE TABLE ev (uid TEXT, summary TEXT, dtstart TEXT,"
		     " rrule TEXT); BEGIN", NULL, NULL, NULL);
	sqlite3_prepare_v2(db, "INSERT INTO ev VALUES (?1, ?2, ?3, ?4)", -1, &ins,
			   NULL);
	for (ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	     ev; ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
		icalproperty *r = icalcomponent_get_first_property(ev,
							ICAL_RRULE_PROPERTY);
		sqlite3_bind_text(ins, 1, icalcomponent_get_uid(ev), -1,
				  SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 2, icalcomponent_get_summary(ev), -1,
				  SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 3,
				  icaltime_as_ical_string(icalcomponent_get_dtstart(ev)),
				  -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 4, r ? icalproperty_get_value_as_string(r)
					    : NULL, -1, SQLITE_TRANSIENT);
		sqlite3_step(ins);
		sqlite3_reset(ins);
		rows++;
	}
	sqlite3_finalize(ins);
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	sqlite3_close(db);
	icalcomponent_free(cal);
	printf("%ld rows\n", rows);
	return 0;
}
