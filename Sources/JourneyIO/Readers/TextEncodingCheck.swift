@_spi(JourneyIO) import JourneyCore

/// Names must be UTF-8. Text saved in another encoding — a Thai Excel export in Windows-874
/// (TIS-620), a Western one in Windows-1252 — decoded as UTF-8 turns into U+FFFD marks, and
/// different names can turn into the same marks and be counted as one. The readers check
/// each new activity, channel and attribute value (where their caches miss, so a few per log)
/// and the header's names of the columns read, and stop with the encoding the bytes look like,
/// the `--encoding` that reads them (`TranscodingByteSource`) and how to convert them — or, when earlier names of the file were UTF-8 beyond ASCII, that
/// the file mixes encodings (converting it whole would spoil the rest).
enum TextEncodingCheck {
    enum Kind: Equatable { case ascii, utf8, invalid }

    /// ASCII (checked eight bytes at a time), other valid UTF-8, or not UTF-8.
    static func kind(_ bytes: UnsafeRawBufferPointer) -> Kind {
        var i = 0
        let n = bytes.count
        while i + 8 <= n {
            if bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { break }
            i += 8
        }
        while i < n && bytes[i] < 0x80 { i += 1 }
        if i == n { return .ascii }
        return String(validating: bytes[i...], as: UTF8.self) != nil ? .utf8 : .invalid
    }

    static func isUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool { kind(bytes) != .invalid }

    /// What the bytes of a value that is not UTF-8 most likely are.
    enum Guess: Equatable {
        /// Windows-874 / TIS-620 (Thai).
        case thai
        /// Windows-1252 (Western European).
        case western
        /// UTF-8 with characters beyond U+FFFF written as two encoded surrogates (CESU-8:
        /// Oracle's "UTF8", Java's modified UTF-8): not convertible by `iconv`.
        case cesu8
        /// Neither: another code page (Cyrillic, Chinese, Japanese…).
        case unknown

        var description: String {
            switch self {
            case .thai: "Thai in Windows-874 (TIS-620), as Excel and older Thai systems save it"
            case .western: "Windows-1252 (Western European), as Excel saves it on such systems"
            case .cesu8: "UTF-8 with emoji or other characters beyond U+FFFF written as two surrogates (CESU-8: Oracle's \"UTF8\", Java's modified UTF-8)"
            case .unknown: "another encoding (a Windows code page or a legacy Asian one)"
            }
        }
    }

    /// Thai consonants (ก–ฮ), after which the vowels and marks written above or below come.
    static func isThaiConsonant(_ b: UInt8) -> Bool { (0xA1...0xCE).contains(b) }
    /// Vowels and marks written above or below a consonant (ั ิ ี ึ ื ุ ู ฺ ็ ่ ้ ๊ ๋ ์ ํ ๎).
    static func isThaiMark(_ b: UInt8) -> Bool { b == 0xD1 || (0xD4...0xDA).contains(b) || (0xE7...0xEE).contains(b) }
    /// Letters, vowels, digits and signs of TIS-620 (0xA1–0xDA, 0xDF–0xFB).
    static func isThai(_ b: UInt8) -> Bool { (0xA1...0xDA).contains(b) || (0xDF...0xFB).contains(b) }
    /// Windows-874's punctuation in 0x80–0x9F and its no-break space: in Thai and Western text alike.
    static func isWindowsPunctuation(_ b: UInt8) -> Bool { b == 0x80 || b == 0x85 || (0x91...0x97).contains(b) || b == 0xA0 }

    /// The encoding the bytes of an invalid UTF-8 value look like. Thai: at least four in five
    /// of its bytes above 0x7F (Windows punctuation aside) are TIS-620's, some two or more in a
    /// row (Thai is written without spaces), and each mark follows a consonant or a mark (so
    /// Portuguese "ção", 0xE7 0xE3 after an "o", is not Thai). Western: accented letters
    /// between ASCII ones, at most two in a row. Encoded surrogates (0xED 0xA0–0xBF): CESU-8.
    static func guess(_ bytes: UnsafeRawBufferPointer) -> Guess {
        guess(bytes, strictMarks: true) ?? .western
    }

    /// `guess`, nil when every byte above 0x7F is punctuation Windows-874 and Windows-1252
    /// share (a lone no-break space, A0, in a Thai Excel header): nothing tells them apart.
    /// `strictMarks`: no Thai mark may follow anything but a consonant or mark (else a few in
    /// a hundred may: a sample of many values holds stray ones).
    static func guess(_ bytes: UnsafeRawBufferPointer, strictMarks: Bool) -> Guess? {
        for i in 0..<max(0, bytes.count - 1) where bytes[i] == 0xED && (0xA0...0xBF).contains(bytes[i + 1]) { return .cesu8 }
        var high = 0, thai = 0, run = 0, longestRun = 0, misplacedMarks = 0, rareWestern = 0
        var previous: UInt8 = 0
        for b in bytes {
            defer { previous = b }
            guard b >= 0x80, !isWindowsPunctuation(b) else { run = 0; continue }
            high += 1
            run += 1
            longestRun = max(longestRun, run)
            if isThai(b) { thai += 1 }
            if isThaiMark(b) && !isThaiConsonant(previous) && !isThaiMark(previous) { misplacedMarks += 1 }
            if b < 0xA0 && b != 0x99 { rareWestern += 1 }
        }
        guard high > 0 else { return nil }
        let marksFit = strictMarks ? misplacedMarks == 0 : misplacedMarks * 50 <= thai
        if longestRun >= 2 && thai * 5 >= high * 4 && marksFit { return .thai }
        // Windows-1252's 0x80–0x9F beyond its common punctuation (™ aside) are letters Western
        // text hardly has (Œ Ž ƒ ‚ ˜) or undefined, and Shift-JIS lead bytes: "年月日" reads
        // "”NŒŽ“ú", "購" has 0x8D.
        return longestRun <= 2 && rareWestern == 0 ? .western : .unknown
    }

