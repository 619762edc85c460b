/* cli_occ.c - hearth override, split, duplicate and segment. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/people/people.h"
#include "cli_event.h"
#include "out.h"

struct override_args {
	const char *at, *start, *end, *venue, *note, *title, *description;
	bool cancel, restore;
	int64_t series_id;       /* set by apply_override: what changed */
	struct civil rid;
};

/* True when a asks for a change to the occurrence itself. */
static bool changes_something(const struct override_args *a)
{
	return a->cancel || a->start || a->end || a->venue || a->note ||
	       a->title || a->description;
}

/* A moved start or end: a bare time keeps the occurrence's day. */
static int parse_moved(struct app *c, const struct series *s,
		       const struct civil *day, const char *text,
		       struct civil *out)
{
	int m;
	struct when w;
	int rc;

	if (when_parse_hhmm(text, &m, NULL) == HE_OK) {
		*out = *day;
		out->hour = m / 60, out->min = m % 60, out->sec = 0;
		if (m == 24 * 60)
			*out = civil_add_days(*day, 1), out->hour = out->min = 0;
		return HE_OK;
	}
	if ((rc = cli_parse_when(c, s, text, &w)) != HE_OK)
		return rc;
	*out = w.c;
	if (s->sched.all_day)
		out->hour = out->min = out->sec = 0;
	return HE_OK;
}

/* Where the occurrence at rid goes: a new start keeps its length, a new
 * end keeps its start. */
static int moved_span(struct app *c, struct series *s, const struct civil *rid,
		      const struct override_args *a, struct civil *start,
		      struct civil *end)
{
	const struct override *o = series_find_override(s, rid);
	int64_t length = civil_to_seconds(&s->sched.end) -
			 civil_to_seconds(&s->sched.start);
	int rc;

	*start = o && o->moved ? o->start : *rid;
	if (o && o->moved)
		length = civil_to_seconds(&o->end) - civil_to_seconds(&o->start);
	*end = civil_from_seconds(civil_to_seconds(start) + length);
	if (a->start) {
		if ((rc = parse_moved(c, s, start, a->start, start)) != HE_OK)
			return rc;
		*end = civil_from_seconds(civil_to_seconds(start) + length);
	}
	if (a->end) {
		if ((rc = parse_moved(c, s, start, a->end, end)) != HE_OK)
			return rc;
		if (s->sched.all_day) /* the last day given, kept exclusive */
			*end = civil_add_days(*end, 1);
	}
	return HE_OK;
}

static int apply_override(struct app *c, struct series *s, void *ctx)
{
	struct override_args *a = ctx;
	struct override *o;
	struct civil rid;
	int rc;

	if ((rc = cli_parse_occurrence(c, s, a->at, &rid)) != HE_OK)
		return rc;
	a->series_id = s->id;
	a->rid = rid;
	if (a->restore) {
		if (!series_drop_override(s, &rid))
			return herr_set(&c->err, HE_USER,
					_("the occurrence at %s was not changed"),
					a->at);
		return HE_OK;
	}
	if (a->start || a->end) {
		/* A one-off moves as a whole, segments and all. */
		struct civil start, end;
		struct civil was = rid;
		if ((rc = moved_span(c, s, &rid, a, &start, &end)) != HE_OK ||
		    (rc = series_move_occurrence(s, &rid, &start, &end, &rid,
						 &c->err)) != HE_OK ||
		    /* Its people go with it (in this transaction). */
		    (rc = shift_carry_move(c->st, s->id, &was, &rid,
					   &c->err)) != HE_OK)
			return rc;
		a->rid = rid;
		if (!a->venue && !a->note && !a->cancel)
			return HE_OK;
	}
	if ((rc = series_override(s, &rid, &o, &c->err)) != HE_OK)
		return rc;
	if (a->venue)
		str_replace(&o->venue, *a->venue ? a->venue : NULL);
	if (a->note)
		str_replace(&o->note, *a->note ? a->note : NULL);
	/* The series' own text is no text of the occurrence's own. */
	if (a->title)
		str_replace(&o->title, *a->title && strcmp(a->title, s->title)
				       ? a->title : NULL);
	if (a->description)
		str_replace(&o->description,
			    *a->description && !str_eq0(a->description,
							s->description)
			    ? a->description : NULL);
	if (a->cancel)
		o->cancelled = true;
	return HE_OK;
}

