/// Names must be UTF-8. Text saved in another encoding — a Thai Excel export in Windows-874
/// (TIS-620), a Western one in Windows-1252 — decoded as UTF-8 turns into U+FFFD marks, and
/// different names can turn into the same marks and be counted as one. The readers check
/// each new activity and channel name (where their caches miss, so a few names per log) and
/// the CSV header, and stop with the encoding the bytes look like and how to convert them.
enum TextEncodingCheck {
    /// Whether `bytes` are valid UTF-8 (ASCII, eight bytes at a time, without decoding).
    static func isUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var i = 0
        let n = bytes.count
        while i + 8 <= n {
            if bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { break }
            i += 8
        }
        while i < n && bytes[i] < 0x80 { i += 1 }
        if i == n { return true }
        return String(validating: bytes[i...], as: UTF8.self) != nil
    }

    /// An encoding that single-byte text in another code page most likely is.
    enum Guess: Equatable {
        /// Windows-874 / TIS-620 (Thai): most bytes above 0x7F are Thai letters.
        case thai
        /// Windows-1252 (Western European).
        case western

        /// `iconv`'s name of the encoding.
        var iconvName: String { self == .thai ? "CP874" : "WINDOWS-1252" }
        var description: String {
            self == .thai ? "Thai in Windows-874 (TIS-620), as Excel and older Thai systems save it"
                : "Windows-1252 (Western European), as Excel saves it on such systems"
        }
    }

    /// The encoding the bytes of an invalid UTF-8 value look like: Thai when at least four in
    /// five of its bytes above 0x7F are Thai letters, vowels or digits of TIS-620
    /// (0xA1–0xDA, 0xDF–0xFB) and some come two or more in a row (Thai words are written
    /// without spaces, letter after letter; a Western accented letter sits between ASCII
    /// ones, as the 0xE9 of "Caf\u{E9}"), else Western.
    static func guess(_ bytes: UnsafeRawBufferPointer) -> Guess {
        var high = 0, thai = 0, run = 0, longestRun = 0
        for b in bytes {
            guard b >= 0x80 else { run = 0; continue }
            high += 1
            run += 1
            longestRun = max(longestRun, run)
            if (0xA1...0xDA).contains(b) || (0xDF...0xFB).contains(b) { thai += 1 }
        }
        return longestRun >= 2 && thai * 5 >= high * 4 ? .thai : .western
    }

    /// `bytes` read in `encoding` (for showing what the value says).
    static func decode(_ bytes: UnsafeRawBufferPointer, as encoding: Guess) -> String {
        var scalars = String.UnicodeScalarView()
        for b in bytes {
            let value: UInt32
            switch (encoding, b) {
            case (_, 0..<0x80): value = UInt32(b)
            case (.thai, 0xA1...0xFB): value = UInt32(b) + 0x0E01 - 0xA1  // TIS-620 is Unicode's Thai block, in order
            case (.thai, 0xA0): value = 0xA0
            case (.western, 0xA0...0xFF): value = UInt32(b)  // Latin-1's upper half
            case (.western, 0x80...0x9F): value = windows1252[Int(b - 0x80)]
            default: value = 0xFFFD
            }
            scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        }
        return String(scalars)
    }

    /// Windows-1252's 0x80–0x9F (unassigned ones as U+FFFD).
    private static let windows1252: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ]

    /// The error for `bytes` (not UTF-8) found as `what` ("the activity", "column name 3") of
    /// `file`: its first bytes, what they read as in the encoding they look like, and the
    /// `iconv` command that converts the file.
    static func message(_ bytes: UnsafeRawBufferPointer, what: String, file: String) -> String {
        let encoding = guess(bytes)
        let shown = bytes.prefix(12).map { String($0, radix: 16, uppercase: true) }.joined(separator: " ")
            + (bytes.count > 12 ? " …" : "")
        var reads = decode(UnsafeRawBufferPointer(rebasing: bytes.prefix(120)), as: encoding)
        if bytes.count > 120 { reads += "…" }
        let iconv = "iconv -f \(encoding.iconvName) -t UTF-8"
        let lower = file.lowercased()
        let convert = lower.hasSuffix(".gz") ? "gzip -dc \(shellWord(file)) | \(iconv)"
            : lower.hasSuffix(".zst") ? "zstd -dc \(shellWord(file)) | \(iconv)"
            : "\(iconv) \(shellWord(file))"
        return "\(what) is not UTF-8 text (bytes \(shown)); it looks like \(encoding.description), where it reads \"\(reads)\". "
            + "journeymap reads UTF-8: convert the file first, e.g. \(convert) > \(shellWord(utf8Name(file)))"
    }

    /// Where the converted copy of `file` could go: `name-utf8.ext` beside it (uncompressed:
    /// `log.csv.gz` → `log-utf8.csv`).
    static func utf8Name(_ file: String) -> String {
        var file = file
        for suffix in [".gz", ".zst"] where file.lowercased().hasSuffix(suffix) { file.removeLast(suffix.count) }
        let slash = file.lastIndex(of: "/").map { file.index(after: $0) } ?? file.startIndex
        guard let dot = file[slash...].lastIndex(of: "."), dot > slash else { return file + "-utf8" }
        return String(file[..<dot]) + "-utf8" + String(file[dot...])
    }

    /// `s` as one shell word: as it is when made of safe characters, else in single quotes.
    static func shellWord(_ s: String) -> String {
        let safe = s.unicodeScalars.allSatisfy { c in
            c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c) || "._/+-=:,@%".unicodeScalars.contains(c))
        }
        return safe && !s.isEmpty ? s : "'" + s.map { $0 == "'" ? "'\\''" : String($0) }.joined() + "'"
    }
}
