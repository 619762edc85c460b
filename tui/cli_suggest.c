/* cli_suggest.c - hearth suggest and hearth suggestions. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "../core/csv.h"
#include "../core/i18n.h"
#include "../core/suggest/suggest.h"
#include "../core/when.h"
#include "cli.h"
#include "out.h"

static const char suggest_usage[] = N_(
"usage: hearth suggest add TEXT [--topic T] [--source S] [--venue V]\n"
"                          [--event ID] [--date DATE] [--status S]\n"
"       hearth suggest edit ID [--text T] [--topic T] [--source S]\n"
"                          [--venue V] [--event ID] [--date DATE]\n"
"       hearth suggest show ID [--format text|json]\n"
"       hearth suggest status ID STATUS [--note TEXT]\n"
"       hearth suggest rm ID\n"
"       hearth suggest topics [--format text|tsv|json]\n"
"add records a suggestion and prints its ID. --topic is a topic key (see\n"
"'hearth suggest topics'); --source says who or where it came from (a group,\n"
"a person, a station); --venue and --event name what it concerns; --date is\n"
"the day it was received (default today). STATUS is new, review, adopted,\n"
"declined or done; each change is kept with its note, and the same status\n"
"with --note adds a note. In edit an empty value clears a field.\n");

struct sugg_args {
	const char *text, *topic, *source, *venue, *event, *date, *status;
	const char *note;
	enum cli_format fmt;
};

enum { OPT_TEXT = 256, OPT_NOTE };

static int parse_sugg(struct app *c, int argc, char **argv,
		      struct sugg_args *a)
{
	static const struct option opts[] = {
		{ "text", required_argument, NULL, OPT_TEXT },
		{ "topic", required_argument, NULL, 't' },
		{ "source", required_argument, NULL, 's' },
		{ "venue", required_argument, NULL, 'v' },
		{ "event", required_argument, NULL, 'e' },
		{ "date", required_argument, NULL, 'd' },
		{ "status", required_argument, NULL, 'S' },
		{ "note", required_argument, NULL, OPT_NOTE },
		{ "format", required_argument, NULL, 'F' },
		{ NULL, 0, NULL, 0 },
	};
	int opt, rc;

	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case OPT_TEXT: a->text = optarg; break;
		case 't': a->topic = optarg; break;
		case 's': a->source = optarg; break;
		case 'v': a->venue = optarg; break;
		case 'e': a->event = optarg; break;
		case 'd': a->date = optarg; break;
		case 'S': a->status = optarg; break;
		case OPT_NOTE: a->note = optarg; break;
		case 'F':
			if ((rc = cli_parse_format(c, optarg, &a->fmt)) != HE_OK)
				return rc;
			break;
		default:
			return cli_usage_error(c, "suggest", _("unknown option or "
					       "missing value in '%s'"),
					       argv[optind - 1]);
		}
	}
	return HE_OK;
}

static int bad_status(struct app *c, const char *s)
{
	return herr_set(&c->err, HE_USER, _("unknown status '%s' (use new, "
			"review, adopted, declined or done)"), s);
}

/* A day as typed (2027-01-08, yesterday, -3d), in the display zone. */
static int parse_day(struct app *c, const char *text, struct civil *day)
{
	struct civil today = app_today(c, c->zone);
	struct when w;
	int rc = when_parse(text, &today, &w, &c->err);

	if (rc != HE_OK)
		return rc;
	*day = w.c;
	day->hour = day->min = day->sec = 0;
	return HE_OK;
}

static int id_arg(struct app *c, const char *text, int64_t *id)
{
	if (!suggest_parse_id(text, id))
		return herr_set(&c->err, HE_USER, _("'%s' is not a suggestion ID "
				"(a number such as 12)"), text);
	return HE_OK;
}

/* Applies the given fields; "" clears one (but not the text). */
static int apply(struct app *c, const struct sugg_args *a,
		 struct suggestion *g)
{
	int rc;

