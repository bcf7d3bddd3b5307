@_spi(JourneyIO) import JourneyCore
/// A byte-level JSON scanner that pulls a few dotted paths (`properties.distinct_id`) out of
/// one object, validating the whole text but building nothing for values nobody asked for.
///
/// Why not `JSONSerialization`: it builds a dictionary of `NSString`/`NSNumber` per line.
/// On 100k Segment-like lines (≈ 260 bytes each, read from memory) it took 1.9 s against
/// 0.06 s for this scanner extracting 4 paths (`ReadersBenchTests.jsonScannerVersusFoundation`,
/// release build, this 2-core machine).
///
/// Values: a string is its text (escapes decoded into `scratch`), a number, `true` or `false`
/// their text as written, `null` is absent; an object or array asked for is its raw JSON text.
/// A key that contains dots matches the same dotted path (`{"a.b": 1}` is `a.b`).
struct JSONScanner: ~Copyable {
    struct SyntaxError: Error {
        /// 0-based byte offset from the start of the line.
        var offset: Int
        var message: String
    }

    /// The requested paths, as bytes.
    private let paths: [[UInt8]]
    /// Value found per path this line: start pointer (nil = absent) and length.
    let valueStarts: UnsafeMutablePointer<UnsafeRawPointer?>
    let valueCounts: UnsafeMutablePointer<Int>
    /// Decoded strings and keys of the current line.
    private var scratch: UnsafeMutablePointer<UInt8>
    private var scratchCapacity = 1024
    private var scratchUsed = 0
    /// The dotted path of the object being read (`properties.`), for matching keys.
    private var prefix: UnsafeMutablePointer<UInt8>
    private var prefixCapacity = 256
    /// Every leaf path of the object (filled only by `collectPaths`).
    private(set) var collected: [String] = []
    private var collecting = false

    private var b: UnsafePointer<UInt8> = UnsafePointer(bitPattern: 1)!
    private var lineStart = 0
    private var end = 0
    private var p = 0

    static let maxDepth = 256

    init(paths: [String]) {
        self.paths = paths.map { Array($0.utf8) }
        valueStarts = .allocate(capacity: max(paths.count, 1))
        valueCounts = .allocate(capacity: max(paths.count, 1))
        scratch = .allocate(capacity: scratchCapacity)
        prefix = .allocate(capacity: prefixCapacity)
    }

    deinit {
        valueStarts.deallocate(); valueCounts.deallocate(); scratch.deallocate(); prefix.deallocate()
    }

    /// The value of path `i` on the current line, nil when absent or null.
    @inline(__always)
    func value(_ i: Int) -> UnsafeRawBufferPointer? {
        guard let s = valueStarts[i] else { return nil }
        return UnsafeRawBufferPointer(start: s, count: valueCounts[i])
    }

    /// True when `b[start..<end]` is only whitespace.
    static func isBlank(_ b: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var i = start
        while i < end {
            let c = b[i]
            if c != 0x20 && c != 0x09 && c != 0x0d && c != 0x0a { return false }
            i += 1
        }
        return true
    }

    /// Scans the object on `b[start..<end]` (one line) and fills the values of the paths.
    /// Slices stay valid until the next call or until the buffer moves.
    /// - Complexity: O(line length); each key is compared with each requested path once.
    mutating func extract(_ b: UnsafePointer<UInt8>, start: Int, end: Int) throws {
        begin(b, start, end)
        for i in 0..<paths.count { valueStarts[i] = nil }
        try scanDocument()
    }

    /// Lists the leaf paths of the object on the line (nested objects flattened with dots).
    mutating func collectPaths(_ b: UnsafePointer<UInt8>, start: Int, end: Int) throws -> [String] {
        begin(b, start, end)
        collected = []
        collecting = true
        defer { collecting = false }
        for i in 0..<paths.count { valueStarts[i] = nil }
        try scanDocument()
        return collected
    }

