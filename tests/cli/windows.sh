#!/bin/sh
# Query windows across the daylight-saving changes of Europe/Berlin, and
# across month and year ends: times and UTC offsets on both sides.
. "$(dirname "$0")/../lib.sh"
setup
export HEARTH_NOW=1798416000
printf '[general]\ntimezone = Europe/Berlin\n' >"$XDG_CONFIG_HOME/hearth/config"

# agenda FROM TO: start, end and title of each occurrence.
agenda() {
	h agenda --from "$1" --to "$2" --format tsv | cut -f1,2,5
}
T='	' # a tab

h add --kind volunteer --title 早班 --start "2027-03-26 02:30" --duration 30m \
	--rrule "FREQ=DAILY;COUNT=5" >/dev/null
h add --kind volunteer --title 周六晚 --start "2027-03-20 18:00" --duration 2h \
	--rrule "FREQ=WEEKLY;BYDAY=SA;UNTIL=20271107T000000Z" >/dev/null
h add --kind clinic --title 上海义诊 --tz Asia/Shanghai --start "2027-03-28 09:00" \
	--duration 1h >/dev/null

check_eq "spring forward: 02:30 is read as 03:30 summer time that day" \
"2027-03-26T02:30:00+01:00${T}2027-03-26T03:00:00+01:00${T}早班
2027-03-27T02:30:00+01:00${T}2027-03-27T03:00:00+01:00${T}早班
2027-03-28T03:00:00+02:00${T}2027-03-28T04:00:00+02:00${T}上海义诊
2027-03-28T03:30:00+02:00${T}2027-03-28T04:00:00+02:00${T}早班
2027-03-29T02:30:00+02:00${T}2027-03-29T03:00:00+02:00${T}早班
2027-03-30T02:30:00+02:00${T}2027-03-30T03:00:00+02:00${T}早班" \
	"$(agenda 2027-03-26 2027-03-30 | grep -v 周六晚)"
check_eq "the evening keeps 18:00 on both sides of the change" \
"2027-03-20T18:00:00+01:00${T}2027-03-20T20:00:00+01:00${T}周六晚
2027-03-27T18:00:00+01:00${T}2027-03-27T20:00:00+01:00${T}周六晚
2027-04-03T18:00:00+02:00${T}2027-04-03T20:00:00+02:00${T}周六晚" \
	"$(agenda 2027-03-20 2027-04-04 | grep 周六晚)"
check_eq "and in autumn" \
"2027-10-30T18:00:00+02:00${T}2027-10-30T20:00:00+02:00${T}周六晚
2027-11-06T18:00:00+01:00${T}2027-11-06T20:00:00+01:00${T}周六晚" \
	"$(agenda 2027-10-30 2027-12-31)"
# The 23-hour day is a whole day: from its midnight to the next.
check_eq "a one-day window on the short day" "上海义诊 早班" \
	"$(h agenda --from 2027-03-28 --to 2027-03-28 --format tsv | cut -f5 | tr '\n' ' ' | sed 's/ $//')"
h add --kind volunteer --title 换季夜 --start "2027-10-31 00:30" --end "2027-10-31 23:30" \
	>/dev/null
check_eq "the 25-hour day holds all of it" \
	"2027-10-31T00:30:00+02:00${T}2027-10-31T23:30:00+01:00${T}换季夜" \
	"$(agenda 2027-10-31 2027-10-31)"

# Fall back: 02:30 means the first of the two; an overnight shift keeps its
# exact 12 hours (RFC 5545: every occurrence lasts what the first lasts).
h add --kind volunteer --title 凌晨 --start "2027-10-31 02:30" --duration 30m >/dev/null
h add --kind station --title 夜班 --start "2027-10-29 20:00" --end "2027-10-30 08:00" \
	--rrule "FREQ=DAILY;COUNT=3" >/dev/null
check_eq "fall back: the ambiguous 02:30 is the first one, summer time" \
	"2027-10-31T02:30:00+02:00${T}2027-10-31T03:00:00+01:00${T}凌晨" \
	"$(agenda 2027-10-31 2027-10-31 | grep 凌晨)"
