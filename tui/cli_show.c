/* cli_show.c - hearth show: everything about an event series. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/audit.h"
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

static int show_next(struct app *c, const struct series *s)
{
	struct occ_filter f = { .statuses = OCC_ALL_STATUSES, .with_cancelled = true,
				.series_id = s->id, .starting = true };
	struct occ_list l = { 0 };
	int rc = store_occurrences(c->st, c->now, c->now + 5 * 366 * 86400LL, &f,
				   5, &l, &c->err);

	for (size_t i = 0; rc == HE_OK && i < l.n; i++) {
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
	return rc;
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

/* "2026-12-03 14:02" in the zone shown. */
static void when_text(struct app *c, int64_t at, char buf[32])
{
	struct civil t = tz_from_utc(c->zone, at, NULL);

	snprintf(buf, 32, "%04d-%02d-%02d %02d:%02d", t.year % 10000,
		 t.month % 100, t.day % 100, t.hour % 100, t.min % 100);
}

/* The revision, and who made the last change and when (audit log). */
static int show_revision(struct app *c, const struct series *s)
{
	struct audit_entry e;
	bool found;
	char rev[16], when[32];
	int rc = store_audit_last(c->st, s->uid, &e, &found, &c->err);

	if (rc != HE_OK)
		return rc;
	snprintf(rev, sizeof rev, "%d", s->revision);
	show_line(c->out, _("Revision:"), rev);
	if (found) {
		char *line;
		when_text(c, e.at, when);
		/* TRANSLATORS: "2026-12-03 14:02 by zhangsan". */
		line = xasprintf(_("%s by %s"), when, e.user);
		show_line(c->out, _("Changed:"), line);
		free(line);
		audit_entry_free(&e);
	}
	return HE_OK;
}

static int show_series(struct app *c, const struct series *s)
{
	int rc;
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
	if ((rc = show_revision(c, s)) != HE_OK)
		return rc;
	return show_next(c, s);
}

/* ---- --format json ---- */

static void json_key(FILE *out, const char *key, bool *first)
{
	if (!*first)
		fputc(',', out);
	*first = false;
	out_json_string(out, key);
	fputc(':', out);
}

static void json_str(FILE *out, const char *key, const char *value,
		     bool *first)
{
	json_key(out, key, first);
	if (value)
		out_json_string(out, value);
	else
		fputs("null", out);
}

static void json_civil(FILE *out, const char *key, const struct civil *v,
		       bool date_only, bool *first)
{
	char buf[CIVIL_BUFSZ];
	json_str(out, key, civil_format(v, date_only, buf), first);
}

static void json_dates(FILE *out, const char *key, const struct civil_list *l,
		       bool date_only, bool *first)
{
	char buf[CIVIL_BUFSZ];

	json_key(out, key, first);
	fputc('[', out);
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			fputc(',', out);
		out_json_string(out, civil_format(&l->v[i], date_only, buf));
	}
	fputc(']', out);
}

static void json_orgs(FILE *out, const struct series *s, bool *first)
{
	json_key(out, "organisations", first);
	fputc('[', out);
	for (size_t i = 0; i < s->n_orgs; i++) {
		bool f = true;
		fputs(i ? ",{" : "{", out);
		json_str(out, "name", s->orgs[i].name, &f);
		json_str(out, "role", role_name(s->orgs[i].role), &f);
		fputc('}', out);
	}
	fputc(']', out);
}

static void json_overrides(FILE *out, const struct series *s, bool *first)
{
	bool ad = s->sched.all_day;

	json_key(out, "changed_occurrences", first);
	fputc('[', out);
	for (size_t i = 0; i < s->n_overrides; i++) {
		const struct override *o = &s->overrides[i];
		bool f = true;
		fputs(i ? ",{" : "{", out);
		json_civil(out, "occurrence", &o->rid, ad, &f);
		json_key(out, "cancelled", &f);
		fputs(o->cancelled ? "true" : "false", out);
		if (o->moved) {
			json_civil(out, "start", &o->start, ad, &f);
			json_civil(out, "end", &o->end, ad, &f);
		}
		json_str(out, "venue", o->venue, &f);
		json_str(out, "note", o->note, &f);
		/* Its own title and description (null: the series'). */
		json_str(out, "title", o->title, &f);
		json_str(out, "description", o->description, &f);
		fputc('}', out);
	}
	fputc(']', out);
}

