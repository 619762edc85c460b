#!/usr/bin/python3
"""sync_bench.py - hearth sync against Radicale, beside python's caldav.

    sync_bench.py [--hearth PATH] [--reps N] [--dir DIR] SIZE...

For each SIZE (number of series) it generates a calendar of that many
series (tests/ical/gen_calendar.py), imports it into a new database, starts
a throwaway Radicale (Debian's, on a free port of 127.0.0.1, storage on a
tmpfs) with an empty calendar, and measures:

  first sync        hearth sync sending every series (one PUT each);
  no-change sync    hearth sync again, nothing changed (median of --reps);
  one change        hearth sync after one series changed here;
  pull              a second, empty database pulling the whole calendar
                    (sync-collection, then calendar-multiget by 100);

and, as the peer, python3-caldav (a CalDAV client no one here wrote) doing
the same to a calendar of its own on the same server: storing the same
events one object each, and asking for changes with the sync token it
got (its no-change sync). Each line gives the wall-clock time, hearth's own
CPU time, the server's CPU time and the requests made; then the ratios
hearth/peer and how the cost per series grows with the size.

Radicale does most of the work of a first sync (it parses and stores each
object): the server's CPU column says how much. Its PUT checks that no
other object of the calendar has the new one's UID by reading them all, so
a first sync that stores N objects costs it O(N^2): at 10,000 series that
is the server's hour, whoever the client is.

With --seeded the objects are instead written straight into the server's
storage (as other clients would have stored them over time), and what is
measured is hearth's first sync of that calendar into a new database (a
pull: sync-collection, then calendar-multiget a hundred at a time), a
no-change sync, one change sent, and, as the peer, python3-caldav reading
the whole calendar and asking for changes with its sync token.
"""
import hashlib
import json
import argparse
import base64
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PY = "/usr/bin/python3"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def proc_cpu(pid):
    """CPU seconds (user + system) of a running process, from /proc."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Radicale:
    def __init__(self, base):
        self.dir = tempfile.mkdtemp(dir=base, prefix="radicale-")
        with open(os.path.join(self.dir, "users"), "w") as f:
            f.write("bench:bench\npeer:peer\n")
        self.port = free_port()
        self.url = "http://127.0.0.1:%d" % self.port
        self.log = open(os.path.join(self.dir, "log"), "w")
        self.proc = subprocess.Popen(
            ["radicale",
             "--storage-filesystem-folder=" + os.path.join(self.dir, "storage"),
             "--server-hosts=127.0.0.1:%d" % self.port,
             "--auth-type=htpasswd",
             "--auth-htpasswd-filename=" + os.path.join(self.dir, "users"),
             "--auth-htpasswd-encryption=plain"],
            stdout=self.log, stderr=self.log)
        for _ in range(200):
            try:
                urllib.request.urlopen(self.url + "/.web/", timeout=1)
                return
            except Exception:
                time.sleep(0.1)
        raise SystemExit("Radicale did not start")

    def cpu(self):
        return proc_cpu(self.proc.pid)

    def mkcalendar(self, user, name):
        token = base64.b64encode(("%s:%s" % (user, user)).encode()).decode()
        req = urllib.request.Request(
            "%s/%s/%s/" % (self.url, user, name), method="MKCALENDAR",
            headers={"Authorization": "Basic " + token})
        urllib.request.urlopen(req)
        return "%s/%s/%s/" % (self.url, user, name)

    def stop(self):
        self.proc.terminate()
        self.proc.wait()
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)


class Hearth:
    def __init__(self, exe, work, name, url):
        self.exe = exe
        self.env = dict(os.environ, TZ="UTC", LANG="C.UTF-8", LC_ALL="C.UTF-8",
                        HOME=work, XDG_CONFIG_HOME=os.path.join(work, "config"),
                        HEARTH_DB=os.path.join(work, name + ".db"))
        os.makedirs(os.path.join(work, "config", "hearth"), exist_ok=True)
        pw = os.path.join(work, "bench.pw")
        with open(pw, "w") as f:
            f.write("bench\n")
        os.chmod(pw, 0o600)
        with open(os.path.join(work, "config", "hearth", "config"), "w") as f:
            f.write("[sync bench]\nurl = %s\nuser = bench\npassword_file = %s\n"
                    "timeout = 600\n" % (url, pw))

    def run(self, *args):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.monotonic()
        out = subprocess.run([self.exe] + list(args), env=self.env,
                             capture_output=True, text=True)
        wall = time.monotonic() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if out.returncode != 0:
            raise SystemExit("hearth %s: %s%s" % (" ".join(args), out.stdout,
                                                  out.stderr))
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        return wall, cpu, out.stdout


def requests_of(out):
    word = out.split(" requests in ")[0].split()[-1]
    return int(word)


def measure(server, fn):
    """Runs fn, returning (wall, own cpu, server cpu, requests)."""
    s0 = server.cpu()
    wall, cpu, reqs = fn()
    return wall, cpu, server.cpu() - s0, reqs


def hearth_sync(h):
    def fn():
        wall, cpu, out = h.run("sync", "bench")
        return wall, cpu, requests_of(out)
    return fn


def counting_calendar(url, user):
    """python3-caldav's calendar at url as user (password = user name), and
    a dict whose "n" counts the requests it makes."""
    import caldav

    counted = {"n": 0}
    client = caldav.DAVClient(url=url, username=user, password=user)
    real = client.request

    def counting(*a, **k):
        counted["n"] += 1
        return real(*a, **k)
    client.request = counting
    return client.calendar(url=url), counted


def timed(counted, work):
    """A function for measure: runs work(), returning (wall, own cpu,
    requests made)."""
    def fn():
        counted["n"] = 0
        t0 = time.monotonic()
        c0 = time.process_time()
        work()
        return time.monotonic() - t0, time.process_time() - c0, counted["n"]
    return fn


def peer_nochange(server, cal, counted, token, reps):
    """The median of reps no-change asks by the peer since token."""
    def nochange():
        found = list(cal.objects_by_sync_token(sync_token=token,
                                               load_objects=False))
        assert not found, "the peer found changes"
    return median([measure(server, timed(counted, nochange))
                   for _ in range(reps)])


def peer(server, url, objects, reps):
    """python3-caldav storing the objects, then asking for changes."""
    cal, counted = counting_calendar(url, "peer")

    def store():
        for text in objects:
            cal.save_event(text)
    first = measure(server, timed(counted, store))
    token = cal.objects_by_sync_token(load_objects=False).sync_token
    return first, peer_nochange(server, cal, counted, token, reps)


def median(rows):
    return tuple(statistics.median(r[i] for r in rows) for i in range(4))


def split_objects(ics):
    """The generated calendar as one VCALENDAR per UID, as a client that
    keeps one object per event stores it."""
    head, zones, events, cur = [], [], {}, None
    lines = ics.replace("\r\n", "\n").split("\n")
    block = []
    for line in lines:
        if line.startswith("BEGIN:") and not block and line != "BEGIN:VCALENDAR":
            block = [line]
            continue
        if block:
            block.append(line)
            if line == "END:" + block[0][6:]:
                text = "\r\n".join(block) + "\r\n"
                if block[0] == "BEGIN:VTIMEZONE":
                    zones.append(text)
                else:
                    uid = next(l[4:] for l in block if l.startswith("UID:"))
                    uid = next((l[15:] for l in block
                                if l.startswith("X-HEARTH-SERIES:")), uid)
                    events.setdefault(uid, []).append(text)
                block = []
            continue
        if line.startswith(("VERSION", "PRODID")):
            head.append(line)
    out = []
    for uid, parts in events.items():
        out.append("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\n"
                   + "".join(zones) + "".join(parts) + "END:VCALENDAR\r\n")
    return out


def row(name, m, note=""):
    wall, cpu, server, reqs = m
    print("  %-16s %9.2f s  %8.2f s  %9.2f s  %8d  %s"
          % (name, wall, cpu, server, reqs, note))


def bench(size, args):
    work = tempfile.mkdtemp(dir=args.dir, prefix="sync-%d-" % size)
    shm = "/dev/shm" if os.access("/dev/shm", os.W_OK) else work
    server = Radicale(shm)
    try:
        ics = subprocess.run([PY, os.path.join(TOP, "tests/ical/gen_calendar.py"),
                              str(size), "3"], capture_output=True,
                             text=True, check=True).stdout
        with open(os.path.join(work, "gen.ics"), "w") as f:
            f.write(ics)
        url = server.mkcalendar("bench", "cal")
        h = Hearth(args.hearth, work, "here", url)
        h.run("init", "--tz", "Asia/Shanghai")
        subprocess.run([args.hearth, "import", os.path.join(work, "gen.ics")],
                       env=h.env, capture_output=True)
        print("%d series (%.1f MB of iCalendar)" % (size, len(ics) / 1e6))
        print("  %-16s %11s  %10s  %11s  %8s" % ("", "wall", "hearth CPU",
                                                 "server CPU", "requests"))
        first = measure(server, hearth_sync(h))
        row("first sync", first)
        again = median([measure(server, hearth_sync(h))
                        for _ in range(args.reps)])
        row("no-change sync", again)
        uid = h.run("agenda", "--from", "2027-03-01", "--to", "2027-03-31",
                    "--format", "tsv")[2].split("\t")[2]
        h.run("edit", uid, "--title", "改过的活动")
        one = measure(server, hearth_sync(h))
        row("one change", one)
        there = Hearth(args.hearth, work, "there", url)
        there.run("init", "--tz", "Asia/Shanghai")
        pull = measure(server, hearth_sync(there))
        row("pull, new db", pull)
        objects = split_objects(ics)
        purl = server.mkcalendar("peer", "cal")
        pfirst, pagain = peer(server, purl, objects, args.reps)
        row("peer: store all", pfirst, "(python3-caldav)")
        row("peer: no change", pagain, "(python3-caldav)")
        print("  hearth/peer, wall: first sync %.2f, no-change sync %.2f"
              % (first[0] / pfirst[0], again[0] / pagain[0]))
        return size, first, again, one, pull
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)


def seed(server, user, name, objects):
    """Writes objects into the calendar's folder of Radicale's storage."""
    folder = os.path.join(server.dir, "storage", "collection-root", user, name)
    for text in objects:
        uid = next(l[4:] for l in text.split("\r\n") if l.startswith("UID:"))
        href = hashlib.sha1(uid.encode()).hexdigest() + ".ics"
        with open(os.path.join(folder, href), "w", newline="") as f:
            f.write(text)
    with open(os.path.join(folder, ".Radicale.props")) as f:
        props = json.load(f)
    return len(objects), props


def warm(url):
    """One listing of the calendar, unmeasured: Radicale reads and caches
    every object the first time it is asked, which would otherwise be
    counted against whichever client comes first."""
    token = base64.b64encode(b"bench:bench").decode()
    req = urllib.request.Request(
        url, method="PROPFIND", data=b'<?xml version="1.0"?><d:propfind '
        b'xmlns:d="DAV:"><d:prop><d:getetag/></d:prop></d:propfind>',
        headers={"Authorization": "Basic " + token, "Depth": "1",
                 "Content-Type": "application/xml"})
    urllib.request.urlopen(req, timeout=3600).read()


def peer_read(server, url, reps):
    """python3-caldav reading the whole calendar, then asking for changes."""
    cal, counted = counting_calendar(url, "bench")
    got = {}

    def read_all():
        objs = cal.objects_by_sync_token(load_objects=True)
        got["token"] = objs.sync_token
        got["n"] = sum(1 for o in objs if o.data)
    first = measure(server, timed(counted, read_all))
    return (first, peer_nochange(server, cal, counted, got["token"], reps),
            got["n"])


def bench_seeded(size, args):
    work = tempfile.mkdtemp(dir=args.dir, prefix="sync-seeded-%d-" % size)
    shm = "/dev/shm" if os.access("/dev/shm", os.W_OK) else work
    server = Radicale(shm)
    try:
        ics = subprocess.run([PY, os.path.join(TOP, "tests/ical/gen_calendar.py"),
                              str(size), "3"], capture_output=True,
                             text=True, check=True).stdout
        url = server.mkcalendar("bench", "cal")
        n, _ = seed(server, "bench", "cal", split_objects(ics))
        warm(url)
        print("%d series already on the server, one object each (%.1f MB)"
              % (n, len(ics) / 1e6))
        print("  %-16s %11s  %10s  %11s  %8s" % ("", "wall", "hearth CPU",
                                                 "server CPU", "requests"))
        h = Hearth(args.hearth, work, "here", url)
        h.run("init", "--tz", "Asia/Shanghai")
        first = measure(server, hearth_sync(h))
        row("first sync", first, "(pull into a new database)")
        count = int(subprocess.run(
            ["sqlite3", h.env["HEARTH_DB"], "SELECT count(*) FROM series"],
            capture_output=True, text=True).stdout or 0)
        if count != n:
            raise SystemExit("hearth holds %d series of %d" % (count, n))
        again = median([measure(server, hearth_sync(h))
                        for _ in range(args.reps)])
        row("no-change sync", again)
        uid = h.run("agenda", "--from", "2027-03-01", "--to", "2027-03-31",
                    "--format", "tsv")[2].split("\t")[2]
        h.run("edit", uid, "--title", "改过的活动")
        one = measure(server, hearth_sync(h))
        row("one change", one)
        pfirst, pagain, pn = peer_read(server, url, args.reps)
        row("peer: read all", pfirst, "(python3-caldav, %d objects)" % pn)
        row("peer: no change", pagain, "(python3-caldav)")
        print("  hearth/peer, wall: first sync %.2f, no-change sync %.2f"
              % (first[0] / pfirst[0], again[0] / pagain[0]))
        return size, first, again, one
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--hearth", default=os.path.join(TOP, "hearth"))
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--dir", default=tempfile.gettempdir())
    ap.add_argument("--seeded", action="store_true",
                    help="the calendar already on the server: hearth pulls it")
    ap.add_argument("sizes", nargs="+", type=int)
    args = ap.parse_args()
    args.dir = os.path.abspath(args.dir)
    args.hearth = os.path.abspath(args.hearth)
    os.makedirs(args.dir, exist_ok=True)
    if args.seeded:
        results = [bench_seeded(n, args) for n in args.sizes]
        if len(results) > 1:
            a, b = results[0], results[-1]
            print("cost per series, %d -> %d series: first sync %.2f ms -> "
                  "%.2f ms; no-change sync %d -> %d requests, %.2f s -> %.2f s"
                  % (a[0], b[0], a[1][0] / a[0] * 1e3, b[1][0] / b[0] * 1e3,
                     a[2][3], b[2][3], a[2][0], b[2][0]))
        return
    results = [bench(n, args) for n in args.sizes]
    if len(results) > 1:
        print("cost per series, %d -> %d series:" % (results[0][0],
                                                     results[-1][0]))
        for i, name in ((1, "first sync"), (4, "pull")):
            a = results[0][i][0] / results[0][0]
            b = results[-1][i][0] / results[-1][0]
            print("  %-14s %.1f ms -> %.1f ms a series (x%.2f)"
                  % (name, a * 1e3, b * 1e3, b / a))
        print("  no-change sync: %d -> %d requests, %.2f s -> %.2f s"
              % (results[0][2][3], results[-1][2][3], results[0][2][0],
                 results[-1][2][0]))


main()
