/*
 * publish_file.c - files in the published directory: replaced in one step,
 * and only when their content changes; the lock; the list of files written.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../atomic.h"
#include "../i18n.h"
#include "publish_int.h"

#define MANIFEST ".hearth-publish"
#define LOCKFILE ".hearth-publish.lock"

int publish_file(const char *dir, const char *name, publish_fill_fn fill,
		 void *ctx, bool *changed, struct herr *err)
{
	char *path = xasprintf("%s/%s", dir, name), *tmp;
	FILE *f = atomic_open(path, ATOMIC_PUBLIC | ATOMIC_KEEP_SAME, &tmp, err);
	int rc;

	*changed = false;
	if (!f) {
		rc = err ? err->code : HE_INTERNAL;
		free(path);
		return rc;
	}
	rc = fill(ctx, f, err);
	/* Left alone when unchanged: clients polling with If-Modified-Since
	 * then get 304 and nothing to download. */
	rc = atomic_close(f, tmp, path, rc, changed, err);
	free(tmp);
	free(path);
	return rc;
}

struct bytes {
	const char *data;
	size_t len;
};

static int fill_bytes(void *ctx, FILE *out, struct herr *err)
{
	const struct bytes *b = ctx;

	if (b->len && fwrite(b->data, 1, b->len, out) != b->len)
		return herr_set(err, HE_INTERNAL, _("cannot write: %s"),
				strerror(errno));
	return HE_OK;
}

int publish_bytes(const char *dir, const char *name, const char *data,
		  size_t len, bool *changed, struct herr *err)
{
	struct bytes b = { data, len };

	return publish_file(dir, name, fill_bytes, &b, changed, err);
}

int publish_remove(const char *dir, const char *name, struct herr *err)
{
	char *path = xasprintf("%s/%s", dir, name);
	int rc = HE_OK;

	if (unlink(path) != 0 && errno != ENOENT)
		rc = herr_set(err, HE_INTERNAL, _("cannot remove %s: %s"), path,
			      strerror(errno));
	free(path);
	return rc;
}

int publish_lock(const char *dir, struct herr *err)
{
	char *path = xasprintf("%s/%s", dir, LOCKFILE);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);

	if (fd < 0 || flock(fd, LOCK_EX) != 0) {
		herr_set(err, HE_INTERNAL, _("cannot lock %s: %s"), path,
			 strerror(errno));
		if (fd >= 0)
			close(fd);
		fd = -1;
	}
	free(path);
	return fd;
}

void publish_unlock(int fd)
{
	if (fd >= 0)
		close(fd); /* releases the flock */
}

int publish_manifest_read(const char *dir, struct strv *names,
			  struct herr *err)
{
	char *path = xasprintf("%s/%s", dir, MANIFEST);
	FILE *f = fopen(path, "r");
	char line[512];
	int rc = HE_OK;

	if (!f) {
		if (errno != ENOENT)
			rc = herr_set(err, HE_INTERNAL, _("cannot read %s: %s"),
				      path, strerror(errno));
		free(path);
		return rc;
	}
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = '\0';
		/* Only plain names in dir: nothing a hand-edited line could
		   turn into a path elsewhere. */
		if (*line && *line != '.' && *line != '#' && !strchr(line, '/'))
			strv_add(names, line);
	}
	fclose(f);
	free(path);
	return rc;
}

static int fill_manifest(void *ctx, FILE *out, struct herr *err)
{
	const struct strv *names = ctx;

	fputs("# Files hearth publish wrote here; it removes those of feeds\n"
	      "# that no longer exist, and never touches any other file.\n",
	      out);
	for (size_t i = 0; i < names->n; i++)
		fprintf(out, "%s\n", names->v[i]);
	if (ferror(out))
		return herr_set(err, HE_INTERNAL, _("cannot write: %s"),
				strerror(errno));
	return HE_OK;
}

int publish_manifest_write(const char *dir, const struct strv *names,
			   struct herr *err)
{
	bool changed;

	return publish_file(dir, MANIFEST, fill_manifest, (void *)names,
			    &changed, err);
}
