#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one process-wide lock around every use of Graphviz.
///
/// Graphviz is not thread-safe (man 3 cgraph: global error state, a global id counter, static
/// buffers, plugin tables). Measured on this stack: two threads each with their own `GVC_t`
/// crashed 8 of 8 runs; one lock around build → layout → read → free passed 8 of 8. So every
/// Graphviz call in this module happens inside `GraphvizLock.withLock`, and nothing escapes it:
/// callers get plain Swift values back.
///
/// It is a `pthread_mutex_t` on the heap (a mutex must not move, and Swift gives no stable
/// address for a stored struct), created once and kept for the life of the process.
/// Not recursive: code holding the lock must not call `GraphvizLayout.layout` again.
enum GraphvizLock {
    private final class Mutex: @unchecked Sendable {
        let raw: UnsafeMutablePointer<pthread_mutex_t>
        init() {
            raw = .allocate(capacity: 1)
            raw.initialize(to: pthread_mutex_t())
            let status = pthread_mutex_init(raw, nil)
            precondition(status == 0, "pthread_mutex_init failed: \(status)")
        }
    }

    private static let mutex = Mutex()

    /// Runs `body` with the Graphviz lock held; releases it also when `body` throws.
    static func withLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(mutex.raw)
        defer { pthread_mutex_unlock(mutex.raw) }
        return try body()
    }
}
