#!/bin/sh
# export.sh - x in the agenda (issue 12): the file is named after the
# selected day and holds only the days on the screen; the choice offers the
# whole calendar too, and the message says what was written ("1 event,
# 2026-12-28…2027-01-07"). At 80x24 in zh_CN.UTF-8 and C.UTF-8.
. "$(dirname "$0")/../lib.sh"
setup
. "$(dirname "$0")/tmux.lib"
export TZ=Asia/Shanghai HEARTH_NOW=1798416000 # Mon 28 Dec 2026, 08:00 here
printf '[general]\ntimezone = Asia/Shanghai\n' >"$XDG_CONFIG_HOME/hearth/config"
h add --kind station --title 工会驿站 --start "2026-12-28 08:00" --end 20:00 \
	--rrule FREQ=DAILY >/dev/null
h add --kind reading --title 读书会 --start "2027-03-06 09:00" >/dev/null

body() {
	rm -f "$HOME"/hearth-*.ics "$T/window.ics" "$T/all.ics"
	tui_start_loc
	wait_for 工会驿站
	# Eleven days of two lines fill the 22 rows: 28 Dec to 7 Jan.
	keys j
	keys x
	expect_screen "$LOC: x offers what the view shows, with its days" \
		"$(lt '视图中显示的：1 项活动，2026-12-28…2027-01-07' \
		      'what the view shows: 1 event, 2026-12-28…2027-01-07')"
	expect_screen "$LOC: ... or the whole calendar" \
		"$(lt '整个日历：2 项活动' 'the whole calendar: 2 events')"
	keys Enter
	expect_screen "$LOC: the file is named after the selected day" \
		"hearth-2026-12-29.ics"
	keys C-u
	text "$T/window.ics"
	keys Enter
	expect_screen "$LOC: the message says what was exported" \
		"$(lt '已导出 1 项活动（2026-12-28…2027-01-07）' \
		      'Exported 1 event, 2026-12-28…2027-01-07')"
	ics=$(cat "$T/window.ics" 2>/dev/null)
	check_contains "$LOC: the file holds the station" "SUMMARY:工会驿站" "$ics"
	check_lacks "$LOC: ... and not the reading off the screen" 读书会 "$ics"
	keys x
	wait_for "$(lt 整个日历 'the whole calendar')"
	keys Down Enter
	expect_screen "$LOC: the whole calendar's file is named so" \
		"hearth-all-2026-12-28.ics"
	keys C-u
	text "$T/all.ics"
	keys Enter
	expect_screen "$LOC: ... and said" \
		"$(lt '已导出 2 项活动到' 'Exported 2 events to')"
	check_contains "$LOC: the whole calendar holds the reading" \
		"SUMMARY:读书会" "$(cat "$T/all.ics" 2>/dev/null)"
	tui_stop
}
for_locales body
