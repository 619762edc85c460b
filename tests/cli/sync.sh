#!/bin/sh
# sync.sh - hearth sync against a real CalDAV server (Radicale, started
# here on a free port with throwaway storage and users), read back by a
# client no one here wrote (python3-caldav with recurring_ical_events):
# discovery, the demo calendar sent and read back occurrence by
# occurrence, nothing about people sent, a no-change sync costing a few
# requests, remote edits, deletions and changed occurrences pulled, local
# deletions pushed, a conflict kept and settled, an object hearth cannot
# model left as it was, wrong and badly kept passwords, kill -9 in the
# middle of a sync, a server that goes away in the middle of one and one
# that stops answering (the database stays free for others meanwhile).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../radicale.lib"
top=$(cd "$(dirname "$0")/../.." && pwd)
py=/usr/bin/python3
client="$top/tests/ical/caldav_client.py"
setup
export TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8
rdir=$(radicale_dir)
trap 'radicale_stop; rm -rf "$T" "$rdir"' EXIT
cd "$T" || exit 2

if ! radicale_start "$rdir" alice:secret bob:other; then
	not_ok "Radicale starts"
	echo "1..$tap_n"
	exit 1
fi
url=$RADICALE_URL
printf 'secret\n' >alice.pw
printf 'other\n' >bob.pw
printf 'nope\n' >wrong.pw
chmod 600 alice.pw bob.pw wrong.pw

# dav CALENDAR-URL USER PASSWORD COMMAND...: python's caldav on the server.
dav() {
	_dav_cal=$1 _dav_user=$2 _dav_pass=$3
	shift 3
	$py "$client" "$_dav_cal" "$_dav_user" "$_dav_pass" "$@"
}

# requests OUTPUT: the number of requests a sync's summary names.
requests() {
	printf '%s\n' "$1" | sed -n 's/.*; \([0-9]*\) requests in.*/\1/p' |
		tail -n 1
}

series_count() {
	sqlite3 "$1" "SELECT count(*) FROM series"
}

# dav_calendar USER NAME [OPTION...]: a calendar NAME made on the server
# for USER (password in $T/USER.pw), and a [sync NAME] section for it with
# the options given ("send = no").
dav_calendar() {
	_user=$1 _name=$2
	shift 2
	h sync --setup "$url/" --user "$_user" --password-file "$T/$_user.pw" \
		--mkcalendar "$_name" >/dev/null 2>&1
	printf '\n[sync %s]\nurl = %s/%s/%s/\nuser = %s\npassword_file = %s\n' \
		"$_name" "$url" "$_user" "$_name" "$_user" "$T/$_user.pw" \
		>>"$XDG_CONFIG_HOME/hearth/config"
	for _opt in "$@"; do
		echo "$_opt" >>"$XDG_CONFIG_HOME/hearth/config"
	done
}

# generated_calendar NAME DB [OPTION...]: DB holding the generated events
# (gen.ics), and a calendar NAME for bob as dav_calendar makes it.
generated_calendar() {
	_gen_name=$1 _db=$2
	shift 2
	HEARTH_DB=$_db h init --tz Asia/Shanghai >/dev/null
	HEARTH_DB=$_db h import gen.ics >/dev/null 2>&1
	dav_calendar bob "$_gen_name" "$@"
}

# wait_objects PATH N: until the server holds N objects in PATH, or for
# 30 seconds at most.
wait_objects() {
	_n=0
	while [ "$(radicale_objects "$1")" -lt "$2" ] && [ $_n -lt 600 ]; do
		sleep 0.05
		_n=$((_n + 1))
	done
}

# hd DB ARGS...: hearth on another database.
hd() {
	_hd_db=$1
	shift
	env HEARTH_DB="$_hd_db" "$HEARTH" "$@"
}

# ---- Discovery ----

check_status "setup finds the calendar home from the server's root and \
makes a calendar" 0 h sync --setup "$url/" --user alice \
	--password-file "$T/alice.pw" --mkcalendar 社区活动
check_contains "the principal is found" "Principal: $url/alice/" "$OUT"
check_contains "the calendar home is found" "Calendar home: $url/alice/" "$OUT"
cal=$(printf '%s\n' "$OUT" | grep -o "$url/alice/hearth-[0-9a-f]*/" | head -n 1)
check_contains "the new calendar is listed under its name" "社区活动" "$OUT"
check_contains "it answers sync-collection" "sync-collection" "$OUT"
check_contains "a [sync] section is offered for the config" "url = $cal" \
	"$OUT"
