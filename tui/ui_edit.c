/* ui_edit.c - the event form: every field of a series, saved at once. */
#include "ui_edit.h"

#include <stdlib.h>
#include <string.h>

#include "../core/changes.h"
#include "../core/i18n.h"
#include "../core/label.h"
#include "../core/text.h"
#include "../core/when.h"

enum {
	FE_TITLE = 1, FE_KIND, FE_STATUS, FE_START, FE_END, FE_ALLDAY, FE_TZ,
	FE_REPEAT, FE_VENUE, FE_HOST, FE_COHOSTS, FE_PARTNERS, FE_SPONSORS,
	FE_AUDIENCE, FE_CAPACITY, FE_CONTACT, FE_DESCRIPTION, FE_SEGMENTS,
	FE_ALARMS,
	FE_SAVE,
};

struct event_edit {
	struct series *s;        /* the working copy */
	bool is_new;
	bool saved;
	int64_t length;          /* wall seconds from the start to the end,
				    kept when the start changes */
	struct series *base;     /* as stored when the form opened (not new) */
};

static char *civil_text(const struct civil *c, bool date_only)
{
	if (date_only)
		return xasprintf("%04d-%02d-%02d", c->year, c->month, c->day);
	return xasprintf("%04d-%02d-%02d %02d:%02d", c->year, c->month, c->day,
			 c->hour, c->min);
}

static char *names_text(const struct series *s, enum role r)
{
	struct sbuf b = { 0 };

	for (size_t i = 0; i < s->n_orgs; i++)
		if (s->orgs[i].role == r)
			sbuf_addf(&b, "%s%s", b.len ? "、" : "", s->orgs[i].name);
	if (!b.len)
		sbuf_add(&b, _("(none)"));
	return sbuf_take(&b);
}

static void refresh_buttons(struct form *f, const struct series *s)
{
	static const struct { int id; enum role r; } roles[] = {
		{ FE_HOST, ROLE_HOST }, { FE_COHOSTS, ROLE_COHOST },
		{ FE_PARTNERS, ROLE_PARTNER }, { FE_SPONSORS, ROLE_SPONSOR },
	};
	char *text;

	for (size_t i = 0; i < 4; i++) {
		text = names_text(s, roles[i].r);
		field_set_value(form_get(f, roles[i].id), text);
		free(text);
	}
	text = ui_rule_summary(&s->sched);
	field_set_value(form_get(f, FE_REPEAT), text);
	free(text);
	field_set_value(form_get(f, FE_VENUE), s->venue ? s->venue : _("(none)"));
	text = xasprintf(ngettext("%zu segment", "%zu segments", s->n_segments),
			 s->n_segments);
	field_set_value(form_get(f, FE_SEGMENTS), text);
	free(text);
}

static void fill_kinds(struct ui *u, struct form_field *ff, const char *kind)
{
	for (size_t i = 0; i < u->app->cfg.n_kinds; i++) {
		field_add_choice(ff, kind_label(&u->app->cfg.kinds[i]));
		if (kind && strcmp(kind, u->app->cfg.kinds[i].key) == 0)
			ff->choice = i;
	}
}

static void show_alarm_note(struct ui *u, struct form *f);
static bool read_alarms(struct ui *u, struct form_field *ff, struct series *s);

