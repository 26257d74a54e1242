/* The generic table walker: GET and GETNEXT over sorted row arrays, O(log n) per request, with
 * no net-snmp types so that it can be unit-tested and fuzzed alone. src/agent/handler.c turns
 * its answers into varbinds. A scalar group is a table with one row whose index is {0}.
 * Owner: tables and rows belong to whoever registered them (agent or a module snapshot), and so
 * does a long index a row points at (mib_row.idx_ext); the walker only reads them, and never
 * keeps pointers past one call.
 * Contract: rows are handed over sorted in OID order of their index and unique (mib_rows_sort()
 * sorts), because the walker binary-searches them and does not check at each request;
 * mib_rows_check() verifies it in O(n) for debug builds and tests. The tree the agent assembles
 * at start is checked once by mib_tree_check().
 *
 * Index encoding (RFC 2578 section 7.7). A row's index is the run of sub-identifiers after
 * entry.column in its instance OID, one INDEX object after the other:
 *   integer (INTEGER, Unsigned32, enumeration): one sub-identifier, its value;
 *   OCTET STRING: its length n, then n sub-identifiers, one per octet (0..255);
 *   IMPLIED OCTET STRING: the n octets alone; only the last INDEX object may be IMPLIED, since
 *     nothing else marks where it ends.
 * E.g. disk serial "S1" + SMART attribute 194 is {2, 'S', '1', 194}; "S1" IMPLIED is {'S', '1'}.
 * Strings hold at most MIB_STRING_INDEX_MAX octets. The walker never decodes an index: order is
 * plain OID order over the sub-identifiers (mib_oid_cmp), so a length-prefixed string sorts
 * shorter first, then octet by octet ("sdb" < "md10" < "nvme0"), while an IMPLIED one sorts
 * like memcmp with a prefix first ("md1" < "md10" < "sdb"). A GET whose index is malformed for
 * its table (length prefix past the end or over 64, a sub-identifier over 255 inside a string,
 * too many or no sub-identifiers) matches no well-formed row and answers -ESRCH; the walker
 * reads no further than the request's own length.
 *
 * Limits. An instance is entry OID (at most MIB_TABLE_OID_MAX) + column + index (at most
 * MIB_INDEX_LEN_MAX), so it always fits MIB_OID_MAX. SNMP caps a whole OID at 128
 * sub-identifiers (RFC 2578 section 3.5): below srvhObjects (11 sub-identifiers) that leaves
 * 117, which is MIB_TABLE_OID_MAX + 1 + MIB_INDEX_LEN_MAX. Our longest planned instance is the
 * disk attribute table: 3 + 1 + (1 + 64 + 1) = 70. */
#ifndef SRVH_MIBTREE_H
#define SRVH_MIBTREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Longest OID the walker takes part in: request buffers, hits and OID values. As long as SNMP's
 * own cap on a whole OID, so the handler never has to cut a request that can reach it. */
#define MIB_OID_MAX          128
#define MIB_TABLE_OID_MAX    16  /* entry (or scalar group) OID, relative to the tree's base */
#define MIB_INDEX_LEN_MAX    100 /* sub-identifiers in one row's index */
#define MIB_INDEX_MAX        4   /* of them held inline in struct mib_row */
#define MIB_STRING_INDEX_MAX 64  /* octets in one OCTET STRING index object */

_Static_assert(MIB_TABLE_OID_MAX + 1 + MIB_INDEX_LEN_MAX <= MIB_OID_MAX,
               "every instance must fit MIB_OID_MAX, or truncated GETNEXT requests go wrong");
_Static_assert(MIB_INDEX_LEN_MAX <= UINT8_MAX, "mib_row.idx_len is 8 bits");

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

/* One row: its index and what the table's getter reads. An index of up to MIB_INDEX_MAX
 * sub-identifiers sits inline in idx (so `.idx = {a, b}, .idx_len = 2` initialisers keep
 * working); a longer one (a name) lives in an array of the row's owner, usually next to the data
 * in the same snapshot, and idx_ext points at it. Two fields rather than a union, so that a
 * zeroed row is well defined and mib_rows_check() can tell an inline index declared too long.
 * 40 bytes on LP64: 10k rows take 400 KiB, plus 4 bytes per sub-identifier of long indexes.
 * Read an index only with mib_row_index(); write one with mib_row_set_index() or directly. */
struct mib_row {
        uint32_t idx[MIB_INDEX_MAX];
        uint8_t idx_len; /* 1..MIB_INDEX_LEN_MAX */
        const void *data;
        const uint32_t *idx_ext; /* NULL, or idx_len sub-identifiers used instead of idx */
};

/* The sub-identifiers of r's index; *ret_len gets their number. An inline index declared
 * longer than MIB_INDEX_MAX (a bug mib_rows_check() reports) reads as its first MIB_INDEX_MAX
 * sub-identifiers rather than past the array. */
static inline const uint32_t *mib_row_index(const struct mib_row *r, size_t *ret_len)
{
        if (r->idx_ext) {
                *ret_len = r->idx_len;
                return r->idx_ext;
        }
        *ret_len = r->idx_len < MIB_INDEX_MAX ? r->idx_len : MIB_INDEX_MAX;
        return r->idx;
}

/* Set r's index to idx[0..len): copied inline when it fits, else r points at idx, which must
 * stay valid and unchanged as long as the row (the caller owns it). -EINVAL when len is 0 or
 * over MIB_INDEX_LEN_MAX. */
