/*
 * ui_stations.c - the stations view (0): the stations open at a moment
 * (now unless [ and ] moved it), nearest first from a place chosen with o,
 * with what they offer and until when; f keeps those with a service. The
 * selected station's opening hours show in words on the status line;
 * Enter opens its form. The moment and the place are shared with the map
 * (ui_map.c).
 */
#include "ui_stations.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/label.h"
#include "../core/text.h"

struct st_view {
	struct stations_shared sh;
	struct open_list l;
	size_t sel, top;
	bool loaded;
	size_t said;             /* the row whose hours the status line has */
};

static struct st_view *state(struct ui *u)
{
	struct st_view *s = u->state[V_STATIONS];

	if (!s) {
		s = u->state[V_STATIONS] = xcalloc(1, sizeof *s);
		s->said = (size_t)-1;
	}
	return s;
}

struct stations_shared *ui_stations_shared(struct ui *u)
{
	return &state(u)->sh;
}

int64_t ui_stations_at(struct ui *u)
{
	struct stations_shared *sh = ui_stations_shared(u);

	return sh->at ? sh->at : ui_now(u);
}

/* The query the view and the map share. */
struct open_query ui_stations_query(struct ui *u)
{
	struct stations_shared *sh = ui_stations_shared(u);
	const struct stations_config *c = u->app->cfg.stations;
	struct open_query q = { .at = ui_stations_at(u),
				.travel = stations_travel(c, c->walk),
				.service = sh->service };

	if (sh->from) {
		q.near = true;
		q.lat = sh->lat;
		q.lon = sh->lon;
		q.within = c->within;
	}
	return q;
}

static void load(struct ui *u, struct st_view *s)
{
	struct open_query q = ui_stations_query(u);
	struct herr err = { 0 };

	open_list_free(&s->l);
	if (stations_open(u->app->st, u->app->cfg.stations, u->app->home, &q,
			  &s->l, &err) != HE_OK)
		ui_show_err(u, &err);
	if (s->sel >= s->l.n)
		s->sel = s->l.n ? s->l.n - 1 : 0;
	s->loaded = true;
	s->said = (size_t)-1;
}

/* "Mon 10:00" in the display zone. */
static char *at_text(struct ui *u, int64_t at)
{
	struct civil c = tz_from_utc(ui_zone(u), at, NULL);
	char *day = label_day(&c), hhmm[8], *text;

	label_hhmm(&c, hhmm);
	text = xasprintf("%s %s", day, hhmm);
	free(day);
	return text;
}

static char *heading(struct ui *u, const struct st_view *s)
{
	const struct stations_shared *sh = &s->sh;
	char *when = at_text(u, ui_stations_at(u)), *text;

	if (sh->from)
		text = xasprintf(ngettext("%zu open at %s within %d min of %s",
					  "%zu open at %s within %d min of %s",
					  s->l.n), s->l.n, when,
				 u->app->cfg.stations->within, sh->from);
	else
		text = xasprintf(ngettext("%zu open at %s (o: nearest first "
					  "from a place)",
					  "%zu open at %s (o: nearest first "
					  "from a place)", s->l.n), s->l.n, when);
	free(when);
	if (sh->service) {
		char *more = xasprintf(_("%s, with “%s”"), text, sh->service);
		free(text);
		text = more;
	}
	return text;
}

static char *until_text(struct ui *u, const struct open_station *o)
{
	struct civil now = tz_from_utc(ui_zone(u), ui_stations_at(u), NULL);
	struct civil end;
	char hhmm[8];

	if (o->closes == INT64_MAX)
		return xstrdup(_("open all week"));
	end = tz_from_utc(ui_zone(u), o->closes, NULL);
	label_hhmm(&end, hhmm);
	if (end.day == now.day && end.month == now.month)
		return xasprintf(_("until %s"), hhmm);
	return xasprintf(_("until %s %s"), label_weekday(civil_weekday(&end)),
			 hhmm);
}

static void draw_row(struct ui *u, const struct open_station *o, int y,
		     attr_t at)
{
	int w = u->cols, name_w = w * 3 / 10;
	int dist_w = o->metres >= 0 ? 16 : 0, until_w = 16;
	struct sbuf svc = { 0 };
	char *until = until_text(u, o);

	ui_fill(y, 0, w, at);
	ui_put(y, 1, name_w, o->s.v.name, at | A_BOLD);
	if (o->metres >= 0) {
		char *d = o->metres < 1000
			? xasprintf(_("%.0f m, %.0f min"), o->metres,
				    round(o->minutes))
			: xasprintf(_("%.1f km, %.0f min"), o->metres / 1000,
				    round(o->minutes));
		ui_put(y, 2 + name_w, dist_w, d, at);
		free(d);
	}
	ui_put(y, 2 + name_w + dist_w + (dist_w > 0), until_w, until, at);
	for (size_t k = 0; k < o->s.v.services.n; k++)
		sbuf_addf(&svc, "%s%s", k ? label_list_sep() : "",
			  o->s.v.services.v[k]);
	ui_put(y, 3 + name_w + dist_w + (dist_w > 0) + until_w,
	       w - name_w - dist_w - until_w - 5, sbuf_str(&svc), at);
	sbuf_free(&svc);
	free(until);
}

