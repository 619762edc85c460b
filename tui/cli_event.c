/* cli_event.c - hearth add, edit, rm. */
#include "cli_event.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/text.h"

/* What add and edit were told; NULL means "not given". */
struct event_args {
	const char *kind, *title, *start, *end, *duration, *rrule, *venue;
	const char *tz, *status, *description, *contact, *capacity;
	bool all_day, timed, no_segments;
	struct strv exdates, no_exdates, rdates, audience, alarms;
	struct strv orgs[4];     /* by enum role */
	bool orgs_given[4], audience_given;
};

static void event_args_free(struct event_args *a)
{
	strv_free(&a->exdates);
	strv_free(&a->no_exdates);
	strv_free(&a->rdates);
	strv_free(&a->audience);
	strv_free(&a->alarms);
	for (int i = 0; i < 4; i++)
		strv_free(&a->orgs[i]);
}

enum {
	OPT_ALL_DAY = 256, OPT_TIMED, OPT_EXDATE, OPT_NO_EXDATE, OPT_RDATE,
	OPT_HOST, OPT_COHOST, OPT_PARTNER, OPT_SPONSOR, OPT_AUDIENCE,
	OPT_CAPACITY, OPT_CONTACT, OPT_NO_SEGMENTS, OPT_ALARM,
};

static const struct option event_options[] = {
	{ "kind", required_argument, NULL, 'k' },
	{ "title", required_argument, NULL, 't' },
	{ "start", required_argument, NULL, 's' },
	{ "end", required_argument, NULL, 'e' },
	{ "duration", required_argument, NULL, 'd' },
	{ "all-day", no_argument, NULL, OPT_ALL_DAY },
	{ "timed", no_argument, NULL, OPT_TIMED },
	{ "rrule", required_argument, NULL, 'r' },
	{ "exdate", required_argument, NULL, OPT_EXDATE },
	{ "no-exdate", required_argument, NULL, OPT_NO_EXDATE },
	{ "rdate", required_argument, NULL, OPT_RDATE },
	{ "venue", required_argument, NULL, 'v' },
	{ "host", required_argument, NULL, OPT_HOST },
	{ "cohost", required_argument, NULL, OPT_COHOST },
	{ "partner", required_argument, NULL, OPT_PARTNER },
	{ "sponsor", required_argument, NULL, OPT_SPONSOR },
	{ "audience", required_argument, NULL, OPT_AUDIENCE },
	{ "capacity", required_argument, NULL, OPT_CAPACITY },
	{ "contact", required_argument, NULL, OPT_CONTACT },
	{ "tz", required_argument, NULL, 'z' },
	{ "status", required_argument, NULL, 'S' },
	{ "description", required_argument, NULL, 'D' },
	{ "no-segments", no_argument, NULL, OPT_NO_SEGMENTS },
	{ "alarm", required_argument, NULL, OPT_ALARM },
	{ NULL, 0, NULL, 0 },
};

static void add_org_arg(struct event_args *a, enum role r, const char *name)
{
	a->orgs_given[r] = true;
	if (*name)
		strv_add(&a->orgs[r], name);
}

