/*
 * ui_people.c - the people view (key 7): volunteers and the people the
 * scheme serves, searched and narrowed by group, with their balances; a
 * person's pane with details, shifts and points statement; redeeming from
 * the catalogue after a confirmation. Also "needs N more" for the calendar
 * views (ui_with_needs).
 */
#include "ui_edit.h"

#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/label.h"
#include "../core/people/people.h"
#include "../core/text.h"

enum { FPP_NAME = 1, FPP_PHONE, FPP_GROUPS, FPP_ORG, FPP_NOTE, FPP_ACTIVE,
       FPP_SAVE };

struct people_view {
	struct person_list l;
	size_t sel, top;
	bool loaded;
	char *search;
	const char *group;       /* a key of the config, or NULL for all */
};

static struct people_view *state(struct ui *u)
{
	if (!u->state[V_PEOPLE])
		u->state[V_PEOPLE] = xcalloc(1, sizeof(struct people_view));
	return u->state[V_PEOPLE];
}

char *ui_with_needs(struct ui *u, const struct occ *o, const char *title)
{
	int more = shift_needs_more(u->app->st, o);

	if (more <= 0)
		return xstrdup(title);
	char *needs = xasprintf(ngettext("needs %d more", "needs %d more",
					 (unsigned long)more), more);
	char *out = xasprintf("%s · %s", title, needs);
	free(needs);
	return out;
}

static void load(struct ui *u, struct people_view *p)
{
	struct person_query q = { .group = p->group, .text = p->search };
	struct herr err = { 0 };

	person_list_free(&p->l);
	if (store_people_list(u->app->st, &q, &p->l, &err) != HE_OK)
		ui_show_err(u, &err);
	if (p->sel >= p->l.n)
		p->sel = p->l.n ? p->l.n - 1 : 0;
	p->loaded = true;
}

/* Groups as labels, joined. */
static char *groups_text(struct ui *u, const struct strv *groups)
{
	struct sbuf b = { 0 };

	for (size_t i = 0; i < groups->n; i++)
		sbuf_addf(&b, "%s%s", i ? label_list_sep() : "",
			  people_group_label(u->app->cfg.people, groups->v[i]));
	return sbuf_take(&b);
}

static void draw_row(struct ui *u, const struct person *p, int y, attr_t at)
{
	int w = u->cols, name_w = 14, phone_w = 13, pts_w = 8;
	int groups_w = (w - name_w - phone_w - pts_w - 6) / 2;
	char *phone = person_phone_mask(p->phone);
	char *groups = groups_text(u, &p->groups);
	char pts[24];

	snprintf(pts, sizeof pts, "%lld", (long long)p->balance);
	ui_fill(y, 0, w, at);
	ui_put(y, 1, name_w, p->name, at | A_BOLD);
	ui_put(y, 2 + name_w, phone_w, phone, at);
	ui_put(y, 3 + name_w + phone_w, groups_w, groups, at);
	ui_put(y, 4 + name_w + phone_w + groups_w,
	       w - name_w - phone_w - groups_w - pts_w - 6, p->org, at);
	ui_put_right(y, w - pts_w - 1, pts_w, pts, at | A_BOLD);
	free(phone);
	free(groups);
}

static void draw(struct ui *u)
{
	struct people_view *p = state(u);
	int y0 = ui_body_top(), rows = ui_body_rows(u) - 1;
	struct sbuf head = { 0 };

	if (!p->loaded)
		load(u, p);
	sbuf_addf(&head, ngettext("%zu person", "%zu people", p->l.n), p->l.n);
	if (p->group)
		sbuf_addf(&head, " · %s",
			  people_group_label(u->app->cfg.people, p->group));
	if (p->search)
		sbuf_addf(&head, " · “%s”", p->search);
	ui_put(y0, 0, u->cols - 10, sbuf_str(&head), A_BOLD);
	ui_put_right(y0, u->cols - 9, 8, _("Points"), A_BOLD);
	sbuf_free(&head);
	p->top = ui_scroll(p->top, p->sel, rows);
	for (int r = 0; r < rows && p->top + (size_t)r < p->l.n; r++) {
		size_t i = p->top + (size_t)r;
		draw_row(u, &p->l.v[i], y0 + 1 + r,
			 i == p->sel ? ui_attr_selected() : A_NORMAL);
	}
	if (p->l.n == 0)
		ui_put(y0 + 2, 2, u->cols - 4, _("Nobody here: a adds a person."),
		       A_DIM);
}

