@_spi(JourneyIO) import JourneyCore
/// Recognises, from the first bytes of a file, layouts the extension does not tell:
/// web server access logs and whitespace-aligned text tables.
public enum LogSniffer {
    public enum Layout: Sendable, Equatable {
        /// Common or Combined Log Format lines, AWS ELB lines, or a W3C extended log (`--input-format access-log`).
        case accessLog
        /// Columns aligned with runs of spaces, no `,` `;` tab or `|` (`--delimiter whitespace`).
        case whitespaceTable
        /// A W3C extended log (IIS, CloudFront): `#` directives, one of them `#Fields:`; read
        /// by the access-log reader whatever the file's name.
        case w3cExtended
    }

    /// Bytes worth looking at.
    public static let headBytes = 64 << 10

    /// The layout of a file starting with `head`, or nil for anything else (CSV, JSON, XML).
    public static func layout(of head: [UInt8]) -> Layout? {
        let text = String(decoding: head.starts(with: [0xef, 0xbb, 0xbf]) ? Array(head.dropFirst(3)) : head, as: UTF8.self)
        // "\r\n" is one Character in Swift: split on both (a file from Windows is one line otherwise).
        var lines = text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
            .filter { !$0.allSatisfy { $0 == " " || $0 == "\t" } }
        // The last line may be cut off by the end of the sample.
        if head.count >= headBytes && lines.count > 1 { lines.removeLast() }
        guard !lines.isEmpty else { return nil }
        // A W3C extended log (IIS, CloudFront): `#` directives first, one of them `#Fields:`.
        if W3CLogFields.looksLike(Array(lines.prefix(20))) { return .w3cExtended }
        let sample = lines.prefix(20)
        // Most lines (a stray malformed request does not hide the format; the reader reports it).
        if sample.filter(AccessLogLine.looksLike).count * 5 >= sample.count * 4 { return .accessLog }
        if sample.filter(AccessLogLine.looksLikeELB).count * 5 >= sample.count * 4 { return .accessLog }
        if isWhitespaceTable(Array(sample)) { return .whitespaceTable }
        return nil
    }

    /// At least three space-separated fields on every line, the same number on each, and
    /// none of the characters that would make it CSV, JSON or XML.
    static func isWhitespaceTable(_ lines: [String]) -> Bool {
        guard lines.count >= 2 else { return false }
        let counts = lines.map { $0.split(whereSeparator: { $0 == " " || $0 == "\t" }).count }
        guard counts[0] >= 3, counts.allSatisfy({ $0 == counts[0] }) else { return false }
        let others: Set<Character> = [",", ";", "|", "\t", "\"", "{", "<"]
        return !lines.contains { $0.contains(where: others.contains) }
    }
}
