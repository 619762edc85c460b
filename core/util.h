/*
 * util.h - memory, strings and error reporting shared by every core module.
 *
 * Allocation failure is fatal in one place (xmalloc and friends print a
 * message and exit 2); every other failure is returned to the caller as a
 * status code with a message in a struct herr, so that the core never prints
 * or prompts: the command line writes the message to stderr, the TUI puts it
 * in its status line and a test inspects it.
 */
#ifndef HEARTH_UTIL_H
#define HEARTH_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Status codes; they are also the command line's exit statuses. */
enum {
	HE_OK = 0,
	HE_USER = 1,     /* bad input: the user can fix it */
	HE_INTERNAL = 2, /* I/O, database or library failure */
};

struct herr {
	int code;
	char msg[512];
};

/* Records code and message in err (which may be NULL); returns code. */
int herr_set(struct herr *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Prefixes err's message with "prefix: " (for naming a file or a field). */
void herr_prefix(struct herr *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void herr_clear(struct herr *err);

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Grows an array of *cap elements of size elem so that it holds need. */
void *xgrow(void *p, size_t *cap, size_t need, size_t elem);
char *xstrdup(const char *s);
/* xstrdup that maps NULL to NULL. */
char *xstrdup0(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap)
	__attribute__((format(printf, 1, 0)));

/*
 * Creates the missing directories above path (mode 0700, like mkdir -p of
 * its dirname); returns 0, or an errno value naming what failed in *failed
 * (which the caller frees; may be NULL).
 */
int mkdir_parents(const char *path, char **failed);

/* Replaces *slot with a copy of s (NULL allowed), freeing the old value. */
void str_replace(char **slot, const char *s);
/* True for NULL or "". */
int str_empty(const char *s);
/* Compares two possibly-NULL strings, NULL equal to "". */
int str_eq0(const char *a, const char *b);

/* A growable NUL-terminated byte string. */
struct sbuf {
	char *s;
	size_t len, cap;
};
void sbuf_add(struct sbuf *b, const char *s);
void sbuf_addn(struct sbuf *b, const char *s, size_t n);
void sbuf_addc(struct sbuf *b, char c);
void sbuf_addf(struct sbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Returns the string (never NULL) and leaves b empty; the caller frees it. */
char *sbuf_take(struct sbuf *b);
void sbuf_free(struct sbuf *b);
/* The current text, "" when nothing was added. */
const char *sbuf_str(const struct sbuf *b);

/* A list of owned strings. */
struct strv {
	char **v;
	size_t n, cap;
};
void strv_add(struct strv *sv, const char *s);
void strv_free(struct strv *sv);
void strv_copy(struct strv *dst, const struct strv *src);
int strv_has(const struct strv *sv, const char *s);
/*
 * Adds the items of text that stand between any of the n separators seps,
 * each matched as a whole string (so that "，" is never cut out of another
 * character's bytes), trimmed of white space; empty items are left out.
 */
void strv_split(struct strv *sv, const char *text, const char *const *seps,
		size_t n);

#endif
