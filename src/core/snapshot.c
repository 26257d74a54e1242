/* Allocation and release of snapshots (see snapshot.h). */
#include "core/snapshot.h"

#include <stdlib.h>

#include "core/module.h"

struct snap *snap_new(void)
{
        struct snap *s = calloc(1, sizeof(*s));
        if (s)
                s->health = SRVH_HEALTH_UNKNOWN;
        return s;
}

void snap_free(struct snap *s)
{
        if (!s)
                return;
        if (s->free_data)
                s->free_data(s->data);
        module_conf_unref(s->conf);
        free(s);
}
