/*
 * people_csv.c - people to and from CSV, as organisers keep them in
 * spreadsheets (WPS, Excel, LibreOffice).
 */
#include "people_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../audit.h"
#include "../csv.h"
#include "../i18n.h"

#define MAX_PROBLEMS 20

enum column { COL_ID, COL_NAME, COL_PHONE, COL_GROUPS, COL_ORG, COL_NOTE,
	      COL_ACTIVE, N_COLUMNS };

/* The names a header may give each column; the first is what export
 * writes. */
static const char *const column_names[N_COLUMNS][7] = {
	[COL_ID] = { "id", "编号" },
	[COL_NAME] = { "name", "姓名", "名字" },
	[COL_PHONE] = { "phone", "电话", "手机", "手机号", "联系电话" },
	[COL_GROUPS] = { "groups", "group", "群体", "分组", "类别" },
	[COL_ORG] = { "org", "organisation", "organization", "单位", "组织",
		      "所在单位" },
	[COL_NOTE] = { "note", "notes", "备注" },
	[COL_ACTIVE] = { "active", "状态", "在册" },
};

static int column_of(const char *name)
{
	size_t len;

	name += strspn(name, " ");
	len = strlen(name);
	while (len && name[len - 1] == ' ')
		len--;
	for (int c = 0; c < N_COLUMNS; c++)
		for (int i = 0; i < 7 && column_names[c][i]; i++)
			if (strlen(column_names[c][i]) == len &&
			    !strncasecmp(name, column_names[c][i], len))
				return c;
	return -1;
}

/* What an import keeps while it reads. */
struct import {
	struct store *st;
	const struct people_config *pc;
	const char *name;
	int col[N_COLUMNS];      /* field index of each column, -1 absent */
	size_t ncols;
	struct strv *problems;
	struct people_import_result *res;
	struct strv seen_phones, seen_ids; /* "value\tline" */
};

static void problem(struct import *im, int line, const char *msg)
{
	char *p;

	if (im->problems->n >= MAX_PROBLEMS)
		return;
	p = xasprintf("%s:%d: %s", im->name, line, msg);
	strv_add(im->problems, p);
	free(p);
}

static int read_header(struct import *im, const struct strv *f, int line)
{
	for (int c = 0; c < N_COLUMNS; c++)
		im->col[c] = -1;
	im->ncols = f->n;
	for (size_t i = 0; i < f->n; i++) {
		int c = column_of(f->v[i]);
		char msg[300];
		if (c < 0) {
			snprintf(msg, sizeof msg, _("unknown column '%s' (use id, "
				 "name, phone, groups, org, note, active)"),
				 f->v[i]);
			problem(im, line, msg);
		} else if (im->col[c] >= 0) {
			snprintf(msg, sizeof msg, _("column '%s' is given twice"),
				 f->v[i]);
			problem(im, line, msg);
		} else {
			im->col[c] = (int)i;
		}
	}
	if (im->col[COL_NAME] < 0)
		problem(im, line, _("the header names no 'name' column"));
	return im->problems->n ? HE_USER : HE_OK;
}

static const char *field(const struct import *im, const struct strv *f,
			 enum column c)
{
	return im->col[c] >= 0 ? f->v[im->col[c]] : NULL;
}

static bool parse_active(const char *s, bool *out)
{
	static const char *const yes[] = { "yes", "y", "true", "1", "是",
					   "在册", "active" };
	static const char *const no[] = { "no", "n", "false", "0", "否",
					  "停用", "inactive" };

	if (!*s) {
		*out = true;
		return true;
	}
	for (size_t i = 0; i < 7; i++) {
		if (!strcasecmp(s, yes[i]))
			return *out = true;
		if (!strcasecmp(s, no[i])) {
			*out = false;
			return true;
		}
	}
	return false;
}

/* Groups written "a; b", "a,b", "a、b", "a；b" or "a，b". */
static void split_groups(const char *s, struct strv *out)
{
	static const char *const wide[] = { "、", "；", "，" };
	char *copy = xstrdup(s), *save = NULL;

	/* Each wide separator is three bytes: made ";  ". */
	for (size_t i = 0; i < 3; i++)
		for (char *p = copy; (p = strstr(p, wide[i]));)
			memcpy(p, ";  ", 3);
	for (char *w = strtok_r(copy, ";,", &save); w;
	     w = strtok_r(NULL, ";,", &save)) {
		size_t n;
		w += strspn(w, " ");
		n = strlen(w);
		while (n && w[n - 1] == ' ')
			w[--n] = '\0';
		if (*w)
			strv_add(out, w);
	}
	free(copy);
}

/* Replaces *slot by the file's value when the file has the column. */
static void take(char **slot, const char *value)
{
	if (value)
		str_replace(slot, *value ? value : NULL);
}

