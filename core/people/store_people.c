/* store_people.c - people and their groups in the database. */
#include "../store_int.h"
#include "people_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../audit.h"
#include "../i18n.h"

void people_ref(int64_t person_id, char buf[32])
{
	snprintf(buf, 32, "person %lld", (long long)person_id);
}

int people_audit(struct store *st, const char *action, const char *entity,
		 const char *ref, const char *label, const char *part,
		 const struct changes *ch, struct herr *err)
{
	return store_audit(st, &(struct audit_change){
		.action = action, .entity = entity, .ref = ref, .label = label,
		.part = part, .fields = ch }, err);
}

/*
 * Which details of a person changed, without their values: the log keeps
 * no personal data (see people_audit).
 */
static void person_diff(const struct person *old, const struct person *p,
			struct changes *ch)
{
	static const char mark[] = "…";
	const char *fields[] = { "name", "phone", "org", "note" };
	const char *a[] = { old->name, old->phone, old->org, old->note };
	const char *b[] = { p->name, p->phone, p->org, p->note };
	bool groups_same = old->groups.n == p->groups.n;

	for (size_t i = 0; i < 4; i++)
		if (!str_eq0(a[i], b[i]))
			changes_add(ch, fields[i], a[i] ? mark : NULL,
				    b[i] ? mark : NULL);
	for (size_t i = 0; groups_same && i < p->groups.n; i++)
		groups_same = strv_has(&old->groups, p->groups.v[i]);
	if (!groups_same)
		changes_add(ch, "groups", old->groups.n ? mark : NULL,
			    p->groups.n ? mark : NULL);
	if (old->active != p->active)
		changes_add(ch, "active", old->active ? "yes" : "no",
			    p->active ? "yes" : "no");
}

static int audit_person(struct store *st, const char *action,
			const struct person *old, const struct person *p,
			struct herr *err)
{
	struct person none;
	struct changes ch = { 0 };
	char ref[32];
	int rc;

	person_init(&none);
	none.active = p->active;
	person_diff(old ? old : &none, p, &ch);
	people_ref(p->id, ref);
	rc = people_audit(st, action, "person", ref, NULL, NULL, &ch, err);
	changes_free(&ch);
	return rc;
}

#define PERSON_COLUMNS \
	"p.id, p.name, p.phone, p.org, p.note, p.active, p.created, p.updated," \
	" coalesce((SELECT balance FROM ledger l WHERE l.account = p.account" \
	"  ORDER BY l.id DESC LIMIT 1), 0)"

static void read_person(sqlite3_stmt *s, struct person *p)
{
	person_init(p);
	p->id = sqlite3_column_int64(s, 0);
	p->name = col_dup(s, 1);
	p->phone = col_dup(s, 2);
	p->org = col_dup(s, 3);
	p->note = col_dup(s, 4);
	p->active = sqlite3_column_int(s, 5) != 0;
	p->created = sqlite3_column_int64(s, 6);
	p->updated = sqlite3_column_int64(s, 7);
	p->balance = sqlite3_column_int64(s, 8);
}

static int read_groups(struct store *st, struct person *p, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT grp FROM person_group"
				     " WHERE person_id = ?1 ORDER BY rowid", err);
	int rc;

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, p->id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		strv_add(&p->groups, col_text(s, 0));
	if (rc != SQLITE_DONE)
		return store_dberr(st, err);
	return HE_OK;
}

static int write_groups(struct store *st, const struct person *p,
			struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "DELETE FROM person_group"
				     " WHERE person_id = ?1", err);
	int rc;

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, p->id);
	if ((rc = store_exec_stmt(st, s, err)) != HE_OK)
		return rc;
	for (size_t i = 0; i < p->groups.n; i++) {
		if (!(s = store_stmt(st, "INSERT OR IGNORE INTO person_group"
				     " (person_id, grp) VALUES (?1, ?2)", err)))
			return HE_INTERNAL;
		sqlite3_bind_int64(s, 1, p->id);
		bind_text(s, 2, p->groups.v[i]);
		if ((rc = store_exec_stmt(st, s, err)) != HE_OK)
			return rc;
	}
	return HE_OK;
}

