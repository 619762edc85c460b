#!/bin/sh
# run.sh NAME SECONDS MAX_LEN TIMEOUT [fast] - runs the fuzz harness NAME
# (built as build/fuzz/fuzz_NAME by 'make fuzz') for SECONDS and prints one
# line:
#   NAME: N executions in S s (R/s; C s of CPU, R/s of CPU), peak RSS
#   M MB, <result>
# It starts from what earlier runs found (build/fuzz/NAME/corpus, kept),
# the inputs that once failed (tests/fuzz/regress/NAME) and the harness's
# seeds; a crash, leak, undefined behaviour or input slower than TIMEOUT
# seconds stops it, is written to build/fuzz/NAME/ and makes the status
# non-zero. With 'fast' it runs build/fuzz-fast/fuzz_NAME (optimised,
# LeakSanitizer and trapping UndefinedBehaviorSanitizer, no
# AddressSanitizer: two to three times the executions) on the same corpus,
# and replays what it finds under AddressSanitizer for the report. It runs
# at the priority it is given: 'nice -n 15 make fuzz' on a shared machine.
# The whole output of libFuzzer is in build/fuzz/NAME/log.
name=$1 secs=$2 len=$3 timeout=$4 fast=$5
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
out=build/fuzz/$name
mkdir -p "$out/corpus"
case $name in
import|read) seeds="tests/corpus tests/ical" dict=tests/fuzz/ical.dict ;;
when) seeds=tests/fuzz/seeds/when dict=tests/fuzz/when.dict ;;
config) seeds="tests/fuzz/seeds/config config.example" dict=tests/fuzz/config.dict ;;
draft) seeds=tests/fuzz/seeds/draft dict=tests/fuzz/draft.dict ;;
hours|stations_csv|geojson) seeds=tests/fuzz/seeds/$name dict=tests/fuzz/$name.dict ;;
*) seeds=tests/fuzz/seeds/$name dict= ;;
esac
[ -n "$dict" ] && [ -f "$dict" ] && dict="-dict=$dict" || dict=
# Seeds given as files are copied in: libFuzzer reads directories.
for s in $seeds; do [ -f "$s" ] && cp "$s" "$out/corpus/"; done
dirs=""
for s in tests/fuzz/regress/$name $seeds; do [ -d "$s" ] && dirs="$dirs $s"; done
bin=build/fuzz/fuzz_$name
[ "$fast" = fast ] && bin=build/fuzz-fast/fuzz_$name
# Undefined behaviour is a failure like a crash, with where it happened.
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export UBSAN_OPTIONS
start=$(date +%s)
# The processor time too: on a machine shared with builds, executions per
# second of wall-clock time say more about the neighbours than the harness.
# shellcheck disable=SC2086
/usr/bin/time -f 'cpu %U %S' -o "$out/cpu" \
	"$bin" -max_total_time="$secs" -max_len="$len" \
	-timeout="$timeout" -rss_limit_mb=2048 -print_final_stats=1 \
	-artifact_prefix="$out/" $dict "$out/corpus" $dirs >"$out/log" 2>&1
status=$?
end=$(date +%s)
cpu=$(awk '/^cpu/ { printf "%d", $2 + $3 }' "$out/cpu" 2>/dev/null)
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/log" | tail -n 1)
rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$out/log" | tail -n 1)
rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$out/log" | tail -n 1)
if [ "$status" -eq 0 ]; then
	result="no crash, leak, undefined behaviour or timeout"
else
	result="FAILED: $(grep -m1 -E '^==[0-9]+==ERROR|^SUMMARY|ALARM|runtime error|deadly signal|Test unit written' "$out/log")"
	# What the fast build found, told by AddressSanitizer.
	unit=$(sed -n 's/.*Test unit written to //p' "$out/log" | tail -n 1)
	if [ "$fast" = fast ] && [ -f "$unit" ] && [ -x build/fuzz/fuzz_"$name" ]; then
		build/fuzz/fuzz_"$name" -timeout="$timeout" "$unit" \
			>"$out/asan.log" 2>&1
		result="$result (AddressSanitizer's replay: build/fuzz/$name/asan.log)"
	fi
fi
per_cpu=?
[ -n "$execs" ] && [ "${cpu:-0}" -gt 0 ] && per_cpu=$((execs / cpu))
[ "$fast" = fast ] && name="$name (fast)"
echo "$name: ${execs:-?} executions in $((end - start)) s (${rate:-?}/s; ${cpu:-?} s of CPU, $per_cpu/s of CPU), peak RSS ${rss:-?} MB, $result"
exit "$status"
