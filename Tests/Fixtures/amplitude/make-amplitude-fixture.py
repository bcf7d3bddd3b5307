"""Writes amplitude-export.json: events in the shape of Amplitude's Export API (one JSON
object per line, as in each hour's file of the export zip). Seeded: same bytes every run."""
import json, random

rng = random.Random(17)
steps = ["Viewed Home Page", "Viewed Pricing", "Signed Up", "Started Trial", "Viewed Pricing", "Order Completed"]
lines = []
amplitude_id = 299365670200
for person in range(12):
    amplitude_id += rng.randint(1000, 99999)
    device = "%08x-%04x-4%03x-a%03x-%012x" % (rng.getrandbits(32), rng.getrandbits(16), rng.getrandbits(12), rng.getrandbits(12), rng.getrandbits(48))
    user = None
    t = 1630145732 + person * 3600 + rng.randint(0, 600)
    session = t * 1000
    n = rng.randint(2, len(steps))
    for k in range(n):
        event = steps[k]
        if event == "Signed Up":
            user = "user_%d" % (100 + person)
        stamp = "%s.%06d" % (__import__("time").strftime("%Y-%m-%d %H:%M:%S", __import__("time").gmtime(t)), rng.randint(0, 999999))
        o = {"$insert_id": "%032x" % rng.getrandbits(128), "$schema": 12, "amplitude_id": amplitude_id, "app": 302723,
             "city": rng.choice(["Bangkok", "Chiang Mai", "Burlington", None]), "client_event_time": stamp,
             "country": rng.choice(["Thailand", "United States"]), "device_id": device, "event_id": 100 + k,
             "event_properties": {"plan": "trial"} if event == "Started Trial" else {},
             "event_time": stamp, "event_type": event, "library": "amplitude-js/8.1.0",
             "os_name": rng.choice(["Chrome", "Mobile Safari"]), "platform": "Web",
             "server_upload_time": stamp, "session_id": session, "user_id": user,
             "user_properties": {"initial_utm_source": rng.choice(["google", "newsletter", "EMPTY"])},
             "uuid": "%08x-%04x-11ec-%04x-%012x" % (rng.getrandbits(32), rng.getrandbits(16), rng.getrandbits(16), rng.getrandbits(48))}
        lines.append(json.dumps(o, separators=(",", ":"), sort_keys=True))
        t += rng.randint(20, 900)
open("amplitude-export.json", "w").write("\n".join(lines) + "\n")
