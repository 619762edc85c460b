#!/bin/sh
# manlint.sh - the manual pages are well-formed mdoc that both formatters
# read without complaint: mandoc -Tlint (warnings and worse fail; style
# hints do not) and groff, as man(1) on Debian runs it (preconv, utf8
# output), with every warning on.
# run.sh: not under ASan (it reads the manual pages only)
. "$(dirname "$0")/../lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
pages=$(find "$top/man" -type f -name '*.[1-9]' | sort)

if [ -n "$pages" ]; then ok "man/ holds manual pages"; else
	not_ok "man/ holds manual pages"; fi
for page in $pages; do
	page_name=${page#"$top"/}
	if command -v mandoc >/dev/null 2>&1; then
		check_status "mandoc -Tlint $page_name" 0 mandoc -Tlint -W warning "$page"
	else
		echo "# mandoc is not installed (Debian package mandoc): lint skipped"
	fi
	out=$(groff -k -mandoc -Tutf8 -ww -z "$page" 2>&1)
	check_eq "groff -mandoc -ww $page_name: no warnings" "" "$out"
	check_contains "$page_name renders with its NAME section" "NAME" \
		"$(MANWIDTH=80 man -l "$page" 2>/dev/null || groff -k -mandoc -Tutf8 "$page")"
done
