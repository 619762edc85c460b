/* cli_show.c - hearth show: everything about an event series. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/label.h"
#include "../core/text.h"
#include "../core/words.h"
#include "cli_event.h"
#include "out.h"

/*
 * One occurrence in the interface language: "Fri 8 Jan 2027 10:00–16:00",
 * "Fri 8 Jan 2027 – Sun 10 Jan 2027" ("2027年1月8日 周五 10:00–16:00").
 */
static char *span_text(const struct sched *sc, const struct civil *start,
		       const struct civil *end)
{
	char *a = label_day(start), *b = NULL, *text, ha[8], hb[8];

	if (sc->all_day) {
		struct civil last = civil_add_days(*end, -1);
		if (civil_cmp(&last, start) <= 0)
			return a;
		b = label_day(&last);
		text = xasprintf("%s – %s", a, b);
	} else {
		label_hhmm(start, ha);
		label_hhmm(end, hb);
		if (start->year == end->year && start->month == end->month &&
		    start->day == end->day) {
			text = xasprintf("%s %s–%s", a, ha, hb);
		} else {
			b = label_day(end);
			text = xasprintf("%s %s – %s %s", a, ha, b, hb);
		}
	}
	free(a);
	free(b);
	return text;
}

static void show_line(FILE *out, const char *label, const char *value)
{
	char *padded;

	if (str_empty(value))
		return;
	padded = text_fit(label, 12, true);
	fprintf(out, "%s ", padded);
	out_text(out, value);
	fputc('\n', out);
	free(padded);
}

static void show_orgs(struct app *c, const struct series *s)
{
	static const char *const labels[] = { N_("Host:"), N_("Co-host:"),
					      N_("Partner:"), N_("Sponsor:") };
	for (int r = 0; r < 4; r++) {
		struct sbuf b = { 0 };
		for (size_t i = 0; i < s->n_orgs; i++)
			if (s->orgs[i].role == (enum role)r)
				sbuf_addf(&b, "%s%s", b.len ? label_list_sep() : "",
					  s->orgs[i].name);
		show_line(c->out, _(labels[r]), sbuf_str(&b));
		sbuf_free(&b);
	}
}

/* "2027-01-16 10:00" (or the date alone) as people read it. */
static void readable(const struct civil *c, bool date_only, char buf[CIVIL_BUFSZ])
{
	if (date_only)
		civil_format(c, true, buf);
	else
		snprintf(buf, CIVIL_BUFSZ, "%04d-%02d-%02d %02d:%02d", c->year % 10000,
			 c->month % 100, c->day % 100, c->hour % 100, c->min % 100);
}

/* A list of dates as people read them, separated; NULL when empty. */
static char *readable_list(const struct civil_list *l, bool date_only)
{
	struct sbuf b = { 0 };
	char buf[CIVIL_BUFSZ];

	for (size_t i = 0; i < l->n; i++) {
		readable(&l->v[i], date_only, buf);
		sbuf_addf(&b, "%s%s", i ? label_list_sep() : "", buf);
	}
	return l->n ? sbuf_take(&b) : NULL;
}

static void show_schedule(struct app *c, const struct series *s)
{
	const struct sched *sc = &s->sched;
	char *when = span_text(sc, &sc->start, &sc->end);
	char *rule = words_rule(sc, sc->rrule);
	char *dates;

	show_line(c->out, _("When:"), when);
	free(when);
	show_line(c->out, _("Time zone:"), sc->tzid);
	show_line(c->out, _("Repeats:"), rule);
	free(rule);
	if ((dates = readable_list(&sc->rdates, sc->all_day))) {
		show_line(c->out, _("Also on:"), dates);
		free(dates);
	}
	if ((dates = readable_list(&sc->exdates, sc->all_day))) {
		show_line(c->out, _("Except:"), dates);
		free(dates);
	}
}

static void show_segments(struct app *c, const struct series *s)
{
	struct table t;

	if (!s->n_segments)
		return;
	fprintf(c->out, "%s\n", _("Segments:"));
	table_init(&t, 5, 40);
	for (size_t i = 0; i < s->n_segments; i++) {
		const struct segment *g = &s->segments[i];
		char num[24], from[16], to[16], span[40] = "";
		char *who = words_join((const char *const *)g->partners.v,
				       g->partners.n);
		char *where = g->venue ? xasprintf("@ %s", g->venue) : NULL;
		snprintf(num, sizeof num, "%zu.", i + 1);
		if (g->timed) {
			label_minutes(g->from_min, from);
			label_minutes(g->to_min, to);
			snprintf(span, sizeof span, "%s–%s", from, to);
		}
		const char *row[] = { num, span, g->title, *who ? who : g->note,
				      where };
		table_add(&t, row);
		free(who);
		free(where);
	}
	table_print(&t, c->out, "  ");
	table_free(&t);
}

