#!/bin/sh
# Stations from the command line: opening hours given, refused with a caret
# under the character at fault, stored canonical and shown in words;
# coordinates from a Chinese map converted; hearth open near a point or a
# venue, within a travel time, with a service, its TSV columns exactly as
# hearth(1) gives them; the demo's Panjin stations answer at any hour; a
# network's event keeps its shops open.
. "$(dirname "$0")/../lib.sh"
setup
export HEARTH_NOW=1799380800 # 2027-01-08 12:00 in Shanghai (a Friday)
printf '[general]\ntimezone = Asia/Shanghai\n[holidays]\n2027-01-01 = 元旦\n' \
	>"$XDG_CONFIG_HOME/hearth/config"
py=/usr/bin/python3
cd "$T" || exit 2
TAB='	'

h init >/dev/null
check_status "venue add with hours" 0 h venue add 甲站 --geo 41.12,122.07 \
	--type 工会驿站 --service 热水 --service 手机充电 \
	--hours "mo-fr 8:00-20:00; sa,su 10:00-18:00; PH off" --contact 0427-1
check_status "a mistake in the hours is refused" 1 h venue add 乙站 \
	--geo 41.13,122.07 --hours "Mo-Fr 08:00-2O:00"
check_contains "naming the column" "column 14: expected ':'" "$OUT"
check_contains "with the hours and a caret under the O" \
"  Mo-Fr 08:00-2O:00
               ^" "$OUT"
check_status "nothing was added" 1 h venue show 乙站
check_status "a caret under a wide character counts two columns" 1 \
	h venue add 乙站 --hours "周一 08:00-20:00"
check_contains "column 1" "column 1:" "$OUT"

h venue show 甲站 >show.txt
check_contains "stored canonical" "Mo-Fr 08:00-20:00; Sa,Su 10:00-18:00; PH off" \
	"$(cat show.txt)"
check_contains "and in words" \
	"Mon to Fri: 08:00–20:00; Sat and Sun: 10:00–18:00; public holidays: closed" \
	"$(cat show.txt)"
check_contains "open now" "open now, until 20:00" "$(cat show.txt)"
check_contains "the words in Chinese" "周一至周五：08:00–20:00" \
	"$(LANGUAGE=zh_CN h venue show 甲站)"

# A point from a Chinese map (GCJ-02) is stored in WGS-84.
h venue add 乙站 --geo 41.122091,122.075492 --crs gcj02 --hours 24/7 \
	--service 热水 --type 司机之家
lat=$(h venue show 乙站 --format json | $py -c \
	'import json,sys; d=json.load(sys.stdin); print("%.5f,%.5f" % (d["lat"], d["lon"]))')
check_eq "GCJ-02 converted to WGS-84" "41.12000,122.07000" "$lat"
h venue add 丙站 --geo 41.2,122.07 --hours 24/7 --service 休息 --type 的士驿站
h venue add 丁站 --hours 24/7     # nowhere

check_eq "open near a point, nearest first, within 15 minutes" \
"甲站${TAB}工会驿站${TAB}0${TAB}0${TAB}2027-01-08T20:00:00+08:00${TAB}热水,手机充电
乙站${TAB}司机之家${TAB}0${TAB}0${TAB}${TAB}热水" \
	"$(h open --near 41.12,122.07 --format tsv)"
check_eq "--within all reaches the one 8.9 km away" 3 \
	"$(h open --near 甲站 --within all --format tsv | wc -l | tr -d ' ')"
check_eq "8.9 km riding with a detour of 1.3: 46 minutes" \
	"丙站${TAB}的士驿站${TAB}8896${TAB}46" \
	"$(h open --near 甲站 --within all --format tsv | tail -n 1 | cut -f 1-4)"
check_eq "walking, 4.5 km/h: 154 minutes" 154 \
	"$(h open --near 甲站 --within all --walk --format tsv | tail -n 1 | cut -f 4)"
check_eq "--service" "甲站 乙站" \
	"$(h open --near 甲站 --service 热 --format tsv | cut -f 1 | tr '\n' ' ' | sed 's/ $//')"
check_eq "without --near, every open station by name, no distance" \
"丁站${TAB}${TAB}${TAB}${TAB}${TAB}
丙站${TAB}的士驿站${TAB}${TAB}${TAB}${TAB}休息
乙站${TAB}司机之家${TAB}${TAB}${TAB}${TAB}热水
甲站${TAB}工会驿站${TAB}${TAB}${TAB}2027-01-08T20:00:00+08:00${TAB}热水,手机充电" \
	"$(h open --format tsv | LC_ALL=C sort)"
check_eq "at 21:00 甲站 is closed" "乙站" \
	"$(h open --near 甲站 --at "2027-01-08 21:00" --format tsv | cut -f 1)"
check_eq "on New Year's Day (PH off) too" "乙站" \
	"$(h open --near 甲站 --at "2027-01-01 12:00" --format tsv | cut -f 1)"
