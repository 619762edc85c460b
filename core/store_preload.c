/*
 * store_preload.c - the index's patterns read on the machine's other core.
 *
 * The full-screen interface keeps the patterns in memory (store_keep_
 * patterns). Reading them is SQLite handing over every row of occ_cycle:
 * at 100,000 series 89k rows, ~2,000 instructions each, 25 ms - which a
 * month view's first load paid when keys came back to back after a start
 * (57% of its 310M instructions, callgrind), with no idle time between
 * them for the read-ahead. store_preload_start reads them at once on a
 * connection and a thread of their own, while the first screen is drawn
 * and the first keys are answered; listings take them over.
 *
 * Only when they are this connection's rows: each thread notes PRAGMA
 * data_version of its connection inside its read, and they are taken
 * only while neither has changed (nothing committed since either read,
 * by this process or another: both read the same state) and this
 * connection has nothing uncommitted. Otherwise they are dropped and
 * read here as before.
 */
#include "store_int.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Readers, each taking a share of every group's phases: SQLite's per-row
 * cost halves on the machine's two cores. */
#define PRELOAD_THREADS 2

/* One thread's share: its own connection, every group's rows with phase
 * in its part of the period. */
struct share {
	pthread_t thread;
	bool started;
	const struct occ_preload *p;
	int part;                 /* 0 .. PRELOAD_THREADS - 1 */
	sqlite3 *db;
	struct occ_group *groups; /* as p->keys, rows of this share only */
	int64_t version;          /* data_version inside the read */
	bool ok;
	atomic_bool finished;
};

struct occ_preload {
	char *path;
	struct occ_group *keys;   /* zone and period of each group */
	size_t n_groups;
	struct share share[PRELOAD_THREADS];
};

static void groups_free(struct occ_group *g, size_t n)
{
	for (size_t i = 0; g && i < n; i++)
		free(g[i].rows);
	free(g);
}

/* The share's rows of every group, each group's in phase order. */
static int read_share(struct share *sh)
{
	const struct occ_preload *p = sh->p;
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(sh->db,
		"SELECT phase, series_id, first, last, length, all_day"
		" FROM occ_cycle WHERE zone = ?1 AND period = ?2"
		" AND phase >= ?3 AND phase < ?4 ORDER BY phase, series_id",
		-1, &s, NULL);

	for (size_t i = 0; rc == SQLITE_OK && i < p->n_groups; i++) {
		struct occ_group *g = &sh->groups[i];
		int64_t period = p->keys[i].period;
		sqlite3_bind_int64(s, 1, p->keys[i].zone);
		sqlite3_bind_int64(s, 2, period);
		/* The first and last shares open-ended: every row is read. */
		sqlite3_bind_int64(s, 3, sh->part == 0 ? INT64_MIN
				   : period / PRELOAD_THREADS * sh->part);
		sqlite3_bind_int64(s, 4, sh->part + 1 == PRELOAD_THREADS ? INT64_MAX
				   : period / PRELOAD_THREADS * (sh->part + 1));
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			g->rows = xgrow(g->rows, &g->cap_rows, g->n_rows + 1,
					sizeof *g->rows);
			g->rows[g->n_rows++] = (struct pattern_row){
				sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1),
				sqlite3_column_int64(s, 2), sqlite3_column_int64(s, 3),
				sqlite3_column_int64(s, 4),
				sqlite3_column_int(s, 5) != 0,
			};
		}
		rc = rc == SQLITE_DONE ? sqlite3_reset(s) : rc;
	}
	sqlite3_finalize(s);
	return rc;
}

