/*
 * store_query.c - occurrences ready to show: windows, screenfuls forwards
 * and backwards, samples of days, and series with their next occurrence.
 *
 * A query takes the occurrences of a span from the index (store_keys.c),
 * puts them in order, and only then looks up what a listing shows of each
 * series - once per series per query, not once per occurrence - and
 * applies the filters to it. Spans are taken a piece at a time, so that a
 * long window streams through (store_occurrences_each) in little memory
 * and a screenful reads little more than it shows.
 */
#include "store_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

/*
 * A screenful looks an hour ahead first (a large calendar fills a screen
 * in less), a window without limit a month; each next piece is four times
 * as long while pieces hold few occurrences, half as long when they hold
 * many, so that a search through years of a large calendar neither reads
 * it an hour at a time nor holds a year of it.
 */
#define FIRST_STEP 3600LL
#define WINDOW_STEP (14 * 86400LL)
#define FEW_KEYS 8192
#define MANY_KEYS 262144
#define LONGEST_STEP (100 * 366 * 86400LL)

static int64_t next_step(int64_t step, size_t keys)
{
	if (keys < FEW_KEYS && step < LONGEST_STEP)
		return step * 4;
	if (keys > MANY_KEYS && step > 3600)
		return step / 2;
	return step;
}

void occ_free(struct occ *o)
{
	free(o->uid);
	free(o->kind);
	free(o->title);
	free(o->venue);
	free(o->description);
	free(o->note);
	memset(o, 0, sizeof *o);
}

void occ_copy(struct occ *dst, const struct occ *src)
{
	*dst = *src;
	dst->uid = xstrdup0(src->uid);
	dst->kind = xstrdup0(src->kind);
	dst->title = xstrdup0(src->title);
	dst->venue = xstrdup0(src->venue);
	dst->description = xstrdup0(src->description);
	dst->note = xstrdup0(src->note);
}

