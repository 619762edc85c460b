/*
 * demo_report.c - the demo calendar's numbers: what was counted at the
 * stations, the pharmacy station, the fair and the warm-winter station on
 * the days they have been open, and the suggestions riders, couriers and
 * drivers made, with what became of them. Counts are made up but in the
 * proportions of the Panjin and Shenyang reports; the same "now" gives
 * the same numbers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../suggest/suggest.h"
#include "../tally/tally.h"
#include "../tz.h"
#include "report.h"

#define DEMO_TZ "Asia/Shanghai"

/* What a kind counts in the demo: category, least and most per day. */
struct demo_count {
	const char *kind, *category;
	int lo, hi;
};

static const struct demo_count counts[] = {
	{ "station", "served", 40, 95 }, { "station", "meals", 20, 60 },
	{ "station", "rests", 30, 80 }, { "station", "parked", 15, 45 },
	{ "station", "charging", 5, 30 }, { "station", "lodgings", 0, 12 },
	{ "clinic", "served", 20, 50 }, { "clinic", "bp-checks", 15, 40 },
	{ "clinic", "glucose-checks", 5, 20 }, { "clinic", "rests", 10, 30 },
	{ "fair", "served", 260, 420 }, { "fair", "consultations", 60, 120 },
	{ "fair", "bp-checks", 50, 90 },
	{ "warm-station", "served", 60, 130 }, { "warm-station", "drinks", 80, 220 },
	{ "warm-station", "charging", 10, 40 }, { "warm-station", "rests", 40, 90 },
};

/* A number in [lo, hi] that depends only on the occurrence and category. */
static int64_t made_up(int64_t start, size_t i, int lo, int hi)
{
	uint64_t z = (uint64_t)start * 0x9e3779b97f4a7c15ULL + i * 0xbf58476dULL;

	z ^= z >> 29;
	z *= 0x94d049bb133111ebULL;
	z ^= z >> 32;
	return lo + (int64_t)(z % (uint64_t)(hi - lo + 1));
}

static int count_occurrence(struct store *st, const struct config *cfg,
			    const struct occ *o, int64_t now, struct herr *err)
{
	struct tally_input in[8];
	size_t n = 0;

	for (size_t i = 0; i < sizeof counts / sizeof *counts && n < 8; i++)
		if (!strcmp(counts[i].kind, o->kind))
			in[n++] = (struct tally_input){
				counts[i].category,
				made_up(o->start, i, counts[i].lo, counts[i].hi),
				false, 0 };
	if (n == 0 || o->cancelled)
		return HE_OK;
	return tally_record(st, cfg, o->series_id, &o->rid, in, n, now, err);
}

/* Counts at every occurrence of the last 90 days that has started. */
static int add_tallies(struct store *st, const struct config *cfg,
		       int64_t now, struct herr *err)
{
	struct occ_list l = { 0 };
	int rc = store_occurrences(st, now - 90 * 86400LL, now, NULL, 0, &l, err);

	for (size_t i = 0; rc == HE_OK && i < l.n; i++)
		if (l.v[i].start <= now)
			rc = count_occurrence(st, cfg, &l.v[i], now, err);
	occ_list_free(&l);
	return rc;
}

struct demo_suggestion {
	const char *text, *topic, *source, *venue;
	enum sugg_status status;
	const char *note;
};

#define STATION "盘锦工会驿站（兴隆台）"
#define DRIVERS "盘锦司机之家"
#define TAXI "盘锦的士驿站"
#define PHARMACY "暖“新”驿站（连锁药店）"

