#!/bin/sh
# A dropped connection mid-edit: SIGHUP ends hearth, loses nothing saved,
# keeps the form as a draft, and the next start offers it back. SIGTERM
# ends it cleanly too.
. "$(dirname "$0")/../lib.sh"
setup
. "$(dirname "$0")/tmux.lib"
export TZ=Asia/Shanghai HEARTH_NOW=1798416000 # Mon 28 Dec 2026, 08:00 here
uid=$(h add --kind fair --title "文明集市" --start "2027-01-16 09:00" \
	--duration 3h --venue "粮库社区文化广场" --no-segments)
draft=$XDG_DATA_HOME/hearth/draft

hearth_pid() {
	tmx display -p -t hearth '#{pane_pid}'
}

# True while the process runs (a zombie waiting for tmux has ended).
alive() {
	case "$(ps -o stat= -p "$1" 2>/dev/null)" in
	""|Z*) return 1 ;;
	*) return 0 ;;
	esac
}

tui_start 100 30
expect_screen "the fair is in the agenda" "文明集市"
keys e
expect_screen "e opens the form on the fair" "Title"
keys C-e
text "（第二期）"
expect_screen "the title is being edited" "文明集市（第二期）"
pid=$(hearth_pid)
[ -n "$pid" ] || not_ok "tmux knows hearth's process"
tmx kill-session -t hearth # the terminal goes away: SIGHUP
i=0
while alive "$pid" && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
if alive "$pid"; then not_ok "SIGHUP ends hearth"; else ok "SIGHUP ends hearth"; fi
if [ -s "$draft" ]; then ok "the form was kept as a draft"; else
	not_ok "the form was kept as a draft" "$(ls -la "$XDG_DATA_HOME/hearth")"; fi
check_contains "nothing unsaved reached the database" "Title:       文明集市
" "$(h show "$uid")
"
check_eq "the database is intact" "ok" \
	"$(sqlite3 "$HEARTH_DB" 'PRAGMA integrity_check')"

tui_start 100 30
expect_screen "the next start offers the draft back" "Restore that draft?"
keys y
expect_screen "the form opens with the draft" "文明集市（第二期）"
keys C-s
expect_screen "and saves it" "Event saved"
check_contains "the change is in the database now" "文明集市（第二期）" "$(h show "$uid")"
if [ -e "$draft" ]; then not_ok "the draft is gone once used"; else
	ok "the draft is gone once used"; fi
keys q
sleep 0.3

# SIGTERM in the middle of browsing: a clean exit, the database intact.
tui_start 100 30
expect_screen "hearth runs again" "文明集市（第二期）"
pid=$(hearth_pid)
[ -n "$pid" ] || not_ok "tmux knows hearth's process"
kill -TERM "$pid"
i=0
while alive "$pid" && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
if alive "$pid"; then not_ok "SIGTERM ends hearth" "$(ps -o pid,stat,cmd -p $pid)"; else ok "SIGTERM ends hearth"; fi
check_eq "no draft without a form" "" "$(cat "$draft" 2>/dev/null)"
check_eq "and the database is intact" "ok" \
	"$(sqlite3 "$HEARTH_DB" 'PRAGMA integrity_check')"

# The terminal goes away without a SIGHUP reaching hearth (started in a
# session of its own, as through su or setsid): its input hangs up. hearth
# ends by itself within a second or two - it does not spin - and keeps the
# open form as a draft.
rm -f "$draft"
tui_start 100 30 setsid -w
expect_screen "hearth runs in a session of its own" "文明集市（第二期）"
keys e
expect_screen "the form is open" "Title"
keys C-e
text "（第三期）"
expect_screen "the title is being edited" "文明集市（第二期）（第三期）"
pid=$(ps -o pid= --ppid "$(hearth_pid)" | tr -d ' ')
[ -n "$pid" ] || not_ok "hearth runs under setsid" "$(ps -ef | grep setsid)"
tmx kill-session -t hearth # no SIGHUP for hearth: it is in another session
i=0
while alive "$pid" && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
if alive "$pid"; then
	not_ok "a terminal gone without SIGHUP ends hearth" \
		"$(ps -o pid,stat,pcpu,cmd -p "$pid")"
	kill -TERM "$pid"
else
	ok "a terminal gone without SIGHUP ends hearth"
fi
check_contains "the form was kept as a draft" "（第三期）" "$(cat "$draft" 2>/dev/null)"
check_eq "the database is intact after it" "ok" \
	"$(sqlite3 "$HEARTH_DB" 'PRAGMA integrity_check')"