    private mutating func begin(_ b: UnsafePointer<UInt8>, _ start: Int, _ end: Int) {
        self.b = b
        self.lineStart = start
        self.end = end
        self.p = start
        scratchUsed = 0
        let need = (end - start) * 2 + 16  // decoded text is never longer than the line; keys too
        if need > scratchCapacity {
            scratch.deallocate()
            while scratchCapacity < need { scratchCapacity *= 2 }
            scratch = .allocate(capacity: scratchCapacity)
        }
    }

    private mutating func scanDocument() throws {
        skipSpace()
        guard p < end, b[p] == 0x7b else {
            throw fail(p < end ? "expected a JSON object ('{') at the start of the line, found \(found())"
                               : "expected a JSON object, found an empty line")
        }
        try scanObject(prefixLength: 0, depth: 1)
        skipSpace()
        if p < end { throw fail("expected the end of the line after the object, found \(found())") }
    }

    func fail(_ message: String) -> SyntaxError { SyntaxError(offset: p - lineStart, message: message) }

    /// What is at `p`, for error messages.
    func found() -> String {
        guard p < end else { return "the end of the line" }
        let c = b[p]
        if c >= 0x20 && c < 0x7f { return "'\(Character(Unicode.Scalar(c)))'" }
        return "byte 0x\(String(c, radix: 16))"
    }

    @inline(__always)
    private mutating func skipSpace() {
        while p < end {
            let c = b[p]
            if c != 0x20 && c != 0x09 && c != 0x0d && c != 0x0a { return }
            p += 1
        }
    }

    /// `p` is at `{`. Reads the object, capturing requested paths under `prefix[0..<prefixLength]`.
    private mutating func scanObject(prefixLength: Int, depth: Int) throws {
        guard depth <= Self.maxDepth else { throw fail("objects and arrays nested deeper than \(Self.maxDepth)") }
        p += 1
        skipSpace()
        if p < end && b[p] == 0x7d { p += 1; return }
        while true {
            skipSpace()
            guard p < end, b[p] == 0x22 else { throw fail("expected a key in double quotes, found \(found())") }
            let key = try scanString()
            skipSpace()
            guard p < end, b[p] == 0x3a else { throw fail("expected ':' after the key, found \(found())") }
            p += 1
            skipSpace()
            guard p < end else { throw fail("expected a value, found the end of the line") }
            // The path of this key: prefix + key.
            let pathLength = prefixLength + key.count
            if pathLength + 1 > prefixCapacity { growPrefix(pathLength + 1) }
            if key.count > 0 { (prefix + prefixLength).update(from: key.baseAddress!.assumingMemoryBound(to: UInt8.self), count: key.count) }
            var leaf = -1
            var descend = false
            if collecting {
                descend = b[p] == 0x7b
            } else {
                for (i, path) in paths.enumerated() {
                    if path.count == pathLength {
                        if path.withUnsafeBufferPointer({ memEqual($0.baseAddress!, prefix, pathLength) }) { leaf = i }
                    } else if path.count > pathLength && path[pathLength] == 0x2e
                                && path.withUnsafeBufferPointer({ memEqual($0.baseAddress!, prefix, pathLength) }) {
                        descend = true
                    }
                }
            }
            let valueStart = p
            if descend && b[p] == 0x7b {
                prefix[pathLength] = 0x2e
                try scanObject(prefixLength: pathLength + 1, depth: depth + 1)
                if leaf >= 0 { capture(leaf, UnsafeRawPointer(b + valueStart), p - valueStart) }
            } else if leaf >= 0 {
                try captureValue(leaf, depth: depth)
            } else {
                if collecting {
                    collected.append(String(decoding: UnsafeBufferPointer(start: prefix, count: pathLength), as: UTF8.self))
                }
                try skipValue(depth: depth)
            }
            skipSpace()
            guard p < end else { throw fail("expected ',' or '}' after a value, found the end of the line") }
            if b[p] == 0x2c { p += 1; continue }
            if b[p] == 0x7d { p += 1; return }
            throw fail("expected ',' or '}' after a value, found \(found())")
        }
    }

