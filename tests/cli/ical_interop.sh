#!/bin/sh
# ical_interop.sh - other programs read hearth's exports as hearth means them.
#
# The demo calendar and a generated one are exported and read by
# independent implementations from Debian: python3-icalendar expanded by
# python3-recurring-ical-events, and khal (import, then 'khal list'). The
# occurrences each sees in a window (start, end, title, location) must be
# those of 'hearth agenda --format tsv' for the same window. calcurse must
# import the file without rejecting an item, and show the series it
# understands (no changed occurrences) on the same days as hearth.
. "$(dirname "$0")/../lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
py=/usr/bin/python3
interop="$py $top/tests/ical/interop.py"
setup
cd "$T" || exit 2
export TZ=Asia/Shanghai HEARTH_NOW=1798416000 # 2026-12-28 08:00 here
printf '[general]\ntimezone = Asia/Shanghai\n' >"$XDG_CONFIG_HOME/hearth/config"

# compare NAME FILE FROM TO: python and khal against hearth's agenda.
compare() {
	name=$1 file=$2 from=$3 to=$4
	h agenda --from "$from" --to "$to" --format tsv >agenda.tsv
	h venues --format tsv >venues.tsv
	$interop agenda agenda.tsv venues.tsv >want.txt
	n=$(wc -l <want.txt)
	if [ "$n" -ge 5 ]; then
		ok "$name: hearth lists occurrences to compare ($n)"
	else
		not_ok "$name: hearth lists occurrences to compare ($n)"
	fi
	# python's window: the agenda's, from the start of FROM to the end of TO.
	end=$(date -d "$to + 1 day" +%Y-%m-%d)
	$interop ics "$file" "${from}T00:00:00" "${end}T00:00:00" Asia/Shanghai \
		>python.txt 2>python.err
	check_eq "$name: python-icalendar sees the same occurrences" \
		"$(cat want.txt)" "$(cat python.txt python.err)"
	rm -rf khal && mkdir -p khal/cal
	cat >khal/config <<EOC
[calendars]
[[hearth]]
path = $T/khal/cal
type = calendar
[locale]
local_timezone = Asia/Shanghai
default_timezone = Asia/Shanghai
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%dT%H:%M
longdatetimeformat = %Y-%m-%dT%H:%M
EOC
	if khal -c khal/config import --batch -a hearth "$file" >khal.err 2>&1; then
		ok "$name: khal imports the file"
	else
		not_ok "$name: khal imports the file" "$(head -n 5 khal.err)"
	fi
	khal -c khal/config list --format "{start}|{end}|{title}|{location}" \
		--day-format "" "$from" "$to" >khal.raw 2>>khal.err
	$interop khal khal.raw >khal.txt
	check_eq "$name: khal sees the same occurrences" "$(cat want.txt)" \
		"$(cat khal.txt)"
}

# calcurse NAME FILE FROM DAYS: imports without rejects; simple series agree.
calcurse_check() {
	name=$1 file=$2 from=$3 days=$4
	rm -rf cc && mkdir cc
	calcurse -D "$T/cc" -i "$file" >cc.out 2>&1
	check_contains "$name: calcurse imports without rejecting an item" \
		" 0 skipped" "$(cat cc.out)"
	# Series with changed occurrences or extra dates are left out:
	# calcurse ignores RECURRENCE-ID.
	odd=$(grep -E '^(RECURRENCE-ID|X-HEARTH-SERIES)' -B 40 "$file" |
	      sed -n 's/^UID:\(.*\)\r$/\1/p' | sed 's/-rdate-.*//' | sort -u)
	m=$(echo "$from" | cut -c6-7) d=$(echo "$from" | cut -c9-10) y=$(echo "$from" | cut -c1-4)
	calcurse -D "$T/cc" -Q --from "$m/$d/$y" --days "$days" \
		--format-apt '%m\n' --format-recur-apt '%m\n' \
		--format-event '%m\n' --format-recur-event '%m\n' >cc.raw 2>&1
	$interop calcurse cc.raw >cc.txt
	to=$(date -d "$from + $((days - 1)) days" +%Y-%m-%d)
	h agenda --from "$from" --to "$to" --format tsv >cc-agenda.tsv
	for uid in $odd; do
		grep -v "	$uid	" cc-agenda.tsv >cc-keep.tsv
		mv cc-keep.tsv cc-agenda.tsv
	done
	# Each day an occurrence of a simple series touches, as day|title.
	"$py" - cc-agenda.tsv >cc-want.txt <<'EOP'
import datetime, sys
rows = set()
for line in open(sys.argv[1], encoding="utf-8"):
    start, end, uid, kind, title, venue = line.rstrip("\n").split("\t")
    a = datetime.date.fromisoformat(start[:10])
    rows.add((a.isoformat(), title))
for r in sorted(rows):
    print("|".join(r))
EOP
	missing=$(comm -23 cc-want.txt cc.txt)
	check_eq "$name: calcurse shows simple series on hearth's days" "" "$missing"
}

h init --demo >/dev/null
h export -o demo.ics
compare demo demo.ics 2026-12-28 2027-02-10
calcurse_check demo demo.ics 2026-12-28 30

# A generated calendar: weekly BYDAY rules with UNTIL and COUNT, daily and
# monthly rules, exceptions, changed and cancelled occurrences, extra
# dates, all-day events, and Europe/Berlin across its daylight-saving days.
export HEARTH_DB="$T/gen.db"
"$py" "$top/tests/ical/gen_calendar.py" 120 7 >gen-in.ics
h import gen-in.ics >/dev/null
h export -o gen.ics
compare generated gen.ics 2027-03-01 2027-04-15
calcurse_check generated gen.ics 2027-03-01 20

# --occurrences: plain events, no rules, the same occurrences.
h export --occurrences --from 2027-03-01 --to 2027-04-15 -o occ.ics
if grep -q '^RRULE' occ.ics; then
	not_ok "--occurrences writes no repeat rule"
else
	ok "--occurrences writes no repeat rule"
fi
compare occurrences occ.ics 2027-03-01 2027-04-15
