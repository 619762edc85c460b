#!/bin/sh
# Damage is noticed (issue 10): a write that does not fit is said, with the
# file's name, and leaves nothing behind. Under a file size limit (ulimit
# -f) export -o and a change to the database end with a message naming the
# file and exit 2 - not SIGXFSZ's silent status 153 - and no temporary
# file is left. On a small tmpfs that fills up, an import, an add and an
# export -o say the disk is full and name the file, leave the database
# byte for byte as it was (no hot journal, no grown file) and no temporary
# file; once there is room again everything works.
. "$(dirname "$0")/../lib.sh"
setup
export TZ=UTC HEARTH_NOW=1796256000
/usr/bin/python3 "$(dirname "$0")/../ical/gen_calendar.py" 2000 7 >"$T/gen.ics"

# --- a file size limit (8 KiB: smaller than either file) ---
h init --demo >/dev/null
mkdir "$T/out"
( ulimit -f 8; exec "$HEARTH" export -o "$T/out/demo.ics" ) 2>"$T/err"
check_eq "export -o past ulimit -f: exit 2, not killed by SIGXFSZ" 2 $?
check_contains "naming the file and why" \
	"cannot write $T/out/demo.ics: File too large" "$(cat "$T/err")"
check_eq "no file and no temporary file left" "" "$(ls -A "$T/out")"
( ulimit -f 8; exec "$HEARTH" export >"$T/out/stdout.ics" ) 2>"$T/err"
check_eq "export to a limited standard output: exit 2" 2 $?
check_contains "says it could not write" "File too large" "$(cat "$T/err")"
rm -f "$T/out/stdout.ics"
sum=$(md5sum <"$HEARTH_DB")
( ulimit -f 8; exec "$HEARTH" add --kind reading --title 限额 \
	--start "2027-01-09 09:00" ) 2>"$T/err"
check_eq "a change to a database past the limit: exit 2" 2 $?
check_contains "names the database and the limit" \
	"database $HEARTH_DB: the file would grow beyond the size this process may write" \
	"$(cat "$T/err")"
check_eq "the database is as it was" "$sum" "$(md5sum <"$HEARTH_DB")"

# --- a full disk ---
if [ "$(id -u)" != 0 ]; then
	ok "# SKIP a full disk needs a tmpfs, which only root can mount"
	exit 0
fi
M="$T/small"
mkdir "$M"
if ! mount -t tmpfs -o size=4m,mode=0755 tmpfs "$M" 2>"$T/err"; then
	ok "# SKIP cannot mount a tmpfs here: $(cat "$T/err")"
	exit 0
fi
trap 'umount "$M" 2>/dev/null; rm -rf "$T"' EXIT
export HEARTH_DB="$M/hearth.db"
h init --demo >/dev/null
h agenda --from 2026-11-01 --to 2027-03-01 >"$T/before.txt"
sum=$(md5sum <"$HEARTH_DB")
size=$(stat -c %s "$HEARTH_DB")

# The disk filled to a few sizes of room left: the journal or the file
# itself cannot grow.
for room in 16 200 600 1000; do
	rm -f "$M/filler"
	free=$(df -k --output=avail "$M" | tail -n 1 | tr -d ' ')
	if [ "$free" -gt "$room" ]; then
		dd if=/dev/zero of="$M/filler" bs=1k count=$((free - room)) \
			2>/dev/null
	fi
	check_status "import with ${room} KiB left: exit 2" 2 \
		h import "$T/gen.ics"
	check_contains "says the disk is full, naming the database" \
		"database $HEARTH_DB: the disk is full" "$OUT"
	check_eq "no journal left behind ($room KiB)" "" \
		"$(ls "$M" | grep -v '^filler$' | grep -v '^hearth.db$')"
	check_eq "the file is as it was, byte for byte ($room KiB)" \
		"$sum $size" "$(md5sum <"$HEARTH_DB") $(stat -c %s "$HEARTH_DB")"
done
# Full to the last block.
dd if=/dev/zero of="$M/more" bs=1k 2>/dev/null
check_status "add on the full disk: exit 2" 2 \
	h add --kind reading --title 满 --start "2027-01-09 09:00"
check_contains "says the disk is full" "the disk is full" "$OUT"
check_status "export -o onto the full disk: exit 2" 2 \
	h export -o "$M/all.ics"
check_contains "names the file it could not write" \
	"cannot write $M/all.ics: No space left on device" "$OUT"
check_eq "and leaves no temporary file" "" \
	"$(ls -A "$M" | grep -v '^filler$' | grep -v '^more$' |
		grep -v '^hearth.db$')"
check_status "reading still works on the full disk" 0 \
	h agenda --from 2026-11-01 --to 2027-03-01
check_eq "and gives the whole answer" "$(cat "$T/before.txt")" "$OUT"
check_status "hearth check finds nothing wrong" 0 h check

rm -f "$M/filler" "$M/more"
check_status "with room again the import works" 0 h import "$T/gen.ics"
check_eq "every series is there" 2009 \
	"$(sqlite3 "$HEARTH_DB" 'SELECT count(*) FROM series')"
check_eq "the database is sound" ok \
	"$(sqlite3 "$HEARTH_DB" 'PRAGMA integrity_check')"
echo "1..$tap_n"
