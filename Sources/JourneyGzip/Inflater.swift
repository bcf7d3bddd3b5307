import CIsal
import JourneyCore

/// Owns one ISA-L inflate state (`struct inflate_state`, about 40 KB, at a fixed address).
///
/// ISA-L's igzip inflates the same DEFLATE data as zlib, measured 2.6× as fast on the 10M-row
/// benchmark log (docs/benchmarks.md), streaming as zlib does. Each gzip member (or zlib
/// stream) is started with `start`, which checks its header and trailer (CRC-32, or Adler-32).
/// The corresponding C functions are `isal_inflate_init`, `isal_inflate_reset` and `isal_inflate`.
final class Inflater {
    let state: UnsafeMutablePointer<inflate_state>

    init() {
        state = .allocate(capacity: 1)
        isal_inflate_init(state)
    }

    deinit { state.deallocate() }

    /// Starts a member (`gzip`) or a zlib stream, keeping the input not taken yet.
    func start(gzip: Bool) {
        let next = state.pointee.next_in, available = state.pointee.avail_in
        isal_inflate_reset(state)
        state.pointee.next_in = next
        state.pointee.avail_in = available
        state.pointee.crc_flag = UInt32(gzip ? ISAL_GZIP : ISAL_ZLIB)
    }

    /// Inflates from `next_in` into `next_out`; the ISA-L return code.
    func inflate() -> Int32 { isal_inflate(state) }

    /// The member (or stream) has ended, its trailer checked.
    var memberFinished: Bool { state.pointee.block_state == ISAL_BLOCK_FINISH }

    /// What an ISA-L error code means.
    static func describe(_ rc: Int32) -> String {
        switch rc {
        case ISAL_INVALID_BLOCK: "invalid block"
        case ISAL_INVALID_SYMBOL: "invalid code"
        case ISAL_INVALID_LOOKBACK: "invalid distance too far back"
        case ISAL_INVALID_WRAPPER: "invalid header"
        case ISAL_UNSUPPORTED_METHOD: "unknown compression method"
        case ISAL_INCORRECT_CHECKSUM: "incorrect data check (CRC)"
        default: "ISA-L error \(rc)"
        }
    }
}
