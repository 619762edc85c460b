/*
 * ui_merge.h - the table of a conflict: the fields two versions disagree
 * on, mine beside theirs, with the keys that choose. The event, venue and
 * organisation forms' save over someone else's change (ui_merge.c) and a
 * CalDAV conflict of the sync view (ui_sync.c) draw it the same way.
 */
#ifndef HEARTH_UI_MERGE_H
#define HEARTH_UI_MERGE_H

struct changes;
struct ui;

struct ui_changes_table {
	const char *title;           /* on the frame */
	const char *intro;           /* the line under the title */
	int heads_row;               /* the column heads' row in the frame:
				        2 right under intro, 3 after a blank */
	const char *mine, *theirs;   /* the column heads */
	const struct changes *rows;  /* field: before = mine, after = theirs */
	const char *(*label)(const char *field); /* a field's name */
	const char *empty;           /* said when rows is empty, or NULL */
	const char *hint;            /* the keys, on the frame's last line */
};

/* Draws t in a frame over the screen, two cells in from its edges. */
void ui_changes_table(const struct ui *u, const struct ui_changes_table *t);

#endif
