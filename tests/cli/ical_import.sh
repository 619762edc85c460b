#!/bin/sh
# ical_import.sh - hearth import on calendars written by others and on
# broken files: what is kept, what is reported (FILE:LINE: message), exit
# statuses, dry runs, stale files, and nothing from libical on stderr.
. "$(dirname "$0")/../lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
fx=$top/tests/ical
setup
cd "$T" || exit 2
export TZ=Asia/Shanghai HEARTH_NOW=1798416000
printf '[general]\ntimezone = Asia/Shanghai\n' >"$XDG_CONFIG_HOME/hearth/config"

# tsv FROM TO: the agenda as start, end, title, venue.
tsv() {
	h agenda --from "$1" --to "$2" --format tsv | cut -f 1,2,5,6
}

# Every line on stderr is hearth's: "FILE:LINE: ..." or "hearth: ...".
clean_stderr() {
	bad=$(grep -v -E "^($1:[0-9]+: |hearth: )" "$2")
	check_eq "$3: nothing but hearth's messages on stderr" "" "$bad"
}

check_status "import --help" 0 h import --help
check_contains "import --help tells the exit statuses" "Exit status" "$OUT"
check_status "import without a file is a usage error" 1 h import
check_status "a missing file is a user error" 1 h import nosuch.ics
check_contains "naming it" "nosuch.ics" "$OUT"
check_status "an unknown --kind is refused" 1 h import --kind nosuch "$fx/google_export.ics"

# Google: a change before its series, a cancelled one, all-day, VALARM.
check_status "google: dry run" 0 h import --dry-run "$fx/google_export.ics"
check_contains "google: dry run says what it would do" "would add 3" "$OUT"
check_contains "google: ... event by event" \
	"google_export.ics:34: note: would add '骑手暖心驿站开放日'" "$OUT"
check_eq "google: the dry run changed nothing" "" "$(tsv 2027-01-01 2027-02-28)"
check_status "google: import" 0 h import "$fx/google_export.ics"
check_contains "google: summary" "added 3, updated 0; 0 unchanged, 0 skipped" "$OUT"
got=$(tsv 2027-01-16 2027-01-16)
check_contains "google: the change that came first moves its occurrence" \
	"2027-01-16T15:00:00+08:00	2027-01-16T17:00:00+08:00	骑手暖心驿站开放日" "$got"
got=$(tsv 2027-01-18 2027-01-22 | grep -c 晨间健康测量)
check_eq "google: the cancelled occurrence is gone (5 less 1)" 4 "$got"
check_contains "google: all-day over two days" \
	"2027-01-23	2027-01-25	腊八节志愿者集中服务（两天）" "$(tsv 2027-01-23 2027-01-24)"
check_eq "google: the excluded Saturday is not listed" "" \
	"$(tsv 2027-02-06 2027-02-06)"
h export -o google-back.ics
check_contains "google: its reminder is exported back" "TRIGGER:-PT30M" \
	"$(cat google-back.ics)"
check_status "google: importing it again" 0 h import "$fx/google_export.ics"
check_contains "google: ... changes nothing" "added 0, updated 0; 3 unchanged" "$OUT"

# Outlook: Windows zone names, ATTENDEE, X-MICROSOFT properties.
check_status "outlook: import" 0 h import "$fx/outlook_windows.ics"
check_contains "outlook: says which zone a Windows name is" \
	"outlook_windows.ics:35: note: TZID 'China Standard Time' is the Windows name of Asia/Shanghai" "$OUT"
check_contains "outlook: weekly on Fridays, 14:00 Beijing time" \
	"2027-01-15T14:00:00+08:00	2027-01-15T17:00:00+08:00	司机免费体检	盘锦司机之家" \
	"$(tsv 2027-01-15 2027-01-15)"
check_contains "outlook: Berlin across its spring-forward night" \
	"2027-03-28T08:30:00+08:00	2027-03-28T09:30:00+08:00	Partnertreffen" \
	"$(tsv 2027-03-28 2027-03-28)"
h export -o outlook-back.ics
check_lacks "outlook: attendees are never exported" "ATTENDEE" "$(cat outlook-back.ics)"
check_contains "outlook: its own properties come back" \
	"X-MICROSOFT-CDO-BUSYSTATUS:BUSY" "$(cat outlook-back.ics)"
check_contains "outlook: the organiser becomes the host" \
	"ORGANIZER;CN=Wang Li:mailto:wangli@example.org" "$(cat outlook-back.ics)"

# Zones only a VTIMEZONE defines, and one defined nowhere.
check_status "custom zones: import" 0 h import "$fx/custom_vtimezone.ics"
check_contains "custom zones: mapped to the default zone with the same offsets" \
	"has the offsets of Asia/Shanghai" "$OUT"
check_contains "custom zones: Mitteleuropa follows Berlin's rules" \
	"2027-03-27T17:00:00+08:00	2027-03-27T18:00:00+08:00	Sprechstunde" \
	"$(tsv 2027-03-27 2027-03-27)"
check_contains "custom zones: an unmatched zone is converted, and said so" \
	"custom_vtimezone.ics:55: note: TZID 'Olympus Mons Time' matches no IANA zone; times converted to UTC" "$OUT"
check_contains "custom zones: an undefined zone is read in the default zone" \
	"custom_vtimezone.ics:62: note: TZID 'Nowhere/Undefined' is defined nowhere; times read in Asia/Shanghai" "$OUT"

