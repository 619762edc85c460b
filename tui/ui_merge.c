/*
 * ui_merge.c - saving a form over someone else's newer change. Instead of
 * refusing the save (and the organiser retyping everything), the fields
 * the other person changed since the form was opened are shown, theirs
 * beside mine; the organiser keeps theirs or mine for those fields, or
 * goes back to the form. Either way the save is then made against the
 * stored revision, and nothing typed is lost. The event form
 * (ui_merge_before_save) and the venue and organisation forms
 * (ui_places.c) share the pane (ui_merge_choose).
 */
#include "ui_edit.h"
#include "ui_merge.h"

#include <stdlib.h>
#include <string.h>

#include "../core/changes.h"
#include "../core/i18n.h"

struct merge_pane {
	struct ui_changes_table table;
	enum action chosen;
};

void ui_changes_table(const struct ui *u, const struct ui_changes_table *t)
{
	int h = u->rows - 4, w = u->cols - 4, y = 2, x = 2, field_w = w / 5;
	int half = (w - field_w - 6) / 2, row = y + t->heads_row + 1;

	ui_frame(y, x, h, w, t->title);
	ui_put(y + 1, x + 2, w - 4, t->intro, A_NORMAL);
	ui_put(y + t->heads_row, x + 3 + field_w, half, t->mine, A_BOLD);
	ui_put(y + t->heads_row, x + 4 + field_w + half, half, t->theirs,
	       A_BOLD);
	for (size_t i = 0; i < t->rows->n && row < y + h - 2; i++, row++) {
		const struct change *c = &t->rows->v[i];
		ui_put(row, x + 2, field_w, t->label(c->field), A_BOLD);
		ui_put(row, x + 3 + field_w, half, c->before ? c->before : "-",
		       A_NORMAL);
		ui_put(row, x + 4 + field_w + half, half,
		       c->after ? c->after : "-", A_NORMAL);
	}
	if (!t->rows->n && t->empty)
		ui_put(row, x + 2, w - 4, t->empty, A_DIM);
	ui_put(y + h - 2, x + 2, w - 4, t->hint, A_DIM);
}

static void merge_draw(struct ui *u, void *ctx)
{
	struct merge_pane *p = ctx;

	ui_changes_table(u, &p->table);
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

/*
 * The fields theirs changed since base (to_theirs), each with my value and
 * theirs (to_mine: what I changed since base).
 */
static void their_fields(const struct changes *to_theirs,
			 const struct changes *to_mine, struct changes *rows)
{
	for (size_t i = 0; i < to_theirs->n; i++) {
		const struct change *t = &to_theirs->v[i];
		const struct change *mc = changes_find(to_mine, t->field);
		/* Both made the same change: nothing to choose. */
		if (mc && (mc->after ? t->after && !strcmp(mc->after, t->after)
				     : !t->after))
			continue;
		changes_add(rows, t->field, mc ? mc->after : t->before,
			    t->after);
	}
}

enum action ui_merge_choose(struct ui *u, const char *title, const char *ref,
			    const struct changes *to_theirs,
			    const struct changes *to_mine, struct changes *rows)
{
	struct merge_pane p = { .chosen = ACT_NONE };
	const struct ui_modal m = { merge_draw, NULL, merge_key, &p };
	char *who, *intro, *hint;

	their_fields(to_theirs, to_mine, rows);
	if (!rows->n)
		return ACT_KEEP_MINE; /* they changed nothing the form shows */
	who = ui_last_change(u, ref);
	intro = who
		/* TRANSLATORS: "lisi (3 Dec 14:02)". */
		? xasprintf(_("Changed meanwhile by %s:"), who)
		: xstrdup(_("Changed meanwhile by someone else:"));
	hint = xasprintf(_("%s keep mine for these  %s take theirs  Esc back to "
			   "the form"), ui_key_for(V_SYNC, ACT_KEEP_MINE),
			 ui_key_for(V_SYNC, ACT_KEEP_THEIRS));
	p.table = (struct ui_changes_table){
		.title = title, .intro = intro, .heads_row = 3,
		.mine = _("mine"), .theirs = _("theirs"), .rows = rows,
		.label = changes_label, .hint = hint,
	};
	ui_modal(u, &m);
	free(hint);
	free(intro);
	free(who);
	return p.chosen;
}

enum ui_merge ui_merge_before_save(struct ui *u, struct series *mine,
				   struct series *base)
{
	struct series theirs;
	struct changes t = { 0 }, m = { 0 }, rows = { 0 };
	enum action chosen;

	if (!mine->id || !base ||
	    store_series_load(u->app->st, mine->id, &theirs, NULL) != HE_OK)
		return UI_MERGE_SAVE; /* the save says what is wrong */
	if (theirs.revision == mine->revision) {
		series_free(&theirs);
		return UI_MERGE_SAVE;
	}
	series_diff(base, &theirs, &t);
	series_diff(base, mine, &m);
	chosen = ui_merge_choose(u, mine->title, mine->uid, &t, &m, &rows);
	if (chosen == ACT_KEEP_THEIRS)
		for (size_t i = 0; i < rows.n; i++)
			series_swap_field(mine, &theirs, rows.v[i].field);
	if (chosen != ACT_NONE) {
		/* Occurrences are not the form's: theirs stay as they are. */
		series_swap_field(mine, &theirs, "occurrences");
		mine->revision = theirs.revision;
		series_free(base);
		store_series_load(u->app->st, mine->id, base, NULL);
	}
	changes_free(&t);
	changes_free(&m);
	changes_free(&rows);
	series_free(&theirs);
	return chosen == ACT_NONE ? UI_MERGE_BACK : UI_MERGE_SAVE;
}
