/*
 * publish_int.h - what the files of core/publish share; not part of the
 * interface.
 */
#ifndef HEARTH_PUBLISH_INT_H
#define HEARTH_PUBLISH_INT_H

#include <stdio.h>

#include "publish.h"

/* Writes a file's content to out. */
typedef int (*publish_fill_fn)(void *ctx, FILE *out, struct herr *err);

/*
 * Makes dir/name hold what fill writes: written to a temporary file in
 * dir, compared with the file there, and renamed over it (after fsync)
 * only when it differs; *changed tells which. Files get mode 0644 whatever
 * the umask: they are for a web server to serve.
 */
int publish_file(const char *dir, const char *name, publish_fill_fn fill,
		 void *ctx, bool *changed, struct herr *err);
/* publish_file with the content given. */
int publish_bytes(const char *dir, const char *name, const char *data,
		  size_t len, bool *changed, struct herr *err);
/* Removes dir/name; a file already gone is no error. */
int publish_remove(const char *dir, const char *name, struct herr *err);

/*
 * Takes the lock of dir (the file .hearth-publish.lock in it, created if
 * needed), waiting for another process that holds it; returns the
 * descriptor to give to publish_unlock, or -1 with err set.
 */
int publish_lock(const char *dir, struct herr *err);
void publish_unlock(int fd);

/* The names of the files an earlier run wrote (.hearth-publish in dir). */
int publish_manifest_read(const char *dir, struct strv *names,
			  struct herr *err);
int publish_manifest_write(const char *dir, const struct strv *names,
			   struct herr *err);

/* index.html for the feeds (see publish.h). */
int publish_index(FILE *out, const struct feeds *f, const char *base_url,
		  struct herr *err);
/* The file names of a feed's QR codes: "venue-12-webcal.png". */
char *publish_qr_name(const char *feed, bool webcal);

/*
 * What changes touched since the last call (store_publish.c: temporary
 * triggers record it in the connection's temp database, so that every
 * write path is seen, and nothing is written to the database file): the
 * names of the feeds to rewrite; every feed when a venue or organisation
 * changed (its name and address are in events of other feeds too); the
 * page when one was added or removed.
 */
struct publish_dirty {
	struct strv feeds;
	bool every;
	bool index;
};
/* Sets up the triggers on st's connection. */
int store_publish_watch(struct store *st, struct herr *err);
/* Takes what the triggers recorded, and forgets it. */
int store_publish_dirty(struct store *st, struct publish_dirty *d,
			struct herr *err);
void publish_dirty_free(struct publish_dirty *d);

#endif
