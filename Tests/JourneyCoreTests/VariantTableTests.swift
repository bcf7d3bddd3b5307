import Testing
@_spi(JourneyIO) @testable import JourneyCore

/// Variants are counted by exact path; ids above 127 take several LEB128 bytes.
@Suite struct VariantTableTests {
    @Test func countsExactPathsAndDecodesThem() {
        var table = VariantTable()
        defer { table.free() }
        let paths: [[Int32]] = [[1, 2, 3], [200, 3], [1, 2, 3], [], [3, 2, 1], [200, 3], [16_384, 127, 128], [1, 2], [1, 2, 3, 0]]
        for p in paths { p.withUnsafeBufferPointer { table.add(path: $0, count: 1) } }
        var counts: [[Int32]: Int64] = [:]
        for s in 0..<table.count.count { counts[table.path(s)] = table.count[s] }
        var expected: [[Int32]: Int64] = [:]
        for p in paths { expected[p, default: 0] += 1 }
        #expect(counts == expected)
    }

    @Test func mergesByEncodedPathAcrossManyRehashes() {
        var a = VariantTable(), b = VariantTable()
        defer { a.free(); b.free() }
        for i: Int32 in 0..<5000 { [i % 300, i / 300].withUnsafeBufferPointer { a.add(path: $0, count: 2) } }
        for i: Int32 in 2500..<7500 { [i % 300, i / 300].withUnsafeBufferPointer { b.add(path: $0, count: 1) } }
        for s in 0..<b.count.count { a.add(encoded: b.encoded(s), count: b.count[s]) }
        #expect(a.count.count == 7500)
        var total: Int64 = 0
        for s in 0..<a.count.count {
            let p = a.path(s)
            let i = p[1] * 300 + p[0]
            #expect(a.count[s] == (i < 2500 ? 2 : i < 5000 ? 3 : 1))
            total += a.count[s]
        }
        #expect(total == 15_000)
    }

    /// The threaded merge gives the same slots, paths and counts as adding one by one.
    @Test(arguments: [1, 2, 3])
    func threadedMergeEqualsAddingOneByOne(threads: Int) {
        func table(_ range: Range<Int32>, count: Int64) -> VariantTable {
            var t = VariantTable()
            for i in range { [i % 300, i / 300, 128 + i % 7].withUnsafeBufferPointer { t.add(path: $0, count: count) } }
            return t
        }
        var merged = table(0..<6000, count: 2), added = table(0..<6000, count: 2)
        let b = table(3000..<12_000, count: 1)
        defer { merged.free(); added.free(); b.free() }
        merged.merge(b, threads: threads)
        for s in 0..<b.count.count { added.add(encoded: b.encoded(s), count: b.count[s]) }
        #expect(merged.count.count == 12_000 && added.count.count == 12_000)
        for s in 0..<added.count.count {
            #expect(merged.path(s) == added.path(s))
            #expect(merged.count[s] == added.count[s])
        }
        // Still a working table: an old and a new path are found, not added again.
        [0, 0, 128].withUnsafeBufferPointer { merged.add(path: $0, count: 1) }
        [Int32(11_999 % 300), 11_999 / 300, 128 + 11_999 % 7].withUnsafeBufferPointer { merged.add(path: $0, count: 1) }
        #expect(merged.count.count == 12_000)
        #expect(merged.count[0] == 3 && merged.count[11_999] == 2)
    }
}