static const char override_usage[] = N_(
"usage: hearth override ID --at WHEN [--start WHEN] [--end WHEN]\n"
"                       [--venue NAME] [--note TEXT] [--title TEXT]\n"
"                       [--description TEXT] [--cancel | --restore]\n"
"                       [--if-revision N]\n"
"Changes one occurrence of a series without touching the others. --at is the\n"
"occurrence's original start (a date alone means that day's occurrence).\n"
"--start/--end move it (a bare time such as 14:00 keeps its day); --title\n"
"and --description give it its own (\"\" for the series' again); --cancel\n"
"cancels it; --restore undoes every change to it. With --if-revision, only\n"
"if the series is still at revision N.\n");

int cmd_override(struct app *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "at", required_argument, NULL, 'a' },
		{ "start", required_argument, NULL, 's' },
		{ "end", required_argument, NULL, 'e' },
		{ "venue", required_argument, NULL, 'v' },
		{ "note", required_argument, NULL, 'n' },
		{ "title", required_argument, NULL, 't' },
		{ "description", required_argument, NULL, 'd' },
		{ "cancel", no_argument, NULL, 'c' },
		{ "restore", no_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	struct override_args a = { 0 };
	int opt, rc;

	if (cli_wants_help(argc, argv, _(override_usage), c->out))
		return HE_OK;
	if ((rc = cli_take_revision(c, "override", &argc, argv)) != HE_OK)
		return rc;
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'a': a.at = optarg; break;
		case 's': a.start = optarg; break;
		case 'e': a.end = optarg; break;
		case 'v': a.venue = optarg; break;
		case 'n': a.note = optarg; break;
		case 't': a.title = optarg; break;
		case 'd': a.description = optarg; break;
		case 'c': a.cancel = true; break;
		case 'r': a.restore = true; break;
		default:
			return cli_usage_error(c, "override",
					       _("unknown option or missing value "
						 "in '%s'"), argv[optind - 1]);
		}
	}
	if (optind + 1 != argc)
		return cli_usage_error(c, "override", _("give exactly one event ID"));
	if (!a.at)
		return cli_usage_error(c, "override", _("--at is required"));
	if (a.restore && changes_something(&a))
		return cli_usage_error(c, "override",
				       _("--restore cannot be combined with "
					 "changes"));
	if (!a.restore && !changes_something(&a))
		return cli_usage_error(c, "override", _("nothing to change"));
	if ((rc = cli_change_series(c, argv[optind], apply_override, &a)))
		return rc;
	if (a.cancel || a.start || a.end) {
		/* People signed up must hear of it: say who. */
		char *notice = shift_change_notice(c->st, a.series_id, &a.rid);
		if (notice) {
			fputs(_("hearth: note: "), stderr);
			out_text(stderr, notice);
			fputc('\n', stderr);
			free(notice);
		}
	}
	return HE_OK;
}

