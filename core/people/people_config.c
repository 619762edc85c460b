/*
 * people_config.c - the config sections of the people and points scheme:
 * [group KEY], [role KEY], [points], [points kind K], [points role R],
 * [bonus KEY]; and what a shift earns by them.
 */
#include "people.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../i18n.h"
#include "../text.h"

/* Rates when the config says nothing: an hour of service earns 10. */
#define DEFAULT_PER_HOUR 10

struct builtin_label {
	const char *key, *label;
	const char *aliases[4];  /* Chinese names, as spreadsheets write them */
};

/* The groups the reports name: the new employment groups and residents. */
static const struct builtin_label builtin_groups[] = {
	{ "rider", N_("Delivery rider"), { "外卖骑手", "骑手" } },
	{ "courier", N_("Courier"), { "快递员", "快递小哥" } },
	{ "driver", N_("Driver"), { "司机", "网约车司机", "货车司机" } },
	{ "sanitation", N_("Sanitation worker"), { "环卫工人", "环卫工" } },
	{ "resident", N_("Resident"), { "居民" } },
	{ "youth", N_("Youth"), { "青少年" } },
	{ "party-member", N_("Party member"), { "党员" } },
	{ "volunteer", N_("Volunteer"), { "志愿者" } },
};

static const struct builtin_label builtin_roles[] = {
	{ "volunteer", N_("Volunteer"), { "志愿者" } },
	{ "team-leader", N_("Team leader"), { "队长", "带班队长" } },
	{ "guide", N_("Guide"), { "引导员" } },
};

static struct people_label *add_label(struct people_label **v, size_t *n,
				      size_t *cap, const char *key)
{
	struct people_label *l;

	*v = xgrow(*v, cap, *n + 1, sizeof **v);
	l = &(*v)[(*n)++];
	memset(l, 0, sizeof *l);
	l->key = xstrdup(key);
	l->label = xstrdup(key);
	return l;
}

static struct points_rule *add_rule(struct people_config *pc, const char *kind,
				    const char *role)
{
	struct points_rule *r;

	pc->rules = xgrow(pc->rules, &pc->cap_rules, pc->n_rules + 1,
			  sizeof *pc->rules);
	r = &pc->rules[pc->n_rules++];
	r->kind = xstrdup0(kind);
	r->role = xstrdup0(role);
	r->rate.per_hour = r->rate.per_shift = -1;
	return r;
}

struct people_config *people_config_new(void)
{
	struct people_config *pc = xcalloc(1, sizeof *pc);
	struct points_rule *def;

	for (size_t i = 0; i < sizeof builtin_groups / sizeof *builtin_groups;
	     i++) {
		struct people_label *l = add_label(&pc->groups, &pc->n_groups,
						   &pc->cap_groups,
						   builtin_groups[i].key);
		str_replace(&l->label, builtin_groups[i].label);
		l->translated = true;
		for (size_t j = 0; j < 4 && builtin_groups[i].aliases[j]; j++)
			strv_add(&l->aliases, builtin_groups[i].aliases[j]);
	}
	for (size_t i = 0; i < sizeof builtin_roles / sizeof *builtin_roles;
	     i++) {
		struct people_label *l = add_label(&pc->roles, &pc->n_roles,
						   &pc->cap_roles,
						   builtin_roles[i].key);
		str_replace(&l->label, builtin_roles[i].label);
		l->translated = true;
		for (size_t j = 0; j < 4 && builtin_roles[i].aliases[j]; j++)
			strv_add(&l->aliases, builtin_roles[i].aliases[j]);
	}
	def = add_rule(pc, NULL, NULL);
	def->rate.per_hour = DEFAULT_PER_HOUR;
	def->rate.per_shift = 0;
	pc->season_month = 1;
	pc->season_day = 1;
	return pc;
}

static void label_free(struct people_label *l)
{
	free(l->key);
	free(l->label);
	strv_free(&l->labels);
	strv_free(&l->aliases);
}