    private mutating func growPrefix(_ need: Int) {
        var capacity = prefixCapacity
        while capacity < need { capacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        grown.update(from: prefix, count: prefixCapacity)
        prefix.deallocate()
        prefix = grown
        prefixCapacity = capacity
    }

    @inline(__always)
    private mutating func capture(_ i: Int, _ start: UnsafeRawPointer?, _ count: Int) {
        valueStarts[i] = start
        valueCounts[i] = count
    }

    /// Reads the value at `p` into path `i`.
    private mutating func captureValue(_ i: Int, depth: Int) throws {
        let c = b[p]
        if c == 0x22 {
            let s = try scanString()
            capture(i, s.baseAddress ?? UnsafeRawPointer(b + p), s.count)
            return
        }
        if c == 0x6e {  // null: absent
            try skipValue(depth: depth)
            valueStarts[i] = nil
            return
        }
        let start = p
        try skipValue(depth: depth)
        capture(i, UnsafeRawPointer(b + start), p - start)
    }

    /// `p` is at `"`. Returns the string's content: a slice of the line when it has no
    /// escapes, else decoded into `scratch`. Leaves `p` after the closing quote.
    private mutating func scanString() throws -> UnsafeRawBufferPointer {
        p += 1
        let start = p
        while p < end {
            let c = b[p]
            if c == 0x22 {
                p += 1
                return UnsafeRawBufferPointer(start: b + start, count: p - 1 - start)
            }
            if c == 0x5c { break }
            if c < 0x20 { throw fail("control character (byte 0x\(String(c, radix: 16))) inside a string; escape it") }
            p += 1
        }
        guard p < end else { p = start - 1; throw fail("a string starting here is never closed") }
        // Escapes: decode from the start of the string into scratch.
        let out = scratch + scratchUsed
        var n = p - start
        out.update(from: b + start, count: n)
        while true {
            guard p < end else { throw fail("a string is never closed") }
            let c = b[p]
            if c == 0x22 { p += 1; break }
            if c < 0x20 { throw fail("control character (byte 0x\(String(c, radix: 16))) inside a string; escape it") }
            if c != 0x5c { out[n] = c; n += 1; p += 1; continue }
            p += 1
            guard p < end else { throw fail("a string is never closed") }
            let e = b[p]
            p += 1
            switch e {
            case 0x22, 0x5c, 0x2f: out[n] = e; n += 1
            case 0x62: out[n] = 0x08; n += 1
            case 0x66: out[n] = 0x0c; n += 1
            case 0x6e: out[n] = 0x0a; n += 1
            case 0x72: out[n] = 0x0d; n += 1
            case 0x74: out[n] = 0x09; n += 1
            case 0x75:
                var scalar = try hex4()
                if scalar >= 0xd800 && scalar < 0xdc00 {
                    // A high surrogate must be followed by \u and a low one.
                    if p + 1 < end && b[p] == 0x5c && b[p + 1] == 0x75 {
                        let save = p
                        p += 2
                        let low = try hex4()
                        if low >= 0xdc00 && low < 0xe000 {
                            scalar = 0x10000 + ((scalar - 0xd800) << 10) + (low - 0xdc00)
                        } else {
                            p = save
                            scalar = 0xfffd
                        }
                    } else {
                        scalar = 0xfffd
                    }
                } else if scalar >= 0xdc00 && scalar < 0xe000 {
                    scalar = 0xfffd
                }
                n += encodeUTF8(scalar, out + n)
            default:
                p -= 2
                throw fail("unknown escape '\\\(Character(Unicode.Scalar(e)))' in a string (expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)")
            }
        }
        scratchUsed += n
        return UnsafeRawBufferPointer(start: out, count: n)
    }

    private mutating func hex4() throws -> UInt32 {
        guard p + 4 <= end else { throw fail("expected 4 hex digits after \\u") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = b[p]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: throw fail("expected 4 hex digits after \\u, found \(found())")
            }
            v = v << 4 | d
            p += 1
        }
        return v
    }

