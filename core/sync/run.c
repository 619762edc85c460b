/*
 * run.c - one sync of one calendar: find it, pull, push, record.
 *
 * The network is only ever waited on outside a transaction: the series
 * to send are read first (a batch at a time), the answers are gathered,
 * and then applied in one short write transaction per batch. Readers and
 * writers of the database wait for a batch's writing, never for a server.
 */
#include "sync_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "../i18n.h"

/* Objects fetched by one calendar-multiget, and sent between two
 * writes of the database. */
#define BATCH_GET 100
#define BATCH_PUT 50
/* sync-collection answers one part at a time when it truncates (507). */
#define MAX_ROUNDS 1000

struct run {
	struct sync_ctx x;
	const struct sync_opts *o;
	struct dav d;
	char *coll;                  /* the calendar's path, decoded, '/' */
	struct dav_item info;        /* its properties */
	bool assumed;                /* taken as it was (take_known) */
	bool pushed;
};

static void progress(struct run *r, const char *step, size_t done,
		     size_t total)
{
	if (r->o->progress)
		r->o->progress(r->o->ctx, step, done, total);
}

/* ---- Finding the calendar ---- */

/* The config's url and calendar, to tell when they change. */
static char *source_of(const struct sync_account *a)
{
	return xasprintf("%s %s", a->url, a->calendar ? a->calendar : "");
}

static bool names_calendar(const struct dav_item *it, const char *name)
{
	const char *end, *start;

	if (it->displayname && !strcmp(it->displayname, name))
		return true;
	end = it->href + strlen(it->href);
	while (end > it->href && end[-1] == '/')
		end--;
	for (start = end; start > it->href && start[-1] != '/'; start--)
		;
	return (size_t)(end - start) == strlen(name) &&
	       !strncmp(start, name, strlen(name));
}

/* The calendar of the account among those found. */
static int choose(struct run *r, struct dav_found *f, struct herr *err)
{
	const struct sync_account *a = r->o->a;
	struct dav_item *pick = NULL;
	struct sbuf names = { 0 };

	for (size_t i = 0; i < f->calendars.n; i++) {
		struct dav_item *it = &f->calendars.v[i];
		if (f->calendar || (a->calendar && names_calendar(it, a->calendar)))
			pick = pick ? pick : it;
		sbuf_addf(&names, "%s%s", i ? ", " : "",
			  it->displayname ? it->displayname : it->href);
	}
	if (!pick && !a->calendar && f->calendars.n == 1)
		pick = &f->calendars.v[0];
	if (!pick) {
		if (a->calendar)
			herr_set(err, HE_USER, _("[sync %s]: server %s has no "
				 "calendar called '%s' (it has: %s)"), a->name,
				 r->d.origin, a->calendar,
				 names.len ? names.s : "-");
		else
			herr_set(err, HE_USER, _("[sync %s]: server %s has %zu "
				 "calendars (%s): say which with calendar = "),
				 a->name, r->d.origin, f->calendars.n,
				 names.len ? names.s : "-");
		sbuf_free(&names);
		return HE_USER;
	}
	sbuf_free(&names);
	r->info = *pick;
	memset(pick, 0, sizeof *pick);
	return HE_OK;
}

static int remember_url(struct run *r, const char *source, struct herr *err)
{
	char *url = href_url(r->d.origin, r->coll);
	int rc = store_begin(r->x.st, err);

	if (rc == HE_OK &&
	    (rc = sync_cal_set_url(r->x.st, &r->x.cal, source, url, err)) == HE_OK)
		rc = store_commit(r->x.st, err);
	else if (rc == HE_OK)
		store_rollback(r->x.st);
	free(url);
	return rc;
}

/*
 * A calendar synced by token before answers sync-collection, and asking
 * what it is would cost a request every time: it is taken as it was. If
 * it has moved or gone, the sync-collection fails and it is found again.
 */
static bool take_known(struct run *r, const char *source)
{
	char *p;

	if (!r->x.cal.url || !r->x.cal.token || !r->o->a->use_sync_collection ||
	    !str_eq0(r->x.cal.source, source))
		return false;
	p = url_path(r->x.cal.url);
	r->coll = path_dir(p);
	free(p);
	r->info.href = xstrdup(r->coll);
	r->info.calendar = true;
	r->info.has_sync = true;
	r->assumed = true;
	return true;
}

