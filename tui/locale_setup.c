/* locale_setup.c - a UTF-8 character locale and the message catalogue. */
#include "locale_setup.h"

#include <langinfo.h>
#include <libintl.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

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

bool locale_setup(void)
{
	static const char *const fallbacks[] = { "C.UTF-8", "C.utf8",
						 "en_US.UTF-8", "en_US.utf8" };
	const char *dir = getenv("HEARTH_LOCALEDIR");

	setlocale(LC_ALL, "");
	bindtextdomain("hearth", dir && *dir ? dir : LOCALEDIR);
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
