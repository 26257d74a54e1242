/* GET/GETNEXT over the sorted tables of a mib_tree (see mibtree.h). Tables are few (one per MIB
 * table or scalar group), rows many: a request scans the tables and binary-searches the rows.
 * Also the index helpers modules build rows with, and the checks run on a tree before serving. */
#include "core/mibtree.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int mib_oid_cmp(const uint32_t *a, size_t alen, const uint32_t *b, size_t blen)
{
        size_t n = alen < blen ? alen : blen;
        for (size_t i = 0; i < n; i++) {
                if (a[i] != b[i])
                        return a[i] < b[i] ? -1 : 1;
        }
        return alen < blen ? -1 : alen > blen ? 1 : 0;
}

/* Index of the first row whose index is > idx (strict) or >= idx, by binary search. */
static size_t rows_bound(const struct mib_rows *rows, const uint32_t *idx, size_t len, bool strict)
{
        size_t lo = 0, hi = rows->n;
        while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                size_t rlen;
                const uint32_t *r = mib_row_index(&rows->v[mid], &rlen);
                int c = mib_oid_cmp(r, rlen, idx, len);
                if (c < 0 || (strict && c == 0))
                        lo = mid + 1;
                else
                        hi = mid;
        }
        return lo;
}

static bool column_exists(const struct mib_table *t, unsigned column)
{
        for (size_t i = 0; i < t->n_columns; i++) {
                if (t->columns[i] == column)
                        return true;
        }
        return false;
}

/* Whether row's instances fit a hit. Checked per answer rather than trusted, because rows come
 * from snapshots that mib_tree_check() never saw. */
static bool row_fits(const struct mib_table *t, const struct mib_row *row)
{
        size_t len;
        (void)mib_row_index(row, &len);
        return t->oid_len <= MIB_TABLE_OID_MAX && len <= MIB_INDEX_LEN_MAX;
}

static void hit_fill(const struct mib_table *t, unsigned column, const struct mib_row *row,
                     struct mib_hit *ret)
{
        size_t len;
        const uint32_t *idx = mib_row_index(row, &len);
        ret->table = t;
        ret->column = column;
        ret->row = row;
        memcpy(ret->oid, t->oid, t->oid_len * sizeof(uint32_t));
        ret->oid[t->oid_len] = column;
        memcpy(ret->oid + t->oid_len + 1, idx, len * sizeof(uint32_t));
        ret->oid_len = t->oid_len + 1 + len;
}

int mib_tree_get(const struct mib_tree *tree, const uint32_t *name, size_t len, struct mib_hit *ret)
{
        for (size_t i = 0; i < tree->n_tables; i++) {
                const struct mib_table *t = tree->tables[i];
                if (len <= t->oid_len || mib_oid_cmp(name, t->oid_len, t->oid, t->oid_len) != 0)
                        continue;
                unsigned column = name[t->oid_len];
                if (!column_exists(t, column))
                        continue; /* a nested table may own this arc */
                /* No decoding: a malformed index (see mibtree.h) equals no row, and comparing
                 * reads no more than idx_len sub-identifiers of the request. */
                const uint32_t *idx = name + t->oid_len + 1;
                size_t idx_len = len - t->oid_len - 1;
                const struct mib_rows *rows = t->rows;
                if (idx_len == 0 || idx_len > MIB_INDEX_LEN_MAX || !rows)
                        return -ESRCH;
                size_t pos = rows_bound(rows, idx, idx_len, false);
                if (pos == rows->n)
                        return -ESRCH;
                const struct mib_row *row = &rows->v[pos];
                size_t rlen;
                const uint32_t *r = mib_row_index(row, &rlen);
                if (mib_oid_cmp(r, rlen, idx, idx_len) != 0 || !row_fits(t, row))
                        return -ESRCH;
                hit_fill(t, column, row, ret);
                ret->value.str = NULL;
                if (t->get(row->data, column, &ret->value) < 0)
                        return -ESRCH;
                return 0;
        }
        return -ENOENT;
}

