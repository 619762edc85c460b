/*
 * cli_shift.c - hearth shift, shifts, signup, checkin and checkout: the
 * people events need, who comes, and who came.
 */
#include "cli_people.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/label.h"
#include "../core/when.h"
#include "out.h"

/* ---- hearth shift ---- */

static const char shift_usage[] = N_(
"usage: hearth shift add EVENT --role ROLE --need N\n"
"                       [--at WHEN | --from DATE --to DATE]\n"
"       hearth shift rm EVENT --role ROLE [--at WHEN | --from DATE --to DATE]\n"
"       hearth shift ls EVENT [--format text|tsv|json]\n"
"add says that the event needs N people in ROLE: at its occurrence at WHEN\n"
"(an original start, or the day it takes place), at every occurrence from\n"
"DATE to DATE, or at every occurrence of the series when neither is given.\n"
"The narrowest rule decides: a number for one occurrence overrides the\n"
"series'. Adding a rule with the same role and range changes its number;\n"
"--need 0 means none there. ROLE is a role of the config (volunteer,\n"
"team-leader, guide, or its label) or any other word. EVENT is an event's\n"
"UID (or the start of one) or a part of its title only it has.\n"
"rm removes the rule with exactly that role and range; it is refused while\n"
"people signed up for occurrences still to come depend on it.\n"
"ls lists the rules: from, to, role, number.\n");

struct shift_args {
	const char *role, *need, *at, *from, *to;
	enum cli_format fmt;
};

static int shift_options(struct app *a, int argc, char **argv,
			 struct shift_args *s)
{
	static const struct option opts[] = {
		{ "role", required_argument, NULL, 'r' },
		{ "need", required_argument, NULL, 'n' },
		{ "at", required_argument, NULL, 'a' },
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "format", required_argument, NULL, 'F' },
		{ NULL, 0, NULL, 0 },
	};
	int opt, rc;

	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'r': s->role = optarg; break;
		case 'n': s->need = optarg; break;
		case 'a': s->at = optarg; break;
		case 'f': s->from = optarg; break;
		case 't': s->to = optarg; break;
		case 'F':
			if ((rc = cli_parse_format(a, optarg, &s->fmt)) != HE_OK)
				return rc;
			break;
		default:
			return cli_usage_error(a, "shift", _("unknown option or "
					       "missing value in '%s'"),
					       argv[optind - 1]);
		}
	}
	if (optind + 1 != argc)
		return cli_usage_error(a, "shift", _("give exactly one event"));
	if (s->at && (s->from || s->to))
		return cli_usage_error(a, "shift", _("--at or --from/--to, not "
				       "both"));
	if (!s->from != !s->to)
		return cli_usage_error(a, "shift", _("--from and --to go "
				       "together"));
	return HE_OK;
}

/* The wall-clock edge of a --from/--to date in the series' zone. */
static int range_edge(struct app *a, int64_t series_id, const char *text,
		      bool end, int64_t *out)
{
	struct civil today = app_today(a, cli_series_zone(a, series_id));
	struct when w;
	int rc = when_parse(text, &today, &w, &a->err);

	if (rc != HE_OK)
		return rc;
	if (w.date_only && end)
		w.c.hour = 23, w.c.min = 59, w.c.sec = 59;
	*out = civil_to_seconds(&w.c);
	return HE_OK;
}

/* The rids a rule covers, from --at, --from/--to, or the whole series. */
static int shift_range(struct app *a, const struct shift_args *s,
		       const char *event, int64_t *series_id, int64_t *from,
		       int64_t *to)
{
	struct civil rid;
	int rc;

	*from = SHIFT_FIRST;
	*to = SHIFT_LAST;
	if ((rc = cli_shift_occurrence(a, event, s->at, series_id, &rid)) != HE_OK)
		return rc;
	if (s->at) {
		*from = *to = civil_to_seconds(&rid);
	} else if (s->from) {
		if ((rc = range_edge(a, *series_id, s->from, false, from)) ||
		    (rc = range_edge(a, *series_id, s->to, true, to)))
			return rc;
		if (*to < *from)
			return herr_set(&a->err, HE_USER, _("--to is before "
					"--from"));
	}
	return HE_OK;
}

