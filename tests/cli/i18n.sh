#!/bin/sh
# i18n.sh - the command line in Chinese, English and plain C.
#
# The Chinese catalogue is complete: a template regenerated from the sources
# has no msgid that po/zh_CN.po lacks, and msgfmt counts only translated
# messages (no fuzzy, no untranslated). Then hearth speaks the language of
# LANGUAGE / LC_ALL / LC_MESSAGES / LANG, dates read "2027年1月8日 周五" or
# "Fri 8 Jan 2027", Chinese titles line up by display columns even under
# LANG=C, kind labels follow label.LANG, and text that is not UTF-8 is
# refused on the way in and never let out.
. "$(dirname "$0")/../lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
po=$top/po/zh_CN.po
PY=/usr/bin/python3
setup
export TZ=Asia/Shanghai HEARTH_NOW=1798416000 # Mon 28 Dec 2026, 08:00 here
printf '[general]\ntimezone = Asia/Shanghai\n' >"$XDG_CONFIG_HOME/hearth/config"

# --- The catalogue -------------------------------------------------------

# catalogue_problems PO POT: what is missing, fuzzy or untranslated (empty
# when the catalogue is complete).
catalogue_problems() {
	msgcmp "$1" "$2" 2>&1 | grep -v '^msgcmp: found [0-9]* fatal error' |
		sed 's/^/msgcmp: /'
	stats=$(msgfmt --check --statistics -o /dev/null "$1" 2>&1)
	case "$stats" in
	*fuzzy* | *untranslated* | *error*) echo "msgfmt: $stats" ;;
	*" translated message"*) ;;
	*) echo "msgfmt: $stats" ;;
	esac
}

mkdir "$T/pot"
if make -s -C "$top" B="$T/pot" pot >"$T/pot/log" 2>&1 &&
	[ -s "$T/pot/hearth.pot" ]; then
	ok "xgettext regenerates the template from the sources"
else
	not_ok "xgettext regenerates the template from the sources" "$(cat "$T/pot/log")"
fi
n=$(grep -c '^msgid ' "$T/pot/hearth.pot")
if [ "$n" -ge 400 ]; then ok "the template holds the interface ($n msgids)"
else not_ok "the template holds the interface" "only $n msgids"; fi
check_eq "po/zh_CN.po translates every message of the sources" "" \
	"$(catalogue_problems "$po" "$T/pot/hearth.pot")"
check_eq "its plural forms are Chinese ones" 1 \
	"$(grep -c '^"Plural-Forms: nplurals=1; plural=0;\\n"$' "$po")"

# The check itself fails on a missing, a fuzzy and an untranslated message.
awk '/^msgid "Agenda"$/ { skip = 1 } skip && /^$/ { skip = 0; next } !skip' \
	"$po" >"$T/missing.po"
check_contains "a missing msgid is caught" "used but not defined" \
	"$(catalogue_problems "$T/missing.po" "$T/pot/hearth.pot")"
sed '/^msgid "Agenda"$/{n;s/^msgstr .*/msgstr ""/}' "$po" >"$T/untranslated.po"
check_contains "an untranslated message is caught" "untranslated" \
	"$(catalogue_problems "$T/untranslated.po" "$T/pot/hearth.pot")"
sed '/^msgid "Agenda"$/i #, fuzzy' "$po" >"$T/fuzzy.po"
check_contains "a fuzzy message is caught" "fuzzy" \
	"$(catalogue_problems "$T/fuzzy.po" "$T/pot/hearth.pot")"
