#!/usr/bin/env python3
"""Independent checker of `--min-people k` for journey files and edges CSVs (docs/privacy.md).

    min_people_check.py LOG FULL.json K PUBLISHED.json [EDGES.csv] [--session-gap SECONDS]

Reads LOG itself (CSV or XES, optionally gzipped; the XES/pm4py column names), cuts each case
into journeys at the session gap, and counts for every number a journey file publishes the
distinct people (cases) behind it and its value. FULL.json (mined without --min-people) gives
only the touchpoint → stage map (the template's rules are not re-implemented here).
It checks PUBLISHED.json (mined with --min-people K) and, when given, EDGES.csv
(`mine --format edges-csv --min-people K`):

1. every shown number with a value equals the value counted here and rests on ≥ K people;
2. no withheld number comes back by subtraction: for every published sum (a box's events and
   its outgoing flows and ends, or incoming flows and starts; a stage's events and its
   touchpoints; a stage's events and its stage flows out and ends, or in and starts; a stage
   flow and the flows between its stages; all events and the stages; all journeys and the
   starts, the ends, the variants) whose total is shown, what subtraction gives back — the total
   minus the shown members — is 0 or rests on ≥ K people (the union of the withheld members'
   people, counted exactly here).
Prints "ok" or the problems, one a line.
"""
import csv, json, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from markov_attribution_reference import read_csv, read_xes  # noqa: E402


def load_events(path):
    if ".xes" in path:
        return list(read_xes(path))
    return list(read_csv(path, "case:concept:name", "concept:name", "time:timestamp"))


def count(path, stage_of, gap):
    by_case = {}
    for case, act, ts, i in load_events(path):
        by_case.setdefault(case, []).append((ts, i, act))
    items = {}  # key -> [value, set(people)]

    def add(key, person, n=1):
        e = items.setdefault(key, [0, set()])
        e[0] += n
        e[1].add(person)
    for case, evs in by_case.items():
        evs.sort()
        journeys, cur = [], [evs[0]]
        for prev, ev in zip(evs, evs[1:]):
            if gap is not None and (ev[0] - prev[0]).total_seconds() > gap:
                journeys.append(cur)
                cur = []
            cur.append(ev)
        journeys.append(cur)
        for j in journeys:
            path = [a for _, _, a in j]
            add(("journeys",), case)
            add(("start", path[0]), case)
            add(("end", path[-1]), case)
            add(("variant", tuple(path)), case)
            for k, a in enumerate(path):
                add(("tp", a), case)
                add(("stage", stage_of[a]), case)
                add(("events",), case)
                if k:
                    add(("edge", path[k - 1], a), case)
                    add(("stageEdge", stage_of[path[k - 1]], stage_of[a]), case)
    return items


def main():
    args = sys.argv[1:]
    gap = None
    if "--session-gap" in args:
        i = args.index("--session-gap")
        gap = float(args[i + 1])
        del args[i:i + 2]
    log, full_path, k, pub_path = args[0], args[1], int(args[2]), args[3]
    edges_csv = args[4] if len(args) > 4 else None
    full = json.load(open(full_path))
    stage_of = {t["name"]: t["stage"] for t in full["touchpoints"]}
    items = count(log, stage_of, gap)
    g = json.load(open(pub_path))
    problems = []
    shown = {}  # key -> value as published

    def show(key, value):
        if value == 0:
            return
        shown[key] = value
        truth = items.get(key, [0, set()])
        if truth[0] != value:
            problems.append(f"{key}: published {value}, counted {truth[0]}")
        if len(truth[1]) < k:
            problems.append(f"{key}: {value} rests on {len(truth[1])} people < {k}")
    for t in g["touchpoints"]:
        show(("tp", t["name"]), t["events"])
        show(("start", t["name"]), t["starts"])
        show(("end", t["name"]), t["ends"])
    for e in g["edges"]:
        show(("edge", e["from"], e["to"]), e["count"])
    for s in g["stages"]:
        show(("stage", s["id"]), s["events"])
    for e in g["stageEdges"]:
        show(("stageEdge", e["from"], e["to"]), e["count"])
    for v in g["variants"]["top"]:
        show(("variant", tuple(v["path"])), v["count"])
    if g["journeys"] != items[("journeys",)][0] or g["events"] != items[("events",)][0]:
        problems.append("journeys or events differ from the log")

    def check(name, total_key, members):
        if total_key is not None and total_key not in shown:
            return
        total = items[total_key][0] if total_key else None
        hidden = [m for m in members if m not in shown and items[m][0] > 0]
        back = total - sum(shown.get(m, 0) for m in members)
        if back <= 0 or not hidden:
            return
        people = set().union(*(items[m][1] for m in hidden))
        if len(people) < k:
            problems.append(f"{name}: subtraction gives back {back}, resting on {len(people)} people < {k}")
    keys = list(items)
    for t in stage_of:
        if ("tp", t) not in items:
            continue
        check(f"out of {t}", ("tp", t), [x for x in keys if x[0] == "edge" and x[1] == t] + ([("end", t)] if ("end", t) in items else []))
        check(f"into {t}", ("tp", t), [x for x in keys if x[0] == "edge" and x[2] == t] + ([("start", t)] if ("start", t) in items else []))
    stages = {x[1] for x in keys if x[0] == "stage"}
    for s in stages:
        tps = [t for t in stage_of if stage_of[t] == s and ("tp", t) in items]
        check(f"stage {s}", ("stage", s), [("tp", t) for t in tps])
        check(f"stage {s} out", ("stage", s), [x for x in keys if x[0] == "stageEdge" and x[1] == s] + [("end", t) for t in tps if ("end", t) in items])
        check(f"stage {s} in", ("stage", s), [x for x in keys if x[0] == "stageEdge" and x[2] == s] + [("start", t) for t in tps if ("start", t) in items])
    for x in keys:
        if x[0] == "stageEdge":
            check(f"stage flow {x[1]}→{x[2]}", x, [e for e in keys if e[0] == "edge" and stage_of[e[1]] == x[1] and stage_of[e[2]] == x[2]])
    shown[("events",)] = g["events"]
    shown[("journeys",)] = g["journeys"]
    check("all events", ("events",), [x for x in keys if x[0] == "stage"])
    for kind in ("start", "end", "variant"):
        check(f"all {kind}s", ("journeys",), [x for x in keys if x[0] == kind])

    if edges_csv:
        with open(edges_csv, newline="") as f:
            for row in csv.DictReader(f):
                key = ("start", row["to"]) if not row["from"] else ("end", row["from"]) if not row["to"] else ("edge", row["from"], row["to"])
                if shown.get(key) != int(row["count"]):
                    problems.append(f"edges CSV {key}: {row['count']} is not the journey file's {shown.get(key)}")
    print("\n".join(problems) if problems else "ok")


if __name__ == "__main__":
    main()
