#!/bin/sh
# Repeat rules in words (issue 12, item 11): the detail pane says "每天" /
# "每周五、六、日，至2027年1月31日" or "Every day" / "Every Fri, Sat and Sun
# until 31 Jan 2027" instead of FREQ=...; the schedule editor keeps the
# rule itself for those who want it. At 80x24 in zh_CN.UTF-8 and C.UTF-8.
. "$(dirname "$0")/../lib.sh"
setup
. "$(dirname "$0")/tmux.lib"
export TZ=Asia/Shanghai HEARTH_NOW=1798416000 # Mon 28 Dec 2026, 08:00 here
printf '[general]\ntimezone = Asia/Shanghai\n' >"$XDG_CONFIG_HOME/hearth/config"

h add --kind warm-station --title 暖冬驿站 --start "2027-01-01 10:00" \
	--end 18:00 --rrule "FREQ=WEEKLY;BYDAY=FR,SA,SU;UNTIL=20270131T235959" \
	>/dev/null
h add --kind station --title 工会驿站 --start "2026-12-28 08:00" --end 20:00 \
	--rrule FREQ=DAILY >/dev/null

body() {
	tui_start_loc
	wait_for 工会驿站
	keys Enter
	expect_screen "$LOC: a daily rule reads $(lt 每天 'Every day')" \
		"$(lt '重复           每天' 'Repeats        Every day')"
	check_lacks "$LOC: the pane shows no FREQ=" "FREQ=" "$(screen)"
	keys Escape /
	text 暖冬
	keys Enter Enter
	expect_screen "$LOC: a weekly rule lists its days and its end" \
		"$(lt '每周五、六、日，至2027年1月31日' \
		'Every Fri, Sat and Sun until 31 Jan 2027')"
	# The raw rule is still there for experts: e, then the schedule.
	keys e
	wait_for "$(lt 重复 Repeats)"
	keys Down Down Down Down Down Down Down Enter
	expect_screen "$LOC: the schedule editor still shows the RRULE" \
		"RRULE         FREQ=WEEKLY;UNTIL=20270131T155959Z;B"
	tui_stop
}
for_locales body
