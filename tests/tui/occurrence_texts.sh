#!/bin/sh
# One occurrence's own title, description and note from the full-screen
# interface (issue 10): A on an occurrence offers the three, the text typed
# is that occurrence's alone, and it is what the agenda, the detail pane
# and the command line show; the series' own text again undoes it.
. "$(dirname "$0")/../lib.sh"
setup
. "$(dirname "$0")/tmux.lib"
export TZ=Asia/Shanghai HEARTH_NOW=1798416000 # Mon 28 Dec 2026, 08:00 here
U=$(h add --kind reading --title 读书会 --start "2026-12-28 19:00" \
	--duration 2h --rrule "FREQ=DAILY;COUNT=3" --description 共读一本书 \
	--no-segments)

tui_start 100 30
expect_screen "the agenda shows the series" "读书会"
keys A
expect_screen "A offers the occurrence's texts" "Change for this occurrence"
keys Enter
expect_screen "the title, the series' one given to edit" "Title:  读书会"
keys C-u
text "读书会（改期）"
keys Enter
expect_screen "saved" "Title of this occurrence saved"
expect_screen "the agenda shows the occurrence's own title" "读书会（改期）"
check_eq "for that occurrence alone" \
	"$(printf '2026-12-28T19:00:00+08:00\t读书会（改期）\n2026-12-29T19:00:00+08:00\t读书会\n2026-12-30T19:00:00+08:00\t读书会')" \
	"$(h agenda --from 2026-12-28 --to 2026-12-31 --format tsv | cut -f1,5)"
keys A
expect_screen "A again" "Change for this occurrence"
keys Down
keys Enter
expect_screen "the description, the series' one given to edit" \
	"Description:  共读一本书"
keys C-u
text "改到图书馆三楼"
keys Enter
expect_screen "saved too" "Description of this occurrence saved"
keys Enter
expect_screen "the detail pane shows the occurrence's texts" "改到图书馆三楼"
expect_screen "... and the series it belongs to" "Series"
keys Escape
# Giving the series' title back undoes the change.
keys A
expect_screen "A once more" "Change for this occurrence"
keys Enter
expect_screen "the title, its own given to edit" "Title:  读书会（改期）"
keys C-u
text "读书会"
keys Enter
expect_screen "the series' title again" "Title of this occurrence saved"
check_lacks "no occurrence has another title now" "改期" \
	"$(h agenda --from 2026-12-28 --to 2026-12-31 --format tsv)"
tui_stop
echo "1..$tap_n"
