/*
 * ui_sched.c - the schedule editor: repeat, interval, weekdays, end, the
 * exception and extra dates, the RRULE itself for experts, and a live
 * preview of the next occurrences.
 */
#include "ui_edit.h"

#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/label.h"
#include "../core/text.h"
#include "../core/when.h"
#include "../core/words.h"

enum {
	FS_REPEAT = 1, FS_EVERY, FS_DAYS, FS_ENDS, FS_UNTIL, FS_COUNT,
	FS_EXCEPT, FS_EXTRA, FS_RRULE, FS_DONE,
};

enum { ENDS_NEVER, ENDS_ON, ENDS_AFTER };

struct sched_edit {
	struct sched sc;         /* working copy; start/end/zone fixed */
	bool custom;             /* the rule is more than the fields can say */
};

static const char *const freq_names[] = {
	N_("does not repeat"), N_("daily"), N_("weekly"), N_("monthly"),
	N_("yearly"), N_("custom"),
};

char *ui_rule_summary(const struct sched *sc)
{
	if (!sc->rrule)
		return xstrdup(sc->rdates.n ? _("on extra dates") : _("does not repeat"));
	return words_rule(sc, sc->rrule);
}

/* The structured fields as rule parts. */
static void read_parts(struct ui *u, struct form *f, struct rule_parts *p,
		       bool *ok)
{
	char *text;
	struct when w;
	struct civil today = ui_today(u);
	int ends = (int)form_get(f, FS_ENDS)->choice;

	memset(p, 0, sizeof *p);
	p->simple = true;
	p->freq = (enum rule_freq)form_get(f, FS_REPEAT)->choice;
	text = field_text(form_get(f, FS_EVERY));
	p->interval = *text ? atoi(text) : 1;
	if (p->interval < 1 || p->interval > 999)
		field_set_error(form_get(f, FS_EVERY), _("1 or more")), *ok = false;
	free(text);
	p->weekdays = p->freq == RULE_WEEKLY ? form_get(f, FS_DAYS)->days : 0;
	if (ends == ENDS_ON) {
		text = field_text(form_get(f, FS_UNTIL));
		if (when_parse(text, &today, &w, NULL) == HE_OK) {
			p->has_until = true;
			p->until = w.c;
			p->until.hour = 23, p->until.min = 59, p->until.sec = 59;
		} else {
			field_set_error(form_get(f, FS_UNTIL), _("not a date")), *ok = false;
		}
		free(text);
	} else if (ends == ENDS_AFTER) {
		text = field_text(form_get(f, FS_COUNT));
		p->count = atoi(text);
		if (p->count < 1)
			field_set_error(form_get(f, FS_COUNT), _("1 or more")), *ok = false;
		free(text);
	}
}

static void show_fields(struct form *f)
{
	int repeat = (int)form_get(f, FS_REPEAT)->choice;
	int ends = (int)form_get(f, FS_ENDS)->choice;
	bool simple = repeat > RULE_NONE && repeat < RULE_HOURLY;

	form_get(f, FS_EVERY)->hidden = !simple;
	form_get(f, FS_DAYS)->hidden = repeat != RULE_WEEKLY;
	form_get(f, FS_ENDS)->hidden = !simple;
	form_get(f, FS_UNTIL)->hidden = !simple || ends != ENDS_ON;
	form_get(f, FS_COUNT)->hidden = !simple || ends != ENDS_AFTER;
}

/* Puts rule parts into the structured fields. */
static void write_parts(struct form *f, const struct rule_parts *p,
			bool custom)
{
	char *text;
	char date[CIVIL_BUFSZ];

	form_get(f, FS_REPEAT)->choice = custom ? RULE_HOURLY : p->freq;
	text = xasprintf("%d", p->interval);
	field_set_text(form_get(f, FS_EVERY), text);
	free(text);
	form_get(f, FS_DAYS)->days = p->weekdays;
	form_get(f, FS_ENDS)->choice = p->has_until ? ENDS_ON
				       : p->count ? ENDS_AFTER : ENDS_NEVER;
	field_set_text(form_get(f, FS_UNTIL),
		       p->has_until ? civil_format(&p->until, true, date) : "");
	text = p->count ? xasprintf("%d", p->count) : xstrdup("");
	field_set_text(form_get(f, FS_COUNT), text);
	free(text);
	show_fields(f);
}

