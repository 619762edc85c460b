#!/bin/sh
# publish.sh - feeds served by a real web server stay current and cheap.
#
# hearth publish writes the demo calendar's feeds; nginx (Debian), started
# here on a free port of 127.0.0.1 with a config written here around the
# snippet hearth(1) shows, serves them; curl fetches every feed and checks
# its content type; an unchanged republish answers a conditional request
# with 304 Not Modified, a change through hearth republishes by itself the
# feeds it touches (and only those), and a failure to publish is reported
# without undoing the change. zbarimg reads every QR code of the page.
. "$(dirname "$0")/../lib.sh"
setup
export TZ=Asia/Shanghai HEARTH_NOW=1798416000 LC_ALL=C.UTF-8
top=$(cd "$(dirname "$0")/../.." && pwd)
www=$T/www

# free_port: a port of 127.0.0.1 nothing listens on (another test may take
# it before nginx does: then nginx fails to start and we try again).
free_port() {
	/usr/bin/python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# The location block of hearth(1), with its directory put in.
snippet=$(sed -n '/^location \/calendar\/ {$/,/^}$/p' "$top/man/hearth.1" |
	  sed "s|/srv/hearth/|$www/|")
case "$snippet" in
*text/calendar*) ok "hearth(1) shows an nginx snippet" ;;
*) not_ok "hearth(1) shows an nginx snippet" "$snippet" ;;
esac

start_nginx() {
	mkdir -p "$T/nginx/logs" "$T/nginx/tmp"
	for try in 1 2 3 4 5; do
		port=$(free_port)
		cat >"$T/nginx/nginx.conf" <<EOF
user $(id -un) $(id -gn);
worker_processes 1;
pid $T/nginx/nginx.pid;
error_log $T/nginx/logs/error.log;
events { worker_connections 64; }
http {
	include /etc/nginx/mime.types;
	access_log off;
	client_body_temp_path $T/nginx/tmp/body;
	proxy_temp_path $T/nginx/tmp/proxy;
	fastcgi_temp_path $T/nginx/tmp/fastcgi;
	uwsgi_temp_path $T/nginx/tmp/uwsgi;
	scgi_temp_path $T/nginx/tmp/scgi;
	server {
		listen 127.0.0.1:$port;
$snippet
	}
}
EOF
		nginx -p "$T/nginx" -c "$T/nginx/nginx.conf" \
			-g 'daemon off;' 2>>"$T/nginx/logs/start.log" &
		nginx_pid=$!
		i=0
		while [ $i -lt 50 ]; do
			curl -s -o /dev/null "http://127.0.0.1:$port/" && return 0
			kill -0 "$nginx_pid" 2>/dev/null || break
			sleep 0.1
			i=$((i + 1))
		done
		kill "$nginx_pid" 2>/dev/null
		wait "$nginx_pid" 2>/dev/null
	done
	return 1
}
trap 'kill "$nginx_pid" 2>/dev/null; wait "$nginx_pid" 2>/dev/null; rm -rf "$T"' EXIT

# fetch NAME [CURL ARGS]: status and content type of /calendar/NAME.
fetch() {
	name=$1
	shift
	curl -s -o "$T/body" -w '%{http_code} %{content_type}' "$@" \
		"http://127.0.0.1:$port/calendar/$name"
}

h init --demo >/dev/null
# Something about somebody, which must not reach a feed.
h org add "志愿者协会" --contact "13812345678" >/dev/null
snow=$(h add --kind volunteer --title "送温暖" --start "2027-01-05 09:00" \
	--host "志愿者协会" --contact "王师傅 13987654321")
printf '[general]\ntimezone = Asia/Shanghai\n' >"$XDG_CONFIG_HOME/hearth/config"
if ! start_nginx; then
	not_ok "nginx starts on 127.0.0.1" "$(cat "$T/nginx/logs/"*.log)"
	exit 1
fi
ok "nginx starts on 127.0.0.1:$port"
base="http://127.0.0.1:$port/calendar/"

