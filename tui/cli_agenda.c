/* cli_agenda.c - hearth agenda: the occurrences in a window. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/when.h"
#include "cli.h"
#include "out.h"

static const char agenda_usage[] = N_(
"usage: hearth agenda [--from WHEN] [--to WHEN] [--kind K] [--venue V]\n"
"                     [--org O] [--search TEXT] [--status S]... [--cancelled]\n"
"                     [--format text|tsv|json]\n"
"Lists the occurrences that overlap the window, by start. The window runs\n"
"from --from (a date alone: the start of that day; default today) to --to (a\n"
"date alone: the end of that day; default seven days after --from's day).\n"
"--venue and --org match part of a name;\n"
"--status keeps tentative, confirmed or cancelled series (default the first\n"
"two); --cancelled also lists cancelled occurrences.\n"
"tsv: start, end, UID, kind, title, venue; json: objects with start, end, uid,\n"
"kind, title, venue, status, description. Times are ISO 8601 with the UTC\n"
"offset in the configured zone; all-day occurrences give dates (end exclusive).\n");

struct agenda_args {
	const char *from, *to;
	struct occ_filter f;
	enum cli_format fmt;
};

static int parse_agenda(struct cli *c, int argc, char **argv,
			struct agenda_args *a)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "kind", required_argument, NULL, 'k' },
		{ "venue", required_argument, NULL, 'v' },
		{ "org", required_argument, NULL, 'o' },
		{ "search", required_argument, NULL, 's' },
		{ "status", required_argument, NULL, 'S' },
		{ "cancelled", no_argument, NULL, 'c' },
		{ "format", required_argument, NULL, 'F' },
		{ NULL, 0, NULL, 0 },
	};
	enum status st;
	int opt, rc;

	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'f': a->from = optarg; break;
		case 't': a->to = optarg; break;
		case 'k': a->f.kind = optarg; break;
		case 'v': a->f.venue = optarg; break;
		case 'o': a->f.org = optarg; break;
		case 's': a->f.text = optarg; break;
		case 'c': a->f.with_cancelled = true; break;
		case 'S':
			if (!status_parse(optarg, &st))
				return herr_set(&c->err, HE_USER,
						_("unknown status '%s' (use tentative, "
						  "confirmed or cancelled)"), optarg);
			a->f.statuses |= 1u << st;
			break;
		case 'F':
			if ((rc = cli_parse_format(c, optarg, &a->fmt)) != HE_OK)
				return rc;
			break;
		default:
			return cli_usage_error(c, "agenda", _("unknown option or "
					       "missing value in '%s'"),
					       argv[optind - 1]);
		}
	}
	if (optind != argc)
		return cli_usage_error(c, "agenda", _("unexpected argument '%s'"),
				       argv[optind]);
	if (a->f.kind && !config_kind(&c->cfg, a->f.kind))
		return herr_set(&c->err, HE_USER, _("unknown kind '%s' (see "
				"'hearth kinds')"), a->f.kind);
	return HE_OK;
}

static int window(struct cli *c, const struct agenda_args *a, int64_t *from,
		  int64_t *to)
{
	struct civil today = cli_today(c, c->zone);
	int rc;

	*from = tz_to_utc(c->zone, &today);
	if (a->from && (rc = cli_window_edge(c, a->from, false, from)) != HE_OK)
		return rc;
	if (a->to) {
		if ((rc = cli_window_edge(c, a->to, true, to)) != HE_OK)
			return rc;
	} else {
		struct civil f = tz_from_utc(c->zone, *from, NULL);
		struct civil t = civil_add_days(f, 8);
		t.hour = t.min = t.sec = 0;
		*to = tz_to_utc(c->zone, &t);
	}
	if (*to <= *from)
		return herr_set(&c->err, HE_USER,
				_("--to is not after --from: the window is empty"));
	return HE_OK;
}

/* start/end as agenda prints them: local ISO time, or dates for all-day. */
static void occ_times(struct cli *c, const struct occ *o, char start[32],
		      char end[32])
{
	if (o->all_day) {
		const struct tz *z = tz_get(o->tzid);
		struct civil a = tz_from_utc(z, o->start, NULL);
		struct civil b = tz_from_utc(z, o->end, NULL);
		civil_format(&a, true, start);
		civil_format(&b, true, end);
	} else {
		out_iso_local(c->zone, o->start, start);
		out_iso_local(c->zone, o->end, end);
	}
}

/*
 * The occurrences are printed as the store hands them over, never all held:
 * 100,000 series give a 30-day agenda of some 96,000 lines, which took
 * 120 MB held as a list. An aligned table reads the window twice, first for
 * the widths of its columns, inside one read transaction.
 */
struct printer {
	struct cli *c;
	enum cli_format fmt;
	int64_t from;
	size_t n;
	bool measuring;          /* text: the first pass */
	int width[5];
	struct civil shown;      /* text: the day of the last heading */
};

static void tsv_row(struct cli *c, const struct occ *o)
{
	char start[32], end[32];

	occ_times(c, o, start, end);
	fprintf(c->out, "%s\t%s\t", start, end);
	out_tsv_field(c->out, o->uid);
	fputc('\t', c->out);
	out_tsv_field(c->out, o->kind);
	fputc('\t', c->out);
	out_tsv_field(c->out, o->title);
	fputc('\t', c->out);
	out_tsv_field(c->out, o->venue);
	fputc('\n', c->out);
}

