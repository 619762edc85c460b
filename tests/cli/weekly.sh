#!/bin/sh
# A weekly reading session through its life: added with an exception, one
# occurrence cancelled and one moved, edited (title, time, partners, rule),
# split, duplicated and deleted; the agenda checked exactly at every step.
. "$(dirname "$0")/../lib.sh"
setup
export HEARTH_NOW=1798416000 # Mon 28 Dec 2026 08:00 in Shanghai
printf '[general]\ntimezone = Asia/Shanghai\n' >"$XDG_CONFIG_HOME/hearth/config"

tsv() {
	h agenda --from 2027-01-01 --to "${1:-2027-02-06}" --format tsv
}
# line UID DAY FROM TO [TITLE]: one expected agenda line.
line() {
	printf '%sT%s:00+08:00\t%sT%s:00+08:00\t%s\treading\t%s\t棉织社区党群服务中心\n' \
		"$2" "$3" "$2" "$4" "$1" "${5:-周五读书会}"
}

check_status "add a weekly series" 0 h add --kind reading --title 周五读书会 \
	--start "2027-01-08 19:00" --end 21:00 --rrule "FREQ=WEEKLY;BYDAY=FR" \
	--exdate 2027-01-22 --venue 棉织社区党群服务中心 --host 棉织社区党委 \
	--partner 爱在枫乡环保公益协会 --partner 本溪县图书馆
U=$OUT
case "$U" in
????????-????-4???-????-????????????) ok "add prints the new UID" ;;
*) not_ok "add prints the new UID" "$U" ;;
esac
check_status "cancel one occurrence" 0 h override "$U" --at 2027-01-15 --cancel
check_status "move one occurrence" 0 h override "$U" --at 2027-01-29 \
	--start "2027-01-30 14:00" --note 改到周六
check_eq "agenda tsv: exception, cancelled and moved occurrences" \
	"$(line "$U" 2027-01-08 19:00 21:00
	   line "$U" 2027-01-30 14:00 16:00
	   line "$U" 2027-02-05 19:00 21:00)" "$(tsv)"
OUT=$(h agenda --from 2027-01-01 --to 2027-02-06 --format json --cancelled)
check_eq "--cancelled lists the cancelled occurrence as such" \
	"confirmed cancelled confirmed confirmed" \
	"$(printf '%s' "$OUT" | /usr/bin/python3 -c '
import json, sys
print(" ".join(o["status"] for o in json.load(sys.stdin)))')"
check_status "the moved occurrence cannot move to an end before its start" 1 \
	h override "$U" --at 2027-01-29 --end "2027-01-30 13:00"
check_contains "show lists the changes" "2027-01-29 19:00  moved to Sat 30 Jan 2027 14:00–16:00; 改到周六" \
	"$(h show "$U")"

# Edits change what is given and keep the rest.
check_status "edit the title" 0 h edit "$U" --title 青少年读书会
check_eq "the title changed everywhere" \
	"$(line "$U" 2027-01-08 19:00 21:00 青少年读书会
	   line "$U" 2027-01-30 14:00 16:00 青少年读书会
	   line "$U" 2027-02-05 19:00 21:00 青少年读书会)" "$(tsv)"
check_status "edit the start time" 0 h edit "$U" --start "2027-01-08 18:30"
check_eq "a new start keeps the length, the exception and the changes" \
	"$(line "$U" 2027-01-08 18:30 20:30 青少年读书会
	   line "$U" 2027-01-30 14:00 16:00 青少年读书会
	   line "$U" 2027-02-05 18:30 20:30 青少年读书会)" "$(tsv)"
check_status "replace the partners" 0 h edit "$U" --partner 本溪县团委
OUT=$(h show "$U")
check_contains "the new partner is listed" "Partner:     本溪县团委" "$OUT"
check_lacks "the old partners are gone" "爱在枫乡" "$OUT"
check_contains "the host stays" "Host:        棉织社区党委" "$OUT"
check_status "an empty --partner clears them" 0 h edit "$U" --partner ""
check_lacks "no partner left" "Partner:" "$(h show "$U")"
check_status "drop the rule" 0 h edit "$U" --rrule none
check_eq "--rrule none leaves the first occurrence" \
	"$(line "$U" 2027-01-08 18:30 20:30 青少年读书会)" "$(tsv)"
check_lacks "and no changed occurrence" "Changed occurrences" "$(h show "$U")"
check_status "rm deletes it" 0 h rm "$U"
check_eq "nothing left" "" "$(tsv)"
check_status "show after rm" 1 h show "$U"
check_contains "names the ID" "no event has the ID '$U'" "$OUT"