/* Fills p from the row over what it holds. */
static int apply_row(struct import *im, const struct strv *f,
		     struct person *p, struct herr *err)
{
	const char *active = field(im, f, COL_ACTIVE);
	const char *groups = field(im, f, COL_GROUPS);

	take(&p->name, field(im, f, COL_NAME));
	take(&p->phone, field(im, f, COL_PHONE));
	take(&p->org, field(im, f, COL_ORG));
	take(&p->note, field(im, f, COL_NOTE));
	if (groups) {
		strv_free(&p->groups);
		split_groups(groups, &p->groups);
	}
	if (active && !parse_active(active, &p->active))
		return herr_set(err, HE_USER, _("active should be yes or no, not "
				"'%s'"), active);
	return person_validate(p, im->pc, err);
}

/* The person an id names, when the row's name or phone agrees; an id
 * this database does not have leaves *id 0 (another hearth's file). */
static int match_id(struct import *im, const char *id_text,
		    const struct person *row, int64_t *id, struct herr *err)
{
	char *end;
	long long v = strtoll(id_text, &end, 10);
	struct person p;
	int rc = HE_OK;

	if (*end || v <= 0)
		return herr_set(err, HE_USER, _("id '%s' is not a number"),
				id_text);
	if (store_person_get(im->st, v, &p, NULL) != HE_OK)
		return HE_OK;
	if (str_eq0(p.name, row->name) ||
	    (row->phone && str_eq0(p.phone, row->phone)))
		*id = v;
	else
		rc = herr_set(err, HE_USER, _("ID %lld is %s here, not %s: leave "
			      "the id empty to add them as someone new"), v,
			      p.name, row->name);
	person_free(&p);
	return rc;
}

static int find_match(struct import *im, const struct strv *f,
		      const struct person *row, int64_t *id, struct herr *err)
{
	const char *id_text = field(im, f, COL_ID);
	int n = 0, rc;

	*id = 0;
	if (id_text && *id_text &&
	    ((rc = match_id(im, id_text, row, id, err)) != HE_OK || *id))
		return rc;
	if (row->phone)
		return store_person_by_phone(im->st, row->phone, id, err);
	if ((rc = store_person_by_name_no_phone(im->st, row->name, id, &n,
						err)) != HE_OK)
		return rc;
	if (n > 1)
		return herr_set(err, HE_USER, _("%d people are called %s and have "
				"no phone: give the id"), n, row->name);
	return HE_OK;
}

static bool same_person(const struct person *a, const struct person *b)
{
	if (!str_eq0(a->name, b->name) || !str_eq0(a->phone, b->phone) ||
	    !str_eq0(a->org, b->org) || !str_eq0(a->note, b->note) ||
	    a->active != b->active || a->groups.n != b->groups.n)
		return false;
	for (size_t i = 0; i < a->groups.n; i++)
		if (!strv_has(&b->groups, a->groups.v[i]))
			return false;
	return true;
}

/* The same phone or id twice in one file is a mistake in the file. */
static bool seen_before(struct strv *seen, const char *value, int line,
			int *first)
{
	size_t n = strlen(value);

	for (size_t i = 0; i < seen->n; i++)
		if (!strncmp(seen->v[i], value, n) && seen->v[i][n] == '\t') {
			*first = atoi(seen->v[i] + n + 1);
			return true;
		}
	char *entry = xasprintf("%s\t%d", value, line);
	strv_add(seen, entry);
	free(entry);
	return false;
}

static int check_duplicate(struct import *im, const struct person *row,
			   int64_t id, int line, struct herr *err)
{
	int first;
	char key[32];

	if (row->phone && seen_before(&im->seen_phones, row->phone, line, &first))
		return herr_set(err, HE_USER, _("phone %s is already on line %d"),
				row->phone, first);
	snprintf(key, sizeof key, "%lld", (long long)id);
	if (id && seen_before(&im->seen_ids, key, line, &first))
		return herr_set(err, HE_USER, _("this is the same person as on "
				"line %d"), first);
	return HE_OK;
}

/* Stores the row as person id (0: a new one). */
static int store_row(struct import *im, const struct strv *f, int64_t id,
		     struct herr *err)
{
	struct person old, p;
	int rc;

	if (!id) {
		person_init(&p);
		if ((rc = apply_row(im, f, &p, err)) == HE_OK &&
		    (rc = store_person_add(im->st, &p, err)) == HE_OK)
			im->res->added++;
		person_free(&p);
		return rc;
	}
	if ((rc = store_person_get(im->st, id, &old, err)) != HE_OK)
		return rc;
	if ((rc = store_person_get(im->st, id, &p, err)) == HE_OK &&
	    (rc = apply_row(im, f, &p, err)) == HE_OK) {
		if (same_person(&p, &old))
			im->res->unchanged++;
		else if ((rc = store_person_update(im->st, &p, err)) == HE_OK)
			im->res->changed++;
	}
	person_free(&old);
	person_free(&p);
	return rc;
}

