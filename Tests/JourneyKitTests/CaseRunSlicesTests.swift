import Testing
@testable import JourneyIO

/// The first slice each case partition gets in a block of a decompressed stream
/// (`CaseRuns.sliceBytes`): half the block's bytes per partition, more when earlier blocks'
/// runs took more (a shuffled log's about half), whole pages from a page up.
@Suite struct CaseRunSlicesTests {
    let page = CaseRuns.pageSize
    let block = 4 << 20

    @Test func withoutEarlierBlocksSlicesAreHalfTheBlock() {
        #expect(CaseRuns.sliceBytes(expectedBytes: block, partitions: 256) == 8 << 10)
        // 1,024 partitions: 2 KiB packed (whole pages would each be touched for ~1–2 KiB).
        let small = CaseRuns.sliceBytes(expectedBytes: block, partitions: 1024)
        #expect(small == 2 << 10)
    }

    @Test func aShuffledLogsShareGetsRoomAndWholePages() {
        // Runs took 46 % of the bytes: 1.5 × that, rounded up to whole pages from a page up
        // (4 KiB on x86-64; 16 or 64 KiB on some arm64 kernels), else to cache lines.
        let s = CaseRuns.sliceBytes(expectedBytes: block, partitions: 256, runShare: 0.46)
        let want = Int(Double(block / 256) * 0.46 * 1.5)
        let unit = want >= page ? page : 64
        #expect(s % unit == 0)
        #expect(s >= want && s < want + unit)
    }

    @Test func aSmallShareNeverShrinksTheSlicesAndALargeOneIsCapped() {
        #expect(CaseRuns.sliceBytes(expectedBytes: block, partitions: 256, runShare: 0.2) == 8 << 10)
        #expect(CaseRuns.sliceBytes(expectedBytes: block, partitions: 256, runShare: 5) == 32 << 10)
        // Below a page the slices stay packed at cache lines.
        let packed = CaseRuns.sliceBytes(expectedBytes: block, partitions: 1024, runShare: 0.6)
        #expect(packed % 64 == 0 && packed < page && packed >= Int(Double(block / 1024) * 0.9))
    }

    @Test func plainFilesRangesAreWholePagesOfTheirBytes() {
        let bytes = 60 << 20
        let pages = (bytes / 256 + page - 1) / page * page
        #expect(CaseRuns.sliceBytes(expectedBytes: bytes, partitions: 256) == pages)
        #expect(CaseRuns.sliceBytes(expectedBytes: bytes, partitions: 256, runShare: 0.9) == pages)
    }
}