static void json_field(FILE *out, const char *key, const char *value,
		       bool comma)
{
	if (comma)
		fputc(',', out);
	out_json_string(out, key);
	fputc(':', out);
	if (value)
		out_json_string(out, value);
	else
		fputs("null", out);
}

static void json_row(struct cli *c, const struct occ *o, bool first)
{
	char start[32], end[32];

	occ_times(c, o, start, end);
	fputs(first ? "\n{" : ",\n{", c->out);
	json_field(c->out, "start", start, false);
	json_field(c->out, "end", end, true);
	json_field(c->out, "uid", o->uid, true);
	json_field(c->out, "kind", o->kind, true);
	json_field(c->out, "title", o->title, true);
	json_field(c->out, "venue", o->venue, true);
	json_field(c->out, "status",
		   o->cancelled ? "cancelled" : status_name(o->status), true);
	json_field(c->out, "description", o->description, true);
	fputc('}', c->out);
}

/* "10:00–16:00", "all day", or with the end's date when it is another day. */
static void time_cell(struct cli *c, const struct occ *o, char buf[48])
{
	struct civil a, b;
	char ha[8], hb[8];

	if (o->all_day) {
		snprintf(buf, 48, "%s", _("all day"));
		return;
	}
	a = tz_from_utc(c->zone, o->start, NULL);
	b = tz_from_utc(c->zone, o->end, NULL);
	out_hhmm(&a, ha);
	out_hhmm(&b, hb);
	if (a.year == b.year && a.month == b.month && a.day == b.day)
		snprintf(buf, 48, "%s–%s", ha, hb);
	else
		snprintf(buf, 48, "%s–%d/%d %s", ha, b.month, b.day, hb);
}

/* A text row, measured or printed under its day's heading. */
static void text_row(struct printer *p, const struct occ *o)
{
	struct cli *c = p->c;
	int64_t at = o->start < p->from ? p->from : o->start;
	struct civil day = o->all_day && o->start >= p->from
		? tz_from_utc(tz_get(o->tzid), at, NULL)
		: tz_from_utc(c->zone, at, NULL);
	char when[48];

	time_cell(c, o, when);
	const char *row[] = { when, config_kind_label(&c->cfg, o->kind),
			      o->title, o->venue,
			      o->cancelled ? _("(cancelled)") : NULL };
	if (p->measuring) {
		table_measure(p->width, 5, 40, row);
		return;
	}
	day.hour = day.min = day.sec = 0;
	if (p->n == 0 || civil_cmp(&day, &p->shown) != 0) {
		char *heading = out_day_heading(&day);
		table_print_heading(c->out, heading);
		free(heading);
		p->shown = day;
	}
	table_print_row(c->out, "  ", p->width, 5, row);
}

static int print_one(void *ctx, const struct occ *o, struct herr *err)
{
	struct printer *p = ctx;

	(void)err;
	if (p->fmt == FORMAT_TSV)
		tsv_row(p->c, o);
	else if (p->fmt == FORMAT_JSON)
		json_row(p->c, o, p->n == 0);
	else
		text_row(p, o);
	if (!p->measuring)
		p->n++;
	return HE_OK;
}

static int print_all(struct cli *c, const struct agenda_args *a, int64_t from,
		     int64_t to)
{
	struct printer p = { .c = c, .fmt = a->fmt, .from = from };
	int rc;

	if (a->fmt == FORMAT_JSON)
		fputc('[', c->out);
	if (a->fmt == FORMAT_TEXT) {
		p.measuring = true;
		rc = store_occurrences_each(c->st, from, to, &a->f, 0, print_one,
					    &p, &c->err);
		p.measuring = false;
		if (rc != HE_OK)
			return rc;
	}
	rc = store_occurrences_each(c->st, from, to, &a->f, 0, print_one, &p,
				    &c->err);
	if (a->fmt == FORMAT_JSON)
		fputs(p.n ? "\n]\n" : "]\n", c->out);
	if (rc == HE_OK && a->fmt == FORMAT_TEXT && p.n == 0) {
		struct civil da = tz_from_utc(c->zone, from, NULL);
		struct civil db = tz_from_utc(c->zone, to - 1, NULL);
		char a1[CIVIL_BUFSZ], b1[CIVIL_BUFSZ];
		fprintf(c->out, _("No events from %s to %s.\n"),
			civil_format(&da, true, a1), civil_format(&db, true, b1));
	}
	return rc;
}

int cmd_agenda(struct cli *c, int argc, char **argv)
{
	struct agenda_args a = { 0 };
	int64_t from, to;
	int rc;

	if (cli_wants_help(argc, argv, _(agenda_usage), c->out))
		return HE_OK;
	if ((rc = parse_agenda(c, argc, argv, &a)) != HE_OK ||
	    (rc = window(c, &a, &from, &to)) != HE_OK ||
	    (rc = cli_open(c, false)) != HE_OK)
		return rc;
	/* One pass through the file (two for text): a small page cache. */
	store_bulk(c->st, true);
	if ((rc = store_read_begin(c->st, &c->err)) != HE_OK)
		return rc;
	rc = print_all(c, &a, from, to);
	store_read_end(c->st);
	return rc;
}
