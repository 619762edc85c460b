#!/bin/sh
# One calendar for several Unix users (issue 9): make install-shared with a
# group of organisers and a group of viewers, then real users created here
# (useradd) use it. Organisers change it - whatever their umask, what hearth
# creates stays the group's and group-writable - and the log names each of
# them; a viewer reads and is refused changes; a user in neither group is
# told "permission denied", with the file and the group to ask for. The
# installed default database is the one hearth opens without --db.
. "$(dirname "$0")/../lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
setup
if [ "$(id -u)" != 0 ] || ! command -v useradd >/dev/null ||
	! command -v setfacl >/dev/null; then
	ok "# SKIP needs root, useradd and setfacl to create users and groups"
	exit 0
fi
p="h$$"
G=${p}org V=${p}view
users="${p}o1 ${p}o2 ${p}v1 ${p}x1"
cleanup() {
	for u in $users; do userdel "$u" 2>/dev/null; done
	for g in $G $V; do groupdel "$g" 2>/dev/null; done
	rm -rf "$T"
}
trap cleanup EXIT
if ! groupadd "$G" 2>"$T/err" || ! groupadd "$V" 2>>"$T/err"; then
	ok "# SKIP cannot create groups here: $(cat "$T/err")"
	exit 0
fi
useradd -M -N -g "$G" -s /bin/sh "${p}o1" &&
	useradd -M -N -g users -G "$G" -s /bin/sh "${p}o2" &&
	useradd -M -N -g "$V" -s /bin/sh "${p}v1" &&
	useradd -M -N -g users -s /bin/sh "${p}x1" ||
	{ not_ok "useradd made the test's users"; exit 1; }
chmod 0755 "$T"
unset HEARTH_DB
export TZ=UTC

# as USER [UMASK] -- hearth ARGS...: runs hearth as USER, the installed
# default database found through $T/etc.
as() {
	who=$1 mask=$2
	shift 3
	runuser -u "$who" -- sh -c 'umask "$1"; shift; exec "$@"' sh "$mask" \
		env HOME="$T/home" XDG_CONFIG_HOME="$T/noconfig" \
		XDG_DATA_HOME="$T/nodata" HEARTH_SYSCONFDIR="$T/etc" "$HEARTH" "$@"
}

D="$T/shared" DB="$T/shared/hearth.db"
check_status "make install-shared GROUP=... VIEWERS=... DIR=..." 0 \
	make -s -C "$top" install-shared GROUP="$G" VIEWERS="$V" DIR="$D" \
	SYSCONFDIR="$T/etc" ZONE=Asia/Shanghai
check_eq "the directory is the organisers', setgid, 2770" "2770 $G" \
	"$(stat -c '%a %G' "$D")"
check_eq "the database is the organisers', 0660" "660 $G" \
	"$(stat -c '%a %G' "$DB")"
acl=$(getfacl -p "$D" 2>/dev/null)
check_contains "the viewers may enter and list the directory" \
	"group:$V:r-x" "$acl"
acl=$(getfacl -p "$DB" 2>/dev/null)
check_contains "and read the database" "group:$V:r--" "$acl"
check_lacks "never write it" "group:$V:rw" "$acl"
check_eq "the installed default database" "$DB" "$(cat "$T/etc/hearth/database")"
check_status "install-shared again keeps the database" 0 \
	make -s -C "$top" install-shared GROUP="$G" VIEWERS="$V" DIR="$D" \
	SYSCONFDIR="$T/etc"
check_status "install-shared without a group is refused" 2 \
	make -s -C "$top" install-shared DIR="$T/other" SYSCONFDIR="$T/etc"
check_contains "saying what to give" "GROUP=" "$OUT"
check_status "install-shared with a group that does not exist is refused" 2 \
	make -s -C "$top" install-shared GROUP="${p}none" DIR="$T/other" \
	SYSCONFDIR="$T/etc"
check_contains "naming it" "no group '${p}none'" "$OUT"

check_status "an organiser adds an event, without --db" 0 \
	as "${p}o1" 022 -- add --kind clinic --title 义诊 \
	--start "2027-01-09 09:00" --no-segments
uid=$OUT
check_eq "into the shared database" 1 \
	"$(sqlite3 "$DB" "SELECT count(*) FROM series WHERE uid = '$uid'")"
check_status "another organiser, umask 077, changes it" 0 \
	as "${p}o2" 077 -- edit "$uid" --title 义诊（改）
check_eq "the database stays the group's, 0660" "660 $G" \
	"$(stat -c '%a %G' "$DB")"
check_eq "no journal is left" "" "$(ls "$D" | grep -v '^hearth.db$')"
check_status "the first organiser changes it again" 0 \
	as "${p}o1" 022 -- edit "$uid" --capacity 30
log=$(h --db "$DB" log --format tsv)
check_contains "the log names the first organiser" "${p}o1" "$log"
check_contains "and the second" "${p}o2" "$log"

sum=$(md5sum <"$DB")
check_status "a viewer reads the calendar" 0 \
	as "${p}v1" 022 -- agenda --from 2027-01-09 --to 2027-01-09
check_contains "and sees the event" "义诊（改）" "$OUT"
check_status "a viewer's change is refused" 1 \
	as "${p}v1" 022 -- edit "$uid" --title 观众改的
check_contains "with permission denied, naming the file" \
	"permission denied: you may only read $DB" "$OUT"
check_contains "saying whom to ask" "ask an administrator to add you" "$OUT"
check_contains "and the group to ask" "$G" "$OUT"
check_status "a viewer shows the event" 0 as "${p}v1" 022 -- show "$uid"
check_status "and exports the calendar" 0 \
	as "${p}v1" 022 -- export --from 2027-01-01 --to 2027-01-31 -o -
check_contains "(which holds the event)" "SUMMARY:义诊（改）" "$OUT"
check_eq "the database is as it was" "$sum" "$(md5sum <"$DB")"

check_status "a user in neither group is refused" 1 \
	as "${p}x1" 022 -- agenda --from 2027-01-09 --to 2027-01-09
check_contains "with permission denied, naming the directory" \
	"permission denied: you may not enter the directory $D" "$OUT"
check_contains "and the group to ask" "$G" "$OUT"

# A new database made by an organiser with umask 077 is the group's too.
rm -f "$DB"
check_status "an organiser with umask 077 makes a new database" 0 \
	as "${p}o1" 077 -- init --tz Asia/Shanghai
check_eq "it is the group's and group-writable" "660 $G" \
	"$(stat -c '%a %G' "$DB")"
check_status "so the other organiser can change it" 0 \
	as "${p}o2" 077 -- add --kind clinic --title 第二个 \
	--start "2027-01-10 09:00" --no-segments
echo "1..$tap_n"
