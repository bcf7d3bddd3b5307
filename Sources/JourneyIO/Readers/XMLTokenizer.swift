@_spi(JourneyIO) import JourneyCore
/// A small streaming XML tokenizer on bytes, enough for XES: it reports start and end tags
/// with their attributes and skips text, comments, processing instructions, CDATA and the
/// DOCTYPE.
///
/// Safety by construction: no entity is ever resolved beyond the five predefined ones and
/// numeric character references; a `<!ENTITY` declaration is refused with an `InputError`
/// (so "billion laughs" and external-entity files fail at once), and elements nested deeper
/// than `maxDepth` are refused too. Why not Foundation's `XMLParser`: it is slow, and it
/// resolves entities.
struct XMLTokenizer: ~Copyable {
    enum Token {
        /// A start tag; `name` and the attributes describe it. `selfClosing` for `<x/>`.
        case start(selfClosing: Bool)
        /// An end tag (or the end of a self-closing one is not reported separately).
        case end
        case endOfInput
    }

    static let maxDepth = 256

    private var buffer: ReadBuffer
    private var pos = 0
    private var started = false
    let file: String
    /// Line of `pos` (1-based).
    private var line = 1
    /// Line where the last token started, for errors.
    private(set) var tokenLine = 1

    /// The last start or end tag's name: `buffer.base[nameStart..<nameEnd]`.
    private var nameStart = 0, nameEnd = 0
    /// Attributes of the last start tag: name and raw value offsets, and whether the value
    /// needs decoding (entities, or tabs/newlines to normalize).
    private var attributeCount = 0
    private var attrNameStart: [Int] = [], attrNameEnd: [Int] = []
    private var attrValueStart: [Int] = [], attrValueEnd: [Int] = []
    private var attrNeedsDecode: [Bool] = []
    /// Decoded attribute values of the current tag; sized to the tag before any is decoded,
    /// so earlier slices stay valid (a decoded value is never longer than its source).
    private var scratch: UnsafeMutablePointer<UInt8>
    private var scratchCapacity = 1024
    private var scratchUsed = 0
    private var tagLength = 0

    /// Open elements: names back to back in `openNames`, with where each starts and its line.
    private var openNames: [UInt8] = []
    private var openStarts: [Int] = []
    private var openLines: [Int] = []

    init(chunkSize: Int, file: String, maxRecordBytes: Int = ReadOptions.defaultMaxRecordBytes) {
        buffer = ReadBuffer(chunkSize: chunkSize, maxRecordBytes: maxRecordBytes)
        self.file = file
        scratch = .allocate(capacity: scratchCapacity)
    }

    deinit { scratch.deallocate() }

    /// Number of open elements.
    var depth: Int { openStarts.count }

    func error(_ message: String, line: Int? = nil) -> InputError {
        InputError(file: file, line: line ?? tokenLine, message: message)
    }

