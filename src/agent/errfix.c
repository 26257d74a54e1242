/* errFix: a SET of srvhExtErrFix (or, with serveUcdExtTable, UCD's extErrFix) to 1 asks the exec
 * collector to run the check's preconfigured execfix command. Every varbind is checked in
 * RESERVE1 (index shape, row, type, length, value, enabled) and RESERVE2 (rate limit, queue
 * room); only COMMIT hands the check's name to the collector's request queue and logs it. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "agent/agent.h"
#include "agent/agent_snmp.h"
#include "exec/exec_config.h"
#include "exec/exec_fixq.h"
#include "srvhealth/oids.h"

static const oid errfix_oid[] = {SRVH_ROOT_OID,  SRVH_OBJECTS, SRVH_EXT, SRVH_EXT_TABLE, 1,
                                 SRVH_EXT_ERRFIX};
static const oid objects_oid[] = {SRVH_ROOT_OID, SRVH_OBJECTS};
static netsnmp_handler_registration *registration;

/* Per check, by name so a reload keeps it: when its fix was last accepted (monotonic ms), and
 * when a refused SET of it was last logged, with the refusals left unlogged since. Someone with
 * write access could otherwise fill the log with refused SETs: one line per check per
 * ERRFIX_REFUSAL_LOG_GAP_MS, the next one saying how many were not logged. */
#define ERRFIX_REFUSAL_LOG_GAP_MS 60000
struct fix_record {
        char name[EXEC_NAME_MAX + 1];
        int64_t at_ms;
        int64_t refusal_logged_ms;
        unsigned refusals_quiet;
};
static struct fix_record records[EXEC_CHECKS_MAX];
static size_t n_records;

