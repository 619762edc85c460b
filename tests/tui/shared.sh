#!/bin/sh
# Several organisers on one database: what one adds from the command line
# shows up on another's screen by itself, and the screen's own edit still
# saves.
. "$(dirname "$0")/../lib.sh"
setup
. "$(dirname "$0")/tmux.lib"
export TZ=Asia/Shanghai HEARTH_NOW=1798416000 # Mon 28 Dec 2026, 08:00 here
h add --kind clinic --title "义诊" --start "2026-12-28 09:00" --duration 2h \
	--no-segments >/dev/null

tui_start 100 30
expect_screen "the agenda shows today's clinic" "义诊"
h add --kind volunteer --title "另一位社工加的活动" --start "2026-12-28 14:00" \
	--duration 1h --no-segments >/dev/null
expect_screen "an event added by someone else appears without a key" \
	"另一位社工加的活动"
h rm "$(h agenda --from 2026-12-28 --to 2026-12-28 --format tsv |
	grep 义诊 | cut -f3)"
i=0
while screen | grep -q "义诊" && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
if screen | grep -q "义诊"; then
	not_ok "one removed by someone else goes away" "$(screen)"
else
	ok "one removed by someone else goes away"
fi

# Two edits of one event at once: the later save is refused, not lost.
keys Home
expect_screen "the remaining event is selected" "另一位社工加的活动"
keys e
expect_screen "its form is open" "Title"
uid=$(h agenda --from 2026-12-28 --to 2026-12-28 --format tsv | cut -f3)
h edit "$uid" --title "命令行改的标题" >/dev/null
keys C-e
text "（界面）"
keys C-s
expect_screen "saving over someone else's change is refused with a reason" \
	"changed or deleted by someone else"
check_contains "and their change stands" "命令行改的标题" "$(h show "$uid")"
keys Escape y
