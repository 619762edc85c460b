/*
 * report.c - summing a period: the rows store_report.c hands over are
 * counted into the total and into a row of every grouping asked for.
 */
#include "report_int.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "../label.h"
#include "../people/people.h"
#include "../tz.h"

static const char *const by_names[REPORT_N_BY] = {
	"week", "month", "kind", "venue", "org", "category",
};

static const char *const by_labels[REPORT_N_BY] = {
	N_("By week"), N_("By month"), N_("By kind"), N_("By venue"),
	N_("By organisation"), N_("By category"),
};

const char *report_by_name(enum report_by b)
{
	return (unsigned)b < REPORT_N_BY ? by_names[b] : "";
}

const char *report_by_label(enum report_by b)
{
	return (unsigned)b < REPORT_N_BY ? _(by_labels[b]) : "";
}

bool report_by_parse(const char *name, enum report_by *out)
{
	for (int i = 0; i < REPORT_N_BY; i++)
		if (strcmp(name, by_names[i]) == 0) {
			*out = (enum report_by)i;
			return true;
		}
	return false;
}

/* ---- what is read before counting ---- */

struct rser {
	int64_t id;
	size_t kind;             /* index into builder.kinds */
	int64_t venue_id, host_id;
	size_t venue, host;      /* their indexes in venues and orgs (n_venues,
				    n_orgs: none) */
	bool cancelled;          /* the whole series */
	bool keep;               /* passes the kind filter */
	bool org;                /* passes the organisation filter */
};

struct named {
	int64_t id;
	char *name;
	bool match;              /* passes the venue filter */
};

struct moved {
	int64_t series_id, rid, venue_id;
};

/* Counts of one row while counting: categories grow as they turn up. */
struct acc {
	size_t entity;           /* kind, venue or org index; period index */
	long held, cancelled, upcoming;
	int64_t *sums;
	long *counted;
	size_t n;
	int64_t minutes, points; /* volunteers' shifts (people.h) */
};

struct table_build {
	enum report_by by;
	struct acc *rows;
	size_t n, cap;
	long *map;               /* entity index -> row, -1 none (entity tables) */
	size_t n_map;
};

struct builder {
	const struct report_query *q;
	const struct tz *zone;
	struct rser *series;
	size_t n_series, cap_series;
	int32_t *slot;           /* series id -> index in series, -1 none;
				    NULL when ids are too sparse for it */
	int64_t n_slots;
	bool need_venue;         /* a venue filter or grouping */
	bool people;             /* a volunteer's shift was worked */
	size_t hint[REPORT_N_BY]; /* the period the last row fell in */
	struct strv kinds;
	struct named *venues, *orgs;
	size_t n_venues, cap_venues, n_orgs, cap_orgs;
	struct moved *moved;
	size_t n_moved, cap_moved;
	struct strv cats;        /* config categories, then others met */
	size_t last_cat;         /* the category of the last tally row */
	int64_t *weeks, *months; /* period starts, and the end after them */
	size_t n_weeks, n_months;
	struct civil *week_days, *month_days; /* first day of each period */
	struct acc total;
	struct table_build tables[REPORT_N_BY];
	size_t n_tables;
	struct report_topic *topics;
	size_t n_topics;
};

static void on_series(void *p, int64_t id, const char *kind, int64_t venue_id,
		      int64_t host_id, bool cancelled)
{
	struct builder *b = p;
	struct rser *s;
	size_t k;

	for (k = 0; k < b->kinds.n && strcmp(b->kinds.v[k], kind); k++)
		;
	if (k == b->kinds.n)
		strv_add(&b->kinds, kind);
	b->series = xgrow(b->series, &b->cap_series, b->n_series + 1,
			  sizeof *b->series);
	s = &b->series[b->n_series++];
	s->id = id;
	s->kind = k;
	s->venue_id = venue_id;
	s->host_id = host_id;
	s->cancelled = cancelled;
	s->keep = str_empty(b->q->kind) || strcmp(kind, b->q->kind) == 0;
	s->org = str_empty(b->q->org);
}

static void add_named(struct named **v, size_t *n, size_t *cap, int64_t id,
		      const char *name)
{
	*v = xgrow(*v, cap, *n + 1, sizeof **v);
	(*v)[*n].id = id;
	(*v)[*n].name = xstrdup(name ? name : "");
	(*v)[*n].match = true;
	(*n)++;
}

static void on_venue(void *p, int64_t id, const char *name)
{
	struct builder *b = p;
	add_named(&b->venues, &b->n_venues, &b->cap_venues, id, name);
}

static void on_org(void *p, int64_t id, const char *name)
{
	struct builder *b = p;
	add_named(&b->orgs, &b->n_orgs, &b->cap_orgs, id, name);
}

static void on_moved(void *p, int64_t series_id, int64_t rid,
		     int64_t venue_id)
{
	struct builder *b = p;

	b->moved = xgrow(b->moved, &b->cap_moved, b->n_moved + 1,
			 sizeof *b->moved);
	b->moved[b->n_moved++] = (struct moved){ series_id, rid, venue_id };
}

