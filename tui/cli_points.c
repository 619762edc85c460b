/*
 * cli_points.c - hearth points and catalogue: balances, statements,
 * redemptions, adjustments, the season's notice board, and what points buy.
 */
#include "cli_people.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/label.h"
#include "../core/when.h"
#include "out.h"

static const char points_usage[] = N_(
"usage: hearth points [PERSON] [--format text|tsv|json]\n"
"       hearth points redeem PERSON ITEM\n"
"       hearth points adjust PERSON N --reason TEXT\n"
"       hearth points top [--since DATE] [--limit N] [--format text|tsv|json]\n"
"Without PERSON: every active person's balance. With PERSON: their\n"
"statement, every movement with the balance after it (tsv: time, kind,\n"
"points, balance, what; json: objects with at, kind, points, balance,\n"
"what, by).\n"
"redeem spends points on an item of the catalogue (its ID or name); it is\n"
"refused, exit status 1, when the balance is short, naming the balance and\n"
"the cost. adjust adds N points (negative to take some away) by hand, with\n"
"a reason. Points are earned by checking out of shifts (hearth checkout).\n"
"The ledger is never changed: corrections are new entries.\n"
"top is the notice board: who earned most since --since (default the start\n"
"of the season, [points] season_start in the config), with hours and shifts.\n");

static int person_statement(struct app *a, const char *who,
			    enum cli_format fmt)
{
	struct ledger_list l = { 0 };
	struct person p;
	struct table t;
	int64_t id;
	int rc;

	if ((rc = cli_person(a, who, &id)) != HE_OK ||
	    (rc = store_person_get(a->st, id, &p, &a->err)) != HE_OK)
		return rc;
	if ((rc = points_statement(a->st, id, &l, &a->err)) != HE_OK) {
		person_free(&p);
		return rc;
	}
	if (fmt == FORMAT_TEXT) {
		out_text(a->out, p.name);
		fprintf(a->out, _(": %lld points\n"), (long long)p.balance);
	}
	table_init(&t, 4, 50);
	if (fmt == FORMAT_JSON)
		fputc('[', a->out);
	for (size_t i = 0; i < l.n; i++) {
		const struct ledger_entry *e = &l.v[i];
		char *what = ledger_describe(e, a->cfg.people, a->zone);
		char when[32], pts[24], bal[24];
		out_iso_local(a->zone, e->at, when);
		snprintf(pts, sizeof pts, "%+lld", (long long)e->points);
		snprintf(bal, sizeof bal, "%lld", (long long)e->balance);
		if (fmt == FORMAT_JSON) {
			fputs(i ? ",\n{" : "\n{", a->out);
			cli_json_str(a->out, "at", when, true);
			cli_json_str(a->out, "kind", ledger_kind_name(e->kind),
				     false);
			cli_json_int(a->out, "points", e->points, false);
			cli_json_int(a->out, "balance", e->balance, false);
			cli_json_str(a->out, "what", what, false);
			cli_json_str(a->out, "by", e->by, false);
			fputc('}', a->out);
		} else if (fmt == FORMAT_TSV) {
			fprintf(a->out, "%s\t%s\t%lld\t%lld\t", when,
				ledger_kind_name(e->kind), (long long)e->points,
				(long long)e->balance);
			out_tsv_field(a->out, what);
			fputc('\n', a->out);
		} else {
			struct civil d = tz_from_utc(a->zone, e->at, NULL);
			civil_format(&d, true, when);
			const char *row[] = { when, pts, bal, what };
			table_add(&t, row);
		}
		free(what);
	}
	if (fmt == FORMAT_JSON)
		fputs(l.n ? "\n]\n" : "]\n", a->out);
	table_print(&t, a->out, "  ");
	table_free(&t);
	ledger_list_free(&l);
	person_free(&p);
	return HE_OK;
}

