@_spi(JourneyIO) import JourneyCore
import Foundation

/// The bytes of one stream (a decompressor) cut into blocks that end at line breaks, each
/// filled by the thread that then parses it.
///
/// A thread asking for the next block (`next`) waits until nobody else is filling and a slot
/// is free, fills the block itself and gets it. The stream, the one part that cannot be
/// shared, passes from thread to thread: while one parses the block it filled, another fills
/// the next. No thread beyond the parsing ones competes for the cores, and each block is
/// parsed from the caches of the core that wrote it.
///
/// Measured on the sorted 10M-row log as `.zst`, two cores (docs/benchmarks.md, "Session 20"):
/// with one thread decoding every block and the other parsing them, zstd took 0.66 s of CPU
/// against 0.31–0.33 s with nobody parsing (perf: most of the difference at the loads of its
/// match copies); with each thread parsing the block it has just decoded, zstd takes 0.35 s,
/// and the read phase 0.44 s against 0.48 s with a filling thread of its own (11 runs).
///
/// At most `slotCount` blocks of `blockSize` bytes exist at a time, whatever the size of the
/// stream: with every slot in use, the next block is filled only once a parsed one is
/// released. A block holds whole lines only (the bytes after its last line break start the
/// next block); a line longer than a block, or a stream that fails, ends the pipeline with
/// `failure` set, and the caller reads the stream again the general way.
public final class LineBlockPipeline: @unchecked Sendable {
    /// One filled block: bytes `0..<count` of slot `slot`, the `index`-th block of the stream.
    public struct Block: @unchecked Sendable {
        public let index: Int
        public let slot: Int
        public let bytes: UnsafeRawBufferPointer
    }

    public let blockSize: Int
    public let slotCount: Int
    private let memory: [UnsafeMutableRawPointer]
    private let condition = NSCondition()
    private var free: [Int]
    private var finished = false
    private var stopped = false
    /// A thread is filling a block (it alone touches `filler` until this is false again).
    private var filling = false
    /// Why filling stopped before the end of the stream (an error, a line longer than a block).
    public private(set) var failure: (any Error)?
    private let filler: BlockFiller

    /// Prepares to fill blocks from `source`; nothing is read before the first `next`.
    public init(source: some ByteSource, blockSize: Int, slotCount: Int) {
        self.blockSize = blockSize
        self.slotCount = max(2, slotCount)
        memory = (0..<max(2, slotCount)).map { _ in UnsafeMutableRawPointer.allocate(byteCount: blockSize, alignment: 64) }
        free = Array(0..<max(2, slotCount))
        filler = BlockFiller(source, blockSize: blockSize)
    }

    deinit {
        for m in memory { m.deallocate() }
    }

    /// The next block of the stream, filled on this thread once nobody else is filling and a
    /// slot is free; nil at the end of the stream (or when filling failed or was stopped).
    /// Blocks come out in stream order (`Block.index`), to whichever threads ask. Release each
    /// block before asking for another: with all slots held, `next` waits for a `release`.
    public func next() -> Block? {
        condition.lock()
        defer { condition.unlock() }
        while !finished && !stopped {
            guard !filling, let slot = takeFreeSlot() else {
                condition.wait()
                continue
            }
            filling = true
            condition.unlock()
            let outcome = filler.fill(memory[slot], slot: slot)
            condition.lock()
            filling = false
            condition.broadcast()
            if let block = record(outcome, slot: slot) { return block }
        }
        return nil
    }

    /// Gives a parsed block's memory back for filling.
    public func release(_ block: Block) {
        condition.lock()
        free.append(block.slot)
        condition.broadcast()
        condition.unlock()
    }

    /// Stops filling (a parser gave up) and waits for a block being filled to be done.
    public func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
        waitForFiller()
    }

    /// Waits until no thread is filling (after `next` returned nil, or `stop`): the stream is
    /// then no longer read.
    public func waitForFiller() {
        condition.lock()
        while filling { condition.wait() }
        condition.unlock()
    }

    /// A free slot other than the block filled last (a source decoding in place still refers
    /// back into it while it fills the next), or nil; under the lock.
    private func takeFreeSlot() -> Int? {
        guard let i = free.lastIndex(where: { $0 != filler.lastSlot }) else { return nil }
        return free.remove(at: i)
    }

    /// What one fill gave, under the lock: the block filled, or nil at the end of the stream
    /// with nothing in the last block, or on a failure.
    private func record(_ outcome: BlockFiller.Outcome, slot: Int) -> Block? {
        switch outcome {
        case .block(let block):
            return block
        case .end(let block):
            finished = true
            if block == nil { free.append(slot) }
            return block
        case .failed(let error):
            free.append(slot)
            finished = true
            failure = error
            return nil
        }
    }
}

