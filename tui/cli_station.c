/* cli_station.c - hearth venue show, and saving a station from a command. */
#include "cli_station.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "../core/civil.h"
#include "../core/i18n.h"
#include "../core/label.h"
#include "../core/text.h"
#include "cli.h"
#include "out.h"

void cli_point_at(FILE *out, const char *text, int column)
{
	size_t len = strlen(text), p = 0;
	int width = 0;
	char *shown = text_sanitize(text);

	for (int k = 1; k < column && p < len; k++) {
		uint32_t cp;
		size_t used = text_decode(text + p, len - p, &cp);
		if (!used)
			break;
		width += text_cp_width(text_shown(cp) ? text_shown(cp) : ' ');
		p += used;
	}
	fprintf(out, "  %s\n  %*s^\n", shown, width, "");
	free(shown);
}

int cli_station_put(struct app *c, const char *old_name,
		    const struct station *s)
{
	int rc = store_station_put(c->st, old_name, s, &c->err);
	struct hours h;
	struct herr e;
	int column = 0;

	if (rc == HE_OK || !s->hours)
		return rc;
	if (hours_parse(s->hours, &h, &column, &e) == HE_OK) {
		hours_free(&h);
		return rc;
	}
	/* The message, then where: as a compiler says it. */
	fputs("hearth: ", stderr);
	out_text(stderr, c->err.msg);
	fputc('\n', stderr);
	cli_point_at(stderr, s->hours, column);
	c->err.msg[0] = '\0';
	return rc;
}

static void print_field(struct app *c, const char *label, const char *value)
{
	if (str_empty(value))
		return;
	fprintf(c->out, "%-10s ", label);
	out_text(c->out, value);
	fputc('\n', c->out);
}

/* "open until 20:00", "closed", "open 24 hours" at the app's now. */
static char *state_now(struct app *c, const struct station *s)
{
	struct open_query q = { .at = c->now };
	struct open_list l = { 0 };
	struct herr e;
	char *text = NULL;

	if (stations_open(c->st, c->cfg.stations, c->home, &q, &l, &e) != HE_OK)
		return NULL;
	for (size_t i = 0; i < l.n && !text; i++) {
		if (strcmp(l.v[i].s.v.name, s->v.name))
			continue;
		if (l.v[i].closes == INT64_MAX) {
			text = xstrdup(_("open now, not closing this week"));
		} else {
			struct civil at = tz_from_utc(c->zone, l.v[i].closes, NULL);
			char hhmm[8];
			label_hhmm(&at, hhmm);
			text = xasprintf(_("open now, until %s"), hhmm);
		}
	}
	open_list_free(&l);
	return text ? text : xstrdup(_("closed now"));
}

static void show_text(struct app *c, const struct station *s)
{
	struct sbuf b = { 0 };
	char *words = NULL, *now;
	struct hours h;

	print_field(c, _("Venue"), s->v.name);
	print_field(c, _("Type"), s->v.type);
	print_field(c, _("Address"), s->v.address);
	if (s->v.has_geo) {
		double glat = s->v.lat, glon = s->v.lon;
		geo_from_wgs(CRS_GCJ02, &glat, &glon);
		char *geo = xasprintf(_("%.6f,%.6f (WGS-84); %.6f,%.6f on Chinese "
					"maps (GCJ-02)"), s->v.lat, s->v.lon,
				      glat, glon);
		print_field(c, _("Location"), geo);
		free(geo);
	}
	for (size_t i = 0; i < s->v.services.n; i++)
		sbuf_addf(&b, "%s%s", i ? label_list_sep() : "",
			  s->v.services.v[i]);
	print_field(c, _("Services"), sbuf_str(&b));
	sbuf_free(&b);
	print_field(c, _("Contact"), s->contact);
	print_field(c, _("Id"), s->ref);
	if (s->hours && hours_parse(s->hours, &h, NULL, NULL) == HE_OK) {
		words = hours_words(&h);
		hours_free(&h);
	}
	print_field(c, _("Hours"), s->hours);
	print_field(c, "", words);
	now = state_now(c, s);
	print_field(c, _("Now"), now);
	for (size_t i = 0; i < s->members.n; i++)
		sbuf_addf(&b, "%s%s", i ? label_list_sep() : "", s->members.v[i]);
	print_field(c, _("Members"), sbuf_str(&b));
	sbuf_free(&b);
	for (size_t i = 0; i < s->networks.n; i++)
		sbuf_addf(&b, "%s%s", i ? label_list_sep() : "", s->networks.v[i]);
	print_field(c, _("Networks"), sbuf_str(&b));
	sbuf_free(&b);
	print_field(c, _("Notes"), s->v.notes);
	free(words);
	free(now);
}

static void json_list(FILE *out, const char *key, const struct strv *l)
{
	fprintf(out, ",\"%s\":[", key);
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			fputc(',', out);
		out_json_string(out, l->v[i]);
	}
	fputc(']', out);
}

static void json_field(FILE *out, const char *key, const char *value)
{
	fprintf(out, ",\"%s\":", key);
	if (value)
		out_json_string(out, value);
	else
		fputs("null", out);
}

static void show_json(struct app *c, const struct station *s)
{
	FILE *out = c->out;

	fputs("{\"name\":", out);
	out_json_string(out, s->v.name);
	json_field(out, "type", s->v.type);
	json_field(out, "address", s->v.address);
	if (s->v.has_geo)
		fprintf(out, ",\"lat\":%.7f,\"lon\":%.7f", s->v.lat, s->v.lon);
	json_list(out, "services", &s->v.services);
	json_field(out, "contact", s->contact);
	json_field(out, "id", s->ref);
	json_field(out, "hours", s->hours);
	json_list(out, "members", &s->members);
	json_list(out, "networks", &s->networks);
	json_field(out, "notes", s->v.notes);
	fputs("}\n", out);
}

static int venue_show(struct app *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	enum cli_format fmt = FORMAT_TEXT;
	struct station s;
	int opt, rc;

	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (opt != 'f')
			return cli_usage_error(c, "venue", _("unknown option or "
					       "missing value in '%s'"),
					       argv[optind - 1]);
		if ((rc = cli_parse_format(c, optarg, &fmt)) != HE_OK)
			return rc;
	}
	if (optind + 1 != argc)
		return cli_usage_error(c, "venue", _("give exactly one name"));
	if ((rc = app_open(c, false)) != HE_OK ||
	    (rc = store_station_get(c->st, argv[optind], &s, &c->err)) != HE_OK)
		return rc;
	if (fmt == FORMAT_JSON)
		show_json(c, &s);
	else
		show_text(c, &s);
	station_free(&s);
	return HE_OK;
}

int cli_venue_more(struct app *c, int argc, char **argv)
{
	if (!strcmp(argv[0], "import"))
		return cli_venue_import(c, argc, argv);
	if (!strcmp(argv[0], "export"))
		return cli_venue_export(c, argc, argv);
	return venue_show(c, argc, argv);
}