static int balances(struct app *a, enum cli_format fmt)
{
	struct person_list l = { 0 };
	struct table t;
	int rc;

	if ((rc = app_open(a, false)) != HE_OK ||
	    (rc = store_people_list(a->st, NULL, &l, &a->err)) != HE_OK)
		return rc;
	table_init(&t, 3, 40);
	if (fmt == FORMAT_JSON)
		fputc('[', a->out);
	for (size_t i = 0; i < l.n; i++) {
		const struct person *p = &l.v[i];
		char id[24], pts[24];
		snprintf(id, sizeof id, "%lld", (long long)p->id);
		snprintf(pts, sizeof pts, "%lld", (long long)p->balance);
		if (fmt == FORMAT_JSON) {
			fputs(i ? ",{" : "{", a->out);
			cli_json_int(a->out, "id", p->id, true);
			cli_json_str(a->out, "name", p->name, false);
			cli_json_int(a->out, "points", p->balance, false);
			fputc('}', a->out);
		} else if (fmt == FORMAT_TSV) {
			fprintf(a->out, "%s\t", id);
			out_tsv_field(a->out, p->name);
			fprintf(a->out, "\t%s\n", pts);
		} else {
			const char *row[] = { id, p->name, pts };
			table_add(&t, row);
		}
	}
	if (fmt == FORMAT_JSON)
		fputs("]\n", a->out);
	table_print(&t, a->out, NULL);
	table_free(&t);
	person_list_free(&l);
	return HE_OK;
}

static int redeem(struct app *a, const char *who, const char *item_text)
{
	struct catalogue_item it;
	struct ledger_entry e;
	int64_t id;
	int rc;

	if ((rc = cli_person(a, who, &id)) != HE_OK ||
	    (rc = store_catalogue_find(a->st, item_text, &it, &a->err)))
		return rc;
	rc = points_redeem(a->st, id, it.id, &e, &a->err);
	if (rc == HE_OK) {
		fprintf(a->out, _("Redeemed %s for %lld points; balance %lld.\n"),
			it.name, (long long)-e.points, (long long)e.balance);
		free(e.title);
		free(e.role);
		free(e.bonus);
		free(e.reason);
		free(e.by);
	}
	catalogue_item_free(&it);
	return rc;
}

static int adjust(struct app *a, int argc, char **argv)
{
	const char *reason = NULL, *args[2];
	struct ledger_entry e;
	int nargs = 0, rc;
	char *end;
	long long n;
	int64_t id;

	/* By hand: "-20" is a number of points, not an option. */
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--reason") && i + 1 < argc)
			reason = argv[++i];
		else if (!strncmp(argv[i], "--reason=", 9))
			reason = argv[i] + 9;
		else if (argv[i][0] == '-' && !(argv[i][1] >= '0' &&
						argv[i][1] <= '9'))
			return cli_usage_error(a, "points", _("unknown option or "
					       "missing value in '%s'"), argv[i]);
		else if (nargs < 2)
			args[nargs++] = argv[i];
		else
			nargs++;
	}
	if (nargs != 2)
		return cli_usage_error(a, "points", _("adjust wants PERSON N "
				       "--reason TEXT"));
	n = strtoll(args[1], &end, 10);
	if (end == args[1] || *end)
		return herr_set(&a->err, HE_USER, _("'%s' is not a number of "
				"points"), args[1]);
	if ((rc = cli_person(a, args[0], &id)) != HE_OK ||
	    (rc = points_adjust(a->st, id, n, reason, &e, &a->err)) != HE_OK)
		return rc;
	fprintf(a->out, _("Balance %lld.\n"), (long long)e.balance);
	free(e.title);
	free(e.role);
	free(e.bonus);
	free(e.reason);
	free(e.by);
	return HE_OK;
}

static int top(struct app *a, const char *since_text, size_t limit,
	       enum cli_format fmt)
{
	struct civil today = app_today(a, NULL), since;
	struct points_ranks r = { 0 };
	struct table t;
	int64_t from;
	int rc;

