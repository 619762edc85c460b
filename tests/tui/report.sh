#!/bin/sh
# report.sh - tallies, the report view and the suggestions view at 80x24 in
# Chinese: the tally form on T (saved, refused with the reason), bars and a
# sparkline of block characters that need no colour, periods and groupings,
# the workbook written with x and read back by openpyxl, and a suggestion's
# status changed with a note.
. "$(dirname "$0")/../lib.sh"
setup
. "$(dirname "$0")/tmux.lib"
export TZ=Asia/Shanghai HEARTH_NOW=1798430400 # Mon 28 Dec 2026, 12:00 here
printf '[general]\ntimezone = Asia/Shanghai\n' >"$XDG_CONFIG_HOME/hearth/config"
if ! use_locales; then
	not_ok "zh_CN.UTF-8 compiled with localedef"
	exit 0
fi
zh="LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8"

# --- The tally form -------------------------------------------------------
h init >/dev/null
st=$(h add --kind station --title 工会驿站 --start "2026-12-26 08:00" --end 20:00 \
	--rrule FREQ=DAILY --venue 盘锦工会驿站)
cl=$(h add --kind clinic --title 义诊 --start "2026-12-28 09:00" --end 11:00 \
	--venue 药店)
h add --kind fair --title 文明集市 --start "2026-12-28 14:00" --end 16:00 \
	--venue 广场 >/dev/null
h override "$st" --at 2026-12-28 --cancel --note 暴雪停业 >/dev/null
h tally add "$cl" --at 2026-12-28 rests=5 >/dev/null

# shellcheck disable=SC2086
tui_start 80 24 env $zh
expect_screen "the agenda of today, in Chinese" "2026年12月28日 周一"
# The selection starts at what comes next: the fair, at 14:00.
keys T
expect_screen "T on an occurrence to come is refused, with why" \
	"这一场还没有开始：统计的是已发生的事"
keys Up
keys T
expect_screen "T opens the form of the clinic's occurrence" "统计：义诊 · 2026年12月28日 周一 09:00"
expect_screen "with a field for each category its kind counts" "测血糖"
expect_screen "the unit beside it" "人次"
expect_screen "who entered the last count" "最近由 $(id -un)"
text 35
keys Tab
keys BSpace
text 6
keys Tab
text x
keys C-s
expect_screen "a count that is not a number is refused" "0 或更大的整数"
keys BSpace
text 12
keys C-s
expect_screen "then saved" "已录入 3 个数字。"
check_eq "what the form saved, as the command line lists it" \
	"consultations 12 rests 6 served 35" \
	"$(h tally ls "$cl" --format tsv | cut -f2,3 | tr '\t\n' '  ' | sed 's/ $//')"
keys Enter
expect_screen "the detail pane shows what was counted" "服务人次 35 人次"
keys Escape
keys Up
keys T
expect_screen "T on a cancelled occurrence says why" "这一场已取消（暴雪停业）：已取消的场次不能录入统计"
tui_stop

# Someone else records a count while the form is open: saving refuses.
# shellcheck disable=SC2086
tui_start 80 24 env $zh
expect_screen "started again" "2026年12月28日 周一"
keys Up
keys T
expect_screen "the form shows 35" "35"
h tally add "$cl" --at 2026-12-28 served=40 >/dev/null
keys BSpace BSpace
text 50
keys C-s
expect_screen "a count changed meanwhile is not overwritten" "别人录入了 40"
check_eq "  and 40 stays" "40" "$(h tally ls "$cl" --format tsv | awk -F'\t' '$2 == "served" { print $3 }')"
tui_stop

# --- The report view, on the demo calendar --------------------------------
export HEARTH_DB="$T/demo.db" HEARTH_NOW=1798416000 # Mon 28 Dec 2026, 08:00
h init --demo >/dev/null
# shellcheck disable=SC2086
tui_start 80 24 env $zh
keys 8
expect_screen "8 shows the report of this month" "‹ 2026年12月 ›  按周 · 服务人次（人次）"
# 84 held: the demo volunteers' snow clearing of last Saturday (issue 15) counts.
expect_screen "  what was held, cancelled, to come, and suggested" "已举办 84 · 已取消 0 · 未举办 11"
expect_screen "  and the volunteers' hours and points" "志愿服务时长 5.0 · 积分 50"
expect_screen "  a row per week" "12月7日–12月13日"
expect_screen "  with a bar of block characters" "███"
expect_screen "  a sparkline of the weeks" "服务人次 ▅█▆▆▁"
expect_screen "  and the total" "合计"
check_eq "nothing wider than the screen" "80" \
	"$(screen | while IFS= read -r l; do printf '%s' "$l" | wc -L; done | sort -n | tail -n 1)"
keys b
expect_screen "b groups by month" "按月"
keys b
expect_screen "b again by kind" "服务驿站"
keys c
expect_screen "c charts another category" "按类型 · 餐食（份）"
keys c
keys b b b
expect_screen "by category" "按类别"
keys b
expect_screen "back to weeks" "按周"
keys Left
expect_screen "Left goes to the month before" "‹ 2026年11月 ›"
keys t
expect_screen "t comes back" "‹ 2026年12月 ›"
keys p
expect_screen "p shows a week" "‹ 12月28日–1月3日 ›"
keys p
expect_screen "p again a year" "‹ 2026年 ›"
keys p
keys Down
keys Enter
expect_screen "Enter on a week shows that week by kind" "‹ 12月7日–12月13日 ›  按类型"
keys x
expect_screen "x asks where to write the report" "把报表写入（.xlsx 或 .csv）："
keys C-u
text "$T/week.xlsx"
keys Enter
expect_screen "and writes it" "报表已写入 $T/week.xlsx"
check_eq "the workbook opens, with Chinese sheets, frozen headings and the week" \
	"按周 A2 服务人次（人次） 1705" "$(/usr/bin/python3 - "$T/week.xlsx" <<'EOF'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["按周"]
heads = [c.value for c in ws[1]]
col = heads.index("服务人次（人次）")
print(ws.title, ws.freeze_panes, heads[col], ws.cell(2, col + 1).value)
EOF
)"

# --- The suggestions view -------------------------------------------------
keys 9
expect_screen "9 lists the suggestions still open" "17 条未办结的意见建议"
expect_screen "  with their status" "研究中"
expect_screen "  and the selected one's last change below" "已转交网约车配送行业委员会与平台沟通"
keys s
expect_screen "s asks for the status" "第 1 条的状态"
keys Down
keys Enter
expect_screen "then for a note" "备注（原因或所做的事）："
text "纳入服务清单"
keys Enter
expect_screen "the status is changed" "第 1 条现在为“已采纳”。"
expect_screen "and it leaves the open list" "16 条未办结的意见建议"
check_contains "the change and its note are stored" "已采纳  纳入服务清单" \
	"$(env LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 "$HEARTH" suggest show 1)"
keys f
keys Down
keys Enter
expect_screen "f lists every status" "34 条意见建议"
keys Enter
expect_screen "Enter shows the whole history" "$(id -un)  新收到"
tui_stop
