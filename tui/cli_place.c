/* cli_place.c - venues, organisations and kinds: add, edit, rm, list. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/stations/stations.h"
#include "../core/when.h"
#include "cli.h"
#include "cli_station.h"
#include "out.h"

static const char venue_usage[] = N_(
"usage: hearth venue add NAME [--address A] [--geo LAT,LON] [--crs wgs84|gcj02]\n"
"                             [--type T] [--service S]... [--notes TEXT]\n"
"                             [--hours HOURS] [--contact C] [--id ID]\n"
"                             [--member VENUE]...\n"
"       hearth venue edit NAME [--name NEW] [the options of add]\n"
"                              [--if-revision N]\n"
"       hearth venue show NAME [--format text|json]\n"
"       hearth venue rm NAME [--if-revision N]\n"
"       hearth venue import FILE.csv|FILE.geojson [--crs wgs84|gcj02] [--dry-run]\n"
"       hearth venue export --format csv|geojson [--crs wgs84|gcj02] [-o FILE]\n"
"Venue types are free text: community centre, trade-union station, driver's\n"
"home, taxi station, pharmacy station, ... Services given replace the list.\n"
"--geo is read in WGS-84 (GPS, OpenStreetMap) unless --crs gcj02 says it\n"
"was taken from a Chinese map. --hours takes OpenStreetMap opening hours:\n"
"\"Mo-Fr 08:00-20:00; Sa,Su 10:00-18:00; PH off\" (\"\" removes them).\n"
"--member makes the venue a network of others: an event held at the\n"
"network is held at each member. A venue that events still use cannot be\n"
"removed. With --if-revision, only if the venue is still at revision N\n"
"(hearth venues prints it in tsv and json).\n"
"import reads stations from CSV (columns id, name, type, address, lat, lon,\n"
"crs, services, contact, opening_hours, notes, members; Chinese headings\n"
"too) or GeoJSON, matching each with a stored venue by id, else by name and\n"
"address: importing a file twice changes nothing. Every problem is named by\n"
"line or feature and then nothing changes. Points are in the file's crs\n"
"column or member, else --crs, else the config's (WGS-84 by default).\n"
"export writes every venue (GeoJSON in WGS-84, RFC 7946).\n");

/* What venue add/edit were told; NULL means "not given". */
struct venue_args {
	const char *name, *address, *geo, *type, *notes, *crs;
	const char *hours, *contact, *id;
	struct strv services, members;
	bool services_given, members_given;
};

static int parse_geo(struct app *c, const char *s, const char *crs,
		     struct venue *v)
{
	enum crs from = CRS_WGS84;

	v->has_geo = false;
	if (!*s)
		return HE_OK;
	if (crs && !crs_parse(crs, &from))
		return herr_set(&c->err, HE_USER, _("--crs wants wgs84 or gcj02, "
						    "not '%s'"), crs);
	if (!geo_parse_point(s, &v->lat, &v->lon))
		return herr_set(&c->err, HE_USER, _("--geo wants LAT,LON in "
						    "degrees, such as 41.12,122.07"));
	if (geo_check(v->lat, v->lon, &c->err) != HE_OK)
		return HE_USER;
	geo_to_wgs(from, &v->lat, &v->lon);
	v->has_geo = true;
	return HE_OK;
}

static int venue_options(struct app *c, int argc, char **argv,
			 struct venue_args *a)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'N' },
		{ "address", required_argument, NULL, 'a' },
		{ "geo", required_argument, NULL, 'g' },
		{ "type", required_argument, NULL, 't' },
		{ "service", required_argument, NULL, 's' },
		{ "notes", required_argument, NULL, 'n' },
		{ "crs", required_argument, NULL, 'c' },
		{ "hours", required_argument, NULL, 'h' },
		{ "contact", required_argument, NULL, 'C' },
		{ "id", required_argument, NULL, 'i' },
		{ "member", required_argument, NULL, 'm' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'c': a->crs = optarg; break;
		case 'h': a->hours = optarg; break;
		case 'C': a->contact = optarg; break;
		case 'i': a->id = optarg; break;
		case 'm':
			a->members_given = true;
			if (*optarg)
				strv_add(&a->members, optarg);
			break;
		case 'N': a->name = optarg; break;
		case 'a': a->address = optarg; break;
		case 'g': a->geo = optarg; break;
		case 't': a->type = optarg; break;
		case 's':
			a->services_given = true;
			if (*optarg)
				strv_add(&a->services, optarg);
			break;
		case 'n': a->notes = optarg; break;
		default:
			return cli_usage_error(c, "venue", _("unknown option or "
					       "missing value in '%s'"),
					       argv[optind - 1]);
		}
	}
	if (optind + 1 != argc)
		return cli_usage_error(c, "venue", _("give exactly one name"));
	return HE_OK;
}

