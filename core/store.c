/* store.c - opening, migrating and transactions of the database. */
#include "store_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "audit.h"
#include "changes.h"
#include "i18n.h"
#include "paths.h"
#include "perm.h"
#include "tz.h"

/* "HRTH": tells a hearth database from any other SQLite file. */
#define APPLICATION_ID 0x48525448

/*
 * Migrations: entry i takes the schema from version i to i + 1. Never edit
 * one that has shipped; add another.
 */
static const char *const migrations[] = {
	/* 0 -> 1: the first schema. */
	"CREATE TABLE venue ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  address TEXT, lat REAL, lon REAL, type TEXT, notes TEXT);"
	"CREATE TABLE venue_service ("
	"  venue_id INTEGER NOT NULL REFERENCES venue(id) ON DELETE CASCADE,"
	"  pos INTEGER NOT NULL, service TEXT NOT NULL,"
	"  PRIMARY KEY (venue_id, pos));"
	"CREATE TABLE org ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE, type TEXT, contact TEXT);"
	"CREATE TABLE series ("
	"  id INTEGER PRIMARY KEY,"
	"  uid TEXT NOT NULL UNIQUE,"
	"  kind TEXT NOT NULL, title TEXT NOT NULL, description TEXT,"
	"  venue_id INTEGER REFERENCES venue(id),"
	"  capacity INTEGER NOT NULL DEFAULT 0, contact TEXT,"
	"  status TEXT NOT NULL,"
	"  created INTEGER NOT NULL, updated INTEGER NOT NULL,"
	"  revision INTEGER NOT NULL,"
	"  tzid TEXT NOT NULL, all_day INTEGER NOT NULL,"
	"  dtstart TEXT NOT NULL, dtend TEXT NOT NULL,"
	"  rrule TEXT, rdates TEXT, exdates TEXT,"
	"  xrule TEXT, reach_start INTEGER NOT NULL, reach_end INTEGER NOT NULL);"
	"CREATE INDEX series_reach ON series(reach_end, reach_start);"
	"CREATE INDEX series_venue ON series(venue_id);"
	"CREATE TABLE series_org ("
	"  series_id INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,"
	"  pos INTEGER NOT NULL,"
	"  org_id INTEGER NOT NULL REFERENCES org(id),"
	"  role TEXT NOT NULL,"
	"  PRIMARY KEY (series_id, pos));"
	"CREATE INDEX series_org_org ON series_org(org_id);"
	"CREATE TABLE series_audience ("
	"  series_id INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,"
	"  pos INTEGER NOT NULL, tag TEXT NOT NULL,"
	"  PRIMARY KEY (series_id, pos));"
	"CREATE TABLE segment ("
	"  series_id INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,"
	"  pos INTEGER NOT NULL, title TEXT NOT NULL,"
	"  from_min INTEGER, to_min INTEGER,"
	"  partner_id INTEGER REFERENCES org(id), note TEXT,"
	"  PRIMARY KEY (series_id, pos));"
	"CREATE INDEX segment_partner ON segment(partner_id);"
	"CREATE TABLE override ("
	"  series_id INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,"
	"  rid INTEGER NOT NULL,"      /* original start, wall-clock seconds */
	"  rid_utc INTEGER NOT NULL,"
	"  moved INTEGER NOT NULL, dtstart TEXT, dtend TEXT,"
	"  start_utc INTEGER NOT NULL, end_utc INTEGER NOT NULL,"
	"  venue_id INTEGER REFERENCES venue(id),"
	"  cancelled INTEGER NOT NULL, note TEXT,"
	"  PRIMARY KEY (series_id, rid));"
	"CREATE INDEX override_start ON override(start_utc);"
	"CREATE INDEX override_rid ON override(rid_utc);"
	"CREATE INDEX override_venue ON override(venue_id);"
	/* The occurrence index: a cache that storage keeps in step. */
	"CREATE TABLE occ ("
	"  start_utc INTEGER NOT NULL, end_utc INTEGER NOT NULL,"
	"  series_id INTEGER NOT NULL, rid INTEGER NOT NULL,"
	"  cancelled INTEGER NOT NULL, overridden INTEGER NOT NULL);"
	"CREATE INDEX occ_start ON occ(start_utc);"
	"CREATE INDEX occ_series ON occ(series_id);"
	"CREATE TABLE occ_month (month INTEGER PRIMARY KEY);"
	"CREATE TABLE meta (key TEXT PRIMARY KEY, value);",
	/*
	 * 1 -> 2: the occurrence index kept in start order. A query walks occ
	 * by start; as a rowid table with an index on start_utc every row cost
	 * a second b-tree lookup, the largest single cost of a 30-day window
	 * at 100k series (make bench). Clustered on (start_utc, series_id,
	 * rid) - unique, as a series has one occurrence per original start -
	 * the walk reads each row where the index finds it, and the test of
	 * end_utc for occurrences that began before the window costs no
	 * lookup either. occ_long holds the occurrences longer than
	 * OCC_SHORT (store_int.h; the number must stay the same in both), the
	 * only ones that can overlap a window from far before it. The index
	 * is a cache: it is emptied here and rebuilt month by month as
	 * queries need it.
	 */
	"DROP TABLE occ;"
	"CREATE TABLE occ ("
	"  start_utc INTEGER NOT NULL, end_utc INTEGER NOT NULL,"
	"  series_id INTEGER NOT NULL, rid INTEGER NOT NULL,"
	"  cancelled INTEGER NOT NULL, overridden INTEGER NOT NULL,"
	"  PRIMARY KEY (start_utc, series_id, rid)) WITHOUT ROWID;"
	"CREATE INDEX occ_series ON occ(series_id);"
	"CREATE INDEX occ_long ON occ(start_utc, end_utc)"
	"  WHERE end_utc - start_utc > 21600;"
	"DELETE FROM occ_month;",
	/*
	 * 2 -> 3: what an event imported from iCalendar carries beyond the
	 * model, so that exporting it gives it back: whether its times were
	 * floating, and the properties and VALARM reminders hearth does not
	 * interpret, as iCalendar text.
	 */
	"CREATE TABLE series_ical ("
	"  series_id INTEGER PRIMARY KEY REFERENCES series(id) ON DELETE CASCADE,"
	"  floating INTEGER NOT NULL DEFAULT 0,"
	"  extra TEXT);",
	/*
	 * 3 -> 4: a segment has any number of partner organisations, in order
	 * (segment_partner; the fair's safety zone is run by three police
	 * units), and may have a venue of its own (venue_id; the snow
	 * clearing after a reading session happens in the estate next door).
	 * segment is rebuilt without partner_id, whose organisations become
	 * each segment's first partner; the old index on partner_id goes
	 * first, as its name is the new table's.
	 */
	"DROP INDEX segment_partner;"
	"CREATE TABLE segment_partner ("
	"  series_id INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,"
	"  segment INTEGER NOT NULL, pos INTEGER NOT NULL,"
	"  org_id INTEGER NOT NULL REFERENCES org(id),"
	"  PRIMARY KEY (series_id, segment, pos));"
	"INSERT INTO segment_partner (series_id, segment, pos, org_id)"
	"  SELECT series_id, pos, 0, partner_id FROM segment"
	"  WHERE partner_id IS NOT NULL;"
	"CREATE INDEX segment_partner_org ON segment_partner(org_id);"
	"CREATE TABLE segment_new ("
	"  series_id INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,"
	"  pos INTEGER NOT NULL, title TEXT NOT NULL,"
	"  from_min INTEGER, to_min INTEGER,"
	"  venue_id INTEGER REFERENCES venue(id), note TEXT,"
	"  PRIMARY KEY (series_id, pos));"
	"INSERT INTO segment_new (series_id, pos, title, from_min, to_min, note)"
	"  SELECT series_id, pos, title, from_min, to_min, note FROM segment;"
	"DROP TABLE segment;"
	"ALTER TABLE segment_new RENAME TO segment;"
	"CREATE INDEX segment_venue ON segment(venue_id);",
	/*
	 * 4 -> 5: the audit log (audit.h): one row per change, written in the
	 * change's own transaction, and the fields it changed. Entries about
	 * one thing are found by ref (the detail pane's "last changed by",
	 * hearth log ID); --since by at. And the series the index skipped.
	 */
	"CREATE TABLE audit ("
	"  id INTEGER PRIMARY KEY,"
	"  at INTEGER NOT NULL, unix_uid INTEGER NOT NULL, user TEXT NOT NULL,"
	"  action TEXT NOT NULL, entity TEXT NOT NULL, ref TEXT NOT NULL,"
	"  label TEXT, part TEXT);"
	"CREATE INDEX audit_ref ON audit(ref, id);"
	"CREATE INDEX audit_at ON audit(at);"
	"CREATE TABLE audit_field ("
	"  audit_id INTEGER NOT NULL REFERENCES audit(id) ON DELETE CASCADE,"
	"  pos INTEGER NOT NULL, field TEXT NOT NULL, before TEXT, after TEXT,"
	"  PRIMARY KEY (audit_id, pos)) WITHOUT ROWID;"
	/*
	 * Part of the occurrence index: the series a month's materialisation
	 * could not expand (written by an older hearth or another program),
	 * left out of that month with the reason, so that every listing of
	 * the month can warn about them.
	 */
	"CREATE TABLE occ_skipped ("
	"  series_id INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,"
	"  month INTEGER NOT NULL, reason TEXT NOT NULL,"
	"  PRIMARY KEY (month, series_id)) WITHOUT ROWID;"
	"CREATE INDEX occ_skipped_series ON occ_skipped(series_id);",
	/*
	 * 5 -> 6: an event's own reminders, in seconds before the start
	 * ("86400,3600"; "" for none); NULL takes its kind's from the config.
	 */
	"ALTER TABLE series ADD COLUMN alarms TEXT;",
	/*
	 * 6 -> 7: tallies and suggestions (core/tally, core/suggest). A tally
	 * is one count of one category at one occurrence (its original start
	 * in wall-clock seconds, as override.rid), with when the occurrence
	 * started: reports read tally_start, which holds every column they
	 * need, in start order. Suggestions keep each change of status with
	 * its note in suggestion_status.
	 */
	"CREATE TABLE tally ("
	"  series_id INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,"
	"  rid INTEGER NOT NULL,"
	"  category TEXT NOT NULL,"
	"  value INTEGER NOT NULL CHECK (value >= 0),"
	"  start_utc INTEGER NOT NULL,"
	"  entered INTEGER NOT NULL, entered_by TEXT NOT NULL,"
	"  PRIMARY KEY (series_id, rid, category)) WITHOUT ROWID;"
	"CREATE INDEX tally_start ON tally(start_utc, value);"
	"CREATE TABLE suggestion ("
	"  id INTEGER PRIMARY KEY,"
	"  body TEXT NOT NULL, topic TEXT, source TEXT,"
	"  received TEXT NOT NULL,"      /* a date: 2027-01-08 */
	"  status TEXT NOT NULL,"
	"  venue_id INTEGER REFERENCES venue(id) ON DELETE SET NULL,"
	"  series_id INTEGER REFERENCES series(id) ON DELETE SET NULL,"
	"  created INTEGER NOT NULL, updated INTEGER NOT NULL,"
	"  revision INTEGER NOT NULL,"
	"  created_by TEXT NOT NULL, updated_by TEXT NOT NULL);"
	"CREATE INDEX suggestion_received ON suggestion(received);"
	"CREATE INDEX suggestion_venue ON suggestion(venue_id);"
	"CREATE INDEX suggestion_series ON suggestion(series_id);"
	"CREATE TABLE suggestion_status ("
	"  suggestion_id INTEGER NOT NULL"
	"   REFERENCES suggestion(id) ON DELETE CASCADE,"
	"  pos INTEGER NOT NULL, at INTEGER NOT NULL, by TEXT NOT NULL,"
	"  status TEXT NOT NULL, note TEXT,"
	"  PRIMARY KEY (suggestion_id, pos));",
	/*
	 * 7 -> 8: people, shifts and the points scheme (core/people). A
	 * shift rule covers the occurrences whose original start (rid, as in
	 * override) lies in [from_rid, to_rid]; a sign-up is keyed by that
	 * start too, so it stays with a moved occurrence. The ledger is
	 * append-only (the triggers refuse UPDATE and DELETE), carries the
	 * running balance of its account, checked against the previous row on
	 * insert and never below zero, and names accounts rather than people:
	 * removing a person unlinks their account and changes no ledger row.
	 * signup_id has no foreign key because the ledger outlives sign-ups.
	 */
	"CREATE TABLE account (id INTEGER PRIMARY KEY AUTOINCREMENT);"
	"CREATE TABLE person ("
	"  id INTEGER PRIMARY KEY,"
	"  account INTEGER NOT NULL UNIQUE REFERENCES account(id),"
	"  name TEXT NOT NULL, phone TEXT UNIQUE, org TEXT, note TEXT,"
	"  active INTEGER NOT NULL DEFAULT 1,"
	"  created INTEGER NOT NULL, updated INTEGER NOT NULL);"
	"CREATE INDEX person_name ON person(name);"
	"CREATE TABLE person_group ("
	"  person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,"
	"  grp TEXT NOT NULL,"
	"  PRIMARY KEY (person_id, grp));"
	"CREATE INDEX person_group_grp ON person_group(grp);"
	"CREATE TABLE shift ("
	"  id INTEGER PRIMARY KEY,"
	"  series_id INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,"
	"  role TEXT NOT NULL,"
	"  from_rid INTEGER NOT NULL, to_rid INTEGER NOT NULL,"
	"  need INTEGER NOT NULL CHECK (need >= 0),"
	"  UNIQUE (series_id, role, from_rid, to_rid));"
	"CREATE TABLE signup ("
	"  id INTEGER PRIMARY KEY,"
	"  person_id INTEGER REFERENCES person(id),"
	"  series_id INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,"
	"  rid INTEGER NOT NULL, role TEXT NOT NULL,"
	"  checkin INTEGER, checkout INTEGER,"
	"  created INTEGER NOT NULL);"
	"CREATE UNIQUE INDEX signup_once ON signup(person_id, series_id, rid);"
	"CREATE INDEX signup_occ ON signup(series_id, rid);"
	"CREATE TABLE catalogue ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE, note TEXT,"
	"  cost INTEGER NOT NULL CHECK (cost > 0),"
	"  stock INTEGER CHECK (stock >= 0),"
	"  active INTEGER NOT NULL DEFAULT 1);"
	"CREATE TABLE ledger ("
	"  id INTEGER PRIMARY KEY,"
	"  account INTEGER NOT NULL REFERENCES account(id),"
	"  at INTEGER NOT NULL,"
	"  kind TEXT NOT NULL"
	"    CHECK (kind IN ('earn', 'bonus', 'redeem', 'adjust', 'reverse')),"
	"  points INTEGER NOT NULL,"
	"  balance INTEGER NOT NULL CHECK (balance >= 0),"
	"  title TEXT, occ_start INTEGER, role TEXT, minutes INTEGER,"
	"  bonus TEXT, reason TEXT, signup_id INTEGER,"
	"  item_id INTEGER REFERENCES catalogue(id),"
	"  reverses INTEGER REFERENCES ledger(id),"
	"  by TEXT NOT NULL);"
	"CREATE INDEX ledger_account ON ledger(account, id);"
	"CREATE INDEX ledger_signup ON ledger(signup_id)"
	"  WHERE signup_id IS NOT NULL;"
	"CREATE INDEX ledger_at ON ledger(at);"
	"CREATE INDEX ledger_reverses ON ledger(reverses)"
	"  WHERE reverses IS NOT NULL;"
	"CREATE TRIGGER ledger_balance BEFORE INSERT ON ledger"
	"  WHEN NEW.balance IS NOT NEW.points + coalesce((SELECT balance"
	"    FROM ledger WHERE account = NEW.account ORDER BY id DESC LIMIT 1), 0)"
	"  BEGIN SELECT RAISE(ABORT, 'ledger balance does not follow'); END;"
	"CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger"
	"  BEGIN SELECT RAISE(ABORT, 'the points ledger is append-only'); END;"
	"CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger"
	"  BEGIN SELECT RAISE(ABORT, 'the points ledger is append-only'); END;",
	/*
	 * 8 -> 9: CalDAV sync (core/sync). A calendar per [sync NAME], found
	 * from the config's url and calendar (source), with its sync token;
	 * per object on it, its href, ETag, the series' UID
	 * and the revision of the series the server has (0: none yet), or
	 * the object verbatim (raw) when hearth cannot model it. Objects
	 * name series by UID, not by row: after a series is deleted here its
	 * object must still be deleted there. A conflict keeps the local
	 * version (iCalendar) until someone chooses.
	 */
	"CREATE TABLE sync_calendar ("
	"  id INTEGER PRIMARY KEY,"
	"  account TEXT NOT NULL UNIQUE,"
	"  source TEXT, url TEXT, token TEXT, ctag TEXT,"
	"  last_try INTEGER, last_ok INTEGER, last_error TEXT,"
	"  last_stats TEXT);"
	"CREATE TABLE sync_item ("
	"  calendar_id INTEGER NOT NULL"
	"   REFERENCES sync_calendar(id) ON DELETE CASCADE,"
	"  href TEXT NOT NULL,"
	"  uid TEXT, etag TEXT,"
	"  revision INTEGER NOT NULL DEFAULT 0,"
	"  raw TEXT, problem TEXT,"
	"  PRIMARY KEY (calendar_id, href)) WITHOUT ROWID;"
	"CREATE INDEX sync_item_uid ON sync_item(uid, calendar_id);"
	"CREATE TABLE sync_conflict ("
	"  id INTEGER PRIMARY KEY,"
	"  calendar_id INTEGER NOT NULL"
	"   REFERENCES sync_calendar(id) ON DELETE CASCADE,"
	"  uid TEXT NOT NULL, title TEXT,"
	"  kind TEXT NOT NULL"
	"   CHECK (kind IN ('edited', 'deleted-here', 'deleted-there')),"
	"  local TEXT,"
	"  at INTEGER NOT NULL, by TEXT NOT NULL);"
	"CREATE INDEX sync_conflict_uid ON sync_conflict(uid, calendar_id);",
	/*
	 * 9 -> 10: stations (core/stations). What a station adds to a venue:
	 * the id of the file it was imported from (ref, the key a second
	 * import matches), a contact and its opening hours (canonical
	 * OpenStreetMap text). venue_member makes a venue a network of others
	 * (an event at the pharmacy chain is at each of its shops). venue_geo
	 * is an R*Tree of the venues' points, kept in step by triggers, so
	 * that "open near here" reads the few venues in a box instead of all.
	 * demand holds the points whose coverage is measured, with weights
	 * (people living or gathering there).
	 */
	"CREATE TABLE station ("
	"  venue_id INTEGER PRIMARY KEY REFERENCES venue(id) ON DELETE CASCADE,"
	"  ref TEXT UNIQUE, contact TEXT, hours TEXT);"
	"CREATE TABLE venue_member ("
	"  network_id INTEGER NOT NULL REFERENCES venue(id) ON DELETE CASCADE,"
	"  pos INTEGER NOT NULL,"
	"  venue_id INTEGER NOT NULL REFERENCES venue(id) ON DELETE CASCADE,"
	"  PRIMARY KEY (network_id, pos));"
	"CREATE INDEX venue_member_venue ON venue_member(venue_id);"
	"CREATE VIRTUAL TABLE venue_geo USING rtree(id, lat0, lat1, lon0, lon1);"
	"INSERT INTO venue_geo SELECT id, lat, lat, lon, lon FROM venue"
	"  WHERE lat IS NOT NULL AND lon IS NOT NULL;"
	"CREATE TRIGGER venue_geo_add AFTER INSERT ON venue"
	"  WHEN new.lat IS NOT NULL AND new.lon IS NOT NULL BEGIN"
	"  INSERT INTO venue_geo VALUES (new.id, new.lat, new.lat, new.lon,"
	"  new.lon); END;"
	"CREATE TRIGGER venue_geo_move AFTER UPDATE OF lat, lon ON venue BEGIN"
	"  DELETE FROM venue_geo WHERE id = old.id;"
	"  INSERT INTO venue_geo SELECT new.id, new.lat, new.lat, new.lon, new.lon"
	"  WHERE new.lat IS NOT NULL AND new.lon IS NOT NULL; END;"
	"CREATE TRIGGER venue_geo_drop AFTER DELETE ON venue BEGIN"
	"  DELETE FROM venue_geo WHERE id = old.id; END;"
	"CREATE TABLE demand ("
	"  id INTEGER PRIMARY KEY, ref TEXT UNIQUE, name TEXT NOT NULL,"
	"  lat REAL NOT NULL, lon REAL NOT NULL,"
	"  weight REAL NOT NULL CHECK (weight >= 0));",
	/*
	 * 10 -> 11: the occurrence index as each series' pattern instead of
	 * months of occurrences (store_index.c). A month materialised on first
	 * sight cost libical's iterator for every series that reaches it (1.4 s
	 * for a first screenful at 100k series), made a query write, and grew
	 * with every month anyone looked at (a window to 2500 wrote 1.7 million
	 * rows); a pattern is written once, with the series. occ_cycle: one row
	 * per instance of a period, in phase order per zone (occ_zone) and
	 * period; occ_fixed: one row per occurrence not in a pattern; occ_skip:
	 * exception dates on a pattern; occ_rule: the span stored of each rule
	 * without a pattern. The longest occurrences (over OCC_SHORT, the
	 * number spelled out in the partial indexes) have indexes of their own
	 * holding every column a query reads, the only ones that can overlap a
	 * window from far before it. occ_skipped keeps its rows, one a series
	 * (month 0). The index is rebuilt from the series (OCC_INDEX_VERSION).
	 */
	"DROP TABLE occ;"
	"DROP TABLE occ_month;"
	"DELETE FROM occ_skipped;"
	/* The key's columns first: with end_utc between them, SQLite 3.40.1's
	 * integrity_check reports its values as NULL. */
	"CREATE TABLE occ_fixed ("
	"  start_utc INTEGER NOT NULL, series_id INTEGER NOT NULL,"
	"  rid INTEGER NOT NULL, end_utc INTEGER NOT NULL,"
	"  PRIMARY KEY (start_utc, series_id, rid)) WITHOUT ROWID;"
	"CREATE INDEX occ_fixed_series ON occ_fixed(series_id);"
	"CREATE INDEX occ_fixed_long ON occ_fixed(start_utc, end_utc)"
	"  WHERE end_utc - start_utc > 21600;"
	"CREATE TABLE occ_zone ("
	"  id INTEGER PRIMARY KEY, tzid TEXT NOT NULL UNIQUE);"
	"CREATE TABLE occ_cycle ("
	"  zone INTEGER NOT NULL, period INTEGER NOT NULL,"
	"  phase INTEGER NOT NULL, series_id INTEGER NOT NULL,"
	"  first INTEGER NOT NULL, last INTEGER NOT NULL,"
	"  length INTEGER NOT NULL, all_day INTEGER NOT NULL,"
	"  PRIMARY KEY (zone, period, phase, series_id)) WITHOUT ROWID;"
	"CREATE INDEX occ_cycle_series ON occ_cycle(series_id);"
	"CREATE INDEX occ_cycle_long ON occ_cycle(zone, period, phase, first,"
	"  last, length, all_day) WHERE length > 21600;"
	"CREATE TABLE occ_skip ("
	"  rid_utc INTEGER NOT NULL, series_id INTEGER NOT NULL,"
	"  rid INTEGER NOT NULL,"
	"  PRIMARY KEY (rid_utc, series_id, rid)) WITHOUT ROWID;"
	"CREATE INDEX occ_skip_series ON occ_skip(series_id);"
	"CREATE TABLE occ_rule ("
	"  series_id INTEGER PRIMARY KEY, reach_start INTEGER NOT NULL,"
	"  reach_end INTEGER NOT NULL, fixed_from INTEGER NOT NULL,"
	"  fixed_to INTEGER NOT NULL);"
	"DELETE FROM meta WHERE key = 'occ_index_version';"
	/*
	 * The events view reads a screen of series at a time, by title or by
	 * kind (store_series_page): reading and sorting all of them took up
	 * to 1.3 s a visit at 100k series.
	 */
	"CREATE INDEX series_title ON series(title);"
	"CREATE INDEX series_kind ON series(kind, title);",
	/*
	 * 11 -> 12: a changed occurrence may have its own title and
	 * description ("读书会（改期）"), as iCalendar's RECURRENCE-ID
	 * instances do; NULL keeps the series' own.
	 */
	"ALTER TABLE override ADD COLUMN title TEXT;"
	"ALTER TABLE override"
	"  ADD COLUMN description TEXT;",
	/*
	 * 12 -> 13: venues and organisations carry a revision, as series do,
	 * so that a change prepared from an older one (venue edit
	 * --if-revision, a form left open) is refused instead of overwriting
	 * a newer one.
	 */
	("ALTER TABLE venue ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;"
	 "ALTER TABLE org ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;"),
	/*
	 * 13 -> 14: tally_sum, the tallies summed by the start of their
	 * occurrence and category, for reports that group by period only: a
	 * year at 100,000 series read 1.8 million tallies (1.1 s of CPU, make
	 * bench-report) where it now reads their sums. Triggers keep it in the
	 * transaction of every write of a tally (entered, corrected, moved
	 * with its occurrence, deleted with its event); made here from the
	 * tallies there are. hearth check compares it with them.
	 */
	"CREATE TABLE tally_sum ("
	"  start_utc INTEGER NOT NULL, category TEXT NOT NULL,"
	"  total INTEGER NOT NULL, n INTEGER NOT NULL,"
	"  PRIMARY KEY (start_utc, category)) WITHOUT ROWID;"
	"INSERT INTO tally_sum (start_utc, category, total, n)"
	"  SELECT start_utc, category, sum(value), count(*) FROM tally"
	"  GROUP BY start_utc, category;"
	"CREATE TRIGGER tally_sum_add AFTER INSERT ON tally BEGIN"
	"  INSERT INTO tally_sum (start_utc, category, total, n)"
	"  VALUES (new.start_utc, new.category, new.value, 1)"
	"  ON CONFLICT (start_utc, category) DO UPDATE SET"
	"  total = total + excluded.total, n = n + 1;"
	"END;"
	"CREATE TRIGGER tally_sum_remove AFTER DELETE ON tally BEGIN"
	"  UPDATE tally_sum SET total = total - old.value, n = n - 1"
	"  WHERE start_utc = old.start_utc AND category = old.category;"
	"  DELETE FROM tally_sum WHERE start_utc = old.start_utc"
	"  AND category = old.category AND n <= 0;"
	"END;"
	"CREATE TRIGGER tally_sum_change"
	"  AFTER UPDATE OF value, start_utc, category ON tally BEGIN"
	"  UPDATE tally_sum SET total = total - old.value, n = n - 1"
	"  WHERE start_utc = old.start_utc AND category = old.category;"
	"  DELETE FROM tally_sum WHERE start_utc = old.start_utc"
	"  AND category = old.category AND n <= 0;"
	"  INSERT INTO tally_sum (start_utc, category, total, n)"
	"  VALUES (new.start_utc, new.category, new.value, 1)"
	"  ON CONFLICT (start_utc, category) DO UPDATE SET"
	"  total = total + excluded.total, n = n + 1;"
	"END;"
	/*
	 * And the changed occurrences longer than OCC_SHORT (the number
	 * spelled out) with every column a listing reads, as occ_fixed_long:
	 * the only changes that can be under way at a screenful's start from
	 * more than OCC_SHORT before it, looked for three days back at 100k
	 * series (make bench-store) through override_start and the table.
	 */
	"CREATE INDEX override_long ON override(start_utc, end_utc, series_id,"
	"  rid, cancelled) WHERE end_utc - start_utc > 21600;",
};

