/* cli_sync.c - hearth sync: CalDAV calendars, their status and conflicts. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "../core/changes.h"
#include "../core/i18n.h"
#include "../core/label.h"
#include "../core/sync/sync.h"
#include "../core/text.h"
#include "cli.h"
#include "out.h"

static const char sync_usage[] = N_(
"usage: hearth sync [NAME...]\n"
"       hearth sync --setup URL|NAME [--user USER] [--password-file FILE |\n"
"                   --password-command CMD] [--ca-file FILE]\n"
"                   [--mkcalendar TITLE]\n"
"       hearth sync --status [--format text|tsv|json]\n"
"       hearth sync --conflicts [--format text|tsv|json]\n"
"       hearth sync --resolve ID --keep mine|theirs\n"
"Syncs the calendar with the CalDAV calendars of the config's [sync NAME]\n"
"sections (all of them, or those named): changes made on either side go to\n"
"the other, deletions too. An event changed on both sides is a conflict:\n"
"the server's version is kept as the event's next revision and yours beside\n"
"it until you choose (--resolve, or Y in the full-screen interface).\n"
"Nothing about people (volunteers, shifts, points) is ever sent.\n"
"  --setup URL     find the calendars at URL (a server, a principal or a\n"
"                  calendar) and print a [sync] section for the config;\n"
"                  NAME uses that section's url, user and password\n"
"  --user USER     the user to log in as (with --setup URL)\n"
"  --password-file FILE, --password-command CMD\n"
"                  where the password is (with --setup URL); else it is\n"
"                  asked for on the terminal\n"
"  --ca-file FILE  trust the certificate authority in FILE (with --setup)\n"
"  --mkcalendar TITLE  make a calendar called TITLE first (with --setup)\n"
"  --status        each calendar's last sync and what it did\n"
"  --conflicts     the conflicts waiting for someone to choose\n"
"  --resolve ID    settle conflict ID (or the event's UID): --keep mine\n"
"                  puts your version back (sent at the next sync), --keep\n"
"                  theirs keeps the server's\n"
"Exit status: 0 synced, 1 bad usage, configuration, password or refusal,\n"
"2 the server or the network failed.\n");

enum sync_mode { MODE_SYNC, MODE_SETUP, MODE_STATUS, MODE_CONFLICTS,
		 MODE_RESOLVE };

struct sync_args {
	enum sync_mode mode;
	const char *setup, *user, *password_file, *password_command, *ca_file;
	const char *mkcalendar, *resolve, *keep;
	enum cli_format fmt;
};

static int set_mode(struct app *c, struct sync_args *a, enum sync_mode m)
{
	if (a->mode != MODE_SYNC && a->mode != m)
		return cli_usage_error(c, "sync", _("--setup, --status, "
				       "--conflicts and --resolve go alone"));
	a->mode = m;
	return HE_OK;
}

static int parse_sync(struct app *c, int argc, char **argv,
		      struct sync_args *a)
{
	enum { O_SETUP = 256, O_USER, O_PWFILE, O_PWCMD, O_CA, O_MK, O_STATUS,
	       O_CONFLICTS, O_RESOLVE, O_KEEP, O_FORMAT };
	static const struct option opts[] = {
		{ "setup", required_argument, NULL, O_SETUP },
		{ "user", required_argument, NULL, O_USER },
		{ "password-file", required_argument, NULL, O_PWFILE },
		{ "password-command", required_argument, NULL, O_PWCMD },
		{ "ca-file", required_argument, NULL, O_CA },
		{ "mkcalendar", required_argument, NULL, O_MK },
		{ "status", no_argument, NULL, O_STATUS },
		{ "conflicts", no_argument, NULL, O_CONFLICTS },
		{ "resolve", required_argument, NULL, O_RESOLVE },
		{ "keep", required_argument, NULL, O_KEEP },
		{ "format", required_argument, NULL, O_FORMAT },
		{ NULL, 0, NULL, 0 },
	};
	int opt, rc = HE_OK;

	optind = 0;
	opterr = 0;
	while (rc == HE_OK &&
	       (opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case O_SETUP: a->setup = optarg;
			rc = set_mode(c, a, MODE_SETUP); break;
		case O_USER: a->user = optarg; break;
		case O_PWFILE: a->password_file = optarg; break;
		case O_PWCMD: a->password_command = optarg; break;
		case O_CA: a->ca_file = optarg; break;
		case O_MK: a->mkcalendar = optarg; break;
		case O_STATUS: rc = set_mode(c, a, MODE_STATUS); break;
		case O_CONFLICTS: rc = set_mode(c, a, MODE_CONFLICTS); break;
		case O_RESOLVE: a->resolve = optarg;
			rc = set_mode(c, a, MODE_RESOLVE); break;
		case O_KEEP: a->keep = optarg; break;
		case O_FORMAT: rc = cli_parse_format(c, optarg, &a->fmt); break;
		default:
			return cli_usage_error(c, "sync", _("unknown option or "
					       "missing value in '%s'"),
					       argv[optind - 1]);
		}
	}
	if (rc == HE_OK && a->mode == MODE_RESOLVE &&
	    (!a->keep || (strcmp(a->keep, "mine") && strcmp(a->keep, "theirs"))))
		return cli_usage_error(c, "sync", _("--resolve needs --keep mine "
				       "or --keep theirs"));
	if (rc == HE_OK && a->mode != MODE_SYNC && optind < argc)
		return cli_usage_error(c, "sync", _("unexpected argument '%s'"),
				       argv[optind]);
	return rc;
}

/* "2026-12-03 14:02" in the display zone, or "-" for never. */
static void when_text(struct app *c, int64_t at, char buf[32])
{
	struct civil t;

	if (!at) {
		snprintf(buf, 32, "-");
		return;
	}
	t = tz_from_utc(c->zone, at, NULL);
	snprintf(buf, 32, "%04d-%02d-%02d %02d:%02d", t.year, t.month, t.day,
		 t.hour, t.min);
}

