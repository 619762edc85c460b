/*
 * ui.c - the full-screen interface: start, main loop, header and status
 * line, and the one place that reads keys.
 */
#include "ui_int.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../core/i18n.h"
#include "../core/label.h"
#include "../core/text.h"
#include "locale_setup.h"
#include "ui.h"
#include "ui_form.h"

static const struct view_ops *const views[V_COUNT] = {
	&agenda_view, &month_view, &week_view, &events_view, &venues_view,
	&orgs_view, &people_view, &report_view, &suggestions_view, &sync_view,
	&stations_view, &map_view,
};

/* The action that shows each view: its key labels the view's tab. */
static const enum action view_actions[V_COUNT] = {
	ACT_VIEW_AGENDA, ACT_VIEW_MONTH, ACT_VIEW_WEEK, ACT_VIEW_EVENTS,
	ACT_VIEW_VENUES, ACT_VIEW_ORGS, ACT_VIEW_PEOPLE, ACT_VIEW_REPORT,
	ACT_VIEW_SUGGESTIONS, ACT_VIEW_SYNC, ACT_VIEW_STATIONS, ACT_VIEW_MAP,
};

/* How often the loop wakes to notice changes made by other processes. */
#define TICK_MS 1000

static void __attribute__((format(printf, 3, 0)))
vstatus(struct ui *u, bool error, const char *fmt, va_list ap)
{
	vsnprintf(u->status, sizeof u->status, fmt, ap);
	u->status_error = error;
}

void ui_message(struct ui *u, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vstatus(u, false, fmt, ap);
	va_end(ap);
}

void ui_error(struct ui *u, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vstatus(u, true, fmt, ap);
	va_end(ap);
	beep();
}

void ui_show_err(struct ui *u, const struct herr *err)
{
	ui_error(u, "%s", err->msg[0] ? err->msg : _("something went wrong"));
}

int64_t ui_now(const struct ui *u)
{
	return u->app->now;
}

const struct tz *ui_zone(const struct ui *u)
{
	return u->app->zone;
}

struct civil ui_today(const struct ui *u)
{
	return app_today(u->app, u->app->zone);
}

int ui_body_top(void)
{
	return 1;
}

int ui_body_rows(const struct ui *u)
{
	return u->rows - 2;
}

/* The columns of view v's tab, with its name or its key alone. */
static int tab_width(const struct ui *u, int v, bool named)
{
	(void)u;
	return 2 + text_width(ui_key_for((enum view_id)v, view_actions[v])) +
	       (named ? text_width(_(views[v]->name)) + 1 : 0);
}

/*
 * Which tabs show their view's name in room columns: the current one
 * always, then the others from the left while the rest still fit as keys.
 */
static void tabs_named(const struct ui *u, int room, bool named[V_COUNT])
{
	int used = 0;

	for (int v = 0; v < V_COUNT; v++) {
		named[v] = v == (int)u->view;
		used += tab_width(u, v, named[v]);
	}
	for (int v = 0; v < V_COUNT; v++) {
		int more = tab_width(u, v, true) - tab_width(u, v, named[v]);
		if (!named[v] && used + more <= room) {
			named[v] = true;
			used += more;
		}
	}
}

static void draw_header(struct ui *u)
{
	struct civil today = ui_today(u);
	char *day = label_day(&today);
	attr_t bar = ui_attr_header(u);
	bool sync_error = false;
	/* A calendar this user may only read says so before any key fails. */
	const char *sync = store_readonly(u->app->st) ? _("read-only")
						       : ui_sync_badge(u, &sync_error);
	int sync_w = sync ? text_width(sync) + 2 : 0;
	int room = u->cols - 8 - text_width(day) - 1 - sync_w, x = 8;
	bool named[V_COUNT];

	tabs_named(u, room, named);
	ui_fill(0, 0, u->cols, bar);
	ui_put(0, 0, 8, " hearth", bar | A_BOLD);
	for (int v = 0; v < V_COUNT; v++) {
		bool cur = v == (int)u->view;
		const char *key = ui_key_for((enum view_id)v, view_actions[v]);
		char *tab = named[v]
			? xasprintf("%s %s", key, _(views[v]->name))
			: xstrdup(key);
		int w = text_width(tab) + 2;
		if (x + w <= 8 + room)
			ui_put(0, x, w, tab, cur ? A_BOLD : bar);
		x += w;
		free(tab);
	}
	if (sync)
		ui_put(0, u->cols - 1 - text_width(day) - sync_w, sync_w - 1, sync,
		       sync_error ? ui_attr_error(u) | A_BOLD : bar);
	ui_put_right(0, 0, u->cols - 1, day, bar);
	free(day);
}