void occ_list_free(struct occ_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		occ_free(&l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

/* ---- what a listing shows of a series ---- */

struct info {
	int64_t id;
	const char *uid, *kind, *title, *description, *venue; /* kept text */
	const char *tzid;        /* interned in the occ_infos */
	int revision;
	enum status status;
	bool all_day;
	bool absent;             /* deleted meanwhile: not listed */
};

/*
 * Series looked up, kept by the store until another process commits or
 * this one writes (occ_infos_drop): the interface asks about the same
 * series screen after screen. A dense array, found by id through a hash
 * of positions: the whole calendar's worth stays a few megabytes (held
 * in the hash itself they took 27 MB at 100k series).
 */
struct occ_infos {
	struct info *v;
	size_t n, cap;
	uint32_t *slot;          /* position + 1; 0 = empty */
	size_t mask;
	char **zones;            /* the distinct tzid strings */
	size_t n_zones, cap_zones;
	/* The entries' text, end to end in blocks, not a malloc each. */
	struct text_block {
		struct text_block *next;
		size_t used;
		char text[];
	} *blocks, *spare;       /* spare: emptied ones, to fill again */
};

#define TEXT_BLOCK 65536

/* A copy of text (NULL stays NULL) kept with the entries. */
static char *keep_text(struct occ_infos *m, const char *text)
{
	size_t n = text ? strlen(text) + 1 : 0;
	struct text_block *b = m->blocks;

	if (!text)
		return NULL;
	if (!b || b->used + n > TEXT_BLOCK) {
		size_t size = n > TEXT_BLOCK ? n : TEXT_BLOCK;
		if (n <= TEXT_BLOCK && m->spare) {
			b = m->spare;
			m->spare = b->next;
		} else {
			b = xmalloc(sizeof *b + size);
		}
		b->used = 0;
		/* A long text gets a block of its own behind the current. */
		if (n > TEXT_BLOCK && m->blocks) {
			b->next = m->blocks->next;
			m->blocks->next = b;
		} else {
			b->next = m->blocks;
			m->blocks = b;
		}
	}
	memcpy(b->text + b->used, text, n);
	b->used += n;
	return b->text + b->used - n;
}

static size_t id_hash(int64_t id)
{
	uint64_t h = (uint64_t)id * 0x9e3779b97f4a7c15ULL;
	return (size_t)(h ^ (h >> 31));
}

static struct info *info_find(const struct occ_infos *m, int64_t id)
{
	if (!m->slot)
		return NULL;
	for (size_t i = id_hash(id) & m->mask; m->slot[i]; i = (i + 1) & m->mask)
		if (m->v[m->slot[i] - 1].id == id)
			return &m->v[m->slot[i] - 1];
	return NULL;
}

static void slot_put(struct occ_infos *m, size_t pos)
{
	size_t i = id_hash(m->v[pos].id) & m->mask;

	while (m->slot[i])
		i = (i + 1) & m->mask;
	m->slot[i] = (uint32_t)(pos + 1);
}

/* A new entry for id (not there yet); valid until the next one. */
static struct info *info_add(struct occ_infos *m, int64_t id)
{
	if (2 * (m->n + 1) > m->mask + 1) {
		m->mask = m->mask ? 2 * m->mask + 1 : 255;
		free(m->slot);
		m->slot = xcalloc(m->mask + 1, sizeof *m->slot);
		for (size_t j = 0; j < m->n; j++)
			slot_put(m, j);
	}
	m->v = xgrow(m->v, &m->cap, m->n + 1, sizeof *m->v);
	memset(&m->v[m->n], 0, sizeof *m->v);
	m->v[m->n].id = id;
	slot_put(m, m->n);
	return &m->v[m->n++];
}

/* The zone name, kept once however many series share it. */
static const char *intern_zone(struct occ_infos *m, const char *tzid)
{
	if (!tzid)
		tzid = "";
	for (size_t i = 0; i < m->n_zones; i++)
		if (strcmp(m->zones[i], tzid) == 0)
			return m->zones[i];
	m->zones = xgrow(m->zones, &m->cap_zones, m->n_zones + 1,
			 sizeof *m->zones);
	return m->zones[m->n_zones++] = xstrndup(tzid, strnlen(tzid, TZ_NAME_MAX));
}

void occ_infos_drop(struct store *st)
{
	struct occ_infos *m = st->infos;

	if (!m)
		return;
	while (m->blocks) {
		struct text_block *next = m->blocks->next;
		free(m->blocks);
		m->blocks = next;
	}
	while (m->spare) {
		struct text_block *next = m->spare->next;
		free(m->spare);
		m->spare = next;
	}
	for (size_t i = 0; i < m->n_zones; i++)
		free(m->zones[i]);
	free(m->zones);
	free(m->v);
	free(m->slot);
	free(m);
	st->infos = NULL;
}

/* Series ids, for the organisation filter. */
struct ids {
	int64_t *v;
	size_t n, cap;
};

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* ---- one listing ---- */

struct listing {
	struct store *st;
	const struct occ_filter *f;
	char *needle;            /* the text filter, ASCII folded as lower() */
	struct ids orgs;         /* series with a matching organisation */
	struct occ_infos *infos; /* the store's */
	bool bounded;            /* streamed: keeps at most INFO_KEEP series */
	store_occ_fn fn;
	void *ctx;
	size_t limit, emitted;
	struct herr *err;
	bool reading;            /* in a read transaction of its own */
};

static const struct occ_filter no_filter;

/* Folds ASCII as SQLite's lower() does (other bytes are left alone). */
static bool contains_folded(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	if (!hay)
		hay = "";
	for (; *hay; hay++) {
		size_t i = 0;
		while (i < n && hay[i] &&
		       tolower((unsigned char)hay[i]) == (unsigned char)needle[i])
			i++;
		if (i == n)
			return true;
	}
	return n == 0;
}

static int load_orgs(struct listing *l)
{
	sqlite3_stmt *s = store_stmt(l->st,
		"SELECT DISTINCT so.series_id FROM series_org so JOIN org g"
		" ON g.id = so.org_id WHERE instr(g.name, ?1) > 0", l->err);
	int rc;

	if (!s)
		return HE_INTERNAL;
	bind_text(s, 1, l->f->org);
	while (store_next(l->st, s, &rc, l->err)) {
		l->orgs.v = xgrow(l->orgs.v, &l->orgs.cap, l->orgs.n + 1,
				  sizeof *l->orgs.v);
		l->orgs.v[l->orgs.n++] = sqlite3_column_int64(s, 0);
	}
	if (rc != HE_OK)
		return rc;
	if (l->orgs.n > 1)
		qsort(l->orgs.v, l->orgs.n, sizeof *l->orgs.v, cmp_id);
	return HE_OK;
}

static int listing_init(struct listing *l, struct store *st,
			const struct occ_filter *f, size_t limit,
			store_occ_fn fn, void *ctx, struct herr *err)
{
	memset(l, 0, sizeof *l);
	l->st = st;
	l->f = f ? f : &no_filter;
	l->fn = fn;
	l->ctx = ctx;
	l->limit = limit;
	l->err = err;
	if (!str_empty(l->f->text)) {
		l->needle = xstrdup(l->f->text);
		for (char *p = l->needle; *p; p++)
			if ((unsigned char)*p < 0x80)
				*p = (char)tolower((unsigned char)*p);
	}
	if (store_read_begin(st, err) != HE_OK)
		return err ? err->code : HE_INTERNAL;
	l->reading = true;
	/* After BEGIN: a commit by another process seen there drops them. */
	store_data_version(st);
	if (!st->infos)
		st->infos = xcalloc(1, sizeof *st->infos);
	l->infos = st->infos;
	return str_empty(l->f->org) ? HE_OK : load_orgs(l);
}

static void listing_free(struct listing *l)
{
	if (l->reading)
		store_read_end(l->st);
	free(l->needle);
	free(l->orgs.v);
}

static bool listing_full(const struct listing *l)
{
	return l->limit && l->emitted >= l->limit;
}

/* The filters on the series itself: kind, status, organisation, id. */
static bool series_wanted(const struct listing *l, const struct info *in)
{
	const struct occ_filter *f = l->f;
	unsigned statuses = f->statuses ? f->statuses : OCC_LIVE_STATUSES;

	if (!(statuses & (1u << in->status)))
		return false;
	if (!str_empty(f->kind) && strcmp(in->kind, f->kind) != 0)
		return false;
	if (f->series_id && in->id != f->series_id)
		return false;
	return str_empty(f->org) ||
	       (l->orgs.n && bsearch(&in->id, l->orgs.v, l->orgs.n,
				     sizeof in->id, cmp_id));
}

/* Fills an info from columns 1.. of a row (column 0 is the id). */
static void read_info(struct listing *l, sqlite3_stmt *s, struct info *in)
{
	struct occ_infos *m = l->infos;

	in->uid = keep_text(m, col_text(s, 1));
	in->kind = keep_text(m, col_text(s, 2));
	in->title = keep_text(m, col_text(s, 3));
	in->description = keep_text(m, col_text(s, 4));
	status_parse(col_text(s, 5), &in->status);
	in->all_day = sqlite3_column_int(s, 6) != 0;
	in->tzid = intern_zone(m, col_text(s, 7));
	in->revision = sqlite3_column_int(s, 8);
	in->venue = keep_text(m, col_text(s, 9));
}

#define INFO_COLUMNS \
	" s.uid, s.kind, s.title, s.description, s.status, s.all_day," \
	" s.tzid, s.revision, v.name FROM"

static int load_info(struct listing *l, int64_t id, struct info **out)
{
	struct info *in = info_find(l->infos, id);
	sqlite3_stmt *s;
	bool found;
	int rc;

	if ((*out = in))
		return in->absent ? HE_USER : HE_OK;
	if (!(s = store_stmt(l->st, "SELECT s.id," INFO_COLUMNS " series s"
			     " LEFT JOIN venue v ON v.id = s.venue_id"
			     " WHERE s.id = ?1", l->err)))
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, id);
	*out = in = info_add(l->infos, id);
	if ((rc = store_row(l->st, s, &found, l->err)) != HE_OK)
		return rc;
	if (!found) {
		in->absent = true;
		return HE_USER;
	}
	read_info(l, s, in);
	sqlite3_reset(s);
	return HE_OK;
}

/*
 * Looks up every series of keys not looked up yet in one statement: a
 * statement run once per series cost 12k instructions in setting up and
 * tearing down around a 2k lookup (make bench, 60k series in a window).
 * The ids go in as one JSON array, which SQLite's json_each reads.
 */
static int prefetch(struct listing *l, const struct occ_keys *k, size_t n)
{
	struct ids want = { 0 };
	struct sbuf json = { 0 };
	sqlite3_stmt *s;
	int rc = HE_OK;

	for (size_t i = 0; i < n; i++) {
		if (info_find(l->infos, k->v[i].series_id))
			continue;
		want.v = xgrow(want.v, &want.cap, want.n + 1, sizeof *want.v);
		want.v[want.n++] = k->v[i].series_id;
	}
	if (want.n > 1)
		qsort(want.v, want.n, sizeof *want.v, cmp_id);
	sbuf_addc(&json, '[');
	for (size_t i = 0; i < want.n; i++)
		if (i == 0 || want.v[i] != want.v[i - 1]) {
			char num[24];
			snprintf(num, sizeof num, ",%lld", (long long)want.v[i]);
			sbuf_add(&json, i ? num : num + 1);
		}
	sbuf_addc(&json, ']');
	if (want.n > 8 &&
	    (s = store_stmt(l->st, "SELECT s.id," INFO_COLUMNS " json_each(?1) j"
			    " JOIN series s ON s.id = j.value"
			    " LEFT JOIN venue v ON v.id = s.venue_id", l->err))) {
		bind_text(s, 1, sbuf_str(&json));
		while (store_next(l->st, s, &rc, l->err)) {
			int64_t id = sqlite3_column_int64(s, 0);
			if (!info_find(l->infos, id))
				read_info(l, s, info_add(l->infos, id));
		}
	}
	sbuf_free(&json);
	free(want.v);
	return rc;
}

/* What a changed occurrence has of its own (each owned by the caller,
 * NULL for the series'): venue, note, title, description. */
struct change {
	char *venue, *note, *title, *description;
};

static void change_free(struct change *c)
{
	free(c->venue);
	free(c->note);
	free(c->title);
	free(c->description);
}

static int load_change(struct listing *l, const struct occ_key *k,
		       struct change *c)
{
	sqlite3_stmt *s = store_stmt(l->st,
		"SELECT v.name, ov.note, ov.title, ov.description"
		" FROM override ov LEFT JOIN venue v"
		" ON v.id = ov.venue_id WHERE ov.series_id = ?1 AND ov.rid = ?2",
		l->err);
	bool found;
	int rc;

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, k->series_id);
	sqlite3_bind_int64(s, 2, k->rid);
	if ((rc = store_row(l->st, s, &found, l->err)) != HE_OK || !found)
		return rc;
	c->venue = col_dup(s, 0);
	c->note = col_dup(s, 1);
	c->title = col_dup(s, 2);
	c->description = col_dup(s, 3);
	sqlite3_reset(s);
	return HE_OK;
}

