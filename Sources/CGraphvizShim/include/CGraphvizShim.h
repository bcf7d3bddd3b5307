#ifndef CGRAPHVIZ_SHIM_H
#define CGRAPHVIZ_SHIM_H
// Static inline accessors for Graphviz macros and globals that Swift cannot import
// (ND_coord, GD_bb, ED_spl, agtail/aghead are macros; Agdirected is a mutable global that
// Swift 6 rejects as not concurrency-safe). Prefixed jm_ so they never clash with Graphviz.
#include <graphviz/gvc.h>

#endif
