#!/bin/sh
# calendar.sh - the month and week views at 80x24 (issue 12, items 12 and
# 13). Month: a day lists its rarer events first (one-offs, then weekly)
# and the daily stations share one line, so that a one-off reading is not
# hidden behind "+3"; how many are left out stands beside the day's
# number; f shows one kind. Week: a narrow screen shows three days, not
# seven columns of "…", scrolling with the selection; titles wrap down
# their blocks; at 120 columns the whole week, overlapping events side by
# side. In zh_CN.UTF-8 and C.UTF-8.
. "$(dirname "$0")/../lib.sh"
setup
. "$(dirname "$0")/tmux.lib"
export TZ=Asia/Shanghai HEARTH_NOW=1798416000 # Mon 28 Dec 2026, 08:00 here
printf '[general]\ntimezone = Asia/Shanghai\n' >"$XDG_CONFIG_HOME/hearth/config"
h add --kind station --title 工会驿站休息点 --start "2026-11-30 08:00" \
	--end 20:00 --rrule FREQ=DAILY >/dev/null
h add --kind station --title 暖新驿站义诊 --start "2026-11-30 09:00" \
	--end 17:00 --rrule FREQ=DAILY >/dev/null
h add --kind station --title 司机之家 --all-day --start 2026-11-30 \
	--rrule FREQ=DAILY >/dev/null
h add --kind volunteer --title 法律讲座 --start "2026-12-02 14:00" \
	--end 16:00 --rrule FREQ=WEEKLY >/dev/null
h add --kind reading --title 读书分享会 --start "2027-01-02 09:00" \
	--end 11:30 >/dev/null

# The grid's row of a week, by the day number that starts it.
grid_row_after() {
	screen | grep -A1 "^$1 " | sed -n 2p
}

body() {
	tui_start_loc
	wait_for 工会驿站
	keys 2
	wait_for "$(lt 2026年12月 'December 2026')"
	# The week of 28 Dec: Sat 2 Jan holds the reading among three stations.
	row=$(grid_row_after 28●)
	check_contains "$LOC: month: the one-off reading comes first on its day" \
		读书分享 "$row"
	check_contains "$LOC: month: daily stations share one line" \
		"$(lt '日常 3 项' '3 daily')" "$row"
	check_contains "$LOC: month: a weekly event before the daily ones" \
		法律讲座 "$row"
	check_contains "$LOC: month: how many are left out, beside the number" \
		"2       +3" "$(screen | grep '^28●')"
	check_lacks "$LOC: month: no cell is a bare count" "+4 " "$(screen)"
	keys f
	expect_screen "$LOC: f asks for a kind" "$(lt 所有类型 'every kind')"
	text "$(lt 读书会 Reading)"
	keys Enter
	expect_screen "$LOC: month: one kind, said in the title" \
		"$(lt '只显示读书会' 'only Reading session')"
	check_lacks "$LOC: month: the stations are gone" \
		"$(lt '日常 3 项' '3 daily')" "$(screen)"
	check_contains "$LOC: month: the reading stays" 读书分享 "$(screen)"
	keys f
	text "$(lt 所有 every)"
	keys Enter
	expect_screen "$LOC: month: every kind again" "$(lt '日常 3 项' '3 daily')"

	keys 3
	wait_for "$(lt '周一 12/28' 'Mon 12/28')"
	head=$(screen | sed -n 2p)
	check_contains "$LOC: week: three days at 80 columns" \
		"$(lt '周三 12/30' 'Wed 12/30')" "$head"
	check_lacks "$LOC: week: ... not seven" "$(lt 周四 Thu)" "$head"
	check_lacks "$LOC: week: no lone … for a title" " … " "$(screen)"
	# 工会驿站休息点 on two rows of its block, its end not cut.
	check_contains "$LOC: week: a title wraps down its block" 息点 "$(screen)"
	keys l l l
	sleep 0.3
	head=$(screen | sed -n 2p)
	check_contains "$LOC: week: the days scroll with the selection" \
		"$(lt '周四 12/31' 'Thu 12/31')" "$head"
	check_lacks "$LOC: week: ... the first day leaves" "$(lt 周一 Mon)" "$head"
	tui_stop

	XDG_DATA_HOME="$T/data-$LOC" tui_start 120 40 LC_ALL="$LOC"
	wait_for 工会驿站
	keys 3
	wait_for "$(lt '周日 1/3' 'Sun 1/3')"
	check_contains "$LOC: week: seven days at 120 columns" \
		"$(lt '周一 12/28' 'Mon 12/28')" "$(screen | sed -n 2p)"
	row=$(screen | grep '^09:00')
	check_contains "$LOC: week: overlapping events side by side" 暖新驿 "$row"
	check_contains "$LOC: week: ... each readable" 站休息 "$row"
	tui_stop
}
for_locales body
