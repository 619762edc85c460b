/*
 * demo_stations.c - the demo's station network in Panjin (盘锦): trade-
 * union stations, driver's homes, taxi stations and the pharmacy chain's
 * first twelve shops (a network, where the daily blood-pressure checks of
 * the demo calendar are held), with plausible WGS-84 points in the city's
 * districts (兴隆台, 双台子, 大洼, 盘山), services and opening hours; and
 * places where riders gather and people live, whose coverage the
 * 15-minute circle is measured on. One 24-hour station stands next to
 * 盘锦工会驿站（兴隆台）, so that "open near it" has an answer at any
 * hour.
 */
#include "stations.h"

#include <stdlib.h>
#include <string.h>

struct demo_station {
	const char *ref, *name, *type, *address;
	double lat, lon;
	const char *hours, *contact;
	const char *services[6];
};

#define UNION "工会驿站"
#define DRIVER "司机之家"
#define TAXI "的士驿站"
#define PHARMACY "药店驿站"
#define UNION_SERVICES { "休息", "热水", "手机充电", "微波炉", "如厕" }
#define TAXI_SERVICES { "休息", "热水", "如厕", "车辆充电" }
#define DRIVER_SERVICES { "餐饮", "住宿", "免费停车", "淋浴", "热水" }
#define PHARMACY_SERVICES { "休息饮水", "免费测血压", "免费测血糖", \
			    "应急药品", "手机充电" }

/* The network the pharmacy shops belong to (a venue of the calendar). */
#define PHARMACY_NETWORK "暖“新”驿站（连锁药店）"

