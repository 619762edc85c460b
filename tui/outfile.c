/* outfile.c - temporary file, fsync, rename; devices written in place. */
#include "outfile.h"

#include <errno.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/i18n.h"

/* A temporary file next to path, with the mode a new file would get. */
static FILE *open_temp(const char *path, char **tmp, struct herr *err)
{
	char *copy = xstrdup(path);
	char *base = xstrdup(basename(copy));
	mode_t mask = umask(0);
	FILE *f = NULL;
	int fd;

	umask(mask);
	strcpy(copy, path);
	*tmp = xasprintf("%s/.%s.XXXXXX", dirname(copy), base);
	fd = mkstemp(*tmp);
	if (fd < 0) {
		herr_set(err, HE_USER, _("cannot write %s: %s"), path,
			 strerror(errno));
	} else if (fchmod(fd, 0666 & ~mask) != 0 || !(f = fdopen(fd, "w"))) {
		herr_set(err, HE_INTERNAL, _("cannot write %s: %s"), path,
			 strerror(errno));
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

FILE *outfile_open(const char *path, char **tmp, struct herr *err)
{
	struct stat sb;
	FILE *f;

	*tmp = NULL;
	if (stat(path, &sb) != 0 || S_ISREG(sb.st_mode))
		return open_temp(path, tmp, err);
	if (S_ISDIR(sb.st_mode)) {
		herr_set(err, HE_USER, _("cannot write %s: %s"), path,
			 strerror(EISDIR));
		return NULL;
	}
	if (!(f = fopen(path, "w")))
		herr_set(err, HE_USER, _("cannot write %s: %s"), path,
			 strerror(errno));
	return f;
}

int outfile_close(FILE *f, const char *tmp, const char *path, int rc,
		  struct herr *err)
{
	if (rc == HE_OK && fflush(f) != 0)
		rc = herr_set(err, HE_INTERNAL, _("cannot write %s: %s"), path,
			      strerror(errno));
	/* Only a file about to replace another needs to be on disk first. */
	if (rc == HE_OK && tmp && fsync(fileno(f)) != 0)
		rc = herr_set(err, HE_INTERNAL, _("cannot write %s: %s"), path,
			      strerror(errno));
	if (fclose(f) != 0 && rc == HE_OK)
		rc = herr_set(err, HE_INTERNAL, _("cannot write %s: %s"), path,
			      strerror(errno));
	if (tmp && rc == HE_OK && rename(tmp, path) != 0)
		rc = herr_set(err, HE_INTERNAL, _("cannot write %s: %s"), path,
			      strerror(errno));
	if (tmp && rc != HE_OK)
		unlink(tmp);
	return rc;
}
