import Testing
@testable import JourneyIO

/// `CaseTable`, the direct path's case numbering: ids in first-seen order, names of every
/// length told apart (those over 16 bytes by their middle bytes too), through growth and reuse.
@Suite struct CaseTableTests {
    /// Interns `names` (kept alive by the caller) and returns their ids.
    private func intern(_ names: [[UInt8]], into table: inout CaseTable) -> [UInt32] {
        names.map { name in
            name.withUnsafeBytes { raw in
                let p = raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
                let key = CaseTable.key(p, raw.count)
                return table.intern(p, raw.count, head: key.head, tail: key.tail, hash: key.hash)
            }
        }
    }

    /// Names alike at both ends: long ones differ only in the middle, short ones only in length.
    private func names(_ n: Int) -> [[UInt8]] {
        (0..<n).map { i in
            switch i % 4 {
            case 0: return Array("customer-\(i)".utf8)
            case 1: return Array("AAAAAAAA\(String(i, radix: 36))ZZZZZZZZ".utf8)  // over 16 bytes
            case 2: return Array(repeating: UInt8(ascii: "x"), count: i % 40)  // 0 to 39 bytes of one letter
            default: return Array("ผู้ใช้\(i)".utf8)
            }
        }
    }

    @Test func idsAreFirstSeenOrderAndRepeatsFindThem() {
        let all = names(5_000)
        var distinct: [[UInt8]] = []
        var seen: [[UInt8]: UInt32] = [:]
        var expected: [UInt32] = []
        for name in all {
            if let id = seen[name] { expected.append(id) } else {
                seen[name] = UInt32(distinct.count); expected.append(UInt32(distinct.count)); distinct.append(name)
            }
        }
        var table = CaseTable()
        // Grows from 64 slots on the way, then finds every name again.
        #expect(intern(all, into: &table) == expected)
        #expect(table.count == distinct.count)
        #expect(intern(all.reversed(), into: &table) == expected.reversed())
        #expect(table.count == distinct.count)
        for (id, name) in distinct.enumerated() {
            #expect(Array(table.name(id)) == name)
        }
    }

    @Test func emptiedTableNumbersAgainFromZero() {
        let first = names(300), second = Array(names(900).suffix(200))
        var table = CaseTable()
        _ = intern(first, into: &table)
        table.removeAll()
        table.reserveCapacity(1_000)
        let ids = intern(second, into: &table)
        var fresh = CaseTable()
        #expect(ids == intern(second, into: &fresh))
        #expect(table.count == fresh.count)
    }
}
