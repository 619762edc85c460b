#!/bin/sh
# messages.sh - nothing that matters is cut at 80 columns (issue 12,
# item 3): a question keeps its answer keys (a long quoted title wraps the
# question to a second line), the conflict message keeps its advice, and an
# agenda row keeps its "cancelled" marker, its title cropped instead.
# At 80x24 in zh_CN.UTF-8 and C.UTF-8.
. "$(dirname "$0")/../lib.sh"
setup
. "$(dirname "$0")/tmux.lib"
export TZ=Asia/Shanghai HEARTH_NOW=1798416000 # Mon 28 Dec 2026, 08:00 here
printf '[general]\ntimezone = Asia/Shanghai\n' >"$XDG_CONFIG_HOME/hearth/config"
title="字里行间见成长，书中天地寻光芒——青少年读书分享会（本溪社区第二期）"
add_event() {
	id=$(h add --kind reading --title "$title" --start "2026-12-28 10:00" \
		--end 11:30 --venue 本溪社区活动中心 --rrule FREQ=WEEKLY)
}
add_event

# The status rows at the bottom (three at most), joined as one text:
# Chinese wraps anywhere, English at a space.
bottom() {
	if [ "$LOC" = zh_CN.UTF-8 ]; then
		screen | tail -n 3 | sed 's/ *$//' | tr -d '\n'
	else
		screen | tail -n 3 | sed 's/ *$//' | tr '\n' ' '
	fi
}

body() {
	tui_start_loc
	wait_for 字里行间
	keys c
	expect_screen "$LOC: the question keeps its answer keys" "(y/n)"
	check_contains "$LOC: ... and the title it asks about, whole" \
		"$title" "$(bottom)"
	keys y
	expect_screen "$LOC: the occurrence is cancelled" \
		"$(lt 这一场已取消 'Occurrence cancelled')"
	keys C-l
	sleep 0.3
	check_contains "$LOC: a cancelled row keeps its marker whole" \
		"$(lt （已取消） '(cancelled)')" "$(screen | grep 字里行间)"
	keys u
	wait_for "$(lt 撤销 Undone)"
	keys e
	wait_for "$(lt 编辑活动 'Edit event')"
	# Someone else changes the event while the form is open: saving
	# shows the fields they changed beside mine (tests/tui/shared.sh),
	# the keys to choose whole.
	h edit "$id" --description "另一位组织者改过" >/dev/null
	wait_for "$(lt 修改了 changed)"
	keys End
	text 二
	keys C-s
	expect_screen "$LOC: saving over someone else's change shows theirs" \
		"$(lt 对方的 theirs)"
	check_contains "$LOC: ... with the keys to choose whole" \
		"$(lt 'Esc 回到表单' 'Esc back to the form')" "$(screen)"
	keys Escape
	wait_for "$(lt 编辑活动 'Edit event')"
	# Then deletes it: the save is refused, saying why, whole.
	h rm "$id" >/dev/null
	wait_for "$(lt 删除了 deleted)"
	keys C-s
	expect_screen "$LOC: saving what someone else deleted is refused" \
		"$(lt 别人删除 'someone else')"
	check_contains "$LOC: ... with the reason whole" \
		"$(lt 该活动已不存在（可能已被别人删除） \
		      'the event no longer exists (deleted by someone else?)')" \
		"$(bottom)"
	# Leave the form (its changes discarded), so no draft is being
	# written while the test's directory is removed.
	keys Escape
	wait_for "(y/n)" && keys y
	wait_for "$(lt 日程 Agenda)"
	tui_stop
	add_event
}
for_locales body