static void show_overrides(struct app *c, const struct series *s)
{
	const struct sched *sc = &s->sched;

	for (size_t i = 0; i < s->n_overrides; i++) {
		const struct override *o = &s->overrides[i];
		char rid[CIVIL_BUFSZ];
		struct sbuf b = { 0 };
		if (i == 0)
			fprintf(c->out, "%s\n", _("Changed occurrences:"));
		readable(&o->rid, sc->all_day, rid);
		if (o->title)
			/* TRANSLATORS: %s is the own title of one occurrence. */
			sbuf_addf(&b, _("titled \"%s\""), o->title);
		if (o->cancelled) {
			sbuf_add(&b, b.len ? _("; ") : "");
			/* TRANSLATORS: what happened to one occurrence. */
			sbuf_add(&b, _("cancelled"));
		}
		if (o->moved) {
			char *span = span_text(sc, &o->start, &o->end);
			/* TRANSLATORS: separates the changes to one occurrence:
			   "cancelled; at <venue>; <note>". */
			sbuf_add(&b, b.len ? _("; ") : "");
			/* TRANSLATORS: %s is a date and time span. */
			sbuf_addf(&b, _("moved to %s"), span);
			free(span);
		}
		if (o->venue) {
			sbuf_add(&b, b.len ? _("; ") : "");
			/* TRANSLATORS: %s is the venue of one occurrence. */
			sbuf_addf(&b, _("at %s"), o->venue);
		}
		if (o->note) {
			sbuf_add(&b, b.len ? _("; ") : "");
			sbuf_add(&b, o->note);
		}
		if (o->description) {
			sbuf_add(&b, b.len ? _("; ") : "");
			/* TRANSLATORS: %s is the own description of one
			   occurrence. */
			sbuf_addf(&b, _("described as \"%s\""), o->description);
		}
		fprintf(c->out, "  %s  ", rid);
		out_text(c->out, sbuf_str(&b));
		fputc('\n', c->out);
		sbuf_free(&b);
	}
}

static void show_next(struct app *c, const struct series *s)
{
	struct occ_filter f = { .statuses = OCC_ALL_STATUSES, .with_cancelled = true,
				.series_id = s->id, .starting = true };
	struct occ_list l = { 0 };

	if (store_occurrences(c->st, c->now, c->now + 5 * 366 * 86400LL, &f, 5,
			      &l, NULL) != HE_OK)
		return;
	for (size_t i = 0; i < l.n; i++) {
		const struct occ *o = &l.v[i];
		const struct tz *z = tz_get(o->tzid);
		struct civil a = tz_from_utc(z, o->start, NULL);
		struct civil b = tz_from_utc(z, o->end, NULL);
		char *span = span_text(&s->sched, &a, &b);
		if (i == 0)
			fprintf(c->out, "%s\n", _("Next:"));
		fprintf(c->out, "  %s", span);
		/* A changed occurrence's own title says which one it is. */
		if (strcmp(o->title, s->title)) {
			fputs("  ", c->out);
			out_text(c->out, o->title);
		}
		fprintf(c->out, "%s%s\n", o->cancelled ? "  " : "",
			o->cancelled ? _("(cancelled)") : "");
		free(span);
	}
	occ_list_free(&l);
}

/* The event's reminders, or its kind's ("1d, 1h (the kind's)"). */
static void show_alarms(struct app *c, const struct series *s)
{
	const struct kind *k = config_kind(&c->cfg, s->kind);
	const struct alarms *a = s->alarms.set ? &s->alarms
				 : k ? &k->alarms : NULL;
	char *text, *line;

	if (!a || (!a->set && !s->alarms.set))
		return;
	text = a->n ? alarms_format(a) : xstrdup(_("none"));
	/* TRANSLATORS: reminders that come from the event's kind. */
	line = s->alarms.set ? xstrdup(text) : xasprintf(_("%s (the kind's)"),
							text);
	show_line(c->out, _("Reminders:"), line);
	free(text);
	free(line);
}

static void show_series(struct app *c, const struct series *s)
{
	char cap[16];
	struct sbuf aud = { 0 };

	show_line(c->out, _("UID:"), s->uid);
	show_line(c->out, _("Title:"), s->title);
	show_line(c->out, _("Kind:"), config_kind_label(&c->cfg, s->kind));
	show_line(c->out, _("Status:"), _(status_name(s->status)));
	show_schedule(c, s);
	show_line(c->out, _("Venue:"), s->venue);
	show_orgs(c, s);
	for (size_t i = 0; i < s->audience.n; i++)
		sbuf_addf(&aud, "%s%s", i ? label_list_sep() : "", s->audience.v[i]);
	show_line(c->out, _("Audience:"), sbuf_str(&aud));
	sbuf_free(&aud);
	snprintf(cap, sizeof cap, "%d", s->capacity);
	show_line(c->out, _("Capacity:"), s->capacity ? cap : NULL);
	show_line(c->out, _("Contact:"), s->contact);
	show_alarms(c, s);
	show_line(c->out, _("Description:"), s->description);
	show_segments(c, s);
	show_overrides(c, s);
	show_next(c, s);
}

static const char show_usage[] = N_(
"usage: hearth show ID\n"
"Shows everything about an event series: its schedule, venue, organisations,\n"
"segments, changed occurrences and next occurrences. ID is a UID or a prefix.\n");

int cmd_show(struct app *c, int argc, char **argv)
{
	struct series s;
	int64_t id;
	int rc;

	if (cli_wants_help(argc, argv, _(show_usage), c->out))
		return HE_OK;
	if (argc != 2 || argv[1][0] == '-')
		return cli_usage_error(c, "show", _("give exactly one event ID"));
	if ((rc = app_open(c, false)) != HE_OK ||
	    (rc = store_series_find(c->st, argv[1], &id, &c->err)) != HE_OK ||
	    (rc = store_series_load(c->st, id, &s, &c->err)) != HE_OK)
		return rc;
	show_series(c, &s);
	series_free(&s);
	return HE_OK;
}

