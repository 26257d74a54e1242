/* An immutable snapshot: everything one poll of one module found, built by its collector thread
 * and handed whole to the SNMP thread, which serves it until the next one replaces it, with the
 * events the collector observed against its previous good snapshot.
 * Owner: reference-counted. The collector holds one reference on its last good snapshot (the base
 * of its next diff); the queue and then the SNMP thread hold another while it is served.
 * snap_free() drops one. Nothing in it changes after publication, so a walk never sees a
 * half-updated table and both threads may read it at once. */
#ifndef SRVH_SNAPSHOT_H
#define SRVH_SNAPSHOT_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "core/events.h"
#include "core/mibtree.h"
#include "srvhealth/enums.h"

struct module_conf;

#define SNAP_TABLES_MAX 5 /* the ZFS module has the most: pools, vdevs, ARC, datasets, DDT */
#define SNAP_TEXT_MAX   256

struct snap {
        atomic_uint refs;
        int64_t polled_at;    /* wall clock (unix seconds) when the poll started */
        uint32_t duration_ms; /* how long the poll took */
        uint32_t interval_s;  /* seconds until the next poll: the configured interval, longer
                               * while the module backs off after failures */
        int error;            /* 0, or -errno: the poll failed (or, -ETIMEDOUT, is still running
                               * past its deadline) and data is NULL; the SNMP thread keeps
                               * serving the previous snapshot's rows, marked stale */
        bool overrun;         /* error is the watchdog's: the poll is still running */
        char error_text[SNAP_TEXT_MAX]; /* why, naming the object and file (not the module:
                                         * the agent prefixes its name) */
        enum srvh_health health;        /* the module's worst object */
        char message[SNAP_TEXT_MAX];    /* what is wrong, one line; "" when all is well */
        char note[SNAP_TEXT_MAX];       /* a problem that did not fail the poll (one sysfs file
                                         * unreadable...): logged once by the SNMP thread */
        struct mib_rows tables[SNAP_TABLES_MAX]; /* rows of the module's tables, in the order
                                                  * of module_ops.tables */
        void *data;                              /* module-owned payload the rows point into */
        void (*free_data)(void *data);
        struct module_conf *conf; /* the config the poll ran with (a reference) */
        /* What changed since the collector's previous good snapshot (module diff), each event
         * stamped with the time it was observed; plus the events of snapshots a full queue
         * dropped before this one, oldest first. Written only before publication. */
        struct event_list events;
        uint64_t events_lost; /* events a full queue could not carry (see sched.h) */
        struct snap *next;    /* the scheduler's queue link, not part of the data */
};

struct snap *snap_new(void);
struct snap *snap_ref(struct snap *s); /* another reference; accepts NULL */
void snap_free(struct snap *s);        /* drops one reference; accepts NULL */

#endif