/* A phone another person has is refused with their name. */
static int check_phone_free(struct store *st, const struct person *p,
			    struct herr *err)
{
	int64_t other = 0;
	struct person o;
	int rc;

	if (!p->phone)
		return HE_OK;
	if ((rc = store_person_by_phone(st, p->phone, &other, err)) != HE_OK)
		return rc;
	if (!other || other == p->id)
		return HE_OK;
	if ((rc = store_person_get(st, other, &o, err)) != HE_OK)
		return rc;
	rc = herr_set(err, HE_USER, _("phone %s is already %s's (ID %lld)"),
		      p->phone, o.name, (long long)other);
	person_free(&o);
	return rc;
}

static void bind_person(sqlite3_stmt *s, const struct person *p)
{
	bind_text(s, 1, p->name);
	bind_text(s, 2, p->phone);
	bind_text(s, 3, p->org);
	bind_text(s, 4, p->note);
	sqlite3_bind_int(s, 5, p->active);
	sqlite3_bind_int64(s, 6, p->updated);
}

static int insert_person(struct store *st, struct person *p, struct herr *err)
{
	sqlite3_stmt *s;
	int64_t account;
	int rc;

	if (!(s = store_stmt(st, "INSERT INTO account DEFAULT VALUES", err)))
		return HE_INTERNAL;
	if ((rc = store_exec_stmt(st, s, err)) != HE_OK)
		return rc;
	account = sqlite3_last_insert_rowid(st->db);
	if (!(s = store_stmt(st, "INSERT INTO person (name, phone, org, note,"
			     " active, updated, created, account)"
			     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)", err)))
		return HE_INTERNAL;
	p->created = p->updated = (int64_t)time(NULL);
	bind_person(s, p);
	sqlite3_bind_int64(s, 7, account);
	if ((rc = store_exec_stmt(st, s, err)) != HE_OK)
		return rc;
	p->id = sqlite3_last_insert_rowid(st->db);
	return write_groups(st, p, err);
}

int store_person_add(struct store *st, struct person *p, struct herr *err)
{
	int rc;

	if ((rc = store_begin(st, err)) != HE_OK)
		return rc;
	if ((rc = check_phone_free(st, p, err)) == HE_OK &&
	    (rc = insert_person(st, p, err)) == HE_OK &&
	    (rc = audit_person(st, AUDIT_ADD, NULL, p, err)) == HE_OK)
		return store_commit(st, err);
	store_rollback(st);
	p->id = 0;
	return rc;
}

int store_person_update(struct store *st, struct person *p, struct herr *err)
{
	struct person old;
	sqlite3_stmt *s;
	int rc;

	person_init(&old);
	if ((rc = store_begin(st, err)) != HE_OK)
		return rc;
	if ((rc = store_person_get(st, p->id, &old, err)) != HE_OK ||
	    (rc = check_phone_free(st, p, err)) != HE_OK)
		goto fail;
	if (!(s = store_stmt(st, "UPDATE person SET name = ?1, phone = ?2,"
			     " org = ?3, note = ?4, active = ?5, updated = ?6"
			     " WHERE id = ?7", err))) {
		rc = HE_INTERNAL;
		goto fail;
	}
	p->updated = (int64_t)time(NULL);
	bind_person(s, p);
	sqlite3_bind_int64(s, 7, p->id);
	if ((rc = store_exec_stmt(st, s, err)) != HE_OK)
		goto fail;
	if (sqlite3_changes(st->db) == 0) {
		rc = herr_set(err, HE_USER, _("no person has ID %lld"),
			      (long long)p->id);
		goto fail;
	}
	if ((rc = write_groups(st, p, err)) != HE_OK ||
	    (rc = audit_person(st, AUDIT_EDIT, &old, p, err)) != HE_OK)
		goto fail;
	person_free(&old);
	return store_commit(st, err);
fail:
	person_free(&old);
	store_rollback(st);
	return rc;
}

int store_person_get(struct store *st, int64_t id, struct person *out,
		     struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT " PERSON_COLUMNS
				     " FROM person p WHERE p.id = ?1", err);
	int rc;

	person_init(out);
	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_DONE)
		return herr_set(err, HE_USER, _("no person has ID %lld"),
				(long long)id);
	if (rc != SQLITE_ROW)
		return store_dberr(st, err);
	read_person(s, out);
	sqlite3_reset(s);
	return read_groups(st, out, err);
}

