import Foundation
import JourneyCore
import JourneyIO

/// The first rows of a log as the timestamp checks read them again (`EpochRangeCheck`,
/// `DateOnlyCheck`, `BuddhistEraCheck`): at most `LogSniffer.headBytes`, cut after the last
/// whole line, read with the log's reading plan and bad rows skipped.
enum HeadRows {
    /// The head's bytes, cut after the last whole line when the file is longer.
    static func bytes(of path: String) -> [UInt8] {
        var head = LogLoader.head(of: path)
        if head.count >= LogSniffer.headBytes, let lastLine = head.lastIndex(of: 0x0a) { head.removeSubrange((lastLine + 1)...) }
        return head
    }

    /// The first rows of `path` read as `request` reads it, when its format is one of
    /// `formats`; nil otherwise or when they hold no event.
    static func read(path: String, request: LogRequest, formats: Set<LogFormat>) -> (table: EventTable, columns: ResolvedColumns)? {
        guard let (format, plan) = try? LogLoader.readingPlan(path: path, request: request), formats.contains(format) else { return nil }
        var read = plan
        read.onError = .skip
        var source = MemoryByteSource(bytes(of: path), name: path)
        let table = EventTable()
        guard let columns = try? readLog(&source, format: format, into: table, options: read), table.count > 0 else { return nil }
        return (table, columns)
    }
}
