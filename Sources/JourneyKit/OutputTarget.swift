import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where an output path leads, decided just before writing (issue 15): what `-o` names is
/// written the way its kind of file needs, so a device, a FIFO or a symlink is never replaced
/// by a regular file.
enum OutputTarget: Equatable {
    /// An open descriptor of this process: `-` and `/dev/stdout` (1), `/dev/stderr` (2),
    /// `/dev/fd/N`, `/proc/self/fd/N`. Written as it is (a shell's `>>` keeps appending).
    case descriptor(Int32)
    /// A character device or FIFO: opened for writing and written directly (no temporary
    /// file, no rename; nothing is created or truncated).
    case direct(kind: String)
    /// A Unix socket: connected to and written.
    case socket
    /// A regular file, or a name that does not exist yet: replaced atomically. `path` is the
    /// file really replaced (a symlink's final target; the link stays a link).
    case regular(path: String)

    /// The descriptor a path names without touching the file system, if it names one.
    static func descriptor(named path: String) -> Int32? {
        switch path {
        case "-", "/dev/stdout": return 1
        case "/dev/stderr": return 2
        default:
            for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
                if let n = Int32(path.dropFirst(prefix.count)), n >= 0 { return n }
            }
            return nil
        }
    }

    /// Classifies `path`; throws for what is never written (folders, block devices, links
    /// that loop or lead into a missing folder).
    static func resolve(_ path: String) throws -> OutputTarget {
        if let fd = descriptor(named: path) { return .descriptor(fd) }
        let final = try followLinks(path)
        var st = stat()
        if stat(final, &st) != 0 {
            guard errno == ENOENT else { throw AtomicFile.WriteError(path: path, message: String(cString: strerror(errno))) }
            return .regular(path: final)
        }
        switch st.st_mode & S_IFMT {
        case S_IFREG: return .regular(path: final)
        case S_IFCHR: return .direct(kind: "character device")
        case S_IFIFO: return .direct(kind: "FIFO")
        case S_IFSOCK: return .socket
        case S_IFDIR: throw AtomicFile.WriteError(path: path, message: "is a folder; give a file name")
        case S_IFBLK: throw AtomicFile.WriteError(path: path, message: "is a block device; journeymap does not write over disks")
        default: throw AtomicFile.WriteError(path: path, message: "is not a regular file, device, FIFO or socket")
        }
    }

    /// The path a chain of symlinks ends at (the last link's target, which may not exist yet).
    /// Only the last component is followed: links among the folders work as they are for `rename`.
    static func followLinks(_ path: String) throws -> String {
        var current = path
        for _ in 0..<40 {
            var st = stat()
            guard lstat(current, &st) == 0, st.st_mode & S_IFMT == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(current, &buffer, buffer.count - 1)
            guard n >= 0 else { throw AtomicFile.WriteError(path: path, message: String(cString: strerror(errno))) }
            let target = String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let folder = (current as NSString).deletingLastPathComponent
            current = target.hasPrefix("/") || folder.isEmpty ? target : folder + "/" + target
        }
        throw AtomicFile.WriteError(path: path, message: "too many levels of symbolic links")
    }
}
