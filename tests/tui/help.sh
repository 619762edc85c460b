#!/bin/sh
# help.sh - help where you are (issue 12, item 8): ? (or F1) in a form, the
# schedule editor, the segment list and a picker lists the keys that work
# there; the key bar at the bottom is the one of the screen on top, not the
# agenda's behind it; g and G go to the first and last segment.
# At 80x24 in zh_CN.UTF-8 and C.UTF-8.
. "$(dirname "$0")/../lib.sh"
setup
. "$(dirname "$0")/tmux.lib"
export TZ=Asia/Shanghai HEARTH_NOW=1798416000 # Mon 28 Dec 2026, 08:00 here
printf '[general]\ntimezone = Asia/Shanghai\n' >"$XDG_CONFIG_HOME/hearth/config"
h org add 盘锦市交通运输局 >/dev/null
h add --kind station --title 工会驿站 --start "2026-12-28 08:00" --end 20:00 \
	--no-segments --rrule FREQ=DAILY >/dev/null

bar() {
	screen | tail -n 1
}

body() {
	tui_start_loc
	wait_for 工会驿站
	keys a
	wait_for "$(lt 新建活动 'New event')"
	check_contains "$LOC: the form's key bar, not the agenda's" \
		"$(lt 'C-s 保存' 'C-s save')" "$(bar)"
	check_lacks "$LOC: ... (no agenda keys behind it)" \
		"$(lt 'q 退出' 'q quit')" "$(bar)"
	keys '?'
	expect_screen "$LOC: ? in the form lists its keys" \
		"$(lt '按键：新建活动' 'Keys: New event')"
	check_contains "$LOC: ... C-u among them" "C-u" "$(screen)"
	keys Escape
	wait_for "$(lt 'C-s 保存' 'C-s save')"
	text 新年联欢
	keys '?'
	sleep 0.3
	check_contains "$LOC: in a text field holding text, ? is typed" \
		"新年联欢?" "$(screen)"
	keys BSpace F1
	expect_screen "$LOC: ... and F1 lists the keys" \
		"$(lt '按键：新建活动' 'Keys: New event')"
	keys Escape
	down 7 # Repeat
	keys Enter
	wait_for "$(lt 时间安排 Schedule)"
	keys Right Right # weekly: the weekdays show
	sleep 0.3
	keys '?'
	expect_screen "$LOC: ? in the schedule editor" \
		"$(lt '按键：时间安排' 'Keys: Schedule')"
	check_contains "$LOC: ... Space toggles a weekday" \
		"$(lt '选中或取消这个星期几' 'toggle the weekday')" "$(screen)"
	keys Escape
	sleep 0.2
	keys Escape
	sleep 0.3
	# Leaving the changed schedule asks first.
	screen | grep -q "(y/n)" && keys y
	wait_for "$(lt 新建活动 'New event')"
	down 4 # Partners
	keys Enter
	wait_for "[ ]"
	check_contains "$LOC: the picker's key bar" \
		"$(lt 'Enter 勾选/取消' 'Enter tick or untick')" "$(bar)"
	keys '?'
	expect_screen "$LOC: ? in a picker lists its keys" "PgUp PgDn"
	check_contains "$LOC: ... g and G among them" "g G" "$(screen)"
	keys Escape
	sleep 0.2
	keys Escape
	wait_for "$(lt 新建活动 'New event')"
	down 6 # Segments
	keys Enter
	wait_for "$(lt 的环节 'Segments of')"
	check_contains "$LOC: the segment list's key bar" "K/J" "$(bar)"
	keys '?'
	expect_screen "$LOC: ? in the segment list" "g G Home End"
	keys Escape
	tui_stop
}
for_locales body
