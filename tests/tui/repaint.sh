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
	wait_for 工会驿站
	keys 4
	wait_for 爱心送考
	keys f
	wait_for "$(lt 筛选条件 'Filter by')"
	keys Escape
	same_as_repaint "$LOC: events: the filter picker closed"
	keys f Down Enter
	text 盘锦
	keys Enter
	wait_for 盘锦的士驿站
	same_as_repaint "$LOC: events: after filtering by venue 盘锦 (the reported case)"
	keys f Up Enter
	keys 1
	wait_for 工会驿站
	keys Down Down Enter
	wait_for "$(lt 接下来 Next)"
	keys Escape
	same_as_repaint "$LOC: agenda: the detail pane closed"
	keys '?'
	wait_for "$(lt 按键 Keys)"
	keys Escape
	same_as_repaint "$LOC: agenda: help closed"
	keys e
	wait_for "$(lt 保存 Save)"
	keys Tab Tab Tab Tab Tab Tab Tab Tab Enter
	wait_for "$(lt 查找 Find)"
	keys Escape
	same_as_repaint "$LOC: the event form: the venue picker closed"
	keys Escape
	same_as_repaint "$LOC: agenda: the event form closed"
	keys S
	wait_for "$(lt 的环节 'Segments of')"
	keys Escape
	same_as_repaint "$LOC: agenda: the segment list closed"
	keys c
	wait_for "(y/n)"
	keys n
	same_as_repaint "$LOC: agenda: a question answered no"
	keys 2
	wait_for "$(lt 2026年12月 'December 2026')"
	keys '?'
	wait_for "$(lt 按键 Keys)"
	keys Escape
	same_as_repaint "$LOC: month: help closed"
	keys 3
	keys '?'
	wait_for "$(lt 按键 Keys)"
	keys Escape
	same_as_repaint "$LOC: week: help closed"
	tui_stop
}
for_locales body
