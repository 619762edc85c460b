#!/bin/sh
# meanwhile.sh - someone else changes the database while a question of a
# list view is up (issue 9: several organisers at once). The view behind
# the question reloads its list, freeing the rows it had; what was asked
# about must still be what is changed: a suggestion's status set and a
# suggestion deleted, a person removed - the one asked about, read before
# the list went (the ASan+UBSan hearth's run names a use after free); an
# event changed meanwhile is not deleted over that change.
# At 80x24 in zh_CN.UTF-8 and C.UTF-8.
. "$(dirname "$0")/../lib.sh"
setup
. "$(dirname "$0")/tmux.lib"
export TZ=Asia/Shanghai HEARTH_NOW=1798416000 # Mon 28 Dec 2026, 08:00 here

# Past the screen's tick (1 s), so that the change is seen behind the
# question before it is answered.
past_tick() {
	sleep 1.5
}

body() {
	rm -f "$HEARTH_DB"
	h suggest add 希望多组织活动 >/dev/null
	h suggest add 第二条建议 >/dev/null
	h person add 王芳 >/dev/null
	h person add 李娜 >/dev/null
	id=$(h add --kind reading --title 读书会 --start "2026-12-29 09:00" \
		--duration 2h --no-segments)
	tui_start_loc
	wait_for "$(lt 退出 quit)"

	# A suggestion's status: the picker and then the note are up.
	keys 9
	expect_screen "$LOC: the suggestions view lists both" 第二条建议
	keys s
	expect_screen "$LOC: s asks for the status of the first" \
		"$(lt '第 1 条的状态' 'Status of #1')"
	h suggest add 第三条建议 >/dev/null
	past_tick
	expect_screen "$LOC: the list behind the picker is read again" \
		"$(lt '3 条未办结的意见建议' '3 open suggestions')"
	keys Down Enter
	expect_screen "$LOC: then a note is asked for" \
		"$(lt '备注' 'Note (why')"
	h suggest add 第四条建议 >/dev/null
	past_tick
	text "看过"
	keys Enter
	expect_screen "$LOC: the status is set" \
		"$(lt '第 1 条现在为“研究中”' '#1 is now “Under review”')"
	check_contains "$LOC: on the one asked about" "Under review" \
		"$(h suggest show 1)"

	# Deleting a suggestion.
	keys d
	expect_screen "$LOC: d asks" "(y/n)"
	h suggest add 第五条建议 >/dev/null
	past_tick
	keys y
	expect_screen "$LOC: the one asked about is deleted" \
		"$(lt '已删除第 1 条建议' 'Deleted suggestion #1')"
	check_contains "$LOC: and no other" 第二条建议 "$(h suggest show 2)"

	# Removing a person.
	keys 7
	expect_screen "$LOC: the people view lists both" 李娜
	who=$(selected_line | grep -o '王芳\|李娜')
	other=$(printf '王芳\n李娜\n' | grep -v "$who")
	keys d
	expect_screen "$LOC: d asks about the one selected" "$who"
	h person add 张伟 >/dev/null
	past_tick
	expect_screen "$LOC: the list behind the question is read again" 张伟
	keys y
	expect_screen "$LOC: the one asked about is removed" \
		"$(lt "已删除$who" "Removed $who")"
	people=$(h people)
	check_lacks "$LOC: ... from the people" "$who" "$people"
	check_contains "$LOC: the other one stays" "$other" "$people"
	check_contains "$LOC: and the one added meanwhile" 张伟 "$people"

	# Deleting an event someone changes while the question is up: their
	# change would be lost unseen (and an undo would put back the old one).
	keys 4
	expect_screen "$LOC: the events view lists it" 读书会
	keys d
	expect_screen "$LOC: d asks" "$(lt '删除“读书会”' 'Delete “读书会”')"
	h edit "$id" --title 读书会（改期） >/dev/null
	past_tick
	keys y
	expect_screen "$LOC: the delete is refused, naming who" \
		"$(lt "未删除：“读书会（改期）”此后已由 $(id -un)" \
		      "Not deleted: “读书会（改期）” was changed since by $(id -un)")"
	check_contains "$LOC: the event is still there, as they left it" \
		读书会（改期） "$(h show "$id")"
	keys d
	expect_screen "$LOC: asked again, it names their title" \
		"$(lt '删除“读书会（改期）”' 'Delete “读书会（改期）”')"
	keys y
	expect_screen "$LOC: and is deleted" "$(lt 已删除 'Deleted “')"
	check_lacks "$LOC: gone" 读书会 "$(h agenda --from 2026-12-28 --to 2027-01-05 2>&1)"
	tui_stop
}
for_locales body

echo "1..$tap_n"