/* An instance named by its parts: the table's entry OID, the column, the row's index. A GETNEXT
 * compares candidates in this form, so only the winner is ever written out as a hit. */
struct inst {
        const struct mib_table *t;
        unsigned column;
        const struct mib_row *row;
};

/* Instance x against the OID b[0..blen), in OID order, without building x's OID. */
static int inst_cmp_oid(const struct inst *x, const uint32_t *b, size_t blen)
{
        size_t tl = x->t->oid_len;
        int c = mib_oid_cmp(x->t->oid, tl < blen ? tl : blen, b, tl < blen ? tl : blen);
        if (c != 0)
                return c;
        if (blen <= tl)
                return 1; /* b is a prefix of x (x has a column after the entry OID) */
        if (x->column != b[tl])
                return x->column < b[tl] ? -1 : 1;
        size_t ilen;
        const uint32_t *idx = mib_row_index(x->row, &ilen);
        return mib_oid_cmp(idx, ilen, b + tl + 1, blen - tl - 1);
}

/* The sub-identifier at position i of instance x (i below its length). */
static uint32_t inst_at(const struct inst *x, const uint32_t *idx, size_t i)
{
        size_t tl = x->t->oid_len;
        return i < tl ? x->t->oid[i] : i == tl ? x->column : idx[i - tl - 1];
}

/* Two instances in OID order. */
static int inst_cmp(const struct inst *a, const struct inst *b)
{
        size_t alen, blen;
        const uint32_t *ai = mib_row_index(a->row, &alen);
        const uint32_t *bi = mib_row_index(b->row, &blen);
        alen += a->t->oid_len + 1;
        blen += b->t->oid_len + 1;
        for (size_t i = 0; i < alen && i < blen; i++) {
                uint32_t x = inst_at(a, ai, i), y = inst_at(b, bi, i);
                if (x != y)
                        return x < y ? -1 : 1;
        }
        return alen < blen ? -1 : alen > blen ? 1 : 0;
}

/* The first instance of table t after name into *ret (the cell exists: its value was read into
 * scratch), or -ENOENT. */
static int table_next(const struct mib_table *t, const uint32_t *name, size_t len,
                      struct mib_value *scratch, struct inst *ret)
{
        const struct mib_rows *rows = t->rows;
        if (!rows || rows->n == 0 || t->n_columns == 0)
                return -ENOENT;

        size_t plen = t->oid_len;
        int c = mib_oid_cmp(name, len < plen ? len : plen, t->oid, plen);
        if (c > 0)
                return -ENOENT; /* name is past this table */

        /* Where to start: before the table (or at its entry OID) means first column, first row;
         * inside it, the requested column after the requested index. */
        unsigned column = 0;
        const uint32_t *idx = NULL;
        size_t idx_len = 0;
        bool inside = c == 0 && len > plen;
        if (inside) {
                column = name[plen];
                idx = name + plen + 1;
                idx_len = len - plen - 1;
        }

        for (size_t ci = 0; ci < t->n_columns; ci++) {
                unsigned col = t->columns[ci];
                if (inside && col < column)
                        continue;
                size_t pos = 0;
                if (inside && col == column && idx_len > 0)
                        pos = rows_bound(rows, idx, idx_len, true);
                for (; pos < rows->n; pos++) {
                        const struct mib_row *row = &rows->v[pos];
                        if (!row_fits(t, row))
                                continue;
                        scratch->str = NULL;
                        if (t->get(row->data, col, scratch) != 0)
                                continue;
                        *ret = (struct inst){t, col, row};
                        /* Only rows out of order get here with an instance not after name; an
                         * answer that goes backwards would make a manager walk for ever. */
                        if (inst_cmp_oid(ret, name, len) <= 0)
                                continue;
                        return 0;
                }
        }
        return -ENOENT;
}

