/* cli_phone.c - one occurrence picked for a QR code or a poster. */
#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "cli_event.h"

/* The next occurrence from now, else the last one before it. */
static int nearest(struct app *c, const struct series *s, struct occ *out)
{
	struct occ_filter f = { .statuses = OCC_ALL_STATUSES, .with_cancelled = true,
				.series_id = s->id, .starting = true };
	struct occ_list l = { 0 };
	int rc = store_occurrences(c->st, c->now, SCHED_FOREVER, &f, 1, &l,
				   &c->err);

	if (rc == HE_OK && l.n == 0)
		rc = store_occurrences_before(c->st, c->now, SCHED_MIN_INSTANT,
					      &f, 1, &l, &c->err);
	if (rc == HE_OK && l.n == 0)
		rc = herr_set(&c->err, HE_USER, _("'%s' has no occurrence"),
			      s->title);
	if (rc == HE_OK) {
		*out = l.v[0];
		memset(&l.v[0], 0, sizeof l.v[0]);
	}
	occ_list_free(&l);
	return rc;
}

/* The occurrence whose original start is rid, with its change applied. */
static void at_rid(const struct series *s, const struct civil *rid,
		   struct occ *out)
{
	const struct tz *z = tz_get(s->sched.tzid);
	const struct override *o =
		series_find_override((struct series *)s, rid);

	memset(out, 0, sizeof *out);
	out->series_id = s->id;
	out->uid = xstrdup(s->uid);
	out->kind = xstrdup(s->kind);
	out->title = xstrdup(s->title);
	out->venue = xstrdup0(o && o->venue ? o->venue : s->venue);
	out->description = xstrdup0(s->description);
	out->note = xstrdup0(o ? o->note : NULL);
	out->rid = *rid;
	out->all_day = s->sched.all_day;
	snprintf(out->tzid, sizeof out->tzid, "%s", s->sched.tzid);
	out->status = s->status;
	out->cancelled = o && o->cancelled;
	out->overridden = o != NULL;
	out->revision = s->revision;
	if (o && o->moved) {
		out->start = tz_to_utc(z, &o->start);
		out->end = tz_to_utc(z, &o->end);
	} else {
		out->start = sched_instant(&s->sched, rid);
		out->end = out->start + sched_duration(&s->sched);
	}
}

int cli_occurrence(struct app *c, const struct series *s, const char *at,
		   struct occ *out)
{
	struct civil rid;
	int rc;

	if (!at)
		return nearest(c, s, out);
	if ((rc = cli_parse_occurrence(c, s, at, &rid)) != HE_OK)
		return rc;
	if (!sched_has_instance(&s->sched, &rid))
		return herr_set(&c->err, HE_USER, _("'%s' has no occurrence at "
				"%s"), s->title, at);
	at_rid(s, &rid, out);
	return HE_OK;
}
