#!/bin/sh
# install.sh - 'make install' with DESTDIR puts every file in place, and
# 'make uninstall' takes every one of them away again.
# run.sh: not under ASan (it installs and runs ./hearth itself)
. "$(dirname "$0")/../lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
setup

# try NAME PREFIX-ARGS...: install into a fresh DESTDIR, check, uninstall.
try() {
	label=$1 prefix=$2
	shift 2
	dest="$T/$label"
	check_status "$label: make install DESTDIR=... $*" 0 \
		make -s -C "$top" install DESTDIR="$dest" "$@"
	for f in bin/hearth share/man/man1/hearth.1 share/man/man5/hearth.conf.5 \
		 share/man/zh_CN/man1/hearth.1 \
		 share/locale/zh_CN/LC_MESSAGES/hearth.mo \
		 share/doc/hearth/config.example; do
		if [ -f "$dest$prefix/$f" ]; then
			ok "$label: installs $prefix/$f"
		else
			not_ok "$label: installs $prefix/$f" \
				"$(cd "$dest" 2>/dev/null && find . -type f)"
		fi
	done
	check_status "$label: the installed hearth runs" 0 \
		"$dest$prefix/bin/hearth" --version
	check_status "$label: the installed hearth.1 is man/hearth.1" 0 \
		cmp "$top/man/hearth.1" "$dest$prefix/share/man/man1/hearth.1"
	check_status "$label: the installed hearth.conf.5 is man/hearth.conf.5" 0 \
		cmp "$top/man/hearth.conf.5" "$dest$prefix/share/man/man5/hearth.conf.5"
	check_status "$label: the installed Chinese hearth.1 is man/zh_CN/hearth.1" 0 \
		cmp "$top/man/zh_CN/hearth.1" "$dest$prefix/share/man/zh_CN/man1/hearth.1"
	if use_locales; then
		check_contains "$label: the installed catalogue speaks Chinese" \
			"不带命令时，hearth 打开全屏界面" \
			"$(HEARTH_LOCALEDIR="$dest$prefix/share/locale" \
				LC_ALL=zh_CN.UTF-8 "$dest$prefix/bin/hearth" --help)"
	else
		not_ok "$label: zh_CN.UTF-8 compiled with localedef"
	fi
	check_status "$label: make uninstall DESTDIR=... $*" 0 \
		make -s -C "$top" uninstall DESTDIR="$dest" "$@"
	check_eq "$label: uninstall leaves no file behind" "" \
		"$(find "$dest" ! -type d)"
}

try default /usr/local
try usr /usr PREFIX=/usr
