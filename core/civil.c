/* civil.c - proleptic Gregorian calendar arithmetic. */
#include "civil.h"

#include <stdio.h>
#include <string.h>

/* Howard Hinnant's days-from-civil algorithm: exact, branch-light, no tables. */
int64_t civil_days(int year, int month, int day)
{
	int64_t y = (int64_t)year - (month <= 2);
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t mp = (month + 9) % 12;
	int64_t doy = (153 * mp + 2) / 5 + day - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void civil_from_days(int64_t days, int *year, int *month, int *day)
{
	int64_t z = days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t m = mp < 10 ? mp + 3 : mp - 9;

	*day = (int)(doy - (153 * mp + 2) / 5 + 1);
	*month = (int)m;
	*year = (int)(yoe + era * 400 + (m <= 2));
}

int64_t civil_to_seconds(const struct civil *c)
{
	return civil_days(c->year, c->month, c->day) * 86400 +
	       c->hour * 3600 + c->min * 60 + c->sec;
}

struct civil civil_from_seconds(int64_t secs)
{
	struct civil c;
	int64_t days = secs / 86400, rem = secs % 86400;

	if (rem < 0) {
		rem += 86400;
		days--;
	}
	civil_from_days(days, &c.year, &c.month, &c.day);
	c.hour = (int)(rem / 3600);
	c.min = (int)(rem / 60 % 60);
	c.sec = (int)(rem % 60);
	return c;
}

int civil_weekday(const struct civil *c)
{
	int64_t d = civil_days(c->year, c->month, c->day);
	/* 1970-01-01 was a Thursday (3 when Monday is 0). */
	int64_t w = (d + 3) % 7;
	return (int)(w < 0 ? w + 7 : w);
}

int civil_days_in_month(int year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	if (month < 1 || month > 12)
		return 0;
	return days[month - 1] + (month == 2 && leap);
}

bool civil_valid(const struct civil *c)
{
	return c->year >= 1 && c->year <= 9999 && c->month >= 1 &&
	       c->month <= 12 && c->day >= 1 &&
	       c->day <= civil_days_in_month(c->year, c->month) &&
	       c->hour >= 0 && c->hour <= 23 && c->min >= 0 && c->min <= 59 &&
	       c->sec >= 0 && c->sec <= 59;
}

int civil_cmp(const struct civil *a, const struct civil *b)
{
	int64_t x = civil_to_seconds(a), y = civil_to_seconds(b);
	return (x > y) - (x < y);
}

struct civil civil_add_days(struct civil c, int64_t days)
{
	civil_from_days(civil_days(c.year, c.month, c.day) + days, &c.year,
			&c.month, &c.day);
	return c;
}

struct civil civil_add_months(struct civil c, int months)
{
	int m0 = c.year * 12 + (c.month - 1) + months;
	int dim;

	c.year = m0 / 12;
	c.month = m0 % 12 + 1;
	dim = civil_days_in_month(c.year, c.month);
	if (c.day > dim)
		c.day = dim;
	return c;
}

char *civil_put_digits(char *p, int v, int width)
{
	if (v < 0)
		v = -v;
	for (int i = width - 1; i >= 0; i--, v /= 10)
		p[i] = (char)('0' + v % 10);
	return p + width;
}

char *civil_format(const struct civil *c, bool date_only, char buf[CIVIL_BUFSZ])
{
	/* By hand where every field is in range: snprintf was 3,000
	 * instructions a date, twice per event stored by an import. */
	if (c->year >= 0 && c->year <= 9999 && c->month >= 0 &&
	    c->month <= 99 && c->day >= 0 && c->day <= 99 && c->hour >= 0 &&
	    c->hour <= 99 && c->min >= 0 && c->min <= 99 && c->sec >= 0 &&
	    c->sec <= 99) {
		char *p = civil_put_digits(buf, c->year, 4);
		*p++ = '-';
		p = civil_put_digits(p, c->month, 2);
		*p++ = '-';
		p = civil_put_digits(p, c->day, 2);
		if (!date_only) {
			*p++ = 'T';
			p = civil_put_digits(p, c->hour, 2);
			*p++ = ':';
			p = civil_put_digits(p, c->min, 2);
			*p++ = ':';
			p = civil_put_digits(p, c->sec, 2);
		}
		*p = '\0';
		return buf;
	}
	if (date_only)
		snprintf(buf, CIVIL_BUFSZ, "%04d-%02d-%02d", c->year % 10000,
			 c->month % 100, c->day % 100);
	else
		snprintf(buf, CIVIL_BUFSZ, "%04d-%02d-%02dT%02d:%02d:%02d",
			 c->year % 10000, c->month % 100, c->day % 100,
			 c->hour % 100, c->min % 100, c->sec % 100);
	return buf;
}

/* Reads exactly n digits. */
static bool digits(const char **s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		char ch = (*s)[i];
		if (ch < '0' || ch > '9')
			return false;
		v = v * 10 + (ch - '0');
	}
	*s += n;
	*out = v;
	return true;
}

bool civil_parse(const char *s, struct civil *c, bool *date_only)
{
	struct civil t = { 0 };

	if (!digits(&s, 4, &t.year) || *s++ != '-' ||
	    !digits(&s, 2, &t.month) || *s++ != '-' || !digits(&s, 2, &t.day))
		return false;
	if (*s == '\0') {
		*date_only = true;
	} else {
		if (*s != 'T' && *s != ' ')
			return false;
		s++;
		if (!digits(&s, 2, &t.hour) || *s++ != ':' ||
		    !digits(&s, 2, &t.min))
			return false;
		if (*s == ':' && (s++, !digits(&s, 2, &t.sec)))
			return false;
		if (*s != '\0')
			return false;
		*date_only = false;
	}
	if (!civil_valid(&t))
		return false;
	*c = t;
	return true;
}