/* Reads "2027-01-09, 1/16 ..." into a list of occurrence starts. */
static bool read_dates(struct ui *u, struct form_field *ff,
		       const struct sched *sc, struct civil_list *out)
{
	char *text = field_text(ff), *save = NULL;
	struct civil today = ui_today(u);
	bool ok = true;

	civil_list_free(out);
	for (char *w = strtok_r(text, ",;，、", &save); w;
	     w = strtok_r(NULL, ",;，、", &save)) {
		struct when when;
		while (*w == ' ')
			w++;
		if (!*w)
			continue;
		if (when_parse(w, &today, &when, NULL) != HE_OK) {
			field_set_error(ff, _("a date is not understood")), ok = false;
			continue;
		}
		if (sc->all_day || when.date_only) {
			when.c.hour = sc->all_day ? 0 : sc->start.hour;
			when.c.min = sc->all_day ? 0 : sc->start.min;
			when.c.sec = sc->all_day ? 0 : sc->start.sec;
		}
		civil_list_add(out, when.c);
	}
	free(text);
	return ok;
}

static void list_text(const struct civil_list *l, bool date_only,
		      struct form_field *ff)
{
	struct sbuf b = { 0 };
	char buf[CIVIL_BUFSZ];

	for (size_t i = 0; i < l->n; i++) {
		sbuf_addf(&b, "%s%s", i ? ", " : "",
			  civil_format(&l->v[i], date_only, buf));
		if (!date_only)
			b.s[b.len - 9] = ' ', b.s[b.len -= 3] = '\0';
	}
	field_set_text(ff, sbuf_str(&b));
	sbuf_free(&b);
}

static void preview(struct ui *u, struct form *f, struct sched_edit *e)
{
	struct instances in = { 0 };
	struct herr err = { 0 };
	struct sched probe;
	int64_t from = ui_now(u);

	strv_free(&f->preview);
	sched_copy(&probe, &e->sc);
	if (sched_prepare(&probe, &err) != HE_OK) {
		field_set_error(form_get(f, FS_RRULE), err.msg);
		sched_free(&probe);
		return;
	}
	if (probe.reach_start > from)
		from = probe.reach_start;
	strv_add(&f->preview, _("Next occurrences:"));
	if (sched_expand(&probe, from, SCHED_FOREVER - 1, 6, &in, NULL) == HE_OK)
		for (size_t i = 0; i < in.n; i++) {
			char *day = label_day(&in.v[i].rid);
			char *line = probe.all_day ? xasprintf("  %s", day)
				: xasprintf("  %s %02d:%02d", day, in.v[i].rid.hour,
					    in.v[i].rid.min);
			strv_add(&f->preview, line);
			free(line);
			free(day);
		}
	if (in.n == 0)
		strv_add(&f->preview, _("  (none after now)"));
	instances_free(&in);
	sched_free(&probe);
}

