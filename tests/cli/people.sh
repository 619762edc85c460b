#!/bin/sh
# Volunteers, shifts and points from the command line, the whole cycle:
# people added and imported (CSV twice, errors by line), shifts needed,
# sign-ups (double booking refused with the clash named), check-in and
# check-out earning points by the config's rules, a moved occurrence that
# keeps its people, redemptions (a short balance refused with exit 1, also
# with eight redeemers at once), statements that sum, the notice board,
# removing a person, and exports that carry no one's name or phone.
. "$(dirname "$0")/../lib.sh"
setup
export HEARTH_NOW=1798416000 # Mon 28 Dec 2026, 08:00 in Shanghai
cat >"$XDG_CONFIG_HOME/hearth/config" <<'EOF'
[general]
timezone = Asia/Shanghai

[points]
per_hour = 10

[points role team-leader]
per_hour = 15
per_shift = 5

[bonus new-year]
label = New Year's Day
label.zh_CN = 元旦值班
points = 20
dates = 2027-01-01
EOF
TAB='	'
h init >/dev/null

STATION=$(h add --kind warm-station --title β暖冬志愿服务站 \
	--start "2027-01-01 10:00" --end 18:00 \
	--rrule "FREQ=WEEKLY;BYDAY=FR,SA,SU;UNTIL=20270131T235959")
SNOW=$(h add --kind volunteer --title 志愿扫雪 --start "2027-01-09 11:00" \
	--duration 1h)

# People.
check_eq "person add prints the ID" 1 \
	"$(h person add 王芳 --phone "138 1234 5678" --group party-member \
		--group volunteer --org 利州社会工作服务中心)"
check_eq "a second" 2 "$(h person add 李娜 --group 'Delivery rider')"
check_status "an unknown group is refused" 1 h person add 张伟 --group astronaut
check_contains "naming it and the known ones" "astronaut" "$OUT"
check_contains "known ones listed" "party-member" "$OUT"
check_status "a phone someone has is refused" 1 h person add 张伟 --phone 13812345678
check_contains "naming whose" "王芳" "$OUT"
check_eq "people: phones masked" \
"2  李娜               Delivery rider                                 0
1  王芳  138****5678  Party member, Volunteer  利州社会工作服务中心  0" \
	"$(h people)"
check_eq "people --full --format tsv" \
"2${TAB}李娜${TAB}${TAB}rider${TAB}${TAB}yes${TAB}0
1${TAB}王芳${TAB}13812345678${TAB}party-member;volunteer${TAB}利州社会工作服务中心${TAB}yes${TAB}0" \
	"$(h people --full --format tsv)"
check_lacks "json masks too" "13812345678" "$(h people --format json)"
check_eq "json is JSON" "王芳 138****5678" "$(h people --format json |
	/usr/bin/python3 -c '
import json, sys
p = [x for x in json.load(sys.stdin) if x["id"] == 1][0]
print(p["name"], p["phone"])')"
check_eq "people --group" "王芳" "$(h people --group party-member --format tsv | cut -f2)"
check_contains "show has the full phone" "13812345678" "$(h person show 王芳)"

# CSV import: errors by line, then the same file twice.
printf '姓名,电话,群体\n赵六,12x,\n钱七,13700000000,astronaut\n' >"$T/bad.csv"
check_status "a bad file is refused" 1 h person import "$T/bad.csv"
check_contains "line 2 named" "bad.csv:2: phone '12x'" "$OUT"
check_contains "line 3 named" "bad.csv:3: unknown group 'astronaut'" "$OUT"
check_contains "nothing imported" "nothing was imported" "$OUT"
printf '\357\273\277姓名,电话,群体,备注\r\n赵六,13900001111,骑手;rider,"周末有空, 会开车"\r\n钱七,13700000000,youth,\r\n' \
	>"$T/ok.csv"
check_eq "import" "2 added, 0 changed, 0 unchanged" "$(h person import "$T/ok.csv")"
check_eq "the same file again changes nothing" "0 added, 0 changed, 2 unchanged" \
	"$(h person import "$T/ok.csv")"
h people --format csv >"$T/all.csv"
check_eq "csv export read by Python's csv module" "赵六 13900001111 周末有空, 会开车" \
	"$(/usr/bin/python3 -c '
