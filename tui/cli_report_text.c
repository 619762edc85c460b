/*
 * cli_report_text.c - a report as aligned text: labels on the left, figures
 * on the right, widths counted in terminal columns so that Chinese lines
 * up; on a terminal, bars and sparklines of the main series, and tables
 * wider than the terminal split into blocks that each repeat the labels.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/text.h"
#include "cli_report.h"
#include "out.h"

/* Labels wider than this are cut with "…". */
#define LABEL_MAX 32
/* Bars no longer than this, and none when less than this room is left. */
#define BAR_MAX 40
#define BAR_MIN 8

/* A table of cells: row 0 the headings, column 0 the labels. */
struct grid {
	size_t ncols, nrows;
	char **cells;            /* row-major, owned, sanitised */
	int *width;              /* per column */
	int64_t *chart;          /* per row: the charted value, or -1 */
	int64_t chart_max;
};

static void grid_init(struct grid *g, size_t ncols)
{
	memset(g, 0, sizeof *g);
	g->ncols = ncols;
	g->width = xcalloc(ncols, sizeof *g->width);
}

/* Adds a row; takes the strings (each malloc'd). */
static void grid_row(struct grid *g, char **cells, int64_t chart)
{
	g->cells = xrealloc(g->cells, (g->nrows + 1) * g->ncols *
			    sizeof *g->cells);
	g->chart = xrealloc(g->chart, (g->nrows + 1) * sizeof *g->chart);
	for (size_t i = 0; i < g->ncols; i++) {
		char *clean = text_sanitize(cells[i] ? cells[i] : "");
		int w = text_width(clean);
		free(cells[i]);
		if (i == 0 && w > LABEL_MAX)
			w = LABEL_MAX;
		if (w > g->width[i])
			g->width[i] = w;
		g->cells[g->nrows * g->ncols + i] = clean;
	}
	g->chart[g->nrows++] = chart;
	if (chart > g->chart_max)
		g->chart_max = chart;
}

static void grid_free(struct grid *g)
{
	for (size_t i = 0; i < g->nrows * g->ncols; i++)
		free(g->cells[i]);
	free(g->cells);
	free(g->width);
	free(g->chart);
}

/* A cell padded to w columns, on the left (numbers) or on the right. */
static void put_cell(FILE *out, const char *s, int w, bool right)
{
	char *fitted = text_fit(s, w, false);
	int pad = w - text_width(fitted);

	if (right)
		fprintf(out, "%*s", pad, "");
	fputs(fitted, out);
	if (!right)
		fprintf(out, "%*s", pad, "");
	free(fitted);
}

/* Prints columns first..last (and the label) of g, with bars when bar > 0. */
static void print_block(FILE *out, const struct grid *g, size_t first,
			size_t last, int bar)
{
	for (size_t r = 0; r < g->nrows; r++) {
		char *bar_text = NULL;
		fputs("  ", out);
		put_cell(out, g->cells[r * g->ncols], g->width[0], false);
		for (size_t c = first; c <= last; c++) {
			fputs("  ", out);
			put_cell(out, g->cells[r * g->ncols + c], g->width[c], true);
		}
		if (bar > 0 && r > 0 && g->chart[r] > 0) {
			bar_text = chart_bar(g->chart[r], g->chart_max, bar);
			fprintf(out, "  %s", bar_text);
		}
		fputc('\n', out);
		free(bar_text);
	}
}

/* The width of the label and columns first..last. */
static int block_width(const struct grid *g, size_t first, size_t last)
{
	int w = 2 + g->width[0];

	for (size_t c = first; c <= last; c++)
		w += 2 + g->width[c];
	return w;
}

/* Room left for bars after a block that uses `used` columns. */
static int bar_room(int width, int used)
{
	int bar = width - used - 2;
	return bar > BAR_MAX ? BAR_MAX : bar < BAR_MIN ? 0 : bar;
}

