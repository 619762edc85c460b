/* store_tally.c - tallies in the database. */
#include "../store_int.h"

#include <stdlib.h>
#include <string.h>

#include "../audit.h"
#include "../i18n.h"
#include "tally.h"

/* The stored value of one category at one occurrence, -1 when none. */
static int stored_value(struct store *st, int64_t series_id, int64_t rid,
			const char *category, int64_t *value, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT value FROM tally WHERE"
				     " series_id = ?1 AND rid = ?2 AND category = ?3",
				     err);

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, series_id);
	sqlite3_bind_int64(s, 2, rid);
	bind_text(s, 3, category);
	*value = -1;
	return store_int64(st, s, value, NULL, err);
}

static int put_value(struct store *st, int64_t series_id, int64_t rid,
		     int64_t start, const struct tally_input *in, int64_t now,
		     struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st,
		"INSERT INTO tally (series_id, rid, category, value, start_utc,"
		" entered, entered_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
		" ON CONFLICT (series_id, rid, category) DO UPDATE SET"
		" value = excluded.value, start_utc = excluded.start_utc,"
		" entered = excluded.entered, entered_by = excluded.entered_by",
		err);

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, series_id);
	sqlite3_bind_int64(s, 2, rid);
	bind_text(s, 3, in->category);
	sqlite3_bind_int64(s, 4, in->value);
	sqlite3_bind_int64(s, 5, start);
	sqlite3_bind_int64(s, 6, now);
	bind_text(s, 7, store_audit_user(st));
	return store_exec_stmt(st, s, err);
}

/*
 * Every tally of an occurrence carries the same start: when it was moved
 * since the first count, the earlier counts move with it.
 */
static int restart(struct store *st, int64_t series_id, int64_t rid,
		   int64_t start, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "UPDATE tally SET start_utc = ?3"
				     " WHERE series_id = ?1 AND rid = ?2"
				     " AND start_utc <> ?3", err);

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, series_id);
	sqlite3_bind_int64(s, 2, rid);
	sqlite3_bind_int64(s, 3, start);
	return store_exec_stmt(st, s, err);
}

/* Refuses a value that is out of range or that someone changed meanwhile. */
static int check_input(struct store *st, const struct config *cfg,
		       const struct series *se, int64_t rid,
		       const struct tally_input *in, struct herr *err)
{
	int64_t now_stored;
	int rc;

	if ((rc = tally_check_category(cfg, se->kind, in->category, err)))
		return rc;
	if (in->value < 0)
		return herr_set(err, HE_USER, _("%s: a count is never negative"),
				in->category);
	if (in->value > TALLY_MAX)
		return herr_set(err, HE_USER, _("%s: a count above %lld is surely "
				"a typing mistake"), in->category, TALLY_MAX);
	if (!in->check)
		return HE_OK;
	if ((rc = stored_value(st, se->id, rid, in->category, &now_stored, err)))
		return rc;
	if (now_stored != in->expected)
		return herr_set(err, HE_USER, now_stored < 0
				? _("%s: someone else removed the count meanwhile; "
				    "nothing was saved, look again")
				: _("%s: someone else recorded %lld meanwhile; "
				    "nothing was saved, look again"),
				config_category_label(cfg, in->category),
				(long long)now_stored);
	return HE_OK;
}

/* The stored values of the n categories of in, -1 for none. */
static int stored_values(struct store *st, int64_t series_id, int64_t rid,
			 const struct tally_input *in, size_t n, int64_t *out,
			 struct herr *err)
{
	int rc = HE_OK;

	for (size_t i = 0; rc == HE_OK && i < n; i++)
		rc = stored_value(st, series_id, rid, in[i].category, &out[i], err);
	return rc;
}

/*
 * One entry of the audit log for the counts recorded at an occurrence:
 * each category with its value before (empty: none) and after, so that
 * the log keeps every count a later entry replaced.
 */