	since = points_season_start(a->cfg.people, &today);
	from = tz_to_utc(a->zone, &since);
	if (since_text && (rc = cli_window_edge(a, since_text, false, &from)))
		return rc;
	if ((rc = app_open(a, false)) != HE_OK ||
	    (rc = points_top(a->st, from, limit, &r, &a->err)) != HE_OK)
		return rc;
	table_init(&t, 6, 40);
	if (fmt == FORMAT_JSON)
		fputc('[', a->out);
	for (size_t i = 0; i < r.n; i++) {
		const struct points_rank *p = &r.v[i];
		struct sbuf g = { 0 };
		char rank[24], pts[24], h[16], n[16];
		for (size_t j = 0; j < p->groups.n; j++)
			sbuf_addf(&g, "%s%s", j ? label_list_sep() : "",
				  people_group_label(a->cfg.people,
						     p->groups.v[j]));
		snprintf(rank, sizeof rank, "%zu", i + 1);
		snprintf(pts, sizeof pts, "%lld", (long long)p->earned);
		snprintf(n, sizeof n, "%d", p->shifts);
		cli_hours(p->minutes, h);
		if (fmt == FORMAT_JSON) {
			fputs(i ? ",{" : "{", a->out);
			cli_json_int(a->out, "rank", (int64_t)i + 1, true);
			cli_json_str(a->out, "name", p->name, false);
			cli_json_strv(a->out, "groups", &p->groups, false);
			cli_json_int(a->out, "points", p->earned, false);
			cli_json_int(a->out, "minutes", p->minutes, false);
			cli_json_int(a->out, "shifts", p->shifts, false);
			fputc('}', a->out);
		} else if (fmt == FORMAT_TSV) {
			fprintf(a->out, "%s\t", rank);
			out_tsv_field(a->out, p->name);
			fprintf(a->out, "\t%s\t%d\t%d\n", pts, p->minutes,
				p->shifts);
		} else {
			const char *row[] = { rank, p->name, sbuf_str(&g), pts,
					      h, n };
			table_add(&t, row);
		}
		sbuf_free(&g);
	}
	if (fmt == FORMAT_JSON)
		fputs("]\n", a->out);
	if (fmt == FORMAT_TEXT) {
		struct civil d = tz_from_utc(a->zone, from, NULL);
		char *day;
		d.hour = d.min = d.sec = 0;
		day = label_day(&d);
		fprintf(a->out, _("Points earned since %s (points, hours, "
				  "shifts):\n"), day);
		free(day);
		if (r.n == 0)
			fprintf(a->out, _("Nobody yet.\n"));
	}
	table_print(&t, a->out, "  ");
	table_free(&t);
	points_ranks_free(&r);
	return HE_OK;
}

/* Options of points, points top: --format, --since, --limit. */
static int points_options(struct app *a, int argc, char **argv,
			  enum cli_format *fmt, const char **since,
			  size_t *limit)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'F' },
		{ "since", required_argument, NULL, 's' },
		{ "limit", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 },
	};
	int opt, rc;
	char *end;

	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'F':
			if ((rc = cli_parse_format(a, optarg, fmt)) != HE_OK)
				return rc;
			break;
		case 's': *since = optarg; break;
		case 'l':
			*limit = (size_t)strtoul(optarg, &end, 10);
			if (*end || end == optarg)
				return herr_set(&a->err, HE_USER, _("--limit wants "
						"a number, not '%s'"), optarg);
			break;
		default:
			return cli_usage_error(a, "points", _("unknown option or "
					       "missing value in '%s'"),
					       argv[optind - 1]);
		}
	}
	return HE_OK;
}

int cmd_points(struct app *a, int argc, char **argv)
{
	enum cli_format fmt = FORMAT_TEXT;
	const char *since = NULL;
	size_t limit = 0;
	int rc;

	if (cli_wants_help(argc, argv, _(points_usage), a->out))
		return HE_OK;
	if (argc >= 2 && !strcmp(argv[1], "adjust"))
		return adjust(a, argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "redeem")) {
		if (argc != 4)
			return cli_usage_error(a, "points", _("redeem wants PERSON "
					       "ITEM"));
		return redeem(a, argv[2], argv[3]);
	}
	bool is_top = argc >= 2 && !strcmp(argv[1], "top");
	if (is_top)
		argc--, argv++;
	if ((rc = points_options(a, argc, argv, &fmt, &since, &limit)) != HE_OK)
		return rc;
	if (is_top) {
		if (optind != argc)
			return cli_usage_error(a, "points", _("unexpected "
					       "argument '%s'"), argv[optind]);
		return top(a, since, limit, fmt);
	}
	if (since || limit)
		return cli_usage_error(a, "points", _("--since and --limit are "
				       "for top"));
	if (optind == argc)
		return balances(a, fmt);
	if (optind + 1 != argc)
		return cli_usage_error(a, "points", _("give one person"));
	return person_statement(a, argv[optind], fmt);
}