static const struct demo_station stations[] = {
	/* Venues the demo calendar already has: their points and hours. */
	{ "PJ-GH-001", "盘锦工会驿站（兴隆台）", UNION, "盘锦市兴隆台区石油大街",
	  41.1200, 122.0700, "Mo-Su 07:00-21:00", "0427-2800001", UNION_SERVICES },
	{ "PJ-SJ-001", "盘锦司机之家", DRIVER, "盘锦市双台子区盘锦站货场路",
	  41.2000, 122.0600, "24/7", "0427-2800101", DRIVER_SERVICES },
	{ "PJ-DS-001", "盘锦的士驿站", TAXI, "盘锦市兴隆台区盘锦站站前",
	  41.1905, 122.0530, "Mo-Su 06:00-23:00", "0427-2800201", TAXI_SERVICES },
	/* Trade-union stations. */
	{ "PJ-GH-002", "工会驿站（石油大街·24小时）", UNION,
	  "盘锦市兴隆台区石油大街与惠宾街交汇处", 41.1231, 122.0738, "24/7",
	  "0427-2800002", UNION_SERVICES },
	{ "PJ-GH-003", "工会驿站（万达广场）", UNION, "盘锦市兴隆台区万达广场北门",
	  41.1290, 122.0712, "Mo-Su 09:00-22:00", "0427-2800003",
	  UNION_SERVICES },
	{ "PJ-GH-004", "工会驿站（渤海街道）", UNION, "盘锦市兴隆台区渤海街道",
	  41.1102, 122.0905, "Mo-Fr 08:00-18:00; Sa,Su 09:00-17:00; PH off",
	  "0427-2800004", UNION_SERVICES },
	{ "PJ-GH-005", "工会驿站（兴隆街道）", UNION, "盘锦市兴隆台区兴隆街道",
	  41.1378, 122.0551, "Mo-Su 08:00-20:00", "0427-2800005",
	  UNION_SERVICES },
	{ "PJ-GH-006", "工会驿站（红旗街道）", UNION, "盘锦市双台子区红旗街道",
	  41.1961, 122.0702, "Mo-Sa 08:00-19:00; Su 10:00-16:00",
	  "0427-2800006", UNION_SERVICES },
	{ "PJ-GH-007", "工会驿站（建设街道）", UNION, "盘锦市双台子区建设街道",
	  41.2104, 122.0498, "Mo-Su 07:30-20:30", "0427-2800007",
	  UNION_SERVICES },
	{ "PJ-GH-008", "工会驿站（大洼城区）", UNION, "盘锦市大洼区田家街道",
	  41.0026, 122.0820, "Mo-Su 08:00-20:00", "0427-2800008",
	  UNION_SERVICES },
	{ "PJ-GH-009", "工会驿站（盘山县城）", UNION, "盘锦市盘山县太平街道",
	  41.2432, 121.9967, "Mo-Su 08:00-20:00", "0427-2800009",
	  UNION_SERVICES },
	{ "PJ-GH-010", "工会驿站（辽河油田生活区）", UNION,
	  "盘锦市兴隆台区油田生活区", 41.1051, 122.0478,
	  "Mo-Fr 07:00-21:00; Sa,Su 08:00-20:00", "0427-2800010",
	  UNION_SERVICES },
	{ "PJ-GH-011", "工会驿站（盘锦北站）", UNION, "盘锦市双台子区盘锦北站",
	  41.2466, 122.1180, "Mo-Su 06:00-22:00", "0427-2800011",
	  UNION_SERVICES },
	/* Driver's homes. */
	{ "PJ-SJ-002", "司机之家（大洼物流园）", DRIVER, "盘锦市大洼区物流园区",
	  41.0205, 122.1052, "24/7", "0427-2800102", DRIVER_SERVICES },
	{ "PJ-SJ-003", "司机之家（盘山服务区）", DRIVER, "京哈高速盘山服务区",
	  41.2583, 121.9452, "24/7", "0427-2800103", DRIVER_SERVICES },
	{ "PJ-SJ-004", "司机之家（辽滨港区）", DRIVER, "盘锦市辽东湾新区辽滨港区",
	  40.7102, 122.0951, "Mo-Su 06:00-24:00", "0427-2800104",
	  DRIVER_SERVICES },
	{ "PJ-SJ-005", "司机之家（兴隆台货运站）", DRIVER, "盘锦市兴隆台区货运站",
	  41.1452, 122.0301, "24/7", "0427-2800105", DRIVER_SERVICES },
	/* Taxi stations. */
	{ "PJ-DS-002", "的士驿站（中兴路）", TAXI, "盘锦市兴隆台区中兴路",
	  41.1187, 122.0621, "Mo-Su 06:00-23:00", "0427-2800202", TAXI_SERVICES },
	{ "PJ-DS-003", "的士驿站（市政府）", TAXI, "盘锦市兴隆台区市府大路",
	  41.1152, 122.0746, "Mo-Su 07:00-22:00", "0427-2800203", TAXI_SERVICES },
	{ "PJ-DS-004", "的士驿站（双台子客运站）", TAXI, "盘锦市双台子区客运站",
	  41.1998, 122.0571, "Mo-Su 05:30-22:30", "0427-2800204", TAXI_SERVICES },
	{ "PJ-DS-005", "的士驿站（盘锦北站）", TAXI, "盘锦市双台子区盘锦北站出站口",
	  41.2460, 122.1195, "Mo-Su 06:00-24:00", "0427-2800205", TAXI_SERVICES },
	{ "PJ-DS-006", "的士驿站（大洼）", TAXI, "盘锦市大洼区田庄台路",
	  41.0068, 122.0752, "Mo-Su 06:00-22:00", "0427-2800206", TAXI_SERVICES },
	{ "PJ-DS-007", "的士驿站（夜间·泰山路）", TAXI, "盘锦市兴隆台区泰山路",
	  41.1330, 122.0815, "Mo-Su 20:00-06:00", "0427-2800207", TAXI_SERVICES },
	/* The pharmacy chain's first twelve shops. */
	{ "PJ-YD-01", "暖“新”驿站·连锁药店（石油大街店）", PHARMACY,
	  "盘锦市兴隆台区石油大街", 41.1219, 122.0665, "Mo-Su 08:00-21:00",
	  "0427-2800301", PHARMACY_SERVICES },
	{ "PJ-YD-02", "暖“新”驿站·连锁药店（惠宾街店）", PHARMACY,
	  "盘锦市兴隆台区惠宾街", 41.1262, 122.0789, "Mo-Su 08:00-21:00",
	  "0427-2800302", PHARMACY_SERVICES },
	{ "PJ-YD-03", "暖“新”驿站·连锁药店（泰山路店）", PHARMACY,
	  "盘锦市兴隆台区泰山路", 41.1341, 122.0843, "Mo-Su 08:00-22:00",
	  "0427-2800303", PHARMACY_SERVICES },
	{ "PJ-YD-04", "暖“新”驿站·连锁药店（兴隆街店）", PHARMACY,
	  "盘锦市兴隆台区兴隆街道", 41.1398, 122.0602, "Mo-Su 08:00-21:00",
	  "0427-2800304", PHARMACY_SERVICES },
	{ "PJ-YD-05", "暖“新”驿站·连锁药店（渤海店）", PHARMACY,
	  "盘锦市兴隆台区渤海街道", 41.1079, 122.0861, "Mo-Su 08:00-21:00",
	  "0427-2800305", PHARMACY_SERVICES },
	{ "PJ-YD-06", "暖“新”驿站·连锁药店（油田店）", PHARMACY,
	  "盘锦市兴隆台区油田生活区", 41.1032, 122.0521, "Mo-Su 08:00-20:00",
	  "0427-2800306", PHARMACY_SERVICES },
	{ "PJ-YD-07", "暖“新”驿站·连锁药店（红旗店）", PHARMACY,
	  "盘锦市双台子区红旗大街", 41.1942, 122.0668, "Mo-Su 08:00-21:00",
	  "0427-2800307", PHARMACY_SERVICES },
	{ "PJ-YD-08", "暖“新”驿站·连锁药店（建设店）", PHARMACY,
	  "盘锦市双台子区建设街道", 41.2089, 122.0552, "Mo-Su 08:00-21:00",
	  "0427-2800308", PHARMACY_SERVICES },
	{ "PJ-YD-09", "暖“新”驿站·连锁药店（胜利店）", PHARMACY,
	  "盘锦市双台子区胜利街道", 41.1880, 122.0801, "Mo-Su 08:00-20:00",
	  "0427-2800309", PHARMACY_SERVICES },
	{ "PJ-YD-10", "暖“新”驿站·连锁药店（大洼店）", PHARMACY,
	  "盘锦市大洼区田家街道", 41.0041, 122.0858, "Mo-Su 08:00-20:00",
	  "0427-2800310", PHARMACY_SERVICES },
	{ "PJ-YD-11", "暖“新”驿站·连锁药店（盘山店）", PHARMACY,
	  "盘锦市盘山县太平街道", 41.2410, 122.0021, "Mo-Su 08:00-20:00",
	  "0427-2800311", PHARMACY_SERVICES },
	{ "PJ-YD-12", "暖“新”驿站·连锁药店（北站店）", PHARMACY,
	  "盘锦市双台子区盘锦北站", 41.2449, 122.1152, "Mo-Su 08:00-21:00",
	  "0427-2800312", PHARMACY_SERVICES },
};

