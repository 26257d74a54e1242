/* srvhealthd --dump [--json]: one poll of every enabled module, run on this thread, and the rows
 * it would serve, printed by the tables' own getters under the MIB's column names. No SNMP: the
 * config is read with net-snmp's parser, but no master is contacted and nothing is registered. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include "agent/agent.h"
#include "agent/agent_config.h"

#define APP_NAME "srvhealthd"

static int64_t mono_ms(void)
{
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A JSON string: quotes, backslashes and control bytes escaped; bytes past ASCII as \u00XX, so
 * the output is valid JSON whatever a kernel name holds. */
static void dump_json_bytes(FILE *f, const void *p, size_t n)
{
        const unsigned char *s = p;
        fputc('"', f);
        for (size_t i = 0; i < n; i++) {
                if (s[i] == '"' || s[i] == '\\')
                        fprintf(f, "\\%c", s[i]);
                else if (s[i] < 0x20 || s[i] >= 0x7f)
                        fprintf(f, "\\u%04x", s[i]);
                else
                        fputc(s[i], f);
        }
        fputc('"', f);
}

static void dump_json_str(FILE *f, const char *s)
{
        dump_json_bytes(f, s, strlen(s));
}

/* Text: printable ASCII in quotes, the rest as \xNN. */
static void dump_text_bytes(FILE *f, const void *p, size_t n)
{
        const unsigned char *s = p;
        fputc('"', f);
        for (size_t i = 0; i < n; i++) {
                if (s[i] == '"' || s[i] == '\\')
                        fprintf(f, "\\%c", s[i]);
                else if (s[i] < 0x20 || s[i] >= 0x7f)
                        fprintf(f, "\\x%02x", s[i]);
                else
                        fputc(s[i], f);
        }
        fputc('"', f);
}

/* A DateAndTime (the only string a getter leaves in mib_value.buf) as ISO 8601; false for the
 * all-zero "never" value. */
static bool datetime_text(const struct mib_value *v, char *out, size_t outsz)
{
        const uint8_t *b = v->buf;
        if (v->len < 8 || (b[0] | b[1] | b[2] | b[3]) == 0)
                return false;
        int year = b[0] << 8 | b[1];
        if (v->len >= 11 && (b[9] || b[10]))
                snprintf(out, outsz, "%04d-%02u-%02uT%02u:%02u:%02u%c%02u:%02u", year, b[2], b[3],
                         b[4], b[5], b[6], b[8], b[9], b[10]);
        else
                snprintf(out, outsz, "%04d-%02u-%02uT%02u:%02u:%02uZ", year, b[2], b[3], b[4], b[5],
                         b[6]);
        return true;
}

static void dump_value(FILE *f, const struct mib_value *v, bool json)
{
        char dt[40];
        switch (v->type) {
        case MIB_T_INTEGER:
                fprintf(f, "%lld", (long long)v->i);
                break;
        case MIB_T_GAUGE:
        case MIB_T_COUNTER32:
        case MIB_T_COUNTER64:
        case MIB_T_TIMETICKS:
                fprintf(f, "%llu", (unsigned long long)v->u);
                break;
        case MIB_T_STRING:
                if (!v->str) { /* DateAndTime */
                        if (datetime_text(v, dt, sizeof(dt)))
                                json ? dump_json_str(f, dt) : dump_text_bytes(f, dt, strlen(dt));
                        else
                                fputs(json ? "null" : "never", f);
                } else {
                        json ? dump_json_bytes(f, v->str, v->len)
                             : dump_text_bytes(f, v->str, v->len);
                }
                break;
        case MIB_T_OID:
                fputc('"', f);
                for (size_t i = 0; i < v->oid_len; i++)
                        fprintf(f, ".%u", v->oid[i]);
                fputc('"', f);
                break;
        }
}

/* Set for the table being printed: the module's names of its columns, or NULL. */
static const char *const *names;

static const char *column_name(const struct mib_table *t, size_t c, char *buf, size_t bufsz)
{
        if (names && names[c])
                return names[c];
        snprintf(buf, bufsz, "%s.%u", t->name, t->columns[c]);
        return buf;
}

