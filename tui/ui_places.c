/*
 * ui_places.c - the venues and organisations views: lists with add, edit
 * and delete. Delete is refused while events use the place, and the
 * message says which.
 */
#include "ui_edit.h"

#include <stdlib.h>
#include <string.h>

#include "../core/changes.h"
#include "../core/i18n.h"
#include "../core/stations/stations.h"
#include "../core/text.h"

#define SWAP(x, y) do { __typeof__(x) t_ = (x); (x) = (y); (y) = t_; } while (0)

enum { FP_NAME = 1, FP_TYPE, FP_ADDRESS, FP_GEO, FP_SERVICES, FP_NOTES,
       FP_CONTACT, FP_HOURS, FP_SAVE };

struct places {
	bool venues;             /* else organisations */
	struct venue *v;
	struct org *o;
	size_t n, sel, top;
	bool loaded;
	char *filter;
};

static struct places *state(struct ui *u, enum view_id id)
{
	struct places *p = u->state[id];

	if (!p) {
		p = u->state[id] = xcalloc(1, sizeof *p);
		p->venues = id == V_VENUES;
	}
	return p;
}

static void places_clear(struct places *p)
{
	if (p->v)
		venue_list_free(p->v, p->n);
	if (p->o)
		org_list_free(p->o, p->n);
	p->v = NULL;
	p->o = NULL;
	p->n = 0;
}

static const char *name_of(const struct places *p, size_t i)
{
	return p->venues ? p->v[i].name : p->o[i].name;
}

/* Keeps only the places whose text holds the filter. */
static void apply_filter(struct places *p)
{
	size_t kept = 0;

	if (!p->filter)
		return;
	for (size_t i = 0; i < p->n; i++) {
		const char *extra = p->venues ? p->v[i].address : p->o[i].type;
		bool keep = strcasestr(name_of(p, i), p->filter) ||
			    (extra && strcasestr(extra, p->filter));
		if (keep && p->venues)
			p->v[kept++] = p->v[i];
		else if (keep)
			p->o[kept++] = p->o[i];
		else if (p->venues)
			venue_free(&p->v[i]);
		else
			org_free(&p->o[i]);
	}
	p->n = kept;
}

static void load(struct ui *u, struct places *p)
{
	struct herr err = { 0 };
	int rc;

	places_clear(p);
	rc = p->venues ? store_venue_list(u->app->st, &p->v, &p->n, &err)
		       : store_org_list(u->app->st, &p->o, &p->n, &err);
	if (rc != HE_OK)
		ui_show_err(u, &err);
	apply_filter(p);
	if (p->sel >= p->n)
		p->sel = p->n ? p->n - 1 : 0;
	p->loaded = true;
}

static void draw_row(struct ui *u, const struct places *p, size_t i, int y,
		     attr_t at)
{
	int w = u->cols, name_w = w / 3, type_w = w / 5;

	ui_fill(y, 0, w, at);
	ui_put(y, 1, name_w, name_of(p, i), at | A_BOLD);
	if (p->venues) {
		struct sbuf svc = { 0 };
		for (size_t k = 0; k < p->v[i].services.n; k++)
			sbuf_addf(&svc, "%s%s", k ? "、" : "", p->v[i].services.v[k]);
		ui_put(y, 2 + name_w, type_w, p->v[i].type, at);
		ui_put(y, 3 + name_w + type_w, w - name_w - type_w - 4,
		       svc.len ? sbuf_str(&svc) : p->v[i].address, at);
		sbuf_free(&svc);
	} else {
		ui_put(y, 2 + name_w, type_w, p->o[i].type, at);
		ui_put(y, 3 + name_w + type_w, w - name_w - type_w - 4,
		       p->o[i].contact, at);
	}
}

