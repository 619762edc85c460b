#!/bin/sh
# The layering rules of hearth (README, "HACKING"), checked on what each
# source file really includes, directly or through other headers (the
# preprocessor's dependency list, cc -M), so that a header that starts
# including curses or sqlite3.h is caught in every file that uses it:
#   - core/ never includes curses or anything from tui/;
#   - the command line (tui/cli*.c) never includes curses, and the
#     full-screen interface (tui/ui*.c) never includes the command line
#     (cli*.h, out.h): both run on the application context (tui/app.h);
#   - only the storage files (store*.c) include sqlite3.h;
#   - only core/ical/ and the schedule and zone modules (core/sched*.c,
#     core/tz.c) include libical;
#   - only core/sync/ includes libcurl and libxml2 (HTTP and XML stay
#     inside the CalDAV capability);
#   - each other library stays inside the capability it serves: pango
#     only in core/poster/, cairo only there and in core/qr/ (the QR's
#     PNG), libqrencode only in core/qr/, jansson only in core/stations/
#     (GeoJSON), libxlsxwriter only in the files that write workbooks
#     (*_xlsx.c).
# Run by 'make layering' (which passes the compiler and its flags) as part
# of 'make check'. Prints TAP.
cd "$(dirname "$0")/.." || exit 2
CC=${CC:-cc}
deps=$(mktemp -d)
trap 'rm -rf "$deps"' EXIT

n=0
failed=0
# headers_of FILE: every header FILE includes, one a line.
headers_of() {
	out="$deps/$(echo "$1" | tr / _).d"
	if [ ! -f "$out" ]; then
		# shellcheck disable=SC2086 # LAYER_CFLAGS is a list of flags
		$CC $LAYER_CFLAGS -M "$1" 2>"$out.err" >"$out.raw" || {
			echo "# $CC -M $1 failed:"; sed 's/^/#   /' "$out.err"
			return 1
		}
		tr ' \\' '\n\n' <"$out.raw" | grep '\.h$' >"$out"
	fi
	cat "$out"
}

# rule NAME PATTERN FILE...: no FILE includes a header matching PATTERN.
rule() {
	name=$1 pattern=$2
	shift 2
	n=$((n + 1))
	bad=""
	for f in "$@"; do
		[ -f "$f" ] || continue
		if ! h=$(headers_of "$f"); then
			bad="$bad $f"
			continue
		fi
		hit=$(echo "$h" | grep -E "$pattern" | head -n 3 | tr '\n' ' ')
		[ -z "$hit" ] || { bad="$bad $f"; echo "# $f includes $hit"; }
	done
	if [ -z "$bad" ]; then
		echo "ok $n - $name"
	else
		echo "not ok $n - $name:$bad"
		failed=1
	fi
}

# The source files of a rule's scope, or of everything else.
core=$(ls core/*.c core/*/*.c 2>/dev/null)
all=$(ls core/*.c core/*/*.c tui/*.c 2>/dev/null)
not_store=$(echo "$all" | grep -v -E '^core/(.*/)?store[^/]*\.c$')
not_ical=$(echo "$all" | grep -v -E '^core/(ical/.*|sched[^/]*|tz)\.c$')
not_sync=$(echo "$all" | grep -v -E '^core/sync/')
not_poster=$(echo "$all" | grep -v -E '^core/poster/')
not_cairo=$(echo "$all" | grep -v -E '^core/(poster|qr)/')
not_qr=$(echo "$all" | grep -v -E '^core/qr/')
not_stations=$(echo "$all" | grep -v -E '^core/stations/')
not_xlsx=$(echo "$all" | grep -v -E '_xlsx\.c$')

# Every file's list at once, a process per core (the rules then read them;
# a file whose cc -M failed is tried again by headers_of, which says why).
export CC LAYER_CFLAGS deps
# shellcheck disable=SC2016 # expanded by the inner shell
echo "$all" | xargs -P "$(nproc 2>/dev/null || echo 1)" -n 8 sh -c '
	for f; do
		out="$deps/$(echo "$f" | tr / _).d"
		$CC $LAYER_CFLAGS -M "$f" 2>/dev/null >"$out.raw" &&
			tr " \\\\" "\n\n" <"$out.raw" | grep "\.h$" >"$out.tmp" &&
			mv "$out.tmp" "$out"
	done' sh

rule "core/ never includes curses" '(^|/)n?curses[^/]*\.h$' $core
rule "core/ never includes tui/" '(^|/)tui/' $core
rule "the command line (tui/cli*.c) never includes curses" \
	'(^|/)n?curses[^/]*\.h$' tui/cli*.c
rule "the full-screen interface (tui/ui*.c) never includes cli*.h or out.h" \
	'(^|/)(cli[^/]*|out)\.h$' tui/ui*.c
rule "only store*.c include sqlite3.h" '(^|/)sqlite3\.h$' $not_store
rule "only core/ical/, sched and tz include libical" '(^|/)libical/' \
	$not_ical
rule "only core/sync/ includes libcurl and libxml2" \
	'(^|/)(curl|libxml)/' $not_sync
rule "only core/poster/ includes pango" '(^|/)pango-1\.0/' $not_poster
rule "only core/poster/ and core/qr/ include cairo" '(^|/)cairo/' $not_cairo
rule "only core/qr/ includes libqrencode" '(^|/)qrencode\.h$' $not_qr
rule "only core/stations/ includes jansson" '(^|/)jansson[^/]*\.h$' \
	$not_stations
rule "only *_xlsx.c include libxlsxwriter" '(^|/)xlsxwriter(\.h$|/)' \
	$not_xlsx
echo "1..$n"
exit $failed
