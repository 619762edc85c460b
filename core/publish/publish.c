/* publish.c - writing the feeds, their QR codes and the page into a directory. */
#include "publish.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../i18n.h"
#include "../ical/ical.h"
#include "../qr/qr.h"
#include "publish_int.h"

/*
 * How far back a feed reaches: series that ended longer ago are left out,
 * so a feed stays small for a phone that fetches it every day, while a
 * rider still sees last month's events.
 */
#define FEED_PAST (90 * 86400LL)
/* Pixels per module of a QR code on the page (shown at 12em). */
#define QR_SCALE 6

struct feed_ctx {
	struct store *st;
	const struct publish_opts *o;
	const struct feed *f;
};

static int fill_feed(void *ctx, FILE *out, struct herr *err)
{
	const struct feed_ctx *c = ctx;
	struct ics_export_opts e = { 0 };

	switch (c->f->type) {
	case FEED_ALL: break;
	case FEED_KIND: e.q.kind = c->f->key; break;
	case FEED_VENUE: e.q.venue = c->f->key; break;
	case FEED_ORG: e.q.org = c->f->key; break;
	}
	e.q.exact = true;
	e.q.from = c->o->now - FEED_PAST;
	e.q.to = SCHED_FOREVER;
	e.name = c->f->title;
	e.zone = c->o->zone;
	e.now = c->o->now;
	e.cfg = c->o->cfg;
	e.cancelled_exdate = c->o->cfg->publish.cancelled_exdate;
	e.feed = true;
	return ics_export(c->st, &e, out, err);
}

/* The directory, with its parents, readable by a web server. */
static int make_dir(const char *dir, struct herr *err)
{
	char *path = xstrdup(dir);
	int rc = HE_OK;

	for (char *p = path + 1; rc == HE_OK; p++) {
		char saved = *p;
		if (saved != '/' && saved != '\0')
			continue;
		*p = '\0';
		if (mkdir(path, 0755) != 0 && errno != EEXIST)
			rc = herr_set(err, HE_INTERNAL, _("cannot create directory "
				      "%s: %s"), path, strerror(errno));
		*p = saved;
		if (!saved)
			break;
	}
	free(path);
	return rc;
}

static void count(struct publish_result *r, bool changed)
{
	if (changed)
		r->written++;
	else
		r->unchanged++;
}

static bool wanted(const struct publish_opts *o, const char *name)
{
	return !o->only || strv_has(o->only, name);
}

static int write_feeds(struct store *st, const struct publish_opts *o,
		       const struct feeds *f, struct publish_result *r,
		       struct herr *err)
{
	for (size_t i = 0; i < f->n; i++) {
		struct feed_ctx c = { st, o, &f->v[i] };
		char *file;
		bool changed;
		int rc;
		if (!wanted(o, f->v[i].name))
			continue;
		file = xasprintf("%s.ics", f->v[i].name);
		rc = publish_file(o->dir, file, fill_feed, &c, &changed, err);
		free(file);
		if (rc != HE_OK)
			return rc;
		count(r, changed);
	}
	return HE_OK;
}

static int write_qr(const struct publish_opts *o, const char *feed,
		    bool webcal, struct strv *files, struct publish_result *r,
		    struct herr *err)
{
	char *url = publish_feed_url(o->base_url, feed, webcal);
	char *name = publish_qr_name(feed, webcal);
	struct qr q;
	struct sbuf png = { 0 };
	bool changed;
	int rc;

	/* A URL is ASCII: no ECI either way. */
	if ((rc = qr_encode(url, true, &q, err)) == HE_OK &&
	    (rc = qr_png(&q, QR_SCALE, &png, err)) == HE_OK &&
	    (rc = publish_bytes(o->dir, name, png.s, png.len, &changed,
				err)) == HE_OK)
		count(r, changed);
	strv_add(files, name);
	qr_free(&q);
	sbuf_free(&png);
	free(name);
	free(url);
	return rc;
}

struct index_ctx {
	const struct feeds *f;
	const char *base_url;
};

static int fill_index(void *ctx, FILE *out, struct herr *err)
{
	const struct index_ctx *c = ctx;

	return publish_index(out, c->f, c->base_url, err);
}

/* Files the last run wrote that this one did not: feeds gone. */
static int remove_stale(const char *dir, const struct strv *now,
			struct publish_result *r, struct herr *err)
{
	struct strv before = { 0 };
	int rc = publish_manifest_read(dir, &before, err);

	for (size_t i = 0; rc == HE_OK && i < before.n; i++)
		if (!strv_has(now, before.v[i]) &&
		    (rc = publish_remove(dir, before.v[i], err)) == HE_OK)
			r->removed++;
	strv_free(&before);
	return rc;
}

/* The page, the QR codes, and the list of what this run wrote. */
static int write_index(const struct publish_opts *o, const struct feeds *f,
		       struct publish_result *r, struct herr *err)
{
	struct strv files = { 0 };
	struct index_ctx c = { f, o->base_url };
	bool changed;
	int rc = HE_OK;

	for (size_t i = 0; i < f->n; i++) {
		char *ics = xasprintf("%s.ics", f->v[i].name);
		strv_add(&files, ics);
		free(ics);
		if (o->base_url && rc == HE_OK &&
		    (rc = write_qr(o, f->v[i].name, true, &files, r, err)) ==
			    HE_OK)
			rc = write_qr(o, f->v[i].name, false, &files, r, err);
	}
	if (rc == HE_OK &&
	    (rc = publish_file(o->dir, "index.html", fill_index, &c, &changed,
			       err)) == HE_OK)
		count(r, changed);
	strv_add(&files, "index.html");
	if (rc == HE_OK && (rc = remove_stale(o->dir, &files, r, err)) == HE_OK)
		rc = publish_manifest_write(o->dir, &files, err);
	strv_free(&files);
	return rc;
}

int publish_run(struct store *st, const struct publish_opts *o,
		struct publish_result *r, struct herr *err)
{
	struct feeds f = { 0 };
	int lock, rc;

	memset(r, 0, sizeof *r);
	if ((rc = make_dir(o->dir, err)) != HE_OK)
		return rc;
	if ((lock = publish_lock(o->dir, err)) < 0)
		return HE_INTERNAL;
	/* Read under the lock: a process that waited reads the newer data. */
	if ((rc = publish_feeds(st, o->cfg, &f, err)) == HE_OK &&
	    (rc = write_feeds(st, o, &f, r, err)) == HE_OK &&
	    (!o->only || o->index))
		rc = write_index(o, &f, r, err);
	if (rc != HE_OK)
		herr_prefix(err, _("publishing to %s"), o->dir);
	publish_unlock(lock);
	feeds_free(&f);
	return rc;
}