static void build_form(struct ui *u, struct form *f, const struct series *s)
{
	struct form_field *ff;
	char *text;
	struct sbuf aud = { 0 };

	field_set_text(form_add(f, F_TEXT, FE_TITLE, _("Title")), s->title);
	fill_kinds(u, form_add(f, F_CHOICE, FE_KIND, _("Kind")), s->kind);
	ff = form_add(f, F_CHOICE, FE_STATUS, _("Status"));
	field_add_choice(ff, _("tentative"));
	field_add_choice(ff, _("confirmed"));
	field_add_choice(ff, _("cancelled"));
	ff->choice = s->status;
	text = civil_text(&s->sched.start, s->sched.all_day);
	field_set_text(form_add(f, F_TEXT, FE_START, _("Starts")), text);
	free(text);
	struct civil end = s->sched.all_day ? civil_add_days(s->sched.end, -1)
					    : s->sched.end;
	text = civil_text(&end, s->sched.all_day);
	field_set_text(form_add(f, F_TEXT, FE_END, s->sched.all_day
				? _("Last day") : _("Ends")), text);
	free(text);
	form_add(f, F_TOGGLE, FE_ALLDAY, _("All day"))->on = s->sched.all_day;
	field_set_text(form_add(f, F_TEXT, FE_TZ, _("Time zone")), s->sched.tzid);
	form_add(f, F_BUTTON, FE_REPEAT, _("Repeats"));
	form_add(f, F_BUTTON, FE_VENUE, _("Venue"));
	form_add(f, F_BUTTON, FE_HOST, _("Host"));
	form_add(f, F_BUTTON, FE_COHOSTS, _("Co-hosts"));
	form_add(f, F_BUTTON, FE_PARTNERS, _("Partners"));
	form_add(f, F_BUTTON, FE_SPONSORS, _("Sponsors"));
	for (size_t i = 0; i < s->audience.n; i++)
		sbuf_addf(&aud, "%s%s", i ? ", " : "", s->audience.v[i]);
	field_set_text(form_add(f, F_TEXT, FE_AUDIENCE, _("For")), sbuf_str(&aud));
	sbuf_free(&aud);
	text = s->capacity ? xasprintf("%d", s->capacity) : xstrdup("");
	field_set_text(form_add(f, F_TEXT, FE_CAPACITY, _("Capacity")), text);
	free(text);
	field_set_text(form_add(f, F_TEXT, FE_CONTACT, _("Contact")), s->contact);
	field_set_text(form_add(f, F_TEXT, FE_DESCRIPTION, _("Description")),
		       s->description);
	form_add(f, F_BUTTON, FE_SEGMENTS, _("Segments"));
	text = s->alarms.set ? alarms_format(&s->alarms) : xstrdup("");
	field_set_text(form_add(f, F_TEXT, FE_ALARMS, _("Reminders")), text);
	free(text);
	field_set_value(form_add(f, F_BUTTON, FE_SAVE, ""), _("Save (C-s)"));
	refresh_buttons(f, s);
	show_alarm_note(u, f);
}

/* Reads a start or end field; a bare time for the end keeps the start's day. */
static bool read_when(struct ui *u, struct form_field *ff,
		      const struct civil *day, struct when *w)
{
	char *text = field_text(ff);
	struct civil today = ui_today(u);
	struct herr err = { 0 };
	int minutes;
	bool ok = true;

	if (day && when_parse_hhmm(text, &minutes, NULL) == HE_OK) {
		w->c = *day;
		w->c.hour = minutes / 60;
		w->c.min = minutes % 60;
		w->c.sec = 0;
		w->date_only = false;
		if (minutes == 24 * 60)
			w->c = civil_add_days(*day, 1), w->c.hour = w->c.min = 0;
	} else if (when_parse(text, &today, w, &err) != HE_OK) {
		field_set_error(ff, *text ? _("not a date or time")
					  : _("required"));
		ok = false;
	}
	free(text);
	return ok;
}

/* The end as read on its own, when the start gives it no day. */
static char *end_alone_note(struct ui *u, const char *text)
{
	int minutes;

	/* A bare time waits for the start's day: nothing to say yet. */
	if (when_parse_hhmm(text, &minutes, NULL) == HE_OK)
		return NULL;
	return ui_check_when(u, text, NULL);
}

static void show_when_notes(struct ui *u, struct form *f)
{
	struct form_field *start = form_get(f, FE_START), *end = form_get(f, FE_END);
	char *text = field_text(start), *note, *end_text;
	struct when ws, we;
	bool start_ok;

	note = *text ? ui_check_when(u, text, NULL) : NULL;
	field_set_note(start, note);
	free(note);
	free(text);
	/* The end reads against the start: "18:00" is that day's evening. */
	end_text = field_text(end);
	note = NULL;
	start_ok = read_when(u, start, NULL, &ws);
	if (*end_text && start_ok && read_when(u, end, &ws.c, &we)) {
		char *day = label_day(&we.c);
		note = we.date_only ? xasprintf("→ %s", day)
				    : xasprintf("→ %s %02d:%02d", day, we.c.hour,
						we.c.min);
		free(day);
	} else if (*end_text && !start_ok) {
		note = end_alone_note(u, end_text);
	} else if (*end_text) {
		note = xstrdup(_("→ not understood"));
	}
	field_set_error(start, NULL);
	field_set_error(end, NULL);
	field_set_note(end, note);
	free(note);
	free(end_text);
}

