/* AVX2 distances for k-means (JourneyCore's KMeans): four centroids in one 256-bit vector,
 * where the portable Swift code (SIMD4<Double> built for plain x86-64) takes two SSE2 halves.
 * Measured on the 10M-row benchmark log: with the whole program built for AVX2, `persona
 * --clusters auto`'s k-means went from 292 to 241 ms, identical output; this file gives that
 * to the distances alone, chosen at run time, so the binary still runs on any x86-64. */
#include "jm_nearest.h"

#pragma clang fp contract(off)

#if defined(__x86_64__)
#include <immintrin.h>

int jm_nearest_has_avx2(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") ? 1 : 0;
}

/* Takes in the distances `s` to centroids c..<c + count (KMeans' `Nearest.track`). */
static inline void track(double *distance, double *second, int32_t *label, const double *s, long c, long count) {
    for (long j = 0; j < count; j++) {
        double x = s[j];
        int closer = x < *distance;
        double next_second = x < *second ? x : *second;
        *second = closer ? *distance : next_second;
        *distance = closer ? x : *distance;
        *label = closer ? (int32_t)(c + j) : *label;
    }
}

__attribute__((target("avx2")))
void jm_nearest_second4(const double *lanes, long k, long d,
                        const double *p0, const double *p1, const double *p2, const double *p3,
                        int32_t *labels, double *distances, double *seconds) {
    double dist[4], sec[4];
    int32_t lab[4] = {0, 0, 0, 0};
    for (int q = 0; q < 4; q++) { dist[q] = __builtin_inf(); sec[q] = __builtin_inf(); }
    double v[4][4];
    for (long c = 0, g = 0; c < k; c += 4, g++) {
        const double *base = lanes + g * d * 4;
        __m256d s0 = _mm256_setzero_pd(), s1 = _mm256_setzero_pd();
        __m256d s2 = _mm256_setzero_pd(), s3 = _mm256_setzero_pd();
        for (long f = 0; f < d; f++) {
            __m256d centre = _mm256_loadu_pd(base + 4 * f);
            __m256d x0 = _mm256_sub_pd(_mm256_set1_pd(p0[f]), centre);
            __m256d x1 = _mm256_sub_pd(_mm256_set1_pd(p1[f]), centre);
            __m256d x2 = _mm256_sub_pd(_mm256_set1_pd(p2[f]), centre);
            __m256d x3 = _mm256_sub_pd(_mm256_set1_pd(p3[f]), centre);
            s0 = _mm256_add_pd(s0, _mm256_mul_pd(x0, x0));
            s1 = _mm256_add_pd(s1, _mm256_mul_pd(x1, x1));
            s2 = _mm256_add_pd(s2, _mm256_mul_pd(x2, x2));
            s3 = _mm256_add_pd(s3, _mm256_mul_pd(x3, x3));
        }
        _mm256_storeu_pd(v[0], s0);
        _mm256_storeu_pd(v[1], s1);
        _mm256_storeu_pd(v[2], s2);
        _mm256_storeu_pd(v[3], s3);
        long m = k - c < 4 ? k - c : 4;
        for (int q = 0; q < 4; q++) track(&dist[q], &sec[q], &lab[q], v[q], c, m);
    }
    for (int q = 0; q < 4; q++) { labels[q] = lab[q]; distances[q] = dist[q]; seconds[q] = sec[q]; }
}

__attribute__((target("avx2")))
void jm_cluster_sums(const double *points, long n, long d, const int32_t *labels, uint64_t dirty,
                     double *sums, long *sizes) {
    for (long i = 0; i < n; i++) {
        int32_t c = labels[i];
        uint64_t bit = c >= 0 && c < 64 ? (uint64_t)1 << c : ~(uint64_t)0;
        if ((dirty & bit) == 0) continue;
        sizes[c] += 1;
        const double *row = points + i * d;
        double *sum = sums + (long)c * d;
        long f = 0;
        for (; f + 4 <= d; f += 4) {
            _mm256_storeu_pd(sum + f, _mm256_add_pd(_mm256_loadu_pd(sum + f), _mm256_loadu_pd(row + f)));
        }
        for (; f < d; f++) sum[f] += row[f];
    }
}

#else

int jm_nearest_has_avx2(void) { return 0; }

void jm_cluster_sums(const double *points, long n, long d, const int32_t *labels, uint64_t dirty,
                     double *sums, long *sizes) {
    (void)points; (void)n; (void)d; (void)labels; (void)dirty; (void)sums; (void)sizes;
}

void jm_nearest_second4(const double *lanes, long k, long d,
                        const double *p0, const double *p1, const double *p2, const double *p3,
                        int32_t *labels, double *distances, double *seconds) {
    (void)lanes; (void)k; (void)d; (void)p0; (void)p1; (void)p2; (void)p3;
    (void)labels; (void)distances; (void)seconds;
}

#endif
