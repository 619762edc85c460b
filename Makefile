# hearth - a terminal community-event manager.
#
#   make            build ./hearth
#   make run        install missing Debian packages, build, open the TUI
#   make check      install what the tests need, then run every test
#                   (TEST_JOBS=N programs at once; default: twice the cores)
#   make bench      benchmarks (not part of check)
#   make install    install under $(DESTDIR)$(PREFIX)
#   make install-shared GROUP=organisers [VIEWERS=residents] [DIR=/var/lib/hearth]
#                   one calendar for several Unix users (hearth(1), SHARING
#                   A CALENDAR)

PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
MANPREFIX ?= $(PREFIX)/share/man
DOCDIR    ?= $(PREFIX)/share/doc/hearth
LOCALEDIR ?= $(PREFIX)/share/locale
SYSCONFDIR ?= /etc
DESTDIR   ?=

CC         ?= cc
PKG_CONFIG ?= pkg-config
CFLAGS     ?= -O2 -g

# Warnings are errors in a developer's build (CFLAGS left as above) and
# always in 'make check' and CI, which pass WERROR=-Werror; not when a
# packager chooses CFLAGS (make CFLAGS=-O3, dpkg-buildflags in the
# environment), where a newer compiler's new warning must not stop a build.
WERROR ?= $(if $(filter command line environment%,$(origin CFLAGS)),,-Werror)

CORE_PKGS = sqlite3 libical inih icu-i18n libacl libqrencode cairo pangocairo \
            xlsxwriter jansson libcurl libxml-2.0
PKGS      = $(CORE_PKGS) ncursesw
WARNINGS  = -Wall -Wextra $(WERROR) -Wmissing-prototypes -Wstrict-prototypes \
            -Wshadow -Wformat=2 -Wpointer-arith -Wvla -Wundef
HEARTH_CPPFLAGS = -D_GNU_SOURCE -DLOCALEDIR='"$(LOCALEDIR)"' \
                  -DSYSCONFDIR='"$(SYSCONFDIR)"'
# Recursive (=) so that pkg-config runs after 'deps' has installed things.
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS))
PKG_LIBS   = $(shell $(PKG_CONFIG) --libs $(PKGS)) -lm
CORE_LIBS  = $(shell $(PKG_CONFIG) --libs $(CORE_PKGS)) -lm
ALL_CFLAGS = -std=c11 $(WARNINGS) $(HEARTH_CPPFLAGS) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS)

SANITIZE = -fsanitize=address,undefined -fno-sanitize-recover=all \
           -fno-omit-frame-pointer

# core/ holds the model and base modules at its top and one folder per
# capability with a single public header (core/ical/ical.h, ...).
CORE_SRC = $(sort $(wildcard core/*.c core/*/*.c))
CORE_HDR = $(sort $(wildcard core/*.h core/*/*.h))
TUI_SRC  = $(sort $(wildcard tui/*.c))
UNIT_SRC = $(sort $(wildcard tests/unit/test_*.c))
B        = build

CORE_OBJ = $(CORE_SRC:%.c=$(B)/plain/%.o)
TUI_OBJ  = $(TUI_SRC:%.c=$(B)/plain/%.o)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(B)/plain/tests/%) \
           $(UNIT_SRC:tests/unit/%.c=$(B)/asan/tests/%)

# Debian packages: to build and run, and in addition to test.
BUILD_DEBS = gcc make pkg-config libc6-dev libsqlite3-dev libical-dev \
             libinih-dev libncurses-dev libicu-dev libacl1-dev gettext tzdata \
             locales libqrencode-dev libcairo2-dev libpango1.0-dev fonts-noto-cjk \
             libxlsxwriter-dev libjansson-dev libcurl4-openssl-dev libxml2-dev
TEST_DEBS  = libcmocka-dev clang tmux sqlite3 python3 \
             python3-icalendar python3-recurring-ical-events khal calcurse \
             mandoc man-db zbar-tools poppler-utils nginx curl nodejs \
             python3-openpyxl python3-geojson radicale python3-caldav openssl time \
             acl
# npm comes with some builds of nodejs and is a package of its own in Debian.
ifeq ($(shell command -v npm 2>/dev/null),)
TEST_DEBS += npm
endif
# ical.js, a reader of iCalendar that web calendars use, for
# tests/cli/phones.sh: from the npm registry into build/npm at a fixed
# version, never into the repository.
ICALJS_VERSION = 2.2.1
ICALJS = $(B)/npm/node_modules/ical.js/package.json

PO       = $(sort $(wildcard po/*.po))
MO       = $(PO:po/%.po=$(B)/locale/%/LC_MESSAGES/hearth.mo)
# Translated manual pages: man/LANG/NAME.SECTION.
LANG_MAN = $(sort $(wildcard man/*/*.[1-9]))