#define N_MIGRATIONS (int)(sizeof migrations / sizeof *migrations)
_Static_assert(N_MIGRATIONS == STORE_SCHEMA_VERSION,
	       "STORE_SCHEMA_VERSION must count the migrations");


sqlite3_stmt *store_stmt(struct store *st, const char *sql, struct herr *err)
{
	int free_slot = -1;

	for (int i = 0; i < STMT_CACHE; i++) {
		if (st->cache[i].sql == sql) {
			sqlite3_reset(st->cache[i].stmt);
			sqlite3_clear_bindings(st->cache[i].stmt);
			return st->cache[i].stmt;
		}
		if (!st->cache[i].sql && free_slot < 0)
			free_slot = i;
	}
	if (free_slot < 0) {
		herr_set(err, HE_INTERNAL, _("internal error: statement cache full"));
		return NULL;
	}
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
			       &st->cache[free_slot].stmt, NULL) != SQLITE_OK) {
		store_dberr(st, err);
		return NULL;
	}
	st->cache[free_slot].sql = sql;
	return st->cache[free_slot].stmt;
}

/*
 * Damage is told apart from everything else: a damaged file is never written
 * again through this connection, and the user is sent to hearth check.
 */
static bool is_damage(int code)
{
	return code == SQLITE_CORRUPT || code == SQLITE_NOTADB ||
	       code == SQLITE_IOERR;
}

