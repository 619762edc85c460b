#!/bin/sh
# Every command's --help; bad input everywhere: exit status 1 (2 for a
# damaged file), one line on stderr naming the problem, and nothing changed
# in the database.
. "$(dirname "$0")/../lib.sh"
setup
export HEARTH_NOW=1798416000
printf '[general]\ntimezone = Asia/Shanghai\n' >"$XDG_CONFIG_HOME/hearth/config"

# --help: every command listed by hearth --help, and hearth itself.
check_status "hearth --help" 0 h --help
commands=$(h --help | sed -n 's/^  \([a-z]*\) .*/\1/p')
check_contains "the command list is read" "duplicate" "$commands"
for cmd in $commands; do
	err=$(h "$cmd" --help 2>&1 >/dev/null)
	out=$(h "$cmd" --help 2>/dev/null)
	status=$?
	if [ "$status" = 0 ] && [ -z "$err" ]; then
		case "$out" in
		"usage: hearth $cmd"*) ok "$cmd --help" ;;
		*) not_ok "$cmd --help" "$out" ;;
		esac
	else
		not_ok "$cmd --help" "status $status" "$err"
	fi
done
check_status "-h works too" 0 h agenda -h
check_status "--version" 0 h --version

# A database with one weekly series and enough others for a shared prefix.
h init >/dev/null
U=$(h add --kind reading --title 周五读书会 --start "2027-01-08 19:00" --duration 2h \
	--rrule "FREQ=WEEKLY;BYDAY=FR" --venue 棉织社区 --host 棉织社区党委)
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16; do
	h add --kind clinic --title "义诊 $i" --start "2027-02-0$((i % 9 + 1)) 09:00" \
		>/dev/null
done
h agenda --from 2027-01-01 --to 2027-03-01 >/dev/null # materialise the index
# Of 17 UIDs two share a first hex digit.
P=$(sqlite3 "$HEARTH_DB" "SELECT substr(uid, 1, 1) FROM series" | sort | uniq -d |
	head -n 1)

snapshot() {
	sqlite3 "$HEARTH_DB" .dump | grep -v -e '^INSERT INTO occ' \
		-e '^INSERT INTO occ_month' -e '^INSERT INTO meta'
}

# bad NAME STATUS NEEDLE COMMAND...: the command fails with STATUS and one
# line on stderr holding NEEDLE, and the database is as it was.
bad() {
	name=$1 want=$2 needle=$3
	shift 3
	before=$(snapshot)
	err=$("$@" 2>&1 >/dev/null)
	status=$?
	after=$(snapshot)
	lines=$(printf '%s\n' "$err" | wc -l)
	if [ "$status" != "$want" ]; then
		not_ok "$name" "exit status $status, wanted $want" "$err"
	elif [ "$lines" != 1 ]; then
		not_ok "$name: one line on stderr" "$err"
	else
		case "$err" in
		"hearth: "*"$needle"*) ok "$name" ;;
		*) not_ok "$name: the message names the problem" \
			"wanted: $needle" "got: $err" ;;
		esac
	fi
	[ "$before" = "$after" ] || not_ok "$name: the database changed"
}

add() {
	h add --kind reading --title 新活动 --start "2027-01-08 10:00" "$@"
}
bad "unknown kind" 1 "unknown kind 'lecture'" h add --kind lecture --title x \
	--start "2027-01-08 10:00"
bad "end before start" 1 "the end is not after the start" \
	add --end "2027-01-08 09:00"
bad "end equal to start" 1 "the end is not after the start" add --end 10:00
bad "all-day, last day before the first" 1 "before the first day" \
	h add --kind reading --title x --start 2027-01-08 --end 2027-01-07
bad "invalid RRULE" 1 "FREQ=SOMETIMES" add --rrule "FREQ=SOMETIMES"
bad "RRULE with garbage" 1 "not a valid" add --rrule "FREQ=WEEKLY;BYDAY=XX"
bad "RRULE too often" 1 "more often than hourly" add --rrule FREQ=MINUTELY
bad "RRULE with too large a COUNT" 1 "COUNT" add --rrule "FREQ=DAILY;COUNT=999999"
bad "RRULE with BYMONTH=13" 1 "BYMONTH=13" add --rrule "FREQ=YEARLY;BYMONTH=13"
bad "RRULE with an escape" 1 "unexpected character" add --rrule "$(printf 'FREQ=DAILY\033[2J')"
bad "unknown zone" 1 "unknown time zone 'Mars/Olympus'" add --tz Mars/Olympus
bad "hostile zone" 1 "unknown time zone '../../etc/passwd'" add --tz ../../etc/passwd
bad "malformed date" 1 "'2027-13-08 10:00' is not a date" \
	h add --kind reading --title x --start "2027-13-08 10:00"
bad "impossible date" 1 "'2027-02-30'" add --exdate 2027-02-30
bad "malformed duration" 1 "'soon'" add --duration soon
bad "end and duration" 1 "not both" add --end 12:00 --duration 2h
bad "empty title" 1 "title is empty" h add --kind reading --title "" --start 10:00
bad "blank title" 1 "title is blank" h add --kind reading --title "   " --start 10:00
bad "title not UTF-8" 1 "not valid UTF-8" h add --kind reading \
	--title "$(printf 'bad\377')" --start 10:00
