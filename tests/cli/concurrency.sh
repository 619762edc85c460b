#!/bin/sh
# Several hearth processes on one file at once: 8 writers each make 25
# read-modify-write changes to the same series (a segment added each time)
# while readers query; no update may be lost and no command may fail.
. "$(dirname "$0")/../lib.sh"
setup
export HEARTH_NOW=1798416000
printf '[general]\ntimezone = Asia/Shanghai\n' >"$XDG_CONFIG_HOME/hearth/config"

U=$(h add --kind warm-station --title 暖冬驿站 --start 2027-01-01 --all-day \
	--rrule "FREQ=WEEKLY;BYDAY=FR,SA,SU" --no-segments)

writer() {
	n=0
	while [ "$n" -lt 25 ]; do
		n=$((n + 1))
		h segment add "$U" --title "w$1-$n" >/dev/null 2>>"$T/err.$1" ||
			echo "w$1-$n" >>"$T/failed"
	done
}

reader() {
	n=0
	while [ "$n" -lt 25 ]; do
		n=$((n + 1))
		h agenda --from 2027-01-01 --to 2027-03-31 --format tsv >/dev/null \
			2>>"$T/err.r$1" || echo "r$1-$n" >>"$T/failed"
	done
}

for w in 1 2 3 4 5 6 7 8; do
	writer "$w" &
done
reader 1 &
reader 2 &
wait

check_eq "no command failed" "" "$(cat "$T/failed" 2>/dev/null)"
check_eq "no error was printed" "" "$(cat "$T"/err.* 2>/dev/null)"
check_eq "exactly 200 segments" 200 "$(h segment ls "$U" --format tsv | wc -l)"
check_eq "each change once" 200 \
	"$(h segment ls "$U" --format tsv | cut -f4 | sort -u | wc -l)"
check_eq "each writer's changes in its own order" "1 2 3 4 5 6 7 8 9 10" \
	"$(h segment ls "$U" --format tsv | cut -f4 | grep '^w3-' | cut -d- -f2 |
		head -n 10 | tr '\n' ' ' | sed 's/ $//')"
check_eq "the revision counted every change" 201 \
	"$(sqlite3 "$HEARTH_DB" "SELECT revision FROM series")"
check_eq "the database is sound" ok "$(sqlite3 "$HEARTH_DB" 'PRAGMA integrity_check')"
