/* import.c - components to series: grouping, versions, storing. */
#include "ical.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../audit.h"
#include "../changes.h"
#include "../i18n.h"
#include "read_event.h"
#include "read_zone.h"

#define BUCKETS 1024

/* Changes and extra dates waiting for their series. */
struct pending {
	char *uid;
	struct ics_event *parts;
	size_t n, cap;
	struct pending *next;
};

/* A series read and the changes that came with it. */
struct group {
	bool open;
	struct ics_event master;
	struct ics_event *parts;
	size_t n, cap;
};

/* A series this import has seen: for telling a UID given twice. Kept in
 * the store (store_import_seen_*), not here: flat however large the file. */
struct written {
	long line;               /* of its BEGIN:VEVENT */
	bool kept;               /* what is stored is what the file gave
				    there (not an older version skipped) */
};

struct importer {
	struct store *st;
	const struct ics_import_opts *o;
	struct ics_import_stats *stats;
	ics_note_fn note;
	void *ctx;
	struct herr *err;
	struct ics_zones *zones;
	struct ics_reader *reader;
	struct group cur;
	struct pending *buckets[BUCKETS];
	size_t n_pending;
	const char **kind_labels; /* a gettext lookup per kind, not per event */
	int seen_rc;             /* the first failure to keep what was seen */
	/* Venues and organisations this import has looked up or made, and
	 * whether they are stored known by name alone (make_places). */
	struct place_seen *seen[BUCKETS];
};

struct place_seen {
	bool venue, bare;
	struct place_seen *next;
	char name[];
};

/* Forwards a message, counting those that are not mere notes. */
static void relay(void *ctx, long line, const char *msg)
{
	struct importer *im = ctx;

	if (strncmp(msg, "note:", 5))
		im->stats->problems++;
	if (im->note)
		im->note(im->ctx, line, msg);
}

