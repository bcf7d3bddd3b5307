#!/usr/bin/env python3
"""Independent checker of two outputs of one log published together at `--min-people k`
(docs/privacy.md, "Outputs of the same data"): the journey graph (`mine --min-people k`, what
`map --min-people k` draws) and the Sankey by step (`sankey --min-people k`).

    joint_min_people_check.py LOG K FULL.json PUB.json FULL.html PUB.html PUB.svg [--steps N]
                              [--alone]

Reads LOG itself (one journey per case, the shared logs' XES column names), and expresses every
number either output holds — the graph's touchpoint events, starts, ends, flows, stage events and
journeys, stage flows, listed variants, all journeys and events; the Sankey's nodes, "Other"
members, links, drop-offs and column paths — as a vector over the log's distinct paths (a number
is the sum over paths of how often the path adds to it, times the path's journeys). FULL.json
(`mine --people`) gives the touchpoint → stage map, FULL.html (the Sankey without --min-people)
which touchpoints have their own node per column. The published numbers are those PUB.json,
PUB.html's data and PUB.svg's footnote ("Other" members named with their counts) show.

Checks, over both outputs at once:
1. every published number equals its count here and rests on >= K people (or is 0);
2. no withheld number resting on 1..K-1 people is a linear combination of the published ones
   by a relation that holds for every possible path (exact rank over a prime field, the vectors
   over the log's paths and --synthetic N seeded random paths, default 1500: recoverable by any
   chain of sums and differences across the two outputs, not by a dependency that holds only
   on the paths this log happens to hold).
--diff-side before|after: the Sankey is one side of `compare --diff-sankey` (LOG that side's log,
PUB.json `mine --min-people K` of it, what the report publishes of that side at most; FULL.html and
PUB.html the diff's `.layout.json` without and with --min-people, PUB.svg its picture): the side's
numbers the diff draws are its nodes and ribbons. --columns CASE,ACTIVITY,TIME for other logs.
--naive: PUB.json and PUB.html are the outputs without --min-people, and every number under K
people is taken out (suppression without the subtraction rules): check 2 must then find numbers,
which shows it is not blind. --alone: print how many numbers check 2 finds instead of failing. Prints "ok" or the problems, one a line.
"""
import html, json, os, random, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from min_people_check import load_events  # noqa: E402
from markov_attribution_reference import read_csv  # noqa: E402
import diff_sankey_min_people_check as diff_check  # noqa: E402

P = (1 << 61) - 1


def page_data(path):
    text = open(path, encoding="utf-8").read()
    m = re.search(r'<script type="application/json" id="jm-data">(.*?)</script>', text, re.S)
    return json.loads(m.group(1))


def paths_of(log, columns=None):
    by_case = {}
    events = load_events(log) if columns is None else read_csv(log, *columns)
    for case, act, ts, i in events:
        by_case.setdefault(case, []).append((ts, i, act))
    out = {}
    for case, evs in by_case.items():
        evs.sort()
        out.setdefault(tuple(a for _, _, a in evs), []).append(case)
    return out


def contributions(path, stage_of, own, steps):
    """What one journey following `path` adds to each number of both outputs."""
    add = {}

    def bump(key, n=1):
        add[key] = add.get(key, 0) + n
    bump(("journeys",))
    bump(("start", path[0]))
    bump(("end", path[-1]))
    bump(("variant", path))
    for s in {stage_of[a] for a in path}:
        bump(("stageJourneys", s))
    for i, a in enumerate(path):
        bump(("tp", a))
        bump(("stage", stage_of[a]))
        bump(("events",))
        if i:
            bump(("edge", path[i - 1], a))
            bump(("stageEdge", stage_of[path[i - 1]], stage_of[a]))
    cut = path[:steps]
    keys = []
    for c, a in enumerate(cut):
        if a in own.get(c, ()):
            keys.append((c, "touchpoint", a))
        else:
            keys.append((c, "other", "other"))
            bump(("member", c, a))
        bump(("reached", c))
    if len(cut) < steps:
        keys.append((len(cut), "dropOff", "dropOff"))
    for key in keys:
        bump(key)
    for a, b in zip(keys, keys[1:]):
        bump(("link", a, b))
    return add


