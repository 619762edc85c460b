/*
 * ui_int.h - what the files of the full-screen interface share.
 *
 * One main loop (ui.c) reads keys, turns them into actions through the key
 * table (ui_keys.c) and hands them to the current view; each view is a small
 * table of functions (draw, key, reload). Modal pieces - the detail pane,
 * forms, prompts, pickers - run on top through the same loop, ui_modal,
 * which deals with resizing, the refresh timer and signals for all of them.
 * Everything drawn from data goes through ui_put (sanitised, cropped and
 * padded by display columns).
 */
#ifndef HEARTH_UI_INT_H
#define HEARTH_UI_INT_H

#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <wchar.h>

#include "../core/store.h"
#include "app.h"
#include "keytab.h"

#define UI_MIN_COLS 60
#define UI_MIN_ROWS 16

/* What a view's key handler tells the loop. */
enum {
	UI_IGNORED = 0,
	UI_HANDLED = 1,
};

/* What the key loop makes up besides real keys (ui_modal returns QUIT). */
enum {
	UI_KEY_NONE = -1,    /* timer tick: nothing typed */
	UI_KEY_QUIT = -2,    /* SIGHUP/SIGTERM: leave now */
};

enum view_id { V_AGENDA, V_MONTH, V_WEEK, V_EVENTS, V_VENUES, V_ORGS,
	       V_PEOPLE, V_REPORT, V_SUGGESTIONS, V_SYNC, V_STATIONS, V_MAP,
	       V_COUNT };

struct ui;

struct view_ops {
	const char *name;                 /* N_() for the header */
	void (*draw)(struct ui *u);
	int (*key)(struct ui *u, enum action a);
	void (*reload)(struct ui *u);     /* the database changed */
	void (*free)(struct ui *u);
};

/* A typed key: ch is a character when !is_key, else a KEY_* code. */
struct key {
	wint_t ch;
	bool is_key;
};

struct undo_entry {
	char *uid;
	struct series *before;  /* NULL: the series did not exist */
	int after;              /* the revision the change left (0: deleted) */
};

/* A modal piece drawn over the view: forms, panes, pickers. */
struct layer {
	void (*draw)(struct ui *u, void *ctx);
	void *ctx;
};
#define UI_MAX_LAYERS 8

struct ui {
	struct app *app;         /* settings, database, zone, clock */
	int rows, cols;
	bool too_small;
	enum view_id view;
	void *state[V_COUNT];
	char status[512];
	bool status_error;
	bool quit;
	bool colour;
	int64_t data_version;
	int64_t audit_seen;      /* the newest audit entry already announced */
	int64_t cursor;          /* the moment views centre on (shared) */
	bool open_today;         /* the agenda's first look opens at today */
	int64_t focus_series;    /* a series just saved: the views select its
				    occurrence at cursor on their next reload */
	char *search;            /* last search text */
	char *cal_kind;          /* the kind month and week show (f), or NULL */
	struct strv searches;    /* earlier searches, newest last (Up) */
	struct undo_entry *undo; /* state before the last change */
	size_t n_undo;
	char *undo_what;
	struct layer layers[UI_MAX_LAYERS];
	int n_layers;
};

extern const struct view_ops agenda_view, month_view, week_view,
	events_view, venues_view, orgs_view, people_view, report_view,
	suggestions_view, sync_view, stations_view, map_view;

