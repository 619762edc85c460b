#!/usr/bin/python3
"""ical_bench.py SIZE... - 'make bench-ical': iCalendar import and export.

For each size, a generated calendar of that many series (gen_calendar.py)
is imported and exported by hearth, by calcurse (TZ set to the calendar's
zone, as calcurse needs for BYDAY rules) and imported by the libical
baseline (parse the whole file, insert a row per VEVENT into SQLite), all
in this run. It prints seconds and peak memory of each, and the ratios the
issue sets as targets at 100k series:
  import  >= 20x faster than calcurse, within 2x of libical+SQLite
  export  >= 2x faster than calcurse
  memory  of hearth's import and export not growing with the events
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

top = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
hearth = os.path.join(top, "hearth")
baseline = os.path.join(top, "build", "bench", "ical_baseline")
gen = os.path.join(top, "tests", "ical", "gen_calendar.py")


def run(argv, env, stdout=subprocess.DEVNULL):
    """Runs argv; returns (CPU seconds, peak resident MB, wall seconds).

    CPU time (user + system) is what the ratios use: on a shared machine
    wall time also counts the other processes."""
    t0 = time.monotonic()
    p = subprocess.Popen(argv, env=env, stdout=stdout, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.monotonic() - t0
    secs = usage.ru_utime + usage.ru_stime
    err = p.stderr.read().decode("utf-8", "replace")
    p.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("failed: %s\n%s" % (" ".join(argv), err[-2000:]))
    return secs, usage.ru_maxrss / 1024.0, wall


REPS = 3


def median(samples):
    """The run with the median CPU time of several (cpu, mb, wall) runs."""
    return sorted(samples, key=lambda r: r[0])[len(samples) // 2]


def fresh(path):
    """Removes path (a database from an earlier repetition) if it is there."""
    if os.path.exists(path):
        os.unlink(path)
    return path


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 10000, 100000]
    work = tempfile.mkdtemp(prefix="hearth-bench-ical.")
    env = dict(os.environ, TZ="Asia/Shanghai", HOME=work,
               XDG_CONFIG_HOME=os.path.join(work, "config"),
               XDG_DATA_HOME=os.path.join(work, "data"),
               HEARTH_NOW="1798416000", LC_ALL="C.UTF-8")
    env.pop("HEARTH_DB", None)
    os.makedirs(os.path.join(work, "config", "hearth"))
    with open(os.path.join(work, "config", "hearth", "config"), "w") as f:
        f.write("[general]\ntimezone = Asia/Shanghai\n")
    print("iCalendar import and export: CPU seconds (user+system) and peak MB,"
          " same run, same files; median of %d but calcurse's import" % REPS)
    print("%8s %6s | %-17s %-17s %-17s | %-17s %-17s" % (
        "series", "MB", "hearth import", "calcurse import", "libical+sqlite",
        "hearth export", "calcurse export"))
    results = []
    try:
        for n in sizes:
            ics = os.path.join(work, "gen-%d.ics" % n)
            with open(ics, "w") as f:
                subprocess.run([sys.executable, gen, str(n), "1"], stdout=f,
                               check=True)
            db = os.path.join(work, "h-%d.db" % n)
            cc = os.path.join(work, "cc-%d" % n)
            os.makedirs(cc)
            out = os.path.join(work, "out-%d.ics" % n)
            bl_db = os.path.join(work, "bl-%d.db" % n)
            # The quick ones REPS times, interleaved, and the median: one
            # run on a shared machine is at the mercy of its neighbours.
            # calcurse's import takes minutes at 100k and runs once.
            his, hes, bls, ces = [], [], [], []
            ci = run(["calcurse", "-D", cc, "-i", ics], env)
            for _ in range(REPS):
                his.append(run([hearth, "--db", fresh(db), "import", ics], env))
                hes.append(run([hearth, "--db", db, "export", "-o", out], env))
                bls.append(run([baseline, ics, fresh(bl_db)], env))
                with open(os.path.join(work, "cc-out-%d.ics" % n), "w") as f:
                    ces.append(run(["calcurse", "-D", cc, "--export=ical"],
                                   env, stdout=f))
            hi, he, bl, ce = median(his), median(hes), median(bls), median(ces)
            size = os.path.getsize(ics) / 1e6
            print("%8d %6.1f | %7.2f s %5.0f MB %7.2f s %5.0f MB %7.2f s %5.0f MB"
                  " | %7.2f s %5.0f MB %7.2f s %5.0f MB" % (
                      n, size, hi[0], hi[1], ci[0], ci[1], bl[0], bl[1],
                      he[0], he[1], ce[0], ce[1]))
            print("%15s wall s: %.2f %.2f %.2f | %.2f %.2f; hearth export "
                  "(to a file, fsync'd) wrote %.1f MB, calcurse %.1f MB" % (
                      "", hi[2], ci[2], bl[2], he[2], ce[2],
                      os.path.getsize(out) / 1e6,
                      os.path.getsize(os.path.join(work, "cc-out-%d.ics" % n))
                      / 1e6))
            results.append((n, hi, ci, bl, he, ce))
            sys.stdout.flush()
        print()
        for n, hi, ci, bl, he, ce in results:
            print("%7d series: import %5.1fx faster than calcurse (target 20x), "
                  "%4.2fx libical+sqlite's time (target <= 2x); export %4.1fx "
                  "faster than calcurse (target 2x)" % (
                      n, ci[0] / hi[0], hi[0] / bl[0], ce[0] / he[0]))
        first, last = results[0], results[-1]
        print("peak memory from %d to %d series: hearth import %.0f -> %.0f MB, "
              "export %.0f -> %.0f MB; libical+sqlite %.0f -> %.0f MB" % (
                  first[0], last[0], first[1][1], last[1][1], first[4][1],
                  last[4][1], first[3][1], last[3][1]))
    finally:
        shutil.rmtree(work, ignore_errors=True)


main()
