#!/bin/sh
# hearth tally and hearth suggest/suggestions from the command line: counts
# recorded, corrected and refused with the reason; suggestions added,
# triaged and listed, their CSV read back by Python's csv module.
. "$(dirname "$0")/../lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
setup
cd "$T" || exit 2
export HEARTH_NOW=1799380800 # 2027-01-08 12:00 in Shanghai
printf '[general]\ntimezone = Asia/Shanghai\n' >"$XDG_CONFIG_HOME/hearth/config"
py=/usr/bin/python3
T='	'

h init >/dev/null
st=$(h add --kind station --title 工会驿站 --start "2027-01-01 08:00" --end 20:00 \
	--rrule "FREQ=DAILY;COUNT=31" --venue 盘锦工会驿站 --host 盘锦市总工会)
h override "$st" --at 2027-01-05 --cancel --note 暴雪停业 >/dev/null

# Recorded, then corrected: the last entry counts.
check_status "tally add two counts" 0 h tally add "$st" --at 2027-01-02 \
	served=120 meals=80
check_contains "it says what it recorded" "People served 120 people" "$OUT"
check_status "a correction" 0 h tally add "$st" --at 2027-01-02 served=125
check_status "options may follow the counts" 0 h tally add "$st" parked=9 \
	--at 2027-01-03
check_status "without --at: the latest occurrence that has started" 0 \
	h tally add "$st" served=40
check_contains "(today's, started at 08:00)" "Fri 8 Jan 2027 08:00" "$OUT"
check_eq "tally ls --format tsv" \
"2027-01-02T08:00:00+08:00${T}meals${T}80${T}2027-01-08T12:00:00+08:00${T}$(id -un)
2027-01-02T08:00:00+08:00${T}served${T}125${T}2027-01-08T12:00:00+08:00${T}$(id -un)
2027-01-03T08:00:00+08:00${T}parked${T}9${T}2027-01-08T12:00:00+08:00${T}$(id -un)
2027-01-08T08:00:00+08:00${T}served${T}40${T}2027-01-08T12:00:00+08:00${T}$(id -un)" \
	"$(h tally ls "$st" --format tsv)"
check_eq "tally ls json holds the same values" "125 9 40" \
	"$(h tally ls "$st" --format json | "$py" -c '
import json, sys
print(" ".join(str(r["value"]) for r in json.load(sys.stdin) if r["category"] != "meals"))')"
check_eq "tally ls text: a row per occurrence, a column per category" \
"                      People served  Meals  Vehicles parked
Sat 2 Jan 2027 08:00  125            80
Sun 3 Jan 2027 08:00                        9
Fri 8 Jan 2027 08:00  40" "$(h tally ls "$st")"
check_eq "tally ls --history: every count entered, from the audit log" \
"2027-01-02 08:00${T}served${T}${T}120
2027-01-02 08:00${T}meals${T}${T}80
2027-01-02 08:00${T}served${T}120${T}125" \
	"$(h tally ls "$st" --history --format tsv | cut -f3- | head -n 3)"
check_eq "tally ls --from/--to" "1" \
	"$(h tally ls "$st" --from 2027-01-03 --to 2027-01-03 --format tsv | wc -l | tr -d ' ')"

# Refused, with the reason, and nothing recorded.
refused() {
	name=$1 needle=$2
	shift 2
	check_status "refused: $name" 1 "$@"
	check_contains "  and says why" "$needle" "$OUT"
}
refused "a cancelled occurrence" "was cancelled (暴雪停业)" \
	h tally add "$st" --at 2027-01-05 served=3
refused "an occurrence not started yet" "has not started yet" \
	h tally add "$st" --at 2027-01-09 served=3
refused "a negative count" "never negative" \
	h tally add "$st" --at 2027-01-04 served=-3
refused "a fraction" "whole number" h tally add "$st" --at 2027-01-04 served=2.5
refused "a category the kind does not count" "not counted at Service station" \
	h tally add "$st" --at 2027-01-04 books=3
refused "an unknown category" "unknown category 'smiles'" \
	h tally add "$st" --at 2027-01-04 smiles=3
refused "a category twice" "served is given twice" \
	h tally add "$st" --at 2027-01-04 served=3 served=4
refused "no counts" "give what was counted" h tally add "$st" --at 2027-01-04
refused "a time with no occurrence" "has no occurrence at 2027-01-04 09:00" \
	h tally add "$st" --at "2027-01-04 09:00" served=3
refused "a good count beside a bad one" "never negative" \
	h tally add "$st" --at 2027-01-04 served=3 meals=-1
check_eq "none of them recorded anything" "" \
	"$(h tally ls "$st" --from 2027-01-04 --to 2027-01-07 --format tsv)"
