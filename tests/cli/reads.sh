#!/bin/sh
# Reads never write (issue 9): once the months asked for are indexed,
# agenda, show, export, log, zone, check and every refused input leave the
# database byte for byte as it was - no write lock, no commit, no schema
# step, no application_id rewritten - so that other organisers' screens do
# not reload for nothing and a file one may only read can be read.
. "$(dirname "$0")/../lib.sh"
setup
export TZ=UTC HEARTH_NOW=1796256000
h init --demo >/dev/null
uid=$(h agenda --from 2026-12-01 --to 2026-12-31 --format tsv | head -n 1 | cut -f3)
# The index of the months read below, filled once.
h agenda --from 2026-11-01 --to 2027-03-01 >/dev/null
h export >/dev/null
cp "$HEARTH_DB" "$T/before.db"
same() {
	check_eq "$1: the file is byte for byte as it was" "" \
		"$(cmp "$HEARTH_DB" "$T/before.db" 2>&1)"
}

check_status "agenda" 0 h agenda --from 2026-11-01 --to 2027-03-01
same "agenda"
check_status "agenda as tsv and json" 0 sh -c \
	"'$HEARTH' agenda --from 2026-12-01 --to 2026-12-31 --format tsv &&
	 '$HEARTH' agenda --from 2026-12-01 --to 2026-12-31 --format json"
same "agenda tsv/json"
check_status "show" 0 h show "$uid"
same "show"
check_status "show --format json" 0 h show "$uid" --format json
same "show json"
check_status "export" 0 h export -o "$T/all.ics"
same "export"
check_status "log" 0 h log
same "log"
check_status "zone" 0 h zone
same "zone"
check_status "check" 0 h check
same "check"
check_status "an add with the end before the start is refused" 1 \
	h add --kind reading --title 倒着 --start "2027-01-09 10:00" \
	--end "2027-01-09 09:00"
same "a refused add"
check_status "an edit of an event that does not exist is refused" 1 \
	h edit no-such-event --title x
same "a refused edit"
check_status "an edit at a stale revision is refused" 1 \
	h edit "$uid" --title x --if-revision 99
same "a refused conditional edit"
check_status "an unknown option is refused" 1 h agenda --no-such-option
same "a refused option"
echo "1..$tap_n"
