@_spi(JourneyIO) import JourneyCore
/// A shortcut for the commonest timestamp shape, `YYYY-MM-DDTHH:MM:SSZ`: the microseconds of
/// recent dates are remembered (a direct-mapped cache of 4,096 dates, one slot per date of
/// eight years: logs span days to a few years), so a row costs six digit checks instead of a
/// calendar computation. Everything else, and every new date, goes through
/// `TimestampParser.parse`, whose result the shortcut equals by construction (a `Z` time is
/// the date's microseconds plus the time of day). Measured: the ISO parser was ~9 % of a
/// 10M-row direct read.
struct UTCStampCache: ~Copyable {
    let parser: TimestampParser
    /// Per entry: the date's first 8 bytes, its next 2 bytes + 1 (0: empty), its microseconds.
    private let heads: UnsafeMutablePointer<UInt64>
    private let tails: UnsafeMutablePointer<UInt32>
    private let micros: UnsafeMutablePointer<Int64>
    private static let entries = 4096
    /// Only a parser without `--timestamp-format` reads `…Z` strings as ISO in UTC.
    private let usable: Bool

    init(parser: TimestampParser) {
        self.parser = parser
        usable = parser.format == nil
        heads = .allocate(capacity: Self.entries)
        tails = .allocate(capacity: Self.entries)
        tails.initialize(repeating: 0, count: Self.entries)
        micros = .allocate(capacity: Self.entries)
    }

    deinit { heads.deallocate(); tails.deallocate(); micros.deallocate() }

    @inline(__always)
    mutating func parse(_ b: UnsafeRawBufferPointer) -> Int64? {
        guard usable, b.count == 20, b[10] == 0x54, b[19] == 0x5a, b[13] == 0x3a, b[16] == 0x3a else {
            return parser.parse(b)
        }
        @inline(__always) func digit(_ i: Int) -> Int64 { Int64(b[i]) &- 0x30 }
        let h1 = digit(11), h2 = digit(12), m1 = digit(14), m2 = digit(15), s1 = digit(17), s2 = digit(18)
        guard UInt64(bitPattern: h1) <= 2, UInt64(bitPattern: h2) <= 9, UInt64(bitPattern: m1) <= 5,
              UInt64(bitPattern: m2) <= 9, UInt64(bitPattern: s1) <= 5, UInt64(bitPattern: s2) <= 9 else {
            return parser.parse(b)
        }
        let hour = h1 * 10 + h2
        guard hour <= 23 else { return parser.parse(b) }
        let timeMicros = (hour * 3600 + (m1 * 10 + m2) * 60 + s1 * 10 + s2) * 1_000_000
        let head = b.loadUnaligned(as: UInt64.self)
        let tail = UInt32(b.loadUnaligned(fromByteOffset: 8, as: UInt16.self)) + 1
        // The slot is the date itself (last year digit mod 8, month, day), so the dates of any
        // eight years never share one. Measured: a hashed slot made ~16 of a 6-month log's 180
        // dates collide in pairs, which then took turns in their slot: the full parse ran for
        // ~2 % of the rows and was ~2.4 % of `mine`. (The bytes are checked on a hit and by the
        // parser on a miss, so digits here need no checking.)
        let month = (Int(b[5]) &* 10 &+ Int(b[6])) & 15, day = (Int(b[8]) &* 10 &+ Int(b[9])) & 31
        let k = (Int(b[3]) & 7) << 9 | month << 5 | day
        if heads[k] == head && tails[k] == tail { return micros[k] + timeMicros }
        guard let full = parser.parse(b) else { return nil }
        heads[k] = head; tails[k] = tail
        micros[k] = full - timeMicros
        return full
    }
}
