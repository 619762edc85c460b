/*
 * locale_setup.h - choosing a locale that can show wide text.
 *
 * hearth stores and shows UTF-8. When the user's locale is not UTF-8 (LANG=C
 * over SSH is common), the character type is switched to a UTF-8 locale the
 * system has, C.UTF-8 first, while messages keep the user's language.
 */
#ifndef HEARTH_LOCALE_SETUP_H
#define HEARTH_LOCALE_SETUP_H

#include <stdbool.h>

/*
 * Sets the locale and the message catalogue; false when the locale is not
 * UTF-8 and no UTF-8 locale exists to switch the character type to.
 */
bool locale_setup(void);
/* Why wide text cannot be shown, in the user's language, or NULL when it can. */
const char *locale_problem(void);

#endif