static int parse_need(struct app *a, const char *text, int *need)
{
	char *end;
	long v;

	if (!text)
		return cli_usage_error(a, "shift", _("--need is required"));
	v = strtol(text, &end, 10);
	if (end == text || *end || v < 0 || v > 10000)
		return herr_set(&a->err, HE_USER, _("--need wants a number of "
				"people from 0 to 10000, not '%s'"), text);
	*need = (int)v;
	return HE_OK;
}

/* "2027-01-08 10:00" for a rule's edge, "…" for an open one. */
static void edge_text(int64_t rid, bool first, char buf[CIVIL_BUFSZ])
{
	struct civil c;

	if (rid == (first ? SHIFT_FIRST : SHIFT_LAST)) {
		snprintf(buf, CIVIL_BUFSZ, "%s", "");
		return;
	}
	c = civil_from_seconds(rid);
	civil_format(&c, false, buf);
}

static int shift_ls(struct app *a, const struct shift_args *s,
		    const char *event)
{
	struct shift_rules l = { 0 };
	struct table t;
	int64_t series_id;
	int rc;

	if ((rc = cli_shift_occurrence(a, event, NULL, &series_id, NULL)) != HE_OK ||
	    (rc = store_shift_rules(a->st, series_id, &l, &a->err)) != HE_OK)
		return rc;
	table_init(&t, 4, 0);
	if (s->fmt == FORMAT_JSON)
		fputc('[', a->out);
	for (size_t i = 0; i < l.n; i++) {
		const struct shift_rule *r = &l.v[i];
		char f[CIVIL_BUFSZ], to[CIVIL_BUFSZ], need[16];
		edge_text(r->from_rid, true, f);
		edge_text(r->to_rid, false, to);
		snprintf(need, sizeof need, "%d", r->need);
		if (s->fmt == FORMAT_JSON) {
			fputs(i ? ",{" : "{", a->out);
			cli_json_str(a->out, "from", *f ? f : NULL, true);
			cli_json_str(a->out, "to", *to ? to : NULL, false);
			cli_json_str(a->out, "role", r->role, false);
			cli_json_int(a->out, "need", r->need, false);
			fputc('}', a->out);
		} else if (s->fmt == FORMAT_TSV) {
			fprintf(a->out, "%s\t%s\t", f, to);
			out_tsv_field(a->out, r->role);
			fprintf(a->out, "\t%d\n", r->need);
		} else {
			const char *row[] = {
				*f ? f : _("(first)"), *to ? to : _("(last)"),
				people_role_label(a->cfg.people, r->role), need };
			table_add(&t, row);
		}
	}
	if (s->fmt == FORMAT_JSON)
		fputs("]\n", a->out);
	if (s->fmt == FORMAT_TEXT && l.n == 0)
		fprintf(a->out, _("The event needs no people.\n"));
	table_print(&t, a->out, NULL);
	table_free(&t);
	shift_rules_free(&l);
	return HE_OK;
}

