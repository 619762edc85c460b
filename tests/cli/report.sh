#!/bin/sh
# hearth report: two weeks across a month end, summed by hand, as text
# (with bars only on a terminal), CSV read back by Python's csv module, JSON,
# and an Excel workbook read back by openpyxl (values, sheet names, frozen
# heading rows, dates, charts) - in English and in Chinese.
. "$(dirname "$0")/../lib.sh"
setup
export HEARTH_NOW=1802232000 # 2027-02-10 12:00 in Shanghai
printf '[general]\ntimezone = Asia/Shanghai\n' >"$XDG_CONFIG_HOME/hearth/config"
py=/usr/bin/python3
cd "$T" || exit 2

h init >/dev/null
# A station open daily 25 January - 7 February (closed on the 29th, at the
# drivers' home on 2 February) and a fair every Saturday from 23 January.
st=$(h add --kind station --title 工会驿站 --start "2027-01-25 08:00" --end 20:00 \
	--rrule "FREQ=DAILY;COUNT=14" --venue 盘锦工会驿站 --host 盘锦市总工会)
h override "$st" --at 2027-01-29 --cancel --note 暴雪停业 >/dev/null
h override "$st" --at 2027-02-02 --venue 盘锦司机之家 >/dev/null
fair=$(h add --kind fair --title 文明集市 --start "2027-01-23 09:00" --end 12:00 \
	--rrule "FREQ=WEEKLY;BYDAY=SA;COUNT=3" --venue 粮库社区文化广场 \
	--host 粮库社区党委 --partner 抚顺总医院 --no-segments)
h add --kind clinic --title 义诊 --start "2027-02-20 09:00" --end 12:00 \
	--venue 盘锦司机之家 >/dev/null
h tally add "$st" --at 2027-01-25 served=100 meals=40 >/dev/null
h tally add "$st" --at 2027-01-26 served=110 >/dev/null
h tally add "$st" --at 2027-01-31 served=90 parked=12 >/dev/null
h tally add "$st" --at 2027-02-01 served=80 meals=30 >/dev/null
h tally add "$st" --at 2027-02-02 served=50 >/dev/null
h tally add "$st" --at 2027-02-07 served=70 >/dev/null
h tally add "$fair" --at 2027-01-23 served=999 >/dev/null
h tally add "$fair" --at 2027-01-30 served=300 consultations=45 >/dev/null
h tally add "$fair" --at 2027-02-06 served=250 bp-checks=60 >/dev/null
h suggest add 夜间开放 --topic care --date 2027-01-26 --venue 盘锦工会驿站 >/dev/null
h suggest add 增加义诊 --topic care --date 2027-01-28 --event "$fair" \
	--status adopted >/dev/null
h suggest add 路口照明 --topic safety --date 2027-02-07 >/dev/null
h suggest add 工资 --topic labour-rights --date 2027-01-20 >/dev/null

period="--from 2027-01-25 --to 2027-02-07"
all="--by week,month,kind,venue,org,category"

# Text: the sums worked out by hand (see tests/unit/test_report.c).
# shellcheck disable=SC2086
OUT=$(h report $period $all)
check_contains "text: the period" "Report 2027-01-25 – 2027-02-07 (Asia/Shanghai)" "$OUT"
check_contains "text: occurrences" "Occurrences: 15 held, 1 cancelled, 0 upcoming" "$OUT"
check_contains "text: suggestions" "Suggestions received: 3" "$OUT"
check_contains "text: people served in all" "People served (people)           1050                    8" "$OUT"
check_contains "text: the first week" "1/25–1/31     7          1            600     40" "$OUT"
check_contains "text: the second week" "2/1–2/7       8          0            450     30" "$OUT"
check_contains "text: the drivers' home has the moved day" \
	"盘锦司机之家         1          0             50" "$OUT"
check_contains "text: category averages" "People served (people)           1050                    8                   131.3" "$OUT"
check_lacks "text: no bars into a pipe" "█" "$OUT"
# shellcheck disable=SC2086
OUT=$(h report $period --kind fair)
check_contains "--kind fair" "Occurrences: 2 held, 0 cancelled, 0 upcoming" "$OUT"
check_contains "--kind fair: its suggestion" "Suggestions received: 1" "$OUT"
check_contains "--org matches a partner" "Occurrences: 2 held" \
	"$(h report $period --org 医院)"
check_contains "--venue takes where it took place" "Occurrences: 1 held" \
	"$(h report $period --venue 司机之家)"
check_contains "the default period is the current month" \
	"Report 2027-02-01 – 2027-02-28" "$(h report)"
check_contains "--to alone: from the first of its month" "Report 2027-01-01 – 2027-01-15" \
	"$(h report --to 2027-01-15)"
check_status "an unknown grouping" 1 h report --by day
check_contains "  names the groupings" "week, month, kind, venue, org or category" "$OUT"
check_status "an empty period" 1 h report --from 2027-02-07 --to 2027-02-01
check_status "an unknown format" 1 h report --format pdf