/* The filters on one occurrence: its venue, the text, cancellation. */
static bool occ_wanted(const struct listing *l, const struct occ *o)
{
	const struct occ_filter *f = l->f;

	if (o->cancelled && !f->with_cancelled)
		return false;
	if (!str_empty(f->venue) && (!o->venue || !strstr(o->venue, f->venue)))
		return false;
	return !l->needle || contains_folded(o->title, l->needle) ||
	       contains_folded(o->description, l->needle) ||
	       contains_folded(o->venue, l->needle) ||
	       contains_folded(o->note, l->needle);
}

/* Passes one occurrence through the filters to the listing's function. */
static int emit(struct listing *l, const struct occ_key *k)
{
	struct info *in;
	struct occ o;
	struct change c = { 0 };
	int rc = load_info(l, k->series_id, &in);

	if (rc == HE_USER || (rc == HE_OK && !series_wanted(l, in)))
		return HE_OK;
	if (rc != HE_OK)
		return rc;
	if (k->overridden && (rc = load_change(l, k, &c)) != HE_OK) {
		change_free(&c);
		return rc;
	}
	/* The function gets it const: the kept text is only lent. */
	o = (struct occ){
		.series_id = k->series_id, .uid = (char *)in->uid,
		.kind = (char *)in->kind,
		.title = c.title ? c.title : (char *)in->title,
		.venue = c.venue ? c.venue : (char *)in->venue,
		.description = c.description ? c.description
					     : (char *)in->description,
		.note = c.note,
		.start = k->start, .end = k->end,
		.rid = civil_from_seconds(k->rid), .all_day = in->all_day,
		.status = in->status, .cancelled = k->cancelled,
		.overridden = k->overridden, .revision = in->revision,
	};
	/* Not snprintf: "%s" cost 600 instructions, of a screenful's 2.3M
	 * a twentieth. */
	{
		size_t zl = strnlen(in->tzid, sizeof o.tzid - 1);
		memcpy(o.tzid, in->tzid, zl);
		o.tzid[zl] = '\0';
	}
	if (occ_wanted(l, &o)) {
		rc = l->fn(l->ctx, &o, l->err);
		l->emitted++;
	}
	change_free(&c);
	return rc;
}

