#!/bin/sh
# What hearth prints: JSON that parses and round-trips, text from data never
# written raw to the terminal, Chinese columns that line up.
. "$(dirname "$0")/../lib.sh"
setup
export HEARTH_NOW=1798416000
printf '[general]\ntimezone = Asia/Shanghai\n' >"$XDG_CONFIG_HOME/hearth/config"
PY=/usr/bin/python3

ESC=$(printf '\033')
BEL=$(printf '\007')
CSI8=$(printf '\302\233')     # U+009B, the 8-bit CSI, as UTF-8
RLO=$(printf '\342\200\256')  # U+202E RIGHT-TO-LEFT OVERRIDE
HOSTILE="${ESC}]0;pwned${BEL}${ESC}[31m红色${ESC}[0m ${CSI8}2J ${RLO}txt.exe"

h add --kind clinic --title "$HOSTILE" --start "2027-01-05 09:00" --duration 1h \
	--venue "驿站${ESC}[5m" --host "单位${ESC}[1m" \
	--description "说明${ESC}[2J" >/dev/null
U=$(h agenda --from 2027-01-05 --to 2027-01-05 --format tsv | cut -f3)
h segment add "$U" --title "段${ESC}[7m" --note "注${BEL}" >/dev/null

# raw NAME OUTPUT: fails when OUTPUT holds ESC, BEL, 8-bit CSI or RLO.
raw() {
	case "$2" in
	*"$ESC"* | *"$BEL"* | *"$CSI8"* | *"$RLO"*) not_ok "$1" "$2" ;;
	*) ok "$1" ;;
	esac
}
raw "agenda text" "$(h agenda --from 2027-01-01 --to 2027-01-10)"
raw "agenda tsv" "$(h agenda --from 2027-01-01 --to 2027-01-10 --format tsv)"
raw "show" "$(h show "$U")"
raw "segment ls" "$(h segment ls "$U")"
raw "segment ls tsv" "$(h segment ls "$U" --format tsv)"
raw "venues" "$(h venues)"
raw "venues tsv" "$(h venues --format tsv)"
raw "orgs" "$(h orgs)"
raw "orgs tsv" "$(h orgs --format tsv)"
raw "an error message" "$(h edit "$U" --end "2027-01-05 08:00" 2>&1)"
raw "an error quoting the ID" "$(h show "x${ESC}[2J" 2>&1)"
raw "an error quoting the title" "$(h override "$U" --at 2027-01-06 --cancel 2>&1)"
raw "an error quoting a venue's users" "$(h venue rm "驿站${ESC}[5m" 2>&1)"
check_contains "the text is still there, made harmless" "]0;pwned" \
	"$(h agenda --from 2027-01-01 --to 2027-01-10 --format tsv)"
check_eq "one tsv line for one occurrence" 1 \
	"$(h agenda --from 2027-01-01 --to 2027-01-10 --format tsv | wc -l)"

# JSON parses, and holds the data exactly (escaped, not lost).
json_title=$(h agenda --from 2027-01-01 --to 2027-01-10 --format json |
	$PY -c 'import json, sys; print(json.load(sys.stdin)[0]["title"])')
check_eq "agenda json round-trips the hostile title" "$HOSTILE" "$json_title"
raw "agenda json is escaped" "$(h agenda --from 2027-01-01 --to 2027-01-10 --format json)"
check_eq "agenda json has the documented keys" \
	"description end kind start status title uid venue" \
	"$(h agenda --from 2027-01-01 --to 2027-01-10 --format json | $PY -c '
import json, sys
print(" ".join(sorted(json.load(sys.stdin)[0])))')"
for cmd in "agenda --from 2027-01-01 --to 2027-01-01" venues orgs kinds \
	"segment ls $U"; do
	# shellcheck disable=SC2086
	if h $cmd --format json | $PY -c 'import json, sys; json.load(sys.stdin)' \
		2>/dev/null; then
		ok "$cmd --format json parses"
	else
		not_ok "$cmd --format json parses" "$(h $cmd --format json)"
	fi
done
check_eq "an empty agenda is an empty array" "[]" \
	"$(h agenda --from 2030-01-01 --to 2030-01-02 --format json | tr -d '\n')"
check_eq "an empty agenda in text says so" "No events from 2030-01-01 to 2030-01-02." \
	"$(h agenda --from 2030-01-01 --to 2030-01-02)"

# Chinese, mixed and ASCII text in one table: every column starts at the
# same display column on every line.
h add --kind reading --title 字里行间见成长读书分享会 --start "2027-01-06 09:00" \
	--venue 棉织社区党群服务中心 >/dev/null
h add --kind warm-station --title "Warm station 暖冬" --start "2027-01-06 10:00" \
	--venue "Mall B1" >/dev/null
h add --kind fair --title 市集 --start "2027-01-06 11:00" --venue 粮库广场 >/dev/null
h add --kind volunteer --title "Snow clearing 扫雪 after the reading session" \
	--start "2027-01-06 12:00" --venue 长江路小区 >/dev/null
OUT=$(h agenda --from 2027-01-06 --to 2027-01-06)
check_eq "CJK columns line up in the text agenda" "1 1" "$(printf '%s\n' "$OUT" | $PY -c '
import sys, unicodedata
def width(s):
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
venues = ["棉织社区党群服务中心", "Mall B1", "粮库广场", "长江路小区"]
titles = ["字里行间", "Warm station", "市集", "Snow clearing"]
at_venue, at_title = set(), set()
for line in sys.stdin:
    for v in venues:
        if v in line:
            at_venue.add(width(line[:line.index(v)]))
    for t in titles:
        if t in line:
            at_title.add(width(line[:line.index(t)]))
print(len(at_title), len(at_venue))')"
check_contains "a long title is cut with an ellipsis" "Snow clearing 扫雪 after the reading se…  长江路小区" "$OUT"