/* Reads, checks and stores one row. */
static void import_row(struct import *im, const struct strv *f, int line)
{
	struct person row;
	struct herr e = { 0 };
	int64_t id = 0;
	int rc;

	if (f->n != im->ncols) {
		char msg[160];
		snprintf(msg, sizeof msg, _("the row has %zu fields, the header "
			 "%zu"), f->n, im->ncols);
		problem(im, line, msg);
		return;
	}
	/* The row alone first, to check it and find whom it is about. */
	person_init(&row);
	if ((rc = apply_row(im, f, &row, &e)) == HE_OK &&
	    (rc = find_match(im, f, &row, &id, &e)) == HE_OK &&
	    (rc = check_duplicate(im, &row, id, line, &e)) == HE_OK)
		rc = store_row(im, f, id, &e);
	if (rc != HE_OK)
		problem(im, line, e.msg);
	person_free(&row);
}

static int audit_import(struct store *st, const char *name,
			const struct people_import_result *res, struct herr *err)
{
	struct changes ch = { 0 };
	char n[3][16];
	int rc;

	snprintf(n[0], sizeof n[0], "%d", res->added);
	snprintf(n[1], sizeof n[1], "%d", res->changed);
	snprintf(n[2], sizeof n[2], "%d", res->unchanged);
	changes_add(&ch, "added", NULL, n[0]);
	changes_add(&ch, "changed", NULL, n[1]);
	changes_add(&ch, "unchanged", NULL, n[2]);
	rc = store_audit_held(st, &(struct audit_change){
		.action = AUDIT_IMPORT, .entity = "person", .ref = name,
		.fields = &ch }, err);
	changes_free(&ch);
	return rc;
}

int people_import_csv(struct store *st, const struct people_config *pc,
		      const char *text, size_t len, const char *name,
		      struct people_import_result *out, struct strv *problems,
		      struct herr *err)
{
	struct import im = { .st = st, .pc = pc, .name = name,
			     .problems = problems, .res = out };
	struct csv_reader r;
	struct strv f = { 0 };
	struct herr e = { 0 };
	int got, rc;

	memset(out, 0, sizeof *out);
	csv_reader_init(&r, text, len);
	if ((rc = store_begin(st, err)) != HE_OK)
		return rc;
	/* One entry for the import, with its counts, not one per person. */
	store_audit_hold(st, true);
	got = csv_read(&r, &f, &e);
	if (got == 0)
		problem(&im, 1, _("the file is empty: it needs a header row"));
	else if (got > 0 && read_header(&im, &f, r.record_line) != HE_OK)
		got = 0;
	while (got > 0 && problems->n < MAX_PROBLEMS) {
		if ((got = csv_read(&r, &f, &e)) <= 0)
			break;
		for (size_t i = 0; i < f.n; i++)
			csv_unguard(f.v[i]);
		import_row(&im, &f, r.record_line);
	}
	if (got < 0)
		problem(&im, r.error_line, e.msg);
	strv_free(&f);
	strv_free(&im.seen_phones);
	strv_free(&im.seen_ids);
	if (problems->n == 0 && (rc = audit_import(st, name, out, err)) == HE_OK) {
		store_audit_hold(st, false);
		return store_commit(st, err);
	}
	store_audit_hold(st, false);
	store_rollback(st);
	if (problems->n == 0)
		return rc;
	return herr_set(err, HE_USER, ngettext(
		"%s: %zu problem; nothing was imported",
		"%s: %zu problems (at most 20 are shown); nothing was imported",
		(unsigned long)problems->n), name, problems->n);
}

static void join_groups(const struct strv *g, struct sbuf *b)
{
	for (size_t i = 0; i < g->n; i++) {
		if (i)
			sbuf_add(b, ";");
		sbuf_add(b, g->v[i]);
	}
}

int people_export_csv(struct store *st, const struct person_query *q,
		      FILE *out, struct herr *err)
{
	struct person_list l = { 0 };
	struct csv w;
	int rc = store_people_list(st, q, &l, err);

	if (rc != HE_OK)
		return rc;
	csv_init(&w, out);
	/* Excel and WPS take the file for UTF-8 only with the mark. */
	csv_bom(&w);
	for (int c = 0; c < N_COLUMNS; c++)
		csv_text(&w, column_names[c][0]);
	csv_end(&w);
	for (size_t i = 0; i < l.n; i++) {
		const struct person *p = &l.v[i];
		struct sbuf groups = { 0 };
		join_groups(&p->groups, &groups);
		csv_int(&w, p->id);
		csv_text(&w, p->name);
		csv_text(&w, p->phone);
		csv_text(&w, sbuf_str(&groups));
		csv_text(&w, p->org);
		csv_text(&w, p->note);
		csv_text(&w, p->active ? "yes" : "no");
		csv_end(&w);
		sbuf_free(&groups);
	}
	person_list_free(&l);
	return csv_finish(&w, _("the people's CSV"), err);
}
