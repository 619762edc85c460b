/*
 * ui_merge.c - saving a form over someone else's newer change. Instead of
 * refusing the save (and the organiser retyping everything), the fields
 * the other person changed since the form was opened are shown, theirs
 * beside mine; the organiser keeps theirs or mine for those fields, or
 * goes back to the form. Either way the save is then made against the
 * stored revision, and nothing typed is lost.
 */
#include "ui_edit.h"

#include <stdlib.h>
#include <string.h>

#include "../core/changes.h"
#include "../core/i18n.h"

struct merge_pane {
	const char *title;
	const char *who;          /* "lisi (3 Dec 14:02)", or NULL */
	struct changes rows;      /* field: before = mine, after = theirs */
	enum action chosen;
};

static void merge_draw(struct ui *u, void *ctx)
{
	struct merge_pane *p = ctx;
	int h = u->rows - 4, w = u->cols - 4, y = 2, x = 2, field_w = w / 5;
	int half = (w - field_w - 6) / 2, row = y + 4;
	char *line, *hint;

	ui_frame(y, x, h, w, p->title);
	line = p->who
		/* TRANSLATORS: "lisi (3 Dec 14:02)". */
		? xasprintf(_("Changed meanwhile by %s:"), p->who)
		: xstrdup(_("Changed meanwhile by someone else:"));
	ui_put(y + 1, x + 2, w - 4, line, A_NORMAL);
	free(line);
	ui_put(y + 3, x + 3 + field_w, half, _("mine"), A_BOLD);
	ui_put(y + 3, x + 4 + field_w + half, half, _("theirs"), A_BOLD);
	for (size_t i = 0; i < p->rows.n && row < y + h - 2; i++, row++) {
		const struct change *c = &p->rows.v[i];
		ui_put(row, x + 2, field_w, changes_label(c->field), A_BOLD);
		ui_put(row, x + 3 + field_w, half, c->before ? c->before : "-",
		       A_NORMAL);
		ui_put(row, x + 4 + field_w + half, half,
		       c->after ? c->after : "-", A_NORMAL);
	}
	hint = xasprintf(_("%s keep mine for these  %s take theirs  Esc back to "
			   "the form"), ui_key_for(V_SYNC, ACT_KEEP_MINE),
			 ui_key_for(V_SYNC, ACT_KEEP_THEIRS));
	ui_put(y + h - 2, x + 2, w - 4, hint, A_DIM);
	free(hint);
}

static int merge_key(struct ui *u, const struct key *k, void *ctx)
{
	struct merge_pane *p = ctx;
	enum action a = ui_action(u, V_SYNC, k);

	if (a == ACT_KEEP_MINE || a == ACT_KEEP_THEIRS) {
		p->chosen = a;
		return UI_MODAL_DONE;
	}
	if (!k->is_key && k->ch == 27)
		return UI_MODAL_DONE;
	return UI_MODAL_GO;
}

/* The fields theirs changed since base, each with my value and theirs. */
static void their_fields(const struct series *base, const struct series *mine,
			 const struct series *theirs, struct changes *rows)
{
	struct changes t = { 0 }, m = { 0 };

	series_diff(base, theirs, &t);
	series_diff(base, mine, &m);
	for (size_t i = 0; i < t.n; i++) {
		const struct change *mc = changes_find(&m, t.v[i].field);
		/* Both made the same change: nothing to choose. */
		if (mc && (mc->after ? t.v[i].after && !strcmp(mc->after,
						t.v[i].after) : !t.v[i].after))
			continue;
		changes_add(rows, t.v[i].field, mc ? mc->after : t.v[i].before,
			    t.v[i].after);
	}
	changes_free(&t);
	changes_free(&m);
}

enum ui_merge ui_merge_before_save(struct ui *u, struct series *mine,
				   struct series *base)
{
	struct series theirs;
	struct merge_pane p = { .title = mine->title, .chosen = ACT_NONE };
	const struct ui_modal m = { merge_draw, NULL, merge_key, &p };
	char *who;

	if (!mine->id || !base ||
	    store_series_load(u->app->st, mine->id, &theirs, NULL) != HE_OK)
		return UI_MERGE_SAVE; /* the save says what is wrong */
	if (theirs.revision == mine->revision) {
		series_free(&theirs);
		return UI_MERGE_SAVE;
	}
	their_fields(base, mine, &theirs, &p.rows);
	who = ui_last_change(u, mine->uid);
	p.who = who;
	if (p.rows.n)
		ui_modal(u, &m);
	else
		p.chosen = ACT_KEEP_MINE; /* they changed nothing the form shows */
	if (p.chosen == ACT_KEEP_THEIRS)
		for (size_t i = 0; i < p.rows.n; i++)
			series_swap_field(mine, &theirs, p.rows.v[i].field);
	if (p.chosen != ACT_NONE) {
		/* Occurrences are not the form's: theirs stay as they are. */
		series_swap_field(mine, &theirs, "occurrences");
		mine->revision = theirs.revision;
		series_free(base);
		store_series_load(u->app->st, mine->id, base, NULL);
	}
	free(who);
	changes_free(&p.rows);
	series_free(&theirs);
	return p.chosen == ACT_NONE ? UI_MERGE_BACK : UI_MERGE_SAVE;
}
