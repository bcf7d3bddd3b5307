#!/usr/bin/env python3
"""Loads one journeymap HTML page headless in Chromium (from file://, through chromedriver with
Selenium) and checks it as a user would: no console error, no network request, the tooltip's
numbers for a touchpoint and a flow against the journey file, the flow slider, search, selection
by mouse and keyboard, the downloadable view, and a screenshot compared with the PNG.

Usage: check_html_page.py PLAN.json; PLAN holds
  html        the page
  journey     the journey file it was drawn from (optional: then numbers are not checked)
  png         the PNG of the same picture at --scale 2 (optional: screenshot comparison)
  search      text to type into the search box and the touchpoint it must find: [text, name]
  screenshot  where to save a screenshot of the page in use (optional)
  chromium, chromedriver   the binaries
Prints one JSON object: {"failures": [...], "measured": {...}}; exit 0 even when checks fail
(the Swift test reports them), 2 when the browser could not be driven at all.
"""
import json, math, sys, xml.etree.ElementTree as ET

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

plan = json.load(open(sys.argv[1]))
failures, measured = [], {}


def fail(message):
    failures.append(message)


def start(scale):
    o = webdriver.ChromeOptions()
    o.binary_location = plan["chromium"]
    for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
              f"--force-device-scale-factor={scale}", "--window-size=1400,900", "--lang=en-US",
              "--font-render-hinting=none", "--disable-lcd-text", "--disable-font-subpixel-positioning"]:
        o.add_argument(a)
    o.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    return webdriver.Chrome(service=Service(plan["chromedriver"]), options=o)


def console_errors(d):
    return [e["message"] for e in d.get_log("browser") if e.get("level") == "SEVERE"]


def network_requests(d):
    """Every URL the page asked for beyond its own file (CDP Network events and Resource Timing)."""
    urls = []
    for entry in d.get_log("performance"):
        m = json.loads(entry["message"])["message"]
        if m.get("method") == "Network.requestWillBeSent":
            urls.append(m["params"]["request"]["url"])
    urls += d.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    page = "file://" + plan["html"]
    return [u for u in urls if u != page and not u.startswith("data:") and not u.startswith("blob:")]


def tip_values(d):
    return d.execute_script("""
        const tip = document.getElementById('jm-tip');
        if (tip.hidden) return null;
        const out = {name: tip.getAttribute('data-name')};
        tip.querySelectorAll('dd[data-key]').forEach(dd => { out[dd.dataset.key] = dd.dataset.value; });
        return out;""")


def close(a, b, rel=1e-9):
    return abs(float(a) - float(b)) <= rel * max(1.0, abs(float(b)))


def visible_flows(d):
    return d.execute_script("return [...document.querySelectorAll('g.flow')].filter(g => !g.classList.contains('jm-cut') && getComputedStyle(g).display !== 'none').length")


