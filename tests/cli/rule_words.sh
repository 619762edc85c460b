#!/bin/sh
# rule_words.sh - `hearth show` says a repeat rule in words, in the
# language of the locale (issue 12, item 11): "Every Fri, Sat and Sun until
# 31 Jan 2027" / "每周五、六、日，至2027年1月31日", separators per language;
# a rule words cannot say faithfully is shown as it is.
. "$(dirname "$0")/../lib.sh"
setup
export TZ=Asia/Shanghai HEARTH_NOW=1798416000 # Mon 28 Dec 2026, 08:00 here
printf '[general]\ntimezone = Asia/Shanghai\n' >"$XDG_CONFIG_HOME/hearth/config"
use_locales || not_ok "zh_CN.UTF-8 compiled with localedef"

warm=$(h add --kind warm-station --title 暖冬驿站 --start "2027-01-01 10:00" \
	--end 18:00 --rrule "FREQ=WEEKLY;BYDAY=FR,SA,SU;UNTIL=20270131T235959")
daily=$(h add --kind station --title 工会驿站 --start "2026-12-28 08:00" \
	--end 20:00 --rrule FREQ=DAILY)
monthly=$(h add --kind volunteer --title 座谈会 --start "2027-01-29 14:00" \
	--end 16:00 --rrule "FREQ=MONTHLY;BYDAY=-1FR;COUNT=6")
odd=$(h add --kind volunteer --title 月末 --start "2027-01-29 14:00" \
	--end 16:00 --rrule "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1")
once=$(h add --kind volunteer --title 一次 --start "2027-01-29 14:00")

repeats() {
	LC_ALL=$1 h show "$2" | grep -E '^(Repeats|重复)'
}

check_eq "en: weekly on three days until a date" \
	"Repeats:     Every Fri, Sat and Sun until 31 Jan 2027" \
	"$(repeats C.UTF-8 "$warm")"
check_eq "zh: 、 between the days and ，至 before the end" \
	"重复：       每周五、六、日，至2027年1月31日" \
	"$(repeats zh_CN.UTF-8 "$warm")"
check_eq "en: every day" "Repeats:     Every day" "$(repeats C.UTF-8 "$daily")"
check_eq "zh: 每天" "重复：       每天" "$(repeats zh_CN.UTF-8 "$daily")"
check_eq "en: the last Friday, six times" \
	"Repeats:     Every month on the last Fri, 6 times" \
	"$(repeats C.UTF-8 "$monthly")"
check_eq "zh: 每月最后一个周五，共6次" "重复：       每月最后一个周五，共6次" \
	"$(repeats zh_CN.UTF-8 "$monthly")"
check_contains "a rule words cannot say is shown as written" "BYSETPOS=-1" \
	"$(repeats zh_CN.UTF-8 "$odd")"
check_eq "an event that does not repeat has no Repeats line" "" \
	"$(repeats C.UTF-8 "$once")"
