/* notice.c - the week's events as plain text for a group chat. */
#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "../label.h"
#include "../occ_text.h"
#include "../text.h"
#include "publish_int.h"

struct notice {
	struct store *st;
	const struct notice_opts *o;
	struct sbuf lines;
	struct series s;         /* the series of the last changed line */
	bool loaded;
	struct herr *err;
};

/* The series of o, kept while the next lines are of the same one. */
static int load(struct notice *n, const struct occ *o)
{
	if (n->loaded && n->s.id == o->series_id)
		return HE_OK;
	series_free(&n->s);
	n->loaded = false;
	if (store_series_load(n->st, o->series_id, &n->s, n->err) != HE_OK)
		return n->err->code;
	n->loaded = true;
	return HE_OK;
}

/* "10:00–18:00", or "all day". */
static void add_times(struct sbuf *b, const struct occ *o, const struct tz *z)
{
	struct civil a = tz_from_utc(z, o->start, NULL);
	struct civil e = tz_from_utc(z, o->end, NULL);
	char x[8], y[8];

	if (o->all_day) {
		/* TRANSLATORS: the times of an all-day event in a notice. */
		sbuf_add(b, _("all day"));
		return;
	}
	label_hhmm(&a, x);
	label_hhmm(&e, y);
	sbuf_addf(b, "%s–%s", x, y);
}

/* A data text on one line, cleaned for a chat. */
static void add_clean(struct sbuf *b, const char *s)
{
	char *c = text_clean(s, false);
	sbuf_add(b, c);
	free(c);
}

/* " (Time changed: originally 10:00; note)" for a changed occurrence. */
static int add_changes(struct notice *n, struct sbuf *b, const struct occ *o)
{
	const struct override *ov;
	char *changes = NULL;
	struct sbuf in = { 0 };
	int rc;

	if (o->overridden) {
		if ((rc = load(n, o)) != HE_OK)
			return rc;
		ov = series_find_override(&n->s, &o->rid);
		changes = ov ? occ_text_changes(&n->s, ov) : NULL;
	}
	/* TRANSLATORS: separates the changes to one occurrence in a
	   notice ("；"). */
	for (const char *p = changes; p && *p; p++)
		if (*p == '\n')
			sbuf_add(&in, _("; "));
		else
			sbuf_addc(&in, *p);
	if (!str_empty(o->note)) {
		sbuf_add(&in, in.len ? _("; ") : "");
		add_clean(&in, o->note);
	}
	/* TRANSLATORS: what changed about an occurrence, after its line in
	   a notice ("（时间调整：原定 10:00）"). */
	if (in.len)
		sbuf_addf(b, _(" (%s)"), sbuf_str(&in));
	sbuf_free(&in);
	free(changes);
	return HE_OK;
}

/* "Sat 16 Jan closed: maintenance" (the title when with_title). */
static int add_cancelled(struct notice *n, struct sbuf *b, const struct occ *o,
			 bool with_title)
{
	int rc = load(n, o);
	bool repeats = n->s.sched.rrule || n->s.sched.rdates.n;
	const char *what;

	if (rc != HE_OK)
		return rc;
	if (with_title) {
		add_clean(b, o->title);
		sbuf_addc(b, ' ');
	}
	/* TRANSLATORS: in a notice, a day on which something that is open
	   regularly is not ("暂停开放"), and an event called off ("取消"). */
	what = repeats ? _("closed") : _("cancelled");
	if (str_empty(o->note)) {
		sbuf_add(b, what);
	} else {
		char *note = text_clean(o->note, false);
		/* TRANSLATORS: "closed: the reason" in a notice. */
		sbuf_addf(b, _("%s: %s"), what, note);
		free(note);
	}
	return HE_OK;
}

