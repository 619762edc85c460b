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

# generated_calendar NAME DB [OPTION...]: DB holding the generated events
# (gen.ics), a calendar NAME made on the server for bob, and a [sync NAME]
# section for it with the options given ("timeout = 3").
generated_calendar() {
	_name=$1 _db=$2
	shift 2
	HEARTH_DB=$_db h init --tz Asia/Shanghai >/dev/null
	HEARTH_DB=$_db h import gen.ics >/dev/null 2>&1
	h sync --setup "$url/" --user bob --password-file "$T/bob.pw" \
		--mkcalendar "$_name" >/dev/null 2>&1
	printf '\n[sync %s]\nurl = %s/bob/%s/\nuser = bob\npassword_file = %s\n' \
		"$_name" "$url" "$_name" "$T/bob.pw" \
		>>"$XDG_CONFIG_HOME/hearth/config"
	for _opt in "$@"; do
		echo "$_opt" >>"$XDG_CONFIG_HOME/hearth/config"
	done
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
h sync --setup "$url/" --user alice --password-file "$T/alice.pw" \
	--mkcalendar readings >/dev/null 2>&1
cat >>"$XDG_CONFIG_HOME/hearth/config" <<EOF

[sync readings]
url = $url/alice/readings/
user = alice
password_file = $T/alice.pw
send_kind = reading
receive_kind = volunteer
receive_org = 区志愿者协会
EOF
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
HEARTH_DB=$big h sync big >/dev/null 2>&1 &
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
check_eq "... finishes the job: one object per event" "$nbig" \
	"$(radicale_objects bob/big)"
check_eq "... and none twice" "" "$(dav "$url/bob/big/" bob other uids |
	uniq -d)"
check_status "a sync after that" 0 env HEARTH_DB="$big" "$HEARTH" sync big
check_contains "... has nothing left to do" "received 0 new, 0 changed, \
0 deleted; sent 0 new, 0 changed, 0 deleted" "$OUT"

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

h sync --setup "$url/" --user alice --password-file "$T/alice.pw" \
	--mkcalendar huge >/dev/null 2>&1
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
cat >>"$XDG_CONFIG_HOME/hearth/config" <<EOF

[sync huge]
url = $url/alice/huge/
user = alice
password_file = $T/alice.pw
max_response = 1
EOF
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
