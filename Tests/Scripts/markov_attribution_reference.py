#!/usr/bin/env python3
"""An independent Markov removal-effect attribution, for AttributionReferenceTests.

Reads an event log itself (CSV with case/activity/timestamp columns, or XES, optionally
gzipped), orders each case's events by time (stable), cuts each journey at its first
conversion, builds the first-order absorbing chain and solves the absorption probabilities
with numpy's dense LU (numpy.linalg.solve) once for the whole chain and once per removed
state. Prints `name,removal_effect,markov` per state, sorted by name, with repr() floats.

  markov_attribution_reference.py LOG --conversion EVENT [--case C --activity A --timestamp T]
  markov_attribution_reference.py --generate N OUT.csv     (a log of N journeys, seed 7)
  markov_attribution_reference.py LOG --conversion EVENT --check-min-people K OUT.csv OUT.json
      checks journeymap's outputs written with --min-people K against the rules of
      docs/privacy.md, counting the people behind every number itself; prints what breaks them
      and exits 1, or prints "ok".
"""
import argparse, csv, gzip, random, sys
import xml.etree.ElementTree as ET
from datetime import datetime, timezone, timedelta

import numpy as np


def open_text(path):
    return gzip.open(path, "rt", encoding="utf-8") if path.endswith(".gz") else open(path, encoding="utf-8", newline="")


def parse_time(s):
    s = s.strip().replace("Z", "+00:00")
    t = datetime.fromisoformat(s)
    if t.tzinfo is None:
        t = t.replace(tzinfo=timezone.utc)
    return t


def read_csv(path, case, activity, timestamp):
    with open_text(path) as f:
        for i, row in enumerate(csv.DictReader(f)):
            yield row[case], row[activity], parse_time(row[timestamp]), i