int cmd_shift(struct app *a, int argc, char **argv)
{
	struct shift_args s = { 0 };
	const char *action, *role;
	int64_t series_id, from, to;
	int need = 0, covered = -1, rc;

	if (cli_wants_help(argc, argv, _(shift_usage), a->out))
		return HE_OK;
	if (argc < 2)
		return cli_usage_error(a, "shift", _("say add, rm or ls"));
	action = argv[1];
	if ((rc = shift_options(a, argc - 1, argv + 1, &s)) != HE_OK)
		return rc;
	const char *event = argv[1 + optind];
	if (!strcmp(action, "ls"))
		return shift_ls(a, &s, event);
	if (strcmp(action, "add") && strcmp(action, "rm"))
		return cli_usage_error(a, "shift", _("say add, rm or ls"));
	if (!s.role)
		return cli_usage_error(a, "shift", _("--role is required"));
	if ((!strcmp(action, "add") && (rc = parse_need(a, s.need, &need))) ||
	    (rc = people_role_key(a->cfg.people, s.role, &role, &a->err)) ||
	    (rc = shift_range(a, &s, event, &series_id, &from, &to)))
		return rc;
	if (!strcmp(action, "rm"))
		return store_shift_remove(a->st, series_id, role, from, to, a->now,
					  &a->err);
	if ((rc = store_shift_set(a->st, series_id, role, from, to, need,
				  &covered, &a->err)) != HE_OK)
		return rc;
	out_text(a->out, people_role_label(a->cfg.people, role));
	if (covered >= 0)
		fprintf(a->out, ngettext(": %d needed at %d occurrence.\n",
					 ": %d needed at each of %d occurrences.\n",
					 (unsigned long)covered), need, covered);
	else
		fprintf(a->out, _(": %d needed at every occurrence.\n"), need);
	return HE_OK;
}

/* ---- hearth shifts ---- */

static const char shifts_usage[] = N_(
"usage: hearth shifts [--from WHEN] [--to WHEN] [--short] [--person P]\n"
"                     [--format text|tsv|json]\n"
"Lists the occurrences that need people, with each role's number and how\n"
"many signed up, from --from (default today) to --to (default a week\n"
"later); --short keeps those short of people. Cancelled occurrences that\n"
"still have people signed up are listed: tell them.\n"
"--person lists that person's shifts instead (default window: all).\n"
"tsv: start, end, UID, title, role, needed, signed up, checked in (a row per\n"
"role); json: objects with start, end, uid, title, cancelled, short_by and\n"
"roles. With --person, tsv: start, end, UID, title, role, check-in,\n"
"check-out, minutes.\n");

struct shifts_args {
	const char *from, *to, *person;
	bool short_only;
	enum cli_format fmt;
};

static int shifts_window(struct app *a, const struct shifts_args *s,
			 int64_t *from, int64_t *to)
{
	struct civil today = app_today(a, NULL), end;
	int rc;

	*from = s->person ? SCHED_MIN_INSTANT : tz_to_utc(a->zone, &today);
	end = civil_add_days(today, 8);
	*to = s->person ? SCHED_MAX_INSTANT : tz_to_utc(a->zone, &end);
	if (s->from && (rc = cli_window_edge(a, s->from, false, from)))
		return rc;
	if (s->to && (rc = cli_window_edge(a, s->to, true, to)))
		return rc;
	if (*to <= *from)
		return herr_set(&a->err, HE_USER, _("--to is not after --from: "
				"the window is empty"));
	return HE_OK;
}

/* "Volunteer 2/3, Team leader 0/1" */
static char *roles_text(struct app *a, const struct staffing *sf)
{
	struct sbuf b = { 0 };

	for (size_t i = 0; i < sf->n; i++)
		sbuf_addf(&b, "%s%s %d/%d", i ? label_list_sep() : "",
			  people_role_label(a->cfg.people, sf->v[i].role),
			  sf->v[i].signed_up, sf->v[i].need);
	return sbuf_take(&b);
}

static void occ_span(struct app *a, const struct occ *o, char *buf, size_t n)
{
	struct civil s = tz_from_utc(a->zone, o->start, NULL),
		     e = tz_from_utc(a->zone, o->end, NULL);
	char hs[8], he[8];

	label_hhmm(&s, hs);
	label_hhmm(&e, he);
	if (o->all_day)
		snprintf(buf, n, "%s", _("all day"));
	else
		snprintf(buf, n, "%s–%s", hs, he);
}

