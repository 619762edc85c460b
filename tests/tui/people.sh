#!/bin/sh
# Volunteers in the full-screen interface: "needs N more" on occurrences
# short of people in the agenda, month and week views; the people view
# (key 7) with masked phones, balances, search and a group filter; a
# person's pane with the full phone, shifts and statement; redeeming from
# the catalogue after a confirmation, and a redemption that would overdraw
# refused with the balance and the cost; a new person added in the form;
# cancelling an occurrence names who is signed up.
. "$(dirname "$0")/../lib.sh"
setup
. "$(dirname "$0")/tmux.lib"
export TZ=Asia/Shanghai HEARTH_NOW=1798416000 # Mon 28 Dec 2026, 08:00 here
cat >"$XDG_CONFIG_HOME/hearth/config" <<'CONF'
[general]
timezone = Asia/Shanghai
CONF
h init >/dev/null
h add --kind warm-station --title β暖冬志愿服务站 --start "2026-12-30 10:00" \
	--end 18:00 --rrule "FREQ=WEEKLY;BYDAY=WE,FR;COUNT=4" >/dev/null
h add --kind volunteer --title 志愿扫雪 --start "2026-12-31 11:00" \
	--duration 1h >/dev/null
h person add 王芳 --phone 13812345678 --group party-member >/dev/null
h person add 李娜 --group rider >/dev/null
h person add 张伟 --phone 13900001111 --group volunteer >/dev/null
h shift add β暖冬 --role volunteer --need 3 >/dev/null
h shift add 志愿扫雪 --role volunteer --need 2 >/dev/null
h signup 王芳 β暖冬 --at 2026-12-30 >/dev/null
h signup 李娜 志愿扫雪 --at 2026-12-31 >/dev/null
h signup 张伟 志愿扫雪 --at 2026-12-31 >/dev/null
h checkout 王芳 β暖冬 --at 2026-12-30 >/dev/null
h catalogue add 理发一次 --cost 30 >/dev/null
h catalogue add 大米5斤 --cost 100 --stock 5 >/dev/null

tui_start 100 30
expect_screen "the agenda says how many more the station needs" \
	"β暖冬志愿服务站 · needs 2 more"
case "$(screen)" in
*"志愿扫雪 · needs"*) not_ok "a full occurrence says nothing" "$(screen)" ;;
*) ok "a full occurrence says nothing" ;;
esac
expect_screen "the next one needs all three" "needs 3 more"
keys 3
expect_screen "so does the week view, under the title" "needs 2 more"

keys 7
expect_screen "7 opens the people view" "3 people"
expect_screen "phones are masked" "138****5678"
case "$(screen)" in
*13812345678*) not_ok "no whole phone in the list" "$(screen)" ;;
*) ok "no whole phone in the list" ;;
esac
expect_screen "with each one's points" "80"
keys /
text "张"
keys Enter
expect_screen "/ narrows the list" "1 person · “张”"
keys /
keys C-u Enter
expect_screen "an empty search shows everyone" "3 people"
keys f
expect_screen "f picks a group" "Group"
text "Party"
keys Enter
expect_screen "one party member" "1 person · Party member"

keys Enter
expect_screen "Enter opens the person: the whole phone" "13812345678"
expect_screen "their shifts" "β暖冬志愿服务站 · Volunteer · checked out"
expect_screen "their statement" "(Volunteer, 8 h) → 80"
keys r
expect_screen "r offers the catalogue" "Redeem for 王芳 (80 points)"
text "大米"
keys Enter
expect_screen "asks first" "Redeem 大米5斤 for 王芳: 100 of 80 points?"
keys y
expect_screen "refused, naming the balance and the cost" \
	"王芳 has 80 points; '大米5斤' costs 100: not enough"
keys r
text "理发"
keys Enter
expect_screen "asks again" "Redeem 理发一次 for 王芳: 30 of 80 points?"
keys y
expect_screen "redeemed" "Redeemed 理发一次; 王芳 has 50 points left."
expect_screen "the statement has it" "Redeemed: 理发一次 → 50"
check_eq "the ledger agrees" "50" \
	"$(h points --format tsv | awk -F'\t' '$2 == "王芳" { print $3 }')"
keys Escape

keys f
text "every"
keys Enter
expect_screen "back to everyone" "3 people"
keys a
expect_screen "a opens the person form" "New person"
text "赵六"
keys Tab
text "139 0000 2222"
keys Tab
text "党员, 骑手"
keys C-s
expect_screen "saved" "Saved “赵六”."
expect_screen "listed with groups from Chinese names" "Party member, Delivery rider"
check_eq "stored with the phone as digits" "13900002222" \
	"$(h people --full --format tsv | awk -F'\t' '$2 == "赵六" { print $3 }')"

# Cancelling an occurrence with people signed up names them.
keys 1
expect_screen "back in the agenda" "志愿扫雪"
keys /
text "志愿扫雪"
keys Enter
keys c
expect_screen "cancel asks" "Cancel 志愿扫雪"
keys y
expect_screen "and names who to tell" "tell them: 张伟, 李娜"
keys q