/*
 * Series ids are row ids, dense unless many series were deleted: a table
 * from id to series then finds one without a search, a tenth of a
 * report's time at 100,000 series.
 */
static void index_series(struct builder *b)
{
	int64_t max = b->n_series ? b->series[b->n_series - 1].id : 0;

	if (max < 0 || max > 4 * (int64_t)b->n_series + 4096)
		return;
	b->n_slots = max + 1;
	b->slot = xmalloc((size_t)b->n_slots * sizeof *b->slot);
	for (int64_t i = 0; i < b->n_slots; i++)
		b->slot[i] = -1;
	for (size_t i = 0; i < b->n_series; i++)
		b->slot[b->series[i].id] = (int32_t)i;
}

/* Binary searches over arrays read in id order. */
static struct rser *find_series(const struct builder *b, int64_t id)
{
	size_t lo = 0, hi = b->n_series;

	if (b->slot)
		return id >= 0 && id < b->n_slots && b->slot[id] >= 0
			? &b->series[b->slot[id]] : NULL;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (b->series[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < b->n_series && b->series[lo].id == id ? &b->series[lo]
							   : NULL;
}

/* The index of row id in v (n entries), or n when absent. */
static size_t find_named(const struct named *v, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && v[lo].id == id ? lo : n;
}

/* Where the occurrence took place: another venue when moved there. */
static int64_t venue_of(const struct builder *b, const struct rser *s,
			int64_t rid)
{
	size_t lo = 0, hi = b->n_moved;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct moved *m = &b->moved[mid];
		if (m->series_id < s->id || (m->series_id == s->id && m->rid < rid))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < b->n_moved && b->moved[lo].series_id == s->id &&
	    b->moved[lo].rid == rid)
		return b->moved[lo].venue_id;
	return s->venue_id;
}

static void keep_org_series(void *p, int64_t id)
{
	struct rser *s = find_series(p, id);

	if (s)
		s->org = true;
}

/* Applies the organisation and venue filters to what was read. */
static int apply_filters(struct store *st, struct builder *b,
			 struct herr *err)
{
	int rc;

	index_series(b);
	for (size_t i = 0; i < b->n_series; i++) {
		struct rser *s = &b->series[i];
		s->venue = find_named(b->venues, b->n_venues, s->venue_id);
		s->host = find_named(b->orgs, b->n_orgs, s->host_id);
	}
	b->need_venue = !str_empty(b->q->venue);
	for (size_t i = 0; i < b->n_tables; i++)
		b->need_venue |= b->tables[i].by == REPORT_BY_VENUE;

	if (!str_empty(b->q->org)) {
		if ((rc = store_report_org_series(st, b->q->org, keep_org_series, b,
						  err)) != HE_OK)
			return rc;
		for (size_t i = 0; i < b->n_series; i++)
			b->series[i].keep = b->series[i].keep && b->series[i].org;
	}
	if (!str_empty(b->q->venue))
		for (size_t i = 0; i < b->n_venues; i++)
			b->venues[i].match = strstr(b->venues[i].name,
						    b->q->venue) != NULL;
	return HE_OK;
}

/* ---- periods ---- */

/* The first day of the period holding day: its week, or its month. */
static struct civil period_start(struct civil day, bool month, int week_start)
{
	day.hour = day.min = day.sec = 0;
	if (month) {
		day.day = 1;
		return day;
	}
	return civil_add_days(day, -(int64_t)((civil_weekday(&day) - week_start
					       + 7) % 7));
}

static struct civil period_next(struct civil day, bool month)
{
	return month ? civil_add_months(day, 1) : civil_add_days(day, 7);
}

/*
 * The weeks or months that hold the report's days: their first days, and
 * their starts as instants with the instant after the last one.
 */
static void make_periods(struct builder *b, const struct report *r,
			 bool month, int64_t **bounds, struct civil **days,
			 size_t *n)
{
	struct civil d = period_start(r->first, month, b->q->week_start);
	size_t cap = 0, cap_days = 0;

	*n = 0;
	*bounds = NULL;
	*days = NULL;
	while (civil_cmp(&d, &r->last) <= 0) {
		*days = xgrow(*days, &cap_days, *n + 1, sizeof **days);
		*bounds = xgrow(*bounds, &cap, *n + 2, sizeof **bounds);
		(*days)[*n] = d;
		(*bounds)[(*n)++] = tz_to_utc(b->zone, &d);
		d = period_next(d, month);
	}
	*bounds = xgrow(*bounds, &cap, *n + 1, sizeof **bounds);
	(*bounds)[*n] = tz_to_utc(b->zone, &d);
}

/*
 * The period holding instant t: bounds[i] <= t < bounds[i + 1]. Rows come
 * in start order: *hint, the last answer, is most often right again.
 */
static size_t period_of(const int64_t *bounds, size_t n, int64_t t,
			size_t *hint)
{
	size_t lo = 0, hi = n;

	if (*hint < n && bounds[*hint] <= t && t < bounds[*hint + 1])
		return *hint;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (bounds[mid + 1] <= t)
			lo = mid + 1;
		else
			hi = mid;
	}
	*hint = lo < n ? lo : n - 1;
	return *hint;
}