static void print_shifts_text(struct app *a, const struct shift_occ_list *l)
{
	struct civil shown = { 0 };
	struct table t;

	if (l->n == 0) {
		fprintf(a->out, _("No shifts in that window.\n"));
		return;
	}
	table_init(&t, 4, 40);
	for (size_t i = 0; i < l->n; i++) {
		const struct shift_occ *so = &l->v[i];
		const struct occ *o = &so->occ;
		struct civil day = tz_from_utc(a->zone, o->start, NULL);
		char when[48], state[96] = "";
		char *roles = roles_text(a, &so->staff);
		day.hour = day.min = day.sec = 0;
		if (i == 0 || civil_cmp(&day, &shown)) {
			char *h = label_day(&day);
			table_add_heading(&t, h);
			free(h);
			shown = day;
		}
		occ_span(a, o, when, sizeof when);
		if (o->cancelled || o->status == STATUS_CANCELLED)
			snprintf(state, sizeof state, ngettext(
				 "cancelled: tell the %d person signed up",
				 "cancelled: tell the %d people signed up",
				 (unsigned long)so->staff.signed_up),
				 so->staff.signed_up);
		else if (so->staff.short_by)
			snprintf(state, sizeof state, ngettext("needs %d more",
				 "needs %d more",
				 (unsigned long)so->staff.short_by),
				 so->staff.short_by);
		const char *row[] = { when, o->title, roles, state };
		table_add(&t, row);
		free(roles);
	}
	table_print(&t, a->out, "  ");
	table_free(&t);
}

static void print_shifts_tsv(struct app *a, const struct shift_occ_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct occ *o = &l->v[i].occ;
		char s[32], e[32];
		out_iso_local(a->zone, o->start, s);
		out_iso_local(a->zone, o->end, e);
		for (size_t j = 0; j < l->v[i].staff.n; j++) {
			const struct staff_role *r = &l->v[i].staff.v[j];
			fprintf(a->out, "%s\t%s\t", s, e);
			out_tsv_field(a->out, o->uid);
			fputc('\t', a->out);
			out_tsv_field(a->out, o->title);
			fputc('\t', a->out);
			out_tsv_field(a->out, r->role);
			fprintf(a->out, "\t%d\t%d\t%d\n", r->need, r->signed_up,
				r->checked_in);
		}
	}
}

static void print_shifts_json(struct app *a, const struct shift_occ_list *l)
{
	FILE *out = a->out;

	fputc('[', out);
	for (size_t i = 0; i < l->n; i++) {
		const struct shift_occ *so = &l->v[i];
		fputs(i ? ",\n{" : "\n{", out);
		cli_json_time(out, "start", a->zone, so->occ.start, true);
		cli_json_time(out, "end", a->zone, so->occ.end, false);
		cli_json_str(out, "uid", so->occ.uid, false);
		cli_json_str(out, "title", so->occ.title, false);
		cli_json_bool(out, "cancelled", so->occ.cancelled ||
			      so->occ.status == STATUS_CANCELLED, false);
		cli_json_int(out, "short_by", so->staff.short_by, false);
		fputs(",\"roles\":[", out);
		for (size_t j = 0; j < so->staff.n; j++) {
			const struct staff_role *r = &so->staff.v[j];
			fputs(j ? ",{" : "{", out);
			cli_json_str(out, "role", r->role, true);
			cli_json_int(out, "need", r->need, false);
			cli_json_int(out, "signed_up", r->signed_up, false);
			cli_json_int(out, "checked_in", r->checked_in, false);
			fputc('}', out);
		}
		fputs("]}", out);
	}
	fputs(l->n ? "\n]\n" : "]\n", out);
}

