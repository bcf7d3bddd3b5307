import Foundation
import JourneyEngines
#if canImport(Glibc)
import Glibc
#endif

/// Writes outputs so that a reader never sees half of one and nothing `-o` points at is
/// destroyed (issue 15):
/// - `-` (and `/dev/stdout`, `/dev/fd/N`) is written to that descriptor;
/// - a character device or FIFO is opened and written directly, a Unix socket connected to;
/// - a regular file (or a new name) gets a temporary file in its folder, created like
///   `mkstemp` (random name, `O_CREAT|O_EXCL|O_NOFOLLOW`), flushed to disk, given the mode
///   the umask allows, then renamed over it; on failure it is removed and the file is left
///   as it was;
/// - a symlink is followed: its final target is replaced that way and the link stays a link.
public enum AtomicFile {
    public struct WriteError: Error, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "\(path == "-" ? "standard output (-o -)" : path): cannot write: \(message)" }
    }

    /// True when `path` is standard output: `-`, `/dev/stdout`, `/dev/fd/1`, `/proc/self/fd/1`.
    public static func isStandardOutput(_ path: String) -> Bool { OutputTarget.descriptor(named: path) == 1 }

    public static func write(_ data: Data, to path: String) throws {
        switch try OutputTarget.resolve(path) {
        case .descriptor(let fd): try writeAll(data, to: fd, path: path)
        case .direct: try writeDirect(data, to: path)
        case .socket: try writeSocket(data, to: path)
        case .regular(let final): try replace(final, with: data, reportedAs: path)
        }
    }

    public static func write(_ bytes: [UInt8], to path: String) throws { try write(Data(bytes), to: path) }
    public static func write(_ text: String, to path: String) throws { try write(Data(text.utf8), to: path) }

    /// A device or FIFO: opened without creating or truncating anything. A FIFO waits for a
    /// reader, as a shell's `>` does. Should the path have become a regular file since it was
    /// looked at, it is replaced the usual way instead.
    static func writeDirect(_ data: Data, to path: String) throws {
        let fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { throw WriteError(path: path, message: String(cString: strerror(errno))) }
        var st = stat()
        if fstat(fd, &st) == 0 && st.st_mode & S_IFMT == S_IFREG {
            close(fd)
            return try replace(try OutputTarget.followLinks(path), with: data, reportedAs: path)
        }
        defer { close(fd) }
        try writeAll(data, to: fd, path: path)
    }

    /// A Unix socket (stream): connected to and written.
    static func writeSocket(_ data: Data, to path: String) throws {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw WriteError(path: path, message: String(cString: strerror(errno))) }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard bytes.count < capacity else { throw WriteError(path: path, message: "socket path longer than \(capacity - 1) bytes") }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else { throw WriteError(path: path, message: "socket: " + String(cString: strerror(errno))) }
        try writeAll(data, to: fd, path: path)
    }

    /// Temporary file beside `final`, flushed, moded, renamed over it.
    static func replace(_ final: String, with data: Data, reportedAs path: String) throws {
        let dir = (final as NSString).deletingLastPathComponent.isEmpty ? "." : (final as NSString).deletingLastPathComponent
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            throw WriteError(path: path, message: "folder \(dir) does not exist" + (final != path ? " (the symbolic link points to \(final))" : ""))
        }
        let (fd, temp, slot) = try createTemporary(in: dir, for: (final as NSString).lastPathComponent, reportedAs: path)
        defer { PendingTempFiles.remove(slot) }
        var failure: String?
        do { try writeAll(data, to: fd, path: path) } catch let e as WriteError { failure = e.message }
        if failure == nil && fchmod(fd, 0o666 & ~Umask.value) != 0 { failure = String(cString: strerror(errno)) }
        if failure == nil && fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        if close(fd) != 0 && failure == nil { failure = String(cString: strerror(errno)) }
        if failure == nil && rename(temp, final) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temp)
            throw WriteError(path: path, message: failure)
        }
    }

    /// Like `mkstemp`: a random name, created exclusively, never through a link, mode 0600
    /// while being written. Registered for the signal handler (`PendingTempFiles`) before it
    /// exists; the slot it has there is returned for removal.
    static func createTemporary(in dir: String, for name: String, reportedAs path: String) throws -> (Int32, String, Int?) {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        // Long names keep the temporary's within NAME_MAX (255 bytes).
        let base = name.utf8.count > 200 ? "journeymap" : name
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<100 {
            let suffix = String((0..<12).map { _ in alphabet.randomElement(using: &generator)! })
            let temp = dir + "/." + base + ".tmp-" + suffix
            let slot = PendingTempFiles.add(temp)
            let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if fd >= 0 { return (fd, temp, slot) }
            let error = errno
            PendingTempFiles.remove(slot)
            if error != EEXIST { throw WriteError(path: path, message: String(cString: strerror(error))) }
        }
        throw WriteError(path: path, message: "could not create a temporary file in \(dir)")
    }

    /// Writes every byte, retrying after interruptions; a short or failed write (EFBIG with
    /// `ulimit -f`, ENOSPC, EPIPE) is an error naming `path`.
    static func writeAll(_ data: Data, to fd: Int32, path: String) throws {
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
        if let failure { throw WriteError(path: path, message: failure) }
    }

    /// On Ctrl-C or SIGTERM: remove temporary files being written, then exit 130/143.
    /// Both signals are unblocked too: a parent may have started us with them blocked (the
    /// mask is inherited), and a blocked Ctrl-C would wait until the run had finished.
    /// SIGXFSZ is ignored, so a file-size limit (`ulimit -f`) makes the write fail with EFBIG
    /// (exit 73, temporary file removed) instead of killing the process mid-write.
    public static func installSignalCleanup() {
        _ = Umask.value
        PendingTempFiles.prepare()
        signal(SIGXFSZ, SIG_IGN)
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        sigaddset(&unblock, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        for sig in [SIGINT, SIGTERM] {
            signal(sig) { s in
                // Only async-signal-safe work: an atomic load, unlink, kill and _exit.
                PendingTempFiles.unlinkAll()
                ChildProcesses.stopAll()  // engine subprocesses (mine --engine) and their result files
                _exit(128 + s)
            }
        }
    }

    /// Refuses an output path that is also an input (would destroy the input). Standard
    /// output, devices and FIFOs are not replaced, so they are not checked.
    public static func checkNotInput(output: String, inputs: [String]) throws {
        if OutputTarget.descriptor(named: output) != nil { return }
        var st = stat()
        if stat(output, &st) == 0 && st.st_mode & S_IFMT != S_IFREG { return }
        let out = URL(fileURLWithPath: output).standardizedFileURL.resolvingSymlinksInPath().path
        for input in inputs where URL(fileURLWithPath: input).standardizedFileURL.resolvingSymlinksInPath().path == out {
            throw WriteError(path: output, message: "is also an input file; choose another output path")
        }
    }
}

