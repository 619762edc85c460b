#!/bin/sh
# docs_reports.sh - the documentation of tallies, suggestions and reports
# against the program: the options of [category] and [topic] that
# core/config_report.c accepts, the built-in categories, and the JSON keys
# and TSV columns of the lists of tally and suggest (docs.sh does the rest).
. "$(dirname "$0")/../lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
py=/usr/bin/python3
setup
cd "$T" || exit 2
export HEARTH_NOW=1799380800 # 2027-01-08 12:00 in Shanghai
printf '[general]\ntimezone = Asia/Shanghai\n' >"$XDG_CONFIG_HOME/hearth/config"
sed 's/\\&//g' "$top/man/hearth.1" >man1.src
sed 's/\\&//g' "$top/man/hearth.conf.5" >man5.src

# The options each section function compares names with.
func_names() {
	awk "/^static bool $1\\(/,/^}/" "$top/core/config_report.c" |
		grep -o 'strn\?cmp(name, "[^"]*"' | sed 's/.*"\(.*\)"$/\1/'
}
category=$(func_names set_category)
topic=$(func_names set_topic)
check_eq "config_report.c's [category] options are found" 5 "$(echo "$category" | wc -l)"
check_eq "config_report.c's [topic] options are found" 2 "$(echo "$topic" | wc -l)"
for opt_name in $category $topic; do
	re=$(echo "$opt_name" | sed 's/\./\\./g')
	if grep -Eq "^\.It Cm $re( |$)" man5.src; then
		ok "hearth.conf.5 documents '$opt_name'"
	else
		not_ok "hearth.conf.5 documents '$opt_name'"
	fi
	if grep -Eq "^[#;]? *$re[a-zA-Z_]* *=" "$top/config.example"; then
		ok "config.example shows '$opt_name'"
	else
		not_ok "config.example shows '$opt_name'"
	fi
done

# The built-in categories, row by row: "Label, unit; kinds."
h --config /dev/null tally categories --format tsv >cats.tsv
check_eq "thirteen categories are built in" 13 "$(wc -l <cats.tsv | tr -d ' ')"
while IFS="$(printf '\t')" read -r key label unit kinds; do
	want="$label, $unit; $(echo "$kinds" | sed 's/ /, /g; s/^\*$/every kind/')."
	found=$(awk -v want=".It Cm $key" '$0 == want { getline; print; exit }' man5.src)
	check_eq "hearth.conf.5 describes the built-in category $key" "$want" "$found"
done <cats.tsv
check_eq "the built-in topics, as hearth.conf.5 names them" \
	"labour-rights care facilities safety governance other" \
	"$(h --config /dev/null suggest topics --format tsv | cut -f1 | tr '\n' ' ' | sed 's/ $//')"

# The JSON keys and TSV columns of each list, against hearth.1.
h init >/dev/null
id=$(h add --kind station --title 驿站 --start "2027-01-07 08:00" --end 20:00 \
	--venue 盘锦工会驿站)
h tally add "$id" --at 2027-01-07 served=10 meals=3 >/dev/null
h suggest add 建议 --topic care --venue 盘锦工会驿站 --event "$id" >/dev/null
for list in "tally ls $id" "tally categories" "suggest topics" suggestions; do
	name=$(echo "$list" | awk '{ print ($1 == "suggestions") ? $1 : $1 " " $2 }')
	# shellcheck disable=SC2086
	h $list --format json >list.json
	# shellcheck disable=SC2086
	h $list --format tsv >list.tsv
	printed=$("$py" - list.json list.tsv <<'EOF'
import json, sys
rows = json.load(open(sys.argv[1], encoding="utf-8"))
tsv = [l.rstrip("\n").split("\t") for l in open(sys.argv[2], encoding="utf-8")]
for row, line in zip(rows, tsv):
    values = ["" if v is None else str(v) for v in row.values()]
    if values != line:
        print("tsv differs from json:", values, line)
if len(rows) != len(tsv) or not rows:
    print("tsv has", len(tsv), "lines, json", len(rows), "objects")
print(" ".join(rows[0].keys()) if rows else "")
EOF
)
	documented=$(awk -v want=".\\\\\" keys: $name" '
		$0 == want { on = 1; next }
		on && /^\.Li / { sub(/^\.Li /, ""); gsub(/ ,/, ""); print; exit }' man1.src)
	check_eq "hearth.1 gives the json keys and tsv columns of '$name'" \
		"$printed" "$documented"
done