void people_config_free(struct people_config **ppc)
{
	struct people_config *pc = *ppc;

	if (!pc)
		return;
	for (size_t i = 0; i < pc->n_groups; i++)
		label_free(&pc->groups[i]);
	for (size_t i = 0; i < pc->n_roles; i++)
		label_free(&pc->roles[i]);
	for (size_t i = 0; i < pc->n_rules; i++) {
		free(pc->rules[i].kind);
		free(pc->rules[i].role);
	}
	for (size_t i = 0; i < pc->n_bonuses; i++) {
		struct points_bonus *b = &pc->bonuses[i];
		label_free(&b->name);
		free(b->days);
		free(b->kind);
		free(b->role);
	}
	free(pc->groups);
	free(pc->roles);
	free(pc->rules);
	free(pc->bonuses);
	free(pc);
	*ppc = NULL;
}

bool people_config_section(const char *section)
{
	return !strncmp(section, "group ", 6) || !strncmp(section, "role ", 5) ||
	       !strcmp(section, "points") || !strncmp(section, "points ", 7) ||
	       !strncmp(section, "bonus ", 6);
}

/* Writes a message for the config reader; returns false. */
static bool say(char *msg, size_t sz, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static bool say(char *msg, size_t sz, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sz, fmt, ap);
	va_end(ap);
	return false;
}

/* The same rule as kinds: a-z, 0-9, '-' and '_'. */
static bool key_valid(const char *key)
{
	if (!*key)
		return false;
	for (const char *p = key; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		      *p == '-' || *p == '_'))
			return false;
	return true;
}

/* label or label.LANG of a group, role or bonus. */
static bool set_label(struct people_label *l, const char *name,
		      const char *value)
{
	if (!strcmp(name, "label")) {
		str_replace(&l->label, value);
		l->translated = false; /* the user's own words */
		return true;
	}
	if (!strncmp(name, "label.", 6) && name[6]) {
		char *entry = xasprintf("%s=%s", name + 6, value);
		strv_add(&l->labels, entry);
		free(entry);
		return true;
	}
	return false;
}

static struct people_label *label_slot(struct people_label **v, size_t *n,
				       size_t *cap, const char *key)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*v)[i].key, key))
			return &(*v)[i];
	return add_label(v, n, cap, key);
}

/* A whole number of points, 0 to a million. */
static bool parse_points(const char *value, int *out)
{
	char *end;
	long v = strtol(value, &end, 10);

	if (end == value || *end || v < 0 || v > 1000000)
		return false;
	*out = (int)v;
	return true;
}

static bool set_rate(struct points_rule *r, const char *section,
		     const char *name, const char *value, char *msg, size_t sz)
{
	int *slot = !strcmp(name, "per_hour") ? &r->rate.per_hour
		  : !strcmp(name, "per_shift") ? &r->rate.per_shift : NULL;

	if (!slot)
		return say(msg, sz, _("unknown option '%s' in [%s] (use "
			   "per_hour or per_shift)"), name, section);
	if (!parse_points(value, slot))
		return say(msg, sz, _("%s must be a whole number of points from "
			   "0 to 1000000, not '%s'"), name, value);
	return true;
}

/* season_start = MM-DD */
static bool set_season(struct people_config *pc, const char *value, char *msg,
		       size_t sz)
{
	int m, d;
	char tail;

	if (sscanf(value, "%d-%d%c", &m, &d, &tail) != 2 || m < 1 || m > 12 ||
	    d < 1 || d > civil_days_in_month(2001, m))
		return say(msg, sz, _("season_start must be a month and day such "
			   "as 01-01, not '%s'"), value);
	pc->season_month = m;
	pc->season_day = d;
	return true;
}

static bool set_points(struct people_config *pc, const char *section,
		       const char *name, const char *value, char *msg,
		       size_t sz)
{
	const char *what = section + 6;
	struct points_rule *r = NULL;

	if (!strcmp(section, "points")) {
		if (!strcmp(name, "season_start"))
			return set_season(pc, value, msg, sz);
		return set_rate(&pc->rules[0], section, name, value, msg, sz);
	}
	what += strspn(what, " ");
	bool kind = !strncmp(what, "kind ", 5), role = !strncmp(what, "role ", 5);
	if (!kind && !role)
		return say(msg, sz, _("unknown section [%s] (use [points], "
			   "[points kind KEY] or [points role ROLE])"), section);
	what += 5;
	if (!*what)
		return say(msg, sz, _("[%s] names no kind or role"), section);
	for (size_t i = 1; i < pc->n_rules && !r; i++)
		if (str_eq0(pc->rules[i].kind, kind ? what : NULL) &&
		    str_eq0(pc->rules[i].role, role ? what : NULL))
			r = &pc->rules[i];
	if (!r)
		r = add_rule(pc, kind ? what : NULL, role ? what : NULL);
	return set_rate(r, section, name, value, msg, sz);
}