static bool take_event_option(struct event_args *a, int opt)
{
	switch (opt) {
	case 'k': a->kind = optarg; break;
	case 't': a->title = optarg; break;
	case 's': a->start = optarg; break;
	case 'e': a->end = optarg; break;
	case 'd': a->duration = optarg; break;
	case OPT_ALL_DAY: a->all_day = true; break;
	case OPT_TIMED: a->timed = true; break;
	case 'r': a->rrule = optarg; break;
	case OPT_EXDATE: strv_add(&a->exdates, optarg); break;
	case OPT_NO_EXDATE: strv_add(&a->no_exdates, optarg); break;
	case OPT_RDATE: strv_add(&a->rdates, optarg); break;
	case 'v': a->venue = optarg; break;
	case OPT_HOST: add_org_arg(a, ROLE_HOST, optarg); break;
	case OPT_COHOST: add_org_arg(a, ROLE_COHOST, optarg); break;
	case OPT_PARTNER: add_org_arg(a, ROLE_PARTNER, optarg); break;
	case OPT_SPONSOR: add_org_arg(a, ROLE_SPONSOR, optarg); break;
	case OPT_AUDIENCE:
		a->audience_given = true;
		if (*optarg)
			strv_add(&a->audience, optarg);
		break;
	case OPT_CAPACITY: a->capacity = optarg; break;
	case OPT_CONTACT: a->contact = optarg; break;
	case 'z': a->tz = optarg; break;
	case 'S': a->status = optarg; break;
	case 'D': a->description = optarg; break;
	case OPT_NO_SEGMENTS: a->no_segments = true; break;
	case OPT_ALARM: strv_add(&a->alarms, optarg); break;
	default: return false;
	}
	return true;
}

/* Parses options; *first_arg gets the index of the first positional one. */
static int parse_event_args(struct app *c, const char *cmd, int argc,
			    char **argv, struct event_args *a, int *first_arg)
{
	int opt;

	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", event_options, NULL)) != -1) {
		if (opt == '?' || opt == ':' || !take_event_option(a, opt))
			return cli_usage_error(c, cmd, _("unknown option or "
					       "missing value in '%s'"),
					       argv[optind - 1]);
	}
	*first_arg = optind;
	return HE_OK;
}

int cli_parse_when(struct app *c, const struct series *s, const char *text,
		   struct when *w)
{
	const struct tz *z = tz_get(s->sched.tzid);
	struct civil today = app_today(c, z);

	return when_parse(text, &today, w, &c->err);
}

/* "16:00" alone as an end means that time on the start's day. */
static bool bare_time(const char *text)
{
	int m;
	return when_parse_hhmm(text, &m, NULL) == HE_OK;
}

static int set_zone(struct app *c, struct series *s, const char *tz)
{
	if (!tz_get(tz))
		return herr_set(&c->err, HE_USER,
				_("unknown time zone '%s' (use an IANA name such "
				  "as Asia/Shanghai)"), tz);
	snprintf(s->sched.tzid, sizeof s->sched.tzid, "%s", tz);
	return HE_OK;
}

/* The end from --end or --duration (or the old length, or the kind's). */
static int settle_end(struct app *c, struct series *s,
		      const struct event_args *a, int64_t keep_length)
{
	struct sched *sc = &s->sched;
	int64_t length = keep_length;
	struct when w;
	int rc;

	if (a->end) {
		if (bare_time(a->end) && !sc->all_day) {
			int m;
			when_parse_hhmm(a->end, &m, NULL);
			sc->end = sc->start;
			sc->end.hour = m / 60, sc->end.min = m % 60, sc->end.sec = 0;
			if (m == 24 * 60) {
				sc->end = civil_add_days(sc->start, 1);
				sc->end.hour = sc->end.min = 0;
			}
			return HE_OK;
		}
		if ((rc = cli_parse_when(c, s, a->end, &w)) != HE_OK)
			return rc;
		sc->end = w.c;
		if (sc->all_day) /* the last day given, kept exclusive */
			sc->end = civil_add_days(w.c, 1);
		else if (w.date_only)
			return herr_set(&c->err, HE_USER,
					_("--end %s has no time of day; give one "
					  "(or use --all-day)"), a->end);
		return HE_OK;
	}
	if (a->duration &&
	    (rc = when_parse_duration(a->duration, &length, &c->err)) != HE_OK)
		return rc;
	if (sc->all_day) {
		int64_t days = length <= 0 ? 1 : (length + 86399) / 86400;
		sc->end = civil_add_days(sc->start, days);
	} else {
		sc->end = civil_from_seconds(civil_to_seconds(&sc->start) + length);
	}
	return HE_OK;
}