static int add_line(struct notice *n, const struct occ *o, bool with_title)
{
	const struct tz *z = n->o->zone;
	struct civil day = tz_from_utc(z, o->start, NULL);
	char *date = label_day_short(&day);
	struct sbuf what = { 0 }, *b = &what;
	int rc = HE_OK;

	if (o->cancelled) {
		rc = add_cancelled(n, b, o, with_title);
	} else {
		add_times(b, o, z);
		if (with_title) {
			sbuf_addc(b, ' ');
			add_clean(b, o->title);
		}
		/* A station named after its place says it once. */
		if (o->venue && strcmp(o->venue, o->title)) {
			sbuf_add(b, " · ");
			add_clean(b, o->venue);
		}
		rc = add_changes(n, b, o);
	}
	/* TRANSLATORS: a line of a notice: the day, then what happens on it
	   ("1月15日（周五）10:00–18:00 …" needs no space in Chinese). */
	sbuf_addf(&n->lines, _("%s %s"), date, sbuf_str(&what));
	sbuf_addc(&n->lines, '\n');
	sbuf_free(&what);
	free(date);
	return rc;
}

/* True when every occurrence has the same title. */
static bool one_title(const struct occ_list *l)
{
	for (size_t i = 1; i < l->n; i++)
		if (strcmp(l->v[i].title, l->v[0].title))
			return false;
	return l->n > 0;
}

static void heading(struct sbuf *b, const struct notice_opts *o,
		    const struct occ_list *l)
{
	struct civil a = tz_from_utc(o->zone, o->from, NULL);
	struct civil z = tz_from_utc(o->zone, o->to - 1, NULL);
	char *from = label_month_day(&a), *to = label_month_day(&z);
	bool one_day = a.year == z.year && a.month == z.month && a.day == z.day;
	/* TRANSLATORS: the days a notice covers ("1月11日至1月17日"). */
	char *range = one_day ? xstrdup(from) : xasprintf(_("%s to %s"), from, to);

	if (one_title(l)) {
		char *title = text_clean(l->v[0].title, false);
		/* TRANSLATORS: a notice's heading: the event, the days. */
		sbuf_addf(b, _("%s, %s"), title, range);
		free(title);
	} else {
		/* TRANSLATORS: a notice's heading; %s is the days. */
		sbuf_addf(b, _("Events, %s"), range);
	}
	sbuf_addc(b, '\n');
	free(from);
	free(to);
	free(range);
}

/* The feed the notice is about: the kind's, the venue's, else all. */
static char *feed_link(struct store *st, const struct notice_opts *o,
		       struct herr *err)
{
	struct feeds f;
	const struct feed *pick = NULL, *venue = NULL;
	char *url = NULL;
	size_t venues = 0;

	if (!o->base_url || publish_feeds(st, o->cfg, &f, err) != HE_OK)
		return NULL;
	for (size_t i = 0; i < f.n; i++) {
		const struct feed *e = &f.v[i];
		if (o->kind && e->type == FEED_KIND && !strcmp(e->key, o->kind))
			pick = e;
		if (o->venue && e->type == FEED_VENUE && strstr(e->key, o->venue)) {
			venue = e;
			venues++;
		}
	}
	/* A venue's feed when the filter names exactly one venue. */
	if (!pick && venues == 1)
		pick = venue;
	if (!pick)
		pick = feeds_find(&f, "all");
	url = publish_feed_url(o->base_url, pick->name, false);
	feeds_free(&f);
	return url;
}

int publish_notice(struct store *st, const struct notice_opts *o, char **out,
		   struct herr *err)
{
	struct occ_filter f = { .kind = o->kind, .venue = o->venue,
				.with_cancelled = true, .starting = true };
	struct notice n = { .st = st, .o = o, .err = err };
	struct occ_list l = { 0 };
	struct sbuf b = { 0 };
	bool titled;
	char *link;
	int rc = store_occurrences(st, o->from, o->to, &f, 0, &l, err);

	series_init(&n.s);
	titled = !one_title(&l);
	for (size_t i = 0; rc == HE_OK && i < l.n; i++)
		rc = add_line(&n, &l.v[i], titled);
	if (rc == HE_OK) {
		heading(&b, o, &l);
		if (l.n == 0)
			/* TRANSLATORS: a notice of a window without events. */
			sbuf_addf(&b, "%s\n", _("No events."));
		sbuf_add(&b, sbuf_str(&n.lines));
		if ((link = feed_link(st, o, NULL))) {
			/* TRANSLATORS: the last line of a notice: the feed. */
			sbuf_addf(&b, _("Subscribe to the calendar: %s\n"), link);
			free(link);
		}
		*out = sbuf_take(&b);
	}
	sbuf_free(&b);
	sbuf_free(&n.lines);
	series_free(&n.s);
	occ_list_free(&l);
	return rc;
}