	if (a->text)
		str_replace(&g->text, a->text);
	if (a->topic)
		str_replace(&g->topic, *a->topic ? a->topic : NULL);
	if (a->source)
		str_replace(&g->source, *a->source ? a->source : NULL);
	if (a->venue)
		str_replace(&g->venue, *a->venue ? a->venue : NULL);
	if (a->date && (rc = parse_day(c, a->date, &g->received)) != HE_OK)
		return rc;
	if (a->event) {
		g->series_id = 0;
		if (*a->event &&
		    (rc = store_series_find(c->st, a->event, &g->series_id,
					    &c->err)) != HE_OK)
			return rc;
	}
	return HE_OK;
}

static int suggest_add_cmd(struct app *c, int argc, char **argv)
{
	struct sugg_args a = { 0 };
	struct suggestion g;
	struct civil today = app_today(c, c->zone);
	int rc;

	if ((rc = parse_sugg(c, argc, argv, &a)) != HE_OK)
		return rc;
	if (optind + 1 != argc)
		return cli_usage_error(c, "suggest", _("give the suggestion's text "
				       "as one argument (quote it)"));
	if (a.text || a.note)
		return cli_usage_error(c, "suggest", _("--text and --note are not "
				       "for add"));
	suggestion_init(&g);
	g.text = xstrdup(argv[optind]);
	g.received = today;
	if (a.status && !sugg_status_parse(a.status, &g.status))
		rc = bad_status(c, a.status);
	if (rc == HE_OK && (rc = app_open(c, true)) == HE_OK &&
	    (rc = apply(c, &a, &g)) == HE_OK &&
	    (rc = suggest_add(c->st, &c->cfg, &g, &today, c->now, &c->err)) ==
	    HE_OK)
		fprintf(c->out, "%lld\n", (long long)g.id);
	suggestion_free(&g);
	return rc;
}

static int suggest_edit_cmd(struct app *c, int argc, char **argv)
{
	struct sugg_args a = { 0 };
	struct suggestion g;
	struct civil today = app_today(c, c->zone);
	int64_t id;
	int rc;

	if ((rc = parse_sugg(c, argc, argv, &a)) != HE_OK)
		return rc;
	if (optind + 1 != argc)
		return cli_usage_error(c, "suggest", _("give exactly one "
				       "suggestion ID"));
	if (a.status || a.note)
		return cli_usage_error(c, "suggest", _("change the status with "
				       "'hearth suggest status'"));
	if (!a.text && !a.topic && !a.source && !a.venue && !a.event && !a.date)
		return cli_usage_error(c, "suggest", _("nothing to change"));
	if ((rc = id_arg(c, argv[optind], &id)) != HE_OK ||
	    (rc = app_open(c, false)) != HE_OK ||
	    (rc = suggest_load(c->st, id, &g, &c->err)) != HE_OK)
		return rc;
	if ((rc = apply(c, &a, &g)) == HE_OK)
		rc = suggest_save(c->st, &c->cfg, &g, &today, c->now, &c->err);
	suggestion_free(&g);
	return rc;
}

static void show_field(struct app *c, const char *label, const char *value)
{
	if (str_empty(value))
		return;
	fprintf(c->out, "%s ", label);
	out_text(c->out, value);
	fputc('\n', c->out);
}

static void show_text(struct app *c, const struct suggestion *g)
{
	char day[CIVIL_BUFSZ];

	fprintf(c->out, "#%lld  %s", (long long)g->id,
		sugg_status_label(g->status));
	if (g->topic) {
		fputs(" · ", c->out);
		out_text(c->out, config_topic_label(&c->cfg, g->topic));
	}
	fputs("\n", c->out);
	out_text(c->out, g->text);
	fputs("\n\n", c->out);
	show_field(c, _("Source:  "), g->source);
	show_field(c, _("Received:"), civil_format(&g->received, true, day));
	show_field(c, _("Venue:   "), g->venue);
	show_field(c, _("Event:   "), g->event_title);
	fprintf(c->out, "%s\n", _("History:"));
	for (size_t i = 0; i < g->n_changes; i++) {
		const struct sugg_change *ch = &g->changes[i];
		char at[32];
		out_iso_local(c->zone, ch->at, at);
		at[16] = '\0';
		at[10] = ' ';
		fprintf(c->out, "  %s  ", at);
		out_text(c->out, ch->by);
		fprintf(c->out, "  %s", sugg_status_label(ch->status));
		if (ch->note) {
			fputs("  ", c->out);
			out_text(c->out, ch->note);
		}
		fputc('\n', c->out);
	}
}