/* Start, end and all-day from the arguments. */
static int settle_times(struct app *c, struct series *s,
			const struct event_args *a, bool is_new)
{
	struct sched *sc = &s->sched;
	const struct kind *k = config_kind(&c->cfg, s->kind);
	int64_t length = civil_to_seconds(&sc->end) - civil_to_seconds(&sc->start);
	bool was_all_day = sc->all_day;
	struct when w;
	int rc;
	struct civil start = sc->start;
	bool all_day = sc->all_day;

	if (is_new)
		length = k ? k->duration : 2 * 3600;
	if (a->start) {
		if ((rc = cli_parse_when(c, s, a->start, &w)) != HE_OK)
			return rc;
		if (a->timed && w.date_only)
			return herr_set(&c->err, HE_USER,
					_("--start %s has no time of day"), a->start);
		start = w.c;
		all_day = a->timed ? false : (a->all_day || w.date_only);
	} else if (a->all_day || a->timed) {
		all_day = a->all_day;
	}
	if (all_day)
		start.hour = start.min = start.sec = 0;
	/* Exceptions and changed occurrences move with the series, also
	 * when it becomes all-day (their times become midnight). */
	if (!is_new)
		series_move(s, &start, all_day);
	sc->start = start;
	sc->all_day = all_day;
	if (sc->all_day != was_all_day && !is_new)
		length = sc->all_day ? 86400 : (k ? k->duration : 2 * 3600);
	if (sc->all_day) {
		sc->start.hour = sc->start.min = sc->start.sec = 0;
		if (length < 86400 && !a->end && !a->duration)
			length = 86400;
	}
	if (is_new || a->start || a->end || a->duration ||
	    sc->all_day != was_all_day)
		return settle_end(c, s, a, length);
	return HE_OK;
}

static int parse_dates(struct app *c, struct series *s, const struct strv *in,
		       struct civil_list *out, bool add)
{
	for (size_t i = 0; i < in->n; i++) {
		struct civil rid;
		int rc = cli_parse_occurrence(c, s, in->v[i], &rid);
		if (rc != HE_OK)
			return rc;
		if (add && !civil_list_has(out, &rid))
			civil_list_add(out, rid);
		else if (!add && civil_list_remove(out, &rid) == 0)
			return herr_set(&c->err, HE_USER,
					_("%s is not an exception date of this "
					  "event"), in->v[i]);
	}
	return HE_OK;
}

static int settle_schedule(struct app *c, struct series *s,
			   const struct event_args *a, bool is_new)
{
	int rc;

	if (a->tz && (rc = set_zone(c, s, a->tz)) != HE_OK)
		return rc;
	if ((rc = settle_times(c, s, a, is_new)) != HE_OK)
		return rc;
	if (a->rrule) {
		free(s->sched.rrule);
		s->sched.rrule = NULL;
		if (*a->rrule && strcasecmp(a->rrule, "none") != 0 &&
		    (rc = sched_parse_rule(a->rrule, &s->sched.rrule, &c->err)))
			return rc;
	}
	if ((rc = parse_dates(c, s, &a->exdates, &s->sched.exdates, true)) ||
	    (rc = parse_dates(c, s, &a->no_exdates, &s->sched.exdates, false)) ||
	    (rc = parse_dates(c, s, &a->rdates, &s->sched.rdates, true)))
		return rc;
	return HE_OK;
}

int cli_parse_occurrence(struct app *c, const struct series *s,
			 const char *text, struct civil *rid)
{
	struct when w;
	int rc = cli_parse_when(c, s, text, &w);

	if (rc != HE_OK)
		return rc;
	*rid = w.c;
	if (s->sched.all_day) {
		rid->hour = rid->min = rid->sec = 0;
	} else if (w.date_only) {
		rid->hour = s->sched.start.hour;
		rid->min = s->sched.start.min;
		rid->sec = s->sched.start.sec;
	}
	return HE_OK;
}