check_eq "overnight across the change" \
"2027-10-29T20:00:00+02:00${T}2027-10-30T08:00:00+02:00${T}夜班
2027-10-30T20:00:00+02:00${T}2027-10-31T07:00:00+01:00${T}夜班
2027-10-31T20:00:00+01:00${T}2027-11-01T08:00:00+01:00${T}夜班" \
	"$(agenda 2027-10-29 2027-11-01 | grep 夜班)"
check_contains "the text agenda names the end's day" "20:00–10/31 07:00" \
	"$(h agenda --from 2027-10-30 --to 2027-10-30)"

# Month and year ends.
h add --kind fair --title 守岁 --start "2027-12-31 22:00" --end "2028-01-01 01:00" \
	--rrule FREQ=YEARLY >/dev/null
h add --kind clinic --title 月末义诊 --start 2027-01-31 --all-day \
	--rrule "FREQ=MONTHLY;BYMONTHDAY=-1" >/dev/null
check_eq "the last night of the year, seen from the year's end" \
	"2027-12-31T22:00:00+01:00${T}2028-01-01T01:00:00+01:00${T}守岁" \
	"$(agenda 2027-12-31 2027-12-31 | grep 守岁)"
check_eq "and from the new year's first day" \
	"2027-12-31T22:00:00+01:00${T}2028-01-01T01:00:00+01:00${T}守岁" \
	"$(agenda 2028-01-01 2028-01-01)"
check_eq "all-day at month ends: dates, the end exclusive" \
"2027-01-31${T}2027-02-01${T}月末义诊
2027-02-28${T}2027-03-01${T}月末义诊
2028-02-29${T}2028-03-01${T}月末义诊" \
	"$(agenda 2027-01-30 2027-02-28; agenda 2028-02-28 2028-02-29)"
check_eq "a window from the 1st leaves the month before out" "" \
	"$(agenda 2027-02-01 2027-02-02)"
check_eq "a year of month ends and a new year's eve" "12 2" \
	"$(agenda 2027-01-01 2027-12-31 | grep -c 月末义诊) $(agenda 2026-12-01 2028-12-31 | grep -c 守岁)"
check_contains "the text agenda heads the day" "Fri 31 Dec 2027" \
	"$(h agenda --from 2027-12-31 --to 2027-12-31)"
check_eq "a window in 2127" "2127-12-31T22:00:00+01:00${T}2128-01-01T01:00:00+01:00${T}守岁" \
	"$(agenda 2127-12-31 2127-12-31 | grep 守岁)"
# The default window: today and the next seven days, in the configured zone.
check_eq "the default window" "2027-01-31${T}2027-02-01${T}月末义诊" \
	"$(HEARTH_NOW=1801216800 h agenda --format tsv | cut -f1,2,5)"

# --from now and --from today (issue 12): now is this moment, so an
# occurrence on now is listed and one over is not; today is the whole day.
now=$(TZ=Europe/Berlin date -d '2027-05-05 12:30' +%s)
h add --kind volunteer --title 早会 --start "2027-05-05 09:00" --duration 1h >/dev/null
h add --kind volunteer --title 午间 --start "2027-05-05 12:00" --duration 1h >/dev/null
h add --kind volunteer --title 晚会 --start "2027-05-05 19:00" --duration 1h >/dev/null
check_eq "--from now: what is on and what comes later today" "午间 晚会" \
	"$(HEARTH_NOW=$now h agenda --from now --to today --format tsv |
		cut -f5 | tr '\n' ' ' | sed 's/ $//')"
check_eq "--from today: the whole of today" "早会 午间 晚会" \
	"$(HEARTH_NOW=$now h agenda --from today --to today --format tsv |
		cut -f5 | tr '\n' ' ' | sed 's/ $//')"
check_eq "--from 现在 is --from now" "午间 晚会" \
	"$(HEARTH_NOW=$now h agenda --from 现在 --to 今天 --format tsv |
		cut -f5 | tr '\n' ' ' | sed 's/ $//')"
check_status "--from now --to now is an empty window" 1 \
	env HEARTH_NOW="$now" "$HEARTH" agenda --from now --to now
