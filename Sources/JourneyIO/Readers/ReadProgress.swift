@_spi(JourneyIO) import JourneyCore
import Synchronization

/// How far reading has come, shared between the reading threads and whoever draws a progress
/// bar. Readers add in batches (once per buffer refill), so the counters cost nothing per row.
public final class ReadProgress: Sendable {
    /// Bytes of the input files (as stored: compressed for gzip) taken so far.
    private let bytes = Atomic<Int>(0)
    /// Events appended so far.
    private let events = Atomic<Int>(0)
    /// Total bytes to read (the files' sizes), 0 when unknown.
    private let total = Atomic<Int>(0)

    public init() {}

    public func add(bytes n: Int) { _ = bytes.add(n, ordering: .relaxed) }
    public func add(events n: Int) { _ = events.add(n, ordering: .relaxed) }
    public func add(total n: Int) { _ = total.add(n, ordering: .relaxed) }

    /// Back to nothing read and nothing to read (a reader that starts over adds again).
    public func reset() {
        bytes.store(0, ordering: .relaxed); events.store(0, ordering: .relaxed); total.store(0, ordering: .relaxed)
    }

    public var bytesRead: Int { bytes.load(ordering: .relaxed) }
    public var eventsRead: Int { events.load(ordering: .relaxed) }
    public var totalBytes: Int { total.load(ordering: .relaxed) }
}

/// A source that counts the bytes it hands out into a `ReadProgress`.
public struct CountingByteSource<Inner: ByteSource>: ByteSource {
    private var inner: Inner
    private let progress: ReadProgress?
    public var name: String { inner.name }

    public init(_ inner: Inner, progress: ReadProgress?) {
        self.inner = inner
        self.progress = progress
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = try inner.read(into: buffer)
        progress?.add(bytes: n)
        return n
    }
}
