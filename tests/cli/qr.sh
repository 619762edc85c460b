#!/bin/sh
# qr.sh - hearth qr: every QR code it makes, as a PNG and as the
# half-blocks it draws on a terminal (turned into an image), decodes with
# zbarimg (zbar-tools) to exactly what was meant, Chinese included; the
# UTF-8 ECI header is what keeps a reader from guessing the encoding, and
# the config can drop it.
. "$(dirname "$0")/../lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
setup
cd "$T" || exit 2
export TZ=Asia/Shanghai HEARTH_NOW=1798416000 LC_ALL=C.UTF-8
cat >"$XDG_CONFIG_HOME/hearth/config" <<'EOF'
[general]
timezone = Asia/Shanghai
publish_url = https://example.org/calendar/
EOF

decode() {
	zbarimg -q --raw "$1" 2>/dev/null | tr -d '\r'
}

h init >/dev/null
h venue add "兴隆台万达广场" --address "盘锦市兴隆台区" >/dev/null
id=$(h add --kind warm-station --title "暖冬驿站" --start "2027-01-15 10:00" \
	--end 18:00 --rrule "FREQ=WEEKLY;BYDAY=FR,SA,SU;UNTIL=20270131" \
	--venue "兴隆台万达广场" --description "热水, 充电" --no-segments)
h override "$id" --at 2027-01-16 --cancel --note "商场检修" >/dev/null
h override "$id" --at 2027-01-17 --start 11:00 --end 19:00 >/dev/null

check_status "qr of the next occurrence as PNG" 0 h qr "$id" -o next.png
check_eq "it is the next occurrence as a calendar entry" \
"BEGIN:VEVENT
SUMMARY:暖冬驿站
DTSTART:20270115T020000Z
DTEND:20270115T100000Z
LOCATION:兴隆台万达广场\\, 盘锦市兴隆台区
DESCRIPTION:热水\\, 充电
END:VEVENT" "$(decode next.png)"

h qr "$id" --at 2027-01-16 -o sat.png
check_eq "a cancelled one: marker and reason" \
"BEGIN:VEVENT
SUMMARY:[Cancelled] 暖冬驿站
DTSTART:20270116T020000Z
DTEND:20270116T100000Z
LOCATION:兴隆台万达广场\\, 盘锦市兴隆台区
DESCRIPTION:商场检修\\n\\n热水\\, 充电
END:VEVENT" "$(decode sat.png)"

h qr "$id" --at 2027-01-17 -o sun.png
check_contains "a moved one: its new times and what changed" \
"DTSTART:20270117T030000Z
DTEND:20270117T110000Z" "$(decode sun.png)"
check_contains "... said in the description" \
	"DESCRIPTION:Time changed: originally 10:00" "$(decode sun.png)"
check_lacks "no repeat rule in it" "RRULE" "$(decode sun.png)"

# The same code drawn on a terminal, turned into an image.
h qr "$id" --at 2027-01-16 >drawn.txt
/usr/bin/python3 "$top/tests/tui/qr_capture.py" drawn.pgm <drawn.txt
check_eq "drawn with half-blocks it reads the same" "$(decode sat.png)" \
	"$(decode drawn.pgm)"
check_lacks "not a terminal: no colour codes" "$(printf '\033')" "$(cat drawn.txt)"

# Feeds.
venue=$(h publish --list | awk '/兴隆台万达广场/ { print $1 }')
h qr "$id" --feed venue -o venue.png
check_eq "--feed venue: the address of the event's venue's feed" \
	"https://example.org/calendar/$venue.ics" "$(decode venue.png)"
h qr "$id" --feed kind --webcal -o kind.png
check_eq "--feed kind --webcal" \
	"webcal://example.org/calendar/kind-warm-station.ics" "$(decode kind.png)"
h qr --feed all -o all.png
check_eq "--feed all without an event" \
	"https://example.org/calendar/all.ics" "$(decode all.png)"
check_status "an unknown feed is refused" 1 h qr --feed nosuch -o x.png
check_contains "naming it" "nosuch" "$OUT"
printf '[general]\ntimezone = Asia/Shanghai\n' >plain.conf
check_status "a feed needs publish_url or --base-url" 1 \
	h --config plain.conf qr --feed all -o x.png
check_status "--base-url gives it" 0 \
	h --config plain.conf qr --feed all --base-url https://x.example/c -o b.png
check_eq "with the URL given" "https://x.example/c/all.ics" "$(decode b.png)"

# The UTF-8 ECI header: with it zbarimg reads accented Latin as written;
# without it (qr_eci = no) it guesses, and here guesses wrong.
latin=$(h add --kind fair --title "Fête Ünïcode" --start "2027-01-20 10:00" \
	--no-segments)
h qr "$latin" -o eci.png
check_contains "with the ECI header the text is read as UTF-8" \
	"SUMMARY:Fête Ünïcode" "$(decode eci.png)"
printf '[general]\ntimezone = Asia/Shanghai\nqr_eci = no\n' >noeci.conf
h --config noeci.conf qr "$latin" -o noeci.png
check_lacks "qr_eci = no leaves it out (the reader guesses wrong)" \
	"SUMMARY:Fête Ünïcode" "$(decode noeci.png)"
check_status "qr_eci takes yes or no only" 1 \
	sh -c "printf '[general]\nqr_eci = maybe\n' >bad.conf; \"$HEARTH\" --config bad.conf qr --feed all"
check_contains "saying where" "bad.conf:2" "$OUT"

check_status "--at a time it does not occur" 1 h qr "$id" --at "2027-01-18 10:00" -o x.png
check_status "no event and no feed" 1 h qr
check_status "--at and --feed together" 1 h qr "$id" --at 2027-01-16 --feed all
