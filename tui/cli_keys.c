/* cli_keys.c - hearth keys: the key bindings of the full-screen interface. */
#include <string.h>

#include "../core/i18n.h"
#include "../core/label.h"
#include "cli.h"
#include "keytab.h"
#include "out.h"

static const char keys_usage[] = N_(
"usage: hearth keys\n"
"Lists every action of the full-screen interface: its name (as used in the\n"
"[keys] section of the config file), its default keys, the views it works\n"
"in and what it does.\n");

int cmd_keys(struct app *c, int argc, char **argv)
{
	struct table t;

	if (cli_wants_help(argc, argv, _(keys_usage), c->out))
		return HE_OK;
	if (argc > 1)
		return cli_usage_error(c, "keys", _("unexpected argument '%s'"),
				       argv[1]);
	table_init(&t, 4, 0);
	for (size_t i = 0; i < n_keydefs; i++) {
		const struct keydef *d = &keydefs[i];
		struct sbuf views = { 0 };
		if (d->views == KV_ALL)
			/* TRANSLATORS: a key works in all views. */
			sbuf_add(&views, _("all"));
		else
			for (int v = 0; v < V_NAMES; v++)
				if (d->views & (1u << v))
					sbuf_addf(&views, "%s%s", views.len ? label_list_sep() : "",
						  _(keytab_view_names[v]));
		const char *row[] = { d->name, d->keys, sbuf_str(&views), _(d->help) };
		table_add(&t, row);
		sbuf_free(&views);
	}
	table_print(&t, c->out, NULL);
	table_free(&t);
	return HE_OK;
}
