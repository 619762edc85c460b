/* cli_tally.c - hearth tally: counts at an occurrence. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "../core/audit.h"
#include "../core/i18n.h"
#include "../core/label.h"
#include "../core/tally/tally.h"
#include "cli_event.h"
#include "out.h"

static const char tally_usage[] = N_(
"usage: hearth tally add ID [--at WHEN] CATEGORY=N...\n"
"       hearth tally ls ID [--from WHEN] [--to WHEN] [--history]\n"
"                       [--format text|tsv|json]\n"
"       hearth tally categories [--kind K] [--format text|tsv|json]\n"
"add records what was counted at an occurrence of event ID (--at: its\n"
"original start, a date alone meaning that day's; default the latest one\n"
"that has started), such as served=120 meals=80. Entering a category again\n"
"corrects it: the last entry counts, the audit log keeps the earlier ones.\n"
"Counts are whole numbers, never negative; a cancelled occurrence, or one\n"
"that has not started, takes none. ls lists the counts of the event's\n"
"occurrences (tsv and json: start, category, value, entered, by); with\n"
"--history, every count ever entered, from the audit log (entered, by,\n"
"occurrence, category, before, after).\n"
"categories lists what can be counted (for the events of kind K).\n");

/* "Fri 8 Jan 2027 10:00" for an occurrence starting at start in zone z. */
static char *occ_heading(const struct tz *z, int64_t start, bool all_day)
{
	struct civil c = tz_from_utc(z, start, NULL);
	char *day = label_day(&c), *s;
	char hhmm[8];

	if (all_day)
		return day;
	label_hhmm(&c, hhmm);
	s = xasprintf("%s %s", day, hhmm);
	free(day);
	return s;
}

/* The latest occurrence of the series that has started by now. */
static int latest_started(struct app *c, int64_t series_id, struct civil *rid)
{
	struct occ_filter f = {
		.series_id = series_id, .with_cancelled = true,
		.statuses = OCC_ALL_STATUSES,
	};
	struct occ_list l = { 0 };
	int rc = store_occurrences_before(c->st, c->now + 1,
					  c->now - 400 * 86400LL, &f, 1, &l,
					  &c->err);

	if (rc == HE_OK && l.n == 0)
		rc = herr_set(&c->err, HE_USER, _("the event has had no occurrence "
			      "in the last 400 days: give --at"));
	if (rc == HE_OK)
		*rid = l.v[0].rid;
	occ_list_free(&l);
	return rc;
}

/* The counts given as CATEGORY=N arguments. */
static int parse_counts(struct app *c, char **args, int n,
			struct tally_input *in, struct strv *keys)
{
	for (int i = 0; i < n; i++) {
		char *key;
		int rc = tally_parse(args[i], &key, &in[i].value, &c->err);
		if (rc != HE_OK)
			return rc;
		for (size_t j = 0; j < keys->n; j++)
			if (!strcmp(keys->v[j], key)) {
				rc = herr_set(&c->err, HE_USER, _("%s is given twice"),
					      key);
				free(key);
				return rc;
			}
		strv_add(keys, key);
		in[i].category = keys->v[keys->n - 1];
		free(key);
	}
	return HE_OK;
}

/* The categories that appear in o, config's first, in its order. */
static void columns(struct app *c, const struct tally_occs *o,
		    struct strv *cols)
{
	for (size_t i = 0; i < c->cfg.n_categories; i++)
		for (size_t j = 0; j < o->n; j++)
			if (tally_value(&o->v[j].t, c->cfg.categories[i].key) >= 0) {
				strv_add(cols, c->cfg.categories[i].key);
				break;
			}
	for (size_t j = 0; j < o->n; j++)
		for (size_t k = 0; k < o->v[j].t.n; k++)
			if (!strv_has(cols, o->v[j].t.v[k].category))
				strv_add(cols, o->v[j].t.v[k].category);
}

