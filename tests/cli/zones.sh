#!/bin/sh
# The calendar's own zone, on a server whose zone is UTC (issue 9): init
# --tz and hearth zone keep it in the database; new events take it; times
# are shown in the configured timezone when set, else in the calendar's,
# never in the server's; agenda names the zone when it is not the
# calendar's and adds an event's own time when its zone differs; all-day
# events are listed on their own date whatever the zone shown.
. "$(dirname "$0")/../lib.sh"
setup
export TZ=UTC HEARTH_NOW=1796256000 # 2026-12-03 00:00 UTC, 08:00 in Shanghai
conf=$XDG_CONFIG_HOME/hearth/config

check_status "init --tz" 0 h init --tz Asia/Shanghai
check_contains "says the calendar's zone and how to change it" \
	"The calendar's time zone is Asia/Shanghai" "$OUT"
check_contains "and how to change it" "hearth zone ZONE" "$OUT"
check_eq "hearth zone shows it" "Asia/Shanghai" \
	"$(h zone | sed -n 's/^The calendar.s time zone is \([^:]*\):.*/\1/p')"
U=$(h add --kind reading --title 测试 --start "2027-01-09 09:00")
ics=$(h export --from 2027-01-01 --to 2027-02-01 -o -)
check_contains "a new event takes the calendar's zone, not the server's" \
	"DTSTART;TZID=Asia/Shanghai:20270109T090000" "$ics"
check_lacks "no UTC time in the export" "DTSTART:20270109T090000Z" "$ics"
check_contains "agenda shows it at 09:00, not 01:00" "09:00–11:00" \
	"$(h agenda --from 2027-01-09 --to 2027-01-09)"
check_lacks "and names no zone (it is the calendar's)" "Times in" \
	"$(h agenda --from 2027-01-09 --to 2027-01-09)"

# An all-day event of 5 December in Shanghai: that date, whatever is shown.
A=$(h add --kind station --title 全天驿站 --start 2026-12-05 --all-day)
check_eq "all-day: listed on its date" "Sat 5 Dec 2026" \
	"$(h agenda --from 2026-12-05 --to 2026-12-05 | head -n 1)"
check_eq "not on the day before" "No events from 2026-12-04 to 2026-12-04." \
	"$(h agenda --from 2026-12-04 --to 2026-12-04)"
check_eq "tsv gives its own dates" "2026-12-05	2026-12-06" \
	"$(h agenda --from 2026-12-05 --to 2026-12-05 --format tsv | cut -f1,2)"

# A user who configured Berlin sees Berlin times, and is told so.
printf '[general]\ntimezone = Europe/Berlin\n' >"$conf"
out=$(h agenda --from 2027-01-09 --to 2027-01-09)
check_eq "the first line names the zone shown" \
	"Times in Europe/Berlin (the calendar's zone is Asia/Shanghai)." \
	"$(echo "$out" | head -n 1)"
check_contains "an event of another zone adds its own time" \
	"02:00–04:00 (Asia/Shanghai 09:00)" "$out"
out=$(h agenda --from 2026-12-05 --to 2026-12-05)
check_contains "the all-day event is still on 5 December in Berlin" \
	"Sat 5 Dec 2026" "$out"
check_eq "and not on the 4th" "0" \
	"$(h agenda --from 2026-12-04 --to 2026-12-04 | grep -c 全天驿站)"
check_eq "nor on the 6th" "0" \
	"$(h agenda --from 2026-12-06 --to 2026-12-06 | grep -c 全天驿站)"
check_contains "zone says where times are shown" \
	"Times are shown in Europe/Berlin, the configured timezone" "$(h zone)"
rm "$conf"

# Changing the calendar's zone moves no event.
check_status "zone Europe/Berlin" 0 h zone Europe/Berlin
check_contains "says the new zone" "is Europe/Berlin" "$OUT"
check_contains "the old event keeps its zone" \
	"DTSTART;TZID=Asia/Shanghai:20270109T090000" \
	"$(h export --from 2027-01-01 --to 2027-02-01 -o -)"
B=$(h add --kind reading --title 柏林 --start "2027-01-10 09:00")
check_contains "a new one takes the new zone" \
	"DTSTART;TZID=Europe/Berlin:20270110T090000" \
	"$(h export --from 2027-01-01 --to 2027-02-01 -o -)"
check_contains "the Shanghai event is shown with its own time too" \
	"02:00–04:00 (Asia/Shanghai 09:00)" \
	"$(h agenda --from 2027-01-09 --to 2027-01-09)"
check_eq "the change of zone is logged" "1" \
	"$(sqlite3 "$HEARTH_DB" "SELECT count(*) FROM audit a JOIN audit_field f
	 ON f.audit_id = a.id WHERE a.ref = 'zone' AND f.field = 'zone'
	 AND f.before = 'Asia/Shanghai' AND f.after = 'Europe/Berlin'")"
check_status "an unknown zone is refused" 1 h zone Mars/Olympus
check_status "init with another zone is refused" 1 h init --tz UTC
check_contains "pointing to hearth zone" "hearth zone UTC" "$OUT"
check_status "init with the same zone is fine" 0 h init --tz Europe/Berlin

# A new calendar takes $TZ; the demo takes Shanghai, where its events are.
check_status "init without --tz" 0 h --db "$T/utc.db" init
check_contains "takes \$TZ's zone" "time zone is UTC" "$OUT"
check_status "init --demo" 0 h --db "$T/demo.db" init --demo
check_contains "is in Shanghai" "time zone is Asia/Shanghai" "$OUT"
check_eq "the reading session shows at 09:00, not 01:00" "09:00" \
	"$(h --db "$T/demo.db" agenda --from 2026-12-05 --to 2026-12-05 |
	grep 'Reading session' | cut -c3-7)"
