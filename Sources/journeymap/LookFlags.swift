import ArgumentParser
import JourneyKit

/// Label language, theme and title: what every command that draws a map takes, the still
/// pictures (`PictureFlags`) and the replay alike.
struct LookFlags: ParsableArguments {
    @Option(help: "Label language: en, th, … (default: the template's).")
    var lang: String?
    @Option(name: .customLong("theme"), help: "Theme: light, dark, print, colorblind, or a YAML file.")
    var themeName: String = "light"
    @Option(help: "Title (default: the template name and the data source).")
    var title: String?

    func validate() throws { try LanguageOption.check(lang, flag: "--lang") }

    func theme() throws -> Theme { try Theme.named(themeName) }
}
