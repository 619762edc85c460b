/* ui_save.c - saving with undo; delete and duplicate. */
#include "ui_edit.h"

#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/when.h"

bool ui_load_series(struct ui *u, int64_t id, struct series *out)
{
	struct herr err = { 0 };

	if (store_series_load(u->app->st, id, out, &err) != HE_OK) {
		ui_show_err(u, &err);
		return false;
	}
	return true;
}

void ui_undo_free(struct ui *u)
{
	for (size_t i = 0; i < u->n_undo; i++) {
		free(u->undo[i].uid);
		if (u->undo[i].before) {
			series_free(u->undo[i].before);
			free(u->undo[i].before);
		}
	}
	free(u->undo);
	free(u->undo_what);
	u->undo = NULL;
	u->n_undo = 0;
	u->undo_what = NULL;
}

/* Remembers the stored state of s (none when new) before it changes. */
static struct series *snapshot(struct ui *u, const struct series *s)
{
	struct series *before;

	if (!s->id)
		return NULL;
	before = xcalloc(1, sizeof *before);
	if (store_series_load(u->app->st, s->id, before, NULL) != HE_OK) {
		free(before);
		return NULL;
	}
	return before;
}

static void remember(struct ui *u, struct undo_entry *entries, size_t n,
		     const char *what)
{
	ui_undo_free(u);
	u->undo = entries;
	u->n_undo = n;
	u->undo_what = xstrdup(what);
}

int ui_save_many(struct ui *u, struct series **list, size_t n,
		 const char *what)
{
	struct undo_entry *entries = xcalloc(n, sizeof *entries);
	struct herr err = { 0 };
	int rc = store_begin(u->app->st, &err);

	for (size_t i = 0; rc == HE_OK && i < n; i++) {
		entries[i].before = snapshot(u, list[i]);
		rc = store_series_save(u->app->st, list[i], &err);
		entries[i].uid = xstrdup0(list[i]->uid);
		entries[i].after = list[i]->revision;
	}
	if (rc == HE_OK)
		rc = store_commit(u->app->st, &err);
	else
		store_rollback(u->app->st);
	if (rc != HE_OK) {
		for (size_t i = 0; i < n; i++) {
			free(entries[i].uid);
			if (entries[i].before) {
				series_free(entries[i].before);
				free(entries[i].before);
			}
		}
		free(entries);
		ui_show_err(u, &err);
		return rc;
	}
	remember(u, entries, n, what);
	ui_message(u, _("%s. (%s undoes it)"), what, ui_key_for(u->view, ACT_UNDO));
	u->data_version = store_data_version(u->app->st);
	ui_audit_seen(u);
	ui_reload(u);
	return HE_OK;
}

void ui_show_series(struct ui *u, int64_t series_id)
{
	struct occ_filter f = { .statuses = 7, .with_cancelled = true,
				.series_id = series_id, .starting = true };
	struct occ_list l = { 0 };
	struct civil today = ui_today(u);
	int64_t from = tz_to_utc(ui_zone(u), &today);

	/* Its next occurrence from today, else its last one before. */
	if (store_occurrences(u->app->st, from, from + 5 * 366 * 86400LL, &f, 1,
			      &l, NULL) != HE_OK || !l.n)
		store_occurrences_before(u->app->st, from,
					 from - 50 * 366 * 86400LL, &f, 1, &l,
					 NULL);
	if (l.n) {
		u->cursor = l.v[0].start;
		u->focus_series = series_id;
		ui_reload(u);
		u->focus_series = 0;
	}
	occ_list_free(&l);
}

int ui_save_series(struct ui *u, struct series *s, const char *what)
{
	struct series *one[1] = { s };
	return ui_save_many(u, one, 1, what);
}

/*
 * Undo over someone else's change would throw theirs away unseen: refused,
 * naming who changed the event since and when.
 */
/* Refuses an undo (undoing) or a delete of series uid, which someone else
 * changed since it was read, naming who. */
static int changed_since(struct ui *u, const char *uid, const char *title,
			 bool undoing, struct herr *err)
{
	char *who = ui_last_change(u, uid);
	int rc;

	if (who && undoing)
		/* TRANSLATORS: %s an event's title, then "zhangsan (3 Dec
		   14:02)". */
		rc = herr_set(err, HE_USER, _("Not undone: “%s” was changed "
			      "since by %s; undoing would overwrite that change."),
			      title, who);
	else if (undoing)
		rc = herr_set(err, HE_USER, _("Not undone: “%s” was changed "
			      "since by someone else; undoing would overwrite "
			      "that change."), title);
	else if (who)
		/* TRANSLATORS: %s an event's title, then "zhangsan (3 Dec
		   14:02)". */
		rc = herr_set(err, HE_USER, _("Not deleted: “%s” was changed "
			      "since by %s; look at it again."), title, who);
	else
		rc = herr_set(err, HE_USER, _("Not deleted: “%s” was changed "
			      "since by someone else; look at it again."),
			      title);
	free(who);
	return rc;
}

/*
 * Puts one series back the way it was before the last change, but only
 * while it is still as that change left it (revision e->after, or gone if
 * the change deleted it): checked inside the undo's write transaction.
 */
