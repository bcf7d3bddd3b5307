/* libpq loaded at run time (see jm_libpq.h): one pointer per function used, filled by
 * jm_pq_load; each jm_PQ… calls through its pointer. */
#include "jm_libpq.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define JM_PQ_FUNCTIONS(X) \
    X(PGconn *, PQconnectdbParams, (const char *const *k, const char *const *v, int e), (k, v, e)) \
    X(int, PQstatus, (const PGconn *c), (c)) \
    X(int, PQconnectionNeedsPassword, (const PGconn *c), (c)) \
    X(char *, PQerrorMessage, (const PGconn *c), (c)) \
    X(void, PQfinish, (PGconn *c), (c)) \
    X(int, PQserverVersion, (const PGconn *c), (c)) \
    X(PGresult *, PQexecParams, (PGconn *c, const char *q, int n, const Oid *t, const char *const *v, const int *l, const int *f, int r), (c, q, n, t, v, l, f, r)) \
    X(int, PQsendQueryParams, (PGconn *c, const char *q, int n, const Oid *t, const char *const *v, const int *l, const int *f, int r), (c, q, n, t, v, l, f, r)) \
    X(int, PQsetSingleRowMode, (PGconn *c), (c)) \
    X(PGresult *, PQgetResult, (PGconn *c), (c)) \
    X(void, PQclear, (PGresult *r), (r)) \
    X(int, PQresultStatus, (const PGresult *r), (r)) \
    X(int, PQnfields, (const PGresult *r), (r)) \
    X(char *, PQfname, (const PGresult *r, int f), (r, f)) \
    X(int, PQntuples, (const PGresult *r), (r)) \
    X(int, PQgetisnull, (const PGresult *r, int t, int f), (r, t, f)) \
    X(char *, PQgetvalue, (const PGresult *r, int t, int f), (r, t, f)) \
    X(char *, PQresultErrorField, (const PGresult *r, int code), (r, code)) \
    X(PGcancel *, PQgetCancel, (PGconn *c), (c)) \
    X(int, PQcancel, (PGcancel *c, char *buf, int size), (c, buf, size)) \
    X(void, PQfreeCancel, (PGcancel *c), (c))

#define JM_PQ_POINTER(ret, name, params, args) static ret (*p_##name) params;
JM_PQ_FUNCTIONS(JM_PQ_POINTER)

#define JM_PQ_WRAPPER(ret, name, params, args) ret jm_##name params { return p_##name args; }
JM_PQ_FUNCTIONS(JM_PQ_WRAPPER)

static pthread_once_t once = PTHREAD_ONCE_INIT;
static const char *failure;
static char message[512];

static void load(void) {
    /* JOURNEYMAP_LIBPQ: a libpq somewhere else (a path, or another name to look up). */
    const char *chosen = getenv("JOURNEYMAP_LIBPQ");
    void *lib = NULL;
    if (chosen && *chosen) {
        lib = dlopen(chosen, RTLD_NOW | RTLD_LOCAL);
    } else {
#if defined(__APPLE__)
        /* Homebrew's libpq is keg-only: not on the default search path. */
        const char *names[] = {"libpq.5.dylib", "/opt/homebrew/opt/libpq/lib/libpq.5.dylib",
                               "/usr/local/opt/libpq/lib/libpq.5.dylib"};
        for (size_t k = 0; k < sizeof names / sizeof names[0] && !lib; k++) lib = dlopen(names[k], RTLD_NOW | RTLD_LOCAL);
#else
        lib = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
        if (!lib) lib = dlopen("libpq.so", RTLD_NOW | RTLD_LOCAL);
#endif
    }
    if (!lib) {
        const char *why = dlerror();
        snprintf(message, sizeof message, "%s", why ? why : "libpq.so.5 not found");
        failure = message;
        return;
    }
#define JM_PQ_LOOKUP(ret, name, params, args) \
    if (!(*(void **)(&p_##name) = dlsym(lib, #name))) { \
        snprintf(message, sizeof message, "the libpq loaded has no %s", #name); \
        failure = message; \
        return; \
    }
    JM_PQ_FUNCTIONS(JM_PQ_LOOKUP)
}

const char *jm_pq_load(void) {
    pthread_once(&once, load);
    return failure;
}
