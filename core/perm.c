/* perm.c - who may read and write the database file, in words. */
#include "perm.h"

#include <acl/libacl.h>
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/acl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"

/* The directory holding path ("." for a bare name); caller frees. */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

bool perm_may_write(const char *path)
{
	char *dir = dir_of(path);
	bool ok = access(path, W_OK) == 0 && access(dir, W_OK | X_OK) == 0;

	free(dir);
	return ok;
}

static void add_group(struct strv *out, gid_t gid)
{
	struct group *g = getgrgid(gid);
	char *name = g ? xstrdup(g->gr_name) : xasprintf("%u", (unsigned)gid);

	if (!strv_has(out, name))
		strv_add(out, name);
	free(name);
}

static const acl_perm_t perms[] = { ACL_READ, ACL_WRITE, ACL_EXECUTE };

/* The permissions of an entry's set as bits (ACL_READ | ...). */
static unsigned perm_bits(acl_entry_t e)
{
	acl_permset_t ps;
	unsigned bits = 0;

	if (acl_get_permset(e, &ps) != 0)
		return 0;
	for (size_t i = 0; i < sizeof perms / sizeof *perms; i++)
		if (acl_get_perm(ps, perms[i]) == 1)
			bits |= perms[i];
	return bits;
}

/* The mask entry's permissions (all when the ACL has none). */
static unsigned acl_mask_of(acl_t acl)
{
	acl_entry_t e;
	unsigned mask = ACL_READ | ACL_WRITE | ACL_EXECUTE;

	for (int id = ACL_FIRST_ENTRY; acl_get_entry(acl, id, &e) == 1;
	     id = ACL_NEXT_ENTRY) {
		acl_tag_t tag;
		if (acl_get_tag_type(e, &tag) == 0 && tag == ACL_MASK)
			mask = perm_bits(e);
	}
	return mask;
}

/* The groups whose members may do want to path: its own group and the
 * groups its access ACL names. */
static void groups_allowed(const char *path, const struct stat *sb,
			   unsigned want, struct strv *out)
{
	acl_t acl = acl_get_file(path, ACL_TYPE_ACCESS);
	acl_entry_t e;
	unsigned mask;

	if (!acl) {
		unsigned bits = (sb->st_mode >> 3) & 7;
		if ((bits & want) == want)
			add_group(out, sb->st_gid);
		return;
	}
	mask = acl_mask_of(acl);
	for (int id = ACL_FIRST_ENTRY; acl_get_entry(acl, id, &e) == 1;
	     id = ACL_NEXT_ENTRY) {
		acl_tag_t tag;
		gid_t *gid;
		if (acl_get_tag_type(e, &tag) != 0 ||
		    (perm_bits(e) & mask & want) != want)
			continue;
		if (tag == ACL_GROUP_OBJ) {
			add_group(out, sb->st_gid);
		} else if (tag == ACL_GROUP && (gid = acl_get_qualifier(e))) {
			add_group(out, *gid);
			acl_free(gid);
		}
	}
	acl_free(acl);
}

/* "'organisers'" or "'organisers', 'residents'" (caller frees). */
static char *group_list(const struct strv *groups)
{
	struct sbuf b = { 0 };

	for (size_t i = 0; i < groups->n; i++) {
		if (i)
			/* TRANSLATORS: what separates two names in a list. */
			sbuf_add(&b, _(", "));
		/* TRANSLATORS: one group name in a list of them. */
		sbuf_addf(&b, _("'%s'"), groups->v[i]);
	}
	return sbuf_take(&b);
}

/* The first directory on the way to path that this process may not
 * enter (caller frees), or NULL. */
static char *blocking_dir(const char *path)
{
	char *dir = xstrdup(path);

	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (access(dir, X_OK) != 0)
			return dir;
		*p = '/';
	}
	free(dir);
	return NULL;
}

/* What was refused: reading or changing the file, entering or writing in
 * a directory. */
enum refusal { READ_FILE, WRITE_FILE, ENTER_DIR, WRITE_DIR };

static const unsigned refusal_wants[] = {
	[READ_FILE] = ACL_READ, [WRITE_FILE] = ACL_WRITE,
	[ENTER_DIR] = ACL_EXECUTE, [WRITE_DIR] = ACL_WRITE | ACL_EXECUTE,
};

/* When no group may: whose the file or directory is. */
static int refused_by_owner(const char *what, enum refusal r, uid_t owner,
			    struct herr *err)
{
	struct passwd *pw = getpwuid(owner);
	const char *name = pw ? pw->pw_name : "?";

