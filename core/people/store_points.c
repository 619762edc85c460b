/*
 * store_points.c - the points ledger (append-only, with its running
 * balance), the catalogue of what points buy, redemptions and the notice
 * board.
 */
#include "../store_int.h"
#include "people_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../audit.h"
#include "../i18n.h"

static const char *const kind_names[] = {
	[LEDGER_EARN] = "earn", [LEDGER_BONUS] = "bonus",
	[LEDGER_REDEEM] = "redeem", [LEDGER_ADJUST] = "adjust",
	[LEDGER_REVERSE] = "reverse",
};

const char *ledger_kind_name(enum ledger_kind k)
{
	return kind_names[k];
}

static enum ledger_kind kind_parse(const char *s)
{
	for (size_t i = 0; i < sizeof kind_names / sizeof *kind_names; i++)
		if (!strcmp(kind_names[i], s))
			return (enum ledger_kind)i;
	return LEDGER_ADJUST;
}

void ledger_list_free(struct ledger_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct ledger_entry *e = &l->v[i];
		free(e->title);
		free(e->role);
		free(e->bonus);
		free(e->reason);
		free(e->by);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

int ledger_account_balance(struct store *st, int64_t account,
			   int64_t *balance, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT balance FROM ledger"
				     " WHERE account = ?1 ORDER BY id DESC"
				     " LIMIT 1", err);
	int rc;

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, account);
	rc = sqlite3_step(s);
	*balance = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_dberr(st, err);
	sqlite3_reset(s);
	return HE_OK;
}

static void bind0(sqlite3_stmt *s, int i, int64_t v)
{
	if (v)
		sqlite3_bind_int64(s, i, v);
	else
		sqlite3_bind_null(s, i);
}

int ledger_append(struct store *st, int64_t account, struct ledger_entry *e,
		  struct herr *err)
{
	sqlite3_stmt *s;
	int64_t balance;
	int rc;

	if ((rc = ledger_account_balance(st, account, &balance, err)) != HE_OK)
		return rc;
	if (balance + e->points < 0)
		return herr_set(err, HE_USER, _("the balance is %lld points: it "
				"cannot go below zero"), (long long)balance);
	if (!(s = store_stmt(st, "INSERT INTO ledger (account, at, kind,"
			     " points, balance, title, occ_start, role, minutes,"
			     " bonus, reason, signup_id, item_id, reverses, by)"
			     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
			     " ?11, ?12, ?13, ?14, ?15)", err)))
		return HE_INTERNAL;
	e->at = (int64_t)time(NULL);
	e->balance = balance + e->points;
	e->by = xstrdup(store_audit_user(st));
	sqlite3_bind_int64(s, 1, account);
	sqlite3_bind_int64(s, 2, e->at);
	bind_text(s, 3, ledger_kind_name(e->kind));
	sqlite3_bind_int64(s, 4, e->points);
	sqlite3_bind_int64(s, 5, e->balance);
	bind_text(s, 6, e->title);
	bind0(s, 7, e->occ_start);
	bind_text(s, 8, e->role);
	bind0(s, 9, e->minutes);
	bind_text(s, 10, e->bonus);
	bind_text(s, 11, e->reason);
	bind0(s, 12, e->signup_id);
	bind0(s, 13, e->item_id);
	bind0(s, 14, e->reverses);
	bind_text(s, 15, e->by);
	if ((rc = store_exec_stmt(st, s, err)) != HE_OK)
		return rc;
	e->id = sqlite3_last_insert_rowid(st->db);
	return HE_OK;
}

#define LEDGER_COLUMNS \
	"id, at, kind, points, balance, title, occ_start, role, minutes," \
	" bonus, reason, reverses, by, signup_id, item_id"

static int read_ledger(struct store *st, sqlite3_stmt *s,
		       struct ledger_list *out, struct herr *err)
{
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct ledger_entry *e;
		out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
		e = &out->v[out->n++];
		memset(e, 0, sizeof *e);
		e->id = sqlite3_column_int64(s, 0);
		e->at = sqlite3_column_int64(s, 1);
		e->kind = kind_parse(col_text(s, 2));
		e->points = sqlite3_column_int64(s, 3);
		e->balance = sqlite3_column_int64(s, 4);
		e->title = col_dup(s, 5);
		e->occ_start = sqlite3_column_int64(s, 6);
		e->role = col_dup(s, 7);
		e->minutes = sqlite3_column_int(s, 8);
		e->bonus = col_dup(s, 9);
		e->reason = col_dup(s, 10);
		e->reverses = sqlite3_column_int64(s, 11);
		e->by = col_dup(s, 12);
		e->signup_id = sqlite3_column_int64(s, 13);
		e->item_id = sqlite3_column_int64(s, 14);
	}
	if (rc != SQLITE_DONE)
		return store_dberr(st, err);
	return HE_OK;
}

