#!/usr/bin/env python3
"""Writes ga4-events.ndjson and ga4-events.csv: rows shaped exactly as BigQuery exports the GA4
`events_YYYYMMDD` tables (the schema of bigquery-public-data.ga4_obfuscated_sample_ecommerce):
integers as strings, nulls written out, event_params/user_properties as key/value lists whose
value has string_value, int_value, float_value and double_value. Users, pages and items are
made up (seeded); run it again to get the same files."""
import csv, datetime, json, random

rng = random.Random(7)
PAGES = [("https://shop.googlemerchandisestore.com/", "Home"),
         ("https://shop.googlemerchandisestore.com/Google+Redesign/Apparel", "Apparel | Google Merchandise Store"),
         ("https://shop.googlemerchandisestore.com/Google+Redesign/Lifestyle/Drinkware", "Drinkware | Lifestyle"),
         ("https://shop.googlemerchandisestore.com/basket.html", "Shopping Cart"),
         ("https://shop.googlemerchandisestore.com/checkout.html", "Checkout Your Information")]
SOURCES = [("google", "organic", "(organic)"), ("(direct)", "(none)", "(direct)"), ("<Other>", "referral", "(referral)"),
           ("shop.googlemerchandisestore.com", "referral", "(referral)")]

def param(key, s=None, i=None, f=None, d=None):
    return {"key": key, "value": {"string_value": s, "int_value": None if i is None else str(i),
                                  "float_value": f, "double_value": d}}

def row(user, session, number, ts, name, page, source, first_touch):
    params = [param("ga_session_id", i=session), param("ga_session_number", i=number),
              param("page_location", s=page[0]), param("page_title", s=page[1])]
    if name in ("user_engagement", "scroll"):
        params.append(param("engagement_time_msec", i=rng.randint(200, 40000)))
    if name == "purchase":
        params.append(param("value", d=round(rng.uniform(10, 120), 2)))
    return {"event_date": datetime.datetime.fromtimestamp(ts / 1e6, datetime.timezone.utc).strftime("%Y%m%d"), "event_timestamp": str(ts), "event_name": name,
            "event_params": params, "event_previous_timestamp": None, "event_value_in_usd": None,
            "event_bundle_sequence_id": str(rng.randint(10**9, 10**10)), "event_server_timestamp_offset": None,
            "user_id": None, "user_pseudo_id": user,
            "privacy_info": {"analytics_storage": None, "ads_storage": None, "uses_transient_token": "No"},
            "user_properties": [], "user_first_touch_timestamp": str(first_touch),
            "user_ltv": {"revenue": 0.0, "currency": "USD"},
            "device": {"category": rng.choice(["desktop", "mobile"]), "mobile_brand_name": "Apple",
                       "operating_system": "Web", "browser": None, "language": None, "is_limited_ad_tracking": "No",
                       "web_info": {"browser": "Chrome", "browser_version": "87.0", "hostname": None}},
            "geo": {"continent": "Americas", "sub_continent": "Northern America", "country": "United States",
                    "region": "California", "city": "(not set)", "metro": "(not set)"},
            "app_info": None, "traffic_source": {"name": source[2], "medium": source[1], "source": source[0]},
            "stream_id": "2100450278", "platform": "WEB", "event_dimensions": None,
            "ecommerce": {"total_item_quantity": None, "purchase_revenue_in_usd": None, "unique_items": None,
                          "transaction_id": "(not set)"},
            "items": []}

rows = []
start = 1611964800_000000  # 2021-01-30
for u in range(8):
    user = "%d.%010d" % (rng.randint(1000000, 9999999), rng.randint(10**9, 10**10 - 1))
    first = start + u * 3600_000000
    t = first
    for number in range(1, rng.randint(2, 3) + 1):
        session = t // 1000000
        source = rng.choice(SOURCES)
        names = (["first_visit"] if number == 1 else []) + ["session_start", "page_view", "user_engagement"]
        names += rng.choice([["view_item", "scroll"], ["view_item", "add_to_cart", "begin_checkout"],
                             ["view_item", "add_to_cart", "begin_checkout", "purchase"], ["scroll"]])
        for k, name in enumerate(names):
            page = PAGES[min(k // 2, len(PAGES) - 1)]
            rows.append(row(user, session, number, t, name, page, source, first))
            t += rng.randint(1, 90) * 1000000 + rng.randint(0, 999999)
        t += rng.randint(2, 30) * 3600_000000
rows.sort(key=lambda r: int(r["event_timestamp"]))

with open("ga4-events.ndjson", "w") as f:
    for r in rows:
        f.write(json.dumps(r, separators=(",", ":")) + "\n")
# A CSV of the same rows as a query result saved with nested columns as JSON text.
with open("ga4-events.csv", "w", newline="") as f:
    w = csv.writer(f)
    columns = ["event_date", "event_timestamp", "event_name", "event_params", "user_pseudo_id", "traffic_source", "platform"]
    w.writerow(columns)
    for r in rows:
        w.writerow([json.dumps(r[c], separators=(",", ":")) if isinstance(r[c], (list, dict)) else r[c] for c in columns])
