import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes files so that a reader never sees half of one: bytes go to a temporary file in the
/// same folder, are flushed to disk, then renamed over the target. On any failure the
/// temporary file is removed and the target is left as it was.
public enum AtomicFile {
    public struct WriteError: Error, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "\(path): cannot write: \(message)" }
    }

    /// Paths of temporary files being written, removed by the SIGINT/SIGTERM handler.
    nonisolated(unsafe) static var pending: Set<String> = []
    static let lock = NSLock()

    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            throw WriteError(path: path, message: "folder \(dir) does not exist")
        }
        let temp = dir + "/." + url.lastPathComponent + ".tmp-\(getpid())"
        lock.withLock { _ = pending.insert(temp) }
        defer { lock.withLock { _ = pending.remove(temp) } }
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw WriteError(path: path, message: String(cString: strerror(errno))) }
        var failure: String?
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += n
            }
        }
        if failure == nil && fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        if close(fd) != 0 && failure == nil { failure = String(cString: strerror(errno)) }
        if failure == nil && rename(temp, path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temp)
            throw WriteError(path: path, message: failure)
        }
    }

    public static func write(_ bytes: [UInt8], to path: String) throws { try write(Data(bytes), to: path) }
    public static func write(_ text: String, to path: String) throws { try write(Data(text.utf8), to: path) }

    /// On Ctrl-C or SIGTERM: remove temporary files being written, then exit 130/143.
    /// Both signals are unblocked too: a parent may have started us with them blocked (the
    /// mask is inherited), and a blocked Ctrl-C would wait until the run had finished.
    public static func installSignalCleanup() {
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        sigaddset(&unblock, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        for sig in [SIGINT, SIGTERM] {
            signal(sig) { s in
                // Only async-signal-safe calls: unlink and _exit. The set is read without the
                // lock (a torn read at worst misses a file being created at that instant).
                for p in AtomicFile.pending { unlink(p) }
                _exit(128 + s)
            }
        }
    }

    /// Refuses an output path that is also an input (would destroy the input).
    public static func checkNotInput(output: String, inputs: [String]) throws {
        let out = URL(fileURLWithPath: output).standardizedFileURL.resolvingSymlinksInPath().path
        for input in inputs where URL(fileURLWithPath: input).standardizedFileURL.resolvingSymlinksInPath().path == out {
            throw WriteError(path: output, message: "is also an input file; choose another output path")
        }
    }
}
