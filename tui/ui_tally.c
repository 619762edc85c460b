/*
 * ui_tally.c - the tally form of an occurrence (T in the agenda, the week
 * and the detail pane): one field per category the event's kind counts,
 * holding what is recorded. Saving checks that nobody changed a count
 * meanwhile; an occurrence that cannot take tallies (cancelled, or not
 * started) is refused before the form opens, with the reason.
 */
#include "ui_form.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/label.h"
#include "../core/tally/tally.h"

enum { TF_SAVE = -1 };

struct tally_edit {
	int64_t series_id;
	struct civil rid;
	const struct config *cfg;
	struct strv keys;        /* the categories, one per field (id = index) */
	int64_t *loaded;         /* what each field showed: -1 nothing */
};

/* A count as typed: digits, at most TALLY_MAX; "" is nothing. */
static bool read_count(const char *text, int64_t *v)
{
	char *end;
	long long n;

	*v = -1;
	text += strspn(text, " ");
	if (!*text)
		return true;
	if (*text < '0' || *text > '9')
		return false;
	errno = 0;
	n = strtoll(text, &end, 10);
	end += strspn(end, " ");
	if (*end || errno == ERANGE || n > TALLY_MAX)
		return false;
	*v = n;
	return true;
}

static bool tally_save(struct ui *u, struct form *f)
{
	struct tally_edit *e = f->ctx;
	struct tally_input *in = xcalloc(e->keys.n + 1, sizeof *in);
	struct herr err = { 0 };
	size_t n = 0;
	bool ok = true;

	form_clear_errors(f);
	for (size_t i = 0; i < e->keys.n; i++) {
		struct form_field *ff = form_get(f, (int)i);
		char *text = field_text(ff);
		const char *problem = NULL;
		int64_t v;
		if (!read_count(text, &v))
			problem = _("a whole number, 0 or more");
		else if (v < 0 && e->loaded[i] >= 0)
			problem = _("a count is corrected, not removed: enter 0");
		else if (v >= 0 && v != e->loaded[i])
			in[n++] = (struct tally_input){ e->keys.v[i], v, true,
							e->loaded[i] };
		if (problem) {
			field_set_error(ff, problem);
			/* The first field to correct gets the cursor. */
			if (ok)
				f->focus = i;
			ok = false;
		}
		free(text);
	}
	if (!ok)
		ui_error(u, "%s", _("Correct the counts marked, or Esc to leave "
				    "them."));
	if (ok && n == 0) {
		ui_message(u, _("Nothing changed."));
		free(in);
		return true;
	}
	if (ok && tally_record(u->app->st, e->cfg, e->series_id, &e->rid, in, n,
			       ui_now(u), &err) != HE_OK) {
		ui_show_err(u, &err);
		ok = false;
	} else if (ok) {
		ui_message(u, ngettext("Recorded %zu count.", "Recorded %zu counts.",
				       n), n);
	}
	free(in);
	return ok;
}

static void tally_activate(struct ui *u, struct form *f, struct form_field *ff)
{
	if (ff->id == TF_SAVE && tally_save(u, f))
		f->done = true;
}

static const struct form_ops tally_ops = {
	.save = tally_save, .activate = tally_activate,
};

/* "Fri 8 Jan 2027 10:00" for when the occurrence started. */
static char *started(const struct ui *u, const struct series *s, int64_t at)
{
	const struct tz *z = s->sched.all_day ? tz_get(s->sched.tzid)
					      : ui_zone(u);
	struct civil c = tz_from_utc(z, at, NULL);
	char *day = label_day(&c), *out;
	char hhmm[8];

	if (s->sched.all_day)
		return day;
	label_hhmm(&c, hhmm);
	out = xasprintf("%s %s", day, hhmm);
	free(day);
	return out;
}

