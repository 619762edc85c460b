#!/bin/sh
# sync_district.sh - the district set-up hearth(1) describes, against a
# real Radicale with the rights file taken from the manual: two
# communities each sync their own calendar and cannot read the other's;
# the district office's hearth receives both (send = no, receive_org),
# follows a community's change, and is refused (403, said with the
# event's address) when it changes a community's event, while still
# receiving.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../radicale.lib"
top=$(cd "$(dirname "$0")/../.." && pwd)
setup
export TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8
rdir=$(radicale_dir)
trap 'radicale_stop; rm -rf "$T" "$rdir"' EXIT
cd "$T" || exit 2

# The rights file exactly as hearth(1) gives it.
sed -n '/^\[root\]$/,/^\.Ed$/p' "$top/man/hearth.1" | grep -v '^\.Ed$' >rights
check_contains "the manual gives the district's rights" "user: district" \
	"$(cat rights)"
RADICALE_ARGS="--rights-type=from_file --rights-file=$T/rights"
if ! radicale_start "$rdir" liangku:lk mianzhi:mz district:dt; then
	not_ok "Radicale starts"
	echo "1..$tap_n"
	exit 1
fi
url=$RADICALE_URL
for u in liangku:lk mianzhi:mz district:dt; do
	printf '%s\n' "${u#*:}" >"${u%%:*}.pw"
	chmod 600 "${u%%:*}.pw"
done

hd() {
	_hd_db=$1
	shift
	env HEARTH_DB="$_hd_db" "$HEARTH" "$@"
}

# community NAME: its database with its events, a calendar it makes on the
# server (its address in $calurl) and a [sync NAME] section for it.
community() {
	hd "$T/$1.db" init --tz Asia/Shanghai >/dev/null
	h sync --setup "$url/" --user "$1" --password-file "$T/$1.pw" \
		--mkcalendar "$1的活动" >setup.out 2>&1
	calurl=$(grep -o "$url/$1/hearth-[0-9a-f]*/" setup.out | head -n 1)
	printf '\n[sync %s]\nurl = %s\nuser = %s\npassword_file = %s\n' \
		"$1" "$calurl" "$1" "$T/$1.pw" >>"$XDG_CONFIG_HOME/hearth/config"
}

community liangku
lkcal=$calurl
hd liangku.db add --kind reading --title 粮库读书会 \
	--start "2027-01-09 09:30" --duration 2h >/dev/null
hd liangku.db add --kind volunteer --title 粮库扫雪 \
	--start "2027-01-10 08:00" --duration 2h >/dev/null
community mianzhi
mzcal=$calurl
hd mianzhi.db add --kind fair --title 棉织文明集市 \
	--start "2027-01-16 09:00" --duration 3h >/dev/null

check_status "a community makes its calendar and syncs it" 0 \
	hd liangku.db sync liangku
check_contains "... sending its events" "sent 2 new" "$OUT"
check_status "so does the other" 0 hd mianzhi.db sync mianzhi
check_contains "... sending its event" "sent 1 new" "$OUT"

cat >>"$XDG_CONFIG_HOME/hearth/config" <<EOF

[sync peek]
url = $lkcal
user = mianzhi
password_file = $T/mianzhi.pw

[sync from-liangku]
url = $lkcal
user = district
password_file = $T/district.pw
send = no
receive_org = 粮库社区党委

[sync from-mianzhi]
url = $mzcal
user = district
password_file = $T/district.pw
send = no
receive_org = 棉织社区党委
EOF
hd mianzhi.db sync peek >peek.out 2>&1
check_eq "a community cannot read another's calendar" 1 $?
check_contains "... the server says so, and hearth names it" \
	"403 Forbidden" "$(cat peek.out)"

hd district.db init --tz Asia/Shanghai >/dev/null
check_status "the district's hearth receives every community's calendar" 0 \
	hd district.db sync from-liangku from-mianzhi
check_contains "... the first's events" "from-liangku: received 2 new" "$OUT"
check_contains "... and the second's" "from-mianzhi: received 1 new" "$OUT"
check_eq "... all three are in the district's agenda" \
	"棉织文明集市
粮库扫雪
粮库读书会" \
	"$(hd district.db agenda --from 2027-01-01 --to 2027-01-31 \
		--format tsv | cut -f 5 | LC_ALL=C sort)"
lkread=$(hd liangku.db agenda --from 2027-01-09 --to 2027-01-09 \
	--format tsv | cut -f 3)
lksnow=$(hd liangku.db agenda --from 2027-01-10 --to 2027-01-10 \
	--format tsv | cut -f 3)
check_contains "... each hosted by its community (receive_org)" "粮库社区党委" \
	"$(hd district.db show "$lkread")"

hd liangku.db edit "$lkread" --title 粮库读书会（改到下午） >/dev/null
hd liangku.db sync liangku >/dev/null 2>&1
check_status "a community's change" 0 hd district.db sync from-liangku
check_contains "... reaches the district" "received 0 new, 1 changed" "$OUT"
check_contains "... as the community made it" "粮库读书会（改到下午）" \
	"$(hd district.db show "$lkread")"

hd district.db edit "$lksnow" --title 区里改的扫雪 >/dev/null
hd liangku.db edit "$lkread" --title 粮库读书会（又改了） >/dev/null
hd liangku.db sync liangku >/dev/null 2>&1
check_status "the district changing a community's event" 1 \
	hd district.db sync from-liangku
check_contains "... is refused by the server, said with the event's address" \
	"PUT /liangku/" "$OUT"
check_contains "... as 403 Forbidden" "403 Forbidden" "$OUT"
check_contains "... while the community's own change still comes in" \
	"粮库读书会（又改了）" "$(hd district.db show "$lkread")"
check_contains "the community's calendar keeps its own version" "粮库扫雪" \
	"$(curl -s -u liangku:lk "$lkcal")"
check_lacks "... and not the district's" "区里改的扫雪" \
	"$(curl -s -u liangku:lk "$lkcal")"

echo "1..$tap_n"