/* Known from an earlier sync: one request asks what it is now. */
static bool ask_known(struct run *r, const char *source, struct herr *err)
{
	char *p;

	if (!r->x.cal.url || !str_eq0(r->x.cal.source, source))
		return false;
	p = url_path(r->x.cal.url);
	r->coll = path_dir(p);
	free(p);
	if (dav_collection(&r->d, r->coll, &r->info, err) == HE_OK &&
	    r->info.calendar)
		return true;
	dav_item_free(&r->info);
	free(r->coll);
	r->coll = NULL;
	return false;
}

/*
 * The calendar found is the one synced before, unless the config now says
 * another: one that went away is never replaced by whatever else the
 * server has, which would receive every event.
 */
static int check_same(struct run *r, const char *source, struct herr *err)
{
	char *url = href_url(r->d.origin, r->coll);
	int rc = HE_OK;

	if (r->x.cal.url && str_eq0(r->x.cal.source, source) &&
	    strcmp(url, r->x.cal.url))
		rc = herr_set(err, HE_USER, _("[sync %s]: the calendar this "
			      "database synced with, %s, is no longer on the "
			      "server (it has %s); if it moved, put its new "
			      "address in url"), r->o->a->name, r->x.cal.url,
			      url);
	free(url);
	return rc;
}

/* sync_collection = no (a server whose sync-collection is wrong): the
 * calendar is compared by getctag and its ETags as for one without it. */
static void without_sync_collection(struct run *r)
{
	if (!r->o->a->use_sync_collection)
		r->info.has_sync = false;
}

/* Finds the calendar; again (not as it was) when again. */
static int locate(struct run *r, bool again, struct herr *err)
{
	char *source = source_of(r->o->a);
	struct dav_found f;
	int rc = HE_OK;

	if ((!again && take_known(r, source)) ||
	    (!again && ask_known(r, source, err))) {
		free(source);
		without_sync_collection(r);
		return HE_OK;
	}
	rc = dav_discover(&r->d, r->o->a->url, &f, err);
	if (rc == HE_OK)
		rc = choose(r, &f, err);
	if (rc == HE_OK) {
		r->coll = path_dir(r->info.href);
		rc = check_same(r, source, err);
	}
	if (rc == HE_OK)
		rc = remember_url(r, source, err);
	dav_found_free(&f);
	free(source);
	without_sync_collection(r);
	return rc;
}

/* ---- Pull ---- */

/* The items of a calendar by href (open addressing). */
struct item_index {
	struct sync_items items;
	size_t *slot;                /* index + 1, 0 empty */
	size_t cap;
};

static size_t hash_href(const char *s)
{
	size_t h = 5381;

	for (; *s; s++)
		h = h * 33 + (unsigned char)*s;
	return h;
}

static int index_load(struct run *r, struct item_index *ix, struct herr *err)
{
	int rc = sync_item_list(r->x.st, r->x.cal.id, &ix->items, err);

	if (rc != HE_OK)
		return rc;
	ix->cap = 16;
	while (ix->cap < ix->items.n * 2)
		ix->cap *= 2;
	ix->slot = xcalloc(ix->cap, sizeof *ix->slot);
	for (size_t i = 0; i < ix->items.n; i++) {
		size_t h = hash_href(ix->items.v[i].href) & (ix->cap - 1);
		while (ix->slot[h])
			h = (h + 1) & (ix->cap - 1);
		ix->slot[h] = i + 1;
	}
	return HE_OK;
}

static struct sync_item *index_find(struct item_index *ix, const char *href)
{
	for (size_t h = hash_href(href) & (ix->cap - 1); ix->slot[h];
	     h = (h + 1) & (ix->cap - 1))
		if (!strcmp(ix->items.v[ix->slot[h] - 1].href, href))
			return &ix->items.v[ix->slot[h] - 1];
	return NULL;
}

static void index_free(struct item_index *ix)
{
	sync_items_free(&ix->items);
	free(ix->slot);
	memset(ix, 0, sizeof *ix);
}

/* What a listing found: hrefs to fetch, items gone. */
struct changes_found {
	struct strv fetch;
	struct sync_items gone;
	char *token;                 /* the sync token that ends it */
};

static void found_free(struct changes_found *c)
{
	strv_free(&c->fetch);
	sync_items_free(&c->gone);
	free(c->token);
	memset(c, 0, sizeof *c);
}

static void add_gone(struct changes_found *c, const struct sync_item *it)
{
	struct sync_item *g;

	c->gone.v = xgrow(c->gone.v, &c->gone.cap, c->gone.n + 1,
			  sizeof *c->gone.v);
	g = &c->gone.v[c->gone.n++];
	g->href = xstrdup(it->href);
	g->uid = xstrdup0(it->uid);
	g->etag = xstrdup0(it->etag);
	g->revision = it->revision;
	g->raw = it->raw;
}

