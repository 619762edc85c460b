#!/bin/sh
# fields.sh - typing into a filled field (issue 12, item 4). Entering a
# field by Tab or arrow selects its text, so that the first character typed
# replaces it; arrow keys, Home and End keep it and edit in place.
# Changing the start moves the end with it, keeping the length; the end
# does not read "not understood" while it holds a valid date and the start
# is empty. At 80x24 in zh_CN.UTF-8 and C.UTF-8.
. "$(dirname "$0")/../lib.sh"
setup
. "$(dirname "$0")/tmux.lib"
export TZ=Asia/Shanghai HEARTH_NOW=1798416000 # Mon 28 Dec 2026, 08:00 here
printf '[general]\ntimezone = Asia/Shanghai\n' >"$XDG_CONFIG_HOME/hearth/config"
h init >/dev/null

# field LABEL: the text of the form field LABEL on the screen.
field() {
	screen | grep "│ $1 " | head -n 1 | sed "s/^│ $1 *//; s/ *│\$//; s/  *→.*//"
}

body() {
	tui_start_loc
	wait_for "$(lt 新建 'a to add')"
	keys a
	wait_for "$(lt 新建活动 'New event')"
	start0=$(field "$(lt 开始 Starts)")
	end0=$(field "$(lt 结束 Ends)")
	keys Tab Tab Tab
	text "2027-01-09 09:00"
	check_eq "$LOC: the date typed replaces the start (no 09:002027-...)" \
		"2027-01-09 09:00" "$(field "$(lt 开始 Starts)")"
	check_lacks "$LOC: and is understood" "$(lt 无法识别 'not understood')" \
		"$(screen)"
	# The kind's default length (2 h) is kept: the end follows.
	check_eq "$LOC: the end moves with the start" "2027-01-09 11:00" \
		"$(field "$(lt 结束 Ends)")"
	keys Tab
	text "12:30"
	check_eq "$LOC: the end is replaced too" "12:30" "$(field "$(lt 结束 Ends)")"
	keys BTab
	keys End BSpace BSpace
	text 30
	check_eq "$LOC: End keeps the text and edits in place" "2027-01-09 09:30" \
		"$(field "$(lt 开始 Starts)")"
	expect_screen "$LOC: a new start keeps the new length (3 h 30)" \
		"$(lt '→ 2027年1月9日 周六 13:00' '→ Sat 9 Jan 2027 13:00')"
	keys Home Right Right Right Right BSpace
	text 8
	check_eq "$LOC: Home and Right move without replacing" "2028-01-09 09:30" \
		"$(field "$(lt 开始 Starts)")"
	# The start emptied: a full end date still reads as itself.
	keys End C-u Tab
	text "2027-01-09 18:00"
	check_lacks "$LOC: the end is not 'not understood' for an empty start" \
		"$(lt 无法识别 'not understood')" "$(screen)"
	expect_screen "$LOC: it reads as its own date" \
		"$(lt '→ 2027年1月9日 周六 18:00' '→ Sat 9 Jan 2027 18:00')"
	check_contains "$LOC: the start was filled before (sanity)" ":" "$start0$end0"
	keys Escape y
	tui_stop
}
for_locales body