/* The last message, over everything: wrapped, it takes rows above the
 * status line that a form or pane on top would otherwise cover. */
static void draw_message(struct ui *u)
{
	if (u->status[0])
		ui_put_status(u, u->status,
			      u->status_error ? ui_attr_error(u) : A_NORMAL);
}

/* The view's keys, when there is no message and nothing on top of it (a
 * form, picker or pane on top says its own keys). */
static void draw_hint(struct ui *u)
{
	int y = u->rows - 1;

	if (u->status[0] || u->n_layers > 0)
		return;
	char *hint = xasprintf(_("%s help  %s add  Enter open  / search  %s quit"),
			       ui_key_for(u->view, ACT_HELP),
			       ui_key_for(u->view, ACT_ADD),
			       ui_key_for(u->view, ACT_QUIT));
	ui_put(y, 0, u->cols, hint, A_DIM);
	free(hint);
}

void ui_draw_all(struct ui *u)
{
	getmaxyx(stdscr, u->rows, u->cols);
	erase();
	ui_cells_reset(u->rows, u->cols);
	curs_set(0);
	u->too_small = u->cols < UI_MIN_COLS || u->rows < UI_MIN_ROWS;
	if (u->too_small) {
		char *msg = xasprintf(_("The terminal is too small: hearth needs "
					"%d×%d, this one is %d×%d."),
				      UI_MIN_COLS, UI_MIN_ROWS, u->cols, u->rows);
		mvaddnstr(0, 0, msg, u->cols * u->rows > 0 ? -1 : 0);
		free(msg);
		return;
	}
	draw_header(u);
	views[u->view]->draw(u);
	draw_hint(u);
	for (int i = 0; i < u->n_layers; i++)
		u->layers[i].draw(u, u->layers[i].ctx);
	draw_message(u);
}

void ui_push_layer(struct ui *u, void (*draw)(struct ui *, void *), void *ctx)
{
	if (u->n_layers < UI_MAX_LAYERS)
		u->layers[u->n_layers++] = (struct layer){ draw, ctx };
}

void ui_pop_layer(struct ui *u)
{
	if (u->n_layers > 0)
		u->n_layers--;
}

void ui_reload(struct ui *u)
{
	for (int v = 0; v < V_COUNT; v++)
		if (u->state[v])
			views[v]->reload(u);
}

void ui_switch(struct ui *u, enum view_id v)
{
	u->view = v;
	u->open_today = false;
	if (u->state[v])
		views[v]->reload(u);
}

/* Another organiser committed: reload what is on screen. */
static void notice_changes(struct ui *u)
{
	int64_t v = store_data_version(u->app->st);

	if (v != u->data_version) {
		u->data_version = v;
		ui_reload(u);
		ui_announce_changes(u);
	}
}

/* Reads one key, redrawing on resize and on a change by another process. */
/* Rows of the index's patterns read ahead at a time while no key waits:
 * a few milliseconds' worth (make bench-tui). */
#define IDLE_ROWS 4096

/* One step of the work done while no key waits; whether more remains. */
static bool idle_step(struct ui *u)
{
	struct herr err = { 0 };
	bool done = true;

	/* A failure shows when a view reads the same rows. */
	if (store_preload_patterns(u->app->st, IDLE_ROWS, &done, &err) != HE_OK)
		return false;
	return !done;
}

static int ui_read_key(struct ui *u, struct key *k)
{
	wint_t ch;
	int rc;

	if (ui_signalled)
		return UI_KEY_QUIT;
	/* The clock follows real time: a screen left open overnight turns
	   "today" over at midnight (header, headings, go-to-today, new
	   events' start). */
	app_tick(u->app);
	refresh();
	/* Idle work a step at a time, each after a look for a key. */
	timeout(0);
	while ((rc = get_wch(&ch)) == ERR && !ui_signalled && idle_step(u))
		;
	timeout(TICK_MS);
	if (rc == ERR && !ui_signalled)
		rc = get_wch(&ch);
	if (ui_signalled)
		return UI_KEY_QUIT;
	if (rc == ERR) {
		/* Without a terminal there is no one to wait for. */
		if (ui_terminal_gone())
			return UI_KEY_QUIT;
		notice_changes(u);
		return UI_KEY_NONE;
	}
	k->ch = ch;
	k->is_key = rc == KEY_CODE_YES;
	if (k->is_key && ch == KEY_RESIZE) {
		ui_draw_all(u);
		return UI_KEY_NONE;
	}
	return 0;
}

/* The actions that change the calendar, refused at once on a file the
 * user may only read. */
