/*
 * ui_sync.c - the sync view (Y): each CalDAV calendar of the config with
 * its last sync, and the conflicts waiting for someone to choose, each
 * with how the two versions differ; m keeps mine, t keeps the server's;
 * s syncs in the background. The header says when conflicts are open or
 * a sync failed, whatever the view.
 *
 * A sync from here runs as a separate hearth process, so that the
 * interface never waits on a server; what it changes reaches the screen
 * as any other organiser's change does.
 */
#include "ui_int.h"
#include "ui_merge.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../core/changes.h"
#include "../core/i18n.h"
#include "../core/sync/sync.h"
#include "../core/text.h"

struct sync_ui {
	struct sync_status *cal;
	size_t n_cal;
	struct sync_conflicts conflicts;
	size_t sel, top;
	bool loaded;
};

/* The header's summary, worked out once per change of the database; and
 * the background sync, which outlives the view's state. */
static struct {
	int64_t version;
	bool known;
	char text[128];
	bool error;
	pid_t child;
} badge;

static struct sync_ui *state(struct ui *u)
{
	if (!u->state[V_SYNC])
		u->state[V_SYNC] = xcalloc(1, sizeof(struct sync_ui));
	return u->state[V_SYNC];
}

static void sync_ui_clear(struct sync_ui *s)
{
	sync_status_free(s->cal, s->n_cal);
	s->cal = NULL;
	s->n_cal = 0;
	sync_conflicts_free(&s->conflicts);
}

static void load(struct ui *u, struct sync_ui *s)
{
	struct herr err = { 0 };

	sync_ui_clear(s);
	if (sync_status_list(u->app->st, &s->cal, &s->n_cal, &err) != HE_OK ||
	    sync_conflict_list(u->app->st, NULL, &s->conflicts, &err) != HE_OK)
		ui_show_err(u, &err);
	if (s->sel >= s->conflicts.n)
		s->sel = s->conflicts.n ? s->conflicts.n - 1 : 0;
	s->loaded = true;
}

/* A background sync that ended: says how. */
static void reap(struct ui *u)
{
	int status;

	if (badge.child <= 0 || waitpid(badge.child, &status, WNOHANG) <= 0)
		return;
	badge.child = 0;
	badge.known = false;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		ui_message(u, "%s", _("Sync finished."));
	else
		ui_error(u, "%s", _("Sync failed: the sync view says why."));
}

const char *ui_sync_badge(struct ui *u, bool *error)
{
	int64_t v = store_data_version(u->app->st);
	struct sync_status *cal;
	size_t n, failed = 0;
	long conflicts = 0;

	reap(u);
	*error = false;
	if (badge.child > 0)
		return _("syncing…");
	if (!badge.known || v != badge.version) {
		badge.known = true;
		badge.version = v;
		badge.text[0] = '\0';
		if (sync_status_list(u->app->st, &cal, &n, NULL) != HE_OK)
			return NULL;
		for (size_t i = 0; i < n; i++) {
			conflicts += cal[i].conflicts;
			failed += cal[i].last_error != NULL;
		}
		sync_status_free(cal, n);
		badge.error = conflicts > 0 || failed > 0;
		if (conflicts)
			snprintf(badge.text, sizeof badge.text,
				 ngettext("⇅ %ld conflict", "⇅ %ld conflicts",
					  (unsigned long)conflicts), conflicts);
		else if (failed)
			snprintf(badge.text, sizeof badge.text, "%s",
				 _("⇅ sync failed"));
	}
	*error = badge.error;
	return badge.text[0] ? badge.text : NULL;
}

/* "12-03 14:02" in the display zone. */
static void when(struct ui *u, int64_t at, char buf[24])
{
	struct civil t = tz_from_utc(ui_zone(u), at, NULL);

	snprintf(buf, 24, "%02d-%02d %02d:%02d", t.month % 100, t.day % 100,
		 t.hour % 100, t.min % 100);
}

static const struct sync_status *status_of(const struct sync_ui *s,
					   const char *name)
{
	for (size_t i = 0; i < s->n_cal; i++)
		if (!strcmp(s->cal[i].account, name))
			return &s->cal[i];
	return NULL;
}

