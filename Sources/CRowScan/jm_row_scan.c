/* The header is all there is (static inline); SwiftPM wants a source file in a C target. */
#include "jm_row_scan.h"
