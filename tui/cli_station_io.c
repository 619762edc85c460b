/*
 * cli_station_io.c - stations and demand points in bulk: hearth venue
 * import and export, and hearth demand (import, list, remove).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/atomic.h"
#include "../core/i18n.h"
#include "cli.h"
#include "cli_station.h"
#include "out.h"

/* Files larger than this are not lists of stations. */
#define IMPORT_MAX_BYTES (64L * 1024 * 1024)

char *cli_read_file(struct app *c, const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	struct sbuf b = { 0 };
	char buf[65536];
	size_t got;

	*len = 0;
	if (!f) {
		herr_set(&c->err, HE_USER, _("cannot read %s: %s"), path,
			 strerror(errno));
		return NULL;
	}
	while ((got = fread(buf, 1, sizeof buf, f)) > 0) {
		sbuf_addn(&b, buf, got);
		if (b.len > IMPORT_MAX_BYTES)
			break;
	}
	if (ferror(f) || b.len > IMPORT_MAX_BYTES) {
		herr_set(&c->err, HE_USER, b.len > IMPORT_MAX_BYTES
			 ? _("%s is larger than 64 MB") : _("cannot read %s"),
			 path);
		sbuf_free(&b);
		if (f != stdin)
			fclose(f);
		return NULL;
	}
	if (f != stdin)
		fclose(f);
	*len = b.len;
	return b.len ? sbuf_take(&b) : (sbuf_free(&b), xstrdup(""));
}

/* Says what an import did, or each of its problems on stderr. */
static void import_report(struct app *c, const char *path,
			  const struct import_result *r, bool dry_run, int rc)
{
	for (size_t i = 0; i < r->problems.n; i++) {
		fputs("hearth: ", stderr);
		out_text(stderr, path);
		fputs(": ", stderr);
		out_text(stderr, r->problems.v[i]);
		fputc('\n', stderr);
	}
	if (r->n_problems > r->problems.n)
		fprintf(stderr, _("hearth: ... and %zu more\n"),
			r->n_problems - r->problems.n);
	for (size_t i = 0; i < r->notes.n; i++) {
		fputs("hearth: ", stderr);
		out_text(stderr, path);
		fputs(": ", stderr);
		out_text(stderr, r->notes.v[i]);
		fputc('\n', stderr);
	}
	if (rc != HE_OK)
		return;
	fprintf(c->out, dry_run
		? _("would add %zu, change %zu, leave %zu unchanged\n")
		: _("%zu added, %zu changed, %zu unchanged\n"),
		r->added, r->changed, r->unchanged);
}

struct io_args {
	const char *crs, *format, *output;
	bool dry_run;
};