/* The start and end as the fields say, when both can be read. */
static bool read_span(struct ui *u, struct form *f, struct when *ws,
		      struct when *we)
{
	struct form_field *start = form_get(f, FE_START), *end = form_get(f, FE_END);
	bool ok = read_when(u, start, NULL, ws) && read_when(u, end, &ws->c, we);

	field_set_error(start, NULL);
	field_set_error(end, NULL);
	return ok;
}

/* A new start moves the end with it, keeping the length; a new end
 * changes the length. */
static void keep_length(struct ui *u, struct form *f, struct form_field *ff)
{
	struct event_edit *e = f->ctx;
	bool all_day = form_get(f, FE_ALLDAY)->on;
	struct when ws, we;
	char *text;

	if (ff->id == FE_END) {
		if (read_span(u, f, &ws, &we) &&
		    civil_cmp(&we.c, &ws.c) >= (all_day ? 0 : 1))
			e->length = civil_to_seconds(&we.c) - civil_to_seconds(&ws.c);
		return;
	}
	/* A start half typed ("2027-01-09" on the way to a time) moves
	   nothing. */
	if (!read_when(u, ff, NULL, &ws) || ws.date_only != all_day) {
		field_set_error(ff, NULL);
		return;
	}
	we.c = civil_from_seconds(civil_to_seconds(&ws.c) + e->length);
	text = civil_text(&we.c, all_day);
	field_set_text(form_get(f, FE_END), text);
	free(text);
}

static void split_tags(const char *text, struct strv *out)
{
	char *copy = xstrdup(text), *p = copy;

	/* Commas of either width and the enumeration comma separate tags. */
	for (char *q; (q = strstr(p, "，")) || (q = strstr(p, "、"));)
		memcpy(q, ",  ", 3);
	strv_free(out);
	for (char *save = NULL, *w = strtok_r(p, ",", &save); w;
	     w = strtok_r(NULL, ",", &save)) {
		while (*w == ' ')
			w++;
		size_t n = strlen(w);
		while (n && w[n - 1] == ' ')
			w[--n] = '\0';
		if (*w && !strv_has(out, w))
			strv_add(out, w);
	}
	free(copy);
}

/* Reads the text fields into s; returns false after setting field errors. */
static bool read_fields(struct ui *u, struct form *f, struct series *s)
{
	struct form_field *start = form_get(f, FE_START), *end = form_get(f, FE_END);
	char *text;
	struct when ws, we;
	bool ok = true, all_day = form_get(f, FE_ALLDAY)->on;

	form_clear_errors(f);
	text = field_text(form_get(f, FE_TITLE));
	str_replace(&s->title, text);
	if (!*text)
		field_set_error(form_get(f, FE_TITLE), _("required")), ok = false;
	free(text);
	str_replace(&s->kind, u->app->cfg.kinds[form_get(f, FE_KIND)->choice].key);
	s->status = (enum status)form_get(f, FE_STATUS)->choice;
	text = field_text(form_get(f, FE_TZ));
	if (!tz_get(text))
		field_set_error(form_get(f, FE_TZ), _("unknown time zone")), ok = false;
	else
		snprintf(s->sched.tzid, sizeof s->sched.tzid, "%s", text);
	free(text);
	if (read_when(u, start, NULL, &ws) && read_when(u, end, &ws.c, &we)) {
		/* Exceptions and changed occurrences move with the series. */
		if (all_day)
			ws.c.hour = ws.c.min = ws.c.sec = 0;
		series_move(s, &ws.c, all_day);
		s->sched.all_day = all_day;
		s->sched.start = ws.c;
		s->sched.end = all_day ? civil_add_days(we.c, 1) : we.c;
		if (all_day)
			s->sched.start.hour = s->sched.start.min = 0;
		else if (we.date_only)
			field_set_error(end, _("give a time of day")), ok = false;
	} else {
		ok = false;
	}
	text = field_text(form_get(f, FE_AUDIENCE));
	split_tags(text, &s->audience);
	free(text);
	text = field_text(form_get(f, FE_CAPACITY));
	char *stop;
	long cap = strtol(text, &stop, 10);
	if (*text && (*stop || cap < 0 || cap > 10000000))
		field_set_error(form_get(f, FE_CAPACITY), _("a number of people")),
			ok = false;
	s->capacity = *text ? (int)cap : 0;
	free(text);
	text = field_text(form_get(f, FE_CONTACT));
	str_replace(&s->contact, *text ? text : NULL);
	free(text);
	text = field_text(form_get(f, FE_DESCRIPTION));
	str_replace(&s->description, *text ? text : NULL);
	free(text);
	return read_alarms(u, form_get(f, FE_ALARMS), s) && ok;
}

