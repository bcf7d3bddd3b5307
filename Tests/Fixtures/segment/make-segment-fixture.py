"""Writes segment-export.ndjson: calls in the shape of Segment's raw data (its Spec's common
fields: type, anonymousId, userId, messageId, timestamp, context; track's event and
properties, page's name and properties title/path/url, screen's name, identify's traits,
group's groupId, alias's previousId). Seeded: the same bytes every run."""
import json, random

rng = random.Random(31)
visits = [
    [("page", "Home", None), ("page", None, "Pricing | Initech"), ("track", "Signup Started", None),
     ("identify", None, None), ("track", "Signed Up", None), ("group", None, None)],
    [("page", "Home", None), ("track", "Product Viewed", None), ("track", "Product Added", None),
     ("page", "Checkout", None), ("track", "Order Completed", None)],
    [("screen", "Home", None), ("track", "Product Viewed", None), ("identify", None, None),
     ("alias", None, None), ("track", "Order Completed", None)],
    [("page", None, None), ("page", "Pricing", None), ("track", "Product Viewed", None)],
]
lines = []
for person in range(8):
    visit = visits[person % len(visits)]
    anonymous = "%08x-%04x-4%03x-8%03x-%012x" % (rng.getrandbits(32), rng.getrandbits(16), rng.getrandbits(12),
                                                 rng.getrandbits(12), rng.getrandbits(48))
    user = None
    t = 1716100000 + person * 3600
    for kind, name, title in visit:
        t += rng.randint(20, 400)
        if kind in ("identify", "alias"):
            user = "u-%03d" % (person + 1)
        call = {"anonymousId": anonymous,
                "context": {"library": {"name": "analytics-ios" if kind == "screen" else "analytics.js", "version": "4.1.0"}},
                "messageId": "ajs-%016x" % rng.getrandbits(64),
                "timestamp": "2024-05-19T%02d:%02d:%02d.%03dZ" % ((t // 3600) % 24, (t // 60) % 60, t % 60, rng.randint(0, 999)),
                "type": kind, "userId": user}
        if kind == "track":
            call["event"] = name if name else "?"
            call["properties"] = {"product_id": "p%d" % rng.randint(1, 5)}
        elif kind == "page":
            path = "/" + (name or title or "home").split(" ")[0].lower()
            if name:
                call["name"] = name
            call["properties"] = {"path": path if name or title else "/", "url": "https://www.example.com" + path}
            if title:
                call["properties"]["title"] = title
        elif kind == "screen":
            call["name"] = name
            call["properties"] = {}
        elif kind == "identify":
            call["traits"] = {"plan": "free"}
        elif kind == "group":
            call["groupId"] = "acme"
            call["traits"] = {"name": "Acme"}
        elif kind == "alias":
            call["previousId"] = anonymous
        lines.append(json.dumps(call, sort_keys=True, separators=(",", ":")))
open("segment-export.ndjson", "w").write("\n".join(lines) + "\n")
