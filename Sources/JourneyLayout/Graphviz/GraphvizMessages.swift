import CGraphviz

/// Collects what Graphviz reports, and turns failed C calls into `LayoutError.graphviz`.
///
/// Graphviz prints errors and warnings to stderr unless a handler is installed with `agseterrf`,
/// and keeps a "worst level seen" that only `agreseterrors` clears. `capturing` installs a
/// handler that appends each message to `messages`; `check` resets the level before the call it
/// wraps and reads it after, so an error is blamed on the call that raised it.
///
/// The handler is a C function pointer with no context argument, so the buffer is static. It is
/// only touched while `GraphvizLock` is held (like every Graphviz call), which is what makes the
/// `nonisolated(unsafe)` sound.
enum GraphvizMessages {
    nonisolated(unsafe) private static var buffer: [String] = []

    private static let handler: agusererrf = { message in
        if let message {
            GraphvizMessages.buffer.append(String(cString: message))
        }
        return 0
    }

    /// Runs `body` with Graphviz messages captured instead of printed; restores the previous
    /// handler and level afterwards. Requires `GraphvizLock`.
    /// The corresponding C functions are `agseterrf` and `agseterr`.
    static func capturing<T>(_ body: () throws -> T) rethrows -> T {
        buffer.removeAll()
        let previousHandler = agseterrf(handler)
        let previousLevel = agseterr(AGWARN)
        defer {
            agseterrf(previousHandler)
            agseterr(previousLevel)
            buffer.removeAll()
        }
        return try body()
    }

    /// Every message captured so far in this `capturing` scope, trimmed, in order.
    static var messages: [String] { clean(buffer[...]) }

    /// Runs a C call that returns a status (0 = success) and throws when it failed or raised an
    /// error-level message. The corresponding C functions are `agreseterrors` and `agerrors`.
    static func check(_ call: String, _ body: () -> Int32) throws {
        let mark = begin()
        let status = body()
        try end(call, mark, failed: status != 0)
    }

    /// Runs a C call that returns a pointer (nil = failure) and throws when it failed or raised
    /// an error-level message.
    static func check<T>(_ call: String, _ body: () -> T?) throws -> T {
        let mark = begin()
        let value = body()
        try end(call, mark, failed: value == nil)
        guard let value else { throw LayoutError.graphviz(call: call, message: "") }
        return value
    }

    private static func begin() -> Int {
        agreseterrors()
        return buffer.count
    }

    private static func end(_ call: String, _ mark: Int, failed: Bool) throws {
        guard failed || agerrors() >= Int32(AGERR.rawValue) else { return }
        throw LayoutError.graphviz(call: call, message: clean(buffer[mark...]).joined(separator: "; "))
    }

    private static func clean(_ raw: ArraySlice<String>) -> [String] {
        // Graphviz ends messages with "\n" and splits some across calls; join, then split lines.
        raw.joined().split(separator: "\n").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
    }
}

private extension Substring {
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }),
              let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
