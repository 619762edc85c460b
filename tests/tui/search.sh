#!/bin/sh
# search.sh - searching (issue 12, item 7): / searches forward and \
# backward (? stays help), n and N go to the next and the previous match,
# going round the end says so, and a new search starts from an empty
# prompt with the last one on Up. In the agenda (through time) and in the
# events list. At 80x24 in zh_CN.UTF-8 and C.UTF-8.
. "$(dirname "$0")/../lib.sh"
setup
. "$(dirname "$0")/tmux.lib"
export TZ=Asia/Shanghai HEARTH_NOW=1798416000 # Mon 28 Dec 2026, 08:00 here
printf '[general]\ntimezone = Asia/Shanghai\n' >"$XDG_CONFIG_HOME/hearth/config"
# Three readings on three Saturdays, among daily stations.
for d in 2027-01-09 2027-01-16 2027-01-23; do
	h add --kind reading --title "读书会 $d" --start "$d 09:00" >/dev/null
done
h add --kind station --title 工会驿站 --start "2026-12-28 08:00" --end 20:00 \
	--rrule FREQ=DAILY >/dev/null

body() {
	tui_start_loc
	wait_for 工会驿站
	keys /
	expect_screen "$LOC: / asks what to search" "$(lt 搜索： Search:)"
	text 读书会
	keys Enter
	expect_screen "$LOC: the first match is selected" "$(lt 找到 Found)"
	check_contains "$LOC: ... 9 January's" "读书会 2027-01-09" "$(selected_line)"
	keys n
	sleep 0.3
	check_contains "$LOC: n goes to the next" "读书会 2027-01-16" "$(selected_line)"
	keys n n
	sleep 0.3
	check_contains "$LOC: past the last it goes round to the first" \
		"读书会 2027-01-09" "$(selected_line)"
	expect_screen "$LOC: and says it went round" "$(lt 绕回 'going round')"
	keys N
	sleep 0.3
	check_contains "$LOC: N goes to the previous (round the start)" \
		"读书会 2027-01-23" "$(selected_line)"
	keys N
	sleep 0.3
	check_contains "$LOC: N again: the one before" "读书会 2027-01-16" \
		"$(selected_line)"
	keys '\'
	expect_screen "$LOC: \\ searches backward" "$(lt 向上搜索 'Search backward:')"
	check_lacks "$LOC: a new search starts empty" "读书会" "$(screen | tail -n 1)"
	keys Up
	expect_screen "$LOC: Up offers the last search" \
		"$(lt '向上搜索：  读书会' 'Search backward:  读书会')"
	keys Enter
	sleep 0.3
	check_contains "$LOC: backward from the 16th: the 9th" "读书会 2027-01-09" \
		"$(selected_line)"
	keys '?'
	expect_screen "$LOC: ? is still help" "$(lt 按键 Keys)"
	keys Escape
	# The events list searches its rows, going round too.
	keys 4
	wait_for 工会驿站
	keys /
	text 01-16
	keys Enter
	sleep 0.3
	check_contains "$LOC: events: / selects the matching row" \
		"读书会 2027-01-16" "$(selected_line)"
	keys n
	expect_screen "$LOC: events: alone, n goes round to it again" \
		"$(lt 绕回 'going round')"
	tui_stop
}
for_locales body
