#!/bin/sh
# place_conflict.sh - two organisers change one venue or organisation at
# once (issue 9: no change is ever silently lost). A venue's form is open
# while `hearth venue edit` changes its address: the form's save shows the
# field they changed, theirs beside mine, and taking theirs keeps both
# people's changes; the same for an organisation (keeping mine too); a
# place deleted meanwhile is said so and what was typed is kept; a delete
# from the list over a newer change is refused. At 80x24 in zh_CN.UTF-8
# and C.UTF-8.
. "$(dirname "$0")/../lib.sh"
setup
. "$(dirname "$0")/tmux.lib"
export TZ=Asia/Shanghai HEARTH_NOW=1798416000 # Mon 28 Dec 2026, 08:00 here
me=$(id -un)

body() {
	rm -f "$HEARTH_DB"
	h venue add 社区活动室 --address 旧地址 --notes 旧备注 >/dev/null
	h org add 街道党委 --type 党委 --contact 旧电话 >/dev/null
	tui_start_loc
	wait_for "$(lt 退出 quit)"

	# A venue: they change the address, I change the notes.
	keys 5
	expect_screen "$LOC: the venues view lists it" 社区活动室
	keys e
	expect_screen "$LOC: its form is open" 旧备注
	h venue edit 社区活动室 --address 新地址 >/dev/null
	keys Down Down Down Down Down C-e
	text （界面）
	keys C-s
	expect_screen "$LOC: the save shows who changed it meanwhile" \
		"$(lt "此间已由 $me（" "Changed meanwhile by $me (")"
	expect_screen "$LOC: naming the field they changed" "$(lt 地址 address)"
	check_contains "$LOC: with their address beside mine" 新地址 "$(screen)"
	check_contains "$LOC: (mine)" 旧地址 "$(screen)"
	keys Escape
	expect_screen "$LOC: Esc goes back to the form as typed" 旧备注（界面）
	keys C-s
	expect_screen "$LOC: saving again asks again" "$(lt 此间已由 'Changed meanwhile')"
	keys t
	expect_screen "$LOC: taking theirs saves" \
		"$(lt '“社区活动室”已保存' 'Saved “社区活动室”')"
	shown=$(h venue show 社区活动室)
	check_contains "$LOC: their address is kept" 新地址 "$shown"
	check_contains "$LOC: and my notes" 旧备注（界面） "$shown"

	# A delete from the list over a change made since it was listed.
	keys d
	expect_screen "$LOC: d asks" "(y/n)"
	h venue edit 社区活动室 --notes 又改的备注 >/dev/null
	# Past a tick (1 s): the change is seen and the list reloaded while
	# the question is up, which must not make the delete go through.
	sleep 1.5
	keys y
	expect_screen "$LOC: the delete is refused" \
		"$(lt '在读取之后已被别人修改或删除' 'was changed or removed by someone')"
	check_contains "$LOC: and the venue is still there" 又改的备注 \
		"$(h venue show 社区活动室)"

	# Deleted meanwhile: said so, and what was typed is added anew.
	keys e
	expect_screen "$LOC: the form opens again" 又改的备注
	h venue rm 社区活动室 >/dev/null
	keys Down Down Down Down Down C-e
	text （留）
	keys C-s
	expect_screen "$LOC: a venue deleted meanwhile is said so" \
		"$(lt '已被他人删除' 'Someone else deleted “社区活动室”')"
	check_contains "$LOC: saying how to keep it, whole at 80 columns" \
		"$(lt '再保存一次即按你输入的内容添加。' 'save again to add it as typed.')" \
		"$(screen)"
	expect_screen "$LOC: and the form keeps what was typed" 又改的备注（留）
	keys C-s
	expect_screen "$LOC: saving again adds it" \
		"$(lt '“社区活动室”已保存' 'Saved “社区活动室”')"
	check_contains "$LOC: with what was typed" 又改的备注（留） \
		"$(h venue show 社区活动室)"

	# An organisation: they change the contact, I change the type.
	keys 6
	expect_screen "$LOC: the organisations view lists it" 街道党委
	keys e
	expect_screen "$LOC: its form is open" 旧电话
	h org edit 街道党委 --contact 新电话 >/dev/null
	keys Down C-e
	text （改）
	keys C-s
	expect_screen "$LOC: the organisation's save shows the field" \
		"$(lt 联系方式 contact)"
	check_contains "$LOC: with their contact" 新电话 "$(screen)"
	keys t
	expect_screen "$LOC: taking theirs saves the organisation" \
		"$(lt '“街道党委”已保存' 'Saved “街道党委”')"
	shown=$(h orgs --format tsv | grep 街道党委)
	check_contains "$LOC: their contact is kept" 新电话 "$shown"
	check_contains "$LOC: and my type" 党委（改） "$shown"

	# Keep mine: their change to the field is overwritten, on purpose.
	keys e
	expect_screen "$LOC: the form opens to keep mine" 新电话
	h org edit 街道党委 --contact 第三个电话 >/dev/null
	keys Down Down C-e
	text 转8
	keys C-s
	expect_screen "$LOC: their contact is shown" 第三个电话
	keys m
	expect_screen "$LOC: keeping mine saves" \
		"$(lt '“街道党委”已保存' 'Saved “街道党委”')"
	check_contains "$LOC: my contact is stored" 新电话转8 \
		"$(h orgs --format tsv | grep 街道党委)"
	tui_stop
}
for_locales body
