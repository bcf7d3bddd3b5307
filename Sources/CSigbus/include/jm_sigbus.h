#ifndef JM_SIGBUS_H
#define JM_SIGBUS_H
/* A message instead of a silent "Bus error" when a file the direct reader has mapped
 * (JourneyIO's MappedRange) shrinks while it is read — a log truncated or rotated in place,
 * or an I/O error of the disk behind the mapping: the process writes `message` to standard
 * error and exits with `status`. Installed once; later calls do nothing. No output was written
 * (outputs are replaced whole or not at all), so nothing is lost. */
void jm_sigbus_reports(const char *message, int status);
#endif