static bool changes_calendar(enum action a)
{
	switch (a) {
	case ACT_ADD: case ACT_EDIT: case ACT_DELETE: case ACT_DUPLICATE:
	case ACT_UNDO: case ACT_CANCEL_OCC: case ACT_MOVE_OCC:
	case ACT_VENUE_OCC: case ACT_NOTE_OCC: case ACT_SPLIT: case ACT_SEGMENTS:
	case ACT_DEMO: case ACT_REDEEM: case ACT_TALLY: case ACT_SUGG_STATUS:
	case ACT_SYNC_NOW: case ACT_KEEP_MINE: case ACT_KEEP_THEIRS:
		return true;
	default:
		return false;
	}
}

static void handle(struct ui *u, enum action a)
{
	if (changes_calendar(a) && store_readonly(u->app->st)) {
		struct herr err = { 0 };
		/* store_begin says why, naming the file and whom to ask. */
		if (store_begin(u->app->st, &err) == HE_OK)
			store_rollback(u->app->st);
		ui_show_err(u, &err);
		return;
	}
	switch (a) {
	case ACT_QUIT: u->quit = true; return;
	case ACT_HELP: ui_help(u); return;
	case ACT_NEXT_VIEW: ui_switch(u, (u->view + 1) % V_COUNT); return;
	case ACT_PREV_VIEW: ui_switch(u, (u->view + V_COUNT - 1) % V_COUNT); return;
	case ACT_VIEW_AGENDA: ui_switch(u, V_AGENDA); return;
	case ACT_VIEW_MONTH: ui_switch(u, V_MONTH); return;
	case ACT_VIEW_WEEK: ui_switch(u, V_WEEK); return;
	case ACT_VIEW_EVENTS: ui_switch(u, V_EVENTS); return;
	case ACT_VIEW_VENUES: ui_switch(u, V_VENUES); return;
	case ACT_VIEW_ORGS: ui_switch(u, V_ORGS); return;
	case ACT_VIEW_PEOPLE: ui_switch(u, V_PEOPLE); return;
	case ACT_VIEW_REPORT: ui_switch(u, V_REPORT); return;
	case ACT_VIEW_SUGGESTIONS: ui_switch(u, V_SUGGESTIONS); return;
	case ACT_VIEW_SYNC: ui_switch(u, V_SYNC); return;
	case ACT_VIEW_STATIONS: ui_switch(u, V_STATIONS); return;
	case ACT_VIEW_MAP: ui_switch(u, V_MAP); return;
	case ACT_UNDO: ui_undo(u); return;
	case ACT_NOTICE:
		if ((1u << u->view) & KV_CALENDAR) {
			ui_notice(u);
			return;
		}
		break;
	case ACT_REFRESH: ui_reload(u); clearok(curscr, TRUE); return;
	default: break;
	}
	if (views[u->view]->key(u, a) == UI_IGNORED && a != ACT_NONE)
		ui_message(u, _("That key does nothing here (%s shows the keys)."),
			   ui_key_for(u->view, ACT_HELP));
}

int ui_modal(struct ui *u, const struct ui_modal *m)
{
	int rc = 0;

	if (m->draw)
		ui_push_layer(u, m->draw, m->ctx);
	for (;;) {
		struct key k;
		if (m->prepare && !m->prepare(u, m->ctx))
			break;
		ui_draw_all(u);
		rc = ui_read_key(u, &k);
		if (rc == UI_KEY_QUIT)
			break;
		if (rc == UI_KEY_NONE || u->too_small)
			continue;
		if (m->key(u, &k, m->ctx) == UI_MODAL_DONE)
			break;
	}
	if (m->draw)
		ui_pop_layer(u);
	curs_set(0);
	return rc == UI_KEY_QUIT ? UI_KEY_QUIT : 0;
}

int ui_key_closes(struct ui *u, const struct key *k, void *ctx)
{
	(void)u, (void)k, (void)ctx;
	return UI_MODAL_DONE;
}

/* The views' keys: each clears the last message and does its action. */
static int main_key(struct ui *u, const struct key *k, void *ctx)
{
	(void)ctx;
	u->status[0] = '\0';
	handle(u, ui_action(u, u->view, k));
	return u->quit ? UI_MODAL_DONE : UI_MODAL_GO;
}

static bool main_prepare(struct ui *u, void *ctx)
{
	(void)ctx;
	return !u->quit;
}

static void loop(struct ui *u)
{
	const struct ui_modal m = { .prepare = main_prepare, .key = main_key };

	ui_modal(u, &m);
}

static void start_curses(struct ui *u)
{
	/* libical and others may print to stderr: keep it off the screen. */
	if (isatty(STDERR_FILENO) && !freopen("/dev/null", "w", stderr))
		u->status[0] = '\0';
	initscr();
	raw();
	noecho();
	keypad(stdscr, TRUE);
	set_escdelay(50);
	timeout(TICK_MS);
	curs_set(0);
	ui_colours_init(u);
}

