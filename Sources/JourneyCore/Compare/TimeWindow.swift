import Foundation

/// A half-open time range `[start, end)` in µs since the epoch, from `START..END`
/// (`--before 2024-04-18..2024-05-18`, `--after 2024-05-19T08:00..2024-05-19T18:00`).
///
/// - A date (`YYYY-MM-DD`) means whole days: a start date begins at its midnight, an end date
///   includes its whole day (the window ends at the next midnight). Midnights are local to the
///   parser's zone (`--timezone`), daylight saving included.
/// - A datetime (anything else `TimestampParser` reads) is exact; the end is excluded, as
///   `--until` is.
/// - Either side may be empty: `..2024-05-18`, `2024-05-19..` are open-ended.
public struct TimeWindow: Sendable, Equatable, CustomStringConvertible {
    /// Inclusive; nil: from the beginning.
    public var start: Int64?
    /// Exclusive; nil: to the end.
    public var end: Int64?
    /// As the user wrote it.
    public var text: String

    public init(start: Int64?, end: Int64?, text: String) {
        self.start = start
        self.end = end
        self.text = text
    }

    /// Parses `START..END`; `flag` names the option in errors.
    /// - Throws: `ComparisonError.window` saying which side is wrong and why.
    public init(parsing text: String, flag: String = "--before", parser: TimestampParser = TimestampParser()) throws {
        let parts = text.components(separatedBy: "..")
        guard parts.count == 2 else {
            throw ComparisonError.window(flag: flag, text: text, reason: parts.count < 2 ? "no \"..\" between start and end" : "more than one \"..\"")
        }
        let startText = parts[0].trimmingCharacters(in: .whitespaces)
        let endText = parts[1].trimmingCharacters(in: .whitespaces)
        guard !(startText.isEmpty && endText.isEmpty) else {
            throw ComparisonError.window(flag: flag, text: text, reason: "both ends are empty")
        }
        func bound(_ s: String, isEnd: Bool) throws -> Int64? {
            guard !s.isEmpty else { return nil }
            if let (y, m, d) = Self.date(s) {
                let day = isEnd ? civilFromDays(daysFromCivil(y, m, d) + 1) : (y, m, d)
                guard let t = parser.parse(Self.dateText(day.0, day.1, day.2)) else {
                    throw ComparisonError.window(flag: flag, text: text, reason: "\"\(s)\" is not a date")
                }
                return t
            }
            guard let t = parser.parse(s) else {
                throw ComparisonError.window(flag: flag, text: text, reason: "\(isEnd ? "end" : "start") \"\(s)\" is not a date or datetime")
            }
            return t
        }
        let start = try bound(startText, isEnd: false)
        let end = try bound(endText, isEnd: true)
        if let start, let end, end <= start {
            throw ComparisonError.window(flag: flag, text: text, reason: "the end is not after the start")
        }
        self.init(start: start, end: end, text: text)
    }

    /// True when the two windows share some instant.
    public func overlaps(_ other: TimeWindow) -> Bool {
        (start ?? Int64.min) < (other.end ?? Int64.max) && (other.start ?? Int64.min) < (end ?? Int64.max)
    }

    /// `2024-04-18T00:00:00Z ..< 2024-05-19T00:00:00Z`, open ends as `…`.
    public var description: String {
        "\(start.map(formatISO8601) ?? "…") ..< \(end.map(formatISO8601) ?? "…")"
    }

    /// (year, month, day) when `s` is exactly a valid `YYYY-MM-DD`.
    static func date(_ s: String) -> (Int, Int, Int)? {
        let u = Array(s.utf8)
        guard u.count == 10, u[4] == 0x2d, u[7] == 0x2d else { return nil }
        func num(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r { guard u[i] >= 0x30 && u[i] <= 0x39 else { return nil }; v = v * 10 + Int(u[i] - 0x30) }
            return v
        }
        guard let y = num(0..<4), let m = num(5..<7), let d = num(8..<10),
              (1...12).contains(m), d >= 1, d <= daysInMonth(y, m) else { return nil }
        return (y, m, d)
    }

    static func dateText(_ y: Int, _ m: Int, _ d: Int) -> String {
        func pad(_ v: Int, _ n: Int) -> String { String(repeating: "0", count: max(0, n - String(v).count)) + String(v) }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }
}
