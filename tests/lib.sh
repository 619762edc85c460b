# lib.sh - TAP helpers for the shell tests; source it.
#
#   setup             a private HOME, config dir and database under $T
#   ok NAME / not_ok NAME [DETAIL...]
#   check_eq NAME EXPECTED ACTUAL
#   check_contains NAME NEEDLE HAYSTACK
#   check_status NAME STATUS COMMAND...   (output kept in $OUT)
#   h ARGS...          runs hearth
HEARTH=${HEARTH:-$(cd "$(dirname "$0")/../.." && pwd)/hearth}
tap_n=0

ok() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1"
}

not_ok() {
	tap_n=$((tap_n + 1))
	echo "not ok $tap_n - $1"
	shift
	for line in "$@"; do
		printf '%s\n' "$line" | sed 's/^/#   /'
	done
}

check_eq() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		not_ok "$1" "expected:" "$2" "actual:" "$3"
	fi
}

check_contains() {
	case "$3" in
	*"$2"*) ok "$1" ;;
	*) not_ok "$1" "expected to find: $2" "in:" "$3" ;;
	esac
}

check_lacks() {
	case "$3" in
	*"$2"*) not_ok "$1" "did not expect: $2" "in:" "$3" ;;
	*) ok "$1" ;;
	esac
}

check_status() {
	name=$1
	want=$2
	shift 2
	OUT=$("$@" 2>&1)
	got=$?
	if [ "$got" = "$want" ]; then
		ok "$name"
	else
		not_ok "$name" "exit status $got, wanted $want" "$OUT"
	fi
}

h() {
	"$HEARTH" "$@"
}

setup() {
	T=$(mktemp -d)
	trap 'rm -rf "$T"' EXIT
	export HOME="$T" XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data"
	export HEARTH_DB="$T/hearth.db"
	mkdir -p "$XDG_CONFIG_HOME/hearth"
}

# use_locales: zh_CN.UTF-8 and en_US.UTF-8 for the tests, compiled with
# localedef (Debian package locales) once into build/test-locales and found
# through LOCPATH, so that no system-wide locale-gen is needed. The C.UTF-8
# fallback comes with libc itself. Returns non-zero when one cannot be made.
use_locales() {
	LOCPATH=$(cd "$(dirname "$0")/../.." && pwd)/build/test-locales
	export LOCPATH
	for l in zh_CN en_US; do
		[ -f "$LOCPATH/$l.UTF-8/LC_CTYPE" ] && continue
		mkdir -p "$LOCPATH" || return 1
		tmp=$(mktemp -d "$LOCPATH/.new.XXXXXX") || return 1
		# localedef warns (status 1) about harmless things; judge by output.
		localedef -i "$l" -f UTF-8 "$tmp/$l.UTF-8" >/dev/null 2>&1
		if [ -f "$tmp/$l.UTF-8/LC_CTYPE" ]; then
			mv "$tmp/$l.UTF-8" "$LOCPATH/" 2>/dev/null
		fi
		rm -rf "$tmp"
		[ -f "$LOCPATH/$l.UTF-8/LC_CTYPE" ] || return 1
	done
}
