/*
 * sched_cycle.c - a repeat rule's instances as one pattern repeated every
 * period, so that libical expands each kind of rule once.
 *
 * Setting up a libical iterator costs about 44k instructions and each step
 * 21k (the ICU calendar under it); expanding a month of 100,000 series paid
 * that for every series (make bench). Yet a rule stepping by hours, days or
 * weeks, filtered only by weekday and time of day (BYDAY without ordinals,
 * BYHOUR, BYMINUTE, BYSECOND), generates in floating wall-clock time a set
 * that a shift by a whole period maps onto itself: the period is INTERVAL
 * units, or, when a DAILY or HOURLY rule names weekdays, the least common
 * multiple of that and a week. So libical expands the first three periods
 * from DTSTART; the first is kept as it came (libical's own treatment of a
 * DTSTART the rule does not match), and the next two must hold the same
 * offsets from their starts, else the rule is left to libical. Every later
 * period is those offsets from its start, cut at UNTIL (COUNT was turned
 * into UNTIL by sched_prepare). This is still libical's expansion, cached;
 * tests/unit/test_sched_cycle.c holds it to libical's expansion from
 * DTSTART over thousands of random rules, across daylight-saving changes,
 * month ends and leap days.
 *
 * Shifting DTSTART by whole weeks shifts such a set with it (all that
 * matters is the weekday and the time of day), so the pattern is worked out
 * for DTSTART moved into one reference week and remembered by rule and
 * place in the week: an import of 100,000 series runs libical only for the
 * few thousand distinct kinds among them, and a DTSTART after the year 2582,
 * where libical stops, still has its pattern.
 */
#include "sched_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civil_ical.h"

/* More instances a period than this: leave the rule to libical. */
#define MAX_PER_PERIOD 512
/* Patterns remembered; past this the memory starts again. */
#define MEMO_BUCKETS 1024
#define MEMO_MAX 8192

/* Monday 2001-01-01T00:00, the start of the reference week. */
static int64_t reference_week(void)
{
	static const struct civil monday = { 2001, 1, 1, 0, 0, 0 };
	return civil_to_seconds(&monday);
}

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static int64_t gcd(int64_t a, int64_t b)
{
	while (b) {
		int64_t t = a % b;
		a = b;
		b = t;
	}
	return a;
}

static bool empty(const short *by)
{
	return by[0] == ICAL_RECURRENCE_ARRAY_MAX;
}

/* The period of r in wall-clock seconds, or 0 when it has no pattern. */
static int64_t cycle_period(const struct icalrecurrencetype *r, bool all_day)
{
	/* Nothing but weekdays (no ordinals) and times of day may filter. */
	static const int64_t max_period = 52 * WEEK_SECONDS * 50;
	int64_t unit, period;
	bool weekdays = !empty(r->by_day);

	if (!empty(r->by_month) || !empty(r->by_month_day) ||
	    !empty(r->by_year_day) || !empty(r->by_week_no) ||
	    !empty(r->by_set_pos) || (r->rscale && *r->rscale))
		return 0;
	if (all_day && (!empty(r->by_hour) || !empty(r->by_minute) ||
			!empty(r->by_second)))
		return 0;
	for (int i = 0; i < ICAL_BY_DAY_SIZE &&
			r->by_day[i] != ICAL_RECURRENCE_ARRAY_MAX; i++)
		if (icalrecurrencetype_day_position(r->by_day[i]) != 0)
			return 0;
	switch (r->freq) {
	case ICAL_HOURLY_RECURRENCE: unit = 3600; break;
	case ICAL_DAILY_RECURRENCE: unit = 86400; break;
	case ICAL_WEEKLY_RECURRENCE: unit = WEEK_SECONDS; weekdays = false; break;
	default: return 0;
	}
	if (r->interval < 1 || r->interval > max_period / unit)
		return 0;
	period = unit * r->interval;
	if (weekdays)
		period = period / gcd(period, WEEK_SECONDS) * WEEK_SECONDS;
	return period <= max_period ? period : 0;
}

/* A rule's pattern for a DTSTART at `start` seconds into the reference week. */
struct pattern {
	char *key;
	int64_t period;
	int64_t *head, *offs;    /* head: offsets from DTSTART */
	size_t n_head, n_offs;
	bool none;               /* libical gave no pattern */
	struct pattern *next;
};

static struct pattern *memo[MEMO_BUCKETS];
static size_t memo_n;

static unsigned hash(const char *s)
{
	unsigned h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h % MEMO_BUCKETS;
}

static void pattern_free(struct pattern *p)
{
	free(p->key);
	free(p->head);
	free(p->offs);
	free(p);
}