static int settle_kind(struct app *c, struct series *s, const char *kind)
{
	if (!config_kind(&c->cfg, kind)) {
		struct sbuf known = { 0 };
		for (size_t i = 0; i < c->cfg.n_kinds; i++)
			sbuf_addf(&known, "%s%s", i ? ", " : "", c->cfg.kinds[i].key);
		herr_set(&c->err, HE_USER, _("unknown kind '%s' (known: %s)"),
			 kind, sbuf_str(&known));
		sbuf_free(&known);
		return HE_USER;
	}
	str_replace(&s->kind, kind);
	return HE_OK;
}

static int settle_people(struct app *c, struct series *s,
			 const struct event_args *a)
{
	for (int r = 0; r < 4; r++) {
		if (!a->orgs_given[r])
			continue;
		series_clear_orgs(s, (enum role)r);
		for (size_t i = 0; i < a->orgs[r].n; i++)
			series_add_org(s, a->orgs[r].v[i], (enum role)r);
	}
	if (a->audience_given) {
		strv_free(&s->audience);
		strv_copy(&s->audience, &a->audience);
	}
	if (a->capacity) {
		char *end;
		long v = strtol(a->capacity, &end, 10);
		if (*end || v < 0 || v > 10000000)
			return herr_set(&c->err, HE_USER,
					_("capacity must be a number of people, "
					  "not '%s'"), a->capacity);
		s->capacity = (int)v;
	}
	return HE_OK;
}

/*
 * The --alarm options: lengths before the start, "none", or "kind" for the
 * kind's reminders again. Given, they replace the event's reminders.
 */
static int settle_alarms(struct app *c, struct series *s,
			 const struct strv *given)
{
	struct alarms a = { .set = true };
	int rc = HE_OK;

	if (given->n == 0)
		return HE_OK;
	if (given->n == 1 && !strcmp(given->v[0], "kind")) {
		memset(&s->alarms, 0, sizeof s->alarms);
		return HE_OK;
	}
	for (size_t i = 0; i < given->n && rc == HE_OK; i++) {
		struct alarms one;
		if (!strcmp(given->v[i], "kind") ||
		    ((!strcmp(given->v[i], "none")) && given->n > 1))
			return herr_set(&c->err, HE_USER, _("--alarm %s goes "
					"alone"), given->v[i]);
		rc = alarms_parse(given->v[i], &one, &c->err);
		for (size_t j = 0; rc == HE_OK && j < one.n; j++)
			rc = alarms_add(&a, one.before[j], &c->err);
	}
	if (rc == HE_OK)
		s->alarms = a;
	return rc;
}

/* Applies every given argument to s. */
static int apply_args(struct app *c, struct series *s,
		      const struct event_args *a, bool is_new)
{
	int rc;

	if (a->kind && (rc = settle_kind(c, s, a->kind)) != HE_OK)
		return rc;
	if (a->title)
		str_replace(&s->title, a->title);
	if (a->description)
		str_replace(&s->description, *a->description ? a->description : NULL);
	if (a->contact)
		str_replace(&s->contact, *a->contact ? a->contact : NULL);
	if (a->venue)
		str_replace(&s->venue, *a->venue ? a->venue : NULL);
	if (a->status && !status_parse(a->status, &s->status))
		return herr_set(&c->err, HE_USER,
				_("unknown status '%s' (use tentative, confirmed "
				  "or cancelled)"), a->status);
	if ((rc = settle_people(c, s, a)) != HE_OK ||
	    (rc = settle_alarms(c, s, &a->alarms)) != HE_OK)
		return rc;
	return settle_schedule(c, s, a, is_new);
}

/* Copies the kind's default segments. */
static void add_default_segments(struct app *c, struct series *s)
{
	const struct kind *k = config_kind(&c->cfg, s->kind);

	for (size_t i = 0; k && i < k->segments.n; i++) {
		struct segment g = kind_segment(k, i);
		series_add_segment(s, &g);
	}
}

