/* poster.c - a poster of an event: what it says, then how it looks. */
#include <strings.h>

#include "poster_int.h"

int poster_write(struct store *st, const struct series *s,
		 const struct poster_opts *o, FILE *out, struct herr *err)
{
	struct poster_doc d;
	int rc = poster_doc_make(st, s, o, &d, err);

	if (rc == HE_OK)
		rc = poster_draw(&d, o, out, err);
	poster_doc_free(&d);
	return rc;
}

bool poster_paper_parse(const char *name, enum poster_paper *out)
{
	if (!strcasecmp(name, "a4"))
		*out = POSTER_A4;
	else if (!strcasecmp(name, "a3"))
		*out = POSTER_A3;
	else
		return false;
	return true;
}
