/* people.c - people: checking and masking their details; groups and roles. */
#include "people.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../config.h"
#include "../i18n.h"
#include "../text.h"

void person_init(struct person *p)
{
	memset(p, 0, sizeof *p);
	p->active = true;
}

void person_free(struct person *p)
{
	free(p->name);
	free(p->phone);
	free(p->org);
	free(p->note);
	strv_free(&p->groups);
	person_init(p);
}

void person_list_free(struct person_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		person_free(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

char *person_phone_mask(const char *phone)
{
	size_t len;
	char *m;

	if (!phone)
		return NULL;
	len = strlen(phone);
	m = xstrdup(phone);
	if (len >= 9) {
		/* Mainland mobiles: 138****5678, the form people know. */
		memset(m + 3, '*', len - 7);
	} else {
		memset(m, '*', len > 2 ? len - 2 : len);
	}
	return m;
}

int person_phone_normalise(const char *text, char **out, struct herr *err)
{
	struct sbuf b = { 0 };
	size_t digits = 0;

	*out = NULL;
	for (const char *p = text; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			sbuf_addc(&b, *p);
			digits++;
		} else if (*p == '+' && b.len == 0) {
			sbuf_addc(&b, '+');
		} else if (!strchr(" -.()", *p)) {
			sbuf_free(&b);
			return herr_set(err, HE_USER, _("phone '%s' may hold only "
					"digits, a leading +, spaces and dashes"),
					text);
		}
	}
	if (digits < 3 || digits > 20) {
		sbuf_free(&b);
		return herr_set(err, HE_USER, _("phone '%s' should have 3 to 20 "
				"digits"), text);
	}
	*out = sbuf_take(&b);
	return HE_OK;
}

/* Bidi embeddings, overrides and isolates: they disguise what text says. */
static bool bidi_control(uint32_t cp)
{
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
	       cp == 0x200E || cp == 0x200F || cp == 0x061C;
}

/* Checks one text field of a person; what names it in the message. */
static int check_text(const char *what, const char *s, size_t max,
		      bool newlines, struct herr *err)
{
	size_t n = strlen(s), i = 0;

	if (!text_valid_utf8(s, NULL))
		return herr_set(err, HE_USER, _("%s is not valid UTF-8"), what);
	if (n > max)
		return herr_set(err, HE_USER, _("%s is too long (at most %zu "
				"bytes)"), what, max);
	while (i < n) {
		uint32_t cp;
		size_t len = text_decode(s + i, n - i, &cp);
		if ((cp < 0x20 && !(newlines && cp == '\n')) ||
		    (cp >= 0x7F && cp < 0xA0) || bidi_control(cp))
			return herr_set(err, HE_USER, _("%s holds a control "
					"character (U+%04X)"), what,
					(unsigned)cp);
		i += len;
	}
	return HE_OK;
}

/* Drops spaces at both ends of *s, in place; NULL for what is left empty. */
static void trim(char **s)
{
	char *p = *s, *e;

	if (!p)
		return;
	p += strspn(p, " \t");
	e = p + strlen(p);
	while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	if (e == p) {
		free(*s);
		*s = NULL;
		return;
	}
	memmove(*s, p, (size_t)(e - p));
	(*s)[e - p] = '\0';
}

static int check_groups(struct person *p, const struct people_config *pc,
			struct herr *err)
{
	struct strv keys = { 0 };

	for (size_t i = 0; i < p->groups.n; i++) {
		const struct people_label *g = people_group(pc, p->groups.v[i]);
		if (!g) {
			struct sbuf known = { 0 };
			for (size_t j = 0; j < pc->n_groups; j++) {
				if (j)
					sbuf_add(&known, ", ");
				sbuf_add(&known, pc->groups[j].key);
			}
			herr_set(err, HE_USER, _("unknown group '%s' (known: %s; "
				 "more with [group KEY] in the config)"),
				 p->groups.v[i], sbuf_str(&known));
			sbuf_free(&known);
			strv_free(&keys);
			return HE_USER;
		}
		if (!strv_has(&keys, g->key))
			strv_add(&keys, g->key);
	}
	strv_free(&p->groups);
	p->groups = keys;
	return HE_OK;
}

int person_validate(struct person *p, const struct people_config *pc,
		    struct herr *err)
{
	char *phone;
	int rc;

	trim(&p->name);
	trim(&p->phone);
	trim(&p->org);
	trim(&p->note);
	if (!p->name)
		return herr_set(err, HE_USER, _("the person's name is empty"));
	if ((rc = check_text(_("the name"), p->name, PERSON_NAME_MAX, false,
			     err)) ||
	    (p->org && (rc = check_text(_("the organisation"), p->org,
					PERSON_NAME_MAX, false, err))) ||
	    (p->note && (rc = check_text(_("the note"), p->note,
					 PERSON_TEXT_MAX, true, err))))
		return rc;
	if (p->phone) {
		if ((rc = check_text(_("the phone"), p->phone, 40, false, err)) ||
		    (rc = person_phone_normalise(p->phone, &phone, err)))
			return rc;
		free(p->phone);
		p->phone = phone;
	}
	return check_groups(p, pc, err);
}

/* ---- groups and roles ---- */

const char *people_label(const struct people_label *l)
{
	return config_label(&l->labels, l->label, l->translated);
}

/* True when text is one of l's labels, in any language. */
static bool label_matches(const struct people_label *l, const char *text)
{
	if (!strcmp(l->label, text) || !strcmp(people_label(l), text) ||
	    (l->translated && !strcmp(_(l->label), text)))
		return true;
	for (size_t i = 0; i < l->labels.n; i++) {
		const char *eq = strchr(l->labels.v[i], '=');
		if (eq && !strcmp(eq + 1, text))
			return true;
	}
	return strv_has(&l->aliases, text);
}

static const struct people_label *find_label(const struct people_label *v,
					     size_t n, const char *text)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].key, text))
			return &v[i];
	for (size_t i = 0; i < n; i++)
		if (label_matches(&v[i], text))
			return &v[i];
	return NULL;
}

