#!/usr/bin/env python3
"""Writes samples/compare-before.csv and samples/compare-after.csv from samples/shop-journeys.csv:
every other user goes to each side; on the after side 60% of landing_page events become
product_view and half of the share events become review_written (planted changes that
`journeymap compare` should find). Deterministic (seed 7)."""
import csv, os, random

root = os.path.join(os.path.dirname(__file__), "..")
random.seed(7)
rows = list(csv.DictReader(open(os.path.join(root, "samples/shop-journeys.csv"), newline="")))
users = sorted({r["user_id"] for r in rows})
before_users = set(users[::2])
before = [r for r in rows if r["user_id"] in before_users]
after = [dict(r) for r in rows if r["user_id"] not in before_users]
for r in after:
    if r["event"] == "landing_page" and random.random() < 0.6:
        r["event"] = "product_view"
    if r["event"] == "share" and random.random() < 0.5:
        r["event"] = "review_written"
for name, data in [("compare-before.csv", before), ("compare-after.csv", after)]:
    with open(os.path.join(root, "samples", name), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\n")
        w.writeheader()
        w.writerows(data)
