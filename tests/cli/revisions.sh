#!/bin/sh
# Conditional changes and the audit log from the command line (issue 9):
# show prints the revision (text and json) and who changed it last; every
# changing command takes --if-revision N and refuses a stale one with exit
# 1, naming who changed it and when, changing nothing; hearth log lists the
# changes with their fields, filtered by --since, --user and ID.
. "$(dirname "$0")/../lib.sh"
setup
export TZ=UTC
h init --tz Asia/Shanghai >/dev/null
me=$(id -un)
U=$(h add --kind reading --title 读书会 --start "2027-01-09 09:00" \
	--rrule "FREQ=WEEKLY;COUNT=6" --venue 图书馆)
rev() { h show "$U" | sed -n 's/^Revision: *//p'; }
check_eq "show prints the revision" 1 "$(rev)"
check_contains "and who made it, when" "by $me" "$(h show "$U")"
json=$(h show --format json "$U")
check_eq "json: revision" 1 "$(echo "$json" | /usr/bin/python3 -c \
	'import json,sys; print(json.load(sys.stdin)["revision"])')"
check_eq "json: changed_by" "$me" "$(echo "$json" | /usr/bin/python3 -c \
	'import json,sys; print(json.load(sys.stdin)["changed_by"]["user"])')"
check_status "show --format tsv is refused" 1 h show --format tsv "$U"

check_status "edit at the right revision" 0 h edit "$U" --if-revision 1 --title 青少年读书会
check_eq "which is now 2" 2 "$(rev)"
cp "$HEARTH_DB" "$T/before.db"
stale() { # NAME COMMAND...: refused with exit 1 and the conflict named
	name=$1
	shift
	check_status "$name: a stale --if-revision is refused" 1 "$@"
	check_contains "$name: naming the revisions" "is at revision" "$OUT"
	check_contains "$name: and who changed it" "$me changed it at" "$OUT"
	check_eq "$name: nothing changed" "" "$(cmp "$HEARTH_DB" "$T/before.db" 2>&1)"
}
stale edit h edit "$U" --if-revision 1 --title 旧的
stale rm h rm "$U" --if-revision 1
stale override h override "$U" --if-revision=1 --at 2027-01-16 --cancel
stale split h split "$U" --at 2027-01-23 --if-revision 1
stale "segment add" h segment add "$U" --title 暖场 --if-revision 1
stale "segment rm" h segment rm "$U" 1 --if-revision 1
check_status "--if-revision wants a number" 1 h edit "$U" --if-revision two --title x
check_status "--if-revision is not for add" 1 h add --kind reading --title x \
	--start "2027-01-09 09:00" --if-revision 1
check_status "nor for agenda" 1 h agenda --if-revision 1
check_status "override at the right revision" 0 \
	h override "$U" --if-revision 2 --at 2027-01-16 --cancel
check_status "segment add at 3" 0 h segment add "$U" --title 暖场 --if-revision 3
check_status "segment rm at 4" 0 h segment rm "$U" 1 --if-revision 4
S=$(h split "$U" --at 2027-01-30 --if-revision 5)
check_eq "split at 5 gives a new series" 1 "$(h show "$S" | grep -c "^UID:")"
srev=$(h show "$S" | sed -n 's/^Revision: *//p')
check_status "override --title at the right revision" 0 h override "$S" \
	--if-revision "$srev" --at 2027-02-06 --title 读书会（改期）
check_eq "json: a changed occurrence's own title" 读书会（改期） \
	"$(h show --format json "$S" | /usr/bin/python3 -c 'import json,sys
print(json.load(sys.stdin)["changed_occurrences"][0]["title"])')"
check_status "rm at 6" 0 h rm "$U" --if-revision 6
check_status "which is gone" 1 h show "$U"

# Venues and organisations carry revisions too.
h venue add 长江路小区 >/dev/null
check_eq "venues --format tsv ends with the revision" 1 \
	"$(h venues --format tsv | grep 长江路小区 | cut -f6)"
check_status "venue edit at 1" 0 h venue edit 长江路小区 --notes 东门 --if-revision 1
check_eq "is now at 2" 2 "$(h venues --format json | /usr/bin/python3 -c \
	'import json,sys; print([v["revision"] for v in json.load(sys.stdin) if v["name"] == "长江路小区"][0])')"
cp "$HEARTH_DB" "$T/before.db"
stale "venue edit" h venue edit 长江路小区 --notes 西门 --if-revision 1
stale "venue rm" h venue rm 长江路小区 --if-revision 1
h org add 棉织社区党委 >/dev/null
h org edit 棉织社区党委 --contact 王老师 >/dev/null
cp "$HEARTH_DB" "$T/before.db"
stale "org edit" h org edit 棉织社区党委 --type 党委 --if-revision 1
stale "org rm" h org rm 棉织社区党委 --if-revision 1
check_status "org rm at 2" 0 h org rm 棉织社区党委 --if-revision 2
check_status "venue rm at 2" 0 h venue rm 长江路小区 --if-revision 2

# The log.
log=$(h log)
check_contains "log: the event added" "added event 读书会" "$log"
check_contains "log: a field changed, before and after" "title: 读书会 → 青少年读书会" "$log"
check_contains "log: an occurrence" "changed occurrence 青少年读书会 2027-01-16 09:00" "$log"
check_contains "log: the deletion" "deleted event 青少年读书会" "$log"
check_contains "log: venues" "changed venue 长江路小区" "$log"
check_eq "log ID keeps one event's entries (added, 5 changes, deleted)" 7 \
	"$(h log "$U" --format json | /usr/bin/python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')"
check_eq "every entry names the real user" "$me" \
	"$(h log --format tsv | cut -f3 | sort -u)"
check_eq "even when \$USER says otherwise" "$me" \
	"$(USER=mallory LOGNAME=mallory h edit "$S" --title 新 >/dev/null; h log "$S" --format tsv | tail -n 1 | cut -f3)"
check_eq "--user keeps one user's" 0 "$(h log --user nobody-at-all --format json | tr -d '[]\n' | wc -c)"
check_eq "--since keeps the later ones" "No changes logged." "$(h log --since 2099-01-01)"
check_contains "tsv: one line a field" "	title	读书会	青少年读书会" "$(h log --format tsv)"
