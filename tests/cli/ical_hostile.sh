#!/bin/sh
# ical_hostile.sh - nothing hostile is passed on, nothing is lost (issue 10).
#
# Texts with every kind of trouble (terminal escapes, OSC 52, C1 controls,
# bidi overrides, CR, CRLF, zero-width and separator characters, emoji
# sequences, the field separators of iCalendar and of hearth's own
# X-HEARTH-* fields, spaces at both ends, texts at hearth's limits) go in
# through 'hearth add' and 'hearth override'. The export must carry no C0
# or C1 control (but the CRLF of its lines), no bidi control, and no line
# longer than an import reads; importing it into an empty database must
# give back every text byte for byte. Texts over a limit are refused at
# entry, naming the limit. 'hearth export' writes iCalendar to a terminal
# only when asked with -o -.
. "$(dirname "$0")/../lib.sh"
setup
cd "$T" || exit 2
export TZ=Asia/Shanghai HEARTH_NOW=1798416000 # 2026-12-28 08:00 here
printf '[general]\ntimezone = Asia/Shanghai\n' >"$XDG_CONFIG_HOME/hearth/config"

# The hostile texts, one a file (printf escapes; NUL cannot be an argument).
i=0
for s in '\033]0;owned\007title' '\033]52;c;aGVsbG8=\007clip' \
	 '\302\233\062Jcsi' 'red \033[31mtext\033[0m' \
	 'bidi \342\200\256evil\342\200\254 \342\201\246iso\342\201\251' \
	 'line\rbreak' 'crlf\r\nline' 'lf\nline' 'tab\there' \
	 'zw\342\200\213j\342\200\215n\357\273\277' 'sep\342\200\250par\342\200\251' \
	 'family \360\237\221\250\342\200\215\360\237\221\251\342\200\215\360\237\221\247' \
	 'semi;colon,comma\\back%pct' '  spaces at both ends  ' \
	 'X-HEARTH-KIND:fake;%3B' '读书会（改期）' 'del\177ete'; do
	i=$((i + 1))
	printf '%b' "$s" >"text$i"
done
n=$i

ok_all=yes
for i in $(seq 1 "$n"); do
	t=$(cat "text$i"; printf x)
	t=${t%x}
	if ! h add --kind volunteer --title "$t" --description "$t" \
		--contact "$t" --start "2027-01-0$((i % 9 + 1)) 10:00" \
		--rrule 'FREQ=WEEKLY;COUNT=3' --no-segments >uid$i 2>err$i; then
		ok_all="no: text$i: $(cat err$i)"
	fi
done
check_eq "every hostile text is taken" yes "$ok_all"
# An occurrence's own texts too.
t=$(cat text1; printf x); t=${t%x}
d=$(cat text7; printf x); d=${d%x}
h override "$(cat uid2)" --at "2027-01-10 10:00" --title "$t" \
	--description "$d" --note "$(cat text5)" >/dev/null
check_eq "an occurrence takes its own hostile texts" 0 "$?"

# Texts at the limits: taken; a byte over: refused, the limit named.
title=$(head -c 1024 /dev/zero | tr '\0' 'a')
desc=$(head -c 65536 /dev/zero | tr '\0' '\033')
check_status "a title of 1024 bytes is taken" 0 \
	h add --kind volunteer --title "$title" --description "$desc" \
	--start "2027-01-20 10:00" --no-segments
check_status "a title of 1025 bytes is refused" 1 \
	h add --kind volunteer --title "${title}b" --start "2027-01-20 10:00"
check_contains "... naming the limit" "title is 1025 bytes long; hearth keeps at most 1024" "$OUT"
check_status "a description of 65537 bytes is refused" 1 \
	h add --kind volunteer --title t --description "${desc}x" \
	--start "2027-01-20 10:00" --no-segments
check_contains "... naming the limit" "hearth keeps at most 65536" "$OUT"

h export -o out.ics
check_eq "export: written" 0 "$?"
# What a file for phones must not hold, and lines an import reads.
/usr/bin/python3 - out.ics >bad.txt <<'PY'
import re, sys
data = open(sys.argv[1], "rb").read()
bad = []
for n, line in enumerate(data.split(b"\r\n"), 1):
    if len(line) > 75:
        bad.append("%d: longer than 75 octets" % n)
    if re.search(rb"[\x00-\x08\x0a-\x1f\x7f]", line):
        bad.append("%d: a C0 control or DEL: %r" % (n, line[:60]))
    if re.search(rb"\xc2[\x80-\x9f]", line):
        bad.append("%d: a C1 control" % n)
    if re.search(rb"\xe2\x80[\x8e\x8f\xaa-\xae]|\xe2\x81[\xa6-\xa9]|\xd8\x9c",
                 line):
        bad.append("%d: a bidi control" % n)
logical = data.replace(b"\r\n ", b"").split(b"\r\n")
if max(len(l) for l in logical) > 256 * 1024:
    bad.append("a logical line longer than 256 KiB")
print("\n".join(bad[:20]))
PY
check_eq "export: no control or bidi character, every line within bounds" \
	"" "$(cat bad.txt)"
check_contains "export: the terminal escape is gone from SUMMARY" \
	'SUMMARY:�]0\;owned�title' "$(tr -d '\r' <out.ics)"
check_contains "export: ... and kept exactly in X-HEARTH-TITLE" \
	"X-HEARTH-TITLE:%1B]0%3Bowned%07title" "$(tr -d '\r' <out.ics)"

# Round trip: every text back byte for byte (JSON shows each exactly).
h agenda --from 2027-01-01 --to 2027-01-31 --format json >before.json
HEARTH_DB=$T/back.db h import out.ics >/dev/null 2>import.err
check_eq "re-import: no problem" "" "$(grep -v ': note: ' import.err)"
HEARTH_DB=$T/back.db h agenda --from 2027-01-01 --to 2027-01-31 \
	--format json >after.json
check_eq "re-import: the same occurrences and texts" "$(cat before.json)" \
	"$(cat after.json)"
# Each text, as the JSON of its first occurrence (titles and descriptions,
# controls escaped, so that the comparison is exact), and every other field
# by the export of the imported calendar (below).
for i in $(seq 1 "$n"); do
	want=$(grep -F "\"uid\":\"$(cat uid$i)\"" before.json | head -n 1)
	got=$(grep -F "\"uid\":\"$(cat uid$i)\"" after.json | head -n 1)
	if [ -n "$want" ] && [ "$want" = "$got" ]; then
		ok "re-import: text$i comes back"
	else
		not_ok "re-import: text$i comes back" "$want" "$got"
	fi
done
HEARTH_DB=$T/back.db h export -o again.ics
check_eq "export, import, export: the same file" \
	"$(grep -v '^DTSTAMP' out.ics)" "$(grep -v '^DTSTAMP' again.ics)"

# To a terminal only when asked (an imported title could drive it).
script -qec "$HEARTH export" /dev/null </dev/null >tty.txt 2>&1
check_contains "export to a terminal: refused" \
	"not writing iCalendar to a terminal; give -o FILE, or -o - to write it here anyway" \
	"$(cat tty.txt)"
check_lacks "... nothing written" "BEGIN:VCALENDAR" "$(cat tty.txt)"
script -qec "$HEARTH export -o -" /dev/null </dev/null >tty.txt 2>&1
check_contains "export -o - to a terminal: written" "BEGIN:VCALENDAR" \
	"$(cat tty.txt)"
check_status "export to a pipe: written" 0 sh -c "'$HEARTH' export | grep -q BEGIN:VCALENDAR"
echo "1..$tap_n"