    /// Skips (and validates) the value at `p`.
    private mutating func skipValue(depth: Int) throws {
        let c = b[p]
        switch c {
        case 0x22: _ = try scanString()
        case 0x7b: try skipContainer(depth: depth + 1, close: 0x7d)
        case 0x5b: try skipContainer(depth: depth + 1, close: 0x5d)
        case 0x74: try literal("true")
        case 0x66: try literal("false")
        case 0x6e: try literal("null")
        case 0x2d, 0x30...0x39: try skipNumber()
        default: throw fail("expected a value (string, number, object, array, true, false or null), found \(found())")
        }
    }

    private mutating func literal(_ word: StaticString) throws {
        let n = word.utf8CodeUnitCount
        guard p + n <= end, memEqual(word.utf8Start, b + p, n) else {
            throw fail("expected a value (string, number, object, array, true, false or null), found \(found())")
        }
        p += n
    }

    private mutating func skipNumber() throws {
        if b[p] == 0x2d { p += 1 }
        guard p < end, isDigit(b[p]) else { throw fail("expected a digit in a number, found \(found())") }
        if b[p] == 0x30 { p += 1 } else { while p < end && isDigit(b[p]) { p += 1 } }
        if p < end && b[p] == 0x2e {
            p += 1
            guard p < end, isDigit(b[p]) else { throw fail("expected a digit after the decimal point, found \(found())") }
            while p < end && isDigit(b[p]) { p += 1 }
        }
        if p < end && (b[p] == 0x65 || b[p] == 0x45) {
            p += 1
            if p < end && (b[p] == 0x2b || b[p] == 0x2d) { p += 1 }
            guard p < end, isDigit(b[p]) else { throw fail("expected a digit in the exponent, found \(found())") }
            while p < end && isDigit(b[p]) { p += 1 }
        }
    }

    /// Skips an object or array whose opener is at `p`, checking its syntax.
    private mutating func skipContainer(depth: Int, close: UInt8) throws {
        guard depth <= Self.maxDepth else { throw fail("objects and arrays nested deeper than \(Self.maxDepth)") }
        p += 1
        skipSpace()
        if p < end && b[p] == close { p += 1; return }
        while true {
            skipSpace()
            guard p < end else { throw fail("expected a value, found the end of the line") }
            if close == 0x7d {
                guard b[p] == 0x22 else { throw fail("expected a key in double quotes, found \(found())") }
                _ = try scanString()
                skipSpace()
                guard p < end, b[p] == 0x3a else { throw fail("expected ':' after the key, found \(found())") }
                p += 1
                skipSpace()
                guard p < end else { throw fail("expected a value, found the end of the line") }
            }
            try skipValue(depth: depth)
            skipSpace()
            guard p < end else { throw fail("expected ',' or '\(Character(Unicode.Scalar(close)))', found the end of the line") }
            if b[p] == 0x2c { p += 1; continue }
            if b[p] == close { p += 1; return }
            throw fail("expected ',' or '\(Character(Unicode.Scalar(close)))', found \(found())")
        }
    }
}

@inline(__always)
func memEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    var i = 0
    while i < n {
        if a[i] != b[i] { return false }
        i += 1
    }
    return true
}

/// Writes `scalar` as UTF-8 at `out`; returns the number of bytes (1–4).
func encodeUTF8(_ scalar: UInt32, _ out: UnsafeMutablePointer<UInt8>) -> Int {
    switch scalar {
    case 0..<0x80:
        out[0] = UInt8(scalar); return 1
    case 0x80..<0x800:
        out[0] = UInt8(0xc0 | (scalar >> 6)); out[1] = UInt8(0x80 | (scalar & 0x3f)); return 2
    case 0x800..<0x10000:
        out[0] = UInt8(0xe0 | (scalar >> 12)); out[1] = UInt8(0x80 | ((scalar >> 6) & 0x3f))
        out[2] = UInt8(0x80 | (scalar & 0x3f)); return 3
    default:
        out[0] = UInt8(0xf0 | (scalar >> 18)); out[1] = UInt8(0x80 | ((scalar >> 12) & 0x3f))
        out[2] = UInt8(0x80 | ((scalar >> 6) & 0x3f)); out[3] = UInt8(0x80 | (scalar & 0x3f)); return 4
    }
}
