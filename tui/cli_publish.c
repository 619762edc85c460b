/* cli_publish.c - hearth publish and hearth qr: the calendar to phones. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/atomic.h"
#include "../core/i18n.h"
#include "../core/publish/publish.h"
#include "../core/qr/qr.h"
#include "cli_event.h"
#include "out.h"

static const char publish_usage[] = N_(
"usage: hearth publish [DIR] [--base-url URL] [--list]\n"
"Writes the calendar as feeds that phones subscribe to, into DIR (default:\n"
"the config's publish), for a web server to serve: all.ics, one feed per\n"
"kind, venue and organisation, and index.html with webcal:// and https://\n"
"links and their QR codes. A file whose content has not changed is left as\n"
"it is. With publish = DIR in the config, every change made through hearth\n"
"republishes the feeds it touches by itself.\n"
"  --base-url URL  the address DIR is served at (default: the config's\n"
"                  publish_url); without one, index.html links the feeds\n"
"                  relatively and has no webcal:// links or QR codes\n"
"  --list          list the feeds and their addresses; write nothing\n"
"Exit status: 0 published, 1 bad usage, 2 could not write.\n");

/* The options of a publish run from the config, DIR and URL given. */
static void publish_opts_fill(struct app *c, struct publish_opts *o,
			      const char *dir, const char *url)
{
	memset(o, 0, sizeof *o);
	o->dir = dir;
	o->base_url = url;
	o->cfg = &c->cfg;
	o->zone = tz_name(c->home);
	o->now = c->now;
}

static void list_feeds(struct app *c, const struct feeds *f, const char *url)
{
	struct table t;

	table_init(&t, 3, 40);
	for (size_t i = 0; i < f->n; i++) {
		char *addr = url ? publish_feed_url(url, f->v[i].name, false)
				 : xasprintf("%s.ics", f->v[i].name);
		const char *row[] = { f->v[i].name, f->v[i].title, addr };
		table_add(&t, row);
		free(addr);
	}
	table_print(&t, c->out, NULL);
	table_free(&t);
}

static int publish_list(struct app *c, const char *url)
{
	struct feeds f;
	int rc = publish_feeds(c->st, &c->cfg, &f, &c->err);

	if (rc == HE_OK)
		list_feeds(c, &f, url);
	feeds_free(&f);
	return rc;
}

int cmd_publish(struct app *c, int argc, char **argv)
{
	enum { OPT_BASE = 256, OPT_LIST };
	static const struct option opts[] = {
		{ "base-url", required_argument, NULL, OPT_BASE },
		{ "list", no_argument, NULL, OPT_LIST },
		{ NULL, 0, NULL, 0 },
	};
	const char *dir = c->cfg.publish.dir, *url = c->cfg.publish.url;
	struct publish_opts o;
	struct publish_result r;
	bool list = false;
	int opt, rc;

	if (cli_wants_help(argc, argv, _(publish_usage), c->out))
		return HE_OK;
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (opt == OPT_BASE)
			url = optarg;
		else if (opt == OPT_LIST)
			list = true;
		else
			return cli_usage_error(c, "publish", _("unknown option or "
					       "missing value in '%s'"),
					       argv[optind - 1]);
	}
	if (optind + 1 < argc)
		return cli_usage_error(c, "publish", _("give one directory"));
	if (optind < argc)
		dir = argv[optind];
	if (url && strncmp(url, "https://", 8) && strncmp(url, "http://", 7))
		return herr_set(&c->err, HE_USER, _("--base-url must start with "
				"https:// or http://, not '%s'"), url);
	if ((rc = app_open(c, false)) != HE_OK)
		return rc;
	if (list)
		return publish_list(c, url);
	if (!dir || !*dir)
		return cli_usage_error(c, "publish", _("give a directory (or set "
				       "publish in the config)"));
	publish_opts_fill(c, &o, dir, url);
	if ((rc = publish_run(c->st, &o, &r, &c->err)) != HE_OK)
		return rc;
	fprintf(c->out, _("Published to %s: %zu files written, %zu unchanged, "
			  "%zu removed.\n"), dir, r.written, r.unchanged,
		r.removed);
	if (!url)
		fprintf(stderr, "%s\n", _("hearth: no --base-url (or publish_url): "
			"index.html has no webcal:// links or QR codes"));
	return HE_OK;
}

