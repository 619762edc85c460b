#!/bin/sh
# docs.sh - fails when the documentation drifts from the code.
#
# hearth.1 must document every command of 'hearth --help' in a block that
# starts with a line '.\" command: NAME', and in it every long option that
# 'hearth NAME --help' prints; options it defines (on .It or .Op lines) must
# exist. Its JSON key lists must be what the commands print, and its
# examples must run. hearth.conf.5 and config.example must name every option
# that core/config.c accepts, and the table of built-in kinds must be what
# 'hearth kinds' says.
. "$(dirname "$0")/../lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
man1=$top/man/hearth.1
man5=$top/man/hearth.conf.5
example=$top/config.example
py=/usr/bin/python3
setup
cd "$T" || exit 2
export TZ=UTC HEARTH_NOW=1798416000 # 2026-12-28 00:00 UTC

# The man pages' source with the zero-width escape \& taken out.
sed 's/\\&//g' "$man1" >man1.src
sed 's/\\&//g' "$man5" >man5.src

# block CMD: the lines of hearth.1 that document command CMD.
block() {
	awk -v want=".\\\\\" command: $1" '
		/^\.\\" command: / { on = ($0 == want); next }
		/^\.Sh / { on = 0 }
		on' man1.src
}

# opts: the long options in the text on standard input, one a line.
opts() {
	grep -o -- '--[a-z][a-z-]*' | sort -u
}

# man_opts: the long options in mdoc on standard input ("Fl -kind").
man_opts() {
	grep -o 'Fl -[a-z][a-z-]*' | sed 's/^Fl -/--/' | sort -u
}

# documents OPT: true when the mdoc on standard input has "Fl -OPT".
documents() {
	grep -q -- "Fl -${1#--}\( \|$\)"
}

# The commands: the first word of each line after "Commands:".
h --help >help.txt
commands=$(sed -n '/^Commands:/,/^$/p' help.txt | awk 'NR > 1 && NF { print $1 }')
if [ "$(echo "$commands" | wc -w)" -ge 10 ]; then
	ok "hearth --help lists the commands"
else
	not_ok "hearth --help lists the commands" "$commands"
fi

# The global options: those of the usage line, and --help and --version.
for opt in $(head -n 1 help.txt | opts) --help --version; do
	if grep '^\.It ' man1.src | documents "$opt"; then
		ok "hearth.1 documents the global option $opt"
	else
		not_ok "hearth.1 documents the global option $opt"
	fi
done

for cmd in $commands; do
	block "$cmd" >block.txt
	if ! grep -q "Ic $cmd\( \|$\)" block.txt; then
		not_ok "hearth.1 has a block for '$cmd'" \
			"no '.\\\" command: $cmd' marker followed by '.It ... Ic $cmd'"
		continue
	fi
	ok "hearth.1 has a block for '$cmd'"
	h "$cmd" --help >cmdhelp.txt
	# "the options of 'hearth add'" brings in add's options too.
	accepted=$(opts <cmdhelp.txt)
	for other in $(grep -o "the options of 'hearth [a-z]*'" cmdhelp.txt |
		       sed "s/.*hearth \([a-z]*\)'/\1/"); do
		accepted="$accepted
$(h "$other" --help | opts)"
	done
	missing=""
	for opt in $(opts <cmdhelp.txt); do
		documents "$opt" <block.txt || missing="$missing $opt"
	done
	check_eq "hearth.1 documents every option of '$cmd --help'" "" "$missing"
	extra=""
	for opt in $(grep -E '^\.(It|Op) ' block.txt | man_opts); do
		echo "$accepted" | grep -qx -- "$opt" || extra="$extra $opt"
	done
	check_eq "every option hearth.1 defines for '$cmd' exists" "" "$extra"
	subs=$(grep -o "hearth $cmd [a-z][a-z]*" cmdhelp.txt | awk '{ print $3 }' | sort -u)
	for sub in $subs; do
		if grep -q "Ic $cmd $sub\( \|$\)" block.txt; then
			ok "hearth.1 documents '$cmd $sub'"
		else
			not_ok "hearth.1 documents '$cmd $sub'"
		fi
	done
