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
# The screen without its status line, which may name what went.
body() { screen | sed '$d'; }
i=0
while body | grep -q "义诊" && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
if body | grep -q "义诊"; then
	not_ok "one removed by someone else goes away" "$(screen)"
else
	ok "one removed by someone else goes away"
fi
me=$(id -un)
expect_screen "and the status line says who removed it" \
	"Updated: $me deleted “义诊”."

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
expect_screen "saving over someone else's change shows who changed it" \
	"Changed meanwhile by $me ("
expect_screen "and their title beside mine" "命令行改的标题"
check_contains "(mine)" "另一位社工加的活动（界面）" "$(screen)"
keys Escape
expect_screen "Esc goes back to the form with what was typed" \
	"另一位社工加的活动（界面）"
keys C-s
expect_screen "saving again asks again" "Changed meanwhile by"
keys t
expect_screen "taking theirs saves" "Event saved"
check_contains "their title stands" "Title:       命令行改的标题
" "$(h show "$uid")
"

# A change by someone else is named on the screen: who, what, which fields.
h edit "$uid" --description "命令行写的说明" >/dev/null
expect_screen "the live refresh names who changed what" \
	"Updated: $me changed “命令行改的标题”: description."
keys Enter
expect_screen "the detail pane says who changed the event last" \
	"Changed by"
check_contains "naming them" "$me (" "$(screen | grep 'Changed by')"
keys Escape

# Undo is a change like any other: over someone else's newer change it is
# refused, naming them, and their change stands.
keys e
expect_screen "the form opens again" "Title"
keys C-e
text "（甲）"
keys C-s
expect_screen "the screen's own change is saved" "Event saved"
h edit "$uid" --description "乙改的说明" >/dev/null
expect_screen "the other's later change shows up" "Updated: $me changed"
keys u
expect_screen "undo over it is refused, naming who changed it" \
	"Not undone: “命令行改的标题（甲）” was changed since by $me"
shown=$(h show "$uid")
check_contains "the other's description stands" "乙改的说明" "$shown"
check_contains "and the title is still the screen's" "命令行改的标题（甲）" "$shown"

# Undo with nobody in between still works.
keys e
expect_screen "the form opens once more" "Title"
keys C-e
text "（乙）"
keys C-s
expect_screen "saved" "Event saved"
keys u
expect_screen "undo with no change in between is done" "Undone"
check_contains "the title is back" "Title:       命令行改的标题（甲）
" "$(h show "$uid")
"

# Someone else changes one field while the form changes another: theirs
# is taken for theirs, mine kept for mine, nothing lost.
keys e
expect_screen "the form opens for a merge" "Title"
keys Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down
h edit "$uid" --description "丙改的说明" --capacity 40 >/dev/null
keys Up Up Up Up Up Up Up Up Up Up Up Up Up Up Up
keys C-e
text "（丁）"
keys C-s
expect_screen "the fields they changed are shown" "capacity"
check_contains "with their description" "丙改的说明" "$(screen)"
keys t
expect_screen "taking theirs for those fields saves" "Event saved"
shown=$(h show "$uid")
check_contains "my title is kept" "命令行改的标题（甲）（丁）" "$shown"
check_contains "their description is kept" "丙改的说明" "$shown"
check_contains "their capacity is kept" "Capacity:    40" "$shown"

# Keep mine: their change to a field is overwritten - on purpose.
keys e
expect_screen "the form opens to keep mine" "Title"
h edit "$uid" --title "戊改的标题" >/dev/null
keys C-e
text "（己）"
keys C-s
expect_screen "the title they changed is shown" "戊改的标题"
keys m
expect_screen "keeping mine saves" "Event saved"
check_contains "my title is stored" "命令行改的标题（甲）（丁）（己）" "$(h show "$uid")"
