/* cli_segment.c - hearth segment add | ls | rm. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/label.h"
#include "cli_event.h"
#include "out.h"

static const char segment_usage[] = N_(
"usage: hearth segment add ID --title T [--from HH:MM --to HH:MM]\n"
"                          [--partner ORG]... [--venue NAME] [--note TEXT]\n"
"                          [--if-revision N]\n"
"       hearth segment ls ID [--format text|tsv|json]\n"
"       hearth segment rm ID N [--if-revision N]\n"
"Segments are the ordered parts of an event: a reading session's agenda, a\n"
"fair's zones, a station's services. A segment can be run by several partner\n"
"organisations (--partner again for each) and happen at a venue of its own\n"
"(--venue; else at the event's). N counts from 1, as 'ls' shows.\n"
"With --if-revision, only if the series is still at revision N.\n"
"tsv: n, from, to, title, partners (joined by \"; \"), note, venue.\n");

static int add_segment(struct app *c, struct series *s, void *ctx)
{
	(void)c;
	series_add_segment(s, ctx);
	return HE_OK;
}

/* segment add once the options are read: g's partners are the caller's. */
static int segment_add_checked(struct app *c, int argc, char **argv,
			       const char *from, const char *to,
			       struct segment *g)
{
	int rc;

	if (optind + 1 != argc)
		return cli_usage_error(c, "segment", _("give exactly one event ID"));
	if (!g->title)
		return cli_usage_error(c, "segment", _("--title is required"));
	if (!from != !to)
		return cli_usage_error(c, "segment",
				       _("give both --from and --to, or neither"));
	if (from && ((rc = when_parse_hhmm(from, &g->from_min, &c->err)) ||
		     (rc = when_parse_hhmm(to, &g->to_min, &c->err))))
		return rc;
	g->timed = from != NULL;
	return cli_change_series(c, argv[optind], add_segment, g);
}

static int segment_add(struct app *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "title", required_argument, NULL, 't' },
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 'T' },
		{ "partner", required_argument, NULL, 'p' },
		{ "venue", required_argument, NULL, 'v' },
		{ "note", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	struct segment g = { 0 };
	const char *from = NULL, *to = NULL;
	int opt, rc;

	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 't': g.title = optarg; break;
		case 'f': from = optarg; break;
		case 'T': to = optarg; break;
		case 'p':
			if (*optarg && !strv_has(&g.partners, optarg))
				strv_add(&g.partners, optarg);
			break;
		case 'v': g.venue = *optarg ? optarg : NULL; break;
		case 'n': g.note = *optarg ? optarg : NULL; break;
		default:
			strv_free(&g.partners);
			return cli_usage_error(c, "segment add",
					       _("unknown option or missing value "
						 "in '%s'"), argv[optind - 1]);
		}
	}
	rc = segment_add_checked(c, argc, argv, from, to, &g);
	strv_free(&g.partners);
	return rc;
}

static int remove_segment(struct app *c, struct series *s, void *ctx)
{
	size_t n = *(size_t *)ctx;

	if (n == 0 || !series_remove_segment(s, n - 1))
		return herr_set(&c->err, HE_USER,
				_("'%s' has no segment %zu (it has %zu)"), s->title,
				n, s->n_segments);
	return HE_OK;
}

static int segment_rm(struct app *c, int argc, char **argv)
{
	char *end;
	unsigned long n;

	if (argc != 3)
		return cli_usage_error(c, "segment", _("give an event ID and a "
						       "segment number"));
	n = strtoul(argv[2], &end, 10);
	if (*end || !*argv[2] || argv[2][0] == '-')
		return cli_usage_error(c, "segment",
				       _("'%s' is not a segment number"), argv[2]);
	size_t index = (size_t)n;
	return cli_change_series(c, argv[1], remove_segment, &index);
}

/* The partners of g joined by sep ("" when none; caller frees). */
static char *partner_list(const struct segment *g, const char *sep)
{
	struct sbuf b = { 0 };

	sbuf_add(&b, "");
	for (size_t k = 0; k < g->partners.n; k++)
		sbuf_addf(&b, "%s%s", k ? sep : "", g->partners.v[k]);
	return sbuf_take(&b);
}