# Split: this and following.
h add --kind reading --title 周五读书会 --start "2027-01-08 19:00" --end 21:00 \
	--rrule "FREQ=WEEKLY;BYDAY=FR;COUNT=6" --venue 棉织社区党群服务中心 >/dev/null
S=$(h agenda --from 2027-01-01 --format tsv | cut -f3 | head -n 1)
h override "$S" --at 2027-01-29 --note 带上借书证 >/dev/null
before=$(tsv 2027-02-28 | cut -f1,2,5,6)
check_status "split at the fourth occurrence" 0 h split "$S" --at 2027-01-29
T=$OUT
check_eq "the two halves hold the same occurrences" "$before" \
	"$(tsv 2027-02-28 | cut -f1,2,5,6)"
check_eq "three before, three after" "$S $S $S $T $T $T" \
	"$(tsv 2027-02-28 | cut -f3 | tr '\n' ' ' | sed 's/ $//')"
check_contains "the tail keeps the rest of the count" "Every Fri, 3 times" \
	"$(h show "$T")"
check_contains "and the change that belongs to it" "带上借书证" "$(h show "$T")"
check_status "split at the first occurrence is refused" 1 h split "$T" --at 2027-01-29
check_contains "with a reason" "first occurrence" "$OUT"
check_status "split where there is no occurrence" 1 h split "$S" --at 2027-01-09

# Duplicate: the same series eight weeks on.
check_status "duplicate to new dates" 0 h duplicate "$S" --start 2027-03-05
D=$OUT
check_eq "the copy keeps the weekday, time and count" \
	"$(line "$D" 2027-03-05 19:00 21:00
	   line "$D" 2027-03-12 19:00 21:00
	   line "$D" 2027-03-19 19:00 21:00)" \
	"$(h agenda --from 2027-03-01 --to 2027-04-30 --format tsv)"
check_eq "the original is untouched" "$S $S $S" \
	"$(tsv 2027-01-22 | cut -f3 | tr '\n' ' ' | sed 's/ $//')"

# Turning a timed series all-day keeps its cancelled day and its note.
ad=$(h add --kind volunteer --title "巡逻" --start "2027-02-01 19:00" \
	--duration 2h --rrule "FREQ=DAILY;COUNT=5" --no-segments)
h override "$ad" --at "2027-02-02 19:00" --cancel >/dev/null
h override "$ad" --at "2027-02-03 19:00" --note "改在白天" >/dev/null
check_status "edit --all-day" 0 h edit "$ad" --all-day
out=$(h agenda --from 2027-02-01 --to 2027-02-05 --format tsv | grep "巡逻" | cut -f1)
check_eq "four all-day occurrences, the cancelled one still out" \
	"2027-02-01 2027-02-03 2027-02-04 2027-02-05" "$(echo $out)"
check_contains "the note stays with its day" "改在白天" "$(h show "$ad")"
check_status "and back: edit --start with a time" 0 \
	h edit "$ad" --start "2027-02-01 18:00" --duration 1h
out=$(h agenda --from 2027-02-01 --to 2027-02-05 --format tsv | grep "巡逻" | cut -f1)
check_eq "timed again at 18:00, still without the 2nd" \
	"2027-02-01T18:00:00+08:00 2027-02-03T18:00:00+08:00 2027-02-04T18:00:00+08:00 2027-02-05T18:00:00+08:00" \
	"$(echo $out)"

# An occurrence with its own title and description (issue 10): listed,
# found and shown with them; "" gives the series' back.
oc=$(h add --kind reading --title 读书会 --start "2027-03-05 19:00" \
	--duration 2h --rrule "FREQ=WEEKLY;COUNT=3" --description 共读 \
	--no-segments)
check_status "override --title --description" 0 h override "$oc" \
	--at 2027-03-12 --title 读书会（改期） --description 改到图书馆三楼
out=$(h agenda --from 2027-03-05 --to 2027-03-19 --format tsv | grep "$oc" | cut -f1,5)
check_eq "the agenda lists it under its own title" \
	"$(printf '2027-03-05T19:00:00+08:00\t读书会\n2027-03-12T19:00:00+08:00\t读书会（改期）\n2027-03-19T19:00:00+08:00\t读书会')" \
	"$out"
check_contains "search finds its own description" "读书会（改期）" \
	"$(h agenda --from 2027-03-01 --to 2027-03-31 --search 三楼)"
check_contains "show says what it changed" \
	'titled "读书会（改期）"; described as "改到图书馆三楼"' "$(h show "$oc")"
check_status "override --title \"\": the series' title again" 0 \
	h override "$oc" --at 2027-03-12 --title "" --description ""
check_lacks "... and nothing left to change" "改期" "$(h show "$oc")"
