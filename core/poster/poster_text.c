/* poster_text.c - what a poster says, in the interface language. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../i18n.h"
#include "../label.h"
#include "../occ_text.h"
#include "../text.h"
#include "../words.h"
#include "poster_int.h"

/* Print colours for the kinds' colour names (config_colour_valid). */
static void kind_rgb(const char *name, double rgb[3])
{
	static const struct { const char *name; double r, g, b; } colours[] = {
		{ "red", 0.75, 0.13, 0.13 }, { "green", 0.16, 0.52, 0.24 },
		{ "yellow", 0.80, 0.55, 0.05 }, { "blue", 0.13, 0.33, 0.68 },
		{ "magenta", 0.62, 0.18, 0.52 }, { "cyan", 0.05, 0.50, 0.58 },
		{ "black", 0.15, 0.15, 0.15 }, { "white", 0.40, 0.40, 0.40 },
	};

	rgb[0] = 0.72, rgb[1] = 0.16, rgb[2] = 0.12; /* default: festive red */
	for (size_t i = 0; name && i < sizeof colours / sizeof *colours; i++)
		if (!strcasecmp(name, colours[i].name)) {
			rgb[0] = colours[i].r;
			rgb[1] = colours[i].g;
			rgb[2] = colours[i].b;
		}
}

static char *clean(const char *s)
{
	return str_empty(s) ? NULL : text_clean(s, true);
}

/* "10:00–18:00" of wall-clock start and end (the end's day when other). */
static char *times(const struct civil *a, const struct civil *z)
{
	char x[8], y[8];

	label_hhmm(a, x);
	label_hhmm(z, y);
	if (a->year != z->year || a->month != z->month || a->day != z->day) {
		char *day = label_day_short(z), *t;
		t = xasprintf("%s–%s %s", x, day, y);
		free(day);
		return t;
	}
	return xasprintf("%s–%s", x, y);
}

/* The rule without its end, in words; the days say the end. */
static char *rule_words(const struct sched *sc)
{
	struct rule_parts p;
	char *open, *words;

	if (sched_rule_parts(sc, sc->rrule, &p, NULL) != HE_OK || !p.simple)
		return words_rule(sc, sc->rrule);
	p.has_until = false;
	p.count = 0;
	open = sched_rule_build(sc, &p);
	words = words_rule(sc, open ? open : sc->rrule);
	free(open);
	return words;
}

/*
 * The start of a finite series' last occurrence: the last of those in
 * the weeks before its reach ends (the reach is the end of the last one,
 * or a little beyond it).
 */
static int64_t last_start(const struct sched *sc)
{
	struct instances l = { 0 };
	int64_t from = sc->reach_end - 40 * 86400LL, last = sc->reach_end - 1;

	if (from < sc->reach_start)
		from = sc->reach_start;
	if (sched_expand(sc, from, sc->reach_end, 0, &l, NULL) == HE_OK && l.n)
		last = l.v[l.n - 1].start;
	instances_free(&l);
	return last;
}

/* A series: its pattern and times, and the days from first to last. */
static void series_when(const struct series *s, const struct tz *z,
			struct poster_doc *d)
{
	const struct sched *sc = &s->sched;
	struct civil first = tz_from_utc(z, sc->reach_start, NULL);
	char *rule = rule_words(sc), *from = label_date(&first);

	if (sc->all_day) {
		d->when = rule;
	} else {
		struct civil a = tz_from_utc(z, sched_instant(sc, &sc->start), NULL);
		struct civil e = tz_from_utc(z, sched_instant(sc, &sc->start) +
					     sched_duration(sc), NULL);
		char *t = times(&a, &e);
		d->when = xasprintf("%s %s", rule, t);
		free(rule);
		free(t);
	}
	if (sc->reach_end == SCHED_FOREVER) {
		/* TRANSLATORS: on a poster, a series without an end. */
		d->days = xasprintf(_("from %s"), from);
	} else {
		struct civil last = tz_from_utc(z, last_start(sc), NULL);
		char *to = last.year == first.year ? label_month_day(&last)
						   : label_date(&last);
		d->days = xasprintf(_("%s to %s"), from, to);
		free(to);
	}
	free(from);
}

/* One occurrence (or an event that does not repeat): its day and times. */
static void occ_when(const struct series *s, const struct occ *o,
		     const struct tz *z, struct poster_doc *d)
{
	struct civil a = tz_from_utc(z, o->start, NULL);
	struct civil e = tz_from_utc(z, o->end, NULL);
	char *day = label_day(&a);
	const struct override *ov =
		series_find_override((struct series *)s, &o->rid);

	if (o->all_day) {
		d->when = day;
	} else {
		char *t = times(&a, &e);
		d->when = xasprintf("%s %s", day, t);
		free(day);
		free(t);
	}
	if (o->cancelled) {
		/* TRANSLATORS: on a poster of a cancelled occurrence. */
		d->change = str_empty(o->note) ? xstrdup(_("Cancelled"))
			: xasprintf(_("%s: %s"), _("Cancelled"), o->note);
	} else if (ov) {
		d->change = occ_text_changes(s, ov);
	}
}

static void add_role(struct sbuf *b, const struct series *s, enum role r,
		     const char *label)
{
	const char **names = xcalloc(s->n_orgs + 1, sizeof *names);
	size_t n = 0;
	char *list;

	for (size_t i = 0; i < s->n_orgs; i++)
		if (s->orgs[i].role == r)
			names[n++] = s->orgs[i].name;
	if (n) {
		list = words_join(names, n);
		if (b->len)
			sbuf_addc(b, '\n');
		sbuf_add(b, label);
		sbuf_add(b, list);
		free(list);
	}
	free(names);
}

