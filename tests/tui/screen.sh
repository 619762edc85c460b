#!/bin/sh
# What a person sees: the demo calendar at 80×24 and 200×60, a terminal too
# small, no colour, every view named, the help screen, columns of Chinese
# and Latin text lined up, and a hostile title that cannot reach the
# terminal.
. "$(dirname "$0")/../lib.sh"
setup
. "$(dirname "$0")/tmux.lib"
export TZ=Asia/Shanghai HEARTH_NOW=1798416000 # Mon 28 Dec 2026, 08:00 here
h init --demo >/dev/null
# A title as an imported calendar carries it: a terminal title change, a
# colour, a bidi override, a bell.
esc=$(printf '\033')
bel=$(printf '\007')
rlo=$(printf '\342\200\256')
cat >"$T/evil.ics" <<ICS
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//hostile//EN
BEGIN:VEVENT
UID:evil-1@test
DTSTAMP:20261201T000000Z
DTSTART:20261228T013000Z
DTEND:20261228T023000Z
SUMMARY:evil${esc}]0;pwned${bel}${esc}[31mred${rlo}txet${bel}
END:VEVENT
END:VCALENDAR
ICS
sed -i 's/$/\r/' "$T/evil.ics"
check_status "a calendar with a hostile title imports" 0 h import "$T/evil.ics"

tui_start 80 24
expect_screen "the agenda at 80×24 names its view" "1 Agenda"
expect_screen "it shows today's demo events" "工会驿站：户外劳动者休息点"
s=$(screen)
check_contains "the hostile title shows as text" "evil" "$s"
check_lacks "its escape sequence never reaches the terminal" "pwned$(printf '\007')" "$s"
check_eq "the terminal title was not changed" "$(tmx display -p -t hearth '#{pane_title}' | grep -c pwned)" 0
widest=$(screen | awk '{ print length($0) }' | sort -n | tail -n 1)
# tmux pads nothing: a line is at most as wide as the terminal, in columns.
lines_over=$(screen | while IFS= read -r l; do
	w=$(printf '%s' "$l" | wc -L); [ "$w" -gt 80 ] && echo x; done | wc -l)
check_eq "no line is wider than 80 columns" 0 "$lines_over"

# Columns line up: the venue column starts at the same display column on
# every occurrence line, whatever mix of Chinese and Latin precedes it.
cols=$(screen | grep '^  [0-2a]' | while IFS= read -r l; do
	prefix=${l%%盘锦*}
	[ "$prefix" != "$l" ] && printf '%s' "$prefix" | wc -L; done | sort -u)
check_eq "the venue column lines up" 1 "$(echo "$cols" | wc -l)"

for v in 2:Month 3:Week 4:Events 5:Venues 6:Organisations; do
	keys "${v%%:*}"
	expect_screen "view ${v%%:*} is named on screen" "${v#*:}"
done
keys 4
expect_screen "the events view lists the series with their next time" "文明集市"

keys 1 '?'
expect_screen "? lists the keys of the view" "Keys: Agenda"
expect_screen "with what each does" "page up (month: previous month"
keys PgDn
expect_screen "and scrolls to the rest" "cancel this occurrence"
keys Escape

tmx resize-window -t hearth -x 200 -y 60
sleep 0.3
expect_screen "after growing to 200×60 the screen is redrawn at once" "Organisations"
rows=$(screen | grep -c '工会驿站')
if [ "$rows" -ge 4 ]; then ok "a taller screen shows more days ($rows)"
else not_ok "a taller screen shows more days" "$(screen)"; fi

tmx resize-window -t hearth -x 40 -y 10
expect_screen "below the minimum a clear message instead of garbage" \
	"too small"
tmx resize-window -t hearth -x 80 -y 24
expect_screen "and back again" "1 Agenda"
tui_stop

# Without colour: TERM=vt100 and NO_COLOR.
tui_start 80 24 TERM=vt100 NO_COLOR=1
expect_screen "without colour the agenda still shows" "工会驿站"
keys 2
expect_screen "and the month view" "December 2026"
tui_stop
