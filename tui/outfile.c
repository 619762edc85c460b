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

/* Copies the file called name to out. */
static int copy_into(const char *name, FILE *out, struct herr *err)
{
	FILE *in = fopen(name, "rb");
	char buf[1 << 14];
	size_t n;
	int rc = HE_OK;

	if (!in)
		return herr_set(err, HE_INTERNAL, _("cannot read %s: %s"), name,
				strerror(errno));
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			break;
	if (ferror(in) || ferror(out))
		rc = herr_set(err, HE_INTERNAL, _("cannot write the output: %s"),
			      strerror(errno ? errno : EIO));
	fclose(in);
	return rc;
}

int outfile_copy_from(FILE *out, outfile_writer write, void *ctx,
		      struct herr *err)
{
	const char *dir = getenv("TMPDIR");
	char *tmp = xasprintf("%s/hearth-XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(tmp), rc;

	if (fd < 0) {
		rc = herr_set(err, HE_INTERNAL, _("cannot create a temporary file "
			      "in %s: %s"), dir && *dir ? dir : "/tmp",
			      strerror(errno));
		free(tmp);
		return rc;
	}
	close(fd);
	rc = write(ctx, tmp, err);
	if (rc == HE_OK)
		rc = copy_into(tmp, out, err);
	unlink(tmp);
	free(tmp);
	return rc;
}
