#!/usr/bin/env python3
"""Prints the statistics table of a Gatling HTML report (count, KO, req/s, p50, p75, p95, p99, max in ms).

    loadtest/bench/gatling-stats.py [REPORT_DIR]   (default: the newest under loadtest/target/gatling)
"""
import glob
import html
import os
import re
import sys

COLS = ["total", "ok", "ko", "ko%", "rps", "min", "p50", "p75", "p95", "p99", "max", "mean", "std"]


def newest():
    root = os.path.join(os.path.dirname(__file__), "..", "target", "gatling")
    dirs = [d for d in glob.glob(os.path.join(root, "*")) if os.path.isdir(d)]
    return max(dirs, key=os.path.getmtime)


def rows(report):
    text = open(os.path.join(report, "index.html"), encoding="utf-8").read()
    for tr in re.findall(r'<tr id="(?:req|group)_[^"]*"(?: data-parent="([^"]*)")?>(.*?)</tr>', text, re.S):
        parent, body = tr
        name = html.unescape(re.search(r'class="ellipsed-name">([^<]*)<', body).group(1))
        values = re.findall(r'<td class="value [^"]*col-(\d+)">([^<]*)</td>', body)
        group = re.sub(r"^group_(.*)--?\d+$", r"\1", parent or "")
        yield (group + " / " + name if group else name), dict((COLS[int(c) - 2], v) for c, v in values)


def main():
    report = sys.argv[1] if len(sys.argv) > 1 else newest()
    print(report)
    print("%-36s %8s %6s %8s %6s %6s %6s %6s %6s" % ("request", "count", "KO", "req/s", "p50", "p95", "p99", "max", "mean"))
    for name, v in rows(report):
        print("%-36s %8s %6s %8s %6s %6s %6s %6s %6s" % (name[:36], v.get("total"), v.get("ko"), v.get("rps"),
                                                         v.get("p50"), v.get("p95"), v.get("p99"), v.get("max"),
                                                         v.get("mean")))


if __name__ == "__main__":
    main()
