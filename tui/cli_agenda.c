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

static void tsv_row(struct app *c, const struct occ *o)
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

static void json_row(struct app *c, const struct occ *o, bool first)
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

/*
 * The occurrences are printed as the store hands them over, never all held:
 * 100,000 series give a 30-day agenda of some 96,000 lines, which took
 * 120 MB held as a list. Only the days still open are kept: an occurrence
 * comes in order of its start, and one listed under a day starts at most
 * the widest gap between two zones (26 hours) after the day ends in the
 * zone shown, so a day is printed, in listing order, once the stream is
 * past that. An aligned table reads the window twice, first for the widths
 * of its columns, inside one read transaction.
 */
#define ZONE_GAP (26 * 3600LL)

/* An occurrence read and not yet printed, with the day it is listed under. */
struct held {
	struct occ o;
	int64_t day;             /* civil_days of listed_day */
};

struct printer {
	struct app *c;
	enum cli_format fmt;
	int64_t from, to;
	size_t n;                /* printed */
	size_t measured;         /* text: rows of the first pass */
	bool measuring;
	int width[5];
	struct civil shown;      /* text: the day of the last heading */
	struct held *open;
	size_t n_open, cap_open;
	int64_t due;             /* the first open day is complete from then */
};

/* Listing order: by the date listed under (worked out once), all-day
 * ones first, then by start and series. */
static int held_order(const void *x, const void *y)
{
	const struct held *a = x, *b = y;

	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	if (a->o.all_day != b->o.all_day)
		return a->o.all_day ? -1 : 1;
	if (a->o.start != b->o.start)
		return a->o.start < b->o.start ? -1 : 1;
	return (a->o.series_id > b->o.series_id) -
	       (a->o.series_id < b->o.series_id);
}

/* The instant after which nothing more is listed under day. */
static int64_t day_complete(struct app *c, int64_t day)
{
	struct civil next;

	civil_from_days(day + 1, &next.year, &next.month, &next.day);
	next.hour = next.min = next.sec = 0;
	return tz_to_utc(c->zone, &next) + ZONE_GAP;
}

static void print_row(struct printer *p, const struct occ *o)
{
	struct app *c = p->c;

	if (p->fmt == FORMAT_TSV) {
		tsv_row(c, o);
	} else if (p->fmt == FORMAT_JSON) {
		json_row(c, o, p->n == 0);
	} else {
		struct civil day = listed_day(c, o, p->from);
		char when[96];
		if (p->n == 0 || civil_cmp(&day, &p->shown) != 0) {
			char *heading = label_day(&day);
			table_print_heading(c->out, heading);
			free(heading);
			p->shown = day;
		}
		time_cell(c, o, when);
		const char *row[] = { when, config_kind_label(&c->cfg, o->kind),
				      o->title, o->venue,
				      o->cancelled ? _("(cancelled)") : NULL };
		table_print_row(c->out, "  ", p->width, 5, row);
	}
	p->n++;
}

/* The widths of the text columns, over every row. */
static void measure_row(struct printer *p, const struct occ *o)
{
	char when[96];

	time_cell(p->c, o, when);
	const char *row[] = { when, config_kind_label(&p->c->cfg, o->kind),
			      o->title, o->venue,
			      o->cancelled ? _("(cancelled)") : NULL };
	table_measure(p->width, 5, 40, row);
	p->measured++;
}

/* Prints the open days complete at `now` (every one when INT64_MAX). */
static void print_days(struct printer *p, int64_t now)
{
	size_t n = 0, kept = 0;

	if (p->n_open > 1)
		qsort(p->open, p->n_open, sizeof *p->open, held_order);
	for (; n < p->n_open; n++) {
		if (now != INT64_MAX && day_complete(p->c, p->open[n].day) > now)
			break;
		print_row(p, &p->open[n].o);
		occ_free(&p->open[n].o);
	}
	for (size_t i = n; i < p->n_open; i++)
		p->open[kept++] = p->open[i];
	p->n_open = kept;
	p->due = kept ? day_complete(p->c, p->open[0].day) : INT64_MAX;
}

static int take(void *ctx, const struct occ *o, struct herr *err)
{
	struct printer *p = ctx;
	struct held *h;
	struct civil day;

	(void)err;
	if (!in_window(p->c, o, p->from, p->to))
		return HE_OK;
	if (p->measuring) {
		measure_row(p, o);
		return HE_OK;
	}
	if (o->start >= p->due)
		print_days(p, o->start);
	p->open = xgrow(p->open, &p->cap_open, p->n_open + 1, sizeof *p->open);
	h = &p->open[p->n_open++];
	occ_copy(&h->o, o);
	day = listed_day(p->c, o, p->from);
	h->day = civil_days(day.year, day.month, day.day);
	if (p->n_open == 1 || day_complete(p->c, h->day) < p->due)
		p->due = day_complete(p->c, h->day);
	return HE_OK;
}

/*
 * The occurrences of [from, to): read with two days' margin on either
 * side, as an all-day event of a zone far from the one shown lies up to a
 * day off, then kept by in_window and printed in listing order.
 */
static int print_all(struct app *c, const struct agenda_args *a, int64_t from,
		     int64_t to)
{
	struct printer p = { .c = c, .fmt = a->fmt, .from = from, .to = to,
			     .due = INT64_MAX };
	int64_t lo = from - 2 * 86400, hi = to + 2 * 86400;
	int rc = HE_OK;

	if (a->fmt == FORMAT_TEXT) {
		p.measuring = true;
		rc = store_occurrences_each(c->st, lo, hi, &a->f, 0, take, &p,
					    &c->err);
		p.measuring = false;
		if (rc == HE_OK && p.measured && app_foreign_zone(c))
			fprintf(c->out, _("Times in %s (the calendar's zone is "
					  "%s).\n"), tz_name(c->zone),
				tz_name(c->home));
	}
	if (a->fmt == FORMAT_JSON)
		fputc('[', c->out);
	if (rc == HE_OK)
		rc = store_occurrences_each(c->st, lo, hi, &a->f, 0, take, &p,
					    &c->err);
	print_days(&p, INT64_MAX);
	free(p.open);
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

int cmd_agenda(struct app *c, int argc, char **argv)
{
	struct agenda_args a = { 0 };
	int64_t from, to;
	int rc;

	if (cli_wants_help(argc, argv, _(agenda_usage), c->out))
		return HE_OK;
	/* Open first: the window is in the zone shown, the calendar's. */
	if ((rc = parse_agenda(c, argc, argv, &a)) != HE_OK ||
	    (rc = app_open(c, false)) != HE_OK ||
	    (rc = window(c, &a, &from, &to)) != HE_OK)
		return rc;
	/* One pass through the file (two for text): a small page cache. */
	store_bulk(c->st, true);
	if ((rc = store_read_begin(c->st, &c->err)) != HE_OK)
		return rc;
	rc = print_all(c, &a, from, to);
	store_read_end(c->st);
	if (rc == HE_OK)
		cli_warn_skipped(c, from, to);
	return rc;
}