static void json_key(FILE *out, const char *key, const char *value)
{
	out_json_string(out, key);
	fputc(':', out);
	if (value)
		out_json_string(out, value);
	else
		fputs("null", out);
}

static void show_json(struct app *c, const struct suggestion *g)
{
	char day[CIVIL_BUFSZ];

	fprintf(c->out, "{\"id\":%lld,", (long long)g->id);
	json_key(c->out, "received", civil_format(&g->received, true, day));
	fputc(',', c->out);
	json_key(c->out, "status", sugg_status_name(g->status));
	fputc(',', c->out);
	json_key(c->out, "topic", g->topic);
	fputc(',', c->out);
	json_key(c->out, "text", g->text);
	fputc(',', c->out);
	json_key(c->out, "source", g->source);
	fputc(',', c->out);
	json_key(c->out, "venue", g->venue);
	fputc(',', c->out);
	json_key(c->out, "event", g->event_uid);
	fputs(",\"history\":[", c->out);
	for (size_t i = 0; i < g->n_changes; i++) {
		char at[32];
		out_iso_local(c->zone, g->changes[i].at, at);
		fputs(i ? ",{" : "{", c->out);
		json_key(c->out, "at", at);
		fputc(',', c->out);
		json_key(c->out, "by", g->changes[i].by);
		fputc(',', c->out);
		json_key(c->out, "status", sugg_status_name(g->changes[i].status));
		fputc(',', c->out);
		json_key(c->out, "note", g->changes[i].note);
		fputc('}', c->out);
	}
	fputs("]}\n", c->out);
}

static int suggest_show_cmd(struct app *c, int argc, char **argv)
{
	struct sugg_args a = { 0 };
	struct suggestion g;
	int64_t id;
	int rc;

	if ((rc = parse_sugg(c, argc, argv, &a)) != HE_OK)
		return rc;
	if (optind + 1 != argc)
		return cli_usage_error(c, "suggest", _("give exactly one "
				       "suggestion ID"));
	if (a.fmt == FORMAT_TSV)
		return cli_usage_error(c, "suggest", _("show writes text or json"));
	if ((rc = id_arg(c, argv[optind], &id)) != HE_OK ||
	    (rc = app_open(c, false)) != HE_OK ||
	    (rc = suggest_load(c->st, id, &g, &c->err)) != HE_OK)
		return rc;
	if (a.fmt == FORMAT_JSON)
		show_json(c, &g);
	else
		show_text(c, &g);
	suggestion_free(&g);
	return HE_OK;
}

static int suggest_status_cmd(struct app *c, int argc, char **argv)
{
	struct sugg_args a = { 0 };
	enum sugg_status status;
	int64_t id;
	int rc;

	if ((rc = parse_sugg(c, argc, argv, &a)) != HE_OK)
		return rc;
	if (optind + 2 != argc)
		return cli_usage_error(c, "suggest", _("give a suggestion ID and a "
				       "status"));
	if (!sugg_status_parse(argv[optind + 1], &status))
		return bad_status(c, argv[optind + 1]);
	if ((rc = id_arg(c, argv[optind], &id)) != HE_OK ||
	    (rc = app_open(c, false)) != HE_OK)
		return rc;
	return suggest_set_status(c->st, id, status, a.note, 0, c->now, &c->err);
}

static int suggest_topics_cmd(struct app *c, int argc, char **argv)
{
	static const char *const keys[] = { "key", "label" };
	struct sugg_args a = { 0 };
	const char **rows;
	int rc;

	if ((rc = parse_sugg(c, argc, argv, &a)) != HE_OK)
		return rc;
	if (optind != argc)
		return cli_usage_error(c, "suggest", _("unexpected argument '%s'"),
				       argv[optind]);
	rows = xcalloc(c->cfg.n_topics * 2 + 1, sizeof *rows);
	for (size_t i = 0; i < c->cfg.n_topics; i++) {
		rows[2 * i] = c->cfg.topics[i].key;
		rows[2 * i + 1] = topic_label(&c->cfg.topics[i]);
	}
	cli_print_rows(c, a.fmt, keys, 2, rows, c->cfg.n_topics);
	free(rows);
	return HE_OK;
}