int ledger_read_account(struct store *st, int64_t account,
			struct ledger_list *out, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT " LEDGER_COLUMNS " FROM ledger"
				     " WHERE account = ?1 ORDER BY id", err);

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, account);
	return read_ledger(st, s, out, err);
}

int ledger_signup_entries(struct store *st, int64_t signup_id,
			  struct ledger_list *out, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT " LEDGER_COLUMNS
		" FROM ledger e WHERE signup_id = ?1"
		" AND kind IN ('earn', 'bonus') AND NOT EXISTS"
		" (SELECT 1 FROM ledger r WHERE r.reverses = e.id) ORDER BY id",
		err);

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, signup_id);
	return read_ledger(st, s, out, err);
}

int points_balance(struct store *st, int64_t person_id, int64_t *balance,
		   struct herr *err)
{
	int64_t account;
	int rc = store_person_account(st, person_id, &account, err);

	if (rc == HE_OK)
		rc = ledger_account_balance(st, account, balance, err);
	return rc;
}

int points_statement(struct store *st, int64_t person_id,
		     struct ledger_list *out, struct herr *err)
{
	int64_t account;
	int rc = store_person_account(st, person_id, &account, err);

	if (rc == HE_OK)
		rc = ledger_read_account(st, account, out, err);
	return rc;
}

/* Logs a movement of a person's points: the balance before and after. */
static int audit_points(struct store *st, int64_t person_id,
			const struct ledger_entry *e, struct herr *err)
{
	struct changes ch = { 0 };
	char ref[32], a[24], b[24];
	int rc;

	people_ref(person_id, ref);
	snprintf(a, sizeof a, "%lld", (long long)(e->balance - e->points));
	snprintf(b, sizeof b, "%lld", (long long)e->balance);
	changes_add(&ch, "balance", a, b);
	if (e->kind == LEDGER_REDEEM)
		changes_add(&ch, "item", NULL, e->title);
	rc = people_audit(st, e->kind == LEDGER_REDEEM ? "redeem" : "adjust",
			  "points", ref, NULL, NULL, &ch, err);
	changes_free(&ch);
	return rc;
}

/* Keeps a copy of what was recorded for the caller. */
static void give_entry(struct ledger_entry *e, struct ledger_entry *out)
{
	if (!out) {
		free(e->by);
		return;
	}
	*out = *e;
	out->title = xstrdup0(e->title);
	out->role = xstrdup0(e->role);
	out->bonus = xstrdup0(e->bonus);
	out->reason = xstrdup0(e->reason);
}

int points_adjust(struct store *st, int64_t person_id, int64_t points,
		  const char *reason, struct ledger_entry *out,
		  struct herr *err)
{
	struct ledger_entry e = { .kind = LEDGER_ADJUST, .points = points };
	struct person p;
	int64_t account;
	int rc;

	if (str_empty(reason))
		return herr_set(err, HE_USER, _("an adjustment needs a reason "
				"(--reason)"));
	if (points == 0 || points > 1000000 || points < -1000000)
		return herr_set(err, HE_USER, _("an adjustment must be a number of "
				"points from -1000000 to 1000000, not 0"));
	if ((rc = store_begin(st, err)) != HE_OK)
		return rc;
	e.reason = (char *)reason;
	if ((rc = store_person_get(st, person_id, &p, err)) != HE_OK)
		goto fail;
	if ((rc = store_person_account(st, person_id, &account, err)) ||
	    (rc = ledger_append(st, account, &e, err)) ||
	    (rc = audit_points(st, person_id, &e, err))) {
		if (rc == HE_USER)
			herr_prefix(err, "%s", p.name);
		person_free(&p);
		goto fail;
	}
	person_free(&p);
	give_entry(&e, out);
	return store_commit(st, err);
fail:
	store_rollback(st);
	return rc;
}