/* ---- A sync ---- */

static void on_progress(void *ctx, const char *step, size_t done,
			size_t total)
{
	const char *name = ctx;

	if (!isatty(STDERR_FILENO))
		return;
	fprintf(stderr, "\r%s: %s %zu/%zu ", name,
		!strcmp(step, "push") ? _("sending") : _("receiving"), done,
		total);
	if (done == total)
		fputs("\r\033[K", stderr);
	fflush(stderr);
}

static void on_note(void *ctx, const char *msg)
{
	(void)ctx;
	fputs("hearth: ", stderr);
	out_text(stderr, msg);
	fputc('\n', stderr);
}

static void print_stats(struct app *c, const char *name,
			const struct sync_stats *s)
{
	/* TRANSLATORS: the summary of one sync: "district: received 3 new,
	   1 changed, 0 deleted; sent 5 new, 0 changed, 1 deleted; 40 in
	   step; 6 requests in 0.4 s". */
	fprintf(c->out, _("%s: received %ld new, %ld changed, %ld deleted; "
			  "sent %ld new, %ld changed, %ld deleted; %ld in step; "
			  "%ld requests in %.1f s\n"), name, s->in_added,
		s->in_changed, s->in_deleted, s->out_added, s->out_changed,
		s->out_deleted, s->unchanged, s->requests, s->seconds);
	if (s->conflicts)
		fprintf(stderr, ngettext("hearth: %s: %ld conflict kept (both "
			"versions): see hearth sync --conflicts, or Y in the "
			"full-screen interface\n", "hearth: %s: %ld conflicts "
			"kept (both versions): see hearth sync --conflicts, or Y "
			"in the full-screen interface\n",
			(unsigned long)s->conflicts), name, s->conflicts);
}

static int sync_one(struct app *c, const struct sync_account *a)
{
	struct sync_opts o = {
		.cfg = &c->cfg, .a = a, .zone = c->home, .now = c->now,
		.cancelled_exdate = c->cfg.publish.cancelled_exdate,
		.progress = on_progress, .note = on_note, .ctx = a->name,
	};
	struct sync_stats s;
	int rc = sync_run(c->st, &o, &s, &c->err);

	if (rc == HE_OK)
		print_stats(c, a->name, &s);
	return rc;
}

