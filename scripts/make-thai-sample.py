#!/usr/bin/env python3
"""Makes samples/thai-shop.csv: the bundled shop sample with Thai touchpoint names
(the names templates/thai-retail.yaml places on the six stages).
usage: scripts/make-thai-sample.py samples/shop-journeys.csv samples/thai-shop.csv"""
import csv, sys
THAI = {
 "ad_impression": "เห็นโฆษณา", "social_post": "โพสต์โซเชียล", "search_result": "ผลการค้นหา", "email_open": "เปิดอีเมล",
 "landing_page": "หน้าแรกแคมเปญ", "product_view": "ดูสินค้า", "compare": "เปรียบเทียบ", "review_read": "อ่านรีวิว",
 "store_visit": "เยี่ยมชมร้าน", "add_to_cart": "ใส่ตะกร้า", "checkout": "ชำระเงิน", "payment": "จ่ายเงิน",
 "purchase": "ซื้อสินค้า", "call_center": "โทรหาคอลเซ็นเตอร์", "onboarding": "เริ่มใช้งาน", "app_open": "เปิดแอป",
 "support_ticket": "แจ้งปัญหา", "repeat_purchase": "ซื้อซ้ำ", "renewal": "ต่ออายุ", "loyalty_reward": "รับรางวัลสมาชิก",
 "review_written": "เขียนรีวิว", "referral": "แนะนำเพื่อน", "share": "แชร์ต่อ"}
src, dst = sys.argv[1], sys.argv[2]
with open(src, newline="", encoding="utf-8") as f, open(dst, "w", newline="", encoding="utf-8") as g:
    r = csv.DictReader(f); w = csv.writer(g, lineterminator="\n")
    w.writerow(["ลูกค้า", "เวลา", "กิจกรรม", "ช่องทาง"])
    for row in r:
        w.writerow([row["user_id"], row["timestamp"], THAI[row["event"]], row["channel"]])
