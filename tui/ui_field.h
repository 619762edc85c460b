/*
 * ui_field.h - a one-line text field that edits by character and scrolls by
 * display column, so Chinese and other wide text (typed, pasted or from an
 * input method, arriving whole through get_wch) edits as it reads.
 */
#ifndef HEARTH_UI_FIELD_H
#define HEARTH_UI_FIELD_H

#include "ui_int.h"

struct textfield {
	wchar_t *buf;
	size_t len, cap;
	size_t cursor;          /* index into buf */
	size_t scroll;          /* first character shown */
	bool selected;          /* the whole text, as a dialog box selects a
				   filled field entered by Tab */
};

void tf_set(struct textfield *f, const char *utf8);
/*
 * Selects the whole text (when there is any): the next character typed
 * replaces it, Backspace or Delete clears it, and a cursor key (Left,
 * Right, Home, End, C-a, C-e...) keeps it and edits in place.
 */
void tf_select_all(struct textfield *f);
/* The text as UTF-8 (caller frees). */
char *tf_get(const struct textfield *f);
/* Edits or moves for k; false when k is not a field key. */
bool tf_key(struct textfield *f, const struct key *k);
/* Draws in width columns at (y, x); places the cursor when focused. */
void tf_draw(struct textfield *f, int y, int x, int width, bool focused);
void tf_free(struct textfield *f);

#endif
