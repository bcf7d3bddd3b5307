#if canImport(Glibc)
import Glibc
#endif

/// Which text encoding a log is converted from, if any: the one given (`--encoding`, unless it
/// names UTF-8), else UTF-16 when an uncompressed file starts with UTF-16's byte order mark
/// (Excel's "Unicode text" export), which no UTF-8 text does.
public enum LogTextEncoding {
    /// The encoding to convert from, given the one asked for and the first bytes of an
    /// uncompressed file (nil for a compressed one: its text is not sniffed); nil reads UTF-8.
    public static func conversion(requested: String?, plainHead: [UInt8]?) -> String? {
        if let requested, !namesUTF8(requested) { return requested }
        if requested == nil, let head = plainHead, startsWithUTF16Mark(head) { return "UTF-16" }
        return nil
    }

    /// Whether the file at `path` is read through a conversion (so not mapped or cut into
    /// byte ranges as UTF-8 text is).
    public static func convertsFile(path: String, requested: String?) -> Bool {
        if let requested { return !namesUTF8(requested) }
        guard LogCompression(path: path) == .none, var file = try? FileByteSource(path: path),
              let head = try? LogCompression.head(&file) else { return false }
        return startsWithUTF16Mark(head)
    }

    /// Whether this system's iconv converts from `name` (`iconv -l` lists the names).
    public static func isKnown(_ name: String) -> Bool {
        guard let cd = iconv_open("UTF-8", iconvName(name)), cd != iconv_t(bitPattern: -1) else { return false }
        iconv_close(cd)
        return true
    }

    /// Whether the first bytes of a file said to be in `claimed` are UTF-8 text instead, which
    /// converting would garble silently (UTF-8 Thai read as Windows-874 is valid Thai letters):
    /// valid UTF-8 beyond ASCII, or for UTF-16 and UTF-32 valid UTF-8 without a NUL byte (their
    /// line breaks, commas and digits have one). The bytes are cut after their last line break.
    static func alreadyUTF8(_ bytes: UnsafeRawBufferPointer, claimed: String) -> Bool {
        let end = bytes.lastIndex(of: 0x0A).map { $0 + 1 } ?? bytes.count
        let text = UnsafeRawBufferPointer(rebasing: bytes[..<end])
        switch TextEncodingCheck.kind(text) {
        case .invalid: return false
        case .utf8: return true
        case .ascii: return isWide(claimed) && !text.contains(0)
        }
    }

    /// UTF-16 or UTF-32 (UCS-2, UCS-4), whose every character takes two or four bytes.
    static func isWide(_ name: String) -> Bool {
        let n = name.uppercased().filter { $0 != "-" && $0 != "_" }
        return n.hasPrefix("UTF16") || n.hasPrefix("UTF32") || n.hasPrefix("UCS2") || n.hasPrefix("UCS4") || n == "UNICODE"
    }

    /// The name iconv is asked for: Thai users say TIS-620 (or ISO-8859-11) for the Thai
    /// encoding, and their Excel files are Windows-874, which adds Windows' punctuation and the
    /// no-break space (A0) that glibc's TIS-620 refuses (a real Thai export's header had one):
    /// every TIS-620 byte means the same in Windows-874, so those names read as Windows-874.
    static func iconvName(_ name: String) -> String {
        let n = name.uppercased().filter { $0 != "-" && $0 != "_" && $0 != "." }
        return n.hasPrefix("TIS620") || n == "ISO885911" || n == "ISO885911:2001" ? "WINDOWS-874" : name
    }

    /// UTF-8 by any of its usual names (utf-8, UTF8, utf_8).
    public static func namesUTF8(_ name: String) -> Bool {
        name.lowercased().filter { $0 != "-" && $0 != "_" } == "utf8"
    }

    static func startsWithUTF16Mark(_ head: [UInt8]) -> Bool {
        head.count >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF))
    }
}