/* ---- counting ---- */

enum what { HELD, CANCELLED, UPCOMING };

static void acc_count(struct acc *a, enum what w)
{
	if (w == HELD)
		a->held++;
	else if (w == CANCELLED)
		a->cancelled++;
	else
		a->upcoming++;
}

/* Adds value, the sum of count tallies of category cat. */
static void acc_add(struct acc *a, size_t cat, int64_t value, int64_t count)
{
	if (cat >= a->n) {
		size_t n = cat + 8;
		a->sums = xrealloc(a->sums, n * sizeof *a->sums);
		a->counted = xrealloc(a->counted, n * sizeof *a->counted);
		memset(a->sums + a->n, 0, (n - a->n) * sizeof *a->sums);
		memset(a->counted + a->n, 0, (n - a->n) * sizeof *a->counted);
		a->n = n;
	}
	a->sums[cat] += value;
	a->counted[cat] += (long)count;
}

static void acc_free(struct acc *a)
{
	free(a->sums);
	free(a->counted);
}

static struct acc *new_row(struct table_build *t, size_t entity)
{
	struct acc *a;

	t->rows = xgrow(t->rows, &t->cap, t->n + 1, sizeof *t->rows);
	a = &t->rows[t->n++];
	memset(a, 0, sizeof *a);
	a->entity = entity;
	return a;
}

/* The row of an entity (kind, venue, organisation), made when first met. */
static struct acc *entity_row(struct table_build *t, size_t entity)
{
	if (entity >= t->n_map) {
		size_t n = entity + 16;
		t->map = xrealloc(t->map, n * sizeof *t->map);
		for (size_t i = t->n_map; i < n; i++)
			t->map[i] = -1;
		t->n_map = n;
	}
	if (t->map[entity] < 0) {
		t->map[entity] = (long)t->n;
		new_row(t, entity);
	}
	return &t->rows[t->map[entity]];
}

/* The row of table t that an occurrence of s at venue, starting at start,
 * counts in; NULL for the category table, which is made from the total. */
static struct acc *row_of(struct builder *b, struct table_build *t,
			  const struct rser *s, size_t venue, int64_t start)
{
	switch (t->by) {
	case REPORT_BY_WEEK:
		return &t->rows[period_of(b->weeks, b->n_weeks, start,
					  &b->hint[t->by])];
	case REPORT_BY_MONTH:
		return &t->rows[period_of(b->months, b->n_months, start,
					  &b->hint[t->by])];
	case REPORT_BY_KIND:
		return entity_row(t, s->kind);
	case REPORT_BY_VENUE:
		return entity_row(t, venue);
	case REPORT_BY_ORG:
		return entity_row(t, s->host);
	default:
		return NULL;
	}
}

/* The series of a row if the filters keep it, and where it took place
 * (the index of its venue, n_venues for none). */
static const struct rser *kept(const struct builder *b, int64_t series_id,
			       int64_t rid, size_t *venue)
{
	const struct rser *s = find_series(b, series_id);
	int64_t id;

	if (!s || !s->keep)
		return NULL;
	*venue = s->venue;
	if (b->n_moved && b->need_venue &&
	    (id = venue_of(b, s, rid)) != s->venue_id)
		*venue = find_named(b->venues, b->n_venues, id);
	if (str_empty(b->q->venue))
		return s;
	return *venue < b->n_venues && b->venues[*venue].match ? s : NULL;
}

static void on_occ(void *p, int64_t start, int64_t series_id, int64_t rid,
		   bool cancelled)
{
	struct builder *b = p;
	size_t venue;
	const struct rser *s = kept(b, series_id, rid, &venue);
	enum what w;

	if (!s)
		return;
	w = cancelled || s->cancelled ? CANCELLED
	    : start < b->q->now ? HELD : UPCOMING;
	acc_count(&b->total, w);
	for (size_t i = 0; i < b->n_tables; i++) {
		struct acc *a = row_of(b, &b->tables[i], s, venue, start);
		if (a)
			acc_count(a, w);
	}
}

/* The categories met, with their lengths: a row's key is compared by
 * length first, as most rows name one of two or three. */
static bool same_key(const char *a, const char *key, size_t len)
{
	return strlen(a) == len && memcmp(a, key, len) == 0;
}

static size_t cat_index(struct builder *b, const char *key, size_t len)
{
	if (b->last_cat < b->cats.n && same_key(b->cats.v[b->last_cat], key, len))
		return b->last_cat;
	for (b->last_cat = 0; b->last_cat < b->cats.n; b->last_cat++)
		if (same_key(b->cats.v[b->last_cat], key, len))
			return b->last_cat;
	char *copy = xstrndup(key, len);
	strv_add(&b->cats, copy);
	free(copy);
	return b->last_cat;
}

static void on_tally(void *p, int64_t start, int64_t series_id, int64_t rid,
		     const char *category, size_t len, int64_t value)
{
	struct builder *b = p;
	size_t venue;
	const struct rser *s = kept(b, series_id, rid, &venue);
	size_t cat;

	if (!s || !category)
		return;
	cat = cat_index(b, category, len);
	acc_add(&b->total, cat, value, 1);
	for (size_t i = 0; i < b->n_tables; i++) {
		struct acc *a = row_of(b, &b->tables[i], s, venue, start);
		if (a)
			acc_add(a, cat, value, 1);
	}
}

