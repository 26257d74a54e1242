/* The real net-snmp handler (src/agent/handler.c) over the tree srvhealthd assembles: agent
 * scalars, srvhModuleTable, srvhEventTable and the md tables of examples/demo/sysroot, called
 * through the registration's handler chain as the agent calls it for GET, GETNEXT and SET. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include "agent/agent.h"
#include "srvhealth/oids.h"

#define APP_NAME     "srvh-test-handler"
#define BASE_LEN     (SRVH_ROOT_LEN + 1) /* srvhObjects */
#define FULL_MAX     (BASE_LEN + MIB_OID_MAX + 16)
#define LINE_MAX_LEN 4096
#define MAX_VARBINDS 4

static const oid objects_oid[] = {SRVH_ROOT_OID, SRVH_OBJECTS};

/* One instance of a walk: its full OID and "OID = TYPE: value". */
struct node {
        oid name[FULL_MAX];
        size_t len;
        char line[LINE_MAX_LEN];
};

static struct {
        char dir[64]; /* SNMP_PERSISTENT_DIR: net-snmp may write nothing anywhere else */
        struct module_ctx ctx;
        struct module_conf *conf;
        size_t md_pos;
        netsnmp_handler_registration *reg;
        struct node *pure; /* the pure walker's walk of the same tree */
        size_t n_pure;
        bool pure_stuck; /* the walker answered a GETNEXT with a node not after the request */
} fx;

/* ---- rendering: varbinds and walker hits print alike, so walks compare line by line ------- */

static size_t render_oid(const oid *name, size_t len, char *out, size_t outsz)
{
        size_t used = 0;
        for (size_t i = 0; i < len && used < outsz; i++)
                used += (size_t)snprintf(out + used, outsz - used, ".%lu", (unsigned long)name[i]);
        return used < outsz ? used : outsz - 1;
}

static void render_bytes(const unsigned char *b, size_t len, char *out, size_t outsz)
{
        bool text = true;
        for (size_t i = 0; i < len; i++)
                text = text && b[i] >= 0x20 && b[i] < 0x7f;
        if (text) {
                snprintf(out, outsz, "STRING: \"%.*s\"", (int)len, (const char *)b);
                return;
        }
        size_t used = (size_t)snprintf(out, outsz, "Hex-STRING:");
        for (size_t i = 0; i < len && used < outsz; i++)
                used += (size_t)snprintf(out + used, outsz - used, " %02X", b[i]);
}

static void render_var(const netsnmp_variable_list *v, char *out, size_t outsz)
{
        size_t used = render_oid(v->name, v->name_length, out, outsz);
        out += used;
        outsz -= used;
        used = (size_t)snprintf(out, outsz, " = ");
        out += used;
        outsz -= used;
        switch (v->type) {
        case ASN_INTEGER:
                snprintf(out, outsz, "INTEGER: %ld", *v->val.integer);
                break;
        case ASN_GAUGE:
                snprintf(out, outsz, "Gauge32: %lu", (unsigned long)*v->val.integer);
                break;
        case ASN_COUNTER:
                snprintf(out, outsz, "Counter32: %lu", (unsigned long)*v->val.integer);
                break;
        case ASN_TIMETICKS:
                snprintf(out, outsz, "Timeticks: %lu", (unsigned long)*v->val.integer);
                break;
        case ASN_COUNTER64:
                snprintf(out, outsz, "Counter64: %llu",
                         ((unsigned long long)v->val.counter64->high << 32) |
                             (unsigned long long)v->val.counter64->low);
                break;
        case ASN_OCTET_STR:
                render_bytes(v->val.string, v->val_len, out, outsz);
                break;
        case ASN_OBJECT_ID:
                used = (size_t)snprintf(out, outsz, "OID: ");
                render_oid(v->val.objid, v->val_len / sizeof(oid), out + used, outsz - used);
                break;
        case ASN_NULL:
                snprintf(out, outsz, "NULL");
                break;
        case SNMP_NOSUCHOBJECT:
                snprintf(out, outsz, "noSuchObject");
                break;
        case SNMP_NOSUCHINSTANCE:
                snprintf(out, outsz, "noSuchInstance");
                break;
        case SNMP_ENDOFMIBVIEW:
                snprintf(out, outsz, "endOfMibView");
                break;
        default:
                snprintf(out, outsz, "type 0x%02x", (unsigned)v->type);
                break;
        }
}

/* A walker hit as the full OID below srvhObjects. */
static size_t hit_name(const struct mib_hit *h, oid *name)
{
        memcpy(name, objects_oid, sizeof(objects_oid));
        for (size_t i = 0; i < h->oid_len; i++)
                name[BASE_LEN + i] = h->oid[i];
        return BASE_LEN + h->oid_len;
}

static void render_hit(const struct mib_hit *h, char *out, size_t outsz)
{
        oid name[FULL_MAX];
        size_t used = render_oid(name, hit_name(h, name), out, outsz);
        out += used;
        outsz -= used;
        used = (size_t)snprintf(out, outsz, " = ");
        out += used;
        outsz -= used;
        const struct mib_value *v = &h->value;
        switch (v->type) {
        case MIB_T_INTEGER:
                snprintf(out, outsz, "INTEGER: %lld", (long long)v->i);
                break;
        case MIB_T_GAUGE:
                snprintf(out, outsz, "Gauge32: %llu", (unsigned long long)v->u);
                break;
        case MIB_T_COUNTER32:
                snprintf(out, outsz, "Counter32: %llu", (unsigned long long)v->u);
                break;
        case MIB_T_TIMETICKS:
                snprintf(out, outsz, "Timeticks: %llu", (unsigned long long)v->u);
                break;
        case MIB_T_COUNTER64:
                snprintf(out, outsz, "Counter64: %llu", (unsigned long long)v->u);
                break;
        case MIB_T_STRING:
                render_bytes(mib_value_bytes(v), v->len, out, outsz);
                break;
        case MIB_T_OID:
                used = (size_t)snprintf(out, outsz, "OID: ");
                for (size_t i = 0; i < v->oid_len && used < outsz; i++)
                        used += (size_t)snprintf(out + used, outsz - used, ".%u", v->oid[i]);
                break;
        }
}