static bool add_day_range(struct points_bonus *b, const char *text)
{
	char first[16], last[16];
	struct civil a, z;
	bool d1, d2;
	const char *dots = strstr(text, "..");
	size_t n = dots ? (size_t)(dots - text) : strlen(text);

	if (n >= sizeof first || (dots && strlen(dots + 2) >= sizeof last))
		return false;
	memcpy(first, text, n);
	first[n] = '\0';
	snprintf(last, sizeof last, "%s", dots ? dots + 2 : first);
	if (!civil_parse(first, &a, &d1) || !d1 || !civil_parse(last, &z, &d2) ||
	    !d2 || civil_cmp(&z, &a) < 0)
		return false;
	b->days = xgrow(b->days, &b->cap_days, b->n_days + 2, sizeof *b->days);
	b->days[b->n_days++] = civil_days(a.year, a.month, a.day);
	b->days[b->n_days++] = civil_days(z.year, z.month, z.day);
	return true;
}

/* Splits a list written with commas, spaces or "、" into words. */
static void split_list(const char *value, struct strv *out)
{
	char *copy = xstrdup(value), *save = NULL;

	for (char *p = copy; (p = strstr(p, "、"));)
		memcpy(p, "   ", 3);
	for (char *w = strtok_r(copy, ", ", &save); w;
	     w = strtok_r(NULL, ", ", &save))
		strv_add(out, w);
	free(copy);
}

static int weekday_of(const char *w)
{
	static const char *const en[] = { "mon", "tue", "wed", "thu", "fri",
					  "sat", "sun" };
	static const char *const zh[] = { "一", "二", "三", "四", "五", "六",
					  "日" };

	for (int i = 0; i < 7; i++) {
		if (!strncasecmp(w, en[i], 3) &&
		    (strlen(w) == 3 || strlen(w) >= 6))
			return i;
		if ((!strncmp(w, "周", 3) && !strcmp(w + 3, zh[i])) ||
		    (!strncmp(w, "星期", 6) && !strcmp(w + 6, zh[i])))
			return i;
	}
	return -1;
}

static bool set_bonus_list(struct points_bonus *b, const char *name,
			   const char *value, char *msg, size_t sz)
{
	struct strv words = { 0 };
	bool ok = true;

	split_list(value, &words);
	for (size_t i = 0; ok && i < words.n; i++) {
		if (!strcmp(name, "dates")) {
			if (!add_day_range(b, words.v[i]))
				ok = say(msg, sz, _("dates: '%s' should be a date "
					 "(2027-01-01) or a range "
					 "(2027-02-10..2027-02-17)"), words.v[i]);
		} else {
			int d = weekday_of(words.v[i]);
			if (d < 0)
				ok = say(msg, sz, _("weekdays: '%s' is not a day "
					 "such as sat or sun"), words.v[i]);
			else
				b->weekdays |= 1u << d;
		}
	}
	strv_free(&words);
	return ok;
}

static bool set_bonus(struct people_config *pc, const char *key,
		      const char *name, const char *value, char *msg, size_t sz)
{
	struct points_bonus *b = NULL;

	if (!key_valid(key))
		return say(msg, sz, _("bonus key '%s' may hold only a-z, 0-9, - "
			   "and _"), key);
	for (size_t i = 0; i < pc->n_bonuses && !b; i++)
		if (!strcmp(pc->bonuses[i].name.key, key))
			b = &pc->bonuses[i];
	if (!b) {
		pc->bonuses = xgrow(pc->bonuses, &pc->cap_bonuses,
				    pc->n_bonuses + 1, sizeof *pc->bonuses);
		b = &pc->bonuses[pc->n_bonuses++];
		memset(b, 0, sizeof *b);
		b->name.key = xstrdup(key);
		b->name.label = xstrdup(key);
	}
	if (set_label(&b->name, name, value))
		return true;
	if (!strcmp(name, "points")) {
		if (!parse_points(value, &b->points))
			return say(msg, sz, _("points must be a whole number "
				   "from 0 to 1000000, not '%s'"), value);
		return true;
	}
	if (!strcmp(name, "dates") || !strcmp(name, "weekdays"))
		return set_bonus_list(b, name, value, msg, sz);
	if (!strcmp(name, "kind") || !strcmp(name, "role")) {
		str_replace(!strcmp(name, "kind") ? &b->kind : &b->role, value);
		return true;
	}
	return say(msg, sz, _("unknown option '%s' in [bonus %s] (use label, "
		   "points, dates, weekdays, kind or role)"), name, key);
}

