/* words.c - lists and repeat rules in words (see words.h). */
#include "words.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "label.h"
#include "util.h"

/*
 * A translation whose msgid starts with a context and a bar
 * ("weekday|Fri"), so that the same English word can be translated apart
 * where a language needs it; untranslated, the text after the bar.
 */
__attribute__((format_arg(1)))
static const char *ctx_gettext(const char *msgid)
{
	const char *t = gettext(msgid), *bar;

	if (t != msgid)
		return t;
	bar = strchr(msgid, '|');
	return bar ? bar + 1 : msgid;
}

char *words_join(const char *const *items, size_t n)
{
	struct sbuf b = { 0 };
	size_t total = 0, k = 0;

	for (size_t i = 0; i < n; i++)
		total += items[i] != NULL;
	sbuf_add(&b, "");
	for (size_t i = 0; i < n; i++) {
		if (!items[i])
			continue;
		if (k)
			/* TRANSLATORS: before the last item of a list in running
			   text: "Fri, Sat and Sun" (Chinese: "、"). */
			sbuf_add(&b, k + 1 == total ? _(" and ") : label_list_sep());
		sbuf_add(&b, items[i]);
		k++;
	}
	return sbuf_take(&b);
}

/* A list of owned strings joined in words; frees them. */
static char *join_owned(char **items, size_t n)
{
	char *text = words_join((const char *const *)items, n);

	for (size_t i = 0; i < n; i++)
		free(items[i]);
	return text;
}

/* Weekdays as items of a weekly list: "Fri" ("五" after "每周"). */
static const char *const weekday_items[] = { N_("weekday|Mon"),
	N_("weekday|Tue"), N_("weekday|Wed"), N_("weekday|Thu"),
	N_("weekday|Fri"), N_("weekday|Sat"), N_("weekday|Sun") };

/* The weekdays of the rule (or of the first occurrence), Monday first. */
static char *weekday_list(const struct sched *s, const struct rule_spec *r)
{
	unsigned set = 0;
	char *items[7] = { 0 };
	size_t n = 0;

	for (int i = 0; i < r->n_days; i++)
		set |= 1u << r->days[i].weekday;
	if (!set)
		set = 1u << civil_weekday(&s->start);
	for (int d = 0; d < 7; d++)
		if (set & (1u << d))
			items[n++] = xstrdup(ctx_gettext(weekday_items[d]));
	return join_owned(items, n);
}

static bool any_position(const struct rule_spec *r)
{
	for (int i = 0; i < r->n_days; i++)
		if (r->days[i].pos)
			return true;
	return false;
}

/* "the first Mon", "the last Fri", "every Mon"; NULL past what words say. */
static char *day_item(const struct rule_day *d)
{
	const char *day = label_weekday(d->weekday);

	/* TRANSLATORS: %s is a weekday ("Mon"): which of the month's (or
	   year's) such days a rule means. */
	switch (d->pos) {
	case 0: return xasprintf(_("every %s"), day);
	case 1: return xasprintf(_("the first %s"), day);
	case 2: return xasprintf(_("the second %s"), day);
	case 3: return xasprintf(_("the third %s"), day);
	case 4: return xasprintf(_("the fourth %s"), day);
	case 5: return xasprintf(_("the fifth %s"), day);
	case -1: return xasprintf(_("the last %s"), day);
	case -2: return xasprintf(_("the second-to-last %s"), day);
	default: return NULL;
	}
}

/* "day 8", "the last day" ("8日", "最后一天"). */
static char *monthday_item(int day)
{
	if (day > 0)
		/* TRANSLATORS: a day of the month in a rule: "Every month on
		   day 8" (Chinese "%d日"). */
		return xasprintf(ctx_gettext(N_("monthday|day %d")), day);
	if (day == -1)
		return xstrdup(_("the last day"));
	/* TRANSLATORS: a day of the month counted back from its last day
	   (-2 is the day before the last). */
	return xasprintf(_("day %d counted from the end"), -day);
}

/* The rule's day items ("the first Mon", "day 8"), joined; NULL when a
 * day is past what words say. */
static char *day_items(const struct sched *s, const struct rule_spec *r)
{
	char *items[RULE_LIST_MAX] = { 0 };
	int n = r->n_days ? r->n_days : r->n_monthdays ? r->n_monthdays : 1;

	for (int i = 0; i < n; i++) {
		items[i] = r->n_days ? day_item(&r->days[i])
			 : monthday_item(r->n_monthdays ? r->monthdays[i]
						       : s->start.day);
		if (!items[i]) {
			while (i > 0)
				free(items[--i]);
			return NULL;
		}
	}
	return join_owned(items, (size_t)n);
}

/* The months of the rule ("Jan and Jul"); NULL when it names none. */
static char *month_list(const struct rule_spec *r)
{
	const char *items[12];

	if (!r->n_months)
		return NULL;
	for (int i = 0; i < r->n_months; i++)
		items[i] = label_month_abbrev(r->months[i]);
	return words_join(items, (size_t)r->n_months);
}

/* "Every day", "Every 3 days", "Every hour". */
static char *every_unit(const struct rule_spec *r)
{
	unsigned long n = (unsigned long)r->interval;

	switch (r->freq) {
	case RULE_DAILY:
		return n == 1 ? xstrdup(_("Every day"))
			: xasprintf(ngettext("Every %d day", "Every %d days", n),
				    r->interval);
	case RULE_HOURLY:
		return n == 1 ? xstrdup(_("Every hour"))
			: xasprintf(ngettext("Every %d hour", "Every %d hours", n),
				    r->interval);
	default:
		return n == 1 ? xstrdup(_("Every minute"))
			: xasprintf(ngettext("Every %d minute", "Every %d minutes",
					     n), r->interval);
	}
}

