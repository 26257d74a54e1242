/* The scheduler: one collector thread per enabled module, each polling on its own interval with
 * back-off on failure, queueing snapshots for the SNMP thread (oldest first, so every transition
 * is diffed) and waking it through an eventfd. Collector threads never touch net-snmp. */
#ifndef SRVH_SCHED_H
#define SRVH_SCHED_H

#include <stddef.h>

#include "core/module.h"
#include "core/snapshot.h"

/* A failing module waits interval * 2^failures, up to this many intervals. */
#define SCHED_BACKOFF_MAX_FACTOR 16

/* Snapshots a module may have waiting for the SNMP thread; past that the oldest is dropped. The
 * SNMP thread takes them within milliseconds, so this only bounds memory if it ever stalls. */
#define SCHED_QUEUE_MAX 8

struct sched;

/* wake_fd: an eventfd the SNMP thread watches. settings must outlive the scheduler. */
struct sched *sched_new(int wake_fd, const struct module_settings *settings);

/* Start the collector of srvh_modules[i]. Returns 0 or -errno. */
int sched_start(struct sched *s, size_t i, unsigned interval_s);

/* Change the interval of a running collector; it takes effect after the current wait. */
void sched_set_interval(struct sched *s, size_t i, unsigned interval_s);

/* Ask every running collector to poll now (used after a reload and by tests via SIGHUP). */
void sched_poll_all_now(struct sched *s);

/* Take the oldest unread snapshot of module i, or NULL. The caller owns it. */
struct snap *sched_take(struct sched *s, size_t i);

/* Stop and join every collector, free unread snapshots and the scheduler. Accepts NULL. */
void sched_free(struct sched *s);

#endif