/* The part of a value a getter writes: the OID array only for an OID, the inline bytes only
 * for a string kept in buf. */
static void value_copy(struct mib_value *dst, const struct mib_value *src)
{
        dst->type = src->type;
        dst->i = src->i;
        dst->u = src->u;
        dst->str = src->str;
        dst->len = src->len;
        if (src->type == MIB_T_STRING && !src->str)
                memcpy(dst->buf, src->buf, sizeof(dst->buf));
        if (src->type == MIB_T_OID) {
                size_t n = src->oid_len < MIB_OID_MAX ? src->oid_len : MIB_OID_MAX;
                memcpy(dst->oid, src->oid, n * sizeof(uint32_t));
                dst->oid_len = n;
        }
}

int mib_tree_next(const struct mib_tree *tree, const uint32_t *name, size_t len,
                  struct mib_hit *ret)
{
        /* Tables may nest (a scalar group around a table), so the answer is the smallest
         * candidate over all tables. Candidates are compared by their parts and their values
         * alternate between ret->value and spare; the winner alone is written out as a hit. */
        struct mib_value spare;
        struct mib_value *val = &ret->value, *best_val = NULL;
        struct inst cand, best = {0};
        for (size_t i = 0; i < tree->n_tables; i++) {
                if (table_next(tree->tables[i], name, len, val, &cand) != 0)
                        continue;
                if (!best_val || inst_cmp(&cand, &best) < 0) {
                        best = cand;
                        struct mib_value *old = best_val;
                        best_val = val;
                        val = old ? old : &spare;
                }
        }
        if (!best_val)
                return -ENOENT;
        hit_fill(best.t, best.column, best.row, ret);
        if (best_val != &ret->value)
                value_copy(&ret->value, best_val);
        return 0;
}

int mib_row_set_index(struct mib_row *r, const uint32_t *idx, size_t len)
{
        if (len == 0 || len > MIB_INDEX_LEN_MAX)
                return -EINVAL;
        r->idx_len = (uint8_t)len;
        if (len <= MIB_INDEX_MAX) {
                memcpy(r->idx, idx, len * sizeof(uint32_t));
                r->idx_ext = NULL;
        } else {
                r->idx_ext = idx;
        }
        return 0;
}

int mib_index_encode_string(const void *s, size_t n, bool implied, uint32_t *dst, size_t dst_max)
{
        const uint8_t *p = s;
        if (n > MIB_STRING_INDEX_MAX)
                return -E2BIG;
        size_t need = n + (implied ? 0 : 1);
        if (need > dst_max)
                return -ENOBUFS;
        if (!implied)
                *dst++ = (uint32_t)n;
        for (size_t i = 0; i < n; i++)
                dst[i] = p[i];
        return (int)need;
}

int mib_index_decode_string(const uint32_t *idx, size_t len, bool implied, void *out, size_t outsz,
                            size_t *ret_len)
{
        size_t n, skip = 0;
        if (implied) {
                n = len;
        } else {
                if (len == 0)
                        return -EINVAL;
                if (idx[0] > len - 1)
                        return -EINVAL; /* the length points past the request */
                n = idx[0];
                skip = 1;
        }
        if (n > MIB_STRING_INDEX_MAX)
                return -EINVAL;
        for (size_t i = 0; i < n; i++) {
                if (idx[skip + i] > UINT8_MAX)
                        return -EINVAL;
        }
        if (n > outsz)
                return -ENOBUFS;
        uint8_t *o = out;
        for (size_t i = 0; i < n; i++)
                o[i] = (uint8_t)idx[skip + i];
        *ret_len = n;
        return (int)(skip + n);
}

static int row_cmp(const void *a, const void *b)
{
        size_t alen, blen;
        const uint32_t *ai = mib_row_index(a, &alen);
        const uint32_t *bi = mib_row_index(b, &blen);
        return mib_oid_cmp(ai, alen, bi, blen);
}

