/*
 * i18n.h - marking user-visible strings for translation (gettext).
 *
 * _() translates at run time; N_() only marks a string in a table for
 * xgettext, to be translated where it is shown.
 */
#ifndef HEARTH_I18N_H
#define HEARTH_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

#endif
