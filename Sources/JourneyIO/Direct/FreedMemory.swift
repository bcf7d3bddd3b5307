#if os(Linux)
/// glibc's `int malloc_trim(size_t pad)` (malloc.h, which the Glibc module leaves out).
@_silgen_name("malloc_trim")
private func glibcMallocTrim(_ pad: Int) -> Int32
#endif

/// Gives the allocator's free pages back to the system now. A partition's columns are
/// smaller than the mmap threshold, so they live in malloc's heaps, and freeing them leaves
/// the pages resident (glibc returns only a heap's top): while `DirectCSVMiner.sequences`
/// copies partitions out and frees them, the output's pages would come on top of pages that
/// are free but still counted. `malloc_trim(0)` releases free pages anywhere in the heaps.
enum FreedMemory {
    static func release() {
        #if os(Linux)
        _ = glibcMallocTrim(0)
        #endif
    }

    /// Partitions between two `release()` calls while they are freed one by one.
    static let partitionsPerRelease = 128
}