/* ---- the catalogue ---- */

void catalogue_item_free(struct catalogue_item *i)
{
	free(i->name);
	free(i->note);
	memset(i, 0, sizeof *i);
}

void catalogue_free(struct catalogue *c)
{
	for (size_t i = 0; i < c->n; i++)
		catalogue_item_free(&c->v[i]);
	free(c->v);
	memset(c, 0, sizeof *c);
}

static int check_item(const struct catalogue_item *it, struct herr *err)
{
	if (str_empty(it->name) || it->name[strspn(it->name, " ")] == '\0')
		return herr_set(err, HE_USER, _("the item's name is empty"));
	if (strlen(it->name) > PERSON_NAME_MAX || strpbrk(it->name, "\t\r\n"))
		return herr_set(err, HE_USER, _("the item's name is too long or "
				"holds a line break"));
	if (it->cost <= 0 || it->cost > 1000000)
		return herr_set(err, HE_USER, _("the cost must be from 1 to "
				"1000000 points, not %lld"), (long long)it->cost);
	if (it->stock < -1 || it->stock > 1000000)
		return herr_set(err, HE_USER, _("the stock must be from 0 to "
				"1000000, not %lld"), (long long)it->stock);
	return HE_OK;
}

static void bind_item(sqlite3_stmt *s, const struct catalogue_item *it)
{
	bind_text(s, 1, it->name);
	bind_text(s, 2, it->note);
	sqlite3_bind_int64(s, 3, it->cost);
	if (it->stock >= 0)
		sqlite3_bind_int64(s, 4, it->stock);
	else
		sqlite3_bind_null(s, 4);
	sqlite3_bind_int(s, 5, it->active);
}

/* Logs an item as it is now (its name, cost, stock and whether offered). */
static int audit_item(struct store *st, bool added,
		      const struct catalogue_item *it, struct herr *err)
{
	struct changes ch = { 0 };
	char ref[32], cost[24], stock[24] = "";
	int rc;

	snprintf(ref, sizeof ref, "item %lld", (long long)it->id);
	snprintf(cost, sizeof cost, "%lld", (long long)it->cost);
	if (it->stock >= 0)
		snprintf(stock, sizeof stock, "%lld", (long long)it->stock);
	changes_add(&ch, "name", NULL, it->name);
	changes_add(&ch, "cost", NULL, cost);
	changes_add(&ch, "stock", NULL, stock);
	changes_add(&ch, "offered", NULL, it->active ? "yes" : "no");
	rc = people_audit(st, added ? AUDIT_ADD : AUDIT_EDIT, "catalogue", ref,
			  it->name, NULL, &ch, err);
	changes_free(&ch);
	return rc;
}

static int item_write(struct store *st, const char *sql,
		      struct catalogue_item *it, struct herr *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = check_item(it, err)) != HE_OK ||
	    (rc = store_begin(st, err)) != HE_OK)
		return rc;
	if (!(s = store_stmt(st, sql, err))) {
		rc = HE_INTERNAL;
		goto fail;
	}
	bind_item(s, it);
	if (it->id)
		sqlite3_bind_int64(s, 6, it->id);
	if ((rc = store_exec_stmt(st, s, err)) != HE_OK) {
		if (rc == HE_USER)
			herr_set(err, HE_USER, _("the catalogue already has an "
				 "item called '%s'"), it->name);
		goto fail;
	}
	bool added = !it->id;
	if (added)
		it->id = sqlite3_last_insert_rowid(st->db);
	else if (sqlite3_changes(st->db) == 0) {
		rc = herr_set(err, HE_USER, _("the catalogue has no item %lld"),
			      (long long)it->id);
		goto fail;
	}
	if ((rc = audit_item(st, added, it, err)) != HE_OK)
		goto fail;
	return store_commit(st, err);
fail:
	store_rollback(st);
	return rc;
}

int store_catalogue_add(struct store *st, struct catalogue_item *item,
			struct herr *err)
{
	int64_t old = item->id;
	int rc;

	item->id = 0;
	item->active = true;
	rc = item_write(st, "INSERT INTO catalogue (name, note, cost, stock,"
			" active) VALUES (?1, ?2, ?3, ?4, ?5)", item, err);
	if (rc != HE_OK)
		item->id = old;
	return rc;
}