int store_dberr(struct store *st, struct herr *err)
{
	int ext = sqlite3_extended_errcode(st->db), code = ext & 0xff;
	int sys = sqlite3_system_errno(st->db);
	const char *msg = sqlite3_errmsg(st->db);

	/* A write refused by the file size limit or a full disk is no damage:
	 * SQLite rolls it back from its journal. */
	if (sys == EFBIG && (code == SQLITE_FULL || code == SQLITE_IOERR))
		return herr_set(err, HE_INTERNAL,
				_("database %s: the file would grow beyond the "
				  "size this process may write (%s)"), st->path,
				strerror(EFBIG));
	if (code == SQLITE_FULL || (code == SQLITE_IOERR && sys == ENOSPC))
		return herr_set(err, HE_INTERNAL,
				_("database %s: the disk is full"), st->path);
	if (is_damage(code)) {
		st->damaged = true;
		if (code == SQLITE_NOTADB)
			return herr_set(err, HE_INTERNAL,
					_("the database %s is damaged or not a "
					  "database: run hearth check (%s)"),
					st->path, msg);
		return herr_set(err, HE_INTERNAL,
				_("the database %s is damaged: run hearth check "
				  "(%s)"), st->path, msg);
	}
	switch (code) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return herr_set(err, HE_INTERNAL,
				_("database %s is busy: another hearth kept it "
				"locked too long; try again"), st->path);
	case SQLITE_READONLY:
	case SQLITE_PERM:
	case SQLITE_CANTOPEN:
		return store_denied(st, true, err);
	case SQLITE_CONSTRAINT:
		return herr_set(err, HE_USER, _("database %s: %s"), st->path, msg);
	default:
		return herr_set(err, HE_INTERNAL, _("database %s: %s"), st->path, msg);
	}
}