static void print_person_shifts(struct app *a, enum cli_format fmt,
				const struct signup_list *l)
{
	struct table t;

	table_init(&t, 6, 40);
	if (fmt == FORMAT_JSON)
		fputc('[', a->out);
	for (size_t i = 0; i < l->n; i++) {
		const struct signup *g = &l->v[i];
		const struct tz *z = tz_get(g->tzid);
		char s[32], e[32], in[32] = "", outt[32] = "", h[16] = "";
		out_iso_local(z, g->start, s);
		out_iso_local(z, g->end, e);
		if (g->checkin)
			out_iso_local(z, g->checkin, in);
		if (g->checkout)
			out_iso_local(z, g->checkout, outt);
		if (fmt == FORMAT_JSON) {
			fputs(i ? ",\n{" : "\n{", a->out);
			cli_json_time(a->out, "start", z, g->start, true);
			cli_json_time(a->out, "end", z, g->end, false);
			cli_json_str(a->out, "uid", g->uid, false);
			cli_json_str(a->out, "title", g->title, false);
			cli_json_str(a->out, "role", g->role, false);
			cli_json_time(a->out, "checkin", z, g->checkin, false);
			cli_json_time(a->out, "checkout", z, g->checkout, false);
			cli_json_int(a->out, "minutes", signup_minutes(g), false);
			cli_json_bool(a->out, "cancelled", g->cancelled || g->gone,
				      false);
			fputc('}', a->out);
		} else if (fmt == FORMAT_TSV) {
			fprintf(a->out, "%s\t%s\t", s, e);
			out_tsv_field(a->out, g->uid);
			fputc('\t', a->out);
			out_tsv_field(a->out, g->title);
			fputc('\t', a->out);
			out_tsv_field(a->out, g->role);
			fprintf(a->out, "\t%s\t%s\t%d\n", in, outt,
				signup_minutes(g));
		} else {
			struct civil cs = tz_from_utc(a->zone, g->start, NULL);
			char *day;
			cs.hour = cs.min = cs.sec = 0;
			day = label_day(&cs);
			snprintf(s, sizeof s, "%s", day);
			free(day);
			if (g->checkout)
				cli_hours(signup_minutes(g), h);
			const char *row[] = {
				s, g->title,
				people_role_label(a->cfg.people, g->role),
				g->cancelled || g->gone ? _("(cancelled)")
				: g->checkout ? _("checked out")
				: g->checkin ? _("checked in") : "",
				h[0] ? h : NULL, NULL };
			table_add(&t, row);
		}
	}
	if (fmt == FORMAT_JSON)
		fputs(l->n ? "\n]\n" : "]\n", a->out);
	if (fmt == FORMAT_TEXT && l->n == 0)
		fprintf(a->out, _("No shifts.\n"));
	table_print(&t, a->out, NULL);
	table_free(&t);
}

int cmd_shifts(struct app *a, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "short", no_argument, NULL, 's' },
		{ "person", required_argument, NULL, 'p' },
		{ "format", required_argument, NULL, 'F' },
		{ NULL, 0, NULL, 0 },
	};
	struct shifts_args s = { 0 };
	int64_t from, to, person;
	int opt, rc;

	if (cli_wants_help(argc, argv, _(shifts_usage), a->out))
		return HE_OK;
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'f': s.from = optarg; break;
		case 't': s.to = optarg; break;
		case 's': s.short_only = true; break;
		case 'p': s.person = optarg; break;
		case 'F':
			if ((rc = cli_parse_format(a, optarg, &s.fmt)) != HE_OK)
				return rc;
			break;
		default:
			return cli_usage_error(a, "shifts", _("unknown option or "
					       "missing value in '%s'"),
					       argv[optind - 1]);
		}
	}
	if (optind != argc)
		return cli_usage_error(a, "shifts", _("unexpected argument '%s'"),
				       argv[optind]);
	if ((rc = shifts_window(a, &s, &from, &to)) != HE_OK ||
	    (rc = app_open(a, false)) != HE_OK)
		return rc;
	if (s.person) {
		struct signup_list l = { 0 };
		if ((rc = cli_person(a, s.person, &person)) != HE_OK ||
		    (rc = store_person_signups(a->st, person, from, to, &l,
					       &a->err)) != HE_OK)
			return rc;
		print_person_shifts(a, s.fmt, &l);
		signup_list_free(&l);
		return HE_OK;
	}
	struct shift_occ_list l = { 0 };
	if ((rc = store_shift_occurrences(a->st, from, to, s.short_only, &l,
					  &a->err)) != HE_OK)
		return rc;
	if (s.fmt == FORMAT_TSV)
		print_shifts_tsv(a, &l);
	else if (s.fmt == FORMAT_JSON)
		print_shifts_json(a, &l);
	else
		print_shifts_text(a, &l);
	shift_occ_list_free(&l);
	return HE_OK;
}

