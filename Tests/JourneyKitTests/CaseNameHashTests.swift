import Foundation
import Testing
@testable import JourneyIO

/// The hash of a case name (`ByteInterner.hash` of its first and last words and whatever lies
/// between): the direct reader's partitions and each partition's case table both come from
/// it, so two names that differ anywhere must hash apart, or every such name would land in
/// one partition and one probe chain.
@Suite struct CaseNameHashTests {
    func hash(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { b in
            let (head, tail) = ByteInterner.words(b.baseAddress!, b.count)
            return ByteInterner.hash(b.baseAddress!, b.count, head, tail)
        }
    }

    @Test func everyByteOfANameChangesItsHash() {
        for n in 1...80 {
            let name = (0..<n).map { UInt8(0x61 + $0 % 26) }
            let base = hash(name)
            for k in 0..<n {
                var other = name
                other[k] ^= 0x20
                #expect(hash(other) != base, "a \(n)-byte name, byte \(k) changed")
            }
        }
    }

    @Test func namesDifferingOnlyInTheirMiddleSpreadOverPartitions() {
        // 20-byte ids with a fixed prefix and suffix: only bytes 8–11 differ.
        let names = (0..<4096).map { i in Array("order-00\(String(format: "%04d", i))-2024-EU".utf8) }
        let hashes = Set(names.map(hash))
        #expect(hashes.count == names.count)
        let partitions = Set(hashes.map { Int(truncatingIfNeeded: $0 >> 24) & 255 })
        #expect(partitions.count > 200, "\(partitions.count) of 256 partitions used")
    }
}