void mib_rows_sort(struct mib_row *v, size_t n)
{
        if (n > 1)
                qsort(v, n, sizeof(*v), row_cmp);
}

static int table_cmp(const void *a, const void *b)
{
        const struct mib_table *ta = *(const struct mib_table *const *)a;
        const struct mib_table *tb = *(const struct mib_table *const *)b;
        return mib_oid_cmp(ta->oid, ta->oid_len, tb->oid, tb->oid_len);
}

void mib_tables_sort(const struct mib_table **v, size_t n)
{
        if (n > 1)
                qsort(v, n, sizeof(*v), table_cmp);
}

__attribute__((format(printf, 3, 4))) static int fail(char *err, size_t errsz, const char *fmt, ...)
{
        if (err && errsz) {
                va_list ap;
                va_start(ap, fmt);
                vsnprintf(err, errsz, fmt, ap);
                va_end(ap);
        }
        return -EINVAL;
}

int mib_rows_check(const struct mib_rows *rows, const char *name, char *err, size_t errsz)
{
        if (!name)
                name = "(unnamed table)";
        if (rows->n && !rows->v)
                return fail(err, errsz, "%s: %zu rows but no row array", name, rows->n);
        for (size_t i = 0; i < rows->n; i++) {
                const struct mib_row *r = &rows->v[i];
                if (r->idx_len == 0 || r->idx_len > MIB_INDEX_LEN_MAX)
                        return fail(err, errsz, "%s: row %zu has an index of %u sub-ids (1..%d)",
                                    name, i, (unsigned)r->idx_len, MIB_INDEX_LEN_MAX);
                if (!r->idx_ext && r->idx_len > MIB_INDEX_MAX)
                        return fail(err, errsz,
                                    "%s: row %zu has an inline index of %u sub-ids (at most %d "
                                    "inline; longer ones need idx_ext)",
                                    name, i, (unsigned)r->idx_len, MIB_INDEX_MAX);
                if (i == 0)
                        continue;
                int c = row_cmp(&rows->v[i - 1], r);
                if (c == 0)
                        return fail(err, errsz, "%s: rows %zu and %zu have the same index", name,
                                    i - 1, i);
                if (c > 0)
                        return fail(err, errsz, "%s: row %zu sorts before row %zu", name, i, i - 1);
        }
        return 0;
}

static const char *table_name(const struct mib_table *t)
{
        return t->name ? t->name : "(unnamed table)";
}

static int table_check(const struct mib_table *t, char *err, size_t errsz)
{
        const char *name = table_name(t);
        if (!t->name)
                return fail(err, errsz, "a table has no name");
        if (t->oid_len == 0 || t->oid_len > MIB_TABLE_OID_MAX)
                return fail(err, errsz, "%s: OID of %zu sub-ids (1..%d)", name, t->oid_len,
                            MIB_TABLE_OID_MAX);
        if (!t->get)
                return fail(err, errsz, "%s: no getter", name);
        if (t->n_columns == 0 || !t->columns)
                return fail(err, errsz, "%s: no columns", name);
        for (size_t c = 0; c < t->n_columns; c++) {
                if (t->columns[c] == 0)
                        return fail(err, errsz, "%s: column 0 (sub-id 0 is no column)", name);
                if (c > 0 && t->columns[c] <= t->columns[c - 1])
                        return fail(err, errsz, "%s: columns not strictly ascending (%u after %u)",
                                    name, t->columns[c], t->columns[c - 1]);
        }
        if (t->rows)
                return mib_rows_check(t->rows, name, err, errsz);
        return 0;
}

/* inner's entry OID lies inside outer's and on an arc that is one of outer's columns. */
static bool nested_on_column(const struct mib_table *outer, const struct mib_table *inner)
{
        if (inner->oid_len <= outer->oid_len ||
            mib_oid_cmp(inner->oid, outer->oid_len, outer->oid, outer->oid_len) != 0)
                return false;
        return column_exists(outer, inner->oid[outer->oid_len]);
}

