/* What the files of src/agent/ share that speaks net-snmp types: the walker's answers as
 * varbinds, and the SET of errFix that srvhExtErrFix and UCD's extErrFix both reach. */
#ifndef SRVH_AGENT_SNMP_H
#define SRVH_AGENT_SNMP_H

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include "core/mibtree.h"

/* AgentX priority of the registrations that must win over another one of the same subtree
 * (lower wins): snmpd registers its own extTable columns, and we our srvhObjects, at
 * DEFAULT_MIB_PRIORITY (127); an equal priority leaves the subtree to whoever came first. */
#define SRVH_OVERRIDE_PRIORITY 100

/* handler.c: the varbind value of one walker answer. */
void handler_set_value(netsnmp_variable_list *var, const struct mib_value *v);

/* ucd_ext.c: GET or GETNEXT of req over tree t, whose OIDs are relative to base, limited to
 * the instances below limit (a registration's root, which starts with base). A GETNEXT with
 * nothing after it below limit is left unanswered, for the master's next registration. */
void agent_answer_below(const struct mib_tree *t, const oid *base, size_t base_len,
                        const oid *limit, size_t limit_len, netsnmp_agent_request_info *reqinfo,
                        netsnmp_request_info *req);

/* errfix.c: one SET phase (reqinfo->mode) for the requests of the errFix column of table,
 * whose OID is column (column_len sub-identifiers): the row index follows it. */
enum errfix_table { ERRFIX_SRVH, ERRFIX_UCD };
void errfix_set(enum errfix_table table, const oid *column, size_t column_len,
                netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests);

#endif