/*
 * Whether the tallies' sums by start (tally_sum) make this report: no
 * filter, and tables by week, month or category only - none by what a
 * series is (its kind, venue or host), which the sums do not keep.
 */
static bool sums_enough(const struct builder *b)
{
	if (!str_empty(b->q->kind) || !str_empty(b->q->venue) ||
	    !str_empty(b->q->org))
		return false;
	for (size_t i = 0; i < b->n_tables; i++)
		if (b->tables[i].by != REPORT_BY_WEEK &&
		    b->tables[i].by != REPORT_BY_MONTH &&
		    b->tables[i].by != REPORT_BY_CATEGORY)
			return false;
	return true;
}

/* A row of tally_sum: n tallies of a category at one start. */
static void on_sum(void *p, int64_t start, const char *category, size_t len,
		   int64_t total, int64_t n)
{
	struct builder *b = p;
	size_t cat;

	if (!category)
		return;
	cat = cat_index(b, category, len);
	acc_add(&b->total, cat, total, n);
	for (size_t i = 0; i < b->n_tables; i++) {
		/* Week and month rows need no series; category: none. */
		struct acc *a = row_of(b, &b->tables[i], NULL, 0, start);
		if (a)
			acc_add(a, cat, total, n);
	}
}

/*
 * Volunteers' hours and points (people.h), under the occurrence their
 * shift was: a report shows them when any shift of its period was worked,
 * rather than zeros where nobody records shifts.
 */
static void on_shift(void *p, int64_t series_id, int64_t rid, int64_t start,
		     int64_t minutes, int64_t points)
{
	struct builder *b = p;
	size_t venue;
	const struct rser *s = kept(b, series_id, rid, &venue);

	if (!s)
		return;
	b->people = true;
	b->total.minutes += minutes;
	b->total.points += points;
	for (size_t i = 0; i < b->n_tables; i++) {
		struct acc *a = row_of(b, &b->tables[i], s, venue, start);
		if (a) {
			a->minutes += minutes;
			a->points += points;
		}
	}
}

static struct report_topic *topic_for(struct builder *b, const char *key)
{
	struct report_topic *t;

	for (size_t i = 0; i < b->n_topics; i++)
		if (str_eq0(b->topics[i].key, key))
			return &b->topics[i];
	b->topics = xrealloc(b->topics, (b->n_topics + 1) * sizeof *b->topics);
	t = &b->topics[b->n_topics++];
	memset(t, 0, sizeof *t);
	t->key = str_empty(key) ? NULL : xstrdup(key);
	return t;
}

static void on_topic(void *p, const char *topic, const char *status, long n)
{
	struct builder *b = p;
	struct report_topic *t = topic_for(b, topic);
	enum sugg_status s;

	if (!sugg_status_parse(status ? status : "", &s))
		s = SUGG_NEW;
	t->n[s] += n;
	t->total += n;
}

/* ---- the report ---- */

static char *period_label(enum report_by by, const struct civil *first,
			  const struct civil *last)
{
	if (by == REPORT_BY_MONTH)
		return label_month(first);
	/* TRANSLATORS: the days of a week in a report: month/day of its
	   first day, then of its last ("1/4–1/10"). */
	return xasprintf(_("%1$d/%2$d–%3$d/%4$d"), first->month, first->day,
			 last->month, last->day);
}

/* Makes the rows of a week or month table, one per period. */
static void period_rows(struct builder *b, struct table_build *t,
			const struct report *r)
{
	bool month = t->by == REPORT_BY_MONTH;

	if (month && !b->months)
		make_periods(b, r, true, &b->months, &b->month_days, &b->n_months);
	if (!month && !b->weeks)
		make_periods(b, r, false, &b->weeks, &b->week_days, &b->n_weeks);
	for (size_t i = 0, n = month ? b->n_months : b->n_weeks; i < n; i++)
		new_row(t, i);
}

/*
 * The categories the report shows: those with a count in the period,
 * config's first in its order. map[i] gives the report index of builder
 * category i, or -1.
 */
static void pick_categories(struct builder *b, struct report *r, long *map)
{
	const struct config *cfg = b->q->cfg;

	r->cats = xcalloc(b->cats.n + 1, sizeof *r->cats);
	for (size_t i = 0; i < b->cats.n; i++) {
		const struct category *k = config_category(cfg, b->cats.v[i]);
		struct report_cat *c;
		map[i] = -1;
		if (i >= b->total.n || b->total.counted[i] == 0)
			continue;
		map[i] = (long)r->n_cats;
		c = &r->cats[r->n_cats++];
		c->key = xstrdup(b->cats.v[i]);
		c->label = xstrdup(k ? category_label(k) : b->cats.v[i]);
		c->unit = xstrdup(k ? category_unit(k) : "");
	}
	r->main_cat = r->n_cats;
	for (size_t i = 0; i < r->n_cats; i++)
		if (!strcmp(r->cats[i].key, "served"))
			r->main_cat = i;
	for (size_t i = 0; r->main_cat == r->n_cats && i < b->cats.n; i++)
		if (map[i] >= 0 &&
		    (r->main_cat == r->n_cats ||
		     b->total.sums[i] > b->total.sums[r->main_cat]))
			r->main_cat = (size_t)map[i];
}