/*
 * The series a streamed listing (store_occurrences_each: hearth agenda)
 * keeps looked up: one that reaches more (a 30-day agenda of 100k series
 * reaches 67k) starts again with an empty cache at its next slice, so that
 * its memory stays bounded however many it streams: the kept texts were 13
 * of the agenda's 29 MB of heap at 100k series (massif), and its peak went
 * from 49 to 38 MB. A listing collected whole (store_occurrences: the
 * full-screen interface) keeps them all, for the next screen.
 */
#define INFO_KEEP 8192
/* Occurrences looked up at a time (one statement each). */
#define INFO_SLICE 4096

static void infos_bound(struct listing *l)
{
	struct occ_infos *m = l->infos;

	if (!l->bounded || m->n <= INFO_KEEP)
		return;
	/* Emptied in place, its memory filled again: freeing it and
	 * asking again cost a third more CPU in page faults. */
	m->n = 0;
	memset(m->slot, 0, (m->mask + 1) * sizeof *m->slot);
	while (m->blocks) {
		struct text_block *b = m->blocks;
		m->blocks = b->next;
		if (b->used > TEXT_BLOCK) {
			free(b); /* a long text's own block */
			continue;
		}
		b->next = m->spare;
		m->spare = b;
	}
}

/* Reads the occurrences of [lo, hi) in order and emits them; *n (may be
 * NULL) gets how many were read. */
static int emit_range(struct listing *l, int64_t lo, int64_t hi,
		      int64_t after, bool long_only, size_t *n)
{
	struct occ_keys k = { 0 };
	int rc = occ_keys_range(l->st, lo, hi, after, long_only,
				l->f->series_id, &k, l->err);

	occ_keys_sort(&k);
	for (size_t i0 = 0; rc == HE_OK && i0 < k.n && !listing_full(l);
	     i0 += INFO_SLICE) {
		struct occ_keys part = { k.v + i0, k.n - i0 < INFO_SLICE
						   ? k.n - i0 : INFO_SLICE, 0 };
		infos_bound(l);
		/* A screenful looks up ahead only what it will show unless
		 * filtered: on a cold file every series is a page read, and
		 * its venue another. */
		rc = prefetch(l, &part, l->limit && l->limit - l->emitted <
						part.n ? l->limit - l->emitted
						       : part.n);
		for (size_t i = 0; rc == HE_OK && i < part.n &&
				   !listing_full(l); i++)
			rc = emit(l, &part.v[i]);
	}
	if (n)
		*n = k.n;
	occ_keys_free(&k);
	return rc;
}

/*
 * Occurrences that overlap from must have begun at most the longest
 * duration before it, which one all-day event of three days makes three
 * days: at 100k series the first screenful walked ten thousand rows before
 * its first (make bench). Only occurrences longer than OCC_SHORT can start
 * more than OCC_SHORT before from, and they are read alone (the partial
 * indexes); the walk in start order then begins as long before from as the
 * longest short occurrence lasts (occ_max_short).
 */
static int emit_under_way(struct listing *l, int64_t from)
{
	int64_t longest, back, lo;
	int rc;

	if ((rc = occ_max_duration(l->st, &longest, l->err)) != HE_OK ||
	    (rc = occ_max_short(l->st, &back, l->err)) != HE_OK)
		return rc;
	lo = from - (longest < back ? longest : back);
	if (longest > OCC_SHORT)
		rc = emit_range(l, from - longest, lo, from, true, NULL);
	if (rc == HE_OK && !listing_full(l))
		rc = emit_range(l, lo, from, from, false, NULL);
	return rc;
}

static int listing_run(struct store *st, int64_t from, int64_t to,
		       const struct occ_filter *f, size_t limit, bool bounded,
		       store_occ_fn fn, void *ctx, struct herr *err)
{
	struct listing l;
	int64_t step = limit ? FIRST_STEP : WINDOW_STEP;
	int rc;

	if (from < SCHED_MIN_INSTANT)
		from = SCHED_MIN_INSTANT;
	if (to > SCHED_MAX_INSTANT)
		to = SCHED_MAX_INSTANT;
	if (to <= from)
		return HE_OK;
	rc = listing_init(&l, st, f, limit, fn, ctx, err);
	l.bounded = bounded;
	if (rc == HE_OK && !l.f->starting)
		rc = emit_under_way(&l, from);
	for (int64_t a = from; rc == HE_OK && a < to && !listing_full(&l);) {
		int64_t b = to - a > step ? a + step : to;
		size_t n = 0;
		rc = emit_range(&l, a, b, INT64_MIN, false, &n);
		step = next_step(step, n);
		a = b;
	}
	listing_free(&l);
	return rc;
}

