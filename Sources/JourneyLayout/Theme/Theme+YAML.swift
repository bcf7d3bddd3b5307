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
        let palette = try root.optional("stagePalette")?.list().map { Color(hex: try $0.color())! } ?? []
        let theme = Theme(
            name: try root.required("name").string(), background: try color("background"), text: try color("text"),
            mutedText: try color("mutedText"), nodeFill: try color("nodeFill"), nodeBorder: try color("nodeBorder"),
            edge: try color("edge"), stageBandAlpha: try root.optional("stageBandAlpha")?.double() ?? 0.85,
            columnAlpha: try root.optional("columnAlpha")?.double() ?? 0.08, stagePalette: palette,
            decrease: try color("decrease"), increase: try color("increase"), neutral: try color("neutral"),
            fontFamily: try root.optional("fontFamily")?.string() ?? FontSpec.defaultFamily,
            fontSize: try root.optional("fontSize")?.double() ?? 11)
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
