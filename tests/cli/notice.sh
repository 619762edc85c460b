#!/bin/sh
# notice.sh - hearth notice: the week's events as plain text for a group
# chat, in the interface language, cancellations and changes called out,
# the feed's link, nothing a chat app would show as garbage.
. "$(dirname "$0")/../lib.sh"
setup
cd "$T" || exit 2
use_locales || { not_ok "zh_CN.UTF-8 and en_US.UTF-8 can be made"; exit 1; }
# Monday 11 January 2027, 08:00 in Shanghai.
export TZ=Asia/Shanghai HEARTH_NOW=1799625600 LC_ALL=zh_CN.UTF-8 LANGUAGE=
cat >"$XDG_CONFIG_HOME/hearth/config" <<'EOF'
[general]
timezone = Asia/Shanghai
publish_url = https://example.org/calendar/
EOF

h init >/dev/null
h venue add "兴隆台万达广场" >/dev/null
warm=$(h add --kind warm-station --title "暖冬驿站" --start "2027-01-15 10:00" \
	--end 18:00 --rrule "FREQ=WEEKLY;BYDAY=FR,SA,SU;UNTIL=20270131" \
	--venue "兴隆台万达广场" --no-segments)
h override "$warm" --at 2027-01-16 --cancel --note "商场检修" >/dev/null
h override "$warm" --at 2027-01-17 --start 11:00 --end 19:00 >/dev/null

check_status "notice --kind" 0 h notice --kind warm-station
check_eq "one event: its title in the heading, a line a day" \
"暖冬驿站：1月11日至1月17日
1月15日（周五）10:00–18:00 · 兴隆台万达广场
1月16日（周六）暂停开放：商场检修
1月17日（周日）11:00–19:00 · 兴隆台万达广场（时间调整：原定 10:00）
订阅日历：https://example.org/calendar/kind-warm-station.ics" "$OUT"

read_id=$(h add --kind reading --title "青少年读书分享会" \
	--start "2027-01-13 09:00" --end 11:00 --venue "图书馆" --no-segments)
h add --kind volunteer --title "扫雪" --start "2027-01-14 13:00" >/dev/null
h override "$read_id" --at 2027-01-13 --cancel >/dev/null
out=$(h notice)
check_contains "several events: a general heading" "活动安排：1月11日至1月17日" "$out"
check_contains "a one-off event called off says cancelled" \
	"1月13日（周三）青少年读书分享会 已取消" "$out"
check_contains "with the title on each line" "1月14日（周四）13:00–15:00 扫雪" "$out"
check_contains "and the link of everything" \
	"订阅日历：https://example.org/calendar/all.ics" "$out"
first=$(echo "$out" | sed -n 2p)
check_eq "lines in date order" "1月13日（周三）青少年读书分享会 已取消" "$first"

# Whatever the titles hold, the notice has no control or bidi character
# and breaks no line.
long=$(printf '长标题%.0s' $(seq 1 40))
h add --kind volunteer --title "$(printf 'Bad\033[31m\342\200\256title\r\nnext')" \
	--start "2027-01-12 09:00" >/dev/null
h add --kind volunteer --title "$long" --start "2027-01-12 10:00" >/dev/null
h notice >notice.txt
if LC_ALL=C grep -q "$(printf '[\001-\011\013-\037\177]')" notice.txt ||
   grep -q "$(printf '\342\200\256')" notice.txt; then
	not_ok "no control or bidi character" "$(od -c notice.txt | head)"
else
	ok "no control or bidi character"
fi
check_contains "the hostile title stays readable on one line" \
	"09:00–11:00 Bad[31mtitle next" "$(cat notice.txt)"
check_eq "a long title is not wrapped" 1 "$(grep -c "$long" notice.txt)"
check_lacks "no markup" "<" "$(cat notice.txt)"

# In English, and without a published calendar no link.
printf '[general]\ntimezone = Asia/Shanghai\n' >plain.conf
out=$(LC_ALL=en_US.UTF-8 h --config plain.conf notice --kind warm-station)
check_eq "in English" \
"暖冬驿站, 11 Jan to 17 Jan
Fri 15 Jan 10:00–18:00 · 兴隆台万达广场
Sat 16 Jan closed: 商场检修
Sun 17 Jan 11:00–19:00 · 兴隆台万达广场 (Time changed: originally 10:00)" "$out"

check_status "a window of its own" 0 h notice --from 2027-02-01 --to 2027-02-07
check_eq "an empty window says so" "活动安排：2月1日至2月7日
暂无活动。
订阅日历：https://example.org/calendar/all.ics" "$OUT"
check_status "--venue takes the venue's feed" 0 h notice --venue 万达
check_contains "its link" "订阅日历：https://example.org/calendar/venue-" "$OUT"
check_status "--week and --from together are refused" 1 h notice --week --from today
check_status "an unknown kind is refused" 1 h notice --kind nosuch
check_status "an empty window is refused" 1 h notice --from 2027-02-07 --to 2027-02-01