/* Paths equal but for a final '/'. */
static bool same_path(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);

	while (n > 1 && a[n - 1] == '/')
		n--;
	while (m > 1 && b[m - 1] == '/')
		m--;
	return n == m && !strncmp(a, b, n);
}

/* An item the server has had (else it is waiting to be created). */
static bool on_server(const struct sync_item *it)
{
	return it->etag || it->revision > 0 || it->raw;
}

/*
 * Sorts a listing into what to fetch and what is gone. With full, the
 * listing is the whole calendar: a known object missing from it is gone.
 */
static void sort_listing(struct run *r, struct item_index *ix,
			 struct dav_items *l, bool full, struct changes_found *c)
{
	bool *seen = full ? xcalloc(ix->items.n + 1, sizeof *seen) : NULL;

	for (size_t i = 0; i < l->n; i++) {
		struct dav_item *it = &l->v[i];
		struct sync_item *known = index_find(ix, it->href);
		/* The calendar itself, and collections inside it. */
		if (it->collection || same_path(it->href, r->coll))
			continue;
		if (known && seen)
			seen[known - ix->items.v] = true;
		if (it->status == 404 || it->status == 410) {
			if (known)
				add_gone(c, known);
		} else if (!known || !known->etag || !it->etag ||
			   strcmp(known->etag, it->etag)) {
			strv_add(&c->fetch, it->href);
		}
	}
	for (size_t i = 0; seen && i < ix->items.n; i++)
		if (!seen[i] && on_server(&ix->items.v[i]))
			add_gone(c, &ix->items.v[i]);
	free(seen);
}

/* The changes by sync-collection since the token kept. */
static int list_by_token(struct run *r, struct item_index *ix,
			 struct changes_found *c, struct herr *err)
{
	char *token = xstrdup0(r->x.cal.token);
	bool invalid, full = token == NULL;
	int rc = HE_OK;

	for (int round = 0; rc == HE_OK && round < MAX_ROUNDS; round++) {
		struct dav_items l;
		rc = dav_sync_collection(&r->d, r->coll, token, &l, &invalid, err);
		if (rc != HE_OK && invalid && token) {
			/* Forgotten by the server: start over, in full. */
			free(token);
			token = NULL;
			full = true;
			rc = HE_OK;
			continue;
		}
		if (rc == HE_OK) {
			sort_listing(r, ix, &l, full && !l.truncated && round == 0,
				     c);
			str_replace(&token, l.sync_token);
		}
		bool more = rc == HE_OK && l.truncated;
		dav_items_free(&l);
		if (!more)
			break;
	}
	c->token = token;
	return rc;
}

/* The changes by comparing a listing of ETags with those kept. */
static int list_all(struct run *r, struct item_index *ix,
		    struct changes_found *c, struct herr *err)
{
	struct dav_items l;
	int rc;

	if (r->info.ctag && r->x.cal.ctag && !strcmp(r->info.ctag, r->x.cal.ctag))
		return HE_OK; /* the calendar has not changed */
	if ((rc = dav_list(&r->d, r->coll, &l, err)) == HE_OK)
		sort_listing(r, ix, &l, true, c);
	dav_items_free(&l);
	return rc;
}

/* Applies fetched objects in one transaction. */
static int apply_fetched(struct run *r, struct dav_items *got,
			 struct item_index *ix, struct herr *err)
{
	int rc = store_begin(r->x.st, err);

	for (size_t i = 0; rc == HE_OK && i < got->n; i++) {
		struct dav_item *it = &got->v[i];
		struct sync_item *known = index_find(ix, it->href);
		if (it->status == 404 || it->status == 410 || !it->data) {
			if (known)
				rc = sync_take_gone(&r->x, known, err);
			continue;
		}
		rc = sync_take_remote(&r->x, it->href, it->etag, it->data, err);
	}
	if (rc == HE_OK)
		return store_commit(r->x.st, err);
	store_rollback(r->x.st);
	return rc;
}

static int fetch(struct run *r, struct changes_found *c, struct item_index *ix,
		 struct herr *err)
{
	int rc = HE_OK;

