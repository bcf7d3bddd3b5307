/// How a log file is compressed, by its name, else by its first bytes.
public enum LogCompression: Sendable, Equatable {
    case none
    /// `.gz`, or starting with `1f 8b`.
    case gzip
    /// `.zst`, or starting with a zstd frame's magic number `28 b5 2f fd`.
    case zstd

    /// The compression of the file at `path`: by its name (`.gz`, `.zst`), else by its first
    /// four bytes; `.none` when it cannot be read (the reader says why).
    public init(path: String) {
        if let byName = Self(name: path) { self = byName; return }
        guard var file = try? FileByteSource(path: path), let head = try? Self.head(&file) else { self = .none; return }
        self = Self(magic: head)
    }

    /// By the name alone: nil when it ends in neither `.gz` nor `.zst`.
    public init?(name: String) {
        let lower = name.lowercased()
        if lower.hasSuffix(".gz") { self = .gzip } else if lower.hasSuffix(".zst") { self = .zstd } else { return nil }
    }

    public init(magic head: [UInt8]) {
        if head.count >= 2 && head[0] == 0x1f && head[1] == 0x8b { self = .gzip }
        else if head.count >= 4 && head[0] == 0x28 && head[1] == 0xb5 && head[2] == 0x2f && head[3] == 0xfd { self = .zstd }
        else { self = .none }
    }

    /// Up to the first four bytes of `file`.
    public static func head(_ file: inout some ByteSource) throws -> [UInt8] {
        try file.readPrefix(4)
    }
}