def check_numbers(d, journey):
    tps = {t["name"]: t for t in journey["touchpoints"]}
    drawn = d.execute_script("return [...document.querySelectorAll('g.touchpoint')].map(g => g.dataset.name)")
    flows = d.execute_script("return [...document.querySelectorAll('g.flow')].map(g => [g.dataset.from, g.dataset.to])")
    measured["touchpoints"], measured["flows"] = len(drawn), len(flows)
    if not drawn or not flows:
        fail(f"the SVG has {len(drawn)} touchpoint groups and {len(flows)} flow groups; expected both")
        return
    # The touchpoint with most events and its numbers, hovered.
    name = max(drawn, key=lambda n: (tps[n]["events"], n))
    g = d.execute_script("return [...document.querySelectorAll('g.touchpoint')].find(g => g.dataset.name === arguments[0])", name)
    ActionChains(d).move_to_element(g).perform()
    got = tip_values(d)
    t = tps[name]
    want = {"events": t["events"], "journeys": t["journeys"], "starts": t["starts"], "ends": t["ends"],
            "share": t["journeys"] / journey["journeys"]}
    if got is None or got.get("name") != name:
        fail(f"hovering touchpoint {name!r} showed no tooltip for it: {got}")
    else:
        for k, v in want.items():
            if k not in got or not close(got[k], v):
                fail(f"tooltip of {name!r}: {k} = {got.get(k)}, the journey file says {v}")
        measured["touchpointTooltip"] = got
    # The strongest drawn flow, hovered on its stroke.
    edges = {(e["from"], e["to"]): e for e in journey["edges"]}
    out = {}
    for e in journey["edges"]:
        out[e["from"]] = out.get(e["from"], 0) + e["count"]
    frm, to = max(flows, key=lambda f: (edges[tuple(f)]["count"], f))
    e = edges[(frm, to)]
    point = d.execute_script("""
        const g = [...document.querySelectorAll('g.flow')].find(g => g.dataset.from === arguments[0] && g.dataset.to === arguments[1]);
        const p = g.querySelector('path:not(.jm-hit)');
        const len = p.getTotalLength(), m = p.getScreenCTM();
        for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.25, 0.75, 0.2, 0.8]) {
            const q = p.getPointAtLength(len * t).matrixTransform(m);
            let n = document.elementFromPoint(q.x, q.y);
            while (n && !(n.classList && (n.classList.contains('flow') || n.classList.contains('touchpoint')))) n = n.parentNode;
            if (n === g) return [q.x, q.y];
        }
        return null;""", frm, to)
    if point is None:
        fail(f"no point of flow {frm!r} → {to!r} can be pointed at (covered everywhere)")
        return
    a = ActionBuilder(d)
    a.pointer_action.move_to_location(int(round(point[0])), int(round(point[1])))
    a.perform()
    got = tip_values(d)
    want = {"count": e["count"], "journeys": e["journeys"],
            "share": e["count"] / (out[frm] + tps[frm]["ends"]),
            "median": e["duration"].get("medianSeconds"), "p90": e["duration"].get("p90Seconds")}
    if got is None or got.get("name") != f"{frm} → {to}":
        fail(f"hovering flow {frm!r} → {to!r} showed no tooltip for it: {got}")
    else:
        for k, v in want.items():
            if v is None:
                continue
            if k not in got or not close(got[k], v):
                fail(f"tooltip of {frm!r} → {to!r}: {k} = {got.get(k)}, the journey file says {v}")
        measured["flowTooltip"] = got
    # The slider: keyboard Home / End / arrows; hidden share against the journey file.
    slider = d.find_element(By.ID, "jm-flows")
    total = sum(x["count"] for x in journey["edges"])
    loops = sum(edges[(n, n)]["count"] for n in drawn if (n, n) in edges)
    counts = sorted((edges[tuple(f)]["count"] for f in flows), reverse=True)
    slider.send_keys(Keys.END)
    for n, keys in [(len(flows), None), (0, Keys.HOME), (min(3, len(flows)), [Keys.ARROW_RIGHT] * 3), (len(flows), Keys.END)]:
        if keys:
            slider.send_keys(*(keys if isinstance(keys, list) else [keys]))
        shown = visible_flows(d)
        hidden = float(d.find_element(By.ID, "jm-hidden").get_attribute("data-hidden-share"))
        want_hidden = (total - loops - sum(counts[:n])) / total
        measured.setdefault("slider", []).append({"flowsShown": shown, "hiddenShare": round(hidden, 6)})
        if shown != n:
            fail(f"slider at {n}: {shown} flows visible")
        if not close(hidden, want_hidden, 1e-9):
            fail(f"slider at {n}: hidden share {hidden}, expected {want_hidden} from the journey file")


def check_slider_from_svg(d):
    """Pages without the map's numbers (Sankey, comparison): the slider ranks the SVG's flow values."""
    valued = d.execute_script("return document.querySelectorAll('g.flow[data-value]').length")
    flows = d.execute_script("return document.querySelectorAll('g.flow').length")
    measured["flowsWithValues"] = valued
    if valued == 0:
        return
    slider = d.find_element(By.ID, "jm-flows")
    got = []
    for keys, want in [(Keys.HOME, flows - valued), (Keys.ARROW_RIGHT, flows - valued + 1), (Keys.END, flows)]:
        slider.send_keys(keys)
        got.append(visible_flows(d))
        if got[-1] != want:
            fail(f"slider ({keys!r}): {got[-1]} flows visible, expected {want}")
    measured["sliderFromSVG"] = got