import csv, sys
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")):
    if r["name"] == "赵六": print(r["name"], r["phone"], r["note"])' "$T/all.csv")"
check_eq "its own export imports as unchanged" "0 added, 0 changed, 4 unchanged" \
	"$(h person import "$T/all.csv")"

# Shifts.
check_eq "shift add for every occurrence" "Volunteer: 3 needed at every occurrence." \
	"$(h shift add β暖冬 --role volunteer --need 3)"
h shift add β暖冬 --role team-leader --need 1 >/dev/null
check_eq "shift add for one occurrence" "Volunteer: 5 needed at 1 occurrence." \
	"$(h shift add "$STATION" --role volunteer --need 5 --at 2027-01-09)"
check_eq "and for a range" "Volunteer: 4 needed at each of 3 occurrences." \
	"$(h shift add β暖冬 --role volunteer --need 4 --from 2027-01-15 --to 2027-01-17)"
h shift add 志愿扫雪 --role volunteer --need 10 >/dev/null
check_eq "shift ls --format tsv" \
"${TAB}${TAB}team-leader${TAB}1
${TAB}${TAB}volunteer${TAB}3
2027-01-09T10:00:00${TAB}2027-01-09T10:00:00${TAB}volunteer${TAB}5
2027-01-15T00:00:00${TAB}2027-01-17T23:59:59${TAB}volunteer${TAB}4" \
	"$(h shift ls β暖冬 --format tsv)"
check_status "a range without occurrences is refused" 1 \
	h shift add β暖冬 --role volunteer --need 2 --from 2027-01-05 --to 2027-01-06

# Sign-ups.
check_status "signup" 0 h signup 王芳 β暖冬 --at 2027-01-01 --role volunteer
check_contains "says how many more" "it needs 3 more" "$OUT"
check_status "signup by label" 0 h signup 李娜 β暖冬 --at 2027-01-01 --role "Team leader"
check_status "two roles need --role" 1 h signup 赵六 β暖冬 --at 2027-01-01
check_contains "says so" "--role" "$OUT"
check_status "王芳 at the station on Saturday" 0 h signup 王芳 β暖冬 --at 2027-01-09 --role volunteer
check_status "double booking refused" 1 h signup 王芳 志愿扫雪 --at 2027-01-09
check_contains "naming the clash" \
	"王芳 is already signed up for β暖冬志愿服务站 at 2027-01-09 10:00–18:00" "$OUT"
check_status "钱七 clears snow" 0 h signup 钱七 志愿扫雪 --at 2027-01-09
check_eq "shifts --short --format tsv" \
"2027-01-01T10:00:00+08:00${TAB}2027-01-01T18:00:00+08:00${TAB}$STATION${TAB}β暖冬志愿服务站${TAB}team-leader${TAB}1${TAB}1${TAB}0
2027-01-01T10:00:00+08:00${TAB}2027-01-01T18:00:00+08:00${TAB}$STATION${TAB}β暖冬志愿服务站${TAB}volunteer${TAB}3${TAB}1${TAB}0" \
	"$(h shifts --from 2027-01-01 --to 2027-01-01 --short --format tsv)"
check_contains "shifts text says needs N more" "needs 5 more" \
	"$(h shifts --from 2027-01-09 --to 2027-01-09)"

# A moved occurrence keeps its people, and the organiser is told.
check_status "move Saturday's station to the afternoon" 0 \
	h override "$STATION" --at 2027-01-09 --start 13:00 --end 19:00
check_contains "the override names who to tell" "王芳" "$OUT"
check_contains "her shift moved with it" "2027-01-09T13:00:00+08:00" \
	"$(h shifts --person 王芳 --format tsv)"
check_status "so she can clear snow in the morning now" 0 \
	h signup 王芳 志愿扫雪 --at 2027-01-09
check_status "moved onto the snow clearing" 0 \
	h override "$STATION" --at 2027-01-09 --start 11:30 --end 18:00
check_contains "the organiser hears of the clash" \
	"王芳 is already signed up for 志愿扫雪" "$OUT"
check_status "cancelled" 0 h override "$STATION" --at 2027-01-10 --cancel
h override "$STATION" --at 2027-01-09 --restore >/dev/null 2>&1

