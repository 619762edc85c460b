/*
 * draft.h - a series being edited, kept in a file when the session ends
 * before it is saved (the terminal went away, SIGHUP, SIGTERM), and offered
 * back the next time the interface starts on the same database.
 *
 * The file is text, one "key value" a line (backslash, newline and tab
 * escaped as \\, \n, \t), beginning with "hearth-draft 1"; it names the
 * database it belongs to and whether the series was new. It is written
 * with core/atomic.h: a draft exists whole or not at all. A draft is read
 * from a file anybody could have edited: values that do not parse are
 * left out, and a draft without the header, a title, a valid start and end
 * or a known zone is refused.
 */
#ifndef HEARTH_DRAFT_H
#define HEARTH_DRAFT_H

#include <stdbool.h>
#include <stdio.h>

#include "series.h"
#include "util.h"

struct draft {
	char *db;               /* the database it belongs to */
	bool is_new;            /* the series was not saved before */
	struct series s;
};

/* $XDG_DATA_HOME/hearth/draft (paths.h); the caller frees. */
char *draft_path(void);

/* Writes s as a draft of database db to f; HE_INTERNAL on a write error. */
int draft_write(FILE *f, const char *db, bool is_new, const struct series *s);
/*
 * Reads a draft from f into d (freed by draft_free). HE_USER with err set
 * when f does not hold a usable draft.
 */
int draft_read(FILE *f, struct draft *d, struct herr *err);
void draft_free(struct draft *d);

/* draft_write to path, creating its directory, replacing it whole. */
int draft_save(const char *path, const char *db, bool is_new,
	       const struct series *s, struct herr *err);
/*
 * Reads the draft at path. *found is false when there is none (no file);
 * with a file that holds no usable draft, HE_USER and err.
 */
int draft_load(const char *path, struct draft *d, bool *found,
	       struct herr *err);

#endif