/* "People served 120 people, Meals 80 servings", in config's order. */
static void print_counts(struct app *c, const struct tally_list *l)
{
	struct tally_occs one = { .v = &(struct tally_occ){ .t = *l }, .n = 1 };
	struct strv cols = { 0 };

	columns(c, &one, &cols);
	for (size_t i = 0; i < cols.n; i++) {
		const struct category *k = config_category(&c->cfg, cols.v[i]);
		fputs(i ? label_list_sep() : "  ", c->out);
		out_text(c->out, k ? category_label(k) : cols.v[i]);
		fprintf(c->out, " %lld", (long long)tally_value(l, cols.v[i]));
		if (k && *category_unit(k)) {
			fputc(' ', c->out);
			out_text(c->out, category_unit(k));
		}
	}
	fputc('\n', c->out);
	strv_free(&cols);
}

static int tally_add(struct app *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "at", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 },
	};
	const char *at = NULL, *ident;
	struct tally_input *in = NULL;
	struct strv keys = { 0 };
	struct tally_list got = { 0 };
	struct series s;
	struct civil rid;
	int64_t id, start;
	int opt, rc, n;

	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (opt != 'a')
			return cli_usage_error(c, "tally", _("unknown option or "
					       "missing value in '%s'"),
					       argv[optind - 1]);
		at = optarg;
	}
	if (optind >= argc)
		return cli_usage_error(c, "tally", _("give an event ID and "
				       "CATEGORY=N"));
	ident = argv[optind++];
	n = argc - optind;
	if (n <= 0)
		return cli_usage_error(c, "tally", _("give what was counted, such "
				       "as served=120"));
	series_init(&s);
	in = xcalloc((size_t)n, sizeof *in);
	if ((rc = parse_counts(c, argv + optind, n, in, &keys)) != HE_OK ||
	    (rc = app_open(c, false)) != HE_OK ||
	    (rc = store_series_find(c->st, ident, &id, &c->err)) != HE_OK ||
	    (rc = store_series_load(c->st, id, &s, &c->err)) != HE_OK)
		goto out;
	rc = at ? cli_parse_occurrence(c, &s, at, &rid)
		: latest_started(c, id, &rid);
	if (rc == HE_OK)
		rc = tally_record(c->st, &c->cfg, id, &rid, in, (size_t)n, c->now,
				  &c->err);
	if (rc == HE_OK)
		rc = tally_get(c->st, id, &rid, &got, &c->err);
	if (rc == HE_OK &&
	    tally_check_occurrence(&s, &rid, c->now, &start, NULL) == HE_OK) {
		char *when = occ_heading(tz_get(s.sched.tzid), start,
					 s.sched.all_day);
		out_text(c->out, s.title);
		fputs(" · ", c->out);
		out_text(c->out, when);
		fputc('\n', c->out);
		print_counts(c, &got);
		free(when);
	}
out:
	tally_list_free(&got);
	series_free(&s);
	strv_free(&keys);
	free(in);
	return rc;
}

struct ls_args {
	const char *id, *from, *to;
	bool history;
	enum cli_format fmt;
};

static int parse_ls(struct app *c, int argc, char **argv, struct ls_args *a)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "format", required_argument, NULL, 'F' },
		{ "history", no_argument, NULL, 'H' },
		{ NULL, 0, NULL, 0 },
	};
	int opt, rc;

	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'f': a->from = optarg; break;
		case 't': a->to = optarg; break;
		case 'H': a->history = true; break;
		case 'F':
			if ((rc = cli_parse_format(c, optarg, &a->fmt)) != HE_OK)
				return rc;
			break;
		default:
			return cli_usage_error(c, "tally", _("unknown option or "
					       "missing value in '%s'"),
					       argv[optind - 1]);
		}
	}
	if (optind + 1 != argc)
		return cli_usage_error(c, "tally", _("give exactly one event ID"));
	a->id = argv[optind];
	return HE_OK;
}

