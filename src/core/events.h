/* Events: what a module's diff of two snapshots says happened. Pure data; the SNMP thread turns
 * each into a notification and a srvhEventTable row (src/agent/notify.c).
 * Owner: an event_list owns its array; events hold no pointers. */
#ifndef SRVH_EVENTS_H
#define SRVH_EVENTS_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "srvhealth/enums.h"

#define SRVH_EVENT_OBJECT_MAX 64
#define SRVH_EVENT_STATE_MAX  32
#define SRVH_EVENT_TEXT_MAX   256

struct srvh_event {
        unsigned trap;                      /* SRVH_TRAP_* sub-identifier below srvhNotifications */
        enum srvh_health severity;          /* ok for clearing/informational events */
        char object[SRVH_EVENT_OBJECT_MAX]; /* what it is about: "md1", "md1/sdc1" */
        char new_state[SRVH_EVENT_STATE_MAX]; /* state names as in the MIB enums: "degraded" */
        char old_state[SRVH_EVENT_STATE_MAX]; /* "" when there was none (a new array) */
        char text[SRVH_EVENT_TEXT_MAX];       /* one line an operator can act on */
        uint32_t value; /* event-specific figure: percent, mismatch count; else 0 */
        time_t when;    /* when it was observed (the collector's poll), 0 = when recorded */
        uint32_t seq;   /* set by the SNMP thread when the event is recorded */
};

struct event_list {
        struct srvh_event *v;
        size_t n, cap;
};

/* Append an event; text is printf-formatted and truncated to fit. Strings are truncated, never
 * overflow. Returns 0 or -ENOMEM. */
int event_add(struct event_list *l, unsigned trap, enum srvh_health severity, const char *object,
              const char *new_state, const char *old_state, uint32_t value, const char *fmt, ...)
    __attribute__((format(printf, 8, 9)));
void event_list_free(struct event_list *l); /* leaves an empty list; accepts an empty one */

/* Move every event of src in front of dst's (src is older), so dst keeps them in order, and src
 * is left empty. When the result would hold more than max events, the oldest go and their
 * number is returned (0 when all fit); -ENOMEM leaves both lists as they were. */
long event_list_prepend(struct event_list *dst, struct event_list *src, size_t max);

#endif
