/* label.c - dates, months, weekdays and times of day as people read them. */
#include "label.h"

#include <stdio.h>

#include "i18n.h"
#include "util.h"

static const char *const weekday_names[] = { N_("Mon"), N_("Tue"), N_("Wed"),
	N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun") };
static const char *const month_abbrevs[] = { N_("Jan"), N_("Feb"), N_("Mar"),
	N_("Apr"), N_("May"), N_("Jun"), N_("Jul"), N_("Aug"), N_("Sep"),
	N_("Oct"), N_("Nov"), N_("Dec") };
static const char *const month_names[] = { N_("January"), N_("February"),
	N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
	N_("August"), N_("September"), N_("October"), N_("November"),
	N_("December") };

/*
 * Expands a date pattern that translators can reorder: %W weekday, %d day,
 * %M month abbreviation, %B month name, %m month number, %Y year, %% a %.
 */
static char *expand_date(const char *pattern, const struct civil *day)
{
	struct sbuf b = { 0 };

	sbuf_add(&b, "");
	for (const char *p = pattern; *p; p++) {
		if (*p != '%' || !p[1]) {
			sbuf_addc(&b, *p);
			continue;
		}
		switch (*++p) {
		case 'W': sbuf_add(&b, _(weekday_names[civil_weekday(day)])); break;
		case 'd': sbuf_addf(&b, "%d", day->day); break;
		case 'M': sbuf_add(&b, _(month_abbrevs[(day->month - 1) % 12])); break;
		case 'B': sbuf_add(&b, _(month_names[(day->month - 1) % 12])); break;
		case 'm': sbuf_addf(&b, "%d", day->month); break;
		case 'Y': sbuf_addf(&b, "%d", day->year); break;
		default: sbuf_addc(&b, *p); break;
		}
	}
	return sbuf_take(&b);
}

char *label_day(const struct civil *day)
{
	/* TRANSLATORS: a date in headings: %W weekday, %d day, %M short
	   month, %m month number, %Y year ("Fri 8 Jan 2027"). */
	return expand_date(_("%W %d %M %Y"), day);
}

char *label_day_short(const struct civil *day)
{
	/* TRANSLATORS: a day of this year in a notice or on a poster: %W
	   weekday, %d day, %M short month, %m month number ("Sat 16 Jan";
	   Chinese "%m月%d日（%W）"). */
	return expand_date(_("%W %d %M"), day);
}

char *label_date(const struct civil *day)
{
	/* TRANSLATORS: a date in running text: %d day, %M short month, %m
	   month number, %Y year ("8 Jan 2027"). */
	return expand_date(_("%d %M %Y"), day);
}

char *label_month_day(const struct civil *day)
{
	/* TRANSLATORS: a day of a year without the year, as in "every year
	   on 8 Jan": %d day, %M short month, %m month number. */
	return expand_date(_("%d %M"), day);
}

const char *label_month_abbrev(int month)
{
	return _(month_abbrevs[((month - 1) % 12 + 12) % 12]);
}

char *label_month(const struct civil *day)
{
	/* TRANSLATORS: a month over the month view: %B month name, %m month
	   number, %Y year ("January 2027"). */
	return expand_date(_("%B %Y"), day);
}

const char *label_list_sep(void)
{
	/* TRANSLATORS: what separates the items of a list of names or dates
	   ("A, B, C"). */
	return _(", ");
}

const char *label_weekday(int weekday)
{
	return _(weekday_names[weekday % 7]);
}

void label_minutes(int minutes, char buf[16])
{
	if (minutes < 0 || minutes > 24 * 60)
		minutes = 0;
	snprintf(buf, 16, "%02d:%02d", minutes / 60, minutes % 60);
}

void label_hhmm(const struct civil *c, char buf[8])
{
	snprintf(buf, 8, "%02d:%02d", c->hour % 100, c->min % 100);
}
