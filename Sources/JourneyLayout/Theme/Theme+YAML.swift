import Foundation
import JourneyCore

extension Theme {
    /// Loads a theme from YAML; every colour key is required so a theme is complete, and text
    /// colours are checked for 4.5:1 contrast (WCAG AA) against the background and node fill.
    public static func parse(yaml text: String, file: String) throws -> Theme {
        let root = try YAMLValue.parse(text, file: file)
        let colorKeys = ["background", "text", "mutedText", "nodeFill", "nodeBorder", "edge", "decrease", "increase", "neutral"]
        try root.checkKeys(Set(colorKeys + ["name", "stageBandAlpha", "columnAlpha", "stagePalette", "fontFamily", "fontSize"]))
        func color(_ key: String) throws -> Color {
            let v = try root.required(key)
            return Color(hex: try v.color())!
        }
        /// A number key within `range` (the layout and Pango misbehave far outside it: a 1e9 pt
        /// font made Pango and Graphviz fail with noise and exit 70).
        func number(_ key: String, default value: Double, in range: ClosedRange<Double>, _ what: String) throws -> Double {
            guard let node = try root.optional(key) else { return value }
            let v = try node.double()
            guard range.contains(v) else {
                throw node.error("\(Self.plain(v)) is out of range; expected \(what) from \(Self.plain(range.lowerBound)) to \(Self.plain(range.upperBound))")
            }
            return v
        }
        let palette = try root.optional("stagePalette")?.list().map { Color(hex: try $0.color())! } ?? []
        let theme = Theme(
            name: try root.required("name").string(), background: try color("background"), text: try color("text"),
            mutedText: try color("mutedText"), nodeFill: try color("nodeFill"), nodeBorder: try color("nodeBorder"),
            edge: try color("edge"), stageBandAlpha: try number("stageBandAlpha", default: 0.85, in: 0...1, "an opacity"),
            columnAlpha: try number("columnAlpha", default: 0.08, in: 0...1, "an opacity"), stagePalette: palette,
            decrease: try color("decrease"), increase: try color("increase"), neutral: try color("neutral"),
            fontFamily: try root.optional("fontFamily")?.string() ?? FontSpec.defaultFamily,
            fontSize: try number("fontSize", default: 11, in: Self.fontSizes, "a size in points"))
        for (key, fg, bg, bgName) in [("text", theme.text, theme.background, "background"),
                                      ("mutedText", theme.mutedText, theme.background, "background"),
                                      ("text", theme.text, theme.nodeFill, "nodeFill")] {
            let ratio = fg.contrastRatio(with: bg)
            if ratio < 4.5 {
                throw try root.required(key).error(String(format: "contrast %.2f:1 against %@ is below the 4.5:1 needed for readable text", ratio, bgName))
            }
        }
        return theme
    }

    /// Base font sizes a theme may set, in points.
    public static let fontSizes: ClosedRange<Double> = 4...48

    private static func plain(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v) }

    /// A theme by name (built-in or `templates/themes/NAME.yaml`) or YAML path.
    public static func named(_ nameOrPath: String) throws -> Theme {
        if FileManager.default.fileExists(atPath: nameOrPath) {
            guard let text = try? String(contentsOfFile: nameOrPath, encoding: .utf8) else {
                throw TemplateError(file: nameOrPath, line: nil, key: nil, message: "cannot read the theme file")
            }
            return try parse(yaml: text, file: nameOrPath)
        }
        let local = "templates/themes/\(nameOrPath).yaml"
        if let text = try? String(contentsOfFile: local, encoding: .utf8) { return try parse(yaml: text, file: local) }
        if let text = BuiltinThemes.all[nameOrPath] { return try parse(yaml: text, file: "templates/themes/\(nameOrPath).yaml") }
        throw TemplateError(file: nameOrPath, line: nil, key: nil,
                            message: "no such theme; built in: \(BuiltinThemes.all.keys.sorted().joined(separator: ", "))")
    }

    public static var light: Theme {
        // The built-in texts are tested to parse; failing here is a programming error.
        do { return try named("light") } catch { fatalError("\(error)") }
    }
}
