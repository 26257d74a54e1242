/* The scheduler: one collector thread per enabled module and one watchdog thread. A collector
 * sleeps in poll(2) on its control eventfd (poll now, new config, clock moved), the shared stop
 * eventfd and, if the module has one, the module's own fd, until the next interval or the
 * module's next-wake hint. Each poll runs with a deadline; the watchdog reports a poll that
 * overruns it as a failed snapshot while the poll goes on, so the SNMP thread marks the module's
 * rows stale and says why. After each good poll the collector diffs it against its previous good
 * one (module_ops.diff) and the events travel with the snapshot. Snapshots queue for the SNMP
 * thread oldest first, bounded; a dropped snapshot hands its events to the next, so a stalled
 * SNMP thread loses rows it would never have served, not transitions. Wake-ups go through an
 * eventfd. Collector threads never touch net-snmp.
 * Time comes from an injectable monotonic clock, so tests can drive back-off and deadlines. */
#ifndef SRVH_SCHED_H
#define SRVH_SCHED_H

#include <stddef.h>
#include <stdint.h>

#include "core/module.h"
#include "core/snapshot.h"

/* A failing module waits interval * 2^failures, up to this many intervals. */
#define SCHED_BACKOFF_MAX_FACTOR 16

/* Snapshots a module may have waiting for the SNMP thread; past that the oldest is dropped (and
 * counted). The SNMP thread takes them within milliseconds, so this only bounds memory if it
 * ever stalls. */
#define SCHED_QUEUE_MAX 8

/* Events a queue may carry forward from snapshots it dropped, per module; beyond that the oldest
 * are dropped and counted in the next snapshot's events_lost. */
#define SCHED_EVENTS_CARRY_MAX 1000

/* How long sched_free() waits, in all, for collectors to stop before it leaves them behind. */
#define SCHED_STOP_GRACE_MS 1500

struct sched_opts {
        int wake_fd;                             /* an eventfd the SNMP thread watches */
        const char *sysroot;                     /* must outlive the scheduler */
        const struct module_ops *const *modules; /* NULL: srvh_modules */
        size_t n_modules;
        int64_t (*now_ms)(void); /* CLOCK_MONOTONIC in ms; NULL: the real one */
};

struct sched;

struct sched *sched_new(const struct sched_opts *o); /* NULL on ENOMEM */

/* Start the collector of modules[i] with its interval, poll timeout (seconds) and config (the
 * scheduler takes its own reference). Returns 0 or -errno. */
int sched_start(struct sched *s, size_t i, unsigned interval_s, unsigned timeout_s,
                struct module_conf *conf);

/* New interval and timeout for a collector; they count from its next wait. */
void sched_set_params(struct sched *s, size_t i, unsigned interval_s, unsigned timeout_s);

/* A new frozen config for a collector (a reference is taken): its next poll uses it. */
void sched_set_config(struct sched *s, size_t i, struct module_conf *conf);

/* Ask a collector (or all) to poll now, without waiting for its interval or back-off. */
void sched_poll_now(struct sched *s, size_t i);
void sched_poll_all_now(struct sched *s);

/* Tests: the injected clock moved; every thread recomputes its wait. */
void sched_clock_changed(struct sched *s);

/* Take the oldest unread snapshot of module i, or NULL. The caller owns it. */
struct snap *sched_take(struct sched *s, size_t i);

/* When collector i polls next (monotonic ms, 0 while it is polling or not started), and how many
 * of its snapshots a full queue dropped. For tests and diagnostics. */
int64_t sched_next_due(struct sched *s, size_t i);
uint64_t sched_dropped(struct sched *s, size_t i);
uint64_t sched_polls(struct sched *s, size_t i); /* polls started */

/* Stop every collector: a poll blocked in a runner or a deadline-aware wait returns at once
 * through the stop fd. Waits SCHED_STOP_GRACE_MS in all; a collector still stuck after that
 * (a read in an uninterruptible sleep) is left running and its memory with it, since the
 * process is about to exit. Returns how many were left behind. Accepts NULL. */
size_t sched_free(struct sched *s);

#endif
