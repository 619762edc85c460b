#!/bin/sh
# segments.sh - a segment run by several partner organisations and held at
# a venue of its own (issue 12, item 10): `segment add --partner A
# --partner B --venue V`, `segment ls` and `show`, the exported DESCRIPTION
# and X-HEARTH-SEGMENT, and a round trip through another database.
. "$(dirname "$0")/../lib.sh"
setup
cd "$T" || exit 2
export TZ=Asia/Shanghai HEARTH_NOW=1798416000
printf '[general]\ntimezone = Asia/Shanghai\n' >"$XDG_CONFIG_HOME/hearth/config"
T='	'

fair=$(h add --kind fair --title 文明集市 --start "2027-01-09 09:00" \
	--duration 3h --no-segments --venue 粮库社区文化广场)
check_status "segment add with three partners" 0 h segment add "$fair" \
	--title 安全宣传区 --partner 高速一大队 --partner 车辆管理所 \
	--partner 章党派出所 --note 民警讲解
check_status "segment add with a venue of its own" 0 h segment add "$fair" \
	--title 社区除雪 --from 11:00 --to 12:00 --venue 长江路小区
check_status "a partner given twice counts once" 0 h segment add "$fair" \
	--title 义诊 --partner 抚顺总医院 --partner 抚顺总医院
check_eq "ls --format tsv: partners joined by '; ', the venue last" \
"1${T}${T}${T}安全宣传区${T}高速一大队; 车辆管理所; 章党派出所${T}民警讲解${T}
2${T}11:00${T}12:00${T}社区除雪${T}${T}${T}长江路小区
3${T}${T}${T}义诊${T}抚顺总医院${T}${T}" "$(h segment ls "$fair" --format tsv)"
check_eq "ls text in Chinese: 、 between partners" \
"1                安全宣传区  高速一大队、车辆管理所、章党派出所
2  11:00  12:00  社区除雪                                        长江路小区
3                义诊        抚顺总医院" \
	"$(LANGUAGE=zh_CN h segment ls "$fair" | sed 's/ *$//')"
check_eq "ls --format json: partners joined as in tsv, and the venue" \
	"高速一大队; 车辆管理所; 章党派出所|长江路小区" \
	"$(h segment ls "$fair" --format json | /usr/bin/python3 -c '
import json, sys
s = json.load(sys.stdin)
print(s[0]["partners"] + "|" + s[1]["venue"])')"
OUT=$(h show "$fair")
check_contains "show: the partners in words" \
	"安全宣传区  高速一大队, 车辆管理所 and 章党派出所" "$OUT"
check_contains "show: the segment's venue" "11:00–12:00  社区除雪" "$OUT"
check_contains "show: ... after @" "@ 长江路小区" "$OUT"
check_contains "the segment's venue is a venue" 长江路小区 "$(h venues)"
check_contains "each partner is an organisation" 车辆管理所 "$(h orgs)"
check_status "a venue a segment uses is not removed" 1 h venue rm 长江路小区
check_contains "and says which event uses it" 文明集市 "$OUT"
check_status "nor an organisation that is a second partner" 1 h org rm 章党派出所

# Export: the readable DESCRIPTION and the fields hearth reads back.
h export -o fair.ics
unfolded=$(sed -e ':a' -e 'N' -e '$!ba' -e 's/\r\n //g' fair.ics | tr -d '\r')
check_contains "DESCRIPTION: the partners in brackets" \
	'安全宣传区 (高速一大队\, 车辆管理所\, 章党派出所): 民警讲解' "$unfolded"
check_contains "DESCRIPTION: the venue after @" '11:00–12:00 社区除雪 @ 长江路小区' \
	"$unfolded"
check_contains "X-HEARTH-SEGMENT: venue and further partners after the note" \
	'X-HEARTH-SEGMENT:;;高速一大队;安全宣传区;民警讲解;;车辆管理所;章党派出所' \
	"$unfolded"
check_contains "X-HEARTH-SEGMENT: a one-partner segment keeps five fields" \
	'X-HEARTH-SEGMENT:;;抚顺总医院;义诊;' "$unfolded"
check_lacks "... and nothing after them" 'X-HEARTH-SEGMENT:;;抚顺总医院;义诊;;' \
	"$unfolded"
check_status "the export imports into an empty database" 0 \
	env HEARTH_DB="$T/copy.db" "$HEARTH" import fair.ics
check_eq "partners and venue come back in order" \
	"$(h segment ls "$fair" --format tsv)" \
	"$(HEARTH_DB=$T/copy.db h segment ls "$fair" --format tsv)"
HEARTH_DB=$T/copy.db h export -o again.ics
check_eq "export, import, export gives the same file" \
	"$(grep -v '^DTSTAMP' fair.ics)" "$(grep -v '^DTSTAMP' again.ics)"
# A file from an older hearth: five fields, one partner.
printf '%s\n' "$unfolded" | sed 's/^\(X-HEARTH-SEGMENT:;;高速一大队;安全宣传区;民警讲解\);;.*/\1/' \
	>old.ics
rm -f "$T/old.db"
HEARTH_DB=$T/old.db h import old.ics >/dev/null 2>&1
check_eq "five fields still read: one partner, no venue" \
	"1${T}${T}${T}安全宣传区${T}高速一大队${T}民警讲解${T}" \
	"$(HEARTH_DB=$T/old.db h segment ls "$fair" --format tsv | head -n 1)"
