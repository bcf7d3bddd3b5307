#ifndef JM_ROW_SCAN_H
#define JM_ROW_SCAN_H
/* The special bytes of a 64-byte block of CSV, for the direct reader's row splitter
 * (JourneyIO's PlainRowSplitter): bit k set when p[k] is the delimiter, a double quote or a
 * byte below 0x20. `static inline`, so that Swift inlines it into the splitter's loop.
 *
 * Written in C for SSE2's byte compares and PMOVMSKB (x86-64's baseline: no CPU check
 * needed), which Swift has no spelling for: the same mask as eight 64-bit words of bit
 * tricks (the splitter's portable fallback) in about a fifth of the instructions; measured,
 * that computation was ~70 % of the splitter's time and the splitter 8-19 % of `mine`. */
#include <stdint.h>
#if defined(__SSE2__)
#include <emmintrin.h>

/// Whether jm_special_mask64 is the SIMD one (else the caller keeps its own portable code).
#define JM_ROW_SCAN_SIMD 1

static inline uint64_t jm_special_mask64(const uint8_t *p, uint8_t delimiter) {
    const __m128i d = _mm_set1_epi8((char)delimiter);
    const __m128i q = _mm_set1_epi8('"');
    const __m128i low = _mm_set1_epi8(0x1f);
    uint64_t m = 0;
    for (int k = 0; k < 4; k++) {
        const __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * k));
        /* x <= 0x1f (unsigned) exactly when min(x, 0x1f) == x. */
        const __m128i s = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, d), _mm_cmpeq_epi8(x, q)),
                                       _mm_cmpeq_epi8(_mm_min_epu8(x, low), x));
        m |= (uint64_t)(uint16_t)_mm_movemask_epi8(s) << (16 * k);
    }
    return m;
}
#else
#define JM_ROW_SCAN_SIMD 0

static inline uint64_t jm_special_mask64(const uint8_t *p, uint8_t delimiter) {
    uint64_t m = 0;
    for (int k = 0; k < 64; k++) {
        const uint8_t c = p[k];
        if (c == delimiter || c == '"' || c < 0x20) m |= (uint64_t)1 << k;
    }
    return m;
}
#endif
#endif
