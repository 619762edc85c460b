#!/bin/sh
# Damage is noticed (issue 10): a page of random bytes written into the
# middle of copies of a demo database. On every copy that SQLite's own
# integrity check calls malformed: agenda gives its whole answer or says
# "the database ... is damaged: run hearth check" with exit 2 (never a
# shorter answer); add refuses with that message and exit 2 and leaves the
# file as it was, byte for byte; hearth check names SQLite's findings and
# exits 1.
. "$(dirname "$0")/../lib.sh"
setup
export TZ=UTC HEARTH_NOW=1796256000
h init --demo >/dev/null
h agenda --from 2026-11-01 --to 2027-03-01 >"$T/pristine.txt" # fills the index
check_status "hearth check on the sound file" 0 h check
check_contains "says it found nothing wrong" "no problems found" "$OUT"
pages=$(($(stat -c %s "$HEARTH_DB") / 4096))

malformed=0 agenda_whole=0 agenda_refused=0
for seed in 1 2 3 4 5 6 7 8 9 10 11 12; do
	db="$T/copy$seed.db"
	cp "$HEARTH_DB" "$db"
	# A whole page, between a quarter and three quarters into the file.
	page=$((pages / 4 + (seed * 7) % (pages / 2)))
	/usr/bin/python3 -c "import random,sys; r=random.Random($seed); \
sys.stdout.buffer.write(bytes(r.randrange(256) for _ in range(4096)))" |
		dd of="$db" bs=4096 seek="$page" conv=notrunc 2>/dev/null
	sound=$(sqlite3 "$db" "PRAGMA integrity_check" 2>&1 | head -n 1)
	[ "$sound" = ok ] && continue
	malformed=$((malformed + 1))
	out=$(h --db "$db" agenda --from 2026-11-01 --to 2027-03-01 2>"$T/err")
	status=$?
	err=$(cat "$T/err")
	if [ "$status" = 0 ] && [ "$out" = "$(cat "$T/pristine.txt")" ]; then
		agenda_whole=$((agenda_whole + 1))
		ok "copy $seed (page $page): agenda gives its whole answer"
	elif [ "$status" = 2 ] && case "$err" in
		*"database $db is damaged"*"run hearth check"*) true ;;
		*) false ;; esac; then
		agenda_refused=$((agenda_refused + 1))
		ok "copy $seed (page $page): agenda says the file is damaged"
	else
		not_ok "copy $seed (page $page): agenda" "status $status" "$err" \
			"$(echo "$out" | wc -l) lines of $(wc -l <"$T/pristine.txt")"
	fi
	cp "$db" "$T/before.db"
	check_status "copy $seed: add refuses" 2 h --db "$db" add --kind reading \
		--title 写入 --start "2027-01-09 09:00"
	check_contains "copy $seed: and says why" "is damaged: run hearth check" "$OUT"
	check_eq "copy $seed: nothing written" "" "$(cmp "$db" "$T/before.db" 2>&1)"
	check_status "copy $seed: hearth check finds it" 1 h --db "$db" check
	check_contains "copy $seed: naming SQLite's findings" "problem: SQLite" "$OUT"
done
echo "# $malformed of 12 copies malformed: agenda whole on $agenda_whole," \
	"refused on $agenda_refused"
[ "$malformed" -ge 6 ] && ok "most copies are malformed ($malformed)" ||
	not_ok "most copies are malformed" "only $malformed"
