/*
 * perm.h - who may read and write the database file, in words.
 *
 * On a shared server one calendar file is used by several Unix users: the
 * organisers (the file's group, which may write it) and perhaps viewers (a
 * second group given read access by a POSIX ACL). hearth opens a file it
 * may only read for reading, and when the system refuses it something it
 * says which file or directory refused and which groups may do what was
 * asked, so that the user knows whom to ask.
 *
 * A database that hearth creates in a set-group-ID directory (the shared
 * layout of make install-shared) is made readable and writable by that
 * group whatever the creator's umask; SQLite gives its journal the same
 * mode, so every organiser can take part in every transaction.
 */
#ifndef HEARTH_PERM_H
#define HEARTH_PERM_H

#include <stdbool.h>

#include "util.h"

/*
 * True when this process may write path and create files beside it (SQLite
 * needs the directory for its rollback journal).
 */
bool perm_may_write(const char *path);

/*
 * Records in err why path could not be opened (errnum, an errno value) for
 * reading or, when write, for changing: for a refusal (EACCES, EPERM,
 * EROFS) "permission denied" naming the file or the directory that refused
 * and the groups that may; anything else as the system words it. Returns
 * the status code (HE_USER for a refusal, HE_INTERNAL otherwise).
 */
int perm_explain(const char *path, int errnum, bool write, struct herr *err);

/*
 * Called on a database file just created: in a set-group-ID directory the
 * file becomes mode 0660 (its group already is the directory's).
 */
int perm_share_new(const char *path, struct herr *err);

#endif
