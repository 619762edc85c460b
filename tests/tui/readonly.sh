#!/bin/sh
# The full-screen interface on a database its user may only read (issue
# 9): a second Unix user, made here, opens it; the header says "read-only",
# the calendar shows, every key that would change something answers at once
# with one line saying why, and the file is left byte for byte as it was.
. "$(dirname "$0")/../lib.sh"
setup
. "$(dirname "$0")/tmux.lib"
if [ "$(id -u)" != 0 ] || ! command -v useradd >/dev/null; then
	ok "# SKIP needs root and useradd to make a user who may only read"
	exit 0
fi
reader="h$$r"
useradd -M -N -s /bin/sh "$reader" 2>"$T/err" ||
	{ ok "# SKIP cannot create a user here: $(cat "$T/err")"; exit 0; }
trap 'tmx kill-server 2>/dev/null; userdel "$reader" 2>/dev/null; rm -rf "$T"' EXIT
export TZ=Asia/Shanghai HEARTH_NOW=1798416000 # Mon 28 Dec 2026, 08:00 here
h init --tz Asia/Shanghai >/dev/null
h add --kind clinic --title 义诊 --start "2026-12-28 09:00" --duration 2h \
	--no-segments >/dev/null
chmod 0755 "$T"
chmod 0644 "$HEARTH_DB"
sum=$(md5sum <"$HEARTH_DB")

tui_start 100 30 runuser -u "$reader" --
expect_screen "the reader sees the calendar" "义诊"
check_contains "the header says read-only" "read-only" "$(screen | head -n 1)"
keys a
expect_screen "adding answers at once why not" \
	"permission denied: you may only read $HEARTH_DB"
keys e
expect_screen "so does editing" "permission denied"
check_lacks "no form was opened" "Title" "$(screen)"
keys u
expect_screen "and undo" "permission denied"
keys q
sleep 0.5
check_eq "the file is as it was, byte for byte" "$sum" "$(md5sum <"$HEARTH_DB")"
