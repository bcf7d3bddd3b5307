import JourneyCore
import JourneyIO

/// Feeds one fuzz input through a real reader, the way `journeymap mine` reads a file.
///
/// The input's length picks the variations, so every input replays the same way in a
/// regression test: chunk size (8 KiB, more than libFuzzer's inputs, or tiny chunks that cut rows
/// anywhere), `--on-error fail` or `skip`, and (CSV) a detected or given delimiter.
/// An `InputError` is the expected way to refuse bad bytes; any other error traps, so
/// libFuzzer reports it.
public func fuzzReadLog(_ bytes: [UInt8], format: LogFormat) {
    let variant = bytes.count
    // Half the inputs in one chunk (the common case, and fast), half cut at 512, 64, 7 or 1 bytes.
    let chunkSizes = [8192, 8192, 8192, 8192, 512, 64, 7, 1]
    let chunk = chunkSizes[variant & 7]
    var options = ReadOptions()
    options.onError = (variant >> 3) & 1 == 0 ? .fail : .skip
    if format == .csv && (variant >> 4) & 1 == 1 { options.delimiter = UInt8(ascii: ";") }
    let table = EventTable(attributeNames: (variant >> 5) & 1 == 1 ? ["channel", "amount"] : [])
    var source = MemoryByteSource(bytes, name: "fuzz")
    do {
        _ = try readLog(&source, format: format, into: table, options: options, chunkSize: chunk)
    } catch is InputError {
        return
    } catch {
        fatalError("reader threw something other than an InputError: \(error)")
    }
    checkTable(table)
}

/// The table a reader filled must be consistent: one id per event in every column, ids in range.
func checkTable(_ table: EventTable) {
    let n = table.count
    precondition(table.activityIDs.count == n && table.channelIDs.count == n && table.timestamps.count == n)
    for column in table.attributeColumns { precondition(column.count == n) }
    for id in table.caseIDs { precondition(Int(id) < table.cases.count) }
    for id in table.activityIDs { precondition(Int(id) < table.activities.count) }
    for id in table.channelIDs { precondition(Int(id) < table.channels.count) }
}

/// Copies libFuzzer's input into an array.
public func fuzzBytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}
