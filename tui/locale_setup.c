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

/* The user's character locale when no UTF-8 one could be found, else "". */
static char stuck_in[64];

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
	snprintf(stuck_in, sizeof stuck_in, "%s", setlocale(LC_CTYPE, NULL));
	for (size_t i = 0; i < sizeof fallbacks / sizeof *fallbacks; i++)
		if (setlocale(LC_CTYPE, fallbacks[i]) && ctype_is_utf8()) {
			stuck_in[0] = '\0';
			return true;
		}
	/* Whatever the user had, rather than a half-switched state. */
	setlocale(LC_CTYPE, stuck_in);
	if (!stuck_in[0])
		snprintf(stuck_in, sizeof stuck_in, "C");
	return false;
}

const char *locale_problem(void)
{
	static char msg[512];

	if (!stuck_in[0])
		return NULL;
	/* TRANSLATORS: %s is a locale name such as C or POSIX. The start
	   matters most: a narrow status line shows only the beginning. */
	snprintf(msg, sizeof msg, _("Chinese and other wide text cannot be "
				    "shown or typed: the locale %s is not UTF-8 "
				    "and the system has no UTF-8 locale to switch "
				    "to (not even C.UTF-8); install one (on "
				    "Debian: apt-get install locales) and set "
				    "LANG to it"), stuck_in);
	return msg;
}