/* ---- the person form ---- */

struct person_edit {
	struct people_view *p;
	struct person person;
};

static bool person_save(struct ui *u, struct form *f)
{
	struct person_edit *e = f->ctx;
	struct person *p = &e->person;
	struct herr err = { 0 };
	char *groups = field_text(form_get(f, FPP_GROUPS));
	char *save = NULL;
	bool is_new = p->id == 0;
	int rc;

	form_clear_errors(f);
	str_replace(&p->name, NULL);
	p->name = field_text(form_get(f, FPP_NAME));
	str_replace(&p->phone, NULL);
	p->phone = field_text(form_get(f, FPP_PHONE));
	str_replace(&p->org, NULL);
	p->org = field_text(form_get(f, FPP_ORG));
	str_replace(&p->note, NULL);
	p->note = field_text(form_get(f, FPP_NOTE));
	p->active = form_get(f, FPP_ACTIVE)->on;
	strv_free(&p->groups);
	for (char *w = strtok_r(groups, ",，、;；", &save); w;
	     w = strtok_r(NULL, ",，、;；", &save)) {
		w += strspn(w, " ");
		if (*w)
			strv_add(&p->groups, w);
	}
	free(groups);
	/* The phone and the groups first, so that the error is beside them. */
	int bad = FPP_NAME;
	char *phone = NULL;
	for (size_t i = 0; i < p->groups.n && bad == FPP_NAME; i++)
		if (!people_group(u->app->cfg.people, p->groups.v[i]))
			bad = FPP_GROUPS;
	if (p->phone && person_phone_normalise(p->phone, &phone, NULL) != HE_OK)
		bad = FPP_PHONE;
	free(phone);
	if ((rc = person_validate(p, u->app->cfg.people, &err)) == HE_OK)
		rc = is_new ? store_person_add(u->app->st, p, &err)
			    : store_person_update(u->app->st, p, &err);
	if (rc != HE_OK) {
		field_set_error(form_get(f, bad), err.msg);
		ui_show_err(u, &err);
		return false;
	}
	ui_message(u, _("Saved “%s”."), p->name);
	e->p->loaded = false;
	ui_reload(u);
	return true;
}

static void person_activate(struct ui *u, struct form *f,
			    struct form_field *ff)
{
	if (ff->id == FPP_SAVE)
		f->done = person_save(u, f);
}

static const struct form_ops person_ops = {
	NULL, person_activate, person_save, NULL,
};

static void edit_person(struct ui *u, struct people_view *p, bool is_new)
{
	struct person_edit e = { .p = p };
	struct herr err = { 0 };
	struct form f;
	char *groups;

	person_init(&e.person);
	if (!is_new && store_person_get(u->app->st, p->l.v[p->sel].id, &e.person,
					&err) != HE_OK) {
		ui_show_err(u, &err);
		return;
	}
	groups = groups_text(u, &e.person.groups);
	form_init(&f, is_new ? _("New person") : e.person.name, &person_ops, &e);
	field_set_text(form_add(&f, F_TEXT, FPP_NAME, _("Name")), e.person.name);
	field_set_text(form_add(&f, F_TEXT, FPP_PHONE, _("Phone")),
		       e.person.phone);
	field_set_text(form_add(&f, F_TEXT, FPP_GROUPS, _("Groups")), groups);
	field_set_note(form_get(&f, FPP_GROUPS), _("keys or labels, with commas"));
	field_set_text(form_add(&f, F_TEXT, FPP_ORG, _("Organisation")),
		       e.person.org);
	field_set_text(form_add(&f, F_TEXT, FPP_NOTE, _("Note")), e.person.note);
	form_add(&f, F_TOGGLE, FPP_ACTIVE, _("Active"))->on = e.person.active;
	field_set_value(form_add(&f, F_BUTTON, FPP_SAVE, ""), _("Save (C-s)"));
	if (form_run(u, &f) == FORM_QUIT)
		u->quit = true;
	form_free(&f);
	free(groups);
	person_free(&e.person);
}

