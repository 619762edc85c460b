/* cli_notice.c - hearth notice: the week's events for a group chat. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/publish/publish.h"
#include "cli.h"

static const char notice_usage[] = N_(
"usage: hearth notice [--week | --from WHEN --to WHEN] [--kind K] [--venue V]\n"
"Prints a notice to paste into a group chat, in the interface language: a\n"
"heading, one line per occurrence in date order with its day, times, title\n"
"and venue, cancellations and changes called out, and the feed's address\n"
"when the calendar is published (publish_url). Plain text, no line wrapped.\n"
"  --week          today and the six days after it (the default)\n"
"  --from, --to    another window (a date alone is the whole day)\n"
"  --kind K        only events of this kind\n"
"  --venue V       only events at a venue whose name contains V\n");

struct notice_args {
	const char *from, *to, *kind, *venue;
	bool week;
};

static int parse_notice(struct app *c, int argc, char **argv,
			struct notice_args *a)
{
	enum { OPT_WEEK = 256 };
	static const struct option opts[] = {
		{ "week", no_argument, NULL, OPT_WEEK },
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "kind", required_argument, NULL, 'k' },
		{ "venue", required_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case OPT_WEEK: a->week = true; break;
		case 'f': a->from = optarg; break;
		case 't': a->to = optarg; break;
		case 'k': a->kind = optarg; break;
		case 'v': a->venue = optarg; break;
		default:
			return cli_usage_error(c, "notice", _("unknown option or "
					       "missing value in '%s'"),
					       argv[optind - 1]);
		}
	}
	if (optind != argc)
		return cli_usage_error(c, "notice", _("unexpected argument '%s'"),
				       argv[optind]);
	if (a->week && (a->from || a->to))
		return cli_usage_error(c, "notice", _("give --week or --from and "
				       "--to, not both"));
	if (a->kind && !config_kind(&c->cfg, a->kind))
		return herr_set(&c->err, HE_USER, _("unknown kind '%s' (see "
				"'hearth kinds')"), a->kind);
	return HE_OK;
}

/* The window: --from/--to, else the week from today. */
static int window(struct app *c, const struct notice_args *a,
		  struct notice_opts *o)
{
	struct civil today = app_today(c, c->zone);
	int rc;

	o->from = tz_to_utc(c->zone, &today);
	if (a->from && (rc = cli_window_edge(c, a->from, false, &o->from)))
		return rc;
	if (a->to) {
		if ((rc = cli_window_edge(c, a->to, true, &o->to)) != HE_OK)
			return rc;
	} else {
		struct civil end = civil_add_days(tz_from_utc(c->zone, o->from,
							      NULL), 7);
		end.hour = end.min = end.sec = 0;
		o->to = tz_to_utc(c->zone, &end);
	}
	if (o->to <= o->from)
		return herr_set(&c->err, HE_USER,
				_("--to is not after --from: the window is empty"));
	return HE_OK;
}

int cmd_notice(struct app *c, int argc, char **argv)
{
	struct notice_args a = { 0 };
	struct notice_opts o = { 0 };
	char *text = NULL;
	int rc;

	if (cli_wants_help(argc, argv, _(notice_usage), c->out))
		return HE_OK;
	if ((rc = parse_notice(c, argc, argv, &a)) != HE_OK ||
	    (rc = window(c, &a, &o)) != HE_OK ||
	    (rc = app_open(c, false)) != HE_OK)
		return rc;
	o.kind = a.kind;
	o.venue = a.venue;
	o.zone = c->zone;
	o.cfg = &c->cfg;
	o.base_url = c->cfg.publish.url;
	if ((rc = publish_notice(c->st, &o, &text, &c->err)) == HE_OK)
		fputs(text, c->out);
	free(text);
	return rc;
}