int store_occurrences_each(struct store *st, int64_t from, int64_t to,
			   const struct occ_filter *f, size_t limit,
			   store_occ_fn fn, void *ctx, struct herr *err)
{
	return listing_run(st, from, to, f, limit, true, fn, ctx, err);
}

static int append(void *ctx, const struct occ *o, struct herr *err)
{
	struct occ_list *out = ctx;

	(void)err;
	out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
	occ_copy(&out->v[out->n++], o);
	return HE_OK;
}

int store_occurrences(struct store *st, int64_t from, int64_t to,
		      const struct occ_filter *f, size_t limit,
		      struct occ_list *out, struct herr *err)
{
	return listing_run(st, from, to, f, limit, false, append, out, err);
}

/* Keeps the last n of l from keep_from on. */
static void keep_last(struct occ_list *l, size_t keep_from, size_t n)
{
	size_t have = l->n - keep_from, drop;

	if (have <= n)
		return;
	drop = have - n;
	for (size_t i = 0; i < drop; i++)
		occ_free(&l->v[keep_from + i]);
	memmove(&l->v[keep_from], &l->v[keep_from + drop], n * sizeof *l->v);
	l->n = keep_from + n;
}

int store_occurrences_before(struct store *st, int64_t before, int64_t floor,
			     const struct occ_filter *f, size_t limit,
			     struct occ_list *out, struct herr *err)
{
	struct occ_list got = { 0 };
	struct listing l;
	int64_t step = FIRST_STEP;
	int rc;

	if ((rc = listing_init(&l, st, f, 0, append, NULL, err)) != HE_OK) {
		listing_free(&l);
		return rc;
	}
	if (floor < SCHED_MIN_INSTANT)
		floor = SCHED_MIN_INSTANT;
	/* Pieces going back, each read in order and put before the last. */
	for (int64_t b = before; rc == HE_OK && b > floor &&
			(!limit || got.n < limit);) {
		int64_t a = b - floor > step ? b - step : floor;
		struct occ_list piece = { 0 };
		size_t n = 0;
		l.ctx = &piece;
		rc = emit_range(&l, a, b, INT64_MIN, false, &n);
		step = next_step(step, n);
		piece.v = xgrow(piece.v, &piece.cap, piece.n + got.n,
				sizeof *piece.v);
		if (got.n)
			memcpy(piece.v + piece.n, got.v, got.n * sizeof *got.v);
		piece.n += got.n;
		free(got.v);
		got = piece;
		b = a;
	}
	listing_free(&l);
	if (limit)
		keep_last(&got, 0, limit);
	for (size_t i = 0; i < got.n; i++) {
		out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
		out->v[out->n++] = got.v[i];
	}
	free(got.v);
	return rc;
}

/* ---- days ---- */

static int key_cmp(const struct occ_key *x, const struct occ_key *y)
{
	if (x->start != y->start)
		return (x->start > y->start) - (x->start < y->start);
	if (x->series_id != y->series_id)
		return (x->series_id > y->series_id) - (x->series_id < y->series_id);
	return (x->rid > y->rid) - (x->rid < y->rid);
}

/*
 * Counts per day and keeps the first few of each as they are found: a
 * month of a large calendar holds 140,000 occurrences, which sorted and
 * kept took most of the month view's time.
 */
struct days {
	const int64_t *bounds;
	int ndays;
	size_t per_day;
	size_t *counts;
	struct occ_key *first;   /* per_day a day, the earliest, in order */
	bool by_kind;            /* only the series in kind_ids */
	int64_t *kind_ids;       /* ascending */
	size_t n_kind_ids;
	bool even;               /* every day 86400 s long (no change of offset) */
};


static void count_key(void *ctx, const struct occ_key *k)
{
	struct days *d = ctx;
	int lo = 0, hi = d->ndays;
	struct occ_key *v;
	size_t n, i;

	if (k->start < d->bounds[0] || k->start >= d->bounds[d->ndays])
		return;
	if (d->by_kind && !bsearch(&k->series_id, d->kind_ids, d->n_kind_ids,
				   sizeof *d->kind_ids, cmp_id))
		return;
	/* 137k keys in a month of 100k series: arithmetic, not a search. */
	if (d->even)
		lo = (int)((k->start - d->bounds[0]) / 86400);
	while (!d->even && hi - lo > 1) {
		int mid = (lo + hi) / 2;
		if (k->start >= d->bounds[mid])
			lo = mid;
		else
			hi = mid;
	}
	n = d->counts[lo]++;
	v = d->first + (size_t)lo * d->per_day;
	if (n >= d->per_day) {
		if (!d->per_day || key_cmp(k, &v[d->per_day - 1]) >= 0)
			return;
		n = d->per_day - 1;
	}
	/* Insertion into the few kept, in order. */
	for (i = n; i > 0 && key_cmp(k, &v[i - 1]) < 0; i--)
		v[i] = v[i - 1];
	v[i] = *k;
}

/* The ids of the series of one kind, ascending, into d. */
static int kind_series(struct store *st, const char *kind, struct days *d,
		       struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT id FROM series WHERE kind = ?1 ORDER BY id", err);
	size_t cap = 0;
	int rc;

	if (!s)
		return HE_INTERNAL;
	bind_text(s, 1, kind);
	while (store_next(st, s, &rc, err)) {
		d->kind_ids = xgrow(d->kind_ids, &cap, d->n_kind_ids + 1,
				    sizeof *d->kind_ids);
		d->kind_ids[d->n_kind_ids++] = sqlite3_column_int64(s, 0);
	}
	return rc;
}