static void fill_row(struct report_row *row, const struct acc *a,
		     const long *map, size_t n_map, size_t n_cats)
{
	row->held = a->held;
	row->cancelled = a->cancelled;
	row->upcoming = a->upcoming;
	row->hours = (double)a->minutes / 60.0;
	row->points = a->points;
	row->sums = xcalloc(n_cats + 1, sizeof *row->sums);
	row->counted = xcalloc(n_cats + 1, sizeof *row->counted);
	for (size_t i = 0; i < a->n && i < n_map; i++)
		if (map[i] >= 0) {
			row->sums[map[i]] = a->sums[i];
			row->counted[map[i]] = a->counted[i];
		}
}

/* Key and label of an entity row. */
static void name_row(const struct builder *b, enum report_by by,
		     size_t entity, struct report_row *row)
{
	const char *key = "", *label = NULL;

	if (by == REPORT_BY_KIND) {
		key = b->kinds.v[entity];
		label = config_kind_label(b->q->cfg, key);
	} else if (by == REPORT_BY_VENUE && entity < b->n_venues) {
		key = label = b->venues[entity].name;
	} else if (by == REPORT_BY_ORG && entity < b->n_orgs) {
		key = label = b->orgs[entity].name;
	} else {
		label = by == REPORT_BY_VENUE ? _("(no venue)") : _("(no host)");
	}
	row->key = xstrdup(key);
	row->label = xstrdup(label);
}

static int row_order(const void *a, const void *b)
{
	const struct report_row *x = a, *y = b;

	/* Rows without a key ("no venue") go last. */
	if (!*x->key != !*y->key)
		return *x->key ? -1 : 1;
	return strcmp(x->label, y->label);
}

static int kind_order(const void *a, const void *b)
{
	const struct acc *x = a, *y = b;
	return (x->entity > y->entity) - (x->entity < y->entity);
}

static void finish_table(struct builder *b, struct table_build *t,
			 struct report *r, struct report_table *out,
			 const long *map)
{
	out->by = t->by;
	if (t->by == REPORT_BY_CATEGORY) {
		out->rows = xcalloc(r->n_cats + 1, sizeof *out->rows);
		for (size_t c = 0; c < r->n_cats; c++) {
			struct report_row *row = &out->rows[out->n++];
			row->key = xstrdup(r->cats[c].key);
			row->label = report_cat_heading(&r->cats[c]);
			row->cat = c;
			row->sums = xcalloc(r->n_cats, sizeof *row->sums);
			row->counted = xcalloc(r->n_cats, sizeof *row->counted);
			row->sums[c] = r->total.sums[c];
			row->counted[c] = r->total.counted[c];
		}
		return;
	}
	if (t->by == REPORT_BY_KIND && t->n > 1)
		qsort(t->rows, t->n, sizeof *t->rows, kind_order);
	out->rows = xcalloc(t->n + 1, sizeof *out->rows);
	for (size_t i = 0; i < t->n; i++) {
		struct report_row *row = &out->rows[out->n++];
		fill_row(row, &t->rows[i], map, b->cats.n, r->n_cats);
		if (t->by == REPORT_BY_WEEK || t->by == REPORT_BY_MONTH) {
			bool month = t->by == REPORT_BY_MONTH;
			struct civil start = (month ? b->month_days
						    : b->week_days)[t->rows[i].entity];
			struct civil end = civil_add_days(period_next(start, month),
							  -1);
			char key[CIVIL_BUFSZ];
			row->first = civil_cmp(&start, &r->first) < 0 ? r->first
								       : start;
			row->last = civil_cmp(&end, &r->last) > 0 ? r->last : end;
			civil_format(&start, true, key);
			if (month)
				key[7] = '\0';
			row->key = xstrdup(key);
			row->label = period_label(t->by, &row->first, &row->last);
		} else {
			name_row(b, t->by, t->rows[i].entity, row);
		}
	}
	if (t->by == REPORT_BY_VENUE || t->by == REPORT_BY_ORG)
		qsort(out->rows, out->n, sizeof *out->rows, row_order);
}

static size_t topic_rank(const struct config *cfg, const char *key)
{
	for (size_t i = 0; key && i < cfg->n_topics; i++)
		if (!strcmp(cfg->topics[i].key, key))
			return i;
	return key ? cfg->n_topics : cfg->n_topics + 1;
}

/* Topics in config's order, others after by key, "no topic" last. */
static void sort_topics(const struct config *cfg, struct report_topic *v,
			size_t n)
{
	for (size_t i = 1; i < n; i++) {
		struct report_topic t = v[i];
		size_t rank = topic_rank(cfg, t.key), j = i;
		while (j > 0) {
			size_t r = topic_rank(cfg, v[j - 1].key);
			if (r < rank || (r == rank && (!t.key || !v[j - 1].key ||
					 strcmp(v[j - 1].key, t.key) <= 0)))
				break;
			v[j] = v[j - 1];
			j--;
		}
		v[j] = t;
	}
}

