#!/bin/sh
# run.sh NAME SECONDS MAX_LEN TIMEOUT - runs the fuzz harness NAME (built as
# build/fuzz/fuzz_NAME by 'make fuzz') for SECONDS and prints one line:
#   NAME: N executions in S s (R/s), peak RSS M MB, <result>
# It starts from what earlier runs found (build/fuzz/NAME/corpus, kept),
# the inputs that once failed (tests/fuzz/regress/NAME) and the harness's
# seeds; a crash, leak or input slower than TIMEOUT seconds stops it, is
# written to build/fuzz/NAME/ and makes the status non-zero. The whole
# output of libFuzzer is in build/fuzz/NAME/log.
name=$1 secs=$2 len=$3 timeout=$4
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
out=build/fuzz/$name
mkdir -p "$out/corpus"
case $name in
import|read) seeds="tests/corpus tests/ical" dict=tests/fuzz/ical.dict ;;
when) seeds=tests/fuzz/seeds/when dict=tests/fuzz/when.dict ;;
config) seeds="tests/fuzz/seeds/config config.example" dict=tests/fuzz/config.dict ;;
hours|stations_csv|geojson) seeds=tests/fuzz/seeds/$name dict=tests/fuzz/$name.dict ;;
*) seeds=tests/fuzz/seeds/$name dict= ;;
esac
[ -n "$dict" ] && [ -f "$dict" ] && dict="-dict=$dict" || dict=
# Seeds given as files are copied in: libFuzzer reads directories.
for s in $seeds; do [ -f "$s" ] && cp "$s" "$out/corpus/"; done
dirs=""
for s in tests/fuzz/regress/$name $seeds; do [ -d "$s" ] && dirs="$dirs $s"; done
start=$(date +%s)
# shellcheck disable=SC2086
build/fuzz/fuzz_"$name" -max_total_time="$secs" -max_len="$len" \
	-timeout="$timeout" -rss_limit_mb=2048 -print_final_stats=1 \
	-artifact_prefix="$out/" $dict "$out/corpus" $dirs >"$out/log" 2>&1
status=$?
end=$(date +%s)
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/log" | tail -n 1)
rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$out/log" | tail -n 1)
rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$out/log" | tail -n 1)
if [ "$status" -eq 0 ]; then
	result="no crash, leak or timeout"
else
	result="FAILED: $(grep -m1 -E '^==[0-9]+==ERROR|^SUMMARY|ALARM|Test unit written' "$out/log")"
fi
echo "$name: ${execs:-?} executions in $((end - start)) s (${rate:-?}/s), peak RSS ${rss:-?} MB, $result"
exit "$status"
