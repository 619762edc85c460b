/*
 * config_report.c - the vocabulary of tallies and suggestions: categories
 * of what is counted at an occurrence and topics of suggestions, built in
 * and from [category KEY] and [topic KEY] sections.
 */
#include "config_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

struct builtin_category {
	const char *key, *label, *unit;
	const char *kinds;       /* space-separated kind keys, or "*" */
};

/*
 * What the reports hearth grew from count: people served everywhere;
 * meals, lodgings and free parking at the stations (212,000 meals and
 * lodgings, 765,000 vehicles); blood-pressure and glucose checks at the
 * pharmacy stations and the fair's medical zone; examinees driven and
 * transport tasks by volunteer drivers; books swapped at reading sessions.
 */
static const struct builtin_category builtin_categories[] = {
	{ "served", N_("People served"), N_("people"), "*" },
	{ "meals", N_("Meals"), N_("servings"), "station warm-station" },
	{ "lodgings", N_("Lodgings"), N_("nights"), "station" },
	{ "rests", N_("Rests"), N_("visits"), "station warm-station clinic" },
	{ "parked", N_("Vehicles parked"), N_("vehicles"), "station" },
	{ "drinks", N_("Hot drinks"), N_("cups"), "warm-station" },
	{ "charging", N_("Phone charges"), N_("times"), "station warm-station" },
	{ "consultations", N_("Free consultations"), N_("people"), "fair clinic" },
	{ "bp-checks", N_("Blood-pressure checks"), N_("people"), "clinic fair" },
	{ "glucose-checks", N_("Blood-glucose checks"), N_("people"), "clinic" },
	{ "examinees", N_("Examinees driven"), N_("people"), "volunteer" },
	{ "transport", N_("Transport tasks"), N_("tasks"), "volunteer" },
	{ "books", N_("Books swapped"), N_("books"), "reading" },
};

/* What riders, couriers and drivers raise (the Panjin report's list). */
static const struct {
	const char *key, *label;
} builtin_topics[] = {
	{ "labour-rights", N_("Labour rights") },
	{ "care", N_("Care services") },
	{ "facilities", N_("Facilities") },
	{ "safety", N_("Safety") },
	{ "governance", N_("Community governance") },
	{ "other", N_("Other") },
};

#define N_BUILTIN_CATEGORIES \
	(sizeof builtin_categories / sizeof *builtin_categories)
#define N_BUILTIN_TOPICS (sizeof builtin_topics / sizeof *builtin_topics)

/* Splits a list of kind keys at spaces and commas into out. */
static void split_kinds(const char *list, struct strv *out)
{
	const char *p = list;

	while (*p) {
		size_t n;
		p += strspn(p, " ,\t");
		n = strcspn(p, " ,\t");
		if (n) {
			char *key = xstrndup(p, n);
			strv_add(out, key);
			free(key);
		}
		p += n;
	}
}

static struct category *add_category(struct config *c, const char *key)
{
	struct category *k;

	c->categories = xgrow(c->categories, &c->cap_categories,
			      c->n_categories + 1, sizeof *c->categories);
	k = &c->categories[c->n_categories++];
	memset(k, 0, sizeof *k);
	k->key = xstrdup(key);
	k->label = xstrdup(key);
	strv_add(&k->kinds, "*");
	return k;
}

static struct topic *add_topic(struct config *c, const char *key)
{
	struct topic *t;

	c->topics = xgrow(c->topics, &c->cap_topics, c->n_topics + 1,
			  sizeof *c->topics);
	t = &c->topics[c->n_topics++];
	memset(t, 0, sizeof *t);
	t->key = xstrdup(key);
	t->label = xstrdup(key);
	return t;
}

void config_report_init(struct config *c)
{
	for (size_t i = 0; i < N_BUILTIN_CATEGORIES; i++) {
		const struct builtin_category *b = &builtin_categories[i];
		struct category *k = add_category(c, b->key);
		str_replace(&k->label, b->label);
		str_replace(&k->unit, b->unit);
		strv_free(&k->kinds);
		split_kinds(b->kinds, &k->kinds);
		k->builtin = k->label_translated = k->unit_translated = true;
	}
	for (size_t i = 0; i < N_BUILTIN_TOPICS; i++) {
		struct topic *t = add_topic(c, builtin_topics[i].key);
		str_replace(&t->label, builtin_topics[i].label);
		t->builtin = t->label_translated = true;
	}
}

void config_report_free(struct config *c)
{
	for (size_t i = 0; i < c->n_categories; i++) {
		struct category *k = &c->categories[i];
		free(k->key);
		free(k->label);
		free(k->unit);
		strv_free(&k->labels);
		strv_free(&k->units);
		strv_free(&k->kinds);
	}
	free(c->categories);
	for (size_t i = 0; i < c->n_topics; i++) {
		free(c->topics[i].key);
		free(c->topics[i].label);
		strv_free(&c->topics[i].labels);
	}
	free(c->topics);
	c->categories = NULL;
	c->topics = NULL;
	c->n_categories = c->cap_categories = c->n_topics = c->cap_topics = 0;
}

