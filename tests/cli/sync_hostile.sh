#!/bin/sh
# sync_hostile.sh - a server that answers badly (tests/ical/hostile_dav.py
# on a free port of 127.0.0.1): an answer declaring an external entity
# (XXE) or an entity bomb, XML cut off, a login page where a WebDAV
# answer belongs, and an answer that never ends. Each is refused with a
# message naming the server, the request and what was wrong; nothing of
# the file the XXE points at is read, the sync's status keeps the error,
# and the database is unchanged.
. "$(dirname "$0")/../lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
setup
export TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8
srv=
trap '[ -n "$srv" ] && kill $srv 2>/dev/null; rm -rf "$T"' EXIT
cd "$T" || exit 2
printf 'pw\n' >pw
chmod 600 pw
printf 'hearth-xxe-secret-%s\n' "$$" >secret.txt
export HOSTILE_SECRET="$T/secret.txt"

# serve MODE: starts the hostile server; sets port.
serve() {
	[ -n "$srv" ] && kill $srv 2>/dev/null && wait $srv 2>/dev/null
	rm -f port
	/usr/bin/python3 "$top/tests/ical/hostile_dav.py" "$T/port" "$1" &
	srv=$!
	n=0
	while [ ! -s port ] && [ $n -lt 200 ]; do
		sleep 0.05
		n=$((n + 1))
	done
	port=$(cat port)
	cat >"$XDG_CONFIG_HOME/hearth/config" <<EOF
[sync hostile]
url = http://127.0.0.1:$port/cal/
user = u
password_file = $T/pw
max_response = 1
EOF
}

h init --demo >/dev/null
before=$(sqlite3 "$HEARTH_DB" "SELECT count(*), max(revision) FROM series")

serve xxe
check_status "an answer declaring an external entity (XXE)" 2 \
	h sync --setup "http://127.0.0.1:$port/" --user u --password-file "$T/pw"
check_contains "... is refused, naming the server and the request" \
	"server http://127.0.0.1:$port: PROPFIND /: the answer declares a \
document type" "$OUT"
check_lacks "... and the file it names is never read" "hearth-xxe-secret" \
	"$OUT"
check_status "a sync against it" 2 h sync hostile
check_contains "... fails the same way" "PROPFIND /cal/: the answer declares" \
	"$OUT"
check_lacks "nothing of that file is in the database" "hearth-xxe-secret" \
	"$(sqlite3 "$HEARTH_DB" .dump)"
check_contains "the status keeps what went wrong" "document type" \
	"$(h sync --status --format tsv)"

serve bomb
check_status "an entity bomb" 2 h sync hostile
check_contains "... is refused before it is expanded" \
	"PROPFIND /cal/: the answer declares a document type" "$OUT"

serve broken
check_status "XML cut off in the middle" 2 h sync hostile
check_contains "... says where the parser stopped" \
	"server http://127.0.0.1:$port: PROPFIND /cal/: the answer is not XML \
(line 2: Premature end of data" "$OUT"

serve html
check_status "a login page where a WebDAV answer belongs" 1 h sync hostile
check_contains "... names the status and asks about the address" \
	"PROPFIND /cal/: status 200, not a WebDAV answer: is this the address \
of a CalDAV server?" "$OUT"

serve endless
t0=$(date +%s)
check_status "an answer that never ends" 2 h sync hostile
t1=$(date +%s)
check_contains "... is cut at max_response, naming the request" \
	"the answer to PROPFIND /cal/ is larger than 1048576 bytes \
(max_response); stopped" "$OUT"
check_status "... at once ($((t1 - t0)) s), not when the server stops" 0 \
	test $((t1 - t0)) -lt 20

check_eq "the database is as it was" "$before" \
	"$(sqlite3 "$HEARTH_DB" "SELECT count(*), max(revision) FROM series")"
check_eq "... and sound" "ok" \
	"$(sqlite3 "$HEARTH_DB" "PRAGMA integrity_check")"

echo "1..$tap_n"