static const char add_usage[] = N_(
"usage: hearth add --kind K --title T --start WHEN [--end WHEN | --duration D]\n"
"                  [--all-day] [--rrule RULE] [--exdate WHEN]... [--rdate WHEN]...\n"
"                  [--venue NAME] [--host ORG] [--cohost ORG]... [--partner ORG]...\n"
"                  [--sponsor ORG]... [--audience TAG]... [--capacity N]\n"
"                  [--contact C] [--tz ZONE] [--status S] [--description TEXT]\n"
"                  [--no-segments] [--alarm LENGTH|none|kind]...\n"
"Adds an event series and prints its UID. Without --end or --duration the\n"
"kind's default length is used; a --start without a time makes an all-day\n"
"event. The kind's default segments are copied unless --no-segments.\n"
"--alarm 1d --alarm 2h: phones remind a day and two hours before (default:\n"
"the kind's reminders; none: no reminder).\n"
"WHEN: 2027-01-08 10:00, 2027-01-08T10:00, 2027-01-08, 1/8 10:00, tomorrow,\n"
"fri 10:00, +3d. RULE: an RFC 5545 RRULE such as FREQ=WEEKLY;BYDAY=FR,SA,SU.\n");

int cmd_add(struct app *c, int argc, char **argv)
{
	struct event_args a = { 0 };
	struct series s;
	int first, rc;

	if (cli_wants_help(argc, argv, _(add_usage), c->out))
		return HE_OK;
	series_init(&s);
	if ((rc = parse_event_args(c, "add", argc, argv, &a, &first)) != HE_OK)
		goto out;
	if (first < argc) {
		rc = cli_usage_error(c, "add", _("unexpected argument '%s'"),
				     argv[first]);
		goto out;
	}
	if (!a.kind || !a.title || !a.start) {
		rc = cli_usage_error(c, "add", _("--kind, --title and --start are "
						 "required"));
		goto out;
	}
	if (a.end && a.duration) {
		rc = cli_usage_error(c, "add", _("give --end or --duration, not "
						 "both"));
		goto out;
	}
	/* New events take the calendar's zone: it is read from the file. */
	if ((rc = app_open(c, true)) != HE_OK)
		goto out;
	snprintf(s.sched.tzid, sizeof s.sched.tzid, "%s", tz_name(c->home));
	if ((rc = apply_args(c, &s, &a, true)) != HE_OK)
		goto out;
	if (!a.no_segments)
		add_default_segments(c, &s);
	if ((rc = store_series_save(c->st, &s, &c->err)) == HE_OK)
		fprintf(c->out, "%s\n", s.uid);
out:
	series_free(&s);
	event_args_free(&a);
	return rc;
}

/*
 * Loads series id, checks it is at the revision the command expects
 * (--if-revision), applies change and checks the result: the whole change
 * but the saving, so that it can run once outside any transaction (a
 * refused change takes no lock) and again under the write lock.
 */
static int prepare_change(struct app *c, int64_t id, series_change_fn change,
			  void *ctx, struct series *s)
{
	int rc = store_series_load(c->st, id, s, &c->err);

	if (rc != HE_OK)
		return rc;
	if (c->if_revision && s->revision != c->if_revision)
		return cli_conflict(c, s->uid, s->title, c->if_revision,
				    s->revision);
	if ((rc = change(c, s, ctx)) != HE_OK)
		return rc;
	return series_validate(s, &c->err);
}

