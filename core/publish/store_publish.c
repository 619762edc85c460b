/*
 * store_publish.c - noticing which feeds a change touched.
 *
 * Temporary triggers on the connection record, for each row of a series,
 * its organisations, segments and their partners, changed occurrences,
 * venues and
 * organisations that a change inserts, updates or deletes, the names of
 * the feeds it appears in, before and after. They live in the temp
 * database of this connection only: nothing is written to the file, other
 * processes are not affected, and a rolled-back change leaves no record.
 * Every write path is seen, whatever its code, and the old kind or venue
 * of a series moved elsewhere is known without reading it first.
 */
#include <string.h>

#include "../store_int.h"
#include "publish_int.h"

/* "*every": every feed; "*index": the page. */
static const char watch_sql[] =
	"CREATE TEMP TABLE IF NOT EXISTS publish_dirty ("
	"  name TEXT PRIMARY KEY) WITHOUT ROWID;"
	"CREATE TEMP TRIGGER IF NOT EXISTS publish_series_ins"
	" AFTER INSERT ON main.series BEGIN"
	"  INSERT OR IGNORE INTO publish_dirty VALUES ('all'),"
	"   ('kind-' || NEW.kind);"
	"  INSERT OR IGNORE INTO publish_dirty"
	"   SELECT 'venue-' || NEW.venue_id WHERE NEW.venue_id IS NOT NULL;"
	" END;"
	"CREATE TEMP TRIGGER IF NOT EXISTS publish_series_upd"
	" AFTER UPDATE ON main.series BEGIN"
	"  INSERT OR IGNORE INTO publish_dirty VALUES ('all'),"
	"   ('kind-' || OLD.kind), ('kind-' || NEW.kind);"
	"  INSERT OR IGNORE INTO publish_dirty"
	"   SELECT 'venue-' || OLD.venue_id WHERE OLD.venue_id IS NOT NULL"
	"   UNION SELECT 'venue-' || NEW.venue_id WHERE NEW.venue_id IS NOT NULL;"
	" END;"
	"CREATE TEMP TRIGGER IF NOT EXISTS publish_series_del"
	" AFTER DELETE ON main.series BEGIN"
	"  INSERT OR IGNORE INTO publish_dirty VALUES ('all'),"
	"   ('kind-' || OLD.kind);"
	"  INSERT OR IGNORE INTO publish_dirty"
	"   SELECT 'venue-' || OLD.venue_id WHERE OLD.venue_id IS NOT NULL;"
	" END;"
	"CREATE TEMP TRIGGER IF NOT EXISTS publish_org_ins"
	" AFTER INSERT ON main.series_org BEGIN"
	"  INSERT OR IGNORE INTO publish_dirty VALUES ('org-' || NEW.org_id);"
	" END;"
	"CREATE TEMP TRIGGER IF NOT EXISTS publish_org_del"
	" AFTER DELETE ON main.series_org BEGIN"
	"  INSERT OR IGNORE INTO publish_dirty VALUES ('org-' || OLD.org_id);"
	" END;"
	"CREATE TEMP TRIGGER IF NOT EXISTS publish_partner_ins"
	" AFTER INSERT ON main.segment_partner BEGIN"
	"  INSERT OR IGNORE INTO publish_dirty VALUES ('org-' || NEW.org_id);"
	" END;"
	"CREATE TEMP TRIGGER IF NOT EXISTS publish_partner_del"
	" AFTER DELETE ON main.segment_partner BEGIN"
	"  INSERT OR IGNORE INTO publish_dirty VALUES ('org-' || OLD.org_id);"
	" END;"
	"CREATE TEMP TRIGGER IF NOT EXISTS publish_segment_ins"
	" AFTER INSERT ON main.segment WHEN NEW.venue_id IS NOT NULL BEGIN"
	"  INSERT OR IGNORE INTO publish_dirty VALUES ('venue-' || NEW.venue_id);"
	" END;"
	"CREATE TEMP TRIGGER IF NOT EXISTS publish_segment_del"
	" AFTER DELETE ON main.segment WHEN OLD.venue_id IS NOT NULL BEGIN"
	"  INSERT OR IGNORE INTO publish_dirty VALUES ('venue-' || OLD.venue_id);"
	" END;"
	"CREATE TEMP TRIGGER IF NOT EXISTS publish_override_ins"
	" AFTER INSERT ON main.override WHEN NEW.venue_id IS NOT NULL BEGIN"
	"  INSERT OR IGNORE INTO publish_dirty VALUES ('venue-' || NEW.venue_id);"
	" END;"
	"CREATE TEMP TRIGGER IF NOT EXISTS publish_override_del"
	" AFTER DELETE ON main.override WHEN OLD.venue_id IS NOT NULL BEGIN"
	"  INSERT OR IGNORE INTO publish_dirty VALUES ('venue-' || OLD.venue_id);"
	" END;"
	"CREATE TEMP TRIGGER IF NOT EXISTS publish_venue_ins"
	" AFTER INSERT ON main.venue BEGIN"
	"  INSERT OR IGNORE INTO publish_dirty VALUES ('*index'),"
	"   ('venue-' || NEW.id);"
	" END;"
	"CREATE TEMP TRIGGER IF NOT EXISTS publish_venue_upd"
	" AFTER UPDATE ON main.venue BEGIN"
	"  INSERT OR IGNORE INTO publish_dirty VALUES ('*index'), ('*every');"
	" END;"
	"CREATE TEMP TRIGGER IF NOT EXISTS publish_venue_del"
	" AFTER DELETE ON main.venue BEGIN"
	"  INSERT OR IGNORE INTO publish_dirty VALUES ('*index');"
	" END;"
	"CREATE TEMP TRIGGER IF NOT EXISTS publish_orgrow_ins"
	" AFTER INSERT ON main.org BEGIN"
	"  INSERT OR IGNORE INTO publish_dirty VALUES ('*index'),"
	"   ('org-' || NEW.id);"
	" END;"
	"CREATE TEMP TRIGGER IF NOT EXISTS publish_orgrow_upd"
	" AFTER UPDATE ON main.org BEGIN"
	"  INSERT OR IGNORE INTO publish_dirty VALUES ('*index'), ('*every');"
	" END;"
	"CREATE TEMP TRIGGER IF NOT EXISTS publish_orgrow_del"
	" AFTER DELETE ON main.org BEGIN"
	"  INSERT OR IGNORE INTO publish_dirty VALUES ('*index');"
	" END;";

int store_publish_watch(struct store *st, struct herr *err)
{
	char *msg = NULL;

	if (sqlite3_exec(st->db, watch_sql, NULL, NULL, &msg) != SQLITE_OK) {
		herr_set(err, HE_INTERNAL, "%s", msg ? msg : "sqlite3_exec");
		sqlite3_free(msg);
		return HE_INTERNAL;
	}
	return HE_OK;
}

int store_publish_dirty(struct store *st, struct publish_dirty *d,
			struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT name FROM temp.publish_dirty",
				     err);
	int rc;

	memset(d, 0, sizeof *d);
	if (!s)
		return HE_INTERNAL;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *name = col_text(s, 0);
		if (strcmp(name, "*every") == 0)
			d->every = true;
		else if (strcmp(name, "*index") == 0)
			d->index = true;
		else
			strv_add(&d->feeds, name);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_dberr(st, err);
	if (!(s = store_stmt(st, "DELETE FROM temp.publish_dirty", err)))
		return HE_INTERNAL;
	return store_exec_stmt(st, s, err);
}

void publish_dirty_free(struct publish_dirty *d)
{
	strv_free(&d->feeds);
	memset(d, 0, sizeof *d);
}
