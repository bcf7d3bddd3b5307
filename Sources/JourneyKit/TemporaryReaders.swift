// TEMPORARY until the readers branch lands (then this file is deleted): a naive CSV split so
// the CLI can be exercised end to end.
import JourneyCore
public func openLogSource(path: String) throws -> FileByteSource { try FileByteSource(path: path) }
public func readLog<S: ByteSource>(_ source: inout S, format: LogFormat, into table: EventTable, options: ReadOptions) throws -> ResolvedColumns {
    var bytes: [UInt8] = []
    var buf = [UInt8](repeating: 0, count: 1 << 20)
    while true {
        let n = try buf.withUnsafeMutableBytes { try source.read(into: $0) }
        if n == 0 { break }
        bytes += buf[0..<n]
    }
    let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    let header = lines[0]
    let c = header.firstIndex(of: options.columns.caseColumn ?? "user_id")!, a = header.firstIndex(of: options.columns.activityColumn ?? "event")!, t = header.firstIndex(of: options.columns.timestampColumn ?? "timestamp")!
    for l in lines.dropFirst() { table.append(case: l[c], activity: l[a], timestamp: options.timestamps.parse(l[t])!) }
    return ResolvedColumns(caseColumn: header[c], activityColumn: header[a], timestampColumn: header[t])
}
