import Foundation

/// Encodes `Encodable` values as JSON exactly as Foundation's `JSONEncoder` does with
/// `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]` (two-space indent, `"key" : value`,
/// keys in `String` order, empty containers on two lines, `Double` as its shortest
/// description without a trailing `.0`), byte for byte — tests compare the two on real
/// journey files and on edge cases.
///
/// Written by hand because measured: `JSONEncoder` took 77 ms for the 2.3 MB journey file of
/// the 10M-row benchmark (a third of a 1M-row `mine`); this takes a few milliseconds.
public struct PrettyJSONEncoder {
    public init() {}

    public func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let out = try encodeToSink(value)
        defer { out.column.free() }
        return Array(UnsafeBufferPointer(start: out.column.base, count: out.column.count))
    }

    /// The JSON text and a final newline as `Data` that owns the encoder's buffer (no copy:
    /// a journey file with a million-step variant is ~19 MB of text).
    public func encodeData<T: Encodable>(_ value: T) throws -> Data {
        var out = try encodeToSink(value)
        out.append(0x0a)
        return Data(bytesNoCopy: out.column.base, count: out.column.count, deallocator: .custom { p, _ in p.deallocate() })
    }

    private func encodeToSink<T: Encodable>(_ value: T) throws -> ByteSink {
        let root = NodeBox()
        try value.encode(to: TreeEncoder(box: root, codingPath: []))
        var out = ByteSink()
        write(root.node, indent: 0, into: &out)
        return out
    }

    private func write(_ node: Node, indent: Int, into out: inout ByteSink) {
        switch node {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let text): out.append(contentsOf: text.utf8)
        case .string(let s): Self.writeString(s, into: &out)
        case .rendered(let pieces): for piece in pieces { piece.withUnsafeBufferPointer { out.append(contentsOf: $0) } }
        case .array(let items):
            out.append(UInt8(ascii: "["))
            out.append(0x0a)
            if items.isEmpty { out.append(0x0a) }
            for (i, item) in items.enumerated() {
                pad(indent + 2, &out)
                write(item.node, indent: indent + 2, into: &out)
                if i < items.count - 1 { out.append(UInt8(ascii: ",")) }
                out.append(0x0a)
            }
            pad(indent, &out)
            out.append(UInt8(ascii: "]"))
        case .strings(let items):
            out.append(UInt8(ascii: "["))
            out.append(0x0a)
            if items.isEmpty { out.append(0x0a) }
            for (i, item) in items.enumerated() {
                pad(indent + 2, &out)
                Self.writeString(item, into: &out)
                if i < items.count - 1 { out.append(UInt8(ascii: ",")) }
                out.append(0x0a)
            }
            pad(indent, &out)
            out.append(UInt8(ascii: "]"))
        case .object(let entries):
            out.append(UInt8(ascii: "{"))
            out.append(0x0a)
            if entries.isEmpty { out.append(0x0a) }
            let keys = entries.keys.sorted()
            for (i, key) in keys.enumerated() {
                pad(indent + 2, &out)
                Self.writeString(key, into: &out)
                out.append(contentsOf: " : ".utf8)
                write(entries[key]!.node, indent: indent + 2, into: &out)
                if i < keys.count - 1 { out.append(UInt8(ascii: ",")) }
                out.append(0x0a)
            }
            pad(indent, &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    private func pad(_ n: Int, _ out: inout ByteSink) {
        for _ in 0..<n { out.append(0x20) }
    }

    private static let hex = Array("0123456789abcdef".utf8)

    static func writeString(_ s: String, into out: inout ByteSink) {
        out.append(UInt8(ascii: "\""))
        // Runs of bytes that need no escape are copied whole (journey files are mostly long
        // histogram strings: byte by byte was ~2 % of mining a 1M-row log).
        // Eight bytes are looked at together while none needs an escape (the byte loop was
        // ~2 ms of the 10M-row benchmark's journey file, 2.2 MB of histogram text; `SIMD16`
        // comparisons were ~20 times slower than the byte loop, through generic code).
        let copied: Bool? = s.utf8.withContiguousStorageIfAvailable { bytes in
            guard let base = bytes.baseAddress else { return true }
            let n = bytes.count
            var from = 0, i = 0
            while i < n {
                if i + 8 <= n && !needsEscape(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) {
                    i += 8
                    continue
                }
                let b = base[i]
                if b < 0x20 || b == 0x22 || b == 0x5c {
                    out.append(contentsOf: UnsafeBufferPointer(start: base + from, count: i - from))
                    escape(b, into: &out)
                    from = i + 1
                }
                i += 1
            }
            out.append(contentsOf: UnsafeBufferPointer(start: base + from, count: n - from))
            return true
        }
        if copied == nil { for b in s.utf8 { escape(b, into: &out) } }
        out.append(UInt8(ascii: "\""))
    }

    /// Whether any of the eight bytes of `w` is below 0x20, a quote or a backslash (exact:
    /// "has a byte less than n" and "has a zero byte" of Bit Twiddling Hacks, whose borrows can
    /// only mark bytes above one that does match).
    @inline(__always)
    static func needsEscape(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let control = (w &- ones &* 0x20) & ~w
        let q = w ^ (ones &* 0x22), quote = (q &- ones) & ~q
        let b = w ^ (ones &* 0x5c), backslash = (b &- ones) & ~b
        return (control | quote | backslash) & highs != 0
    }

    /// Appends byte `b` of a string, escaped when JSON requires it.
    @inline(__always)
    private static func escape(_ b: UInt8, into out: inout ByteSink) {
        switch b {
        case 0x22: out.append(0x5c); out.append(0x22)
        case 0x5c: out.append(0x5c); out.append(0x5c)
        case 0x08: out.append(0x5c); out.append(UInt8(ascii: "b"))
        case 0x09: out.append(0x5c); out.append(UInt8(ascii: "t"))
        case 0x0a: out.append(0x5c); out.append(UInt8(ascii: "n"))
        case 0x0c: out.append(0x5c); out.append(UInt8(ascii: "f"))
        case 0x0d: out.append(0x5c); out.append(UInt8(ascii: "r"))
        case 0..<0x20:
            out.append(contentsOf: "\\u00".utf8)
            out.append(hex[Int(b >> 4)]); out.append(hex[Int(b & 15)])
        default: out.append(b)
        }
    }

    static func number(_ d: Double) throws -> String {
        guard d.isFinite else {
            throw EncodingError.invalidValue(d, .init(codingPath: [], debugDescription: "\(d) is not a JSON number"))
        }
        var text = d.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }
}

/// The growing output (raw memory, handed to `Data` without a copy by `encodeData`).
struct ByteSink {
    var column = RawColumn<UInt8>(capacity: 1 << 16)

    @inline(__always)
    mutating func append(_ b: UInt8) { column.append(b) }

    /// Native strings' bytes at once (byte by byte was 6.6 % of `mine` on a web log of
    /// 521,143 edges, their keys and numbers).
    mutating func append(contentsOf text: String.UTF8View) {
        let done: Void? = text.withContiguousStorageIfAvailable { append(contentsOf: $0) }
        if done == nil { for b in text { column.append(b) } }
    }

    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
        if !bytes.isEmpty { column.append(bytes) }
    }
}

