/* feeds.c - which feeds there are, their names, titles and addresses. */
#include "publish.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "../text.h"

/* "盘锦 · 暖冬驿站" with publish_name set, else the label alone. */
static char *feed_title(const struct config *cfg, const char *label)
{
	char *clean = text_clean(label, false), *t;

	if (str_empty(cfg->publish.name))
		return clean;
	t = xasprintf("%s · %s", cfg->publish.name, clean);
	free(clean);
	return t;
}

static void add_feed(struct feeds *f, enum feed_type type, int64_t id,
		     char *name, const char *key, char *title)
{
	struct feed *e;

	f->v = xgrow(f->v, &f->cap, f->n + 1, sizeof *f->v);
	e = &f->v[f->n++];
	e->type = type;
	e->id = id;
	e->name = name;
	e->key = xstrdup0(key);
	e->title = title;
}

int publish_feeds(struct store *st, const struct config *cfg,
		  struct feeds *out, struct herr *err)
{
	struct venue *v = NULL;
	struct org *o = NULL;
	size_t nv = 0, no = 0;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = store_venue_list(st, &v, &nv, err)) != HE_OK ||
	    (rc = store_org_list(st, &o, &no, err)) != HE_OK)
		goto out;
	add_feed(out, FEED_ALL, 0, xstrdup("all"), NULL,
		 feed_title(cfg, _("All events")));
	for (size_t i = 0; i < cfg->n_kinds; i++)
		add_feed(out, FEED_KIND, 0,
			 xasprintf("kind-%s", cfg->kinds[i].key),
			 cfg->kinds[i].key,
			 feed_title(cfg, kind_label(&cfg->kinds[i])));
	for (size_t i = 0; i < nv; i++)
		add_feed(out, FEED_VENUE, v[i].id,
			 xasprintf("venue-%" PRId64, v[i].id), v[i].name,
			 feed_title(cfg, v[i].name));
	for (size_t i = 0; i < no; i++)
		add_feed(out, FEED_ORG, o[i].id,
			 xasprintf("org-%" PRId64, o[i].id), o[i].name,
			 feed_title(cfg, o[i].name));
out:
	venue_list_free(v, nv);
	org_list_free(o, no);
	return rc;
}

void feeds_free(struct feeds *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].name);
		free(f->v[i].key);
		free(f->v[i].title);
	}
	free(f->v);
	memset(f, 0, sizeof *f);
}

const struct feed *feeds_find(const struct feeds *f, const char *name)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->v[i].name, name) == 0)
			return &f->v[i];
	return NULL;
}

char *publish_feed_url(const char *base, const char *name, bool webcal)
{
	size_t n = strlen(base);
	const char *rest = base;
	const char *slash = n && base[n - 1] == '/' ? "" : "/";

	if (webcal) {
		/* webcal:// is http(s):// for calendar apps: same host, path. */
		if (strncmp(base, "https://", 8) == 0)
			rest = base + 8;
		else if (strncmp(base, "http://", 7) == 0)
			rest = base + 7;
		return xasprintf("webcal://%s%s%s.ics", rest, slash, name);
	}
	return xasprintf("%s%s%s.ics", base, slash, name);
}
