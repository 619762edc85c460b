#!/bin/sh
# Runs every test of hearth and ends with the line "N passed, M failed".
#
# Each test program speaks TAP ("ok N - name" / "not ok N - name"): the
# cmocka unit tests (plain and under ASan/UBSan), the command-line tests
# and the TUI tests. A program that exits non-zero without reporting a
# failure, or reports nothing at all, counts as one failure.
cd "$(dirname "$0")/.." || exit 2
top=$(pwd)
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
pass=0
fail=0
skipped=0

# Tests choose their own zone and locale; nothing leaks in from the caller.
export TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE=
unset HEARTH_DB HEARTH_NOW XDG_CONFIG_HOME XDG_DATA_HOME
export HEARTH="$top/hearth"

report() {
	name=$1 log=$2 p=$3 f=$4
	pass=$((pass + p))
	fail=$((fail + f))
	if [ "$f" -gt 0 ]; then
		echo "FAIL $name ($p passed, $f failed):"
		grep -v '^ok ' "$log" | head -n 60 | sed 's/^/    /'
	elif [ "${k:-0}" -gt 0 ]; then
		echo "ok   $name ($p, $k skipped:)"
		grep '^ok .*# SKIP' "$log" | sed 's/^/    /'
	else
		echo "ok   $name ($p)"
	fi
}

# tap NAME COMMAND...: runs a TAP producer and counts its results.
tap() {
	name=$1
	shift
	log="$logs/$(echo "$name" | tr -c 'A-Za-z0-9_.-' '_').log"
	"$@" >"$log" 2>&1
	status=$?
	# A skipped check ("ok ... # SKIP") is not a pass: counted apart.
	k=$(grep -c '^ok .*# SKIP' "$log")
	p=$(($(grep -c '^ok ' "$log") - k))
	f=$(grep -c '^not ok ' "$log")
	skipped=$((skipped + k))
	if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - exited with status $status" >>"$log"
		f=1
	fi
	if [ "$p" -eq 0 ] && [ "$f" -eq 0 ] && [ "$k" -eq 0 ]; then
		echo "not ok - reported no test" >>"$log"
		f=1
	fi
	report "$name" "$log" "$p" "$f"
}

# single NAME COMMAND...: one test that passes when the command succeeds.
single() {
	k=0
	name=$1
	shift
	log="$logs/$(echo "$name" | tr -c 'A-Za-z0-9_.-' '_').log"
	if "$@" >"$log" 2>&1; then
		report "$name" "$log" 1 0
	else
		report "$name" "$log" 0 1
	fi
}

single "gcc -Wall -Wextra -Werror build" test -x "$top/hearth"
single "clang -Wall -Wextra -Werror build" make -s build/clang.stamp
tap "layering" make -s layering

for t in build/plain/tests/test_*; do
	[ -x "$t" ] || continue
	CMOCKA_MESSAGE_OUTPUT=TAP tap "unit $(basename "$t")" "$t"
done
for t in build/asan/tests/test_*; do
	[ -x "$t" ] || continue
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	CMOCKA_MESSAGE_OUTPUT=TAP tap "asan+ubsan $(basename "$t")" "$t"
done
for t in tests/cli/*.sh; do
	[ -f "$t" ] || continue
	tap "cli $(basename "$t" .sh)" sh "$t"
done
for t in tests/tui/*.sh; do
	[ -f "$t" ] || continue
	tap "tui $(basename "$t" .sh)" sh "$t"
done

[ "$skipped" -eq 0 ] || echo "$skipped skipped (not counted as passed; see the logs above)"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
