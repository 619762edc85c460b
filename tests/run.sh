#!/bin/sh
# Runs every test of hearth and ends with the line "N passed, M failed".
#
# Each test program speaks TAP ("ok N - name" / "not ok N - name"): the
# layering rules, the cmocka unit tests (plain and under ASan/UBSan), the
# command-line tests and the TUI tests, each of the last two once against
# ./hearth and once against the ASan+UBSan build (build/san/hearth). A
# program that exits non-zero without reporting a failure, reports
# nothing at all, or makes a sanitizer report counts as one failure. A
# skipped check ("ok ... # SKIP") is counted apart, never as passed.
#
# Programs run TEST_JOBS at a time (default: twice the cores), longest
# first by the times of the last run (build/test-times); each program's
# report is printed whole as soon as it ends.
#
# With arguments, only the programs whose names contain one of them run
# (sh tests/run.sh tui "cli demo").
#
# A shell test that never runs hearth (a manual page lint, say) says so
# with a line "# run.sh: not under ASan" and runs once.
cd "$(dirname "$0")/.." || exit 2
top=$(pwd)
logs=$(mktemp -d)
[ -n "$KEEP_LOGS" ] || trap 'rm -rf "$logs"' EXIT
# Interrupted: the programs started here go too, children first.
descendants() {
	for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do
		descendants "$c"
		echo "$c"
	done
}
trap 'kill $(descendants $$) 2>/dev/null; exit 130' INT TERM
jobs=${TEST_JOBS:-$((2 * $(nproc 2>/dev/null || echo 1)))}
times="$top/build/test-times"
asan_hearth="$top/build/san/hearth"

# Tests choose their own zone and locale; nothing leaks in from the caller.
export TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE=
unset HEARTH_DB HEARTH_NOW HEARTH_LOCALEDIR XDG_CONFIG_HOME XDG_DATA_HOME
export HEARTH="$top/hearth"

filters=$(printf '%s\n' "$@")
n=0
# add KIND NAME [VAR=VALUE...] -- COMMAND...: a program to run. KIND is
# tap (counts its TAP lines) or single (one test: passes when it exits 0).
add() {
	if [ -n "$filters" ]; then
		match=$(printf '%s\n' "$filters" | while IFS= read -r f; do
			case "$2" in *"$f"*) echo y; break ;; esac; done)
		[ -n "$match" ] || return 0
	fi
	n=$((n + 1))
	echo "$1" >"$logs/$n.kind"
	echo "$2" >"$logs/$n.name"
	shift 2
	{
		echo "cd '$top' || exit 2"
		while [ "$1" != "--" ]; do
			printf "export %s='%s'\n" "${1%%=*}" "${1#*=}"
			shift
		done
		shift
		printf 'exec'
		printf " '%s'" "$@"
		echo
	} >"$logs/$n.sh"
}

# Where a sanitizer report of program i goes (ASan, UBSan and LSan append
# the process id): one file per process that found something. Leaks inside
# libraries' own caches are suppressed by tests/lsan.supp.
sanitizer_env() {
	echo "ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:log_path=$logs/$1.san" \
	     "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:log_path=$logs/$1.san" \
	     "LSAN_OPTIONS=suppressions=$top/tests/lsan.supp:print_suppressions=0"
}

cores=$(nproc 2>/dev/null || echo 1)
add tap "clang -Wall -Wextra -Werror build" -- sh -c \
	"make -s -j$cores build/clang.stamp && echo ok 1 - clang, every file"
add tap "gcc -O3 -Werror build (a packager's flags)" -- sh -c \
	"make -s -j$cores build/o3.stamp && echo ok 1 - gcc -O3, every file"
add tap "layering" -- make -s layering
builds=$n

for t in build/plain/tests/test_*; do
	[ -x "$t" ] || continue
	add tap "unit $(basename "$t")" CMOCKA_MESSAGE_OUTPUT=TAP -- "$t"
done
for t in build/asan/tests/test_*; do
	[ -x "$t" ] || continue
	# shellcheck disable=SC2046 # two VAR=VALUE words
	add tap "asan+ubsan $(basename "$t")" CMOCKA_MESSAGE_OUTPUT=TAP \
		$(sanitizer_env $((n + 1))) -- "$t"
