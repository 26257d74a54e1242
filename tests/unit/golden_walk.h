/* Shared by the unit tests that compare a walk with a golden file (tests/fixtures/golden/): one
 * instance rendered as "OID = TYPE: VALUE", strings as text when printable, else as hex. */
#ifndef SRVH_TEST_GOLDEN_WALK_H
#define SRVH_TEST_GOLDEN_WALK_H

#include <stdbool.h>
#include <stdio.h>

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

#endif