/* ---- requests through net-snmp's handler chain ------------------------------------------ */

/* One request PDU's worth of varbinds, as the agent hands them to a registration. */
struct call {
        netsnmp_agent_request_info reqinfo;
        netsnmp_request_info req[MAX_VARBINDS];
        netsnmp_variable_list *vars;
        size_t n;
        int rc;
};

static void call_start(struct call *c, int mode)
{
        memset(c, 0, sizeof(*c));
        c->reqinfo.mode = mode;
}

static netsnmp_variable_list *call_add_value(struct call *c, const oid *name, size_t len,
                                             u_char type, const void *value, size_t vlen)
{
        assert_true(c->n < MAX_VARBINDS);
        netsnmp_variable_list *v =
            snmp_varlist_add_variable(&c->vars, name, len, type, value, vlen);
        assert_non_null(v);
        netsnmp_request_info *r = &c->req[c->n];
        r->requestvb = v;
        if (c->n > 0) {
                r->prev = &c->req[c->n - 1];
                c->req[c->n - 1].next = r;
        }
        c->n++;
        return v;
}

static netsnmp_variable_list *call_add(struct call *c, const oid *name, size_t len)
{
        return call_add_value(c, name, len, ASN_NULL, NULL, 0);
}

static void call_run(struct call *c)
{
        c->rc = netsnmp_call_handlers(fx.reg, &c->reqinfo, c->req);
}

static void call_free(struct call *c)
{
        snmp_free_varbind(c->vars);
        c->vars = NULL;
}

/* srvhObjects followed by rel[0..n). */
static size_t objects_name(oid *name, const oid *rel, size_t n)
{
        memcpy(name, objects_oid, sizeof(objects_oid));
        if (n)
                memcpy(name + BASE_LEN, rel, n * sizeof(oid));
        return BASE_LEN + n;
}

/* One GET or GETNEXT of name; the answer rendered into line. Returns the varbind's type. */
static int ask(int mode, const oid *name, size_t len, char *line, size_t linesz, oid *ret_name,
               size_t *ret_len)
{
        struct call c;
        call_start(&c, mode);
        netsnmp_variable_list *v = call_add(&c, name, len);
        call_run(&c);
        assert_int_equal(c.rc, SNMP_ERR_NOERROR);
        assert_int_equal(c.req[0].status, SNMP_ERR_NOERROR);
        render_var(v, line, linesz);
        if (ret_name) {
                assert_true(v->name_length <= FULL_MAX);
                memcpy(ret_name, v->name, v->name_length * sizeof(oid));
                *ret_len = v->name_length;
        }
        int type = v->type;
        call_free(&c);
        return type;
}

static int get_rel(const oid *rel, size_t n)
{
        oid name[FULL_MAX];
        char line[LINE_MAX_LEN];
        return ask(MODE_GET, name, objects_name(name, rel, n), line, sizeof(line), NULL, NULL);
}

/* The pure walker's first node after name (which may lie outside the subtree), or NULL. */
static const struct node *pure_next(const oid *name, size_t len)
{
        for (size_t i = 0; i < fx.n_pure; i++) {
                if (snmp_oid_compare(fx.pure[i].name, fx.pure[i].len, name, len) > 0)
                        return &fx.pure[i];
        }
        return NULL;
}

/* The full GETNEXT walk through the handler from srvhObjects, until it leaves the varbind
 * alone (net-snmp then asks the next registration). Each answer must be after its request and
 * inside srvhObjects, or a manager would loop or wander. */
static struct node *handler_walk(size_t *ret_n)
{
        size_t cap = fx.n_pure + 8, n = 0;
        struct node *w = calloc(cap, sizeof(*w));
        assert_non_null(w);
        oid cur[FULL_MAX];
        size_t cur_len = objects_name(cur, NULL, 0);
        for (;;) {
                struct node *nd = &w[n];
                int type =
                    ask(MODE_GETNEXT, cur, cur_len, nd->line, sizeof(nd->line), nd->name, &nd->len);
                if (snmp_oid_compare(nd->name, nd->len, cur, cur_len) == 0) {
                        assert_int_equal(type, ASN_NULL);
                        break;
                }
                if (snmp_oid_compare(nd->name, nd->len, cur, cur_len) < 0)
                        fail_msg("GETNEXT went backwards: %s", nd->line);
                if (netsnmp_oid_is_subtree(objects_oid, BASE_LEN, nd->name, nd->len) != 0)
                        fail_msg("GETNEXT left srvhObjects: %s", nd->line);
                memcpy(cur, nd->name, nd->len * sizeof(oid));
                cur_len = nd->len;
                if (++n == cap)
                        fail_msg("walk goes on past %zu nodes (the pure walk has %zu)", n,
                                 fx.n_pure);
        }
        *ret_n = n;
        return w;
}

static const struct node *walk_find(const struct node *w, size_t n, const oid *name, size_t len)
{
        for (size_t i = 0; i < n; i++) {
                if (snmp_oid_compare(w[i].name, w[i].len, name, len) == 0)
                        return &w[i];
        }
        return NULL;
}

/* The line of srvhObjects.rel in w; the test fails when it is missing. */
static const char *walk_line(const struct node *w, size_t n, const oid *rel, size_t nrel)
{
        oid name[FULL_MAX];
        const struct node *nd = walk_find(w, n, name, objects_name(name, rel, nrel));
        if (!nd) {
                char want[LINE_MAX_LEN];
                render_oid(name, BASE_LEN + nrel, want, sizeof(want));
                fail_msg("%s missing from the walk", want);
                return "";
        }
        return nd->line;
}

/* Nodes of w under srvhObjects.prefix. */
static size_t walk_count_under(const struct node *w, size_t n, const oid *prefix, size_t plen)
{
        oid p[FULL_MAX];
        size_t len = objects_name(p, prefix, plen);
        size_t count = 0;
        for (size_t i = 0; i < n; i++)
                count += netsnmp_oid_is_subtree(p, len, w[i].name, w[i].len) == 0;
        return count;
}

