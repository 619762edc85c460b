#!/bin/sh
# The agenda's next-day and previous-day keys (l and h) on days fuller than
# what the agenda loads at once (150 occurrences around the selection):
# they used to do nothing when the next day lay beyond what was loaded.
. "$(dirname "$0")/../lib.sh"
setup
. "$(dirname "$0")/tmux.lib"
export TZ=Asia/Shanghai HEARTH_NOW=1799622000 # Mon 11 Jan 2027, 07:00 here
h init >/dev/null
# 220 one-off events a day on 11, 12 and 13 January, and one on the 20th.
awk 'BEGIN {
	printf "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//days//EN\r\n"
	n = 0
	for (d = 11; d <= 13; d++)
		for (i = 0; i < 220; i++)
			ev(d, 8 + int(i / 60), i % 60, "第" d "日活动" i)
	ev(20, 9, 0, "下周活动")
	printf "END:VCALENDAR\r\n"
}
function ev(d, h, m, title) {
	printf "BEGIN:VEVENT\r\nUID:day-%d@test\r\nDTSTAMP:20261201T000000Z\r\n", ++n
	printf "DTSTART;TZID=Asia/Shanghai:202701%02dT%02d%02d00\r\n", d, h, m
	printf "DURATION:PT30M\r\nSUMMARY:%s\r\nEND:VEVENT\r\n", title
}' >"$T/days.ics"
check_status "661 events import" 0 h import "$T/days.ics"

# The heading at the top of the agenda's body (row 2 of the screen).
top() {
	screen | sed -n 2p
}

tui_start 80 24
expect_screen "the agenda opens on the 11th" "11 Jan 2027"
keys l
expect_screen "l moves to the 12th" "第12日活动0"
check_contains "whose heading is on top" "12 Jan 2027" "$(top)"
keys l
expect_screen "l again moves to the 13th" "第13日活动0"
check_contains "the 13th on top" "13 Jan 2027" "$(top)"
keys l
expect_screen "and again to the next day that has events" "下周活动"
check_contains "the 20th on top" "20 Jan 2027" "$(top)"
keys l
check_contains "the last day stays" "20 Jan 2027" "$(top)"
keys h
expect_screen "h moves back to the 13th's first" "第13日活动0"
check_contains "the 13th on top" "13 Jan 2027" "$(top)"
keys h
expect_screen "h again to the 12th's first" "第12日活动0"
check_contains "the 12th on top" "12 Jan 2027" "$(top)"
keys h
expect_screen "and to the 11th's first" "第11日活动0"
check_contains "the 11th on top" "11 Jan 2027" "$(top)"
tui_stop