# A one-off event moved is a new start of the event: its people follow.
check_status "the snow clearing moves to the afternoon" 0 \
	h override "$SNOW" --at 2027-01-09 --start 15:00
check_contains "names who to tell" "钱七" "$OUT"
check_contains "钱七's shift moved with it" "2027-01-09T15:00:00+08:00" \
	"$(h shifts --person 钱七 --format tsv)"
check_contains "and still counts for the event" "志愿扫雪 Volunteer 2/10" \
	"$(h shifts --from 2027-01-09 --to 2027-01-09 | tr -s ' ')"
check_status "and back" 0 h override "$SNOW" --at 2027-01-09 --start 11:00

# Check-in, check-out, points.
check_status "checkin at 10:15" 0 h checkin 王芳 β暖冬 --at 2027-01-01 --time 10:15
check_eq "checkout at the shift's end: 7 h 45 and New Year's bonus" \
	"7.7 hours: 98 points earned; balance 98." \
	"$(h checkout 王芳 β暖冬 --at 2027-01-01)"
check_eq "a team leader out at 14:00 without checking in" \
	"4 hours: 85 points earned; balance 85." \
	"$(h checkout 李娜 β暖冬 --at 2027-01-01 --time 14:00)"
check_eq "checking out again corrects" "2 hours: 55 points earned; balance 55." \
	"$(h checkout 李娜 β暖冬 --at 2027-01-01 --time 12:00)"
check_eq "undo reverses" "Check-out undone: 55 points reversed; balance 0." \
	"$(h checkout 李娜 β暖冬 --at 2027-01-01 --undo)"
check_status "undo twice is refused" 1 h checkout 李娜 β暖冬 --at 2027-01-01 --undo
h checkout 李娜 β暖冬 --at 2027-01-01 >/dev/null

# The catalogue and redemptions.
check_eq "catalogue add" 1 "$(h catalogue add 理发一次 --cost 30)"
check_eq "with stock" 2 "$(h catalogue add 大米5斤 --cost 100 --stock 2)"
check_status "a redemption that would overdraw" 1 h points redeem 王芳 大米
check_contains "names the balance and the cost" "王芳 has 98 points; '大米5斤' costs 100" "$OUT"
check_eq "redeem" "Redeemed 理发一次 for 30 points; balance 68." "$(h points redeem 王芳 理发)"
check_status "adjust by hand" 0 h points adjust 王芳 -8 --reason "多记的时间"
check_status "adjust without a reason" 1 h points adjust 王芳 5
check_status "adjust below zero" 1 h points adjust 王芳 -100 --reason x
check_eq "statement: each balance is the sum so far" "98 68 60" \
	"$(h points 王芳 --format tsv | /usr/bin/python3 -c '
import sys
total, out = 0, []
for line in sys.stdin:
    at, kind, pts, bal, what = line.rstrip("\n").split("\t")
    total += int(pts)
    assert total == int(bal), line
    out.append(bal)
print(" ".join(out[1:]) if out[0] == "78" else " ".join(out))')"
check_contains "statement text" "Redeemed: 理发一次" "$(h points 王芳)"
check_eq "balances" "1${TAB}王芳${TAB}60" "$(h points --format tsv | grep 王芳)"
check_eq "catalogue --format tsv" "1${TAB}理发一次${TAB}30${TAB}${TAB}yes${TAB}
2${TAB}大米5斤${TAB}100${TAB}2${TAB}yes${TAB}" "$(h catalogue --format tsv)"
check_eq "the notice board" "1${TAB}李娜${TAB}145${TAB}480${TAB}1
2${TAB}王芳${TAB}98${TAB}465${TAB}1" "$(h points top --since 2027-01-01 --format tsv)"

# Eight redeemers at once against one balance of 60: two succeed.
h catalogue add 热饮券 --cost 30 >/dev/null
for i in 1 2 3 4 5 6 7 8; do
	(h points redeem 王芳 热饮券 >"$T/r$i.out" 2>&1; echo $? >"$T/r$i.rc") &
done
wait
check_eq "two redemptions went through, six were refused" "0 0 1 1 1 1 1 1" \
	"$(cat "$T"/r?.rc | sort | tr '\n' ' ' | sed 's/ $//')"
