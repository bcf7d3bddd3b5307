// Accessors are static inline in include/CGraphvizShim.h; this file holds the one function that
// needs a glibc extension (dladdr needs _GNU_SOURCE, which Swift's Glibc module does not set).
#define _GNU_SOURCE
#include <dlfcn.h>
#include "CGraphvizShim.h"

const char *jm_gvc_library_path(void) {
    void *address = dlsym(RTLD_DEFAULT, "gvContextPlugins");
    if (address == NULL) address = (void *)&gvContextPlugins;
    Dl_info info;
    if (dladdr(address, &info) == 0 || info.dli_fname == NULL) return NULL;
    return info.dli_fname;
}
