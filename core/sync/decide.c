/*
 * decide.c - what an object from the server, or its absence, means to
 * the series here.
 *
 * Each decision runs inside the caller's write transaction and reads
 * what it decides on (the object's row, the series' revision) in it, so
 * that nothing another process wrote meanwhile is overlooked. The
 * revision the server has of each series is kept with its object: a
 * series whose revision is still that one is unchanged here, and a
 * remote change simply becomes its next revision; one changed on both
 * sides is a conflict, the remote version becoming the next revision and
 * the local one kept beside it (sync_conflict). Versions that say the
 * same (a push whose answer was lost, a change made on both sides alike)
 * are recognised and not counted as changes.
 */
#include "sync_int.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../changes.h"
#include "../i18n.h"
#include "../ical/ical.h"

void sync_ctx_free(struct sync_ctx *x)
{
	ics_writer_free(&x->writer);
	sync_cal_free(&x->cal);
}

static void note(struct sync_ctx *x, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void note(struct sync_ctx *x, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	if (!x->note)
		return;
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	x->note(x->note_ctx, msg);
	free(msg);
}

int sync_object_text(struct sync_ctx *x, int64_t id, char **text,
		     int *revision, struct herr *err)
{
	struct series s;
	struct series_ical xi;
	int rc;

	*text = NULL;
	if (!x->writer) {
		struct ics_export_opts o = { .cfg = x->cfg, .now = x->now,
					     .cancelled_exdate =
						     x->cancelled_exdate };
		if ((rc = ics_writer_new(x->st, &o, &x->writer, err)) != HE_OK)
			return rc;
	}
	if ((rc = store_series_load(x->st, id, &s, err)) != HE_OK)
		return rc;
	if ((rc = store_series_ical_get(x->st, id, &xi, err)) == HE_OK)
		*text = ics_writer_object(x->writer, &s, &xi);
	if (revision)
		*revision = s.revision;
	series_free(&s);
	series_ical_free(&xi);
	return rc;
}

/* True when a and b are the same event, as far as hearth can tell. */
static bool same_series(const struct series *a, const struct series_ical *ax,
			const struct series *b, const struct series_ical *bx)
{
	struct changes ch = { 0 };
	struct civil_list rids = { 0 };
	bool same;

	series_diff(a, b, &ch);
	series_overrides_changed(a, b, &rids);
	same = ch.n == 0 && rids.n == 0 && ax->floating == bx->floating &&
	       str_eq0(ax->extra, bx->extra);
	changes_free(&ch);
	civil_list_free(&rids);
	return same;
}

/* What an object says without a kind or host takes the account's. */
static void receive_defaults(struct sync_ctx *x, struct series *s)
{
	if (x->a && x->a->receive_org && s->n_orgs == 0)
		series_add_org(s, x->a->receive_org, ROLE_HOST);
}

/* An object hearth cannot model, kept as it is. */
static int keep_verbatim(struct sync_ctx *x, const char *href,
			 const char *etag, const char *data,
			 const struct ics_object *ob, const struct sync_item *old,
			 struct herr *err)
{
	struct sync_item it = { .href = (char *)href, .uid = ob->uid,
				.etag = (char *)etag,
				.revision = old ? old->revision : 0 };

	x->stats->verbatim++;
	note(x, _("server %s: %s kept as it is, not as an event: %s"),
	     x->server, href, ob->problem);
	return sync_item_put(x->st, x->cal.id, &it, data, ob->problem, err);
}

/* Stores the remote version as the series' next revision. */
static int store_remote(struct sync_ctx *x, struct ics_object *ob,
			const struct series *old, int *revision,
			struct herr *err)
{
	int rc;

	if (old && ob->s.revision <= old->revision)
		ob->s.revision = old->revision + 1;
	if (ob->s.revision < 1)
		ob->s.revision = 1;
	ob->s.updated = (int64_t)time(NULL);
	if ((rc = ics_object_places(x->st, ob, err)) != HE_OK ||
	    (rc = sync_store_series(x->st, x->cal.account, &ob->s, &ob->x, old,
				    err)) != HE_OK)
		return rc;
	*revision = ob->s.revision;
	return HE_OK;
}

/* The object names a series that does not exist here. */
static int take_new(struct sync_ctx *x, struct ics_object *ob,
		    const struct sync_item *old, int *revision,
		    struct herr *err)
{
	int rc = store_remote(x, ob, NULL, revision, err);

	if (rc != HE_OK)
		return rc;
	/* Synced before and deleted here since; changed there meanwhile. */
	if (old && !old->raw && old->uid) {
		x->stats->conflicts++;
		return sync_conflict_add(x->st, &x->cal, ob->s.uid, ob->s.title,
					 SYNC_DELETED_HERE, NULL, err);
	}
	x->stats->in_added++;
	return HE_OK;
}

/* The object names series id here, at revision rev. */
static int take_known(struct sync_ctx *x, struct ics_object *ob,
		      const struct sync_item *old, int64_t id, int rev,
		      int *revision, struct herr *err)
{
	struct series local;
	struct series_ical lx;
	char *text = NULL;
	int rc;

	if ((rc = store_series_load(x->st, id, &local, err)) != HE_OK)
		return rc;
	if ((rc = store_series_ical_get(x->st, id, &lx, err)) != HE_OK)
		goto out;
	*revision = rev;
	if (same_series(&local, &lx, &ob->s, &ob->x)) {
		x->stats->unchanged++;
	} else if (old && !old->raw && old->revision == rev) {
		x->stats->in_changed++;
		rc = store_remote(x, ob, &local, revision, err);
	} else {
		/* Changed here too (or never in step): both are kept. */
		if ((rc = sync_object_text(x, id, &text, NULL, err)) == HE_OK &&
		    (rc = store_remote(x, ob, &local, revision, err)) == HE_OK) {
			x->stats->conflicts++;
			rc = sync_conflict_add(x->st, &x->cal, ob->s.uid,
					       local.title, SYNC_EDITED, text,
					       err);
		}
	}
out:
	free(text);
	series_free(&local);
	series_ical_free(&lx);
	return rc;
}

static int read_object(struct sync_ctx *x, const char *data,
		       struct ics_object *ob, struct herr *err)
{
	struct ics_import_opts io = {
		.cfg = x->cfg, .kind = x->a ? x->a->receive_kind : NULL,
		.zone = x->zone, .now = x->now,
	};
	int rc = ics_object_read(data, strlen(data), &io, ob, err);

	if (rc == HE_OK && !ob->problem)
		receive_defaults(x, &ob->s);
	return rc;
}

int sync_take_remote(struct sync_ctx *x, const char *href, const char *etag,
		     const char *data, struct herr *err)
{
	struct sync_item old = { 0 }, now;
	struct ics_object ob;
	bool known, exists;
	int64_t id;
	int rev, revision = 0, rc;

	if ((rc = sync_item_get(x->st, x->cal.id, href, &old, &known, err)))
		return rc;
	if (known && old.etag && etag && !strcmp(old.etag, etag)) {
		sync_item_free(&old);
		return HE_OK;
	}
	if ((rc = read_object(x, data, &ob, err)) != HE_OK)
		goto out;
	if (ob.problem) {
		rc = keep_verbatim(x, href, etag, data, &ob, known ? &old : NULL,
				   err);
		goto out;
	}
	/* The series may be known under another href (moved there). */
	if (!known && (rc = sync_item_by_uid(x->st, x->cal.id, ob.s.uid, &old,
					     &known, err)) == HE_OK && known)
		rc = sync_item_delete(x->st, x->cal.id, old.href, err);
	if (rc == HE_OK)
		rc = sync_series_rev(x->st, ob.s.uid, &id, &rev, &exists, err);
	if (rc != HE_OK)
		goto out;
	rc = exists ? take_known(x, &ob, known ? &old : NULL, id, rev, &revision,
				 err)
		    : take_new(x, &ob, known ? &old : NULL, &revision, err);
	if (rc == HE_OK) {
		now = (struct sync_item){ .href = (char *)href, .uid = ob.s.uid,
					  .etag = (char *)etag,
					  .revision = revision };
		rc = sync_item_put(x->st, x->cal.id, &now, NULL, NULL, err);
	}
out:
	if (rc != HE_OK)
		herr_prefix(err, _("server %s: %s"), x->server, href);
	ics_object_free(&ob);
	sync_item_free(&old);
	return rc;
}

int sync_take_gone(struct sync_ctx *x, const struct sync_item *it,
		   struct herr *err)
{
	struct series s;
	struct sync_item keep;
	bool exists;
	int64_t id;
	int rev, rc;

	if (it->raw || !it->uid)
		return sync_item_delete(x->st, x->cal.id, it->href, err);
	if ((rc = sync_series_rev(x->st, it->uid, &id, &rev, &exists, err)))
		return rc;
	if (!exists)
		return sync_item_delete(x->st, x->cal.id, it->href, err);
	if (rev == it->revision) {
		if ((rc = store_series_load(x->st, id, &s, err)) != HE_OK)
			return rc;
		rc = sync_delete_series(x->st, x->cal.account, id, it->uid,
					s.title, err);
		series_free(&s);
		if (rc == HE_OK)
			rc = sync_item_delete(x->st, x->cal.id, it->href, err);
		if (rc == HE_OK)
			x->stats->in_deleted++;
		return rc;
	}
	/* Changed here: kept, and sent again if the conflict is settled so. */
	keep = (struct sync_item){ .href = it->href, .uid = it->uid };
	if ((rc = sync_item_put(x->st, x->cal.id, &keep, NULL, NULL, err)))
		return rc;
	if ((rc = store_series_load(x->st, id, &s, err)) != HE_OK)
		return rc;
	x->stats->conflicts++;
	rc = sync_conflict_add(x->st, &x->cal, it->uid, s.title,
			       SYNC_DELETED_THERE, NULL, err);
	series_free(&s);
	return rc;
}
