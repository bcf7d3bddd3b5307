#!/usr/bin/env python3
"""Writes ecommerce-events.csv in the shape of the REES46 "eCommerce behavior data from multi
category store" files (event_time,event_type,product_id,category_id,category_code,brand,price,
user_id,user_session; times like "2019-10-01 00:00:00 UTC"; category_code often empty).
Users, products and sessions are made up (seeded)."""
import csv, datetime, random, uuid

rng = random.Random(5)
CATEGORIES = [("2053013555631882655", "electronics.smartphone"), ("2053013558920217191", "computers.notebook"),
              ("2053013554658804075", "electronics.audio.headphone"), ("2103807459595387724", ""),
              ("2053013563810775923", "appliances.kitchen.washer")]
BRANDS = ["apple", "samsung", "xiaomi", "lenovo", "", "bosch"]
rows = []
t0 = datetime.datetime(2019, 10, 1)
for u in range(25):
    user = str(512000000 + rng.randint(0, 43000000))
    t = t0 + datetime.timedelta(seconds=rng.randint(0, 7200))
    for s in range(rng.randint(1, 2)):
        session = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        cat = rng.choice(CATEGORIES)
        steps = ["view"] * rng.randint(1, 4) + rng.choice([[], ["cart"], ["cart", "purchase"], ["cart", "remove_from_cart"]])
        for e in steps:
            product = str(1000000 + rng.randint(0, 99999))
            rows.append([t.strftime("%Y-%m-%d %H:%M:%S UTC"), e, product, cat[0], cat[1], rng.choice(BRANDS),
                         "%.2f" % rng.uniform(10, 1500), user, session])
            t += datetime.timedelta(seconds=rng.randint(3, 300))
        t += datetime.timedelta(hours=rng.randint(2, 20))
rows.sort(key=lambda r: r[0])
with open("ecommerce-events.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["event_time", "event_type", "product_id", "category_id", "category_code", "brand", "price", "user_id", "user_session"])
    w.writerows(rows)