static char *people(const struct series *s)
{
	struct sbuf b = { 0 };

	/* TRANSLATORS: on a poster, before who runs the event, by role
	   ("主办："). */
	add_role(&b, s, ROLE_HOST, _("Host: "));
	add_role(&b, s, ROLE_COHOST, _("Co-hosts: "));
	add_role(&b, s, ROLE_PARTNER, _("Partners: "));
	add_role(&b, s, ROLE_SPONSOR, _("Sponsors: "));
	return b.len ? sbuf_take(&b) : NULL;
}

/* The agenda or the zones: times, title, partners, place and note. */
static void items(const struct series *s, struct poster_doc *d)
{
	for (size_t i = 0; i < s->n_segments; i++) {
		const struct segment *g = &s->segments[i];
		struct poster_item *it;
		struct sbuf detail = { 0 };
		char a[16], z[16], *partners;

		d->items = xgrow(d->items, &d->cap_items, d->n_items + 1,
				 sizeof *d->items);
		it = &d->items[d->n_items++];
		memset(it, 0, sizeof *it);
		if (g->timed) {
			label_minutes(g->from_min, a);
			label_minutes(g->to_min, z);
			it->when = xasprintf("%s–%s", a, z);
		}
		it->title = text_clean(g->title, false);
		partners = g->partners.n
			? words_join((const char *const *)g->partners.v,
				     g->partners.n) : NULL;
		const char *parts[] = { partners, g->venue, g->note };
		for (size_t j = 0; j < 3; j++)
			if (!str_empty(parts[j]))
				sbuf_addf(&detail, "%s%s", detail.len ? " · " : "",
					  parts[j]);
		it->detail = detail.len ? text_clean(sbuf_str(&detail), false)
					: NULL;
		sbuf_free(&detail);
		free(partners);
	}
	if (d->n_items)
		/* TRANSLATORS: on a poster, over the agenda or the zones. */
		d->agenda_heading = xstrdup(_("Programme"));
}

static void place(struct store *st, const char *venue, struct poster_doc *d)
{
	struct venue v;

	if (!venue)
		return;
	d->place = clean(venue);
	if (store_venue_get(st, venue, &v, NULL) != HE_OK)
		return;
	d->address = clean(v.address);
	if (v.services.n) {
		char *list = words_join((const char *const *)v.services.v,
					v.services.n);
		/* TRANSLATORS: on a poster: what the venue offers. */
		char *line = xasprintf(_("Services: %s"), list);
		d->services = clean(line);
		free(line);
		free(list);
	}
	venue_free(&v);
}

static char *band(const struct poster_opts *o, const struct series *s)
{
	const char *kind = config_kind_label(o->cfg, s->kind);

	if (str_empty(o->cfg->publish.name))
		return text_clean(kind, false);
	char *t = xasprintf("%s · %s", o->cfg->publish.name, kind);
	char *c = text_clean(t, false);
	free(t);
	return c;
}

int poster_doc_make(struct store *st, const struct series *s,
		    const struct poster_opts *o, struct poster_doc *d,
		    struct herr *err)
{
	const struct kind *k = config_kind(o->cfg, s->kind);
	bool one = o->occ || (!s->sched.rrule && !s->sched.rdates.n);
	char *title;

	(void)err;
	memset(d, 0, sizeof *d);
	d->band = band(o, s);
	kind_rgb(k ? k->colour : NULL, d->rgb);
	title = occ_text_title(s->title, o->occ && o->occ->cancelled);
	d->title = text_clean(title, false);
	free(title);
	if (one && o->occ)
		occ_when(s, o->occ, o->zone, d);
	else if (one) {
		struct occ first = { .start = sched_instant(&s->sched,
							    &s->sched.start),
				     .rid = s->sched.start,
				     .all_day = s->sched.all_day };
		first.end = first.start + sched_duration(&s->sched);
		occ_when(s, &first, o->zone, d);
	} else {
		series_when(s, o->zone, d);
	}
	place(st, o->occ && o->occ->venue ? o->occ->venue : s->venue, d);
	/* A station named after its place says it once. */
	if (d->place && !strcmp(d->place, d->title)) {
		free(d->place);
		d->place = NULL;
	}
	d->people = people(s);
	d->description = clean(s->description);
	items(s, d);
	if (o->qr_text)
		d->qr_caption = xstrdup(o->qr_is_feed
			/* TRANSLATORS: beside the QR code of a poster. */
			? _("Scan to subscribe: later changes reach your phone "
			    "by themselves")
			: _("Scan to add it to your calendar"));
	return HE_OK;
}

void poster_doc_free(struct poster_doc *d)
{
	char **strings[] = { &d->band, &d->title, &d->when, &d->days,
			     &d->change, &d->place, &d->address, &d->people,
			     &d->description, &d->agenda_heading, &d->services,
			     &d->qr_caption };

	for (size_t i = 0; i < sizeof strings / sizeof *strings; i++)
		free(*strings[i]);
	for (size_t i = 0; i < d->n_items; i++) {
		free(d->items[i].when);
		free(d->items[i].title);
		free(d->items[i].detail);
	}
	free(d->items);
	memset(d, 0, sizeof *d);
}
