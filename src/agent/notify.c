/* Notifications: every event a module diff reports gets a sequence number, a log line, a row in
 * srvhEventTable and a place in the send queue. The queue is sent through the master agent while
 * it is connected and kept (bounded, oldest dropped first and counted) while it is not, so an
 * snmpd restart loses nothing and repeats nothing. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include "agent/agent.h"
#include "srvhealth/oids.h"

static struct {
        /* srvhEventTable: the newest events, oldest first (so sorted by seq) */
        struct srvh_event *log;
        struct mib_row *log_rows;
        struct mib_rows rows;
        size_t log_n, log_cap;
        /* Ring of events not yet sent */
        struct srvh_event *q;
        size_t q_head, q_n, q_cap;
        uint64_t dropped;
        bool drop_logged;
        uint32_t seq;
} nt;

int notify_init(unsigned queue_size, unsigned event_table_size)
{
        nt.log_cap = event_table_size;
        nt.log = calloc(nt.log_cap, sizeof(*nt.log));
        nt.log_rows = calloc(nt.log_cap, sizeof(*nt.log_rows));
        nt.q_cap = queue_size;
        nt.q = calloc(nt.q_cap, sizeof(*nt.q));
        if (!nt.log || !nt.log_rows || !nt.q)
                return -ENOMEM;
        nt.rows = (struct mib_rows){.v = nt.log_rows, .n = 0};
        return 0;
}

static void rebuild_rows(void)
{
        for (size_t i = 0; i < nt.log_n; i++)
                nt.log_rows[i] =
                    (struct mib_row){.idx = {nt.log[i].seq}, .idx_len = 1, .data = &nt.log[i]};
        nt.rows = (struct mib_rows){.v = nt.log_rows, .n = nt.log_n};
}

void notify_resize(unsigned queue_size, unsigned event_table_size)
{
        if (event_table_size != nt.log_cap) {
                struct srvh_event *log = calloc(event_table_size, sizeof(*log));
                struct mib_row *rows = calloc(event_table_size, sizeof(*rows));
                if (log && rows) {
                        size_t keep = nt.log_n < event_table_size ? nt.log_n : event_table_size;
                        memcpy(log, nt.log + (nt.log_n - keep), keep * sizeof(*log));
                        free(nt.log);
                        free(nt.log_rows);
                        nt.log = log;
                        nt.log_rows = rows;
                        nt.log_n = keep;
                        nt.log_cap = event_table_size;
                        rebuild_rows();
                } else {
                        free(log);
                        free(rows);
                }
        }
        if (queue_size != nt.q_cap && queue_size >= nt.q_n) {
                struct srvh_event *q = calloc(queue_size, sizeof(*q));
                if (q) {
                        for (size_t i = 0; i < nt.q_n; i++)
                                q[i] = nt.q[(nt.q_head + i) % nt.q_cap];
                        free(nt.q);
                        nt.q = q;
                        nt.q_head = 0;
                        nt.q_cap = queue_size;
                }
        }
}

static void log_event(const struct srvh_event *e)
{
        int prio = e->severity == SRVH_HEALTH_CRITICAL ? LOG_CRIT
                   : e->severity == SRVH_HEALTH_OK     ? LOG_NOTICE
                                                       : LOG_WARNING;
        snmp_log(prio, "event %u: %s: %s (%s -> %s)\n", e->seq, e->object, e->text,
                 e->old_state[0] ? e->old_state : "-", e->new_state);
}

void notify_record(struct srvh_event *e)
{
        e->seq = ++nt.seq;
        if (!e->when)
                e->when = time(NULL); /* frame events; module events carry their poll's time */
        log_event(e);

        if (nt.log_n == nt.log_cap) {
                memmove(nt.log, nt.log + 1, (nt.log_cap - 1) * sizeof(*nt.log));
                nt.log_n--;
        }
        nt.log[nt.log_n++] = *e;
        rebuild_rows();

        if (nt.q_n == nt.q_cap) {
                nt.q_head = (nt.q_head + 1) % nt.q_cap; /* drop the oldest */
                nt.q_n--;
                nt.dropped++;
                if (!nt.drop_logged) {
                        snmp_log(LOG_WARNING,
                                 "notification queue full (%zu, notificationQueueSize): dropping "
                                 "the oldest; srvhEventTable keeps the latest %zu events\n",
                                 nt.q_cap, nt.log_cap);
                        nt.drop_logged = true;
                }
        }
        nt.q[(nt.q_head + nt.q_n) % nt.q_cap] = *e;
        nt.q_n++;
}

