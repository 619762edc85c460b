/* changes.c - lists of changed fields with their values before and after. */
#include "changes.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
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

const char *changes_label(const char *field)
{
	/* TRANSLATORS: names of the fields of an event, a venue or an
	   organisation, as the log of changes shows them. */
	static const struct {
		const char *key, *label;
	} labels[] = {
		{ "title", N_("title") }, { "kind", N_("kind") },
		{ "status", N_("status") }, { "start", N_("start") },
		{ "end", N_("end") }, { "zone", N_("time zone") },
		{ "repeat", N_("repeat rule") },
		{ "extra dates", N_("extra dates") },
		{ "exception dates", N_("exception dates") },
		{ "venue", N_("venue") }, { "organisations", N_("organisations") },
		{ "audience", N_("audience") }, { "capacity", N_("capacity") },
		{ "contact", N_("contact") }, { "description", N_("description") },
		{ "segments", N_("segments") }, { "note", N_("note") },
		{ "name", N_("name") }, { "address", N_("address") },
		{ "coordinates", N_("coordinates") }, { "type", N_("type") },
		{ "services", N_("services") }, { "notes", N_("notes") },
		{ "added", N_("added") }, { "updated", N_("updated") },
		{ "unchanged", N_("unchanged") }, { "skipped", N_("skipped") },
	};

	for (size_t i = 0; i < sizeof labels / sizeof *labels; i++)
		if (!strcmp(field, labels[i].key))
			return _(labels[i].label);
	return field;
}
