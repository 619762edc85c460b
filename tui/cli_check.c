/* cli_check.c - hearth check [--repair]: verifying the database. */
#include <stdio.h>
#include <string.h>

#include "../core/i18n.h"
#include "cli.h"
#include "out.h"

static const char check_usage[] = N_(
"usage: hearth check [--repair]\n"
"Verifies the database: SQLite's integrity check, the schema version,\n"
"references to venues, organisations and events that are gone, events whose\n"
"repeat rule cannot be expanded, the occurrence index against a fresh\n"
"expansion of a sample of its months, and the sums of tallies reports read\n"
"against the tallies. Prints what it found; exits 1 when something is wrong.\n"
"Writes nothing, except with --repair, which rebuilds the occurrence index\n"
"and makes the sums of tallies again when they differ.\n");

static void print_lines(FILE *out, const char *prefix, const struct strv *l)
{
	for (size_t i = 0; i < l->n; i++) {
		fputs(prefix, out);
		out_text(out, l->v[i]);
		fputc('\n', out);
	}
}

int cmd_check(struct app *c, int argc, char **argv)
{
	struct check_report r;
	bool repair = false;
	int rc;

	if (cli_wants_help(argc, argv, _(check_usage), c->out))
		return HE_OK;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--repair") != 0)
			return cli_usage_error(c, "check", _("unexpected argument "
					       "'%s'"), argv[i]);
		repair = true;
	}
	if ((rc = store_check(c->db_path, repair, &r, &c->err)) != HE_OK)
		return rc;
	/* TRANSLATORS: starts a line naming one thing hearth check found
	   wrong. */
	print_lines(c->out, _("problem: "), &r.problems);
	print_lines(c->out, "", &r.notes);
	if (r.problems.n)
		fprintf(c->out, ngettext("%s: %zu problem found\n",
					 "%s: %zu problems found\n",
					 (unsigned long)r.problems.n),
			c->db_path, r.problems.n);
	else
		/* TRANSLATORS: "hearth.db: no problems found (SQLite: ok,
		   schema 4, 9 events, 3 months of the index compared)". */
		fprintf(c->out, _("%s: no problems found (SQLite: ok, schema %d, "
				  "%zu events, %zu months of the index "
				  "compared)\n"), c->db_path, r.schema, r.series,
			r.months);
	rc = r.problems.n ? HE_USER : HE_OK;
	check_report_free(&r);
	return rc;
}
