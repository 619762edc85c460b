#!/bin/sh
# config.sh - one check of the configuration file for every front end:
# [keys] and [colors] settings the full-screen interface cannot use are
# refused by every command too (hearth keys, agenda) and by the interface,
# with the same FILE:LINE message; a section written twice and a NUL byte
# in a value are refused at their lines. Nothing is written after a refusal.
. "$(dirname "$0")/../lib.sh"
setup
. "$(dirname "$0")/../tui/tmux.lib"
export TZ=Asia/Shanghai HEARTH_NOW=1798416000
cfg="$XDG_CONFIG_HOME/hearth/config"
h init --demo >/dev/null

# refused NAME NEEDLE: the config file is refused by hearth keys, by a
# command that reads the database, and by the full-screen interface, each
# with exit status 1 and "FILE:LINE: ..." holding NEEDLE.
refused() {
	check_status "$1: hearth keys refuses it" 1 h keys
	check_contains "$1: naming file, line and problem" "$cfg:$2" "$OUT"
	check_status "$1: so does agenda" 1 h agenda
	check_contains "$1: with the same message" "$cfg:$2" "$OUT"
	# On a terminal, as the interface starts (script(1) gives it one).
	check_status "$1: and the full-screen interface, alike" 1 \
		script -qec "$HEARTH" /dev/null
	check_contains "$1: with the same message" "$cfg:$2" "$OUT"
}

printf '[general]\ntimezone = Asia/Shanghai\n[keys]\nhelp = F1\nquit = notakey\n' >"$cfg"
refused "a key name no terminal sends" "5: unknown key name 'notakey'"

printf '[keys]\nvanish = q\n' >"$cfg"
refused "an action that does not exist" \
	"2: unknown action 'vanish' in [keys] (see 'hearth keys')"

printf '[colors]\ntoday = yellow\nheader = plaid on tartan\n' >"$cfg"
refused "a colour the screen cannot show" "3: unknown colour 'plaid on tartan'"

printf '[colours]\nfooter = red\n' >"$cfg"
refused "an element the screen does not have" \
	"2: unknown element 'footer' in [colors]"

printf '[kind a]\nlabel = 甲\n\n[kind b]\nlabel = 乙\n[kind a]\nlabel = 丙\n' >"$cfg"
check_status "a second [kind a] is refused" 1 h kinds
check_contains "at its line, naming the first" \
	"$cfg:6: [kind a] is here a second time (first at line 1)" "$OUT"

printf '[kind a]\nlabel = 读书\000会\n' >"$cfg"
check_status "a NUL byte in a value is refused" 1 h kinds
check_contains "at its line" "$cfg:2: the line holds a NUL byte" "$OUT"

# What both accept, both use: a rebound key shows in the interface's help.
printf '[keys]\nhelp = F1 H\n[colors]\ntoday = Yellow\n' >"$cfg"
check_status "good [keys] and [colors] pass hearth keys" 0 h keys
check_status "and agenda" 0 h agenda
tui_start 100 30
expect_screen "and the interface starts" "1 Agenda"
keys H
expect_screen "where the rebound key works" "Keys: Agenda"
tui_stop
