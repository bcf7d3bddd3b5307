import Foundation
import JourneyCore

/// Parses durations like `90s`, `30m`, `2h`, `1d`, `1.5h` (a bare number is seconds).
public enum DurationParser {
    public static func seconds(_ text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86400), ("w", 604800)]
        for (suffix, scale) in units where t.hasSuffix(suffix) {
            if suffix == "s" && t.hasSuffix("ms") { continue }
            guard let v = Double(t.dropLast(suffix.count)), v > 0 else { return nil }
            return v * scale
        }
        guard let v = Double(t), v > 0 else { return nil }
        return v
    }
}

/// `--timezone`: UTC, fixed offsets (`+07:00`, `-0500`) or IANA names (`Asia/Bangkok`).
public enum TimeZoneOption {
    public struct Unknown: Error, CustomStringConvertible {
        public var name: String
        public var description: String { "--timezone \(name): expected UTC, an offset like +07:00, or a zone name like Asia/Bangkok" }
    }

    public static func apply(_ name: String, to parser: inout TimestampParser) throws {
        if name.uppercased() == "UTC" || name.uppercased() == "Z" { parser.defaultOffsetSeconds = 0; return }
        if let offset = parser.parse("1970-01-01T00:00:00" + name).map({ -$0 / 1_000_000 }), name.first == "+" || name.first == "-" {
            parser.defaultOffsetSeconds = offset
            return
        }
        guard let zone = TimeZone(identifier: name) else { throw Unknown(name: name) }
        parser.localOffset = { localMicros in
            // The offset at the local time read as UTC, corrected once for the offset itself.
            let guess = Date(timeIntervalSince1970: Double(localMicros) / 1e6)
            let first = zone.secondsFromGMT(for: guess)
            return Int64(zone.secondsFromGMT(for: guess.addingTimeInterval(-Double(first))))
        }
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