bad "unknown status" 1 "unknown status 'maybe'" add --status maybe
bad "bad capacity" 1 "'lots'" add --capacity lots
bad "unknown option" 1 "'--colour'" add --colour red
bad "missing required options" 1 "required" h add --title x
bad "stray argument" 1 "'extra'" add extra
bad "unknown ID" 1 "no event has the ID 'ffffffff'" h show ffffffff
bad "unknown ID to edit" 1 "no event has the ID 'ffffffff'" h edit ffffffff --title x
bad "unknown ID to rm" 1 "no event has the ID 'ffffffff'" h rm ffffffff
bad "ambiguous ID" 1 "matches several events" h rm "$P"
bad "ambiguous ID to edit" 1 "give more of it" h edit "$P" --title x
bad "edit with a bad zone" 1 "Mars/Olympus" h edit "$U" --tz Mars/Olympus
bad "edit with a bad rule" 1 "FREQ=NEVER" h edit "$U" --rrule FREQ=NEVER
bad "edit: end before start" 1 "not after" h edit "$U" --end 18:00
bad "edit without an ID" 1 "exactly one event ID" h edit --title x
bad "override at no occurrence" 1 "no occurrence starting at 2027-01-09T19:00:00" \
	h override "$U" --at 2027-01-09 --cancel
bad "override with nothing to do" 1 "nothing to change" h override "$U" --at 2027-01-08
bad "override without --at" 1 "--at is required" h override "$U" --cancel
bad "restore of an unchanged occurrence" 1 "was not changed" \
	h override "$U" --at 2027-01-15 --restore
bad "split at the first occurrence" 1 "first occurrence" h split "$U" --at 2027-01-08
bad "split at a malformed date" 1 "'someday'" h split "$U" --at someday
bad "duplicate without --start" 1 "--start is required" h duplicate "$U"
bad "segment with no action" 1 "add, ls or rm" h segment
bad "segment of an unknown ID" 1 "ffffffff" h segment add ffffffff --title x
bad "agenda with a bad format" 1 "unknown format 'xml'" h agenda --format xml
bad "agenda with a bad date" 1 "'someday'" h agenda --from someday
bad "agenda with an empty window" 1 "window is empty" h agenda --from 2027-01-10 \
	--to 2027-01-01
bad "agenda with an unknown kind" 1 "unknown kind 'lecture'" h agenda --kind lecture
bad "agenda with a bad status" 1 "'done'" h agenda --status done
bad "unknown command" 1 "unknown command 'frobnicate'" h frobnicate
bad "unknown global option" 1 "unknown option '--frob'" h --frob
bad "--db without a path" 1 "--db needs a path" h agenda --db
bad "a bad HEARTH_NOW" 1 "HEARTH_NOW" env HEARTH_NOW=soon "$HEARTH" agenda
bad "a missing config file named on the command line" 1 "$T/none.conf" \
	h --config "$T/none.conf" agenda
printf '[general]\ntimezone = Mars/Base\n' >"$T/bad.conf"
bad "a bad config line names file and line" 1 \
	"$T/bad.conf:2: unknown time zone 'Mars/Base'" h --config "$T/bad.conf" agenda

# Database files hearth cannot use.
printf 'x' >"$T/file"
bad "unwritable database path" 1 "cannot create directory $T/file" \
	h --db "$T/file/sub/hearth.db" init
bad "a database that is not there" 1 "no database at $T/none.db" \
	h --db "$T/none.db" agenda
bad "a directory as the database" 1 "not a regular file" h --db "$T" agenda
head -c 8192 /dev/urandom >"$T/corrupt.db"
printf 'SQLite format 3\000' | dd of="$T/corrupt.db" conv=notrunc 2>/dev/null
cp "$T/corrupt.db" "$T/corrupt.copy"
err=$(h --db "$T/corrupt.db" agenda 2>&1 >/dev/null)
status=$?
case "$status" in
1 | 2) ok "a corrupt file fails with status 1 or 2" ;;
*) not_ok "a corrupt file fails with status 1 or 2" "status $status" "$err" ;;
esac
check_contains "and says so, naming the file" "$T/corrupt.db" "$err"
check_contains "in words" "not a database" "$err"
check_eq "the corrupt file is left as it was" "" \
	"$(cmp "$T/corrupt.db" "$T/corrupt.copy" 2>&1)"
head -c 5000 /dev/zero | tr '\0' 'x' >"$T/text.db"
bad "a text file as the database" 2 "database $T/text.db is damaged or not a database: run hearth check" \
	h --db "$T/text.db" agenda
sqlite3 "$T/other.db" "CREATE TABLE t (x); INSERT INTO t VALUES (1);"
bad "another program's SQLite file" 1 "not hearth's" h --db "$T/other.db" agenda
check_eq "which is left alone" 1 "$(sqlite3 "$T/other.db" 'SELECT count(*) FROM t')"
cp "$HEARTH_DB" "$T/newer.db"
newer=$(($(sqlite3 "$T/newer.db" "PRAGMA user_version") + 1))
sqlite3 "$T/newer.db" "PRAGMA user_version = $newer"
bad "a file from a newer hearth" 1 "newer hearth" h --db "$T/newer.db" agenda
bad "a file from a newer hearth, to write" 1 "upgrade hearth" \
	h --db "$T/newer.db" add --kind reading --title x --start 10:00
check_eq "whose version is kept" "$newer" \
	"$(sqlite3 "$T/newer.db" 'PRAGMA user_version')"
check_eq "the good database still answers" 1 \
	"$(h agenda --from 2027-01-08 --to 2027-01-08 --format tsv | wc -l)"

# Rules libical would spin on for seconds are refused at once.
for rule in 'FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30;COUNT=5' \
	    'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30'; do
	check_status "refuses the never-matching rule $rule" 1 \
		h add --kind volunteer --title t --start '2027-01-01 10:00' \
		--duration 1h --rrule "$rule"
	check_contains "and says why" "repeat rule" "$OUT"
done
