#!/usr/bin/python3
"""corpus_compare.py - hearth's occurrences beside recurring-ical-events'.

    corpus_compare.py HEARTH CORPUS_DIR ALLOW_LIST WORK_DIR ZONE

Every *.ics under CORPUS_DIR (calendars from other projects' test suites,
tests/corpus) is imported by HEARTH into a fresh database and its
occurrences in a window are listed with 'hearth agenda --format json';
python3-icalendar expanded by python3-recurring-ical-events (Debian, run
by /usr/bin/python3) reads the same file over the same window. The two
lists of (start, end, title, cancelled) are compared.

Each file is one of:
  agree    both list the same occurrences
  differ   both read the file, the occurrences differ
  refused  hearth refused the whole file (exit status 2), or the peer
           could not read it
A file that does not agree must be named in ALLOW_LIST with the reason
(see that file); one that is named but now agrees is stale and fails too,
so the list keeps describing hearth as it is.

Output is TAP: one test per file; the differences of an allowed file are
printed under it as comments, each occurrence with what the reason says;
a summary comes last.

The window of a file is 400 days from the day of its earliest DTSTART
(in ZONE), unless ALLOW_LIST gives one ('window FILE FROM TO').

Two deliberate differences of hearth are normalised here rather than
listed for every file they touch, as hearth documents them (ics_event.h):
  - an event without SUMMARY is titled "(no title)";
  - a timed event that ends when it starts (no DTEND or DURATION, or a
    zero one) lasts one minute, as hearth needs an end after the start.
"""
import concurrent.futures
import datetime
import json
import os
import re
import subprocess
import sys
import zoneinfo

WINDOW_DAYS = 400