	for (size_t i = 0; rc == HE_OK && i < c->fetch.n; i += BATCH_GET) {
		size_t n = c->fetch.n - i < BATCH_GET ? c->fetch.n - i : BATCH_GET;
		struct dav_items got;
		progress(r, "pull", i, c->fetch.n);
		rc = dav_multiget(&r->d, r->coll, c->fetch.v + i, n, &got, err);
		if (rc == HE_OK)
			rc = apply_fetched(r, &got, ix, err);
		dav_items_free(&got);
	}
	if (rc == HE_OK && c->fetch.n)
		progress(r, "pull", c->fetch.n, c->fetch.n);
	return rc;
}

static int apply_gone(struct run *r, struct changes_found *c,
		      struct herr *err)
{
	int rc = c->gone.n ? store_begin(r->x.st, err) : HE_OK;

	if (rc != HE_OK || !c->gone.n)
		return rc;
	for (size_t i = 0; rc == HE_OK && i < c->gone.n; i++)
		rc = sync_take_gone(&r->x, &c->gone.v[i], err);
	if (rc == HE_OK)
		return store_commit(r->x.st, err);
	store_rollback(r->x.st);
	return rc;
}

static int save_token(struct run *r, const char *token, struct herr *err)
{
	const char *ctag = r->info.ctag;
	int rc;

	if (str_eq0(token, r->x.cal.token) && str_eq0(ctag, r->x.cal.ctag))
		return HE_OK;
	if ((rc = store_begin(r->x.st, err)) != HE_OK)
		return rc;
	if ((rc = sync_cal_set_token(r->x.st, &r->x.cal, token, ctag, err)))
		store_rollback(r->x.st);
	else
		rc = store_commit(r->x.st, err);
	return rc;
}

/* What changed there comes here. The token is kept only when all of it
 * has, so that an interrupted pull is done again, not skipped. */
static int pull(struct run *r, struct herr *err)
{
	struct item_index ix = { 0 };
	struct changes_found c = { 0 };
	int rc = index_load(r, &ix, err);

	if (rc == HE_OK)
		rc = r->info.has_sync ? list_by_token(r, &ix, &c, err)
				      : list_all(r, &ix, &c, err);
	if (rc == HE_OK)
		rc = fetch(r, &c, &ix, err);
	if (rc == HE_OK)
		rc = apply_gone(r, &c, err);
	if (rc == HE_OK)
		rc = save_token(r, r->info.has_sync ? c.token : NULL, err);
	found_free(&c);
	index_free(&ix);
	return rc;
}

/* ---- Push ---- */

enum outcome { O_NONE, O_STORED, O_DROPPED, O_REMOTE, O_GONE };

struct sent {
	enum outcome what;
	char *href, *text, *etag, *data;
	int revision;
	bool created;
};

static void sent_free(struct sent *s)
{
	free(s->href);
	free(s->text);
	free(s->etag);
	free(s->data);
	memset(s, 0, sizeof *s);
}

/* After 412: what the server has there now. */
static int fetch_current(struct run *r, struct sent *s, struct herr *err)
{
	long status;
	char *data, *etag;
	int rc = dav_get(&r->d, s->href, &status, &data, &etag, err);

	if (rc != HE_OK)
		return rc;
	if (status == 200) {
		s->what = O_REMOTE;
		s->data = data;
		free(s->etag);
		s->etag = etag;
	} else {
		s->what = s->created ? O_NONE : O_GONE;
	}
	return HE_OK;
}

static int push_error(struct run *r, const char *method, const char *href,
		      long status, struct herr *err)
{
	char *url = href_url(r->d.origin, href);
	int rc = http_status_error(r->d.http, method, url, status, err);

	free(url);
	return rc;
}

/*
 * Statuses that refuse one object, not the calendar (a server's own
 * limits on what an event may hold): said, and the rest still sent; the
 * series stays changed here and is offered again at the next sync.
 */
static bool refused_object(long status)
{
	return status == 400 || status == 409 || status == 413 ||
	       status == 415 || status == 422;
}

static void note_refused(struct run *r, const char *href, long status)
{
	char *msg;

	if (!r->o->note)
		return;
	msg = xasprintf(_("server %s: PUT %s: status %ld: the server refused "
			  "this event; it stays here and is offered again at "
			  "the next sync"), r->d.origin, href, status);
	r->o->note(r->o->ctx, msg);
	free(msg);
}

/* Sends one series (or its deletion); the outcome in s. */
static int send_one(struct run *r, const struct sync_push *p, struct sent *s,
		    struct herr *err)
{
	long status;
	char *etag = NULL;
	int rc;

