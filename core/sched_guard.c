/* sched_guard.c - refusing repeat rules libical could not expand fast. */
#include "sched_guard.h"

#include <stdbool.h>
#include <stdlib.h>

#include "i18n.h"

static int count(const short *by, int size)
{
	int n = 0;

	while (n < size && by[n] != ICAL_RECURRENCE_ARRAY_MAX)
		n++;
	return n;
}

static const int month_days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30,
				  31 };

/* True when some BYMONTHDAY falls in some month BYMONTH allows. */
static bool month_days_possible(const struct icalrecurrencetype *r)
{
	int nd = count(r->by_month_day, ICAL_BY_MONTHDAY_SIZE);
	int nm = count(r->by_month, ICAL_BY_MONTH_SIZE);

	if (nd == 0)
		return true;
	for (int i = 0; i < nd; i++)
		for (int m = 1; m <= 12; m++) {
			bool allowed = nm == 0;
			for (int j = 0; j < nm && !allowed; j++)
				allowed = r->by_month[j] == m;
			if (allowed && abs(r->by_month_day[i]) <= month_days[m - 1])
				return true;
		}
	return false;
}

/*
 * False when an ordinal BYDAY asks for more of a weekday than a period
 * holds: a month has at most five Wednesdays, a year at most 53.
 */
static bool weekdays_possible(const struct icalrecurrencetype *r)
{
	bool in_months = r->freq == ICAL_MONTHLY_RECURRENCE ||
			 count(r->by_month, ICAL_BY_MONTH_SIZE) > 0;
	int most = in_months ? 5 : 53;

	for (int i = 0; i < count(r->by_day, ICAL_BY_DAY_SIZE); i++)
		if (abs(icalrecurrencetype_day_position(r->by_day[i])) > most)
			return false;
	return true;
}

static long at_least_one(int n)
{
	return n > 0 ? n : 1;
}

/*
 * An upper bound of the instances one period of r holds before BYSETPOS
 * picks among them (a month's Thursdays are at most five, its first
 * Thursday one).
 */
static long set_size(const struct icalrecurrencetype *r)
{
	int nd = count(r->by_day, ICAL_BY_DAY_SIZE);
	int nmd = count(r->by_month_day, ICAL_BY_MONTHDAY_SIZE);
	int nm = count(r->by_month, ICAL_BY_MONTH_SIZE);
	int nyd = count(r->by_year_day, ICAL_BY_YEARDAY_SIZE);
	int nwn = count(r->by_week_no, ICAL_BY_WEEKNO_SIZE);
	long hours = at_least_one(count(r->by_hour, ICAL_BY_HOUR_SIZE));
	long minutes = at_least_one(count(r->by_minute, ICAL_BY_MINUTE_SIZE));
	long seconds = at_least_one(count(r->by_second, ICAL_BY_SECOND_SIZE));
	long days = 0;

	for (int i = 0; i < nd; i++) {
		bool ordinal = icalrecurrencetype_day_position(r->by_day[i]) != 0;
		switch (r->freq) {
		case ICAL_MONTHLY_RECURRENCE: days += ordinal ? 1 : 5; break;
		case ICAL_YEARLY_RECURRENCE:
			days += ordinal ? at_least_one(nm) : nm ? 5L * nm : 53;
			break;
		default: days += 1; break;
		}
	}
	switch (r->freq) {
	case ICAL_SECONDLY_RECURRENCE: return 1;
	case ICAL_MINUTELY_RECURRENCE: return seconds;
	case ICAL_HOURLY_RECURRENCE: return minutes * seconds;
	case ICAL_DAILY_RECURRENCE: break;
	case ICAL_WEEKLY_RECURRENCE: days = nd ? days : 1; break;
	case ICAL_MONTHLY_RECURRENCE:
		days = nmd ? (nd && days < nmd ? days : nmd) : nd ? days : 1;
		break;
	default:
		days = nyd ? nyd : nwn ? 7L * nwn
		     : nmd ? (long)nmd * at_least_one(nm) : nd ? days
		     : at_least_one(nm);
		break;
	}
	return at_least_one((int)(days < 1000 ? days : 1000)) * hours * minutes *
	       seconds;
}

