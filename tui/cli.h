/*
 * cli.h - the command-line front end: what every command shares.
 *
 * Commands are thin: they parse arguments, call the core, and print. They
 * never include curses. A command returns HE_OK, HE_USER or HE_INTERNAL,
 * which is also the process's exit status; its message is in the
 * application context's err (app.h), which every command takes.
 */
#ifndef HEARTH_CLI_H
#define HEARTH_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "app.h"

/*
 * The instant a --from or --to names, in the display zone: a date alone is
 * the start of that day, or for an end (end true) the start of the next;
 * "now" (现在) is this moment.
 */
int cli_window_edge(struct app *c, const char *text, bool end, int64_t *out);

/* A command: runs with argv[0] being the command's name. */
typedef int (*cli_command_fn)(struct app *c, int argc, char **argv);

int cmd_init(struct app *c, int argc, char **argv);
int cmd_add(struct app *c, int argc, char **argv);
int cmd_edit(struct app *c, int argc, char **argv);
int cmd_show(struct app *c, int argc, char **argv);
int cmd_rm(struct app *c, int argc, char **argv);
int cmd_override(struct app *c, int argc, char **argv);
int cmd_split(struct app *c, int argc, char **argv);
int cmd_duplicate(struct app *c, int argc, char **argv);
int cmd_segment(struct app *c, int argc, char **argv);
int cmd_venue(struct app *c, int argc, char **argv);
int cmd_org(struct app *c, int argc, char **argv);
int cmd_agenda(struct app *c, int argc, char **argv);
int cmd_venues(struct app *c, int argc, char **argv);
int cmd_orgs(struct app *c, int argc, char **argv);
int cmd_kinds(struct app *c, int argc, char **argv);
int cmd_keys(struct app *c, int argc, char **argv);
int cmd_export(struct app *c, int argc, char **argv);
int cmd_import(struct app *c, int argc, char **argv);
/* Volunteers, shifts and points (cli_people.c, cli_shift.c, cli_points.c). */
int cmd_person(struct app *c, int argc, char **argv);
int cmd_people(struct app *c, int argc, char **argv);
int cmd_groups(struct app *c, int argc, char **argv);
int cmd_shift(struct app *c, int argc, char **argv);
int cmd_shifts(struct app *c, int argc, char **argv);
int cmd_signup(struct app *c, int argc, char **argv);
int cmd_checkin(struct app *c, int argc, char **argv);
int cmd_checkout(struct app *c, int argc, char **argv);
int cmd_points(struct app *c, int argc, char **argv);
int cmd_catalogue(struct app *c, int argc, char **argv);
int cmd_check(struct app *c, int argc, char **argv);
int cmd_zone(struct app *c, int argc, char **argv);
int cmd_log(struct app *c, int argc, char **argv);
int cmd_publish(struct app *c, int argc, char **argv);
int cmd_qr(struct app *c, int argc, char **argv);
int cmd_notice(struct app *c, int argc, char **argv);
int cmd_poster(struct app *c, int argc, char **argv);
int cmd_tally(struct app *c, int argc, char **argv);
int cmd_suggest(struct app *c, int argc, char **argv);
int cmd_suggestions(struct app *c, int argc, char **argv);
int cmd_report(struct app *c, int argc, char **argv);
int cmd_open(struct app *c, int argc, char **argv);
int cmd_demand(struct app *c, int argc, char **argv);
int cmd_coverage(struct app *c, int argc, char **argv);
/* CalDAV sync (cli_sync.c). */
int cmd_sync(struct app *c, int argc, char **argv);

/*
 * Parses a --format value. Returns HE_USER with a message for anything but
 * text, tsv or json.
 */
enum cli_format { FORMAT_TEXT, FORMAT_TSV, FORMAT_JSON };
int cli_parse_format(struct app *c, const char *s, enum cli_format *out);

/*
 * Warns on stderr, once each, about the series that a listing of [from, to)
 * left out because their schedules cannot be expanded.
 */
void cli_warn_skipped(struct app *c, int64_t from, int64_t to);

/* Says which zone the calendar uses, where times are shown, and how to
 * change it (init and zone). */
void cli_say_zone(struct app *c);

/*
 * Takes --if-revision N (or --if-revision=N) out of argv for a command that
 * changes something, into c->if_revision: the change is then made only if
 * the stored revision is still N (see cli_conflict).
 */
int cli_take_revision(struct app *c, const char *cmd, int *argc, char **argv);
/*
 * Refuses a change prepared from revision expected of something now at
 * revision current (label names it; ref is its reference in the audit log):
 * exit 1, saying who changed it last and when. Returns HE_USER.
 */
int cli_conflict(struct app *c, const char *ref, const char *label,
		 int expected, int current);
/*
 * Prints nrows rows of n string fields (rows is row-major; NULL prints
 * empty) as an aligned table, TSV lines or JSON objects with these keys.
 */
void cli_print_rows(struct app *c, enum cli_format fmt,
		    const char *const *keys, size_t n, const char **rows,
		    size_t nrows);
/* As cli_print_rows, but the table (text) has only the first text_n
 * fields: the rest are for programs (a revision, say). */
void cli_print_rows_some(struct app *c, enum cli_format fmt,
			 const char *const *keys, size_t n, size_t text_n,
			 const char **rows, size_t nrows);

/* Prints usage text when argv asks for --help; returns true if it did. */
bool cli_wants_help(int argc, char **argv, const char *usage, FILE *out);
/* Records a usage error naming the command. */
int cli_usage_error(struct app *c, const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
