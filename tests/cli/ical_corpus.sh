#!/bin/sh
# ical_corpus.sh - hearth reads what other programs write as they read it
# (issue 11): every calendar of tests/corpus (other projects' test suites,
# most of them bug reports of real files) is imported into a fresh
# database, and hearth's occurrences over a window are compared with those
# of python3-recurring-ical-events (Debian) over the same window. One TAP
# line per file: agree, or differ/refused as named with its reason in
# tests/corpus/allow.txt; the last lines count the files that agree, differ
# and were refused, and list each difference under its file.
# (tests/ical/corpus_compare.py does the work; TZ and the zone hearth
# shows are Asia/Shanghai, the users'.)
. "$(dirname "$0")/../lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
setup
export TZ=Asia/Shanghai LC_ALL=C.UTF-8
# A file system in memory when there is one: a thousand small databases.
work=$(mktemp -d "${XDG_RUNTIME_DIR:-/dev/shm}/hearth-corpus.XXXXXX" 2>/dev/null) ||
	work=$(mktemp -d)
trap 'rm -rf "$T" "$work"' EXIT
/usr/bin/python3 "$top/tests/ical/corpus_compare.py" "$HEARTH" \
	"$top/tests/corpus" "$top/tests/corpus/allow.txt" "$work" Asia/Shanghai