static int io_options(struct app *c, const char *cmd, int argc, char **argv,
		      struct io_args *a)
{
	static const struct option opts[] = {
		{ "crs", required_argument, NULL, 'c' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		switch (opt) {
		case 'c': a->crs = optarg; break;
		case 'f': a->format = optarg; break;
		case 'o': a->output = optarg; break;
		case 'n': a->dry_run = true; break;
		default:
			return cli_usage_error(c, cmd, _("unknown option or "
					       "missing value in '%s'"),
					       argv[optind - 1]);
		}
	}
	return HE_OK;
}

/* The file's format by --format, else its name. */
static int file_format(struct app *c, const char *cmd, const char *path,
		       const char *format, enum station_file *out)
{
	if (format && !strcmp(format, "csv"))
		*out = STATION_CSV;
	else if (format && !strcmp(format, "geojson"))
		*out = STATION_GEOJSON;
	else if (format)
		return cli_usage_error(c, cmd, _("--format is csv or geojson, not "
						 "'%s'"), format);
	else if (!path || !station_file_of(path, out))
		return cli_usage_error(c, cmd, _("say --format csv or geojson (or "
						 "name the file .csv or "
						 ".geojson)"));
	return HE_OK;
}

static int import_file(struct app *c, const char *cmd, int argc, char **argv,
		       bool demand)
{
	struct io_args a = { 0 };
	struct import_opts o = { 0 };
	struct import_result r = { 0 };
	char *text;
	size_t len;
	int rc;

	if ((rc = io_options(c, cmd, argc, argv, &a)) != HE_OK)
		return rc;
	if (optind + 1 != argc || a.output)
		return cli_usage_error(c, cmd, _("give exactly one file"));
	o.name = argv[optind];
	o.dry_run = a.dry_run;
	o.crs = c->cfg.stations->crs;
	if (a.crs && !crs_parse(a.crs, &o.crs))
		return herr_set(&c->err, HE_USER, _("--crs wants wgs84 or gcj02, "
						    "not '%s'"), a.crs);
	if ((rc = file_format(c, cmd, o.name, a.format, &o.format)) != HE_OK)
		return rc;
	if (!(text = cli_read_file(c, o.name, &len)))
		return HE_USER;
	if ((rc = app_open(c, true)) == HE_OK)
		rc = (demand ? demand_import : stations_import)(c->st, text, len,
								&o, &r, &c->err);
	import_report(c, o.name, &r, a.dry_run, rc);
	import_result_free(&r);
	free(text);
	return rc;
}

int cli_venue_import(struct app *c, int argc, char **argv)
{
	return import_file(c, "venue", argc, argv, false);
}

int cli_venue_export(struct app *c, int argc, char **argv)
{
	struct io_args a = { 0 };
	enum station_file format;
	enum crs crs = CRS_WGS84;
	char *tmp = NULL;
	FILE *out = c->out;
	int rc;

	if ((rc = io_options(c, "venue", argc, argv, &a)) != HE_OK)
		return rc;
	if (optind != argc || a.dry_run)
		return cli_usage_error(c, "venue", _("export takes no file name: "
						     "use -o FILE"));
	if ((rc = file_format(c, "venue", a.output && strcmp(a.output, "-")
			      ? a.output : NULL, a.format, &format)) != HE_OK)
		return rc;
	if (a.crs && !crs_parse(a.crs, &crs))
		return herr_set(&c->err, HE_USER, _("--crs wants wgs84 or gcj02, "
						    "not '%s'"), a.crs);
	if ((rc = app_open(c, false)) != HE_OK)
		return rc;
	if (a.output && strcmp(a.output, "-") &&
	    !(out = atomic_open(a.output, ATOMIC_IN_PLACE, &tmp, &c->err)))
		return HE_INTERNAL;
	rc = stations_export(c->st, format, crs, out, &c->err);
	if (out != c->out)
		rc = atomic_close(out, tmp, a.output, rc, NULL, &c->err);
	free(tmp);
	return rc;
}

static const char demand_usage[] = N_(
"usage: hearth demand import FILE.csv|FILE.geojson [--crs wgs84|gcj02]\n"
"                            [--dry-run]\n"
"       hearth demand ls [--format text|tsv|json]\n"
"       hearth demand rm NAME|--all\n"
"Demand points are the places whose reach to an open station coverage\n"
"measures: communities (weight: residents), rider gathering spots (weight:\n"
"riders). A CSV file has the columns name, lat, lon and optionally id,\n"
"weight and crs; GeoJSON has Point features with the properties name and\n"
"weight. Importing again updates the points by id, else by name.\n");

static int demand_ls(struct app *c, int argc, char **argv)
{
	static const char *const keys[] = { "name", "lat", "lon", "weight", "id" };
	enum cli_format fmt = FORMAT_TEXT;
	struct demand_list l = { 0 };
	int rc;

	if (argc == 3 && !strcmp(argv[1], "--format"))
		rc = cli_parse_format(c, argv[2], &fmt);
	else if (argc != 1)
		rc = cli_usage_error(c, "demand", _("ls takes only --format"));
	else
		rc = HE_OK;
	if (rc != HE_OK || (rc = app_open(c, false)) != HE_OK ||
	    (rc = store_demand_list(c->st, &l, &c->err)) != HE_OK)
		return rc;
	const char **rows = xcalloc(l.n * 5 + 1, sizeof *rows);
	char **owned = xcalloc(l.n * 3 + 1, sizeof *owned);
	for (size_t i = 0; i < l.n; i++) {
		owned[3 * i] = xasprintf("%.7f", l.v[i].lat);
		owned[3 * i + 1] = xasprintf("%.7f", l.v[i].lon);
		owned[3 * i + 2] = xasprintf("%g", l.v[i].weight);
		rows[5 * i] = l.v[i].name;
		rows[5 * i + 1] = owned[3 * i];
		rows[5 * i + 2] = owned[3 * i + 1];
		rows[5 * i + 3] = owned[3 * i + 2];
		rows[5 * i + 4] = l.v[i].ref;
	}
	cli_print_rows(c, fmt, keys, 5, rows, l.n);
	for (size_t i = 0; i < 3 * l.n; i++)
		free(owned[i]);
	free(owned);
	free(rows);
	demand_list_free(&l);
	return HE_OK;
}

int cmd_demand(struct app *c, int argc, char **argv)
{
	size_t n;
	int rc;

	if (cli_wants_help(argc, argv, _(demand_usage), c->out))
		return HE_OK;
	if (argc >= 2 && !strcmp(argv[1], "import"))
		return import_file(c, "demand", argc - 1, argv + 1, true);
	if (argc >= 2 && !strcmp(argv[1], "ls"))
		return demand_ls(c, argc - 1, argv + 1);
	if (argc == 3 && !strcmp(argv[1], "rm")) {
		if ((rc = app_open(c, false)) != HE_OK ||
		    (rc = store_demand_delete(c->st, strcmp(argv[2], "--all")
					      ? argv[2] : NULL, &n, &c->err)))
			return rc;
		fprintf(c->out, ngettext("%zu demand point removed\n",
					 "%zu demand points removed\n", n), n);
		return HE_OK;
	}
	return cli_usage_error(c, "demand", _("say import, ls or rm"));
}