check_status "setup from the calendar's own URL finds it" 0 \
	h sync --setup "$cal" --user alice --password-file "$T/alice.pw"
check_contains "... and lists it" "$cal" "$OUT"
path=${cal#"$url/"}
path=${path%/}

cat >"$XDG_CONFIG_HOME/hearth/config" <<EOF
[sync district]
url = $url/
calendar = 社区活动
user = alice
password_file = $T/alice.pw

[sync wrong]
url = $cal
user = alice
password_file = $T/wrong.pw
EOF

# ---- First push of the demo calendar ----

h init --demo >/dev/null
h add --kind volunteer --title 每周扫雪 --start "2027-01-04 08:00" \
	--duration 2h --rrule "FREQ=WEEKLY;COUNT=4" >/dev/null
snow=$(h agenda --from 2027-01-04 --to 2027-01-04 --format tsv |
	awk -F '\t' '$5 == "每周扫雪" { print $3 }')
n=$(series_count "$HEARTH_DB")
check_status "the first sync sends the demo calendar" 0 h sync district
check_contains "every event is sent once" "sent $n new, 0 changed, 0 deleted" \
	"$OUT"
check_eq "the server holds one object per event" "$n" \
	"$(radicale_objects "$path")"
check_eq "no UID is on the server twice" "" \
	"$(dav "$cal" alice secret uids | uniq -d)"

# Every occurrence python sees is one hearth lists, and the other way round.
dav "$cal" alice secret read 2026-11-01T00:00 2027-03-01T00:00 \
	Asia/Shanghai >python.tsv
h agenda --from 2026-11-01 --to 2027-02-28 --format tsv |
	cut -f 1-3,5 | sort >hearth.tsv
check_eq "python3-caldav reads back every occurrence as hearth lists it" \
	"$(cat hearth.tsv)" "$(cat python.tsv)"
check_status "... and there are some" 0 test "$(wc -l <python.tsv)" -gt 100

# Nothing about people goes to the server.
leaked=""
sqlite3 "$HEARTH_DB" "SELECT name FROM person UNION SELECT phone FROM person
	WHERE phone IS NOT NULL" >people.txt
while IFS= read -r who; do
	[ -n "$who" ] || continue
	grep -rqF -- "$who" "$rdir/storage" && leaked="$leaked $who"
done <people.txt
check_status "there are people in the demo" 0 test -s people.txt
check_eq "no person's name or phone is on the server" "" "$leaked"

check_status "a sync with nothing changed" 0 h sync district
check_contains "... changes nothing" "received 0 new, 0 changed, 0 deleted; \
sent 0 new, 0 changed, 0 deleted" "$OUT"
check_status "... costs a few requests, not one per event" 0 \
	test "$(requests "$OUT")" -le 3

# ---- Remote changes pulled ----

reading=$(h agenda --from 2026-11-01 --to 2027-02-28 --kind reading \
	--format tsv | head -n 1 | cut -f 3)
fair=$(h agenda --from 2026-11-01 --to 2027-02-28 --kind fair --format tsv |
	head -n 1 | cut -f 3)
dav "$cal" alice secret retitle "$reading" "远程改过的读书会"
dav "$cal" alice secret delete "$fair"
check_status "a sync after changes on the server" 0 h sync district
check_contains "... receives the edit and the deletion" \
	"received 0 new, 1 changed, 1 deleted; sent 0 new" "$OUT"
check_contains "the edit made on the server is here" "远程改过的读书会" \
	"$(h show "$reading")"
check_status "the event deleted on the server is gone here" 1 h show "$fair"
check_contains "the change is in the audit log, naming the calendar" \
	"edit|$reading|district" \
	"$(sqlite3 "$HEARTH_DB" "SELECT a.action, a.ref, f.after FROM audit a
		JOIN audit_field f ON f.audit_id = a.id
		WHERE f.field = 'sync' ORDER BY a.id")"

# A changed occurrence made on the server.
dav "$cal" alice secret move "$snow" 2027-01-11T08:00 2027-01-12T15:00
check_status "a sync after an occurrence was moved on the server" 0 \
	h sync district
check_contains "... receives it" "received 0 new, 1 changed" "$OUT"
check_contains "the moved occurrence is listed at its new time" \
	"2027-01-12T15:00:00+08:00" \
	"$(h agenda --from 2027-01-12 --to 2027-01-12 --format tsv)"
check_lacks "and no longer at its old one" "$snow" \
	"$(h agenda --from 2027-01-11 --to 2027-01-11 --format tsv)"
h edit "$snow" --title "每周扫雪（集合点变了）" >/dev/null
check_status "a local edit of that event" 0 h sync district
check_contains "... is sent" "sent 0 new, 1 changed" "$OUT"
check_contains "the server keeps the moved occurrence with the edit" \
	"2027-01-12T15:00:00+08:00	2027-01-12T17:00:00+08:00	$snow	每周扫雪（集合点变了）" \
	"$(dav "$cal" alice secret read 2027-01-01T00:00 2027-02-01T00:00 \
		Asia/Shanghai)"

# ---- Local deletion pushed ----

station=$(h agenda --from 2026-11-01 --to 2027-02-28 --kind clinic \
	--format tsv | head -n 1 | cut -f 3)
h rm "$station" >/dev/null
check_status "a sync after a deletion here" 0 h sync district
check_contains "... deletes it there" "sent 0 new, 0 changed, 1 deleted" "$OUT"
check_lacks "the server no longer has it" "$station" \
	"$(dav "$cal" alice secret uids)"

# ---- A conflict: changed on both sides ----

h edit "$reading" --title "本地改的读书会" >/dev/null
dav "$cal" alice secret retitle "$reading" "服务器上改的读书会"
check_status "a sync with an event changed on both sides" 0 h sync district
check_contains "... says a conflict was kept" "1 conflict kept" "$OUT"
check_contains "the server's version is the event's next revision" \
	"服务器上改的读书会" "$(h show "$reading")"
check_status "conflicts are listed" 0 h sync --conflicts
check_contains "... with both titles" "yours '本地改的读书会', the server's \
'服务器上改的读书会'" "$OUT"
check_eq "... one row in TSV" "1" \
	"$(h sync --conflicts --format tsv | grep -c "$reading")"
check_status "the next sync" 0 h sync district
check_contains "... leaves a conflicted event alone" "sent 0 new, 0 changed" \
	"$OUT"
check_status "keep mine" 0 h sync --resolve "$reading" --keep mine
check_contains "the local version is back" "本地改的读书会" "$(h show "$reading")"
check_status "the sync after settling" 0 h sync district
check_contains "... sends it" "sent 0 new, 1 changed" "$OUT"
check_contains "the server has my version now" "本地改的读书会" \
	"$(dav "$cal" alice secret read 2026-11-01T00:00 2027-03-01T00:00 \
		Asia/Shanghai)"
check_eq "no conflict is left" "No sync conflicts." "$(h sync --conflicts)"
check_contains "the conflict and its settling are in the audit log" \
	"conflict resolve" \
	"$(sqlite3 "$HEARTH_DB" "SELECT group_concat(action, ' ') FROM audit
		WHERE ref = '$reading' AND action IN ('conflict', 'resolve')")"

# ---- Changed on the server after hearth listed it: 412, a conflict ----

# Two events sent; then changed here (one edited, one deleted) and on the
# server, the server's change coming after hearth's listing (the token
# kept is the server's newest, as when someone saves between hearth's
# listing and its writing): the If-Match of PUT and DELETE is refused with
# 412 Precondition Failed, and both versions are kept, never overwritten.
h add --kind reading --title 竞争测试一 --start "2027-02-10 19:00" \
	--duration 1h >/dev/null
h add --kind reading --title 竞争测试二 --start "2027-02-11 19:00" \
	--duration 1h >/dev/null
race1=$(h agenda --from 2027-02-10 --to 2027-02-10 --format tsv |
	awk -F '\t' '$5 == "竞争测试一" { print $3 }')
race2=$(h agenda --from 2027-02-11 --to 2027-02-11 --format tsv |
	awk -F '\t' '$5 == "竞争测试二" { print $3 }')
h sync district >/dev/null 2>&1
h edit "$race1" --title 竞争测试一（这里改的） >/dev/null
h rm "$race2" >/dev/null
dav "$cal" alice secret retitle "$race1" 竞争测试一（服务器上改的）
dav "$cal" alice secret retitle "$race2" 竞争测试二（服务器上改的）
token=$(dav "$cal" alice secret token)
sqlite3 "$HEARTH_DB" "UPDATE sync_calendar SET token = '$token'
	WHERE account = 'district'"
check_status "a sync whose writes the server refuses with 412" 0 \
	h sync district
check_contains "... keeps both versions of each as a conflict" \
	"2 conflicts kept" "$OUT"
check_contains "... sending neither" "sent 0 new, 0 changed, 0 deleted" "$OUT"
check_contains "the edited event is the server's version now" \
	"竞争测试一（服务器上改的）" "$(h show "$race1")"
check_contains "... with mine kept in the conflict" \
	"yours '竞争测试一（这里改的）', the server's '竞争测试一（服务器上改的）'" \
	"$(h sync --conflicts)"
check_contains "the event deleted here is back as the server has it" \
	"竞争测试二（服务器上改的）" "$(h show "$race2")"
check_contains "... and its conflict says so" \
	"deleted here, changed on the server" \
	"$(h sync --conflicts | grep 竞争测试二)"
check_contains "the server still has its own versions" \
	"$race1	竞争测试一（服务器上改的）" \
	"$(dav "$cal" alice secret read 2027-02-10T00:00 2027-02-12T00:00 \
		Asia/Shanghai)"
check_status "keep theirs for the edit" 0 \
	h sync --resolve "$race1" --keep theirs
check_status "keep theirs for the deletion" 0 \
	h sync --resolve "$race2" --keep theirs
check_eq "no conflict is left" "No sync conflicts." "$(h sync --conflicts)"
check_status "the sync after settling" 0 h sync district
check_contains "... has nothing to send: both sides agree" \
	"sent 0 new, 0 changed, 0 deleted" "$OUT"
check_contains "... and the server keeps both events" \
	"$race2	竞争测试二（服务器上改的）" \
	"$(dav "$cal" alice secret read 2027-02-10T00:00 2027-02-12T00:00 \
		Asia/Shanghai)"

# ---- A deletion on one side, a change on the other: both kept ----

warm=$(h agenda --from 2026-11-01 --to 2027-02-28 --kind warm-station \
	--format tsv | head -n 1 | cut -f 3)
h rm "$warm" >/dev/null
dav "$cal" alice secret retitle "$warm" "暖冬驿站（服务器上改了）"
check_status "deleted here, changed on the server" 0 h sync district
check_contains "... is a conflict" "1 conflict kept" "$OUT"
check_contains "... and the event is back, as the server has it" \
	"暖冬驿站（服务器上改了）" "$(h show "$warm")"
check_contains "the conflict says what happened" \
	"deleted here, changed on the server" "$(h sync --conflicts)"
check_status "keep mine: deleted again" 0 h sync --resolve "$warm" --keep mine
check_status "... so the event is gone here" 1 h show "$warm"
h sync district >/dev/null 2>&1
check_lacks "... and the next sync deletes it there" "$warm" \
	"$(dav "$cal" alice secret uids)"

snow2=$(h agenda --from 2026-11-01 --to 2027-02-28 --kind volunteer \
	--format tsv | grep -v "$snow" | head -n 1 | cut -f 3)
h edit "$snow2" --title "扫雪（这里改了）" >/dev/null
dav "$cal" alice secret delete "$snow2"
check_status "changed here, deleted on the server" 0 h sync district
check_contains "... is a conflict" "1 conflict kept" "$OUT"
check_contains "... and the change is kept here" "扫雪（这里改了）" \
	"$(h show "$snow2")"
check_status "keep mine" 0 h sync --resolve "$snow2" --keep mine
check_status "the next sync" 0 h sync district
check_contains "... sends it again" "sent 1 new" "$OUT"
check_contains "... and the server has it" "扫雪（这里改了）" \
	"$(dav "$cal" alice secret read 2026-11-01T00:00 2027-03-01T00:00 \
		Asia/Shanghai)"

# ---- A calendar for readings only; what comes in without a kind ----

check_status "setup by the name of a section" 0 h sync --setup district
check_contains "... uses its address and password" "$cal" "$OUT"
dav_calendar alice readings "send_kind = reading" "receive_kind = volunteer" \
	"receive_org = 区志愿者协会"
check_status "a calendar that takes one kind" 0 h sync readings
check_eq "... gets the events of that kind and no other" \
	"$(sqlite3 "$HEARTH_DB" "SELECT count(*) FROM series
		WHERE kind = 'reading'")" "$(radicale_objects alice/readings)"
cat >plain.ics <<'EOF'
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//a phone//EN
BEGIN:VEVENT
UID:phone-event-1@example.org
DTSTAMP:20261201T000000Z
DTSTART;TZID=Asia/Shanghai:20270123T140000
DTEND;TZID=Asia/Shanghai:20270123T160000
SUMMARY:手机上加的扫雪
X-APPLE-TRAVEL-ADVISORY-BEHAVIOR:AUTOMATIC
END:VEVENT
END:VCALENDAR
EOF
dav "$url/alice/readings/" alice secret put phone-event-1.ics plain.ics
check_status "an event added on a phone" 0 h sync readings
check_contains "... comes in" "received 1 new" "$OUT"
check_contains "... as the calendar's kind" \
	"phone-event-1@example.org	volunteer	手机上加的扫雪" \
	"$(h agenda --from 2027-01-23 --to 2027-01-23 --format tsv)"
check_contains "... hosted by the calendar's organisation" "区志愿者协会" \
	"$(h show phone-event-1@example.org)"

# ---- A partner's calendar: one organisation's events; one that only receives ----

org=$(sqlite3 "$HEARTH_DB" "SELECT g.name FROM org g
	JOIN series_org so ON so.org_id = g.id
	GROUP BY g.id ORDER BY count(*) DESC, g.id LIMIT 1")
norg=$(sqlite3 "$HEARTH_DB" "SELECT count(DISTINCT so.series_id)
	FROM series_org so JOIN org g ON g.id = so.org_id WHERE g.name = '$org'")
dav_calendar alice partner "send_org = $org"
dav_calendar alice inbox "send = no"
check_status "a calendar for one organisation ($org)" 0 h sync partner
check_eq "... gets its $norg events and no other" "$norg" \
	"$(radicale_objects alice/partner)"
check_status "there are some, and fewer than all" 0 \
	test "$norg" -gt 0 -a "$norg" -lt "$(series_count "$HEARTH_DB")"
sed 's/phone-event-1/inbox-event-1/' plain.ics >inbox.ics
dav "$url/alice/inbox/" alice secret put inbox-event-1.ics inbox.ics
check_status "a calendar that only receives (send = no)" 0 h sync inbox
check_contains "... receives the event put there and sends nothing" \
	"received 1 new, 0 changed, 0 deleted; sent 0 new, 0 changed" "$OUT"
check_eq "... so the server holds only that" "1" \
	"$(radicale_objects alice/inbox)"
h edit inbox-event-1@example.org --title 收件箱里的活动（这里改了） >/dev/null
check_status "an event it received and that changed here" 0 h sync inbox
check_contains "... is still sent back" "sent 0 new, 1 changed" "$OUT"
check_contains "... keeping what the phone wrote that hearth does not use" \
	"X-APPLE-TRAVEL-ADVISORY-BEHAVIOR:AUTOMATIC" \
	"$(dav "$url/alice/inbox/" alice secret get inbox-event-1.ics)"
check_contains "... with the change made here" "收件箱里的活动（这里改了）" \
	"$(dav "$url/alice/inbox/" alice secret get inbox-event-1.ics)"

# ---- A calendar synced without sync-collection: getctag, ETags, multiget ----

# sync_collection = no, for a server whose sync-collection cannot be
# trusted: what changed is found by the calendar's getctag and a listing
# of ETags, and fetched with calendar-multiget.
tagdb=$T/bytag.db
hd "$tagdb" init --tz Asia/Shanghai >/dev/null
for i in 1 2 3; do
	hd "$tagdb" add --kind reading --title "按标签同步$i" \
		--start "2027-03-0$i 19:00" --duration 1h >/dev/null
done
dav_calendar alice bytag "sync_collection = no"
check_status "a calendar synced without sync-collection" 0 \
	hd "$tagdb" sync bytag
check_contains "... sends every event" "sent 3 new, 0 changed, 0 deleted" \
	"$OUT"
check_eq "... keeps the calendar's getctag, no sync token" "1|0" \
	"$(sqlite3 "$tagdb" "SELECT ctag IS NOT NULL, token IS NOT NULL
		FROM sync_calendar WHERE account = 'bytag'")"
hd "$tagdb" sync bytag >/dev/null 2>&1
check_status "with nothing changed" 0 hd "$tagdb" sync bytag
check_contains "... a sync changes nothing" "received 0 new, 0 changed, \
0 deleted; sent 0 new, 0 changed, 0 deleted" "$OUT"
check_eq "... in one request (the getctag)" "1" "$(requests "$OUT")"
tag1=$(hd "$tagdb" agenda --from 2027-03-01 --to 2027-03-01 --format tsv |
	cut -f 3)
tag2=$(hd "$tagdb" agenda --from 2027-03-02 --to 2027-03-02 --format tsv |
	cut -f 3)
dav "$url/alice/bytag/" alice secret retitle "$tag1" 按标签同步（服务器上改的）
dav "$url/alice/bytag/" alice secret delete "$tag2"
sed 's/phone-event-1/phone-event-2/' plain.ics >plain2.ics
dav "$url/alice/bytag/" alice secret put phone-event-2.ics plain2.ics
check_status "after an edit, a deletion and an addition on the server" 0 \
	hd "$tagdb" sync bytag
check_contains "... the sync receives all three" \
	"received 1 new, 1 changed, 1 deleted; sent 0 new" "$OUT"
check_contains "the edit is here" "按标签同步（服务器上改的）" \
	"$(hd "$tagdb" show "$tag1")"
check_status "the deletion too" 1 hd "$tagdb" show "$tag2"
check_status "and the addition" 0 hd "$tagdb" show phone-event-2@example.org
hd "$tagdb" edit "$tag1" --title 按标签同步（这里改的） >/dev/null
dav "$url/alice/bytag/" alice secret retitle "$tag1" 按标签同步（又在服务器上改）
check_status "an event changed on both sides" 0 hd "$tagdb" sync bytag
check_contains "... is a conflict here too" "1 conflict kept" "$OUT"

# ---- An object hearth cannot model ----

cat >todo.ics <<'EOF'
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//someone else//EN
BEGIN:VTODO
UID:todo-1@elsewhere
DTSTAMP:20261201T000000Z
SUMMARY:买扫雪铲
X-ELSEWHERE;FOO=bar:keep me
END:VTODO
END:VCALENDAR
EOF
dav "$cal" alice secret put todo-1.ics todo.ics
dav "$cal" alice secret get todo-1.ics >before.ics
check_status "a sync with a to-do on the server" 0 h sync district
check_contains "... keeps it as it is and says so" "kept as it is" "$OUT"
check_contains "the status counts it" "district" "$(h sync --status)"
h edit "$snow" --title "每周扫雪" >/dev/null
h sync district >/dev/null 2>&1
dav "$cal" alice secret get todo-1.ics >after.ics
check_eq "the to-do is on the server as it was" "$(cat before.ics)" \
	"$(cat after.ics)"
check_eq "the status counts it verbatim" "1" \
	"$(h sync --status --format tsv | awk -F '\t' '$1 == "district" { print $7 }')"

# ---- Passwords ----

check_status "a wrong password" 1 h sync wrong
check_contains "... names the server and the status" \
	"server $url: PROPFIND" "$OUT"
check_contains "... and says what is wrong" "401 Unauthorized" "$OUT"
chmod 644 wrong.pw
check_status "a password file others may read" 1 h sync wrong
check_contains "... is refused" "chmod 600" "$OUT"
chmod 600 wrong.pw
printf '[sync x]\nurl = %s\npassword = secret\n' "$cal" >bad.conf
check_status "a password in the config" 1 h --config bad.conf sync --status
check_contains "... is refused at its line" "bad.conf:3:" "$OUT"
check_lacks "the password never reaches the database" "secret" \
	"$(sqlite3 "$HEARTH_DB" .dump | grep -i -e sync_ -e audit)"

# ---- kill -9 in the middle of a sync ----

big=$T/big.db
$py "$top/tests/ical/gen_calendar.py" 120 7 >gen.ics
generated_calendar big "$big"
nbig=$(series_count "$big")
# hearth itself in the background (through env, which becomes it), so that
# kill -9 reaches hearth and not a shell around it.
env HEARTH_DB="$big" "$HEARTH" sync big >/dev/null 2>&1 &
pid=$!
wait_objects bob/big 20
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
cut=$(radicale_objects bob/big)
check_status "kill -9 came in the middle of the sync ($cut of $nbig sent)" 0 \
	test "$cut" -gt 0 -a "$cut" -lt "$nbig"
check_eq "the database is sound after kill -9" "ok" \
	"$(sqlite3 "$big" "PRAGMA integrity_check")"
check_status "the next sync" 0 env HEARTH_DB="$big" "$HEARTH" sync big
check_lacks "... without a conflict: what was sent before the kill is \
known again" "conflict" "$OUT"
check_eq "... finishes the job: one object per event" "$nbig" \
	"$(radicale_objects bob/big)"
check_eq "... and none twice" "" "$(dav "$url/bob/big/" bob other uids |
	uniq -d)"
check_eq "... nor here" "$nbig" "$(series_count "$big")"
check_status "a sync after that" 0 env HEARTH_DB="$big" "$HEARTH" sync big
check_contains "... has nothing left to do" "received 0 new, 0 changed, \
0 deleted; sent 0 new, 0 changed, 0 deleted" "$OUT"

# ---- kill -9 in the middle of receiving a calendar ----

# A new database receives the big calendar (calendar-multiget a hundred
# objects at a time, each hundred written as it comes): the server is
# stopped once the first hundred are written, the sync killed, and the
# next sync receives the rest once, no event twice.
pulled=$T/pulled.db
cat >>"$XDG_CONFIG_HOME/hearth/config" <<EOF

[sync bigcopy]
url = $url/bob/big/
user = bob
password_file = $T/bob.pw
EOF
half=0 tries=0
while [ "$tries" -lt 3 ] && { [ "$half" -eq 0 ] || [ "$half" -ge "$nbig" ]; }; do
	rm -f "$pulled" "$pulled-wal" "$pulled-shm"
	hd "$pulled" init --tz Asia/Shanghai >/dev/null
	env HEARTH_DB="$pulled" "$HEARTH" sync bigcopy >/dev/null 2>&1 &
	pid=$!
	n=0
	while [ "$(series_count "$pulled" 2>/dev/null || echo 0)" -eq 0 ] &&
		[ $n -lt 3000 ] && kill -0 $pid 2>/dev/null; do
		sleep 0.01
		n=$((n + 1))
	done
	kill -STOP "$RADICALE_PID"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	kill -CONT "$RADICALE_PID"
	half=$(series_count "$pulled")
	tries=$((tries + 1))
done
check_status "kill -9 came in the middle of receiving ($half of $nbig)" 0 \
	test "$half" -gt 0 -a "$half" -lt "$nbig"
check_eq "the database is sound after kill -9" "ok" \
	"$(sqlite3 "$pulled" "PRAGMA integrity_check")"
check_status "the next sync" 0 hd "$pulled" sync bigcopy
check_lacks "... without a conflict" "conflict" "$OUT"
check_contains "... receives the rest, and nothing twice" \
	"received $((nbig - half)) new, 0 changed, 0 deleted; sent 0 new, \
0 changed, 0 deleted;" "$OUT"
check_eq "... so every event is here once" "$nbig" "$(series_count "$pulled")"
check_eq "... the same events as on the server" \
	"$(dav "$url/bob/big/" bob other uids | LC_ALL=C sort -u)" \
	"$(sqlite3 "$pulled" "SELECT uid FROM series" | LC_ALL=C sort -u)"

# ---- The server goes away in the middle of a sync ----

HEARTH_DB=$big h edit "$(HEARTH_DB=$big h agenda --from 2027-01-01 \
	--to 2027-12-31 --format tsv | head -n 1 | cut -f 3)" \
	--title "断网前的修改" >/dev/null
gone=$T/gone.db
generated_calendar gone "$gone"
HEARTH_DB=$gone h sync gone >gone.out 2>&1 &
pid=$!
wait_objects bob/gone 20
radicale_stop
wait $pid
status=$?
check_eq "a sync whose server went away fails with status 2" "2" "$status"
check_contains "... naming the server" "server $url:" "$(cat gone.out)"
check_contains "... and the resource" "/bob/gone/" "$(cat gone.out)"
radicale_restart
check_status "with the server back, the next sync" 0 \
	env HEARTH_DB="$gone" "$HEARTH" sync gone
check_lacks "... without a conflict" "conflict" "$OUT"
check_eq "... finishes the job: one object per event" \
	"$(series_count "$gone")" "$(radicale_objects bob/gone)"
check_eq "... and none twice" "" "$(dav "$url/bob/gone/" bob other uids |
	uniq -d)"
check_status "the calendar that missed a change syncs it now" 0 \
	env HEARTH_DB="$big" "$HEARTH" sync big
check_contains "... sending just that" "sent 0 new, 1 changed, 0 deleted" \
	"$OUT"
check_contains "the status shows when each calendar synced" "gone" \
	"$(h sync --status)"

# ---- A server that stops answering: nothing waits on it but the sync ----

slow=$T/slow.db
generated_calendar slow "$slow" "timeout = 3"
HEARTH_DB=$slow h sync slow >slow.out 2>&1 &
pid=$!
wait_objects bob/slow 10
kill -STOP "$RADICALE_PID"
sleep 1
t0=$(date +%s%N)
HEARTH_DB=$slow h add --kind volunteer --title 服务器停住时的修改 \
	--start "2027-02-01 09:00" --duration 1h >/dev/null
added=$?
t1=$(date +%s%N)
check_eq "a change while the sync waits on a stalled server is saved" 0 \
	"$added"
check_status "... at once: the sync holds no lock while it waits \
($(((t1 - t0) / 1000000)) ms)" 0 test $(((t1 - t0) / 1000000)) -lt 2500
check_status "reading meanwhile works too" 0 \
	env HEARTH_DB="$slow" "$HEARTH" agenda --from 2027-02-01 --to 2027-02-01
wait $pid
status=$?
check_eq "the stalled sync gives up with status 2" 2 "$status"
check_contains "... saying the server did not answer in time" \
	"within 3 seconds (timeout)" "$(cat slow.out)"
kill -CONT "$RADICALE_PID"
check_contains "the status keeps what went wrong" "timeout" \
	"$(HEARTH_DB=$slow h sync --status --format tsv | grep '^slow')"
check_status "the next sync" 0 env HEARTH_DB="$slow" "$HEARTH" sync slow
check_eq "... sends everything, the new event too" \
	"$(series_count "$slow")" "$(radicale_objects bob/slow)"

# ---- The calendar deleted on the server: never replaced by another ----

curl -s -o /dev/null -u bob:other -X DELETE "$url/bob/slow/"
check_status "a sync of a calendar deleted on the server" 1 \
	env HEARTH_DB="$slow" "$HEARTH" sync slow
check_contains "... says it is not there" "PROPFIND /bob/slow/: 404" "$OUT"
check_eq "... and sends nothing to bob's other calendars" "$nbig" \
	"$(radicale_objects bob/big)"

# ---- An answer larger than max_response ----

dav_calendar alice huge "max_response = 1"
{
	printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n'
	printf 'BEGIN:VTODO\r\nUID:huge-1\r\nDTSTAMP:20261201T000000Z\r\n'
	i=0
	while [ $i -lt 20000 ]; do
		printf 'X-FILLER:%s\r\n' \
			0123456789012345678901234567890123456789012345678901234567
		i=$((i + 1))
	done
	printf 'END:VTODO\r\nEND:VCALENDAR\r\n'
} >huge.ics
curl -s -o /dev/null -u alice:secret -X PUT -H 'Content-Type: text/calendar' \
	--data-binary @huge.ics "$url/alice/huge/huge-1.ics"
check_status "an answer larger than max_response" 2 h sync huge
check_contains "... is refused, naming the request and the limit" \
	"REPORT /alice/huge/ is larger than 1048576 bytes (max_response)" "$OUT"

# ---- TLS: verified, and a district's own CA trusted when named ----

openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem \
	-days 2 -subj "/CN=hearth test CA" >/dev/null 2>&1
openssl req -newkey rsa:2048 -nodes -keyout srv.key -out srv.csr \
	-subj "/CN=127.0.0.1" >/dev/null 2>&1
printf 'subjectAltName=IP:127.0.0.1\n' >srv.ext
openssl x509 -req -in srv.csr -CA ca.pem -CAkey ca.key -CAcreateserial \
	-out srv.pem -days 2 -extfile srv.ext >/dev/null 2>&1
tport=$(radicale_free_port)
radicale --storage-filesystem-folder="$rdir/tls" \
	--server-hosts="127.0.0.1:$tport" --server-ssl=True \
	--server-certificate="$T/srv.pem" --server-key="$T/srv.key" \
	--auth-type=htpasswd --auth-htpasswd-filename="$rdir/users" \
	--auth-htpasswd-encryption=plain >"$T/tls.log" 2>&1 &
tls_pid=$!
trap 'kill $tls_pid 2>/dev/null; radicale_stop; rm -rf "$T" "$rdir"' EXIT
n=0
until curl -s -o /dev/null --cacert ca.pem "https://127.0.0.1:$tport/.web/" ||
	[ $n -gt 200 ]; do
	sleep 0.1
	n=$((n + 1))
done
check_status "a server whose certificate no known CA signed" 2 \
	h sync --setup "https://127.0.0.1:$tport/" --user alice \
	--password-file "$T/alice.pw"
check_contains "... is refused, saying where a district's CA goes" \
	"its certificate cannot be verified" "$OUT"
check_status "with the district's CA named" 0 \
	h sync --setup "https://127.0.0.1:$tport/" --user alice \
	--password-file "$T/alice.pw" --ca-file "$T/ca.pem" --mkcalendar tls
cat >>"$XDG_CONFIG_HOME/hearth/config" <<EOF

[sync tls]
url = https://127.0.0.1:$tport/alice/tls/
user = alice
password_file = $T/alice.pw
ca_file = $T/ca.pem
EOF
check_status "a sync over TLS with the district's CA" 0 h sync tls
check_contains "... sends the calendar" "sent $(series_count "$HEARTH_DB") new" \
	"$OUT"
kill $tls_pid 2>/dev/null

echo "1..$tap_n"