/* Brings everything in step after a field changed. */
static void on_changed(struct ui *u, struct form *f, struct form_field *ff)
{
	struct sched_edit *e = f->ctx;
	struct rule_parts p;
	bool ok = true;

	form_clear_errors(f);
	if (ff->id == FS_RRULE) {
		char *text = field_text(ff);
		free(e->sc.rrule);
		e->sc.rrule = *text ? xstrdup(text) : NULL;
		if (sched_rule_parts(&e->sc, e->sc.rrule, &p, NULL) == HE_OK)
			write_parts(f, &p, !p.simple);
		free(text);
	} else if (ff->id != FS_EXCEPT && ff->id != FS_EXTRA) {
		show_fields(f);
		if ((int)form_get(f, FS_REPEAT)->choice == RULE_HOURLY) {
			/* "custom": the text field alone says what happens. */
		} else {
			read_parts(u, f, &p, &ok);
			if (ok) {
				free(e->sc.rrule);
				e->sc.rrule = sched_rule_build(&e->sc, &p);
				field_set_text(form_get(f, FS_RRULE),
					       e->sc.rrule ? e->sc.rrule : "");
			}
		}
	}
	read_dates(u, form_get(f, FS_EXCEPT), &e->sc, &e->sc.exdates);
	read_dates(u, form_get(f, FS_EXTRA), &e->sc, &e->sc.rdates);
	preview(u, f, e);
}

static bool on_save(struct ui *u, struct form *f)
{
	struct sched_edit *e = f->ctx;
	struct sched probe;
	struct herr err = { 0 };
	bool ok;

	on_changed(u, f, form_get(f, FS_EXCEPT));
	sched_copy(&probe, &e->sc);
	ok = sched_prepare(&probe, &err) == HE_OK;
	if (!ok)
		ui_show_err(u, &err);
	sched_free(&probe);
	return ok;
}

static void on_activate(struct ui *u, struct form *f, struct form_field *ff)
{
	if (ff->id == FS_DONE)
		f->done = on_save(u, f);
}

static const struct form_ops sched_ops = {
	on_changed, on_activate, on_save, NULL,
};

static void build(struct form *f, const struct sched_edit *e)
{
	struct form_field *ff = form_add(f, F_CHOICE, FS_REPEAT, _("Repeats"));
	struct rule_parts p;

	for (size_t i = 0; i < 6; i++)
		field_add_choice(ff, _(freq_names[i]));
	/* TRANSLATORS: labels of the schedule editor: "Every" takes the
	   interval (every 2 weeks), "On" the weekdays, "Ends" never, on a
	   date or after a number of times. */
	form_add(f, F_TEXT, FS_EVERY, _("Every"));
	form_add(f, F_DAYS, FS_DAYS, _("On"));
	ff = form_add(f, F_CHOICE, FS_ENDS, _("Ends"));
	field_add_choice(ff, _("never"));
	field_add_choice(ff, _("on a date"));
	field_add_choice(ff, _("after a number of times"));
	form_add(f, F_TEXT, FS_UNTIL, _("Until"));
	/* TRANSLATORS: how many times the event happens in all. */
	form_add(f, F_TEXT, FS_COUNT, _("Times"));
	list_text(&e->sc.exdates, e->sc.all_day,
		  form_add(f, F_TEXT, FS_EXCEPT, _("Except")));
	list_text(&e->sc.rdates, e->sc.all_day,
		  form_add(f, F_TEXT, FS_EXTRA, _("Also on")));
	field_set_text(form_add(f, F_TEXT, FS_RRULE, _("RRULE")),
		       e->sc.rrule ? e->sc.rrule : "");
	field_set_value(form_add(f, F_BUTTON, FS_DONE, ""), _("Done (C-s)"));
	if (sched_rule_parts(&e->sc, e->sc.rrule, &p, NULL) != HE_OK)
		memset(&p, 0, sizeof p), p.interval = 1;
	write_parts(f, &p, e->sc.rrule && !p.simple);
}

bool ui_sched_edit(struct ui *u, struct series *s)
{
	struct sched_edit e;
	struct form f;
	bool saved;

	sched_copy(&e.sc, &s->sched);
	form_init(&f, _("Schedule"), &sched_ops, &e);
	build(&f, &e);
	preview(u, &f, &e);
	saved = form_run(u, &f) == FORM_SAVED;
	if (saved) {
		sched_free(&s->sched);
		s->sched = e.sc;
	} else {
		sched_free(&e.sc);
	}
	form_free(&f);
	return saved;
}