static int sync_all(struct app *c, int argc, char **argv)
{
	const struct sync_config *sc = c->cfg.sync;
	int worst = HE_OK, rc;

	if (optind >= argc && (!sc || sc->n == 0))
		return herr_set(&c->err, HE_USER, _("no [sync NAME] section in "
				"the config: see hearth sync --setup"));
	for (int i = optind; i < argc; i++)
		if (!sync_account_find(&c->cfg, argv[i]))
			return herr_set(&c->err, HE_USER, _("no [sync %s] section "
					"in the config"), argv[i]);
	if ((rc = app_open(c, false)) != HE_OK)
		return rc;
	for (size_t i = 0; i < sc->n; i++) {
		bool wanted = optind >= argc;
		for (int k = optind; k < argc && !wanted; k++)
			wanted = !strcmp(argv[k], sc->v[i].name);
		if (!wanted)
			continue;
		if ((rc = sync_one(c, &sc->v[i])) == HE_OK)
			continue;
		/* One calendar failing does not keep the others from syncing. */
		fputs("hearth: ", stderr);
		out_text(stderr, c->err.msg);
		fputc('\n', stderr);
		if (rc > worst)
			worst = rc;
	}
	if (worst != HE_OK)
		herr_set(&c->err, worst, _("not every calendar was synced"));
	return worst;
}

/* ---- --setup ---- */

/* Asks for the password on the terminal, without echo. */
static char *ask_password(const char *user, const char *url)
{
	struct termios old, quiet;
	char buf[1024];
	FILE *tty = fopen("/dev/tty", "r+");
	bool echo_off;

	if (!tty)
		return NULL;
	fprintf(tty, _("Password of %s at %s: "), user, url);
	fflush(tty);
	echo_off = tcgetattr(fileno(tty), &old) == 0;
	if (echo_off) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(fileno(tty), TCSAFLUSH, &quiet);
	}
	if (!fgets(buf, sizeof buf, tty))
		buf[0] = '\0';
	if (echo_off)
		tcsetattr(fileno(tty), TCSAFLUSH, &old);
	fputc('\n', tty);
	fclose(tty);
	buf[strcspn(buf, "\r\n")] = '\0';
	char *pw = xstrdup(buf);
	explicit_bzero(buf, sizeof buf);
	return pw;
}

/* The account --setup uses: a section of the config, or one from the
 * options. */
static int setup_account(struct app *c, const struct sync_args *args,
			 struct sync_account *tmp,
			 const struct sync_account **out)
{
	const struct sync_account *a = sync_account_find(&c->cfg, args->setup);

	if (a && !args->user && !args->password_file && !args->password_command) {
		*out = a;
		return HE_OK;
	}
	memset(tmp, 0, sizeof *tmp);
	tmp->name = (char *)"setup";
	tmp->url = (char *)(a ? a->url : args->setup);
	tmp->user = (char *)args->user;
	tmp->password_file = (char *)args->password_file;
	tmp->password_command = (char *)args->password_command;
	tmp->ca_file = (char *)args->ca_file;
	tmp->timeout = 60;
	tmp->max_response = (size_t)64 << 20;
	tmp->send = true;
	*out = tmp;
	return sync_account_check(&c->cfg, tmp, &c->err);
}

static void print_found(struct app *c, const struct sync_found *f,
			const struct sync_account *a)
{
	struct table t;

	fprintf(c->out, _("Server: %s\n"), f->server);
	if (f->principal)
		fprintf(c->out, _("Principal: %s\n"), f->principal);
	if (f->home)
		fprintf(c->out, _("Calendar home: %s\n"), f->home);
	if (!f->n) {
		fprintf(c->out, "%s\n", _("No calendars yet: make one with "
					  "--mkcalendar TITLE."));
		return;
	}
	table_init(&t, 3, 60);
	table_add(&t, (const char *[]){ _("CALENDAR"), _("URL"), _("SYNC") });
	for (size_t i = 0; i < f->n; i++)
		table_add(&t, (const char *[]){ f->v[i].name ? f->v[i].name : "-",
			  f->v[i].url, f->v[i].sync_collection
			  ? "sync-collection" : "ctag/etag" });
	table_print(&t, c->out, NULL);
	table_free(&t);
	fprintf(c->out, "\n%s\n", _("For the config (one section per calendar; "
				  "the name in brackets is yours to choose):"));
	fprintf(c->out, "[sync %s]\nurl = %s\n", strcmp(a->name, "setup")
		? a->name : "district", f->v[0].url);
	if (a->user)
		fprintf(c->out, "user = %s\n", a->user);
	if (a->password_command)
		fprintf(c->out, "password_command = %s\n", a->password_command);
	else
		fprintf(c->out, "password_file = %s\n", a->password_file
			? a->password_file : "~/.config/hearth/caldav.pass");
	if (a->ca_file)
		fprintf(c->out, "ca_file = %s\n", a->ca_file);
}

