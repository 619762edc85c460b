/*
 * report.h - what was done in a period, in numbers: occurrences held and
 * cancelled, tallies summed by category, suggestions by topic and status,
 * grouped by week, month, kind, venue, organisation or category; written
 * as CSV, JSON or an Excel workbook, and as the bars and sparklines of the
 * terminal (chart.c).
 *
 * A report counts the occurrences that start in [from, to): those that
 * started before `now` and were not cancelled were held, later ones are
 * upcoming. Tallies count where their occurrence started. Weeks and months
 * are calendar weeks and months in the report's zone, so that a week
 * across a daylight-saving change still runs midnight to midnight.
 * Suggestions count by the day they were received.
 *
 * Filters narrow everything: a kind (exact key), a venue (part of the name
 * of where the occurrence took place, or of the suggestion's venue or
 * event), an organisation (part of the name of any organisation of the
 * event). Grouping by organisation puts each occurrence under its host.
 *
 * Volunteer hours and points (people.h) count under the occurrence whose
 * shift was worked; has_people says some shift of the period was, and only
 * then do outputs show them.
 */
#ifndef HEARTH_REPORT_H
#define HEARTH_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../civil.h"
#include "../config.h"
#include "../store.h"
#include "../suggest/suggest.h"
#include "../util.h"

enum report_by {
	REPORT_BY_WEEK, REPORT_BY_MONTH, REPORT_BY_KIND, REPORT_BY_VENUE,
	REPORT_BY_ORG, REPORT_BY_CATEGORY, REPORT_N_BY
};

/* "week", "month", "kind", "venue", "org", "category". */
const char *report_by_name(enum report_by b);
/* What a heading or a sheet says, translated: "By week". */
const char *report_by_label(enum report_by b);
bool report_by_parse(const char *name, enum report_by *out);

struct report_query {
	int64_t from, to;        /* occurrences that start in [from, to) */
	const char *zone;        /* IANA zone of days, weeks and months */
	int week_start;          /* 0 = Monday .. 6 = Sunday */
	const char *kind;        /* filters; NULL = any */
	const char *venue;
	const char *org;
	enum report_by by[REPORT_N_BY]; /* groupings, in the order shown */
	size_t n_by;
	int64_t now;             /* before it: held; from it on: upcoming */
	const struct config *cfg;
};

/* A category with something counted in the period. */
struct report_cat {
	char *key;
	char *label;             /* in the interface language */
	char *unit;              /* "" when it has none */
};

struct report_row {
	char *key;               /* kind key, venue, organisation, category key,
				    or the first day of a week or month
				    (2027-01-04, 2027-01); "" for none */
	char *label;             /* what people read */
	struct civil first, last; /* weeks and months: their days within the
				    report's period */
	long held, cancelled, upcoming;
	int64_t *sums;           /* by report category (n_cats) */
	long *counted;           /* occurrences with a count, by category */
	size_t cat;              /* category rows: which category */
	double hours;            /* volunteer hours, when has_people */
	int64_t points;
};

struct report_table {
	enum report_by by;
	struct report_row *rows;
	size_t n, cap;
};

/* Suggestions of one topic (key NULL: without a topic), by status. */
struct report_topic {
	char *key;
	char *label;
	long n[SUGG_N_STATUS];
	long total;
};

struct report {
	int64_t from, to, now;
	struct civil first, last; /* the period's first and last day */
	char *zone;
	char *filters;           /* the filters in words, or NULL */
	struct report_cat *cats;
	size_t n_cats;
	size_t main_cat;         /* the series charts show: people served when
				    counted, else the largest; n_cats when
				    nothing was counted */
	struct report_row total;
	struct report_table *tables; /* one per grouping asked for */
	size_t n_tables;
	struct report_topic *topics; /* topics in config order, then others */
	size_t n_topics;
	struct report_topic suggestions; /* all topics together */
	bool has_people;
};

/*
 * The demo calendar's tallies (every occurrence of the last 90 days that
 * has started) and a few dozen suggestions with their histories; called
 * by demo_load after the events, in its transaction.
 */
int report_demo_load(struct store *st, int64_t now, struct herr *err);

/*
 * Counts everything q asks for. The tallies are read in a second thread,
 * through a read-only connection of its own to st's file, while this one
 * reads the occurrences; st itself is only used from the calling thread.
 */
int report_build(struct store *st, const struct report_query *q,
		 struct report *out, struct herr *err);
void report_free(struct report *r);

/* The value of row in category c: its sum, or for category rows (whose
 * category is row->cat) their own sum when c is that category. */
int64_t report_sum(const struct report_table *t, const struct report_row *row,
		   size_t c);
/* The largest value the chart of category c shows in t (at least 1). */
int64_t report_max(const struct report *r, const struct report_table *t,
		   size_t c);

/*
 * The columns of figures every writer shows for a table's rows (and for
 * the total): occurrences held, cancelled, upcoming (when anything is),
 * one per category counted, volunteer hours and points (when recorded).
 * A category table has its own: total, occurrences counted, average.
 */
enum report_col_kind {
	REPORT_COL_HELD, REPORT_COL_CANCELLED, REPORT_COL_UPCOMING,
	REPORT_COL_CAT, REPORT_COL_HOURS, REPORT_COL_POINTS,
	REPORT_COL_TOTAL, REPORT_COL_COUNTED, REPORT_COL_AVERAGE,
};
struct report_col {
	enum report_col_kind kind;
	size_t cat;              /* REPORT_COL_CAT: which */
	char *heading;           /* translated, with the unit */
};
/* The columns of t (NULL: of the total); returns how many. */
size_t report_columns(const struct report *r, const struct report_table *t,
		      struct report_col **out);
void report_columns_free(struct report_col *v, size_t n);
/* The figure of row in column c; *whole says it is a whole number. */
double report_value(const struct report_row *row, const struct report_col *c,
		    bool *whole);
/* The heading of a category's column, "Meals (servings)" (caller frees). */
char *report_cat_heading(const struct report_cat *c);
/* The heading of the column that names t's rows ("Week", "Venue"). */
const char *report_row_heading(enum report_by by);

/*
 * Writers. CSV: UTF-8 with a byte-order mark, RFC 4180, one section per
 * table (a title line, a heading line, the rows; an empty line between).
 * XLSX: a workbook with a summary sheet, a sheet per grouping and one of
 * suggestions, written to path (a file of the caller's: put it in place
 * only once this returns HE_OK).
 */
int report_write_csv(const struct report *r, FILE *out, struct herr *err);
int report_write_xlsx(const struct report *r, const char *path,
		      struct herr *err);

/*
 * Charts of block characters, for terminals (the same in the full-screen
 * interface and in text output). A bar of value out of max in width
 * columns, eighths drawn with ▏▎▍▌▋▊▉ (caller frees); a sparkline of n
 * values with one of ▁▂▃▄▅▆▇█ each, the smallest nonzero value at least ▁
 * and zero a space.
 */
char *chart_bar(int64_t value, int64_t max, int width);
char *chart_sparkline(const int64_t *values, size_t n);

#endif
