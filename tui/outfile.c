/* outfile.c - a library writes a private temporary file; hearth copies it. */
#include "outfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/i18n.h"

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
