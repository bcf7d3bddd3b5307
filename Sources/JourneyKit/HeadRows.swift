import Foundation
import JourneyCore
import JourneyIO

/// The first rows of a log as the timestamp checks read them again (`EpochRangeCheck`,
/// `DateOnlyCheck`, `BuddhistEraCheck`): at most `LogSniffer.headBytes`, cut after the last
/// whole line, read with the log's reading plan and bad rows skipped.
enum HeadRows {
    /// The head's bytes, cut after the last whole line when the file is longer; in UTF-8 when
    /// `encoding` (`--encoding`) names another (what converts, up to its last whole line).
    static func bytes(of path: String, encoding: String?) -> [UInt8] {
        var head = LogLoader.head(of: path)
        if head.count >= LogSniffer.headBytes, let lastLine = head.lastIndex(of: 0x0a) { head.removeSubrange((lastLine + 1)...) }
        // A file starting with a byte order mark was converted when its head was read (`FileHead`).
        guard let encoding, !LogTextEncoding.namesUTF8(encoding), !LogTextEncoding.plainFileIsMarked(path: path),
              var source = try? TranscodingByteSource(wrapping: MemoryByteSource(head, name: path), encoding: encoding) else { return head }
        var text: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var stopped = false
        while true {
            guard let k = try? chunk.withUnsafeMutableBytes({ try source.read(into: $0) }) else { stopped = true; break }
            if k == 0 { break }
            text += chunk[..<k]
        }
        if stopped, let lastLine = text.lastIndex(of: 0x0a) { text.removeSubrange((lastLine + 1)...) }
        return text
    }

    /// The first rows of `path` read as `request` reads it, when its format is one of
    /// `formats`; nil otherwise or when they hold no event.
    static func read(path: String, request: LogRequest, formats: Set<LogFormat>) -> (table: EventTable, columns: ResolvedColumns)? {
        // A path table has no times of its own to check.
        guard let (format, plan) = try? LogLoader.readingPlan(path: path, request: request), formats.contains(format),
              plan.pathTable == nil else { return nil }
        var read = plan
        read.onError = .skip
        var source = MemoryByteSource(bytes(of: path, encoding: plan.encoding), name: path)
        let table = EventTable()
        guard let columns = try? readLog(&source, format: format, into: table, options: read), table.count > 0 else { return nil }
        return (table, columns)
    }
}