int store_row(struct store *st, sqlite3_stmt *s, bool *found,
	      struct herr *err)
{
	int rc = sqlite3_step(s);

	*found = rc == SQLITE_ROW;
	if (rc == SQLITE_ROW)
		return HE_OK;
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return HE_OK;
	return store_dberr(st, err);
}

bool store_next(struct store *st, sqlite3_stmt *s, int *rc, struct herr *err)
{
	int step = sqlite3_step(s);

	if (step == SQLITE_ROW) {
		*rc = HE_OK;
		return true;
	}
	/* The error is read before the reset, which keeps it anyway. */
	*rc = step == SQLITE_DONE ? HE_OK : store_dberr(st, err);
	sqlite3_reset(s);
	return false;
}

int store_int64(struct store *st, sqlite3_stmt *s, int64_t *out, bool *found,
		struct herr *err)
{
	bool row;
	int rc = store_row(st, s, &row, err);

	if (found)
		*found = row;
	if (rc == HE_OK && row) {
		*out = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
	}
	return rc;
}

void bind_text(sqlite3_stmt *s, int i, const char *text)
{
	if (text)
		sqlite3_bind_text(s, i, text, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

const char *col_text(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

char *col_dup(sqlite3_stmt *s, int i)
{
	return xstrdup0(col_text(s, i));
}

int store_exec_stmt(struct store *st, sqlite3_stmt *s, struct herr *err)
{
	int rc = sqlite3_step(s);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		rc = store_dberr(st, err);
	else
		rc = HE_OK;
	sqlite3_reset(s);
	return rc;
}

static int exec(struct store *st, const char *sql, struct herr *err)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_dberr(st, err);
	return HE_OK;
}

/*
 * SQLite finds damage only in the pages it reads, and a write reads few: a
 * file damaged elsewhere would take the change and spread the damage. So
 * before this connection's first write, SQLite's quick check reads every
 * page (measured: 0.4 s for a 63 MB file of 100k series, a few ms for a
 * calendar of hundreds); a file that fails it is never written.
 */
static int verify_before_writing(struct store *st, struct herr *err)
{
	sqlite3_stmt *s;
	const char *answer;
	bool found;
	int rc;

	if (st->verified)
		return HE_OK;
	if (sqlite3_prepare_v2(st->db, "PRAGMA quick_check(1)", -1, &s, NULL))
		return store_dberr(st, err);
	if ((rc = store_row(st, s, &found, err)) == HE_OK) {
		answer = found ? col_text(s, 0) : NULL;
		if (!answer || strcmp(answer, "ok") != 0) {
			st->damaged = true;
			rc = herr_set(err, HE_INTERNAL,
				      _("the database %s is damaged: run hearth "
					"check (%s)"), st->path,
				      answer ? answer : "?");
		}
	}
	sqlite3_finalize(s);
	st->verified = rc == HE_OK;
	return rc;
}

int store_begin(struct store *st, struct herr *err)
{
	int rc;

	if (st->depth > 0) {
		st->depth++;
		return HE_OK;
	}
	if (st->damaged)
		return herr_set(err, HE_INTERNAL,
				_("the database %s is damaged: run hearth check"),
				st->path);
	if (st->readonly)
		return store_denied(st, true, err);
	if ((rc = verify_before_writing(st, err)) != HE_OK)
		return rc;
	st->failed = false;
	st->horizon_checked = false;
	occ_infos_drop(st); /* what the queries read is about to change */
	if (exec(st, "BEGIN IMMEDIATE", err) != HE_OK)
		return err ? err->code : HE_INTERNAL;
	store_data_version(st); /* forgets what others' commits made stale */
	st->depth = 1;
	return HE_OK;
}

int store_commit(struct store *st, struct herr *err)
{
	if (st->depth <= 0)
		return herr_set(err, HE_INTERNAL, _("internal error: commit "
				"without a transaction"));
	if (--st->depth > 0)
		return HE_OK;
	/* Queries inside the transaction may have cached what it changed. */
	occ_infos_drop(st);
	if (!st->failed && !st->damaged && occ_index_flush(st, err) != HE_OK)
		st->failed = true;
	if (st->failed || st->damaged) {
		exec(st, "ROLLBACK", NULL);
		occ_forget(st);
		if (st->damaged)
			return herr_set(err, HE_INTERNAL,
					_("the database %s is damaged: run hearth "
					  "check"), st->path);
		return herr_set(err, HE_INTERNAL,
				_("the change was rolled back after an error"));
	}
	if (exec(st, "COMMIT", err) != HE_OK) {
		exec(st, "ROLLBACK", NULL);
		occ_forget(st);
		return err ? err->code : HE_INTERNAL;
	}
	if (st->on_commit && !st->in_on_commit) {
		st->in_on_commit = true;
		st->on_commit(st->on_commit_ctx);
		st->in_on_commit = false;
	}
	return HE_OK;
}

int store_read_begin(struct store *st, struct herr *err)
{
	if (st->depth > 0 || st->reading++ > 0)
		return HE_OK;
	if (exec(st, "BEGIN", err) != HE_OK) {
		st->reading = 0;
		return err ? err->code : HE_INTERNAL;
	}
	return HE_OK;
}

void store_read_end(struct store *st)
{
	if (st->depth > 0 || st->reading == 0 || --st->reading > 0)
		return;
	/* Only reads happened: COMMIT cannot fail on what was written. */
	if (exec(st, "COMMIT", NULL) != HE_OK)
		exec(st, "ROLLBACK", NULL);
}

void store_on_commit(struct store *st, void (*fn)(void *ctx), void *ctx)
{
	st->on_commit = fn;
	st->on_commit_ctx = ctx;
}

void store_rollback(struct store *st)
{
	if (st->depth <= 0)
		return;
	if (--st->depth > 0) {
		st->failed = true;
		return;
	}
	exec(st, "ROLLBACK", NULL);
	/* The cached values may describe undone rows. */
	occ_forget(st);
}

bool store_readonly(const struct store *st)
{
	return st->readonly;
}

/* One integer from a statement run once (a pragma or a count). */
static int read_int_sql(struct store *st, const char *sql, int64_t *out,
			struct herr *err)
{
	sqlite3_stmt *s;
	bool found;
	int rc;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return store_dberr(st, err);
	rc = store_row(st, s, &found, err);
	if (rc == HE_OK && !found)
		rc = herr_set(err, HE_INTERNAL, _("database %s: no answer to %s"),
			      st->path, sql);
	if (rc == HE_OK)
		*out = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return rc;
}

/* What the file is and how far its schema has come. */
struct identity {
	int64_t app, version, tables;
};

static int read_identity(struct store *st, struct identity *id,
			 struct herr *err)
{
	int rc;

	if ((rc = read_int_sql(st, "PRAGMA application_id", &id->app, err)) ||
	    (rc = read_int_sql(st, "PRAGMA user_version", &id->version, err)) ||
	    (rc = read_int_sql(st, "SELECT count(*) FROM sqlite_master",
			       &id->tables, err)))
		return rc;
	return HE_OK;
}

/* Refuses files that are not hearth databases or come from a newer hearth. */
static int check_identity(struct store *st, const struct identity *id,
			  struct herr *err)
{
	if (id->app != APPLICATION_ID && (id->tables > 0 || id->version != 0))
		return herr_set(err, HE_USER,
				_("%s is an SQLite database, but not hearth's"),
				st->path);
	if (id->version > STORE_SCHEMA_VERSION)
		return herr_set(err, HE_USER,
				_("%s was written by a newer hearth (schema %lld; "
				"this hearth knows up to %d): upgrade hearth to "
				"use it"), st->path, (long long)id->version,
				STORE_SCHEMA_VERSION);
	return HE_OK;
}

/* The statement that sets key in meta, with key bound (value is ?2). */
static sqlite3_stmt *meta_setter(struct store *st, const char *key,
				 struct herr *err)
{
	sqlite3_stmt *s = store_stmt(st,
		"INSERT INTO meta(key, value) VALUES (?1, ?2) "
		"ON CONFLICT(key) DO UPDATE SET value = excluded.value", err);

	if (s)
		bind_text(s, 1, key);
	return s;
}

/*
 * Steps to key's row in meta: *s is on it when *found (the caller reads
 * column 0 and resets), else already reset.
 */
static int meta_row(struct store *st, const char *key, sqlite3_stmt **s,
		    bool *found, struct herr *err)
{
	*found = false;
	if (!(*s = store_stmt(st, "SELECT value FROM meta WHERE key = ?1", err)))
		return HE_INTERNAL;
	bind_text(*s, 1, key);
	return store_row(st, *s, found, err);
}

int store_set_meta_int(struct store *st, const char *key, int64_t value,
			struct herr *err)
{
	sqlite3_stmt *s = meta_setter(st, key, err);

	if (!s)
		return HE_INTERNAL;
	sqlite3_bind_int64(s, 2, value);
	return store_exec_stmt(st, s, err);
}

int store_meta_int(struct store *st, const char *key, int64_t dflt,
		   int64_t *out, struct herr *err)
{
	sqlite3_stmt *s;
	bool found;
	int rc = meta_row(st, key, &s, &found, err);

	*out = dflt;
	if (rc != HE_OK || !found)
		return rc;
	*out = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return HE_OK;
}

int store_set_meta_text(struct store *st, const char *key, const char *value,
			struct herr *err)
{
	sqlite3_stmt *s = meta_setter(st, key, err);

	if (!s)
		return HE_INTERNAL;
	bind_text(s, 2, value);
	return store_exec_stmt(st, s, err);
}

int store_meta_text(struct store *st, const char *key, char **out,
		    struct herr *err)
{
	sqlite3_stmt *s;
	bool found;
	int rc = meta_row(st, key, &s, &found, err);

	*out = NULL;
	if (rc != HE_OK || !found)
		return rc;
	*out = col_dup(s, 0);
	sqlite3_reset(s);
	return HE_OK;
}

/*
 * Whether the file, read without a lock of any kind, needs migrate(): its
 * schema (*schema), or only its occurrence index (*index: built by another
 * version of hearth, or missing series another program wrote).
 */
static int needs_migration(struct store *st, bool *schema, bool *index,
			   struct herr *err)
{
	struct identity id;
	int rc;

	*index = false;
	if ((rc = read_identity(st, &id, err)) != HE_OK ||
	    (rc = check_identity(st, &id, err)) != HE_OK)
		return rc;
	*schema = id.app != APPLICATION_ID || id.version < N_MIGRATIONS;
	if (*schema)
		return HE_OK;
	return occ_index_behind(st, index, err);
}

/* Applies the migrations the file lacks in one transaction. */
static int migrate(struct store *st, struct herr *err)
{
	struct identity id;
	char sql[64];
	int rc;

	if ((rc = store_begin(st, err)) != HE_OK)
		return rc;
	/* Re-read under the write lock: another process may have migrated. */
	if ((rc = read_identity(st, &id, err)) != HE_OK ||
	    (rc = check_identity(st, &id, err)) != HE_OK)
		goto fail;
	for (int v = (int)id.version; v < N_MIGRATIONS; v++) {
		if ((rc = exec(st, migrations[v], err)) != HE_OK)
			goto fail;
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v + 1);
		if ((rc = exec(st, sql, err)) != HE_OK)
			goto fail;
	}
	if (id.app != APPLICATION_ID) {
		snprintf(sql, sizeof sql, "PRAGMA application_id = %d",
			 APPLICATION_ID);
		if ((rc = exec(st, sql, err)) != HE_OK)
			goto fail;
	}
	occ_forget(st);
	if ((rc = occ_index_catch_up(st, err)) != HE_OK)
		goto fail;
	return store_commit(st, err);
fail:
	store_rollback(st);
	return rc;
}

/* KiB of pages a transaction changes before its cache spills. */
#define SPILL_KIB "524288"

/* How long a connection waits for another's lock before giving up. */
#define BUSY_TIMEOUT_MS 15000

static int64_t clock_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/*
 * Waits for a lock another connection holds: tries again every one to
 * four milliseconds, at random, for up to BUSY_TIMEOUT_MS. SQLite's own
 * timeout backs off to 100 ms sleeps, so that among 16 writers one that
 * had waited long kept losing the lock to those that came after it (one
 * change in 3,200 waited past 15 s); trying often and out of step, each
 * waiter has the same chance at every release, and a reader waiting for a
 * commit is let in within milliseconds of its end.
 */
static int busy_wait(void *ctx, int tries)
{
	struct store *st = ctx;
	struct timespec pause = { 0, 0 };
	int64_t now = clock_ms();

	if (tries == 0)
		st->busy_since = now;
	if (now - st->busy_since >= BUSY_TIMEOUT_MS)
		return 0;
	st->busy_rng = st->busy_rng * 6364136223846793005ULL +
		       1442695040888963407ULL;
	pause.tv_nsec = 1000000L + (long)((st->busy_rng >> 33) % 3000000);
	nanosleep(&pause, NULL);
	return 1;
}

/* mkdir -p for the directory that will hold path. */
static int make_parent_dirs(const char *path, struct herr *err)
{
	char *failed = NULL;
	int e = mkdir_parents(path, &failed), rc = HE_OK;

	if (e) {
		rc = herr_set(err, HE_USER, _("cannot create directory %s: %s"),
			      failed, strerror(e));
		free(failed);
	}
	return rc;
}

static int configure(struct store *st, struct herr *err)
{
	int rc;

	/* Other processes may hold the lock while they write: wait for them. */
	sqlite3_busy_handler(st->db, busy_wait, st);
	if ((rc = exec(st, "PRAGMA foreign_keys = ON", err)) != HE_OK)
		return rc;
	/*
	 * Pages are checked for sane cell sizes as they are read, so that
	 * more kinds of damage are found (and reported) where they are met
	 * rather than read as data.
	 */
	if ((rc = exec(st, "PRAGMA cell_size_check = ON", err)) != HE_OK)
		return rc;
	/*
	 * A rollback journal, not WAL: Debian 12's SQLite 3.40.1 has the
	 * WAL-reset bug (sqlite.org/wal.html#walresetbug, fixed in 3.51.3),
	 * which several processes writing and checkpointing at once - several
	 * organisers on one shared file - can trigger and which corrupts the
	 * database. Writes are small and rare; readers waiting for a commit is
	 * the price of never losing data. FULL sync makes each commit durable.
	 * Setting the mode writes nothing to the file; a connection that
	 * cannot write has no journal to choose.
	 */
	if (!st->readonly &&
	    (rc = exec(st, "PRAGMA journal_mode = DELETE", err)) != HE_OK)
		return rc;
	/*
	 * Pages of 16 KiB for a new file (an existing one keeps its own): a
	 * commit writes a quarter as many of them, and readers wait for the
	 * commit. The import of 100k series (75 MB) committed in 60 ms of CPU
	 * instead of 158 ms with SQLite's 4 KiB pages (make bench-wait), while
	 * queries took the same time.
	 */
	if ((rc = exec(st, "PRAGMA page_size = 16384", err)) != HE_OK)
		return rc;
	if ((rc = exec(st, "PRAGMA synchronous = FULL", err)) != HE_OK)
		return rc;
	/*
	 * A page cache of up to 64 MiB instead of SQLite's 2 MiB. A window
	 * query reads occurrences in start order and joins each to its series,
	 * so it touches series rows all over the file: at 100k series (a 56 MB
	 * file) a 2 MiB cache sent a third of a 30-day window's time into
	 * pread() of pages read a moment before (make bench). The cache fills
	 * only as pages are read, so a small calendar still uses little; it is
	 * kept across transactions while no other process writes. Memory-mapped
	 * I/O did as well, but turns a disk or network error into a signal
	 * instead of an error message.
	 */
	if ((rc = exec(st, "PRAGMA cache_size = -65536", err)) != HE_OK)
		return rc;
	/*
	 * A writer keeps the pages it changes in memory until its commit, up
	 * to 512 MiB of them (SPILL_KIB). Once the page cache
	 * spills to the file a writer holds the exclusive lock, and every
	 * reader waits, until its commit: with the 8 MiB cache of an import,
	 * a reader of the file waited past the 15 s timeout and failed during
	 * the import of 100k series (make bench-wait). Kept in memory, readers
	 * read the file as it was until the commit, which writes the pages in
	 * one go. The price is the memory of what one transaction writes
	 * (about 0.8 KiB a series imported); only a change larger than the cap
	 * spills, and readers then wait as before.
	 */
	return exec(st, "PRAGMA cache_spill = -" SPILL_KIB, err);
}

void store_bulk(struct store *st, bool on)
{
	/*
	 * A bulk write (an import) streams through the file once and reuses
	 * little: a small cache keeps its memory flat however large the
	 * calendar, where the query cache above would grow to 64 MiB.
	 */
	exec(st, on ? "PRAGMA cache_size = -8192" : "PRAGMA cache_size = -65536",
	     NULL);
	st->bulk = on;
}

/* Opens the SQLite connection: for writing when the user may write the
 * file and its directory (SQLite needs the directory for its journal),
 * else for reading only. */
static int open_db(struct store *st, bool create, bool writable,
		   struct herr *err)
{
	int flags = SQLITE_OPEN_READWRITE;

	if (create)
		flags |= SQLITE_OPEN_CREATE;
	else if (!writable || !perm_may_write(st->path))
		flags = SQLITE_OPEN_READONLY;
	/*
	 * A connection is used by one thread at a time: SQLite's own mutex,
	 * taken on every step and every column read, cost a report reading a
	 * year of tallies a seventh of its time (make bench-report), and a
	 * fifth of the instructions of reading a 30-day window (make bench).
	 */
	flags |= SQLITE_OPEN_NOMUTEX;
	if (sqlite3_open_v2(st->path, &st->db, flags, NULL) != SQLITE_OK)
		return herr_set(err, HE_USER, _("cannot open database %s: %s"),
				st->path, st->db ? sqlite3_errmsg(st->db)
						 : _("out of memory"));
	sqlite3_extended_result_codes(st->db, 1);
	st->readonly = sqlite3_db_readonly(st->db, "main") == 1;
	return HE_OK;
}

/*
 * Checks the schema without writing; migrates only a file that needs it.
 * An index that lags behind the series on a file this user may only read
 * is read around instead (store_keys.c expands what it lacks in memory).
 */
static int settle_schema(struct store *st, struct herr *err)
{
	bool needed, index;
	int rc = needs_migration(st, &needed, &index, err);

	if (rc != HE_OK || (!needed && (!index || st->readonly)))
		return rc;
	if (st->readonly)
		return herr_set(err, HE_USER,
				_("%s needs to be brought up to date by this "
				  "version of hearth, and you may only read it: "
				  "ask someone who may change it to run 'hearth "
				  "init'"), st->path);
	return migrate(st, err);
}

int store_open(struct store **out, const char *path, enum store_open_mode mode,
	       struct herr *err)
{
	struct store *st;
	struct stat sb;
	bool create = false;
	int rc;

	/*
	 * No count of SQLite's memory, which took a global mutex on every
	 * allocation (a query makes hundreds of thousands). Only possible
	 * before SQLite's first use in the process; later calls do nothing.
	 */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	*out = NULL;
	if (stat(path, &sb) != 0) {
		if (errno == EACCES || errno == EPERM)
			return perm_explain(path, errno, false, err);
		if (mode != STORE_CREATE)
			return herr_set(err, HE_USER,
					_("no database at %s (create one with "
					"'hearth init')"), path);
		if ((rc = make_parent_dirs(path, err)) != HE_OK)
			return rc;
		create = true;
	} else if (!S_ISREG(sb.st_mode)) {
		return herr_set(err, HE_USER, _("%s is not a regular file"), path);
	} else if (access(path, R_OK) != 0) {
		return perm_explain(path, errno, false, err);
	}
	st = xcalloc(1, sizeof *st);
	st->path = xstrdup(path);
	st->max_duration = st->max_short = st->indexed_to = -1;
	st->busy_rng = (uint64_t)getpid() * 0x9e3779b97f4a7c15ULL ^
		       (uint64_t)clock_ms();
	if ((rc = open_db(st, create, mode != STORE_READONLY, err)) != HE_OK ||
	    (create && (rc = perm_share_new(path, err)) != HE_OK) ||
	    (rc = configure(st, err)) != HE_OK ||
	    (rc = settle_schema(st, err)) != HE_OK) {
		store_close(&st);
		return rc;
	}
	*out = st;
	return HE_OK;
}

void store_close(struct store **pst)
{
	struct store *st = *pst;

	if (!st)
		return;
	for (int i = 0; i < STMT_CACHE; i++)
		sqlite3_finalize(st->cache[i].stmt);
	occ_preload_drop(st);
	occ_groups_forget_rows(st);
	free(st->groups);
	occ_infos_drop(st);
	occ_pending_drop(st);
	sqlite3_close(st->db);
	free(st->path);
	free(st->user);
	free(st);
	*pst = NULL;
}

const char *store_path(const struct store *st)
{
	return st->path;
}

char *store_default_path(void)
{
	return path_data("hearth.db");
}

int64_t store_data_version(struct store *st)
{
	sqlite3_stmt *s = store_stmt(st, "PRAGMA data_version", NULL);
	int64_t v = 0;
	bool found;

	/* Asked before every query: a statement kept, not one prepared. */
	if (s && store_row(st, s, &found, NULL) == HE_OK && found) {
		v = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
	}
	/*
	 * Another process committed: what this one cached may be stale. Not
	 * inside this connection's own write transaction, where no one else
	 * can commit and the index holds rows not yet flushed: store_begin
	 * asks first, before anything is pending (a listing inside the
	 * demo's transaction forgot them, and the series it had saved were
	 * indexed a second time at the next open).
	 */
	if (v != st->seen_version) {
		st->seen_version = v;
		if (st->depth == 0)
			occ_forget(st);
	}
	return v;
}

bool store_is_empty(struct store *st)
{
	int64_t n = 1;

	/* Unknown (an error) counts as not empty: nothing is put over it. */
	read_int_sql(st, "SELECT EXISTS (SELECT 1 FROM series)", &n, NULL);
	return n == 0;
}

int store_denied(struct store *st, bool write, struct herr *err)
{
	int sys = st->db ? sqlite3_system_errno(st->db) : 0;

	return perm_explain(st->path, sys == EROFS ? EROFS : EACCES, write, err);
}

int store_zone(struct store *st, char **name, struct herr *err)
{
	return store_meta_text(st, "zone", name, err);
}

int store_set_zone(struct store *st, const char *name, struct herr *err)
{
	struct changes ch = { 0 };
	char *old = NULL;
	int rc;

	if (!tz_get(name))
		return herr_set(err, HE_USER, _("unknown time zone '%s'"), name);
	if ((rc = store_begin(st, err)) != HE_OK)
		return rc;
	if ((rc = store_zone(st, &old, err)) == HE_OK &&
	    changes_add(&ch, "zone", old, name) &&
	    (rc = store_set_meta_text(st, "zone", name, err)) == HE_OK)
		rc = store_audit(st, &(struct audit_change){
			.action = AUDIT_EDIT, .entity = AUDIT_CALENDAR,
			.ref = "zone", .fields = &ch }, err);
	free(old);
	changes_free(&ch);
	if (rc != HE_OK) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st, err);
}
