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

#include "../i18n.h"
#include "publish_int.h"

#define MANIFEST ".hearth-publish"
#define LOCKFILE ".hearth-publish.lock"

static int io_error(struct herr *err, const char *what, const char *dir,
		    const char *name)
{
	return herr_set(err, HE_INTERNAL, _("cannot write %s/%s: %s (%s)"), dir,
			name, strerror(errno), what);
}

/* True when the files a and b hold the same bytes. */
static bool same_content(FILE *a, const char *path_b)
{
	FILE *b = fopen(path_b, "rb");
	char x[65536], y[65536];
	bool same = b != NULL;

	if (!b)
		return false;
	rewind(a);
	while (same) {
		size_t n = fread(x, 1, sizeof x, a), m = fread(y, 1, sizeof y, b);
		if (n != m || memcmp(x, y, n) != 0)
			same = false;
		else if (n == 0)
			break;
	}
	if (ferror(a) || ferror(b))
		same = false;
	fclose(b);
	return same;
}

/* fsync of a directory, so that a rename in it survives a crash. */
static void sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

/* Puts the finished temporary file tmp in place of dir/name if it differs. */
static int settle(FILE *f, const char *tmp, const char *dir, const char *name,
		  bool *changed, struct herr *err)
{
	char *path = xasprintf("%s/%s", dir, name);
	int rc = HE_OK;

	*changed = !same_content(f, path);
	if (!*changed)
		goto out;
	if (fchmod(fileno(f), 0644) != 0 || fsync(fileno(f)) != 0) {
		rc = io_error(err, "fsync", dir, name);
		goto out;
	}
	if (rename(tmp, path) != 0) {
		rc = io_error(err, "rename", dir, name);
		goto out;
	}
	sync_dir(dir);
out:
	free(path);
	return rc;
}

int publish_file(const char *dir, const char *name, publish_fill_fn fill,
		 void *ctx, bool *changed, struct herr *err)
{
	char *tmp = xasprintf("%s/.%s.XXXXXX", dir, name);
	int fd = mkstemp(tmp), rc;
	FILE *f;

	*changed = false;
	if (fd < 0) {
		rc = io_error(err, "mkstemp", dir, name);
		free(tmp);
		return rc;
	}
	if (!(f = fdopen(fd, "w+b"))) {
		rc = io_error(err, "fdopen", dir, name);
		close(fd);
		goto out;
	}
	rc = fill(ctx, f, err);
	if (rc == HE_OK && fflush(f) != 0)
		rc = io_error(err, "write", dir, name);
	if (rc == HE_OK)
		rc = settle(f, tmp, dir, name, changed, err);
	if (fclose(f) != 0 && rc == HE_OK)
		rc = io_error(err, "close", dir, name);
out:
	/* Gone already when it was renamed into place. */
	if (rc != HE_OK || !*changed)
		unlink(tmp);
	free(tmp);
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
