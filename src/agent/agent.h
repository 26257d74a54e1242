/* The SNMP thread: net-snmp AgentX subagent set-up, the event loop, the current snapshot of each
 * module, the notification queue and event log. Everything here runs on the one thread that owns
 * net-snmp (the main thread). */
#ifndef SRVH_AGENT_H
#define SRVH_AGENT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/config.h"
#include "core/events.h"
#include "core/mibtree.h"
#include "core/module.h"
#include "core/snapshot.h"

struct agent_opts {
        const char *sysroot;       /* "/" by default */
        const char *pidfile;       /* removed when a signal ends start-up; NULL: none */
        const char *config_file;   /* absolute path, or NULL for none */
        const char *agentx_socket; /* NULL: net-snmp's default or the config's agentXSocket */
        bool check_config;
        bool strict_config; /* config problems at start are fatal; on SIGHUP the old config stays */
        bool dump;          /* --dump: poll every enabled module once, print the rows, exit */
        bool dump_json;     /* --dump --json */
};

/* Run until SIGTERM/SIGINT. Returns the process exit status. */
int agent_run(const struct agent_opts *o);

/* dump.c: --dump. One poll of every enabled module on this thread, its rows printed to stdout
 * as text or JSON, no master contacted. Returns 0 when every poll succeeded, 1 otherwise. */
int agent_dump(const struct agent_opts *o);

/* ---- shared between the files of src/agent/ -------------------------------------------------- */

/* What the SNMP thread knows of one module. */
struct module_slot {
        const struct module_ops *ops;
        size_t pos; /* in srvh_modules, and in the scheduler */
        bool enabled;
        struct snap *cur; /* newest good snapshot, served; NULL before the first */
        struct mib_rows rows[SNAP_TABLES_MAX]; /* what the module's tables serve (from cur) */
        struct mib_table tables[SNAP_TABLES_MAX];
        enum srvh_health health; /* UNKNOWN until the first poll, and while polls fail */
        int64_t last_poll;
        uint32_t last_duration_ms;
        uint64_t errors;
        unsigned interval; /* effective: the configured one, longer during back-off */
        unsigned timeout;
        char last_error[SNAP_TEXT_MAX];
        char logged_note[SNAP_TEXT_MAX]; /* the last note we logged, to log each once */
        bool failing; /* the last poll failed or overran: rows (if any) are stale */
};

struct agent_state {
        struct srvh_config cfg; /* the configuration in force */
        struct module_slot slots[SRVH_MODULES_MAX];
        size_t n_slots;
        int64_t start_time;
        enum srvh_health overall;
        char overall_message[SNAP_TEXT_MAX];
        /* Connection to the master agent */
        bool connected;
        uint64_t connects;
        bool flush_pending;
};

extern struct agent_state agent;

/* agent.c: serve the good snapshot s from m (m takes it over) and free the one it replaces.
 * What take_snapshot() does once a poll succeeded; tests install fixtures with it. */
void agent_install_snapshot(struct module_slot *m, struct snap *s);

/* agent_mib.c: the MIB tree (agent group, module, event tables plus module tables). */
/* Builds the tree and checks it (tables sorted, columns ascending, no overlap): 0, or -EINVAL
 * with the reason in why. */
int agent_mib_init(char *why, size_t whysz);
const struct mib_tree *agent_mib_tree(void);
void agent_mib_update_overall(void);

/* handler.c: register the net-snmp handler for srvhObjects over the tree, and the MIB in
 * sysORTable. */
int handler_register(const struct mib_tree *tree);
void handler_unregister(void);

/* ucd_ext.c: UCD-SNMP-MIB's extTable (serveUcdExtTable yes), registered column by column with
 * a better AgentX priority than snmpd's own (agent_snmp.h). */
struct module_slot *agent_exec_slot(void); /* NULL when the exec module is not built in */
const void *agent_exec_config(void);       /* the exec_config in force, or NULL */
void ucd_ext_apply(void);                  /* (un)register to match agent.cfg's serveUcdExtTable */
void ucd_ext_unregister(void);

/* notify.c: event log and notification queue. */
int notify_init(unsigned queue_size, unsigned event_table_size);
void notify_resize(unsigned queue_size, unsigned event_table_size);
void notify_record(struct srvh_event *e); /* stamps seq/time, logs, appends, queues */
void notify_flush(void);       /* send the oldest unanswered event, if connected and idle */
void notify_master_lost(void); /* the session is gone: what was in flight goes again */
uint64_t notify_resends(void); /* events sent again after a timeout or a reconnect */
void notify_free(void);
const struct mib_rows *notify_event_rows(void);
uint32_t notify_last_seq(void);
uint64_t notify_queued(void);
uint64_t notify_dropped(void);
int notify_get_event(const void *data, unsigned column, struct mib_value *v);

/* errfix.c: the srvhExtErrFix registration, and the SET of errFix for both tables. */
int errfix_register(void);
void errfix_unregister(void);

#endif