static const char qr_usage[] = N_(
"usage: hearth qr ID [--at WHEN] [-o FILE.png]\n"
"       hearth qr [ID] --feed NAME [--webcal] [--base-url URL] [-o FILE.png]\n"
"Makes a QR code that a phone's camera reads: of one occurrence of event ID\n"
"(the next one, or the one at WHEN) as a calendar entry that Android's\n"
"scanners add to the calendar, or of a published feed's address. Without\n"
"-o it is drawn on the terminal; with -o it is written as a PNG image.\n"
"  --at WHEN       the occurrence starting (originally) at WHEN\n"
"  --feed NAME     a feed: all, or with ID kind, venue or org (the event's\n"
"                  own), or a name that 'hearth publish --list' shows\n"
"  --webcal        the webcal:// address (iPhone subscribes from it), not\n"
"                  the https:// one\n"
"  --base-url URL  where the feeds are served (default: publish_url)\n"
"  -o FILE.png     write a PNG image\n"
"Chinese text carries a UTF-8 marker (ECI) unless the config says\n"
"qr_eci = no.\n");

struct qr_args {
	const char *id, *at, *feed, *url, *file;
	bool webcal;
};

static int feed_text(struct app *c, const struct qr_args *a,
		     const struct series *s, char **text);

static int parse_qr(struct app *c, int argc, char **argv, struct qr_args *a)
{
	enum { OPT_FEED = 256, OPT_WEBCAL, OPT_BASE };
	static const struct option opts[] = {
		{ "at", required_argument, NULL, 'a' },
		{ "feed", required_argument, NULL, OPT_FEED },
		{ "webcal", no_argument, NULL, OPT_WEBCAL },
		{ "base-url", required_argument, NULL, OPT_BASE },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	optind = 0;
	opterr = 0;
	a->url = c->cfg.publish.url;
	while ((opt = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		switch (opt) {
		case 'a': a->at = optarg; break;
		case OPT_FEED: a->feed = optarg; break;
		case OPT_WEBCAL: a->webcal = true; break;
		case OPT_BASE: a->url = optarg; break;
		case 'o': a->file = optarg; break;
		default:
			return cli_usage_error(c, "qr", _("unknown option or "
					       "missing value in '%s'"),
					       argv[optind - 1]);
		}
	}
	if (optind + 1 < argc)
		return cli_usage_error(c, "qr", _("give one event ID"));
	a->id = optind < argc ? argv[optind] : NULL;
	if (!a->id && !a->feed)
		return cli_usage_error(c, "qr", _("give an event ID or --feed"));
	if (a->feed && a->at)
		return cli_usage_error(c, "qr", _("--at and --feed do not go "
				       "together"));
	return HE_OK;
}

/* The feed --feed names: absolute, or kind/venue/org/all of event s. */
static int feed_name(struct app *c, const struct qr_args *a,
		     const struct series *s, const struct feeds *f,
		     const struct feed **out)
{
	const char *want = a->feed;
	const char *host = s ? series_org_with_role(s, ROLE_HOST) : NULL;
	char *own = NULL;

	if (s && !host && s->n_orgs)
		host = s->orgs[0].name;
	if (s && !strcmp(want, "kind"))
		want = own = xasprintf("kind-%s", s->kind);
	for (size_t i = 0; s && !own && i < f->n; i++) {
		const struct feed *e = &f->v[i];
		if ((!strcmp(want, "venue") && e->type == FEED_VENUE &&
		     s->venue && !strcmp(e->key, s->venue)) ||
		    (!strcmp(want, "org") && e->type == FEED_ORG && host &&
		     !strcmp(e->key, host)))
			want = own = xstrdup(e->name);
	}
	*out = feeds_find(f, want);
	free(own);
	if (!*out)
		return herr_set(&c->err, HE_USER, _("no feed '%s' (see 'hearth "
				"publish --list')"), a->feed);
	return HE_OK;
}

char *cli_event_feed_url(struct app *c, const struct series *s,
			 const char *base)
{
	struct qr_args a = { .feed = s->venue ? "venue" : "kind", .url = base };
	char *url = NULL;

	return feed_text(c, &a, s, &url) == HE_OK ? url : NULL;
}

static int feed_text(struct app *c, const struct qr_args *a,
		     const struct series *s, char **text)
{
	struct feeds f;
	const struct feed *feed;
	int rc;

	if (!a->url)
		return herr_set(&c->err, HE_USER, _("a feed's QR code needs its "
				"address: set publish_url in the config or "
				"give --base-url"));
	if ((rc = publish_feeds(c->st, &c->cfg, &f, &c->err)) == HE_OK &&
	    (rc = feed_name(c, a, s, &f, &feed)) == HE_OK)
		*text = publish_feed_url(a->url, feed->name, a->webcal);
	feeds_free(&f);
	return rc;
}

static int event_text(struct app *c, const struct qr_args *a,
		      const struct series *s, char **text)
{
	struct occ o;
	int rc = cli_occurrence(c, s, a->at, &o);

	if (rc != HE_OK)
		return rc;
	*text = qr_occurrence_text(c->st, s, &o);
	occ_free(&o);
	return HE_OK;
}

/* The symbol on the terminal: black on white when it is one. */
static void draw(struct app *c, const struct qr *q)
{
	struct strv lines = { 0 };
	bool tty = isatty(fileno(c->out));

	qr_halfblocks(q, &lines);
	for (size_t i = 0; i < lines.n; i++)
		fprintf(c->out, "%s%s%s\n", tty ? "\033[30;107m" : "",
			lines.v[i], tty ? "\033[0m" : "");
	strv_free(&lines);
}

/* The PNG to file, or to standard output for "-" (not a terminal). */
static int write_png(struct app *c, const struct qr *q, const char *file)
{
	struct sbuf png = { 0 };
	char *tmp = NULL;
	FILE *f = c->out;
	int rc = qr_png(q, 8, &png, &c->err);

	if (rc == HE_OK && !strcmp(file, "-")) {
		if (isatty(fileno(c->out)))
			rc = herr_set(&c->err, HE_USER, _("will not write a PNG "
				      "image to a terminal (use -o FILE.png)"));
		else if (fwrite(png.s, 1, png.len, c->out) != png.len)
			rc = herr_set(&c->err, HE_INTERNAL, _("cannot write %s"),
				      "-");
	} else if (rc == HE_OK &&
		   !(f = atomic_open(file, ATOMIC_IN_PLACE, &tmp, &c->err))) {
		rc = c->err.code;
	} else if (rc == HE_OK) {
		if (fwrite(png.s, 1, png.len, f) != png.len)
			rc = herr_set(&c->err, HE_INTERNAL, _("cannot write %s"),
				      file);
		rc = atomic_close(f, tmp, file, rc, NULL, &c->err);
	}
	free(tmp);
	sbuf_free(&png);
	return rc;
}

int cmd_qr(struct app *c, int argc, char **argv)
{
	struct qr_args a = { 0 };
	struct series s;
	bool loaded = false;
	char *text = NULL;
	struct qr q = { 0 };
	int64_t id;
	int rc;

	if (cli_wants_help(argc, argv, _(qr_usage), c->out))
		return HE_OK;
	series_init(&s);
	if ((rc = parse_qr(c, argc, argv, &a)) != HE_OK ||
	    (rc = app_open(c, false)) != HE_OK)
		goto out;
	if (a.id) {
		if ((rc = store_series_find(c->st, a.id, &id, &c->err)) != HE_OK ||
		    (rc = store_series_load(c->st, id, &s, &c->err)) != HE_OK)
			goto out;
		loaded = true;
	}
	rc = a.feed ? feed_text(c, &a, loaded ? &s : NULL, &text)
		    : event_text(c, &a, &s, &text);
	if (rc == HE_OK)
		rc = qr_encode(text, !c->cfg.publish.qr_no_eci, &q, &c->err);
	if (rc == HE_OK && a.file)
		rc = write_png(c, &q, a.file);
	else if (rc == HE_OK)
		draw(c, &q);
out:
	qr_free(&q);
	free(text);
	series_free(&s);
	return rc;
}