/* ---- hearth catalogue ---- */

static const char catalogue_usage[] = N_(
"usage: hearth catalogue [--all] [--format text|tsv|json]\n"
"       hearth catalogue add NAME --cost N [--stock N] [--note TEXT]\n"
"       hearth catalogue edit ITEM [--name NAME] [--cost N] [--stock N|none]\n"
"                             [--note TEXT] [--retire | --offer]\n"
"What points buy: services and goods, each with its cost in points and,\n"
"when limited, its stock (each redemption takes one). Items are never\n"
"removed, since statements name them: --retire stops offering one, --offer\n"
"brings it back; --all lists the retired too. ITEM is an ID or a name.\n"
"tsv: id, name, cost, stock (empty: unlimited), offered, note; json: objects\n"
"with id, name, cost, stock (null: unlimited), offered, note.\n");

struct item_args {
	const char *name, *cost, *stock, *note;
	bool retire, offer, all;
	enum cli_format fmt;
};

static int item_options(struct app *a, int argc, char **argv,
			struct item_args *it)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'N' },
		{ "cost", required_argument, NULL, 'c' },
		{ "stock", required_argument, NULL, 's' },
		{ "note", required_argument, NULL, 'n' },
		{ "retire", no_argument, NULL, 'r' },
		{ "offer", no_argument, NULL, 'o' },
		{ "all", no_argument, NULL, 'a' },
		{ "format", required_argument, NULL, 'F' },
		{ NULL, 0, NULL, 0 },
	};
	int opt, rc;

	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'N': it->name = optarg; break;
		case 'c': it->cost = optarg; break;
		case 's': it->stock = optarg; break;
		case 'n': it->note = optarg; break;
		case 'r': it->retire = true; break;
		case 'o': it->offer = true; break;
		case 'a': it->all = true; break;
		case 'F':
			if ((rc = cli_parse_format(a, optarg, &it->fmt)) != HE_OK)
				return rc;
			break;
		default:
			return cli_usage_error(a, "catalogue", _("unknown option or "
					       "missing value in '%s'"),
					       argv[optind - 1]);
		}
	}
	return HE_OK;
}

static int number(struct app *a, const char *opt, const char *text,
		  int64_t *out)
{
	char *end;
	long long v = strtoll(text, &end, 10);

	if (end == text || *end)
		return herr_set(&a->err, HE_USER, _("%s wants a number, not "
				"'%s'"), opt, text);
	*out = v;
	return HE_OK;
}

static int apply_item(struct app *a, const struct item_args *o,
		      struct catalogue_item *it)
{
	int rc;

	if (o->name)
		str_replace(&it->name, o->name);
	if (o->note)
		str_replace(&it->note, *o->note ? o->note : NULL);
	if (o->cost && (rc = number(a, "--cost", o->cost, &it->cost)) != HE_OK)
		return rc;
	if (o->stock && !strcmp(o->stock, "none"))
		it->stock = -1;
	else if (o->stock &&
		 (rc = number(a, "--stock", o->stock, &it->stock)) != HE_OK)
		return rc;
	else if (o->stock && it->stock < 0)
		return herr_set(&a->err, HE_USER, _("--stock wants 0 or more, or "
				"none"));
	if (o->retire || o->offer)
		it->active = o->offer;
	return HE_OK;
}

static void print_catalogue(struct app *a, const struct catalogue *c,
			    enum cli_format fmt)
{
	struct table t;