static const struct demo_suggestion suggestions[] = {
	{ "希望平台公开派单和计价规则，减少超时罚款", "labour-rights", "外卖骑手",
	  NULL, SUGG_REVIEW, "已转交网约车配送行业委员会与平台沟通" },
	{ "建议为骑手购买职业伤害保障，并简化理赔流程", "labour-rights",
	  "外卖骑手", NULL, SUGG_ADOPTED, "纳入服务清单，联系保险机构对接" },
	{ "恶劣天气时希望平台延长配送时限", "labour-rights", "外卖骑手 王师傅",
	  NULL, SUGG_ADOPTED, "平台已同意雨雪天气延长时限" },
	{ "希望明确网约车抽成比例上限", "labour-rights", "网约车司机", NULL,
	  SUGG_REVIEW, "报市交通运输局研究" },
	{ "快递员派件费被层层克扣，希望有关部门监督", "labour-rights", "快递员",
	  NULL, SUGG_NEW, NULL },
	{ "希望工会帮助新就业群体入会，维护合法权益", "labour-rights", "快递员",
	  STATION, SUGG_DONE, "已在驿站设立入会登记点" },
	{ "驿站希望延长开放时间到晚上十点", "care", "外卖骑手", STATION,
	  SUGG_ADOPTED, "冬季试行延长至21:00" },
	{ "冬季希望驿站提供热饭热汤", "care", "外卖骑手 张师傅", STATION,
	  SUGG_DONE, "与周边餐馆合作提供爱心餐" },
	{ "希望在驿站配备微波炉和冰箱", "care", "快递员", STATION, SUGG_DONE,
	  "已配备" },
	{ "希望开展免费体检，特别是腰椎和颈椎检查", "care", "货车司机", DRIVERS,
	  SUGG_REVIEW, "联系抚顺总医院骨科" },
	{ "子女暑期托管有困难，希望社区提供托管服务", "care", "快递员", NULL,
	  SUGG_NEW, NULL },
	{ "希望提供心理疏导和法律咨询服务", "care", "网约车司机", NULL,
	  SUGG_ADOPTED, "每月第二个周六在驿站开展" },
	{ "希望药店驿站增加测血糖的时段", "care", "环卫工人", PHARMACY, SUGG_NEW,
	  NULL },
	{ "驿站充电插座不够，高峰时要排队", "facilities", "外卖骑手", STATION,
	  SUGG_DONE, "新增12个插座" },
	{ "希望增设电动车换电柜", "facilities", "外卖骑手", NULL, SUGG_REVIEW,
	  "选址中" },
	{ "司机之家停车位紧张，夜间经常停满", "facilities", "货车司机", DRIVERS,
	  SUGG_REVIEW, "协调周边空地" },
	{ "希望在商圈附近增设临时停车点，方便取餐", "facilities", "外卖骑手",
	  NULL, SUGG_NEW, NULL },
	{ "的士驿站卫生间需要维修", "facilities", "出租车司机", TAXI, SUGG_DONE,
	  "已维修" },
	{ "希望驿站增加淋浴设施", "facilities", "货车司机", DRIVERS, SUGG_DECLINED,
	  "场地条件不具备，暂不采纳" },
	{ "小区门禁不让骑手进入，希望统一设置外卖柜", "facilities", "外卖骑手",
	  NULL, SUGG_ADOPTED, "试点小区安装外卖柜" },
	{ "部分路口信号灯时间过短，骑手过马路危险", "safety", "外卖骑手", NULL,
	  SUGG_REVIEW, "转交交警部门" },
	{ "希望开展电动车安全骑行培训", "safety", "快递员", NULL, SUGG_ADOPTED,
	  "与高速一大队联合开展" },
	{ "夜间送餐路段照明不足", "safety", "外卖骑手", NULL, SUGG_NEW, NULL },
	{ "建议在学校周边设置骑手限速提示", "safety", "居民", NULL, SUGG_DECLINED,
	  "已有限速标志" },
	{ "冬季路面结冰，希望及时清雪撒盐", "safety", "环卫工人", NULL, SUGG_DONE,
	  "志愿者扫雪队已出动" },
	{ "红色骑手巡查发现井盖破损，希望尽快修复", "governance",
	  "红色骑手 李师傅", NULL, SUGG_DONE, "已通知市政修复" },
	{ "发现小区消防通道被占用", "governance", "红色骑手", NULL, SUGG_REVIEW,
	  "已反馈网格员" },
	{ "部分商家后厨卫生差", "governance", "食品安全监督员", NULL, SUGG_NEW,
	  NULL },
	{ "希望积分可以兑换理发、体检等服务", "governance", "外卖骑手", STATION,
	  SUGG_ADOPTED, "积分兑换日每月举办" },
	{ "希望社区为骑手开设意见反馈专线", "governance", "网约车司机", TAXI,
	  SUGG_NEW, NULL },
	{ "希望多组织骑手之间的联谊活动", "other", "外卖骑手", NULL, SUGG_NEW,
	  NULL },
	{ "希望提供技能培训和学历提升机会", "other", "快递员", NULL, SUGG_REVIEW,
	  "与职业学校洽谈" },
	{ "建议开通驿站服务的微信小程序查询", "other", "网约车司机", NULL,
	  SUGG_DECLINED, "使用现有公众号" },
	{ "希望表彰优秀骑手和快递员", "other", "居民", NULL, SUGG_NEW, NULL },
};

#define N_SUGGESTIONS (sizeof suggestions / sizeof *suggestions)

static int add_suggestion(struct store *st, const struct config *cfg,
			  const struct demo_suggestion *d, size_t i,
			  const struct civil *today, int64_t now,
			  struct herr *err)
{
	struct suggestion g;
	/* Received over the last eight weeks, the oldest first, the last
	   today. */
	int64_t ago = 56 - (int64_t)i * 56 / (int64_t)(N_SUGGESTIONS - 1);
	int64_t received_at = now - ago * 86400;

	suggestion_init(&g);
	g.text = xstrdup(d->text);
	g.topic = xstrdup(d->topic);
	g.source = xstrdup(d->source);
	g.venue = xstrdup0(d->venue);
	g.received = civil_add_days(*today, -ago);
	int64_t looked = received_at + 2 * 86400, settled = received_at + 5 * 86400;
	int rc = suggest_add(st, cfg, &g, today, received_at, err);

	/* Looked at two days after it came in, settled three days later. */
	looked = looked < now ? looked : now;
	settled = settled < now ? settled : now;
	if (rc == HE_OK && d->status != SUGG_NEW && d->status != SUGG_DECLINED)
		rc = suggest_set_status(st, g.id, SUGG_REVIEW,
					d->status == SUGG_REVIEW ? d->note : NULL,
					0, looked, err);
	if (rc == HE_OK && d->status != SUGG_NEW && d->status != SUGG_REVIEW)
		rc = suggest_set_status(st, g.id, d->status, d->note, 0, settled,
					err);
	suggestion_free(&g);
	return rc;
}

int report_demo_load(struct store *st, int64_t now, struct herr *err)
{
	struct config cfg;
	struct civil today = tz_from_utc(tz_get(DEMO_TZ), now, NULL);
	int rc;

	today.hour = today.min = today.sec = 0;
	config_init(&cfg);
	if ((rc = store_begin(st, err)) != HE_OK) {
		config_free(&cfg);
		return rc;
	}
	rc = add_tallies(st, &cfg, now, err);
	for (size_t i = 0; rc == HE_OK && i < N_SUGGESTIONS; i++)
		rc = add_suggestion(st, &cfg, &suggestions[i], i, &today, now, err);
	config_free(&cfg);
	if (rc != HE_OK) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st, err);
}
