/*
 * conflict.c - conflicts settled by a person, and the calendars a server
 * offers (hearth sync --setup).
 *
 * A conflict keeps the local version of a series as iCalendar text (the
 * object hearth would have sent): it is read back the way a server's
 * object is, so that "keep mine" puts back exactly what was there.
 */
#include "sync_int.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../changes.h"
#include "../i18n.h"
#include "../ical/ical.h"

/* The keys of series_diff (series.h), for translation. */
static const char *const field_names[] = {
	N_("title"), N_("kind"), N_("status"), N_("start"), N_("end"),
	N_("zone"), N_("repeat"), N_("extra dates"), N_("exception dates"),
	N_("venue"), N_("organisations"), N_("audience"), N_("capacity"),
	N_("contact"), N_("description"), N_("segments"), N_("reminders"),
	N_("event"),
};

const char *sync_field_label(const char *field)
{
	for (size_t i = 0; i < sizeof field_names / sizeof *field_names; i++)
		if (!strcmp(field, field_names[i]))
			return _(field_names[i]);
	return field;
}

const char *sync_conflict_kind_text(enum sync_conflict_kind k)
{
	switch (k) {
	case SYNC_DELETED_HERE: return _("deleted here, changed on the server");
	case SYNC_DELETED_THERE: return _("changed here, deleted on the server");
	default: return _("changed on both sides");
	}
}

static int read_local(const struct sync_conflict *c, const struct config *cfg,
		      const struct tz *zone, int64_t now,
		      struct ics_object *ob, struct herr *err)
{
	struct ics_import_opts io = { .cfg = cfg, .zone = zone, .now = now };
	int rc;

	if (!c->local)
		return herr_set(err, HE_INTERNAL, _("sync conflict %lld keeps no "
				"local version"), (long long)c->id);
	if ((rc = ics_object_read(c->local, strlen(c->local), &io, ob, err)))
		return rc;
	if (ob->problem) {
		rc = herr_set(err, HE_INTERNAL, _("sync conflict %lld: the local "
			      "version cannot be read back: %s"),
			      (long long)c->id, ob->problem);
		ics_object_free(ob);
	}
	return rc;
}

int sync_conflict_diff(struct store *st, const struct config *cfg,
		       const struct tz *zone, const struct sync_conflict *c,
		       struct changes *out, struct herr *err)
{
	struct ics_object mine;
	struct series theirs;
	struct civil_list rids = { 0 };
	int64_t id;
	int rc;

	if (c->kind == SYNC_DELETED_HERE) {
		changes_add(out, "event", _("deleted here"),
			    _("changed on the server"));
		return HE_OK;
	}
	if (c->kind == SYNC_DELETED_THERE) {
		changes_add(out, "event", _("changed here"),
			    _("deleted on the server"));
		return HE_OK;
	}
	if ((rc = read_local(c, cfg, zone, 0, &mine, err)) != HE_OK)
		return rc;
	if (store_series_by_uid(st, c->uid, &id, NULL) != HE_OK) {
		changes_add(out, "event", _("changed here"), _("deleted since"));
		ics_object_free(&mine);
		return HE_OK;
	}
	if ((rc = store_series_load(st, id, &theirs, err)) == HE_OK) {
		series_diff(&mine.s, &theirs, out);
		series_overrides_changed(&mine.s, &theirs, &rids);
		for (size_t i = 0; i < rids.n; i++) {
			char *part = series_rid_text(&theirs, &rids.v[i]);
			changes_take(out, xasprintf(_("occurrence %s"), part),
				     NULL, xstrdup(_("changed")));
			free(part);
		}
		civil_list_free(&rids);
		series_free(&theirs);
	}
	ics_object_free(&mine);
	return rc;
}

/* Mine, for a series changed on both sides: the local version becomes
 * the next revision, which the next sync sends. */
static int keep_mine_edit(struct sync_ctx *x, const struct sync_conflict *c,
			  struct herr *err)
{
	struct ics_object mine;
	struct series old;
	bool exists;
	int64_t id;
	int rev, rc;

	if ((rc = read_local(c, x->cfg, x->zone, x->now, &mine, err)) != HE_OK)
		return rc;
	if ((rc = sync_series_rev(x->st, c->uid, &id, &rev, &exists, err)))
		goto out;
	mine.s.revision = rev + 1;
	mine.s.updated = x->now;
	if ((rc = ics_object_places(x->st, &mine, err)) != HE_OK)
		goto out;
	if (!exists) {
		rc = sync_store_series(x->st, c->account, &mine.s, &mine.x, NULL,
				       err);
	} else if ((rc = store_series_load(x->st, id, &old, err)) == HE_OK) {
		rc = sync_store_series(x->st, c->account, &mine.s, &mine.x, &old,
				       err);
		series_free(&old);
	}
out:
	ics_object_free(&mine);
	return rc;
}

/* Deletes the series of c if it is still here. */
static int delete_here(struct sync_ctx *x, const struct sync_conflict *c,
		       struct herr *err)
{
	bool exists;
	int64_t id;
	int rev, rc = sync_series_rev(x->st, c->uid, &id, &rev, &exists, err);

	if (rc != HE_OK || !exists)
		return rc;
	return sync_delete_series(x->st, c->account, id, c->uid, c->title, err);
}

static int settle(struct sync_ctx *x, const struct sync_conflict *c,
		  enum sync_keep keep, struct herr *err)
{
	struct sync_item it;
	bool found;
	int rc;

