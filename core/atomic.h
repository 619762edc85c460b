/*
 * atomic.h - writing a file so that nothing half-written is ever left in
 * its place: the one way hearth writes a file (exports, posters, reports,
 * published feeds, the interface's draft).
 *
 * A regular file (or one that does not exist yet) is written to a
 * temporary file beside it (".NAME.XXXXXX"), flushed, synced and renamed
 * over it, and the directory synced: a crash, a kill or a full disk leaves
 * the old file or the new one, and on every failure the temporary file is
 * removed. With ATOMIC_IN_PLACE, a file that exists and is not regular (a
 * FIFO, /dev/stdout, /dev/null) is written in place instead.
 *
 *     char *tmp;
 *     FILE *f = atomic_open(path, 0, &tmp, err);
 *     if (!f)
 *             return err->code;
 *     rc = write_it(f, ...);
 *     rc = atomic_close(f, tmp, path, rc, NULL, err);
 *     free(tmp);
 */
#ifndef HEARTH_ATOMIC_H
#define HEARTH_ATOMIC_H

#include <stdbool.h>
#include <stdio.h>

#include "util.h"

enum {
	/* An existing device or FIFO is written in place, not replaced. */
	ATOMIC_IN_PLACE = 1 << 0,
	/* Mode 0644 whatever the umask: for files a web server reads. */
	ATOMIC_PUBLIC = 1 << 1,
	/* Open for reading back too, so that atomic_close can leave a file
	 * alone whose bytes would not change (pass changed to it). */
	ATOMIC_KEEP_SAME = 1 << 2,
};

/*
 * Opens path for writing. *tmp gets the temporary file's name, or NULL
 * when path is written in place. Returns NULL with err set ("cannot write
 * PATH: reason") when it cannot.
 */
FILE *atomic_open(const char *path, unsigned flags, char **tmp,
		  struct herr *err);
/*
 * Finishes what atomic_open began (the caller frees tmp). When rc is HE_OK the
 * file is synced and put in place (with changed given, only when its
 * content differs from what is there: *changed says whether it did), else
 * the temporary file is removed. Returns the final code; a write error is
 * HE_INTERNAL naming path and errno (ENOSPC: "No space left on device").
 */
int atomic_close(FILE *f, const char *tmp, const char *path, int rc,
		 bool *changed, struct herr *err);

#endif