/* "Every Fri, Sat and Sun", "Every 2 weeks on Fri". */
static char *weekly(const struct sched *s, const struct rule_spec *r)
{
	char *days = weekday_list(s, r), *text;

	if (r->interval == 1)
		/* TRANSLATORS: a weekly rule; %s lists weekdays ("Fri, Sat
		   and Sun"; Chinese "每周%s" with "五、六、日"). */
		text = xasprintf(ctx_gettext(N_("weekly|Every %s")), days);
	else
		text = xasprintf(ngettext("Every %d week on %s",
					  "Every %d weeks on %s",
					  (unsigned long)r->interval),
				 r->interval, days);
	free(days);
	return text;
}

/* "Every month on the first Mon", "Every 2 months on day 8". */
static char *monthly(const struct sched *s, const struct rule_spec *r)
{
	char *days, *text;

	if (!(days = day_items(s, r)))
		return NULL;
	if (r->interval == 1)
		/* TRANSLATORS: a monthly rule; %s lists days ("day 8", "the
		   first Mon"). */
		text = xasprintf(ctx_gettext(N_("monthly|Every month on %s")), days);
	else
		text = xasprintf(ngettext("Every %d month on %s",
					  "Every %d months on %s",
					  (unsigned long)r->interval),
				 r->interval, days);
	free(days);
	return text;
}

/* The days of a yearly rule: "8 Jan and 8 Jul", "the second Sun of May". */
static char *yearly_days(const struct sched *s, const struct rule_spec *r)
{
	struct rule_spec one = *r;
	char *items[RULE_LIST_MAX] = { 0 }, *days, *months, *text;
	int n = 0;
	bool dated = !r->n_days;

	for (int i = 0; dated && i < r->n_monthdays; i++)
		dated = r->monthdays[i] > 0;
	if (!dated) {
		if (!(days = day_items(s, r)))
			return NULL;
		if (!(months = month_list(r)))
			return days;
		/* TRANSLATORS: days of given months: "the second Sun of May"
		   (%1$s the days, %2$s the months). */
		text = xasprintf(_("%1$s of %2$s"), days, months);
		free(days);
		free(months);
		return text;
	}
	if (!one.n_months)
		one.months[one.n_months++] = s->start.month;
	if (!one.n_monthdays)
		one.monthdays[one.n_monthdays++] = s->start.day;
	if (one.n_months * one.n_monthdays > RULE_LIST_MAX)
		return NULL;
	for (int m = 0; m < one.n_months; m++)
		for (int d = 0; d < one.n_monthdays; d++) {
			struct civil c = { .year = s->start.year,
					   .month = one.months[m],
					   .day = one.monthdays[d] };
			items[n++] = label_month_day(&c);
		}
	return join_owned(items, (size_t)n);
}

static char *yearly(const struct sched *s, const struct rule_spec *r)
{
	char *days = yearly_days(s, r), *text;

	if (!days)
		return NULL;
	if (r->interval == 1)
		/* TRANSLATORS: a yearly rule; %s lists days ("8 Jan"). */
		text = xasprintf(ctx_gettext(N_("yearly|Every year on %s")), days);
	else
		text = xasprintf(ngettext("Every %d year on %s",
					  "Every %d years on %s",
					  (unsigned long)r->interval),
				 r->interval, days);
	free(days);
	return text;
}

/* What the rule repeats on, without its end; NULL when words cannot say. */
static char *rule_what(const struct sched *s, const struct rule_spec *r)
{
	switch (r->freq) {
	case RULE_DAILY:
		if (r->n_monthdays || any_position(r))
			return NULL;
		if (r->n_days)
			return r->interval == 1 ? weekly(s, r) : NULL;
		return every_unit(r);
	case RULE_WEEKLY:
		return r->n_monthdays || any_position(r) ? NULL : weekly(s, r);
	case RULE_MONTHLY:
		return r->n_days && r->n_monthdays ? NULL : monthly(s, r);
	case RULE_YEARLY:
		return r->n_days && r->n_monthdays ? NULL : yearly(s, r);
	case RULE_HOURLY:
	case RULE_MINUTELY:
		return r->n_days || r->n_monthdays ? NULL : every_unit(r);
	default:
		return NULL;
	}
}

/* Adds the months a non-yearly rule is limited to, and its end. */
static char *with_limits(const struct rule_spec *r, char *what)
{
	char *months = r->freq == RULE_YEARLY ? NULL : month_list(r), *text;

	if (months) {
		/* TRANSLATORS: a rule limited to months: "Every day in Jan
		   and Feb" (%1$s the rule, %2$s the months). */
		text = xasprintf(_("%1$s in %2$s"), what, months);
		free(what);
		free(months);
		what = text;
	}
	if (r->has_until) {
		char *date = label_date(&r->until);
		/* TRANSLATORS: a rule's end: "Every Fri until 31 Jan 2027"
		   (%1$s the rule, %2$s the last day). */
		text = xasprintf(_("%1$s until %2$s"), what, date);
		free(date);
		free(what);
		what = text;
	} else if (r->count > 0) {
		/* TRANSLATORS: a rule's end: "Every Fri, 6 times" (%1$s the
		   rule, %2$d how many times). */
		text = xasprintf(ngettext("%1$s, %2$d time", "%1$s, %2$d times",
					  (unsigned long)r->count), what, r->count);
		free(what);
		what = text;
	}
	return what;
}

char *words_rule(const struct sched *s, const char *rule)
{
	struct rule_spec r;
	char *what;

	if (!rule)
		return NULL;
	if (sched_rule_spec(s, rule, &r, NULL) != HE_OK)
		return xstrdup(rule);
	if (r.other || !(what = rule_what(s, &r)))
		return xstrdup(rule);
	return with_limits(&r, what);
}
