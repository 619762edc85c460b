#!/usr/bin/python3
"""gen_calendar.py N [SEED] - writes a generated iCalendar file of N series.

Realistic community events in Chinese (the kinds hearth knows), in
Asia/Shanghai and, for one series in twenty, Europe/Berlin (daylight-saving
changes): weekly rules with BYDAY and UNTIL or COUNT, daily and monthly
rules, exception dates, changed and cancelled occurrences (some written
before their series), extra dates, one-off and all-day events. About two
thirds of the series reach any month of 2027. Used by the round-trip and
interoperability tests and by 'make bench-ical'.
"""
import datetime
import random
import sys

n = int(sys.argv[1])
rnd = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)

KINDS = ["reading", "fair", "warm-station", "volunteer", "clinic", "station"]
TITLES = ["青少年读书分享会", "文明实践集市", "暖冬驿站开放日", "志愿扫雪",
          "义诊与健康咨询", "骑手暖心驿站", "司机之家开放日", "社区图书漂流",
          "防范电信诈骗宣传", "免费测血压血糖"]
PLACES = ["棉织社区党群服务中心", "粮库社区文化广场", "β暖冬志愿服务站",
          "盘锦工会驿站（兴隆台）", "盘锦司机之家", "盘锦的士驿站",
          "暖“新”驿站（连锁药店）", "皇姑区图书馆"]
HOSTS = ["粮库社区党委", "皇姑区委社会工作部", "盘锦市总工会", "抚顺总医院",
         "沈阳市志愿者联合会"]
AUDIENCE = ["骑手", "快递员", "司机", "环卫工人", "居民", "青少年", "老年人"]
DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def out(line):
    sys.stdout.write(line + "\r\n")


