#!/usr/bin/env python3
"""Prints one request's per-second response times over a Gatling run, read from the report's charts (Gatling
buckets a request by the second it started; OK responses only): count, p50, p95, p99 and max in ms per second, for
every phase (Gatling group) the request ran in, in time order, with the second's UTC time (to line it up with the
engine's JFR, GC log and smoke-gate.sh's PostgreSQL activity).

    loadtest/bench/per-second.py [REPORT_DIR] [REQUEST]   (defaults: the newest report, "create plan")
"""
import datetime
import glob
import os
import re
import sys


def newest():
    root = os.path.join(os.path.dirname(__file__), "..", "target", "gatling")
    dirs = [d for d in glob.glob(os.path.join(root, "*")) if os.path.isdir(d)]
    return max(dirs, key=os.path.getmtime)


def series(text, name):
    m = re.search(r"name: '" + re.escape(name) + r"',\s*data: \[(.*?)\]\s*,?\s*\n", text, re.S)
    if not m:
        return {}
    return {int(t): (None if v == "null" else int(v)) for t, v in re.findall(r"\[(\d+), (null|\d+)\]", m.group(1))}


def counts(text):
    """Requests per second that started in each second (the 'All' line of the requests-per-second chart)."""
    m = re.search(r"name: 'All',\s*data: \[(.*?\])\]", text, re.S)
    return {int(t): int(v) for t, v in re.findall(r"\[(\d+), ?(\d+)\]", m.group(1))} if m else {}


def main():
    report = sys.argv[1] if len(sys.argv) > 1 else newest()
    request = sys.argv[2] if len(sys.argv) > 2 else "create plan"
    rows = []
    for page in glob.glob(os.path.join(report, "req_*.html")):
        text = open(page, encoding="utf-8").read()
        title = re.search(r'<title>Gatling Stats - ([^<]*)</title>', text)
        path = title.group(1) if title else page
        group, _, name = path.rpartition(" / ")
        if name != request:
            continue
        p50, p95, p99, mx = (series(text, n) for n in ("50%", "95%", "99%", "max"))
        n = counts(text)
        for t in sorted(p95):
            if p95[t] is not None:
                rows.append((t, group, n.get(t, ""), p50.get(t), p95[t], p99.get(t), mx.get(t)))
    rows.sort()
    if not rows:
        sys.exit("no per-second data for '%s' in %s" % (request, report))
    start = rows[0][0]
    print(report)
    print("%5s %-8s %-10s %6s %6s %6s %6s %6s" % ("s", "utc", "phase", "count", "p50", "p95", "p99", "max"))
    for t, group, c, a, b, d, e in rows:
        utc = datetime.datetime.fromtimestamp(t / 1000, datetime.timezone.utc).strftime("%H:%M:%S")
        print("%5d %-8s %-10s %6s %6s %6s %6s %6s" % ((t - start) // 1000, utc, group, c, a, b, d, e))


if __name__ == "__main__":
    main()