/* One segment as a JSON object: the tsv columns, n a number. */
static void print_segment_json(struct app *c, size_t i,
			       const char *const *columns)
{
	static const char *const keys[] = { "n", "from", "to", "title",
					    "partners", "note", "venue" };

	fprintf(c->out, "%s{\"n\":%zu", i ? "," : "", i + 1);
	for (int k = 1; k < 7; k++) {
		fprintf(c->out, ",\"%s\":", keys[k]);
		out_json_string(c->out, columns[k]);
	}
	fputc('}', c->out);
}

static void print_segments(struct app *c, const struct series *s,
			   enum cli_format fmt)
{
	struct table t;

	table_init(&t, 6, 40);
	if (fmt == FORMAT_JSON)
		fputc('[', c->out);
	for (size_t i = 0; i < s->n_segments; i++) {
		const struct segment *g = &s->segments[i];
		char num[24], from[16] = "", to[16] = "";
		char *partners = partner_list(g, fmt == FORMAT_TEXT
					      ? label_list_sep() : "; ");
		snprintf(num, sizeof num, "%zu", i + 1);
		if (g->timed) {
			label_minutes(g->from_min, from);
			label_minutes(g->to_min, to);
		}
		const char *row[] = { num, from, to, g->title, partners,
				      g->venue ? g->venue : "" };
		const char *columns[] = { num, from, to, g->title, partners,
					  g->note ? g->note : "", row[5] };
		if (fmt == FORMAT_TEXT) {
			table_add(&t, row);
		} else if (fmt == FORMAT_TSV) {
			for (int k = 0; k < 7; k++) {
				out_tsv_field(c->out, columns[k]);
				fputc(k < 6 ? '\t' : '\n', c->out);
			}
		} else {
			print_segment_json(c, i, columns);
		}
		free(partners);
	}
	if (fmt == FORMAT_JSON)
		fputs("]\n", c->out);
	table_print(&t, c->out, NULL);
	table_free(&t);
}

static int segment_ls(struct app *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	enum cli_format fmt = FORMAT_TEXT;
	struct series s;
	int64_t id;
	int opt, rc;

	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (opt != 'f')
			return cli_usage_error(c, "segment",
					       _("unknown option or missing value "
						 "in '%s'"), argv[optind - 1]);
		if ((rc = cli_parse_format(c, optarg, &fmt)) != HE_OK)
			return rc;
	}
	if (optind + 1 != argc)
		return cli_usage_error(c, "segment", _("give exactly one event ID"));
	if ((rc = app_open(c, false)) != HE_OK ||
	    (rc = store_series_find(c->st, argv[optind], &id, &c->err)) ||
	    (rc = store_series_load(c->st, id, &s, &c->err)))
		return rc;
	print_segments(c, &s, fmt);
	series_free(&s);
	return HE_OK;
}

int cmd_segment(struct app *c, int argc, char **argv)
{
	int rc;

	if (cli_wants_help(argc, argv, _(segment_usage), c->out))
		return HE_OK;
	if (argc < 2)
		return cli_usage_error(c, "segment", _("say add, ls or rm"));
	if (!strcmp(argv[1], "ls"))
		return segment_ls(c, argc - 1, argv + 1);
	if (strcmp(argv[1], "add") && strcmp(argv[1], "rm"))
		return cli_usage_error(c, "segment", _("unknown action '%s' (say "
				       "add, ls or rm)"), argv[1]);
	if ((rc = cli_take_revision(c, "segment", &argc, argv)) != HE_OK)
		return rc;
	if (!strcmp(argv[1], "add"))
		return segment_add(c, argc - 1, argv + 1);
	if (!strcmp(argv[1], "rm"))
		return segment_rm(c, argc - 1, argv + 1);
	return cli_usage_error(c, "segment", _("unknown action '%s' (say add, ls "
					       "or rm)"), argv[1]);
}
