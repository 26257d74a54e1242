/* Serving a snapshot file (snapfile.h) through net-snmp's handler API, for the bench's floor
 * subagent and its snmpd dlmod (bench only). A source is loaded once into the heap ("native":
 * what a table compiled into snmpd would hold), or memory-mapped and replaced by the newest file
 * at most once a second ("mapped": the prototype). */
#ifndef SRVH_BENCH_SNAP_SERVE_H
#define SRVH_BENCH_SNAP_SERVE_H

#include <stdbool.h>
#include <sys/types.h>
#include <time.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include "snapfile.h"

struct snap_source {
        const char *path;
        bool mapped;
        bool have;          /* view is valid */
        struct snap_view view;
        void *mem;          /* the heap copy or the mapping */
        size_t mem_size;
        dev_t dev;          /* identity of the file mapped, to tell a new one */
        ino_t ino;
        time_t checked;     /* CLOCK_MONOTONIC_COARSE seconds of the last look at path */
        char last_problem[256]; /* logged once per distinct problem */
};

/* Load (or map) path into src. Returns 0 or -errno; a bad file is logged and leaves src empty. */
int snap_source_open(struct snap_source *src, const char *path, bool mapped);

/* The view to serve now: for a mapped source, the newest good file at path (looked at once a
 * second at most; a bad or missing file keeps the last good one). NULL when there is none. */
const struct snap_view *snap_source_view(struct snap_source *src);

void snap_source_close(struct snap_source *src);

/* Register a read-only handler at root serving src. */
int snap_serve_register(const char *name, const oid *root, size_t root_len,
                        struct snap_source *src);

#endif
