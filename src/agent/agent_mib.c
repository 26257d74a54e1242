/* The agent's own part of the MIB (srvhAgent scalars, srvhModuleTable, srvhEventTable and
 * srvhEventLastSeq) and the tree that joins it with every module's tables. Also computes
 * srvhOverallStatus/srvhOverallMessage from the modules' current health. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/strbuf.h"
#include "agent/agent.h"
#include "srvhealth/oids.h"

static struct mib_row agent_row = {.idx = {0}, .idx_len = 1, .data = &agent};
static struct mib_rows agent_rows = {.v = &agent_row, .n = 1};
static struct mib_row module_rows_v[SRVH_MODULES_MAX];
static struct mib_rows module_rows;

static const char *const version = SRVH_VERSION;

static int get_agent(const void *data, unsigned column, struct mib_value *v)
{
        const struct agent_state *a = data;
        switch (column) {
        case SRVH_AGENT_VERSION:
                mib_set_string(v, version);
                break;
        case SRVH_AGENT_START_TIME:
                mib_set_datetime(v, a->start_time);
                break;
        case SRVH_AGENT_OVERALL_STATUS:
                mib_set_int(v, a->overall);
                break;
        case SRVH_AGENT_OVERALL_MESSAGE:
                mib_set_string(v, a->overall_message);
                break;
        case SRVH_AGENT_NOTIFY_QUEUED:
                mib_set_gauge(v, notify_queued());
                break;
        case SRVH_AGENT_NOTIFY_DROPPED:
                mib_set_counter32(v, notify_dropped());
                break;
        case SRVH_AGENT_MASTER_CONNECTS:
                mib_set_counter32(v, a->connects);
                break;
        default:
                return -ENOENT;
        }
        return 0;
}

static int get_module(const void *data, unsigned column, struct mib_value *v)
{
        const struct module_slot *m = data;
        switch (column) {
        case SRVH_MODULE_NAME:
                mib_set_string(v, m->ops->name);
                break;
        case SRVH_MODULE_ENABLED:
                mib_set_int(v, m->enabled ? 1 : 2); /* TruthValue */
                break;
        case SRVH_MODULE_STATUS:
                mib_set_int(v, m->health);
                break;
        case SRVH_MODULE_LAST_POLL:
                mib_set_datetime(v, m->last_poll);
                break;
        case SRVH_MODULE_POLL_DURATION:
                mib_set_gauge(v, m->last_duration_ms);
                break;
        case SRVH_MODULE_ERRORS:
                mib_set_counter32(v, m->errors);
                break;
        case SRVH_MODULE_LAST_ERROR:
                mib_set_string(v, m->last_error);
                break;
        case SRVH_MODULE_POLL_INTERVAL:
                mib_set_gauge(v, m->interval);
                break;
        case SRVH_MODULE_DATA_AGE: {
                if (!m->cur)
                        return -ENOENT; /* no data served yet: no age either */
                int64_t age = (int64_t)time(NULL) - m->cur->polled_at;
                mib_set_gauge(v, age < 0 ? 0 : (uint64_t)age);
                break;
        }
        case SRVH_MODULE_STALE:
                if (!m->cur)
                        return -ENOENT;
                mib_set_int(v, m->failing ? 1 : 2); /* TruthValue */
                break;
        case SRVH_MODULE_POLL_TIMEOUT:
                mib_set_gauge(v, m->timeout);
                break;
        default:
                return -ENOENT;
        }
        return 0;
}

static int get_event_scalars(const void *data, unsigned column, struct mib_value *v)
{
        (void)data;
        if (column != SRVH_EVENT_LAST_SEQ)
                return -ENOENT;
        mib_set_gauge(v, notify_last_seq());
        return 0;
}

