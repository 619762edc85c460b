/* csv.c - an RFC 4180 reader that knows its line numbers, and a writer. */
#include "csv.h"

#include <string.h>

#include "i18n.h"
#include "text.h"

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

/* Would a spreadsheet take s as a formula? */
static bool formula_like(const char *s)
{
	return s[0] && strchr("=+-@\t", s[0]) != NULL;
}

void csv_write_field(FILE *out, const char *s, unsigned flags)
{
	bool guard = (flags & CSV_GUARD_FORMULAS) && formula_like(s);
	size_t len = strlen(s);
	bool quote = strpbrk(s, ",\"\r\n") != NULL ||
		     (len && (s[0] == ' ' || s[len - 1] == ' '));

	if (!quote) {
		if (guard)
			fputc('\'', out);
		fputs(s, out);
		return;
	}
	fputc('"', out);
	if (guard)
		fputc('\'', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

void csv_write_row(FILE *out, const char *const *fields, size_t n,
		   unsigned flags)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputc(',', out);
		csv_write_field(out, fields[i] ? fields[i] : "", flags);
	}
	fputs("\r\n", out);
}

char *csv_unguard(char *s)
{
	if (s[0] == '\'' && formula_like(s + 1))
		memmove(s, s + 1, strlen(s));
	return s;
}