# On a terminal: bars of the main series, and a sparkline by week.
OUT=$(COLUMNS=100 script -qec "stty cols 100; $HEARTH report $period --by week" /dev/null)
check_contains "a terminal gets bars" "████" "$OUT"
check_contains "and a sparkline of the weeks" "People served (people): █▆" "$OUT"
OUT=$(script -qec "stty cols 100; $HEARTH report $period -o - --format xlsx" /dev/null)
check_contains "a workbook is not written to a terminal" "give -o FILE.xlsx" "$OUT"

# CSV: byte-order mark, sections, read back by Python's csv module.
# shellcheck disable=SC2086
h report $period $all --format csv >r.csv
check_eq "csv: a UTF-8 byte-order mark" "efbbbf" \
	"$(head -c 3 r.csv | od -An -tx1 | tr -d ' \n')"
check_eq "csv: the sections and figures, read back" "ok" "$("$py" - <<'EOF'
import csv
with open("r.csv", encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f))
raw = open("r.csv", "rb").read()
sections, cur = {}, None
for r in rows:
    if len(r) == 1 and r[0]:
        cur = r[0]; sections[cur] = []
    elif r and cur:
        sections[cur].append(r)
want = {
    "Summary": [["Held", "Cancelled", "People served (people)", "Meals (servings)",
                 "Vehicles parked (vehicles)", "Free consultations (people)",
                 "Blood-pressure checks (people)"],
                ["15", "1", "1050", "70", "12", "45", "60"]],
    "By week": [["First day", "Last day", "Held", "Cancelled", "People served (people)",
                 "Meals (servings)", "Vehicles parked (vehicles)",
                 "Free consultations (people)", "Blood-pressure checks (people)"],
                ["2027-01-25", "2027-01-31", "7", "1", "600", "40", "12", "45", "0"],
                ["2027-02-01", "2027-02-07", "8", "0", "450", "30", "0", "0", "60"]],
}
problems = []
for name, rws in want.items():
    if sections.get(name) != rws:
        problems.append("%s: %r" % (name, sections.get(name)))
if sections.get("By month", [[]])[1][:4] != ["2027-01-25", "2027-01-31", "7", "1"]:
    problems.append("By month: %r" % sections.get("By month"))
if ["盘锦司机之家", "1", "0", "50", "0", "0", "0", "0"] not in sections.get("By venue", []):
    problems.append("By venue: %r" % sections.get("By venue"))
if ["People served (people)", "1050", "8", "131.3"] not in sections.get("By category", []):
    problems.append("By category: %r" % sections.get("By category"))
if sections.get("Suggestions by topic and status", [[]])[-1] != ["All topics", "2", "0", "1", "0", "0", "3"]:
    problems.append("suggestions: %r" % sections.get("Suggestions by topic and status"))
if raw.count(b"\n") != raw.count(b"\r\n"):
    problems.append("lines not ended by CRLF")
print("ok" if not problems else "\n".join(problems))
EOF
)"

# JSON: the same sums.
# shellcheck disable=SC2086
check_eq "json: the same sums" "15 1 1050 600 450 131" "$(h report $period $all --format json |
	"$py" -c '
import json, sys
r = json.load(sys.stdin)
g = {x["by"]: x["rows"] for x in r["groupings"]}
print(r["total"]["held"], r["total"]["cancelled"], r["total"]["tallies"]["served"],
      g["week"][0]["tallies"]["served"], g["week"][1]["tallies"]["served"],
      g["category"][0]["total"] * 1000 // 8000)')"

# XLSX: written with -o (format from the name), read back by openpyxl.
# shellcheck disable=SC2086
check_status "report -o r.xlsx" 0 h report $period $all -o r.xlsx
check_eq "xlsx: sheets, frozen headings, numbers, dates, charts" "ok" "$("$py" - <<'EOF'
import datetime, openpyxl
wb = openpyxl.load_workbook("r.xlsx")
problems = []
names = wb.sheetnames
if names != ["Summary", "By week", "By month", "By kind", "By venue",
             "By organisation", "By category", "Suggestions"]:
    problems.append("sheets: %r" % names)
for ws in wb.worksheets:
    if ws.freeze_panes != "A2":
        problems.append("%s: frozen at %r" % (ws.title, ws.freeze_panes))
s = wb["Summary"]
if [c.value for c in s[2]][:5] != [datetime.datetime(2027, 1, 25), datetime.datetime(2027, 2, 7), 15, 1, 1050]:
    problems.append("summary: %r" % [c.value for c in s[2]])
w = wb["By week"]
row = [c.value for c in w[2]]
if row[:5] != [datetime.datetime(2027, 1, 25), datetime.datetime(2027, 1, 31), 7, 1, 600]:
    problems.append("week 1: %r" % row)
if not isinstance(row[2], int) or w.cell(2, 1).number_format != "yyyy-mm-dd":
    problems.append("types: %r %r" % (type(row[2]), w.cell(2, 1).number_format))
if [c.value for c in w[4]][:5] != ["Total", None, 15, 1, 1050]:
    problems.append("week total: %r" % [c.value for c in w[4]])
v = wb["By venue"]
rows = {r[0].value: [c.value for c in r[1:]] for r in v.iter_rows(min_row=2)}
if rows.get("盘锦司机之家", [])[:3] != [1, 0, 50]:
    problems.append("venue: %r" % rows)
# Wide enough for the Chinese names (two units a character).
if v.column_dimensions["A"].width < 2 * len("粮库社区文化广场"):
    problems.append("venue column width %r" % v.column_dimensions["A"].width)
c = wb["By category"]
if [x.value for x in c[2]][:3] != ["People served (people)", 1050, 8]:
    problems.append("category: %r" % [x.value for x in c[2]])
g = wb["Suggestions"]
if [x.value for x in g[1]] != ["Topic", "New", "Under review", "Adopted", "Declined", "Done", "Total"]:
    problems.append("suggestions heading: %r" % [x.value for x in g[1]])
if [x.value for x in g[g.max_row]] != ["All topics", 2, 0, 1, 0, 0, 3]:
    problems.append("suggestions total: %r" % [x.value for x in g[g.max_row]])
print("ok" if not problems else "\n".join(problems))
EOF
)"
# openpyxl does not read charts back: look for them in the package.
check_eq "xlsx: a chart in each sheet that groups, and of suggestions" "6" \
	"$("$py" -c '