/* ui.c */
void ui_message(struct ui *u, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void ui_error(struct ui *u, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Shows err's message as an error (or a generic one). */
void ui_show_err(struct ui *u, const struct herr *err);
/*
 * The key loop every screen runs, the main one and the modal ones (forms,
 * panes, prompts, pickers, help): while it runs, draw (if any) is drawn
 * on top of everything as a layer. Each round calls prepare (if any; false
 * ends the loop), draws the whole screen and reads a key; a timer tick or
 * a resize only redraws, and a terminal too small to show the screen
 * takes no keys. Every other key goes to key, which returns UI_MODAL_DONE
 * to end the loop or UI_MODAL_GO to go on. Returns UI_KEY_QUIT when the
 * interface must end (a signal, the terminal gone), else 0.
 */
enum { UI_MODAL_GO = 0, UI_MODAL_DONE = 1 };
struct ui_modal {
	void (*draw)(struct ui *u, void *ctx);
	bool (*prepare)(struct ui *u, void *ctx);
	int (*key)(struct ui *u, const struct key *k, void *ctx);
	void *ctx;
};
int ui_modal(struct ui *u, const struct ui_modal *m);
/* A key function for screens that any key closes. */
int ui_key_closes(struct ui *u, const struct key *k, void *ctx);
/* Draws the header, the current view, the status line and the layers. */
void ui_draw_all(struct ui *u);
/* Modal pieces register how to draw themselves while they run. */
void ui_push_layer(struct ui *u, void (*draw)(struct ui *, void *), void *ctx);
void ui_pop_layer(struct ui *u);
/* Tells every view that the data changed. */
void ui_reload(struct ui *u);
void ui_switch(struct ui *u, enum view_id v);
int64_t ui_now(const struct ui *u);
/* Today's date in the display zone. */
struct civil ui_today(const struct ui *u);
const struct tz *ui_zone(const struct ui *u);
/* The body area between header and status line. */
int ui_body_top(void);
int ui_body_rows(const struct ui *u);

/* ui_cells.c: nothing is drawn onto half of a wide character. */
/* A new frame of rows x cols blank cells (after erase()). */
void ui_cells_reset(int rows, int cols);
/* Before drawing [x, x + width) of row y: a wide character straddling
 * either edge becomes blanks. */
void ui_cells_claim(int y, int x, int width);
/* After drawing: sanitised s at (y, x), or one character of width w. */
void ui_cells_mark(int y, int x, const char *s);
void ui_cells_mark_char(int y, int x, int width);

/* ui_draw.c */
/* Puts s at (y, x) in exactly width columns (cropped with "…", padded). */
void ui_put(int y, int x, int width, const char *s, attr_t attr);
/* Puts s right-aligned ending at column x + width. */
void ui_put_right(int y, int x, int width, const char *s, attr_t attr);
/* Puts text then marker (e.g. "(cancelled)") in width columns: the text is
 * cropped first, the marker never. */
void ui_put_marked(int y, int x, int width, const char *text,
		   const char *marker, attr_t attr);
#define UI_STATUS_ROWS 3
/* A message, question or key bar on the status line; wider than the
 * screen, it wraps upwards over the rows above (at most UI_STATUS_ROWS)
 * rather than losing its end, which says what to do or which keys answer. */
void ui_put_status(struct ui *u, const char *text, attr_t attr);
void ui_fill(int y, int x, int width, attr_t attr);
/* The first row a list window rows high shows: top moved as little as may
 * be so that row sel is in it (left as it is when nothing fits). */
size_t ui_scroll(size_t top, size_t sel, int rows);
/* Moves the selection *sel of a list of n rows by a's list key (up, down,
 * page of page rows, first, last); false when a is none of them. */
bool ui_list_move(size_t *sel, size_t n, size_t page, enum action a);
/* A horizontal rule of width columns (wide characters it cuts are blanked,
 * as by ui_put). */
void ui_hline(int y, int x, int width);
/* Draws a box with a title, clearing what is inside; h and w count the
 * border. */
void ui_frame(int y, int x, int h, int w, const char *title);
attr_t ui_kind_attr(const struct ui *u, const char *kind);
attr_t ui_attr_selected(void);
attr_t ui_attr_error(const struct ui *u);
/* A demand point on the map: covered (green) or left out (red). */
attr_t ui_attr_map(const struct ui *u, bool covered);
attr_t ui_attr_header(const struct ui *u);
attr_t ui_attr_today(const struct ui *u);
/* A QR code's half-blocks: black ink on white (white on black when
 * invert), whatever the terminal's own colours. */
attr_t ui_attr_qr(const struct ui *u, bool invert);
void ui_colours_init(struct ui *u);
/* "10:00–16:00" or "all day", in the display zone. */
void ui_time_span(const struct ui *u, const struct occ *o, char buf[48]);
/* Breaks sanitised text into lines of at most width columns. */
void ui_wrap(const char *text, int width, struct strv *out);

/* ui_keys.c */
enum action ui_action(const struct ui *u, enum view_id v, const struct key *k);
int ui_keys_configure(struct ui *u, struct herr *err);
void ui_help(struct ui *u);
/* The key name of the first binding of a in view v ("a", "Enter"). */
const char *ui_key_for(enum view_id v, enum action a);

/* ui_prompt.c: modal questions on the status line or in a box. */
/* Asks a yes/no question; true for yes. */
bool ui_confirm(struct ui *u, const char *question);
/* A key of a screen that has no view of its own (forms, editors, pickers)
 * and what it does (an N_() string, translated when shown). */
struct key_help {
	const char *keys, *what;
};
/* ? or F1 there: the keys that work on the screen named screen. */
void ui_help_list(struct ui *u, const char *screen,
		  const struct key_help *keys, size_t n);
/* True for F1, and for ? unless typed_text (a text field holding text
 * takes ? as a character). */
bool ui_is_help_key(const struct key *k, bool typed_text);
/* True when ctx is the screen on top (its key bar is the one shown). */
bool ui_on_top(const struct ui *u, const void *ctx);

/*
 * Reads a line of text (initial may be NULL) into a new string; NULL when
 * cancelled. When check is given it is called on every change and its
 * result shown beside the input (e.g. how a date is understood).
 */
typedef char *(*ui_check_fn)(struct ui *u, const char *text, void *ctx);
char *ui_ask(struct ui *u, const char *label, const char *initial,
	     ui_check_fn check, void *ctx);
/* ui_ask with earlier answers: Up and Down recall them; a new answer is
 * kept in history (newest last). */
char *ui_ask_history(struct ui *u, const char *label, const char *initial,
		     struct strv *history, ui_check_fn check, void *ctx);
/*
 * Lets the user pick one of n names, typing to narrow the list; with
 * allow_new, "new…" takes the typed text as a new name. Returns a new
 * string, or NULL when cancelled.
 */
char *ui_pick(struct ui *u, const char *title, char *const *names, size_t n,
	      const char *current, bool allow_new);
/* The same, the names in marked (a multiple choice's chosen ones) shown
 * ticked "[x]", the others "[ ]". */
char *ui_pick_marked(struct ui *u, const char *title, char *const *names,
		     size_t n, const char *current, bool allow_new,
		     const struct strv *marked);
/* Asks for a day to go to (g): 1/16, sat, +2w, 2027-01 (its first day);
 * shows how it reads as it is typed. False when none was given. */
bool ui_ask_day(struct ui *u, struct civil *day);
/* A date/time check for ui_ask: shows how the text is understood. */
char *ui_check_when(struct ui *u, const char *text, void *ctx);

/* ui_search.c: / \\ n N in every view that searches. */
/* Asks for a new search (an empty prompt; Up recalls earlier ones) into
 * u->search; false when none was given. */
bool ui_search_ask(struct ui *u, bool back);
/* True when there is a search to repeat, else says how to start one. */
bool ui_search_text(struct ui *u);
/* Case-insensitive (ASCII) substring test, as the store's text filter. */
bool ui_search_matches(const char *text, const char *needle);
/* Says that u->search was found going dir (> 0 forward), maybe after
 * going round the end; or that nothing matches. */
void ui_search_found(struct ui *u, int dir, bool wrapped);
void ui_search_missing(struct ui *u);
/* Moves *sel to the next (dir > 0) or previous of n rows that match
 * u->search, going round the end; says what happened; true when found. */
bool ui_search_rows(struct ui *u, size_t n, size_t *sel, int dir,
		    bool (*match)(void *ctx, size_t i, const char *needle),
		    void *ctx);
/* ui_phone.c: the QR code of an occurrence (Q), the week's notice for a
 * group chat (B) in a pager, also on the clipboard with clipboard = osc52. */
void ui_qr(struct ui *u, const struct occ *o);
void ui_notice(struct ui *u);

/* ui_detail.c */
void ui_detail(struct ui *u, const struct occ *o);
/* Runs an action on an occurrence of a view: open, edit, delete, ... */
int ui_act_on(struct ui *u, const struct occ *o, enum action a);
/* Occurrence actions shared by the views and the detail pane. */
int ui_occurrence_action(struct ui *u, const struct occ *o, enum action a);

/* ui_edit.c */
/* Opens the event form on a new series (start near the given moment). */
void ui_add_event(struct ui *u, int64_t near);
void ui_edit_series(struct ui *u, int64_t series_id);
void ui_delete_series(struct ui *u, int64_t series_id);
void ui_duplicate_series(struct ui *u, int64_t series_id);
void ui_segments(struct ui *u, int64_t series_id);
/*
 * Saves the n series in one transaction, remembering their state before so
 * that undo can bring it back; what names the change in messages.
 */
int ui_save_many(struct ui *u, struct series **list, size_t n,
		 const char *what);
int ui_save_series(struct ui *u, struct series *s, const char *what);
/* Brings the views to the series just saved: its next occurrence from
 * today (else its latest) becomes the selection. */
void ui_show_series(struct ui *u, int64_t series_id);
/* Loads a series, showing any error; false when it could not. */
bool ui_load_series(struct ui *u, int64_t id, struct series *out);
void ui_undo(struct ui *u);
void ui_undo_free(struct ui *u);

/*
 * ui_export.c: x writes what the view shows - the series that reach
 * [from, to) and match f's kind, venue and organisation (f may be NULL) -
 * to an .ics file the user names.
 */
void ui_export(struct ui *u, int64_t from, int64_t to,
	       const struct occ_filter *f);

/* ui_draft.c: SIGHUP/SIGTERM, and the form kept as a draft meanwhile. */
extern volatile sig_atomic_t ui_signalled;
void ui_signals_install(void);
/*
 * True when the terminal has gone without a SIGHUP (hearth started through
 * su or setsid, the SSH connection or tmux session gone): its input is at
 * end of file, hung up or failing. Sets ui_signalled, so that every loop
 * ends as on SIGHUP and an open form is kept as a draft.
 */
bool ui_terminal_gone(void);
/* Offers to restore a draft left by an interrupted session. */
void ui_draft_offer(struct ui *u);

/* ui_audit.c */
/* "zhangsan (3 Dec 14:02)": who changed ref last and when, or NULL. */
char *ui_last_change(struct ui *u, const char *ref);
/* Takes every change logged so far as announced (own changes). */
void ui_audit_seen(struct ui *u);
/* After a reload for another process's commit: names what changed. */
void ui_announce_changes(struct ui *u);

/* ui_people.c */
/* title, with "· needs 2 more" when the occurrence is short of people:
 * what the agenda, month and week views show (caller frees). */
char *ui_with_needs(struct ui *u, const struct occ *o, const char *title);
/* After cancelling or moving an occurrence: says who is signed up for it
 * (and whose shifts now clash) in the status line, after what. */
void ui_shift_notice(struct ui *u, int64_t series_id, const struct civil *rid,
		     const char *what);

/* ui_places.c: the form of the venue called name (its opening hours
 * checked as they are typed). */
void ui_edit_venue(struct ui *u, const char *name);
/* ui_sync.c */
/* What the header says about syncing: open conflicts, a failed sync, a
 * sync running (NULL when there is nothing to say); error set when it is
 * something to act on. Also reaps a finished background sync. */
const char *ui_sync_badge(struct ui *u, bool *error);

/* ui_tally.c */
/* The tally form of occurrence o (refused with the reason when it cannot
 * take tallies). */
void ui_tally(struct ui *u, const struct occ *o);
/* "People served 86 people、Meals 40 servings", or NULL when nothing was
 * counted at o (caller frees). */
char *ui_tally_summary(struct ui *u, const struct occ *o);

#endif