/// The stream and what filling it carries from one block to the next; used by one thread at
/// a time (the one `LineBlockPipeline.next` lets fill).
private final class BlockFiller: @unchecked Sendable {
    enum Outcome {
        /// A block of whole lines; more follow.
        case block(LineBlockPipeline.Block)
        /// The end of the stream, with the last block (nil when it had no bytes).
        case end(LineBlockPipeline.Block?)
        /// The stream failed, or a line is longer than a block.
        case failed(any Error)
    }

    var source: any ByteSource
    let blockSize: Int
    /// Whether the source decodes in place (`InPlaceDecoding`), once asked.
    var inPlace: (any InPlaceDecoding)?
    var asked = false
    /// The bytes after the last block's last line break.
    var carry = [UInt8]()
    var index = 0
    /// The slot filled last.
    var lastSlot: Int?

    init(_ source: some ByteSource, blockSize: Int) {
        self.source = source
        self.blockSize = blockSize
    }

    /// Fills the block at `base` (slot `slot`): the carried bytes, then as much of the stream as
    /// fits, cut after its last line break. A source that decodes in place writes into the
    /// block itself, after the carried bytes; this block then stays as it is until the next one
    /// is full (it is parsed, released, and only then filled again).
    func fill(_ base: UnsafeMutableRawPointer, slot: Int) -> Outcome {
        do {
            if !asked {
                asked = true
                if var decoder = source as? any InPlaceDecoding, try decoder.decodesInPlace(blockSize: blockSize) {
                    inPlace = decoder
                }
            }
            lastSlot = slot
            var n = carry.count
            carry.withUnsafeBytes { if n > 0 { base.copyMemory(from: $0.baseAddress!, byteCount: n) } }
            carry.removeAll(keepingCapacity: true)
            var atEnd = false
            if inPlace != nil {
                n += try inPlace!.decodeInPlace(into: UnsafeMutableRawBufferPointer(start: base + n, count: blockSize - n))
                atEnd = inPlace!.finishedDecoding
            } else {
                while n < blockSize {
                    let k = try source.read(into: UnsafeMutableRawBufferPointer(start: base + n, count: blockSize - n))
                    if k == 0 { atEnd = true; break }
                    n += k
                }
            }
            if atEnd {
                return .end(n > 0 ? LineBlockPipeline.Block(index: index, slot: slot, bytes: UnsafeRawBufferPointer(start: base, count: n)) : nil)
            }
            let bytes = UnsafeRawBufferPointer(start: base, count: n)
            guard let lastBreak = bytes.lastIndex(of: 0x0a) else {
                return .failed(LineBlockError(message: "a line longer than \(blockSize) bytes"))
            }
            carry.append(contentsOf: bytes[(lastBreak + 1)...])
            defer { index += 1 }
            return .block(LineBlockPipeline.Block(index: index, slot: slot, bytes: UnsafeRawBufferPointer(start: base, count: lastBreak + 1)))
        } catch {
            return .failed(error)
        }
    }
}

/// Why a `LineBlockPipeline` could not cut its stream into blocks.
public struct LineBlockError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// Reads bytes of memory someone else owns (a `LineBlockPipeline` block) as a `ByteSource`.
public struct RawBufferByteSource: ByteSource {
    public let name: String
    private let bytes: UnsafeRawBufferPointer
    private var position = 0

    public init(_ bytes: UnsafeRawBufferPointer, name: String) {
        self.bytes = bytes
        self.name = name
    }

    public var bytesInMemory: UnsafeRawBufferPointer? { UnsafeRawBufferPointer(rebasing: bytes[position...]) }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(buffer.count, bytes.count - position)
        if n > 0 { buffer.baseAddress!.copyMemory(from: bytes.baseAddress! + position, byteCount: n) }
        position += n
        return n
    }
}
