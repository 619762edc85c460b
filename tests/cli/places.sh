#!/bin/sh
# Segments of an event, venues and organisations: add, list, edit, remove,
# and the refusal to remove what events still use.
. "$(dirname "$0")/../lib.sh"
setup
export HEARTH_NOW=1798416000
printf '[general]\ntimezone = Asia/Shanghai\n' >"$XDG_CONFIG_HOME/hearth/config"
T='	'

U=$(h add --kind fair --title 新时代文明实践市集 --start "2027-01-09 09:00" \
	--duration 4h --no-segments --venue 粮库社区文化广场)
check_eq "--no-segments adds none" "" "$(h segment ls "$U" --format tsv)"
check_status "segment add with times, partner and note" 0 h segment add "$U" \
	--title 医疗便民区 --from 09:00 --to 11:00 --partner 抚顺总医院 --note 测血压
check_status "segment add with a title only" 0 h segment add "$U" --title 安全宣传区
check_status "a third" 0 h segment add "$U" --title 特色美食区 --from 10:00 --to 12:00
check_eq "segment ls --format tsv" \
"1${T}09:00${T}11:00${T}医疗便民区${T}抚顺总医院${T}测血压${T}
2${T}${T}${T}安全宣传区${T}${T}${T}
3${T}10:00${T}12:00${T}特色美食区${T}${T}${T}" "$(h segment ls "$U" --format tsv)"
check_eq "segment ls text" \
"1  09:00  11:00  医疗便民区  抚顺总医院
2                安全宣传区
3  10:00  12:00  特色美食区" "$(h segment ls "$U")"
check_eq "segment ls json" "医疗便民区 安全宣传区 特色美食区" \
	"$(h segment ls "$U" --format json | /usr/bin/python3 -c '
import json, sys
print(" ".join(s["title"] for s in json.load(sys.stdin)))')"
check_status "segment rm 2" 0 h segment rm "$U" 2
check_eq "the rest keep their order" "医疗便民区 特色美食区" \
	"$(h segment ls "$U" --format tsv | cut -f4 | tr '\n' ' ' | sed 's/ $//')"
check_status "segment rm of a number it does not have" 1 h segment rm "$U" 3
check_contains "says how many there are" "has no segment 3 (it has 2)" "$OUT"
check_status "segment rm 0" 1 h segment rm "$U" 0
check_status "segment rm of a word" 1 h segment rm "$U" two
check_contains "names the word" "'two'" "$OUT"
check_status "segment add without --title" 1 h segment add "$U" --from 09:00 --to 10:00
check_status "segment add with --from only" 1 h segment add "$U" --title x --from 09:00
check_status "segment times the wrong way round" 1 h segment add "$U" --title x \
	--from 11:00 --to 10:00
check_status "segment time that is no time" 1 h segment add "$U" --title x \
	--from 9h --to 10:00
check_contains "names it" "'9h'" "$OUT"
check_eq "bad segments changed nothing" 2 "$(h segment ls "$U" --format tsv | wc -l)"
check_contains "show lists the segments" "09:00–11:00  医疗便民区  抚顺总医院" \
	"$(h show "$U")"

# Venues.
check_status "venue add with every option" 0 h venue add 盘锦司机之家 \
	--address 盘锦市双台子区 --geo 41.20,122.06 --type 司机之家 \
	--service 餐饮 --service 住宿 --service 免费停车 --notes "24 小时"
check_eq "venues --format tsv (the revision last)" \
"盘锦司机之家${T}司机之家${T}盘锦市双台子区${T}41.200000,122.060000${T}餐饮; 住宿; 免费停车${T}1
粮库社区文化广场${T}${T}${T}${T}${T}1" "$(h venues --format tsv)"
check_status "venue add of a name that exists" 1 h venue add 盘锦司机之家
check_contains "says so" "already exists" "$OUT"
check_status "venue add with bad coordinates" 1 h venue add 某处 --geo 91,0
check_status "venue add with coordinates that are not numbers" 1 h venue add 某处 --geo north
check_status "venue edit: rename and replace the services" 0 h venue edit 盘锦司机之家 \
	--name 司机之家（双台子） --service 淋浴
check_eq "the venue as edited" \
	"司机之家（双台子）${T}司机之家${T}盘锦市双台子区${T}41.200000,122.060000${T}淋浴${T}2" \
	"$(h venues --format tsv | grep 双台子)"
check_status "venue edit of an unknown venue" 1 h venue edit 无此地 --type x
check_status "venue rm while an event uses it" 1 h venue rm 粮库社区文化广场
check_contains "names the event" "新时代文明实践市集" "$OUT"
check_status "venue rm of an unused venue" 0 h venue rm 司机之家（双台子）
check_status "venue rm again" 1 h venue rm 司机之家（双台子）
h override "$U" --at 2027-01-09 --venue 临时场地 >/dev/null
check_status "a venue an occurrence uses is in use too" 1 h venue rm 临时场地
check_contains "names the event" "新时代文明实践市集" "$OUT"

# Organisations.
check_status "org add" 0 h org add 章党派出所 --type 派出所 --contact 024-0000
check_status "org add of a name that exists" 1 h org add 抚顺总医院
check_eq "orgs --format tsv (the revision last)" \
"抚顺总医院${T}${T}${T}1
章党派出所${T}派出所${T}024-0000${T}1" "$(h orgs --format tsv)"
check_status "org edit" 0 h org edit 章党派出所 --name 章党派出所（东洲） --contact ""
check_eq "the org as edited" "章党派出所（东洲）${T}派出所${T}${T}2" \
	"$(h orgs --format tsv | grep 东洲)"
check_status "org rm while a segment names it" 1 h org rm 抚顺总医院
check_contains "names the event" "新时代文明实践市集" "$OUT"
h edit "$U" --host 粮库社区党委 >/dev/null
check_status "org rm while it hosts an event" 1 h org rm 粮库社区党委
check_status "org rm of an unused org" 0 h org rm 章党派出所（东洲）
check_status "org rm of an unknown org" 1 h org rm 无此单位
check_contains "names it" "无此单位" "$OUT"
check_status "org without an action" 1 h org
check_status "venue with a wrong action" 1 h venue move x

# Once the event is gone its places can go.
h rm "$U"
check_status "venue rm after the event is gone" 0 h venue rm 粮库社区文化广场
check_status "org rm after the event is gone" 0 h org rm 抚顺总医院
check_eq "kinds lists the six built in" \
	"reading fair warm-station volunteer clinic station" \
	"$(h kinds --format tsv | cut -f1 | tr '\n' ' ' | sed 's/ $//')"