static int apply_venue_args(struct app *c, const struct venue_args *a,
			    struct station *s)
{
	struct venue *v = &s->v;

	if (a->hours)
		str_replace(&s->hours, *a->hours ? a->hours : NULL);
	if (a->contact)
		str_replace(&s->contact, *a->contact ? a->contact : NULL);
	if (a->id)
		str_replace(&s->ref, *a->id ? a->id : NULL);
	if (a->members_given) {
		strv_free(&s->members);
		strv_copy(&s->members, &a->members);
	}
	if (a->crs && !a->geo)
		return herr_set(&c->err, HE_USER, _("--crs says what --geo is in: "
						    "give --geo too"));
	if (a->name)
		str_replace(&v->name, a->name);
	if (a->address)
		str_replace(&v->address, a->address);
	if (a->type)
		str_replace(&v->type, a->type);
	if (a->notes)
		str_replace(&v->notes, a->notes);
	if (a->services_given) {
		strv_free(&v->services);
		strv_copy(&v->services, &a->services);
	}
	return a->geo ? parse_geo(c, a->geo, a->crs, v) : HE_OK;
}

static int venue_cmd(struct app *c, const char *action, int argc, char **argv)
{
	struct venue_args a = { 0 };
	struct station v = { 0 };
	const char *name;
	bool edit = !strcmp(action, "edit");
	int rc;

	if ((rc = venue_options(c, argc, argv, &a)) != HE_OK)
		goto out;
	name = argv[optind];
	if (!edit && a.name) {
		rc = cli_usage_error(c, "venue", _("--name is for edit"));
		goto out;
	}
	if (!edit && c->if_revision) {
		rc = cli_usage_error(c, "venue", _("--if-revision is for edit "
				     "and rm"));
		goto out;
	}
	if ((rc = app_open(c, !edit)) != HE_OK)
		goto out;
	if (edit)
		rc = store_station_get(c->st, name, &v, &c->err);
	else
		v.v.name = xstrdup(name);
	/* The update is made only at the revision read (store_venue_put). */
	if (rc == HE_OK && c->if_revision && v.v.revision != c->if_revision)
		rc = cli_conflict(c, name, name, c->if_revision, v.v.revision);
	if (rc == HE_OK && (rc = apply_venue_args(c, &a, &v)) == HE_OK)
		rc = cli_station_put(c, edit ? name : NULL, &v);
out:
	strv_free(&a.services);
	strv_free(&a.members);
	station_free(&v);
	return rc;
}

/*
 * venue rm and org rm: at the revision --if-revision names, else at the
 * one read now, so that a change made meanwhile is not removed unseen.
 */
static int remove_place(struct app *c, bool venue, const char *name)
{
	struct venue v = { 0 };
	struct org o = { 0 };
	int rc, revision;

	if ((rc = app_open(c, false)) != HE_OK)
		return rc;
	rc = venue ? store_venue_get(c->st, name, &v, &c->err)
		   : store_org_get(c->st, name, &o, &c->err);
	revision = venue ? v.revision : o.revision;
	venue_free(&v);
	org_free(&o);
	if (rc != HE_OK)
		return rc;
	if (c->if_revision && revision != c->if_revision)
		return cli_conflict(c, name, name, c->if_revision, revision);
	return venue ? store_venue_delete(c->st, name, revision, &c->err)
		     : store_org_delete(c->st, name, revision, &c->err);
}

int cmd_venue(struct app *c, int argc, char **argv)
{
	int rc;

	if (cli_wants_help(argc, argv, _(venue_usage), c->out))
		return HE_OK;
	if ((rc = cli_take_revision(c, "venue", &argc, argv)) != HE_OK)
		return rc;
	if (argc == 3 && !strcmp(argv[1], "rm"))
		return remove_place(c, true, argv[2]);
	if (argc >= 2 && (!strcmp(argv[1], "import") ||
			  !strcmp(argv[1], "export") || !strcmp(argv[1], "show")))
		return cli_venue_more(c, argc - 1, argv + 1);
	if (argc < 2 || (strcmp(argv[1], "add") && strcmp(argv[1], "edit")))
		return cli_usage_error(c, "venue", _("say add, edit, show, rm, "
						     "import or export"));
	return venue_cmd(c, argv[1], argc - 1, argv + 1);
}

