/* ui_stub.c - placeholder until the full-screen interface lands. */
#include <stdio.h>

#include "../core/i18n.h"
#include "ui.h"

int ui_main(struct cli *c)
{
	return herr_set(&c->err, HE_USER,
			_("the full-screen interface is not built yet; use the "
			  "commands (see 'hearth --help')"));
}
