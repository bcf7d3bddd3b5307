@_spi(JourneyIO) import JourneyCore
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
    /// The header's line (past blank lines and `--skip-lines`), for errors about its names.
    public var headerLine = 1

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
    /// columns when a given name does not exist, or naming every role no likely name is found
    /// for, each with the header's likeliest columns (`missingRolesError`). A log with GA4's
    /// keys and no preset is read with the GA4 preset (`ResolvedColumns.recognisedPreset`).
    public func resolve(_ spec: ColumnSpec) throws -> Resolution {
        var guessed: [String] = []
        var used: Set<String> = []
        var spec = spec
        // A GA4, Amplitude, Mixpanel or Segment export is read with its preset without being
        // asked (and says so); roles named by flags still win.
        var recognised: ColumnPreset? = nil
        if spec.preset == nil, let export = recognisedExport {
            spec.preset = export
            recognised = export
        }
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

        var caseName = try pick("case", given: spec.caseColumn, presetNames: preset?.caseNames, candidates: Self.caseCandidates)
        // No usual name: an id of a person, deal or visit (`opportunity_id`, `Deal ID`).
        if caseName == nil && spec.caseColumn == nil && preset == nil, let byPattern = guessCaseByPattern(excluding: used) {
            caseName = byPattern
            guessed.append("case")
        }
        if let caseName { used.insert(caseName.lowercased()) }
        let activity = try pick("activity", given: spec.activityColumn, presetNames: preset?.activityNames,
                                candidates: Self.activityCandidates)
        if let activity { used.insert(activity.lowercased()) }
        let timestamp = try pick("timestamp", given: spec.timestampColumn, presetNames: preset?.timestampNames,
                                 candidates: Self.timestampCandidates)
        if let timestamp { used.insert(timestamp.lowercased()) }
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
        guard let resolvedCase = caseName, let activity, let timestamp else {
            var missing: [MissingRole] = []
            if caseName == nil { missing.append(MissingRole(role: "case", presetNames: preset?.caseNames)) }
            if activity == nil { missing.append(MissingRole(role: "activity", presetNames: preset?.activityNames)) }
            if timestamp == nil { missing.append(MissingRole(role: "timestamp", presetNames: preset?.timestampNames)) }
            // Milestones replace the timestamp: a guessed one is a milestone like the others.
            throw missingRolesError(missing, preset: spec.preset, used: used,
                                    timestamp: spec.timestampColumn == nil ? timestamp?.lowercased() : nil)
        }

        var columns = ResolvedColumns(caseColumn: resolvedCase, caseFallbackColumn: fallback, activityColumn: activity,
                                      timestampColumn: timestamp, channelColumn: channel, guessed: guessed)
        columns.recognisedPreset = recognised
        if source == .header {
            for name in [resolvedCase, fallback, activity, timestamp, channel].compactMap({ $0 }) {
                try checkUnique(name)
            }
        }
        // The preset's epoch unit is for its own timestamp column (GA4's µs event_timestamp),
        // not for another one given instead (event_date, 20210131).
        let presetTimestamp = preset.map { $0.timestampNames.contains { self.find($0) == timestamp || $0 == timestamp } } ?? false
        return Resolution(columns: columns, epochUnit: presetTimestamp ? preset?.epochUnit : nil)
    }

    /// The name in `available` that `name` refers to: an exact match, else the first
    /// case-insensitive one.
    /// A GA4 path into a key/value list (`event_params.ga_session_id`) is found when the list is.
    public func find(_ name: String) -> String? {
        if available.contains(name) { return name }
        let lower = name.lowercased()
        if let found = available.first(where: { $0.lowercased() == lower }) { return found }
        if let keyed = KeyedPath.parse(name), find(keyed.list) != nil { return name }
        return nil
    }

    /// Position (0-based) of `name` after `find`, for the CSV reader (a keyed path: its list's).
    public func index(of name: String) -> Int? {
        guard let found = find(name) else { return nil }
        if let i = available.firstIndex(of: found) { return i }
        return keyedPath(name).flatMap { index(of: $0.list) }
    }

    /// The key/value list lookup `name` stands for, when it is not a column or key itself.
    func keyedPath(_ name: String) -> KeyedPath? {
        let lower = name.lowercased()
        guard !available.contains(where: { $0.lowercased() == lower }), let keyed = KeyedPath.parse(name) else { return nil }
        return source == .jsonPaths || find(keyed.list) != nil ? keyed : nil
    }

    /// `name` as it appears in `available`, or an `InputError` listing what exists.
    /// JSON paths are not checked (a key may first appear on a later line).
    public func require(_ name: String, role: String) throws -> String {
        if let found = find(name) { return found }
        if source == .jsonPaths { return name }
        throw InputError(file: file, line: headerLine, column: name, message:
            "no such column for the \(role); \(listing)")
    }

    /// Duplicate header names are an error only for names the reader uses (unused
    /// duplicates, often unnamed index columns, are harmless).
    public func checkUnique(_ name: String) throws {
        let positions = available.indices.filter { available[$0] == name }
        guard positions.count > 1 else { return }
        throw InputError(file: file, line: headerLine, column: name, message:
            "the header has this name twice (columns \(positions[0] + 1) and \(positions[1] + 1)); rename one")
    }

    /// "columns: a, b, c" (at most 40 names), for error messages.
    var listing: String {
        // A name is cut at 80 characters: a file read in the wrong encoding can make its whole text one "name".
        let shown = available.prefix(40).map { $0.isEmpty ? "\"\"" : $0.count > 80 ? $0.prefix(80) + "… (\($0.utf8.count) bytes)" : $0 }
            .joined(separator: ", ")
        let more = available.count > 40 ? ", … (\(available.count) in all)" : ""
        let what = source == .header ? "columns in the header" : "keys in the first object"
        return "\(what): \(shown)\(more)" + whitespaceHint + numericHeaderHint
    }

    /// A header of numbers only (MovieLens `u.data`: `196\t242\t3\t881250949`), or with a
    /// timestamp among its fields (a Thai report export: `…,2022-10-20 23:35:21,มก1111`), is a
    /// first data row.
    var numericHeaderHint: String {
        guard source == .header, available.count >= 2 else { return "" }
        let numbers = available.allSatisfy { field in
            let t = field.trimmingSpaces()
            return t.first.map { "0123456789+-.".contains($0) } == true && Double(t) != nil
        }
        // A date and a time of day: dates alone name the columns of a pivot table (user_id,2024-01-01,…).
        let stamp = available.first { TimestampParser().parse($0.trimmingSpaces()) != nil && $0.contains("-") && $0.contains(":") }
        guard numbers || stamp != nil else { return "" }
        let why = numbers ? "every field of the header is a number" : "the header holds a timestamp (\(stamp!.trimmingSpaces()))"
        return " (\(why): the file seems to have no header row, and journeymap takes the first line for the column names; add a first line naming the \(available.count) columns, separated as the rows are, e.g. user,item,rating,timestamp, then name the roles with --case, --activity and --timestamp)"
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
