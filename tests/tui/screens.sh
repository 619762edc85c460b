#!/bin/sh
# screens.sh - whole screens, compared line by line with what a person
# should see (tests/tui/screens/NAME.txt), as tmux's own regression tests
# compare captured panes: the agenda, the month and the week view of a
# small calendar of its own (not the demo, which grows), and the message
# of a terminal too small. A difference anywhere fails, shown as
# a diff.
#
# When a screen changes on purpose, look at the new one, then rewrite
# the expected files with one command:
#     make screens
# (HEARTH_SCREENS=update sh tests/tui/screens.sh), and commit them with
# the change that made them.
. "$(dirname "$0")/../lib.sh"
setup
. "$(dirname "$0")/tmux.lib"
expected_dir=$(cd "$(dirname "$0")" && pwd)/screens
export TZ=Asia/Shanghai HEARTH_NOW=1799028000 # Mon 4 Jan 2027, 10:00 here

# A week of a community centre: Chinese and Latin titles side by side, an
# all-day event, a repeating one with a cancelled and a moved occurrence,
# one with segments, a host and a partner.
h init >/dev/null
h venue add "社区活动中心" --address "兴隆台区 12 号" >/dev/null
h org add "阳光志愿者协会" >/dev/null
h org add "Pharmacy No. 3" >/dev/null
rid=$(h add --kind reading --title "青年读书会 Youth reading" \
	--start "2027-01-08 14:00" --duration 2h --venue "社区活动中心" \
	--host "阳光志愿者协会" --partner "Pharmacy No. 3" --no-segments \
	--alarm none --description "带一本你最近读的书。")
h segment add "$rid" --title "签到" --from 14:00 --to 14:15 >/dev/null
h segment add "$rid" --title "分享 Sharing" --from 14:15 --to 15:30 \
	--partner "Pharmacy No. 3" >/dev/null
uid=$(h add --kind warm-station --title "暖冬驿站" --start "2027-01-01 10:00" \
	--duration 8h --rrule "FREQ=WEEKLY;BYDAY=FR,SA,SU;UNTIL=20270131" \
	--venue "社区活动中心" --no-segments --alarm none)
h override "$uid" --at 2027-01-09 --cancel --note "暴雪" >/dev/null
h override "$uid" --at 2027-01-10 --start 12:00 --end 19:00 >/dev/null
h add --kind clinic --title "Free blood-pressure check" --start 2027-01-05 \
	--all-day --no-segments --alarm none >/dev/null
check_eq "the calendar is made" 4 \
	"$(h agenda --from 2027-01-04 --to 2027-01-10 --format tsv | wc -l)"

# same NAME: the screen now is tests/tui/screens/NAME.txt, exactly.
same() {
	# The screen settles first: two captures a moment apart agree.
	i=0
	now=$(screen)
	while [ $i -lt 20 ]; do
		sleep 0.2
		prev=$now
		now=$(screen)
		[ "$now" = "$prev" ] && break
		i=$((i + 1))
	done
	if [ "${HEARTH_SCREENS:-}" = update ]; then
		mkdir -p "$expected_dir"
		printf '%s\n' "$now" >"$expected_dir/$1.txt"
		ok "$1: written to tests/tui/screens/$1.txt"
		return
	fi
	printf '%s\n' "$now" >"$T/$1.txt"
	if diff -u "$expected_dir/$1.txt" "$T/$1.txt" >"$T/$1.diff" 2>&1; then
		ok "$1: the whole screen is as expected"
	else
		not_ok "$1: the whole screen differs (make screens rewrites it)" \
			"$(cat "$T/$1.diff")"
	fi
}

tui_start 80 24
expect_screen "the agenda opens" "暖冬驿站 (cancelled)"
same agenda
keys 2
expect_screen "the month view opens" "January 2027"
same month
keys 3
expect_screen "the week view opens" "Mon 1/4"
same week
tui_stop

tui_start 50 12
expect_screen "a terminal too small is told so" "too small"
same too-small
tui_stop
