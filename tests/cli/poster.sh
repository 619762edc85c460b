#!/bin/sh
# poster.sh - hearth poster: a PDF or PNG for the station wall that says
# what, when and where, in the interface language, with a QR code a phone
# reads. Read back with readers no one here wrote: pdftotext and pdftoppm
# (poppler-utils), zbarimg (zbar-tools).
. "$(dirname "$0")/../lib.sh"
setup
cd "$T" || exit 2
use_locales || { not_ok "zh_CN.UTF-8 and en_US.UTF-8 can be made"; exit 1; }
export TZ=Asia/Shanghai HEARTH_NOW=1798416000 LC_ALL=zh_CN.UTF-8 LANGUAGE=
base=https://example.org/calendar/
cat >"$XDG_CONFIG_HOME/hearth/config" <<EOF
[general]
timezone = Asia/Shanghai
publish_url = $base
EOF

# text FILE.pdf: its text without the line breaks pango chose.
text() {
	pdftotext -enc UTF-8 "$1" - 2>/dev/null | tr -d '\n '
}

h init >/dev/null
h venue add "兴隆台万达广场" --address "盘锦市兴隆台区" \
	--service "热水" --service "手机充电" >/dev/null
h org add "盘锦市总工会" >/dev/null
warm=$(h add --kind warm-station --title "暖冬驿站" --start "2027-01-01 10:00" \
	--end 18:00 --rrule "FREQ=WEEKLY;BYDAY=FR,SA,SU;UNTIL=20270131" \
	--venue "兴隆台万达广场" --host "盘锦市总工会" --partner "兴隆台区团委" \
	--description "为骑手和快递员提供热饮和休息。")
venue=$(h publish --list | awk '/兴隆台万达广场/ { print $1 }')

check_status "a poster as PDF" 0 h poster "$warm" -o warm.pdf
check_eq "it is a PDF" "%PDF" "$(head -c 4 warm.pdf)"
t=$(text warm.pdf)
check_contains "the title" "暖冬驿站" "$t"
check_contains "the pattern in words, with the times" "每周五、六、日10:00–18:00" "$t"
check_contains "the days it runs" "2027年1月1日至1月31日" "$t"
check_contains "the venue's address" "盘锦市兴隆台区" "$t"
check_contains "its services" "服务：热水、手机充电" "$t"
check_contains "the host" "主办：盘锦市总工会" "$t"
check_contains "the partners" "合作：兴隆台区团委" "$t"
check_contains "the agenda heading in Chinese" "活动安排" "$t"
check_contains "the kind's default segments" "手机充电" "$t"
check_contains "the caption of the QR code" "扫码订阅日历" "$t"
check_eq "A4" "595.28 x 841.89" \
	"$(pdfinfo warm.pdf | sed -n 's/^Page size: *\([0-9.]* x [0-9.]*\).*/\1/p')"

pdftoppm -r 150 -png -singlefile warm.pdf page
check_eq "the QR code of the PDF, rendered, reads as the venue's feed" \
	"${base}$venue.ics" "$(zbarimg -q --raw page.png 2>/dev/null)"

check_status "a poster as PNG, on A3" 0 h poster "$warm" -o warm.png --paper A3
check_eq "it is a PNG" "PNG" "$(head -c 4 warm.png | tail -c 3)"
check_eq "of A3's size at 150 dpi" "1754x2480" \
	"$(/usr/bin/python3 -c 'import struct,sys
d=open(sys.argv[1],"rb").read(24); print("%dx%d" % struct.unpack(">II", d[16:24]))' warm.png)"
check_eq "its QR code reads as the feed too" "${base}$venue.ics" \
	"$(zbarimg -q --raw warm.png 2>/dev/null)"

# A title of 60 Chinese characters is set smaller, and all of it fits.
long=$(printf '盘锦市新就业群体暖冬关爱行动%.0s' 1 2 3 4 5 | cut -c1-180)
check_eq "the long title has 60 characters" 60 \
	"$(printf '%s' "$long" | /usr/bin/python3 -c 'import sys; print(len(sys.stdin.read()))')"
one=$(h add --kind fair --title "$long" --start "2027-01-16 09:00" --end 12:00 \
	--venue "兴隆台万达广场")
check_status "a poster of a 60-character title" 0 h poster "$one" -o long.pdf
t=$(text long.pdf)
check_contains "all of the title is there" "$long" "$t"
check_lacks "nothing of it is cut off" "…" "$t"
check_contains "the day and times of a one-off event" "2027年1月16日周六09:00–12:00" "$t"
pdftoppm -r 150 -png -singlefile long.pdf long
check_eq "its QR code still reads" "${base}$venue.ics" \
	"$(zbarimg -q --raw long.png 2>/dev/null)"

# One occurrence, cancelled: the marker and the reason.
h override "$warm" --at 2027-01-16 --cancel --note "商场检修" >/dev/null
check_status "a poster of one occurrence" 0 h poster "$warm" --at 2027-01-16 -o sat.pdf
t=$(text sat.pdf)
check_contains "its day" "2027年1月16日周六10:00–18:00" "$t"
check_contains "cancelled, with the reason" "已取消：商场检修" "$t"
check_contains "and the marker" "【已取消】暖冬驿站" "$t"

# Without publish_url: a one-off event's QR code is the event itself.
printf '[general]\ntimezone = Asia/Shanghai\n' >plain.conf
check_status "unpublished, a one-off event" 0 h --config plain.conf poster "$one" -o one.png
qr=$(zbarimg -q --raw one.png 2>/dev/null | tr -d '\r')
check_contains "its QR code is the event for Android's scanners" \
	"BEGIN:VEVENT
SUMMARY:$long
DTSTART:20270116T010000Z
DTEND:20270116T040000Z
LOCATION:兴隆台万达广场\\, 盘锦市兴隆台区" "$qr"
check_status "unpublished, a series" 0 h --config plain.conf poster "$warm" -o s.pdf
check_contains "says it has no QR code" "publish_url" "$OUT"

# In English.
LC_ALL=en_US.UTF-8 h poster "$warm" -o en.pdf
t=$(text en.pdf)
check_contains "in English: the pattern" "EveryFri,SatandSun10:00–18:00" "$t"
check_contains "in English: the host" "Host:盘锦市总工会" "$t"

check_status "another paper is refused" 1 h poster "$warm" --paper A5 -o x.pdf
check_contains "naming it" "A5" "$OUT"
check_status "an unknown event" 1 h poster nosuch -o x.pdf