/* ---- the tree, as agent_run() assembles it -------------------------------------------------- */

static int remove_dir(void)
{
        char cmd[128];
        snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fx.dir);
        return system(cmd) == 0 ? 0 : -1;
}

static int assemble(void)
{
        snprintf(fx.dir, sizeof(fx.dir), "/tmp/srvh-handler-XXXXXX");
        if (!mkdtemp(fx.dir)) {
                fx.dir[0] = '\0';
                return -1;
        }
        /* A master agent with no transports: init_master_agent() is never called, so nothing
         * listens, and registrations go straight into the local registry (a subagent's would
         * be meant for an AgentX master). No config is read and no state saved, as in the
         * daemon; anything net-snmp might store would go to fx.dir. */
        setenv("SNMP_PERSISTENT_DIR", fx.dir, 1);
        setenv("SNMPCONFPATH", fx.dir, 1);
        netsnmp_ds_set_string(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_PERSISTENT_DIR, fx.dir);
        netsnmp_ds_set_boolean(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_ROLE, 0); /* master */
        netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_PERSIST_STATE, 1);
        netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DISABLE_PERSISTENT_LOAD, 1);
        netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_READ_CONFIGS, 1);
        snmp_enable_stderrlog();
        if (init_agent(APP_NAME) != 0)
                return -1;

        /* The slots, as agent_run() fills them. */
        agent.start_time = 1764115200; /* 2025-11-26 00:00:00 UTC */
        agent.n_slots = srvh_n_modules < SRVH_MODULES_MAX ? srvh_n_modules : SRVH_MODULES_MAX;
        for (size_t i = 0; i < agent.n_slots; i++) {
                struct module_slot *m = &agent.slots[i];
                m->ops = srvh_modules[i];
                m->pos = i;
                m->enabled = true;
                m->health = SRVH_HEALTH_UNKNOWN;
                m->interval = m->ops->default_interval;
                m->timeout = m->ops->default_timeout;
        }
        if (notify_init(16, 16) < 0)
                return -1;

        /* One good poll of md on the demo dataset, installed as take_snapshot() does. */
        int pos = module_position("md");
        if (pos < 0)
                return -1;
        fx.md_pos = (size_t)pos;
        struct module_slot *md = &agent.slots[fx.md_pos];
        fx.conf = module_conf_new(md->ops);
        if (!fx.conf)
                return -1;
        fx.ctx = (struct module_ctx){.sysroot = SRVH_SOURCE_DIR "/examples/demo/sysroot",
                                     .config = module_conf_get(fx.conf),
                                     .cancel_fd = -1,
                                     .wait_fd = -1};
        if (md->ops->init(&fx.ctx) != 0)
                return -1;
        struct snap *s = snap_new();
        if (!s)
                return -1;
        /* Polled "in an hour": srvhModuleDataAge then reads 0 throughout, so walks taken
         * moments apart are equal even across a second boundary. */
        s->polled_at = (int64_t)time(NULL) + 3600;
        s->conf = module_conf_ref(fx.conf);
        if (md->ops->poll(&fx.ctx, s) != 0) {
                snap_free(s);
                return -1;
        }
        md->last_poll = s->polled_at;
        md->last_duration_ms = 3;
        agent_install_snapshot(md, s);
        agent_mib_update_overall();

        /* Two events, so srvhEventTable has rows. */
        struct event_list ev = {0};
        if (event_add(&ev, SRVH_TRAP_RAID_DEGRADED, SRVH_HEALTH_CRITICAL, "md1", "degraded",
                      "clean", 0, "md1 lost a member") < 0 ||
            event_add(&ev, SRVH_TRAP_MODULE_RECOVERED, SRVH_HEALTH_OK, "md", "ok", "failing", 0,
                      "polling works again") < 0)
                return -1;
        for (size_t i = 0; i < ev.n; i++)
                notify_record(&ev.v[i]);
        event_list_free(&ev);

        char why[256];
        if (agent_mib_init(why, sizeof(why)) != 0) {
                fprintf(stderr, "agent_mib_init: %s\n", why);
                return -1;
        }
        if (handler_register(agent_mib_tree()) != 0)
                return -1;
        netsnmp_subtree *st = netsnmp_subtree_find(objects_oid, BASE_LEN, NULL, "");
        if (!st || !st->reginfo || strcmp(st->reginfo->handlerName, "srvhObjects") != 0)
                return -1;
        fx.reg = st->reginfo;

        /* The pure walker's walk of the same tree, from the empty OID. */
        const struct mib_tree *tree = agent_mib_tree();
        size_t cap = 64;
        fx.pure = calloc(cap, sizeof(*fx.pure));
        uint32_t cur[MIB_OID_MAX];
        size_t cur_len = 0;
        struct mib_hit *h = malloc(sizeof(*h));
        if (!fx.pure || !h)
                return -1;
        while (mib_tree_next(tree, cur, cur_len, h) == 0) {
                if (mib_oid_cmp(h->oid, h->oid_len, cur, cur_len) <= 0) {
                        fx.pure_stuck = true; /* the walk tests say so */
                        break;
                }
                if (fx.n_pure == cap) {
                        cap *= 2;
                        struct node *p = realloc(fx.pure, cap * sizeof(*p));
                        if (!p)
                                return -1;
                        fx.pure = p;
                }
                struct node *nd = &fx.pure[fx.n_pure++];
                nd->len = hit_name(h, nd->name);
                render_hit(h, nd->line, sizeof(nd->line));
                memcpy(cur, h->oid, h->oid_len * sizeof(uint32_t));
                cur_len = h->oid_len;
        }
        free(h);
        return 0;
}

static int group_setup(void **state)
{
        (void)state;
        if (assemble() == 0)
                return 0;
        if (fx.dir[0])
                remove_dir(); /* cmocka skips the teardown after a failed setup */
        return -1;
}

static int group_teardown(void **state)
{
        (void)state;
        handler_unregister();
        snmp_shutdown(APP_NAME);
        for (size_t i = 0; i < agent.n_slots; i++) {
                snap_free(agent.slots[i].cur);
                agent.slots[i].cur = NULL;
        }
        agent.slots[fx.md_pos].ops->teardown(&fx.ctx);
        module_conf_unref(fx.conf);
        notify_free();
        free(fx.pure);
        return remove_dir();
}

