#!/usr/bin/env python3
"""Writes two wide CRM tables (one row per deal, a date per stage), seeded, made-up names:
- sales_pipeline.csv: the columns of Maven Analytics' "CRM Sales Opportunities" data set
  (opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value):
  Prospecting deals have no dates, Engaging ones only engage_date, Won/Lost both; empty
  account cells as in the original.
- hubspot-deals.csv: a HubSpot deals export with "Date entered <stage>" columns (dates as
  HubSpot writes them, "2024-03-05 14:22"), empty for stages a deal skipped."""
import csv, datetime, random

rng = random.Random(11)
AGENTS = ["Moira Hale", "Dev Patel", "Ines Ortega", "Tomasz Bak", "Amara Obi"]
PRODUCTS = ["GTX Basic", "GTX Pro", "MG Special", "MG Advanced", "GTK 500"]
ACCOUNTS = ["Cobaltix", "Ferrowind", "Nimbusly", "Quartzo", "Helixon", ""]
start = datetime.date(2016, 10, 20)

with open("sales_pipeline.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["opportunity_id", "sales_agent", "product", "account", "deal_stage", "engage_date", "close_date", "close_value"])
    for i in range(60):
        oid = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") for _ in range(8))
        stage = rng.choices(["Won", "Lost", "Engaging", "Prospecting"], [5, 3, 2, 1])[0]
        engage = start + datetime.timedelta(days=rng.randint(0, 300))
        close = engage + datetime.timedelta(days=rng.randint(1, 120))
        value = rng.randint(40, 6000) if stage == "Won" else (0 if stage == "Lost" else "")
        w.writerow([oid, rng.choice(AGENTS), rng.choice(PRODUCTS), "" if stage == "Prospecting" else rng.choice(ACCOUNTS), stage,
                    "" if stage == "Prospecting" else engage.isoformat(),
                    close.isoformat() if stage in ("Won", "Lost") else "", value])

STAGES = ["Appointment scheduled", "Qualified to buy", "Presentation scheduled", "Decision maker bought-in",
          "Contract sent", "Closed won", "Closed lost"]
with open("hubspot-deals.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["Deal ID", "Deal Name", "Deal Stage", "Amount", "Pipeline"] + ["Date entered \"%s (Sales Pipeline)\"" % s for s in STAGES])
    for i in range(40):
        t = datetime.datetime(2024, 1, 8, 9, 0) + datetime.timedelta(hours=rng.randint(0, 24 * 60))
        reached = rng.randint(1, 5)
        outcome = rng.choice(["Closed won", "Closed lost", None])
        cells = []
        for k, s in enumerate(STAGES):
            if (k < reached and rng.random() > 0.15) or s == outcome:
                t += datetime.timedelta(hours=rng.randint(2, 240))
                cells.append(t.strftime("%Y-%m-%d %H:%M"))
            else:
                cells.append("")
        w.writerow([str(9000000000 + i * 7919), "Deal %d" % (i + 1), outcome or STAGES[reached - 1],
                    rng.randint(500, 90000), "Sales Pipeline"] + cells)
