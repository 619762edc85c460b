/* util.c - allocation wrappers, error records, string buffers. */
#include "util.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "i18n.h"

/*
 * A message cut to fit err->msg must not end in half a UTF-8 character (a
 * Chinese one is three bytes): drops an incomplete last sequence of s[0..n).
 */
static void cut_utf8(char *s, size_t n)
{
	size_t start = n, need;
	unsigned char lead;

	while (start > 0 && n - start < 4 &&
	       ((unsigned char)s[start - 1] & 0xC0) == 0x80)
		start--;
	if (start == 0) {
		s[n] = '\0';
		return;
	}
	lead = (unsigned char)s[start - 1];
	need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
	s[n - (start - 1) < need ? start - 1 : n] = '\0';
}

int herr_set(struct herr *err, int code, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		int n;
		va_start(ap, fmt);
		n = vsnprintf(err->msg, sizeof err->msg, fmt, ap);
		va_end(ap);
		if (n >= (int)sizeof err->msg)
			cut_utf8(err->msg, sizeof err->msg - 1);
		err->code = code;
	}
	return code;
}

void herr_prefix(struct herr *err, const char *fmt, ...)
{
	char *head, *joined;
	size_t n;
	va_list ap;

	if (!err)
		return;
	va_start(ap, fmt);
	head = xvasprintf(fmt, ap);
	va_end(ap);
	joined = xasprintf("%s: %s", head, err->msg);
	n = strlen(joined);
	if (n >= sizeof err->msg)
		n = sizeof err->msg - 1;
	memcpy(err->msg, joined, n);
	cut_utf8(err->msg, n);
	free(head);
	free(joined);
}

void herr_clear(struct herr *err)
{
	if (err) {
		err->code = HE_OK;
		err->msg[0] = '\0';
	}
}

/* Out of memory is the one failure hearth does not try to survive. */
static void oom(void)
{
	fputs(_("hearth: out of memory\n"), stderr);
	exit(HE_INTERNAL);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *xgrow(void *p, size_t *cap, size_t need, size_t elem)
{
	size_t c = *cap;

	if (need <= c)
		return p;
	if (c < 8)
		c = 8;
	while (c < need) {
		if (c > SIZE_MAX / 2 / elem)
			oom();
		c *= 2;
	}
	*cap = c;
	return xrealloc(p, c * elem);
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xmalloc(n), s, n);
}

char *xstrdup0(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xvasprintf(const char *fmt, va_list ap)
{
	va_list copy;
	int n;
	char *p;

	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		oom();
	p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

int mkdir_parents(const char *path, char **failed)
{
	char *dir = xstrdup(path);
	int rc = 0;

	for (char *p = dir + 1; *p && !rc; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			rc = errno;
			if (failed)
				*failed = xstrdup(dir);
		}
		*p = '/';
	}
	free(dir);
	return rc;
}

void str_replace(char **slot, const char *s)
{
	char *copy = xstrdup0(s);
	free(*slot);
	*slot = copy;
}

int str_empty(const char *s)
{
	return !s || !*s;
}

int str_eq0(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

void sbuf_addn(struct sbuf *b, const char *s, size_t n)
{
	b->s = xgrow(b->s, &b->cap, b->len + n + 1, 1);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void sbuf_add(struct sbuf *b, const char *s)
{
	sbuf_addn(b, s, strlen(s));
}

void sbuf_addc(struct sbuf *b, char c)
{
	sbuf_addn(b, &c, 1);
}

void sbuf_addf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	sbuf_add(b, p);
	free(p);
}

char *sbuf_take(struct sbuf *b)
{
	char *s = b->s ? b->s : xstrdup("");
	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

void sbuf_free(struct sbuf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

const char *sbuf_str(const struct sbuf *b)
{
	return b->s ? b->s : "";
}

void strv_add(struct strv *sv, const char *s)
{
	sv->v = xgrow(sv->v, &sv->cap, sv->n + 1, sizeof *sv->v);
	sv->v[sv->n++] = xstrdup(s);
}

void strv_free(struct strv *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = sv->cap = 0;
}

void strv_copy(struct strv *dst, const struct strv *src)
{
	for (size_t i = 0; i < src->n; i++)
		strv_add(dst, src->v[i]);
}

int strv_has(const struct strv *sv, const char *s)
{
	for (size_t i = 0; i < sv->n; i++)
		if (strcmp(sv->v[i], s) == 0)
			return 1;
	return 0;
}

/* The length of the separator of seps at p, or 0. */
static size_t separator_at(const char *p, const char *const *seps, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(seps[i]);
		if (len && !strncmp(p, seps[i], len))
			return len;
	}
	return 0;
}

void strv_split(struct strv *sv, const char *text, const char *const *seps,
		size_t n)
{
	const char *p = text, *start = text;

	for (;;) {
		size_t sep = *p ? separator_at(p, seps, n) : 0;
		if (*p && !sep) {
			p++;
			continue;
		}
		const char *a = start, *b = p;
		while (a < b && isspace((unsigned char)*a))
			a++;
		while (b > a && isspace((unsigned char)b[-1]))
			b--;
		if (b > a) {
			char *item = xstrndup(a, (size_t)(b - a));
			strv_add(sv, item);
			free(item);
		}
		if (!*p)
			return;
		p += sep;
		start = p;
	}
}