	switch (c->kind) {
	case SYNC_EDITED:
		return keep == SYNC_KEEP_MINE ? keep_mine_edit(x, c, err) : HE_OK;
	case SYNC_DELETED_HERE:
		/* Deleted again, the next sync deletes it there. */
		return keep == SYNC_KEEP_MINE ? delete_here(x, c, err) : HE_OK;
	case SYNC_DELETED_THERE:
		if (keep == SYNC_KEEP_MINE)
			return HE_OK; /* the next sync sends it again */
		if ((rc = delete_here(x, c, err)) != HE_OK)
			return rc;
		rc = sync_item_by_uid(x->st, x->cal.id, c->uid, &it, &found, err);
		if (rc == HE_OK && found)
			rc = sync_item_delete(x->st, x->cal.id, it.href, err);
		if (found)
			sync_item_free(&it);
		return rc;
	}
	return HE_OK;
}

int sync_resolve(struct store *st, const struct config *cfg,
		 const struct tz *zone, int64_t id, enum sync_keep keep,
		 struct herr *err)
{
	struct sync_stats stats = { 0 };
	struct sync_ctx x = { .st = st, .cfg = cfg, .zone = zone,
			      .now = (int64_t)time(NULL), .stats = &stats };
	struct sync_conflict c;
	int rc;

	if (store_readonly(st))
		return herr_set(err, HE_USER, _("%s may only be read"),
				store_path(st));
	if ((rc = store_begin(st, err)) != HE_OK)
		return rc;
	rc = sync_conflict_get(st, id, &c, &x.cal.id, err);
	if (rc == HE_OK) {
		x.cal.account = xstrdup(c.account);
		rc = settle(&x, &c, keep, err);
	}
	if (rc == HE_OK)
		rc = sync_conflict_done(st, &c, keep, err);
	if (rc == HE_OK)
		rc = store_commit(st, err);
	else
		store_rollback(st);
	sync_conflict_free(&c);
	sync_ctx_free(&x);
	return rc;
}

/* ---- Discovery ---- */

static int open_with(struct dav *d, const struct sync_account *a,
		     const char *password, struct herr *err)
{
	char *pw = NULL;
	int rc = HE_OK;

	if (!password && (rc = sync_password(a, &pw, err)) != HE_OK)
		return rc;
	rc = dav_open(d, a, password ? password : pw, err);
	sync_password_free(&pw);
	return rc;
}

static void add_calendar(struct sync_found *out, const char *origin,
			 struct dav_item *it)
{
	struct sync_calendar_info *c;

	out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
	c = &out->v[out->n++];
	memset(c, 0, sizeof *c);
	c->url = href_url(origin, it->href);
	c->name = xstrdup0(it->displayname);
	c->colour = xstrdup0(it->colour);
	c->sync_collection = it->has_sync;
	c->vevent = it->vevent;
}

int sync_discover(const struct sync_account *a, const char *password,
		  struct sync_found *out, struct herr *err)
{
	struct dav d;
	struct dav_found f;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = open_with(&d, a, password, err)) != HE_OK)
		return rc;
	rc = dav_discover(&d, a->url, &f, err);
	if (rc == HE_OK) {
		out->server = xstrdup(d.origin);
		out->principal = f.principal ? href_url(d.origin, f.principal)
					     : NULL;
		out->home = f.home ? href_url(d.origin, f.home) : NULL;
		out->direct = f.calendar != NULL;
		for (size_t i = 0; i < f.calendars.n; i++)
			add_calendar(out, d.origin, &f.calendars.v[i]);
	}
	out->requests = dav_requests(&d);
	dav_found_free(&f);
	dav_close(&d);
	return rc;
}

/* The last part of a new calendar's path: name itself when it is plain
 * ASCII, else a digest of it (the display name keeps the name). */
static char *calendar_slug(const char *name)
{
	uint64_t h = 14695981039346656037u;
	bool plain = *name && strlen(name) <= 60;

	for (const char *p = name; *p; p++) {
		h = (h ^ (unsigned char)*p) * 1099511628211u;
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
			plain = false;
	}
	return plain ? xstrdup(name)
		     : xasprintf("hearth-%08llx", (unsigned long long)(h >> 32));
}

int sync_mkcalendar(const struct sync_account *a, const char *password,
		    const char *name, char **url, struct herr *err)
{
	struct dav d;
	struct dav_found f;
	int rc;

	*url = NULL;
	if ((rc = open_with(&d, a, password, err)) != HE_OK)
		return rc;
	rc = dav_discover(&d, a->url, &f, err);
	if (rc == HE_OK && !f.home)
		rc = herr_set(err, HE_USER, _("server %s: no calendar home found "
			      "to make a calendar in"), d.origin);
	if (rc == HE_OK) {
		char *dir = path_dir(f.home), *slug = calendar_slug(name);
		char *path = xasprintf("%s%s/", dir, slug);
		if ((rc = dav_mkcalendar(&d, path, name, err)) == HE_OK)
			*url = href_url(d.origin, path);
		free(path);
		free(slug);
		free(dir);
	}
	dav_found_free(&f);
	dav_close(&d);
	return rc;
}

void sync_found_free(struct sync_found *f)
{
	free(f->server);
	free(f->principal);
	free(f->home);
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].url);
		free(f->v[i].name);
		free(f->v[i].colour);
	}
	free(f->v);
	memset(f, 0, sizeof *f);
}