static void add_string(netsnmp_variable_list **vars, unsigned sub, const char *s)
{
        oid name[] = {SRVH_ROOT_OID, SRVH_OBJECTS, SRVH_NOTIFY, sub, 0};
        snmp_varlist_add_variable(vars, name, OID_LENGTH(name), ASN_OCTET_STR, s, strnlen(s, 255));
}

static void add_number(netsnmp_variable_list **vars, unsigned sub, u_char type, long v)
{
        oid name[] = {SRVH_ROOT_OID, SRVH_OBJECTS, SRVH_NOTIFY, sub, 0};
        snmp_varlist_add_variable(vars, name, OID_LENGTH(name), type, &v, sizeof(v));
}

static void send_one(const struct srvh_event *e)
{
        static const oid snmptrap_oid[] = {1, 3, 6, 1, 6, 3, 1, 1, 4, 1, 0};
        oid trap[] = {SRVH_ROOT_OID, SRVH_NOTIFICATIONS, e->trap};
        netsnmp_variable_list *vars = NULL;

        snmp_varlist_add_variable(&vars, snmptrap_oid, OID_LENGTH(snmptrap_oid), ASN_OBJECT_ID,
                                  trap, sizeof(trap));
        add_number(&vars, SRVH_NOTIFY_SEQ, ASN_UNSIGNED, (long)e->seq);
        add_number(&vars, SRVH_NOTIFY_SEVERITY, ASN_INTEGER, (long)e->severity);
        add_string(&vars, SRVH_NOTIFY_OBJECT, e->object);
        add_string(&vars, SRVH_NOTIFY_NEW_STATE, e->new_state);
        add_string(&vars, SRVH_NOTIFY_OLD_STATE, e->old_state);
        add_string(&vars, SRVH_NOTIFY_TEXT, e->text);
        add_number(&vars, SRVH_NOTIFY_VALUE, ASN_GAUGE, (long)e->value);
        send_v2trap(vars);
        snmp_free_varbind(vars);
        DEBUGMSGTL(("srvh:notify", "sent event %u (trap %u) for %s\n", e->seq, e->trap, e->object));
}

void notify_flush(void)
{
        /* send_v2trap() drops a trap silently when no master is there: send only while the
         * AgentX session is up (agent.c tracks it through the index start/stop callbacks). */
        if (!agent.connected)
                return;
        if (nt.q_n && nt.dropped && nt.drop_logged)
                snmp_log(LOG_WARNING,
                         "%llu notifications were dropped while the master agent "
                         "was unreachable (srvhNotificationsDropped)\n",
                         (unsigned long long)nt.dropped);
        while (nt.q_n) {
                send_one(&nt.q[nt.q_head]);
                nt.q_head = (nt.q_head + 1) % nt.q_cap;
                nt.q_n--;
        }
        nt.drop_logged = false;
}

void notify_free(void)
{
        free(nt.log);
        free(nt.log_rows);
        free(nt.q);
        memset(&nt, 0, sizeof(nt));
}

const struct mib_rows *notify_event_rows(void)
{
        return &nt.rows;
}

uint32_t notify_last_seq(void)
{
        return nt.seq;
}

uint64_t notify_queued(void)
{
        return nt.q_n;
}

uint64_t notify_dropped(void)
{
        return nt.dropped;
}

int notify_get_event(const void *data, unsigned column, struct mib_value *v)
{
        const struct srvh_event *e = data;
        switch (column) {
        case SRVH_EV_TIME:
                mib_set_datetime(v, (int64_t)e->when);
                break;
        case SRVH_EV_SEVERITY:
                mib_set_int(v, e->severity);
                break;
        case SRVH_EV_NOTIFICATION: {
                const uint32_t trap[] = {SRVH_ROOT_OID, SRVH_NOTIFICATIONS, e->trap};
                v->type = MIB_T_OID;
                memcpy(v->oid, trap, sizeof(trap));
                v->oid_len = sizeof(trap) / sizeof(trap[0]);
                break;
        }
        case SRVH_EV_OBJECT:
                mib_set_string(v, e->object);
                break;
        case SRVH_EV_TEXT:
                mib_set_string(v, e->text);
                break;
        default:
                return -ENOENT;
        }
        return 0;
}
