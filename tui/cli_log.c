/* cli_log.c - hearth log: who changed what, and when (the audit log). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "../core/audit.h"
#include "../core/i18n.h"
#include "../core/text.h"
#include "cli.h"
#include "out.h"

static const char log_usage[] = N_(
"usage: hearth log [--since WHEN] [--user NAME] [--format text|tsv|json] [ID]\n"
"Lists the changes made to the calendar, oldest first: when, by which Unix\n"
"user, what was changed, and each field's value before and after. ID keeps\n"
"those of one event (a UID or a prefix) or of the venue, organisation or\n"
"other thing of that name. An import is one entry with its counts.\n"
"tsv: id, time, user, action, entity, reference, label, part, field, before,\n"
"after (one line per field); json: objects with id, at, user, action,\n"
"entity, ref, label, part and fields (field, before, after).\n");

struct log_args {
	const char *since, *user, *id;
	enum cli_format fmt;
};

static int parse_log(struct app *c, int argc, char **argv, struct log_args *a)
{
	static const struct option opts[] = {
		{ "since", required_argument, NULL, 's' },
		{ "user", required_argument, NULL, 'u' },
		{ "format", required_argument, NULL, 'F' },
		{ NULL, 0, NULL, 0 },
	};
	int opt, rc;

	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 's': a->since = optarg; break;
		case 'u': a->user = optarg; break;
		case 'F':
			if ((rc = cli_parse_format(c, optarg, &a->fmt)) != HE_OK)
				return rc;
			break;
		default:
			return cli_usage_error(c, "log", _("unknown option or "
					       "missing value in '%s'"),
					       argv[optind - 1]);
		}
	}
	if (optind + 1 < argc)
		return cli_usage_error(c, "log", _("unexpected argument '%s'"),
				       argv[optind + 1]);
	a->id = optind < argc ? argv[optind] : NULL;
	return HE_OK;
}

/*
 * What an entry did, in words: "changed event", "imported"; *whole is set
 * when the words say everything (no label follows).
 */
static const char *what_text(const struct audit_entry *e, bool *whole)
{
	static const struct {
		const char *action, *entity, *text;
	} phrases[] = {
		{ AUDIT_ADD, AUDIT_SERIES, N_("added event") },
		{ AUDIT_EDIT, AUDIT_SERIES, N_("changed event") },
		{ AUDIT_DELETE, AUDIT_SERIES, N_("deleted event") },
		{ AUDIT_EDIT, AUDIT_OCCURRENCE, N_("changed occurrence") },
		{ AUDIT_ADD, AUDIT_VENUE, N_("added venue") },
		{ AUDIT_EDIT, AUDIT_VENUE, N_("changed venue") },
		{ AUDIT_DELETE, AUDIT_VENUE, N_("deleted venue") },
		{ AUDIT_ADD, AUDIT_ORG, N_("added organisation") },
		{ AUDIT_EDIT, AUDIT_ORG, N_("changed organisation") },
		{ AUDIT_DELETE, AUDIT_ORG, N_("deleted organisation") },
		{ AUDIT_IMPORT, AUDIT_CALENDAR, N_("imported") },
	};

	*whole = !strcmp(e->entity, AUDIT_CALENDAR) && !strcmp(e->ref, "zone");
	if (*whole)
		return _("changed the calendar's time zone");
	for (size_t i = 0; i < sizeof phrases / sizeof *phrases; i++)
		if (!strcmp(e->action, phrases[i].action) &&
		    !strcmp(e->entity, phrases[i].entity))
			return _(phrases[i].text);
	return NULL;
}

/* "2026-12-03 14:02" in the zone shown. */
static void when_text(struct app *c, int64_t at, char buf[32])
{
	struct civil t = tz_from_utc(c->zone, at, NULL);

	snprintf(buf, 32, "%04d-%02d-%02d %02d:%02d", t.year % 10000,
		 t.month % 100, t.day % 100, t.hour % 100, t.min % 100);
}

/* A value in a line of text: cut to fit, "(none)" when empty. */
static char *value_text(const char *v)
{
	return v ? text_fit(v, 50, false) : xstrdup(_("(none)"));
}