check_eq "and the balance is zero" "1${TAB}王芳${TAB}0" "$(h points --format tsv | grep 王芳)"

# Nothing about people leaves in calendar exports.
h export -o "$T/all.ics" >/dev/null 2>&1
check_lacks "no name in the .ics" "王芳" "$(cat "$T/all.ics")"
check_lacks "no phone in the .ics" "13812345678" "$(cat "$T/all.ics")"
check_lacks "no masked phone either" "5678" "$(cat "$T/all.ics")"
check_contains "the export did happen" "β暖冬志愿服务站" "$(cat "$T/all.ics")"
h publish "$T/feeds" --base-url https://example.org/cal >/dev/null 2>&1
feeds=$(cat "$T"/feeds/*.ics "$T"/feeds/*.html 2>/dev/null)
check_contains "the feeds were written" "β暖冬志愿服务站" "$feeds"
check_lacks "no name in the feeds" "王芳" "$feeds"
check_lacks "no phone in the feeds" "13812345678" "$feeds"
notice=$(h notice --from 2027-01-01 --to 2027-01-10)
check_contains "the chat notice was written" "β暖冬志愿服务站" "$notice"
check_lacks "no name in the chat notice" "王芳" "$notice"

# A person's record, then removal: the ledger keeps its sums.
h person export 王芳 --format json >"$T/wang.json"
check_eq "person export has everything" "13812345678 3 6 0" \
	"$(/usr/bin/python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
print(d["phone"], len(d["shifts"]), len(d["ledger"]), d["balance"])' "$T/wang.json")"
sum_before=$(sqlite3 "$HEARTH_DB" "SELECT sum(points) FROM ledger")
check_status "person rm" 0 h person rm 王芳
check_contains "says what stays" "anonymous" "$OUT"
check_eq "the ledger keeps its sums" "$sum_before" \
	"$(sqlite3 "$HEARTH_DB" "SELECT sum(points) FROM ledger")"
check_eq "and nothing names her" "0" \
	"$(sqlite3 "$HEARTH_DB" "SELECT count(*) FROM person WHERE name = '王芳' OR phone LIKE '%5678'")"
check_status "she is gone" 1 h person show 王芳

check_status "person edit" 0 h person edit 李娜 --note 周末有空
check_status "catalogue edit --retire" 0 h catalogue edit 大米 --retire
check_eq "a retired item is not listed" "热饮券 理发一次" \
	"$(h catalogue --format tsv | cut -f2 | sort | tr '\n' ' ' | sed 's/ $//')"
check_status "signup --rm" 0 h signup --rm 钱七 志愿扫雪 --at 2027-01-09

# Every change is in the audit log, by whom; no name or phone of a person.
check_eq "the audit log has every kind of change" \
"add catalogue
add person
add signup
adjust points
delete person
delete signup
edit catalogue
edit person
edit shift
edit signup
import person
redeem points" \
	"$(sqlite3 "$HEARTH_DB" "SELECT DISTINCT action, entity FROM audit
		WHERE entity IN ('person', 'shift', 'signup', 'points', 'catalogue')
		ORDER BY 1, 2" | tr '|' ' ')"
check_eq "each says who" "$(id -un)" \
	"$(sqlite3 "$HEARTH_DB" "SELECT DISTINCT user FROM audit")"
check_eq "and the ledger too" "$(id -un)" \
	"$(sqlite3 "$HEARTH_DB" "SELECT DISTINCT by FROM ledger")"
check_eq "the log names no one" 0 "$(sqlite3 "$HEARTH_DB" "SELECT count(*)
	FROM audit a LEFT JOIN audit_field f ON f.audit_id = a.id
	WHERE a.label LIKE '%王芳%' OR a.ref LIKE '%王芳%'
	OR f.before LIKE '%王芳%' OR f.after LIKE '%王芳%'
	OR f.before LIKE '%5678%' OR f.after LIKE '%5678%'")"

# Every command has --help.
for cmd in person people groups shift shifts signup checkin checkout points catalogue; do
	check_contains "$cmd --help" "usage: hearth $cmd" "$(h $cmd --help)"
done