static int cmd_setup(struct app *c, const struct sync_args *args)
{
	struct sync_account tmp;
	const struct sync_account *a;
	struct sync_found f;
	char *pw = NULL, *made = NULL;
	int rc = setup_account(c, args, &tmp, &a);

	if (rc != HE_OK)
		return rc;
	if (a == &tmp && a->user && !a->password_file && !a->password_command &&
	    !(pw = ask_password(a->user, a->url)))
		return herr_set(&c->err, HE_USER, _("no terminal to ask the "
				"password on: give --password-file or "
				"--password-command"));
	if (args->mkcalendar &&
	    (rc = sync_mkcalendar(a, pw, args->mkcalendar, &made, &c->err)))
		goto out;
	if (made)
		fprintf(c->out, _("Made the calendar %s\n"), made);
	if ((rc = sync_discover(a, pw, &f, &c->err)) == HE_OK)
		print_found(c, &f, a);
	sync_found_free(&f);
out:
	free(made);
	if (pw) {
		explicit_bzero(pw, strlen(pw));
		free(pw);
	}
	return rc;
}

/* ---- --status ---- */

static const char *status_result(const struct sync_status *s)
{
	if (!s->last_try)
		return _("never synced");
	return s->last_error ? s->last_error : _("ok");
}

static int cmd_status(struct app *c, enum cli_format fmt)
{
	static const char *const keys[] = { "name", "url", "last_sync",
		"last_ok", "result", "objects", "verbatim", "conflicts" };
	const struct sync_config *sc = c->cfg.sync;
	struct sync_status *v;
	size_t n, rows = 0;
	const char **cells;
	char (*num)[3][24];
	int rc;

	if ((rc = app_open(c, false)) != HE_OK)
		return rc;
	if ((rc = sync_status_list(c->st, &v, &n, &c->err)) != HE_OK)
		return rc;
	cells = xcalloc((n + sc->n + 1) * 8, sizeof *cells);
	num = xcalloc(n + sc->n + 1, sizeof *num);
	char (*times)[2][32] = xcalloc(n + sc->n + 1, sizeof *times);
	if (fmt == FORMAT_TEXT) {
		const char *h[] = { _("NAME"), _("URL"), _("LAST SYNC"),
				    _("LAST OK"), _("RESULT"), _("OBJECTS"),
				    _("VERBATIM"), _("CONFLICTS") };
		memcpy(cells, h, sizeof h);
		rows = 1;
	}
	for (size_t i = 0; i < n; i++, rows++) {
		const char **r = cells + rows * 8;
		when_text(c, v[i].last_try, times[rows][0]);
		when_text(c, v[i].last_ok, times[rows][1]);
		snprintf(num[rows][0], 24, "%ld", v[i].objects);
		snprintf(num[rows][1], 24, "%ld", v[i].verbatim);
		snprintf(num[rows][2], 24, "%ld", v[i].conflicts);
		r[0] = v[i].account;
		r[1] = v[i].url ? v[i].url : "-";
		r[2] = times[rows][0];
		r[3] = times[rows][1];
		r[4] = status_result(&v[i]);
		r[5] = num[rows][0];
		r[6] = num[rows][1];
		r[7] = num[rows][2];
	}
	/* Calendars of the config that never synced. */
	for (size_t k = 0; k < sc->n; k++) {
		bool seen = false;
		for (size_t i = 0; i < n && !seen; i++)
			seen = !strcmp(v[i].account, sc->v[k].name);
		if (seen)
			continue;
		const char **r = cells + rows++ * 8;
		r[0] = sc->v[k].name;
		r[1] = sc->v[k].url ? sc->v[k].url : "-";
		r[2] = r[3] = "-";
		r[4] = _("never synced");
		r[5] = r[6] = r[7] = "0";
	}
	cli_print_rows(c, fmt, keys, 8, cells, rows);
	free(times);
	free(num);
	free(cells);
	sync_status_free(v, n);
	return HE_OK;
}

/* ---- --conflicts and --resolve ---- */