def read_xes(path):
    ns = "{http://www.xes-standard.org/}"
    i = 0
    with (gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb")) as f:
        for _, trace in ET.iterparse(f):
            if trace.tag.replace(ns, "") != "trace":
                continue
            name = None
            for child in trace:
                if child.tag.replace(ns, "") == "string" and child.get("key") == "concept:name":
                    name = child.get("value")
            for ev in trace:
                if ev.tag.replace(ns, "") != "event":
                    continue
                act = ts = None
                for a in ev:
                    if a.get("key") == "concept:name":
                        act = a.get("value")
                    if a.get("key") == "time:timestamp":
                        ts = parse_time(a.get("value"))
                yield name, act, ts, i
                i += 1
            trace.clear()


def journeys(events, with_case=False):
    by_case = {}
    for case, act, ts, i in events:
        by_case.setdefault(case, []).append((ts, i, act))
    for case in by_case:
        path = [a for _, _, a in sorted(by_case[case])]
        yield (case, path) if with_case else path


def attribution(paths, conversion, order=1):
    cut = []
    for p in paths:
        if conversion in p:
            cut.append((p[: p.index(conversion)], True))
        else:
            cut.append((p, False))
    names = sorted({s for p, _ in cut for s in p})
    # A state is the last `order` steps (the start padded with None); 0 = start.
    keys = sorted({key for p, _ in cut for key in state_keys(p, order)}, key=repr)
    idx = {key: k + 1 for k, key in enumerate(keys)}
    n = len(keys) + 1
    W = np.zeros((n, n))
    conv = np.zeros(n)
    null = np.zeros(n)
    conversions = 0
    for p, ok in cut:
        cur = 0
        for key in state_keys(p, order):
            W[cur, idx[key]] += 1
            cur = idx[key]
        if ok:
            conv[cur] += 1
            conversions += 1 if p else 0
        else:
            null[cur] += 1
    total = W.sum(axis=1) + conv + null
    total[total == 0] = 1
    Q = W / total[:, None]
    b = conv / total

    def p_conv(removed):
        Qr, br = Q.copy(), b.copy()
        for r in removed:
            Qr[r, :] = 0
            br[r] = 0
        return np.linalg.solve(np.eye(n) - Qr, br)[0]

    full = p_conv([])
    effects = {name: max(0.0, 1 - p_conv([idx[key] for key in keys if name in key]) / full) for name in names}
    s = sum(effects.values())
    return {name: (effects[name], conversions * effects[name] / s if s > 0 else 0.0) for name in names}


def state_keys(path, order):
    if order == 1:
        return [(s,) for s in path]
    return [(path[i - 1] if i > 0 else None, path[i]) for i in range(len(path))]


def people_behind(paths, conversion):
    """Per state: cases passing it; cases of converting journeys starting with it, ending
    with it, holding it. Plus the cases converting after a step."""
    every, first, last, holding = {}, {}, {}, {}
    converting = set()
    for case, p in paths:
        ok = conversion in p
        cut = p[: p.index(conversion)] if ok else p
        for s in cut:
            every.setdefault(s, set()).add(case)
        if ok and cut:
            converting.add(case)
            first.setdefault(cut[0], set()).add(case)
            last.setdefault(cut[-1], set()).add(case)
            for s in cut:
                holding.setdefault(s, set()).add(case)
    n = lambda d: {k: len(v) for k, v in d.items()}
    return n(every), n(first), n(last), n(holding), len(converting)


def check_min_people(paths, conversion, k, csv_path, json_path):
    import json
    every, first, last, holding, converting = people_behind(paths, conversion)
    result = attribution([p for _, p in paths], conversion)
    heuristic = heuristics([p for _, p in paths], conversion)
    problems = []
    with open(csv_path, newline="") as f:
        rows = list(csv.DictReader(f))
    shown = {r["name"]: r for r in rows}
    for name in shown:
        if every.get(name, 0) < k:
            problems.append(f"{name}: shown, but {every.get(name, 0)} people pass it")
    columns = [("markov", every, lambda s: result[s][1]), ("first_touch", first, lambda s: heuristic.get(s, (0, 0, 0))[0]),
               ("last_touch", last, lambda s: heuristic.get(s, (0, 0, 0))[1]), ("linear", holding, lambda s: heuristic.get(s, (0, 0, 0))[2])]
    report = json.load(open(json_path))
    conversions_withheld = report.get("conversions") is None
    if conversions_withheld and report.get("conversionProbability") is not None:
        problems.append("P(conversion) shown with the conversions withheld: times the journeys it gives them back")
    for column, people, value in columns:
        hidden = []
        for state in every:
            v = value(state)
            r = shown.get(state)
            cell = None if r is None else r[column]
            if column == "markov" and r is not None:
                # Withheld together, except that with the conversions withheld every credit is
                # withheld and the effects (shares) may stay.
                if conversions_withheld and cell != "":
                    problems.append(f"{state}: Markov credit {cell} shown with the conversions withheld")
                elif not conversions_withheld and r["removal_effect"] == "" and cell != "":
                    problems.append(f"{state}: removal effect withheld, Markov credit shown")
                if r["removal_effect"] != "" and every.get(state, 0) < k:
                    problems.append(f"{state}: removal effect shown, {every.get(state, 0)} people pass it")
                if cell != "" and r["removal_effect"] == "":
                    problems.append(f"{state}: Markov credit shown without its removal effect")
            if cell not in (None, ""):
                if float(cell) != 0 and people.get(state, 0) < k:
                    problems.append(f"{state} {column} = {cell}: rests on {people.get(state, 0)} people")
            elif abs(v) > 0:
                hidden.append(people.get(state, 0))
        if hidden and (len(hidden) < 2 or max(hidden) < k):
            if not conversions_withheld:
                problems.append(f"{column}: withheld cells {hidden} come back by subtraction from the total")
        if conversions_withheld and not hidden and any(abs(value(st)) > 0 for st in every):
            problems.append(f"{column}: every cell shown, so the column adds up to the withheld conversions")
    if report.get("conversions") is not None and converting < k:
        problems.append(f"conversions {report['conversions']} shown, from {converting} people")
    for s in report["states"]:
        r = shown.get(s["name"])
        for key, column in [("markov", "markov"), ("firstTouch", "first_touch"), ("lastTouch", "last_touch"), ("linear", "linear")]:
            if r is None or (s[key] is None) != (r[column] == ""):
                problems.append(f"{s['name']} {key}: the JSON and the CSV withhold different numbers")
    print("\n".join(problems) if problems else "ok")
    return not problems


def heuristics(paths, conversion):
    out = {}
    for p in paths:
        if conversion not in p:
            continue
        cut = p[: p.index(conversion)]
        if not cut:
            continue
        for s in set(cut):
            out.setdefault(s, [0.0, 0.0, 0.0])
        out[cut[0]][0] += 1
        out[cut[-1]][1] += 1
        for s in cut:
            out[s][2] += 1 / len(cut)
    return {s: tuple(v) for s, v in out.items()} | {}


def generate(count, out):
    rng = random.Random(7)
    touch = ["ad", "search", "email", "social", "visit", "product", "cart", "review", "coupon", "support"]
    start = datetime(2024, 1, 1, tzinfo=timezone.utc)
    with open(out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["case", "activity", "timestamp"])
        for c in range(count):
            t = start + timedelta(minutes=c)
            cur = rng.choice(touch[:4])
            for step in range(rng.randint(1, 9)):
                w.writerow([f"u{c}", cur, t.strftime("%Y-%m-%dT%H:%M:%SZ")])
                t += timedelta(seconds=37)
                r = rng.random()
                if r < 0.05 + 0.05 * touch.index(cur) / 3:
                    w.writerow([f"u{c}", "purchase", t.strftime("%Y-%m-%dT%H:%M:%SZ")])
                    break
                cur = rng.choice(touch) if r < 0.8 else cur


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("log", nargs="?")
    ap.add_argument("--conversion")
    ap.add_argument("--case", default="case:concept:name")
    ap.add_argument("--activity", default="concept:name")
    ap.add_argument("--timestamp", default="time:timestamp")
    ap.add_argument("--order", type=int, default=1)
    ap.add_argument("--generate", nargs=2, metavar=("N", "OUT"))
    ap.add_argument("--check-min-people", nargs=3, metavar=("K", "CSV", "JSON"))
    a = ap.parse_args()
    if a.generate:
        generate(int(a.generate[0]), a.generate[1])
        return
    xes = a.log.endswith(".xes") or a.log.endswith(".xes.gz")
    events = read_xes(a.log) if xes else read_csv(a.log, a.case, a.activity, a.timestamp)
    if a.check_min_people:
        k, csv_path, json_path = a.check_min_people
        sys.exit(0 if check_min_people(list(journeys(events, True)), a.conversion, int(k), csv_path, json_path) else 1)
    result = attribution(list(journeys(events)), a.conversion, a.order)
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(["name", "removal_effect", "markov"])
    for name in sorted(result):
        w.writerow([name, repr(float(result[name][0])), repr(float(result[name][1]))])


if __name__ == "__main__":
    main()