def check_interaction(d):
    # Tab to a touchpoint, Enter selects it, its flows highlighted, the rest faded; Esc clears.
    body = d.find_element(By.TAG_NAME, "body")
    body.click()
    active = None
    # Flows are in the Tab order too (drawn before the boxes in some maps).
    for _ in range(400):
        ActionChains(d).send_keys(Keys.TAB).perform()
        active = d.execute_script("const a = document.activeElement; return a && a.classList && a.classList.contains('touchpoint') ? a.dataset.name : null")
        if active:
            break
    if not active:
        fail("Tab never reached a touchpoint")
        return
    ActionChains(d).send_keys(Keys.ENTER).perform()
    state = d.execute_script("""
        const name = arguments[0], flows = [...document.querySelectorAll('g.flow')];
        const touching = flows.filter(g => g.dataset.from === name || g.dataset.to === name);
        return {panel: document.getElementById('jm-panel').dataset.name || null,
                highlighted: flows.filter(g => g.classList.contains('jm-hl')).length, touching: touching.length,
                faded: flows.filter(g => g.classList.contains('jm-faded')).length, flows: flows.length,
                steps: document.querySelectorAll('#jm-panel ol li').length};""", active)
    measured["keyboardSelection"] = dict(state, touchpoint=active)
    if state["panel"] != active:
        fail(f"Enter on {active!r}: the panel shows {state['panel']!r}")
    if state["highlighted"] != state["touching"] or state["faded"] != state["flows"] - state["touching"]:
        fail(f"Enter on {active!r}: {state}")
    ActionChains(d).send_keys(Keys.ESCAPE).perform()
    left = d.execute_script("return document.querySelectorAll('.jm-hl, .jm-faded').length")
    if left:
        fail(f"Escape left {left} elements highlighted or faded")


def check_flow_keyboard(d):
    """Flows are reached with Tab like the boxes, each named (aria-label), and Enter shows its
    numbers in the panel; flows the slider hides leave the Tab order."""
    if not d.execute_script("return document.querySelectorAll('g.flow').length"):
        return
    d.find_element(By.TAG_NAME, "body").click()
    flow = None
    for _ in range(400):
        ActionChains(d).send_keys(Keys.TAB).perform()
        flow = d.execute_script("""const a = document.activeElement;
            return a && a.classList && a.classList.contains('flow')
                ? {from: a.dataset.from, to: a.dataset.to, role: a.getAttribute('role'), label: a.getAttribute('aria-label')} : null""")
        if flow:
            break
    if not flow:
        fail("Tab never reached a flow")
        return
    measured["keyboardFlow"] = flow
    if flow["role"] != "button" or not flow["label"] or flow["from"] not in flow["label"]:
        fail(f"focused flow {flow}: expected role button and an aria-label naming its ends")
    ActionChains(d).send_keys(Keys.ENTER).perform()
    kind = d.execute_script("return document.getElementById('jm-panel').dataset.kind || null")
    if kind != "flow":
        fail(f"Enter on flow {flow['from']!r} → {flow['to']!r}: the panel shows {kind!r}")
    ActionChains(d).send_keys(Keys.ESCAPE).perform()
    slider = d.find_element(By.ID, "jm-flows")
    if slider.is_displayed():
        slider.send_keys(Keys.HOME)
        tabbable = d.execute_script("return document.querySelectorAll('g.flow.jm-cut[tabindex=\"0\"]').length")
        if tabbable:
            fail(f"{tabbable} flows hidden by the slider can still be reached with Tab")
        slider.send_keys(Keys.END)


