/*
 * ui_audit.c - who changed what, on screen: the detail pane's "last
 * changed by", and the message that names what another organiser changed
 * when the screen reloads by itself. Both read the audit log (core/audit.h).
 */
#include "ui_int.h"

#include <stdlib.h>
#include <string.h>

#include "../core/audit.h"
#include "../core/i18n.h"
#include "../core/label.h"
#include "../core/tz.h"

/* "3 Dec 14:02" ("12月3日 14:02") in the zone shown. */
static char *moment(const struct ui *u, int64_t at)
{
	struct civil c = tz_from_utc(ui_zone(u), at, NULL);
	char hhmm[8], *day = label_month_day(&c), *text;

	label_hhmm(&c, hhmm);
	text = xasprintf("%s %s", day, hhmm);
	free(day);
	return text;
}

char *ui_last_change(struct ui *u, const char *ref)
{
	struct audit_entry e;
	bool found = false;
	char *when, *text;

	if (!ref || store_audit_last(u->app->st, ref, &e, &found, NULL) != HE_OK ||
	    !found)
		return NULL;
	when = moment(u, e.at);
	/* TRANSLATORS: who changed something last, and when: "zhangsan (3 Dec
	   14:02)". */
	text = xasprintf(_("%s (%s)"), e.user, when);
	free(when);
	audit_entry_free(&e);
	return text;
}

void ui_audit_seen(struct ui *u)
{
	int64_t id = 0;

	if (store_audit_newest(u->app->st, &id, NULL) == HE_OK)
		u->audit_seen = id;
}

/* The fields of an edit, as people call them: "title、description". */
static char *field_names(const struct changes *ch)
{
	struct sbuf b = { 0 };

	for (size_t i = 0; i < ch->n && i < 4; i++) {
		if (i)
			sbuf_add(&b, label_list_sep());
		sbuf_add(&b, changes_label(ch->v[i].field));
	}
	if (ch->n > 4)
		sbuf_add(&b, "…");
	return sbuf_take(&b);
}

/* One entry in words: "lisi changed “Clinic”: title". */
static char *entry_words(const struct audit_entry *e)
{
	const char *what = e->label && *e->label ? e->label : e->ref;
	char *fields, *text;

	if (!strcmp(e->action, AUDIT_ADD))
		/* TRANSLATORS: a live update: user, then what they added. */
		return xasprintf(_("%s added “%s”"), e->user, what);
	if (!strcmp(e->action, AUDIT_DELETE))
		/* TRANSLATORS: a live update: user, then what they removed. */
		return xasprintf(_("%s deleted “%s”"), e->user, what);
	if (!strcmp(e->action, AUDIT_IMPORT))
		/* TRANSLATORS: a live update: user, then the file imported. */
		return xasprintf(_("%s imported “%s”"), e->user, what);
	if (!e->fields.n)
		/* TRANSLATORS: a live update: user, then what they changed. */
		return xasprintf(_("%s changed “%s”"), e->user, what);
	fields = field_names(&e->fields);
	/* TRANSLATORS: a live update: user, what they changed, which fields. */
	text = xasprintf(_("%s changed “%s”: %s"), e->user, what, fields);
	free(fields);
	return text;
}

void ui_announce_changes(struct ui *u)
{
	struct audit_entries l = { 0 };
	struct audit_query q = { .after_id = u->audit_seen, .limit = 100 };
	char *words;

	if (store_audit_list(u->app->st, &q, &l, NULL) != HE_OK || !l.n) {
		audit_entries_free(&l);
		return;
	}
	words = entry_words(&l.v[l.n - 1]);
	if (l.n == 1)
		ui_message(u, _("Updated: %s."), words);
	else
		/* TRANSLATORS: a live update naming the newest of several
		   changes by others: "Updated: lisi changed “Clinic”: title
		   (and 2 more changes)." */
		ui_message(u, ngettext("Updated: %s (and %zu more change).",
				       "Updated: %s (and %zu more changes).",
				       l.n - 1), words, l.n - 1);
	free(words);
	u->audit_seen = l.v[l.n - 1].id;
	audit_entries_free(&l);
}
