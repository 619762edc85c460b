/* tally.c - checking tallies before they are stored. */
#include "tally.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "../tz.h"

int tally_parse(const char *arg, char **category, int64_t *value,
		struct herr *err)
{
	const char *eq = strchr(arg, '=');
	const char *num;
	char *end;
	long long v;

	*category = NULL;
	if (!eq || eq == arg)
		return herr_set(err, HE_USER, _("'%s' should be CATEGORY=NUMBER, "
				"such as served=120"), arg);
	num = eq + 1;
	if (*num == '-')
		return herr_set(err, HE_USER, _("'%s': a count is never negative"),
				arg);
	errno = 0;
	v = strtoll(num, &end, 10);
	if (*num < '0' || *num > '9' || *end || errno == ERANGE)
		return herr_set(err, HE_USER, _("'%s': the count must be a whole "
				"number such as 120"), arg);
	if (v > TALLY_MAX)
		return herr_set(err, HE_USER, _("'%s': a count above %lld is "
				"surely a typing mistake"), arg, TALLY_MAX);
	*category = xstrndup(arg, (size_t)(eq - arg));
	*value = v;
	return HE_OK;
}

/* "2027-01-08 10:00" (or the date alone for an all-day series). */
static void occ_name(const struct series *s, const struct civil *rid,
		     char buf[CIVIL_BUFSZ])
{
	civil_format(rid, s->sched.all_day, buf);
	if (!s->sched.all_day) {
		buf[10] = ' ';
		buf[16] = '\0'; /* no seconds */
	}
}

int tally_check_occurrence(const struct series *s, const struct civil *rid,
			   int64_t now, int64_t *start, struct herr *err)
{
	const struct override *o =
		series_find_override((struct series *)s, rid);
	char when[CIVIL_BUFSZ];

	occ_name(s, rid, when);
	if (!o && !sched_has_instance(&s->sched, rid))
		return herr_set(err, HE_USER, _("'%s' has no occurrence at %s"),
				s->title, when);
	if (s->status == STATUS_CANCELLED)
		return herr_set(err, HE_USER, _("'%s' is cancelled: a cancelled "
				"event takes no tally"), s->title);
	if (o && o->cancelled)
		return herr_set(err, HE_USER, str_empty(o->note)
				? _("the occurrence at %s was cancelled: a cancelled "
				    "occurrence takes no tally")
				: _("the occurrence at %s was cancelled (%s): a "
				    "cancelled occurrence takes no tally"),
				when, str_empty(o->note) ? "" : o->note);
	if (o && o->moved)
		*start = tz_to_utc(tz_get(s->sched.tzid), &o->start);
	else
		*start = sched_instant(&s->sched, rid);
	if (*start > now)
		return herr_set(err, HE_USER, _("the occurrence at %s has not "
				"started yet: tallies count what happened"), when);
	return HE_OK;
}

int tally_check_category(const struct config *cfg, const char *kind,
			 const char *key, struct herr *err)
{
	const struct category *k = config_category(cfg, key);
	struct sbuf known = { 0 };

	if (k && category_applies(k, kind))
		return HE_OK;
	for (size_t i = 0; i < cfg->n_categories; i++)
		if (category_applies(&cfg->categories[i], kind))
			sbuf_addf(&known, "%s%s", known.len ? ", " : "",
				  cfg->categories[i].key);
	if (k)
		herr_set(err, HE_USER, _("category '%s' is not counted at %s "
			 "events (their categories: %s)"), key,
			 config_kind_label(cfg, kind), sbuf_str(&known));
	else
		herr_set(err, HE_USER, _("unknown category '%s' (%s events "
			 "count: %s)"), key, config_kind_label(cfg, kind),
			 sbuf_str(&known));
	sbuf_free(&known);
	return HE_USER;
}

int64_t tally_value(const struct tally_list *l, const char *category)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].category, category) == 0)
			return l->v[i].value;
	return -1;
}

void tally_list_free(struct tally_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].category);
		free(l->v[i].by);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

void tally_occs_free(struct tally_occs *o)
{
	for (size_t i = 0; i < o->n; i++)
		tally_list_free(&o->v[i].t);
	free(o->v);
	memset(o, 0, sizeof *o);
}