static void finish_topics(struct builder *b, struct report *r)
{
	sort_topics(b->q->cfg, b->topics, b->n_topics);
	for (size_t i = 0; i < b->n_topics; i++) {
		struct report_topic *t = &b->topics[i];
		t->label = xstrdup(t->key ? config_topic_label(b->q->cfg, t->key)
					  : _("(no topic)"));
		for (int s = 0; s < SUGG_N_STATUS; s++)
			r->suggestions.n[s] += t->n[s];
		r->suggestions.total += t->total;
	}
	r->suggestions.label = xstrdup(_("All topics"));
	r->topics = b->topics;
	r->n_topics = b->n_topics;
	b->topics = NULL;
	b->n_topics = 0;
}

static void add_filter(struct sbuf *f, const char *what, const char *value)
{
	if (str_empty(value))
		return;
	if (f->len)
		sbuf_add(f, "; ");
	/* TRANSLATORS: a filter of a report: what, then the value
	   ("venue: 盘锦"). */
	sbuf_addf(f, _("%s: %s"), what, value);
}

/* The filters in words, for titles: "kind: Service station; venue: 盘锦". */
static void describe_filters(const struct report_query *q, struct report *r)
{
	struct sbuf f = { 0 };

	add_filter(&f, _("kind"), str_empty(q->kind) ? NULL
			: config_kind_label(q->cfg, q->kind));
	add_filter(&f, _("venue"), q->venue);
	add_filter(&f, _("organisation"), q->org);
	r->filters = f.len ? sbuf_take(&f) : NULL;
}

static void finish(struct builder *b, struct report *r)
{
	long *map = xcalloc(b->cats.n + 1, sizeof *map);

	pick_categories(b, r, map);
	fill_row(&r->total, &b->total, map, b->cats.n, r->n_cats);
	r->total.key = xstrdup("");
	r->total.label = xstrdup(_("Total"));
	r->total.first = r->first;
	r->total.last = r->last;
	r->tables = xcalloc(b->n_tables + 1, sizeof *r->tables);
	for (size_t i = 0; i < b->n_tables; i++)
		finish_table(b, &b->tables[i], r, &r->tables[r->n_tables++], map);
	finish_topics(b, r);
	describe_filters(b->q, r);
	free(map);
}


static void builder_free(struct builder *b)
{
	free(b->series);
	free(b->slot);
	strv_free(&b->kinds);
	for (size_t i = 0; i < b->n_venues; i++)
		free(b->venues[i].name);
	for (size_t i = 0; i < b->n_orgs; i++)
		free(b->orgs[i].name);
	free(b->venues);
	free(b->orgs);
	free(b->moved);
	strv_free(&b->cats);
	free(b->weeks);
	free(b->months);
	free(b->week_days);
	free(b->month_days);
	acc_free(&b->total);
	for (size_t i = 0; i < b->n_tables; i++) {
		for (size_t j = 0; j < b->tables[i].n; j++)
			acc_free(&b->tables[i].rows[j]);
		free(b->tables[i].rows);
		free(b->tables[i].map);
	}
	for (size_t i = 0; i < b->n_topics; i++)
		free(b->topics[i].key);
	free(b->topics);
}

static int start(struct builder *b, const struct report_query *q,
		 struct report *r, struct herr *err)
{
	b->q = q;
	if (!(b->zone = tz_get(q->zone)))
		return herr_set(err, HE_USER, _("unknown time zone '%s'"), q->zone);
	if (q->to <= q->from)
		return herr_set(err, HE_USER, _("the report's period is empty: "
				"its end is not after its start"));
	r->from = q->from;
	r->to = q->to;
	r->now = q->now;
	r->zone = xstrdup(q->zone);
	r->first = tz_from_utc(b->zone, q->from, NULL);
	r->last = tz_from_utc(b->zone, q->to - 1, NULL);
	r->first.hour = r->first.min = r->first.sec = 0;
	r->last.hour = r->last.min = r->last.sec = 0;
	for (size_t i = 0; i < q->cfg->n_kinds; i++)
		strv_add(&b->kinds, q->cfg->kinds[i].key);
	for (size_t i = 0; i < q->cfg->n_categories; i++)
		strv_add(&b->cats, q->cfg->categories[i].key);
	for (size_t i = 0; i < q->n_by && i < REPORT_N_BY; i++) {
		struct table_build *t = &b->tables[b->n_tables++];
		t->by = q->by[i];
		if (t->by == REPORT_BY_WEEK || t->by == REPORT_BY_MONTH)
			period_rows(b, t, r);
	}
	return HE_OK;
}

/* ---- reading tallies in a thread of their own ---- */

/*
 * A builder for the tallies: what was read before counting (series,
 * venues, periods...) shared with b, read only; its own sums.
 */