/* Reads the IDs a statement returns, at most max of them. */
static int read_ids(struct store *st, sqlite3_stmt *s, int64_t *ids,
		    int max, int *n, struct herr *err)
{
	int rc;

	*n = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n < max)
			ids[*n] = sqlite3_column_int64(s, 0);
		(*n)++;
	}
	if (rc != SQLITE_DONE)
		return store_dberr(st, err);
	return HE_OK;
}

/* "several people are called X: 3 (138****5678), 9" */
static int ambiguous(struct store *st, const char *text, const int64_t *ids,
		     int n, int shown, struct herr *err)
{
	struct sbuf b = { 0 };

	for (int i = 0; i < shown; i++) {
		struct person p;
		char *mask;
		if (store_person_get(st, ids[i], &p, err) != HE_OK)
			continue;
		mask = person_phone_mask(p.phone);
		sbuf_addf(&b, "%s%lld %s%s%s%s", i ? ", " : "",
			  (long long)p.id, p.name, mask ? " (" : "",
			  mask ? mask : "", mask ? ")" : "");
		free(mask);
		person_free(&p);
	}
	if (n > shown)
		sbuf_add(&b, ", …");
	herr_set(err, HE_USER, _("'%s' could be several people: %s; give the "
		 "ID"), text, sbuf_str(&b));
	sbuf_free(&b);
	return HE_USER;
}

int store_person_find(struct store *st, const char *text, int64_t *id,
		      struct herr *err)
{
	static const char *const sql[] = {
		"SELECT id FROM person WHERE name = ?1 ORDER BY id",
		"SELECT id FROM person WHERE instr(name, ?1) > 0 ORDER BY id",
	};
	int64_t ids[6];
	int n, rc;
	char *end;
	long long v = strtoll(text, &end, 10);

	if (*text && !*end) {
		struct person p;
		if ((rc = store_person_get(st, v, &p, err)) != HE_OK)
			return rc;
		*id = p.id;
		person_free(&p);
		return HE_OK;
	}
	for (size_t i = 0; i < 2; i++) {
		sqlite3_stmt *s = store_stmt(st, sql[i], err);
		if (!s)
			return HE_INTERNAL;
		bind_text(s, 1, text);
		if ((rc = read_ids(st, s, ids, 6, &n, err)) != HE_OK)
			return rc;
		if (n == 1) {
			*id = ids[0];
			return HE_OK;
		}
		if (n > 1)
			return ambiguous(st, text, ids, n, n < 6 ? n : 5, err);
	}
	return herr_set(err, HE_USER, _("no person is called '%s' (see 'hearth "
			"people')"), text);
}

int store_person_by_phone(struct store *st, const char *phone, int64_t *id,
			  struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT id FROM person WHERE phone = ?1",
				     err);
	int n;

	*id = 0;
	if (!s)
		return HE_INTERNAL;
	bind_text(s, 1, phone);
	return read_ids(st, s, id, 1, &n, err);
}

int store_person_by_name_no_phone(struct store *st, const char *name,
				  int64_t *id, int *n, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT id FROM person"
				     " WHERE name = ?1 AND phone IS NULL"
				     " ORDER BY id", err);

	*id = 0;
	if (!s)
		return HE_INTERNAL;
	bind_text(s, 1, name);
	return read_ids(st, s, id, 1, n, err);
}

int store_person_account(struct store *st, int64_t person_id,
			 int64_t *account, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT account FROM person"
				     " WHERE id = ?1", err);
	int rc;

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, person_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*account = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		return HE_OK;
	}
	if (rc == SQLITE_DONE)
		return herr_set(err, HE_USER, _("no person has ID %lld"),
				(long long)person_id);
	return store_dberr(st, err);
}

