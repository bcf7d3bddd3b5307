import ArgumentParser

/// The languages labels, notes and reports are written in. A `--lang` outside them used to be
/// accepted silently and drawn in English (issue 15); now it is a usage error listing them.
enum LanguageOption {
    static let supported = ["en", "th"]

    static func check(_ value: String?, flag: String) throws {
        guard let value, !supported.contains(value) else { return }
        throw ValidationError("\(flag) \(value): expected one of \(supported.joined(separator: ", "))")
    }
}