static void tally_builder(const struct builder *b, const struct report *r,
			  struct builder *tb)
{
	*tb = *b;
	memset(&tb->total, 0, sizeof tb->total);
	memset(tb->tables, 0, sizeof tb->tables);
	memset(tb->hint, 0, sizeof tb->hint);
	memset(&tb->cats, 0, sizeof tb->cats);
	strv_copy(&tb->cats, &b->cats);
	tb->last_cat = 0;
	tb->topics = NULL;
	tb->n_topics = 0;
	for (size_t i = 0; i < b->n_tables; i++) {
		tb->tables[i].by = b->tables[i].by;
		if (b->tables[i].by == REPORT_BY_WEEK ||
		    b->tables[i].by == REPORT_BY_MONTH)
			period_rows(tb, &tb->tables[i], r);
	}
}

/* Frees what tally_builder made, not what it shares. */
static void tally_builder_free(struct builder *tb)
{
	strv_free(&tb->cats);
	acc_free(&tb->total);
	for (size_t i = 0; i < tb->n_tables; i++) {
		for (size_t j = 0; j < tb->tables[i].n; j++)
			acc_free(&tb->tables[i].rows[j]);
		free(tb->tables[i].rows);
		free(tb->tables[i].map);
	}
}

static void take_sums(struct acc *to, struct acc *from)
{
	acc_free(to);
	to->sums = from->sums;
	to->counted = from->counted;
	to->n = from->n;
	from->sums = NULL;
	from->counted = NULL;
	from->n = 0;
}

/* Moves the tallies counted in tb into b's rows (the occurrences'). */
static void merge_tallies(struct builder *b, struct builder *tb)
{
	strv_free(&b->cats);
	b->cats = tb->cats;
	memset(&tb->cats, 0, sizeof tb->cats);
	take_sums(&b->total, &tb->total);
	for (size_t i = 0; i < b->n_tables; i++) {
		struct table_build *t = &b->tables[i], *u = &tb->tables[i];
		bool period = t->by == REPORT_BY_WEEK || t->by == REPORT_BY_MONTH;
		for (size_t j = 0; j < u->n; j++)
			take_sums(period ? &t->rows[u->rows[j].entity]
					 : entity_row(t, u->rows[j].entity),
				  &u->rows[j]);
	}
	tally_builder_free(tb);
}

struct tally_job {
	struct builder b;
	const struct store *st;
	int rc;
};

static void *tally_thread(void *p)
{
	struct tally_job *j = p;

	j->rc = store_report_tallies_apart(j->st, j->b.q->from, j->b.q->to,
					   j->b.need_venue, on_tally, &j->b);
	return NULL;
}

/*
 * The occurrences and the tallies: at 100,000 series a year is a million
 * rows of each, read in two threads on the machine's two cores (the
 * tallies through a connection of their own) and summed apart, then
 * merged. When the thread cannot start or its reading fails, the tallies
 * are read again on this connection, which says why it failed. A report
 * the sums by start make (sums_enough) reads them instead: a few rows for
 * each hour something starts at, not one for each tally.
 */
static int count_all(struct store *st, struct builder *b,
		     const struct report *r, struct herr *err)
{
	struct tally_job j = { .st = st };
	pthread_t thread;
	bool threaded;
	int rc;

	if (sums_enough(b)) {
		rc = store_report_occurrences(st, b->q->from, b->q->to, false,
					      on_occ, b, err);
		return rc != HE_OK ? rc
			: store_report_tally_sums(st, b->q->from, b->q->to,
						  on_sum, b, err);
	}
	tally_builder(b, r, &j.b);
	threaded = pthread_create(&thread, NULL, tally_thread, &j) == 0;
	rc = store_report_occurrences(st, b->q->from, b->q->to, b->need_venue,
				      on_occ, b, err);
	if (threaded)
		pthread_join(thread, NULL);
	if (rc == HE_OK && (!threaded || j.rc != HE_OK)) {
		tally_builder_free(&j.b);
		tally_builder(b, r, &j.b);
		rc = store_report_tallies(st, b->q->from, b->q->to, b->need_venue,
					  on_tally, &j.b, err);
	}
	merge_tallies(b, &j.b);
	return rc;
}

int report_build(struct store *st, const struct report_query *q,
		 struct report *out, struct herr *err)
{
	struct builder b = { 0 };
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = start(&b, q, out, err)) == HE_OK &&
	    (rc = store_report_series(st, on_series, &b, err)) == HE_OK &&
	    (rc = store_report_venues(st, on_venue, &b, err)) == HE_OK &&
	    (rc = store_report_orgs(st, on_org, &b, err)) == HE_OK &&
	    (rc = store_report_moved(st, on_moved, &b, err)) == HE_OK &&
	    (rc = apply_filters(st, &b, err)) == HE_OK &&
	    (rc = store_report_index(st, q->from, q->to, err)) == HE_OK &&
	    (rc = count_all(st, &b, out, err)) == HE_OK &&
	    (rc = points_by_occurrence(st, q->from, q->to, on_shift, &b,
				       err)) == HE_OK &&
	    (rc = store_report_suggestions(st, q, &out->first, &out->last,
					   on_topic, &b, err)) == HE_OK) {
		finish(&b, out);
		out->has_people = b.people;
	}
	builder_free(&b);
	if (rc != HE_OK)
		report_free(out);
	return rc;
}

