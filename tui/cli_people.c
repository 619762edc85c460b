/*
 * cli_people.c - hearth person, people and groups: volunteers and the
 * people the scheme serves, their CSV import and export, and the record
 * of everything hearth holds about one of them.
 */
#include "cli_people.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../core/i18n.h"
#include "../core/label.h"
#include "../core/when.h"
#include "out.h"

/* ---- shared by the people, shift and points commands ---- */

int cli_person(struct app *a, const char *text, int64_t *id)
{
	int rc = app_open(a, false);

	return rc ? rc : store_person_find(a->st, text, id, &a->err);
}

const struct tz *cli_series_zone(struct app *a, int64_t series_id)
{
	struct series s;
	const struct tz *z = a->zone;

	series_init(&s);
	if (store_series_load(a->st, series_id, &s, NULL) == HE_OK &&
	    tz_get(s.sched.tzid))
		z = tz_get(s.sched.tzid);
	series_free(&s);
	return z;
}

int cli_shift_occurrence(struct app *a, const char *event, const char *at,
		   int64_t *series_id, struct civil *rid)
{
	struct civil today;
	struct when w;
	int rc;

	if ((rc = app_open(a, false)) != HE_OK ||
	    (rc = shift_event_find(a->st, event, series_id, &a->err)) != HE_OK ||
	    !at)
		return rc;
	today = app_today(a, cli_series_zone(a, *series_id));
	if ((rc = when_parse(at, &today, &w, &a->err)) != HE_OK)
		return rc;
	return shift_occurrence_of(a->st, *series_id, &w.c, w.date_only, rid,
				   &a->err);
}

static void json_key(FILE *out, const char *key, bool first)
{
	if (!first)
		fputc(',', out);
	out_json_string(out, key);
	fputc(':', out);
}

void cli_json_str(FILE *out, const char *key, const char *value, bool first)
{
	json_key(out, key, first);
	if (value)
		out_json_string(out, value);
	else
		fputs("null", out);
}

void cli_json_int(FILE *out, const char *key, int64_t value, bool first)
{
	json_key(out, key, first);
	fprintf(out, "%lld", (long long)value);
}

void cli_json_bool(FILE *out, const char *key, bool value, bool first)
{
	json_key(out, key, first);
	fputs(value ? "true" : "false", out);
}

void cli_json_time(FILE *out, const char *key, const struct tz *z,
		   int64_t at, bool first)
{
	char buf[32];

	if (!at) {
		cli_json_str(out, key, NULL, first);
		return;
	}
	out_iso_local(z, at, buf);
	cli_json_str(out, key, buf, first);
}

void cli_json_strv(FILE *out, const char *key, const struct strv *v,
		   bool first)
{
	json_key(out, key, first);
	fputc('[', out);
	for (size_t i = 0; i < v->n; i++) {
		if (i)
			fputc(',', out);
		out_json_string(out, v->v[i]);
	}
	fputc(']', out);
}

void cli_hours(int minutes, char buf[16])
{
	if (minutes % 60 == 0)
		snprintf(buf, 16, "%d", minutes / 60);
	else
		snprintf(buf, 16, "%d.%d", minutes / 60, (minutes % 60) * 10 / 60);
}

/* ---- hearth person ---- */

static const char person_usage[] = N_(
"usage: hearth person add NAME [--phone P] [--group G]... [--org O]\n"
"                              [--note T]\n"
"       hearth person edit ID [--name N] [the options of add]\n"
"                             [--active | --inactive]\n"
"       hearth person show ID [--format text|json]\n"
"       hearth person rm ID\n"
"       hearth person export ID [--format text|json]\n"
"       hearth person import FILE.csv\n"
"add prints the new person's ID. ID is the number 'hearth people' shows, or\n"
"a name (or part of one) that only one person has. --group takes a key or a\n"
"label of 'hearth groups'; given to edit, the groups replace the old ones\n"
"(--group '' clears them). An empty --phone, --org or --note clears it.\n"
"show gives the full phone, the person's shifts, hours and points.\n"
"rm removes the person, their groups and their sign-ups still to come; past\n"
"shifts stay without them, and their points history keeps its sums under an\n"
"account nobody can trace back to them.\n"
"export writes everything hearth holds about the person, for them.\n"
"import reads a CSV file (UTF-8, a header row: id, name, phone, groups, org,\n"
"note, active; or 姓名, 电话, 群体, 单位, 备注): a row updates the person\n"
"with its id or phone, or adds one; every problem is named with its line and\n"
"then nothing is imported; importing the same file again changes nothing.\n");