int store_people_list(struct store *st, const struct person_query *q,
		      struct person_list *out, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT " PERSON_COLUMNS
		" FROM person p WHERE (?1 IS NULL OR EXISTS (SELECT 1"
		"  FROM person_group g WHERE g.person_id = p.id AND g.grp = ?1))"
		" AND (?2 IS NULL OR instr(lower(p.name), lower(?2)) > 0"
		"  OR instr(coalesce(p.phone, ''), ?2) > 0"
		"  OR instr(lower(coalesce(p.org, '')), lower(?2)) > 0)"
		" AND (?3 OR p.active) ORDER BY p.name, p.id", err);
	size_t first = out->n;
	int rc;

	if (!s)
		return HE_INTERNAL;
	bind_text(s, 1, q ? q->group : NULL);
	bind_text(s, 2, q && !str_empty(q->text) ? q->text : NULL);
	sqlite3_bind_int(s, 3, q && q->inactive);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
		read_person(s, &out->v[out->n++]);
	}
	if (rc != SQLITE_DONE)
		return store_dberr(st, err);
	for (size_t i = first; i < out->n; i++)
		if ((rc = read_groups(st, &out->v[i], err)) != HE_OK)
			return rc;
	return HE_OK;
}

/* Drops a future sign-up or keeps a past one without its person. */
static int forget_signup(struct store *st, const struct signup *g,
			 int64_t now, struct person_removal *out,
			 struct herr *err)
{
	bool future = !g->checkin && !g->checkout && g->start >= now;
	sqlite3_stmt *s = store_stmt(st, future
		? "DELETE FROM signup WHERE id = ?1"
		: "UPDATE signup SET person_id = NULL WHERE id = ?1", err);

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, g->id);
	if (future)
		out->signups_dropped++;
	else
		out->signups_kept++;
	return store_exec_stmt(st, s, err);
}

static int count_ledger(struct store *st, int64_t account, int *n,
			struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT count(*) FROM ledger"
				     " WHERE account = ?1", err);

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, account);
	if (sqlite3_step(s) != SQLITE_ROW)
		return store_dberr(st, err);
	*n = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	return HE_OK;
}

int store_person_remove(struct store *st, int64_t id, int64_t now,
			struct person_removal *out, struct herr *err)
{
	struct signup_list l = { 0 };
	int64_t account;
	sqlite3_stmt *s;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = store_begin(st, err)) != HE_OK)
		return rc;
	if ((rc = store_person_account(st, id, &account, err)) != HE_OK ||
	    (rc = ledger_account_balance(st, account, &out->balance, err)) ||
	    (rc = count_ledger(st, account, &out->ledger_rows, err)) ||
	    (rc = store_person_signups(st, id, SCHED_MIN_INSTANT,
				       SCHED_MAX_INSTANT, &l, err)) != HE_OK)
		goto fail;
	for (size_t i = 0; i < l.n; i++)
		if ((rc = forget_signup(st, &l.v[i], now, out, err)) != HE_OK)
			goto fail;
	if (!(s = store_stmt(st, "DELETE FROM person WHERE id = ?1", err))) {
		rc = HE_INTERNAL;
		goto fail;
	}
	sqlite3_bind_int64(s, 1, id);
	if ((rc = store_exec_stmt(st, s, err)) != HE_OK)
		goto fail;
	char ref[32];
	people_ref(id, ref);
	if ((rc = people_audit(st, AUDIT_DELETE, "person", ref, NULL, NULL, NULL,
			       err)) != HE_OK)
		goto fail;
	signup_list_free(&l);
	return store_commit(st, err);
fail:
	signup_list_free(&l);
	store_rollback(st);
	return rc;
}

int people_record(struct store *st, int64_t id, struct person_record *out,
		  struct herr *err)
{
	int64_t account;
	int rc;

	memset(out, 0, sizeof *out);
	person_init(&out->person);
	if ((rc = store_person_get(st, id, &out->person, err)) != HE_OK ||
	    (rc = store_person_account(st, id, &account, err)) != HE_OK ||
	    (rc = store_person_signups(st, id, SCHED_MIN_INSTANT,
				       SCHED_MAX_INSTANT, &out->signups,
				       err)) != HE_OK ||
	    (rc = ledger_read_account(st, account, &out->ledger, err)) != HE_OK)
		return rc;
	out->balance = out->person.balance;
	return HE_OK;
}

void person_record_free(struct person_record *r)
{
	person_free(&r->person);
	signup_list_free(&r->signups);
	ledger_list_free(&r->ledger);
}