static void row_free(struct report_row *row)
{
	free(row->key);
	free(row->label);
	free(row->sums);
	free(row->counted);
}

void report_free(struct report *r)
{
	free(r->zone);
	free(r->filters);
	for (size_t i = 0; i < r->n_cats; i++) {
		free(r->cats[i].key);
		free(r->cats[i].label);
		free(r->cats[i].unit);
	}
	free(r->cats);
	row_free(&r->total);
	for (size_t i = 0; i < r->n_tables; i++) {
		for (size_t j = 0; j < r->tables[i].n; j++)
			row_free(&r->tables[i].rows[j]);
		free(r->tables[i].rows);
	}
	free(r->tables);
	for (size_t i = 0; i < r->n_topics; i++) {
		free(r->topics[i].key);
		free(r->topics[i].label);
	}
	free(r->topics);
	free(r->suggestions.label);
	memset(r, 0, sizeof *r);
}

int64_t report_sum(const struct report_table *t, const struct report_row *row,
		   size_t c)
{
	if (t && t->by == REPORT_BY_CATEGORY && row->cat != c)
		return 0;
	return row->sums ? row->sums[c] : 0;
}

int64_t report_max(const struct report *r, const struct report_table *t,
		   size_t c)
{
	int64_t max = 1;

	for (size_t i = 0; i < t->n; i++) {
		const struct report_row *row = &t->rows[i];
		int64_t v = t->by == REPORT_BY_CATEGORY ? row->sums[row->cat]
			  : c < r->n_cats ? row->sums[c] : row->held;
		if (v > max)
			max = v;
	}
	return max;
}

char *report_cat_heading(const struct report_cat *c)
{
	if (!*c->unit)
		return xstrdup(c->label);
	/* TRANSLATORS: a column of counts: the category, then its unit
	   ("Meals (servings)"). */
	return xasprintf(_("%s (%s)"), c->label, c->unit);
}

bool report_has_upcoming(const struct report *r)
{
	return r->total.upcoming > 0;
}

static void add_col(struct report_col **v, size_t *n, enum report_col_kind k,
		    size_t cat, char *heading)
{
	*v = xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = (struct report_col){ k, cat, heading };
}

size_t report_columns(const struct report *r, const struct report_table *t,
		      struct report_col **out)
{
	size_t n = 0;

	*out = NULL;
	if (t && t->by == REPORT_BY_CATEGORY) {
		add_col(out, &n, REPORT_COL_TOTAL, 0, xstrdup(_("Total")));
		add_col(out, &n, REPORT_COL_COUNTED, 0,
			xstrdup(_("Occurrences counted")));
		add_col(out, &n, REPORT_COL_AVERAGE, 0,
			xstrdup(_("Average per occurrence")));
		return n;
	}
	add_col(out, &n, REPORT_COL_HELD, 0, xstrdup(_("Held")));
	add_col(out, &n, REPORT_COL_CANCELLED, 0, xstrdup(_("Cancelled")));
	if (report_has_upcoming(r))
		add_col(out, &n, REPORT_COL_UPCOMING, 0, xstrdup(_("Upcoming")));
	for (size_t c = 0; c < r->n_cats; c++)
		add_col(out, &n, REPORT_COL_CAT, c, report_cat_heading(&r->cats[c]));
	if (r->has_people) {
		add_col(out, &n, REPORT_COL_HOURS, 0,
			xstrdup(_("Volunteer hours")));
		add_col(out, &n, REPORT_COL_POINTS, 0, xstrdup(_("Points")));
	}
	return n;
}

void report_columns_free(struct report_col *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].heading);
	free(v);
}

double report_value(const struct report_row *row, const struct report_col *c,
		    bool *whole)
{
	*whole = true;
	switch (c->kind) {
	case REPORT_COL_HELD: return (double)row->held;
	case REPORT_COL_CANCELLED: return (double)row->cancelled;
	case REPORT_COL_UPCOMING: return (double)row->upcoming;
	case REPORT_COL_CAT: return (double)row->sums[c->cat];
	case REPORT_COL_HOURS: *whole = false; return row->hours;
	case REPORT_COL_POINTS: return (double)row->points;
	case REPORT_COL_TOTAL: return (double)row->sums[row->cat];
	case REPORT_COL_COUNTED: return (double)row->counted[row->cat];
	case REPORT_COL_AVERAGE:
		*whole = false;
		return row->counted[row->cat]
		       ? (double)row->sums[row->cat] / (double)row->counted[row->cat]
		       : 0;
	}
	return 0;
}

const char *report_row_heading(enum report_by by)
{
	switch (by) {
	case REPORT_BY_WEEK: return _("Week");
	case REPORT_BY_MONTH: return _("Month");
	case REPORT_BY_KIND: return _("Kind");
	case REPORT_BY_VENUE: return _("Venue");
	case REPORT_BY_ORG: return _("Host");
	case REPORT_BY_CATEGORY: return _("Category");
	default: return "";
	}
}
