#!/usr/bin/env python3
"""Writes ledger.txt: a purchase ledger of the CDNOW shape (whitespace-aligned columns
customer_id, date as YYYYMMDD, number_of_cds, dollar_value; ids zero-padded, one row per
purchase, 1997-01-01 .. 1998-06-30), generated with a fixed seed. No real customer data."""
import datetime
import random

rng = random.Random(1997)
start = datetime.date(1997, 1, 1)
rows = []
for customer in range(1, 81):
    day = rng.randrange(0, 90)
    for _ in range(rng.choice([1, 1, 2, 3, 4, 6])):
        if day > 545:
            break
        cds = rng.choice([1, 1, 1, 2, 2, 3, 4, 5])
        rows.append((customer, start + datetime.timedelta(days=day), cds, round(cds * rng.uniform(9.5, 16.5), 2)))
        day += rng.randrange(1, 200)
with open("ledger.txt", "w") as f:
    f.write(" customer_id      date  number_of_cds  dollar_value\n")
    for customer, date, cds, dollars in rows:
        f.write(f"       {customer:05d}  {date:%Y%m%d}  {cds:13d}  {dollars:12.2f}\n")
