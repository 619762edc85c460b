#!/bin/sh
# i18n.sh - the full-screen interface in zh_CN.UTF-8, en_US.UTF-8 and C:
# translated views, keys and messages, dates as "2027年1月8日 周五" or
# "Fri 8 Jan 2027", the week starting on the configured day, Chinese titles
# in columns by display width, and a clear word when no UTF-8 locale exists.
. "$(dirname "$0")/../lib.sh"
setup
. "$(dirname "$0")/tmux.lib"
export TZ=Asia/Shanghai HEARTH_NOW=1798416000 # Mon 28 Dec 2026, 08:00 here
conf=$XDG_CONFIG_HOME/hearth/config
printf '[general]\ntimezone = Asia/Shanghai\n' >"$conf"
if use_locales; then ok "zh_CN.UTF-8 and en_US.UTF-8 are there"
else not_ok "zh_CN.UTF-8 and en_US.UTF-8 compiled with localedef"; fi

h add --kind station --title 工会驿站：户外劳动者休息点 --start "2026-12-28 08:00" \
	--end 20:00 --venue 盘锦工会驿站 >/dev/null
h add --kind reading --title "Book club 读书" --start "2026-12-28 09:00" \
	--venue "Library B1" >/dev/null
h add --kind fair --title 新春市集 --start "2026-12-28 14:00" --venue 粮库广场 >/dev/null