struct person_args {
	const char *name, *phone, *org, *note;
	struct strv groups;
	bool groups_given, active, inactive;
	enum cli_format fmt;
};

static int person_options(struct app *a, int argc, char **argv,
			  struct person_args *p)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'N' },
		{ "phone", required_argument, NULL, 'p' },
		{ "group", required_argument, NULL, 'g' },
		{ "org", required_argument, NULL, 'o' },
		{ "note", required_argument, NULL, 'n' },
		{ "active", no_argument, NULL, 'A' },
		{ "inactive", no_argument, NULL, 'I' },
		{ "format", required_argument, NULL, 'F' },
		{ NULL, 0, NULL, 0 },
	};
	int opt, rc;

	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'N': p->name = optarg; break;
		case 'p': p->phone = optarg; break;
		case 'o': p->org = optarg; break;
		case 'n': p->note = optarg; break;
		case 'A': p->active = true; break;
		case 'I': p->inactive = true; break;
		case 'g':
			p->groups_given = true;
			if (*optarg)
				strv_add(&p->groups, optarg);
			break;
		case 'F':
			if ((rc = cli_parse_format(a, optarg, &p->fmt)) != HE_OK)
				return rc;
			break;
		default:
			return cli_usage_error(a, "person", _("unknown option or "
					       "missing value in '%s'"),
					       argv[optind - 1]);
		}
	}
	if (optind + 1 != argc)
		return cli_usage_error(a, "person", _("give exactly one name or "
				       "ID"));
	if (p->active && p->inactive)
		return cli_usage_error(a, "person", _("--active or --inactive, "
				       "not both"));
	return HE_OK;
}

static void set_text(char **slot, const char *value)
{
	if (value)
		str_replace(slot, *value ? value : NULL);
}

static void apply_person(const struct person_args *p, struct person *out)
{
	set_text(&out->name, p->name);
	set_text(&out->phone, p->phone);
	set_text(&out->org, p->org);
	set_text(&out->note, p->note);
	if (p->groups_given) {
		strv_free(&out->groups);
		strv_copy(&out->groups, &p->groups);
	}
	if (p->active || p->inactive)
		out->active = p->active;
}

static int person_add(struct app *a, const struct person_args *args,
		      const char *name)
{
	struct person p;
	int rc;

	person_init(&p);
	p.name = xstrdup(name);
	apply_person(args, &p);
	if ((rc = person_validate(&p, a->cfg.people, &a->err)) == HE_OK &&
	    (rc = app_open(a, true)) == HE_OK &&
	    (rc = store_person_add(a->st, &p, &a->err)) == HE_OK)
		fprintf(a->out, "%lld\n", (long long)p.id);
	person_free(&p);
	return rc;
}

static int person_edit(struct app *a, const struct person_args *args,
		       const char *who)
{
	struct person p;
	int64_t id;
	int rc;

	person_init(&p);
	if ((rc = cli_person(a, who, &id)) == HE_OK &&
	    (rc = store_person_get(a->st, id, &p, &a->err)) == HE_OK) {
		apply_person(args, &p);
		if ((rc = person_validate(&p, a->cfg.people, &a->err)) == HE_OK)
			rc = store_person_update(a->st, &p, &a->err);
	}
	person_free(&p);
	return rc;
}

static int person_rm(struct app *a, const char *who)
{
	struct person_removal r;
	struct person p;
	int64_t id;
	int rc;

	if ((rc = cli_person(a, who, &id)) != HE_OK ||
	    (rc = store_person_get(a->st, id, &p, &a->err)) != HE_OK)
		return rc;
	if ((rc = store_person_remove(a->st, id, a->now, &r, &a->err)) == HE_OK) {
		out_text(a->out, p.name);
		fprintf(a->out, _(" removed: %d sign-ups to come dropped, %d past "
				  "ones kept without the name; %lld unspent "
				  "points stay in the ledger, anonymous.\n"),
			r.signups_dropped, r.signups_kept, (long long)r.balance);
	}
	person_free(&p);
	return rc;
}

/* Groups as people read them: labels, joined. */
static char *group_labels(struct app *a, const struct strv *groups)
{
	struct sbuf b = { 0 };

	for (size_t i = 0; i < groups->n; i++) {
		if (i)
			sbuf_add(&b, label_list_sep());
		sbuf_add(&b, people_group_label(a->cfg.people, groups->v[i]));
	}
	return sbuf_take(&b);
}