	if (!p->series_id) {
		rc = dav_delete(&r->d, s->href, p->etag, &status, err);
		if (rc != HE_OK)
			return rc;
		if ((status >= 200 && status < 300) || status == 404 ||
		    status == 410)
			s->what = O_DROPPED;
		else if (status == 412)
			return fetch_current(r, s, err);
		else
			return push_error(r, "DELETE", s->href, status, err);
		return HE_OK;
	}
	if (!s->text)
		return HE_OK; /* deleted meanwhile: the next sync sees it */
	rc = dav_put(&r->d, s->href, s->text, p->etag, &status, &etag, err);
	if (rc != HE_OK)
		return rc;
	if (status >= 200 && status < 300) {
		s->what = O_STORED;
		free(s->etag);
		s->etag = etag;
	} else if (status == 412) {
		rc = fetch_current(r, s, err);
	} else if ((status == 404 || status == 410) && p->etag) {
		s->what = O_GONE;
	} else if (refused_object(status)) {
		note_refused(r, s->href, status);
	} else {
		rc = push_error(r, "PUT", s->href, status, err);
	}
	return rc;
}

static int apply_sent(struct run *r, const struct sync_push *p,
		      struct sent *s, struct herr *err)
{
	struct sync_item it = { .href = s->href, .uid = p->uid,
				.etag = s->etag, .revision = s->revision };
	bool found;
	int rc;

	switch (s->what) {
	case O_STORED:
		if (s->created)
			r->x.stats->out_added++;
		else
			r->x.stats->out_changed++;
		r->pushed = true;
		return sync_item_put(r->x.st, r->x.cal.id, &it, NULL, NULL, err);
	case O_DROPPED:
		r->x.stats->out_deleted++;
		r->pushed = true;
		return sync_item_delete(r->x.st, r->x.cal.id, s->href, err);
	case O_REMOTE:
		return sync_take_remote(&r->x, s->href, s->etag, s->data, err);
	case O_GONE:
		rc = sync_item_get(r->x.st, r->x.cal.id, s->href, &it, &found,
				   err);
		if (rc == HE_OK && found)
			rc = sync_take_gone(&r->x, &it, err);
		if (found)
			sync_item_free(&it);
		return rc;
	default:
		return HE_OK;
	}
}

/* Reads the batch's series (no network yet). */
static int prepare_batch(struct run *r, const struct sync_push *p, size_t n,
			 struct sent *s, struct herr *err)
{
	for (size_t i = 0; i < n; i++) {
		struct herr e;
		s[i].href = p[i].href ? xstrdup(p[i].href)
				      : href_for_uid(r->coll, p[i].uid);
		s[i].created = p[i].etag == NULL;
		s[i].etag = xstrdup0(p[i].etag);
		if (!p[i].series_id)
			continue;
		int rc = sync_object_text(&r->x, p[i].series_id, &s[i].text,
					  &s[i].revision, &e);
		if (rc == HE_INTERNAL)
			return herr_set(err, rc, "%s", e.msg);
		/* HE_USER: the series was deleted meanwhile. */
	}
	return HE_OK;
}

static int push_batch(struct run *r, const struct sync_push *p, size_t n,
		      struct herr *err)
{
	struct sent *s = xcalloc(n, sizeof *s);
	struct herr net = { 0 };
	int rc = prepare_batch(r, p, n, s, err), sent_rc = HE_OK;
	size_t done = 0;

	/* The network, with nothing of the database held. */
	for (; rc == HE_OK && done < n; done++)
		if ((sent_rc = send_one(r, &p[done], &s[done], &net)) != HE_OK)
			break;
	/* What went through is recorded even when the rest failed. */
	if (rc == HE_OK && (rc = store_begin(r->x.st, err)) == HE_OK) {
		for (size_t i = 0; rc == HE_OK && i < n; i++)
			rc = apply_sent(r, &p[i], &s[i], err);
		if (rc == HE_OK)
			rc = store_commit(r->x.st, err);
		else
			store_rollback(r->x.st);
	}
	for (size_t i = 0; i < n; i++)
		sent_free(&s[i]);
	free(s);
	if (rc == HE_OK && sent_rc != HE_OK) {
		*err = net;
		rc = sent_rc;
	}
	return rc;
}