def text(s):
    return (s.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


def stamp(y, mo, d, h=0, mi=0):
    return "%04d%02d%02dT%02d%02d00" % (y, mo, d, h, mi)


def day(y, mo, d):
    return "%04d%02d%02d" % (y, mo, d)


def vtimezones():
    out("BEGIN:VTIMEZONE")
    out("TZID:Asia/Shanghai")
    out("BEGIN:STANDARD")
    out("TZOFFSETFROM:+0800")
    out("TZOFFSETTO:+0800")
    out("TZNAME:CST")
    out("DTSTART:19700101T000000")
    out("END:STANDARD")
    out("END:VTIMEZONE")
    out("BEGIN:VTIMEZONE")
    out("TZID:Europe/Berlin")
    out("BEGIN:DAYLIGHT")
    out("TZOFFSETFROM:+0100")
    out("TZOFFSETTO:+0200")
    out("TZNAME:CEST")
    out("DTSTART:19810329T020000")
    out("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU")
    out("END:DAYLIGHT")
    out("BEGIN:STANDARD")
    out("TZOFFSETFROM:+0200")
    out("TZOFFSETTO:+0100")
    out("TZNAME:CET")
    out("DTSTART:19961027T030000")
    out("RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU")
    out("END:STANDARD")
    out("END:VTIMEZONE")


def common(i, title, place):
    out("DTSTAMP:20261201T000000Z")
    out("CREATED:20261101T0%d0000Z" % (i % 10))
    out("LAST-MODIFIED:20261115T0%d0000Z" % (i % 10))
    out("SUMMARY:" + text(title))
    out("LOCATION:" + text(place))


def series(i):
    uid = "gen-%06d@hearth.test" % i
    tz = "Europe/Berlin" if i % 20 == 7 else "Asia/Shanghai"
    title = "%s（第%d期）" % (rnd.choice(TITLES), i)
    place = rnd.choice(PLACES)
    kind = rnd.choice(KINDS)
    shape = i % 10
    mo = rnd.randint(1, 12)
    d = rnd.randint(1, 26)
    h = rnd.choice([8, 9, 10, 14, 15, 19])
    y = rnd.choice([2026, 2027, 2027])
    later = []
    out("BEGIN:VEVENT")
    out("UID:" + uid)
    if shape == 9:          # all-day, a day or two
        out("DTSTART;VALUE=DATE:" + day(y, mo, d))
        out("DTEND;VALUE=DATE:" + day(y, mo, d + rnd.choice([1, 2])))
    else:
        out("DTSTART;TZID=%s:%s" % (tz, stamp(y, mo, d, h)))
        out("DTEND;TZID=%s:%s" % (tz, stamp(y, mo, d, h + 2)))
    if shape in (0, 1, 2, 3):  # weekly with BYDAY, UNTIL or COUNT
        # DTSTART is one of the rule's days, as calendars write them.
        first = DAYS[datetime.date(y, mo, d).weekday()]
        others = rnd.sample([x for x in DAYS if x != first], rnd.randint(0, 2))
        days = ",".join(sorted([first] + others, key=DAYS.index))
        if shape % 2:
            out("RRULE:FREQ=WEEKLY;COUNT=%d;BYDAY=%s" % (rnd.randint(4, 60), days))
        else:
            out("RRULE:FREQ=WEEKLY;UNTIL=%04d%02d%02dT235959Z;BYDAY=%s"
                % (y + 1, mo, d, days))
    elif shape == 4:
        out("RRULE:FREQ=DAILY;COUNT=%d" % rnd.randint(3, 30))
    elif shape == 5:
        out("RRULE:FREQ=MONTHLY;BYMONTHDAY=%d" % d)
    elif shape == 6:
        out("RRULE:FREQ=WEEKLY;INTERVAL=2")
    recurring = shape in (0, 1, 2, 3, 4, 5, 6)
    if recurring and rnd.random() < 0.5:
        # the second occurrence is an exception (daily/monthly/biweekly
        # rules have it at a known date)
        if shape == 4:
            ex = (y, mo, d + 1)
        elif shape == 6:
            ex = (y, mo, d + 14) if d + 14 <= 28 else None
        else:
            ex = None
        if ex:
            out("EXDATE;TZID=%s:%s" % (tz, stamp(ex[0], ex[1], ex[2], h)))
    if shape == 7:          # one-off with an extra date
        out("RDATE;TZID=%s:%s" % (tz, stamp(y, mo, d + 7 if d <= 21 else d - 7, h)))
    out("SEQUENCE:%d" % rnd.randint(0, 3))
    common(i, title, place)
    out("DESCRIPTION:" + text("面向%s的服务活动，欢迎参加。\n现场提供热水、充电。"
                              % rnd.choice(AUDIENCE)))
    out("CATEGORIES:%s,%s" % (kind, rnd.choice(AUDIENCE)))
    out("ORGANIZER;CN=%s:mailto:org%d@hearth.test" % (rnd.choice(HOSTS), i % 5))
    if rnd.random() < 0.2:
        out("BEGIN:VALARM")
        out("ACTION:DISPLAY")
        out("DESCRIPTION:提醒")
        out("TRIGGER:-PT30M")
        out("END:VALARM")
    out("END:VEVENT")
    if shape == 4 and rnd.random() < 0.5:
        # third day moved by an hour, or cancelled
        later.append((uid, tz, stamp(y, mo, d + 2, h), stamp(y, mo, d + 2, h + 1),
                      stamp(y, mo, d + 2, h + 3), rnd.random() < 0.3, title, place))
    return later


out("BEGIN:VCALENDAR")
out("VERSION:2.0")
out("PRODID:-//hearth tests//gen_calendar//EN")
out("CALSCALE:GREGORIAN")
vtimezones()

def change(c):
    uid, tz, rid, start, end, cancelled, title, place = c
    out("BEGIN:VEVENT")
    out("UID:" + uid)
    out("RECURRENCE-ID;TZID=%s:%s" % (tz, rid))
    out("DTSTART;TZID=%s:%s" % (tz, start))
    out("DTEND;TZID=%s:%s" % (tz, end))
    if cancelled:
        out("STATUS:CANCELLED")
    common(0, title, place)
    out("END:VEVENT")


held = []
for i in range(n):
    # Every other change is written before its series, as Google does.
    buffered = []
    real_out, out = out, buffered.append
    changes = series(i)
    out = real_out
    if i % 2:
        for c in changes:
            change(c)
    for line in buffered:
        out(line)
    if not i % 2:
        for c in changes:
            change(c)
out("END:VCALENDAR")