all: hearth $(MO)

# Message catalogues: ./hearth finds build/locale beside itself.
$(B)/locale/%/LC_MESSAGES/hearth.mo: po/%.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<

# The template of every translatable string, for translators (po-update).
$(B)/hearth.pot: $(CORE_SRC) $(TUI_SRC)
	@mkdir -p $(@D)
	xgettext --from-code=UTF-8 --language=C -k_ -kN_ -kngettext:1,2 \
	  --add-comments=TRANSLATORS --package-name=hearth -o $@ $^

pot: $(B)/hearth.pot

po-update: $(B)/hearth.pot
	for po in $(PO); do msgmerge --update --backup=none $$po $<; done

hearth: $(CORE_OBJ) $(TUI_OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(B)/plain/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/asan/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(SANITIZE) -O1 -MMD -MP -c -o $@ $<

$(B)/plain/tests/%: $(B)/plain/tests/unit/%.o $(CORE_OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(CORE_LIBS) -lcmocka

$(B)/asan/tests/%: $(B)/asan/tests/unit/%.o $(CORE_SRC:%.c=$(B)/asan/%.o)
	$(CC) $(CFLAGS) $(SANITIZE) $(LDFLAGS) -o $@ $^ $(CORE_LIBS) -lcmocka

# The real program under ASan+UBSan: make check runs every command-line
# and full-screen test against it as well as against ./hearth. Built by
# clang, whose single sanitizer runtime writes UBSan's reports to
# log_path as well as ASan's (gcc's separate libubsan writes them to
# stderr, which the full-screen interface sends to /dev/null), and which
# so builds and links every file with the second compiler too.
ASAN_HEARTH = $(B)/san/hearth
$(B)/san/%.o: %.c
	@mkdir -p $(@D)
	clang $(ALL_CFLAGS) $(SANITIZE) -O1 -MMD -MP -c -o $@ $<

$(ASAN_HEARTH): $(CORE_SRC:%.c=$(B)/san/%.o) $(TUI_SRC:%.c=$(B)/san/%.o)
	clang $(CFLAGS) $(SANITIZE) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

# A packager's optimised build must compile without a warning too (gcc's
# -O3 finds may-be-uninitialized paths -O2 does not): make check compiles
# every file once more at -O3, warnings as errors, objects thrown away.
# One target per file, so that make -j spreads them over the cores and a
# second check compiles only what changed (FILE.ok, with its .d).
$(B)/o3/%.ok: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Werror -O3 -MMD -MP -MF $(@:.ok=.d) -MT $@ \
	  -c -o /dev/null $<
	@touch $@

$(B)/o3.stamp: $(CORE_SRC:%.c=$(B)/o3/%.ok) $(TUI_SRC:%.c=$(B)/o3/%.ok)
	@touch $@

# Benchmarks (make bench): -O2 without sanitizers whatever CFLAGS says, so
# that the figures describe the code users run. Each tests/bench/bench_X.c
# becomes $(B)/bench/bench_X, linked with the core and the shared calendar
# generator (bench_cal.c).
BENCH_SIZES  ?= 1000 10000 100000
BENCH_REPS   ?= 7
BENCH_CFLAGS  = -O2 -g
BENCH_COMMON  = $(B)/bench/tests/bench/bench_cal.o

$(B)/bench/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(BENCH_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/bench/bench_%: $(B)/bench/tests/bench/bench_%.o $(BENCH_COMMON) \
		    $(CORE_SRC:%.c=$(B)/bench/%.o)
	$(CC) $(BENCH_CFLAGS) $(LDFLAGS) -o $@ $^ $(CORE_LIBS)

# The same sources under clang, warnings as errors, to keep both compilers
# happy (one target per file, as for -O3).
$(B)/clang/%.ok: %.c
	@mkdir -p $(@D)
	clang $(ALL_CFLAGS) -Werror -fsyntax-only -MMD -MP -MF $(@:.ok=.d) \
	  -MT $@ $<
	@touch $@

$(B)/clang.stamp: $(CORE_SRC:%.c=$(B)/clang/%.ok) $(TUI_SRC:%.c=$(B)/clang/%.ok)
	@touch $@

# Rewrites the whole screens tests/tui/screens.sh compares (see
# tests/tui/screens/README.md): after a change to what a screen shows.
screens: hearth
	HEARTH_SCREENS=update TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE= \
	  sh tests/tui/screens.sh

# The layering rules (tests/layering.sh), on what each file really includes.
layering:
	@CC='$(CC)' LAYER_CFLAGS='-std=c11 -D_GNU_SOURCE $(CPPFLAGS) $(PKG_CFLAGS)' \
	  sh tests/layering.sh

-include $(shell find $(B) -name '*.d' 2>/dev/null)

# Installs the Debian packages in $(1) that are missing (as root, or by sudo).
define install_debs
	@if ! command -v dpkg-query >/dev/null 2>&1; then \
	  echo "not a Debian system: install by hand: $(1)"; exit 0; fi; \
	missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' \
	    || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  $$sudo apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq \
	    --no-install-recommends $$missing >/dev/null || exit 1; fi
endef

deps:
	$(call install_debs,$(BUILD_DEBS))

test-deps: deps
	$(call install_debs,$(TEST_DEBS))

# clang's sanitizer and libFuzzer runtimes come with clang's own version
# number (libclang-rt-14-dev on Debian 12).
san-deps: test-deps
	$(call install_debs,libclang-rt-$$(clang -dumpversion | cut -d. -f1)-dev)

run: deps
	@$(MAKE) --no-print-directory hearth $(MO)
	./hearth

# Test programs mostly wait (tmux screens, other processes, servers): two
# per core finished a check in 245 s where one per core took 436 s on the
# shared 2-core machine.
TEST_JOBS ?= $(shell echo $$((2 * $$(nproc 2>/dev/null || echo 1))))
# The build before the tests uses every core unless make was given -j.
NPROC ?= $(shell nproc 2>/dev/null || echo 1)
check: san-deps
	@$(MAKE) --no-print-directory $(if $(filter -j%,$(MAKEFLAGS)),,-j$(NPROC)) \
	  WERROR=-Werror hearth $(MO) $(UNIT_BIN) $(ASAN_HEARTH) $(ICALJS)
	@TEST_JOBS=$(TEST_JOBS) sh tests/run.sh

$(ICALJS):
	@mkdir -p $(B)/npm
	npm install --prefix $(B)/npm --no-save --no-audit --no-fund \
	  --loglevel=error ical.js@$(ICALJS_VERSION)

bench: bench-store bench-ical bench-tui bench-report bench-stations bench-sync \
	bench-wait

# The interface needs the front end's objects too (all but main.o).
$(B)/bench/bench_tui: $(B)/bench/tests/bench/bench_tui.o $(BENCH_COMMON) \
		      $(CORE_SRC:%.c=$(B)/bench/%.o) \
		      $(filter-out $(B)/bench/tui/main.o,$(TUI_SRC:%.c=$(B)/bench/%.o))
	$(CC) $(BENCH_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

# The first screen and key handling at 1k and 100k series, beside calcurse.
bench-tui: test-deps
	@$(MAKE) --no-print-directory $(B)/bench/bench_tui
	$(B)/bench/bench_tui --reps 3 --dir $(B)/bench/data 1000 100000

# A year's report at BENCH_SIZES series with tallies on every occurrence
# held, beside the sqlite3 shell doing the same sums (tests/bench).
bench-report: test-deps
	@$(MAKE) --no-print-directory hearth $(B)/bench/bench_report
	$(B)/bench/bench_report --reps 5 --dir $(B)/bench/data --hearth ./hearth \
	  $(BENCH_SIZES)

# hearth open near a point through the R*Tree beside a scan of every
# station, and a week's coverage, at 1k and 10k stations with 500 and
# 5,000 demand points (tests/bench/bench_stations.c).
STATION_SIZES ?= 1000:500 10000:5000
bench-stations: test-deps
	@$(MAKE) --no-print-directory $(B)/bench/bench_stations
	$(B)/bench/bench_stations --reps 7 --dir $(B)/bench/data $(STATION_SIZES)

# hearth sync against Radicale (tests/bench/sync_bench.py), beside
# python3-caldav: at SYNC_PUSH_SIZES series a first sync sending every
# event, a no-change sync, one change, a pull into a new database; at
# SYNC_SIZES series the calendar already on the server, pulled by a first
# sync into a new database, then a no-change sync and one change. Radicale
# reads every object of a calendar to check each new one's UID, so sending
# N events costs it O(N^2): 10,000 is the server's hour, and the sending
# bench stops at 1,000.
SYNC_PUSH_SIZES ?= 1000
SYNC_SIZES ?= 1000 10000
bench-sync: test-deps
	@$(MAKE) --no-print-directory hearth
	/usr/bin/python3 tests/bench/sync_bench.py --hearth ./hearth \
	  --dir $(B)/bench/data $(SYNC_PUSH_SIZES)
	/usr/bin/python3 tests/bench/sync_bench.py --hearth ./hearth \
	  --dir $(B)/bench/data --seeded $(SYNC_SIZES)

# The occurrence query at BENCH_SIZES series, beside calcurse (tests/bench).
# BENCH_STORE_FLAGS=--cpu gives CPU time instead of wall-clock time (for a
# machine busy with other work).
bench-store: test-deps
	@$(MAKE) --no-print-directory hearth $(B)/bench/bench_store
	$(B)/bench/bench_store --reps $(BENCH_REPS) --dir $(B)/bench/data \
	  --hearth ./hearth $(BENCH_STORE_FLAGS) $(BENCH_SIZES)

# A reader's worst wait while another process imports the largest of
# BENCH_SIZES series, and one series with 10k and 100k changed occurrences
# (how an import's cost grows with them).
bench-wait: test-deps
	@$(MAKE) --no-print-directory hearth $(B)/bench/bench_wait
	$(B)/bench/bench_wait --dir $(B)/bench/data --hearth ./hearth \
	  $(lastword $(BENCH_SIZES)) 10000 100000

# Fuzzing with libFuzzer (clang, from Debian). Each tests/fuzz/fuzz_NAME.c
# is a harness: the iCalendar reader alone (read), the importer into an
# in-memory database (import), the date and time parser (when), the config
# parser (config). 'make fuzz' runs every one in turn for FUZZ_TIME seconds
# (FUZZERS="import when" picks some), from what earlier runs found
# (build/fuzz/NAME/corpus), the inputs that once failed
# (tests/fuzz/regress/NAME) and its seeds (tests/fuzz/run.sh), and prints
# executions, executions a second and peak memory. FUZZ_FAST=1 runs the
# builds without AddressSanitizer (build/fuzz-fast) on the same corpus for
# long runs. A crash, a leak, undefined behaviour or an input slower than
# FUZZ_TIMEOUT seconds stops it and lands in
# build/fuzz/NAME/: fix it and keep the input in tests/fuzz/regress/NAME,
# which 'make check' replays (tests/unit/test_fuzz_NAME.c).
FUZZERS      ?= $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_TIME    ?= 600
FUZZ_LEN     ?= 4096
FUZZ_TIMEOUT ?= 1
FUZZ_FLAGS    = -g -O1 -fsanitize=address,undefined -fno-omit-frame-pointer

$(B)/fuzz/%.o: %.c
	@mkdir -p $(@D)
	clang $(ALL_CFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -MMD -MP \
	  -c -o $@ $<

$(B)/fuzz/fuzz_%: $(B)/fuzz/tests/fuzz/fuzz_%.o $(CORE_SRC:%.c=$(B)/fuzz/%.o)
	clang $(FUZZ_FLAGS) -fsanitize=fuzzer -o $@ $^ $(CORE_LIBS)

# The same harnesses without AddressSanitizer, optimised, still checking
# for leaks and undefined behaviour: about twice the executions
# for long runs (FUZZ_FAST=1); what they find is replayed under
# AddressSanitizer before it is believed (tests/fuzz/run.sh).
FUZZ_FAST_FLAGS = -g -O2 -fsanitize=leak,undefined -fsanitize-trap=undefined \
		  -fno-omit-frame-pointer

$(B)/fuzz-fast/%.o: %.c
	@mkdir -p $(@D)
	clang $(ALL_CFLAGS) $(FUZZ_FAST_FLAGS) -fsanitize=fuzzer-no-link -MMD -MP \
	  -c -o $@ $<

$(B)/fuzz-fast/fuzz_%: $(B)/fuzz-fast/tests/fuzz/fuzz_%.o \
		       $(CORE_SRC:%.c=$(B)/fuzz-fast/%.o)
	clang $(FUZZ_FAST_FLAGS) -fsanitize=fuzzer -o $@ $^ $(CORE_LIBS)

# run.sh measures the processor time with /usr/bin/time.
fuzz: san-deps
	$(call install_debs,time)
	@$(MAKE) --no-print-directory $(FUZZERS:%=$(B)/fuzz/fuzz_%) \
	  $(if $(FUZZ_FAST),$(FUZZERS:%=$(B)/fuzz-fast/fuzz_%))
	@status=0; for f in $(FUZZERS); do \
	  sh tests/fuzz/run.sh $$f $(FUZZ_TIME) $(FUZZ_LEN) $(FUZZ_TIMEOUT) \
	    $(if $(FUZZ_FAST),fast) || status=1; done; exit $$status

# Benchmarks: iCalendar import and export against calcurse and against
# libical parsing plus SQLite inserts (BENCH_SIZES series).

$(B)/bench/ical_baseline: tests/bench/ical_baseline.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(CORE_LIBS)

bench-ical: test-deps
	@$(MAKE) --no-print-directory hearth $(B)/bench/ical_baseline
	/usr/bin/python3 tests/bench/ical_bench.py $(BENCH_SIZES)


install: hearth $(MO)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANPREFIX)/man1 \
	  $(DESTDIR)$(MANPREFIX)/man5 $(DESTDIR)$(DOCDIR)
	install -m 755 hearth $(DESTDIR)$(BINDIR)/hearth
	install -m 644 man/hearth.1 $(DESTDIR)$(MANPREFIX)/man1/hearth.1
	install -m 644 man/hearth.conf.5 $(DESTDIR)$(MANPREFIX)/man5/hearth.conf.5
	install -m 644 config.example $(DESTDIR)$(DOCDIR)/config.example
	for mo in $(MO); do lang=$${mo#$(B)/locale/}; lang=$${lang%%/*}; \
	  install -d $(DESTDIR)$(LOCALEDIR)/$$lang/LC_MESSAGES; \
	  install -m 644 $$mo $(DESTDIR)$(LOCALEDIR)/$$lang/LC_MESSAGES/hearth.mo; \
	done
	for page in $(LANG_MAN); do rel=$${page#man/}; lang=$${rel%%/*}; \
	  name=$${rel#*/}; dir=$(DESTDIR)$(MANPREFIX)/$$lang/man$${name##*.}; \
	  install -d $$dir && install -m 644 $$page $$dir/$$name || exit 1; \
	done

# One calendar for several organisers on one server: the directory DIR
# belongs to GROUP, setgid and 2770, so that what hearth creates in it stays
# the group's; the database is 0660; a VIEWERS group may read the directory
# and the database only (POSIX ACLs), never write. $(SYSCONFDIR)/hearth/
# database names it, so that hearth opens it when no --db, HEARTH_DB or
# config says otherwise. The groups must exist (groupadd). Run it again to
# repair the modes; an existing database is kept.
DIR  ?= /var/lib/hearth
ZONE ?=
install-shared: hearth
	@[ -n "$(GROUP)" ] || { echo "make install-shared: say which group" \
	  "organises: GROUP=organisers" >&2; exit 2; }
	@for g in $(GROUP) $(VIEWERS); do getent group $$g >/dev/null || { \
	  echo "make install-shared: there is no group '$$g' (groupadd $$g)" >&2; \
	  exit 2; }; done
	install -d -m 2770 $(DESTDIR)$(DIR)
	chgrp $(GROUP) $(DESTDIR)$(DIR)
	chmod 2770 $(DESTDIR)$(DIR)
	[ -e $(DESTDIR)$(DIR)/hearth.db ] || ./hearth --db \
	  $(DESTDIR)$(DIR)/hearth.db init $(if $(ZONE),--tz $(ZONE))
	chgrp $(GROUP) $(DESTDIR)$(DIR)/hearth.db
	chmod 0660 $(DESTDIR)$(DIR)/hearth.db
	$(if $(VIEWERS),setfacl -m g:$(VIEWERS):r-x $(DESTDIR)$(DIR))
	$(if $(VIEWERS),setfacl -m g:$(VIEWERS):r-- $(DESTDIR)$(DIR)/hearth.db)
	install -d $(DESTDIR)$(SYSCONFDIR)/hearth
	echo "$(DIR)/hearth.db" >$(DESTDIR)$(SYSCONFDIR)/hearth/database
	chmod 0644 $(DESTDIR)$(SYSCONFDIR)/hearth/database

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/hearth $(DESTDIR)$(MANPREFIX)/man1/hearth.1 \
	  $(DESTDIR)$(MANPREFIX)/man5/hearth.conf.5 \
	  $(DESTDIR)$(DOCDIR)/config.example
	for po in $(PO); do lang=$$(basename $$po .po); \
	  rm -f $(DESTDIR)$(LOCALEDIR)/$$lang/LC_MESSAGES/hearth.mo; done
	for page in $(LANG_MAN); do rel=$${page#man/}; lang=$${rel%%/*}; \
	  name=$${rel#*/}; \
	  rm -f $(DESTDIR)$(MANPREFIX)/$$lang/man$${name##*.}/$$name; done
	-rmdir $(DESTDIR)$(DOCDIR) 2>/dev/null

clean:
	rm -rf $(B) hearth

.PHONY: all pot po-update deps test-deps san-deps run check layering screens fuzz bench bench-store \
	bench-report bench-stations bench-sync \
	bench-ical bench-tui bench-wait install install-shared uninstall clean