    /// What the bytes of `value` are, judged by the file's first bytes when the value alone
    /// cannot tell (`guess(_:strictMarks:)` nil): those of an uncompressed `file`, else unknown.
    static func guess(_ value: UnsafeRawBufferPointer, file: String) -> Guess {
        if let judged = guess(value, strictMarks: true) { return judged }
        guard LogCompression(path: file) == .none, var source = try? FileByteSource(path: file) else { return .unknown }
        var head = [UInt8](repeating: 0, count: 1 << 16)
        let n = (try? head.withUnsafeMutableBytes { try source.read(into: $0) }) ?? 0
        return head.withUnsafeBytes { guess(UnsafeRawBufferPointer(rebasing: $0[..<n]), strictMarks: false) } ?? .unknown
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
            case (.thai, 0x80...0x9F), (.western, 0x80...0x9F): value = windows1252[Int(b - 0x80)]  // 874 shares these
            case (.western, 0xA0...0xFF): value = UInt32(b)  // Latin-1's upper half
            default: value = 0xFFFD
            }
            scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        }
        return String(scalars)
    }

    /// Windows-1252's 0x80–0x9F (unassigned ones as U+FFFD); Windows-874 has its 0x80, 0x85
    /// and 0x91–0x97 (the guesses above read other bytes there as neither).
    private static let windows1252: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ]

    /// The error for `bytes` (not UTF-8) found as `what` ("the activity", "column name 3") of
    /// `file`: the bytes around the first one above 0x7F, what the value reads as in the
    /// encoding it looks like, the `--encoding` that reads it and the `iconv` command that converts the file. `mixedWith`: a
    /// name beyond ASCII of the same file that read as UTF-8; then the file mixes encodings.
    static func message(_ bytes: UnsafeRawBufferPointer, what: String, file: String, mixedWith utf8Name: String? = nil) -> String {
        let first = bytes.firstIndex { $0 >= 0x80 } ?? 0
        let from = max(0, first - 2), to = min(bytes.count, from + 12)
        let shown = (from > 0 ? "… " : "") + bytes[from..<to].map(hex).joined(separator: " ")
            + (to < bytes.count ? " …" : "")
        let head = "\(what) is not UTF-8 text (bytes \(shown))"
        let encoding = guess(bytes, file: file)
        if let utf8Name {
            return head + "; the file's names before it are UTF-8 (\"\(utf8Name.prefix(40))\"), so it mixes encodings and converting it whole "
                + "would spoil those: correct this row (\(encoding == .unknown ? "another encoding" : "it looks like \(encoding.description)")), "
                + "or leave such rows out with --on-error skip"
        }
        switch encoding {
        case .cesu8:
            return head + "; it looks like \(encoding.description): export the data again as UTF-8 (Oracle: AL32UTF8), "
                + "or leave such rows out with --on-error skip"
        case .unknown:
            return head + "; it is in \(encoding.description). journeymap reads UTF-8: give the file's encoding with --encoding "
                + "ENCODING (windows-874 Thai, windows-1252 Western European, cp1251 Cyrillic, gbk Chinese, shift_jis Japanese; "
                + "iconv -l lists them), or convert the file first, e.g. \(convertCommand(file, from: "ENCODING"))"
        case .thai, .western:
            var reads = decode(UnsafeRawBufferPointer(rebasing: bytes.prefix(120)), as: encoding)
            if bytes.count > 120 { reads += "…" }
            return head + "; it looks like \(encoding.description), where it reads \"\(reads)\". "
                + "journeymap reads UTF-8: give --encoding \(encoding == .thai ? "windows-874" : "windows-1252") to read it as it is, "
                + "or convert the file first, e.g. \(convertCommand(file, from: encoding == .thai ? "CP874" : "WINDOWS-1252"))"
        }
    }

    /// A byte as two hexadecimal digits (0A, C5).
    static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return digits.count == 1 ? "0" + digits : digits
    }

    /// The error for column `index` (from 0) of a header on `line` when its name is not UTF-8;
    /// nil when it is.
    static func columnNameError(_ bytes: UnsafeRawBufferPointer, index: Int, file: String, line: Int, byteOffset: Int? = nil) -> InputError? {
        guard kind(bytes) == .invalid else { return nil }
        return InputError(file: file, line: line, byteOffset: byteOffset, message: message(bytes, what: "column name \(index + 1)", file: file))
    }

    /// `iconv` from `encoding` to UTF-8 of `file` into `utf8Name(file)`, decompressing first
    /// when the file is gzip or zstd (`LogCompression`: by its name or first bytes, as the readers decide).
    static func convertCommand(_ file: String, from encoding: String) -> String {
        let iconv = "iconv -f \(encoding) -t UTF-8"
        let convert: String
        switch LogCompression(path: file) {
        case .gzip: convert = "gzip -dc \(shellWord(file)) | \(iconv)"
        case .zstd: convert = "zstd -dc \(shellWord(file)) | \(iconv)"
        case .none: convert = "\(iconv) \(shellWord(file))"
        }
        return "\(convert) > \(shellWord(utf8Name(file)))"
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