static void say(struct importer *im, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void say(struct importer *im, long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ics_vnotef(relay, im, line, fmt, ap);
	va_end(ap);
}

static unsigned hash(const char *s)
{
	unsigned h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h % BUCKETS;
}

static struct pending **pending_slot(struct importer *im, const char *uid)
{
	struct pending **p = &im->buckets[hash(uid)];

	while (*p && strcmp((*p)->uid, uid))
		p = &(*p)->next;
	return p;
}

static void add_part(struct ics_event **v, size_t *n, size_t *cap,
		     struct ics_event *e)
{
	*v = xgrow(*v, cap, *n + 1, sizeof **v);
	(*v)[(*n)++] = *e;
	memset(e, 0, sizeof *e);
}

static void free_parts(struct ics_event *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		ics_event_free(&v[i]);
	free(v);
}

/* Keeps a change whose series has not come (yet); takes e. */
static void wait_for_series(struct importer *im, struct ics_event *e)
{
	struct pending **slot;

	if (im->n_pending >= ICS_MAX_PENDING) {
		say(im, e->line, _("more than %d changed occurrences before their "
		    "events; this one skipped"), ICS_MAX_PENDING);
		im->stats->skipped++;
		ics_event_free(e);
		return;
	}
	slot = pending_slot(im, e->uid);
	if (!*slot) {
		*slot = xcalloc(1, sizeof **slot);
		(*slot)->uid = xstrdup(e->uid);
	}
	add_part(&(*slot)->parts, &(*slot)->n, &(*slot)->cap, e);
	im->n_pending++;
}

/* Takes the waiting changes of uid into the open group. */
static void take_pending(struct importer *im, const char *uid)
{
	struct pending **slot = pending_slot(im, uid), *p = *slot;

	if (!p)
		return;
	for (size_t i = 0; i < p->n; i++)
		add_part(&im->cur.parts, &im->cur.n, &im->cur.cap, &p->parts[i]);
	im->n_pending -= p->n;
	*slot = p->next;
	free(p->parts);
	free(p->uid);
	free(p);
}

/* Whether v is known by its name alone (as a segment's venue is made
 * when no event of the file described it first). */
static bool venue_bare(const struct venue *v)
{
	return str_empty(v->address) && str_empty(v->type) &&
	       str_empty(v->notes) && !v->has_geo && v->services.n == 0;
}

static bool org_bare(const struct org *o)
{
	return str_empty(o->type) && str_empty(o->contact);
}

/* What this import knows of a venue's (or organisation's) row: NULL when
 * it has not looked. */
static struct place_seen *place_seen(struct importer *im, bool venue,
				     const char *name)
{
	struct place_seen *p = im->seen[hash(name)];

	while (p && (p->venue != venue || strcmp(p->name, name)))
		p = p->next;
	return p;
}

static void place_saw(struct importer *im, bool venue, const char *name,
		      bool bare)
{
	struct place_seen *p = place_seen(im, venue, name);

	if (!p) {
		size_t n = strlen(name) + 1;
		unsigned b = hash(name);
		p = xcalloc(1, sizeof *p + n);
		memcpy(p->name, name, n);
		p->venue = venue;
		p->next = im->seen[b];
		im->seen[b] = p;
	}
	p->bare = bare;
}

/*
 * Whether the stored venue (or organisation) of this name is to be made or
 * given details: *old is set to the name when it is stored known by name
 * alone and the file describes it. Each name is looked up once an import:
 * a calendar names the same few places in thousands of events.
 */
static bool place_wanted(struct importer *im, bool venue, const char *name,
			 bool given_bare, const char **old)
{
	struct place_seen *p = place_seen(im, venue, name);
	bool found, bare = false;

	*old = NULL;
	if (p) {
		found = true;
		bare = p->bare;
	} else if (venue) {
		struct venue v;
		if ((found = store_venue_get(im->st, name, &v, NULL) == HE_OK)) {
			bare = venue_bare(&v);
			venue_free(&v);
		}
	} else {
		struct org o;
		if ((found = store_org_get(im->st, name, &o, NULL) == HE_OK)) {
			bare = org_bare(&o);
			org_free(&o);
		}
	}
	if (!found)
		return true;
	if (!p)
		place_saw(im, venue, name, bare);
	if (!bare || given_bare)
		return false;
	*old = name;
	return true;
}

/*
 * Creates the venues and organisations an event describes, if missing; a
 * venue or organisation known by name alone takes the details the file gives (never
 * replacing details someone entered).
 */
static int make_places(struct importer *im, const struct ics_event *e)
{
	struct herr err;
	const char *old;
	int rc;

	for (size_t i = 0; i < e->n_venues; i++) {
		const struct venue *v = &e->venues[i];
		if (!place_wanted(im, true, v->name, venue_bare(v), &old))
			continue;
		if ((rc = store_venue_put(im->st, old, v, &err)))
			say(im, e->line, _("venue '%s': %s"), v->name, err.msg);
		else
			place_saw(im, true, v->name, venue_bare(v));
		if (rc == HE_INTERNAL)
			return herr_set(im->err, rc, "%s", err.msg);
	}
	for (size_t i = 0; i < e->n_orgs; i++) {
		const struct org *o = &e->orgs[i];
		if (!place_wanted(im, false, o->name, org_bare(o), &old))
			continue;
		if ((rc = store_org_put(im->st, old, o, &err)))
			say(im, e->line, _("organisation '%s': %s"), o->name,
			    err.msg);
		else
			place_saw(im, false, o->name, org_bare(o));
		if (rc == HE_INTERNAL)
			return herr_set(im->err, rc, "%s", err.msg);
	}
	return HE_OK;
}

/*
 * Prepares the schedule of m. A repeat rule libical refuses to expand
 * (some combinations of parts) is dropped with a note and the event kept
 * at its start, which RFC 5545 counts as an occurrence whatever the rule.
 * HE_USER (reported) when even that fails.
 */
static int prepare_schedule(struct importer *im, struct ics_event *m)
{
	struct sched *sc = &m->s.sched;
	struct herr err;

	if (sched_prepare(sc, &err) == HE_OK)
		return HE_OK;
	if (sc->rrule) {
		/* TRANSLATORS: keep "note: " (notes are not problems). */
		say(im, m->line, _("note: %s; the rule is dropped and the event "
		    "kept at its start"), err.msg);
		free(sc->rrule);
		sc->rrule = NULL;
		if (sched_prepare(sc, &err) == HE_OK)
			return HE_OK;
	}
	say(im, m->line, _("%s; event skipped"), err.msg);
	return HE_USER;
}

/* Says what placing change e on its series took (ics_event_place). */
static void say_placed(struct importer *im, const struct ics_event *e,
		       unsigned did)
{
	if (did & ICS_PLACED_UNEXCLUDED)
		/* TRANSLATORS: keep "note: " (notes are not problems). */
		say(im, e->line, _("note: the series also excludes this "
		    "occurrence (EXDATE); the changed occurrence is kept"));
	if (did & ICS_PLACED_EXTRA)
		/* TRANSLATORS: keep "note: " (notes are not problems). */
		say(im, e->line, _("note: the series' rule has no occurrence at "
		    "this RECURRENCE-ID; kept as an extra date of the series"));
}

/*
 * Puts extra dates, cancellations and changes onto the master; a change
 * whose original start the series does not have is made one of its
 * occurrences (ics_event_place).
 */
static int assemble(struct importer *im, struct ics_event *m,
		    struct ics_event *parts, size_t n)
{
	struct herr err;

	for (size_t i = 0; i < n; i++)
		if (parts[i].kind == ICS_EXTRA_DATE)
			ics_event_add_date(m, &parts[i]);
	/* Storing prepares the schedule anyway; changes need it before. */
	if (n == 0 && m->n_carried == 0)
		return HE_OK;
	if (prepare_schedule(im, m) != HE_OK)
		return HE_USER;
	ics_event_apply(m, NULL, NULL);
	for (size_t i = 0; i < n; i++) {
		say_placed(im, &parts[i], ics_event_place(m, &parts[i]));
		if (ics_event_apply(m, &parts[i], &err) != HE_OK) {
			say(im, parts[i].line, _("%s; changed occurrence skipped"),
			    err.msg);
			im->stats->skipped++;
		}
	}
	return HE_OK;
}

/*
 * Stores an assembled series; stored_id is the row stored under its UID as
 * just looked up (0 for none), -1 when not known. Returns HE_OK when
 * stored, HE_USER when it was refused (reported, skipped), else a fatal
 * error with im->err set.
 */
static int store_one(struct importer *im, struct ics_event *m,
		     struct ics_event *parts, size_t n, int64_t stored_id)
{
	struct herr err;
	int rc = make_places(im, m);

	for (size_t i = 0; rc == HE_OK && i < n; i++)
		rc = make_places(im, &parts[i]);
	if (rc != HE_OK)
		return rc;
	rc = store_series_import_as(im->st, &m->s, stored_id, &m->x, &err);
	/* Refused for its rule (prepared only now when nothing changed it):
	 * without the rule, as prepare_schedule does. */
	if (rc == HE_USER && m->s.sched.rrule &&
	    sched_prepare(&m->s.sched, NULL) != HE_OK) {
		if (prepare_schedule(im, m) != HE_OK)
			return HE_USER;
		rc = store_series_import_as(im->st, &m->s, stored_id, &m->x,
					    &err);
	}
	if (rc == HE_USER)
		say(im, m->line, _("%s; event skipped"), err.msg);
	else if (rc != HE_OK)
		herr_set(im->err, rc, "%s", err.msg);
	return rc;
}

/* A failure of the table of what was seen: the import stops with it. */
static void seen_failed(struct importer *im, int rc)
{
	if (rc != HE_OK && im->seen_rc == HE_OK)
		im->seen_rc = rc;
}

/* Whether this import has seen the series with row id (then *w says how). */
static bool written_find(struct importer *im, int64_t id, struct written *w)
{
	bool found = false;

	seen_failed(im, store_import_seen_get(im->st, id, &w->line, &w->kept,
					      &found, im->err));
	return found;
}

/* Remembers that this import has seen series id (as m, from its line),
 * kept or not. */
static void written_add(struct importer *im, int64_t id,
			const struct ics_event *m, bool kept)
{
	seen_failed(im, store_import_seen_put(im->st, id, m->line, kept,
					      im->err));
}

/*
 * Gives m the overrides of old (an older version of it) that m's own
 * changes do not replace, each original start made an occurrence of m.
 */
static void carry_overrides(struct importer *im, struct ics_event *m,
			    const struct series *old)
{
	struct herr err;

	if (!old->n_overrides || prepare_schedule(im, m) != HE_OK)
		return;
	for (size_t i = 0; i < old->n_overrides; i++) {
		const struct override *o = &old->overrides[i];
		struct override *n;
		if (series_find_override(&m->s, &o->rid))
			continue;
		ics_series_place(&m->s, &o->rid);
		if (series_override(&m->s, &o->rid, &n, &err) != HE_OK)
			continue;
		override_copy(n, o);
	}
}

/*
 * A second event with a UID this file already gave (two masters: a known
 * exporter bug). Starting at the same time and with another version
 * (SEQUENCE, LAST-MODIFIED) it is the same event again, and the newer of
 * the two is kept, as recurring-ical-events keeps it; the changed
 * occurrences given with the older one stay, as their components still
 * exist. Otherwise nothing says which is meant, and it is kept apart under
 * the UID with "-2" (or the next free number) added, which the same file
 * gives it again at its next import. Returns true when m is to replace the
 * stored series id; *skip tells that m is the older and not kept.
 */
static bool second_master(struct importer *im, struct ics_event *m,
			  int64_t id, const struct written *first, bool *skip)
{
	struct series old;
	int64_t other, updated;
	int revision;
	bool same_start, older;
	char *uid;

	*skip = false;
	series_init(&old);
	if (store_series_load(im->st, id, &old, NULL) == HE_OK) {
		same_start = old.sched.all_day == m->s.sched.all_day &&
			     civil_cmp(&old.sched.start, &m->s.sched.start) == 0;
		older = m->revision < old.revision ||
			(m->revision == old.revision &&
			 m->s.updated < old.updated);
		if (same_start && (m->revision != old.revision ||
				   m->s.updated != old.updated)) {
			*skip = older;
			say(im, m->line, older
			    /* TRANSLATORS: keep "note: " (notes are not
			       problems). */
			    ? _("note: an older version of the event with the "
				"UID '%s' given at line %ld; skipped")
			    /* TRANSLATORS: keep "note: " (notes are not
			       problems). */
			    : _("note: a newer version of the event with the "
				"UID '%s' given at line %ld; it replaces that one"),
			    m->uid, first->line);
			if (!older)
				carry_overrides(im, m, &old);
			series_free(&old);
			return !older;
		}
		series_free(&old);
	}
	for (int n = 2;; n++) {
		struct written w;
		uid = xasprintf("%s-%d", m->uid, n);
		if (strlen(uid) > UID_MAX) {
			free(uid);
			uid = xasprintf("hearth-import-%d-%s", n, m->uid);
			uid[UID_MAX] = '\0';
		}
		if (store_series_version(im->st, uid, &other, &revision, &updated,
					 NULL) != HE_OK || !written_find(im, other, &w))
			break;
		free(uid);
	}
	/* TRANSLATORS: keep "note: " (notes are not problems). */
	say(im, m->line, _("note: the UID '%s' was given at line %ld too; this "
	    "event is kept apart as '%s'"), m->uid, first->line, uid);
	free(m->uid);
	m->uid = uid;
	str_replace(&m->s.uid, uid);
	return false;
}

/*
 * The series' revision is one more than the highest SEQUENCE of its
 * components: a changed occurrence is often sent with a higher one than
 * its master's, and what hearth writes back for it must not be lower
 * (phones ignore an update whose SEQUENCE did not grow).
 */
static void highest_sequence(struct ics_event *m, const struct ics_event *parts,
			     size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (parts[i].revision > m->revision)
			m->revision = parts[i].revision;
	m->s.revision = m->revision;
}

/* Decides what the open group is to the database, and stores it. */
static int flush(struct importer *im)
{
	struct group *g = &im->cur;
	struct ics_event *m = &g->master;
	struct written first, w;
	int64_t id, updated;
	int revision, rc = HE_OK;
	bool known, skip = false;

	if (!g->open)
		return HE_OK;
	g->open = false;
	highest_sequence(m, g->parts, g->n);
	known = store_series_version(im->st, m->uid, &id, &revision, &updated,
				     NULL) == HE_OK;
	if (known && written_find(im, id, &first) && first.kept) {
		if (second_master(im, m, id, &first, &skip)) {
			revision = 0; /* replaces it whatever the versions */
		} else if (!skip) {
			known = store_series_version(im->st, m->uid, &id, &revision,
						     &updated, NULL) == HE_OK;
		}
	}
	if (skip) {
		im->stats->skipped++;
	} else if (known && (m->revision < revision ||
		      (m->revision == revision && m->s.updated < updated))) {
		/* TRANSLATORS: keep "note: " (notes are not problems). */
		say(im, m->line, _("note: the database has a newer version of "
		    "'%s' (changed since this file was written); skipped"),
		    m->s.title);
		im->stats->skipped++;
		if (!written_find(im, id, &w))
			written_add(im, id, m, false);
	} else if (known && m->revision == revision && m->s.updated == updated) {
		im->stats->unchanged++;
		written_add(im, id, m, true);
	} else if (assemble(im, m, g->parts, g->n) != HE_OK) {
		im->stats->skipped++;
	} else if ((rc = store_one(im, m, g->parts, g->n, known ? id : 0)) ==
		   HE_OK) {
		written_add(im, m->s.id, m, true);
		if (known)
			im->stats->updated++;
		else
			im->stats->added++;
		if (im->o->dry_run)
			say(im, m->line, known
			    /* TRANSLATORS: keep "note: " (notes are not
			       problems). */
			    ? _("note: would update '%s'")
			    /* TRANSLATORS: keep "note: " (notes are not
			       problems). */
			    : _("note: would add '%s'"), m->s.title);
	} else if (rc == HE_USER) {
		im->stats->skipped++;
		rc = HE_OK;
	}
	ics_event_free(m);
	free_parts(g->parts, g->n);
	g->parts = NULL;
	g->n = g->cap = 0;
	return rc != HE_OK ? rc : im->seen_rc;
}

static const struct tz *floating_zone(struct importer *im);

/*
 * Changed occurrences whose series is neither in the file nor stored:
 * kept as an event of their own (ics_event_orphan_master), as
 * recurring-ical-events and the big calendar services show them.
 */
static int orphans(struct importer *im, struct pending *p)
{
	struct ics_event_opts eo = { im->o->cfg, im->o->kind, floating_zone(im),
				     im->o->now, im->kind_labels };
	struct ics_event m;
	int rc = HE_OK;

	for (size_t i = 0; i < p->n; i++)
		if (p->parts[i].kind != ICS_CHANGE) {
			say(im, p->parts[i].line, _("no event with the UID '%s' in "
			    "the file or the database; extra date skipped"),
			    p->uid);
			im->stats->skipped++;
			return HE_OK;
		}
	ics_event_orphan_master(&p->parts[0], &eo, &m);
	highest_sequence(&m, p->parts, p->n);
	/* TRANSLATORS: keep "note: " (notes are not problems). */
	say(im, m.line, _("note: the file holds changed occurrences of the "
	    "UID '%s' but not its event; they are kept as an event of their "
	    "own"), p->uid);
	if (assemble(im, &m, p->parts, p->n) != HE_OK) {
		im->stats->skipped++;
	} else if ((rc = store_one(im, &m, p->parts, p->n, -1)) == HE_OK) {
		written_add(im, m.s.id, &m, true);
		im->stats->added++;
	} else if (rc == HE_USER) {
		im->stats->skipped++;
		rc = HE_OK;
	}
	ics_event_free(&m);
	return rc;
}

/* A change whose series was stored earlier: applied to the stored one. */
static int apply_late(struct importer *im, struct pending *p)
{
	struct ics_event m = { 0 };
	int64_t id, updated;
	int revision, rc;

	if (store_series_version(im->st, p->uid, &id, &revision, &updated,
				 NULL) != HE_OK)
		return orphans(im, p);
	if ((rc = store_series_load(im->st, id, &m.s, im->err)) != HE_OK ||
	    (rc = store_series_ical_get(im->st, id, &m.x, im->err)) != HE_OK)
		goto out;
	m.line = p->parts[0].line;
	m.location = xstrdup0(m.s.venue);
	m.revision = m.s.revision;
	highest_sequence(&m, p->parts, p->n);
	if (assemble(im, &m, p->parts, p->n) != HE_OK) {
		im->stats->skipped++;
	} else if ((rc = store_one(im, &m, p->parts, p->n, id)) == HE_OK) {
		im->stats->updated++;
	} else if (rc == HE_USER) {
		im->stats->skipped++;
		rc = HE_OK;
	}
out:
	ics_event_free(&m);
	return rc;
}

static int apply_leftovers(struct importer *im)
{
	int rc = HE_OK;

	for (size_t b = 0; b < BUCKETS; b++)
		while (im->buckets[b]) {
			struct pending *p = im->buckets[b];
			if (rc == HE_OK)
				rc = apply_late(im, p);
			im->buckets[b] = p->next;
			free_parts(p->parts, p->n);
			free(p->uid);
			free(p);
		}
	im->n_pending = 0;
	return rc;
}

/* Floating times are read in the calendar's X-WR-TIMEZONE, if it is one. */
static const struct tz *floating_zone(struct importer *im)
{
	const char *name = ics_reader_calendar_zone(im->reader);
	const struct tz *z = name ? tz_get(name) : NULL;

	return z ? z : im->o->zone;
}

static int take_event(struct importer *im, const struct ics_comp *c)
{
	struct ics_event_opts eo = { im->o->cfg, im->o->kind,
				     floating_zone(im), im->o->now,
				     im->kind_labels };
	struct ics_event e;
	int rc = HE_OK;

	if (ics_event_read(c, im->zones, &eo, &e, relay, im) != HE_OK) {
		im->stats->skipped++;
		return HE_OK;
	}
	if (e.kind == ICS_SERIES) {
		rc = flush(im);
		im->cur.open = true;
		im->cur.master = e;
		take_pending(im, e.uid);
	} else if (im->cur.open && !strcmp(im->cur.master.uid, e.uid)) {
		add_part(&im->cur.parts, &im->cur.n, &im->cur.cap, &e);
	} else {
		wait_for_series(im, &e);
	}
	return rc;
}

static int read_all(struct importer *im)
{
	struct ics_comp c;
	int got, rc = HE_OK;

	while (rc == HE_OK && (got = ics_reader_next(im->reader, &c, im->err)) > 0) {
		if (icalcomponent_isa(c.comp) == ICAL_VTIMEZONE_COMPONENT)
			ics_zones_add(im->zones, &c, relay, im);
		else
			rc = take_event(im, &c);
		ics_comp_free(&c);
	}
	if (rc == HE_OK && got < 0)
		rc = -got;
	if (rc == HE_OK)
		rc = flush(im);
	if (rc == HE_OK)
		rc = apply_leftovers(im);
	if (rc == HE_OK)
		rc = im->seen_rc;
	im->stats->skipped += ics_reader_dropped(im->reader);
	return rc;
}

/* The import as one entry of the audit log, with its counts. */
static int log_import(struct store *st, const struct ics_import_opts *o,
		      const struct ics_import_stats *stats, struct herr *err)
{
	const char *source = o->source ? o->source : "-";
	struct changes ch = { 0 };
	int rc;

	changes_take(&ch, "added", NULL, xasprintf("%ld", stats->added));
	changes_take(&ch, "updated", NULL, xasprintf("%ld", stats->updated));
	changes_take(&ch, "unchanged", NULL, xasprintf("%ld", stats->unchanged));
	changes_take(&ch, "skipped", NULL, xasprintf("%ld", stats->skipped));
	rc = store_audit_held(st, &(struct audit_change){
		.action = AUDIT_IMPORT, .entity = AUDIT_CALENDAR, .ref = source,
		.label = source, .fields = &ch }, err);
	changes_free(&ch);
	return rc;
}

int ics_import(struct store *st, FILE *in, const struct ics_import_opts *o,
	       struct ics_import_stats *stats, ics_note_fn note, void *ctx,
	       struct herr *err)
{
	struct importer im = { .st = st, .o = o, .stats = stats, .note = note,
			       .ctx = ctx, .err = err };
	int rc;

	memset(stats, 0, sizeof *stats);
	im.kind_labels = xcalloc(o->cfg->n_kinds + 1, sizeof *im.kind_labels);
	for (size_t i = 0; i < o->cfg->n_kinds; i++)
		im.kind_labels[i] = kind_label(&o->cfg->kinds[i]);
	/* libical's errors must come back as values, never abort. */
	icalerror_set_errors_are_fatal(0);
	im.zones = ics_zones_new(o->zone);
	im.reader = ics_reader_new(in, relay, &im);
	store_bulk(st, true);
	if ((rc = store_begin(st, err)) == HE_OK) {
		/* An import that changes nothing writes nothing, log included:
		 * a file refused whole leaves the database as it was. */
		bool changes;
		store_audit_hold(st, true);
		rc = store_import_seen_reset(st, err);
		if (rc == HE_OK)
			rc = read_all(&im);
		/* Emptied for the commit: nothing of it outlives the import. */
		if (rc == HE_OK)
			rc = store_import_seen_reset(st, err);
		changes = !o->dry_run && (stats->added || stats->updated);
		if (rc == HE_OK && changes)
			rc = log_import(st, o, stats, err);
		store_audit_hold(st, false);
		if (rc == HE_OK && changes)
			rc = store_commit(st, err);
		else
			store_rollback(st);
	}
	store_bulk(st, false);
	free(im.kind_labels);
	ics_event_free(&im.cur.master);
	free_parts(im.cur.parts, im.cur.n);
	for (size_t b = 0; b < BUCKETS; b++)
		while (im.buckets[b]) {
			struct pending *p = im.buckets[b];
			im.buckets[b] = p->next;
			free_parts(p->parts, p->n);
			free(p->uid);
			free(p);
		}
	for (size_t b = 0; b < BUCKETS; b++)
		while (im.seen[b]) {
			struct place_seen *p = im.seen[b];
			im.seen[b] = p->next;
			free(p);
		}
	ics_reader_free(&im.reader);
	ics_zones_free(&im.zones);
	return rc;
}
