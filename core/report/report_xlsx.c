/*
 * report_xlsx.c - a report as an Excel workbook, written by libxlsxwriter:
 * a summary sheet, a sheet per grouping and one of suggestions, each with
 * its heading row frozen, numbers as numbers, dates as dates, columns as
 * wide as their text (a Chinese character takes two), and a chart of the
 * main series where one helps: a column per week or month, a bar per kind,
 * venue or organisation, suggestions stacked by status.
 */
#include "report_int.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

#include "../i18n.h"
#include "../text.h"

/* Excel's limits on a sheet's name and a column's width. */
#define SHEET_NAME_MAX 31
#define WIDTH_MAX 60.0

struct book {
	lxw_workbook *wb;
	lxw_format *bold, *date, *whole, *decimal, *bold_whole, *bold_decimal;
	const struct report *r;
};

/* Widths of the columns of the sheet being written, in Excel's units. */
struct widths {
	double w[64];
};

static void fit(struct widths *w, lxw_col_t col, int columns)
{
	double need = columns + 2;

	if (col < 64 && need > w->w[col])
		w->w[col] = need > WIDTH_MAX ? WIDTH_MAX : need;
}

/* Text from data, made safe: XML takes no control characters. */
static void put_text(lxw_worksheet *ws, struct widths *w, lxw_row_t row,
		     lxw_col_t col, const char *s, lxw_format *f)
{
	char *clean = text_sanitize(s ? s : "");

	worksheet_write_string(ws, row, col, clean, f);
	fit(w, col, text_width(clean));
	free(clean);
}

static void put_number(struct book *b, lxw_worksheet *ws, struct widths *w,
		       lxw_row_t row, lxw_col_t col, double v, bool whole,
		       bool bold)
{
	char buf[48];

	worksheet_write_number(ws, row, col, v,
			       whole ? (bold ? b->bold_whole : b->whole)
				     : (bold ? b->bold_decimal : b->decimal));
	fit(w, col, snprintf(buf, sizeof buf, whole ? "%.0f" : "%.1f", v) + 2);
}

static void put_date(struct book *b, lxw_worksheet *ws, struct widths *w,
		     lxw_row_t row, lxw_col_t col, const struct civil *d)
{
	lxw_datetime dt = { d->year, d->month, d->day, 0, 0, 0 };

	worksheet_write_datetime(ws, row, col, &dt, b->date);
	fit(w, col, 10);
}

static void apply_widths(lxw_worksheet *ws, const struct widths *w,
			 lxw_col_t ncols)
{
	for (lxw_col_t c = 0; c < ncols && c < 64; c++)
		worksheet_set_column(ws, c, c, w->w[c], NULL);
}

/* A sheet name Excel accepts: at most 31 characters, none of []:*?/\ . */
static lxw_worksheet *add_sheet(struct book *b, const char *name)
{
	char buf[SHEET_NAME_MAX * 4 + 1];
	size_t len = 0, chars = 0;

	for (const char *p = name; *p && chars < SHEET_NAME_MAX;) {
		uint32_t cp;
		size_t n = text_decode(p, strlen(p), &cp);
		if (n == 0)
			break;
		if (!strchr("[]:*?/\\'", (int)cp) || cp > 0x7f) {
			memcpy(buf + len, p, n);
			len += n;
			chars++;
		}
		p += n;
	}
	buf[len] = '\0';
	return workbook_add_worksheet(b->wb, len ? buf : NULL);
}

static lxw_col_t headings(struct book *b, lxw_worksheet *ws, struct widths *w,
			  lxw_col_t col, const struct report_col *cols,
			  size_t n)
{
	for (size_t i = 0; i < n; i++)
		put_text(ws, w, 0, col++, cols[i].heading, b->bold);
	return col;
}

static void figures(struct book *b, lxw_worksheet *ws, struct widths *w,
		    lxw_row_t row, lxw_col_t col, const struct report_row *r,
		    const struct report_col *cols, size_t n, bool bold)
{
	for (size_t i = 0; i < n; i++) {
		bool whole;
		double v = report_value(r, &cols[i], &whole);
		put_number(b, ws, w, row, (lxw_col_t)(col + i), v, whole, bold);
	}
}

static bool is_period(enum report_by by)
{
	return by == REPORT_BY_WEEK || by == REPORT_BY_MONTH;
}

/* The column of cols that charts show: the main category, else held. */
static size_t chart_column(const struct report *r, const struct report_col *cols,
			   size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (cols[i].kind == REPORT_COL_CAT && cols[i].cat == r->main_cat)
			return i;
	return 0;
}

