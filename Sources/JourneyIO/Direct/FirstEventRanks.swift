/// Which events of a file are the first events of their cases, as a bitmap over the file's
/// event ordinals with each word's count of earlier bits: a case's rank among all cases in the
/// order they first appear is the number of first events before its own.
///
/// This puts `DirectCSVMiner.sequences`' cases in file order without sorting them (the keys
/// `first event << bits | partition` were radix-sorted, then walked on one thread: ~45 ms of
/// `persona` on the sorted 10M-row log): marking is one bit a case, and each partition's cases
/// then find their ranks on their own, on all threads.
struct FirstEventRanks: ~Copyable {
    private let words: UnsafeMutablePointer<UInt64>
    /// Per word, the bits set in the words before it.
    private let before: UnsafeMutablePointer<Int>
    private let wordCount: Int

    /// A bitmap for event ordinals `0..<events`, all clear.
    init(events: Int) {
        wordCount = events / 64 + 1
        words = .allocate(capacity: wordCount)
        words.initialize(repeating: 0, count: wordCount)
        before = .allocate(capacity: wordCount)
    }

    deinit {
        words.deallocate()
        before.deallocate()
    }

    /// Marks event `ordinal` as a case's first (each ordinal once).
    @inline(__always)
    func mark(_ ordinal: Int) {
        words[ordinal >> 6] |= 1 << UInt64(ordinal & 63)
    }

    /// Counts the bits before each word; call once, after every `mark` and before any `rank`.
    func countBefore() {
        var sum = 0
        for w in 0..<wordCount {
            before[w] = sum
            sum += words[w].nonzeroBitCount
        }
    }

    /// The rank of marked event `ordinal` among the marked ones (0 for the first).
    @inline(__always)
    func rank(_ ordinal: Int) -> Int {
        let w = ordinal >> 6
        let below = (UInt64(1) << UInt64(ordinal & 63)) &- 1
        return before[w] + (words[w] & below).nonzeroBitCount
    }
}