bool people_config_set(struct people_config *pc, const char *section,
		       const char *name, const char *value, char *msg,
		       size_t sz)
{
	bool group = !strncmp(section, "group ", 6);

	if (group || !strncmp(section, "role ", 5)) {
		const char *key = section + (group ? 6 : 5);
		struct people_label *l;
		if (!key_valid(key))
			return say(msg, sz, group
				   ? _("group key '%s' may hold only a-z, 0-9, "
				       "- and _")
				   : _("role key '%s' may hold only a-z, 0-9, "
				       "- and _"), key);
		l = group ? label_slot(&pc->groups, &pc->n_groups,
				       &pc->cap_groups, key)
			  : label_slot(&pc->roles, &pc->n_roles, &pc->cap_roles,
				       key);
		if (!set_label(l, name, value))
			return say(msg, sz, _("unknown option '%s' in [%s] (use "
				   "label or label.LANG)"), name, section);
		return true;
	}
	if (!strncmp(section, "bonus ", 6))
		return set_bonus(pc, section + 6, name, value, msg, sz);
	return set_points(pc, section, name, value, msg, sz);
}

/* ---- what a shift earns ---- */

static bool bonus_applies(const struct points_bonus *b, const char *kind,
			  const char *role, const struct civil *day)
{
	int64_t d = civil_days(day->year, day->month, day->day);
	bool in_dates = b->n_days == 0;

	if ((b->kind && !str_eq0(b->kind, kind)) ||
	    (b->role && !str_eq0(b->role, role)))
		return false;
	if (b->weekdays && !(b->weekdays & (1u << civil_weekday(day))))
		return false;
	for (size_t i = 0; i + 1 < b->n_days && !in_dates; i += 2)
		in_dates = d >= b->days[i] && d <= b->days[i + 1];
	return in_dates;
}

/* The most specific value of one rate: role, then kind, then default. */
static int rate_of(const struct people_config *pc, const char *kind,
		   const char *role, bool hourly)
{
	int best = -1, best_rank = -1;

	for (size_t i = 0; i < pc->n_rules; i++) {
		const struct points_rule *r = &pc->rules[i];
		int v = hourly ? r->rate.per_hour : r->rate.per_shift;
		int rank = r->role ? 2 : r->kind ? 1 : 0;
		if (v < 0 || rank <= best_rank ||
		    (r->role && !str_eq0(r->role, role)) ||
		    (r->kind && !str_eq0(r->kind, kind)))
			continue;
		best = v;
		best_rank = rank;
	}
	return best < 0 ? 0 : best;
}

void points_compute(const struct people_config *pc, const char *kind,
		    const char *role, const struct civil *day, int minutes,
		    struct points_award *out)
{
	int64_t per_hour = rate_of(pc, kind, role, true);

	memset(out, 0, sizeof *out);
	if (minutes < 0)
		minutes = 0;
	out->base = (per_hour * minutes + 30) / 60 +
		    rate_of(pc, kind, role, false);
	for (size_t i = 0; i < pc->n_bonuses; i++)
		if (out->n_bonus < sizeof out->bonus / sizeof *out->bonus &&
		    pc->bonuses[i].points > 0 &&
		    bonus_applies(&pc->bonuses[i], kind, role, day))
			out->bonus[out->n_bonus++] = &pc->bonuses[i];
}

struct civil points_season_start(const struct people_config *pc,
				 const struct civil *day)
{
	struct civil s = { day->year, pc->season_month, pc->season_day, 0, 0, 0 };

	if (day->month < s.month || (day->month == s.month && day->day < s.day))
		s.year--;
	return s;
}