	table_init(&t, 5, 40);
	if (fmt == FORMAT_JSON)
		fputc('[', a->out);
	for (size_t i = 0; i < c->n; i++) {
		const struct catalogue_item *it = &c->v[i];
		char id[24], cost[24], stock[24] = "";
		snprintf(id, sizeof id, "%lld", (long long)it->id);
		snprintf(cost, sizeof cost, "%lld", (long long)it->cost);
		if (it->stock >= 0)
			snprintf(stock, sizeof stock, "%lld",
				 (long long)it->stock);
		if (fmt == FORMAT_JSON) {
			fputs(i ? ",{" : "{", a->out);
			cli_json_int(a->out, "id", it->id, true);
			cli_json_str(a->out, "name", it->name, false);
			cli_json_int(a->out, "cost", it->cost, false);
			if (it->stock >= 0)
				cli_json_int(a->out, "stock", it->stock, false);
			else
				cli_json_str(a->out, "stock", NULL, false);
			cli_json_bool(a->out, "offered", it->active, false);
			cli_json_str(a->out, "note", it->note, false);
			fputc('}', a->out);
		} else if (fmt == FORMAT_TSV) {
			fprintf(a->out, "%s\t", id);
			out_tsv_field(a->out, it->name);
			fprintf(a->out, "\t%s\t%s\t%s\t", cost, stock,
				it->active ? "yes" : "no");
			out_tsv_field(a->out, it->note ? it->note : "");
			fputc('\n', a->out);
		} else {
			char pts[40];
			snprintf(pts, sizeof pts, _("%s points"), cost);
			const char *row[] = {
				id, it->name, pts,
				it->stock < 0 ? "" : stock,
				!it->active ? _("(retired)") : it->note };
			table_add(&t, row);
		}
	}
	if (fmt == FORMAT_JSON)
		fputs("]\n", a->out);
	if (fmt == FORMAT_TEXT && c->n == 0)
		fprintf(a->out, _("The catalogue is empty (add to it with "
				  "'hearth catalogue add').\n"));
	table_print(&t, a->out, NULL);
	table_free(&t);
}

int cmd_catalogue(struct app *a, int argc, char **argv)
{
	struct item_args o = { 0 };
	struct catalogue_item it = { 0 };
	const char *action = argc >= 2 && argv[1][0] != '-' ? argv[1] : NULL;
	int rc;

	if (cli_wants_help(argc, argv, _(catalogue_usage), a->out))
		return HE_OK;
	if (action)
		argc--, argv++;
	if ((rc = item_options(a, argc, argv, &o)) != HE_OK)
		return rc;
	if (!action) {
		struct catalogue c = { 0 };
		if (optind != argc)
			return cli_usage_error(a, "catalogue", _("unexpected "
					       "argument '%s'"), argv[optind]);
		if ((rc = app_open(a, false)) != HE_OK ||
		    (rc = store_catalogue_list(a->st, o.all, &c, &a->err)))
			return rc;
		print_catalogue(a, &c, o.fmt);
		catalogue_free(&c);
		return HE_OK;
	}
	if (optind + 1 != argc)
		return cli_usage_error(a, "catalogue", _("give exactly one item"));
	if (!strcmp(action, "add")) {
		if (!o.cost)
			return cli_usage_error(a, "catalogue", _("--cost is "
					       "required"));
		it.name = xstrdup(argv[optind]);
		it.stock = -1;
		if ((rc = apply_item(a, &o, &it)) == HE_OK &&
		    (rc = app_open(a, true)) == HE_OK &&
		    (rc = store_catalogue_add(a->st, &it, &a->err)) == HE_OK)
			fprintf(a->out, "%lld\n", (long long)it.id);
	} else if (!strcmp(action, "edit")) {
		if ((rc = app_open(a, false)) == HE_OK &&
		    (rc = store_catalogue_find(a->st, argv[optind], &it,
					       &a->err)) == HE_OK &&
		    (rc = apply_item(a, &o, &it)) == HE_OK)
			rc = store_catalogue_update(a->st, &it, &a->err);
	} else {
		rc = cli_usage_error(a, "catalogue", _("say add or edit"));
	}
	catalogue_item_free(&it);
	return rc;
}
