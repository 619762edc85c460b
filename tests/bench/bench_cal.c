/* bench_cal.c - the benchmark calendar: generation, storage, calcurse copy. */
#include "bench_cal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../core/series.h"
#include "../../core/tz.h"

/* The month the generated span is centred on (local dates). */
#define CENTRE_YEAR 2027
#define CENTRE_MONTH 3

/* ---- a small reproducible random source (splitmix64) ---- */

struct rng {
	uint64_t s;
};

static uint64_t rnd(struct rng *g)
{
	uint64_t z = (g->s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in [lo, hi]. */
static int between(struct rng *g, int lo, int hi)
{
	return lo + (int)(rnd(g) % (uint64_t)(hi - lo + 1));
}

#define PICK(g, arr) ((arr)[rnd(g) % (sizeof (arr) / sizeof *(arr))])

/* ---- Chinese text, after the reports in ../shared/seed ---- */

static const char *const places[] = {
	"棉织社区", "粮库社区", "长江路小区", "观音阁街道", "章党街道",
	"兴隆台区", "双台子区", "皇姑区", "东洲区", "大洼区", "盘山县",
	"本溪县", "望花区", "新抚区", "铁西区", "和平区", "沈河区",
	"大东区", "于洪区", "浑南区", "利州街道", "北塔街道", "明廉街道",
};

static const struct activity {
	const char *kind, *name;
} activities[] = {
	{ "reading", "青少年读书分享会" }, { "reading", "图书漂流角交换日" },
	{ "reading", "亲子共读时光" }, { "reading", "老年人读报会" },
	{ "fair", "文明集市" }, { "fair", "便民服务集市" },
	{ "fair", "平安宣传日" }, { "warm-station", "暖冬志愿服务站" },
	{ "warm-station", "户外劳动者暖心驿站" }, { "volunteer", "志愿扫雪" },
	{ "volunteer", "爱心理发与磨刀" }, { "volunteer", "反诈宣传进社区" },
	{ "volunteer", "骑手座谈会" }, { "volunteer", "新就业群体意见征集" },
	{ "clinic", "免费测血压血糖" }, { "clinic", "中医义诊" },
	{ "clinic", "骨科专家咨询" }, { "station", "工会驿站开放日" },
	{ "station", "司机之家服务日" }, { "station", "的士驿站开放" },
};

static const char *const venue_types[] = {
	"党群服务中心", "工会驿站", "司机之家", "的士驿站", "暖“新”驿站（连锁药店）",
	"文化广场", "社区活动室", "志愿服务站", "新时代文明实践站",
};

static const char *const org_types[] = {
	"社区党委", "社会工作部", "志愿者协会", "总工会", "派出所", "卫生服务中心",
	"环保公益协会", "行业党委",
};

static const char *const audiences[] = {
	"外卖骑手", "快递员", "货车司机", "网约车司机", "环卫工人", "居民",
	"青少年", "老年人",
};

static const char *const descriptions[] = {
	"为外卖骑手、快递员和环卫工人提供热饮、休息、手机充电和应急药品。",
	"关键词猜书名暖场，小读者分享好书，随后自由阅读、交换图书。",
	"义诊、安全宣传、便民服务一站办，“专业社工+志愿者”服务模式。",
	"免费测血压血糖，提供应急药品和休息饮水。",
	"收集关于劳动权益、关爱服务的意见建议，用于更新服务清单。",
};

static const char *const notes[] = {
	"需求增加，延长开放时间", "因天气原因改在室内举行", "本次由志愿者代班",
	"场地维修，临时调整地点",
};

static const char *const rrule_days[] = { "MO", "TU", "WE", "TH", "FR", "SA",
					  "SU" };

/* ---- the shapes of series ---- */

enum shape {
	OPEN_WEEKLY,     /* weekly, no end; a fifth began years ago */
	UNTIL_WEEKLY,    /* weekly until a date */
	COUNT_WEEKLY,    /* weekly, a number of times */
	ONE_OFF,         /* one timed event */
	ALL_DAY_ONCE,    /* one to three whole days */
	ALL_DAY_WEEKLY,  /* whole weekend days, weekly until a date */
};

/* Shares in percent, in enum order; tuned for about two thirds reaching. */
static const int shape_share[] = { 43, 25, 12, 12, 4, 4 };

static enum shape pick_shape(struct rng *g)
{
	int roll = between(g, 0, 99), acc = 0;

	for (int i = 0; i < (int)(sizeof shape_share / sizeof *shape_share); i++)
		if (roll < (acc += shape_share[i]))
			return (enum shape)i;
	return ONE_OFF;
}

static struct civil day_from_centre(int offset)
{
	struct civil c = { CENTRE_YEAR, CENTRE_MONTH, 1, 0, 0, 0 };
	return civil_add_days(c, offset);
}

/*
 * A BYDAY list starting with the weekday of start. Several days only for
 * every-week rules, and only later days of the same Monday-based week, so
 * that peers counting weeks from Sunday agree on which weeks are "every
 * other" ones.
 */
static void weekly_rule(struct rng *g, const struct civil *start, int interval,
			struct sbuf *rule)
{
	int wd = civil_weekday(start), roll = between(g, 0, 99);
	int extra = interval > 1 || wd == 6 ? 0 : roll < 85 ? 0 : roll < 95 ? 1 : 2;

	sbuf_addf(rule, "FREQ=WEEKLY;INTERVAL=%d;BYDAY=%s", interval,
		  rrule_days[wd]);
	for (int d = wd + 1; d <= 6 && extra > 0; d++)
		if (6 - d < extra || between(g, 0, 1)) {
			sbuf_addf(rule, ",%s", rrule_days[d]);
			extra--;
		}
}

/* RFC 5545: with a zoned DTSTART, UNTIL is in UTC; the end of day u locally. */
static void add_until(struct sbuf *rule, struct civil u, bool all_day)
{
	if (all_day) {
		sbuf_addf(rule, ";UNTIL=%04d%02d%02d", u.year, u.month, u.day);
		return;
	}
	u.hour = 23, u.min = 59, u.sec = 59;
	u = civil_from_seconds(tz_to_utc(tz_get(BENCH_TZ), &u));
	sbuf_addf(rule, ";UNTIL=%04d%02d%02dT%02d%02d%02dZ", u.year, u.month,
		  u.day, u.hour, u.min, u.sec);
}

static void timed_span(struct rng *g, struct sched *sc, struct civil day)
{
	int start_min = between(g, 16, 39) * 30, dur = between(g, 2, 8) * 30;

	if (start_min + dur > 22 * 60)
		dur = 22 * 60 - start_min;
	sc->start = sc->end = day;
	sc->start.hour = start_min / 60;
	sc->start.min = start_min % 60;
	sc->end.hour = (start_min + dur) / 60;
	sc->end.min = (start_min + dur) % 60;
}

static int pick_interval(struct rng *g)
{
	int roll = between(g, 0, 99);
	return roll < 8 ? 1 : roll < 20 ? 2 : 4;
}

/* The schedule of one series of the given shape. */
static void make_sched(struct rng *g, enum shape shape, struct sched *sc)
{
	struct sbuf rule = { 0 };
	struct civil day;
	int interval = pick_interval(g);

	snprintf(sc->tzid, sizeof sc->tzid, "%s", BENCH_TZ);
	switch (shape) {
	case OPEN_WEEKLY:
		day = day_from_centre(between(g, 0, 4) == 0 ? between(g, -2920, -730)
							     : between(g, -730, 90));
		timed_span(g, sc, day);
		weekly_rule(g, &sc->start, interval, &rule);
		break;
	case UNTIL_WEEKLY:
		day = day_from_centre(between(g, -540, 180));
		timed_span(g, sc, day);
		weekly_rule(g, &sc->start, interval, &rule);
		add_until(&rule, civil_add_days(day, between(g, 90, 720)), false);
		break;
	case COUNT_WEEKLY:
		day = day_from_centre(between(g, -300, 60));
		timed_span(g, sc, day);
		weekly_rule(g, &sc->start, interval, &rule);
		sbuf_addf(&rule, ";COUNT=%d", between(g, 8, 60));
		break;
	case ONE_OFF:
		timed_span(g, sc, day_from_centre(between(g, -365, 365)));
		break;
	case ALL_DAY_ONCE:
		sc->all_day = true;
		sc->start = day_from_centre(between(g, -365, 365));
		sc->end = civil_add_days(sc->start, between(g, 1, 3));
		break;
	case ALL_DAY_WEEKLY:
		sc->all_day = true;
		day = day_from_centre(between(g, -240, 240));
		/* From the next Saturday: a weekend station. */
		sc->start = civil_add_days(day, (5 - civil_weekday(&day) + 7) % 7);
		sc->end = civil_add_days(sc->start, 1);
		sbuf_add(&rule, "FREQ=WEEKLY;BYDAY=SA,SU");
		add_until(&rule, civil_add_days(sc->start, between(g, 28, 180)), true);
		break;
	}
	sc->rrule = rule.s ? sbuf_take(&rule) : NULL;
}

/* The occurrences near the centre month, to hang exceptions on. */
static int near_centre(const struct sched *sc, struct instances *in,
		       struct herr *err)
{
	const struct tz *z = tz_get(BENCH_TZ);
	struct civil a = day_from_centre(-20), b = day_from_centre(50);

	return sched_expand(sc, tz_to_utc(z, &a), tz_to_utc(z, &b), 0, in, err);
}

/* An all-day occurrence moves to the next day, a timed one an hour or two. */
static void move_occurrence(struct rng *g, const struct sched *sc,
			    struct override *o)
{
	/* Ends by 22:00 (timed_span), so an hour later is still that day. */
	int shift = sc->end.hour < 22 ? between(g, 1, 2) : 1;

	o->moved = true;
	if (sc->all_day) {
		o->start = civil_add_days(o->rid, 1);
		o->end = civil_add_days(o->rid, 2);
		return;
	}
	o->start = o->end = o->rid;
	o->start.hour += shift;
	o->end.hour = sc->end.hour + shift;
	o->end.min = sc->end.min;
}

/* Exception dates on 30% and overrides on 12% of repeating series. */
static int add_exceptions(struct rng *g, struct series *s,
			  struct bench_cal_stats *stats, struct herr *err)
{
	struct instances in = { 0 };
	int rc;

	if (!s->sched.rrule || (rc = near_centre(&s->sched, &in, err)) != HE_OK ||
	    in.n < 3) {
		instances_free(&in);
		return HE_OK;
	}
	if (between(g, 0, 99) < 30) {
		for (int k = between(g, 1, 3); k > 0; k--) {
			struct civil rid = in.v[rnd(g) % in.n].rid;
			if (!civil_list_has(&s->sched.exdates, &rid)) {
				civil_list_add(&s->sched.exdates, rid);
				stats->exdates++;
			}
		}
		if ((rc = sched_prepare(&s->sched, err)) != HE_OK)
			goto out;
	}
	if (between(g, 0, 99) < 12) {
		for (int k = between(g, 1, 2); k > 0; k--) {
			struct civil rid = in.v[rnd(g) % in.n].rid;
			struct override *o;
			int roll = between(g, 0, 99);
			if (civil_list_has(&s->sched.exdates, &rid) ||
			    series_find_override(s, &rid))
				continue;
			if ((rc = series_override(s, &rid, &o, err)) != HE_OK)
				goto out;
			stats->overrides++;
			if (roll < 40) {
				move_occurrence(g, &s->sched, o);
			} else if (roll < 70) {
				o->venue = xasprintf("%s临时活动点", PICK(g, places));
				o->note = xstrdup(PICK(g, notes));
			} else {
				o->cancelled = true;
			}
		}
	}
out:
	instances_free(&in);
	return rc;
}

static void describe(struct rng *g, int i, int n, struct series *s)
{
	const struct activity *a = &PICK(g, activities);
	int venues = n / 10 > 20 ? n / 10 : 20, orgs = n / 40 > 10 ? n / 40 : 10;
	int v = between(g, 0, venues - 1), o = between(g, 0, orgs - 1);

	s->uid = xasprintf("bench-%06d@hearth.bench", i);
	s->kind = xstrdup(a->kind);
	s->title = xasprintf("%s%s", places[i % (sizeof places / sizeof *places)],
			     a->name);
	s->venue = xasprintf("%s%s%d号", places[v % (sizeof places / sizeof *places)],
			     venue_types[v % (sizeof venue_types /
					      sizeof *venue_types)], v);
	if (between(g, 0, 99) < 40)
		s->description = xstrdup(PICK(g, descriptions));
	s->status = between(g, 0, 9) == 0 ? STATUS_TENTATIVE : STATUS_CONFIRMED;
	series_add_org(s, places[o % (sizeof places / sizeof *places)], ROLE_HOST);
	free(s->orgs[0].name);
	s->orgs[0].name = xasprintf("%s%s%d", places[o % (sizeof places /
							   sizeof *places)],
				    org_types[o % (sizeof org_types /
						   sizeof *org_types)], o);
	for (int k = between(g, 1, 2); k > 0; k--)
		strv_add(&s->audience, PICK(g, audiences));
}

/* ---- the calcurse copy ---- */

struct cc_line {
	int64_t start;
	char *msg, *text;
};

struct cc_lines {
	struct cc_line *v;
	size_t n, cap;
};

static void cc_add(struct cc_lines *l, int64_t start, const char *msg,
		   char *text)
{
	l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
	l->v[l->n].start = start;
	l->v[l->n].msg = xstrdup(msg);
	l->v[l->n++].text = text;
}

static void cc_date(struct sbuf *b, const struct civil *c)
{
	sbuf_addf(b, "%02d/%02d/%04d", c->month, c->day, c->year);
}

static void cc_time(struct sbuf *b, const struct civil *c)
{
	cc_date(b, c);
	sbuf_addf(b, " @ %02d:%02d", c->hour, c->min);
}

/* calcurse has no COUNT: the rule's last occurrence's date is its end. */
static struct civil last_day(const struct sched *sc)
{
	return tz_from_utc(tz_get(sc->tzid), sc->reach_end - sched_duration(sc),
			   NULL);
}

/* " {IW -> until wD ... !exception ...}" for a repeating series. */
static void cc_repeat(struct sbuf *b, const struct series *s)
{
	const struct sched *sc = &s->sched;
	const char *p = strstr(sc->rrule, "INTERVAL=");
	const char *days = strstr(sc->rrule, "BYDAY=");
	int interval = p ? atoi(p + 9) : 1;

	sbuf_addf(b, " {%dW", interval);
	if (sc->reach_end != SCHED_FOREVER) {
		struct civil u = last_day(sc);
		sbuf_add(b, " -> ");
		cc_date(b, &u);
	}
	for (int d = 0; days && d < 7; d++) {
		const char *q = strstr(days, rrule_days[d]);
		if (q && q < days + strcspn(days, ";"))
			sbuf_addf(b, " w%d", (d + 1) % 7);
	}
	for (size_t i = 0; i < sc->exdates.n; i++) {
		sbuf_add(b, " !");
		cc_date(b, &sc->exdates.v[i]);
	}
	for (size_t i = 0; i < s->n_overrides; i++) {
		sbuf_add(b, " !");
		cc_date(b, &s->overrides[i].rid);
	}
	sbuf_add(b, "}");
}

/* One calcurse item: an event (all-day) or an appointment. */
static void cc_item(struct cc_lines *l, const struct series *s,
		    const struct civil *start, const struct civil *end,
		    const char *venue, bool repeat)
{
	const struct sched *sc = &s->sched;
	struct sbuf b = { 0 };
	char *msg = xasprintf("%s（%s）", s->title, venue ? venue : "");
	struct civil day = *start;

	day.hour = day.min = day.sec = 0;
	if (sc->all_day) {
		struct civil last = civil_add_days(*end, -1);
		cc_date(&b, start);
		sbuf_add(&b, " [1]");
		if (repeat) {
			cc_repeat(&b, s);
		} else if (civil_cmp(&last, start) > 0) {
			sbuf_add(&b, " {1D -> ");
			cc_date(&b, &last);
			sbuf_add(&b, "}");
		}
		sbuf_addf(&b, " %s\n", msg);
	} else {
		cc_time(&b, start);
		sbuf_add(&b, " -> ");
		cc_time(&b, end);
		if (repeat)
			cc_repeat(&b, s);
		sbuf_addf(&b, " |%s\n", msg);
	}
	cc_add(l, tz_to_utc(tz_get(sc->tzid), sc->all_day ? &day : start), msg,
	       sbuf_take(&b));
	free(msg);
}

/* The series and its overrides, as calcurse items. */
static void cc_series(struct cc_lines *l, const struct series *s)
{
	const struct sched *sc = &s->sched;

	cc_item(l, s, &sc->start, &sc->end, s->venue, sc->rrule != NULL);
	for (size_t i = 0; i < s->n_overrides; i++) {
		const struct override *o = &s->overrides[i];
		struct civil end = sc->all_day ? civil_add_days(o->rid, 1)
					       : o->rid;
		if (o->cancelled)
			continue;
		if (!sc->all_day) {
			end.hour = sc->end.hour;
			end.min = sc->end.min;
		}
		cc_item(l, s, o->moved ? &o->start : &o->rid,
			o->moved ? &o->end : &end, o->venue ? o->venue : s->venue,
			false);
	}
}

/* calcurse keeps its lists sorted by start, then by text. */
static int cc_order(const void *a, const void *b)
{
	const struct cc_line *x = a, *y = b;

	if (x->start != y->start)
		return (x->start > y->start) - (x->start < y->start);
	return strcmp(x->msg, y->msg);
}

static void cc_free(struct cc_lines *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].text);
		free(l->v[i].msg);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

static void cc_write(struct cc_lines *l, FILE *f)
{
	qsort(l->v, l->n, sizeof *l->v, cc_order);
	for (size_t i = 0; i < l->n; i++)
		fputs(l->v[i].text, f);
	cc_free(l);
}

/* ---- building ---- */

static void count_shape(struct bench_cal_stats *st, enum shape shape)
{
	st->series++;
	st->recurring += shape <= COUNT_WEEKLY || shape == ALL_DAY_WEEKLY;
	st->open_ended += shape == OPEN_WEEKLY;
	st->with_until += shape == UNTIL_WEEKLY || shape == ALL_DAY_WEEKLY;
	st->with_count += shape == COUNT_WEEKLY;
	st->one_off += shape == ONE_OFF || shape == ALL_DAY_ONCE;
	st->all_day += shape == ALL_DAY_ONCE || shape == ALL_DAY_WEEKLY;
}

static int build_one(struct store *st, int i, int n, const int64_t probe[2],
		     struct cc_lines *cc,
		     struct bench_cal_stats *stats, struct herr *err)
{
	struct rng g = { 0x6865617274680000ULL ^ (uint64_t)i * 0x100000001b3ULL };
	enum shape shape = pick_shape(&g);
	struct series s;
	int rc;

	series_init(&s);
	describe(&g, i, n, &s);
	make_sched(&g, shape, &s.sched);
	count_shape(stats, shape);
	if ((rc = sched_prepare(&s.sched, err)) == HE_OK &&
	    (rc = add_exceptions(&g, &s, stats, err)) == HE_OK &&
	    (rc = store_series_save(st, &s, err)) == HE_OK) {
		stats->reaching += s.sched.reach_start < probe[1] &&
				   s.sched.reach_end > probe[0];
		if (cc)
			cc_series(cc, &s);
	}
	series_free(&s);
	return rc;
}

void bench_cal_window(int64_t *from, int64_t *to, char date[CIVIL_BUFSZ])
{
	const struct tz *z = tz_get(BENCH_TZ);
	struct civil a = day_from_centre(0);
	struct civil b = day_from_centre(BENCH_WINDOW_DAYS);

	*from = tz_to_utc(z, &a);
	*to = tz_to_utc(z, &b);
	civil_format(&a, true, date);
}

int64_t bench_cal_moment(void)
{
	struct civil c = day_from_centre(9);

	c.hour = 9;
	c.min = 30;
	return tz_to_utc(tz_get(BENCH_TZ), &c);
}

int bench_cal_build(struct store *st, int n, FILE *calcurse_apts,
		    struct bench_cal_stats *stats, struct herr *err)
{
	struct cc_lines cc = { 0 };
	int64_t probe[2];
	char date[CIVIL_BUFSZ];
	int rc;

	bench_cal_window(&probe[0], &probe[1], date);
	memset(stats, 0, sizeof *stats);
	if ((rc = store_begin(st, err)) != HE_OK)
		return rc;
	for (int i = 0; i < n && rc == HE_OK; i++)
		rc = build_one(st, i, n, probe, calcurse_apts ? &cc : NULL,
			       stats, err);
	if (rc != HE_OK) {
		store_rollback(st);
		cc_free(&cc);
		return rc;
	}
	stats->calcurse_items = (long)cc.n;
	if (calcurse_apts)
		cc_write(&cc, calcurse_apts);
	return store_commit(st, err);
}