static int log_counts(struct store *st, const struct series *se,
		      const struct civil *rid, const struct tally_input *in,
		      size_t n, const int64_t *before, struct herr *err)
{
	struct changes ch = { 0 };
	char *part = series_rid_text(se, rid);
	bool any_before = false;
	int rc;

	for (size_t i = 0; i < n; i++) {
		any_before |= before[i] >= 0;
		changes_take(&ch, in[i].category,
			     before[i] >= 0 ? xasprintf("%lld", (long long)before[i])
					    : NULL,
			     xasprintf("%lld", (long long)in[i].value));
	}
	rc = store_audit(st, &(struct audit_change){
		.action = any_before ? AUDIT_EDIT : AUDIT_ADD,
		.entity = TALLY_ENTITY, .ref = se->uid, .label = se->title,
		.part = part, .fields = &ch }, err);
	changes_free(&ch);
	free(part);
	return rc;
}

int tally_record(struct store *st, const struct config *cfg,
		 int64_t series_id, const struct civil *rid,
		 const struct tally_input *in, size_t n, int64_t now,
		 struct herr *err)
{
	struct series se;
	int64_t start, rid_secs = civil_to_seconds(rid);
	int64_t *before;
	int rc;

	if (n == 0)
		return herr_set(err, HE_USER, _("nothing to record"));
	if ((rc = store_begin(st, err)) != HE_OK)
		return rc;
	if ((rc = store_series_load(st, series_id, &se, err)) != HE_OK) {
		store_rollback(st);
		return rc;
	}
	before = xcalloc(n, sizeof *before);
	rc = tally_check_occurrence(&se, rid, now, &start, err);
	for (size_t i = 0; rc == HE_OK && i < n; i++)
		rc = check_input(st, cfg, &se, rid_secs, &in[i], err);
	if (rc == HE_OK)
		rc = stored_values(st, series_id, rid_secs, in, n, before, err);
	if (rc == HE_OK)
		rc = restart(st, series_id, rid_secs, start, err);
	for (size_t i = 0; rc == HE_OK && i < n; i++)
		rc = put_value(st, series_id, rid_secs, start, &in[i], now, err);
	if (rc == HE_OK)
		rc = log_counts(st, &se, rid, in, n, before, err);
	free(before);
	series_free(&se);
	if (rc != HE_OK) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st, err);
}

static void read_tally(sqlite3_stmt *s, int c, struct tally_list *out)
{
	struct tally *t;

	out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
	t = &out->v[out->n++];
	t->category = col_dup(s, c);
	t->value = sqlite3_column_int64(s, c + 1);
	t->entered = sqlite3_column_int64(s, c + 2);
	t->by = col_dup(s, c + 3);
}

int tally_get(struct store *st, int64_t series_id, const struct civil *rid,
	      struct tally_list *out, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT category, value, entered, entered_by FROM tally"
		" WHERE series_id = ?1 AND rid = ?2 ORDER BY category", err);
	int rc;

	tally_list_free(out);
	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, series_id);
	sqlite3_bind_int64(s, 2, civil_to_seconds(rid));
	while (store_next(st, s, &rc, err))
		read_tally(s, 0, out);
	return rc;
}

int tally_of_series(struct store *st, int64_t series_id, int64_t from,
		    int64_t to, struct tally_occs *out, struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT rid, start_utc, category, value, entered, entered_by"
		" FROM tally WHERE series_id = ?1 AND start_utc >= ?2"
		" AND (?3 = 0 OR start_utc < ?3)"
		" ORDER BY start_utc, rid, category", err);
	int rc;

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 1, series_id);
	sqlite3_bind_int64(s, 2, from);
	sqlite3_bind_int64(s, 3, to);
	while (store_next(st, s, &rc, err)) {
		struct civil rid = civil_from_seconds(sqlite3_column_int64(s, 0));
		struct tally_occ *o = out->n ? &out->v[out->n - 1] : NULL;
		if (!o || civil_cmp(&o->rid, &rid) != 0) {
			out->v = xgrow(out->v, &out->cap, out->n + 1,
				       sizeof *out->v);
			o = &out->v[out->n++];
			memset(o, 0, sizeof *o);
			o->rid = rid;
			o->start = sqlite3_column_int64(s, 1);
		}
		read_tally(s, 2, &o->t);
	}
	return rc;
}
