/*
 * report_csv.c - a report as CSV for Excel and WPS: one section per table,
 * each a title line, a heading line and its rows, an empty line between.
 */
#include "report_int.h"

#include <stdlib.h>

#include "../csv.h"
#include "../i18n.h"

static void date_field(struct csv *w, const struct civil *d)
{
	char buf[CIVIL_BUFSZ];
	csv_text(w, civil_format(d, true, buf));
}

static void title(struct csv *w, const struct report *r)
{
	csv_text(w, _("hearth report"));
	date_field(w, &r->first);
	date_field(w, &r->last);
	csv_text(w, r->zone);
	if (r->filters)
		csv_text(w, r->filters);
	csv_end(w);
}

static void figures(struct csv *w, const struct report_row *row,
		    const struct report_col *cols, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		bool whole;
		double v = report_value(row, &cols[i], &whole);
		if (whole)
			csv_int(w, (int64_t)v);
		else
			csv_real(w, v, 1);
	}
}

static void headings(struct csv *w, const struct report_col *cols, size_t n)
{
	for (size_t i = 0; i < n; i++)
		csv_text(w, cols[i].heading);
	csv_end(w);
}

static void summary(struct csv *w, const struct report *r)
{
	struct report_col *cols;
	size_t n = report_columns(r, NULL, &cols);

	csv_text(w, _("Summary"));
	csv_end(w);
	headings(w, cols, n);
	figures(w, &r->total, cols, n);
	csv_end(w);
	report_columns_free(cols, n);
}

static bool is_period(enum report_by by)
{
	return by == REPORT_BY_WEEK || by == REPORT_BY_MONTH;
}

static void table(struct csv *w, const struct report *r,
		  const struct report_table *t)
{
	struct report_col *cols;
	size_t n = report_columns(r, t, &cols);

	csv_end(w);
	csv_text(w, report_by_label(t->by));
	csv_end(w);
	if (is_period(t->by)) {
		csv_text(w, _("First day"));
		csv_text(w, _("Last day"));
	} else {
		csv_text(w, report_row_heading(t->by));
	}
	headings(w, cols, n);
	for (size_t i = 0; i < t->n; i++) {
		if (is_period(t->by)) {
			date_field(w, &t->rows[i].first);
			date_field(w, &t->rows[i].last);
		} else {
			csv_text(w, t->rows[i].label);
		}
		figures(w, &t->rows[i], cols, n);
		csv_end(w);
	}
	report_columns_free(cols, n);
}

static void topic_row(struct csv *w, const struct report_topic *t)
{
	csv_text(w, t->label);
	for (int s = 0; s < SUGG_N_STATUS; s++)
		csv_int(w, t->n[s]);
	csv_int(w, t->total);
	csv_end(w);
}

static void suggestions(struct csv *w, const struct report *r)
{
	csv_end(w);
	csv_text(w, _("Suggestions by topic and status"));
	csv_end(w);
	csv_text(w, _("Topic"));
	for (int s = 0; s < SUGG_N_STATUS; s++)
		csv_text(w, sugg_status_label((enum sugg_status)s));
	csv_text(w, _("Total"));
	csv_end(w);
	for (size_t i = 0; i < r->n_topics; i++)
		topic_row(w, &r->topics[i]);
	topic_row(w, &r->suggestions);
}

int report_write_csv(const struct report *r, FILE *out, struct herr *err)
{
	struct csv w;

	csv_init(&w, out);
	csv_bom(&w);
	title(&w, r);
	csv_end(&w);
	summary(&w, r);
	for (size_t i = 0; i < r->n_tables; i++)
		table(&w, r, &r->tables[i]);
	suggestions(&w, r);
	return csv_finish(&w, _("the report"), err);
}
