/* demo.c - a realistic demo calendar, built through the public API. */
#include "demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "people/people.h"
#include "audit.h"
#include "changes.h"
#include "report/report.h"
#include "stations/stations.h"
#include "tz.h"

#define DEMO_TZ DEMO_ZONE

struct demo_venue {
	const char *name, *address, *type;
	double lat, lon;
	const char *services[6];
};

static const struct demo_venue venues[] = {
	{ "棉织社区党群服务中心", "本溪县观音阁街道棉织社区长江路小区",
	  "社区党群服务中心", 41.30, 124.12, { "图书漂流角", "活动室" } },
	{ "长江路小区", "本溪县观音阁街道棉织社区", "居民小区", 0, 0, { NULL } },
	{ "粮库社区文化广场", "抚顺市东洲区章党街道粮库社区", "社区广场",
	  41.85, 124.08, { NULL } },
	{ "β暖冬志愿服务站", "沈阳市皇姑区商场餐饮区", "志愿服务站", 41.82, 123.40,
	  { "热饮", "清洁休息区", "手机充电", "应急药箱", "服务指南卡" } },
	{ "盘锦工会驿站（兴隆台）", "盘锦市兴隆台区", "工会驿站", 41.12, 122.07,
	  { "休息", "热水", "手机充电", "微波炉" } },
	{ "盘锦司机之家", "盘锦市双台子区", "司机之家", 41.20, 122.06,
	  { "餐饮", "住宿", "免费停车", "淋浴" } },
	{ "盘锦的士驿站", "盘锦市兴隆台区", "的士驿站", 0, 0,
	  { "休息", "热水", "如厕" } },
	{ "暖“新”驿站（连锁药店）", "盘锦市连锁药店门店", "药店驿站", 0, 0,
	  { "免费测血压", "免费测血糖", "应急药品", "休息饮水" } },
};

struct demo_org {
	const char *name, *type;
};

static const struct demo_org orgs[] = {
	{ "爱在枫乡环保公益协会", "公益协会" },
	{ "粮库社区党委", "社区党委" },
	{ "抚顺总医院", "医院" },
	{ "高速一大队", "交警" },
	{ "车辆管理所", "公安" },
	{ "章党派出所", "派出所" },
	{ "皇姑区委社会工作部", "社会工作部" },
	{ "利州社会工作服务中心", "社会工作服务机构" },
	{ "沈阳市志愿者联合会", "志愿者组织" },
	{ "盘锦市委社会工作部", "社会工作部" },
	{ "网约车配送行业委员会", "行业党委" },
	{ "盘锦市交通运输局", "政府部门" },
	{ "盘锦市总工会", "工会" },
};

struct demo_segment {
	const char *from, *to, *title, *partner, *note;
};

/* The segments with more than one partner or a venue of their own. */
static const struct {
	const char *title, *more_partners[3], *venue;
} segment_extras[] = {
	{ "安全宣传区：交通法规、电动车安全、防范电信网络诈骗",
	  { "车辆管理所", "章党派出所" }, NULL },
	{ "社区除雪志愿服务", { NULL }, "长江路小区" },
};

struct demo_event {
	const char *kind, *title, *venue, *description;
	int day;                 /* days after the anchor the event uses (the
				    stations opened eight weeks ago, so that
				    their tallies have days to count) */
	int anchor;              /* which anchor date, see anchors() */
	const char *start, *end; /* "HH:MM", or NULL for all-day */
	int all_days;            /* length in days when all-day */
	const char *rrule;
	const char *host, *cohost, *partners[5];
	const char *audience[5];
	int capacity;
	const char *contact;
	struct demo_segment segments[9];
};

enum { THIS_SATURDAY, NEXT_JANUARY, TODAY, NEXT_JUNE };