check_status "publish writes the feeds" 0 h publish "$www" --base-url "$base"
check_contains "publish says what it wrote" "files written" "$OUT"
feeds=$(cd "$www" && ls ./*.ics | sed 's|^\./||')
nfeeds=$(echo "$feeds" | wc -l)
want=$(( 1 + $(h kinds --format tsv | wc -l) + $(h venues --format tsv | wc -l) \
	 + $(h orgs --format tsv | wc -l) ))
check_eq "one feed per kind, venue and organisation, and all" "$want" "$nfeeds"
check_eq "no temporary file is left" "" \
	"$(find "$www" -name '.*.??????' | head -n 3)"

bad=""
for f in $feeds; do
	got=$(fetch "$f")
	[ "$got" = "200 text/calendar; charset=utf-8" ] || bad="$bad $f:$got"
	cmp -s "$T/body" "$www/$f" || bad="$bad $f:content"
done
check_eq "nginx serves each of $nfeeds feeds as text/calendar; charset=utf-8" \
	"" "$bad"

got=$(fetch all.ics)
check_contains "the feed has its name" "X-WR-CALNAME:All events" "$(cat "$T/body")"
check_contains "and a refresh interval" "REFRESH-INTERVAL;VALUE=DURATION:P1D" \
	"$(cat "$T/body")"
check_eq "CRLF line ends" "$(grep -c '' "$T/body")" \
	"$(grep -c "$(printf '\r')\$" "$T/body")"
check_eq "no line longer than 75 octets" "" \
	"$(tr -d '\r' <"$T/body" | awk 'length($0) > 75' | head -n 2)"
check_contains "the feed has the event" "SUMMARY:送温暖" "$(cat "$T/body")"
all=$(cat "$www"/*.ics | tr -d '\r\n ')
check_lacks "no feed has a phone number of an organisation" "13812345678" "$all"
check_lacks "nor of a person" "13987654321" "$all"
check_lacks "no feed has CONTACT" "CONTACT:" "$all"
check_lacks "nor X-HEARTH-* properties" "X-HEARTH-" "$all"

got=$(fetch index.html)
check_eq "the page is text/html; charset=utf-8" "200 text/html; charset=utf-8" "$got"
page=$(cat "$T/body")
check_contains "the page has a webcal:// link" \
	"href=\"webcal://127.0.0.1:$port/calendar/all.ics\"" "$page"
check_contains "and an https:// (here http://) link" \
	"href=\"${base}all.ics\"" "$page"
check_contains "the page is in Chinese" "订阅活动日历" "$page"
check_contains "and in English" "Subscribe to our event calendars" "$page"
check_lacks "the page has no script" "<script" "$page"

# Every QR code decodes to the link beside it.
bad=""
for f in $feeds; do
	name=${f%.ics}
	for scheme in webcal https; do
		png="$name-$scheme.png"
		got=$(fetch "$png")
		[ "$got" = "200 image/png" ] || bad="$bad $png:$got"
		text=$(zbarimg -q --raw "$T/body" 2>/dev/null)
		case $scheme in
		webcal) url="webcal://127.0.0.1:$port/calendar/$f" ;;
		*) url="$base$f" ;;
		esac
		[ "$text" = "$url" ] || bad="$bad $png:'$text'"
	done
done
check_eq "zbarimg reads every QR code as its feed's link" "" "$bad"

# An unchanged republish leaves the files, and the server says 304.
etag=$(curl -s -D - -o /dev/null "${base}all.ics" | tr -d '\r' |
	sed -n 's/^[Ee][Tt]ag: //p')
lastmod=$(curl -s -D - -o /dev/null "${base}all.ics" | tr -d '\r' |
	sed -n 's/^[Ll]ast-[Mm]odified: //p')
sleep 1
check_status "republishing unchanged, an hour later" 0 \
	env HEARTH_NOW=$((HEARTH_NOW + 3600)) "$HEARTH" publish "$www" \
	--base-url "$base"
check_contains "writes nothing" " 0 files written" "$OUT"
check_eq "If-None-Match after an unchanged republish: 304" "304" \
	"$(fetch all.ics -H "If-None-Match: $etag" | cut -d' ' -f1)"
check_eq "If-Modified-Since after an unchanged republish: 304" "304" \
	"$(fetch all.ics -H "If-Modified-Since: $lastmod" | cut -d' ' -f1)"
etag_clinic=$(curl -s -D - -o /dev/null "${base}kind-clinic.ics" | tr -d '\r' |
	sed -n 's/^[Ee][Tt]ag: //p')

# With publish = DIR, a change republishes the feeds it touches by itself.
cat >"$XDG_CONFIG_HOME/hearth/config" <<EOF
[general]
timezone = Asia/Shanghai
publish = $www
publish_url = $base
EOF
check_status "a change made through hearth" 0 \
	h edit "$snow" --title "志愿扫雪（改）"
check_eq "says nothing about publishing when it worked" "" "$OUT"
check_eq "the feed of everything changed: 200" "200" \
	"$(fetch all.ics -H "If-None-Match: $etag" | cut -d' ' -f1)"
check_contains "with the new title" "SUMMARY:志愿扫雪（改）" "$(cat "$T/body")"
fetch kind-volunteer.ics >/dev/null
check_contains "so did the kind's feed" "SUMMARY:志愿扫雪（改）" "$(cat "$T/body")"
check_eq "a feed the change does not touch stays: 304" "304" \
	"$(fetch kind-clinic.ics -H "If-None-Match: $etag_clinic" | cut -d' ' -f1)"

# A new venue gets a feed and a place on the page; a removed one loses them;
# files that are not hearth's are never touched.
echo mine >"$www/notes.txt"
check_status "a new venue" 0 h venue add "测试驿站" --address "兴隆台区"
vid=$(grep -l "X-WR-CALNAME:测试驿站" "$www"/venue-*.ics | sed 's|.*/||; s|\.ics$||')
if [ -n "$vid" ] && grep -q "测试驿站" "$www/index.html"; then
	ok "gets its feed ($vid) and a place on the page by itself"
else
	not_ok "a new venue gets its feed and a place on the page" "$vid"
fi
check_status "the venue removed" 0 h venue rm "测试驿站"
if [ ! -e "$www/$vid.ics" ] && [ ! -e "$www/$vid-webcal.png" ] &&
   ! grep -q "测试驿站" "$www/index.html"; then
	ok "its feed, QR codes and line on the page go with it"
else
	not_ok "its feed, QR codes and line on the page go with it"
fi
check_eq "another file in the directory stays" "mine" "$(cat "$www/notes.txt")"

# A failure to publish is said, and the change stays.
cat >"$XDG_CONFIG_HOME/hearth/config" <<EOF
[general]
timezone = Asia/Shanghai
publish = /dev/null/feeds
EOF
check_status "a change whose publishing fails still succeeds" 0 \
	h edit "$snow" --title "扫雪"
check_contains "and says why publishing failed" "/dev/null/feeds" "$OUT"
check_eq "the change is kept" "Title:       扫雪" "$(h show "$snow" | grep Title)"