int cmd_suggest(struct app *c, int argc, char **argv)
{
	const char *sub = argc >= 2 ? argv[1] : "";
	int64_t id;
	int rc;

	if (cli_wants_help(argc, argv, _(suggest_usage), c->out))
		return HE_OK;
	if (!strcmp(sub, "add"))
		return suggest_add_cmd(c, argc - 1, argv + 1);
	if (!strcmp(sub, "edit"))
		return suggest_edit_cmd(c, argc - 1, argv + 1);
	if (!strcmp(sub, "show"))
		return suggest_show_cmd(c, argc - 1, argv + 1);
	if (!strcmp(sub, "status"))
		return suggest_status_cmd(c, argc - 1, argv + 1);
	if (!strcmp(sub, "topics"))
		return suggest_topics_cmd(c, argc - 1, argv + 1);
	if (!strcmp(sub, "rm")) {
		if (argc != 3)
			return cli_usage_error(c, "suggest", _("give exactly one "
					       "suggestion ID"));
		if ((rc = id_arg(c, argv[2], &id)) != HE_OK ||
		    (rc = app_open(c, false)) != HE_OK)
			return rc;
		return suggest_delete(c->st, id, &c->err);
	}
	return cli_usage_error(c, "suggest", _("say add, edit, show, status, rm "
			       "or topics"));
}

/* ---- hearth suggestions ---- */

static const char suggestions_usage[] = N_(
"usage: hearth suggestions [--topic T] [--status S]... [--venue V]\n"
"                          [--event ID] [--search TEXT] [--from DATE]\n"
"                          [--to DATE] [--format text|tsv|json|csv]\n"
"Lists suggestions by the day they were received: all of them, or those of\n"
"topic T, in status S (several may be given), about a venue whose name\n"
"contains V or about event ID, holding TEXT in their text or source,\n"
"received from --from to --to (days, both included).\n"
"tsv, json and csv: id, received, status, topic, text, source, venue, event;\n"
"csv is UTF-8 with a byte-order mark, for Excel and WPS.\n");

enum list_format { LIST_TEXT, LIST_TSV, LIST_JSON, LIST_CSV };

struct list_args {
	struct sugg_filter f;
	const char *event, *from, *to;
	enum list_format fmt;
};

static int parse_list_format(struct app *c, const char *s,
			     enum list_format *out)
{
	static const char *const names[] = { "text", "tsv", "json", "csv" };

	for (int i = 0; i < 4; i++)
		if (!strcmp(s, names[i])) {
			*out = (enum list_format)i;
			return HE_OK;
		}
	return herr_set(&c->err, HE_USER, _("unknown format '%s' (use text, tsv, "
			"json or csv)"), s);
}

static int parse_list(struct app *c, int argc, char **argv,
		      struct list_args *a)
{
	static const struct option opts[] = {
		{ "topic", required_argument, NULL, 't' },
		{ "status", required_argument, NULL, 'S' },
		{ "venue", required_argument, NULL, 'v' },
		{ "event", required_argument, NULL, 'e' },
		{ "search", required_argument, NULL, 's' },
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 'T' },
		{ "format", required_argument, NULL, 'F' },
		{ NULL, 0, NULL, 0 },
	};
	enum sugg_status st;
	int opt, rc;

	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 't': a->f.topic = optarg; break;
		case 'v': a->f.venue = optarg; break;
		case 'e': a->event = optarg; break;
		case 's': a->f.text = optarg; break;
		case 'f': a->from = optarg; break;
		case 'T': a->to = optarg; break;
		case 'S':
			if (!sugg_status_parse(optarg, &st))
				return bad_status(c, optarg);
			a->f.statuses |= 1u << st;
			break;
		case 'F':
			if ((rc = parse_list_format(c, optarg, &a->fmt)) != HE_OK)
				return rc;
			break;
		default:
			return cli_usage_error(c, "suggestions", _("unknown option "
					       "or missing value in '%s'"),
					       argv[optind - 1]);
		}
	}
	if (optind != argc)
		return cli_usage_error(c, "suggestions", _("unexpected argument "
				       "'%s'"), argv[optind]);
	if (a->f.topic && !config_topic(&c->cfg, a->f.topic))
		return herr_set(&c->err, HE_USER, _("unknown topic '%s' (see "
				"'hearth suggest topics')"), a->f.topic);
	return HE_OK;
}