/* The person's id and name are copied before asking: a change seen while
 * the question is up reloads the list, freeing its rows. */
static void remove_person(struct ui *u, struct people_view *p)
{
	const struct person *who = &p->l.v[p->sel];
	const int64_t id = who->id;
	struct person_removal r;
	struct herr err = { 0 };
	char *name = xstrdup(who->name);
	char *q = xasprintf(_("Remove %s? Their shifts to come go; their points "
			      "history stays, anonymous."), name);

	if (ui_confirm(u, q)) {
		if (store_person_remove(u->app->st, id, ui_now(u), &r, &err))
			ui_show_err(u, &err);
		else
			ui_message(u, _("Removed %s."), name);
		p->loaded = false;
	}
	free(q);
	free(name);
}

/* ---- redeeming ---- */

static void redeem(struct ui *u, int64_t person_id)
{
	struct catalogue c = { 0 };
	struct herr err = { 0 };
	struct person who;
	char **names;
	char *picked;

	if (store_catalogue_list(u->app->st, false, &c, &err) != HE_OK ||
	    store_person_get(u->app->st, person_id, &who, &err) != HE_OK) {
		ui_show_err(u, &err);
		catalogue_free(&c);
		return;
	}
	if (c.n == 0) {
		ui_message(u, _("The catalogue is empty (hearth catalogue add)."));
		person_free(&who);
		catalogue_free(&c);
		return;
	}
	names = xcalloc(c.n, sizeof *names);
	for (size_t i = 0; i < c.n; i++)
		names[i] = c.v[i].stock >= 0
			? xasprintf(_("%s — %lld points, %lld left"), c.v[i].name,
				    (long long)c.v[i].cost,
				    (long long)c.v[i].stock)
			: xasprintf(_("%s — %lld points"), c.v[i].name,
				    (long long)c.v[i].cost);
	char *title = xasprintf(_("Redeem for %s (%lld points)"), who.name,
				(long long)who.balance);
	picked = ui_pick(u, title, names, c.n, NULL, false);
	free(title);
	for (size_t i = 0; picked && i < c.n; i++) {
		if (strcmp(picked, names[i]))
			continue;
		char *q = xasprintf(_("Redeem %s for %s: %lld of %lld points?"),
				    c.v[i].name, who.name, (long long)c.v[i].cost,
				    (long long)who.balance);
		struct ledger_entry e;
		if (!ui_confirm(u, q)) {
			ui_message(u, _("Nothing redeemed."));
		} else if (points_redeem(u->app->st, person_id, c.v[i].id, &e,
					 &err) != HE_OK) {
			ui_show_err(u, &err);
		} else {
			ui_message(u, _("Redeemed %s; %s has %lld points left."),
				   c.v[i].name, who.name, (long long)e.balance);
			free(e.title);
			free(e.role);
			free(e.bonus);
			free(e.reason);
			free(e.by);
			ui_reload(u);
		}
		free(q);
	}
	for (size_t i = 0; i < c.n; i++)
		free(names[i]);
	free(names);
	free(picked);
	person_free(&who);
	catalogue_free(&c);
}

/* ---- a person's pane: details, shifts, statement ---- */

struct pane {
	struct strv left, right;
	const char *title;
	size_t top;
};

static void pane_line(struct pane *p, const char *left, const char *right)
{
	strv_add(&p->left, left ? left : "");
	strv_add(&p->right, right ? right : "");
}

static void pane_free(struct pane *p)
{
	strv_free(&p->left);
	strv_free(&p->right);
}

