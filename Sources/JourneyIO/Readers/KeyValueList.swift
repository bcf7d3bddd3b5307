@_spi(JourneyIO) import JourneyCore
/// GA4's key/value lists: `event_params` and `user_properties` hold
/// `[{"key": "ga_session_id", "value": {"string_value": null, "int_value": "1611", …}}, …]`,
/// and the path `event_params.ga_session_id` names the value of one key (the first of
/// `string_value`, `int_value`, `double_value`, `float_value` that is not null, as written:
/// BigQuery's JSON export writes integers as strings).
///
/// JSON Lines logs hold the list as JSON; a CSV export holds its JSON text in a cell, as the
/// list or wrapped in an object of one key (`{"event_params": [ … ]}`, as some export
/// pipelines write each nested column, pretty-printed over several lines). A log
/// that has the dotted name itself (a flattened export) is read as it is.
struct KeyedPath: Sendable, Equatable {
    /// The list's column or JSON path (`event_params`).
    var list: String
    /// The key looked for, as bytes.
    var key: [UInt8]

    static let lists = ["event_params", "user_properties"]

    /// `event_params.KEY` / `user_properties.KEY`; nil for other paths.
    static func parse(_ path: String) -> KeyedPath? {
        for list in lists where path.hasPrefix(list + ".") && path.count > list.count + 1 {
            return KeyedPath(list: list, key: Array(path.utf8.dropFirst(list.utf8.count + 1)))
        }
        return nil
    }
}

/// Finds one key's value in the JSON text of a key/value list; the bytes it returns are its
/// own and stay valid until its next call. One per role being read (not shared by threads).
final class KeyValueListReader {
    private var element = JSONScanner(paths: ["key", "value.string_value", "value.int_value",
                                              "value.double_value", "value.float_value"])
    private var out = UnsafeMutableRawPointer.allocate(byteCount: 256, alignment: 1)
    private var capacity = 256

    deinit { out.deallocate() }

    /// The value of `key` in `list` (a JSON array of `{key, value}` objects); nil when the
    /// list is absent, holds no such key, its value is null, or the text is not such a list.
    /// - Complexity: O(bytes of the list).
    func value(of key: [UInt8], in list: UnsafeRawBufferPointer?) -> UnsafeRawBufferPointer? {
        guard let list, let base = list.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
        let n = list.count
        var p = 0
        func skipSpace() { while p < n && (base[p] == 0x20 || base[p] == 0x09 || base[p] == 0x0a || base[p] == 0x0d) { p += 1 } }
        skipSpace()
        // Some exports wrap the list in an object of one key: {"event_params": [ … ]}.
        if p < n, base[p] == 0x7b {
            p += 1
            skipSpace()
            guard p < n, base[p] == 0x22 else { return nil }
            p += 1
            while p < n && base[p] != 0x22 { p += base[p] == 0x5c ? 2 : 1 }
            p += 1
            skipSpace()
            guard p < n, base[p] == 0x3a else { return nil }
            p += 1
            skipSpace()
        }
        guard p < n, base[p] == 0x5b else { return nil }
        p += 1
        while true {
            skipSpace()
            guard p < n, base[p] == 0x7b, let end = Self.objectEnd(base, from: p, count: n) else { return nil }
            do { try element.extract(base, start: p, end: end) } catch { return nil }
            if let k = element.value(0), k.elementsEqual(key) {
                for i in 1...4 {
                    guard let v = element.value(i) else { continue }
                    if v.count > capacity {
                        out.deallocate()
                        capacity = max(v.count, capacity * 2)
                        out = .allocate(byteCount: capacity, alignment: 1)
                    }
                    if v.count > 0 { out.copyMemory(from: v.baseAddress!, byteCount: v.count) }
                    return UnsafeRawBufferPointer(start: out, count: v.count)
                }
                return nil
            }
            p = end
            skipSpace()
            guard p < n, base[p] == 0x2c else { return nil }
            p += 1
        }
    }

    /// The offset just after the object starting at `from` (strings and nesting honoured), or nil.
    private static func objectEnd(_ b: UnsafePointer<UInt8>, from: Int, count n: Int) -> Int? {
        var depth = 0, p = from, inString = false
        while p < n {
            let c = b[p]
            if inString {
                if c == 0x5c { p += 2; continue }
                if c == 0x22 { inString = false }
            } else if c == 0x22 {
                inString = true
            } else if c == 0x7b || c == 0x5b {
                depth += 1
            } else if c == 0x7d || c == 0x5d {
                depth -= 1
                if depth == 0 { return p + 1 }
            }
            p += 1
        }
        return nil
    }
}