def check_search(d):
    text, name = plan["search"]
    box = d.find_element(By.ID, "jm-search")
    box.clear()
    box.send_keys(text)
    found = d.execute_script("return [...document.querySelectorAll('#jm-results button')].map(b => b.dataset.name)")
    matched = d.execute_script("return [...document.querySelectorAll('g.touchpoint.jm-match')].map(g => g.dataset.name)")
    measured["search"] = {"typed": text, "found": found}
    if name not in found or name not in matched:
        fail(f"search {text!r}: found {found}, marked {matched}; expected {name!r}")
    box.send_keys(Keys.ENTER)
    selected = d.execute_script("return document.getElementById('jm-panel').dataset.name || null")
    if selected != name:
        fail(f"search {text!r} then Enter selected {selected!r}, expected {name!r}")
    ActionChains(d).send_keys(Keys.ESCAPE).perform()


def check_pan_zoom_download(d):
    before = d.execute_script("return document.querySelector('#jm-view svg').getAttribute('viewBox')")
    d.find_element(By.ID, "jm-zoom-in").click()
    view = d.find_element(By.ID, "jm-view")
    ActionChains(d).move_to_element(view).click_and_hold().move_by_offset(-60, -30).release().perform()
    after = d.execute_script("return document.querySelector('#jm-view svg').getAttribute('viewBox')")
    measured["viewBox"] = [before, after]
    if before == after:
        fail("zoom and drag did not change the view")
    text = d.execute_script("return window.journeymap.currentSVG()")
    try:
        root = ET.fromstring(text.split("\n", 1)[1])
        if root.get("viewBox") != after:
            fail(f"downloaded view has viewBox {root.get('viewBox')}, the page shows {after}")
    except ET.ParseError as e:
        fail(f"downloaded SVG is not XML: {e}")
    d.find_element(By.ID, "jm-download").click()
    d.find_element(By.ID, "jm-reset").click()


def check_zoom_200(d, name):
    """At 200 % zoom a 1400 px window is 700 CSS px wide: nothing may stick out sideways."""
    d.set_window_size(700, 900)
    state = d.execute_script("""
        const w = window.innerWidth, out = [];
        document.querySelectorAll('header input, header button, header output, #jm-view, #jm-panel').forEach(e => {
            const r = e.getBoundingClientRect();
            if (e.offsetParent !== null && (r.left < -1 || r.right > w + 1)) out.push(e.id || e.tagName);
        });
        const v = document.getElementById('jm-view').getBoundingClientRect(), p = document.getElementById('jm-panel').getBoundingClientRect();
        return {innerWidth: w, scrollWidth: document.documentElement.scrollWidth, outside: out, panelBelow: p.top >= v.bottom - 1};""")
    measured["zoom200"] = state
    if state["scrollWidth"] > state["innerWidth"] + 1 or state["outside"] or not state["panelBelow"]:
        fail(f"at 200 % zoom (700 CSS px): {state}")
    if plan.get("zoomScreenshot"):
        d.save_screenshot(plan["zoomScreenshot"])
    d.set_window_size(1400, 900)


def check_print(d):
    """Print shows the static map: no toolbar or panel, every flow drawn whatever the slider says."""
    d.find_element(By.ID, "jm-flows").send_keys(Keys.HOME)
    d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    state = d.execute_script("""
        const flows = [...document.querySelectorAll('g.flow')];
        return {bar: getComputedStyle(document.querySelector('.jm-bar')).display,
                panel: getComputedStyle(document.getElementById('jm-panel')).display,
                drawn: flows.filter(g => getComputedStyle(g).display !== 'none').length, flows: flows.length};""")
    d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    d.find_element(By.ID, "jm-flows").send_keys(Keys.END)
    measured["print"] = state
    if state["bar"] != "none" or state["panel"] != "none" or state["drawn"] != state["flows"]:
        fail(f"print with the slider at 0: {state}")