/*
 * Prints g within width columns (0: no limit, no bars). When everything
 * fits with room for bars it is one block; else the first block ends with
 * the charted column bar_col and its bars, and the other columns follow in
 * blocks that repeat the labels.
 */
static void print_grid(FILE *out, const struct grid *g, size_t bar_col,
		       int width)
{
	bool bars = bar_col > 0 && g->chart_max > 0;
	size_t c;

	if (width <= 0 || g->ncols < 2) {
		print_block(out, g, 1, g->ncols - 1, 0);
		return;
	}
	if (!bars || bar_room(width, block_width(g, 1, g->ncols - 1)) > 0) {
		print_block(out, g, 1, g->ncols - 1,
			    bars ? bar_room(width, block_width(g, 1, g->ncols - 1))
				 : 0);
		return;
	}
	for (c = 2; c <= bar_col && block_width(g, 1, c) <= width; c++)
		;
	print_block(out, g, 1, c - 1,
		    c > bar_col ? bar_room(width, block_width(g, 1, c - 1)) : 0);
	while (c < g->ncols) {
		size_t first = c++;
		while (c < g->ncols && block_width(g, first, c) <= width)
			c++;
		fputc('\n', out);
		print_block(out, g, first, c - 1, 0);
	}
}

/* A figure as text: whole numbers as they are, others with one decimal. */
static char *figure(double v, bool whole)
{
	long long tenths;

	if (whole)
		return xasprintf("%lld", (long long)v);
	tenths = (long long)(v * 10 + (v < 0 ? -0.5 : 0.5));
	return xasprintf("%lld.%lld", tenths / 10, llabs(tenths % 10));
}

/*
 * The columns in the order text shows them: the occurrence counts, the
 * main series, then the other categories; *main gets the column charted.
 */
static void text_order(const struct report *r, struct report_col *cols,
		       size_t n, size_t *main)
{
	size_t at = n;

	*main = 0;
	for (size_t i = 0; i < n; i++)
		if (cols[i].kind == REPORT_COL_CAT) {
			if (at == n)
				at = i;
			if (cols[i].cat == r->main_cat) {
				struct report_col m = cols[i];
				memmove(cols + at + 1, cols + at,
					(i - at) * sizeof *cols);
				cols[at] = m;
				*main = at;
				return;
			}
		}
}

static int64_t charted(const struct report_row *row,
		       const struct report_col *col)
{
	bool whole;
	return (int64_t)report_value(row, col, &whole);
}

static void table_text(const struct report *r, const struct report_table *t,
		       FILE *out, int width)
{
	struct report_col *cols;
	size_t n = report_columns(r, t, &cols), main;
	struct grid g;
	char **cells = xcalloc(n + 2, sizeof *cells);
	bool period = t->by == REPORT_BY_WEEK || t->by == REPORT_BY_MONTH;
	bool chart = t->by != REPORT_BY_CATEGORY;

	text_order(r, cols, n, &main);
	grid_init(&g, n + 1);
	/* Categories by their labels: the units are in the summary above. */
	cells[0] = xstrdup(report_row_heading(t->by));
	for (size_t i = 0; i < n; i++)
		cells[i + 1] = xstrdup(cols[i].kind == REPORT_COL_CAT
				       ? r->cats[cols[i].cat].label
				       : cols[i].heading);
	grid_row(&g, cells, -1);
	for (size_t j = 0; j < t->n; j++) {
		cells[0] = xstrdup(t->rows[j].label);
		for (size_t i = 0; i < n; i++) {
			bool whole;
			double v = report_value(&t->rows[j], &cols[i], &whole);
			cells[i + 1] = figure(v, whole);
		}
		grid_row(&g, cells, chart ? charted(&t->rows[j], &cols[main]) : -1);
	}
	if (chart && t->n > 1) {
		cells[0] = xstrdup(_("Total"));
		for (size_t i = 0; i < n; i++) {
			bool whole;
			double v = report_value(&r->total, &cols[i], &whole);
			cells[i + 1] = figure(v, whole);
		}
		grid_row(&g, cells, -1);
	}
	fprintf(out, "\n%s\n", report_by_label(t->by));
	if (t->n == 0)
		fprintf(out, "  %s\n", _("nothing in this period"));
	else
		print_grid(out, &g, main + 1, width);
	if (period && width > 0 && t->n > 1 && g.chart_max > 0) {
		int64_t *v = xcalloc(t->n, sizeof *v);
		char *spark;
		for (size_t j = 0; j < t->n; j++)
			v[j] = charted(&t->rows[j], &cols[main]);
		spark = chart_sparkline(v, t->n);
		fputs("  ", out);
		out_text(out, cols[main].heading);
		fprintf(out, ": %s\n", spark);
		free(spark);
		free(v);
	}
	grid_free(&g);
	free(cells);
	report_columns_free(cols, n);
}

