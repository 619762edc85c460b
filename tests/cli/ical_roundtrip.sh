#!/bin/sh
# ical_roundtrip.sh - export, import into an empty database, export again:
# the same calendar apart from DTSTAMP; importing twice changes nothing.
. "$(dirname "$0")/../lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
setup
cd "$T" || exit 2
export TZ=Asia/Shanghai HEARTH_NOW=1798416000

# roundtrip NAME DB ARGS...: export from DB, import elsewhere, export again.
roundtrip() {
	rt=$1 db=$2
	shift 2
	HEARTH_DB=$db h export "$@" -o "$rt-1.ics"
	rm -f "$rt-copy.db"
	check_status "$rt: the export imports cleanly" 0 \
		env HEARTH_DB="$rt-copy.db" "$HEARTH" import "$rt-1.ics"
	check_contains "$rt: every event added" " 0 skipped" "$OUT"
	HEARTH_DB=$rt-copy.db h export "$@" -o "$rt-2.ics"
	grep -v '^DTSTAMP:' "$rt-1.ics" >a.txt
	grep -v '^DTSTAMP:' "$rt-2.ics" >b.txt
	if cmp -s a.txt b.txt; then
		ok "$rt: export, import, export gives the same calendar"
	else
		not_ok "$rt: export, import, export gives the same calendar" \
			"$(diff a.txt b.txt | head -n 20)"
	fi
	out=$(HEARTH_DB=$rt-copy.db h import "$rt-1.ics" 2>&1)
	check_contains "$rt: a second import changes nothing" \
		"added 0, updated 0;" "$out"
}

h init --demo >/dev/null
# Changed, cancelled and extra occurrences on top of the demo calendar.
id=$(h add --kind volunteer --title '雪后清扫' --start '2027-01-04 08:00' \
	--duration 2h --rrule 'FREQ=WEEKLY;BYDAY=MO,TH;COUNT=10' \
	--rdate '2027-01-09 09:00' --exdate '2027-01-07 08:00' \
	--venue 粮库社区文化广场 --host 粮库社区党委 --partner 抚顺总医院 \
	--audience 居民 --capacity 20 --contact 'wang@example.org')
h override "$id" --at '2027-01-11 08:00' --start '2027-01-11 10:00' \
	--end '2027-01-11 12:00' --note '改到上午十点' >/dev/null
h override "$id" --at '2027-01-14 08:00' --cancel --note '暴雪停课' >/dev/null
h override "$id" --at '2027-01-09 09:00' --venue 盘锦司机之家 >/dev/null
h segment add "$id" --title 分组 --from 08:00 --to 08:15 --partner 抚顺总医院 >/dev/null
roundtrip demo "$HEARTH_DB"
roundtrip demo-rdate "$HEARTH_DB" --rdate
roundtrip demo-kind "$HEARTH_DB" --kind station --name 驿站

# A generated calendar of 400 series.
/usr/bin/python3 "$top/tests/ical/gen_calendar.py" 400 3 >gen.ics
HEARTH_DB=gen.db h import gen.ics >/dev/null
roundtrip generated gen.db

# A changed series comes back as an update, not as a new one.
HEARTH_DB=demo-copy.db h edit "$id" --title '雪后清扫（改）' >/dev/null
HEARTH_DB=demo-copy.db h export -o edited.ics
out=$(h import edited.ics 2>&1)
check_contains "an edited series updates the original" "added 0, updated 1;" \
	"$out"
check_contains "its new title is there" "雪后清扫（改）" "$(h show "$id")"

# A venue that is one event's own and another event's segment's (长江路小区
# in the demo: the snow-clearing after the reading session, and the
# snow-clearing event itself) keeps its details whichever comes first in
# the file, and so does a venue only a segment uses.
HEARTH_DB=venues.db h init >/dev/null
HEARTH_DB=venues.db h venue add 长江路小区 --address 本溪县观音阁街道棉织社区 \
	--type 居民小区 --geo 41.3,124.1 --service 热水 --service 休息 >/dev/null
HEARTH_DB=venues.db h venue add 东门 --address 长江路小区东门 >/dev/null
HEARTH_DB=venues.db h venue add 中心 --address 棉织社区党群服务中心 >/dev/null
HEARTH_DB=venues.db h org add 章党派出所 --type 派出所 --contact 110 >/dev/null
rid=$(HEARTH_DB=venues.db h add --kind reading --title 读书分享会 \
	--start '2027-01-09 09:00' --end '2027-01-09 12:00' --venue 中心)
HEARTH_DB=venues.db h segment add "$rid" --title 除雪 --from 11:30 --to 12:00 \
	--venue 长江路小区 >/dev/null
HEARTH_DB=venues.db h segment add "$rid" --title 集合 --from 11:20 --to 11:30 \
	--venue 东门 --partner 章党派出所 >/dev/null
HEARTH_DB=venues.db h add --kind volunteer --title 社区除雪 \
	--start '2027-01-10 09:00' --end '2027-01-10 11:00' --venue 长江路小区 >/dev/null
roundtrip venues venues.db
for v in 长江路小区 东门; do
	check_eq "venues: $v is the same after the round trip" \
		"$(HEARTH_DB=venues.db h venue show "$v" --format json)" \
		"$(HEARTH_DB=venues-copy.db h venue show "$v" --format json)"
done
check_contains "venues: the address of a segment's venue came back" \
	'"address":"长江路小区东门"' \
	"$(HEARTH_DB=venues-copy.db h venue show 东门 --format json)"
check_eq "venues: an organisation only a segment names keeps its details" \
	"$(HEARTH_DB=venues.db h orgs --format tsv)" \
	"$(HEARTH_DB=venues-copy.db h orgs --format tsv)"
# A venue an earlier hearth's file (no X-HEARTH-PLACE) made by name alone
# takes the details a later event gives; details entered are kept.
awk '/^X-HEARTH-PLACE:/ { skip = 1; next } skip && /^ / { next }
	{ skip = 0; print }' venues-1.ics >old.ics
HEARTH_DB=old.db h import old.ics >/dev/null
check_contains "an older file: the venue known by name takes its address" \
	'"address":"本溪县观音阁街道棉织社区"' \
	"$(HEARTH_DB=old.db h venue show 长江路小区 --format json)"
HEARTH_DB=kept.db h init >/dev/null
HEARTH_DB=kept.db h venue add 长江路小区 --address 长江路1号 >/dev/null
HEARTH_DB=kept.db h import venues-1.ics >/dev/null
check_contains "a venue with details of its own keeps them" \
	'"address":"长江路1号"' \
	"$(HEARTH_DB=kept.db h venue show 长江路小区 --format json)"
