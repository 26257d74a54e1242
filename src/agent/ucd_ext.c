/* UCD-SNMP-MIB's extTable (.1.3.6.1.4.1.2021.8.1) served from the exec module's snapshot when
 * serveUcdExtTable is yes: one row per check, extIndex its place in the config. snmpd registers
 * that table itself, column by column, even without exec lines; the master hands a subtree to
 * the registration with the better priority and, at equal priority, to the one made first. So
 * we register the same columns with SRVH_OVERRIDE_PRIORITY; when srvhealthd leaves, snmpd's
 * own columns answer again. */
#include <errno.h>
#include <string.h>

#include "agent/agent.h"
#include "agent/agent_snmp.h"
#include "exec/exec_config.h"
#include "exec/exec_model.h"
#include "srvhealth/oids.h"

static const oid ucd_base[] = {SRVH_UCD_EXT_OID};
#define UCD_BASE_LEN OID_LENGTH(ucd_base)

static const unsigned ucd_cols[] = {
    SRVH_UCD_EXT_INDEX,  SRVH_UCD_EXT_NAMES,  SRVH_UCD_EXT_COMMAND,    SRVH_UCD_EXT_RESULT,
    SRVH_UCD_EXT_OUTPUT, SRVH_UCD_EXT_ERRFIX, SRVH_UCD_EXT_ERRFIX_CMD,
};
#define N_UCD_COLS (sizeof(ucd_cols) / sizeof(ucd_cols[0]))

static netsnmp_handler_registration *regs[N_UCD_COLS];
static struct mib_table table;
static const struct mib_table *tables[1] = {&table};
static const struct mib_tree tree = {.tables = tables, .n_tables = 1};
static const struct mib_rows no_rows;

struct module_slot *agent_exec_slot(void)
{
        for (size_t i = 0; i < agent.n_slots; i++) {
                if (agent.slots[i].ops->index == SRVH_MODULE_EXEC)
                        return &agent.slots[i];
        }
        return NULL;
}

const void *agent_exec_config(void)
{
        const struct module_slot *m = agent_exec_slot();
        return m ? module_conf_get(agent.cfg.module[m->pos]) : NULL;
}

/* Is the instance name[0..len) below limit? -1 before it, 0 inside, 1 after. */
static int where_below(const oid *name, size_t len, const oid *limit, size_t limit_len)
{
        size_t n = len < limit_len ? len : limit_len;
        for (size_t i = 0; i < n; i++) {
                if (name[i] != limit[i])
                        return name[i] < limit[i] ? -1 : 1;
        }
        return len < limit_len ? -1 : 0;
}

void agent_answer_below(const struct mib_tree *t, const oid *base, size_t base_len,
                        const oid *limit, size_t limit_len, netsnmp_agent_request_info *reqinfo,
                        netsnmp_request_info *req)
{
        netsnmp_variable_list *var = req->requestvb;
        int w = where_below(var->name, var->name_length, limit, limit_len);
        uint32_t rel[MIB_OID_MAX];
        size_t rel_len = 0;
        struct mib_hit hit;
        if (reqinfo->mode == MODE_GET) {
                if (w != 0 || var->name_length - base_len > MIB_OID_MAX) {
                        netsnmp_set_request_error(reqinfo, req, SNMP_NOSUCHOBJECT);
                        return;
                }
                for (size_t i = base_len; i < var->name_length; i++)
                        rel[rel_len++] =
                            var->name[i] > UINT32_MAX ? UINT32_MAX : (uint32_t)var->name[i];
                int r = mib_tree_get(t, rel, rel_len, &hit);
                if (r == 0)
                        handler_set_value(var, &hit.value);
                else
                        netsnmp_set_request_error(
                            reqinfo, req, r == -ESRCH ? SNMP_NOSUCHINSTANCE : SNMP_NOSUCHOBJECT);
                return;
        }
        if (reqinfo->mode != MODE_GETNEXT || w > 0)
                return;
        /* Before the limit: start at it. Inside: from the request, cut to what we can hold
         * (see mib_tree_next() for why the cut gives the same answer). */
        const oid *from = w < 0 ? limit : var->name;
        size_t from_len = w < 0 ? limit_len : var->name_length;
        if (from_len - base_len > MIB_OID_MAX)
                from_len = base_len + MIB_OID_MAX;
        for (size_t i = base_len; i < from_len; i++)
                rel[rel_len++] = from[i] > UINT32_MAX ? UINT32_MAX : (uint32_t)from[i];
        if (mib_tree_next(t, rel, rel_len, &hit) != 0)
                return;
        oid full[MIB_OID_MAX + 16];
        if (base_len + hit.oid_len > sizeof(full) / sizeof(full[0]))
                return;
        memcpy(full, base, base_len * sizeof(oid));
        for (size_t i = 0; i < hit.oid_len; i++)
                full[base_len + i] = hit.oid[i];
        if (where_below(full, base_len + hit.oid_len, limit, limit_len) != 0)
                return; /* past this registration: the master asks the next one */
        snmp_set_var_objid(var, full, base_len + hit.oid_len);
        handler_set_value(var, &hit.value);
}

