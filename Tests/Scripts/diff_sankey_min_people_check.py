#!/usr/bin/env python3
"""Independent checker of `compare --diff-sankey OUT --min-people k` (docs/privacy.md, "compare").

    diff_sankey_min_people_check.py BEFORE_LOG AFTER_LOG K FULL.layout.json PUB.svg PUB.layout.json
        --by step|stage [--stage-map MINE.json ...] [--windows B_START..B_END A_START..A_END]
        [--columns CASE,ACTIVITY,TIME] [--steps N] [--session-gap SECONDS] [--exports FILE ...] [--naive]

Reads both sides' logs itself (the same file twice with --windows: each journey goes whole to the
window where its first event falls, dates whole days in UTC), cuts the journeys at the session
gap and walks each through the diff Sankey's columns, as sankey_min_people_check.py does: by
step, column c is its c-th event (at most N) at the column's own touchpoint node or its "Other"
node, then a drop-off; by stage, the first touchpoint of each stage it visited (MINE.json files,
`mine --people`, give the touchpoint -> stage map and the stage order), "Skipped" for stages it
jumped over, then a drop-off. FULL.layout.json (the same diff Sankey without --min-people) gives
only which touchpoints have their own node in each column. It counts per side the value and the
distinct people behind every node and link, and checks the published picture:

1. the subtitle's journeys are each side's paths; every drawn node's two shares are its counts
   over them, and each count is 0 or rests on >= K people on its side; every drawn ribbon's value
   (SVG `data-value`: before x a/g + after x b/g) is its two counts, each 0 or >= K people;
   each column header's number is that side's paths there (or "–") and rests on >= K people;
2. nothing withheld comes back by subtraction on either side: a drawn node minus its drawn
   links in (or out), a shown column header minus its drawn nodes, all paths minus a column's
   paths (its header, else its drawn nodes) and the drop-offs so far: what is left is 0 or rests
   on >= K people (the union of the people of the members not drawn);
3. every text export (--exports: .mmd, .sankeymatic.txt, .dot, .html) holds no flow the SVG does
   not draw (values as a multiset) and no node name of a column the SVG does not draw.
--naive first takes out of the picture the nodes and ribbons under K people on a side (suppression
without the subtraction rule): given the picture drawn without --min-people, the subtraction
checks must then fail, which shows they are not blind.
Prints "ok" or the problems, one a line.
"""
import json, os, re, sys
from datetime import date
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from markov_attribution_reference import read_csv, read_xes  # noqa: E402

SPECIAL = {"Skipped": "skipped", "Drop-off": "dropOff", "Start": "start"}


def load(path, columns):
    if ".xes" in path:
        return list(read_xes(path))
    return list(read_csv(path, *columns))


def journeys(events, gap):
    by_case = {}
    for case, act, ts, i in events:
        by_case.setdefault(case, []).append((ts, i, act))
    for case, evs in by_case.items():
        evs.sort()
        cur = [evs[0]]
        for prev, ev in zip(evs, evs[1:]):
            if gap is not None and (ev[0] - prev[0]).total_seconds() > gap:
                yield case, cur
                cur = []
            cur.append(ev)
        yield case, cur


def window(text):
    a, b = text.split("..")
    return date.fromisoformat(a), date.fromisoformat(b)


def kind_of(name):
    if name in SPECIAL:
        return SPECIAL[name]
    return "other" if re.fullmatch(r"Other \(\d+\)", name) else "touchpoint"


def layout_nodes(path):
    """id -> (column, kind, name, shares text) of a layout.json's node labels; headers; subtitle."""
    doc = json.load(open(path, encoding="utf-8"))
    nodes, headers, subtitle = {}, {}, ""
    for e in doc["elements"]:
        if e.get("role") == "node label":
            name, numbers = e["text"][0], e["text"][1] if len(e["text"]) > 1 else ""
            nodes[e["id"]] = (int(e["stage"][6:]), kind_of(name), name, numbers)
        elif e.get("role") == "stage header":
            headers[int(e["id"][6:])] = e["text"]
        elif e.get("role") == "title":
            subtitle = e["text"][1]
    return nodes, headers, subtitle


