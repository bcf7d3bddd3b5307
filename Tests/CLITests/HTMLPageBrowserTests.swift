import Foundation
import Testing

/// Every picture command's `.html` page loaded headless in Chromium from file:// (see
/// `BrowserCheck`): no console error, no network request, the tooltip's numbers for the
/// busiest touchpoint and the strongest flow equal to the journey file's, the flow slider,
/// search (Thai too), keyboard selection, pan, zoom and download, and a screenshot of the map
/// at 2 px per point within a stated tolerance of the PNG.
///
/// Tolerance: mean absolute difference per pixel (largest channel) at most 4 of 255 and at
/// most 3 % of pixels differing by more than 64 — anti-aliasing and text rasterised by
/// another engine, not a misplaced box or flow (a box 20 pt off fails).
@Suite(.serialized) struct HTMLPageBrowserTests {
    static let tolerance: [String: Double] = ["meanAbsDiff": 4.0, "shareOver64": 0.03]

    func temporaryFolder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jm-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    func check(_ name: String, _ plan: [String: Any]) throws {
        let report = try BrowserCheck.run(plan)
        print("\(name): " + report.measured.keys.sorted().map { "\($0)=\(report.measured[$0]!)" }.joined(separator: " "))
        for f in report.failures { Issue.record("\(name): \(f)") }
    }

    @Test func journeyMapPage() throws {
        guard BrowserCheck.available("HTMLPageBrowserTests.journeyMapPage") else { return }
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let journey = dir.appendingPathComponent("journey.json").path
        let html = dir.appendingPathComponent("map.html").path, png = dir.appendingPathComponent("map.png").path
        #expect(try CLI.run(["mine", "samples/shop-journeys.csv", "-o", journey]).status == 0)
        let r = try CLI.run(["map", journey, "-o", html, "-o", png, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        // JM_README_SCREENSHOT=1 also writes the README's screenshot (output/journey-map-html.png).
        let readme = ProcessInfo.processInfo.environment["JM_README_SCREENSHOT"] == "1"
        try check("map", ["html": html, "journey": journey, "png": png, "search": ["cart", "add_to_cart"],
                          "tolerance": Self.tolerance, "diffImage": dir.appendingPathComponent("diff.png").path,
                          "screenshot": readme ? CLI.root.appendingPathComponent("output/journey-map-html.png").path
                              : dir.appendingPathComponent("screenshot.png").path,
                          "screenshotSelect": "add_to_cart", "zoomScreenshot": dir.appendingPathComponent("zoom200.png").path])
    }

    @Test func thaiMapPage() throws {
        guard BrowserCheck.available("HTMLPageBrowserTests.thaiMapPage") else { return }
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let journey = dir.appendingPathComponent("journey.json").path
        let html = dir.appendingPathComponent("map-th.html").path, png = dir.appendingPathComponent("map-th.png").path
        #expect(try CLI.run(["mine", "samples/thai-shop.csv", "--template", "thai-retail", "-o", journey]).status == 0)
        let r = try CLI.run(["map", journey, "--lang", "th", "-o", html, "-o", png, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let shot = ProcessInfo.processInfo.environment["JM_README_SCREENSHOT"] == "1"
            ? CLI.root.appendingPathComponent("output/journey-map-html-th.png").path : dir.appendingPathComponent("screenshot.png").path
        try check("map th", ["html": html, "journey": journey, "png": png, "search": ["รีวิว", "อ่านรีวิว"],
                             "tolerance": Self.tolerance, "screenshot": shot, "screenshotSelect": "อ่านรีวิว"])
    }

    /// `--svg-text outlines` (Cairo's SVG, no groups of its own): the page lays groups from the
    /// scene's tags over it, and every check passes the same.
    @Test func outlinesMapPage() throws {
        guard BrowserCheck.available("HTMLPageBrowserTests.outlinesMapPage") else { return }
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let journey = dir.appendingPathComponent("journey.json").path
        let html = dir.appendingPathComponent("map.html").path, png = dir.appendingPathComponent("map.png").path
        #expect(try CLI.run(["mine", "samples/shop-journeys.csv", "-o", journey]).status == 0)
        let r = try CLI.run(["map", journey, "--svg-text", "outlines", "-o", html, "-o", png, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        try check("map outlines", ["html": html, "journey": journey, "png": png, "search": ["cart", "add_to_cart"],
                                   "tolerance": Self.tolerance])
    }

    @Test func darkThemeMapPage() throws {
        guard BrowserCheck.available("HTMLPageBrowserTests.darkThemeMapPage") else { return }
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let html = dir.appendingPathComponent("map.html").path, png = dir.appendingPathComponent("map.png").path
        let r = try CLI.run(["map", "samples/shop-journeys.csv", "--theme", "dark", "-o", html, "-o", png, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        try check("map dark", ["html": html, "png": png, "tolerance": Self.tolerance, "interact": false])
    }

    /// Sankey, comparison and persona pages: they load cleanly, pan, zoom and download, and look
    /// like their PNG.
    @Test(arguments: [
        ("sankey", ["sankey", "samples/shop-journeys.csv"]),
        ("compare", ["compare", "samples/compare-before.csv", "samples/compare-after.csv"]),
        ("persona", ["persona", "nok-thai-shopper", "--lang", "th"]),
    ])
    func otherPages(_ name: String, _ command: [String]) throws {
        guard BrowserCheck.available("HTMLPageBrowserTests.otherPages(\(name))") else { return }
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let html = dir.appendingPathComponent("\(name).html").path, png = dir.appendingPathComponent("\(name).png").path
        let r = try CLI.run(command + ["-o", html, "-o", png] + (name == "compare" ? [] : ["--quiet"]))
        #expect(r.status == 0, "\(r.stderr)")
        try check(name, ["html": html, "png": png, "tolerance": Self.tolerance, "interact": false])
    }
}
