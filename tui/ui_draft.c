/*
 * ui_draft.c - surviving a dropped connection: SIGHUP and SIGTERM only set
 * a flag; the loop that notices it restores the terminal, and an event form
 * being edited is written to a draft file that the next start offers back.
 */
#include "ui_edit.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/i18n.h"

volatile sig_atomic_t ui_signalled;

static void on_signal(int sig)
{
	(void)sig;
	ui_signalled = 1;
}

void ui_signals_install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a blocked read returns, and the loop sees the flag. */
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

static char *draft_path(void)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");

	if (xdg && *xdg == '/')
		return xasprintf("%s/hearth/draft", xdg);
	return xasprintf("%s/.local/share/hearth/draft", home ? home : ".");
}

/* Writes value with backslash, tab and newline escaped. */
static void put(FILE *f, const char *key, const char *value)
{
	if (!value)
		return;
	fprintf(f, "%s ", key);
	for (const char *p = value; *p; p++) {
		if (*p == '\\')
			fputs("\\\\", f);
		else if (*p == '\n')
			fputs("\\n", f);
		else if (*p == '\t')
			fputs("\\t", f);
		else
			fputc(*p, f);
	}
	fputc('\n', f);
}

static void put_fields(FILE *f, const char *key, const char *const *v,
		       size_t n)
{
	struct sbuf b = { 0 };

	/* Fields are tab-separated; tabs inside are escaped by put(). */
	for (size_t i = 0; i < n; i++) {
		if (i)
			sbuf_addc(&b, '\x1f');
		sbuf_add(&b, v[i] ? v[i] : "");
	}
	put(f, key, sbuf_str(&b));
	sbuf_free(&b);
}

static void write_series(FILE *f, const struct series *s)
{
	char a[CIVIL_BUFSZ], b[CIVIL_BUFSZ], num[32];
	char *list;

	snprintf(num, sizeof num, "%lld", (long long)s->id);
	put(f, "id", num);
	snprintf(num, sizeof num, "%d", s->revision);
	put(f, "revision", num);
	put(f, "uid", s->uid);
	put(f, "kind", s->kind);
	put(f, "title", s->title);
	put(f, "description", s->description);
	put(f, "venue", s->venue);
	snprintf(num, sizeof num, "%d", s->capacity);
	put(f, "capacity", num);
	put(f, "contact", s->contact);
	if (s->alarms.set) {
		char *al = alarms_to_text(&s->alarms);
		put(f, "alarms", *al ? al : "none");
		free(al);
	}
	put(f, "status", status_name(s->status));
	put(f, "tzid", s->sched.tzid);
	put(f, "all_day", s->sched.all_day ? "1" : "0");
	put(f, "start", civil_format(&s->sched.start, false, a));
	put(f, "end", civil_format(&s->sched.end, false, b));
	put(f, "rrule", s->sched.rrule);
	if ((list = civil_list_format(&s->sched.rdates, false)))
		put(f, "rdates", list), free(list);
	if ((list = civil_list_format(&s->sched.exdates, false)))
		put(f, "exdates", list), free(list);
	for (size_t i = 0; i < s->n_orgs; i++) {
		const char *v[] = { role_name(s->orgs[i].role), s->orgs[i].name };
		put_fields(f, "org", v, 2);
	}
	for (size_t i = 0; i < s->audience.n; i++)
		put(f, "audience", s->audience.v[i]);
	for (size_t i = 0; i < s->n_segments; i++) {
		const struct segment *g = &s->segments[i];
		char from[16], to[16];
		snprintf(from, sizeof from, "%d", g->timed ? g->from_min : -1);
		snprintf(to, sizeof to, "%d", g->to_min);
		const char *v[] = { from, to, g->title,
				    g->partners.n ? g->partners.v[0] : NULL,
				    g->note, g->venue };
		put_fields(f, "segment", v, 6);
		/* Further partners belong to the segment just written. */
		for (size_t k = 1; k < g->partners.n; k++)
			put(f, "segment-partner", g->partners.v[k]);
	}
	for (size_t i = 0; i < s->n_overrides; i++) {
		const struct override *o = &s->overrides[i];
		char rid[CIVIL_BUFSZ], os[CIVIL_BUFSZ], oe[CIVIL_BUFSZ];
		const char *v[] = { civil_format(&o->rid, false, rid),
				    o->moved ? civil_format(&o->start, false, os) : "",
				    o->moved ? civil_format(&o->end, false, oe) : "",
				    o->cancelled ? "1" : "0", o->venue, o->note };
		put_fields(f, "override", v, 6);
	}
}

void ui_draft_save(struct ui *u, const struct series *s, bool is_new)
{
	char *path = draft_path(), *tmp = xasprintf("%s.tmp", path);
	FILE *f;

	mkdir_parents(path, NULL);
	f = fopen(tmp, "w");

	if (f) {
		put(f, "hearth-draft", "1");
		put(f, "db", store_path(u->app->st));
		put(f, "new", is_new ? "1" : "0");
		write_series(f, s);
		/* A draft only counts once it is whole on disk. */
		if (fflush(f) == 0 && fsync(fileno(f)) == 0 && fclose(f) == 0)
			rename(tmp, path);
		else
			unlink(tmp);
	}
	free(tmp);
	free(path);
}

static char *unescape(const char *s)
{
	struct sbuf b = { 0 };

	sbuf_add(&b, "");
	for (; *s; s++) {
		if (*s == '\\' && s[1]) {
			s++;
			sbuf_addc(&b, *s == 'n' ? '\n' : *s == 't' ? '\t' : *s);
		} else {
			sbuf_addc(&b, *s);
		}
	}
	return sbuf_take(&b);
}

