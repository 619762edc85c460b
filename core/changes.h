/*
 * changes.h - what a change changed: a list of fields, each with its value
 * before and after, as text.
 *
 * The audit log stores such lists (audit.h), and the full-screen interface
 * compares the changes of two organisers field by field when both changed
 * the same event. A field is named by a stable key ("title", "start",
 * "venue"), which the front ends translate for display; values are text
 * as a person would read them, NULL when the field was empty.
 */
#ifndef HEARTH_CHANGES_H
#define HEARTH_CHANGES_H

#include <stdbool.h>
#include <stddef.h>

struct change {
	char *field;
	char *before, *after;   /* NULL: empty */
};

struct changes {
	struct change *v;
	size_t n, cap;
};

/*
 * Adds field with its two values (copied) unless they are equal; NULL and
 * "" are equal. Returns true when it added one.
 */
bool changes_add(struct changes *c, const char *field, const char *before,
		 const char *after);
/* As changes_add, taking ownership of before and after (freed if equal). */
bool changes_take(struct changes *c, const char *field, char *before,
		  char *after);
/* The change of field, or NULL. */
const struct change *changes_find(const struct changes *c, const char *field);
void changes_free(struct changes *c);
/*
 * A field's name as people read it, in the interface language ("title" ->
 * "标题"), for the keys the calendar core uses; any other key as it is.
 */
const char *changes_label(const char *field);

#endif