    /// The current tag's name.
    var name: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: buffer.base + nameStart, count: nameEnd - nameStart)
    }

    /// True when the current tag's name is `s`.
    func nameIs(_ s: StaticString) -> Bool {
        nameEnd - nameStart == s.utf8CodeUnitCount && memEqual(buffer.base + nameStart, s.utf8Start, nameEnd - nameStart)
    }

    /// Index of the attribute called `s` in the current start tag.
    func attributeIndex(_ s: StaticString) -> Int? {
        for i in 0..<attributeCount {
            let n = attrNameEnd[i] - attrNameStart[i]
            if n == s.utf8CodeUnitCount && memEqual(buffer.base + attrNameStart[i], s.utf8Start, n) { return i }
        }
        return nil
    }

    /// The value of attribute `i`, entities decoded; valid until the next token.
    mutating func attributeValue(_ i: Int) throws -> UnsafeRawBufferPointer {
        let s = attrValueStart[i], e = attrValueEnd[i]
        if !attrNeedsDecode[i] { return UnsafeRawBufferPointer(start: buffer.base + s, count: e - s) }
        if scratchUsed == 0 && tagLength > scratchCapacity {
            scratch.deallocate()
            while scratchCapacity < tagLength { scratchCapacity *= 2 }
            scratch = .allocate(capacity: scratchCapacity)
        }
        let start = scratchUsed
        try decodeAttribute(buffer.base, s, e)
        return UnsafeRawBufferPointer(start: scratch + start, count: scratchUsed - start)
    }

    /// The next tag. Text, comments, PIs, CDATA and the DOCTYPE are skipped.
    mutating func next<S: ByteSource>(_ source: inout S) throws -> Token {
        if !started {
            started = true
            while buffer.end < 3, try buffer.refill(&source, keepingFrom: 0) {}
            let b = buffer.base
            if buffer.end >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf { pos = 3 }
        }
        scratchUsed = 0
        while true {
            // Text up to the next '<', counting lines; it need not be in the buffer at once.
            var b = buffer.base
            while pos < buffer.end && b[pos] != 0x3c {
                if b[pos] == 0x0a { line += 1 }
                pos += 1
            }
            if pos >= buffer.end {
                if try buffer.refill(&source, keepingFrom: pos) { pos = 0; continue }
                if let top = openLines.last {
                    throw error("unexpected end of file: <\(openName(openStarts.count - 1))> opened on line \(top) is not closed", line: line)
                }
                return .endOfInput
            }
            // Markup at pos: find its end, refilling while it is incomplete.
            tokenLine = line
            while true {
                b = buffer.base
                if let token = try markup(b, pos, buffer.end) {
                    if case .skip = token { break }
                    return token.token!
                }
                guard try buffer.refill(&source, keepingFrom: pos, line: tokenLine) else {
                    throw error("unexpected end of file inside markup that starts here")
                }
                pos = 0
            }
        }
    }

    /// The outcome of looking at markup: a token, something skipped, or nil for "incomplete".
    private enum Markup {
        case token(Token)
        case skip
        var token: Token? { if case .token(let t) = self { return t } else { return nil } }
    }

    /// Reads the markup at `b[start]` (a '<') if it is complete before `end`; advances `pos`.
    private mutating func markup(_ b: UnsafePointer<UInt8>, _ start: Int, _ end: Int) throws -> Markup? {
        guard start + 1 < end else { return nil }
        let c = b[start + 1]
        if c == 0x3f {  // <? ... ?>
            guard let e = find(b, start + 2, end, "?>") else { return nil }
            return consume(b, start, e + 2, .skip)
        }
        if c == 0x21 {  // <!
            if hasPrefix(b, start, end, "<!--") {
                guard let e = find(b, start + 4, end, "-->") else { return nil }
                return consume(b, start, e + 3, .skip)
            }
            if hasPrefix(b, start, end, "<![CDATA[") {
                guard let e = find(b, start + 9, end, "]]>") else { return nil }
                return consume(b, start, e + 3, .skip)
            }
            if hasPrefix(b, start, end, "<!DOCTYPE") {
                guard let e = try doctypeEnd(b, start + 9, end) else { return nil }
                return consume(b, start, e + 1, .skip)
            }
            if hasPrefix(b, start, end, "<!ENTITY") { throw entityRefused() }
            if end - start < 9 { return nil }
            throw error("unknown markup starting with '<!' (expected a comment, CDATA or DOCTYPE)")
        }
        if c == 0x2f {  // </name>
            var p = start + 2
            let ns = p
            while p < end && !isNameEnd(b[p]) { p += 1 }
            let ne = p
            while p < end && isSpace(b[p]) { p += 1 }
            guard p < end else { return nil }
            guard b[p] == 0x3e, ne > ns else { throw error("malformed end tag (expected </name>)") }
            nameStart = ns; nameEnd = ne
            guard let top = openStarts.last else {
                throw error("end tag </\(string(b, ns, ne))> without a matching start tag")
            }
            let openCount = openNames.count - top
            guard openCount == ne - ns, openNames.withUnsafeBufferPointer({ memEqual($0.baseAddress! + top, b + ns, openCount) }) else {
                throw error("expected </\(openName(openStarts.count - 1))> (opened on line \(openLines.last!)), found </\(string(b, ns, ne))>")
            }
            openNames.removeSubrange(top...)
            openStarts.removeLast()
            openLines.removeLast()
            return consume(b, start, p + 1, .token(.end))
        }
        return try startTag(b, start, end)
    }

    private mutating func startTag(_ b: UnsafePointer<UInt8>, _ start: Int, _ end: Int) throws -> Markup? {
        var p = start + 1
        let ns = p
        while p < end && !isNameEnd(b[p]) { p += 1 }
        let ne = p
        guard p < end else { return nil }
        guard ne > ns else { throw error("'<' not followed by a tag name (write &lt; for a literal '<')") }
        attributeCount = 0
        while true {
            while p < end && isSpace(b[p]) { p += 1 }
            guard p < end else { return nil }
            let c = b[p]
            if c == 0x3e || c == 0x2f {
                var selfClosing = false
                if c == 0x2f {
                    guard p + 1 < end else { return nil }
                    guard b[p + 1] == 0x3e else { throw error("expected '>' after '/' in a tag") }
                    selfClosing = true
                    p += 1
                }
                nameStart = ns; nameEnd = ne
                if !selfClosing {
                    guard openStarts.count < Self.maxDepth else {
                        throw error("elements nested deeper than \(Self.maxDepth) levels")
                    }
                    openStarts.append(openNames.count)
                    openNames.append(contentsOf: UnsafeBufferPointer(start: b + ns, count: ne - ns))
                    openLines.append(tokenLine)
                }
                tagLength = p + 1 - start
                return consume(b, start, p + 1, .token(.start(selfClosing: selfClosing)))
            }
            // name = "value" or name = 'value'
            let an = p
            while p < end && !isNameEnd(b[p]) && b[p] != 0x3d { p += 1 }
            let ae = p
            guard ae > an else { throw error("unexpected \(describe(b[p])) in <\(string(b, ns, ne))> (expected an attribute or '>')") }
            while p < end && isSpace(b[p]) { p += 1 }
            guard p < end else { return nil }
            guard b[p] == 0x3d else { throw error("expected '=' after attribute \(string(b, an, ae))") }
            p += 1
            while p < end && isSpace(b[p]) { p += 1 }
            guard p < end else { return nil }
            let quote = b[p]
            guard quote == 0x22 || quote == 0x27 else {
                throw error("attribute \(string(b, an, ae)) needs a quoted value")
            }
            p += 1
            let vs = p
            var decode = false
            while p < end && b[p] != quote {
                let v = b[p]
                if v == 0x26 || v == 0x09 || v == 0x0a || v == 0x0d { decode = true }
                if v == 0x3c { throw error("'<' inside the value of attribute \(string(b, an, ae)) (write &lt;)") }
                p += 1
            }
            guard p < end else { return nil }
            addAttribute(an, ae, vs, p, decode)
            p += 1
        }
    }

    private mutating func addAttribute(_ ns: Int, _ ne: Int, _ vs: Int, _ ve: Int, _ decode: Bool) {
        if attributeCount == attrNameStart.count {
            attrNameStart.append(0); attrNameEnd.append(0); attrValueStart.append(0); attrValueEnd.append(0)
            attrNeedsDecode.append(false)
        }
        let i = attributeCount
        attrNameStart[i] = ns; attrNameEnd[i] = ne; attrValueStart[i] = vs; attrValueEnd[i] = ve
        attrNeedsDecode[i] = decode
        attributeCount += 1
    }

    /// Moves `pos` past `b[start..<end]`, counting its lines.
    private mutating func consume(_ b: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ result: Markup) -> Markup {
        var i = start
        while i < end { if b[i] == 0x0a { line += 1 }; i += 1 }
        pos = end
        return result
    }

    /// The offset of the DOCTYPE's closing '>', skipping quoted strings and the internal
    /// subset; refuses entity declarations.
    private func doctypeEnd(_ b: UnsafePointer<UInt8>, _ start: Int, _ end: Int) throws -> Int? {
        var p = start
        var inSubset = false
        while p < end {
            let c = b[p]
            if c == 0x22 || c == 0x27 {
                p += 1
                while p < end && b[p] != c { p += 1 }
                if p >= end { return nil }
            } else if c == 0x5b {
                inSubset = true
            } else if c == 0x5d {
                inSubset = false
            } else if c == 0x3c && inSubset {
                if p + 8 > end { return nil }
                if hasPrefix(b, p, end, "<!ENTITY") { throw entityRefused() }
            } else if c == 0x3e && !inSubset {
                return p
            }
            p += 1
        }
        return nil
    }

    func entityRefused() -> InputError {
        error("the file declares an entity (<!ENTITY …>); entity declarations are refused: they can expand without bound or read other files. Remove the declaration")
    }

    /// Decodes `b[s..<e]` into `scratch`: entities and character references, and tabs and
    /// line breaks turned into spaces (XML attribute-value normalization).
    private mutating func decodeAttribute(_ b: UnsafePointer<UInt8>, _ s: Int, _ e: Int) throws {
        var p = s
        var utf8 = [UInt8](repeating: 0, count: 4)
        while p < e {
            let c = b[p]
            if c == 0x09 || c == 0x0a { put(0x20); p += 1; continue }
            if c == 0x0d {
                put(0x20)
                p += (p + 1 < e && b[p + 1] == 0x0a) ? 2 : 1
                continue
            }
            guard c == 0x26 else { put(c); p += 1; continue }
            var q = p + 1
            while q < e && b[q] != 0x3b && q - p < 12 { q += 1 }
            guard q < e && b[q] == 0x3b else { throw error("'&' in an attribute value that starts no entity (write &amp;)") }
            let ref = string(b, p + 1, q)
            switch ref {
            case "lt": put(0x3c)
            case "gt": put(0x3e)
            case "amp": put(0x26)
            case "quot": put(0x22)
            case "apos": put(0x27)
            default:
                guard ref.hasPrefix("#") else {
                    throw error("unknown entity &\(ref); (only &lt; &gt; &amp; &quot; &apos; and character references like &#233; are supported)")
                }
                let digits = ref.dropFirst()
                let value: UInt32? = digits.hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
                guard let value, value > 0, value <= 0x10ffff, !(0xd800...0xdfff).contains(value) else {
                    throw error("invalid character reference &\(ref);")
                }
                let n = utf8.withUnsafeMutableBufferPointer { encodeUTF8(value, $0.baseAddress!) }
                for k in 0..<n { put(utf8[k]) }
            }
            p = q + 1
        }
    }

    @inline(__always)
    private mutating func put(_ c: UInt8) {
        scratch[scratchUsed] = c
        scratchUsed += 1
    }

    private func openName(_ i: Int) -> String {
        let s = openStarts[i], e = i + 1 < openStarts.count ? openStarts[i + 1] : openNames.count
        return String(decoding: openNames[s..<e], as: UTF8.self)
    }
}

@inline(__always) private func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0a || c == 0x09 || c == 0x0d }
@inline(__always) private func isNameEnd(_ c: UInt8) -> Bool { isSpace(c) || c == 0x3e || c == 0x2f || c == 0x3d }

private func hasPrefix(_ b: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ s: StaticString) -> Bool {
    let n = s.utf8CodeUnitCount
    return start + n <= end && memEqual(b + start, s.utf8Start, n)
}

/// Offset of the first `s` in `b[start..<end]`, or nil.
private func find(_ b: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ s: StaticString) -> Int? {
    let n = s.utf8CodeUnitCount
    let first = s.utf8Start[0]
    var p = start
    while p + n <= end {
        if b[p] == first && memEqual(b + p, s.utf8Start, n) { return p }
        p += 1
    }
    return nil
}

private func string(_ b: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> String {
    String(decoding: UnsafeBufferPointer(start: b + s, count: max(0, e - s)), as: UTF8.self)
}

private func describe(_ c: UInt8) -> String {
    c >= 0x20 && c < 0x7f ? "'\(Character(Unicode.Scalar(c)))'" : "byte 0x\(String(c, radix: 16))"
}
