#ifndef CFUZZER_H
#define CFUZZER_H
#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver (in the runtime linked by -sanitize=fuzzer): parses libFuzzer flags from
/// argc/argv and calls `callback` with each input. Used instead of libFuzzer's own `main`,
/// because SwiftPM gives every executable target a `main` of its own.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