/* The reminders field: lengths or none; empty is the kind's. */
static bool read_alarms(struct ui *u, struct form_field *ff, struct series *s)
{
	char *text = field_text(ff);
	struct herr err;
	bool ok = true;

	(void)u;
	if (!*text)
		memset(&s->alarms, 0, sizeof s->alarms);
	else if (alarms_parse(text, &s->alarms, &err) != HE_OK)
		field_set_error(ff, err.msg), ok = false;
	free(text);
	return ok;
}

/* Under an empty reminders field, the kind's that it stands for. */
static void show_alarm_note(struct ui *u, struct form *f)
{
	struct form_field *ff = form_get(f, FE_ALARMS);
	const struct kind *k = &u->app->cfg.kinds[form_get(f, FE_KIND)->choice];
	char *text = field_text(ff), *list, *note = NULL;

	if (!*text) {
		list = k->alarms.n ? alarms_format(&k->alarms)
				   : xstrdup(_("none"));
		/* TRANSLATORS: beside an empty reminders field; %s is the
		   kind's reminders ("1d, 1h"), which it stands for. */
		note = xasprintf(_("kind's: %s"), list);
		free(list);
	}
	field_set_note(ff, note);
	free(note);
	free(text);
}

/* A new event whose kind changes takes that kind's default segments. */
static void kind_changed(struct ui *u, struct event_edit *e, size_t choice)
{
	const struct kind *k = &u->app->cfg.kinds[choice];

	if (!e->is_new)
		return;
	while (e->s->n_segments)
		series_remove_segment(e->s, e->s->n_segments - 1);
	for (size_t i = 0; i < k->segments.n; i++) {
		struct segment g = kind_segment(k, i);
		series_add_segment(e->s, &g);
	}
}

static void on_changed(struct ui *u, struct form *f, struct form_field *ff)
{
	struct event_edit *e = f->ctx;

	if (ff->id == FE_START || ff->id == FE_END) {
		keep_length(u, f, ff);
		show_when_notes(u, f);
	}
	if (ff->id == FE_ALLDAY)
		free(form_get(f, FE_END)->label),
		form_get(f, FE_END)->label = xstrdup(ff->on ? _("Last day")
							    : _("Ends"));
	if (ff->id == FE_KIND)
		kind_changed(u, e, ff->choice);
	if (ff->id == FE_KIND || ff->id == FE_ALARMS)
		show_alarm_note(u, f);
	refresh_buttons(f, e->s);
}

/* Edits the organisations of one role as a list. */
static void edit_orgs(struct ui *u, struct series *s, enum role r)
{
	char *pick;

	if (r == ROLE_HOST) {
		pick = ui_pick_org(u, _("Host"), series_org_with_role(s, r), NULL,
				   s);
		if (pick) {
			series_clear_orgs(s, r);
			if (*pick)
				series_add_org(s, pick, r);
		}
		free(pick);
		return;
	}
	/* Several: each pick adds one; picking one already there removes it;
	 * the picker opens again on it, the chosen ones ticked. */
	char *last = NULL;
	struct strv chosen = { 0 };
	for (;;) {
		strv_free(&chosen);
		for (size_t i = 0; i < s->n_orgs; i++)
			if (s->orgs[i].role == r)
				strv_add(&chosen, s->orgs[i].name);
		pick = ui_pick_org(u, _("Add or remove (Esc when done)"), last,
				   &chosen, s);
		if (!pick)
			break;
		bool had = false;
		for (size_t i = 0; i < s->n_orgs; i++)
			had |= s->orgs[i].role == r && !strcmp(s->orgs[i].name, pick);
		if (had) {
			struct series_org *keep = s->orgs;
			size_t n = 0;
			for (size_t i = 0; i < s->n_orgs; i++)
				if (s->orgs[i].role == r && !strcmp(s->orgs[i].name, pick))
					free(s->orgs[i].name);
				else
					keep[n++] = s->orgs[i];
			s->n_orgs = n;
		} else if (*pick) {
			series_add_org(s, pick, r);
		}
		char *now = names_text(s, r);
		ui_message(u, "%s", now);
		free(now);
		free(last);
		last = pick;
	}
	free(last);
	strv_free(&chosen);
}