int cli_change_series(struct app *c, const char *id, series_change_fn change,
		      void *ctx)
{
	struct series s;
	int64_t series_id;
	int rc;

	if ((rc = app_open(c, false)) != HE_OK ||
	    (rc = store_series_find(c->st, id, &series_id, &c->err)) != HE_OK)
		return rc;
	rc = prepare_change(c, series_id, change, ctx, &s);
	series_free(&s);
	if (rc != HE_OK || (rc = store_begin(c->st, &c->err)) != HE_OK)
		return rc;
	if ((rc = prepare_change(c, series_id, change, ctx, &s)) == HE_OK &&
	    (rc = store_series_save(c->st, &s, &c->err)) == HE_OK &&
	    (rc = store_commit(c->st, &c->err)) == HE_OK) {
		series_free(&s);
		return HE_OK;
	}
	store_rollback(c->st);
	series_free(&s);
	return rc;
}

static int apply_edit(struct app *c, struct series *s, void *ctx)
{
	return apply_args(c, s, ctx, false);
}

static const char edit_usage[] = N_(
"usage: hearth edit ID [the options of 'hearth add'] [--no-exdate WHEN]...\n"
"                 [--timed] [--if-revision N]\n"
"Changes the given fields of an event series; the rest stay as they are.\n"
"A new --start without --end or --duration keeps the length. Lists given\n"
"(--partner, --audience, ...) replace the old ones; an empty value clears\n"
"them, as does --rrule none for the repeat rule. ID is a UID or a prefix.\n"
"With --if-revision, only if the series is still at revision N ('hearth\n"
"show' prints it); else nothing changes, and the message says who changed\n"
"it and when (exit 1).\n");

int cmd_edit(struct app *c, int argc, char **argv)
{
	struct event_args a = { 0 };
	int first, rc;

	if (cli_wants_help(argc, argv, _(edit_usage), c->out))
		return HE_OK;
	if ((rc = cli_take_revision(c, "edit", &argc, argv)) != HE_OK ||
	    (rc = parse_event_args(c, "edit", argc, argv, &a, &first)) != HE_OK)
		goto out;
	if (first + 1 != argc) {
		rc = cli_usage_error(c, "edit", _("give exactly one event ID"));
		goto out;
	}
	if (a.end && a.duration) {
		rc = cli_usage_error(c, "edit", _("give --end or --duration, not "
						  "both"));
		goto out;
	}
	rc = cli_change_series(c, argv[first], apply_edit, &a);
out:
	event_args_free(&a);
	return rc;
}

static const char rm_usage[] = N_(
"usage: hearth rm ID [--if-revision N]\n"
"Deletes an event series with all its occurrences. ID is a UID or a prefix.\n"
"With --if-revision, only if the series is still at revision N.\n");

/* Refuses when the series is not at the revision the command expects. */
static int expect_revision(struct app *c, int64_t id)
{
	struct series s;
	int rc;

	if (!c->if_revision)
		return HE_OK;
	if ((rc = store_series_load(c->st, id, &s, &c->err)) == HE_OK &&
	    s.revision != c->if_revision)
		rc = cli_conflict(c, s.uid, s.title, c->if_revision, s.revision);
	series_free(&s);
	return rc;
}

int cmd_rm(struct app *c, int argc, char **argv)
{
	int64_t id;
	int rc;

	if (cli_wants_help(argc, argv, _(rm_usage), c->out))
		return HE_OK;
	if ((rc = cli_take_revision(c, "rm", &argc, argv)) != HE_OK)
		return rc;
	if (argc != 2 || argv[1][0] == '-')
		return cli_usage_error(c, "rm", _("give exactly one event ID"));
	if ((rc = app_open(c, false)) != HE_OK ||
	    (rc = store_series_find(c->st, argv[1], &id, &c->err)) != HE_OK ||
	    (rc = expect_revision(c, id)) != HE_OK ||
	    (rc = store_begin(c->st, &c->err)) != HE_OK)
		return rc;
	if ((rc = expect_revision(c, id)) == HE_OK &&
	    (rc = store_series_delete(c->st, id, &c->err)) == HE_OK)
		return store_commit(c->st, &c->err);
	store_rollback(c->st);
	return rc;
}
