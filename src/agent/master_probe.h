/* Why can't we reach the master agent? A connect(2) of our own to snmpd's AgentX unix socket,
 * turned into one sentence an operator can act on (permissions, no snmpd, stale socket).
 * libc only: no net-snmp, no logging, no globals; safe to call from any thread. */
#ifndef SRVH_MASTER_PROBE_H
#define SRVH_MASTER_PROBE_H

#include <stddef.h>

/* net-snmp's default AgentX address, used when address is NULL or "". */
#define MASTER_PROBE_DEFAULT "/var/agentx/master"

/* Probe the AgentX address the subagent uses: "unix:/path", or a bare absolute path. One
 * non-blocking connect to it; the connection, if made, is closed at once without sending a byte.
 *
 * Returns the errno that connect(2) gave (EACCES, ENOENT, ECONNREFUSED, ...), 0 if the socket
 * accepted the connection (so the cause lies elsewhere, e.g. in snmpd's log), or -1 for an address
 * that is not a unix socket ("tcp:localhost:705"), which is not probed.
 * Writes one sentence naming the path and what to change into buf (always NUL-terminated when
 * len > 0, cut to fit). */
int master_probe(const char *address, char *buf, size_t len);

#endif
