#!/bin/sh
# The screen's clock follows real time (issue 9): a warm-station desk left
# open overnight turns "today" over at midnight without a restart - the
# header, the "(today)" heading and go-to-today. And the agenda opens at
# today, with what is going on now selected: a station that opened this
# morning is on the screen, not above it.
. "$(dirname "$0")/../lib.sh"
setup
. "$(dirname "$0")/tmux.lib"
export TZ=Asia/Shanghai
h init --tz Asia/Shanghai >/dev/null
h add --kind station --title 暖心驿站 --start "2026-12-21 08:00" --end \
	"2026-12-21 20:00" --rrule "FREQ=WEEKLY;BYDAY=MO,WE" --no-segments \
	>/dev/null
h add --kind volunteer --title 晨会 --start "2026-12-28 09:00" --duration 1h \
	--no-segments >/dev/null
h add --kind volunteer --title 夜班巡逻 --start "2026-12-27 22:00" \
	--end "2026-12-28 16:00" --no-segments >/dev/null

# Mon 28 Dec 2026 14:00 here: the station is open, the meeting is over, the
# night patrol that began yesterday still goes on; nothing else starts today.
HEARTH_NOW=1798437600 tui_start 100 30
expect_screen "the agenda opens" "暖心驿站"
body=$(screen | sed '1d;$d')
check_contains "what began yesterday and goes on now is in view" "夜班巡逻" "$body"
check_contains "today's heading is in view" "Mon 28 Dec 2026  (today)" "$body"
check_contains "the meeting over this morning is in view" "晨会" "$body"
check_contains "the station open now is in view" "08:00–20:00" "$body"
keys Enter
expect_screen "the selection is on what is going on now" "Title"
check_contains "(the night patrol, begun first)" "夜班巡逻" "$(screen)"
keys Escape
tui_stop

# Mon 28 Dec 2026 23:59:30 here, and the clock runs (30 s: a loaded
# machine may take a while to start the sanitized binary).
HEARTH_NOW=1798473570+ tui_start 100 30
expect_screen "before midnight the header says Monday" "Mon 28 Dec 2026"
check_contains "and Monday is today" "Mon 28 Dec 2026  (today)" "$(screen)"
i=0
while ! screen | head -n 1 | grep -q "Tue 29 Dec 2026" && [ $i -lt 900 ]; do
	sleep 0.1
	i=$((i + 1))
done
check_contains "after midnight the header says Tuesday, by itself" \
	"Tue 29 Dec 2026" "$(screen | head -n 1)"
keys t
expect_screen "go-to-today goes to the new day" "Wed 30 Dec 2026"
check_lacks "Monday is today no more" "Mon 28 Dec 2026  (today)" "$(screen)"
tui_stop