/*
 * Whether the series differs from before in anything a save would write:
 * a picker closed with Esc, or an editor left as it was, changes nothing,
 * and leaving the form must then not ask to discard changes.
 */
static bool series_changed(const struct series *before,
			   const struct series *after)
{
	struct changes ch = { 0 };
	struct civil_list occ = { 0 };

	series_diff(before, after, &ch);
	series_overrides_changed(before, after, &occ);
	bool changed = ch.n || occ.n;
	changes_free(&ch);
	civil_list_free(&occ);
	return changed;
}

static void on_activate(struct ui *u, struct form *f, struct form_field *ff)
{
	struct event_edit *e = f->ctx;
	char *pick = NULL;
	struct series before;

	series_copy(&before, e->s);

	switch (ff->id) {
	case FE_KIND: {
		char **labels = xcalloc(u->app->cfg.n_kinds + 1, sizeof *labels);
		for (size_t i = 0; i < u->app->cfg.n_kinds; i++)
			labels[i] = (char *)kind_label(&u->app->cfg.kinds[i]);
		pick = ui_pick(u, _("Kind"), labels, u->app->cfg.n_kinds,
			       labels[ff->choice], false);
		for (size_t i = 0; pick && i < u->app->cfg.n_kinds; i++)
			if (!strcmp(pick, labels[i]) && ff->choice != i) {
				ff->choice = i;
				kind_changed(u, e, i);
			}
		free(labels);
		break;
	}
	case FE_VENUE:
		pick = ui_pick_venue(u, _("Venue"), e->s->venue, e->s);
		if (pick)
			str_replace(&e->s->venue, *pick ? pick : NULL);
		break;
	case FE_HOST: edit_orgs(u, e->s, ROLE_HOST); break;
	case FE_COHOSTS: edit_orgs(u, e->s, ROLE_COHOST); break;
	case FE_PARTNERS: edit_orgs(u, e->s, ROLE_PARTNER); break;
	case FE_SPONSORS: edit_orgs(u, e->s, ROLE_SPONSOR); break;
	case FE_REPEAT:
		read_fields(u, f, e->s);
		ui_sched_edit(u, e->s);
		break;
	case FE_SEGMENTS:
		/* The list is headed by the title as typed so far. */
		read_fields(u, f, e->s);
		ui_segments_edit(u, e->s);
		break;
	case FE_SAVE:
		series_free(&before);
		f->done = f->ops->save(u, f);
		return;
	default: break;
	}
	free(pick);
	if (series_changed(&before, e->s))
		f->changed = true;
	f->self_marked = true;
	series_free(&before);
	refresh_buttons(f, e->s);
}

static bool on_save(struct ui *u, struct form *f)
{
	struct event_edit *e = f->ctx;
	struct herr err = { 0 };
	struct series check;

	if (!read_fields(u, f, e->s)) {
		ui_error(u, _("Some fields need attention."));
		return false;
	}
	series_copy(&check, e->s);
	if (!check.uid)
		check.uid = xstrdup("-");
	if (series_validate(&check, &err) != HE_OK) {
		field_set_error(form_get(f, FE_START), err.msg);
		ui_show_err(u, &err);
		series_free(&check);
		return false;
	}
	series_free(&check);
	if (!e->is_new &&
	    ui_merge_before_save(u, e->s, e->base) == UI_MERGE_BACK)
		return false;
	if (ui_save_series(u, e->s, e->is_new ? _("Event added")
					      : _("Event saved")) != HE_OK)
		return false;
	e->saved = true;
	return true;
}