# The importer tells notes from problems by an untranslated "note: ".
check_eq "every translated import note keeps its leading 'note: '" "" \
	"$(msgcat --no-wrap "$po" | awk '
		/^msgid "note: [^"]/ { id = $0; next }
		id && /^msgstr / { if ($0 !~ /^msgstr "note: /) print id; id = "" }')"
check_status "make built the catalogue beside ./hearth" 0 \
	test -s "$top/build/locale/zh_CN/LC_MESSAGES/hearth.mo"

# --- Locales -------------------------------------------------------------

if use_locales; then
	ok "zh_CN.UTF-8 and en_US.UTF-8 compiled into $LOCPATH"
else
	not_ok "zh_CN.UTF-8 and en_US.UTF-8 compiled with localedef" \
		"is the Debian package locales installed?"
fi
zh() { LC_ALL=zh_CN.UTF-8 "$HEARTH" "$@"; }
en() { LC_ALL=en_US.UTF-8 "$HEARTH" "$@"; }
c() { LANG=C LC_ALL=C "$HEARTH" "$@"; }

# columns_before NEEDLE: the display columns of standard input's text before
# NEEDLE on the lines holding it, without repeats ("missing: NEEDLE" if none).
columns_before() {
	$PY -c '
import sys, unicodedata
needle = sys.argv[1]
def width(s):
    return sum(0 if unicodedata.combining(ch) else
               2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)
seen = set()
for line in sys.stdin:
    if needle in line:
        seen.add(width(line[:line.index(needle)]))
print(" ".join(str(w) for w in sorted(seen)) if seen else "missing: " + needle)' "$1"
}

# lined_up NAME NEEDLE...: a test that every NEEDLE starts at one display
# column in $OUT.
lined_up() {
	what=$1
	shift
	check_eq "$what" 1 "$(for needle in "$@"; do
		printf '%s\n' "$OUT" | columns_before "$needle"; done | sort -u | wc -l | tr -d ' ')"
}

h init >/dev/null
h venue add 皇姑区β暖冬志愿服务站 >/dev/null
h add --kind warm-station --title 皇姑β暖冬驿站 --start "2027-01-08 10:00" \
	--end 18:00 --rrule "FREQ=WEEKLY;BYDAY=FR,SA,SU;UNTIL=20270131T235959" \
	--venue 皇姑区β暖冬志愿服务站 --host 皇姑区委社会工作部 \
	--audience 外卖骑手 --audience 快递员 >/dev/null
h add --kind reading --title "Book club 读书" --start "2027-01-08 09:00" \
	--venue "Library B1" >/dev/null
h add --kind fair --title 新春市集 --start "2027-01-08 14:00" --venue 粮库广场 \
	--status tentative >/dev/null
U=$(h agenda --from 2027-01-08 --to 2027-01-08 --kind warm-station --format tsv | cut -f3)
h override "$U" --at 2027-01-09 --cancel >/dev/null

# --- Chinese -------------------------------------------------------------

OUT=$(zh agenda --from 2027-01-08 --to 2027-01-09 --cancelled)
check_contains "zh_CN: a day heading reads 2027年1月8日 周五" "2027年1月8日 周五" "$OUT"
check_contains "zh_CN: and the next 2027年1月9日 周六" "2027年1月9日 周六" "$OUT"
check_contains "zh_CN: kinds are shown by their Chinese label" "暖冬驿站" "$OUT"
check_contains "zh_CN: a cancelled occurrence says so in Chinese" "（已取消）" "$OUT"
check_lacks "zh_CN: no English kind label is left" "Warm-winter" "$OUT"
lined_up "zh_CN: titles start at one display column" 皇姑β暖冬驿站 "Book club" 新春市集
lined_up "zh_CN: venues start at one display column" 皇姑区β暖冬志愿服务站 "Library B1" 粮库广场

OUT=$(zh show "$U")
for label in 标题： 类型： 状态： 时间： 重复： 地点： 主办单位： 服务对象： 调整过的场次： 接下来：; do
	check_contains "zh_CN: show labels $label" "$label" "$OUT"
done
check_contains "zh_CN: show gives the status in Chinese" "已确定" "$OUT"
check_contains "zh_CN: show gives the time as people read it" \
	"2027年1月8日 周五 10:00–18:00" "$OUT"
check_contains "zh_CN: lists are joined with 、" "外卖骑手、快递员" "$OUT"
check_contains "zh_CN: a tentative series says 待定" "待定" \
	"$(zh show "$(h agenda --from 2027-01-08 --to 2027-01-08 --kind fair --format tsv | cut -f3)")"
# Labels are padded by display columns: values start at one column.
check_eq "zh_CN: show's values line up after Chinese labels" 1 \
	"$(printf '%s\n' "$OUT" | grep -E '^(UID|标题|类型|状态|时间|时区|地点)：' |
		$PY -c '
import sys, unicodedata
w = lambda s: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
print(len({w(l[:len(l) - len(l.split("  ")[-1].lstrip())]) for l in sys.stdin}))')"

check_contains "zh_CN: --help is Chinese" "不带命令时，hearth 打开全屏界面" "$(zh --help)"
check_contains "zh_CN: a command's --help too" "用法：hearth agenda" "$(zh agenda --help)"
check_status "zh_CN: a bad date fails" 1 zh add --kind fair --title x --start 明年
check_contains "zh_CN: and says why in Chinese" "“明年”不是日期或时间" "$OUT"
check_status "zh_CN: an unknown kind fails" 1 zh add --kind lecture --title x --start 2027-01-08
check_contains "zh_CN: naming the problem in Chinese" "未知类型“lecture”" "$OUT"
check_status "zh_CN: a usage error fails" 1 zh add --title x
check_contains "zh_CN: with a pointer to --help" "（详见“hearth add --help”）" "$OUT"
check_contains "zh_CN: kinds lists Chinese labels and segments" "暖冬驿站  red      8h   热饮" \
	"$(zh kinds)"
check_eq "zh_CN: tsv keeps the machine's words (kind key, ISO times)" \
	"2027-01-08T10:00:00+08:00	2027-01-08T18:00:00+08:00	$U	warm-station	皇姑β暖冬驿站	皇姑区β暖冬志愿服务站" \
	"$(zh agenda --from 2027-01-08 --to 2027-01-08 --kind warm-station --format tsv)"
check_contains "zh_CN: json keeps status values in English" '"status":"tentative"' \
	"$(zh agenda --from 2027-01-08 --to 2027-01-08 --kind fair --format json)"
check_eq "zh_CN: dates can be given as 周五" "2027-01-01 至 2027-01-01 没有活动。" \
	"$(zh agenda --from 周五 --to 周五)"

# --- English -------------------------------------------------------------

OUT=$(en agenda --from 2027-01-08 --to 2027-01-09 --cancelled)
check_contains "en_US: a day heading reads Fri 8 Jan 2027" "Fri 8 Jan 2027" "$OUT"
check_contains "en_US: kinds in English" "Warm-winter station" "$OUT"
check_contains "en_US: cancelled in English" "(cancelled)" "$OUT"
lined_up "en_US: titles still start at one display column" 皇姑β暖冬驿站 "Book club" 新春市集
check_contains "en_US: show in English" "When:        Fri 8 Jan 2027 10:00–18:00" "$(en show "$U")"
check_contains "en_US: errors in English" "'明年' is not a date or time" \
	"$(en add --kind fair --title x --start 明年 2>&1)"

# --- Plain C: English words, Chinese titles intact and aligned ----------

OUT=$(c agenda --from 2027-01-08 --to 2027-01-09 --cancelled)
check_contains "LANG=C: English headings" "Fri 8 Jan 2027" "$OUT"
check_contains "LANG=C: the Chinese title comes out whole" "皇姑β暖冬驿站" "$OUT"
lined_up "LANG=C: titles start at one display column (LC_CTYPE went UTF-8)" 皇姑β暖冬驿站 "Book club" 新春市集
check_eq "LANG=C: nothing on stderr (a UTF-8 locale was found)" "" \
	"$(c agenda --from 2027-01-08 --to 2027-01-08 2>&1 >/dev/null)"
check_contains "LANG=C ignores LANGUAGE, as gettext does" "usage: hearth" \
	"$(LANGUAGE=zh_CN c --help)"
check_status "LANG=C: Chinese text is stored as given" 0 \
	c add --kind volunteer --title 志愿扫雪 --start "2027-01-10 11:00"
check_eq "LANG=C: and read back byte for byte" "志愿扫雪" \
	"$(h agenda --from 2027-01-10 --to 2027-01-10 --kind volunteer --format tsv | cut -f5)"

# --- The usual variables -------------------------------------------------

check_contains "LANGUAGE picks Chinese over an English locale" "用法：hearth" \
	"$(LC_ALL=en_US.UTF-8 LANGUAGE=zh_CN:en "$HEARTH" --help)"
check_contains "LC_MESSAGES picks the language of messages" "用法：hearth" \
	"$(LC_ALL= LANG=en_US.UTF-8 LC_MESSAGES=zh_CN.UTF-8 "$HEARTH" --help)"
check_contains "LANG alone is enough" "用法：hearth" \
	"$(LC_ALL= LC_MESSAGES= LANG=zh_CN.UTF-8 "$HEARTH" --help)"
check_contains "LC_ALL wins over LANG" "usage: hearth" \
	"$(LC_ALL=en_US.UTF-8 LANG=zh_CN.UTF-8 "$HEARTH" --help)"

# --- Kind labels per language --------------------------------------------

cat >"$T/kinds.conf" <<'CONF'
[general]
timezone = Asia/Shanghai
[kind lecture]
label = Law lecture
label.zh_CN = 法律讲座
colour = green
[kind warm-station]
label.zh = 暖心驿站
CONF
h --config "$T/kinds.conf" add --kind lecture --title 反诈宣讲 \
	--start "2027-01-11 15:00" >/dev/null
L=$(h agenda --from 2027-01-11 --to 2027-01-11 --format tsv | cut -f3)
kinds() { "$@" --config "$T/kinds.conf" agenda --from 2027-01-08 --to 2027-01-11; }
check_contains "label.zh_CN is used in zh_CN.UTF-8" "法律讲座" "$(kinds zh)"
check_contains "label.zh covers zh_CN too" "暖心驿站" "$(kinds zh)"
check_contains "the plain label elsewhere" "Law lecture" "$(kinds en)"
check_contains "and the built-in's English label" "Warm-winter station" "$(kinds en)"
check_contains "in C as well" "Law lecture" "$(kinds c)"
check_contains "LANGUAGE chooses the label like the messages" "法律讲座" \
	"$(LANGUAGE=zh_CN kinds en)"
check_contains "show uses it" "类型：       法律讲座" \
	"$(zh --config "$T/kinds.conf" show "$L")"
check_contains "kinds lists it" "lecture       法律讲座" "$(zh --config "$T/kinds.conf" kinds)"
check_eq "tsv keeps the key" "lecture" \
	"$(zh --config "$T/kinds.conf" agenda --from 2027-01-11 --to 2027-01-11 --format tsv | cut -f4)"

# --- iCalendar import, in Chinese ----------------------------------------

ical=$top/tests/ical
check_status "zh_CN: importing a broken file reports its problems" 1 \
	zh import --dry-run "$ical/broken_mixed.ics"
check_contains "zh_CN: in Chinese, with file and line" \
	"broken_mixed.ics:42: 提示：SUMMARY：该行含有 NUL 字节；已去掉" "$OUT"
check_contains "zh_CN: a note is marked as one" "提示：hearth 只保存活动" "$OUT"
check_contains "zh_CN: the summary too" "个跳过（试运行：没有任何改动）" "$OUT"
# Notes are not problems in any language: only notes, status 0.
check_status "zh_CN: a file with notes only imports cleanly" 0 \
	zh import --dry-run "$ical/outlook_windows.ics"
check_contains "zh_CN: its notes say how zones were read" \
	"提示：TZID“China Standard Time”是 Asia/Shanghai 的 Windows 名称" "$OUT"

# --- Only UTF-8 goes in --------------------------------------------------

GBK=$(printf '\266\301\312\351\273\341') # 读书会 in GBK
dump() { sqlite3 "$HEARTH_DB" .dump | md5sum; }
before=$(dump)
refused() { # refused WHAT MESSAGE COMMAND...
	what=$1 why=$2
	shift 2
	check_status "$what is refused" 1 "$@"
	check_contains "$what: the message says why" "$why" "$OUT"
}
refused "a GBK title" "标题不是有效的 UTF-8 编码（第 1 字节）" \
	zh add --kind reading --title "$GBK" --start 2027-01-12
refused "a GBK venue" "地点不是有效的 UTF-8 编码（第 1 字节）" \
	zh add --kind reading --title 读书会 --start 2027-01-12 --venue "$GBK"
refused "a GBK host" "单位不是有效的 UTF-8 编码（第 1 字节）" \
	zh add --kind reading --title 读书会 --start 2027-01-12 --host "$GBK"
refused "a GBK audience" "服务对象不是有效的 UTF-8 编码" \
	zh add --kind reading --title 读书会 --start 2027-01-12 --audience "$GBK"
refused "a GBK description" "简介不是有效的 UTF-8 编码" \
	zh edit "$U" --description "说明$GBK"
refused "a GBK note on one occurrence" "备注不是有效的 UTF-8 编码" \
	zh override "$U" --at 2027-01-15 --note "$GBK"
refused "a GBK venue for one occurrence" "地点不是有效的 UTF-8 编码" \
	zh override "$U" --at 2027-01-15 --venue "$GBK"
refused "a GBK segment" "环节标题不是有效的 UTF-8 编码" \
	zh segment add "$U" --title "$GBK"
refused "a GBK segment partner" "环节合作单位不是有效的 UTF-8 编码" \
	zh segment add "$U" --title 热饮 --partner "$GBK"
refused "a GBK venue address" "地点信息不是有效的 UTF-8 编码" \
	zh venue add 新驿站 --address "$GBK"
refused "a GBK organisation contact" "单位信息不是有效的 UTF-8 编码" \
	zh org add 新单位 --contact "$GBK"
printf '[kind a]\nlabel = %s\n' "$GBK" >"$T/gbk.conf"
refused "a GBK config file" "gbk.conf:2: 文字不是有效的 UTF-8 编码" \
	zh --config "$T/gbk.conf" kinds
check_eq "nothing of it reached the database" "$before" "$(dump)"

# --- Only UTF-8 comes out ------------------------------------------------

# A file written by something else may hold broken bytes: they leave as
# U+FFFD, never raw.
sqlite3 "$HEARTH_DB" "UPDATE series SET title = CAST(X'e8afbb' || X'b6c1' || X'e4b9a6' AS TEXT) WHERE uid = '$L'"
utf8() { # utf8 NAME OUTPUT
	if printf '%s' "$2" | iconv -f UTF-8 -t UTF-8 >/dev/null 2>&1; then
		ok "$1 is valid UTF-8"
	else
		not_ok "$1 is valid UTF-8" "$2"
	fi
}
for fmt in text tsv json; do
	utf8 "agenda --format $fmt of a damaged title" \
		"$(zh agenda --from 2027-01-11 --to 2027-01-11 --format $fmt)"
done
utf8 "show of a damaged title" "$(zh show "$L")"
check_contains "the broken bytes become U+FFFD in tsv" "读��书" \
	"$(h agenda --from 2027-01-11 --to 2027-01-11 --format tsv)"
check_contains "and \\ufffd in json" '"title":"读\ufffd\ufffd书"' \
	"$(h agenda --from 2027-01-11 --to 2027-01-11 --format json)"

# --- No UTF-8 locale at all ----------------------------------------------

# Hiding /usr/lib/locale (where C.utf8 lives) needs a mount namespace.
if unshare -m sh -c 'mount -t tmpfs none /usr/lib/locale' 2>/dev/null; then
	bare() {
		env -u LOCPATH unshare -m sh -c \
			'mount -t tmpfs none /usr/lib/locale && exec "$@"' sh "$@"
	}
	OUT=$(bare env LC_ALL=C "$HEARTH" agenda --from 2027-01-08 --to 2027-01-08 2>&1 >/dev/null)
	check_contains "without any UTF-8 locale hearth says what cannot be shown" \
		"Chinese and other wide text cannot be shown or typed: the locale C is not UTF-8" "$OUT"
	check_contains "and what to do" "apt-get install locales" "$OUT"
	check_eq "the data still comes out as UTF-8 tsv" "皇姑β暖冬驿站" \
		"$(bare env LC_ALL=C "$HEARTH" agenda --from 2027-01-08 --to 2027-01-08 \
			--kind warm-station --format tsv 2>/dev/null | cut -f5)"
else
	ok "# SKIP no mount namespace here to hide every UTF-8 locale"
fi