static void print_conflict_text(struct app *c, const struct sync_conflict *k)
{
	struct changes ch = { 0 };
	struct herr err;
	char when[32];
	char *title = text_sanitize(k->title ? k->title : k->uid);

	when_text(c, k->at, when);
	/* TRANSLATORS: "#3 Reading session (district): changed on both
	   sides, found 2026-12-03 14:02 by alice". */
	fprintf(c->out, _("#%lld %s (%s): %s, found %s by %s\n"),
		(long long)k->id, title, k->account, sync_conflict_kind_text(k->kind), when,
		k->user);
	free(title);
	if (sync_conflict_diff(c->st, &c->cfg, c->home, k, &ch, &err) != HE_OK) {
		fputs("    ", c->out);
		out_text(c->out, err.msg);
		fputc('\n', c->out);
	}
	for (size_t i = 0; i < ch.n; i++) {
		char *mine = text_sanitize(ch.v[i].before ? ch.v[i].before : "");
		char *theirs = text_sanitize(ch.v[i].after ? ch.v[i].after : "");
		/* TRANSLATORS: one field of a conflict: "title: yours 'A',
		   the server's 'B'". */
		fprintf(c->out, _("    %s: yours '%s', the server's '%s'\n"),
			sync_field_label(ch.v[i].field), mine, theirs);
		free(mine);
		free(theirs);
	}
	changes_free(&ch);
}

static int cmd_conflicts(struct app *c, enum cli_format fmt)
{
	static const char *const keys[] = { "id", "uid", "title", "calendar",
					    "kind", "found", "by" };
	struct sync_conflicts l;
	int rc;

	if ((rc = app_open(c, false)) != HE_OK)
		return rc;
	if ((rc = sync_conflict_list(c->st, NULL, &l, &c->err)) != HE_OK)
		return rc;
	if (fmt == FORMAT_TEXT) {
		for (size_t i = 0; i < l.n; i++)
			print_conflict_text(c, &l.v[i]);
		if (!l.n)
			fprintf(c->out, "%s\n", _("No sync conflicts."));
	} else {
		const char **cells = xcalloc(l.n * 7 + 1, sizeof *cells);
		char (*ids)[24] = xcalloc(l.n + 1, sizeof *ids);
		char (*times)[32] = xcalloc(l.n + 1, sizeof *times);
		for (size_t i = 0; i < l.n; i++) {
			const char **r = cells + i * 7;
			snprintf(ids[i], 24, "%lld", (long long)l.v[i].id);
			out_iso_local(c->zone, l.v[i].at, times[i]);
			r[0] = ids[i];
			r[1] = l.v[i].uid;
			r[2] = l.v[i].title;
			r[3] = l.v[i].account;
			r[4] = sync_conflict_kind_name(l.v[i].kind);
			r[5] = times[i];
			r[6] = l.v[i].user;
		}
		cli_print_rows(c, fmt, keys, 7, cells, l.n);
		free(cells);
		free(ids);
		free(times);
	}
	sync_conflicts_free(&l);
	return HE_OK;
}

static int cmd_resolve(struct app *c, const struct sync_args *a)
{
	int64_t id;
	int rc;

	if ((rc = app_open(c, false)) != HE_OK ||
	    (rc = sync_conflict_find(c->st, a->resolve, &id, &c->err)) != HE_OK)
		return rc;
	rc = sync_resolve(c->st, &c->cfg, c->home, id, strcmp(a->keep, "mine")
			  ? SYNC_KEEP_THEIRS : SYNC_KEEP_MINE, &c->err);
	if (rc == HE_OK)
		fprintf(c->out, !strcmp(a->keep, "mine")
			? _("Conflict %lld settled: your version is kept and goes "
			    "to the server at the next sync.\n")
			: _("Conflict %lld settled: the server's version is "
			    "kept.\n"), (long long)id);
	return rc;
}

int cmd_sync(struct app *c, int argc, char **argv)
{
	struct sync_args a = { .mode = MODE_SYNC };
	int rc;

	if (cli_wants_help(argc, argv, _(sync_usage), c->out))
		return HE_OK;
	if ((rc = parse_sync(c, argc, argv, &a)) != HE_OK)
		return rc;
	switch (a.mode) {
	case MODE_SETUP: return cmd_setup(c, &a);
	case MODE_STATUS: return cmd_status(c, a.fmt);
	case MODE_CONFLICTS: return cmd_conflicts(c, a.fmt);
	case MODE_RESOLVE: return cmd_resolve(c, &a);
	default: return sync_all(c, argc, argv);
	}
}