/* The model the tests compare against is whole: the walker advanced at every step. */
static void assert_pure_walk_complete(void)
{
        assert_false(fx.pure_stuck);
        assert_true(fx.n_pure > 100);
}

/* ---- (a) the walk -------------------------------------------------------------------------- */

static void test_getnext_walk_through_handler_equals_the_pure_walk(void **state)
{
        (void)state;
        size_t n;
        struct node *w = handler_walk(&n);
        assert_pure_walk_complete();
        for (size_t i = 0; i < n && i < fx.n_pure; i++) {
                if (strcmp(w[i].line, fx.pure[i].line) != 0)
                        fail_msg("node %zu:\n want %s\n got  %s", i, fx.pure[i].line, w[i].line);
        }
        assert_int_equal(n, fx.n_pure);
        free(w);
}

/* ---- (b) every node ------------------------------------------------------------------------ */

static void test_get_of_every_walked_node_returns_its_type_and_value(void **state)
{
        (void)state;
        assert_pure_walk_complete();
        char line[LINE_MAX_LEN];
        for (size_t j = 0; j < fx.n_pure; j++) {
                const struct node *nd = &fx.pure[j];
                ask(MODE_GET, nd->name, nd->len, line, sizeof(line), NULL, NULL);
                if (strcmp(line, nd->line) != 0)
                        fail_msg("GET of node %zu:\n want %s\n got  %s", j, nd->line, line);
        }
}

static void test_getnext_of_every_walked_node_returns_the_following_node(void **state)
{
        (void)state;
        assert_pure_walk_complete();
        char line[LINE_MAX_LEN];
        for (size_t j = 0; j + 1 < fx.n_pure; j++) {
                const struct node *nd = &fx.pure[j];
                ask(MODE_GETNEXT, nd->name, nd->len, line, sizeof(line), NULL, NULL);
                if (strcmp(line, fx.pure[j + 1].line) != 0)
                        fail_msg("GETNEXT of node %zu (%s):\n want %s\n got  %s", j, nd->line,
                                 fx.pure[j + 1].line, line);
        }
}

/* GETNEXT that finds nothing leaves the varbind as it came (name, NULL value), so net-snmp
 * moves on to the next registration, or answers endOfMibView. */
static void expect_left_alone(const oid *name, size_t len)
{
        struct call c;
        call_start(&c, MODE_GETNEXT);
        netsnmp_variable_list *v = call_add(&c, name, len);
        call_run(&c);
        char line[LINE_MAX_LEN];
        render_var(v, line, sizeof(line));
        assert_int_equal(c.rc, SNMP_ERR_NOERROR);
        assert_int_equal(c.req[0].status, SNMP_ERR_NOERROR);
        if (v->type != ASN_NULL || snmp_oid_compare(v->name, v->name_length, name, len) != 0)
                fail_msg("GETNEXT answered %s", line);
        call_free(&c);
}

static void test_getnext_after_the_last_node_leaves_the_varbind_alone(void **state)
{
        (void)state;
        const struct node *last = &fx.pure[fx.n_pure - 1];
        expect_left_alone(last->name, last->len);
}

/* ---- (c) what the walk contains ------------------------------------------------------------ */

static void test_walk_serves_every_agent_scalar(void **state)
{
        (void)state;
        static const unsigned scalars[] = {
            SRVH_AGENT_VERSION,         SRVH_AGENT_START_TIME,    SRVH_AGENT_OVERALL_STATUS,
            SRVH_AGENT_OVERALL_MESSAGE, SRVH_AGENT_NOTIFY_QUEUED, SRVH_AGENT_NOTIFY_DROPPED,
            SRVH_AGENT_MASTER_CONNECTS,
        };
        size_t n;
        struct node *w = handler_walk(&n);
        for (size_t i = 0; i < sizeof(scalars) / sizeof(scalars[0]); i++)
                walk_line(w, n, (const oid[]){SRVH_AGENT, scalars[i], 0}, 3);
        assert_non_null(strstr(walk_line(w, n, (const oid[]){SRVH_AGENT, SRVH_AGENT_VERSION, 0}, 3),
                               "STRING: \"" SRVH_VERSION "\""));
        /* the scalars and the module table's 11 columns (9 for a module without data yet: no
         * age, no staleness), nothing else below srvhAgent */
        size_t cells = 0;
        for (size_t i = 0; i < agent.n_slots; i++)
                cells += agent.slots[i].cur ? 11 : 9;
        assert_int_equal(walk_count_under(w, n, (const oid[]){SRVH_AGENT}, 1),
                         sizeof(scalars) / sizeof(scalars[0]) + cells);
        free(w);
}

static void test_walk_serves_the_md_module_row_at_index_1(void **state)
{
        (void)state;
        size_t n;
        struct node *w = handler_walk(&n);
        assert_non_null(strstr(
            walk_line(w, n,
                      (const oid[]){SRVH_AGENT, SRVH_AGENT_MODULE_TABLE, 1, SRVH_MODULE_NAME, 1},
                      5),
            "STRING: \"md\""));
        /* every column of the row, at the module's fixed index, never its list position */
        for (unsigned col = SRVH_MODULE_NAME; col <= SRVH_MODULE_POLL_TIMEOUT; col++)
                walk_line(w, n, (const oid[]){SRVH_AGENT, SRVH_AGENT_MODULE_TABLE, 1, col, 1}, 5);
        assert_non_null(strstr(walk_line(w, n,
                                         (const oid[]){SRVH_AGENT, SRVH_AGENT_MODULE_TABLE, 1,
                                                       SRVH_MODULE_NAME, SRVH_MODULE_EXEC},
                                         5),
                               "STRING: \"exec\""));
        /* and the smart module's row at its fixed index 2 */
        assert_non_null(strstr(walk_line(w, n,
                                         (const oid[]){SRVH_AGENT, SRVH_AGENT_MODULE_TABLE, 1,
                                                       SRVH_MODULE_NAME, SRVH_MODULE_SMART},
                                         5),
                               "STRING: \"smart\""));
        free(w);
}