def read_allow(path):
    """{file: (status, reason)}, {file: (from, to)} from the allow-list."""
    allow, windows = {}, {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split(None, 3)
            if parts[0] == "window" and len(parts) == 4:
                windows[parts[1]] = (datetime.date.fromisoformat(parts[2]),
                                     datetime.date.fromisoformat(parts[3]))
            elif parts[0] in ("differ", "refused") and len(parts) >= 3:
                allow[parts[1]] = (parts[0], line.split(None, 2)[2])
            else:
                sys.exit("%s:%d: cannot read this line" % (path, n))
    return allow, windows


def calendars(data):
    """The calendars in data; a bare component (a VEVENT without a
    VCALENDAR around it, as some test files are) is put in one, as hearth
    reads it."""
    import icalendar
    try:
        found = icalendar.Calendar.from_ical(data, multiple=True)
    except TypeError:  # an older icalendar without 'multiple'
        found = [icalendar.Calendar.from_ical(data)]
    cals = []
    for c in found:
        if c.name != "VCALENDAR":
            wrapper = icalendar.Calendar()
            wrapper.add_component(c)
            c = wrapper
        cals.append(c)
    return cals


def first_day(cals, zone):
    """The day (in zone) of the earliest DTSTART, or None."""
    best = None
    for cal in cals:
        for ev in cal.walk("VEVENT"):
            if "DTSTART" not in ev:
                continue
            try:
                v = ev["DTSTART"].dt
            except Exception:  # noqa: BLE001 - a value the peer cannot read
                continue
            d = on_day(v, zone)
            if d and (best is None or d < best):
                best = d
    return best


def first_day_in_text(data):
    """The date of the first DTSTART written in data, for a file the peer
    cannot read (hearth's occurrences are still listed from there)."""
    m = re.search(rb"\nDTSTART[^:\r\n]*:(\d{8})", data)
    try:
        return datetime.datetime.strptime(m.group(1).decode(), "%Y%m%d").date()
    except (AttributeError, ValueError):
        return None


def on_day(v, zone):
    if isinstance(v, datetime.datetime):
        if v.tzinfo is None:
            v = v.replace(tzinfo=zone)
        return v.astimezone(zone).date()
    if isinstance(v, datetime.date):
        return v
    return None


def stamp(v, zone):
    """A date as YYYY-MM-DD, a time as the UTC instant YYYY-MM-DDTHH:MM:SSZ."""
    if isinstance(v, datetime.datetime):
        if v.tzinfo is None:  # floating: read in the zone hearth uses
            v = v.replace(tzinfo=zone)
        return v.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return v.strftime("%Y-%m-%d")


def one_minute_more(start):
    t = datetime.datetime.strptime(start, "%Y-%m-%dT%H:%M:%SZ")
    return (t + datetime.timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%SZ")


def peer_rows(cal, a, b, zone):
    import recurring_ical_events
    rows = []
    for ev in recurring_ical_events.of(cal).between(a, b):
        s = ev["DTSTART"].dt
        e = ev["DTEND"].dt if "DTEND" in ev else s
        start, end = stamp(s, zone), stamp(e, zone)
        if end == start and len(start) > 10:
            end = one_minute_more(start)
        elif end == start:
            end = (e + datetime.timedelta(days=1)).strftime("%Y-%m-%d")
        title = str(ev.get("SUMMARY", ""))
        if not title.strip(" \t\r\n"):
            title = "(no title)"
        cancelled = str(ev.get("STATUS", "")).upper() == "CANCELLED"
        rows.append((start, end, title, cancelled, str(ev.get("UID", ""))))
    return rows


NO_UID = "\0no UID: "


def by_uid(cal):
    """cal split into one calendar per UID (zones and calendar properties
    copied into each), for reading what the peer can of a file it cannot
    read whole."""
    import icalendar
    groups = {}
    for c in cal.subcomponents:
        if c.name == "VEVENT":
            # An event without UID: hearth makes one up, which is matched
            # by title (NO_UID + title).
            key = str(c["UID"]) if "UID" in c else \
                NO_UID + str(c.get("SUMMARY", "(no title)"))
            groups.setdefault(key, []).append(c)
    for uid, events in groups.items():
        part = icalendar.Calendar()
        for k, v in cal.items():
            part.add(k, v)
        for c in cal.subcomponents:
            if c.name == "VTIMEZONE":
                part.add_component(c)
        for e in events:
            part.add_component(e)
        yield uid, part


def peer(cals, day_from, day_to, zone):
    """The peer's occurrences in [day_from, day_to), and {UID: why} for the
    events it cannot read when it cannot read a calendar whole."""
    a = datetime.datetime.combine(day_from, datetime.time(), zone)
    b = datetime.datetime.combine(day_to, datetime.time(), zone)
    rows, failed = [], {}
    for cal in cals:
        try:
            rows += peer_rows(cal, a, b, zone)
            continue
        except Exception:  # noqa: BLE001 - then event by event
            pass
        for uid, part in by_uid(cal):
            try:
                rows += peer_rows(part, a, b, zone)
            except Exception as e:  # noqa: BLE001
                failed[uid] = "%s: %s" % (type(e).__name__, e)
    return sorted(rows), failed


def hearth_time(text):
    if len(text) == 10:
        return text
    t = datetime.datetime.fromisoformat(text)
    return t.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def hearth(binary, path, work, n, day_from, day_to, env):
    """(exit status of the import, its messages, occurrences or None)."""
    env = dict(env, HEARTH_DB=os.path.join(work, "c%d.db" % n))
    imp = subprocess.run([binary, "import", path], env=env,
                         capture_output=True, text=True, errors="replace")
    if imp.returncode == 2:
        return imp.returncode, imp.stderr, None
    last = day_to - datetime.timedelta(days=1)
    ag = subprocess.run([binary, "agenda", "--from", day_from.isoformat(),
                         "--to", last.isoformat(), "--format", "json",
                         "--status", "tentative", "--status", "confirmed",
                         "--status", "cancelled", "--cancelled"],
                        env=env, capture_output=True, text=True)
    os.unlink(env["HEARTH_DB"])
    if ag.returncode != 0:
        return imp.returncode, imp.stderr + ag.stderr, None
    rows = []
    for o in json.loads(ag.stdout):
        rows.append((hearth_time(o["start"]), hearth_time(o["end"]),
                     o["title"], o["status"] == "cancelled", o["uid"]))
    return imp.returncode, imp.stderr, sorted(rows)


def difference(want, got):
    """Occurrences only the peer lists, and only hearth lists (the UID
    tells whose they are, not what they are)."""
    only_peer, only_hearth = [r[:4] for r in want], []
    for r in got:
        if r[:4] in only_peer:
            only_peer.remove(r[:4])
        else:
            only_hearth.append(r[:4])
    return only_peer, only_hearth


def show(r):
    return "%s..%s %s%s" % (r[0], r[1], json.dumps(r[2], ensure_ascii=False),
                            " (cancelled)" if r[3] else "")


def main():
    binary, corpus, allow_path, work, zone_name = sys.argv[1:6]
    zone = zoneinfo.ZoneInfo(zone_name)
    allow, windows = read_allow(allow_path)
    env = dict(os.environ, TZ=zone_name, HEARTH_NOW="1798761600",
               XDG_CONFIG_HOME=os.path.join(work, "config"))
    os.makedirs(os.path.join(work, "config", "hearth"), exist_ok=True)
    with open(os.path.join(work, "config", "hearth", "config"), "w") as f:
        f.write("[general]\ntimezone = %s\n" % zone_name)
    files = []
    for top, _dirs, names in os.walk(corpus):
        files += [os.path.join(top, x) for x in names if x.endswith(".ics")]
    files.sort()
    counts = {"agree": 0, "differ": 0, "refused": 0}
    n_tests = n_bad = 0
    seen = set()

    def one(n):
        path = files[n]
        with open(path, "rb") as f:
            data = f.read()
        return compare(binary, path, data, work, n, zone,
                       windows.get(os.path.relpath(path, corpus)), env)

    # Two at a time: most of the time goes to running hearth.
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(one, range(len(files))))
    for n, path in enumerate(files):
        name = os.path.relpath(path, corpus)
        seen.add(name)
        status, detail = results[n]
        counts[status] += 1
        n_tests += 1
        want = allow.get(name)
        if status == "agree" and want is None:
            print("ok %d - %s: agree (%s)" % (n_tests, name, detail[0]))
            continue
        if status == "agree":
            print("not ok %d - %s: agrees now; remove it from %s" %
                  (n_tests, name, os.path.basename(allow_path)))
            n_bad += 1
            continue
        if want is not None and want[0] == status:
            print("ok %d - %s: %s as allowed: %s" % (n_tests, name, status,
                                                     want[1]))
        else:
            print("not ok %d - %s: %s%s" % (
                n_tests, name, status,
                "" if want is None else " (the allow-list says %s)" % want[0]))
            n_bad += 1
        for line in detail[1]:
            print("#   " + line)
    for name in sorted(set(allow) - seen):
        n_tests += 1
        n_bad += 1
        print("not ok %d - %s is in the allow-list but not in the corpus" %
              (n_tests, name))
    print("# %d files: %d agree, %d differ, %d refused" %
          (len(files), counts["agree"], counts["differ"], counts["refused"]))
    print("1..%d" % n_tests)
    return 1 if n_bad else 0


def compare(binary, path, data, work, n, zone, window, env):
    """('agree'|'differ'|'refused', (summary, [lines]))."""
    try:
        cals = calendars(data)
        day = first_day(cals, zone)
    except Exception as e:  # noqa: BLE001 - whatever the peer cannot read
        cals, day, peer_error = None, None, "%s: %s" % (type(e).__name__, e)
    else:
        peer_error = None
    if window:
        day_from, day_to = window
    else:
        day_from = day or first_day_in_text(data) or datetime.date(2020, 1, 1)
        day_to = day_from + datetime.timedelta(days=WINDOW_DAYS)
    want, failed = None, {}
    if peer_error is None:
        want, failed = peer(cals, day_from, day_to, zone)
    rc, messages, got = hearth(binary, path, work, n, day_from, day_to, env)
    lines = ["window %s..%s" % (day_from, day_to)]
    if peer_error:
        lines.append("the peer cannot read it: " + first_line(peer_error))
    if got is None:
        lines.append("hearth refused it (status %d):" % rc)
        lines += ["  " + m for m in messages.splitlines()[:6]]
    else:
        lines.append("hearth lists %d occurrences (import status %d)" %
                     (len(got), rc))
    if peer_error or got is None:
        return "refused", ("", lines)
    # Events the peer cannot read count as differences only where hearth
    # lists them.
    def unread_by_peer(r):
        return r[4] in failed or (r[4].startswith("hearth-import-") and
                                  NO_UID + r[2] in failed)
    unread = [r for r in got if unread_by_peer(r)]
    got = [r for r in got if not unread_by_peer(r)]
    only_peer, only_hearth = difference(want, got)
    if not only_peer and not only_hearth and not unread:
        return "agree", ("%d occurrences%s" % (
            len(got), "; %d events neither reads" % len(failed)
            if failed else ""), [])
    for uid in sorted({r[4] for r in unread}):
        why = failed.get(uid) or failed.get(
            NO_UID + next(r[2] for r in unread if r[4] == uid))
        lines.append("the peer cannot read UID %s (%s), hearth lists %d" % (
            uid, first_line(why), sum(1 for r in unread if r[4] == uid)))
    lines += ["peer only:   " + show(r) for r in only_peer[:20]]
    if len(only_peer) > 20:
        lines.append("peer only:   ... %d more" % (len(only_peer) - 20))
    lines += ["hearth only: " + show(r) for r in only_hearth[:20]]
    if len(only_hearth) > 20:
        lines.append("hearth only: ... %d more" % (len(only_hearth) - 20))
    lines += ["import: " + m for m in messages.splitlines()[:6]]
    return "differ", ("", lines)


def first_line(text):
    return (text.splitlines() or [""])[0][:300]


if __name__ == "__main__":
    sys.exit(main())