int store_catalogue_update(struct store *st, const struct catalogue_item *item,
			   struct herr *err)
{
	struct catalogue_item copy = *item;

	return item_write(st, "UPDATE catalogue SET name = ?1, note = ?2,"
			  " cost = ?3, stock = ?4, active = ?5 WHERE id = ?6",
			  &copy, err);
}

#define ITEM_COLUMNS "id, name, note, cost, coalesce(stock, -1), active"

static void read_item(sqlite3_stmt *s, struct catalogue_item *it)
{
	it->id = sqlite3_column_int64(s, 0);
	it->name = col_dup(s, 1);
	it->note = col_dup(s, 2);
	it->cost = sqlite3_column_int64(s, 3);
	it->stock = sqlite3_column_int64(s, 4);
	it->active = sqlite3_column_int(s, 5) != 0;
}

int store_catalogue_list(struct store *st, bool all, struct catalogue *out,
			 struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT " ITEM_COLUMNS " FROM catalogue"
				     " WHERE ?1 OR active ORDER BY cost, name",
				     err);
	int rc;

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int(s, 1, all);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
		read_item(s, &out->v[out->n++]);
	}
	if (rc != SQLITE_DONE)
		return store_dberr(st, err);
	return HE_OK;
}

int store_catalogue_find(struct store *st, const char *text,
			 struct catalogue_item *out, struct herr *err)
{
	static const char *const sql[] = {
		"SELECT " ITEM_COLUMNS " FROM catalogue WHERE CAST(id AS TEXT) = ?1"
		" OR name = ?1 ORDER BY name = ?1 DESC LIMIT 2",
		"SELECT " ITEM_COLUMNS " FROM catalogue WHERE instr(name, ?1) > 0"
		" ORDER BY active DESC, id LIMIT 2",
	};

	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < 2; i++) {
		sqlite3_stmt *s = store_stmt(st, sql[i], err);
		int rc, n = 0;
		if (!s)
			return HE_INTERNAL;
		bind_text(s, 1, text);
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			if (n++ == 0)
				read_item(s, out);
			if (i == 0)
				break; /* an exact name or ID is enough */
		}
		if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			catalogue_item_free(out);
			return store_dberr(st, err);
		}
		sqlite3_reset(s);
		if (n == 1 || (i == 0 && n > 0))
			return HE_OK;
		catalogue_item_free(out);
		if (n > 1)
			return herr_set(err, HE_USER, _("several items of the "
					"catalogue match '%s': give the item's ID"),
					text);
	}
	return herr_set(err, HE_USER, _("the catalogue has no item '%s' (see "
			"'hearth catalogue')"), text);
}

static int take_stock(struct store *st, const struct catalogue_item *it,
		      struct herr *err)
{
	sqlite3_stmt *s;

	if (it->stock < 0)
		return HE_OK;
	if (!(s = store_stmt(st, "UPDATE catalogue SET stock = stock - 1"
			     " WHERE id = ?1 AND stock > 0", err)))
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, it->id);
	return store_exec_stmt(st, s, err);
}

/* Reads the item again under the write lock: its stock may have moved. */
static int item_now(struct store *st, int64_t id, struct catalogue_item *it,
		    struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT " ITEM_COLUMNS " FROM catalogue"
				     " WHERE id = ?1", err);
	int rc;

	memset(it, 0, sizeof *it);
	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_DONE)
		return herr_set(err, HE_USER, _("the catalogue has no item %lld"),
				(long long)id);
	if (rc != SQLITE_ROW)
		return store_dberr(st, err);
	read_item(s, it);
	sqlite3_reset(s);
	return HE_OK;
}

static int redeem_in(struct store *st, const struct person *p,
		     const struct catalogue_item *it, struct ledger_entry *e,
		     struct herr *err)
{
	int64_t account, balance;
	int rc;

	if (!it->active)
		return herr_set(err, HE_USER, _("'%s' is no longer offered"),
				it->name);
	if (it->stock == 0)
		return herr_set(err, HE_USER, _("'%s' is out of stock"),
				it->name);
	if ((rc = store_person_account(st, p->id, &account, err)) ||
	    (rc = ledger_account_balance(st, account, &balance, err)))
		return rc;
	if (balance < it->cost)
		return herr_set(err, HE_USER, _("%s has %lld points; '%s' costs "
				"%lld: not enough"), p->name, (long long)balance,
				it->name, (long long)it->cost);
	e->kind = LEDGER_REDEEM;
	e->points = -it->cost;
	e->title = it->name;
	e->item_id = it->id;
	if ((rc = ledger_append(st, account, e, err)) != HE_OK ||
	    (rc = audit_points(st, p->id, e, err)) != HE_OK)
		return rc;
	return take_stock(st, it, err);
}

