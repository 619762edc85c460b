/* export_occ.c - export --occurrences: each occurrence a plain event. */
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "model.h"
#include "write_lines.h"

/* Occurrences are read a week at a time, so memory stays bounded. */
#define CHUNK (7 * 86400)
/* Series kept loaded while their occurrences go by. */
#define CACHE 64

struct cached {
	int64_t id;
	struct series s;
	struct series_ical x;
};

struct occ_writer {
	struct ics_exporter *ex;
	struct cached cache[CACHE];
	size_t n, next;          /* entries used, next to evict */
};

static void cache_free(struct occ_writer *w)
{
	for (size_t i = 0; i < w->n; i++) {
		series_free(&w->cache[i].s);
		series_ical_free(&w->cache[i].x);
	}
}

/* The series of an occurrence, loaded once while it stays in the cache. */
static int cached_series(struct occ_writer *w, int64_t id, struct cached **out)
{
	struct cached *c;
	int rc;

	for (size_t i = 0; i < w->n; i++)
		if (w->cache[i].id == id) {
			*out = &w->cache[i];
			return HE_OK;
		}
	if (w->n < CACHE) {
		c = &w->cache[w->n++];
	} else {
		c = &w->cache[w->next];
		w->next = (w->next + 1) % CACHE;
		series_free(&c->s);
		series_ical_free(&c->x);
	}
	c->id = id;
	rc = store_series_load(w->ex->st, id, &c->s, w->ex->err);
	if (rc == HE_OK)
		rc = store_series_ical_get(w->ex->st, id, &c->x, w->ex->err);
	if (rc != HE_OK) {
		series_free(&c->s); /* loaded when only the second read failed */
		c->id = 0;
		return rc;
	}
	*out = c;
	return HE_OK;
}

/* The wall-clock time of instant t in the series' zone. */
static struct civil wall(const struct series *s, int64_t t)
{
	const struct tz *z = tz_get(s->sched.tzid);
	return z ? tz_from_utc(z, t, NULL) : civil_from_seconds(t);
}

static void write_occ(struct occ_writer *w, const struct occ *o,
		      const struct cached *c)
{
	struct ics_exporter *ex = w->ex;
	struct ics_event_ctx e = { &c->s, &ex->places, ex->o->cfg, ex->dtstamp,
				   ex->o->feed };
	const struct override *ov =
		series_find_override((struct series *)&c->s, &o->rid);
	struct ics_instance in = { o->venue, o->note, o->cancelled, ov };
	struct ics_zone_mode m = ics_zone_mode(&c->s.sched, c->x.floating);
	struct civil start = wall(&c->s, o->start), end = wall(&c->s, o->end);
	char rid[CIVIL_BUFSZ], *uid;

	ics_format_time(&o->rid, c->s.sched.all_day, false, rid);
	uid = xasprintf("%s-%s", c->s.uid, rid);
	ics_begin_comp(&ex->buf, "VEVENT");
	ics_prop_text(&ex->buf, "UID", uid);
	ics_time_prop(&ex->buf, "DTSTART", &m, &start, 1);
	ics_time_prop(&ex->buf, "DTEND", &m, &end, 1);
	ics_vevent_common(&ex->buf, &e, &in);
	ics_valarms(&ex->buf, &e, c->x.extra, o->cancelled);
	ics_end_comp(&ex->buf, "VEVENT");
	free(uid);
}

/* Writes the occurrences of [a, b) that start in it (all for the first). */
static int write_chunk(struct occ_writer *w, int64_t a, int64_t b, bool first)
{
	struct ics_exporter *ex = w->ex;
	const struct series_query *q = &ex->o->q;
	struct occ_filter f = { .kind = q->kind, .venue = q->venue,
				.org = q->org,
				.with_cancelled = !ex->o->cancelled_exdate };
	struct occ_list l = { 0 };
	int rc = store_occurrences(ex->st, a, b, &f, 0, &l, ex->err);

	for (size_t i = 0; rc == HE_OK && i < l.n; i++) {
		const struct occ *o = &l.v[i];
		struct cached *c;
		if ((!first && o->start < a) ||
		    (q->uids && q->uids->n && !strv_has(q->uids, o->uid)))
			continue;
		if ((rc = cached_series(w, o->series_id, &c)) == HE_OK) {
			write_occ(w, o, c);
			rc = ics_flush(ex);
		}
	}
	occ_list_free(&l);
	return rc;
}

int ics_export_occurrences(struct ics_exporter *ex)
{
	struct occ_writer w = { .ex = ex };
	int64_t from = ex->o->q.from, to = ex->o->q.to;
	int rc = HE_OK;

	for (int64_t a = from; rc == HE_OK && a < to; a += CHUNK)
		rc = write_chunk(&w, a, a + CHUNK < to ? a + CHUNK : to, a == from);
	cache_free(&w);
	return rc;
}
