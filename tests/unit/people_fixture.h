/*
 * people_fixture.h - what the people, shift and points tests share: the
 * warm-winter station (Fri-Sun 10:00-18:00 all January 2027, Shanghai), a
 * snow clearing on Saturday 9 January 11:00-12:00, volunteers, and a
 * config with points rules. Include after cmocka.h and testutil.h.
 */
#ifndef HEARTH_PEOPLE_FIXTURE_H
#define HEARTH_PEOPLE_FIXTURE_H

#include "../../core/config.h"
#include "../../core/people/people.h"

#define ZONE "Asia/Shanghai"

/* Saves a series of kind with title from start to end (wall clock in
 * ZONE), repeating by rrule when not NULL; returns its row. */
static inline int64_t make_series(struct store *st, const char *kind,
				  const char *title, const char *start,
				  const char *end, const char *rrule)
{
	struct series s;
	struct herr err = { 0 };
	int64_t id;

	series_init(&s);
	s.kind = xstrdup(kind);
	s.title = xstrdup(title);
	snprintf(s.sched.tzid, sizeof s.sched.tzid, "%s", ZONE);
	s.sched.start = cv(start);
	s.sched.end = cv(end);
	s.sched.rrule = xstrdup0(rrule);
	if (sched_prepare(&s.sched, &err) != HE_OK ||
	    store_series_save(st, &s, &err) != HE_OK)
		fail_msg("%s", err.msg);
	id = s.id;
	series_free(&s);
	return id;
}

static inline int64_t warm_station(struct store *st)
{
	return make_series(st, "warm-station", "β暖冬志愿服务站",
			   "2027-01-01T10:00:00", "2027-01-01T18:00:00",
			   "FREQ=WEEKLY;BYDAY=FR,SA,SU;UNTIL=20270131T235959");
}

static inline int64_t snow_clearing(struct store *st)
{
	return make_series(st, "volunteer", "志愿扫雪", "2027-01-09T11:00:00",
			   "2027-01-09T12:00:00", NULL);
}

static inline int64_t add_person(struct store *st,
				 const struct people_config *pc,
				 const char *name, const char *phone,
				 const char *group)
{
	struct person p;
	struct herr err = { 0 };
	int64_t id;

	person_init(&p);
	p.name = xstrdup(name);
	p.phone = xstrdup0(phone);
	if (group)
		strv_add(&p.groups, group);
	if (person_validate(&p, pc, &err) != HE_OK ||
	    store_person_add(st, &p, &err) != HE_OK)
		fail_msg("%s", err.msg);
	id = p.id;
	person_free(&p);
	return id;
}

/* A config from INI text; fails the test on an error. */
static inline void load_config(struct config *c, const char *text)
{
	struct herr err = { 0 };

	config_init(c);
	if (config_load_string(c, text, "test", &err) != HE_OK)
		fail_msg("%s", err.msg);
}

/* The wall-clock seconds of text, as rules and sign-ups keep them. */
static inline int64_t wall(const char *text)
{
	struct civil c = cv(text);
	return civil_to_seconds(&c);
}

#endif
