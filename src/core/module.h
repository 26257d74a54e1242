/* The contract every collector module implements (md now; smart, zfs, exec next). A module is a
 * fixed index and name, the config tokens it owns, its MIB tables, and a few functions; the
 * static list in src/core/modules.c names them all. Threads: parse/new/free of the config run on
 * the SNMP thread while config files are read; init/poll/fd_ready/teardown/diff on the module's
 * own collector thread. None of them calls net-snmp. */
#ifndef SRVH_MODULE_H
#define SRVH_MODULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/events.h"
#include "core/mibtree.h"
#include "core/snapshot.h"

/* srvhModuleIndex of every module, written once here and in the MIB: never renumber or reuse. */
enum srvh_module_index {
        SRVH_MODULE_MD = 1,
        SRVH_MODULE_SMART = 2,
        SRVH_MODULE_ZFS = 3,
        SRVH_MODULE_EXEC = 4,
};

/* A config token a module owns, with the usage net-snmp prints for it. */
struct module_token {
        const char *name;  /* "rebuildProgressStep" */
        const char *usage; /* "PERCENT (0..100, 0 disables)" */
};

/* How a module's configuration is built. new_config() makes an object with the defaults; parse()
 * applies one line to it (pure: no I/O, no logging; on error -EINVAL and a message in err that
 * names the token and the accepted values). After the last line the object is frozen: from then
 * on it is only read, by the collector and by diff, through a struct module_conf. */
struct module_config_ops {
        const struct module_token *tokens;
        size_t n_tokens;
        void *(*new_config)(void); /* NULL on ENOMEM */
        int (*parse)(void *cfg, const char *token, const char *args, char *err, size_t errsz);
        /* Optional, and the one impure step: run by the agent right after parse() accepted a
         * line, while net-snmp's reader still knows its file and line, for checks that need
         * the system (a command path's owner and mode, a user name). On failure it undoes
         * what the line added and returns -EINVAL with a message in err. */
        int (*validate)(void *cfg, const char *token, char *err, size_t errsz);
        void (*free_config)(void *cfg); /* accepts NULL */
};

/* What a collector sees. Owned by the scheduler; the module only fills priv, wait_fd and
 * next_wake_ms. */
struct module_ctx {
        const char *sysroot;     /* prefix for /proc, /sys, /dev paths; "/" in production */
        const void *config;      /* the module's frozen config object (never NULL once polling) */
        int64_t deadline_ms;     /* CLOCK_MONOTONIC ms by which the current poll must be done */
        int cancel_fd;           /* readable once the daemon stops: pass it to every blocking wait
                                  * (core/runner.h takes it); never read from it */
        void *priv;              /* the module's private state; init allocates, teardown frees */
        int wait_fd;             /* an fd of the module the collector also waits on (a udev
                                  * monitor), or -1; set by init */
        int64_t next_wake_ms;    /* CLOCK_MONOTONIC ms of an extra wake-up before the next interval
                                  * (exec's per-check due times), or 0; set by poll */
        int64_t (*now_ms)(void); /* the scheduler's monotonic clock (injectable in tests) */
        unsigned interval_s;     /* seconds from this poll to the next one the scheduler plans
                                  * (pollInterval, times the back-off after failures); 0 when
                                  * not known (srvhealthd --dump polls once) */
};

/* True once the current poll's deadline has passed: a module that reads many files checks it
 * between them and gives up with -ETIMEDOUT. */
bool module_ctx_expired(const struct module_ctx *ctx);

/* True once the daemon is stopping (cancel_fd is readable): a long poll gives up between two
 * objects with -ECANCELED, so the stop does not wait for the rest of it. */
bool module_ctx_cancelled(const struct module_ctx *ctx);

struct module_ops {
        unsigned index;            /* enum srvh_module_index */
        const char *name;          /* as in config tokens and srvhModuleName: "md" */
        unsigned default_interval; /* seconds between polls */
        unsigned default_timeout;  /* seconds a poll may take before it is reported as hung */
        const struct module_config_ops *config; /* NULL: the module has no tokens */
        /* The tables it serves, as templates: entry OID relative to srvhObjects, columns and
         * getter; rows is NULL here and points at the current snapshot's rows once served. */
        const struct mib_table *tables;
        size_t n_tables;
        /* Per table, the MIB's descriptor of each column in the order of tables[t].columns
         * ("srvhRaidArrayName"); NULL (or a NULL entry) when not given. Only srvhealthd --dump
         * reads them. */
        const char *const *const *column_names;
        int (*init)(struct module_ctx *ctx); /* 0 or -errno; retried at every interval */
        /* Fill snap (rows, health, message, note) or return -errno with snap->error_text set. */
        int (*poll)(struct module_ctx *ctx, struct snap *snap);
        /* wait_fd became readable: consume what is there; return 1 to poll now, 0 otherwise. */
        int (*fd_ready)(struct module_ctx *ctx);
        void (*teardown)(struct module_ctx *ctx);
        /* Events between two good snapshots (old is NULL on the first one), with the config
         * the new snapshot was made with. Pure: it runs on the collector thread right after
         * the poll, and the scheduler stamps each event with the poll's time. */
        int (*diff)(const struct snap *old, const struct snap *new_snap, const void *config,
                    struct event_list *out);
};

extern const struct module_ops *const srvh_modules[];
extern const size_t srvh_n_modules;

/* The module called name, or NULL. */
const struct module_ops *module_find(const char *name);
int module_position(const char *name); /* position in srvh_modules, -1 when unknown */

/* A frozen module config, shared read-only between the SNMP thread, the collector and the
 * snapshots made with it; freed with the last reference. */
struct module_conf;
struct module_conf *module_conf_new(const struct module_ops *ops); /* defaults; NULL on ENOMEM */
void *module_conf_data(struct module_conf *c);                     /* for parsing, before sharing */
const void *module_conf_get(const struct module_conf *c);
struct module_conf *module_conf_ref(struct module_conf *c);
void module_conf_unref(struct module_conf *c); /* accepts NULL */

#endif