/* Every cell of every row the md snapshot holds is in the walk, and nothing more. */
static void test_walk_serves_every_cell_of_the_demo_arrays_and_members(void **state)
{
        (void)state;
        static const oid entries[2][3] = {{SRVH_RAID, SRVH_RAID_ARRAY_TABLE, 1},
                                          {SRVH_RAID, SRVH_RAID_MEMBER_TABLE, 1}};
        const struct module_slot *md = &agent.slots[fx.md_pos];
        assert_non_null(md->cur);
        assert_int_equal(md->cur->tables[0].n, 3); /* md0, md1, md2 */
        assert_true(md->cur->tables[1].n >= 6);
        size_t n;
        struct node *w = handler_walk(&n);
        for (size_t t = 0; t < 2; t++) {
                const struct mib_table *tab = &md->ops->tables[t];
                const struct mib_rows *rows = &md->cur->tables[t];
                size_t cells = 0;
                for (size_t r = 0; r < rows->n; r++) {
                        size_t ilen;
                        const uint32_t *idx = mib_row_index(&rows->v[r], &ilen);
                        for (size_t c = 0; c < tab->n_columns; c++) {
                                struct mib_value v;
                                if (tab->get(rows->v[r].data, tab->columns[c], &v) != 0)
                                        continue;
                                oid rel[3 + 1 + MIB_INDEX_LEN_MAX];
                                memcpy(rel, entries[t], sizeof(entries[t]));
                                rel[3] = tab->columns[c];
                                for (size_t k = 0; k < ilen; k++)
                                        rel[4 + k] = idx[k];
                                oid name[FULL_MAX];
                                size_t len = objects_name(name, rel, 4 + ilen);
                                if (!walk_find(w, n, name, len))
                                        fail_msg("%s: row %zu column %u missing", tab->name, r,
                                                 tab->columns[c]);
                                cells++;
                        }
                }
                assert_true(cells >= rows->n);
                assert_int_equal(walk_count_under(w, n, entries[t], 3), cells);
        }
        free(w);
}

static void test_walk_serves_the_recorded_events(void **state)
{
        (void)state;
        size_t n;
        struct node *w = handler_walk(&n);
        static const oid event_entry[] = {SRVH_EVENTS, SRVH_EVENT_TABLE, 1};
        for (oid seq = 1; seq <= 2; seq++) {
                for (unsigned col = SRVH_EV_TIME; col <= SRVH_EV_TEXT; col++)
                        walk_line(w, n, (const oid[]){SRVH_EVENTS, SRVH_EVENT_TABLE, 1, col, seq},
                                  5);
        }
        assert_int_equal(walk_count_under(w, n, event_entry, 3), 2 * 5);
        assert_non_null(strstr(
            walk_line(w, n, (const oid[]){SRVH_EVENTS, SRVH_EVENT_TABLE, 1, SRVH_EV_OBJECT, 1}, 5),
            "STRING: \"md1\""));
        assert_non_null(strstr(
            walk_line(w, n, (const oid[]){SRVH_EVENTS, SRVH_EVENT_LAST_SEQ, 0}, 3), "Gauge32: 2"));
        free(w);
}

/* ---- (d) GET exceptions -------------------------------------------------------------------- */

static void test_get_unknown_column_of_a_table_is_no_such_object(void **state)
{
        (void)state;
        /* srvhRaidArrayTable has no column 99; column 1 (the index) is not-accessible */
        assert_int_equal(get_rel((const oid[]){SRVH_RAID, SRVH_RAID_ARRAY_TABLE, 1, 99, 1}, 5),
                         SNMP_NOSUCHOBJECT);
        assert_int_equal(
            get_rel((const oid[]){SRVH_RAID, SRVH_RAID_ARRAY_TABLE, 1, SRVH_RA_INDEX, 1}, 5),
            SNMP_NOSUCHOBJECT);
        /* a scalar group's unused sub-identifier */
        assert_int_equal(get_rel((const oid[]){SRVH_AGENT, 99, 0}, 3), SNMP_NOSUCHOBJECT);
}

static void test_get_unknown_arc_is_no_such_object(void **state)
{
        (void)state;
        assert_int_equal(get_rel((const oid[]){SRVH_NOTIFY + 1, 1, 1, 2, 1}, 5), SNMP_NOSUCHOBJECT);
        assert_int_equal(get_rel((const oid[]){99, 1, 0}, 3), SNMP_NOSUCHOBJECT);
        assert_int_equal(get_rel((const oid[]){SRVH_RAID, 9, 1, 2, 1}, 5), SNMP_NOSUCHOBJECT);
}

static void test_get_known_column_of_a_missing_row_is_no_such_instance(void **state)
{
        (void)state;
        assert_int_equal(
            get_rel((const oid[]){SRVH_RAID, SRVH_RAID_ARRAY_TABLE, 1, SRVH_RA_NAME, 99}, 5),
            SNMP_NOSUCHINSTANCE);
        /* member table: the array exists, the member does not */
        assert_int_equal(
            get_rel((const oid[]){SRVH_RAID, SRVH_RAID_MEMBER_TABLE, 1, SRVH_RM_DEVICE, 1, 99}, 6),
            SNMP_NOSUCHINSTANCE);
        /* an index too short for the member table */
        assert_int_equal(
            get_rel((const oid[]){SRVH_RAID, SRVH_RAID_MEMBER_TABLE, 1, SRVH_RM_DEVICE, 1}, 5),
            SNMP_NOSUCHINSTANCE);
        /* a scalar without .0, or with .1 */
        assert_int_equal(get_rel((const oid[]){SRVH_AGENT, SRVH_AGENT_VERSION}, 2),
                         SNMP_NOSUCHINSTANCE);
        assert_int_equal(get_rel((const oid[]){SRVH_AGENT, SRVH_AGENT_VERSION, 1}, 3),
                         SNMP_NOSUCHINSTANCE);
        /* an event long gone */
        assert_int_equal(
            get_rel((const oid[]){SRVH_EVENTS, SRVH_EVENT_TABLE, 1, SRVH_EV_TEXT, 3}, 5),
            SNMP_NOSUCHINSTANCE);
}