def compare_with_png(d):
    from PIL import Image, ImageChops
    import io
    png = Image.open(plan["png"]).convert("RGB")
    d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    d.execute_script("window.journeymap.home(); window.journeymap.clear();"
                     "const s = document.querySelector('#jm-view svg'); const b = s.viewBox.baseVal;"
                     "s.style.width = b.width + 'px'; s.style.height = b.height + 'px'; window.scrollTo(0, 0);")
    w, h = png.size
    d.set_window_size(max(1400, w // 2 + 100), max(900, h // 2 + 200))
    shot = Image.open(io.BytesIO(d.find_element(By.CSS_SELECTOR, "#jm-view svg").screenshot_as_png)).convert("RGB")
    d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    cw, ch = min(w, shot.size[0]), min(h, shot.size[1])
    measured["screenshotSize"], measured["pngSize"] = list(shot.size), [w, h]
    if abs(shot.size[0] - w) > 2 or abs(shot.size[1] - h) > 2:
        fail(f"screenshot {shot.size} vs PNG {png.size}")
    diff = ImageChops.difference(shot.crop((0, 0, cw, ch)), png.crop((0, 0, cw, ch)))
    r, g, b = diff.split()
    worst = ImageChops.lighter(ImageChops.lighter(r, g), b)
    hist = worst.histogram()
    pixels = cw * ch
    mean = sum(i * n for i, n in enumerate(hist)) / pixels
    strong = sum(hist[65:]) / pixels
    measured["meanAbsDiff"] = round(mean, 3)
    measured["shareOver64"] = round(strong, 5)
    tol = plan.get("tolerance", {"meanAbsDiff": 4.0, "shareOver64": 0.03})
    if mean > tol["meanAbsDiff"] or strong > tol["shareOver64"]:
        fail(f"screenshot differs from the PNG: mean |Δ| {mean:.2f} (tolerance {tol['meanAbsDiff']}), "
             f"{strong * 100:.2f} % of pixels by more than 64 (tolerance {tol['shareOver64'] * 100:.1f} %)")
    if plan.get("diffImage"):
        worst.point(lambda v: 255 - min(255, v * 4)).save(plan["diffImage"])


def main():
    try:
        d = start(2)
    except Exception as e:  # noqa: BLE001 - reported to the Swift test
        print(json.dumps({"failures": [f"cannot start Chromium through chromedriver: {e}"], "measured": {}}))
        sys.exit(2)
    try:
        d.get("file://" + plan["html"])
        ready = d.execute_script("return !!(window.journeymap && document.querySelector('#jm-view svg'))")
        if not ready:
            fail("the page's script did not run (window.journeymap missing)")
        if plan.get("journey"):
            check_numbers(d, json.load(open(plan["journey"])))
        else:
            check_slider_from_svg(d)
        if plan.get("search"):
            check_search(d)
        if plan.get("interact", True):
            check_interaction(d)
            check_flow_keyboard(d)
            check_print(d)
            check_zoom_200(d, plan["html"])
        check_pan_zoom_download(d)
        if plan.get("png"):
            compare_with_png(d)
        errors = console_errors(d)
        requests = network_requests(d)
        measured["consoleErrors"], measured["networkRequests"] = len(errors), len(requests)
        for m in errors:
            fail(f"console error: {m}")
        for u in requests:
            fail(f"network request: {u}")
        if plan.get("screenshot"):
            shot = start(1)
            try:
                shot.get("file://" + plan["html"])
                name = plan.get("screenshotSelect")
                if name:  # selected, centred and zoomed in so its numbers and flows can be read
                    shot.execute_script("window.journeymap.select(arguments[0], true); window.journeymap.zoom(1.5)", name)
                flow = shot.execute_script("const g = document.querySelector('g.flow.jm-hl') || document.querySelector('g.flow');"
                                           "const p = g.querySelector('path:not(.jm-hit)'); const q = p.getPointAtLength(p.getTotalLength() * 0.5).matrixTransform(p.getScreenCTM());"
                                           "return [q.x, q.y]")
                a = ActionBuilder(shot)
                a.pointer_action.move_to_location(int(flow[0]), int(flow[1]))
                a.perform()
                shot.save_screenshot(plan["screenshot"])
            finally:
                shot.quit()
    finally:
        d.quit()
    print(json.dumps({"failures": failures, "measured": measured}, ensure_ascii=False))


main()
