#!/bin/sh
# stations.sh - the stations view (0) and the map (M) at 80x24: the demo's
# stations open at noon, nearest first from a chosen place, an hour later
# with [ ]; the map in Braille dots with covered (o) and uncovered (x)
# demand points and a legend, legible without colour (NO_COLOR), zoom and
# pan changing what is drawn; the venue form checks opening hours as they
# are typed, pointing at the column, and saves them.
. "$(dirname "$0")/../lib.sh"
setup
. "$(dirname "$0")/tmux.lib"
export TZ=Asia/Shanghai HEARTH_NOW=1799380800 # Fri 8 Jan 2027 12:00 here
printf '[general]\ntimezone = Asia/Shanghai\n' >"$XDG_CONFIG_HOME/hearth/config"
h init --demo >/dev/null

tui_start 80 24 NO_COLOR=1
expect_screen "the agenda first" "Fri 8 Jan 2027"
keys 0
expect_screen "0 shows the stations open now" "35 open at Fri 8 Jan 2027 12:00"
expect_screen "with what they offer and until when" "open all week"
keys o
expect_screen "o asks where from" "Nearest first from"
text 盘锦工会驿站
keys Enter
expect_screen "nearest first, within the circle" \
	"open at Fri 8 Jan 2027 12:00 within 15 min of 盘锦工会驿站（兴隆台）"
expect_screen "the place itself first, 0 m" "0 m, 0 min"
expect_screen "its hours in words on the status line" \
	"盘锦工会驿站（兴隆台）: Every day: 07:00–21:00"
keys ] ] ] ] ] ] ] ] ] ]
expect_screen "] ten times: 22:00" "open at Fri 8 Jan 2027 22:00"
expect_screen "the 24-hour station still open" "工会驿站（石油大街·24小"
keys t

keys M
expect_screen "M shows the map" "stations open"
expect_screen "its legend" "⣿ open  ⠁ closed  o covered  x left out  @ from"
scr=$(screen)
body=$(echo "$scr" | sed -n '3,22p')
check_status "drawn in Braille dots (U+2800 block)" 0 /usr/bin/python3 -c '
import sys
assert any(0x2801 <= ord(c) <= 0x28FF for c in sys.argv[1]), sys.argv[1]' "$body"
check_contains "two demand points left out, marked x" "x" "$body"
check_contains "covered ones marked o" "o" "$body"
check_eq "80 columns at most" "" \
	"$(echo "$scr" | awk '{ if (length($0) > 80) print }')"
before=$(screen | sed -n '3,22p')
keys +
expect_screen "+ zooms in" "1 cell ≈"
after=$(screen | sed -n '3,22p')
if [ "$before" != "$after" ]; then ok "zooming redraws the map"; else
	not_ok "zooming redraws the map"; fi
keys Left Left
moved=$(screen | sed -n '3,22p')
if [ "$after" != "$moved" ]; then ok "arrows pan"; else not_ok "arrows pan"; fi
keys g
expect_screen "g fits the points again" "x left out"

# The venue form: hours checked as typed, saved canonical.
keys 0
keys Enter
expect_screen "Enter opens the station's form" "Hours"
tui_stop
h venue show 盘锦工会驿站（兴隆台） >/dev/null
tui_start 80 24
keys 5
expect_screen "the venues" "venues"
keys /
text "盘锦工会"
keys Enter
keys Enter
expect_screen "the form" "Hours"
expect_screen "the hours in words beside" "Every day: 07:00–21:00"
keys Down Down Down Down Down Down
keys C-u
text "Mo-Fr 08:00-2O:00"
expect_screen "a mistake named by its column as it is typed" "column 14"
keys BSpace BSpace BSpace BSpace
text "0:00"
expect_screen "then the hours in words" "Mon to Fri: 08:00–20:00"
keys C-s
expect_screen "saved" "Saved “盘锦工会驿站（兴隆台）”"
tui_stop
check_contains "saved canonical" "Mo-Fr 08:00-20:00" "$(h venue show 盘锦工会驿站（兴隆台）)"
echo "1..$tap_n"