# aligned NAME NEEDLE...: a test that each NEEDLE starts at one display
# column on every screen line holding one (wc -L counts columns).
aligned() {
	name=$1
	shift
	cols=$(screen | while IFS= read -r l; do
		for n in "$@"; do
			prefix=${l%%"$n"*}
			[ "$prefix" != "$l" ] && printf '%s' "$prefix" | wc -L
		done; done)
	found=$(echo "$cols" | grep -c .)
	if [ "$found" -ge $# ] && [ "$(echo "$cols" | sort -u | wc -l)" -eq 1 ]; then
		ok "$name"
	else
		not_ok "$name" "columns: $(echo $cols)" "$(screen)"
	fi
}

# --- Chinese -------------------------------------------------------------

# Wide enough for every view's name in the header.
tui_start 120 30 LC_ALL=zh_CN.UTF-8
expect_screen "zh_CN: the agenda is named 日程" "1 日程"
expect_screen "zh_CN: every view is named in Chinese" "2 月  3 周  4 活动  5 地点  6 单位"
expect_screen "zh_CN: today reads 2026年12月28日 周一" "2026年12月28日 周一  （今天）"
expect_screen "zh_CN: kinds by their Chinese label" "服务驿站"
expect_screen "zh_CN: the footer is Chinese" "? 帮助  a 新建  Enter 打开  / 搜索  q 退出"
aligned "zh_CN: titles line up in display columns" 工会驿站 "Book club" 新春市集
aligned "zh_CN: venues line up in display columns" 盘锦工会驿站 "Library B1" 粮库广场

keys 2
expect_screen "zh_CN: the month view names its month 2026年12月" "2026年12月"
row=$(screen | grep '周' | grep -v 年 | head -n 1)
check_eq "zh_CN: the week starts on Monday by default" \
	"周一 周二 周三 周四 周五 周六 周日" "$(echo $row)"
keys PgDn
expect_screen "zh_CN: PgDn goes to 2027年1月" "2027年1月"
keys 3
expect_screen "zh_CN: the week view heads its days 周一 1/25" "周一 1/25"
keys 4
expect_screen "zh_CN: the events view counts in Chinese" "3 个活动，按标题排序"
keys o
expect_screen "zh_CN: sorting says so" "已按下一场排序。"
keys 1 '?'
expect_screen "zh_CN: ? lists the keys in Chinese" "按键：日程（按 Esc 关闭）"
expect_screen "zh_CN: with what each does" "退出 hearth"
keys Escape

keys a
expect_screen "zh_CN: a opens the form" "新建活动"
text "皇姑β暖冬驿站"
keys Tab Enter
text "暖冬"
keys Enter
expect_screen "zh_CN: the kind list is searchable in Chinese" "‹ 暖冬驿站 ›"
keys Tab Tab C-u
text "2027-01-08 10:00"
expect_screen "zh_CN: the start reads 2027年1月8日 周五" "→ 2027年1月8日 周五 10:00"
keys Tab C-u
text "18:00"
expect_screen "zh_CN: a bare end time too" "→ 2027年1月8日 周五 18:00"
keys C-s
expect_screen "zh_CN: saving says so" "活动已新建"
check_eq "the Chinese title is stored as typed" "皇姑β暖冬驿站" \
	"$(h agenda --from 2027-01-08 --to 2027-01-08 --format tsv | cut -f5)"
keys Home Enter
expect_screen "zh_CN: the detail pane labels in Chinese" "接下来"
expect_screen "zh_CN: with the status translated" "已确定"
keys c
expect_screen "zh_CN: cancelling asks in Chinese" "取消 2026年12月28日 周一"
keys y
expect_screen "zh_CN: and reports it" "这一场已取消"
tui_stop

# --- The first day of the week, kind labels per language -----------------

cat >"$conf" <<'CONF'
[general]
timezone = Asia/Shanghai
week_start = sunday
[kind station]
label = Trade-union station
label.zh_CN = 工会驿站
CONF
tui_start 100 30 LC_ALL=zh_CN.UTF-8
expect_screen "label.zh_CN names the kind in the agenda" "08:00–20:00  工会驿站"
keys 4
expect_screen "and in the events view" "工会驿站       盘锦工会驿站"
keys 2
expect_screen "week_start = sunday: the month view" "2026年12月"
row=$(screen | grep '周' | grep -v 年 | head -n 1)
check_eq "week_start = sunday: the month's weeks start on Sunday" \
	"周日 周一 周二 周三 周四 周五 周六" "$(echo $row)"
check_contains "week_start = sunday: 27 December opens the week of the 28th" \
	"27            28●" "$(screen)"
keys 3
expect_screen "week_start = sunday: the week view starts on 周日 12/27" "周日 12/27"
tui_stop
tui_start 100 30 LC_ALL=en_US.UTF-8
expect_screen "the plain label in English" "08:00–20:00  Trade-union s…"
tui_stop
printf '[general]\ntimezone = Asia/Shanghai\n' >"$conf"

# --- English -------------------------------------------------------------

# Wide enough for every view's name in the header.
tui_start 140 30 LC_ALL=en_US.UTF-8
expect_screen "en_US: today reads Mon 28 Dec 2026" "Mon 28 Dec 2026  (today)"
expect_screen "en_US: views in English" "1 Agenda  2 Month"
aligned "en_US: titles line up" 工会驿站 "Book club" 新春市集
keys 2
expect_screen "en_US: the month view names December 2026" "December 2026"
row=$(screen | grep 'Mon' | grep -v 2026 | head -n 1)
check_eq "en_US: the week starts on Monday" "Mon Tue Wed Thu Fri Sat Sun" "$(echo $row)"
keys 4
expect_screen "en_US: the next opening reads Fri 8 Jan 2027" "Fri 8 Jan 2027 10:00"
tui_stop

# --- Plain C -------------------------------------------------------------

tui_start 100 30 LANG=C LC_ALL=C
expect_screen "LANG=C: English words" "Mon 28 Dec 2026  (today)"
expect_screen "LANG=C: Chinese titles shown whole" "工会驿站：户外劳动者休息点"
expect_screen "LANG=C: and Chinese venues" "盘锦工会驿站"
aligned "LANG=C: titles line up in display columns" 工会驿站 "Book club" 新春市集
aligned "LANG=C: venues too" 盘锦工会驿站 "Library B1" 粮库广场
keys a
text "志愿扫雪"
keys C-s
expect_screen "LANG=C: Chinese typed into the form is kept" "Event added"
check_eq "LANG=C: and stored as UTF-8" "志愿扫雪" \
	"$(h agenda --from 2026-12-28 --to 2026-12-28 --kind reading --format tsv |
		cut -f5 | grep 志愿)"
tui_stop

# --- No UTF-8 locale at all ----------------------------------------------

if unshare -m sh -c 'mount -t tmpfs none /usr/lib/locale' 2>/dev/null; then
	tui_start 100 30 LC_ALL=C LOCPATH= unshare -m sh -c \
		'mount -t tmpfs none /usr/lib/locale && exec "$0"'
	expect_screen "without a UTF-8 locale the status line says why" \
		"Chinese and other wide text cannot be shown or typed: the locale C"
	tui_stop
else
	ok "# SKIP no mount namespace here to hide every UTF-8 locale"
fi
