/* Shared by the unit tests that compare a walk with a golden file (tests/fixtures/golden/): one
 * instance rendered as "OID = TYPE: VALUE", strings as text when printable, else as hex, and the
 * whole GETNEXT walk of a tree checked line by line against the file. Include after cmocka.h. */
#ifndef SRVH_TEST_GOLDEN_WALK_H
#define SRVH_TEST_GOLDEN_WALK_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mibtree.h"

static inline void golden_render(const struct mib_hit *h, char *out, size_t outsz)
{
        size_t used = 0;
        for (size_t i = 0; i < h->oid_len; i++)
                used += (size_t)snprintf(out + used, outsz - used, "%s%u", i ? "." : "", h->oid[i]);
        const struct mib_value *v = &h->value;
        switch (v->type) {
        case MIB_T_INTEGER:
                snprintf(out + used, outsz - used, " = INTEGER: %lld", (long long)v->i);
                break;
        case MIB_T_GAUGE:
                snprintf(out + used, outsz - used, " = Gauge32: %llu", (unsigned long long)v->u);
                break;
        case MIB_T_COUNTER32:
                snprintf(out + used, outsz - used, " = Counter32: %llu", (unsigned long long)v->u);
                break;
        case MIB_T_COUNTER64:
                snprintf(out + used, outsz - used, " = Counter64: %llu", (unsigned long long)v->u);
                break;
        case MIB_T_STRING: {
                const unsigned char *b = mib_value_bytes(v);
                bool text = true;
                for (size_t i = 0; i < v->len; i++)
                        text = text && b[i] >= 0x20 && b[i] < 0x7f;
                if (text) {
                        snprintf(out + used, outsz - used, " = STRING: \"%.*s\"", (int)v->len,
                                 (const char *)b);
                } else {
                        used += (size_t)snprintf(out + used, outsz - used, " = Hex-STRING:");
                        for (size_t i = 0; i < v->len; i++)
                                used += (size_t)snprintf(out + used, outsz - used, " %02X", b[i]);
                }
                break;
        }
        default:
                snprintf(out + used, outsz - used, " = type %d", (int)v->type);
                break;
        }
}

/* Walk tree with GETNEXT from the start and compare every instance with the golden file at path
 * ('#' lines are comments); every instance must also GET back with the same value, and the walk
 * must have at least min_lines instances. SRVH_WRITE_GOLDEN=1 rewrites the file first (with
 * header as its comment line) after a deliberate change: review the diff. */
static inline void golden_walk_check(const struct mib_tree *tree, const char *path,
                                     const char *header, size_t min_lines)
{
        if (getenv("SRVH_WRITE_GOLDEN")) {
                FILE *out = fopen(path, "w");
                assert_non_null(out);
                fprintf(out, "# %s\n", header);
                uint32_t o[MIB_OID_MAX];
                size_t olen = 0;
                struct mib_hit w;
                char line[1024];
                while (mib_tree_next(tree, o, olen, &w) == 0) {
                        golden_render(&w, line, sizeof(line));
                        fprintf(out, "%s\n", line);
                        memcpy(o, w.oid, w.oid_len * sizeof(uint32_t));
                        olen = w.oid_len;
                }
                fclose(out);
        }
        FILE *golden = fopen(path, "r");
        assert_non_null(golden);
        char want[1024], got[1024];
        uint32_t cur[MIB_OID_MAX];
        size_t cur_len = 0, lines = 0;
        struct mib_hit h, back;
        while (mib_tree_next(tree, cur, cur_len, &h) == 0) {
                golden_render(&h, got, sizeof(got));
                do {
                        if (!fgets(want, sizeof(want), golden))
                                fail_msg("walk goes on past the golden file: %s", got);
                } while (want[0] == '#');
                want[strcspn(want, "\n")] = '\0';
                if (strcmp(want, got) != 0)
                        fail_msg("line %zu:\n want %s\n got  %s", lines + 1, want, got);
                /* every instance GETNEXT finds must GET back with the same value */
                assert_int_equal(mib_tree_get(tree, h.oid, h.oid_len, &back), 0);
                golden_render(&back, want, sizeof(want));
                assert_string_equal(want, got);
                memcpy(cur, h.oid, h.oid_len * sizeof(uint32_t));
                cur_len = h.oid_len;
                lines++;
        }
        assert_null(fgets(want, sizeof(want), golden));
        assert_true(lines >= min_lines);
        fclose(golden);
}

#endif