/* Month and week views show every status and cancelled occurrences. */
static const struct occ_filter every_occ = {
	.statuses = OCC_ALL_STATUSES, .with_cancelled = true, .starting = true,
};

/* An occurrence of k without its texts, for store_occ_details to fill. */
static void append_key(struct occ_list *out, const struct occ_key *k)
{
	struct occ *o;

	out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
	o = &out->v[out->n++];
	memset(o, 0, sizeof *o);
	o->series_id = k->series_id;
	o->start = k->start;
	o->end = k->end;
	o->rid = civil_from_seconds(k->rid);
	o->cancelled = k->cancelled;
	o->overridden = k->overridden;
}

static int day_samples(struct store *st, const int64_t *bounds, int ndays,
		       const char *kind, size_t per_day, bool details,
		       struct occ_list *out, size_t *counts, struct herr *err)
{
	struct days d = { bounds, ndays, per_day, counts,
			  xcalloc((size_t)ndays * per_day + 1, sizeof *d.first),
			  kind != NULL, NULL, 0, true };
	struct listing l;
	int rc;

	for (int i = 0; i < ndays; i++) {
		counts[i] = 0;
		d.even = d.even && bounds[i + 1] - bounds[i] == 86400;
	}
	rc = listing_init(&l, st, &every_occ, 0, append, out, err);
	/* One kind: its series first; keys of others are not counted. */
	if (rc == HE_OK && kind)
		rc = kind_series(st, kind, &d, err);
	if (rc == HE_OK)
		rc = occ_keys_each(st, bounds[0], bounds[ndays], INT64_MIN, false,
				   0, count_key, &d, err);
	/* Every occurrence counted, a few a day looked up: a busy day never
	 * loads in full. */
	for (int i = 0; rc == HE_OK && i < ndays; i++) {
		size_t n = counts[i] < per_day ? counts[i] : per_day;
		for (size_t j = 0; rc == HE_OK && j < n; j++) {
			const struct occ_key *k = &d.first[(size_t)i * per_day + j];
			if (details)
				rc = emit(&l, k);
			else
				append_key(out, k);
		}
	}
	free(d.first);
	free(d.kind_ids);
	listing_free(&l);
	return rc;
}

int store_day_samples(struct store *st, const int64_t *bounds, int ndays,
		      const char *kind, size_t per_day, struct occ_list *out,
		      size_t *counts, struct herr *err)
{
	return day_samples(st, bounds, ndays, kind, per_day, true, out, counts,
			   err);
}

int store_day_keys(struct store *st, const int64_t *bounds, int ndays,
		   const char *kind, size_t per_day, struct occ_list *out,
		   size_t *counts, struct herr *err)
{
	return day_samples(st, bounds, ndays, kind, per_day, false, out,
			   counts, err);
}

/* store_occ_details: the listing's one occurrence, into *ctx. */
static int fill_texts(void *ctx, const struct occ *o, struct herr *err)
{
	struct occ *dst = ctx;

	(void)err;
	occ_free(dst);
	occ_copy(dst, o);
	return HE_OK;
}

int store_occ_details(struct store *st, struct occ *const *v, size_t n,
		      struct herr *err)
{
	struct listing l;
	int rc = listing_init(&l, st, &every_occ, 0, fill_texts, NULL, err);

	for (size_t i = 0; rc == HE_OK && i < n; i++) {
		struct occ_key k = {
			v[i]->start, v[i]->end, v[i]->series_id,
			civil_to_seconds(&v[i]->rid), v[i]->cancelled,
			v[i]->overridden,
		};
		if (v[i]->title)
			continue;
		l.ctx = v[i];
		rc = emit(&l, &k);
		/* Its series gone meanwhile: shown untitled, not asked again. */
		if (rc == HE_OK && !v[i]->title)
			v[i]->title = xstrdup("");
	}
	listing_free(&l);
	return rc;
}

/* ---- series lists ---- */

void series_rows_free(struct series_rows *rows)
{
	for (size_t i = 0; i < rows->n; i++) {
		free(rows->v[i].uid);
		free(rows->v[i].kind);
		free(rows->v[i].title);
		free(rows->v[i].venue);
	}
	free(rows->v);
	rows->v = NULL;
	rows->n = rows->cap = 0;
}

/* Parameters 4 to 10 as the occurrence filters mean them. */
#define SERIES_WHERE \
	" FROM series s LEFT JOIN venue v ON v.id = s.venue_id" \
	" WHERE (?4 IS NULL OR s.kind = ?4)" \
	" AND (?5 IS NULL OR instr(v.name, ?5) > 0)" \
	" AND (?6 IS NULL OR EXISTS (SELECT 1 FROM series_org so JOIN org g" \
	"  ON g.id = so.org_id WHERE so.series_id = s.id" \
	"  AND instr(g.name, ?6) > 0))" \
	" AND (?7 IS NULL OR instr(lower(s.title), ?7) > 0" \
	"  OR instr(lower(COALESCE(s.description, '')), ?7) > 0" \
	"  OR instr(lower(COALESCE(v.name, '')), ?7) > 0)" \
	" AND (CASE s.status WHEN 'tentative' THEN 1 WHEN 'confirmed' THEN 2" \
	"  ELSE 4 END) & ?8 AND (?10 = 0 OR s.id = ?10)"