static int ucd_handler(netsnmp_mib_handler *handler, netsnmp_handler_registration *reginfo,
                       netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests)
{
        (void)handler;
        if (reqinfo->mode != MODE_GET && reqinfo->mode != MODE_GETNEXT) {
                /* Only the extErrFix registration is writable (net-snmp refuses SETs on the
                 * others before they reach us). */
                errfix_set(ERRFIX_UCD, reginfo->rootoid, reginfo->rootoid_len, reqinfo, requests);
                return SNMP_ERR_NOERROR;
        }
        for (netsnmp_request_info *req = requests; req; req = req->next) {
                if (req->processed)
                        continue;
                agent_answer_below(&tree, ucd_base, UCD_BASE_LEN, reginfo->rootoid,
                                   reginfo->rootoid_len, reqinfo, req);
        }
        return SNMP_ERR_NOERROR;
}

void ucd_ext_unregister(void)
{
        for (size_t i = 0; i < N_UCD_COLS; i++) {
                if (regs[i])
                        netsnmp_unregister_handler(regs[i]);
                regs[i] = NULL;
        }
}

static void ucd_ext_register(struct module_slot *m)
{
        table = exec_ucd_table;
        table.rows = &m->rows[EXEC_UCD_ROWS];
        for (size_t i = 0; i < N_UCD_COLS; i++) {
                oid col[UCD_BASE_LEN + 2];
                memcpy(col, ucd_base, sizeof(ucd_base));
                col[UCD_BASE_LEN] = SRVH_UCD_EXT_ENTRY;
                col[UCD_BASE_LEN + 1] = ucd_cols[i];
                int modes =
                    ucd_cols[i] == SRVH_UCD_EXT_ERRFIX ? HANDLER_CAN_RWRITE : HANDLER_CAN_RONLY;
                netsnmp_handler_registration *reg = netsnmp_create_handler_registration(
                    "ucdExtTable", ucd_handler, col, OID_LENGTH(col), modes);
                if (!reg) {
                        snmp_log(LOG_ERR, "serveUcdExtTable: out of memory\n");
                        break;
                }
                reg->priority = SRVH_OVERRIDE_PRIORITY;
                if (netsnmp_register_handler(reg) != MIB_REGISTERED_OK) {
                        snmp_log(LOG_ERR, "serveUcdExtTable: cannot register extTable column %u\n",
                                 ucd_cols[i]);
                        break; /* net-snmp freed reg */
                }
                regs[i] = reg;
        }
        snmp_log(LOG_INFO, "serving the exec checks at UCD-SNMP-MIB's extTable too\n");
}

void ucd_ext_apply(void)
{
        struct module_slot *m = agent_exec_slot();
        const struct exec_config *c = agent_exec_config();
        bool want = m && m->enabled && c && c->serve_ucd;
        if (want && !regs[0])
                ucd_ext_register(m);
        else if (!want && regs[0]) {
                ucd_ext_unregister();
                table.rows = &no_rows;
                snmp_log(LOG_INFO, "no longer serving UCD-SNMP-MIB's extTable\n");
        }
}