/* The series as one JSON object: its fields as stored, the revision and
 * the last change. */
static int show_json(struct app *c, const struct series *s)
{
	const struct sched *sc = &s->sched;
	struct audit_entry e;
	bool first = true, found;
	char when[32];
	int rc = store_audit_last(c->st, s->uid, &e, &found, &c->err);

	if (rc != HE_OK)
		return rc;
	fputc('{', c->out);
	json_str(c->out, "uid", s->uid, &first);
	json_key(c->out, "revision", &first);
	fprintf(c->out, "%d", s->revision);
	json_str(c->out, "title", s->title, &first);
	json_str(c->out, "kind", s->kind, &first);
	json_str(c->out, "status", status_name(s->status), &first);
	json_str(c->out, "zone", sc->tzid, &first);
	json_key(c->out, "all_day", &first);
	fputs(sc->all_day ? "true" : "false", c->out);
	json_civil(c->out, "start", &sc->start, sc->all_day, &first);
	json_civil(c->out, "end", &sc->end, sc->all_day, &first);
	json_str(c->out, "rrule", sc->rrule, &first);
	json_dates(c->out, "rdates", &sc->rdates, sc->all_day, &first);
	json_dates(c->out, "exdates", &sc->exdates, sc->all_day, &first);
	json_str(c->out, "venue", s->venue, &first);
	json_orgs(c->out, s, &first);
	json_key(c->out, "capacity", &first);
	fprintf(c->out, "%d", s->capacity);
	json_str(c->out, "contact", s->contact, &first);
	json_str(c->out, "description", s->description, &first);
	json_overrides(c->out, s, &first);
	json_key(c->out, "changed_by", &first);
	if (found) {
		bool f = true;
		when_text(c, e.at, when);
		fputc('{', c->out);
		json_str(c->out, "user", e.user, &f);
		json_str(c->out, "at", when, &f);
		fputc('}', c->out);
		audit_entry_free(&e);
	} else {
		fputs("null", c->out);
	}
	fputs("}\n", c->out);
	return HE_OK;
}

static const char show_usage[] = N_(
"usage: hearth show ID [--format text|json]\n"
"Shows everything about an event series: its schedule, venue, organisations,\n"
"segments, changed occurrences, revision, who changed it last and when, and\n"
"next occurrences. ID is a UID or a prefix. The revision is what edit, rm\n"
"and the other commands that change an event can be told to expect.\n");

int cmd_show(struct app *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	enum cli_format fmt = FORMAT_TEXT;
	struct series s;
	int64_t id;
	int opt, rc;

	if (cli_wants_help(argc, argv, _(show_usage), c->out))
		return HE_OK;
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (opt != 'f')
			return cli_usage_error(c, "show", _("unknown option or "
					       "missing value in '%s'"),
					       argv[optind - 1]);
		if ((rc = cli_parse_format(c, optarg, &fmt)) != HE_OK)
			return rc;
	}
	if (fmt == FORMAT_TSV)
		return cli_usage_error(c, "show", _("--format is text or json"));
	if (optind + 1 != argc)
		return cli_usage_error(c, "show", _("give exactly one event ID"));
	if ((rc = app_open(c, false)) != HE_OK ||
	    (rc = store_series_find(c->st, argv[optind], &id, &c->err)) != HE_OK ||
	    (rc = store_series_load(c->st, id, &s, &c->err)) != HE_OK)
		return rc;
	rc = fmt == FORMAT_JSON ? show_json(c, &s) : show_series(c, &s);
	series_free(&s);
	return rc;
}