static void test_get_of_srvh_objects_or_shorter_is_no_such_object(void **state)
{
        (void)state;
        char line[LINE_MAX_LEN];
        assert_int_equal(ask(MODE_GET, objects_oid, BASE_LEN, line, sizeof(line), NULL, NULL),
                         SNMP_NOSUCHOBJECT);
        assert_int_equal(ask(MODE_GET, objects_oid, BASE_LEN - 1, line, sizeof(line), NULL, NULL),
                         SNMP_NOSUCHOBJECT);
        assert_int_equal(ask(MODE_GET, objects_oid, 7, line, sizeof(line), NULL, NULL),
                         SNMP_NOSUCHOBJECT);
}

/* Past SNMP's 128 sub-identifiers: an exception, no read past the walker's buffers (ASan). */
static void test_get_longer_than_128_subids_is_an_exception(void **state)
{
        (void)state;
        oid name[FULL_MAX];
        const oid md0_name[] = {SRVH_RAID, SRVH_RAID_ARRAY_TABLE, 1, SRVH_RA_NAME, 1};
        char line[LINE_MAX_LEN];
        /* 129 in all: the walker still sees it, and no row has an index that long */
        size_t len = objects_name(name, md0_name, 5);
        for (; len < 129; len++)
                name[len] = 1;
        assert_int_equal(ask(MODE_GET, name, len, line, sizeof(line), NULL, NULL),
                         SNMP_NOSUCHINSTANCE);
        /* more than the walker takes below srvhObjects: refused before it */
        for (; len < BASE_LEN + MIB_OID_MAX + 1; len++)
                name[len] = 1;
        assert_int_equal(ask(MODE_GET, name, len, line, sizeof(line), NULL, NULL),
                         SNMP_NOSUCHOBJECT);
}

/* An oid is 64 bits here: a sub-identifier over 2^32 must not wrap onto a real one. */
static void test_get_subids_over_32_bits_match_nothing(void **state)
{
        (void)state;
        if (sizeof(oid) <= sizeof(uint32_t))
                skip();
        const oid big = (oid)UINT32_MAX + 2; /* would wrap to 1 */
        assert_int_equal(
            get_rel((const oid[]){SRVH_RAID, SRVH_RAID_ARRAY_TABLE, 1, SRVH_RA_NAME, big}, 5),
            SNMP_NOSUCHINSTANCE);
        assert_int_equal(
            get_rel((const oid[]){SRVH_RAID, SRVH_RAID_ARRAY_TABLE, 1, big + SRVH_RA_NAME - 1, 1},
                    5),
            SNMP_NOSUCHOBJECT);
        assert_int_equal(get_rel((const oid[]){big, SRVH_AGENT_VERSION, 0}, 3), SNMP_NOSUCHOBJECT);
}

/* ---- (e) GETNEXT from anywhere ------------------------------------------------------------- */

/* GETNEXT of name answers the pure walk's first node after it, which lies below
 * srvhObjects.want_prefix (so the case tests what it says). */
static void expect_next(const oid *name, size_t len, const oid *want_prefix, size_t plen)
{
        const struct node *want = pure_next(name, len);
        assert_non_null(want);
        oid p[FULL_MAX];
        size_t pl = objects_name(p, want_prefix, plen);
        if (netsnmp_oid_is_subtree(p, pl, want->name, want->len) != 0)
                fail_msg("test case expects the wrong place: %s", want->line);
        char line[LINE_MAX_LEN];
        ask(MODE_GETNEXT, name, len, line, sizeof(line), NULL, NULL);
        if (strcmp(line, want->line) != 0)
                fail_msg("want %s\n got  %s", want->line, line);
}

static void expect_next_rel(const oid *rel, size_t n, const oid *want_prefix, size_t plen)
{
        oid name[FULL_MAX];
        expect_next(name, objects_name(name, rel, n), want_prefix, plen);
}

static void test_getnext_before_the_subtree_returns_the_first_object(void **state)
{
        (void)state;
        const oid first[] = {SRVH_AGENT, SRVH_AGENT_VERSION, 0};
        const oid enterprises[] = {1, 3, 6, 1, 4, 1, 8072};
        expect_next(enterprises, OID_LENGTH(enterprises), first, 3);
        const oid trap[] = {SRVH_ROOT_OID, SRVH_NOTIFICATIONS, SRVH_TRAP_RAID_DEGRADED};
        expect_next(trap, OID_LENGTH(trap), first, 3);
        expect_next(objects_oid, BASE_LEN, first, 3);
        assert_int_equal(snmp_oid_compare(pure_next(objects_oid, BASE_LEN)->name,
                                          pure_next(objects_oid, BASE_LEN)->len, fx.pure[0].name,
                                          fx.pure[0].len),
                         0);
}

static void test_getnext_between_tables_returns_the_next_tables_first_cell(void **state)
{
        (void)state;
        /* after srvhAgent's last scalar: the RAID array table */
        expect_next_rel((const oid[]){SRVH_AGENT, 99}, 2,
                        (const oid[]){SRVH_RAID, SRVH_RAID_ARRAY_TABLE, 1, SRVH_RA_NAME}, 4);
        /* between the array and the member table */
        expect_next_rel((const oid[]){SRVH_RAID, SRVH_RAID_ARRAY_TABLE, 2}, 3,
                        (const oid[]){SRVH_RAID, SRVH_RAID_MEMBER_TABLE, 1, SRVH_RM_DEVICE}, 4);
        /* reserved arcs with nothing yet: the event table */
        expect_next_rel((const oid[]){SRVH_DISK}, 1,
                        (const oid[]){SRVH_EVENTS, SRVH_EVENT_TABLE, 1, SRVH_EV_TIME}, 4);
        /* between the module table (inside srvhAgent) and the next scalar */
        expect_next_rel((const oid[]){SRVH_AGENT, SRVH_AGENT_MODULE_TABLE, 2}, 3,
                        (const oid[]){SRVH_AGENT, SRVH_AGENT_NOTIFY_QUEUED, 0}, 3);
        /* from the last cell of one column to the next column */
        expect_next_rel((const oid[]){SRVH_RAID, SRVH_RAID_ARRAY_TABLE, 1, SRVH_RA_NAME, 3}, 5,
                        (const oid[]){SRVH_RAID, SRVH_RAID_ARRAY_TABLE, 1, SRVH_RA_LEVEL, 1}, 5);
}