/// The process's file-creation mask, read once at start without changing it (Linux ≥ 4.7
/// shows it in /proc/self/status; elsewhere it is read by setting and restoring it, which is
/// safe only before other threads create files — hence at start).
enum Umask {
    static let value: mode_t = {
        if let mask = fromProcStatus() { return mask }
        let old = umask(0o022)
        umask(old)
        return old
    }()

    /// The `Umask:` line of `/proc/self/status` (Linux ≥ 4.7), read with plain system calls
    /// (Foundation's file reading and trimming took ~1 ms of every run's start).
    private static func fromProcStatus() -> mode_t? {
        let fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: 8192)
        let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard n > 0 else { return nil }
        let key = Array("\nUmask:".utf8)
        var i = 0
        while i + key.count <= n {
            if bytes[i] == key[0] && Array(bytes[i..<(i + key.count)]) == key {
                var j = i + key.count, mask: mode_t = 0, digits = 0
                while j < n, bytes[j] == 0x20 || bytes[j] == 0x09 { j += 1 }
                while j < n, bytes[j] >= 0x30, bytes[j] <= 0x37 { mask = mask * 8 + mode_t(bytes[j] - 0x30); j += 1; digits += 1 }
                return digits > 0 ? mask : nil
            }
            i += 1
        }
        return nil
    }
}
