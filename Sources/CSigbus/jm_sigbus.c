#include "jm_sigbus.h"
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

/* Fixed slots, so the handler reads no memory that may be freed meanwhile. A slot's length is
 * stored (atomically) only once its base and name are, and cleared before it is given back: the
 * handler matches no half-filled slot. */
enum { SLOTS = 128, NAME_BYTES = 512 };
static struct {
    atomic_int used;
    uintptr_t base;
    atomic_size_t length;
    char name[NAME_BYTES];
} slots[SLOTS];
static atomic_flag installed = ATOMIC_FLAG_INIT;

static void say(const char *s) { ssize_t unused = write(2, s, strlen(s)); (void)unused; }

/* Only async-signal-safe calls here. */
static void on_sigbus(int signal, siginfo_t *info, void *context) {
    (void)signal; (void)context;
    uintptr_t at = (uintptr_t)info->si_addr;
    const char *name = NULL;
    for (int k = 0; k < SLOTS && !name; k++) {
        size_t length = atomic_load(&slots[k].length);
        if (length > 0 && at - slots[k].base < length) name = slots[k].name;
    }
    say("journeymap: error: ");
    say(name ? name : "an input file");
    say(" shrank while it was being read (its bytes are mapped): was it truncated or rotated? "
        "Mine a copy, or set JOURNEYMAP_MMAP=0 to read without mapping\n");
    _exit(65);
}

static void install(void) {
    if (atomic_flag_test_and_set(&installed)) return;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_sigbus;
    action.sa_flags = SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    sigaction(SIGBUS, &action, NULL);
}

int jm_sigbus_watch(const void *base, size_t length, const char *name) {
    install();
    for (int k = 0; k < SLOTS; k++) {
        int expected = 0;
        if (atomic_load(&slots[k].used) || !atomic_compare_exchange_strong(&slots[k].used, &expected, 1)) continue;
        slots[k].base = (uintptr_t)base;
        strncpy(slots[k].name, name, NAME_BYTES - 1);
        slots[k].name[NAME_BYTES - 1] = 0;
        atomic_store(&slots[k].length, length);
        return k;
    }
    return -1;
}

void jm_sigbus_unwatch(int slot) {
    if (slot < 0 || slot >= SLOTS) return;
    atomic_store(&slots[slot].length, 0);
    atomic_store(&slots[slot].used, 0);
}
