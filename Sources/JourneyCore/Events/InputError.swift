/// A problem in an input file, with the position a user needs to find and fix it.
public struct InputError: CategorizedError, Sendable, Equatable {
    public var category: ErrorCategory { .badInput }
    public var file: String
    /// 1-based line number, when the format has lines.
    public var line: Int?
    /// 0-based byte offset in the (decompressed) input, when known.
    public var byteOffset: Int?
    /// Column, key or element the problem is in.
    public var column: String?
    /// What was found and what was expected, e.g. `expected a timestamp, found "yesterday"`.
    public var message: String
    /// For a timestamp no parser read: the `--timestamp-format` patterns the message suggests
    /// (`TimestampFormat.suggestions`), so that more rows can settle between two of them.
    public var suggestedFormats: [String] = []

    public init(file: String, line: Int? = nil, byteOffset: Int? = nil, column: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.byteOffset = byteOffset
        self.column = column
        self.message = message
    }

    /// `file:line: column "x": message`, the shape compilers use so editors can jump to it.
    public var description: String {
        var s = file
        if let line { s += ":\(line)" } else if let byteOffset { s += ": byte \(byteOffset)" }
        s += ":"
        if let column { s += " column \"\(column)\":" }
        return s + " " + message
    }
}

extension InputError {
    /// Said of a row that stops reading: `--on-error skip` would read on without it.
    public static let skipHint = "; --on-error skip leaves such rows out"

    /// This error saying how to read on without such rows (once).
    public var withSkipHint: InputError {
        guard !message.contains("--on-error") else { return self }
        var e = self
        e.message += Self.skipHint
        return e
    }
}

/// What the readers skipped with `--on-error skip`: how many, per reason, and the first few.
public struct SkipReport: Sendable, Equatable, Codable {
    public var count = 0
    /// Count per short reason ("bad timestamp", "missing case", …).
    public var reasons: [String: Int] = [:]
    /// The first few skipped rows, with positions (kept to `maxExamples`).
    public var examples: [String] = []
    public static let maxExamples = 5
    /// The first skipped row of each reason that has an example (not written to journey
    /// files): `TimestampFormatChoice` names the first bad timestamp when missing cases came first.
    public var firstByReason: [String: String] = [:]

    enum CodingKeys: String, CodingKey { case count, reasons, examples }

    /// Equal when what journey files keep is (`firstByReason` is not kept: a graph read back
    /// from its file equals the one mined).
    public static func == (a: SkipReport, b: SkipReport) -> Bool {
        a.count == b.count && a.reasons == b.reasons && a.examples == b.examples
    }

    public init() {}

    public mutating func record(_ error: InputError, reason: String) {
        tally(reason: reason)
        if examples.count < Self.maxExamples { examples.append(error.description) }
        if firstByReason[reason] == nil { firstByReason[reason] = error.description }
    }

    /// One more skipped row, not kept as an example.
    public mutating func tally(reason: String) {
        count += 1
        reasons[reason, default: 0] += 1
    }

    /// Why a log read to no events: it has no rows, or every row was skipped (then how many,
    /// why, and the first, which says what to fix).
    public var noEventsMessage: String {
        guard count > 0 else { return "no events: the log has a header but no rows" }
        let why = reasons.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { "\(CountFormat.grouped($0.value)) \($0.key)" }.joined(separator: ", ")
        let all = count == 1 ? "the only row was left out" : "all \(CountFormat.grouped(count)) rows were left out"
        return "no events: \(all) (\(why))" + (examples.first.map { "; the first: \($0)" } ?? "")
    }

    public mutating func merge(_ other: SkipReport) {
        count += other.count
        for (k, v) in other.reasons { reasons[k, default: 0] += v }
        for e in other.examples where examples.count < Self.maxExamples { examples.append(e) }
        for (k, e) in other.firstByReason where firstByReason[k] == nil { firstByReason[k] = e }
    }
}

/// What to do with a row that cannot be read.
public enum OnError: String, Sendable, CaseIterable, Codable {
    /// Stop with an `InputError` (the default).
    case fail
    /// Skip the row, count it in `SkipReport`, go on.
    case skip
}
