#!/usr/bin/python3
"""phones.py - what a phone's calendar shows of a feed, as python sees it.

    phones.py FILE FROM TO ZONE

Reads FILE with python3-icalendar, expands it with
python3-recurring-ical-events between FROM and TO (ISO times in ZONE) and
prints one line per occurrence, sorted by start:
    start|summary|status|description|reminders
start as YYYY-MM-DDTHH:MM in ZONE, line breaks of the description as
"\\n", reminders as "ACTION:minutes-before:DESCRIPTION" joined by ",".
icaljs.cjs prints the same for ical.js.
"""
import datetime
import sys
import zoneinfo

import icalendar
import recurring_ical_events


def alarms(ev):
    out = []
    for a in ev.walk("VALARM"):
        trig = a["TRIGGER"].dt
        minutes = int(-trig.total_seconds() // 60)
        out.append("%s:%d:%s" % (a.get("ACTION"), minutes,
                                 a.get("DESCRIPTION", "")))
    return ",".join(out)


def main():
    path, start, end, zone_name = sys.argv[1:5]
    zone = zoneinfo.ZoneInfo(zone_name)
    cal = icalendar.Calendar.from_ical(open(path, "rb").read())
    a = datetime.datetime.fromisoformat(start).replace(tzinfo=zone)
    b = datetime.datetime.fromisoformat(end).replace(tzinfo=zone)
    rows = []
    for ev in recurring_ical_events.of(cal).between(a, b):
        s = ev["DTSTART"].dt.astimezone(zone).strftime("%Y-%m-%dT%H:%M")
        desc = str(ev.get("DESCRIPTION", "")).replace("\n", "\\n")
        rows.append("|".join((s, str(ev.get("SUMMARY", "")),
                              str(ev.get("STATUS", "")), desc, alarms(ev))))
    for r in sorted(rows):
        print(r)


main()