static void on_draft(struct ui *u, struct form *f)
{
	struct event_edit *e = f->ctx;

	read_fields(u, f, e->s);
	ui_draft_save(u, e->s, e->is_new);
}

static const struct form_ops event_ops = {
	on_changed, on_activate, on_save, on_draft,
};

bool ui_event_form(struct ui *u, struct series *s, bool is_new)
{
	int64_t length = civil_to_seconds(&s->sched.end) -
			 civil_to_seconds(&s->sched.start);
	/* All day, the end field holds the last day, not the day after. */
	struct event_edit e = { s, is_new, false,
				length - (s->sched.all_day ? 86400 : 0), NULL };
	struct series base;
	struct form f;
	enum form_result r;

	if (!is_new) {
		series_copy(&base, s);
		e.base = &base;
	}
	form_init(&f, is_new ? _("New event") : s->title, &event_ops, &e);
	build_form(u, &f, s);
	show_when_notes(u, &f);
	r = form_run(u, &f);
	form_free(&f);
	if (e.base)
		series_free(e.base);
	if (r == FORM_QUIT)
		u->quit = true;
	if (e.saved)
		ui_show_series(u, s->id);
	return e.saved;
}

void ui_add_event(struct ui *u, int64_t near)
{
	struct series s;
	struct civil day = tz_from_utc(ui_zone(u), near, NULL);
	const struct kind *k = &u->app->cfg.kinds[0];
	struct event_edit e = { &s, true, false, 0, NULL };

	series_init(&s);
	s.kind = xstrdup(k->key);
	s.title = xstrdup("");
	snprintf(s.sched.tzid, sizeof s.sched.tzid, "%s", u->app->cfg.timezone);
	day.hour = day.hour < 9 ? 9 : day.hour + 1;
	if (day.hour > 21)
		day.hour = 21;
	day.min = day.sec = 0;
	s.sched.start = day;
	s.sched.end = civil_from_seconds(civil_to_seconds(&day) + k->duration);
	kind_changed(u, &e, 0);
	ui_event_form(u, &s, true);
	series_free(&s);
}

/* Appends name to names (n of them) unless it is there already. */
static void add_name(char ***names, size_t *n, size_t *cap, const char *name)
{
	if (!name || !*name)
		return;
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*names)[i], name))
			return;
	*names = xgrow(*names, cap, *n + 2, sizeof **names);
	(*names)[(*n)++] = (char *)name;
}

char *ui_pick_org(struct ui *u, const char *title, const char *current,
		  const struct strv *marked, const struct series *s)
{
	struct org *o;
	size_t n, shown = 0, cap = 0;
	struct herr err = { 0 };
	char **names = NULL, *pick;

	if (store_org_list(u->app->st, &o, &n, &err) != HE_OK) {
		ui_show_err(u, &err);
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		add_name(&names, &shown, &cap, o[i].name);
	/* Created in this form and not saved yet: found all the same. */
	for (size_t i = 0; s && i < s->n_orgs; i++)
		add_name(&names, &shown, &cap, s->orgs[i].name);
	for (size_t i = 0; s && i < s->n_segments; i++)
		for (size_t k = 0; k < s->segments[i].partners.n; k++)
			add_name(&names, &shown, &cap,
				 s->segments[i].partners.v[k]);
	for (size_t i = 0; marked && i < marked->n; i++)
		add_name(&names, &shown, &cap, marked->v[i]);
	pick = ui_pick_marked(u, title, names, shown, current, true, marked);
	free(names);
	org_list_free(o, n);
	return pick;
}

char *ui_pick_venue(struct ui *u, const char *title, const char *current,
		    const struct series *s)
{
	struct venue *v;
	size_t n, shown = 0, cap = 0;
	struct herr err = { 0 };
	char **names = NULL, *pick;

	if (store_venue_list(u->app->st, &v, &n, &err) != HE_OK) {
		ui_show_err(u, &err);
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		add_name(&names, &shown, &cap, v[i].name);
	if (s)
		add_name(&names, &shown, &cap, s->venue);
	for (size_t i = 0; s && i < s->n_segments; i++)
		add_name(&names, &shown, &cap, s->segments[i].venue);
	pick = ui_pick(u, title, names, shown, current, true);
	free(names);
	venue_list_free(v, n);
	return pick;
}
