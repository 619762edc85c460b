/* sched.c - schedules, and their expansion with libical's recurrence engine. */
#include "sched.h"

#include <libical/ical.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "civil_ical.h"
#include "sched_guard.h"
#include "sched_int.h"

/* libical's iterator gives nothing from 2583 on: beyond this, sched.c
 * expands 400-year cycles earlier (expand_far). */
#define LIBICAL_SAFE_YEAR 2500

void civil_list_add(struct civil_list *l, struct civil c)
{
	l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
	l->v[l->n++] = c;
}

void civil_list_free(struct civil_list *l)
{
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

bool civil_list_has(const struct civil_list *l, const struct civil *c)
{
	for (size_t i = 0; i < l->n; i++)
		if (civil_cmp(&l->v[i], c) == 0)
			return true;
	return false;
}

size_t civil_list_remove(struct civil_list *l, const struct civil *c)
{
	size_t kept = 0, n = l->n;

	for (size_t i = 0; i < n; i++)
		if (civil_cmp(&l->v[i], c) != 0)
			l->v[kept++] = l->v[i];
	l->n = kept;
	return n - kept;
}

void sched_init(struct sched *s)
{
	memset(s, 0, sizeof *s);
}

void sched_free(struct sched *s)
{
	free(s->rrule);
	free(s->xrule);
	sched_cycle_free(&s->cycle);
	civil_list_free(&s->rdates);
	civil_list_free(&s->exdates);
	sched_init(s);
}

static void civil_list_copy(struct civil_list *dst, const struct civil_list *src)
{
	for (size_t i = 0; i < src->n; i++)
		civil_list_add(dst, src->v[i]);
}

void sched_copy(struct sched *dst, const struct sched *src)
{
	*dst = *src;
	dst->rrule = xstrdup0(src->rrule);
	dst->xrule = xstrdup0(src->xrule);
	memset(&dst->rdates, 0, sizeof dst->rdates);
	memset(&dst->exdates, 0, sizeof dst->exdates);
	civil_list_copy(&dst->rdates, &src->rdates);
	civil_list_copy(&dst->exdates, &src->exdates);
	sched_cycle_copy(&dst->cycle, &src->cycle);
}

void instances_free(struct instances *l)
{
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

static void instances_add(struct instances *l, struct instance in)
{
	l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
	l->v[l->n++] = in;
}

/* libical's BY* arrays end at ICAL_RECURRENCE_ARRAY_MAX. */
static bool by_in_range(const short *by, int size, int lo, int hi, bool zero_ok)
{
	for (int i = 0; i < size && by[i] != ICAL_RECURRENCE_ARRAY_MAX; i++)
		if (by[i] < lo || by[i] > hi || (!zero_ok && by[i] == 0))
			return false;
	return true;
}

static int check_rule(const struct icalrecurrencetype *r, const char *text,
		      struct herr *err)
{
	const char *problem;

	switch (r->freq) {
	case ICAL_HOURLY_RECURRENCE:
	case ICAL_DAILY_RECURRENCE:
	case ICAL_WEEKLY_RECURRENCE:
	case ICAL_MONTHLY_RECURRENCE:
	case ICAL_YEARLY_RECURRENCE:
		break;
	case ICAL_SECONDLY_RECURRENCE:
	case ICAL_MINUTELY_RECURRENCE:
		return herr_set(err, HE_USER,
				_("repeat rule '%s': repeating more often than "
				"hourly is not supported"), text);
	default:
		return herr_set(err, HE_USER,
				_("repeat rule '%s': FREQ is missing or unknown"),
				text);
	}
	/* libical expands these per day, ignoring INTERVAL and DTSTART's hour. */
	if (r->freq == ICAL_HOURLY_RECURRENCE &&
	    (r->by_hour[0] != ICAL_RECURRENCE_ARRAY_MAX ||
	     r->by_minute[0] != ICAL_RECURRENCE_ARRAY_MAX ||
	     r->by_second[0] != ICAL_RECURRENCE_ARRAY_MAX))
		return herr_set(err, HE_USER,
				_("repeat rule '%s': FREQ=HOURLY cannot take BYHOUR, "
				"BYMINUTE or BYSECOND (use FREQ=DAILY;BYHOUR=...)"),
				text);
	if (r->interval < 1)
		return herr_set(err, HE_USER,
				_("repeat rule '%s': INTERVAL must be at least 1"),
				text);
	if (r->count < 0 || r->count > SCHED_MAX_COUNT)
		return herr_set(err, HE_USER,
				_("repeat rule '%s': COUNT must be between 1 and %d"),
				text, SCHED_MAX_COUNT);
	if (r->count > 0 && !icaltime_is_null_time(r->until))
		return herr_set(err, HE_USER,
				_("repeat rule '%s': COUNT and UNTIL cannot both be "
				"given"), text);
	if (!by_in_range(r->by_month, ICAL_BY_MONTH_SIZE, 1, 12, false) ||
	    !by_in_range(r->by_month_day, ICAL_BY_MONTHDAY_SIZE, -31, 31, false) ||
	    !by_in_range(r->by_year_day, ICAL_BY_YEARDAY_SIZE, -366, 366, false) ||
	    !by_in_range(r->by_week_no, ICAL_BY_WEEKNO_SIZE, -53, 53, false) ||
	    !by_in_range(r->by_set_pos, ICAL_BY_SETPOS_SIZE, -366, 366, false) ||
	    !by_in_range(r->by_hour, ICAL_BY_HOUR_SIZE, 0, 23, true) ||
	    !by_in_range(r->by_minute, ICAL_BY_MINUTE_SIZE, 0, 59, true) ||
	    !by_in_range(r->by_second, ICAL_BY_SECOND_SIZE, 0, 60, true))
		return herr_set(err, HE_USER,
				_("repeat rule '%s': a BY part is out of range"), text);
	/* Rules libical would spin on for seconds, typed or imported alike. */
	if ((problem = sched_rule_problem(r)))
		/* TRANSLATORS: the last %s says what is wrong with the rule. */
		return herr_set(err, HE_USER, _("repeat rule '%s': %s"), text,
				_(problem));
	return HE_OK;
}

/*
 * Rules read lately, with their normalised text once asked for: an import
 * reads each rule three or four times (the file's text, the normalised
 * one, the one with UNTIL for COUNT) and a calendar repeats rules; libical
 * took 5,000 instructions to read one. Only rules that passed every check
 * are kept; none holds a pointer (RSCALE is dropped on reading).
 */
#define RULE_MEMO 512

static struct rule_memo {
	char *text, *norm;
	struct icalrecurrencetype r;
} rule_memo[RULE_MEMO];

static struct rule_memo *rule_slot(const char *text)
{
	unsigned h = 2166136261u;

	for (const char *p = text; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	return &rule_memo[h % RULE_MEMO];
}

static int parse_rule_now(const char *text, struct icalrecurrencetype *r,
			  struct herr *err);

/* Parses rule text; the caller has already stripped any "RRULE:". */
static int parse_rule(const char *text, struct icalrecurrencetype *r,
		      struct herr *err)
{
	struct rule_memo *m = rule_slot(text);
	int rc;

	if (m->text && !strcmp(m->text, text)) {
		*r = m->r;
		return HE_OK;
	}
	if ((rc = parse_rule_now(text, r, err)) != HE_OK)
		return rc;
	free(m->text);
	free(m->norm);
	m->text = xstrdup(text);
	m->norm = NULL;
	m->r = *r;
	return HE_OK;
}

static int parse_rule_now(const char *text, struct icalrecurrencetype *r,
			  struct herr *err)
{
	for (const char *p = text; *p; p++)
		if (*p <= ' ' || *p > '~')
			return herr_set(err, HE_USER,
					_("repeat rule '%s': unexpected character"),
					text);
	icalerror_clear_errno();
	*r = icalrecurrencetype_from_string(text);
	/* RFC 7529's RSCALE is the one part libical allocates (a copy the
	 * caller must free, fuzz: leak). hearth's schedules are Gregorian:
	 * RSCALE=GREGORIAN changes nothing, another calendar is refused. */
	if (r->rscale) {
		bool gregorian = !strcmp(r->rscale, "GREGORIAN");
		free(r->rscale);
		r->rscale = NULL;
		if (!gregorian)
			return herr_set(err, HE_USER,
					_("repeat rule '%s': RSCALE (a calendar other "
					  "than the Gregorian) is not supported"), text);
	}
	if (r->freq == ICAL_NO_RECURRENCE || icalerrno != ICAL_NO_ERROR) {
		icalerror_clear_errno();
		return herr_set(err, HE_USER,
				_("repeat rule '%s' is not a valid RFC 5545 RRULE "
				"(for example FREQ=WEEKLY;BYDAY=FR,SA,SU)"), text);
	}
	return check_rule(r, text, err);
}

static char *rule_to_string(struct icalrecurrencetype *r)
{
	char *s = icalrecurrencetype_as_string_r(r);
	char *copy = xstrdup(s ? s : "");
	icalmemory_free_buffer(s);
	return copy;
}

/* Parses rule text into *r and its normalised text *norm (caller frees). */
static int parse_normalised(const char *rule, char **norm,
			    struct icalrecurrencetype *r, struct herr *err)
{
	char *upper;
	int rc;

	if (strncasecmp(rule, "RRULE:", 6) == 0)
		rule += 6;
	if (!*rule)
		return herr_set(err, HE_USER, _("repeat rule is empty"));
	upper = xstrdup(rule);
	for (char *p = upper; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	rc = parse_rule(upper, r, err);
	if (rc == HE_OK) {
		struct rule_memo *m = rule_slot(upper);
		if (m->text && !strcmp(m->text, upper)) {
			if (!m->norm)
				m->norm = rule_to_string(r);
			*norm = xstrdup(m->norm);
		} else {
			*norm = rule_to_string(r);
		}
	}
	free(upper);
	return rc;
}

int sched_parse_rule(const char *rule, char **norm, struct herr *err)
{
	struct icalrecurrencetype r;

	return parse_normalised(rule, norm, &r, err);
}

int64_t sched_instant(const struct sched *s, const struct civil *rid)
{
	const struct tz *z = tz_get(s->tzid);
	struct civil c = *rid;

	if (s->all_day)
		c.hour = c.min = c.sec = 0;
	return z ? tz_to_utc(z, &c) : civil_to_seconds(&c);
}

int64_t sched_duration(const struct sched *s)
{
	if (s->all_day)
		return (civil_days(s->end.year, s->end.month, s->end.day) -
			civil_days(s->start.year, s->start.month, s->start.day)) *
		       86400;
	return sched_instant(s, &s->end) - sched_instant(s, &s->start);
}

/* The end instant of the occurrence starting at rid, of duration dur. */
static int64_t end_after(const struct sched *s, const struct civil *rid,
			 int64_t start, int64_t dur)
{
	if (s->all_day) {
		struct civil end = civil_add_days(*rid, dur / 86400);
		return sched_instant(s, &end);
	}
	return start + dur;
}

static int64_t instance_end(const struct sched *s, const struct civil *rid,
			    int64_t start)
{
	return end_after(s, rid, start, sched_duration(s));
}

int64_t sched_instance_end(const struct sched *s, const struct civil *rid,
			   int64_t start)
{
	return instance_end(s, rid, start);
}

/*
 * The wall-clock time of a UTC UNTIL u. Expansion compares wall-clock times,
 * and a time in a spring-forward gap (02:30) means the instant of the hour
 * after it (03:30): an UNTIL just before that instant - where the first half
 * of a series split at 02:30 on that day ends - reads as 02:29:59, not as
 * 03:29:59, or the occurrence split at would be in both halves.
 */
static struct civil wall_until(const struct tz *z, int64_t u)
{
	struct civil c = tz_from_utc(z, u, NULL);
	struct civil g = civil_from_seconds(u + tz_offset_at(z, u - 86400));

	if (civil_cmp(&g, &c) < 0 && tz_to_utc(z, &g) == u)
		return g;
	return c;
}

/*
 * The rule's UNTIL as a wall-clock time in s's zone, of the same type as
 * DTSTART: a UTC UNTIL is converted, a date UNTIL on a timed series means
 * the end of that day.
 */
static struct icaltimetype local_until(const struct sched *s,
				       struct icaltimetype until)
{
	struct civil c;

	if (!until.is_date &&
	    (icaltime_is_utc(until) || until.zone == icaltimezone_get_utc_timezone())) {
		const struct tz *z = tz_get(s->tzid);
		struct civil u = civil_from_ical(&until);
		c = z ? wall_until(z, civil_to_seconds(&u)) : u;
	} else {
		c = civil_from_ical(&until);
		if (until.is_date && !s->all_day) {
			c.hour = 23;
			c.min = 59;
			c.sec = 59;
		}
	}
	return civil_to_ical(&c, s->all_day);
}

static int per_period(const struct sched *s, const struct icalrecurrencetype *r);
static int64_t period_seconds(const struct icalrecurrencetype *r);

/*
 * Returns the count-th instance of rule r. Where every period from DTSTART
 * on holds the same number of instances (per_period), whole periods are
 * skipped by moving DTSTART, and libical steps only through the last one:
 * stepping from DTSTART cost a 2.5 us libical step per instance, a third of
 * importing a calendar full of COUNT rules (make bench-ical).
 */
static bool nth_instance(const struct sched *s, struct icalrecurrencetype r,
			 int count, struct civil *last)
{
	struct civil from = s->start;
	icalrecur_iterator *it;
	bool found = false;
	int64_t at;
	int n;

	if (sched_cycle_nth(&s->cycle, count, &at)) {
		*last = civil_from_seconds(at);
		return true;
	}
	r.count = 0;
	n = per_period(s, &r);
	if (n > 0 && count > n) {
		from = civil_from_seconds(civil_to_seconds(&s->start) +
					  (count - 1) / n * period_seconds(&r));
		count = (count - 1) % n + 1;
	}
	it = icalrecur_iterator_new(r, civil_to_ical(&from, s->all_day));
	if (!it)
		return false;
	for (int i = 0; i < count; i++) {
		struct icaltimetype t = icalrecur_iterator_next(it);
		if (icaltime_is_null_time(t))
			break;
		*last = civil_from_ical(&t);
		found = true;
	}
	icalrecur_iterator_free(it);
	return found;
}

/*
 * Refuses a rule libical cannot begin to expand from DTSTART (it refuses
 * some combinations of parts, such as BYSETPOS with an ordinal BYDAY): a
 * stored series with such a rule could never be listed.
 */
static int check_expandable(const struct sched *s,
			    const struct icalrecurrencetype *r, const char *norm,
			    struct herr *err)
{
	struct civil start = s->start;
	icalrecur_iterator *it;

	/* libical begins nothing after 2582; 400 years earlier is the same
	 * calendar (expand_far expands such rules there). */
	if (start.year > LIBICAL_SAFE_YEAR)
		start.year -= (start.year - LIBICAL_SAFE_YEAR + 399) / 400 * 400;
	icalerror_clear_errno();
	it = icalrecur_iterator_new(*r, civil_to_ical(&start, s->all_day));
	icalerror_clear_errno();
	if (!it)
		return herr_set(err, HE_USER,
				_("repeat rule '%s' cannot be expanded (libical "
				  "refuses this combination of parts)"), norm);
	icalrecur_iterator_free(it);
	return HE_OK;
}

/* Builds s->xrule and the reach of the rule part of the schedule. */
static int prepare_rule(struct sched *s, int64_t *rule_end, struct herr *err)
{
	struct icalrecurrencetype r;
	char *norm = NULL;
	int rc = parse_normalised(s->rrule, &norm, &r, err);

	if (rc != HE_OK)
		return rc;
	free(s->rrule);
	s->rrule = norm;
	if (s->all_day && r.freq == ICAL_HOURLY_RECURRENCE)
		return herr_set(err, HE_USER, _("repeat rule '%s': an all-day event "
				"cannot repeat hourly"), norm);
	*rule_end = SCHED_FOREVER;
	/* A rule with a pattern was expanded by libical already. */
	sched_cycle_build(s, &r);
	if (!s->cycle.period && (rc = check_expandable(s, &r, norm, err)) != HE_OK)
		return rc;
	if (r.count > 0) {
		struct civil last;
		if (!nth_instance(s, r, r.count, &last))
			last = s->start;
		r.until = civil_to_ical(&last, s->all_day);
		r.count = 0;
	} else if (!icaltime_is_null_time(r.until)) {
		r.until = local_until(s, r.until);
	}
	if (!icaltime_is_null_time(r.until)) {
		struct civil u = civil_from_ical(&r.until);
		*rule_end = instance_end(s, &u, sched_instant(s, &u));
		s->cycle.until = civil_to_seconds(&u);
	}
	free(s->xrule);
	s->xrule = rule_to_string(&r);
	return HE_OK;
}

static int check_times(const struct sched *s, struct herr *err)
{
	if (!tz_get(s->tzid))
		return herr_set(err, HE_USER, _("unknown time zone '%s'"), s->tzid);
	if (!civil_valid(&s->start) || !civil_valid(&s->end))
		return herr_set(err, HE_USER, _("start or end is not a valid date"));
	if (s->all_day && civil_days(s->end.year, s->end.month, s->end.day) <=
				  civil_days(s->start.year, s->start.month,
					     s->start.day))
		return herr_set(err, HE_USER,
				_("the last day is before the first day"));
	if (!s->all_day && sched_duration(s) <= 0)
		return herr_set(err, HE_USER, _("the end is not after the start"));
	for (size_t i = 0; i < s->rdates.n + s->exdates.n; i++) {
		const struct civil *c = i < s->rdates.n
			? &s->rdates.v[i] : &s->exdates.v[i - s->rdates.n];
		if (!civil_valid(c))
			return herr_set(err, HE_USER,
					_("an extra or exception date is invalid"));
	}
	return HE_OK;
}

int sched_prepare(struct sched *s, struct herr *err)
{
	int64_t rule_end;
	int rc = check_times(s, err);

	if (rc != HE_OK)
		return rc;
	if (s->all_day) {
		s->start.hour = s->start.min = s->start.sec = 0;
		s->end.hour = s->end.min = s->end.sec = 0;
	}
	free(s->xrule);
	s->xrule = NULL;
	sched_cycle_free(&s->cycle);
	s->reach_start = sched_instant(s, &s->start);
	s->reach_end = instance_end(s, &s->start, s->reach_start);
	if (s->rrule) {
		rc = prepare_rule(s, &rule_end, err);
		if (rc != HE_OK)
			return rc;
		if (rule_end > s->reach_end)
			s->reach_end = rule_end;
	}
	for (size_t i = 0; i < s->rdates.n; i++) {
		int64_t start = sched_instant(s, &s->rdates.v[i]);
		int64_t end = instance_end(s, &s->rdates.v[i], start);
		if (start < s->reach_start)
			s->reach_start = start;
		if (end > s->reach_end)
			s->reach_end = end;
	}
	return HE_OK;
}

static bool is_excluded(const struct sched *s, const struct civil *rid)
{
	return civil_list_has(&s->exdates, rid);
}

/*
 * What an expansion looks for: starts in [from, to). The duration is
 * worked out once per expansion: it takes two zone conversions, and
 * materialising a month of a large calendar makes tens of thousands of
 * instances.
 */
struct window {
	int64_t from, to, dur;
};

static void add_if_in(const struct sched *s, const struct civil *rid,
		      const struct window *w, struct instances *out)
{
	int64_t start = sched_instant(s, rid);

	if (start >= w->from && start < w->to && !is_excluded(s, rid)) {
		struct instance in = { *rid, start,
				       end_after(s, rid, start, w->dur) };
		instances_add(out, in);
	}
}

/*
 * Where the iterator starts for instances from wall_from on.
 *
 * libical 3.0's icalrecur_iterator_set_start is quick only when the start
 * lies in a period the rule's INTERVAL selects: given a week between two
 * selected ones, a WEEKLY;INTERVAL=4 rule begun in 1990 took 0.5 ms per
 * month expanded (INTERVAL=2: 1 ms), growing with the series' age. For
 * HOURLY, DAILY and WEEKLY rules (periods of fixed length in floating
 * wall-clock time) the start therefore moves to DTSTART plus a whole number
 * of periods: the weekday and time of day of DTSTART, in a selected period.
 * That is the last such time at or before wall_from, or, for a rule with
 * one instance a period (that very time), the first at or after it, which
 * saves a call of icalrecur_iterator_next for an instance before the
 * window. Months and years vary in length and showed no such cost: they
 * keep wall_from.
 */
/* The wall-clock length of one period of r; 0 for months and years. */
static int64_t period_seconds(const struct icalrecurrencetype *r)
{
	if (r->freq == ICAL_HOURLY_RECURRENCE)
		return 3600LL * r->interval;
	if (r->freq == ICAL_DAILY_RECURRENCE)
		return 86400LL * r->interval;
	if (r->freq == ICAL_WEEKLY_RECURRENCE)
		return 7 * 86400LL * r->interval;
	return 0;
}

static struct civil iterator_start(const struct sched *s,
				   const struct icalrecurrencetype *r,
				   int64_t wall_from, bool one_per_period)
{
	int64_t dtstart = civil_to_seconds(&s->start), period, k;

	if ((period = period_seconds(r)) == 0)
		return civil_from_seconds(wall_from);
	k = (wall_from - dtstart + (one_per_period ? period - 1 : 0)) / period;
	return civil_from_seconds(dtstart + k * period);
}

static bool only_simple_parts(const struct icalrecurrencetype *r);
static int monday_based(enum icalrecurrencetype_weekday d);

/*
 * How many instances a DAILY or WEEKLY rule has in each selected period
 * when a DTSTART moved by whole periods (iterator_start) generates exactly
 * the rule's instances from there on; 0 when it may not. That holds for
 * DAILY with no BY part and WEEKLY with at most BYDAY (no ordinals) naming
 * DTSTART's own weekday, so that DTSTART and the moved start are instances
 * themselves; UNTIL is an absolute bound, and COUNT was turned into UNTIL
 * by sched_prepare.
 */
static int per_period(const struct sched *s, const struct icalrecurrencetype *r)
{
	bool has_start_day = false;
	int n = 0;

	if (r->count > 0 || !only_simple_parts(r) ||
	    (r->freq != ICAL_DAILY_RECURRENCE &&
	     r->freq != ICAL_WEEKLY_RECURRENCE))
		return 0;
	if (r->by_day[0] == ICAL_RECURRENCE_ARRAY_MAX)
		return 1;
	if (r->freq != ICAL_WEEKLY_RECURRENCE)
		return 0;
	for (; n < ICAL_BY_DAY_SIZE && r->by_day[n] != ICAL_RECURRENCE_ARRAY_MAX;
	     n++) {
		if (icalrecurrencetype_day_position(r->by_day[n]) != 0)
			return 0;
		if (monday_based(icalrecurrencetype_day_day_of_week(
			    r->by_day[n])) == civil_weekday(&s->start))
			has_start_day = true;
	}
	return has_start_day ? n : 0;
}

/*
 * An iterator for the rule instances from wall-clock time wall_from on.
 * Where it can, it begins at a moved DTSTART instead of calling set_start:
 * a new iterator costs the same, and set_start still grew with the age of
 * the series (15 us for one begun this year, 30 us for 1990) where the
 * moved DTSTART stays at 12 us. Materialising a month at 100k series sets
 * up some 60k iterators (make bench). An HOURLY rule always does: set_start
 * keeps the INTERVAL phase of DAILY and longer rules but restarts an HOURLY
 * rule's phase every day.
 */
static icalrecur_iterator *iterator_from(const struct sched *s,
					 struct icalrecurrencetype r,
					 int64_t wall_from)
{
	icalrecur_iterator *it;
	struct civil c;
	int n;

	if (wall_from <= civil_to_seconds(&s->start))
		return icalrecur_iterator_new(r, civil_to_ical(&s->start, s->all_day));
	c = iterator_start(s, &r, wall_from, false);
	if (r.freq == ICAL_HOURLY_RECURRENCE)
		return icalrecur_iterator_new(r, civil_to_ical(&c, s->all_day));
	n = per_period(s, &r);
	if (n == 1)
		c = iterator_start(s, &r, wall_from, true);
	if (n > 0)
		return icalrecur_iterator_new(r, civil_to_ical(&c, s->all_day));
	it = icalrecur_iterator_new(r, civil_to_ical(&s->start, s->all_day));
	if (it)
		icalrecur_iterator_set_start(it, civil_to_ical(&c, s->all_day));
	return it;
}

/* Instances of a rule with a pattern, in wall-clock [wall_from, wall_to). */
static void expand_cycle(const struct sched *s, const struct window *w,
			 int64_t wall_from, int64_t wall_to, size_t limit,
			 struct instances *out)
{
	size_t first = out->n;
	long steps = 0;

	for (int64_t t = sched_cycle_next(&s->cycle, wall_from);
	     t < wall_to && ++steps <= SCHED_MAX_ITERATIONS;
	     t = sched_cycle_next(&s->cycle, t + 1)) {
		struct civil c = civil_from_seconds(t);
		add_if_in(s, &c, w, out);
		if (limit && out->n - first >= limit)
			break;
	}
}

/*
 * libical's iterator gives nothing from the year 2583 on (nor begins
 * there). Beyond LIBICAL_SAFE a rule is expanded where libical works: the
 * Gregorian calendar repeats every 400 years (146,097 days, whole weeks),
 * so after some multiple of 400 years, whole periods of the rule too, its
 * instances repeat in floating time. Windows are moved back by such
 * multiples (to no earlier than DTSTART, where the rule's own instances
 * repeat), and DTSTART with them when still too late, and the instances
 * found moved forward again.
 */
#define SHIFT_FLOOR_YEAR 1600
#define SHIFT_CHUNK (100 * 146097LL * 86400 / 400)

static int64_t year_seconds(int year)
{
	return civil_days(year, 1, 1) * 86400;
}

/* Seconds after which r's instances repeat in floating time; 0: too long. */
static int64_t symmetry_seconds(const struct icalrecurrencetype *r)
{
	/* Units of the rule in one 400-year cycle of the calendar. */
	int64_t in_cycle, cycles;

	switch (r->freq) {
	case ICAL_YEARLY_RECURRENCE: in_cycle = 400; break;
	case ICAL_MONTHLY_RECURRENCE: in_cycle = 4800; break;
	case ICAL_WEEKLY_RECURRENCE: in_cycle = 146097 / 7; break;
	case ICAL_DAILY_RECURRENCE: in_cycle = 146097; break;
	default: in_cycle = 146097 * 24; break;
	}
	/* The fewest whole cycles holding a whole number of INTERVALs. */
	cycles = r->interval;
	for (int64_t a = in_cycle, b = r->interval; b;) {
		int64_t t = a % b;
		a = b;
		b = t;
		if (!b)
			cycles /= a;
	}
	return cycles <= 2 ? cycles * 146097 * 86400 : 0;
}

/* Expands r from DTSTART start over wall-clock [from, to), libical's way,
 * adding shift to every instance (which must lie before until). */
static void expand_moved(const struct sched *s, struct icalrecurrencetype r,
			 int64_t start, int64_t from, int64_t to, int64_t shift,
			 int64_t until, const struct window *w, size_t limit,
			 struct instances *out, bool *full);

static int expand_far(const struct sched *s, struct icalrecurrencetype r,
		      const struct window *w, int64_t wall_from, int64_t wall_to,
		      size_t limit, struct instances *out, struct herr *err)
{
	int64_t y = symmetry_seconds(&r), d0 = civil_to_seconds(&s->start);
	int64_t until = INT64_MAX, safe = year_seconds(LIBICAL_SAFE_YEAR);
	bool full = false;

	if (!icaltime_is_null_time(r.until)) {
		struct civil u = civil_from_ical(&r.until);
		until = civil_to_seconds(&u);
		r.until = icaltime_null_time();
	}
	if (wall_from < d0)
		wall_from = d0;
	for (int64_t a = wall_from; a < wall_to && a <= until && !full;
	     a += SHIFT_CHUNK) {
		int64_t b = wall_to - a > SHIFT_CHUNK ? a + SHIFT_CHUNK : wall_to;
		int64_t shift = y ? (a - d0) / y * y : 0, back = 0;
		if (y && b - shift > safe)
			back = ((b - shift - safe) + y - 1) / y * y;
		if (!y || d0 - back < year_seconds(SHIFT_FLOOR_YEAR))
			return herr_set(err, HE_INTERNAL,
					_("cannot expand repeat rule '%s' this far "
					  "from its start"), s->rrule ? s->rrule
								  : s->xrule);
		expand_moved(s, r, d0 - back, a - shift - back, b - shift - back,
			     shift + back, until, w, limit, out, &full);
	}
	return HE_OK;
}

static void expand_moved(const struct sched *s, struct icalrecurrencetype r,
			 int64_t start, int64_t from, int64_t to, int64_t shift,
			 int64_t until, const struct window *w, size_t limit,
			 struct instances *out, bool *full)
{
	struct sched moved = *s;
	icalrecur_iterator *it;
	size_t first = out->n;
	long steps = 0;

	moved.start = civil_from_seconds(start);
	if (!(it = iterator_from(&moved, r, from)))
		return;
	for (;;) {
		struct icaltimetype t = icalrecur_iterator_next(it);
		struct civil c;
		int64_t at;
		if (icaltime_is_null_time(t) || ++steps > SCHED_MAX_ITERATIONS)
			break;
		c = civil_from_ical(&t);
		at = civil_to_seconds(&c);
		if (at >= to)
			break;
		if (at < from)
			continue;
		if (at + shift > until) {
			*full = true;
			break;
		}
		c = civil_from_seconds(at + shift);
		add_if_in(s, &c, w, out);
		if (limit && out->n - first >= limit) {
			*full = true;
			break;
		}
	}
	icalrecur_iterator_free(it);
}

/* Rule instances with start in [from, to), in order. */
static int expand_rule(const struct sched *s, const struct window *w,
		       size_t limit, struct instances *out, struct herr *err)
{
	struct icalrecurrencetype r;
	icalrecur_iterator *it;
	/* Wall-clock bounds: offsets lie within a day of UTC ("forever" stays). */
	int64_t wall_from = w->from > INT64_MIN + 86400 ? w->from - 86400
							: INT64_MIN;
	int64_t wall_to = w->to < INT64_MAX - 86400 ? w->to + 86400 : INT64_MAX;
	int64_t safe = year_seconds(LIBICAL_SAFE_YEAR);
	size_t first = out->n;
	long steps = 0;

	if (s->cycle.period) {
		expand_cycle(s, w, wall_from, wall_to, limit, out);
		return HE_OK;
	}
	if (parse_rule(s->xrule, &r, err) != HE_OK)
		return HE_INTERNAL;
	if (wall_to > safe || civil_to_seconds(&s->start) > safe)
		return expand_far(s, r, w, wall_from, wall_to, limit, out, err);
	if (!(it = iterator_from(s, r, wall_from)))
		return herr_set(err, HE_INTERNAL,
				_("cannot expand repeat rule '%s'"),
				s->rrule ? s->rrule : s->xrule);
	for (;;) {
		struct icaltimetype t = icalrecur_iterator_next(it);
		struct civil c;
		if (icaltime_is_null_time(t) || ++steps > SCHED_MAX_ITERATIONS)
			break;
		c = civil_from_ical(&t);
		if (civil_to_seconds(&c) >= wall_to)
			break;
		add_if_in(s, &c, w, out);
		if (limit && out->n - first >= limit)
			break;
	}
	icalrecur_iterator_free(it);
	return HE_OK;
}

/* ---- a rule without a pattern over a window, shared ---- */

void walls_free(struct walls *w)
{
	free(w->v);
	memset(w, 0, sizeof *w);
}

static void walls_add(struct walls *w, int64_t t)
{
	w->v = xgrow(w->v, &w->cap, w->n + 1, sizeof *w->v);
	w->v[w->n++] = t;
}

/*
 * Where DTSTART places a rule without a pattern, beyond its first period:
 * the rule's grid (which years, months, weeks, days or hours INTERVAL
 * takes, counted from DTSTART's) and the parts of DTSTART a rule without
 * them defaults to (time of day; day of the month; month; weekday).
 * Rules alike placed alike give the same instances in any window that
 * starts a period or more after both DTSTARTs; *settled is the first
 * wall-clock second from which that holds for this one.
 */
static size_t placement(const struct sched *s, const struct icalrecurrencetype *r,
			int64_t place[6], int64_t *settled)
{
	struct civil c = s->start;
	int64_t days = civil_days(c.year, c.month, c.day), span;
	int64_t i = r->interval > 0 ? r->interval : 1;
	/* WKST: weeks counted from their first day, Monday-based. */
	int64_t wkst = r->week_start != ICAL_NO_WEEKDAY
		? (int64_t)(((int)r->week_start + 5) % 7) : 0;

	place[0] = c.hour * 3600 + c.min * 60 + c.sec;
	place[1] = c.day;
	place[2] = c.month;
	place[3] = civil_weekday(&c);
	switch (r->freq) {
	case ICAL_YEARLY_RECURRENCE:
		place[4] = ((int64_t)c.year % i + i) % i;
		/* Only weeks by number default to DTSTART's weekday. */
		if (r->by_week_no[0] == ICAL_RECURRENCE_ARRAY_MAX)
			place[3] = -1;
		span = 366 * 86400LL * i;
		break;
	case ICAL_MONTHLY_RECURRENCE:
		place[4] = (((int64_t)c.year * 12 + c.month - 1) % i + i) % i;
		place[2] = place[3] = -1; /* the grid says which months */
		span = 31 * 86400LL * i;
		break;
	case ICAL_WEEKLY_RECURRENCE:
		place[4] = ((days + 3 - wkst) / 7 - ((days + 3 - wkst) % 7 < 0)) % i;
		place[4] = (place[4] + i) % i;
		span = 7 * 86400LL * i;
		break;
	case ICAL_DAILY_RECURRENCE:
		place[4] = (days % i + i) % i;
		span = 86400LL * i;
		break;
	default:
		place[4] = ((days * 24 + c.hour) % i + i) % i;
		span = 3600LL * i;
		break;
	}
	place[5] = wkst;
	*settled = civil_to_seconds(&c) + span + 86400;
	return 6;
}

/* Instances of a window remembered for rules alike. */
#define SPAN_BUCKETS 1024
#define SPAN_MAX 4096

static struct span_memo {
	char *key;
	int64_t from, to;
	struct walls walls;
	struct span_memo *next;
} *span_memo[SPAN_BUCKETS];
static size_t span_memo_n;

static unsigned span_hash(const char *k, int64_t from, int64_t to)
{
	unsigned h = 2166136261u ^ (unsigned)from ^ (unsigned)(to >> 7);

	for (; *k; k++)
		h = (h ^ (unsigned char)*k) * 16777619u;
	return h % SPAN_BUCKETS;
}

static void span_memo_flush(void)
{
	for (size_t b = 0; b < SPAN_BUCKETS; b++)
		while (span_memo[b]) {
			struct span_memo *m = span_memo[b];
			span_memo[b] = m->next;
			free(m->key);
			walls_free(&m->walls);
			free(m);
		}
	span_memo_n = 0;
}

/* The rule r's instances in [from, to), as libical gives them from s's
 * DTSTART (r without UNTIL). */
static int rule_walls(const struct sched *s, struct icalrecurrencetype r,
		      int64_t from, int64_t to, struct walls *out,
		      struct herr *err)
{
	icalrecur_iterator *it = iterator_from(s, r, from);
	long steps = 0;

	if (!it)
		return herr_set(err, HE_INTERNAL,
				_("cannot expand repeat rule '%s'"),
				s->rrule ? s->rrule : s->xrule);
	for (;;) {
		struct icaltimetype t = icalrecur_iterator_next(it);
		struct civil c;
		int64_t at;
		if (icaltime_is_null_time(t) || ++steps > SCHED_MAX_ITERATIONS)
			break;
		c = civil_from_ical(&t);
		if ((at = civil_to_seconds(&c)) >= to)
			break;
		if (at >= from)
			walls_add(out, at);
	}
	icalrecur_iterator_free(it);
	return HE_OK;
}

/* The shared expansion of [from, to) for rules keyed key, made from c's
 * DTSTART when missing (c long begun by from); NULL on an error. */
static const struct walls *memo_walls(const struct sched *c,
				      struct icalrecurrencetype r, char *key,
				      int64_t from, int64_t to, struct herr *err)
{
	unsigned b = span_hash(key, from, to);
	struct span_memo *m;

	for (m = span_memo[b]; m; m = m->next)
		if (m->from == from && m->to == to && strcmp(m->key, key) == 0)
			return &m->walls;
	if (span_memo_n >= SPAN_MAX) {
		span_memo_flush();
		b = span_hash(key, from, to);
	}
	m = xcalloc(1, sizeof *m);
	if (rule_walls(c, r, from, to, &m->walls, err) != HE_OK) {
		walls_free(&m->walls);
		free(m);
		return NULL;
	}
	m->key = xstrdup(key);
	m->from = from;
	m->to = to;
	m->next = span_memo[b];
	span_memo[b] = m;
	span_memo_n++;
	return &m->walls;
}

/*
 * s moved back by whole 28-year spans of INTERVALs until it is settled by
 * from: the Gregorian calendar between 1901 and 2099 repeats every 28
 * years, weekdays and leap years included, so the copy is placed as s is.
 * False when that leaves those years.
 */
static bool placed_earlier(const struct sched *s,
			   const struct icalrecurrencetype *r, int64_t from,
			   struct sched *out)
{
	int64_t place[6], settled;
	int years = 28 * (r->interval > 0 ? r->interval : 1);

	*out = *s;
	if (s->start.year > 2099)
		return false;
	for (placement(out, r, place, &settled); settled > from;
	     placement(out, r, place, &settled)) {
		out->start.year -= years;
		if (out->start.year < 1901)
			return false;
	}
	return true;
}

/* Whether every instance of r is at DTSTART's time of day (no part picks
 * hours, minutes or seconds), so that rules alike but for that time share
 * one expansion made at midnight. */
static bool at_start_time(const struct icalrecurrencetype *r)
{
	return r->freq != ICAL_HOURLY_RECURRENCE &&
	       r->by_hour[0] == ICAL_RECURRENCE_ARRAY_MAX &&
	       r->by_minute[0] == ICAL_RECURRENCE_ARRAY_MAX &&
	       r->by_second[0] == ICAL_RECURRENCE_ARRAY_MAX;
}

/*
 * Whether r gives, in its first period, just the instances of rules alike
 * from DTSTART on: no BYSETPOS (which counts the instances of a whole
 * period), no BYWEEKNO or BYYEARDAY (periods of their own across years).
 * For those the first period needs no expansion of its own; the rest of
 * the placement (sched_rule_key) is what DTSTART gives a rule.
 * test_sched_cycle holds both to libical's own expansion from DTSTART.
 */
static bool plain_first_period(const struct icalrecurrencetype *r)
{
	return (r->freq == ICAL_MONTHLY_RECURRENCE ||
		r->freq == ICAL_YEARLY_RECURRENCE) &&
	       r->by_set_pos[0] == ICAL_RECURRENCE_ARRAY_MAX &&
	       r->by_week_no[0] == ICAL_RECURRENCE_ARRAY_MAX &&
	       r->by_year_day[0] == ICAL_RECURRENCE_ARRAY_MAX;
}

int sched_rule_walls(const struct sched *s, int64_t from, int64_t to,
		     struct walls *out, struct herr *err)
{
	struct icalrecurrencetype r;
	struct sched early;
	const struct walls *shared = NULL;
	int64_t place[6], settled, until = INT64_MAX, tod = 0, shared_from;
	size_t n_place, first = out->n;
	bool plain;
	char *key;
	int rc = HE_OK;

	if (!s->xrule || to <= from)
		return HE_OK;
	if (parse_rule(s->xrule, &r, err) != HE_OK)
		return HE_INTERNAL;
	if (!icaltime_is_null_time(r.until)) {
		struct civil u = civil_from_ical(&r.until);
		until = civil_to_seconds(&u);
		r.until = icaltime_null_time();
	}
	/* libical goes no further (sched_expand does, 400 years earlier). */
	if (to > year_seconds(LIBICAL_SAFE_YEAR))
		return herr_set(err, HE_INTERNAL,
				_("cannot expand repeat rule '%s' this far from "
				  "its start"), s->rrule ? s->rrule : s->xrule);
	n_place = placement(s, &r, place, &settled);
	/* Nothing before DTSTART: no first period to expand alone. */
	plain = plain_first_period(&r);
	if (plain)
		settled = civil_to_seconds(&s->start);
	/* The time of day out of the key: the instances of a rule alike at
	 * midnight, a day earlier, moved to this one's time. */
	shared_from = from;
	if (at_start_time(&r) && !s->all_day) {
		tod = place[0];
		place[0] = 0;
		shared_from = from - 86400;
	}
	key = sched_rule_key(&r, s->all_day, place, n_place);
	/* Its first period, where DTSTART shapes what the rule gives, alone;
	 * after it, what every rule alike gives over the window. */
	if (!key || !placed_earlier(s, &r, shared_from, &early)) {
		rc = rule_walls(s, r, from, to, out, err);
	} else {
		if (from < settled && !plain)
			rc = rule_walls(s, r, from, settled < to ? settled : to,
					out, err);
		early.start.hour = (int)(place[0] / 3600);
		early.start.min = (int)(place[0] / 60 % 60);
		early.start.sec = (int)(place[0] % 60);
		if (rc == HE_OK && settled < to &&
		    !(shared = memo_walls(&early, r, key, shared_from, to, err)))
			rc = HE_INTERNAL;
		for (size_t i = 0; rc == HE_OK && shared && i < shared->n; i++) {
			int64_t at = shared->v[i] + tod;
			if (at >= settled && at >= from && at < to)
				walls_add(out, at);
		}
	}
	free(key);
	while (out->n > first && out->v[out->n - 1] > until)
		out->n--;
	return rc;
}

static int by_start(const void *a, const void *b)
{
	const struct instance *x = a, *y = b;
	if (x->start != y->start)
		return (x->start > y->start) - (x->start < y->start);
	return civil_cmp(&x->rid, &y->rid);
}

static bool has_rid(const struct instances *l, size_t from,
		    const struct civil *rid)
{
	for (size_t i = from; i < l->n; i++)
		if (civil_cmp(&l->v[i].rid, rid) == 0)
			return true;
	return false;
}

int sched_expand(const struct sched *s, int64_t from, int64_t to,
		 size_t limit, struct instances *out, struct herr *err)
{
	size_t first = out->n;
	struct window w;

	if (from < SCHED_MIN_INSTANT + 2 * 86400)
		from = SCHED_MIN_INSTANT + 2 * 86400;
	if (to > SCHED_MAX_INSTANT - 2 * 86400)
		to = SCHED_MAX_INSTANT - 2 * 86400;
	if (to <= from || s->reach_end <= from || s->reach_start >= to)
		return HE_OK;
	w = (struct window){ from, to, sched_duration(s) };
	if (s->xrule) {
		int rc = expand_rule(s, &w, limit, out, err);
		if (rc != HE_OK)
			return rc;
	}
	/* RFC 5545 3.8.5.3: DTSTART is the first instance whatever the rule
	 * yields (an UNTIL before it, BYDAY that misses its weekday). */
	if (!has_rid(out, first, &s->start))
		add_if_in(s, &s->start, &w, out);
	for (size_t i = 0; i < s->rdates.n; i++)
		if (!has_rid(out, first, &s->rdates.v[i]))
			add_if_in(s, &s->rdates.v[i], &w, out);
	if (out->n > first)
		qsort(out->v + first, out->n - first, sizeof *out->v, by_start);
	if (limit && out->n - first > limit)
		out->n = first + limit;
	return HE_OK;
}

bool sched_has_instance(const struct sched *s, const struct civil *rid)
{
	struct instances found = { 0 };
	int64_t at = sched_instant(s, rid);
	bool yes;

	if (sched_expand(s, at, at + 1, 0, &found, NULL) != HE_OK)
		return false;
	yes = has_rid(&found, 0, rid);
	instances_free(&found);
	return yes;
}

bool sched_rule_until(const struct sched *s, struct civil *until)
{
	struct icalrecurrencetype r;
	struct icaltimetype t;

	if (!s->rrule || parse_rule(s->rrule, &r, NULL) != HE_OK ||
	    icaltime_is_null_time(r.until))
		return false;
	t = local_until(s, r.until);
	*until = civil_from_ical(&t);
	return true;
}

int sched_rule_count(const char *rule)
{
	struct icalrecurrencetype r;

	if (!rule || parse_rule(rule, &r, NULL) != HE_OK)
		return 0;
	return r.count;
}

long sched_count_before(const struct sched *s, const struct civil *rid)
{
	struct icalrecurrencetype r;
	icalrecur_iterator *it;
	long n = 0;

	if (!s->rrule || parse_rule(s->rrule, &r, NULL) != HE_OK || r.count <= 0)
		return -1;
	r.count = 0;
	it = icalrecur_iterator_new(r, civil_to_ical(&s->start, s->all_day));
	if (!it)
		return -1;
	for (; n < SCHED_MAX_COUNT; n++) {
		struct icaltimetype t = icalrecur_iterator_next(it);
		struct civil c;
		if (icaltime_is_null_time(t))
			break;
		c = civil_from_ical(&t);
		if (civil_cmp(&c, rid) >= 0)
			break;
	}
	icalrecur_iterator_free(it);
	return n;
}

char *sched_rule_with_end(const struct sched *s, const char *rule,
			  const struct civil *until, int count)
{
	struct icalrecurrencetype r;

	if (parse_rule(rule, &r, NULL) != HE_OK)
		return NULL;
	r.count = 0;
	r.until = icaltime_null_time();
	if (count > 0) {
		r.count = count;
	} else if (until && s->all_day) {
		r.until = civil_to_ical(until, true);
	} else if (until) {
		/* RFC 5545: with a zoned DTSTART, UNTIL is given in UTC. */
		struct civil u = civil_from_seconds(sched_instant(s, until));
		r.until = civil_to_ical(&u, false);
		r.until.zone = icaltimezone_get_utc_timezone();
	}
	return rule_to_string(&r);
}

/* libical's weekday numbering starts at Sunday = 1. */
static int monday_based(enum icalrecurrencetype_weekday d)
{
	return ((int)d + 5) % 7;
}

static bool only_simple_parts(const struct icalrecurrencetype *r)
{
	return r->by_second[0] == ICAL_RECURRENCE_ARRAY_MAX &&
	       r->by_minute[0] == ICAL_RECURRENCE_ARRAY_MAX &&
	       r->by_hour[0] == ICAL_RECURRENCE_ARRAY_MAX &&
	       r->by_month_day[0] == ICAL_RECURRENCE_ARRAY_MAX &&
	       r->by_year_day[0] == ICAL_RECURRENCE_ARRAY_MAX &&
	       r->by_week_no[0] == ICAL_RECURRENCE_ARRAY_MAX &&
	       r->by_month[0] == ICAL_RECURRENCE_ARRAY_MAX &&
	       r->by_set_pos[0] == ICAL_RECURRENCE_ARRAY_MAX;
}

int sched_rule_parts(const struct sched *s, const char *rule,
		     struct rule_parts *parts, struct herr *err)
{
	struct icalrecurrencetype r;
	int rc;

	memset(parts, 0, sizeof *parts);
	parts->interval = 1;
	parts->simple = true;
	if (!rule)
		return HE_OK;
	if ((rc = parse_rule(rule, &r, err)) != HE_OK)
		return rc;
	switch (r.freq) {
	case ICAL_DAILY_RECURRENCE: parts->freq = RULE_DAILY; break;
	case ICAL_WEEKLY_RECURRENCE: parts->freq = RULE_WEEKLY; break;
	case ICAL_MONTHLY_RECURRENCE: parts->freq = RULE_MONTHLY; break;
	case ICAL_YEARLY_RECURRENCE: parts->freq = RULE_YEARLY; break;
	default: parts->freq = RULE_HOURLY; break;
	}
	parts->interval = r.interval;
	parts->count = r.count;
	parts->simple = only_simple_parts(&r) && parts->freq != RULE_HOURLY;
	for (int i = 0; i < ICAL_BY_DAY_SIZE &&
			r.by_day[i] != ICAL_RECURRENCE_ARRAY_MAX; i++) {
		if (icalrecurrencetype_day_position(r.by_day[i]) != 0)
			parts->simple = false;
		parts->weekdays |= 1u << monday_based(
			icalrecurrencetype_day_day_of_week(r.by_day[i]));
	}
	if (!icaltime_is_null_time(r.until)) {
		struct icaltimetype t = local_until(s, r.until);
		parts->has_until = true;
		parts->until = civil_from_ical(&t);
	}
	return HE_OK;
}

/* The number of entries of a libical BY array (ended by ARRAY_MAX). */
static int by_len(const short *v, int size)
{
	int n = 0;

	while (n < size && v[n] != ICAL_RECURRENCE_ARRAY_MAX)
		n++;
	return n;
}

static enum rule_freq freq_of(icalrecurrencetype_frequency f)
{
	switch (f) {
	case ICAL_DAILY_RECURRENCE: return RULE_DAILY;
	case ICAL_WEEKLY_RECURRENCE: return RULE_WEEKLY;
	case ICAL_MONTHLY_RECURRENCE: return RULE_MONTHLY;
	case ICAL_YEARLY_RECURRENCE: return RULE_YEARLY;
	case ICAL_HOURLY_RECURRENCE: return RULE_HOURLY;
	case ICAL_MINUTELY_RECURRENCE: return RULE_MINUTELY;
	default: return RULE_SECONDLY;
	}
}

/* Copies the BY lists words can say; false when one does not fit. */
static bool spec_lists(const struct icalrecurrencetype *r,
		       struct rule_spec *spec)
{
	int nd = by_len(r->by_day, ICAL_BY_DAY_SIZE);
	int nm = by_len(r->by_month_day, ICAL_BY_MONTHDAY_SIZE);
	int nmo = by_len(r->by_month, ICAL_BY_MONTH_SIZE);

	if (nd > RULE_LIST_MAX || nm > RULE_LIST_MAX || nmo > 12)
		return false;
	for (int i = 0; i < nd; i++) {
		spec->days[i].pos = icalrecurrencetype_day_position(r->by_day[i]);
		spec->days[i].weekday = monday_based(
			icalrecurrencetype_day_day_of_week(r->by_day[i]));
	}
	for (int i = 0; i < nm; i++)
		spec->monthdays[i] = r->by_month_day[i];
	for (int i = 0; i < nmo; i++) {
		if (icalrecurrencetype_month_is_leap(r->by_month[i]))
			return false;
		spec->months[i] = icalrecurrencetype_month_month(r->by_month[i]);
	}
	spec->n_days = nd, spec->n_monthdays = nm, spec->n_months = nmo;
	return true;
}

int sched_rule_spec(const struct sched *s, const char *rule,
		    struct rule_spec *spec, struct herr *err)
{
	struct icalrecurrencetype r;
	int rc;

	memset(spec, 0, sizeof *spec);
	if ((rc = parse_rule(rule, &r, err)) != HE_OK)
		return rc;
	spec->freq = freq_of(r.freq);
	spec->interval = r.interval > 0 ? r.interval : 1;
	spec->count = r.count;
	if (!icaltime_is_null_time(r.until)) {
		struct icaltimetype t = local_until(s, r.until);
		spec->has_until = true;
		spec->until = civil_from_ical(&t);
	}
	spec->other = !spec_lists(&r, spec) || r.rscale ||
		by_len(r.by_second, ICAL_BY_SECOND_SIZE) ||
		by_len(r.by_minute, ICAL_BY_MINUTE_SIZE) ||
		by_len(r.by_hour, ICAL_BY_HOUR_SIZE) ||
		by_len(r.by_year_day, ICAL_BY_YEARDAY_SIZE) ||
		by_len(r.by_week_no, ICAL_BY_WEEKNO_SIZE) ||
		by_len(r.by_set_pos, ICAL_BY_SETPOS_SIZE);
	return HE_OK;
}

char *sched_rule_build(const struct sched *s, const struct rule_parts *p)
{
	static const char *const freq[] = { NULL, "DAILY", "WEEKLY", "MONTHLY",
					    "YEARLY", "HOURLY" };
	static const char *const days[] = { "MO", "TU", "WE", "TH", "FR", "SA",
					    "SU" };
	struct sbuf b = { 0 };
	char *rule, *ended;

	if (p->freq == RULE_NONE || (unsigned)p->freq > RULE_HOURLY)
		return NULL;
	sbuf_addf(&b, "FREQ=%s", freq[p->freq]);
	if (p->interval > 1)
		sbuf_addf(&b, ";INTERVAL=%d", p->interval);
	if (p->weekdays && p->freq != RULE_DAILY) {
		sbuf_add(&b, ";BYDAY=");
		for (int d = 0, n = 0; d < 7; d++)
			if (p->weekdays & (1u << d))
				sbuf_addf(&b, "%s%s", n++ ? "," : "", days[d]);
	}
	rule = sbuf_take(&b);
	if (!p->has_until && p->count <= 0)
		return rule;
	ended = sched_rule_with_end(s, rule, p->has_until ? &p->until : NULL,
				    p->has_until ? 0 : p->count);
	free(rule);
	return ended;
}

char *civil_list_format(const struct civil_list *l, bool date_only)
{
	struct sbuf b = { 0 };
	char buf[CIVIL_BUFSZ];

	if (l->n == 0)
		return NULL;
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			sbuf_addc(&b, ' ');
		sbuf_add(&b, civil_format(&l->v[i], date_only, buf));
	}
	return sbuf_take(&b);
}

bool civil_list_parse(const char *text, struct civil_list *l)
{
	char buf[CIVIL_BUFSZ];

	while (text && *text) {
		size_t n = strcspn(text, " ");
		struct civil c;
		bool date_only;
		if (n >= sizeof buf)
			return false;
		memcpy(buf, text, n);
		buf[n] = '\0';
		if (!civil_parse(buf, &c, &date_only))
			return false;
		civil_list_add(l, c);
		text += n;
		text += *text == ' ';
	}
	return true;
}