/* "Fri 8 Jan 2027 10:00–18:00" in zone z. */
static void signup_when(const struct signup *g, char *buf, size_t n)
{
	const struct tz *z = tz_get(g->tzid);
	struct civil s = tz_from_utc(z, g->start, NULL),
		     e = tz_from_utc(z, g->end, NULL), day = s;
	char *d;
	char hs[8], he[8];

	day.hour = day.min = day.sec = 0;
	d = label_day(&day);
	label_hhmm(&s, hs);
	label_hhmm(&e, he);
	if (g->all_day)
		snprintf(buf, n, "%s", d);
	else
		snprintf(buf, n, "%s %s–%s", d, hs, he);
	free(d);
}

/* What became of a sign-up: checked in/out, cancelled, moved. */
static const char *signup_state(const struct signup *g)
{
	if (g->gone)
		return _("(no longer in the schedule)");
	if (g->cancelled)
		return _("(cancelled)");
	if (g->checkout)
		return _("checked out");
	if (g->checkin)
		return _("checked in");
	return g->moved ? _("(moved)") : "";
}

static void print_signups_text(struct app *a, const struct signup_list *l)
{
	struct table t;

	table_init(&t, 5, 40);
	for (size_t i = 0; i < l->n; i++) {
		const struct signup *g = &l->v[i];
		char when[96], h[16] = "";
		if (g->checkout)
			cli_hours(signup_minutes(g), h);
		const char *row[] = { when, g->title,
				      people_role_label(a->cfg.people, g->role),
				      signup_state(g), h };
		signup_when(g, when, sizeof when);
		table_add(&t, row);
	}
	table_print(&t, a->out, "  ");
	table_free(&t);
}

static void print_statement_text(struct app *a, const struct ledger_list *l)
{
	struct table t;

	table_init(&t, 4, 50);
	for (size_t i = 0; i < l->n; i++) {
		const struct ledger_entry *e = &l->v[i];
		struct civil d = tz_from_utc(a->zone, e->at, NULL);
		char date[CIVIL_BUFSZ], pts[24], bal[24];
		char *what = ledger_describe(e, a->cfg.people, a->zone);
		civil_format(&d, true, date);
		snprintf(pts, sizeof pts, "%+lld", (long long)e->points);
		snprintf(bal, sizeof bal, "%lld", (long long)e->balance);
		const char *row[] = { date, pts, bal, what };
		table_add(&t, row);
		free(what);
	}
	table_print(&t, a->out, "  ");
	table_free(&t);
}

static int total_minutes(const struct signup_list *l)
{
	int m = 0;

	for (size_t i = 0; i < l->n; i++)
		m += signup_minutes(&l->v[i]);
	return m;
}

static void print_person_text(struct app *a, const struct person_record *r,
			      bool everything)
{
	const struct person *p = &r->person;
	char *groups = group_labels(a, &p->groups);
	char h[16];
	struct table t;

	table_init(&t, 2, 0);
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)p->id);
	const char *rows[][2] = {
		{ _("ID"), id }, { _("Name"), p->name }, { _("Phone"), p->phone },
		{ _("Groups"), groups }, { _("Organisation"), p->org },
		{ _("Note"), p->note },
		{ _("Active"), p->active ? _("yes") : _("no") },
	};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
		if (!str_empty(rows[i][1]))
			table_add(&t, rows[i]);
	table_print(&t, a->out, NULL);
	table_free(&t);
	free(groups);
	cli_hours(total_minutes(&r->signups), h);
	fprintf(a->out, _("Points: %lld    Hours served: %s\n"),
		(long long)r->balance, h);
	if (r->signups.n) {
		fprintf(a->out, _("\nShifts:\n"));
		print_signups_text(a, &r->signups);
	}
	if (everything && r->ledger.n) {
		fprintf(a->out, _("\nPoints statement:\n"));
		print_statement_text(a, &r->ledger);
	}
}