h edit "$st" --status cancelled >/dev/null
refused "an event cancelled whole" "is cancelled: a cancelled event" \
	h tally add "$st" --at 2027-01-04 served=3
h edit "$st" --status confirmed >/dev/null

check_eq "tally categories --kind fair, in the config's order" \
	"served consultations bp-checks" \
	"$(h tally categories --kind fair --format tsv | cut -f1 | tr '\n' ' ' | sed 's/ $//')"
check_contains "a category of the config file" "exchanges${T}积分兑换${T}人次${T}points" \
	"$(h --config "$top/config.example" tally categories --format tsv)"

# In Chinese: the form's words and the refusal.
if use_locales; then
	OUT=$(LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 h tally add "$st" --at 2027-01-05 served=3 2>&1)
	check_contains "zh_CN: the refusal in Chinese" "这一场已取消（暴雪停业）" "$OUT"
	check_contains "zh_CN: counts in Chinese" "服务人次" \
		"$(LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 h tally ls "$st")"
else
	not_ok "the test locales can be made (localedef)"
fi

# Suggestions: added, triaged, listed.
s1=$(h suggest add "希望驿站夜间开放到22:00" --topic care --source "外卖骑手 张师傅" \
	--venue 盘锦工会驿站 --event "$st" --date 2027-01-06)
check_eq "suggest add prints the number" "1" "$s1"
s2=$(h suggest add "=HYPERLINK(\"http://x\")" --topic safety --source "匿名")
s3=$(h suggest add "增加充电插座, 高峰排队" --topic facilities --date yesterday \
	--status adopted)
check_status "suggest status with a note" 0 h suggest status "$s1" review \
	--note "转交市总工会"
check_status "the same status again needs a note" 1 h suggest status "$s1" review
check_status "an unknown status" 1 h suggest status "$s1" maybe
check_contains "  names the statuses" "new, review, adopted, declined or done" "$OUT"
check_status "a date to come" 1 h suggest add "x" --date 2027-01-09
check_status "an unknown topic" 1 h suggest add "x" --topic wages
check_status "an unknown venue" 1 h suggest add "x" --venue 无此地
check_status "edit the source" 0 h suggest edit "$s1" --source "外卖骑手"
check_status "edit with nothing to change" 1 h suggest edit "$s1"
OUT=$(h suggest show "$s1")
check_contains "show: status and topic" "#1  Under review · Care services" "$OUT"
check_contains "show: the note in the history" "Under review  转交市总工会" "$OUT"
check_contains "show: the event" "工会驿站" "$OUT"
check_eq "show --format json: the history" "new review" \
	"$(h suggest show "$s1" --format json | "$py" -c '
import json, sys
print(" ".join(c["status"] for c in json.load(sys.stdin)["history"]))')"
check_eq "suggestions --status" "$s1" \
	"$(h suggestions --status review --format tsv | cut -f1)"
check_eq "suggestions --topic --from --to" "$s3" \
	"$(h suggestions --topic facilities --from 2027-01-07 --to 2027-01-07 --format tsv | cut -f1)"
check_eq "suggestions --venue and --event" "$s1 $s1" \
	"$(h suggestions --venue 工会 --format tsv | cut -f1) $(h suggestions --event "$st" --format tsv | cut -f1)"
check_eq "suggestions --search in the source" "$s2" \
	"$(h suggestions --search 匿名 --format tsv | cut -f1)"

# CSV for Excel and WPS: a byte-order mark, CRLF, quoting; read back.
h suggestions --format csv >list.csv
check_eq "the CSV starts with a UTF-8 byte-order mark" "efbbbf" \
	"$(head -c 3 list.csv | od -An -tx1 | tr -d ' \n')"
check_eq "Python's csv module reads it back" \
"['id', 'received', 'status', 'topic', 'text', 'source', 'venue', 'event']
['1', '2027-01-06', 'review', 'care', '希望驿站夜间开放到22:00', '外卖骑手', '盘锦工会驿站', '$st']
['3', '2027-01-07', 'adopted', 'facilities', '增加充电插座, 高峰排队', '', '', '']
['2', '2027-01-08', 'new', 'safety', '\\'=HYPERLINK(\"http://x\")', '匿名', '', '']
CRLF" "$("$py" -c '
import csv, sys
raw = open("list.csv", "rb").read()
with open("list.csv", encoding="utf-8-sig", newline="") as f:
    for row in csv.reader(f):
        print(row)
print("CRLF" if raw.count(b"\r\n") == 4 and raw.count(b"\n") == 4 else "not CRLF")')"
check_status "suggest rm" 0 h suggest rm "$s2"
check_status "suggest rm again" 1 h suggest rm "$s2"
check_eq "suggest topics" "labour-rights care facilities safety governance other" \
	"$(h suggest topics --format tsv | cut -f1 | tr '\n' ' ' | sed 's/ $//')"
