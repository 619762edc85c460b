/*
 * icsutil.h - what the iCalendar unit tests share: an in-memory database
 * with the default configuration, importing text into it with every note
 * collected as "LINE: message", exporting it all, and looking up series.
 * Include after cmocka.h; everything is static so that a test that uses
 * only part of it still compiles without warnings.
 */
#ifndef HEARTH_ICSUTIL_H
#define HEARTH_ICSUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../core/config.h"
#include "../../core/ical/ical.h"
#include "../../core/store.h"

#define NOW 1798761600 /* 2027-01-01T00:00:00Z */

struct env {
	struct store *st;
	struct config cfg;
	struct strv notes;       /* "LINE: message" */
	struct ics_import_stats s;
};

static inline void collect(void *ctx, long line, const char *msg)
{
	struct env *e = ctx;
	char *t = xasprintf("%ld: %s", line, msg);
	strv_add(&e->notes, t);
	free(t);
}

static inline int setup(void **state)
{
	struct env *e = calloc(1, sizeof *e);
	struct herr err;

	config_init(&e->cfg);
	if (store_open(&e->st, ":memory:", STORE_CREATE, &err) != HE_OK)
		return -1;
	*state = e;
	return 0;
}

static inline int teardown(void **state)
{
	struct env *e = *state;

	store_close(&e->st);
	config_free(&e->cfg);
	strv_free(&e->notes);
	free(e);
	tz_cleanup();
	return 0;
}

static inline int import_file(struct env *e, FILE *in, bool dry, struct herr *err)
{
	struct ics_import_opts o = { .cfg = &e->cfg, .dry_run = dry, .now = NOW,
				     .zone = tz_get("Asia/Shanghai") };

	strv_free(&e->notes);
	return ics_import(e->st, in, &o, &e->s, collect, e, err);
}

static inline int import_text(struct env *e, const char *text, bool dry)
{
	FILE *in = fmemopen((void *)text, strlen(text), "r");
	struct herr err;
	int rc = import_file(e, in, dry, &err);

	fclose(in);
	return rc;
}

static inline char *export_all(struct env *e)
{
	struct ics_export_opts o = { .now = NOW, .cfg = &e->cfg,
				     .zone = "Asia/Shanghai" };
	char *buf = NULL;
	size_t n = 0;
	FILE *out = open_memstream(&buf, &n);
	struct herr err;

	assert_int_equal(ics_export(e->st, &o, out, &err), HE_OK);
	fclose(out);
	return buf;
}

static inline bool noted(const struct env *e, const char *needle)
{
	for (size_t i = 0; i < e->notes.n; i++)
		if (strstr(e->notes.v[i], needle))
			return true;
	return false;
}

/* Loads the series with uid. */
static inline void load(struct env *e, const char *uid, struct series *s)
{
	int64_t id;
	struct herr err;

	assert_int_equal(store_series_by_uid(e->st, uid, &id, &err), HE_OK);
	assert_int_equal(store_series_load(e->st, id, s, &err), HE_OK);
}

#define CAL(body) "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n" \
	body "END:VCALENDAR\r\n"

#endif