def subtract(v, c, row):
    """v -= c * row, in place (mod P), dropping zeros."""
    for col, x in row.items():
        v[col] = (v.get(col, 0) - c * x) % P
        if v[col] == 0:
            del v[col]


def rank_reduce(basis, v):
    """Reduces v (dict col -> value mod P) against the echelon basis; returns the rest."""
    v = dict(v)
    for pivot, row in basis:
        c = v.get(pivot, 0)
        if c:
            subtract(v, c, row)
    return v


def add_to_basis(basis, v):
    v = rank_reduce(basis, v)
    if not v:
        return False
    pivot = min(v)
    inv = pow(v[pivot], P - 2, P)
    row = {col: x * inv % P for col, x in v.items()}
    # Keep the basis reduced: clear the new pivot from the rows before it.
    for _, r in basis:
        c = r.get(pivot, 0)
        if c:
            subtract(r, c, row)
    basis.append((pivot, row))
    return True


def footnote_members(svg_path):
    """("member", column, name) -> count from the "Other: … Step c: A 12, B 7 +3 more" footnote."""
    text = html.unescape(open(svg_path, encoding="utf-8").read())
    shown = {}
    m = re.search(r"Other: touchpoints outside the top \d+ of their column — (.*?)(?:<| · |\n)", text)
    if not m:
        return shown
    for part in m.group(1).split("; "):
        h = re.match(r"Step (\d+): (.*)", part)
        if not h:
            continue
        c = int(h.group(1)) - 1
        names = re.sub(r" ?\+\d+ more$", "", h.group(2))
        for item in re.finditer(r"(.+?) ([\d,]+)(?:, |$)", names):
            shown[("member", c, item.group(1))] = int(item.group(2).replace(",", ""))
    return shown


