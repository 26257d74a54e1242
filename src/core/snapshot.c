/* Allocation and release of snapshots (see snapshot.h). */
#include "core/snapshot.h"

#include <stdlib.h>

#include "core/module.h"

struct snap *snap_new(void)
{
        struct snap *s = calloc(1, sizeof(*s));
        if (s) {
                atomic_init(&s->refs, 1);
                s->health = SRVH_HEALTH_UNKNOWN;
        }
        return s;
}

struct snap *snap_ref(struct snap *s)
{
        if (s)
                atomic_fetch_add_explicit(&s->refs, 1, memory_order_relaxed);
        return s;
}

void snap_free(struct snap *s)
{
        if (!s || atomic_fetch_sub_explicit(&s->refs, 1, memory_order_acq_rel) != 1)
                return;
        if (s->free_data)
                s->free_data(s->data);
        module_conf_unref(s->conf);
        event_list_free(&s->events);
        free(s);
}
