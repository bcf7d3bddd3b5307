#ifndef JM_SIGBUS_H
#define JM_SIGBUS_H
#include <stddef.h>
/* A message instead of a silent "Bus error" when a file the direct reader has mapped
 * (JourneyIO's MappedRange) shrinks while it is read — a log truncated or rotated in place,
 * or an I/O error of the disk behind the mapping. Each mapping is watched with the file's
 * name (`jm_sigbus_watch`); a SIGBUS inside one writes
 * "journeymap: error: NAME shrank while it was being read …" to standard error and exits with
 * status 65 (a SIGBUS elsewhere: the same without a name). No output was written (outputs are
 * replaced whole or not at all), so nothing is lost. */

/* Watches `length` bytes at `base` as the mapping of `name`: a slot to give back with
 * `jm_sigbus_unwatch`, or -1 when all slots are taken (the message then names no file). */
int jm_sigbus_watch(const void *base, size_t length, const char *name);
void jm_sigbus_unwatch(int slot);
#endif