	switch (r) {
	case READ_FILE:
		return herr_set(err, HE_USER, _("permission denied: you may not "
				"read %s; ask its owner (%s)"), what, name);
	case WRITE_FILE:
		return herr_set(err, HE_USER, _("permission denied: you may only "
				"read %s; ask its owner (%s) if you should change "
				"it"), what, name);
	case ENTER_DIR:
		return herr_set(err, HE_USER, _("permission denied: you may not "
				"enter the directory %s; ask its owner (%s)"),
				what, name);
	default:
		return herr_set(err, HE_USER, _("permission denied: changes need "
				"to write in the directory %s, which you may not; "
				"ask its owner (%s)"), what, name);
	}
}

/* The refusal r of what, naming the groups whose members may. */
static int refused(const char *what, enum refusal r, struct herr *err)
{
	struct strv groups = { 0 };
	struct stat sb;
	unsigned long n;
	char *list;
	int rc;

	if (stat(what, &sb) != 0)
		return herr_set(err, HE_USER, _("permission denied: %s"), what);
	groups_allowed(what, &sb, refusal_wants[r], &groups);
	if (groups.n == 0) {
		strv_free(&groups);
		return refused_by_owner(what, r, sb.st_uid, err);
	}
	list = group_list(&groups);
	n = (unsigned long)groups.n;
	switch (r) {
	case READ_FILE:
		/* TRANSLATORS: the last %s lists groups, each in quotes. */
		rc = herr_set(err, HE_USER, ngettext(
			"permission denied: you may not read %s; ask an "
			"administrator to add you to the group %s",
			"permission denied: you may not read %s; ask an "
			"administrator to add you to one of the groups %s", n),
			what, list);
		break;
	case WRITE_FILE:
		/* TRANSLATORS: the last %s lists groups, each in quotes. */
		rc = herr_set(err, HE_USER, ngettext(
			"permission denied: you may only read %s; to change it, "
			"ask an administrator to add you to the group %s",
			"permission denied: you may only read %s; to change it, "
			"ask an administrator to add you to one of the groups %s",
			n), what, list);
		break;
	case ENTER_DIR:
		/* TRANSLATORS: the last %s lists groups, each in quotes. */
		rc = herr_set(err, HE_USER, ngettext(
			"permission denied: you may not enter the directory %s; "
			"ask an administrator to add you to the group %s",
			"permission denied: you may not enter the directory %s; "
			"ask an administrator to add you to one of the groups %s",
			n), what, list);
		break;
	default:
		/* TRANSLATORS: the last %s lists groups, each in quotes. */
		rc = herr_set(err, HE_USER, ngettext(
			"permission denied: changes need to write in the "
			"directory %s, which you may not; ask an administrator "
			"to add you to the group %s",
			"permission denied: changes need to write in the "
			"directory %s, which you may not; ask an administrator "
			"to add you to one of the groups %s", n), what, list);
		break;
	}
	free(list);
	strv_free(&groups);
	return rc;
}

int perm_explain(const char *path, int errnum, bool write, struct herr *err)
{
	char *dir;
	int rc;

	if (errnum == EROFS)
		return herr_set(err, HE_USER, _("%s is on a file system mounted "
				"read-only"), path);
	if (errnum != EACCES && errnum != EPERM)
		return herr_set(err, HE_INTERNAL, _("cannot open database %s: %s"),
				path, strerror(errnum));
	if ((dir = blocking_dir(path))) {
		rc = refused(dir, ENTER_DIR, err);
		free(dir);
		return rc;
	}
	if (access(path, R_OK) != 0)
		return refused(path, READ_FILE, err);
	if (!write || access(path, W_OK) != 0)
		return refused(path, write ? WRITE_FILE : READ_FILE, err);
	dir = dir_of(path);
	rc = refused(dir, WRITE_DIR, err);
	free(dir);
	return rc;
}

int perm_share_new(const char *path, struct herr *err)
{
	char *dir = dir_of(path);
	struct stat sb;
	bool shared = stat(dir, &sb) == 0 && (sb.st_mode & S_ISGID);

	free(dir);
	/* The umask is not asked: hearth must not depend on each organiser's. */
	if (shared && chmod(path, 0660) != 0)
		return herr_set(err, HE_INTERNAL,
				_("cannot make %s writable by its group: %s"), path,
				strerror(errno));
	return HE_OK;
}