def svg_flows(text):
    return [(m.group(1), m.group(2), int(m.group(3)))
            for m in re.finditer(r'class="flow" data-from="([^"]+)" data-to="([^"]+)" data-value="(\d+)"', text)]


def percent(share):
    if 0 < share < 0.01:
        return "<1%"
    tenths = int(share * 1000 + 0.5)
    return f"{tenths // 10}%" if tenths % 10 == 0 else f"{tenths // 10}.{tenths % 10}%"


def count_side(paths, by, steps, stage_of, col_stages, own):
    """items: key -> [value, set(people)] for nodes (col, kind, name) and ("link", a, b)."""
    items = {}

    def add(key, person):
        e = items.setdefault(key, [0, set()])
        e[0] += 1
        e[1].add(person)

    cache = {}

    def label(c, name):
        """The column's own node for `name`: its label, cut with "…" by width ("T02 Check co…")."""
        if (c, name) not in cache:
            labels = own.get(c, ())
            cache[(c, name)] = name if name in labels else next(
                (x for x in labels if x.endswith("…") and name.startswith(x[:-1])), None)
        return cache[(c, name)]

    def node(c, name):
        own_label = label(c, name)
        return (c, "touchpoint", own_label) if own_label is not None else (c, "other", "other")
    total, people = 0, set()
    for person, path in paths:
        if by == "step":
            path = path[:steps]
            keys = [node(c, a) for c, a in enumerate(path)]
            if len(path) < steps:
                keys.append((len(path), "dropOff", "dropOff"))
        else:
            rep = {}
            for a in path:
                s = stage_of.get(a)
                if s in col_stages:
                    rep.setdefault(s, a)
            if not rep:
                continue
            last = max(c for c, s in enumerate(col_stages) if s in rep)
            keys = [node(c, rep[s]) if s in rep else (c, "skipped", "skipped") for c, s in enumerate(col_stages[:last + 1])]
            if last + 1 < len(col_stages):
                keys.append((last + 1, "dropOff", "dropOff"))
        total += 1
        people.add(person)
        for key in keys:
            add(key, person)
        for a, b in zip(keys, keys[1:]):
            add(("link", a, b), person)
    return items, total, people