int points_redeem(struct store *st, int64_t person_id, int64_t item_id,
		  struct ledger_entry *out, struct herr *err)
{
	struct ledger_entry e = { 0 };
	struct catalogue_item it = { 0 };
	struct person p;
	int rc;

	person_init(&p);
	if ((rc = store_begin(st, err)) != HE_OK)
		return rc;
	if ((rc = store_person_get(st, person_id, &p, err)) == HE_OK &&
	    (rc = item_now(st, item_id, &it, err)) == HE_OK &&
	    (rc = redeem_in(st, &p, &it, &e, err)) == HE_OK) {
		give_entry(&e, out);
		person_free(&p);
		catalogue_item_free(&it);
		return store_commit(st, err);
	}
	free(e.by);
	person_free(&p);
	catalogue_item_free(&it);
	store_rollback(st);
	return rc;
}

/* ---- the notice board ---- */

void points_ranks_free(struct points_ranks *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].name);
		strv_free(&l->v[i].groups);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

int points_top(struct store *st, int64_t since, size_t limit,
	       struct points_ranks *out, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT p.id, p.name,"
		" sum(l.points), coalesce((SELECT balance FROM ledger b"
		"  WHERE b.account = p.account ORDER BY b.id DESC LIMIT 1), 0),"
		" coalesce(sum(CASE WHEN l.bonus IS NULL THEN l.minutes END), 0),"
		" count(CASE l.kind WHEN 'earn' THEN 1 END)"
		"  - count(CASE WHEN l.kind = 'reverse' AND l.bonus IS NULL"
		"  THEN 1 END)"
		" FROM person p JOIN ledger l ON l.account = p.account"
		" WHERE l.kind IN ('earn', 'bonus', 'reverse')"
		" AND coalesce(l.occ_start, l.at) >= ?1"
		" GROUP BY p.id HAVING sum(l.points) > 0"
		" ORDER BY sum(l.points) DESC, p.name, p.id", err);
	int rc;

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, since);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct points_rank *r;
		if (limit && out->n >= limit)
			continue;
		out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
		r = &out->v[out->n++];
		memset(r, 0, sizeof *r);
		r->person_id = sqlite3_column_int64(s, 0);
		r->name = col_dup(s, 1);
		r->earned = sqlite3_column_int64(s, 2);
		r->balance = sqlite3_column_int64(s, 3);
		r->minutes = sqlite3_column_int(s, 4);
		r->shifts = sqlite3_column_int(s, 5);
	}
	if (rc != SQLITE_DONE)
		return store_dberr(st, err);
	for (size_t i = 0; i < out->n; i++) {
		struct person p;
		if ((rc = store_person_get(st, out->v[i].person_id, &p, err)))
			return rc;
		out->v[i].groups = p.groups;
		memset(&p.groups, 0, sizeof p.groups);
		person_free(&p);
	}
	return HE_OK;
}

int points_by_occurrence(struct store *st, int64_t from, int64_t to,
			 shift_total_fn fn, void *ctx, struct herr *err)
{
	/* The ledger outlives sign-ups: an entry whose sign-up is gone has no
	 * occurrence left to count under. Bonus rows carry no minutes. */
	sqlite3_stmt *s = store_stmt(st,
		"SELECT g.series_id, g.rid, min(l.occ_start),"
		" coalesce(sum(l.minutes), 0), sum(l.points)"
		" FROM ledger l JOIN signup g ON g.id = l.signup_id"
		" WHERE l.kind IN ('earn', 'bonus', 'reverse')"
		" AND l.occ_start >= ?1 AND l.occ_start < ?2"
		" GROUP BY g.series_id, g.rid", err);
	int rc;

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, from);
	sqlite3_bind_int64(s, 2, to);
	while (store_next(st, s, &rc, err))
		fn(ctx, sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1),
		   sqlite3_column_int64(s, 2), sqlite3_column_int64(s, 3),
		   sqlite3_column_int64(s, 4));
	return rc;
}
