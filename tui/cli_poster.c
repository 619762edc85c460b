/* cli_poster.c - hearth poster: a printable poster for the station wall. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/atomic.h"
#include "../core/i18n.h"
#include "../core/poster/poster.h"
#include "../core/qr/qr.h"
#include "cli_event.h"

static const char poster_usage[] = N_(
"usage: hearth poster ID [--at WHEN] [-o FILE.pdf|FILE.png] [--paper A4|A3]\n"
"Makes a printable poster of event ID in the interface language: its kind,\n"
"title, when (a series' pattern in words and the days it runs, or the one\n"
"occurrence at WHEN), venue and address, host and partners, description,\n"
"agenda or zones, the venue's services, and a QR code: of the event's feed\n"
"(its venue's, else its kind's) when publish_url is set, else of the\n"
"occurrence as a calendar entry.\n"
"  --at WHEN       a poster of the occurrence starting (originally) at WHEN\n"
"  -o FILE         write FILE: PNG when it ends in .png, else PDF (without\n"
"                  -o, PDF to standard output, which must not be a terminal)\n"
"  --paper A4|A3   the paper size (default A4)\n");

struct poster_args {
	const char *at, *file, *paper;
};

static int parse_poster(struct app *c, int argc, char **argv,
			struct poster_args *a, const char **id)
{
	static const struct option opts[] = {
		{ "at", required_argument, NULL, 'a' },
		{ "output", required_argument, NULL, 'o' },
		{ "paper", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		switch (opt) {
		case 'a': a->at = optarg; break;
		case 'o': a->file = optarg; break;
		case 'p': a->paper = optarg; break;
		default:
			return cli_usage_error(c, "poster", _("unknown option or "
					       "missing value in '%s'"),
					       argv[optind - 1]);
		}
	}
	if (optind + 1 != argc)
		return cli_usage_error(c, "poster", _("give exactly one event ID"));
	*id = argv[optind];
	return HE_OK;
}

/* PNG for a name ending in .png, else PDF. */
static enum poster_format format_of(const char *file)
{
	size_t n = file ? strlen(file) : 0;

	return n > 4 && !strcasecmp(file + n - 4, ".png") ? POSTER_PNG
							  : POSTER_PDF;
}

/*
 * The QR code: the event's feed when published, else the occurrence (the
 * one asked for, or the event when it does not repeat). *qr NULL: none.
 */
static int qr_of(struct app *c, const struct series *s, const struct occ *o,
		 struct poster_opts *p, char **qr)
{
	bool repeats = s->sched.rrule || s->sched.rdates.n;
	struct occ first;
	int rc;

	*qr = NULL;
	if (c->cfg.publish.url) {
		if (!(*qr = cli_event_feed_url(c, s, c->cfg.publish.url)))
			return c->err.code;
		p->qr_is_feed = true;
		return HE_OK;
	}
	if (o) {
		*qr = qr_occurrence_text(c->st, s, o);
		return HE_OK;
	}
	if (repeats) {
		fprintf(stderr, "%s\n", _("hearth: no publish_url in the config: "
			"the poster of a series has no QR code"));
		return HE_OK;
	}
	if ((rc = cli_occurrence(c, s, NULL, &first)) != HE_OK)
		return rc;
	*qr = qr_occurrence_text(c->st, s, &first);
	occ_free(&first);
	return HE_OK;
}

static int write_poster(struct app *c, const struct series *s,
			const struct poster_opts *p, const char *file)
{
	char *tmp = NULL;
	FILE *f = c->out;
	int rc;

	if (!file && isatty(fileno(c->out)))
		return herr_set(&c->err, HE_USER, _("will not write a poster to "
				"a terminal (use -o FILE.pdf or FILE.png)"));
	if (file && !(f = atomic_open(file, ATOMIC_IN_PLACE, &tmp, &c->err)))
		return c->err.code;
	rc = poster_write(c->st, s, p, f, &c->err);
	if (file)
		rc = atomic_close(f, tmp, file, rc, NULL, &c->err);
	free(tmp);
	return rc;
}

int cmd_poster(struct app *c, int argc, char **argv)
{
	struct poster_args a = { 0 };
	struct poster_opts p = { 0 };
	struct series s;
	struct occ o = { 0 };
	bool have_occ = false;
	const char *id = NULL;
	char *qr = NULL;
	int64_t sid;
	int rc;

	if (cli_wants_help(argc, argv, _(poster_usage), c->out))
		return HE_OK;
	series_init(&s);
	if ((rc = parse_poster(c, argc, argv, &a, &id)) != HE_OK)
		goto out;
	if (a.paper && !poster_paper_parse(a.paper, &p.paper)) {
		rc = herr_set(&c->err, HE_USER, _("--paper must be A4 or A3, "
			      "not '%s'"), a.paper);
		goto out;
	}
	if ((rc = app_open(c, false)) != HE_OK ||
	    (rc = store_series_find(c->st, id, &sid, &c->err)) != HE_OK ||
	    (rc = store_series_load(c->st, sid, &s, &c->err)) != HE_OK)
		goto out;
	if (a.at) {
		if ((rc = cli_occurrence(c, &s, a.at, &o)) != HE_OK)
			goto out;
		have_occ = true;
	}
	p.format = format_of(a.file);
	p.cfg = &c->cfg;
	p.zone = c->home;
	p.occ = have_occ ? &o : NULL;
	p.qr_eci = !c->cfg.publish.qr_no_eci;
	if ((rc = qr_of(c, &s, p.occ, &p, &qr)) != HE_OK)
		goto out;
	p.qr_text = qr;
	rc = write_poster(c, &s, &p, a.file);
out:
	free(qr);
	if (have_occ)
		occ_free(&o);
	series_free(&s);
	return rc;
}
