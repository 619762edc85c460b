#!/bin/sh
# goto.sh - going to a date (issue 12, item 5): g in the agenda, month and
# week views asks for a date in the forgiving forms of the forms (1/16,
# 周六, +2w, 2027-01), shows how it reads, and goes there; in lists g and
# G stay first and last. After a save the view shows the saved event.
# At 80x24 in zh_CN.UTF-8 and C.UTF-8.
. "$(dirname "$0")/../lib.sh"
setup
. "$(dirname "$0")/tmux.lib"
export TZ=Asia/Shanghai HEARTH_NOW=1798416000 # Mon 28 Dec 2026, 08:00 here
printf '[general]\ntimezone = Asia/Shanghai\n' >"$XDG_CONFIG_HOME/hearth/config"
h init --demo >/dev/null

# top_line: the second screen line (under the header).
top_line() {
	screen | sed -n 2p
}

body() {
	tui_start_loc
	wait_for 工会驿站
	keys g
	expect_screen "$LOC: g asks for a date" "$(lt 转到 'Go to:')"
	text 2027-01
	expect_screen "$LOC: a month reads as the month" \
		"$(lt '→ 2027年1月' '→ January 2027')"
	keys Enter
	wait_for "$(lt '2027年1月1日 周五' 'Fri 1 Jan 2027')"
	check_contains "$LOC: the agenda starts at its first day" \
		"$(lt '2027年1月1日 周五' 'Fri 1 Jan 2027')" "$(top_line)"
	keys g
	text 1/16
	expect_screen "$LOC: 1/16 reads as 16 January" \
		"$(lt '→ 2027年1月16日 周六' '→ Sat 16 Jan 2027')"
	keys Enter
	wait_for "$(lt '2027年1月16日 周六' 'Sat 16 Jan 2027')"
	check_contains "$LOC: and goes there" \
		"$(lt '2027年1月16日 周六' 'Sat 16 Jan 2027')" "$(top_line)"
	keys g
	text "$(lt 周六 sat)"
	expect_screen "$LOC: a weekday is the next one" \
		"$(lt '→ 2027年1月2日 周六' '→ Sat 2 Jan 2027')"
	keys C-u
	text +2w
	expect_screen "$LOC: +2w is two weeks from today" \
		"$(lt '→ 2027年1月11日 周一' '→ Mon 11 Jan 2027')"
	keys Enter
	keys 2
	keys g
	text 2027-03
	keys Enter
	expect_screen "$LOC: month view: g goes to March" \
		"$(lt 2027年3月 'March 2027')"
	keys 3 g
	text 2027-06-07
	keys Enter
	expect_screen "$LOC: week view: g goes to the week of 7 June" \
		"$(lt '周一 6/7' 'Mon 6/7')"
	# Lists keep g and G for the first and the last row.
	keys 4
	wait_for 爱心送考
	keys G
	sleep 0.3
	last=$(screen | sed '$d' | grep -v '^ *$' | tail -n 1)
	check_eq "$LOC: events: G selects the last row" "$last" "$(selected_line)"
	keys g
	sleep 0.3
	first=$(screen | sed -n 3p)
	check_eq "$LOC: events: g selects the first row" "$first" "$(selected_line)"
	check_lacks "$LOC: events: g does not ask for a date" \
		"$(lt 转到 'Go to:')" "$(screen)"
	# After a save the view shows the saved event.
	keys 1 a
	wait_for "$(lt 新建活动 'New event')"
	text 新年联欢
	keys Tab Tab Tab
	text "2027-02-20 10:00"
	keys C-s
	wait_for "$(lt 已添加 'added')"
	check_contains "$LOC: after saving, the agenda is at the new event's day" \
		"$(lt '2027年2月20日 周六' 'Sat 20 Feb 2027')" "$(top_line)"
	check_contains "$LOC: ... with it on the screen" 新年联欢 "$(screen)"
	tui_stop
}
for_locales body
