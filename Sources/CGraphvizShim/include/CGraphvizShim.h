#ifndef CGRAPHVIZ_SHIM_H
#define CGRAPHVIZ_SHIM_H
// Static inline accessors for Graphviz macros and globals that Swift cannot import.
//
// Graphviz exposes layout results only through macros over the records that a layout binds to
// each object (ND_coord, ND_width, ND_height, GD_bb, GD_clust, GD_n_cluster, ED_spl) and edge
// ends through macros over the edge pair (agtail, aghead). Clang imports none of these into Swift.
// `Agdirected` is a mutable global `Agdesc_t`, which Swift 6 rejects as not concurrency-safe.
// Each accessor below is a one-line function over exactly one of them; all are prefixed `jm_` so
// they never clash with Graphviz names. Read results only after gvLayout succeeded and before
// gvFreeLayout: outside that window the records do not exist, and the accessors return zeros.
//
// The Swift side calls these only while holding JourneyLayout's process-wide Graphviz lock.
#include <graphviz/gvc.h>
#include <stddef.h>
#include <stdbool.h>

// The Swift wrapper reads pointf/boxf as plain pairs of doubles and relies on these shapes.
_Static_assert(sizeof(pointf) == 2 * sizeof(double), "pointf is two doubles");
_Static_assert(offsetof(pointf, y) == sizeof(double), "pointf is (x, y)");
_Static_assert(offsetof(boxf, UR) == sizeof(pointf), "boxf is (LL, UR)");
// The id discipline written in Swift hands out 64-bit ids.
_Static_assert(sizeof(IDTYPE) == 8, "cgraph object ids are 64-bit");

// MARK: - Graph descriptors (globals)

/// `Agdirected` by value: a non-strict directed graph (multi-edges and loops allowed).
/// Exists because the global `Agdirected` is a mutable C variable Swift 6 refuses to read.
static inline Agdesc_t jm_agdirected(void) { return Agdirected; }

// MARK: - Layout records (macros over AGDATA)

/// True when a layout has bound its record to `obj` (graph, node or edge). Exists because
/// AGDATA is a macro; the accessors below are only meaningful when this is true.
static inline bool jm_has_record(void *obj) { return obj != NULL && AGDATA(obj) != NULL; }

/// Centre of a laid-out node in points, y up. Exists because ND_coord is a macro.
static inline pointf jm_nd_coord(Agnode_t *n) {
    pointf zero = {0, 0};
    return jm_has_record(n) ? ND_coord(n) : zero;
}

/// Node width in inches after layout. Exists because ND_width is a macro.
static inline double jm_nd_width(Agnode_t *n) { return jm_has_record(n) ? ND_width(n) : 0; }

/// Node height in inches after layout. Exists because ND_height is a macro.
static inline double jm_nd_height(Agnode_t *n) { return jm_has_record(n) ? ND_height(n) : 0; }

/// Bounding box of a laid-out graph or cluster in points, y up. Exists because GD_bb is a macro.
static inline boxf jm_gd_bb(Agraph_t *g) {
    boxf zero = {{0, 0}, {0, 0}};
    return jm_has_record(g) ? GD_bb(g) : zero;
}

/// Number of top-level clusters dot found under `g`. Exists because GD_n_cluster is a macro.
static inline int jm_gd_n_cluster(Agraph_t *g) { return jm_has_record(g) ? GD_n_cluster(g) : 0; }

/// The `i`-th cluster dot found under `g`, `i` in 1...jm_gd_n_cluster(g) (dot's array is
/// 1-based). Exists because GD_clust is a macro. NULL when out of range.
static inline Agraph_t *jm_gd_clust(Agraph_t *g, int i) {
    if (!jm_has_record(g) || i < 1 || i > GD_n_cluster(g) || GD_clust(g) == NULL) return NULL;
    return GD_clust(g)[i];
}

// MARK: - Edge ends (macros over the edge pair)

/// Tail node of an edge. Exists because agtail is a macro over AGMKIN.
static inline Agnode_t *jm_agtail(Agedge_t *e) { return agtail(e); }

/// Head node of an edge. Exists because aghead is a macro over AGMKOUT.
static inline Agnode_t *jm_aghead(Agedge_t *e) { return aghead(e); }

// MARK: - Edge splines (ED_spl)

/// The spline record of an edge or NULL (no record, or dot drew no spline). Exists because ED_spl
/// is a macro.
static inline splines *jm_ed_spl(Agedge_t *e) { return jm_has_record(e) ? ED_spl(e) : NULL; }

/// Number of Bézier pieces of an edge: 1 normally, more only with `concentrate=true`, 0 when the
/// edge was not routed.
static inline int jm_ed_bezier_count(Agedge_t *e) {
    splines *s = jm_ed_spl(e);
    return (s && s->list) ? s->size : 0;
}

/// The `i`-th Bézier piece of an edge (0-based) or NULL when out of range. Its `list` holds
/// `size` = 1 + 3k control points in points, y up; `sflag`/`eflag` mark an arrow at the start/end,
/// whose tip is `sp`/`ep`.
static inline const bezier *jm_ed_bezier(Agedge_t *e, int i) {
    splines *s = jm_ed_spl(e);
    if (!s || !s->list || i < 0 || i >= s->size) return NULL;
    return &s->list[i];
}

// MARK: - Where libgvc lives (shim.c)

/// Path of the libgvc shared object this process loaded (e.g.
/// /lib/x86_64-linux-gnu/libgvc.so.6), or NULL. Valid while libgvc is loaded (always). Exists
/// because dladdr and Dl_info need _GNU_SOURCE, which Swift's Glibc module does not define.
const char *jm_gvc_library_path(void);

#endif
