// Accessors are static inline in include/CGraphvizShim.h; this file keeps the C target non-empty.
#include "CGraphvizShim.h"
