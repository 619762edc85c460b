#!/bin/sh
# ical_sequence.sh - SEQUENCE (issue 10): a calendar app takes an event it
# already has as changed only when its SEQUENCE grew, so every change of a
# series (its fields, an occurrence changed, cancelled, moved or restored,
# a segment added or removed, a split) makes it grow in every component of
# the series, and an imported series keeps the SEQUENCE its file gave
# (changed occurrences included) rather than starting again from 0.
. "$(dirname "$0")/../lib.sh"
setup
cd "$T" || exit 2
export TZ=Asia/Shanghai HEARTH_NOW=1798416000 LC_ALL=C.UTF-8

# seqs UID: the SEQUENCE of every component of series UID, one a line.
seqs() {
	h export -o - | awk -v uid="UID:$1" '
		/^BEGIN:VEVENT/ { mine = 0 }
		$0 == uid "\r" || $0 == uid { mine = 1 }
		/^SEQUENCE:/ && mine { sub(/\r$/, ""); sub(/^SEQUENCE:/, ""); print }'
}
# grows WHAT UID COMMAND...: runs the change, then every component of UID
# has one SEQUENCE, higher than before.
last=
grows() {
	what=$1 uid=$2
	shift 2
	before=$(seqs "$uid" | sort -n | tail -n 1)
	"$@" >/dev/null
	after=$(seqs "$uid" | sort -u)
	if [ "$(printf '%s\n' "$after" | wc -l)" -eq 1 ] &&
	   [ "$after" -gt "$before" ]; then
		ok "$what: SEQUENCE $before -> $after"
	else
		not_ok "$what: SEQUENCE grows in every component" \
			"before $before, after: $(echo $after)"
	fi
	last=$after
}

h init >/dev/null
id=$(h add --kind reading --title 读书会 --start '2027-01-04 09:00' \
	--duration 2h --rrule 'FREQ=WEEKLY;COUNT=6')
check_eq "a new series has SEQUENCE 0" 0 "$(seqs "$id")"
grows "an occurrence given its own title" "$id" \
	h override "$id" --at 2027-01-11 --title 读书会（改期）
grows "an occurrence moved" "$id" \
	h override "$id" --at 2027-01-18 --start 14:00
grows "an occurrence cancelled" "$id" \
	h override "$id" --at 2027-01-25 --cancel
grows "a cancelled occurrence restored" "$id" \
	h override "$id" --at 2027-01-25 --restore
grows "a segment added" "$id" h segment add "$id" --title 暖场 --from 09:00 --to 09:15
grows "a segment removed" "$id" h segment rm "$id" 1
grows "the title changed" "$id" h edit "$id" --title 青少年读书会
grows "the rule changed" "$id" h edit "$id" --rrule 'FREQ=WEEKLY;COUNT=8'
grows "the series split" "$id" h split "$id" --at 2027-02-08
n=$(seqs "$id" | wc -l)
check_eq "the changed occurrences are exported too (master + 2)" 3 "$n"

# A file's SEQUENCE is kept, the highest of its components for all of
# them (a changed occurrence is often sent higher than its master).
cat >in.ics <<'ICS'
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
BEGIN:VEVENT
UID:seq-kept@example.org
DTSTAMP:20261201T000000Z
SEQUENCE:4
DTSTART;TZID=Asia/Shanghai:20270105T090000
DTEND;TZID=Asia/Shanghai:20270105T100000
RRULE:FREQ=DAILY;COUNT=5
SUMMARY:晨间测量
END:VEVENT
BEGIN:VEVENT
UID:seq-kept@example.org
DTSTAMP:20261201T000000Z
SEQUENCE:7
RECURRENCE-ID;TZID=Asia/Shanghai:20270107T090000
DTSTART;TZID=Asia/Shanghai:20270107T150000
DTEND;TZID=Asia/Shanghai:20270107T160000
SUMMARY:晨间测量（改期）
END:VEVENT
END:VCALENDAR
ICS
h import in.ics >/dev/null
check_eq "an imported series keeps its file's SEQUENCE (the highest)" \
	"7 7" "$(echo $(seqs seq-kept@example.org))"
out=$(h import in.ics 2>&1)
check_contains "the same file again changes nothing" "added 0, updated 0;" "$out"
grows "an imported series changed here" seq-kept@example.org \
	h edit seq-kept@example.org --title 晨间健康测量
sed 's/^SEQUENCE:7/SEQUENCE:9/' in.ics >newer.ics
out=$(h import newer.ics 2>&1)
check_contains "a newer SEQUENCE from the file updates it" "updated 1;" "$out"
check_eq "and is kept" "9 9" "$(echo $(seqs seq-kept@example.org))"
