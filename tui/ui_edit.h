/*
 * ui_edit.h - editors that work on a series in memory, shared by the event
 * form (ui_edit.c), the schedule editor (ui_sched.c) and the segment editor
 * (ui_segments.c).
 */
#ifndef HEARTH_UI_EDIT_H
#define HEARTH_UI_EDIT_H

#include "../core/series.h"
#include "ui_form.h"

/* Edits s's schedule in its own form; true when changed. */
bool ui_sched_edit(struct ui *u, struct series *s);
/* "Weekly on Fr Sa Su until 2027-01-31" (caller frees). */
char *ui_rule_summary(const struct sched *sc);
/* Edits s's segments; true when changed. */
bool ui_segments_edit(struct ui *u, struct series *s);
/*
 * Lets the user pick an organisation (new… allowed, "" for none); those in
 * marked (if not NULL) are shown ticked. Names the event s (if not NULL)
 * holds are offered too, so that one created in its form is found again
 * before the form is saved.
 */
char *ui_pick_org(struct ui *u, const char *title, const char *current,
		  const struct strv *marked, const struct series *s);
/* Lets the user pick a venue (new… allowed, "" for none); as for orgs. */
char *ui_pick_venue(struct ui *u, const char *title, const char *current,
		    const struct series *s);
/* Opens the event form on s; saves it (with undo) when the user does. */
bool ui_event_form(struct ui *u, struct series *s, bool is_new);
/*
 * Before saving mine, opened as base: when someone else saved the series
 * meanwhile, shows the fields they changed, theirs beside mine, and takes
 * the organiser's choice into mine - keep mine, take theirs (both then to
 * be saved against the stored revision) or back to the form (ui_merge.c).
 */
enum ui_merge { UI_MERGE_SAVE, UI_MERGE_BACK };
enum ui_merge ui_merge_before_save(struct ui *u, struct series *mine,
				   struct series *base);
/* Writes/reads a series as a draft file (ui_draft.c). */
void ui_draft_save(struct ui *u, const struct series *s, bool is_new);

#endif
