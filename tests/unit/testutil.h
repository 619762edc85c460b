/*
 * testutil.h - what several unit tests share: wall-clock literals, a
 * scratch directory and the teardown that frees libical's zones.
 * Include after cmocka.h; everything is static inline so that a test that
 * uses only part of it still compiles without warnings.
 */
#ifndef HEARTH_TESTUTIL_H
#define HEARTH_TESTUTIL_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../core/civil.h"
#include "../../core/tz.h"
#include "../../core/util.h"

/* A wall-clock time as a pointer to a compound literal. */
#define CT(y, mo, d, h, mi) (&(struct civil){ (y), (mo), (d), (h), (mi), 0 })

/* "2027-01-08" or "2027-01-08T10:00:00" as a struct civil. */
static inline struct civil cv(const char *text)
{
	struct civil c;
	bool date_only;

	if (!civil_parse(text, &c, &date_only))
		fail_msg("bad date '%s' in the test", text);
	return c;
}

/* The instant of wall-clock text in zone. */
static inline int64_t at(const char *zone, const char *text)
{
	struct civil c = cv(text);
	return tz_to_utc(tz_get(zone), &c);
}

/* A fresh directory under /tmp for this test program. */
static inline const char *scratch_dir(void)
{
	static char dir[64];

	if (!dir[0]) {
		snprintf(dir, sizeof dir, "/tmp/hearth-unit-XXXXXX");
		if (!mkdtemp(dir))
			fail_msg("cannot create a scratch directory");
	}
	return dir;
}

/* A path in the scratch directory (caller frees). */
static inline char *scratch_path(const char *name)
{
	return xasprintf("%s/%s", scratch_dir(), name);
}

/* Removes the scratch directory's files and the directory. */
static inline void scratch_remove(void)
{
	const char *dir = scratch_dir();
	DIR *d = opendir(dir);
	struct dirent *e;

	while (d && (e = readdir(d))) {
		char *p;
		if (e->d_name[0] == '.')
			continue;
		p = scratch_path(e->d_name);
		unlink(p);
		free(p);
	}
	if (d)
		closedir(d);
	rmdir(dir);
}

/* Group teardown: frees the zones libical loaded, and the scratch files. */
static inline int teardown_all(void **state)
{
	(void)state;
	tz_cleanup();
	scratch_remove();
	return 0;
}

#endif
