#!/bin/sh
# ical_export.sh - hearth export: options, the file written atomically, the
# form clients need (CRLF, folding, PUBLISH, zones), extra dates for ICSx5,
# cancelled occurrences, --occurrences.
. "$(dirname "$0")/../lib.sh"
setup
cd "$T" || exit 2
export TZ=Asia/Shanghai HEARTH_NOW=1798416000
py=/usr/bin/python3

check_status "export --help" 0 h export --help
check_contains "export --help names --occurrences" "--occurrences" "$OUT"
check_status "export without a database is a user error" 1 h export
check_status "an unknown option is a usage error" 1 h export --bogus
h init --demo >/dev/null
check_status "an unknown kind is refused" 1 h export --kind nosuch
check_status "an empty window is refused" 1 h export --from 2027-02-01 --to 2027-01-01

id=$(h add --kind volunteer --title '雪后清扫' --start '2027-01-04 08:00' \
	--duration 2h --rrule 'FREQ=WEEKLY;BYDAY=MO;COUNT=6' \
	--rdate '2027-01-09 09:00' --venue 粮库社区文化广场 --host 粮库社区党委)
h override "$id" --at '2027-01-18 08:00' --cancel --note '暴雪' >/dev/null

# To a file: replaced atomically, the usual mode, nothing left beside it.
umask 022
mkdir out
echo old >out/cal.ics
check_status "export -o FILE" 0 h export -o out/cal.ics
check_eq "the file replaced, nothing else in its directory" "cal.ics" \
	"$(ls -A out)"
check_eq "mode 644 under umask 022" "644" "$(stat -c %a out/cal.ics)"
check_status "an unwritable place is an error" 1 h export -o nosuch/dir/cal.ics
check_contains "naming it" "nosuch/dir/cal.ics" "$OUT"
# A FIFO (or /dev/stdout, /dev/null) is written to, never replaced.
mkfifo pipe
cat pipe >from-pipe.ics &
h export -o pipe
wait
check_eq "-o FIFO: still a FIFO" "fifo" "$(stat -c %F pipe | cut -c1-4)"
check_contains "-o FIFO: the calendar went through it" "END:VCALENDAR" \
	"$(cat from-pipe.ics)"
check_status "-o a directory is an error" 1 h export -o out
h export >stdout.ics
grep -v '^DTSTAMP' stdout.ics >a.txt
grep -v '^DTSTAMP' out/cal.ics >b.txt
check_status "standard output gets the same calendar" 0 cmp a.txt b.txt

# The form: CRLF, lines of at most 75 octets, never a split character.
form=$("$py" - out/cal.ics <<'EOP'
import sys
data = open(sys.argv[1], "rb").read()
lines = data.split(b"\r\n")
problems = []
if lines[-1] != b"":
    problems.append("does not end in CRLF")
for n, l in enumerate(lines[:-1], 1):
    if b"\n" in l or b"\r" in l:
        problems.append("%d: bare line end" % n)
    if len(l) > 75:
        problems.append("%d: %d octets" % (n, len(l)))
    try:
        l.decode("utf-8")
    except UnicodeDecodeError:
        problems.append("%d: split UTF-8 character" % n)
print("\n".join(problems))
EOP
)
check_eq "CRLF, at most 75 octets, whole characters" "" "$form"
cal=$(cat out/cal.ics | tr -d '\r')
for want in "VERSION:2.0" "CALSCALE:GREGORIAN" "METHOD:PUBLISH" \
	    "X-WR-CALNAME:hearth" "NAME:hearth" "X-WR-TIMEZONE:Asia/Shanghai" \
	    "REFRESH-INTERVAL;VALUE=DURATION:P1D" "X-PUBLISHED-TTL:P1D" \
	    "TZID:Asia/Shanghai" "ORGANIZER;CN=粮库社区党委:"; do
	check_contains "the calendar has $want" "$want" "$cal"
done
check_lacks "plain IANA TZIDs" "freeassociation" "$cal"
check_lacks "no attendee is published" "ATTENDEE" "$cal"
check_eq "one VTIMEZONE per zone" 1 "$(grep -c '^BEGIN:VTIMEZONE' out/cal.ics)"

# Extra dates: events of their own by default (ICSx5 drops RDATE events).
check_lacks "no RDATE by default" "
RDATE" "$cal"
check_contains "the extra date is an event of its own" \
	"UID:$id-rdate-20270109T090000" "$cal"
h export --rdate -o rdate.ics
check_contains "--rdate writes RDATE" "RDATE;TZID=Asia/Shanghai:20270109T090000" \
	"$(tr -d '\r' <rdate.ics)"
check_lacks "--rdate writes no extra event" "$id-rdate-" "$(cat rdate.ics)"

# The cancelled occurrence: shown cancelled (tests/cli/phones.sh reads it
# with other programs), or with cancelled = exdate an EXDATE every client
# honours; and its note for a re-import.
check_contains "cancelled occurrence as a cancelled instance" \
	"RECURRENCE-ID;TZID=Asia/Shanghai:20270118T080000" "$cal"
check_lacks "... not an EXDATE" "EXDATE" "$cal"
check_contains "... with what hearth knows of it" \
	"X-HEARTH-CANCELLED:20270118T080000;;;;暴雪;" "$cal"
printf '[general]\ncancelled = exdate\n' >exdate.conf
h --config exdate.conf export -o exdate.ics
check_contains "cancelled = exdate: cancelled occurrence as EXDATE" \
	"EXDATE;TZID=Asia/Shanghai:20270118T080000" "$(tr -d '\r' <exdate.ics)"
check_lacks "... and no instance of it" \
	"RECURRENCE-ID;TZID=Asia/Shanghai:20270118T080000" "$(tr -d '\r' <exdate.ics)"

# Filters.
h export --kind station -o station.ics
n=$(grep -c '^BEGIN:VEVENT' station.ics)
kinds=$(tr -d '\r' <station.ics | sed -n 's/^X-HEARTH-KIND://p' | sort -u)
check_eq "--kind keeps only that kind" "station" "$kinds"
check_contains "--kind names the calendar" "X-WR-CALNAME:hearth – Service station" \
	"$(tr -d '\r' <station.ics)"
short=$(echo "$id" | cut -c1-8)
h export --uid "$short" -o one.ics
check_eq "--uid takes a unique start of a UID" "$id" \
	"$(tr -d '\r' <one.ics | sed -n 's/^UID://p' | sed 's/-rdate-.*//' |
	   sort -u)"
check_status "--uid of nothing is an error" 1 h export --uid nosuchid

# --occurrences: plain events whose UIDs stay the same between exports.
h export --occurrences --from 2027-01-01 --to 2027-01-31 -o occ1.ics
HEARTH_NOW=1798502400 h export --occurrences --from 2027-01-01 --to 2027-01-31 -o occ2.ics
check_eq "--occurrences: one event per occurrence, cancelled ones shown" \
	"$(h agenda --from 2027-01-01 --to 2027-01-31 --cancelled --format tsv |
	   wc -l)" \
	"$(grep -c '^BEGIN:VEVENT' occ1.ics)"
check_eq "--occurrences: the same UIDs from one export to the next" \
	"$(grep '^UID' occ1.ics)" "$(grep '^UID' occ2.ics)"
check_contains "--occurrences: UID is the series' and the start" \
	"UID:$id-20270111T080000" "$(tr -d '\r' <occ1.ics)"