// MARK: - The tree the encoder builds

private indirect enum Node {
    case null, bool(Bool), number(String), string(String)
    case array([NodeBox]), object([String: NodeBox])
    /// An array of strings kept as the value's own array (shared, not copied): a box per
    /// element cost ~56 bytes per step of a long variant path (a 1M-event case's path).
    case strings([String])
    /// JSON text written already, for where it is placed (`RenderedJSON`).
    case rendered([[UInt8]])
}

/// JSON text written already (by `JourneyGraph.jsonData`'s edge writer), placed as it is by
/// `PrettyJSONEncoder`, its pieces one after the other: the text must be indented for the
/// place it goes.
struct RenderedJSON: Encodable {
    let pieces: [[UInt8]]
    func encode(to encoder: Encoder) throws {
        throw EncodingError.invalidValue(pieces, .init(codingPath: encoder.codingPath, debugDescription: "rendered JSON text is for PrettyJSONEncoder only"))
    }
}

private final class NodeBox {
    var node: Node = .null
    init() {}
    init(_ node: Node) { self.node = node }
}

private struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init(intValue: Int) { stringValue = "\(intValue)"; self.intValue = intValue }
    init(index: Int) { self.init(intValue: index) }
}

private struct TreeEncoder: Encoder {
    let box: NodeBox
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object = box.node {} else { box.node = .object([:]) }
        return KeyedEncodingContainer(KeyedContainer<Key>(box: box, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array = box.node {} else { box.node = .array([]) }
        return UnkeyedContainer(box: box, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleContainer(box: box, codingPath: codingPath)
    }
}

/// The node of an `Encodable` value (numbers and strings directly, others by encoding).
private func node<T: Encodable>(_ value: T, codingPath: [any CodingKey]) throws -> NodeBox {
    switch value {
    case let v as String: return NodeBox(.string(v))
    case let v as Int: return NodeBox(.number(String(v)))
    case let v as Int64: return NodeBox(.number(String(v)))
    case let v as Double: return NodeBox(.number(try PrettyJSONEncoder.number(v)))
    case let v as Bool: return NodeBox(.bool(v))
    case let v as [String]: return NodeBox(.strings(v))
    case let v as RenderedJSON: return NodeBox(.rendered(v.pieces))
    default:
        let box = NodeBox()
        try value.encode(to: TreeEncoder(box: box, codingPath: codingPath))
        return box
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: NodeBox
    let codingPath: [any CodingKey]

    private func set(_ key: Key, _ child: NodeBox) {
        guard case .object(var entries) = box.node else { return }
        box.node = .null  // keep `entries` uniquely referenced while it changes
        entries[key.stringValue] = child
        box.node = .object(entries)
    }

    mutating func encodeNil(forKey key: Key) throws { set(key, NodeBox(.null)) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { set(key, NodeBox(.bool(value))) }
    mutating func encode(_ value: String, forKey key: Key) throws { set(key, NodeBox(.string(value))) }
    mutating func encode(_ value: Double, forKey key: Key) throws { set(key, NodeBox(.number(try PrettyJSONEncoder.number(value)))) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try encode(Double(value), forKey: key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { set(key, NodeBox(.number(String(value)))) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { set(key, NodeBox(.number(String(value)))) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { set(key, NodeBox(.number(String(value)))) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { set(key, NodeBox(.number(String(value)))) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { set(key, NodeBox(.number(String(value)))) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { set(key, NodeBox(.number(String(value)))) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { set(key, NodeBox(.number(String(value)))) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { set(key, NodeBox(.number(String(value)))) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { set(key, NodeBox(.number(String(value)))) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { set(key, NodeBox(.number(String(value)))) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        set(key, try node(value, codingPath: codingPath + [key]))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                        forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = NodeBox(.object([:]))
        set(key, child)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(box: child, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = NodeBox(.array([]))
        set(key, child)
        return UnkeyedContainer(box: child, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder { superEncoder(forKey: Key(stringValue: "super")!) }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let child = NodeBox()
        set(key, child)
        return TreeEncoder(box: child, codingPath: codingPath + [key])
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let box: NodeBox
    let codingPath: [any CodingKey]
    var count: Int {
        if case .array(let items) = box.node { return items.count }
        return 0
    }

    private func append(_ child: NodeBox) {
        guard case .array(var items) = box.node else { return }
        box.node = .null  // keep `items` uniquely referenced while it grows
        items.append(child)
        box.node = .array(items)
    }

    mutating func encodeNil() throws { append(NodeBox(.null)) }
    mutating func encode(_ value: Bool) throws { append(NodeBox(.bool(value))) }
    mutating func encode(_ value: String) throws { append(NodeBox(.string(value))) }
    mutating func encode(_ value: Double) throws { append(NodeBox(.number(try PrettyJSONEncoder.number(value)))) }
    mutating func encode(_ value: Float) throws { try encode(Double(value)) }
    mutating func encode(_ value: Int) throws { append(NodeBox(.number(String(value)))) }
    mutating func encode(_ value: Int8) throws { append(NodeBox(.number(String(value)))) }
    mutating func encode(_ value: Int16) throws { append(NodeBox(.number(String(value)))) }
    mutating func encode(_ value: Int32) throws { append(NodeBox(.number(String(value)))) }
    mutating func encode(_ value: Int64) throws { append(NodeBox(.number(String(value)))) }
    mutating func encode(_ value: UInt) throws { append(NodeBox(.number(String(value)))) }
    mutating func encode(_ value: UInt8) throws { append(NodeBox(.number(String(value)))) }
    mutating func encode(_ value: UInt16) throws { append(NodeBox(.number(String(value)))) }
    mutating func encode(_ value: UInt32) throws { append(NodeBox(.number(String(value)))) }
    mutating func encode(_ value: UInt64) throws { append(NodeBox(.number(String(value)))) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        append(try node(value, codingPath: codingPath + [AnyKey(index: count)]))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = NodeBox(.object([:]))
        let path = codingPath + [AnyKey(index: count)]
        append(child)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(box: child, codingPath: path))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = NodeBox(.array([]))
        let path = codingPath + [AnyKey(index: count)]
        append(child)
        return UnkeyedContainer(box: child, codingPath: path)
    }

    mutating func superEncoder() -> any Encoder {
        let child = NodeBox()
        let path = codingPath + [AnyKey(index: count)]
        append(child)
        return TreeEncoder(box: child, codingPath: path)
    }
}

private struct SingleContainer: SingleValueEncodingContainer {
    let box: NodeBox
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { box.node = .null }
    mutating func encode(_ value: Bool) throws { box.node = .bool(value) }
    mutating func encode(_ value: String) throws { box.node = .string(value) }
    mutating func encode(_ value: Double) throws { box.node = .number(try PrettyJSONEncoder.number(value)) }
    mutating func encode(_ value: Float) throws { try encode(Double(value)) }
    mutating func encode(_ value: Int) throws { box.node = .number(String(value)) }
    mutating func encode(_ value: Int8) throws { box.node = .number(String(value)) }
    mutating func encode(_ value: Int16) throws { box.node = .number(String(value)) }
    mutating func encode(_ value: Int32) throws { box.node = .number(String(value)) }
    mutating func encode(_ value: Int64) throws { box.node = .number(String(value)) }
    mutating func encode(_ value: UInt) throws { box.node = .number(String(value)) }
    mutating func encode(_ value: UInt8) throws { box.node = .number(String(value)) }
    mutating func encode(_ value: UInt16) throws { box.node = .number(String(value)) }
    mutating func encode(_ value: UInt32) throws { box.node = .number(String(value)) }
    mutating func encode(_ value: UInt64) throws { box.node = .number(String(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        box.node = try node(value, codingPath: codingPath).node
    }
}
