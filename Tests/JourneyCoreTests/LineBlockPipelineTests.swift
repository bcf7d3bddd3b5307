import Foundation
import Synchronization
import Testing
import JourneyCore
import JourneyIO
import JourneyZstd

/// `LineBlockPipeline` hands its blocks to several threads at once, each filling the block it
/// then gets: every block comes out once, in stream order by index, holding whole lines, and
/// the blocks in index order are the stream byte for byte — plain and zstd decoded in place
/// (whose next block refers back into the last one: a slot refilled too early makes the decoder
/// fail, or wrong bytes), for 1–6 threads and few or many slots; no two fills overlap. A
/// stream that fails, or a consumer that stops the pipeline, ends every thread's `next` with
/// nil, none left waiting (the time limit turns a thread left waiting into a failure).
///
/// The consumers are threads of their own (`Thread`), not `concurrentPerform`'s iterations:
/// under the test runner's own parallelism Dispatch ran most of those on one thread.
@Suite(.timeLimit(.minutes(1))) struct LineBlockPipelineTests {
    /// Lines of varied length (a fixed sequence).
    static let text: [UInt8] = {
        var out: [UInt8] = []
        var state: UInt64 = 11
        for i in 0..<40_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            out += Array("u\(state % 997),event_\(state >> 61),2024-02-\(10 + i % 19)T08:00:00Z,".utf8)
            let width = Int(state >> 57), shift = Int(state >> 44)
            for k in 0..<width { out.append(UInt8(97 + (k &* 5 &+ shift) % 26)) }
            out.append(0x0a)
        }
        return out
    }()

    /// Runs `body(worker)` on `threads` threads of their own and waits for all of them.
    static func onThreads(_ threads: Int, _ body: @escaping @Sendable (Int) -> Void) {
        let done = DispatchSemaphore(value: 0)
        for worker in 0..<threads {
            let t = Thread { body(worker); done.signal() }
            t.start()
        }
        for _ in 0..<threads { done.wait() }
    }

    /// Every block `threads` threads take (copied, by index), how many came twice, how many
    /// threads took blocks, and the pipeline's failure; the threads hold each block a little
    /// while, as parsing does.
    static func drain(_ pipeline: LineBlockPipeline, threads: Int)
        -> (blocks: [Int: [UInt8]], duplicates: Int, takers: Int, failure: (any Error)?) {
        let taken = Mutex<(blocks: [Int: [UInt8]], duplicates: Int, takers: Set<Int>)>(([:], 0, []))
        onThreads(threads) { worker in
            while let block = pipeline.next() {
                let bytes = [UInt8](block.bytes)
                if (block.index + worker) % 3 == 0 { usleep(300) }
                taken.withLock { t in
                    if t.blocks[block.index] != nil { t.duplicates += 1 }
                    t.blocks[block.index] = bytes
                    t.takers.insert(worker)
                }
                pipeline.release(block)
            }
        }
        pipeline.waitForFiller()
        let t = taken.withLock { $0 }
        return (t.blocks, t.duplicates, t.takers.count, pipeline.failure)
    }

    /// Checks that `blocks` are indexes 0..<n, whole lines each, and together `expected`.
    static func expectWhole(_ blocks: [Int: [UInt8]], equal expected: [UInt8], _ what: String) {
        #expect(Set(blocks.keys) == Set(0..<blocks.count), "\(what): indexes \(blocks.keys.sorted().prefix(8))…")
        for (index, bytes) in blocks where index < blocks.count - 1 {
            #expect(bytes.last == 0x0a, "\(what): block \(index) does not end a line")
        }
        let joined = (0..<blocks.count).flatMap { blocks[$0] ?? [] }
        let same = joined == expected  // (not in the expectation: a diff of megabytes takes minutes)
        #expect(same, "\(what): \(joined.count) bytes of \(expected.count)")
    }

    /// A source that counts reads made while another read is still running (fills overlapping),
    /// each read slowed a little so that an overlap has time to happen.
    final class WatchedSource: ByteSource, @unchecked Sendable {
        var inner: MemoryByteSource
        let lock = NSLock()
        let reading = Atomic<Int>(0), overlaps = Atomic<Int>(0)
        var name: String { "t.csv" }
        init(_ bytes: [UInt8]) { inner = MemoryByteSource(bytes, name: "t.csv") }
        func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            if reading.add(1, ordering: .sequentiallyConsistent).newValue > 1 { overlaps.add(1, ordering: .relaxed) }
            defer { reading.subtract(1, ordering: .sequentiallyConsistent) }
            usleep(20)
            lock.lock()
            defer { lock.unlock() }
            return try inner.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[..<min(buffer.count, 4096)]))
        }
    }

    @Test(arguments: [1, 2, 3, 6], [2, 3, 8])
    func plainStreamComesOutWhole(threads: Int, slots: Int) {
        let source = WatchedSource(Self.text)
        let pipeline = LineBlockPipeline(source: source, blockSize: 64 << 10, slotCount: slots)
        let (blocks, duplicates, takers, failure) = Self.drain(pipeline, threads: threads)
        #expect(failure == nil)
        #expect(duplicates == 0)
        #expect(source.overlaps.load(ordering: .relaxed) == 0, "two threads filled at once")
        #expect(blocks.count > 20)
        if threads > 1 { #expect(takers > 1, "one thread took every block") }
        Self.expectWhole(blocks, equal: Self.text, "plain, \(threads) threads, \(slots) slots")
    }

    @Test(arguments: [1, 2, 4, 6], [2, 3, 8])
    func zstdDecodedInPlaceComesOutWhole(threads: Int, slots: Int) throws {
        guard let compressed = try ZstdInPlaceTests.zstd(Self.text, ["--zstd=wlog=15", "-3"]) else { return }
        let blockSize = 96 << 10
        var probe = try ZstdByteSource(wrapping: MemoryByteSource(compressed, name: "t.csv.zst"))
        #expect(try probe.decodesInPlace(blockSize: blockSize))
        let source = try ZstdByteSource(wrapping: MemoryByteSource(compressed, name: "t.csv.zst"))
        let pipeline = LineBlockPipeline(source: source, blockSize: blockSize, slotCount: slots)
        let (blocks, duplicates, _, failure) = Self.drain(pipeline, threads: threads)
        #expect(failure == nil)
        #expect(duplicates == 0)
        #expect(blocks.count > 20)
        Self.expectWhole(blocks, equal: Self.text, "zstd in place, \(threads) threads, \(slots) slots")
    }

    /// A source that fails after `limit` bytes.
    struct FailingSource: ByteSource {
        struct Broken: Error {}
        var inner: MemoryByteSource
        var left: Int
        var name: String { inner.name }
        mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            guard left > 0 else { throw Broken() }
            let n = try inner.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[..<min(buffer.count, left)]))
            left -= n
            return n
        }
    }

    @Test(arguments: [1, 2, 5])
    func aFailingStreamEndsEveryThread(threads: Int) {
        let source = FailingSource(inner: MemoryByteSource(Self.text, name: "t.csv"), left: Self.text.count / 2)
        let pipeline = LineBlockPipeline(source: source, blockSize: 32 << 10, slotCount: threads + 2)
        let (blocks, duplicates, _, failure) = Self.drain(pipeline, threads: threads)
        #expect(failure is FailingSource.Broken)
        #expect(duplicates == 0)
        // What came out before the failure is the start of the stream, whole lines.
        let joined = (0..<blocks.count).flatMap { blocks[$0] ?? [] }
        #expect(Set(blocks.keys) == Set(0..<blocks.count))
        #expect(joined.count < Self.text.count / 2 && joined.count > Self.text.count / 4)
        #expect(joined == Array(Self.text[..<joined.count]))
    }

    @Test func aLineLongerThanABlockFails() {
        let text = Array("a,b\n".utf8) + [UInt8](repeating: 0x78, count: 5000) + Array("\nc,d\n".utf8)
        let pipeline = LineBlockPipeline(source: MemoryByteSource(text, name: "t.csv"), blockSize: 1024, slotCount: 3)
        let (_, _, _, failure) = Self.drain(pipeline, threads: 2)
        #expect(failure is LineBlockError)
    }

    @Test(arguments: [2, 4])
    func stopEndsTheOtherThreads(threads: Int) {
        let pipeline = LineBlockPipeline(source: MemoryByteSource(Self.text, name: "t.csv"), blockSize: 16 << 10, slotCount: threads + 1)
        let taken = Atomic<Int>(0), stopped = Atomic<Bool>(false), afterStop = Atomic<Int>(0), mostAfterStop = Atomic<Int>(0)
        Self.onThreads(threads) { _ in
            var mine = 0
            while let block = pipeline.next() {
                if stopped.load(ordering: .sequentiallyConsistent) {
                    // Only a block being filled when `stop` was called (or taken just before it)
                    // may still come out.
                    mine += 1
                    afterStop.add(1, ordering: .relaxed)
                    mostAfterStop.max(mine, ordering: .relaxed)
                }
                let n = taken.add(1, ordering: .relaxed).newValue
                pipeline.release(block)
                if n == 5 {
                    pipeline.stop()
                    stopped.store(true, ordering: .sequentiallyConsistent)
                }
            }
        }
        #expect(pipeline.failure == nil)
        #expect(mostAfterStop.load(ordering: .relaxed) <= 1)
        #expect(afterStop.load(ordering: .relaxed) < threads)
        #expect(pipeline.next() == nil)
    }

    /// A thread waiting for a slot (both held by another) is woken by `stop` alone.
    @Test func stopWakesAThreadWaitingForASlot() {
        let pipeline = LineBlockPipeline(source: MemoryByteSource(Self.text, name: "t.csv"), blockSize: 16 << 10, slotCount: 2)
        guard let a = pipeline.next(), let b = pipeline.next() else { Issue.record("no blocks"); return }
        let done = DispatchSemaphore(value: 0)
        let got = Mutex<Bool?>(nil)
        let waiter = Thread {
            let block = pipeline.next()
            got.withLock { $0 = block != nil }
            done.signal()
        }
        waiter.start()
        usleep(100_000)
        pipeline.stop()
        #expect(done.wait(timeout: .now() + 5) == .success, "the waiting thread was not woken")
        #expect(got.withLock { $0 } == false)
        pipeline.release(a)
        pipeline.release(b)
    }
}