static void memo_flush(void)
{
	for (size_t b = 0; b < MEMO_BUCKETS; b++)
		while (memo[b]) {
			struct pattern *p = memo[b];
			memo[b] = p->next;
			pattern_free(p);
		}
	memo_n = 0;
}

/* Instances from DTSTART d (wall seconds) before d + 3 periods; -1 when
 * there are too many or libical fails. */
static long first_periods(const struct icalrecurrencetype *r, bool all_day,
			  int64_t d, int64_t period, int64_t *out, long cap)
{
	struct civil c = civil_from_seconds(d);
	icalrecur_iterator *it = icalrecur_iterator_new(*r, civil_to_ical(&c,
								     all_day));
	long n = 0;

	if (!it)
		return -1;
	for (;;) {
		struct icaltimetype t = icalrecur_iterator_next(it);
		struct civil got;
		int64_t at;
		if (icaltime_is_null_time(t))
			break;
		got = civil_from_ical(&t);
		at = civil_to_seconds(&got);
		if (at >= d + 3 * period)
			break;
		/* Instances come ascending and from DTSTART on, or not at all. */
		if (n == cap || at < d || (n > 0 && at <= out[n - 1])) {
			n = -1;
			break;
		}
		out[n++] = at - d;
	}
	icalrecur_iterator_free(it);
	return n;
}

/* Copies the offsets of v[0..n) in [lo, lo + period) relative to lo. */
static size_t slice(const int64_t *v, long n, int64_t lo, int64_t period,
		    int64_t *out)
{
	size_t k = 0;

	for (long i = 0; i < n; i++)
		if (v[i] >= lo && v[i] < lo + period)
			out[k++] = v[i] - lo;
	return k;
}

/* Works out the pattern of r for a DTSTART `start` into the reference week. */
static void pattern_compute(struct pattern *p,
			    const struct icalrecurrencetype *r, bool all_day,
			    int64_t start)
{
	int64_t *all = xcalloc(3 * MAX_PER_PERIOD + 1, sizeof *all);
	int64_t *second = xcalloc(MAX_PER_PERIOD + 1, sizeof *second);
	long n = first_periods(r, all_day, reference_week() + start, p->period,
			       all, 3 * MAX_PER_PERIOD + 1);
	size_t n1, n2;

	p->none = true;
	if (n > 0) {
		p->head = xcalloc((size_t)n, sizeof *p->head);
		p->offs = xcalloc(MAX_PER_PERIOD + 1, sizeof *p->offs);
		p->n_head = slice(all, n, 0, p->period, p->head);
		n1 = slice(all, n, p->period, p->period, p->offs);
		n2 = slice(all, n, 2 * p->period, p->period, second);
		p->n_offs = n1;
		p->none = n1 == 0 || n1 > MAX_PER_PERIOD || n1 != n2 ||
			  memcmp(p->offs, second, n1 * sizeof *second) != 0;
	}
	free(all);
	free(second);
}

/* A key being written: a fixed buffer, numbers in decimal by hand (a
 * printf each cost more than libical's own text of the rule did). */
struct key {
	char buf[4096];
	size_t n;
	bool full;
};

static void key_num(struct key *k, int64_t v)
{
	char digits[24];
	size_t n = 0;
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

	do
		digits[n++] = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		digits[n++] = '-';
	if (k->n + n + 1 >= sizeof k->buf) {
		k->full = true;
		return;
	}
	while (n)
		k->buf[k->n++] = digits[--n];
	k->buf[k->n++] = ',';
}

/* Appends the used part of a BY array (ended by ARRAY_MAX). */
static void key_by(struct key *k, const short *by, int size)
{
	for (int i = 0; i < size && by[i] != ICAL_RECURRENCE_ARRAY_MAX; i++)
		key_num(k, by[i]);
	key_num(k, ICAL_RECURRENCE_ARRAY_MAX);
}

/*
 * What makes two rules' instances the same: every part of the rule (COUNT
 * and UNTIL cleared), whether dates or times, and place: where DTSTART
 * lies in what the rule repeats (for a pattern, its second in the week).
 * NULL when too long to remember (the rule is then expanded each time).
 */
char *sched_rule_key(const struct icalrecurrencetype *r, bool all_day,
		     const int64_t *place, size_t n_place)
{
	struct key k = { .n = 0 };

	key_num(&k, r->freq);
	key_num(&k, r->interval);
	key_num(&k, r->week_start);
	key_num(&k, all_day);
	for (size_t i = 0; i < n_place; i++)
		key_num(&k, place[i]);
	key_by(&k, r->by_second, ICAL_BY_SECOND_SIZE);
	key_by(&k, r->by_minute, ICAL_BY_MINUTE_SIZE);
	key_by(&k, r->by_hour, ICAL_BY_HOUR_SIZE);
	key_by(&k, r->by_day, ICAL_BY_DAY_SIZE);
	key_by(&k, r->by_month_day, ICAL_BY_MONTHDAY_SIZE);
	key_by(&k, r->by_year_day, ICAL_BY_YEARDAY_SIZE);
	key_by(&k, r->by_week_no, ICAL_BY_WEEKNO_SIZE);
	key_by(&k, r->by_month, ICAL_BY_MONTH_SIZE);
	key_by(&k, r->by_set_pos, ICAL_BY_SETPOS_SIZE);
	if (k.full)
		return NULL;
	k.buf[k.n] = '\0';
	return xstrdup(k.buf);
}