static void draw(struct ui *u, enum view_id id)
{
	struct places *p = state(u, id);
	int y0 = ui_body_top(), rows = ui_body_rows(u) - 1;
	char *head;

	if (!p->loaded)
		load(u, p);
	if (p->filter)
		head = xasprintf(ngettext("%zu found for “%s”",
					  "%zu found for “%s”", p->n),
				 p->n, p->filter);
	else if (p->venues)
		head = xasprintf(ngettext("%zu venue", "%zu venues", p->n), p->n);
	else
		head = xasprintf(ngettext("%zu organisation", "%zu organisations",
					  p->n), p->n);
	ui_put(y0, 0, u->cols, head, A_BOLD);
	free(head);
	p->top = ui_scroll(p->top, p->sel, rows);
	for (int r = 0; r < rows && p->top + (size_t)r < p->n; r++) {
		size_t i = p->top + (size_t)r;
		draw_row(u, p, i, y0 + 1 + r,
			 i == p->sel ? ui_attr_selected() : A_NORMAL);
	}
	if (p->n == 0)
		ui_put(y0 + 2, 2, u->cols - 4, _("None yet: a adds one."), A_DIM);
}

/*
 * The place being edited in a form. base is the place as read when the
 * form opened: the save is made against its revision, and when someone
 * else saved the place meanwhile their changes since base are shown
 * beside mine (ui_merge_choose).
 */
struct place_edit {
	struct places *p;
	struct venue v;          /* mine, as read from the form */
	struct org o;
	char *old_name;          /* NULL: a new place */
	struct station st;       /* a venue's station part (ref, members) */
	struct station base;     /* a venue as read when the form opened */
	struct org base_o;       /* an organisation so */
};

static char *join(const struct strv *sv)
{
	struct sbuf b = { 0 };
	for (size_t i = 0; i < sv->n; i++)
		sbuf_addf(&b, "%s%s", i ? ", " : "", sv->v[i]);
	return sbuf_take(&b);
}

/*
 * Splits services at ",", "，" and "、", each as a whole character: strtok
 * with the bytes of "，、" cut Chinese names apart (休 holds one of them).
 */
static void read_services(const char *text, struct strv *out)
{
	static const char *const seps[] = { ",", "，", "、" };

	strv_free(out);
	strv_split(out, text, seps, sizeof seps / sizeof *seps);
}

static bool read_geo(const char *text, struct venue *v)
{
	double lat, lon;
	char extra;

	v->has_geo = false;
	if (!*text)
		return true;
	if (sscanf(text, "%lf ,%lf %c", &lat, &lon, &extra) != 2)
		return false;
	v->has_geo = true;
	v->lat = lat;
	v->lon = lon;
	return true;
}

static char *text_of(struct form *f, int id)
{
	char *t = field_text(form_get(f, id));
	if (!*t) {
		free(t);
		return NULL;
	}
	return t;
}

/* The form's fields into e->v or e->o (and e->st); false when one is wrong. */
static bool read_place(struct form *f, struct place_edit *e)
{
	char *geo, *services;
	bool ok = true;

	if (!e->p->venues) {
		org_free(&e->o);
		e->o.name = text_of(f, FP_NAME);
		e->o.type = text_of(f, FP_TYPE);
		e->o.contact = text_of(f, FP_CONTACT);
		e->o.id = e->base_o.id;
		e->o.revision = e->base_o.revision;
		return true;
	}
	venue_free(&e->v);
	e->v.name = text_of(f, FP_NAME);
	e->v.type = text_of(f, FP_TYPE);
	e->v.address = text_of(f, FP_ADDRESS);
	e->v.notes = text_of(f, FP_NOTES);
	e->v.id = e->base.v.id;
	e->v.revision = e->base.v.revision;
	services = field_text(form_get(f, FP_SERVICES));
	read_services(services, &e->v.services);
	free(services);
	geo = field_text(form_get(f, FP_GEO));
	if (!read_geo(geo, &e->v)) {
		field_set_error(form_get(f, FP_GEO), _("LAT,LON"));
		ok = false;
	}
	free(geo);
	free(e->st.hours);
	free(e->st.contact);
	e->st.hours = text_of(f, FP_HOURS);
	e->st.contact = text_of(f, FP_CONTACT);
	return ok;
}