static void *preload_run(void *arg)
{
	struct share *sh = arg;
	sqlite3_stmt *v = NULL;
	int rc;

	/*
	 * No busy handler: a writer about to commit makes the read fail at
	 * once, and listings read the rows here as before, rather than this
	 * thread waiting on a writer that waits on a reader here.
	 */
	rc = sqlite3_open_v2(sh->p->path, &sh->db, SQLITE_OPEN_READONLY |
			     SQLITE_OPEN_NOMUTEX, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(sh->db, "BEGIN", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = read_share(sh);
	/* Inside the read, after it: the version of what was read. */
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(sh->db, "PRAGMA data_version", -1, &v,
					NULL);
	if (rc == SQLITE_OK && sqlite3_step(v) == SQLITE_ROW) {
		sh->version = sqlite3_column_int64(v, 0);
		sh->ok = true;
	}
	sqlite3_finalize(v);
	if (sh->db)
		sqlite3_exec(sh->db, "COMMIT", NULL, NULL, NULL);
	atomic_store(&sh->finished, true);
	return NULL;
}

/* Waits for the threads and frees everything. */
static void preload_free(struct store *st)
{
	struct occ_preload *p = st->preload;

	for (int t = 0; t < PRELOAD_THREADS; t++) {
		struct share *sh = &p->share[t];
		if (sh->started)
			pthread_join(sh->thread, NULL);
		groups_free(sh->groups, p->n_groups);
		sqlite3_close(sh->db);
	}
	free(p->keys);
	free(p->path);
	free(p);
	st->preload = NULL;
}

bool store_preload_start(struct store *st)
{
	struct occ_preload *p;
	struct herr err = { 0 };
	bool any = false;

	if (st->preload || !st->keep_patterns || st->depth > 0 ||
	    store_read_begin(st, &err) != HE_OK)
		return false;
	/* The groups as this connection sees them: a group made since is
	 * read here when it is needed; the rows of these are the threads'. */
	if (occ_groups_load(st, &err) != HE_OK) {
		store_read_end(st);
		return false;
	}
	store_read_end(st);
	p = xcalloc(1, sizeof *p);
	p->path = xstrdup(st->path);
	p->n_groups = st->n_groups;
	p->keys = xcalloc(st->n_groups + 1, sizeof *p->keys);
	for (size_t i = 0; i < st->n_groups; i++) {
		p->keys[i].zone = st->groups[i].zone;
		p->keys[i].period = st->groups[i].period;
	}
	st->preload = p;
	for (int t = 0; t < PRELOAD_THREADS; t++) {
		struct share *sh = &p->share[t];
		sh->p = p;
		sh->part = t;
		sh->groups = xcalloc(p->n_groups + 1, sizeof *sh->groups);
		atomic_init(&sh->finished, false);
		sh->started = pthread_create(&sh->thread, NULL, preload_run,
					     sh) == 0;
		if (!sh->started)
			atomic_store(&sh->finished, true);
		any |= sh->started;
	}
	if (!any)
		preload_free(st);
	return any;
}

bool occ_preload_pending(const struct store *st)
{
	for (int t = 0; st->preload && t < PRELOAD_THREADS; t++)
		if (!atomic_load(&st->preload->share[t].finished))
			return true;
	return false;
}

void occ_preload_drop(struct store *st)
{
	if (st->preload)
		preload_free(st);
}

/* Whether nothing was committed since a thread read its rows. */
static bool still_current(struct share *sh)
{
	sqlite3_stmt *v = NULL;
	bool same = false;

	if (sh->ok && sqlite3_prepare_v2(sh->db, "PRAGMA data_version", -1,
					 &v, NULL) == SQLITE_OK &&
	    sqlite3_step(v) == SQLITE_ROW)
		same = sqlite3_column_int64(v, 0) == sh->version;
	sqlite3_finalize(v);
	return same;
}

/* Group g's rows: the shares' in turn, each in phase order. */
static void take_group(struct occ_preload *p, size_t j, struct occ_group *g)
{
	size_t n = 0;

	for (int t = 0; t < PRELOAD_THREADS; t++)
		n += p->share[t].groups[j].n_rows;
	free(g->rows);
	g->rows = xcalloc(n + 1, sizeof *g->rows);
	g->n_rows = 0;
	g->cap_rows = n + 1;
	for (int t = 0; t < PRELOAD_THREADS; t++) {
		const struct occ_group *part = &p->share[t].groups[j];
		if (part->n_rows)
			memcpy(g->rows + g->n_rows, part->rows,
			       part->n_rows * sizeof *g->rows);
		g->n_rows += part->n_rows;
	}
	g->loaded = true;
}

void occ_preload_take(struct store *st, bool wait)
{
	struct occ_preload *p = st->preload;
	bool current = true;
	size_t j = 0;

	/* This connection's own uncommitted changes: not the threads' rows. */
	if (!p || st->depth > 0 || (!wait && occ_preload_pending(st)))
		return;
	for (int t = 0; t < PRELOAD_THREADS; t++) {
		struct share *sh = &p->share[t];
		if (sh->started)
			pthread_join(sh->thread, NULL);
		sh->started = false;
		current = current && still_current(sh);
	}
	/* Both lists in key order: one pass matches them. */
	for (size_t i = 0; current && st->groups_known && i < st->n_groups; i++) {
		struct occ_group *g = &st->groups[i];
		while (j < p->n_groups &&
		       (p->keys[j].zone < g->zone ||
			(p->keys[j].zone == g->zone &&
			 p->keys[j].period < g->period)))
			j++;
		if (!g->loaded && j < p->n_groups && p->keys[j].zone == g->zone &&
		    p->keys[j].period == g->period)
			take_group(p, j, g);
	}
	preload_free(st);
}

void occ_preload_wait_a_little(struct store *st)
{
	struct timespec ms = { 0, 1000000L };

	if (occ_preload_pending(st))
		nanosleep(&ms, NULL);
}
