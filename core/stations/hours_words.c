/*
 * hours_words.c - opening hours in words, in the interface language:
 * "Mon to Fri: 08:00–20:00; Sat and Sun: 10:00–18:00; public holidays:
 * closed" ("周一至周五：08:00–20:00；周六、周日：10:00–18:00；法定节假日：
 * 休息"). Weekday and month names are label.h's; the patterns are
 * translations, so a language orders the parts its own way.
 */
#include "stations.h"

#include <stdlib.h>
#include <string.h>

#include "../civil.h"
#include "../i18n.h"
#include "../label.h"
#include "../words.h"

/*
 * A translation whose msgid starts with a context and a bar
 * ("hours|closed"), where the same English is translated otherwise
 * elsewhere; untranslated, the text after the bar.
 */
__attribute__((format_arg(1)))
static const char *hw(const char *msgid)
{
	const char *t = gettext(msgid), *bar;

	if (t != msgid)
		return t;
	bar = strchr(msgid, '|');
	return bar ? bar + 1 : msgid;
}

/* "Mon to Fri", "Sat and Sun", "Mon, Wed and Fri to Sun". */
static char *weekdays_words(unsigned days, bool holiday)
{
	char *items[9];
	size_t n = 0;
	char *text;

	for (int d = 0; d < 7;) {
		int e = d;
		if (!(days & (1u << d))) {
			d++;
			continue;
		}
		while (e + 1 < 7 && (days & (1u << (e + 1))))
			e++;
		if (e >= d + 2)
			/* TRANSLATORS: a range of weekdays or months, "Mon to
			   Fri" (Chinese "周一至周五"). */
			items[n++] = xasprintf(_("%s to %s"), label_weekday(d),
					       label_weekday(e));
		else
			for (int k = d; k <= e; k++)
				items[n++] = xstrdup(label_weekday(k));
		d = e + 1;
	}
	if (holiday)
		items[n++] = xstrdup(_("public holidays"));
	text = words_join((const char *const *)items, n);
	for (size_t i = 0; i < n; i++)
		free(items[i]);
	return text;
}

static char *months_words(unsigned months)
{
	int first[12], last[12], n;
	char *items[12], *text;

	hours_month_runs(months, first, last, &n);
	for (int i = 0; i < n; i++)
		items[i] = last[i] != first[i]
			? xasprintf(_("%s to %s"), label_month_abbrev(first[i] + 1),
				    label_month_abbrev(last[i] + 1))
			: xstrdup(label_month_abbrev(first[i] + 1));
	text = words_join((const char *const *)items, (size_t)n);
	for (int i = 0; i < n; i++)
		free(items[i]);
	return text;
}

static char *date_words(const struct hours_date *d)
{
	struct civil c = { d->year ? d->year : 2028, d->month, d->day, 0, 0,
			   0 };

	return d->year ? label_date(&c) : label_month_day(&c);
}

static char *dates_words(const struct hours_rule *r)
{
	char *a = date_words(&r->from), *b, *text;

	if (r->from.month == r->to.month && r->from.day == r->to.day)
		return a;
	b = date_words(&r->to);
	text = xasprintf(_("%s to %s"), a, b);
	free(a);
	free(b);
	return text;
}

/* "08:00–12:00, 14:00–18:00"; past midnight "22:00–02:00 the next day". */
static char *spans_words(const struct hours_rule *r)
{
	struct sbuf b = { 0 };

	sbuf_add(&b, "");
	for (int i = 0; i < r->n_spans; i++) {
		char from[16], to[16];
		int end = r->spans[i].to;
		if (i)
			sbuf_add(&b, label_list_sep());
		label_minutes(r->spans[i].from, from);
		if (end > 24 * 60) {
			label_minutes(end - 24 * 60, to);
			/* TRANSLATORS: a time span that ends after midnight
			   (Chinese "%s–次日%s"). */
			sbuf_addf(&b, _("%s–%s the next day"), from, to);
		} else {
			label_minutes(end, to);
			sbuf_addf(&b, "%s–%s", from, to);
		}
	}
	return sbuf_take(&b);
}

/* The days a rule names, in words; NULL when it names none (every day). */
static char *selector_words(const struct hours_rule *r)
{
	char *parts[3] = { NULL, NULL, NULL }, *text;
	size_t n = 0;

	if (r->has_dates)
		parts[n++] = dates_words(r);
	if (r->months)
		parts[n++] = months_words(r->months);
	/* All seven days alone are every day. */
	if ((r->weekdays || r->holiday) &&
	    !(r->weekdays == 0x7f && !r->holiday))
		parts[n++] = weekdays_words(r->weekdays, r->holiday);
	if (!n)
		return NULL;
	text = parts[0];
	for (size_t i = 1; i < n; i++) {
		/* TRANSLATORS: months or dates, then the weekdays in them:
		   "Jan to Mar, Mon to Fri" (Chinese "1月至3月的周一至周五"). */
		char *both = xasprintf(hw(N_("hours|%s, %s")), text, parts[i]);
		free(text);
		free(parts[i]);
		text = both;
	}
	return text;
}

static char *rule_words(const struct hours_rule *r)
{
	char *days = selector_words(r), *what, *text;

	if (r->off)
		/* TRANSLATORS: a day of opening hours when the station is
		   closed (Chinese "休息"). */
		what = xstrdup(hw(N_("hours|closed")));
	else if (r->n_spans == 1 && r->spans[0].from == 0 &&
		 r->spans[0].to == 24 * 60)
		what = xstrdup(_("open 24 hours"));
	else
		what = spans_words(r);
	/* TRANSLATORS: the days a rule of opening hours names, then its
	   hours: "Mon to Fri: 08:00–20:00" (Chinese "周一至周五：..."). */
	text = xasprintf(_("%s: %s"), days ? days : _("Every day"), what);
	free(days);
	free(what);
	return text;
}

char *hours_words(const struct hours *h)
{
	struct sbuf b = { 0 };

	sbuf_add(&b, "");
	for (int i = 0; i < h->n_rules; i++) {
		char *r = rule_words(&h->rules[i]);
		if (i)
			/* TRANSLATORS: between the rules of opening hours
			   (Chinese "；"). */
			sbuf_add(&b, _("; "));
		sbuf_add(&b, r);
		free(r);
	}
	return sbuf_take(&b);
}
