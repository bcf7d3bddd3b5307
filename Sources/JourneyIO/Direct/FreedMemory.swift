#if os(Linux)
import Glibc

/// glibc's `int malloc_trim(size_t pad)`, looked up by name: malloc.h is not in the Glibc
/// module, and declaring it with `@_silgen_name` would call a C function with Swift's calling
/// convention. nil when the C library has none (musl).
private let glibcMallocTrim: (@convention(c) (Int) -> Int32)? = {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }  // RTLD_DEFAULT
    return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
}()
#endif

/// Gives the allocator's free pages back to the system now. A partition's columns are
/// smaller than the mmap threshold, so they live in malloc's heaps, and freeing them leaves
/// the pages resident (glibc returns only a heap's top): while `DirectCSVMiner.sequences`
/// copies partitions out and frees them, the output's pages would come on top of pages that
/// are free but still counted. `malloc_trim(0)` releases free pages anywhere in the heaps.
enum FreedMemory {
    static func release() {
        #if os(Linux)
        _ = glibcMallocTrim?(0)
        #endif
    }

    /// Partitions between two `release()` calls while they are freed one by one.
    static let partitionsPerRelease = 128
}
