#!/usr/bin/env python3
"""CPU of the engine, its PostgreSQL and the load generator over a load run, and per request of its judged phase.

    cpu.py sample OUT ENGINE_PID LOADGEN_PID PGDATA   every second until the engine exits: epoch_ms and the CPU
                                                      seconds each used since the first sample (process trees;
                                                      PostgreSQL = the postmaster started on PGDATA and its children)
    cpu.py split OUT START_MS END_MS REQUESTS         CPU ms per request between the two times (the judged phase)
"""
import os
import sys
import time

HZ = os.sysconf("SC_CLK_TCK")


def stat(pid):
    with open("/proc/%d/stat" % pid) as f:
        s = f.read()
    fields = s[s.rindex(")") + 2:].split()
    return int(fields[1]), int(fields[11]) + int(fields[12])  # ppid, utime + stime (all threads)


def processes():
    out = {}
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                out[int(p)] = stat(int(p))
            except (OSError, ValueError, IndexError):
                pass
    return out


def tree(root, procs):
    children = {}
    for pid, (ppid, _) in procs.items():
        children.setdefault(ppid, []).append(pid)
    found, todo = set(), [root]
    while todo:
        p = todo.pop()
        if p in procs and p not in found:
            found.add(p)
            todo.extend(children.get(p, []))
    return found


def postmasters(pgdata):
    found = []
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                with open("/proc/%s/cmdline" % p, "rb") as f:
                    args = f.read().split(b"\0")
            except OSError:
                continue
            if b"-D" in args and args.index(b"-D") + 1 < len(args) and args[args.index(b"-D") + 1].decode(errors="replace") == pgdata:
                found.append(int(p))
    return found


def sample(out, engine, loadgen, pgdata):
    last = {}  # pid -> ticks at its previous sample; a process first seen after the first sample counts from 0
    total = {"engine": 0, "postgres": 0, "loadgen": 0}
    first = True
    with open(out, "w", buffering=1) as f:
        f.write("epoch_ms engine_s postgres_s loadgen_s\n")
        while os.path.exists("/proc/%d" % engine):
            procs = processes()
            pg = set()
            for pm in postmasters(pgdata):
                pg |= tree(pm, procs)
            for name, pids in (("engine", tree(engine, procs) - pg), ("postgres", pg), ("loadgen", tree(loadgen, procs))):
                for pid in pids:
                    ticks = procs[pid][1]
                    total[name] += ticks - last.get(pid, ticks if first else 0)
                    last[pid] = ticks
            first = False
            f.write("%d %.2f %.2f %.2f\n" % (time.time() * 1000, total["engine"] / HZ, total["postgres"] / HZ, total["loadgen"] / HZ))
            time.sleep(1)


def split(out, start_ms, end_ms, requests):
    rows = [list(map(float, line.split())) for line in open(out).read().splitlines()[1:] if line.strip()]
    inside = [r for r in rows if start_ms <= r[0] <= end_ms]
    if len(inside) < 2 or requests <= 0:
        sys.exit("cpu: fewer than 2 samples in the judged phase")
    a, b = inside[0], inside[-1]
    share = (b[0] - a[0]) / (end_ms - start_ms)  # the sampled part of the phase, for its part of the requests
    per = [(b[i] - a[i]) * 1000 / (requests * share) for i in (1, 2, 3)]
    print("CPU ms per create over the judged phase: engine %.2f, PostgreSQL %.2f, load generator %.2f "
          "(engine + PostgreSQL %.2f; %d requests, %.0f s sampled)" % (per[0], per[1], per[2], per[0] + per[1], requests, (b[0] - a[0]) / 1000))


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "sample":
        sample(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
    elif len(sys.argv) == 6 and sys.argv[1] == "split":
        split(sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]))
    else:
        sys.exit(__doc__)