int mib_tree_check(const struct mib_tree *tree, char *err, size_t errsz)
{
        for (size_t i = 0; i < tree->n_tables; i++) {
                if (!tree->tables[i])
                        return fail(err, errsz, "table %zu of the tree is missing", i);
                int r = table_check(tree->tables[i], err, errsz);
                if (r < 0)
                        return r;
        }
        /* Pairwise rather than adjacent only: the order itself is not known good yet. */
        for (size_t i = 0; i < tree->n_tables; i++) {
                const struct mib_table *a = tree->tables[i];
                for (size_t j = i + 1; j < tree->n_tables; j++) {
                        const struct mib_table *b = tree->tables[j];
                        if (mib_oid_cmp(a->oid, a->oid_len, b->oid, b->oid_len) == 0)
                                return fail(err, errsz, "%s and %s have the same OID",
                                            table_name(a), table_name(b));
                        const struct mib_table *outer = nested_on_column(a, b) ? a : b;
                        const struct mib_table *inner = outer == a ? b : a;
                        if (nested_on_column(outer, inner))
                                return fail(err, errsz, "%s sits on column %u of %s",
                                            table_name(inner), inner->oid[outer->oid_len],
                                            table_name(outer));
                }
        }
        for (size_t i = 1; i < tree->n_tables; i++) {
                const struct mib_table *a = tree->tables[i - 1], *b = tree->tables[i];
                if (mib_oid_cmp(a->oid, a->oid_len, b->oid, b->oid_len) > 0)
                        return fail(err, errsz, "tables not in OID order: %s is listed after %s",
                                    table_name(b), table_name(a));
        }
        return 0;
}

void mib_set_int(struct mib_value *v, int64_t i)
{
        v->type = MIB_T_INTEGER;
        v->i = i < INT32_MIN ? INT32_MIN : i > INT32_MAX ? INT32_MAX : i;
}

void mib_set_gauge(struct mib_value *v, uint64_t u)
{
        v->type = MIB_T_GAUGE;
        v->u = u > UINT32_MAX ? UINT32_MAX : u;
}

void mib_set_counter32(struct mib_value *v, uint64_t u)
{
        v->type = MIB_T_COUNTER32;
        v->u = u & UINT32_MAX;
}

void mib_set_counter64(struct mib_value *v, uint64_t u)
{
        v->type = MIB_T_COUNTER64;
        v->u = u;
}

void mib_set_string(struct mib_value *v, const char *s)
{
        size_t n = strnlen(s, 255);
        v->type = MIB_T_STRING;
        v->str = s;
        v->len = n;
}

void mib_set_datetime(struct mib_value *v, int64_t unix_time)
{
        v->type = MIB_T_STRING;
        v->str = NULL; /* the bytes are in buf */
        memset(v->buf, 0, sizeof(v->buf));
        if (unix_time <= 0) {
                v->len = 8; /* all zero: not known */
                return;
        }
        time_t t = (time_t)unix_time;
        struct tm tm;
        gmtime_r(&t, &tm);
        unsigned year = (unsigned)tm.tm_year + 1900;
        v->buf[0] = (uint8_t)(year >> 8);
        v->buf[1] = (uint8_t)(year & 0xff);
        v->buf[2] = (uint8_t)(tm.tm_mon + 1);
        v->buf[3] = (uint8_t)tm.tm_mday;
        v->buf[4] = (uint8_t)tm.tm_hour;
        v->buf[5] = (uint8_t)tm.tm_min;
        v->buf[6] = (uint8_t)(tm.tm_sec > 59 ? 59 : tm.tm_sec);
        v->buf[7] = 0;
        v->buf[8] = '+';
        v->buf[9] = 0;
        v->buf[10] = 0;
        v->len = 11;
}
