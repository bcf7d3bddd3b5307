/// Decides which columns (CSV header names or dotted JSON paths) hold the case, activity,
/// timestamp and channel, shared by the CSV and JSON Lines readers.
///
/// Order of precedence for each role: a name given in `ColumnSpec`, then the preset's
/// columns, then a guess from likely names (case-insensitive, in the priority order of
/// `caseCandidates` etc.). Guessed roles are listed in `ResolvedColumns.guessed`.
public struct ColumnResolver: Sendable {
    /// What the names come from: a CSV header must contain every given name; the first JSON
    /// object may lack a key that later lines have, so given paths are taken on trust there.
    public enum Source: Sendable {
        case header
        case jsonPaths
    }

    /// The names available (header fields, or the flattened paths of the first JSON object).
    public let available: [String]
    public let source: Source
    /// File name for error messages.
    public let file: String

    public init(available: [String], source: Source, file: String) {
        self.available = available
        self.source = source
        self.file = file
    }

    /// The columns chosen, and the epoch unit a preset implies (nil when it implies none).
    public struct Resolution: Sendable, Equatable {
        public var columns: ResolvedColumns
        public var epochUnit: TimestampParser.EpochUnit?
    }

    /// Resolves every role; throws an `InputError` naming the role and listing the available
    /// columns when a given name does not exist or no likely name is found.
    public func resolve(_ spec: ColumnSpec) throws -> Resolution {
        var guessed: [String] = []
        var used: Set<String> = []
        let preset = spec.preset.map(PresetColumns.of)

        /// The given name, else the preset's, else a guess; nil when none is found.
        func pick(_ role: String, given: String?, presetNames: [String]?, candidates: [String]) throws -> String? {
            if let given { return try require(given, role: role) }
            if let presetNames {
                if let name = presetNames.lazy.compactMap({ self.find($0) }).first { return name }
                return source == .jsonPaths ? presetNames[0] : nil
            }
            guard let name = guess(candidates, excluding: used) else { return nil }
            guessed.append(role)
            return name
        }
        func notFound(_ role: String, _ presetNames: [String]?) -> InputError {
            if let presetNames, let p = spec.preset {
                let names = presetNames.map { "\"\($0)\"" }.joined(separator: " or ")
                return InputError(file: file, line: 1, message: "preset \(p.rawValue) expects \(role == "activity" ? "an" : "a") \(role) column named \(names); \(listing)")
            }
            return InputError(file: file, line: 1, message:
                "cannot tell which column is the \(role); name it with --\(role). \(listing)")
        }

        var caseName = try pick("case", given: spec.caseColumn, presetNames: preset?.caseNames, candidates: Self.caseCandidates)
        if let caseName { used.insert(caseName.lowercased()) }
        guard let activity = try pick("activity", given: spec.activityColumn, presetNames: preset?.activityNames,
                                      candidates: Self.activityCandidates) else { throw notFound("activity", preset?.activityNames) }
        used.insert(activity.lowercased())
        guard let timestamp = try pick("timestamp", given: spec.timestampColumn, presetNames: preset?.timestampNames,
                                       candidates: Self.timestampCandidates) else { throw notFound("timestamp", preset?.timestampNames) }
        used.insert(timestamp.lowercased())
        let channel = try pick("channel", given: spec.channelColumn, presetNames: nil, candidates: Self.channelCandidates)

        var fallback: String? = nil
        if let given = spec.caseFallbackColumn {
            fallback = try require(given, role: "case fallback")
        } else if spec.caseColumn == nil, let names = preset?.caseFallbackNames {
            fallback = names.lazy.compactMap { self.find($0) }.first
                ?? (source == .jsonPaths ? names[0] : nil)
        }
        // A CSV export may have only the preset's fallback column (all users anonymous).
        if caseName == nil, let fb = fallback {
            caseName = fb
            fallback = nil
        }
        guard let resolvedCase = caseName else { throw notFound("case", preset?.caseNames) }

        let columns = ResolvedColumns(caseColumn: resolvedCase, caseFallbackColumn: fallback, activityColumn: activity,
                                      timestampColumn: timestamp, channelColumn: channel, guessed: guessed)
        if source == .header {
            for name in [resolvedCase, fallback, activity, timestamp, channel].compactMap({ $0 }) {
                try checkUnique(name)
            }
        }
        return Resolution(columns: columns, epochUnit: preset?.epochUnit)
    }

    /// The name in `available` that `name` refers to: an exact match, else the first
    /// case-insensitive one.
    public func find(_ name: String) -> String? {
        if available.contains(name) { return name }
        let lower = name.lowercased()
        return available.first { $0.lowercased() == lower }
    }

    /// Position (0-based) of `name` after `find`, for the CSV reader.
    public func index(of name: String) -> Int? {
        guard let found = find(name) else { return nil }
        return available.firstIndex(of: found)
    }

    /// `name` as it appears in `available`, or an `InputError` listing what exists.
    /// JSON paths are not checked (a key may first appear on a later line).
    public func require(_ name: String, role: String) throws -> String {
        if let found = find(name) { return found }
        if source == .jsonPaths { return name }
        throw InputError(file: file, line: 1, column: name, message:
            "no such column for the \(role); \(listing)")
    }

    /// Duplicate header names are an error only for names the reader uses (unused
    /// duplicates, often unnamed index columns, are harmless).
    public func checkUnique(_ name: String) throws {
        let positions = available.indices.filter { available[$0] == name }
        guard positions.count > 1 else { return }
        throw InputError(file: file, line: 1, column: name, message:
            "the header has this name twice (columns \(positions[0] + 1) and \(positions[1] + 1)); rename one")
    }

    /// "columns: a, b, c" (at most 40 names), for error messages.
    var listing: String {
        let shown = available.prefix(40).map { $0.isEmpty ? "\"\"" : $0 }.joined(separator: ", ")
        let more = available.count > 40 ? ", … (\(available.count) in all)" : ""
        let what = source == .header ? "columns in the header" : "keys in the first object"
        return "\(what): \(shown)\(more)" + whitespaceHint
    }

    /// A header read as one column with spaces inside is likely whitespace-aligned text.
    var whitespaceHint: String {
        guard source == .header, available.count == 1,
              available[0].trimmingSpaces().split(whereSeparator: { $0 == " " || $0 == "\t" }).count > 1 else { return "" }
        return " (one column with spaces in its name: if the columns are aligned with spaces, give --delimiter whitespace)"
    }

    /// The first candidate found, by full name, or for JSON by the last path component
    /// (`distinct_id` finds `properties.distinct_id`); names already used are skipped.
    func guess(_ candidates: [String], excluding used: Set<String>) -> String? {
        let lowered = available.map { $0.lowercased().trimmingSpaces() }
        for candidate in candidates {
            for i in available.indices where lowered[i] == candidate && !used.contains(available[i].lowercased()) {
                return available[i]
            }
            guard source == .jsonPaths else { continue }
            let suffix = "." + candidate
            for i in available.indices where lowered[i].hasSuffix(suffix) && !used.contains(available[i].lowercased()) {
                return available[i]
            }
        }
        return nil
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s.removeFirst() }
        while s.last == " " || s.last == "\t" { s.removeLast() }
        return String(s)
    }
}