static const char org_usage[] = N_(
"usage: hearth org add NAME [--type T] [--contact C]\n"
"       hearth org edit NAME [--name NEW] [--type T] [--contact C]\n"
"                            [--if-revision N]\n"
"       hearth org rm NAME [--if-revision N]\n"
"Types are free text: party committee, social-work department, hospital,\n"
"police, association, enterprise, ... An organisation that events still name\n"
"cannot be removed. With --if-revision, only if the organisation is still at\n"
"revision N (hearth orgs prints it in tsv and json).\n");

static int org_options(struct app *c, int argc, char **argv, struct org *o)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'N' },
		{ "type", required_argument, NULL, 't' },
		{ "contact", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'N': str_replace(&o->name, optarg); break;
		case 't': str_replace(&o->type, optarg); break;
		case 'c': str_replace(&o->contact, optarg); break;
		default:
			return cli_usage_error(c, "org", _("unknown option or missing "
						  "value in '%s'"), argv[optind - 1]);
		}
	}
	if (optind + 1 != argc)
		return cli_usage_error(c, "org", _("give exactly one name"));
	return HE_OK;
}

int cmd_org(struct app *c, int argc, char **argv)
{
	struct org o = { 0 };
	const char *action;
	int rc;

	if (cli_wants_help(argc, argv, _(org_usage), c->out))
		return HE_OK;
	if ((rc = cli_take_revision(c, "org", &argc, argv)) != HE_OK)
		return rc;
	if (argc < 2)
		return cli_usage_error(c, "org", _("say add, edit or rm"));
	action = argv[1];
	argc--, argv++;
	if (!strcmp(action, "rm")) {
		if (argc != 2)
			return cli_usage_error(c, "org", _("give exactly one name"));
		return remove_place(c, false, argv[1]);
	}
	if (!strcmp(action, "add") && c->if_revision)
		return cli_usage_error(c, "org", _("--if-revision is for edit "
				       "and rm"));
	if (strcmp(action, "add") && strcmp(action, "edit"))
		return cli_usage_error(c, "org", _("say add, edit or rm"));
	if ((rc = org_options(c, argc, argv, &o)) != HE_OK)
		goto out;
	if (!strcmp(action, "edit")) {
		struct org old = { 0 };
		const char *name = argv[optind];
		if ((rc = app_open(c, false)) != HE_OK ||
		    (rc = store_org_get(c->st, name, &old, &c->err)) != HE_OK)
			goto out;
		if (c->if_revision && old.revision != c->if_revision) {
			rc = cli_conflict(c, name, name, c->if_revision,
					  old.revision);
			org_free(&old);
			goto out;
		}
		/* Only what was given changes, at the revision read. */
		if (!o.name) o.name = xstrdup(old.name);
		if (!o.type) o.type = xstrdup0(old.type);
		if (!o.contact) o.contact = xstrdup0(old.contact);
		o.revision = old.revision;
		org_free(&old);
		rc = store_org_put(c->st, name, &o, &c->err);
	} else if (o.name) {
		rc = cli_usage_error(c, "org", _("--name is for edit"));
	} else {
		o.name = xstrdup(argv[optind]);
		if ((rc = app_open(c, true)) == HE_OK)
			rc = store_org_put(c->st, NULL, &o, &c->err);
	}
out:
	org_free(&o);
	return rc;
}

/* Parses the only option list commands take: --format. */
static int list_format(struct app *c, const char *cmd, int argc, char **argv,
		       enum cli_format *fmt)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	int opt, rc;

	*fmt = FORMAT_TEXT;
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (opt != 'f')
			return cli_usage_error(c, cmd, _("unknown option or missing "
						 "value in '%s'"), argv[optind - 1]);
		if ((rc = cli_parse_format(c, optarg, fmt)) != HE_OK)
			return rc;
	}
	if (optind != argc)
		return cli_usage_error(c, cmd, _("unexpected argument '%s'"),
				       argv[optind]);
	return HE_OK;
}

static const char venues_usage[] = N_(
"usage: hearth venues [--format text|tsv|json]\n"
"Lists venues: name, type, address, coordinates, services; tsv and json also\n"
"the revision (what venue edit and rm can be told to expect).\n");

