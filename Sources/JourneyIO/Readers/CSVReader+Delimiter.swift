@_spi(JourneyIO) import JourneyCore
extension CSVReader {
    /// Delimiters tried when none is given, in the order that breaks ties.
    static let delimiterCandidates: [UInt8] = [0x2c, 0x3b, 0x09, 0x7c]  // , ; tab |

    /// Where the header line ends: the offset just past the first LF outside quotes, or nil
    /// when `b[start..<end]` holds no complete line yet.
    /// Refuses a file whose lines end with CR alone (classic Mac OS): its header line would
    /// run on through every row. A CR outside quotes followed by anything but LF in the header
    /// line gives it away (CRLF files and CRs inside quoted names are fine).
    static func refuseCarriageReturnLineEnds(_ b: UnsafePointer<UInt8>, start: Int, end: Int, file: String, line: Int) throws {
        var inQuotes = false
        var p = start
        while p + 1 < end {
            let c = b[p]
            if c == 0x22 { inQuotes.toggle() } else if c == 0x0d && !inQuotes && b[p + 1] != 0x0a {
                // UTF-16 without a byte order mark: CR 00 LF 00 (or 00 CR 00 LF): a NUL beside the CR.
                if b[p + 1] == 0 || (p > start && b[p - 1] == 0), let e = utf16WithoutMark(b, start: start, end: end, file: file, line: line) { throw e }
                throw InputError(file: file, line: line, message: "the lines end with CR alone (old Mac line ends), "
                    + "so the header never ends; expected LF or CRLF: convert it, e.g. tr '\\r' '\\n' < \(file) > fixed.csv")
            }
            p += 1
        }
    }

    /// The error for a header that looks like UTF-16 without a byte order mark (a NUL beside
    /// most of its bytes, as ASCII letters have in UTF-16): the `--encoding` that reads it.
    static func utf16WithoutMark(_ b: UnsafePointer<UInt8>, start: Int, end: Int, file: String, line: Int) -> InputError? {
        let n = min(end - start, 512)
        guard n >= 4 else { return nil }
        var evenNuls = 0, oddNuls = 0
        for k in 0..<n where b[start + k] == 0 { if k % 2 == 0 { evenNuls += 1 } else { oddNuls += 1 } }
        guard max(evenNuls, oddNuls) * 4 >= n else { return nil }
        return InputError(file: file, line: line, message: "the file looks like UTF-16 without a byte order mark (a NUL byte "
            + "beside each letter); give --encoding \(oddNuls >= evenNuls ? "utf-16le" : "utf-16be") to read it")
    }

    /// A comment line above the header: `#` first and none of the delimiters (Google
    /// Analytics' exports open with `# ----`, `# All Web Site Data`, `# 20230101-20230131`).
    /// A header naming a column `#` (`#,name,…`) has a delimiter, and stays the header.
    static func isPreambleComment(_ b: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        guard start < end, b[start] == 0x23 else { return false }
        for p in start..<end where delimiterCandidates.contains(b[p]) { return false }
        return true
    }

    static func headerLineEnd(_ b: UnsafePointer<UInt8>, start: Int, end: Int) -> Int? {
        var inQuotes = false
        var p = start
        while p < end {
            let c = b[p]
            if c == 0x22 { inQuotes.toggle() } else if c == 0x0a && !inQuotes { return p + 1 }
            p += 1
        }
        return nil
    }

    /// The most frequent of `,` `;` tab `|` outside quotes in the header line; `,` when none
    /// occurs (a one-column file, which column resolution then reports).
    static func detectDelimiter(_ b: UnsafePointer<UInt8>, start: Int, end: Int) -> UInt8 {
        var counts = [Int](repeating: 0, count: delimiterCandidates.count)
        var inQuotes = false
        for p in start..<end {
            let c = b[p]
            if c == 0x22 { inQuotes.toggle(); continue }
            if inQuotes { continue }
            if let k = delimiterCandidates.firstIndex(of: c) { counts[k] += 1 }
        }
        var best = 0
        for k in counts.indices where counts[k] > counts[best] { best = k }
        return delimiterCandidates[best]
    }

    /// A byte as a user would type it in an error message.
    static func describe(_ byte: UInt8) -> String {
        switch byte {
        case 0x09: return "tab"
        case 0x20..<0x7f: return "'\(Character(Unicode.Scalar(byte)))'"
        default: return "byte 0x\(String(byte, radix: 16))"
        }
    }
}