/* Where people live and riders gather, with how many. */
static const struct {
	const char *ref, *name;
	double lat, lon, weight;
} demand[] = {
	{ "D-01", "兴隆台万达广场骑手集散点", 41.1285, 122.0720, 180 },
	{ "D-02", "石油大街外卖商圈", 41.1210, 122.0690, 240 },
	{ "D-03", "盘锦站站前广场", 41.1910, 122.0545, 120 },
	{ "D-04", "双台子区红旗街道社区", 41.1975, 122.0730, 9000 },
	{ "D-05", "兴隆台区渤海街道社区", 41.1090, 122.0930, 12000 },
	{ "D-06", "大洼区田家街道社区", 41.0010, 122.0800, 8000 },
	{ "D-07", "盘山县城太平街道", 41.2420, 121.9990, 11000 },
	{ "D-08", "辽河油田生活区", 41.1040, 122.0490, 15000 },
	{ "D-09", "胡家镇", 41.1856, 121.9188, 6000 },
	{ "D-10", "二界沟渔港", 40.8085, 122.0532, 4000 },
};

static int put_station(struct store *st, const struct demo_station *d,
		       struct herr *err)
{
	struct station s = { 0 }, old;
	bool existing = store_station_get(st, d->name, &old, NULL) == HE_OK;
	int rc;

	if (existing) {
		s.v.notes = old.v.notes;
		old.v.notes = NULL;
		station_free(&old);
	}
	s.v.name = xstrdup(d->name);
	s.v.type = xstrdup(d->type);
	s.v.address = xstrdup(d->address);
	s.v.has_geo = true;
	s.v.lat = d->lat;
	s.v.lon = d->lon;
	for (int i = 0; i < 6 && d->services[i]; i++)
		strv_add(&s.v.services, d->services[i]);
	s.ref = xstrdup(d->ref);
	s.contact = xstrdup(d->contact);
	s.hours = xstrdup(d->hours);
	rc = store_station_put(st, existing ? d->name : NULL, &s, err);
	station_free(&s);
	return rc;
}

/* The pharmacy chain's venue becomes the network of its shops. */
static int make_network(struct store *st, struct herr *err)
{
	struct station net;
	int rc = store_station_get(st, PHARMACY_NETWORK, &net, err);

	if (rc != HE_OK)
		return rc;
	strv_free(&net.members);
	for (size_t i = 0; i < sizeof stations / sizeof *stations; i++)
		if (!strcmp(stations[i].type, PHARMACY))
			strv_add(&net.members, stations[i].name);
	rc = store_station_put(st, PHARMACY_NETWORK, &net, err);
	station_free(&net);
	return rc;
}

int stations_demo_load(struct store *st, struct herr *err)
{
	int rc;

	for (size_t i = 0; i < sizeof stations / sizeof *stations; i++)
		if ((rc = put_station(st, &stations[i], err)) != HE_OK)
			return rc;
	if ((rc = make_network(st, err)) != HE_OK)
		return rc;
	for (size_t i = 0; i < sizeof demand / sizeof *demand; i++) {
		struct demand_point p = { 0, (char *)demand[i].ref,
					  (char *)demand[i].name, demand[i].lat,
					  demand[i].lon, demand[i].weight };
		if ((rc = store_demand_put(st, &p, NULL, NULL, err)) != HE_OK)
			return rc;
	}
	return HE_OK;
}
