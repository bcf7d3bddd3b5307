#include "jm_sigbus.h"
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <stdatomic.h>

static const char *jm_message;
static int jm_status;
static atomic_flag jm_installed = ATOMIC_FLAG_INIT;

static void jm_on_sigbus(int signal) {
    (void)signal;
    /* Only async-signal-safe calls here. */
    if (jm_message) { ssize_t unused = write(2, jm_message, strlen(jm_message)); (void)unused; }
    _exit(jm_status);
}

void jm_sigbus_reports(const char *message, int status) {
    if (atomic_flag_test_and_set(&jm_installed)) return;
    jm_message = strdup(message);
    jm_status = status;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = jm_on_sigbus;
    sigemptyset(&action.sa_mask);
    sigaction(SIGBUS, &action, NULL);
}