/* The form's fields from a venue (s) or an organisation (o). */
static void fill_place(struct form *f, const struct station *s,
		       const struct org *o)
{
	char geo[64] = "", *svc;

	if (o) {
		field_set_text(form_get(f, FP_NAME), o->name);
		field_set_text(form_get(f, FP_TYPE), o->type);
		field_set_text(form_get(f, FP_CONTACT), o->contact);
		return;
	}
	svc = join(&s->v.services);
	if (s->v.has_geo)
		snprintf(geo, sizeof geo, "%.6f,%.6f", s->v.lat, s->v.lon);
	field_set_text(form_get(f, FP_NAME), s->v.name);
	field_set_text(form_get(f, FP_TYPE), s->v.type);
	field_set_text(form_get(f, FP_ADDRESS), s->v.address);
	field_set_text(form_get(f, FP_GEO), geo);
	field_set_text(form_get(f, FP_SERVICES), svc);
	field_set_text(form_get(f, FP_NOTES), s->v.notes);
	field_set_text(form_get(f, FP_HOURS), s->hours);
	field_set_text(form_get(f, FP_CONTACT), s->contact);
	free(svc);
}

/* What changed from a to b in a venue's form: the venue's fields and the
 * station's it shows. */
static void station_diff(const struct station *a, const struct station *b,
			 struct changes *out)
{
	venue_diff(&a->v, &b->v, out);
	changes_add(out, "contact", a->contact, b->contact);
	changes_add(out, "hours", a->hours, b->hours);
}

/*
 * The place as stored now, found by its row id (someone may have renamed
 * it), into ts or to; false when it is gone.
 */
static bool load_theirs(struct ui *u, const struct place_edit *e,
			struct station *ts, struct org *to)
{
	struct venue *v = NULL;
	struct org *o = NULL;
	size_t n = 0;
	char *name = NULL;
	bool found = false;

	if (e->p->venues &&
	    store_venue_list(u->app->st, &v, &n, NULL) == HE_OK) {
		for (size_t i = 0; i < n && !name; i++)
			if (v[i].id == e->base.v.id)
				name = xstrdup(v[i].name);
		venue_list_free(v, n);
	} else if (!e->p->venues &&
		   store_org_list(u->app->st, &o, &n, NULL) == HE_OK) {
		for (size_t i = 0; i < n && !name; i++)
			if (o[i].id == e->base_o.id)
				name = xstrdup(o[i].name);
		org_list_free(o, n);
	}
	if (name)
		found = e->p->venues
			? store_station_get(u->app->st, name, ts, NULL) == HE_OK
			: store_org_get(u->app->st, name, to, NULL) == HE_OK;
	free(name);
	return found;
}

/* Their changes chosen (theirs_too) or not, mine made to save over theirs. */
static void take_venue(struct ui *u, struct form *f, struct place_edit *e,
		       struct station *ts, const struct changes *rows,
		       bool theirs_too)
{
	char *stored = xstrdup(ts->v.name);

	for (size_t i = 0; theirs_too && i < rows->n; i++) {
		const char *field = rows->v[i].field;
		if (!strcmp(field, "contact"))
			SWAP(e->st.contact, ts->contact);
		else if (!strcmp(field, "hours"))
			SWAP(e->st.hours, ts->hours);
		else
			venue_swap_field(&e->v, &ts->v, field);
	}
	/* What the form does not show stays as they left it. */
	SWAP(e->st.ref, ts->ref);
	SWAP(e->st.members, ts->members);
	e->v.revision = ts->v.revision;
	str_replace(&e->old_name, stored);
	station_free(&e->base);
	if (store_station_get(u->app->st, stored, &e->base, NULL) != HE_OK)
		e->base.v.revision = e->v.revision;
	e->base.v.id = e->v.id;
	free(stored);
	e->st.v = e->v;
	fill_place(f, &e->st, NULL);
	memset(&e->st.v, 0, sizeof e->st.v);
}

