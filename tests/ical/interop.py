#!/usr/bin/python3
"""interop.py - occurrences as other programs see them, in one format.

Each mode prints one line per occurrence, sorted:
    start|end|title|location
timed occurrences as YYYY-MM-DDTHH:MM in ZONE, all-day ones as dates with
the end exclusive, so that the outputs can be compared line for line.

  interop.py ics FILE FROM TO ZONE       python3-icalendar, expanded by
                                        python3-recurring-ical-events
  interop.py khal FILE                  'khal list' output (start|end|...)
  interop.py agenda TSV VENUES_TSV      'hearth agenda --format tsv'
  interop.py calcurse FILE              calcurse -Q: day|title, one a line
"""
import datetime
import sys
import zoneinfo


def show(rows):
    for r in sorted(set(rows)):
        print("|".join(r))


def when(v, zone):
    if isinstance(v, datetime.datetime):
        if v.tzinfo is None:  # floating: read in the display zone
            v = v.replace(tzinfo=zone)
        return v.astimezone(zone).strftime("%Y-%m-%dT%H:%M")
    return v.strftime("%Y-%m-%d")


def from_ics(path, start, end, zone_name):
    import icalendar
    import recurring_ical_events
    zone = zoneinfo.ZoneInfo(zone_name)
    cal = icalendar.Calendar.from_ical(open(path, "rb").read())
    a = datetime.datetime.fromisoformat(start).replace(tzinfo=zone)
    b = datetime.datetime.fromisoformat(end).replace(tzinfo=zone)
    rows = []
    for ev in recurring_ical_events.of(cal).between(a, b):
        # hearth does not list occurrences of cancelled series.
        if str(ev.get("STATUS", "")) == "CANCELLED":
            continue
        s = ev["DTSTART"].dt
        e = ev["DTEND"].dt if "DTEND" in ev else s
        rows.append((when(s, zone), when(e, zone), str(ev.get("SUMMARY", "")),
                     str(ev.get("LOCATION", ""))))
    show(rows)


def from_khal(path):
    rows = []
    for line in open(path, encoding="utf-8"):
        f = line.rstrip("\n").split("|")
        if len(f) != 4:
            continue
        if len(f[1]) == 10:  # khal's all-day end is the last day
            d = datetime.date.fromisoformat(f[1]) + datetime.timedelta(days=1)
            f[1] = d.isoformat()
        rows.append(tuple(f))
    show(rows)


def from_agenda(path, venues_path):
    address = {}
    for line in open(venues_path, encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        address[f[0]] = f[2] if len(f) > 2 else ""
    rows = []
    for line in open(path, encoding="utf-8"):
        start, end, _uid, _kind, title, venue = line.rstrip("\n").split("\t")
        loc = venue + (", " + address[venue] if address.get(venue) else "")
        rows.append((start[:16], end[:16], title, loc))
    show(rows)


def from_calcurse(path):
    rows, day = [], None
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.endswith(":") and line[:2].isdigit():
            m, d, y = line[:-1].split("/")
            day = "20%s-%s-%s" % (y, m, d)
        elif line.strip() and day:
            rows.append((day, line.strip()))
    show(rows)


mode = sys.argv[1]
if mode == "ics":
    from_ics(*sys.argv[2:6])
elif mode == "khal":
    from_khal(sys.argv[2])
elif mode == "agenda":
    from_agenda(sys.argv[2], sys.argv[3])
elif mode == "calcurse":
    from_calcurse(sys.argv[2])