/* The selected station's hours in words, on the status line. */
static void say_hours(struct ui *u, struct st_view *s)
{
	const struct open_station *o;
	struct hours h;
	char *words;

	if (s->said == s->sel || s->sel >= s->l.n)
		return;
	s->said = s->sel;
	o = &s->l.v[s->sel];
	if (o->event)
		ui_message(u, _("%s: open for “%s”"), o->s.v.name, o->event);
	else if (o->s.hours && hours_parse(o->s.hours, &h, NULL, NULL) == HE_OK) {
		words = hours_words(&h);
		ui_message(u, "%s: %s", o->s.v.name, words);
		free(words);
		hours_free(&h);
	}
}

static void draw(struct ui *u)
{
	struct st_view *s = state(u);
	int y0 = ui_body_top(), rows = ui_body_rows(u) - 1;
	char *head;

	if (!s->loaded)
		load(u, s);
	head = heading(u, s);
	ui_put(y0, 0, u->cols, head, A_BOLD);
	free(head);
	s->top = ui_scroll(s->top, s->sel, rows);
	for (int r = 0; r < rows && s->top + (size_t)r < s->l.n; r++) {
		size_t i = s->top + (size_t)r;
		draw_row(u, &s->l.v[i], y0 + 1 + r,
			 i == s->sel ? ui_attr_selected() : A_NORMAL);
	}
	if (!s->l.n)
		ui_put(y0 + 2, 2, u->cols - 4, _("No station is open then: "
			"[ and ] move an hour, o chooses where from."), A_DIM);
	say_hours(u, s);
}

/* Picks the place travel is measured from: a venue with coordinates. */
bool ui_stations_pick_from(struct ui *u)
{
	struct stations_shared *sh = ui_stations_shared(u);
	struct station_list all = { 0 };
	struct herr err = { 0 };
	char **names;
	size_t n = 0;
	char *pick;

	if (store_stations(u->app->st, NULL, &all, &err) != HE_OK) {
		ui_show_err(u, &err);
		station_list_free(&all);
		return false;
	}
	names = xcalloc(all.n + 2, sizeof *names);
	names[n++] = xstrdup(_("(nowhere: every station, by name)"));
	for (size_t i = 0; i < all.n; i++)
		if (all.v[i].v.has_geo && !all.v[i].members.n)
			names[n++] = xstrdup(all.v[i].v.name);
	pick = ui_pick(u, _("Nearest first from"), names, n, sh->from, false);
	if (pick) {
		free(sh->from);
		sh->from = NULL;
		for (size_t i = 0; i < all.n; i++)
			if (!strcmp(all.v[i].v.name, pick)) {
				sh->from = xstrdup(pick);
				sh->lat = all.v[i].v.lat;
				sh->lon = all.v[i].v.lon;
			}
		free(pick);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	station_list_free(&all);
	return pick != NULL;
}

/* [, ], t, f: the shared moment and service; true when handled. */
bool ui_stations_common_key(struct ui *u, enum action a)
{
	struct stations_shared *sh = ui_stations_shared(u);
	char *text;

	switch (a) {
	case ACT_EARLIER:
		sh->at = ui_stations_at(u) - 3600;
		return true;
	case ACT_LATER:
		sh->at = ui_stations_at(u) + 3600;
		return true;
	case ACT_TODAY:
		sh->at = 0;
		return true;
	case ACT_FILTER:
		text = ui_ask(u, _("Service (part of its name, empty: any):"),
			      sh->service, NULL, NULL);
		if (text) {
			str_replace(&sh->service, *text ? text : NULL);
			free(text);
		}
		return true;
	case ACT_STATION_FROM:
		ui_stations_pick_from(u);
		return true;
	default:
		return false;
	}
}

static int key(struct ui *u, enum action a)
{
	struct st_view *s = state(u);

	if (ui_stations_common_key(u, a)) {
		s->loaded = false;
		ui_reload(u);
		return UI_HANDLED;
	}
	if (ui_list_move(&s->sel, s->l.n, 10, a))
		return UI_HANDLED;
	switch (a) {
	case ACT_OPEN:
		if (!s->l.n) {
			ui_message(u, _("Nothing is selected."));
			return UI_HANDLED;
		}
		ui_edit_venue(u, s->l.v[s->sel].s.v.name);
		s->loaded = false;
		return UI_HANDLED;
	default:
		return UI_IGNORED;
	}
}

static void reload(struct ui *u)
{
	state(u)->loaded = false;
}

static void free_view(struct ui *u)
{
	struct st_view *s = state(u);

	open_list_free(&s->l);
	free(s->sh.from);
	free(s->sh.service);
	free(s);
	u->state[V_STATIONS] = NULL;
}

const struct view_ops stations_view = {
	N_("Stations"), draw, key, reload, free_view,
};
