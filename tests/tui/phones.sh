#!/bin/sh
# phones.sh - the full-screen interface's ways to phones: Q draws the QR
# code of the selected occurrence (read back by zbarimg from a capture of
# the screen turned into an image), or says the terminal is too small; B
# shows the week's notice for a group chat in a pager and, with
# clipboard = osc52, puts it on the clipboard (tmux's, here).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.lib"
setup
top=$(cd "$(dirname "$0")/../.." && pwd)
export TZ=Asia/Shanghai HEARTH_NOW=1798416000 # Mon 28 Dec 2026, 08:00
printf '[general]\ntimezone = Asia/Shanghai\n' >"$XDG_CONFIG_HOME/hearth/config"
trap 'tmx kill-server 2>/dev/null; rm -rf "$T"' EXIT
h init --demo >/dev/null

# The agenda selects the first occurrence that starts from now (the day's
# all-day ones began earlier): its QR code as a PNG.
first=$(h agenda --from now --to +1d --format tsv | awk -F'\t' '$1 ~ /T/' |
	head -n 1)
uid=$(echo "$first" | cut -f3)
start=$(echo "$first" | cut -f1 | cut -c1-16 | tr T ' ')
h qr "$uid" --at "$start" -o "$T/want.png"
want=$(zbarimg -q --raw "$T/want.png" 2>/dev/null)
check_contains "the occurrence's QR code holds a calendar entry" \
	"BEGIN:VEVENT" "$want"

tui_start 160 60
expect_screen "the agenda" "$(echo "$first" | cut -f5)"
keys Q
wait_for "▀"
screen >"$T/capture.txt"
/usr/bin/python3 "$top/tests/tui/qr_capture.py" "$T/capture.pgm" <"$T/capture.txt"
check_eq "Q: the code on the screen reads as the occurrence, Chinese included" \
	"$want" "$(zbarimg -q --raw "$T/capture.pgm" 2>/dev/null)"
row=$(tmx capture-pane -e -p -t hearth | grep '█' | head -n 1)
check_contains "drawn black on white, whatever the terminal's colours" \
	"$(printf '\033[30m\033[107m')" "$row"
keys i
row=$(tmx capture-pane -e -p -t hearth | grep '█' | head -n 1)
check_contains "i inverts it" "$(printf '\033[97m\033[40m')" "$row"
keys Escape
expect_screen "any other key goes back" "Agenda"
tui_stop

tui_start 80 24
keys Q
expect_screen "on 80×24 it says the terminal is too small" \
	"The terminal is too small for this QR code"
keys Escape
expect_screen "and goes back" "Agenda"
tui_stop

# The event form's reminders: empty stands for the kind's; lengths or none.
tui_start 100 30
keys e
expect_screen "the event form has reminders" "Reminders"
expect_screen "empty, it stands for the kind's" "kind's: none"
down 18
text "2x"
keys C-s
expect_screen "a bad length is refused in the form" "'2x' is not a duration"
keys BSpace BSpace
text "1d 2h"
keys C-s
expect_screen "saved" "Agenda"
tui_stop
check_contains "the event keeps them" "Reminders:   1d, 2h" "$(h show "$uid")"

# B: the notice of the week from the selected day, in a pager.
want=$(h notice --from 2026-12-28 --to 2027-01-03)
tui_start 120 40
keys B
expect_screen "B shows the notice" "Notice for the group chat"
expect_screen "its heading" "Events, 28 Dec to 3 Jan"
expect_screen "its lines" "Mon 28 Dec 08:00–20:00 工会驿站：户外劳动者休息点"
expect_screen "without clipboard = osc52 it says how to copy" "Select the notice"
keys q
expect_screen "q goes back" "Agenda"
tui_stop

# clipboard = osc52: tmux (set-clipboard on) takes it as a paste buffer.
printf '[general]\ntimezone = Asia/Shanghai\nclipboard = osc52\n' \
	>"$XDG_CONFIG_HOME/hearth/config"
tui_start 120 40
tmx set -g set-clipboard on
keys B
expect_screen "with clipboard = osc52 it says so" "The notice is on the clipboard"
got=$(tmx show-buffer 2>/dev/null)
check_eq "and the clipboard holds the notice" "$want" "$got"
keys q
tui_stop
