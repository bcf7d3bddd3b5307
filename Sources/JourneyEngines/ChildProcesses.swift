import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Engine subprocesses and the files they are writing, so that a Ctrl-C or SIGTERM handler
/// can stop the query and leave no file behind (`AtomicFile.installSignalCleanup` calls
/// `stopAll`). Only async-signal-safe calls happen in `stopAll`.
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

    public static func remove(_ slot: Int?) {
        guard let slot else { return }
        lock.withLock {
            pids[slot] = 0
            let p = paths[slot]
            paths[slot] = nil
            free(p)
        }
    }

    /// Kills the registered children and unlinks their files (from a signal handler).
    public static func stopAll() {
        guard initialized else { return }
        for i in 0..<capacity {
            if pids[i] > 0 { kill(pids[i], SIGKILL) }
            if let p = paths[i] { unlink(p) }
        }
    }
}