def main():
    args = sys.argv[1:]
    opts = {}
    for flag, n in (("--session-gap", 1), ("--by", 1), ("--steps", 1), ("--windows", 2), ("--columns", 1)):
        if flag in args:
            i = args.index(flag)
            opts[flag] = args[i + 1:i + 1 + n]
            del args[i:i + 1 + n]
    lists = {}
    naive = "--naive" in args
    if naive:
        args.remove("--naive")
    for flag in ("--exports", "--stage-map"):
        if flag in args:
            i = args.index(flag)
            j = i + 1
            while j < len(args) and not args[j].startswith("--"):
                j += 1
            lists[flag] = args[i + 1:j]
            del args[i:j]
    gap = float(opts["--session-gap"][0]) if "--session-gap" in opts else None
    by = opts.get("--by", ["stage"])[0]
    steps = int(opts.get("--steps", ["6"])[0])
    columns = opts.get("--columns", ["case:concept:name,concept:name,time:timestamp"])[0].split(",")
    before_log, after_log, k, full_layout, pub_svg, pub_layout = args[0], args[1], int(args[2]), args[3], args[4], args[5]

    # Each side's journeys (lists of activities), with their person.
    if "--windows" in opts:
        wins = [window(w) for w in opts["--windows"]]
        sides = [[], []]
        for case, evs in journeys(load(before_log, columns), gap):
            d = min(evs)[0].astimezone(__import__("datetime").timezone.utc).date()
            for s, (a, b) in enumerate(wins):
                if a <= d <= b:
                    sides[s].append((case, [x for _, _, x in evs]))
    else:
        sides = [[(case, [x for _, _, x in evs]) for case, evs in journeys(load(log, columns), gap)]
                 for log in (before_log, after_log)]

    stage_of, stage_order = {}, []
    for path in lists.get("--stage-map", []):
        g = json.load(open(path, encoding="utf-8"))
        for t in g["touchpoints"]:
            stage_of[t["name"]] = t["stage"]
        for s in g["stages"]:
            if s["id"] != "unassigned" and s["id"] not in stage_order:
                stage_order.append(s["id"])
    col_stages = []
    if by == "stage":
        used = {stage_of.get(a) for side in sides for _, p in side for a in p}
        col_stages = [s for s in stage_order if s in used]

    full_nodes, _, _ = layout_nodes(full_layout)
    own = {}
    for c, kind, name, _ in full_nodes.values():
        if kind == "touchpoint":
            own.setdefault(c, set()).add(name)

    counted = [count_side(side, by, steps, stage_of, col_stages, own) for side in sides]
    items = [c[0] for c in counted]
    totals = [c[1] for c in counted]
    problems = []
    for s in (0, 1):
        if len(counted[s][2]) < k:
            problems.append(f"side {s}: {len(counted[s][2])} people in all < {k}")

    nodes, headers, subtitle = layout_nodes(pub_layout)
    svg = open(pub_svg, encoding="utf-8").read()
    flows = svg_flows(svg)
    shown_totals = [int(x.replace(",", "")) for x in re.findall(r"\(([\d,]+) journeys\)", subtitle)]
    if shown_totals != totals:
        problems.append(f"subtitle's journeys {shown_totals}, counted {totals}")
    b, a = totals
    from math import gcd
    g = gcd(a, b) or 1
    weights = (a // g, b // g)

    def key(node_id):
        c, kind, name, _ = nodes[node_id]
        return (c, kind, name if kind == "touchpoint" else kind)

    def value(s, key_):
        return items[s].get(key_, [0, set()])[0]

    def people(s, keys):
        out = set()
        for x in keys:
            if value(s, x) > 0:
                out |= items[s][x][1]
        return out

    def small(s, key_):
        return value(s, key_) > 0 and len(items[s][key_][1]) < k
    if naive:
        # Suppression without the subtraction rule (what the checker must catch): the picture
        # with only its nodes and ribbons under k people on a side taken out.
        nodes = {i: n for i, n in nodes.items() if not (small(0, key(i)) or small(1, key(i)))}
        flows = [(f, t, v) for f, t, v in flows if f in nodes and t in nodes
                 and not any(small(s, ("link", key(f), key(t))) for s in (0, 1))]
        headers = {}
    drawn_nodes = {key(i) for i in nodes}
    for i, (c, kind, name, numbers) in nodes.items():
        shares = [x.strip() for x in numbers.split("·")[0].split("→")]
        for s in (0, 1):
            v = value(s, key(i))
            if len(shares) == 2 and shares[s] != percent(v / totals[s]):
                problems.append(f"node {name} (column {c}) side {s}: share {shares[s]}, counted {v} of {totals[s]}")
            if v > 0 and len(items[s][key(i)][1]) < k:
                problems.append(f"node {name} (column {c}) side {s}: {v} rests on {len(items[s][key(i)][1])} people < {k}")
    drawn_links = set()
    for f, t, v in flows:
        lk = ("link", key(f), key(t))
        drawn_links.add(lk)
        x, y = value(0, lk), value(1, lk)
        if x * weights[0] + y * weights[1] != v:
            problems.append(f"ribbon {lk}: value {v}, counted {x} before and {y} after")
        for s, n in ((0, x), (1, y)):
            if n > 0 and len(items[s][lk][1]) < k:
                problems.append(f"ribbon {lk} side {s}: {n} rests on {len(items[s][lk][1])} people < {k}")

    ncols = 1 + max([x[0] for x in full_nodes.values()] or [0])
    header_paths = {}
    for c in range(ncols):
        text = headers.get(c, ["", ""])
        parts = [p.strip() for p in (text[1] if len(text) > 1 else "").split("→")]
        if len(parts) != 2:
            continue
        col_keys = [x for x in set(items[0]) | set(items[1]) if x[0] != "link" and x[0] == c and x[1] in ("touchpoint", "other", "skipped")]
        for s in (0, 1):
            if parts[s] == "–":
                continue
            n = int(parts[s].replace(",", ""))
            truth = sum(value(s, x) for x in col_keys)
            header_paths[(s, c)] = n
            if n != truth:
                problems.append(f"column {c} side {s}: header {n}, counted {truth}")
            if n > 0 and len(people(s, col_keys)) < k:
                problems.append(f"column {c} side {s}: header {n} rests on {len(people(s, col_keys))} people < {k}")

    def check(name, s, total, members, known):
        hidden = [m for m in members if m not in known]
        back = total - sum(value(s, m) for m in members if m in known)
        if back <= 0:
            return
        p = people(s, hidden)
        if len(p) < k:
            problems.append(f"side {s}: {name}: subtraction gives back {back}, resting on {len(p)} people < {k}")
    for s in (0, 1):
        links = [x for x in items[s] if x[0] == "link"]
        for n in drawn_nodes:
            ins = [x for x in links if x[2] == n]
            outs = [x for x in links if x[1] == n]
            if ins:
                check(f"into {n}", s, value(s, n), ins, drawn_links)
            if outs:
                check(f"out of {n}", s, value(s, n), outs, drawn_links)
        for c in range(ncols):
            col = [x for x in items[s] if x[0] != "link" and x[0] == c and x[1] in ("touchpoint", "other", "skipped")]
            drops = [x for x in items[s] if x[0] != "link" and x[1] == "dropOff" and x[0] <= c]
            if (s, c) in header_paths:
                check(f"column {c}'s header", s, header_paths[(s, c)], col, drawn_nodes)
                known = set(col) | (drawn_nodes & set(drops))
            else:
                known = drawn_nodes
            check(f"all paths and column {c}", s, totals[s], col + drops, known)

    # Text exports draw no more than the SVG.
    svg_values = sorted(v for _, _, v in flows)
    for path in lists.get("--exports", []):
        text = open(path, encoding="utf-8").read()
        if path.endswith(".html"):
            page = sorted(v for _, _, v in svg_flows(text))
            if page != svg_values:
                problems.append(f"{path}: flows {len(page)} differ from the SVG's {len(svg_values)}")
            continue
        if path.endswith(".mmd"):
            values = [int(m.group(1)) for m in re.finditer(r'^"[^"]*","[^"]*",(\d+)$', text, re.M)]
        elif path.endswith(".sankeymatic.txt"):
            values = [int(m.group(1)) for m in re.finditer(r"^.* \[(\d+)\] .*$", text, re.M)]
        else:
            values = [int(m.group(1)) for m in re.finditer(r'->.*?\[.*?weight=(\d+)', text)]
            tooltips = re.findall(r'"(node\d+)" \[label="[^"]*"', text)
            if len(tooltips) > len(nodes):
                problems.append(f"{path}: {len(tooltips)} nodes, the SVG draws {len(nodes)}")
            drawn = {f"{n[2]} · {n[3]}" for n in nodes.values()}
            for tip in re.findall(r'"node\d+" \[label="[^"]*".*?tooltip="([^"]*)"', text):
                if tip not in drawn:
                    problems.append(f"{path}: node {tip!r} is not a label the picture draws")
        rest = list(svg_values)
        for v in values:
            if v in rest:
                rest.remove(v)
            else:
                problems.append(f"{path}: a flow of {v} the SVG does not draw")
    print("\n".join(problems) if problems else "ok")


if __name__ == "__main__":
    main()