static const struct demo_event events[] = {
	{ "reading", "字里行间见成长，书中天地寻光芒——青少年读书分享会",
	  "棉织社区党群服务中心",
	  "青少年读书分享会：关键词猜书名暖场，五位小读者分享好书，"
	  "随后在图书漂流角自由阅读、交换图书；结束后一起到长江路小区除雪。",
	  0, THIS_SATURDAY, "09:00", "12:00", 0, NULL,
	  "爱在枫乡环保公益协会", NULL, { NULL }, { "青少年", "居民" }, 30,
	  NULL,
	  { { "09:00", "09:15", "暖场游戏：关键词猜书名", NULL, NULL },
	    { "09:15", "09:25", "小读者分享《钢铁是怎样炼成的》", NULL, NULL },
	    { "09:25", "09:35", "小读者分享《中华美德故事集》", NULL, NULL },
	    { "09:35", "09:45", "小读者分享《西游记》", NULL, NULL },
	    { "09:45", "09:55", "小读者分享《草房子》", NULL, NULL },
	    { "09:55", "10:05", "小读者分享《小英雄雨来》", NULL, NULL },
	    { "10:05", "11:00", "自由阅读与图书漂流角交流", NULL,
	      "带一本书来，换一本书走" },
	    { "11:00", "12:00", "社区除雪志愿服务", NULL, "工具由社区提供" } } },
	{ "fair", "文明集市", "粮库社区文化广场",
	  "“专业社工+志愿者”服务模式，义诊、安全宣传、便民服务一站办。",
	  /* Every fourth Saturday: three have been held, the next is in
	     one to two weeks. */
	  7 - 84, THIS_SATURDAY, "09:00", "12:00", 0,
	  "FREQ=WEEKLY;INTERVAL=4;BYDAY=SA",
	  "粮库社区党委", NULL,
	  { "抚顺总医院", "高速一大队", "车辆管理所", "章党派出所" },
	  { "居民", "老年人" }, 0, NULL,
	  { { NULL, NULL, "医疗便民区：免费义诊", "抚顺总医院",
	      "心内科、骨科、疼痛科、中医专家" },
	    { NULL, NULL, "安全宣传区：交通法规、电动车安全、防范电信网络诈骗",
	      "高速一大队", "民警现场讲解" },
	    { NULL, NULL, "便民服务区：招聘会", NULL, NULL },
	    { NULL, NULL, "便民服务区：志愿者磨刀、理发", NULL, NULL },
	    { NULL, NULL, "美食区", NULL, NULL } } },
	{ "warm-station", "β暖冬志愿服务站", "β暖冬志愿服务站",
	  "为外卖骑手、快递员、环卫工人和有需要的居民提供热饮、休息、"
	  "手机充电和应急药品。开放时间将根据需求调整。",
	  0, NEXT_JANUARY, "10:00", "18:00", 0,
	  "FREQ=WEEKLY;BYDAY=FR,SA,SU", "皇姑区委社会工作部",
	  "利州社会工作服务中心", { "沈阳市志愿者联合会" },
	  { "外卖骑手", "快递员", "环卫工人", "困难居民" }, 40, NULL,
	  { { NULL, NULL, "热饮", NULL, NULL },
	    { NULL, NULL, "清洁休息区", NULL, NULL },
	    { NULL, NULL, "手机充电", NULL, NULL },
	    { NULL, NULL, "应急药箱", NULL, NULL },
	    { NULL, NULL, "服务指南卡", NULL, "介绍周边可用服务" } } },
	{ "station", "工会驿站：户外劳动者休息点", "盘锦工会驿站（兴隆台）",
	  "全市244个工会驿站之一，构建城乡“15分钟服务圈”。",
	  -56, TODAY, "08:00", "20:00", 0, "FREQ=DAILY", "盘锦市总工会", NULL,
	  { "盘锦市委社会工作部" }, { "外卖骑手", "快递员", "货车司机",
	  "网约车司机", "环卫工人" }, 0, NULL, { { .title = NULL } } },
	{ "station", "司机之家", "盘锦司机之家",
	  "为货车司机提供餐饮、住宿和免费停车。", -56, TODAY, NULL, NULL, 1,
	  "FREQ=DAILY", "盘锦市交通运输局", NULL, { NULL },
	  { "货车司机", "网约车司机" }, 0, NULL, { { .title = NULL } } },
	{ "clinic", "暖“新”驿站：免费测血压血糖", "暖“新”驿站（连锁药店）",
	  "在连锁药店门店设立的暖“新”驿站，首批12家门店开放，"
	  "提供休息、免费测血压血糖和应急药品。",
	  -56, TODAY, "09:00", "17:00", 0, "FREQ=DAILY", "盘锦市委社会工作部",
	  NULL, { NULL }, { "外卖骑手", "快递员", "网约车司机" }, 0, NULL,
	  { { NULL, NULL, "免费测血压", NULL, NULL },
	    { NULL, NULL, "免费测血糖", NULL, NULL },
	    { NULL, NULL, "应急药品", NULL, NULL } } },
	{ "volunteer", "新就业群体意见建议征集座谈会", "盘锦的士驿站",
	  "收集骑手、快递员和司机关于劳动权益、关爱服务的意见建议，"
	  "用于更新服务清单（已收集230余条）。",
	  3, THIS_SATURDAY, "14:00", "16:00", 0, NULL,
	  "网约车配送行业委员会", "盘锦市委社会工作部", { NULL },
	  { "外卖骑手", "快递员", "网约车司机" }, 40, NULL,
	  { { "14:00", "14:20", "服务清单介绍", NULL, NULL },
	    { "14:20", "15:40", "自由发言", NULL, NULL },
	    { "15:40", "16:00", "积分兑换说明", NULL,
	      "志愿服务和社区工作可积分兑换服务" } } },
	{ "volunteer", "爱心送考", "盘锦的士驿站",
	  "党员先锋岗车队免费接送考生（去年500辆车接送考生785人次）。",
	  0, NEXT_JUNE, NULL, NULL, 2, NULL, "网约车配送行业委员会", NULL,
	  { "盘锦市交通运输局" }, { "网约车司机", "学生" }, 0, NULL,
	  { { .title = NULL } } },
};