static void take_org(struct ui *u, struct form *f, struct place_edit *e,
		     struct org *to, const struct changes *rows,
		     bool theirs_too)
{
	char *stored = xstrdup(to->name);

	for (size_t i = 0; theirs_too && i < rows->n; i++)
		org_swap_field(&e->o, to, rows->v[i].field);
	e->o.revision = to->revision;
	str_replace(&e->old_name, stored);
	org_free(&e->base_o);
	if (store_org_get(u->app->st, stored, &e->base_o, NULL) != HE_OK)
		e->base_o.revision = e->o.revision;
	e->base_o.id = e->o.id;
	free(stored);
	fill_place(f, NULL, &e->o);
}

/*
 * Before saving a place the form opened on: when someone else saved it
 * meanwhile, the fields they changed, theirs beside mine, to keep mine or
 * take theirs (then saved against their revision), or back to the form;
 * when they deleted it, says so and keeps the form as typed, to be saved
 * as a new place. True: save now.
 */
static bool place_merge(struct ui *u, struct form *f, struct place_edit *e)
{
	struct station ts = { 0 }, mine;
	struct org to = { 0 };
	struct changes t = { 0 }, m = { 0 }, rows = { 0 };
	enum action chosen;
	bool venues = e->p->venues;

	if (!load_theirs(u, e, &ts, &to)) {
		/* The status line at 80 columns holds it whole. */
		ui_error(u, _("Someone else deleted “%s”; save again to add it "
			      "as typed."), e->old_name);
		str_replace(&e->old_name, NULL);
		station_free(&e->base);
		org_free(&e->base_o);
		return false;
	}
	if (venues ? ts.v.revision == e->base.v.revision
		   : to.revision == e->base_o.revision) {
		station_free(&ts);
		org_free(&to);
		return true;
	}
	if (venues) {
		mine = e->st;
		mine.v = e->v;
		station_diff(&e->base, &ts, &t);
		station_diff(&e->base, &mine, &m);
	} else {
		org_diff(&e->base_o, &to, &t);
		org_diff(&e->base_o, &e->o, &m);
	}
	chosen = ui_merge_choose(u, e->old_name, e->old_name, &t, &m, &rows);
	if (chosen != ACT_NONE && venues)
		take_venue(u, f, e, &ts, &rows, chosen == ACT_KEEP_THEIRS);
	else if (chosen != ACT_NONE)
		take_org(u, f, e, &to, &rows, chosen == ACT_KEEP_THEIRS);
	changes_free(&t);
	changes_free(&m);
	changes_free(&rows);
	station_free(&ts);
	org_free(&to);
	return chosen != ACT_NONE;
}

static bool place_save(struct ui *u, struct form *f)
{
	struct place_edit *e = f->ctx;
	struct herr err = { 0 };
	int rc;

	form_clear_errors(f);
	if (!read_place(f, e))
		return false;
	if (e->old_name && !place_merge(u, f, e))
		return false;
	if (e->p->venues) {
		/* The venue with what stations add (kept: id, members). */
		e->st.v = e->v;
		rc = store_station_put(u->app->st, e->old_name, &e->st, &err);
		memset(&e->st.v, 0, sizeof e->st.v);
	} else {
		rc = store_org_put(u->app->st, e->old_name, &e->o, &err);
	}
	if (rc != HE_OK) {
		struct hours h;
		struct herr herr;
		if (e->p->venues && e->st.hours &&
		    hours_parse(e->st.hours, &h, NULL, &herr) != HE_OK)
			field_set_error(form_get(f, FP_HOURS), herr.msg);
		else
			field_set_error(form_get(f, FP_NAME), err.msg);
		ui_show_err(u, &err);
		return false;
	}
	ui_message(u, _("Saved “%s”."), e->p->venues ? e->v.name : e->o.name);
	e->p->loaded = false;
	ui_reload(u);
	return true;
}

/* Opening hours checked as they are typed: the column of a mistake, or
 * the hours in words. */