const char *sched_rule_problem(const struct icalrecurrencetype *r)
{
	bool by_date = count(r->by_month, ICAL_BY_MONTH_SIZE) ||
		       count(r->by_month_day, ICAL_BY_MONTHDAY_SIZE) ||
		       count(r->by_year_day, ICAL_BY_YEARDAY_SIZE) ||
		       count(r->by_week_no, ICAL_BY_WEEKNO_SIZE);

	if (r->freq == ICAL_HOURLY_RECURRENCE && by_date)
		return N_("an hourly rule limited to some dates is not supported");
	/* RFC 5545 3.3.10: BYSETPOS only with another BY part; alone,
	 * libical searches for a second before refusing (fuzz: timeout). */
	if (count(r->by_set_pos, ICAL_BY_SETPOS_SIZE) && !by_date &&
	    !count(r->by_day, ICAL_BY_DAY_SIZE) &&
	    !count(r->by_hour, ICAL_BY_HOUR_SIZE) &&
	    !count(r->by_minute, ICAL_BY_MINUTE_SIZE) &&
	    !count(r->by_second, ICAL_BY_SECOND_SIZE))
		return N_("BYSETPOS needs another BY part to choose from");
	/* A position the other parts never reach: libical searches for a
	 * second before giving up on each such rule (fuzz: timeout). */
	for (int i = 0; i < count(r->by_set_pos, ICAL_BY_SETPOS_SIZE); i++)
		if (labs((long)r->by_set_pos[i]) > set_size(r))
			return N_("BYSETPOS picks a position the rule's other "
				  "parts never reach");
	if (!month_days_possible(r))
		return N_("BYMONTHDAY never falls in the months of BYMONTH");
	/* A sixth Wednesday of a month: libical searches for a second before
	 * refusing each such rule (fuzz: timeout). */
	if (!weekdays_possible(r))
		return N_("BYDAY picks a weekday beyond the last of the month or "
			  "year");
	if (count(r->by_year_day, ICAL_BY_YEARDAY_SIZE) &&
	    (count(r->by_month, ICAL_BY_MONTH_SIZE) ||
	     count(r->by_month_day, ICAL_BY_MONTHDAY_SIZE) ||
	     count(r->by_week_no, ICAL_BY_WEEKNO_SIZE)))
		return N_("BYYEARDAY with BYMONTH, BYMONTHDAY or BYWEEKNO is "
			  "not supported");
	if (count(r->by_week_no, ICAL_BY_WEEKNO_SIZE) &&
	    (count(r->by_month, ICAL_BY_MONTH_SIZE) ||
	     count(r->by_month_day, ICAL_BY_MONTHDAY_SIZE)))
		return N_("BYWEEKNO with BYMONTH or BYMONTHDAY is not supported");
	return NULL;
}

const char *sched_zone_rule_problem(const struct icalrecurrencetype *r)
{
	if (r->freq != ICAL_YEARLY_RECURRENCE)
		return N_("an observance repeats other than yearly");
	if (count(r->by_hour, ICAL_BY_HOUR_SIZE) ||
	    count(r->by_minute, ICAL_BY_MINUTE_SIZE) ||
	    count(r->by_second, ICAL_BY_SECOND_SIZE) ||
	    count(r->by_year_day, ICAL_BY_YEARDAY_SIZE) ||
	    count(r->by_week_no, ICAL_BY_WEEKNO_SIZE) ||
	    count(r->by_set_pos, ICAL_BY_SETPOS_SIZE) ||
	    count(r->by_month, ICAL_BY_MONTH_SIZE) > 1 ||
	    count(r->by_day, ICAL_BY_DAY_SIZE) > 1 ||
	    count(r->by_month_day, ICAL_BY_MONTHDAY_SIZE) > 7)
		return N_("an observance changes more often than once a year");
	return sched_rule_problem(r);
}
