/* The collector interface every module implements (md now; smart, zfs, exec next). A module
 * is a name, its MIB tables, and four functions; src/core/modules.c lists them all.
 * poll() runs on the module's own collector thread and never calls net-snmp; diff() runs on the
 * SNMP thread and must be quick and pure. */
#ifndef SRVH_MODULE_H
#define SRVH_MODULE_H

#include <stddef.h>

#include "core/events.h"
#include "core/mibtree.h"
#include "core/snapshot.h"

/* Settings a module may read; a copy is handed to each poll/diff, so SIGHUP can change them. */
struct module_settings {
        const char *sysroot;   /* prefix for /proc, /sys, /dev paths; "/" in production */
        unsigned rebuild_step; /* md: percent between rebuild progress events */
};

/* Context a collector keeps between polls. */
struct module_ctx {
        const struct module_settings *settings;
        void *priv; /* the module's private state; init allocates, teardown frees */
};

struct module_ops {
        const char *name;          /* as in config tokens and srvhModuleName: "md" */
        unsigned default_interval; /* seconds */
        /* The tables it serves, as templates: entry OID relative to srvhObjects, columns and
         * getter; rows is NULL here and points at the current snapshot's rows once served. */
        const struct mib_table *tables;
        size_t n_tables;
        int (*init)(struct module_ctx *ctx);
        /* Fill snap (rows, health, message, note) or return -errno with snap->error_text set. */
        int (*poll)(struct module_ctx *ctx, struct snap *snap);
        void (*teardown)(struct module_ctx *ctx);
        /* Events between two good snapshots; old is NULL on the first one. */
        int (*diff)(const struct snap *old, const struct snap *new_snap,
                    const struct module_settings *settings, struct event_list *out);
};

extern const struct module_ops *const srvh_modules[];
extern const size_t srvh_n_modules;

/* The module called name, or NULL. */
const struct module_ops *module_find(const char *name);
int module_index(const char *name); /* -1 when unknown */

#endif
