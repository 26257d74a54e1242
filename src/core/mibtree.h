/* The generic table walker: GET and GETNEXT over sorted row arrays, O(log n) per request, with
 * no net-snmp types so that it can be unit-tested and fuzzed alone. src/agent/handler.c turns
 * its answers into varbinds. A scalar group is a table with one row whose index is {0}.
 * Owner: tables and rows belong to whoever registered them (agent or a module snapshot); the
 * walker only reads them, and never keeps pointers past one call. */
#ifndef SRVH_MIBTREE_H
#define SRVH_MIBTREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MIB_OID_MAX   64
#define MIB_INDEX_MAX 4

enum mib_type {
        MIB_T_INTEGER = 1, /* Integer32 and enumerations */
        MIB_T_GAUGE,       /* Gauge32 / Unsigned32 */
        MIB_T_COUNTER32,
        MIB_T_COUNTER64,
        MIB_T_STRING, /* OCTET STRING, DisplayString, DateAndTime */
        MIB_T_OID,
        MIB_T_TIMETICKS,
};

/* One value. Strings point into the row (no copy), or are NULL when the bytes sit in buf (short
 * encodings such as DateAndTime), so a value stays valid when the struct is copied: read string
 * bytes with mib_value_bytes(). Oids sit in oid/oid_len. */
struct mib_value {
        enum mib_type type;
        int64_t i;  /* MIB_T_INTEGER */
        uint64_t u; /* GAUGE, COUNTER32, COUNTER64, TIMETICKS */
        const void *str;
        size_t len;
        uint8_t buf[16];
        uint32_t oid[MIB_OID_MAX];
        size_t oid_len;
};

static inline const void *mib_value_bytes(const struct mib_value *v)
{
        return v->str ? v->str : (const void *)v->buf;
}

struct mib_row {
        uint32_t idx[MIB_INDEX_MAX];
        uint8_t idx_len;
        const void *data;
};

/* Rows sorted by idx (lexicographic OID order), no duplicates. */
struct mib_rows {
        const struct mib_row *v;
        size_t n;
};

/* Fill *out for one cell. Return 0, or -ENOENT when this row has no value in this column (the
 * walk then skips the cell, as for a sparse table). */
typedef int (*mib_get_fn)(const void *row_data, unsigned column, struct mib_value *out);

struct mib_table {
        const char *name;
        uint32_t oid[MIB_OID_MAX]; /* entry (or scalar group) OID, relative to the tree's base */
        size_t oid_len;
        const unsigned *columns; /* sorted, ascending */
        size_t n_columns;
        mib_get_fn get;
        const struct mib_rows *rows; /* read at each request: the owner swaps its contents */
};

struct mib_tree {
        const struct mib_table *const *tables;
        size_t n_tables;
};

/* The instance a request resolved to. */
struct mib_hit {
        const struct mib_table *table;
        unsigned column;
        const struct mib_row *row;
        uint32_t oid[MIB_OID_MAX]; /* full instance OID relative to the base */
        size_t oid_len;
        struct mib_value value;
};

/* Exact lookup. Returns 0; -ENOENT when the table or column is unknown (noSuchObject);
 * -ESRCH when the column exists but not the instance (noSuchInstance). */
int mib_tree_get(const struct mib_tree *t, const uint32_t *name, size_t len, struct mib_hit *ret);

/* The first instance strictly after name in OID order. Returns 0, or -ENOENT when the tree has
 * nothing after it (the agent then moves on to the next registration). */
int mib_tree_next(const struct mib_tree *t, const uint32_t *name, size_t len, struct mib_hit *ret);

/* Lexicographic OID comparison (a prefix sorts first). */
int mib_oid_cmp(const uint32_t *a, size_t alen, const uint32_t *b, size_t blen);

/* Helpers for get functions. */
void mib_set_int(struct mib_value *v, int64_t i);
void mib_set_gauge(struct mib_value *v, uint64_t u);     /* clamps to 2^32-1 */
void mib_set_counter32(struct mib_value *v, uint64_t u); /* wraps modulo 2^32, as counters do */
void mib_set_counter64(struct mib_value *v, uint64_t u);
void mib_set_string(struct mib_value *v, const char *s); /* NUL-terminated, capped at 255 */
void mib_set_datetime(struct mib_value *v,
                      int64_t unix_time); /* DateAndTime, UTC, 11 octets; 0 -> 8 zero octets */

#endif
