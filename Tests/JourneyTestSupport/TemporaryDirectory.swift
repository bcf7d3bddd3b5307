import Foundation

/// A fresh folder under the system's temporary directory, removed when the value goes away
/// (or by `remove()`).
public final class TemporaryDirectory: @unchecked Sendable {
    public let url: URL

    /// `prefix` names the folder (`prefix-UUID`), so a leftover says which test made it.
    public init(_ prefix: String = "journeymap-test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { remove() }

    public var path: String { url.path }

    /// The path of `name` inside the folder (nothing is created).
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `bytes` to `name` inside the folder and returns its path.
    @discardableResult
    public func write(_ name: String, bytes: [UInt8]) throws -> String {
        let p = path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: p))
        return p
    }

    /// Writes `text` (UTF-8) to `name` inside the folder and returns its path.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String { try write(name, bytes: Array(text.utf8)) }

    /// Names in the folder, sorted.
    public func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }

    public func remove() { try? FileManager.default.removeItem(at: url) }

    /// A fresh folder `prefix-UUID` under the system's temporary directory that the caller
    /// removes itself (suites that `defer` the removal); else prefer a `TemporaryDirectory` or
    /// `ScratchFolders`, which remove theirs.
    public static func makeFolder(_ prefix: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Temporary folders a test suite makes as it goes, removed with the suite value (swift-testing
/// makes one per test), so files written by helpers outlive the helper call.
public final class ScratchFolders: @unchecked Sendable {
    private let lock = NSLock()
    private var folders: [TemporaryDirectory] = []
    private let prefix: String

    public init(_ prefix: String = "journeymap-test") { self.prefix = prefix }

    private var shared: TemporaryDirectory?

    /// A new folder, kept until this value goes.
    public func folder() throws -> TemporaryDirectory {
        let f = try TemporaryDirectory(prefix)
        lock.lock(); folders.append(f); lock.unlock()
        return f
    }

    /// The path of `name` in one folder shared by every call on this value (made on first
    /// use, removed with this value; nothing is created at the path).
    public func path(_ name: String) throws -> String {
        lock.lock(); defer { lock.unlock() }
        if shared == nil {
            let f = try TemporaryDirectory(prefix)
            shared = f
            folders.append(f)
        }
        return shared!.path(name)
    }
}