static void print_person_json(struct app *a, const struct person_record *r,
			      bool everything)
{
	const struct person *p = &r->person;
	FILE *o = a->out;

	fputc('{', o);
	cli_json_int(o, "id", p->id, true);
	cli_json_str(o, "name", p->name, false);
	cli_json_str(o, "phone", p->phone, false);
	cli_json_strv(o, "groups", &p->groups, false);
	cli_json_str(o, "org", p->org, false);
	cli_json_str(o, "note", p->note, false);
	cli_json_bool(o, "active", p->active, false);
	cli_json_time(o, "created", a->zone, p->created, false);
	cli_json_int(o, "balance", r->balance, false);
	cli_json_int(o, "minutes_served", total_minutes(&r->signups), false);
	fputs(",\"shifts\":[", o);
	for (size_t i = 0; i < r->signups.n; i++) {
		const struct signup *g = &r->signups.v[i];
		const struct tz *z = tz_get(g->tzid);
		fputs(i ? ",\n{" : "\n{", o);
		cli_json_str(o, "event", g->uid, true);
		cli_json_str(o, "title", g->title, false);
		cli_json_str(o, "role", g->role, false);
		cli_json_time(o, "start", z, g->start, false);
		cli_json_time(o, "end", z, g->end, false);
		cli_json_time(o, "checkin", z, g->checkin, false);
		cli_json_time(o, "checkout", z, g->checkout, false);
		cli_json_int(o, "minutes", signup_minutes(g), false);
		cli_json_bool(o, "cancelled", g->cancelled || g->gone, false);
		fputc('}', o);
	}
	fputc(']', o);
	if (everything) {
		fputs(",\"ledger\":[", o);
		for (size_t i = 0; i < r->ledger.n; i++) {
			const struct ledger_entry *e = &r->ledger.v[i];
			char *what = ledger_describe(e, a->cfg.people, a->zone);
			fputs(i ? ",\n{" : "\n{", o);
			cli_json_time(o, "at", a->zone, e->at, true);
			cli_json_str(o, "kind", ledger_kind_name(e->kind), false);
			cli_json_int(o, "points", e->points, false);
			cli_json_int(o, "balance", e->balance, false);
			cli_json_str(o, "what", what, false);
			cli_json_str(o, "by", e->by, false);
			fputc('}', o);
			free(what);
		}
		fputc(']', o);
	}
	fputs("}\n", o);
}

static int person_show(struct app *a, const struct person_args *args,
		       const char *who, bool everything)
{
	struct person_record r;
	int64_t id;
	int rc;

	if (args->fmt == FORMAT_TSV)
		return cli_usage_error(a, "person", _("show and export write text "
				       "or json"));
	if ((rc = cli_person(a, who, &id)) != HE_OK ||
	    (rc = people_record(a->st, id, &r, &a->err)) != HE_OK)
		return rc;
	if (!everything) {
		/* The shifts to come, not the whole history. */
		size_t keep = 0;
		for (size_t i = 0; i < r.signups.n; i++) {
			if (r.signups.v[i].end >= a->now && keep < 10)
				r.signups.v[keep++] = r.signups.v[i];
			else
				signup_free(&r.signups.v[i]);
		}
		r.signups.n = keep;
	}
	if (args->fmt == FORMAT_JSON)
		print_person_json(a, &r, everything);
	else
		print_person_text(a, &r, everything);
	person_record_free(&r);
	return HE_OK;
}

/* Reads a whole file of at most 16 MiB. */
static int read_file(struct app *a, const char *path, char **text,
		     size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct sbuf b = { 0 };
	char buf[65536];
	size_t n;

	if (!f)
		return herr_set(&a->err, HE_USER, _("cannot read %s: %s"), path,
				strerror(errno));
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		if (b.len + n > 16u << 20) {
			fclose(f);
			sbuf_free(&b);
			return herr_set(&a->err, HE_USER, _("%s is larger than 16 "
					"MiB: not a list of people"), path);
		}
		sbuf_addn(&b, buf, n);
	}
	if (ferror(f)) {
		fclose(f);
		sbuf_free(&b);
		return herr_set(&a->err, HE_USER, _("cannot read %s: %s"), path,
				strerror(errno));
	}
	fclose(f);
	*len = b.len;
	*text = sbuf_take(&b);
	return HE_OK;
}

static int person_import(struct app *a, const char *path)
{
	struct people_import_result res;
	struct strv problems = { 0 };
	char *text = NULL;
	size_t len = 0;
	int rc;

	if ((rc = read_file(a, path, &text, &len)) != HE_OK ||
	    (rc = app_open(a, true)) != HE_OK)
		goto out;
	rc = people_import_csv(a->st, a->cfg.people, text, len, path, &res,
			       &problems, &a->err);
	for (size_t i = 0; i < problems.n; i++) {
		out_text(stderr, problems.v[i]);
		fputc('\n', stderr);
	}
	if (rc == HE_OK)
		fprintf(a->out, _("%d added, %d changed, %d unchanged\n"),
			res.added, res.changed, res.unchanged);
out:
	strv_free(&problems);
	free(text);
	return rc;
}

