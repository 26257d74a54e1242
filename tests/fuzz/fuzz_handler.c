/* libFuzzer target for the handler's OID handling from the network: the real net-snmp handler
 * over the tree the daemon assembles (md polled once on the demo dataset, agent tables, events),
 * asked GET and GETNEXT for OIDs built from the input (inside srvhObjects, around it, overlong,
 * sub-identifiers past 32 bits). Checks that a GETNEXT answer is strictly after the request and
 * inside srvhObjects, that a GET of it returns the same value, and that a GET answers a value or
 * an exception, never nothing. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include "agent/agent.h"
#include "srvhealth/oids.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define BASE_LEN     (SRVH_ROOT_LEN + 1)
#define NAME_MAX_LEN 200

static const oid objects_oid[] = {SRVH_ROOT_OID, SRVH_OBJECTS};
static netsnmp_handler_registration *reg;

static void assemble(void)
{
        char dir[] = "/tmp/srvh-fuzz-handler-XXXXXX";
        if (!mkdtemp(dir))
                abort();
        setenv("SNMP_PERSISTENT_DIR", dir, 1);
        setenv("SNMPCONFPATH", dir, 1);
        netsnmp_ds_set_boolean(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_ROLE, 0);
        netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_PERSIST_STATE, 1);
        netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DISABLE_PERSISTENT_LOAD, 1);
        netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_READ_CONFIGS, 1);
        if (init_agent("srvh-fuzz-handler") != 0)
                abort();
        agent.n_slots = srvh_n_modules < SRVH_MODULES_MAX ? srvh_n_modules : SRVH_MODULES_MAX;
        for (size_t i = 0; i < agent.n_slots; i++) {
                agent.slots[i] = (struct module_slot){.ops = srvh_modules[i],
                                                      .pos = i,
                                                      .enabled = true,
                                                      .health = SRVH_HEALTH_UNKNOWN};
        }
        if (notify_init(16, 16) < 0)
                abort();
        int pos = module_position("md");
        struct module_slot *md = &agent.slots[pos];
        struct module_conf *conf = module_conf_new(md->ops);
        static struct module_ctx ctx; /* kept: the md module keeps state in it */
        ctx = (struct module_ctx){.sysroot = SRVH_SOURCE_DIR "/examples/demo/sysroot",
                                  .config = module_conf_get(conf),
                                  .cancel_fd = -1,
                                  .wait_fd = -1};
        struct snap *s = snap_new();
        if (!conf || !s || md->ops->init(&ctx) != 0)
                abort();
        s->polled_at = (int64_t)time(NULL);
        s->conf = conf;
        if (md->ops->poll(&ctx, s) != 0)
                abort();
        agent_install_snapshot(md, s);
        struct event_list ev = {0};
        event_add(&ev, SRVH_TRAP_RAID_DEGRADED, SRVH_HEALTH_CRITICAL, "md1", "degraded", "clean", 0,
                  "md1 lost a member");
        for (size_t i = 0; i < ev.n; i++)
                notify_record(&ev.v[i]);
        event_list_free(&ev);
        char why[256];
        if (agent_mib_init(why, sizeof(why)) != 0 || handler_register(agent_mib_tree()) != 0)
                abort();
        netsnmp_subtree *st = netsnmp_subtree_find(objects_oid, BASE_LEN, NULL, "");
        if (!st || !st->reginfo)
                abort();
        reg = st->reginfo;
}

/* One request through net-snmp's handler chain; the varbind is left in *ret (caller frees). */
static netsnmp_variable_list *ask(int mode, const oid *name, size_t len)
{
        netsnmp_agent_request_info reqinfo;
        netsnmp_request_info req;
        memset(&reqinfo, 0, sizeof(reqinfo));
        memset(&req, 0, sizeof(req));
        reqinfo.mode = mode;
        netsnmp_variable_list *v = NULL;
        if (!snmp_varlist_add_variable(&v, name, len, ASN_NULL, NULL, 0))
                abort();
        req.requestvb = v;
        if (netsnmp_call_handlers(reg, &reqinfo, &req) != SNMP_ERR_NOERROR)
                abort();
        return v;
}

static bool same_value(const netsnmp_variable_list *a, const netsnmp_variable_list *b)
{
        return a->type == b->type && a->val_len == b->val_len &&
               memcmp(a->val.string, b->val.string, a->val_len) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        if (!reg)
                assemble();
        if (size < 2)
                return 0;
        int mode = data[0] & 1 ? MODE_GETNEXT : MODE_GET;
        oid name[NAME_MAX_LEN];
        size_t len = 0;
        if (data[1] % 3 == 1) {
                memcpy(name, objects_oid, sizeof(objects_oid));
                len = BASE_LEN;
        } else if (data[1] % 3 == 2) {
                memcpy(name, objects_oid, sizeof(objects_oid) - sizeof(oid));
                len = BASE_LEN - 1;
        }
        /* sub-identifiers: a byte below 0xf0 is itself, 0xf0.. starts a 4-byte one (up to 2^32),
         * 0xff a 5-byte one (past 32 bits, as 64-bit oids allow) */
        for (size_t i = 2; i < size && len < NAME_MAX_LEN;) {
                uint8_t b = data[i++];
                uint64_t sub = b;
                if (b >= 0xf0) {
                        size_t k = b == 0xff ? 5 : 4;
                        sub = 0;
                        for (size_t j = 0; j < k && i < size; j++)
                                sub = sub << 8 | data[i++];
                }
                name[len++] = (oid)sub;
        }
        if (len == 0)
                return 0;

        netsnmp_variable_list *v = ask(mode, name, len);
        if (mode == MODE_GET) {
                if (v->type == ASN_NULL)
                        abort(); /* neither a value nor an exception */
                snmp_free_varbind(v);
                return 0;
        }
        if (v->type != ASN_NULL) {
                /* answered: strictly after the request, inside srvhObjects, and GET agrees */
                if (snmp_oid_compare(v->name, v->name_length, name, len) <= 0 ||
                    snmp_oidtree_compare(v->name, v->name_length, objects_oid, BASE_LEN) != 0)
                        abort();
                netsnmp_variable_list *g = ask(MODE_GET, v->name, v->name_length);
                if (!same_value(v, g))
                        abort();
                snmp_free_varbind(g);
        }
        snmp_free_varbind(v);
        return 0;
}