/* ---- hearth signup, checkin, checkout ---- */

static const char signup_usage[] = N_(
"usage: hearth signup PERSON EVENT --at WHEN [--role ROLE]\n"
"       hearth signup --rm PERSON EVENT --at WHEN\n"
"Signs PERSON (an ID or a name only one person has) up for the occurrence\n"
"of EVENT at WHEN (its original start, or the day it takes place).\n"
"--role is needed when the occurrence needs more than one role. Refused\n"
"when the person is already signed up for something at an overlapping time\n"
"(the clash is named), for a cancelled occurrence, and for an inactive\n"
"person. --rm takes the sign-up back (not after a check-in).\n");

static const char checkin_usage[] = N_(
"usage: hearth checkin PERSON EVENT --at WHEN [--time HH:MM] [--undo]\n"
"Records that PERSON arrived for their shift at the occurrence of EVENT at\n"
"WHEN: at --time on its day, or at the shift's start. Again with another\n"
"--time corrects it; --undo takes it back (not after a check-out).\n");

static const char checkout_usage[] = N_(
"usage: hearth checkout PERSON EVENT --at WHEN [--time HH:MM] [--undo]\n"
"Records that PERSON left their shift: at --time (a time before the start\n"
"is the next day's), or at the shift's end; without a check-in the shift's\n"
"start counts as one. The hours from check-in to check-out earn points by\n"
"the rules of the config ([points], hearth.conf(5)), printed with the new\n"
"balance. Again with another --time corrects it: what it earned before is\n"
"reversed and the new hours earn. --undo reverses the points and clears the\n"
"check-out; it is refused when the person has spent them.\n");

struct attend_args {
	const char *at, *time, *role;
	bool rm, undo;
};

static int attend_options(struct app *a, const char *cmd, int argc,
			  char **argv, struct attend_args *s)
{
	static const struct option opts[] = {
		{ "at", required_argument, NULL, 'a' },
		{ "time", required_argument, NULL, 't' },
		{ "role", required_argument, NULL, 'r' },
		{ "rm", no_argument, NULL, 'R' },
		{ "undo", no_argument, NULL, 'u' },
		{ NULL, 0, NULL, 0 },
	};
	bool signup = !strcmp(cmd, "signup");
	int opt;

	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'a': s->at = optarg; break;
		case 't': if (!signup) { s->time = optarg; break; } goto bad;
		case 'r': if (signup) { s->role = optarg; break; } goto bad;
		case 'R': if (signup) { s->rm = true; break; } goto bad;
		case 'u': if (!signup) { s->undo = true; break; } goto bad;
		default:
		bad:
			return cli_usage_error(a, cmd, _("unknown option or "
					       "missing value in '%s'"),
					       argv[optind - 1]);
		}
	}
	if (optind + 2 != argc)
		return cli_usage_error(a, cmd, _("give a person and an event"));
	if (!s->at)
		return cli_usage_error(a, cmd, _("--at is required"));
	return HE_OK;
}

/* Resolves PERSON EVENT --at WHEN. */
static int attend_target(struct app *a, char **argv,
			 const struct attend_args *s, int64_t *person,
			 int64_t *series_id, struct civil *rid)
{
	int rc = cli_person(a, argv[optind], person);

	return rc ? rc : cli_shift_occurrence(a, argv[optind + 1], s->at, series_id,
					rid);
}

