import Testing
@_spi(JourneyIO) @testable import JourneyCore

/// The pool keeps short names inside its table slots: every length around the 4, 8 and 16
/// byte boundaries, and names that differ only by trailing zero bytes, must stay distinct.
@Suite struct StringPoolTests {
    /// Names of every length 0...40 made of the same letters, plus zero-padded variants.
    static let names: [String] = {
        var out: [String] = []
        for n in 0...40 { out.append(String(repeating: "u", count: n)) }
        for n in 1...20 { out.append(String((0..<n).map { Character(UnicodeScalar(UInt8(97 + $0 % 26))) })) }
        out += ["ab", "ab\0", "ab\0\0", "\0", "\0\0", "u0000000", "u00000000", "u000000000", "ก", "กข"]
        return out
    }()

    @Test func internsEveryNameOnceInFirstSeenOrder() {
        var pool = StringPool()
        let ids = Self.names.map { pool.intern($0) }
        let distinct = Array(Set(Self.names))
        #expect(pool.count == distinct.count)
        for (name, id) in zip(Self.names, ids) {
            #expect(pool.string(id) == name)
            #expect(pool.intern(name) == id)
            #expect(pool.lookup(name) == id)
        }
        #expect(pool.lookup("not there") == nil)
    }

    @Test func growsPastManyRehashes() {
        var pool = StringPool()
        for i in 0..<50_000 { #expect(pool.intern("u\(i)") == UInt32(i)) }
        for i in stride(from: 0, to: 50_000, by: 997) { #expect(pool.lookup("u\(i)") == UInt32(i)) }
    }

    @Test func compactKeepsIdsAndRebuildsOnIntern() {
        var pool = StringPool()
        let ids = Self.names.map { pool.intern($0) }
        pool.compact()
        #expect(pool.lookup("uuuuuuuuu") == ids[9])
        #expect(pool.string(ids[17]) == Self.names[17])
        #expect(pool.intern("uuuuuuuuuuuuuuuuuuuuu") == ids[21])
        let new = pool.intern("a new name, longer than sixteen bytes")
        #expect(new == UInt32(Set(Self.names).count))
        #expect(pool.lookup("a new name, longer than sixteen bytes") == new)
    }

    /// Distinct names appended without a look-up get the ids `intern` would give, and the pool
    /// answers look-ups and interns afterwards (the table rebuilt on demand).
    @Test func appendDistinctGivesInternsIds() {
        let distinct = Array(Set(Self.names)).sorted()
        var a = StringPool(), b = StringPool()
        for n in distinct {
            let viaIntern = a.intern(n)
            let viaAppend = n.utf8CString.withUnsafeBytes { b.appendDistinct(UnsafeRawBufferPointer(rebasing: $0.dropLast())) }
            #expect(viaIntern == viaAppend)
        }
        #expect(b.strings == a.strings)
        #expect(b.lookup(distinct[3]) == 3)
        #expect(b.intern(distinct[5]) == 5)
        #expect(b.intern("not there before") == UInt32(distinct.count))
    }

    @Test func internContentsOfMapsIds() {
        var a = StringPool(), b = StringPool()
        for n in Self.names.prefix(30) { _ = a.intern(n) }
        for n in Self.names.reversed() { _ = b.intern(n) }
        let map = a.intern(contentsOf: b)
        for id in 0..<b.count { #expect(a.string(map[id]) == b.string(UInt32(id))) }
        #expect(a.count == Set(Self.names).count)
    }

    /// The threaded merge gives the ids `intern(contentsOf:)` gives; without its lookup table
    /// the pool still finds, interns and rebuilds correctly.
    @Test(arguments: [(1, true), (2, true), (2, false), (3, false)])
    func threadedMergeEqualsInterning(threads: Int, keepLookup: Bool) {
        var a = StringPool(), b = StringPool()
        for i in 0..<9000 { _ = a.intern("case-\(i)") }
        for i in stride(from: 20_000, to: 4000, by: -1) { _ = b.intern(i % 3 == 0 ? "c\(i)" : "case-\(i)") }
        var merged = a, interned = a
        let map = merged.merge(contentsOf: b, threads: threads, keepLookup: keepLookup)
        #expect(map == interned.intern(contentsOf: b))
        #expect(merged.count == interned.count)
        #expect((0..<merged.count).allSatisfy { merged.string(UInt32($0)) == interned.string(UInt32($0)) })
        #expect(merged.lookup("case-8999") == 8999 && merged.lookup("c20000") == nil)
        #expect(merged.intern("c19998") == interned.lookup("c19998"))
        #expect(merged.intern("brand new") == UInt32(interned.count))
    }
}