/* Splits a put_fields value into n parts (missing ones empty). */
static void split_fields(char *value, char **out, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char *sep = value ? strchr(value, '\x1f') : NULL;
		out[i] = value ? value : "";
		if (sep)
			*sep = '\0';
		value = sep ? sep + 1 : NULL;
	}
}

static char *empty_null(const char *s)
{
	return *s ? xstrdup(s) : NULL;
}

static void read_list_field(struct series *s, const char *key, char *value)
{
	char *v[6];
	bool date_only;

	if (!strcmp(key, "org")) {
		enum role r = ROLE_PARTNER;
		split_fields(value, v, 2);
		role_parse(v[0], &r);
		if (*v[1])
			series_add_org(s, v[1], r);
	} else if (!strcmp(key, "audience")) {
		strv_add(&s->audience, value);
	} else if (!strcmp(key, "segment")) {
		struct segment g = { 0 };
		split_fields(value, v, 6);
		g.timed = atoi(v[0]) >= 0;
		g.from_min = g.timed ? atoi(v[0]) : 0;
		g.to_min = atoi(v[1]);
		g.title = v[2];
		if (*v[3])
			strv_add(&g.partners, v[3]);
		g.note = *v[4] ? v[4] : NULL;
		g.venue = *v[5] ? v[5] : NULL;
		series_add_segment(s, &g);
		strv_free(&g.partners);
	} else if (!strcmp(key, "segment-partner") && s->n_segments) {
		strv_add(&s->segments[s->n_segments - 1].partners, value);
	} else if (!strcmp(key, "override")) {
		struct override *o;
		struct civil rid;
		split_fields(value, v, 6);
		/* Overrides must match an occurrence: the schedule comes first. */
		sched_prepare(&s->sched, NULL);
		if (!civil_parse(v[0], &rid, &date_only) ||
		    series_override(s, &rid, &o, NULL) != HE_OK)
			return;
		o->moved = civil_parse(v[1], &o->start, &date_only) &&
			   civil_parse(v[2], &o->end, &date_only);
		o->cancelled = *v[3] == '1';
		o->venue = empty_null(v[4]);
		o->note = empty_null(v[5]);
	}
}

static void read_field(struct series *s, const char *key, char *value)
{
	bool date_only;

	if (!strcmp(key, "id")) s->id = atoll(value);
	else if (!strcmp(key, "revision")) s->revision = atoi(value);
	else if (!strcmp(key, "uid")) str_replace(&s->uid, value);
	else if (!strcmp(key, "kind")) str_replace(&s->kind, value);
	else if (!strcmp(key, "title")) str_replace(&s->title, value);
	else if (!strcmp(key, "description")) str_replace(&s->description, value);
	else if (!strcmp(key, "venue")) str_replace(&s->venue, value);
	else if (!strcmp(key, "capacity")) s->capacity = atoi(value);
	else if (!strcmp(key, "contact")) str_replace(&s->contact, value);
	else if (!strcmp(key, "alarms"))
		alarms_from_text(strcmp(value, "none") ? value : "", &s->alarms);
	else if (!strcmp(key, "status")) status_parse(value, &s->status);
	else if (!strcmp(key, "tzid"))
		snprintf(s->sched.tzid, sizeof s->sched.tzid, "%s", value);
	else if (!strcmp(key, "all_day")) s->sched.all_day = *value == '1';
	else if (!strcmp(key, "start")) civil_parse(value, &s->sched.start, &date_only);
	else if (!strcmp(key, "end")) civil_parse(value, &s->sched.end, &date_only);
	else if (!strcmp(key, "rrule")) str_replace(&s->sched.rrule, value);
	else if (!strcmp(key, "rdates")) civil_list_parse(value, &s->sched.rdates);
	else if (!strcmp(key, "exdates")) civil_list_parse(value, &s->sched.exdates);
	else read_list_field(s, key, value);
}

/* Reads the draft for this database; false when there is none. */
static bool read_draft(struct ui *u, const char *path, struct series *s,
		       bool *is_new)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	bool ours = false;

	if (!f)
		return false;
	series_init(s);
	*is_new = true;
	while (getline(&line, &cap, f) > 0) {
		char *sp = strchr(line, ' '), *value;
		line[strcspn(line, "\n")] = '\0';
		if (!sp)
			continue;
		*sp = '\0';
		value = unescape(sp + 1);
		if (!strcmp(line, "db"))
			ours = !strcmp(value, store_path(u->app->st));
		else if (!strcmp(line, "new"))
			*is_new = *value == '1';
		else
			read_field(s, line, value);
		free(value);
	}
	free(line);
	fclose(f);
	if (!ours || !s->title)
		series_free(s);
	return ours && s->title;
}

void ui_draft_offer(struct ui *u)
{
	char *path = draft_path(), *q;
	struct series s;
	bool is_new;

	if (!read_draft(u, path, &s, &is_new)) {
		free(path);
		return;
	}
	q = xasprintf(_("hearth was interrupted while “%s” was being edited. "
			"Restore that draft?"), *s.title ? s.title : "…");
	if (ui_confirm(u, q)) {
		unlink(path);
		ui_event_form(u, &s, is_new);
	} else {
		unlink(path);
		ui_message(u, _("The draft was discarded."));
	}
	free(q);
	free(path);
	series_free(&s);
}
