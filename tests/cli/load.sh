#!/bin/sh
# Load test (issue 9): 16 processes each make 200 attempts at a conflicting
# edit of one series through the command line - show, add one to the
# capacity it read, edit --if-revision with the revision it read; a refused
# edit is retried by the next attempt - while a reader loops agenda. No
# update may be lost: every accepted edit is in the final state (the
# capacity counts them) and in the audit log; every refusal is exit 1 with
# the conflict message; no "database is busy" reaches anyone; the reader
# gets no error; SQLite's integrity check passes. Prints its figures.
# run.sh: not under ASan (thousands of hearth runs: the sanitized binary
# made it 40 minutes of a check; every path it takes is under ASan elsewhere)
. "$(dirname "$0")/../lib.sh"
setup
export TZ=UTC LC_ALL=C.UTF-8
WORKERS=${LOAD_WORKERS:-16} ATTEMPTS=${LOAD_ATTEMPTS:-200}
h init --tz Asia/Shanghai >/dev/null
U=$(h add --kind clinic --title 计数 --start "2027-01-09 09:00" --capacity 1 \
	--rrule FREQ=DAILY)
h agenda --from 2027-01-01 --to 2027-02-01 >/dev/null # fills the index

worker() {
	w=$1 accepted=0 refused=0 other=0
	i=0
	while [ $i -lt "$ATTEMPTS" ]; do
		i=$((i + 1))
		shown=$(h show "$U" 2>>"$T/err.$w") || { other=$((other + 1)); continue; }
		rev=$(echo "$shown" | sed -n 's/^Revision: *//p')
		cap=$(echo "$shown" | sed -n 's/^Capacity: *//p')
		if h edit "$U" --if-revision "$rev" --capacity $((cap + 1)) \
			2>"$T/one.$w"; then
			accepted=$((accepted + 1))
		elif [ $? = 1 ] && grep -q "is at revision" "$T/one.$w"; then
			refused=$((refused + 1))
		else
			other=$((other + 1))
			cat "$T/one.$w" >>"$T/err.$w"
		fi
	done
	echo "$accepted $refused $other" >"$T/count.$w"
}

reader() {
	n=0 bad=0
	while [ ! -f "$T/stop" ]; do
		n=$((n + 1))
		h agenda --from 2027-01-01 --to 2027-01-31 >/dev/null 2>>"$T/err.reader" ||
			bad=$((bad + 1))
	done
	echo "$n $bad" >"$T/count.reader"
}

start=$(date +%s)
reader &
rpid=$!
w=0
while [ $w -lt "$WORKERS" ]; do
	w=$((w + 1))
	worker $w &
done
wait_workers() {
	w=0
	while [ $w -lt "$WORKERS" ]; do
		w=$((w + 1))
		while [ ! -f "$T/count.$w" ]; do sleep 0.2; done
	done
}
wait_workers
touch "$T/stop"
wait "$rpid"
secs=$(($(date +%s) - start))

accepted=0 refused=0 other=0
w=0
while [ $w -lt "$WORKERS" ]; do
	w=$((w + 1))
	read -r a r o <"$T/count.$w"
	accepted=$((accepted + a)) refused=$((refused + r)) other=$((other + o))
done
read -r reads reader_errors <"$T/count.reader"
final=$(h show "$U" | sed -n 's/^Capacity: *//p')
logged=$(sqlite3 "$HEARTH_DB" "SELECT count(*) FROM audit a JOIN audit_field f
	ON f.audit_id = a.id WHERE a.ref = '$U' AND a.action = 'edit'
	AND f.field = 'capacity' AND CAST(f.after AS INTEGER) = CAST(f.before AS INTEGER) + 1")
chain=$(sqlite3 "$HEARTH_DB" "SELECT count(DISTINCT f.after) FROM audit a
	JOIN audit_field f ON f.audit_id = a.id WHERE a.ref = '$U'
	AND a.action = 'edit' AND f.field = 'capacity'")
echo "# $WORKERS processes x $ATTEMPTS attempts in ${secs}s: $accepted accepted," \
	"$refused refused (exit 1, conflict named), $other other failures;" \
	"reader: $reads agenda runs, $reader_errors errors"
check_eq "every attempt was accepted or refused as a conflict" 0 "$other"
check_eq "accepted + refused = attempts" $((WORKERS * ATTEMPTS)) \
	$((accepted + refused))
check_eq "no update lost: the final capacity counts every accepted edit" \
	$((1 + accepted)) "$final"
check_eq "the audit log has every accepted edit, each one up" "$accepted" "$logged"
check_eq "and each value once" "$accepted" "$chain"
check_eq "no 'database is busy' or 'locked' reached anyone" "" \
	"$(cat "$T"/err.* 2>/dev/null | grep -i -e busy -e locked)"
check_eq "the reader got no error" 0 "$reader_errors"
check_eq "the reader did read" 1 "$([ "$reads" -gt 0 ] && echo 1)"
check_eq "integrity_check" ok "$(sqlite3 "$HEARTH_DB" 'PRAGMA integrity_check')"
check_status "hearth check" 0 h check