int cmd_venues(struct app *c, int argc, char **argv)
{
	static const char *const keys[] = { "name", "type", "address", "geo",
					    "services", "revision" };
	enum cli_format fmt;
	struct venue *v;
	size_t n;
	int rc;

	if (cli_wants_help(argc, argv, _(venues_usage), c->out))
		return HE_OK;
	if ((rc = list_format(c, "venues", argc, argv, &fmt)) != HE_OK ||
	    (rc = app_open(c, false)) != HE_OK ||
	    (rc = store_venue_list(c->st, &v, &n, &c->err)) != HE_OK)
		return rc;
	const char **rows = xcalloc(n * 6 + 1, sizeof *rows);
	char **owned = xcalloc(n * 3 + 1, sizeof *owned);
	for (size_t i = 0; i < n; i++) {
		struct sbuf svc = { 0 };
		for (size_t j = 0; j < v[i].services.n; j++)
			sbuf_addf(&svc, "%s%s", j ? "; " : "", v[i].services.v[j]);
		owned[3 * i] = v[i].has_geo
			? xasprintf("%.6f,%.6f", v[i].lat, v[i].lon) : xstrdup("");
		owned[3 * i + 1] = sbuf_take(&svc);
		owned[3 * i + 2] = xasprintf("%d", v[i].revision);
		rows[6 * i] = v[i].name;
		rows[6 * i + 1] = v[i].type;
		rows[6 * i + 2] = v[i].address;
		rows[6 * i + 3] = owned[3 * i];
		rows[6 * i + 4] = owned[3 * i + 1];
		rows[6 * i + 5] = owned[3 * i + 2];
	}
	cli_print_rows_some(c, fmt, keys, 6, 5, rows, n);
	for (size_t i = 0; i < 3 * n; i++)
		free(owned[i]);
	free(owned);
	free(rows);
	venue_list_free(v, n);
	return HE_OK;
}

static const char orgs_usage[] = N_(
"usage: hearth orgs [--format text|tsv|json]\n"
"Lists organisations: name, type, contact; tsv and json also the revision\n"
"(what org edit and rm can be told to expect).\n");

int cmd_orgs(struct app *c, int argc, char **argv)
{
	static const char *const keys[] = { "name", "type", "contact",
					    "revision" };
	enum cli_format fmt;
	struct org *o;
	size_t n;
	int rc;

	if (cli_wants_help(argc, argv, _(orgs_usage), c->out))
		return HE_OK;
	if ((rc = list_format(c, "orgs", argc, argv, &fmt)) != HE_OK ||
	    (rc = app_open(c, false)) != HE_OK ||
	    (rc = store_org_list(c->st, &o, &n, &c->err)) != HE_OK)
		return rc;
	const char **rows = xcalloc(n * 4 + 1, sizeof *rows);
	char **owned = xcalloc(n + 1, sizeof *owned);
	for (size_t i = 0; i < n; i++) {
		owned[i] = xasprintf("%d", o[i].revision);
		rows[4 * i] = o[i].name;
		rows[4 * i + 1] = o[i].type;
		rows[4 * i + 2] = o[i].contact;
		rows[4 * i + 3] = owned[i];
	}
	cli_print_rows_some(c, fmt, keys, 4, 3, rows, n);
	for (size_t i = 0; i < n; i++)
		free(owned[i]);
	free(owned);
	free(rows);
	org_list_free(o, n);
	return HE_OK;
}

static const char kinds_usage[] = N_(
"usage: hearth kinds [--format text|tsv|json]\n"
"Lists the kinds of event: key, label, colour, default length, default\n"
"segments. Kinds are defined in the config file (see hearth.conf(5)).\n");

int cmd_kinds(struct app *c, int argc, char **argv)
{
	static const char *const keys[] = { "key", "label", "colour",
					    "duration", "segments" };
	enum cli_format fmt;
	size_t n = c->cfg.n_kinds;
	int rc;

	if (cli_wants_help(argc, argv, _(kinds_usage), c->out))
		return HE_OK;
	if ((rc = list_format(c, "kinds", argc, argv, &fmt)) != HE_OK)
		return rc;
	const char **rows = xcalloc(n * 5 + 1, sizeof *rows);
	char **owned = xcalloc(n * 2 + 1, sizeof *owned);
	for (size_t i = 0; i < n; i++) {
		const struct kind *k = &c->cfg.kinds[i];
		struct sbuf seg = { 0 };
		for (size_t j = 0; j < k->segments.n; j++)
			sbuf_addf(&seg, "%s%s", j ? "; " : "",
				  j < k->n_translated ? _(k->segments.v[j])
						      : k->segments.v[j]);
		owned[2 * i] = when_format_duration(k->duration);
		owned[2 * i + 1] = sbuf_take(&seg);
		rows[5 * i] = k->key;
		rows[5 * i + 1] = kind_label(k);
		rows[5 * i + 2] = k->colour;
		rows[5 * i + 3] = owned[2 * i];
		rows[5 * i + 4] = owned[2 * i + 1];
	}
	cli_print_rows(c, fmt, keys, 5, rows, n);
	for (size_t i = 0; i < 2 * n; i++)
		free(owned[i]);
	free(owned);
	free(rows);
	return HE_OK;
}
