/* series.c - the event model and the operations that need no storage. */
#include "series.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <time.h>

#include "i18n.h"
#include "text.h"

/*
 * Stored and exported as they are; marked so that the front ends can show
 * them translated with _(status_name(s)).
 */
static const char *const status_names[] = {
	/* TRANSLATORS: the status of an event: not yet sure to happen. */
	N_("tentative"),
	/* TRANSLATORS: the status of an event: it will happen. */
	N_("confirmed"),
	/* TRANSLATORS: the status of an event or of one occurrence. */
	N_("cancelled"),
};
static const char *const role_names[] = { "host", "co-host", "partner",
					  "sponsor" };

const char *status_name(enum status s)
{
	return (unsigned)s < 3 ? status_names[s] : "confirmed";
}

bool status_parse(const char *name, enum status *out)
{
	for (int i = 0; i < 3; i++)
		if (strcasecmp(name, status_names[i]) == 0) {
			*out = (enum status)i;
			return true;
		}
	if (strcasecmp(name, "canceled") == 0) {
		*out = STATUS_CANCELLED;
		return true;
	}
	return false;
}

const char *role_name(enum role r)
{
	return (unsigned)r < 4 ? role_names[r] : "partner";
}

bool role_parse(const char *name, enum role *out)
{
	for (int i = 0; i < 4; i++)
		if (strcasecmp(name, role_names[i]) == 0) {
			*out = (enum role)i;
			return true;
		}
	if (strcasecmp(name, "cohost") == 0) {
		*out = ROLE_COHOST;
		return true;
	}
	return false;
}

void venue_free(struct venue *v)
{
	free(v->name);
	free(v->address);
	free(v->type);
	free(v->notes);
	strv_free(&v->services);
	memset(v, 0, sizeof *v);
}

void org_free(struct org *o)
{
	free(o->name);
	free(o->type);
	free(o->contact);
	memset(o, 0, sizeof *o);
}

void series_init(struct series *s)
{
	memset(s, 0, sizeof *s);
	s->status = STATUS_CONFIRMED;
	sched_init(&s->sched);
}

void segment_copy(struct segment *dst, const struct segment *src)
{
	*dst = *src;
	dst->title = xstrdup0(src->title);
	memset(&dst->partners, 0, sizeof dst->partners);
	strv_copy(&dst->partners, &src->partners);
	dst->venue = xstrdup0(src->venue);
	dst->note = xstrdup0(src->note);
}

void segment_free(struct segment *seg)
{
	free(seg->title);
	strv_free(&seg->partners);
	free(seg->venue);
	free(seg->note);
	memset(seg, 0, sizeof *seg);
}

static void override_free(struct override *o)
{
	free(o->venue);
	free(o->note);
	free(o->title);
	free(o->description);
	memset(o, 0, sizeof *o);
}

bool override_is_empty(const struct override *o)
{
	return !o->moved && !o->cancelled && !o->venue && !o->note &&
	       !o->title && !o->description;
}

static void index_forget(struct series *s);

void series_free(struct series *s)
{
	free(s->uid);
	free(s->kind);
	free(s->title);
	free(s->description);
	free(s->venue);
	free(s->contact);
	for (size_t i = 0; i < s->n_orgs; i++)
		free(s->orgs[i].name);
	free(s->orgs);
	strv_free(&s->audience);
	for (size_t i = 0; i < s->n_segments; i++)
		segment_free(&s->segments[i]);
	free(s->segments);
	for (size_t i = 0; i < s->n_overrides; i++)
		override_free(&s->overrides[i]);
	free(s->overrides);
	index_forget(s);
	sched_free(&s->sched);
	series_init(s);
}

/*
 * Finding an override by its original start. A series with many is
 * indexed by a hash of positions, built when first needed and rebuilt when
 * the array has changed under it: an import of one series with 100,000
 * changed occurrences took 86 s, each new change searching all before it.
 */
#define INDEX_FROM 16

