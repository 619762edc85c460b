/* ui_export.c - x: export what the view shows. */
#include "ui_int.h"

#include "../core/i18n.h"

void ui_export(struct ui *u, int64_t from, int64_t to)
{
	(void)from;
	(void)to;
	ui_message(u, _("Export to .ics arrives with iCalendar support; "
			"nothing was written."));
}
