/* The one way a SET reaches the exec collector: a bounded queue of check names (the srvhExtTable
 * index, nothing else), pushed by the SNMP thread after a SET of errFix committed and taken by
 * the collector at its next poll. What runs is looked up again in the collector's own config. */
#ifndef SRVH_EXEC_FIXQ_H
#define SRVH_EXEC_FIXQ_H

#include <stdbool.h>
#include <stddef.h>

#include "exec/exec_config.h"

#define EXEC_FIXQ_MAX 16

/* SNMP thread: room for one more request? (asked before a SET commits, so COMMIT cannot fail) */
bool exec_fixq_has_room(void);
/* SNMP thread: queue a fix of the check called name and wake the collector. 0, -EAGAIN when
 * full, -EINVAL for a name that is not a valid check name. */
int exec_fixq_push(const char *name);

/* Collector: names[i] gets each waiting request, oldest first; returns how many (<= max). */
size_t exec_fixq_take(char (*names)[EXEC_NAME_MAX + 1], size_t max);
/* Collector: the eventfd to write to after a push (-1: none). */
void exec_fixq_attach(int fd);

#endif