import zipfile
print(sum(1 for n in zipfile.ZipFile("r.xlsx").namelist() if n.startswith("xl/charts/chart")))')"
check_contains "xlsx: the chart plots people served per week" "People served (people)" \
	"$("$py" -c '
import zipfile
z = zipfile.ZipFile("r.xlsx")
print(z.read("xl/charts/chart1.xml").decode())')"
check_status "csv -o, the format from the name" 0 h report $period -o again.csv
check_eq "  the same bytes as --format csv" "$(h report $period --format csv | md5sum)" \
	"$(md5sum <again.csv)"

# Volunteers' hours and points (people.h), under the occurrence worked.
export HEARTH_DB="$T/people.db"
h init >/dev/null
sweep=$(h add --kind volunteer --title 志愿扫雪 --start "2027-01-30 09:00" \
	--end 11:30 --venue 长江路小区)
h shift add "$sweep" --role volunteer --need 2 >/dev/null
a=$(h person add 张三)
b=$(h person add 李四)
h signup "$a" "$sweep" --at 2027-01-30 >/dev/null
h signup "$b" "$sweep" --at 2027-01-30 >/dev/null
earned=$(h checkout "$a" "$sweep" --at 2027-01-30 | sed -n 's/.*: \([0-9]*\) points.*/\1/p')
h checkout "$b" "$sweep" --at 2027-01-30 --time 11:00 >/dev/null
# A correction reverses what the first check-out earned.
more=$(h checkout "$b" "$sweep" --at 2027-01-30 --time 11:30 | sed -n 's/.*: \([0-9]*\) points.*/\1/p')
# shellcheck disable=SC2086
check_eq "csv: hours worked and points earned, corrections counted once" \
	"Volunteer service,1,0,5.0,$((earned + more))" \
	"$(h report $period --by kind --format csv | tr -d '\r' | grep '^Volunteer service')"
# shellcheck disable=SC2086
check_contains "text: the columns are there when shifts were worked" \
	"Volunteer hours  Points" "$(h report $period --by kind)"
check_lacks "and not when none was" "Volunteer hours" \
	"$(h report --from 2027-03-01 --to 2027-03-31)"
export HEARTH_DB="$T/hearth.db"

# In Chinese: sheet names, headings and labels.
if use_locales; then
	# shellcheck disable=SC2086
	LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 h report $period $all -o zh.xlsx
	check_eq "zh_CN: Chinese sheets and headings" "ok" "$("$py" - <<'EOF'
import openpyxl
wb = openpyxl.load_workbook("zh.xlsx")
p = []
if wb.sheetnames != ["汇总", "按周", "按月", "按类型", "按地点", "按单位", "按类别", "意见建议"]:
    p.append(repr(wb.sheetnames))
if [c.value for c in wb["按周"][1]][:5] != ["开始日期", "结束日期", "已举办", "已取消", "服务人次（人次）"]:
    p.append(repr([c.value for c in wb["按周"][1]]))
if wb["按类型"]["A2"].value != "文明集市":
    p.append(repr(wb["按类型"]["A2"].value))
print("ok" if not p else "\n".join(p))
EOF
)"
	# shellcheck disable=SC2086
	OUT=$(LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 h report $period --by week)
	check_contains "zh_CN: text in Chinese, aligned" "  周               已举办  已取消  服务人次" "$OUT"
	check_contains "zh_CN: week labels" "1月25日–1月31日       7       1       600" "$OUT"
else
	not_ok "the test locales can be made (localedef)"
fi