def main():
    args = sys.argv[1:]
    steps, alone, synthetic = 6, False, 1500
    if "--synthetic" in args:
        i = args.index("--synthetic")
        synthetic = int(args[i + 1])
        del args[i:i + 2]
    if "--steps" in args:
        i = args.index("--steps")
        steps = int(args[i + 1])
        del args[i:i + 2]
    if "--alone" in args:
        alone = True
        args.remove("--alone")
    naive = "--naive" in args
    if naive:
        args.remove("--naive")
    columns_opt = None
    if "--columns" in args:
        i = args.index("--columns")
        columns_opt = args[i + 1].split(",")
        del args[i:i + 2]
    diff_side = None
    if "--diff-side" in args:
        i = args.index("--diff-side")
        diff_side = args[i + 1]
        del args[i:i + 2]
    log, k, full_json, pub_json, full_html, pub_html, pub_svg = args[0], int(args[1]), *args[2:7]
    graph_full = json.load(open(full_json))
    stage_of = {t["name"]: t["stage"] for t in graph_full["touchpoints"]}
    paths = paths_of(log, columns_opt)
    names_in_log = {a for path in paths for a in path}
    own = {}
    label_of = {}
    if diff_side is None:
        for n in page_data(full_html)["nodes"]:
            if n["kind"] == "touchpoint":
                own.setdefault(n["column"], set()).add(n["name"])
    else:
        # A diff Sankey (compare --diff-sankey): FULL.html is its layout without --min-people,
        # PUB.html its layout with it, PUB.svg its picture; labels may be cut ("T02 Check co…").
        def full_name(label):
            if label in names_in_log:
                return label
            found = [a for a in names_in_log if label.endswith("…") and a.startswith(label[:-1])]
            return found[0] if len(found) == 1 else None
        for c, kind, name, _ in diff_check.layout_nodes(full_html)[0].values():
            if kind == "touchpoint" and full_name(name):
                own.setdefault(c, set()).add(full_name(name))
                label_of[(c, name)] = full_name(name)

    columns = {}      # path index -> its contributions
    value, people = {}, {}
    for j, (path, cases) in enumerate(sorted(paths.items())):
        add = contributions(path, stage_of, own, steps)
        columns[j] = add
        for key, n in add.items():
            value[key] = value.get(key, 0) + n * len(cases)
            people.setdefault(key, set()).update(cases)

    problems = []
    shown = {}

    def show(key, v):
        if v == 0 or (naive and len(people.get(key, ())) < k):
            return
        shown[key] = v
        if value.get(key, 0) != v:
            problems.append(f"{key}: published {v}, counted {value.get(key, 0)}")
        if len(people.get(key, ())) < k:
            problems.append(f"{key}: {v} rests on {len(people.get(key, ()))} people < {k}")

    g = json.load(open(pub_json))
    for t in g["touchpoints"]:
        show(("tp", t["name"]), t["events"])
        show(("start", t["name"]), t["starts"])
        show(("end", t["name"]), t["ends"])
    for e in g["edges"]:
        show(("edge", e["from"], e["to"]), e["count"])
    for s in g["stages"]:
        show(("stage", s["id"]), s["events"])
        show(("stageJourneys", s["id"]), s["journeys"])
    for e in g["stageEdges"]:
        show(("stageEdge", e["from"], e["to"]), e["count"])
    for v in g["variants"]["top"]:
        show(("variant", tuple(v["path"])), v["count"])
    show(("journeys",), g["journeys"])
    show(("events",), g["events"])

    if diff_side is not None:
        # This side's counts of what the diff draws (its shares and ribbons are these counts).
        drawn = diff_check.layout_nodes(pub_html)[0]

        def key(i):
            c, kind, name, _ = drawn[i]
            return (c, "touchpoint", label_of.get((c, name), name)) if kind == "touchpoint" else (c, kind, kind)
        for i in drawn:
            show(key(i), value.get(key(i), 0))
        for f, t, _ in diff_check.svg_flows(open(pub_svg, encoding="utf-8").read()):
            if f in drawn and t in drawn:
                show(("link", key(f), key(t)), value.get(("link", key(f), key(t)), 0))
        pub_svg = "-"
    pub = page_data(pub_html) if pub_html != "-" and diff_side is None else {"nodes": [], "links": []}
    ids = {n["id"]: (n["column"], n["kind"], n["name"] if n["kind"] == "touchpoint" else n["kind"]) for n in pub["nodes"]}
    for n in pub["nodes"]:
        show(ids[n["id"]], n["value"])
    for l in pub["links"]:
        show(("link", ids[l["from"]], ids[l["to"]]), l["value"])
    for key, v in (footnote_members(pub_svg) if pub_svg != "-" else {}).items():
        show(key, v)
    # The Sankey's paths per column are its shown nodes there; all its paths are shown.
    for c in {key[0] for key in shown if isinstance(key[0], int)}:
        col = [key for key in value if isinstance(key[0], int) and key[0] == c and key[1] in ("touchpoint", "other")]
        if col and all(key in shown for key in col):
            shown[("reached", c)] = value[("reached", c)]

    # Only relations that hold for every possible path can give a number back (an attacker
    # does not know which paths the log holds): the vectors run over the log's paths and over
    # seeded random paths of the same touchpoints, which break the dependencies that hold only
    # by chance on the paths present (all of phase-5's journeys passing one flow, say).
    rng = random.Random(1)
    names = sorted(stage_of)
    for j in range(len(columns), len(columns) + synthetic):
        path = tuple(rng.choice(names) for _ in range(rng.randint(1, steps + 2)))
        columns[j] = contributions(path, stage_of, own, steps)

    def vector(key):
        return {j: n for j, add in columns.items() if (n := add.get(key, 0))}

    basis = []
    for key in sorted(shown, key=repr):
        add_to_basis(basis, vector(key))
    leaks = []
    for key in sorted(value, key=repr):
        if key in shown or value[key] == 0 or len(people[key]) >= k:
            continue
        if not rank_reduce(basis, vector(key)):
            leaks.append(f"withheld {key} = {value[key]} ({len(people[key])} people < {k}) follows from the published numbers")
    if alone:
        print(f"not blind: {len(leaks)} withheld numbers follow" if leaks else "blind: nothing found")
        return
    problems += leaks
    print("\n".join(problems) if problems else "ok")


if __name__ == "__main__":
    main()