static void counted_text(const struct report *r, FILE *out)
{
	struct grid g;
	char *cells[3];

	if (r->n_cats == 0) {
		fprintf(out, "%s\n", _("Nothing was counted."));
		return;
	}
	grid_init(&g, 3);
	cells[0] = xstrdup(_("Counted"));
	cells[1] = xstrdup(_("Total"));
	cells[2] = xstrdup(_("Occurrences counted"));
	grid_row(&g, cells, -1);
	for (size_t i = 0; i < r->n_cats; i++) {
		cells[0] = report_cat_heading(&r->cats[i]);
		cells[1] = xasprintf("%lld", (long long)r->total.sums[i]);
		cells[2] = xasprintf("%ld", r->total.counted[i]);
		grid_row(&g, cells, -1);
	}
	print_grid(out, &g, 0, 0);
	grid_free(&g);
}

static void suggestions_text(const struct report *r, FILE *out)
{
	struct grid g;
	char *cells[SUGG_N_STATUS + 2];

	fprintf(out, "\n%s\n", _("Suggestions by topic and status"));
	if (r->suggestions.total == 0) {
		fprintf(out, "  %s\n", _("none received in this period"));
		return;
	}
	grid_init(&g, SUGG_N_STATUS + 2);
	cells[0] = xstrdup(_("Topic"));
	for (int s = 0; s < SUGG_N_STATUS; s++)
		cells[s + 1] = xstrdup(sugg_status_label((enum sugg_status)s));
	cells[SUGG_N_STATUS + 1] = xstrdup(_("Total"));
	grid_row(&g, cells, -1);
	for (size_t i = 0; i <= r->n_topics; i++) {
		const struct report_topic *t = i < r->n_topics ? &r->topics[i]
							       : &r->suggestions;
		cells[0] = xstrdup(t->label);
		for (int s = 0; s < SUGG_N_STATUS; s++)
			cells[s + 1] = xasprintf("%ld", t->n[s]);
		cells[SUGG_N_STATUS + 1] = xasprintf("%ld", t->total);
		grid_row(&g, cells, -1);
	}
	print_grid(out, &g, 0, 0);
	grid_free(&g);
}

void cli_report_text(struct app *c, const struct report *r, FILE *out,
		     int width)
{
	char a[CIVIL_BUFSZ], b[CIVIL_BUFSZ];

	(void)c;
	/* TRANSLATORS: the first line of a report: first day, last day, the
	   time zone. */
	fprintf(out, _("Report %s – %s (%s)"), civil_format(&r->first, true, a),
		civil_format(&r->last, true, b), r->zone);
	if (r->filters) {
		fputs(" · ", out);
		out_text(out, r->filters);
	}
	fputc('\n', out);
	fprintf(out, _("Occurrences: %ld held, %ld cancelled, %ld upcoming\n"),
		r->total.held, r->total.cancelled, r->total.upcoming);
	fprintf(out, _("Suggestions received: %ld\n"), r->suggestions.total);
	fputc('\n', out);
	counted_text(r, out);
	for (size_t i = 0; i < r->n_tables; i++)
		table_text(r, &r->tables[i], out, width);
	suggestions_text(r, out);
}
