import Foundation
import Testing
@testable import JourneyLayout
import JourneyCore

@Suite struct ThemeTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test(arguments: ["light", "dark", "print", "colorblind"])
    func builtinThemesMatchFilesAndAreReadable(name: String) throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("templates/themes/\(name).yaml"), encoding: .utf8)
        #expect(BuiltinThemes.all[name] == text, "run scripts/embed-builtins")
        let theme = try Theme.named(name)
        #expect(theme.text.contrastRatio(with: theme.background) >= 4.5)
        #expect(theme.mutedText.contrastRatio(with: theme.background) >= 4.5)
        #expect(theme.text.contrastRatio(with: theme.nodeFill) >= 4.5)
    }

    @Test func lowContrastThemeIsRefusedWithLineAndKey() {
        let yaml = """
        name: bad
        background: "#ffffff"
        text: "#cccccc"
        mutedText: "#555555"
        nodeFill: "#ffffff"
        nodeBorder: "#000000"
        edge: "#000000"
        decrease: "#0000ff"
        increase: "#ff0000"
        neutral: "#888888"
        """
        #expect {
            try Theme.parse(yaml: yaml, file: "bad.yaml")
        } throws: { error in
            guard let e = error as? TemplateError else { return false }
            return e.line == 3 && e.key == "text" && e.message.contains("contrast")
        }
    }

    @Test func readableTextOnStageColours() throws {
        let theme = try Theme.named("light")
        for hex in ["#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2", "#edc948", "#000000", "#ffffff"] {
            let fill = Color(hex: hex)!
            #expect(theme.readableText(on: fill).contrastRatio(with: fill) >= 4.5, "\(hex)")
        }
    }
}
