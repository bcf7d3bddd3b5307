extension TimestampFormat {
    /// Patterns real exports use, tried against a value no parser read, to suggest a
    /// `--timestamp-format` in the error (day-first before month-first where both fit).
    public static let commonPatterns = [
        "%d/%b/%Y:%H:%M:%S %z",  // web server access logs
        "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y",
        "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%Y",
        "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %I:%M %p",
        "%d/%m/%y %H:%M", "%d/%m/%y", "%m/%d/%y %H:%M", "%m/%d/%y",
        "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y", "%d.%m.%y %H:%M:%S", "%d.%m.%y %H:%M", "%d.%m.%y",
        "%d-%m-%Y %H:%M:%S", "%d-%m-%Y %H:%M", "%d-%m-%Y",
        "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y/%m/%d",
        // Fractions of a second (Disco and ProM exports: 2014/10/22 11:15:41.000).
        "%Y/%m/%d %H:%M:%S.%f", "%d/%m/%Y %H:%M:%S.%f", "%m/%d/%Y %H:%M:%S.%f", "%d.%m.%Y %H:%M:%S.%f",
        "%d %b %Y %H:%M:%S", "%d %b %Y %H:%M", "%d %b %Y", "%d-%b-%Y %H:%M:%S", "%d-%b-%Y %H:%M", "%d-%b-%Y",
        "%a, %d %b %Y %H:%M:%S %z",  // RFC 1123: HTTP and e-mail dates
        "%b %d, %Y %H:%M:%S", "%b %d, %Y", "%b %e %Y %H:%M:%S", "%b %d %Y",
        "%Y-%m-%d %H:%M:%S %z", "%Y%m%d%H%M%S", "%Y%m%d %H:%M:%S",
    ]

    /// The common patterns that read `value` (at most `limit`), first the likeliest.
    /// `yearOffset`: the reading's (`--buddhist-era`), so that a date valid only in that era
    /// (29/02/2567) finds its pattern.
    public static func suggestions(for value: String, limit: Int = 2, yearOffset: Int = 0) -> [String] {
        var parser = TimestampParser()
        parser.yearOffset = yearOffset
        var found: [String] = []
        var text = value.trimmingSpaces()
        text.withUTF8 { bytes in
            let b = UnsafeRawBufferPointer(bytes)
            guard !b.isEmpty else { return }
            // %Y reads two digits too, but no export writes a year so: "02/24/03" is 2003 (%y), not year 3.
            let fourDigitYear = !fourDigitNumbers(in: value).isEmpty || value.split(whereSeparator: { !$0.isNumber }).contains { $0.count >= 8 }
            for pattern in commonPatterns where found.count < limit && (fourDigitYear || !pattern.contains("%Y")) {
                guard let format = try? TimestampFormat(pattern) else { continue }
                if format.parse(b, parser: parser) != nil { found.append(pattern) }
            }
        }
        return found
    }

    /// `; --timestamp-format "…" would read it` (or two choices), or "" when no common form fits.
    /// Read without `--buddhist-era`, a year of 2400–2700 in the value (a four-digit one, as in
    /// 29/02/2555) adds that it looks like a Buddhist-era year and names the flag (with the
    /// pattern that reads it so): following the pattern alone read such files up to the first
    /// 29 February of a year that is a leap year only in the common era.
    /// `readsInEra`: the reading's own parser, with `--buddhist-era`'s offset, reads the value
    /// (a `--timestamp-format` given that fails only for the era), so the flag alone is named.
    /// The era is named only when something would then read the value, and not when the value
    /// also holds a common-era year (1900–2100: `2024-01-01 2400` is no Buddhist-era date).
    public static func hint(for value: String, yearOffset: Int = 0, readsInEra: Bool = false) -> String {
        let found = suggestions(for: value, yearOffset: yearOffset)
        var hint = found.isEmpty ? "" : "; --timestamp-format " + found.map { "\"\($0)\"" }.joined(separator: " or ") + " would read it"
        let years = fourDigitNumbers(in: value)
        if yearOffset == 0, let year = years.first(where: { (2400...2700).contains($0) }), !years.contains(where: { (1900...2100).contains($0) }) {
            let era = suggestions(for: value, limit: 1, yearOffset: -TimestampParser.buddhistEraOffset)
            let flags = readsInEra ? "--buddhist-era" : era.first.map { "--buddhist-era --timestamp-format \"\($0)\"" }
            if let flags {
                hint += "; \(year) looks like a Buddhist-era year (พ.ศ. \(year) = \(year - TimestampParser.buddhistEraOffset)): add \(flags)"
            }
        }
        return hint
    }

    /// The numbers written with exactly four digits in `value` (in order).
    static func fourDigitNumbers(in value: String) -> [Int] {
        let digits = Array(value.utf8)
        var found: [Int] = []
        var i = 0
        while i < digits.count {
            guard (0x30...0x39).contains(digits[i]) else { i += 1; continue }
            var j = i
            var n = 0
            while j < digits.count && (0x30...0x39).contains(digits[j]) { n = n * 10 + Int(digits[j] - 0x30); j += 1 }
            // Not the digits of a fraction of a second (10:00:00.2500); a year after a dot
            // (16.01.2017) is a year.
            let fraction = i >= 4 && digits[i - 1] == 0x2E && digits[i - 4] == 0x3A
            if j - i == 4 && !fraction { found.append(n) }
            i = j
        }
        return found
    }
}