done
for dir in cli tui; do
	for t in tests/$dir/*.sh; do
		[ -f "$t" ] || continue
		name="$dir $(basename "$t" .sh)"
		add tap "$name" -- sh "$t"
		grep -q '^# run.sh: not under ASan' "$t" && continue
		# shellcheck disable=SC2046
		add tap "$name (asan+ubsan hearth)" HEARTH="$asan_hearth" \
			HEARTH_LOCALEDIR="$top/build/locale" \
			$(sanitizer_env $((n + 1))) -- sh "$t"
	done
done

# The order to start them in: the builds from the sources first (then
# the sources may change under the rest), then longest first by the last
# run's times, the programs not timed yet before the others (they may be
# long).
i=$builds
seq 1 $builds >"$logs/order"
while [ $i -lt $n ]; do
	i=$((i + 1))
	name=$(cat "$logs/$i.name")
	ms=$(awk -v n="$name" -F '\t' '$2 == n { print $1 }' "$times" 2>/dev/null)
	echo "${ms:-999999999} $i"
done | sort -k1,1nr -k2,2n | awk '{ print $2 }' >>"$logs/order"

now_ms() {
	echo $(($(date +%s%N) / 1000000))
}

# start I: runs program I in the background; I.status appears at its end.
start() {
	(
		t0=$(now_ms)
		sh "$logs/$1.sh" >"$logs/$1.log" 2>&1 </dev/null
		status=$?
		echo $(($(now_ms) - t0)) >"$logs/$1.ms"
		echo $status >"$logs/$1.status"
	) &
}

pass=0
fail=0
skipped=0

# count I: judges program I's log; sets p, f, k.
count() {
	log="$logs/$1.log"
	status=$(cat "$logs/$1.status")
	k=$(grep -c '^ok .*# SKIP' "$log")
	p=$(($(grep -c '^ok ' "$log") - k))
	f=$(grep -c '^not ok ' "$log")
	: >"$logs/$1.sanitizer"
	for san in "$logs/$1.san".*; do
		[ -f "$san" ] || continue
		{
			echo "not ok - a sanitizer reported (process ${san##*.}):"
			head -n 40 "$san" | sed 's/^/#   /'
		} >>"$logs/$1.sanitizer"
		f=$((f + 1))
	done
	if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - exited with status $status" >>"$log"
		f=1
	fi
	if [ "$p" -eq 0 ] && [ "$f" -eq 0 ] && [ "$k" -eq 0 ]; then
		echo "not ok - reported no test" >>"$log"
		f=1
	fi
}

# report I: prints program I's result, its failures and skips, grouped.
report() {
	name=$(cat "$logs/$1.name")
	count "$1"
	secs=$(awk -v ms="$(cat "$logs/$1.ms")" 'BEGIN { printf "%.1f", ms / 1000 }')
	pass=$((pass + p))
	fail=$((fail + f))
	skipped=$((skipped + k))
	if [ "$f" -gt 0 ]; then
		echo "FAIL $name ($p passed, $f failed; ${secs} s):"
		grep -v '^ok ' "$logs/$1.log" | head -n 60 | sed 's/^/    /'
		sed 's/^/    /' "$logs/$1.sanitizer"
	elif [ "$k" -gt 0 ]; then
		echo "ok   $name ($p, $k skipped; ${secs} s):"
		grep '^ok .*# SKIP' "$logs/$1.log" | sed 's/^/    /'
	else
		echo "ok   $name ($p; ${secs} s)"
	fi
}

t_start=$(now_ms)
active=""
for i in $(cat "$logs/order") end; do
	# Report what has ended; wait for a free slot (at the end, for all).
	while :; do
		still=""
		for j in $active; do
			if [ -f "$logs/$j.status" ]; then
				report "$j"
			else
				still="$still $j"
			fi
		done
		ended=$([ "$still" = "$active" ] || echo y)
		active=$still
		set -- $active
		if [ "$i" = end ]; then
			[ $# -eq 0 ] && break
		elif [ $# -lt "$jobs" ]; then
			break
		fi
		[ -n "$ended" ] || sleep 0.2
	done
	[ "$i" = end ] && break
	start "$i"
	active="$active $i"
done
wait

# The times of this run, for the next one's order.
mkdir -p "$(dirname "$times")"
i=0
while [ $i -lt $n ]; do
	i=$((i + 1))
	printf '%s\t%s\n' "$(cat "$logs/$i.ms")" "$(cat "$logs/$i.name")"
done >"$times.new" && mv "$times.new" "$times"

secs=$((($(now_ms) - t_start) / 1000))
echo "($n programs, $jobs at a time, ${secs} s)"
[ "$skipped" -eq 0 ] || echo "$skipped skipped (not counted as passed; see the logs above)"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