#define SERIES_ROW \
	"SELECT s.id, s.uid, s.kind, s.title, v.name, s.status, s.all_day," \
	" s.tzid, s.reach_start, s.reach_end, s.xrule IS NOT NULL OR" \
	" s.rdates IS NOT NULL"
static const char series_list_sql[] =
	SERIES_ROW SERIES_WHERE " ORDER BY s.title, s.uid";
/* A page by title or by kind: the indexes series_title and series_kind
 * give it without sorting every series. */
static const char series_by_title_sql[] =
	SERIES_ROW SERIES_WHERE " ORDER BY s.title, s.id LIMIT ?11 OFFSET ?12";
static const char series_by_kind_sql[] =
	SERIES_ROW SERIES_WHERE " ORDER BY s.kind, s.title, s.id"
	" LIMIT ?11 OFFSET ?12";
static const char series_count_sql[] = "SELECT count(*)" SERIES_WHERE;

static void bind_series_filter(sqlite3_stmt *s, const struct occ_filter *f)
{
	unsigned statuses;

	if (!f)
		f = &no_filter;
	statuses = f->statuses ? f->statuses : OCC_LIVE_STATUSES;
	bind_text(s, 4, str_empty(f->kind) ? NULL : f->kind);
	bind_text(s, 5, str_empty(f->venue) ? NULL : f->venue);
	bind_text(s, 6, str_empty(f->org) ? NULL : f->org);
	if (!str_empty(f->text)) {
		/* SQLite's lower() folds ASCII only: fold the needle the same way. */
		char *needle = xstrdup(f->text);
		for (char *p = needle; *p; p++)
			if ((unsigned char)*p < 0x80)
				*p = (char)tolower((unsigned char)*p);
		bind_text(s, 7, needle);
		free(needle);
	}
	sqlite3_bind_int(s, 8, (int)statuses);
	sqlite3_bind_int64(s, 10, f->series_id);
}

static int row_by_id(const void *a, const void *b)
{
	const struct series_row *x = *(struct series_row *const *)a;
	const struct series_row *y = *(struct series_row *const *)b;
	return (x->id > y->id) - (x->id < y->id);
}

/*
 * The next start of every series within the coming weeks, in one pass over
 * the index: sets next_start of the matching rows.
 */
static int next_from_index(struct store *st, int64_t now, int64_t horizon,
			   struct series_rows *rows, struct herr *err)
{
	struct series_row **by_id, key, *kp = &key;
	struct occ_keys k = { 0 };
	int rc = occ_keys_range(st, now, horizon, INT64_MIN, false, 0, &k, err);

	by_id = xcalloc(rows->n + 1, sizeof *by_id);
	for (size_t i = 0; i < rows->n; i++)
		by_id[i] = &rows->v[i];
	if (rows->n > 1)
		qsort(by_id, rows->n, sizeof *by_id, row_by_id);
	for (size_t i = 0; rc == HE_OK && rows->n && i < k.n; i++) {
		struct series_row **hit;
		if (k.v[i].cancelled)
			continue;
		key.id = k.v[i].series_id;
		hit = bsearch(&kp, by_id, rows->n, sizeof *by_id, row_by_id);
		if (hit && (!(*hit)->next_start || k.v[i].start < (*hit)->next_start))
			(*hit)->next_start = k.v[i].start;
	}
	occ_keys_free(&k);
	free(by_id);
	return rc;
}

/* The next uncancelled occurrence after from of one series, looking
 * further ahead each time, up to five years. */
static int64_t next_later(struct store *st, int64_t id, int64_t from)
{
	int64_t step = 62 * 86400LL, next = 0;

	for (int64_t a = from; !next && a < from + 5 * 366 * 86400LL; step *= 2) {
		struct occ_keys k = { 0 };
		if (occ_keys_range(st, a, a + step, INT64_MIN, false, id, &k,
				   NULL) != HE_OK) {
			occ_keys_free(&k);
			break;
		}
		for (size_t i = 0; i < k.n; i++)
			if (!k.v[i].cancelled && (!next || k.v[i].start < next))
				next = k.v[i].start;
		occ_keys_free(&k);
		a += step;
	}
	return next;
}

/* Appends the rows statement s gives (SERIES_ROW's columns). */
static int read_series_rows(struct store *st, sqlite3_stmt *s,
			    struct series_rows *out, struct herr *err)
{
	int rc;

	while (store_next(st, s, &rc, err)) {
		struct series_row *r;
		out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
		r = &out->v[out->n++];
		memset(r, 0, sizeof *r);
		r->id = sqlite3_column_int64(s, 0);
		r->uid = col_dup(s, 1);
		r->kind = col_dup(s, 2);
		r->title = col_dup(s, 3);
		r->venue = col_dup(s, 4);
		status_parse(col_text(s, 5), &r->status);
		r->all_day = sqlite3_column_int(s, 6) != 0;
		snprintf(r->tzid, sizeof r->tzid, "%s", col_text(s, 7));
		r->first_start = sqlite3_column_int64(s, 8);
		r->last_end = sqlite3_column_int64(s, 9);
		r->recurring = sqlite3_column_int(s, 10) != 0;
	}
	return rc;
}