/* A chart of one column of a sheet's rows, beside the table. */
static void chart(struct book *b, lxw_worksheet *ws, const char *sheet,
		  enum report_by by, size_t nrows, lxw_col_t label_col,
		  lxw_col_t value_col, lxw_col_t place_col, const char *title)
{
	uint8_t type = is_period(by) ? LXW_CHART_COLUMN : LXW_CHART_BAR;
	lxw_chart *c = workbook_add_chart(b->wb, type);
	lxw_chart_series *s = chart_add_series(c, NULL, NULL);
	lxw_chart_options opt = { .x_offset = 10, .y_offset = 10,
				  .x_scale = 1.5, .y_scale = 1.2 };

	chart_series_set_categories(s, sheet, 1, label_col, (lxw_row_t)nrows,
				    label_col);
	chart_series_set_values(s, sheet, 1, value_col, (lxw_row_t)nrows,
				value_col);
	chart_series_set_name(s, title);
	chart_title_set_name(c, title);
	chart_legend_set_position(c, LXW_CHART_LEGEND_NONE);
	worksheet_insert_chart_opt(ws, 1, place_col, c, &opt);
}

static void summary_sheet(struct book *b)
{
	const struct report *r = b->r;
	lxw_worksheet *ws = add_sheet(b, _("Summary"));
	struct widths w = { { 0 } };
	struct report_col *cols;
	size_t n = report_columns(r, NULL, &cols);
	lxw_col_t last;
	lxw_row_t row = 3;

	put_text(ws, &w, 0, 0, _("First day"), b->bold);
	put_text(ws, &w, 0, 1, _("Last day"), b->bold);
	last = headings(b, ws, &w, 2, cols, n);
	put_date(b, ws, &w, 1, 0, &r->first);
	put_date(b, ws, &w, 1, 1, &r->last);
	figures(b, ws, &w, 1, 2, &r->total, cols, n, false);
	put_text(ws, &w, row, 0, _("Time zone"), b->bold);
	put_text(ws, &w, row++, 1, r->zone, NULL);
	if (r->filters) {
		put_text(ws, &w, row, 0, _("Filters"), b->bold);
		put_text(ws, &w, row++, 1, r->filters, NULL);
	}
	worksheet_freeze_panes(ws, 1, 0);
	apply_widths(ws, &w, last);
	report_columns_free(cols, n);
}

static void table_sheet(struct book *b, const struct report_table *t)
{
	const struct report *r = b->r;
	const char *name = report_by_label(t->by);
	lxw_worksheet *ws = add_sheet(b, name);
	struct widths w = { { 0 } };
	struct report_col *cols;
	size_t n = report_columns(r, t, &cols);
	lxw_col_t first = is_period(t->by) ? 2 : 1, last;
	lxw_row_t row = 1;

	if (is_period(t->by)) {
		put_text(ws, &w, 0, 0, _("First day"), b->bold);
		put_text(ws, &w, 0, 1, _("Last day"), b->bold);
	} else {
		put_text(ws, &w, 0, 0, report_row_heading(t->by), b->bold);
	}
	last = headings(b, ws, &w, first, cols, n);
	for (size_t i = 0; i < t->n; i++, row++) {
		if (is_period(t->by)) {
			put_date(b, ws, &w, row, 0, &t->rows[i].first);
			put_date(b, ws, &w, row, 1, &t->rows[i].last);
		} else {
			put_text(ws, &w, row, 0, t->rows[i].label, NULL);
		}
		figures(b, ws, &w, row, first, &t->rows[i], cols, n, false);
	}
	if (t->by != REPORT_BY_CATEGORY && t->n > 1) {
		put_text(ws, &w, row, 0, _("Total"), b->bold);
		figures(b, ws, &w, row, first, &r->total, cols, n, true);
	}
	worksheet_freeze_panes(ws, 1, 0);
	apply_widths(ws, &w, last);
	if (t->by != REPORT_BY_CATEGORY && t->n > 1) {
		size_t c = chart_column(r, cols, n);
		chart(b, ws, ws->name, t->by, t->n,
		      0, (lxw_col_t)(first + c), (lxw_col_t)(last + 1),
		      cols[c].heading);
	}
	report_columns_free(cols, n);
}

static void topic_row(struct book *b, lxw_worksheet *ws, struct widths *w,
		      lxw_row_t row, const struct report_topic *t, bool bold)
{
	put_text(ws, w, row, 0, t->label, bold ? b->bold : NULL);
	for (int s = 0; s < SUGG_N_STATUS; s++)
		put_number(b, ws, w, row, (lxw_col_t)(1 + s), (double)t->n[s],
			   true, bold);
	put_number(b, ws, w, row, 1 + SUGG_N_STATUS, (double)t->total, true,
		   bold);
}

