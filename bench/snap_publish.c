/* The publisher of the in-snmpd prototype (bench only, not shipped): polls the md module on a
 * sysroot with srvhealthd's own collector, walks the tables it serves with srvhealthd's own walker
 * and getters, and publishes every instance to a snapshot file (snapfile.h) by write and rename.
 * With --text, also the same instances as "OID TYPE VALUE" lines for the pass_persist script.
 * With --every S, polls and publishes again every S seconds until SIGTERM.
 * Usage: snap_publish --sysroot ROOT --out FILE [--text FILE] [--every S] */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/mibtree.h"
#include "core/module.h"
#include "core/snapshot.h"
#include "snapfile.h"
#include "srvhealth/oids.h"

static const uint32_t base[] = {SRVH_ROOT_OID, SRVH_OBJECTS};
#define BASE_LEN (sizeof(base) / sizeof(base[0]))

static int64_t mono_ms(void)
{
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* One value in the file's encoding, and as pass_persist text (type word, value). */
static void add_value(struct snap_writer *w, FILE *text, const uint32_t *oid, size_t len,
                      const struct mib_value *v)
{
        static const enum snap_type types[] = {
            [MIB_T_INTEGER] = SNAP_T_INTEGER,     [MIB_T_GAUGE] = SNAP_T_GAUGE,
            [MIB_T_COUNTER32] = SNAP_T_COUNTER32, [MIB_T_COUNTER64] = SNAP_T_COUNTER64,
            [MIB_T_STRING] = SNAP_T_STRING,       [MIB_T_OID] = SNAP_T_OID,
            [MIB_T_TIMETICKS] = SNAP_T_TIMETICKS,
        };
        static const char *const words[] = {
            [MIB_T_INTEGER] = "integer",     [MIB_T_GAUGE] = "gauge",
            [MIB_T_COUNTER32] = "counter",   [MIB_T_COUNTER64] = "counter64",
            [MIB_T_STRING] = "string",       [MIB_T_OID] = "objectid",
            [MIB_T_TIMETICKS] = "timeticks",
        };
        const void *bytes = &v->u;
        size_t n = sizeof(v->u);
        if (v->type == MIB_T_INTEGER) {
                bytes = &v->i;
                n = sizeof(v->i);
        } else if (v->type == MIB_T_STRING) {
                bytes = mib_value_bytes(v);
                n = v->len;
        } else if (v->type == MIB_T_OID) {
                bytes = v->oid;
                n = v->oid_len * sizeof(uint32_t);
        }
        snap_writer_add(w, oid, len, types[v->type], bytes, n);
        if (!text)
                return;
        for (size_t i = 0; i < len; i++)
                fprintf(text, ".%u", oid[i]);
        const unsigned char *s = bytes;
        bool printable = v->type == MIB_T_STRING;
        for (size_t i = 0; printable && i < n; i++)
                printable = s[i] >= 0x20 && s[i] < 0x7f;
        if (v->type == MIB_T_STRING && !printable) {
                fputs(" octet ", text);
                for (size_t i = 0; i < n; i++)
                        fprintf(text, "%s%02X", i ? " " : "", s[i]);
        } else if (v->type == MIB_T_STRING) {
                fprintf(text, " string %.*s", (int)n, (const char *)s);
        } else if (v->type == MIB_T_OID) {
                fputs(" objectid ", text);
                for (size_t i = 0; i < v->oid_len; i++)
                        fprintf(text, ".%u", v->oid[i]);
        } else if (v->type == MIB_T_INTEGER) {
                fprintf(text, " integer %lld", (long long)v->i);
        } else {
                fprintf(text, " %s %llu", words[v->type], (unsigned long long)v->u);
        }
        fputc('\n', text);
}

/* One poll of md and one file; the number of instances, or -errno. */
static int publish(const struct module_ops *ops, struct module_ctx *ctx, const char *out,
                   const char *text_path, uint64_t generation, unsigned every)
{
        struct snap *s = snap_new();
        if (!s)
                return -ENOMEM;
        ctx->deadline_ms = mono_ms() + 60000;
        int r = ops->poll(ctx, s);
        if (r < 0) {
                fprintf(stderr, "snap_publish: md poll failed: %s\n", s->error_text);
                snap_free(s);
                return r;
        }
        struct mib_table tables[SNAP_TABLES_MAX];
        const struct mib_table *ptrs[SNAP_TABLES_MAX];
        size_t n = ops->n_tables < SNAP_TABLES_MAX ? ops->n_tables : SNAP_TABLES_MAX;
        for (size_t t = 0; t < n; t++) {
                tables[t] = ops->tables[t];
                tables[t].rows = &s->tables[t];
                ptrs[t] = &tables[t];
        }
        mib_tables_sort(ptrs, n);
        struct mib_tree tree = {ptrs, n};

        FILE *text = NULL;
        if (text_path && !(text = fopen(text_path, "w"))) {
                r = -errno;
                fprintf(stderr, "snap_publish: %s: %s\n", text_path, strerror(errno));
                snap_free(s);
                return r;
        }
        struct snap_writer w = {0};
        static struct mib_hit hit;
        uint32_t name[MIB_OID_MAX], full[BASE_LEN + MIB_OID_MAX];
        size_t len = 0, count = 0;
        memcpy(full, base, sizeof(base));
        while (mib_tree_next(&tree, name, len, &hit) == 0) {
                memcpy(name, hit.oid, hit.oid_len * sizeof(uint32_t));
                len = hit.oid_len;
                memcpy(full + BASE_LEN, hit.oid, len * sizeof(uint32_t));
                add_value(&w, text, full, BASE_LEN + len, &hit.value);
                count++;
        }
        if (text && fclose(text) != 0)
                fprintf(stderr, "snap_publish: %s: %s\n", text_path, strerror(errno));
        r = snap_writer_publish(&w, out, generation, every);
        snap_free(s);
        if (r < 0) {
                fprintf(stderr, "snap_publish: %s: %s\n", out, strerror(-r));
                return r;
        }
        return (int)count;
}

static volatile sig_atomic_t stop;
static void on_term(int sig)
{
        (void)sig;
        stop = 1;
}

int main(int argc, char **argv)
{
        const char *root = "/", *out = NULL, *text = NULL;
        unsigned every = 0;
        for (int i = 1; i + 1 < argc; i += 2) {
                if (strcmp(argv[i], "--sysroot") == 0)
                        root = argv[i + 1];
                else if (strcmp(argv[i], "--out") == 0)
                        out = argv[i + 1];
                else if (strcmp(argv[i], "--text") == 0)
                        text = argv[i + 1];
                else if (strcmp(argv[i], "--every") == 0)
                        every = (unsigned)strtoul(argv[i + 1], NULL, 10);
        }
        if (!out) {
                fprintf(stderr, "usage: snap_publish --sysroot ROOT --out FILE [--text FILE] "
                                "[--every SECONDS]\n");
                return 2;
        }
        const struct module_ops *ops = module_find("md");
        struct module_conf *conf = ops ? module_conf_new(ops) : NULL;
        if (!conf) {
                fprintf(stderr, "snap_publish: no md module\n");
                return 1;
        }
        struct module_ctx ctx = {
            .sysroot = root,
            .config = module_conf_get(conf),
            .cancel_fd = -1,
            .wait_fd = -1,
            .now_ms = mono_ms,
        };
        if (ops->init && ops->init(&ctx) < 0) {
                fprintf(stderr, "snap_publish: md init failed\n");
                return 1;
        }
        signal(SIGTERM, on_term);
        signal(SIGINT, on_term);
        int rc = 0;
        for (uint64_t gen = 1; !stop; gen++) {
                int n = publish(ops, &ctx, out, gen == 1 ? text : NULL, gen, every);
                if (n < 0) {
                        rc = 1;
                        break;
                }
                if (gen == 1)
                        printf("%d instances\n", n);
                fflush(stdout);
                if (!every)
                        break;
                sleep(every);
        }
        if (ops->teardown)
                ops->teardown(&ctx);
        module_conf_unref(conf);
        return rc;
}
