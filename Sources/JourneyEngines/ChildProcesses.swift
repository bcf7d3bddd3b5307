import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Engine subprocesses and the files they are writing, so that a Ctrl-C or SIGTERM handler
/// can stop the query and leave no file behind (`AtomicFile.installSignalCleanup` calls
/// `stopAll`). Only async-signal-safe calls happen in `stopAll`. A process group (Spark's) is
/// sent SIGTERM rather than killed, so that its driver can cancel the query on the server
/// first; `serverCancel` cancels a query a client library is running (PostgreSQL's `PQcancel`).
public enum ChildProcesses {
    private static let capacity = 16
    /// Fixed slots (0 = empty), read by the signal handler without a lock.
    nonisolated(unsafe) private static let pids = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
    nonisolated(unsafe) private static let paths = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
    private static let lock = NSLock()
    private static let initialized: Bool = {
        pids.initialize(repeating: 0, count: capacity)
        paths.initialize(repeating: nil, count: capacity)
        return true
    }()

    /// Registers a running child and the file it writes; returns its slot for `remove`.
    public static func add(pid: Int32, writing path: String?) -> Int? {
        _ = initialized
        return lock.withLock {
            for i in 0..<capacity where pids[i] == 0 && paths[i] == nil {
                pids[i] = pid
                paths[i] = path.map { strdup($0) }
                return i
            }
            return nil
        }
    }

    /// Registers a file to unlink in `stopAll` (an engine's result, from before the query runs
    /// until its rows are read back, whoever writes it); returns its slot for `remove`.
    public static func add(writing path: String) -> Int? {
        add(pid: 0, writing: path)
    }

    /// Registers a process group (sent SIGTERM by `stopAll`); returns its slot for `remove`.
    public static func add(group: Int32, writing path: String?) -> Int? {
        add(pid: -group, writing: path)
    }

    /// A signal-safe function cancelling the query running on a server, or nil.
    nonisolated(unsafe) public static var serverCancel: (@convention(c) () -> Void)?

    public static func remove(_ slot: Int?) {
        guard let slot else { return }
        lock.withLock {
            pids[slot] = 0
            let p = paths[slot]
            paths[slot] = nil
            free(p)
        }
    }

    /// Cancels the server's query, kills the registered children (SIGTERM to groups) and
    /// unlinks their files (from a signal handler).
    public static func stopAll() {
        if let cancel = serverCancel { cancel() }
        guard initialized else { return }
        for i in 0..<capacity {
            if pids[i] > 0 { kill(pids[i], SIGKILL) } else if pids[i] < 0 { kill(pids[i], SIGTERM) }
            if let p = paths[i] { unlink(p) }
        }
    }
}