/* One calendar of the config: name, last sync, what it found. */
static void draw_calendar(struct ui *u, const struct sync_ui *s,
			  const struct sync_account *a, int y)
{
	const struct sync_status *st = status_of(s, a->name);
	char at[24], *line;
	int w = u->cols, name_w = w / 5;
	attr_t attr = A_NORMAL;

	ui_put(y, 1, name_w, a->name, A_BOLD);
	if (!st || !st->last_try) {
		line = xstrdup(_("never synced"));
	} else if (st->last_error) {
		when(u, st->last_try, at);
		line = xasprintf(_("%s failed: %s"), at, st->last_error);
		attr = ui_attr_error(u);
	} else {
		when(u, st->last_ok, at);
		/* TRANSLATORS: "12-03 14:02: in step 40 · verbatim 1 ·
		   conflicts 2". */
		line = xasprintf(_("%s: in step %ld · verbatim %ld · conflicts "
				   "%ld"), at, st->objects - st->verbatim,
				 st->verbatim, st->conflicts);
	}
	ui_put(y, 2 + name_w, w - name_w - 3, line, attr);
	free(line);
}

static void draw_conflict(struct ui *u, const struct sync_conflict *c, int y,
			  attr_t at)
{
	int w = u->cols, title_w = w * 7 / 20, kind_w = w * 3 / 10;
	char found[24], *who;

	when(u, c->at, found);
	who = xasprintf("%s  %s %s", c->account, found, c->user);
	ui_fill(y, 0, w, at);
	ui_put(y, 1, title_w, c->title ? c->title : c->uid, at | A_BOLD);
	ui_put(y, 2 + title_w, kind_w, sync_conflict_kind_text(c->kind), at);
	ui_put(y, 3 + title_w + kind_w, w - title_w - kind_w - 4, who, at);
	free(who);
}

static int draw_calendars(struct ui *u, struct sync_ui *s, int y)
{
	const struct sync_config *sc = u->app->cfg.sync;

	ui_put(y++, 0, u->cols, _("Calendars"), A_BOLD);
	if (!sc || !sc->n) {
		ui_put(y++, 2, u->cols - 4, _("No [sync NAME] section in the "
		       "config: hearth sync --setup finds a server's calendars "
		       "(hearth(1), SHARING WITH A CALDAV SERVER)."), A_DIM);
		return y;
	}
	for (size_t i = 0; i < sc->n && y < u->rows - 4; i++)
		draw_calendar(u, s, &sc->v[i], y++);
	return y;
}

static void draw(struct ui *u)
{
	struct sync_ui *s = state(u);
	int y = ui_body_top(), rows;
	char *head;

	if (!s->loaded)
		load(u, s);
	y = draw_calendars(u, s, y) + 1;
	head = xasprintf(ngettext("%zu conflict waiting for someone to choose",
				  "%zu conflicts waiting for someone to choose",
				  s->conflicts.n), s->conflicts.n);
	ui_put(y++, 0, u->cols, head, A_BOLD);
	free(head);
	rows = u->rows - 2 - y;
	if (!s->conflicts.n) {
		ui_put(y, 2, u->cols - 4, _("None: both sides agree."), A_DIM);
		return;
	}
	s->top = ui_scroll(s->top, s->sel, rows);
	for (int r = 0; r < rows && s->top + (size_t)r < s->conflicts.n; r++) {
		size_t i = s->top + (size_t)r;
		draw_conflict(u, &s->conflicts.v[i], y + r,
			      i == s->sel ? ui_attr_selected() : A_NORMAL);
	}
}

/* ---- The differences of one conflict ---- */

struct diff_pane {
	struct ui_changes_table table;
	enum action chosen;
};

static void pane_draw(struct ui *u, void *ctx)
{
	struct diff_pane *p = ctx;

	ui_changes_table(u, &p->table);
}

static int pane_key(struct ui *u, const struct key *k, void *ctx)
{
	struct diff_pane *p = ctx;
	enum action a = ui_action(u, V_SYNC, k);

	if (a == ACT_KEEP_MINE || a == ACT_KEEP_THEIRS)
		p->chosen = a;
	return UI_MODAL_DONE;
}

static void resolve(struct ui *u, int64_t id, const char *title,
		    enum action a);

/*
 * The pane of the selected conflict. What it shows and settles is copied
 * first: a change seen while it is up reloads the list (freeing its rows,
 * perhaps selecting another).
 */
