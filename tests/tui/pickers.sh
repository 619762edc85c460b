#!/bin/sh
# pickers.sh - choosing several and the segment editor (issue 12, items 9
# and 10): the partner picker ticks the chosen ones and opens again on the
# one just toggled; an organisation created in the form is found by the
# next picker of the same form; the segment list is headed by the new
# event's title as typed, and a new segment goes after the selected one;
# g/G go to the first and last name while nothing is typed.
# At 80x24 in zh_CN.UTF-8 and C.UTF-8.
. "$(dirname "$0")/../lib.sh"
setup
. "$(dirname "$0")/tmux.lib"
export TZ=Asia/Shanghai HEARTH_NOW=1798416000 # Mon 28 Dec 2026, 08:00 here
printf '[general]\ntimezone = Asia/Shanghai\n' >"$XDG_CONFIG_HOME/hearth/config"
h org add 盘锦市交通运输局 >/dev/null
h add --kind station --title 工会驿站 --start "2026-12-28 08:00" --end 20:00 \
	--no-segments --rrule FREQ=DAILY >/dev/null

body() {
	tui_start_loc
	wait_for 工会驿站
	keys a
	wait_for "$(lt 新建活动 'New event')"
	text 新年联欢
	down 11 # Partners
	keys Enter
	expect_screen "$LOC: the partner picker ticks: none chosen yet" \
		"[ ] 盘锦市交通运输局"
	text 新的单位甲
	keys Enter
	expect_screen "$LOC: a new one is chosen, ticked, the picker open again" \
		"[x] 新的单位甲"
	keys Up # the list: (none), the stored one, the new one
	sleep 0.2
	keys Enter
	expect_screen "$LOC: choosing another ticks it too" "[x] 盘锦市交通运输局"
	keys Enter
	expect_screen "$LOC: choosing it again unticks it" "[ ] 盘锦市交通运输局"
	keys Escape
	wait_for "$(lt 合作单位 Partners)"
	check_contains "$LOC: the field lists the partner" 新的单位甲 \
		"$(screen | grep "$(lt 合作单位 Partners)")"
	keys Up # Co-hosts
	keys Enter
	wait_for "[ ]"
	text 新的单位
	expect_screen "$LOC: the next picker finds the one made in this form" \
		"[ ] 新的单位甲"
	# g/G go to the first and last row while nothing is typed: the
	# list is (none), the stored one, the one made in this form.
	keys C-u
	sleep 0.2
	keys G
	sleep 0.2
	keys Enter
	expect_screen "$LOC: G then Enter ticks the last one" "[x] 新的单位甲"
	keys g
	sleep 0.2
	keys Down
	sleep 0.2
	keys Enter
	expect_screen "$LOC: g, Down, Enter ticks the second" \
		"[x] 盘锦市交通运输局"
	keys Escape
	wait_for "$(lt 协办单位 Co-hosts)"
	check_contains "$LOC: the co-hosts chosen by g and G" \
		"盘锦市交通运输局" "$(screen | grep "$(lt 协办单位 Co-hosts)")"
	down 7 # Segments
	keys Enter
	expect_screen "$LOC: the segment list is headed by the title typed" \
		"$(lt '“新年联欢”的环节' 'Segments of “新年联欢”')"
	keys a
	wait_for "$(lt 新环节 'New segment')"
	text 开场
	keys C-s
	wait_for 开场
	keys a
	wait_for "$(lt 新环节 'New segment')"
	text 结束
	keys C-s
	wait_for 结束
	keys k a
	wait_for "$(lt 新环节 'New segment')"
	text 中场
	keys C-s
	wait_for 中场
	order=$(screen | grep -o '开场\|中场\|结束' | tr '\n' ' ')
	check_eq "$LOC: a new segment goes after the selected one" \
		"开场 中场 结束 " "$order"
	keys Escape
	tui_stop
}
for_locales body