int cmd_person(struct app *a, int argc, char **argv)
{
	struct person_args p = { 0 };
	const char *action;
	int rc;

	if (cli_wants_help(argc, argv, _(person_usage), a->out))
		return HE_OK;
	if (argc < 2)
		return cli_usage_error(a, "person", _("say add, edit, show, rm, "
				       "export or import"));
	action = argv[1];
	if ((rc = person_options(a, argc - 1, argv + 1, &p)) != HE_OK)
		goto out;
	const char *arg = argv[1 + optind];
	if (!strcmp(action, "add"))
		rc = p.name || p.active || p.inactive
		     ? cli_usage_error(a, "person", _("--name, --active and "
				       "--inactive are for edit"))
		     : person_add(a, &p, arg);
	else if (!strcmp(action, "edit"))
		rc = person_edit(a, &p, arg);
	else if (!strcmp(action, "show") || !strcmp(action, "export"))
		rc = person_show(a, &p, arg, !strcmp(action, "export"));
	else if (!strcmp(action, "rm"))
		rc = person_rm(a, arg);
	else if (!strcmp(action, "import"))
		rc = person_import(a, arg);
	else
		rc = cli_usage_error(a, "person", _("say add, edit, show, rm, "
				     "export or import"));
out:
	strv_free(&p.groups);
	return rc;
}

/* ---- hearth people ---- */

static const char people_usage[] = N_(
"usage: hearth people [--group G] [--search TEXT] [--all] [--full]\n"
"                     [--format text|tsv|json|csv]\n"
"Lists people by name with their groups and points; --group keeps one group\n"
"(a key or label of 'hearth groups'), --search a part of the name, phone or\n"
"organisation, --all the inactive too. Phones are masked (138****5678)\n"
"unless --full. tsv: id, name, phone, groups (keys, ';'), org, active,\n"
"points; json: objects with id, name, phone, groups, org, note, active,\n"
"points. csv writes the columns 'hearth person import' reads, with full\n"
"phones, for a spreadsheet the user asked for.\n");

static void print_people_tsv(struct app *a, const struct person_list *l,
			     bool full)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct person *p = &l->v[i];
		char *phone = full ? xstrdup0(p->phone)
				   : person_phone_mask(p->phone);
		struct sbuf g = { 0 };
		for (size_t j = 0; j < p->groups.n; j++)
			sbuf_addf(&g, "%s%s", j ? ";" : "", p->groups.v[j]);
		fprintf(a->out, "%lld\t", (long long)p->id);
		out_tsv_field(a->out, p->name);
		fputc('\t', a->out);
		out_tsv_field(a->out, phone ? phone : "");
		fputc('\t', a->out);
		out_tsv_field(a->out, sbuf_str(&g));
		fputc('\t', a->out);
		out_tsv_field(a->out, p->org ? p->org : "");
		fprintf(a->out, "\t%s\t%lld\n", p->active ? "yes" : "no",
			(long long)p->balance);
		sbuf_free(&g);
		free(phone);
	}
}

static void print_people_json(struct app *a, const struct person_list *l,
			      bool full)
{
	fputc('[', a->out);
	for (size_t i = 0; i < l->n; i++) {
		const struct person *p = &l->v[i];
		char *phone = full ? xstrdup0(p->phone)
				   : person_phone_mask(p->phone);
		fputs(i ? ",\n{" : "\n{", a->out);
		cli_json_int(a->out, "id", p->id, true);
		cli_json_str(a->out, "name", p->name, false);
		cli_json_str(a->out, "phone", phone, false);
		cli_json_strv(a->out, "groups", &p->groups, false);
		cli_json_str(a->out, "org", p->org, false);
		cli_json_str(a->out, "note", p->note, false);
		cli_json_bool(a->out, "active", p->active, false);
		cli_json_int(a->out, "points", p->balance, false);
		fputc('}', a->out);
		free(phone);
	}
	fputs(l->n ? "\n]\n" : "]\n", a->out);
}