static void open_conflict(struct ui *u, struct sync_ui *s)
{
	const struct sync_conflict *c = &s->conflicts.v[s->sel];
	const int64_t id = c->id;
	struct changes ch = { 0 };
	struct diff_pane p = { .chosen = ACT_NONE };
	const struct ui_modal m = { pane_draw, NULL, pane_key, &p };
	struct herr err;
	char *hint, *title;

	if (sync_conflict_diff(u->app->st, &u->app->cfg, u->app->home, c, &ch,
			       &err) != HE_OK) {
		ui_show_err(u, &err);
		return;
	}
	title = xstrdup(c->title ? c->title : c->uid);
	hint = xasprintf(_("%s keep yours  %s keep the server's  any other key "
			   "closes"), ui_key_for(V_SYNC, ACT_KEEP_MINE),
			 ui_key_for(V_SYNC, ACT_KEEP_THEIRS));
	p.table = (struct ui_changes_table){
		.title = title,
		.intro = sync_conflict_kind_text(c->kind), .heads_row = 2,
		.mine = _("yours"), .theirs = _("the server's (now)"),
		.rows = &ch, .label = sync_field_label,
		.empty = _("The two versions read the same."), .hint = hint,
	};
	ui_modal(u, &m);
	free(hint);
	changes_free(&ch);
	if (p.chosen != ACT_NONE)
		resolve(u, id, title, p.chosen);
	free(title);
}

/* Settles conflict id (named title) after asking. */
static void resolve(struct ui *u, int64_t id, const char *title,
		    enum action a)
{
	bool mine = a == ACT_KEEP_MINE;
	char *q;
	struct herr err;

	q = xasprintf(mine ? _("Keep your version of “%s” (sent at the next "
			       "sync)?")
			   : _("Keep the server's version of “%s”?"), title);
	if (ui_confirm(u, q)) {
		if (sync_resolve(u->app->st, &u->app->cfg, u->app->home, id,
				 mine ? SYNC_KEEP_MINE : SYNC_KEEP_THEIRS,
				 &err) != HE_OK)
			ui_show_err(u, &err);
		else
			ui_message(u, mine ? _("Kept your version of “%s”; the "
					       "next sync sends it.")
					   : _("Kept the server's version of "
					       "“%s”."), title);
		ui_reload(u);
	}
	free(q);
}

/* ---- A sync in the background ---- */

static void sync_now(struct ui *u)
{
	char exe[4096];
	ssize_t n;
	pid_t pid;

	if (badge.child > 0) {
		ui_message(u, "%s", _("A sync is already running."));
		return;
	}
	if (!u->app->cfg.sync || !u->app->cfg.sync->n) {
		ui_error(u, "%s", _("No [sync NAME] section in the config."));
		return;
	}
	if ((n = readlink("/proc/self/exe", exe, sizeof exe - 1)) <= 0) {
		ui_error(u, "%s", _("Cannot find the hearth program to sync with."));
		return;
	}
	exe[n] = '\0';
	if ((pid = fork()) < 0) {
		ui_error(u, "%s", _("Cannot start a sync."));
		return;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		const char *cfg = u->app->cfg.path;
		if (null >= 0) {
			dup2(null, 0);
			dup2(null, 1);
			dup2(null, 2);
		}
		if (cfg)
			execl(exe, "hearth", "--db", u->app->db_path, "--config",
			      cfg, "sync", (char *)NULL);
		else
			execl(exe, "hearth", "--db", u->app->db_path, "sync",
			      (char *)NULL);
		_exit(127);
	}
	badge.child = pid;
	ui_message(u, "%s", _("Syncing in the background; changes show as they "
			      "arrive."));
}

static int key(struct ui *u, enum action a)
{
	struct sync_ui *s = state(u);

	if (ui_list_move(&s->sel, s->conflicts.n, 10, a))
		return UI_HANDLED;
	switch (a) {
	case ACT_SYNC_NOW: sync_now(u); return UI_HANDLED;
	case ACT_OPEN:
	case ACT_KEEP_MINE:
	case ACT_KEEP_THEIRS:
		if (!s->conflicts.n) {
			ui_message(u, "%s", _("No conflict is waiting."));
		} else if (a == ACT_OPEN) {
			open_conflict(u, s);
		} else {
			const struct sync_conflict *c = &s->conflicts.v[s->sel];
			char *title = xstrdup(c->title ? c->title : c->uid);
			resolve(u, c->id, title, a);
			free(title);
		}
		return UI_HANDLED;
	default:
		return UI_IGNORED;
	}
}

static void reload(struct ui *u)
{
	state(u)->loaded = false;
}

static void free_sync(struct ui *u)
{
	struct sync_ui *s = u->state[V_SYNC];

	if (!s)
		return;
	sync_ui_clear(s);
	free(s);
	u->state[V_SYNC] = NULL;
}

const struct view_ops sync_view = {
	N_("Sync"), draw, key, reload, free_sync,
};