/* One field per category the kind counts, holding what is recorded. */
static void add_fields(struct ui *u, struct form *f, struct tally_edit *e,
		       const struct series *s, const struct tally_list *l)
{
	const struct config *cfg = &u->app->cfg;

	for (size_t i = 0; i < cfg->n_categories; i++) {
		const struct category *k = &cfg->categories[i];
		if (category_applies(k, s->kind) || tally_value(l, k->key) >= 0)
			strv_add(&e->keys, k->key);
	}
	e->loaded = xcalloc(e->keys.n + 1, sizeof *e->loaded);
	for (size_t i = 0; i < e->keys.n; i++) {
		const struct category *k = config_category(cfg, e->keys.v[i]);
		struct form_field *ff = form_add(f, F_TEXT, (int)i,
						 category_label(k));
		char num[24];
		e->loaded[i] = tally_value(l, k->key);
		snprintf(num, sizeof num, "%lld", (long long)e->loaded[i]);
		field_set_text(ff, e->loaded[i] >= 0 ? num : "");
		field_set_note(ff, category_unit(k));
	}
	field_set_value(form_add(f, F_BUTTON, TF_SAVE, ""), _("Save (C-s)"));
}

/* Under the fields: who entered the last count, and when. */
static void add_preview(struct ui *u, struct form *f, const struct tally_list *l)
{
	const struct tally *last = NULL;
	char at[32];

	for (size_t i = 0; i < l->n; i++)
		if (!last || l->v[i].entered > last->entered)
			last = &l->v[i];
	if (!last) {
		strv_add(&f->preview, _("Nothing counted yet. Empty fields stay "
					"empty."));
		return;
	}
	struct civil c = tz_from_utc(ui_zone(u), last->entered, NULL);
	char *day = label_day(&c);
	label_hhmm(&c, at);
	char *line = xasprintf(_("Last entered by %s, %s %s. The last entry "
				 "counts."), last->by, day, at);
	strv_add(&f->preview, line);
	free(line);
	free(day);
}

void ui_tally(struct ui *u, const struct occ *o)
{
	struct tally_edit e = { .series_id = o->series_id, .rid = o->rid,
				.cfg = &u->app->cfg };
	struct tally_list l = { 0 };
	struct herr err = { 0 };
	struct series s;
	struct form f;
	int64_t start;
	char *when, *title;

	if (!ui_load_series(u, o->series_id, &s))
		return;
	if (tally_check_occurrence(&s, &o->rid, ui_now(u), &start, &err) != HE_OK ||
	    tally_get(u->app->st, o->series_id, &o->rid, &l, &err) != HE_OK) {
		ui_show_err(u, &err);
		series_free(&s);
		return;
	}
	when = started(u, &s, start);
	/* TRANSLATORS: the tally form's title: the event, then when. */
	title = xasprintf(_("Counted at %s · %s"), s.title, when);
	form_init(&f, title, &tally_ops, &e);
	add_fields(u, &f, &e, &s, &l);
	add_preview(u, &f, &l);
	form_run(u, &f);
	form_free(&f);
	free(title);
	free(when);
	strv_free(&e.keys);
	free(e.loaded);
	tally_list_free(&l);
	series_free(&s);
}

char *ui_tally_summary(struct ui *u, const struct occ *o)
{
	struct tally_list l = { 0 };
	struct sbuf b = { 0 };
	const struct config *cfg = &u->app->cfg;

	if (tally_get(u->app->st, o->series_id, &o->rid, &l, NULL) != HE_OK ||
	    l.n == 0) {
		tally_list_free(&l);
		return NULL;
	}
	/* In the config's order, then categories it no longer has. */
	for (size_t i = 0; i <= cfg->n_categories; i++)
		for (size_t j = 0; j < l.n; j++) {
			const struct category *k = config_category(cfg,
								   l.v[j].category);
			if (i < cfg->n_categories
			    ? k != &cfg->categories[i] : k != NULL)
				continue;
			sbuf_addf(&b, "%s%s %lld%s%s", b.len ? label_list_sep() : "",
				  k ? category_label(k) : l.v[j].category,
				  (long long)l.v[j].value,
				  k && *category_unit(k) ? " " : "",
				  k ? category_unit(k) : "");
		}
	tally_list_free(&l);
	return sbuf_take(&b);
}
