/* draft.c - a series as a draft file, written and read back. */
#include "draft.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "atomic.h"
#include "i18n.h"
#include "paths.h"
#include "tz.h"

char *draft_path(void)
{
	return path_data("draft");
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

	/* Fields are separated by U+001F (unit separator), which put() leaves
	 * as it is: a draft holds only what a form held, where it cannot be
	 * typed. */
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
				    o->cancelled ? "1" : "0", o->venue, o->note,
				    o->title, o->description };
		put_fields(f, "override", v, 8);
	}
}

int draft_write(FILE *f, const char *db, bool is_new, const struct series *s)
{
	put(f, "hearth-draft", "1");
	put(f, "db", db);
	put(f, "new", is_new ? "1" : "0");
	write_series(f, s);
	return ferror(f) ? HE_INTERNAL : HE_OK;
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
	char *v[8];
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
		/* A damaged line is dropped, not turned into a nonsense time. */
		if (g.from_min > 24 * 60 || g.to_min < 0 || g.to_min > 24 * 60)
			return;
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
		/* Drafts written before occurrences had their own texts
		 * have six fields; the missing ones read as empty. */
		split_fields(value, v, 8);
		/* Overrides must match an occurrence: the schedule comes first. */
		sched_prepare(&s->sched, NULL);
		if (!civil_parse(v[0], &rid, &date_only) ||
		    series_override(s, &rid, &o, NULL) != HE_OK)
			return;
		o->moved = civil_parse(v[1], &o->start, &date_only) &&
			   civil_parse(v[2], &o->end, &date_only);
		o->cancelled = *v[3] == '1';
		/* A second line for the same occurrence replaces the first. */
		free(o->venue);
		free(o->note);
		free(o->title);
		free(o->description);
		o->venue = empty_null(v[4]);
		o->note = empty_null(v[5]);
		o->title = empty_null(v[6]);
		o->description = empty_null(v[7]);
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

/* What every draft must have to be offered back. */
static bool usable(const struct draft *d)
{
	const struct sched *sc = &d->s.sched;

	return d->db && d->s.title && civil_valid(&sc->start) &&
	       civil_valid(&sc->end) && tz_get(sc->tzid) != NULL;
}

int draft_read(FILE *f, struct draft *d, struct herr *err)
{
	char *line = NULL;
	size_t cap = 0;
	bool header = false;
	ssize_t n;

	memset(d, 0, sizeof *d);
	series_init(&d->s);
	d->is_new = true;
	while ((n = getline(&line, &cap, f)) > 0) {
		char *sp, *value;
		/* A NUL would hide the rest of the line: such a line is left out. */
		if (strlen(line) != (size_t)n)
			continue;
		line[strcspn(line, "\n")] = '\0';
		if (!(sp = strchr(line, ' ')))
			continue;
		*sp = '\0';
		value = unescape(sp + 1);
		if (!header)
			header = !strcmp(line, "hearth-draft") && !strcmp(value, "1");
		else if (!strcmp(line, "db"))
			str_replace(&d->db, value);
		else if (!strcmp(line, "new"))
			d->is_new = *value == '1';
		else
			read_field(&d->s, line, value);
		free(value);
		if (!header)
			break;
	}
	free(line);
	if (header && usable(d))
		return HE_OK;
	draft_free(d);
	return herr_set(err, HE_USER, _("the draft file is damaged"));
}

void draft_free(struct draft *d)
{
	free(d->db);
	d->db = NULL;
	series_free(&d->s);
}

int draft_save(const char *path, const char *db, bool is_new,
	       const struct series *s, struct herr *err)
{
	char *tmp;
	FILE *f;
	int rc;

	mkdir_parents(path, NULL);
	if (!(f = atomic_open(path, 0, &tmp, err)))
		return err ? err->code : HE_INTERNAL;
	rc = draft_write(f, db, is_new, s);
	if (rc != HE_OK)
		herr_set(err, rc, _("cannot write %s: %s"), path,
			 strerror(errno ? errno : EIO));
	rc = atomic_close(f, tmp, path, rc, NULL, err);
	free(tmp);
	return rc;
}

int draft_load(const char *path, struct draft *d, bool *found,
	       struct herr *err)
{
	FILE *f = fopen(path, "r");
	int rc;

	*found = f != NULL;
	memset(d, 0, sizeof *d);
	if (!f)
		return errno == ENOENT ? HE_OK
			: herr_set(err, HE_USER, _("cannot read %s: %s"), path,
				   strerror(errno));
	rc = draft_read(f, d, err);
	fclose(f);
	return rc;
}
