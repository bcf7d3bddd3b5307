#ifndef JM_NEAREST_H
#define JM_NEAREST_H
#include <stdint.h>

/* 1 when this CPU runs AVX2 (x86-64 only; 0 elsewhere). */
int jm_nearest_has_avx2(void);

/* k-means' assignment step for four points at once, with AVX2 (call only when
 * jm_nearest_has_avx2()): each point's nearest centroid (lowest index on ties), its squared
 * distance, and the squared distance of the next nearest. `lanes` holds the centroids four to
 * a group, feature by feature: lanes[(g * d + f) * 4 + j] is feature f of centroid 4g + j
 * (JourneyCore's CentroidLanes). Each distance is summed feature by feature in order, a
 * multiply then an add, so the results are bit for bit those of the portable Swift loop. They
 * are not fused: target("avx2") has no FMA and the file turns contraction off (a build adding
 * -ffp-contract=fast with -march=haswell through -Xcc would fuse them; KMeansIdentityTests and
 * NearestKernelTests would then fail). */
void jm_nearest_second4(const double *lanes, long k, long d,
                        const double *p0, const double *p1, const double *p2, const double *p3,
                        int32_t *labels, double *distances, double *seconds);

/* k-means' centroid sums, with AVX2 (call only when jm_nearest_has_avx2()): for each point i in
 * order whose cluster c = labels[i] is in `dirty` (bit c for c < 64; every bit for a larger c,
 * as KMeans.clusterBit), sizes[c] += 1 and its d features added to sums[c * d ...], each sum in
 * point order as the portable Swift loop adds them (the same bits). */
void jm_cluster_sums(const double *points, long n, long d, const int32_t *labels, uint64_t dirty,
                     double *sums, long *sizes);
#endif