static void ls_text(struct app *c, const struct series *s,
		    const struct tally_occs *o)
{
	struct strv cols = { 0 };
	struct table t;
	const char **row;
	char **cells;

	if (o->n == 0) {
		fputs(_("Nothing has been counted.\n"), c->out);
		return;
	}
	columns(c, o, &cols);
	table_init(&t, cols.n + 1, 40);
	row = xcalloc(cols.n + 1, sizeof *row);
	cells = xcalloc(cols.n + 1, sizeof *cells);
	row[0] = "";
	for (size_t i = 0; i < cols.n; i++)
		row[i + 1] = config_category_label(&c->cfg, cols.v[i]);
	table_add(&t, row);
	for (size_t j = 0; j < o->n; j++) {
		cells[0] = occ_heading(tz_get(s->sched.tzid), o->v[j].start,
				       s->sched.all_day);
		for (size_t i = 0; i < cols.n; i++) {
			int64_t v = tally_value(&o->v[j].t, cols.v[i]);
			cells[i + 1] = v < 0 ? xstrdup("")
					     : xasprintf("%lld", (long long)v);
		}
		table_add(&t, (const char *const *)cells);
		for (size_t i = 0; i <= cols.n; i++)
			free(cells[i]);
	}
	table_print(&t, c->out, NULL);
	table_free(&t);
	free(row);
	free(cells);
	strv_free(&cols);
}

static void ls_rows(struct app *c, const struct series *s,
		    const struct tally_occs *o, enum cli_format fmt)
{
	static const char *const keys[] = { "start", "category", "value",
					    "entered", "by" };
	size_t n = 0;
	const char **rows;
	struct strv owned = { 0 };

	for (size_t j = 0; j < o->n; j++)
		n += o->v[j].t.n;
	rows = xcalloc(n * 5 + 1, sizeof *rows);
	n = 0;
	for (size_t j = 0; j < o->n; j++) {
		char start[32], entered[32];
		out_iso_local(tz_get(s->sched.tzid), o->v[j].start, start);
		for (size_t k = 0; k < o->v[j].t.n; k++, n++) {
			const struct tally *t = &o->v[j].t.v[k];
			char *value = xasprintf("%lld", (long long)t->value);
			out_iso_local(c->zone, t->entered, entered);
			strv_add(&owned, start);
			strv_add(&owned, value);
			strv_add(&owned, entered);
			free(value);
			rows[5 * n] = owned.v[owned.n - 3];
			rows[5 * n + 1] = t->category;
			rows[5 * n + 2] = owned.v[owned.n - 2];
			rows[5 * n + 3] = owned.v[owned.n - 1];
			rows[5 * n + 4] = t->by;
		}
	}
	cli_print_rows(c, fmt, keys, 5, rows, n);
	free(rows);
	strv_free(&owned);
}

/*
 * Every count entered for the series, oldest first, from the audit log:
 * the last entry counts, the earlier ones are kept there.
 */
static int ls_history(struct app *c, const struct series *s,
		      enum cli_format fmt)
{
	static const char *const keys[] = { "entered", "by", "occurrence",
					    "category", "before", "after" };
	struct audit_query q = { .ref = s->uid };
	struct audit_entries l = { 0 };
	struct strv cells = { 0 };
	const char **rows;
	size_t n = 0;
	int rc = store_audit_list(c->st, &q, &l, &c->err);

	for (size_t i = 0; rc == HE_OK && i < l.n; i++) {
		const struct audit_entry *e = &l.v[i];
		char at[32];
		if (strcmp(e->entity, TALLY_ENTITY) != 0)
			continue;
		out_iso_local(c->zone, e->at, at);
		for (size_t j = 0; j < e->fields.n; j++, n++) {
			const struct change *ch = &e->fields.v[j];
			const char *row[] = { at, e->user, e->part, fmt == FORMAT_TEXT
				? config_category_label(&c->cfg, ch->field) : ch->field,
				ch->before, ch->after };
			for (size_t k = 0; k < 6; k++)
				strv_add(&cells, row[k] ? row[k] : "");
		}
	}
	rows = xcalloc(cells.n + 1, sizeof *rows);
	for (size_t i = 0; i < cells.n; i++)
		rows[i] = cells.v[i];
	if (rc == HE_OK && n == 0 && fmt == FORMAT_TEXT)
		fputs(_("Nothing has been counted.\n"), c->out);
	else if (rc == HE_OK)
		cli_print_rows(c, fmt, keys, 6, rows, n);
	free(rows);
	strv_free(&cells);
	audit_entries_free(&l);
	return rc;
}

