#ifndef JM_PREFETCH_H
#define JM_PREFETCH_H
/* Prefetches (PREFETCHW, PREFETCHT0 on x86-64), which Swift has no spelling for. Hints only:
 * they never fault, do nothing where the CPU has none, and, unlike a load, do not hold up
 * the instructions after them until the line arrives (JourneyIO's CaseRuns, CaseTable). */
static inline void jm_prefetch_write(const void *p) {
    __builtin_prefetch(p, 1, 3);
}

/* The line `bytes` past `p`, which may lie past the end of p's allocation (the address is
 * computed as an integer, not by pointer arithmetic, so that is well defined). */
static inline void jm_prefetch_write_after(const void *p, unsigned long bytes) {
    __builtin_prefetch((const void *)((unsigned long)p + bytes), 1, 3);
}

static inline void jm_prefetch_read(const void *p) {
    __builtin_prefetch(p, 0, 3);
}
#endif
