/*
 * coverage_xlsx.c - coverage as an Excel workbook (libxlsxwriter, as the
 * reports' workbooks): a sheet of the hours asked about, with how many
 * points and people were left out and a column chart of the share left
 * out, and a sheet of the points with the hours each was left out.
 */
#include "stations.h"

#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "../civil.h"
#include "../i18n.h"
#include "../label.h"
#include "../text.h"

static void put_text(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
		     const char *s, lxw_format *f)
{
	char *clean = text_sanitize(s ? s : "");

	worksheet_write_string(ws, r, c, clean, f);
	free(clean);
}

static void hours_sheet(lxw_workbook *wb, const struct coverage *cv,
			const struct tz *z, lxw_format *bold, lxw_format *when,
			lxw_format *share)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, _("Hours"));
	const char *heads[] = { _("Hour"), _("Points left out"),
				_("People left out"), _("Share left out") };
	lxw_chart *chart;
	lxw_chart_series *series;

	for (lxw_col_t k = 0; k < 4; k++)
		put_text(ws, 0, k, heads[k], bold);
	worksheet_set_column(ws, 0, 0, 18, NULL);
	worksheet_set_column(ws, 1, 3, 16, NULL);
	for (size_t h = 0; h < cv->n_hours; h++) {
		struct civil c = tz_from_utc(z, cv->at[h], NULL);
		lxw_datetime dt = { c.year, c.month, c.day, c.hour, c.min, 0 };
		lxw_row_t r = (lxw_row_t)(h + 1);
		worksheet_write_datetime(ws, r, 0, &dt, when);
		worksheet_write_number(ws, r, 1, (double)cv->uncovered[h], NULL);
		worksheet_write_number(ws, r, 2, cv->weight_out[h], NULL);
		worksheet_write_number(ws, r, 3, cv->weight_total > 0
				       ? cv->weight_out[h] / cv->weight_total : 0,
				       share);
	}
	worksheet_freeze_panes(ws, 1, 0);
	if (cv->n_hours < 2)
		return;
	chart = workbook_add_chart(wb, LXW_CHART_COLUMN);
	series = chart_add_series(chart, NULL, NULL);
	chart_series_set_categories(series, _("Hours"), 1, 0,
				    (lxw_row_t)cv->n_hours, 0);
	chart_series_set_values(series, _("Hours"), 1, 3,
				(lxw_row_t)cv->n_hours, 3);
	chart_title_set_name(chart, _("Share of people left out"));
	chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
	worksheet_insert_chart(ws, 1, 5, chart);
}

static void points_sheet(lxw_workbook *wb, const struct coverage *cv,
			 lxw_format *bold)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, _("Points"));
	const char *heads[] = { _("Name"), _("Latitude"), _("Longitude"),
				_("Weight"), _("Stations within reach"),
				_("Hours left out") };

	for (lxw_col_t k = 0; k < 6; k++)
		put_text(ws, 0, k, heads[k], bold);
	worksheet_set_column(ws, 0, 0, 30, NULL);
	worksheet_set_column(ws, 1, 5, 14, NULL);
	for (size_t p = 0; p < cv->points.n; p++) {
		const struct demand_point *pt = &cv->points.v[p];
		lxw_row_t r = (lxw_row_t)(p + 1);
		size_t out = 0;
		for (size_t h = 0; h < cv->n_hours; h++)
			out += !cv->covered[h * cv->points.n + p];
		put_text(ws, r, 0, pt->name, NULL);
		worksheet_write_number(ws, r, 1, pt->lat, NULL);
		worksheet_write_number(ws, r, 2, pt->lon, NULL);
		worksheet_write_number(ws, r, 3, pt->weight, NULL);
		worksheet_write_number(ws, r, 4, cv->stations_near[p], NULL);
		worksheet_write_number(ws, r, 5, (double)out, NULL);
	}
	worksheet_freeze_panes(ws, 1, 0);
}

int coverage_write_xlsx(const struct coverage *cv, const struct tz *z,
			const char *path, struct herr *err)
{
	lxw_workbook *wb = workbook_new(path);
	lxw_format *bold, *when, *share;
	lxw_error e;

	if (!wb)
		return herr_set(err, HE_INTERNAL, _("cannot write the workbook %s"),
				path);
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	when = workbook_add_format(wb);
	format_set_num_format(when, "yyyy-mm-dd hh:mm");
	share = workbook_add_format(wb);
	format_set_num_format(share, "0%");
	hours_sheet(wb, cv, z, bold, when, share);
	points_sheet(wb, cv, bold);
	if ((e = workbook_close(wb)) != LXW_NO_ERROR)
		return herr_set(err, HE_INTERNAL, _("writing the workbook %s: %s"),
				path, lxw_strerror(e));
	return HE_OK;
}