static const struct pattern *pattern_get(const struct icalrecurrencetype *r,
					 bool all_day, int64_t start,
					 int64_t period)
{
	char *key = sched_rule_key(r, all_day, &start, 1);
	unsigned b;
	struct pattern *p;

	if (!key)
		return NULL;
	b = hash(key);
	for (p = memo[b]; p; p = p->next)
		if (strcmp(p->key, key) == 0) {
			free(key);
			return p->none ? NULL : p;
		}
	if (memo_n >= MEMO_MAX)
		memo_flush();
	p = xcalloc(1, sizeof *p);
	p->key = key;
	p->period = period;
	pattern_compute(p, r, all_day, start);
	p->next = memo[b];
	memo[b] = p;
	memo_n++;
	return p->none ? NULL : p;
}

void sched_cycle_free(struct sched_cycle *c)
{
	free(c->head);
	free(c->offs);
	memset(c, 0, sizeof *c);
}

static int64_t *dup_array(const int64_t *v, size_t n)
{
	int64_t *copy;

	if (!n)
		return NULL;
	copy = xcalloc(n, sizeof *copy);
	memcpy(copy, v, n * sizeof *copy);
	return copy;
}

void sched_cycle_copy(struct sched_cycle *dst, const struct sched_cycle *src)
{
	*dst = *src;
	dst->head = dup_array(src->head, src->n_head);
	dst->offs = dup_array(src->offs, src->n_offs);
}

void sched_cycle_build(struct sched *s, const struct icalrecurrencetype *rule)
{
	struct icalrecurrencetype r = *rule;
	int64_t period = cycle_period(&r, s->all_day), d0, week, tod = 0;
	const struct pattern *p;
	struct sched_cycle *c = &s->cycle;

	sched_cycle_free(c);
	if (!period)
		return;
	r.count = 0;
	r.until = icaltime_null_time();
	d0 = civil_to_seconds(&s->start);
	week = floor_div(d0 - reference_week(), WEEK_SECONDS);
	/* A rule that picks no hour, minute or second repeats DTSTART's time
	 * of day: its pattern, relative to DTSTART, is the one of the same
	 * rule begun at midnight that day, which rules at other times share
	 * (a tenth of the patterns to work out with libical at import). */
	if (!s->all_day && r.freq != ICAL_HOURLY_RECURRENCE &&
	    empty(r.by_hour) && empty(r.by_minute) && empty(r.by_second))
		tod = d0 - floor_div(d0, 86400) * 86400;
	p = pattern_get(&r, s->all_day,
			d0 - reference_week() - week * WEEK_SECONDS - tod, period);
	if (!p)
		return;
	c->period = period;
	c->head = dup_array(p->head, p->n_head);
	c->n_head = p->n_head;
	for (size_t i = 0; i < c->n_head; i++)
		c->head[i] += d0;
	c->base = d0 + period;
	c->offs = dup_array(p->offs, p->n_offs);
	c->n_offs = p->n_offs;
	c->until = INT64_MAX;
}

int64_t sched_cycle_next(const struct sched_cycle *c, int64_t t)
{
	int64_t k, start, at;
	size_t lo = 0, hi;

	for (size_t i = 0; i < c->n_head; i++)
		if (c->head[i] >= t)
			return c->head[i] <= c->until ? c->head[i] : INT64_MAX;
	if (t <= c->base) {
		k = 0;
		t = c->base;
	} else {
		k = (t - c->base) / c->period;
	}
	start = c->base + k * c->period;
	/* The first offset at or after t - start, else the next period's first. */
	hi = c->n_offs;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (start + c->offs[mid] < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	at = lo < c->n_offs ? start + c->offs[lo] : start + c->period + c->offs[0];
	return at <= c->until ? at : INT64_MAX;
}

bool sched_cycle_nth(const struct sched_cycle *c, long n, int64_t *at)
{
	long k;

	if (n < 1 || !c->period)
		return false;
	if ((size_t)n <= c->n_head) {
		*at = c->head[n - 1];
	} else {
		k = n - (long)c->n_head - 1;
		*at = c->base + k / (long)c->n_offs * c->period +
		      c->offs[k % (long)c->n_offs];
	}
	return *at <= c->until;
}
