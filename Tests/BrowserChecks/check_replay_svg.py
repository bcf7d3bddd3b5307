#!/usr/bin/env python3
"""Plays a journeymap replay SVG headless in Chromium (file://, Selenium) and reports, at given
playback times, where its tokens are and how the picture looks.

Usage: check_replay_svg.py PLAN.json; PLAN holds
  svg           the animated SVG
  times         playback times (s) to stop the animation at (SVGSVGElement.setCurrentTime)
  screenshots   one PNG path per time, written
  chromium, chromedriver   the binaries
Prints one JSON object: {"failures": [...], "measured": {"tokens": [[[x, y] or null per token] per time],
"changedPixels": pixels that differ between the first two screenshots, "consoleErrors": [...]}}.
"""
import io, json, sys

from PIL import Image, ImageChops
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

plan = json.load(open(sys.argv[1]))
failures, measured = [], {}
o = webdriver.ChromeOptions()
o.binary_location = plan["chromium"]
for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
          "--window-size=1400,900", "--force-device-scale-factor=1"]:
    o.add_argument(a)
o.set_capability("goog:loggingPrefs", {"browser": "ALL"})
try:
    d = webdriver.Chrome(service=Service(plan["chromedriver"]), options=o)
except Exception as e:  # noqa: BLE001
    print(json.dumps({"failures": [f"could not start Chromium: {e}"], "measured": {}}))
    sys.exit(2)
try:
    d.get("file://" + plan["svg"])
    positions, shots = [], []
    for t, path in zip(plan["times"], plan["screenshots"]):
        positions.append(d.execute_script("""
            const svg = document.documentElement;
            svg.pauseAnimations();
            svg.setCurrentTime(arguments[0]);
            const toUser = svg.getScreenCTM().inverse();
            return [...document.querySelectorAll('g.replay-tokens circle')].map(c => {
                if (getComputedStyle(c).visibility !== 'visible') return null;
                const m = toUser.multiply(c.getScreenCTM());
                return [m.e, m.f];
            });""", t))
        png = d.get_screenshot_as_png()
        open(path, "wb").write(png)
        shots.append(Image.open(io.BytesIO(png)).convert("RGB"))
    measured["tokens"] = positions
    if len(shots) >= 2:
        diff = ImageChops.difference(shots[0], shots[1]).convert("L").point(lambda v: 255 if v > 32 else 0)
        measured["changedPixels"] = diff.histogram()[255]
    measured["consoleErrors"] = [e["message"] for e in d.get_log("browser") if e.get("level") == "SEVERE"]
    if measured["consoleErrors"]:
        failures.append("console errors: " + "; ".join(measured["consoleErrors"]))
finally:
    d.quit()
print(json.dumps({"failures": failures, "measured": measured}))
