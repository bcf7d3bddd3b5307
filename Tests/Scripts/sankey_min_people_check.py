#!/usr/bin/env python3
"""Independent checker of `sankey --min-people k` (docs/privacy.md, "Sankey").

    sankey_min_people_check.py LOG FULL.json K FULL.html PUBLISHED.html --by step|stage
                               [--steps N] [--session-gap SECONDS]

Reads LOG itself (as min_people_check.py), cuts each case into journeys at the session gap and
walks every journey through the Sankey's columns: by step, column c is its c-th event (at most
N), at the column's own touchpoint node or its "Other" node, then a drop-off; by stage, the
first touchpoint of each stage it visited in template order (FULL.json, `mine --people`, gives
the touchpoint → stage map and the order), "Skipped" for stages it jumped over, then a
drop-off; return arcs join the stages of each move back. FULL.html (the same Sankey without
--min-people) gives only which touchpoints have their own node in each column. It counts the
value and the distinct people behind every node and link, and checks PUBLISHED.html's data:

1. every shown node and link equals its count here and rests on >= K people;
2. nothing withheld comes back by subtraction or addition: for every node's inflow and
   outflow sum and every column's sum (all paths = the column's nodes + drop-offs so far),
   whose total is shown, the total minus the shown members is 0 or rests on >= K people (the
   union of the withheld members' people); a withheld node is not the sum of shown links.
Prints "ok" or the problems, one a line.
"""
import html, json, os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from min_people_check import load_events  # noqa: E402


def page_data(path):
    text = open(path, encoding="utf-8").read()
    m = re.search(r'<script type="application/json" id="jm-data">(.*?)</script>', text, re.S)
    return json.loads(m.group(1))


def journeys(log, gap):
    by_case = {}
    for case, act, ts, i in load_events(log):
        by_case.setdefault(case, []).append((ts, i, act))
    for case, evs in by_case.items():
        evs.sort()
        cur = [evs[0]]
        for prev, ev in zip(evs, evs[1:]):
            if gap is not None and (ev[0] - prev[0]).total_seconds() > gap:
                yield case, [a for _, _, a in cur]
                cur = []
            cur.append(ev)
        yield case, [a for _, _, a in cur]


def main():
    args = sys.argv[1:]
    opts = {}
    for flag in ("--session-gap", "--by", "--steps"):
        if flag in args:
            i = args.index(flag)
            opts[flag] = args[i + 1]
            del args[i:i + 2]
    gap = float(opts["--session-gap"]) if "--session-gap" in opts else None
    by, steps = opts.get("--by", "step"), int(opts.get("--steps", "6"))
    log, full_json, k, full_html, pub_html = args[0], args[1], int(args[2]), args[3], args[4]
    full, pub = page_data(full_html), page_data(pub_html)
    graph = json.load(open(full_json))
    stage_of = {t["name"]: t["stage"] for t in graph["touchpoints"]}
    stage_order = [s["id"] for s in graph["stages"] if s["id"] != "unassigned"]
    own = {}
    for n in full["nodes"]:
        if n["kind"] == "touchpoint":
            own.setdefault(n["column"], set()).add(n["name"])
    columns = 1 + max(n["column"] for n in full["nodes"])

    items = {}  # key -> [value, people]

    def add(key, person):
        e = items.setdefault(key, [0, set()])
        e[0] += 1
        e[1].add(person)

    def node(c, name):
        return (c, "touchpoint", name) if name in own.get(c, ()) else (c, "other", "other")

    total_people = set()
    all_journeys = list(journeys(log, gap))
    if by == "stage":
        used = set()
        for _, path in all_journeys:
            used |= {stage_of[a] for a in path if stage_of[a] in stage_order}
        col_stages = [s for s in stage_order if s in used]
    total = 0
    for person, path in all_journeys:
        if by == "step":
            path = path[:steps]
            keys = [node(c, a) for c, a in enumerate(path)]
            if len(path) < steps:
                keys.append((len(path), "dropOff", "dropOff"))
        else:
            rep, prev, backs = {}, None, set()
            for a in path:
                s = stage_of[a]
                if s not in stage_order:
                    continue
                rep.setdefault(s, a)
                if prev is not None and stage_order.index(s) < stage_order.index(prev):
                    backs.add((prev, s))
                prev = s
            if not rep:
                continue
            visited = [c for c, s in enumerate(col_stages) if s in rep]
            last = max(visited)
            keys = [node(c, rep[s]) if s in rep else (c, "skipped", "skipped") for c, s in enumerate(col_stages[:last + 1])]
            if last + 1 < len(col_stages):
                keys.append((last + 1, "dropOff", "dropOff"))
            for a, b in backs:
                ca, cb = col_stages.index(a), col_stages.index(b)
                add(("arc", node(ca, rep[a]), node(cb, rep[b])), person)
        total += 1
        total_people.add(person)
        for key in keys:
            add(key, person)
        for a, b in zip(keys, keys[1:]):
            add(("link", a, b), person)

    problems = []
    if len(total_people) < k:
        problems.append(f"{len(total_people)} people in all < {k}")
    ids = {n["id"]: (n["column"], n["kind"], n["name"] if n["kind"] == "touchpoint" else n["kind"]) for n in pub["nodes"]}
    shown = {}

    def show(key, value):
        shown[key] = value
        truth = items.get(key, [0, set()])
        if truth[0] != value:
            problems.append(f"{key}: published {value}, counted {truth[0]}")
        if len(truth[1]) < k:
            problems.append(f"{key}: {value} rests on {len(truth[1])} people < {k}")
    for n in pub["nodes"]:
        show(ids[n["id"]], n["value"])
    for l in pub["links"]:
        kind = "arc" if l["kind"] == "returnArc" else "link"
        show((kind, ids[l["from"]], ids[l["to"]]), l["value"])

    def check(name, total_value, members):
        hidden = [m for m in members if m not in shown and items[m][0] > 0]
        back = total_value - sum(shown.get(m, 0) for m in members)
        if back <= 0 or not hidden:
            return
        people = set().union(*(items[m][1] for m in hidden))
        if len(people) < k:
            problems.append(f"{name}: subtraction gives back {back}, resting on {len(people)} people < {k}")
    links = [x for x in items if x[0] == "link"]
    for key in [x for x in items if x[0] != "link" and x[0] != "arc"]:
        ins = [x for x in links if x[2] == key]
        outs = [x for x in links if x[1] == key]
        for what, group in (("into", ins), ("out of", outs)):
            if not group:
                continue
            if key in shown:
                check(f"{what} {key}", items[key][0], group)
            elif all(x in shown for x in group) and sum(items[x][0] for x in group) == items[key][0]:
                problems.append(f"withheld {key} is the sum of its shown links {what} it")
    for c in range(columns):
        members = [x for x in items if x[0] != "link" and x[0] != "arc"
                   and ((x[0] == c and x[1] != "dropOff") or (x[1] == "dropOff" and x[0] <= c))]
        check(f"column {c}", total, members)
    print("\n".join(problems) if problems else "ok")


if __name__ == "__main__":
    main()