static void print_rows_text(FILE *f, const struct mib_table *t, const struct mib_rows *rows)
{
        for (size_t r = 0; r < rows->n; r++) {
                const struct mib_row *row = &rows->v[r];
                size_t n;
                const uint32_t *idx = mib_row_index(row, &n);
                for (size_t c = 0; c < t->n_columns; c++) {
                        struct mib_value v;
                        char buf[64];
                        memset(&v, 0, sizeof(v));
                        if (t->get(row->data, t->columns[c], &v) < 0)
                                continue; /* no cell: nothing to print, as a walk skips it */
                        fputs(column_name(t, c, buf, sizeof(buf)), f);
                        for (size_t i = 0; i < n; i++)
                                fprintf(f, ".%u", idx[i]);
                        fputs(" = ", f);
                        dump_value(f, &v, false);
                        fputc('\n', f);
                }
        }
}

static void print_rows_json(FILE *f, const struct mib_table *t, const struct mib_rows *rows)
{
        fputc('[', f);
        for (size_t r = 0; r < rows->n; r++) {
                const struct mib_row *row = &rows->v[r];
                size_t n;
                const uint32_t *idx = mib_row_index(row, &n);
                fprintf(f, "%s\n        {\"index\": [", r ? "," : "");
                for (size_t i = 0; i < n; i++)
                        fprintf(f, "%s%u", i ? ", " : "", idx[i]);
                fputc(']', f);
                for (size_t c = 0; c < t->n_columns; c++) {
                        struct mib_value v;
                        char buf[64];
                        memset(&v, 0, sizeof(v));
                        if (t->get(row->data, t->columns[c], &v) < 0)
                                continue;
                        fputs(", ", f);
                        dump_json_str(f, column_name(t, c, buf, sizeof(buf)));
                        fputs(": ", f);
                        dump_value(f, &v, true);
                }
                fputc('}', f);
        }
        fputs(rows->n ? "\n      ]" : "]", f);
}

/* One poll of module ops with its config, as a collector thread would run it. */
static int poll_module(const struct module_ops *ops, const struct agent_opts *o, size_t pos,
                       int cancel_fd, struct snap *s)
{
        struct module_ctx ctx = {
            .sysroot = o->sysroot,
            .config = module_conf_get(agent.cfg.module[pos]),
            .cancel_fd = cancel_fd,
            .wait_fd = -1,
            .now_ms = mono_ms,
        };
        s->polled_at = (int64_t)time(NULL);
        int r = ops->init ? ops->init(&ctx) : 0;
        if (r < 0) {
                snprintf(s->error_text, sizeof(s->error_text), "cannot start: %s", strerror(-r));
                return r;
        }
        int64_t t0 = mono_ms();
        ctx.deadline_ms = t0 + (int64_t)agent.cfg.poll_timeout[pos] * 1000;
        r = ops->poll(&ctx, s);
        int64_t dt = mono_ms() - t0;
        s->duration_ms = dt < 0 ? 0 : (uint32_t)dt;
        if (r < 0) {
                memset(s->tables, 0, sizeof(s->tables)); /* a failed poll serves no rows */
                if (!s->error_text[0])
                        snprintf(s->error_text, sizeof(s->error_text), "poll failed: %s",
                                 strerror(-r));
        }
        if (ops->teardown)
                ops->teardown(&ctx);
        return r;
}

