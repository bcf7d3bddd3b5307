extension TimestampFormat {
    /// Matches `b` against the pattern; nil when it does not match or a field is out of range.
    func parseWithPattern(_ b: UnsafeRawBufferPointer, parser: TimestampParser) -> Int64? {
        var year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0
        var micros: Int64 = 0
        var zoneSeconds: Int64? = nil
        var pm: Bool? = nil
        var i = 0
        let n = b.count
        /// Reads 1…max digits.
        func number(_ max: Int) -> Int? {
            var v = 0, k = 0
            while k < max && i < n && isDigit(b[i]) { v = v * 10 + Int(b[i] - 0x30); i += 1; k += 1 }
            return k == 0 ? nil : v
        }
        var it = pattern.utf8.makeIterator()
        while let c = it.next() {
            if c != 0x25 {  // literal
                guard i < n, b[i] == c else { return nil }
                i += 1
                continue
            }
            guard let d = it.next() else { return nil }
            switch d {
            case UInt8(ascii: "Y"): guard let v = number(4) else { return nil }; year = v
            case UInt8(ascii: "y"):
                guard i + 2 <= n, let v = digits(b, i, 2) else { return nil }
                i += 2
                // Two-digit Buddhist-era years are 25xx (65 = 2565 = 2022).
                year = parser.yearOffset == -TimestampParser.buddhistEraOffset ? 2500 + v : v < 69 ? 2000 + v : 1900 + v
            case UInt8(ascii: "e"):
                if i < n && b[i] == 0x20 { i += 1 }
                guard let v = number(2) else { return nil }; day = v
            case UInt8(ascii: "m"): guard let v = number(2) else { return nil }; month = v
            case UInt8(ascii: "d"): guard let v = number(2) else { return nil }; day = v
            case UInt8(ascii: "H"), UInt8(ascii: "I"): guard let v = number(2) else { return nil }; hour = v
            case UInt8(ascii: "M"): guard let v = number(2) else { return nil }; minute = v
            case UInt8(ascii: "S"): guard let v = number(2) else { return nil }; second = v
            case UInt8(ascii: "f"):
                var scale: Int64 = 100_000
                let start = i
                while i < n && isDigit(b[i]) { micros += Int64(b[i] - 0x30) * scale; scale /= 10; i += 1 }
                if i == start { return nil }
            case UInt8(ascii: "b"), UInt8(ascii: "B"):
                guard let (m, length) = monthName(b, at: i) else { return nil }
                month = m; i += length
            case UInt8(ascii: "a"), UInt8(ascii: "A"):
                // The weekday says nothing the date does not: read past, not checked.
                guard let length = weekdayName(b, at: i) else { return nil }
                i += length
            case UInt8(ascii: "p"):
                guard i + 2 <= n else { return nil }
                let word = String(decoding: UnsafeRawBufferPointer(rebasing: b[i..<(i + 2)]), as: UTF8.self).uppercased()
                guard word == "AM" || word == "PM" else { return nil }
                pm = word == "PM"; i += 2
            case UInt8(ascii: "z"):
                guard i < n else { return nil }
                if b[i] == 0x5a { zoneSeconds = 0; i += 1; break }
                // RFC 1123 (HTTP dates, e-mail): "GMT"; also "UTC".
                if i + 3 <= n, (b[i], b[i + 1], b[i + 2]) == (0x47, 0x4d, 0x54) || (b[i], b[i + 1], b[i + 2]) == (0x55, 0x54, 0x43) {
                    zoneSeconds = 0; i += 3; break
                }
                guard b[i] == 0x2b || b[i] == 0x2d else { return nil }
                let sign: Int64 = b[i] == 0x2b ? 1 : -1
                i += 1
                guard let h = digits(b, i, 2) else { return nil }
                i += 2
                if i < n && b[i] == 0x3a { i += 1 }
                var m = 0
                if let mm = digits(b, i, 2) { m = mm; i += 2 }
                zoneSeconds = sign * Int64(h * 3600 + m * 60)
            case UInt8(ascii: "%"):
                guard i < n, b[i] == 0x25 else { return nil }
                i += 1
            default: return nil
            }
        }
        guard i == n else { return nil }
        year += parser.yearOffset
        if let pm {
            guard (1...12).contains(hour) else { return nil }
            hour = hour % 12 + (pm ? 12 : 0)
        }
        guard (1...12).contains(month), day >= 1, day <= daysInMonth(year, month),
              hour <= 24, minute <= 59, second <= 60 else { return nil }
        let local = daysFromCivil(year, month, day) * 86_400_000_000
            + Int64(hour * 3600 + minute * 60 + second) * 1_000_000 + micros
        if let zoneSeconds { return local - zoneSeconds * 1_000_000 }
        return parser.localToUTC(local)
    }
}

/// English month names, full, as lowercase bytes; the first three letters are the abbreviation.
private let monthNames: [[UInt8]] = ["january", "february", "march", "april", "may", "june", "july", "august",
                                     "september", "october", "november", "december"].map { Array($0.utf8) }

/// The month (1…12) whose English name, full or abbreviated to three letters (`Sept` too),
/// starts at `b[i]`, any case, and how many bytes it takes; the full name wins.
func monthName(_ b: UnsafeRawBufferPointer, at i: Int) -> (month: Int, length: Int)? {
    guard let (index, length) = englishName(monthNames, b, at: i) else { return nil }
    if index == 8 && length == 3 && i + 3 < b.count && b[i + 3] | 0x20 == UInt8(ascii: "t") { return (9, 4) }
    return (index + 1, length)
}

/// Which of `names` (lowercase bytes), full or abbreviated to its first three letters, starts
/// at `b[i]`, any case, and how many bytes it takes; the full name wins.
private func englishName(_ names: [[UInt8]], _ b: UnsafeRawBufferPointer, at i: Int) -> (index: Int, length: Int)? {
    @inline(__always) func lower(_ k: Int) -> UInt8? { k < b.count ? b[k] | 0x20 : nil }
    guard i + 3 <= b.count else { return nil }
    for (index, name) in names.enumerated() where lower(i) == name[0] && lower(i + 1) == name[1] && lower(i + 2) == name[2] {
        var full = true
        for k in 3..<name.count where lower(i + k) != name[k] { full = false; break }
        return (index, full ? name.count : 3)
    }
    return nil
}

/// English weekday names, full, as lowercase bytes; the first three letters are the abbreviation.
private let weekdayNames: [[UInt8]] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    .map { Array($0.utf8) }

/// How many bytes the English weekday name (full or abbreviated to three letters, any case)
/// starting at `b[i]` takes, or nil; the full name wins.
func weekdayName(_ b: UnsafeRawBufferPointer, at i: Int) -> Int? {
    englishName(weekdayNames, b, at: i)?.length
}