static void test_getnext_inside_an_index_returns_the_next_row(void **state)
{
        (void)state;
        /* half a member index (array 2 only): that array's first member */
        expect_next_rel((const oid[]){SRVH_RAID, SRVH_RAID_MEMBER_TABLE, 1, SRVH_RM_DEVICE, 2}, 5,
                        (const oid[]){SRVH_RAID, SRVH_RAID_MEMBER_TABLE, 1, SRVH_RM_DEVICE, 2}, 5);
        /* an index between two rows, and one longer than any row's */
        expect_next_rel((const oid[]){SRVH_RAID, SRVH_RAID_ARRAY_TABLE, 1, SRVH_RA_NAME, 1, 7}, 6,
                        (const oid[]){SRVH_RAID, SRVH_RAID_ARRAY_TABLE, 1, SRVH_RA_NAME, 2}, 5);
        expect_next_rel((const oid[]){SRVH_EVENTS, SRVH_EVENT_TABLE, 1, SRVH_EV_TEXT, 1, 0}, 6,
                        (const oid[]){SRVH_EVENTS, SRVH_EVENT_TABLE, 1, SRVH_EV_TEXT, 2}, 5);
        /* a scalar's .0 followed by more */
        expect_next_rel((const oid[]){SRVH_AGENT, SRVH_AGENT_VERSION, 0, 0}, 4,
                        (const oid[]){SRVH_AGENT, SRVH_AGENT_START_TIME, 0}, 3);
}

static void test_getnext_past_the_last_object_leaves_the_varbind_alone(void **state)
{
        (void)state;
        oid name[FULL_MAX];
        expect_left_alone(name, objects_name(name, (const oid[]){SRVH_NOTIFY}, 1));
        expect_left_alone(name, objects_name(name, (const oid[]){SRVH_EVENTS, 99}, 2));
        const oid conformance[] = {SRVH_ROOT_OID, SRVH_CONFORMANCE, 1};
        expect_left_alone(conformance, OID_LENGTH(conformance));
        const oid after[] = {1, 3, 6, 1, 4, 1, 8073};
        expect_left_alone(after, OID_LENGTH(after));
}

static void test_getnext_subids_over_32_bits_sort_after_every_row(void **state)
{
        (void)state;
        if (sizeof(oid) <= sizeof(uint32_t))
                skip();
        const oid big = (oid)UINT32_MAX + 2; /* would wrap to 1 */
        expect_next_rel((const oid[]){SRVH_RAID, SRVH_RAID_ARRAY_TABLE, 1, SRVH_RA_NAME, big}, 5,
                        (const oid[]){SRVH_RAID, SRVH_RAID_ARRAY_TABLE, 1, SRVH_RA_LEVEL, 1}, 5);
        oid name[FULL_MAX];
        expect_left_alone(name, objects_name(name, (const oid[]){big}, 1));
}

/* ---- (f) several varbinds in one request ---------------------------------------------------- */

static const oid three_cells[3][5] = {
    {SRVH_RAID, SRVH_RAID_ARRAY_TABLE, 1, SRVH_RA_NAME, 1},
    {SRVH_AGENT, SRVH_AGENT_MODULE_TABLE, 1, SRVH_MODULE_NAME, 1},
    {SRVH_EVENTS, SRVH_EVENT_TABLE, 1, SRVH_EV_OBJECT, 2},
};

static void test_get_of_three_cells_answers_each(void **state)
{
        (void)state;
        struct call c;
        call_start(&c, MODE_GET);
        netsnmp_variable_list *v[3];
        oid name[3][FULL_MAX];
        size_t len[3];
        for (size_t i = 0; i < 3; i++) {
                len[i] = objects_name(name[i], three_cells[i], 5);
                v[i] = call_add(&c, name[i], len[i]);
        }
        call_run(&c);
        assert_int_equal(c.rc, SNMP_ERR_NOERROR);
        for (size_t i = 0; i < 3; i++) {
                char line[LINE_MAX_LEN];
                render_var(v[i], line, sizeof(line));
                const struct node *want = walk_find(fx.pure, fx.n_pure, name[i], len[i]);
                assert_non_null(want);
                if (strcmp(line, want->line) != 0)
                        fail_msg("varbind %zu:\n want %s\n got  %s", i, want->line, line);
        }
        call_free(&c);
}

static void test_get_of_three_cells_with_a_missing_one_answers_the_others(void **state)
{
        (void)state;
        const oid missing[] = {SRVH_RAID, SRVH_RAID_ARRAY_TABLE, 1, SRVH_RA_NAME, 99};
        const oid *rel[3] = {three_cells[0], missing, three_cells[2]};
        struct call c;
        call_start(&c, MODE_GET);
        netsnmp_variable_list *v[3];
        oid name[3][FULL_MAX];
        size_t len[3];
        for (size_t i = 0; i < 3; i++) {
                len[i] = objects_name(name[i], rel[i], 5);
                v[i] = call_add(&c, name[i], len[i]);
        }
        call_run(&c);
        assert_int_equal(v[1]->type, SNMP_NOSUCHINSTANCE);
        for (size_t i = 0; i < 3; i += 2) {
                char line[LINE_MAX_LEN];
                render_var(v[i], line, sizeof(line));
                const struct node *want = walk_find(fx.pure, fx.n_pure, name[i], len[i]);
                assert_non_null(want);
                if (strcmp(line, want->line) != 0)
                        fail_msg("varbind %zu:\n want %s\n got  %s", i, want->line, line);
        }
        call_free(&c);
}

