/* cli_agenda.c - hearth agenda: the occurrences in a window. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/label.h"
#include "../core/when.h"
#include "cli.h"
#include "out.h"

static const char agenda_usage[] = N_(
"usage: hearth agenda [--from WHEN] [--to WHEN] [--kind K] [--venue V]\n"
"                     [--org O] [--search TEXT] [--status S]... [--cancelled]\n"
"                     [--format text|tsv|json]\n"
"Lists the occurrences that overlap the window, by start. The window runs\n"
"from --from (a date alone: the start of that day; default today; now: this\n"
"moment, so what is on now and what comes next) to --to (a date alone: the\n"
"end of that day; default seven days after --from's day).\n"
"--venue and --org match part of a name;\n"
"--status keeps tentative, confirmed or cancelled series (default the first\n"
"two); --cancelled also lists cancelled occurrences.\n"
"tsv: start, end, UID, kind, title, venue; json: objects with start, end, uid,\n"
"kind, title, venue, status, description. Times are ISO 8601 with the UTC\n"
"offset in the zone shown (the configured timezone, else the calendar's);\n"
"all-day occurrences give their own dates (end exclusive), and are listed\n"
"on those dates whatever the zone shown.\n");

struct agenda_args {
	const char *from, *to;
	struct occ_filter f;
	enum cli_format fmt;
};

static int parse_agenda(struct app *c, int argc, char **argv,
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

static int window(struct app *c, const struct agenda_args *a, int64_t *from,
		  int64_t *to)
{
	struct civil today = app_today(c, c->zone);
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
static void occ_times(struct app *c, const struct occ *o, char start[32],
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

static void print_tsv(struct app *c, const struct occ_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct occ *o = &l->v[i];
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

static void print_json(struct app *c, const struct occ_list *l)
{
	fputc('[', c->out);
	for (size_t i = 0; i < l->n; i++) {
		const struct occ *o = &l->v[i];
		char start[32], end[32];
		occ_times(c, o, start, end);
		fputs(i ? ",\n{" : "\n{", c->out);
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
	fputs(l->n ? "\n]\n" : "]\n", c->out);
}

/*
 * "10:00–16:00", "all day", or with the end's date when it is another day;
 * an event of another zone than the one shown adds its own start there:
 * "10:00–12:00 (Europe/Berlin 03:00)".
 */
static void time_cell(struct app *c, const struct occ *o, char buf[96])
{
	const struct tz *own = tz_get(o->tzid);
	struct civil a, b;
	char ha[8], hb[8];
	int n;

	if (o->all_day) {
		snprintf(buf, 96, "%s", _("all day"));
		return;
	}
	a = tz_from_utc(c->zone, o->start, NULL);
	b = tz_from_utc(c->zone, o->end, NULL);
	label_hhmm(&a, ha);
	label_hhmm(&b, hb);
	if (a.year == b.year && a.month == b.month && a.day == b.day)
		n = snprintf(buf, 96, "%s–%s", ha, hb);
	else
		n = snprintf(buf, 96, "%s–%d/%d %s", ha, b.month, b.day, hb);
	if (own && own != c->zone && n > 0 && n < 96) {
		struct civil l = tz_from_utc(own, o->start, NULL);
		label_hhmm(&l, ha);
		snprintf(buf + n, (size_t)(96 - n), " (%s %s)", o->tzid, ha);
	}
}

/* The date an occurrence is listed under: an all-day one's own date in its
 * own zone (the window's first date when it began before), a timed one's
 * start (or the window's start) in the zone shown. */
static struct civil listed_day(struct app *c, const struct occ *o,
			       int64_t from)
{
	struct civil day, first = tz_from_utc(c->zone, from, NULL);

	first.hour = first.min = first.sec = 0;
	if (o->all_day) {
		day = tz_from_utc(tz_get(o->tzid), o->start, NULL);
		day.hour = day.min = day.sec = 0;
		return civil_cmp(&day, &first) < 0 ? first : day;
	}
	day = tz_from_utc(c->zone, o->start < from ? from : o->start, NULL);
	day.hour = day.min = day.sec = 0;
	return day;
}

/*
 * Whether o belongs in [from, to): a timed occurrence when it overlaps the
 * window, an all-day one when one of its own dates (in its own zone, where
 * it is a day) is one of the window's dates in the zone shown.
 */
