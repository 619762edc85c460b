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
T='	'

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
"甲站${T}工会驿站${T}0${T}0${T}2027-01-08T20:00:00+08:00${T}热水,手机充电
乙站${T}司机之家${T}0${T}0${T}${T}热水" \
	"$(h open --near 41.12,122.07 --format tsv)"
check_eq "--within all reaches the one 8.9 km away" 3 \
	"$(h open --near 甲站 --within all --format tsv | wc -l | tr -d ' ')"
check_eq "8.9 km riding with a detour of 1.3: 46 minutes" \
	"丙站${T}的士驿站${T}8896${T}46" \
	"$(h open --near 甲站 --within all --format tsv | tail -n 1 | cut -f 1-4)"
check_eq "walking, 4.5 km/h: 154 minutes" 154 \
	"$(h open --near 甲站 --within all --walk --format tsv | tail -n 1 | cut -f 4)"
check_eq "--service" "甲站 乙站" \
	"$(h open --near 甲站 --service 热 --format tsv | cut -f 1 | tr '\n' ' ' | sed 's/ $//')"
check_eq "without --near, every open station by name, no distance" \
"丁站${T}${T}${T}${T}${T}
丙站${T}的士驿站${T}${T}${T}${T}休息
乙站${T}司机之家${T}${T}${T}${T}热水
甲站${T}工会驿站${T}${T}${T}2027-01-08T20:00:00+08:00${T}热水,手机充电" \
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
	"药店乙${T}2027-01-08T17:00:00+08:00
药店甲${T}2027-01-08T17:00:00+08:00" \
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
	"工会驿站（石油大街·24小时）${T}工会驿站${T}469${T}2${T}${T}" "$OUT"
export HEARTH_NOW=1799380800
check_eq "and at noon, the station itself first, open until 21:00" \
	"盘锦工会驿站（兴隆台）${T}工会驿站${T}0${T}0${T}2027-01-08T21:00:00+08:00" \
	"$(h open --near 盘锦工会驿站（兴隆台） --format tsv | head -n 1 | cut -f 1-5)"
check_eq "twelve pharmacy shops check blood pressure" 12 \
	"$(h open --service 血压 --format tsv | wc -l | tr -d ' ')"
echo "1..$tap_n"