static void place_changed(struct ui *u, struct form *f, struct form_field *ff)
{
	struct hours h;
	struct herr err;
	char *text, *words;

	(void)u;
	if (ff->id != FP_HOURS)
		return;
	text = field_text(ff);
	field_set_error(ff, NULL);
	field_set_note(ff, NULL);
	if (*text && hours_parse(text, &h, NULL, &err) != HE_OK) {
		field_set_error(ff, err.msg);
	} else if (*text) {
		words = hours_words(&h);
		field_set_note(ff, words);
		free(words);
		hours_free(&h);
	}
	free(text);
	(void)f;
}

static void place_activate(struct ui *u, struct form *f, struct form_field *ff)
{
	if (ff->id == FP_SAVE)
		f->done = place_save(u, f);
}

static const struct form_ops place_ops = {
	place_changed, place_activate, place_save, NULL,
};

/* The place as stored now (the form opens on that, not on the list's
 * copy, which may be older); false when it is gone. */
static bool read_base(struct ui *u, struct place_edit *e, const char *name)
{
	struct herr err = { 0 };
	int rc = e->p->venues
		? store_station_get(u->app->st, name, &e->base, &err)
		: store_org_get(u->app->st, name, &e->base_o, &err);

	if (rc != HE_OK)
		ui_show_err(u, &err);
	return rc == HE_OK;
}

static void edit_place(struct ui *u, struct places *p, ssize_t i)
{
	struct place_edit e = { .p = p };
	struct form f;

	if (i >= 0 && !read_base(u, &e, name_of(p, (size_t)i))) {
		p->loaded = false;
		return;
	}
	form_init(&f, i < 0 ? (p->venues ? _("New venue") : _("New organisation"))
			    : name_of(p, (size_t)i), &place_ops, &e);
	e.old_name = i < 0 ? NULL : xstrdup(name_of(p, (size_t)i));
	form_add(&f, F_TEXT, FP_NAME, _("Name"));
	if (p->venues) {
		form_add(&f, F_TEXT, FP_TYPE, _("Type"));
		form_add(&f, F_TEXT, FP_ADDRESS, _("Address"));
		form_add(&f, F_TEXT, FP_GEO, _("Coordinates"));
		form_add(&f, F_TEXT, FP_SERVICES, _("Services"));
		form_add(&f, F_TEXT, FP_NOTES, _("Notes"));
		form_add(&f, F_TEXT, FP_HOURS, _("Hours"));
		form_add(&f, F_TEXT, FP_CONTACT, _("Contact"));
		/* What the form does not show is saved as it is stored. */
		e.st.ref = e.base.ref ? xstrdup(e.base.ref) : NULL;
		for (size_t k = 0; k < e.base.members.n; k++)
			strv_add(&e.st.members, e.base.members.v[k]);
		fill_place(&f, &e.base, NULL);
		place_changed(u, &f, form_get(&f, FP_HOURS));
	} else {
		form_add(&f, F_TEXT, FP_TYPE, _("Type"));
		form_add(&f, F_TEXT, FP_CONTACT, _("Contact"));
		fill_place(&f, NULL, &e.base_o);
	}
	field_set_value(form_add(&f, F_BUTTON, FP_SAVE, ""), _("Save (C-s)"));
	if (form_run(u, &f) == FORM_QUIT)
		u->quit = true;
	form_free(&f);
	venue_free(&e.v);
	org_free(&e.o);
	station_free(&e.st);
	station_free(&e.base);
	org_free(&e.base_o);
	free(e.old_name);
}

void ui_edit_venue(struct ui *u, const char *name)
{
	struct places p = { .venues = true };
	struct herr err = { 0 };

	p.v = xcalloc(1, sizeof *p.v);
	if (store_venue_get(u->app->st, name, p.v, &err) != HE_OK) {
		ui_show_err(u, &err);
		free(p.v);
		return;
	}
	p.n = 1;
	edit_place(u, &p, 0);
	places_clear(&p);
}