static void print_people_text(struct app *a, const struct person_list *l,
			      bool full)
{
	struct table t;

	if (l->n == 0) {
		fprintf(a->out, _("No people.\n"));
		return;
	}
	table_init(&t, 6, 30);
	for (size_t i = 0; i < l->n; i++) {
		const struct person *p = &l->v[i];
		char id[24], pts[24];
		char *phone = full ? xstrdup0(p->phone)
				   : person_phone_mask(p->phone);
		char *groups = group_labels(a, &p->groups);
		snprintf(id, sizeof id, "%lld", (long long)p->id);
		snprintf(pts, sizeof pts, "%lld", (long long)p->balance);
		const char *row[] = { id, p->name, phone, groups,
				      p->active ? p->org : _("(inactive)"),
				      pts };
		table_add(&t, row);
		free(phone);
		free(groups);
	}
	table_print(&t, a->out, NULL);
	table_free(&t);
}

int cmd_people(struct app *a, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "group", required_argument, NULL, 'g' },
		{ "search", required_argument, NULL, 's' },
		{ "all", no_argument, NULL, 'a' },
		{ "full", no_argument, NULL, 'f' },
		{ "format", required_argument, NULL, 'F' },
		{ NULL, 0, NULL, 0 },
	};
	struct person_query q = { 0 };
	struct person_list l = { 0 };
	enum cli_format fmt = FORMAT_TEXT;
	bool full = false, csv = false;
	int opt, rc;

	if (cli_wants_help(argc, argv, _(people_usage), a->out))
		return HE_OK;
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'g': {
			const struct people_label *g =
				people_group(a->cfg.people, optarg);
			if (!g)
				return herr_set(&a->err, HE_USER, _("unknown group "
						"'%s' (see 'hearth groups')"),
						optarg);
			q.group = g->key;
			break;
		}
		case 's': q.text = optarg; break;
		case 'a': q.inactive = true; break;
		case 'f': full = true; break;
		case 'F':
			if (!strcmp(optarg, "csv"))
				csv = true;
			else if ((rc = cli_parse_format(a, optarg, &fmt)) != HE_OK)
				return rc;
			break;
		default:
			return cli_usage_error(a, "people", _("unknown option or "
					       "missing value in '%s'"),
					       argv[optind - 1]);
		}
	}
	if (optind != argc)
		return cli_usage_error(a, "people", _("unexpected argument '%s'"),
				       argv[optind]);
	if ((rc = app_open(a, false)) != HE_OK)
		return rc;
	if (csv)
		return people_export_csv(a->st, &q, a->out, &a->err);
	if ((rc = store_people_list(a->st, &q, &l, &a->err)) != HE_OK)
		return rc;
	if (fmt == FORMAT_TSV)
		print_people_tsv(a, &l, full);
	else if (fmt == FORMAT_JSON)
		print_people_json(a, &l, full);
	else
		print_people_text(a, &l, full);
	person_list_free(&l);
	return HE_OK;
}

/* ---- hearth groups ---- */

static const char groups_usage[] = N_(
"usage: hearth groups [--format text|tsv|json]\n"
"Lists the groups people can belong to: key and label. More come from\n"
"[group KEY] sections of the config file (hearth.conf(5)).\n");

int cmd_groups(struct app *a, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'F' },
		{ NULL, 0, NULL, 0 },
	};
	const struct people_config *pc = a->cfg.people;
	enum cli_format fmt = FORMAT_TEXT;
	struct table t;
	int opt, rc;

	if (cli_wants_help(argc, argv, _(groups_usage), a->out))
		return HE_OK;
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (opt != 'F')
			return cli_usage_error(a, "groups", _("unknown option or "
					       "missing value in '%s'"),
					       argv[optind - 1]);
		if ((rc = cli_parse_format(a, optarg, &fmt)) != HE_OK)
			return rc;
	}
	if (optind != argc)
		return cli_usage_error(a, "groups", _("unexpected argument '%s'"),
				       argv[optind]);
	table_init(&t, 2, 0);
	if (fmt == FORMAT_JSON)
		fputc('[', a->out);
	for (size_t i = 0; i < pc->n_groups; i++) {
		const char *row[] = { pc->groups[i].key,
				      people_label(&pc->groups[i]) };
		if (fmt == FORMAT_TEXT) {
			table_add(&t, row);
		} else if (fmt == FORMAT_TSV) {
			out_tsv_field(a->out, row[0]);
			fputc('\t', a->out);
			out_tsv_field(a->out, row[1]);
			fputc('\n', a->out);
		} else {
			fputs(i ? ",{" : "{", a->out);
			cli_json_str(a->out, "key", row[0], true);
			cli_json_str(a->out, "label", row[1], false);
			fputc('}', a->out);
		}
	}
	if (fmt == FORMAT_JSON)
		fputs("]\n", a->out);
	table_print(&t, a->out, NULL);
	table_free(&t);
	return HE_OK;
}