/* The first screen of an empty database says what to do. */
static void greet(struct ui *u)
{
	const char *problem = locale_problem();

	if (problem)
		ui_error(u, "%s", problem);
	else if (store_is_empty(u->app->st))
		ui_message(u, _("No events yet: press %s to add one, or %s to load "
				"the demo calendar."), ui_key_for(V_AGENDA, ACT_ADD),
			   ui_key_for(V_AGENDA, ACT_DEMO));
}

static double ms_since(const struct timespec *a)
{
	struct timespec b;

	clock_gettime(CLOCK_MONOTONIC, &b);
	return (double)(b.tv_sec - a->tv_sec) * 1e3 +
	       (double)(b.tv_nsec - a->tv_nsec) / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Idle work for gap_ms, or until there is none. */
static void idle_for(struct ui *u, int gap_ms)
{
	struct timespec a;

	clock_gettime(CLOCK_MONOTONIC, &a);
	while (ms_since(&a) < gap_ms && idle_step(u))
		;
}

/* Times each key of keys: handling it, then drawing and refreshing; the
 * idle work runs for gap_ms before each. */
static void time_keys(struct ui *u, const char *keys, int gap_ms,
		      struct ui_timing *t)
{
	size_t n = strlen(keys);
	double *each = xcalloc(n + 1, sizeof *each);

	for (size_t i = 0; i < n; i++) {
		struct key k = { (wint_t)(unsigned char)keys[i], false };
		struct timespec a;
		idle_for(u, gap_ms);
		clock_gettime(CLOCK_MONOTONIC, &a);
		handle(u, ui_action(u, u->view, &k));
		ui_draw_all(u);
		refresh();
		each[i] = ms_since(&a);
		if (each[i] > each[t->key_worst])
			t->key_worst = (int)i;
	}
	qsort(each, n, sizeof *each, cmp_double);
	t->keys = (int)n;
	t->key_median = n ? each[n / 2] : 0;
	t->key_max = n ? each[n - 1] : 0;
	free(each);
}

int ui_bench(struct app *c, FILE *out, int rows, int cols, const char *keys,
	     int gap_ms, struct ui_timing *t)
{
	struct ui u;
	struct timespec a;
	FILE *in = fopen("/dev/null", "r");
	SCREEN *scr;
	int rc;

	memset(&u, 0, sizeof u);
	memset(t, 0, sizeof *t);
	u.app = c;
	clock_gettime(CLOCK_MONOTONIC, &a);
	if (!in || (rc = app_open(c, false)) != HE_OK ||
	    (rc = ui_keys_configure(&u, &c->err)) != HE_OK) {
		if (in)
			fclose(in);
		return in ? rc : HE_INTERNAL;
	}
	store_keep_patterns(c->st, true);
	store_preload_start(c->st);
	u.cursor = c->now;
	u.data_version = store_data_version(u.app->st);
	scr = newterm("xterm-256color", out, in);
	resizeterm(rows, cols);
	noecho();
	curs_set(0);
	ui_colours_init(&u);
	ui_draw_all(&u);
	refresh();
	t->first_screen = ms_since(&a);
	time_keys(&u, keys, gap_ms, t);
	for (int v = 0; v < V_COUNT; v++)
		if (u.state[v])
			views[v]->free(&u);
	endwin();
	delscreen(scr);
	fclose(in);
	return HE_OK;
}

int ui_main(struct app *c)
{
	struct ui u;
	int rc;

	memset(&u, 0, sizeof u);
	u.app = c;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return herr_set(&c->err, HE_USER,
				_("the full-screen interface needs a terminal; "
				  "see 'hearth --help' for the commands"));
	if ((rc = app_open(c, true)) != HE_OK)
		return rc;
	if ((rc = ui_keys_configure(&u, &c->err)) != HE_OK)
		return rc;
	/* Views ask for the same patterns key after key: read them on the
	   other core from the start (keys may come before any idle time). */
	store_keep_patterns(c->st, true);
	store_preload_start(c->st);
	u.cursor = c->now;
	u.open_today = true;
	u.data_version = store_data_version(u.app->st);
	ui_audit_seen(&u);
	ui_signals_install();
	start_curses(&u);
	greet(&u);
	ui_draft_offer(&u);
	loop(&u);
	for (int v = 0; v < V_COUNT; v++)
		if (u.state[v])
			views[v]->free(&u);
	ui_undo_free(&u);
	free(u.search);
	free(u.cal_kind);
	strv_free(&u.searches);
	endwin();
	return HE_OK;
}
