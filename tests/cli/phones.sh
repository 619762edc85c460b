#!/bin/sh
# phones.sh - what phones show of an exported calendar: a cancelled
# occurrence stays, marked and with its reason; a moved one says what
# changed; reminders come as VALARM ACTION:DISPLAY with a DESCRIPTION.
#
# Read by readers no one here wrote: python3-icalendar expanded by
# python3-recurring-ical-events (Debian), and ical.js (npm; make check
# installs it into build/npm, never into the repository).
. "$(dirname "$0")/../lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
py=/usr/bin/python3
setup
cd "$T" || exit 2
use_locales || { not_ok "zh_CN.UTF-8 and en_US.UTF-8 can be made"; exit 1; }
export TZ=Asia/Shanghai HEARTH_NOW=1798416000 LC_ALL=zh_CN.UTF-8 LANGUAGE=
printf '[general]\ntimezone = Asia/Shanghai\n' >"$XDG_CONFIG_HOME/hearth/config"
icaljs=$top/build/npm/node_modules/ical.js

h init >/dev/null
h venue add "兴隆台万达广场" --address "盘锦市兴隆台区" >/dev/null
id=$(h add --kind warm-station --title "暖冬驿站" --start "2027-01-15 10:00" \
	--end 18:00 --rrule "FREQ=WEEKLY;BYDAY=FR,SA,SU;UNTIL=20270131" \
	--venue "兴隆台万达广场" --description "热水、充电" --no-segments \
	--alarm 1d --alarm 1h)
h override "$id" --at 2027-01-16 --cancel --note "商场检修" >/dev/null
h override "$id" --at 2027-01-17 --start 11:00 --end 19:00 >/dev/null
h export -o cal.ics

# what: the three days as a phone should show them.
want="2027-01-15T10:00|暖冬驿站|CONFIRMED|热水、充电|DISPLAY:1440:暖冬驿站,DISPLAY:60:暖冬驿站
2027-01-16T10:00|【已取消】暖冬驿站|CANCELLED|商场检修\\n\\n热水、充电|
2027-01-17T11:00|暖冬驿站|CONFIRMED|时间调整：原定 10:00\\n\\n热水、充电|DISPLAY:1440:暖冬驿站,DISPLAY:60:暖冬驿站"

$py "$top/tests/ical/phones.py" cal.ics 2027-01-15T00:00 2027-01-18T00:00 \
	Asia/Shanghai >python.txt 2>&1
check_eq "python-icalendar + recurring-ical-events: cancelled shown, moved told, reminders" \
	"$want" "$(cat python.txt)"

if [ -f "$icaljs/package.json" ] && command -v node >/dev/null; then
	NODE_PATH=$top/build/npm/node_modules node "$top/tests/ical/icaljs.cjs" \
		cal.ics 2027-01-14T16:00:00Z 2027-01-17T16:00:00Z >icaljs.txt 2>&1
	check_eq "ical.js: the same" "$want" "$(cat icaljs.txt)"
else
	# make check installs it; by hand: make build/npm/node_modules/ical.js
	not_ok "ical.js is installed in build/npm (make check does it)"
fi

# In English the marker and the note are English.
LC_ALL=en_US.UTF-8 h export -o en.ics
$py "$top/tests/ical/phones.py" en.ics 2027-01-16T00:00 2027-01-18T00:00 \
	Asia/Shanghai | cut -d'|' -f2,4 >en.txt
check_eq "in English: [Cancelled] and Time changed" \
	"[Cancelled] 暖冬驿站|商场检修\\n\\n热水、充电
暖冬驿站|Time changed: originally 10:00\\n\\n热水、充电" "$(cat en.txt)"

# cancelled = exdate: the occurrence is left out instead.
printf '[general]\ntimezone = Asia/Shanghai\ncancelled = exdate\n' >exdate.conf
h --config exdate.conf export -o exdate.ics
$py "$top/tests/ical/phones.py" exdate.ics 2027-01-15T00:00 2027-01-18T00:00 \
	Asia/Shanghai | cut -d'|' -f1 >exdate.txt
check_eq "cancelled = exdate: the cancelled Saturday is left out" \
	"2027-01-15T10:00
2027-01-17T11:00" "$(cat exdate.txt)"

# Reminders: the kind's by default, none, and back to the kind's.
printf '[general]\ntimezone = Asia/Shanghai\n[kind warm-station]\nalarm = 2h\n' \
	>kind.conf
h edit "$id" --alarm kind
h --config kind.conf export -o kind.ics
$py "$top/tests/ical/phones.py" kind.ics 2027-01-15T00:00 2027-01-16T00:00 \
	Asia/Shanghai | cut -d'|' -f5 >kind.txt
check_eq "the kind's reminder from the config" "DISPLAY:120:暖冬驿站" \
	"$(cat kind.txt)"
h edit "$id" --alarm none
h --config kind.conf export -o none.ics
check_lacks "--alarm none: no VALARM" "BEGIN:VALARM" "$(cat none.ics)"
check_status "a bad reminder is refused" 1 h edit "$id" --alarm 2x
check_contains "naming it" "2x" "$OUT"
check_status "a reminder of five weeks is refused" 1 h edit "$id" --alarm 35d

# Imported reminders stay as they were, and do not get the kind's too.
cat >imported.ics <<'EOF'
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
BEGIN:VEVENT
UID:imported-1
DTSTART:20270120T020000Z
DTEND:20270120T040000Z
SUMMARY:体检
BEGIN:VALARM
ACTION:DISPLAY
DESCRIPTION:明天体检
TRIGGER:-PT30M
END:VALARM
END:VEVENT
END:VCALENDAR
EOF
h import imported.ics --kind fair >/dev/null
h --config kind.conf export --uid imported-1 -o imp.ics
$py "$top/tests/ical/phones.py" imp.ics 2027-01-20T00:00 2027-01-21T00:00 \
	Asia/Shanghai | cut -d'|' -f5 >imp.txt
check_eq "an imported reminder stays, alone" "DISPLAY:30:明天体检" "$(cat imp.txt)"

# A round trip keeps the event's own reminders and the kind's stay the kind's.
h edit "$id" --alarm 3h
h export -o a.ics
HEARTH_DB=$T/b.db h init >/dev/null
HEARTH_DB=$T/b.db h import a.ics >/dev/null
HEARTH_DB=$T/b.db h export -o b.ics
check_eq "export, import, export: the same reminders" \
	"$(grep -c 'BEGIN:VALARM' a.ics) $(grep 'TRIGGER' a.ics | sort -u)" \
	"$(grep -c 'BEGIN:VALARM' b.ics) $(grep 'TRIGGER' b.ics | sort -u)"
check_contains "and they are the event's own" "Reminders:   3h" \
	"$(HEARTH_DB=$T/b.db LC_ALL=C.UTF-8 h show "$id")"