static int push(struct run *r, struct herr *err)
{
	struct sync_pushes l;
	int rc = sync_push_list(r->x.st, r->x.cal.id, r->o->a, &l, err);

	for (size_t i = 0; rc == HE_OK && i < l.n; i += BATCH_PUT) {
		size_t n = l.n - i < BATCH_PUT ? l.n - i : BATCH_PUT;
		progress(r, "push", i, l.n);
		rc = push_batch(r, l.v + i, n, err);
	}
	if (rc == HE_OK && l.n)
		progress(r, "push", l.n, l.n);
	sync_pushes_free(&l);
	return rc;
}

/* ---- The whole ---- */

/* Two syncs of one calendar take turns: a lock file beside the
 * database (released by the kernel however the process ends). */
static int take_lock(struct store *st, const char *account, int *fd,
		     struct herr *err)
{
	char *path = xasprintf("%s.sync-%s.lock", store_path(st), account);

	*fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (*fd < 0 || flock(*fd, LOCK_EX) != 0) {
		herr_set(err, HE_INTERNAL, _("cannot lock %s: %s"), path,
			 strerror(errno));
		if (*fd >= 0)
			close(*fd);
		*fd = -1;
		free(path);
		return HE_INTERNAL;
	}
	free(path);
	return HE_OK;
}

static int open_calendar(struct run *r, struct herr *err)
{
	bool found;
	int rc = store_begin(r->x.st, err);

	if (rc != HE_OK)
		return rc;
	rc = sync_cal_get(r->x.st, r->o->a->name, true, &r->x.cal, &found, err);
	if (rc == HE_OK)
		return store_commit(r->x.st, err);
	store_rollback(r->x.st);
	return rc;
}

static int connect_server(struct run *r, struct herr *err)
{
	char *pw = NULL;
	int rc = sync_password(r->o->a, &pw, err);

	if (rc == HE_OK)
		rc = dav_open(&r->d, r->o->a, pw, err);
	sync_password_free(&pw);
	if (rc == HE_OK)
		r->x.server = r->d.origin;
	return rc;
}

static int run_steps(struct run *r, struct herr *err)
{
	int rc;

	if ((rc = connect_server(r, err)) != HE_OK ||
	    (rc = open_calendar(r, err)) != HE_OK ||
	    (rc = locate(r, false, err)) != HE_OK)
		return rc;
	rc = pull(r, err);
	if (rc == HE_USER && r->assumed) {
		/* Refused where it was: moved, gone, or no longer syncable. */
		dav_item_free(&r->info);
		free(r->coll);
		r->coll = NULL;
		r->assumed = false;
		if ((rc = locate(r, true, err)) == HE_OK)
			rc = pull(r, err);
	}
	if (rc != HE_OK || (rc = push(r, err)) != HE_OK)
		return rc;
	/* Our own changes move the token on: taken now, the next sync's
	   listing is empty instead of naming every object sent. */
	if (r->pushed && r->info.has_sync)
		rc = pull(r, err);
	return rc;
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) +
	       (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Records how the sync ended, in a transaction of its own. */
static void record(struct run *r, int rc, const struct herr *err)
{
	struct herr e;

	if (!r->x.cal.id || store_begin(r->x.st, &e) != HE_OK)
		return;
	if (sync_cal_outcome(r->x.st, &r->x.cal, r->o->now,
			     rc == HE_OK ? NULL : err->msg, r->x.stats,
			     &e) == HE_OK)
		store_commit(r->x.st, &e);
	else
		store_rollback(r->x.st);
}

int sync_run(struct store *st, const struct sync_opts *o,
	     struct sync_stats *stats, struct herr *err)
{
	struct run r = { .o = o };
	struct timespec t0;
	int lock = -1, rc;

	memset(stats, 0, sizeof *stats);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if ((rc = sync_account_check(o->cfg, o->a, err)) != HE_OK)
		return rc;
	if (store_readonly(st))
		return herr_set(err, HE_USER, _("sync changes the database, and "
				"%s may only be read"), store_path(st));
	if ((rc = take_lock(st, o->a->name, &lock, err)) != HE_OK)
		return rc;
	r.x = (struct sync_ctx){ .st = st, .cfg = o->cfg, .a = o->a,
				 .zone = o->zone, .now = o->now,
				 .cancelled_exdate = o->cancelled_exdate,
				 .stats = stats, .note = o->note,
				 .note_ctx = o->ctx };
	rc = run_steps(&r, err);
	stats->requests = dav_requests(&r.d);
	stats->seconds = seconds_since(&t0);
	record(&r, rc, err);
	dav_item_free(&r.info);
	free(r.coll);
	dav_close(&r.d);
	sync_ctx_free(&r.x);
	close(lock);
	return rc;
}