static void add_shifts(struct ui *u, struct pane *p,
		       const struct signup_list *l)
{
	if (l->n)
		pane_line(p, "", ""), pane_line(p, _("Shifts"), "");
	for (size_t i = 0; i < l->n; i++) {
		const struct signup *g = &l->v[i];
		const struct tz *z = tz_get(g->tzid);
		struct civil s = tz_from_utc(z, g->start, NULL),
			     e = tz_from_utc(z, g->end, NULL), d = s;
		char hs[8], he[8];
		d.hour = d.min = d.sec = 0;
		char *day = label_day(&d);
		label_hhmm(&s, hs);
		label_hhmm(&e, he);
		char *left = xasprintf("%s %s–%s", day, hs, he);
		char *right = xasprintf("%s · %s%s", g->title,
			people_role_label(u->app->cfg.people, g->role),
			g->cancelled || g->gone ? _(" · cancelled")
			: g->checkout ? _(" · checked out")
			: g->checkin ? _(" · checked in") : "");
		pane_line(p, left, right);
		free(day);
		free(left);
		free(right);
	}
}

static void add_statement(struct ui *u, struct pane *p,
			  const struct ledger_list *l)
{
	if (l->n)
		pane_line(p, "", ""), pane_line(p, _("Points statement"), "");
	for (size_t i = 0; i < l->n; i++) {
		const struct ledger_entry *e = &l->v[i];
		struct civil d = tz_from_utc(ui_zone(u), e->at, NULL);
		char date[CIVIL_BUFSZ];
		char *what = ledger_describe(e, u->app->cfg.people, ui_zone(u));
		char *left = xasprintf("%s %+lld", civil_format(&d, true, date),
				       (long long)e->points);
		char *right = xasprintf(_("%s → %lld"), what,
					(long long)e->balance);
		pane_line(p, left, right);
		free(what);
		free(left);
		free(right);
	}
}

static bool build_pane(struct ui *u, int64_t id, struct pane *p,
		       struct person_record *r)
{
	struct herr err = { 0 };
	char pts[48];

	if (people_record(u->app->st, id, r, &err) != HE_OK) {
		ui_show_err(u, &err);
		person_record_free(r);
		return false;
	}
	char *groups = groups_text(u, &r->person.groups);
	snprintf(pts, sizeof pts, "%lld", (long long)r->balance);
	pane_line(p, _("Phone"), r->person.phone);
	pane_line(p, _("Groups"), groups);
	if (r->person.org)
		pane_line(p, _("Organisation"), r->person.org);
	if (r->person.note)
		pane_line(p, _("Note"), r->person.note);
	if (!r->person.active)
		pane_line(p, _("Active"), _("no"));
	pane_line(p, _("Points"), pts);
	free(groups);
	add_shifts(u, p, &r->signups);
	add_statement(u, p, &r->ledger);
	p->title = r->person.name;
	return true;
}

static void draw_pane(struct ui *u, void *ctx)
{
	const struct pane *p = ctx;
	int y0 = ui_body_top(), h = ui_body_rows(u), lw = u->cols / 3;

	ui_frame(y0, 0, h, u->cols, p->title);
	for (int r = 0; r < h - 2 && p->top + (size_t)r < p->left.n; r++) {
		size_t i = p->top + (size_t)r;
		bool heading = !p->right.v[i][0] && p->left.v[i][0];
		ui_put(y0 + 1 + r, 2, lw - 1, p->left.v[i],
		       heading ? A_BOLD | A_UNDERLINE : A_BOLD);
		ui_put(y0 + 1 + r, 2 + lw, u->cols - lw - 4, p->right.v[i],
		       A_NORMAL);
	}
	if (!u->status[0] && u->layers[u->n_layers - 1].ctx == ctx)
		ui_put_status(u,
		       _("Esc close  r redeem  e edit  ↑↓ scroll"), A_DIM);
}

/* What the person pane keeps between keys: built afresh each round. */
struct person_run {
	struct pane p;           /* first: draw_pane knows it is on top when
				    the top layer's context is the pane */
	struct people_view *pv;
	int64_t id;
	struct person_record r;
	bool built, done;
};

static void person_clear(struct person_run *run)
{
	if (run->built) {
		pane_free(&run->p);
		person_record_free(&run->r);
	}
	run->built = false;
}

static bool person_prepare(struct ui *u, void *ctx)
{
	struct person_run *run = ctx;
	size_t top = run->p.top;

	person_clear(run);
	if (run->done)
		return false;
	run->p = (struct pane){ .top = top };
	if (!build_pane(u, run->id, &run->p, &run->r))
		return false;
	run->built = true;
	return true;
}

