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
 * Only when they are this connection's rows: the thread notes PRAGMA
 * data_version of its connection inside its read, and they are taken
 * only while that has not changed (nothing committed since, by this
 * process or another) and this connection has nothing uncommitted.
 * Otherwise they are dropped and read here as before.
 */
#include "store_int.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct occ_preload {
	pthread_t thread;
	char *path;
	sqlite3 *db;
	struct occ_group *groups; /* zone, period and rows only */
	size_t n_groups;
	int64_t version;          /* data_version inside the read */
	bool ok;
	atomic_bool finished;
};

static void groups_free(struct occ_group *g, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(g[i].rows);
	free(g);
}

/* Every row of occ_cycle, in key order: a group is a run of one zone and
 * period. */
static int read_all(struct occ_preload *p)
{
	sqlite3_stmt *s = NULL;
	size_t cap = 0;
	int rc = sqlite3_prepare_v2(p->db,
		"SELECT zone, period, phase, series_id, first, last, length,"
		" all_day FROM occ_cycle ORDER BY zone, period, phase, series_id",
		-1, &s, NULL);

	while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t zone = sqlite3_column_int64(s, 0);
		int64_t period = sqlite3_column_int64(s, 1);
		struct occ_group *g = p->n_groups ? &p->groups[p->n_groups - 1]
						  : NULL;
		if (!g || g->zone != zone || g->period != period) {
			p->groups = xgrow(p->groups, &cap, p->n_groups + 1,
					  sizeof *p->groups);
			g = &p->groups[p->n_groups++];
			memset(g, 0, sizeof *g);
			g->zone = zone;
			g->period = period;
		}
		g->rows = xgrow(g->rows, &g->cap_rows, g->n_rows + 1,
				sizeof *g->rows);
		g->rows[g->n_rows++] = (struct pattern_row){
			sqlite3_column_int64(s, 2), sqlite3_column_int64(s, 3),
			sqlite3_column_int64(s, 4), sqlite3_column_int64(s, 5),
			sqlite3_column_int64(s, 6), sqlite3_column_int(s, 7) != 0,
		};
		rc = SQLITE_OK;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static void *preload_run(void *arg)
{
	struct occ_preload *p = arg;
	sqlite3_stmt *v = NULL;
	int rc;

	/*
	 * No busy handler: a writer about to commit makes the read fail at
	 * once, and listings read the rows here as before, rather than this
	 * thread waiting on a writer that waits on a reader here.
	 */
	rc = sqlite3_open_v2(p->path, &p->db, SQLITE_OPEN_READONLY |
			     SQLITE_OPEN_NOMUTEX, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(p->db, "BEGIN", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = read_all(p);
	/* Inside the read, after it: the version of what was read. */
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(p->db, "PRAGMA data_version", -1, &v,
					NULL);
	if (rc == SQLITE_OK && sqlite3_step(v) == SQLITE_ROW) {
		p->version = sqlite3_column_int64(v, 0);
		p->ok = true;
	}
	sqlite3_finalize(v);
	if (p->db)
		sqlite3_exec(p->db, "COMMIT", NULL, NULL, NULL);
	atomic_store(&p->finished, true);
	return NULL;
}

bool store_preload_start(struct store *st)
{
	struct occ_preload *p;

	if (st->preload || !st->keep_patterns)
		return false;
	p = xcalloc(1, sizeof *p);
	p->path = xstrdup(st->path);
	atomic_init(&p->finished, false);
	if (pthread_create(&p->thread, NULL, preload_run, p) != 0) {
		free(p->path);
		free(p);
		return false;
	}
	st->preload = p;
	return true;
}

bool occ_preload_pending(const struct store *st)
{
	return st->preload && !atomic_load(&st->preload->finished);
}

void occ_preload_drop(struct store *st)
{
	struct occ_preload *p = st->preload;

	if (!p)
		return;
	pthread_join(p->thread, NULL);
	groups_free(p->groups, p->n_groups);
	sqlite3_close(p->db);
	free(p->path);
	free(p);
	st->preload = NULL;
}

/* Whether nothing was committed since the thread read its rows. */
static bool still_current(struct occ_preload *p)
{
	sqlite3_stmt *v = NULL;
	bool same = false;

	if (p->ok && sqlite3_prepare_v2(p->db, "PRAGMA data_version", -1, &v,
					NULL) == SQLITE_OK &&
	    sqlite3_step(v) == SQLITE_ROW)
		same = sqlite3_column_int64(v, 0) == p->version;
	sqlite3_finalize(v);
	return same;
}

void occ_preload_take(struct store *st, bool wait)
{
	struct occ_preload *p = st->preload;
	size_t j = 0;

	/* This connection's own uncommitted changes: not the thread's rows. */
	if (!p || st->depth > 0 || (!wait && !atomic_load(&p->finished)))
		return;
	pthread_join(p->thread, NULL);
	if (still_current(p) && st->groups_known) {
		/* Both lists in key order: one pass matches them. */
		for (size_t i = 0; i < st->n_groups; i++) {
			struct occ_group *g = &st->groups[i];
			while (j < p->n_groups &&
			       (p->groups[j].zone < g->zone ||
				(p->groups[j].zone == g->zone &&
				 p->groups[j].period < g->period)))
				j++;
			if (g->loaded || j == p->n_groups ||
			    p->groups[j].zone != g->zone ||
			    p->groups[j].period != g->period)
				continue;
			free(g->rows);
			g->rows = p->groups[j].rows;
			g->n_rows = p->groups[j].n_rows;
			g->cap_rows = p->groups[j].cap_rows;
			g->loaded = true;
			p->groups[j].rows = NULL;
		}
	}
	/* Joined already: drop must not join again. */
	groups_free(p->groups, p->n_groups);
	sqlite3_close(p->db);
	free(p->path);
	free(p);
	st->preload = NULL;
}

void occ_preload_wait_a_little(struct store *st)
{
	struct timespec ms = { 0, 1000000L };

	if (occ_preload_pending(st))
		nanosleep(&ms, NULL);
}
