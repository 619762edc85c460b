#!/bin/sh
# move.sh - m in the full-screen interface (issue 12, items 2 and 6).
# Moving the Benxi reading session, which does not repeat, from 09:00 to
# 09:30 moves the event and its agenda: the pane shows 09:30–12:00 and
# segments from 09:30, e opens the form at 09:30. m on an occurrence of a
# series takes a start, a start and an end, or a range of times on its day
# ("12:00-19:00"), with a live preview of what it understood; the
# occurrence's segments shift with it. At 80x24 in zh_CN.UTF-8 and C.UTF-8.
. "$(dirname "$0")/../lib.sh"
setup
. "$(dirname "$0")/tmux.lib"
export TZ=Asia/Shanghai HEARTH_NOW=1798416000 # Mon 28 Dec 2026, 08:00 here
printf '[general]\ntimezone = Asia/Shanghai\n' >"$XDG_CONFIG_HOME/hearth/config"

body() {
	rm -f "$HEARTH_DB"
	one=$(h add --kind reading --title 本溪读书会 --start "2026-12-28 09:00" \
		--end 11:30 --no-segments)
	h segment add "$one" --title 暖场游戏 --from 09:00 --to 09:20 >/dev/null
	h segment add "$one" --title 小读者分享 --from 09:20 --to 11:30 >/dev/null
	weekly=$(h add --kind warm-station --title 暖冬驿站 \
		--start "2026-12-29 10:00" --end 18:00 --no-segments \
		--rrule "FREQ=WEEKLY;COUNT=4")
	h segment add "$weekly" --title 热饮 --from 10:00 --to 12:00 >/dev/null
	tui_start_loc
	wait_for 本溪读书会
	keys m
	expect_screen "$LOC: m asks where to" "$(lt 改到 'Move to:')"
	text 09:30
	expect_screen "$LOC: typing replaces the old start; the preview keeps the length" \
		"$(lt '→ 2026年12月28日 周一 09:30–12:00' '→ Mon 28 Dec 2026 09:30–12:00')"
	keys Enter
	expect_screen "$LOC: the event moved, not one occurrence of it" \
		"$(lt 活动已改时间 'Event moved')"
	keys Enter
	expect_screen "$LOC: its agenda moved with it" "09:30–09:50 暖场游戏"
	expect_screen "$LOC: ... to the end" "09:50–12:00 小读者分享"
	keys e
	expect_screen "$LOC: e opens the form at the new start" "2026-12-28 09:30"
	keys Escape Escape Escape
	check_eq "$LOC: the stored segments start at 09:30" "09:30" \
		"$(h segment ls "$one" --format tsv | head -n 1 | cut -f2)"

	# An occurrence of a series: a range of times on its own day.
	keys /
	text 暖冬驿站
	keys Enter m
	wait_for "$(lt 改到 'Move to:')"
	text 12:00-19:00
	expect_screen "$LOC: a range of times is understood on the same day" \
		"$(lt '→ 2026年12月29日 周二 12:00–19:00' '→ Tue 29 Dec 2026 12:00–19:00')"
	keys Enter
	expect_screen "$LOC: one occurrence moved" "$(lt 这一场已改时间 'Occurrence moved')"
	keys Enter
	expect_screen "$LOC: its hours are the new ones" "12:00–19:00"
	expect_screen "$LOC: its segments shift with it" "12:00–14:00 热饮"
	check_eq "$LOC: the series' own segment stays at 10:00" "10:00" \
		"$(h segment ls "$weekly" --format tsv | cut -f2)"
	keys Escape
	tui_stop
}
for_locales body