static int64_t mono_ms(void)
{
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static struct fix_record *record_of(const char *name, bool add)
{
        for (size_t i = 0; i < n_records; i++) {
                if (strcmp(records[i].name, name) == 0)
                        return &records[i];
        }
        if (!add || n_records == EXEC_CHECKS_MAX)
                return NULL;
        struct fix_record *r = &records[n_records++];
        *r = (struct fix_record){0};
        snprintf(r->name, sizeof(r->name), "%s", name);
        return r;
}

/* Log why a SET of check k was refused, at most once per check per ERRFIX_REFUSAL_LOG_GAP_MS. */
static void log_refusal(const struct exec_check *k, int64_t now, const char *why)
{
        struct fix_record *r = record_of(k->name, true);
        if (r && r->refusal_logged_ms && now - r->refusal_logged_ms < ERRFIX_REFUSAL_LOG_GAP_MS) {
                r->refusals_quiet++;
                return;
        }
        if (r && r->refusals_quiet)
                snmp_log(LOG_INFO, "errFix %s: SET refused, %s (%u more refused since the last "
                         "line, not logged)\n", k->name, why, r->refusals_quiet);
        else
                snmp_log(LOG_INFO, "errFix %s: SET refused, %s\n", k->name, why);
        if (r) {
                r->refusal_logged_ms = now;
                r->refusals_quiet = 0;
        }
}

/* Seconds until the fix of k may run again, 0 when it may now. */
static unsigned wait_left(const struct exec_config *c, const struct exec_check *k, int64_t now)
{
        const struct fix_record *r = record_of(k->name, false);
        int64_t gap = (int64_t)exec_check_fix_gap(c, k) * 1000;
        if (!r || !r->at_ms || now - r->at_ms >= gap)
                return 0;
        return (unsigned)((gap - (now - r->at_ms) + 999) / 1000);
}

/* The check a request's instance names: after the column, the srvhExtIndex (length, octets)
 * or the UCD extIndex (one sub-identifier, the place in the config). NULL when malformed or
 * when no such check is configured. */
static const struct exec_check *resolve(enum errfix_table table, const struct exec_config *c,
                                        const oid *column, size_t column_len,
                                        const netsnmp_variable_list *var)
{
        if (!c || var->name_length <= column_len ||
            snmp_oid_compare(var->name, column_len, column, column_len) != 0)
                return NULL;
        const oid *idx = var->name + column_len;
        size_t n = var->name_length - column_len;
        if (table == ERRFIX_UCD) {
                if (n != 1 || idx[0] < 1 || idx[0] > c->n_checks)
                        return NULL;
                return &c->checks[idx[0] - 1];
        }
        if (n > 1 + MIB_STRING_INDEX_MAX)
                return NULL;
        uint32_t sub[1 + MIB_STRING_INDEX_MAX];
        for (size_t i = 0; i < n; i++)
                sub[i] = idx[i] > 255 ? 256 : (uint32_t)idx[i];
        char name[EXEC_NAME_MAX + 1];
        size_t len;
        int used = mib_index_decode_string(sub, n, false, name, sizeof(name) - 1, &len);
        if (used < 0 || (size_t)used != n || memchr(name, '\0', len))
                return NULL;
        name[len] = '\0';
        return exec_config_find(c, name);
}

static const char *table_name(enum errfix_table table)
{
        return table == ERRFIX_UCD ? "extErrFix" : "srvhExtErrFix";
}

/* RESERVE1: everything that does not depend on time. The order follows RFC 3416 4.2.5. */
static int check_varbind(const struct exec_check *k, const netsnmp_variable_list *var)
{
        if (!k)
                return SNMP_ERR_NOCREATION; /* no such row, and rows cannot be created */
        if (var->type != ASN_INTEGER)
                return SNMP_ERR_WRONGTYPE;
        if (var->val_len != sizeof(long) || !var->val.integer)
                return SNMP_ERR_WRONGLENGTH;
        if (*var->val.integer != 1)
                return SNMP_ERR_WRONGVALUE;
        if (!k->has_fix || !k->fix_enabled)
                return SNMP_ERR_NOTWRITABLE; /* errFix is off for this check */
        return SNMP_ERR_NOERROR;
}

static void utc_now(char *buf, size_t n)
{
        time_t t = time(NULL);
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void commit_one(enum errfix_table table, const struct exec_config *c,
                       const struct exec_check *k, int64_t now)
{
        char when[32];
        utc_now(when, sizeof(when));
        unsigned left = wait_left(c, k, now);
        if (left) {
                /* The same check twice in one SET: the first varbind queued it. */
                snmp_log(LOG_NOTICE, "errFix %s: %s set again in the same request at %s, ignored\n",
                         k->name, table_name(table), when);
                return;
        }
        int r = exec_fixq_push(k->name);
        if (r < 0) {
                snmp_log(LOG_ERR, "errFix %s: %s set at %s but the fix could not be queued\n",
                         k->name, table_name(table), when);
                return;
        }
        struct fix_record *rec = record_of(k->name, true);
        if (rec)
                rec->at_ms = now;
        snmp_log(LOG_NOTICE,
                 "errFix %s: %s set to 1 at %s (the SNMP requester is known only to the master "
                 "agent); running its fix: %s\n",
                 k->name, table_name(table), when, k->fix.text);
}

void errfix_set(enum errfix_table table, const oid *column, size_t column_len,
                netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests)
{
        const struct exec_config *c = agent_exec_config();
        const struct module_slot *m = agent_exec_slot();
        if (m && !m->enabled)
                c = NULL;
        int64_t now = mono_ms();
        for (netsnmp_request_info *req = requests; req; req = req->next) {
                if (req->processed)
                        continue;
                netsnmp_variable_list *var = req->requestvb;
                const struct exec_check *k = resolve(table, c, column, column_len, var);
                int err = SNMP_ERR_NOERROR;
                switch (reqinfo->mode) {
                case MODE_SET_RESERVE1:
                        err = check_varbind(k, var);
                        if (err == SNMP_ERR_NOTWRITABLE)
                                log_refusal(k, now, "errFix is off");
                        break;
                case MODE_SET_RESERVE2:
                        if (!k)
                                err = SNMP_ERR_NOCREATION;
                        else if (wait_left(c, k, now)) {
                                char why[96];
                                snprintf(why, sizeof(why),
                                         "the last fix was accepted less than %u s ago (%u s left)",
                                         exec_check_fix_gap(c, k), wait_left(c, k, now));
                                log_refusal(k, now, why);
                                err = SNMP_ERR_RESOURCEUNAVAILABLE;
                        } else if (!exec_fixq_has_room()) {
                                err = SNMP_ERR_RESOURCEUNAVAILABLE;
                        }
                        break;
                case MODE_SET_COMMIT:
                        /* A reload between the phases may have removed the check or its fix:
                         * check again, and do nothing then. */
                        if (k && check_varbind(k, var) == SNMP_ERR_NOERROR)
                                commit_one(table, c, k, now);
                        break;
                default: /* ACTION, FREE, UNDO: nothing was reserved, nothing to undo */
                        break;
                }
                if (err != SNMP_ERR_NOERROR)
                        netsnmp_set_request_error(reqinfo, req, err);
        }
}

static int errfix_handler(netsnmp_mib_handler *handler, netsnmp_handler_registration *reginfo,
                          netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests)
{
        (void)handler;
        if (reqinfo->mode != MODE_GET && reqinfo->mode != MODE_GETNEXT) {
                errfix_set(ERRFIX_SRVH, reginfo->rootoid, reginfo->rootoid_len, reqinfo, requests);
                return SNMP_ERR_NOERROR;
        }
        for (netsnmp_request_info *req = requests; req; req = req->next) {
                if (!req->processed)
                        agent_answer_below(agent_mib_tree(), objects_oid, OID_LENGTH(objects_oid),
                                           reginfo->rootoid, reginfo->rootoid_len, reqinfo, req);
        }
        return SNMP_ERR_NOERROR;
}

int errfix_register(void)
{
        /* A column of its own inside the read-only srvhObjects registration, the one place of
         * SRVHEALTH-MIB a SET can reach; its better priority makes it win that column. */
        netsnmp_handler_registration *reg =
            netsnmp_create_handler_registration("srvhExtErrFix", errfix_handler, errfix_oid,
                                                OID_LENGTH(errfix_oid), HANDLER_CAN_RWRITE);
        if (!reg)
                return -ENOMEM;
        reg->priority = SRVH_OVERRIDE_PRIORITY;
        if (netsnmp_register_handler(reg) != MIB_REGISTERED_OK)
                return -EEXIST;
        registration = reg;
        return 0;
}

void errfix_unregister(void)
{
        if (registration)
                netsnmp_unregister_handler(registration);
        registration = NULL;
}
