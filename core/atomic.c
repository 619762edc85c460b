/* atomic.c - temporary file, fsync, rename, directory sync. */
#include "atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"

static int write_error(struct herr *err, int code, const char *path, int e)
{
	return herr_set(err, code, _("cannot write %s: %s"), path, strerror(e));
}

/* A temporary file next to path, with the mode the file is to have. */
static FILE *open_temp(const char *path, unsigned flags, char **tmp,
		       struct herr *err)
{
	char *copy = xstrdup(path);
	char *base = xstrdup(basename(copy));
	mode_t mask = umask(0);
	mode_t mode = flags & ATOMIC_PUBLIC ? 0644 : 0666 & ~mask;
	FILE *f = NULL;
	int fd;

	umask(mask);
	strcpy(copy, path);
	*tmp = xasprintf("%s/.%s.XXXXXX", dirname(copy), base);
	fd = mkstemp(*tmp);
	if (fd < 0) {
		write_error(err, HE_USER, path, errno);
	} else if (fchmod(fd, mode) != 0 ||
		   !(f = fdopen(fd, flags & ATOMIC_KEEP_SAME ? "w+b" : "w"))) {
		write_error(err, HE_INTERNAL, path, errno);
		close(fd);
		unlink(*tmp);
	}
	if (!f) {
		free(*tmp);
		*tmp = NULL;
	}
	free(copy);
	free(base);
	return f;
}

FILE *atomic_open(const char *path, unsigned flags, char **tmp,
		  struct herr *err)
{
	struct stat sb;
	FILE *f;

	*tmp = NULL;
	if (stat(path, &sb) != 0 || S_ISREG(sb.st_mode) ||
	    !(flags & ATOMIC_IN_PLACE))
		return open_temp(path, flags, tmp, err);
	if (S_ISDIR(sb.st_mode)) {
		write_error(err, HE_USER, path, EISDIR);
		return NULL;
	}
	if (!(f = fopen(path, "w")))
		write_error(err, HE_USER, path, errno);
	return f;
}

/* True when the file f (open for reading too) holds what path holds. */
static bool same_content(FILE *f, const char *path)
{
	FILE *old = fopen(path, "rb");
	char x[65536], y[65536];
	bool same = old != NULL;

	if (!old)
		return false;
	rewind(f);
	while (same) {
		size_t n = fread(x, 1, sizeof x, f), m = fread(y, 1, sizeof y, old);
		if (n != m || memcmp(x, y, n) != 0)
			same = false;
		else if (n == 0)
			break;
	}
	if (ferror(f) || ferror(old))
		same = false;
	fclose(old);
	return same;
}

/* fsync of path's directory, so that the rename in it survives a crash. */
static void sync_dir(const char *path)
{
	char *copy = xstrdup(path);
	int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(copy);
}

int atomic_close(FILE *f, const char *tmp, const char *path, int rc,
		 bool *changed,
		 struct herr *err)
{
	bool replace = tmp != NULL;
	int why = errno;

	if (changed)
		*changed = false;
	/*
	 * A write that failed on the way (EFBIG past ulimit -f, ENOSPC) left
	 * the stream's error flag: the message names the file, whatever the
	 * writer said.
	 */
	if (rc != HE_OK && ferror(f))
		rc = write_error(err, HE_INTERNAL, path, why ? why : EIO);
	errno = 0;
	if (rc == HE_OK && (fflush(f) != 0 || ferror(f)))
		rc = write_error(err, HE_INTERNAL, path, errno ? errno : EIO);
	if (rc == HE_OK && tmp && changed && same_content(f, path))
		replace = false;
	/* Only a file about to replace another needs to be on disk first. */
	if (rc == HE_OK && replace && fsync(fileno(f)) != 0)
		rc = write_error(err, HE_INTERNAL, path, errno);
	if (fclose(f) != 0 && rc == HE_OK)
		rc = write_error(err, HE_INTERNAL, path, errno);
	if (rc == HE_OK && replace) {
		if (rename(tmp, path) != 0)
			rc = write_error(err, HE_INTERNAL, path, errno);
		else
			sync_dir(path);
	}
	if (rc == HE_OK && changed)
		*changed = replace || !tmp;
	if (tmp && (rc != HE_OK || !replace))
		unlink(tmp);
	return rc;
}
