import Foundation
import JourneyCore

/// Parses durations like `90s`, `30m`, `2h`, `1d`, `1.5h`, `500ms`, `2w`: a positive number
/// and a unit (a bare number is refused: seconds or minutes cannot be guessed), at most
/// `maxMicros` (100 years), so the microseconds always fit.
public enum DurationParser {
    public static let maxMicros: Int64 = 100 * 365 * 86_400 * 1_000_000

    /// What went wrong with a duration, for a flag's message.
    public enum Problem: Error, Equatable {
        case notADuration
        case noUnit
        case tooLong
    }

    public static func micros(_ text: String) throws(Problem) -> Int64 {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86400), ("w", 604800)]
        for (suffix, scale) in units where t.hasSuffix(suffix) {
            if suffix == "s" && t.hasSuffix("ms") { continue }
            guard let v = Double(t.dropLast(suffix.count)), v.isFinite, v > 0 else { throw .notADuration }
            let micros = v * scale * 1e6
            guard micros <= Double(maxMicros) else { throw .tooLong }
            return max(1, Int64(micros))
        }
        if let v = Double(t), v.isFinite { throw .noUnit }
        throw .notADuration
    }
}

/// Finds templates by name (`retail` → ./templates/retail.yaml) or path; nil → built-in default.
public enum TemplateLocator {
    public static func load(_ nameOrPath: String?) throws -> JourneyTemplate {
        guard let nameOrPath else { return .builtinDefault() }
        if FileManager.default.fileExists(atPath: nameOrPath) { return try JourneyTemplate.load(path: nameOrPath) }
        let candidate = "templates/\(nameOrPath).yaml"
        if FileManager.default.fileExists(atPath: candidate) { return try JourneyTemplate.load(path: candidate) }
        if let text = BuiltinTemplates.all[nameOrPath] { return try JourneyTemplate.parse(yaml: text, file: candidate) }
        throw TemplateError(file: nameOrPath, line: nil, key: nil, message: "no such template file (looked for \(nameOrPath) and \(candidate))")
    }
}