static bool in_window(struct app *c, const struct occ *o, int64_t from,
		      int64_t to)
{
	const struct tz *own = tz_get(o->tzid);
	struct civil first, last, wa, wb;

	if (!o->all_day)
		return o->end > from && o->start < to;
	first = tz_from_utc(own, o->start, NULL);
	last = tz_from_utc(own, o->end - 1, NULL);
	wa = tz_from_utc(c->zone, from, NULL);
	wb = tz_from_utc(c->zone, to - 1, NULL);
	first.hour = first.min = first.sec = last.hour = last.min = last.sec = 0;
	wa.hour = wa.min = wa.sec = wb.hour = wb.min = wb.sec = 0;
	return civil_cmp(&first, &wb) <= 0 && civil_cmp(&last, &wa) >= 0;
}

/* Listing order: by the date listed under, all-day ones first, by start. */
static struct app *sort_app;
static int64_t sort_from;

static int listing_order(const void *x, const void *y)
{
	const struct occ *a = x, *b = y;
	struct civil da = listed_day(sort_app, a, sort_from);
	struct civil db = listed_day(sort_app, b, sort_from);
	int d = civil_cmp(&da, &db);

	if (d)
		return d;
	if (a->all_day != b->all_day)
		return a->all_day ? -1 : 1;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return (a->series_id > b->series_id) - (a->series_id < b->series_id);
}

/*
 * The occurrences of [from, to): read with two days' margin on either
 * side, as an all-day event of a zone far from the one shown lies up to a
 * day off, then kept by in_window and put in listing order.
 */
static int fetch(struct app *c, const struct occ_filter *f, int64_t from,
		 int64_t to, struct occ_list *out)
{
	struct occ_list all = { 0 };
	int rc = store_occurrences(c->st, from - 2 * 86400, to + 2 * 86400, f, 0,
				   &all, &c->err);

	for (size_t i = 0; rc == HE_OK && i < all.n; i++) {
		if (!in_window(c, &all.v[i], from, to)) {
			occ_free(&all.v[i]);
			continue;
		}
		out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
		out->v[out->n++] = all.v[i];
		memset(&all.v[i], 0, sizeof all.v[i]);
	}
	occ_list_free(&all);
	sort_app = c;
	sort_from = from;
	if (out->n > 1)
		qsort(out->v, out->n, sizeof *out->v, listing_order);
	return rc;
}

static void print_text(struct app *c, const struct occ_list *l, int64_t from,
		       int64_t to)
{
	struct table t;
	struct civil shown = { 0 };

	if (l->n == 0) {
		struct civil a = tz_from_utc(c->zone, from, NULL);
		struct civil b = tz_from_utc(c->zone, to - 1, NULL);
		char da[CIVIL_BUFSZ], db[CIVIL_BUFSZ];
		fprintf(c->out, _("No events from %s to %s.\n"),
			civil_format(&a, true, da), civil_format(&b, true, db));
		return;
	}
	if (app_foreign_zone(c))
		fprintf(c->out, _("Times in %s (the calendar's zone is %s).\n"),
			tz_name(c->zone), tz_name(c->home));
	table_init(&t, 5, 40);
	for (size_t i = 0; i < l->n; i++) {
		const struct occ *o = &l->v[i];
		struct civil day = listed_day(c, o, from);
		char when[96];
		if (i == 0 || civil_cmp(&day, &shown) != 0) {
			char *heading = label_day(&day);
			table_add_heading(&t, heading);
			free(heading);
			shown = day;
		}
		time_cell(c, o, when);
		const char *row[] = { when, config_kind_label(&c->cfg, o->kind),
				      o->title, o->venue,
				      o->cancelled ? _("(cancelled)") : NULL };
		table_add(&t, row);
	}
	table_print(&t, c->out, "  ");
	table_free(&t);
}

int cmd_agenda(struct app *c, int argc, char **argv)
{
	struct agenda_args a = { 0 };
	struct occ_list l = { 0 };
	int64_t from, to;
	int rc;

	if (cli_wants_help(argc, argv, _(agenda_usage), c->out))
		return HE_OK;
	/* Open first: the window is in the zone shown, the calendar's. */
	if ((rc = parse_agenda(c, argc, argv, &a)) != HE_OK ||
	    (rc = app_open(c, false)) != HE_OK ||
	    (rc = window(c, &a, &from, &to)) != HE_OK ||
	    (rc = fetch(c, &a.f, from, to, &l)) != HE_OK) {
		occ_list_free(&l);
		return rc;
	}
	if (a.fmt == FORMAT_TSV)
		print_tsv(c, &l);
	else if (a.fmt == FORMAT_JSON)
		print_json(c, &l);
	else
		print_text(c, &l, from, to);
	occ_list_free(&l);
	cli_warn_skipped(c, from, to);
	return HE_OK;
}
