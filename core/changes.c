/* changes.c - lists of changed fields with their values before and after. */
#include "changes.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

bool changes_take(struct changes *c, const char *field, char *before,
		  char *after)
{
	if (str_eq0(before, after)) {
		free(before);
		free(after);
		return false;
	}
	c->v = xgrow(c->v, &c->cap, c->n + 1, sizeof *c->v);
	c->v[c->n++] = (struct change){ xstrdup(field),
					str_empty(before) ? NULL : before,
					str_empty(after) ? NULL : after };
	if (str_empty(before))
		free(before);
	if (str_empty(after))
		free(after);
	return true;
}

bool changes_add(struct changes *c, const char *field, const char *before,
		 const char *after)
{
	return changes_take(c, field, xstrdup0(before), xstrdup0(after));
}

const struct change *changes_find(const struct changes *c, const char *field)
{
	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(c->v[i].field, field))
			return &c->v[i];
	return NULL;
}

void changes_free(struct changes *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].field);
		free(c->v[i].before);
		free(c->v[i].after);
	}
	free(c->v);
	memset(c, 0, sizeof *c);
}
