/* out.c - tables, TSV and JSON for the command line. */
#include "out.h"

#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/text.h"

void table_init(struct table *t, size_t ncols, int max_width)
{
	memset(t, 0, sizeof *t);
	t->ncols = ncols;
	t->max_width = max_width;
}

void table_add(struct table *t, const char *const *cells)
{
	t->cells = xgrow(t->cells, &t->cap, (t->nrows + 1) * t->ncols,
			 sizeof *t->cells);
	for (size_t i = 0; i < t->ncols; i++)
		t->cells[t->nrows * t->ncols + i] =
			text_sanitize(cells[i] ? cells[i] : "");
	t->nrows++;
}

/* Heading rows keep their text in the first cell and NULL in the rest. */
static bool is_heading(const struct table *t, size_t r)
{
	return t->ncols > 1 && t->cells[r * t->ncols + 1] == NULL;
}

void table_add_heading(struct table *t, const char *text)
{
	t->cells = xgrow(t->cells, &t->cap, (t->nrows + 1) * t->ncols,
			 sizeof *t->cells);
	t->cells[t->nrows * t->ncols] = text_sanitize(text);
	for (size_t i = 1; i < t->ncols; i++)
		t->cells[t->nrows * t->ncols + i] = NULL;
	t->nrows++;
}

/* Widens width[] to the sanitised cells of one row. */
static void measure(int *width, size_t ncols, int max_width, char *const *cells)
{
	for (size_t c = 0; c < ncols; c++) {
		int w = text_width(cells[c]);
		if (max_width && c + 1 < ncols && w > max_width)
			w = max_width;
		if (w > width[c])
			width[c] = w;
	}
}

/* Prints one row of sanitised cells in columns of width[]. */
static void print_row(FILE *out, const char *indent, const int *width,
		      size_t ncols, char *const *cells)
{
	struct sbuf line = { 0 };

	sbuf_add(&line, indent ? indent : "");
	for (size_t c = 0; c < ncols; c++) {
		bool last = c + 1 == ncols;
		char *fitted;
		/* A column empty on every row takes no room at all. */
		if (!last && width[c] == 0)
			continue;
		fitted = last ? xstrdup(cells[c]) : text_fit(cells[c], width[c], true);
		sbuf_add(&line, fitted);
		if (!last)
			sbuf_add(&line, "  ");
		free(fitted);
	}
	/* Empty trailing cells leave spaces nobody wants. */
	while (line.len && line.s[line.len - 1] == ' ')
		line.s[--line.len] = '\0';
	fprintf(out, "%s\n", sbuf_str(&line));
	sbuf_free(&line);
}

void table_print(const struct table *t, FILE *out, const char *indent)
{
	int *width = xcalloc(t->ncols, sizeof *width);

	for (size_t r = 0; r < t->nrows; r++)
		if (!is_heading(t, r))
			measure(width, t->ncols, t->max_width,
				&t->cells[r * t->ncols]);
	for (size_t r = 0; r < t->nrows; r++) {
		if (is_heading(t, r))
			fprintf(out, "%s\n", t->cells[r * t->ncols]);
		else
			print_row(out, indent, width, t->ncols,
				  &t->cells[r * t->ncols]);
	}
	free(width);
}

/* Sanitised copies of cells (NULL as ""). */
static char **sanitised(size_t ncols, const char *const *cells)
{
	char **v = xcalloc(ncols, sizeof *v);

	for (size_t c = 0; c < ncols; c++)
		v[c] = text_sanitize(cells[c] ? cells[c] : "");
	return v;
}

static void free_cells(char **v, size_t ncols)
{
	for (size_t c = 0; c < ncols; c++)
		free(v[c]);
	free(v);
}

void table_measure(int *width, size_t ncols, int max_width,
		   const char *const *cells)
{
	char **v = sanitised(ncols, cells);

	measure(width, ncols, max_width, v);
	free_cells(v, ncols);
}

void table_print_row(FILE *out, const char *indent, const int *width,
		     size_t ncols, const char *const *cells)
{
	char **v = sanitised(ncols, cells);

	print_row(out, indent, width, ncols, v);
	free_cells(v, ncols);
}

void table_print_heading(FILE *out, const char *text)
{
	char *clean = text_sanitize(text);

	fprintf(out, "%s\n", clean);
	free(clean);
}

void table_free(struct table *t)
{
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	memset(t, 0, sizeof *t);
}

void out_iso_local(const struct tz *z, int64_t utc, char buf[32])
{
	int offset;
	struct civil c = tz_from_utc(z, utc, &offset);
	char date[CIVIL_BUFSZ], off[8];

	tz_format_offset(offset, off);
	snprintf(buf, 32, "%s%s", civil_format(&c, false, date), off);
}

void out_json_string(FILE *out, const char *s)
{
	size_t n = strlen(s), i = 0;

	fputc('"', out);
	while (i < n) {
		uint32_t cp;
		size_t len = text_decode(s + i, n - i, &cp);
		if (len == 0) {
			fputs("\\ufffd", out);
			i++;
			continue;
		}
		if (cp == '"' || cp == '\\')
			fprintf(out, "\\%c", (char)cp);
		else if (cp == '\n')
			fputs("\\n", out);
		else if (cp == '\t')
			fputs("\\t", out);
		else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) ||
			 (cp >= 0x2028 && cp <= 0x202E) ||
			 (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E ||
			 cp == 0x200F || text_is_invisible(cp))
			/* Kept, as data, but never raw: a program that shows
			   the string then shows what the escape says. */
			fprintf(out, "\\u%04x", (unsigned)cp);
		else
			fwrite(s + i, 1, len, out);
		i += len;
	}
	fputc('"', out);
}

void out_tsv_field(FILE *out, const char *s)
{
	char *clean = text_sanitize(s ? s : "");
	fputs(clean, out);
	free(clean);
}

void out_text(FILE *out, const char *s)
{
	out_tsv_field(out, s);
}
