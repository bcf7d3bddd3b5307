import Foundation
import JourneyScene
#if canImport(Glibc)
import Glibc
#endif

/// Reads a persona's `photo:` file (issue 15). The picture may be shared, and the photo is
/// embedded in it, so a persona file may only name photos in its own folder and below (after
/// following symlinks and `..`), unless the caller allows others (`--allow-photos-outside`).
/// A path outside gets the same answer whether or not a file is there. Only regular files
/// are read, and at most `limit` bytes of them: `/dev/zero`, a FIFO or a folder is named for
/// what it is and never read. (`PersonaPhoto.load` reads through it.)
enum PersonaPhotoFile {
    enum Outcome: Equatable {
        case bytes([UInt8])
        case problem(String)
    }

    static var limit: Int { PersonaPhoto.maxBytes }
    static var tooLarge: String { "larger than \(limit / 1_000_000) MB" }

    static func read(_ photo: String, yaml: String, allowOutside: Bool) -> Outcome {
        let folder = URL(fileURLWithPath: yaml).deletingLastPathComponent().standardizedFileURL.path
        let candidate = photo.hasPrefix("/") ? photo : (folder as NSString).appendingPathComponent(photo)
        if !allowOutside {
            let root = realPath(folder) ?? folder
            let resolved = resolvedPath(candidate)
            guard resolved == root || resolved.hasPrefix(root == "/" ? "/" : root + "/") else {
                return .problem("outside the persona file's folder \(root): photos are read from there and below; "
                    + "--allow-photos-outside reads others")
            }
        }
        let fd = open(candidate, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else {
            return .problem(errno == ENOENT ? "no such file: \(candidate)" : "\(candidate): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return .problem(String(cString: strerror(errno))) }
        guard st.st_mode & S_IFMT == S_IFREG else { return .problem("not a regular file: \(kind(st.st_mode))") }
        guard st.st_size <= limit else { return .problem(tooLarge) }
        var bytes = [UInt8](repeating: 0, count: Int(st.st_size) + 1)
        var count = 0
        while count < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + count, $0.count - count) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { return .problem(String(cString: strerror(errno))) }
            if n == 0 { break }
            count += n
            // A file growing while read is read up to the limit, never beyond.
            if count == bytes.count && count <= limit { bytes += [UInt8](repeating: 0, count: min(1 << 20, limit + 1 - count)) }
        }
        guard count <= limit else { return .problem(tooLarge) }
        return .bytes(Array(bytes[..<count]))
    }

    /// The path with symlinks and `..` resolved as far as it exists: the whole path, else its
    /// folder (a missing file in a real folder), else the path cleaned of `..` alone.
    static func resolvedPath(_ path: String) -> String {
        if let real = realPath(path) { return real }
        let url = URL(fileURLWithPath: path).standardizedFileURL
        if let parent = realPath(url.deletingLastPathComponent().path) {
            return (parent as NSString).appendingPathComponent(url.lastPathComponent)
        }
        return url.path
    }

    static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFIFO: return "a FIFO"
        case S_IFSOCK: return "a socket"
        case S_IFDIR: return "a folder"
        default: return "not a regular file"
        }
    }
}