/* Reads "ID --at WHEN" or "ID --start WHEN" for split and duplicate. */
static int id_and_when(struct app *c, const char *cmd, const char *opt_name,
		       int argc, char **argv, const char **id,
		       const char **when)
{
	const struct option opts[] = {
		{ opt_name, required_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	optind = 0;
	opterr = 0;
	*when = NULL;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (opt != 'w')
			return cli_usage_error(c, cmd, _("unknown option or missing "
						   "value in '%s'"), argv[optind - 1]);
		*when = optarg;
	}
	if (optind + 1 != argc)
		return cli_usage_error(c, cmd, _("give exactly one event ID"));
	if (!*when)
		return cli_usage_error(c, cmd, _("--%s is required"), opt_name);
	*id = argv[optind];
	return HE_OK;
}

/* Loads a series, makes a second one from it, saves both or neither. */
typedef int (*derive_fn)(struct app *c, struct series *s, const char *when,
			 struct series *made);

/*
 * Loads series id, checks its revision (--if-revision) and derives made
 * from it, both checked: all but the saving, run once outside any
 * transaction and again under the write lock.
 */
static int prepare_derived(struct app *c, int64_t id, const char *when,
			   derive_fn derive, struct series *s,
			   struct series *made)
{
	int rc;

	series_init(made);
	if ((rc = store_series_load(c->st, id, s, &c->err)) != HE_OK)
		return rc;
	if (c->if_revision && s->revision != c->if_revision)
		return cli_conflict(c, s->uid, s->title, c->if_revision,
				    s->revision);
	if ((rc = derive(c, s, when, made)) != HE_OK ||
	    (rc = series_validate(s, &c->err)) != HE_OK)
		return rc;
	return series_validate(made, &c->err);
}

static int derive_series(struct app *c, const char *id, const char *when,
			 derive_fn derive, bool save_original)
{
	struct series s, made;
	int64_t series_id;
	int rc;

	if ((rc = app_open(c, false)) != HE_OK ||
	    (rc = store_series_find(c->st, id, &series_id, &c->err)) != HE_OK)
		return rc;
	rc = prepare_derived(c, series_id, when, derive, &s, &made);
	series_free(&s);
	series_free(&made);
	if (rc != HE_OK || (rc = store_begin(c->st, &c->err)) != HE_OK)
		return rc;
	if ((rc = prepare_derived(c, series_id, when, derive, &s, &made)) ==
		    HE_OK &&
	    (!save_original ||
	     (rc = store_series_save(c->st, &s, &c->err)) == HE_OK) &&
	    (rc = store_series_save(c->st, &made, &c->err)) == HE_OK &&
	    /* A split's tail starts at the split occurrence: its people and
	     * shifts go with it. */
	    (!save_original ||
	     (rc = shift_carry_split(c->st, s.id, made.id, &made.sched.start,
				     &c->err)) == HE_OK) &&
	    (rc = store_commit(c->st, &c->err)) == HE_OK)
		fprintf(c->out, "%s\n", made.uid);
	else
		store_rollback(c->st);
	series_free(&s);
	series_free(&made);
	return rc;
}

static int split_at(struct app *c, struct series *s, const char *when,
		    struct series *tail)
{
	struct civil rid;
	int rc = cli_parse_occurrence(c, s, when, &rid);

	if (rc != HE_OK)
		return rc;
	return series_split(s, &rid, tail, &c->err);
}

static const char split_usage[] = N_(
"usage: hearth split ID --at WHEN [--if-revision N]\n"
"Ends the series before the occurrence at WHEN and starts a new series (\"this\n"
"and following\") from it on, with the same details; prints the new UID.\n"
"With --if-revision, only if the series is still at revision N.\n");

int cmd_split(struct app *c, int argc, char **argv)
{
	const char *id, *when;
	int rc;

	if (cli_wants_help(argc, argv, _(split_usage), c->out))
		return HE_OK;
	if ((rc = cli_take_revision(c, "split", &argc, argv)) != HE_OK ||
	    (rc = id_and_when(c, "split", "at", argc, argv, &id, &when)) != HE_OK)
		return rc;
	return derive_series(c, id, when, split_at, true);
}

static int duplicate_to(struct app *c, struct series *s, const char *when,
			struct series *copy)
{
	struct when w;
	int rc = cli_parse_when(c, s, when, &w);

	if (rc != HE_OK)
		return rc;
	if (!s->sched.all_day && w.date_only) {
		w.c.hour = s->sched.start.hour;
		w.c.min = s->sched.start.min;
		w.c.sec = s->sched.start.sec;
	}
	return series_duplicate(s, &w.c, copy, &c->err);
}

static const char duplicate_usage[] = N_(
"usage: hearth duplicate ID --start WHEN\n"
"Copies a series so that its first occurrence starts at WHEN (a date alone\n"
"keeps the time of day); every date of its schedule moves by as much, while\n"
"the weekdays a repeat rule names stay. Prints the new UID.\n");

int cmd_duplicate(struct app *c, int argc, char **argv)
{
	const char *id, *when;
	int rc;

	if (cli_wants_help(argc, argv, _(duplicate_usage), c->out))
		return HE_OK;
	if ((rc = id_and_when(c, "duplicate", "start", argc, argv, &id, &when)))
		return rc;
	return derive_series(c, id, when, duplicate_to, false);
}