/* The eight fields of a suggestion as listed (owned strings in own). */
static void fields(struct app *c, const struct suggestion *g,
		   const char *row[8], char own[2][CIVIL_BUFSZ], bool text)
{
	snprintf(own[0], CIVIL_BUFSZ, "%lld", (long long)g->id);
	row[0] = own[0];
	row[1] = civil_format(&g->received, true, own[1]);
	row[2] = text ? sugg_status_label(g->status) : sugg_status_name(g->status);
	row[3] = !g->topic ? "" : text ? config_topic_label(&c->cfg, g->topic)
				       : g->topic;
	row[4] = g->text;
	row[5] = g->source;
	row[6] = g->venue;
	row[7] = text ? g->event_title : g->event_uid;
}

static int list_csv(struct app *c, const struct sugg_list *l)
{
	static const char *const keys[] = { "id", "received", "status", "topic",
		"text", "source", "venue", "event" };
	struct csv w;

	csv_init(&w, c->out);
	csv_bom(&w);
	for (int i = 0; i < 8; i++)
		csv_text(&w, keys[i]);
	csv_end(&w);
	for (size_t i = 0; i < l->n; i++) {
		const char *row[8];
		char own[2][CIVIL_BUFSZ];
		fields(c, &l->v[i], row, own, false);
		csv_int(&w, l->v[i].id);
		for (int k = 1; k < 8; k++)
			csv_text(&w, row[k]);
		csv_end(&w);
	}
	return csv_finish(&w, _("the list"), &c->err);
}

static void list_rows(struct app *c, const struct sugg_list *l,
		      enum cli_format fmt)
{
	static const char *const keys[] = { "id", "received", "status", "topic",
		"text", "source", "venue", "event" };
	const char **rows = xcalloc(l->n * 8 + 1, sizeof *rows);
	char (*own)[2][CIVIL_BUFSZ] = xcalloc(l->n + 1, sizeof *own);

	for (size_t i = 0; i < l->n; i++)
		fields(c, &l->v[i], rows + 8 * i, own[i], false);
	cli_print_rows(c, fmt, keys, 8, rows, l->n);
	free(own);
	free(rows);
}

static void list_text(struct app *c, const struct sugg_list *l)
{
	struct table t;

	if (l->n == 0) {
		fputs(_("No suggestions.\n"), c->out);
		return;
	}
	table_init(&t, 6, 24);
	for (size_t i = 0; i < l->n; i++) {
		const char *f[8];
		char own[2][CIVIL_BUFSZ];
		fields(c, &l->v[i], f, own, true);
		const char *row[] = { f[0], f[1], f[2], f[3], f[6], f[4] };
		table_add(&t, row);
	}
	table_print(&t, c->out, NULL);
	table_free(&t);
}

int cmd_suggestions(struct app *c, int argc, char **argv)
{
	struct list_args a = { 0 };
	struct sugg_list l = { 0 };
	int rc;

	if (cli_wants_help(argc, argv, _(suggestions_usage), c->out))
		return HE_OK;
	if ((rc = parse_list(c, argc, argv, &a)) != HE_OK ||
	    (a.from && (rc = parse_day(c, a.from, &a.f.from)) != HE_OK) ||
	    (a.to && (rc = parse_day(c, a.to, &a.f.to)) != HE_OK) ||
	    (rc = app_open(c, false)) != HE_OK ||
	    (a.event && (rc = store_series_find(c->st, a.event, &a.f.series_id,
						&c->err)) != HE_OK) ||
	    (rc = suggest_list(c->st, &a.f, &l, &c->err)) != HE_OK)
		goto out;
	if (a.fmt == LIST_CSV)
		rc = list_csv(c, &l);
	else if (a.fmt == LIST_TEXT)
		list_text(c, &l);
	else
		list_rows(c, &l, a.fmt == LIST_TSV ? FORMAT_TSV : FORMAT_JSON);
out:
	sugg_list_free(&l);
	return rc;
}
