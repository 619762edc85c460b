#!/bin/sh
# hearth check [--repair], and no single series breaking a listing: a
# series whose rule libical cannot expand (written with sqlite3, as an older
# hearth or another program could) is left out of agenda, month and week
# samples and export with one warning naming it, and check names it; a rule
# that yields nothing still has its DTSTART; an index that disagrees with
# the schedules is found and rebuilt.
. "$(dirname "$0")/../lib.sh"
setup
export TZ=UTC HEARTH_NOW=1796256000 # 2026-12-03
printf '[general]\ntimezone = Asia/Shanghai\n' >"$XDG_CONFIG_HOME/hearth/config"
h init --demo >/dev/null
check_status "a fresh demo checks clean" 0 h check
check_contains "and says what it checked" "no problems found (SQLite: ok, schema" "$OUT"

# A rule yielding no instance after DTSTART: DTSTART is its occurrence.
check_status "a weekly series ending before it starts is taken" 0 \
	h add --kind reading --title 只有一次 --start "2026-12-10 10:00" \
	--rrule "FREQ=WEEKLY;UNTIL=20261201T000000Z"
check_contains "and listed once, at DTSTART" "只有一次" \
	"$(h agenda --from 2026-12-10 --to 2026-12-10)"
check_eq "once only" 1 "$(h agenda --from 2026-12-01 --to 2027-03-01 | grep -c 只有一次)"
check_status "a rule libical cannot expand is refused by add" 1 \
	h add --kind reading --title 坏规则 --start "2026-12-10 10:00" \
	--rrule "FREQ=MONTHLY;BYDAY=1TH;BYSETPOS=2"
check_contains "naming the rule" "FREQ=MONTHLY;BYDAY=1TH;BYSETPOS=2" "$OUT"

# The same rule stored directly, behind the index's back.
sqlite3 "$HEARTH_DB" "INSERT INTO series (uid, kind, title, status, created, updated, revision,
 tzid, all_day, dtstart, dtend, rrule, xrule, reach_start, reach_end)
VALUES ('bad-rule-1', 'reading', '坏规则', 'confirmed', 0, 0, 1,
 'Asia/Shanghai', 0, '2026-11-05T10:00:00', '2026-11-05T11:00:00',
 'FREQ=MONTHLY;BYDAY=1TH;BYSETPOS=2', 'FREQ=MONTHLY;BYDAY=1TH;BYSETPOS=2',
 1793844000, 9223372036854775807)"
out=$(h agenda --from 2026-12-01 --to 2027-01-31 2>"$T/err")
check_eq "agenda still works" 0 $?
check_contains "and lists the rest" "司机之家" "$out"
check_eq "warning once, naming the series" 1 "$(grep -c "bad-rule-1 ('坏规则') is left out" "$T/err")"
check_contains "and what to run" "hearth check" "$(cat "$T/err")"
check_eq "nothing else on stderr" 1 "$(wc -l <"$T/err")"
out=$(h agenda --from 2026-12-01 --to 2027-01-31 2>"$T/err")
check_eq "a second listing warns again (the index remembers)" 1 \
	"$(grep -c "bad-rule-1" "$T/err")"
out=$(h export -o "$T/all.ics" 2>"$T/err")
check_eq "export still works" 0 $?
check_eq "the series is not exported" 0 "$(grep -c bad-rule-1 "$T/all.ics")"
check_contains "the rest is" "司机之家" "$(cat "$T/all.ics")"
check_eq "export warns once" 1 "$(grep -c "bad-rule-1" "$T/err")"
check_status "check finds it" 1 h check
check_contains "and names it" "event bad-rule-1 ('坏规则') cannot be expanded" "$OUT"

# A schedule hearth cannot read (a start that is no time): left out, named.
sqlite3 "$HEARTH_DB" "INSERT INTO series (uid, kind, title, status, created, updated, revision,
 tzid, all_day, dtstart, dtend, rrule, xrule, reach_start, reach_end)
VALUES ('bad-start-1', 'reading', '坏开始', 'confirmed', 0, 0, 1,
 'Asia/Shanghai', 0, 'not a time', '2026-11-05T11:00:00',
 'FREQ=WEEKLY', 'FREQ=WEEKLY', 1793844000, 9223372036854775807)"
out=$(h agenda --from 2026-12-01 --to 2027-01-31 2>"$T/err")
check_eq "a damaged schedule: agenda still works" 0 $?
check_contains "and lists the rest" "司机之家" "$out"
check_contains "warning naming the series and why" \
	"bad-start-1 ('坏开始') is left out: its schedule is damaged" "$(cat "$T/err")"
check_status "check finds it" 1 h check
check_contains "and names it" "event bad-start-1 ('坏开始'): its schedule is damaged" "$OUT"

# An index row gone astray: found, and rebuilt by --repair.
sqlite3 "$HEARTH_DB" "DELETE FROM series WHERE uid IN ('bad-rule-1', 'bad-start-1');
DELETE FROM occ_fixed WHERE (start_utc, series_id, rid) IN
 (SELECT start_utc, series_id, rid FROM occ_fixed LIMIT 3)"
check_status "check finds an index that disagrees" 1 h check
check_contains "and says how to fix it" "hearth check --repair" "$OUT"
cp "$HEARTH_DB" "$T/before.db"
check_status "check without --repair" 1 h check
check_eq "writes nothing" "" "$(cmp "$HEARTH_DB" "$T/before.db" 2>&1)"
check_status "check --repair" 1 h check --repair
check_contains "rebuilds the index" "the occurrence index was rebuilt" "$OUT"
check_status "after which all is well" 0 h check
h agenda --from 2026-11-01 --to 2027-03-01 >/dev/null
check_status "also after a listing" 0 h check

# References to rows that are gone.
sqlite3 "$HEARTH_DB" "PRAGMA foreign_keys = OFF; DELETE FROM venue WHERE name = '盘锦司机之家'"
check_status "check finds a reference to a venue that is gone" 1 h check
check_contains "naming the table and the missing one" "table series, row" "$OUT"
check_contains "of what" "refers to a row of venue that does not exist" "$OUT"

# A file that is not a database at all.
head -c 8192 /dev/zero | tr '\0' 'x' >"$T/text.db"
check_status "check on a text file" 1 h --db "$T/text.db" check
check_contains "says SQLite cannot read it" "problem: SQLite" "$OUT"
check_status "check --help" 0 h check --help
check_status "check refuses other arguments" 1 h check --fix
