/* csv.c - RFC 4180 output that spreadsheets read as UTF-8. */
#include "csv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text.h"

void csv_init(struct csv *w, FILE *out)
{
	memset(w, 0, sizeof *w);
	w->out = out;
}

static void put(struct csv *w, const char *s, size_t n)
{
	if (n && fwrite(s, 1, n, w->out) != n && !w->error)
		w->error = errno ? errno : EIO;
}

void csv_bom(struct csv *w)
{
	put(w, "\xEF\xBB\xBF", 3);
}

static void separate(struct csv *w)
{
	if (w->in_row)
		put(w, ",", 1);
	w->in_row = true;
}

/*
 * s made safe, line by line: each line sanitised as for a terminal, the
 * line breaks between them kept as LF (CR dropped), as spreadsheets keep
 * them inside a cell.
 */
static char *clean_lines(const char *s)
{
	struct sbuf b = { 0 };

	sbuf_add(&b, "");
	while (*s) {
		size_t n = strcspn(s, "\r\n");
		char *line = xstrndup(s, n);
		char *clean = text_sanitize(line);
		sbuf_add(&b, clean);
		free(clean);
		free(line);
		s += n;
		if (*s == '\r' && s[1] == '\n')
			s++;
		if (*s) {
			sbuf_addc(&b, '\n');
			s++;
		}
	}
	return sbuf_take(&b);
}

void csv_text(struct csv *w, const char *s)
{
	char *clean = clean_lines(s ? s : "");
	size_t len = strlen(clean);
	bool formula = strchr("=+-@", clean[0]) && clean[0];
	bool quote = formula || strpbrk(clean, ",\"\n") ||
		     (len && (clean[0] == ' ' || clean[len - 1] == ' '));

	separate(w);
	if (quote)
		put(w, "\"", 1);
	if (formula)
		put(w, "'", 1);
	for (const char *p = clean; *p;) {
		size_t n = strcspn(p, "\"");
		put(w, p, n);
		p += n;
		if (*p == '"') {
			put(w, "\"\"", 2);
			p++;
		}
	}
	if (quote)
		put(w, "\"", 1);
	free(clean);
}

void csv_int(struct csv *w, int64_t v)
{
	char buf[32];
	int n = snprintf(buf, sizeof buf, "%lld", (long long)v);

	separate(w);
	put(w, buf, (size_t)n);
}

/* With a point whatever LC_NUMERIC says: spreadsheets expect one in CSV. */
void csv_real(struct csv *w, double v, int decimals)
{
	char buf[64];
	long long scale = 1, q;
	int n;

	for (int i = 0; i < decimals && i < 6; i++)
		scale *= 10;
	q = (long long)(v * (double)scale + (v < 0 ? -0.5 : 0.5));
	if (scale == 1)
		n = snprintf(buf, sizeof buf, "%lld", q);
	else
		n = snprintf(buf, sizeof buf, "%s%lld.%0*lld", q < 0 ? "-" : "",
			     llabs(q) / scale, decimals, llabs(q) % scale);
	separate(w);
	put(w, buf, (size_t)n);
}

void csv_end(struct csv *w)
{
	put(w, "\r\n", 2);
	w->in_row = false;
}

int csv_finish(struct csv *w, const char *what, struct herr *err)
{
	if (fflush(w->out) != 0 && !w->error)
		w->error = errno ? errno : EIO;
	if (w->error)
		return herr_set(err, HE_INTERNAL, _("writing %s: %s"), what,
				strerror(w->error));
	return HE_OK;
}