static void test_getnext_of_three_varbinds_answers_each(void **state)
{
        (void)state;
        struct call c;
        call_start(&c, MODE_GETNEXT);
        netsnmp_variable_list *v[3];
        const struct node *want[3];
        for (size_t i = 0; i < 3; i++) {
                oid name[FULL_MAX];
                size_t len = objects_name(name, three_cells[i], 5);
                want[i] = pure_next(name, len);
                assert_non_null(want[i]);
                v[i] = call_add(&c, name, len);
        }
        call_run(&c);
        for (size_t i = 0; i < 3; i++) {
                char line[LINE_MAX_LEN];
                render_var(v[i], line, sizeof(line));
                if (strcmp(line, want[i]->line) != 0)
                        fail_msg("varbind %zu:\n want %s\n got  %s", i, want[i]->line, line);
        }
        call_free(&c);
}

/* ---- (g) SET ------------------------------------------------------------------------------- */

static void test_set_is_refused_as_not_writable_and_changes_nothing(void **state)
{
        (void)state;
        static const int set_modes[] = {MODE_SET_RESERVE1, MODE_SET_RESERVE2, MODE_SET_ACTION,
                                        MODE_SET_COMMIT};
        const oid status[] = {SRVH_AGENT, SRVH_AGENT_OVERALL_STATUS, 0};
        const oid md_name[] = {SRVH_AGENT, SRVH_AGENT_MODULE_TABLE, 1, SRVH_MODULE_NAME, 1};
        oid n1[FULL_MAX], n2[FULL_MAX];
        size_t l1 = objects_name(n1, status, 3), l2 = objects_name(n2, md_name, 5);
        for (size_t m = 0; m < sizeof(set_modes) / sizeof(set_modes[0]); m++) {
                struct call c;
                call_start(&c, set_modes[m]);
                long value = 3;
                call_add_value(&c, n1, l1, ASN_INTEGER, &value, sizeof(value));
                call_add_value(&c, n2, l2, ASN_OCTET_STR, "zz", 2);
                call_run(&c);
                assert_int_equal(c.req[0].status, SNMP_ERR_NOTWRITABLE);
                assert_int_equal(c.req[1].status, SNMP_ERR_NOTWRITABLE);
                call_free(&c);
        }
        /* the whole tree answers as before */
        size_t n;
        struct node *w = handler_walk(&n);
        assert_int_equal(n, fx.n_pure);
        for (size_t i = 0; i < n; i++)
                assert_string_equal(w[i].line, fx.pure[i].line);
        free(w);
}

/* ---- the tree check ------------------------------------------------------------------------ */

static const struct module_ops *saved_ops;

static int restore_md_module(void **state)
{
        (void)state;
        if (saved_ops)
                agent.slots[fx.md_pos].ops = saved_ops;
        saved_ops = NULL;
        char why[256];
        return agent_mib_init(why, sizeof(why)) == 0 ? 0 : -1;
}

/* agent_run() refuses to serve (never reaches handler_register()) when agent_mib_init() fails:
 * it must fail for a module table whose columns are out of order, and name the table. */
static void test_agent_mib_init_refuses_a_module_table_with_unsorted_columns(void **state)
{
        (void)state;
        saved_ops = agent.slots[fx.md_pos].ops;
        static struct module_ops broken;
        static struct mib_table tables[SNAP_TABLES_MAX];
        static unsigned columns[64];
        broken = *saved_ops;
        assert_true(broken.n_tables >= 2 && broken.n_tables <= SNAP_TABLES_MAX);
        memcpy(tables, broken.tables, broken.n_tables * sizeof(tables[0]));
        assert_true(tables[1].n_columns >= 2 && tables[1].n_columns <= 64);
        memcpy(columns, tables[1].columns, tables[1].n_columns * sizeof(columns[0]));
        unsigned t = columns[0];
        columns[0] = columns[1];
        columns[1] = t;
        tables[1].columns = columns;
        broken.tables = tables;
        agent.slots[fx.md_pos].ops = &broken;

        char why[256] = "";
        assert_int_equal(agent_mib_init(why, sizeof(why)), -EINVAL);
        assert_non_null(strstr(why, tables[1].name));
        assert_non_null(strstr(why, "not strictly ascending"));
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_getnext_walk_through_handler_equals_the_pure_walk),
            cmocka_unit_test(test_get_of_every_walked_node_returns_its_type_and_value),
            cmocka_unit_test(test_getnext_of_every_walked_node_returns_the_following_node),
            cmocka_unit_test(test_getnext_after_the_last_node_leaves_the_varbind_alone),
            cmocka_unit_test(test_walk_serves_every_agent_scalar),
            cmocka_unit_test(test_walk_serves_the_md_module_row_at_index_1),
            cmocka_unit_test(test_walk_serves_every_cell_of_the_demo_arrays_and_members),
            cmocka_unit_test(test_walk_serves_the_recorded_events),
            cmocka_unit_test(test_get_unknown_column_of_a_table_is_no_such_object),
            cmocka_unit_test(test_get_unknown_arc_is_no_such_object),
            cmocka_unit_test(test_get_known_column_of_a_missing_row_is_no_such_instance),
            cmocka_unit_test(test_get_of_srvh_objects_or_shorter_is_no_such_object),
            cmocka_unit_test(test_get_longer_than_128_subids_is_an_exception),
            cmocka_unit_test(test_get_subids_over_32_bits_match_nothing),
            cmocka_unit_test(test_getnext_before_the_subtree_returns_the_first_object),
            cmocka_unit_test(test_getnext_between_tables_returns_the_next_tables_first_cell),
            cmocka_unit_test(test_getnext_inside_an_index_returns_the_next_row),
            cmocka_unit_test(test_getnext_past_the_last_object_leaves_the_varbind_alone),
            cmocka_unit_test(test_getnext_subids_over_32_bits_sort_after_every_row),
            cmocka_unit_test(test_get_of_three_cells_answers_each),
            cmocka_unit_test(test_get_of_three_cells_with_a_missing_one_answers_the_others),
            cmocka_unit_test(test_getnext_of_three_varbinds_answers_each),
            cmocka_unit_test(test_set_is_refused_as_not_writable_and_changes_nothing),
            cmocka_unit_test_teardown(
                test_agent_mib_init_refuses_a_module_table_with_unsorted_columns,
                restore_md_module),
        };
        return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
