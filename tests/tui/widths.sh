#!/bin/sh
# widths.sh - one measure of text for every column, as tmux really draws it
# (issue 10): titles and venues holding an emoji family joined by U+200D,
# zero-width characters (U+200B-U+200D, U+2060, U+FEFF) and U+2028/U+2029
# keep every column where the plain rows have it - measured in tmux's own
# grid with its copy mode, not by counting bytes - and never reach the
# screen, a text table or TSV raw. In zh_CN.UTF-8 and C.UTF-8 at 80x24.
. "$(dirname "$0")/../lib.sh"
setup
. "$(dirname "$0")/tmux.lib"
export TZ=Asia/Shanghai HEARTH_NOW=1798416000 # Mon 28 Dec 2026, 08:00 here
printf '[general]\ntimezone = Asia/Shanghai\n' >"$XDG_CONFIG_HOME/hearth/config"

zwj=$(printf '家庭日\360\237\221\250\342\200\215\360\237\221\251\342\200\215\360\237\221\247\342\200\215\360\237\221\246活动')
zw=$(printf '零\342\200\213宽\342\200\214字\342\200\215符\342\201\240测\357\273\277试')
sep=$(printf '行\342\200\250分\342\200\251段')
h add --kind volunteer --title "$zwj" --start "2026-12-28 09:00" --venue 场地甲 >/dev/null
h add --kind volunteer --title "$zw" --start "2026-12-28 10:00" --venue 场地乙 >/dev/null
h add --kind volunteer --title "$sep" --start "2026-12-28 11:00" --venue 场地丙 >/dev/null
h add --kind volunteer --title plain --start "2026-12-28 12:00" --venue 场地丁 >/dev/null

# same_column NAME TEXT...: tmux shows each TEXT at one column.
same_column() {
	name=$1
	shift
	cols=""
	for t in "$@"; do cols="$cols $(tmux_col "$t")"; done
	if [ "$(echo $cols | tr ' ' '\n' | sort -u | wc -l)" -eq 1 ] &&
		! echo "$cols" | grep -q -- -1; then
		ok "$name"
	else
		not_ok "$name" "columns in tmux:$cols" "$(screen)"
	fi
}

# raw_free NAME TEXT: no invisible character and no escape debris.
raw_free() {
	if printf '%s' "$2" | grep -q "$(printf '\342\200[\213\214\215\250\251]\|\342\201\240\|\357\273\277\|\033\|\[0m')"; then
		not_ok "$1" "$(printf '%s' "$2" | od -c | head -n 20)"
	else
		ok "$1"
	fi
}

body() {
	tui_start_loc
	wait_for 场地丁
	same_column "$LOC: agenda: the venue column stays put after a joined emoji" \
		场地甲 场地乙 场地丙 场地丁
	raw_free "$LOC: agenda: nothing invisible or raw on the screen" "$(screen)"
	keys 4
	wait_for plain
	same_column "$LOC: events view: the column after the title stays put" \
		场地甲 场地乙 场地丙 场地丁
	raw_free "$LOC: events view: nothing invisible or raw" "$(screen)"
	tui_stop
}
for_locales body

# The command line's tables and TSV, drawn by tmux.
for LOC in zh_CN.UTF-8 C.UTF-8; do
	tmx kill-server 2>/dev/null
	tui_runs=$((tui_runs + 1))
	socket="hearth-test-$$-$tui_runs"
	tmx -f /dev/null new-session -d -s hearth -x 100 -y 24 \
		env HEARTH_DB="$HEARTH_DB" XDG_CONFIG_HOME="$XDG_CONFIG_HOME" \
		TZ="$TZ" HEARTH_NOW="$HEARTH_NOW" LC_ALL="$LOC" LANGUAGE= \
		LOCPATH="$LOCPATH" sh -c "'$HEARTH' agenda; sleep 60"
	wait_for 场地丁
	same_column "$LOC: agenda text: tmux shows the venue column straight" \
		场地甲 场地乙 场地丙 场地丁
	raw_free "$LOC: agenda text: nothing invisible or raw" "$(screen)"
done
tui_stop
raw_free "TSV holds no invisible character" "$(h agenda --format tsv)"
check_eq "TSV: the separators are spaces, the joined emoji each on its own" \
	"$(printf '家庭日\360\237\221\250\360\237\221\251\360\237\221\247\360\237\221\246活动\n零宽字符测试\n行 分 段\nplain')" \
	"$(h agenda --format tsv | cut -f5)"
check_contains "JSON keeps them, escaped" 'u200d' "$(h agenda --format json)"
raw_free "JSON has no raw invisible character" "$(h agenda --format json)"
