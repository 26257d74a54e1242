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

/* When each check's fix was last accepted (monotonic ms), by name, so a reload keeps it. */
static struct {
        char name[EXEC_NAME_MAX + 1];
        int64_t at_ms;
} accepted[EXEC_CHECKS_MAX];
static size_t n_accepted;

static int64_t mono_ms(void)
{
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t *accepted_at(const char *name, bool add)
{
        for (size_t i = 0; i < n_accepted; i++) {
                if (strcmp(accepted[i].name, name) == 0)
                        return &accepted[i].at_ms;
        }
        if (!add || n_accepted == EXEC_CHECKS_MAX)
                return NULL;
        snprintf(accepted[n_accepted].name, sizeof(accepted[n_accepted].name), "%s", name);
        accepted[n_accepted].at_ms = 0;
        return &accepted[n_accepted++].at_ms;
}

/* Seconds until the fix of k may run again, 0 when it may now. */
static unsigned wait_left(const struct exec_config *c, const struct exec_check *k, int64_t now)
{
        int64_t *at = accepted_at(k->name, false);
        int64_t gap = (int64_t)exec_check_fix_gap(c, k) * 1000;
        if (!at || !*at || now - *at >= gap)
                return 0;
        return (unsigned)((gap - (now - *at) + 999) / 1000);
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
        int64_t *at = accepted_at(k->name, true);
        if (at)
                *at = now;
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
                                snmp_log(LOG_INFO, "errFix %s: SET refused, errFix is off\n",
                                         k->name);
                        break;
                case MODE_SET_RESERVE2:
                        if (!k)
                                err = SNMP_ERR_NOCREATION;
                        else if (wait_left(c, k, now)) {
                                snmp_log(LOG_INFO,
                                         "errFix %s: SET refused, the last fix was accepted "
                                         "less than %u s ago (%u s left)\n",
                                         k->name, exec_check_fix_gap(c, k), wait_left(c, k, now));
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
