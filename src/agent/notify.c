/* Notifications: every event a module diff reports gets a sequence number, a log line, a row in
 * srvhEventTable and a place in the send queue. Events go to the master one at a time as AgentX
 * Notify PDUs whose Response we wait for: an event leaves the queue only when the master has
 * answered it, and net-snmp never retransmits it on its own (the session has no retries). After a
 * timeout or a reconnect the unanswered event is sent again, so on the wire delivery is at least
 * once, in order, with srvhNotifySeq to drop repeats; nothing is lost while the queue (bounded,
 * oldest dropped first and counted) holds it. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include "agent/agent.h"
#include "srvhealth/oids.h"

/* net-snmp's AgentX session to the master: declared in a header net-snmp does not install
 * (agent_global_vars.h); NULL while disconnected. */
extern netsnmp_session *main_session;

/* AgentX constants net-snmp keeps in its uninstalled agentx/protocol.h: its own version number
 * for AgentX sessions and the Notify PDU type of RFC 2741 (section 6.1). */
#define SRVH_AGENTX_VERSION_1  193
#define SRVH_AGENTX_MSG_NOTIFY 12

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
        /* The one Notify waiting for the master's Response */
        bool inflight;
        long inflight_reqid;
        uint32_t inflight_seq;
        uint64_t resends; /* events sent again after a timeout or reconnect */
        bool refused_logged;
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
        agent.flush_pending = true;
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

/* The master's answer to our Notify (or net-snmp telling us none will come). Runs inside
 * net-snmp's read or timeout processing on the SNMP thread. */
static int notify_answered(int op, netsnmp_session *session, int reqid, netsnmp_pdu *pdu,
                           void *magic)
{
        (void)session, (void)magic;
        if (!nt.inflight || reqid != nt.inflight_reqid)
                return 1; /* an answer for a session that is gone */
        nt.inflight = false;
        agent.flush_pending = true; /* the next one goes from the loop */
        if (op != NETSNMP_CALLBACK_OP_RECEIVED_MESSAGE) {
                DEBUGMSGTL(("srvh:notify", "event %u: no answer (op %d), sent again later\n",
                            nt.inflight_seq, op));
                nt.resends++;
                return 1;
        }
        if (pdu && pdu->errstat != SNMP_ERR_NOERROR && !nt.refused_logged) {
                /* Sending it again would be refused again: drop it, say so once. */
                snmp_log(LOG_WARNING,
                         "the master agent refused notification %u (AgentX error %ld); it stays "
                         "in srvhEventTable\n",
                         nt.inflight_seq, pdu->errstat);
                nt.refused_logged = true;
        }
        if (nt.q_n && nt.q[nt.q_head].seq == nt.inflight_seq) {
                nt.q_head = (nt.q_head + 1) % nt.q_cap;
                nt.q_n--;
        }
        DEBUGMSGTL(("srvh:notify", "event %u answered by the master\n", nt.inflight_seq));
        return 1;
}

/* Send e as an AgentX Notify on the master session, tracked by notify_answered(). */
static bool send_one(const struct srvh_event *e)
{
        static const oid uptime_oid[] = {1, 3, 6, 1, 2, 1, 1, 3, 0};
        static const oid snmptrap_oid[] = {1, 3, 6, 1, 6, 3, 1, 1, 4, 1, 0};
        oid trap[] = {SRVH_ROOT_OID, SRVH_NOTIFICATIONS, e->trap};
        netsnmp_pdu *pdu = snmp_pdu_create(SRVH_AGENTX_MSG_NOTIFY);
        if (!pdu)
                return false;
        pdu->version = SRVH_AGENTX_VERSION_1;
        pdu->sessid = main_session->sessid;
        pdu->reqid = snmp_get_next_reqid();
        pdu->msgid = snmp_get_next_msgid();
        long ticks = (long)netsnmp_get_agent_uptime();
        snmp_pdu_add_variable(pdu, uptime_oid, OID_LENGTH(uptime_oid), ASN_TIMETICKS, &ticks,
                              sizeof(ticks));
        snmp_pdu_add_variable(pdu, snmptrap_oid, OID_LENGTH(snmptrap_oid), ASN_OBJECT_ID, trap,
                              sizeof(trap));
        add_number(&pdu->variables, SRVH_NOTIFY_SEQ, ASN_UNSIGNED, (long)e->seq);
        add_number(&pdu->variables, SRVH_NOTIFY_SEVERITY, ASN_INTEGER, (long)e->severity);
        add_string(&pdu->variables, SRVH_NOTIFY_OBJECT, e->object);
        add_string(&pdu->variables, SRVH_NOTIFY_NEW_STATE, e->new_state);
        add_string(&pdu->variables, SRVH_NOTIFY_OLD_STATE, e->old_state);
        add_string(&pdu->variables, SRVH_NOTIFY_TEXT, e->text);
        add_number(&pdu->variables, SRVH_NOTIFY_VALUE, ASN_GAUGE, (long)e->value);
        long reqid = pdu->reqid;
        if (snmp_async_send(main_session, pdu, notify_answered, NULL) == 0) {
                snmp_free_pdu(pdu);
                return false;
        }
        nt.inflight = true;
        nt.inflight_reqid = reqid;
        nt.inflight_seq = e->seq;
        DEBUGMSGTL(("srvh:notify", "sent event %u (trap %u) for %s\n", e->seq, e->trap, e->object));
        return true;
}

void notify_master_lost(void)
{
        /* The request died with the session; the event is still at the head of the queue. */
        if (nt.inflight)
                nt.resends++;
        nt.inflight = false;
}

uint64_t notify_resends(void)
{
        return nt.resends;
}

void notify_flush(void)
{
        if (!agent.connected || !main_session || nt.inflight || !nt.q_n)
                return;
        if (nt.dropped && nt.drop_logged)
                snmp_log(LOG_WARNING,
                         "%llu notifications were dropped while the master agent "
                         "was unreachable (srvhNotificationsDropped)\n",
                         (unsigned long long)nt.dropped);
        nt.drop_logged = false;
        send_one(&nt.q[nt.q_head]);
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