done

# No block for a command that does not exist.
for cmd in $(sed -n 's/^\.\\" command: //p' man1.src); do
	case " $(echo $commands) " in
	*" $cmd "*) ;;
	*) not_ok "hearth.1 documents '$cmd', which hearth does not have" ;;
	esac
done

# The JSON keys of each list, as printed, against hearth.1's .Li lines.
h init >/dev/null
id=$(h add --kind fair --title 文明集市 --start '2027-01-16 09:00' \
	--venue 粮库社区文化广场 --host 粮库社区党委 --description 义诊)
h venue edit 粮库社区文化广场 --type 社区广场 --service 义诊
h org edit 粮库社区党委 --contact 王冠群
h segment add "$id" --title 美食区 --from 09:00 --to 12:00 --note 香
for list in "agenda --from 2027-01-16" "segment ls $id" venues orgs kinds; do
	list_name=$(echo "$list" | awk '{ print ($1 == "segment") ? "segment ls" : $1 }')
	# shellcheck disable=SC2086
	h $list --format json >list.json
	# shellcheck disable=SC2086
	h $list --format tsv >list.tsv
	printed=$("$py" - list.json list.tsv "$list_name" <<'EOF'
import json, sys
rows = json.load(open(sys.argv[1], encoding="utf-8"))
tsv = [l.rstrip("\n").split("\t") for l in open(sys.argv[2], encoding="utf-8")]
keys = list(rows[0].keys())
# tsv columns are the json values in key order (agenda: the first six).
for row, line in zip(rows, tsv):
    values = ["" if v is None else str(v) for v in row.values()]
    if sys.argv[3] == "agenda":
        values = values[:6]
    if values != line:
        print("tsv differs from json:", values, line)
if len(rows) != len(tsv):
    print("tsv has", len(tsv), "lines, json", len(rows), "objects")
print(" ".join(keys))
EOF
)
	documented=$(awk -v want=".\\\\\" keys: $list_name" '
		$0 == want { on = 1; next }
		on && /^\.Li / { sub(/^\.Li /, ""); gsub(/ ,/, ""); print; exit }' man1.src)
	check_eq "hearth.1 gives the json keys and tsv columns of '$list_name'" \
		"$printed" "$documented"
done

# The examples run, and do what the text around them says.
mkdir -p bin "$XDG_CONFIG_HOME/hearth"
ln -s "$HEARTH" bin/hearth
printf '[general]\ntimezone = Asia/Shanghai\n' >"$XDG_CONFIG_HOME/hearth/config"
export HEARTH_DB="$T/examples.db"
awk '/^\.Sh EXAMPLES/ { on = 1; next } /^\.Sh / { on = 0 }
     on && /^\.Bd -literal/ { lit = 1; next } /^\.Ed/ { lit = 0 }
     on && lit' man1.src | sed 's/\\e/\\/g' >examples.sh
if [ "$(grep -c '^hearth\|=$(hearth' examples.sh)" -ge 20 ]; then
	ok "hearth.1 has examples"
else
	not_ok "hearth.1 has examples" "$(cat examples.sh)"
fi
check_status "the examples in hearth.1 run" 0 \
	env PATH="$T/bin:$PATH" sh -e examples.sh
day() {
	h agenda --from "$1" --to "$1" --kind warm-station --cancelled --format json
}
check_contains "example: the warm-winter station is cancelled on 16 January" \
	'"status":"cancelled"' "$(day 2027-01-16)"
check_contains "example: it opens 12:00-20:00 on 17 January" \
	'"start":"2027-01-17T12:00:00+08:00","end":"2027-01-17T20:00:00+08:00"' \
	"$(day 2027-01-17)"
check_contains "example: it opens 09:00-19:00 from 22 January" \
	'"start":"2027-01-29T09:00:00+08:00","end":"2027-01-29T19:00:00+08:00"' \
	"$(day 2027-01-29)"
check_eq "example: it is open Friday to Sunday, 15 days in January" 15 \
	"$(h agenda --from 2027-01-01 --to 2027-02-28 --kind warm-station \
		--cancelled --format tsv | wc -l | tr -d ' ')"
unset HEARTH_DB

# hearth.conf.5 and config.example name every option config.c accepts.
func_names() {
	awk "/^static int $1\\(/,/^}/" "$top/core/config.c" |
		grep -o 'strn\?cmp(name, "[^"]*"' | sed 's/.*"\(.*\)"$/\1/'
}
general=$(func_names set_general)
kind=$(func_names set_kind)
# [general] options of capabilities in their own files.
phones=$(awk '/^int config_publish_set\(/,/^}/' "$top/core/config_publish.c" |
	grep -o 'strcmp(name, "[^"]*"' | sed 's/.*"\(.*\)"$/\1/')
check_eq "config.c's [general] options are found" 4 "$(echo "$general" | wc -l)"
check_eq "config.c's [kind] options are found" 7 "$(echo "$kind" | wc -l)"
check_eq "config_publish.c's options are found" 6 "$(echo "$phones" | wc -l)"
general="$general $phones"
# [stations] options (core/stations/config_stations.c).
stations=$(awk '/^static bool set_station_option\(/,/^}/' \
	"$top/core/stations/config_stations.c" |
	grep -o 'strcmp(name, "[^"]*"' | sed 's/.*"\(.*\)"$/\1/')
check_eq "config_stations.c's options are found" 6 "$(echo "$stations" | wc -l)"
general="$general $stations"
for s in stations holidays; do
	check_status "hearth.conf.5 documents the section [$s]" 0 \
		grep -q "^\.Ss .*\[$s\]" man5.src
	check_status "config.example shows the section [$s]" 0 \
		grep -q "^\[$s\]" "$example"
done
for opt_name in $general $kind; do
	re=$(echo "$opt_name" | sed 's/\./\\./g')
	if grep -Eq "^\.It Cm $re( |$)" man5.src; then
		ok "hearth.conf.5 documents '$opt_name'"
	else
		not_ok "hearth.conf.5 documents '$opt_name'"
	fi
	if grep -Eq "^[#;]? *$re[a-zA-Z_]* *=" "$example"; then
		ok "config.example shows '$opt_name'"
	else
		not_ok "config.example shows '$opt_name'"
	fi
done
# [sync NAME] options (core/sync/account.c); 'password' is there to be
# refused, and documented as such in hearth.conf.5 only.
sync_opts=$(awk '/^static (char \*\*text_slot|bool set_option)\(/,/^}/' \
	"$top/core/sync/account.c" | grep -o 'strcmp(name, "[^"]*"' |
	sed 's/.*"\(.*\)"$/\1/')
check_eq "account.c's [sync] options are found" 17 \
	"$(echo "$sync_opts" | wc -l)"
for opt_name in $sync_opts; do
	if grep -Eq "^\.It Cm $opt_name( |$)" man5.src ||
		grep -Eq "^\.Cm $opt_name$" man5.src; then
		ok "hearth.conf.5 documents [sync] '$opt_name'"
	else
		not_ok "hearth.conf.5 documents [sync] '$opt_name'"
	fi
	[ "$opt_name" = password ] && continue
	if grep -Eq "^[#;]? *$opt_name *=" "$example"; then
		ok "config.example shows [sync] '$opt_name'"
	else
		not_ok "config.example shows [sync] '$opt_name'"
	fi
done
check_status "hearth.conf.5 documents the section [sync" 0 \
	grep -q '^\.Ss .*\[sync' man5.src
sections=$(grep -o 'strn\?cmp(section, "[^"]*"' "$top/core/config.c" |
	   sed 's/.*"\(.*\)"$/\1/; s/ $//')
for s in $sections; do
	check_status "hearth.conf.5 documents the section [$s" 0 \
		grep -q "^\.Ss .*\[$s" man5.src
	if grep -Eq "^[#;]? *\[$s[] ]" "$example"; then
		ok "config.example shows the section [$s"
	else
		not_ok "config.example shows the section [$s"
	fi
done
colours=$(awk '/colour_names\[\] = \{/,/\};/' "$top/core/config.c" |
	  grep -o '"[a-z]*"' | tr -d '"')
check_eq "config.c's colours are found" 9 "$(echo "$colours" | wc -l)"
for c in $colours; do
	grep -q "Cm $c\( \|$\)" man5.src || not_ok "hearth.conf.5 names the colour $c"
done
ok "hearth.conf.5 names every colour"

# The table of built-in kinds, row by row.
h --config /dev/null kinds --format tsv >kinds.tsv
check_eq "six kinds are built in" 6 "$(wc -l <kinds.tsv | tr -d ' ')"
while IFS="$(printf '\t')" read -r key label colour duration segments; do
	said="No segments."
	[ -n "$segments" ] && said="Segments: $segments."
	row=".Dq $label , .Cm $colour , $duration. $said"
	found=$(awk -v want=".It Cm $key" '$0 == want { n = 5; next }
		n > 0 && $0 ~ /^\./ && $0 !~ /^\.(Dq|Cm) / { exit }
		n-- > 0 { printf "%s ", $0 }' man5.src)
	if [ "$found" = "$row " ]; then
		ok "hearth.conf.5 describes the built-in kind $key"
	else
		not_ok "hearth.conf.5 describes the built-in kind $key" \
			"expected: $row" "found: $found"
	fi
done <kinds.tsv

# config.example parses, sets the zone, and defines its own kind.
check_status "hearth --config config.example kinds" 0 \
	h --config "$example" kinds
check_contains "config.example's kind is listed" "points" "$OUT"
check_status "config.example sets timezone = Asia/Shanghai" 0 \
	grep -qx 'timezone = Asia/Shanghai' "$example"

# The example in hearth.conf.5 parses too.
awk '/^\.Sh EXAMPLES/ { on = 1; next } /^\.Sh / { on = 0 }
     on && /^\.Bd -literal/ { lit = 1; next } /^\.Ed/ { lit = 0 }
     on && lit' man5.src | sed 's/\\e/\\/g' >conf-example
check_status "the example in hearth.conf.5 parses" 0 \
	h --config conf-example kinds
if [ -s conf-example ]; then ok "hearth.conf.5 has an example"; else
	not_ok "hearth.conf.5 has an example"; fi

# README's commands exist.
for cmd in $(grep '^    ' "$top/README.md" | grep -oE '(^ +|\$\(|\./)hearth [a-z]+' |
	     awk '{ print $NF }' | sort -u); do
	case " $(echo $commands) " in
	*" $cmd "*) ok "README's 'hearth $cmd' exists" ;;
	*) not_ok "README's 'hearth $cmd' exists" ;;
	esac
done

# Every action of the full-screen interface is described in hearth.1, with
# its default keys, and hearth.conf.5 says how to rebind keys.
h keys >keys.txt
while read -r action keys _; do
	line=$(grep "^\.It Cm .*\b$action\b.* Pq Ic " man1.src | head -n 1)
	if [ -n "$line" ]; then
		ok "hearth.1 describes the action $action"
	else
		not_ok "hearth.1 describes the action $action"
	fi
	first=${keys%% *}
	# mdoc writes a backslash as \e: compare it by name.
	[ "$first" = '\' ] && first=BACKSLASH
	case " $(printf '%s\n' "$line" | sed 's/\\e/BACKSLASH/g' | tr -d '\\,;') " in
	*" $first "*|*" 1 No to Ic 6 "*) ok "hearth.1 gives $action's key $first" ;;
	*) not_ok "hearth.1 gives $action's key $first" "$line" ;;
	esac
done <keys.txt
check_status "hearth.conf.5 explains [keys] with hearth keys" 0 \
	grep -q 'hearth keys' man5.src