check_status "--within without --near" 1 h open --within 15min
check_status "--near a venue without coordinates" 1 h open --near 丁站
check_contains "says so" "has no coordinates" "$OUT"
check_status "--near a place that does not exist" 1 h open --near 无此地
check_status "a latitude out of range" 1 h open --near 95,122
check_contains "names it" "latitude 95 is out of range" "$OUT"
h open --near 甲站 --format json >open.json
check_status "json parses, with distances and closing times" 0 $py -c '
import json, sys
rows = json.load(open("open.json"))
assert [r["name"] for r in rows] == ["甲站", "乙站"], rows
assert rows[0]["closes"] == "2027-01-08T20:00:00+08:00" and rows[1]["closes"] is None
assert rows[0]["services"] == ["热水", "手机充电"] and rows[0]["distance_m"] == 0
'

# A network: the checks held at the chain keep its shops open after hours.
h venue add 药店甲 --geo 41.121,122.071 --hours "Mo-Su 08:00-12:00" --service 测血压
h venue add 药店乙 --geo 41.5,122.5 --hours "Mo-Su 08:00-12:00" --service 测血压
h venue add 连锁药店 --member 药店甲 --member 药店乙
h add --kind clinic --title 免费测血压 --start "2027-01-08 13:00" --end 17:00 \
	--venue 连锁药店 >/dev/null
check_eq "open through the network's event" \
	"药店乙${TAB}2027-01-08T17:00:00+08:00
药店甲${TAB}2027-01-08T17:00:00+08:00" \
	"$(h open --at "2027-01-08 14:00" --service 血压 --format tsv | cut -f 1,5)"
check_status "a network cannot join another" 1 h venue edit 药店甲 --member 丙站
check_contains "members listed" "Members    药店甲, 药店乙" "$(h venue show 连锁药店)"

# The demo: stations around 盘锦工会驿站（兴隆台）, whatever the hour.
export HEARTH_DB="$T/demo.db"
unset HEARTH_NOW
h init --demo >/dev/null
check_status "hearth open --near 盘锦工会驿站（兴隆台）" 0 \
	h open --near 盘锦工会驿站（兴隆台） --format tsv
check_contains "answers with the 24-hour station next door, now" \
	"工会驿站（石油大街·24小时）${TAB}工会驿站${TAB}469${TAB}2${TAB}${TAB}" "$OUT"
export HEARTH_NOW=1799380800
check_eq "and at noon, the station itself first, open until 21:00" \
	"盘锦工会驿站（兴隆台）${TAB}工会驿站${TAB}0${TAB}0${TAB}2027-01-08T21:00:00+08:00" \
	"$(h open --near 盘锦工会驿站（兴隆台） --format tsv | head -n 1 | cut -f 1-5)"
check_eq "twelve pharmacy shops check blood pressure" 12 \
	"$(h open --service 血压 --format tsv | wc -l | tr -d ' ')"

# Coverage of the demo's demand points (riding 15 minutes).
check_status "coverage at noon" 0 h coverage
check_contains "two points left out" \
	"2 of 10 demand points without an open station, 10000 of 65540 people (15%)." "$OUT"
check_contains "the fishing port among them" "二界沟渔港" "$OUT"
check_status "coverage --week" 0 h coverage --week
check_contains "the week's grid starts on Monday" "  Mon " "$OUT"
check_status "coverage --week as CSV" 0 h coverage --week -o week.csv
check_status "Python's csv reads 168 hours" 0 $py -c '
import csv
rows = list(csv.DictReader(open("week.csv", encoding="utf-8-sig", newline="")))
assert len(rows) == 168, len(rows)
assert rows[0]["start"] == "2027-01-04T00:00:00+08:00" and rows[0]["weekday"] == "1"
noon = [r for r in rows if r["start"] == "2027-01-08T12:00:00+08:00"][0]
assert (noon["points_left_out"], noon["people_left_out"]) == ("2", "10000"), noon
assert set(noon["left_out"].split(";")) == {"二界沟渔港", "胡家镇"}
'
check_status "as JSON" 0 h coverage --format json -o now.json
check_status "which parses" 0 $py -c '
import json
d = json.load(open("now.json"))
assert d["within_minutes"] == 15 and len(d["points"]) == 10 and len(d["hours"]) == 1
assert sorted(d["hours"][0]["left_out"]) == sorted(["二界沟渔港", "胡家镇"])
'
check_status "as a workbook" 0 h coverage --week -o week.xlsx
check_status "openpyxl reads it" 0 $py -c '
import openpyxl
wb = openpyxl.load_workbook("week.xlsx")
hours, points = wb.worksheets
assert hours.max_row == 169 and points.max_row == 11, (hours.max_row, points.max_row)
assert hours.cell(row=2, column=1).value.isoformat() == "2027-01-04T00:00:00"
'
check_status "walking" 0 h coverage --walk --format json -o walk.json
check_status "fewer stations are within reach" 0 $py -c '
import json
near = lambda f: sum(p["stations_within_reach"] for p in json.load(open(f))["points"])
assert near("walk.json") < near("now.json"), (near("walk.json"), near("now.json"))'

printf 'name,lat,lon,weight\n石油大街,41.12,122.07,100\n远处,40.5,121.5,20\n' >pts.csv
check_status "points from a file, not stored" 0 h coverage --points pts.csv
check_contains "the far one left out" "1 of 2 demand points without an open station, 20 of 120 people (17%)." "$OUT"
check_eq "the stored points are as they were" 10 "$(h demand ls --format tsv | wc -l | tr -d ' ')"
echo "1..$tap_n"
