/* csv.c - RFC 4180 output that spreadsheets read as UTF-8, and a reader
 * that knows its line numbers. */
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

	/* The digits printed are the digits scaled: at most 9 (coordinates
	   take 7), so that q stays far from overflowing. */
	if (decimals > 9)
		decimals = 9;
	for (int i = 0; i < decimals; i++)
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

/* ---- reading ---- */

void csv_reader_init(struct csv_reader *r, const char *text, size_t len)
{
	memset(r, 0, sizeof *r);
	r->p = text;
	r->end = text + len;
	r->line = 1;
}

/* Counts the line breaks in [a, b). */
static int newlines(const char *a, const char *b)
{
	int n = 0;

	for (; a < b; a++)
		n += *a == '\n';
	return n;
}

/* Records an error at line; returns HE_USER. */
static int fail_at(struct csv_reader *r, int line, struct herr *err,
		   const char *msg)
{
	r->error_line = line;
	return herr_set(err, HE_USER, "%s", msg);
}

/* Checks a finished field: UTF-8 and no NUL; line is where it started. */
static int check_field(struct csv_reader *r, const struct sbuf *f, int line,
		       struct herr *err)
{
	const char *s = sbuf_str(f);
	size_t bad;

	if (strlen(s) != f->len)
		return fail_at(r, line + newlines(s, s + strlen(s)), err,
			       _("the text holds a NUL byte"));
	if (!text_valid_utf8(s, &bad))
		return fail_at(r, line + newlines(s, s + bad), err,
			       _("the text is not valid UTF-8 (save the file "
				 "as UTF-8)"));
	return HE_OK;
}

/* Reads a quoted field; r->p is just after the opening quote. */
static int read_quoted(struct csv_reader *r, struct sbuf *f, struct herr *err)
{
	int start = r->line;

	for (;;) {
		if (r->p == r->end)
			return fail_at(r, start, err, _("a quoted field is never "
				       "closed"));
		if (*r->p == '"') {
			if (r->p + 1 < r->end && r->p[1] == '"') {
				sbuf_addc(f, '"');
				r->p += 2;
				continue;
			}
			r->p++;
			break;
		}
		if (*r->p == '\n')
			r->line++;
		sbuf_addn(f, r->p++, 1);
	}
	if (r->p < r->end && *r->p != ',' && *r->p != '\n' &&
	    !(*r->p == '\r' && r->p + 1 < r->end && r->p[1] == '\n') &&
	    !(*r->p == '\r' && r->p + 1 == r->end))
		return fail_at(r, r->line, err, _("text after the closing quote "
			       "of a field (a quote inside a field is written "
			       "twice: \"\")"));
	return HE_OK;
}

/* Reads an unquoted field up to a comma or the end of the line. */
static int read_plain(struct csv_reader *r, struct sbuf *f, struct herr *err)
{
	while (r->p < r->end && *r->p != ',' && *r->p != '\n') {
		if (*r->p == '\r' && (r->p + 1 == r->end || r->p[1] == '\n'))
			break;
		if (*r->p == '"')
			return fail_at(r, r->line, err, _("a quote inside a field "
				       "that does not start with one (quote the "
				       "whole field and double the quote)"));
		sbuf_addn(f, r->p++, 1);
	}
	return HE_OK;
}

/* True at the end of a record (consumed), false before another field. */
static bool end_of_record(struct csv_reader *r)
{
	if (r->p == r->end)
		return true;
	if (*r->p == ',') {
		r->p++;
		return false;
	}
	if (*r->p == '\r')
		r->p++;
	if (r->p < r->end && *r->p == '\n')
		r->p++;
	r->line++;
	return true;
}

static void skip_blank_lines(struct csv_reader *r)
{
	for (;;) {
		if (r->p < r->end && *r->p == '\n') {
			r->p++;
		} else if (r->end - r->p >= 2 && r->p[0] == '\r' &&
			   r->p[1] == '\n') {
			r->p += 2;
		} else {
			return;
		}
		r->line++;
	}
}

int csv_read(struct csv_reader *r, struct strv *fields, struct herr *err)
{
	struct sbuf f = { 0 };
	bool done = false;
	int rc = HE_OK;

	strv_free(fields);
	if (!r->started) {
		r->started = true;
		if (r->end - r->p >= 3 && !memcmp(r->p, "\xEF\xBB\xBF", 3))
			r->p += 3;
	}
	skip_blank_lines(r);
	if (r->p == r->end)
		return 0;
	r->record_line = r->line;
	while (!done) {
		int line = r->line;
		sbuf_add(&f, "");
		if (r->p < r->end && *r->p == '"') {
			r->p++;
			rc = read_quoted(r, &f, err);
		} else {
			rc = read_plain(r, &f, err);
		}
		if (rc == HE_OK)
			rc = check_field(r, &f, line, err);
		if (rc != HE_OK)
			break;
		strv_add(fields, sbuf_str(&f));
		f.len = 0;
		f.s[0] = '\0';
		done = end_of_record(r);
	}
	sbuf_free(&f);
	if (rc != HE_OK) {
		strv_free(fields);
		return -1;
	}
	return 1;
}

char *csv_unguard(char *s)
{
	if (s[0] == '\'' && s[1] && strchr("=+-@", s[1]))
		memmove(s, s + 1, strlen(s));
	return s;
}
