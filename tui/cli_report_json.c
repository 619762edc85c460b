/*
 * cli_report_json.c - a report as one JSON object, for other programs:
 * keys in English, labels in the interface language, figures as numbers.
 */
#include <stdlib.h>

#include "cli_report.h"
#include "out.h"

static void key(FILE *out, const char *k, bool comma)
{
	if (comma)
		fputc(',', out);
	out_json_string(out, k);
	fputc(':', out);
}

static void string(FILE *out, const char *k, const char *v, bool comma)
{
	key(out, k, comma);
	if (v)
		out_json_string(out, v);
	else
		fputs("null", out);
}

static void date(FILE *out, const char *k, const struct civil *d, bool comma)
{
	char buf[CIVIL_BUFSZ];
	string(out, k, civil_format(d, true, buf), comma);
}

/* held, cancelled, upcoming, then "tallies" and "counted" by category. */
static void figures(FILE *out, const struct report *r,
		    const struct report_row *row)
{
	fprintf(out, ",\"held\":%ld,\"cancelled\":%ld,\"upcoming\":%ld",
		row->held, row->cancelled, row->upcoming);
	for (int pass = 0; pass < 2; pass++) {
		key(out, pass ? "counted" : "tallies", true);
		fputc('{', out);
		for (size_t c = 0; c < r->n_cats; c++) {
			key(out, r->cats[c].key, c > 0);
			fprintf(out, "%lld", pass ? (long long)row->counted[c]
						  : (long long)row->sums[c]);
		}
		fputc('}', out);
	}
	if (r->has_people)
		fprintf(out, ",\"hours\":%.1f,\"points\":%lld", row->hours,
			(long long)row->points);
}

static void row_json(FILE *out, const struct report *r,
		    const struct report_table *t, const struct report_row *row)
{
	fputc('{', out);
	string(out, "key", row->key, false);
	string(out, "label", row->label, true);
	if (t->by == REPORT_BY_WEEK || t->by == REPORT_BY_MONTH) {
		date(out, "from", &row->first, true);
		date(out, "to", &row->last, true);
	}
	if (t->by == REPORT_BY_CATEGORY)
		fprintf(out, ",\"total\":%lld,\"counted\":%ld",
			(long long)row->sums[row->cat], row->counted[row->cat]);
	else
		figures(out, r, row);
	fputc('}', out);
}

static void topic_json(FILE *out, const struct report_topic *t)
{
	fputc('{', out);
	string(out, "key", t->key, false);
	string(out, "label", t->label, true);
	for (int s = 0; s < SUGG_N_STATUS; s++)
		fprintf(out, ",\"%s\":%ld", sugg_status_name((enum sugg_status)s),
			t->n[s]);
	fprintf(out, ",\"total\":%ld}", t->total);
}

void cli_report_json(const struct report *r, FILE *out)
{
	fputc('{', out);
	date(out, "from", &r->first, false);
	date(out, "to", &r->last, true);
	string(out, "zone", r->zone, true);
	string(out, "filters", r->filters, true);
	fputs(",\"categories\":[", out);
	for (size_t c = 0; c < r->n_cats; c++) {
		fputs(c ? ",{" : "{", out);
		string(out, "key", r->cats[c].key, false);
		string(out, "label", r->cats[c].label, true);
		string(out, "unit", r->cats[c].unit, true);
		fputc('}', out);
	}
	fputs("],\"total\":{", out);
	date(out, "from", &r->total.first, false);
	date(out, "to", &r->total.last, true);
	figures(out, r, &r->total);
	fputs("},\"groupings\":[", out);
	for (size_t i = 0; i < r->n_tables; i++) {
		const struct report_table *t = &r->tables[i];
		fputs(i ? ",{" : "{", out);
		string(out, "by", report_by_name(t->by), false);
		fputs(",\"rows\":[", out);
		for (size_t j = 0; j < t->n; j++) {
			if (j)
				fputc(',', out);
			row_json(out, r, t, &t->rows[j]);
		}
		fputs("]}", out);
	}
	fputs("],\"suggestions\":{\"topics\":[", out);
	for (size_t i = 0; i < r->n_topics; i++) {
		if (i)
			fputc(',', out);
		topic_json(out, &r->topics[i]);
	}
	fputs("],\"total\":", out);
	topic_json(out, &r->suggestions);
	fputs("}}\n", out);
}