/* The whole list with every next occurrence (the caller is reading). */
static int series_all(struct store *st, const struct occ_filter *f,
		      int64_t now, struct series_rows *out, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, series_list_sql, err);
	const int64_t horizon = now + 62 * 86400;
	int rc;

	if (!s)
		return HE_INTERNAL;
	bind_series_filter(s, f);
	if ((rc = read_series_rows(st, s, out, err)) == HE_OK)
		rc = next_from_index(st, now, horizon, out, err);
	for (size_t i = 0; rc == HE_OK && i < out->n; i++)
		if (!out->v[i].next_start && out->v[i].last_end > horizon)
			out->v[i].next_start = next_later(st, out->v[i].id, horizon);
	return rc;
}

int store_series_list(struct store *st, const struct occ_filter *f,
		      int64_t now, struct series_rows *out, struct herr *err)
{
	int rc;

	if ((rc = store_read_begin(st, err)) != HE_OK)
		return rc;
	rc = series_all(st, f, now, out, err);
	store_read_end(st);
	return rc;
}

static bool filtered(const struct occ_filter *f)
{
	/* statuses 0 means tentative and confirmed: cancelled ones left out. */
	return !f || !str_empty(f->kind) || !str_empty(f->venue) ||
	       !str_empty(f->org) || !str_empty(f->text) ||
	       f->statuses != OCC_ALL_STATUSES || f->series_id;
}

/* How many series f matches. */
static int series_count(struct store *st, const struct occ_filter *f,
			size_t *n, struct herr *err)
{
	/* Without a filter SQLite counts a table without reading its rows. */
	sqlite3_stmt *s = store_stmt(st, filtered(f) ? series_count_sql
				     : "SELECT count(*) FROM series", err);
	int64_t count = 0;
	int rc;

	if (!s)
		return HE_INTERNAL;
	if (filtered(f))
		bind_series_filter(s, f);
	rc = store_int64(st, s, &count, NULL, err);
	*n = (size_t)count;
	return rc;
}

/* Orders of a whole list (the events view's). */
static enum series_order sort_order;

static int cmp_text(const char *a, const char *b)
{
	return strcmp(a ? a : "\xff", b ? b : "\xff");
}

static int row_order(const void *pa, const void *pb)
{
	const struct series_row *a = pa, *b = pb;
	int c = 0;

	if (sort_order == SERIES_BY_NEXT) {
		/* Series with no next occurrence go last. */
		c = (a->next_start == 0) - (b->next_start == 0);
		if (!c)
			c = (a->next_start > b->next_start) -
			    (a->next_start < b->next_start);
	} else if (sort_order == SERIES_BY_VENUE) {
		c = cmp_text(a->venue, b->venue);
	} else if (sort_order == SERIES_BY_KIND) {
		c = strcmp(a->kind, b->kind);
	}
	if (!c)
		c = strcmp(a->title, b->title);
	return c ? c : (a->id > b->id) - (a->id < b->id);
}

int store_series_page(struct store *st, const struct occ_filter *f,
		      enum series_order order, int64_t now, size_t offset,
		      size_t limit, struct series_rows *out, size_t *total,
		      struct herr *err)
{
	struct series_rows all = { 0 };
	sqlite3_stmt *s;
	int rc;

	if ((rc = store_read_begin(st, err)) != HE_OK)
		return rc;
	if (order == SERIES_BY_TITLE || order == SERIES_BY_KIND) {
		/* A page of the index's order; next occurrences of its rows. */
		s = store_stmt(st, order == SERIES_BY_TITLE ? series_by_title_sql
							     : series_by_kind_sql,
			       err);
		if (!s) {
			rc = HE_INTERNAL;
		} else {
			size_t first = out->n;
			bind_series_filter(s, f);
			sqlite3_bind_int64(s, 11, (int64_t)limit);
			sqlite3_bind_int64(s, 12, (int64_t)offset);
			rc = read_series_rows(st, s, out, err);
			for (size_t i = first; rc == HE_OK && i < out->n; i++)
				out->v[i].next_start = next_later(st, out->v[i].id,
								  now);
		}
		if (rc == HE_OK && total)
			rc = series_count(st, f, total, err);
	} else if ((rc = series_all(st, f, now, &all, err)) == HE_OK) {
		/* By next occurrence or venue: every row, sorted here. */
		sort_order = order;
		if (all.n > 1)
			qsort(all.v, all.n, sizeof *all.v, row_order);
		for (size_t i = offset; i < all.n && i < offset + limit; i++) {
			out->v = xgrow(out->v, &out->cap, out->n + 1,
				       sizeof *out->v);
			out->v[out->n++] = all.v[i];
			memset(&all.v[i], 0, sizeof all.v[i]);
		}
		if (total)
			*total = all.n;
	}
	series_rows_free(&all);
	store_read_end(st);
	return rc;
}

/* ---- series left out ---- */

void skipped_list_free(struct skipped_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].uid);
		free(l->v[i].title);
		free(l->v[i].reason);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

int store_skipped(struct store *st, int64_t from, int64_t to,
		  struct skipped_list *out, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT s.uid, s.title, min(k.reason) FROM occ_skipped k"
		" JOIN series s ON s.id = k.series_id"
		" WHERE s.reach_end > ?1 AND s.reach_start < ?2"
		" GROUP BY s.id ORDER BY s.id", err);
	int rc;

	if (!s)
		return HE_INTERNAL;
	if (to <= from)
		return HE_OK;
	sqlite3_bind_int64(s, 1, from);
	sqlite3_bind_int64(s, 2, to);
	while (store_next(st, s, &rc, err)) {
		struct skipped *k;
		out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
		k = &out->v[out->n++];
		k->uid = col_dup(s, 0);
		k->title = col_dup(s, 1);
		k->reason = col_dup(s, 2);
	}
	return rc;
}