static int tally_ls(struct app *c, int argc, char **argv)
{
	struct ls_args a = { 0 };
	struct tally_occs o = { 0 };
	struct series s;
	int64_t id, from = SCHED_MIN_INSTANT, to = 0;
	int rc;

	series_init(&s);
	if ((rc = parse_ls(c, argc, argv, &a)) != HE_OK ||
	    (a.from && (rc = cli_window_edge(c, a.from, false, &from))) ||
	    (a.to && (rc = cli_window_edge(c, a.to, true, &to))) ||
	    (rc = app_open(c, false)) != HE_OK ||
	    (rc = store_series_find(c->st, a.id, &id, &c->err)) != HE_OK ||
	    (rc = store_series_load(c->st, id, &s, &c->err)) != HE_OK)
		goto out;
	if (a.history) {
		rc = ls_history(c, &s, a.fmt);
		goto out;
	}
	if ((rc = tally_of_series(c->st, id, from, to, &o, &c->err)) != HE_OK)
		goto out;
	if (a.fmt == FORMAT_TEXT)
		ls_text(c, &s, &o);
	else
		ls_rows(c, &s, &o, a.fmt);
out:
	tally_occs_free(&o);
	series_free(&s);
	return rc;
}

static int tally_categories(struct app *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "kind", required_argument, NULL, 'k' },
		{ "format", required_argument, NULL, 'F' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const keys[] = { "key", "label", "unit", "kinds" };
	enum cli_format fmt = FORMAT_TEXT;
	const char *kind = NULL;
	const char **rows;
	char **owned;
	size_t n = 0;
	int opt, rc;

	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (opt == 'k')
			kind = optarg;
		else if (opt != 'F')
			return cli_usage_error(c, "tally", _("unknown option or "
					       "missing value in '%s'"),
					       argv[optind - 1]);
		else if ((rc = cli_parse_format(c, optarg, &fmt)) != HE_OK)
			return rc;
	}
	if (optind != argc)
		return cli_usage_error(c, "tally", _("unexpected argument '%s'"),
				       argv[optind]);
	if (kind && !config_kind(&c->cfg, kind))
		return herr_set(&c->err, HE_USER, _("unknown kind '%s' (see "
				"'hearth kinds')"), kind);
	rows = xcalloc(c->cfg.n_categories * 4 + 1, sizeof *rows);
	owned = xcalloc(c->cfg.n_categories + 1, sizeof *owned);
	for (size_t i = 0; i < c->cfg.n_categories; i++) {
		const struct category *k = &c->cfg.categories[i];
		struct sbuf kinds = { 0 };
		if (kind && !category_applies(k, kind))
			continue;
		for (size_t j = 0; j < k->kinds.n; j++)
			sbuf_addf(&kinds, "%s%s", j ? " " : "", k->kinds.v[j]);
		owned[n] = sbuf_take(&kinds);
		rows[4 * n] = k->key;
		rows[4 * n + 1] = category_label(k);
		rows[4 * n + 2] = category_unit(k);
		rows[4 * n + 3] = owned[n];
		n++;
	}
	cli_print_rows(c, fmt, keys, 4, rows, n);
	for (size_t i = 0; i < n; i++)
		free(owned[i]);
	free(owned);
	free(rows);
	return HE_OK;
}

int cmd_tally(struct app *c, int argc, char **argv)
{
	if (cli_wants_help(argc, argv, _(tally_usage), c->out))
		return HE_OK;
	if (argc >= 2 && !strcmp(argv[1], "add"))
		return tally_add(c, argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "ls"))
		return tally_ls(c, argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "categories"))
		return tally_categories(c, argc - 1, argv + 1);
	return cli_usage_error(c, "tally", _("say add, ls or categories"));
}
