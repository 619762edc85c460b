/*
 * cli.h - the command-line front end: what every command shares.
 *
 * Commands are thin: they parse arguments, call the core, and print. They
 * never include curses. A command returns HE_OK, HE_USER or HE_INTERNAL,
 * which is also the process's exit status; its message is in ctx->err.
 */
#ifndef HEARTH_CLI_H
#define HEARTH_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "../core/civil.h"
#include "../core/config.h"
#include "../core/store.h"
#include "../core/tz.h"
#include "../core/util.h"

struct cli {
	const char *prog;
	const char *db_path;    /* --db, $HEARTH_DB, config, or the default */
	char *db_path_owned;
	const char *config_path;
	struct config cfg;
	struct store *st;
	const struct tz *zone;  /* the display and default zone */
	int64_t now;            /* $HEARTH_NOW, else the clock */
	struct herr err;
	FILE *out;
};

/* Reads the config file and settles paths, zone and clock. */
int cli_setup(struct cli *c, const char *config_path, const char *db_path);
void cli_teardown(struct cli *c);
/* Opens the database (creating it when create). */
int cli_open(struct cli *c, bool create);
/* Today's date in zone z. */
struct civil cli_today(const struct cli *c, const struct tz *z);

/*
 * The instant a --from or --to names, in the display zone: a date alone is
 * the start of that day, or for an end (end true) the start of the next.
 */
int cli_window_edge(struct cli *c, const char *text, bool end, int64_t *out);

/* A command: runs with argv[0] being the command's name. */
typedef int (*cli_command_fn)(struct cli *c, int argc, char **argv);

int cmd_init(struct cli *c, int argc, char **argv);
int cmd_add(struct cli *c, int argc, char **argv);
int cmd_edit(struct cli *c, int argc, char **argv);
int cmd_show(struct cli *c, int argc, char **argv);
int cmd_rm(struct cli *c, int argc, char **argv);
int cmd_override(struct cli *c, int argc, char **argv);
int cmd_split(struct cli *c, int argc, char **argv);
int cmd_duplicate(struct cli *c, int argc, char **argv);
int cmd_segment(struct cli *c, int argc, char **argv);
int cmd_venue(struct cli *c, int argc, char **argv);
int cmd_org(struct cli *c, int argc, char **argv);
int cmd_agenda(struct cli *c, int argc, char **argv);
int cmd_venues(struct cli *c, int argc, char **argv);
int cmd_orgs(struct cli *c, int argc, char **argv);
int cmd_kinds(struct cli *c, int argc, char **argv);
int cmd_keys(struct cli *c, int argc, char **argv);
int cmd_export(struct cli *c, int argc, char **argv);
int cmd_import(struct cli *c, int argc, char **argv);
int cmd_tally(struct cli *c, int argc, char **argv);
int cmd_suggest(struct cli *c, int argc, char **argv);
int cmd_suggestions(struct cli *c, int argc, char **argv);
int cmd_report(struct cli *c, int argc, char **argv);

/*
 * Parses a --format value. Returns HE_USER with a message for anything but
 * text, tsv or json.
 */
enum cli_format { FORMAT_TEXT, FORMAT_TSV, FORMAT_JSON };
int cli_parse_format(struct cli *c, const char *s, enum cli_format *out);

/*
 * Prints nrows rows of n string fields (rows is row-major; NULL prints
 * empty) as an aligned table, TSV lines or JSON objects with these keys.
 */
void cli_print_rows(struct cli *c, enum cli_format fmt,
		    const char *const *keys, size_t n, const char **rows,
		    size_t nrows);

/* Prints usage text when argv asks for --help; returns true if it did. */
bool cli_wants_help(int argc, char **argv, const char *usage, FILE *out);
/* Records a usage error naming the command. */
int cli_usage_error(struct cli *c, const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