const struct people_label *people_group(const struct people_config *pc,
					const char *text)
{
	return find_label(pc->groups, pc->n_groups, text);
}

const struct people_label *people_role(const struct people_config *pc,
				       const char *text)
{
	return find_label(pc->roles, pc->n_roles, text);
}

const char *people_role_label(const struct people_config *pc, const char *key)
{
	const struct people_label *l = people_role(pc, key);
	return l ? people_label(l) : key;
}

const char *people_group_label(const struct people_config *pc,
			       const char *key)
{
	const struct people_label *l = people_group(pc, key);
	return l ? people_label(l) : key;
}

int people_role_key(const struct people_config *pc, const char *text,
		    const char **key, struct herr *err)
{
	const struct people_label *l = people_role(pc, text);
	int rc;

	if (l) {
		*key = l->key;
		return HE_OK;
	}
	/* A role the config does not name is kept as typed. */
	if (!*text || text[0] == ' ' || text[strlen(text) - 1] == ' ')
		return herr_set(err, HE_USER, _("a role must not be empty or "
				"start or end with a space"));
	if ((rc = check_text(_("the role"), text, 60, false, err)) != HE_OK)
		return rc;
	*key = text;
	return HE_OK;
}

/* "7.5" hours, "8" when whole. */
static void hours_text(int minutes, char buf[16])
{
	if (minutes % 60 == 0)
		snprintf(buf, 16, "%d", minutes / 60);
	else
		snprintf(buf, 16, "%d.%d", minutes / 60, (minutes % 60) * 10 / 60);
}

/* The shift an entry is about: "β暖冬志愿服务站 2027-01-08". */
static void shift_of(struct sbuf *b, const struct ledger_entry *e,
		     const struct tz *zone)
{
	sbuf_add(b, e->title ? e->title : "?");
	if (e->occ_start) {
		struct civil d = tz_from_utc(zone, e->occ_start, NULL);
		sbuf_addf(b, " %04d-%02d-%02d", d.year, d.month, d.day);
	}
}

static const char *bonus_label(const struct people_config *pc,
			       const char *key)
{
	for (size_t i = 0; pc && i < pc->n_bonuses; i++)
		if (!strcmp(pc->bonuses[i].name.key, key))
			return people_label(&pc->bonuses[i].name);
	return key;
}

char *ledger_describe(const struct ledger_entry *e,
		      const struct people_config *pc, const struct tz *zone)
{
	struct sbuf b = { 0 };
	char h[16];

	switch (e->kind) {
	case LEDGER_EARN:
		shift_of(&b, e, zone);
		hours_text(e->minutes, h);
		sbuf_addf(&b, _(" (%s, %s h)"),
			  e->role ? people_role_label(pc, e->role) : "?", h);
		break;
	case LEDGER_BONUS:
		sbuf_addf(&b, _("Bonus %s: "), bonus_label(pc, e->bonus));
		shift_of(&b, e, zone);
		break;
	case LEDGER_REDEEM:
		sbuf_addf(&b, _("Redeemed: %s"), e->title ? e->title : "?");
		break;
	case LEDGER_ADJUST:
		sbuf_addf(&b, _("Adjusted: %s"), e->reason ? e->reason : "");
		break;
	case LEDGER_REVERSE:
		sbuf_add(&b, e->bonus ? _("Check-out undone (bonus): ")
				      : _("Check-out undone: "));
		shift_of(&b, e, zone);
		break;
	}
	return sbuf_take(&b);
}
