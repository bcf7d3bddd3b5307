/// A decompressor that can write straight into the blocks of a `LineBlockPipeline` instead of
/// decoding into a window of its own and copying out of it: the pipeline keeps every block it
/// filled unchanged until the next block is full, so the data just decoded (which later data
/// refers back to) can stay where it was written.
///
/// Measured on the sorted 10M-row bench log as `.zst`: the copy out of zstd's window was ~19 %
/// of the decoding thread (87 ms of 466), the work every other thread waits on.
public protocol InPlaceDecoding: ByteSource {
    /// Whether blocks of `blockSize` bytes can be decoded into in place (the data's window is
    /// at most half a block); asked once, before anything is decoded. False: use `read(into:)`.
    mutating func decodesInPlace(blockSize: Int) throws -> Bool

    /// Decodes into `buffer` as much as fits in whole pieces and returns the bytes written.
    ///
    /// Each call's `buffer` either starts where the last call's output ended, or lies in
    /// another block; every byte written before stays unchanged at least until a call writes
    /// into a third block. Fewer bytes than fit come back only at the end of the data
    /// (`finishedDecoding`) or when the rest of `buffer` is too small for the next piece.
    mutating func decodeInPlace(into buffer: UnsafeMutableRawBufferPointer) throws -> Int

    /// True once every byte of the data has been decoded.
    var finishedDecoding: Bool { get }
}
