/*
 * outfile.h - writing a file the user names, safely.
 *
 * A regular file (or one that does not exist yet) is written to a temporary
 * file beside it, synced, and renamed over it: a crash leaves the old file
 * or the new one, never half of either. A file that exists and is not
 * regular (a FIFO, /dev/stdout, /dev/null) is written in place, never
 * replaced.
 */
#ifndef HEARTH_OUTFILE_H
#define HEARTH_OUTFILE_H

#include <stdio.h>

#include "../core/util.h"

/* Opens path for writing; *tmp gets the temporary name (or NULL). */
FILE *outfile_open(const char *path, char **tmp, struct herr *err);
/*
 * Finishes what outfile_open began: when rc is HE_OK, syncs and puts the
 * file in place, else removes the temporary file. Returns the final code.
 */
int outfile_close(FILE *f, const char *tmp, const char *path, int rc,
		  struct herr *err);

/*
 * For a library that writes a file by its name (libxlsxwriter): write is
 * given the name of a private temporary file, whose bytes are then copied
 * to out (from outfile_open, or standard output); the file is removed.
 */
typedef int (*outfile_writer)(void *ctx, const char *file, struct herr *err);
int outfile_copy_from(FILE *out, outfile_writer write, void *ctx,
		      struct herr *err);

#endif
