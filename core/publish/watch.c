/* watch.c - republishing the feeds a change touched, after its commit. */
#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "publish_int.h"

struct publisher {
	struct store *st;
	struct publish_opts o;
	struct herr err;        /* the last failure, until asked for */
};

static void after_commit(void *ctx)
{
	struct publisher *p = ctx;
	struct publish_dirty d;
	struct publish_opts o = p->o;
	struct publish_result r;
	struct herr err;

	if (store_publish_dirty(p->st, &d, &err) != HE_OK) {
		p->err = err;
		return;
	}
	if (d.feeds.n || d.every || d.index) {
		o.only = d.every ? NULL : &d.feeds;
		o.index = d.index || d.every;
		if (publish_run(p->st, &o, &r, &err) != HE_OK)
			p->err = err;
	}
	publish_dirty_free(&d);
}

int publish_watch(struct store *st, const struct publish_opts *o,
		  struct publisher **out, struct herr *err)
{
	struct publisher *p;
	int rc = store_publish_watch(st, err);

	*out = NULL;
	if (rc != HE_OK)
		return rc;
	p = xcalloc(1, sizeof *p);
	p->st = st;
	p->o = *o;
	p->o.only = NULL;
	store_on_commit(st, after_commit, p);
	*out = p;
	return HE_OK;
}

bool publisher_failed(struct publisher *p, struct herr *out)
{
	if (!p || p->err.code == HE_OK)
		return false;
	*out = p->err;
	herr_clear(&p->err);
	return true;
}

void publish_unwatch(struct publisher **pp)
{
	struct publisher *p = *pp;

	if (!p)
		return;
	store_on_commit(p->st, NULL, NULL);
	free(p);
	*pp = NULL;
}