# Floating, UTC, prefixed TZIDs, RDATE.
check_status "floating and UTC: import" 0 h import "$fx/floating_utc.ics"
check_contains "floating: read in the calendar's zone" \
	"2027-01-10T09:30:00+08:00	2027-01-10T11:30:00+08:00	社区读书角（浮动时间）" \
	"$(tsv 2027-01-10 2027-01-10)"
h export --uid floating-1@example.org -o floating-back.ics
check_contains "floating: exported floating again" "DTSTART:20270110T093000" \
	"$(cat floating-back.ics)"
check_contains "UTC: DURATION and COUNT" \
	"2027-03-11T10:00:00+08:00	2027-03-11T11:30:00+08:00	Online volunteer call (UTC)" \
	"$(tsv 2027-03-11 2027-03-11)"
check_eq "prefixed TZID and RDATE: three dates" 3 \
	"$(tsv 2027-01-01 2027-01-31 | grep -c 流动书车)"

# Broken files: every problem on its line; an event loses only what is
# broken (a rule, a line) unless it has no start to be placed by, or its
# nesting is lost (issue 11).
h import "$fx/broken_mixed.ics" >out.txt 2>err.txt
check_eq "broken: exit status 1" 1 "$?"
err=$(cat err.txt)
for want in ":4: END:VEVENT without its BEGIN" \
	    ":15: DTSTART: not a valid date or time" \
	    ":22: note: RRULE: repeat rule 'FREQ=DAILY;COUNT=2147483647': COUNT must be between 1 and 100000; the rule is dropped and the event kept at its start" \
	    ":29: note: RRULE: repeat rule 'FREQ=SECONDLY'" \
	    ":36: note: SUMMARY: line is not valid UTF-8; dropped" \
	    ":42: note: SUMMARY: line holds a NUL byte; dropped" \
	    ":48: components nested too deeply" ":60: note: RRULE:" \
	    ":73: END:VEVENT is missing before this line" \
	    ":79: note: the file holds changed occurrences of the UID 'orphan@example.org' but not its event" \
	    ":92: note: RRULE: an hourly rule limited to some dates is not supported"; do
	check_contains "broken: reports $want" "broken_mixed.ics$want" "$err"
done
clean_stderr "$fx/broken_mixed.ics" err.txt broken
check_contains "broken: every event with a usable start is in" "added 10," \
	"$(cat out.txt)"
got=$(tsv 2027-01-05 2027-01-07)
check_contains "broken: good event one" "Good event one" "$got"
check_contains "broken: good event two" "Good event two" "$got"
check_contains "broken: a rule libical refuses: at its start" \
	"2027-01-05T18:00:00+08:00	2027-01-05T18:01:00+08:00	Bad rule" \
	"$got"
check_eq "broken: an endless COUNT: at its start only" 1 \
	"$(echo "$got" | grep -c 'Endless count')"
check_contains "broken: a change without its series: an event of its own" \
	"2027-01-05T20:00:00+08:00	2027-01-05T20:01:00+08:00	Change of nothing" \
	"$got"
check_lacks "broken: invalid UTF-8 is not stored" "bytes" "$got"
h agenda --from 2027-01-06 --to 2027-01-06 >text.txt
check_lacks "broken: escape sequences are neutralised when shown" \
	"$(printf '\033')" "$(cat text.txt)"
check_contains "broken: ... but kept as data" '\u001b[31mred' \
	"$(h agenda --from 2027-01-06 --to 2027-01-06 --format json)"

h import "$fx/broken_huge_line.ics" >out.txt 2>err.txt
check_eq "huge line: exit status 0 (nothing skipped)" 0 "$?"
check_contains "huge line: reported, the limit named" \
	"broken_huge_line.ics:7: note: DESCRIPTION: line longer than 256 KiB; dropped" \
	"$(cat err.txt)"
check_contains "huge line: its event and the next are in" "added 2," \
	"$(cat out.txt)"
check_lacks "huge line: ... without the description" "AAAA" \
	"$(h show huge@example.org)"

# Standard input, and a stale file after a local change.
check_status "standard input" 0 sh -c "'$HEARTH' import - <'$fx/google_export.ics'"
check_contains "standard input: named stdin" "stdin: added 0" "$OUT"
h edit 9f8e7d6c@google.com --title '晨间健康测量（本地）' >/dev/null
check_status "stale: import is not an error" 0 h import "$fx/google_export.ics"
check_contains "stale: reported" "has a newer version of '晨间健康测量'" "$OUT"
check_contains "stale: the local change stays" "晨间健康测量（本地）" \
	"$(h show 9f8e7d6c@google.com)"

# Hostile input that must not hang or eat memory: COUNT=2^31 was above;
# endless nesting and a calendar of a million END lines finish quickly.
"/usr/bin/python3" -c '
import sys
w = sys.stdout.write
w("BEGIN:VCALENDAR\r\n" + "BEGIN:VEVENT\r\n" * 100000 + "END:VEVENT\r\n" * 200000)
w("END:VCALENDAR\r\n")' >nest.ics
check_status "deep nesting: rejected, exit 1" 1 h import nest.ics
h import nest.ics 2>nest.err >/dev/null
clean_stderr nest.ics nest.err "deep nesting"
