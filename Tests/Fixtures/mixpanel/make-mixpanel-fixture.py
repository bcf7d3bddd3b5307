"""Writes mixpanel-export.ndjson: events in the shape of Mixpanel's Raw Event Export API
(one {"event", "properties"} object per line; `time` in epoch seconds, `distinct_id`, `$`
properties from the JavaScript library). Seeded: same bytes every run."""
import json, random

rng = random.Random(23)
flow = ["$mp_web_page_view", "Load Documents App", "Load Datasets App", "Viewed report", "Exported report"]
lines = []
for person in range(10):
    distinct = "%08x-%04x-4%03x-a%03x-%012x" % (rng.getrandbits(32), rng.getrandbits(16), rng.getrandbits(12), rng.getrandbits(12), rng.getrandbits(48))
    t = 1486793881 + person * 5400 + rng.randint(0, 900)
    for k in range(rng.randint(2, len(flow))):
        props = {"time": t, "distinct_id": distinct, "$browser": rng.choice(["Chrome", "Firefox", "Safari"]),
                 "$city": rng.choice(["Draper", "Lehi", "Provo"]), "$current_url": "https://app.example.com/" + flow[k].split()[-1].lower(),
                 "$insert_id": "%016x" % rng.getrandbits(64), "$os": rng.choice(["Mac OS X", "Windows"]),
                 "mp_country_code": "US", "mp_lib": "web", "mp_processing_time_ms": t * 1000 + rng.randint(100, 5000)}
        lines.append(json.dumps({"event": flow[k], "properties": props}, separators=(",", ":")))
        t += rng.randint(30, 1200)
open("mixpanel-export.ndjson", "w").write("\n".join(lines) + "\n")
