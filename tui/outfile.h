/*
 * outfile.h - output through a library that writes a file by its name
 * (libxlsxwriter): a private temporary file, copied to the real output.
 * Files themselves are written with core/atomic.h.
 */
#ifndef HEARTH_OUTFILE_H
#define HEARTH_OUTFILE_H

#include <stdio.h>

#include "../core/util.h"

/*
 * For a library that writes a file by its name (libxlsxwriter): write is
 * given the name of a private temporary file, whose bytes are then copied
 * to out (from atomic_open, or standard output); the file is removed.
 */
typedef int (*outfile_writer)(void *ctx, const char *file, struct herr *err);
int outfile_copy_from(FILE *out, outfile_writer write, void *ctx,
		      struct herr *err);

#endif
