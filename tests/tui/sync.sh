#!/bin/sh
# sync.sh - the sync view (Y) against a real CalDAV server (Radicale on a
# free port): the header says a conflict is open, the view lists the
# calendar and the conflict, Enter shows both versions side by side, m
# keeps mine after asking and the next sync sends it; s syncs in the
# background and the screen follows; in Chinese at 80x24 too.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../radicale.lib"
setup
. "$(dirname "$0")/tmux.lib"
top=$(cd "$(dirname "$0")/../.." && pwd)
py=/usr/bin/python3
export TZ=UTC
rdir=$(radicale_dir)
trap 'tui_stop; radicale_stop; rm -rf "$T" "$rdir"' EXIT
cd "$T" || exit 2
if ! radicale_start "$rdir" alice:secret; then
	not_ok "Radicale starts"
	echo "1..$tap_n"
	exit 1
fi
printf 'secret\n' >alice.pw
chmod 600 alice.pw
h sync --setup "$RADICALE_URL/" --user alice --password-file "$T/alice.pw" \
	--mkcalendar events >/dev/null 2>&1
cal=$RADICALE_URL/alice/events/
cat >"$XDG_CONFIG_HOME/hearth/config" <<EOF
[general]
timezone = Asia/Shanghai

[sync district]
url = $cal
user = alice
password_file = $T/alice.pw
EOF
dav() {
	$py "$top/tests/ical/caldav_client.py" "$cal" alice secret "$@"
}

h init --tz Asia/Shanghai >/dev/null
id=$(h add --kind reading --title 读书会 --start "2027-01-09 09:00" \
	--duration 2h --venue 社区图书室)
other=$(h add --kind fair --title 文明集市 --start "2027-01-16 09:00" \
	--duration 3h)
h sync >/dev/null 2>&1
h edit "$id" --title "读书会（本地）" --venue 党群服务中心 >/dev/null
dav retitle "$id" "读书会（服务器）"
h sync >/dev/null 2>&1

tui_start 100 30
expect_screen "the header says a conflict is open" "⇅ 1 conflict"
keys Y
expect_screen "Y opens the sync view with the calendar" "district"
expect_screen "... when it last synced and what it keeps" "in step 2"
expect_screen "... and the conflict" "changed on both sides"
expect_screen "the conflicted event by its title now (the server's)" \
	"读书会（服务器）"
keys Enter
expect_screen "Enter shows both versions, mine first" "读书会（本地）"
expect_screen "... field by field" "党群服务中心"
expect_screen "... and how to settle it" "keep yours"
# Someone changes the database while the pane is up: the view behind reads
# its conflicts again (freeing those it had); the pane still shows and
# settles the one opened.
h venue add 街道办事处 >/dev/null
sleep 1.5
expect_screen "... the pane stays while the list is read again" "keep yours"
keys m
expect_screen "m from the pane asks first" "Keep your version of"
keys y
expect_screen "... and keeps mine" "Kept your version of"
expect_screen "no conflict is left" "None: both sides agree."
check_contains "the event is mine again" "读书会（本地）" "$(h show "$id")"

# A change on the server, synced from the view in the background.
dav retitle "$other" "文明集市（改期）"
keys s
expect_screen "s syncs in the background" "Sync finished."
check_contains "the server has my version of the conflicted event" \
	"读书会（本地）" "$(dav read 2027-01-01T00:00 2027-02-01T00:00 \
	Asia/Shanghai)"
check_contains "the server's change is here" "文明集市（改期）" \
	"$(h show "$other")"
keys 1
expect_screen "the agenda shows the change that came from the server" \
	"文明集市（改期）"
tui_stop

# In Chinese, at 80x24, with a failed sync in the header.
if use_locales; then
	radicale_stop
	h sync >/dev/null 2>&1
	tui_start 80 24 env LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8
	expect_screen "zh_CN: the header says the sync failed" "⇅ 同步失败"
	keys Y
	expect_screen "zh_CN: the sync view names the calendar" "district"
	expect_screen "zh_CN: ... and what went wrong" "失败"
	expect_screen "zh_CN: no conflict" "没有冲突"
	tui_stop
else
	not_ok "zh_CN.UTF-8 compiled with localedef"
fi

echo "1..$tap_n"
