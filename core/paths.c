/* paths.c - the XDG base directories, in one place. */
#include "paths.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* $var/hearth/name when var is an absolute path, else ~/fallback/...; a
 * process without HOME uses the current directory. */
static char *xdg(const char *var, const char *fallback, const char *name)
{
	const char *dir = getenv(var);
	const char *home = getenv("HOME");

	if (dir && *dir == '/')
		return xasprintf("%s/hearth/%s", dir, name);
	return xasprintf("%s/%s/hearth/%s", home ? home : ".", fallback, name);
}

char *path_config(const char *name)
{
	return xdg("XDG_CONFIG_HOME", ".config", name);
}

char *path_data(const char *name)
{
	return xdg("XDG_DATA_HOME", ".local/share", name);
}

char *path_home(const char *name)
{
	const char *home = getenv("HOME");

	return xasprintf("%s/%s", home && *home ? home : ".", name);
}

char *path_expand_home(const char *path)
{
	const char *home = getenv("HOME");

	if (!strncmp(path, "~/", 2) && home && *home)
		return xasprintf("%s%s", home, path + 1);
	return xstrdup(path);
}