int cmd_signup(struct app *a, int argc, char **argv)
{
	struct attend_args s = { 0 };
	struct staffing sf;
	struct signup g;
	struct civil rid;
	int64_t person, series_id;
	int rc;

	if (cli_wants_help(argc, argv, _(signup_usage), a->out))
		return HE_OK;
	if ((rc = attend_options(a, "signup", argc, argv, &s)) != HE_OK ||
	    (rc = attend_target(a, argv, &s, &person, &series_id, &rid)))
		return rc;
	if (s.rm)
		return shift_unsignup(a->st, person, series_id, &rid, &a->err);
	if (s.role && (rc = people_role_key(a->cfg.people, s.role, &s.role,
					    &a->err)) != HE_OK)
		return rc;
	if ((rc = shift_signup(a->st, a->cfg.people, person, series_id, &rid,
			       s.role, &g, &a->err)) != HE_OK)
		return rc;
	if (store_staffing(a->st, series_id, &rid, &sf, &a->err) == HE_OK) {
		char when[96];
		struct civil d = tz_from_utc(tz_get(g.tzid), g.start, NULL);
		char *day;
		d.hour = d.min = d.sec = 0;
		day = label_day(&d);
		snprintf(when, sizeof when, "%s", day);
		free(day);
		out_text(a->out, g.person);
		fputs(" → ", a->out);
		out_text(a->out, g.title);
		fprintf(a->out, " %s (%s)", when,
			people_role_label(a->cfg.people, g.role));
		if (sf.short_by)
			fprintf(a->out, ngettext("; it needs %d more",
						 "; it needs %d more",
						 (unsigned long)sf.short_by),
				sf.short_by);
		fputc('\n', a->out);
		staffing_free(&sf);
	}
	signup_free(&g);
	return HE_OK;
}

/* --time HH:MM on the occurrence's day, or 0 for the shift's own time. */
static int attend_time(struct app *a, const struct attend_args *s,
		       int64_t series_id, const struct civil *rid, bool is_end,
		       int64_t *at)
{
	int minutes;
	int rc;

	*at = 0;
	if (!s->time)
		return HE_OK;
	if ((rc = when_parse_hhmm(s->time, &minutes, &a->err)) != HE_OK)
		return rc;
	return shift_time_on_day(a->st, series_id, rid, minutes, is_end, at,
				 &a->err);
}

int cmd_checkin(struct app *a, int argc, char **argv)
{
	struct attend_args s = { 0 };
	struct civil rid;
	int64_t person, series_id, at;
	int rc;

	if (cli_wants_help(argc, argv, _(checkin_usage), a->out))
		return HE_OK;
	if ((rc = attend_options(a, "checkin", argc, argv, &s)) != HE_OK ||
	    (rc = attend_target(a, argv, &s, &person, &series_id, &rid)) ||
	    (rc = attend_time(a, &s, series_id, &rid, false, &at)))
		return rc;
	return shift_checkin(a->st, person, series_id, &rid, at, s.undo,
			     &a->err);
}

int cmd_checkout(struct app *a, int argc, char **argv)
{
	struct attend_args s = { 0 };
	struct checkout_result res;
	struct civil rid;
	int64_t person, series_id, at;
	char h[16];
	int rc;

	if (cli_wants_help(argc, argv, _(checkout_usage), a->out))
		return HE_OK;
	if ((rc = attend_options(a, "checkout", argc, argv, &s)) != HE_OK ||
	    (rc = attend_target(a, argv, &s, &person, &series_id, &rid)) ||
	    (rc = attend_time(a, &s, series_id, &rid, true, &at)) ||
	    (rc = shift_checkout(a->st, a->cfg.people, person, series_id, &rid,
				 at, s.undo, &res, &a->err)))
		return rc;
	cli_hours(res.minutes, h);
	if (s.undo)
		fprintf(a->out, _("Check-out undone: %lld points reversed; "
				  "balance %lld.\n"), (long long)res.points,
			(long long)res.balance);
	else
		fprintf(a->out, _("%s hours: %lld points earned; balance %lld.\n"),
			h, (long long)res.points, (long long)res.balance);
	return HE_OK;
}
