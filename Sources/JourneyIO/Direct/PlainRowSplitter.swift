@_spi(JourneyIO) import JourneyCore
import CRowScan
/// Splits plain CSV rows — no quotes, no control bytes but the line end — for the direct
/// reader, 64 bytes at a time: one mask of the bytes that may end a field (the delimiter, a
/// quote, any byte below 0x20) per 64-byte block, then one bit per field. Anything else
/// (a quote, a lone CR, a NUL or tab in a field, a row cut by the buffer's end, the wrong
/// number of fields) is left to `CSVRowScanner`, which judges it exactly as before.
///
/// Written because measured: on the 10M-row benchmark log `CSVRowScanner.scan` took ~18 % of
/// the whole run, mostly in the branches of its field-by-field search (field lengths vary,
/// so every field end was a mispredicted exit); here the branches follow the field count.
struct PlainRowSplitter: ~Copyable {
    let delimiter: UInt8
    let fieldCount: Int
    /// Where field `i` ends (its delimiter or the line end); field `i` starts at
    /// `ends[i - 1] + 1` (or the row's start).
    let ends: UnsafeMutablePointer<Int>
    private let delimiterWord: UInt64
    /// Start of the block `bits` describes, and its special bytes not yet consumed.
    private var blockAt = 0
    private var bits: UInt64 = 0
    /// Where the next row must start for `bits` to be right (else the block is recomputed).
    private var expected = -1

    init(delimiter: UInt8, fieldCount: Int) {
        self.delimiter = delimiter
        self.fieldCount = fieldCount
        delimiterWord = 0x0101_0101_0101_0101 &* UInt64(delimiter)
        ends = .allocate(capacity: max(1, fieldCount))
    }

    deinit { ends.deallocate() }

    /// Forgets the block (call after the buffer moved).
    mutating func reset() { expected = -1 }

    /// Splits the row starting at `start` of `b[..<end]`: the start of the next row, or nil
    /// when the row is not plain or does not end (LF or CRLF) before `end`.
    @inline(__always)
    mutating func split(_ b: UnsafePointer<UInt8>, start: Int, end: Int) -> Int? {
        // Locals, stored back once: as properties, each field's bit was stored to and
        // reloaded from memory (measured).
        var blockAt = self.blockAt, bits = self.bits
        if start != expected { blockAt = start; bits = Self.special(b, at: start, end: end, delimiterWord) }
        let delimiter = self.delimiter, last = fieldCount - 1, ends = self.ends, word = delimiterWord
        var f = 0
        while true {
            while bits == 0 {
                blockAt += 64
                if blockAt >= end { expected = -1; return nil }
                bits = Self.special(b, at: blockAt, end: end, word)
            }
            let q = blockAt + bits.trailingZeroBitCount
            bits &= bits &- 1
            let c = b[q]
            if c == delimiter {
                if f == last { expected = -1; return nil }
                ends[f] = q
                f += 1
                continue
            }
            var next = q + 1
            // Whether `bits` still describes the bytes after the row.
            var inStep = true
            if c == 0x0d {
                // CRLF: the LF is the next special byte (in the next block when the CR ends this one).
                guard next < end, b[next] == 0x0a else { expected = -1; return nil }
                next += 1
                if bits != 0 { bits &= bits &- 1 } else { inStep = false }
            } else if c != 0x0a {
                expected = -1
                return nil
            }
            // A blank line (or the wrong field count) is the general scanner's to judge.
            guard f == last, q > start else { expected = -1; return nil }
            ends[f] = q
            expected = inStep ? next : -1
            self.blockAt = blockAt
            self.bits = bits
            return next
        }
    }

    /// Bit k set when `b[at + k]` (below `end`) is the delimiter, a quote or below 0x20.
    @inline(__always)
    private static func special(_ b: UnsafePointer<UInt8>, at: Int, end: Int, _ delimiterWord: UInt64) -> UInt64 {
        if at + 64 <= end {
            #if arch(x86_64)
            if JM_ROW_SCAN_SIMD == 1 { return jm_special_mask64(b + at, UInt8(truncatingIfNeeded: delimiterWord)) }
            #endif
            var m: UInt64 = 0
            let raw = UnsafeRawPointer(b + at)
            for k in 0..<8 {
                let w = raw.loadUnaligned(fromByteOffset: 8 * k, as: UInt64.self)
                m |= gather(zeroBytes(w ^ delimiterWord) | zeroBytes(w ^ 0x2222_2222_2222_2222)
                            | zeroBytes(w & 0xe0e0_e0e0_e0e0_e0e0)) << UInt64(8 * k)
            }
            return m
        }
        var m: UInt64 = 0
        var k = 0
        let d = UInt8(truncatingIfNeeded: delimiterWord)
        while at + k < end {
            let c = b[at + k]
            if c == d || c == 0x22 || c < 0x20 { m |= 1 << UInt64(k) }
            k += 1
        }
        return m
    }

    /// 0x80 in each byte of `x` that is zero, exactly (no borrow between bytes).
    @inline(__always)
    private static func zeroBytes(_ x: UInt64) -> UInt64 {
        let low7: UInt64 = 0x7f7f_7f7f_7f7f_7f7f
        return ~(((x & low7) &+ low7) | x | low7)
    }

    /// The high bits of the 8 bytes of `m` as 8 bits.
    @inline(__always)
    private static func gather(_ m: UInt64) -> UInt64 {
        ((m >> 7) &* 0x0102_0408_1020_4080) >> 56
    }
}
