import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension AtomicFile {
    /// An output written piece by piece (a replay's frames), with `AtomicFile.write`'s rules:
    /// a regular file (or a new name) is written to a temporary file beside it, flushed and
    /// renamed over it by `commit()`, and removed should the run fail or be interrupted;
    /// standard output, devices, FIFOs and sockets get the whole output at `commit()`, written
    /// the way `AtomicFile.write` writes them (never replaced).
    public final class Stream {
        public let path: String
        private var fd: Int32 = -1
        private var temp = ""
        private var final = ""
        private var slot: Int?
        private var pending: [UInt8] = []
        private var done = false

        public init(path: String) throws {
            self.path = path
            guard case .regular(let final) = try OutputTarget.resolve(path) else { return }
            let dir = (final as NSString).deletingLastPathComponent.isEmpty ? "." : (final as NSString).deletingLastPathComponent
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
                throw WriteError(path: path, message: "folder \(dir) does not exist" + (final != path ? " (the symbolic link points to \(final))" : ""))
            }
            (fd, temp, slot) = try AtomicFile.createTemporary(in: dir, for: (final as NSString).lastPathComponent, reportedAs: path)
            self.final = final
        }

        deinit { abandon() }

        /// Appends `bytes` (kept until 1 MiB have gathered, then written).
        public func write(_ bytes: [UInt8]) throws {
            pending += bytes
            if fd >= 0 && pending.count >= 1 << 20 { try flush() }
        }

        private func flush() throws {
            do { try AtomicFile.writeAll(Data(pending), to: fd, path: path) } catch {
                abandon()
                throw error
            }
            pending.removeAll(keepingCapacity: true)
        }

        /// Finishes the output: the temporary file flushed, moded and renamed over the target,
        /// or the whole output written to the descriptor, device, FIFO or socket.
        public func commit() throws {
            guard !done else { return }
            guard fd >= 0 else {
                done = true
                return try AtomicFile.write(Data(pending), to: path)
            }
            try flush()
            var failure: String?
            if fchmod(fd, 0o666 & ~Umask.value) != 0 { failure = String(cString: strerror(errno)) }
            if failure == nil && fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
            if close(fd) != 0 && failure == nil { failure = String(cString: strerror(errno)) }
            fd = -1
            if failure == nil && rename(temp, final) != 0 { failure = String(cString: strerror(errno)) }
            done = true
            if let failure {
                unlink(temp)
                PendingTempFiles.remove(slot)
                throw WriteError(path: path, message: failure)
            }
            PendingTempFiles.remove(slot)
        }

        /// Drops what was written: the temporary file is removed, the target left as it was.
        public func abandon() {
            guard !done else { return }
            done = true
            if fd >= 0 {
                close(fd)
                fd = -1
                unlink(temp)
                PendingTempFiles.remove(slot)
            }
        }
    }
}
