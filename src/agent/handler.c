/* The one net-snmp handler for srvhObjects: GET and GETNEXT resolved by the pure walker in
 * core/mibtree.c over the current snapshots, and the MIB's sysORTable entry. No allocation, I/O
 * or logging per request; SETs are refused by the read-only registration before they reach us
 * (the one writable column, srvhExtErrFix, has a registration of its own in errfix.c).
 * Errors go through netsnmp_set_request_error() with the request's reqinfo: without it the call
 * does nothing and the master answers noSuchInstance for everything. */
#include <errno.h>
#include <string.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>
#include <net-snmp/agent/agent_sysORTable.h>

#include "agent/agent.h"
#include "agent/agent_snmp.h"
#include "srvhealth/oids.h"

static const oid base_oid[] = {SRVH_ROOT_OID, SRVH_OBJECTS};
#define BASE_LEN OID_LENGTH(base_oid)

static oid mib_oid[] = {SRVH_ROOT_OID}; /* not const: net-snmp 5.9 takes oid * */
static const struct mib_tree *served_tree;
static netsnmp_handler_registration *registration;

/* The request OID relative to srvhObjects. Returns 1 when it lies inside (rel/rel_len set), 0 when
 * it sorts before the subtree (a GETNEXT then starts at the first object), -1 when after. */
static int relative_name(const oid *name, size_t len, uint32_t *rel, size_t *rel_len)
{
        size_t n = len < BASE_LEN ? len : BASE_LEN;
        for (size_t i = 0; i < n; i++) {
                if (name[i] != base_oid[i])
                        return name[i] < base_oid[i] ? 0 : -1;
        }
        if (len <= BASE_LEN)
                return 0;
        size_t k = len - BASE_LEN;
        if (k > MIB_OID_MAX)
                k = MIB_OID_MAX; /* longer than anything we serve: order is kept by the prefix */
        for (size_t i = 0; i < k; i++) {
                oid sub = name[BASE_LEN + i];
                rel[i] = sub > UINT32_MAX ? UINT32_MAX : (uint32_t)sub;
        }
        *rel_len = k;
        return 1;
}

void handler_set_value(netsnmp_variable_list *var, const struct mib_value *v)
{
        switch (v->type) {
        case MIB_T_INTEGER:
                snmp_set_var_typed_integer(var, ASN_INTEGER, (long)v->i);
                break;
        case MIB_T_GAUGE:
                snmp_set_var_typed_integer(var, ASN_GAUGE, (long)v->u);
                break;
        case MIB_T_COUNTER32:
                snmp_set_var_typed_integer(var, ASN_COUNTER, (long)v->u);
                break;
        case MIB_T_TIMETICKS:
                snmp_set_var_typed_integer(var, ASN_TIMETICKS, (long)v->u);
                break;
        case MIB_T_COUNTER64: {
                struct counter64 c = {.high = (u_long)(v->u >> 32),
                                      .low = (u_long)(v->u & 0xffffffffu)};
                snmp_set_var_typed_value(var, ASN_COUNTER64, &c, sizeof(c));
                break;
        }
        case MIB_T_STRING:
                snmp_set_var_typed_value(var, ASN_OCTET_STR, mib_value_bytes(v), v->len);
                break;
        case MIB_T_OID: {
                oid o[MIB_OID_MAX];
                for (size_t i = 0; i < v->oid_len; i++)
                        o[i] = v->oid[i];
                snmp_set_var_typed_value(var, ASN_OBJECT_ID, o, v->oid_len * sizeof(oid));
                break;
        }
        }
}

static void answer_get(netsnmp_agent_request_info *reqinfo, netsnmp_request_info *req)
{
        netsnmp_variable_list *var = req->requestvb;
        uint32_t rel[MIB_OID_MAX];
        size_t rel_len = 0;
        struct mib_hit hit;
        if (var->name_length > BASE_LEN + MIB_OID_MAX ||
            relative_name(var->name, var->name_length, rel, &rel_len) != 1) {
                netsnmp_set_request_error(reqinfo, req, SNMP_NOSUCHOBJECT);
                return;
        }
        int r = mib_tree_get(served_tree, rel, rel_len, &hit);
        if (r == 0)
                handler_set_value(var, &hit.value);
        else
                netsnmp_set_request_error(reqinfo, req,
                                          r == -ESRCH ? SNMP_NOSUCHINSTANCE : SNMP_NOSUCHOBJECT);
}

static void answer_getnext(netsnmp_request_info *req)
{
        netsnmp_variable_list *var = req->requestvb;
        uint32_t rel[MIB_OID_MAX];
        size_t rel_len = 0;
        struct mib_hit hit;
        int where = relative_name(var->name, var->name_length, rel, &rel_len);
        if (where < 0)
                return; /* past our subtree: leave it for the next registration */
        if (mib_tree_next(served_tree, rel, where ? rel_len : 0, &hit) != 0)
                return;
        oid full[BASE_LEN + MIB_OID_MAX];
        memcpy(full, base_oid, sizeof(base_oid));
        for (size_t i = 0; i < hit.oid_len; i++)
                full[BASE_LEN + i] = hit.oid[i];
        snmp_set_var_objid(var, full, BASE_LEN + hit.oid_len);
        handler_set_value(var, &hit.value);
}

static int srvh_handler(netsnmp_mib_handler *handler, netsnmp_handler_registration *reginfo,
                        netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests)
{
        (void)handler;
        (void)reginfo;
        for (netsnmp_request_info *req = requests; req; req = req->next) {
                if (req->processed)
                        continue;
                switch (reqinfo->mode) {
                case MODE_GET:
                        answer_get(reqinfo, req);
                        break;
                case MODE_GETNEXT:
                        answer_getnext(req);
                        break;
                default:
                        netsnmp_set_request_error(reqinfo, req, SNMP_ERR_NOTWRITABLE);
                        break;
                }
        }
        return SNMP_ERR_NOERROR;
}

int handler_register(const struct mib_tree *tree)
{
        served_tree = tree;
        netsnmp_handler_registration *reg = netsnmp_create_handler_registration(
            "srvhObjects", srvh_handler, base_oid, BASE_LEN, HANDLER_CAN_RONLY);
        if (!reg)
                return -ENOMEM;
        if (netsnmp_register_handler(reg) != MIB_REGISTERED_OK)
                return -EEXIST; /* net-snmp freed reg */
        registration = reg;
        /* The subagent forwards this to the master as an AgentX AddAgentCaps, now or when it
         * connects, so the master's sysORTable lists the MIB. */
        register_sysORTable(mib_oid, OID_LENGTH(mib_oid),
                            "SRVHEALTH-MIB: server storage health (md RAID) from srvhealthd");
        return 0;
}

void handler_unregister(void)
{
        if (!registration)
                return;
        unregister_sysORTable(mib_oid, OID_LENGTH(mib_oid));
        netsnmp_unregister_handler(registration);
        registration = NULL;
        served_tree = NULL;
}
