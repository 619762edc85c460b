#!/bin/sh
# The demo calendar: whatever the day, a new user sees events this week and
# next, and the four reports' events are there.
. "$(dirname "$0")/../lib.sh"
setup
printf '[general]\ntimezone = Asia/Shanghai\n' >"$XDG_CONFIG_HOME/hearth/config"

# count FROM TO: occurrences in the window.
count() {
	h agenda --from "$1" --to "$2" --format tsv | wc -l
}

# A Monday in winter, a Thursday and a Saturday in summer, late on New Year's Eve.
for now in 1798416000 1812000000 1813939200 1830261600; do
	rm -f "$HEARTH_DB"
	export HEARTH_NOW=$now
	day=$(TZ=Asia/Shanghai date -d "@$now" +%F)
	h init --demo >/dev/null
	this=$(count today +6d)
	next=$(count +7d +13d)
	if [ "$this" -gt 0 ] && [ "$next" -gt 0 ]; then
		ok "demo from $day: $this this week, $next next week"
	else
		not_ok "demo from $day: events this week and next" "$this / $next"
	fi
	kinds=$(h agenda --to +13d --format tsv | cut -f4 | sort -u | tr '\n' ' ')
	check_eq "demo from $day: every kind within two weeks" \
		"clinic fair reading station volunteer " "$(echo "$kinds" |
			sed 's/warm-station //')"
done

# The warm-winter station: Friday to Sunday, every week of January 2027.
rm -f "$HEARTH_DB"
export HEARTH_NOW=1798416000
h init --demo >/dev/null
warm=$(h agenda --from 2027-01-01 --to 2027-01-31 --kind warm-station --format tsv)
check_eq "the warm station is open 15 days in January 2027" 15 \
	"$(printf '%s\n' "$warm" | wc -l)"
check_eq "all of them Fridays, Saturdays and Sundays" "Fri Sat Sun" \
	"$(printf '%s\n' "$warm" | cut -c1-10 | while read -r d; do
		date -d "$d" +%a; done | sort -u | tr '\n' ' ' | sed 's/ $//')"
R=$(h agenda --to +13d --kind reading --format tsv | cut -f3 | head -n 1)
OUT=$(h show "$R")
check_contains "the Benxi reading session" "青少年读书分享会" "$OUT"
check_contains "with its agenda" "Segments:" "$OUT"
check_contains "and its partner" "爱在枫乡环保公益协会" "$OUT"
check_contains "the pharmacy station checks blood pressure" "免费测血压" \
	"$(h agenda --to +6d --kind clinic)"
check_contains "Panjin's stations" "盘锦司机之家" "$(h venues)"
check_status "the demo only goes into an empty database" 1 h init --demo
check_contains "and says so" "already holds events" "$OUT"
check_status "init on an existing database is fine" 0 h init