/* The dates events hang from, in the demo's zone. */
static struct civil anchor_day(int anchor, int64_t now)
{
	struct civil today = tz_from_utc(tz_get(DEMO_TZ), now, NULL);
	struct civil d = today;

	today.hour = today.min = today.sec = 0;
	switch (anchor) {
	case THIS_SATURDAY:
		return civil_add_days(today, (5 - civil_weekday(&today) + 7) % 7);
	case NEXT_JANUARY:
		d.year += today.month != 1;
		d.month = 1;
		d.day = 1;
		break;
	case NEXT_JUNE:
		d.year += today.month > 6 || (today.month == 6 && today.day > 7);
		d.month = 6;
		d.day = 7;
		break;
	default:
		return today;
	}
	d.hour = d.min = d.sec = 0;
	return d;
}

static void at_time(struct civil *c, const char *hhmm)
{
	c->hour = (hhmm[0] - '0') * 10 + (hhmm[1] - '0');
	c->min = (hhmm[3] - '0') * 10 + (hhmm[4] - '0');
	c->sec = 0;
}

static int minutes(const char *hhmm)
{
	struct civil c;
	at_time(&c, hhmm);
	return c.hour * 60 + c.min;
}

static void add_segment_extras(struct segment *g)
{
	for (size_t i = 0; i < sizeof segment_extras / sizeof *segment_extras;
	     i++) {
		if (strcmp(segment_extras[i].title, g->title) != 0)
			continue;
		for (int k = 0; k < 3 && segment_extras[i].more_partners[k]; k++)
			strv_add(&g->partners, segment_extras[i].more_partners[k]);
		g->venue = (char *)segment_extras[i].venue;
	}
}

static void build_event(const struct demo_event *e, int64_t now,
			struct series *s)
{
	struct civil day = civil_add_days(anchor_day(e->anchor, now), e->day);

	series_init(s);
	s->kind = xstrdup(e->kind);
	s->title = xstrdup(e->title);
	s->venue = xstrdup(e->venue);
	s->description = xstrdup0(e->description);
	s->capacity = e->capacity;
	s->contact = xstrdup0(e->contact);
	snprintf(s->sched.tzid, sizeof s->sched.tzid, "%s", DEMO_TZ);
	s->sched.start = s->sched.end = day;
	if (e->start) {
		at_time(&s->sched.start, e->start);
		at_time(&s->sched.end, e->end);
	} else {
		s->sched.all_day = true;
		s->sched.end = civil_add_days(day, e->all_days);
	}
	s->sched.rrule = xstrdup0(e->rrule);
	series_add_org(s, e->host, ROLE_HOST);
	if (e->cohost)
		series_add_org(s, e->cohost, ROLE_COHOST);
	for (int i = 0; i < 5 && e->partners[i]; i++)
		series_add_org(s, e->partners[i], ROLE_PARTNER);
	for (int i = 0; i < 5 && e->audience[i]; i++)
		strv_add(&s->audience, e->audience[i]);
	for (int i = 0; i < 9 && e->segments[i].title; i++) {
		const struct demo_segment *d = &e->segments[i];
		struct segment g = {
			.title = (char *)d->title, .note = (char *)d->note,
			.timed = d->from != NULL,
		};
		if (d->from) {
			g.from_min = minutes(d->from);
			g.to_min = minutes(d->to);
		}
		if (d->partner)
			strv_add(&g.partners, d->partner);
		add_segment_extras(&g);
		series_add_segment(s, &g);
		strv_free(&g.partners);
	}
}