static const unsigned agent_columns[] = {
    SRVH_AGENT_VERSION,         SRVH_AGENT_START_TIME,    SRVH_AGENT_OVERALL_STATUS,
    SRVH_AGENT_OVERALL_MESSAGE, SRVH_AGENT_NOTIFY_QUEUED, SRVH_AGENT_NOTIFY_DROPPED,
    SRVH_AGENT_MASTER_CONNECTS,
};
static const unsigned module_columns[] = {
    SRVH_MODULE_NAME,       SRVH_MODULE_ENABLED,       SRVH_MODULE_STATUS,
    SRVH_MODULE_LAST_POLL,  SRVH_MODULE_POLL_DURATION, SRVH_MODULE_ERRORS,
    SRVH_MODULE_LAST_ERROR, SRVH_MODULE_POLL_INTERVAL, SRVH_MODULE_DATA_AGE,
    SRVH_MODULE_STALE,      SRVH_MODULE_POLL_TIMEOUT,
};
static const unsigned event_columns[] = {
    SRVH_EV_TIME, SRVH_EV_SEVERITY, SRVH_EV_NOTIFICATION, SRVH_EV_OBJECT, SRVH_EV_TEXT,
};
static const unsigned event_scalar_columns[] = {SRVH_EVENT_LAST_SEQ};

#define COLS(a) (a), sizeof(a) / sizeof((a)[0])

static struct mib_table agent_table = {"srvhAgent",         {SRVH_AGENT}, 1,
                                       COLS(agent_columns), get_agent,    &agent_rows};
static struct mib_table module_table = {"srvhModuleTable",
                                        {SRVH_AGENT, SRVH_AGENT_MODULE_TABLE, 1},
                                        3,
                                        COLS(module_columns),
                                        get_module,
                                        &module_rows};
static struct mib_table event_table = {"srvhEventTable",
                                       {SRVH_EVENTS, SRVH_EVENT_TABLE, 1},
                                       3,
                                       COLS(event_columns),
                                       notify_get_event,
                                       NULL};
static struct mib_table event_scalars = {
    "srvhEvents", {SRVH_EVENTS}, 1, COLS(event_scalar_columns), get_event_scalars, &agent_rows};

static const struct mib_table *tables[4 + SRVH_MODULES_MAX * SNAP_TABLES_MAX];
static struct mib_tree tree = {.tables = tables};

int agent_mib_init(char *why, size_t whysz)
{
        tree.n_tables = 0;
        event_table.rows = notify_event_rows();
        tables[tree.n_tables++] = &agent_table;
        tables[tree.n_tables++] = &module_table;
        tables[tree.n_tables++] = &event_table;
        tables[tree.n_tables++] = &event_scalars;
        for (size_t i = 0; i < agent.n_slots; i++) {
                struct module_slot *m = &agent.slots[i];
                /* srvhModuleIndex is the module's fixed number, never its place in the list. */
                module_rows_v[i] =
                    (struct mib_row){.idx = {m->ops->index}, .idx_len = 1, .data = m};
                for (size_t t = 0; t < m->ops->n_tables && t < SNAP_TABLES_MAX; t++) {
                        m->tables[t] = m->ops->tables[t];
                        m->tables[t].rows = &m->rows[t];
                        tables[tree.n_tables++] = &m->tables[t];
                }
        }
        mib_rows_sort(module_rows_v, agent.n_slots);
        module_rows = (struct mib_rows){.v = module_rows_v, .n = agent.n_slots};
        mib_tables_sort(tables, tree.n_tables);
        if (mib_rows_check(&module_rows, "srvhModuleTable", why, whysz) < 0)
                return -EINVAL;
        return mib_tree_check(&tree, why, whysz);
}

const struct mib_tree *agent_mib_tree(void)
{
        return &tree;
}

void agent_mib_update_overall(void)
{
        enum srvh_health worst = SRVH_HEALTH_OK;
        char msg[SNAP_TEXT_MAX];
        struct strbuf sb;
        strbuf_init(&sb, msg, sizeof(msg));
        for (size_t i = 0; i < agent.n_slots; i++) {
                const struct module_slot *m = &agent.slots[i];
                if (!m->enabled)
                        continue;
                worst = srvh_health_worst(worst, m->health);
                const char *why = NULL;
                if (m->failing)
                        why = m->last_error;
                else if (!m->cur)
                        why = "no data yet";
                else if (m->health != SRVH_HEALTH_OK)
                        why = m->cur->message;
                if (why && *why)
                        strbuf_append_sep(&sb, "; ", "%s: %s", m->ops->name, why);
        }
        agent.overall = worst;
        if (!strbuf_len(&sb))
                strbuf_appendf(&sb, "all monitored objects ok");
        snprintf(agent.overall_message, sizeof(agent.overall_message), "%s", msg);
}