static void delete_place(struct ui *u, struct places *p)
{
	struct herr err = { 0 };
	char *name = xstrdup(name_of(p, p->sel));
	char *q = xasprintf(_("Delete “%s”?"), name);
	/*
	 * At the revision listed: not one changed since by someone else. Read
	 * before asking: a change seen while the question is up reloads the
	 * list, and the delete would then pass over it unseen.
	 */
	int revision = p->venues ? p->v[p->sel].revision : p->o[p->sel].revision;
	int rc;

	if (ui_confirm(u, q)) {
		rc = p->venues ? store_venue_delete(u->app->st, name, revision,
						    &err)
			       : store_org_delete(u->app->st, name, revision,
						  &err);
		if (rc != HE_OK)
			ui_show_err(u, &err);
		else
			ui_message(u, _("Deleted “%s”."), name);
		p->loaded = false;
	}
	free(q);
	free(name);
}

/* Whether place i holds needle in its name, address or type. */
static bool place_matches(void *ctx, size_t i, const char *needle)
{
	const struct places *p = ctx;

	return ui_search_matches(name_of(p, i), needle) ||
	       ui_search_matches(p->venues ? p->v[i].address : p->o[i].type,
				 needle) ||
	       (p->venues && ui_search_matches(p->v[i].type, needle));
}

static int key(struct ui *u, enum view_id id, enum action a)
{
	struct places *p = state(u, id);
	char *text;

	if (ui_list_move(&p->sel, p->n, 10, a))
		return UI_HANDLED;
	switch (a) {
	case ACT_ADD: edit_place(u, p, -1); return UI_HANDLED;
	case ACT_SEARCH:
	case ACT_SEARCH_BACK:
		if (ui_search_ask(u, a == ACT_SEARCH_BACK))
			ui_search_rows(u, p->n, &p->sel, a == ACT_SEARCH ? 1 : -1,
				       place_matches, p);
		return UI_HANDLED;
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
		if (ui_search_text(u))
			ui_search_rows(u, p->n, &p->sel,
				       a == ACT_SEARCH_NEXT ? 1 : -1,
				       place_matches, p);
		return UI_HANDLED;
	case ACT_FILTER:
		/* TRANSLATORS: narrows the venues or organisations shown. */
		text = ui_ask(u, _("Show only those holding:"), p->filter, NULL,
			      NULL);
		if (text) {
			str_replace(&p->filter, *text ? text : NULL);
			p->loaded = false;
			free(text);
		}
		return UI_HANDLED;
	case ACT_OPEN:
	case ACT_EDIT:
	case ACT_DELETE:
		if (!p->n) {
			ui_message(u, _("Nothing is selected."));
			return UI_HANDLED;
		}
		if (a == ACT_DELETE)
			delete_place(u, p);
		else
			edit_place(u, p, (ssize_t)p->sel);
		return UI_HANDLED;
	default:
		return UI_IGNORED;
	}
}

static void reload(struct ui *u, enum view_id id)
{
	state(u, id)->loaded = false;
}

static void free_places(struct ui *u, enum view_id id)
{
	struct places *p = state(u, id);

	places_clear(p);
	free(p->filter);
	free(p);
	u->state[id] = NULL;
}

static void venues_draw(struct ui *u) { draw(u, V_VENUES); }
static int venues_key(struct ui *u, enum action a) { return key(u, V_VENUES, a); }
static void venues_reload(struct ui *u) { reload(u, V_VENUES); }
static void venues_free(struct ui *u) { free_places(u, V_VENUES); }
static void orgs_draw(struct ui *u) { draw(u, V_ORGS); }
static int orgs_key(struct ui *u, enum action a) { return key(u, V_ORGS, a); }
static void orgs_reload(struct ui *u) { reload(u, V_ORGS); }
static void orgs_free(struct ui *u) { free_places(u, V_ORGS); }

const struct view_ops venues_view = {
	N_("Venues"), venues_draw, venues_key, venues_reload, venues_free,
};
const struct view_ops orgs_view = {
	N_("Organisations"), orgs_draw, orgs_key, orgs_reload, orgs_free,
};