int agent_dump(const struct agent_opts *o)
{
        FILE *f = stdout;
        bool json = o->dump_json;

        /* Parse only, as --check-config does: init_agent() registers net-snmp's own tokens
         * (agentXSocket...) without connecting; init_snmp(), which would connect, is never
         * called. */
        netsnmp_ds_set_boolean(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_ROLE, 1);
        netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_READ_CONFIGS, 1);
        init_agent(APP_NAME);
        agent_config_register();
        int problems = agent_config_read(o->config_file, &agent.cfg);
        if (problems < 0) {
                fprintf(stderr, "srvhealthd: out of memory\n");
                return 1;
        }
        if (problems && o->strict_config) {
                fprintf(
                    stderr, "srvhealthd: %s: %d problem%s (above); not polling (--strict-config)\n",
                    o->config_file ? o->config_file : "config", problems, problems == 1 ? "" : "s");
                config_clear(&agent.cfg);
                return 1;
        }
        int cancel_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK); /* never written: no stop */
        if (cancel_fd < 0) {
                fprintf(stderr, "srvhealthd: cannot create an eventfd: %s\n", strerror(errno));
                config_clear(&agent.cfg);
                return 1;
        }

        bool all_ok = true, first = true;
        enum srvh_health overall = SRVH_HEALTH_OK;
        char overall_msg[SNAP_TEXT_MAX * 2] = "";
        size_t msg_len = 0;
        if (json)
                fprintf(f, "{\n  \"sysroot\": ");
        if (json) {
                dump_json_str(f, o->sysroot);
                fprintf(f, ",\n  \"modules\": [");
        }
        for (size_t pos = 0; pos < srvh_n_modules && pos < SRVH_MODULES_MAX; pos++) {
                const struct module_ops *ops = srvh_modules[pos];
                if (agent.cfg.disabled[pos])
                        continue;
                struct snap *s = snap_new();
                if (!s) {
                        fprintf(stderr, "srvhealthd: out of memory\n");
                        all_ok = false;
                        break;
                }
                int r = poll_module(ops, o, pos, cancel_fd, s);
                enum srvh_health h = r < 0 ? SRVH_HEALTH_UNKNOWN : s->health;
                const char *why = r < 0 ? s->error_text : s->message;
                all_ok = all_ok && r >= 0;
                overall = srvh_health_worst(overall, h);
                if (why[0] && msg_len < sizeof(overall_msg))
                        msg_len +=
                            (size_t)snprintf(overall_msg + msg_len, sizeof(overall_msg) - msg_len,
                                             "%s%s: %s", msg_len ? "; " : "", ops->name, why);
                if (json) {
                        fprintf(f, "%s\n    {\"name\": ", first ? "" : ",");
                        dump_json_str(f, ops->name);
                        fprintf(f, ", \"poll\": \"%s\", \"duration_ms\": %u, \"health\": \"%s\"",
                                r < 0 ? "failed" : "ok", s->duration_ms, srvh_health_name(h));
                        fprintf(f, ",\n     \"error\": ");
                        r < 0 ? dump_json_str(f, s->error_text) : (void)fputs("null", f);
                        fprintf(f, ", \"message\": ");
                        dump_json_str(f, s->message);
                        fprintf(f, ", \"note\": ");
                        dump_json_str(f, s->note);
                        fprintf(f, ",\n     \"tables\": {");
                        for (size_t t = 0; t < ops->n_tables && t < SNAP_TABLES_MAX; t++) {
                                fprintf(f, "%s\n      ", t ? "," : "");
                                dump_json_str(f, ops->tables[t].name);
                                fputs(": ", f);
                                names = ops->column_names ? ops->column_names[t] : NULL;
                                print_rows_json(f, &ops->tables[t], &s->tables[t]);
                        }
                        fprintf(f, "}}");
                } else {
                        fprintf(f, "# %s: poll %s in %u ms, health %s\n", ops->name,
                                r < 0 ? "failed" : "ok", s->duration_ms, srvh_health_name(h));
                        if (r < 0)
                                fprintf(f, "# %s: error: %s\n", ops->name, s->error_text);
                        if (s->message[0])
                                fprintf(f, "# %s: %s\n", ops->name, s->message);
                        if (s->note[0])
                                fprintf(f, "# %s: note: %s\n", ops->name, s->note);
                        for (size_t t = 0; t < ops->n_tables && t < SNAP_TABLES_MAX; t++) {
                                names = ops->column_names ? ops->column_names[t] : NULL;
                                print_rows_text(f, &ops->tables[t], &s->tables[t]);
                        }
                }
                first = false;
                snap_free(s);
        }
        if (!overall_msg[0])
                snprintf(overall_msg, sizeof(overall_msg), "all monitored objects ok");
        if (json) {
                fprintf(f, "\n  ],\n  \"overall\": {\"status\": \"%s\", \"message\": ",
                        srvh_health_name(overall));
                dump_json_str(f, overall_msg);
                fprintf(f, "}\n}\n");
        } else {
                fprintf(f, "# overall: %s: %s\n", srvh_health_name(overall), overall_msg);
        }
        close(cancel_fd);
        config_clear(&agent.cfg);
        fflush(f);
        return all_ok ? 0 : 1;
}
