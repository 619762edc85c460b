/* locale_setup.c - a UTF-8 character locale and the message catalogue. */
#include "locale_setup.h"

#include <langinfo.h>
#include <libintl.h>
#include <locale.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/i18n.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

static const char *problem;

static bool ctype_is_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

/*
 * Where the message catalogues are: $HEARTH_LOCALEDIR, else build/locale
 * beside an uninstalled ./hearth (make run), else the installed LOCALEDIR.
 */
static const char *catalogue_dir(void)
{
	static char dir[4096 + 16];
	const char *env = getenv("HEARTH_LOCALEDIR");
	char exe[4096];
	ssize_t n;
	struct stat sb;

	if (env && *env)
		return env;
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		char *slash;
		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			snprintf(dir, sizeof dir, "%s/build/locale", exe);
			if (stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode))
				return dir;
		}
	}
	return LOCALEDIR;
}

bool locale_setup(void)
{
	static const char *const fallbacks[] = { "C.UTF-8", "C.utf8",
						 "en_US.UTF-8", "en_US.utf8" };

	setlocale(LC_ALL, "");
	bindtextdomain("hearth", catalogue_dir());
	bind_textdomain_codeset("hearth", "UTF-8");
	textdomain("hearth");
	if (ctype_is_utf8())
		return true;
	for (size_t i = 0; i < sizeof fallbacks / sizeof *fallbacks; i++)
		if (setlocale(LC_CTYPE, fallbacks[i]) && ctype_is_utf8())
			return true;
	problem = N_("no UTF-8 locale is installed (C.UTF-8 is missing), so "
		     "Chinese and other wide text cannot be shown");
	return false;
}

const char *locale_problem(void)
{
	return problem ? _(problem) : NULL;
}