struct override_index {
	const struct override *built_for;  /* the array and count it was */
	size_t built_n;                    /* built for */
	size_t mask;
	size_t *pos;                       /* position + 1; 0 = empty */
};

static size_t rid_hash(const struct civil *c)
{
	uint64_t h = (uint64_t)civil_to_seconds(c) * 0x9e3779b97f4a7c15ULL;
	return (size_t)(h ^ (h >> 29));
}

static void index_forget(struct series *s)
{
	if (s->override_index)
		free(s->override_index->pos);
	free(s->override_index);
	s->override_index = NULL;
}

static void index_put(struct override_index *x, const struct override *v,
		      size_t i)
{
	size_t h = rid_hash(&v[i].rid) & x->mask;

	while (x->pos[h])
		h = (h + 1) & x->mask;
	x->pos[h] = i + 1;
}

/* The index, valid for the array as it is now. */
static struct override_index *index_of(struct series *s)
{
	struct override_index *x = s->override_index;

	if (x && x->built_for == s->overrides && x->built_n == s->n_overrides)
		return x;
	index_forget(s);
	x = s->override_index = xcalloc(1, sizeof *x);
	for (x->mask = 63; x->mask + 1 < 2 * s->n_overrides + 2;)
		x->mask = 2 * x->mask + 1;
	x->pos = xcalloc(x->mask + 1, sizeof *x->pos);
	for (size_t i = 0; i < s->n_overrides; i++)
		index_put(x, s->overrides, i);
	x->built_for = s->overrides;
	x->built_n = s->n_overrides;
	return x;
}

static struct override override_dup(const struct override *o)
{
	struct override c = *o;
	c.venue = xstrdup0(o->venue);
	c.note = xstrdup0(o->note);
	c.title = xstrdup0(o->title);
	c.description = xstrdup0(o->description);
	return c;
}

void override_copy(struct override *dst, const struct override *src)
{
	struct override c = override_dup(src);

	override_free(dst);
	*dst = c;
}

static void add_override(struct series *s, struct override o)
{
	struct override_index *x = s->override_index;
	bool keep = x && x->built_for == s->overrides &&
		    x->built_n == s->n_overrides &&
		    2 * (s->n_overrides + 1) < x->mask + 1;

	s->overrides = xgrow(s->overrides, &s->cap_overrides,
			     s->n_overrides + 1, sizeof *s->overrides);
	s->overrides[s->n_overrides++] = o;
	/* Kept up to date while it has room; else rebuilt when next asked. */
	if (keep) {
		index_put(x, s->overrides, s->n_overrides - 1);
		x->built_for = s->overrides;
		x->built_n = s->n_overrides;
	}
}

void series_copy(struct series *dst, const struct series *src)
{
	series_init(dst);
	dst->id = src->id;
	dst->uid = xstrdup0(src->uid);
	dst->kind = xstrdup0(src->kind);
	dst->title = xstrdup0(src->title);
	dst->description = xstrdup0(src->description);
	dst->venue = xstrdup0(src->venue);
	dst->contact = xstrdup0(src->contact);
	for (size_t i = 0; i < src->n_orgs; i++)
		series_add_org(dst, src->orgs[i].name, src->orgs[i].role);
	strv_copy(&dst->audience, &src->audience);
	dst->capacity = src->capacity;
	dst->status = src->status;
	dst->created = src->created;
	dst->updated = src->updated;
	dst->revision = src->revision;
	dst->alarms = src->alarms;
	sched_copy(&dst->sched, &src->sched);
	for (size_t i = 0; i < src->n_segments; i++)
		series_add_segment(dst, &src->segments[i]);
	for (size_t i = 0; i < src->n_overrides; i++)
		add_override(dst, override_dup(&src->overrides[i]));
}

