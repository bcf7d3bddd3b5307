#!/usr/bin/env python3
"""Independent checker of `compare --min-people k` (docs/privacy.md, "compare").

    compare_min_people_check.py BEFORE.csv AFTER.csv BEFORE.json AFTER.json K REPORT.json [--session-gap SECONDS]
    compare_min_people_check.py --split LOG.csv BEFORE.csv AFTER.csv   (cases by CRC-32 parity)

Reads each side's log itself (as min_people_check.py), cuts the journeys at the session gap
and counts, per side, every number a comparison row shows with the distinct people behind
it: journeys reaching each stage and touchpoint, starts, ends and transitions. BEFORE.json and
AFTER.json (`mine --people`) give only the touchpoint → stage map. Checks REPORT.json
(`compare --min-people K -o REPORT.json`):

1. every count of a shown row equals the count here and, unless 0, rests on >= K people on
   its side; every total equals the side's journeys or the source touchpoint's moves out;
2. nothing withheld comes back by subtraction on either side: all journeys minus the shown
   starts, and a touchpoint's moves out (a shown total) minus its shown transitions and end,
   are 0 or rest on >= K people (the union of the left-out rows' people).
Prints "ok" or the problems, one a line.
"""
import json, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sankey_min_people_check import journeys  # noqa: E402


def count(log, stage_of, gap):
    items = {}

    def add(key, person, n=1):
        e = items.setdefault(key, [0, set()])
        e[0] += n
        e[1].add(person)
    for person, path in journeys(log, gap):
        add(("journeys",), person)
        add(("start", path[0]), person)
        add(("end", path[-1]), person)
        add(("out", path[-1]), person)
        for a in set(path):
            add(("tp", a), person)
        for s in {stage_of[a] for a in path}:
            add(("stage", s), person)
        for a, b in zip(path, path[1:]):
            add(("edge", a, b), person)
            add(("out", a), person)
    return items


def split(log, before, after):
    import csv, zlib
    with open(log, newline="") as f:
        reader = csv.DictReader(f)
        outs = [open(p, "w", newline="") for p in (before, after)]
        writers = [csv.DictWriter(o, fieldnames=reader.fieldnames) for o in outs]
        for w in writers:
            w.writeheader()
        for row in reader:
            writers[zlib.crc32(row["case:concept:name"].encode()) % 2].writerow(row)
        for o in outs:
            o.close()


def main():
    args = sys.argv[1:]
    if args[0] == "--split":
        return split(*args[1:4])
    gap = None
    if "--session-gap" in args:
        i = args.index("--session-gap")
        gap = float(args[i + 1])
        del args[i:i + 2]
    logs, fulls, k, report = args[0:2], args[2:4], int(args[4]), json.load(open(args[5]))
    problems = []
    for side, log, full in zip(("before", "after"), logs, fulls):
        stage_of = {t["name"]: t["stage"] for t in json.load(open(full))["touchpoints"]}
        items = count(log, stage_of, gap)
        journeys_n = items[("journeys",)][0]
        shown = {}

        def show(key, cell, total):
            truth = items.get(key, [0, set()])
            shown[key] = cell["count"]
            if cell["count"] != truth[0]:
                problems.append(f"{side} {key}: shown {cell['count']}, counted {truth[0]}")
            if cell["count"] and len(truth[1]) < k:
                problems.append(f"{side} {key}: {cell['count']} rests on {len(truth[1])} people < {k}")
            if cell["total"] != total:
                problems.append(f"{side} {key}: total {cell['total']}, expected {total}")
        for r in report["stages"]:
            show(("stage", r["id"]), r[side], journeys_n)
        for r in report["touchpoints"]:
            show(("tp", r["name"]), r[side], journeys_n)
        for r in report["transitions"]:
            key = ("start", r["to"]) if r["from"] is None else ("end", r["from"]) if r["to"] is None else ("edge", r["from"], r["to"])
            total = journeys_n if r["from"] is None else items.get(("out", r["from"]), [0])[0]
            show(key, r[side], total)

        def check(name, total, members):
            hidden = [m for m in members if m not in shown and items.get(m, [0])[0] > 0]
            back = total - sum(shown.get(m, 0) for m in members)
            if back <= 0 or not hidden:
                return
            people = set().union(*(items[m][1] for m in hidden))
            if len(people) < k:
                problems.append(f"{side} {name}: subtraction gives back {back}, resting on {len(people)} people < {k}")
        keys = list(items)
        check("all starts", journeys_n, [x for x in keys if x[0] == "start"])
        sources = {r["from"] for r in report["transitions"] if r["from"] is not None}
        for a in sources:
            check(f"out of {a}", items.get(("out", a), [0])[0], [x for x in keys if x[0] == "edge" and x[1] == a] + [("end", a)])
    print("\n".join(problems) if problems else "ok")


if __name__ == "__main__":
    main()