/* Suggestions stacked by status, one bar per topic. */
static void suggestions_chart(struct book *b, lxw_worksheet *ws,
			      const char *sheet, size_t ntopics)
{
	lxw_chart *c = workbook_add_chart(b->wb, LXW_CHART_BAR_STACKED);
	lxw_chart_options opt = { .x_offset = 10, .y_offset = 10,
				  .x_scale = 1.5, .y_scale = 1.2 };

	for (int s = 0; s < SUGG_N_STATUS; s++) {
		lxw_chart_series *se = chart_add_series(c, NULL, NULL);
		chart_series_set_categories(se, sheet, 1, 0, (lxw_row_t)ntopics,
					    0);
		chart_series_set_values(se, sheet, 1, (lxw_col_t)(1 + s),
					(lxw_row_t)ntopics, (lxw_col_t)(1 + s));
		chart_series_set_name_range(se, sheet, 0, (lxw_col_t)(1 + s));
	}
	chart_title_set_name(c, _("Suggestions by topic and status"));
	worksheet_insert_chart_opt(ws, 1, 3 + SUGG_N_STATUS, c, &opt);
}

static void suggestions_sheet(struct book *b)
{
	const struct report *r = b->r;
	lxw_worksheet *ws = add_sheet(b, _("Suggestions"));
	struct widths w = { { 0 } };
	lxw_row_t row = 1;

	put_text(ws, &w, 0, 0, _("Topic"), b->bold);
	for (int s = 0; s < SUGG_N_STATUS; s++)
		put_text(ws, &w, 0, (lxw_col_t)(1 + s),
			 sugg_status_label((enum sugg_status)s), b->bold);
	put_text(ws, &w, 0, 1 + SUGG_N_STATUS, _("Total"), b->bold);
	for (size_t i = 0; i < r->n_topics; i++)
		topic_row(b, ws, &w, row++, &r->topics[i], false);
	topic_row(b, ws, &w, row, &r->suggestions, true);
	worksheet_freeze_panes(ws, 1, 0);
	apply_widths(ws, &w, 2 + SUGG_N_STATUS);
	if (r->n_topics > 1)
		suggestions_chart(b, ws, ws->name, r->n_topics);
}

static void formats(struct book *b)
{
	b->bold = workbook_add_format(b->wb);
	format_set_bold(b->bold);
	b->date = workbook_add_format(b->wb);
	format_set_num_format(b->date, "yyyy-mm-dd");
	b->whole = workbook_add_format(b->wb);
	format_set_num_format(b->whole, "#,##0");
	b->decimal = workbook_add_format(b->wb);
	format_set_num_format(b->decimal, "#,##0.0");
	b->bold_whole = workbook_add_format(b->wb);
	format_set_bold(b->bold_whole);
	format_set_num_format(b->bold_whole, "#,##0");
	b->bold_decimal = workbook_add_format(b->wb);
	format_set_bold(b->bold_decimal);
	format_set_num_format(b->bold_decimal, "#,##0.0");
}

/* The workbook's properties: what it is, and the report's "now" rather
 * than the clock, so that the same report gives the same file. */
static void properties(struct book *b)
{
	lxw_doc_properties p = { 0 };
	char title[128], first[CIVIL_BUFSZ], last[CIVIL_BUFSZ];

	snprintf(title, sizeof title, "%s %s – %s", _("hearth report"),
		 civil_format(&b->r->first, true, first),
		 civil_format(&b->r->last, true, last));
	p.title = title;
	p.author = (char *)"hearth";
	p.created = (time_t)b->r->now;
	workbook_set_properties(b->wb, &p);
}

int report_write_xlsx(const struct report *r, const char *path,
		      struct herr *err)
{
	struct book b = { .r = r };
	lxw_error e;

	b.wb = workbook_new(path);
	if (!b.wb)
		return herr_set(err, HE_INTERNAL, _("cannot create the workbook "
				"%s"), path);
	formats(&b);
	properties(&b);
	summary_sheet(&b);
	for (size_t i = 0; i < r->n_tables; i++)
		table_sheet(&b, &r->tables[i]);
	suggestions_sheet(&b);
	e = workbook_close(b.wb);
	if (e != LXW_NO_ERROR)
		return herr_set(err, HE_INTERNAL, _("writing the workbook %s: %s"),
				path, lxw_strerror(e));
	return HE_OK;
}