static void print_entry_text(struct app *c, const struct audit_entry *e)
{
	bool whole;
	const char *what = what_text(e, &whole);
	char when[32], *head;

	when_text(c, e->at, when);
	if (whole)
		head = xasprintf("%s  %s  %s", when, e->user, what);
	else if (what)
		head = xasprintf("%s  %s  %s %s", when, e->user, what,
				 e->label ? e->label : e->ref);
	else
		head = xasprintf("%s  %s  %s %s %s", when, e->user, e->action,
				 e->entity, e->label ? e->label : e->ref);
	out_text(c->out, head);
	free(head);
	if (e->part) {
		fputs(" ", c->out);
		out_text(c->out, e->part);
	}
	if (!strcmp(e->entity, AUDIT_SERIES) || !strcmp(e->entity,
							AUDIT_OCCURRENCE))
		fprintf(c->out, " (%.8s)", e->ref);
	fputc('\n', c->out);
	for (size_t i = 0; i < e->fields.n; i++) {
		const struct change *f = &e->fields.v[i];
		char *a = value_text(f->before), *b = value_text(f->after);
		const char *name = changes_label(f->field);
		char *line = f->before
			? xasprintf("    %s: %s → %s", name, a, b)
			: xasprintf("    %s: %s", name, b);
		out_text(c->out, line);
		fputc('\n', c->out);
		free(line);
		free(a);
		free(b);
	}
}

static void tsv_line(struct app *c, const struct audit_entry *e,
		     const struct change *f)
{
	char when[32];
	const char *cells[] = { e->user, e->action, e->entity, e->ref, e->label,
				e->part, f ? f->field : NULL,
				f ? f->before : NULL, f ? f->after : NULL };

	out_iso_local(c->zone, e->at, when);
	fprintf(c->out, "%lld\t%s", (long long)e->id, when);
	for (size_t k = 0; k < sizeof cells / sizeof *cells; k++) {
		fputc('\t', c->out);
		out_tsv_field(c->out, cells[k] ? cells[k] : "");
	}
	fputc('\n', c->out);
}

static void json_pair(FILE *out, const char *key, const char *value)
{
	fputc(',', out);
	out_json_string(out, key);
	fputc(':', out);
	if (value)
		out_json_string(out, value);
	else
		fputs("null", out);
}

static void print_entry_json(struct app *c, const struct audit_entry *e,
			     bool first)
{
	char when[32];

	out_iso_local(c->zone, e->at, when);
	fprintf(c->out, "%s{\"id\":%lld", first ? "\n" : ",\n", (long long)e->id);
	json_pair(c->out, "at", when);
	json_pair(c->out, "user", e->user);
	json_pair(c->out, "action", e->action);
	json_pair(c->out, "entity", e->entity);
	json_pair(c->out, "ref", e->ref);
	json_pair(c->out, "label", e->label);
	json_pair(c->out, "part", e->part);
	fputs(",\"fields\":[", c->out);
	for (size_t i = 0; i < e->fields.n; i++) {
		fputs(i ? ",{\"field\":" : "{\"field\":", c->out);
		out_json_string(c->out, e->fields.v[i].field);
		json_pair(c->out, "before", e->fields.v[i].before);
		json_pair(c->out, "after", e->fields.v[i].after);
		fputc('}', c->out);
	}
	fputs("]}", c->out);
}

static void print_log(struct app *c, const struct audit_entries *l,
		      enum cli_format fmt)
{
	if (fmt == FORMAT_JSON)
		fputc('[', c->out);
	for (size_t i = 0; i < l->n; i++) {
		const struct audit_entry *e = &l->v[i];
		if (fmt == FORMAT_TEXT)
			print_entry_text(c, e);
		else if (fmt == FORMAT_JSON)
			print_entry_json(c, e, i == 0);
		else if (e->fields.n == 0)
			tsv_line(c, e, NULL);
		else
			for (size_t k = 0; k < e->fields.n; k++)
				tsv_line(c, e, &e->fields.v[k]);
	}
	if (fmt == FORMAT_JSON)
		fputs(l->n ? "\n]\n" : "]\n", c->out);
	else if (fmt == FORMAT_TEXT && l->n == 0)
		fprintf(c->out, "%s\n", _("No changes logged."));
}

int cmd_log(struct app *c, int argc, char **argv)
{
	struct log_args a = { 0 };
	struct audit_query q = { 0 };
	struct audit_entries l = { 0 };
	char *uid = NULL;
	int rc;

	if (cli_wants_help(argc, argv, _(log_usage), c->out))
		return HE_OK;
	if ((rc = parse_log(c, argc, argv, &a)) != HE_OK ||
	    (rc = app_open(c, false)) != HE_OK)
		return rc;
	if (a.since && (rc = cli_window_edge(c, a.since, false, &q.since)))
		return rc;
	q.user = a.user;
	if (a.id) {
		/* An event's UID (or a prefix of one), else a name as it is. */
		int64_t id;
		struct series s;
		q.ref = a.id;
		if (store_series_find(c->st, a.id, &id, NULL) == HE_OK &&
		    store_series_load(c->st, id, &s, NULL) == HE_OK) {
			uid = xstrdup(s.uid);
			q.ref = uid;
			series_free(&s);
		}
	}
	if ((rc = store_audit_list(c->st, &q, &l, &c->err)) == HE_OK)
		print_log(c, &l, a.fmt);
	audit_entries_free(&l);
	free(uid);
	return rc;
}