static int restore(struct ui *u, struct undo_entry *e, struct herr *err)
{
	int64_t id;
	bool exists = store_series_by_uid(u->app->st, e->uid, &id, NULL) == HE_OK;
	struct series current, copy;
	int rc, revision = 0;

	if (exists) {
		if ((rc = store_series_load(u->app->st, id, &current, err)) != HE_OK)
			return rc;
		revision = current.revision;
		if (revision != e->after)
			rc = changed_since(u, e->uid, current.title, true,
					   err);
		series_free(&current);
		if (rc != HE_OK)
			return rc;
	} else if (e->after) {
		return changed_since(u, e->uid,
				     e->before ? e->before->title : e->uid,
				     true, err);
	}
	if (!e->before)
		return exists ? store_series_delete(u->app->st, id, err) : HE_OK;
	series_copy(&copy, e->before);
	copy.id = exists ? id : 0;
	copy.revision = revision;
	rc = store_series_save(u->app->st, &copy, err);
	series_free(&copy);
	return rc;
}

void ui_undo(struct ui *u)
{
	struct herr err = { 0 };
	int rc;

	if (!u->n_undo) {
		ui_message(u, _("Nothing to undo."));
		return;
	}
	rc = store_begin(u->app->st, &err);
	for (size_t i = 0; rc == HE_OK && i < u->n_undo; i++)
		rc = restore(u, &u->undo[i], &err);
	if (rc == HE_OK)
		rc = store_commit(u->app->st, &err);
	else
		store_rollback(u->app->st);
	if (rc != HE_OK) {
		ui_show_err(u, &err);
		/* Changed since: no later undo can be right either. */
		if (rc == HE_USER)
			ui_undo_free(u);
		return;
	}
	ui_message(u, _("Undone: %s."), u->undo_what);
	ui_undo_free(u);
	u->data_version = store_data_version(u->app->st);
	ui_audit_seen(u);
	ui_reload(u);
}

/*
 * Deletes the series as it was read (before): refused when someone else
 * saved it since, which the delete (and its undo, putting back before)
 * would otherwise lose unseen. Checked inside the delete's transaction.
 */
static int delete_as_read(struct ui *u, const struct series *before,
			  struct herr *err)
{
	struct series now;
	int rc;

	if ((rc = store_begin(u->app->st, err)) != HE_OK)
		return rc;
	if ((rc = store_series_load(u->app->st, before->id, &now, err)) ==
	    HE_OK) {
		if (now.revision != before->revision)
			rc = changed_since(u, before->uid, now.title, false,
					   err);
		series_free(&now);
	}
	if (rc == HE_OK &&
	    (rc = store_series_delete(u->app->st, before->id, err)) == HE_OK)
		return store_commit(u->app->st, err);
	store_rollback(u->app->st);
	return rc;
}

void ui_delete_series(struct ui *u, int64_t id)
{
	struct series *before = xcalloc(1, sizeof *before);
	struct undo_entry *e;
	struct herr err = { 0 };
	char *q;
	bool yes;

	if (!ui_load_series(u, id, before)) {
		free(before);
		return;
	}
	q = xasprintf(_("Delete “%s” with all its occurrences?"), before->title);
	yes = ui_confirm(u, q);
	free(q);
	if (!yes || delete_as_read(u, before, &err) != HE_OK) {
		if (yes) {
			ui_show_err(u, &err);
			ui_reload(u);
		}
		series_free(before);
		free(before);
		return;
	}
	e = xcalloc(1, sizeof *e);
	e->uid = xstrdup(before->uid);
	e->before = before;
	remember(u, e, 1, _("Event deleted"));
	ui_message(u, _("Deleted “%s”. (%s undoes it)"), before->title,
		   ui_key_for(u->view, ACT_UNDO));
	ui_reload(u);
}

void ui_duplicate_series(struct ui *u, int64_t id)
{
	struct series s, copy;
	struct herr err = { 0 };
	struct when w;
	struct civil today = ui_today(u);
	char *text;

	if (!ui_load_series(u, id, &s))
		return;
	text = ui_ask(u, _("Copy to start on:"), NULL, ui_check_when, NULL);
	if (text && when_parse(text, &today, &w, &err) != HE_OK) {
		ui_show_err(u, &err);
	} else if (text) {
		if (w.date_only && !s.sched.all_day) {
			w.c.hour = s.sched.start.hour;
			w.c.min = s.sched.start.min;
		}
		if (series_duplicate(&s, &w.c, &copy, &err) != HE_OK) {
			ui_show_err(u, &err);
		} else {
			/* The copy opens in the form: adjust it, then save it. */
			ui_event_form(u, &copy, true);
			series_free(&copy);
		}
	}
	free(text);
	series_free(&s);
}

void ui_edit_series(struct ui *u, int64_t id)
{
	struct series s;

	if (!ui_load_series(u, id, &s))
		return;
	ui_event_form(u, &s, false);
	series_free(&s);
}

void ui_segments(struct ui *u, int64_t id)
{
	struct series s;

	if (!ui_load_series(u, id, &s))
		return;
	if (ui_segments_edit(u, &s))
		ui_save_series(u, &s, _("Segments saved"));
	series_free(&s);
}