int mib_row_set_index(struct mib_row *r, const uint32_t *idx, size_t len);

/* Rows sorted by index (OID order, see above), no duplicates. */
struct mib_rows {
        const struct mib_row *v;
        size_t n;
};

/* Fill *out for one cell. Return 0, or -ENOENT when this row has no value in this column (the
 * walk then skips the cell, as for a sparse table). */
typedef int (*mib_get_fn)(const void *row_data, unsigned column, struct mib_value *out);

struct mib_table {
        const char *name;
        uint32_t oid[MIB_TABLE_OID_MAX]; /* entry (or scalar group) OID, relative to the base */
        size_t oid_len;                  /* 1..MIB_TABLE_OID_MAX */
        const unsigned *columns;         /* strictly ascending, none 0 */
        size_t n_columns;
        mib_get_fn get;
        const struct mib_rows *rows; /* read at each request: the owner swaps its contents */
};

/* Tables in OID order of their entry OIDs (mib_tables_sort()). A table may sit inside another's
 * OID (srvhModuleTable {1,5,1} inside the srvhAgent scalars {1}) on an arc that is not one of
 * the outer table's columns. */
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

/* The first instance strictly after name in OID order, for any name: malformed, longer than
 * any index, or longer than MIB_OID_MAX. Returns 0, or -ENOENT when the tree has nothing after
 * it (the agent then moves on to the next registration). A caller may cut a longer request to
 * its first MIB_OID_MAX sub-identifiers (src/agent/handler.c does): the cut prefix P sorts
 * before the request R, and an instance X with P < X <= R would have to start with P and be
 * longer than MIB_OID_MAX; no instance is (see Limits), so the answer for P is the answer for
 * R. Rows out of order never make it answer backwards: an instance not after name is skipped. */
int mib_tree_next(const struct mib_tree *t, const uint32_t *name, size_t len, struct mib_hit *ret);

/* Lexicographic OID comparison (a prefix sorts first). */
int mib_oid_cmp(const uint32_t *a, size_t alen, const uint32_t *b, size_t blen);

/* Encode the n octets at s as an OCTET STRING index object at dst[0..dst_max): length first
 * unless implied. Returns the number of sub-identifiers written (n + 1, or n when implied), so
 * integer parts can follow at dst[ret]; -E2BIG when n > MIB_STRING_INDEX_MAX, -ENOBUFS when
 * dst_max is too small. dst is written only on success. */
int mib_index_encode_string(const void *s, size_t n, bool implied, uint32_t *dst, size_t dst_max);

/* Decode one OCTET STRING index object from idx[0..len) into out (outsz octets; no NUL is
 * added); *ret_len gets the octet count. Not implied: idx[0] is the length and the object ends
 * after it; implied: all of idx is the string. Returns the number of sub-identifiers consumed,
 * or -EINVAL when malformed (no length, a length over MIB_STRING_INDEX_MAX or past the end, a
 * sub-identifier over 255, an implied string over MIB_STRING_INDEX_MAX), -ENOBUFS when outsz is
 * too small. Reads nothing past idx[len - 1]; out and *ret_len are written only on success. */
int mib_index_decode_string(const uint32_t *idx, size_t len, bool implied, void *out, size_t outsz,
                            size_t *ret_len);

/* Sort rows by index in OID order, as the walker needs them. O(n log n); the order of two rows
 * with the same index (a bug mib_rows_check() reports) is unspecified. */
void mib_rows_sort(struct mib_row *v, size_t n);

/* Sort tables by entry OID, for a tree assembled from several owners. */
void mib_tables_sort(const struct mib_table **v, size_t n);

/* Rows sorted, unique, each index 1..MIB_INDEX_LEN_MAX long and inline only when it fits. O(n),
 * for debug builds and tests: the walker trusts the order. Returns 0 or -EINVAL with a message
 * naming the table (name, may be NULL) and the row in err (when err is not NULL). */
int mib_rows_check(const struct mib_rows *rows, const char *name, char *err, size_t errsz);

/* Check a tree before serving it; the agent refuses to start on failure. Every table: a name, an
 * OID of 1..MIB_TABLE_OID_MAX sub-identifiers, at least one column, columns strictly ascending
 * and not 0, a getter, rows (when present) as mib_rows_check() wants them. Between tables:
 * listed in strictly ascending OID order (so no two share an OID; sort with mib_tables_sort()
 * first) and none nested inside another on an arc that is one of the outer table's columns,
 * where their instances would collide. Returns 0, or -EINVAL with a message naming the table(s)
 * in err (when err is not NULL). */
int mib_tree_check(const struct mib_tree *t, char *err, size_t errsz);

/* Helpers for get functions. */
void mib_set_int(struct mib_value *v, int64_t i);
void mib_set_gauge(struct mib_value *v, uint64_t u);     /* clamps to 2^32-1 */
void mib_set_counter32(struct mib_value *v, uint64_t u); /* wraps modulo 2^32, as counters do */
void mib_set_counter64(struct mib_value *v, uint64_t u);
void mib_set_string(struct mib_value *v, const char *s); /* NUL-terminated, capped at 255 */
void mib_set_datetime(struct mib_value *v,
                      int64_t unix_time); /* DateAndTime, UTC, 11 octets; 0 -> 8 zero octets */

#endif