const struct category *config_category(const struct config *c,
				       const char *key)
{
	for (size_t i = 0; i < c->n_categories; i++)
		if (strcmp(c->categories[i].key, key) == 0)
			return &c->categories[i];
	return NULL;
}

const char *category_label(const struct category *k)
{
	const char *label = config_localised(&k->labels);

	if (label)
		return label;
	return k->label_translated ? _(k->label) : k->label;
}

const char *category_unit(const struct category *k)
{
	const char *unit = config_localised(&k->units);

	if (unit)
		return unit;
	if (!k->unit)
		return "";
	return k->unit_translated ? _(k->unit) : k->unit;
}

bool category_applies(const struct category *k, const char *kind)
{
	return strv_has(&k->kinds, "*") || strv_has(&k->kinds, kind);
}

const char *config_category_label(const struct config *c, const char *key)
{
	const struct category *k = config_category(c, key);
	return k ? category_label(k) : key;
}

const struct topic *config_topic(const struct config *c, const char *key)
{
	for (size_t i = 0; i < c->n_topics; i++)
		if (strcmp(c->topics[i].key, key) == 0)
			return &c->topics[i];
	return NULL;
}

const char *topic_label(const struct topic *t)
{
	const char *label = config_localised(&t->labels);

	if (label)
		return label;
	return t->label_translated ? _(t->label) : t->label;
}

const char *config_topic_label(const struct config *c, const char *key)
{
	const struct topic *t = config_topic(c, key);
	return t ? topic_label(t) : key;
}

/* "name.LANG = value" as "LANG=value" in list; false when LANG is empty. */
static bool add_localised(struct strv *list, const char *lang,
			  const char *value)
{
	char *entry;

	if (!*lang)
		return false;
	entry = xasprintf("%s=%s", lang, value);
	strv_add(list, entry);
	free(entry);
	return true;
}

/* kinds = KEY...: every kind must be known by then (built in or above). */
static bool set_kinds(struct config *c, struct category *k, const char *value,
		      char *msg, size_t msglen)
{
	struct strv kinds = { 0 };

	split_kinds(value, &kinds);
	for (size_t i = 0; i < kinds.n; i++) {
		if (strcmp(kinds.v[i], "*") == 0 && kinds.n == 1)
			continue;
		if (!config_kind(c, kinds.v[i])) {
			snprintf(msg, msglen, _("unknown kind '%s' in [category "
				 "%s] (built-in kinds and those of [kind] "
				 "sections above this line may be named; * "
				 "means every kind)"), kinds.v[i], k->key);
			strv_free(&kinds);
			return false;
		}
	}
	strv_free(&k->kinds);
	k->kinds = kinds;
	return true;
}

static bool set_category(struct config *c, const char *key, const char *name,
			 const char *value, char *msg, size_t msglen)
{
	struct category *k = (struct category *)config_category(c, key);

	if (!k)
		k = add_category(c, key);
	if (strcmp(name, "label") == 0) {
		str_replace(&k->label, value);
		k->label_translated = false;
	} else if (strncmp(name, "label.", 6) == 0 &&
		   add_localised(&k->labels, name + 6, value)) {
		/* added */
	} else if (strcmp(name, "unit") == 0) {
		str_replace(&k->unit, *value ? value : NULL);
		k->unit_translated = false;
	} else if (strncmp(name, "unit.", 5) == 0 &&
		   add_localised(&k->units, name + 5, value)) {
		/* added */
	} else if (strcmp(name, "kinds") == 0) {
		return set_kinds(c, k, value, msg, msglen);
	} else {
		snprintf(msg, msglen, _("unknown option '%s' in [category %s]"),
			 name, key);
		return false;
	}
	return true;
}

static bool set_topic(struct config *c, const char *key, const char *name,
		      const char *value, char *msg, size_t msglen)
{
	struct topic *t = (struct topic *)config_topic(c, key);

	if (!t)
		t = add_topic(c, key);
	if (strcmp(name, "label") == 0) {
		str_replace(&t->label, value);
		t->label_translated = false;
	} else if (strncmp(name, "label.", 6) == 0 &&
		   add_localised(&t->labels, name + 6, value)) {
		/* added */
	} else {
		snprintf(msg, msglen, _("unknown option '%s' in [topic %s]"),
			 name, key);
		return false;
	}
	return true;
}

bool config_report_set(struct config *c, const char *section,
		       const char *name, const char *value, char *msg,
		       size_t msglen)
{
	bool category = strncmp(section, "category ", 9) == 0;
	const char *key = section + (category ? 9 : 6);

	if (!config_key_valid(key)) {
		snprintf(msg, msglen, category
			 ? _("category key '%s' may hold only a-z, 0-9, - and _")
			 : _("topic key '%s' may hold only a-z, 0-9, - and _"),
			 key);
		return false;
	}
	return category ? set_category(c, key, name, value, msg, msglen)
			: set_topic(c, key, name, value, msg, msglen);
}