char *uid_new(void)
{
	unsigned char b[16];
	size_t got = 0;

	while (got < sizeof b) {
		ssize_t n = getrandom(b + got, sizeof b - got, 0);
		if (n > 0) {
			got += (size_t)n;
		} else {
			/* No entropy source: fall back to time and address bits. */
			uint64_t x = (uint64_t)time(NULL) ^ (uint64_t)(uintptr_t)b;
			for (; got < sizeof b; got++, x = x * 6364136223846793005u + 1)
				b[got] = (unsigned char)(x >> 56);
		}
	}
	b[6] = (unsigned char)((b[6] & 0x0F) | 0x40); /* UUID version 4 */
	b[8] = (unsigned char)((b[8] & 0x3F) | 0x80); /* RFC 4122 variant */
	return xasprintf("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
			 "%02x%02x%02x%02x%02x%02x",
			 b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8],
			 b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

void series_add_org(struct series *s, const char *name, enum role role)
{
	for (size_t i = 0; i < s->n_orgs; i++)
		if (s->orgs[i].role == role && strcmp(s->orgs[i].name, name) == 0)
			return;
	s->orgs = xgrow(s->orgs, &s->cap_orgs, s->n_orgs + 1, sizeof *s->orgs);
	s->orgs[s->n_orgs].name = xstrdup(name);
	s->orgs[s->n_orgs].role = role;
	s->n_orgs++;
}

const char *series_org_with_role(const struct series *s, enum role role)
{
	for (size_t i = 0; i < s->n_orgs; i++)
		if (s->orgs[i].role == role)
			return s->orgs[i].name;
	return NULL;
}

void series_clear_orgs(struct series *s, enum role role)
{
	size_t kept = 0;

	for (size_t i = 0; i < s->n_orgs; i++) {
		if (s->orgs[i].role == role)
			free(s->orgs[i].name);
		else
			s->orgs[kept++] = s->orgs[i];
	}
	s->n_orgs = kept;
}

void series_add_segment(struct series *s, const struct segment *seg)
{
	series_insert_segment(s, s->n_segments, seg);
}

void series_insert_segment(struct series *s, size_t i,
			   const struct segment *seg)
{
	if (i > s->n_segments)
		i = s->n_segments;
	s->segments = xgrow(s->segments, &s->cap_segments, s->n_segments + 1,
			    sizeof *s->segments);
	memmove(&s->segments[i + 1], &s->segments[i],
		(s->n_segments - i) * sizeof *s->segments);
	s->n_segments++;
	segment_copy(&s->segments[i], seg);
}

bool series_remove_segment(struct series *s, size_t i)
{
	if (i >= s->n_segments)
		return false;
	segment_free(&s->segments[i]);
	memmove(&s->segments[i], &s->segments[i + 1],
		(s->n_segments - i - 1) * sizeof *s->segments);
	s->n_segments--;
	return true;
}

bool series_move_segment(struct series *s, size_t i, size_t j)
{
	struct segment seg;

	if (i >= s->n_segments || j >= s->n_segments)
		return false;
	seg = s->segments[i];
	if (i < j)
		memmove(&s->segments[i], &s->segments[i + 1],
			(j - i) * sizeof seg);
	else
		memmove(&s->segments[j + 1], &s->segments[j],
			(i - j) * sizeof seg);
	s->segments[j] = seg;
	return true;
}

int text_check_length(const char *what, const char *text, size_t max,
		      struct herr *err)
{
	size_t n = text ? strlen(text) : 0;

	if (n <= max)
		return HE_OK;
	/* TRANSLATORS: %s names a field, such as "title"; then its length
	   and hearth's limit, in bytes (a Chinese character takes three). */
	return herr_set(err, HE_USER, _("%s is %zu bytes long; hearth keeps at "
			"most %zu"), _(what), n, max);
}

/*
 * Refuses text that is not UTF-8, longer than max bytes, or that holds no
 * visible character; what names the field (marked with N_, translated
 * here).
 */
static int check_text(const char *what, const char *s, bool required,
		      size_t max, struct herr *err)
{
	size_t bad;

	/* what is translated only for a message: a gettext lookup per field
	 * was a tenth of storing an imported event. */
	if (text_check_length(what, s, max, err) != HE_OK)
		return HE_USER;
	if (!s || !*s)
		return required
			/* TRANSLATORS: %s names a field, such as "title". */
			? herr_set(err, HE_USER, _("%s is empty"), _(what))
			: HE_OK;
	if (!text_valid_utf8(s, &bad))
		return herr_set(err, HE_USER,
				/* TRANSLATORS: %s names a field, such as
				   "title"; %zu counts bytes from 1. */
				_("%s is not valid UTF-8 (byte %zu)"), _(what),
				bad + 1);
	if (required && s[strspn(s, " \t\r\n")] == '\0')
		/* TRANSLATORS: %s names a field; blank: only spaces. */
		return herr_set(err, HE_USER, _("%s is blank"), _(what));
	return HE_OK;
}

/*
 * What the description of a series, or of an occurrence with one of its
 * own, takes with the segment lines an export adds to it (ics_description).
 */
static size_t described_length(const struct series *s, const char *text)
{
	size_t n = text ? strlen(text) : 0;

	for (size_t i = 0; i < s->n_segments; i++) {
		const struct segment *g = &s->segments[i];
		n += strlen(g->title) + 24 + (g->venue ? strlen(g->venue) : 0) +
		     (g->note ? strlen(g->note) : 0);
		for (size_t k = 0; k < g->partners.n; k++)
			n += strlen(g->partners.v[k]) + 2;
	}
	return n;
}

static int check_described(const struct series *s, const char *text,
			   struct herr *err)
{
	size_t n = described_length(s, text);

	if (n <= TEXT_MAX_DESCRIPTION)
		return HE_OK;
	return herr_set(err, HE_USER, _("the description with the segments "
			"is %zu bytes long; hearth keeps at most %d"), n,
			TEXT_MAX_DESCRIPTION);
}

static int check_segments(const struct series *s, struct herr *err)
{
	for (size_t i = 0; i < s->n_segments; i++) {
		const struct segment *g = &s->segments[i];
		int rc = check_text(N_("segment title"), g->title, true,
				    TEXT_MAX_NAME, err);
		if (rc == HE_OK)
			rc = check_text(N_("segment note"), g->note, false,
					TEXT_MAX_NOTE, err);
		if (rc == HE_OK)
			rc = check_text(N_("segment venue"), g->venue, false,
					TEXT_MAX_NAME, err);
		if (rc == HE_OK && g->partners.n > TEXT_MAX_ITEMS)
			rc = herr_set(err, HE_USER, _("a segment has at most %d "
				      "partners"), TEXT_MAX_ITEMS);
		for (size_t k = 0; rc == HE_OK && k < g->partners.n; k++)
			rc = check_text(N_("segment partner"), g->partners.v[k],
					true, TEXT_MAX_NAME, err);
		if (rc != HE_OK)
			return rc;
		if (g->timed && (g->from_min < 0 || g->to_min > 24 * 60 ||
				 g->from_min >= g->to_min))
			return herr_set(err, HE_USER,
					_("segment %zu: the end is not after the "
					"start"), i + 1);
	}
	return HE_OK;
}

int series_validate(struct series *s, struct herr *err)
{
	/* TRANSLATORS: names of fields in messages such as "title is empty". */
	const char *names[] = { N_("title"), N_("description"), N_("contact"),
				N_("kind"), N_("venue") };
	const char *values[] = { s->title, s->description, s->contact, s->kind,
				 s->venue };
	const size_t max[] = { TEXT_MAX_NAME, TEXT_MAX_DESCRIPTION,
			       TEXT_MAX_NOTE, TEXT_MAX_NAME, TEXT_MAX_NAME };
	int rc;

	for (size_t i = 0; i < 5; i++) {
		rc = check_text(names[i], values[i], i == 0 || i == 3, max[i],
				err);
		if (rc != HE_OK)
			return rc;
	}
	if (!s->uid || !*s->uid || strlen(s->uid) > UID_MAX ||
	    !text_valid_utf8(s->uid, NULL))
		return herr_set(err, HE_USER, _("UID is empty, too long or not UTF-8"));
	if (s->audience.n > TEXT_MAX_ITEMS || s->n_orgs > TEXT_MAX_ITEMS)
		return herr_set(err, HE_USER, _("an event has at most %d "
				"organisations and %d audience tags"),
				TEXT_MAX_ITEMS, TEXT_MAX_ITEMS);
	for (size_t i = 0; i < s->audience.n; i++)
		if ((rc = check_text(N_("audience"), s->audience.v[i], true,
				     TEXT_MAX_NAME, err)))
			return rc;
	for (size_t i = 0; i < s->n_orgs; i++)
		if ((rc = check_text(N_("organisation"), s->orgs[i].name, true,
				     TEXT_MAX_NAME, err)))
			return rc;
	for (size_t i = 0; i < s->n_overrides; i++) {
		const struct override *o = &s->overrides[i];
		if ((rc = check_text(N_("note"), o->note, false, TEXT_MAX_NOTE,
				     err)) ||
		    (rc = check_text(N_("venue"), o->venue, false, TEXT_MAX_NAME,
				     err)) ||
		    (rc = check_text(N_("title"), o->title, false, TEXT_MAX_NAME,
				     err)) ||
		    (rc = check_text(N_("description"), o->description, false,
				     TEXT_MAX_DESCRIPTION, err)) ||
		    (o->description &&
		     (rc = check_described(s, o->description, err))))
			return rc;
	}
	if (s->capacity < 0)
		return herr_set(err, HE_USER, _("capacity cannot be negative"));
	if ((rc = check_segments(s, err)) != HE_OK ||
	    (rc = check_described(s, s->description, err)) != HE_OK)
		return rc;
	return sched_prepare(&s->sched, err);
}

struct override *series_find_override(struct series *s, const struct civil *rid)
{
	struct override_index *x;

	if (s->n_overrides < INDEX_FROM) {
		for (size_t i = 0; i < s->n_overrides; i++)
			if (civil_cmp(&s->overrides[i].rid, rid) == 0)
				return &s->overrides[i];
		return NULL;
	}
	x = index_of(s);
	for (size_t h = rid_hash(rid) & x->mask; x->pos[h];
	     h = (h + 1) & x->mask)
		if (civil_cmp(&s->overrides[x->pos[h] - 1].rid, rid) == 0)
			return &s->overrides[x->pos[h] - 1];
	return NULL;
}

struct override *series_override_stored(struct series *s,
					const struct civil *rid)
{
	struct override o = { 0 };
	struct override *have = series_find_override(s, rid);

	if (have)
		return have;
	o.rid = *rid;
	add_override(s, o);
	return &s->overrides[s->n_overrides - 1];
}

int series_override(struct series *s, const struct civil *rid,
		    struct override **out, struct herr *err)
{
	struct override o = { 0 };
	char buf[CIVIL_BUFSZ];

	*out = series_find_override(s, rid);
	if (*out)
		return HE_OK;
	if (!sched_has_instance(&s->sched, rid))
		return herr_set(err, HE_USER,
				_("'%s' has no occurrence starting at %s"), s->title,
				civil_format(rid, s->sched.all_day, buf));
	o.rid = *rid;
	add_override(s, o);
	*out = &s->overrides[s->n_overrides - 1];
	return HE_OK;
}

/* The slot holding position i (which must be there). */
static size_t index_slot(const struct override_index *x,
			 const struct override *v, size_t i)
{
	size_t h = rid_hash(&v[i].rid) & x->mask;

	while (x->pos[h] != i + 1)
		h = (h + 1) & x->mask;
	return h;
}

/* Takes position i out, moving later entries of its run back (linear
 * probing has no holes inside a run). */
static void index_remove(struct override_index *x, const struct override *v,
			 size_t i)
{
	size_t hole = index_slot(x, v, i);

	for (size_t j = (hole + 1) & x->mask; x->pos[j]; j = (j + 1) & x->mask) {
		size_t home = rid_hash(&v[x->pos[j] - 1].rid) & x->mask;
		/* Movable unless its home lies in (hole, j], cyclically. */
		bool stays = hole <= j ? home > hole && home <= j
				       : home > hole || home <= j;
		if (!stays) {
			x->pos[hole] = x->pos[j];
			hole = j;
		}
	}
	x->pos[hole] = 0;
}

bool series_drop_override(struct series *s, const struct civil *rid)
{
	struct override *o = series_find_override(s, rid);
	struct override_index *x = s->override_index;
	size_t i, last = s->n_overrides - 1;

	if (!o)
		return false;
	i = (size_t)(o - s->overrides);
	if (x && x->built_for == s->overrides && x->built_n == s->n_overrides) {
		index_remove(x, s->overrides, i);
		if (i != last)
			x->pos[index_slot(x, s->overrides, last)] = i + 1;
		x->built_n--;
	} else {
		index_forget(s);
	}
	override_free(o);
	s->overrides[i] = s->overrides[last];
	s->n_overrides = last;
	return true;
}

/* Keeps in l the dates before rid (when before) or from rid on. */
static void keep_side(struct civil_list *l, const struct civil *rid, bool before)
{
	size_t kept = 0;

	for (size_t i = 0; i < l->n; i++)
		if ((civil_cmp(&l->v[i], rid) < 0) == before)
			l->v[kept++] = l->v[i];
	l->n = kept;
}

static void keep_overrides(struct series *s, const struct civil *rid,
			   bool before)
{
	size_t kept = 0;

	for (size_t i = 0; i < s->n_overrides; i++) {
		if ((civil_cmp(&s->overrides[i].rid, rid) < 0) == before)
			s->overrides[kept++] = s->overrides[i];
		else
			override_free(&s->overrides[i]);
	}
	s->n_overrides = kept;
	index_forget(s);
}

/* Wall-clock seconds between two civil times (all-day: whole days). */
static int64_t wall_delta(const struct civil *from, const struct civil *to)
{
	return civil_to_seconds(to) - civil_to_seconds(from);
}

/* Ends the rules of the two halves of a split at rid. */
static int split_rules(struct series *head, struct series *tail,
		       const struct civil *rid, struct herr *err)
{
	int count = sched_rule_count(head->sched.rrule);
	char *head_rule, *tail_rule = NULL;

	if (!head->sched.rrule)
		return HE_OK;
	if (count > 0) {
		long before = sched_count_before(&head->sched, rid);
		tail_rule = sched_rule_with_end(&tail->sched, tail->sched.rrule,
						NULL, count - (int)before);
		if (before <= 0) {
			/* DTSTART off the rule is the head's only instance
			 * (RFC 5545 3.8.5.3): no rule is left to it. */
			free(head->sched.rrule);
			head->sched.rrule = NULL;
			free(tail->sched.rrule);
			tail->sched.rrule = tail_rule;
			return tail_rule ? HE_OK : herr_set(err, HE_INTERNAL,
					_("cannot split the repeat rule"));
		}
		head_rule = sched_rule_with_end(&head->sched, head->sched.rrule,
						NULL, (int)before);
	} else {
		struct civil until = head->sched.all_day
			? civil_add_days(*rid, -1)
			: civil_from_seconds(civil_to_seconds(rid) - 1);
		head_rule = sched_rule_with_end(&head->sched, head->sched.rrule,
						&until, 0);
	}
	if (!head_rule)
		return herr_set(err, HE_INTERNAL, _("cannot split the repeat rule"));
	free(head->sched.rrule);
	head->sched.rrule = head_rule;
	if (tail_rule) {
		free(tail->sched.rrule);
		tail->sched.rrule = tail_rule;
	}
	return HE_OK;
}

/*
 * The end of a series that starts at rid with occurrences as long as sc's.
 * RFC 5545 makes every occurrence last exactly DTEND - DTSTART; when rid's
 * day has a daylight-saving change (an overnight warm-winter station) the
 * same wall-clock end would make every later occurrence an hour off.
 */
static struct civil tail_end(const struct sched *sc, const struct civil *rid)
{
	const struct tz *z = tz_get(sc->tzid);
	int64_t wall = wall_delta(&sc->start, &sc->end), end;
	struct civil c;

	if (sc->all_day || !z)
		return civil_from_seconds(civil_to_seconds(rid) + wall);
	end = sched_instant(sc, rid) + sched_duration(sc);
	c = tz_from_utc(z, end, NULL);
	/* An end in the repeated hour of a fold has no wall-clock name. */
	if (tz_to_utc(z, &c) != end)
		c = civil_from_seconds(civil_to_seconds(rid) + wall);
	return c;
}

/*
 * True when rid is an extra date of a repeating series and not one of its
 * rule's instances: a tail starting there would not be in step with the
 * rule (libical skips such a DTSTART) and its COUNT could come out as 0.
 */
static bool extra_date_only(const struct sched *sc, const struct civil *rid)
{
	struct sched rule_only;
	bool yes;

	if (!sc->rrule || !civil_list_has(&sc->rdates, rid))
		return false;
	sched_copy(&rule_only, sc);
	civil_list_free(&rule_only.rdates);
	yes = !sched_has_instance(&rule_only, rid);
	sched_free(&rule_only);
	return yes;
}

int series_split(struct series *s, const struct civil *rid,
		 struct series *tail, struct herr *err)
{
	char buf[CIVIL_BUFSZ];
	int rc;

	if (!sched_has_instance(&s->sched, rid))
		return herr_set(err, HE_USER,
				_("'%s' has no occurrence starting at %s"), s->title,
				civil_format(rid, s->sched.all_day, buf));
	if (civil_cmp(rid, &s->sched.start) <= 0)
		return herr_set(err, HE_USER,
				_("%s is the first occurrence: edit the whole series "
				"instead of splitting it"),
				civil_format(rid, s->sched.all_day, buf));
	if (extra_date_only(&s->sched, rid))
		return herr_set(err, HE_USER,
				_("%s is an extra date, not an occurrence of the "
				"repeat rule: split at one of the rule's occurrences"),
				civil_format(rid, s->sched.all_day, buf));
	series_copy(tail, s);
	free(tail->uid);
	tail->uid = uid_new();
	tail->id = 0;
	tail->revision = 0;
	tail->sched.start = *rid;
	tail->sched.end = tail_end(&s->sched, rid);
	rc = split_rules(s, tail, rid, err);
	if (rc != HE_OK) {
		series_free(tail);
		return rc;
	}
	keep_side(&s->sched.rdates, rid, true);
	keep_side(&s->sched.exdates, rid, true);
	keep_overrides(s, rid, true);
	keep_side(&tail->sched.rdates, rid, false);
	civil_list_remove(&tail->sched.rdates, rid);
	keep_side(&tail->sched.exdates, rid, false);
	keep_overrides(tail, rid, false);
	if ((rc = sched_prepare(&s->sched, err)) != HE_OK ||
	    (rc = sched_prepare(&tail->sched, err)) != HE_OK)
		series_free(tail);
	return rc;
}

static void shift_list(struct civil_list *l, int64_t delta)
{
	for (size_t i = 0; i < l->n; i++)
		l->v[i] = civil_from_seconds(civil_to_seconds(&l->v[i]) + delta);
}

static struct civil shifted(const struct civil *c, int64_t delta)
{
	return civil_from_seconds(civil_to_seconds(c) + delta);
}

/* Shifts every date of s's schedule, UNTIL too, by delta wall-clock seconds. */
static void shift_schedule(struct series *s, int64_t delta, bool moved_too)
{
	struct civil until;

	if (sched_rule_until(&s->sched, &until)) {
		struct civil moved = shifted(&until, delta);
		char *rule = sched_rule_with_end(&s->sched, s->sched.rrule, &moved, 0);
		free(s->sched.rrule);
		s->sched.rrule = rule;
	}
	s->sched.start = shifted(&s->sched.start, delta);
	s->sched.end = shifted(&s->sched.end, delta);
	shift_list(&s->sched.rdates, delta);
	shift_list(&s->sched.exdates, delta);
	index_forget(s);
	for (size_t i = 0; i < s->n_overrides; i++) {
		struct override *o = &s->overrides[i];
		o->rid = shifted(&o->rid, delta);
		if (moved_too) {
			o->start = shifted(&o->start, delta);
			o->end = shifted(&o->end, delta);
		}
	}
}

int segment_minutes_shifted(int minutes, int shift, bool end)
{
	int m = (minutes + shift) % (24 * 60);

	if (m < 0)
		m += 24 * 60;
	/* An end at midnight is the end of the day, not its start. */
	return end && m == 0 ? 24 * 60 : m;
}

/* The change of time of day from a to b in minutes, -12 h .. +12 h. */
static int time_of_day_shift(const struct civil *a, const struct civil *b)
{
	int m = ((b->hour * 60 + b->min) - (a->hour * 60 + a->min)) % (24 * 60);

	if (m > 12 * 60)
		m -= 24 * 60;
	else if (m < -12 * 60)
		m += 24 * 60;
	return m;
}

void series_move(struct series *s, const struct civil *start, bool all_day)
{
	int shift = time_of_day_shift(&s->sched.start, start);

	if (!s->sched.all_day && !all_day && shift)
		for (size_t i = 0; i < s->n_segments; i++) {
			struct segment *g = &s->segments[i];
			if (!g->timed)
				continue;
			g->from_min = segment_minutes_shifted(g->from_min, shift,
							      false);
			g->to_min = segment_minutes_shifted(g->to_min, shift, true);
			/* Past midnight: kept, in the order of the day. */
			if (g->to_min <= g->from_min)
				g->to_min = 24 * 60;
		}
	shift_schedule(s, wall_delta(&s->sched.start, start), false);
}

bool series_repeats(const struct series *s)
{
	return s->sched.rrule || s->sched.rdates.n;
}

int series_segment_shift(const struct series *s, const struct override *o)
{
	if (!o || !o->moved || s->sched.all_day)
		return 0;
	return time_of_day_shift(&o->rid, &o->start);
}

int series_move_occurrence(struct series *s, const struct civil *rid,
			   const struct civil *start, const struct civil *end,
			   struct civil *now_rid, struct herr *err)
{
	struct override *o;
	int rc;

	if (!series_repeats(s) && civil_cmp(rid, &s->sched.start) == 0) {
		/* A one-off: the event itself moves, with its segments; an
		   older move of its one occurrence is folded in. */
		if ((o = series_find_override(s, rid)))
			o->moved = false;
		series_move(s, start, s->sched.all_day);
		s->sched.end = *end;
		*now_rid = s->sched.start;
		if ((o = series_find_override(s, now_rid)) && !o->cancelled &&
		    !o->venue && !o->note && !o->title && !o->description)
			series_drop_override(s, now_rid);
		return HE_OK;
	}
	if ((rc = series_override(s, rid, &o, err)) != HE_OK)
		return rc;
	o->moved = true;
	o->start = *start;
	o->end = *end;
	*now_rid = *rid;
	return HE_OK;
}

int series_duplicate(const struct series *s, const struct civil *start,
		     struct series *copy, struct herr *err)
{
	int rc;

	series_copy(copy, s);
	free(copy->uid);
	copy->uid = uid_new();
	copy->id = 0;
	copy->revision = 0;
	shift_schedule(copy, wall_delta(&s->sched.start, start), true);
	rc = sched_prepare(&copy->sched, err);
	if (rc != HE_OK)
		series_free(copy);
	return rc;
}
