// The bufferless decoding functions (ZSTD_decompressBegin, ZSTD_decompressContinue, …) are
// declared only for static linking, though the shared library exports them (checked with
// `nm -D` on Debian 12's libzstd 1.5.4, and they have not changed since 1.3).
#define ZSTD_STATIC_LINKING_ONLY
#include <zstd.h>
#include <zstd_errors.h>
