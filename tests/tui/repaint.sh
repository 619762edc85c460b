#!/bin/sh
# repaint.sh - pop-ups over Chinese text leave nothing behind (issue 12,
# item 1). A frame drawn over half of a wide character used to leave the
# other half in curses' idea of the screen only, and the next drawing was
# one column off ("2026年12月74日") until C-l. Each pop-up is opened over the
# demo calendar's Chinese text and closed; the screen must then be what a
# fresh repaint (C-l) of the same view draws. At 80x24 in zh_CN.UTF-8 and
# C.UTF-8 (the data is Chinese either way).
. "$(dirname "$0")/../lib.sh"
setup
. "$(dirname "$0")/tmux.lib"
export TZ=Asia/Shanghai HEARTH_NOW=1798416000 # Mon 28 Dec 2026, 08:00 here
printf '[general]\ntimezone = Asia/Shanghai\n' >"$XDG_CONFIG_HOME/hearth/config"
h init --demo >/dev/null

# shown TEXT: TEXT is on the screen - the view or pop-up a step opens is
# really there, so that "same as a repaint" is not checked on a screen that
# never changed.
shown() {
	expect_screen "$LOC: the screen shows $1" "$1"
}

# same_as_repaint NAME: the screen now equals the screen after C-l.
same_as_repaint() {
	sleep 0.3
	before=$(screen)
	keys C-l
	sleep 0.3
	after=$(screen)
	if [ "$before" = "$after" ]; then
		ok "$1"
	else
		not_ok "$1" "$(printf '%s\n' "$before" >"$T/b"; printf '%s\n' "$after" >"$T/a"
			diff "$T/b" "$T/a")"
	fi
}

body() {
	tui_start_loc
	shown 工会驿站
	keys 4
	shown 爱心送考
	keys f
	shown "$(lt 筛选条件 'Filter by')"
	keys Escape
	same_as_repaint "$LOC: events: the filter picker closed"
	keys f Down Enter
	text 盘锦
	keys Enter
	shown 盘锦的士驿站
	same_as_repaint "$LOC: events: after filtering by venue 盘锦 (the reported case)"
	keys f
	shown "$(lt 全部清除 'clear all')"
	keys G Enter # the filter picker's last row: clear all
	keys 1
	shown 工会驿站
	keys Down Down Enter
	shown "$(lt 接下来 Next)"
	keys Escape
	same_as_repaint "$LOC: agenda: the detail pane closed"
	keys '?'
	shown "$(lt 按键 Keys)"
	keys Escape
	same_as_repaint "$LOC: agenda: help closed"
	keys e
	shown "$(lt 'C-s 保存' 'C-s save')"
	keys Tab Tab Tab Tab Tab Tab Tab Tab Enter
	shown "$(lt 查找 Find)"
	keys Escape
	same_as_repaint "$LOC: the event form: the venue picker closed"
	keys Escape
	same_as_repaint "$LOC: agenda: the event form closed"
	keys S
	shown "$(lt 的环节 'Segments of')"
	keys Escape
	same_as_repaint "$LOC: agenda: the segment list closed"
	keys c
	shown "(y/n)"
	keys n
	same_as_repaint "$LOC: agenda: a question answered no"
	keys 2
	shown "$(lt 2026年12月 'December 2026')"
	keys '?'
	shown "$(lt 按键 Keys)"
	keys Escape
	same_as_repaint "$LOC: month: help closed"
	keys 3
	keys '?'
	shown "$(lt 按键 Keys)"
	keys Escape
	same_as_repaint "$LOC: week: help closed"
	tui_stop
}
for_locales body