/* January only, and hours that changed with demand one Saturday. */
static int shape_warm_station(struct series *s, struct herr *err)
{
	struct civil until = s->sched.start, sat = s->sched.start;
	struct override *o;
	char *rule;
	int rc;

	until.day = 31;
	until.hour = 23, until.min = 59, until.sec = 59;
	rule = sched_rule_with_end(&s->sched, s->sched.rrule, &until, 0);
	free(s->sched.rrule);
	s->sched.rrule = rule;
	if ((rc = sched_prepare(&s->sched, err)) != HE_OK)
		return rc;
	/* The second Saturday of January opens until eight. */
	sat = civil_add_days(sat, (5 - civil_weekday(&sat) + 7) % 7 + 7);
	if ((rc = series_override(s, &sat, &o, err)) != HE_OK)
		return rc;
	o->moved = true;
	o->start = sat;
	o->end = sat;
	o->end.hour = 20;
	o->note = xstrdup("需求增加，延长开放至20:00");
	return HE_OK;
}

static int add_places(struct store *st, struct herr *err)
{
	int rc;

	for (size_t i = 0; i < sizeof venues / sizeof *venues; i++) {
		const struct demo_venue *d = &venues[i];
		struct venue v = { 0 };
		v.name = (char *)d->name;
		v.address = (char *)d->address;
		v.type = (char *)d->type;
		v.has_geo = d->lat != 0;
		v.lat = d->lat;
		v.lon = d->lon;
		for (int j = 0; j < 6 && d->services[j]; j++)
			strv_add(&v.services, d->services[j]);
		rc = store_venue_put(st, NULL, &v, err);
		strv_free(&v.services);
		if (rc != HE_OK)
			return rc;
	}
	for (size_t i = 0; i < sizeof orgs / sizeof *orgs; i++) {
		struct org o = { .name = (char *)orgs[i].name,
				 .type = (char *)orgs[i].type };
		if ((rc = store_org_put(st, NULL, &o, err)) != HE_OK)
			return rc;
	}
	return HE_OK;
}

/* The demo goes into the log as one import, with what it added. */
static int log_demo(struct store *st, size_t n, struct herr *err)
{
	struct changes ch = { 0 };
	int rc;

	changes_take(&ch, "added", NULL, xasprintf("%zu", n));
	rc = store_audit_held(st, &(struct audit_change){
		.action = AUDIT_IMPORT, .entity = AUDIT_CALENDAR,
		.ref = "demo", .label = "demo", .fields = &ch }, err);
	changes_free(&ch);
	return rc;
}

int demo_load(struct store *st, int64_t now, struct herr *err)
{
	size_t n = sizeof events / sizeof *events;
	int rc;

	if ((rc = store_begin(st, err)) != HE_OK)
		return rc;
	store_audit_hold(st, true);
	if ((rc = add_places(st, err)) != HE_OK)
		goto fail;
	for (size_t i = 0; i < n; i++) {
		struct series s;
		build_event(&events[i], now, &s);
		rc = sched_prepare(&s.sched, err);
		if (rc == HE_OK && !strcmp(s.kind, "warm-station"))
			rc = shape_warm_station(&s, err);
		if (rc == HE_OK)
			rc = store_series_save(st, &s, err);
		series_free(&s);
		if (rc != HE_OK)
			goto fail;
	}
	if ((rc = demo_people_load(st, now, err)) != HE_OK ||
	    (rc = report_demo_load(st, now, err)) != HE_OK ||
	    (rc = stations_demo_load(st, err)) != HE_OK ||
	    (rc = log_demo(st, n, err)) != HE_OK)
		goto fail;
	store_audit_hold(st, false);
	return store_commit(st, err);
fail:
	store_audit_hold(st, false);
	store_rollback(st);
	return rc;
}
