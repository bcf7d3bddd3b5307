@_spi(JourneyIO) import JourneyCore
import Foundation

/// The bytes of one stream (a decompressor) cut into blocks that end at line breaks, filled
/// on a thread of its own while other threads parse the blocks already filled.
///
/// At most `slotCount` blocks of `blockSize` bytes exist at a time, whatever the size of the
/// stream: the filling thread waits for a parsed block to be released before it fills the
/// next. A block holds whole lines only (the bytes after its last line break start the next
/// block); a line longer than a block, or a stream that fails, ends the pipeline with
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
    private var filled: [Block] = []
    private var finished = false
    private var stopped = false
    /// Why filling stopped before the end of the stream (an error, a line longer than a block).
    public private(set) var failure: (any Error)?
    private var thread: Thread?
    private let done = DispatchSemaphore(value: 0)

    /// Starts filling blocks from `source` on a new thread.
    public init(source: some ByteSource, blockSize: Int, slotCount: Int) {
        self.blockSize = blockSize
        self.slotCount = max(2, slotCount)
        memory = (0..<max(2, slotCount)).map { _ in UnsafeMutableRawPointer.allocate(byteCount: blockSize, alignment: 64) }
        free = Array(0..<max(2, slotCount))
        let box = SourceBox(source)
        let t = Thread { [self] in
            fill(box)
            done.signal()
        }
        t.stackSize = 1 << 20
        thread = t
        t.start()
    }

    deinit {
        for m in memory { m.deallocate() }
    }

    /// The next filled block in stream order, waiting for it; nil at the end of the stream
    /// (or when filling failed or was stopped).
    public func next() -> Block? {
        condition.lock()
        defer { condition.unlock() }
        while filled.isEmpty && !finished { condition.wait() }
        return filled.isEmpty ? nil : filled.removeFirst()
    }

    /// Gives a parsed block's memory back for filling.
    public func release(_ block: Block) {
        condition.lock()
        free.append(block.slot)
        condition.signal()
        condition.unlock()
    }

    /// Stops filling (a parser gave up) and waits for the filling thread to end; the blocks
    /// not taken yet are dropped.
    public func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
        waitForFiller()
    }

    /// Waits for the filling thread to end (after `next` returned nil, or `stop`).
    public func waitForFiller() {
        guard thread != nil else { return }
        done.wait()
        thread = nil
    }

    /// A free slot other than `avoiding` (the block just filled: a source decoding in place
    /// still refers back into it while it fills the next), waiting for one.
    private func takeFreeSlot(avoiding: Int?) -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while !stopped {
            if let i = free.lastIndex(where: { $0 != avoiding }) { return free.remove(at: i) }
            condition.wait()
        }
        return nil
    }

    private func publish(_ block: Block?, failure: (any Error)? = nil) {
        condition.lock()
        if let block { filled.append(block) }
        if block == nil {
            finished = true
            self.failure = failure
        }
        condition.broadcast()
        condition.unlock()
    }

    /// The filling thread: blocks cut after their last line break, the rest carried over.
    /// A source that decodes in place (`InPlaceDecoding`) writes into the blocks itself.
    private func fill(_ box: SourceBox) {
        var carry = [UInt8]()
        var index = 0
        do {
            var inPlace = box.source as? any InPlaceDecoding
            if inPlace != nil, try inPlace!.decodesInPlace(blockSize: blockSize) == false { inPlace = nil }
            var lastSlot: Int?
            while let slot = takeFreeSlot(avoiding: lastSlot) {
                lastSlot = slot
                let base = memory[slot]
                var n = carry.count
                carry.withUnsafeBytes { if n > 0 { base.copyMemory(from: $0.baseAddress!, byteCount: n) } }
                carry.removeAll(keepingCapacity: true)
                var atEnd = false
                if inPlace != nil {
                    // The decoder writes after the carried bytes; this block stays as it is until
                    // the next one is full (it is parsed, released, and only then filled again).
                    n += try inPlace!.decodeInPlace(into: UnsafeMutableRawBufferPointer(start: base + n, count: blockSize - n))
                    atEnd = inPlace!.finishedDecoding
                } else {
                    while n < blockSize {
                        let k = try box.source.read(into: UnsafeMutableRawBufferPointer(start: base + n, count: blockSize - n))
                        if k == 0 { atEnd = true; break }
                        n += k
                    }
                }
                if atEnd {
                    if n > 0 { publish(Block(index: index, slot: slot, bytes: UnsafeRawBufferPointer(start: base, count: n))) }
                    publish(nil)
                    return
                }
                let bytes = UnsafeRawBufferPointer(start: base, count: n)
                guard let lastBreak = bytes.lastIndex(of: 0x0a) else {
                    publish(nil, failure: LineBlockError(message: "a line longer than \(blockSize) bytes"))
                    return
                }
                carry.append(contentsOf: bytes[(lastBreak + 1)...])
                publish(Block(index: index, slot: slot, bytes: UnsafeRawBufferPointer(start: base, count: lastBreak + 1)))
                index += 1
            }
            publish(nil)  // stopped
        } catch {
            publish(nil, failure: error)
        }
    }
}

/// Why a `LineBlockPipeline` could not cut its stream into blocks.
public struct LineBlockError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// The stream, handed to the filling thread (which alone reads it).
private final class SourceBox: @unchecked Sendable {
    var source: any ByteSource
    init(_ source: some ByteSource) { self.source = source }
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
