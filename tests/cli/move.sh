#!/bin/sh
# move.sh - moving an event that does not repeat is an edit of the event,
# its agenda (segments) follows it; an occurrence of a series that moves
# keeps the series' agenda but shows and exports its segments shifted
# (issue 12, item 2). Changing an event's start with edit moves its agenda.
. "$(dirname "$0")/../lib.sh"
setup
export TZ=Asia/Shanghai HEARTH_NOW=1798416000
printf '[general]\ntimezone = Asia/Shanghai\n' >"$XDG_CONFIG_HOME/hearth/config"
T='	'

agenda_of() {
	h segment ls "$1" --format tsv | cut -f2-4
}
# unfold: iCalendar's folded lines joined again.
unfold() {
	tr -d '\r' | sed -e ':a' -e 'N' -e '$!ba' -e 's/\n //g'
}
description() {
	h export | unfold | grep "$1"
}

one=$(h add --kind reading --title 本溪读书会 --start "2027-01-09 09:00" \
	--end 11:30 --no-segments)
h segment add "$one" --title 暖场 --from 09:00 --to 09:20 >/dev/null
h segment add "$one" --title 分享 --from 09:20 --to 11:30 >/dev/null
check_status "override --start on a one-off event" 0 \
	h override "$one" --at "2027-01-09 09:00" --start 09:30
check_contains "the event itself starts at 09:30, its length kept" \
	"When:        Sat 9 Jan 2027 09:30–12:00" "$(h show "$one")"
check_lacks "no changed occurrence is left behind" "Changed occurrences" \
	"$(h show "$one")"
check_eq "its segments follow it" "09:30${T}09:50${T}暖场
09:50${T}12:00${T}分享" "$(agenda_of "$one")"
check_contains "the exported DESCRIPTION says the new times" \
	'DESCRIPTION:09:30–09:50 暖场\n09:50–12:00 分享' "$(description DESCRIPTION)"
check_status "edit --start moves the agenda too" 0 h edit "$one" --start "2027-01-09 10:00"
check_eq "by the change of time of day" "10:00${T}10:20${T}暖场" \
	"$(agenda_of "$one" | head -n 1)"
check_status "another day at the same time" 0 \
	h edit "$one" --start "2027-01-10 10:00"
check_eq "leaves the agenda where it was" "10:00${T}10:20${T}暖场" \
	"$(agenda_of "$one" | head -n 1)"

weekly=$(h add --kind reading --title 周六读书会 --start "2027-01-09 09:00" \
	--end 11:00 --rrule "FREQ=WEEKLY;COUNT=4" --no-segments)
h segment add "$weekly" --title 签到 --from 09:00 --to 09:15 >/dev/null
check_status "override --start on an occurrence of a series" 0 \
	h override "$weekly" --at 2027-01-16 --start "2027-01-17 14:00"
check_eq "the series' agenda stays" "09:00${T}09:15${T}签到" "$(agenda_of "$weekly")"
check_contains "the moved occurrence's DESCRIPTION shifts with it" \
	'14:00–14:15 签到' "$(h export | unfold | grep -A12 RECURRENCE-ID |
		grep DESCRIPTION)"
check_contains "so does its event in an export of occurrences" \
	'14:00–14:15 签到' "$(h export --occurrences --from 2027-01-17 \
		--to 2027-01-17 | unfold | grep DESCRIPTION)"
