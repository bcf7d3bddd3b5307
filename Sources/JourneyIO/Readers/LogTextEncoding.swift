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
        if requested == nil, let head = plainHead { return marked(head) }
        return nil
    }

    /// UTF-32 or UTF-16 when `head` starts with one's byte order mark (iconv reads the mark).
    static func marked(_ head: [UInt8]) -> String? {
        if head.starts(with: [0xFF, 0xFE, 0, 0]) || head.starts(with: [0, 0, 0xFE, 0xFF]) { return "UTF-32" }
        return startsWithUTF16Mark(head) ? "UTF-16" : nil
    }

    /// Whether the uncompressed file at `path` starts with a UTF-16 or UTF-32 byte order mark
    /// (`openLogSource` then converts it without being asked: `FileHead` holds converted text).
    public static func plainFileIsMarked(path: String) -> Bool {
        // One read of the first bytes for both questions (`LogCompression(path:)` would read them again).
        guard LogCompression(name: path) == nil, var file = try? FileByteSource(path: path),
              let head = try? LogCompression.head(&file), LogCompression(magic: head) == .none else { return false }
        return marked(head) != nil
    }

    /// Whether the file at `path` is read through a conversion (so not mapped or cut into
    /// byte ranges as UTF-8 text is): from another encoding, or from CR line ends
    /// (`CarriageReturnLineEnds`).
    public static func convertsFile(path: String, requested: String?) -> Bool {
        if let requested, !namesUTF8(requested) { return true }
        return (requested == nil && plainFileIsMarked(path: path)) || CarriageReturnLineEnds.plainFile(path: path)
    }

    /// Whether this system's iconv converts from `name` (`iconv -l` lists the names).
    public static func isKnown(_ name: String) -> Bool {
        guard let cd = iconv_open("UTF-8", iconvName(name)), cd != iconv_t(bitPattern: -1) else { return false }
        iconv_close(cd)
        return true
    }

    /// Whether the first bytes of a file said to be in `claimed` are UTF-8 text instead, which
    /// converting would garble silently (UTF-8 Thai read as Windows-874 is valid Thai letters):
    /// valid UTF-8 with at least 16 characters beyond ASCII (a Windows-874 word or two can be
    /// valid UTF-8 by chance: ลด is C5 B4), or for UTF-16 and UTF-32 valid UTF-8 without a NUL
    /// byte (their line breaks, commas and digits have one). The bytes are cut after their last
    /// line break, else before a character the chunk ends inside.
    static func alreadyUTF8(_ bytes: UnsafeRawBufferPointer, claimed: String) -> Bool {
        guard !bytes.isEmpty else { return false }
        var end = bytes.lastIndex(of: 0x0A).map { $0 + 1 } ?? bytes.count
        if end == bytes.count, let lead = (max(0, end - 4)..<end).last(where: { bytes[$0] >= 0xC0 }) {
            let length = bytes[lead] >= 0xF0 ? 4 : bytes[lead] >= 0xE0 ? 3 : 2
            if lead + length > end { end = lead }
        }
        let text = UnsafeRawBufferPointer(rebasing: bytes[..<end])
        switch TextEncodingCheck.kind(text) {
        case .invalid: return false
        case .utf8: return isWide(claimed) ? !text.contains(0) : text.reduce(0) { $0 + ($1 >= 0xC0 ? 1 : 0) } >= 16
        case .ascii: return isWide(claimed) && !text.contains(0)
        }
    }

    /// UTF-16 or UTF-32 (UCS-2, UCS-4), whose every character takes two or four bytes.
    public static func isWide(_ name: String) -> Bool { codeUnitBytes(name) > 1 }

    /// Bytes per code unit: 4 for UTF-32 and UCS-4, 2 for UTF-16, UCS-2 and UNICODE(LITTLE|BIG), else 1.
    static func codeUnitBytes(_ name: String) -> Int {
        let n = key(name)
        if n.hasPrefix("UTF32") || n.hasPrefix("UCS4") { return 4 }
        return n.hasPrefix("UTF16") || n.hasPrefix("UCS2") || n.hasPrefix("UNICODE") ? 2 : 1
    }

    /// An encoding's name as the checks here compare it: upper case, without - and _.
    private static func key(_ name: String) -> String {
        name.uppercased().filter { $0 != "-" && $0 != "_" }
    }

    /// The name iconv is asked for: Thai users say TIS-620 (or ISO-8859-11) for the Thai
    /// encoding, and their Excel files are Windows-874, which adds Windows' punctuation and the
    /// no-break space (A0) that glibc's TIS-620 refuses (a real Thai export's header had one):
    /// every TIS-620 byte means the same in Windows-874, so those names read as Windows-874.
    static func iconvName(_ name: String) -> String {
        let n = key(name).filter { $0 != "." }  // TIS620.2533-0
        return n.hasPrefix("TIS620") || n == "ISO885911" || n == "ISO885911:2001" ? "WINDOWS-874" : name
    }

    /// UTF-8 by any of its usual names (utf-8, UTF8, utf_8).
    public static func namesUTF8(_ name: String) -> Bool {
        key(name) == "UTF8"
    }

    static func startsWithUTF16Mark(_ head: [UInt8]) -> Bool {
        head.count >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF))
    }
}
