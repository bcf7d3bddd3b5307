import JourneyIO

/// The first `limit` bytes of a source: the checks that read the start of a log to say
/// something about it (`LifecycleCheck`, `TimestampFormatChoice`). With `wholeLines`, cut
/// after the last line break before the limit (no half row at the end to count as bad).
struct PrefixByteSource: ByteSource {
    var base: any ByteSource
    var left: Int
    var wholeLines = false

    init(_ base: any ByteSource, limit: Int, wholeLines: Bool = false) {
        self.base = base
        left = limit
        self.wholeLines = wholeLines
    }

    var name: String { base.name }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard left > 0 else { return 0 }
        var n = try base.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[..<min(buffer.count, left)]))
        left -= n
        if wholeLines && left == 0, let end = buffer[..<n].lastIndex(of: 0x0a) { n = end + 1 }
        return n
    }
}