static void person_draw(struct ui *u, void *ctx)
{
	struct person_run *run = ctx;
	draw_pane(u, &run->p);
}

static int person_key(struct ui *u, const struct key *k, void *ctx)
{
	struct person_run *run = ctx;
	enum action a;

	if (!k->is_key && (k->ch == 27 || k->ch == 'q'))
		return UI_MODAL_DONE;
	a = ui_action(u, V_PEOPLE, k);
	if (a == ACT_DOWN) {
		run->p.top++;
	} else if (a == ACT_UP) {
		if (run->p.top > 0)
			run->p.top--;
	} else if (a == ACT_REDEEM || a == ACT_EDIT) {
		/* What they open is shown over the view, not the pane. */
		ui_pop_layer(u);
		if (a == ACT_REDEEM)
			redeem(u, run->id);
		else
			edit_person(u, run->pv, false), run->done = true;
		ui_push_layer(u, person_draw, run);
	}
	return run->done ? UI_MODAL_DONE : UI_MODAL_GO;
}

static void person_pane(struct ui *u, struct people_view *pv)
{
	struct person_run run = { .pv = pv, .id = pv->l.v[pv->sel].id };

	ui_modal(u, &(const struct ui_modal){ person_draw, person_prepare,
					      person_key, &run });
	person_clear(&run);
}

/* ---- keys ---- */

static void pick_group(struct ui *u, struct people_view *p)
{
	const struct people_config *pc = u->app->cfg.people;
	char **names = xcalloc(pc->n_groups + 1, sizeof *names);
	char *picked;

	names[0] = xstrdup(_("(everyone)"));
	for (size_t i = 0; i < pc->n_groups; i++)
		names[i + 1] = xstrdup(people_label(&pc->groups[i]));
	picked = ui_pick(u, _("Group"), names, pc->n_groups + 1, NULL, false);
	if (picked) {
		p->group = NULL;
		for (size_t i = 0; i < pc->n_groups; i++)
			if (!strcmp(picked, names[i + 1]))
				p->group = pc->groups[i].key;
		p->loaded = false;
		p->sel = 0;
	}
	for (size_t i = 0; i <= pc->n_groups; i++)
		free(names[i]);
	free(names);
	free(picked);
}

static int key(struct ui *u, enum action a)
{
	struct people_view *p = state(u);
	char *text;

	if (ui_list_move(&p->sel, p->l.n, 10, a))
		return UI_HANDLED;
	switch (a) {
	case ACT_ADD: edit_person(u, p, true); return UI_HANDLED;
	case ACT_FILTER: pick_group(u, p); return UI_HANDLED;
	case ACT_SEARCH:
		text = ui_ask(u, _("Find (name, phone, organisation):"), p->search,
			      NULL, NULL);
		if (text) {
			str_replace(&p->search, *text ? text : NULL);
			p->loaded = false;
			p->sel = 0;
			free(text);
		}
		return UI_HANDLED;
	case ACT_OPEN:
	case ACT_EDIT:
	case ACT_DELETE:
	case ACT_REDEEM:
		if (!p->l.n) {
			ui_message(u, _("Nothing is selected."));
			return UI_HANDLED;
		}
		if (a == ACT_OPEN)
			person_pane(u, p);
		else if (a == ACT_EDIT)
			edit_person(u, p, false);
		else if (a == ACT_DELETE)
			remove_person(u, p);
		else
			redeem(u, p->l.v[p->sel].id);
		p->loaded = false;
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
	struct people_view *p = state(u);

	person_list_free(&p->l);
	free(p->search);
	free(p);
	u->state[V_PEOPLE] = NULL;
}

const struct view_ops people_view = {
	N_("People"), draw, key, reload, free_view,
};

void ui_shift_notice(struct ui *u, int64_t series_id, const struct civil *rid,
		     const char *what)
{
	char *notice = shift_change_notice(u->app->st, series_id, rid);

	if (notice) {
		ui_message(u, "%s. %s", what, notice);
		free(notice);
	}
}
