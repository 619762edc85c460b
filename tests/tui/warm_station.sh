#!/bin/sh
# A whole task in the full-screen interface: a Chinese-titled warm-winter
# station open Friday to Sunday every week of January 2027, with its
# services as segments; one Saturday cancelled, one Sunday's hours moved;
# found again with /; seen in the month and week views; the data still there
# after a restart.
. "$(dirname "$0")/../lib.sh"
setup
. "$(dirname "$0")/tmux.lib"
export TZ=Asia/Shanghai HEARTH_NOW=1798416000 # Mon 28 Dec 2026, 08:00 here
cat >"$XDG_CONFIG_HOME/hearth/config" <<'CONF'
[general]
timezone = Asia/Shanghai
CONF

agenda_jan() {
	h agenda --from 2027-01-01 --to 2027-01-31 --format tsv | cut -f1,2,5
}

tui_start 100 30
expect_screen "an empty database greets the user" "There are no events yet"
expect_screen "and offers the demo calendar" "load a demo calendar"

# The form: title, kind from its list, times.
keys a
expect_screen "a opens the event form" "New event"
text "皇姑β暖冬驿站"
keys Tab Enter
text "Warm"
keys Enter
expect_screen "the kind is picked from a searchable list" "Warm-winter station"
keys Tab Tab C-u
text "2027-01-01 10:00"
expect_screen "the start is shown as understood" "Fri 1 Jan 2027 10:00"
keys Tab C-u
text "18:00"
expect_screen "a bare end time reads on the start's day" "Fri 1 Jan 2027 18:00"

# The schedule: weekly on Fr Sa Su until the end of January.
keys Tab Tab Tab Enter
expect_screen "Enter on Repeats opens the schedule editor" "Schedule"
keys Right Right Tab Tab Right Right Right Right Space Right Space Right Space
keys Tab Right Tab
text "2027-01-31"
expect_screen "the RRULE follows the fields" "FREQ=WEEKLY;UNTIL=20270131T155959Z;BYDAY=FR"
expect_screen "the preview lists the next occurrences" "Sun 3 Jan 2027 10:00"
keys C-s
expect_screen "the schedule is summed up in the form in words" \
	"Every Fri, Sat and Sun until 31 Jan 2027"

# A new venue, then the services as segments.
keys Tab Enter
text "β暖冬志愿服务站"
keys Enter
expect_screen "a new venue is taken from the typed name" "[ β暖冬志愿服务站 ]"
keys Tab Tab Tab Tab Tab Tab Tab Tab Tab Enter
expect_screen "the segments editor opens with the kind's defaults" "Hot drinks"
keys d y d y d y d y
for service in 热饮 手机充电 应急药箱; do
	keys a
	text "$service"
	keys C-s
done
expect_screen "segments are added in Chinese" "应急药箱"
keys Escape
expect_screen "the form counts them" "3 segments"
keys C-s
expect_screen "saving says so" "Event added"

out=$(agenda_jan)
check_eq "fifteen openings in January" 15 "$(echo "$out" | wc -l)"
check_contains "Friday 8 January, 10:00 to 18:00" \
	"2027-01-08T10:00:00+08:00	2027-01-08T18:00:00+08:00	皇姑β暖冬驿站" "$out"
uid=$(h agenda --from 2027-01-01 --to 2027-01-01 --format tsv | cut -f3)
check_eq "the segments are stored in order" "热饮 手机充电 应急药箱" \
	"$(h segment ls "$uid" --format tsv | cut -f4 | tr '\n' ' ' | sed 's/ $//')"
check_contains "the venue was created" "β暖冬志愿服务站" "$(h venues)"

# Find it, cancel Saturday 2 January, move Sunday's hours.
keys /
text "β暖冬"
keys Enter
expect_screen "/ finds the station" "Found “β暖冬”"
# The search goes on from the first opening, selected, to the second.
keys c
expect_screen "cancelling asks first" "Cancel 皇姑β暖冬驿站 on Sat 2 Jan 2027"
keys y
expect_screen "and reports it" "Occurrence cancelled"
keys l m
expect_screen "move asks for the new time" "Move to:"
keys C-u
text "2027-01-03 12:00"
expect_screen "and shows how it reads" "→ Sun 3 Jan 2027 12:00"
keys Enter
expect_screen "and reports it" "Occurrence moved"
out=$(agenda_jan)
check_lacks "Saturday 2 January is cancelled" "2027-01-02T10:00" "$out"
check_contains "Sunday 3 January opens at noon for its eight hours" \
	"2027-01-03T12:00:00+08:00	2027-01-03T20:00:00+08:00" "$out"
check_eq "fourteen openings left" 14 "$(echo "$out" | wc -l)"
expect_screen "the agenda marks the cancelled day" "(cancelled)"

# Month and week views.
keys 2
expect_screen "the month view names its month" "January 2027"
expect_screen "and shows the station in its days" "皇姑β暖冬驿站"
keys x
expect_screen "x offers what the month shows" \
	"what the view shows: 1 event, 2027-01-01…01-31"
keys Enter
expect_screen "and asks where to export it" "Export to:"
keys C-u
text "$T/january.ics"
keys Enter
expect_screen "and says what it wrote where" \
	"Exported 1 event, 2027-01-01…01-31, to $T/january.ics"
ics=$(cat "$T/january.ics" 2>/dev/null)
check_contains "the file is a calendar" "BEGIN:VCALENDAR" "$ics"
check_contains "with the station" "SUMMARY:皇姑β暖冬驿站" "$ics"
check_contains "its rule" "BYDAY=FR,SA,SU" "$ics"
check_contains "and the cancelled Saturday shown cancelled" \
	"SUMMARY:[Cancelled] 皇姑β暖冬驿站" "$ics"
check_contains "... as an instance that says so" "STATUS:CANCELLED" "$ics"
keys 3
expect_screen "the week view shows the week's dates" "Sun 1/3"
expect_screen "and the station's block" "皇姑β"

# Quit and come back: everything is still there.
keys q
i=0
while ! pane_dead && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
if pane_dead; then ok "q quits"; else not_ok "q quits" "$(screen)"; fi
tui_start 100 30
keys /
text "皇姑"
keys Enter
expect_screen "after a restart the station is found again" "皇姑β暖冬驿站"
check_eq "and the database still has its fourteen openings" 14 \
	"$(agenda_jan | wc -l)"
