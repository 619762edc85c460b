#!/usr/bin/python3
"""caldav_client.py - another CalDAV client, for hearth's sync tests.

    caldav_client.py URL USER PASSWORD COMMAND [ARGS...]

URL is a calendar collection. Python's caldav library (python3-caldav)
does the talking, so that what hearth sends and reads is checked by a
client no one here wrote. Commands:

    read FROM TO ZONE   every occurrence between FROM and TO (ISO, in
                        ZONE), expanded by recurring_ical_events, cancelled
                        ones left out, one line each, sorted:
                        start<TAB>end<TAB>UID<TAB>summary
                        (dates alone for all-day events, else ISO times
                        with their offset in ZONE, as hearth agenda
                        --format tsv writes them)
    uids                the UID of every object, one a line, sorted (a UID
                        twice means an event was sent twice)
    retitle UID TITLE   changes the event's SUMMARY on the server
    delete UID          deletes the event's object
    move UID RID START  adds a changed occurrence to a repeating event: the
                        one originally at RID (ISO, in the event's zone)
                        moved to START (same length)
    put NAME FILE       stores FILE as object NAME, as it is
    get NAME            prints object NAME as the server has it
    token               prints the calendar's sync token now (RFC 6578)
"""
import datetime
import sys
import zoneinfo

import caldav
import icalendar
import recurring_ical_events


def calendar(url, user, password):
    client = caldav.DAVClient(url=url, username=user, password=password)
    return client.calendar(url=url)


def stamp(value, zone):
    if isinstance(value, datetime.datetime):
        return value.astimezone(zone).isoformat()
    return value.isoformat()


def read(cal, start, end, zone_name):
    zone = zoneinfo.ZoneInfo(zone_name)
    a = datetime.datetime.fromisoformat(start).replace(tzinfo=zone)
    b = datetime.datetime.fromisoformat(end).replace(tzinfo=zone)
    rows = []
    for obj in cal.events():
        ical = icalendar.Calendar.from_ical(obj.data)
        for ev in recurring_ical_events.of(ical).between(a, b):
            if str(ev.get("STATUS", "")).upper() == "CANCELLED":
                continue
            rows.append("\t".join((stamp(ev["DTSTART"].dt, zone),
                                   stamp(ev["DTEND"].dt, zone),
                                   str(ev["UID"]), str(ev["SUMMARY"]))))
    for r in sorted(rows):
        print(r)


def uids(cal):
    found = []
    for obj in cal.events():
        ical = icalendar.Calendar.from_ical(obj.data)
        found.extend({str(ev["UID"]) for ev in ical.walk("VEVENT")})
    for u in sorted(found):
        print(u)


def master(ical):
    for ev in ical.walk("VEVENT"):
        if "RECURRENCE-ID" not in ev:
            return ev
    raise SystemExit("no master event")


def retitle(cal, uid, title):
    obj = cal.event_by_uid(uid)
    ical = icalendar.Calendar.from_ical(obj.data)
    ev = master(ical)
    ev["SUMMARY"] = icalendar.vText(title)
    ev["SEQUENCE"] = int(ev.get("SEQUENCE", 0)) + 1
    obj.data = ical.to_ical()
    obj.save()


def move(cal, uid, rid, start):
    obj = cal.event_by_uid(uid)
    ical = icalendar.Calendar.from_ical(obj.data)
    ev = master(ical)
    zone = ev["DTSTART"].dt.tzinfo
    length = ev["DTEND"].dt - ev["DTSTART"].dt
    was = datetime.datetime.fromisoformat(rid).replace(tzinfo=zone)
    now = datetime.datetime.fromisoformat(start).replace(tzinfo=zone)
    ch = icalendar.Event()
    ch.add("UID", uid)
    ch.add("RECURRENCE-ID", was)
    ch.add("DTSTART", now)
    ch.add("DTEND", now + length)
    ch.add("DTSTAMP", datetime.datetime.now(datetime.timezone.utc))
    ch.add("SUMMARY", str(ev["SUMMARY"]))
    ical.add_component(ch)
    obj.data = ical.to_ical()
    obj.save()


def main():
    url, user, password, cmd = sys.argv[1:5]
    args = sys.argv[5:]
    cal = calendar(url, user, password)
    if cmd == "read":
        read(cal, *args)
    elif cmd == "uids":
        uids(cal)
    elif cmd == "retitle":
        retitle(cal, *args)
    elif cmd == "delete":
        cal.event_by_uid(args[0]).delete()
    elif cmd == "move":
        move(cal, *args)
    elif cmd == "put":
        obj = caldav.Event(client=cal.client, url=url + args[0], parent=cal,
                           data=open(args[1], encoding="utf-8").read())
        obj.save()
    elif cmd == "token":
        print(cal.objects_by_sync_token(load_objects=False).sync_token)
    elif cmd == "get":
        sys.stdout.write(cal.event_by_url(url + args[0]).data)
    else:
        raise SystemExit("unknown command " + cmd)


main()
